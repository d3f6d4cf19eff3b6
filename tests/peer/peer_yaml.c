/* yaml-test-suite through the framework loader (issue 5).
 *
 * Every case's in.yaml goes to govopen_framework_load_buffer(). None is a
 * framework, so a well-formed input fails with GOVOPEN_ESCHEMA: that counts
 * as "parsed". GOVOPEN_EPARSE or GOVOPEN_ELIMIT means the YAML reader
 * refused it. The suite's verdict is the presence of the case's `error` file.
 *
 *   pass A  aliases allowed (GOVOPEN_OPT_MAX_ALIASES 100000), so the reader is
 *           judged on YAML itself; its verdicts are compared with the suite's.
 *   pass B  the default options (aliases refused): no crash, positions.
 *   pass C  the same text as YAML observations through the public
 *           govopen_evaluation_add_buffer(): no crash, positions, and a
 *           syntax error wherever pass B found one.
 *
 * A case where our verdict differs from the suite's must be listed in
 * yaml-expected-differences.txt ("ID DIRECTION REASON", DIRECTION being
 * rejects-valid or accepts-invalid); a listed case that no longer differs
 * fails too. Every diagnostic must carry a line and a column (>= 1) and a
 * message. Each input runs under a time budget (peer_common.h).
 *
 * Usage: peer_yaml SUITES_DIR EXPECTED_LIST [--print]
 *   --print  also prints each difference as a draft list line with our message.
 * Exit: 0 pass, 1 failures, 77 suites absent outside CI (SKIPPED). */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <govopen/govopen.h>

#include "peer_common.h"

typedef struct stats {
  size_t cases, valid, invalid, agree, listed, rejects_valid, accepts_invalid, failures;
} stats;

static int print_drafts;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
failf(stats *st, const char *id, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  printf("FAIL %s: ", id);
  vprintf(fmt, ap);
  printf("\n");
  va_end(ap);
  st->failures++;
}

/* Checks every diagnostic of a chain for a position and a message; returns
   the number of bad ones, each reported. */
static size_t check_positions(stats *st, const char *id, const char *pass, const govopen_error *e) {
  size_t bad = 0;
  for (; e; e = govopen_error_next(e)) {
    const char *m = govopen_error_message(e);
    if (govopen_error_line(e) >= 1 && govopen_error_column(e) >= 1 && m && *m) continue;
    failf(st, id, "%s: a diagnostic without a line/column or message: %u:%u: %s", pass, govopen_error_line(e),
          govopen_error_column(e), m ? m : "(null)");
    bad++;
  }
  return bad;
}

/* Whether the chain holds a YAML reader's refusal (EPARSE or ELIMIT). */
static int reader_refused(const govopen_error *e) {
  for (; e; e = govopen_error_next(e))
    if (govopen_error_code(e) == GOVOPEN_EPARSE || govopen_error_code(e) == GOVOPEN_ELIMIT) return 1;
  return 0;
}

static int known_code(int rc) {
  return rc == GOVOPEN_OK || rc == GOVOPEN_ESCHEMA || rc == GOVOPEN_EPARSE || rc == GOVOPEN_ELIMIT;
}

static const char *first_message(const govopen_error *e, char *buf, size_t n) {
  if (e == NULL) {
    snprintf(buf, n, "(no diagnostic)");
  } else {
    snprintf(buf, n, "%u:%u: %s", govopen_error_line(e), govopen_error_column(e), govopen_error_message(e));
  }
  return buf;
}

/* Pass A: returns 1 when the reader refused the input, 0 when it parsed it, -1 on a failure. */
static int pass_a(stats *st, const char *id, const char *data, size_t len, const govopen_options *opts, char *msg,
                  size_t msgn) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  int rc = govopen_framework_load_buffer(&fw, data, len, id, opts, &err);
  int verdict = -1;
  if (!known_code(rc)) {
    failf(st, id, "pass A: unexpected status %d (%s)", rc, govopen_status_str(rc));
  } else if (rc != GOVOPEN_OK && err == NULL) {
    failf(st, id, "pass A: status %d without a diagnostic", rc);
  } else if (check_positions(st, id, "pass A", err) == 0) {
    verdict = rc != GOVOPEN_OK && reader_refused(err);
  }
  first_message(err, msg, msgn);
  govopen_framework_free(fw);
  govopen_error_free(err);
  return verdict;
}

/* Pass B: the defaults. Returns 1 when a syntax error (EPARSE) was reported. */
static int pass_b(stats *st, const char *id, const char *data, size_t len) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  int rc = govopen_framework_load_buffer(&fw, data, len, id, NULL, &err);
  int parse = 0;
  if (!known_code(rc))
    failf(st, id, "pass B: unexpected status %d (%s)", rc, govopen_status_str(rc));
  else
    check_positions(st, id, "pass B", err);
  for (const govopen_error *e = err; e; e = govopen_error_next(e))
    if (govopen_error_code(e) == GOVOPEN_EPARSE) parse = 1;
  govopen_framework_free(fw);
  govopen_error_free(err);
  return parse;
}

