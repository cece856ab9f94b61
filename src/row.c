/* row.c — the rules that turn a filled row into a sign-in: required fields, status, event type, user key. */
#include <string.h>
#include "row.h"
#include "arena.h"
#include "dict.h"
#include "sltime.h"
#include "util.h"

/* The fields a run loads: only their slots are cleared for each new row (a row is 3 KB and
 * most commands read a tenth of it). */
static int nwanted = SL_F__COUNT;
static int wanted[SL_F__COUNT];
static int all_wanted = 1;

void sl_row_want(const uint8_t *want)
{
	nwanted = 0;
	for (int f = 0; f < SL_F__COUNT; f++)
		if (!want || want[f])
			wanted[nwanted++] = f;
	all_wanted = nwanted == SL_F__COUNT;
}

struct sl_row *sl_row_new(struct sl_row **rows, size_t *nrows, size_t *cap, uint64_t line)
{
	sl_grow((void **)rows, cap, *nrows + 1, sizeof **rows);
	struct sl_row *r = &(*rows)[(*nrows)++];
	if (all_wanted) {
		memset(r, 0, sizeof *r);
	} else {
		for (int k = 0; k < nwanted; k++)
			memset(&r->f[wanted[k]], 0, sizeof r->f[0]);
		memset(r->list, 0, sizeof *r - offsetof(struct sl_row, list));
	}
	r->line = line;
	return r;
}

static int str_is(const struct sl_val *v, const char *s)
{
	return v->set && sl_strncaseeq(v->s, v->len, s);
}

static enum sl_evtype event_type(const struct sl_row *r)
{
	static const struct { const char *category; enum sl_evtype ev; } cats[] = {
		{ "SignInLogs", SL_EV_INTERACTIVE },
		{ "ADFSSignInLogs", SL_EV_INTERACTIVE },
		{ "NonInteractiveUserSignInLogs", SL_EV_NONINTERACTIVE },
		{ "ServicePrincipalSignInLogs", SL_EV_SP },
		{ "MicrosoftServicePrincipalSignInLogs", SL_EV_SP },
		{ "ManagedIdentitySignInLogs", SL_EV_MI },
		/* Log Analytics table names */
		{ "SigninLogs", SL_EV_INTERACTIVE },
		{ "AADNonInteractiveUserSignInLogs", SL_EV_NONINTERACTIVE },
		{ "AADServicePrincipalSignInLogs", SL_EV_SP },
		{ "AADManagedIdentitySignInLogs", SL_EV_MI },
	};
	const struct sl_val *cat = &r->f[SL_F_CATEGORY], *msi = &r->f[SL_F_MSI_TYPE];

	if (r->evtypes_set)
		return (enum sl_evtype)r->f[SL_F_EVENT_TYPE].i;
	for (size_t i = 0; i < sizeof cats / sizeof cats[0]; i++)
		if (str_is(cat, cats[i].category))
			return cats[i].ev;
	if (r->evhint)
		return (enum sl_evtype)(r->evhint - 1);
	if (msi->set && !str_is(msi, "none"))
		return SL_EV_MI;
	if (!r->f[SL_F_USER].set && !r->f[SL_F_USER_ID].set && r->f[SL_F_SP_ID].set)
		return SL_EV_SP;
	if (r->f[SL_F_INTERACTIVE].set)
		return r->f[SL_F_INTERACTIVE].i ? SL_EV_INTERACTIVE : SL_EV_NONINTERACTIVE;
	return SL_EV_UNKNOWN;
}

/* Is a diagnostic category (or Log Analytics table) one of the sign-in logs? They all end in
 * "SignInLogs" (SignInLogs, NonInteractiveUserSignInLogs, ServicePrincipalSignInLogs,
 * ManagedIdentitySignInLogs, MicrosoftServicePrincipalSignInLogs, ADFSSignInLogs, and the
 * Log Analytics tables SigninLogs, AADNonInteractiveUserSignInLogs ...). */
static int signin_category(const struct sl_val *cat)
{
	static const char tail[] = "signinlogs";
	size_t n = sizeof tail - 1;
	return cat->len >= n && sl_strncaseeq(cat->s + cat->len - n, n, tail);
}

void sl_row_finish(struct sl_row *r, struct sl_arena *scratch)
{
	static const char *const shapes[] = {
		NULL, "directory audit (Graph)", "risk detection (Graph)", "risky user (Graph)", "provisioning (Graph)",
	};
	const struct sl_val *f = r->f;
	struct sl_val *ev = &r->f[SL_F_EVENT_TYPE];

	if (r->error)
		return;
	/* records of other logs that share an export with the sign-ins: a Graph object by its
	 * keys (its "category" is the audit's own, UserManagement ...), an envelope by its
	 * diagnostic category */
	if (r->shape && !f[SL_F_TIME].set && !r->bad_time) {
		r->skip = shapes[r->shape];
		return;
	}
	if (f[SL_F_CATEGORY].set && !signin_category(&f[SL_F_CATEGORY])) {
		r->skip = sl_arena_memdup(scratch, f[SL_F_CATEGORY].s, f[SL_F_CATEGORY].len);
		return;
	}
	if (!f[SL_F_TIME].set) {
		if (r->bad_time == 2) {
			char at[40];
			r->error = sl_arena_printf(scratch, "sign-in time %s is outside the accepted range (2000-01-01 to 2099-12-31)",
			                           sl_time_format(f[SL_F_TIME].i, at, sizeof at));
			return;
		}
		r->error = r->bad_time ? "unparseable sign-in time" : "no sign-in time (createdDateTime)";
		return;
	}
	if (!f[SL_F_REQUEST_ID].set && !f[SL_F_USER].set && !f[SL_F_USER_ID].set &&
	    !f[SL_F_APP_ID].set && !f[SL_F_SP_ID].set) {
		r->error = "not a sign-in record (no request id, user, app or service principal)";
		return;
	}
	if (!r->f[SL_F_STATUS].set) {
		/* no error code ("status":{}): a sign-in all the same, of unknown outcome */
		r->f[SL_F_STATUS].i = f[SL_F_ERROR_CODE].set ? sl_status_of(f[SL_F_ERROR_CODE].i) : SL_ST_UNKNOWN;
		r->f[SL_F_STATUS].set = 1;
	}
	ev->i = event_type(r);
	ev->set = 1;

	if (ev->i != SL_EV_SP && ev->i != SL_EV_MI) {
		const struct sl_val *u = f[SL_F_USER].set ? &f[SL_F_USER] : &f[SL_F_USER_ID];
		if (u->set) {
			uint32_t i = 0;
			while (i < u->len && !(u->s[i] >= 'A' && u->s[i] <= 'Z'))
				i++;
			if (i == u->len) {
				/* already lower case (the usual UPN): the value itself, and its hash */
				r->userkey = *u;
			} else {
				char *k = sl_arena_bytes(scratch, u->len);
				memcpy(k, u->s, i);
				sl_ascii_lower(k + i, u->s + i, u->len - i);
				r->userkey.s = k;
				r->userkey.len = u->len;
				r->userkey.hash = sl_hash(k, u->len);
				r->userkey.set = 1;
			}
		}
	}
}
