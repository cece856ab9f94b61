/* unit_store.c — dictionary, store, JSON splitter and record parser. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "dict.h"
#include "read_json.h"
#include "sltime.h"
#include "store.h"
#include "unit.h"

static void test_dict(void)
{
	struct sl_dict d;
	char buf[32];
	sl_dict_init(&d);
	CHECK(sl_dict_intern(&d, "", 0, sl_hash("", 0)) == 0);
	uint32_t a = sl_dict_intern(&d, "alice", 5, sl_hash("alice", 5));
	uint32_t b = sl_dict_intern(&d, "bob", 3, sl_hash("bob", 3));
	CHECK(a == 1 && b == 2);
	CHECK(sl_dict_intern(&d, "alice", 5, sl_hash("alice", 5)) == 1);
	CHECK(sl_dict_find(&d, "bob", 3, sl_hash("bob", 3)) == 2);
	CHECK(sl_dict_find(&d, "carol", 5, sl_hash("carol", 5)) == 0);
	CHECK_STR(sl_dict_str(&d, 1), "alice");
	/* embedded NUL and prefixes are distinct values */
	CHECK(sl_dict_intern(&d, "ali", 3, sl_hash("ali", 3)) == 3);
	CHECK(sl_dict_intern(&d, "a\0b", 3, sl_hash("a\0b", 3)) == 4);
	CHECK(sl_dict_len(&d, 4) == 3);
	/* growth keeps codes stable and in insertion order */
	for (int i = 0; i < 100000; i++) {
		int n = snprintf(buf, sizeof buf, "v%d", i);
		uint32_t c = sl_dict_intern(&d, buf, (size_t)n, sl_hash(buf, (size_t)n));
		if (c != (uint32_t)i + 5) {
			CHECK(c == (uint32_t)i + 5);
			break;
		}
	}
	CHECK(d.n == 100005);
	CHECK(sl_dict_find(&d, "v77777", 6, sl_hash("v77777", 6)) == 77782);
	CHECK_STR(sl_dict_str(&d, 77782), "v77777");
	CHECK(sl_dict_find(&d, "alice", 5, sl_hash("alice", 5)) == 1);
	sl_dict_free(&d);
}

/* Values that differ in one byte, at every position of every length up to 40, stay apart
 * (the comparison reads 8 and 4 bytes at a time, overlapping at the end); a value longer
 * than a chunk of records gets its own. */
/* The hash of earlier versions: unkeyed multiply-xorshift over 8-byte words. */
static uint64_t old_hash(const char *s, size_t len)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ (len * 0xff51afd7ed558ccdull), w;
	for (size_t n = len; n >= 8; n -= 8, s += 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
	}
	return h;
}

/* Hash flooding: 131072 values that all have one hash under the old unkeyed hash (flip the
 * top bit of a word and two bits of the next: the multiply-xorshift state comes out the
 * same). Under the keyed hash they spread: no probe runs long. */
static void test_dict_flood(void)
{
	enum { PAIRS = 17, LEN = PAIRS * 16 };
	const uint64_t d = (uint64_t)1 << 63 ^ (uint64_t)1 << 32;
	char base[LEN], key[LEN];
	struct sl_dict dict;
	int same = 1;
	for (size_t i = 0; i < LEN; i++)
		base[i] = (char)('a' + i % 26);
	uint64_t h0 = old_hash(base, LEN);
	sl_dict_init(&dict);
	for (uint32_t k = 0; k < (1u << PAIRS); k++) {
		memcpy(key, base, LEN);
		for (int b = 0; b < PAIRS; b++)
			if (k >> b & 1) {
				uint64_t w0, w1;
				memcpy(&w0, key + 16 * b, 8);
				memcpy(&w1, key + 16 * b + 8, 8);
				w0 ^= (uint64_t)1 << 63;
				w1 ^= d;
				memcpy(key + 16 * b, &w0, 8);
				memcpy(key + 16 * b + 8, &w1, 8);
			}
		same &= old_hash(key, LEN) == h0;
		sl_dict_intern(&dict, key, LEN, sl_hash(key, LEN));
	}
	CHECK(same);                            /* they do flood the old hash */
	CHECK(dict.n == (1u << PAIRS) + 1);
	uint32_t longest = 0;
	for (uint32_t i = 0; i <= dict.mask; i++) {
		uint64_t v = dict.slots[i];
		if (!v)
			continue;
		uint32_t dist = (i - (uint32_t)(v >> 32)) & dict.mask;
		if (dist > longest)
			longest = dist;
	}
	if (longest >= 200)
		fprintf(stderr, "unit_store: longest probe %u\n", longest);
	CHECK(longest < 200);
	sl_dict_free(&dict);
}

