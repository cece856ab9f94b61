/* shapecheck.c — checks signlog output against its contract with real parsers: jansson (duplicate
 * keys rejected) for JSON and JSON Lines, libcsv (strict) for CSV.
 *
 *   shapecheck SCHEMA FORMAT FILE [TABLE]
 *       SCHEMA is `signlog -f json schema COMMAND [OPTION...]` for the run that wrote FILE;
 *       FORMAT is json, jsonl or csv; TABLE is the table a CSV file holds (default: the
 *       primary). Every table, key and column of the schema must be there, in its order, with
 *       its JSON type (null always allowed), and nothing else; CSV is one header line and rows
 *       of its arity.
 *   shapecheck --types SCHEMA...
 *       One JSON type per column name across every schema given (the one-name-one-type rule).
 *
 * Prints one line per problem and exits 1 when there is any. Built by the Makefile, run by
 * tests/sh/shape.sh; it does not link signlog's own code, so it cannot share its mistakes. */
#include <csv.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct col {
	char *table, *kind, *name, *type;
	int primary;
};

static struct col *cols;
static size_t ncols;
static const char *command, *fname;
static int bad;

static void problem(const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "shapecheck: %s: ", fname);
	fprintf(stderr, fmt, a ? a : "", b ? b : "");
	fputc('\n', stderr);
	bad = 1;
}

static void load_schema(const char *path)
{
	json_error_t e;
	json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &e), *rows, *row;
	size_t i;
	if (!doc || !(rows = json_object_get(doc, "schema")) || !json_is_array(rows)) {
		fprintf(stderr, "shapecheck: %s: not a schema: %s\n", path, doc ? "no schema array" : e.text);
		exit(2);
	}
	json_array_foreach(rows, i, row) {
		cols = realloc(cols, (ncols + 1) * sizeof *cols);
		if (!cols)
			exit(2);
		cols[ncols].table = strdup(json_string_value(json_object_get(row, "table_name")));
		cols[ncols].kind = strdup(json_string_value(json_object_get(row, "kind")));
		cols[ncols].name = strdup(json_string_value(json_object_get(row, "column")));
		cols[ncols].type = strdup(json_string_value(json_object_get(row, "json_type")));
		cols[ncols].primary = json_is_true(json_object_get(row, "primary"));
		if (!command)
			command = strdup(json_string_value(json_object_get(row, "command")));
		ncols++;
	}
	json_decref(doc);
}

