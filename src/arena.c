/* arena.c — bump allocator: dictionaries and per-record scratch live here, not in malloc. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "util.h"

struct sl_arena_block {
	struct sl_arena_block *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

void sl_arena_init(struct sl_arena *a, size_t block_size)
{
	a->head = NULL;
	a->block_size = block_size ? block_size : 65536;
	a->bytes = 0;
}

static void *take(struct sl_arena *a, size_t n, size_t align)
{
	struct sl_arena_block *b = a->head;
	size_t off;
	if (b) {
		off = (b->used + align - 1) & ~(align - 1);
		if (off + n <= b->size) {
			b->used = off + n;
			a->bytes += n;
			return b->data + off;
		}
	}
	/* Oversized requests get a block of their own so the common block size stays small. */
	size_t sz = n > a->block_size / 4 ? n : a->block_size;
	b = sl_xmalloc(sizeof *b + sz);
	b->size = sz;
	b->used = n;
	if (a->head && n > a->block_size / 4) {
		/* keep the partly used block on top: it still has room for small requests */
		b->next = a->head->next;
		a->head->next = b;
	} else {
		b->next = a->head;
		a->head = b;
	}
	a->bytes += n;
	return b->data;
}

void *sl_arena_alloc(struct sl_arena *a, size_t n)
{
	return take(a, n, 8);
}

char *sl_arena_bytes(struct sl_arena *a, size_t n)
{
	return take(a, n, 1);
}

char *sl_arena_memdup(struct sl_arena *a, const void *p, size_t n)
{
	char *d = take(a, n + 1, 1);
	if (n)
		memcpy(d, p, n);
	d[n] = '\0';
	return d;
}

char *sl_arena_vprintf(struct sl_arena *a, const char *fmt, va_list ap)
{
	va_list aq;
	char small[256];
	int n;
	va_copy(aq, ap);
	n = vsnprintf(small, sizeof small, fmt, aq);
	va_end(aq);
	if (n < 0)
		n = 0;
	if ((size_t)n < sizeof small)
		return sl_arena_memdup(a, small, (size_t)n);
	char *d = take(a, (size_t)n + 1, 1);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	return d;
}

char *sl_arena_printf(struct sl_arena *a, const char *fmt, ...)
{
	va_list ap;
	char *d;
	va_start(ap, fmt);
	d = sl_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return d;
}

void sl_arena_reset(struct sl_arena *a)
{
	struct sl_arena_block *b = a->head, *next;
	size_t total = 0;
	if (!b)
		return;
	if (!b->next) {
		b->used = 0;
		a->bytes = 0;
		return;
	}
	/* Several blocks were needed: replace them by one that holds them all, so a reused
	 * scratch arena settles on one block instead of faulting in fresh pages every time. */
	for (; b; b = next) {
		next = b->next;
		total += b->size;
		free(b);
	}
	b = sl_xmalloc(sizeof *b + total);
	b->next = NULL;
	b->size = total;
	b->used = 0;
	a->head = b;
	a->bytes = 0;
}

void sl_arena_free(struct sl_arena *a)
{
	struct sl_arena_block *b = a->head, *next;
	for (; b; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
	a->bytes = 0;
}
