/* report_case.c — `signlog report`: the case report, composed of the tables other reports
 * compute (it computes nothing of its own), in the order a reader of the case wants them. */
#include <stdlib.h>
#include <string.h>
#include "filter.h"
#include "report.h"
#include "util.h"

/* Rows per ranked table when --top is not given: a page a person reads. */
#define CASE_TOP 20

/* The legacy-authentication sign-ins are listed with these columns, in time order. */
static const char legacy_columns[] = "time,user,app,client-app,ip,country,status,error-code";

/* What every report below reads, and the legacy filter and list columns. */
const enum sl_fid sl_case_fields[] = {
	SL_F_TIME, SL_F_STATUS, SL_F_EVENT_TYPE, SL_F_USER, SL_F_USER_ID, SL_F_USER_NAME,
	SL_F_APP, SL_F_APP_ID, SL_F_RESOURCE, SL_F_RESOURCE_ID, SL_F_IP, SL_F_COUNTRY, SL_F_CITY,
	SL_F_ASN, SL_F_DEVICE_ID, SL_F_CLIENT_APP, SL_F_AUTH_REQ, SL_F_ADDITIONAL, SL_F_AUTH_METHOD,
	SL_F_AUTH_OK, SL_F_AUTH_RESULT, SL_F_AUTH_STEP_REQ, SL_F_SESSION_POLICY,
	SL_F_FAILURE_REASON, SL_F_ERROR_CODE, SL_F__COUNT
};

/* The reports the case is made of: a report missing one of their fields would read a column
 * that was never loaded, so this is checked on every run (the shape run included). */
static void check_fields(const enum sl_fid *need)
{
	for (; *need != SL_F__COUNT; need++) {
		const enum sl_fid *f;
		for (f = sl_case_fields; *f != SL_F__COUNT && *f != *need; f++)
			;
		if (*f == SL_F__COUNT)
			sl_die(SL_EXIT_ERROR, "internal error: report does not load field %s",
			       sl_fields[*need].name);
	}
}

/* Run fn with query q over g into a report of its own. */
static void run(struct sl_report *sub, sl_report_fn *fn, const char *name,
                const struct sl_ingest *g, const struct sl_query *q)
{
	sl_report_init(sub, name, NULL);
	fn(sub, g, q);
}

/* Copy table (a section key; NULL: the root key-value section) of sub into r. */
static void take(struct sl_report *r, const struct sl_report *sub, const char *table,
                 const char *key, const char *title)
{
	for (size_t i = 0; i < sub->nsec; i++) {
		const struct sl_section *s = sub->secs[i];
		if ((!table && !s->key) || (table && s->key && strcmp(s->key, table) == 0)) {
			sl_report_copy(r, s, key, title);
			return;
		}
	}
	sl_die(SL_EXIT_ERROR, "internal error: report %s has no table %s", sub->name,
	       table ? table : "(root)");
}

void sl_report_case(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	struct sl_query nq = *q;
	struct sl_report sub;
	char err[256];

	static const enum sl_fid list_fields[] = {
		SL_F_TIME, SL_F_USER, SL_F_APP, SL_F_CLIENT_APP, SL_F_IP, SL_F_COUNTRY, SL_F_STATUS,
		SL_F_ERROR_CODE, SL_F__COUNT
	};
	const enum sl_fid *parts[] = {
		sl_summary_fields, sl_status_fields, sl_active_fields, sl_failures_fields, sl_mfa_fields,
		sl_apps_fields, sl_locations_fields, sl_users_fields, list_fields,
	};
	for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++)
		check_fields(parts[k]);

	nq.top = q->top < 0 ? CASE_TOP : q->top;
	nq.by = SL_BY_NONE;
	nq.any_status = 0;
	nq.columns = NULL;
	nq.sort = NULL;
	nq.sel = NULL;

	/* what was read: the accounting, per input, and the status of every sign-in */
	run(&sub, sl_report_summary, "summary", g, &nq);
	take(r, &sub, NULL, "summary", "Summary");
	take(r, &sub, "files", "files", "Inputs");
	take(r, &sub, "status", "status", "Sign-ins by status");
	sl_report_free(&sub);

	/* when: per day by status, active users per week, the hours of the week */
	nq.by = SL_BY_DAY;
	run(&sub, sl_report_status, "status", g, &nq);
	take(r, &sub, "by_day", "sign_ins_per_day", "Sign-ins per day by status");
	sl_report_free(&sub);
	nq.by = SL_BY_WEEK;
	run(&sub, sl_report_active, "active", g, &nq);
	take(r, &sub, "periods", "weekly_active_users", "Active users per week (a successful sign-in)");
	take(r, &sub, "hours", "hours", NULL);
	sl_report_free(&sub);

	/* what failed, for whom and from where */
	nq.by = SL_BY_NONE;
	run(&sub, sl_report_failures, "failures", g, &nq);
	take(r, &sub, "failures", "failure_codes", "Failure codes");
	sl_report_free(&sub);
	nq.by = SL_F_USER;
	run(&sub, sl_report_failures, "failures", g, &nq);
	take(r, &sub, "by_user", "failing_users", "Failing users (failed sign-ins per user and code)");
	sl_report_free(&sub);
	nq.by = SL_F_IP;
	run(&sub, sl_report_failures, "failures", g, &nq);
	take(r, &sub, "by_ip", "failing_ips", "Failing IP addresses (failed sign-ins per address and code)");
	sl_report_free(&sub);

	/* how well protected: MFA overall, per week and by method; legacy authentication */
	nq.by = SL_BY_WEEK;
	run(&sub, sl_report_mfa, "mfa", g, &nq);
	take(r, &sub, NULL, "mfa", "MFA on successful user sign-ins");
	take(r, &sub, "by_period", "mfa_per_week", "MFA share of successful user sign-ins per week");
	take(r, &sub, "methods", "mfa_methods", NULL);
	sl_report_free(&sub);

	{
		/* the list of legacy sign-ins: `list --legacy --sort time`, over the selection */
		struct sl_filter *legacy = sl_filter_new();
		uint8_t *keep = sl_xmalloc(g->store.n ? g->store.n : 1);
		if (sl_filter_add(legacy, "legacy", NULL, err, sizeof err) != 0)
			sl_die(SL_EXIT_ERROR, "internal error: %s", err);
		sl_filter_eval(legacy, &g->store, keep);
		if (q->sel)
			for (size_t i = 0; i < g->store.n; i++)
				keep[i] = keep[i] && q->sel[i];
		nq.by = SL_BY_NONE;
		nq.columns = legacy_columns;
		nq.sort = "time";
		nq.sel = keep;
		run(&sub, sl_report_list, "list", g, &nq);
		take(r, &sub, "sign_ins", "legacy_sign_in_list", "Legacy-authentication sign-ins (in time order)");
		sl_report_free(&sub);
		nq.columns = NULL;
		nq.sort = NULL;
		nq.sel = q->sel;
		free(keep);
		sl_filter_free(legacy);
	}

	/* what and where: applications, countries; who: the users */
	nq.by = SL_BY_NONE;
	run(&sub, sl_report_apps, "apps", g, &nq);
	take(r, &sub, "apps", "top_apps", "Applications");
	sl_report_free(&sub);
	run(&sub, sl_report_locations, "locations", g, &nq);
	take(r, &sub, "countries", "top_countries", "Countries");
	sl_report_free(&sub);
	run(&sub, sl_report_users, "users", g, &nq);
	take(r, &sub, "users", "top_users", "Users");
	sl_report_free(&sub);
}
