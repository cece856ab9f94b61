/* report_list.c — `signlog list`: the sign-ins themselves, one row each, with the columns asked for. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "sltime.h"
#include "util.h"

/* The portal's default view (date, request id, user, application, status, IP address,
 * location, conditional access) with the error code and failure reason: the export made most
 * is "all failures". */
const enum sl_fid sl_list_fields_default[] = {
	SL_F_TIME, SL_F_REQUEST_ID, SL_F_USER, SL_F_APP, SL_F_STATUS, SL_F_ERROR_CODE,
	SL_F_FAILURE_REASON, SL_F_IP, SL_F_CITY, SL_F_COUNTRY, SL_F_CA_STATUS, SL_F__COUNT,
};

/* Parse --columns into fids (NULL: the default set; "all": every field in registry order; a
 * field named twice is shown once). Returns the count, or -1 with err set; *out is malloc'd
 * (the caller frees) when the count is >= 0. */
static long parse_columns(const char *spec, enum sl_fid **out, char *err, size_t errlen)
{
	size_t n = 0;
	const char *p, *e;
	char name[128];
	uint8_t seen[SL_F__COUNT] = { 0 };
	int f;

	if (!spec) {
		while (sl_list_fields_default[n] != SL_F__COUNT)
			n++;
		*out = sl_xcalloc(n, sizeof **out);
		memcpy(*out, sl_list_fields_default, n * sizeof **out);
		return (long)n;
	}
	*out = sl_xcalloc(SL_F__COUNT, sizeof **out);
	for (p = spec;; p = e + 1) {
		e = strchr(p, ',');
		if (!e)
			e = p + strlen(p);
		snprintf(name, sizeof name, "%.*s", (int)(e - p < 127 ? e - p : 127), p);
		if (strcmp(name, "all") == 0) {
			for (f = 0; f < SL_F__COUNT; f++)
				if (!seen[f]++)
					(*out)[n++] = (enum sl_fid)f;
		} else if ((f = sl_field_find(name)) < 0) {
			const char *names[SL_F__COUNT + 1];
			char dym[160] = "";
			const char *near;
			for (int k = 0; k < SL_F__COUNT; k++)
				names[k] = sl_fields[k].name;
			names[SL_F__COUNT] = "all";
			if ((near = sl_nearest(name, names, SL_F__COUNT + 1)) != NULL)
				snprintf(dym, sizeof dym, "; did you mean %s?", near);
			snprintf(err, errlen, "unknown field '%s' in --columns (see signlog fields)%s", name, dym);
			free(*out);
			*out = NULL;
			return -1;
		} else if (!seen[f]++) {
			(*out)[n++] = (enum sl_fid)f;
		}
		if (!*e)
			break;
	}
	return (long)n;
}

/* Parse --sort: the field (or -1 when not given) and the direction. */
static int parse_sort(const char *spec, int *field, int *desc, char *err, size_t errlen)
{
	*field = -1;
	*desc = 0;
	if (!spec)
		return 0;
	if (*spec == '-') {
		*desc = 1;
		spec++;
	}
	if ((*field = sl_field_find(spec)) < 0) {
		const char *names[SL_F__COUNT];
		const char *near;
		char dym[160] = "";
		for (int k = 0; k < SL_F__COUNT; k++)
			names[k] = sl_fields[k].name;
		if ((near = sl_nearest(spec, names, SL_F__COUNT)) != NULL)
			snprintf(dym, sizeof dym, "; did you mean %s?", near);
		snprintf(err, errlen, "unknown field '%s' in --sort (see signlog fields)%s", spec, dym);
		return -1;
	}
	/* a repeating field has no single value to order sign-ins by */
	if (sl_fields[*field].list != SL_LIST_NONE) {
		snprintf(err, errlen, "--sort takes a field with one value per sign-in, not '%s'", spec);
		return -1;
	}
	return 0;
}

int sl_list_want(const struct sl_query *q, uint8_t want[SL_F__COUNT], char *err, size_t errlen)
{
	enum sl_fid *cols;
	long n = parse_columns(q->columns, &cols, err, errlen);
	int sf, desc;

	if (n < 0)
		return -1;
	for (long k = 0; k < n; k++)
		want[cols[k]] = 1;
	free(cols);
	if (parse_sort(q->sort, &sf, &desc, err, errlen) != 0)
		return -1;
	if (sf >= 0)
		want[sf] = 1;
	return 0;
}

/* Sort context: qsort_r keeps the comparison free of globals. */
struct sortctx {
	const struct sl_store *s;
	enum sl_fid f;
	int desc;
};

/* Text fields (STR, GUID, ENUM) compare by their text in byte order, the others by number;
 * missing values go last in either direction; ties keep load order. */
