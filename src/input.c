/* input.c — input sources: path expansion (links followed once, notes skipped), files or stdin, gzip by magic (multi-member), BOM. */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "inflate.h"
#include "input.h"
#include "util.h"

#define IBUF_SIZE ((size_t)256 * 1024)
#define HIST 8 /* bytes kept before the read position: see fill() */

/* ---------------------------------------------------------------- path expansion */

static void report(const char *path, int e, int *errors)
{
	sl_warn("%s: error: %s", path, strerror(e));
	if (errors)
		(*errors)++;
}

static void add_path(struct sl_paths *p, const char *s, int indir)
{
	void *v = p->v;
	size_t cap = p->cap;
	sl_grow(&v, &p->cap, p->n + 1, sizeof *p->v);
	p->v = v;
	if (p->cap != cap || !p->indir)
		p->indir = sl_xrealloc(p->indir, p->cap);
	p->indir[p->n] = (unsigned char)indir;
	p->v[p->n++] = sl_xstrdup(s);
}

/* A regular file: keep it if it can be read, else report it. */
static void add_regular(struct sl_paths *p, const char *path, int indir, int *errors)
{
	if (access(path, R_OK) != 0)
		report(path, errno, errors);
	else
		add_path(p, path, indir);
}

/* Notes on what a directory walk skipped, said in path order once it is done (readdir order
 * is the file system's). */
struct notes {
	char **v;
	size_t n, cap;
};

static struct notes *walk_notes;

static void note(const struct sl_paths *p, const char *path, const char *why)
{
	if (p->quiet || !walk_notes)
		return;
	void *v = walk_notes->v;
	sl_grow(&v, &walk_notes->cap, walk_notes->n + 1, sizeof *walk_notes->v);
	walk_notes->v = v;
	size_t n = strlen(path) + strlen(why) + 32;
	walk_notes->v[walk_notes->n] = sl_xmalloc(n);
	snprintf(walk_notes->v[walk_notes->n++], n, "%s: note: skipped, %s", path, why);
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && strcasecmp(s + n - t, tail) == 0;
}

int sl_path_is_notes(const char *name)
{
	static const char *const stems[] = { "README", "LICENSE", "LICENCE", "COPYING", "NOTICE", "CHANGELOG" };
	static const char *const tails[] = {
		".md", ".markdown", ".rst", ".html", ".htm", ".pdf", ".doc", ".docx", ".odt", ".rtf",
		".sh", ".bash", ".ps1", ".psm1", ".psd1", ".py", ".bat", ".cmd", ".vbs", ".js",
		".sha1", ".sha256", ".sha512", ".md5", ".sig", ".asc", ".gpg", "sums", ".sha1sum",
		".sha256sum", ".sha512sum", ".md5sum",
	};
	for (size_t i = 0; i < sizeof stems / sizeof stems[0]; i++)
		if (strncasecmp(name, stems[i], strlen(stems[i])) == 0)
			return 1;
	for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++)
		if (ends_with(name, tails[i]))
			return 1;
	return 0;
}

int sl_path_rereadable(const char *path)
{
	struct stat st;
	return strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode);
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

/* The directories read so far (device and inode), to read each once: a symbolic link back
 * to an ancestor would otherwise recurse for ever. */
struct seen {
	struct { dev_t dev; ino_t ino; char *path; } *v;
	size_t n, cap;
};

/* The path under which directory st was read, or NULL (then it is noted as read now). */
static const char *seen_dir(struct seen *sd, const struct stat *st, const char *path)
{
	for (size_t i = 0; i < sd->n; i++)
		if (sd->v[i].dev == st->st_dev && sd->v[i].ino == st->st_ino)
			return sd->v[i].path;
	void *v = sd->v;
	sl_grow(&v, &sd->cap, sd->n + 1, sizeof *sd->v);
	sd->v = v;
	sd->v[sd->n].dev = st->st_dev;
	sd->v[sd->n].ino = st->st_ino;
	sd->v[sd->n++].path = sl_xstrdup(path);
	return NULL;
}

