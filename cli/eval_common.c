/* What evaluate, report and rectify share (public API only): the options of
 * an evaluation, setting one up from them, and writing an output file
 * safely. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"

enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

const char CLI_EVAL_OPTIONS[] =
    "  --observations FILE     observations: JSON Lines (.jsonl), a JSON array (.json), YAML,\n"
    "                          or a worksheet filled in (.csv: govopen plan --format csv)\n"
    "  --as-of DATE            the as-of date (YYYY-MM-DD); required unless the framework gives one\n"
    "  --period FIRST LAST     the evaluation period (default: the framework's year)\n"
    "  --framework FILE | --builtin ID   the framework (default: built-in langao-2023)\n"
    "  --calendar-file FILE    a county's own working-day calendar\n"
    "  --not-evaluated skip|zero   a point without observations: left out (default) or scored 0\n"
    "  --county mean|min       the county's score of a point from its units (default mean)\n"
    "  --max-named N           failing samples named per reason (default 3)\n"
    "  --min-coverage PCT      mark a ranked unit whose evaluated points are worth less than PCT%\n"
    "                          of its points' maximum (0 to 100, default 50; 0 marks none)\n"
    "  --jobs N                threads reading a JSON Lines file (1 to 64, default 1)\n"
    "  --strict                stop at the first bad observation (exit 1)\n" CLI_EXTENDS_OPTIONS;

/* --- options ----------------------------------------------------------------------- */

int cli_eval_init(cli_eval *o, int argc) {
  memset(o, 0, sizeof *o);
  o->max_named = 3;
  o->min_coverage = -1;
  o->observations = calloc((size_t)argc + 1, sizeof(char *));
  if (o->observations == NULL) {
    fprintf(stderr, "govopen: out of memory\n");
    return EXIT_INVALID;
  }
  return -1;
}

void cli_eval_free(cli_eval *o) {
  free(o->observations);
  o->observations = NULL;
}

/* A number from `lo` to `hi`, or -1. */
static long bounded(const char *v, long lo, long hi) {
  char *end = NULL;
  errno = 0;
  long n = strtol(v, &end, 10);
  return end == v || *end || errno || n < lo || n > hi ? -1 : n;
}

int cli_eval_option(cli_eval *o, int argc, char **argv, int *i) {
  const char *a = argv[*i];
  const char *v = *i + 1 < argc ? argv[*i + 1] : NULL;
  /* the options that take one value */
  static const char *const valued[] = {
      "--observations", "--as-of", "--framework", "--builtin", "--calendar-file", "--not-evaluated", "--county",
      "--max-named",    "--jobs",  "--output",    "-o",        "--extends-root",  "--min-coverage"};
  if (strcmp(a, "--strict") == 0) {
    o->strict = 1;
    return CLI_TAKEN;
  }
  if (strcmp(a, "--extends-any") == 0) {
    int rc = cli_set_extends(NULL, 1);
    return rc >= 0 ? rc : CLI_TAKEN;
  }
  if (strcmp(a, "--period") == 0) {
    if (*i + 2 >= argc) return cli_usage_error("option '--period' needs FIRST and LAST");
    o->period_first = argv[*i + 1];
    o->period_last = argv[*i + 2];
    *i += 2;
    return CLI_TAKEN;
  }
  size_t k = 0;
  while (k < sizeof valued / sizeof valued[0] && strcmp(a, valued[k]) != 0) k++;
  if (k == sizeof valued / sizeof valued[0]) return CLI_NOT_MINE;
  if (v == NULL) return cli_usage_error("option '%s' needs a value", a);
  ++*i;
  if (strcmp(a, "--observations") == 0) {
    o->observations[o->nobs++] = v;
  } else if (strcmp(a, "--as-of") == 0) {
    o->as_of = v;
  } else if (strcmp(a, "--framework") == 0) {
    o->framework = v;
  } else if (strcmp(a, "--builtin") == 0) {
    o->builtin = v;
  } else if (strcmp(a, "--calendar-file") == 0) {
    o->calendar_file = v;
  } else if (strcmp(a, "--extends-root") == 0) {
    int rc = cli_set_extends(v, 0);
    if (rc >= 0) return rc;
  } else if (strcmp(a, "--not-evaluated") == 0) {
    if (strcmp(v, "zero") != 0 && strcmp(v, "skip") != 0)
      return cli_usage_error("--not-evaluated takes skip or zero, not '%s'", v);
    o->zero = strcmp(v, "zero") == 0;
  } else if (strcmp(a, "--county") == 0) {
    if (strcmp(v, "min") != 0 && strcmp(v, "mean") != 0)
      return cli_usage_error("--county takes mean or min, not '%s'", v);
    o->county_min = strcmp(v, "min") == 0;
  } else if (strcmp(a, "--max-named") == 0) {
    if ((o->max_named = bounded(v, 0, 1000)) < 0)
      return cli_usage_error("--max-named takes a number from 0 to 1000, not '%s'", v);
  } else if (strcmp(a, "--min-coverage") == 0) {
    if ((o->min_coverage = bounded(v, 0, 100)) < 0)
      return cli_usage_error("--min-coverage takes a percentage from 0 to 100, not '%s'", v);
  } else if (strcmp(a, "--jobs") == 0) {
    if ((o->jobs = bounded(v, 1, 64)) < 0) return cli_usage_error("--jobs takes a number from 1 to 64, not '%s'", v);
  } else {
    o->output = v;
  }
  return CLI_TAKEN;
}

