/* codes.h — official names of AADSTS error codes, from a table generated at build time. */
#ifndef SL_CODES_H
#define SL_CODES_H
#include <stdint.h>

/* The official name, "" for a documented code without a name, NULL for an unknown code. */
const char *sl_code_name(int64_t code);

#endif
