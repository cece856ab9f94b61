/* json_scan.c — finds where each top-level record ends in a stream of JSON, without parsing it,
 * and resynchronises after a broken record so that one bad bracket costs one record. */
#include <string.h>
#include "read_json.h"
#include "util.h"

/* Base-level states of a record array (between its elements). */
enum { B_ELEM, B_SCALAR, B_AFTER };

void sl_jscan_init(struct sl_jscan *s)
{
	memset(s, 0, sizeof *s);
	s->base = -1;
	s->doc_start = -1;
	s->pend_start = -1;
	s->skip_start = -1;
	s->comma = -1;
	s->line = 1;
	s->bol = 1;
}

void sl_jscan_rebase(struct sl_jscan *s, size_t shift)
{
	s->pos -= shift;
	if (s->doc_start >= 0)
		s->doc_start -= (long)shift;
	if (s->pend_start >= 0)
		s->pend_start -= (long)shift;
	if (s->skip_start >= 0)
		s->skip_start -= (long)shift;
	if (s->comma >= 0)
		s->comma -= (long)shift;
	if (s->scalar_end >= shift)
		s->scalar_end -= shift;
}

static struct sl_doc *emit(struct sl_doc **docs, size_t *n, size_t *cap, size_t off, size_t len, uint64_t line)
{
	sl_grow((void **)docs, cap, *n + 1, sizeof **docs);
	struct sl_doc *d = &(*docs)[(*n)++];
	d->off = off;
	d->len = len;
	d->line = line;
	d->at_eof = 0;
	d->resync = 0;
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

/* Is the bracket open at depth d (0-based) a '['? Past the tracked depth the kind is not
 * known: callers do not check closing brackets there (the parser rejects such a record). */
static int is_array(const struct sl_jscan *s, int d)
{
	return d < SL_JSON_MAX_DEPTH && (s->kinds[d / 64] >> (d % 64) & 1);
}

static void push(struct sl_jscan *s, char c)
{
	int d = s->depth;
	if (d < SL_JSON_MAX_DEPTH) {
		if (c == '[')
			s->kinds[d / 64] |= (uint64_t)1 << (d % 64);
		else
			s->kinds[d / 64] &= ~((uint64_t)1 << (d % 64));
	}
	s->depth++;
}

/* The depth at which a record's own bracket opens: the base of a record array, or 0. */
static int elem_depth(const struct sl_jscan *s)
{
	return s->base >= 0 ? s->base : 0;
}

/* The held element (and a scalar element after it) turned out fine: emit them. */
static void flush_pending(struct sl_jscan *s, struct sl_doc **docs, size_t *ndocs, size_t *cap)
{
	if (s->pend_start >= 0)
		emit(docs, ndocs, cap, (size_t)s->pend_start, s->pend_len, s->pend_line);
	s->pend_start = -1;
}

static void flush_scalar(struct sl_jscan *s, size_t end, struct sl_doc **docs, size_t *ndocs, size_t *cap)
{
	flush_pending(s, docs, ndocs, cap);
	if (s->doc_start >= 0 && s->elem_scalar)
		emit(docs, ndocs, cap, (size_t)s->doc_start, end - (size_t)s->doc_start, s->doc_line);
	s->doc_start = -1;
	s->elem_scalar = 0;
}

/* Something that cannot follow an element: the held element did not really end where its
 * brackets said (a stray '}' closed it early). Skip from its start to a point where records
 * plainly start again. */
static void start_skip(struct sl_jscan *s, size_t p)
{
	if (s->pend_start >= 0) {
		s->skip_start = s->pend_start;
		s->skip_line = s->pend_line;
	} else if (s->doc_start >= 0) {
		s->skip_start = s->doc_start;
		s->skip_line = s->doc_line;
	} else {
		s->skip_start = (long)p;
		s->skip_line = s->line;
	}
	s->pend_start = s->doc_start = -1;
	s->elem_scalar = 0;
	s->skip_depth = 0;
}

static void end_skip(struct sl_jscan *s, size_t end, struct sl_doc **docs, size_t *ndocs, size_t *cap)
{
	if (end > (size_t)s->skip_start)
		emit(docs, ndocs, cap, (size_t)s->skip_start, end - (size_t)s->skip_start, s->skip_line)->resync = 1;
	s->skip_start = -1;
}

/* A record (object or array) starts at p, at the current depth. Whether it starts a line is
 * decided here, where the byte before is known: when it closes, the record may have been
 * moved to the start of another buffer. */
static void start_record(struct sl_jscan *s, const char *buf, size_t p, char c)
{
	s->doc_start = (long)p;
	s->doc_line = s->line;
	s->doc_bol = p ? buf[p - 1] == '\n' : s->bol;
	s->elem_scalar = 0;
	push(s, c);
}

/* A record's own bracket closed (depth is back at its start): hold it until what follows
 * shows it ended there. */
static void record_closed(struct sl_jscan *s, size_t end)
{
	s->pend_start = s->doc_start;
	s->pend_len = end - (size_t)s->doc_start;
	s->pend_line = s->doc_line;
	s->doc_start = -1;
	s->bstate = B_AFTER;
}

/* The inside of a record, below its own top level (where most of the bytes are), in a tight
 * loop with the state in registers: strings, brackets of the right kind, commas. It stops
 * before anything the general loop must see: a bracket that closes to the record's top
 * level or below, a bracket of the wrong kind, a '{' where a member name must follow. */
static size_t inner(struct sl_jscan *s, const char *buf, size_t p, size_t len)
{
	int depth = s->depth, floor = s->base > 1 ? s->base : 1;
	char last = s->last;
	long comma = s->comma;
	while (p < len) {
		char c = buf[p];
		if (c == '"') {
			size_t e = string_end(buf, p + 1, len, &s->esc);
			last = '"';
			if (e > len) {
				s->in_str = 1;
				p = len;
				break;
			}
			p = e;
			continue;
		}
		if ((unsigned char)c <= ' ') {
			if (c == '\n')
				s->line++;
			else if (c != ' ' && c != '\t' && c != '\r')
				last = c;
			p++;
			continue;
		}
		if (c == ',') {
			comma = (long)p;
		} else if (c == '{' || c == '[') {
			if (c == '{' && last == ',' && s->doc_start >= 0 && depth <= SL_JSON_MAX_DEPTH &&
			    !is_array(s, depth - 1))
				break;
			if (depth < SL_JSON_MAX_DEPTH) {
				if (c == '[')
					s->kinds[depth / 64] |= (uint64_t)1 << (depth % 64);
				else
					s->kinds[depth / 64] &= ~((uint64_t)1 << (depth % 64));
			}
			depth++;
		} else if (c == '}' || c == ']') {
			if (depth - 1 <= floor || (depth - 1 < SL_JSON_MAX_DEPTH && is_array(s, depth - 1) != (c == ']')))
				break;
			depth--;
		}
		last = c;
		p++;
	}
	s->depth = depth;
	s->last = last;
	s->comma = comma;
	return p;
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
			if (s->elem_scalar && s->depth == s->base && s->skip_start < 0) {
				/* a string element ended */
				s->scalar_end = p;
				s->bstate = B_AFTER;
			}
			continue;
		}
		if (s->depth >= 2 && s->depth > s->base && s->skip_start < 0) {
			p = inner(s, buf, p, len);
			if (s->in_str || p >= len)
				continue;
		}
		char c = buf[p];
		if (c == '\n') {
			/* the decision the end of the previous buffer left open (see below) */
			if (s->lines_pending) {
				s->lines = 1;
				flush_pending(s, docs, ndocs, cap);
			}
			s->lines_pending = 0;
			s->line++;
			p++;
			if (s->bstate == B_SCALAR && s->depth == s->base) {
				s->scalar_end = p - 1;
				s->bstate = B_AFTER;
			}
			continue;
		}
		if (is_ws(c)) {
			if (s->bstate == B_SCALAR && s->depth == s->base) {
				s->scalar_end = p;
				s->bstate = B_AFTER;
			}
			p++;
			continue;
		}

