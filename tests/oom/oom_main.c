/* Out-of-memory sweeps (issue 5). The interposer (oom_alloc.c) fails one
 * chosen allocation N of a scenario, libyaml's and cJSON's included. The
 * call that meets it must return GOVOPEN_ENOMEM, hand out no handle and name
 * the failure in its diagnostics; it is then called again (the failure
 * spent) and the run completed, and the result must equal the reference
 * run's byte for byte: a failed call leaves its objects whole. Nothing may
 * leak (live blocks are counted before and after) and nothing may crash. A
 * failure that the code works around (a fallback path) must leave the
 * result whole too; it is counted as "absorbed".
 *
 *   oom_test [options] load|fx|sample|formats|calendar|invalid
 *     load     load the built-in langao-2023 framework; its JSON and warnings; an
 *              overlay of an overlay (tests/fixtures/overlay/chain.yaml) and its JSON
 *     fx       load tests/fixtures/eval/fx.yaml, new evaluation, as-of, add
 *              fx.jsonl, run, result JSON and diagnostics (every rule kind),
 *              every CSV table and every unit's rectification list
 *     sample   evaluate data/samples/langao-2023-observations.jsonl (the
 *              framework is loaded once, outside the sweep)
 *     formats  fx's observations as JSON, YAML and a worksheet (CSV), and bad ones
 *     calendar fx with tests/fixtures/calendar/county.yaml (set_calendar_file)
 *     invalid  each framework of tests/fixtures/invalid and tests/oom/bad-rules.yaml,
 *              each calendar of tests/fixtures/calendar/invalid: the reference
 *              run's status and diagnostics, or GOVOPEN_ENOMEM
 *   --step K      test every K-th N (default 1: all)
 *   --first N     start at N (default 1)
 *   --random K    test K values of N drawn at random (with --seed S, default 1)
 *   --jobs J      run J worker processes (default 1)
 *   --retry K     retry the failed call and complete the run on every K-th N (default 1: all;
 *                 0: never), comparing its result with the reference
 *   --verify K    after every K-th N, also check a fresh clean run (default 0: never; each
 *                 failed call is retried anyway and the run completed and compared)
 *   --only N      test a single N and say where it failed
 *   --fork        test each N in a child process, so one crash does not end the sweep
 *
 * Leaks are found by counting live blocks in the interposer (oom_alloc.c),
 * which works with or without AddressSanitizer; under LeakSanitizer a
 * mismatch also prints the leaked blocks' stacks. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <govopen/govopen.h>

#include "oom_alloc.h"

#ifndef GV_SOURCE_DIR
#error "GV_SOURCE_DIR must be defined"
#endif

/* Present only under LeakSanitizer. */
extern int __lsan_do_recoverable_leak_check(void) __attribute__((weak));

static const char *AS_OF = "2023-12-15";

/* --- a growable text, allocated while the interposer is disarmed ------------- */

typedef struct text {
  char *s;
  size_t len, cap;
} text;

static void text_add(text *t, const char *s, size_t n) {
  if (t->len + n + 1 > t->cap) {
    size_t cap = t->cap ? t->cap : 4096;
    while (cap < t->len + n + 1) cap *= 2;
    char *p = realloc(t->s, cap);
    if (p == NULL) {
      fprintf(stderr, "oom_test: out of memory outside the sweep\n");
      exit(2);
    }
    t->s = p;
    t->cap = cap;
  }
  memcpy(t->s + t->len, s, n);
  t->len += n;
  t->s[t->len] = '\0';
}

