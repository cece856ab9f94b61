/* options.h — the command-line options (options.def): ids, scopes and the table. */
#ifndef SL_OPTIONS_H
#define SL_OPTIONS_H

enum sl_oid {
#define O(id, name, letter, arg, scope, value, help) SL_O_##id,
#include "options.def"
#undef O
	SL_O__COUNT
};

enum sl_oscope { SL_OS_GLOBAL, SL_OS_REPORT, SL_OS_FILTER };
enum sl_ovalue { SL_OV_ANY, SL_OV_COUNT, SL_OV_DURATION, SL_OV_OFFSET };

struct sl_option {
	const char *name;            /* long name, without the dashes */
	int letter;                  /* short option, 0 when none */
	const char *arg;             /* name of its value in help, NULL for a switch */
	enum sl_oscope scope;
	enum sl_ovalue value;
	const char *help;
};
extern const struct sl_option sl_options[SL_O__COUNT];

#endif