/* Pass C: YAML observations through the public API, against the built-in framework. */
static void pass_c(stats *st, const char *id, const char *data, size_t len, const govopen_framework *fw, int b_parse) {
  govopen_evaluation *ev = NULL;
  govopen_error *err = NULL;
  if (govopen_evaluation_new(&ev, fw, &err) != GOVOPEN_OK) {
    failf(st, id, "pass C: cannot create an evaluation");
    govopen_error_free(err);
    return;
  }
  /* observations are judged as they arrive: the as-of date comes first */
  if (govopen_evaluation_set_as_of(ev, "2023-12-15", NULL) != GOVOPEN_OK) failf(st, id, "cannot set the as-of date");
  int rc = govopen_evaluation_add_buffer(ev, data, len, id, GOVOPEN_FORMAT_YAML, &err);
  if (!known_code(rc)) failf(st, id, "pass C: unexpected status %d (%s)", rc, govopen_status_str(rc));
  check_positions(st, id, "pass C", err);
  check_positions(st, id, "pass C (rejected observations)", govopen_evaluation_diagnostics(ev));
  int parse = 0;
  for (const govopen_error *e = err; e; e = govopen_error_next(e))
    if (govopen_error_code(e) == GOVOPEN_EPARSE) parse = 1;
  for (const govopen_error *e = govopen_evaluation_diagnostics(ev); e; e = govopen_error_next(e))
    if (govopen_error_code(e) == GOVOPEN_EPARSE) parse = 1;
  if (b_parse && !parse)
    failf(st, id, "pass C: the framework loader found a syntax error; the observation reader did not");
  govopen_error_free(err);
  govopen_evaluation_free(ev);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s SUITES_DIR EXPECTED_LIST [--print]\n", argv[0]);
    return 2;
  }
  print_drafts = argc > 3 && strcmp(argv[3], "--print") == 0;
  setvbuf(stdout, NULL, _IOLBF, 0);
  const char *suites = peer_suites_dir(argv[1]);
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/yaml-test-suite", suites);
  int skip = peer_require_dir(dir, "yaml-test-suite");
  if (skip) return skip;

  stats st = {0};
  peer_expects ex;
  st.failures += (size_t)peer_expects_load(&ex, argv[2]);
  peer_budget_init();

  govopen_options *opts = NULL;
  govopen_framework *langao = NULL;
  govopen_error *err = NULL;
  if (govopen_options_new(&opts) != GOVOPEN_OK ||
      govopen_options_set_int(opts, GOVOPEN_OPT_MAX_ALIASES, 100000) != GOVOPEN_OK ||
      govopen_framework_load_builtin(&langao, "langao-2023", NULL, &err) != GOVOPEN_OK) {
    printf("FAILED: set-up (options, built-in framework)\n");
    return 1;
  }

  char **ids;
  size_t n = peer_list_dir(dir, NULL, &ids);
  for (size_t i = 0; i < n; i++) {
    const char *id = ids[i];
    char path[4600];
    snprintf(path, sizeof path, "%s/%s/in.yaml", dir, id);
    if (!peer_exists(path)) continue; /* LICENSE, README */
    size_t len;
    char *data = peer_read_file(path, &len);
    if (data == NULL) {
      failf(&st, id, "cannot read %s", path);
      continue;
    }
    snprintf(path, sizeof path, "%s/%s/error", dir, id);
    int suite_invalid = peer_exists(path);
    st.cases++;
    if (suite_invalid)
      st.invalid++;
    else
      st.valid++;

    char msg[1024];
    peer_budget_start(id);
    int refused = pass_a(&st, id, data, len, opts, msg, sizeof msg);
    int b_parse = pass_b(&st, id, data, len);
    pass_c(&st, id, data, len, langao, b_parse);
    peer_budget_stop();
    free(data);
    if (refused < 0) continue;

    const char *diff = NULL;
    if (!suite_invalid && refused) diff = "rejects-valid";
    if (suite_invalid && !refused) diff = "accepts-invalid";
    peer_expect *e = peer_expects_find(&ex, id);
    if (e) e->used = 1;
    if (diff == NULL) {
      st.agree++;
      if (e)
        failf(&st, id, "listed as %s (%s:%u) but agrees with the suite now: remove it from the list", e->direction,
              ex.path, e->line);
      continue;
    }
    if (print_drafts) printf("DRAFT %s %s %s\n", id, diff, msg);
    if (e == NULL) {
      failf(&st, id, "%s, not in %s: %s", diff, ex.path, msg);
    } else if (strcmp(e->direction, diff) != 0) {
      failf(&st, id, "listed as %s (%s:%u) but it %s: %s", e->direction, ex.path, e->line, diff, msg);
    } else {
      st.listed++;
      if (diff[0] == 'r')
        st.rejects_valid++;
      else
        st.accepts_invalid++;
    }
  }
  for (size_t i = 0; i < ex.count; i++)
    if (!ex.items[i].used)
      failf(&st, ex.items[i].key, "listed (%s:%u) but no such case in the suite", ex.path, ex.items[i].line);

  printf("\nyaml-test-suite through the framework loader (%s)\n", dir);
  printf("  cases %zu (valid %zu, invalid %zu)\n", st.cases, st.valid, st.invalid);
  printf("  agreements %zu; listed differences %zu (rejects-valid %zu, accepts-invalid %zu)\n", st.agree, st.listed,
         st.rejects_valid, st.accepts_invalid);
  printf("  failures %zu\n", st.failures);
  printf("%s\n", st.failures ? "FAILED" : "PASSED");

  peer_free_names(ids);
  peer_expects_free(&ex);
  govopen_framework_free(langao);
  govopen_options_free(opts);
  return st.failures ? 1 : 0;
}