int cli_eval_check(const cli_eval *o, const char *command) {
  if (o->nobs == 0) return cli_usage_error("%s needs --observations FILE", command);
  if (o->framework && o->builtin) return cli_usage_error("give --framework or --builtin, not both");
  return -1;
}

/* --- the evaluation ---------------------------------------------------------------------- */

int cli_eval_open(cli_eval *o, const govopen_framework *fw, govopen_evaluation **ev) {
  govopen_error *err = NULL;
  if (govopen_evaluation_new(ev, fw, &err) != GOVOPEN_OK) goto fail;
  if (o->as_of && govopen_evaluation_set_as_of(*ev, o->as_of, &err) != GOVOPEN_OK) goto fail;
  if (o->period_first && govopen_evaluation_set_period(*ev, o->period_first, o->period_last, &err) != GOVOPEN_OK)
    goto fail;
  if (o->calendar_file && govopen_evaluation_set_calendar_file(*ev, o->calendar_file, &err) != GOVOPEN_OK) goto fail;
  govopen_evaluation_set_int(*ev, GOVOPEN_EVAL_NOT_EVALUATED, o->zero);
  govopen_evaluation_set_int(*ev, GOVOPEN_EVAL_COUNTY, o->county_min);
  govopen_evaluation_set_int(*ev, GOVOPEN_EVAL_MAX_NAMED, o->max_named);
  govopen_evaluation_set_int(*ev, GOVOPEN_EVAL_STRICT, o->strict);
  if (o->min_coverage >= 0) govopen_evaluation_set_int(*ev, GOVOPEN_EVAL_MIN_COVERAGE, o->min_coverage);
  /* 1 … 64 was checked. A library that does not know the setting yet
     (GOVOPEN_EINVALID) reads on one thread, which gives the same result: go on. */
  if (o->jobs) (void)govopen_evaluation_set_int(*ev, GOVOPEN_EVAL_JOBS, o->jobs);
  for (size_t i = 0; i < o->nobs; i++)
    if (govopen_evaluation_add_file(*ev, o->observations[i], GOVOPEN_FORMAT_AUTO, &err) != GOVOPEN_OK) goto fail;
  /* bad observations: reported, counted, the rest evaluated */
  const govopen_error *diags = govopen_evaluation_diagnostics(*ev);
  cli_print_diagnostics(diags);
  o->shown = govopen_error_count(diags, -1);
  size_t rejected = govopen_evaluation_rejected_count(*ev), accepted = govopen_evaluation_observation_count(*ev);
  if (accepted == 0) {
    /* nothing to evaluate: a result would only show zeros */
    if (rejected)
      fprintf(stderr, "govopen: no observation was accepted (%zu rejected): nothing to evaluate\n", rejected);
    else
      fprintf(stderr, "govopen: the input holds no observation: nothing to evaluate\n");
    govopen_evaluation_free(*ev);
    *ev = NULL;
    return EXIT_INVALID;
  }
  if (rejected)
    fprintf(stderr, "govopen: %zu observation%s rejected, %zu accepted\n", rejected, rejected == 1 ? "" : "s",
            accepted);
  return -1;
fail:
  /* what the inputs read before said, then why this one failed */
  if (*ev) cli_print_diagnostics(govopen_evaluation_diagnostics(*ev));
  cli_print_diagnostics(err);
  govopen_error_free(err);
  govopen_evaluation_free(*ev);
  *ev = NULL;
  return EXIT_INVALID;
}

