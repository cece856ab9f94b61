/* filter.h — the selection of sign-ins every report runs on: named filters, --where, --match. */
#ifndef SL_FILTER_H
#define SL_FILTER_H
#include <stddef.h>
#include <stdint.h>
#include "store.h"

/* Terms of one field or named filter are ORed; different ones are ANDed; each FIELD!=VALUE
 * must hold on its own. The filter owns its terms and compiled patterns. */
struct sl_filter;

struct sl_filter *sl_filter_new(void);
void sl_filter_free(struct sl_filter *f);
/* Add the term of a command-line option (its long name without dashes, e.g. "country",
 * "where", "match") with its value (NULL for flags). Returns 0, or -1 with a message. */
int sl_filter_add(struct sl_filter *f, const char *option, const char *value, char *err, size_t errlen);
int sl_filter_active(const struct sl_filter *f);
/* Mark the fields the filter reads in want[]. */
void sl_filter_fields(const struct sl_filter *f, uint8_t want[SL_F__COUNT]);
/* keep[i] = 1 for the rows of s that pass. Each predicate on a text field runs once per
 * distinct value of its dictionary; rows are then selected by code. Returns 0, or -1 with a
 * message when a --match pattern cannot be evaluated on a value within the documented limits
 * (then no row is kept: the selection is unknown, and no report may be made of it). */
int sl_filter_eval(const struct sl_filter *f, const struct sl_store *s, uint8_t *keep, char *err, size_t errlen);
/* The filter as the user gave it, for report headers ("" when none). */
const char *sl_filter_text(const struct sl_filter *f);

/* An address or network ("10.0.0.0/8", "2001:db8::/32", "192.0.2.7") as 16 bytes (IPv4
 * mapped into IPv6) and a prefix length. Returns 0, or -1 when it is not one. */
int sl_net_parse(const char *s, unsigned char net[16], int *bits);
/* Is the address ip (text) inside the network? */
int sl_net_contains(const char *ip, const unsigned char net[16], int bits);

#endif
