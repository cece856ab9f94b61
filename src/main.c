/* main.c — command-line parsing and dispatch of subcommands from a table. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "field.h"
#include "filter.h"
#include "ingest.h"
#include "input.h"
#include "report.h"
#include "util.h"
#include "write.h"

#define SL_VERSION "0.1.0"

struct opts {
	struct sl_ingest_opts ingest;
	struct sl_write_opts write;
	const char *output;
};

struct command {
	const char *name;
	const char *help;
	sl_report_fn *report;
	const char *title;
	const enum sl_fid *fields;   /* what the report reads: only these are loaded */
	const char *arg;             /* the name of an argument before the files, or NULL */
	const char *options;         /* report options it takes (space-separated) */
};

static const struct command commands[] = {
#define C(name, fn, fields, arg, options, title, help) { name, help, fn, title, fields, arg, options },
#include "commands.def"
#undef C
};

static void usage(FILE *f)
{
	fputs("usage: signlog [OPTION...] COMMAND [ARG] [OPTION...] FILE...\n"
	      "Offline analysis of Microsoft Entra ID sign-in log exports (JSON, CSV, gzip).\n\n"
	      "Commands:\n", f);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		char name[40];
		snprintf(name, sizeof name, "%s%s%s", commands[i].name, commands[i].arg ? " " : "",
		         commands[i].arg ? commands[i].arg : "");
		fprintf(f, "  %-14s %s\n", name, commands[i].help);
	}
	fputs("\nOptions:\n"
	      "  -f, --format FMT         text (default), csv, json, jsonl or md\n"
	      "  -o, --output FILE        write the report to FILE\n"
	      "  -j, --threads N          parse with N threads (default: CPUs + 1, at most 8)\n"
	      "  -q, --quiet              no progress and no per-record error lines\n"
	      "      --strict             stop at the first rejected record (exit status 3)\n"
	      "      --interrupt-codes LIST  error codes classed as interrupted (replaces the default set)\n"
	      "      --max-errors N       record error lines per file before only counting (default 5)\n"
	      "      --date-order ORDER   CSV dates like 3/4/2025: dmy or mdy (default: inferred per file)\n"
	      "      --ascii              draw bars with '#' instead of Unicode blocks\n"
	      "      --csv-raw            no spreadsheet formula guard in CSV output\n"
	      "      --by FIELD           break a report down by a field or by hour, day, week, month\n"
	      "      --top N              rows per ranked table (0 = all)\n"
	      "      --any-status         active: count users with any sign-in, not only successful ones\n"
	      "      --resource           apps: per resource instead of per application\n"
	      "      --tz OFFSET          user: hour-of-day grid in this offset from UTC (+02:00)\n"
	      "      --gap DURATION       timeline: mark gaps longer than this (default 7d)\n"
	      "      --search WORD        codes: codes whose name, explanation or remediation holds WORD\n"
	      "      --columns LIST       list: the fields to show (see signlog fields)\n"
	      "      --sort [-]FIELD      list: order by a field (- for descending)\n"
	      "      --limit N            list: at most N sign-ins (0 = all)\n"
	      "\nFilters (every report; one field's values ORed, different fields ANDed):\n"
	      "      --user UPN|GLOB      --status S            --app NAME|ID      --resource=NAME|ID\n"
	      "      --ca-status S        --ip ADDR|CIDR        --country CC       --city NAME\n"
	      "      --os NAME            --browser NAME        --client-app NAME  --legacy  --modern\n"
	      "      --credential-type T  --event-type T        --error-code LIST  --risk LEVEL\n"
	      "      --mfa  --single-factor  --since WHEN  --until WHEN (date, date-time, or 7d before the last)\n"
	      "      --where FIELD=VALUE  --where FIELD!=VALUE  --match FIELD~REGEX\n"
	      "\n"
	      "  -v, --verbose            say how each file was recognised\n"
	      "  -h, --help               this help\n"
	      "  -V, --version            version\n"
	      "\nFILE may be a directory (read recursively) or - for standard input.\n"
	      "See signlog(1) for the definitions behind every figure.\n", f);
}

