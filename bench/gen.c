/* gen.c — synthetic Microsoft Graph beta signIn records for the signlog benchmark.
 *
 * usage: gen [--records N] [--seed S] [--shape jsonl|diag|array|csv] > FILE
 *
 *   jsonl  one bare Graph beta signIn object per line (collection tools, Graph pages unwrapped)
 *   diag   one diagnostic-settings envelope per line, the sign-in under "properties"
 *          (storage-account PT1H.json / Event Hub record form)
 *   array  one single-line top-level JSON array (Entra admin center "Download -> JSON")
 *   csv    an Entra admin center "Download -> CSV" InteractiveSignIns file: UTF-8 BOM, the
 *          57-column header, CRLF, every cell quoted; every record an interactive user sign-in
 *          (save it as InteractiveSignIns_<from>_<to>.csv: readers take the event type from
 *          the name)
 *
 * Output is deterministic for a given (records, seed, shape): the generator has its own PRNG
 * (splitmix64) and never reads the clock or the environment. The average record size is printed
 * on stderr. C11, libc only; build with `cc -std=c11 -O2 -o gen gen.c`.
 *
 * Mix (see bench/README.md): ~5,000 users (Zipf-like), 40 apps, 25 resources, ~20,000 IPs in
 * 30 countries, ~200 user agents; 90 days of 2026 in order with jitter; ~85% success, ~10%
 * failure, ~5% interrupted; ~81% interactive, ~15% non-interactive, ~3% service principal,
 * ~1% managed identity; ~2% of user sign-ins use a legacy client.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- PRNG */

static uint64_t rng_state;

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rnd(void) { return splitmix64(&rng_state); }

/* Uniform in [0, n) (n small; the modulo bias is irrelevant here). */
static uint32_t rn(uint32_t n) { return (uint32_t)((rnd() >> 32) * n >> 32); }

/* Uniform in [0, 1). */
static double rf(void) { return (double)(rnd() >> 11) * (1.0 / 9007199254740992.0); }

/* true with probability p. */
static int chance(double p) { return rf() < p; }

/* ---------------------------------------------------------------- output */

#define OCAP (8u << 20)
#define OSLACK (256u << 10) /* more than any one record */

static char *obuf;
static char *w;
static unsigned long long total_bytes;

static void oflush(void)
{
	size_t n = (size_t)(w - obuf);
	if (n && fwrite(obuf, 1, n, stdout) != n) {
		perror("gen: write");
		exit(1);
	}
	total_bytes += n;
	w = obuf;
}

static void oreserve(void)
{
	if ((size_t)(w - obuf) > OCAP - OSLACK)
		oflush();
}

#define LIT(s) (memcpy(w, (s), sizeof(s) - 1), w += sizeof(s) - 1)

static void put(const char *s, size_t n)
{
	memcpy(w, s, n);
	w += n;
}

typedef struct {
	const char *s; /* already JSON-escaped, no quotes */
	size_t n;
} str;

static void puts_(str s) { put(s.s, s.n); }

/* "value" */
static void putq(str s)
{
	*w++ = '"';
	put(s.s, s.n);
	*w++ = '"';
}

static void putu(uint64_t v)
{
	char t[24];
	int i = 0;
	do {
		t[i++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (i)
		*w++ = t[--i];
}

static void put2(unsigned v)
{
	*w++ = (char)('0' + v / 10);
	*w++ = (char)('0' + v % 10);
}

static const char hexd[] = "0123456789abcdef";

/* Lower-case version-4 GUID from 128 random bits (no quotes), into 36 bytes at p. */
static void guid_at(char *p, uint64_t a, uint64_t b)
{
	a = (a & ~0xf000ULL) | 0x4000ULL;
	b = (b & ~(0xcULL << 60)) | (0x8ULL << 60);
	int k = 0;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			p[k++] = '-';
		uint64_t x = i < 8 ? a >> (56 - 8 * i) : b >> (56 - 8 * (i - 8));
		p[k++] = hexd[(x >> 4) & 15];
		p[k++] = hexd[x & 15];
	}
}

/* ---------------------------------------------------------------- arena of generated strings */

static char *arena;
static size_t arena_len, arena_cap;

static str sdup(const char *s, size_t n)
{
	if (arena_len + n + 1 > arena_cap) {
		arena_cap = 1u << 20;
		arena = malloc(arena_cap);
		arena_len = 0;
		if (!arena) {
			perror("gen");
			exit(1);
		}
	}
	char *p = arena + arena_len;
	memcpy(p, s, n);
	p[n] = 0;
	arena_len += n + 1;
	return (str){ p, n };
}

static str S(const char *s) { return (str){ s, strlen(s) }; }

static str sguid(void)
{
	char g[36];
	guid_at(g, rnd(), rnd());
	return sdup(g, 36);
}

/* ---------------------------------------------------------------- time */

#define T100NS 10000000LL

/* Days since 1970-01-01 to civil date (H. Hinnant's algorithm). */
static void civil(int64_t z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = (int64_t)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (*m <= 2));
}

/* YYYY-MM-DDThh:mm:ss.fffffff then "Z" (offset 0) or "+00:00" (offset 1), or
 * YYYY-MM-DDThh:mm:ssZ without the fraction (offset 2, the portal CSV); no quotes; t in 100 ns
 * ticks. */
static void puttime(int64_t t, int offset)
{
	int64_t secs = t / T100NS;
	unsigned frac = (unsigned)(t % T100NS);
	int64_t days = secs / 86400;
	unsigned sod = (unsigned)(secs % 86400);
	int y;
	unsigned m, d;
	civil(days, &y, &m, &d);
	put2((unsigned)y / 100);
	put2((unsigned)y % 100);
	*w++ = '-';
	put2(m);
	*w++ = '-';
	put2(d);
	*w++ = 'T';
	put2(sod / 3600);
	*w++ = ':';
	put2(sod / 60 % 60);
	*w++ = ':';
	put2(sod % 60);
	if (offset == 2) {
		*w++ = 'Z';
		return;
	}
	*w++ = '.';
	for (int i = 6; i >= 0; i--) {
		w[i] = (char)('0' + frac % 10);
		frac /= 10;
	}
	w += 7;
	if (offset)
		LIT("+00:00");
	else
		*w++ = 'Z';
}

/* ---------------------------------------------------------------- static tables */

struct city {
	const char *city, *state, *lat, *lon;
};
struct country {
	const char *cc;
	int weight;
	uint32_t asn[3];
	struct city c[4];
};

/* 30 countries; weight = share of the tenant's users living there. */
static const struct country countries[] = {
	{ "US", 300, { 7922, 7018, 701 }, { { "Seattle", "Washington", "47.60620117", "-122.33209991" }, { "New York", "New York", "40.71279907", "-74.00599670" }, { "Chicago", "Illinois", "41.87810135", "-87.62979889" }, { "Austin", "Texas", "30.26720047", "-97.74310303" } } },
	{ "NL", 160, { 1136, 33915, 9143 }, { { "Amsterdam", "Noord-Holland", "52.36759949", "4.90409994" }, { "Rotterdam", "Zuid-Holland", "51.92440033", "4.47769976" }, { "Utrecht", "Utrecht", "52.09069824", "5.12139988" } } },
	{ "DE", 110, { 3320, 3209, 6805 }, { { "München", "Bayern", "48.13510132", "11.58199978" }, { "Berlin", "Berlin", "52.52000046", "13.40499973" }, { "Frankfurt am Main", "Hessen", "50.11090088", "8.68210030" } } },
	{ "GB", 100, { 2856, 5089, 5607 }, { { "London", "England", "51.50740051", "-0.12780000" }, { "Manchester", "England", "53.48080063", "-2.24259996" }, { "Edinburgh", "Scotland", "55.95330048", "-3.18829989" } } },
	{ "FR", 40, { 3215, 12322, 15557 }, { { "Paris", "Ile-De-France", "48.85660172", "2.35220003" }, { "Lyon", "Auvergne-Rhone-Alpes", "45.76399994", "4.83570004" }, { "Champs-Sur-Marne", "Seine-Et-Marne", "48.85300064", "2.60299993" } } },
	{ "BR", 25, { 28573, 18881, 26599 }, { { "São Paulo", "Sao Paulo", "-23.55049896", "-46.63330078" }, { "Rio de Janeiro", "Rio De Janeiro", "-22.90679932", "-43.17290115" } } },
	{ "IN", 40, { 55836, 24560, 9829 }, { { "Hyderabad", "Telangana", "17.38500023", "78.48670197" }, { "Bengaluru", "Karnataka", "12.97159958", "77.59459686" }, { "Mumbai", "Maharashtra", "19.07600021", "72.87770081" } } },
	{ "JP", 15, { 2516, 4713, 17676 }, { { "Tokyo", "Tokyo", "35.67620087", "139.65029907" }, { "Osaka", "Osaka", "34.69369888", "135.50230408" } } },
	{ "AU", 12, { 1221, 7545, 4804 }, { { "Sydney", "New South Wales", "-33.86880112", "151.20930481" }, { "Melbourne", "Victoria", "-37.81359863", "144.96310425" } } },
	{ "CA", 20, { 577, 812, 6327 }, { { "Toronto", "Ontario", "43.65319824", "-79.38320160" }, { "Vancouver", "British Columbia", "49.28269958", "-123.12069702" }, { "Montréal", "Quebec", "45.50170135", "-73.56729889" } } },
	{ "ES", 15, { 3352, 12479, 12430 }, { { "Madrid", "Madrid", "40.41680145", "-3.70379996" }, { "Barcelona", "Catalunya", "41.38740158", "2.16860008" } } },
	{ "IT", 12, { 3269, 1267, 30722 }, { { "Milan", "Lombardia", "45.46419907", "9.19000053" }, { "Rome", "Lazio", "41.90280151", "12.49639988" } } },
	{ "SE", 10, { 3301, 1257, 8473 }, { { "Stockholm", "Stockholms Län", "59.32929993", "18.06859970" }, { "Göteborg", "Västra Götalands Län", "57.70890045", "11.97459984" } } },
	{ "PL", 12, { 5617, 12741, 6830 }, { { "Warsaw", "Mazowieckie", "52.22969818", "21.01219940" }, { "Kraków", "Malopolskie", "50.06470108", "19.94499969" } } },
	{ "BE", 12, { 5432, 6848, 12392 }, { { "Brussels", "Brussels Hoofdstedelijk Gewest", "50.85029984", "4.35169983" }, { "Antwerpen", "Antwerpen", "51.21939850", "4.40250015" } } },
	{ "CH", 8, { 3303, 6730, 13030 }, { { "Zürich", "Zurich", "47.37689972", "8.54170036" }, { "Geneva", "Geneve", "46.20439911", "6.14319992" } } },
	{ "IE", 10, { 5466, 6830, 15502 }, { { "Dublin", "Dublin", "53.34980011", "-6.26030016" }, { "Cork", "Cork", "51.89849854", "-8.47560024" } } },
	{ "SG", 8, { 9506, 4773, 7473 }, { { "Singapore", "Central Singapore", "1.35210001", "103.81980133" } } },
	{ "ZA", 6, { 3741, 37457, 36874 }, { { "Johannesburg", "Gauteng", "-26.20409966", "28.04730034" }, { "Cape Town", "Western Cape", "-33.92490005", "18.42410088" } } },
	{ "MX", 6, { 8151, 28403, 13999 }, { { "Mexico City", "Ciudad de México", "19.43260002", "-99.13320160" }, { "Guadalajara", "Jalisco", "20.65970039", "-103.34960175" } } },
	{ "NG", 2, { 29465, 36873, 37148 }, { { "Lagos", "Lagos", "6.52440023", "3.37920000" } } },
	{ "RU", 2, { 8359, 12389, 8402 }, { { "Moscow", "Moscow", "55.75579834", "37.61729813" } } },
	{ "CN", 2, { 4812, 4808, 4134 }, { { "Shanghai", "Shanghai", "31.23040009", "121.47370148" }, { "Beijing", "Beijing", "39.90420151", "116.40740204" } } },
	{ "KR", 4, { 4766, 9318, 3786 }, { { "Seoul", "Seoul", "37.56650162", "126.97799683" } } },
	{ "TR", 3, { 9121, 34984, 16135 }, { { "Istanbul", "Istanbul", "41.00820160", "28.97839928" } } },
	{ "AE", 3, { 5384, 15802, 8966 }, { { "Dubai", "Dubai", "25.20479965", "55.27080154" } } },
	{ "NO", 5, { 2119, 29695, 41164 }, { { "Oslo", "Oslo County", "59.91389847", "10.75220013" } } },
	{ "DK", 5, { 3292, 9009, 31027 }, { { "Copenhagen", "Capital Region", "55.67610168", "12.56830025" } } },
	{ "FI", 5, { 1759, 719, 16086 }, { { "Helsinki", "Uusimaa", "60.16989899", "24.93840027" } } },
	{ "VN", 3, { 7552, 45899, 18403 }, { { "Ho Chi Minh City", "Ho Chi Minh", "10.82310009", "106.62969971" } } },
};
#define NCOUNTRY ((int)(sizeof countries / sizeof countries[0]))

