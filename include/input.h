/* input.h — input sources: expand paths, open files or stdin, inflate gzip by magic, skip BOM. */
#ifndef SL_INPUT_H
#define SL_INPUT_H
#include <stddef.h>
#include <stdint.h>

struct sl_inflate;

/* A list of input files after directory expansion; owns its strings. */
struct sl_paths {
	char **v;
	size_t n, cap;
	unsigned char *indir;      /* per file: found by recursing a directory (not named) */
	/* set by the caller before expanding (borrowed) */
	const char *const *include;  /* --include globs: files in directories must match one */
	size_t ninclude;
	int quiet;                 /* no notes */
};

/* Expand arguments: "-" is stdin; a directory is recursed (hidden entries skipped) and its
 * regular files added; the whole list is then sorted (strcmp) so that the processing order,
 * and therefore every figure, does not depend on the order of the arguments. A path that
 * cannot be read is reported (signlog: PATH: error: ...) and *errors is incremented.
 *
 * Details: out must be zeroed but for the caller's fields (or hold earlier results, which
 * are kept and re-sorted); exact duplicate strings are removed. Inside directories, entries
 * starting with '.' are skipped; symbolic links are followed, to files and to directories,
 * and a directory already read (a loop, or a second way to one) is skipped with a note;
 * other file types (FIFOs, sockets, devices) are skipped with a note; dangling links and
 * unreadable files/directories are reported. Files that are plainly not exports (see
 * sl_path_is_notes) are skipped with a note each, unless --include globs are given: then a
 * file in a directory is read when its name matches one (fnmatch), whatever it is, and
 * skipped silently otherwise. A named argument that is not a directory is kept whatever its
 * type or name (so FIFOs such as <(zcat x.gz) and /dev/stdin work); named regular files are
 * checked for read access. Hidden names given explicitly are kept. Directory paths are
 * joined with one '/'. */
void sl_paths_expand(struct sl_paths *out, char **argv, int argc, int *errors);
/* Is name (a file name, no directory) that of notes kept next to the evidence rather than an
 * export? README*, LICENSE*, COPYING*, NOTICE*, CHANGELOG*; documents (.md .markdown .rst
 * .html .htm .pdf .doc .docx .odt .rtf); scripts (.sh .bash .ps1 .psm1 .psd1 .py .bat .cmd
 * .vbs .js); hashes and signatures (.sha1 .sha256 .sha512 .md5 .sig .asc .gpg, *SUMS,
 * *.sha256sum ...). Compared case-insensitively. */
int sl_path_is_notes(const char *name);
/* Can path be opened and read again from the start (a regular file, not "-", a pipe or a
 * device)? Pre-reads (AuthDetails headers, CSV date order) are done only on those. */
int sl_path_rereadable(const char *path);
void sl_paths_free(struct sl_paths *p);

/* A byte stream over one input; gzip (magic 1f 8b, multi-member) is inflated transparently,
 * and a UTF-8 BOM at the start of the decoded data is skipped.
 * Ownership: name is borrowed (the path passed to sl_input_open, or a static "(stdin)"), so the
 * path must outlive the input; everything else is owned and released by sl_input_close. */
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
	struct sl_inflate *inf; /* the deflate decoder when gzip (inflate.h) */
	unsigned char *ibuf;   /* 256 KiB compressed / look-ahead buffer, owned */
	size_t ibuf_len, ibuf_pos, ibuf_cap;
	int bom_checked;
	enum { GZ_HEADER, GZ_BODY, GZ_BETWEEN } gz_state; /* BETWEEN: expect 1f 8b, zeros or the end */
	int z_padding;         /* zero padding seen after the last member */
	uint64_t member_at;    /* compressed offset of the current member's first byte */
	uint64_t member_out;   /* bytes decoded from the current member */
	int own_fd;            /* close fd in sl_input_close (not for stdin) */
	int raw_eof;           /* read(2) returned 0 */
	int dec_eof;           /* decoded stream ended cleanly */
	int failed;            /* err set; reads return -1 once pending bytes are delivered */
	unsigned char head[3]; /* first decoded bytes, held back to look for the BOM */
	unsigned head_len, head_pos;
};

/* Open path ("-" = stdin). Returns 0, or -1 with in->err set (strerror text or a gzip
 * message, without the name; print as "signlog: NAME: error: ERR"). Reads the first bytes
 * to detect gzip. After a failure nothing is left open; sl_input_close is then a no-op. */
int sl_input_open(struct sl_input *in, const char *path);
/* Read up to n decoded bytes. Returns bytes read (>0), 0 at end of input, -1 on error
 * (in->err says what: read error, corrupt or truncated gzip with the compressed offset).
 * Bytes returned before an error are valid. Fills buf completely unless the input ends or
 * fails first (decoded data goes straight into buf; pass large buffers, e.g. 4 MiB).
 * Errors (the same text and offsets whichever inflater the binary uses; N is a byte offset in
 * the compressed input, counted from 0):
 *   "read error at byte N: <strerror>"
 *   "truncated gzip data at byte N (compressed)"          N = the input's size
 *   "corrupt gzip data at byte N: unknown compression method"   N = the method byte
 *   "corrupt gzip data at byte N: reserved header flags set"    N = the flags byte
 *   "corrupt gzip data at byte N: header CRC mismatch"          N = the header CRC field
 *   "corrupt gzip data at byte N: CRC-32 mismatch"              N = the member's trailer
 *   "corrupt gzip data at byte N: length mismatch"              N = the trailer's length field
 *   "corrupt gzip data: invalid deflate data in the member starting at byte N"
 *   "trailing garbage after gzip data at byte N"                N = the first such byte
 * Invalid deflate data is reported with the member it is in, not with the place where the
 * inflater noticed it: that place, and so how many damaged bytes were delivered before the
 * error, differs between inflaters; ISA-L even decodes some malformed code tables that zlib
 * rejects, so the damage may only show in the CRC-32 check. After -1, further calls return -1. */
long sl_input_read(struct sl_input *in, char *buf, size_t n);
/* The bytes of a plain (not gzip) regular file, mapped into memory instead of read: data and
 * len are the content after a UTF-8 BOM. Owned by whoever mapped it (sl_unmap). */
struct sl_map {
	const char *data;
	size_t len;
	void *base;            /* private */
	size_t size, dropped;
};
/* Map in's file (before any sl_input_read). Returns 0, or -1 when it cannot be mapped (stdin,
 * a pipe, gzip, an empty file, mmap refused): read it instead. */
int sl_input_map(struct sl_input *in, struct sl_map *m);
/* data[0, off) is no longer needed: its pages may leave memory (they stay mapped). */
void sl_map_drop(struct sl_map *m, size_t off);
void sl_unmap(struct sl_map *m);
/* Release everything (stdin is not closed). Safe to call twice or after a failed open. */
void sl_input_close(struct sl_input *in);

#endif
