/* govopen evaluate: observations in, explained scores out (public API only). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"

enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

static const char *EVAL_USAGE =
    "usage: govopen evaluate --observations FILE [--observations FILE ...] [options]\n"
    "\n"
    "  --observations FILE     observations: JSON Lines (.jsonl), a JSON array (.json) or YAML\n"
    "  --as-of DATE            the as-of date (YYYY-MM-DD); required unless the framework gives one\n"
    "  --period FIRST LAST     the evaluation period (default: the framework's year)\n"
    "  --framework FILE | --builtin ID   the framework (default: built-in langao-2023)\n"
    "  --calendar-file FILE    a county's own working-day calendar\n"
    "  --not-evaluated skip|zero   a point without observations: left out (default) or scored 0\n"
    "  --county mean|min       the county's score of a point from its units (default mean)\n"
    "  --max-named N           failing samples named per reason (default 3)\n"
    "  --format text|json      output format (default text)\n"
    "  --output FILE           write the result to FILE instead of standard output\n"
    "  --jobs N                threads reading a JSON Lines file (1 to 64, default 1)\n"
    "  --strict                stop at the first bad observation (exit 1)\n"
    "\n"
    "Exit status: 0 when the evaluation ran (bad observations reported on stderr included),\n"
    "1 when --strict stopped, an input could not be read or the output could not be written,\n"
    "2 for wrong usage.\n";

typedef struct eopts {
  const char *framework, *builtin, *as_of, *period_first, *period_last, *calendar_file, *output;
  const char **observations;
  size_t nobs;
  int json, strict, zero, county_min;
  long max_named;
  long jobs; /* 0: not given */
} eopts;

static int parse(int argc, char **argv, eopts *o) {
  memset(o, 0, sizeof *o);
  o->max_named = 3;
  o->observations = calloc((size_t)argc + 1, sizeof(char *));
  if (o->observations == NULL) return EXIT_INVALID;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_VALUE()                                                        \
  do {                                                                      \
    if (v == NULL) return cli_usage_error("option '%s' needs a value", a); \
    i++;                                                                    \
  } while (0)
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(EVAL_USAGE, stdout);
      return EXIT_OK;
    } else if (strcmp(a, "--observations") == 0) {
      NEED_VALUE();
      o->observations[o->nobs++] = v;
    } else if (strcmp(a, "--as-of") == 0) {
      NEED_VALUE();
      o->as_of = v;
    } else if (strcmp(a, "--period") == 0) {
      if (i + 2 >= argc) return cli_usage_error("option '--period' needs FIRST and LAST");
      o->period_first = argv[i + 1];
      o->period_last = argv[i + 2];
      i += 2;
    } else if (strcmp(a, "--framework") == 0) {
      NEED_VALUE();
      o->framework = v;
    } else if (strcmp(a, "--builtin") == 0) {
      NEED_VALUE();
      o->builtin = v;
    } else if (strcmp(a, "--calendar-file") == 0) {
      NEED_VALUE();
      o->calendar_file = v;
    } else if (strcmp(a, "--not-evaluated") == 0) {
      NEED_VALUE();
      if (strcmp(v, "zero") == 0)
        o->zero = 1;
      else if (strcmp(v, "skip") != 0)
        return cli_usage_error("--not-evaluated takes skip or zero, not '%s'", v);
    } else if (strcmp(a, "--county") == 0) {
      NEED_VALUE();
      if (strcmp(v, "min") == 0)
        o->county_min = 1;
      else if (strcmp(v, "mean") != 0)
        return cli_usage_error("--county takes mean or min, not '%s'", v);
    } else if (strcmp(a, "--max-named") == 0) {
      NEED_VALUE();
      char *end = NULL;
      o->max_named = strtol(v, &end, 10);
      if (end == v || *end || o->max_named < 0 || o->max_named > 1000)
        return cli_usage_error("--max-named takes a number from 0 to 1000, not '%s'", v);
    } else if (strcmp(a, "--format") == 0) {
      NEED_VALUE();
      if (strcmp(v, "json") == 0)
        o->json = 1;
      else if (strcmp(v, "text") != 0)
        return cli_usage_error("unknown format '%s' (expected text or json)", v);
    } else if (strcmp(a, "--output") == 0) {
      NEED_VALUE();
      o->output = v;
    } else if (strcmp(a, "--jobs") == 0) {
      NEED_VALUE();
      char *end = NULL;
      o->jobs = strtol(v, &end, 10);
      if (end == v || *end || o->jobs < 1 || o->jobs > 64)
        return cli_usage_error("--jobs takes a number from 1 to 64, not '%s'", v);
    } else if (strcmp(a, "--strict") == 0) {
      o->strict = 1;
    } else {
      return cli_usage_error("unknown argument '%s' for evaluate", a);
    }