struct namedid {
	const char *name, *id; /* id NULL: generated (tenant-specific enterprise app) */
};

/* 40 client applications (first-party IDs where well known; enterprise apps get a generated id). */
static const struct namedid apps_src[] = {
	{ "Microsoft Office", "d3590ed6-52b3-4102-aeff-aad2292ab01c" },
	{ "Microsoft Teams", "1fec8e78-bce4-4aaf-ab1b-5451cc387264" },
	{ "Microsoft Teams Web Client", "5e3ce6c0-2b1f-4285-8d4b-75ee78787346" },
	{ "OfficeHome", "4765445b-32c6-49b0-83e6-1d93765276ca" },
	{ "Office365 Shell WCSS-Client", "89bee1f7-5e6e-4d8a-9f3d-ecd601259da7" },
	{ "Outlook Mobile", "27922004-5251-4030-b22d-91ecd9a37ea4" },
	{ "One Outlook Web", "9199bf20-a13f-4107-85dc-02114787ef48" },
	{ "Microsoft Authentication Broker", "29d9ed98-a469-4536-ade2-f981bc1d605e" },
	{ "Microsoft Edge", "ecd6b820-32c2-49b6-98a6-444530e5a77a" },
	{ "OneDrive SyncEngine", "ab9b8c07-8f02-4f72-87fa-80105867a763" },
	{ "Microsoft Azure CLI", "04b07795-8ddb-461a-bbee-02f9e1bf7b46" },
	{ "Microsoft Azure PowerShell", "1950a258-227b-4e31-a9cf-717495945fc2" },
	{ "Azure Portal", "c44b4083-3bb0-49c1-b47d-974e53cbdf3c" },
	{ "Microsoft Graph Command Line Tools", "14d82eec-204b-4c2f-b7e8-296a70dab67e" },
	{ "Graph Explorer", "de8bc8b5-d9f9-48b1-a8ad-b748da725064" },
	{ "Visual Studio", "872cd9fa-d31f-45e0-9eab-6e460a02d1f1" },
	{ "Windows Sign In", "38aa3b87-a06d-4817-b275-7a316988d93b" },
	{ "My Signins", "19db86c3-b2b9-44cc-b339-36da233a3be2" },
	{ "My Apps", "2793995e-0a7d-40d7-bd35-6968ba142197" },
	{ "My Profile", "8c59ead7-d703-4a27-9e55-c96a0054c8d2" },
	{ "Microsoft Intune Company Portal", "9ba1a5c7-f17a-4de9-a1f1-6178c8d51223" },
	{ "Microsoft Exchange REST API Based Powershell", "fb78d390-0c51-40cd-8e17-fdbfab77341b" },
	{ "Power BI Desktop", "7f67af8a-fedc-4b08-8b4e-37c4d127b6cf" },
	{ "Microsoft Power BI", "871c010f-5e61-4fb1-83ac-98610a7e9110" },
	{ "SharePoint Online Web Client Extensibility", "08e18876-6177-487e-b8b5-cf950c1e598c" },
	{ "Microsoft To-Do client", "22098786-6e16-43cc-a27d-191a01a1e3b5" },
	{ "Microsoft Whiteboard Client", "57336123-6e14-4acc-8dcf-287b6088aa28" },
	{ "Salesforce", NULL },
	{ "ServiceNow", NULL },
	{ "Workday", NULL },
	{ "Zoom", NULL },
	{ "Slack", NULL },
	{ "GitHub Enterprise Cloud - Organization", NULL },
	{ "AWS IAM Identity Center", NULL },
	{ "Atlassian Cloud", NULL },
	{ "Adobe Identity Management (OIDC)", NULL },
	{ "DocuSign", NULL },
	{ "Contoso HR Portal", NULL },
	{ "Contoso Expenses", NULL },
	{ "Fabrikam Partner Extranet", NULL },
};
#define NAPP ((int)(sizeof apps_src / sizeof apps_src[0]))

/* 25 resources. */
static const struct namedid res_src[] = {
	{ "Microsoft Graph", "00000003-0000-0000-c000-000000000000" },
	{ "Office 365 Exchange Online", "00000002-0000-0ff1-ce00-000000000000" },
	{ "Office 365 SharePoint Online", "00000003-0000-0ff1-ce00-000000000000" },
	{ "Windows Azure Service Management API", "797f4846-ba00-4fd7-ba43-dac1f8f63013" },
	{ "Windows Azure Active Directory", "00000002-0000-0000-c000-000000000000" },
	{ "Microsoft Teams Services", "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe" },
	{ "Skype for Business Online", "00000004-0000-0ff1-ce00-000000000000" },
	{ "Office 365 Management APIs", "c5393580-f805-4401-95e8-94b7a6ef2fc2" },
	{ "Azure Key Vault", "cfa8b339-82a2-471a-a3c9-0fc0be7a4093" },
	{ "Azure Storage", "e406a681-f3d4-42a8-90b6-c2b029497af1" },
	{ "Power BI Service", "00000009-0000-0000-c000-000000000000" },
	{ "Microsoft Intune", "0000000a-0000-0000-c000-000000000000" },
	{ "Device Registration Service", "01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9" },
	{ "Azure DevOps", "499b84ac-1321-427f-aa17-267ca6975798" },
	{ "Microsoft Substrate Management", NULL },
	{ "OfficeHome", "4765445b-32c6-49b0-83e6-1d93765276ca" },
	{ "My Apps", "2793995e-0a7d-40d7-bd35-6968ba142197" },
	{ "Salesforce", NULL },
	{ "ServiceNow", NULL },
	{ "Workday", NULL },
	{ "Zoom", NULL },
	{ "Slack", NULL },
	{ "AWS IAM Identity Center", NULL },
	{ "Contoso HR API", NULL },
	{ "Contoso Expenses API", NULL },
};
#define NRES ((int)(sizeof res_src / sizeof res_src[0]))

/* App -> the resource it usually asks for (index into res_src), -1 = any Microsoft one. */
static const int app_res[NAPP] = {
	-1, 5, 5, 15, 15, 1, 1, 0, 0, 2, 3, 3, 3, 0, 0, 13, 4, 0, 16, 0,
	11, 1, 10, 10, 2, 0, 0, 17, 18, 19, 20, 21, -1, 22, -1, -1, -1, 23, 24, -1,
};

