/* ingest.c — the ingest pipeline: a reader thread reads, inflates and splits, workers parse
 * batches, and the calling thread commits them to the store strictly in input order, so output
 * never depends on timing. With one thread everything runs on the calling thread. */
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <strings.h>
#include <unistd.h>
#include "ingest.h"
#include "read_csv.h"
#include "read_json.h"
#include "sniff.h"
#include "sltime.h"
#include "util.h"

#define BATCH_BYTES (4u << 20)
#define MAX_RECORD ((size_t)512 << 20)

enum { B_FREE, B_QUEUED, B_PARSING, B_DONE };

/* What the committer needs of a row besides its packed values: a row is 3 KB and a batch
 * holds thousands, so batches keep only this and reuse a few rows while parsing. */
struct meta {
	uint64_t line;
	const char *error;
	const char *skip;         /* a record of another log: its category */
	int64_t time;
	struct sl_prow h;
	uint32_t authgrp;
	uint8_t invalid_utf8;
};

/* A mapped input file, shared by its batches: unmapped when the last reference goes. */
struct fmap {
	struct sl_map m;
	_Atomic int refs;
	_Atomic size_t done;      /* data[0, done) is no longer needed (the committer says) */
};

static void fmap_unref(struct fmap *fm)
{
	if (fm && atomic_fetch_sub(&fm->refs, 1) == 1) {
		sl_unmap(&fm->m);
		free(fm);
	}
}

struct batch {
	size_t seq;
	size_t file;
	char *buf;
	size_t len, cap;
	const char *data;         /* the bytes docs refer to: buf, or a window of map */
	struct fmap *map;
	struct sl_doc *docs;
	size_t ndocs, dcap;
	struct sl_row *rows;      /* the last few rows only: packed as they are done (take_rows) */
	size_t nrows, rcap;
	struct meta *meta;        /* per row of the batch: what the committer reads besides values */
	size_t nmeta, mcap;
	struct sl_arena scratch;
	char *note;               /* --verbose line reported before this batch's rows */
	char *file_msg;           /* file-level error reported after this batch's rows */
	const struct sl_csvfile *csv;  /* the docs are records of this CSV file; NULL: JSON */
	uint8_t *lost;            /* CSV columns that held a .NET type name in this batch */
	struct sl_pval *packed;   /* each row's loaded values, in the store's order */
	size_t pcap;
	size_t lostcap;
	int last_of_file;
	int state;
};

struct pipe {
	struct sl_ingest *g;
	const struct sl_ingest_opts *o;
	const struct sl_paths *paths;
	struct batch *ring;
	size_t nring;
	size_t next_seq;          /* next batch the reader hands out (written by the reader) */
	size_t commit_seq;        /* next batch to commit (written by the committer) */
	pthread_mutex_t mu;       /* guards the ring's states and the two sequence numbers */
	pthread_cond_t work;      /* a batch was queued, or stop */
	pthread_cond_t done;      /* a batch was parsed, or the reader finished */
	pthread_cond_t freed;     /* a batch was committed and is free again */
	int stop, abort, reader_done;
	pthread_t *th, reader;
	int nth;                  /* parse workers; 0 = no threads at all */
	struct sl_jparser *inline_jp;
	struct sl_csvparser *inline_cp;
	struct sl_csvfile **csvf;     /* per file: its CSV columns (reader writes, freed at the end) */
	uint8_t **lost;               /* per file: columns that held .NET type names (committer) */
	struct sl_authjoin *auth;     /* authentication steps from AuthDetails files, or NULL */
	/* per-file message accounting (committer only) */
	uint64_t printed, recno, printed_conflicts;
	size_t cur_file;
	struct sl_skipped *fskip;     /* this file's skipped records by category */
	size_t nfskip;
	/* progress (committer), fed by the reader */
	uint64_t bytes_total;
	int size_unknown;             /* an input without a size (stdin, a pipe): no total shown */
	_Atomic uint64_t bytes_read;
	_Atomic size_t file_at;
	double t0, last_progress;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Where the threads wait, for bench/run (a build with -DSL_PIPE_STATS; compiled out of every
 * other): time blocked in each wait, summed under the lock, printed when the ingest ends.
 * Parse workers count only what they wait while the reader still reads: that is waiting for
 * input. */
#ifdef SL_PIPE_STATS
static struct {
	double t0, reader_end, worker, reader, committer;
} stats;
#define WAIT(cond, mu, who) do { \
		double w0_ = now(); \
		pthread_cond_wait(cond, mu); \
		double w1_ = now(); \
		if (&stats.who == &stats.worker && stats.reader_end > 0 && w1_ > stats.reader_end) \
			w1_ = stats.reader_end; \
		if (w1_ > w0_) \
			stats.who += w1_ - w0_; \
	} while (0)
#else
#define WAIT(cond, mu, who) pthread_cond_wait(cond, mu)
#endif

/* Rows [from, b->nrows) are done: note what the committer reads of them and pack their
 * values (16 bytes a loaded value, not a 3 KB row) while they are still in this core's cache;
 * the next rows reuse their slots. */
static void take_rows(const struct sl_store *s, struct batch *b, size_t from)
{
	size_t n = b->nrows - from;
	sl_grow((void **)&b->meta, &b->mcap, b->nmeta + n + 1, sizeof *b->meta);
	sl_grow((void **)&b->packed, &b->pcap, (b->nmeta + n + 1) * s->npack, sizeof *b->packed);
	for (size_t i = from; i < b->nrows; i++) {
		const struct sl_row *r = &b->rows[i];
		struct meta *m = &b->meta[b->nmeta];
		m->line = r->line;
		m->error = r->error;
		m->skip = r->error ? NULL : r->skip;
		m->time = r->error || r->skip ? 0 : r->f[SL_F_TIME].i;
		m->authgrp = r->authgrp;
		m->invalid_utf8 = r->invalid_utf8;
		if (!r->error && !r->skip)
			sl_store_pack(s, r, &m->h, b->packed + b->nmeta * s->npack, &b->scratch);
		b->nmeta++;
	}
	b->nrows = 0;
}

static void parse_batch(struct pipe *p, struct batch *b, struct sl_jparser *jp, struct sl_csvparser *cp)
{
	const struct sl_store *s = &p->g->store;
	b->nrows = b->nmeta = 0;
	if (b->csv) {
		if (b->lostcap < b->csv->ncols) {
			b->lost = sl_xrealloc(b->lost, b->csv->ncols);
			b->lostcap = b->csv->ncols;
		}
		memset(b->lost, 0, b->csv->ncols);
		/* a CSV batch's docs are blocks of records: parsed a few rows at a time */
		for (size_t d = 0; d < b->ndocs; d++) {
			const char *t = b->data + b->docs[d].off;
			size_t len = b->docs[d].len, off = 0;
			uint64_t line = b->docs[d].line;
			while (off < len) {
				size_t from = b->nrows;
				off += sl_csv_parse_some(cp, jp, b->csv, t + off, len - off, &line, b->docs[d].at_eof, 32,
				                         &b->scratch, &b->rows, &b->nrows, &b->rcap, b->lost);
				take_rows(s, b, from);
			}
		}
		return;
	}
	for (size_t d = 0; d < b->ndocs; d++) {
		size_t from = b->nrows;
		sl_json_parse_doc(jp, b->data + b->docs[d].off, b->docs[d].len, b->docs[d].line,
		                  (b->docs[d].at_eof ? SL_DOC_AT_EOF : 0) | (b->docs[d].resync ? SL_DOC_RESYNC : 0),
		                  &b->scratch, &b->rows, &b->nrows, &b->rcap);
		take_rows(s, b, from);
	}
}