static void text_printf(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void text_printf(text *t, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n > 0) text_add(t, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void text_free(text *t) {
  free(t->s);
  memset(t, 0, sizeof *t);
}

/* --- one run of a scenario ----------------------------------------------------- */

/* What a run ended with: the step that failed (NULL when none), its status,
   and any broken promise of the API. */
typedef struct outcome {
  const char *step;
  int status;
  int stopped; /* the run ended at the failed call, not retried (see --retry) */
  char problem[512];
  text out; /* the rendered result of a run that succeeded */
} outcome;

static void problem(outcome *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(outcome *o, const char *fmt, ...) {
  if (o->problem[0]) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(o->problem, sizeof o->problem, fmt, ap);
  va_end(ap);
}

/* Checks what a failed call left: a status, an error chain and an out handle. */
static void check_failure(outcome *o, const char *step, int status, govopen_error *err, const void *handle) {
  o->step = step;
  o->status = status;
  if (status != GOVOPEN_ENOMEM) {
    problem(o, "%s returned %d (%s), not GOVOPEN_ENOMEM; first diagnostic: %s", step, status,
            govopen_status_str(status), err ? govopen_error_message(err) : "(none)");
  }
  if (handle != NULL) problem(o, "%s failed but returned a handle", step);
  int saw = 0;
  for (const govopen_error *e = err; e; e = govopen_error_next(e))
    if (govopen_error_code(e) == GOVOPEN_ENOMEM && govopen_error_severity(e) == GOVOPEN_SEVERITY_ERROR) saw = 1;
  if (err != NULL && !saw) problem(o, "%s failed but its diagnostics name no out-of-memory error", step);
}

/* Runs `call` armed; the interposer counts and may fail its allocations. */
#define ARMED(expr) \
  do {              \
    oom_arm();      \
    expr;           \
    oom_disarm();   \
  } while (0)

/* Whether this N retries the call that failed (--retry). */
static int retry_now = 1;

/* Calls `expr` armed. When it fails, it must fail as promised (see
   check_failure); it is then called again, the one failure spent, and must
   succeed: a call that ran out of memory leaves the objects it was given
   whole and usable. `handle` is the call's out-pointer (NULL when none) and
   `errp` its error out-parameter (a dummy one for calls without). */
#define CALL(o, name, expr, handle, errp)                                                                             \
  do {                                                                                                                \
    int rc_;                                                                                                          \
    ARMED(rc_ = (expr));                                                                                              \
    if (rc_ != GOVOPEN_OK) {                                                                                          \
      check_failure((o), (name), rc_, *(errp), (handle));                                                             \
      govopen_error_free(*(errp));                                                                                    \
      *(errp) = NULL;                                                                                                 \
      if (!retry_now) {                                                                                               \
        (o)->stopped = 1;                                                                                             \
        goto fail;                                                                                                    \
      }                                                                                                               \
      ARMED(rc_ = (expr));                                                                                            \
      if (rc_ != GOVOPEN_OK) {                                                                                        \
        problem((o), "%s failed again when called after its failure: %d (%s)", (name), rc_, govopen_status_str(rc_)); \
        govopen_error_free(*(errp));                                                                                  \
        *(errp) = NULL;                                                                                               \
        goto fail;                                                                                                    \
      }                                                                                                               \
    }                                                                                                                 \
    if (*(errp) != NULL) {                                                                                            \
      problem((o), "%s succeeded but set *err", (name));                                                              \
      govopen_error_free(*(errp));                                                                                    \
      *(errp) = NULL;                                                                                                 \
    }                                                                                                                 \
  } while (0)

/* Appends each diagnostic as govopen_error_format() gives it. */
static int render_errors(outcome *o, const govopen_error *e) {
  govopen_error *none = NULL;
  for (; e; e = govopen_error_next(e)) {
    char *s = NULL;
    CALL(o, "govopen_error_format", govopen_error_format(e, &s, NULL), s, &none);
    text_add(&o->out, s, strlen(s));
    text_add(&o->out, "\n", 1);
    govopen_free(s);
  }
  return 0;
fail:
  return -1;
}

/* Loads the built-in Langao framework and renders it: JSON and warnings.
   Returns 0, or -1 when a call could not be completed. */
static int scenario_load(outcome *o) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  char *json = NULL;
  size_t len = 0;
  CALL(o, "govopen_framework_load_builtin", govopen_framework_load_builtin(&fw, "langao-2023", NULL, &err), fw, &err);
  CALL(o, "govopen_framework_to_json", govopen_framework_to_json(fw, GOVOPEN_JSON_PRETTY, &json, &len), json, &err);
  text_add(&o->out, json, len);
  govopen_free(json);
  text_printf(&o->out, "\nwarnings:\n");
  int rc = render_errors(o, govopen_framework_warnings(fw));
  govopen_framework_free(fw);
  fw = NULL;
  /* an overlay of an overlay of a file (tests/fixtures/overlay) */
  CALL(o, "govopen_framework_load_file",
       govopen_framework_load_file(&fw, GV_SOURCE_DIR "/tests/fixtures/overlay/chain.yaml", NULL, &err), fw, &err);
  CALL(o, "govopen_framework_to_json", govopen_framework_to_json(fw, GOVOPEN_JSON_PRETTY, &json, &len), json, &err);
  text_add(&o->out, json, len);
  govopen_free(json);
  govopen_framework_free(fw);
  return rc;
fail:
  govopen_framework_free(fw);
  return -1;
}

/* A report writer's text, collected disarmed: only the library's
   allocations are counted. */
static int collect(void *user, const char *data, size_t len) {
  oom_disarm();
  text_add(user, data, len);
  oom_arm();
  return 0;
}

/* Writes CSV table `table` (from 1), the Markdown report (MARKDOWN), the
   HTML page (HTML), or with 0 the rectification list of `unit`, into
   `into`, emptied first (a retried call starts again). */
enum { MARKDOWN = -1, HTML = -2 };
static int write_report(text *into, const govopen_result *r, int table, size_t unit) {
  into->len = 0;
  return table > 0           ? govopen_result_write_csv(r, table, 0, collect, into)
         : table == MARKDOWN ? govopen_result_write_markdown(r, 0, collect, into)
         : table == HTML     ? govopen_result_write_html(r, 0, collect, into)
                             : govopen_result_write_rectify(r, unit, 0, collect, into);
}

/* Evaluates `obs` over `fw`: new, as-of, add, run, JSON, diagnostics; with
   `reports`, every CSV table, the Markdown and HTML reports and every unit's
   rectification list too. */
static int evaluate(outcome *o, const govopen_framework *fw, const char *calendar, const char *obs,
                    const char *const *more, int reports) {
  govopen_evaluation *ev = NULL;
  govopen_result *r = NULL;
  govopen_error *err = NULL;
  char *json = NULL;
  size_t len = 0;
  text report = {0};
  CALL(o, "govopen_evaluation_new", govopen_evaluation_new(&ev, fw, &err), ev, &err);
  if (calendar)
    CALL(o, "govopen_evaluation_set_calendar_file", govopen_evaluation_set_calendar_file(ev, calendar, &err), NULL,
         &err);
  CALL(o, "govopen_evaluation_set_as_of", govopen_evaluation_set_as_of(ev, AS_OF, &err), NULL, &err);
  CALL(o, "govopen_evaluation_add_file", govopen_evaluation_add_file(ev, obs, GOVOPEN_FORMAT_AUTO, &err), NULL, &err);
  for (size_t i = 0; more && more[i]; i++)
    CALL(o, "govopen_evaluation_add_file", govopen_evaluation_add_file(ev, more[i], GOVOPEN_FORMAT_AUTO, &err), NULL,
         &err);
  CALL(o, "govopen_evaluation_run", govopen_evaluation_run(ev, &r, &err), r, &err);
  CALL(o, "govopen_result_to_json", govopen_result_to_json(r, GOVOPEN_JSON_PRETTY, &json, &len), json, &err);
  text_add(&o->out, json, len);
  govopen_free(json);
  for (int t = 1; reports && govopen_table_name(t) != NULL; t++) {
    CALL(o, "govopen_result_write_csv", write_report(&report, r, t, 0), NULL, &err);
    text_add(&o->out, report.s, report.len);
  }
  if (reports) {
    CALL(o, "govopen_result_write_markdown", write_report(&report, r, MARKDOWN, 0), NULL, &err);
    text_add(&o->out, report.s, report.len);
    CALL(o, "govopen_result_write_html", write_report(&report, r, HTML, 0), NULL, &err);
    text_add(&o->out, report.s, report.len);
  }
  for (size_t u = 0; reports && u < govopen_framework_unit_count(fw); u++) {
    CALL(o, "govopen_result_write_rectify", write_report(&report, r, 0, u), NULL, &err);
    text_add(&o->out, report.s, report.len);
  }
  text_free(&report);
  text_printf(&o->out, "\nobservations %zu, rejected %zu\n", govopen_evaluation_observation_count(ev),
              govopen_evaluation_rejected_count(ev));
  int rc = render_errors(o, govopen_evaluation_diagnostics(ev));
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  return rc;
fail:
  text_free(&report);
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  return -1;
}

static char fx_yaml[4096], fx_jsonl[4096], sample_jsonl[4096], invalid_path[4096];
static govopen_framework *shared_fw; /* the sample and formats sweeps' framework, loaded once */
static int invalid_calendar;         /* the invalid sweep: invalid_path is a calendar */

static int scenario_fx(outcome *o) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CALL(o, "govopen_framework_load_file", govopen_framework_load_file(&fw, fx_yaml, NULL, &err), fw, &err);
  int rc = evaluate(o, fw, NULL, fx_jsonl, NULL, 1);
  govopen_framework_free(fw);
  return rc;
fail:
  return -1;
}

static int scenario_sample(outcome *o) { return evaluate(o, shared_fw, NULL, sample_jsonl, NULL, 0); }

/* fx's observations as a JSON document and as YAML, then bad ones in JSON
   Lines, a filled-in worksheet (CSV) and a worksheet's mistakes. */
static int scenario_formats(outcome *o) {
  char json[4096], yaml[4096], bad[4096], csv[4096], edge[4096];
  snprintf(json, sizeof json, "%s/tests/oom/fx-obs.json", GV_SOURCE_DIR);
  snprintf(yaml, sizeof yaml, "%s/tests/oom/fx-obs.yaml", GV_SOURCE_DIR);
  snprintf(bad, sizeof bad, "%s/tests/oom/bad.jsonl", GV_SOURCE_DIR);
  snprintf(csv, sizeof csv, "%s/tests/oom/fx-obs.csv", GV_SOURCE_DIR);
  snprintf(edge, sizeof edge, "%s/tests/fixtures/worksheet/edge.csv", GV_SOURCE_DIR);
  const char *more[] = {yaml, bad, csv, edge, NULL};
  return evaluate(o, shared_fw, NULL, json, more, 0);
}

/* fx with a county's own calendar file, which inherits the built-in one. */
static int scenario_calendar(outcome *o) {
  char cal[4096];
  snprintf(cal, sizeof cal, "%s/tests/fixtures/calendar/county.yaml", GV_SOURCE_DIR);
  return evaluate(o, shared_fw, cal, fx_jsonl, NULL, 0);
}

/* An invalid framework: the call fails with the same status and diagnostics
   as the reference run, or with GOVOPEN_ENOMEM (then it is retried). */
static int load_invalid(govopen_framework **fw, govopen_calendar **cal, govopen_error **err) {
  return invalid_calendar ? govopen_calendar_load_file(cal, invalid_path, NULL, err)
                          : govopen_framework_load_file(fw, invalid_path, NULL, err);
}

static int scenario_invalid(outcome *o) {
  govopen_framework *fw = NULL;
  govopen_calendar *cal = NULL;
  govopen_error *err = NULL;
  const char *what = invalid_calendar ? "govopen_calendar_load_file" : "govopen_framework_load_file";
  int rc;
  ARMED(rc = load_invalid(&fw, &cal, &err));
  if (rc == GOVOPEN_ENOMEM) {
    check_failure(o, what, rc, err, fw ? (const void *)fw : (const void *)cal);
    govopen_error_free(err);
    err = NULL;
    if (!retry_now) {
      o->stopped = 1;
      return -1;
    }
    ARMED(rc = load_invalid(&fw, &cal, &err));
  }
  if (fw != NULL || cal != NULL) {
    problem(o, "an invalid document was loaded (%d)", rc);
    govopen_framework_free(fw);
    govopen_calendar_free(cal);
  }
  text_printf(&o->out, "status %d\n", rc);
  int r = render_errors(o, err);
  govopen_error_free(err);
  return r;
}

typedef int (*scenario_fn)(outcome *o);

/* --- the sweep ------------------------------------------------------------------ */

typedef struct tally {
  unsigned long tested, enomem, absorbed, bad;
} tally;

static text reference;

/* One clean run: its output, or exit on failure. */
static void clean_run(scenario_fn fn, outcome *o, unsigned long *count) {
  memset(o, 0, sizeof *o);
  oom_reset(0);
  int rc = fn(o);
  if (count) *count = oom_calls();
  if (rc != 0 || o->problem[0]) {
    fprintf(stderr, "oom_test: the clean run failed at %s (%d): %s\n", o->step ? o->step : "?", o->status, o->problem);
    exit(2);
  }
}

static int test_n(scenario_fn fn, unsigned long n, int verify, tally *t, int verbose);

/* Tests one N in a child process: a crash is reported and the sweep goes on. */
static int test_n_forked(scenario_fn fn, unsigned long n, int verify, tally *t) {
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    perror("fork");
    exit(2);
  }
  if (pid == 0) {
    tally c = {0};
    int ok = test_n(fn, n, verify, &c, 0);
    fflush(stderr);
    _exit(!ok ? 1 : c.absorbed ? 3 : 0); /* _exit: no exit-time leak check of the parent's state */
  }
  int ws = 0;
  if (waitpid(pid, &ws, 0) < 0) {
    perror("waitpid");
    exit(2);
  }
  t->tested++;
  if (WIFEXITED(ws) && WEXITSTATUS(ws) == 0) {
    t->enomem++;
    return 1;
  }
  if (WIFEXITED(ws) && WEXITSTATUS(ws) == 3) {
    t->absorbed++;
    return 1;
  }
  t->bad++;
  if (WIFSIGNALED(ws))
    fprintf(stderr, "N=%lu: crashed (signal %d)\n", n, WTERMSIG(ws));
  else if (WEXITSTATUS(ws) != 1)
    fprintf(stderr, "N=%lu: the test process ended with status %d\n", n, WEXITSTATUS(ws));
  return 0;
}

