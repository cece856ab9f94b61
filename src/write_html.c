/* write_html.c — one self-contained HTML page: a header with the accounting and the selection,
 * every table, and an inline SVG chart where a section asks for one. It loads nothing: its
 * Content-Security-Policy forbids every fetch and allows only its own style sheet and sort
 * script, by hash; every text from the logs is escaped, none becomes markup. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "svg.h"
#include "util.h"
#include "version.h"
#include "write.h"
/* html_css, html_js and their CSP hashes, made from src/html.css and src/html.js */
#include "html_assets.inc"

static void html_text(FILE *f, const char *s)
{
	sl_text_escape(f, s ? s : "", SL_ESC_HTML);
}

static int numeric(enum sl_ctype t)
{
	return t == SL_CT_INT || t == SL_CT_PCT || t == SL_CT_FLOAT;
}

/* Is section s written under --table? */
static int shown(const struct sl_report *r, const struct sl_section *s, const struct sl_write_opts *o)
{
	return !o || !o->table || strcmp(o->table, sl_section_name(r, s)) == 0;
}

/* A cell's content: no value is a dash (class na), a list its items joined by "; ". */
static void content(FILE *f, const struct sl_cell *c, enum sl_ctype t)
{
	char buf[SL_CELL_BUF];
	const char *v = sl_cell_text(c, t, 1, buf);
	if (t == SL_CT_LIST && !c->null) {
		for (uint32_t k = 0; k < c->nitems; k++) {
			if (k)
				fputs("; ", f);
			html_text(f, c->items[k]);
		}
		return;
	}
	html_text(f, v ? v : "\xE2\x80\x93");
}

static const char *cell_class(const struct sl_cell *c, enum sl_ctype t)
{
	char buf[SL_CELL_BUF];
	if (t != SL_CT_LIST && !sl_cell_text(c, t, 1, buf))
		return "na";
	if (t == SL_CT_LIST && c->null)
		return "na";
	return numeric(t) ? "n" : t == SL_CT_TIME || t == SL_CT_BOOL ? "t" : "s";
}

/* A key-value section as a definition list. */
static void pairs(FILE *f, const struct sl_section *s)
{
	fputs("<dl class=\"kv\">\n", f);
	for (size_t row = 0; row < s->nrows; row++) {
		const struct sl_cell *k = sl_cell_at(s, row, 0), *v = sl_cell_at(s, row, 1);
		enum sl_ctype t = sl_cell_type(s, row, 1);
		fputs("<div><dt>", f);
		html_text(f, k->null ? "" : k->s);
		fprintf(f, "</dt><dd class=\"%s\">", cell_class(v, t));
		content(f, v, t);
		fputs("</dd></div>\n", f);
	}
	fputs("</dl>\n", f);
}

