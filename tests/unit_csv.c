/* unit_csv.c — the CSV record splitter and the fast cell splitter must read every input
 * exactly as libcsv (lax mode, no space trimming) does; plus direct checks of the header,
 * the delimiter guess, Location, Status and the day/month order of dates. */
#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "field.h"
#include "read_csv.h"
#include "read_json.h"
#include "row.h"
#include "sltime.h"
#include "unit.h"

/* The 57 titles of an InteractiveSignIns portal download (bitpusher2k e2e4ed0, 2026-04-29). */
static const char HEADER[] =
	"\"Date (UTC)\",\"Request ID\",\"User agent\",\"Correlation ID\",\"User ID\",\"User\",\"Username\","
	"\"User type\",\"Cross tenant access type\",\"Incoming token type\",\"Authentication Protocol\","
	"\"Unique token identifier\",\"Original transfer method\",\"Client credential type\","
	"\"Token Protection - Sign In Session\",\"Token Protection - Sign In Session StatusCode\","
	"\"Application\",\"Application ID \",\"App owner tenant ID\",\"Resource\",\"Resource ID \","
	"\"Resource tenant ID\",\"Resource owner tenant ID\",\"Home tenant ID\",\"Home tenant name\","
	"\"IP address\",\"Location\",\"Status\",\"Sign-in error code\",\"Failure reason\",\"Client app\","
	"\"Device ID\",\"Browser\",\"Operating System\",\"Compliant\",\"Managed\",\"Join Type\","
	"\"Multifactor authentication result\",\"Multifactor authentication auth method\","
	"\"Multifactor authentication auth detail\",\"Authentication requirement\",\"Sign-in identifier\","
	"\"Session ID\",\"IP address (seen by resource)\",\"Through Global Secure Access\","
	"\"Global Secure Access IP address\",\"Autonomous system  number\",\"Flagged for review\","
	"\"Token issuer type\",\"Incoming token type\",\"Token issuer name\",\"Latency\","
	"\"Conditional Access\",\"Managed Identity type\",\"Associated Resource Id\",\"Federated Token Id\","
	"\"Federated Token Issuer\"";

/* Rows in the portal's spelling (every cell quoted), as testdata/csv/portal writes them. */
static const char *const ROWS[] = {
	"\"2026-03-13T19:04:33Z\",\"5e1a0008-001d-4008-8008-002026030008\",\"Mozilla/5.0 (Macintosh; Intel Mac "
	"OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15\","
	"\"5e1a0008-00c0-4008-8008-002026030008\",\"0a1b2c3d-3333-4a5b-8c9d-000000000003\",\"Carol D\xc3\xad"
	"az\",\"carol.diaz@contoso.com\",\"Member\",\"None\",\"None\",\"None\",\"dGVzdC10b2tlbi00008\",\"\","
	"\"None\",\"\",\"\",\"Azure Portal\",\"c44b4083-3bb0-49c1-b47d-974e53cbdf3c\",\"\",\"Windows Azure "
	"Service Management API\",\"797f4846-ba00-4fd7-ba43-dac1f8f63013\",\"6f2c1a4e-8b3d-4e5f-9a1b-2c3d4e5f6a7b\","
	"\"\",\"6f2c1a4e-8b3d-4e5f-9a1b-2c3d4e5f6a7b\",\"\",\"198.51.100.21\",\"Redmond, Washington, US\","
	"\"Interrupted\",\"50140\",\"This error occurred due to 'Keep me signed in' interrupt when the user was "
	"signing-in.\",\"Browser\",\"\",\"Safari 17.3\",\"MacOs\",\"False\",\"False\",\"\",\"\",\"\",\"\","
	"\"Single-factor authentication\",\"\",\"\",\"\",\"\",\"\",\"\",\"False\",\"Azure AD\",\"None\",\"\","
	"\"\",\"Success\",\"\",\"\",\"\",\"\"",

	"\"2026-03-11T07:55:42Z\",\"5e1a0007-001d-4007-8007-002026030007\",\"Mozilla/5.0 (Windows NT 10.0; Win64; "
	"x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.0.0\","
	"\"5e1a0007-00c0-4007-8007-002026030007\",\"0a1b2c3d-4444-4a5b-8c9d-000000000004\",\"Dave Kim\","
	"\"dave.kim@contoso.com\",\"Member\",\"None\",\"None\",\"None\",\"dGVzdC10b2tlbi00007\",\"\",\"None\","
	"\"\",\"\",\"Microsoft Teams\",\"1fec8e78-bce4-4aaf-ab1b-5451cc387264\",\"\",\"Office 365 Exchange "
	"Online\",\"00000002-0000-0ff1-ce00-000000000000\",\"6f2c1a4e-8b3d-4e5f-9a1b-2c3d4e5f6a7b\",\"\","
	"\"6f2c1a4e-8b3d-4e5f-9a1b-2c3d4e5f6a7b\",\"\",\"192.0.2.77\",\"Amsterdam, Noord-Holland, NL\","
	"\"Interrupted\",\"50074\",\"Strong Authentication is required.\",\"Browser\",\"\",\"Edge 122.0.0\","
	"\"Windows 10\",\"False\",\"False\",\"\",\"\",\"\",\"\",\"Multifactor authentication\",\"\",\"\",\"\","
	"\"\",\"\",\"\",\"False\",\"Azure AD\",\"None\",\"\",\"\",\"Success\",\"\",\"\",\"\",\"\"",

	"\"2026-03-09T16:20:00Z\",\"5e1a0006-001d-4006-8006-002026030006\",\"Mozilla/5.0 (Windows NT 10.0; Win64; "
	"x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.0.0\","
	"\"5e1a0006-00c0-4006-8006-002026030006\",\"0a1b2c3d-2222-4a5b-8c9d-000000000002\",\"Bob Jones\","
	"\"bob.jones@contoso.com\",\"Member\",\"None\",\"None\",\"None\",\"dGVzdC10b2tlbi00006\",\"\",\"None\","
	"\"\",\"\",\"Azure Portal\",\"C44B4083-3BB0-49C1-B47D-974E53CBDF3C\",\"\",\"Office 365 Exchange Online\","
	"\"00000002-0000-0ff1-ce00-000000000000\",\"6f2c1a4e-8b3d-4e5f-9a1b-2c3d4e5f6a7b\",\"\","
	"\"6f2c1a4e-8b3d-4e5f-9a1b-2c3d4e5f6a7b\",\"\",\"198.51.100.20\",\"Seattle, Washington, US\",\"Failure\","
	"\"53003\",\"Access has been blocked by Conditional Access policies. The access policy does not allow "
	"token issuance.\",\"Browser\",\"\",\"Edge 122.0.0\",\"Windows 10\",\"False\",\"False\",\"\",\"\",\"\","
	"\"\",\"Single-factor authentication\",\"\",\"\",\"\",\"\",\"\",\"\",\"False\",\"Azure AD\",\"None\","
	"\"\",\"\",\"Failure\",\"\",\"\",\"\",\"\"",

	/* a success: blank error code */
	"\"2026-03-14T08:00:00Z\",\"5e1a0009-001d-4009-8009-002026030009\",\"Mozilla/5.0 \"\"quoted\"\" agent\","
	"\"5e1a0009-00c0-4009-8009-002026030009\",\"0a1b2c3d-2222-4a5b-8c9d-000000000002\",\"Bob Jones\","
	"\"bob.jones@contoso.com\",\"Member\",\"None\",\"None\",\"None\",\"dGVzdC10b2tlbi00009\",\"\",\"None\","
	"\"\",\"\",\"Azure Portal\",\"c44b4083-3bb0-49c1-b47d-974e53cbdf3c\",\"\",\"Office 365 Exchange Online\","
	"\"00000002-0000-0ff1-ce00-000000000000\",\"6f2c1a4e-8b3d-4e5f-9a1b-2c3d4e5f6a7b\",\"\","
	"\"6f2c1a4e-8b3d-4e5f-9a1b-2c3d4e5f6a7b\",\"\",\"198.51.100.20\",\"M\xc3\xbcnchen, Bayern, DE\",\"Success\","
	"\"\",\"\",\"Mobile Apps and Desktop clients\",\"\",\"\",\"Windows 10\",\"True\",\"True\",\"Hybrid Azure AD "
	"joined\",\"\",\"\",\"\",\"Multifactor authentication\",\"\",\"\",\"\",\"\",\"\",\"\",\"False\",\"Azure AD\","
	"\"None\",\"\",\"\",\"Success\",\"\",\"\",\"\",\"\"",
};
#define NROWS (sizeof ROWS / sizeof ROWS[0])