static int cmp_rows(const void *a, const void *b, void *arg)
{
	const struct sortctx *x = arg;
	const struct sl_col *c = &x->s->col[x->f];
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	int mi, mj, r = 0;
	char bi[64], bj[64];

	switch (c->type) {
	case SL_FT_TIME:
		mi = c->v.time[i] == SL_TIME_NONE;
		mj = c->v.time[j] == SL_TIME_NONE;
		if (!mi && !mj)
			r = (c->v.time[i] > c->v.time[j]) - (c->v.time[i] < c->v.time[j]);
		break;
	case SL_FT_INT:
		mi = c->v.i32[i] == SL_INT_NONE;
		mj = c->v.i32[j] == SL_INT_NONE;
		if (!mi && !mj)
			r = (c->v.i32[i] > c->v.i32[j]) - (c->v.i32[i] < c->v.i32[j]);
		break;
	case SL_FT_FLOAT:
		mi = isnan(c->v.dbl[i]);
		mj = isnan(c->v.dbl[j]);
		if (!mi && !mj)
			r = (c->v.dbl[i] > c->v.dbl[j]) - (c->v.dbl[i] < c->v.dbl[j]);
		break;
	case SL_FT_BOOL:
		mi = c->v.u8[i] == SL_BOOL_NONE;
		mj = c->v.u8[j] == SL_BOOL_NONE;
		if (!mi && !mj)
			r = (c->v.u8[i] > c->v.u8[j]) - (c->v.u8[i] < c->v.u8[j]);
		break;
	default: {
		const char *ti = sl_value_text(x->s, x->f, i, bi, sizeof bi);
		const char *tj = sl_value_text(x->s, x->f, j, bj, sizeof bj);
		mi = !*ti;
		mj = !*tj;
		if (!mi && !mj)
			r = strcmp(ti, tj);
		break;
	}
	}
	if (mi != mj)
		return mi ? 1 : -1;
	if (r)
		return x->desc ? -r : r;
	return (i > j) - (i < j);
}

/* One scalar cell: no value (empty text, SL_TIME_NONE, SL_INT_NONE, NaN, SL_BOOL_NONE) stays null. */
static void scalar_cell(struct sl_report *r, struct sl_cell *cell, const struct sl_store *s,
                        enum sl_fid f, size_t i)
{
	const struct sl_col *c = &s->col[f];
	char buf[64];
	const char *t;

	switch (c->type) {
	case SL_FT_TIME:
		if (c->v.time[i] != SL_TIME_NONE)
			sl_cell_int(cell, c->v.time[i]);
		break;
	case SL_FT_INT:
		if (c->v.i32[i] != SL_INT_NONE)
			sl_cell_int(cell, c->v.i32[i]);
		break;
	case SL_FT_FLOAT:
		if (!isnan(c->v.dbl[i]))
			sl_cell_dbl(cell, c->v.dbl[i]);
		break;
	case SL_FT_BOOL:
		if (c->v.u8[i] != SL_BOOL_NONE)
			sl_cell_int(cell, c->v.u8[i]);
		break;
	default:
		t = sl_value_text(s, f, i, buf, sizeof buf);
		if (*t)
			sl_cell_cstr(r, cell, t);
		break;
	}
}

void sl_report_list(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	const struct sl_store *s = &g->store;
	char err[256];
	enum sl_fid *fids;
	long nc = parse_columns(q->columns, &fids, err, sizeof err);
	struct sl_column *cols;
	struct sl_section *sec;
	struct sortctx ctx = { s, SL_F_TIME, 0 };
	uint32_t *ord = sl_xcalloc(s->n ? s->n : 1, sizeof *ord);
	size_t show, maxch = 1;
	char (*bufs)[64];
	const char **items;
	int sf;

	if (nc < 0 || parse_sort(q->sort, &sf, &ctx.desc, err, sizeof err) != 0)
		sl_die(SL_EXIT_USAGE, "%s", err);   /* sl_list_want already refused these */
	cols = sl_xcalloc((size_t)nc, sizeof *cols);
	for (long k = 0; k < nc; k++) {
		char *name = sl_arena_printf(&r->arena, "%s", sl_fields[fids[k]].name);
		for (char *p = name; *p; p++)
			if (*p == '-')
				*p = '_';
		cols[k].name = name;
		cols[k].type = sl_field_ctype(fids[k]);
	}
	sec = sl_report_section(r, "sign_ins", "Sign-ins", SL_SEC_TABLE, cols, (size_t)nc);

	for (size_t i = 0; i < s->n; i++)
		ord[i] = (uint32_t)i;
	if (sf >= 0) {
		ctx.f = (enum sl_fid)sf;
		qsort_r(ord, s->n, sizeof *ord, cmp_rows, &ctx);
	}
	/* every sign-in unless --top (or its alias --limit) asks for the first N */
	show = sl_top_rows(r, sec, q, s->n, 0);

	/* scratch for one row's list items, sized once for the longest list */
	for (long k = 0; k < nc; k++) {
		enum sl_list l = sl_fields[fids[k]].list;
		if (l == SL_LIST_NONE)
			continue;
		for (size_t i = 0; i < s->n; i++)
			if (s->loff[l][i + 1] - s->loff[l][i] > maxch)
				maxch = s->loff[l][i + 1] - s->loff[l][i];
	}
	bufs = sl_xcalloc(maxch, sizeof *bufs);
	items = sl_xcalloc(maxch, sizeof *items);

	for (size_t n = 0; n < show; n++) {
		size_t i = ord[n];
		struct sl_cell *row = sl_section_row(r, sec);
		for (long k = 0; k < nc; k++) {
			enum sl_fid f = fids[k];
			enum sl_list l = sl_fields[f].list;
			if (l == SL_LIST_NONE) {
				scalar_cell(r, &row[k], s, f, i);
				continue;
			}
			uint32_t b = s->loff[l][i], e = s->loff[l][i + 1];
			for (uint32_t j = b; j < e; j++)
				items[j - b] = sl_value_text(s, f, j, bufs[j - b], sizeof bufs[j - b]);
			sl_cell_list(r, &row[k], items, e - b);
		}
	}
	free(bufs);
	free(items);
	free(ord);
	free(cols);
	free(fids);
}
