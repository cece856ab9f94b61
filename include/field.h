/* field.h — the field registry (include/fields.def) and the enumerations derived from fields. */
#ifndef SL_FIELD_H
#define SL_FIELD_H
#include <stddef.h>
#include <stdint.h>

enum sl_ftype {
	SL_FT_STR,    /* dictionary-encoded text */
	SL_FT_TIME,   /* int64 microseconds since epoch (sltime.h) */
	SL_FT_INT,    /* int32; SL_INT_NONE = no value */
	SL_FT_FLOAT,  /* double; NaN = no value */
	SL_FT_BOOL,   /* uint8 0/1; SL_BOOL_NONE = no value */
	SL_FT_ENUM,   /* uint8 derived enumeration (status, event type) */
	SL_FT_GUID    /* identifier unique to (nearly) every sign-in: 16 bytes, not a dictionary */
};

/* Child tables: fields that repeat within one sign-in. */
enum sl_list { SL_LIST_NONE, SL_LIST_AUTH, SL_LIST_CAP, SL_LIST_RISK, SL_LIST_SLP, SL_LIST__COUNT };

enum sl_fid {
#define X(id, name, type, list, json, csv, la, desc) SL_F_##id,
#include "fields.def"
#undef X
	SL_F__COUNT
};

struct sl_field {
	const char *name;     /* command-line name */
	enum sl_ftype type;
	enum sl_list list;    /* SL_LIST_NONE: one value per sign-in */
	const char *json;     /* '|'-separated dotted paths; leading ~ = fallback */
	const char *csv;      /* portal CSV column titles, '|'-separated */
	const char *la;       /* Log Analytics column(s) */
	const char *desc;
};
extern const struct sl_field sl_fields[SL_F__COUNT];

/* Where each list lives in a sign-in object ('|'-separated keys, ~ = fallback source). */
struct sl_listdef {
	const char *name;
	const char *json;
	int scalar;           /* elements are plain strings, not objects */
};
extern const struct sl_listdef sl_lists[SL_LIST__COUNT];

/* Index of a list field among its list's fields, and how many fields each list has. */
extern int sl_field_lidx[SL_F__COUNT];
extern int sl_list_nfields[SL_LIST__COUNT];
extern enum sl_fid sl_list_fields[SL_LIST__COUNT][16];
void sl_fields_init(void);
/* Which fields a run loads: commands name the fields they read, and a field not wanted is
 * neither extracted nor stored. sl_fields_core marks the fields every sign-in needs (its
 * time, identity, status and event type rules). want[f] != 0: load field f. */
void sl_fields_core(uint8_t want[SL_F__COUNT]);
void sl_fields_all(uint8_t want[SL_F__COUNT]);

/* Field by command-line name, or -1; '_' may stand for '-' (request_id, as output names it). */
int sl_field_find(const char *name);

#define SL_INT_NONE INT32_MIN
#define SL_BOOL_NONE 2

/* unknown: a sign-in without an error code (a Graph sign-in with "status":{}) */
enum sl_status { SL_ST_SUCCESS, SL_ST_FAILURE, SL_ST_INTERRUPTED, SL_ST_UNKNOWN, SL_ST__COUNT };
enum sl_evtype { SL_EV_INTERACTIVE, SL_EV_NONINTERACTIVE, SL_EV_SP, SL_EV_MI, SL_EV_UNKNOWN, SL_EV__COUNT };
extern const char *const sl_status_names[SL_ST__COUNT];
extern const char *const sl_evtype_names[SL_EV__COUNT];

/* The interrupt set: error codes classed as interrupted (replaceable by --interrupt-codes). */
void sl_interrupt_set(const int64_t *codes, size_t n);
int sl_is_interrupt(int64_t code);
enum sl_status sl_status_of(int64_t code);
/* Parse "50074,50140" into the interrupt set; returns 0 or -1 (bad list). */
int sl_interrupt_parse(const char *list);

#endif
