/* row_compare.h — do two readers' rows hold the same values? For tests that parse one input
 * two ways (unit_split.c, tests/fuzz/fuzz_read_json.c). */
#ifndef SL_ROW_COMPARE_H
#define SL_ROW_COMPARE_H
#include <string.h>
#include "field.h"
#include "row.h"

static inline int sl_test_same_val(const struct sl_val *a, const struct sl_val *b)
{
	if (a->set != b->set)
		return 0;
	if (!a->set)
		return 1;
	return a->len == b->len && (!a->len || memcmp(a->s, b->s, a->len) == 0) && a->i == b->i &&
	       (a->d == b->d || (a->d != a->d && b->d != b->d));
}

/* Same count, errors, lines and values of the loaded fields (loaded[f]; the slots of the
 * others are never written) and of every list. */
static inline int sl_test_same_rows(const struct sl_row *a, size_t na, const struct sl_row *b, size_t nb,
                                    const uint8_t loaded[SL_F__COUNT])
{
	if (na != nb)
		return 0;
	for (size_t r = 0; r < na; r++) {
		if (!a[r].error != !b[r].error || a[r].line != b[r].line || a[r].invalid_utf8 != b[r].invalid_utf8)
			return 0;
		if (a[r].error && strcmp(a[r].error, b[r].error) != 0)
			return 0;
		if (a[r].error)
			continue;
		for (int f = 0; f < SL_F__COUNT; f++)
			if (loaded[f] && sl_fields[f].list == SL_LIST_NONE && !sl_test_same_val(&a[r].f[f], &b[r].f[f]))
				return 0;
		for (int l = 1; l < SL_LIST__COUNT; l++) {
			if (a[r].list[l].n != b[r].list[l].n)
				return 0;
			for (size_t k = 0; k < a[r].list[l].n * (size_t)sl_list_nfields[l]; k++)
				if (!sl_test_same_val(&a[r].list[l].v[k], &b[r].list[l].v[k]))
					return 0;
		}
	}
	return 1;
}

#endif
