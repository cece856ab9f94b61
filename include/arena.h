/* arena.h — bump allocator for dictionaries and per-record scratch (no malloc per row). */
#ifndef SL_ARENA_H
#define SL_ARENA_H
#include <stdarg.h>
#include <stddef.h>

struct sl_arena_block;

/* An arena owns every block it hands out; sl_arena_free releases them all at once. */
struct sl_arena {
	struct sl_arena_block *head;   /* newest block, chain to older ones */
	size_t block_size;             /* size of ordinary blocks */
	size_t bytes;                  /* bytes handed out, for statistics */
};

void sl_arena_init(struct sl_arena *a, size_t block_size);
/* 8-byte aligned memory valid until reset/free. */
void *sl_arena_alloc(struct sl_arena *a, size_t n);
/* Unaligned bytes (strings). */
char *sl_arena_bytes(struct sl_arena *a, size_t n);
char *sl_arena_memdup(struct sl_arena *a, const void *p, size_t n); /* adds a NUL */
char *sl_arena_printf(struct sl_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *sl_arena_vprintf(struct sl_arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Forget everything but keep the newest block for reuse. */
void sl_arena_reset(struct sl_arena *a);
void sl_arena_free(struct sl_arena *a);

#endif