/* ---- helpers --------------------------------------------------------------------------- */

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 32);
}

static size_t rndn(size_t n)
{
	return n ? (size_t)rnd() % n : 0;
}

struct bbuf {
	char *p;
	size_t n, cap;
};

static void bb_put(struct bbuf *b, const void *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	if (n)
		memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void bb_puts(struct bbuf *b, const char *s)
{
	bb_put(b, s, strlen(s));
}

static void bb_num(struct bbuf *b, uint64_t v)
{
	char h[32];
	int k = snprintf(h, sizeof h, "%llu:", (unsigned long long)v);
	bb_put(b, h, (size_t)k);
}

static int bb_eq(const struct bbuf *a, const struct bbuf *b)
{
	return a->n == b->n && (!a->n || memcmp(a->p, b->p, a->n) == 0);
}

/* Print bytes as a C string literal (octal escapes: no ambiguity with following digits). */
static void show(const char *what, const char *s, size_t n)
{
	fprintf(stderr, "%s (%zu bytes): \"", what, n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(stderr, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", stderr);
		else if (c == '\r')
			fputs("\\r", stderr);
		else if (c == '\t')
			fputs("\\t", stderr);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(stderr, "\\%03o", c);
		else
			fputc(c, stderr);
	}
	fputs("\"\n", stderr);
}

static const char *delim_name(char d)
{
	return d == '\t' ? "TAB" : d == ';' ? ";" : ",";
}

/* Greedy shrinking: drop runs of bytes while the input still fails. */
typedef int (*fails_fn)(const char *s, size_t n, void *ctx);
static size_t minimize(char *s, size_t n, fails_fn fails, void *ctx)
{
	static const size_t runs[] = { 512, 128, 32, 8, 2, 1 };
	char *tmp = malloc(n + 1);
	for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
		size_t k = runs[r];
		for (int again = 1; again;) {
			again = 0;
			for (size_t i = 0; i + k <= n;) {
				memcpy(tmp, s, i);
				memcpy(tmp + i, s + i + k, n - i - k);
				if (fails(tmp, n - k, ctx)) {
					memcpy(s, tmp, n - k);
					n -= k;
					again = 1;
				} else {
					i++;
				}
			}
		}
	}
	free(tmp);
	return n;
}

/* ---- libcsv, the reference ---------------------------------------------------------------- */

static struct csv_parser ref;

static int ref_space(unsigned char c)
{
	(void)c;
	return 0;
}

struct refout {
	struct bbuf *b;
	size_t rows;
};

static void ref_cell(void *s, size_t n, void *data)
{
	struct refout *o = data;
	bb_num(o->b, n);
	bb_put(o->b, s, n);
}

static void ref_row(int c, void *data)
{
	struct refout *o = data;
	(void)c;
	bb_put(o->b, "|", 1);
	o->rows++;
}

/* libcsv over buf (csv_parse + csv_fini): rows appended to out as "len:bytes" cells and '|'.
 * *open: the input ended inside a quoted cell (libcsv.c: pstate FIELD_BEGUN == 2, quoted). */
static size_t ref_parse(const char *buf, size_t len, char delim, struct bbuf *out, int *open)
{
	struct refout o = { out, 0 };
	csv_set_delim(&ref, (unsigned char)delim);
	if (csv_parse(&ref, buf, len, ref_cell, ref_row, &o) != len) {
		fprintf(stderr, "libcsv: %s\n", csv_strerror(csv_error(&ref)));
		abort();
	}
	if (open)
		*open = ref.pstate == 2 && ref.quoted;
	csv_fini(&ref, ref_cell, ref_row, &o);
	return o.rows;
}

/* Cells of one line (libcsv), each a malloc'd string. */
struct cells {
	char *v[128];
	size_t n;
};

static void cells_cb(void *s, size_t n, void *data)
{
	struct cells *c = data;
	if (c->n < 128) {
		c->v[c->n] = malloc(n + 1);
		memcpy(c->v[c->n], s, n);
		c->v[c->n][n] = '\0';
		c->n++;
	}
}

static void cells_of(const char *line, char delim, struct cells *c)
{
	c->n = 0;
	csv_set_delim(&ref, (unsigned char)delim);
	csv_parse(&ref, line, strlen(line), cells_cb, NULL, c);
	csv_fini(&ref, cells_cb, NULL, c);
}

static void cells_free(struct cells *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i]);
	c->n = 0;
}

static void cell_set(struct cells *c, size_t i, const char *s)
{
	free(c->v[i]);
	c->v[i] = malloc(strlen(s) + 1);
	strcpy(c->v[i], s);
}

/* Write cells as a record: quote_all, or quote only where the cell needs it. */
static void join(struct bbuf *b, const struct cells *c, char delim, int quote_all)
{
	for (size_t i = 0; i < c->n; i++) {
		const char *s = c->v[i];
		int q = quote_all || strchr(s, delim) || strchr(s, '"') || strchr(s, '\r') || strchr(s, '\n');
		if (i)
			bb_put(b, &delim, 1);
		if (q)
			bb_put(b, "\"", 1);
		for (; *s; s++) {
			if (*s == '"')
				bb_put(b, "\"", 1);
			bb_put(b, s, 1);
		}
		if (q)
			bb_put(b, "\"", 1);
	}
}

/* A line re-spelled with another delimiter and quoting. */
static void respell(struct bbuf *b, const char *line, char delim, int quote_all)
{
	struct cells c;
	cells_of(line, ',', &c);
	join(b, &c, delim, quote_all);
	cells_free(&c);
}

/* ---- A: the record splitter against libcsv -------------------------------------------------- */

enum { A_ROWS = 1, A_ONEROW = 2, A_LINE = 4, A_EOF = 8, A_CHUNK = 16, A_BOUND = 32, A__N = 6 };
static const char *const a_what[A__N] = {
	"the rows differ from libcsv over the whole buffer",
	"a record is not exactly one libcsv row",
	"wrong line number",
	"wrong at_eof",
	"chunked feeding gives other records than one-shot",
	"a record does not start/end at a line end",
};

static struct sl_doc *dv;
static size_t dn, dcap;
static struct bbuf want_rows, got_rows, one_docs, chunk_docs;

static void doc_put(struct bbuf *b, const char *base, const struct sl_doc *d)
{
	bb_num(b, d->line);
	bb_num(b, (uint64_t)d->at_eof);
	bb_num(b, d->len);
	bb_put(b, base + d->off, d->len);
}

static int is_eol(char c)
{
	return c == '\r' || c == '\n';
}

/* Feed buf in chunks of 1..maxchunk bytes as the ingest does; the docs go to chunk_docs. */
static unsigned chunked(const char *buf, size_t len, char delim, size_t maxchunk, uint64_t seed)
{
	struct sl_cscan s;
	char *w = malloc(len + 1);
	size_t wl = 0, fed = 0;
	int extra = (int)(seed & 1), held = 0;
	unsigned bad = 0;
	chunk_docs.n = 0;
	sl_cscan_init(&s, delim, 1);
	for (;;) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		size_t step = 1 + (size_t)(seed >> 33) % maxchunk;
		if (step > len - fed)
			step = len - fed;
		memcpy(w + wl, buf + fed, step);
		wl += step;
		fed += step;
		/* sometimes the end of input comes as a separate, empty read */
		int eof = fed == len && (!extra || held);
		if (fed == len)
			held = 1;
		dn = 0;
		size_t keep = sl_cscan_feed(&s, w, wl, eof, &dv, &dn, &dcap);
		for (size_t k = 0; k < dn; k++)
			doc_put(&chunk_docs, w, &dv[k]);
		if (eof)
			break;
		if (keep > wl) {
			bad |= A_CHUNK;
			break;
		}
		memmove(w, w + keep, wl - keep);
		wl -= keep;
		sl_cscan_rebase(&s, keep);
	}
	free(w);
	if (!bb_eq(&chunk_docs, &one_docs))
		bad |= A_CHUNK;
	return bad;
}

