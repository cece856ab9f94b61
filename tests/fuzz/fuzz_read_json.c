/* fuzz_read_json.c — the JSON reader, through its public API: scanner, record parser, row
 * finish, store.
 *
 * Input: the bytes of a JSON file. It is split into records by the scanner and each record is
 * parsed twice, by a parser that steps over the members no loaded field needs and by one that
 * tokenizes everything (sl_jparser_whole): both must give the same rows. The finished rows
 * are added to a store. Half of the fields are loaded (every other one, and the core ones),
 * so that both stepping over members and reading them, lists included, are exercised. */
#include <string.h>
#include "arena.h"
#include "fuzz.h"
#include "read_json.h"
#include "row.h"
#include "row_compare.h"
#include "store.h"
#include "util.h"

static uint8_t want[SL_F__COUNT];
static struct sl_jparser *skip, *whole;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sl_row *r1, *r2;
	static size_t c1, c2, dcap;
	static struct sl_doc *docs;
	struct sl_arena a1, a2;
	struct sl_jscan sc;
	struct sl_store st;
	size_t ndocs = 0, added = 0;
	const char *buf = (const char *)data;

	if (!skip) {
		for (int f = 0; f < SL_F__COUNT; f += 2)
			want[f] = 1;
		sl_fields_core(want);
		sl_json_init(want);
		sl_row_want(want);
		skip = sl_jparser_new();
		whole = sl_jparser_new();
		sl_jparser_whole(whole, 1);
	}
	sl_arena_init(&a1, 1 << 16);
	sl_arena_init(&a2, 1 << 16);
	sl_store_init(&st, want);
	sl_jscan_init(&sc);
	sl_jscan_feed(&sc, buf, size, 1, &docs, &ndocs, &dcap);
	for (size_t d = 0; d < ndocs; d++) {
		size_t n1 = 0, n2 = 0;
		sl_json_parse_doc(skip, buf + docs[d].off, docs[d].len, docs[d].line, docs[d].at_eof, &a1, &r1, &n1, &c1);
		sl_json_parse_doc(whole, buf + docs[d].off, docs[d].len, docs[d].line, docs[d].at_eof, &a2, &r2, &n2, &c2);
		FUZZ_CHECK(sl_test_same_rows(r1, n1, r2, n2, want));
		for (size_t i = 0; i < n1; i++) {
			if (!r1[i].error)
				sl_row_finish(&r1[i], &a1);
			if (!r1[i].error) {
				sl_store_add(&st, &r1[i]);
				added++;
			}
		}
		sl_arena_reset(&a1);
		sl_arena_reset(&a2);
	}
	FUZZ_CHECK(st.n <= added);
	sl_store_free(&st);
	sl_arena_free(&a1);
	sl_arena_free(&a2);
	return 0;
}
