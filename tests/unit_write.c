/* unit_write.c — every writer's exact bytes for small reports, and hostile strings made harmless. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sltime.h"
#include "unit.h"
#include "write.h"

/* 2023-11-14T22:13:20Z */
#define T0 INT64_C(1700000000000000)

/* Renders r in one format; the caller frees. UNIT_WRITE_DUMP=DIR also saves JSON outputs
 * as DIR/NAME.json, so that they can be checked with an independent parser (jq). */
static char *render(const struct sl_report *r, enum sl_format fmt, int ascii, int raw, const char *table)
{
	struct sl_write_opts o = { .format = fmt, .ascii = ascii, .csv_raw = raw, .table = table };
	char *buf = NULL, path[4096];
	size_t len = 0;
	const char *dir = getenv("UNIT_WRITE_DUMP");
	FILE *f = open_memstream(&buf, &len), *d;

	if (!f)
		return NULL;
	CHECK(sl_write(f, r, &o) == 0);
	fclose(f);
	if (dir && fmt == SL_FMT_JSON) {
		snprintf(path, sizeof path, "%s/%s.json", dir, r->name);
		if ((d = fopen(path, "w"))) {
			fputs(buf, d);
			fclose(d);
		}
	}
	return buf;
}

static void check_render(const struct sl_report *r, enum sl_format fmt, int ascii, int raw,
                         const char *want, const char *table, int line)
{
	char *got = render(r, fmt, ascii, raw, table);
	if (!got || strcmp(got, want) != 0)
		fprintf(stderr, "unit_write.c:%d: format %d output differs\n", line, (int)fmt);
	CHECK_STR(got, want);
	free(got);
}
#define EXPECT(r, fmt, ascii, raw, want) check_render(r, fmt, ascii, raw, want, NULL, __LINE__)
#define EXPECT_TABLE(r, fmt, table, want) check_render(r, fmt, 0, 0, want, table, __LINE__)

/* A root KV, a MAP with a bar column and a note, and a TABLE of every cell type. */
static void build_summary(struct sl_report *r)
{
	static const struct sl_column apps[] = {
		{ "app", "App", SL_CT_STR, 0 },
		{ "count", "Sign-ins", SL_CT_INT, 1 },
		{ "share", "Share", SL_CT_PCT, 0 },
	};
	static const struct sl_column fails[] = {
		{ "user", "User", SL_CT_STR, 0 },
		{ "code", "Error", SL_CT_INT, 0 },
		{ "time", "When", SL_CT_TIME, 0 },
		{ "interactive", "Interactive", SL_CT_BOOL, 0 },
		{ "risk", "Risk", SL_CT_FLOAT, 0 },
	};
	struct sl_section *root, *s;
	struct sl_cell *c;

	sl_report_init(r, "summary", "Sign-in summary");
	root = sl_report_section(r, NULL, NULL, SL_SEC_KV, NULL, 0);
	sl_kv_int(r, root, "records", 8);
	sl_kv_pct(r, root, "failure_rate", sl_pct(1, 3));
	sl_kv_time(r, root, "first_seen", T0);
	sl_kv_time(r, root, "last_seen", SL_TIME_NONE);
	sl_kv_str(r, root, "tenant", "contoso");

	s = sl_report_section(r, "apps", "Applications", SL_SEC_MAP, apps, 3);
	c = sl_section_row(r, s);
	sl_cell_cstr(r, &c[0], "Teams");
	sl_cell_int(&c[1], 4);
	sl_cell_dbl(&c[2], sl_pct(4, 8));
	c = sl_section_row(r, s);
	sl_cell_cstr(r, &c[0], "Outlook");
	sl_cell_int(&c[1], 3);
	sl_cell_dbl(&c[2], sl_pct(3, 8));
	c = sl_section_row(r, s);
	sl_cell_cstr(r, &c[0], "Zoë");       /* 3 code points, 4 bytes: widths count code points */
	sl_cell_int(&c[1], 1);
	sl_cell_dbl(&c[2], sl_pct(1, 8));
	s->note = "2 rows cut by --top";

	s = sl_report_section(r, "failures", "Failures", SL_SEC_TABLE, fails, 5);
	c = sl_section_row(r, s);
	sl_cell_cstr(r, &c[0], "alice@contoso.com");
	sl_cell_int(&c[1], 50126);
	sl_cell_int(&c[2], T0);
	sl_cell_int(&c[3], 1);
	sl_cell_dbl(&c[4], 0.125);
	c = sl_section_row(r, s);
	sl_cell_cstr(r, &c[0], "bob");
	sl_cell_int(&c[2], SL_TIME_NONE);
	sl_cell_int(&c[3], 0);
	sl_cell_dbl(&c[4], NAN);
}

