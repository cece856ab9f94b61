/* input.c — input sources: path expansion, files or stdin, gzip by magic (multi-member), BOM. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "input.h"
#include "util.h"

#define IBUF_SIZE ((size_t)256 * 1024)

/* ---------------------------------------------------------------- path expansion */

static void report(const char *path, int e, int *errors)
{
	sl_warn("%s: error: %s", path, strerror(e));
	if (errors)
		(*errors)++;
}

static void add_path(struct sl_paths *p, const char *s)
{
	void *v = p->v;
	sl_grow(&v, &p->cap, p->n + 1, sizeof *p->v);
	p->v = v;
	p->v[p->n++] = sl_xstrdup(s);
}

/* A regular file: keep it if it can be read, else report it. */
static void add_regular(struct sl_paths *p, const char *path, int *errors)
{
	if (access(path, R_OK) != 0)
		report(path, errno, errors);
	else
		add_path(p, path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	int slash = dl > 0 && dir[dl - 1] == '/';
	char *s = sl_xmalloc(dl + nl + 2);
	memcpy(s, dir, dl);
	if (!slash)
		s[dl++] = '/';
	memcpy(s + dl, name, nl + 1);
	return s;
}

static void walk(struct sl_paths *out, const char *dir, int *errors)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	if (!d) {
		report(dir, errno, errors);
		return;
	}
	for (;;) {
		struct stat st;
		char *child;
		errno = 0;
		de = readdir(d);
		if (!de) {
			if (errno)
				report(dir, errno, errors);
			break;
		}
		if (de->d_name[0] == '.')
			continue;
		child = join(dir, de->d_name);
		if (lstat(child, &st) != 0) {
			report(child, errno, errors);
		} else if (S_ISDIR(st.st_mode)) {
			walk(out, child, errors);
		} else if (S_ISREG(st.st_mode)) {
			add_regular(out, child, errors);
		} else if (S_ISLNK(st.st_mode)) {
			if (stat(child, &st) != 0)
				report(child, errno, errors);
			else if (S_ISREG(st.st_mode))
				add_regular(out, child, errors);
		}
		free(child);
	}
	closedir(d);
}

void sl_paths_expand(struct sl_paths *out, char **argv, int argc, int *errors)
{
	int i;
	size_t r, w;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		struct stat st;
		if (strcmp(a, "-") == 0) {
			add_path(out, a);
		} else if (stat(a, &st) != 0) {
			report(a, errno, errors);
		} else if (S_ISDIR(st.st_mode)) {
			walk(out, a, errors);
		} else if (S_ISREG(st.st_mode)) {
			add_regular(out, a, errors);
		} else {
			add_path(out, a);
		}
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, cmp_str);
	for (r = w = 0; r < out->n; r++) {
		if (w > 0 && strcmp(out->v[w - 1], out->v[r]) == 0)
			free(out->v[r]);
		else
			out->v[w++] = out->v[r];
	}
	out->n = w;
}

