/* fuzz_read_csv.c — the CSV reader with its header sniffing, through the ingest as the program runs it.
 *
 * Input: a mode byte, then the bytes of a file, written under a portal download's file name
 * and read by sl_ingest_run on one thread (sniffing, the #TYPE preamble, the delimiter, the
 * header, day/month order, blocks of rows; JSON when the bytes are JSON). Mode bits:
 *   0-1  the file name: InteractiveSignIns_, NonInteractiveSignIns_, ApplicationSignIns_ or
 *        a plain signins.csv (the event type of a portal file comes from its name)
 *   2    the bytes after the first "\n\f--8<--\f\n" are the download's AuthDetails file
 *        (authentication steps joined to the sign-ins by request id)
 *   3-4  --date-order: inferred, mdy, dmy
 *   5    the AuthDetails file is found beside the sign-ins instead of being named
 * Accounting must add up: for each sign-in file read = loaded + duplicates + revised +
 * rejected + skipped, id conflicts are among the loaded, the totals are the sums, and the
 * store holds the loaded rows. */
#include <stdio.h>
#include <string.h>
#include "fuzz.h"
#include "ingest.h"
#include "input.h"

static const char sep[] = "\n\f--8<--\f\n";

/* What a file's records became; read must equal it. */
#define ACCOUNTED(f) ((f)->loaded + (f)->duplicates + (f)->revised + (f)->rejected + (f)->skipped)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"InteractiveSignIns_2026-03-01_2026-03-21.csv", "NonInteractiveSignIns_2026-03-01_2026-03-21.csv",
		"ApplicationSignIns_2026-03-01_2026-03-21.csv", "signins.csv",
	};
	static const char authname[] = "InteractiveSignIns_AuthDetails_2026-03-01_2026-03-21.csv";
	char *paths_v[2], signins[256], auth[256] = "";
	struct sl_paths paths;
	struct sl_ingest_opts o;
	struct sl_ingest g;
	uint64_t read = 0, loaded = 0, dups = 0, rejected = 0, revised = 0, skipped = 0, conflicts = 0;

	if (size < 1)
		return 0;
	unsigned mode = data[0];
	data++;
	size--;
	size_t n1 = size;
	const uint8_t *at = NULL;
	if (mode & 4) {
		at = memmem(data, size, sep, sizeof sep - 1);
		if (at)
			n1 = (size_t)(at - data);
	}
	memset(&paths, 0, sizeof paths);
	paths.v = paths_v;
	paths.cap = 2;
	snprintf(signins, sizeof signins, "%s", fuzz_file(at ? names[0] : names[mode & 3], data, n1));
	paths.v[paths.n++] = signins;
	if (at) {
		size_t off = n1 + sizeof sep - 1;
		snprintf(auth, sizeof auth, "%s", fuzz_file(authname, data + off, size - off));
		if (!(mode & 32))
			paths.v[paths.n++] = auth;
	}

	memset(&o, 0, sizeof o);
	o.threads = 1;
	o.quiet = 1;
	o.max_errors = 5;
	o.date_order = (int)((mode >> 3) & 3) % 3;
	sl_ingest_init(&g, NULL);
	sl_ingest_run(&g, &paths, &o);
	for (size_t i = 0; i < g.nfiles; i++) {
		const struct sl_file_stats *f = &g.files[i];
		if (f->authdetails) {
			FUZZ_CHECK(f->read == 0);
			continue;
		}
		FUZZ_CHECK(f->read == ACCOUNTED(f));
		FUZZ_CHECK(f->id_conflicts <= f->loaded);
		read += f->read;
		loaded += f->loaded;
		dups += f->duplicates;
		rejected += f->rejected;
		revised += f->revised;
		skipped += f->skipped;
		conflicts += f->id_conflicts;
	}
	FUZZ_CHECK(g.read == read && g.loaded == loaded && g.duplicates == dups && g.rejected == rejected);
	FUZZ_CHECK(g.revised == revised && g.skipped == skipped && g.id_conflicts == conflicts);
	FUZZ_CHECK(g.read == ACCOUNTED(&g));
	FUZZ_CHECK(g.store.n == g.loaded);
	sl_ingest_free(&g);
	remove(signins);
	if (*auth)
		remove(auth);
	return 0;
}