static void test_summary(void)
{
	struct sl_report r;
	build_summary(&r);

	EXPECT(&r, SL_FMT_TEXT, 0, 0,
	       "Sign-in summary\n"
	       "\n"
	       "records       8\n"
	       "failure_rate  33.33%\n"
	       "first_seen    2023-11-14T22:13:20Z\n"
	       "last_seen     -\n"
	       "tenant        contoso\n"
	       "\n"
	       "Applications\n"
	       "App      Sign-ins                                   Share\n"
	       "Teams           4  ██████████████████████████████  50.00%\n"
	       "Outlook         3  ██████████████████████▌         37.50%\n"
	       "Zoë             1  ███████▌                        12.50%\n"
	       "  2 rows cut by --top\n"
	       "\n"
	       "Failures\n"
	       "User               Error  When                  Interactive   Risk\n"
	       "alice@contoso.com  50126  2023-11-14T22:13:20Z  true         0.125\n"
	       "bob                    -  -                     false            -\n");

	EXPECT(&r, SL_FMT_TEXT, 1, 0,
	       "Sign-in summary\n"
	       "\n"
	       "records       8\n"
	       "failure_rate  33.33%\n"
	       "first_seen    2023-11-14T22:13:20Z\n"
	       "last_seen     -\n"
	       "tenant        contoso\n"
	       "\n"
	       "Applications\n"
	       "App      Sign-ins                                   Share\n"
	       "Teams           4  ##############################  50.00%\n"
	       "Outlook         3  #######################         37.50%\n"
	       "Zoë             1  ########                        12.50%\n"
	       "  2 rows cut by --top\n"
	       "\n"
	       "Failures\n"
	       "User               Error  When                  Interactive   Risk\n"
	       "alice@contoso.com  50126  2023-11-14T22:13:20Z  true         0.125\n"
	       "bob                    -  -                     false            -\n");

	/* CSV is one table: the primary (the first TABLE), or the one --table names; a key-value
	 * section is a table of key,value */
	EXPECT(&r, SL_FMT_CSV, 0, 0,
	       "user,code,time,interactive,risk\n"
	       "alice@contoso.com,50126,2023-11-14T22:13:20Z,true,0.125\n"
	       "bob,,,false,\n");
	EXPECT_TABLE(&r, SL_FMT_CSV, "summary",
	       "key,value\n"
	       "records,8\n"
	       "failure_rate,33.33\n"
	       "first_seen,2023-11-14T22:13:20Z\n"
	       "last_seen,\n"
	       "tenant,contoso\n");
	EXPECT_TABLE(&r, SL_FMT_CSV, "apps",
	       "app,count,share\n"
	       "Teams,4,50.00\n"
	       "Outlook,3,37.50\n"
	       "Zoë,1,12.50\n");
	/* JSON Lines: every table, each record naming its table; a key-value section is one */
	EXPECT(&r, SL_FMT_JSONL, 0, 0,
	       "{\"table\":\"summary\",\"records\":8,\"failure_rate\":33.33,"
	       "\"first_seen\":\"2023-11-14T22:13:20Z\",\"last_seen\":null,\"tenant\":\"contoso\"}\n"
	       "{\"table\":\"apps\",\"app\":\"Teams\",\"count\":4,\"share\":50.00}\n"
	       "{\"table\":\"apps\",\"app\":\"Outlook\",\"count\":3,\"share\":37.50}\n"
	       "{\"table\":\"apps\",\"app\":\"Zoë\",\"count\":1,\"share\":12.50}\n"
	       "{\"table\":\"failures\",\"user\":\"alice@contoso.com\",\"code\":50126,"
	       "\"time\":\"2023-11-14T22:13:20Z\",\"interactive\":true,\"risk\":0.125}\n"
	       "{\"table\":\"failures\",\"user\":\"bob\",\"code\":null,\"time\":null,"
	       "\"interactive\":false,\"risk\":null}\n");
	EXPECT_TABLE(&r, SL_FMT_JSON, "apps",
	       "{\n"
	       "  \"signlog_output\": 1,\n"
	       "  \"report\": \"summary\",\n"
	       "  \"filter\": {\"expression\": \"\", \"selected\": null, \"of\": null},\n"
	       "  \"apps\": {\n"
	       "    \"Teams\": 4,\n"
	       "    \"Outlook\": 3,\n"
	       "    \"Zoë\": 1\n"
	       "  },\n"
	       "  \"notes\": {\n"
	       "    \"apps\": \"2 rows cut by --top\"\n"
	       "  }\n"
	       "}\n");

	EXPECT(&r, SL_FMT_JSON, 0, 0,
	       "{\n"
	       "  \"signlog_output\": 1,\n"
	       "  \"report\": \"summary\",\n"
	       "  \"filter\": {\"expression\": \"\", \"selected\": null, \"of\": null},\n"
	       "  \"records\": 8,\n"
	       "  \"failure_rate\": 33.33,\n"
	       "  \"first_seen\": \"2023-11-14T22:13:20Z\",\n"
	       "  \"last_seen\": null,\n"
	       "  \"tenant\": \"contoso\",\n"
	       "  \"apps\": {\n"
	       "    \"Teams\": 4,\n"
	       "    \"Outlook\": 3,\n"
	       "    \"Zoë\": 1\n"
	       "  },\n"
	       "  \"failures\": [\n"
	       "    {\n"
	       "      \"user\": \"alice@contoso.com\",\n"
	       "      \"code\": 50126,\n"
	       "      \"time\": \"2023-11-14T22:13:20Z\",\n"
	       "      \"interactive\": true,\n"
	       "      \"risk\": 0.125\n"
	       "    },\n"
	       "    {\n"
	       "      \"user\": \"bob\",\n"
	       "      \"code\": null,\n"
	       "      \"time\": null,\n"
	       "      \"interactive\": false,\n"
	       "      \"risk\": null\n"
	       "    }\n"
	       "  ],\n"
	       "  \"notes\": {\n"
	       "    \"apps\": \"2 rows cut by --top\"\n"
	       "  }\n"
	       "}\n");

	EXPECT(&r, SL_FMT_MD, 0, 0,
	       "# Sign-in summary\n"
	       "\n"
	       "| key | value |\n"
	       "| --- | --- |\n"
	       "| records | 8 |\n"
	       "| failure_rate | 33.33% |\n"
	       "| first_seen | 2023-11-14T22:13:20Z |\n"
	       "| last_seen |  |\n"
	       "| tenant | contoso |\n"
	       "\n"
	       "## Applications\n"
	       "\n"
	       "| App | Sign-ins | Share |\n"
	       "| --- | ---: | ---: |\n"
	       "| Teams | 4 | 50.00% |\n"
	       "| Outlook | 3 | 37.50% |\n"
	       "| Zoë | 1 | 12.50% |\n"
	       "\n"
	       "2 rows cut by --top\n"
	       "\n"
	       "## Failures\n"
	       "\n"
	       "| User | Error | When | Interactive | Risk |\n"
	       "| --- | ---: | --- | --- | ---: |\n"
	       "| alice@contoso.com | 50126 | 2023-11-14T22:13:20Z | true | 0.125 |\n"
	       "| bob |  |  | false |  |\n");

	sl_report_free(&r);
}