void cli_eval_warn_run(cli_eval *o, const govopen_evaluation *ev) {
  const govopen_error *e = govopen_evaluation_diagnostics(ev);
  for (size_t i = 0; e && i < o->shown; i++) e = govopen_error_next(e);
  cli_print_diagnostics(e);
  o->shown += govopen_error_count(e, -1);
}

/* --- output ------------------------------------------------------------------------------- */

/* Data for a terminal: what lays a format out (LF, CRLF, tab) goes as it
   is, every other control or bidirectional character escaped
   (govopen_text_escape), so that CSV or JSON printed on a terminal cannot
   send it escape sequences either; in a file or a pipe they stay exact. (A
   character cut by the end of a piece comes out as \xHH bytes: only what is
   shown suffers.) */
static int tty_write(FILE *f, const char *data, size_t len) {
  const char *p = data, *end = data + len;
  while (p < end) {
    const char *q = p;
    while (q < end && *q != '\n' && *q != '\t' && !(*q == '\r' && q + 1 < end && q[1] == '\n')) q++;
    if (q > p) {
      char *e = NULL;
      size_t n = 0;
      if (govopen_text_escape(p, (size_t)(q - p), 0, &e, &n) != GOVOPEN_OK) {
        errno = ENOMEM;
        return 1;
      }
      size_t w = fwrite(e, 1, n, f);
      govopen_free(e);
      if (w != n) return 1;
    }
    if (q < end) {
      size_t k = *q == '\r' ? 2 : 1;
      if (fwrite(q, 1, k, f) != k) return 1;
      q += k;
    }
    p = q;
  }
  return 0;
}

int cli_sink_write(void *user, const char *data, size_t len) {
  cli_sink *s = user;
  errno = 0;
  if (s->tty ? tty_write(s->f, data, len) == 0 : fwrite(data, 1, len, s->f) == len) return 0;
  s->error = errno ? errno : EIO;
  return 1;
}

/* Writes the document to `f` (named `name` in messages) and flushes it;
   0, or 1 after saying what went wrong. */
static int emit_to(FILE *f, const char *name, cli_emit_fn emit, void *ctx) {
  cli_sink sink = {f, 0, isatty(fileno(f))};
  if (emit(&sink, ctx) != 0 && sink.error == 0) return 1;
  errno = 0;
  if (sink.error == 0 && (fflush(f) != 0 || ferror(f))) sink.error = errno ? errno : EIO;
  if (sink.error) {
    fprintf(stderr, "govopen: cannot write %s: %s\n", cli_esc(name), strerror(sink.error));
    return 1;
  }
  return 0;
}

/* Flushes `f` to the disk and closes it; 0, or 1 after saying why. */
static int sync_and_close(FILE *f, const char *path, int bad) {
  errno = 0;
  if (!bad && fsync(fileno(f)) != 0 && errno != EINVAL && errno != ENOTSUP) {
    fprintf(stderr, "govopen: cannot write %s: %s\n", cli_esc(path), strerror(errno));
    bad = 1;
  }
  errno = 0;
  if (fclose(f) != 0 && !bad) {
    fprintf(stderr, "govopen: cannot write %s: %s\n", cli_esc(path), strerror(errno ? errno : EIO));
    bad = 1;
  }
  return bad;
}

/* Writes straight to `path` (a device, a pipe: nothing to protect). */
static int write_direct(const char *path, cli_emit_fn emit, void *ctx) {
  FILE *f = fopen(path, "wb");
  if (f == NULL) {
    fprintf(stderr, "govopen: cannot write %s: %s\n", cli_esc(path), strerror(errno));
    return 1;
  }
  int bad = emit_to(f, path, emit, ctx);
  errno = 0;
  if (fclose(f) != 0 && !bad) {
    fprintf(stderr, "govopen: cannot write %s: %s\n", cli_esc(path), strerror(errno ? errno : EIO));
    bad = 1;
  }
  return bad;
}

