/* write_md.c — GitHub-flavoured Markdown: headings and pipe tables, cells escaped. */
#include <stdio.h>
#include <string.h>
#include "write.h"

static int numeric(enum sl_ctype t)
{
	return t == SL_CT_INT || t == SL_CT_PCT || t == SL_CT_FLOAT;
}

/* No value is an empty cell. */
static void cell(FILE *f, const struct sl_section *s, size_t row, size_t col)
{
	char buf[SL_CELL_BUF];
	const char *v = sl_cell_text(sl_cell_at(s, row, col), sl_cell_type(s, row, col), 1, buf);
	fputs("| ", f);
	if (sl_cell_type(s, row, col) == SL_CT_LIST)
		sl_list_escape(f, sl_cell_at(s, row, col), 1);
	else if (v)
		sl_text_escape(f, v, 1);
	fputc(' ', f);
}

/* KV is a two-column table too; its value column mixes types, so it stays left-aligned. */
static void table(FILE *f, const struct sl_section *s)
{
	size_t row, col;
	const struct sl_column *c;

	for (col = 0; col < s->ncols; col++) {
		c = &s->cols[col];
		fputs("| ", f);
		sl_text_escape(f, c->title ? c->title : c->name, 1);
		fputc(' ', f);
	}
	fputs("|\n", f);
	for (col = 0; col < s->ncols; col++)
		fputs(s->kind != SL_SEC_KV && numeric(s->cols[col].type) ? "| ---: " : "| --- ", f);
	fputs("|\n", f);
	for (row = 0; row < s->nrows; row++) {
		for (col = 0; col < s->ncols; col++)
			cell(f, s, row, col);
		fputs("|\n", f);
	}
}

int sl_write_md(FILE *f, const struct sl_report *r, const struct sl_write_opts *o)
{
	const struct sl_section *s;
	size_t i;

	fputs("# ", f);
	sl_text_escape(f, r->title ? r->title : r->name, 1);
	fputc('\n', f);
	if (r->filter && *r->filter) {
		fputs("\nFilter: ", f);
		sl_text_escape(f, r->filter, 1);
		fprintf(f, " (selected %lld of %lld sign-ins)\n", (long long)r->selected, (long long)r->of);
	}
	for (i = 0; i < r->nsec; i++) {
		s = r->secs[i];
		if (o && o->table && strcmp(o->table, sl_section_name(r, s)) != 0)
			continue;
		if (!s->key && s->nrows == 0 && !s->title && !s->note)
			continue;
		if (s->title || s->key) {
			fputs("\n## ", f);
			sl_text_escape(f, s->title ? s->title : s->key, 1);
			fputc('\n', f);
		}
		/* a key-value section without pairs has nothing to tabulate, only its note */
		if (s->kind != SL_SEC_KV || s->nrows) {
			fputc('\n', f);
			table(f, s);
		}
		if (s->note) {
			fputc('\n', f);
			sl_text_escape(f, s->note, 1);
			fputc('\n', f);
		}
	}
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}
