/* codes.h — AADSTS error codes: official names and the project's explanations, from tables
 * generated at build time (src/aadsts-codes.tsv, src/aadsts-explain.tsv). */
#ifndef SL_CODES_H
#define SL_CODES_H
#include <stddef.h>
#include <stdint.h>

/* The official name, "" for a documented code without a name, NULL for an unknown code. */
const char *sl_code_name(int64_t code);

/* signlog's short explanation of a code, NULL when the project has written none; with
 * remediation != NULL, *remediation is set to the first remediation step (NULL with it). */
const char *sl_code_explanation(int64_t code, const char **remediation);

/* Every code that is in either table, ascending, each once; sets *n. */
const int64_t *sl_codes_known(size_t *n);

#endif