/* Makes the directory entries of `dir` durable (after renames in it). */
static void sync_dir(const char *dir) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    (void)fsync(fd);
    close(fd);
  }
}

/* The directory part of `path` ("." when it has none), malloc'd. */
static char *dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (slash == NULL) return strdup(".");
  if (slash == path) return strdup("/");
  return strndup(path, (size_t)(slash - path));
}

char *cli_output_target(const char *path) {
  struct stat st;
  if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
    char *target = realpath(path, NULL);
    if (target == NULL)
      fprintf(stderr, "govopen: cannot write %s: a symbolic link to nothing that exists (%s); give the file itself\n",
              cli_esc(path), strerror(errno));
    return target;
  }
  char *copy = strdup(path);
  if (copy == NULL) fprintf(stderr, "govopen: out of memory\n");
  return copy;
}

char *cli_write_temp(const char *path, const char *shown, cli_emit_fn emit, void *ctx) {
  struct stat st;
  mode_t mode;
  if (stat(path, &st) == 0) {
    mode = st.st_mode & 07777;
  } else {
    mode_t mask = umask(0);
    umask(mask);
    mode = 0666 & ~mask;
  }
  size_t n = strlen(path);
  char *tmp = malloc(n + 16);
  if (tmp == NULL) {
    fprintf(stderr, "govopen: out of memory\n");
    return NULL;
  }
  memcpy(tmp, path, n);
  memcpy(tmp + n, ".tmp-XXXXXX", 12);
  int fd = mkstemp(tmp);
  if (fd >= 0 && fchmod(fd, mode) != 0) {
    close(fd);
    unlink(tmp);
    fd = -1;
  }
  FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
  if (f == NULL) {
    fprintf(stderr, "govopen: cannot write %s: %s\n", cli_esc(shown), strerror(errno));
    if (fd >= 0) {
      close(fd);
      unlink(tmp);
    }
    free(tmp);
    return NULL;
  }
  if (sync_and_close(f, shown, emit_to(f, shown, emit, ctx))) {
    unlink(tmp);
    free(tmp);
    return NULL;
  }
  return tmp;
}

/* A regular file (or a new one) is written through a temporary file beside
   it, flushed to the disk, and renamed over it only when all went well, with
   the mode the file had (or a new file's): a failed run or write (a full
   disk) leaves an existing file as it was and no truncated one. A symbolic
   link is followed: the file it names is replaced, the link stays; a link
   to nothing is refused. Anything else (a device, a pipe) is written
   straight. */
int cli_write_output(const char *path, cli_emit_fn emit, void *ctx) {
  if (path == NULL) return emit_to(stdout, "standard output", emit, ctx);
  char *target = cli_output_target(path);
  if (target == NULL) return 1;
  struct stat st;
  if (stat(target, &st) == 0 && !S_ISREG(st.st_mode)) {
    int bad = write_direct(target, emit, ctx);
    free(target);
    return bad;
  }
  char *tmp = cli_write_temp(target, path, emit, ctx);
  int bad = tmp == NULL;
  if (!bad && rename(tmp, target) != 0) {
    fprintf(stderr, "govopen: cannot write %s: %s\n", cli_esc(path), strerror(errno));
    unlink(tmp);
    bad = 1;
  }
  if (!bad) {
    char *dir = dir_of(target);
    if (dir) sync_dir(dir);
    free(dir);
  }
  free(tmp);
  free(target);
  return bad;
}

/* --- units ----------------------------------------------------------------------------------- */

const govopen_unit *cli_find_unit(const govopen_framework *fw, const char *key) {
  const govopen_unit *u = govopen_framework_unit_find(fw, key);
  if (u) return u;
  const govopen_group *g = govopen_framework_group_by_name(fw, key);
  if (g == NULL) g = govopen_framework_group_by_id(fw, key);
  if (g)
    fprintf(stderr, "govopen: '%s' is a group, not a unit; ask for one of its members (see 'govopen units')\n",
            cli_esc(key));
  else
    fprintf(stderr, "govopen: no unit '%s' in %s (see 'govopen units')\n", cli_esc(key),
            cli_esc(govopen_framework_id(fw)));
  return NULL;
}
