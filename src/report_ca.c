/* report_ca.c — `signlog ca`: the conditional access status of the sign-ins, and each policy's outcomes. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "util.h"

/* Policy results as Graph names them (appliedConditionalAccessPolicy.result). */
enum { R_SUCCESS, R_FAILURE, R_NOT_APPLIED, R_RO_SUCCESS, R_RO_FAILURE, R_RO_NOT_APPLIED,
       R_RO_INTERRUPTED, R_NOT_ENABLED, R_OTHER, R__COUNT };
static const char *const result_names[R__COUNT] = {
	"success", "failure", "notApplied", "reportOnlySuccess", "reportOnlyFailure",
	"reportOnlyNotApplied", "reportOnlyInterrupted", "notEnabled", "",
};

/* The conditional access status values, in the order they are listed. */
enum { S_SUCCESS, S_FAILURE, S_NOT_APPLIED, S__COUNT };
static const char *const status_names[S__COUNT] = { "success", "failure", "notApplied" };

/* A value with case, spaces and punctuation dropped, so that "notApplied", "Not Applied"
 * and "Report-only: Success" match the Graph names. */
static void squash(const char *v, char *out, size_t size)
{
	size_t n = 0;
	for (; *v && n + 1 < size; v++)
		if (isalnum((unsigned char)*v))
			out[n++] = (char)tolower((unsigned char)*v);
	out[n] = '\0';
}

static int classify(const char *v, const char *const *names, int count, int dflt)
{
	char buf[64], name[64];
	squash(v, buf, sizeof buf);
	for (int k = 0; k < count; k++) {
		squash(names[k], name, sizeof name);
		if (name[0] && strcmp(buf, name) == 0)
			return k;
	}
	return dflt;
}

const enum sl_fid sl_ca_fields[] = {
	SL_F_CA_STATUS, SL_F_CA_POLICY, SL_F_CA_RESULT, SL_F_ERROR_CODE, SL_F__COUNT
};

