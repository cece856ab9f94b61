/* report_fields.c — `signlog fields`: every registry field, its type and its name in each export format. */
#include <stdio.h>
#include <string.h>
#include "field.h"
#include "report.h"
#include "util.h"

/* The words of the man page's FIELDS section for each type; enumerations are the fields
 * signlog derives from others (status, event type). */
static const char *const type_words[] = {
	[SL_FT_STR] = "text", [SL_FT_TIME] = "time", [SL_FT_INT] = "integer",
	[SL_FT_FLOAT] = "number", [SL_FT_BOOL] = "true or false", [SL_FT_ENUM] = "derived",
	[SL_FT_GUID] = "identifier",
};

/* What one element of each repeating list is. */
static const char *const list_words[SL_LIST__COUNT] = {
	[SL_LIST_NONE] = NULL, [SL_LIST_AUTH] = "auth step", [SL_LIST_CAP] = "CA policy",
	[SL_LIST_RISK] = "risk event", [SL_LIST_SLP] = "session policy",
};

static const struct sl_column cols[] = {
	{ "field", "Field", SL_CT_STR, 0 },
	{ "type", "Type", SL_CT_STR, 0 },
	{ "repeating", "Repeating", SL_CT_STR, 0 },
	{ "description", "Description", SL_CT_STR, 0 },
	{ "json", "JSON", SL_CT_STR, 0 },
	{ "portal_csv", "Portal CSV", SL_CT_STR, 0 },
	{ "log_analytics", "Log Analytics", SL_CT_STR, 0 },
};

/* One '|'-separated registry spelling: its length, and whether it is a fallback ('~'). */
static size_t item(const char *p, int *fallback)
{
	*fallback = *p == '~';
	return strcspn(p, "|");
}

/* A registry spelling list for people: "a|~b" becomes "a, b (fallback)"; "" stays null.
 * A repeating field's JSON paths are inside each element of its list, so each is shown
 * after the list's own paths ("authenticationDetails[].succeeded"); a list of plain
 * strings (risk events) is its own value ("riskEventTypes_v2[]"). */
static void spellings(struct sl_report *r, struct sl_cell *c, const char *reg, const char *list)
{
	const char *outer = list && *list ? list : "";
	size_t cap = 6 * (strlen(reg) + 1) * (strlen(outer) + 1) + 16, n = 0;
	char *out;
	if (!*reg && !*outer)
		return;
	out = sl_arena_bytes(&r->arena, cap);
	for (const char *lp = outer; ; ) {
		int lfb, efb;
		size_t llen = item(lp, &lfb);
		for (const char *ep = reg; ; ) {
			size_t elen = item(ep, &efb);
			n += (size_t)snprintf(out + n, cap - n, "%s%.*s%s%.*s%s", n ? ", " : "",
			                      (int)(llen - (size_t)lfb), lp + lfb, *outer ? (elen ? "[]." : "[]") : "",
			                      (int)(elen - (size_t)efb), ep + efb, lfb || efb ? " (fallback)" : "");
			if (!ep[elen])
				break;
			ep += elen + 1;
		}
		if (!lp[llen])
			break;
		lp += llen + 1;
	}
	sl_cell_cstr(r, c, out);
}

void sl_report_fields(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	struct sl_section *sec = sl_report_section(r, "fields", "Registry fields, in registry order",
	                                           SL_SEC_TABLE, cols, sizeof cols / sizeof cols[0]);
	(void)g;
	/* main.c hands a command that reads no input its other arguments; this one takes none */
	if (q->nargs > 0)
		sl_die(SL_EXIT_USAGE, "fields takes no arguments, not '%s'", q->args[0]);
	for (int f = 0; f < SL_F__COUNT; f++) {
		const struct sl_field *d = &sl_fields[f];
		struct sl_cell *c = sl_section_row(r, sec);
		sl_cell_cstr(r, &c[0], d->name);
		sl_cell_cstr(r, &c[1], type_words[d->type]);
		if (list_words[d->list])
			sl_cell_cstr(r, &c[2], list_words[d->list]);
		sl_cell_cstr(r, &c[3], d->desc);
		spellings(r, &c[4], d->json, d->list != SL_LIST_NONE ? sl_lists[d->list].json : NULL);
		spellings(r, &c[5], d->csv, NULL);
		spellings(r, &c[6], d->la, NULL);
	}
}
