/* codes.c — error-code name lookup over the table built from src/aadsts-codes.tsv. */
#include <stdlib.h>
#include "codes.h"

struct code { int64_t code; const char *name; };

static struct code table[] = {
#include "codes.inc"
};
static int sorted;

static int cmp(const void *a, const void *b)
{
	int64_t x = ((const struct code *)a)->code, y = ((const struct code *)b)->code;
	return (x > y) - (x < y);
}

const char *sl_code_name(int64_t code)
{
	struct code key = { code, NULL }, *hit;
	if (!sorted) {
		qsort(table, sizeof table / sizeof table[0], sizeof table[0], cmp);
		sorted = 1;
	}
	hit = bsearch(&key, table, sizeof table / sizeof table[0], sizeof table[0], cmp);
	return hit ? hit->name : NULL;
}
