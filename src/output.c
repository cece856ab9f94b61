/* output.c — report targets: stdout, a file or a directory of CSV tables, written through a
 * temporary file and a rename, and never onto the evidence being read. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "output.h"
#include "util.h"

int sl_output_is_dir(const char *path)
{
	struct stat st;
	size_t n = strlen(path);
	return (n && path[n - 1] == '/') || (stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

static char *join(const char *dir, const char *name, const char *ext)
{
	size_t dl = strlen(dir);
	int slash = dl && dir[dl - 1] == '/';
	char *s = sl_xmalloc(dl + strlen(name) + strlen(ext) + 2);
	sprintf(s, "%s%s%s%s", dir, slash ? "" : "/", name, ext);
	return s;
}

char **sl_output_files(const char *path, int dir, const struct sl_report *r, const char *table, size_t *n)
{
	char **v = sl_xcalloc(r->nsec + 1, sizeof *v);
	*n = 0;
	if (!dir) {
		v[(*n)++] = sl_xstrdup(path);
		return v;
	}
	for (size_t i = 0; i < r->nsec; i++) {
		const char *name = sl_section_name(r, r->secs[i]);
		if (!table || strcmp(table, name) == 0)
			v[(*n)++] = join(path, name, ".csv");
	}
	return v;
}

/* The directory part of path, resolved (NULL when it does not exist). */
static char *real_dir(const char *path)
{
	char *copy = sl_xstrdup(path), *slash, *res;
	size_t n = strlen(copy);
	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = '\0';
	slash = strrchr(copy, '/');
	if (!slash)
		res = realpath(".", NULL);
	else if (slash == copy)
		res = realpath("/", NULL);
	else {
		*slash = '\0';
		res = realpath(copy, NULL);
	}
	free(copy);
	return res;
}

/* Is the resolved path p dir itself or below it? */
static int within(const char *p, const char *dir)
{
	size_t n = strlen(dir);
	if (strncmp(p, dir, n) != 0)
		return 0;
	return p[n] == '\0' || p[n] == '/' || (n == 1 && dir[0] == '/');
}

int sl_output_check(char *const *outs, size_t nouts, char *const *inputs, int ninputs,
                    const struct sl_paths *paths)
{
	int warned = 0;
	for (size_t k = 0; k < nouts; k++) {
		struct stat os;
		char *odir;
		if (stat(outs[k], &os) == 0 && S_ISREG(os.st_mode)) {
			/* an existing file: is it one the run reads? (stat follows links both ways) */
			for (size_t i = 0; paths && i < paths->n; i++) {
				struct stat is;
				if (strcmp(paths->v[i], "-") == 0 || stat(paths->v[i], &is) != 0)
					continue;
				if (is.st_dev == os.st_dev && is.st_ino == os.st_ino) {
					sl_warn("%s: error: the output is the input %s; not overwriting evidence "
					        "(name another output file)", outs[k], paths->v[i]);
					return -1;
				}
			}
		}
		/* a new or other file inside an input directory: the next run over it would read the
		 * report as an input */
		if (warned || !(odir = real_dir(outs[k])))
			continue;
		for (int i = 0; i < ninputs; i++) {
			struct stat is;
			char *idir;
			if (strcmp(inputs[i], "-") == 0 || stat(inputs[i], &is) != 0 || !S_ISDIR(is.st_mode))
				continue;
			if (!(idir = realpath(inputs[i], NULL)))
				continue;
			if (within(odir, idir)) {
				sl_warn("%s: warning: the output is inside the input directory %s; a later run "
				        "over %s would read it", outs[k], inputs[i], inputs[i]);
				warned = 1;
			}
			free(idir);
			if (warned)
				break;
		}
		free(odir);
	}
	return 0;
}

/* A file being written: tmp is renamed to path when complete (tmp NULL: written in place,
 * for targets that are not regular files, such as /dev/null or a FIFO). */
struct target {
	FILE *f;
	char *path, *tmp;
};