/* Attacker-controlled strings: JSON must stay valid UTF-8 with everything dangerous escaped,
 * text and md must never pass a control byte through. */
static void test_nasty(void)
{
	static const struct sl_column cols[] = {
		{ "s", NULL, SL_CT_STR, 0 },
		{ "n", NULL, SL_CT_INT, 0 },
	};
	static const char *const nasty[] = {
		"say \"hi\" \\ ok",
		"nl\ntab\tcr\rbs\bff\f\x01",
		"\x1b[31mred\x1b[0m",
		"bad\xff\xc0\xafok",               /* stray byte; C0 AF is an overlong "/" */
		"\xed\xa0\x80" "sur",              /* UTF-16 surrogate D800 encoded in UTF-8 */
		"\xf4\x90\x80\x80" "big",          /* U+110000, past the last code point */
		"ls\xe2\x80\xa8ps\xe2\x80\xa9",    /* U+2028, U+2029 */
		"del\x7f" "c1\xc2\x9b",            /* DEL, and C1 CSI U+009B */
		"cut\xe2\x82",                     /* truncated at the end */
		"p|<b>[x](y)`",
	};
	struct sl_report r;
	struct sl_section *t, *m;
	struct sl_cell *c;
	size_t i;

	sl_report_init(&r, "nasty", "Nasty \x1b]0;owned\x07");
	t = sl_report_section(&r, "t", NULL, SL_SEC_TABLE, cols, 2);
	m = sl_report_section(&r, "m", NULL, SL_SEC_MAP, cols, 2);
	for (i = 0; i < sizeof nasty / sizeof nasty[0]; i++) {
		c = sl_section_row(&r, t);
		sl_cell_cstr(&r, &c[0], nasty[i]);
		sl_cell_int(&c[1], (int64_t)i);
		c = sl_section_row(&r, m);
		sl_cell_cstr(&r, &c[0], nasty[i]);
		sl_cell_int(&c[1], (int64_t)i);
	}

	EXPECT(&r, SL_FMT_JSON, 0, 0,
	       "{\n"
	       "  \"signlog_output\": 1,\n"
	       "  \"report\": \"nasty\",\n"
	       "  \"filter\": {\"expression\": \"\", \"selected\": null, \"of\": null},\n"
	       "  \"t\": [\n"
	       "    {\n"
	       "      \"s\": \"say \\\"hi\\\" \\\\ ok\",\n"
	       "      \"n\": 0\n"
	       "    },\n"
	       "    {\n"
	       "      \"s\": \"nl\\ntab\\tcr\\rbs\\bff\\f\\u0001\",\n"
	       "      \"n\": 1\n"
	       "    },\n"
	       "    {\n"
	       "      \"s\": \"\\u001b[31mred\\u001b[0m\",\n"
	       "      \"n\": 2\n"
	       "    },\n"
	       "    {\n"
	       "      \"s\": \"bad\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDok\",\n"
	       "      \"n\": 3\n"
	       "    },\n"
	       "    {\n"
	       "      \"s\": \"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDsur\",\n"
	       "      \"n\": 4\n"
	       "    },\n"
	       "    {\n"
	       "      \"s\": \"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "big\",\n"
	       "      \"n\": 5\n"
	       "    },\n"
	       "    {\n"
	       "      \"s\": \"ls\\u2028ps\\u2029\",\n"
	       "      \"n\": 6\n"
	       "    },\n"
	       "    {\n"
	       "      \"s\": \"del\\u007fc1\\u009b\",\n"
	       "      \"n\": 7\n"
	       "    },\n"
	       "    {\n"
	       "      \"s\": \"cut\xEF\xBF\xBD\",\n"
	       "      \"n\": 8\n"
	       "    },\n"
	       "    {\n"
	       "      \"s\": \"p|<b>[x](y)`\",\n"
	       "      \"n\": 9\n"
	       "    }\n"
	       "  ],\n"
	       "  \"m\": {\n"
	       "    \"say \\\"hi\\\" \\\\ ok\": 0,\n"
	       "    \"nl\\ntab\\tcr\\rbs\\bff\\f\\u0001\": 1,\n"
	       "    \"\\u001b[31mred\\u001b[0m\": 2,\n"
	       "    \"bad\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDok\": 3,\n"
	       "    \"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDsur\": 4,\n"
	       "    \"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "big\": 5,\n"
	       "    \"ls\\u2028ps\\u2029\": 6,\n"
	       "    \"del\\u007fc1\\u009b\": 7,\n"
	       "    \"cut\xEF\xBF\xBD\": 8,\n"
	       "    \"p|<b>[x](y)`\": 9\n"
	       "  },\n"
	       "  \"notes\": {}\n"
	       "}\n");

	/* \xNN is always one input byte: the C1 CSI shows as its two bytes */
	EXPECT(&r, SL_FMT_TEXT, 0, 0,
	       "Nasty \\e]0;owned\\x07\n"
	       "\n"
	       "t\n"
	       "s                              n\n"
	       "say \"hi\" \\ ok                  0\n"
	       "nl\\ntab\\tcr\\rbs\\x08ff\\x0c\\x01  1\n"
	       "\\e[31mred\\e[0m                 2\n"
	       "bad\\xff\\xc0\\xafok              3\n"
	       "\\xed\\xa0\\x80sur                4\n"
	       "\\xf4\\x90\\x80\\x80big            5\n"
	       "ls\\u2028ps\\u2029               6\n"
	       "del\\x7fc1\\xc2\\x9b              7\n"
	       "cut\\xe2\\x82                    8\n"
	       "p|<b>[x](y)`                   9\n"
	       "\n"
	       "m\n"
	       "s                              n\n"
	       "say \"hi\" \\ ok                  0\n"
	       "nl\\ntab\\tcr\\rbs\\x08ff\\x0c\\x01  1\n"
	       "\\e[31mred\\e[0m                 2\n"
	       "bad\\xff\\xc0\\xafok              3\n"
	       "\\xed\\xa0\\x80sur                4\n"
	       "\\xf4\\x90\\x80\\x80big            5\n"
	       "ls\\u2028ps\\u2029               6\n"
	       "del\\x7fc1\\xc2\\x9b              7\n"
	       "cut\\xe2\\x82                    8\n"
	       "p|<b>[x](y)`                   9\n");

	/* md: a pipe cannot split the cell, and links, HTML and code spans stay text */
	EXPECT(&r, SL_FMT_MD, 0, 0,
	       "# Nasty \\e\\]0;owned\\x07\n"
	       "\n"
	       "## t\n"
	       "\n"
	       "| s | n |\n"
	       "| --- | ---: |\n"
	       "| say \"hi\" \\\\ ok | 0 |\n"
	       "| nl\\ntab\\tcr\\rbs\\x08ff\\x0c\\x01 | 1 |\n"
	       "| \\e\\[31mred\\e\\[0m | 2 |\n"
	       "| bad\\xff\\xc0\\xafok | 3 |\n"
	       "| \\xed\\xa0\\x80sur | 4 |\n"
	       "| \\xf4\\x90\\x80\\x80big | 5 |\n"
	       "| ls\\u2028ps\\u2029 | 6 |\n"
	       "| del\\x7fc1\\xc2\\x9b | 7 |\n"
	       "| cut\\xe2\\x82 | 8 |\n"
	       "| p\\|\\<b\\>\\[x\\](y)\\` | 9 |\n"
	       "\n"
	       "## m\n"
	       "\n"
	       "| s | n |\n"
	       "| --- | ---: |\n"
	       "| say \"hi\" \\\\ ok | 0 |\n"
	       "| nl\\ntab\\tcr\\rbs\\x08ff\\x0c\\x01 | 1 |\n"
	       "| \\e\\[31mred\\e\\[0m | 2 |\n"
	       "| bad\\xff\\xc0\\xafok | 3 |\n"
	       "| \\xed\\xa0\\x80sur | 4 |\n"
	       "| \\xf4\\x90\\x80\\x80big | 5 |\n"
	       "| ls\\u2028ps\\u2029 | 6 |\n"
	       "| del\\x7fc1\\xc2\\x9b | 7 |\n"
	       "| cut\\xe2\\x82 | 8 |\n"
	       "| p\\|\\<b\\>\\[x\\](y)\\` | 9 |\n");

	sl_report_free(&r);
}

