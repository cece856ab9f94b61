/* report.h — reports compute figures from the store into a table; they never print. */
#ifndef SL_REPORT_H
#define SL_REPORT_H
#include "ingest.h"
#include "table.h"

/* Fill r (initialised by the caller) with the summary of everything ingested. */
void sl_report_summary(struct sl_report *r, const struct sl_ingest *g);
/* The fields the summary reads, ended by SL_F__COUNT. */
extern const enum sl_fid sl_summary_fields[];

/* Legacy-authentication client app (client-app values compared case-insensitively). */
int sl_client_is_legacy(const char *client_app);

#endif