static void *worker(void *arg)
{
	struct pipe *p = arg;
	struct sl_jparser *jp = sl_jparser_new();
	struct sl_csvparser *cp = sl_csvparser_new();
	pthread_mutex_lock(&p->mu);
	for (;;) {
		struct batch *b = NULL;
		for (size_t i = 0; i < p->nring; i++) {
			struct batch *c = &p->ring[i];
			if (c->state == B_QUEUED && (!b || c->seq < b->seq))
				b = c;
		}
		if (!b) {
			if (p->stop)
				break;
			WAIT(&p->work, &p->mu, worker);
			continue;
		}
		b->state = B_PARSING;
		pthread_mutex_unlock(&p->mu);
		parse_batch(p, b, jp, cp);
		pthread_mutex_lock(&p->mu);
		b->state = B_DONE;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	sl_jparser_free(jp);
	sl_csvparser_free(cp);
	return NULL;
}

static void file_error(struct pipe *p, struct sl_file_stats *f, const char *msg)
{
	sl_warn("%s: error: %s", f->name, msg);
	if (!f->error)
		p->g->file_errors++;
	f->error = 1;
}

/* Add a line to what is said before the batch's rows (in input order, whatever the threads). */
static void note(struct batch *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct batch *b, const char *fmt, ...)
{
	va_list ap;
	size_t old = b->note ? strlen(b->note) + 1 : 0;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	b->note = sl_xrealloc(b->note, old + (size_t)n + 1);
	if (old)
		b->note[old - 1] = '\n';
	va_start(ap, fmt);
	vsnprintf(b->note + old, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

/* A PowerShell CSV whose cells hold .NET type names lost those objects: say which, once. */
static void lost_columns(struct pipe *p, size_t fi)
{
	const struct sl_csvfile *cf = p->csvf[fi];
	size_t len = 0, k = 0;
	char *list;
	if (!cf || !p->lost[fi])
		return;
	for (size_t c = 0; c < cf->ncols; c++)
		if (p->lost[fi][c])
			len += strlen(cf->cols[c].title) + 4;
	if (!len)
		return;
	list = sl_xmalloc(len + 1);
	list[0] = '\0';
	for (size_t c = 0; c < cf->ncols; c++)
		if (p->lost[fi][c]) {
			strcat(list, k++ ? ", " : "");
			strcat(list, "\"");
			strcat(list, cf->cols[c].title);
			strcat(list, "\"");
		}
	sl_warn("%s: warning: column%s %s hold%s .NET type names, not data (an Export-Csv of Graph "
	        "PowerShell objects loses nested objects): read as empty", cf->name, k == 1 ? "" : "s", list,
	        k == 1 ? "s" : "");
	free(list);
}

/* Text from a record (a category, a request id) fit for a message: printable ASCII, at most
 * 80 bytes; anything else becomes '?'. */
static const char *printable(const char *s, size_t n, char *buf, size_t size)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 4 < size; i++) {
		if (k >= 80) {
			memcpy(buf + k, "...", 3);
			k += 3;
			break;
		}
		unsigned char c = (unsigned char)s[i];
		buf[k++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	buf[k] = '\0';
	return buf;
}

/* Count a record of another log under its category (per run and per file). */
static void count_skipped(struct sl_skipped **v, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].name, name) == 0) {
			(*v)[i].n++;
			return;
		}
	*v = sl_xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[*n].name = sl_xstrdup(name);
	(*v)[*n].n = 1;
	(*n)++;
}

static int by_count_name(const void *a, const void *b)
{
	const struct sl_skipped *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->name, y->name);
}