/* One TABLE and no KV rows: CSV is that table alone, with the formula guard on text only. */
static void test_csv_guard(void)
{
	static const struct sl_column cols[] = {
		{ "text", NULL, SL_CT_STR, 0 },
		{ "num", NULL, SL_CT_INT, 0 },
	};
	static const char *const texts[] = {
		"=cmd|' /C calc'!A0", "-1", "+1", "@SUM(A1)", "\tx", "\rx", "a,b", "q\"q", "plain", "",
	};
	struct sl_report r;
	struct sl_section *s;
	struct sl_cell *c;
	size_t i;

	sl_report_init(&r, "guard", NULL);
	sl_report_section(&r, NULL, NULL, SL_SEC_KV, NULL, 0);   /* empty root: still one table */
	s = sl_report_section(&r, "rows", NULL, SL_SEC_TABLE, cols, 2);
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		c = sl_section_row(&r, s);
		sl_cell_cstr(&r, &c[0], texts[i]);
		sl_cell_int(&c[1], -(int64_t)i - 1);
	}
	c = sl_section_row(&r, s);                                 /* all null */
	(void)c;

	EXPECT(&r, SL_FMT_CSV, 0, 0,
	       "text,num\n"
	       "'=cmd|' /C calc'!A0,-1\n"
	       "'-1,-2\n"
	       "'+1,-3\n"
	       "'@SUM(A1),-4\n"
	       "'\tx,-5\n"
	       "\"'\rx\",-6\n"
	       "\"a,b\",-7\n"
	       "\"q\"\"q\",-8\n"
	       "plain,-9\n"
	       ",-10\n"
	       ",\n");
	EXPECT(&r, SL_FMT_CSV, 0, 1,
	       "text,num\n"
	       "=cmd|' /C calc'!A0,-1\n"
	       "-1,-2\n"
	       "+1,-3\n"
	       "@SUM(A1),-4\n"
	       "\tx,-5\n"
	       "\"\rx\",-6\n"
	       "\"a,b\",-7\n"
	       "\"q\"\"q\",-8\n"
	       "plain,-9\n"
	       ",-10\n"
	       ",\n");
	sl_report_free(&r);
}

