/* unit_sniff.c — content sniffing: empty, JSON, CSV, binary kinds and their reasons. */
#include <stdio.h>
#include <string.h>
#include "sniff.h"
#include "unit.h"

static const char *why;

static enum sl_kind S(const char *s)
{
	why = "unset";
	return sl_sniff(s, strlen(s), &why);
}

static enum sl_kind SN(const char *s, size_t n)
{
	why = "unset";
	return sl_sniff(s, n, &why);
}

static void test_basic(void)
{
	CHECK(SN("", 0) == SL_KIND_EMPTY && why == NULL);
	CHECK(sl_sniff(NULL, 0, NULL) == SL_KIND_EMPTY);
	CHECK(S(" \t\r\n\f\v  \n") == SL_KIND_EMPTY);
	CHECK(S("\xef\xbb\xbf \n") == SL_KIND_EMPTY);
	CHECK(S("{\"a\":1}") == SL_KIND_JSON && why == NULL);
	CHECK(S("[{\"createdDateTime\":\"2024-07-23T15:19:52Z\"}]") == SL_KIND_JSON);
	CHECK(S("\n\n   \t[") == SL_KIND_JSON);
	CHECK(S("\r\n{") == SL_KIND_JSON);
	CHECK(S("\xef\xbb\xbf{\"value\":[]}") == SL_KIND_JSON);
	CHECK(S("[\x01\x02\x03\x04") == SL_KIND_JSON); /* first byte decides */
	CHECK(sl_sniff("{", 1, NULL) == SL_KIND_JSON);
}

static void test_csv(void)
{
	CHECK(S("\"Date (UTC)\",\"Request ID\",\"User agent\"\r\n\"2024-07-23T15:19:52Z\",\"x\",\"y\"\r\n")
	      == SL_KIND_CSV && why == NULL);
	CHECK(S("a,b\n") == SL_KIND_CSV);
	CHECK(S("a,b") == SL_KIND_CSV);
	CHECK(S("a;b;c\r\n1;2;3\r\n") == SL_KIND_CSV);
	CHECK(S("a\tb\tc\n") == SL_KIND_CSV);
	CHECK(S("\n\n  Date,User\n") == SL_KIND_CSV);
	CHECK(S("\"Fecha (UTC)\",\"Id. de usuario\"\n") == SL_KIND_CSV);
	CHECK(S("\"Date (UTC)\";\"Request ID\"\n") == SL_KIND_CSV);
	/* PowerShell 5.1 Export-Csv type line before the header */
	CHECK(S("#TYPE System.Management.Automation.PSCustomObject\r\n\"CreatedDateTime\",\"UserPrincipalName\"\r\n")
	      == SL_KIND_CSV);
	CHECK(S("#TYPE Selected.Microsoft.Graph\n") == SL_KIND_UNKNOWN);
	/* delimiter only inside quotes: one cell */
	CHECK(S("\"a,b;c\td\"\nx,y\n") == SL_KIND_UNKNOWN);
	CHECK_STR(why, "text that is neither JSON nor CSV");
	/* only the first line counts */
	CHECK(S("hello world\na,b,c\n") == SL_KIND_UNKNOWN);
	CHECK_STR(why, "text that is neither JSON nor CSV");
	CHECK(S("just text") == SL_KIND_UNKNOWN);
	CHECK_STR(why, "text that is neither JSON nor CSV");
	CHECK(S("<!DOCTYPE html>\n<html>") == SL_KIND_UNKNOWN);
	CHECK_STR(why, "text that is neither JSON nor CSV");
	/* CR stripped: "a\r" alone is one cell */
	CHECK(S("abc\r\n,\n") == SL_KIND_UNKNOWN);
	/* header line longer than the buffer window: still decided on what we have */
	CHECK(S("Date (UTC),Request ID,User") == SL_KIND_CSV);
	/* Latin-1 / UTF-8 text is not binary */
	CHECK(S("Nom d\xe2\x80\x99utilisateur,Adresse IP\n") == SL_KIND_CSV);
	CHECK(S("Adresse IP,Ubicaci\xf3n\n") == SL_KIND_CSV);
}

