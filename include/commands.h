/* commands.h — the command and option tables (commands.def, options.def) that main.c
 * dispatches from, and what is derived from them: help texts and the shape of a command's
 * output. */
#ifndef SL_COMMANDS_H
#define SL_COMMANDS_H
#include <stddef.h>
#include <stdio.h>
#include "report.h"

struct sl_command {
	const char *name;
	sl_report_fn *report;
	const enum sl_fid *fields;   /* NULL: reads no sign-ins */
	const char *arg;
	const char *options;         /* REPORT options it takes, space-separated; "@": see commands.def */
	const char *by;              /* --by values it accepts; "" none */
	const char *title;
	const char *help;
	const char *example;
};
extern const struct sl_command sl_commands[];
extern const size_t sl_ncommands;

const struct sl_command *sl_command_find(const char *name);
/* Does c take the REPORT option o? */
int sl_command_takes(const struct sl_command *c, enum sl_oid o);
/* Check a --by value against c->by: 0 and *by set, or -1 with a message listing the values. */
int sl_command_by(const struct sl_command *c, const char *value, int *by, char *err, size_t errlen);

/* What c's --by takes, in words ("app or resource"), in buf. */
const char *sl_command_by_text(const struct sl_command *c, char *buf, size_t size);
/* The shape of c's output for the query q: its report run over no sign-ins, which has every
 * section and column of a run over real input (r is initialised here; the caller frees it). */
void sl_command_shape(const struct sl_command *c, const struct sl_query *q, struct sl_report *r);

/* Help texts (help.c): the overview of --help, and one command's. */
void sl_help_usage(FILE *f);
void sl_help_command(FILE *f, const struct sl_command *c);

#endif
