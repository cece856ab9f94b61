/* main.c — command-line parsing and dispatch of subcommands from a table. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "field.h"
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
	      "Offline analysis of Microsoft Entra ID sign-in log exports (JSON, gzip).\n\n"
	      "Commands:\n", f);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		char name[40];
		snprintf(name, sizeof name, "%s%s%s", commands[i].name, commands[i].arg ? " " : "",
		         commands[i].arg ? commands[i].arg : "");
		fprintf(f, "  %-14s %s\n", name, commands[i].help);
	}
	fputs("\nOptions:\n"
	      "  -f, --format FMT         text (default), csv, json or md\n"
	      "  -o, --output FILE        write the report to FILE\n"
	      "  -j, --threads N          parse with N threads (default: CPUs, at most 8)\n"
	      "  -q, --quiet              no progress and no per-record error lines\n"
	      "      --strict             stop at the first rejected record (exit status 3)\n"
	      "      --interrupt-codes LIST  error codes classed as interrupted (replaces the default set)\n"
	      "      --max-errors N       record error lines per file before only counting (default 5)\n"
	      "      --ascii              draw bars with '#' instead of Unicode blocks\n"
	      "      --csv-raw            no spreadsheet formula guard in CSV output\n"
	      "      --by FIELD           break a report down by a field or by hour, day, week, month\n"
	      "      --top N              rows per ranked table (0 = all)\n"
	      "      --any-status         active: count users with any sign-in, not only successful ones\n"
	      "      --resource           apps: per resource instead of per application\n"
	      "      --tz OFFSET          user: hour-of-day grid in this offset from UTC (+02:00)\n"
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
	enum { O_STRICT = 256, O_INTERRUPT, O_MAXERR, O_ASCII, O_CSVRAW, O_BY, O_TOP, O_ANY, O_RESOURCE, O_TZ };
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "threads", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "strict", no_argument, NULL, O_STRICT },
		{ "interrupt-codes", required_argument, NULL, O_INTERRUPT },
		{ "max-errors", required_argument, NULL, O_MAXERR },
		{ "ascii", no_argument, NULL, O_ASCII },
		{ "csv-raw", no_argument, NULL, O_CSVRAW },
		{ "by", required_argument, NULL, O_BY },
		{ "top", required_argument, NULL, O_TOP },
		{ "any-status", no_argument, NULL, O_ANY },
		{ "resource", no_argument, NULL, O_RESOURCE },
		{ "tz", required_argument, NULL, O_TZ },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o;
	struct sl_query q = { SL_BY_NONE, -1, 0, 0, 0, NULL };
	const char *given[8];        /* report options given, checked against the command's */
	size_t ngiven = 0;
	struct sl_paths paths = { 0 };
	struct sl_ingest g;
	struct sl_report r;
	const struct command *cmd = NULL;
	FILE *out = stdout;
	int c, errors = 0, status = SL_EXIT_OK;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	memset(&o, 0, sizeof o);
	o.ingest.threads = ncpu < 1 ? 1 : ncpu > 8 ? 8 : (int)ncpu;
	o.ingest.max_errors = 5;
	o.write.format = SL_FMT_TEXT;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:o:j:qvhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (sl_format_parse(optarg, &o.write.format) != 0)
				bad_usage("unknown format '%s' (text, csv, json or md)", optarg);
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
		case O_RESOURCE: q.resource = 1; given[ngiven++ % 8] = "resource"; break;
		case O_TZ:
			given[ngiven++ % 8] = "tz";
			if (parse_tz(optarg, &q.tz_minutes) != 0)
				bad_usage("--tz takes an offset such as +02:00 or -0530, not '%s'", optarg);
			break;
		case 'h': usage(stdout); return SL_EXIT_OK;
		case 'V': puts("signlog " SL_VERSION); return SL_EXIT_OK;
		case ':': bad_usage("option '%s' needs a value", argv[optind - 1]);
		default: bad_usage("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		bad_usage("%s", "no command given");
	if (strcmp(argv[optind], "help") == 0) {
		usage(stdout);
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
	if (optind >= argc)
		bad_usage("%s", "no input file given (use - for standard input)");

	sl_paths_expand(&paths, argv + optind, argc - optind, &errors);
	o.ingest.progress = isatty(STDERR_FILENO);
	uint8_t want[SL_F__COUNT] = { 0 };
	for (const enum sl_fid *f = cmd->fields; *f != SL_F__COUNT; f++)
		want[*f] = 1;
	if (q.by >= 0)
		want[q.by] = 1;         /* a --by field is read too */
	sl_ingest_init(&g, want);
	sl_ingest_run(&g, &paths, &o.ingest);
	if (g.strict_stop) {
		status = SL_EXIT_REJECTED;
		goto out;
	}
	if (o.output && !(out = fopen(o.output, "w")))
		sl_die(SL_EXIT_ERROR, "%s: error: %s", o.output, strerror(errno));
	sl_report_init(&r, cmd->name, cmd->title);
	cmd->report(&r, &g, &q);
	if (sl_write(out, &r, &o.write) != 0 || (out != stdout && fclose(out) != 0)) {
		sl_warn("%s: error: cannot write: %s", o.output ? o.output : "standard output", strerror(errno));
		status = SL_EXIT_ERROR;
	}
	sl_report_free(&r);
	if (errors || g.file_errors)
		status = status ? status : SL_EXIT_ERROR;
out:
	sl_ingest_free(&g);
	sl_paths_free(&paths);
	return status;
}
