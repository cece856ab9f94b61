/* fuzz_filter.c — filter expressions: parsed as the command line gives them, evaluated over a small store.
 *
 * Input: one filter option per line, "NAME VALUE" or "NAME" (the long option without its
 * dashes: "country NL", "match user-agent~(?i)edge", "legacy"). Each is added as main.c adds
 * it (flags without a value, the others with one); a bad one is a usage error and is skipped.
 * The filter is evaluated over a store of a few invented sign-ins loaded once; it either
 * selects rows (0 or 1 each, and the selected store holds exactly those) or fails with a
 * message (a --match limit). */
#include <string.h>
#include "filter.h"
#include "fuzz.h"
#include "ingest.h"
#include "input.h"

static const char signins[] =
	"{\"id\":\"f0220000-0000-4000-8000-000000000001\",\"createdDateTime\":\"2026-03-01T08:00:00Z\","
	"\"userPrincipalName\":\"Alice@Contoso.com\",\"appId\":\"app-1\",\"appDisplayName\":\"Azure Portal\","
	"\"ipAddress\":\"10.1.2.3\",\"clientAppUsed\":\"Browser\",\"userAgent\":\"Mozilla/5.0 Edge/120\","
	"\"status\":{\"errorCode\":0},\"location\":{\"city\":\"S\\u00e3o Paulo\",\"countryOrRegion\":\"BR\"},"
	"\"authenticationRequirement\":\"multiFactorAuthentication\",\"riskLevelDuringSignIn\":\"none\","
	"\"authenticationDetails\":[{\"authenticationMethod\":\"Password\",\"succeeded\":true},"
	"{\"authenticationMethod\":\"Mobile app notification\",\"succeeded\":true}]}\n"
	"{\"id\":\"f0220000-0000-4000-8000-000000000002\",\"createdDateTime\":\"2026-03-02T09:30:00Z\","
	"\"userPrincipalName\":\"aaaaaaaaaaaaaaaaaaaaaaaa@fabrikam.com\",\"appDisplayName\":\"Exchange\","
	"\"ipAddress\":\"2001:db8::1\",\"clientAppUsed\":\"IMAP4\",\"userAgent\":\"python-requests/2.31\","
	"\"status\":{\"errorCode\":50126},\"location\":{\"countryOrRegion\":\"NL\"},"
	"\"authenticationRequirement\":\"singleFactorAuthentication\",\"riskLevelDuringSignIn\":\"high\"}\n"
	"{\"id\":\"f0220000-0000-4000-8000-000000000003\",\"createdDateTime\":\"2026-03-03T23:59:59Z\","
	"\"servicePrincipalId\":\"sp-1\",\"servicePrincipalName\":\"backup\",\"ipAddress\":\"::ffff:192.0.2.8\","
	"\"status\":{\"errorCode\":7000215},\"signInEventTypes\":[\"servicePrincipal\"],"
	"\"clientCredentialType\":\"clientSecret\"}\n"
	"{\"id\":\"f0220000-0000-4000-8000-000000000004\",\"createdDateTime\":\"2026-03-04T00:00:00Z\","
	"\"userPrincipalName\":\"bob@contoso.com\",\"ipAddress\":\"203.0.113.9\",\"clientAppUsed\":\"Exchange ActiveSync\","
	"\"status\":{\"errorCode\":50074},\"conditionalAccessStatus\":\"failure\",\"isInteractive\":false,"
	"\"deviceDetail\":{\"operatingSystem\":\"Windows 10\",\"browser\":\"Edge 120.0\"}}\n";

static struct sl_ingest g;
static int loaded;

static void load(void)
{
	char *v[1];
	struct sl_paths paths;
	memset(&paths, 0, sizeof paths);
	paths.v = v;
	paths.n = paths.cap = 1;
	struct sl_ingest_opts o;
	v[0] = (char *)fuzz_file("signins.jsonl", (const uint8_t *)signins, sizeof signins - 1);
	memset(&o, 0, sizeof o);
	o.threads = 1;
	o.quiet = 1;
	sl_ingest_init(&g, NULL);
	sl_ingest_run(&g, &paths, &o);
	FUZZ_CHECK(g.store.n == 4);
	loaded = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const flags[] = { "legacy", "modern", "mfa", "single-factor" };
	struct sl_filter *f;
	char err[700], line[512];
	uint8_t keep[8];

	if (!loaded)
		load();
	f = sl_filter_new();
	for (size_t p = 0, n = 0; p < size && n < 16; n++) {
		const uint8_t *nl = memchr(data + p, '\n', size - p);
		size_t len = nl ? (size_t)(nl - (data + p)) : size - p;
		size_t cut = len < sizeof line - 1 ? len : sizeof line - 1;
		memcpy(line, data + p, cut);
		line[cut] = '\0';
		p += len + 1;
		/* text only up to a NUL, as a command-line argument */
		char *sp = strchr(line, ' ');
		const char *value = "";
		if (sp) {
			*sp = '\0';
			value = sp + 1;
		}
		int flag = 0;
		for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++)
			flag |= strcmp(line, flags[k]) == 0;
		sl_filter_add(f, line, flag ? NULL : value, err, sizeof err);
	}
	FUZZ_CHECK(sl_filter_text(f) != NULL);
	memset(keep, 7, sizeof keep);
	err[0] = '\0';
	if (sl_filter_eval(f, &g.store, keep, err, sizeof err) == 0) {
		struct sl_store sel;
		size_t n = 0;
		for (size_t i = 0; i < g.store.n; i++) {
			FUZZ_CHECK(keep[i] == 0 || keep[i] == 1);
			n += keep[i];
		}
		sl_store_init(&sel, g.store.want);
		sl_store_select(&sel, &g.store, keep);
		FUZZ_CHECK(sel.n == n);
		sl_store_free(&sel);
	} else {
		FUZZ_CHECK(err[0] != '\0' && strstr(err, "--match") != NULL);
	}
	sl_filter_free(f);
	return 0;
}
