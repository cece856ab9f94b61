/* write_csv.c — RFC 4180 fields with LF line ends; one table, or blocks led by a "section" column. */
#include <stdio.h>
#include <string.h>
#include "write.h"

/*
 * Layout. A report with exactly one TABLE or MAP section and no KV rows is written as that
 * table alone: a header of column names, then the rows. Anything else is written as blocks,
 * one per section in report order, separated by one empty line; the first column of every
 * block is "section", holding the section key on each row (the report name for the root
 * KV), so that a reader can tell the blocks apart without comment lines, which CSV lacks:
 *
 *   section,key,value          <- a KV section (KV sections with no rows are left out)
 *   summary,records,3
 *
 *   section,app,count          <- a TABLE or MAP: its column names
 *   apps,Teams,2
 *
 * Values: INT plain, PCT two decimals without "%", TIME ISO 8601, FLOAT %.6g, BOOL
 * true/false, LIST its items joined by ';' in one field, no value empty. Text is quoted only when it holds a comma, quote, CR or LF;
 * invalid UTF-8 becomes U+FFFD; an empty value alone on its row is written "" so that no
 * row is an empty line. Line ends are LF, not RFC 4180's CRLF: every CSV reader
 * accepts LF and the output then diffs and greps like the other formats.
 *
 * Formula guard: spreadsheets run a cell starting with = + - @ TAB or CR as a formula, and
 * log fields are attacker-controlled, so such a text cell gets a leading ' (unless
 * opts->csv_raw). Numbers are never guarded: -1 stays a number.
 */

/* parts[0..n) joined by ';' as one field (n == 1: a plain field; a list cell's items). */
static void field_parts(FILE *f, const char *const *parts, size_t n, int guard)
{
	const unsigned char *p;
	size_t len, k, m;
	int quote = 0;

	for (k = 0; k < n; k++)
		quote |= strpbrk(parts[k], ",\"\r\n") != NULL;
	if (quote)
		fputc('"', f);
	/* the guard looks at the joined text: its first character is the first item's */
	if (guard && n && parts[0][0] && strchr("=+-@\t\r", parts[0][0]))
		fputc('\'', f);
	for (k = 0; k < n; k++) {
		if (k)
			fputc(';', f);
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
}

static void field(FILE *f, const char *s, int guard)
{
	field_parts(f, &s, 1, guard);
}

static void cell(FILE *f, const struct sl_cell *c, enum sl_ctype t, const struct sl_write_opts *o)
{
	char buf[SL_CELL_BUF];
	const char *v = sl_cell_text(c, t, 0, buf);
	if (t == SL_CT_LIST && !c->null) {
		field_parts(f, c->items, c->nitems, !o->csv_raw);
		return;
	}
	if (!v)
		return;
	if (t == SL_CT_STR)
		field(f, v, !o->csv_raw);
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

/* tag: the block's section name, or NULL for the single-table layout. */
static void block(FILE *f, const struct sl_section *s, const char *tag, const struct sl_write_opts *o)
{
	size_t row, col;

	if (tag)
		fputs(s->kind == SL_SEC_KV ? "section,key,value" : "section,", f);
	if (s->kind != SL_SEC_KV) {
		for (col = 0; col < s->ncols; col++) {
			if (col)
				fputc(',', f);
			field(f, s->cols[col].name, 0);
		}
	}
	fputc('\n', f);
	for (row = 0; row < s->nrows; row++) {
		if (tag) {
			field(f, tag, 0);
			fputc(',', f);
		}
		for (col = 0; col < s->ncols; col++) {
			if (col)
				fputc(',', f);
			cell(f, sl_cell_at(s, row, col), sl_cell_type(s, row, col), o);
		}
		/* an empty line would read as no row at all (or as the end of a block) */
		if (!tag && s->ncols == 1 && is_empty(sl_cell_at(s, row, 0), s->cols[0].type))
			fputs("\"\"", f);
		fputc('\n', f);
	}
}

int sl_write_csv(FILE *f, const struct sl_report *r, const struct sl_write_opts *o)
{
	const struct sl_section *only = NULL, *s;
	size_t i, tables = 0, kvrows = 0;
	int first = 1;

	for (i = 0; i < r->nsec; i++) {
		if (r->secs[i]->kind == SL_SEC_KV) {
			kvrows += r->secs[i]->nrows;
		} else {
			tables++;
			only = r->secs[i];
		}
	}
	if (tables == 1 && kvrows == 0) {
		block(f, only, NULL, o);
	} else {
		for (i = 0; i < r->nsec; i++) {
			s = r->secs[i];
			if (s->kind == SL_SEC_KV && s->nrows == 0)
				continue;
			if (!first)
				fputc('\n', f);
			first = 0;
			block(f, s, s->key ? s->key : r->name, o);
		}
	}
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}
