/* write_json.c — one pretty-printed JSON document in insertion order, always valid UTF-8. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "write.h"

static void indent(FILE *f, int level)
{
	int i;
	for (i = 0; i < level; i++)
		fputs("  ", f);
}

/* Log fields are attacker-controlled: whatever their bytes, the document must stay valid,
 * so invalid UTF-8 becomes U+FFFD and anything a terminal or JS parser could trip on is
 * escaped (C0, DEL, C1, and U+2028/2029 which are line ends in JavaScript). */
static void jstr(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), len;
	int32_t cp;

	fputc('"', f);
	while (n) {
		cp = sl_utf8_decode(p, n, &len);
		if (cp < 0)
			fputs("\xEF\xBF\xBD", f);
		else if (cp == '"')
			fputs("\\\"", f);
		else if (cp == '\\')
			fputs("\\\\", f);
		else if (cp == '\n')
			fputs("\\n", f);
		else if (cp == '\t')
			fputs("\\t", f);
		else if (cp == '\r')
			fputs("\\r", f);
		else if (cp == '\b')
			fputs("\\b", f);
		else if (cp == '\f')
			fputs("\\f", f);
		else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029)
			fprintf(f, "\\u%04x", (unsigned)cp);
		else
			fwrite(p, 1, len, f);
		p += len;
		n -= len;
	}
	fputc('"', f);
}

/* sep: what follows each comma ("" in compact output). */
static void jvalue_sep(FILE *f, const struct sl_cell *c, enum sl_ctype t, const char *sep)
{
	char buf[SL_CELL_BUF];
	const char *v = sl_cell_text(c, t, 0, buf);
	if (t == SL_CT_LIST && !c->null) {
		fputc('[', f);
		for (uint32_t k = 0; k < c->nitems; k++) {
			if (k) {
				fputc(',', f);
				fputs(sep, f);
			}
			/* an element without this value (a step without a method): no value, not "" */
			if (c->items[k][0])
				jstr(f, c->items[k]);
			else
				fputs("null", f);
		}
		fputc(']', f);
	} else if (!v)
		fputs("null", f);
	else if (t == SL_CT_STR || t == SL_CT_TIME)
		jstr(f, v);
	else
		fputs(v, f);      /* numbers and true/false are already JSON tokens */
}

static void jvalue(FILE *f, const struct sl_cell *c, enum sl_ctype t)
{
	jvalue_sep(f, c, t, " ");
}

/* Object keys must be strings: a MAP keyed by an error code gets "50126". */
static void jkey(FILE *f, const struct sl_cell *c, enum sl_ctype t)
{
	char buf[SL_CELL_BUF];
	const char *v = sl_cell_text(c, t, 0, buf);
	jstr(f, v ? v : "");
	fputs(": ", f);
}

/* Opens a member of the enclosing object or array: comma after the previous one. */
static void member(FILE *f, int *first, int level)
{
	fputs(*first ? "\n" : ",\n", f);
	*first = 0;
	indent(f, level);
}

static void close_container(FILE *f, int first, int level, char close)
{
	/* empty containers stay on one line, as jq prints them */
	if (!first) {
		fputc('\n', f);
		indent(f, level);
	}
	fputc(close, f);
}

static void kv_pairs(FILE *f, const struct sl_section *s, int *first, int level)
{
	size_t row;
	for (row = 0; row < s->nrows; row++) {
		member(f, first, level);
		jkey(f, sl_cell_at(s, row, 0), SL_CT_STR);
		jvalue(f, sl_cell_at(s, row, 1), sl_cell_type(s, row, 1));
	}
}

static void section(FILE *f, const struct sl_section *s, int level)
{
	size_t row, col;
	int first = 1, rfirst;

	switch (s->kind) {
	case SL_SEC_KV:
		fputc('{', f);
		kv_pairs(f, s, &first, level + 1);
		close_container(f, first, level, '}');
		break;
	case SL_SEC_MAP:
		fputc('{', f);
		for (row = 0; row < s->nrows; row++) {
			member(f, &first, level + 1);
			jkey(f, sl_cell_at(s, row, 0), s->cols[0].type);
			jvalue(f, sl_cell_at(s, row, 1), s->cols[1].type);
		}
		close_container(f, first, level, '}');
		break;
	case SL_SEC_TABLE:
		fputc('[', f);
		for (row = 0; row < s->nrows; row++) {
			member(f, &first, level + 1);
			fputc('{', f);
			rfirst = 1;
			for (col = 0; col < s->ncols; col++) {
				member(f, &rfirst, level + 2);
				jstr(f, s->cols[col].name);
				fputs(": ", f);
				jvalue(f, sl_cell_at(s, row, col), s->cols[col].type);
			}
			close_container(f, rfirst, level + 1, '}');
		}
		close_container(f, first, level, ']');
		break;
	}
}

