/* svg.c — inline SVG charts (bars, stacked columns, lines, a heat map) drawn from given figures:
 * only scales and pixel positions are worked out here. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "svg.h"
#include "write.h"

/* Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies; series
 * after the first also get a texture (hatching, dots, lines), so that they stay apart in a
 * grey-scale print. */
static const char *const colours[] = {
	"#0072B2", "#D55E00", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
};
#define NCOLOURS (sizeof colours / sizeof colours[0])
/* Lines are told apart by dashes as well. */
static const char *const dashes[] = { "", "6 3", "2 2", "8 3 2 3" };

/* Chart width in pixels (the page scales it down to fit). */
#define WIDTH 760.0
/* Label texts are cut to this many character cells (the whole text is in the hover title). */
#define LABEL_CELLS 34

static void text(FILE *f, const char *s)
{
	sl_text_escape(f, s ? s : "", SL_ESC_HTML);
}

static void value_text(char *buf, size_t size, double v, int pct)
{
	if (isnan(v))
		snprintf(buf, size, "no value");
	else if (pct)
		snprintf(buf, size, "%.2f%%", v);
	else if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, "%.6g", v);
}

/* An axis tick: whole percentages without decimals. */
static void tick_text(char *buf, size_t size, double v, int pct)
{
	if (pct && v == floor(v))
		snprintf(buf, size, "%.0f%%", v);
	else
		value_text(buf, size, v, pct);
}

static double val(const struct sl_svg_chart *c, size_t row, size_t k)
{
	return c->v[row * c->nseries + k];
}

/* The sum of a row's series (stacked charts), NaN counted as 0. */
static double row_sum(const struct sl_svg_chart *c, size_t row)
{
	double t = 0;
	for (size_t k = 0; k < c->nseries; k++)
		if (!isnan(val(c, row, k)))
			t += val(c, row, k);
	return t;
}

/* A round tick step that gives about four intervals up to max, and the axis end. */
static double nice_step(double max, int pct, double *end)
{
	double raw, mag, step;
	if (pct) {
		*end = 100;
		return 25;
	}
	if (!(max > 0))
		max = 1;
	raw = max / 4;
	mag = pow(10, floor(log10(raw)));
	step = raw <= mag ? mag : raw <= 2 * mag ? 2 * mag : raw <= 5 * mag ? 5 * mag : 10 * mag;
	if (step < 1)
		step = 1;       /* counts: no fractional ticks */
	*end = ceil(max / step) * step;
	return step;
}

static void fill_of(char *buf, size_t size, const struct sl_svg_chart *c, size_t k)
{
	if (c->nseries > 1 && k >= 1 && k <= 3)
		snprintf(buf, size, "url(#c%dp%zu)", c->id, k);
	else
		snprintf(buf, size, "%s", colours[k % NCOLOURS]);
}

static void patterns(FILE *f, const struct sl_svg_chart *c)
{
	if (c->nseries < 2)
		return;
	fprintf(f, "<defs>"
	        "<pattern id=\"c%dp1\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	        "<rect width=\"6\" height=\"6\" fill=\"%s\"/><rect width=\"2\" height=\"6\" fill=\"#fff\"/></pattern>"
	        "<pattern id=\"c%dp2\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">"
	        "<rect width=\"5\" height=\"5\" fill=\"%s\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1.2\" fill=\"#000\"/></pattern>"
	        "<pattern id=\"c%dp3\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
	        "<rect width=\"6\" height=\"6\" fill=\"%s\"/><rect width=\"6\" height=\"1.5\" fill=\"#fff\"/></pattern>"
	        "</defs>\n", c->id, colours[1], c->id, colours[2], c->id, colours[3]);
}

/* Series names with their swatch (or line), in a row at (x, y). */
static void legend(FILE *f, const struct sl_svg_chart *c, double x, double y, int lines)
{
	char fill[48];
	if (c->nseries < 2)
		return;
	fputs("<g class=\"legend\">", f);
	for (size_t k = 0; k < c->nseries; k++) {
		fill_of(fill, sizeof fill, c, k);
		if (lines)
			fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s%s%s/>",
			        x, y - 4, x + 18, y - 4, colours[k % NCOLOURS], *dashes[k % 4] ? " stroke-dasharray=\"" : "",
			        dashes[k % 4], *dashes[k % 4] ? "\"" : "");
		else
			fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"10\" fill=\"%s\" stroke=\"#333\" stroke-width=\".5\"/>",
			        x, y - 9, fill);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">", x + (lines ? 22 : 18), y);
		text(f, c->series[k]);
		fputs("</text>", f);
		/* names are cut to LABEL_CELLS; a width per name keeps them from overlapping */
		x += (lines ? 30 : 26) + 6.5 * (double)sl_text_put(NULL, c->series[k], SL_ESC_HTML, LABEL_CELLS);
	}
	fputs("</g>\n", f);
}

