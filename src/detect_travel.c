/* detect_travel.c — impossible-travel: consecutive interactive successes of a user too far apart for the time between them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "detect.h"
#include "outcome.h"
#include "util.h"

#define SEC_US 1000000LL
#define MIN_US (60 * SEC_US)
#define EARTH_KM 6371.0

enum { P_MIN_KMH, P_MIN_KM, P_COUNTRY_WINDOW };
const struct sl_param sl_travel_params[] = {
	{ "min_kmh", SL_P_KMH, 900, "speed (km/h) between two successes that no flight makes" },
	{ "min_km", SL_P_KM, 500, "distance below which a pair is never judged (coarse geolocation)" },
	{ "country_window", SL_P_DURATION, 10 * MIN_US, "without coordinates: a change of country within this time" },
	{ NULL, SL_P_COUNT, 0, NULL },
};

/* Where a sign-in was: coordinates (its own or those of its city elsewhere in the data),
 * only a country, or nothing usable. */
enum { L_NONE, L_COUNTRY, L_COORDS };
struct place {
	int kind;
	double lat, lon;
	int borrowed;           /* coordinates of the same city seen in other sign-ins */
};

/* City coordinates seen in the data, for sign-ins without their own (portal CSV). */
struct city {
	uint32_t key;           /* code in the city-key dictionary */
	double lat, lon;
};

struct cities {
	struct sl_dict keys;    /* "city\x1fstate\x1fcountry" */
	double *lat, *lon;      /* by key code; NaN: none */
	int built;
};

static uint32_t city_key(const struct sl_dctx *c, struct sl_dict *d, size_t r, int add)
{
	char buf[512];
	const char *ci = sl_d_str(c, SL_F_CITY, r), *st = sl_d_str(c, SL_F_STATE, r), *cc = sl_d_str(c, SL_F_COUNTRY, r);
	if (!*ci || !sl_country_known(cc))
		return 0;
	int n = snprintf(buf, sizeof buf, "%s\x1f%s\x1f%s", ci, st, cc);
	if (n < 0 || (size_t)n >= sizeof buf)
		return 0;
	return add ? sl_dict_intern(d, buf, (size_t)n, sl_hash(buf, (size_t)n))
	           : sl_dict_find(d, buf, (size_t)n, sl_hash(buf, (size_t)n));
}

static int by_city(const void *a, const void *b)
{
	const struct city *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->lat != y->lat)
		return x->lat < y->lat ? -1 : 1;
	return (x->lon > y->lon) - (x->lon < y->lon);
}

/* For each city the coordinates most sign-ins give it (ties: the smallest latitude, then
 * longitude), so that the choice does not depend on the order of the files. */
static void cities_build(const struct sl_dctx *c, struct cities *m)
{
	const double *lat = c->s->col[SL_F_LATITUDE].v.dbl, *lon = c->s->col[SL_F_LONGITUDE].v.dbl;
	struct city *v = sl_xmalloc((c->n ? c->n : 1) * sizeof *v);
	size_t n = 0;
	sl_dict_init(&m->keys);
	m->built = 1;
	for (size_t i = 0; lat && lon && i < c->n; i++) {
		if (!sl_coords_known(lat[i], lon[i]))
			continue;
		uint32_t k = city_key(c, &m->keys, i, 1);
		if (k)
			v[n++] = (struct city){ k, lat[i], lon[i] };
	}
	qsort(v, n, sizeof *v, by_city);
	m->lat = sl_xmalloc(m->keys.n * sizeof *m->lat);
	m->lon = sl_xmalloc(m->keys.n * sizeof *m->lon);
	size_t *best = sl_xcalloc(m->keys.n, sizeof *best);
	for (uint32_t k = 0; k < m->keys.n; k++)
		m->lat[k] = m->lon[k] = NAN;
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && by_city(&v[i], &v[j]) == 0)
			j++;
		if (j - i > best[v[i].key]) {
			best[v[i].key] = j - i;
			m->lat[v[i].key] = v[i].lat;
			m->lon[v[i].key] = v[i].lon;
		}
		i = j;
	}
	free(best);
	free(v);
}

static struct place place_of(const struct sl_dctx *c, struct cities *m, size_t r)
{
	const struct sl_col *la = &c->s->col[SL_F_LATITUDE], *lo = &c->s->col[SL_F_LONGITUDE];
	struct place p = { L_NONE, 0, 0, 0 };
	if (la->v.any && lo->v.any && sl_coords_known(la->v.dbl[r], lo->v.dbl[r])) {
		p.kind = L_COORDS;
		p.lat = la->v.dbl[r];
		p.lon = lo->v.dbl[r];
		return p;
	}
	if (!sl_country_known(sl_d_str(c, SL_F_COUNTRY, r)))
		return p;
	p.kind = L_COUNTRY;
	if (!m->built)
		cities_build(c, m);
	uint32_t k = city_key(c, &m->keys, r, 0);
	if (k && !isnan(m->lat[k])) {
		p.kind = L_COORDS;
		p.lat = m->lat[k];
		p.lon = m->lon[k];
		p.borrowed = 1;
	}
	return p;
}

/* Great-circle distance in tenths of a km, rounded, so that a last-bit difference of libm
 * between machines cannot move a pair across a threshold. */
