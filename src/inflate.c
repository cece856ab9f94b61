/* inflate.c — raw deflate decoding with a running CRC-32: ISA-L's igzip when built with it,
 * zlib otherwise (make ISAL=0, or no ISA-L on the build machine). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include "config.h"
#include "inflate.h"
#include "util.h"

#if SL_HAVE_ISAL
#include <isa-l/igzip_lib.h>

struct sl_inflate {
	struct inflate_state s;
};

struct sl_inflate *sl_inflate_new(void)
{
	struct sl_inflate *f = sl_xmalloc(sizeof *f);
	isal_inflate_init(&f->s);
	/* raw deflate, CRC-32 of the output kept in s.crc; input.c reads the trailer itself */
	f->s.crc_flag = ISAL_GZIP_NO_HDR;
	return f;
}

void sl_inflate_free(struct sl_inflate *f)
{
	free(f);
}

void sl_inflate_reset(struct sl_inflate *f)
{
	isal_inflate_reset(&f->s); /* keeps crc_flag */
}

enum sl_inflate_ret sl_inflate_run(struct sl_inflate *f, const unsigned char *in, size_t in_len,
                                   long *used, unsigned char *out, size_t out_len, size_t *made)
{
	int r;
	f->s.next_in = (uint8_t *)(uintptr_t)in;
	f->s.avail_in = in_len > UINT32_MAX ? UINT32_MAX : (uint32_t)in_len;
	f->s.next_out = out;
	f->s.avail_out = out_len > UINT32_MAX ? UINT32_MAX : (uint32_t)out_len;
	r = isal_inflate(&f->s);
	*used = (long)(f->s.next_in - in);
	*made = (size_t)(f->s.next_out - out);
	if (r < 0)
		return SL_INF_BAD;
	if (f->s.block_state != ISAL_BLOCK_FINISH)
		return SL_INF_MORE;
	/* The whole bytes still in igzip's 64-bit look-ahead follow the stream: give them back.
	 * They may have been taken in an earlier call. (Newer igzip moves next_in back itself
	 * and empties the look-ahead; 2.30 leaves it as it is.) */
	*used -= f->s.read_in_length / 8;
	f->s.read_in = 0;
	f->s.read_in_length = 0;
	return SL_INF_END;
}

uint32_t sl_inflate_crc(const struct sl_inflate *f)
{
	return f->s.crc;
}

const char *sl_inflate_version(void)
{
	return SL_ISAL_VERSION[0] ? "ISA-L " SL_ISAL_VERSION : "ISA-L";
}

#else
#include <zlib.h>

struct sl_inflate {
	z_stream z;
	uLong crc;
};

struct sl_inflate *sl_inflate_new(void)
{
	struct sl_inflate *f = sl_xcalloc(1, sizeof *f);
	/* negative window bits: raw deflate, no zlib or gzip wrapper */
	int r = inflateInit2(&f->z, -MAX_WBITS);
	if (r != Z_OK)
		sl_die(SL_EXIT_ERROR, "cannot start the gzip decoder: %s", f->z.msg ? f->z.msg : zError(r));
	return f;
}

void sl_inflate_free(struct sl_inflate *f)
{
	if (f) {
		inflateEnd(&f->z);
		free(f);
	}
}

void sl_inflate_reset(struct sl_inflate *f)
{
	inflateReset(&f->z);
	f->crc = crc32(0L, Z_NULL, 0);
}

enum sl_inflate_ret sl_inflate_run(struct sl_inflate *f, const unsigned char *in, size_t in_len,
                                   long *used, unsigned char *out, size_t out_len, size_t *made)
{
	uInt ai = in_len > UINT_MAX ? UINT_MAX : (uInt)in_len;
	uInt ao = out_len > UINT_MAX ? UINT_MAX : (uInt)out_len;
	int r;
	f->z.next_in = (Bytef *)(uintptr_t)in;
	f->z.avail_in = ai;
	f->z.next_out = out;
	f->z.avail_out = ao;
	r = inflate(&f->z, Z_NO_FLUSH);
	*used = (long)(ai - f->z.avail_in);
	*made = ao - f->z.avail_out;
	f->crc = crc32(f->crc, out, (uInt)*made);
	switch (r) {
	case Z_STREAM_END:
		return SL_INF_END;
	case Z_OK:
	case Z_BUF_ERROR: /* no progress possible without more input */
		return SL_INF_MORE;
	case Z_MEM_ERROR:
		sl_die(SL_EXIT_ERROR, "out of memory");
	default: /* Z_DATA_ERROR; Z_NEED_DICT and Z_STREAM_ERROR cannot happen here */
		return SL_INF_BAD;
	}
}

uint32_t sl_inflate_crc(const struct sl_inflate *f)
{
	return (uint32_t)f->crc;
}

const char *sl_inflate_version(void)
{
	static char v[48];
	snprintf(v, sizeof v, "zlib %s", zlibVersion());
	return v;
}
#endif