static void test_dict_lengths(void)
{
	struct sl_dict d;
	char v[41];
	uint32_t want = 1;
	int bad = 0;
	sl_dict_init(&d);
	for (size_t n = 1; n <= 40; n++) {
		memset(v, 'x', n);
		if (sl_dict_intern(&d, v, n, sl_hash(v, n)) != want++)
			bad++;
		for (size_t i = 0; i < n; i++) {
			v[i] = 'y';
			if (sl_dict_intern(&d, v, n, sl_hash(v, n)) != want++)
				bad++;
			v[i] = 'x';
		}
	}
	CHECK(bad == 0);
	memset(v, 'x', 40);
	v[39] = 'y';
	CHECK(sl_dict_find(&d, v, 40, sl_hash(v, 40)) == want - 1);
	CHECK(sl_dict_len(&d, want - 1) == 40);
	size_t big = (size_t)3 << 20;
	char *b = malloc(big);
	memset(b, 'z', big);
	uint32_t c = sl_dict_intern(&d, b, big, sl_hash(b, big));
	CHECK(c == want && sl_dict_len(&d, c) == big && memcmp(sl_dict_str(&d, c), b, big) == 0);
	CHECK(sl_dict_intern(&d, "after", 5, sl_hash("after", 5)) == want + 1);
	CHECK(sl_dict_find(&d, b, big, sl_hash(b, big)) == c);
	free(b);
	sl_dict_free(&d);
}

/* Split text into docs and parse them all into rows. */
static size_t parse_all(const char *text, struct sl_row **rows, size_t *cap, struct sl_arena *a,
                        struct sl_jparser *p)
{
	struct sl_jscan sc;
	struct sl_doc *docs = NULL;
	size_t ndocs = 0, dcap = 0, nrows = 0;
	sl_jscan_init(&sc);
	sl_jscan_feed(&sc, text, strlen(text), 1, &docs, &ndocs, &dcap);
	for (size_t i = 0; i < ndocs; i++)
		sl_json_parse_doc(p, text + docs[i].off, docs[i].len, docs[i].line, docs[i].at_eof, a, rows, &nrows, cap);
	free(docs);
	return nrows;
}

/* Pack a row as the ingest does and add it by the de-duplication rule. */
static enum sl_add_result add(struct sl_store *s, const struct sl_row *r, struct sl_arena *a)
{
	struct sl_prow h;
	struct sl_pval v[SL_PACK_MAX];
	size_t other;
	sl_store_pack(s, r, &h, v, a);
	return sl_store_add_packed(s, &h, v, 0, &other);
}

static void test_scan_split(void)
{
	/* feeding byte by byte finds the same records as feeding everything at once */
	const char *text = "\n[{\"a\":\"x]\\\"}\"},{\"b\":[1,{}]}]\n{\"@odata.context\":\"c\",\"value\":[{\"c\":1},{\"d\":2}],"
	                   "\"@odata.nextLink\":\"n\"}{\"records\":[{\"e\":3}]}\n{\"f\":4}\n";
	struct sl_jscan sc;
	struct sl_doc *docs = NULL;
	size_t nd = 0, dc = 0, len = strlen(text);
	char *buf = malloc(len + 1);
	size_t have = 0, base = 0;
	const char *want[] = { "{\"a\":\"x]\\\"}\"}", "{\"b\":[1,{}]}", "{\"c\":1}", "{\"d\":2}", "{\"e\":3}", "{\"f\":4}" };
	sl_jscan_init(&sc);
	int ok = 1;
	size_t got = 0;
	for (size_t i = 0; i < len; i++) {
		buf[have++] = text[i];
		size_t before = nd;
		size_t keep = sl_jscan_feed(&sc, buf, have, i + 1 == len, &docs, &nd, &dc);
		for (size_t k = before; k < nd; k++, got++) {
			if (got >= 6 || docs[k].len != strlen(want[got]) || memcmp(buf + docs[k].off, want[got], docs[k].len) != 0)
				ok = 0;
		}
		memmove(buf, buf + keep, have - keep);
		have -= keep;
		base += keep;
		sl_jscan_rebase(&sc, keep);
	}
	CHECK(ok);
	CHECK(got == 6);
	CHECK(sc.depth == 0);
	free(buf);
	free(docs);
}

