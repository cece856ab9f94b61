/* ingest.c — the ingest pipeline: a reader thread reads, inflates and splits, workers parse
 * batches, and the calling thread commits them to the store strictly in input order, so output
 * never depends on timing. With one thread everything runs on the calling thread. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ingest.h"
#include "read_json.h"
#include "sniff.h"
#include "sltime.h"
#include "util.h"

#define BATCH_BYTES (4u << 20)
#define MAX_RECORD ((size_t)512 << 20)

enum { B_FREE, B_QUEUED, B_PARSING, B_DONE };

struct batch {
	size_t seq;
	size_t file;
	char *buf;
	size_t len, cap;
	struct sl_doc *docs;
	size_t ndocs, dcap;
	struct sl_row *rows;
	size_t nrows, rcap;
	struct sl_arena scratch;
	char *note;               /* --verbose line reported before this batch's rows */
	char *file_msg;           /* file-level error reported after this batch's rows */
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
	/* per-file message accounting (committer only) */
	uint64_t printed, recno;
	size_t cur_file;
	/* progress (committer), fed by the reader */
	uint64_t bytes_total;
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

static void parse_batch(struct batch *b, struct sl_jparser *jp)
{
	b->nrows = 0;
	for (size_t d = 0; d < b->ndocs; d++)
		sl_json_parse_doc(jp, b->buf + b->docs[d].off, b->docs[d].len, b->docs[d].line, b->docs[d].at_eof,
		                  &b->scratch, &b->rows, &b->nrows, &b->rcap);
}

static void *worker(void *arg)
{
	struct pipe *p = arg;
	struct sl_jparser *jp = sl_jparser_new();
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
			pthread_cond_wait(&p->work, &p->mu);
			continue;
		}
		b->state = B_PARSING;
		pthread_mutex_unlock(&p->mu);
		parse_batch(b, jp);
		pthread_mutex_lock(&p->mu);
		b->state = B_DONE;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	sl_jparser_free(jp);
	return NULL;
}

static void file_error(struct pipe *p, struct sl_file_stats *f, const char *msg)
{
	sl_warn("%s: error: %s", f->name, msg);
	if (!f->error)
		p->g->file_errors++;
	f->error = 1;
}

/* Account for one parsed batch, in order: load rows, count, print messages. */
static void commit(struct pipe *p, struct batch *b)
{
	struct sl_ingest *g = p->g;
	struct sl_file_stats *f = &g->files[b->file];
	if (b->file != p->cur_file) {
		p->cur_file = b->file;
		p->printed = p->recno = 0;
	}
	if (b->note)
		sl_warn("%s", b->note);
	for (size_t i = 0; i < b->nrows && !g->strict_stop; i++) {
		struct sl_row *r = &b->rows[i];
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
		if (!sl_store_add(&g->store, r)) {
			f->duplicates++;
			g->duplicates++;
			continue;
		}
		f->loaded++;
		g->loaded++;
		if (r->invalid_utf8)
			g->invalid_utf8++;
		int64_t t = r->f[SL_F_TIME].i;
		if (f->first == SL_TIME_NONE || t < f->first)
			f->first = t;
		if (f->last == SL_TIME_NONE || t > f->last)
			f->last = t;
	}
	if (g->strict_stop)
		return;
	if (b->last_of_file) {
		if (!p->o->quiet && f->rejected > p->printed)
			sl_warn("%s: %llu more rejected record%s not shown", f->name,
			        (unsigned long long)(f->rejected - p->printed), f->rejected - p->printed == 1 ? "" : "s");
		if (b->file_msg)
			file_error(p, f, b->file_msg);
		else if (f->read > 0 && f->loaded + f->duplicates == 0)
			file_error(p, f, "not a sign-in export: no record in it is a sign-in");
	}
}

/* Make a committed batch reusable (the committer owns it until its state says free). */
static void release(struct batch *b)
{
	b->ndocs = b->nrows = b->len = 0;
	free(b->file_msg);
	free(b->note);
	b->file_msg = b->note = NULL;
	b->last_of_file = 0;
	sl_arena_reset(&b->scratch);
}

