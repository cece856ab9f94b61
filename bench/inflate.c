/* inflate.c — the input layer alone: reads each file through sl_input (gzip inflated and its
 * CRC checked) into a 4 MiB buffer and drops the bytes, to time the inflater apart from parsing. */
#include <stdio.h>
#include "inflate.h"
#include "input.h"

int main(int argc, char **argv)
{
	static char buf[4 << 20];
	unsigned long long total = 0;
	int bad = 0;
	for (int i = 1; i < argc; i++) {
		struct sl_input in;
		long n;
		if (sl_input_open(&in, argv[i]) != 0) {
			fprintf(stderr, "inflate: %s: %s\n", argv[i], in.err);
			bad = 1;
			continue;
		}
		while ((n = sl_input_read(&in, buf, sizeof buf)) > 0)
			total += (unsigned long long)n;
		if (n < 0) {
			fprintf(stderr, "inflate: %s: %s\n", argv[i], in.err);
			bad = 1;
		}
		sl_input_close(&in);
	}
	printf("%s: %llu bytes\n", sl_inflate_version(), total);
	return bad;
}
