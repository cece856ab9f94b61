/* fuzz_input.c — the input path: open, gzip by magic (multi-member, padding, trailing bytes), BOM.
 *
 * Input: a mode byte, then the bytes of a file. They are put in a memfd (mode bit 0 clear:
 * opened by path, seekable, mapped when plain) or a pipe fed by a thread (bit 0 set: read once,
 * as `signlog summary <(zcat f.gz)` reads), and decoded twice: in reads of one size (bits 1-2:
 * 1, 7, 4096 or 4 MiB bytes) and in one big read. Both must give the same bytes and the same
 * verdict (error text included); a plain memfd's mapping must hold the same bytes too. Only
 * the first 256 KiB decoded are compared (32 KiB in steps of 1 or 7 bytes). */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "fuzz.h"
#include "input.h"
#include "util.h"

/* Decoded bytes compared at most: a larger stream is a bomb, which the ingest guards
 * against, and reading megabytes in small steps would only slow the search. */
#define LIMIT 262144

struct feed {
	int fd;
	const uint8_t *p;
	size_t n;
};

static void *writer(void *arg)
{
	struct feed *f = arg;
	for (size_t off = 0; off < f->n;) {
		ssize_t w = write(f->fd, f->p + off, f->n - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	close(f->fd);
	return NULL;
}

/* Decode the input in reads of step bytes; returns the bytes (owned) and sets *n, *err. */
static char *decode(const uint8_t *data, size_t size, int pipe_in, size_t step, size_t lim, size_t *n, char *err,
                    int *map_ok)
{
	struct sl_input in;
	char path[64];
	int fd = -1, pfd[2] = { -1, -1 };
	pthread_t th;
	struct feed f;
	size_t cap = lim + 1, len = 0;
	char *out;

	*map_ok = 0;
	err[0] = '\0';
	if (pipe_in) {
		if (pipe(pfd) != 0)
			abort();
		f.fd = pfd[1];
		f.p = data;
		f.n = size;
		if (pthread_create(&th, NULL, writer, &f) != 0)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", pfd[0]);
	} else {
		fd = memfd_create("fuzz-input", 0);
		if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size))
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	out = sl_xmalloc(cap);
	if (sl_input_open(&in, path) != 0) {
		snprintf(err, 256, "open: %.240s", in.err);
	} else {
		struct sl_map m;
		if (!pipe_in && step == 1 && sl_input_map(&in, &m) == 0) {
			/* a mapped plain file: what sl_input_read would give */
			*map_ok = 1;
			len = m.len < lim ? m.len : lim;
			memcpy(out, m.data, len);
			sl_unmap(&m);
		} else {
			while (len < lim) {
				size_t want = step < lim - len ? step : lim - len;
				long r = sl_input_read(&in, out + len, want);
				if (r < 0) {
					snprintf(err, 256, "read: %.240s", in.err);
					FUZZ_CHECK(sl_input_read(&in, out + len, step) == -1);
					break;
				}
				if (r == 0)
					break;
				FUZZ_CHECK((size_t)r <= want);
				len += (size_t)r;
			}
			FUZZ_CHECK(in.out_bytes == len || err[0]);
		}
		sl_input_close(&in);
	}
	if (pipe_in) {
		close(pfd[0]);
		pthread_join(th, NULL);
	} else {
		close(fd);
	}
	*n = len;
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t steps[] = { 1, 7, 4096, 4u << 20 };
	char e1[256], e2[256];
	size_t n1, n2;
	int m1, m2;
	if (size < 1)
		return 0;
	signal(SIGPIPE, SIG_IGN);     /* the reader may stop before the writer is done */
	unsigned mode = data[0];
	data++;
	size--;
	int pipe_in = mode & 1;
	size_t step = steps[(mode >> 1) & 3];
	size_t lim = step < 64 ? 32768 : LIMIT;
	char *a = decode(data, size, pipe_in, step, lim, &n1, e1, &m1);
	char *b = decode(data, size, pipe_in, lim, lim, &n2, e2, &m2);
	/* the same bytes up to the limit, and the same end (or both cut at the limit) */
	FUZZ_CHECK(n1 == n2 && memcmp(a, b, n1) == 0);
	if (n1 < lim)
		FUZZ_CHECK(strcmp(e1, e2) == 0);
	free(a);
	free(b);
	return 0;
}
