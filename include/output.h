/* output.h — where a report goes: standard output, a file or a directory of CSV files; never
 * onto an input, and never half-written. */
#ifndef SL_OUTPUT_H
#define SL_OUTPUT_H
#include "input.h"
#include "table.h"
#include "write.h"

/* Is path a directory target for -o: it ends in '/' or is an existing directory? */
int sl_output_is_dir(const char *path);

/* The files -o path would write for report r (one per table written when dir): *n paths,
 * malloc'd (free each and the array). */
char **sl_output_files(const char *path, int dir, const struct sl_report *r, const char *table, size_t *n);

/* Refuse an output that is an input: a file the run reads (the same device and inode, also
 * through links), or an input argument itself. Prints "signlog: OUT: error: ..." and returns
 * -1; warns (and returns 0) when an output lies inside an input directory, where a later run
 * over that directory would read it. inputs are the FILE arguments, paths their expansion. */
int sl_output_check(char *const *outs, size_t nouts, char *const *inputs, int ninputs,
                    const struct sl_paths *paths);

/* Write r to standard output (path NULL), to the file path, or, dir set, one CSV file per table
 * into the directory path. Files are written to a temporary file in their directory and renamed
 * over the target only when complete, so a failed run leaves an existing file as it was.
 * Returns 0, or -1 after printing "signlog: PATH: error: cannot write: ...". */
int sl_output_write(const struct sl_report *r, const char *path, int dir, const struct sl_write_opts *o);

#endif