static const char *const first_names[] = {
	"Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas", "Sophie", "Daan", "Mila", "Sem", "Julia",
	"Finn", "Anna", "Jan", "Eva", "Thomas", "Sarah", "Michael", "Laura", "David", "Lisa",
	"James", "Maria", "Robert", "Linda", "Pieter", "Fatima", "Mohammed", "Priya", "Rahul",
	"Wei", "Yuki", "Hiroshi", "Carlos", "Ana", "João", "Zoë", "Chloé", "Søren", "Ingrid",
	"Lars", "Klaus", "Jürgen", "Björn", "Agnieszka", "Piotr", "Aisha", "Kwame", "Olga",
	"Dmitri", "Elena", "Marco", "Giulia", "Sean", "Niamh", "Grace", "Ethan", "Chen", "Amir",
	"Noor",
};
static const char *const first_ascii[] = {
	"emma", "liam", "olivia", "noah", "ava", "lucas", "sophie", "daan", "mila", "sem", "julia",
	"finn", "anna", "jan", "eva", "thomas", "sarah", "michael", "laura", "david", "lisa",
	"james", "maria", "robert", "linda", "pieter", "fatima", "mohammed", "priya", "rahul",
	"wei", "yuki", "hiroshi", "carlos", "ana", "joao", "zoe", "chloe", "soren", "ingrid",
	"lars", "klaus", "jurgen", "bjorn", "agnieszka", "piotr", "aisha", "kwame", "olga",
	"dmitri", "elena", "marco", "giulia", "sean", "niamh", "grace", "ethan", "chen", "amir",
	"noor",
};
static const char *const last_names[] = {
	"de Vries", "Jansen", "Bakker", "Visser", "Smit", "Smith", "Johnson", "Williams", "Brown",
	"Jones", "Garcia", "Miller", "Davis", "Müller", "Schmidt", "Schneider", "Fischer", "Weber",
	"Dubois", "Martin", "Bernard", "Rossi", "Russo", "Kowalski", "Nowak", "Novák", "Andersson",
	"Johansson", "Nielsen", "Hansen", "O'Brien", "Murphy", "Kelly", "Patel", "Sharma", "Singh",
	"Kumar", "Wang", "Li", "Zhang", "Tanaka", "Sato", "Suzuki", "Kim", "Park", "Silva",
	"Santos", "Oliveira", "González", "Rodríguez", "López", "Ivanov", "Petrova", "Okafor",
	"Mensah", "Haddad", "Cohen", "Yilmaz", "Nguyen", "van den Berg",
};
static const char *const last_ascii[] = {
	"devries", "jansen", "bakker", "visser", "smit", "smith", "johnson", "williams", "brown",
	"jones", "garcia", "miller", "davis", "muller", "schmidt", "schneider", "fischer", "weber",
	"dubois", "martin", "bernard", "rossi", "russo", "kowalski", "nowak", "novak", "andersson",
	"johansson", "nielsen", "hansen", "obrien", "murphy", "kelly", "patel", "sharma", "singh",
	"kumar", "wang", "li", "zhang", "tanaka", "sato", "suzuki", "kim", "park", "silva",
	"santos", "oliveira", "gonzalez", "rodriguez", "lopez", "ivanov", "petrova", "okafor",
	"mensah", "haddad", "cohen", "yilmaz", "nguyen", "vandenberg",
};
#define NFIRST ((int)(sizeof first_names / sizeof first_names[0]))
#define NLAST ((int)(sizeof last_names / sizeof last_names[0]))

static const char *const guest_domains[] = { "fabrikam.com", "northwindtraders.com", "adatum.com", "gmail.com", "outlook.com", "tailspintoys.com" };

static const char *const mfa_methods[] = {
	"Mobile app notification", "Mobile app notification", "Mobile app notification",
	"OATH verification code", "Text message", "Phone call approval (Authentication phone)",
	"FIDO2 security key", "Windows Hello for Business", "Passkey (Microsoft Authenticator)",
};
#define NMFA ((int)(sizeof mfa_methods / sizeof mfa_methods[0]))

struct capol {
	const char *name, *grant, *sess; /* grant/sess: JSON array bodies, pre-escaped */
	int report_only, blocks;
};
static const struct capol capols_src[] = {
	{ "Require MFA for all users", "\"Mfa\"", "", 0, 0 },
	{ "Block legacy authentication", "\"Block\"", "", 0, 1 },
	{ "Admins: require compliant device", "\"RequireCompliantDevice\",\"RequireDomainJoinedDevice\"", "", 0, 0 },
	{ "Sign-in frequency 12h, unmanaged", "", "\"SignInFrequency\"", 0, 0 },
	{ "Block untrusted countries", "\"Block\"", "", 0, 1 },
	{ "Require MFA for Azure management", "\"Mfa\"", "", 0, 0 },
	{ "Guests: terms of use and MFA", "\"Mfa\",\"Terms of Use\"", "", 0, 0 },
	{ "Disable persistent browser sessions", "", "\"PersistentBrowserSessionMode\",\"SignInFrequency\"", 0, 0 },
	{ "Mobile: app protection policy", "\"RequireApprovedApp\",\"RequireCompliantApp\"", "", 0, 0 },
	{ "[Report-only] Phishing-resistant MFA", "\"Mfa\"", "", 1, 0 },
	{ "High user risk: password change", "\"Mfa\",\"PasswordChange\"", "", 0, 0 },
	{ "Microsoft-managed: MFA for admins", "\"Mfa\"", "", 1, 0 },
	{ "SharePoint: app enforced restrictions", "", "\"AppEnforcedRestrictions\"", 0, 0 },
};
#define NCAP ((int)(sizeof capols_src / sizeof capols_src[0]))

struct code {
	int code;
	int weight;
	const char *reason, *details; /* details may be NULL */
};
static const struct code fail_codes[] = {
	{ 50126, 40, "Error validating credentials due to invalid username or password.", "The user didn't enter the right credentials. It's expected to see some number of these errors in your logs due to users making mistakes." },
	{ 50053, 6, "The account is locked, you've tried to sign in too many times with an incorrect user ID or password.", "Account is locked because user tried to sign in too many times with an incorrect user ID or password." },
	{ 50057, 5, "The user account is disabled.", "The user object in Active Directory backing this account has been disabled. An admin can re-enable this account through PowerShell." },
	{ 53003, 12, "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.", "If this is unexpected, see the conditional access policy that applied to this request in the Azure Portal." },
	{ 70044, 8, "The session has expired or is invalid due to sign-in frequency checks by conditional access.", NULL },
	{ 50173, 8, "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.", "The grant was issued earlier than the last password change or reset. The user must sign in again." },
	{ 500121, 9, "Authentication failed during strong authentication request.", "The user didn't complete the MFA prompt. They may have decided not to authenticate, timed out while doing other work, or has an issue with their authentication setup." },
	{ 90094, 3, "Admin consent is required for the permissions requested by this application.", NULL },
	{ 50034, 9, "The user account does not exist in the directory. To sign into this application, the account must be added to the directory.", "The user account doesn't exist in the directory. An application or user may be signing in with a stale account name." },
};
#define NFAIL ((int)(sizeof fail_codes / sizeof fail_codes[0]))
static const struct code sp_fail = { 7000215, 1, "Invalid client secret is provided.", "The client secret provided by the application was wrong, expired or the application is using the secret identifier instead of the secret value." };

static const struct code int_codes[] = {
	{ 50074, 30, "Strong Authentication is required.", "The user is being prompted for MFA." },
	{ 50140, 30, "This error occurred due to 'Keep me signed in' interrupt when the user was signing-in.", "This is an expected part of the login flow, where a user is asked if they want to remain signed into this browser to make further logins easier." },
	{ 50072, 6, "Users needs to enroll for second factor authentication (interactive).", NULL },
	{ 16000, 10, "Either multiple user identities are available for the current request or selected account is not supported for the scenario.", NULL },
	{ 50199, 8, "For security reasons, user confirmation is required for this request. Please repeat the request allowing user interaction.", NULL },
	{ 65001, 8, "The user or administrator has not consented to use the application. Send an interactive authorization request for this user and resource.", NULL },
	{ 81010, 8, "Seamless SSO failed because the user's Kerberos ticket has expired or is invalid.", NULL },
};
#define NINT ((int)(sizeof int_codes / sizeof int_codes[0]))

static const char *const scope_sets[] = {
	"[\\\"openid\\\",\\\"profile\\\",\\\"email\\\",\\\"offline_access\\\"]",
	"[\\\"User.Read\\\",\\\"openid\\\",\\\"profile\\\"]",
	"[\\\"user_impersonation\\\"]",
	"[\\\"Mail.ReadWrite\\\",\\\"Mail.Send\\\",\\\"Calendars.ReadWrite\\\",\\\"Contacts.ReadWrite\\\",\\\"offline_access\\\"]",
	"[\\\"Files.ReadWrite.All\\\",\\\"Sites.ReadWrite.All\\\",\\\"offline_access\\\"]",
	"[\\\"AllSites.Write\\\",\\\"MyFiles.Write\\\"]",
	"[\\\"Directory.Read.All\\\",\\\"Group.Read.All\\\",\\\"User.Read.All\\\"]",
	"[\\\"https://outlook.office.com/EWS.AccessAsUser.All\\\"]",
	"",
};
#define NSCOPE ((int)(sizeof scope_sets / sizeof scope_sets[0]))

/* ---------------------------------------------------------------- user agents */

struct ua {
	str ua, browser, os;
	int mobile;
};
#define NUA_MAX 256
static struct ua uas[NUA_MAX];
static int nua;
static int ua_legacy[8], nua_legacy;

static void add_ua(const char *ua, const char *browser, const char *os, int mobile)
{
	if (nua >= NUA_MAX)
		return;
	uas[nua].ua = sdup(ua, strlen(ua));
	uas[nua].browser = sdup(browser, strlen(browser));
	uas[nua].os = sdup(os, strlen(os));
	uas[nua].mobile = mobile;
	nua++;
}