/* A file found in a directory: --include decides, else notes are skipped. */
static void add_found(struct sl_paths *out, const char *path, const char *name, int *errors)
{
	if (out->ninclude) {
		for (size_t i = 0; i < out->ninclude; i++)
			if (fnmatch(out->include[i], name, 0) == 0) {
				add_regular(out, path, 1, errors);
				return;
			}
		return;
	}
	if (sl_path_is_notes(name)) {
		note(out, path, "notes or a script by its name, not an export (--include picks files)");
		return;
	}
	add_regular(out, path, 1, errors);
}

static void walk(struct sl_paths *out, struct seen *sd, const char *dir, int *errors)
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
		} else if (S_ISLNK(st.st_mode) && stat(child, &st) != 0) {
			report(child, errno, errors);
		} else if (S_ISDIR(st.st_mode)) {
			const char *before = seen_dir(sd, &st, child);
			if (!before) {
				walk(out, sd, child, errors);
			} else if (!out->quiet) {
				char why[600];
				snprintf(why, sizeof why, "a directory read already as %s (a link loop or a second link)", before);
				note(out, child, why);
			}
		} else if (S_ISREG(st.st_mode)) {
			add_found(out, child, de->d_name, errors);
		} else {
			note(out, child, S_ISFIFO(st.st_mode) ? "a named pipe found in a directory (name it to read it)"
			                                      : "not a regular file");
		}
		free(child);
	}
	closedir(d);
}

void sl_paths_expand(struct sl_paths *out, char **argv, int argc, int *errors)
{
	int i;
	size_t r, w;
	struct seen sd = { 0 };
	struct notes nt = { 0 };
	walk_notes = &nt;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		struct stat st;
		if (strcmp(a, "-") == 0) {
			add_path(out, a, 0);
		} else if (stat(a, &st) != 0) {
			report(a, errno, errors);
		} else if (S_ISDIR(st.st_mode)) {
			const char *before = seen_dir(&sd, &st, a);
			if (!before)
				walk(out, &sd, a, errors);
		} else if (S_ISREG(st.st_mode)) {
			add_regular(out, a, 0, errors);
		} else {
			add_path(out, a, 0);
		}
	}
	for (size_t k = 0; k < sd.n; k++)
		free(sd.v[k].path);
	free(sd.v);
	walk_notes = NULL;
	if (nt.n > 1)
		qsort(nt.v, nt.n, sizeof *nt.v, cmp_str);
	for (size_t k = 0; k < nt.n; k++) {
		sl_warn("%s", nt.v[k]);
		free(nt.v[k]);
	}
	free(nt.v);
	if (out->n > 1) {
		/* sort the paths, their flags with them */
		char **tagged = sl_xmalloc(out->n * sizeof *tagged);
		for (size_t k = 0; k < out->n; k++) {
			size_t len = strlen(out->v[k]);
			tagged[k] = sl_xrealloc(out->v[k], len + 2);
			tagged[k][len + 1] = (char)out->indir[k];
		}
		qsort(tagged, out->n, sizeof *tagged, cmp_str);
		for (size_t k = 0; k < out->n; k++) {
			out->v[k] = tagged[k];
			out->indir[k] = (unsigned char)tagged[k][strlen(tagged[k]) + 1];
		}
		free(tagged);
	}
	for (r = w = 0; r < out->n; r++) {
		if (w > 0 && strcmp(out->v[w - 1], out->v[r]) == 0) {
			/* named and found: named wins */
			out->indir[w - 1] &= out->indir[r];
			free(out->v[r]);
		} else {
			out->indir[w] = out->indir[r];
			out->v[w++] = out->v[r];
		}
	}
	out->n = w;
}

