/* traffic.c — a month of one tenant's ordinary sign-ins (and, on request, attacks among them)
 * as Graph beta signIn objects, one per line: the look-alikes `signlog detect` must leave
 * alone, and the attacks it must find.
 *
 * usage: traffic [--users N] [--days D] [--seed S] [--attacks K] > FILE.jsonl
 *
 * Ordinary traffic: users in three offices (Amsterdam, London, New York) behind one NAT
 * address each; homes in nearby cities (commuting), home ISPs and mobile carriers; laptops
 * signing in interactively each working day with MFA prompts, typos (one to three failed
 * passwords), mis-tapped and unanswered MFA prompts, token refreshes; phones whose session
 * moves between home wifi, the carrier and the office; work from home, some through the
 * corporate VPN in Frankfurt; trips by plane to other continents (the phone roaming through
 * the home carrier); new starters mid-month; expired passwords; a phone with a stale saved
 * password that retries until the account locks, then is fixed; scanners relaying mail with
 * Authenticated SMTP (BAV2ROPC) from the offices; an in-house python script with a service
 * account; admins using the Azure CLI's device-code flow; Microsoft risk "atRisk" at low and
 * medium levels; sign-ins whose location is unknown.
 *
 * --attacks K adds K rounds of attacks, one a week from day 3 (see attack() below): a password
 * spray from one IP and one spread over a hosting network, brute force, success after
 * failures, a lockout burst, MFA fatigue, a fraud report, impossible travel, device-code
 * phishing, a replayed session, a high-risk sign-in, AzureHound and a BAV2ROPC legacy sign-in.
 *
 * Output is the same for the same arguments (own PRNG, no clock). C11, libc and libm. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- randomness ------------------------------------------------------------------------ */

static uint64_t state;