static int target_open(struct target *t, const char *path)
{
	struct stat st;
	char *dir, *base, *slash;
	mode_t mask;
	int fd;

	memset(t, 0, sizeof *t);
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		t->path = sl_xstrdup(path);
		t->f = fopen(path, "w");
		return t->f ? 0 : -1;
	}
	/* an existing file is replaced where it really is, not where a link to it points from */
	t->path = stat(path, &st) == 0 ? realpath(path, NULL) : NULL;
	if (!t->path)
		t->path = sl_xstrdup(path);
	dir = sl_xstrdup(t->path);
	slash = strrchr(dir, '/');
	base = slash ? slash + 1 : dir;
	if (slash)
		slash[1] = '\0';
	t->tmp = sl_xmalloc(strlen(t->path) + 16);
	sprintf(t->tmp, "%s.%s.XXXXXX", slash ? dir : "", base);
	free(dir);
	if ((fd = mkstemp(t->tmp)) < 0)
		return -1;
	/* mkstemp makes 0600; a report gets the mode any new file gets */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || !(t->f = fdopen(fd, "w"))) {
		int e = errno;
		close(fd);
		unlink(t->tmp);
		errno = e;
		return -1;
	}
	return 0;
}

/* Flush and close the file: 0, or -1 with errno. */
static int target_finish(struct target *t)
{
	int e = 0;
	if (!t->f)
		return 0;
	if (fflush(t->f) != 0 || ferror(t->f) || (t->tmp && fsync(fileno(t->f)) != 0))
		e = errno ? errno : EIO;
	if (fclose(t->f) != 0 && !e)
		e = errno;
	t->f = NULL;
	errno = e;
	return e ? -1 : 0;
}

/* ok: every file of the output is complete, so the temporary file takes the target's place;
 * else it goes. Returns 0, or -1 with errno. */
static int target_commit(struct target *t, int ok)
{
	int e = 0;
	if (t->tmp) {
		if (ok && rename(t->tmp, t->path) != 0)
			e = errno;
		if (!ok || e)
			unlink(t->tmp);
	}
	free(t->tmp);
	free(t->path);
	t->tmp = t->path = NULL;
	errno = e;
	return e ? -1 : 0;
}

int sl_output_write(const struct sl_report *r, const char *path, int dir, const struct sl_write_opts *o)
{
	size_t n = 0, k;
	char **files;
	struct target *t;
	int bad = 0;

	if (!path) {
		if (sl_write(stdout, r, o) != 0 || fflush(stdout) != 0) {
			sl_warn("standard output: error: cannot write: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	if (dir && mkdir(path, 0777) != 0 && errno != EEXIST) {
		sl_warn("%s: error: cannot write: %s", path, strerror(errno));
		return -1;
	}
	files = sl_output_files(path, dir, r, o->table, &n);
	t = sl_xcalloc(n ? n : 1, sizeof *t);
	/* every file complete before any is renamed into place */
	for (k = 0; k < n && !bad; k++) {
		struct sl_write_opts one = *o;
		if (target_open(&t[k], files[k]) != 0) {
			sl_warn("%s: error: cannot write: %s", files[k], strerror(errno));
			bad = 1;
			break;
		}
		if (dir) {
			/* the k-th table written into this directory */
			size_t seen = 0;
			for (size_t i = 0; i < r->nsec; i++) {
				const char *name = sl_section_name(r, r->secs[i]);
				if ((!o->table || strcmp(o->table, name) == 0) && seen++ == k) {
					one.table = name;
					break;
				}
			}
		}
		if (sl_write(t[k].f, r, &one) != 0 || target_finish(&t[k]) != 0) {
			sl_warn("%s: error: cannot write: %s", files[k], strerror(errno));
			bad = 1;
		}
	}
	for (size_t j = 0; j < n; j++) {
		if (t[j].f)
			target_finish(&t[j]);
		if (target_commit(&t[j], !bad) != 0 && !bad) {
			sl_warn("%s: error: cannot write: %s", files[j], strerror(errno));
			bad = 1;
		}
	}
	for (k = 0; k < n; k++)
		free(files[k]);
	free(files);
	free(t);
	return bad ? -1 : 0;
}
