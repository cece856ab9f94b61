/* input.h — input sources: expand paths, open files or stdin, inflate gzip by magic, skip BOM. */
#ifndef SL_INPUT_H
#define SL_INPUT_H
#include <stddef.h>
#include <stdint.h>

/* A list of input files after directory expansion; owns its strings. */
struct sl_paths {
	char **v;
	size_t n, cap;
};

/* Expand arguments: "-" is stdin; a directory is recursed (hidden entries skipped) and its
 * regular files added; the whole list is then sorted (strcmp) so that the processing order,
 * and therefore every figure, does not depend on the order of the arguments. A path that
 * cannot be read is reported (signlog: PATH: error: ...) and *errors is incremented. */
void sl_paths_expand(struct sl_paths *out, char **argv, int argc, int *errors);
void sl_paths_free(struct sl_paths *p);

/* A byte stream over one input; gzip (magic 1f 8b, multi-member) is inflated transparently,
 * and a UTF-8 BOM at the start of the decoded data is skipped. */
struct sl_input {
	const char *name;      /* display name: the path, or "(stdin)" */
	int fd;
	int gzip;              /* data is gzip-compressed */
	int eof;
	uint64_t raw_bytes;    /* bytes read from the file so far (compressed) */
	uint64_t raw_size;     /* file size if known (regular file), else 0 */
	uint64_t out_bytes;    /* decoded bytes delivered so far (after the BOM) */
	char err[256];         /* set when sl_input_read fails: why and where (byte offset) */
	/* private */
	void *z;               /* z_stream when gzip */
	unsigned char *ibuf;
	size_t ibuf_len, ibuf_pos, ibuf_cap;
	int bom_checked;
	int z_member_done;
};

/* Open path ("-" = stdin). Returns 0, or -1 with in->err set. */
int sl_input_open(struct sl_input *in, const char *path);
/* Read up to n decoded bytes. Returns bytes read (>0), 0 at end of input, -1 on error
 * (in->err says what: read error, corrupt or truncated gzip with the compressed offset).
 * Bytes returned before an error are valid. */
long sl_input_read(struct sl_input *in, char *buf, size_t n);
void sl_input_close(struct sl_input *in);

#endif
