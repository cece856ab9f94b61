/* replay.c — a fuzz target as a plain program: runs it on saved inputs, for make check.
 *
 *   replay_TARGET [FILE|DIR...]
 *
 * Without arguments it runs the target on every file of testdata/fuzz/TARGET/ (the inputs
 * that once crashed it, kept as regression fixtures) and on every other fixture of testdata/
 * (so the target's properties are checked on all of them), and prints "N passed, 0 failed";
 * a property that fails aborts, which the test driver counts as a failure. Built with the
 * normal compiler, without libFuzzer. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "fuzz.h"

#ifndef FUZZ_TARGET
#error "FUZZ_TARGET (the target's name) must be defined"
#endif

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0;
	if (!f) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			if (!(buf = realloc(buf, cap)))
				abort();
		}
		size_t n = fread(buf + len, 1, cap - len, f);
		if (n == 0)
			break;
		len += n;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	return 0;
}

static int run_path(const char *path, unsigned *passed, unsigned *failed)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		perror(path);
		(*failed)++;
		return -1;
	}
	if (S_ISDIR(st.st_mode) && strcmp(path, "testdata/fuzz") == 0)
		return 0;     /* other targets' inputs */
	if (!S_ISDIR(st.st_mode)) {
		if (run_file(path) == 0)
			(*passed)++;
		else
			(*failed)++;
		return 0;
	}
	struct dirent **ents;
	int n = scandir(path, &ents, NULL, alphasort);
	if (n < 0) {
		perror(path);
		(*failed)++;
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char sub[4096];
		if (ents[i]->d_name[0] != '.') {
			snprintf(sub, sizeof sub, "%s/%s", path, ents[i]->d_name);
			run_path(sub, passed, failed);
		}
		free(ents[i]);
	}
	free(ents);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned passed = 0, failed = 0;
	if (argc < 2) {
		struct stat st;
		const char *dir = "testdata/fuzz/" FUZZ_TARGET;
		if (stat(dir, &st) == 0)
			run_path(dir, &passed, &failed);
		run_path("testdata", &passed, &failed);
	}
	for (int i = 1; i < argc; i++)
		run_path(argv[i], &passed, &failed);
	printf("%u passed, %u failed\n", passed, failed);
	return failed != 0;
}