static unsigned check_split(const char *buf, size_t len, char delim, uint64_t seed)
{
	struct sl_cscan s;
	unsigned bad = 0;
	int open = 0;
	want_rows.n = got_rows.n = one_docs.n = 0;
	ref_parse(buf, len, delim, &want_rows, &open);
	sl_cscan_init(&s, delim, 1);
	dn = 0;
	if (sl_cscan_feed(&s, buf, len, 1, &dv, &dn, &dcap) != len)
		bad |= A_BOUND;
	uint64_t line = 1;
	size_t at = 0;
	for (size_t k = 0; k < dn; k++) {
		const struct sl_doc *d = &dv[k];
		if (d->len == 0 || d->off < at || d->off + d->len > len) {
			bad |= A_BOUND;
			break;
		}
		for (; at < d->off; at++)
			line += buf[at] == '\n';
		if (d->line != line)
			bad |= A_LINE;
		if (is_eol(buf[d->off]) || (d->off && !is_eol(buf[d->off - 1])) ||
		    (d->off + d->len < len && !is_eol(buf[d->off + d->len])))
			bad |= A_BOUND;
		int o = 0;
		if (ref_parse(buf + d->off, d->len, delim, &got_rows, &o) != 1)
			bad |= A_ONEROW;
		if (d->at_eof != (k + 1 == dn && open) || d->at_eof != o)
			bad |= A_EOF;
		doc_put(&one_docs, buf, d);
	}
	if (open && !dn)
		bad |= A_EOF;
	if (!bb_eq(&want_rows, &got_rows))
		bad |= A_ROWS;
	bad |= chunked(buf, len, delim, len <= 300 ? 1 : 13, seed);
	bad |= chunked(buf, len, delim, 1 + (size_t)(seed % 200), seed ^ 0x5555);
	return bad;
}

struct actx {
	char delim;
	unsigned mask;
};

static int a_fails(const char *s, size_t n, void *ctx)
{
	struct actx *c = ctx;
	return (check_split(s, n, c->delim, 77) & c->mask) != 0;
}

static unsigned a_seen;   /* failure kinds already reported with a reproducer */

/* Check one input; on failure print a shrunk reproducer once per kind. */
static unsigned run_split(const char *buf, size_t len, char delim, uint64_t seed)
{
	unsigned bad = check_split(buf, len, delim, seed);
	for (int b = 0; b < A__N; b++) {
		unsigned m = 1u << b;
		if (!(bad & m) || (a_seen & m))
			continue;
		a_seen |= m;
		char *t = malloc(len + 1);
		memcpy(t, buf, len);
		struct actx c = { delim, m };
		size_t n = a_fails(t, len, &c) ? minimize(t, len, a_fails, &c) : len;
		fprintf(stderr, "unit_csv: splitter: %s, delimiter %s\n", a_what[b], delim_name(delim));
		show("  input", t, n);
		check_split(t, n, delim, 77);
		show("  libcsv rows (whole buffer)", want_rows.p ? want_rows.p : "", want_rows.n);
		show("  libcsv rows (per record)  ", got_rows.p ? got_rows.p : "", got_rows.n);
		show("  records (line:at_eof:len:text)", one_docs.p ? one_docs.p : "", one_docs.n);
		free(t);
	}
	return bad;
}

/* Hand-written records with the expected docs spelled out. */
struct acase {
	const char *in;
	char delim;
	const char *docs;    /* "line:at_eof:len:text" ..., as doc_put writes them; NULL: not spelled out */
};

