/* write_text.c — aligned terminal output in 120 columns; attacker text is shown escaped, never raw. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "write.h"

/* The longest bar of a section spans this many cells, and no fewer than BAR_MIN when the
 * table must shrink to fit. */
#define BAR_CELLS 30
#define BAR_MIN 10
/* A text cell is cut at TEXT_CAP cells; to fit a table, text columns are cut to no fewer
 * than CUT_MIN (or their own width when that is less). */
#define TEXT_CAP 48
#define CUT_MIN 16

/* A display column: a report column, or the bar drawn after a column with bar=1. */
struct dcol {
	size_t col;
	int bar;
	int right;
	int cuttable;              /* text: may be cut with an ellipsis to fit */
	int prose;                 /* text of words (most cells hold a space): cut before names */
	size_t width;              /* as shown */
};

struct tctx {
	const struct sl_section *s;
	const double *max;
	int ascii;
};

static int numeric(enum sl_ctype t)
{
	return t == SL_CT_INT || t == SL_CT_PCT || t == SL_CT_FLOAT;
}

/* Writes (f NULL: measures) one cell in at most w cells; no value is "-". */
static size_t cell_out(FILE *f, const struct sl_section *s, size_t row, size_t col, size_t w)
{
	char buf[SL_CELL_BUF];
	const struct sl_cell *c = sl_cell_at(s, row, col);
	enum sl_ctype t = sl_cell_type(s, row, col);
	const char *v;
	if (t == SL_CT_LIST && !c->null && c->nitems) {
		char *joined = sl_list_join(c, "; ");
		size_t n = sl_text_put(f, joined, 0, w);
		free(joined);
		return n;
	}
	v = sl_cell_text(c, t, 1, buf);
	return sl_text_put(f, v ? v : "-", 0, w);
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

/* Bar for v against the section's largest value max (> 0) in cells cells, in eighths of a
 * cell (ascii: whole cells); a value above zero always gets at least the thinnest bar. */
static size_t bar_out(FILE *f, const struct tctx *x, size_t row, size_t col, size_t cells)
{
	static const char *const eighth[8] = {
		"", "\xE2\x96\x8F", "\xE2\x96\x8E", "\xE2\x96\x8D",
		"\xE2\x96\x8C", "\xE2\x96\x8B", "\xE2\x96\x8A", "\xE2\x96\x89",
	};
	double v, max = x->max[col];
	long units, i;
	int step = x->ascii ? 1 : 8;

	if (max <= 0 || !bar_value(sl_cell_at(x->s, row, col), x->s->cols[col].type, &v))
		return 0;
	units = (long)(v / max * (double)cells * step + 0.5);   /* v > 0: rounds */
	if (units > (long)cells * step)
		units = (long)cells * step;
	if (units < 1)
		units = 1;
	if (f) {
		for (i = 0; i < units / step; i++)
			fputs(x->ascii ? "#" : "\xE2\x96\x88", f);
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

/* One display cell in at most w cells: row SIZE_MAX is the header. */
static size_t dcell(FILE *f, const struct tctx *x, size_t row, const struct dcol *d, size_t w)
{
	const struct sl_column *c = &x->s->cols[d->col];
	if (row == SIZE_MAX)
		return d->bar ? 0 : sl_text_put(f, c->title ? c->title : c->name, 0, w);
	if (d->bar)
		return bar_out(f, x, row, d->col, w);
	return cell_out(f, x->s, row, d->col, w);
}

static void pad(FILE *f, size_t n)
{
	while (n--)
		fputc(' ', f);
}

/* One line of the display columns d[idx[0..n)]. Cells are measured first so that nothing is
 * padded after the last non-empty one: lines never end in spaces. */
static void line(FILE *f, const struct tctx *x, size_t row, const struct dcol *d, const size_t *idx,
                 size_t n, size_t *w)
{
	size_t k, last = 0;
	int any = 0;

	for (k = 0; k < n; k++) {
		w[k] = dcell(NULL, x, row, &d[idx[k]], d[idx[k]].width);
		if (w[k]) {
			last = k;
			any = 1;
		}
	}
	for (k = 0; any && k <= last; k++) {
		const struct dcol *c = &d[idx[k]];
		if (k)
			fputs("  ", f);
		if (c->right)
			pad(f, c->width - w[k]);
		dcell(f, x, row, c, c->width);
		if (!c->right && k < last)
			pad(f, c->width - w[k]);
	}
	fputc('\n', f);
}

static size_t total_width(const struct dcol *d, size_t nd)
{
	size_t t = 0;
	for (size_t k = 0; k < nd; k++)
		t += d[k].width + (k ? 2 : 0);
	return t;
}

/* Cut the text columns of class prose (or all text columns, prose < 0) to the largest
 * common width, no narrower than CUT_MIN, with which the table fits; returns whether it fits. */
static int waterfill(struct dcol *t, size_t nd, int prose)
{
	size_t lo = CUT_MIN, hi = TEXT_CAP, base = 0;
	for (size_t k = 0; k < nd; k++) {
		int cut = t[k].cuttable && (prose < 0 || t[k].prose == prose);
		base += (k ? 2 : 0) + (cut && t[k].width > CUT_MIN ? CUT_MIN : t[k].width);
	}
	if (base > SL_TEXT_WIDTH)
		return 0;
	while (lo < hi) {
		size_t cap = (lo + hi + 1) / 2, w = 0;
		for (size_t k = 0; k < nd; k++) {
			int cut = t[k].cuttable && (prose < 0 || t[k].prose == prose);
			w += (k ? 2 : 0) + (cut && t[k].width > cap ? cap : t[k].width);
		}
		if (w <= SL_TEXT_WIDTH)
			lo = cap;
		else
			hi = cap - 1;
	}
	for (size_t k = 0; k < nd; k++)
		if (t[k].cuttable && (prose < 0 || t[k].prose == prose) && t[k].width > lo)
			t[k].width = lo;
	return 1;
}

/* Fit the columns into SL_TEXT_WIDTH. A text cell is never wider than TEXT_CAP; when the
 * table is still too wide, bars narrow (to BAR_MIN cells), then text columns are cut to one
 * width, no narrower than CUT_MIN: columns of prose (reasons, user agents, app names) first,
 * names and identifiers only when that is not enough. Numbers and times keep their width. A
 * table that cannot fit so is shown in parts (see table()), its text columns cut only to
 * TEXT_CAP. */
static void fit(struct dcol *d, size_t nd)
{
	size_t over, total;
	struct dcol *t = sl_xcalloc(nd, sizeof *t);

	for (size_t k = 0; k < nd; k++)
		if (d[k].cuttable && d[k].width > TEXT_CAP)
			d[k].width = TEXT_CAP;
	if ((total = total_width(d, nd)) <= SL_TEXT_WIDTH)
		goto out;
	memcpy(t, d, nd * sizeof *t);
	over = total - SL_TEXT_WIDTH;
	for (size_t k = 0; k < nd && over; k++) {
		if (t[k].bar && t[k].width > BAR_MIN) {
			size_t cut = t[k].width - BAR_MIN < over ? t[k].width - BAR_MIN : over;
			t[k].width -= cut;
			over -= cut;
		}
	}
	if (over && !waterfill(t, nd, 1) && !waterfill(t, nd, -1))
		goto out;       /* it cannot fit: parts, with the widths as they were */
	memcpy(d, t, nd * sizeof *t);
out:
	free(t);
}

/* Do most of the column's non-empty cells hold a space? */
static int is_prose(const struct sl_section *s, size_t col)
{
	size_t words = 0, cells = 0;
	for (size_t row = 0; row < s->nrows; row++) {
		const struct sl_cell *c = sl_cell_at(s, row, col);
		if (c->null || s->cols[col].type != SL_CT_STR || !c->s[0])
			continue;
		cells++;
		words += strchr(c->s, ' ') != NULL;
	}
	return cells && words * 2 > cells;
}

static void table(FILE *f, const struct sl_section *s, const struct sl_write_opts *o)
{
	struct dcol *d = sl_xcalloc(2 * s->ncols, sizeof *d);
	size_t *w = sl_xcalloc(2 * s->ncols, sizeof *w), *idx = sl_xcalloc(2 * s->ncols, sizeof *idx);
	double *max = sl_xcalloc(s->ncols, sizeof *max);
	size_t nd = 0, col, k, row, cw, lead;
	struct tctx x = { s, max, o->ascii };

	for (col = 0; col < s->ncols; col++) {
		enum sl_ctype t = s->cols[col].type;
		d[nd].col = col;
		d[nd].right = numeric(t);
		d[nd].prose = t == SL_CT_LIST || is_prose(s, col);
		d[nd++].cuttable = t == SL_CT_STR || t == SL_CT_LIST;
		if (s->cols[col].bar) {
			max[col] = bar_max(s, col);
			d[nd].col = col;
			d[nd++].bar = 1;
		}
	}
	for (k = 0; k < nd; k++) {
		d[k].width = d[k].bar ? BAR_CELLS : dcell(NULL, &x, SIZE_MAX, &d[k], SIZE_MAX);
		for (row = 0; !d[k].bar && row < s->nrows; row++) {
			cw = dcell(NULL, &x, row, &d[k], SIZE_MAX);
			if (cw > d[k].width)
				d[k].width = cw;
		}
		/* a bar column is as wide as its longest bar */
		if (d[k].bar) {
			size_t bw = 0;
			for (row = 0; row < s->nrows; row++) {
				cw = dcell(NULL, &x, row, &d[k], BAR_CELLS);
				if (cw > bw)
					bw = cw;
			}
			d[k].width = bw;
		}
	}
	if (!o->wide)
		fit(d, nd);
	/* still too wide: the columns in parts that fit, each led by the first column (and its
	 * bar), like a wide table printed on several pages */
	lead = nd > 1 && d[1].bar ? 2 : 1;
	for (k = 0; k < nd;) {
		size_t n = 0, used = 0, added = 0;
		if (k > 0) {
			for (size_t j = 0; j < lead; j++) {
				idx[n++] = j;
				used += d[j].width + (j ? 2 : 0);
			}
		}
		while (k < nd) {
			/* a column and its bar stay together */
			size_t group = k + 1 < nd && d[k + 1].bar ? 2 : 1;
			size_t add = (n ? 2 : 0) + d[k].width + (group == 2 ? 2 + d[k + 1].width : 0);
			if (!o->wide && added && used + add > SL_TEXT_WIDTH)
				break;
			for (size_t j = 0; j < group; j++)
				idx[n++] = k + j;
			used += add;
			k += group;
			added++;
		}
		line(f, &x, SIZE_MAX, d, idx, n, w);
		for (row = 0; row < s->nrows; row++)
			line(f, &x, row, d, idx, n, w);
		if (k < nd)
			fputc('\n', f);
	}
	free(d);
	free(w);
	free(idx);
	free(max);
}

static void kv(FILE *f, const struct sl_section *s, const struct sl_write_opts *o)
{
	size_t row, kw = 0, w, vmax;

	for (row = 0; row < s->nrows; row++) {
		w = cell_out(NULL, s, row, 0, SIZE_MAX);
		if (w > kw)
			kw = w;
	}
	vmax = o->wide || kw + 2 + CUT_MIN > SL_TEXT_WIDTH ? SIZE_MAX : SL_TEXT_WIDTH - kw - 2;
	for (row = 0; row < s->nrows; row++) {
		w = cell_out(f, s, row, 0, SIZE_MAX);
		if (cell_out(NULL, s, row, 1, SIZE_MAX)) {
			pad(f, kw - w + 2);
			cell_out(f, s, row, 1, vmax);
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
	if (r->filter && *r->filter) {
		fputs("Filter: ", f);
		sl_text_escape(f, r->filter, 0);
		fprintf(f, " (selected %lld of %lld sign-ins)\n", (long long)r->selected, (long long)r->of);
	}
	for (i = 0; i < r->nsec; i++) {
		s = r->secs[i];
		if (o->table && strcmp(o->table, sl_section_name(r, s)) != 0)
			continue;
		/* an empty root would leave only a stray blank line */
		if (!s->key && s->nrows == 0 && !s->title && !s->note)
			continue;
		fputc('\n', f);
		if (s->title || s->key) {
			sl_text_escape(f, s->title ? s->title : s->key, 0);
			fputc('\n', f);
		}
		if (s->kind == SL_SEC_KV)
			kv(f, s, o);
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