/* Number spellings, empty containers, a single-column CSV and a nested KV section. */
static void test_values(void)
{
	static const struct sl_column one[] = { { "v", NULL, SL_CT_STR, 0 } };
	static const struct sl_column nums[] = {
		{ "pct", NULL, SL_CT_PCT, 0 },
		{ "f", NULL, SL_CT_FLOAT, 0 },
	};
	struct sl_report r;
	struct sl_section *s;
	struct sl_cell *c;

	sl_report_init(&r, "values", NULL);
	s = sl_report_section(&r, "nums", NULL, SL_SEC_TABLE, nums, 2);
	c = sl_section_row(&r, s);
	sl_cell_dbl(&c[0], 100.0);
	sl_cell_dbl(&c[1], 1e6);
	c = sl_section_row(&r, s);
	sl_cell_dbl(&c[0], -0.0001);
	sl_cell_dbl(&c[1], INFINITY);
	c = sl_section_row(&r, s);
	sl_cell_dbl(&c[0], sl_pct(0, 0));
	sl_cell_dbl(&c[1], -1.5e-7);
	sl_report_section(&r, "none", NULL, SL_SEC_TABLE, one, 1);
	sl_report_section(&r, "empty", NULL, SL_SEC_MAP, nums, 2);
	s = sl_report_section(&r, "inner", "Inner", SL_SEC_KV, NULL, 0);
	sl_kv_str(&r, s, "k", NULL);
	sl_kv_pct(&r, s, "p", NAN);

	EXPECT(&r, SL_FMT_JSON, 0, 0,
	       "{\n"
	       "  \"signlog_output\": 1,\n"
	       "  \"report\": \"values\",\n"
	       "  \"filter\": {\"expression\": \"\", \"selected\": null, \"of\": null},\n"
	       "  \"nums\": [\n"
	       "    {\n"
	       "      \"pct\": 100.00,\n"
	       "      \"f\": 1e+06\n"
	       "    },\n"
	       "    {\n"
	       "      \"pct\": 0.00,\n"
	       "      \"f\": null\n"
	       "    },\n"
	       "    {\n"
	       "      \"pct\": 0.00,\n"
	       "      \"f\": -1.5e-07\n"
	       "    }\n"
	       "  ],\n"
	       "  \"none\": [],\n"
	       "  \"empty\": {},\n"
	       "  \"inner\": {\n"
	       "    \"k\": null,\n"
	       "    \"p\": null\n"
	       "  },\n"
	       "  \"notes\": {}\n"
	       "}\n");
	EXPECT(&r, SL_FMT_TEXT, 0, 0,
	       "values\n"
	       "\n"
	       "nums\n"
	       "    pct         f\n"
	       "100.00%     1e+06\n"
	       "  0.00%         -\n"
	       "  0.00%  -1.5e-07\n"
	       "\n"
	       "none\n"
	       "v\n"
	       "\n"
	       "empty\n"
	       "pct  f\n"
	       "\n"
	       "Inner\n"
	       "k  -\n"
	       "p  -\n");
	sl_report_free(&r);

	/* a one-column CSV row must not be an empty line */
	sl_report_init(&r, "single", NULL);
	s = sl_report_section(&r, "one", NULL, SL_SEC_TABLE, one, 1);
	sl_cell_cstr(&r, &sl_section_row(&r, s)[0], "");
	sl_section_row(&r, s);
	sl_cell_cstr(&r, &sl_section_row(&r, s)[0], "x");
	EXPECT(&r, SL_FMT_CSV, 0, 0, "v\n\"\"\n\"\"\nx\n");
	sl_report_free(&r);

	/* nothing but the name */
	sl_report_init(&r, "bare", "Bare");
	EXPECT(&r, SL_FMT_JSON, 0, 0, "{\n  \"signlog_output\": 1,\n  \"report\": \"bare\",\n"
	       "  \"filter\": {\"expression\": \"\", \"selected\": null, \"of\": null},\n  \"notes\": {}\n}\n");
	EXPECT(&r, SL_FMT_TEXT, 0, 0, "Bare\n");
	EXPECT(&r, SL_FMT_MD, 0, 0, "# Bare\n");
	EXPECT(&r, SL_FMT_CSV, 0, 0, "");
	sl_report_free(&r);
}