static void split_cases(void)
{
	/* the first line number is the caller's (a preamble was skipped) */
	{
		struct sl_cscan s;
		sl_cscan_init(&s, ',', 5);
		dn = 0;
		CHECK(sl_cscan_feed(&s, "\n\"a\nb\"\r\n\nc", 10, 1, &dv, &dn, &dcap) == 10);
		CHECK(dn == 2 && dv[0].line == 6 && dv[0].off == 1 && dv[0].len == 5 && dv[1].line == 9 && dv[1].off == 9);
	}
	static const struct acase cases[] = {
		{ "a,b\r\nc,d\r\n", ',', "1:0:3:a,b2:0:3:c,d" },
		{ "a,b\nc,d\n", ',', "1:0:3:a,b2:0:3:c,d" },
		{ "a,b\rc,d\r", ',', "1:0:3:a,b1:0:3:c,d" },
		{ "a,b\r\nc,d", ',', "1:0:3:a,b2:0:3:c,d" },
		{ "\"x\ny\",1\n\n\nz", ',', "1:0:7:\"x\ny\",15:0:1:z" },
		{ "\"x\r\ny\",\"\"\"q\"\"\"\r\n2", ',', "1:0:14:\"x\r\ny\",\"\"\"q\"\"\"3:0:1:2" },
		{ "5\" screen,b\n\"ab\"c,d\ne\n", ',', "1:0:11:5\" screen,b2:1:10:\"ab\"c,d\ne\n" },
		{ "\"ab\"c\",d\ne", ',', "1:0:8:\"ab\"c\",d2:0:1:e" },
		{ "\"ab\"c\nd\",e\nf", ',', "1:0:10:\"ab\"c\nd\",e3:0:1:f" },
		{ ",,\n,\n", ',', "1:0:2:,,2:0:1:," },
		{ "a,b,\r\n\r\n\r\n", ',', "1:0:4:a,b," },
		{ "\n\r\n\r\r\n", ',', "" },
		{ "", ',', "" },
		{ "a;\"b;\nc\";d\n", ';', "1:0:10:a;\"b;\nc\";d" },
		{ "a\t\"b\tc\"\td\r\n", '\t', "1:0:9:a\t\"b\tc\"\td" },
		{ "a\n\"bc\nd", ',', "1:0:1:a2:1:5:\"bc\nd" },
		{ "a\n\"bc\"\"", ',', "1:0:1:a2:1:5:\"bc\"\"" },
		{ "a\n\"bc\"", ',', "1:0:1:a2:0:4:\"bc\"" },
		{ "\"\"", ',', "1:0:2:\"\"" },
		{ "\"", ',', "1:1:1:\"" },
		{ "\"\"\"\n", ',', "1:1:4:\"\"\"\n" },
		{ "\"a\"\"\"\n", ',', "1:0:5:\"a\"\"\"" },
		{ "\"a\" \nb", ',', "1:1:6:\"a\" \nb" },
		{ " \"a\nb\" ", ',', "1:0:3: \"a2:0:3:b\" " },
		{ "a,\"b\r\",c\rd", ',', "1:0:8:a,\"b\r\",c1:0:1:d" },
		{ "x\"\n\"y\n", ',', "1:0:2:x\"2:1:3:\"y\n" },
		{ "\"a\"\"b\"x\"\ny\"\n", ',', "1:0:8:\"a\"\"b\"x\"2:0:2:y\"" },
		{ "a\n\n\n\n\"q\n\nq\"\n\nb", ',', "1:0:1:a5:0:6:\"q\n\nq\"9:0:1:b" },
		{ "\"a\",\"b\"\"\",\"\"\n", ',', NULL },
		{ "h1,h2\r\n\"Redmond, Washington, US\",\"5\"\" screen\"\r\n", ',', NULL },
		{ "\"a\"\"\r\n\"b", ',', NULL },
		{ "a,\"\r\n", ',', NULL },
		{ "\xef\xbb\xbf\"Date\",\"User\"\r\n\"2025\",\"Caf\xc3\xa9\"\r\n", ',', NULL },
		{ "a;b,c\r\n\"d;e\";f\r\n", ';', NULL },
		{ "a\tb \"c\td\r\n\"e\t\"f\tg\r\n", '\t', NULL },
		{ "\"\"\"\"\"\"\"\"", ',', NULL },
		{ "\",\",\",\"\n\",\"", ',', NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct acase *c = &cases[i];
		size_t len = strlen(c->in);
		unsigned bad = run_split(c->in, len, c->delim, 1000 + i);
		CHECK(bad == 0);
		if (bad)
			fprintf(stderr, "  (hand-written case %zu)\n", i);
		if (c->docs) {
			check_split(c->in, len, c->delim, 1);
			int ok = one_docs.n == strlen(c->docs) && memcmp(one_docs.p, c->docs, one_docs.n) == 0;
			CHECK(ok);
			if (!ok) {
				fprintf(stderr, "  hand-written case %zu, delimiter %s:\n", i, delim_name(c->delim));
				show("    input", c->in, len);
				show("    want ", c->docs, strlen(c->docs));
				show("    got  ", one_docs.p ? one_docs.p : "", one_docs.n);
			}
		}
	}
}

/* Bytes and short strings the mutations insert. */
static const char *const tokens[] = {
	"\"", "\"", "\"", ",", ",", ";", "\t", "\r", "\n", "\r\n", "\"\"", "\",", ",\"", "\"\r\n", "a", "Z", " ",
	"\xc3\xa9", "\xff", "\"\n\"",
};
#define NTOKENS (sizeof tokens / sizeof tokens[0])

/* 1-4 random edits of t (cap must allow 4 * 3 more bytes). */
static size_t mutate(char *t, size_t n, int edits)
{
	for (int e = 0; e < edits; e++) {
		size_t at = rndn(n + 1);
		const char *tok = tokens[rndn(NTOKENS)];
		size_t tl = strlen(tok);
		switch (rnd() % 3) {
		case 0: /* insert */
			memmove(t + at + tl, t + at, n - at);
			memcpy(t + at, tok, tl);
			n += tl;
			break;
		case 1: { /* delete 1-3 */
			size_t k = 1 + rndn(3);
			if (at + k > n)
				k = n - at;
			memmove(t + at, t + at + k, n - at - k);
			n -= k;
			break;
		}
		default: /* replace one byte */
			if (at < n) {
				memmove(t + at + tl, t + at + 1, n - at - 1);
				memcpy(t + at, tok, tl);
				n += tl - 1;
			}
			break;
		}
	}
	return n;
}

static void split_mutations(void)
{
	static const char delims[] = { ',', ';', '\t' };
	struct bbuf base[3][2] = { { { 0 } } };
	size_t inputs = 0, bad = 0;
	/* the portal text in each dialect: header + rows, CRLF, all cells quoted or as needed */
	for (int d = 0; d < 3; d++)
		for (int q = 0; q < 2; q++) {
			struct bbuf *b = &base[d][q];
			if (q)
				bb_puts(b, "\xef\xbb\xbf");
			respell(b, HEADER, delims[d], q);
			for (size_t r = 0; r < NROWS; r++) {
				bb_puts(b, q ? "\r\n" : "\n");
				respell(b, ROWS[r], delims[d], q);
			}
			if (q)
				bb_puts(b, "\r\n");
		}
	size_t cap = 0;
	for (int d = 0; d < 3; d++)
		for (int q = 0; q < 2; q++)
			if (base[d][q].n > cap)
				cap = base[d][q].n;
	char *t = malloc(cap + 64);
	for (int d = 0; d < 3; d++)
		for (int q = 0; q < 2; q++) {
			unsigned b = run_split(base[d][q].p, base[d][q].n, delims[d], 5);
			inputs++;
			bad += b != 0;
		}
	/* realistic text, a few edits each */
	for (int round = 0; round < 12000; round++) {
		int d = round % 3, q = (round / 3) % 2;
		size_t n = base[d][q].n;
		memcpy(t, base[d][q].p, n);
		n = mutate(t, n, 1 + (int)rndn(4));
		inputs++;
		bad += run_split(t, n, delims[d], (uint64_t)round) != 0;
	}
	/* short dense strings from the same bytes: most edge cases live here */
	for (int round = 0; round < 40000; round++) {
		static const char alpha[] = "\"\",,;\t\r\n\naZ \xc3\0";
		char delim = delims[round % 3];
		size_t n = rndn(24);
		for (size_t i = 0; i < n; i++)
			t[i] = alpha[rndn(sizeof alpha - 1)];
		inputs++;
		bad += run_split(t, n, delim, (uint64_t)round) != 0;
	}
	fprintf(stderr, "unit_csv: splitter: %zu inputs compared with libcsv, %zu disagree\n", inputs, bad);
	CHECK(inputs >= 52000);
	CHECK(bad == 0);
	free(t);
	for (int d = 0; d < 3; d++)
		for (int q = 0; q < 2; q++)
			free(base[d][q].p);
}

/* ---- B: the fast cell splitter against libcsv, through whole rows ---------------------------- */

static int same_val(const struct sl_val *a, const struct sl_val *b)
{
	if (a->set != b->set)
		return 0;
	if (!a->set)
		return 1;
	return a->len == b->len && (!a->len || (a->s && b->s && memcmp(a->s, b->s, a->len) == 0)) && a->i == b->i &&
	       (a->d == b->d || (a->d != a->d && b->d != b->d)) && a->prio == b->prio;
}

static char diffbuf[160];

/* The first difference between two rows, or NULL. */
static const char *row_diff(const struct sl_row *a, const struct sl_row *b)
{
	if (!a->error != !b->error || (a->error && strcmp(a->error, b->error) != 0)) {
		snprintf(diffbuf, sizeof diffbuf, "error: fast \"%s\", libcsv \"%s\"", a->error ? a->error : "(none)",
		         b->error ? b->error : "(none)");
		return diffbuf;
	}
	if (a->line != b->line)
		return "line";
	if (a->invalid_utf8 != b->invalid_utf8)
		return "invalid_utf8";
	if (a->evhint != b->evhint)
		return "evhint";
	if (a->bad_time != b->bad_time)
		return "bad_time";
	if (a->authgrp != b->authgrp)
		return "authgrp";
	for (int f = 0; f < SL_F__COUNT; f++)
		if (sl_fields[f].list == SL_LIST_NONE && !same_val(&a->f[f], &b->f[f])) {
			int la = a->f[f].s ? (int)(a->f[f].len > 40 ? 40 : a->f[f].len) : 0;
			int lb = b->f[f].s ? (int)(b->f[f].len > 40 ? 40 : b->f[f].len) : 0;
			snprintf(diffbuf, sizeof diffbuf, "field %s: fast \"%.*s\"%s (set %d), libcsv \"%.*s\"%s (set %d)",
			         sl_fields[f].name, la, a->f[f].s ? a->f[f].s : "", a->f[f].len > 40 ? "..." : "",
			         a->f[f].set, lb, b->f[f].s ? b->f[f].s : "", b->f[f].len > 40 ? "..." : "", b->f[f].set);
			return diffbuf;
		}
	for (int l = 1; l < SL_LIST__COUNT; l++) {
		if (a->list[l].n != b->list[l].n)
			return "list count";
		for (size_t k = 0; k < a->list[l].n * (size_t)sl_list_nfields[l]; k++)
			if (!same_val(&a->list[l].v[k], &b->list[l].v[k]))
				return "list value";
	}
	if (!same_val(&a->userkey, &b->userkey))
		return "userkey";
	return NULL;
}

struct bctx {
	struct sl_csvparser *fast, *slow;
	struct sl_jparser *jp;
	struct sl_arena a1, a2;
	struct sl_row *r1, *r2;
	size_t c1, c2;
	uint8_t lost1[128], lost2[128];
	const struct sl_csvfile *cf;
	size_t docs, errors, fallback_free;
};

/* Parse one record both ways; the first difference, or NULL. r1/r2 stay valid until the next. */
static const char *b_doc(struct bctx *x, const char *rec, size_t len, uint64_t line, int cut)
{
	const struct sl_csvfile *cf = x->cf;
	size_t n1 = 0, n2 = 0;
	memset(x->lost1, 0, sizeof x->lost1);
	memset(x->lost2, 0, sizeof x->lost2);
	sl_arena_reset(&x->a1);
	sl_arena_reset(&x->a2);
	sl_csv_parse_doc(x->fast, x->jp, cf, rec, len, line, cut, &x->a1, &x->r1, &n1, &x->c1, x->lost1);
	sl_csv_parse_doc(x->slow, x->jp, cf, rec, len, line, cut, &x->a2, &x->r2, &n2, &x->c2, x->lost2);
	x->docs++;
	if (n1 != 1 || n2 != 1)
		return "row count";
	x->errors += x->r1[0].error != NULL;
	const char *d = row_diff(&x->r1[0], &x->r2[0]);
	if (!d && memcmp(x->lost1, x->lost2, cf->ncols) != 0) {
		size_t c = 0;
		while (x->lost1[c] == x->lost2[c])
			c++;
		snprintf(diffbuf, sizeof diffbuf, "lost[%zu] (\"%s\"): fast %d, libcsv %d", c, cf->cols[c].title,
		         x->lost1[c], x->lost2[c]);
		d = diffbuf;
	}
	return d;
}

/* Split text into records (as the reader thread does) and parse each both ways. */
static const char *b_text(struct bctx *x, const char *text, size_t len)
{
	struct sl_cscan s;
	struct sl_doc *docs = NULL;
	size_t nd = 0, cap = 0;
	const char *d = NULL;
	sl_cscan_init(&s, x->cf->delim, 1);
	sl_cscan_feed(&s, text, len, 1, &docs, &nd, &cap);
	for (size_t k = 0; k < nd && !d; k++)
		d = b_doc(x, text + docs[k].off, docs[k].len, docs[k].line, docs[k].at_eof);
	free(docs);
	return d;
}

static int b_fails(const char *s, size_t n, void *ctx)
{
	return b_text(ctx, s, n) != NULL;
}

static int b_reported;

static int b_check(struct bctx *x, const char *text, size_t len, const char *label)
{
	const char *d = b_text(x, text, len);
	if (!d)
		return 0;
	if (b_reported++ < 3) {
		char why[160];
		snprintf(why, sizeof why, "%s", d);
		char *t = malloc(len + 1);
		memcpy(t, text, len);
		size_t n = minimize(t, len, b_fails, x);
		d = b_text(x, t, n);
		fprintf(stderr, "unit_csv: fast and libcsv rows differ (%s, delimiter %s): %s\n", label,
		        delim_name(x->cf->delim), why);
		show("  record", text, len);
		show("  shrunk", t, n);
		fprintf(stderr, "  shrunk record: %s\n", d ? d : "(no longer differs)");
		free(t);
	}
	return 1;
}

static void b_init(struct bctx *x, const struct sl_csvfile *cf, struct sl_jparser *jp)
{
	memset(x, 0, sizeof *x);
	x->fast = sl_csvparser_new();
	x->slow = sl_csvparser_new();
	sl_csvparser_slow(x->slow, 1);
	x->jp = jp;
	x->cf = cf;
	sl_arena_init(&x->a1, 1 << 16);
	sl_arena_init(&x->a2, 1 << 16);
}

static void b_free(struct bctx *x)
{
	sl_csvparser_free(x->fast);
	sl_csvparser_free(x->slow);
	sl_arena_free(&x->a1);
	sl_arena_free(&x->a2);
	free(x->r1);
	free(x->r2);
}

static size_t col_of(const struct sl_csvfile *cf, const char *title)
{
	for (size_t c = 0; c < cf->ncols; c++)
		if (strcmp(cf->cols[c].title, title) == 0)
			return c;
	fprintf(stderr, "unit_csv: no column \"%s\"\n", title);
	abort();
}

/* Hand-written records: one realistic row with one cell changed, then raw oddities. */
static void b_cases(struct bctx *x, int q)
{
	const struct sl_csvfile *cf = x->cf;
	char delim = cf->delim;
	static const struct { const char *title, *cell; } edits[] = {
		{ "User agent", "Mozilla \"\"5\"\" \"quoted\"" },
		{ "User agent", "5\" screen" },
		{ "User agent", "" },
		{ "User agent", " padded, with delim; and\ttab " },
		{ "User", "Caf\xc3\xa9 \xff bad utf-8" },
		{ "User", "line\r\nbreak" },
		{ "Location", "M\xc3\xbcnchen, Bayern, DE" },
		{ "Location", ", , US" },
		{ "Location", "Washington, D.C., District of Columbia, US" },
		{ "Location", "FR" },
		{ "Status", "System.Object[]" },
		{ "Status", "Microsoft.Graph.PowerShell.Models.MicrosoftGraphSignInStatus" },
		{ "Device ID", "System.Collections.Hashtable" },
		{ "Device ID", "System.X\"\"" },
		{ "Device ID", "Microsoft.Graph.\"" },
		{ "Device ID", "System.Object[] x" },
		{ "Sign-in error code", "" },
		{ "Sign-in error code", " 50126 " },
		{ "Sign-in error code", "'-1" },
		{ "Date (UTC)", "3/12/2025 7:22:01 AM" },
		{ "Date (UTC)", "13/12/2025 7:22:01 AM" },
		{ "Date (UTC)", "15.11.2025 03:55:59" },
		{ "Date (UTC)", "garbage" },
		{ "Date (UTC)", "" },
		{ "Request ID", "5E1A0008-001D-4008-8008-002026030008" },
		{ "Compliant", "\"True\"" },
		{ "User type", "Guest" },
		{ "Cross tenant access type", "B2bCollaboration" },
	};
	for (size_t r = 0; r < NROWS; r++)
		for (size_t e = 0; e < sizeof edits / sizeof edits[0]; e++) {
			struct cells c;
			struct bbuf b = { 0 };
			cells_of(ROWS[r], ',', &c);
			cell_set(&c, col_of(cf, edits[e].title), edits[e].cell);
			join(&b, &c, delim, q);
			cells_free(&c);
			int bad = b_check(x, b.p, b.n, "hand-written");
			CHECK(!bad);
			free(b.p);
		}
	/* whole records that are odd in themselves */
	struct bbuf b = { 0 };
	for (size_t r = 0; r < NROWS; r++) {
		b.n = 0;
		respell(&b, ROWS[r], delim, q);
		struct bbuf v = { 0 };
		static const char *const tails[] = { "", ",", ",x", ",\"\"", ",\"x\"\"", "\"", "\"x", " ", "\"\"" };
		for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++) {
			v.n = 0;
			bb_put(&v, b.p, b.n);
			for (const char *t = tails[k]; *t; t++)
				bb_put(&v, *t == ',' ? &delim : t, 1);
			CHECK(!b_check(x, v.p, v.n, "tail"));
			/* cut short anywhere: fewer cells, or an open quote at the end */
			for (size_t cut = 1; cut < v.n; cut += 1 + rndn(37))
				CHECK(!b_check(x, v.p, cut, "cut short"));
		}
		free(v.p);
	}
	free(b.p);
}