#undef NEED_VALUE
  }
  if (o->nobs == 0) return cli_usage_error("evaluate needs --observations FILE");
  if (o->framework && o->builtin) return cli_usage_error("give --framework or --builtin, not both");
  return -1;
}

static const char *kind_title(int kind) {
  switch (kind) {
    case GOVOPEN_UNIT_TOWN: return "各镇";
    case GOVOPEN_UNIT_DEPARTMENT: return "县政府各部门";
    case GOVOPEN_UNIT_INSTITUTION: return "直属机构";
    case GOVOPEN_UNIT_PARTY_ORG: return "党群部门";
    default: return "其他单位";
  }
}

typedef struct ranked_unit {
  unsigned rank;
  size_t unit;
} ranked_unit;

static int ranked_cmp(const void *a, const void *b) {
  const ranked_unit *x = a, *y = b;
  if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
  return x->unit < y->unit ? -1 : x->unit > y->unit;
}

static void print_text(FILE *out, const govopen_framework *fw, const govopen_result *r) {
  fprintf(out, "%s — 评估结果（截至 %s）\n", govopen_framework_title(fw), govopen_result_as_of(r));
  fprintf(out, "观察记录：采用 %zu 条，退回 %zu 条\n\n", govopen_result_observation_count(r), govopen_result_rejected_count(r));
  fprintf(out, "全县得分：%.2f（已评估 %.2f 分中得 %.2f 分，折算为 %.2f）", govopen_result_county_total(r),
               govopen_result_county_possible(r), govopen_result_county_raw(r), govopen_result_county_normalised(r));
  if (govopen_result_county_grade(r)) fprintf(out, "，等次：%s", govopen_result_county_grade(r));
  fprintf(out, "\n");
  for (size_t i = 0; i < govopen_result_adjustment_count(r); i++) {
    size_t a = govopen_result_adjustment_index(r, i);
    fprintf(out, "  %+.2f  %s\n", govopen_framework_adjustment_delta(fw, a), govopen_framework_adjustment_text(fw, a));
  }
  /* rankings by kind: by rank, then in the framework's order (sorted, for a province's thousands) */
  size_t nu = govopen_framework_unit_count(fw);
  ranked_unit *order = malloc((nu ? nu : 1) * sizeof *order);
  for (int k = 0; order && k <= GOVOPEN_UNIT_OTHER; k++) {
    size_t n = 0;
    for (size_t u = 0; u < nu; u++)
      if (govopen_unit_kind(govopen_framework_unit(fw, u)) == k && govopen_result_unit_scored(r, u))
        order[n++] = (ranked_unit){govopen_result_unit_rank(r, u), u};
    if (n == 0) continue;
    qsort(order, n, sizeof *order, ranked_cmp);
    fprintf(out, "\n%s排名：\n", kind_title(k));
    for (size_t i = 0; i < n; i++) {
      const govopen_unit *unit = govopen_framework_unit(fw, order[i].unit);
      fprintf(out, "  %2u  %-10s %6.2f%s\n", order[i].rank, govopen_unit_name(unit),
              govopen_result_unit_total(r, order[i].unit), govopen_result_unit_vetoed(r, order[i].unit) ? "（一票否决）" : "");
    }
  }
  if (order == NULL) fprintf(out, "\n（内存不足，未列排名）\n");
  free(order);
  fprintf(out, "\n各单位失分明细（只列未得满分与未评估的评估点）：\n");
  for (size_t u = 0; u < govopen_framework_unit_count(fw); u++) {
    const govopen_unit *unit = govopen_framework_unit(fw, u);
    int owns = 0;
    for (size_t p = 0; p < govopen_framework_point_count(fw) && !owns; p++) owns = govopen_result_cell_status(r, u, p) >= 0;
    if (!owns) continue;
    fprintf(out, "\n%s（%s）", govopen_unit_name(unit), govopen_unit_id(unit));
    if (govopen_result_unit_scored(r, u))
      fprintf(out, "：%.2f 分，第 %u 名；已评估满分 %.2f，得 %.2f\n", govopen_result_unit_total(r, u),
                   govopen_result_unit_rank(r, u), govopen_result_unit_possible(r, u), govopen_result_unit_raw(r, u));
    else
      fprintf(out, "：未评估\n");
    size_t shown = 0;
    for (size_t pi = 0; pi < govopen_framework_point_count(fw); pi++) {
      const govopen_point *p = govopen_framework_point(fw, pi);
      int st = govopen_result_cell_status(r, u, pi);
      if (st < 0) continue;
      double s = govopen_result_cell_score(r, u, pi);
      size_t nr = govopen_result_cell_reason_count(r, u, pi);
      int warn = 0;
      for (size_t k = 0; k < nr; k++) warn |= govopen_result_cell_reason_severity(r, u, pi, k) == GOVOPEN_REASON_WARNING;
      if (st == GOVOPEN_CELL_SCORED && s >= govopen_point_score(p) && !warn) continue;
      shown++;
      if (st == GOVOPEN_CELL_NOT_EVALUATED)
        fprintf(out, "  %s  未评估（满分 %.2f）\n", govopen_point_id(p), govopen_point_score(p));
      else
        fprintf(out, "  %s  %.2f / %.2f%s\n", govopen_point_id(p), s, govopen_point_score(p),
                     st == GOVOPEN_CELL_VETOED ? "（一票否决）" : st == GOVOPEN_CELL_ERROR ? "（无法评分）" : "");
      for (size_t k = 0; k < nr; k++) {
        int sev = govopen_result_cell_reason_severity(r, u, pi, k);
        fprintf(out, "      %s %s\n", sev == GOVOPEN_REASON_LOSS ? "失分：" : sev == GOVOPEN_REASON_WARNING ? "提醒：" : "说明：",
                     govopen_result_cell_reason_text(r, u, pi, k));
      }
    }
    if (shown == 0) fprintf(out, "  全部满分\n");
  }
}

