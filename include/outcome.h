/* outcome.h — what a sign-in's logged values mean for an investigator: a failed password,
 * a password that was right, an MFA prompt denied or unanswered, a fraud report, a
 * password-only protocol. Field semantics shared by the detection rules (and by reports). */
#ifndef SL_OUTCOME_H
#define SL_OUTCOME_H
#include <stddef.h>
#include <stdint.h>

/* The credential-failure codes: a password (or user name) attempt that failed. 50126
 * InvalidUserNameOrPassword, 50053 IdsLocked, 50055 InvalidPasswordExpiredPassword, 50056
 * InvalidPasswordNullPassword, 50064 CredentialAuthenticationError, 50144
 * InvalidPasswordExpiredOnPremPassword, 50034 UserAccountNotFound, 50057 UserDisabled. */
extern const int32_t sl_credential_codes[];
extern const size_t sl_ncredential_codes;
int sl_code_is_credential_failure(int64_t code);

/* Codes logged after the password was accepted: MFA required or to be enrolled (50074,
 * 50076, 50079, 50072), an MFA prompt that failed (500121: MFA is asked only after the first
 * factor passed), an external MFA challenge (50158), Conditional Access blocks (53000, 53001,
 * 53002, 53003, 530032) and an expired but correct password (50055, 50144). */
extern const int32_t sl_validated_codes[];
extern const size_t sl_nvalidated_codes;
int sl_code_is_password_validated(int64_t code);

/* The code of a failed MFA prompt (500121), whatever the reason text says. */
#define SL_CODE_MFA_FAILED 500121
/* The code of a locked account (smart lockout, or a block of a malicious IP). */
#define SL_CODE_LOCKED 50053

/* What an MFA result text says of a failed prompt (status.additionalDetails, a step's result
 * detail), compared without regard to case: "MFA denied; Phone App Reported Fraud" is FRAUD,
 * "... did not respond ..." / "timed out" NO_RESPONSE, other "denied" / "declined" DENIED.
 * Whether MFA was done is the MFA rule's (mfa.h). */
enum sl_mfa_text { SL_MFA_OTHER, SL_MFA_DENIED, SL_MFA_NO_RESPONSE, SL_MFA_FRAUD };
enum sl_mfa_text sl_mfa_text_class(const char *s);

/* The authentication requirement says single factor ("singleFactorAuthentication", "Single-factor authentication"). */
int sl_auth_req_is_single(const char *s);

/* The resource-owner password credentials flow: the protocol "ropc", or a user agent that
 * Entra logs for it (BAV2ROPC, CBAinPROD, CBAinTAR). */
int sl_protocol_is_ropc(const char *protocol);
int sl_ua_is_ropc(const char *user_agent);
/* The device-code flow: protocol "deviceCode" or transfer method "deviceCodeFlow". */
int sl_protocol_is_device_code(const char *protocol);
int sl_transfer_is_device_code(const char *transfer);

/* A country code that names a place: two letters, not "ZZ" (unknown) or "XX". */
int sl_country_known(const char *cc);
/* Coordinates that name a place: both finite, within range, not both zero. */
int sl_coords_known(double lat, double lon);

#endif
