/* Reading the file an overlay's `extends` names (load/file.h): only a regular
 * file, only under the extends root unless the caller widened the rule, and
 * never in a way that can block. The name comes from the document, not from
 * the caller, so nothing of a refused file is ever quoted: the messages say
 * why it was refused, and the overlay's position says which `extends`. */
#define _XOPEN_SOURCE 700 /* realpath, O_NOFOLLOW, O_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/vfs.h>
#endif

#include "load/file.h"
#include "govopen/common.h"
#include "util/compiler.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif
/* a name joined to the working directory: two paths and a slash */
#define GV_LEXICAL_MAX (2 * PATH_MAX + 2)

GV_PRINTF(4, 5)
static int refuse(int code, char *msg, size_t msg_size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, msg_size, fmt, ap);
  va_end(ap);
  return code;
}

/* `path` taken lexically ("." and ".." folded, slashes single) and made
   absolute against the working directory, into out[GV_LEXICAL_MAX]:
   GOVOPEN_OK; GOVOPEN_EIO when the working directory is unknown;
   GOVOPEN_ELIMIT when the path is longer than GV_LEXICAL_MAX. Linear: each component is
   written once and taken back at most once. */
static int lexical(const char *path, char *out) {
  char cwd[PATH_MAX];
  const char *parts[2] = {"", path};
  if (path[0] != '/') {
    if (getcwd(cwd, sizeof cwd) == NULL) return GOVOPEN_EIO;
    parts[0] = cwd;
  }
  size_t n = 0;
  for (int k = 0; k < 2; k++) {
    const char *s = parts[k];
    while (*s) {
      while (*s == '/') s++;
      const char *e = s;
      while (*e && *e != '/') e++;
      size_t len = (size_t)(e - s);
      if (len == 0 || (len == 1 && s[0] == '.')) {
        /* nothing */
      } else if (len == 2 && s[0] == '.' && s[1] == '.') {
        while (n > 0 && out[n - 1] != '/') n--;
        if (n > 0) n--; /* the slash before it; above "/" stays "/" */
      } else {
        if (n + 1 + len + 1 > GV_LEXICAL_MAX) return GOVOPEN_ELIMIT;
        out[n++] = '/';
        memcpy(out + n, s, len);
        n += len;
      }
      s = e;
    }
  }
  if (n == 0) out[n++] = '/';
  out[n] = '\0';
  return GOVOPEN_OK;
}

/* Whether the absolute path `p` is `dir` or below it. */
static int under(const char *p, const char *dir) {
  size_t n = strlen(dir);
  while (n > 1 && dir[n - 1] == '/') n--;
  if (n == 1 && dir[0] == '/') return p[0] == '/';
  return strncmp(p, dir, n) == 0 && (p[n] == '/' || p[n] == '\0');
}

static const char *kind_of(mode_t m) {
  if (S_ISDIR(m)) return "a directory";
  if (S_ISFIFO(m)) return "a named pipe";
  if (S_ISCHR(m)) return "a character device";
  if (S_ISBLK(m)) return "a block device";
  if (S_ISSOCK(m)) return "a socket";
  return "a special file";
}

/* Whether the open file lives on one of the kernel's own file systems
   (/proc, /sys …), whose "regular" files are made up as they are read. */
static int kernel_file(int fd) {
#if defined(__linux__)
  /* the magic numbers of linux/magic.h, spelt out so that no kernel header is needed */
  static const unsigned long kinds[] = {
      0x9fa0UL,     /* proc */
      0x62656572UL, /* sysfs */
      0x64626720UL, /* debugfs */
      0x74726163UL, /* tracefs */
      0x73636673UL, /* securityfs */
      0x62656570UL, /* configfs */
      0x27e0ebUL,   /* cgroup */
      0x63677270UL, /* cgroup2 */
      0xde5e81e4UL, /* efivarfs */
      0xcafe4a11UL, /* bpf */
  };
  struct statfs sf;
  if (fstatfs(fd, &sf) != 0) return 0;
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if ((unsigned long)sf.f_type == kinds[i]) return 1;
#else
  (void)fd;
#endif
  return 0;
}

