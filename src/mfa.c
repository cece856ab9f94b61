/* mfa.c — the MFA rule (signlog(1), MFA coverage), shared by every figure and filter that says MFA. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "mfa.h"
#include "util.h"

enum sl_mfa_details sl_mfa_details(const char *v)
{
	if (!strcasestr(v, "MFA"))
		return SL_MFAD_NONE;
	if (strcasestr(v, "completed"))
		return SL_MFAD_DONE_HERE;
	if (strcasestr(v, "satisfied"))
		return SL_MFAD_DONE_BEFORE;
	return SL_MFAD_NONE;
}

int sl_mfa_requirement_is_mfa(const char *v)
{
	return strcasecmp(v, "multiFactorAuthentication") == 0 || strcasecmp(v, "Multifactor authentication") == 0;
}

void sl_mfa_rule_init(struct sl_mfa_rule *m, const struct sl_store *s)
{
	const struct sl_col *req = &s->col[SL_F_AUTH_REQ], *add = &s->col[SL_F_ADDITIONAL];
	m->req = req->v.code;
	m->add = add->v.code;
	/* code 0 (no value) is never flagged; a column not loaded has only code 0 */
	m->req_mfa = sl_xcalloc(req->dict.n ? req->dict.n : 1, 1);
	m->details = sl_xcalloc(add->dict.n ? add->dict.n : 1, 1);
	for (uint32_t k = 1; m->req && k < req->dict.n; k++)
		m->req_mfa[k] = (uint8_t)sl_mfa_requirement_is_mfa(sl_dict_str(&req->dict, k));
	for (uint32_t k = 1; m->add && k < add->dict.n; k++)
		m->details[k] = (uint8_t)sl_mfa_details(sl_dict_str(&add->dict, k));
}

void sl_mfa_rule_free(struct sl_mfa_rule *m)
{
	free(m->req_mfa);
	free(m->details);
	memset(m, 0, sizeof *m);
}
