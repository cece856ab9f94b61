/* sltime.c — timestamp parsing (ISO 8601, US M/d/yyyy, /Date(ms)/) and ISO 8601 UTC output. */
#include <stdio.h>
#include <string.h>
#include "sltime.h"

#define US_PER_SEC INT64_C(1000000)
#define US_PER_DAY (INT64_C(86400) * US_PER_SEC)

/* Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms". */
int64_t sl_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, mp, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;                               /* [0, 399] */
	mp = m > 2 ? (int64_t)m - 3 : (int64_t)m + 9;      /* March = 0 */
	doy = (153 * mp + 2) / 5 + (int64_t)d - 1;         /* [0, 365] */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;       /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

void sl_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era, doe, yoe, doy, mp, dd, mm;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	dd = doy - (153 * mp + 2) / 5 + 1;
	mm = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (mm <= 2);
	*m = (unsigned)mm;
	*d = (unsigned)dd;
}

static int is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned month_days(int64_t y, unsigned m)
{
	static const unsigned char len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29u : len[m - 1];
}

/* A cursor over [p, e). */
struct cur {
	const char *p, *e;
};

static int isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* Exactly n digits. */
static int digits(struct cur *c, int n, int *v)
{
	int x = 0, i;
	if (c->e - c->p < n)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isdig(c->p[i]))
			return -1;
		x = x * 10 + (c->p[i] - '0');
	}
	c->p += n;
	*v = x;
	return 0;
}

/* 1 to max digits. */
static int digits_upto(struct cur *c, int max, int *v)
{
	int x = 0, n = 0;
	while (c->p < c->e && n < max && isdig(*c->p)) {
		x = x * 10 + (*c->p - '0');
		c->p++;
		n++;
	}
	if (n == 0 || (c->p < c->e && isdig(*c->p)))
		return -1;
	*v = x;
	return 0;
}

static int eat(struct cur *c, char ch)
{
	if (c->p < c->e && *c->p == ch) {
		c->p++;
		return 1;
	}
	return 0;
}

static int eat_word(struct cur *c, const char *w)
{
	size_t n = strlen(w), i;
	if ((size_t)(c->e - c->p) < n)
		return 0;
	for (i = 0; i < n; i++) {
		char x = c->p[i];
		if (x >= 'a' && x <= 'z')
			x = (char)(x - 32);
		if (x != w[i])
			return 0;
	}
	c->p += n;
	return 1;
}

/* Optional ":ss" then optional fraction; fraction only after seconds.
 * *sec and *frac_us receive the values (0 if absent). */
static int parse_sec_frac(struct cur *c, int *sec, int64_t *frac_us)
{
	*sec = 0;
	*frac_us = 0;
	if (!eat(c, ':'))
		return 0;
	if (digits(c, 2, sec) < 0 || *sec > 60)
		return -1;
	if (*sec == 60)
		*sec = 59;                     /* leap second */
	if (c->p < c->e && (*c->p == '.' || *c->p == ',')) {
		int n = 0;
		int64_t f = 0;
		c->p++;
		while (c->p < c->e && isdig(*c->p)) {
			if (n < 6)
				f = f * 10 + (*c->p - '0');
			n++;
			c->p++;
		}
		if (n == 0 || n > 9)
			return -1;
		for (; n < 6; n++)
			f *= 10;
		*frac_us = f;
	}
	return 0;
}

/* Zone at the cursor (possibly nothing = UTC); an optional single space may precede it.
 * Stores the offset east of UTC in minutes. Must consume the rest of the input. */
static int parse_zone(struct cur *c, int *off_min)
{
	int hh, mm = 0, sign;
	*off_min = 0;
	if (c->p == c->e)
		return 0;
	if (*c->p == ' ' && c->e - c->p > 1)
		c->p++;
	if (*c->p == 'Z' || *c->p == 'z') {
		c->p++;
	} else if (eat_word(c, "UTC") || eat_word(c, "GMT")) {
		/* nothing */
	} else if (*c->p == '+' || *c->p == '-') {
		sign = *c->p == '-' ? -1 : 1;
		c->p++;
		if (digits(c, 2, &hh) < 0 || hh > 23)
			return -1;
		if (eat(c, ':')) {
			if (digits(c, 2, &mm) < 0)
				return -1;
		} else if (c->p < c->e) {
			if (digits(c, 2, &mm) < 0)
				return -1;
		}
		if (mm > 59)
			return -1;
		*off_min = sign * (hh * 60 + mm);
	} else {
		return -1;
	}
	return c->p == c->e ? 0 : -1;
}

static int64_t combine(int y, int mo, int d, int h, int mi, int s, int64_t frac, int off_min)
{
	int64_t days = sl_days_from_civil(y, (unsigned)mo, (unsigned)d);
	int64_t secs = (int64_t)h * 3600 + (int64_t)mi * 60 + s - (int64_t)off_min * 60;
	return days * US_PER_DAY + secs * US_PER_SEC + frac;
}

static int valid_date(int y, int mo, int d)
{
	return mo >= 1 && mo <= 12 && d >= 1 && (unsigned)d <= month_days(y, (unsigned)mo);
}

