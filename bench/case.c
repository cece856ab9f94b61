/* case.c — times the case report (`signlog report`: its tables and the HTML page) against the
 * ingest that fed it, in one process, and measures the page (targets: under a tenth of the
 * ingest, under 2 MB). Usage: case [--threads N] [--out FILE.html] INPUT... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ingest.h"
#include "input.h"
#include "report.h"
#include "write.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct sl_query q;
	uint8_t want[SL_F__COUNT] = { 0 };
	struct sl_paths paths = { 0 };
	struct sl_ingest g;
	struct sl_ingest_opts o = { .threads = 3, .quiet = 1, .max_errors = 5 };
	struct sl_write_opts wo = { .format = SL_FMT_HTML };
	struct sl_report r;
	const char *out = "/dev/null";
	int errors = 0, argi = 1;
	double t0, t1, t2, t3, c0, c1, c2, c3;
	FILE *f;
	long size;

	while (argi + 1 < argc && argv[argi][0] == '-') {
		if (strcmp(argv[argi], "--threads") == 0)
			o.threads = atoi(argv[argi + 1]);
		else if (strcmp(argv[argi], "--out") == 0)
			out = argv[argi + 1];
		argi += 2;
	}
	sl_query_init(&q);
	for (const enum sl_fid *fp = sl_case_fields; *fp != SL_F__COUNT; fp++)
		want[*fp] = 1;
	sl_paths_expand(&paths, argv + argi, argc - argi, &errors);
	sl_ingest_init(&g, want);
	t0 = now();
	c0 = cpu();
	sl_ingest_run(&g, &paths, &o);
	t1 = now();
	c1 = cpu();
	q.of = (int64_t)g.store.n;
	sl_report_init(&r, "report", "Sign-in case report");
	r.reads_signins = 1;
	r.filter = "";
	r.selected = r.of = (int64_t)g.store.n;
	sl_report_case(&r, &g, &q);
	t2 = now();
	c2 = cpu();
	if (!(f = fopen(out, "w")) || sl_write_html(f, &r, &wo) != 0) {
		perror(out);
		return 2;
	}
	size = ftell(f);
	fclose(f);
	t3 = now();
	c3 = cpu();
	printf("ingest (the fields report loads, %d threads): %llu sign-ins in %.3f s (CPU %.3f s)\n",
	       o.threads, (unsigned long long)g.loaded, t1 - t0, c1 - c0);
	printf("case report tables: %.3f s, HTML page: %.3f s, together %.3f s = %.3f of the ingest's wall clock "
	       "(CPU %.3f s = %.3f of the ingest's CPU)\n",
	       t2 - t1, t3 - t2, t3 - t1, (t3 - t1) / (t1 - t0), c3 - c1, (c3 - c1) / (c1 - c0));
	printf("page: %ld bytes (%.2f MB)\n", size, (double)size / 1e6);
	int pass = (t3 - t1) / (t1 - t0) < 0.1 && size < 2000000;
	printf("%s: building the page under a tenth of the ingest, the page under 2 MB\n",
	       pass ? "TARGET PASS" : "TARGET FAIL");
	sl_report_free(&r);
	sl_ingest_free(&g);
	sl_paths_free(&paths);
	return !pass;
}
