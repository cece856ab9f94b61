/* write.c — picks the writer for a format, and the helpers every writer shares. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "sltime.h"
#include "write.h"

int sl_format_parse(const char *s, enum sl_format *out)
{
	static const struct {
		const char *name;
		enum sl_format fmt;
	} fmts[] = {
		{ "text", SL_FMT_TEXT }, { "csv", SL_FMT_CSV }, { "json", SL_FMT_JSON }, { "md", SL_FMT_MD },
		{ "jsonl", SL_FMT_JSONL },
	};
	size_t i;
	for (i = 0; s && i < sizeof fmts / sizeof fmts[0]; i++) {
		if (strcmp(s, fmts[i].name) == 0) {
			*out = fmts[i].fmt;
			return 0;
		}
	}
	return -1;
}

int sl_write(FILE *f, const struct sl_report *r, const struct sl_write_opts *o)
{
	static const struct sl_write_opts defaults = { SL_FMT_TEXT, 0, 0 };
	if (!o)
		o = &defaults;
	switch (o->format) {
	case SL_FMT_TEXT:
		return sl_write_text(f, r, o);
	case SL_FMT_CSV:
		return sl_write_csv(f, r, o);
	case SL_FMT_JSON:
		return sl_write_json(f, r, o);
	case SL_FMT_MD:
		return sl_write_md(f, r, o);
	case SL_FMT_JSONL:
		return sl_write_jsonl(f, r, o);
	}
	errno = EINVAL;
	return -1;
}

int32_t sl_utf8_decode(const unsigned char *s, size_t n, size_t *len)
{
	unsigned char b = s[0], lo = 0x80, hi = 0xBF;
	size_t need, i;
	int32_t cp;

	if (b < 0x80) {
		*len = 1;
		return b;
	}
	/* The narrowed ranges of the second byte (Unicode table 3-7) are what reject
	 * overlongs (E0, F0), surrogates (ED) and code points past U+10FFFF (F4). */
	if (b >= 0xC2 && b <= 0xDF) {
		need = 1;
		cp = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		need = 2;
		cp = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0;
		else if (b == 0xED)
			hi = 0x9F;
	} else if (b >= 0xF0 && b <= 0xF4) {
		need = 3;
		cp = b & 0x07;
		if (b == 0xF0)
			lo = 0x90;
		else if (b == 0xF4)
			hi = 0x8F;
	} else {
		*len = 1;
		return -1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= n || s[i] < lo || s[i] > hi) {
			*len = i;
			return -1;
		}
		cp = cp << 6 | (s[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*len = need + 1;
	return cp;
}

/* "-0.00" and "-0" carry no meaning a reader could use; print them unsigned. */
static void drop_negative_zero(char *buf)
{
	if (buf[0] == '-' && buf[1 + strspn(buf + 1, "0.")] == '\0')
		memmove(buf, buf + 1, strlen(buf));
}

const char *sl_cell_text(const struct sl_cell *c, enum sl_ctype t, int pct_sign, char *buf)
{
	if (c->null)
		return NULL;
	switch (t) {
	case SL_CT_STR:
		return c->s;
	case SL_CT_INT:
		snprintf(buf, SL_CELL_BUF, "%" PRId64, c->i);
		return buf;
	case SL_CT_PCT:
		if (!isfinite(c->d))
			return NULL;
		snprintf(buf, SL_CELL_BUF, "%.2f", c->d);
		drop_negative_zero(buf);
		if (pct_sign)
			strcat(buf, "%");
		return buf;
	case SL_CT_FLOAT:
		if (!isfinite(c->d))
			return NULL;
		snprintf(buf, SL_CELL_BUF, "%.6g", c->d);
		drop_negative_zero(buf);
		return buf;
	case SL_CT_TIME:
		if (c->i == SL_TIME_NONE)
			return NULL;
		return sl_time_format(c->i, buf, SL_CELL_BUF);
	case SL_CT_BOOL:
		return c->i ? "true" : "false";
	case SL_CT_LIST:
		return NULL;
	}
	return NULL;
}

size_t sl_text_escape(FILE *f, const char *s, int md)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = s ? strlen(s) : 0, len, w = 0, i;
	char esc[32];
	int32_t cp;

	while (n) {
		cp = sl_utf8_decode(p, n, &len);
		esc[0] = '\0';
		if (cp < 0) {
			for (i = 0; i < len; i++)
				snprintf(esc + 4 * i, sizeof esc - 4 * i, "\\x%02x", p[i]);
		} else if (cp == '\n') {
			strcpy(esc, "\\n");
		} else if (cp == '\t') {
			strcpy(esc, "\\t");
		} else if (cp == '\r') {
			strcpy(esc, "\\r");
		} else if (cp == 0x1B) {
			strcpy(esc, "\\e");
		} else if (cp < 0x20 || cp == 0x7F) {
			snprintf(esc, sizeof esc, "\\x%02x", (unsigned)cp);
		} else if (cp >= 0x80 && cp <= 0x9F) {
			/* the bytes, so that \xNN always means one byte of the input */
			snprintf(esc, sizeof esc, "\\x%02x\\x%02x", p[0], p[1]);
		} else if (md && cp < 0x80 && strchr("\\|<>[]`", (int)cp)) {
			esc[0] = '\\';
			esc[1] = (char)cp;
			esc[2] = '\0';
		}
		if (esc[0]) {
			if (f)
				fputs(esc, f);
			w += strlen(esc);
		} else {
			if (f)
				fwrite(p, 1, len, f);
			w++;
		}
		p += len;
		n -= len;
	}
	return w;
}

size_t sl_list_escape(FILE *f, const struct sl_cell *c, int md)
{
	return sl_list_escape_cap(f, c, md, 0);
}

size_t sl_list_escape_cap(FILE *f, const struct sl_cell *c, int md, uint32_t cap)
{
	size_t w = 0;
	uint32_t n = c->null ? 0 : c->nitems;
	for (uint32_t k = 0; k < n; k++) {
		if (k) {
			if (f)
				fputs("; ", f);
			w += 2;
		}
		if (cap && k == cap) {
			char more[64];
			/* U+2026 is one cell wide */
			int len = snprintf(more, sizeof more, "\xE2\x80\xA6 and %u more", n - k);
			if (f)
				fprintf(f, "\xE2\x80\xA6 and %u more", n - k);
			return w + (size_t)len - 2;
		}
		w += sl_text_escape(f, c->items[k], md);
	}
	return w;
}
