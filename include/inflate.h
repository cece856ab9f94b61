/* inflate.h — raw deflate decoding with the CRC-32 of what it decodes: Intel ISA-L's igzip when
 * the build has it (SL_HAVE_ISAL), zlib otherwise. The gzip framing around it (headers, trailer
 * checks, members, padding) is input.c's, shared by both, so that both give the same messages. */
#ifndef SL_INFLATE_H
#define SL_INFLATE_H
#include <stddef.h>
#include <stdint.h>

/* One deflate stream at a time; owned by whoever made it (sl_inflate_free). */
struct sl_inflate;

enum sl_inflate_ret {
	SL_INF_MORE,  /* call again: with more input, or more room for output */
	SL_INF_END,   /* the stream ended; nothing more is decoded until sl_inflate_reset */
	SL_INF_BAD    /* invalid deflate data; the stream is dead until sl_inflate_reset */
};

/* A decoder (allocation failure exits with a message). */
struct sl_inflate *sl_inflate_new(void);
void sl_inflate_free(struct sl_inflate *f);
/* Forget the stream: the next bytes start a new one (a new gzip member). */
void sl_inflate_reset(struct sl_inflate *f);
/* Decode in[0, in_len) into out[0, out_len); either length may be 0. *made gets the bytes
 * written. *used gets the input bytes consumed: at SL_INF_END it stops right after the last
 * byte of the stream, and may then be negative, down to -8: the decoder gives back
 * look-ahead bytes it took in an earlier call, so the caller must keep the 8 bytes before in
 * (the same bytes it passed before) readable. Bytes written before SL_INF_BAD are what the
 * decoder made of the data before it noticed; where it notices differs between decoders. */
enum sl_inflate_ret sl_inflate_run(struct sl_inflate *f, const unsigned char *in, size_t in_len,
                                   long *used, unsigned char *out, size_t out_len, size_t *made);
/* CRC-32 (the gzip one) of every byte written since the last reset. */
uint32_t sl_inflate_crc(const struct sl_inflate *f);
/* The decoder this binary uses, for --version: "ISA-L 2.30.0", "zlib 1.2.13". Static. */
const char *sl_inflate_version(void);

#endif