void sl_report_ca(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	const struct sl_store *s = &g->store;
	const struct sl_col *cs = &s->col[SL_F_CA_STATUS], *pol = &s->col[SL_F_CA_POLICY];
	const struct sl_col *res = &s->col[SL_F_CA_RESULT];
	const uint32_t *loff = s->loff[SL_LIST_CAP];
	const int32_t *code = s->col[SL_F_ERROR_CODE].v.i32;

	/* overall status: the three known values (any spelling) and the others as logged */
	int *st_class = sl_xmalloc(cs->dict.n * sizeof *st_class);
	int64_t *st_n = sl_xcalloc(cs->dict.n, sizeof *st_n), known[S__COUNT] = { 0 }, with = 0;
	for (uint32_t c = 1; c < cs->dict.n; c++)
		st_class[c] = classify(sl_dict_str(&cs->dict, c), status_names, S__COUNT, -1);
	for (size_t i = 0; i < s->n; i++)
		st_n[cs->v.code[i]]++;
	for (uint32_t c = 1; c < cs->dict.n; c++) {
		with += st_n[c];
		if (st_class[c] >= 0)
			known[st_class[c]] += st_n[c];
	}

	struct sl_section *root = sl_report_section(r, NULL, NULL, SL_SEC_KV, NULL, 0);
	sl_kv_int(r, root, "sign_ins", (int64_t)s->n);
	sl_kv_int(r, root, "with_ca_status", with);

	static const struct sl_column stcols[] = {
		{ "ca_status", "Conditional access status", SL_CT_STR, 0 },
		{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
		{ "percent", "Percent", SL_CT_PCT, 0 },
	};
	struct sl_section *sec = sl_report_section(r, "status", "Conditional access status", SL_SEC_MAP, stcols, 3);
	for (int k = 0; k < S__COUNT; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		sl_cell_cstr(r, &c[0], status_names[k]);
		sl_cell_int(&c[1], known[k]);
		sl_cell_dbl(&c[2], sl_pct(known[k], with));
	}
	struct sl_rank *rk = sl_xmalloc(cs->dict.n * sizeof *rk);
	size_t nr = 0;
	for (uint32_t c = 1; c < cs->dict.n; c++)
		if (st_class[c] < 0)
			rk[nr++] = (struct sl_rank){ st_n[c], sl_dict_str(&cs->dict, c), c };
	sl_rank_sort(rk, nr);
	for (size_t k = 0; k < nr; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		sl_cell_cstr(r, &c[0], rk[k].key);
		sl_cell_int(&c[1], rk[k].count);
		sl_cell_dbl(&c[2], sl_pct(rk[k].count, with));
	}
	free(rk);
	free(st_class);
	free(st_n);

	/* per policy: one count per (sign-in, listed policy) */
	int *rclass = sl_xmalloc(res->dict.n * sizeof *rclass);
	for (uint32_t c = 0; c < res->dict.n; c++)
		rclass[c] = classify(sl_dict_str(&res->dict, c), result_names, R__COUNT, R_OTHER);
	int64_t (*pn)[R__COUNT] = sl_xcalloc(pol->dict.n, sizeof *pn);
	int64_t *blocked = sl_xcalloc(pol->dict.n, sizeof *blocked);
	for (size_t i = 0; i < s->n; i++) {
		for (uint32_t k = loff[i]; k < loff[i + 1]; k++) {
			uint32_t p = pol->v.code[k];
			int rc = rclass[res->v.code[k]];
			pn[p][rc]++;
			blocked[p] += code[i] == 53003 && rc == R_FAILURE;
		}
	}
	free(rclass);

	rk = sl_xmalloc(pol->dict.n * sizeof *rk);
	nr = 0;
	int64_t *applied = sl_xcalloc(pol->dict.n, sizeof *applied), *listed = sl_xcalloc(pol->dict.n, sizeof *listed);
	for (uint32_t p = 0; p < pol->dict.n; p++) {
		for (int k = 0; k < R__COUNT; k++)
			listed[p] += pn[p][k];
		applied[p] = pn[p][R_SUCCESS] + pn[p][R_FAILURE] + pn[p][R_RO_SUCCESS] +
		             pn[p][R_RO_FAILURE] + pn[p][R_RO_INTERRUPTED];
		if (listed[p])
			rk[nr++] = (struct sl_rank){ applied[p], sl_dict_str(&pol->dict, p), p };
	}
	sl_rank_sort(rk, nr);

	static const struct sl_column pcols[] = {
		{ "policy", "Policy", SL_CT_STR, 0 },
		{ "success", "Success", SL_CT_INT, 0 },
		{ "failure", "Failure", SL_CT_INT, 0 },
		{ "not_applied", "Not applied", SL_CT_INT, 0 },
		{ "report_only_success", "RO success", SL_CT_INT, 0 },
		{ "report_only_failure", "RO failure", SL_CT_INT, 0 },
		{ "report_only_not_applied", "RO not applied", SL_CT_INT, 0 },
		{ "report_only_interrupted", "RO interrupted", SL_CT_INT, 0 },
		{ "not_enabled", "Not enabled", SL_CT_INT, 0 },
		{ "blocked", "Blocked (53003)", SL_CT_INT, 0 },
		{ "applied", "Applied", SL_CT_INT, 1 },
		{ "other", "Other", SL_CT_INT, 0 },
		{ "listed", "Listed", SL_CT_INT, 0 },
	};
	sec = sl_report_section(r, "policies", "Conditional access policies", SL_SEC_TABLE, pcols, 13);
	size_t show = sl_top_rows(r, sec, q, nr, 50);
	for (size_t k = 0; k < show; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		size_t p = rk[k].idx;
		if (p)
			sl_cell_cstr(r, &c[0], rk[k].key);
		for (int j = R_SUCCESS; j <= R_NOT_ENABLED; j++)
			sl_cell_int(&c[1 + j], pn[p][j]);
		sl_cell_int(&c[9], blocked[p]);
		sl_cell_int(&c[10], applied[p]);
		sl_cell_int(&c[11], pn[p][R_OTHER]);
		sl_cell_int(&c[12], listed[p]);
	}
	free(rk);
	free(applied);
	free(listed);
	free(pn);
	free(blocked);
}
