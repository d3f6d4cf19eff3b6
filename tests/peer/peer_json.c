/* JSONTestSuite (test_parsing) through the observation reader (issue 5).
 *
 * Every file is read as a JSON document, and, when it holds no line break
 * (LF or CR), as one JSON Lines record:
 *   - gv_records_read() (lib/load/records.h), whose verdict is judged: an
 *     input is "read" when the status is 0 and no record was rejected;
 *   - gv_records_foreach(), the streaming form: the same counts and status;
 *   - the public govopen_evaluation_add_buffer() against the built-in
 *     framework: no crash, positions, and an n_ file never passes unnoticed.
 * y_ files must be read, n_ files rejected; i_ files may go either way. Every
 * (file, mode) that differs must be listed in json-expected-differences.txt
 * as "FILE:MODE DIRECTION REASON" (DIRECTION rejects-valid for y_,
 * accepts-invalid for n_); a listed pair that no longer differs fails.
 * Whatever the verdict, every diagnostic carries a line and a column (>= 1),
 * a message and the source name, and valid JSON never gets a syntax error.
 * Each input runs under a time budget (peer_common.h).
 *
 * Usage: peer_json SUITES_DIR EXPECTED_LIST [--print]
 *   --print  also prints each difference as a draft list line with our message.
 * Exit: 0 pass, 1 failures, 77 suites absent outside CI (SKIPPED). */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <govopen/govopen.h>

#include "load/records.h"
#include "peer_common.h"
#include "util/error.h"

typedef struct stats {
  size_t files, y, n, i, runs, agree, listed, rejects_valid, accepts_invalid, i_read, i_rejected, failures;
  size_t cjson_n, cjson_n_rejected; /* n_ files cJSON 1.7.15 alone accepts; those the reader rejects */
} stats;

GV_PRINTF(3, 4)
static void failf(stats *st, const char *key, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  printf("FAIL %s: ", key);
  vprintf(fmt, ap);
  printf("\n");
  va_end(ap);
  st->failures++;
}

/* Checks every diagnostic for a position, a message and the source name. */
static void check_chain(stats *st, const char *key, const char *what, const char *source, const govopen_error *e) {
  for (; e; e = govopen_error_next(e)) {
    const char *m = govopen_error_message(e);
    if (govopen_error_line(e) >= 1 && govopen_error_column(e) >= 1 && m && *m &&
        strcmp(govopen_error_source(e), source) == 0)
      continue;
    failf(st, key, "%s: a diagnostic without a line/column, message or source: %s:%u:%u: %s", what,
          govopen_error_source(e), govopen_error_line(e), govopen_error_column(e), m ? m : "(null)");
  }
}

static int has_malformed(const govopen_error *e) {
  for (; e; e = govopen_error_next(e))
    if (govopen_error_code(e) == GOVOPEN_EPARSE && strstr(govopen_error_message(e), "malformed JSON")) return 1;
  return 0;
}

/* Whether cJSON by itself takes the whole text for one JSON value (only
   white space after it): what the reader must not trust. */
static int cjson_accepts(const char *data, size_t len) {
  const char *end = NULL;
  cJSON *j = cJSON_ParseWithLengthOpts(data, len, &end, 0);
  int ok = j != NULL && end != NULL;
  for (const char *p = end; ok && p < data + len; p++)
    if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') ok = 0;
  cJSON_Delete(j);
  return ok;
}

static int count_records(const gv_record *rec, void *payload) {
  (void)rec;
  ++*(size_t *)payload;
  return 0;
}

