/* sltime.h — timestamps: parsing every spelling the exports use, printing ISO 8601 UTC. */
#ifndef SL_TIME_H
#define SL_TIME_H
#include <stddef.h>
#include <stdint.h>

/* Times are int64 microseconds since 1970-01-01T00:00:00Z. SL_TIME_NONE = no value. */
#define SL_TIME_NONE INT64_MIN

/* Parse ISO 8601: YYYY-MM-DD[(T| )hh:mm[:ss[.f{0,9}]]][Z|±hh:mm|±hhmm]; no zone = UTC.
 * Also the US form M/d/yyyy h:mm:ss[ AM|PM] seen in diagnostic "time" fields.
 * Returns 0 and stores microseconds (fraction truncated past 6 digits) or -1 if malformed
 * (out-of-range month, day, hour ... included).
 *
 * Details (all forms; only ASCII spaces around the value are trimmed, nothing else):
 * - ISO: year exactly 4 digits (0000-9999); separator 'T', 't' or one space; a date alone
 *   means midnight UTC; fraction ('.' or ',', 1-9 digits) only after seconds; zone 'Z'/'z',
 *   ±hh:mm, ±hhmm, ±hh (hh <= 23, mm <= 59), "UTC" or "GMT", optionally after one space.
 * - US: M/d/yyyy[,] h:mm[:ss[.fff]][ ]?[AM|PM] [zone]; month/day/hour 1-2 digits; the comma
 *   is the Log Analytics CSV spelling ("3/8/2023, 10:15:41.000 AM"); without AM/PM the hour
 *   is 0-23, with it 1-12 (12 AM = 00h, 12 PM = 12h). A time is required.
 * - Microsoft JSON date "/Date(ms)/" or "/Date(ms±hhmm)/" (also with the JSON escapes
 *   "\/Date(...)\/"): ms since epoch, UTC; the optional offset is informational and ignored
 *   (that is the .NET meaning).
 * - Second 60 (leap second) is accepted and clamped to 59; 61+, hour 24+, minute 60+,
 *   month 0/13+, day past the month's end (Gregorian leap years) and trailing text reject. */
int sl_time_parse(const char *s, size_t len, int64_t *out);

/* Same, with flags. SL_TIME_DAY_FIRST reads the slash form as d/M/yyyy (PowerShell output
 * under a day-first culture, e.g. "15/11/2025 3:55:59 AM"); the caller decides per file. */
#define SL_TIME_DAY_FIRST 1u
int sl_time_parse_ex(const char *s, size_t len, unsigned flags, int64_t *out);

/* The sign-in times signlog accepts: 2000-01-01T00:00:00Z <= t < 2100-01-01T00:00:00Z.
 * Entra ID sign-in logs start in the 2010s; what lies outside is a tool's placeholder
 * (0001-01-01, the 1970 epoch, /Date(0)/) or corruption, and a per-day report over such a span
 * would have millions of periods. */
#define SL_TIME_MIN INT64_C(946684800000000)     /* 2000-01-01T00:00:00Z */
#define SL_TIME_MAX INT64_C(4102444800000000)    /* 2100-01-01T00:00:00Z (excluded) */
static inline int sl_time_plausible(int64_t t)
{
	return t >= SL_TIME_MIN && t < SL_TIME_MAX;
}

/* Days since epoch <-> civil date (proleptic Gregorian). */
int64_t sl_days_from_civil(int64_t y, unsigned m, unsigned d);
void sl_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);

/* Format as "YYYY-MM-DDThh:mm:ssZ" (buf >= 32); fraction dropped (floor, also before 1970).
 * SL_TIME_NONE gives "". Output is truncated (still NUL-terminated) if size is too small.
 * Returns buf. */
char *sl_time_format(int64_t t, char *buf, size_t size);

#endif