/* The JSON writer's sink: a stdio stream, remembering why it failed. */
typedef struct file_sink {
  FILE *f;
  int error; /* errno of the first failed write */
} file_sink;

static int write_file(void *user, const char *data, size_t len) {
  file_sink *s = user;
  errno = 0;
  if (fwrite(data, 1, len, s->f) == len) return 0;
  s->error = errno ? errno : EIO;
  return 1;
}

/* Writes the result to `f` (named `name` in messages) and flushes it;
   0, or 1 after saying what went wrong. JSON is streamed from the
   evaluation (its reasons rendered unit by unit, never all held: a
   province's result stays out of memory); text comes from `res`. */
static int write_result(FILE *f, const char *name, const govopen_framework *fw, govopen_evaluation *ev,
                        const govopen_result *res, int json) {
  file_sink sink = {f, 0};
  if (json) {
    govopen_error *err = NULL;
    int rc = govopen_evaluation_write_json(ev, GOVOPEN_JSON_PRETTY, write_file, &sink, &err);
    if (rc != GOVOPEN_OK && rc != GOVOPEN_EIO) {
      cli_print_diagnostics(err);
      govopen_error_free(err);
      return 1;
    }
    govopen_error_free(err);
    if (rc == GOVOPEN_OK) fputc('\n', f);
  } else {
    print_text(f, fw, res);
  }
  errno = 0;
  if (sink.error == 0 && (fflush(f) != 0 || ferror(f))) sink.error = errno ? errno : EIO;
  if (sink.error) {
    fprintf(stderr, "govopen: cannot write %s: %s\n", name, strerror(sink.error));
    return 1;
  }
  return 0;
}

/* Writes straight to `path` (a device, a pipe: nothing to protect). */
static int write_direct(const char *path, const govopen_framework *fw, govopen_evaluation *ev,
                        const govopen_result *res, int json) {
  FILE *f = fopen(path, "wb");
  if (f == NULL) {
    fprintf(stderr, "govopen: cannot write %s: %s\n", path, strerror(errno));
    return 1;
  }
  int bad = write_result(f, path, fw, ev, res, json);
  errno = 0;
  if (fclose(f) != 0 && !bad) {
    fprintf(stderr, "govopen: cannot write %s: %s\n", path, strerror(errno ? errno : EIO));
    bad = 1;
  }
  return bad;
}