static void open_svg(FILE *f, const struct sl_svg_chart *c, double w, double h)
{
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-labelledby=\"c%d-t\">\n<title id=\"c%d-t\">",
	        w, h, w, h, c->id, c->id);
	text(f, c->title);
	fputs("</title>\n", f);
	patterns(f, c);
}

/* "label: a 1, b 2 (total 3)" as a <title>, the hover text of a row. */
static void row_title(FILE *f, const struct sl_svg_chart *c, size_t row, int total)
{
	char buf[64];
	fputs("<title>", f);
	text(f, c->labels[row]);
	fputs(": ", f);
	for (size_t k = 0; k < c->nseries; k++) {
		value_text(buf, sizeof buf, val(c, row, k), c->pct);
		if (c->nseries > 1) {
			text(f, c->series[k]);
			fputc(' ', f);
		}
		fprintf(f, "%s%s", buf, k + 1 < c->nseries ? ", " : "");
	}
	if (total && c->nseries > 1) {
		value_text(buf, sizeof buf, row_sum(c, row), c->pct);
		fprintf(f, " (total %s)", buf);
	}
	fputs("</title>", f);
}

/* Horizontal bars, one per row, series stacked; the axis is on top. */
static void bars(FILE *f, const struct sl_svg_chart *c)
{
	const double label_w = 236, right = 64, row_h = 20, bar_h = 14;
	const double px = label_w + 8, pw = WIDTH - px - right;
	double top = (c->nseries > 1 ? 24 : 0) + 20, max = 0, end, step;
	double h = top + row_h * (double)c->nrows + 8;
	char buf[64], fill[48];

	for (size_t i = 0; i < c->nrows; i++)
		if (row_sum(c, i) > max)
			max = row_sum(c, i);
	step = nice_step(max, c->pct, &end);
	open_svg(f, c, WIDTH, h);
	legend(f, c, px, 14, 0);
	fputs("<g class=\"axis\">", f);
	for (double t = 0; t <= end + step / 2; t += step) {
		double x = px + pw * t / end;
		tick_text(buf, sizeof buf, t, c->pct);
		fprintf(f, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
		        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
		        x, top - 4, x, h - 6, x, top - 8, buf);
	}
	fputs("</g>\n", f);
	for (size_t i = 0; i < c->nrows; i++) {
		double y = top + row_h * (double)i, x = px;
		fputs("<g>", f);
		row_title(f, c, i, 1);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", label_w, y + bar_h - 2);
		sl_text_put(f, c->labels[i], SL_ESC_HTML, LABEL_CELLS);
		fputs("</text>", f);
		for (size_t k = 0; k < c->nseries; k++) {
			double v = val(c, i, k), w = isnan(v) || v <= 0 ? 0 : pw * v / end;
			if (w <= 0)
				continue;
			fill_of(fill, sizeof fill, c, k);
			fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
			        x, y + 2, w, bar_h - 2, fill);
			x += w;
		}
		value_text(buf, sizeof buf, c->nseries > 1 ? row_sum(c, i) : val(c, i, 0), c->pct);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">%s</text></g>\n", x + 4, y + bar_h - 2, buf);
	}
	fputs("</svg>\n", f);
}

/* The frame of a chart over a time axis: y grid and ticks, x labels thinned to fit. Returns
 * the axis end (the value at the top). */