/* Cell-level edits: the record stays well quoted, so most rows are good and every field is
 * compared. */
static const char *const cell_tokens[] = {
	"\"", "\"\"", ",", ";", "\t", "\r\n", "\n", "\r", " ", "\xc3\xa9", "\xff", "'", "-", "=", "0", "/", ".",
};
static const char *const cell_values[] = {
	"", " ", "System.Object[]", "Microsoft.Graph.PowerShell.Models.MicrosoftGraphSignInStatus", "'-1", "'=x",
	"3/12/2025 7:22:01 AM", "13/12/2025 7:22:01 PM", "15.11.2025 03:55:59", "2026-03-13T19:04:33.1234567Z",
	"Success", "Failure", "Interrupted", "True", "false", "None", "B2bCollaboration", ", , US",
	"M\xc3\xbcnchen, Bayern, DE", "50126", "0", "-1", "\"\"", "{\"a\":1}", "[1,2]", "Caf\xc3\xa9\xff",
};

static void mutate_cells(struct cells *c)
{
	for (int e = 1 + (int)rndn(3); e > 0; e--) {
		size_t i = rndn(c->n);
		if (rnd() % 3 == 0) {
			cell_set(c, i, cell_values[rndn(sizeof cell_values / sizeof cell_values[0])]);
			continue;
		}
		size_t n = strlen(c->v[i]);
		char *t = malloc(n + 32);
		memcpy(t, c->v[i], n);
		for (int k = 1 + (int)rndn(3); k > 0; k--) {
			size_t at = rndn(n + 1);
			if (rnd() % 4 == 0) {
				if (at < n) {
					memmove(t + at, t + at + 1, n - at - 1);
					n--;
				}
				continue;
			}
			const char *tok = cell_tokens[rndn(sizeof cell_tokens / sizeof cell_tokens[0])];
			size_t tl = strlen(tok);
			memmove(t + at + tl, t + at, n - at);
			memcpy(t + at, tok, tl);
			n += tl;
		}
		t[n] = '\0';
		free(c->v[i]);
		c->v[i] = t;
	}
}