/* Tests one N; returns 0 when every promise held. */
static int test_n(scenario_fn fn, unsigned long n, int verify, tally *t, int verbose) {
  outcome o;
  memset(&o, 0, sizeof o);
  long before = oom_live();
  oom_reset(n);
  int rc = fn(&o);
  int failed = oom_failed();
  t->tested++;
  int ok = 1;
  if (!failed) {
    problem(&o, "allocation %lu was never made (the run is not deterministic?)", n);
  } else if (o.stopped && !o.problem[0]) {
    t->enomem++;
  } else if (rc == 0) {
    /* The failed call was retried and the run completed: its result must be whole
       (and so it must be when no call failed: the code worked around the failure). */
    int same = o.out.len == reference.len && memcmp(o.out.s, reference.s, reference.len) == 0;
    if (!same && o.step)
      problem(&o, "after %s failed and was retried, the result differs from the reference", o.step);
    else if (!same)
      problem(&o, "no call failed although allocation %lu did, and the result differs from the reference", n);
    else if (o.step)
      t->enomem++;
    else
      t->absorbed++;
  }
  text_free(&o.out);
  long after = oom_live();
  if (after != before) problem(&o, "%ld block(s) leaked", after - before);
  if (o.problem[0]) {
    ok = 0;
    t->bad++;
    /* the first few in full, then a line each, then only the count */
    static unsigned long reported;
    if (++reported <= 200) fprintf(stderr, "N=%lu: %s\n", n, o.problem);
    if (reported <= 10 || verbose) {
      fprintf(stderr, "  the failed allocation's stack:\n");
      oom_print_failed_stack(2);
      if (after != before && __lsan_do_recoverable_leak_check) __lsan_do_recoverable_leak_check();
    }
  } else if (verbose) {
    fprintf(stderr, "N=%lu: %s -> %s\n", n, o.step ? o.step : "no call failed",
            o.step ? govopen_status_str(o.status) : "same result");
    oom_print_failed_stack(2);
  }
  if (verify) {
    outcome v;
    clean_run(fn, &v, NULL);
    if (v.out.len != reference.len || memcmp(v.out.s, reference.s, reference.len) != 0) {
      fprintf(stderr, "N=%lu: a clean run after the failed one gave a different result\n", n);
      t->bad++;
      ok = 0;
    }
    text_free(&v.out);
  }
  return ok;
}