/* Reads the open regular file `fd`, of `size` bytes when it was opened,
   within `limit`. */
static int read_all(int fd, uint64_t size, size_t limit, char **data, size_t *len, char *msg, size_t msg_size) {
  size_t cap = (size_t)size + 1, n = 0;
  char *buf = malloc(cap);
  if (buf == NULL) return GOVOPEN_ENOMEM;
  for (;;) {
    if (n + 1 >= cap) { /* it grew since it was measured */
      if (cap > limit) {
        free(buf);
        return refuse(GOVOPEN_ELIMIT, msg, msg_size, "it is larger than the limit of %zu bytes (GOVOPEN_OPT_MAX_SIZE)",
                      limit);
      }
      size_t grown = cap * 2 > limit + 2 ? limit + 2 : cap * 2;
      char *p = realloc(buf, grown);
      if (p == NULL) {
        free(buf);
        return GOVOPEN_ENOMEM;
      }
      buf = p;
      cap = grown;
    }
    ssize_t r = read(fd, buf + n, cap - 1 - n);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      int e = errno;
      free(buf);
      return refuse(GOVOPEN_EIO, msg, msg_size, "it cannot be read: %s", strerror(e));
    }
    if (r == 0) break;
    n += (size_t)r;
  }
  if (n > limit) {
    free(buf);
    return refuse(GOVOPEN_ELIMIT, msg, msg_size, "it is larger than the limit of %zu bytes (GOVOPEN_OPT_MAX_SIZE)",
                  limit);
  }
  buf[n] = '\0';
  *data = buf;
  *len = n;
  return GOVOPEN_OK;
}

/* Opens the regular file `target` (already checked with stat into `st`)
   without blocking and checks that the descriptor is that same file. */
static int open_checked(const char *target, int nofollow, const struct stat *st, int *out, char *msg, size_t msg_size) {
  int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | (nofollow ? O_NOFOLLOW : 0);
  int fd = open(target, flags);
  if (fd < 0) {
    int e = errno;
    if (e == ENOMEM) return GOVOPEN_ENOMEM;
    if (e == ELOOP && nofollow) return refuse(GOVOPEN_ESCHEMA, msg, msg_size, "it changed while it was being checked");
    return refuse(GOVOPEN_EIO, msg, msg_size, "it cannot be opened: %s", strerror(e));
  }
  struct stat fst;
  const char *kind = NULL, *why = NULL;
  if (fstat(fd, &fst) != 0)
    why = "it cannot be read";
  else if (!S_ISREG(fst.st_mode))
    kind = kind_of(fst.st_mode);
  else if (fst.st_dev != st->st_dev || fst.st_ino != st->st_ino)
    why = "it changed while it was being checked";
  else if (kernel_file(fd))
    why = "it is a file of the kernel's (/proc, /sys), not a regular file";
  if (kind || why) {
    close(fd);
    if (kind) return refuse(GOVOPEN_ESCHEMA, msg, msg_size, "it is %s, not a regular file", kind);
    return refuse(GOVOPEN_ESCHEMA, msg, msg_size, "%s", why);
  }
  *out = fd;
  return GOVOPEN_OK;
}

static const char OUTSIDE[] =
    "it is outside the extends root, the directory bases may be read from (GOVOPEN_OPT_EXTENDS_ROOT; govopen "
    "--extends-root)";

/* The real path of `root` into real_root[PATH_MAX], and whether `path`
   lies under it by its name alone ("." and ".." folded): a name that does
   not is refused before the file system is asked about it, so that whether
   a file outside the root exists is never told. `*lexically_inside` is 0
   when the name could not be folded (the real path decides then). */
