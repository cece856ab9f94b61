/* table.c — building reports: sections, rows and cells, every string owned by the report. */
#include <stdlib.h>
#include <string.h>
#include "table.h"
#include "util.h"

/* Reports are small: a few KiB of names and cells each. */
#define REPORT_ARENA_BLOCK 16384

static const struct sl_column kv_cols[2] = {
	{ "key", NULL, SL_CT_STR, 0 },
	{ "value", NULL, SL_CT_STR, 0 },
};

static const char *adup(struct sl_report *r, const char *s)
{
	return s ? sl_arena_memdup(&r->arena, s, strlen(s)) : NULL;
}

void sl_report_init(struct sl_report *r, const char *name, const char *title)
{
	memset(r, 0, sizeof *r);
	sl_arena_init(&r->arena, REPORT_ARENA_BLOCK);
	r->name = adup(r, name ? name : "");
	r->title = adup(r, title);
}

void sl_report_free(struct sl_report *r)
{
	size_t i;
	/* sections and columns live in the arena; only the grown arrays are malloc'd */
	for (i = 0; i < r->nsec; i++) {
		free(r->secs[i]->cells);
		free(r->secs[i]->kvtypes);
	}
	free(r->secs);
	sl_arena_free(&r->arena);
	memset(r, 0, sizeof *r);
}

struct sl_section *sl_report_section(struct sl_report *r, const char *key, const char *title,
                                     enum sl_skind kind, const struct sl_column *cols, size_t ncols)
{
	struct sl_section *s;
	struct sl_column *c;
	void *p;
	size_t i;

	if (kind == SL_SEC_KV) {
		if (!cols || ncols < 2)
			cols = kv_cols;
		ncols = 2;
	} else if (!key || !cols || ncols < (kind == SL_SEC_MAP ? 2u : 1u)) {
		/* a report bug, not an input problem: no writer could render it */
		sl_die(SL_EXIT_ERROR, "internal error: malformed report section \"%s\"",
		       key ? key : "(null)");
	}
	s = sl_arena_alloc(&r->arena, sizeof *s);
	memset(s, 0, sizeof *s);
	s->key = adup(r, key);
	s->title = adup(r, title);
	s->kind = kind;
	s->ncols = ncols;
	c = sl_arena_alloc(&r->arena, ncols * sizeof *c);
	for (i = 0; i < ncols; i++) {
		c[i] = cols[i];
		c[i].name = adup(r, cols[i].name ? cols[i].name : "");
		c[i].title = adup(r, cols[i].title);
	}
	s->cols = c;

	p = r->secs;
	sl_grow(&p, &r->cap, r->nsec + 1, sizeof *r->secs);
	r->secs = p;
	r->secs[r->nsec++] = s;
	return s;
}

struct sl_cell *sl_section_row(struct sl_report *r, struct sl_section *s)
{
	size_t oldcap = s->cap, i;
	struct sl_cell *row;
	void *p = s->cells;

	(void)r;
	/* cap counts rows, so kvtypes can follow the cells with the same capacity */
	sl_grow(&p, &s->cap, s->nrows + 1, s->ncols * sizeof *s->cells);
	s->cells = p;
	if (s->kind == SL_SEC_KV && s->cap != oldcap)
		s->kvtypes = sl_xrealloc(s->kvtypes, s->cap * sizeof *s->kvtypes);
	row = &s->cells[s->nrows * s->ncols];
	for (i = 0; i < s->ncols; i++) {
		memset(&row[i], 0, sizeof row[i]);
		row[i].null = 1;
	}
	if (s->kind == SL_SEC_KV)
		s->kvtypes[s->nrows] = s->cols[1].type;
	s->nrows++;
	return row;
}

void sl_cell_str(struct sl_report *r, struct sl_cell *c, const char *s, size_t len)
{
	if (!s) {
		c->null = 1;
		c->s = NULL;
		return;
	}
	c->null = 0;
	c->s = sl_arena_memdup(&r->arena, s, len);
}

void sl_cell_cstr(struct sl_report *r, struct sl_cell *c, const char *s)
{
	sl_cell_str(r, c, s, s ? strlen(s) : 0);
}

void sl_cell_list(struct sl_report *r, struct sl_cell *c, const char *const *items, uint32_t n)
{
	const char **v = n ? sl_arena_alloc(&r->arena, n * sizeof *v) : NULL;
	for (uint32_t k = 0; k < n; k++)
		v[k] = adup(r, items[k] ? items[k] : "");
	c->null = 0;
	c->items = v;
	c->nitems = n;
}

void sl_cell_int(struct sl_cell *c, int64_t v)
{
	c->null = 0;
	c->i = v;
}

void sl_cell_dbl(struct sl_cell *c, double v)
{
	c->null = 0;
	c->d = v;
}

static struct sl_cell *kv_row(struct sl_report *r, struct sl_section *s, const char *key,
                              enum sl_ctype type)
{
	struct sl_cell *c;
	if (s->kind != SL_SEC_KV)
		sl_die(SL_EXIT_ERROR, "internal error: key/value row added to section \"%s\"",
		       s->key ? s->key : "(null)");
	c = sl_section_row(r, s);
	sl_cell_cstr(r, &c[0], key);
	s->kvtypes[s->nrows - 1] = type;
	return c;
}

void sl_kv_int(struct sl_report *r, struct sl_section *s, const char *key, int64_t v)
{
	sl_cell_int(&kv_row(r, s, key, SL_CT_INT)[1], v);
}

void sl_kv_pct(struct sl_report *r, struct sl_section *s, const char *key, double v)
{
	sl_cell_dbl(&kv_row(r, s, key, SL_CT_PCT)[1], v);
}

void sl_kv_time(struct sl_report *r, struct sl_section *s, const char *key, int64_t t)
{
	/* SL_TIME_NONE is stored as is: writers show it as no value */
	sl_cell_int(&kv_row(r, s, key, SL_CT_TIME)[1], t);
}

void sl_kv_str(struct sl_report *r, struct sl_section *s, const char *key, const char *v)
{
	sl_cell_cstr(r, &kv_row(r, s, key, SL_CT_STR)[1], v);
}

double sl_pct(int64_t a, int64_t b)
{
	return b ? 100.0 * (double)a / (double)b : 0.0;
}

const char *sl_section_name(const struct sl_report *r, const struct sl_section *s)
{
	return s->key ? s->key : r->name;
}

const struct sl_section *sl_report_table(const struct sl_report *r, const char *name)
{
	for (size_t i = 0; i < r->nsec; i++)
		if (strcmp(sl_section_name(r, r->secs[i]), name) == 0)
			return r->secs[i];
	return NULL;
}

const struct sl_section *sl_report_primary(const struct sl_report *r)
{
	for (size_t i = 0; i < r->nsec; i++)
		if (r->secs[i]->kind == SL_SEC_TABLE)
			return r->secs[i];
	return r->nsec ? r->secs[0] : NULL;
}

const char *sl_ctype_name(enum sl_ctype t)
{
	switch (t) {
	case SL_CT_STR: return "text";
	case SL_CT_INT: return "integer";
	case SL_CT_PCT: return "number";
	case SL_CT_FLOAT: return "number";
	case SL_CT_TIME: return "time";
	case SL_CT_BOOL: return "boolean";
	case SL_CT_LIST: return "list";
	}
	return "text";
}

const char *sl_skind_name(enum sl_skind k)
{
	return k == SL_SEC_KV ? "key-value" : k == SL_SEC_MAP ? "map" : "table";
}
