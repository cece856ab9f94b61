/* help.c — `signlog --help` and `signlog help COMMAND`, made from the command and option tables. */
#include <stdio.h>
#include <string.h>
#include "commands.h"
#include "field.h"
#include "write.h"

/* "  -f, --format FMT" or "      --by FIELD", then the help from column 27 (or after two spaces). */
static void option_line(FILE *f, const struct sl_option *o, const char *help)
{
	char left[64];
	int n;
	if (o->letter)
		n = snprintf(left, sizeof left, "  -%c, --%s%s%s", o->letter, o->name, o->arg ? " " : "", o->arg ? o->arg : "");
	else
		n = snprintf(left, sizeof left, "      --%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
	fprintf(f, "%s%*s%s\n", left, n < 25 ? 27 - n : 2, "", help);
}

/* The filters as one wrapped list of names, for a command's help. */
static void filter_names(FILE *f)
{
	size_t col = 0;
	for (int i = 0; i < SL_O__COUNT; i++) {
		const struct sl_option *o = &sl_options[i];
		char w[64];
		if (o->scope != SL_OS_FILTER)
			continue;
		snprintf(w, sizeof w, "--%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		if (col && col + 2 + strlen(w) > 96) {
			fputc('\n', f);
			col = 0;
		}
		col += (size_t)fprintf(f, "%s%s", col ? "  " : "  ", w);
	}
	fputc('\n', f);
}

void sl_help_usage(FILE *f)
{
	fputs("usage: signlog [OPTION...] COMMAND [ARG] [OPTION...] FILE...\n"
	      "Offline analysis of Microsoft Entra ID sign-in log exports (JSON, CSV, gzip).\n\n"
	      "Commands:\n", f);
	for (size_t i = 0; i < sl_ncommands; i++) {
		const struct sl_command *c = &sl_commands[i];
		char name[40];
		snprintf(name, sizeof name, "%s%s%s", c->name, c->arg && c->fields ? " " : "",
		         c->arg && c->fields ? c->arg : "");
		fprintf(f, "  %-14s %s\n", name, c->help);
	}
	fputs("\nOptions:\n", f);
	for (int i = 0; i < SL_O__COUNT; i++)
		if (sl_options[i].scope == SL_OS_GLOBAL)
			option_line(f, &sl_options[i], sl_options[i].help);
	fputs("\nReport options (signlog help COMMAND says which a command takes):\n", f);
	for (int i = 0; i < SL_O__COUNT; i++)
		if (sl_options[i].scope == SL_OS_REPORT)
			option_line(f, &sl_options[i], sl_options[i].help);
	fputs("\nFilters (every command that reads sign-ins; the comma-separated values of one filter\n"
	      "are ORed, different filters ANDed):\n", f);
	for (int i = 0; i < SL_O__COUNT; i++)
		if (sl_options[i].scope == SL_OS_FILTER)
			option_line(f, &sl_options[i], sl_options[i].help);
	fputs("\nFILE may be a directory (read recursively) or - for standard input.\n"
	      "signlog help COMMAND shows a command's options, tables and an example.\n"
	      "See signlog(1) for the definitions behind every figure.\n", f);
}

void sl_help_command(FILE *f, const struct sl_command *c)
{
	struct sl_query q;
	struct sl_report r;
	const struct sl_section *primary;
	char by[400];

	fprintf(f, "usage: signlog [OPTION...] %s", c->name);
	if (c->arg)
		fprintf(f, " %s", c->arg);
	for (int i = 0; i < SL_O__COUNT; i++) {
		const struct sl_option *o = &sl_options[i];
		if (o->scope == SL_OS_REPORT && sl_command_takes(c, (enum sl_oid)i))
			fprintf(f, " [--%s%s%s]", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
	}
	if (c->fields)
		fputs(" [FILTER...] FILE...", f);
	fprintf(f, "\n%s: %s.\n", c->title, c->help);

	if (strcmp(c->options, "@") == 0) {
		fputs("\nOptions: those of COMMAND, which they shape as they shape its output.\n", f);
	} else if (*c->options) {
		fputs("\nOptions:\n", f);
		for (int i = 0; i < SL_O__COUNT; i++) {
			const struct sl_option *o = &sl_options[i];
			if (o->scope != SL_OS_REPORT || !sl_command_takes(c, (enum sl_oid)i))
				continue;
			if (i == SL_O_BY) {
				char h[480];
				snprintf(h, sizeof h, "break down by %s", sl_command_by_text(c, by, sizeof by));
				option_line(f, o, h);
			} else {
				option_line(f, o, o->help);
			}
		}
	}
	if (c->fields) {
		fputs("\nFilters (signlog --help says what each selects):\n", f);
		filter_names(f);
	}

	sl_query_init(&q);
	sl_command_shape(c, &q, &r);
	primary = sl_report_primary(&r);
	fputs("\nTables (-f csv writes the one marked *, --table NAME another, -o DIR/ every one):\n", f);
	for (size_t i = 0; i < r.nsec; i++) {
		const struct sl_section *s = r.secs[i];
		size_t col = 0;
		col += (size_t)fprintf(f, "  %s%s (%s):", sl_section_name(&r, s), s == primary ? " *" : "",
		                       sl_skind_name(s->kind));
		if (s->kind == SL_SEC_KV) {
			for (size_t k = 0; k < s->nrows; k++) {
				const char *key = sl_cell_at(s, k, 0)->s;
				if (col + strlen(key) + 2 > 96) {
					fputs("\n   ", f);
					col = 3;
				}
				col += (size_t)fprintf(f, " %s%s", key, k + 1 < s->nrows ? "," : "");
			}
		} else {
			for (size_t k = 0; k < s->ncols; k++) {
				if (col + strlen(s->cols[k].name) + 2 > 96) {
					fputs("\n   ", f);
					col = 3;
				}
				col += (size_t)fprintf(f, " %s%s", s->cols[k].name, k + 1 < s->ncols ? "," : "");
			}
		}
		fputc('\n', f);
	}
	sl_report_free(&r);
	fprintf(f, "\nExample:\n  %s\n", c->example);
	fputs("\nThe options of every command: signlog --help. Columns and types: signlog schema. "
	      "Definitions: signlog(1).\n", f);
}