static int check_root(const char *path, const char *root, char *real_root, int *lexically_inside, char *msg,
                      size_t msg_size) {
  *lexically_inside = 0;
  if (root == NULL || realpath(root, real_root) == NULL) {
    int e = root ? errno : ENOENT;
    if (e == ENOMEM) return GOVOPEN_ENOMEM;
    return refuse(GOVOPEN_EIO, msg, msg_size, "the extends root (GOVOPEN_OPT_EXTENDS_ROOT) cannot be resolved: %s",
                  strerror(e));
  }
  struct stat rs;
  if (stat(real_root, &rs) != 0 || !S_ISDIR(rs.st_mode))
    return refuse(GOVOPEN_EIO, msg, msg_size, "the extends root (GOVOPEN_OPT_EXTENDS_ROOT) is not a directory");
  char lex[GV_LEXICAL_MAX], lex_root[GV_LEXICAL_MAX];
  if (lexical(path, lex) != GOVOPEN_OK) return GOVOPEN_OK;
  *lexically_inside = under(lex, real_root) || (lexical(root, lex_root) == GOVOPEN_OK && under(lex, lex_root));
  return *lexically_inside ? GOVOPEN_OK : refuse(GOVOPEN_ESCHEMA, msg, msg_size, "%s", OUTSIDE);
}

static int missing(int e, const char *path, char *msg, size_t msg_size) {
  if (e == ENOMEM) return GOVOPEN_ENOMEM;
  if (e == ENOENT || e == ENOTDIR)
    return refuse(GOVOPEN_ENOTFOUND, msg, msg_size, "no built-in framework has that id, and there is no file %s", path);
  return refuse(GOVOPEN_EIO, msg, msg_size, "it cannot be resolved: %s", strerror(e));
}

int gv_read_base_file(const char *path, int mode, const char *root, size_t limit, char **data, size_t *len,
                      char **real_out, char *msg, size_t msg_size) {
  *data = NULL;
  *len = 0;
  *real_out = NULL;
  if (strlen(path) >= PATH_MAX) return refuse(GOVOPEN_ESCHEMA, msg, msg_size, "its name is too long");
  char real_root[PATH_MAX], real[PATH_MAX];
  int lexically_inside = 0, r;
  if (mode == 1 && (r = check_root(path, root, real_root, &lexically_inside, msg, msg_size)) != GOVOPEN_OK) return r;
  /* the real path decides: a symbolic link inside the root may not lead out of it */
  const char *target = path;
  int nofollow = 0;
  if (realpath(path, real)) {
    target = real;
    nofollow = 1; /* the last component is no link now: if it becomes one, refuse it */
  } else if (mode == 1 || errno == ENOMEM) {
    return missing(errno, path, msg, msg_size);
  } /* else widened: /dev/stdin's link into /proc may not resolve, but the file is still looked at */
  if (mode == 1 && !under(real, real_root))
    return refuse(GOVOPEN_ESCHEMA, msg, msg_size, "%s",
                  lexically_inside ? "a symbolic link leads outside the extends root (GOVOPEN_OPT_EXTENDS_ROOT)"
                                   : OUTSIDE);
  /* the type before any open: a device or a pipe is never opened at all */
  struct stat st;
  if (stat(target, &st) != 0) return missing(errno, path, msg, msg_size);
  if (!S_ISREG(st.st_mode))
    return refuse(GOVOPEN_ESCHEMA, msg, msg_size, "it is %s, not a regular file", kind_of(st.st_mode));
  if ((uint64_t)st.st_size > limit)
    return refuse(GOVOPEN_ELIMIT, msg, msg_size, "it is larger than the limit of %zu bytes (GOVOPEN_OPT_MAX_SIZE)",
                  limit);
  int fd = -1;
  if ((r = open_checked(target, nofollow, &st, &fd, msg, msg_size)) != GOVOPEN_OK) return r;
  r = read_all(fd, (uint64_t)st.st_size, limit, data, len, msg, msg_size);
  close(fd);
  if (r != GOVOPEN_OK) return r;
  size_t n = strlen(target) + 1;
  if ((*real_out = malloc(n)) == NULL) {
    free(*data);
    *data = NULL;
    *len = 0;
    return GOVOPEN_ENOMEM;
  }
  memcpy(*real_out, target, n);
  return GOVOPEN_OK;
}
