/* field.c — the field registry table, list definitions, and the status rule. */
#include <stdlib.h>
#include <string.h>
#include "field.h"
#include "util.h"

const struct sl_field sl_fields[SL_F__COUNT] = {
#define X(id, name, type, list, json, csv, la, desc) { name, SL_FT_##type, SL_LIST_##list, json, csv, la, desc },
#include "fields.def"
#undef X
};

/* riskEventTypes (v1.0) only counts when riskEventTypes_v2 is absent. */
const struct sl_listdef sl_lists[SL_LIST__COUNT] = {
	[SL_LIST_NONE] = { "", "", 0 },
	[SL_LIST_AUTH] = { "auth", "authenticationDetails", 0 },
	[SL_LIST_CAP]  = { "ca", "appliedConditionalAccessPolicies|conditionalAccessPolicies", 0 },
	[SL_LIST_RISK] = { "risk", "riskEventTypes_v2|~riskEventTypes", 1 },
	[SL_LIST_SLP]  = { "session", "sessionLifetimePolicies", 0 },
};

const char *const sl_status_names[SL_ST__COUNT] = { "success", "failure", "interrupted", "unknown" };
const char *const sl_evtype_names[SL_EV__COUNT] = {
	"interactive", "noninteractive", "serviceprincipal", "managedidentity", "unknown"
};

int sl_field_lidx[SL_F__COUNT];
int sl_list_nfields[SL_LIST__COUNT];
enum sl_fid sl_list_fields[SL_LIST__COUNT][16];

void sl_fields_init(void)
{
	memset(sl_list_nfields, 0, sizeof sl_list_nfields);
	for (int f = 0; f < SL_F__COUNT; f++) {
		enum sl_list l = sl_fields[f].list;
		if (l == SL_LIST_NONE) {
			sl_field_lidx[f] = -1;
			continue;
		}
		sl_list_fields[l][sl_list_nfields[l]] = (enum sl_fid)f;
		sl_field_lidx[f] = sl_list_nfields[l]++;
	}
}

void sl_fields_core(uint8_t want[SL_F__COUNT])
{
	static const enum sl_fid core[] = {
		SL_F_TIME, SL_F_REQUEST_ID, SL_F_USER, SL_F_USER_ID, SL_F_APP_ID, SL_F_SP_ID,
		SL_F_ERROR_CODE, SL_F_STATUS, SL_F_EVENT_TYPE, SL_F_CATEGORY, SL_F_MSI_TYPE,
		SL_F_INTERACTIVE,
	};
	for (size_t i = 0; i < sizeof core / sizeof core[0]; i++)
		want[core[i]] = 1;
}

void sl_fields_all(uint8_t want[SL_F__COUNT])
{
	memset(want, 1, SL_F__COUNT);
}

/* What the output prints, the input takes: request_id (a column name) is request-id. */
static int same_name(const char *field, const char *name)
{
	for (; *field && *name; field++, name++)
		if (*field != *name && !(*field == '-' && *name == '_'))
			return 0;
	return *field == *name;
}

int sl_field_find(const char *name)
{
	for (int f = 0; f < SL_F__COUNT; f++)
		if (same_name(sl_fields[f].name, name))
			return f;
	return -1;
}

/* The 20 codes of Microsoft's Sentinel sign-in workbook plus the codes whose official names
 * say Interrupt. Kept sorted for bsearch. */
static const int64_t default_interrupts[] = {
	16000, 16001, 16003, 50055, 50058, 50059, 50072, 50074, 50125, 50127, 50129, 50140,
	50143, 50144, 50168, 50199, 51006, 52004, 65001, 81010, 81012, 81014, 1000002
};
static int64_t *interrupts = (int64_t *)default_interrupts;
static size_t ninterrupts = sizeof default_interrupts / sizeof default_interrupts[0];

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

void sl_interrupt_set(const int64_t *codes, size_t n)
{
	int64_t *v = sl_xmalloc((n ? n : 1) * sizeof *v);
	memcpy(v, codes, n * sizeof *v);
	qsort(v, n, sizeof *v, cmp_i64);
	if (interrupts != default_interrupts)
		free(interrupts);
	interrupts = v;
	ninterrupts = n;
}

int sl_interrupt_parse(const char *list)
{
	int64_t *v = NULL;
	size_t n = 0, cap = 0;
	const char *p = list;
	int rc = -1;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		int64_t c;
		if (sl_parse_i64(p, len, &c) != 0)
			goto out;
		sl_grow((void **)&v, &cap, n + 1, sizeof *v);
		v[n++] = c;
		p += len;
		if (*p == ',')
			p++;
	}
	sl_interrupt_set(v, n);
	rc = 0;
out:
	free(v);
	return rc;
}

int sl_is_interrupt(int64_t code)
{
	return bsearch(&code, interrupts, ninterrupts, sizeof *interrupts, cmp_i64) != NULL;
}

enum sl_status sl_status_of(int64_t code)
{
	if (code == 0)
		return SL_ST_SUCCESS;
	return sl_is_interrupt(code) ? SL_ST_INTERRUPTED : SL_ST_FAILURE;
}
