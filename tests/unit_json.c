/* unit_json.c — strict JSON checking, and the splitter's cut of broken records (whole and fed byte by byte). */
#include <stdlib.h>
#include <string.h>
#include "json_check.h"
#include "read_json.h"
#include "unit.h"

static int ok(const char *t)
{
	struct sl_jerr e;
	return sl_json_check(t, strlen(t), &e) == 0;
}

static const char *why(const char *t)
{
	static char buf[200];
	struct sl_jerr e;
	if (sl_json_check(t, strlen(t), &e) == 0)
		return "ok";
	return sl_jerr_text(&e, buf, sizeof buf);
}

static void test_check(void)
{
	static const char *valid[] = {
		"{}", "[]", " {\"a\":1} ", "{\"a\":[1,-2.5e+3,0,0.5,1E9,true,false,null,\"x\\u00e9\\n\"]}", "\"s\"", "0", "-0",
		"[[[[]]]]", "{\"a\":{\"b\":{}}}", "\r\n\t[1]\n",
	};
	static const char *invalid[] = {
		"", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\":000}", "01", "1.", ".5", "-", "1e", "+1", "{\"a\" 1}", "{a:1}",
		"[1 2]", "{\"a\":1}}", "{\"a\":[1}", "[1}", "\"a\tb\"", "\"\\x\"", "\"\\u12\"", "tru", "True", "NaN",
		"[1,,2]", "{,}", "{\"a\":1,,\"b\":2}", "{}{}", "\"unterminated",
	};
	for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++)
		CHECK(ok(valid[i]));
	for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++)
		if (ok(invalid[i])) {
			fprintf(stderr, "unit_json: accepted %s\n", invalid[i]);
			CHECK(0);
		}
	CHECK_STR(why("{\"a\":1,}"), "a comma before a closing bracket");
	CHECK_STR(why("[1,]"), "a comma before a closing bracket");
	CHECK_STR(why("{\"a\":000}"), "number with a leading zero");
	CHECK_STR(why("{\"a\":[1}"), "'}' closes an array");
	CHECK_STR(why("{\"a\" 1}"), "'1' where ':' was expected after a member name");
	CHECK_STR(why("{\"a\":1}}"), "text after the end of the value");
	CHECK_STR(why("\"a\001b\""), "control byte 0x01 in a string (it must be escaped)");

	/* the nesting cap: 512 levels pass, 513 do not, and a deep text costs linear time */
	size_t n = 2 * 600;
	char *d = malloc(n + 1);
	for (int depth = 511; depth <= 513; depth++) {
		memset(d, '[', (size_t)depth);
		memset(d + depth, ']', (size_t)depth);
		d[2 * depth] = '\0';
		CHECK(ok(d) == (depth <= SL_JSON_MAX_DEPTH));
	}
	CHECK_STR(why(d), "nested deeper than 512 levels");
	free(d);
	size_t big = 4u << 20;
	d = malloc(big + 1);
	memset(d, '[', big);
	d[big] = '\0';
	CHECK(!ok(d));
	free(d);
}

/* Split text (all at once, or fed one byte at a time) and return the docs as "text|flags"
 * lines; flags: e = at_eof, r = resync. */
static char *split(const char *text, int bytewise)
{
	struct sl_jscan sc;
	struct sl_doc *docs = NULL;
	size_t nd = 0, dc = 0, len = strlen(text), have = 0;
	char *buf = malloc(len + 1), *out = calloc(1, 8 * len + 64);
	sl_jscan_init(&sc);
	for (size_t i = 0; i < len || (!bytewise && i == 0); i++) {
		size_t before = nd, keep;
		if (bytewise) {
			buf[have++] = text[i];
		} else {
			memcpy(buf, text, len);
			have = len;
			i = len;
		}
		keep = sl_jscan_feed(&sc, buf, have, i + 1 >= len, &docs, &nd, &dc);
		for (size_t k = before; k < nd; k++) {
			strncat(out, buf + docs[k].off, docs[k].len);
			strcat(out, docs[k].at_eof ? "|e" : docs[k].resync ? "|r" : "|");
			strcat(out, "\n");
		}
		memmove(buf, buf + keep, have - keep);
		have -= keep;
		sl_jscan_rebase(&sc, keep);
	}
	free(buf);
	free(docs);
	return out;
}

static void check_split(const char *text, const char *want)
{
	for (int bytewise = 0; bytewise < 2; bytewise++) {
		char *got = split(text, bytewise);
		if (strcmp(got, want) != 0) {
			fprintf(stderr, "unit_json: split %s (%s):\n%s-- want:\n%s", text, bytewise ? "bytewise" : "whole", got, want);
			CHECK(0);
		} else {
			CHECK(1);
		}
		free(got);
	}
}

