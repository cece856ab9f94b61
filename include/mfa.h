/* mfa.h — the MFA rule: what a sign-in's authentication requirement and additional details say of MFA. */
#ifndef SL_MFA_H
#define SL_MFA_H
#include <stddef.h>
#include <stdint.h>
#include "store.h"

/* What status.additionalDetails says (signlog(1), MFA coverage): MFA done in this sign-in
 * ("MFA completed in Azure AD", "... in external provider", "MFA successfully completed"),
 * done before it ("MFA requirement satisfied by claim in the token"), or nothing of the kind
 * ("MFA required in Azure AD" says what was asked, not what was done). */
enum sl_mfa_details { SL_MFAD_NONE, SL_MFAD_DONE_HERE, SL_MFAD_DONE_BEFORE };
enum sl_mfa_details sl_mfa_details(const char *additional);

/* An authentication requirement that is multifactor (the JSON and the portal CSV spelling). */
int sl_mfa_requirement_is_mfa(const char *requirement);

/* The class the rule gives one sign-in, whatever its status: MFA when its requirement is
 * multifactor or its additional details say MFA was done; single-factor when it has another
 * requirement and no such details; unknown when it has neither (nothing said either way). */
enum sl_mfa_class { SL_MFA_UNKNOWN, SL_MFA_SINGLE, SL_MFA_YES };

/* The rule over one store: a flag per dictionary code of the requirement and the additional
 * details, made once so that classing a row never compares text. A command that uses it
 * lists SL_F_AUTH_REQ and SL_F_ADDITIONAL among its fields (one not loaded reads as absent);
 * the struct owns its arrays (sl_mfa_rule_free). */
struct sl_mfa_rule {
	const uint32_t *req, *add;      /* the store's codes per row, NULL when not loaded */
	uint8_t *req_mfa;               /* requirement code -> multifactor */
	uint8_t *details;               /* additional-details code -> enum sl_mfa_details */
};
void sl_mfa_rule_init(struct sl_mfa_rule *m, const struct sl_store *s);
void sl_mfa_rule_free(struct sl_mfa_rule *m);

static inline enum sl_mfa_details sl_mfa_row_details(const struct sl_mfa_rule *m, size_t i)
{
	return m->add ? (enum sl_mfa_details)m->details[m->add[i]] : SL_MFAD_NONE;
}

static inline enum sl_mfa_class sl_mfa_row(const struct sl_mfa_rule *m, size_t i)
{
	uint32_t rc = m->req ? m->req[i] : 0;
	if (m->req_mfa[rc] || sl_mfa_row_details(m, i) != SL_MFAD_NONE)
		return SL_MFA_YES;
	return rc ? SL_MFA_SINGLE : SL_MFA_UNKNOWN;
}

#endif