		/* ---- resynchronising: skip a broken record to where records start again */
		if (s->skip_start >= 0) {
			if (c == '"') {
				s->in_str = 1;
			} else if (c == '{' || c == '[') {
				if (s->skip_depth == 0 && c == '{' && s->last == ',' && s->depth > 0 && s->comma > s->skip_start) {
					/* ", {" between records: the next one starts here */
					end_skip(s, (size_t)s->comma, docs, ndocs, cap);
					start_record(s, buf, p, c);
					s->last = c;
					p++;
					continue;
				}
				s->skip_depth++;
			} else if (c == '}' || c == ']') {
				if (s->skip_depth > 0) {
					s->skip_depth--;
				} else if (c == '}' || s->depth == 0) {
					/* the closing bracket the broken record lacked its opener for: it
					 * ends here */
					end_skip(s, p + 1, docs, ndocs, cap);
					s->bstate = B_AFTER;
				} else {
					/* the record array closes: handled below */
					end_skip(s, p, docs, ndocs, cap);
					s->bstate = B_AFTER;
					continue;
				}
			} else if (c == ',') {
				s->comma = (long)p;
			}
			s->last = c;
			p++;
			continue;
		}

		/* ---- between top-level values */
		if (s->depth == 0) {
			s->lines_pending = 0;
			if (s->pend_start >= 0 && (c == ',' || c == ':' || c == '}' || c == ']')) {
				/* a top-level object closed early */
				start_skip(s, p);
				continue;
			}
			flush_pending(s, docs, ndocs, cap);
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
			s->base = c == '[' ? 1 : -1;
			s->bstate = B_ELEM;
			s->wrap_key = s->after_colon = 0;
			s->key_pos = c == '{';
			s->keylen = 0;
			if (c == '{')
				start_record(s, buf, p, c);
			else
				push(s, c);
			s->last = c;
			p++;
			continue;
		}

