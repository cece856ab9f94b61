/* report_summary.c — `signlog summary`: what was read, and the headline figures of the sign-ins. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "codes.h"
#include "mfa.h"
#include "report.h"
#include "sltime.h"
#include "util.h"

/* Legacy authentication clients as the Entra documentation lists them. */
static const char *const legacy_clients[] = {
	"Authenticated SMTP", "AutoDiscover", "Exchange ActiveSync", "Exchange Online PowerShell",
	"Exchange Web Services", "IMAP4", "MAPI Over HTTP", "Offline Address Book", "Other clients",
	"Outlook Anywhere (RPC over HTTP)", "Outlook Service", "POP3", "Reporting Web Services",
};

int sl_client_is_legacy(const char *c)
{
	for (size_t i = 0; i < sizeof legacy_clients / sizeof legacy_clients[0]; i++)
		if (strcasecmp(c, legacy_clients[i]) == 0)
			return 1;
	/* historical spellings such as "Other clients; IMAP" */
	return strncasecmp(c, "Other clients;", 14) == 0;
}

struct codecount { int64_t code; int64_t n; };

static int by_count(const void *a, const void *b)
{
	const struct codecount *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return (x->code > y->code) - (x->code < y->code);
}

/* Distinct app keys: the lower-cased app id, or the app name when a sign-in has none. */
static int64_t count_apps(const struct sl_store *s)
{
	const struct sl_col *id = &s->col[SL_F_APP_ID], *name = &s->col[SL_F_APP];
	struct sl_dict keys;
	char *seen_name = sl_xcalloc(name->dict.n, 1);
	int64_t n;
	sl_dict_init(&keys);
	for (uint32_t c = 1; c < id->dict.n; c++)
		sl_intern_lower(&keys, &id->dict, c);
	n = keys.n - 1;
	for (size_t r = 0; r < s->n; r++) {
		uint32_t c = name->v.code[r];
		if (!id->v.code[r] && c && !seen_name[c]) {
			seen_name[c] = 1;
			n++;
		}
	}
	free(seen_name);
	sl_dict_free(&keys);
	return n;
}

/* The failure reason text most often logged with an error code (ties: the first in byte
 * order, as in `failures`); it explains codes that have no official name. */
static const char *top_reason(const struct sl_store *s, int64_t code)
{
	const struct sl_col *fr = &s->col[SL_F_FAILURE_REASON];
	uint32_t *count = sl_xcalloc(fr->dict.n, sizeof *count), best = 0;
	for (size_t i = 0; i < s->n; i++) {
		uint32_t c = fr->v.code[i];
		if (c && s->col[SL_F_ERROR_CODE].v.i32[i] == code)
			count[c]++;
	}
	for (uint32_t c = 1; c < fr->dict.n; c++)
		if (count[c] && (count[c] > count[best] ||
		                 (count[c] == count[best] && strcmp(sl_dict_str(&fr->dict, c), sl_dict_str(&fr->dict, best)) < 0)))
			best = c;
	free(count);
	return sl_dict_str(&fr->dict, best);
}

const enum sl_fid sl_summary_fields[] = {
	SL_F_APP, SL_F_APP_ID, SL_F_IP, SL_F_COUNTRY, SL_F_CLIENT_APP, SL_F_AUTH_REQ, SL_F_ADDITIONAL,
	SL_F_FAILURE_REASON, SL_F_ERROR_CODE, SL_F_TIME, SL_F__COUNT
};

