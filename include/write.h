/* write.h — writers render a filled report; they never compute. */
#ifndef SL_WRITE_H
#define SL_WRITE_H
#include <stdio.h>
#include "table.h"

enum sl_format { SL_FMT_TEXT, SL_FMT_CSV, SL_FMT_JSON, SL_FMT_MD };

struct sl_write_opts {
	enum sl_format format;
	int ascii;       /* text: bars with '#' instead of Unicode blocks */
	int csv_raw;     /* csv: no formula guard */
};

/* Returns 0, or -1 on a write error (errno set). */
int sl_write(FILE *f, const struct sl_report *r, const struct sl_write_opts *o);
int sl_write_text(FILE *f, const struct sl_report *r, const struct sl_write_opts *o);
int sl_write_csv(FILE *f, const struct sl_report *r, const struct sl_write_opts *o);
int sl_write_json(FILE *f, const struct sl_report *r, const struct sl_write_opts *o);
int sl_write_md(FILE *f, const struct sl_report *r, const struct sl_write_opts *o);
/* Parse "text|csv|json|md"; returns 0 or -1. */
int sl_format_parse(const char *s, enum sl_format *out);

#endif