static void b_mutations(struct bctx *x, int rounds)
{
	char delim = x->cf->delim;
	struct bbuf base[NROWS][2];
	size_t cap = 0, bad = 0, docs0 = x->docs;
	for (size_t r = 0; r < NROWS; r++)
		for (int q = 0; q < 2; q++) {
			memset(&base[r][q], 0, sizeof base[r][q]);
			respell(&base[r][q], ROWS[r], delim, q);
			cap = base[r][q].n > cap ? base[r][q].n : cap;
		}
	char *t = malloc(cap + 64);
	size_t good0 = x->docs - x->errors;
	for (int round = 0; round < rounds; round++) {
		if (round % 2) {
			/* byte edits of the record text */
			const struct bbuf *b = &base[rndn(NROWS)][(round >> 1) & 1];
			size_t n = b->n;
			memcpy(t, b->p, n);
			n = mutate(t, n, 1 + (int)rndn(4));
			bad += (size_t)b_check(x, t, n, "byte mutation");
		} else {
			struct cells c;
			struct bbuf b = { 0 };
			cells_of(ROWS[rndn(NROWS)], ',', &c);
			mutate_cells(&c);
			join(&b, &c, delim, (round >> 1) & 1);
			cells_free(&c);
			bad += (size_t)b_check(x, b.p, b.n, "cell mutation");
			free(b.p);
		}
	}
	fprintf(stderr, "unit_csv: rows: %d mutations (%zu records, %zu good rows) parsed fast and with libcsv, "
	        "delimiter %s: %zu differ\n", rounds, x->docs - docs0, x->docs - x->errors - good0, delim_name(delim), bad);
	CHECK(bad == 0);
	free(t);
	for (size_t r = 0; r < NROWS; r++)
		for (int q = 0; q < 2; q++)
			free(base[r][q].p);
}

/* The portal header with another delimiter. */
static int header(struct sl_csvfile *cf, char delim, const char *path)
{
	struct bbuf h = { 0 };
	char *err = NULL;
	respell(&h, HEADER, delim, 1);
	int rc = sl_csv_header(cf, "x", path, h.p, h.n, delim, &err);
	if (rc != 0)
		fprintf(stderr, "unit_csv: header: %s\n", err ? err : "?");
	free(err);
	free(h.p);
	return rc;
}

static struct sl_authjoin *auth_steps(struct sl_jparser *jp)
{
	static const char hdr[] = "\"Request ID\",\"Date (UTC)\",\"Requirement\",\"Authentication method\","
	                          "\"Authentication method detail\",\"Succeeded\",\"Result detail\"";
	static const char *const recs[] = {
		"\"5e1a0008-001d-4008-8008-002026030008\",\"2026-03-13T19:04:33Z\",\"Primary authentication\","
		"\"Password\",\"Password Hash Sync\",\"True\",\"Correct password\"",
		"\"5E1A0008-001D-4008-8008-002026030008\",\"2026-03-13T19:04:40Z\",\"Secondary authentication\","
		"\"Text message\",\"\",\"False\",\"\"\"Timed\"\" out\"",
		"\"5e1a0006-001d-4006-8006-002026030006\",\"2026-03-09T16:20:00Z\",\"Primary authentication\","
		"\"Password\",\"\",\"True\",\"\"",
	};
	struct sl_csvfile af;
	char *err = NULL;
	struct sl_authjoin *j = sl_authjoin_new();
	struct sl_csvparser *p = sl_csvparser_new();
	struct sl_arena a;
	sl_arena_init(&a, 4096);
	CHECK(sl_csv_header(&af, "a", "InteractiveSignIns_AuthDetails_x.csv", hdr, strlen(hdr), ',', &err) == 0);
	free(err);
	CHECK(af.kind == SL_CSV_AUTHDETAILS);
	for (size_t i = 0; i < sizeof recs / sizeof recs[0]; i++)
		CHECK(sl_authjoin_add(j, p, jp, &af, recs[i], strlen(recs[i]), i + 2, 0, &a) == NULL);
	sl_authjoin_done(j);
	sl_csv_file_free(&af);
	sl_csvparser_free(p);
	sl_arena_free(&a);
	return j;
}

/* A PowerShell .NET type name in a quoted cell whose doubled quotes take it past the 300-byte
 * limit of typename() only as written: the fast splitter tests the raw bytes, libcsv the
 * unescaped cell, so lost[] and the cell's value differ. */
static void typename_length(struct bctx *x)
{
	struct cells c;
	struct bbuf b = { 0 };
	char cellv[200];
	size_t dev = col_of(x->cf, "Device ID");
	strcpy(cellv, "System.X");
	for (int i = 0; i < 147; i++)
		strcat(cellv, "\"");   /* 155 bytes unescaped, 302 between the quotes as written */
	cells_of(ROWS[0], ',', &c);
	cell_set(&c, dev, cellv);
	join(&b, &c, x->cf->delim, 1);
	cells_free(&c);
	const char *d = b_doc(x, b.p, b.n, 2, 0);
	CHECK(d == NULL);
	if (d)
		fprintf(stderr, "unit_csv: fast and libcsv rows differ on a .NET type name cell of 155 bytes written with "
		        "147 doubled quotes (\"System.X\"\"...\"): %s; fast lost[%zu] = %d, libcsv lost[%zu] = %d\n",
		        d, dev, x->lost1[dev], dev, x->lost2[dev]);
	free(b.p);
}

/* ---- D: blocks of records, as the ingest hands them to the workers ------------------------- */

static struct sl_row *da, *db, *dc;
static size_t dna, dnb, dnc, dca, dcb, dcc;

/* Rows of text three ways: records found by the splitter and parsed one by one with libcsv
 * (A); the whole text as one final block (B); blocks cut where sl_csv_block_end says, after
 * reads of random sizes (C). B must equal A always; C must equal A when every quote pairs
 * up (pairs = 1). Returns the number of disagreements (0 or 1). */
static int d_text(struct bctx *x, const char *text, size_t len, int pairs, uint64_t seed)
{
	const struct sl_csvfile *cf = x->cf;
	struct sl_cscan s;
	struct sl_doc *docs = NULL;
	size_t nd = 0, cap = 0;
	uint8_t lost[128];
	const char *why = NULL;
	memset(lost, 0, sizeof lost);
	dna = dnb = dnc = 0;
	sl_arena_reset(&x->a1);
	sl_arena_reset(&x->a2);
	sl_cscan_init(&s, cf->delim, 1);
	sl_cscan_feed(&s, text, len, 1, &docs, &nd, &cap);
	for (size_t k = 0; k < nd; k++)
		sl_csv_parse_doc(x->slow, x->jp, cf, text + docs[k].off, docs[k].len, docs[k].line, docs[k].at_eof,
		                 &x->a2, &da, &dna, &dca, lost);
	free(docs);
	sl_csv_parse_chunk(x->fast, x->jp, cf, text, len, 1, 1, &x->a1, &db, &dnb, &dcb, lost);
	if (dna != dnb)
		why = "whole block: row count";
	for (size_t k = 0; !why && k < dna; k++)
		why = row_diff(&db[k], &da[k]);
	if (!why && pairs) {
		uint64_t saved = rng, line = 1;
		size_t start = 0, pos = 0;
		rng = seed | 1;
		while (start < len) {
			uint64_t lines = 0;
			pos += 1 + rndn(len / 3 + 8);
			if (pos > len)
				pos = len;
			size_t end = pos == len ? len : sl_csv_block_end(text, start, pos, &lines);
			if (end == start)
				continue;
			sl_csv_parse_chunk(x->fast, x->jp, cf, text + start, end - start, line, end == len, &x->a1, &dc,
			                   &dnc, &dcc, lost);
			line += lines;
			start = end;
			if (pos < start)
				pos = start;
		}
		rng = saved;
		if (dna != dnc)
			why = "blocks: row count";
		for (size_t k = 0; !why && k < dna; k++)
			why = row_diff(&dc[k], &da[k]);
	}
	if (why) {
		static int shown;
		if (shown++ < 3) {
			fprintf(stderr, "unit_csv: blocks (%s, delimiter %s) differ from records: %s\n", pairs ? "quotes pair up" :
			        "any text", delim_name(cf->delim), why);
			show("  text", text, len);
		}
		return 1;
	}
	return 0;
}

