/* write.c — picks the writer for a format, and the helpers every writer shares. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "sltime.h"
#include "util.h"
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
	static const struct sl_write_opts defaults = { SL_FMT_TEXT, 0, 0, 0, 0, NULL };
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

/* Cells a code point takes on a terminal: East Asian Wide and Fullwidth (Unicode 15, UAX #11)
 * and emoji presentation take two, combining marks and zero-width ones none. */
static int cp_width(int32_t cp)
{
	static const int32_t zero[][2] = {
		{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x0610, 0x061A },
		{ 0x064B, 0x065F }, { 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF }, { 0x200B, 0x200D },
		{ 0x20D0, 0x20FF }, { 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F }, { 0xE0100, 0xE01EF },
	};
	static const int32_t wide[][2] = {
		{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A }, { 0x23E9, 0x23EC },
		{ 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 }, { 0x25FD, 0x25FE }, { 0x2614, 0x2615 },
		{ 0x2648, 0x2653 }, { 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
		{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 }, { 0x26CE, 0x26CE },
		{ 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA }, { 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 },
		{ 0x26FA, 0x26FA }, { 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
		{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E }, { 0x2753, 0x2755 },
		{ 0x2757, 0x2757 }, { 0x2795, 0x2797 }, { 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF },
		{ 0x2B1B, 0x2B1C }, { 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x303E },
		{ 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF }, { 0xA000, 0xA4CF },
		{ 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF }, { 0xFE10, 0xFE19 },
		{ 0xFE30, 0xFE6F }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x16FE0, 0x16FE4 },
		{ 0x17000, 0x18AFF }, { 0x1B000, 0x1B2FF }, { 0x1F004, 0x1F004 }, { 0x1F0CF, 0x1F0CF },
		{ 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A }, { 0x1F200, 0x1F251 }, { 0x1F300, 0x1F64F },
		{ 0x1F680, 0x1F6FF }, { 0x1F900, 0x1F9FF }, { 0x1FA70, 0x1FAFF }, { 0x20000, 0x2FFFD },
		{ 0x30000, 0x3FFFD },
	};
	size_t lo = 0, hi = sizeof wide / sizeof wide[0];
	if (cp < 0x0300)
		return 1;
	for (size_t i = 0; i < sizeof zero / sizeof zero[0]; i++)
		if (cp >= zero[i][0] && cp <= zero[i][1])
			return 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < wide[mid][0])
			hi = mid;
		else if (cp > wide[mid][1])
			lo = mid + 1;
		else
			return 2;
	}
	return 1;
}

/* Characters that change how the text around them is shown, without showing themselves. */
static int invisible(int32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

/* The next display unit of p (n bytes left): its length in bytes *len, the escape to show
 * instead (esc[0] == '\0': the bytes as they are) and its width in cells. */
static size_t unit(const unsigned char *p, size_t n, int md, size_t *len, char esc[32])
{
	int32_t cp = sl_utf8_decode(p, n, len);
	size_t i;
	esc[0] = '\0';
	if (cp < 0) {
		for (i = 0; i < *len; i++)
			snprintf(esc + 4 * i, 32 - 4 * i, "\\x%02x", p[i]);
	} else if (cp == '\n') {
		strcpy(esc, "\\n");
	} else if (cp == '\t') {
		strcpy(esc, "\\t");
	} else if (cp == '\r') {
		strcpy(esc, "\\r");
	} else if (cp == 0x1B) {
		strcpy(esc, "\\e");
	} else if (cp < 0x20 || cp == 0x7F) {
		snprintf(esc, 32, "\\x%02x", (unsigned)cp);
	} else if (cp >= 0x80 && cp <= 0x9F) {
		/* the bytes, so that \xNN always means one byte of the input */
		snprintf(esc, 32, "\\x%02x\\x%02x", p[0], p[1]);
	} else if (invisible(cp)) {
		snprintf(esc, 32, "\\u%04x", (unsigned)cp);
	} else if (md && cp < 0x80 && strchr("\\|<>[]`", (int)cp)) {
		esc[0] = '\\';
		esc[1] = (char)cp;
		esc[2] = '\0';
	}
	return esc[0] ? strlen(esc) : (size_t)cp_width(cp);
}

size_t sl_text_put(FILE *f, const char *s, int md, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = s ? strlen(s) : 0, len, w = 0, uw;
	char esc[32];
	/* a text wider than max: whole units in max - 1 cells, then the ellipsis */
	int cut = max != SIZE_MAX && sl_text_put(NULL, s, md, SIZE_MAX) > max;
	size_t room = cut ? (max ? max - 1 : 0) : SIZE_MAX;

	while (n) {
		uw = unit(p, n, md, &len, esc);
		if (cut && w + uw > room)
			break;
		if (f) {
			if (esc[0])
				fputs(esc, f);
			else
				fwrite(p, 1, len, f);
		}
		w += uw;
		p += len;
		n -= len;
	}
	if (cut && max) {
		if (f)
			fputs("\xE2\x80\xA6", f);
		w++;
	}
	return w;
}

size_t sl_text_escape(FILE *f, const char *s, int md)
{
	return sl_text_put(f, s, md, SIZE_MAX);
}

char *sl_list_join(const struct sl_cell *c, const char *sep)
{
	size_t n = 0, sl = strlen(sep);
	char *s, *p;
	if (c->null)
		return NULL;
	for (uint32_t k = 0; k < c->nitems; k++)
		n += (c->items[k][0] ? strlen(c->items[k]) : 1) + sl;
	p = s = sl_xmalloc(n + 1);
	for (uint32_t k = 0; k < c->nitems; k++) {
		/* an element without a value (a step without a method) shows as no value, like a
		 * cell without one, not as nothing between two separators */
		const char *item = c->items[k][0] ? c->items[k] : "-";
		size_t len = strlen(item);
		if (k) {
			memcpy(p, sep, sl);
			p += sl;
		}
		memcpy(p, item, len);
		p += len;
	}
	*p = '\0';
	return s;
}

size_t sl_list_escape(FILE *f, const struct sl_cell *c, int md)
{
	size_t w = 0;
	for (uint32_t k = 0; !c->null && k < c->nitems; k++) {
		if (k) {
			if (f)
				fputs("; ", f);
			w += 2;
		}
		w += sl_text_escape(f, c->items[k][0] ? c->items[k] : "-", md);
	}
	return w;
}

char *sl_text_escaped(const char *s)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *m = open_memstream(&buf, &size);
	if (!m)
		sl_die(SL_EXIT_ERROR, "out of memory");
	sl_text_escape(m, s, 0);
	if (fclose(m) != 0)
		sl_die(SL_EXIT_ERROR, "out of memory");
	return buf;
}