static void test_binary(void)
{
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	static const char zip[] = "PK\x03\x04\x14\0\x06\0";
	static const char ole[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0";
	static const char gz[] = "\x1f\x8b\x08\0\0\0\0\0";
	static const char u16le[] = "{\0\"\0a\0\"\0:\0""1\0}\0";
	static const char u16be[] = "\0D\0a\0t\0e\0,\0U";
	char tar[600];
	char ctl[100];

	CHECK(SN(png, sizeof png - 1) == SL_KIND_UNKNOWN);
	CHECK_STR(why, "PNG image");
	CHECK(SN("\xff\xd8\xff\xe0\0\x10JFIF", 10) == SL_KIND_UNKNOWN);
	CHECK_STR(why, "JPEG image");
	CHECK(S("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n") == SL_KIND_UNKNOWN);
	CHECK_STR(why, "PDF document");
	CHECK(SN(zip, sizeof zip - 1) == SL_KIND_UNKNOWN);
	CHECK_STR(why, "ZIP archive (perhaps an .xlsx workbook)");
	CHECK(SN(ole, sizeof ole - 1) == SL_KIND_UNKNOWN);
	CHECK_STR(why, "OLE2 document (perhaps an .xls workbook)");
	CHECK(SN(gz, sizeof gz - 1) == SL_KIND_UNKNOWN);
	CHECK_STR(why, "gzip inside gzip");
	CHECK(S("GIF89a\x01\x02") == SL_KIND_UNKNOWN);
	CHECK_STR(why, "GIF image");
	CHECK(S("BZh91AY&SY\x01") == SL_KIND_UNKNOWN);
	CHECK_STR(why, "bzip2 data");
	CHECK(S("BZh,x\n") == SL_KIND_CSV); /* text that merely starts like bzip2 */
	CHECK(SN("\xfd" "7zXZ\0\0", 7) == SL_KIND_UNKNOWN);
	CHECK_STR(why, "xz data");

	memset(tar, 0, sizeof tar);
	memcpy(tar, "signins.json", 12);
	memcpy(tar + 257, "ustar", 5);
	CHECK(SN(tar, sizeof tar) == SL_KIND_UNKNOWN);
	CHECK_STR(why, "tar archive");

	/* UTF-16 with and without BOM */
	CHECK(SN("\xff\xfe{\0", 4) == SL_KIND_UNKNOWN);
	CHECK_STR(why, "UTF-16 text (convert to UTF-8)");
	CHECK(SN("\xfe\xff\0{", 4) == SL_KIND_UNKNOWN);
	CHECK_STR(why, "UTF-16 text (convert to UTF-8)");
	CHECK(SN(u16le + 2, sizeof u16le - 3) == SL_KIND_UNKNOWN); /* starts with '"' 0 */
	CHECK_STR(why, "UTF-16 text (convert to UTF-8)");
	CHECK(SN(u16be, sizeof u16be - 1) == SL_KIND_UNKNOWN);
	CHECK_STR(why, "UTF-16 text (convert to UTF-8)");

	/* NUL bytes, control bytes: a NUL in a cell of text is a damaged cell (the reader
	 * replaces and counts it), not a binary file */
	CHECK(SN("abc,def\0ghi\n", 12) == SL_KIND_CSV);
	CHECK(SN("abc,\0\0ghi\n", 11) == SL_KIND_UNKNOWN);
	CHECK_STR(why, "binary data");
	CHECK(SN("\0\0\0\0", 4) == SL_KIND_UNKNOWN);
	CHECK_STR(why, "binary data");
	memset(ctl, 'a', sizeof ctl);
	ctl[1] = ',';
	memset(ctl + 10, 0x01, 11); /* 11% control bytes */
	CHECK(SN(ctl, sizeof ctl) == SL_KIND_UNKNOWN);
	CHECK_STR(why, "binary data");
	ctl[20] = 'a'; /* 10%: still text */
	CHECK(SN(ctl, sizeof ctl) == SL_KIND_CSV);
	ctl[20] = 0x7f; /* DEL counts */
	CHECK(SN(ctl, sizeof ctl) == SL_KIND_UNKNOWN);
	CHECK_STR(why, "binary data");
	/* why may be NULL */
	CHECK(sl_sniff(png, sizeof png - 1, NULL) == SL_KIND_UNKNOWN);
}

/* Only the first 64 KiB are looked at for binary bytes: the reader passes megabytes. */
static void test_window(void)
{
	static char big[100000];
	memset(big, 'a', sizeof big);
	memcpy(big, "a,b\n", 4);
	memset(big + 70000, 0, 20000);
	CHECK(SN(big, sizeof big) == SL_KIND_CSV);
	memset(big + 1000, 0, 7000);
	CHECK(SN(big, sizeof big) == SL_KIND_UNKNOWN);
	CHECK_STR(why, "binary data");
	memset(big + 1000, 'a', 7000);
	memset(big + 58000, 0, 7536);
	CHECK(SN(big, sizeof big) == SL_KIND_UNKNOWN);
}

int main(void)
{
	test_basic();
	test_csv();
	test_binary();
	test_window();
	return unit_done();
}
