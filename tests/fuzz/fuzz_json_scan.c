/* fuzz_json_scan.c — the JSON record scanner finds the same records whatever the buffer boundaries.
 *
 * Input: one byte choosing the chunk sizes, then the bytes of a file. The file is scanned once
 * whole and once in chunks the way the ingest feeds it (the unfinished tail moved to the front
 * of the next buffer, then sl_jscan_rebase); both must emit the same records (bytes, line,
 * at_eof), and every record must lie inside the buffer it was emitted for. */
#include <string.h>
#include "fuzz.h"
#include "read_json.h"
#include "util.h"

struct rec {
	const uint8_t *p;     /* where its bytes are in the input */
	size_t len;
	uint64_t line;
	int at_eof;
};

/* Scan data in chunks of the sizes sizes[] gives in turn (0: all at once). */
static struct rec *scan(const uint8_t *data, size_t size, const size_t *sizes, size_t nsizes, size_t *nrec)
{
	struct sl_jscan sc;
	struct sl_doc *docs = NULL;
	size_t ndocs = 0, dcap = 0, fed = 0, len = 0, k = 0, cap = 0;
	struct rec *out = NULL;
	char *buf = sl_xmalloc(size + 1);
	size_t start = 0;                     /* input offset of buf[0] */

	sl_jscan_init(&sc);
	*nrec = 0;
	for (;;) {
		size_t step = nsizes ? sizes[k++ % nsizes] : size;
		if (step > size - fed)
			step = size - fed;
		memcpy(buf + len, data + fed, step);
		len += step;
		fed += step;
		int eof = fed == size;
		ndocs = 0;
		size_t keep = sl_jscan_feed(&sc, buf, len, eof, &docs, &ndocs, &dcap);
		FUZZ_CHECK(keep <= len);
		for (size_t d = 0; d < ndocs; d++) {
			FUZZ_CHECK(docs[d].off <= len && docs[d].len <= len - docs[d].off);
			sl_grow((void **)&out, &cap, *nrec + 1, sizeof *out);
			out[*nrec].p = data + start + docs[d].off;
			out[*nrec].len = docs[d].len;
			out[*nrec].line = docs[d].line;
			out[*nrec].at_eof = docs[d].at_eof;
			FUZZ_CHECK(memcmp(out[*nrec].p, buf + docs[d].off, docs[d].len) == 0);
			(*nrec)++;
		}
		if (eof) {
			FUZZ_CHECK(keep == len);
			break;
		}
		memmove(buf, buf + keep, len - keep);
		len -= keep;
		start += keep;
		sl_jscan_rebase(&sc, keep);
	}
	free(docs);
	free(buf);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t pattern[][3] = {
		{ 1, 1, 1 }, { 7, 1, 64 }, { 4096, 3, 17 }, { 2, 200, 5 },
	};
	size_t na, nb;
	if (size < 1)
		return 0;
	const size_t *sizes = pattern[data[0] % 4];
	data++;
	size--;
	struct rec *a = scan(data, size, NULL, 0, &na);
	struct rec *b = scan(data, size, sizes, 3, &nb);
	FUZZ_CHECK(na == nb);
	for (size_t i = 0; i < na; i++) {
		FUZZ_CHECK(a[i].p == b[i].p && a[i].len == b[i].len);
		FUZZ_CHECK(a[i].line == b[i].line);
		FUZZ_CHECK(a[i].at_eof == b[i].at_eof);
	}
	free(a);
	free(b);
	return 0;
}
