/* detect_file.c — the files detect reads besides the logs (allow-list, user-agent list): whole, as text, with their SHA-256. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nettle/sha2.h>
#include "detect.h"
#include "util.h"

char *sl_dconf_read(const char *path, size_t *len, char sha[65], char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;
	struct sha256_ctx h;
	uint8_t d[SHA256_DIGEST_SIZE];
	if (!f) {
		snprintf(err, errlen, "%s: error: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (n + 4096 + 1 > cap)
			sl_grow((void **)&buf, &cap, n + 4096 + 1, 1);
		size_t k = fread(buf + n, 1, 4096, f);
		n += k;
		if (k < 4096)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: error: %s", path, strerror(errno));
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	if (memchr(buf, '\0', n)) {
		snprintf(err, errlen, "%s: error: not a text file", path);
		free(buf);
		return NULL;
	}
	sha256_init(&h);
	sha256_update(&h, n, (const uint8_t *)buf);
	sha256_digest(&h, sizeof d, d);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(sha + 2 * i, 3, "%02x", d[i]);
	*len = n;
	return buf;
}
