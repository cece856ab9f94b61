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
 * (out-of-range month, day, hour ... included). */
int sl_time_parse(const char *s, size_t len, int64_t *out);

/* Days since epoch <-> civil date (proleptic Gregorian). */
int64_t sl_days_from_civil(int64_t y, unsigned m, unsigned d);
void sl_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);

/* Format as "YYYY-MM-DDThh:mm:ssZ" (buf >= 32); fraction dropped. Returns buf. */
char *sl_time_format(int64_t t, char *buf, size_t size);

#endif
