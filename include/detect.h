/* detect.h — the detection engine: rules over the store's sign-ins, each finding tied to
 * the sign-ins that are its evidence. Rules fill findings; detect_out.c turns them into the
 * report's tables; nothing here prints. */
#ifndef SL_DETECT_H
#define SL_DETECT_H
#include <stddef.h>
#include <stdint.h>
#include "arena.h"
#include "ingest.h"
#include "report.h"
#include "table.h"

enum sl_sev { SL_SEV_INFO, SL_SEV_LOW, SL_SEV_MEDIUM, SL_SEV_HIGH, SL_SEV_CRITICAL, SL_SEV__COUNT };
extern const char *const sl_sev_names[SL_SEV__COUNT];

enum sl_rule_id {
#define R(id, slug, run, params, version, attack, thr, measure, title) SL_R_##id,
#include "rules.def"
#undef R
	SL_R__COUNT
};

/* A rule parameter: a count, a duration (microseconds), a distance (km) or a speed (km/h). */
enum sl_ptype { SL_P_COUNT, SL_P_DURATION, SL_P_KM, SL_P_KMH };
struct sl_param {
	const char *name;          /* snake_case; --set RULE.NAME=VALUE */
	enum sl_ptype type;
	int64_t dflt;
	const char *desc;
};
#define SL_PARAM_MAX 8

struct sl_dctx;
typedef void sl_rule_fn(struct sl_dctx *c, int rule);

/* Rows grouped by a key, each group in (time, request id) order. */
struct sl_dgroups {
	uint32_t n;                      /* keys */
	uint32_t *off;                   /* group k: rows[off[k] .. off[k+1]) */
	uint32_t *rows;
};

struct sl_rule {
	const char *slug;
	sl_rule_fn *run;
	const struct sl_param *params;   /* ended by a NULL name */
	int version;
	const char *attack;              /* ATT&CK technique ids, space-separated */
	int threshold;                   /* 1: measure is compared with params[0] */
	const char *measure;
	const char *title;
};
extern const struct sl_rule sl_rules[SL_R__COUNT];

/* ---- configuration: --set, --allow, --ua-list, --timeline ------------------------------ */

enum sl_akind { SL_A_CIDR, SL_A_ASN, SL_A_USER, SL_A_APP, SL_A_UA, SL_A_COUNTRY, SL_A_TRAVEL, SL_A__COUNT };

/* One allow-list entry: the sign-ins it covers, and the rules it applies to. */
struct sl_allow {
	enum sl_akind kind;
	unsigned char net[16];           /* CIDR, as filter.h parses it */
	int bits;
	int64_t asn;
	char *pattern;                   /* USER, TRAVEL: glob; APP: id or name; UA: substring */
	char **countries;                /* COUNTRY, TRAVEL */
	size_t ncountries;
	int64_t from, to;                /* sign-ins in [from, to]; SL_TIME_NONE: open */
	uint8_t rules[SL_R__COUNT];      /* the rules it applies to */
	int line;
	char *text;                      /* the entry as written, for the suppressed table */
};

/* A user-agent pattern: a case-insensitive substring, a category and a base severity. */
struct sl_uapat {
	const char *pattern, *category;
	enum sl_sev sev;
	int line;                        /* --ua-list line, 0 for the built-in list */
};

/* Owns everything it points to. */
struct sl_dconf {
	int64_t val[SL_R__COUNT][SL_PARAM_MAX];
	uint8_t given[SL_R__COUNT][SL_PARAM_MAX];
	struct sl_allow *allow;
	size_t nallow;
	char *allow_path;
	char allow_sha256[65];
	struct sl_uapat *ua;
	size_t nua;
	char *ua_path;
	char ua_sha256[65];
	int timeline;
};

struct sl_dconf *sl_dconf_new(void);
/* The configuration of a command line: every --set, --allow, --ua-list and --timeline of
 * q->opt (main.c has checked each with sl_option_check). On an error (a file changed since)
 * the defaults, and the message in err. The caller frees. */
struct sl_dconf *sl_dconf_query(const struct sl_query *q, char *err, size_t errlen);
/* Apply one value of an option whose options.def value is kind (SL_OV_RULEPARAM: --set,
 * SL_OV_ALLOWLIST: --allow, SL_OV_UALIST: --ua-list). 0, or -1 with a message. */
int sl_dconf_apply(struct sl_dconf *c, enum sl_ovalue kind, const char *value, char *err, size_t errlen);
void sl_dconf_free(struct sl_dconf *c);
/* --set RULE.PARAM=VALUE (dashes in PARAM read as underscores). 0, or -1 with a message. */
int sl_dconf_set(struct sl_dconf *c, const char *assignment, char *err, size_t errlen);
/* --allow FILE and --ua-list FILE: read, check and hash the file. 0, or -1 with a message
 * naming FILE:LINE. */