/* Writes the result to the file `path`. A regular file (or a new one) is
   written through a temporary file beside it, renamed over it only when all
   went well, with the mode the file had (or a new file's): a failed
   evaluation or write leaves an existing file as it was. Anything else (a
   device, a pipe) is written straight. 0, or 1 after saying why. */
static int write_output(const char *path, const govopen_framework *fw, govopen_evaluation *ev,
                        const govopen_result *res, int json) {
  struct stat st;
  mode_t mode;
  if (stat(path, &st) == 0) {
    if (!S_ISREG(st.st_mode)) return write_direct(path, fw, ev, res, json);
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
    return 1;
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
    fprintf(stderr, "govopen: cannot write %s: %s\n", path, strerror(errno));
    if (fd >= 0) {
      close(fd);
      unlink(tmp);
    }
    free(tmp);
    return 1;
  }
  int bad = write_result(f, path, fw, ev, res, json);
  errno = 0;
  if (fclose(f) != 0 && !bad) {
    fprintf(stderr, "govopen: cannot write %s: %s\n", path, strerror(errno ? errno : EIO));
    bad = 1;
  }
  if (!bad && rename(tmp, path) != 0) {
    fprintf(stderr, "govopen: cannot write %s: %s\n", path, strerror(errno));
    bad = 1;
  }
  if (bad) unlink(tmp);
  free(tmp);
  return bad;
}

int cmd_evaluate(int argc, char **argv) {
  eopts o;
  int rc = parse(argc, argv, &o);
  if (rc >= 0) {
    free(o.observations);
    return rc;
  }
  int code = EXIT_OK;
  govopen_framework *fw = cli_load_framework(o.framework, o.builtin, &code);
  if (fw == NULL) {
    free(o.observations);
    return code;
  }
  govopen_evaluation *ev = NULL;
  govopen_result *res = NULL;
  govopen_error *err = NULL;
  code = EXIT_INVALID;
  if (govopen_evaluation_new(&ev, fw, &err) != GOVOPEN_OK) goto out;
  if (o.as_of && govopen_evaluation_set_as_of(ev, o.as_of, &err) != GOVOPEN_OK) goto out;
  if (o.period_first && govopen_evaluation_set_period(ev, o.period_first, o.period_last, &err) != GOVOPEN_OK) goto out;
  if (o.calendar_file && govopen_evaluation_set_calendar_file(ev, o.calendar_file, &err) != GOVOPEN_OK) goto out;
  govopen_evaluation_set_int(ev, GOVOPEN_EVAL_NOT_EVALUATED, o.zero);
  govopen_evaluation_set_int(ev, GOVOPEN_EVAL_COUNTY, o.county_min);
  govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_NAMED, o.max_named);
  govopen_evaluation_set_int(ev, GOVOPEN_EVAL_STRICT, o.strict);
  /* 1 … 64 was checked above. A library that does not know the setting yet
     (GOVOPEN_EINVALID) reads on one thread, which gives the same result: go on. */
  if (o.jobs) (void)govopen_evaluation_set_int(ev, GOVOPEN_EVAL_JOBS, o.jobs);
  for (size_t i = 0; i < o.nobs; i++)
    if (govopen_evaluation_add_file(ev, o.observations[i], GOVOPEN_FORMAT_AUTO, &err) != GOVOPEN_OK) goto out;
  /* bad observations: reported, counted, the rest evaluated */
  cli_print_diagnostics(govopen_evaluation_diagnostics(ev));
  if (govopen_evaluation_rejected_count(ev))
    fprintf(stderr, "govopen: %zu observation%s rejected, %zu accepted\n", govopen_evaluation_rejected_count(ev),
            govopen_evaluation_rejected_count(ev) == 1 ? "" : "s", govopen_evaluation_observation_count(ev));
  if (!o.json && govopen_evaluation_run(ev, &res, &err) != GOVOPEN_OK) goto out;
  if (o.output ? write_output(o.output, fw, ev, res, o.json) != 0
               : write_result(stdout, "standard output", fw, ev, res, o.json) != 0)
    goto out;
  code = EXIT_OK;
out:
  if (err) {
    cli_print_diagnostics(err);
    govopen_error_free(err);
  }
  govopen_result_free(res);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
  free(o.observations);
  return code;
}
