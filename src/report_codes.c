/* report_codes.c — `signlog codes`: the error-code lookup (name, class, explanation, remedy), offline. */
#include <string.h>
#include "codes.h"
#include "field.h"
#include "report.h"

/* Texts of codes that no data file explains; they state what signlog knows, not Microsoft. */
#define SUCCESS_TEXT "success: 0 is the only error code of a successful sign-in"
#define UNNAMED_TEXT "in Microsoft's error code table without a name; not explained by signlog"
#define UNKNOWN_TEXT "unknown code: not in Microsoft's error code table nor explained by signlog"

static const struct sl_column cols[] = {
	{ "error_code", "Code", SL_CT_INT, 0 },
	{ "name", "Name", SL_CT_STR, 0 },
	{ "status", "Status", SL_CT_STR, 0 },
	{ "explanation", "Explanation", SL_CT_STR, 0 },
	{ "remediation", "First remediation step", SL_CT_STR, 0 },
};

static int lower(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch;
}

/* An argument names a code when it is 1 to 10 digits, optionally after "AADSTS" (any case):
 * the form the sign-in logs and Microsoft's error messages use. 10 digits fit int64_t. */
static int parse_code(const char *s, int64_t *code)
{
	size_t n = 0;
	if (lower(s[0]) == 'a' && lower(s[1]) == 'a' && lower(s[2]) == 'd' && lower(s[3]) == 's' &&
	    lower(s[4]) == 't' && lower(s[5]) == 's')
		s += 6;
	*code = 0;
	for (; s[n] >= '0' && s[n] <= '9'; n++)
		*code = *code * 10 + (s[n] - '0');
	return n >= 1 && n <= 10 && s[n] == '\0' ? 0 : -1;
}

/* Does hay hold needle, ASCII letters compared without regard to case? (Not strcasestr:
 * its case folding follows the locale, and the answer must not.) */
static int contains(const char *hay, const char *needle)
{
	if (!hay)
		return 0;
	for (;; hay++) {
		size_t k = 0;
		while (needle[k] && lower((unsigned char)hay[k]) == lower((unsigned char)needle[k]))
			k++;
		if (!needle[k])
			return 1;
		if (!*hay)
			return 0;
	}
}

/* Does code match --search word: its official name, explanation or remediation holds it?
 * Only those texts count, never the messages this file writes for unknown codes. */
static int matches(int64_t code, const char *word)
{
	const char *remedy, *text = sl_code_explanation(code, &remedy);
	return contains(sl_code_name(code), word) || contains(text, word) || contains(remedy, word);
}

static void code_row(struct sl_report *r, struct sl_section *sec, int64_t code)
{
	struct sl_cell *c = sl_section_row(r, sec);
	const char *name = sl_code_name(code), *remedy, *text = sl_code_explanation(code, &remedy);
	sl_cell_int(&c[0], code);
	sl_cell_cstr(r, &c[1], name ? name : "");
	sl_cell_cstr(r, &c[2], sl_status_names[sl_status_of(code)]);
	if (!text)
		text = code == 0 ? SUCCESS_TEXT : !name ? UNKNOWN_TEXT : !*name ? UNNAMED_TEXT : NULL;
	if (text)
		sl_cell_cstr(r, &c[3], text);
	if (remedy)
		sl_cell_cstr(r, &c[4], remedy);
}

void sl_report_codes(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	const char *title = q->nargs > 0 ? "Codes asked for" : "Every code with a name or an explanation";
	struct sl_section *sec;
	size_t bad = 0;
	(void)g;
	if (q->search)
		title = sl_arena_printf(&r->arena, "%s, holding \"%s\"", title, q->search);
	sec = sl_report_section(r, "codes", title, SL_SEC_TABLE, cols, sizeof cols / sizeof cols[0]);
	if (q->nargs > 0) {
		/* the codes asked for, in the order given; --search keeps those that match */
		for (int i = 0; i < q->nargs; i++) {
			int64_t code;
			if (parse_code(q->args[i], &code) != 0) {
				struct sl_cell *c;
				if (q->search)
					continue;
				c = sl_section_row(r, sec);
				sl_cell_cstr(r, &c[1], "");
				sl_cell_cstr(r, &c[3], sl_arena_printf(&r->arena, "not an error code: %s", q->args[i]));
				bad++;
			} else if (!q->search || (code != 0 && matches(code, q->search))) {
				code_row(r, sec, code);
			}
		}
	} else {
		/* every code with a name or an explanation, ascending */
		size_t n;
		const int64_t *all = sl_codes_known(&n);
		for (size_t i = 0; i < n; i++) {
			const char *name = sl_code_name(all[i]);
			if (!(name && *name) && !sl_code_explanation(all[i], NULL))
				continue;
			if (!q->search || matches(all[i], q->search))
				code_row(r, sec, all[i]);
		}
	}
	if (q->search && sec->nrows == 0)
		sec->note = sl_arena_printf(&r->arena, "no %s matches \"%s\"",
		                            q->nargs > 0 ? "code given" : "code", q->search);
	else if (bad)
		sec->note = sl_arena_printf(&r->arena, "%zu %s (a code is 1 to 10 digits, optionally "
		                            "after AADSTS)", bad, bad == 1 ? "argument is not an error code" :
		                            "arguments are not error codes");
}