static uint64_t rnd(void)
{
	uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint32_t rn(uint32_t n) { return (uint32_t)(((rnd() >> 32) * n) >> 32); }
static double rf(void) { return (double)(rnd() >> 11) * (1.0 / 9007199254740992.0); }
static int chance(double p) { return rf() < p; }

static void guid(char *out)
{
	static const char hex[] = "0123456789abcdef";
	uint64_t a = rnd(), b = rnd();
	int k = 0;
	for (int i = 0; i < 16; i++) {
		uint64_t x = i < 8 ? a >> (56 - 8 * i) : b >> (56 - 8 * (i - 8));
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[k++] = '-';
		out[k++] = hex[(x >> 4) & 15];
		out[k++] = hex[x & 15];
	}
	out[k] = '\0';
}

/* ---- places and networks --------------------------------------------------------------- */

struct city {
	const char *name, *state, *cc;
	double lat, lon;
};

enum {
	AMS, UTR, RTM, HAG, LON, MAN, NYC, NWK, FRA, TYO, SIN, SYD, SAO, MAD, DXB, MOW, LOS, ASH, BER,
	NCITY
};
static const struct city cities[NCITY] = {
	[AMS] = { "Amsterdam", "Noord-Holland", "NL", 52.3676, 4.9041 },
	[UTR] = { "Utrecht", "Utrecht", "NL", 52.0907, 5.1214 },
	[RTM] = { "Rotterdam", "Zuid-Holland", "NL", 51.9244, 4.4777 },
	[HAG] = { "The Hague", "Zuid-Holland", "NL", 52.0705, 4.3007 },
	[LON] = { "London", "England", "GB", 51.5074, -0.1278 },
	[MAN] = { "Reading", "England", "GB", 51.4543, -0.9781 },
	[NYC] = { "New York", "New York", "US", 40.7128, -74.0060 },
	[NWK] = { "Newark", "New Jersey", "US", 40.7357, -74.1724 },
	[FRA] = { "Frankfurt am Main", "Hessen", "DE", 50.1109, 8.6821 },
	[TYO] = { "Tokyo", "Tokyo", "JP", 35.6762, 139.6503 },
	[SIN] = { "Singapore", "Central Singapore", "SG", 1.3521, 103.8198 },
	[SYD] = { "Sydney", "New South Wales", "AU", -33.8688, 151.2093 },
	[SAO] = { "Sao Paulo", "Sao Paulo", "BR", -23.5505, -46.6333 },
	[MAD] = { "Madrid", "Madrid", "ES", 40.4168, -3.7038 },
	[DXB] = { "Dubai", "Dubai", "AE", 25.2048, 55.2708 },
	[MOW] = { "Moscow", "Moscow", "RU", 55.7558, 37.6173 },
	[LOS] = { "Lagos", "Lagos", "NG", 6.5244, 3.3792 },
	[ASH] = { "Ashburn", "Virginia", "US", 39.0438, -77.4874 },
	[BER] = { "Berlin", "Berlin", "DE", 52.5200, 13.4050 },
};

/* An address: its text, network and place (unknown: no location logged). */
struct ip {
	char text[48];
	int city;
	uint32_t asn;
};

#define MAXIP 65536
static struct ip ips[MAXIP];
static int nips;

static int new_ip(int a, int b, int c, int d, int city, uint32_t asn)
{
	if (nips == MAXIP) {
		fprintf(stderr, "traffic: too many addresses\n");
		exit(1);
	}
	struct ip *p = &ips[nips];
	snprintf(p->text, sizeof p->text, "%d.%d.%d.%d", a, b, c, d);
	p->city = city;
	p->asn = asn;
	return nips++;
}

/* Offices (NAT), the VPN, carriers per country, hotels abroad. */
enum { OFF_AMS, OFF_LON, OFF_NYC, NOFFICE };
static const int office_city[NOFFICE] = { AMS, LON, NYC };
static int office_ip[NOFFICE][2], vpn_ip[2];
static int carrier_ip[NOFFICE][40];
static const uint32_t carrier_asn[NOFFICE] = { 31615, 25135, 21928 };
static const uint32_t isp_asn[NOFFICE] = { 33915, 2856, 7922 };
static const int dest[] = { TYO, SIN, SYD, SAO, MAD, DXB, NYC, LON };
static int hotel_ip[NCITY][8];

static void build_networks(void)
{
	static const uint32_t hotel_asn[NCITY] = {
		[TYO] = 2516, [SIN] = 9506, [SYD] = 1221, [SAO] = 28573, [MAD] = 3352, [DXB] = 5384, [NYC] = 701, [LON] = 5607,
	};
	for (int o = 0; o < NOFFICE; o++) {
		for (int k = 0; k < 2; k++)
			office_ip[o][k] = new_ip(198, 51, 100 + o, 10 + k, office_city[o], o == 0 ? 1136 : o == 1 ? 5089 : 7018);
		for (int k = 0; k < 40; k++)
			carrier_ip[o][k] = new_ip(o == 0 ? 77 : o == 1 ? 86 : 172, 20 + o, (int)rn(200), 1 + (int)rn(250),
			                          office_city[o], carrier_asn[o]);
	}
	for (int k = 0; k < 2; k++)
		vpn_ip[k] = new_ip(203, 0, 113, 20 + k, FRA, 64600);
	for (size_t d = 0; d < sizeof dest / sizeof dest[0]; d++)
		for (int k = 0; k < 8; k++)
			hotel_ip[dest[d]][k] = new_ip(100 + (int)d, 60 + k, (int)rn(250), 1 + (int)rn(250), dest[d], hotel_asn[dest[d]]);
}

/* ---- applications and clients ---------------------------------------------------------- */

struct app {
	const char *name, *id, *res, *resid;
};
static const struct app apps[] = {
	{ "OfficeHome", "4765445b-32c6-49b0-83e6-1d93765276ca", "OfficeHome", "4765445b-32c6-49b0-83e6-1d93765276ca" },
	{ "Microsoft Teams", "1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Microsoft Teams Services", "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe" },
	{ "Microsoft Office", "d3590ed6-52b3-4102-aeff-aad2292ab01c", "Office 365 Exchange Online", "00000002-0000-0ff1-ce00-000000000000" },
	{ "Outlook Mobile", "27922004-5251-4030-b22d-91ecd9a37ea4", "Office 365 Exchange Online", "00000002-0000-0ff1-ce00-000000000000" },
	{ "OneDrive SyncEngine", "ab9b8c07-8f02-4f72-87fa-80105867a763", "Office 365 SharePoint Online", "00000003-0000-0ff1-ce00-000000000000" },
	{ "Microsoft Azure CLI", "04b07795-8ddb-461a-bbee-02f9e1bf7b46", "Windows Azure Service Management API", "797f4846-ba00-4fd7-ba43-dac1f8f63013" },
	{ "Office 365 Exchange Online", "00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online", "00000002-0000-0ff1-ce00-000000000000" },
	{ "Microsoft Authentication Broker", "29d9ed98-a469-4536-ade2-f981bc1d605e", "Microsoft Graph", "00000003-0000-0000-c000-000000000000" },
	{ "Contoso Reporting", "6c1b2a04-3c9e-4e55-9d0f-1f7e0c2b8a11", "Microsoft Graph", "00000003-0000-0000-c000-000000000000" },
};
enum { A_HOME, A_TEAMS, A_OFFICE, A_OUTLOOK_M, A_ONEDRIVE, A_AZCLI, A_EXO, A_BROKER, A_REPORT };

struct client {
	const char *ua, *os, *browser, *client_app;
};
static const struct client clients[] = {
	{ "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0", "Windows10", "Edge 126.0.0", "Browser" },
	{ "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "MacOs", "Safari 17.5", "Browser" },
	{ "Outlook-iOS/2.0 (iOS 17.5; Microsoft Outlook 4.2421.0)", "Ios", "Rich Client 4.2421.0.0", "Mobile Apps and Desktop clients" },
	{ "Apple-iPhone15C2/2104.4", "Ios", "", "Exchange ActiveSync" },
	{ "BAV2ROPC", "", "", "Authenticated SMTP" },
	{ "python-requests/2.31.0", "Linux", "Python Requests 2.31", "Mobile Apps and Desktop clients" },
	{ "Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.22631; en-US) azsdk-python-azure-cli/2.61.0", "Windows10", "Rich Client 2.61.0", "Mobile Apps and Desktop clients" },
	{ "azurehound/v2.1.7", "Linux", "", "Mobile Apps and Desktop clients" },
	{ "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", "Linux", "Chrome 124.0.0", "Browser" },
};
enum { C_EDGE, C_SAFARI, C_OUTLOOK_IOS, C_ACTIVESYNC, C_SMTP, C_PYTHON, C_AZCLI, C_AZUREHOUND, C_LINUX };

/* ---- users ------------------------------------------------------------------------------ */

struct user {
	char upn[96], name[96], id[40], laptop[40], phone[40];
	int office, home, mac, vpn, activesync, start;
	int home_ip, home_ip2, ip_change;
	int trip_out, trip_back, trip_to;   /* days; -1 none */
	int stale_day, expiry_day, admin;
	int64_t next_ok;                   /* after a flight: no sign-in before this time */
};

static const char *const first[] = { "emma", "liam", "olivia", "noah", "sophie", "daan", "julia", "finn", "anna",
	"thomas", "sarah", "michael", "laura", "david", "lisa", "james", "maria", "pieter", "fatima", "priya",
	"wei", "yuki", "carlos", "ingrid", "lars", "klaus", "aisha", "kwame", "olga", "marco", "sean", "grace" };
static const char *const last[] = { "devries", "jansen", "bakker", "visser", "smit", "smith", "johnson", "brown",
	"jones", "garcia", "miller", "muller", "schmidt", "weber", "dubois", "martin", "rossi", "nowak", "hansen",
	"murphy", "kelly", "patel", "singh", "wang", "tanaka", "kim", "silva", "lopez", "cohen", "nguyen" };
#define NFIRST (sizeof first / sizeof first[0])
#define NLAST (sizeof last / sizeof last[0])

static struct user *users;
static int nusers, ndays;

static int isp_ip(int office, int city)
{
	return new_ip(office == 0 ? 84 : office == 1 ? 81 : 73, 100 + (int)rn(100), (int)rn(250), 1 + (int)rn(250), city,
	              isp_asn[office]);
}

static void build_users(void)
{
	static const int homes[NOFFICE][3] = { { AMS, UTR, RTM }, { LON, MAN, LON }, { NYC, NWK, NYC } };
	users = calloc((size_t)nusers, sizeof *users);
	if (!users) {
		perror("traffic");
		exit(1);
	}
	for (int i = 0; i < nusers; i++) {
		struct user *u = &users[i];
		const char *f = first[rn(NFIRST)], *l = last[rn(NLAST)];
		snprintf(u->upn, sizeof u->upn, "%s.%s%d@contoso.com", f, l, i);
		snprintf(u->name, sizeof u->name, "%c%s %c%s", f[0] - 32, f + 1, l[0] - 32, l + 1);
		guid(u->id);
		guid(u->laptop);
		guid(u->phone);
		u->office = i % 10 < 5 ? OFF_AMS : i % 10 < 8 ? OFF_LON : OFF_NYC;
		u->home = homes[u->office][rn(3)];
		if (u->office == OFF_AMS && chance(0.15))
			u->home = HAG;
		u->home_ip = isp_ip(u->office, u->home);
		u->home_ip2 = isp_ip(u->office, u->home);
		u->ip_change = 5 + (int)rn((uint32_t)(ndays > 6 ? ndays - 5 : 1));
		u->mac = chance(0.2);
		u->vpn = u->office == OFF_AMS && chance(0.15);   /* the VPN egress is in Frankfurt */
		u->activesync = chance(0.06);
		u->start = chance(0.03) ? 8 + (int)rn(10) : 0;
		u->trip_out = u->trip_back = u->trip_to = -1;
		if (chance(0.05) && ndays >= 20) {
			u->trip_out = 8 + (int)rn((uint32_t)(ndays - 16));
			u->trip_back = u->trip_out + 3 + (int)rn(4);
			do
				u->trip_to = dest[rn(sizeof dest / sizeof dest[0])];
			while (strcmp(cities[u->trip_to].cc, cities[office_city[u->office]].cc) == 0);
		}
		u->stale_day = u->activesync && chance(0.4) ? 3 + (int)rn((uint32_t)(ndays > 4 ? ndays - 3 : 1)) : -1;
		u->expiry_day = chance(0.03) ? (int)rn((uint32_t)ndays) : -1;
		u->admin = i < 6;
	}
}

/* ---- events ----------------------------------------------------------------------------- */

enum { MFA_NONE, MFA_CLAIM, MFA_DONE, MFA_PROMPT, MFA_DENY, MFA_NORESP, MFA_FRAUD, MFA_SINGLE };

struct ev {
	int64_t t;                  /* seconds since the epoch */
	const char *upn, *name, *uid;
	int ip, app, client, code, interactive, mfa;
	const char *device;         /* NULL: unregistered */
	const char *session;        /* NULL: none */
	const char *protocol;
	int risk;                   /* 0 none, 1 atRisk low, 2 atRisk medium, 3 high */
	const char *reason;
};

static struct ev *evs;
static size_t nev, evcap;
static char *sessions;          /* session ids, 40 bytes each, in blocks */
static size_t nsess, sesscap;
static char **blocks;           /* every block, freed at the end */
static size_t nblocks;

static const char *new_session(void)
{
	if (nsess == sesscap) {
		sesscap = sesscap ? 2 * sesscap : 4096;
		/* a new block: earlier pointers stay valid */
		sessions = malloc(sesscap * 40);
		blocks = realloc(blocks, (nblocks + 1) * sizeof *blocks);
		nsess = 0;
		if (!sessions || !blocks) {
			perror("traffic");
			exit(1);
		}
		blocks[nblocks++] = sessions;
	}
	char *s = sessions + 40 * nsess++;
	guid(s);
	return s;
}

static struct ev *add(int64_t t, const struct user *u, int ip, int app, int client, int code, int interactive)
{
	if (nev == evcap) {
		evcap = evcap ? 2 * evcap : 65536;
		evs = realloc(evs, evcap * sizeof *evs);
		if (!evs) {
			perror("traffic");
			exit(1);
		}
	}
	struct ev *e = &evs[nev++];
	memset(e, 0, sizeof *e);
	e->t = t;
	if (u) {
		e->upn = u->upn;
		e->name = u->name;
		e->uid = u->id;
	}
	e->ip = ip;
	e->app = app;
	e->client = client;
	e->code = code;
	e->interactive = interactive;
	e->protocol = "none";
	return e;
}

static int64_t day0;            /* first day, seconds */
#define H 3600
#define M 60

static int64_t at(int day, double hour)
{
	return day0 + (int64_t)day * 86400 + (int64_t)(hour * H);
}

/* The office's local offset from UTC in hours (winter). */
static double tz(int office) { return office == OFF_AMS ? 1 : office == OFF_LON ? 0 : -5; }

/* An interactive laptop sign-in with what ordinary users do around it: typos, MFA prompts,
 * mis-taps and unanswered prompts. */
static void laptop_signin(struct user *u, int64_t t, int ip, const char *sess)
{
	int client = u->mac ? C_SAFARI : C_EDGE;
	int app = chance(0.5) ? A_HOME : A_TEAMS;
	if (chance(0.04)) {
		int typos = 1 + (int)rn(3);
		for (int k = 0; k < typos; k++) {
			struct ev *e = add(t - (typos - k) * (20 + (int)rn(40)), u, ip, app, client, 50126, 1);
			e->device = u->laptop;
			e->session = sess;
		}
	}
	if (chance(0.25)) {
		/* MFA asked: the prompt, sometimes a mis-tap or a missed notification first */
		struct ev *e = add(t - 40, u, ip, app, client, 50074, 1);
		e->mfa = MFA_PROMPT;
		e->device = u->laptop;
		e->session = sess;
		if (chance(0.1)) {
			int n = 1 + (int)rn(2);
			for (int k = 0; k < n; k++) {
				e = add(t - 30 + 10 * k, u, ip, app, client, 500121, 1);
				e->mfa = chance(0.7) ? MFA_DENY : MFA_NORESP;
				e->device = u->laptop;
				e->session = sess;
			}
		}
		e = add(t, u, ip, app, client, 0, 1);
		e->mfa = MFA_DONE;
		e->device = u->laptop;
		e->session = sess;
		e->risk = chance(0.003) ? 1 + (int)rn(2) : 0;
		return;
	}
	struct ev *e = add(t, u, ip, app, client, 0, 1);
	e->mfa = MFA_CLAIM;
	e->device = u->laptop;
	e->session = sess;
	e->risk = chance(0.003) ? 1 + (int)rn(2) : 0;
}

/* Token refreshes of a device's apps between two times. */
static void refreshes(const struct user *u, int64_t from, int64_t to, int ip, int phone, const char *sess)
{
	for (int64_t t = from + (int64_t)rn(1800); t < to; t += 2400 + (int64_t)rn(3600)) {
		struct ev *e = add(t, u, ip, phone ? A_OUTLOOK_M : (chance(0.5) ? A_TEAMS : A_ONEDRIVE),
		                   phone ? C_OUTLOOK_IOS : (u->mac ? C_SAFARI : C_EDGE), 0, 0);
		e->mfa = MFA_CLAIM;
		e->device = phone ? u->phone : u->laptop;
		e->session = sess;
		if (chance(0.01))
			e->ip = -1;     /* IPv6 the geolocation does not know */
	}
}

static int carrier(const struct user *u) { return carrier_ip[u->office][rn(40)]; }

static void activesync(const struct user *u, int64_t t, int ip)
{
	struct ev *e = add(t, u, ip, A_EXO, C_ACTIVESYNC, 0, 1);
	e->mfa = MFA_SINGLE;
	e->device = NULL;
}

/* The stale saved password: the phone retries every few minutes, the account locks, the
 * user fixes the phone an hour or two later. */
static void stale_phone(struct user *u, int day)
{
	double local = 10 + tz(u->office) * -1;
	int64_t t = at(day, local) + (int64_t)rn(H);
	int ip = carrier(u), n = 20 + (int)rn(15);
	for (int k = 0; k < n; k++) {
		struct ev *e = add(t + k * (150 + (int64_t)rn(60)), u, ip, A_EXO, C_ACTIVESYNC, k >= 10 && k % 3 == 0 ? 50053 : 50126, 1);
		e->mfa = MFA_SINGLE;
		if (e->code == 50053)
			e->reason = "The account is locked, you've tried to sign in too many times with an incorrect user ID or password.";
	}
	activesync(u, t + n * 180 + 600 + (int64_t)rn(1800), ip);
}

static double city_tz(int city)
{
	switch (city) {
	case LON: case MAN: return 0;
	case NYC: case NWK: case ASH: return -5;
	case TYO: return 9;
	case SIN: return 8;
	case SYD: return 11;
	case SAO: return -3;
	case DXB: return 4;
	case MOW: return 3;
	default: return 1;
	}
}

static double km(int a, int b)
{
	const double r = 3.14159265358979 / 180;
	double la1 = cities[a].lat * r, la2 = cities[b].lat * r, dl = (cities[b].lon - cities[a].lon) * r;
	double h = sin((la2 - la1) / 2) * sin((la2 - la1) / 2) + cos(la1) * cos(la2) * sin(dl / 2) * sin(dl / 2);
	return 2 * 6371 * asin(sqrt(h));
}

/* Door to door: the flight at 800 km/h, three hours of airports and connections, two more
 * before a laptop is opened again. */
static int64_t journey(int a, int b)
{
	return (int64_t)((km(a, b) / 800 + 5) * H);
}

static int64_t later(int64_t t, int64_t not_before) { return t > not_before ? t : not_before; }

static void day_of(struct user *u, int day)
{
	int weekday = (int)((day0 / 86400 + day + 3) % 7);   /* 0 = Monday */
	int weekend = weekday >= 5;
	double off = -tz(u->office);                        /* local hour + off = UTC hour */
	int home_ip = day < u->ip_change ? u->home_ip : u->home_ip2;
	const char *phone_sess = new_session();
	int away = u->trip_out >= 0 && day > u->trip_out && day <= u->trip_back;

	if (day < u->start)
		return;
	if (away) {
		/* abroad: the laptop from the hotel, the phone on hotel wifi and roaming through the
		 * home carrier; the last day ends with the flight home */
		int hotel = hotel_ip[u->trip_to][rn(8)];
		double lt = -city_tz(u->trip_to);
		const char *ls = new_session();
		int64_t t = later(at(day, 8.5 + lt) + (int64_t)rn(H), u->next_ok);
		laptop_signin(u, t, hotel, ls);
		if (day == u->trip_back) {
			u->next_ok = t + journey(u->trip_to, office_city[u->office]);
			return;
		}
		refreshes(u, t + 600, at(day, 17 + lt), hotel, 0, ls);
		refreshes(u, t + 300, t + 3600, hotel, 1, phone_sess);
		refreshes(u, at(day, 12 + lt), at(day, 13 + lt), carrier(u), 1, phone_sess);
		return;
	}
	/* morning at home: the phone on home wifi, then the carrier on the way */
	refreshes(u, later(at(day, 7 + off), u->next_ok), at(day, 8 + off), home_ip, 1, phone_sess);
	if (u->activesync && at(day, 7.5 + off) > u->next_ok)
		activesync(u, at(day, 7.5 + off) + (int64_t)rn(1800), home_ip);
	if (weekend) {
		refreshes(u, later(at(day, 11 + off), u->next_ok), at(day, 13 + off), carrier(u), 1, phone_sess);
		if (chance(0.2) && day != u->trip_out) {
			const char *ls = new_session();
			laptop_signin(u, later(at(day, 19 + off) + (int64_t)rn(H), u->next_ok), home_ip, ls);
		}
		return;
	}
	int wfh = weekday == 4 || chance(0.25);
	int commute = u->home == office_city[u->office] ? 25 : 50;
	double arrive = 8.5 + rf();
	int64_t t = later(at(day, arrive + off) + (int64_t)rn(1200), u->next_ok);
	if (!wfh)
		refreshes(u, later(at(day, arrive + off) - commute * M, u->next_ok), at(day, arrive + off), carrier(u), 1, phone_sess);
	const char *ls = new_session();
	int work_ip = wfh ? (u->vpn ? vpn_ip[rn(2)] : home_ip) : office_ip[u->office][rn(2)];
	laptop_signin(u, t, work_ip, ls);
	if (day == u->trip_out) {
		/* the morning at work, then the flight out */
		u->next_ok = t + journey(office_city[u->office], u->trip_to);
		return;
	}
	refreshes(u, t + 600, at(day, 17.5 + off), work_ip, 0, ls);
	refreshes(u, t, at(day, 17.5 + off), wfh ? home_ip : office_ip[u->office][0], 1, phone_sess);
	if (u->activesync)
		activesync(u, later(at(day, 12 + off), t) + (int64_t)rn(H), wfh ? home_ip : carrier(u));
	if (u->expiry_day == day) {
		struct ev *e = add(t + 1800, u, work_ip, A_HOME, u->mac ? C_SAFARI : C_EDGE, 50055, 1);
		e->device = u->laptop;
		e->session = ls;
		laptop_signin(u, t + 1950, work_ip, ls);
	}
	if (u->stale_day == day)
		stale_phone(u, day);
	/* evening: the phone back on home wifi */
	refreshes(u, at(day, 18 + off), at(day, 22 + off), home_ip, 1, phone_sess);
	if (u->admin && day == 2 + (int)(u - users)) {
		/* the Azure CLI signs in with the device-code flow */
		struct ev *e = add(later(at(day, 14 + off), t + 60), u, work_ip, A_AZCLI, C_AZCLI, 0, 1);
		e->protocol = "deviceCode";
		e->mfa = MFA_DONE;
		e->session = new_session();
	}
}

/* Service accounts: scanners relaying mail, the reporting script. */
static struct user scanners[2], script;

static void service_day(int day)
{
	int weekday = (int)((day0 / 86400 + day + 3) % 7);
	for (int s = 0; s < 2; s++) {
		if (weekday >= 5)
			continue;
		for (double h = 7; h < 18; h += 1 + rf()) {
			struct ev *e = add(at(day, h - tz(s)), &scanners[s], office_ip[s][0], A_EXO, C_SMTP, 0, 1);
			e->mfa = MFA_SINGLE;
			e->protocol = "ropc";
		}
	}
	struct ev *e = add(at(day, 5) + (int64_t)rn(600), &script, office_ip[0][1], A_REPORT, C_PYTHON, 0, 0);
	e->mfa = MFA_SINGLE;
	e->protocol = "ropc";
}

/* ---- attacks ------------------------------------------------------------------------------ */

static int atk_ip(int a, int b, int city, uint32_t asn) { return new_ip(a, b, (int)rn(250), 1 + (int)rn(250), city, asn); }

static struct user *victim(void) { return &users[6 + rn((uint32_t)(nusers - 6))]; }

static void attack(int day)
{
	int64_t t0 = at(day, 1.5);
	struct ev *e;
	/* password spray from one address: 60 users in 25 minutes, one of them then signs in */
	int spray = atk_ip(185, 220, MOW, 9009);
	struct user *hit = NULL;
	for (int k = 0; k < 60; k++) {
		struct user *u = &users[(day * 7 + k * 5) % nusers];
		e = add(t0 + k * 25, u, spray, A_OFFICE, C_PYTHON, 50126, 1);
		e->mfa = MFA_SINGLE;
		hit = u;
	}
	e = add(t0 + 60 * 25 + 600, hit, spray, A_OFFICE, C_PYTHON, 0, 1);
	e->mfa = MFA_SINGLE;
	/* the same spread over a hosting network: 45 users from 8 addresses in 10 hours */
	int hosting[8];
	for (int k = 0; k < 8; k++)
		hosting[k] = atk_ip(164, 90, k % 2 ? AMS : FRA, 14061);
	for (int k = 0; k < 45; k++) {
		e = add(at(day, 2) + k * 800, &users[(day * 11 + k * 7 + 3) % nusers], hosting[k % 8], A_OFFICE, C_LINUX, 50126, 1);
		e->mfa = MFA_SINGLE;
	}
	/* brute force on an admin: 45 guesses in half an hour from two addresses */
	int bf[2] = { atk_ip(102, 89, LOS, 29465), atk_ip(102, 88, LOS, 29465) };
	struct user *adm = &users[day % 6];
	for (int k = 0; k < 45; k++) {
		e = add(at(day, 3) + k * 40, adm, bf[k % 2], A_HOME, C_LINUX, k > 30 ? 50053 : 50126, 1);
		e->mfa = MFA_SINGLE;
		if (e->code == 50053)
			e->reason = "The account is locked, you've tried to sign in too many times with an incorrect user ID or password.";
	}
	/* success after failures: 12 guesses, then the right password from a new place */
	struct user *v = victim();
	int br = atk_ip(177, 54, SAO, 28573);
	for (int k = 0; k < 12; k++)
		add(at(day, 4) + k * 60, v, br, A_HOME, C_LINUX, 50126, 1)->mfa = MFA_SINGLE;
	add(at(day, 4) + 12 * 60 + 30, v, br, A_HOME, C_LINUX, 0, 1)->mfa = MFA_SINGLE;
	/* a lockout burst: 30 accounts locked within 15 minutes */
	int lk[3] = { atk_ip(3, 80, ASH, 16509), atk_ip(3, 81, ASH, 16509), atk_ip(3, 82, ASH, 16509) };
	for (int k = 0; k < 30; k++) {
		e = add(at(day, 5) + k * 30, &users[(day * 13 + k * 3 + 1) % nusers], lk[k % 3], A_OFFICE, C_LINUX, 50053, 1);
		e->reason = "The account is locked, you've tried to sign in too many times with an incorrect user ID or password.";
	}
	/* MFA fatigue: 14 unanswered pushes in 20 minutes, then the tired user approves */
	v = victim();
	int mf = atk_ip(45, 146, BER, 24940);
	for (int k = 0; k < 14; k++) {
		e = add(at(day, 6) + k * 85, v, mf, A_HOME, C_LINUX, 500121, 1);
		e->mfa = MFA_NORESP;
	}
	add(at(day, 6) + 14 * 85 + 60, v, mf, A_HOME, C_LINUX, 0, 1)->mfa = MFA_DONE;
	/* a fraud report */
	v = victim();
	e = add(at(day, 6.5), v, atk_ip(45, 147, BER, 24940), A_HOME, C_LINUX, 500121, 1);
	e->mfa = MFA_FRAUD;
	/* impossible travel: the office, then Sydney 40 minutes later */
	v = victim();
	add(at(day, 9 - tz(v->office)), v, office_ip[v->office][0], A_HOME, v->mac ? C_SAFARI : C_EDGE, 0, 1)->mfa = MFA_CLAIM;
	add(at(day, 9 - tz(v->office)) + 2400, v, atk_ip(1, 145, SYD, 1221), A_HOME, C_LINUX, 0, 1)->mfa = MFA_DONE;
	/* device-code phishing: the code entered for the attacker, the session used twice */
	v = victim();
	const char *ds = new_session();
	e = add(at(day, 10), v, atk_ip(20, 81, ASH, 8075), A_BROKER, C_LINUX, 0, 1);
	e->protocol = "deviceCode";
	e->mfa = MFA_DONE;
	e->session = ds;
	e = add(at(day, 10) + 900, v, atk_ip(20, 82, ASH, 8075), A_OFFICE, C_LINUX, 0, 0);
	e->mfa = MFA_CLAIM;
	e->session = ds;
	/* a replayed session: the user's laptop, then the same session from another network and machine */
	v = victim();
	const char *rs = new_session();
	e = add(at(day, 11 - tz(v->office)), v, office_ip[v->office][1], A_HOME, v->mac ? C_SAFARI : C_EDGE, 0, 1);
	e->mfa = MFA_DONE;
	e->device = v->laptop;
	e->session = rs;
	e = add(at(day, 11 - tz(v->office)) + 1200, v, atk_ip(185, 221, MOW, 9009), A_OFFICE, C_LINUX, 0, 0);
	e->mfa = MFA_CLAIM;
	e->session = rs;
	/* Microsoft's verdict: high risk */
	v = victim();
	e = add(at(day, 13), v, atk_ip(185, 222, MOW, 9009), A_HOME, C_LINUX, 0, 1);
	e->mfa = MFA_DONE;
	e->risk = 3;
	/* reconnaissance with AzureHound, and a BAV2ROPC legacy sign-in from outside */
	v = victim();
	add(at(day, 14), v, atk_ip(5, 188, FRA, 51167), A_BROKER, C_AZUREHOUND, 0, 0)->mfa = MFA_SINGLE;
	v = victim();
	e = add(at(day, 15), v, atk_ip(5, 189, FRA, 51167), A_EXO, C_SMTP, 0, 1);
	e->mfa = MFA_SINGLE;
	e->protocol = "ropc";
}

/* ---- output --------------------------------------------------------------------------------- */

static void put_time(FILE *f, int64_t t)
{
	int64_t days = t / 86400, sod = t % 86400;
	/* civil from days (H. Hinnant) */
	int64_t z = days + 719468, era = z / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	int64_t y = (int64_t)yoe + era * 400 + (m <= 2);
	fprintf(f, "%04d-%02u-%02uT%02d:%02d:%02dZ", (int)y, m, d, (int)(sod / 3600), (int)(sod / 60 % 60), (int)(sod % 60));
}

static const char *reason_of(int code)
{
	switch (code) {
	case 0: return "Other.";
	case 50126: return "Error validating credentials due to invalid username or password.";
	case 50053: return "The account is locked, you've tried to sign in too many times with an incorrect user ID or password.";
	case 50074: return "Strong Authentication is required.";
	case 500121: return "Authentication failed during strong authentication request.";
	case 50055: return "The password is expired.";
	default: return "Other.";
	}
}

static void put_event(FILE *f, const struct ev *e)
{
	char id[40], corr[40];
	const struct client *c = &clients[e->client];
	const struct app *a = &apps[e->app];
	const struct ip *ip = e->ip >= 0 ? &ips[e->ip] : NULL;
	const char *add_detail = NULL, *step2 = NULL;
	int ok2 = 0;
	guid(id);
	guid(corr);
	fprintf(f, "{\"id\":\"%s\",\"createdDateTime\":\"", id);
	put_time(f, e->t);
	fprintf(f, "\",\"userDisplayName\":\"%s\",\"userPrincipalName\":\"%s\",\"userId\":\"%s\",\"userType\":\"member\","
	        "\"appId\":\"%s\",\"appDisplayName\":\"%s\",\"resourceDisplayName\":\"%s\",\"resourceId\":\"%s\",",
	        e->name, e->upn, e->uid, a->id, a->name, a->res, a->resid);
	if (ip)
		fprintf(f, "\"ipAddress\":\"%s\",\"autonomousSystemNumber\":%u,", ip->text, ip->asn);
	else
		fprintf(f, "\"ipAddress\":\"2a02:a46b:%x:%x::%x\",", rn(0xffff), rn(0xffff), rn(0xffff));
	fprintf(f, "\"clientAppUsed\":\"%s\",\"userAgent\":\"%s\",\"correlationId\":\"%s\",\"isInteractive\":%s,"
	        "\"signInEventTypes\":[\"%s\"],\"authenticationProtocol\":\"%s\",\"originalTransferMethod\":\"none\",",
	        c->client_app, c->ua, corr, e->interactive ? "true" : "false",
	        e->interactive ? "interactiveUser" : "nonInteractiveUser", e->protocol);
	if (e->session)
		fprintf(f, "\"sessionId\":\"%s\",", e->session);
	switch (e->mfa) {
	case MFA_CLAIM: add_detail = "MFA requirement satisfied by claim in the token"; break;
	case MFA_DONE: add_detail = "MFA successfully completed"; step2 = "MFA successfully completed"; ok2 = 1; break;
	case MFA_PROMPT: add_detail = "MFA required in Azure AD"; step2 = "MFA required in Azure AD"; break;
	case MFA_DENY: add_detail = "MFA denied; user declined the authentication"; step2 = add_detail; break;
	case MFA_NORESP: add_detail = "MFA denied; user did not respond to mobile app notification"; step2 = add_detail; break;
	case MFA_FRAUD: add_detail = "MFA denied; Phone App Reported Fraud"; step2 = add_detail; break;
	default: break;
	}
	fprintf(f, "\"authenticationRequirement\":\"%s\",\"conditionalAccessStatus\":\"%s\",",
	        e->mfa == MFA_SINGLE || e->mfa == MFA_NONE ? "singleFactorAuthentication" : "multiFactorAuthentication",
	        e->code == 0 ? "success" : "notApplied");
	fprintf(f, "\"status\":{\"errorCode\":%d,\"failureReason\":\"%s\",\"additionalDetails\":", e->code,
	        e->reason ? e->reason : reason_of(e->code));
	if (add_detail)
		fprintf(f, "\"%s\"},", add_detail);
	else
		fputs("null},", f);
	fprintf(f, "\"deviceDetail\":{\"deviceId\":\"%s\",\"operatingSystem\":\"%s\",\"browser\":\"%s\",\"isCompliant\":%s,"
	        "\"isManaged\":%s,\"trustType\":\"%s\"},",
	        e->device ? e->device : "", c->os, c->browser, e->device ? "true" : "false", e->device ? "true" : "false",
	        e->device ? "Azure AD joined" : "");
	if (ip) {
		const struct city *ct = &cities[ip->city];
		fprintf(f, "\"location\":{\"city\":\"%s\",\"state\":\"%s\",\"countryOrRegion\":\"%s\",\"geoCoordinates\":"
		        "{\"latitude\":%.4f,\"longitude\":%.4f}},", ct->name, ct->state, ct->cc, ct->lat, ct->lon);
	} else {
		fputs("\"location\":{\"city\":\"\",\"state\":\"\",\"countryOrRegion\":\"ZZ\",\"geoCoordinates\":"
		      "{\"latitude\":0.0,\"longitude\":0.0}},", f);
	}
	static const char *const lvl[] = { "none", "low", "medium", "high" };
	fprintf(f, "\"riskLevelDuringSignIn\":\"%s\",\"riskState\":\"%s\",\"riskLevelAggregated\":\"%s\",\"riskDetail\":\"none\","
	        "\"riskEventTypes_v2\":[%s],",
	        lvl[e->risk], e->risk ? "atRisk" : "none", lvl[e->risk], e->risk == 3 ? "\"anonymizedIPAddress\"" : e->risk ? "\"unfamiliarFeatures\"" : "");
	/* the authentication steps: the password (or an earlier token), then MFA */
	fputs("\"authenticationDetails\":[", f);
	if (e->code == 50126 || e->code == 50053)
		fputs("{\"authenticationMethod\":\"Password\",\"succeeded\":false,\"authenticationStepResultDetail\":"
		      "\"Invalid username or password or Invalid on-premise username or password.\","
		      "\"authenticationStepRequirement\":\"Primary authentication\"}", f);
	else if (!e->interactive || e->mfa == MFA_CLAIM)
		fputs("{\"authenticationMethod\":\"Previously satisfied\",\"succeeded\":true,\"authenticationStepResultDetail\":"
		      "\"First factor requirement satisfied by claim in the token\",\"authenticationStepRequirement\":\"Primary authentication\"}", f);
	else
		fputs("{\"authenticationMethod\":\"Password\",\"succeeded\":true,\"authenticationStepResultDetail\":\"Correct password\","
		      "\"authenticationStepRequirement\":\"Primary authentication\"}", f);
	if (step2 && e->interactive)
		fprintf(f, ",{\"authenticationMethod\":\"Mobile app notification\",\"succeeded\":%s,\"authenticationStepResultDetail\":"
		        "\"%s\",\"authenticationStepRequirement\":\"Multi-factor authentication\"}", ok2 ? "true" : "false", step2);
	fputs("]}\n", f);
}

static int by_time(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;
	return (x->t > y->t) - (x->t < y->t);
}

int main(int argc, char **argv)
{
	int attacks = 0;
	uint64_t seed = 1;
	nusers = 400;
	ndays = 30;
	for (int i = 1; i < argc; i++) {
		if (i + 1 < argc && strcmp(argv[i], "--users") == 0)
			nusers = atoi(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "--days") == 0)
			ndays = atoi(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "--seed") == 0)
			seed = strtoull(argv[++i], NULL, 10);
		else if (i + 1 < argc && strcmp(argv[i], "--attacks") == 0)
			attacks = atoi(argv[++i]);
		else {
			fprintf(stderr, "usage: traffic [--users N] [--days D] [--seed S] [--attacks K]\n");
			return 2;
		}
	}
	if (nusers < 20 || ndays < 1) {
		fprintf(stderr, "traffic: at least 20 users and 1 day\n");
		return 2;
	}
	state = seed;
	day0 = 20514LL * 86400;   /* 2026-03-02, a Monday */
	build_networks();
	build_users();
	snprintf(scanners[0].upn, sizeof scanners[0].upn, "scanner-ams@contoso.com");
	snprintf(scanners[1].upn, sizeof scanners[1].upn, "scanner-lon@contoso.com");
	snprintf(script.upn, sizeof script.upn, "svc-reporting@contoso.com");
	snprintf(scanners[0].name, sizeof scanners[0].name, "Scanner Amsterdam");
	snprintf(scanners[1].name, sizeof scanners[1].name, "Scanner London");
	snprintf(script.name, sizeof script.name, "Reporting service");
	guid(scanners[0].id);
	guid(scanners[1].id);
	guid(script.id);
	/* one day at a time, in time order */
	for (int day = 0; day < ndays; day++) {
		nev = 0;
		for (int i = 0; i < nusers; i++)
			day_of(&users[i], day);
		service_day(day);
		if (attacks && day % 7 == 3 && (day - 3) / 7 < attacks)
			attack(day);
		qsort(evs, nev, sizeof *evs, by_time);
		for (size_t k = 0; k < nev; k++)
			put_event(stdout, &evs[k]);
	}
	for (size_t k = 0; k < nblocks; k++)
		free(blocks[k]);
	free(blocks);
	free(evs);
	free(users);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("traffic: write");
		return 1;
	}
	return 0;
}
