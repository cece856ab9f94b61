/* fuzz_input.c — the input path: open, gzip by magic (multi-member, padding, trailing bytes), BOM.
 *
 * Input: a mode byte, then the bytes of a file. They are put in a memfd (mode bit 0 clear:
 * opened by path, seekable, mapped when plain) or a pipe fed by a thread (bit 0 set: read once,
 * as `signlog summary <(zcat f.gz)` reads), and decoded twice: in reads of one size (bits 1-2:
 * 1, 7, 4096 or 4 MiB bytes) and in one big read. Both must give the same bytes and the same
 * verdict (error text included); a plain memfd's mapping must hold the same bytes too. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "fuzz.h"
#include "input.h"
#include "util.h"

/* Decoded bytes compared at most: a larger stream is a bomb (the ingest has its own guard). */
#define LIMIT(size) (64 * (size) + 65536)

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
static char *decode(const uint8_t *data, size_t size, int pipe_in, size_t step, size_t *n, char *err, int *map_ok)
{
	struct sl_input in;
	char path[64];
	int fd = -1, pfd[2] = { -1, -1 };
	pthread_t th;
	struct feed f;
	size_t cap = size * 2 + 65536, len = 0;
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
			if (m.len > cap)
				out = sl_xrealloc(out, cap = m.len);
			memcpy(out, m.data, m.len);
			len = m.len;
			sl_unmap(&m);
		} else {
			for (;;) {
				if (len + step > cap)
					out = sl_xrealloc(out, cap = (len + step) * 2);
				long r = sl_input_read(&in, out + len, step);
				if (r < 0) {
					snprintf(err, 256, "read: %.240s", in.err);
					FUZZ_CHECK(sl_input_read(&in, out + len, step) == -1);
					break;
				}
				if (r == 0)
					break;
				FUZZ_CHECK((size_t)r <= step);
				len += (size_t)r;
				if (len > LIMIT(size))
					break;
			}
			FUZZ_CHECK(in.out_bytes == len || len > LIMIT(size) || err[0]);
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
	char *a = decode(data, size, pipe_in, step, &n1, e1, &m1);
	char *b = decode(data, size, pipe_in, 4u << 20, &n2, e2, &m2);
	if (n1 <= LIMIT(size) && n2 <= LIMIT(size)) {
		FUZZ_CHECK(strcmp(e1, e2) == 0);
		FUZZ_CHECK(n1 == n2 && memcmp(a, b, n1) == 0);
	}
	free(a);
	free(b);
	return 0;
}
