/* unit_input.c — path expansion, plain/BOM/gzip (multi-member, truncated, corrupt) streams. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>
#include "inflate.h"
#include "input.h"
#include "util.h"
#include "unit.h"

static char tmpdir[] = "/tmp/unit_input.XXXXXX";

struct bytes {
	unsigned char *p;
	size_t n, cap;
};

static void b_add(struct bytes *b, const void *p, size_t n)
{
	void *v = b->p;
	sl_grow(&v, &b->cap, b->n + n, 1);
	b->p = v;
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void b_free(struct bytes *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

static char *path_of(const char *name)
{
	char *s = sl_xmalloc(strlen(tmpdir) + strlen(name) + 2);
	sprintf(s, "%s/%s", tmpdir, name);
	return s;
}

static char *write_file(const char *name, const void *data, size_t n)
{
	char *path = path_of(name);
	FILE *f = fopen(path, "wb");
	if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
	return path;
}

/* One gzip member holding data. */
static struct bytes gz(const void *data, size_t n, int level)
{
	struct bytes out = {NULL, 0, 0};
	z_stream s;
	memset(&s, 0, sizeof s);
	if (deflateInit2(&s, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		exit(2);
	out.n = deflateBound(&s, (uLong)n) + 64;
	out.p = sl_xmalloc(out.n);
	out.cap = out.n;
	s.next_in = (Bytef *)(uintptr_t)data;
	s.avail_in = (uInt)n;
	s.next_out = out.p;
	s.avail_out = (uInt)out.n;
	if (deflate(&s, Z_FINISH) != Z_STREAM_END)
		exit(2);
	out.n = s.total_out;
	deflateEnd(&s);
	return out;
}

/* Text-ish data that compresses only moderately, so the compressed stream spans several
 * 256 KiB input buffers. */
static struct bytes sample(size_t n, unsigned seed)
{
	struct bytes b = {sl_xmalloc(n), n, n};
	uint32_t x = seed * 2654435761u + 1;
	size_t i;
	for (i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		b.p[i] = (i % 61 == 60) ? '\n' : (unsigned char)('a' + (x >> 16) % 26);
	}
	return b;
}

/* Read everything with buffers of size bs; returns the last result (0 or -1). */
static long read_all(struct sl_input *in, size_t bs, struct bytes *out, int *short_reads)
{
	char *buf = sl_xmalloc(bs);
	long r;
	int shorts = 0;
	for (;;) {
		r = sl_input_read(in, buf, bs);
		if (r <= 0)
			break;
		if ((size_t)r < bs)
			shorts++;
		b_add(out, buf, (size_t)r);
	}
	free(buf);
	if (short_reads)
		*short_reads = shorts;
	return r;
}

/* Open path, read it all with buffer size bs, compare with want; returns status. */
static int roundtrip(const char *path, size_t bs, const void *want, size_t wn)
{
	struct sl_input in;
	struct bytes got = {NULL, 0, 0};
	long r;
	int ok;
	if (sl_input_open(&in, path) != 0)
		return 0;
	r = read_all(&in, bs, &got, NULL);
	ok = r == 0 && in.eof && got.n == wn && (wn == 0 || memcmp(got.p, want, wn) == 0) &&
	     in.out_bytes == wn && sl_input_read(&in, (char[4]){0}, 4) == 0;
	sl_input_close(&in);
	b_free(&got);
	return ok;
}

/* Write data to a file called name and read it all: the read must fail after exactly n
 * bytes, equal to want[0, n), with the message err. */
static void read_fails(const char *name, const void *data, size_t len, const void *want, size_t n,
                       const char *err)
{
	struct sl_input in;
	struct bytes got = {NULL, 0, 0};
	char *p = write_file(name, data, len);
	CHECK(sl_input_open(&in, p) == 0 && in.gzip == 1);
	CHECK(read_all(&in, 1u << 20, &got, NULL) == -1);
	CHECK(got.n == n && (n == 0 || memcmp(got.p, want, n) == 0));
	CHECK_STR(in.err, err);
	CHECK(sl_input_read(&in, (char[8]){0}, 8) == -1);
	sl_input_close(&in);
	b_free(&got);
	free(p);
}

static void test_plain(void)
{
	struct sl_input in;
	char buf[64];
	char *p = write_file("plain.csv", "a,b\n1,2\n", 8);
	CHECK(sl_input_open(&in, p) == 0);
	CHECK(in.gzip == 0 && in.raw_size == 8 && in.name == p && in.eof == 0);
	CHECK(sl_input_read(&in, buf, sizeof buf) == 8 && memcmp(buf, "a,b\n1,2\n", 8) == 0);
	CHECK(sl_input_read(&in, buf, sizeof buf) == 0 && in.eof == 1);
	CHECK(in.raw_bytes == 8 && in.out_bytes == 8);
	sl_input_close(&in);
	sl_input_close(&in); /* twice is fine */
	CHECK(roundtrip(p, 1, "a,b\n1,2\n", 8));
	CHECK(roundtrip(p, 3, "a,b\n1,2\n", 8));
	free(p);

	p = write_file("empty", "", 0);
	CHECK(roundtrip(p, 16, "", 0));
	free(p);
	p = write_file("one", "x", 1);
	CHECK(roundtrip(p, 16, "x", 1));
	free(p);
	/* a lone 1f byte is not gzip */
	p = write_file("onegz", "\x1f", 1);
	CHECK(roundtrip(p, 16, "\x1f", 1));
	free(p);
}

static void test_bom(void)
{
	char *p = write_file("bom.csv", "\xef\xbb\xbf" "a,b\n", 7);
	struct sl_input in;
	char buf[16];
	CHECK(roundtrip(p, 1, "a,b\n", 4));
	CHECK(roundtrip(p, 2, "a,b\n", 4));
	CHECK(roundtrip(p, 4096, "a,b\n", 4));
	CHECK(sl_input_open(&in, p) == 0);
	CHECK(sl_input_read(&in, buf, sizeof buf) == 4 && in.out_bytes == 4 && in.raw_bytes == 7);
	sl_input_close(&in);
	free(p);
	p = write_file("bomonly", "\xef\xbb\xbf", 3);
	CHECK(roundtrip(p, 8, "", 0));
	free(p);
	p = write_file("bomhalf", "\xef\xbb", 2);
	CHECK(roundtrip(p, 1, "\xef\xbb", 2));
	free(p);
	p = write_file("bomnot", "\xef\xbbX!", 4);
	CHECK(roundtrip(p, 1, "\xef\xbbX!", 4));
	free(p);
	/* only at the start */
	p = write_file("bomtwice", "\xef\xbb\xbf\xef\xbb\xbfZ", 7);
	CHECK(roundtrip(p, 5, "\xef\xbb\xbfZ", 4));
	free(p);
}

static void test_gzip(void)
{
	struct bytes a = sample(3u << 20, 1), b = sample(700000, 2), ga = gz(a.p, a.n, 6),
		     gb = gz(b.p, b.n, 1), cat = {NULL, 0, 0}, want = {NULL, 0, 0}, got = {NULL, 0, 0},
		     gempty = gz("", 0, 6);
	struct sl_input in;
	char *p;
	int shorts;
	size_t sizes[] = {1, 7, 4096, 65536, 4u << 20, 8u << 20};
	size_t i;
	long r;

	CHECK(ga.n > 3 * 256 * 1024); /* spans several input buffers */
	p = write_file("one.json.gz", ga.p, ga.n);
	CHECK(sl_input_open(&in, p) == 0);
	CHECK(in.gzip == 1 && in.raw_size == ga.n);
	r = read_all(&in, 4u << 20, &got, &shorts);
	CHECK(r == 0 && got.n == a.n && memcmp(got.p, a.p, a.n) == 0);
	CHECK(shorts == 1); /* a full buffer every time but the last */
	CHECK(in.raw_bytes == ga.n && in.out_bytes == a.n && in.eof);
	sl_input_close(&in);
	b_free(&got);
	for (i = 2; i < sizeof sizes / sizeof sizes[0]; i++)
		CHECK(roundtrip(p, sizes[i], a.p, a.n));
	free(p);

	/* multi-member: a + empty member + b, then trailing zero padding */
	b_add(&cat, ga.p, ga.n);
	b_add(&cat, gempty.p, gempty.n);
	b_add(&cat, gb.p, gb.n);
	b_add(&want, a.p, a.n);
	b_add(&want, b.p, b.n);
	p = write_file("multi.gz", cat.p, cat.n);
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		if (sizes[i] > 1)
			CHECK(roundtrip(p, sizes[i], want.p, want.n));
	free(p);
	b_add(&cat, "\0\0\0\0\0\0\0\0", 8);
	p = write_file("multipad.gz", cat.p, cat.n);
	CHECK(roundtrip(p, 1u << 20, want.p, want.n));
	free(p);

	/* small members, 1-byte reads */
	{
		struct bytes x = gz("hello ", 6, 9), y = gz("world\n", 6, 0), c = {NULL, 0, 0};
		b_add(&c, x.p, x.n);
		b_add(&c, y.p, y.n);
		b_add(&c, x.p, x.n);
		p = write_file("small.gz", c.p, c.n);
		CHECK(roundtrip(p, 1, "hello world\nhello ", 18));
		CHECK(roundtrip(p, 5, "hello world\nhello ", 18));
		free(p);
		b_free(&x);
		b_free(&y);
		b_free(&c);
	}

	/* trailing garbage after a complete member: all data, then -1 */
	{
		struct bytes c = {NULL, 0, 0};
		b_add(&c, gb.p, gb.n);
		b_add(&c, "garbage", 7);
		p = write_file("garbage.gz", c.p, c.n);
		CHECK(sl_input_open(&in, p) == 0);
		r = read_all(&in, 65536, &got, NULL);
		CHECK(r == -1 && got.n == b.n && memcmp(got.p, b.p, b.n) == 0);
		CHECK(strstr(in.err, "trailing garbage after gzip data at byte") != NULL);
		CHECK(sl_input_read(&in, (char[4]){0}, 4) == -1);
		sl_input_close(&in);
		b_free(&got);
		free(p);
		/* zeros then garbage */
		c.n = gb.n;
		b_add(&c, "\0\0\0x", 4);
		p = write_file("padgarbage.gz", c.p, c.n);
		CHECK(sl_input_open(&in, p) == 0);
		r = read_all(&in, 65536, &got, NULL);
		CHECK(r == -1 && got.n == b.n);
		{
			char w[128];
			snprintf(w, sizeof w, "trailing garbage after gzip data at byte %zu", gb.n + 3);
			CHECK_STR(in.err, w);
		}
		sl_input_close(&in);
		b_free(&got);
		free(p);
		/* a member followed by the first byte of another */
		c.n = gb.n;
		b_add(&c, "\x1f", 1);
		p = write_file("halfmagic.gz", c.p, c.n);
		CHECK(sl_input_open(&in, p) == 0);
		r = read_all(&in, 65536, &got, NULL);
		CHECK(r == -1 && got.n == b.n);
		CHECK(strstr(in.err, "truncated gzip data") != NULL);
		sl_input_close(&in);
		b_free(&got);
		free(p);
		b_free(&c);
	}

	b_free(&a);
	b_free(&b);
	b_free(&ga);
	b_free(&gb);
	b_free(&gempty);
	b_free(&cat);
	b_free(&want);
}

static void test_gzip_errors(void)
{
	struct bytes a = sample(2u << 20, 3), ga = gz(a.p, a.n, 6), got = {NULL, 0, 0};
	struct sl_input in;
	char want[128];
	size_t cut = ga.n / 2;
	char *p;
	long r;

	/* truncated in the middle: earlier bytes delivered (a correct prefix), then -1 */
	p = write_file("trunc.gz", ga.p, cut);
	CHECK(sl_input_open(&in, p) == 0);
	r = read_all(&in, 1u << 20, &got, NULL);
	CHECK(r == -1);
	CHECK(got.n > 0 && got.n < a.n && memcmp(got.p, a.p, got.n) == 0);
	CHECK(got.n > a.n / 4);
	snprintf(want, sizeof want, "truncated gzip data at byte %zu (compressed)", cut);
	CHECK_STR(in.err, want);
	CHECK(in.out_bytes == got.n);
	CHECK(sl_input_read(&in, (char[8]){0}, 8) == -1);
	sl_input_close(&in);
	b_free(&got);
	free(p);

	/* cut in the trailer (CRC/length missing): every byte delivered, then -1 */
	snprintf(want, sizeof want, "truncated gzip data at byte %zu (compressed)", ga.n - 4);
	read_fails("trunc8.gz", ga.p, ga.n - 4, a.p, a.n, want);
	/* only the magic */
	read_fails("magic.gz", "\x1f\x8b", 2, "", 0, "truncated gzip data at byte 2 (compressed)");

	/* wrong CRC: all data, then the trailer's offset */
	{
		struct bytes c = {NULL, 0, 0};
		b_add(&c, ga.p, ga.n);
		c.p[c.n - 8] ^= 0xff;
		snprintf(want, sizeof want, "corrupt gzip data at byte %zu: CRC-32 mismatch", ga.n - 8);
		read_fails("crc.gz", c.p, c.n, a.p, a.n, want);
		/* wrong length (ISIZE) */
		memcpy(c.p, ga.p, ga.n);
		c.p[c.n - 1] ^= 0x01;
		snprintf(want, sizeof want, "corrupt gzip data at byte %zu: length mismatch", ga.n - 4);
		read_fails("isize.gz", c.p, c.n, a.p, a.n, want);
		/* bad compression method in the header */
		memcpy(c.p, ga.p, ga.n);
		c.p[2] = 7;
		read_fails("method.gz", c.p, c.n, "", 0, "corrupt gzip data at byte 2: unknown compression method");
		/* judged even when the header is cut short after it */
		read_fails("method3.gz", "\x1f\x8b\x07", 3, "", 0,
		           "corrupt gzip data at byte 2: unknown compression method");
		/* reserved flag bits */
		memcpy(c.p, ga.p, ga.n);
		c.p[3] |= 0x20;
		read_fails("flags.gz", c.p, c.n, "", 0, "corrupt gzip data at byte 3: reserved header flags set");
		/* garbage in the deflate body: reported with the member, wherever it is noticed */
		memcpy(c.p, ga.p, ga.n);
		memset(c.p + ga.n / 3, 0xff, 64);
		p = write_file("body.gz", c.p, c.n);
		CHECK(sl_input_open(&in, p) == 0);
		r = read_all(&in, 1u << 20, &got, NULL);
		/* damaged deflate data may decode to wrong bytes before the inflater notices, or
		 * even decode to the end (these 64 bytes do, with both inflaters) */
		CHECK(r == -1 && got.n > 0 && memcmp(got.p, a.p, ga.n / 3) == 0);
		snprintf(want, sizeof want, "corrupt gzip data at byte %zu: CRC-32 mismatch", ga.n - 8);
		CHECK(strcmp(in.err, want) == 0 ||
		      strcmp(in.err, "corrupt gzip data: invalid deflate data in the member starting at byte 0") == 0);
		sl_input_close(&in);
		b_free(&got);
		free(p);
		/* an invalid block type (3) in the first block header */
		memcpy(c.p, ga.p, ga.n);
		c.p[10] |= 6;
		read_fails("btype.gz", c.p, c.n, "", 0,
		           "corrupt gzip data: invalid deflate data in the member starting at byte 0");
		/* the same damage in a second member: that member's offset */
		{
			struct bytes g2 = gz("first member\n", 13, 6), m = {NULL, 0, 0};
			b_add(&m, g2.p, g2.n);
			b_add(&m, c.p, c.n);
			snprintf(want, sizeof want,
			         "corrupt gzip data: invalid deflate data in the member starting at byte %zu", g2.n);
			read_fails("body2.gz", m.p, m.n, "first member\n", 13, want);
			b_free(&g2);
			b_free(&m);
		}
		b_free(&c);
	}
	b_free(&a);
	b_free(&ga);
}

/* gzip headers with the optional fields (RFC 1952): extra field, name, comment, header CRC. */
static void test_gzip_header(void)
{
	static const char doc[] = "{\"value\":[]}\n";
	struct bytes g = gz(doc, sizeof doc - 1, 6), h = {NULL, 0, 0};
	struct bytes big = sample(300000, 4); /* a name longer than the 256 KiB input buffer */
	unsigned char extra[2 + 600];
	uLong crc;
	size_t i, hcrc_at;
	char *p, want[128];

	memcpy(extra, "\x58\x02", 2); /* XLEN = 600 */
	for (i = 0; i < 600; i++)
		extra[2 + i] = (unsigned char)i;
	for (i = 0; i < big.n; i++)
		if (big.p[i] == '\n')
			big.p[i] = 'n';
	b_add(&h, g.p, 10);
	h.p[3] = 4 | 8 | 16 | 2; /* FEXTRA FNAME FCOMMENT FHCRC */
	b_add(&h, extra, sizeof extra);
	b_add(&h, big.p, big.n);
	b_add(&h, "", 1);
	b_add(&h, "a comment", 10);
	crc = crc32(0L, h.p, (uInt)h.n);
	hcrc_at = h.n;
	b_add(&h, (unsigned char[2]){(unsigned char)crc, (unsigned char)(crc >> 8)}, 2);
	b_add(&h, g.p + 10, g.n - 10);
	p = write_file("fields.json.gz", h.p, h.n);
	CHECK(roundtrip(p, 1, doc, sizeof doc - 1));
	CHECK(roundtrip(p, 4096, doc, sizeof doc - 1));
	free(p);
	/* a wrong header CRC */
	h.p[hcrc_at] ^= 1;
	snprintf(want, sizeof want, "corrupt gzip data at byte %zu: header CRC mismatch", hcrc_at);
	read_fails("hcrc.json.gz", h.p, h.n, "", 0, want);
	/* cut inside the name */
	snprintf(want, sizeof want, "truncated gzip data at byte %zu (compressed)", 10 + sizeof extra + 1000);
	read_fails("cutname.json.gz", h.p, 10 + sizeof extra + 1000, "", 0, want);
	/* cut inside the extra field */
	read_fails("cutextra.json.gz", h.p, 10 + 300, "", 0, "truncated gzip data at byte 310 (compressed)");
	b_free(&g);
	b_free(&h);
	b_free(&big);
}

/* The inflater alone, fed a few bytes at a time and given little room: the stream's end is
 * found exactly, even when the look-ahead it gives back was taken in an earlier call. */
static void test_inflate_slices(void)
{
	struct bytes a = sample(200000, 5), ga = gz(a.p, a.n, 6), s = gz("x", 1, 6);
	size_t ins[] = {1, 2, 3, 7, 13, 64, 4096, 1u << 20}, outs[] = {1, 3, 100, 65536, 1u << 20};
	struct bytes raws[2] = {ga, s}, plains[2] = {a, {(unsigned char *)"x", 1, 1}};
	unsigned char *out = sl_xmalloc(a.n + 16);
	size_t ii, oi, k;
	for (k = 0; k < 2; k++) {
		/* the deflate data of the member, then its trailer (as the framing sees it) */
		const unsigned char *def = raws[k].p + 10;
		size_t dlen = raws[k].n - 18;
		for (ii = 0; ii < sizeof ins / sizeof ins[0]; ii++)
			for (oi = 0; oi < sizeof outs / sizeof outs[0]; oi++) {
				struct sl_inflate *f = sl_inflate_new();
				size_t pos = 0, made_all = 0;
				enum sl_inflate_ret r = SL_INF_MORE;
				int calls = 0;
				sl_inflate_reset(f);
				while (r == SL_INF_MORE && calls++ < 10000000) {
					size_t left = raws[k].n - 10 - pos, take = left < ins[ii] ? left : ins[ii];
					size_t room = plains[k].n + 16 - made_all, made;
					long used;
					if (room > outs[oi])
						room = outs[oi];
					r = sl_inflate_run(f, def + pos, take, &used, out + made_all, room, &made);
					pos = (size_t)((long)pos + used);
					made_all += made;
				}
				CHECK(r == SL_INF_END);
				CHECK(pos == dlen);
				CHECK(made_all == plains[k].n && memcmp(out, plains[k].p, made_all) == 0);
				CHECK(sl_inflate_crc(f) == crc32(0L, plains[k].p, (uInt)plains[k].n));
				sl_inflate_free(f);
			}
	}
	free(out);
	b_free(&a);
	b_free(&ga);
	b_free(&s);
}

static void test_gzip_bom(void)
{
	static const char doc[] = "\xef\xbb\xbf{\"value\":[]}\n";
	struct bytes g = gz(doc, sizeof doc - 1, 6), c = {NULL, 0, 0};
	struct bytes m1 = gz("\xef", 1, 6), m2 = gz("\xbb\xbf[1]", 5, 6);
	char *p = write_file("bom.json.gz", g.p, g.n);
	CHECK(roundtrip(p, 1, "{\"value\":[]}\n", 13));
	CHECK(roundtrip(p, 2, "{\"value\":[]}\n", 13));
	CHECK(roundtrip(p, 4096, "{\"value\":[]}\n", 13));
	free(p);
	/* BOM split across two gzip members is still the start of the decoded stream */
	b_add(&c, m1.p, m1.n);
	b_add(&c, m2.p, m2.n);
	p = write_file("bomsplit.gz", c.p, c.n);
	CHECK(roundtrip(p, 1, "[1]", 3));
	CHECK(roundtrip(p, 100, "[1]", 3));
	free(p);
	/* truncated right after the first decoded bytes: they are delivered before -1 */
	{
		struct sl_input in;
		struct bytes got = {NULL, 0, 0};
		c.n = 0;
		b_add(&c, m1.p, m1.n);
		b_add(&c, m2.p, 4); /* header of member 2 cut short */
		p = write_file("bomtrunc.gz", c.p, c.n);
		CHECK(sl_input_open(&in, p) == 0);
		CHECK(read_all(&in, 1, &got, NULL) == -1);
		CHECK(got.n == 1 && got.p[0] == 0xef);
		CHECK(strstr(in.err, "truncated gzip data") != NULL);
		sl_input_close(&in);
		b_free(&got);
		free(p);
	}
	b_free(&g);
	b_free(&c);
	b_free(&m1);
	b_free(&m2);
}

static void test_open_errors(void)
{
	struct sl_input in;
	char *p = path_of("does-not-exist");
	CHECK(sl_input_open(&in, p) == -1);
	CHECK_STR(in.err, strerror(ENOENT));
	CHECK(sl_input_read(&in, (char[4]){0}, 4) == -1);
	sl_input_close(&in);
	free(p);
	CHECK(sl_input_open(&in, tmpdir) == -1);
	CHECK_STR(in.err, strerror(EISDIR));
	sl_input_close(&in);
}

/* stdin through a pipe, fed by a child that writes the gzip data a byte at a time at first. */
static void test_stdin(void)
{
	static const char doc[] = "\xef\xbb\xbf" "Date (UTC),Status\n2024-07-23T15:19:52Z,Success\n";
	struct bytes g = gz(doc, sizeof doc - 1, 6), got = {NULL, 0, 0};
	struct sl_input in;
	int fds[2], saved = dup(0), st = 0;
	pid_t pid;
	fflush(NULL);
	if (pipe(fds) != 0 || saved < 0)
		exit(2);
	pid = fork();
	if (pid == 0) {
		size_t i;
		close(fds[0]);
		for (i = 0; i < g.n; i++) {
			if (write(fds[1], g.p + i, 1) != 1)
				_exit(1);
			if (i < 4)
				usleep(2000);
		}
		_exit(0);
	}
	close(fds[1]);
	dup2(fds[0], 0);
	close(fds[0]);
	CHECK(sl_input_open(&in, "-") == 0);
	CHECK_STR(in.name, "(stdin)");
	CHECK(in.gzip == 1 && in.raw_size == 0);
	CHECK(read_all(&in, 1u << 20, &got, NULL) == 0);
	CHECK(got.n == sizeof doc - 4 && memcmp(got.p, doc + 3, got.n) == 0);
	CHECK(in.raw_bytes == g.n);
	sl_input_close(&in);
	CHECK(fcntl(0, F_GETFD) != -1); /* stdin not closed */
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	dup2(saved, 0);
	close(saved);
	b_free(&g);
	b_free(&got);
}

/* Several members through a pipe, written 7 bytes at a time: reads end anywhere, inside
 * headers and trailers too, and the inflater's given-back look-ahead spans reads. */
static void test_stdin_pieces(void)
{
	struct bytes a = sample(20000, 6), ga = gz(a.p, a.n, 6), gb = gz("tail\n", 5, 1),
		     ge = gz("", 0, 6), cat = {NULL, 0, 0}, want = {NULL, 0, 0}, got = {NULL, 0, 0};
	struct sl_input in;
	int fds[2], saved = dup(0), st = 0;
	pid_t pid;
	b_add(&cat, ga.p, ga.n);
	b_add(&cat, ge.p, ge.n);
	b_add(&cat, gb.p, gb.n);
	b_add(&cat, ga.p, ga.n);
	b_add(&cat, "\0\0\0", 3);
	b_add(&want, a.p, a.n);
	b_add(&want, "tail\n", 5);
	b_add(&want, a.p, a.n);
	fflush(NULL);
	if (pipe(fds) != 0 || saved < 0)
		exit(2);
	pid = fork();
	if (pid == 0) {
		size_t i;
		close(fds[0]);
		for (i = 0; i < cat.n; i += 7) {
			size_t k = cat.n - i < 7 ? cat.n - i : 7;
			if (write(fds[1], cat.p + i, k) != (ssize_t)k)
				_exit(1);
			usleep(20);
		}
		_exit(0);
	}
	close(fds[1]);
	dup2(fds[0], 0);
	close(fds[0]);
	CHECK(sl_input_open(&in, "-") == 0 && in.gzip == 1);
	CHECK(read_all(&in, 65536, &got, NULL) == 0);
	CHECK(got.n == want.n && memcmp(got.p, want.p, want.n) == 0);
	CHECK(in.raw_bytes == cat.n);
	sl_input_close(&in);
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	dup2(saved, 0);
	close(saved);
	b_free(&a);
	b_free(&ga);
	b_free(&gb);
	b_free(&ge);
	b_free(&cat);
	b_free(&want);
	b_free(&got);
}

static void mk(const char *name)
{
	char *p = path_of(name);
	if (mkdir(p, 0755) != 0) {
		perror(p);
		exit(2);
	}
	free(p);
}

static void test_paths(void)
{
	struct sl_paths ps = {0};
	char *d = path_of("tree"), *f, *s1, *s2, *s3, *s4, *err_path = path_of("stderr.txt");
	char *args[8];
	char want[16][512], line[1024];
	int errors = 0, saved, fd, n = 0, i;
	FILE *ef;

	mk("tree");
	mk("tree/sub");
	mk("tree/sub/deeper");
	mk("tree/.git");
	mk("tree/sub/.cache");
	free(write_file("tree/b.json", "[]", 2));
	free(write_file("tree/a.csv", "a,b\n", 4));
	free(write_file("tree/.hidden.json", "[]", 2));
	free(write_file("tree/sub/c.json.gz", "x", 1));
	free(write_file("tree/sub/deeper/A.json", "x", 1));
	free(write_file("tree/.git/config", "x", 1));
	free(write_file("tree/sub/.cache/x.json", "x", 1));
	free(write_file("outside.json", "{}", 2));
	free(write_file("tree/README.md", "# notes\n", 8));
	mk("other");
	free(write_file("other/o.json", "[]", 2));
	s1 = path_of("tree/link.json");
	s2 = path_of("tree/linkdir");
	s3 = path_of("tree/dangling.json");
	s4 = path_of("tree/fifo");
	char *s5 = path_of("tree/sub/otherlink"), *other = path_of("other");
	f = path_of("outside.json");
	CHECK(symlink(f, s1) == 0);
	CHECK(symlink(d, s2) == 0); /* a loop: read once, with a note */
	CHECK(symlink("/nonexistent/nowhere", s3) == 0);
	CHECK(mkfifo(s4, 0644) == 0);
	CHECK(symlink(other, s5) == 0); /* a linked directory is followed */

	args[0] = f;
	args[1] = d;
	args[2] = (char *)"-";
	args[3] = path_of("missing.json");
	args[4] = f; /* duplicate */
	args[5] = path_of("tree/a.csv"); /* duplicate via the directory */

	fflush(stderr);
	saved = dup(2);
	fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	dup2(fd, 2);
	close(fd);
	sl_paths_expand(&ps, args, 6, &errors);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);

	snprintf(want[n++], sizeof want[0], "-");
	snprintf(want[n++], sizeof want[0], "%s/outside.json", tmpdir);
	snprintf(want[n++], sizeof want[0], "%s/tree/a.csv", tmpdir);
	snprintf(want[n++], sizeof want[0], "%s/tree/b.json", tmpdir);
	snprintf(want[n++], sizeof want[0], "%s/tree/link.json", tmpdir);
	snprintf(want[n++], sizeof want[0], "%s/tree/sub/c.json.gz", tmpdir);
	snprintf(want[n++], sizeof want[0], "%s/tree/sub/deeper/A.json", tmpdir);
	snprintf(want[n++], sizeof want[0], "%s/tree/sub/otherlink/o.json", tmpdir);
	CHECK(errors == 2);
	CHECK(ps.n == (size_t)n);
	for (i = 0; i < n && (size_t)i < ps.n; i++)
		CHECK_STR(ps.v[i], want[i]);

	ef = fopen(err_path, "r");
	CHECK(ef != NULL);
	if (ef) {
		char e1[600], e2[600];
		int seen1 = 0, seen2 = 0, lines = 0;
		snprintf(e1, sizeof e1, "signlog: %s: error: %s\n", args[3], strerror(ENOENT));
		snprintf(e2, sizeof e2, "signlog: %s: error: %s\n", s3, strerror(ENOENT));
		int notes = 0;
		while (fgets(line, sizeof line, ef)) {
			if (strstr(line, ": note: skipped, ")) {
				/* the loop, the FIFO and README.md, each once */
				notes++;
				continue;
			}
			lines++;
			seen1 += strcmp(line, e1) == 0;
			seen2 += strcmp(line, e2) == 0;
		}
		fclose(ef);
		CHECK(lines == 2 && seen1 == 1 && seen2 == 1);
		CHECK(notes == 3);
	}
	sl_paths_free(&ps);
	CHECK(ps.v == NULL && ps.n == 0);

	/* order of arguments does not matter; trailing slash joins cleanly */
	{
		struct sl_paths q = {0};
		char *sub = path_of("tree/sub/"), *b = path_of("tree/b.json");
		char *a2[2] = {sub, b};
		char w0[512], w1[512];
		errors = 0;
		sl_paths_expand(&q, a2, 2, &errors);
		snprintf(w0, sizeof w0, "%s/tree/b.json", tmpdir);
		snprintf(w1, sizeof w1, "%s/tree/sub/c.json.gz", tmpdir);
		CHECK(errors == 0 && q.n == 4); /* and sub/otherlink/o.json */
		if (q.n == 4) {
			CHECK_STR(q.v[0], w0);
			CHECK_STR(q.v[1], w1);
		}
		sl_paths_free(&q);
		free(sub);
		free(b);
	}

	/* explicitly named hidden file and FIFO are kept */
	{
		struct sl_paths q = {0};
		char *h = path_of("tree/.hidden.json");
		char *a3[2] = {s4, h};
		errors = 0;
		sl_paths_expand(&q, a3, 2, &errors);
		CHECK(errors == 0 && q.n == 2);
		if (q.n == 2) {
			CHECK_STR(q.v[0], h);
			CHECK_STR(q.v[1], s4);
		}
		sl_paths_free(&q);
		free(h);
	}

	/* unreadable file and directory (meaningless as root) */
	if (geteuid() != 0) {
		struct sl_paths q = {0};
		char *u = path_of("tree/a.csv"), *ud = path_of("tree/sub");
		char *a4[1] = {d};
		chmod(u, 0);
		chmod(ud, 0);
		errors = 0;
		fflush(stderr);
		saved = dup(2);
		fd = open("/dev/null", O_WRONLY);
		dup2(fd, 2);
		close(fd);
		sl_paths_expand(&q, a4, 1, &errors);
		fflush(stderr);
		dup2(saved, 2);
		close(saved);
		CHECK(errors == 3); /* a.csv, sub, dangling.json */
		CHECK(q.n == 2);    /* b.json, link.json */
		chmod(u, 0644);
		chmod(ud, 0755);
		sl_paths_free(&q);
		free(u);
		free(ud);
	} else {
		printf("unit_input: running as root, unreadable-path checks skipped\n");
	}

	free(d);
	free(f);
	free(s1);
	free(s2);
	free(s3);
	free(s4);
	free(s5);
	free(other);
	free(args[3]);
	free(args[5]);
	free(err_path);
}

/* A plain file maps (its bytes after the BOM, the same as reading gives); gzip, an empty file
 * and standard input do not. */
static void test_map(void)
{
	struct sl_input in;
	struct sl_map m;
	char *p = write_file("map.csv", "\xef\xbb\xbf" "a,b\n1,2\n", 11);
	CHECK(sl_input_open(&in, p) == 0);
	CHECK(sl_input_map(&in, &m) == 0);
	CHECK(m.len == 8 && memcmp(m.data, "a,b\n1,2\n", 8) == 0);
	sl_map_drop(&m, m.len);
	CHECK(memcmp(m.data, "a,b\n1,2\n", 8) == 0); /* dropped pages read back from the file */
	sl_unmap(&m);
	CHECK(m.data == NULL && m.len == 0);
	sl_input_close(&in);
	free(p);
	p = write_file("map-empty", "", 0);
	CHECK(sl_input_open(&in, p) == 0);
	CHECK(sl_input_map(&in, &m) == -1);
	sl_input_close(&in);
	free(p);
	struct bytes g = gz("a,b\n", 4, 6);
	p = write_file("map.csv.gz", g.p, g.n);
	CHECK(sl_input_open(&in, p) == 0);
	CHECK(sl_input_map(&in, &m) == -1);
	sl_input_close(&in);
	free(p);
	free(g.p);
	CHECK(sl_input_open(&in, "-") == 0);
	CHECK(sl_input_map(&in, &m) == -1);
	sl_input_close(&in);
}

/* Names of notes next to the evidence, and sizes for --max-bytes. */
static void test_names(void)
{
	static const char *const notes[] = { "README", "readme.txt", "SOURCES.md", "collect.ps1", "hashes.sha256",
	                                     "SHA256SUMS", "report.PDF", "LICENSE" };
	static const char *const exports[] = { "InteractiveSignIns_2026-03-01_2026-03-21.csv", "signins.json",
	                                       "PT1H.json", "a.jsonl.gz", "notes.txt", "hashes.csv" };
	uint64_t v;
	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
		CHECK(sl_path_is_notes(notes[i]));
	for (size_t i = 0; i < sizeof exports / sizeof exports[0]; i++)
		CHECK(!sl_path_is_notes(exports[i]));
	CHECK(sl_size_parse("512", &v) == 0 && v == 512);
	CHECK(sl_size_parse("4K", &v) == 0 && v == 4096);
	CHECK(sl_size_parse("2g", &v) == 0 && v == (uint64_t)2 << 30);
	CHECK(sl_size_parse("0", &v) == 0 && v == 0);
	CHECK(sl_size_parse("-1", &v) != 0 && sl_size_parse("1X", &v) != 0 && sl_size_parse("M", &v) != 0);
	CHECK(sl_path_rereadable("-") == 0);
}

int main(void)
{
	char cmd[600];
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 2;
	}
	test_plain();
	test_bom();
	test_gzip();
	test_gzip_errors();
	test_gzip_header();
	test_inflate_slices();
	test_gzip_bom();
	test_open_errors();
	test_stdin();
	test_stdin_pieces();
	test_paths();
	test_map();
	test_names();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "unit_input: could not remove %s\n", tmpdir);
	return unit_done();
}