static int is_time(const char *s)
{
	/* YYYY-MM-DDThh:mm:ssZ */
	static const char pat[] = "dddd-dd-ddTdd:dd:ddZ";
	if (strlen(s) != sizeof pat - 1)
		return 0;
	for (size_t i = 0; pat[i]; i++)
		if (pat[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != pat[i])
			return 0;
	return 1;
}

/* A JSON value of the contract's type (null is every type's "no value"). */
static int json_type_ok(json_t *v, const char *type)
{
	size_t i;
	json_t *it;
	if (json_is_null(v))
		return 1;
	if (strcmp(type, "integer") == 0)
		return json_is_integer(v);
	if (strcmp(type, "number") == 0)
		return json_is_number(v);
	if (strcmp(type, "boolean") == 0)
		return json_is_boolean(v);
	if (strcmp(type, "time") == 0)
		return json_is_string(v) && is_time(json_string_value(v));
	if (strcmp(type, "list") == 0) {
		if (!json_is_array(v))
			return 0;
		json_array_foreach(v, i, it)
			if (!json_is_string(it))
				return 0;
		return 1;
	}
	return json_is_string(v);
}

/* A CSV field of the contract's type (empty is no value). */
static int csv_type_ok(const char *s, const char *type)
{
	char *end;
	if (!*s || strcmp(type, "text") == 0 || strcmp(type, "list") == 0)
		return 1;
	if (strcmp(type, "integer") == 0) {
		strtoll(s, &end, 10);
		return *end == '\0' && strchr(s, '.') == NULL;
	}
	if (strcmp(type, "number") == 0) {
		strtod(s, &end);
		return *end == '\0';
	}
	if (strcmp(type, "boolean") == 0)
		return strcmp(s, "true") == 0 || strcmp(s, "false") == 0;
	if (strcmp(type, "time") == 0)
		return is_time(s);
	return 1;
}

/* The columns of table t, from index *first, count returned. */
static size_t table_cols(const char *t, size_t *first)
{
	size_t n = 0;
	for (size_t i = 0; i < ncols; i++)
		if (strcmp(cols[i].table, t) == 0) {
			if (!n)
				*first = i;
			n++;
		}
	return n;
}

/* Is t a table of the schema? */
static int known_table(const char *t)
{
	size_t f;
	return table_cols(t, &f) > 0;
}

/* obj has exactly the columns [first, first + n), in order, each of its type. */
static void check_object(json_t *obj, size_t first, size_t n, const char *where)
{
	const char *key;
	json_t *v;
	size_t k = 0;
	if (!json_is_object(obj)) {
		problem("%s: not an object", where, NULL);
		return;
	}
	json_object_foreach(obj, key, v) {
		if (k >= n || strcmp(key, cols[first + k].name) != 0) {
			problem("%s: unexpected key %s", where, key);
			return;
		}
		if (!json_type_ok(v, cols[first + k].type))
			problem("%s: %s is not of the contract's type", where, key);
		k++;
	}
	if (k != n)
		problem("%s: key %s missing", where, cols[first + k].name);
}

static void check_json(const char *path)
{
	json_error_t e;
	json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &e), *v, *f;
	const char *key;
	size_t i = 0;
	if (!doc) {
		problem("not JSON (or a duplicate key): %s", e.text, NULL);
		return;
	}
	/* the envelope, first and in this order */
	const char *order[] = { "signlog_output", "report", "filter" };
	json_object_foreach(doc, key, v) {
		if (i < 3 && strcmp(key, order[i]) != 0)
			problem("key %s where %s belongs", key, order[i]);
		i++;
	}
	if (json_integer_value(json_object_get(doc, "signlog_output")) != 1)
		problem("signlog_output is not 1", NULL, NULL);
	if (!json_is_string(json_object_get(doc, "report")) || strcmp(json_string_value(json_object_get(doc, "report")), command) != 0)
		problem("report is not %s", command, NULL);
	f = json_object_get(doc, "filter");
	if (!json_is_object(f) || json_object_size(f) != 3 || !json_is_string(json_object_get(f, "expression")) ||
	    !(json_is_integer(json_object_get(f, "selected")) || json_is_null(json_object_get(f, "selected"))) ||
	    !(json_is_integer(json_object_get(f, "of")) || json_is_null(json_object_get(f, "of"))))
		problem("filter is not {expression, selected, of}", NULL, NULL);
	v = json_object_get(doc, "notes");
	if (!json_is_object(v))
		problem("notes is not an object", NULL, NULL);
	else {
		json_t *n;
		json_object_foreach(v, key, n)
			if (!known_table(key) || !json_is_string(n))
				problem("note for %s, which is not a table", key, NULL);
	}
	/* every table: the root key-value table's pairs are keys of the document */
	for (size_t c = 0; c < ncols;) {
		size_t first = c, n = table_cols(cols[c].table, &first);
		const char *t = cols[c].table, *kind = cols[c].kind;
		json_t *sec = json_object_get(doc, t);
		if (strcmp(kind, "key-value") == 0 && strcmp(t, command) == 0) {
			for (size_t k = first; k < first + n; k++) {
				json_t *kv = json_object_get(doc, cols[k].name);
				if (!kv && !json_object_get(doc, cols[k].name))
					problem("key %s missing", cols[k].name, NULL);
				else if (!json_type_ok(kv, cols[k].type))
					problem("%s is not of the contract's type", cols[k].name, NULL);
			}
		} else if (!sec) {
			problem("table %s missing", t, NULL);
		} else if (strcmp(kind, "key-value") == 0) {
			check_object(sec, first, n, t);
		} else if (strcmp(kind, "map") == 0) {
			json_t *mv;
			if (!json_is_object(sec))
				problem("%s: not an object", t, NULL);
			else
				json_object_foreach(sec, key, mv)
					if (!json_type_ok(mv, cols[first + 1].type))
						problem("%s: %s is not of the contract's type", t, key);
		} else {
			json_t *row;
			size_t r;
			if (!json_is_array(sec))
				problem("%s: not an array", t, NULL);
			else
				json_array_foreach(sec, r, row)
					check_object(row, first, n, t);
		}
		c = first + n;
	}
	/* and nothing else */
	json_object_foreach(doc, key, v) {
		int ok = strcmp(key, "signlog_output") == 0 || strcmp(key, "report") == 0 ||
		         strcmp(key, "filter") == 0 || strcmp(key, "notes") == 0;
		for (size_t c = 0; !ok && c < ncols; c++)
			ok = strcmp(cols[c].table, key) == 0 ||
			     (strcmp(cols[c].table, command) == 0 && strcmp(cols[c].kind, "key-value") == 0 &&
			      strcmp(cols[c].name, key) == 0);
		if (!ok)
			problem("key %s is in no table of the contract", key, NULL);
	}
	json_decref(doc);
}

static void check_jsonl(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t len;
	if (!f) {
		problem("cannot open", NULL, NULL);
		return;
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		json_error_t e;
		json_t *o = json_loads(line, JSON_REJECT_DUPLICATES, &e), *rest;
		const char *t;
		char where[160];
		size_t first = 0, n;
		lineno++;
		snprintf(where, sizeof where, "line %zu", lineno);
		if (!o || !json_is_object(o)) {
			problem("%s: not a JSON object (or a duplicate key)", where, NULL);
			json_decref(o);
			continue;
		}
		t = json_string_value(json_object_get(o, "table"));
		if (!t || strcmp(json_object_iter_key(json_object_iter(o)), "table") != 0) {
			problem("%s: no \"table\" key first", where, NULL);
			json_decref(o);
			continue;
		}
		if (!(n = table_cols(t, &first))) {
			problem("%s: table %s is not in the contract", where, t);
			json_decref(o);
			continue;
		}
		rest = json_deep_copy(o);
		json_object_del(rest, "table");
		snprintf(where, sizeof where, "line %zu (%s)", lineno, t);
		check_object(rest, first, n, where);
		json_decref(rest);
		json_decref(o);
	}
	free(line);
	fclose(f);
}