/* Texts of many records: realistic rows with cells changed (quoting kept valid), line ends
 * LF, CRLF or CR, blank lines; and the same with byte edits (stray quotes and all). */
static void blocks(struct bctx *x, int rounds)
{
	static const char *const eols[] = { "\n", "\r\n", "\r", "\n\n", "\r\n\r\n" };
	size_t bad = 0, rows = 0;
	for (int round = 0; round < rounds; round++) {
		struct bbuf b = { 0 };
		int nrec = 1 + (int)rndn(12);
		const char *eol = eols[rndn(5)];
		for (int r = 0; r < nrec; r++) {
			struct cells c;
			cells_of(ROWS[rndn(NROWS)], ',', &c);
			if (rndn(2))
				mutate_cells(&c);
			join(&b, &c, x->cf->delim, (int)rndn(2));
			cells_free(&c);
			if (r + 1 < nrec || rndn(2))
				bb_puts(&b, eol);
		}
		int edit = round % 3 == 2;
		if (edit) {
			char *t = malloc(b.n + 64);
			memcpy(t, b.p, b.n);
			size_t n = mutate(t, b.n, 1 + (int)rndn(3));
			bad += (size_t)d_text(x, t, n, 0, (uint64_t)round);
			free(t);
		} else {
			bad += (size_t)d_text(x, b.p, b.n, 1, (uint64_t)round);
		}
		rows += dna;
		free(b.p);
	}
	fprintf(stderr, "unit_csv: blocks, delimiter %s: %d texts, %zu rows: %zu differ\n", delim_name(x->cf->delim),
	        rounds, rows, bad);
	CHECK(bad == 0);
	CHECK(rows > (size_t)rounds);
}

static void rows_fast_slow(struct sl_jparser *jp, struct sl_authjoin *auth)
{
	static const char delims[] = { ',', ';', '\t' };
	static const int rounds[] = { 16000, 6000, 6000 };
	for (int d = 0; d < 3; d++) {
		struct sl_csvfile cf;
		struct bctx x;
		if (header(&cf, delims[d], "InteractiveSignIns_x.csv") != 0) {
			CHECK(0);
			continue;
		}
		CHECK(cf.ncols == 57);
		CHECK(cf.kind == SL_CSV_PORTAL);
		CHECK(cf.evhint == SL_EV_INTERACTIVE + 1);
		cf.auth = auth;
		b_init(&x, &cf, jp);
		/* the comparison means something: the fast path keeps plain cells in place, the
		 * steps were joined, and the rows are good */
		struct bbuf b = { 0 };
		respell(&b, ROWS[0], delims[d], 1);
		CHECK(b_doc(&x, b.p, b.n, 7, 0) == NULL);
		const struct sl_row *r = &x.r1[0];
		CHECK(r->error == NULL);
		CHECK(r->line == 7);
		CHECK(r->list[SL_LIST_AUTH].n == 2);
		CHECK(x.r2[0].list[SL_LIST_AUTH].n == 2);
		CHECK(r->f[SL_F_USER_AGENT].set && r->f[SL_F_USER_AGENT].s >= b.p && r->f[SL_F_USER_AGENT].s < b.p + b.n);
		CHECK(x.r2[0].f[SL_F_USER_AGENT].set &&
		      !(x.r2[0].f[SL_F_USER_AGENT].s >= b.p && x.r2[0].f[SL_F_USER_AGENT].s < b.p + b.n));
		CHECK(r->userkey.set && r->userkey.len == strlen("carol.diaz@contoso.com"));
		CHECK(r->evhint == SL_EV_INTERACTIVE + 1);
		free(b.p);
		for (int q = 0; q < 2; q++)
			b_cases(&x, q);
		if (d == 0)
			typename_length(&x);
		b_mutations(&x, rounds[d]);
		blocks(&x, rounds[d] / 4);
		fprintf(stderr, "unit_csv: rows, delimiter %s: %zu records compared, %zu rejected alike\n",
		        delim_name(delims[d]), x.docs, x.errors);
		b_free(&x);
		sl_csv_file_free(&cf);
	}
}

/* ---- C: direct checks ---------------------------------------------------------------------- */

static void delim_checks(void)
{
	static const struct { const char *s; char want; } t[] = {
		{ "a,b,c", ',' },
		{ "a;b;c", ';' },
		{ "a\tb\tc", '\t' },
		{ "\"Date (UTC)\";\"Request ID\";\"User\"", ';' },
		{ "\"a;b;c;d\",e", ',' },
		{ "\"a,b,c\";\"d\";\"e\"", ';' },
		{ "\"a\tb\tc\",d,e", ',' },
		{ "\"x,y\"\t\"z,w\"\t\"v\"", '\t' },
		{ "a,b;c", ',' },
		{ "a;b\tc", ';' },
		{ "a,b\tc", ',' },
		{ "a;b\tc\td", '\t' },
		{ "a;b\nc,d,e,f", ';' },
		{ "a;b\r\nc,d,e,f", ';' },
		{ "\"a\nb,c,d\";e", ';' },
		{ "\"a\"\"b,c\"\";d\";e", ';' },
		{ "single", ',' },
		{ "", ',' },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char got = sl_csv_delim(t[i].s, strlen(t[i].s));
		CHECK(got == t[i].want);
		if (got != t[i].want)
			fprintf(stderr, "  sl_csv_delim(\"%s\") = '%s', want '%s'\n", t[i].s, delim_name(got),
			        delim_name(t[i].want));
	}
	struct bbuf h = { 0 };
	respell(&h, HEADER, ';', 1);
	CHECK(sl_csv_delim(h.p, h.n) == ';');
	h.n = 0;
	respell(&h, HEADER, '\t', 0);
	CHECK(sl_csv_delim(h.p, h.n) == '\t');
	CHECK(sl_csv_delim(HEADER, strlen(HEADER)) == ',');
	free(h.p);
}

static void header_checks(void)
{
	struct sl_csvfile cf;
	char *err = NULL;
	static const char h1[] = "Foo,\"Bar Baz\",\"Date (UTC)\"";
	CHECK(sl_csv_header(&cf, "x", "x.csv", h1, strlen(h1), ',', &err) == -1);
	CHECK(err && strstr(err, "not a sign-in CSV"));
	CHECK(err && strstr(err, "titles not recognised"));
	CHECK(err && strstr(err, "\"Foo\"") && strstr(err, "\"Bar Baz\""));
	CHECK(err && !strstr(err, "\"Date (UTC)\""));
	CHECK(err && strstr(err, "identity") && strstr(err, "status") && !strstr(err, "sign-in time"));
	if (err)
		fprintf(stderr, "unit_csv: (expected) header error: %s\n", err);
	free(err);
	sl_csv_file_free(&cf);

	static const char h2[] = "\"Request ID\";\"User\";\"Whatever\";\"Sign-in error code\"";
	err = NULL;
	CHECK(sl_csv_header(&cf, "x", "x.csv", h2, strlen(h2), ';', &err) == -1);
	CHECK(err && strstr(err, "sign-in time") && strstr(err, "\"Whatever\"") && !strstr(err, "identity"));
	free(err);
	sl_csv_file_free(&cf);

	static const char h3[] = "\"Date (UTC)\",\"Request ID\",\"Status\"";
	err = NULL;
	CHECK(sl_csv_header(&cf, "x", "x.csv", h3, strlen(h3), ',', &err) == 0);
	CHECK(err == NULL);
	CHECK(cf.ncols == 3 && cf.kind == SL_CSV_PORTAL && cf.evhint == 0);
	free(err);
	sl_csv_file_free(&cf);

	static const char h4[] = "\"Date (UTC)\",\"Request ID\",\"Status\",\"Sign-in error code\",\"Frobnicate\"";
	err = NULL;
	CHECK(sl_csv_header(&cf, "x", "dir/NonInteractiveSignIns_2026.csv", h4, strlen(h4), ',', &err) == 0);
	CHECK(cf.unknown && strstr(cf.unknown, "\"Frobnicate\""));
	CHECK(cf.evhint == SL_EV_NONINTERACTIVE + 1);
	free(err);
	sl_csv_file_free(&cf);
}

