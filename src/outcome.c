/* outcome.c — what a sign-in's logged values mean: failed and validated passwords, MFA results, ROPC and device-code flows. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "outcome.h"

/* Both tables are sorted for bsearch. */
const int32_t sl_credential_codes[] = { 50034, 50053, 50055, 50056, 50057, 50064, 50126, 50144 };
const size_t sl_ncredential_codes = sizeof sl_credential_codes / sizeof sl_credential_codes[0];
const int32_t sl_validated_codes[] = {
	50055, 50072, 50074, 50076, 50079, 50144, 50158, 53000, 53001, 53002, 53003, 500121, 530032,
};
const size_t sl_nvalidated_codes = sizeof sl_validated_codes / sizeof sl_validated_codes[0];

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

static int in_set(int64_t code, const int32_t *set, size_t n)
{
	int32_t c;
	if (code < INT32_MIN || code > INT32_MAX)
		return 0;
	c = (int32_t)code;
	return bsearch(&c, set, n, sizeof *set, cmp_i32) != NULL;
}

int sl_code_is_credential_failure(int64_t code)
{
	return in_set(code, sl_credential_codes, sl_ncredential_codes);
}

int sl_code_is_password_validated(int64_t code)
{
	return in_set(code, sl_validated_codes, sl_nvalidated_codes);
}

enum sl_mfa_text sl_mfa_text_class(const char *s)
{
	if (!s || !*s)
		return SL_MFA_OTHER;
	/* fraud first: the fraud text also says "MFA denied" */
	if (strcasestr(s, "fraud"))
		return SL_MFA_FRAUD;
	if (strcasestr(s, "did not respond") || strcasestr(s, "not respond") || strcasestr(s, "timed out") ||
	    strcasestr(s, "no response"))
		return SL_MFA_NO_RESPONSE;
	if (strcasestr(s, "denied") || strcasestr(s, "declined"))
		return SL_MFA_DENIED;
	return SL_MFA_OTHER;
}

/* Equal to want (lower case, no spaces) ignoring case, spaces and hyphens: the JSON and the
 * portal CSV spell the same value "multiFactorAuthentication" and "Multifactor authentication". */
static int same_word(const char *s, const char *want)
{
	const char *w = want;
	for (; *s; s++) {
		if (*s == ' ' || *s == '-')
			continue;
		char c = *s >= 'A' && *s <= 'Z' ? (char)(*s + 32) : *s;
		if (c != *w++)
			return 0;
	}
	return *w == '\0';
}

int sl_auth_req_is_single(const char *s)
{
	return s && same_word(s, "singlefactorauthentication");
}

int sl_protocol_is_ropc(const char *p)
{
	return p && strcasecmp(p, "ropc") == 0;
}

int sl_ua_is_ropc(const char *ua)
{
	return ua && (strcasestr(ua, "BAV2ROPC") || strcasestr(ua, "CBAinPROD") || strcasestr(ua, "CBAinTAR"));
}

int sl_protocol_is_device_code(const char *p)
{
	return p && same_word(p, "devicecode");
}

int sl_transfer_is_device_code(const char *t)
{
	return t && same_word(t, "devicecodeflow");
}

int sl_country_known(const char *cc)
{
	if (!cc || strlen(cc) != 2)
		return 0;
	return strcasecmp(cc, "ZZ") != 0 && strcasecmp(cc, "XX") != 0;
}

int sl_coords_known(double lat, double lon)
{
	if (!isfinite(lat) || !isfinite(lon) || fabs(lat) > 90 || fabs(lon) > 180)
		return 0;
	return !(lat == 0 && lon == 0);
}