void sl_paths_free(struct sl_paths *p)
{
	size_t i;
	for (i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	free(p->indir);
	p->v = NULL;
	p->indir = NULL;
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

/* Make at least k unconsumed bytes available in ibuf unless the input ends first. The HIST
 * bytes before ibuf_pos stay in place: the inflater may give back bytes it took earlier. */
static int fill(struct sl_input *in, size_t k)
{
	while (in->ibuf_len - in->ibuf_pos < k && !in->raw_eof) {
		long r;
		if (in->ibuf_pos > HIST && in->ibuf_cap - in->ibuf_len < in->ibuf_cap / 2) {
			size_t from = in->ibuf_pos - HIST;
			memmove(in->ibuf, in->ibuf + from, in->ibuf_len - from);
			in->ibuf_len -= from;
			in->ibuf_pos = HIST;
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

/* ---------------------------------------------------------------- gzip framing
 * Headers, trailers and what lies between members are read here, for both inflaters, so
 * that every message and byte offset is the same whichever inflater the binary uses. */

/* The input ended inside a member: everything was consumed, so N is the input's size. */
static int truncated(struct sl_input *in)
{
	in->ibuf_pos = in->ibuf_len;
	set_err(in, "truncated gzip data at byte %llu (compressed)", consumed(in));
	return -1;
}

/* Take n (at most 12) header bytes into b, adding them to the header's CRC. */
static int hdr_take(struct sl_input *in, unsigned char *b, size_t n, uLong *crc)
{
	if (fill(in, n) < 0)
		return -1;
	if (in->ibuf_len - in->ibuf_pos < n)
		return truncated(in);
	memcpy(b, in->ibuf + in->ibuf_pos, n);
	in->ibuf_pos += n;
	*crc = crc32(*crc, b, (uInt)n);
	return 0;
}

/* Skip n header bytes (n > 0), or (n == 0) up to and including a NUL byte. */
static int hdr_skip(struct sl_input *in, size_t n, uLong *crc)
{
	int to_nul = n == 0;
	for (;;) {
		const unsigned char *p = in->ibuf + in->ibuf_pos, *nul = NULL;
		size_t k = in->ibuf_len - in->ibuf_pos;
		if (k == 0) {
			if (fill(in, 1) < 0)
				return -1;
			if (in->ibuf_pos == in->ibuf_len)
				return truncated(in);
			continue;
		}
		if (to_nul && (nul = memchr(p, 0, k)) != NULL)
			k = (size_t)(nul - p) + 1;
		else if (!to_nul && k > n)
			k = n;
		*crc = crc32(*crc, p, (uInt)k);
		in->ibuf_pos += k;
		if (to_nul ? nul != NULL : (n -= k) == 0)
			return 0;
	}
}

/* A member's header (RFC 1952), at the magic bytes: 0, or -1 with err set. */
static int member_header(struct sl_input *in)
{
	unsigned char h[10], x[2];
	uLong crc = crc32(0L, Z_NULL, 0);
	unsigned long long at = consumed(in);
	size_t avail;
	in->member_at = at;
	if (fill(in, 10) < 0)
		return -1;
	/* the method and flags are judged as soon as they are there, even in a cut header */
	avail = in->ibuf_len - in->ibuf_pos;
	if (avail > 2 && in->ibuf[in->ibuf_pos + 2] != 8) {
		set_err(in, "corrupt gzip data at byte %llu: unknown compression method", at + 2);
		return -1;
	}
	if (avail > 3 && (in->ibuf[in->ibuf_pos + 3] & 0xe0)) {
		set_err(in, "corrupt gzip data at byte %llu: reserved header flags set", at + 3);
		return -1;
	}
	if (hdr_take(in, h, 10, &crc) < 0)
		return -1;
	if (h[3] & 4) { /* FEXTRA: a 2-byte length, then that many bytes */
		if (hdr_take(in, x, 2, &crc) < 0)
			return -1;
		if ((x[0] | x[1] << 8) && hdr_skip(in, (size_t)(x[0] | x[1] << 8), &crc) < 0)
			return -1;
	}
	if ((h[3] & 8) && hdr_skip(in, 0, &crc) < 0) /* FNAME */
		return -1;
	if ((h[3] & 16) && hdr_skip(in, 0, &crc) < 0) /* FCOMMENT */
		return -1;
	if (h[3] & 2) { /* FHCRC: the low 16 bits of the CRC-32 of the header so far */
		uLong want = crc & 0xffff;
		unsigned long long hat = consumed(in);
		if (hdr_take(in, x, 2, &crc) < 0)
			return -1;
		if ((uLong)(x[0] | x[1] << 8) != want) {
			set_err(in, "corrupt gzip data at byte %llu: header CRC mismatch", hat);
			return -1;
		}
	}
	sl_inflate_reset(in->inf);
	in->member_out = 0;
	in->gz_state = GZ_BODY;
	return 0;
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A member's trailer: the CRC-32 and the length (mod 2^32) of its decoded data. */
static int member_trailer(struct sl_input *in)
{
	unsigned long long at = consumed(in);
	const unsigned char *t;
	if (fill(in, 8) < 0)
		return -1;
	if (in->ibuf_len - in->ibuf_pos < 8)
		return truncated(in);
	t = in->ibuf + in->ibuf_pos;
	if (le32(t) != sl_inflate_crc(in->inf)) {
		set_err(in, "corrupt gzip data at byte %llu: CRC-32 mismatch", at);
		return -1;
	}
	if (le32(t + 4) != (uint32_t)in->member_out) {
		set_err(in, "corrupt gzip data at byte %llu: length mismatch", at + 4);
		return -1;
	}
	in->ibuf_pos += 8;
	in->gz_state = GZ_BETWEEN;
	return 0;
}

/* What follows a member: another member, zero padding, the end, or garbage.
 * Returns 1 for another member, 0 at the clean end, -1 on error. */
static int next_member(struct sl_input *in)
{
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
			in->gz_state = GZ_HEADER;
			return 1;
		}
		if (avail == 1 && in->ibuf[in->ibuf_pos] == 0x1f)
			return truncated(in);
		break;
	}
	set_err(in, "trailing garbage after gzip data at byte %llu", consumed(in));
	return -1;
}

/* gzip data: inflate straight into buf. */
static size_t gz_read(struct sl_input *in, char *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		size_t avail, made;
		long used;
		enum sl_inflate_ret r;
		if (in->gz_state == GZ_BETWEEN) {
			int m = next_member(in);
			if (m < 0)
				return got;
			if (m == 0) {
				in->dec_eof = 1;
				return got;
			}
		}
		if (in->gz_state == GZ_HEADER && member_header(in) < 0)
			return got;
		if (in->ibuf_pos == in->ibuf_len && fill(in, 1) < 0)
			return got;
		avail = in->ibuf_len - in->ibuf_pos;
		/* called even without input: the inflater may still hold decoded bytes */
		r = sl_inflate_run(in->inf, in->ibuf + in->ibuf_pos, avail, &used,
		                   (unsigned char *)buf + got, n - got, &made);
		got += made;
		in->member_out += made;
		if (used < -(long)in->ibuf_pos) {
			/* given back more than the buffer still holds (inflate.h allows 8) */
			set_err(in, "gzip error at byte %llu: the decoder gave back %ld bytes", consumed(in), -used);
			return got;
		}
		in->ibuf_pos = (size_t)((long)in->ibuf_pos + used);
		if (r == SL_INF_END) {
			if (member_trailer(in) < 0)
				return got;
		} else if (r == SL_INF_BAD) {
			set_err(in, "corrupt gzip data: invalid deflate data in the member starting at byte %llu",
			        (unsigned long long)in->member_at);
			return got;
		} else if (used == 0 && made == 0) {
			if (avail == 0 && in->raw_eof) {
				truncated(in);
				return got;
			}
			if (avail > 0) { /* never seen: an inflater that takes nothing it is given */
				set_err(in, "gzip error at byte %llu: the decoder is stuck", consumed(in));
				return got;
			}
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
	sl_inflate_free(in->inf);
	in->inf = NULL;
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
		in->inf = sl_inflate_new();
		in->gzip = 1;
		in->gz_state = GZ_HEADER;
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