static void table(FILE *f, const struct sl_section *s)
{
	if (s->kind == SL_SEC_KV) {
		pairs(f, s);
		return;
	}
	if (!s->nrows) {
		fputs("<p class=\"na\">No rows.</p>\n", f);
		return;
	}
	fputs("<div class=\"scroll\"><table class=\"data\">\n<thead><tr>", f);
	for (size_t col = 0; col < s->ncols; col++) {
		fprintf(f, "<th%s>", numeric(s->cols[col].type) ? " class=\"n\"" : "");
		html_text(f, s->cols[col].title ? s->cols[col].title : s->cols[col].name);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (size_t row = 0; row < s->nrows; row++) {
		fputs("<tr>", f);
		for (size_t col = 0; col < s->ncols; col++) {
			const struct sl_cell *c = sl_cell_at(s, row, col);
			enum sl_ctype t = sl_cell_type(s, row, col);
			fprintf(f, "<td class=\"%s\">", cell_class(c, t));
			content(f, c, t);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div>\n", f);
}

/* The number a chart draws for a cell: NaN for no value and for what is not a number. */
static double figure(const struct sl_cell *c, enum sl_ctype t)
{
	if (c->null)
		return NAN;
	if (t == SL_CT_INT || t == SL_CT_BOOL)
		return (double)c->i;
	if (t == SL_CT_PCT || t == SL_CT_FLOAT)
		return c->d;
	return NAN;
}

/* The chart a section asks for, from its cells as they are. */
static void chart(FILE *f, const struct sl_section *s, int id, const char *title)
{
	const struct sl_chart *ch = &s->chart;
	struct sl_svg_chart c;
	char **labels = sl_xcalloc(s->nrows ? s->nrows : 1, sizeof *labels);
	const char *series[SL_CHART_MAX];
	double *v = sl_xcalloc(s->nrows * ch->nvalue + 1, sizeof *v);
	int pct = 1;

	for (size_t k = 0; k < ch->nvalue; k++) {
		const struct sl_column *col = &s->cols[ch->value[k]];
		series[k] = col->title ? col->title : col->name;
		pct = pct && col->type == SL_CT_PCT;
	}
	for (size_t row = 0; row < s->nrows; row++) {
		size_t len = 0;
		for (size_t j = 0; j < ch->nlabel; j++) {
			char buf[SL_CELL_BUF];
			const char *t = sl_cell_text(sl_cell_at(s, row, ch->label[j]),
			                             sl_cell_type(s, row, ch->label[j]), 1, buf);
			/* a row without a value of the label column (no user logged) */
			if (!t)
				t = "(none)";
			if (!*t && ch->nlabel > 1)
				continue;
			labels[row] = sl_xrealloc(labels[row], len + strlen(t) + 2);
			sprintf(labels[row] + len, "%s%s", len ? " " : "", t);
			len = strlen(labels[row]);
		}
		if (!labels[row])
			labels[row] = sl_xstrdup("");
		for (size_t k = 0; k < ch->nvalue; k++)
			v[row * ch->nvalue + k] = figure(sl_cell_at(s, row, ch->value[k]),
			                                 sl_cell_type(s, row, ch->value[k]));
	}
	memset(&c, 0, sizeof c);
	c.kind = ch->kind;
	c.id = id;
	c.title = title;
	c.nrows = s->nrows;
	c.nseries = ch->nvalue;
	c.label_name = ch->nlabel == 1 ? (s->cols[ch->label[0]].title ? s->cols[ch->label[0]].title :
	                                  s->cols[ch->label[0]].name) : NULL;
	c.labels = (const char *const *)labels;
	c.series = series;
	c.v = v;
	c.pct = pct;
	sl_svg_chart(f, &c);
	for (size_t row = 0; row < s->nrows; row++)
		free(labels[row]);
	free(labels);
	free(v);
}

/* The line that says which sign-ins the page covers. */
static void selection(FILE *f, const struct sl_report *r)
{
	if (!r->reads_signins)
		return;
	fputs("<p class=\"filter\">", f);
	if (r->filter && *r->filter) {
		fputs("Filter: <code>", f);
		html_text(f, r->filter);
		fprintf(f, "</code> \xE2\x80\x94 %lld of %lld loaded sign-ins selected.</p>\n",
		        (long long)r->selected, (long long)r->of);
	} else {
		fprintf(f, "No filter: all %lld loaded sign-ins.</p>\n", (long long)r->of);
	}
}

/* A keyed section: its heading, its chart (if it asks for one and has rows), its table, its note. */
static void section(FILE *f, const struct sl_section *s, int *charts)
{
	fputs("<section id=\"t-", f);
	html_text(f, s->key);
	fputs("\">\n<h2>", f);
	html_text(f, s->title ? s->title : s->key);
	fputs("</h2>\n", f);
	if (s->chart.kind != SL_CHART_NONE && s->nrows) {
		chart(f, s, ++*charts, s->title ? s->title : s->key);
		/* a time axis or a grid is read from the chart: its table is folded away */
		if (s->chart.kind != SL_CHART_BARS) {
			fprintf(f, "<details><summary>Table (%zu row%s)</summary>\n", s->nrows, s->nrows == 1 ? "" : "s");
			table(f, s);
			fputs("</details>\n", f);
		} else {
			table(f, s);
		}
	} else {
		table(f, s);
	}
	if (s->note) {
		fputs("<p class=\"note\">", f);
		html_text(f, s->note);
		fputs("</p>\n", f);
	}
	fputs("</section>\n", f);
}

int sl_write_html(FILE *f, const struct sl_report *r, const struct sl_write_opts *o)
{
	const char *title = r->title ? r->title : r->name;
	int charts = 0;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", f);
	/* nothing may be fetched, framed, submitted or run but the page's own hashed style sheet
	 * and script: a log value that escaped its escaping still could not load or run anything */
	fprintf(f, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	        "style-src '%s'; script-src '%s'; base-uri 'none'; form-action 'none'\">\n",
	        html_css_hash, html_js_hash);
	fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", f);
	fprintf(f, "<meta name=\"generator\" content=\"signlog %s\">\n<title>", SL_VERSION);
	html_text(f, title);
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n<h1>", html_css);
	html_text(f, title);
	fprintf(f, "</h1>\n<p class=\"meta\">signlog %s \xC2\xB7 <code>signlog ", SL_VERSION);
	html_text(f, r->name);
	fputs("</code></p>\n", f);
	selection(f, r);
	/* the header: the root figures, then what the report marks as its accounting (inputs) */
	for (size_t i = 0; i < r->nsec; i++)
		if (!r->secs[i]->key && shown(r, r->secs[i], o))
			table(f, r->secs[i]);
	for (size_t i = 0; i < r->nsec; i++)
		if (r->secs[i]->key && r->secs[i]->header && shown(r, r->secs[i], o))
			section(f, r->secs[i], &charts);
	fputs("</header>\n", f);

	/* contents, when there is more than one section to go to */
	size_t nkeyed = 0;
	for (size_t i = 0; i < r->nsec; i++)
		nkeyed += r->secs[i]->key && !r->secs[i]->header && shown(r, r->secs[i], o);
	if (nkeyed > 1) {
		fputs("<nav>\n<h2>Contents</h2>\n<ol>\n", f);
		for (size_t i = 0; i < r->nsec; i++) {
			const struct sl_section *s = r->secs[i];
			if (!s->key || s->header || !shown(r, s, o))
				continue;
			fputs("<li><a href=\"#t-", f);
			html_text(f, s->key);
			fputs("\">", f);
			html_text(f, s->title ? s->title : s->key);
			fputs("</a></li>\n", f);
		}
		fputs("</ol>\n</nav>\n", f);
	}

	fputs("<main>\n", f);
	for (size_t i = 0; i < r->nsec; i++)
		if (r->secs[i]->key && !r->secs[i]->header && shown(r, r->secs[i], o))
			section(f, r->secs[i], &charts);
	fputs("</main>\n", f);
	fprintf(f, "<footer>Written by signlog %s. The page holds no time of writing: the same inputs "
	        "and options give the same file. It loads nothing; the charts are drawn into it, and "
	        "its only script sorts a table when a column header is clicked.</footer>\n", SL_VERSION);
	fprintf(f, "<script>%s</script>\n</body>\n</html>\n", html_js);
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}