static int64_t distance10(const struct place *a, const struct place *b)
{
	double r = M_PI / 180.0;
	double dlat = (b->lat - a->lat) * r, dlon = (b->lon - a->lon) * r;
	double h = sin(dlat / 2) * sin(dlat / 2) + cos(a->lat * r) * cos(b->lat * r) * sin(dlon / 2) * sin(dlon / 2);
	if (h > 1)
		h = 1;
	return llround(2 * EARTH_KM * asin(sqrt(h)) * 10);
}

static void where(const struct sl_dctx *c, size_t r, char *buf, size_t size)
{
	const char *city = sl_d_str(c, SL_F_CITY, r), *cc = sl_d_str(c, SL_F_COUNTRY, r);
	snprintf(buf, size, "%s%s%s (%s)", city, *city ? ", " : "", *cc ? cc : "?", sl_d_ip(c, r));
}

void sl_rule_travel(struct sl_dctx *c, int rule)
{
	const struct sl_store *s = c->s;
	const uint32_t *ipc = s->col[SL_F_IP].v.code;
	const struct sl_col *dev = &s->col[SL_F_DEVICE_ID];
	struct sl_dgroups g;
	struct cities m = { 0 };
	int64_t minkmh = sl_dparam(c, rule, P_MIN_KMH), minkm = sl_dparam(c, rule, P_MIN_KM);
	int64_t cwin = sl_dparam(c, rule, P_COUNTRY_WINDOW);
	char w1[256], w2[256], b1[32], d[32];

	sl_dgroups_make(&g, c, s->user, s->users.n, SL_C_SUCCESS | SL_C_INTERACTIVE | SL_C_USER, 0);
	for (uint32_t u = 1; u < g.n; u++) {
		const uint32_t *rows = g.rows + g.off[u];
		uint32_t n = g.off[u + 1] - g.off[u];
		struct place pp = { L_NONE, 0, 0, 0 };
		uint32_t prev = 0;
		int have = 0;
		for (uint32_t k = 0; k < n; k++) {
			uint32_t r = rows[k];
			struct place p = place_of(c, &m, r);
			int sel = (c->cls[r] & SL_C_SELECTED) != 0;
			if (p.kind == L_NONE) {
				c->st[rule].not_evaluable += sel;
				continue;
			}
			if (have && sel && ipc[r] != ipc[prev]) {
				int64_t dt = c->t[r] - c->t[prev];
				const char *cc1 = sl_d_str(c, SL_F_COUNTRY, prev), *cc2 = sl_d_str(c, SL_F_COUNTRY, r);
				if (p.kind == L_COORDS && pp.kind == L_COORDS) {
					int64_t d10 = distance10(&pp, &p);
					/* at least a second between them: same-second pairs get a finite speed */
					double hours = (double)(dt < SEC_US ? SEC_US : dt) / 3600e6;
					int64_t kmh = llround((double)d10 / 10.0 / hours);
					if (d10 >= minkm * 10) {
						if (kmh > c->st[rule].observed)
							c->st[rule].observed = kmh;
						if (kmh >= minkmh) {
							int same_dev = dev->v.any && dev->v.code[r] && dev->v.code[r] == dev->v.code[prev];
							struct sl_finding *f = sl_finding_new(c, rule, same_dev ? SL_SEV_MEDIUM : SL_SEV_HIGH,
							                                      pp.borrowed || p.borrowed ? "city-coordinates" : "coordinates");
							uint32_t pair[2] = { prev, r };
							f->user = u;
							sl_finding_key(c, f, "user %s", sl_dict_str(&s->users, u));
							sl_finding_add(c, f, pair, 2);
							where(c, prev, w1, sizeof w1);
							where(c, r, w2, sizeof w2);
							sl_finding_reason(c, f, "%s signed in from %s and %s later from %s: %lld.%lld km apart, %lld km/h "
							                  "(at least %lld km/h over %lld km)%s%s",
							                  sl_dict_str(&s->users, u), w1, sl_d_dur(dt, d, sizeof d), w2,
							                  (long long)(d10 / 10), (long long)(d10 % 10), (long long)kmh,
							                  (long long)minkmh, (long long)minkm,
							                  pp.borrowed || p.borrowed ? "; coordinates of the same city in other sign-ins" : "",
							                  same_dev ? "; both from the same device (a VPN or network switch?)" : "");
						}
					}
				} else if (strcmp(cc1, cc2) != 0 && dt <= cwin) {
					struct sl_finding *f = sl_finding_new(c, rule, SL_SEV_MEDIUM, "country-change");
					uint32_t pair[2] = { prev, r };
					f->user = u;
					sl_finding_key(c, f, "user %s", sl_dict_str(&s->users, u));
					sl_finding_add(c, f, pair, 2);
					where(c, prev, w1, sizeof w1);
					where(c, r, w2, sizeof w2);
					sl_finding_reason(c, f, "%s signed in from %s and %s later from %s: a change of country within %s, "
					                  "judged without coordinates (lower confidence; the input has none for these places)",
					                  sl_dict_str(&s->users, u), w1, sl_d_dur(dt, d, sizeof d), w2,
					                  sl_d_dur(cwin, b1, sizeof b1));
				}
			}
			pp = p;
			prev = r;
			have = 1;
		}
	}
	sl_dgroups_free(&g);
	if (m.built) {
		sl_dict_free(&m.keys);
		free(m.lat);
		free(m.lon);
	}
}