/* Many rows exercise sl_grow; KV row types must survive reallocation. */
static void test_growth(void)
{
	struct sl_report r;
	struct sl_section *s;
	char key[32];
	int i, ok = 1;

	sl_report_init(&r, "grow", NULL);
	s = sl_report_section(&r, NULL, NULL, SL_SEC_KV, NULL, 0);
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		if (i % 2)
			sl_kv_int(&r, s, key, i);
		else
			sl_kv_str(&r, s, key, key);
	}
	CHECK(s->nrows == 1000);
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		if (s->kvtypes[i] != (i % 2 ? SL_CT_INT : SL_CT_STR) || strcmp(s->cells[2 * i].s, key) != 0)
			ok = 0;
	}
	CHECK(ok);
	CHECK(s->cells[2 * 999 + 1].i == 999);
	sl_report_free(&r);
}

/* SL_CT_LIST: "; " in text and md, ';' in one CSV field (guarded, quoted as a whole),
 * arrays in JSON and JSON Lines; an empty list is [] and "-"; a null list is null. */
static void test_list(void)
{
	static const struct sl_column cols[] = {
		{ "user", NULL, SL_CT_STR, 0 },
		{ "steps", NULL, SL_CT_LIST, 0 },
	};
	static const char *const two[] = { "=cmd", "a,b|c" };
	static const char *const one[] = { "x\"y" };
	struct sl_report r;
	struct sl_section *s;
	struct sl_cell *c;

	sl_report_init(&r, "lst", "Lists");
	s = sl_report_section(&r, "rows", "Rows", SL_SEC_TABLE, cols, 2);
	c = sl_section_row(&r, s);
	sl_cell_cstr(&r, &c[0], "ann");
	sl_cell_list(&r, &c[1], two, 2);
	c = sl_section_row(&r, s);
	sl_cell_cstr(&r, &c[0], "bob");
	sl_cell_list(&r, &c[1], NULL, 0);
	c = sl_section_row(&r, s);
	sl_cell_cstr(&r, &c[0], "cy");
	sl_cell_list(&r, &c[1], one, 1);
	c = sl_section_row(&r, s);      /* a null list cell */
	sl_cell_cstr(&r, &c[0], "dee");
	CHECK(s->cells[3].nitems == 0 && !s->cells[3].null && s->cells[7].null);

	EXPECT(&r, SL_FMT_TEXT, 0, 0,
	       "Lists\n\nRows\nuser  steps\nann   =cmd; a,b|c\nbob   -\ncy    x\"y\ndee   -\n");
	EXPECT(&r, SL_FMT_CSV, 0, 0,
	       "user,steps\nann,\"'=cmd;a,b|c\"\nbob,\ncy,\"x\"\"y\"\ndee,\n");
	EXPECT(&r, SL_FMT_CSV, 0, 1,
	       "user,steps\nann,\"=cmd;a,b|c\"\nbob,\ncy,\"x\"\"y\"\ndee,\n");
	EXPECT(&r, SL_FMT_MD, 0, 0,
	       "# Lists\n\n## Rows\n\n| user | steps |\n| --- | --- |\n| ann | =cmd; a,b\\|c |\n"
	       "| bob |  |\n| cy | x\"y |\n| dee |  |\n");
	EXPECT(&r, SL_FMT_JSON, 0, 0,
	       "{\n  \"signlog_output\": 1,\n  \"report\": \"lst\",\n"
	       "  \"filter\": {\"expression\": \"\", \"selected\": null, \"of\": null},\n  \"rows\": [\n"
	       "    {\n      \"user\": \"ann\",\n      \"steps\": [\"=cmd\", \"a,b|c\"]\n    },\n"
	       "    {\n      \"user\": \"bob\",\n      \"steps\": []\n    },\n"
	       "    {\n      \"user\": \"cy\",\n      \"steps\": [\"x\\\"y\"]\n    },\n"
	       "    {\n      \"user\": \"dee\",\n      \"steps\": null\n    }\n  ],\n  \"notes\": {}\n}\n");
	EXPECT(&r, SL_FMT_JSONL, 0, 0,
	       "{\"table\":\"rows\",\"user\":\"ann\",\"steps\":[\"=cmd\",\"a,b|c\"]}\n"
	       "{\"table\":\"rows\",\"user\":\"bob\",\"steps\":[]}\n"
	       "{\"table\":\"rows\",\"user\":\"cy\",\"steps\":[\"x\\\"y\"]}\n"
	       "{\"table\":\"rows\",\"user\":\"dee\",\"steps\":null}\n");
	sl_report_free(&r);
}