static void test_split(void)
{
	/* fine input: every record, nothing flagged */
	check_split("[{\"a\":1},{\"b\":[1,{}]}]\n", "{\"a\":1}|\n{\"b\":[1,{}]}|\n");
	check_split("{\"value\":[{\"a\":1},{\"b\":2}],\"x\":1}", "{\"a\":1}|\n{\"b\":2}|\n");
	check_split("[{\"a\":1},\"s\",2]", "{\"a\":1}|\n\"s\"|\n2|\n");
	/* a record that never closes: cut at the next record, which is read */
	check_split("[{\"a\":1},{\"b\":{\"c\":2},{\"d\":3}]", "{\"a\":1}|\n{\"b\":{\"c\":2}|r\n{\"d\":3}|\n");
	/* ... also when it is the last one */
	check_split("[{\"a\":1},{\"b\":2]", "{\"a\":1}|\n{\"b\":2|r\n");
	/* a stray '}' closes a record early: the record and the rest of it are one doc */
	check_split("[{\"a\":{\"x\":1}},\"ca\":[{\"p\":1},{\"p\":2}],\"z\":1},{\"n\":1}]",
	            "{\"a\":{\"x\":1}},\"ca\":[{\"p\":1},{\"p\":2}],\"z\":1}|r\n{\"n\":1}|\n");
	/* ... in a pretty single object */
	check_split("{\n \"a\": {\"x\": 1}},\n \"ca\": [\n  {\"p\": 1}\n ]\n}\n", "{\n \"a\": {\"x\": 1}},\n \"ca\": [\n  {\"p\": 1}\n ]\n}|r\n");
	/* a closing bracket of the wrong kind closes up to its match; what is left over is part of
	 * the same broken record */
	check_split("[{\"a\":[1}},{\"b\":2}]", "{\"a\":[1}}|r\n{\"b\":2}|\n");
	check_split("[{\"a\":[1}, {\"b\":2}]", "{\"a\":[1}|\n{\"b\":2}|\n");
	/* deeper than tracked: one record, rejected by the parser */
	size_t depth = 700;
	char *t = malloc(4 * depth + 16), *w = malloc(4 * depth + 16);
	char *p = t;
	*p++ = '[';
	for (size_t i = 0; i < depth; i++)
		*p++ = '[';
	for (size_t i = 0; i < depth; i++)
		*p++ = ']';
	strcpy(p, ",{\"n\":1}]");
	memcpy(w, t + 1, 2 * depth);
	strcpy(w + 2 * depth, "|\n{\"n\":1}|\n");
	check_split(t, w);
	free(t);
	free(w);
}

/* What the checked strings held (SL_JSEEN_): the reader skips its UTF-8 look when neither a
 * byte of 0x80 or above nor a \u escape was seen, so every place such a byte can sit in a
 * string must set the bit, and a control byte after one must still be found. */
static unsigned seen(const char *t, int *valid)
{
	struct sl_jerr e;
	*valid = sl_json_check(t, strlen(t), &e) == 0;
	return e.seen;
}

static void test_seen(void)
{
	int v;
	CHECK(seen("{\"a\":\"plain ascii text that is longer than sixteen bytes\",\"b\":[1,true]}", &v) == 0 && v);
	CHECK(seen("{\"a\":\"\xc3\xa9\"}", &v) == SL_JSEEN_HIGH && v);                 /* short: the byte loop */
	CHECK(seen("{\"a\":\"0123456789abcdefghij\xc3\xa9 and more after it, past 16\"}", &v) == SL_JSEEN_HIGH && v);
	CHECK(seen("{\"k\xc3\xa9y0123456789abcdef\":1}", &v) == SL_JSEEN_HIGH && v);       /* in a key */
	CHECK(seen("{\"a\":\"x\\u00e9\"}", &v) == SL_JSEEN_U && v);
	CHECK(seen("{\"a\":\"\\n\\t\\\\ \\/\"}", &v) == 0 && v);                      /* other escapes */
	CHECK(seen("[\"0123456789abcdef\xe2\x82\xac\", \"\\u0041 0123456789abcdef\"]", &v) == (SL_JSEEN_HIGH | SL_JSEEN_U) && v);
	/* after the first high byte the scan changes loops: control bytes and quotes still stop it */
	seen("{\"a\":\"\xc3\xa9 0123456789abcdefghij\x01 0123456789abcdef\"}", &v);
	CHECK(!v);
	seen("{\"a\":\"\xc3\xa9" "0123456789abcdefghij\tX\"}", &v);
	CHECK(!v);
	CHECK(seen("{\"a\":\"\xc3\xa9" "0123456789abcdefghijklmnop\",\"b\":\"0123456789abcdefghijk\"}", &v) == SL_JSEEN_HIGH && v);
	/* a byte of 0x80 or above outside a string is not JSON at all */
	seen("{\"a\":1\xc3\xa9}", &v);
	CHECK(!v);
}

int main(void)
{
	test_check();
	test_seen();
	test_split();
	return unit_done();
}