/* YYYY-MM-DD[(T|t| )hh:mm[:ss[(.|,)f{1,9}]][zone]] */
static int parse_iso(struct cur *c, int64_t *out)
{
	int y, mo, d, h = 0, mi = 0, s = 0, off = 0;
	int64_t frac = 0;
	if (digits(c, 4, &y) < 0 || !eat(c, '-') || digits(c, 2, &mo) < 0 || !eat(c, '-') ||
	    digits(c, 2, &d) < 0)
		return -1;
	if (!valid_date(y, mo, d))
		return -1;
	if (c->p < c->e) {
		if (*c->p != 'T' && *c->p != 't' && *c->p != ' ')
			return -1;
		c->p++;
		if (digits(c, 2, &h) < 0 || h > 23 || !eat(c, ':') || digits(c, 2, &mi) < 0 || mi > 59)
			return -1;
		if (parse_sec_frac(c, &s, &frac) < 0 || parse_zone(c, &off) < 0)
			return -1;
	}
	*out = combine(y, mo, d, h, mi, s, frac, off);
	return 0;
}

/* M/d/yyyy[,] h:mm[:ss[.f]][ ][AM|PM][ zone]  (d/M/yyyy with SL_TIME_DAY_FIRST) */
static int parse_us(struct cur *c, unsigned flags, int64_t *out)
{
	int a, b, y, mo, d, h, mi, s, off, ampm = 0;
	int64_t frac;
	if (digits_upto(c, 2, &a) < 0 || !eat(c, '/') || digits_upto(c, 2, &b) < 0 ||
	    !eat(c, '/') || digits(c, 4, &y) < 0)
		return -1;
	if (c->p < c->e && isdig(*c->p))
		return -1;
	if (flags & SL_TIME_DAY_FIRST) {
		d = a;
		mo = b;
	} else {
		mo = a;
		d = b;
	}
	if (!valid_date(y, mo, d))
		return -1;
	eat(c, ',');
	if (!eat(c, ' '))
		return -1;
	while (eat(c, ' '))
		;
	if (digits_upto(c, 2, &h) < 0 || !eat(c, ':') || digits(c, 2, &mi) < 0 || mi > 59)
		return -1;
	if (parse_sec_frac(c, &s, &frac) < 0)
		return -1;
	{
		struct cur save = *c;
		while (eat(c, ' '))
			;
		if (eat_word(c, "AM"))
			ampm = 1;
		else if (eat_word(c, "PM"))
			ampm = 2;
		else
			*c = save;
	}
	if (ampm) {
		if (h < 1 || h > 12)
			return -1;
		if (ampm == 1 && h == 12)
			h = 0;
		else if (ampm == 2 && h != 12)
			h += 12;
	} else if (h > 23) {
		return -1;
	}
	if (parse_zone(c, &off) < 0)
		return -1;
	*out = combine(y, mo, d, h, mi, s, frac, off);
	return 0;
}

/* /Date(ms[±hhmm])/ ; c is just past "/Date(" and esc says whether "\/" closes it. */
static int parse_msdate(struct cur *c, int esc, int64_t *out)
{
	int neg = 0, n = 0;
	int64_t ms = 0;
	if (eat(c, '-'))
		neg = 1;
	while (c->p < c->e && isdig(*c->p)) {
		if (ms > (INT64_MAX / 1000 - 9) / 10)
			return -1;
		ms = ms * 10 + (*c->p - '0');
		c->p++;
		n++;
	}
	if (n == 0)
		return -1;
	if (c->p < c->e && (*c->p == '+' || *c->p == '-')) {
		int hhmm;
		c->p++;
		if (digits(c, 4, &hhmm) < 0 || hhmm / 100 > 23 || hhmm % 100 > 59)
			return -1;
	}
	if (!eat(c, ')'))
		return -1;
	if (esc && !eat(c, '\\'))
		return -1;
	if (!eat(c, '/') || c->p != c->e)
		return -1;
	*out = (neg ? -ms : ms) * 1000;
	return 0;
}

int sl_time_parse_ex(const char *s, size_t len, unsigned flags, int64_t *out)
{
	struct cur c;
	int64_t t;
	int r;
	if (!s)
		return -1;
	while (len > 0 && *s == ' ') {
		s++;
		len--;
	}
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len == 0)
		return -1;
	c.p = s;
	c.e = s + len;
	if (len >= 6 && memcmp(s, "/Date(", 6) == 0) {
		c.p += 6;
		r = parse_msdate(&c, 0, &t);
	} else if (len >= 7 && memcmp(s, "\\/Date(", 7) == 0) {
		c.p += 7;
		r = parse_msdate(&c, 1, &t);
	} else if (len >= 5 && isdig(s[0]) && isdig(s[1]) && isdig(s[2]) && isdig(s[3]) &&
		   s[4] == '-') {
		r = parse_iso(&c, &t);
	} else {
		r = parse_us(&c, flags, &t);
	}
	if (r < 0)
		return -1;
	*out = t;
	return 0;
}

int sl_time_parse(const char *s, size_t len, int64_t *out)
{
	return sl_time_parse_ex(s, len, 0, out);
}

char *sl_time_format(int64_t t, char *buf, size_t size)
{
	int64_t secs, days, rem, y;
	unsigned m, d;
	if (!buf || size == 0)
		return buf;
	if (t == SL_TIME_NONE) {
		buf[0] = '\0';
		return buf;
	}
	secs = t / US_PER_SEC;
	if (t % US_PER_SEC < 0)
		secs--;
	days = secs / 86400;
	rem = secs % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	sl_civil_from_days(days, &y, &m, &d);
	snprintf(buf, size, "%s%04lld-%02u-%02uT%02d:%02d:%02dZ", y < 0 ? "-" : "",
		 (long long)(y < 0 ? -y : y), m, d, (int)(rem / 3600), (int)(rem / 60 % 60),
		 (int)(rem % 60));
	return buf;
}
