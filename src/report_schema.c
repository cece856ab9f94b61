/* report_schema.c — `signlog schema`: the output contract, every command's tables and columns with their types. */
#include <string.h>
#include "commands.h"
#include "report.h"
#include "util.h"

static const struct sl_column cols[] = {
	{ "command", "Command", SL_CT_STR, 0 },
	{ "table_name", "Table", SL_CT_STR, 0 },
	{ "kind", "Kind", SL_CT_STR, 0 },
	{ "primary", "Primary", SL_CT_BOOL, 0 },
	{ "column", "Column", SL_CT_STR, 0 },
	{ "json_type", "JSON type", SL_CT_STR, 0 },
};

static void row(struct sl_report *r, struct sl_section *sec, const char *cmd, const char *table,
                const char *kind, int primary, const char *col, enum sl_ctype t)
{
	struct sl_cell *c = sl_section_row(r, sec);
	sl_cell_cstr(r, &c[0], cmd);
	sl_cell_cstr(r, &c[1], table);
	sl_cell_cstr(r, &c[2], kind);
	sl_cell_int(&c[3], primary);
	sl_cell_cstr(r, &c[4], col);
	sl_cell_cstr(r, &c[5], sl_ctype_name(t));
}

/* One command's shape under the query q, as rows. */
static void one(struct sl_report *r, struct sl_section *sec, const struct sl_command *c, const struct sl_query *q)
{
	struct sl_report shape;
	const struct sl_section *primary;
	sl_command_shape(c, q, &shape);
	primary = sl_report_primary(&shape);
	for (size_t i = 0; i < shape.nsec; i++) {
		const struct sl_section *s = shape.secs[i];
		const char *name = sl_section_name(&shape, s);
		if (s->kind == SL_SEC_KV) {
			for (size_t k = 0; k < s->nrows; k++)
				row(r, sec, c->name, name, sl_skind_name(s->kind), s == primary, sl_cell_at(s, k, 0)->s,
				    sl_cell_type(s, k, 1));
		} else {
			for (size_t k = 0; k < s->ncols; k++)
				row(r, sec, c->name, name, sl_skind_name(s->kind), s == primary, s->cols[k].name,
				    s->cols[k].type);
		}
	}
	sl_report_free(&shape);
}

void sl_report_schema(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	/* the shape of schema is taken by running it: then it lists no command (not itself, again) */
	static int depth;
	struct sl_section *sec = sl_report_section(r, "schema", "Tables and columns of each command's output",
	                                           SL_SEC_TABLE, cols, sizeof cols / sizeof cols[0]);
	(void)g;
	if (depth)
		return;
	depth++;
	if (q->nargs > 0) {
		const struct sl_command *c = sl_command_find(q->args[0]);
		if (!c)
			sl_die(SL_EXIT_USAGE, "unknown command '%s'", q->args[0]);
		/* the options given shape it: status --by week has a by_week table */
		one(r, sec, c, q);
	} else {
		struct sl_query dq;
		sl_query_init(&dq);
		for (size_t i = 0; i < sl_ncommands; i++)
			one(r, sec, &sl_commands[i], &dq);
	}
	if (q->nargs > 1)
		sec->note = sl_arena_printf(&r->arena, "only the first command named is shown (%s)", q->args[0]);
	depth--;
}
