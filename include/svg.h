/* svg.h — inline SVG charts for the HTML writer: layout arithmetic only, the figures are given. */
#ifndef SL_SVG_H
#define SL_SVG_H
#include <stddef.h>
#include <stdio.h>
#include "table.h"

/* One chart: nrows rows (bars, columns or points along the x axis; heat-map rows) and
 * nseries value series. Every text is attacker-controlled log text and is escaped here. */
struct sl_svg_chart {
	enum sl_chart_kind kind;
	int id;                          /* unique in the page: names the chart's patterns */
	const char *title;               /* what the chart shows (its accessible name) */
	size_t nrows, nseries;
	const char *label_name;          /* what the row labels are (the x axis title), or NULL */
	const char *const *labels;       /* nrows row labels */
	const char *const *series;       /* nseries series names */
	const double *v;                 /* nrows * nseries values, row-major; NaN: no value */
	int pct;                         /* the values are percentages: the axis runs 0-100 % */
};

/* Write the chart as one <svg> element (nothing when it has no rows or no series). */
void sl_svg_chart(FILE *f, const struct sl_svg_chart *c);

#endif
