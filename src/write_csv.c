/* write_csv.c — one table as RFC 4180 fields with LF line ends: a header line, rows of its arity. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "write.h"

/*
 * Layout. Every CSV output is exactly one table: one header line of column names, then one
 * line per row, each with as many fields as the header, whatever the filters; nothing else
 * (no section column, no blank lines, no filter statement). Which table: --table NAME, else
 * the report's primary table (sl_report_primary); -o DIR/ writes every table into a file of
 * its own (output.c). A key-value section is a table of the columns key,value.
 *
 * Values: INT plain, PCT two decimals without "%", TIME ISO 8601, FLOAT %.6g, BOOL
 * true/false, LIST its items joined by ';' in one field, no value empty. Text is quoted only
 * when it holds a comma, quote, CR or LF; invalid UTF-8 becomes U+FFFD; an empty value alone
 * on its row is written "" so that no row is an empty line. Line ends are LF, not RFC 4180's
 * CRLF: every CSV reader accepts LF and the output then diffs and greps like the other formats.
 *
 * Formula guard: spreadsheets run a cell starting with = + - @ TAB or CR as a formula, and
 * log fields are attacker-controlled, so such a text cell gets a leading ' (unless
 * opts->csv_raw); in a list cell every item that starts so gets one, as a spreadsheet split
 * on ';' would run any of them. Numbers are never guarded: -1 stays a number.
 *
 * On a terminal (opts->escape), text is shown escaped as text output shows it, so that a
 * field cannot send escape sequences (OSC 52 writes the clipboard) or reorder the line; in a
 * file or a pipe the bytes stay exact.
 */

static int needs_guard(const char *s)
{
	return s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

/* parts[0..n) joined by ';' as one field (n == 1: a plain field; a list cell's items). */
static void field_parts(FILE *f, const char *const *parts, size_t n, int guard, int escape)
{
	const unsigned char *p;
	size_t len, k, m;
	int quote = 0;
	char **esc = NULL;

	if (escape) {
		esc = malloc(n * sizeof *esc);
		for (k = 0; esc && k < n; k++)
			esc[k] = sl_text_escaped(parts[k]);
		if (esc)
			parts = (const char *const *)esc;
	}
	for (k = 0; k < n; k++)
		quote |= strpbrk(parts[k], ",\"\r\n") != NULL;
	if (quote)
		fputc('"', f);
	for (k = 0; k < n; k++) {
		if (k)
			fputc(';', f);
		if (guard && needs_guard(parts[k]))
			fputc('\'', f);
		p = (const unsigned char *)parts[k];
		m = strlen(parts[k]);
		while (m) {
			if (sl_utf8_decode(p, m, &len) < 0)
				fputs("\xEF\xBF\xBD", f);
			else if (*p == '"')
				fputs("\"\"", f);
			else
				fwrite(p, 1, len, f);
			p += len;
			m -= len;
		}
	}
	if (quote)
		fputc('"', f);
	for (k = 0; esc && k < n; k++)
		free(esc[k]);
	free(esc);
}

static void field(FILE *f, const char *s, int guard, int escape)
{
	field_parts(f, &s, 1, guard, escape);
}

static void cell(FILE *f, const struct sl_cell *c, enum sl_ctype t, const struct sl_write_opts *o)
{
	char buf[SL_CELL_BUF];
	const char *v = sl_cell_text(c, t, 0, buf);
	if (t == SL_CT_LIST && !c->null) {
		field_parts(f, c->items, c->nitems, !o->csv_raw, o->escape);
		return;
	}
	if (!v)
		return;
	if (t == SL_CT_STR)
		field(f, v, !o->csv_raw, o->escape);
	else
		fputs(v, f);    /* digits, '.', '-', 'e', ':' or true/false: never needs quotes */
}

static int is_empty(const struct sl_cell *c, enum sl_ctype t)
{
	char buf[SL_CELL_BUF];
	const char *v = sl_cell_text(c, t, 0, buf);
	if (t == SL_CT_LIST)
		return c->null || c->nitems == 0 || (c->nitems == 1 && !c->items[0][0]);
	return !v || !v[0];
}

static void table(FILE *f, const struct sl_section *s, const struct sl_write_opts *o)
{
	size_t row, col;

	for (col = 0; col < s->ncols; col++) {
		if (col)
			fputc(',', f);
		field(f, s->cols[col].name, 0, 0);
	}
	fputc('\n', f);
	for (row = 0; row < s->nrows; row++) {
		for (col = 0; col < s->ncols; col++) {
			if (col)
				fputc(',', f);
			cell(f, sl_cell_at(s, row, col), sl_cell_type(s, row, col), o);
		}
		/* an empty line would read as no row at all */
		if (s->ncols == 1 && is_empty(sl_cell_at(s, row, 0), s->cols[0].type))
			fputs("\"\"", f);
		fputc('\n', f);
	}
}

int sl_write_csv(FILE *f, const struct sl_report *r, const struct sl_write_opts *o)
{
	const struct sl_section *s = o->table ? sl_report_table(r, o->table) : sl_report_primary(r);
	if (s)
		table(f, s, o);
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}
