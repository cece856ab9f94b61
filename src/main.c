/* main.c — command-line parsing and dispatch from the command and option tables. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "commands.h"
#include "field.h"
#include "filter.h"
#include "inflate.h"
#include "ingest.h"
#include "input.h"
#include "output.h"
#include "report.h"
#include "util.h"
#include "version.h"
#include "write.h"

/* The command a usage error is about, for the line that says where help is. */
static const struct sl_command *usage_cmd;
/* What a usage error (which exits) leaves allocated stays reachable from here. */
static struct sl_filter *filter;
static struct sl_query q;
static char *columns;
static const char **include;          /* --include globs, grown as given */
static size_t include_cap;

static _Noreturn void __attribute__((format(printf, 1, 2))) bad_usage(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	sl_warn("%s", msg);
	if (usage_cmd)
		fprintf(stderr, "Try 'signlog help %s'.\n", usage_cmd->name);
	else
		fputs("Try 'signlog --help'.\n", stderr);
	exit(SL_EXIT_USAGE);
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

static void add_value(struct sl_optval *v, const char *s)
{
	v->v = sl_xrealloc(v->v, (v->n + 1) * sizeof *v->v);
	v->v[v->n++] = s;
}

/* Every long option's name, for "did you mean". */
static const char *option_names[SL_O__COUNT];

static _Noreturn void unknown_option(const char *arg)
{
	char name[128];
	size_t len = strcspn(arg, "=");
	if (arg[0] == '-' && arg[1] == '-') {
		/* (sl_did_you_mean leaves its buffer untouched when nothing is near) */
		snprintf(name, sizeof name, "%.*s", (int)(len - 2 < 100 ? len - 2 : 100), arg + 2);
		const char *near = sl_nearest(name, option_names, SL_O__COUNT);
		if (near)
			bad_usage("unknown option '%.*s'; did you mean --%s?", (int)len, arg, near);
	}
	bad_usage("unknown option '%s'", arg);
}

/* A table the report has, or a usage error that lists them. */
static void check_table(const struct sl_report *shape, const char *table)
{
	const char *names[64];
	char list[600] = "", dym[160];
	size_t n = 0;
	if (sl_report_table(shape, table))
		return;
	for (size_t i = 0; i < shape->nsec && n < 64; i++) {
		names[n] = sl_section_name(shape, shape->secs[i]);
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", n ? ", " : "", names[n]);
		n++;
	}
	bad_usage("%s has no table '%s' (its tables: %s)%s", shape->name, table, list,
	          sl_did_you_mean(table, names, n, dym, sizeof dym));
}

/* Notes that CSV and JSON Lines cannot carry, and the selection, go to standard error. */
static void side_notes(const struct sl_report *r)
{
	if (r->filter && *r->filter)
		sl_warn("filter: %s: %lld of %lld sign-ins selected", r->filter, (long long)r->selected,
		        (long long)r->of);
	for (size_t i = 0; i < r->nsec; i++) {
		const struct sl_section *s = r->secs[i];
		/* every note: what they say (no such user, rows cut, data the input lacks) is about
		 * the tables written too */
		if (s->note)
			sl_warn("note: %s: %s", sl_section_name(r, s), s->note);
	}
}

int main(int argc, char **argv)
{
	struct option longopts[SL_O__COUNT + 1];
	char shortopts[64] = ":";
	struct sl_ingest_opts io;
	struct sl_write_opts wo;

	struct sl_paths paths = { 0 };
	struct sl_ingest g;
	struct sl_report r, shape;
	const struct sl_command *cmd = NULL, *target;
	const char *output = NULL, *byvalue = NULL;
	uint8_t *keep = NULL;         /* the filters' selection */
	int64_t selected = 0;
	int given[SL_O__COUNT] = { 0 }, first_filter = -1, c, errors = 0, status = SL_EXIT_OK, dir = 0;
	char ferr[1024];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	for (int i = 0; i < SL_O__COUNT; i++) {
		const struct sl_option *o = &sl_options[i];
		option_names[i] = o->name;
		longopts[i] = (struct option){ o->name, o->arg ? required_argument : no_argument, NULL, 256 + i };
		if (o->letter)
			snprintf(shortopts + strlen(shortopts), sizeof shortopts - strlen(shortopts), "%c%s",
			         o->letter, o->arg ? ":" : "");
	}
	longopts[SL_O__COUNT] = (struct option){ NULL, 0, NULL, 0 };
	filter = sl_filter_new();
	memset(&io, 0, sizeof io);
	memset(&wo, 0, sizeof wo);
	sl_query_init(&q);
	/* one parse thread more than CPUs: the reading and the committing threads are not always
	 * busy, and the extra thread fills their gaps (measured on 2 CPUs: 5-10% faster) */
	io.threads = ncpu < 2 ? 1 : ncpu >= 8 ? 8 : (int)ncpu + 1;
	io.max_errors = 5;
	wo.format = SL_FMT_TEXT;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		int id = -1;
		if (c == ':')
			bad_usage("option '%s' needs a value", argv[optind - 1]);
		if (c == '?') {
			if (optopt)
				bad_usage("unknown option '-%c'", optopt);
			unknown_option(argv[optind - 1]);
		}
		if (c >= 256)
			id = c - 256;
		for (int i = 0; id < 0 && i < SL_O__COUNT; i++)
			if (sl_options[i].letter == c)
				id = i;
		given[id]++;
		const struct sl_option *o = &sl_options[id];
		if (o->scope == SL_OS_FILTER) {
			if (first_filter < 0)
				first_filter = id;
			if (sl_filter_add(filter, o->name, optarg, ferr, sizeof ferr) != 0)
				bad_usage("%s", ferr);
			continue;
		}
		if (o->scope == SL_OS_REPORT) {
			int64_t us;
			int tz;
			if (o->value == SL_OV_COUNT && parse_count(optarg, 0, 2000000000) < 0)
				bad_usage("--%s takes a number (0 = all), not '%s'", o->name, optarg);
			if (o->value == SL_OV_DURATION && (sl_duration_parse(optarg, &us) != 0 || us == 0))
				bad_usage("--%s takes a duration such as 7d, 36h or 90m, not '%s'", o->name, optarg);
			if (o->value == SL_OV_OFFSET && parse_tz(optarg, &tz) != 0)
				bad_usage("--%s takes an offset such as +02:00 or -0530, not '%s'", o->name, optarg);
			add_value(&q.opt[id], optarg ? optarg : "");
		}
		switch (id) {
		case SL_O_FORMAT:
			if (sl_format_parse(optarg, &wo.format) != 0)
				bad_usage("unknown format '%s' (text, csv, json, jsonl, md or html)", optarg);
			break;
		case SL_O_OUTPUT: output = optarg; break;
		case SL_O_TABLE: wo.table = optarg; break;
		case SL_O_THREADS:
			if ((io.threads = parse_count(optarg, 1, 64)) < 0)
				bad_usage("--threads takes a number from 1 to 64, not '%s'", optarg);
			break;
		case SL_O_QUIET: io.quiet = 1; break;
		case SL_O_VERBOSE: io.verbose = 1; break;
		case SL_O_STRICT: io.strict = 1; break;
		case SL_O_INTERRUPT:
			if (sl_interrupt_parse(optarg) != 0)
				bad_usage("--interrupt-codes takes comma-separated error codes, not '%s'", optarg);
			break;
		case SL_O_DATEORDER:
			if (strcmp(optarg, "mdy") == 0)
				io.date_order = 1;
			else if (strcmp(optarg, "dmy") == 0)
				io.date_order = 2;
			else
				bad_usage("--date-order takes dmy or mdy, not '%s'", optarg);
			break;
		case SL_O_MAXERR:
			if ((io.max_errors = parse_count(optarg, 0, 1000000)) < 0)
				bad_usage("--max-errors takes a number, not '%s'", optarg);
			break;
		case SL_O_INCLUDE:
			sl_grow((void **)&include, &include_cap, paths.ninclude + 1, sizeof *include);
			include[paths.ninclude++] = optarg;
			break;
		case SL_O_MAXBYTES:
			if (sl_size_parse(optarg, &io.max_bytes) != 0)
				bad_usage("--max-bytes takes a size such as 64G, 500M or 0 (no limit), not '%s'", optarg);
			io.max_bytes_set = 1;
			break;
		case SL_O_MAXRECORDS: {
			int64_t v;
			if (sl_parse_i64(optarg, strlen(optarg), &v) != 0 || v < 0)
				bad_usage("--max-records takes a number (0 = no limit), not '%s'", optarg);
			io.max_records = (uint64_t)v;
			break;
		}
		case SL_O_ASCII: wo.ascii = 1; break;
		case SL_O_WIDE: wo.wide = 1; break;
		case SL_O_CSVRAW: wo.csv_raw = 1; break;
		case SL_O_VERSION:
			printf("signlog %s (inflate: %s)\n", SL_VERSION, sl_inflate_version());
			sl_filter_free(filter);
			return SL_EXIT_OK;
		case SL_O_BY: byvalue = optarg; break;
		case SL_O_TOP: case SL_O_LIMIT: q.top = parse_count(optarg, 0, 2000000000); break;
		case SL_O_ANY: q.any_status = 1; break;
		case SL_O_TZ: parse_tz(optarg, &q.tz_minutes); break;
		case SL_O_GAP: sl_duration_parse(optarg, &q.gap); break;
		case SL_O_SEARCH: q.search = optarg; break;
		case SL_O_SORT: q.sort = optarg; break;
		default: break;
		}
	}

	/* the command */
	if (optind >= argc) {
		if (given[SL_O_HELP]) {
			sl_help_usage(stdout);
			sl_filter_free(filter);
			return SL_EXIT_OK;
		}
		bad_usage("no command given");
	}
	if (strcmp(argv[optind], "help") == 0 || (given[SL_O_HELP] && !sl_command_find(argv[optind]))) {
		const char *name = strcmp(argv[optind], "help") == 0 ? (optind + 1 < argc ? argv[optind + 1] : NULL) : NULL;
		if (name && !(cmd = sl_command_find(name))) {
			const char *names[64];
			char dym[160];
			for (size_t i = 0; i < sl_ncommands; i++)
				names[i] = sl_commands[i].name;
			bad_usage("unknown command '%s'%s", name, sl_did_you_mean(name, names, sl_ncommands, dym, sizeof dym));
		}
		if (cmd)
			sl_help_command(stdout, cmd);
		else
			sl_help_usage(stdout);
		sl_filter_free(filter);
		return SL_EXIT_OK;
	}
	if (!(cmd = sl_command_find(argv[optind]))) {
		const char *names[64];
		char dym[160];
		for (size_t i = 0; i < sl_ncommands; i++)
			names[i] = sl_commands[i].name;
		bad_usage("unknown command '%s'%s", argv[optind], sl_did_you_mean(argv[optind], names, sl_ncommands, dym, sizeof dym));
	}
	optind++;
	usage_cmd = cmd;
	/* the case report is a page to hand on: HTML unless another format is asked for */
	if (cmd->report == sl_report_case && !given[SL_O_FORMAT])
		wo.format = SL_FMT_HTML;
	if (given[SL_O_HELP]) {
		sl_help_command(stdout, cmd);
		sl_filter_free(filter);
		return SL_EXIT_OK;
	}

	/* options that do not apply: one message for every kind */
	target = cmd;
	if (strcmp(cmd->options, "@") == 0 && optind < argc && sl_command_find(argv[optind]))
		target = sl_command_find(argv[optind]);
	for (int i = 0; i < SL_O__COUNT; i++)
		if (given[i] && sl_options[i].scope == SL_OS_REPORT && !sl_command_takes(target, (enum sl_oid)i))
			bad_usage("%s does not take --%s", target->name, sl_options[i].name);
	/* values only their module can judge (detect's rule parameters and files) */
	for (int i = 0; i < SL_O__COUNT; i++)
		for (size_t k = 0; k < q.opt[i].n; k++)
			if (sl_option_check((enum sl_oid)i, q.opt[i].v[k], k, ferr, sizeof ferr) != 0)
				bad_usage("%s", ferr);
	if (first_filter >= 0 && !cmd->fields)
		bad_usage("%s does not take --%s (it reads no sign-ins)", cmd->name, sl_options[first_filter].name);
	if (byvalue && sl_command_by(target, byvalue, &q.by, ferr, sizeof ferr) != 0)
		bad_usage("%s", ferr);
	for (size_t k = 0; k < q.opt[SL_O_COLUMNS].n; k++) {
		size_t used = columns ? strlen(columns) : 0;
		columns = sl_xrealloc(columns, used + strlen(q.opt[SL_O_COLUMNS].v[k]) + 2);
		sprintf(columns + used, "%s%s", used ? "," : "", q.opt[SL_O_COLUMNS].v[k]);
	}
	q.columns = columns;

	/* the argument before the files */
	if (cmd->fields && cmd->arg) {
		struct stat st;
		if (optind >= argc)
			bad_usage("%s needs a %s before the files", cmd->name, cmd->arg);
		q.arg = argv[optind++];
		if (optind >= argc && (strcmp(q.arg, "-") == 0 || stat(q.arg, &st) == 0))
			bad_usage("%s: the %s is missing ('%s' is the input): signlog %s %s FILE...", cmd->name,
			          cmd->arg, q.arg, cmd->name, cmd->arg);
	}
	if (!cmd->fields) {
		q.args = argv + optind;
		q.nargs = argc - optind;
		if (strcmp(cmd->options, "@") == 0 && q.nargs > 0 && !sl_command_find(q.args[0])) {
			const char *names[64];
			char dym[160];
			for (size_t i = 0; i < sl_ncommands; i++)
				names[i] = sl_commands[i].name;
			bad_usage("unknown command '%s'%s", q.args[0], sl_did_you_mean(q.args[0], names, sl_ncommands, dym, sizeof dym));
		}
	}
	uint8_t want[SL_F__COUNT] = { 0 };
	if (cmd->fields) {
		/* list --columns names its fields itself; the rest read their declared ones */
		for (const enum sl_fid *f = cmd->fields; *f != SL_F__COUNT && !(cmd->report == sl_report_list && q.columns); f++)
			want[*f] = 1;
		if (q.by >= 0)
			want[q.by] = 1;         /* a --by field is read too */
		sl_filter_fields(filter, want);
		if (cmd->report == sl_report_list && sl_list_want(&q, want, ferr, sizeof ferr) != 0)
			bad_usage("%s", ferr);
	}

	/* the output: its tables are known before anything is read */
	sl_command_shape(cmd, &q, &shape);
	if (wo.table)
		check_table(&shape, wo.table);
	if (output && (dir = sl_output_is_dir(output)) && wo.format != SL_FMT_CSV)
		bad_usage("-o %s is a directory, which takes one CSV file per table (-f csv); name a file for -f %s",
		          output, wo.format == SL_FMT_JSON ? "json" : wo.format == SL_FMT_JSONL ? "jsonl" :
		          wo.format == SL_FMT_MD ? "md" : wo.format == SL_FMT_HTML ? "html" : "text");
	/* a terminal shows CSV escaped, as it shows text: log fields are attacker text */
	wo.escape = wo.format == SL_FMT_CSV && !output && !wo.csv_raw && isatty(STDOUT_FILENO);

	if (!cmd->fields) {
		sl_ingest_init(&g, NULL);
		goto report;
	}
	if (optind >= argc)
		bad_usage("no input file given (use - for standard input)");
	/* a FILE argument that is not there stops the run before anything is read */
	for (int i = optind; i < argc; i++) {
		struct stat st;
		if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) != 0) {
			sl_warn("%s: error: %s", argv[i], strerror(errno));
			status = SL_EXIT_ERROR;
		}
	}
	if (status) {
		sl_report_free(&shape);
		sl_filter_free(filter);
		free(columns);
		for (int i = 0; i < SL_O__COUNT; i++)
			free(q.opt[i].v);
		return status;
	}
	paths.include = include;
	paths.quiet = io.quiet;
	sl_paths_expand(&paths, argv + optind, argc - optind, &errors);
	if (output) {
		size_t nout;
		char **outs = sl_output_files(output, dir, &shape, wo.table, &nout);
		int bad = sl_output_check(outs, nout, argv + optind, argc - optind, &paths);
		for (size_t k = 0; k < nout; k++)
			free(outs[k]);
		free(outs);
		if (bad) {
			status = SL_EXIT_USAGE;
			sl_ingest_init(&g, NULL);
			goto out;
		}
	}
	io.progress = isatty(STDERR_FILENO);
	sl_ingest_init(&g, want);
	sl_ingest_run(&g, &paths, &io);
	if (g.strict_stop) {
		status = SL_EXIT_REJECTED;
		goto out;
	}
	q.of = (int64_t)g.store.n;
	selected = (int64_t)g.store.n;
	if (sl_filter_active(filter)) {
		keep = sl_xmalloc(g.store.n ? g.store.n : 1);
		if (sl_filter_eval(filter, &g.store, keep, ferr, sizeof ferr) != 0) {
			sl_warn("%s", ferr);
			status = SL_EXIT_ERROR;
			goto out;
		}
		q.filtered = 1;
		if (cmd->history) {
			/* the report judges the selected sign-ins against every loaded one */
			selected = 0;
			for (size_t i = 0; i < g.store.n; i++)
				selected += keep[i] != 0;
			q.sel = keep;
		} else {
			/* the reports run on a store of the selected sign-ins */
			struct sl_store sel;
			sl_store_init(&sel, g.store.want);
			sl_store_select(&sel, &g.store, keep);
			sl_store_free(&g.store);
			g.store = sel;
			selected = (int64_t)g.store.n;
		}
	}
report:
	sl_report_init(&r, cmd->name, cmd->title);
	r.reads_signins = cmd->fields != NULL;
	r.filter = sl_filter_text(filter);
	r.selected = selected;
	r.of = q.of >= 0 ? q.of : (int64_t)g.store.n;
	cmd->report(&r, &g, &q);
	if (sl_output_write(&r, output, dir, &wo) != 0)
		status = SL_EXIT_ERROR;
	if (!io.quiet && (wo.format == SL_FMT_CSV || wo.format == SL_FMT_JSONL))
		side_notes(&r);
	sl_report_free(&r);
	if (errors || g.file_errors)
		status = status ? status : SL_EXIT_ERROR;
out:
	free(keep);
	sl_report_free(&shape);
	sl_filter_free(filter);
	sl_ingest_free(&g);
	sl_paths_free(&paths);
	free(include);
	free(columns);
	for (int i = 0; i < SL_O__COUNT; i++)
		free(q.opt[i].v);
	return status;
}