/* Is section s written under --table? */
static int shown(const struct sl_report *r, const struct sl_section *s, const struct sl_write_opts *o)
{
	return !o || !o->table || strcmp(o->table, sl_section_name(r, s)) == 0;
}

static void jint(FILE *f, int64_t v, int null)
{
	if (null)
		fputs("null", f);
	else
		fprintf(f, "%lld", (long long)v);
}

/*
 * The document: "signlog_output" (the version of this contract), "report" (the command),
 * "filter" (always: the filters as given, "" for none, and how many sign-ins they selected of
 * how many loaded; null counts for commands that read no sign-ins), the pairs of the root
 * key-value section, one key per other section in report order, and "notes" (always: each
 * section's line under it in text, by section name). Keys are unique: no section may take
 * one of these names, and a report never names two sections alike.
 */
int sl_write_json(FILE *f, const struct sl_report *r, const struct sl_write_opts *o)
{
	size_t i;
	int first = 1, nfirst = 1;

	fputc('{', f);
	member(f, &first, 1);
	fputs("\"signlog_output\": 1", f);
	member(f, &first, 1);
	jstr(f, "report");
	fputs(": ", f);
	jstr(f, r->name);
	member(f, &first, 1);
	fputs("\"filter\": {\"expression\": ", f);
	jstr(f, r->filter ? r->filter : "");
	fputs(", \"selected\": ", f);
	jint(f, r->selected, !r->reads_signins);
	fputs(", \"of\": ", f);
	jint(f, r->of, !r->reads_signins);
	fputc('}', f);
	/* root pairs first, whatever their position among the sections */
	for (i = 0; i < r->nsec; i++)
		if (r->secs[i]->kind == SL_SEC_KV && !r->secs[i]->key && shown(r, r->secs[i], o))
			kv_pairs(f, r->secs[i], &first, 1);
	for (i = 0; i < r->nsec; i++) {
		if (!r->secs[i]->key || !shown(r, r->secs[i], o))
			continue;
		member(f, &first, 1);
		jstr(f, r->secs[i]->key);
		fputs(": ", f);
		section(f, r->secs[i], 1);
	}
	/* what the text output says under a section (rows cut by --top, data the input does
	 * not carry) matters to a script too: "notes" maps each such section to its line */
	member(f, &first, 1);
	jstr(f, "notes");
	fputs(": {", f);
	for (i = 0; i < r->nsec; i++) {
		const struct sl_section *sec = r->secs[i];
		if (!sec->note || !shown(r, sec, o))
			continue;
		member(f, &nfirst, 2);
		jstr(f, sl_section_name(r, sec));
		fputs(": ", f);
		jstr(f, sec->note);
	}
	close_container(f, nfirst, 1, '}');
	close_container(f, first, 0, '}');
	fputc('\n', f);
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}

/* One JSON Lines record: "table" and then the pairs. */
static void jl_row(FILE *f, const struct sl_report *r, const struct sl_section *s, size_t row)
{
	fputs("{\"table\":", f);
	jstr(f, sl_section_name(r, s));
	for (size_t col = 0; col < s->ncols; col++) {
		fputc(',', f);
		jstr(f, s->cols[col].name);
		fputc(':', f);
		jvalue_sep(f, sl_cell_at(s, row, col), s->cols[col].type, "");
	}
	fputs("}\n", f);
}

/* JSON Lines: one record per row of every table, in report order, each with the key "table"
 * naming its table first; a key-value section is one record of its pairs. The filter statement
 * and notes are not records (they go to standard error), so the output concatenates cleanly. */
int sl_write_jsonl(FILE *f, const struct sl_report *r, const struct sl_write_opts *o)
{
	for (size_t i = 0; i < r->nsec; i++) {
		const struct sl_section *s = r->secs[i];
		if (!shown(r, s, o))
			continue;
		if (s->kind == SL_SEC_KV) {
			fputs("{\"table\":", f);
			jstr(f, sl_section_name(r, s));
			for (size_t row = 0; row < s->nrows; row++) {
				const struct sl_cell *k = sl_cell_at(s, row, 0);
				fputc(',', f);
				jstr(f, k->null ? "" : k->s);
				fputc(':', f);
				jvalue_sep(f, sl_cell_at(s, row, 1), sl_cell_type(s, row, 1), "");
			}
			fputs("}\n", f);
			continue;
		}
		for (size_t row = 0; row < s->nrows; row++)
			jl_row(f, r, s, row);
	}
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}
