/* codes.c — error-code lookups over the tables built from src/aadsts-codes.tsv (names) and
 * src/aadsts-explain.tsv (the project's explanations and first remediation steps). */
#include <pthread.h>
#include <stdlib.h>
#include "codes.h"

struct code { int64_t code; const char *name; };
struct explain { int64_t code; const char *text, *remedy; };

static struct code table[] = {
#include "codes.inc"
};
static struct explain explained[] = {
#include "explain.inc"
};
#define NTABLE (sizeof table / sizeof table[0])
#define NEXPLAINED (sizeof explained / sizeof explained[0])

/* Both tables sorted once, on first use (by whichever thread comes first: the case report runs
 * reports side by side), and their union; the data files need no order. */
static pthread_once_t sorted = PTHREAD_ONCE_INIT;
static int64_t known[NTABLE + NEXPLAINED];
static size_t nknown;

/* Every struct here starts with its int64_t code, so one comparison serves all. */
static int cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void sort_once(void)
{
	size_t i = 0, j = 0;
	qsort(table, NTABLE, sizeof table[0], cmp);
	qsort(explained, NEXPLAINED, sizeof explained[0], cmp);
	/* merge the two sorted code lists, dropping codes present in both or twice in one */
	while (i < NTABLE || j < NEXPLAINED) {
		int64_t c;
		if (j == NEXPLAINED || (i < NTABLE && table[i].code <= explained[j].code))
			c = table[i++].code;
		else
			c = explained[j++].code;
		if (nknown == 0 || known[nknown - 1] != c)
			known[nknown++] = c;
	}
}

static void sort_tables(void)
{
	pthread_once(&sorted, sort_once);
}

const char *sl_code_name(int64_t code)
{
	struct code key = { code, NULL }, *hit;
	sort_tables();
	hit = bsearch(&key, table, NTABLE, sizeof table[0], cmp);
	return hit ? hit->name : NULL;
}

const char *sl_code_explanation(int64_t code, const char **remediation)
{
	struct explain key = { code, NULL, NULL }, *hit;
	sort_tables();
	hit = bsearch(&key, explained, NEXPLAINED, sizeof explained[0], cmp);
	if (remediation)
		*remediation = hit ? hit->remedy : NULL;
	return hit ? hit->text : NULL;
}

const int64_t *sl_codes_known(size_t *n)
{
	sort_tables();
	*n = nknown;
	return known;
}
