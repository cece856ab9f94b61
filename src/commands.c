/* commands.c — the command and option tables, and what main.c and help derive from them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "field.h"
#include "util.h"

const struct sl_option sl_options[SL_O__COUNT] = {
#define O(id, name, letter, arg, scope, value, help) { name, letter, arg, SL_OS_##scope, SL_OV_##value, help },
#include "options.def"
#undef O
};

const struct sl_command sl_commands[] = {
#define C(name, fn, fields, arg, options, by, title, help, example) \
	{ name, fn, fields, arg, options, by, title, help, example },
#include "commands.def"
#undef C
};
const size_t sl_ncommands = sizeof sl_commands / sizeof sl_commands[0];

void sl_query_init(struct sl_query *q)
{
	memset(q, 0, sizeof *q);
	q->by = SL_BY_NONE;
	q->top = -1;
	q->gap = 7 * 86400000000LL;
	q->of = -1;
}

const char *sl_scope(const struct sl_query *q)
{
	return q && q->filtered ? "among the selected sign-ins" : "in the input";
}

const struct sl_command *sl_command_find(const char *name)
{
	for (size_t i = 0; i < sl_ncommands; i++)
		if (strcmp(sl_commands[i].name, name) == 0)
			return &sl_commands[i];
	return NULL;
}

/* Is w one of the space-separated words of list? */
static int has_word(const char *list, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = list; (p = strstr(p, w)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

int sl_command_takes(const struct sl_command *c, enum sl_oid o)
{
	return has_word(c->options, sl_options[o].name);
}

int sl_command_by(const struct sl_command *c, const char *value, int *by, char *err, size_t errlen)
{
	static const char *const periods[] = { "hour", "day", "week", "month" };
	const char *cands[SL_F__COUNT + 8];
	size_t n = 0;
	char dym[160], list[400] = "";
	int v;

	if (sl_by_parse(value, &v) == 0) {
		const char *name = v < 0 ? periods[-v - 2] : sl_fields[v].name;
		if (has_word(c->by, name) || (v >= 0 && has_word(c->by, "FIELD")) ||
		    (v < 0 && has_word(c->by, "PERIOD"))) {
			*by = v;
			return 0;
		}
	}
	/* what it takes instead, for the message and the suggestion */
	for (const char *p = c->by; *p;) {
		size_t len = strcspn(p, " ");
		if (len == 6 && strncmp(p, "PERIOD", 6) == 0) {
			for (size_t k = 0; k < 4; k++)
				cands[n++] = periods[k];
		} else if (len == 5 && strncmp(p, "FIELD", 5) == 0) {
			for (int f = 0; f < SL_F__COUNT; f++)
				if (sl_fields[f].list == SL_LIST_NONE)
					cands[n++] = sl_fields[f].name;
		} else {
			for (int f = 0; f < SL_F__COUNT; f++)
				if (strlen(sl_fields[f].name) == len && strncmp(sl_fields[f].name, p, len) == 0)
					cands[n++] = sl_fields[f].name;
			for (size_t k = 0; k < 4; k++)
				if (strlen(periods[k]) == len && strncmp(periods[k], p, len) == 0)
					cands[n++] = periods[k];
		}
		p += len;
		p += *p == ' ';
	}
	sl_command_by_text(c, list, sizeof list);
	snprintf(err, errlen, "%s --by takes %s, not '%s'%s", c->name, list, value,
	         sl_did_you_mean(value, cands, n, dym, sizeof dym));
	return -1;
}

const char *sl_command_by_text(const struct sl_command *c, char *buf, size_t size)
{
	static const char *const periods = "hour, day, week or month";
	const char *words[16];
	size_t n = 0;
	buf[0] = '\0';
	if (has_word(c->by, "FIELD")) {
		snprintf(buf, size, "a field with one value per sign-in (see signlog fields)%s%s",
		         has_word(c->by, "PERIOD") ? ", " : "", has_word(c->by, "PERIOD") ? periods : "");
		return buf;
	}
	for (const char *p = c->by; *p && n < 16;) {
		size_t len = strcspn(p, " ");
		words[n++] = p;
		p += len;
		p += *p == ' ';
	}
	for (size_t k = 0; k < n; k++) {
		size_t used = strlen(buf);
		snprintf(buf + used, size - used, "%s%.*s", k ? (k + 1 == n ? " or " : ", ") : "",
		         (int)strcspn(words[k], " "), words[k]);
	}
	return buf;
}

void sl_command_shape(const struct sl_command *c, const struct sl_query *q, struct sl_report *r)
{
	struct sl_ingest g;
	struct sl_query nq = *q;
	uint8_t want[SL_F__COUNT];

	/* the shape does not depend on the arguments (codes 50126 has the columns of codes) */
	nq.args = NULL;
	nq.nargs = 0;
	if (c->arg && c->fields && !nq.arg)
		nq.arg = "";
	sl_fields_all(want);
	sl_ingest_init(&g, want);
	sl_report_init(r, c->name, c->title);
	c->report(r, &g, &nq);
	sl_ingest_free(&g);
}

