/* report_case.c — `signlog report`: the case report, composed of the tables other reports
 * compute (it computes nothing of its own), in the order a reader of the case wants them. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "detect.h"
#include "filter.h"
#include "report.h"
#include "util.h"

/* Rows per ranked table when --top is not given: a page a person reads. */
#define CASE_TOP 20
/* Reports run side by side on at most this many threads. */
#define CASE_THREADS 4

/* The legacy-authentication sign-ins are listed with these columns, in time order. */
static const char legacy_columns[] = "time,user,app,client-app,ip,country,status,error-code";

/* What every report below reads (detect's rules the most), and the legacy filter and list
 * columns. */
const enum sl_fid sl_case_fields[] = {
	SL_F_TIME, SL_F_STATUS, SL_F_EVENT_TYPE, SL_F_USER, SL_F_USER_ID, SL_F_USER_NAME,
	SL_F_APP, SL_F_APP_ID, SL_F_RESOURCE, SL_F_RESOURCE_ID, SL_F_IP, SL_F_COUNTRY,
	SL_F_ASN, SL_F_DEVICE_ID, SL_F_CLIENT_APP, SL_F_AUTH_REQ, SL_F_ADDITIONAL, SL_F_AUTH_METHOD,
	SL_F_AUTH_OK, SL_F_AUTH_RESULT, SL_F_AUTH_STEP_REQ, SL_F_SESSION_POLICY,
	SL_F_FAILURE_REASON, SL_F_ERROR_CODE,
	SL_F_REQUEST_ID, SL_F_CITY, SL_F_STATE, SL_F_LATITUDE, SL_F_LONGITUDE, SL_F_USER_AGENT,
	SL_F_INTERACTIVE, SL_F_SESSION_ID, SL_F_AUTH_PROTOCOL, SL_F_TRANSFER_METHOD, SL_F_OS,
	SL_F_RISK_DURING, SL_F_RISK_STATE, SL_F__COUNT
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

/* One report the case is made of, and the tables taken from it: table (a section key, NULL
 * for the root key-value section) becomes the case's section key, titled title (NULL: its own);
 * header: the page shows it in its header, with what was read and selected; top: a table the
 * report does not cut, cut at --top here (detect's findings, most severe first). */
struct take {
	const char *table, *key, *title;
	int header;
	int top;
};
#define TAKES 4
struct job {
	sl_report_fn *fn;
	const char *name;
	int by;
	int legacy;              /* the legacy-authentication sign-ins, listed */
	int history;             /* reads every loaded sign-in and the selection (commands.def H) */
	int cost;                /* CPU ms over 1M generated sign-ins (bench/run --case): the costliest run first */
	struct take takes[TAKES];
	struct sl_report sub;    /* filled by a worker */
};

/* The case, in page order: what was read (the header of the page); who was attacked and
 * whether it worked; when; what failed, for whom and from where; how well protected; what,
 * where and who. */
static const struct job jobs_template[] = {
	{ sl_report_summary, "summary", SL_BY_NONE, 0, 0, 32, {
		{ NULL, "summary", "Summary", 1, 0 },
		{ "files", "files", "Inputs", 1, 0 },
		{ "skipped_categories", "skipped_categories", NULL, 1, 0 },
		{ "status", "status", "Sign-ins by status", 0, 0 } }, { 0 } },
	{ sl_report_detect, "detect", SL_BY_NONE, 0, 1, 389, {
		{ NULL, "detections", "Detections", 0, 0 },
		{ "findings", "findings", "Detection findings (most severe first)", 0, 1 } }, { 0 } },
	{ sl_report_status, "status", SL_BY_DAY, 0, 0, 17, {
		{ "by_day", "sign_ins_per_day", "Sign-ins per day by status", 0, 0 } }, { 0 } },
	{ sl_report_active, "active", SL_BY_WEEK, 0, 0, 42, {
		{ "periods", "weekly_active_users", "Active users per week (a successful sign-in)", 0, 0 },
		{ "hours", "hours", NULL, 0, 0 } }, { 0 } },
	{ sl_report_failures, "failures", SL_BY_NONE, 0, 0, 11, {
		{ "failures", "failure_codes", "Failure codes", 0, 0 } }, { 0 } },
	{ sl_report_failures, "failures", SL_F_USER, 0, 0, 35, {
		{ "by_user", "failing_users", "Failing users (failed sign-ins per user and code)", 0, 0 } }, { 0 } },
	{ sl_report_failures, "failures", SL_F_IP, 0, 0, 47, {
		{ "by_ip", "failing_ips", "Failing IP addresses (failed sign-ins per address and code)", 0, 0 } }, { 0 } },
	{ sl_report_mfa, "mfa", SL_BY_WEEK, 0, 0, 88, {
		{ NULL, "mfa", "MFA on successful user sign-ins", 0, 0 },
		{ "by_period", "mfa_per_week", "MFA share of successful user sign-ins per week", 0, 0 },
		{ "methods", "mfa_methods", NULL, 0, 0 } }, { 0 } },
	{ sl_report_list, "list", SL_BY_NONE, 1, 0, 4, {
		{ "sign_ins", "legacy_sign_in_list", "Legacy-authentication sign-ins (in time order)", 0, 0 } }, { 0 } },
	{ sl_report_apps, "apps", SL_BY_NONE, 0, 0, 63, {
		{ "apps", "top_apps", "Applications", 0, 0 } }, { 0 } },
	{ sl_report_status, "status", SL_F_COUNTRY, 0, 0, 1, {
		{ "by_country", "top_countries", "Countries (sign-ins by status)", 0, 0 } }, { 0 } },
	{ sl_report_users, "users", SL_BY_NONE, 0, 0, 306, {
		{ "users", "top_users", "Users", 0, 0 } }, { 0 } },
};
#define NJOBS (sizeof jobs_template / sizeof jobs_template[0])

struct work {
	struct job *jobs;
	size_t order[NJOBS];            /* job indices, costliest first */
	const struct sl_ingest *g;      /* the selected sign-ins */
	const struct sl_ingest *all;    /* every loaded sign-in (history jobs, with q->sel) */
	const struct sl_query *q;       /* the case's query, --top already defaulted */
	const uint8_t *legacy;          /* the selected legacy-authentication sign-ins */
	pthread_mutex_t lock;
	size_t next;
};

static void run(struct job *j, const struct work *w)
{
	struct sl_query nq = *w->q;
	nq.by = j->by;
	if (j->history) {
		sl_report_init(&j->sub, j->name, NULL);
		j->fn(&j->sub, w->all, &nq);
		return;
	}
	nq.sel = NULL;
	if (j->legacy) {
		/* `list --legacy --sort time --columns ...` over the selection */
		nq.columns = legacy_columns;
		nq.sort = "time";
		nq.sel = w->legacy;
	}
	sl_report_init(&j->sub, j->name, NULL);
	j->fn(&j->sub, w->g, &nq);
}

/* Workers take the next report until none is left; each fills its own report, so the case is
 * the same whatever the number of workers. */
static void *worker(void *arg)
{
	struct work *w = arg;
	for (;;) {
		size_t k;
		pthread_mutex_lock(&w->lock);
		k = w->next++;
		pthread_mutex_unlock(&w->lock);
		if (k >= NJOBS)
			return NULL;
		run(&w->jobs[w->order[k]], w);
	}
}

/* Copy table (NULL: the root key-value section) of sub into r; top: --top as the case uses it. */
static void take(struct sl_report *r, const struct sl_report *sub, const struct take *t, long top)
{
	for (size_t i = 0; i < sub->nsec; i++) {
		const struct sl_section *s = sub->secs[i];
		if ((!t->table && !s->key) || (t->table && s->key && strcmp(s->key, t->table) == 0)) {
			/* a cut table is copied as a view of its first rows: the rows left out may be
			 * many (a finding per sign-in of a noisy tenant) */
			struct sl_section view = *s;
			size_t more = 0;
			if (t->top && top > 0 && s->nrows > (size_t)top) {
				more = s->nrows - (size_t)top;
				view.nrows = (size_t)top;
			}
			struct sl_section *d = sl_report_copy(r, &view, t->key, t->title);
			d->header = t->header;
			if (more)
				d->note = sl_arena_printf(&r->arena, "%zu more row%s not shown (--top %ld; --top 0 shows "
				                          "all; signlog %s lists them all)", more, more == 1 ? "" : "s",
				                          top, sub->name);
			return;
		}
	}
	sl_die(SL_EXIT_ERROR, "internal error: report %s has no table %s", sub->name,
	       t->table ? t->table : "(root)");
}

void sl_report_case(struct sl_report *r, const struct sl_ingest *all, const struct sl_query *q)
{
	struct sl_query nq = *q;
	struct sl_ingest selected;
	const struct sl_ingest *g = all;
	struct job jobs[NJOBS];
	struct work w;
	pthread_t tid[CASE_THREADS];
	size_t nthreads = 0;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	char err[256];

	static const enum sl_fid list_fields[] = {
		SL_F_TIME, SL_F_USER, SL_F_APP, SL_F_CLIENT_APP, SL_F_IP, SL_F_COUNTRY, SL_F_STATUS,
		SL_F_ERROR_CODE, SL_F__COUNT
	};
	const enum sl_fid *parts[] = {
		sl_summary_fields, sl_status_fields, sl_active_fields, sl_failures_fields, sl_mfa_fields,
		sl_apps_fields, sl_users_fields, list_fields, sl_detect_fields,
	};
	for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++)
		check_fields(parts[k]);

	nq.top = q->top < 0 ? CASE_TOP : q->top;
	nq.any_status = 0;
	nq.columns = NULL;
	nq.sort = NULL;

	/* detect judges the selected sign-ins against every loaded one (a user's earlier
	 * countries); the other reports count the selected ones, from a store of their own */
	if (q->sel) {
		selected = *all;
		sl_store_init(&selected.store, all->store.want);
		sl_store_select(&selected.store, &all->store, q->sel);
		g = &selected;
	}

	/* the legacy-authentication sign-ins among the selected ones */
	struct sl_filter *legacy = sl_filter_new();
	uint8_t *keep = sl_xmalloc(g->store.n ? g->store.n : 1);
	if (sl_filter_add(legacy, "legacy", NULL, err, sizeof err) != 0)
		sl_die(SL_EXIT_ERROR, "internal error: %s", err);
	if (sl_filter_eval(legacy, &g->store, keep, err, sizeof err) != 0)
		sl_die(SL_EXIT_ERROR, "internal error: %s", err);

	memcpy(jobs, jobs_template, sizeof jobs);
	memset(&w, 0, sizeof w);
	w.jobs = jobs;
	w.g = g;
	w.all = all;
	w.q = &nq;
	w.legacy = keep;
	/* the costliest first, so the last report to start is a short one and the threads end
	 * together (users is half of the whole); the page order is kept by the composition below */
	for (size_t k = 0; k < NJOBS; k++) {
		size_t at = k;
		for (; at > 0 && jobs[w.order[at - 1]].cost < jobs[k].cost; at--)
			w.order[at] = w.order[at - 1];
		w.order[at] = k;
	}
	pthread_mutex_init(&w.lock, NULL);
	/* the reports read the store and nothing else shared: they run side by side, on as many
	 * CPUs as there are, up to CASE_THREADS (this thread is one of them) */
	if (ncpu > 1)
		for (long t = 1; t < ncpu && t < CASE_THREADS; t++)
			if (pthread_create(&tid[nthreads], NULL, worker, &w) == 0)
				nthreads++;
	worker(&w);
	for (size_t t = 0; t < nthreads; t++)
		pthread_join(tid[t], NULL);
	pthread_mutex_destroy(&w.lock);

	for (size_t k = 0; k < NJOBS; k++) {
		for (size_t t = 0; t < TAKES && jobs[k].takes[t].key; t++)
			take(r, &jobs[k].sub, &jobs[k].takes[t], nq.top);
		sl_report_free(&jobs[k].sub);
	}
	free(keep);
	sl_filter_free(legacy);
	if (g != all)
		sl_store_free(&selected.store);
}
