/* load.c — loads inputs into a store holding every registry field, for the memory target:
 * `signlog summary` loads only the fields it reads, so its peak RSS understates the store. */
#include <stdio.h>
#include "ingest.h"
#include "input.h"

int main(int argc, char **argv)
{
	struct sl_paths paths = { 0 };
	struct sl_ingest g;
	struct sl_ingest_opts o = { .threads = 2, .quiet = 1, .max_errors = 5 };
	int errors = 0;
	sl_paths_expand(&paths, argv + 1, argc - 1, &errors);
	sl_ingest_init(&g, NULL);
	sl_ingest_run(&g, &paths, &o);
	printf("%llu %llu %llu %llu\n", (unsigned long long)g.loaded, (unsigned long long)g.read,
	       (unsigned long long)g.duplicates, (unsigned long long)g.rejected);
	sl_ingest_free(&g);
	sl_paths_free(&paths);
	return errors || g.file_errors;
}