/* Parse ROWS[r] with some cells changed through the fast and the libcsv path; both must
 * agree, and the fast row is left in x->r1[0]. */
static const struct sl_row *row_with(struct bctx *x, size_t r, const char *t1, const char *v1, const char *t2,
                                     const char *v2)
{
	struct cells c;
	struct bbuf b = { 0 };
	static struct bbuf keep;   /* the record outlives the call: rows point into it */
	cells_of(ROWS[r], ',', &c);
	if (t1)
		cell_set(&c, col_of(x->cf, t1), v1);
	if (t2)
		cell_set(&c, col_of(x->cf, t2), v2);
	join(&b, &c, x->cf->delim, 1);
	cells_free(&c);
	keep.n = 0;
	bb_put(&keep, b.p, b.n);
	free(b.p);
	const char *d = b_doc(x, keep.p, keep.n, 2, 0);
	CHECK(d == NULL);
	if (d)
		fprintf(stderr, "  row_with: %s\n", d);
	return &x->r1[0];
}

static int val_is(const struct sl_val *v, const char *s)
{
	return v->set && v->len == strlen(s) && memcmp(v->s, s, v->len) == 0;
}

static int64_t utc(int64_t y, unsigned mo, unsigned d, int h, int mi, int s)
{
	return (sl_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s) * 1000000;
}

static void value_checks(struct sl_jparser *jp)
{
	struct sl_csvfile cf;
	struct bctx x;
	const struct sl_row *r;
	if (header(&cf, ',', "InteractiveSignIns_x.csv") != 0) {
		CHECK(0);
		return;
	}
	b_init(&x, &cf, jp);

	r = row_with(&x, 0, "Location", "M\xc3\xbcnchen, Bayern, DE", NULL, NULL);
	CHECK(val_is(&r->f[SL_F_CITY], "M\xc3\xbcnchen"));
	CHECK(val_is(&r->f[SL_F_STATE], "Bayern"));
	CHECK(val_is(&r->f[SL_F_COUNTRY], "DE"));
	r = row_with(&x, 0, "Location", ", , US", NULL, NULL);
	CHECK(!r->f[SL_F_CITY].set);
	CHECK(!r->f[SL_F_STATE].set);
	CHECK(val_is(&r->f[SL_F_COUNTRY], "US"));
	r = row_with(&x, 0, "Location", "Washington, D.C., District of Columbia, US", NULL, NULL);
	CHECK(val_is(&r->f[SL_F_CITY], "Washington, D.C."));
	CHECK(val_is(&r->f[SL_F_STATE], "District of Columbia"));
	CHECK(val_is(&r->f[SL_F_COUNTRY], "US"));

	r = row_with(&x, 0, "Sign-in error code", "", "Status", "Success");
	CHECK(r->error == NULL);
	CHECK(r->f[SL_F_ERROR_CODE].set && r->f[SL_F_ERROR_CODE].i == 0);
	r = row_with(&x, 0, "Sign-in error code", "", "Status", "Failure");
	CHECK(r->error && strstr(r->error, "the error code is blank") && strstr(r->error, "Failure"));
	r = row_with(&x, 0, "Sign-in error code", "50126", "Status", "Failure");
	CHECK(r->error == NULL && r->f[SL_F_ERROR_CODE].set && r->f[SL_F_ERROR_CODE].i == 50126);
	/* a PowerShell export that lost the status object says so */
	r = row_with(&x, 0, "Sign-in error code", "", "Status", "Microsoft.Graph.PowerShell.Models.SignInStatus");
	CHECK(r->error && strstr(r->error, ".NET type name"));
	CHECK(x.lost1[col_of(&cf, "Status")] == 1);

	cf.order = SL_DATE_MDY;
	r = row_with(&x, 0, "Date (UTC)", "3/12/2025 7:22:01 AM", NULL, NULL);
	CHECK(r->error == NULL && r->f[SL_F_TIME].set && r->f[SL_F_TIME].i == utc(2025, 3, 12, 7, 22, 1));
	r = row_with(&x, 0, "Date (UTC)", "15.11.2025 03:55:59", NULL, NULL);
	CHECK(r->error == NULL && r->f[SL_F_TIME].set && r->f[SL_F_TIME].i == utc(2025, 11, 15, 3, 55, 59));
	r = row_with(&x, 0, "Date (UTC)", "13/12/2025 7:22:01 PM", NULL, NULL);
	CHECK(r->error && strstr(r->error, "month/day/year"));
	cf.order = SL_DATE_DMY;
	r = row_with(&x, 0, "Date (UTC)", "3/12/2025 7:22:01 AM", NULL, NULL);
	CHECK(r->error == NULL && r->f[SL_F_TIME].set && r->f[SL_F_TIME].i == utc(2025, 12, 3, 7, 22, 1));
	r = row_with(&x, 0, "Date (UTC)", "15.11.2025 03:55:59", NULL, NULL);
	CHECK(r->error == NULL && r->f[SL_F_TIME].set && r->f[SL_F_TIME].i == utc(2025, 11, 15, 3, 55, 59));
	r = row_with(&x, 0, "Date (UTC)", "13/12/2025 7:22:01 PM", NULL, NULL);
	CHECK(r->error == NULL && r->f[SL_F_TIME].i == utc(2025, 12, 13, 19, 22, 1));
	cf.order = SL_DATE_INFER;
	r = row_with(&x, 0, "Date (UTC)", "15.11.2025 03:55:59", NULL, NULL);
	CHECK(r->error == NULL && r->f[SL_F_TIME].i == utc(2025, 11, 15, 3, 55, 59));
	r = row_with(&x, 0, "Date (UTC)", "2026-03-13T19:04:33Z", NULL, NULL);
	CHECK(r->error == NULL && r->f[SL_F_TIME].i == utc(2026, 3, 13, 19, 4, 33));

	/* the day/month evidence of a record */
	struct sl_dateev ev;
	memset(&ev, 0, sizeof ev);
	static const char rec[] = "\"13/12/2025 1:00:00 AM\",\"x\",\"y\"";
	struct sl_csvfile df;
	char *err = NULL;
	static const char dh[] = "\"Date (UTC)\",\"Request ID\",\"Status\"";
	CHECK(sl_csv_header(&df, "d", "d.csv", dh, strlen(dh), ',', &err) == 0);
	free(err);
	sl_csv_dates(x.fast, &df, rec, strlen(rec), 9, &ev);
	CHECK(ev.slash == 1 && ev.dmy == 1 && ev.mdy == 0 && ev.dmy_line == 9);
	CHECK_STR(ev.dmy_ex, "13/12/2025 1:00:00 AM");
	sl_csv_file_free(&df);

	b_free(&x);
	sl_csv_file_free(&cf);
}

int main(void)
{
	sl_json_init(NULL);
	sl_csv_init(NULL);
	if (csv_init(&ref, 0) != 0)
		return 2;
	csv_set_space_func(&ref, ref_space);

	split_cases();
	split_mutations();

	struct sl_jparser *jp = sl_jparser_new();
	struct sl_authjoin *auth = auth_steps(jp);
	rows_fast_slow(jp, auth);
	delim_checks();
	header_checks();
	value_checks(jp);

	sl_authjoin_free(auth);
	sl_jparser_free(jp);
	csv_free(&ref);
	free(dv);
	free(want_rows.p);
	free(got_rows.p);
	free(one_docs.p);
	free(chunk_docs.p);
	free(da);
	free(db);
	free(dc);
	return unit_done();
}
