/* ingest.h — reads every input into the store: sniff, split, parse in parallel, commit in order. */
#ifndef SL_INGEST_H
#define SL_INGEST_H
#include <stdint.h>
#include "input.h"
#include "store.h"

/* Every record read is counted once: read = loaded + duplicates + revised + rejected + skipped,
 * per file and in total. id_conflicts counts loaded records whose request id an earlier,
 * different sign-in has (store.h, the de-duplication rule). */
struct sl_file_stats {
	const char *name;                 /* borrowed from the path list */
	uint64_t read, loaded, duplicates, rejected;
	uint64_t revised, skipped, id_conflicts;
	uint64_t invalid_utf8;            /* loaded records with text replaced by U+FFFD */
	int64_t first, last;              /* SL_TIME_NONE when nothing was loaded */
	int error;                        /* a file-level error was reported */
	int not_export;                   /* found in a directory and skipped: not an export */
	/* AuthDetails CSV (authentication steps, not sign-ins): its rows, the steps taken from
	 * them, those joined to a loaded sign-in, and rows not used */
	int authdetails;
	int joined_auto;                  /* found next to an InteractiveSignIns file, not named */
	uint64_t step_rows, steps, steps_joined, step_rejected;
	char *name_owned;                 /* name, when the path list does not hold it */
};

struct sl_ingest_opts {
	int threads;                      /* parse workers; 1 = everything on the calling thread */
	int quiet;                        /* no progress, no per-record messages */
	int strict;                       /* stop at the first rejected record */
	int verbose;                      /* say what each file was recognised as */
	int max_errors;                   /* record messages per file before only counting */
	int progress;                     /* show progress on stderr (caller checks isatty) */
	int date_order;                   /* slash dates in CSV: 0 inferred per file, 1 M/d, 2 d/M */
	uint64_t max_bytes;               /* --max-bytes: decoded bytes per file, 0 = no limit */
	int max_bytes_set;                /* ... given; else the gzip bomb guard (SL_BOMB_*) */
	uint64_t max_records;             /* --max-records: records read in all, 0 = no limit */
};

/* Without --max-bytes, gzip data may expand to 1 GiB, and past that to 100 times the
 * compressed bytes read so far (sign-in logs compress 10 to 30 times; a bomb, 1000 times). */
#define SL_BOMB_FLOOR ((uint64_t)1 << 30)
#define SL_BOMB_RATIO 100

/* Owns the store and the per-file statistics. */
/* Records of other logs, by category (or kind), in descending count then name order. */
struct sl_skipped {
	char *name;                       /* owned */
	uint64_t n;
};

struct sl_ingest {
	struct sl_store store;
	struct sl_file_stats *files;
	size_t nfiles;
	uint64_t read, loaded, duplicates, rejected, invalid_utf8;
	uint64_t revised, skipped, id_conflicts;
	struct sl_skipped *skipped_by;
	size_t nskipped_by;
	int file_errors;                  /* files with a file-level error */
	int strict_stop;                  /* --strict stopped the ingest */
	int limit_stop;                   /* --max-records stopped the ingest (the report still runs) */
};

/* want: the fields to load, as for sl_store_init. */
void sl_ingest_init(struct sl_ingest *g, const uint8_t *want);
void sl_ingest_free(struct sl_ingest *g);
/* Read all paths in order. Messages go to stderr in input order whatever the thread count. */
void sl_ingest_run(struct sl_ingest *g, const struct sl_paths *paths, const struct sl_ingest_opts *o);

#endif