static double time_axis(FILE *f, const struct sl_svg_chart *c, double left, double top, double pw,
                        double ph, double max, int stacked)
{
	double end, step = nice_step(max, c->pct, &end), colw = pw / (double)c->nrows;
	size_t every = (size_t)ceil(70.0 / colw);
	char buf[64];
	(void)stacked;
	fputs("<g class=\"axis\">", f);
	for (double t = 0; t <= end + step / 2; t += step) {
		double y = top + ph - ph * t / end;
		tick_text(buf, sizeof buf, t, c->pct);
		fprintf(f, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
		        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
		        left, y, left + pw, y, left - 4, y + 4, buf);
	}
	if (every < 1)
		every = 1;
	for (size_t i = 0; i < c->nrows; i += every) {
		double x = left + colw * ((double)i + 0.5);
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
		        x, top + ph, x, top + ph + 4, x, top + ph + 16);
		sl_text_put(f, c->labels[i], SL_ESC_HTML, 12);
		fputs("</text>", f);
	}
	fprintf(f, "<line class=\"base\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", left, top + ph, left + pw, top + ph);
	if (c->label_name) {
		fprintf(f, "<text class=\"axis-title\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", left + pw / 2, top + ph + 32);
		text(f, c->label_name);
		fputs("</text>", f);
	}
	if (c->nseries == 1) {
		fprintf(f, "<text class=\"axis-title\" x=\"%.1f\" y=\"%.1f\">", left - 48, top - 10);
		text(f, c->series[0]);
		fputs("</text>", f);
	}
	fputs("</g>\n", f);
	return end;
}

/* Vertical columns over a time axis, series stacked. */
static void columns(FILE *f, const struct sl_svg_chart *c)
{
	const double left = 56, right = 12, ph = 200, bottom = 40;
	double top = (c->nseries > 1 ? 24 : 0) + 20, pw = WIDTH - left - right, max = 0, end;
	double colw = pw / (double)c->nrows, barw = colw > 3 ? colw * 0.8 : colw;
	char fill[48];

	for (size_t i = 0; i < c->nrows; i++)
		if (row_sum(c, i) > max)
			max = row_sum(c, i);
	open_svg(f, c, WIDTH, top + ph + bottom);
	legend(f, c, left, 14, 0);
	end = time_axis(f, c, left, top, pw, ph, max, 1);
	for (size_t i = 0; i < c->nrows; i++) {
		double x = left + colw * (double)i, y = top + ph;
		fputs("<g>", f);
		row_title(f, c, i, 1);
		/* the whole column height answers the hover, also where the bars are low */
		fprintf(f, "<rect class=\"hit\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>", x, top, colw, ph);
		for (size_t k = 0; k < c->nseries; k++) {
			double v = val(c, i, k), hgt = isnan(v) || v <= 0 ? 0 : ph * v / end;
			if (hgt <= 0)
				continue;
			fill_of(fill, sizeof fill, c, k);
			y -= hgt;
			fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
			        x + (colw - barw) / 2, y, barw, hgt, fill);
		}
		fputs("</g>\n", f);
	}
	fputs("</svg>\n", f);
}

/* One line per series over a time axis, broken where a value is missing; a point per value. */
static void lines(FILE *f, const struct sl_svg_chart *c)
{
	const double left = 56, right = 12, ph = 200, bottom = 40;
	double top = (c->nseries > 1 ? 24 : 0) + 20, pw = WIDTH - left - right, max = 0, end;
	double colw = pw / (double)c->nrows;

	for (size_t i = 0; i < c->nrows; i++)
		for (size_t k = 0; k < c->nseries; k++)
			if (!isnan(val(c, i, k)) && val(c, i, k) > max)
				max = val(c, i, k);
	open_svg(f, c, WIDTH, top + ph + bottom);
	legend(f, c, left, 14, 1);
	end = time_axis(f, c, left, top, pw, ph, max, 0);
	for (size_t k = 0; k < c->nseries; k++) {
		const char *colour = colours[k % NCOLOURS], *dash = dashes[k % 4];
		int open = 0;
		for (size_t i = 0; i <= c->nrows; i++) {
			double v = i < c->nrows ? val(c, i, k) : NAN;
			if (isnan(v)) {
				if (open)
					fputs("\"/>\n", f);
				open = 0;
				continue;
			}
			if (!open)
				fprintf(f, "<polyline class=\"line\" stroke=\"%s\"%s%s%s points=\"", colour,
				        *dash ? " stroke-dasharray=\"" : "", dash, *dash ? "\"" : "");
			fprintf(f, "%s%.1f,%.1f", open ? " " : "", left + colw * ((double)i + 0.5),
			        top + ph - ph * v / end);
			open = 1;
		}
		for (size_t i = 0; i < c->nrows; i++) {
			double v = val(c, i, k);
			if (isnan(v))
				continue;
			fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\">", left + colw * ((double)i + 0.5),
			        top + ph - ph * v / end, colw < 6 ? "1.5" : "3", colour);
			row_title(f, c, i, 0);
			fputs("</circle>\n", f);
		}
	}
	fputs("</svg>\n", f);
}