/* The public path: returns whether anything was rejected. */
static int public_pass(stats *st, const char *key, const char *name, const char *data, size_t len, int format,
                       const govopen_framework *fw) {
  govopen_evaluation *ev = NULL;
  govopen_error *err = NULL;
  if (govopen_evaluation_new(&ev, fw, &err) != GOVOPEN_OK) {
    failf(st, key, "public: cannot create an evaluation");
    govopen_error_free(err);
    return 0;
  }
  /* observations are judged as they arrive: the as-of date comes first */
  if (govopen_evaluation_set_as_of(ev, "2023-12-15", NULL) != GOVOPEN_OK) failf(st, key, "cannot set the as-of date");
  int rc = govopen_evaluation_add_buffer(ev, data, len, name, format, &err);
  check_chain(st, key, "public", name, err);
  check_chain(st, key, "public (rejected observations)", name, govopen_evaluation_diagnostics(ev));
  if (rc != GOVOPEN_OK && err == NULL) failf(st, key, "public: status %d without a diagnostic", rc);
  if (name[0] == 'y' && (has_malformed(err) || has_malformed(govopen_evaluation_diagnostics(ev))))
    failf(st, key, "public: valid JSON reported as malformed");
  int rejected = rc != GOVOPEN_OK || govopen_evaluation_rejected_count(ev) > 0;
  govopen_error_free(err);
  govopen_evaluation_free(ev);
  return rejected;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s SUITES_DIR EXPECTED_LIST [--print]\n", argv[0]);
    return 2;
  }
  int print_drafts = argc > 3 && strcmp(argv[3], "--print") == 0;
  setvbuf(stdout, NULL, _IOLBF, 0);
  const char *suites = peer_suites_dir(argv[1]);
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/JSONTestSuite/test_parsing", suites);
  int skip = peer_require_dir(dir, "JSONTestSuite/test_parsing");
  if (skip) return skip;

  stats st = {0};
  peer_expects ex;
  st.failures += (size_t)peer_expects_load(&ex, argv[2]);
  peer_budget_init();
  govopen_framework *langao = NULL;
  govopen_error *lerr = NULL;
  if (govopen_framework_load_builtin(&langao, "langao-2023", NULL, &lerr) != GOVOPEN_OK) {
    printf("FAILED: cannot load the built-in framework\n");
    return 1;
  }

  char **names;
  size_t n = peer_list_dir(dir, ".json", &names);
  for (size_t f = 0; f < n; f++) {
    const char *name = names[f];
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t len;
    char *data = peer_read_file(path, &len);
    if (data == NULL) {
      failf(&st, name, "cannot read %s", path);
      continue;
    }
    char kind = name[0];
    if (kind != 'y' && kind != 'n' && kind != 'i') {
      free(data);
      continue;
    }
    st.files++;
    st.y += kind == 'y';
    st.n += kind == 'n';
    st.i += kind == 'i';
    int cjson_ok = kind == 'n' && cjson_accepts(data, len);
    st.cjson_n += (size_t)cjson_ok;
    int one_line = memchr(data, '\n', len) == NULL && memchr(data, '\r', len) == NULL;
    for (int pass = 0; pass < 2; pass++) {
      if (pass == 1 && !one_line) break;
      const char *mode = pass ? "jsonl" : "json";
      int format = pass ? GV_REC_JSONL : GV_REC_JSON;
      char key[600];
      snprintf(key, sizeof key, "%s:%s", name, mode);
      st.runs++;
      peer_budget_start(key);

      gv_records r;
      gv_diags d = {0};
      int rc = gv_records_read(&r, data, len, name, format, NULL, &d);
      int read = rc == 0 && r.rejected == 0;
      check_chain(&st, key, "records", name, d.head);
      if (rc != 0 && d.head == NULL) failf(&st, key, "status %d without a diagnostic", rc);
      if (kind == 'y' && has_malformed(d.head))
        failf(&st, key, "valid JSON reported as malformed: %s", d.head->message);
      char msg[1024];
      if (d.head)
        snprintf(msg, sizeof msg, "%u:%u: %s", d.head->line, d.head->column, d.head->message);
      else
        snprintf(msg, sizeof msg, "(no diagnostic; %zu records)", r.count);

      /* the streaming form agrees */
      gv_diags d2 = {0};
      size_t cb = 0, count2 = 0, rejected2 = 0;
      int rc2 = gv_records_foreach(data, len, name, format, NULL, count_records, &cb, &count2, &rejected2, &d2);
      if (rc2 != rc || count2 != r.count || cb != r.count || rejected2 != r.rejected || d2.errors != d.errors)
        failf(&st, key,
              "gv_records_foreach (status %d, %zu read, %zu rejected, %zu errors) differs from gv_records_read"
              " (status %d, %zu read, %zu rejected, %zu errors)",
              rc2, count2, rejected2, d2.errors, rc, r.count, r.rejected, d.errors);
      gv_diags_free(&d2);

      int pub_rejected =
          public_pass(&st, key, name, data, len, pass ? GOVOPEN_FORMAT_JSONL : GOVOPEN_FORMAT_JSON, langao);
      peer_budget_stop();
      gv_records_free(&r);
      gv_diags_free(&d);

      if (cjson_ok && pass == 0 && !read) st.cjson_n_rejected++;
      const char *diff = NULL;
      if (kind == 'y' && !read) diff = "rejects-valid";
      if (kind == 'n' && read) diff = "accepts-invalid";
      if (kind == 'i') {
        if (read)
          st.i_read++;
        else
          st.i_rejected++;
      }
      peer_expect *e = peer_expects_find(&ex, key);
      if (e) e->used = 1;
      if (kind == 'n' && !pub_rejected && !(e && diff))
        failf(&st, key, "invalid JSON passed govopen_evaluation_add_buffer() unnoticed");
      if (diff == NULL) {
        if (kind != 'i') st.agree++;
        if (e)
          failf(&st, key, "listed as %s (%s:%u) but agrees with the suite now: remove it from the list", e->direction,
                ex.path, e->line);
        continue;
      }
      if (print_drafts) printf("DRAFT %s %s %s\n", key, diff, msg);
      if (e == NULL) {
        failf(&st, key, "%s, not in %s: %s", diff, ex.path, msg);
      } else if (strcmp(e->direction, diff) != 0) {
        failf(&st, key, "listed as %s (%s:%u) but it %s: %s", e->direction, ex.path, e->line, diff, msg);
      } else {
        st.listed++;
        if (diff[0] == 'r')
          st.rejects_valid++;
        else
          st.accepts_invalid++;
      }
    }
    free(data);
  }
  for (size_t k = 0; k < ex.count; k++)
    if (!ex.items[k].used)
      failf(&st, ex.items[k].key, "listed (%s:%u) but no such file and mode in the suite", ex.path, ex.items[k].line);

  printf("\nJSONTestSuite through the observation reader (%s)\n", dir);
  printf("  files %zu (y_ %zu, n_ %zu, i_ %zu); runs %zu (as JSON, and as JSON Lines when on one line)\n", st.files,
         st.y, st.n, st.i, st.runs);
  printf("  agreements %zu; listed differences %zu (rejects-valid %zu, accepts-invalid %zu)\n", st.agree, st.listed,
         st.rejects_valid, st.accepts_invalid);
  printf("  i_ runs: %zu read, %zu rejected\n", st.i_read, st.i_rejected);
  printf("  n_ files cJSON 1.7.15 alone accepts (white space only after the value): %zu; rejected here: %zu\n",
         st.cjson_n, st.cjson_n_rejected);
  printf("  failures %zu\n", st.failures);
  printf("%s\n", st.failures ? "FAILED" : "PASSED");

  peer_free_names(names);
  peer_expects_free(&ex);
  govopen_framework_free(langao);
  return st.failures ? 1 : 0;
}