static uint64_t rng_state;
static uint64_t rng_next(void) { /* splitmix64 */
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static int cmp_ul(const void *a, const void *b) {
  unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
  return x < y ? -1 : x > y;
}

static void usage(void) {
  fprintf(stderr, "usage: oom_test [--step K] [--first N] [--random K] [--seed S] [--jobs J] [--retry K] [--verify K]\n"
                  "                [--only N] [--fork] load|fx|sample|formats|calendar|invalid\n");
  exit(2);
}

typedef struct options {
  unsigned long step, first, random_k, seed, jobs, verify_every, only, retry_every;
  int forked;
} options;

/* Sweeps `fn`: a reference run, then every chosen N. Adds to `total`;
   returns 0, 1 when a promise broke, 2 when the sweep could not run. */
static int run_sweep(const char *label, scenario_fn fn, const options *op, tally *total, unsigned long *count_out) {
  outcome ref;
  unsigned long count = 0;
  clean_run(fn, &ref, &count);
  reference = ref.out;
  *count_out = count;
  {
    /* A second clean run must count the same: the sweep relies on it. */
    outcome again;
    unsigned long count2 = 0;
    clean_run(fn, &again, &count2);
    if (count2 != count || again.out.len != reference.len || memcmp(again.out.s, reference.s, reference.len)) {
      fprintf(stderr, "oom_test: %s: two clean runs differ (%lu and %lu allocations)\n", label, count, count2);
      return 2;
    }
    text_free(&again.out);
  }

  if (op->only) {
    tally t = {0};
    retry_now = 1;
    int ok = test_n(fn, op->only, 1, &t, 1);
    fprintf(stderr, "%s: N=%lu of %lu: %s\n", label, op->only, count, ok ? "ok" : "FAILED");
    total->tested += t.tested;
    total->enomem += t.enomem;
    total->absorbed += t.absorbed;
    total->bad += t.bad;
    text_free(&reference);
    return ok ? 0 : 1;
  }

  /* The values of N to test. */
  unsigned long *ns;
  size_t nn = 0;
  if (op->random_k) {
    size_t k = op->random_k > count ? count : op->random_k;
    ns = malloc((k ? k : 1) * sizeof *ns);
    if (ns == NULL) return 2;
    rng_state = op->seed;
    /* distinct values: draw, sort, drop repeats, top up */
    while (nn < k) {
      while (nn < k) ns[nn++] = 1 + (unsigned long)(rng_next() % count);
      qsort(ns, nn, sizeof *ns, cmp_ul);
      size_t w = 0;
      for (size_t i = 0; i < nn; i++)
        if (w == 0 || ns[w - 1] != ns[i]) ns[w++] = ns[i];
      nn = w;
    }
  } else {
    ns = malloc((count / op->step + 2) * sizeof *ns);
    if (ns == NULL) return 2;
    for (unsigned long n = op->first; n <= count; n += op->step) ns[nn++] = n;
  }

  /* Workers take every jobs-th value and report their tallies through a pipe. */
  int fds[2];
  if (pipe(fds) != 0) return 2;
  fflush(stdout);
  fflush(stderr);
  for (unsigned long j = 0; j < op->jobs; j++) {
    pid_t pid = op->jobs == 1 ? 0 : fork();
    if (pid < 0) return 2;
    if (pid == 0) {
      tally t = {0};
      for (size_t i = j; i < nn; i += op->jobs) {
        int verify = op->verify_every && i % op->verify_every == 0;
        retry_now = op->retry_every && i % op->retry_every == 0;
        if (op->forked)
          test_n_forked(fn, ns[i], verify, &t);
        else
          test_n(fn, ns[i], verify, &t, 0);
      }
      if (write(fds[1], &t, sizeof t) != (ssize_t)sizeof t) _exit(2);
      if (op->jobs == 1) break;
      fflush(stderr);
      _exit(0); /* the parent owns everything else */
    }
  }
  int status = 0;
  for (unsigned long j = 0; j < op->jobs; j++) {
    tally t;
    if (read(fds[0], &t, sizeof t) != (ssize_t)sizeof t) {
      fprintf(stderr, "oom_test: %s: a worker died\n", label);
      status = 1;
      break;
    }
    total->tested += t.tested;
    total->enomem += t.enomem;
    total->absorbed += t.absorbed;
    total->bad += t.bad;
    if (t.bad) status = 1;
  }
  if (op->jobs > 1) {
    int ws;
    while (wait(&ws) > 0)
      if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0) status = 1;
  }
  close(fds[0]);
  close(fds[1]);
  text_free(&reference);
  free(ns);
  return status;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Appends the paths of the *.yaml files of `rel` (under the source tree), sorted. */
static int list_yaml(const char *rel, char **paths, size_t *n, size_t max) {
  char dir[2048];
  snprintf(dir, sizeof dir, "%s/%s", GV_SOURCE_DIR, rel);
  DIR *d = opendir(dir);
  if (d == NULL) {
    perror(dir);
    return -1;
  }
  size_t first = *n;
  struct dirent *de;
  while ((de = readdir(d)) != NULL && *n < max) {
    size_t len = strlen(de->d_name);
    if (len <= 5 || strcmp(de->d_name + len - 5, ".yaml") != 0) continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%.1000s", dir, de->d_name);
    paths[(*n)++] = strdup(path);
  }
  closedir(d);
  qsort(paths + first, *n - first, sizeof paths[0], cmp_str);
  return 0;
}

int main(int argc, char **argv) {
  options op = {1, 1, 0, 1, 1, 0, 0, 1, 0};
  const char *which = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    unsigned long *dst = NULL;
    if (strcmp(a, "--step") == 0)
      dst = &op.step;
    else if (strcmp(a, "--first") == 0)
      dst = &op.first;
    else if (strcmp(a, "--random") == 0)
      dst = &op.random_k;
    else if (strcmp(a, "--seed") == 0)
      dst = &op.seed;
    else if (strcmp(a, "--jobs") == 0)
      dst = &op.jobs;
    else if (strcmp(a, "--verify") == 0)
      dst = &op.verify_every;
    else if (strcmp(a, "--only") == 0)
      dst = &op.only;
    else if (strcmp(a, "--retry") == 0)
      dst = &op.retry_every;
    else if (strcmp(a, "--fork") == 0)
      op.forked = 1;
    else if (a[0] == '-' || which)
      usage();
    else
      which = a;
    if (dst) {
      if (++i >= argc) usage();
      char *end;
      errno = 0;
      *dst = strtoul(argv[i], &end, 10);
      if (errno || *end || end == argv[i]) usage();
    }
  }
  if (which == NULL || op.step == 0 || op.jobs == 0 || op.first == 0) usage();
  snprintf(fx_yaml, sizeof fx_yaml, "%s/tests/fixtures/eval/fx.yaml", GV_SOURCE_DIR);
  snprintf(fx_jsonl, sizeof fx_jsonl, "%s/tests/fixtures/eval/fx.jsonl", GV_SOURCE_DIR);
  snprintf(sample_jsonl, sizeof sample_jsonl, "%s/data/samples/langao-2023-observations.jsonl", GV_SOURCE_DIR);
  /* stdio's buffers are allocated on first use: make that happen now, outside any count. */
  fprintf(stderr, "%s", "");
  fflush(stderr);

  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  tally total = {0};
  unsigned long count = 0, sweeps = 0;
  int status = 0;
  if (strcmp(which, "load") == 0) {
    status = run_sweep(which, scenario_load, &op, &total, &count);
    sweeps = 1;
  } else if (strcmp(which, "fx") == 0) {
    status = run_sweep(which, scenario_fx, &op, &total, &count);
    sweeps = 1;
  } else if (strcmp(which, "sample") == 0 || strcmp(which, "formats") == 0 || strcmp(which, "calendar") == 0) {
    int sample = which[0] == 's';
    govopen_error *err = NULL;
    int rc = sample ? govopen_framework_load_builtin(&shared_fw, "langao-2023", NULL, &err)
                    : govopen_framework_load_file(&shared_fw, fx_yaml, NULL, &err);
    if (rc != GOVOPEN_OK) {
      fprintf(stderr, "oom_test: cannot load the framework: %s\n", govopen_error_message(err));
      return 2;
    }
    status = run_sweep(which,
                       sample            ? scenario_sample
                       : which[0] == 'f' ? scenario_formats
                                         : scenario_calendar,
                       &op, &total, &count);
    sweeps = 1;
    govopen_framework_free(shared_fw);
  } else if (strcmp(which, "invalid") == 0) {
    /* the invalid frameworks of tests/fixtures/invalid and tests/oom/bad-rules.yaml,
       then the invalid calendars of tests/fixtures/calendar/invalid */
    char *paths[1024];
    size_t np = 0, ncal;
    if (list_yaml("tests/fixtures/invalid", paths, &np, 1000) != 0) return 2;
    paths[np++] = strdup(GV_SOURCE_DIR "/tests/oom/bad-rules.yaml");
    /* overlays: mistakes in the overlay, in a base, a cycle */
    paths[np++] = strdup(GV_SOURCE_DIR "/tests/fixtures/overlay/errors.yaml");
    paths[np++] = strdup(GV_SOURCE_DIR "/tests/fixtures/overlay/broken-child.yaml");
    paths[np++] = strdup(GV_SOURCE_DIR "/tests/fixtures/overlay/cycle-a.yaml");
    /* overlays that move subtrees about and stack them too deep (issue 13) */
    paths[np++] = strdup(GV_SOURCE_DIR "/tests/fixtures/overlay/tree-moves.yaml");
    paths[np++] = strdup(GV_SOURCE_DIR "/tests/fixtures/overlay/tree-deep.yaml");
    ncal = np;
    if (list_yaml("tests/fixtures/calendar/invalid", paths, &np, 1020) != 0) return 2;
    for (size_t i = 0; i < np; i++) {
      snprintf(invalid_path, sizeof invalid_path, "%s", paths[i] ? paths[i] : "");
      invalid_calendar = i >= ncal;
      unsigned long c = 0;
      int st = run_sweep(invalid_path, scenario_invalid, &op, &total, &c);
      if (st > status) status = st;
      count += c;
      sweeps++;
      free(paths[i]);
    }
  } else {
    usage();
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  const char *how = op.only ? "one" : op.random_k ? "random sample" : op.step == 1 ? "all" : "every step-th";
  printf("oom %s: %lu allocations in %s; tested %lu N (%s): %lu ENOMEM, %lu absorbed, %lu failed; %.1f s\n", which,
         count, sweeps > 1 ? "the clean runs" : "a clean run", total.tested, how, total.enomem, total.absorbed,
         total.bad, secs);
  if (sweeps > 1) printf("oom %s: %lu documents\n", which, sweeps);
  if (op.random_k) printf("oom %s: seed %lu\n", which, op.seed);
  return status ? (status > 1 ? 2 : 1) : total.bad ? 1 : 0;
}