/* CSV: fields of the record being read. */
struct csvrec {
	char **f;
	size_t n, cap;
	size_t rows, want;
	size_t first;                  /* the table's first column in cols */
	int kv;
	const char *table;
};

static void on_field(void *s, size_t len, void *data)
{
	struct csvrec *r = data;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->f = realloc(r->f, r->cap * sizeof *r->f);
		if (!r->f)
			exit(2);
	}
	r->f[r->n] = malloc(len + 1);
	memcpy(r->f[r->n], s, len);
	r->f[r->n++][len] = '\0';
}

static void on_record(int c, void *data)
{
	struct csvrec *r = data;
	char where[64];
	(void)c;
	snprintf(where, sizeof where, "CSV record %zu", r->rows + 1);
	if (r->rows == 0) {
		/* the header: the table's columns, or key,value */
		if (r->kv) {
			if (r->n != 2 || strcmp(r->f[0], "key") != 0 || strcmp(r->f[1], "value") != 0)
				problem("%s: header of %s is not key,value", where, r->table);
		} else {
			if (r->n != r->want)
				problem("%s: header of %s has the wrong number of columns", where, r->table);
			for (size_t k = 0; k < r->n && k < r->want; k++)
				if (strcmp(r->f[k], cols[r->first + k].name) != 0)
					problem("%s: header column %s is not the contract's", where, r->f[k]);
		}
	} else if (r->kv) {
		size_t k = r->rows - 1;
		if (r->n != 2)
			problem("%s: not two fields", where, NULL);
		else if (k >= r->want || strcmp(r->f[0], cols[r->first + k].name) != 0)
			problem("%s: key %s is not the contract's next key", where, r->f[0]);
		else if (!csv_type_ok(r->f[1], cols[r->first + k].type))
			problem("%s: %s is not of the contract's type", where, r->f[0]);
	} else {
		if (r->n != r->want)
			problem("%s: ragged row", where, NULL);
		for (size_t k = 0; k < r->n && k < r->want; k++)
			if (!csv_type_ok(r->f[k], cols[r->first + k].type))
				problem("%s: %s is not of the contract's type", where, cols[r->first + k].name);
	}
	for (size_t k = 0; k < r->n; k++)
		free(r->f[k]);
	r->n = 0;
	r->rows++;
}

static void check_csv(const char *path, const char *table)
{
	struct csv_parser p;
	struct csvrec r = { 0 };
	char buf[65536];
	size_t len;
	FILE *f = fopen(path, "rb");

	if (!table)
		for (size_t c = 0; c < ncols && !table; c++)
			if (cols[c].primary)
				table = cols[c].table;
	if (!f || !table || !(r.want = table_cols(table, &r.first))) {
		problem("cannot open, or no table %s", table, NULL);
		if (f)
			fclose(f);
		return;
	}
	r.table = table;
	r.kv = strcmp(cols[r.first].kind, "key-value") == 0;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	while ((len = fread(buf, 1, sizeof buf, f)) > 0)
		if (csv_parse(&p, buf, len, on_field, on_record, &r) != len)
			problem("not CSV: %s", csv_strerror(csv_error(&p)), NULL);
	if (csv_fini(&p, on_field, on_record, &r) != 0)
		problem("not CSV at the end: %s", csv_strerror(csv_error(&p)), NULL);
	if (r.rows == 0)
		problem("no header line", NULL, NULL);
	if (r.kv && r.rows != r.want + 1)
		problem("key-value table %s has the wrong number of keys", table, NULL);
	csv_free(&p);
	free(r.f);
	fclose(f);
}

/* --types: one type per column name across the schemas. */
static int check_types(int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		fname = argv[i];
		load_schema(argv[i]);
	}
	fname = "schemas";
	for (size_t i = 0; i < ncols; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(cols[i].name, cols[j].name) == 0 && strcmp(cols[i].type, cols[j].type) != 0) {
				char what[512];
				snprintf(what, sizeof what, "%s (%s.%s) and %s (%s.%s)", cols[j].type, cols[j].table,
				         cols[j].name, cols[i].type, cols[i].table, cols[i].name);
				problem("column %s has two types: %s", cols[i].name, what);
				break;
			}
	return bad;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "--types") == 0)
		return check_types(argc - 2, argv + 2);
	if (argc < 4 || argc > 5) {
		fputs("usage: shapecheck SCHEMA json|jsonl|csv FILE [TABLE]\n       shapecheck --types SCHEMA...\n", stderr);
		return 2;
	}
	fname = argv[3];
	load_schema(argv[1]);
	if (strcmp(argv[2], "json") == 0)
		check_json(argv[3]);
	else if (strcmp(argv[2], "jsonl") == 0)
		check_jsonl(argv[3]);
	else if (strcmp(argv[2], "csv") == 0)
		check_csv(argv[3], argc == 5 ? argv[4] : NULL);
	else
		return 2;
	return bad;
}
