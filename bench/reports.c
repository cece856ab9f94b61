/* reports.c — times each report against the ingest that fed it (target: under a tenth). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "ingest.h"
#include "input.h"
#include "report.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct rep { const char *name; sl_report_fn *fn; const enum sl_fid *fields; struct sl_query q; };

int main(int argc, char **argv)
{
	struct sl_query dq;
	sl_query_init(&dq);
	struct rep reps[] = {
		{ "summary", sl_report_summary, sl_summary_fields, dq },
		{ "users", sl_report_users, sl_users_fields, dq },
		{ "user", sl_report_user, sl_user_fields, dq },
		{ "active", sl_report_active, sl_active_fields, dq },
		{ "status", sl_report_status, sl_status_fields, dq },
		{ "status --by app", sl_report_status, sl_status_fields, dq },
		{ "failures", sl_report_failures, sl_failures_fields, dq },
		{ "failures --by user", sl_report_failures, sl_failures_fields, dq },
		{ "mfa", sl_report_mfa, sl_mfa_fields, dq },
		{ "apps", sl_report_apps, sl_apps_fields, dq },
		{ "ca", sl_report_ca, sl_ca_fields, dq },
		{ "risk", sl_report_risk, sl_risk_fields, dq },
		{ "locations", sl_report_locations, sl_locations_fields, dq },
		{ "clients", sl_report_clients, sl_clients_fields, dq },
	};
	size_t n = sizeof reps / sizeof reps[0];
	uint8_t want[SL_F__COUNT] = { 0 };
	struct sl_paths paths = { 0 };
	struct sl_ingest g;
	struct sl_ingest_opts o = { .threads = 2, .quiet = 1, .max_errors = 5 };
	int errors = 0, fails = 0;
	double t0, t1;

	sl_by_parse("app", &reps[5].q.by);
	sl_by_parse("user", &reps[7].q.by);
	/* one store for all: the union of what the reports read */
	for (size_t i = 0; i < n; i++)
		for (const enum sl_fid *f = reps[i].fields; *f != SL_F__COUNT; f++)
			want[*f] = 1;
	sl_paths_expand(&paths, argv + 1, argc - 1, &errors);
	sl_ingest_init(&g, want);
	t0 = now();
	sl_ingest_run(&g, &paths, &o);
	t1 = now();
	/* the user report profiles the user of the first sign-in */
	for (size_t i = 0; i < g.store.n && !reps[2].q.arg; i++)
		if (g.store.user[i])
			reps[2].q.arg = sl_dict_str(&g.store.users, g.store.user[i]);
	if (!reps[2].q.arg)
		reps[2].q.arg = "";
	printf("ingest: %llu sign-ins in %.3f s (every field the reports read)\n",
	       (unsigned long long)g.loaded, t1 - t0);
	printf("%-22s %9s %16s\n", "report", "seconds", "share of ingest");
	for (size_t i = 0; i < n; i++) {
		struct sl_report r;
		sl_report_init(&r, reps[i].name, reps[i].name);
		double a = now();
		reps[i].fn(&r, &g, &reps[i].q);
		double b = now();
		sl_report_free(&r);
		double share = (b - a) / (t1 - t0);
		fails += share >= 0.1;
		printf("%-22s %9.3f %15.3f%s\n", reps[i].name, b - a, share, share < 0.1 ? "" : "  (over 0.1)");
	}
	printf("%s: every report under a tenth of the ingest time\n", fails ? "TARGET FAIL" : "TARGET PASS");
	sl_ingest_free(&g);
	sl_paths_free(&paths);
	return fails != 0;
}