/* Issue 13, output escaping: every item of a list cell gets the formula guard; bidi controls
 * and line separators are escaped in text and md; CSV on a terminal is escaped like text, in a
 * file it keeps the bytes. */
static void test_escaping(void)
{
	static const struct sl_column cols[] = {
		{ "who", NULL, SL_CT_STR, 0 },
		{ "methods", NULL, SL_CT_LIST, 0 },
	};
	static const char *const items[] = { "Password", "=cmd|' /C calc'!A0", "+x", "ok" };
	struct sl_report r;
	struct sl_section *s;
	struct sl_cell *c;
	struct sl_write_opts o = { .format = SL_FMT_CSV, .escape = 1 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	sl_report_init(&r, "esc", "Esc");
	s = sl_report_section(&r, "rows", NULL, SL_SEC_TABLE, cols, 2);
	c = sl_section_row(&r, s);
	sl_cell_cstr(&r, &c[0], "evil\xe2\x80\xae" "moc.elgoog");     /* U+202E RIGHT-TO-LEFT OVERRIDE */
	sl_cell_list(&r, &c[1], items, 4);
	c = sl_section_row(&r, s);
	sl_cell_cstr(&r, &c[0], "\x1b]52;c;cHduZWQ=\x07" "bell\xc2\x9b");  /* OSC 52, BEL, C1 CSI */
	sl_cell_list(&r, &c[1], items + 3, 1);

	EXPECT(&r, SL_FMT_CSV, 0, 0,
	       "who,methods\n"
	       "evil\xe2\x80\xae" "moc.elgoog,Password;'=cmd|' /C calc'!A0;'+x;ok\n"
	       "\x1b]52;c;cHduZWQ=\x07" "bell\xc2\x9b,ok\n");
	EXPECT(&r, SL_FMT_CSV, 0, 1,
	       "who,methods\n"
	       "evil\xe2\x80\xae" "moc.elgoog,Password;=cmd|' /C calc'!A0;+x;ok\n"
	       "\x1b]52;c;cHduZWQ=\x07" "bell\xc2\x9b,ok\n");
	EXPECT(&r, SL_FMT_TEXT, 0, 0,
	       "Esc\n\nrows\n"
	       "who                               methods\n"
	       "evil\\u202e" "moc.elgoog              Password; =cmd|' /C calc'!A0; +x; ok\n"
	       "\\e]52;c;cHduZWQ=\\x07" "bell\\xc2\\x9b  ok\n");
	EXPECT(&r, SL_FMT_MD, 0, 0,
	       "# Esc\n\n## rows\n\n| who | methods |\n| --- | --- |\n"
	       "| evil\\u202emoc.elgoog | Password; =cmd\\|' /C calc'!A0; +x; ok |\n"
	       "| \\e\\]52;c;cHduZWQ=\\x07" "bell\\xc2\\x9b | ok |\n");
	/* a terminal: nothing raw reaches it, the guard still applies */
	if ((f = open_memstream(&buf, &len))) {
		CHECK(sl_write(f, &r, &o) == 0);
		fclose(f);
		CHECK_STR(buf, "who,methods\n"
		               "evil\\u202emoc.elgoog,Password;'=cmd|' /C calc'!A0;'+x;ok\n"
		               "\\e]52;c;cHduZWQ=\\x07" "bell\\xc2\\x9b,ok\n");
		free(buf);
	}
	sl_report_free(&r);
}

/* Text fits 120 columns: long text cells are cut with an ellipsis, East Asian wide characters
 * count two columns, --wide shows everything. */
static void test_width(void)
{
	static const struct sl_column cols[] = {
		{ "name", "Name", SL_CT_STR, 0 },
		{ "n", "N", SL_CT_INT, 0 },
		{ "agent", "Agent", SL_CT_STR, 0 },
	};
	char longer[200];
	struct sl_report r;
	struct sl_section *s;
	struct sl_cell *c;
	struct sl_write_opts o = { .format = SL_FMT_TEXT };
	char *buf = NULL, *line, *save = NULL;
	size_t len = 0;
	FILE *f;

	memset(longer, 'a', 150);
	longer[150] = '\0';
	sl_report_init(&r, "wide", "Wide");
	s = sl_report_section(&r, "rows", NULL, SL_SEC_TABLE, cols, 3);
	c = sl_section_row(&r, s);
	sl_cell_cstr(&r, &c[0], "\xe6\x9d\xb1\xe4\xba\xac");    /* 東京: two characters, four columns */
	sl_cell_int(&c[1], 1);
	sl_cell_cstr(&r, &c[2], longer);
	CHECK(sl_text_escape(NULL, "\xe6\x9d\xb1\xe4\xba\xac", 0) == 4);
	CHECK(sl_text_escape(NULL, "e\xcc\x81", 0) == 1);              /* e + combining acute */
	CHECK(sl_text_put(NULL, "abcdef", 0, 4) == 4);
	EXPECT(&r, SL_FMT_TEXT, 0, 0,
	       "Wide\n\nrows\n"
	       "Name  N  Agent\n"
	       "\xe6\x9d\xb1\xe4\xba\xac  1  aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xe2\x80\xa6\n");
	o.wide = 1;
	if ((f = open_memstream(&buf, &len))) {
		CHECK(sl_write(f, &r, &o) == 0);
		fclose(f);
		CHECK(strstr(buf, longer) != NULL);
		free(buf);
	}
	/* many columns: every line within 120 columns, shown in parts */
	sl_report_free(&r);
	sl_report_init(&r, "many", "Many");
	{
		struct sl_column mc[12];
		char names[12][16];
		for (int k = 0; k < 12; k++) {
			snprintf(names[k], sizeof names[k], "c%d", k);
			mc[k] = (struct sl_column){ names[k], NULL, k ? SL_CT_STR : SL_CT_INT, 0 };
		}
		s = sl_report_section(&r, "rows", NULL, SL_SEC_TABLE, mc, 12);
		c = sl_section_row(&r, s);
		sl_cell_int(&c[0], 7);
		for (int k = 1; k < 12; k++)
			sl_cell_cstr(&r, &c[k], longer);
	}
	o.wide = 0;
	buf = NULL;
	if ((f = open_memstream(&buf, &len))) {
		int lines = 0, sevens = 0;
		CHECK(sl_write(f, &r, &o) == 0);
		fclose(f);
		for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			CHECK(sl_text_escape(NULL, line, 0) <= SL_TEXT_WIDTH);
			lines++;
			sevens += strncmp(line, " 7", 2) == 0;
		}
		CHECK(lines > 5 && sevens > 1);   /* parts, each led by the first column */
		free(buf);
	}
	sl_report_free(&r);
}