int sl_dconf_allow(struct sl_dconf *c, const char *path, char *err, size_t errlen);
int sl_dconf_ua_list(struct sl_dconf *c, const char *path, char *err, size_t errlen);
/* The parameters of a rule as "name=value ..." (durations as 30m, 24h ...), into buf. */
void sl_params_text(const struct sl_dconf *c, int rule, char *buf, size_t size);
/* A parameter value as the user would write it (30m, 500, 14d). */
void sl_param_value_text(enum sl_ptype t, int64_t v, char *buf, size_t size);
/* Read a whole text file (NUL-terminated; a NUL byte in it is an error) and its SHA-256 in
 * lower-case hex (detect_file.c); NULL with a message. The caller frees. */
char *sl_dconf_read(const char *path, size_t *len, char sha[65], char *err, size_t errlen);
/* The built-in user-agent list. */
extern const struct sl_uapat sl_ua_builtin[];
extern const size_t sl_nua_builtin;

/* ---- the context a run shares with its rules ------------------------------------------ */

/* What a sign-in is, as bits computed once per row. */
enum {
	SL_C_SUCCESS = 1u << 0,      /* error code 0 (no code: status unknown, neither this nor a failure) */
	SL_C_CREDFAIL = 1u << 1,     /* a credential-failure code (outcome.h) */
	SL_C_VALIDATED = 1u << 2,    /* the password was accepted, the sign-in stopped later */
	SL_C_MFA_FAIL = 1u << 3,     /* an MFA prompt denied or not answered */
	SL_C_FRAUD = 1u << 4,        /* the user reported fraud at the MFA prompt */
	SL_C_MFA_OK = 1u << 5,       /* a success that is MFA by the MFA rule (mfa.h) */
	SL_C_INTERACTIVE = 1u << 6,
	SL_C_LOCKED = 1u << 7,       /* 50053 */
	SL_C_MALICIOUS_IP = 1u << 8, /* 50053 whose failure reason names a malicious IP */
	SL_C_LEGACY = 1u << 9,       /* a legacy-authentication client app */
	SL_C_ROPC = 1u << 10,        /* the ROPC flow (protocol or user agent) */
	SL_C_DEVCODE = 1u << 11,     /* the device-code flow */
	SL_C_USER = 1u << 12,        /* a user sign-in with a user key */
	SL_C_SELECTED = 1u << 13,    /* passes the filters: evaluated (history is every row) */
	SL_C_SINGLE = 1u << 14,      /* single-factor authentication requirement */
};

struct sl_finding {
	int rule;
	enum sl_sev sev;
	const char *variant;            /* "ip", "asn", "smart-lockout" ...; "" for none */
	uint32_t user;                  /* key user (store users code), 0 none */
	uint32_t ip;                    /* key IP (IP dictionary code), 0 none */
	int32_t asn;                    /* key autonomous system, SL_INT_NONE none */
	const char *key;                /* the grouping key in words */
	const char *reason;             /* one sentence with the numbers */
	uint32_t *ev;                   /* evidence rows; sorted by (time, request id) once done */
	size_t nev, evcap;
	uint32_t *valid;                /* users whose password the evidence shows accepted */
	size_t nvalid, validcap;
	int64_t first, last;
	char id[17];
	size_t *allowed;                /* allow entries that suppressed it (indexes) */
	size_t nallowed;
	size_t order;                   /* position in the sorted findings */
};

struct sl_rulestat {
	int64_t not_evaluable;          /* sign-ins the rule could not judge (missing fields ...) */
	int64_t observed;               /* highest value of the measure; -1: nothing to measure */
	const char *measure2;           /* a second measure (spray per autonomous system), */
	const char *variant2;           /* ... for the findings of this variant */
	int64_t observed2, threshold2, not_evaluable2;
	int64_t suppressed, findings;   /* every finding of the rule */
	int64_t suppressed2, findings2; /* those of variant2 */
	int64_t roaming;                /* session-anomaly: one client on several networks, not reported */
};

struct sl_dctx {
	const struct sl_store *s;
	const struct sl_dconf *conf;
	size_t n;
	const int64_t *t;                /* sign-in times */
	uint32_t *ord;                   /* rows in (time, request id) order */
	uint32_t *pos;                   /* row -> its place in ord */
	uint16_t *cls;                   /* row -> SL_C_ bits */
	uint16_t *cls_o;                 /* the same in (time, request id) order */
	uint32_t *kp;                    /* scratch of sl_dgroups_make, one per row */
	uint32_t *asn;                   /* row -> autonomous-system key, 0 none */
	int32_t *asn_val;                /* key -> ASN */
	uint32_t nasn;
	int64_t nselected;
	struct sl_finding *f;
	size_t nf, fcap;
	struct sl_rulestat st[SL_R__COUNT];
	struct sl_arena a;               /* finding texts */
	/* built when a rule first asks (sl_d_successes, sl_d_sessions) */
	struct sl_dgroups *succ;
	uint32_t *sess, nsess;
	uint32_t *ip_users;              /* IP code -> distinct users who succeeded from it */
};