		/* ---- between the elements of a record array */
		if (s->depth == s->base) {
			int ok = 1;
			switch (s->bstate) {
			case B_ELEM:
				if (c == '{' || c == '[') {
					flush_pending(s, docs, ndocs, cap);
					start_record(s, buf, p, c);
				} else if (c == '"') {
					s->doc_start = (long)p;
					s->doc_line = s->line;
					s->elem_scalar = 1;
					s->in_str = 1;
				} else if (c == ']') {
					goto close;     /* [] or a trailing comma */
				} else if (c == ',') {
					/* an empty element: nothing to read */
				} else if (c == '}' || c == ':') {
					ok = 0;
				} else {
					s->doc_start = (long)p;
					s->doc_line = s->line;
					s->elem_scalar = 1;
					s->bstate = B_SCALAR;
				}
				break;
			case B_SCALAR:
				if (c == ',' || c == ']') {
					s->scalar_end = p;
					s->bstate = B_AFTER;
					continue;
				}
				if (c == '{' || c == '[' || c == '}' || c == ':' || c == '"')
					ok = 0;
				break;
			case B_AFTER:
				if (c == ',') {
					if (s->elem_scalar)
						flush_scalar(s, s->scalar_end, docs, ndocs, cap);
					s->bstate = B_ELEM;
				} else if (c == ']') {
					if (s->elem_scalar)
						flush_scalar(s, s->scalar_end, docs, ndocs, cap);
					goto close;
				} else if ((c == '{' || c == '[') && !s->elem_scalar) {
					/* two records without a comma: both are whole, read both */
					flush_pending(s, docs, ndocs, cap);
					start_record(s, buf, p, c);
				} else {
					ok = 0;
				}
				break;
			}
			if (!ok) {
				start_skip(s, p);
				continue;
			}
			s->last = c;
			p++;
			continue;
		}