void sl_report_summary(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	const struct sl_store *s = &g->store;
	int64_t st[SL_ST__COUNT] = { 0 }, ev[SL_EV__COUNT] = { 0 };
	int64_t first = SL_TIME_NONE, last = SL_TIME_NONE, legacy = 0;
	int64_t mfa_base = 0, mfa_with = 0, mfa_yes = 0;
	const struct sl_col *ca = &s->col[SL_F_CLIENT_APP];
	uint8_t *is_legacy = sl_xcalloc(ca->dict.n, 1);
	struct sl_mfa_rule mr;
	struct codecount *codes = NULL;
	size_t ncodes = 0, capcodes = 0;

	for (uint32_t c = 1; c < ca->dict.n; c++)
		is_legacy[c] = (uint8_t)sl_client_is_legacy(sl_dict_str(&ca->dict, c));
	sl_mfa_rule_init(&mr, s);

	for (size_t i = 0; i < s->n; i++) {
		int64_t t = s->col[SL_F_TIME].v.time[i];
		uint8_t status = s->col[SL_F_STATUS].v.u8[i], e = s->col[SL_F_EVENT_TYPE].v.u8[i];
		int32_t code = s->col[SL_F_ERROR_CODE].v.i32[i];
		if (first == SL_TIME_NONE || t < first)
			first = t;
		if (last == SL_TIME_NONE || t > last)
			last = t;
		st[status]++;
		ev[e]++;
		legacy += is_legacy[ca->v.code[i]];
		if (status == SL_ST_SUCCESS && e != SL_EV_SP && e != SL_EV_MI) {
			enum sl_mfa_class m = sl_mfa_row(&mr, i);
			mfa_base++;
			mfa_with += m != SL_MFA_UNKNOWN;
			mfa_yes += m == SL_MFA_YES;
		}
		if (code != 0 && code != SL_INT_NONE) {
			size_t k;
			for (k = 0; k < ncodes && codes[k].code != code; k++)
				;
			if (k == ncodes) {
				sl_grow((void **)&codes, &capcodes, ncodes + 1, sizeof *codes);
				codes[ncodes].code = code;
				codes[ncodes++].n = 0;
			}
			codes[k].n++;
		}
	}

	struct sl_section *root = sl_report_section(r, NULL, NULL, SL_SEC_KV, NULL, 0);
	sl_kv_int(r, root, "read", (int64_t)g->read);
	sl_kv_int(r, root, "records", (int64_t)g->loaded);
	sl_kv_int(r, root, "duplicates", (int64_t)g->duplicates);
	sl_kv_int(r, root, "revised", (int64_t)g->revised);
	sl_kv_int(r, root, "rejected", (int64_t)g->rejected);
	sl_kv_int(r, root, "skipped", (int64_t)g->skipped);
	sl_kv_int(r, root, "id_conflicts", (int64_t)g->id_conflicts);
	sl_kv_time(r, root, "first", first);
	sl_kv_time(r, root, "last", last);
	sl_kv_int(r, root, "users", s->users.n - 1);
	sl_kv_int(r, root, "apps", count_apps(s));
	sl_kv_int(r, root, "ips", s->col[SL_F_IP].dict.n - 1);
	sl_kv_int(r, root, "countries", s->col[SL_F_COUNTRY].dict.n - 1);
	sl_kv_int(r, root, "legacy_sign_ins", legacy);
	sl_kv_int(r, root, "invalid_utf8", (int64_t)g->invalid_utf8);

	static const struct sl_column stcols[] = {
		{ "status", "Status", SL_CT_STR, 0 },
		{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
		{ "percent", "Percent", SL_CT_PCT, 0 },
	};
	struct sl_section *sec = sl_report_section(r, "status", "Status", SL_SEC_MAP, stcols, 3);
	for (int k = 0; k < SL_ST__COUNT; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		sl_cell_cstr(r, &c[0], sl_status_names[k]);
		sl_cell_int(&c[1], st[k]);
		sl_cell_dbl(&c[2], sl_pct(st[k], (int64_t)s->n));
	}

	static const struct sl_column evcols[] = {
		{ "event_type", "Event type", SL_CT_STR, 0 },
		{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
		{ "percent", "Percent", SL_CT_PCT, 0 },
	};
	sec = sl_report_section(r, "event_types", "Sign-ins by event type", SL_SEC_MAP, evcols, 3);
	for (int k = 0; k < SL_EV__COUNT; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		sl_cell_cstr(r, &c[0], sl_evtype_names[k]);
		sl_cell_int(&c[1], ev[k]);
		sl_cell_dbl(&c[2], sl_pct(ev[k], (int64_t)s->n));
	}

	sec = sl_report_section(r, "mfa", "MFA on successful user sign-ins", SL_SEC_KV, NULL, 0);
	/* the names and definitions of `mfa` */
	sl_kv_int(r, sec, "successful_sign_ins", mfa_base);
	sl_kv_int(r, sec, "with_requirement", mfa_with);
	sl_kv_int(r, sec, "mfa_sign_ins", mfa_yes);
	sl_kv_pct(r, sec, "mfa_percent", mfa_with ? sl_pct(mfa_yes, mfa_with) : (double)NAN);
	if (mfa_base && !mfa_with)
		sec->note = "the input carries no authentication requirement: MFA share unknown";

	static const struct sl_column fcols[] = {
		{ "error_code", "Code", SL_CT_INT, 0 },
		{ "name", "Name", SL_CT_STR, 0 },
		{ "status", "Status", SL_CT_STR, 0 },
		{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
		{ "percent", "Percent", SL_CT_PCT, 0 },
		{ "reason", "Most frequent failure reason", SL_CT_STR, 0 },
	};
	if (ncodes)
		qsort(codes, ncodes, sizeof *codes, by_count);
	sec = sl_report_section(r, "top_failures", "Top failure codes", SL_SEC_TABLE, fcols, 6);
	size_t show = sl_top_rows(r, sec, q, ncodes, 5);
	for (size_t k = 0; k < show; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		const char *name = sl_code_name(codes[k].code);
		sl_cell_int(&c[0], codes[k].code);
		sl_cell_cstr(r, &c[1], name ? name : "");
		sl_cell_cstr(r, &c[2], sl_status_names[sl_status_of(codes[k].code)]);
		sl_cell_int(&c[3], codes[k].n);
		sl_cell_dbl(&c[4], sl_pct(codes[k].n, (int64_t)s->n));
		sl_cell_cstr(r, &c[5], top_reason(s, codes[k].code));
	}

	static const struct sl_column skipcols[] = {
		{ "category", "Category", SL_CT_STR, 0 },
		{ "records", "Records", SL_CT_INT, 1 },
	};
	sec = sl_report_section(r, "skipped_categories", "Records of other logs (skipped)", SL_SEC_TABLE, skipcols, 2);
	for (size_t k = 0; k < g->nskipped_by; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		sl_cell_cstr(r, &c[0], g->skipped_by[k].name);
		sl_cell_int(&c[1], (int64_t)g->skipped_by[k].n);
	}

	static const struct sl_column filecols[] = {
		{ "file", "File", SL_CT_STR, 0 },
		{ "read", "Read", SL_CT_INT, 0 },
		{ "records", "Records", SL_CT_INT, 0 },
		{ "duplicates", "Duplicates", SL_CT_INT, 0 },
		{ "revised", "Revised", SL_CT_INT, 0 },
		{ "rejected", "Rejected", SL_CT_INT, 0 },
		{ "skipped", "Skipped", SL_CT_INT, 0 },
		{ "id_conflicts", "Id conflicts", SL_CT_INT, 0 },
		{ "first", "First", SL_CT_TIME, 0 },
		{ "last", "Last", SL_CT_TIME, 0 },
	};
	sec = sl_report_section(r, "files", "Files", SL_SEC_TABLE, filecols, 10);
	for (size_t k = 0; k < g->nfiles; k++) {
		const struct sl_file_stats *f = &g->files[k];
		struct sl_cell *c = sl_section_row(r, sec);
		sl_cell_cstr(r, &c[0], f->name);
		sl_cell_int(&c[1], (int64_t)f->read);
		sl_cell_int(&c[2], (int64_t)f->loaded);
		sl_cell_int(&c[3], (int64_t)f->duplicates);
		sl_cell_int(&c[4], (int64_t)f->revised);
		sl_cell_int(&c[5], (int64_t)f->rejected);
		sl_cell_int(&c[6], (int64_t)f->skipped);
		sl_cell_int(&c[7], (int64_t)f->id_conflicts);
		sl_cell_int(&c[8], f->first);
		sl_cell_int(&c[9], f->last);
		if (f->not_export)
			sec->note = sl_arena_printf(&r->arena, "%s%s%s: skipped, not an export", sec->note ? sec->note : "",
			                            sec->note ? "; " : "", f->name);
		if (f->authdetails) {
			/* steps are not sign-ins: say what the file gave instead */
			char *n = sl_arena_printf(&r->arena, "%s%s%s: authentication details%s, %llu steps, %llu joined to a loaded sign-in",
			                          sec->note ? sec->note : "", sec->note ? "; " : "", f->name, f->joined_auto ?
			                          " found next to its sign-ins" : "", (unsigned long long)f->steps,
			                          (unsigned long long)f->steps_joined);
			sec->note = n;
		}
	}
	free(codes);
	free(is_legacy);
	sl_mfa_rule_free(&mr);
}