/* A parameter's value in this run. */
int64_t sl_dparam(const struct sl_dctx *c, int rule, int k);
/* The rows whose class has every bit of all and (any != 0) one bit of any, grouped by key[row]
 * (< nkeys; 0 = no key: left out). key NULL: one group, key 1. Include SL_C_SELECTED in all
 * to group the evaluated sign-ins only. */
void sl_dgroups_make(struct sl_dgroups *g, const struct sl_dctx *c, const uint32_t *key, uint32_t nkeys,
                    unsigned all, unsigned any);
void sl_dgroups_free(struct sl_dgroups *g);

/* Episodes of a group (rows in time order): the windows of length w (the first and last
 * sign-in at most w apart) where at least min1 distinct key1 values (key1 NULL: min1 rows)
 * and, with key2, at least min2 distinct key2 values occur. Breaching windows that share a row
 * merge into one episode, rows [lo, hi) of the group; peak is its highest key1 count and
 * [plo, phi) the window where it occurs. count1/count2: zeroed scratch arrays indexed by key
 * (left zeroed). *max: the highest key1 count of any window (episode or not) that meets the key2 condition. */
struct sl_episode {
	uint32_t lo, hi, plo, phi, peak;
};
size_t sl_windows(const struct sl_dctx *c, const uint32_t *rows, uint32_t n, int64_t w,
                  const uint32_t *key1, uint32_t *count1, uint32_t min1,
                  const uint32_t *key2, uint32_t *count2, uint32_t min2,
                  struct sl_episode **ep, size_t *cap, int64_t *max);

/* Findings. */
struct sl_finding *sl_finding_new(struct sl_dctx *c, int rule, enum sl_sev sev, const char *variant);
void sl_finding_add(struct sl_dctx *c, struct sl_finding *f, const uint32_t *rows, size_t n);
void sl_finding_valid(struct sl_dctx *c, struct sl_finding *f, uint32_t user);
void sl_finding_key(struct sl_dctx *c, struct sl_finding *f, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void sl_finding_reason(struct sl_dctx *c, struct sl_finding *f, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Texts of a row for keys and reasons ("" when none). */
const char *sl_d_user(const struct sl_dctx *c, size_t row);
const char *sl_d_ip(const struct sl_dctx *c, size_t row);
const char *sl_d_str(const struct sl_dctx *c, enum sl_fid f, size_t row);
/* "2026-03-02T10:04:11Z" into buf (>= 32). */
const char *sl_d_time(int64_t t, char *buf);
/* A duration in its two largest units: 30m, 2h 5m, 1d, 45s. */
const char *sl_d_dur(int64_t us, char *buf, size_t size);

/* Did the user (users code) succeed from this IP (IP code) or, with asn != 0, from this
 * autonomous system (asn key) in [from, to)? Every row counts (history, not the selection). */
int sl_d_known_place(const struct sl_dctx *c, const struct sl_dgroups *succ, uint32_t user, uint32_t ip,
                     uint32_t asn, int64_t from, int64_t to);
/* Every user's successful sign-ins (all rows, not only the selection), by users code. */
const struct sl_dgroups *sl_d_successes(struct sl_dctx *c);
/* Is the IP a shared egress of the tenant: did more than n distinct users succeed from it
 * (all rows)? A user's own success there counts among them, so at least n others did. */
int sl_d_common_ip(struct sl_dctx *c, uint32_t ip, int64_t n);
/* Session keys: row -> 1 .. *n - 1 by session id, 0 none. */
const uint32_t *sl_d_sessions(struct sl_dctx *c, uint32_t *n);
/* Index of the first row of group rows[0, n) at or after time t. */
uint32_t sl_d_lower(const struct sl_dctx *c, const uint32_t *rows, uint32_t n, int64_t t);

/* The rules. */
#define R(id, slug, run, params, version, attack, thr, measure, title) \
	sl_rule_fn run; extern const struct sl_param params[];
#include "rules.def"
#undef R

/* ---- the report ------------------------------------------------------------------------- */

extern const enum sl_fid sl_detect_fields[];
/* `signlog detect`: runs every rule over the store, evaluating the sign-ins q->sel selects
 * (NULL: all), and fills the report (detect_out.c). */
sl_report_fn sl_report_detect;

/* Engine steps used by detect_out.c: run the rules, each finding with its evidence in order,
 * its id, and the findings in report order; then (detect_allow.c) the allow-list, which
 * counts each rule's findings and suppressed ones. */
void sl_detect_run(struct sl_dctx *c, const struct sl_store *s, const struct sl_dconf *conf, const uint8_t *sel);
void sl_detect_suppress(struct sl_dctx *c);
void sl_detect_free(struct sl_dctx *c);

#endif