void sl_paths_free(struct sl_paths *p)
{
	size_t i;
	for (i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	p->v = NULL;
	p->n = p->cap = 0;
}

/* ---------------------------------------------------------------- byte stream */

static void set_err(struct sl_input *in, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_err(struct sl_input *in, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(in->err, sizeof in->err, fmt, ap);
	va_end(ap);
	in->failed = 1;
}

/* Compressed bytes consumed so far (read minus still buffered). */
static unsigned long long consumed(const struct sl_input *in)
{
	return (unsigned long long)(in->raw_bytes - (in->ibuf_len - in->ibuf_pos));
}

/* read(2) with EINTR retry; sets raw_eof at end, err on failure. */
static long raw_read(struct sl_input *in, void *buf, size_t n)
{
	if (n > (size_t)1 << 30)
		n = (size_t)1 << 30;
	for (;;) {
		ssize_t r = read(in->fd, buf, n);
		if (r > 0) {
			in->raw_bytes += (uint64_t)r;
			return (long)r;
		}
		if (r == 0) {
			in->raw_eof = 1;
			return 0;
		}
		if (errno != EINTR) {
			set_err(in, "read error at byte %llu: %s", (unsigned long long)in->raw_bytes,
				strerror(errno));
			return -1;
		}
	}
}

/* Make at least k unconsumed bytes available in ibuf unless the input ends first. */
static int fill(struct sl_input *in, size_t k)
{
	while (in->ibuf_len - in->ibuf_pos < k && !in->raw_eof) {
		long r;
		if (in->ibuf_pos == in->ibuf_len) {
			in->ibuf_pos = in->ibuf_len = 0;
		} else if (in->ibuf_pos > 0 &&
			   (in->ibuf_cap - in->ibuf_pos < k || in->ibuf_len == in->ibuf_cap)) {
			memmove(in->ibuf, in->ibuf + in->ibuf_pos, in->ibuf_len - in->ibuf_pos);
			in->ibuf_len -= in->ibuf_pos;
			in->ibuf_pos = 0;
		}
		r = raw_read(in, in->ibuf + in->ibuf_len, in->ibuf_cap - in->ibuf_len);
		if (r < 0)
			return -1;
		in->ibuf_len += (size_t)r;
	}
	return 0;
}

/* Plain data: buffered look-ahead first, then read(2) straight into buf. */
static size_t plain_read(struct sl_input *in, char *buf, size_t n)
{
	size_t got = 0;
	if (in->ibuf_pos < in->ibuf_len) {
		size_t k = in->ibuf_len - in->ibuf_pos;
		if (k > n)
			k = n;
		memcpy(buf, in->ibuf + in->ibuf_pos, k);
		in->ibuf_pos += k;
		got = k;
	}
	while (got < n && !in->raw_eof) {
		long r = raw_read(in, buf + got, n - got);
		if (r < 0)
			return got;
		got += (size_t)r;
	}
	if (in->raw_eof && in->ibuf_pos == in->ibuf_len)
		in->dec_eof = 1;
	return got;
}

/* What follows a gzip member: another member, zero padding, the end, or garbage.
 * Returns 1 to go on inflating, 0 at the clean end, -1 on error. */
static int gz_next_member(struct sl_input *in)
{
	z_stream *z = in->z;
	for (;;) {
		size_t avail;
		if (fill(in, 2) < 0)
			return -1;
		avail = in->ibuf_len - in->ibuf_pos;
		if (avail == 0)
			return 0;
		if (in->z_padding || in->ibuf[in->ibuf_pos] == 0) {
			in->z_padding = 1;
			while (in->ibuf_pos < in->ibuf_len && in->ibuf[in->ibuf_pos] == 0)
				in->ibuf_pos++;
			if (in->ibuf_pos < in->ibuf_len)
				break;
			continue;
		}
		if (avail >= 2 && in->ibuf[in->ibuf_pos] == 0x1f && in->ibuf[in->ibuf_pos + 1] == 0x8b) {
			if (inflateReset(z) != Z_OK) {
				set_err(in, "gzip error at byte %llu: cannot reset", consumed(in));
				return -1;
			}
			in->z_member_done = 0;
			return 1;
		}
		if (avail == 1 && in->ibuf[in->ibuf_pos] == 0x1f) {
			in->ibuf_pos++;
			set_err(in, "truncated gzip data at byte %llu (compressed)", consumed(in));
			return -1;
		}
		break;
	}
	set_err(in, "trailing garbage after gzip data at byte %llu", consumed(in));
	return -1;
}

/* gzip data: inflate straight into buf. */
static size_t gz_read(struct sl_input *in, char *buf, size_t n)
{
	z_stream *z = in->z;
	size_t got = 0;
	while (got < n) {
		size_t want, avail_in;
		int ret;
		if (in->z_member_done) {
			int r = gz_next_member(in);
			if (r < 0)
				return got;
			if (r == 0) {
				in->dec_eof = 1;
				return got;
			}
		}
		/* at the end of the file inflate is still called: it may hold decoded bytes that
		 * did not fit the last buffer, and the data is truncated only when it has none */
		if (in->ibuf_pos == in->ibuf_len && fill(in, 1) < 0)
			return got;
		avail_in = in->ibuf_len - in->ibuf_pos;
		want = n - got;
		if (want > UINT_MAX)
			want = UINT_MAX;
		z->next_in = in->ibuf + in->ibuf_pos;
		z->avail_in = (uInt)avail_in;
		z->next_out = (Bytef *)buf + got;
		z->avail_out = (uInt)want;
		ret = inflate(z, Z_NO_FLUSH);
		got += want - z->avail_out;
		in->ibuf_pos += avail_in - z->avail_in;
		if (ret == Z_STREAM_END) {
			in->z_member_done = 1;
		} else if (ret == Z_OK) {
			/* go on */
		} else if (ret == Z_BUF_ERROR && avail_in == 0) {
			set_err(in, "truncated gzip data at byte %llu (compressed)", consumed(in));
			return got;
		} else if (ret == Z_BUF_ERROR && z->avail_in == 0) {
			/* needs more input: refilled above */
		} else if (ret == Z_DATA_ERROR || ret == Z_NEED_DICT || ret == Z_BUF_ERROR) {
			set_err(in, "corrupt gzip data at byte %llu: %s", consumed(in),
				z->msg ? z->msg : "invalid data");
			return got;
		} else {
			set_err(in, "gzip error at byte %llu: %s", consumed(in),
				z->msg ? z->msg : ret == Z_MEM_ERROR ? "out of memory" : "stream error");
			return got;
		}
	}
	return got;
}

static size_t dec_read(struct sl_input *in, char *buf, size_t n)
{
	return in->gzip ? gz_read(in, buf, n) : plain_read(in, buf, n);
}

static void release(struct sl_input *in)
{
	if (in->z) {
		inflateEnd(in->z);
		free(in->z);
		in->z = NULL;
	}
	free(in->ibuf);
	in->ibuf = NULL;
	in->ibuf_len = in->ibuf_pos = in->ibuf_cap = 0;
	if (in->own_fd && in->fd >= 0)
		close(in->fd);
	in->own_fd = 0;
	in->fd = -1;
}

int sl_input_open(struct sl_input *in, const char *path)
{
	struct stat st;
	memset(in, 0, sizeof *in);
	in->fd = -1;
	if (strcmp(path, "-") == 0) {
		in->name = "(stdin)";
		in->fd = 0;
	} else {
		in->name = path;
		in->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (in->fd < 0) {
			set_err(in, "%s", strerror(errno));
			return -1;
		}
		in->own_fd = 1;
	}
	if (fstat(in->fd, &st) != 0) {
		set_err(in, "%s", strerror(errno));
		release(in);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		set_err(in, "%s", strerror(EISDIR));
		release(in);
		return -1;
	}
	if (S_ISREG(st.st_mode))
		in->raw_size = (uint64_t)st.st_size;
	in->ibuf = sl_xmalloc(IBUF_SIZE);
	in->ibuf_cap = IBUF_SIZE;
	if (fill(in, 2) < 0) {
		release(in);
		return -1;
	}
	if (in->ibuf_len >= 2 && in->ibuf[0] == 0x1f && in->ibuf[1] == 0x8b) {
		z_stream *z = sl_xcalloc(1, sizeof *z);
		int r = inflateInit2(z, 16 + MAX_WBITS);
		in->z = z;
		if (r != Z_OK) {
			set_err(in, "cannot start gzip decoder: %s", z->msg ? z->msg : zError(r));
			free(z);
			in->z = NULL;
			release(in);
			return -1;
		}
		in->gzip = 1;
	}
	in->failed = 0;
	return 0;
}

long sl_input_read(struct sl_input *in, char *buf, size_t n)
{
	size_t got = 0;
	if (in->failed && in->head_pos >= in->head_len)
		return -1;
	if (in->fd < 0 && !in->failed) {
		set_err(in, "input not open");
		return -1;
	}
	if (n == 0)
		return 0;
	if (n > LONG_MAX)
		n = LONG_MAX;
	if (!in->bom_checked) {
		while (in->head_len < 3 && !in->dec_eof && !in->failed)
			in->head_len += (unsigned)dec_read(in, (char *)in->head + in->head_len,
							   3 - in->head_len);
		in->bom_checked = 1;
		if (in->head_len == 3 && memcmp(in->head, "\xef\xbb\xbf", 3) == 0)
			in->head_len = 0;
	}
	if (in->head_pos < in->head_len) {
		size_t k = in->head_len - in->head_pos;
		if (k > n)
			k = n;
		memcpy(buf, in->head + in->head_pos, k);
		in->head_pos += (unsigned)k;
		got = k;
	}
	if (got < n && !in->dec_eof && !in->failed)
		got += dec_read(in, buf + got, n - got);
	in->out_bytes += got;
	if (got > 0)
		return (long)got;
	if (in->failed)
		return -1;
	in->eof = 1;
	return 0;
}

void sl_input_close(struct sl_input *in)
{
	release(in);
}

/* ---------------------------------------------------------------- mapping */

int sl_input_map(struct sl_input *in, struct sl_map *m)
{
	memset(m, 0, sizeof *m);
	if (in->gzip || !in->own_fd || in->raw_size == 0 || in->raw_size > SIZE_MAX || in->out_bytes)
		return -1;
	void *p = mmap(NULL, (size_t)in->raw_size, PROT_READ, MAP_PRIVATE, in->fd, 0);
	if (p == MAP_FAILED)
		return -1;
	/* read once, front to back */
	madvise(p, (size_t)in->raw_size, MADV_SEQUENTIAL);
	m->base = p;
	m->size = (size_t)in->raw_size;
	m->data = p;
	m->len = m->size;
	if (m->len >= 3 && memcmp(m->data, "\xef\xbb\xbf", 3) == 0) {
		m->data += 3;
		m->len -= 3;
	}
	return 0;
}

void sl_map_drop(struct sl_map *m, size_t off)
{
	long pg = sysconf(_SC_PAGESIZE);
	size_t page = pg > 0 ? (size_t)pg : 4096;
	size_t end = (size_t)(m->data - (const char *)m->base) + off;
	end -= end % page;
	if (end > m->dropped) {
		/* a file mapping: the pages stay in the page cache, they only leave this process */
		madvise((char *)m->base + m->dropped, end - m->dropped, MADV_DONTNEED);
		m->dropped = end;
	}
}

void sl_unmap(struct sl_map *m)
{
	if (m->base)
		munmap(m->base, m->size);
	memset(m, 0, sizeof *m);
}
