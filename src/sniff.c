/* sniff.c — classify an input by content: empty, JSON, CSV, or something else (and what). */
#include <string.h>
#include "sniff.h"

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

struct magic {
	size_t off, len;
	const char *bytes;
	const char *why;
};

static const struct magic magics[] = {
	{0, 8, "\x89PNG\r\n\x1a\n", "PNG image"},
	{0, 3, "\xff\xd8\xff", "JPEG image"},
	{0, 6, "GIF87a", "GIF image"},
	{0, 6, "GIF89a", "GIF image"},
	{0, 5, "%PDF-", "PDF document"},
	{0, 4, "PK\x03\x04", "ZIP archive (perhaps an .xlsx workbook)"},
	{0, 4, "PK\x05\x06", "ZIP archive (perhaps an .xlsx workbook)"},
	{0, 4, "PK\x07\x08", "ZIP archive (perhaps an .xlsx workbook)"},
	{0, 8, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 document (perhaps an .xls workbook)"},
	{0, 2, "\x1f\x8b", "gzip inside gzip"},
	{0, 6, "\xfd" "7zXZ\x00", "xz data"},
	{0, 4, "\x28\xb5\x2f\xfd", "zstd data"},
	{0, 6, "7z\xbc\xaf\x27\x1c", "7-Zip archive"},
	{0, 4, "Rar!", "RAR archive"},
	{0, 16, "SQLite format 3\x00", "SQLite database"},
	{0, 4, "\x7f" "ELF", "ELF executable"},
	{257, 5, "ustar", "tar archive"},
};

static int is_bzip2(const unsigned char *b, size_t len)
{
	return len >= 10 && memcmp(b, "BZh", 3) == 0 && b[3] >= '1' && b[3] <= '9' &&
	       memcmp(b + 4, "\x31\x41\x59\x26\x53\x59", 6) == 0;
}

/* ASCII text in UTF-16 without a BOM: one half of the bytes NUL, the other not. */
static int looks_utf16(const unsigned char *b, size_t len)
{
	size_t n = len < 512 ? len : 512, i, pairs = n / 2, z_even = 0, z_odd = 0;
	if (pairs < 2)
		return 0;
	for (i = 0; i < pairs * 2; i += 2) {
		z_even += b[i] == 0;
		z_odd += b[i + 1] == 0;
	}
	return (z_odd * 10 >= pairs * 9 && z_even == 0) || (z_even * 10 >= pairs * 9 && z_odd == 0);
}

static int is_binary(const unsigned char *b, size_t len)
{
	size_t i, ctrl = 0;
	for (i = 0; i < len; i++) {
		unsigned char c = b[i];
		/* a NUL among text is a damaged cell (the reader replaces and counts it), not a
		 * binary file: binary data has control bytes everywhere */
		if ((c < 0x20 && !is_space(c)) || c == 0x7f)
			ctrl++;
	}
	return ctrl * 10 > len;
}

/* Cells of one line split on delim outside double quotes. */
static size_t cells(const unsigned char *p, size_t n, unsigned char delim)
{
	size_t i, k = 1;
	int inq = 0;
	for (i = 0; i < n; i++) {
		if (p[i] == '"')
			inq = !inq;
		else if (p[i] == delim && !inq)
			k++;
	}
	return k;
}

enum sl_kind sl_sniff(const char *buf, size_t len, const char **why)
{
	const unsigned char *b = (const unsigned char *)buf;
	const char *dummy;
	const unsigned char *line, *nl;
	size_t i = 0, k, n;

	if (!why)
		why = &dummy;
	*why = NULL;
	if (!b)
		len = 0;
	if (len >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0) {
		b += 3;
		len -= 3;
	}
	while (i < len && is_space(b[i]))
		i++;
	if (i == len)
		return SL_KIND_EMPTY;
	if (b[i] == '{' || b[i] == '[')
		return SL_KIND_JSON;

	if ((len >= 2 && ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == 0xfe && b[1] == 0xff))) ||
	    looks_utf16(b, len)) {
		*why = "UTF-16 text (convert to UTF-8)";
		return SL_KIND_UNKNOWN;
	}
	for (k = 0; k < sizeof magics / sizeof magics[0]; k++) {
		const struct magic *m = &magics[k];
		size_t at = m->off ? m->off : i;
		if (len >= at + m->len && memcmp(b + at, m->bytes, m->len) == 0) {
			*why = m->why;
			return SL_KIND_UNKNOWN;
		}
	}
	if (is_bzip2(b + i, len - i)) {
		*why = "bzip2 data";
		return SL_KIND_UNKNOWN;
	}
	/* the first 64 KiB tell: a caller may pass megabytes */
	if (is_binary(b, len > 65536 ? 65536 : len)) {
		*why = "binary data";
		return SL_KIND_UNKNOWN;
	}

	line = b + i;
	n = len - i;
	nl = memchr(line, '\n', n);
	if (n >= 6 && memcmp(line, "#TYPE ", 6) == 0 && nl) {
		/* Windows PowerShell Export-Csv type line; the header follows. */
		n -= (size_t)(nl + 1 - line);
		line = nl + 1;
		nl = memchr(line, '\n', n);
	}
	if (nl)
		n = (size_t)(nl - line);
	if (n > 0 && line[n - 1] == '\r')
		n--;
	if (cells(line, n, ',') >= 2 || cells(line, n, ';') >= 2 || cells(line, n, '\t') >= 2)
		return SL_KIND_CSV;
	*why = "text that is neither JSON nor CSV";
	return SL_KIND_UNKNOWN;
}