/* The shade of share t (0-1) of the largest value: white for 0, then #deebf7 (the smallest
 * value above 0) to #08306b, light to dark, so the order survives a grey-scale print. */
static void ramp(double t, char out[8])
{
	if (!(t > 0)) {
		snprintf(out, 8, "#ffffff");
		return;
	}
	if (t > 1)
		t = 1;
	snprintf(out, 8, "#%02x%02x%02x", (unsigned)lround(222 + (8 - 222) * t) & 0xff,
	         (unsigned)lround(235 + (48 - 235) * t) & 0xff, (unsigned)lround(247 + (107 - 247) * t) & 0xff);
}

/* A grid with the series as rows and the table's rows as columns (the hours of a day across,
 * the weekdays down), shaded from white (0) to dark blue (the largest value) by the square root
 * of the value's share of the largest. */
static void heat(FILE *f, const struct sl_svg_chart *c)
{
	const double left = 44, top = 22, cw = 26, chh = 20;
	double w = left + cw * (double)c->nrows + 10, h = top + chh * (double)c->nseries + 44, max = 0;
	char buf[64], shade[8];

	for (size_t i = 0; i < c->nrows; i++)
		for (size_t k = 0; k < c->nseries; k++)
			if (!isnan(val(c, i, k)) && val(c, i, k) > max)
				max = val(c, i, k);
	open_svg(f, c, w, h);
	fputs("<g class=\"axis\">", f);
	for (size_t i = 0; i < c->nrows; i++) {
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", left + cw * ((double)i + 0.5), top - 6);
		sl_text_put(f, c->labels[i], SL_ESC_HTML, 4);
		fputs("</text>", f);
	}
	for (size_t k = 0; k < c->nseries; k++) {
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", left - 6, top + chh * (double)k + 14);
		sl_text_put(f, c->series[k], SL_ESC_HTML, 6);
		fputs("</text>", f);
	}
	fputs("</g>\n", f);
	for (size_t k = 0; k < c->nseries; k++) {
		for (size_t i = 0; i < c->nrows; i++) {
			double v = val(c, i, k);
			ramp(isnan(v) || max <= 0 || v <= 0 ? 0 : sqrt(v / max), shade);
			value_text(buf, sizeof buf, v, c->pct);
			fprintf(f, "<rect class=\"cell\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>",
			        left + cw * (double)i, top + chh * (double)k, cw, chh, shade);
			text(f, c->series[k]);
			fputs(", ", f);
			if (c->label_name) {
				text(f, c->label_name);
				fputc(' ', f);
			}
			text(f, c->labels[i]);
			fprintf(f, ": %s</title></rect>\n", buf);
		}
	}
	/* the scale: five steps from 0 to the largest value (shades follow the square root of the
	 * value, so that one busy hour does not wash out the rest) */
	double ly = top + chh * (double)c->nseries + 14;
	fprintf(f, "<g class=\"legend\"><text x=\"%.1f\" y=\"%.1f\">Scale</text>", left, ly + 12);
	for (int s = 0; s <= 4; s++) {
		double t = s / 4.0;
		ramp(t, shade);
		value_text(buf, sizeof buf, c->pct ? max * t * t : round(max * t * t), c->pct);
		fprintf(f, "<rect class=\"cell\" x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"12\" fill=\"%s\"/>"
		        "<text x=\"%.1f\" y=\"%.1f\">%s%s</text>",
		        left + 44 + 80 * s, ly + 2, shade, left + 44 + 80 * s + 18, ly + 12, s > 0 && s < 4 ? "\u2248" : "", buf);
	}
	fputs("</g>\n</svg>\n", f);
}

void sl_svg_chart(FILE *f, const struct sl_svg_chart *c)
{
	if (!c->nrows || !c->nseries)
		return;
	switch (c->kind) {
	case SL_CHART_BARS: bars(f, c); break;
	case SL_CHART_COLUMNS: columns(f, c); break;
	case SL_CHART_LINE: lines(f, c); break;
	case SL_CHART_HEAT: heat(f, c); break;
	case SL_CHART_NONE: break;
	}
}