static void free_skipped(struct sl_skipped *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

/* The notes at the end of a file: records of other logs, revisions, conflicts not shown. */
static void file_notes(struct pipe *p, struct sl_file_stats *f)
{
	if (p->o->quiet)
		return;
	if (p->nfskip) {
		char list[600], name[100];
		size_t k = 0;
		qsort(p->fskip, p->nfskip, sizeof *p->fskip, by_count_name);
		list[0] = '\0';
		for (size_t i = 0; i < p->nfskip && k + 120 < sizeof list; i++)
			k += (size_t)snprintf(list + k, sizeof list - k, "%s%s %llu", i ? ", " : "",
			                      printable(p->fskip[i].name, strlen(p->fskip[i].name), name, sizeof name),
			                      (unsigned long long)p->fskip[i].n);
		sl_warn("%s: note: %llu record%s of other logs skipped (not sign-ins): %s", f->name,
		        (unsigned long long)f->skipped, f->skipped == 1 ? "" : "s", list);
	}
	if (f->invalid_utf8)
		sl_warn("%s: note: %llu sign-in%s hold%s invalid UTF-8, a NUL byte or a lone surrogate: shown as U+FFFD "
		        "(counted in invalid_utf8)", f->name, (unsigned long long)f->invalid_utf8, f->invalid_utf8 == 1 ? "" : "s",
		        f->invalid_utf8 == 1 ? "s" : "");
	if (f->revised)
		sl_warn("%s: note: %llu record%s revise%s sign-ins read before (same request id, time and user, other "
		        "content): merged into them", f->name, (unsigned long long)f->revised, f->revised == 1 ? "" : "s",
		        f->revised == 1 ? "s" : "");
	if (f->id_conflicts > p->printed_conflicts)
		sl_warn("%s: %llu more request id conflict%s not shown", f->name,
		        (unsigned long long)(f->id_conflicts - p->printed_conflicts),
		        f->id_conflicts - p->printed_conflicts == 1 ? "" : "s");
}

/* A loaded record reuses the request id of an earlier, different sign-in: say which. */
static void conflict(struct pipe *p, struct sl_file_stats *f, const struct meta *r, size_t other)
{
	const struct sl_store *s = &p->g->store;
	uint64_t o = s->origin[other];
	char idbuf[40], id[100];
	const char *t = sl_store_text(s, SL_F_REQUEST_ID, other, idbuf);
	if (p->o->quiet || p->printed_conflicts >= (uint64_t)p->o->max_errors)
		return;
	p->printed_conflicts++;
	sl_warn("%s:%llu: warning: record %llu: request id %s was read before for another sign-in (%s:%llu, another "
	        "time or user): both are loaded", f->name, (unsigned long long)r->line, (unsigned long long)p->recno,
	        printable(t, strlen(t), id, sizeof id), p->g->files[o >> 40].name,
	        (unsigned long long)(o & (((uint64_t)1 << 40) - 1)));
}

/* Account for one parsed batch, in order: load rows, count, print messages. */
static void commit(struct pipe *p, struct batch *b)
{
	struct sl_ingest *g = p->g;
	struct sl_file_stats *f = &g->files[b->file];
	if (b->file != p->cur_file) {
		p->cur_file = b->file;
		p->printed = p->recno = p->printed_conflicts = 0;
		free_skipped(p->fskip, p->nfskip);
		p->fskip = NULL;
		p->nfskip = 0;
	}
	for (char *n = b->note, *e; n; n = e ? e + 1 : NULL) {
		/* one message per line of the note */
		e = strchr(n, '\n');
		sl_warn("%.*s", (int)(e ? (size_t)(e - n) : strlen(n)), n);
	}
	if (b->csv) {
		if (!p->lost[b->file])
			p->lost[b->file] = sl_xcalloc(b->csv->ncols, 1);
		for (size_t c = 0; c < b->csv->ncols; c++)
			p->lost[b->file][c] |= b->lost[c];
	}
	uint64_t fileno = (uint64_t)b->file << 40;
	for (size_t i = 0; i < b->nmeta && !g->strict_stop && !g->limit_stop; i++) {
		const struct meta *r = &b->meta[i];
		const struct sl_pval *packed = b->packed + i * g->store.npack;
		size_t other = 0;
		if (i + 6 < b->nmeta && !b->meta[i + 6].error && !b->meta[i + 6].skip)
			sl_store_prefetch(&g->store, &b->meta[i + 6].h, b->packed + (i + 6) * g->store.npack);
		if (p->o->max_records && g->read == p->o->max_records) {
			sl_warn("error: stopped after %llu records (--max-records; 0 = no limit): the rest of the input is "
			        "not read, from %s:%llu on", (unsigned long long)g->read, f->name, (unsigned long long)r->line);
			g->file_errors++;
			g->limit_stop = 1;
			break;
		}
		p->recno++;
		f->read++;
		g->read++;
		if (r->error) {
			f->rejected++;
			g->rejected++;
			if (p->o->strict) {
				sl_warn("%s:%llu: error: record %llu: %s", f->name, (unsigned long long)r->line,
				        (unsigned long long)p->recno, r->error);
				g->strict_stop = 1;
				break;
			}
			if (!p->o->quiet && p->printed < (uint64_t)p->o->max_errors) {
				sl_warn("%s:%llu: error: record %llu: %s", f->name, (unsigned long long)r->line,
				        (unsigned long long)p->recno, r->error);
				p->printed++;
			}
			continue;
		}
		if (r->skip) {
			f->skipped++;
			g->skipped++;
			count_skipped(&p->fskip, &p->nfskip, r->skip);
			count_skipped(&g->skipped_by, &g->nskipped_by, r->skip);
			continue;
		}
		switch (sl_store_add_packed(&g->store, &r->h, packed, fileno | (r->line & (((uint64_t)1 << 40) - 1)), &other)) {
		case SL_ADD_DUPLICATE:
			f->duplicates++;
			g->duplicates++;
			continue;
		case SL_ADD_REVISED:
			f->revised++;
			g->revised++;
			if (r->authgrp)
				sl_authjoin_mark(p->auth, r->authgrp - 1);
			continue;
		case SL_ADD_CONFLICT:
			f->id_conflicts++;
			g->id_conflicts++;
			conflict(p, f, r, other);
			break;
		case SL_ADD_NEW:
			break;
		}
		f->loaded++;
		g->loaded++;
		if (r->authgrp)
			sl_authjoin_mark(p->auth, r->authgrp - 1);
		if (r->invalid_utf8) {
			g->invalid_utf8++;
			f->invalid_utf8++;
		}
		int64_t t = r->time;
		if (f->first == SL_TIME_NONE || t < f->first)
			f->first = t;
		if (f->last == SL_TIME_NONE || t > f->last)
			f->last = t;
	}
	if (g->strict_stop)
		return;
	if (g->limit_stop && !b->last_of_file) {
		file_notes(p, f);
		return;
	}
	if (b->last_of_file) {
		lost_columns(p, b->file);
		file_notes(p, f);
		if (!p->o->quiet && f->rejected > p->printed)
			sl_warn("%s: %llu more rejected record%s not shown", f->name,
			        (unsigned long long)(f->rejected - p->printed), f->rejected - p->printed == 1 ? "" : "s");
		if (b->file_msg)
			file_error(p, f, b->file_msg);
		else if (f->read > 0 && f->rejected == f->read)
			file_error(p, f, "not a sign-in export: no record in it is a sign-in");
	}
}

/* Make a committed batch reusable (the committer owns it until its state says free). */
static void release(struct batch *b)
{
	if (b->map) {
		/* batches are released in order: what comes before this one is done with (the
		 * reader lets those pages go: this thread has enough to do) */
		atomic_store(&b->map->done, (size_t)(b->data - b->map->m.data));
		fmap_unref(b->map);
		b->map = NULL;
	}
	b->ndocs = b->nrows = b->nmeta = b->len = 0;
	free(b->file_msg);
	free(b->note);
	b->file_msg = b->note = NULL;
	b->last_of_file = 0;
	b->csv = NULL;
	sl_arena_reset(&b->scratch);
}

/* Reader side: the next ring slot, once the committer has freed it; NULL when stopping. */
static struct batch *acquire(struct pipe *p, size_t file)
{
	struct batch *b = &p->ring[p->next_seq % p->nring];
	if (p->nth) {
		pthread_mutex_lock(&p->mu);
		while (!p->abort && (b->state != B_FREE || p->commit_seq + p->nring <= p->next_seq))
			WAIT(&p->freed, &p->mu, reader);
		int abort = p->abort;
		pthread_mutex_unlock(&p->mu);
		if (abort)
			return NULL;
	} else if (p->g->strict_stop || p->g->limit_stop) {
		return NULL;
	}
	b->seq = p->next_seq;
	b->file = file;
	return b;
}

static void progress(struct pipe *p, int final);

/* Reader side: hand a filled batch to the workers (or, without threads, do all the work). */
static void submit(struct pipe *p, struct batch *b)
{
	if (!p->nth) {
		if (!p->inline_jp)
			p->inline_jp = sl_jparser_new();
		if (!p->inline_cp)
			p->inline_cp = sl_csvparser_new();
		p->next_seq++;
		parse_batch(p, b, p->inline_jp, p->inline_cp);
		commit(p, b);
		release(b);
		p->commit_seq++;
		progress(p, 0);
		return;
	}
	pthread_mutex_lock(&p->mu);
	b->state = B_QUEUED;
	p->next_seq++;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
}

/* Committer: take parsed batches in order until the reader is done and all are committed. */
static void commit_loop(struct pipe *p)
{
	for (;;) {
		struct batch *b = &p->ring[p->commit_seq % p->nring];
		pthread_mutex_lock(&p->mu);
		while (!(p->commit_seq < p->next_seq && b->state == B_DONE) &&
		       !(p->reader_done && p->commit_seq == p->next_seq))
			WAIT(&p->done, &p->mu, committer);
		int finished = p->commit_seq == p->next_seq;
		pthread_mutex_unlock(&p->mu);
		if (finished)
			return;
		commit(p, b);
		release(b);
		pthread_mutex_lock(&p->mu);
		b->state = B_FREE;
		p->commit_seq++;
		if (p->g->strict_stop || p->g->limit_stop)
			p->abort = 1;
		pthread_cond_broadcast(&p->freed);
		pthread_mutex_unlock(&p->mu);
		progress(p, 0);
		if (p->g->strict_stop || p->g->limit_stop)
			return;
	}
}

static void progress(struct pipe *p, int final)
{
	double t = now();
	if (!p->o->progress || p->o->quiet)
		return;
	if (final) {
		fputs("\r\033[K", stderr);
		return;
	}
	if (t - p->last_progress < 0.25)
		return;
	p->last_progress = t;
	double el = t - p->t0;
	double mb = (double)atomic_load(&p->bytes_read) / 1e6;
	/* standard input or a pipe has no size: bytes read and the rate, never a made-up total */
	if (p->size_unknown)
		fprintf(stderr, "\r\033[Ksignlog: file %zu/%zu, %.1f MB read, %.1f MB/s, %.0f sign-ins/s",
		        atomic_load(&p->file_at) + 1, p->g->nfiles, mb, el > 0 ? mb / el : 0.0,
		        el > 0 ? (double)p->g->read / el : 0.0);
	else
		fprintf(stderr, "\r\033[Ksignlog: file %zu/%zu, %.1f of %.1f MB, %.0f sign-ins/s",
		        atomic_load(&p->file_at) + 1, p->g->nfiles, mb, (double)p->bytes_total / 1e6,
		        el > 0 ? (double)p->g->read / el : 0.0);
}

static void ensure(struct batch *b, size_t need)
{
	if (need > b->cap) {
		size_t cap = b->cap ? b->cap : BATCH_BYTES;
		while (cap < need)
			cap *= 2;
		b->buf = sl_xrealloc(b->buf, cap);
		b->cap = cap;
	}
}

/* Where the header of a CSV starts: after blank lines and a "#TYPE ..." line (Windows
 * PowerShell's Export-Csv without -NoTypeInformation). *line gets the header's line. */
static size_t csv_preamble(const char *buf, size_t len, uint64_t *line)
{
	size_t i = 0;
	*line = 1;
	for (;;) {
		size_t j = i;
		while (j < len && (buf[j] == ' ' || buf[j] == '\t' || buf[j] == '\r'))
			j++;
		if (j < len && buf[j] == '\n') {
			i = j + 1;
			(*line)++;
			continue;
		}
		if (len - i >= 6 && memcmp(buf + i, "#TYPE ", 6) == 0) {
			size_t e = i;
			while (e < len && buf[e] != '\n' && buf[e] != '\r')
				e++;
			if (e == len)
				return len;
			if (buf[e] == '\r' && e + 1 < len && buf[e + 1] == '\n')
				e++;
			*line += buf[e] == '\n';
			i = e + 1;
			continue;
		}
		return i;
	}
}

/* Start the splitter at the header of buf: after the preamble, with the delimiter given or,
 * when 0, the one the header line shows. */
static void csv_scan_start(struct sl_cscan *cs, const char *buf, size_t len, char delim)
{
	uint64_t line;
	size_t h = csv_preamble(buf, len, &line);
	sl_cscan_init(cs, delim ? delim : sl_csv_delim(buf + h, len - h), line);
	cs->pos = h;
}

/* Read the whole of a CSV file's records into fn (one thread, before or beside the pipeline:
 * the date evidence of a file and the steps of AuthDetails files). Returns 0, or -1 with a
 * message in err; -2 (and the message) when a record is larger than MAX_RECORD: the records
 * before it were given to fn. */
typedef void (*csv_each)(void *ctx, const char *rec, size_t len, uint64_t line, int cut);
static int csv_walk(const char *path, struct sl_csvfile *cf, int want_header, csv_each fn, void *ctx,
                    char *err, size_t errsize, char **header_err)
{
	struct sl_input in;
	struct sl_cscan cs;
	struct sl_doc *docs = NULL;
	size_t ndocs = 0, dcap = 0, len = 0, cap = BATCH_BYTES;
	char *buf = NULL;
	int rc = -1, eof = 0, header = want_header, started = 0;

	if (sl_input_open(&in, path) != 0) {
		snprintf(err, errsize, "%s", in.err);
		return -1;
	}
	buf = sl_xmalloc(cap);
	for (;;) {
		while (!eof && len < cap) {
			long n = sl_input_read(&in, buf + len, cap - len);
			if (n < 0) {
				snprintf(err, errsize, "%s", in.err);
				goto out;
			}
			if (n == 0)
				eof = 1;
			len += (size_t)n;
		}
		if (!started) {
			csv_scan_start(&cs, buf, len, cf->ncols ? cf->delim : 0);
			started = 1;
		}
		ndocs = 0;
		size_t keep = sl_cscan_feed(&cs, buf, len, eof, &docs, &ndocs, &dcap);
		for (size_t d = 0; d < ndocs; d++) {
			if (header) {
				header = 0;
				if (!cf->ncols &&
				    sl_csv_header(cf, cf->name, path, buf + docs[d].off, docs[d].len, cs.delim, header_err) != 0)
					goto out;
				continue;
			}
			fn(ctx, buf + docs[d].off, docs[d].len, docs[d].line, docs[d].at_eof);
		}
		if (eof)
			break;
		if (keep == 0 && len == cap) {
			/* one record fills the buffer: the same cap as the reader's (an unclosed quote
			 * would otherwise take all memory) */
			if (cap >= MAX_RECORD) {
				snprintf(err, errsize, "a record at line %llu is larger than %zu MiB (an unclosed quote?)",
				         (unsigned long long)cs.rec_line, MAX_RECORD >> 20);
				rc = -2;
				goto out;
			}
			cap *= 2;
			buf = sl_xrealloc(buf, cap);
		}
		memmove(buf, buf + keep, len - keep);
		len -= keep;
		sl_cscan_rebase(&cs, keep);
	}
	if (header) {
		snprintf(err, errsize, "no CSV header line");
		goto out;
	}
	rc = 0;
out:
	free(buf);
	free(docs);
	sl_input_close(&in);
	return rc;
}

struct date_walk {
	struct sl_csvparser *cp;
	const struct sl_csvfile *cf;
	struct sl_dateev ev;
};

static void date_each(void *ctx, const char *rec, size_t len, uint64_t line, int cut)
{
	struct date_walk *w = ctx;
	(void)cut;
	sl_csv_dates(w->cp, w->cf, rec, len, line, &w->ev);
}

/* Decide how the file's slash dates read. Returns NULL or a file error (owned). */
static char *date_order(struct pipe *p, struct sl_csvfile *cf, const char *path, const char *buf,
                        const struct sl_doc *docs, size_t ndocs, int whole)
{
	struct date_walk w;
	char err[300];
	memset(&w, 0, sizeof w);
	w.cp = sl_csvparser_new();
	w.cf = cf;
	if (p->o->date_order) {
		cf->order = p->o->date_order == 2 ? SL_DATE_DMY : SL_DATE_MDY;
		sl_csvparser_free(w.cp);
		return NULL;
	}
	for (size_t d = 0; d < ndocs; d++)
		sl_csv_dates(w.cp, cf, buf + docs[d].off, docs[d].len, docs[d].line, &w.ev);
	if (w.ev.slash && whole) {
		/* the first buffer had slash dates: every value of the file has a say */
		memset(&w.ev, 0, sizeof w.ev);
		/* a record too large to hold: the dates before it decide (the reader reports it) */
		if (csv_walk(path, cf, 1, date_each, &w, err, sizeof err, NULL) == -1) {
			sl_csvparser_free(w.cp);
			return sl_xstrdup(err);
		}
	}
	sl_csvparser_free(w.cp);
	if (w.ev.dmy && w.ev.mdy) {
		snprintf(err, sizeof err, "dates are written day first (line %llu: %s) and month first "
		         "(line %llu: %s) in one file; say which with --date-order dmy|mdy",
		         (unsigned long long)w.ev.dmy_line, w.ev.dmy_ex, (unsigned long long)w.ev.mdy_line, w.ev.mdy_ex);
		return sl_xstrdup(err);
	}
	if (w.ev.dmy) {
		cf->order = SL_DATE_DMY;
	} else if (w.ev.mdy) {
		cf->order = SL_DATE_MDY;
	} else if (w.ev.ambiguous) {
		snprintf(err, sizeof err, "cannot tell day from month in the dates (line %llu: %s; no day "
		         "is over 12%s); say which with --date-order dmy|mdy", (unsigned long long)w.ev.amb_line,
		         w.ev.amb_ex, whole ? "" : " in the first 4 MiB of a pipe");
		return sl_xstrdup(err);
	} else {
		cf->order = SL_DATE_MDY;
	}
	cf->has_slash_dates = w.ev.slash > 0;
	return NULL;
}

/* The first buffer of a CSV file is in b: read its header, build the file's columns and
 * take the header record out of b's docs. Returns NULL, or a file error (owned). */
static char *csv_begin(struct pipe *p, struct batch *b, size_t fi, const char *path, const char *name, int eof,
                       size_t *data, uint64_t *data_line)
{
	struct sl_cscan scan, *cs = &scan;
	char *err = NULL;
	struct sl_csvfile *cf = sl_xcalloc(1, sizeof *cf);

	p->csvf[fi] = cf;
	cf->name = name;
	csv_scan_start(cs, b->data, b->len, 0);
	sl_cscan_feed(cs, b->data, b->len, eof, &b->docs, &b->ndocs, &b->dcap);
	if (b->ndocs == 0)
		return sl_xstrdup(eof ? "no CSV header line" : "the CSV header line is longer than 4 MiB");
	if (sl_csv_header(cf, name, path, b->data + b->docs[0].off, b->docs[0].len, cs->delim, &err) != 0)
		return err;
	*data = b->docs[0].off + b->docs[0].len;
	*data_line = 1;
	for (size_t i = 0; i < *data; i++)
		*data_line += b->data[i] == '\n';
	memmove(b->docs, b->docs + 1, (b->ndocs - 1) * sizeof *b->docs);
	b->ndocs--;
	if (cf->kind == SL_CSV_AUTHDETAILS)
		return NULL;
	/* a pipe is read once: its date order comes from what the first buffer shows */
	if ((err = date_order(p, cf, path, b->data, b->docs, b->ndocs, sl_path_rereadable(path))) != NULL)
		return err;
	cf->auth = p->auth;
	if (p->o->verbose) {
		const char *ev = cf->evhint ? sl_evtype_names[cf->evhint - 1] : NULL;
		note(b, "%s: CSV %s, %zu columns, delimiter %s%s%s%s%s",
		     name, cf->kind == SL_CSV_PORTAL ? "(portal download)" : "(Log Analytics or PowerShell table)",
		     cf->ncols, cf->delim == ',' ? "','" : cf->delim == ';' ? "';'" : "TAB",
		     cf->has_slash_dates ? (cf->order == SL_DATE_DMY ? ", dates day first" : ", dates month first") : "",
		     ev ? ", event type " : "", ev ? ev : "", ev ? " from the file name" : "");
		if (cf->unknown)
			note(b, "%s: columns not used: %s", name, cf->unknown);
	}
	if (cf->kind == SL_CSV_PORTAL && !cf->evhint) {
		/* a user sign-in CSV says nothing of its event type but in its name */
		int user = 0;
		for (size_t c = 0; c < cf->ncols; c++)
			user |= cf->cols[c].field == SL_F_USER;
		if (user && !p->o->quiet)
			note(b, "%s: warning: the file name does not say interactive or non-interactive "
			     "(InteractiveSignIns_... or NonInteractiveSignIns_...): event type unknown", name);
	}
	return NULL;
}

/* b's window is in fm: fm stays mapped until b is released. */
static void hold(struct batch *b, struct fmap *fm)
{
	if (fm) {
		atomic_fetch_add(&fm->refs, 1);
		b->map = fm;
	}
}

/* Where b's bytes are: its own buffer, or base bytes into the mapping. */
static const char *window(const struct batch *b, const struct fmap *fm, size_t base)
{
	return fm ? fm->m.data + base : b->buf;
}

/* Has a file's decoded data gone past --max-bytes, or past the gzip bomb guard? The message
 * (owned) or NULL. */
static char *over_limit(const struct sl_ingest_opts *o, const struct sl_input *in, uint64_t decoded)
{
	char msg[300];
	if (o->max_bytes_set) {
		if (!o->max_bytes || decoded <= o->max_bytes)
			return NULL;
		snprintf(msg, sizeof msg, "more than %llu bytes of data (--max-bytes): the rest of the file is not read",
		         (unsigned long long)o->max_bytes);
		return sl_xstrdup(msg);
	}
	if (!in->gzip || decoded <= SL_BOMB_FLOOR || decoded <= SL_BOMB_RATIO * in->raw_bytes)
		return NULL;
	snprintf(msg, sizeof msg, "gzip data expands more than %d times (%llu bytes from %llu compressed: a "
	         "decompression bomb?): the rest of the file is not read; --max-bytes SIZE sets the limit instead",
	         SL_BOMB_RATIO, (unsigned long long)decoded, (unsigned long long)in->raw_bytes);
	return sl_xstrdup(msg);
}

static void read_file(struct pipe *p, size_t fi, const char *path)
{
	struct sl_input in;
	struct sl_jscan sc;
	struct batch *b = acquire(p, fi);
	const char *msg = NULL;
	char *fmsg = NULL;
	int eof = 0, first = 1, csv = 0;
	uint64_t counted = 0, cline = 1, clines = 0;
	size_t cstart = 0;                /* CSV: where the next block starts in the buffer */
	struct fmap *fm = NULL;           /* a plain file is mapped, not read */
	size_t base = 0, cap;             /* mapped: where b's window starts, and its size */

	if (!b)
		return;
	if (p->g->files[fi].authdetails) {
		/* read before the sign-ins, for the join */
		b->last_of_file = 1;
		submit(p, b);
		return;
	}
	if (sl_input_open(&in, path) != 0) {
		b->file_msg = sl_xstrdup(in.err);
		b->last_of_file = 1;
		submit(p, b);
		return;
	}
	sl_jscan_init(&sc);
	fm = sl_xcalloc(1, sizeof *fm);
	if (sl_input_map(&in, &fm->m) == 0) {
		atomic_init(&fm->refs, 1);
		atomic_init(&fm->done, 0);
		cap = BATCH_BYTES;
	} else {
		free(fm);
		fm = NULL;
		ensure(b, BATCH_BYTES);
		cap = b->cap;
	}
	for (;;) {
		/* fill the batch buffer (a mapped file: widen the window) */
		while (!eof && b->len < cap) {
			long n;
			if (fm) {
				size_t left = fm->m.len - base - b->len;
				n = (long)(left < cap - b->len ? left : cap - b->len);
				atomic_fetch_add(&p->bytes_read, (uint64_t)n);
			} else {
				n = sl_input_read(&in, b->buf + b->len, cap - b->len);
			}
			if (n < 0) {
				fmsg = sl_xstrdup(in.err);
				eof = 1;
			} else if (n == 0) {
				eof = 1;
			} else {
				b->len += (size_t)n;
				uint64_t dec = fm ? (uint64_t)(base + b->len) : in.out_bytes;
				char *why = over_limit(p->o, &in, dec);
				if (why) {
					/* what lies past --max-bytes is not read (the record it cuts is
					 * rejected as truncated) */
					if (p->o->max_bytes_set && dec - p->o->max_bytes <= b->len)
						b->len -= (size_t)(dec - p->o->max_bytes);
					free(fmsg);
					fmsg = why;
					eof = 1;
				}
			}
			if (!fm) {
				atomic_fetch_add(&p->bytes_read, in.raw_bytes - counted);
				counted = in.raw_bytes;
			}
			b->data = window(b, fm, base);
			if (first && (b->len >= 65536 || eof)) {
				const char *why = NULL;
				enum sl_kind k = sl_sniff(b->data, b->len, &why);
				first = 0;
				if (p->o->verbose && k != SL_KIND_CSV)
					note(b, "%s: %s%s", in.name, k == SL_KIND_JSON ? "JSON" : k == SL_KIND_EMPTY ? "empty" :
					     "unrecognised", in.gzip ? " (gzip)" : "");
				csv = k == SL_KIND_CSV;
				if (k == SL_KIND_UNKNOWN)
					msg = why ? why : "unrecognised content";
				if (msg && p->paths->indir && p->paths->indir[fi]) {
					/* found in a directory of evidence: notes, a workbook copy ... */
					if (!p->o->quiet)
						note(b, "%s: note: skipped, not an export (%s)", in.name, msg);
					p->g->files[fi].not_export = 1;
					b->len = 0;
					eof = 1;
					break;
				}
				if (msg) {
					char buf[300];
					snprintf(buf, sizeof buf, "not a sign-in export (%s)", msg);
					free(fmsg);
					fmsg = sl_xstrdup(buf);
					b->len = 0;
					eof = 1;
					break;
				}
			}
		}
		if (csv && !p->csvf[fi]) {
			char *err = csv_begin(p, b, fi, path, p->g->files[fi].name, eof, &cstart, &cline);
			b->ndocs = 0;
			if (!err && p->csvf[fi]->kind == SL_CSV_AUTHDETAILS)
				err = sl_xstrdup(sl_path_rereadable(path) ? "authentication details (AuthDetails) could not be read with their sign-ins"
				                 : "authentication details (AuthDetails) from a pipe cannot be joined to sign-ins (they are "
				                   "read before the sign-ins: name the file)");
			if (err && p->paths->indir && p->paths->indir[fi] && strncmp(err, "not a sign-in CSV", 17) == 0) {
				/* a CSV of something else next to the exports (hashes, a case list) */
				if (!p->o->quiet)
					note(b, "%s: note: skipped, a CSV without sign-in columns (%s)", p->g->files[fi].name, err);
				p->g->files[fi].not_export = 1;
				free(err);
				err = NULL;
				b->ndocs = b->len = 0;
				free(fmsg);
				b->last_of_file = 1;
				submit(p, b);
				break;
			}
			if (err) {
				b->ndocs = b->len = 0;
				free(fmsg);
				b->file_msg = err;
				b->last_of_file = 1;
				submit(p, b);
				break;
			}
		}
		if (csv)
			b->csv = p->csvf[fi];
		size_t keep;
		if (csv) {
			/* workers split the records of a block: here only its end is found */
			keep = eof ? b->len : sl_csv_block_end(b->data, cstart, b->len, &clines);
			if (!eof && keep == cstart && b->len == cap) {
				/* a full buffer without a line end outside paired quotes: a stray quote
				 * upset the count, so find the last record end by libcsv's rules */
				struct sl_cscan lax;
				size_t n0 = b->ndocs;
				sl_cscan_init(&lax, p->csvf[fi]->delim, cline);
				lax.pos = cstart;
				keep = sl_cscan_feed(&lax, b->data, b->len, 0, &b->docs, &b->ndocs, &b->dcap);
				b->ndocs = n0;
				clines = 0;
				for (size_t k = cstart; k < keep; k++)
					clines += b->data[k] == '\n';
			}
			b->ndocs = 0;
			if (keep > cstart) {
				sl_grow((void **)&b->docs, &b->dcap, 1, sizeof *b->docs);
				b->docs[0].off = cstart;
				b->docs[0].len = keep - cstart;
				b->docs[0].line = cline;
				b->docs[0].at_eof = eof;
				b->ndocs = 1;
			}
		} else {
			keep = sl_jscan_feed(&sc, b->data, b->len, eof, &b->docs, &b->ndocs, &b->dcap);
		}
		if (eof) {
			if (!csv && sc.depth > 0 && !fmsg) {
				char buf[160];
				snprintf(buf, sizeof buf, "input ends inside a JSON %s at line %llu (truncated file?)",
				         sc.top == '[' ? "array" : "object", (unsigned long long)sc.line);
				fmsg = sl_xstrdup(buf);
			}
			b->file_msg = fmsg;
			b->last_of_file = 1;
			hold(b, fm);
			submit(p, b);
			break;
		}
		if (b->ndocs == 0) {
			/* one record fills the buffer: grow it rather than split the record */
			if (b->len - keep >= MAX_RECORD) {
				char buf[160];
				snprintf(buf, sizeof buf, "a record at line %llu is larger than %zu MiB; rest of the file skipped",
				         (unsigned long long)(csv ? cline : sc.doc_line), MAX_RECORD >> 20);
				b->len = 0;
				b->file_msg = sl_xstrdup(buf);
				b->last_of_file = 1;
				free(fmsg);
				submit(p, b);
				break;
			}
			if (keep > 0) {
				if (fm)
					base += keep;
				else
					memmove(b->buf, b->buf + keep, b->len - keep);
				b->len -= keep;
				b->data = window(b, fm, base);
				if (csv)
					cstart = 0;
				else
					sl_jscan_rebase(&sc, keep);
			}
			if (b->len == cap) {
				cap *= 2;
				if (!fm)
					ensure(b, cap);
			}
			continue;
		}
		/* hand the complete records over; the incomplete tail starts the next batch */
		struct batch *prev = b;
		size_t tail = prev->len - keep;
		/* workers and committer only read a batch's buffer, and only this thread writes
		 * buffers, so the tail can be copied out of prev after it was handed over */
		hold(prev, fm);
		submit(p, prev);
		b = acquire(p, fi);
		if (!b) {
			free(fmsg);
			break;
		}
		/* a slot came free: the batch committed in it is done with */
		if (fm)
			sl_map_drop(&fm->m, atomic_load(&fm->done));
		if (fm) {
			base += keep;
			cap = tail + BATCH_BYTES / 2 > BATCH_BYTES ? tail + BATCH_BYTES / 2 : BATCH_BYTES;
		} else {
			ensure(b, tail + BATCH_BYTES / 2 > BATCH_BYTES ? tail + BATCH_BYTES / 2 : BATCH_BYTES);
			memcpy(b->buf, prev->buf + keep, tail);
			cap = b->cap;
		}
		b->data = window(b, fm, base);
		b->len = tail;
		if (csv) {
			cstart = 0;
			cline += clines;
		} else {
			sl_jscan_rebase(&sc, keep);
		}
	}
	sl_input_close(&in);
	fmap_unref(fm);
}

/* ---- authentication details: read before the sign-ins they join ---------------------- */

/* Is path a CSV whose header is that of an AuthDetails file? */
static int is_authdetails(const char *path)
{
	struct sl_input in;
	struct sl_cscan cs;
	struct sl_doc *docs = NULL;
	size_t ndocs = 0, dcap = 0, len = 0, cap = 65536;
	char *buf = sl_xmalloc(cap);
	int yes = 0, eof = 0;
	if (sl_input_open(&in, path) != 0) {
		free(buf);
		return 0;
	}
	/* the header as the main reader sees it: up to the first buffer's size */
	for (;;) {
		long n = 1;
		while (len < cap && (n = sl_input_read(&in, buf + len, cap - len)) > 0)
			len += (size_t)n;
		eof = n <= 0;
		if (sl_sniff(buf, len, NULL) != SL_KIND_CSV)
			break;
		csv_scan_start(&cs, buf, len, 0);
		ndocs = 0;
		sl_cscan_feed(&cs, buf, len, eof, &docs, &ndocs, &dcap);
		if (!ndocs && !eof && cap < BATCH_BYTES) {
			cap *= 4;
			buf = sl_xrealloc(buf, cap);
			continue;
		}
		struct sl_csvfile cf;
		char *err = NULL;
		memset(&cf, 0, sizeof cf);
		if (ndocs && sl_csv_header(&cf, path, path, buf + docs[0].off, docs[0].len, cs.delim, &err) == 0)
			yes = cf.kind == SL_CSV_AUTHDETAILS;
		free(err);
		sl_csv_file_free(&cf);
		break;
	}
	free(docs);
	free(buf);
	sl_input_close(&in);
	return yes;
}

struct auth_walk {
	struct pipe *p;
	struct sl_csvparser *cp;
	struct sl_jparser *jp;
	struct sl_csvfile *cf;
	struct sl_file_stats *f;
	size_t src;
	struct sl_arena scratch;
	uint64_t printed;
};

static void auth_each(void *ctx, const char *rec, size_t len, uint64_t line, int cut)
{
	struct auth_walk *w = ctx;
	const char *why;
	w->f->step_rows++;
	why = cut ? "the file ends inside a quoted cell (truncated file?)"
	          : sl_authjoin_add(w->p->auth, w->cp, w->jp, w->cf, rec, len, line, w->src, &w->scratch);
	if (why) {
		w->f->step_rejected++;
		if (!w->p->o->quiet && w->printed < (uint64_t)w->p->o->max_errors) {
			sl_warn("%s:%llu: error: row %llu: %s", w->f->name, (unsigned long long)line,
			        (unsigned long long)w->f->step_rows, why);
			w->printed++;
		}
	}
	sl_arena_reset(&w->scratch);
}

static int in_paths(const struct sl_paths *paths, const char *s)
{
	for (size_t i = 0; i < paths->n; i++)
		if (strcmp(paths->v[i], s) == 0)
			return 1;
	return 0;
}

/* Find the AuthDetails files among the inputs, and those that sit next to an
 * InteractiveSignIns file of the same download; read their steps. */
static void auth_prephase(struct pipe *p, const struct sl_paths *paths)
{
	static const char stem[] = "InteractiveSignIns_", auth[] = "InteractiveSignIns_AuthDetails_";
	struct sl_ingest *g = p->g;
	size_t n0 = g->nfiles, nauth = 0;

	/* only files that can be read again: a pipe (<(zcat x), a FIFO, -) is read once, by the
	 * reader */
	for (size_t i = 0; i < n0; i++)
		if (sl_path_rereadable(paths->v[i]) && is_authdetails(paths->v[i])) {
			g->files[i].authdetails = 1;
			nauth++;
		}
	for (size_t i = 0; i < n0; i++) {
		const char *path = paths->v[i], *base = strrchr(path, '/');
		base = base ? base + 1 : path;
		if (g->files[i].authdetails || strncasecmp(base, stem, sizeof stem - 1) != 0 ||
		    strncasecmp(base, auth, sizeof auth - 1) == 0)
			continue;
		size_t dl = (size_t)(base - path);
		char *sib = sl_xmalloc(dl + sizeof auth + strlen(base));
		memcpy(sib, path, dl);
		strcpy(sib + dl, auth);
		strcat(sib, base + sizeof stem - 1);
		int known = in_paths(paths, sib);
		for (size_t k = n0; k < g->nfiles && !known; k++)
			known = strcmp(g->files[k].name, sib) == 0;
		if (known || access(sib, R_OK) != 0 || !is_authdetails(sib)) {
			free(sib);
			continue;
		}
		g->files = sl_xrealloc(g->files, (g->nfiles + 1) * sizeof *g->files);
		struct sl_file_stats *f = &g->files[g->nfiles++];
		memset(f, 0, sizeof *f);
		f->name = f->name_owned = sib;
		f->first = f->last = SL_TIME_NONE;
		f->authdetails = f->joined_auto = 1;
		nauth++;
		if (p->o->verbose)
			sl_warn("%s: authentication details read with %s (same download)", sib, g->files[i].name);
	}
	if (!nauth)
		return;
	p->auth = sl_authjoin_new();
	struct auth_walk w;
	memset(&w, 0, sizeof w);
	w.p = p;
	w.cp = sl_csvparser_new();
	w.jp = sl_jparser_new();
	sl_arena_init(&w.scratch, 1 << 16);
	for (size_t i = 0; i < g->nfiles; i++) {
		struct sl_file_stats *f = &g->files[i];
		struct sl_csvfile cf;
		char err[300], *herr = NULL;
		if (!f->authdetails)
			continue;
		memset(&cf, 0, sizeof cf);
		cf.name = f->name;
		w.cf = &cf;
		w.f = f;
		w.src = i;
		w.printed = 0;
		if (csv_walk(i < n0 ? paths->v[i] : f->name, &cf, 1, auth_each, &w, err, sizeof err, &herr) != 0) {
			file_error(p, f, herr ? herr : err);
			free(herr);
		}
		sl_csv_file_free(&cf);
		if (!p->o->quiet && f->step_rejected > w.printed)
			sl_warn("%s: %llu more rejected row%s not shown", f->name, (unsigned long long)(f->step_rejected - w.printed),
			        f->step_rejected - w.printed == 1 ? "" : "s");
	}
	sl_arena_free(&w.scratch);
	sl_csvparser_free(w.cp);
	sl_jparser_free(w.jp);
	sl_authjoin_done(p->auth);
}

/* After the sign-ins: how many steps found theirs. Steps that joined nothing are an error. */
static void auth_postphase(struct pipe *p)
{
	struct sl_ingest *g = p->g;
	for (size_t i = 0; p->auth && i < g->nfiles; i++) {
		struct sl_file_stats *f = &g->files[i];
		if (!f->authdetails || f->error)
			continue;
		uint64_t dups;
		sl_authjoin_counts(p->auth, i, &f->steps, &f->steps_joined, &dups);
		if (f->steps && dups == f->steps) {
			/* the same steps came from an earlier file (the same file twice, or a copy) */
			if (p->o->verbose)
				sl_warn("%s: its %llu authentication steps were all read from an earlier file", f->name,
				        (unsigned long long)f->steps);
		} else if (!f->step_rows) {
			/* a header alone: a download of a period without authentication steps */
		} else if (!f->steps) {
			file_error(p, f, "authentication details without a single usable step");
		} else if (!f->steps_joined) {
			char msg[300];
			snprintf(msg, sizeof msg, "authentication details without their sign-ins: none of its %llu steps "
			         "belongs to a sign-in that was read (read it with the InteractiveSignIns file of the same download)",
			         (unsigned long long)f->steps);
			file_error(p, f, msg);
		} else if (p->o->verbose) {
			sl_warn("%s: %llu of %llu authentication steps joined to their sign-ins", f->name,
			        (unsigned long long)f->steps_joined, (unsigned long long)f->steps);
		}
	}
}

static void *reader(void *arg)
{
	struct pipe *p = arg;
	for (size_t i = 0; i < p->paths->n; i++) {
		atomic_store(&p->file_at, i);
		read_file(p, i, p->paths->v[i]);
	}
	pthread_mutex_lock(&p->mu);
	p->reader_done = 1;
#ifdef SL_PIPE_STATS
	stats.reader_end = now();
#endif
	pthread_cond_broadcast(&p->done);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

void sl_ingest_init(struct sl_ingest *g, const uint8_t *want)
{
	memset(g, 0, sizeof *g);
	sl_store_init(&g->store, want);
}

void sl_ingest_free(struct sl_ingest *g)
{
	sl_store_free(&g->store);
	free_skipped(g->skipped_by, g->nskipped_by);
	for (size_t i = 0; i < g->nfiles; i++)
		free(g->files[i].name_owned);
	free(g->files);
	memset(g, 0, sizeof *g);
}

/* A mapped file that shrinks under us faults on the pages it lost: say so instead of dying
 * of a signal. Only async-signal-safe calls. */
static void on_sigbus(int sig)
{
	static const char msg[] = "signlog: error: an input file shrank while it was being read\n";
	ssize_t r = write(2, msg, sizeof msg - 1);
	(void)sig;
	(void)r;
	_exit(SL_EXIT_ERROR);
}

void sl_ingest_run(struct sl_ingest *g, const struct sl_paths *paths, const struct sl_ingest_opts *o)
{
	struct pipe p;
	struct sigaction sa, old_sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigbus;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, &old_sa);
	sl_json_init(g->store.want);
	sl_csv_init(g->store.want);
	memset(&p, 0, sizeof p);
	p.g = g;
	p.o = o;
	p.paths = paths;
	p.nth = o->threads > 1 ? o->threads : 0;
	p.nring = p.nth ? (size_t)p.nth * 2 + 2 : 2;
	p.ring = sl_xcalloc(p.nring, sizeof *p.ring);
	for (size_t i = 0; i < p.nring; i++)
		sl_arena_init(&p.ring[i].scratch, 1 << 20);
	p.cur_file = (size_t)-1;
	p.t0 = p.last_progress = now();
	g->files = sl_xcalloc(paths->n ? paths->n : 1, sizeof *g->files);
	g->nfiles = paths->n;
	for (size_t i = 0; i < paths->n; i++) {
		struct stat st;
		if (o->progress && strcmp(paths->v[i], "-") != 0 && stat(paths->v[i], &st) == 0 && S_ISREG(st.st_mode))
			p.bytes_total += (uint64_t)st.st_size;
		else if (o->progress)
			p.size_unknown = 1;
		g->files[i].name = strcmp(paths->v[i], "-") == 0 ? "(stdin)" : paths->v[i];
		g->files[i].first = g->files[i].last = SL_TIME_NONE;
	}
	p.csvf = sl_xcalloc(paths->n ? paths->n : 1, sizeof *p.csvf);
	p.lost = sl_xcalloc(paths->n ? paths->n : 1, sizeof *p.lost);
	auth_prephase(&p, paths);
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.work, NULL);
	pthread_cond_init(&p.done, NULL);
	pthread_cond_init(&p.freed, NULL);
	if (p.nth) {
		p.th = sl_xcalloc((size_t)p.nth, sizeof *p.th);
		for (int i = 0; i < p.nth; i++)
			if (pthread_create(&p.th[i], NULL, worker, &p) != 0)
				sl_die(SL_EXIT_ERROR, "cannot start a thread");
	}
#ifdef SL_PIPE_STATS
	memset(&stats, 0, sizeof stats);
	stats.t0 = now();
#endif
	if (p.nth) {
		if (pthread_create(&p.reader, NULL, reader, &p) != 0)
			sl_die(SL_EXIT_ERROR, "cannot start a thread");
		commit_loop(&p);
		pthread_join(p.reader, NULL);
	} else {
		reader(&p);
	}
	if (p.nth) {
		pthread_mutex_lock(&p.mu);
		p.stop = 1;
		pthread_cond_broadcast(&p.work);
		pthread_mutex_unlock(&p.mu);
		for (int i = 0; i < p.nth; i++)
			pthread_join(p.th[i], NULL);
		free(p.th);
	}
#ifdef SL_PIPE_STATS
	if (p.nth) {
		double span = stats.reader_end - stats.t0, all = now() - stats.t0;
		fprintf(stderr, "signlog: pipe stats: ingest %.3f s, reading %.3f s; %d parse workers waited for "
		        "input %.1f%% of the reading time; the reader waited for a free batch %.1f%% of it; "
		        "the committer waited for parsed batches %.1f%% of the ingest\n", all, span, p.nth,
		        span > 0 ? 100 * stats.worker / (span * p.nth) : 0, span > 0 ? 100 * stats.reader / span : 0,
		        all > 0 ? 100 * stats.committer / all : 0);
	}
#endif
	progress(&p, 1);
	sl_store_finish(&g->store);
	free_skipped(p.fskip, p.nfskip);
	if (g->nskipped_by > 1)
		qsort(g->skipped_by, g->nskipped_by, sizeof *g->skipped_by, by_count_name);
	if (!g->strict_stop)
		auth_postphase(&p);
	for (size_t i = 0; i < paths->n; i++) {
		sl_csv_file_free(p.csvf[i]);
		free(p.csvf[i]);
		free(p.lost[i]);
	}
	free(p.csvf);
	free(p.lost);
	sl_authjoin_free(p.auth);
	sl_csvparser_free(p.inline_cp);
	for (size_t i = 0; i < p.nring; i++) {
		free(p.ring[i].buf);
		free(p.ring[i].docs);
		free(p.ring[i].rows);
		free(p.ring[i].file_msg);
		free(p.ring[i].note);
		free(p.ring[i].lost);
		free(p.ring[i].packed);
		free(p.ring[i].meta);
		fmap_unref(p.ring[i].map);
		sl_arena_free(&p.ring[i].scratch);
	}
	free(p.ring);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.work);
	pthread_cond_destroy(&p.done);
	pthread_cond_destroy(&p.freed);
	sl_jparser_free(p.inline_jp);
	sigaction(SIGBUS, &old_sa, NULL);
}