static void test_misc(void)
{
	enum sl_format fmt = SL_FMT_TEXT;
	struct sl_write_opts o = { .format = SL_FMT_JSON };
	struct sl_report r;
	FILE *f;

	CHECK(sl_format_parse("csv", &fmt) == 0 && fmt == SL_FMT_CSV);
	CHECK(sl_format_parse("md", &fmt) == 0 && fmt == SL_FMT_MD);
	CHECK(sl_format_parse("jsonl", &fmt) == 0 && fmt == SL_FMT_JSONL);
	CHECK(sl_format_parse("json", &fmt) == 0 && fmt == SL_FMT_JSON);
	CHECK(sl_format_parse("text", &fmt) == 0 && fmt == SL_FMT_TEXT);
	CHECK(sl_format_parse("JSON", &fmt) == -1);
	CHECK(sl_format_parse("", &fmt) == -1);
	CHECK(sl_pct(1, 3) > 33.33 && sl_pct(1, 3) < 33.34);
	CHECK(sl_pct(5, 0) == 0.0);
	CHECK(sl_pct(2, 2) == 100.0);

	/* write errors surface as -1 (here ENOSPC at the final flush) */
	build_summary(&r);
	if ((f = fopen("/dev/full", "w"))) {
		for (o.format = SL_FMT_TEXT; o.format <= SL_FMT_JSONL; o.format++) {
			errno = 0;
			CHECK(sl_write(f, &r, &o) == -1 && errno != 0);
			clearerr(f);
		}
		fclose(f);
	}
	o.format = (enum sl_format)42;
	CHECK(sl_write(stdout, &r, &o) == -1 && errno == EINVAL);
	sl_report_free(&r);
}

int main(void)
{
	test_summary();
	test_nasty();
	test_csv_guard();
	test_values();
	test_growth();
	test_list();
	test_escaping();
	test_width();
	test_misc();
	return unit_done();
}
