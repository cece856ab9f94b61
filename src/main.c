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
	void (*report)(struct sl_report *, const struct sl_ingest *);
	const char *title;
	const enum sl_fid *fields;   /* what the report reads: only these are loaded */
};

static const struct command commands[] = {
	{ "summary", "what was read; status, users, MFA share, top failure codes", sl_report_summary,
	  "Sign-in summary", sl_summary_fields },
};

static void usage(FILE *f)
{
	fputs("usage: signlog [OPTION...] COMMAND [OPTION...] FILE...\n"
	      "Offline analysis of Microsoft Entra ID sign-in log exports (JSON, gzip).\n\n"
	      "Commands:\n", f);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
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

static int parse_count(const char *s, int min, int max)
{
	int64_t v;
	if (sl_parse_i64(s, strlen(s), &v) != 0 || v < min || v > max)
		return -1;
	return (int)v;
}

int main(int argc, char **argv)
{
	enum { O_STRICT = 256, O_INTERRUPT, O_MAXERR, O_ASCII, O_CSVRAW };
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
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o;
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
	if (optind >= argc)
		bad_usage("%s", "no input file given (use - for standard input)");

	sl_paths_expand(&paths, argv + optind, argc - optind, &errors);
	o.ingest.progress = isatty(STDERR_FILENO);
	uint8_t want[SL_F__COUNT] = { 0 };
	for (const enum sl_fid *f = cmd->fields; *f != SL_F__COUNT; f++)
		want[*f] = 1;
	sl_ingest_init(&g, want);
	sl_ingest_run(&g, &paths, &o.ingest);
	if (g.strict_stop) {
		status = SL_EXIT_REJECTED;
		goto out;
	}
	if (o.output && !(out = fopen(o.output, "w")))
		sl_die(SL_EXIT_ERROR, "%s: error: %s", o.output, strerror(errno));
	sl_report_init(&r, cmd->name, cmd->title);
	cmd->report(&r, &g);
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
