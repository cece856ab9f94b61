/* unit_split.c — the member splitter must accept, reject and extract exactly what a whole parse does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "read_json.h"
#include "row_compare.h"
#include "unit.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b;
	long n;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b = malloc((size_t)n + 1);
	*len = fread(b, 1, (size_t)n, f);
	fclose(f);
	return b;
}

/* The fields the run loads: rows leave the others' slots as they were. */
static uint8_t loaded[SL_F__COUNT];

/* Every line of text, and thousands of mutations of it, parse alike both ways. */
static void compare(const char *text, size_t len, struct sl_jparser *split, struct sl_jparser *whole, unsigned seed)
{
	static const char alphabet[] = "{}[]\",:\\ \n0atu@\x01\xff";
	struct sl_arena a1, a2;
	struct sl_row *r1 = NULL, *r2 = NULL;
	size_t c1 = 0, c2 = 0, bad = 0, tried = 0;
	char *m = malloc(len + 8);
	sl_arena_init(&a1, 1 << 16);
	sl_arena_init(&a2, 1 << 16);
	for (int round = 0; round < 3000; round++) {
		size_t n = len;
		memcpy(m, text, len);
		for (int k = round ? 1 + (int)(seed % 3) : 0; k > 0; k--) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % n;
			seed = seed * 1103515245u + 12345u;
			m[at] = alphabet[(seed >> 8) % (sizeof alphabet - 1)];
		}
		/* parse each line as a document, as the JSON-lines mode does */
		for (size_t s = 0; s < n;) {
			char *nl = memchr(m + s, '\n', n - s);
			size_t e = nl ? (size_t)(nl - m) : n;
			size_t n1 = 0, n2 = 0;
			sl_json_parse_doc(split, m + s, e - s, 1, !nl, &a1, &r1, &n1, &c1);
			sl_json_parse_doc(whole, m + s, e - s, 1, !nl, &a2, &r2, &n2, &c2);
			tried++;
			if (!sl_test_same_rows(r1, n1, r2, n2, loaded)) {
				if (!bad)
					fprintf(stderr, "unit_split: differs on: %.*s\n", (int)(e - s > 300 ? 300 : e - s), m + s);
				bad++;
			}
			sl_arena_reset(&a1);
			sl_arena_reset(&a2);
			s = e + 1;
		}
	}
	CHECK(tried > 0);
	CHECK(bad == 0);
	free(m);
	free(r1);
	free(r2);
	sl_arena_free(&a1);
	sl_arena_free(&a2);
}

/* Compare the files' parses with the fields in want[] loaded (the trie is made once per
 * process: each set of fields runs in a process of its own). */
static void run(const uint8_t *want)
{
	static const char *files[] = { "testdata/shapes/jsonl.jsonl", "testdata/shapes/diag.jsonl", "testdata/bad/escapes.jsonl",
	                               "testdata/detect/mfa-fraud-steps.jsonl" };
	sl_json_init(want);
	if (want)
		memcpy(loaded, want, sizeof loaded);
	else
		sl_fields_all(loaded);
	sl_fields_core(loaded);
	struct sl_jparser *split = sl_jparser_new(), *whole = sl_jparser_new();
	sl_jparser_whole(whole, 1);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		size_t len;
		char *t = slurp(files[i], &len);
		CHECK(t != NULL);
		if (t)
			compare(t, len, split, whole, 12345u + (unsigned)i);
		free(t);
	}
	sl_jparser_free(split);
	sl_jparser_free(whole);
}

int main(void)
{
	/* the core fields only, as a command reading little does: most members are skipped; and
	 * (in a child) every field, so that nested objects (location, status, deviceDetail) and
	 * lists (authenticationDetails) are stepped over and read both ways */
	uint8_t core[SL_F__COUNT] = { 0 };
	int fd[2], pass = 0, fail = 0;
	pid_t pid;
	if (pipe(fd) != 0 || (pid = fork()) < 0) {
		CHECK(0);
		return unit_done();
	}
	if (pid == 0) {
		FILE *w;
		close(fd[0]);
		run(NULL);
		if ((w = fdopen(fd[1], "w")) != NULL) {
			fprintf(w, "%d %d\n", unit_pass, unit_fail);
			fclose(w);
		}
		_exit(0);
	}
	close(fd[1]);
	run(core);
	FILE *r = fdopen(fd[0], "r");
	CHECK(r != NULL && fscanf(r, "%d %d", &pass, &fail) == 2);
	if (r)
		fclose(r);
	waitpid(pid, NULL, 0);
	unit_pass += pass;
	unit_fail += fail;
	CHECK(pass > 0);
	return unit_done();
}