/* Reader side: the next ring slot, once the committer has freed it; NULL when stopping. */
static struct batch *acquire(struct pipe *p, size_t file)
{
	struct batch *b = &p->ring[p->next_seq % p->nring];
	if (p->nth) {
		pthread_mutex_lock(&p->mu);
		while (!p->abort && (b->state != B_FREE || p->commit_seq + p->nring <= p->next_seq))
			pthread_cond_wait(&p->freed, &p->mu);
		int abort = p->abort;
		pthread_mutex_unlock(&p->mu);
		if (abort)
			return NULL;
	} else if (p->g->strict_stop) {
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
		p->next_seq++;
		parse_batch(b, p->inline_jp);
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
			pthread_cond_wait(&p->done, &p->mu);
		int finished = p->commit_seq == p->next_seq;
		pthread_mutex_unlock(&p->mu);
		if (finished)
			return;
		commit(p, b);
		release(b);
		pthread_mutex_lock(&p->mu);
		b->state = B_FREE;
		p->commit_seq++;
		if (p->g->strict_stop)
			p->abort = 1;
		pthread_cond_broadcast(&p->freed);
		pthread_mutex_unlock(&p->mu);
		progress(p, 0);
		if (p->g->strict_stop)
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
	fprintf(stderr, "\r\033[Ksignlog: file %zu/%zu, %.1f of %.1f MB, %.0f sign-ins/s",
	        atomic_load(&p->file_at) + 1, p->g->nfiles, (double)atomic_load(&p->bytes_read) / 1e6,
	        (double)p->bytes_total / 1e6, el > 0 ? (double)p->g->read / el : 0.0);
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

static void read_file(struct pipe *p, size_t fi, const char *path)
{
	struct sl_input in;
	struct sl_jscan sc;
	struct batch *b = acquire(p, fi);
	const char *msg = NULL;
	char *fmsg = NULL;
	int eof = 0, first = 1;
	uint64_t counted = 0;

	if (!b)
		return;
	if (sl_input_open(&in, path) != 0) {
		b->file_msg = sl_xstrdup(in.err);
		b->last_of_file = 1;
		submit(p, b);
		return;
	}
	sl_jscan_init(&sc);
	ensure(b, BATCH_BYTES);
	for (;;) {
		/* fill the batch buffer */
		while (!eof && b->len < b->cap) {
			long n = sl_input_read(&in, b->buf + b->len, b->cap - b->len);
			if (n < 0) {
				fmsg = sl_xstrdup(in.err);
				eof = 1;
			} else if (n == 0) {
				eof = 1;
			} else {
				b->len += (size_t)n;
			}
			atomic_fetch_add(&p->bytes_read, in.raw_bytes - counted);
			counted = in.raw_bytes;
			if (first && (b->len >= 65536 || eof)) {
				const char *why = NULL;
				enum sl_kind k = sl_sniff(b->buf, b->len, &why);
				first = 0;
				if (p->o->verbose) {
					char buf[64];
					snprintf(buf, sizeof buf, "%s%s", k == SL_KIND_JSON ? "JSON" : k == SL_KIND_CSV ? "CSV" :
					         k == SL_KIND_EMPTY ? "empty" : "unrecognised", in.gzip ? " (gzip)" : "");
					b->note = sl_xmalloc(strlen(in.name) + strlen(buf) + 3);
					sprintf(b->note, "%s: %s", in.name, buf);
				}
				if (k == SL_KIND_CSV)
					msg = "CSV exports are not supported yet by this version";
				else if (k == SL_KIND_UNKNOWN)
					msg = why ? why : "unrecognised content";
				if (msg) {
					char buf[300];
					snprintf(buf, sizeof buf, "not a sign-in export (%s)", msg);
					if (k == SL_KIND_CSV)
						snprintf(buf, sizeof buf, "%s", msg);
					free(fmsg);
					fmsg = sl_xstrdup(buf);
					b->len = 0;
					eof = 1;
					break;
				}
			}
		}
		size_t keep = sl_jscan_feed(&sc, b->buf, b->len, eof, &b->docs, &b->ndocs, &b->dcap);
		if (eof) {
			if (sc.depth > 0 && !fmsg) {
				char buf[160];
				snprintf(buf, sizeof buf, "input ends inside a JSON %s at line %llu (truncated file?)",
				         sc.top == '[' ? "array" : "object", (unsigned long long)sc.line);
				fmsg = sl_xstrdup(buf);
			}
			b->file_msg = fmsg;
			b->last_of_file = 1;
			submit(p, b);
			break;
		}
		if (b->ndocs == 0) {
			/* one record fills the buffer: grow it rather than split the record */
			if (b->len - keep >= MAX_RECORD) {
				char buf[160];
				snprintf(buf, sizeof buf, "a record at line %llu is larger than %zu MiB; rest of the file skipped",
				         (unsigned long long)sc.doc_line, MAX_RECORD >> 20);
				b->len = 0;
				b->file_msg = sl_xstrdup(buf);
				b->last_of_file = 1;
				free(fmsg);
				submit(p, b);
				break;
			}
			if (keep > 0) {
				memmove(b->buf, b->buf + keep, b->len - keep);
				b->len -= keep;
				sl_jscan_rebase(&sc, keep);
			}
			if (b->len == b->cap)
				ensure(b, b->cap * 2);
			continue;
		}
		/* hand the complete records over; the incomplete tail starts the next batch */
		struct batch *prev = b;
		size_t tail = prev->len - keep;
		/* workers and committer only read a batch's buffer, and only this thread writes
		 * buffers, so the tail can be copied out of prev after it was handed over */
		submit(p, prev);
		b = acquire(p, fi);
		if (!b) {
			free(fmsg);
			break;
		}
		ensure(b, tail + BATCH_BYTES / 2 > BATCH_BYTES ? tail + BATCH_BYTES / 2 : BATCH_BYTES);
		memcpy(b->buf, prev->buf + keep, tail);
		b->len = tail;
		sl_jscan_rebase(&sc, keep);
	}
	sl_input_close(&in);
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
	free(g->files);
	memset(g, 0, sizeof *g);
}

void sl_ingest_run(struct sl_ingest *g, const struct sl_paths *paths, const struct sl_ingest_opts *o)
{
	struct pipe p;
	sl_json_init(g->store.want);
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
		if (o->progress && strcmp(paths->v[i], "-") != 0 && stat(paths->v[i], &st) == 0)
			p.bytes_total += (uint64_t)st.st_size;
		g->files[i].name = strcmp(paths->v[i], "-") == 0 ? "(stdin)" : paths->v[i];
		g->files[i].first = g->files[i].last = SL_TIME_NONE;
	}
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
	progress(&p, 1);
	for (size_t i = 0; i < p.nring; i++) {
		free(p.ring[i].buf);
		free(p.ring[i].docs);
		free(p.ring[i].rows);
		free(p.ring[i].file_msg);
		free(p.ring[i].note);
		sl_arena_free(&p.ring[i].scratch);
	}
	free(p.ring);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.work);
	pthread_cond_destroy(&p.done);
	pthread_cond_destroy(&p.freed);
	sl_jparser_free(p.inline_jp);
}