static void build_uas(void)
{
	char u[512], b[64];
	/* Chrome / Edge / Firefox on Windows and macOS; Safari on iOS/macOS; Chrome on Android. */
	for (int v = 0; v < 18; v++) {
		int cv = 118 + v;
		snprintf(u, sizeof u, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.0.0 Safari/537.36", cv);
		snprintf(b, sizeof b, "Chrome %d.0.0", cv);
		add_ua(u, b, "Windows10", 0);
		snprintf(u, sizeof u, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.0.0 Safari/537.36 Edg/%d.0.%d.%d", cv, cv, 2000 + 17 * v, 40 + v);
		snprintf(b, sizeof b, "Edge %d.0.%d", cv, 2000 + 17 * v);
		add_ua(u, b, "Windows10", 0);
		snprintf(u, sizeof u, "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.0.0 Safari/537.36", cv);
		snprintf(b, sizeof b, "Chrome %d.0.0", cv);
		add_ua(u, b, "MacOs", 0);
		snprintf(u, sizeof u, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:%d.0) Gecko/20100101 Firefox/%d.0", cv - 4, cv - 4);
		snprintf(b, sizeof b, "Firefox %d.0", cv - 4);
		add_ua(u, b, "Windows10", 0);
		snprintf(u, sizeof u, "Mozilla/5.0 (Linux; Android %d; SM-S9%02dB) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.0.0 Mobile Safari/537.36", 12 + v % 3, 10 + v, cv);
		snprintf(b, sizeof b, "Chrome Mobile %d.0.0", cv);
		add_ua(u, b, "Android", 1);
	}
	for (int v = 0; v < 16; v++) {
		int major = 16 + v / 6, minor = v % 6;
		snprintf(u, sizeof u, "Mozilla/5.0 (iPhone; CPU iPhone OS %d_%d like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/%d.%d Mobile/15E148 Safari/604.1", major, minor, major, minor);
		snprintf(b, sizeof b, "Mobile Safari %d.%d", major, minor);
		add_ua(u, b, "Ios", 1);
		snprintf(u, sizeof u, "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/%d.%d Safari/605.1.15", major, minor);
		snprintf(b, sizeof b, "Safari %d.%d", major, minor);
		add_ua(u, b, "MacOs", 0);
	}
	for (int v = 0; v < 24; v++) {
		snprintf(u, sizeof u, "Mozilla/4.0 (compatible; ms-office; MSOffice 16) Microsoft Outlook 16.0.%d; Pro", 17328 + 101 * v);
		snprintf(b, sizeof b, "Rich Client 4.%d.0.0", 55 + v % 8);
		add_ua(u, b, "Windows10", 0);
		snprintf(u, sizeof u, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0 Teams/24%03d.%d.%d.%d", 100 + v * 7, 3000 + v, 2 + v % 3, 1000 + v * 13);
		snprintf(b, sizeof b, "Rich Client 5.%d.0.0", v % 5);
		add_ua(u, b, "Windows10", 0);
		snprintf(u, sizeof u, "Outlook-iOS/2.0 (iOS %d.%d; Microsoft Outlook 4.24%02d.0)", 16 + v % 3, v % 6, 10 + v);
		snprintf(b, sizeof b, "Rich Client 4.24%02d.0.0", 10 + v);
		add_ua(u, b, "Ios", 1);
	}
	/* A vendor agent whose user agent carries a quoted product name (escaped quote). */
	add_ua("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 \\\"Contoso SSO Agent\\\" 3.2", "Chrome 126.0.0", "Windows10", 0);
	add_ua("Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.22631; en-US) PowerShell/7.4.6", "Rich Client 2.67.0.0", "Windows10", 0);
	add_ua("azsdk-python-identity/1.19.0 Python/3.12.7 (Linux-6.8.0-1017-azure-x86_64-with-glibc2.39)", "Python Requests 2.32", "Linux", 0);
	add_ua("Windows-AzureAD-Authentication-Provider/1.0", "IE 7.0", "Windows10", 0);
	/* Legacy-protocol clients. */
	ua_legacy[nua_legacy++] = nua;
	add_ua("BAV2ROPC", "", "", 0);
	ua_legacy[nua_legacy++] = nua;
	add_ua("Android-Mail/2024.03.17.618451291.Release", "", "Android", 1);
	ua_legacy[nua_legacy++] = nua;
	add_ua("Apple-iPhone15C2/2104.4", "", "Ios", 1);
	ua_legacy[nua_legacy++] = nua;
	add_ua("Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.4266; Pro)", "", "Windows10", 0);
}

/* ---------------------------------------------------------------- tenant: users, IPs, ... */

#define NUSER 5000
#define NIP 25000
#define NOFFICE 24
#define NSP 10
#define NMI 5

struct ip {
	str s;
	uint16_t country, city;
	uint32_t asn;
};
static struct ip ips[NIP];
static uint32_t *ips_by_country[NCOUNTRY];
static uint32_t nips_by_country[NCOUNTRY];

struct user {
	str name, upn, id, device_id, device_name, home_tenant, home_tenant_name;
	uint32_t ip_home[2], ip_mobile[2], office;
	uint16_t ua_desktop, ua_mobile;
	uint8_t guest, mfa, trust, managed, compliant, admin;
};
static struct user users[NUSER];
static double user_cdf[NUSER];

struct sp {
	str name, app_id, sp_id, key_id;
	int res;
	int cred; /* 0 secret, 1 certificate, 2 federated */
	uint32_t ip;
};
static struct sp sps[NSP];

struct mi {
	str name, app_id, sp_id, resource;
	int res, user_assigned;
};
static struct mi mis[NMI];

static str app_name[NAPP], app_id[NAPP];
static str res_name[NRES], res_id[NRES], res_spid[NRES];
static str cap_id[NCAP], cap_name[NCAP];
static str tenant_id, partner_tenant[6];
static uint32_t office_ip[NOFFICE];
static double app_cdf[NAPP];

static int pick_country(void)
{
	int tot = 0;
	for (int i = 0; i < NCOUNTRY; i++)
		tot += countries[i].weight;
	int r = (int)rn((uint32_t)tot);
	for (int i = 0; i < NCOUNTRY; i++) {
		r -= countries[i].weight;
		if (r < 0)
			return i;
	}
	return 0;
}

static int ncities(int c)
{
	int n = 0;
	while (n < 4 && countries[c].c[n].city)
		n++;
	return n;
}

static uint32_t ip_in_country(int c)
{
	if (nips_by_country[c] == 0)
		return rn(NIP);
	return ips_by_country[c][rn(nips_by_country[c])];
}

static int cdf_pick(const double *cdf, int n)
{
	double r = rf() * cdf[n - 1];
	int lo = 0, hi = n - 1;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (cdf[mid] > r)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static void build_tenant(void)
{
	char t[512];
	tenant_id = sguid();
	for (int i = 0; i < 6; i++)
		partner_tenant[i] = sguid();

	for (int i = 0; i < NAPP; i++) {
		app_name[i] = S(apps_src[i].name);
		app_id[i] = apps_src[i].id ? S(apps_src[i].id) : sguid();
	}
	double acc = 0;
	for (int i = 0; i < NAPP; i++) {
		acc += 1.0 / (1.0 + 0.35 * i);
		app_cdf[i] = acc;
	}
	for (int i = 0; i < NRES; i++) {
		res_name[i] = S(res_src[i].name);
		res_id[i] = res_src[i].id ? S(res_src[i].id) : sguid();
		res_spid[i] = sguid();
	}
	for (int i = 0; i < NCAP; i++) {
		cap_id[i] = sguid();
		cap_name[i] = S(capols_src[i].name);
	}

	/* IPs: each belongs to one country (by weight) and city. ~8% IPv6. */
	for (int i = 0; i < NIP; i++) {
		int c = i < NOFFICE ? (int)(i % 4) : pick_country();
		int n;
		if (chance(0.08))
			n = snprintf(t, sizeof t, "2a0%x:%x:%x:%x::%x", 1 + rn(9), 0x1000 + rn(0xefff), rn(0xffff), rn(0xffff), 1 + rn(0xfff));
		else
			n = snprintf(t, sizeof t, "%u.%u.%u.%u", 2 + rn(220), rn(256), rn(256), 1 + rn(254));
		ips[i].s = sdup(t, (size_t)n);
		ips[i].country = (uint16_t)c;
		ips[i].city = (uint16_t)rn((uint32_t)ncities(c));
		ips[i].asn = countries[c].asn[rn(3)];
		nips_by_country[c]++;
	}
	for (int c = 0; c < NCOUNTRY; c++) {
		ips_by_country[c] = malloc(sizeof(uint32_t) * (nips_by_country[c] + 1));
		if (!ips_by_country[c]) {
			perror("gen");
			exit(1);
		}
		nips_by_country[c] = 0;
	}
	for (uint32_t i = NOFFICE; i < NIP; i++)
		ips_by_country[ips[i].country][nips_by_country[ips[i].country]++] = i;
	for (uint32_t i = 0; i < NOFFICE; i++)
		office_ip[i] = i;

	/* Users. Rank order is random so the heavy users are not all "Emma". A name seen before
	 * gets a number in its user principal name, which is unique as in a real tenant. */
	static unsigned short seen[NFIRST][NLAST];
	for (int i = 0; i < NUSER; i++) {
		struct user *u = &users[i];
		int f = (int)rn(NFIRST), l = (int)rn(NLAST);
		unsigned dup = seen[f][l]++;
		char num[8] = "";
		if (dup)
			snprintf(num, sizeof num, "%u", dup + 1);
		int n = snprintf(t, sizeof t, "%s %s", first_names[f], last_names[l]);
		/* no name contains a quote or a backslash, so the text needs no JSON escaping */
		u->name = sdup(t, (size_t)n);
		u->guest = (uint8_t)chance(0.04);
		int hc;
		if (u->guest) {
			int d = (int)rn(6);
			n = snprintf(t, sizeof t, "%s.%s%s@%s", first_ascii[f], last_ascii[l], num, guest_domains[d]);
			u->home_tenant = partner_tenant[d];
			u->home_tenant_name = S(d == 0 ? "Fabrikam" : d == 1 ? "Northwind Traders" : d == 2 ? "Adatum" : d == 5 ? "Tailspin Toys" : "Microsoft Services");
			hc = pick_country();
		} else {
			n = snprintf(t, sizeof t, "%s.%s%s@contoso.com", first_ascii[f], last_ascii[l], num);
			u->home_tenant = tenant_id;
			u->home_tenant_name = S("Contoso");
			hc = chance(0.8) ? (int)rn(4) : pick_country();
		}
		u->upn = sdup(t, (size_t)n);
		u->id = sguid();
		/* two home and two mobile addresses (dynamic ISP and carrier addresses change) */
		u->ip_home[0] = ip_in_country(hc);
		u->ip_home[1] = ip_in_country(hc);
		u->ip_mobile[0] = ip_in_country(hc);
		u->ip_mobile[1] = ip_in_country(hc);
		u->office = office_ip[rn(NOFFICE)];
		if (ips[u->office].country != hc && chance(0.5))
			u->office = u->ip_home[0];
		/* desktop / mobile user agent: a small popular core (Zipf-ish on the table) */
		do
			u->ua_desktop = (uint16_t)(rn(100) < 70 ? rn(40) : rn((uint32_t)nua - (uint32_t)nua_legacy));
		while (uas[u->ua_desktop].mobile);
		do
			u->ua_mobile = (uint16_t)rn((uint32_t)nua - (uint32_t)nua_legacy);
		while (!uas[u->ua_mobile].mobile);
		u->mfa = (uint8_t)rn(NMFA);
		u->managed = !u->guest && chance(0.75);
		u->compliant = u->managed && chance(0.9);
		u->trust = (uint8_t)rn(3);
		u->admin = (uint8_t)chance(0.02);
		u->device_id = u->managed ? sguid() : S("");
		n = snprintf(t, sizeof t, "%s-%05u", rn(2) ? "LT" : "DESKTOP", rn(100000));
		u->device_name = u->managed ? sdup(t, (size_t)n) : S("");
	}
	acc = 0;
	for (int i = 0; i < NUSER; i++) {
		acc += 1.0 / (double)(i + 8); /* Zipf-Mandelbrot, s = 1, q = 8 */
		user_cdf[i] = acc;
	}

	static const char *const sp_names[] = { "Terraform-Prod", "Terraform-Dev", "GitHub-Actions-Deploy", "Azure-DevOps-Pipeline", "Backup-Agent", "Datadog-Integration", "Splunk-Addon", "Sentinel-Connector", "Veeam-O365", "Jenkins-CI" };
	for (int i = 0; i < NSP; i++) {
		int n = snprintf(t, sizeof t, "%s-%02d", sp_names[i % 10], i / 10 + 1);
		sps[i].name = sdup(t, (size_t)n);
		sps[i].app_id = sguid();
		sps[i].sp_id = sguid();
		sps[i].key_id = sguid();
		sps[i].res = (int)rn(14);
		sps[i].cred = (int)rn(3);
		sps[i].ip = chance(0.5) ? office_ip[rn(4)] : rn(NIP);
	}
	for (int i = 0; i < NMI; i++) {
		int n;
		mis[i].user_assigned = chance(0.4);
		if (mis[i].user_assigned)
			n = snprintf(t, sizeof t, "id-workload-%02d", i);
		else
			n = snprintf(t, sizeof t, "vm-app-%02d", i);
		mis[i].name = sdup(t, (size_t)n);
		mis[i].app_id = sguid();
		mis[i].sp_id = sguid();
		char sub[37];
		guid_at(sub, rnd(), rnd());
		sub[36] = 0;
		if (mis[i].user_assigned)
			n = snprintf(t, sizeof t, "/subscriptions/%s/resourcegroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/%s", sub, mis[i].name.s);
		else
			n = snprintf(t, sizeof t, "/subscriptions/%s/resourcegroups/rg-prod-%02d/providers/Microsoft.Compute/virtualMachines/%s", sub, i, mis[i].name.s);
		mis[i].resource = sdup(t, (size_t)n);
		mis[i].res = (int)(3 + rn(2) * 5); /* ARM or Key Vault */
	}
}

/* ---------------------------------------------------------------- one record */

enum kind { K_INTERACTIVE, K_NONINTERACTIVE, K_SP, K_MI };
static const char *const category_names[] = { "SignInLogs", "NonInteractiveUserSignInLogs", "ServicePrincipalSignInLogs", "ManagedIdentitySignInLogs" };
static const char *const event_types[] = { "interactiveUser", "nonInteractiveUser", "servicePrincipal", "managedIdentity" };
static const char *const trust_types[] = { "Azure AD joined", "Hybrid Azure AD joined", "Azure AD registered" };

struct rec {
	enum kind kind;
	int64_t t;             /* createdDateTime, 100 ns ticks */
	char id[36], corr[36]; /* request id, correlation id */
	const struct user *u;
	const struct sp *sp;
	const struct mi *mi;
	int app, res;
	str appname, appid, spname, spid;
	const struct ip *ip;   /* NULL: none (managed identity) */
	const struct ua *ua;
	int legacy, mobile;
	const char *client_app;
	const struct code *st; /* NULL: success */
	int cls;               /* 0 success, 1 failure, 2 interrupted */
	int mfa_required;
	int risk;
};

/* --shape csv: every record is an interactive user sign-in (an InteractiveSignIns file). */
static int only_interactive;

static void pick(struct rec *r, int64_t t)
{
	memset(r, 0, sizeof *r);
	r->t = t;
	guid_at(r->id, rnd(), rnd());
	guid_at(r->corr, rnd(), rnd());

	double k = rf();
	r->kind = k < 0.81 ? K_INTERACTIVE : k < 0.96 ? K_NONINTERACTIVE : k < 0.99 ? K_SP : K_MI;
	if (only_interactive)
		r->kind = K_INTERACTIVE; /* the draw is still made: same stream shape as the others */

	double c = rf();
	r->cls = c < 0.85 ? 0 : c < 0.95 ? 1 : 2;

	if (r->kind == K_SP) {
		r->sp = &sps[rn(NSP)];
		r->res = r->sp->res;
		r->appname = r->sp->name;
		r->appid = r->sp->app_id;
		r->spname = r->sp->name;
		r->spid = r->sp->sp_id;
		r->ip = &ips[chance(0.9) ? r->sp->ip : rn(NIP)];
		r->ua = NULL;
		if (r->cls == 2)
			r->cls = 0;
		if (r->cls == 1)
			r->st = &sp_fail;
		return;
	}
	if (r->kind == K_MI) {
		r->mi = &mis[rn(NMI)];
		r->res = r->mi->res;
		r->appname = r->mi->name;
		r->appid = r->mi->app_id;
		r->spname = r->mi->name;
		r->spid = r->mi->sp_id;
		r->ip = NULL;
		r->cls = 0;
		return;
	}

	r->u = &users[cdf_pick(user_cdf, NUSER)];
	r->app = cdf_pick(app_cdf, NAPP);
	r->res = app_res[r->app] >= 0 ? app_res[r->app] : (int)rn(6);
	if (r->kind == K_NONINTERACTIVE && chance(0.5))
		r->res = (int)rn(3); /* token refresh for Graph / Exchange / SharePoint */
	r->appname = app_name[r->app];
	r->appid = app_id[r->app];
	r->spname = res_name[r->res];
	r->spid = res_spid[r->res];

	r->legacy = chance(0.02);
	if (r->legacy) {
		static const char *const lg[] = { "IMAP4", "Exchange ActiveSync", "Authenticated SMTP", "POP3" };
		r->client_app = lg[rn(4)];
		r->ua = &uas[ua_legacy[rn((uint32_t)nua_legacy)]];
		r->res = 1;
		r->app = 0;
		r->appname = S("Office 365 Exchange Online");
		r->appid = S("00000002-0000-0ff1-ce00-000000000000");
		r->spname = res_name[1];
		r->spid = res_spid[1];
		r->mobile = r->ua->mobile;
	} else {
		r->mobile = chance(0.3);
		r->ua = &uas[r->mobile ? r->u->ua_mobile : (chance(0.9) ? r->u->ua_desktop : rn((uint32_t)(nua - nua_legacy)))];
		r->client_app = (r->mobile || r->kind == K_NONINTERACTIVE || r->ua->browser.s[0] == 'R') ? "Mobile Apps and Desktop clients" : "Browser";
	}

	double p = rf();
	uint32_t ipi;
	if (p < 0.08 || (r->cls == 1 && chance(0.3)))
		ipi = rn(NIP);                 /* travel, VPN, or an attacker */
	else if (r->mobile)
		ipi = r->u->ip_mobile[rn(2)];
	else if (p < 0.55)
		ipi = r->u->office;
	else
		ipi = r->u->ip_home[rn(2)];
	r->ip = &ips[ipi];

	if (r->cls == 1) {
		int tot = 0;
		for (int i = 0; i < NFAIL; i++)
			tot += fail_codes[i].weight;
		int x = (int)rn((uint32_t)tot);
		int i = 0;
		while ((x -= fail_codes[i].weight) >= 0)
			i++;
		r->st = &fail_codes[i];
	} else if (r->cls == 2) {
		int tot = 0;
		for (int i = 0; i < NINT; i++)
			tot += int_codes[i].weight;
		int x = (int)rn((uint32_t)tot);
		int i = 0;
		while ((x -= int_codes[i].weight) >= 0)
			i++;
		r->st = &int_codes[i];
	}
	r->mfa_required = r->kind == K_INTERACTIVE ? chance(0.4) : chance(0.25);
	if (r->st && (r->st->code == 500121 || r->st->code == 50074 || r->st->code == 50072))
		r->mfa_required = 1;
	if (r->legacy)
		r->mfa_required = 0;
	r->risk = chance(0.015) ? 1 + (int)rn(2) : 0;
}

static void put_status(const struct rec *r)
{
	LIT("\"status\":{\"errorCode\":");
	if (!r->st) {
		LIT("0,\"failureReason\":\"Other.\",\"additionalDetails\":");
		if (r->mfa_required && r->kind == K_INTERACTIVE)
			LIT("\"MFA completed in Azure AD\"}");
		else if (r->mfa_required)
			LIT("\"MFA requirement satisfied by claim in the token\"}");
		else
			LIT("null}");
		return;
	}
	putu((uint64_t)r->st->code);
	LIT(",\"failureReason\":\"");
	put(r->st->reason, strlen(r->st->reason));
	LIT("\",\"additionalDetails\":");
	if (r->st->details) {
		*w++ = '"';
		put(r->st->details, strlen(r->st->details));
		*w++ = '"';
	} else
		LIT("null");
	*w++ = '}';
}

static const char *const risk_levels[] = { "none", "low", "medium" };

/* The auth steps, written as authenticationDetails, and as authenticationMethodsUsed. */
struct step {
	const char *method, *detail, *result, *req;
	int ok;
};

static int build_steps(const struct rec *r, struct step *s)
{
	int n = 0;
	if (r->kind == K_SP || r->kind == K_MI)
		return 0;
	int code = r->st ? r->st->code : 0;
	const char *pw_detail = r->u->guest ? NULL : (r->u->trust == 1 ? "Password Hash Sync" : "Cloud password");
	const char *mfa = mfa_methods[r->u->mfa];
	int prev = r->kind == K_NONINTERACTIVE || (r->kind == K_INTERACTIVE && chance(0.35));
	if (code == 50126 || code == 50053 || code == 50034 || code == 50057) {
		s[n++] = (struct step){ "Password", pw_detail, code == 50126 ? "Invalid username or password or Invalid on-premise username or password." : code == 50053 ? "Account is locked" : code == 50057 ? "User account is disabled" : "User account not found", "Primary authentication", 0 };
		return n;
	}
	if (prev) {
		s[n++] = (struct step){ "Previously satisfied", NULL, "First factor requirement satisfied by claim in the token", "Primary authentication", 1 };
		if (r->mfa_required)
			s[n++] = (struct step){ "Previously satisfied", NULL, "MFA requirement satisfied by claim in the token", "Multi-factor authentication", 1 };
		return n;
	}
	s[n++] = (struct step){ "Password", pw_detail, "Correct password", "Primary authentication", 1 };
	if (r->mfa_required) {
		if (code == 500121)
			s[n++] = (struct step){ mfa, NULL, "MFA denied; user did not select the correct number", "Multi-factor authentication", 0 };
		else if (code == 50074 || code == 50072)
			s[n++] = (struct step){ mfa, NULL, "MFA required in Azure AD", "Multi-factor authentication", 0 };
		else {
			s[n++] = (struct step){ mfa, NULL, "MFA successfully completed", "Multi-factor authentication", 1 };
			if (chance(0.15))
				s[n++] = (struct step){ "Previously satisfied", NULL, "MFA requirement satisfied by claim in the token", "Multi-factor authentication", 1 };
		}
	}
	return n;
}

static void put_nullable(const char *s)
{
	if (!s) {
		LIT("null");
		return;
	}
	*w++ = '"';
	put(s, strlen(s));
	*w++ = '"';
}

static int preauth_failure(const struct rec *r);

static void put_policies(const struct rec *r)
{
	LIT("\"appliedConditionalAccessPolicies\":[");
	if (r->kind == K_SP || r->kind == K_MI) {
		*w++ = ']';
		return;
	}
	static const int counts[20] = { 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 6, 6, 7, 7, 8 };
	int n = counts[rn(20)];
	int start = (int)rn(NCAP);
	int blocked_done = 0;
	int code = r->st ? r->st->code : 0;
	for (int i = 0; i < n; i++) {
		int pi = (start + i) % NCAP;
		const struct capol *p = &capols_src[pi];
		const char *res, *sat, *nsat;
		double x = rf();
		if (preauth_failure(r))
			res = p->report_only ? "reportOnlyNotApplied" : "notApplied";
		else if (code == 53003 && p->blocks && !blocked_done) {
			res = "failure";
			blocked_done = 1;
		} else if (code == 53003 && !blocked_done && i == n - 1)
			res = "failure";
		else if (p->blocks && r->legacy && pi == 1)
			res = r->st ? "failure" : "notApplied";
		else if (p->report_only)
			res = x < 0.3 ? "reportOnlySuccess" : x < 0.4 ? "reportOnlyInterrupted" : "reportOnlyNotApplied";
		else if (p->blocks)
			res = x < 0.05 ? "notEnabled" : "notApplied";
		else if (p->grant[0] == '"' && p->grant[1] == 'M' && r->mfa_required)
			res = r->cls == 0 ? "success" : "failure";
		else
			res = x < 0.35 ? "success" : x < 0.85 ? "notApplied" : "notEnabled";
		int ok = res[0] == 's' || (res[0] == 'r' && res[10] == 'S') || (res[0] == 'f');
		if (res[0] == 'n' && res[3] == 'E') {
			sat = "none";
			nsat = "none";
		} else if (ok) {
			sat = x < 0.5 ? "application,users" : "application,users,clientType";
			nsat = "none";
		} else {
			static const char *const ns[] = { "users", "application", "clientType", "location", "devicePlatform", "signInRisk" };
			sat = x < 0.5 ? "application" : "users";
			nsat = ns[rn(6)];
		}
		if (i)
			*w++ = ',';
		LIT("{\"id\":");
		putq(cap_id[pi]);
		LIT(",\"displayName\":");
		putq(cap_name[pi]);
		LIT(",\"enforcedGrantControls\":[");
		if (res[0] != 'n')
			put(p->grant, strlen(p->grant));
		LIT("],\"enforcedSessionControls\":[");
		if (res[0] != 'n')
			put(p->sess, strlen(p->sess));
		LIT("],\"result\":\"");
		put(res, strlen(res));
		LIT("\",\"conditionsSatisfied\":\"");
		put(sat, strlen(sat));
		LIT("\",\"conditionsNotSatisfied\":\"");
		put(nsat, strlen(nsat));
		LIT("\"}");
	}
	*w++ = ']';
}

/* Primary authentication failed: Conditional Access was never evaluated. */
static int preauth_failure(const struct rec *r)
{
	int c = r->st ? r->st->code : 0;
	return c == 50126 || c == 50053 || c == 50034 || c == 50057;
}

static const char *ca_status(const struct rec *r)
{
	if (r->kind == K_SP || r->kind == K_MI || preauth_failure(r))
		return "notApplied";
	if (r->st && r->st->code == 53003)
		return "failure";
	return r->legacy ? "notApplied" : "success";
}

/* The Graph beta signIn object. diag: the diagnostic-settings variant (createdDateTime with
 * +00:00, StatusSequence/RequestSequence in authenticationDetails, ssoExtensionVersion). */
static void put_signin(const struct rec *r, int diag)
{
	const int user = r->kind == K_INTERACTIVE || r->kind == K_NONINTERACTIVE;
	const struct user *u = r->u;
	struct step steps[4];
	int nsteps = build_steps(r, steps);

	LIT("{\"id\":\"");
	put(r->id, 36);
	LIT("\",\"createdDateTime\":\"");
	puttime(r->t, diag);
	*w++ = '"';
	if (user) {
		LIT(",\"userDisplayName\":");
		putq(u->name);
		LIT(",\"userPrincipalName\":");
		putq(u->upn);
		LIT(",\"userId\":");
		putq(u->id);
	} else
		LIT(",\"userId\":null");
	LIT(",\"appId\":");
	putq(r->appid);
	LIT(",\"appDisplayName\":");
	putq(r->appname);
	LIT(",\"ipAddress\":");
	if (r->ip)
		putq(r->ip->s);
	else
		LIT("\"\"");
	LIT(",\"clientAppUsed\":");
	put_nullable(user ? r->client_app : NULL);
	LIT(",\"userAgent\":");
	if (r->ua)
		putq(r->ua->ua);
	else
		LIT("\"\"");
	LIT(",\"correlationId\":\"");
	put(r->corr, 36);
	LIT("\",\"conditionalAccessStatus\":\"");
	const char *cas = ca_status(r);
	put(cas, strlen(cas));
	LIT("\",\"originalRequestId\":\"");
	put(r->id, 36);
	LIT("\",\"isInteractive\":");
	if (r->kind == K_INTERACTIVE)
		LIT("true");
	else
		LIT("false");
	LIT(",\"tokenIssuerName\":\"\",\"tokenIssuerType\":\"AzureAD\",\"clientCredentialType\":\"");
	if (r->kind == K_SP) {
		static const char *const creds[] = { "clientSecret", "certificate", "federatedIdentityCredential" };
		put(creds[r->sp->cred], strlen(creds[r->sp->cred]));
	} else if (r->kind == K_MI)
		LIT("managedIdentity");
	else
		LIT("none");
	LIT("\",\"processingTimeInMilliseconds\":");
	putu(r->kind == K_MI ? 0 : 20 + rn(180) + (chance(0.1) ? rn(3000) : 0));
	LIT(",\"riskDetail\":\"none\",\"riskLevelAggregated\":\"");
	put(risk_levels[r->risk], strlen(risk_levels[r->risk]));
	LIT("\",\"riskLevelDuringSignIn\":\"");
	put(risk_levels[r->risk], strlen(risk_levels[r->risk]));
	LIT("\",\"riskState\":\"");
	if (r->risk)
		LIT("atRisk\",\"riskEventTypes\":[\"unfamiliarFeatures\"],\"riskEventTypes_v2\":[\"unfamiliarFeatures\"]");
	else
		LIT("none\",\"riskEventTypes\":[],\"riskEventTypes_v2\":[]");
	LIT(",\"resourceDisplayName\":");
	putq(res_name[r->res]);
	LIT(",\"resourceId\":");
	putq(res_id[r->res]);
	LIT(",\"resourceTenantId\":");
	putq(tenant_id);
	LIT(",\"homeTenantId\":");
	putq(user ? u->home_tenant : tenant_id);
	LIT(",\"homeTenantName\":");
	putq(user ? u->home_tenant_name : S("Contoso"));
	LIT(",\"authenticationMethodsUsed\":[");
	int nm = 0;
	for (int i = 0; i < nsteps; i++) {
		if (steps[i].method[0] == 'P' && steps[i].method[1] == 'r')
			continue;
		if (nm++)
			*w++ = ',';
		*w++ = '"';
		put(steps[i].method, strlen(steps[i].method));
		*w++ = '"';
	}
	LIT("],\"authenticationRequirement\":\"");
	if (r->mfa_required)
		LIT("multiFactorAuthentication\"");
	else
		LIT("singleFactorAuthentication\"");
	if (user) {
		LIT(",\"signInIdentifier\":");
		putq(u->upn);
		LIT(",\"signInIdentifierType\":\"userPrincipalName\"");
	}
	LIT(",\"servicePrincipalName\":");
	putq(r->spname);
	LIT(",\"signInEventTypes\":[\"");
	put(event_types[r->kind], strlen(event_types[r->kind]));
	LIT("\"],\"servicePrincipalId\":");
	putq(r->spid);
	if (user) {
		LIT(",\"userType\":");
		if (u->guest)
			LIT("\"guest\"");
		else
			LIT("\"member\"");
	}
	LIT(",\"flaggedForReview\":false,\"isTenantRestricted\":false,\"autonomousSystemNumber\":");
	putu(r->ip ? r->ip->asn : 8075);
	LIT(",\"crossTenantAccessType\":");
	if (user && u->guest)
		LIT("\"b2bCollaboration\"");
	else
		LIT("\"none\"");
	if (r->kind == K_SP) {
		LIT(",\"servicePrincipalCredentialKeyId\":");
		putq(r->sp->key_id);
	}
	LIT(",\"uniqueTokenIdentifier\":\"");
	{
		/* base64 of the request id, as in the diagnostic samples (36 bytes -> 48 chars) */
		static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		const unsigned char *s = (const unsigned char *)r->id;
		for (int i = 0; i < 36; i += 3) {
			unsigned v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 | s[i + 2];
			*w++ = b64[v >> 18];
			*w++ = b64[(v >> 12) & 63];
			*w++ = b64[(v >> 6) & 63];
			*w++ = b64[v & 63];
		}
	}
	LIT("\",\"incomingTokenType\":\"");
	if (r->kind == K_NONINTERACTIVE && r->mobile)
		LIT("refreshToken");
	else if (r->kind == K_NONINTERACTIVE)
		LIT("primaryRefreshToken");
	else
		LIT("none");
	LIT("\",\"authenticationProtocol\":\"");
	if (r->legacy)
		LIT("ropc");
	else if (user && chance(0.01))
		LIT("deviceCode");
	else if (user)
		LIT("oAuth2");
	else
		LIT("none");
	LIT("\",\"sessionId\":");
	if (user) {
		/* one session per user per ~day */
		uint64_t s = (uint64_t)(u - users) * 0x9e3779b97f4a7c15ULL + (uint64_t)(r->t / (86400 * T100NS));
		uint64_t a = splitmix64(&s), b = splitmix64(&s);
		*w++ = '"';
		guid_at(w, a, b);
		w += 36;
		*w++ = '"';
	} else
		LIT("\"\"");
	LIT(",\"mfaDetail\":{\"authMethod\":");
	if (r->mfa_required && nsteps > 1 && steps[1].method[1] != 'r') {
		*w++ = '"';
		put(steps[1].method, strlen(steps[1].method));
		LIT("\",\"authDetail\":null},");
	} else
		LIT("null,\"authDetail\":null},");

	put_status(r);

	LIT(",\"deviceDetail\":{\"deviceId\":");
	int managed = user && u->managed && !r->mobile && !r->legacy;
	if (managed) {
		putq(u->device_id);
		LIT(",\"displayName\":");
		putq(u->device_name);
	} else
		LIT("\"\",\"displayName\":\"\"");
	LIT(",\"operatingSystem\":");
	if (r->ua)
		putq(r->ua->os);
	else
		LIT("\"\"");
	LIT(",\"browser\":");
	if (r->ua)
		putq(r->ua->browser);
	else
		LIT("\"\"");
	LIT(",\"isCompliant\":");
	if (managed && u->compliant)
		LIT("true,\"isManaged\":true,\"trustType\":\"");
	else if (managed)
		LIT("false,\"isManaged\":true,\"trustType\":\"");
	else
		LIT("false,\"isManaged\":false,\"trustType\":\"");
	if (managed)
		put(trust_types[u->trust], strlen(trust_types[u->trust]));
	LIT("\"},\"location\":{\"city\":\"");
	if (r->ip) {
		const struct country *co = &countries[r->ip->country];
		const struct city *ci = &co->c[r->ip->city];
		put(ci->city, strlen(ci->city));
		LIT("\",\"state\":\"");
		put(ci->state, strlen(ci->state));
		LIT("\",\"countryOrRegion\":\"");
		put(co->cc, 2);
		LIT("\",\"geoCoordinates\":{\"altitude\":null,\"latitude\":");
		put(ci->lat, strlen(ci->lat));
		LIT(",\"longitude\":");
		put(ci->lon, strlen(ci->lon));
		LIT("}}");
	} else
		LIT("\",\"state\":\"\",\"countryOrRegion\":\"\",\"geoCoordinates\":{\"altitude\":null,\"latitude\":0.0,\"longitude\":0.0}}");

	*w++ = ',';
	put_policies(r);

	LIT(",\"authenticationProcessingDetails\":[");
	if (r->kind == K_SP || r->kind == K_MI)
		LIT("{\"key\":\"Azure AD App Authentication Library\",\"value\":\"Family: MSAL Library: MSAL.NET 4.66.1 Platform: .NET\"},{\"key\":\"Is CAE Token\",\"value\":\"False\"}");
	else {
		if (r->kind == K_INTERACTIVE)
			LIT("{\"key\":\"Login Hint Present\",\"value\":\"True\"},");
		LIT("{\"key\":\"Legacy TLS (TLS 1.0, 1.1, 3DES)\",\"value\":\"False\"},{\"key\":\"Oauth Scope Info\",\"value\":\"");
		const char *sc = scope_sets[rn(NSCOPE)];
		put(sc, strlen(sc));
		LIT("\"},{\"key\":\"Is CAE Token\",\"value\":\"");
		if (chance(0.3))
			LIT("True");
		else
			LIT("False");
		LIT("\"}");
	}
	LIT("],\"networkLocationDetails\":[");
	if (r->ip && r->ip - ips < NOFFICE)
		LIT("{\"networkType\":\"namedNetwork\",\"networkNames\":[\"Contoso corporate egress\"]},{\"networkType\":\"trustedNamedLocation\",\"networkNames\":[\"Contoso offices\"]}");
	LIT("],\"authenticationDetails\":[");
	for (int i = 0; i < nsteps; i++) {
		if (i)
			*w++ = ',';
		LIT("{\"authenticationStepDateTime\":\"");
		puttime(r->t + (int64_t)i * 83 * T100NS / 10, diag);
		LIT("\",\"authenticationMethod\":\"");
		put(steps[i].method, strlen(steps[i].method));
		LIT("\",\"authenticationMethodDetail\":");
		put_nullable(steps[i].detail);
		LIT(",\"succeeded\":");
		if (steps[i].ok)
			LIT("true");
		else
			LIT("false");
		LIT(",\"authenticationStepResultDetail\":\"");
		put(steps[i].result, strlen(steps[i].result));
		LIT("\",\"authenticationStepRequirement\":\"");
		put(steps[i].req, strlen(steps[i].req));
		*w++ = '"';
		if (diag) {
			LIT(",\"StatusSequence\":");
			putu(steps[i].ok ? 0 : 1);
			LIT(",\"RequestSequence\":");
			putu((uint64_t)i);
		}
		*w++ = '}';
	}
	LIT("],\"sessionLifetimePolicies\":[");
	if (user && chance(0.2))
		LIT("{\"expirationRequirement\":\"signInFrequencyPeriodicReauthentication\",\"detail\":\"Sign-in frequency reached.\"}");
	else if (user && chance(0.1))
		LIT("{\"expirationRequirement\":\"rememberMultifactorAuthenticationOnTrustedDevices\",\"detail\":\"MFA remembered on this device.\"}");
	LIT("],\"managedServiceIdentity\":{\"msiType\":\"");
	if (r->kind == K_MI) {
		if (r->mi->user_assigned)
			LIT("userAssigned");
		else
			LIT("systemAssigned");
		LIT("\",\"associatedResourceId\":");
		putq(r->mi->resource);
		LIT(",\"federatedTokenId\":null,\"federatedTokenIssuer\":null}");
	} else
		LIT("none\",\"associatedResourceId\":null,\"federatedTokenId\":null,\"federatedTokenIssuer\":null}");
	LIT(",\"tokenProtectionStatusDetails\":{\"signInSessionStatus\":\"");
	if (r->kind == K_INTERACTIVE && u->managed)
		LIT("bound\",\"signInSessionStatusCode\":0}");
	else if (user)
		LIT("unbound\",\"signInSessionStatusCode\":1002}");
	else
		LIT("none\",\"signInSessionStatusCode\":null}");
	if (diag)
		LIT(",\"ssoExtensionVersion\":\"\"");
	*w++ = '}';
}

static void put_envelope(const struct rec *r)
{
	/* The envelope draws from its own stream so that every shape holds the same sign-ins. */
	uint64_t es = (uint64_t)r->t ^ 0x5bd1e9955bd1e995ULL;
	uint64_t lag = splitmix64(&es) % (120 * (uint64_t)T100NS);
	LIT("{\"time\":\"");
	puttime(r->t + 60 * T100NS + (int64_t)lag, 0); /* processing time: 1-3 minutes later */
	LIT("\",\"resourceId\":\"/tenants/");
	puts_(tenant_id);
	LIT("/providers/Microsoft.aadiam\",\"operationName\":\"Sign-in activity\",\"operationVersion\":\"1.0\",\"category\":\"");
	put(category_names[r->kind], strlen(category_names[r->kind]));
	LIT("\",\"tenantId\":");
	putq(tenant_id);
	LIT(",\"resultType\":\"");
	putu(r->st ? (uint64_t)r->st->code : 0);
	LIT("\",\"resultSignature\":\"None\",");
	if (r->st) {
		LIT("\"resultDescription\":\"");
		put(r->st->reason, strlen(r->st->reason));
		LIT("\",");
	}
	LIT("\"durationMs\":0,");
	if (r->ip) {
		LIT("\"callerIpAddress\":");
		putq(r->ip->s);
		*w++ = ',';
	}
	LIT("\"correlationId\":\"");
	put(r->corr, 36);
	*w++ = '"';
	if (r->u) {
		LIT(",\"identity\":");
		putq(r->u->name);
	}
	LIT(",\"Level\":4");
	if (r->ip) {
		LIT(",\"location\":\"");
		put(countries[r->ip->country].cc, 2);
		*w++ = '"';
	}
	LIT(",\"properties\":");
	put_signin(r, 1);
	*w++ = '}';
}

/* ---------------------------------------------------------------- portal CSV */

/* The exact 57-column header of a current (2025-2026) Entra admin center InteractiveSignIns CSV
 * download: "Incoming token type" twice, trailing spaces in "Application ID " and "Resource ID ",
 * two spaces in "Autonomous system  number". Written after a UTF-8 BOM, ended by CRLF. */
static const char csv_header[] =
	"\"Date (UTC)\",\"Request ID\",\"User agent\",\"Correlation ID\",\"User ID\","
	"\"User\",\"Username\",\"User type\",\"Cross tenant access type\",\"Incoming token type\","
	"\"Authentication Protocol\",\"Unique token identifier\",\"Original transfer method\",\"Client credential type\",\"Token Protection - Sign In Session\","
	"\"Token Protection - Sign In Session StatusCode\",\"Application\",\"Application ID \",\"App owner tenant ID\",\"Resource\","
	"\"Resource ID \",\"Resource tenant ID\",\"Resource owner tenant ID\",\"Home tenant ID\",\"Home tenant name\","
	"\"IP address\",\"Location\",\"Status\",\"Sign-in error code\",\"Failure reason\","
	"\"Client app\",\"Device ID\",\"Browser\",\"Operating System\",\"Compliant\","
	"\"Managed\",\"Join Type\",\"Multifactor authentication result\",\"Multifactor authentication auth method\",\"Multifactor authentication auth detail\","
	"\"Authentication requirement\",\"Sign-in identifier\",\"Session ID\",\"IP address (seen by resource)\",\"Through Global Secure Access\","
	"\"Global Secure Access IP address\",\"Autonomous system  number\",\"Flagged for review\",\"Token issuer type\",\"Incoming token type\","
	"\"Token issuer name\",\"Latency\",\"Conditional Access\",\"Managed Identity type\",\"Associated Resource Id\","
	"\"Federated Token Id\",\"Federated Token Issuer\"" "\r\n";

/* Microsoft's own tenant: the owner tenant of first-party apps and resources. */
static const char ms_tenant[] = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";

/* One quoted cell and its comma. s is in the generator's JSON-escaped form: \" and \\ are
 * unescaped, and every " is doubled (RFC 4180). */
static void cell(const char *s, size_t n)
{
	*w++ = '"';
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\\' && i + 1 < n && (s[i + 1] == '"' || s[i + 1] == '\\'))
			c = s[++i];
		if (c == '"')
			*w++ = '"';
		*w++ = c;
	}
	*w++ = '"';
	*w++ = ',';
}

static void cells(const char *s) { cell(s, strlen(s)); }
static void cellstr(str s) { cell(s.s, s.n); }

/* a fixed cell that needs no escaping: "text", */
#define CELL(s) LIT("\"" s "\",")

static void cellu(uint64_t v)
{
	*w++ = '"';
	putu(v);
	LIT("\",");
}

/* One row of the portal InteractiveSignIns CSV, in header order. Values as the portal renders
 * them (see bench/README.md and signlog(1), CSV input): ISO UTC time without fraction, Status
 * Success/Failure/Interrupted, blank error code on success, "City, State, CC", True/False,
 * human-readable enums ("Multifactor authentication", "Azure AD", "Not Applied", ...). */
static void put_csv_row(const struct rec *r)
{
	const struct user *u = r->u; /* every CSV record is a user sign-in */
	struct step steps[4];
	int nsteps = build_steps(r, steps);
	int managed = u->managed && !r->mobile && !r->legacy;

	/* Date (UTC) */
	*w++ = '"';
	puttime(r->t, 2);
	LIT("\",");
	cell(r->id, 36);           /* Request ID */
	cellstr(r->ua->ua);        /* User agent */
	cell(r->corr, 36);         /* Correlation ID */
	cellstr(u->id);            /* User ID */
	cellstr(u->name);          /* User */
	cellstr(u->upn);           /* Username */
	if (u->guest)              /* User type; Cross tenant access type */
		LIT("\"Guest\",\"B2B collaboration\",");
	else
		LIT("\"Member\",\"None\",");
	CELL("None");              /* Incoming token type (interactive: none) */
	if (r->legacy)             /* Authentication Protocol */
		CELL("ROPC");
	else if (chance(0.01))
		CELL("Device code");
	else
		CELL("None");
	{                          /* Unique token identifier: base64 of the request id */
		static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		const unsigned char *s = (const unsigned char *)r->id;
		*w++ = '"';
		for (int i = 0; i < 36; i += 3) {
			unsigned v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 | s[i + 2];
			*w++ = b64[v >> 18];
			*w++ = b64[(v >> 12) & 63];
			*w++ = b64[(v >> 6) & 63];
			*w++ = b64[v & 63];
		}
		LIT("\",");
	}
	CELL("");                  /* Original transfer method */
	CELL("None");              /* Client credential type */
	if (u->managed)            /* Token Protection - Sign In Session (+ StatusCode) */
		LIT("\"Bound\",\"0\",");
	else
		LIT("\"Unbound\",\"1002\",");
	cellstr(r->appname);       /* Application */
	cellstr(r->appid);         /* Application ID */
	cells(r->legacy || apps_src[r->app].id ? ms_tenant : tenant_id.s); /* App owner tenant ID */
	cellstr(res_name[r->res]); /* Resource */
	cellstr(res_id[r->res]);   /* Resource ID */
	cellstr(tenant_id);        /* Resource tenant ID */
	cells(res_src[r->res].id ? ms_tenant : tenant_id.s); /* Resource owner tenant ID */
	cellstr(u->home_tenant);   /* Home tenant ID */
	cellstr(u->home_tenant_name); /* Home tenant name */
	cellstr(r->ip->s);         /* IP address */
	{                          /* Location: "City, State, CC" */
		const struct country *co = &countries[r->ip->country];
		const struct city *ci = &co->c[r->ip->city];
		*w++ = '"';
		put(ci->city, strlen(ci->city));
		LIT(", ");
		put(ci->state, strlen(ci->state));
		LIT(", ");
		put(co->cc, 2);
		LIT("\",");
	}
	if (!r->st)                /* Status, Sign-in error code, Failure reason */
		LIT("\"Success\",\"\",\"\",");
	else {
		if (r->cls == 2)
			CELL("Interrupted");
		else
			CELL("Failure");
		cellu((uint64_t)r->st->code);
		cells(r->st->reason);
	}
	cells(r->client_app);      /* Client app */
	if (managed)               /* Device ID */
		cellstr(u->device_id);
	else
		CELL("");
	cellstr(r->ua->browser);   /* Browser */
	cellstr(r->ua->os);        /* Operating System */
	if (managed && u->compliant) /* Compliant, Managed, Join Type */
		LIT("\"True\",\"True\",");
	else if (managed)
		LIT("\"False\",\"True\",");
	else
		LIT("\"False\",\"False\",");
	if (managed)
		cells(trust_types[u->trust]);
	else
		CELL("");
	/* Multifactor authentication result (= status.additionalDetails) */
	if (!r->st)
		cells(r->mfa_required ? "MFA completed in Azure AD" : "");
	else
		cells(r->st->details ? r->st->details : "");
	/* Multifactor authentication auth method / auth detail (= mfaDetail) */
	if (r->mfa_required && nsteps > 1 && steps[1].method[1] != 'r')
		cells(steps[1].method);
	else
		CELL("");
	CELL("");
	if (r->mfa_required)       /* Authentication requirement */
		CELL("Multifactor authentication");
	else
		CELL("Single-factor authentication");
	cellstr(u->upn);           /* Sign-in identifier */
	{                          /* Session ID: one session per user per ~day, as in the JSON */
		uint64_t s = (uint64_t)(u - users) * 0x9e3779b97f4a7c15ULL + (uint64_t)(r->t / (86400 * T100NS));
		uint64_t a = splitmix64(&s), b = splitmix64(&s);
		*w++ = '"';
		guid_at(w, a, b);
		w += 36;
		LIT("\",");
	}
	/* IP address (seen by resource), Through Global Secure Access, Global Secure Access IP address */
	LIT("\"\",\"False\",\"\",");
	cellu(r->ip->asn);         /* Autonomous system  number */
	/* Flagged for review, Token issuer type, Incoming token type, Token issuer name */
	LIT("\"False\",\"Azure AD\",\"None\",\"\",");
	cellu(20 + rn(180) + (chance(0.1) ? rn(3000) : 0)); /* Latency (ms) */
	const char *cas = ca_status(r); /* Conditional Access */
	if (cas[0] == 's')
		CELL("Success");
	else if (cas[0] == 'f')
		CELL("Failure");
	else
		CELL("Not Applied");
	/* Managed Identity type, Associated Resource Id, Federated Token Id, Federated Token Issuer */
	LIT("\"\",\"\",\"\",\"\"\r\n");
}

/* ---------------------------------------------------------------- main */

static void usage(void)
{
	fputs("usage: gen [--records N] [--seed S] [--shape jsonl|diag|array|csv]\n", stderr);
	exit(2);
}

static unsigned long long parse_u(const char *s)
{
	char *e;
	unsigned long long v = strtoull(s, &e, 10);
	if (!*s || *e || s[0] == '-')
		usage();
	return v;
}

int main(int argc, char **argv)
{
	unsigned long long nrec = 1000, seed = 1;
	int shape = 0; /* 0 jsonl, 1 diag, 2 array, 3 csv */
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--records") && i + 1 < argc)
			nrec = parse_u(argv[++i]);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = parse_u(argv[++i]);
		else if (!strcmp(argv[i], "--shape") && i + 1 < argc) {
			const char *s = argv[++i];
			if (!strcmp(s, "jsonl"))
				shape = 0;
			else if (!strcmp(s, "diag"))
				shape = 1;
			else if (!strcmp(s, "array"))
				shape = 2;
			else if (!strcmp(s, "csv"))
				shape = 3;
			else
				usage();
		} else
			usage();
	}

	obuf = malloc(OCAP);
	if (!obuf) {
		perror("gen");
		return 1;
	}
	w = obuf;
	rng_state = seed * 0x2545f4914f6cdd1dULL + 0x1234567ULL;
	build_uas();
	build_tenant();

	/* 2026-01-01T00:00:00Z plus 90 days, spread evenly, each time jittered forward by up to
	 * three steps (so the file is in order except for small local swaps). */
	const int64_t start = 1767225600LL * T100NS;
	const int64_t span = 90LL * 86400 * T100NS;
	const int64_t step = nrec ? span / (int64_t)nrec : span;

	if (shape == 2)
		*w++ = '[';
	if (shape == 3) {
		only_interactive = 1;
		LIT("\xEF\xBB\xBF"); /* UTF-8 BOM */
		LIT(csv_header);
	}
	struct rec r;
	for (unsigned long long i = 0; i < nrec; i++) {
		oreserve();
		int64_t t = start + (int64_t)i * step + (int64_t)(rf() * 3.0 * (double)step);
		if (t >= start + span)
			t = start + span - 1 - (int64_t)rn(1000);
		pick(&r, t);
		if (shape == 3) {
			put_csv_row(&r);
			continue;
		}
		if (shape == 1)
			put_envelope(&r);
		else {
			if (shape == 2 && i)
				*w++ = ',';
			put_signin(&r, 0);
		}
		if (shape != 2)
			*w++ = '\n';
	}
	if (shape == 2)
		LIT("]\n");
	oflush();
	if (fflush(stdout) != 0) {
		perror("gen: write");
		return 1;
	}
	fprintf(stderr, "gen: %llu records, %llu bytes, average %.0f bytes/record\n", nrec, total_bytes,
	        nrec ? (double)total_bytes / (double)nrec : 0.0);
	return 0;
}
