/* fuzz.h — what the libFuzzer targets share: input bytes as a file, and a check that aborts. */
#ifndef SL_FUZZ_H
#define SL_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property that must hold: a violation is a crash libFuzzer reports and keeps. */
#define FUZZ_CHECK(cond)                                                                   \
	do {                                                                               \
		if (!(cond)) {                                                             \
			fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                           \
		}                                                                          \
	} while (0)

/* A private directory for the files a target writes (removed at exit), and the path of a
 * file in it holding data. The path is in static storage, valid until the next call. */
const char *fuzz_file(const char *name, const uint8_t *data, size_t size);

#endif
