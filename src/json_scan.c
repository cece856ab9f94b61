/* json_scan.c — finds where each top-level record ends in a stream of JSON, without parsing it. */
#include <string.h>
#include "read_json.h"
#include "util.h"

void sl_jscan_init(struct sl_jscan *s)
{
	memset(s, 0, sizeof *s);
	s->base = -1;
	s->doc_start = -1;
	s->line = 1;
	s->bol = 1;
}

void sl_jscan_rebase(struct sl_jscan *s, size_t shift)
{
	s->pos -= shift;
	if (s->doc_start >= 0)
		s->doc_start -= (long)shift;
}

static struct sl_doc *emit(struct sl_doc **docs, size_t *n, size_t *cap, size_t off, size_t len, uint64_t line)
{
	sl_grow((void **)docs, cap, *n + 1, sizeof **docs);
	struct sl_doc *d = &(*docs)[(*n)++];
	d->off = off;
	d->len = len;
	d->line = line;
	d->at_eof = 0;
	return d;
}

/* Position just past the closing quote of the string whose body starts at p, or len. */
static size_t string_end(const char *buf, size_t p, size_t len, int *esc)
{
	if (*esc) {
		*esc = 0;
		p++;
	}
	while (p < len) {
		const char *q = memchr(buf + p, '"', len - p);
		if (!q)
			break;
		size_t e = (size_t)(q - buf), b = e;
		while (b > p && buf[b - 1] == '\\')
			b--;
		if (((e - b) & 1) == 0)
			return e + 1;
		p = e + 1;
	}
	/* unterminated in this buffer: an odd run of trailing backslashes escapes what follows */
	size_t b = len;
	while (b > p && buf[b - 1] == '\\')
		b--;
	*esc = ((len - b) & 1) != 0;
	return len + 1;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

size_t sl_jscan_feed(struct sl_jscan *s, const char *buf, size_t len, int eof,
                     struct sl_doc **docs, size_t *ndocs, size_t *cap)
{
	size_t p = s->pos;

	while (p < len) {
		if (s->in_str) {
			/* capture the depth-1 keys of a top-level object to spot a wrapper */
			size_t start = p, e = string_end(buf, p, len, &s->esc);
			size_t end = e > len ? len : e - 1;
			if (s->key_pos) {
				for (size_t k = start; k < end; k++) {
					char c = buf[k];
					if (s->keylen < sizeof s->key - 1)
						s->key[s->keylen] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
					s->keylen++;
				}
			}
			if (e > len) {
				p = len;
				break;
			}
			p = e;
			s->in_str = 0;
			if (s->key_pos) {
				s->key_pos = 0;
				s->wrap_key = (s->keylen == 5 && memcmp(s->key, "value", 5) == 0) ||
				              (s->keylen == 7 && memcmp(s->key, "records", 7) == 0);
			}
			continue;
		}
		char c = buf[p];
		if (c == '\n') {
			/* the decision the end of the previous buffer left open (see below) */
			if (s->lines_pending)
				s->lines = 1;
			s->lines_pending = 0;
			s->line++;
			p++;
			continue;
		}
		if (is_ws(c)) {
			p++;
			continue;
		}
		if (s->depth == 0) {
			s->lines_pending = 0;
			if (s->lines || (c != '{' && c != '[')) {
				/* line mode, or stray text between values: the rest of the line is one doc */
				const char *nl = memchr(buf + p, '\n', len - p);
				if (!nl && !eof) {
					s->pos = p;
					if (p > 0)
						s->bol = buf[p - 1] == '\n';
					return p;
				}
				size_t e = nl ? (size_t)(nl - buf) : len;
				emit(docs, ndocs, cap, p, e - p, s->line)->at_eof = !nl;
				if (nl)
					s->line++;
				p = nl ? e + 1 : len;
				continue;
			}
			s->top = c;
			s->depth = 1;
			s->base = c == '[' ? 1 : -1;
			s->wrap_key = s->after_colon = 0;
			s->key_pos = c == '{';
			s->keylen = 0;
			if (c == '{') {
				s->doc_start = (long)p;
				s->doc_line = s->line;
				/* decided here, where the byte before is known: at the '}' the record may
				 * have been moved to the start of another buffer */
				s->doc_bol = p ? buf[p - 1] == '\n' : s->bol;
			}
			p++;
			continue;
		}
		switch (c) {
		case '"':
			if (s->depth == s->base && s->doc_start < 0) {
				s->doc_start = (long)p;
				s->doc_line = s->line;
				s->elem_scalar = 1;
			}
			if (s->key_pos)
				s->keylen = 0;
			s->in_str = 1;
			s->after_colon = 0;
			p++;
			continue;
		case '{':
		case '[':
			if (s->depth == 1 && s->top == '{' && s->after_colon && s->wrap_key && c == '[') {
				s->base = 2;          /* a Graph page or Event Hub message: stream its array */
				s->doc_start = -1;
			} else if (s->depth == s->base && s->doc_start < 0) {
				s->doc_start = (long)p;
				s->doc_line = s->line;
			}
			s->after_colon = 0;
			s->depth++;
			p++;
			continue;
		case '}':
		case ']':
			if (s->elem_scalar && s->depth == s->base && s->doc_start >= 0) {
				emit(docs, ndocs, cap, (size_t)s->doc_start, p - (size_t)s->doc_start, s->doc_line);
				s->doc_start = -1;
				s->elem_scalar = 0;
			}
			s->depth--;
			p++;
			if (s->depth == s->base && s->doc_start >= 0 && !s->elem_scalar) {
				emit(docs, ndocs, cap, (size_t)s->doc_start, p - (size_t)s->doc_start, s->doc_line);
				s->doc_start = -1;
			}
			if (s->depth == 1 && s->top == '{' && s->base == 2)
				s->base = -1;
			if (s->depth == 0) {
				if (s->top == '{' && s->doc_start >= 0) {
					size_t st = (size_t)s->doc_start;
					int one_line = s->doc_line == s->line;
					emit(docs, ndocs, cap, st, p - st, s->doc_line);
					/* a first object alone on its line: switch to splitting by lines */
					if (one_line && s->nrecs_seen == 0 && s->doc_bol) {
						size_t q = p;
						while (q < len && (buf[q] == ' ' || buf[q] == '\t' || buf[q] == '\r'))
							q++;
						if (q < len && buf[q] == '\n')
							s->lines = 1;
						/* the buffer ends first: the next bytes decide, so that where a
						 * buffer ends never changes how a file is split */
						s->lines_pending = q == len && !eof;
					}
					s->nrecs_seen++;
				}
				s->doc_start = -1;
				s->top = 0;
				s->base = -1;
			}
			continue;
		case ':':
			if (s->depth == 1 && s->top == '{')
				s->after_colon = 1;
			p++;
			continue;
		case ',':
			if (s->elem_scalar && s->depth == s->base && s->doc_start >= 0) {
				emit(docs, ndocs, cap, (size_t)s->doc_start, p - (size_t)s->doc_start, s->doc_line);
				s->doc_start = -1;
				s->elem_scalar = 0;
			}
			if (s->depth == 1 && s->top == '{') {
				s->key_pos = 1;
				s->keylen = 0;
				s->wrap_key = 0;
			}
			s->after_colon = 0;
			p++;
			continue;
		default:
			if (s->depth == s->base && s->doc_start < 0) {
				s->doc_start = (long)p;
				s->doc_line = s->line;
				s->elem_scalar = 1;
			}
			s->after_colon = 0;
			p++;
			continue;
		}
	}
	s->pos = p;
	if (eof) {
		s->lines_pending = 0;
		if (s->doc_start >= 0) {
			emit(docs, ndocs, cap, (size_t)s->doc_start, len - (size_t)s->doc_start, s->doc_line)->at_eof = 1;
			s->doc_start = -1;
		}
		return len;
	}
	size_t keep = s->doc_start >= 0 ? (size_t)s->doc_start : len;
	/* the caller moves buf[keep, len) to the start of the next buffer */
	if (keep > 0)
		s->bol = buf[keep - 1] == '\n';
	return keep;
}