static void test_parse(void)
{
	struct sl_arena a;
	struct sl_jparser *p = sl_jparser_new();
	struct sl_row *rows = NULL;
	size_t cap = 0, n;
	sl_arena_init(&a, 1 << 16);
	sl_json_init(NULL);

	/* a diagnostic envelope: the sign-in time is properties.createdDateTime, not "time" */
	n = parse_all("{\"time\":\"2026-03-01T10:02:00Z\",\"category\":\"NonInteractiveUserSignInLogs\",\"resultType\":\"0\","
	              "\"location\":\"US\",\"properties\":{\"id\":\"r1\",\"createdDateTime\":\"2026-03-01T10:00:00+02:00\","
	              "\"UserPrincipalName\":\"Alice@Contoso.COM\",\"status\":{\"errorCode\":50074},"
	              "\"location\":{\"city\":\"M\\u00fcnchen\",\"countryOrRegion\":\"DE\"},"
	              "\"authenticationDetails\":[{\"authenticationMethod\":\"Password\",\"succeeded\":true},"
	              "{\"authenticationMethod\":\"Mobile app notification\",\"succeeded\":false}],"
	              "\"riskEventTypes\":[\"a\"],\"riskEventTypes_v2\":[\"b\",\"c\"]}}\n", &rows, &cap, &a, p);
	CHECK(n == 1);
	CHECK(rows[0].error == NULL);
	int64_t want;
	sl_time_parse("2026-03-01T08:00:00Z", 20, &want);
	CHECK(rows[0].f[SL_F_TIME].i == want);
	CHECK(rows[0].f[SL_F_ERROR_CODE].i == 50074);
	CHECK(rows[0].f[SL_F_STATUS].i == SL_ST_INTERRUPTED);
	CHECK(rows[0].f[SL_F_EVENT_TYPE].i == SL_EV_NONINTERACTIVE);
	CHECK(rows[0].f[SL_F_COUNTRY].len == 2 && memcmp(rows[0].f[SL_F_COUNTRY].s, "DE", 2) == 0);
	CHECK(rows[0].f[SL_F_CITY].len == 8 && memcmp(rows[0].f[SL_F_CITY].s, "M\xc3\xbcnchen", 8) == 0);
	CHECK(rows[0].userkey.len == 17 && memcmp(rows[0].userkey.s, "alice@contoso.com", 17) == 0);
	CHECK(rows[0].list[SL_LIST_AUTH].n == 2);
	CHECK(rows[0].list[SL_LIST_RISK].n == 2);

	/* Log Analytics form: JSON text inside string columns */
	n = parse_all("{\"TimeGenerated\":\"2026-03-01T10:00:05Z\",\"CreatedDateTime\":\"2026-03-01T10:00:00Z\",\"Id\":\"r2\","
	              "\"ResultType\":\"50126\",\"Location\":\"FR\",\"LocationDetails\":\"{\\\"countryOrRegion\\\":\\\"BE\\\"}\","
	              "\"Category\":\"ServicePrincipalSignInLogs\",\"ServicePrincipalId\":\"sp\"}", &rows, &cap, &a, p);
	CHECK(n == 1 && rows[0].error == NULL);
	CHECK(rows[0].f[SL_F_STATUS].i == SL_ST_FAILURE);
	CHECK(rows[0].f[SL_F_COUNTRY].len == 2 && memcmp(rows[0].f[SL_F_COUNTRY].s, "BE", 2) == 0);
	CHECK(rows[0].f[SL_F_EVENT_TYPE].i == SL_EV_SP);
	CHECK(!rows[0].userkey.set);

	/* rejections */
	n = parse_all("{\"id\":\"x\",\"status\":{\"errorCode\":0}}\n{\"createdDateTime\":\"2026-02-30T00:00:00Z\",\"id\":\"y\"}\n"
	              "{\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"id\":\"z\"}\n[1]\n{\"id\":\"w\",", &rows, &cap, &a, p);
	CHECK(n == 5);
	CHECK(rows[0].error && strstr(rows[0].error, "no sign-in time"));
	CHECK(rows[1].error && strstr(rows[1].error, "unparseable"));
	/* no error code: a sign-in of unknown status */
	CHECK(rows[2].error == NULL && rows[2].f[SL_F_STATUS].i == SL_ST_UNKNOWN);
	CHECK(rows[3].error && strstr(rows[3].error, "not a JSON object"));
	CHECK(rows[4].error && strstr(rows[4].error, "truncated"));

	/* invalid UTF-8 and a lone surrogate become U+FFFD and are flagged */
	n = parse_all("{\"id\":\"u\",\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"status\":{\"errorCode\":0},"
	              "\"userDisplayName\":\"a\xff\\ud800z\"}", &rows, &cap, &a, p);
	CHECK(n == 1 && rows[0].invalid_utf8);
	CHECK(rows[0].f[SL_F_USER_NAME].len == 8 && memcmp(rows[0].f[SL_F_USER_NAME].s, "a\xef\xbf\xbd\xef\xbf\xbdz", 8) == 0);

	/* store: duplicates by request id, list offsets, missing values */
	struct sl_store s;
	sl_store_init(&s, NULL);
	n = parse_all("[{\"id\":\"a\",\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"status\":{\"errorCode\":0},\"ipAddress\":\"10.0.0.1\","
	              "\"appliedConditionalAccessPolicies\":[{\"displayName\":\"P1\",\"result\":\"success\"}]},"
	              "{\"id\":\"b\",\"createdDateTime\":\"2026-03-01T00:00:01Z\",\"status\":{\"errorCode\":1},\"ipAddress\":\"10.0.0.1\"},"
	              "{\"id\":\"a\",\"createdDateTime\":\"2026-03-01T00:00:02Z\",\"status\":{\"errorCode\":2}}]", &rows, &cap, &a, p);
	CHECK(n == 3);
	CHECK(add(&s, &rows[0], &a) == SL_ADD_NEW);
	CHECK(add(&s, &rows[1], &a) == SL_ADD_NEW);
	/* the same request id at another time: another sign-in */
	CHECK(add(&s, &rows[2], &a) == SL_ADD_CONFLICT);
	CHECK(s.n == 3);
	CHECK(s.col[SL_F_IP].dict.n == 2);
	CHECK(s.col[SL_F_IP].v.code[0] == s.col[SL_F_IP].v.code[1]);
	CHECK(s.col[SL_F_ERROR_CODE].v.i32[1] == 1);
	CHECK(s.col[SL_F_ASN].v.i32[0] == SL_INT_NONE);
	CHECK(isnan(s.col[SL_F_LATITUDE].v.dbl[0]));
	CHECK(s.col[SL_F_COMPLIANT].v.u8[0] == SL_BOOL_NONE);
	CHECK(s.loff[SL_LIST_CAP][0] == 0 && s.loff[SL_LIST_CAP][1] == 1 && s.loff[SL_LIST_CAP][2] == 1);
	CHECK_STR(sl_store_str(&s, SL_F_CA_POLICY, 0), "P1");
	CHECK_STR(sl_store_str(&s, SL_F_CA_RESULT, 0), "success");
	sl_store_free(&s);

	/* GUID columns: canonical GUIDs as bytes, anything else through the dictionary */
	char buf[40];
	sl_store_init(&s, NULL);
	n = parse_all("{\"id\":\"0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\",\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"status\":{\"errorCode\":0}}\n"
	              "{\"id\":\"0A1B2C3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D\",\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"status\":{\"errorCode\":0}}\n"
	              "{\"id\":\"ffffffff-ffff-ffff-ffff-ffff00000001\",\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"status\":{\"errorCode\":0}}\n"
	              "{\"id\":\"00000000-0000-0000-0000-000000000000\",\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"status\":{\"errorCode\":0}}\n"
	              "{\"id\":\"not-a-guid\",\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"status\":{\"errorCode\":0}}\n"
	              "{\"id\":\"not-a-guid\",\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"status\":{\"errorCode\":0}}\n"
	              "{\"id\":\"0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\",\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"status\":{\"errorCode\":0}}\n"
	              "{\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"userId\":\"u\",\"status\":{\"errorCode\":0}}\n", &rows, &cap, &a, p);
	CHECK(n == 8);
	int loaded = 0;
	for (size_t k = 0; k < n; k++)
		loaded += add(&s, &rows[k], &a) <= SL_ADD_CONFLICT;
	/* GUIDs compare case-insensitively: the upper-case one is a revision (other text) */
	CHECK(loaded == 5);
	CHECK_STR(sl_store_text(&s, SL_F_REQUEST_ID, 0, buf), "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d");
	CHECK_STR(sl_store_text(&s, SL_F_REQUEST_ID, 1, buf), "ffffffff-ffff-ffff-ffff-ffff00000001");
	CHECK_STR(sl_store_text(&s, SL_F_REQUEST_ID, 2, buf), "00000000-0000-0000-0000-000000000000");
	CHECK_STR(sl_store_text(&s, SL_F_REQUEST_ID, 3, buf), "not-a-guid");
	CHECK_STR(sl_store_text(&s, SL_F_REQUEST_ID, 4, buf), "");
	sl_store_free(&s);

	/* the rule: duplicate, revision (fills what is missing, brings list elements, replaces
	 * nothing), conflict; id-less records by their text */
	sl_store_init(&s, NULL);
	n = parse_all("{\"id\":\"r\",\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"userPrincipalName\":\"a@x\",\"status\":{\"errorCode\":0},"
	              "\"riskLevelDuringSignIn\":\"high\",\"appliedConditionalAccessPolicies\":[{\"displayName\":\"P1\",\"result\":\"success\"}]}\n"
	              "{\"id\":\"r\",\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"userPrincipalName\":\"a@x\",\"status\":{\"errorCode\":0},"
	              "\"riskLevelDuringSignIn\":\"high\",\"appliedConditionalAccessPolicies\":[{\"displayName\":\"P1\",\"result\":\"success\"}]}\n"
	              "{\"id\":\"R\",\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"userPrincipalName\":\"A@X\",\"status\":{\"errorCode\":0},"
	              "\"riskLevelDuringSignIn\":\"low\",\"ipAddress\":\"10.0.0.9\",\"appliedConditionalAccessPolicies\":[{\"displayName\":\"P2\",\"result\":\"failure\"},"
	              "{\"displayName\":\"P1\",\"result\":\"success\"}]}\n"
	              "{\"id\":\"r\",\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"userPrincipalName\":\"b@x\",\"status\":{\"errorCode\":50126}}\n"
	              "{\"id\":\"q\",\"createdDateTime\":\"2026-03-01T00:00:05Z\",\"userPrincipalName\":\"a@x\",\"status\":{\"errorCode\":0}}\n"
	              "{\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"userId\":\"u\",\"status\":{\"errorCode\":0}}\n"
	              "{\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"userId\":\"u\",\"status\":{\"errorCode\":0}}\n"
	              "{\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"userId\":\"u\",\"status\":{\"errorCode\":1}}\n"
	              "{\"id\":\"r\",\"createdDateTime\":\"2026-03-01T00:00:00.250Z\",\"userPrincipalName\":\"b@x\",\"status\":{\"errorCode\":50126},\"ipAddress\":\"10.0.0.7\"}\n"
	              "{\"id\":\"r\",\"createdDateTime\":\"2026-03-01T00:00:00Z\",\"userPrincipalName\":\"b@x\",\"status\":{\"errorCode\":50126},\"x\":1}\n",
	              &rows, &cap, &a, p);
	CHECK(n == 10);
	/* ... the last two: the conflicting sign-in again, to the second, with an address it
	 * lacked (a revision), then with only a member no field reads (a duplicate) */
	static const enum sl_add_result expect[] = { SL_ADD_NEW, SL_ADD_DUPLICATE, SL_ADD_REVISED, SL_ADD_CONFLICT, SL_ADD_NEW,
	                                           SL_ADD_NEW, SL_ADD_DUPLICATE, SL_ADD_NEW, SL_ADD_REVISED, SL_ADD_DUPLICATE };
	for (size_t k = 0; k < n; k++)
		CHECK(add(&s, &rows[k], &a) == expect[k]);
	sl_store_finish(&s);
	CHECK(s.n == 5);
	CHECK_STR(sl_store_str(&s, SL_F_RISK_DURING, 0), "high");       /* not replaced */
	CHECK_STR(sl_store_str(&s, SL_F_IP, 0), "10.0.0.9");            /* filled */
	CHECK(s.loff[SL_LIST_CAP][1] - s.loff[SL_LIST_CAP][0] == 2);    /* P1 once, P2 added */
	CHECK_STR(sl_store_str(&s, SL_F_CA_POLICY, s.loff[SL_LIST_CAP][0] + 1), "P2");
	CHECK_STR(sl_store_str(&s, SL_F_CA_RESULT, s.loff[SL_LIST_CAP][0] + 1), "failure");
	CHECK(s.col[SL_F_IP].dict.n == 3);
	CHECK_STR(sl_store_str(&s, SL_F_IP, 1), "10.0.0.7");
	sl_store_free(&s);

	free(rows);
	sl_jparser_free(p);
	sl_arena_free(&a);
}

int main(void)
{
	test_dict();
	test_dict_flood();
	test_dict_lengths();
	test_scan_split();
	test_parse();
	return unit_done();
}