static _Noreturn void bad_usage(const char *fmt, const char *arg)
{
	char msg[512];
	snprintf(msg, sizeof msg, fmt, arg);
	sl_warn("%s", msg);
	fputs("Try 'signlog --help'.\n", stderr);
	exit(SL_EXIT_USAGE);
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

/* "+02:00", "-0530", "+2", "Z" as minutes east of UTC. */
static int parse_tz(const char *s, int *minutes)
{
	int sign = 1, h = 0, m = 0, n = 0;
	if (strcmp(s, "Z") == 0 || strcmp(s, "UTC") == 0) {
		*minutes = 0;
		return 0;
	}
	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	else
		return -1;
	if (sscanf(s, "%2d:%2d%n", &h, &m, &n) == 2 && s[n] == '\0') {
	} else if (strlen(s) == 4 && sscanf(s, "%2d%2d%n", &h, &m, &n) == 2 && s[n] == '\0') {
	} else if (sscanf(s, "%2d%n", &h, &n) == 1 && s[n] == '\0') {
		m = 0;
	} else {
		return -1;
	}
	if (h > 14 || m > 59)
		return -1;
	*minutes = sign * (h * 60 + m);
	return 0;
}

static int parse_count(const char *s, int min, int max)
{
	int64_t v;
	if (sl_parse_i64(s, strlen(s), &v) != 0 || v < min || v > max)
		return -1;
	return (int)v;
}

int main(int argc, char **argv)
{
	enum { O_STRICT = 256, O_INTERRUPT, O_MAXERR, O_ASCII, O_CSVRAW, O_BY, O_TOP, O_ANY, O_RESOURCE, O_TZ,
	       O_SEARCH, O_GAP, O_FILTER, O_COLUMNS, O_SORT, O_LIMIT, O_DATEORDER };
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "threads", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "strict", no_argument, NULL, O_STRICT },
		{ "interrupt-codes", required_argument, NULL, O_INTERRUPT },
		{ "date-order", required_argument, NULL, O_DATEORDER },
		{ "max-errors", required_argument, NULL, O_MAXERR },
		{ "ascii", no_argument, NULL, O_ASCII },
		{ "csv-raw", no_argument, NULL, O_CSVRAW },
		{ "by", required_argument, NULL, O_BY },
		{ "top", required_argument, NULL, O_TOP },
		{ "any-status", no_argument, NULL, O_ANY },
		{ "resource", optional_argument, NULL, O_RESOURCE },
		/* filters: every option below adds a term to the selection */
		{ "user", required_argument, NULL, O_FILTER },
		{ "status", required_argument, NULL, O_FILTER },
		{ "app", required_argument, NULL, O_FILTER },
		{ "ca-status", required_argument, NULL, O_FILTER },
		{ "ip", required_argument, NULL, O_FILTER },
		{ "country", required_argument, NULL, O_FILTER },
		{ "city", required_argument, NULL, O_FILTER },
		{ "os", required_argument, NULL, O_FILTER },
		{ "browser", required_argument, NULL, O_FILTER },
		{ "client-app", required_argument, NULL, O_FILTER },
		{ "legacy", no_argument, NULL, O_FILTER },
		{ "modern", no_argument, NULL, O_FILTER },
		{ "credential-type", required_argument, NULL, O_FILTER },
		{ "event-type", required_argument, NULL, O_FILTER },
		{ "error-code", required_argument, NULL, O_FILTER },
		{ "risk", required_argument, NULL, O_FILTER },
		{ "mfa", no_argument, NULL, O_FILTER },
		{ "single-factor", no_argument, NULL, O_FILTER },
		{ "since", required_argument, NULL, O_FILTER },
		{ "until", required_argument, NULL, O_FILTER },
		{ "where", required_argument, NULL, O_FILTER },
		{ "match", required_argument, NULL, O_FILTER },
		{ "tz", required_argument, NULL, O_TZ },
		{ "search", required_argument, NULL, O_SEARCH },
		{ "gap", required_argument, NULL, O_GAP },
		{ "columns", required_argument, NULL, O_COLUMNS },
		{ "sort", required_argument, NULL, O_SORT },
		{ "limit", required_argument, NULL, O_LIMIT },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o;
	struct sl_filter *filter = sl_filter_new();
	int longindex = 0;
	char ferr[700];
	struct sl_query q = { SL_BY_NONE, -1, 0, 0, 0, NULL, NULL, 0, NULL, 7 * 86400000000LL, NULL, NULL, 0 };
	const char *given[8];        /* report options given, checked against the command's */
	size_t ngiven = 0;
	struct sl_paths paths = { 0 };
	struct sl_ingest g;
	struct sl_report r;
	const struct command *cmd = NULL;
	FILE *out = stdout;
	int c, errors = 0, status = SL_EXIT_OK;
	size_t nloaded = 0;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	memset(&o, 0, sizeof o);
	/* one parse thread more than CPUs: the reading and the committing threads are not always
	 * busy, and the extra thread fills their gaps (measured on 2 CPUs: 5-10% faster) */
	o.ingest.threads = ncpu < 2 ? 1 : ncpu >= 8 ? 8 : (int)ncpu + 1;
	o.ingest.max_errors = 5;
	o.write.format = SL_FMT_TEXT;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:o:j:qvhV", longopts, &longindex)) != -1) {
		switch (c) {
		case 'f':
			if (sl_format_parse(optarg, &o.write.format) != 0)
				bad_usage("unknown format '%s' (text, csv, json, jsonl or md)", optarg);
			break;
		case 'o': o.output = optarg; break;
		case 'j':
			if ((o.ingest.threads = parse_count(optarg, 1, 64)) < 0)
				bad_usage("--threads takes a number from 1 to 64, not '%s'", optarg);
			break;
		case 'q': o.ingest.quiet = 1; break;
		case 'v': o.ingest.verbose = 1; break;
		case O_STRICT: o.ingest.strict = 1; break;
		case O_INTERRUPT:
			if (sl_interrupt_parse(optarg) != 0)
				bad_usage("--interrupt-codes takes comma-separated error codes, not '%s'", optarg);
			break;
		case O_DATEORDER:
			if (strcmp(optarg, "mdy") == 0)
				o.ingest.date_order = 1;
			else if (strcmp(optarg, "dmy") == 0)
				o.ingest.date_order = 2;
			else
				bad_usage("--date-order takes dmy or mdy, not '%s'", optarg);
			break;
		case O_MAXERR:
			if ((o.ingest.max_errors = parse_count(optarg, 0, 1000000)) < 0)
				bad_usage("--max-errors takes a number, not '%s'", optarg);
			break;
		case O_ASCII: o.write.ascii = 1; break;
		case O_CSVRAW: o.write.csv_raw = 1; break;
		case O_BY:
			given[ngiven++ % 8] = "by";
			if (sl_by_parse(optarg, &q.by) != 0)
				bad_usage("--by takes a field name (see signlog(1)) or hour, day, week, month, not '%s'", optarg);
			break;
		case O_TOP:
			given[ngiven++ % 8] = "top";
			if ((q.top = parse_count(optarg, 0, 100000000)) < 0)
				bad_usage("--top takes a number (0 = all), not '%s'", optarg);
			break;
		case O_ANY: q.any_status = 1; given[ngiven++ % 8] = "any-status"; break;
		case O_RESOURCE:
			if (optarg) {
				if (sl_filter_add(filter, "resource", optarg, ferr, sizeof ferr) != 0)
					bad_usage("%s", ferr);
				break;
			}
			q.resource = 1;
			given[ngiven++ % 8] = "resource";
			break;
		case O_FILTER:
			if (sl_filter_add(filter, longopts[longindex].name, optarg, ferr, sizeof ferr) != 0)
				bad_usage("%s", ferr);
			break;
		case O_SEARCH: q.search = optarg; given[ngiven++ % 8] = "search"; break;
		case O_COLUMNS: q.columns = optarg; given[ngiven++ % 8] = "columns"; break;
		case O_SORT: q.sort = optarg; given[ngiven++ % 8] = "sort"; break;
		case O_LIMIT:
			given[ngiven++ % 8] = "limit";
			if ((q.limit = parse_count(optarg, 0, 2000000000)) < 0)
				bad_usage("--limit takes a number (0 = all), not '%s'", optarg);
			break;
		case O_GAP:
			given[ngiven++ % 8] = "gap";
			if (sl_duration_parse(optarg, &q.gap) != 0 || q.gap == 0)
				bad_usage("--gap takes a duration such as 7d, 36h or 90m, not '%s'", optarg);
			break;
		case O_TZ:
			given[ngiven++ % 8] = "tz";
			if (parse_tz(optarg, &q.tz_minutes) != 0)
				bad_usage("--tz takes an offset such as +02:00 or -0530, not '%s'", optarg);
			break;
		case 'h': usage(stdout); sl_filter_free(filter); return SL_EXIT_OK;
		case 'V': puts("signlog " SL_VERSION); sl_filter_free(filter); return SL_EXIT_OK;
		case ':': bad_usage("option '%s' needs a value", argv[optind - 1]);
		default: bad_usage("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		bad_usage("%s", "no command given");
	if (strcmp(argv[optind], "help") == 0) {
		usage(stdout);
		sl_filter_free(filter);
		return SL_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[optind], commands[i].name) == 0)
			cmd = &commands[i];
	if (!cmd)
		bad_usage("unknown command '%s'", argv[optind]);
	optind++;
	for (size_t i = 0; i < ngiven && i < 8; i++)
		if (!has_word(cmd->options, given[i])) {
			char msg[80];
			snprintf(msg, sizeof msg, "%s does not take --%s", cmd->name, given[i]);
			bad_usage("%s", msg);
		}
	if (cmd->arg) {
		if (optind >= argc)
			bad_usage("%s needs an argument before the files", cmd->name);
		q.arg = argv[optind++];
	}
	if (!cmd->fields && sl_filter_active(filter))
		bad_usage("%s does not read sign-ins: filters do not apply", cmd->name);
	if (!cmd->fields) {
		/* a command that reads no input: the rest are its own arguments */
		q.args = argv + optind;
		q.nargs = argc - optind;
		sl_ingest_init(&g, NULL);
		goto report;
	}
	if (optind >= argc)
		bad_usage("%s", "no input file given (use - for standard input)");

	sl_paths_expand(&paths, argv + optind, argc - optind, &errors);
	o.ingest.progress = isatty(STDERR_FILENO);
	uint8_t want[SL_F__COUNT] = { 0 };
	/* list --columns names its fields itself; the rest read their declared ones */
	for (const enum sl_fid *f = cmd->fields; *f != SL_F__COUNT && !(cmd->report == sl_report_list && q.columns); f++)
		want[*f] = 1;
	if (q.by >= 0)
		want[q.by] = 1;         /* a --by field is read too */
	sl_filter_fields(filter, want);
	if (cmd->report == sl_report_list && sl_list_want(&q, want, ferr, sizeof ferr) != 0)
		bad_usage("%s", ferr);
	sl_ingest_init(&g, want);
	sl_ingest_run(&g, &paths, &o.ingest);
	if (g.strict_stop) {
		status = SL_EXIT_REJECTED;
		goto out;
	}
	if (sl_filter_active(filter)) {
		/* the reports run on a store of the selected sign-ins */
		uint8_t *keep = sl_xmalloc(g.store.n ? g.store.n : 1);
		struct sl_store sel;
		if (sl_filter_eval(filter, &g.store, keep, ferr, sizeof ferr) != 0) {
			sl_warn("%s", ferr);
			free(keep);
			status = SL_EXIT_ERROR;
			goto out;
		}
		sl_store_init(&sel, g.store.want);
		sl_store_select(&sel, &g.store, keep);
		nloaded = g.store.n;
		sl_store_free(&g.store);
		g.store = sel;
		free(keep);
	}
report:
	if (o.output && !(out = fopen(o.output, "w")))
		sl_die(SL_EXIT_ERROR, "%s: error: %s", o.output, strerror(errno));
	sl_report_init(&r, cmd->name, cmd->title);
	if (sl_filter_active(filter)) {
		struct sl_section *fs = sl_report_section(&r, "filter", "Filter", SL_SEC_KV, NULL, 0);
		sl_kv_str(&r, fs, "expression", sl_filter_text(filter));
		sl_kv_int(&r, fs, "selected", (int64_t)g.store.n);
		sl_kv_int(&r, fs, "of", (int64_t)nloaded);
	}
	cmd->report(&r, &g, &q);
	if (sl_write(out, &r, &o.write) != 0 || (out != stdout && fclose(out) != 0)) {
		sl_warn("%s: error: cannot write: %s", o.output ? o.output : "standard output", strerror(errno));
		status = SL_EXIT_ERROR;
	}
	sl_report_free(&r);
	if (errors || g.file_errors)
		status = status ? status : SL_EXIT_ERROR;
out:
	sl_filter_free(filter);
	sl_ingest_free(&g);
	sl_paths_free(&paths);
	return status;
}