		/* ---- inside a record, or a wrapper object's own members */
		switch (c) {
		case '"':
			if (s->key_pos)
				s->keylen = 0;
			s->in_str = 1;
			s->after_colon = 0;
			break;
		case '{':
		case '[':
			if (c == '{' && s->last == ',' && s->doc_start >= 0 && s->depth > elem_depth(s) &&
			    s->depth <= SL_JSON_MAX_DEPTH &&
			    !is_array(s, s->depth - 1)) {
				/* '{' where a member name must follow: the record before it never closed,
				 * and this is most likely the next one */
				size_t d0 = (size_t)s->doc_start;
				emit(docs, ndocs, cap, d0, (size_t)s->comma - d0, s->doc_line)->resync = 1;
				s->depth = elem_depth(s);
				if (s->depth == 0) {
					s->top = '{';
					s->key_pos = 1;
					s->keylen = 0;
					s->wrap_key = 0;
				}
				start_record(s, buf, p, c);
				s->after_colon = 0;
				break;
			}
			if (s->depth == 1 && s->top == '{' && s->after_colon && s->wrap_key && c == '[') {
				s->base = 2;          /* a Graph page or Event Hub message: stream its array */
				s->doc_start = -1;
				s->bstate = B_ELEM;
			}
			s->after_colon = 0;
			push(s, c);
			break;
		case '}':
		case ']': {
			int d = s->depth - 1, lo = s->doc_start >= 0 ? elem_depth(s) : 0;
			if (d < SL_JSON_MAX_DEPTH && is_array(s, d) != (c == ']')) {
				/* a closing bracket of the wrong kind: close up to the nearest bracket it
				 * matches (the parser rejects the record); none in the record: the record
				 * is cut here */
				int k = d;
				while (k > lo && is_array(s, k) != (c == ']'))
					k--;
				if (is_array(s, k) == (c == ']')) {
					s->depth = k + 1;
				} else if (c == ']' && s->base >= 1 && s->doc_start >= 0) {
					/* the record array closes while its last record is open */
					size_t d0 = (size_t)s->doc_start;
					emit(docs, ndocs, cap, d0, p - d0, s->doc_line)->resync = 1;
					s->doc_start = -1;
					s->depth = s->base;
					s->bstate = B_AFTER;
					continue;
				} else {
					s->depth = lo + 1;
				}
			}
			s->depth--;
			p++;
			s->last = c;
			if (s->doc_start >= 0 && s->depth == elem_depth(s))
				record_closed(s, p);
			if (s->depth == 1 && s->top == '{' && s->base == 2)
				s->base = -1;
			if (s->depth == 0) {
				if (s->top == '{' && s->pend_start >= 0) {
					int one_line = s->pend_line == s->line;
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
					if (s->lines)
						flush_pending(s, docs, ndocs, cap);
					s->nrecs_seen++;
				}
				s->top = 0;
				s->base = -1;
			}
			continue;
		}
		case ':':
			if (s->depth == 1 && s->top == '{')
				s->after_colon = 1;
			break;
		case ',':
			s->comma = (long)p;
			if (s->depth == 1 && s->top == '{') {
				s->key_pos = 1;
				s->keylen = 0;
				s->wrap_key = 0;
			}
			s->after_colon = 0;
			break;
		default:
			s->after_colon = 0;
			break;
		}
		s->last = c;
		p++;
		continue;
	close:
		/* the record array closes */
		flush_pending(s, docs, ndocs, cap);
		s->depth--;
		s->last = c;
		p++;
		if (s->depth == 1 && s->top == '{' && s->base == 2)
			s->base = -1;
		if (s->depth == 0) {
			s->top = 0;
			s->base = -1;
		}
	}
	s->pos = p;
	if (eof) {
		s->lines_pending = 0;
		if (s->skip_start >= 0)
			end_skip(s, len, docs, ndocs, cap);
		if (s->elem_scalar && s->bstate == B_AFTER)
			flush_scalar(s, s->scalar_end, docs, ndocs, cap);
		flush_pending(s, docs, ndocs, cap);
		if (s->doc_start >= 0) {
			emit(docs, ndocs, cap, (size_t)s->doc_start, len - (size_t)s->doc_start, s->doc_line)->at_eof = 1;
			s->doc_start = -1;
		}
		return len;
	}
	long keep = s->skip_start >= 0 ? s->skip_start : s->pend_start >= 0 ? s->pend_start : s->doc_start;
	size_t k = keep >= 0 ? (size_t)keep : len;
	/* the caller moves buf[k, len) to the start of the next buffer */
	if (k > 0)
		s->bol = buf[k - 1] == '\n';
	return k;
}
