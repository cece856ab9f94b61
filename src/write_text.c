/* write_text.c — aligned terminal output; attacker text is shown escaped, never raw. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "write.h"

/* The longest bar of a section spans this many cells. */
#define BAR_CELLS 30

/* A display column: a report column, or the bar drawn after a column with bar=1. */
struct dcol {
	size_t col;
	int bar;
	int right;
	size_t width;
};

static int numeric(enum sl_ctype t)
{
	return t == SL_CT_INT || t == SL_CT_PCT || t == SL_CT_FLOAT;
}

/* Writes (f NULL: measures) one cell; no value is "-". */
static size_t cell_out(FILE *f, const struct sl_section *s, size_t row, size_t col)
{
	char buf[SL_CELL_BUF];
	const struct sl_cell *c = sl_cell_at(s, row, col);
	enum sl_ctype t = sl_cell_type(s, row, col);
	const char *v;
	if (t == SL_CT_LIST && !c->null && c->nitems)
		return sl_list_escape_cap(f, c, 0, sl_terse(s, col) > 0 ? (uint32_t)sl_terse(s, col) : 0);
	v = sl_cell_text(c, t, 1, buf);
	return sl_text_escape(f, v ? v : "-", 0);
}

static int bar_value(const struct sl_cell *c, enum sl_ctype t, double *v)
{
	if (c->null)
		return 0;
	if (t == SL_CT_INT)
		*v = (double)c->i;
	else if ((t == SL_CT_PCT || t == SL_CT_FLOAT) && isfinite(c->d))
		*v = c->d;
	else
		return 0;
	return *v > 0;
}

/* Bar for v against the section's largest value max (> 0), in eighths of a cell
 * (ascii: whole cells); a value above zero always gets at least the thinnest bar. */
static size_t bar_out(FILE *f, const struct sl_section *s, size_t row, size_t col, double max,
                      int ascii)
{
	static const char *const eighth[8] = {
		"", "\xE2\x96\x8F", "\xE2\x96\x8E", "\xE2\x96\x8D",
		"\xE2\x96\x8C", "\xE2\x96\x8B", "\xE2\x96\x8A", "\xE2\x96\x89",
	};
	double v;
	long units, i;
	int step = ascii ? 1 : 8;

	if (max <= 0 || !bar_value(sl_cell_at(s, row, col), s->cols[col].type, &v))
		return 0;
	units = (long)(v / max * BAR_CELLS * step + 0.5);   /* v > 0: rounds */
	if (units > BAR_CELLS * step)
		units = BAR_CELLS * step;
	if (units < 1)
		units = 1;
	if (f) {
		for (i = 0; i < units / step; i++)
			fputs(ascii ? "#" : "\xE2\x96\x88", f);
		if (units % step)
			fputs(eighth[units % step], f);
	}
	return (size_t)(units / step + (units % step != 0));
}

static double bar_max(const struct sl_section *s, size_t col)
{
	double max = 0, v;
	size_t row;
	for (row = 0; row < s->nrows; row++)
		if (bar_value(sl_cell_at(s, row, col), s->cols[col].type, &v) && v > max)
			max = v;
	return max;
}

/* One display cell: row SIZE_MAX is the header. */
static size_t dcell(FILE *f, const struct sl_section *s, size_t row, const struct dcol *d,
                    const double *max, int ascii)
{
	const struct sl_column *c = &s->cols[d->col];
	if (row == SIZE_MAX)
		return d->bar ? 0 : sl_text_escape(f, c->title ? c->title : c->name, 0);
	if (d->bar)
		return bar_out(f, s, row, d->col, max[d->col], ascii);
	return cell_out(f, s, row, d->col);
}

static void pad(FILE *f, size_t n)
{
	while (n--)
		fputc(' ', f);
}

/* Cells are measured first so that nothing is padded after the last non-empty one:
 * lines never end in spaces. */
static void line(FILE *f, const struct sl_section *s, size_t row, const struct dcol *d,
                 size_t nd, size_t *w, const double *max, int ascii)
{
	size_t k, last = 0;
	int any = 0;

	for (k = 0; k < nd; k++) {
		w[k] = dcell(NULL, s, row, &d[k], max, ascii);
		if (w[k]) {
			last = k;
			any = 1;
		}
	}
	for (k = 0; any && k <= last; k++) {
		if (k)
			fputs("  ", f);
		if (d[k].right)
			pad(f, d[k].width - w[k]);
		dcell(f, s, row, &d[k], max, ascii);
		if (!d[k].right && k < last)
			pad(f, d[k].width - w[k]);
	}
	fputc('\n', f);
}

static void table(FILE *f, const struct sl_section *s, const struct sl_write_opts *o)
{
	struct dcol *d = sl_xcalloc(2 * s->ncols, sizeof *d);
	size_t *w = sl_xcalloc(2 * s->ncols, sizeof *w);
	double *max = sl_xcalloc(s->ncols, sizeof *max);
	size_t nd = 0, col, k, row, cw;

	for (col = 0; col < s->ncols; col++) {
		if (sl_terse(s, col) == SL_TERSE_HIDE)
			continue;
		d[nd].col = col;
		d[nd++].right = numeric(s->cols[col].type);
		if (s->cols[col].bar) {
			max[col] = bar_max(s, col);
			d[nd].col = col;
			d[nd++].bar = 1;
		}
	}
	for (k = 0; k < nd; k++) {
		d[k].width = dcell(NULL, s, SIZE_MAX, &d[k], max, o->ascii);
		for (row = 0; row < s->nrows; row++) {
			cw = dcell(NULL, s, row, &d[k], max, o->ascii);
			if (cw > d[k].width)
				d[k].width = cw;
		}
	}
	line(f, s, SIZE_MAX, d, nd, w, max, o->ascii);
	for (row = 0; row < s->nrows; row++)
		line(f, s, row, d, nd, w, max, o->ascii);
	free(d);
	free(w);
	free(max);
}

static void kv(FILE *f, const struct sl_section *s)
{
	size_t row, kw = 0, w;

	for (row = 0; row < s->nrows; row++) {
		w = cell_out(NULL, s, row, 0);
		if (w > kw)
			kw = w;
	}
	for (row = 0; row < s->nrows; row++) {
		w = cell_out(f, s, row, 0);
		if (cell_out(NULL, s, row, 1)) {
			pad(f, kw - w + 2);
			cell_out(f, s, row, 1);
		}
		fputc('\n', f);
	}
}

int sl_write_text(FILE *f, const struct sl_report *r, const struct sl_write_opts *o)
{
	const struct sl_section *s;
	size_t i;

	sl_text_escape(f, r->title ? r->title : r->name, 0);
	fputc('\n', f);
	for (i = 0; i < r->nsec; i++) {
		s = r->secs[i];
		/* an empty root would leave only a stray blank line */
		if (!s->key && s->nrows == 0 && !s->title && !s->note)
			continue;
		fputc('\n', f);
		if (s->title || s->key) {
			sl_text_escape(f, s->title ? s->title : s->key, 0);
			fputc('\n', f);
		}
		if (s->kind == SL_SEC_KV)
			kv(f, s);
		else
			table(f, s, o);
		if (s->note) {
			fputs("  ", f);
			sl_text_escape(f, s->note, 0);
			fputc('\n', f);
		}
	}
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}
