/* fuzz_time.c — the time parser: every spelling the exports use, and what it gives back.
 *
 * Input: the text of a time value. It is parsed month-first and day-first. A value that
 * parses must not be SL_TIME_NONE; one that does not leaves the output alone. A parsed time
 * with a year of four digits prints as ISO 8601 and that text parses back to the same second
 * (the fraction is dropped by flooring, before 1970 too); the civil date of its day converts
 * back to the same day. */
#include <string.h>
#include "fuzz.h"
#include "sltime.h"

#define US_PER_SEC INT64_C(1000000)

static void check(int64_t t)
{
	char buf[64];
	int64_t back = 1, sec, day, y;
	unsigned m, d;
	FUZZ_CHECK(t != SL_TIME_NONE);
	sec = t / US_PER_SEC - (t % US_PER_SEC < 0);
	day = sec / 86400 - (sec % 86400 < 0);
	sl_civil_from_days(day, &y, &m, &d);
	FUZZ_CHECK(m >= 1 && m <= 12 && d >= 1 && d <= 31);
	FUZZ_CHECK(sl_days_from_civil(y, m, d) == day);
	sl_time_format(t, buf, sizeof buf);
	if (y >= 0 && y <= 9999) {
		FUZZ_CHECK(strlen(buf) == 20);
		FUZZ_CHECK(sl_time_parse(buf, strlen(buf), &back) == 0);
		FUZZ_CHECK(back == sec * US_PER_SEC);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	int64_t t = 777, u = 777;
	if (sl_time_parse(s, size, &t) == 0)
		check(t);
	else
		FUZZ_CHECK(t == 777);
	if (sl_time_parse_ex(s, size, SL_TIME_DAY_FIRST, &u) == 0)
		check(u);
	else
		FUZZ_CHECK(u == 777);
	/* the flag changes only slash dates: ISO and /Date()/ values parse alike */
	if (size && s[0] >= '0' && s[0] <= '9' && !memchr(s, '/', size))
		FUZZ_CHECK(t == u);
	return 0;
}
