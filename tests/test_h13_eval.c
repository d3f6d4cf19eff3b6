/* Issue 13, items 7 and 8: nothing an observation cannot be judged by, and
 * nothing a reader stops before, may change a score unsaid.
 * - A sample the calendar cannot judge is rejected at its place and never
 *   reaches its cell (a town's 33.33 stays 33.33); a cell whose expression
 *   fails when scored is judged failed (0, counted) with a warning.
 * - A file whose reading stops early keeps nothing: the add fails with the
 *   stop's status, its diagnostic saying from which line and column the rest
 *   was not read — every reader (YAML, JSON, JSON Lines on one or two
 *   threads). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

/* Two towns; P1 boolean 10, P2 deadline 20 (20 working days), P3 recency 10
   (5 working days), P4 an expression 20 that divides by the samples found
   (an error when none is); P5 20 on an open group. */
static const char *FW =
    "schema: 1\n"
    "framework: {id: h, title: 测试, total: 80, year: 2023, calendar: cn}\n"
    "units:\n"
    "  - {id: a, name: 甲镇, kind: town}\n"
    "  - {id: b, name: 乙镇, kind: town}\n"
    "groups:\n"
    "  - {id: handlers, name: 各办理单位, open: true}\n"
    "indicators:\n"
    "  - id: \"1\"\n"
    "    title: 一\n"
    "    score: 80\n"
    "    points:\n"
    "      - {id: P1, text: 支持IPv6, score: 10, sampling: [政府网站], responsible: [甲镇, 乙镇],\n"
    "         rule: {kind: boolean, label: 支持IPv6}}\n"
    "      - id: P2\n"
    "        text: 依申请公开答复时限\n"
    "        score: 20\n"
    "        sampling: [模拟用户]\n"
    "        responsible: [甲镇, 乙镇]\n"
    "        rule: {kind: deadline, label: 答复时限, start: received, end: replied, limit: {workdays: 20}}\n"
    "      - {id: P3, text: 新媒体更新, score: 10, sampling: [政务新媒体], responsible: [甲镇, 乙镇],\n"
    "         rule: {kind: recency, within: {workdays: 5}}}\n"
    "      - id: P4\n"
    "        text: 自定义\n"
    "        score: 20\n"
    "        sampling: [政府网站]\n"
    "        responsible: [乙镇]\n"
    "        rule: {kind: expression, fields: {ok: boolean}, score: \"max_score * count(ok) / count(ok)\"}\n"
    "      - id: P5\n"
    "        text: 办理\n"
    "        score: 20\n"
    "        sampling: [模拟用户]\n"
    "        responsible: [各办理单位]\n"
    "        rule: {kind: deadline, start: received, end: replied, limit: {workdays: 20}}\n";

typedef struct fx {
  govopen_framework *fw;
  govopen_evaluation *ev;
  govopen_result *r;
  size_t a, b, p1, p2, p3, p4, p5;
} fx;

static void fx_open(fx *x, const char *as_of) {
  memset(x, 0, sizeof *x);
  govopen_error *err = NULL;
  int rc = test_load_text(FW, &x->fw, &err);
  if (rc != GOVOPEN_OK && err) fprintf(stderr, "\n%s\n", govopen_error_message(err));
  govopen_error_free(err);
  CU_ASSERT_EQUAL_FATAL(rc, GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&x->ev, x->fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_set_as_of(x->ev, as_of, NULL), GOVOPEN_OK);
  x->a = govopen_unit_index(govopen_framework_unit_by_id(x->fw, "a"));
  x->b = govopen_unit_index(govopen_framework_unit_by_id(x->fw, "b"));
  x->p1 = govopen_point_index(govopen_framework_point_by_id(x->fw, "P1"));
  x->p2 = govopen_point_index(govopen_framework_point_by_id(x->fw, "P2"));
  x->p3 = govopen_point_index(govopen_framework_point_by_id(x->fw, "P3"));
  x->p4 = govopen_point_index(govopen_framework_point_by_id(x->fw, "P4"));
  x->p5 = govopen_point_index(govopen_framework_point_by_id(x->fw, "P5"));
}

static void fx_close(fx *x) {
  govopen_result_free(x->r);
  govopen_evaluation_free(x->ev);
  govopen_framework_free(x->fw);
}

static int add(fx *x, const char *text, const char *name, int format, govopen_error **err) {
  return govopen_evaluation_add_buffer(x->ev, text, strlen(text), name, format, err);
}

static void run(fx *x) {
  govopen_result_free(x->r);
  x->r = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(x->ev, &x->r, NULL), GOVOPEN_OK);
}

/* The last diagnostic of the evaluation. */
static const govopen_error *last_diag(const govopen_evaluation *ev) {
  const govopen_error *e = govopen_evaluation_diagnostics(ev);
  while (e && govopen_error_next(e)) e = govopen_error_next(e);
  return e;
}

static int diag_is(const govopen_error *e, int code, const char *source, unsigned line, unsigned col, const char *path,
                   const char *message) {
  if (e == NULL) {
    fprintf(stderr, "\n  no diagnostic (expected %s:%u:%u)\n", source, line, col);
    return 0;
  }
  int ok = govopen_error_code(e) == code && strcmp(govopen_error_source(e), source) == 0 &&
           govopen_error_line(e) == line && govopen_error_column(e) == col &&
           strcmp(govopen_error_path(e), path) == 0 && strcmp(govopen_error_message(e), message) == 0;
  if (!ok)
    fprintf(stderr, "\n  got %d %s:%u:%u [%s] %s\n", govopen_error_code(e), govopen_error_source(e),
            govopen_error_line(e), govopen_error_column(e), govopen_error_path(e), govopen_error_message(e));
  return ok;
}

/* --- item 7: samples the calendar cannot judge ------------------------------------------ */

static void test_sample_outside_calendar(void) {
  fx x;
  fx_open(&x, "2023-12-15");
  const char *obs =
      "{\"unit\": \"甲镇\", \"point\": \"P1\", \"value\": true}\n"
      "{\"unit\": \"甲镇\", \"point\": \"P2\", \"received\": \"2023-03-01\", \"replied\": \"2023-05-20\"}\n";
  CU_ASSERT_EQUAL(add(&x, obs, "o.jsonl", GOVOPEN_FORMAT_JSONL, NULL), GOVOPEN_OK);
  run(&x);
  /* 10 of 30: P1 met, P2 late */
  CU_ASSERT_EQUAL(govopen_result_unit_total(x.r, x.a), 33.33);
  /* a sample dated 2019-01-01 is rejected where it stands: the score does not move (one dated
     after the as-of date is refused as such: tests/test_h14_impossible.c) */
  const char *bad =
      "{\"unit\": \"甲镇\", \"point\": \"P2\", \"received\": \"2019-01-01\", \"replied\": \"2019-01-05\"}\n";
  CU_ASSERT_EQUAL(add(&x, bad, "p.jsonl", GOVOPEN_FORMAT_JSONL, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(x.ev), 2);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(x.ev), 1);
  CU_ASSERT_TRUE(diag_is(govopen_evaluation_diagnostics(x.ev), GOVOPEN_ERANGE, "p.jsonl", 1, 1, "records[0]",
                         "the sample cannot be judged: 2019-01-01 is outside the years of the calendar cn (2022 to "
                         "2026); the observation is rejected"));
  run(&x);
  CU_ASSERT_EQUAL(govopen_result_unit_total(x.r, x.a), 33.33);
  CU_ASSERT_EQUAL(govopen_result_unit_possible(x.r, x.a), 30.0);
  CU_ASSERT_EQUAL(govopen_result_cell_status(x.r, x.a, x.p2), GOVOPEN_CELL_SCORED);
  CU_ASSERT_EQUAL(govopen_result_cell_score(x.r, x.a, x.p2), 0.0);
  CU_ASSERT_EQUAL(govopen_result_rejected_count(x.r), 1);
  CU_ASSERT_EQUAL(govopen_result_observation_count(x.r), 2);
  fx_close(&x);
}

/* A reply dated before the request came in measures nothing: rejected at its
   record (issue 14 found it scoring full marks), the score as it was. */
static void test_end_before_start(void) {
  fx x;
  fx_open(&x, "2023-12-15");
  const char *obs =
      "{\"unit\": \"甲镇\", \"point\": \"P1\", \"value\": true}\n"
      "{\"unit\": \"甲镇\", \"point\": \"P2\", \"received\": \"2023-03-10\", \"replied\": \"2023-03-01\"}\n"
      "{\"unit\": \"甲镇\", \"point\": \"P2\", \"received\": \"2023-03-01\", \"replied\": \"2023-05-20\"}\n";
  CU_ASSERT_EQUAL(add(&x, obs, "o.jsonl", GOVOPEN_FORMAT_JSONL, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(x.ev), 2);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(x.ev), 1);
  /* at the value to blame, the reply (issue 14: the offending field's value) */
  CU_ASSERT_TRUE(diag_is(govopen_evaluation_diagnostics(x.ev), GOVOPEN_ERANGE, "o.jsonl", 2, 68, "records[1].replied",
                         "the sample cannot be judged: replied 2023-03-01 is before received 2023-03-10; the "
                         "observation is rejected"));
  run(&x);
  /* 10 of 30, as without it: P1 met, P2 late */
  CU_ASSERT_EQUAL(govopen_result_unit_total(x.r, x.a), 33.33);
  CU_ASSERT_EQUAL(govopen_result_cell_score(x.r, x.a, x.p2), 0.0);
  fx_close(&x);
}

/* An observation is taken whole or rejected whole: its first sample is not
   kept when its second cannot be judged, and a cell it would have opened
   (an open group's unit) is not opened. */
static void test_observation_rejected_whole(void) {
  fx x;
  fx_open(&x, "2023-12-15");
  const char *obs =
      "{\"unit\": \"甲镇\", \"point\": \"P2\", \"samples\": [{\"received\": \"2023-03-01\", \"replied\": \"2023-03-10\"}, "
      "{\"received\": \"2019-01-01\"}]}\n"
      "{\"unit\": \"乙镇\", \"point\": \"P5\", \"received\": \"2019-01-01\"}\n";
  CU_ASSERT_EQUAL(add(&x, obs, "o.jsonl", GOVOPEN_FORMAT_JSONL, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(x.ev), 0);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(x.ev), 2);
  const govopen_error *d = govopen_evaluation_diagnostics(x.ev);
  CU_ASSERT_TRUE(diag_is(d, GOVOPEN_ERANGE, "o.jsonl", 1, 96, "records[0].samples[1]",
                         "the sample cannot be judged: 2019-01-01 is outside the years of the calendar cn (2022 to "
                         "2026); the observation is rejected"));
  CU_ASSERT_TRUE(diag_is(d ? govopen_error_next(d) : NULL, GOVOPEN_ERANGE, "o.jsonl", 2, 1, "records[1]",
                         "the sample cannot be judged: 2019-01-01 is outside the years of the calendar cn (2022 to "
                         "2026); the observation is rejected"));
  run(&x);
  CU_ASSERT_EQUAL(govopen_result_cell_status(x.r, x.a, x.p2), GOVOPEN_CELL_NOT_EVALUATED);
  CU_ASSERT_EQUAL(govopen_result_cell_status(x.r, x.b, x.p5), -1); /* never opened */
  CU_ASSERT_EQUAL(govopen_result_unit_scored(x.r, x.a), 0);
  fx_close(&x);
}

/* A deadline past the calendar's last year (the start inside it), and a
   recency counted in working days from a year before its first. */
static void test_deadline_and_recency_past_calendar(void) {
  fx x;
  fx_open(&x, "2026-12-31");
  CU_ASSERT_EQUAL(govopen_evaluation_set_period(x.ev, "2026-01-01", "2026-12-31", NULL), GOVOPEN_OK);
  const char *obs = "- {unit: 甲镇, point: P2, received: 2026-12-20}\n"
                    "- {unit: 甲镇, point: P3, last_update: 2021-06-01, monitored: 2026-06-10}\n"
                    "- {unit: 甲镇, point: P3, last_update: 2026-06-08, monitored: 2026-06-10}\n";
  CU_ASSERT_EQUAL(add(&x, obs, "o.yaml", GOVOPEN_FORMAT_YAML, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(x.ev), 1);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(x.ev), 2);
  const govopen_error *d = govopen_evaluation_diagnostics(x.ev);
  CU_ASSERT_TRUE(diag_is(d, GOVOPEN_ERANGE, "o.yaml", 1, 3, "records[0]",
                         "the sample cannot be judged: 20 working days after 2026-12-20 run past the years of the "
                         "calendar cn (2022 to 2026); the observation is rejected"));
  CU_ASSERT_TRUE(diag_is(d ? govopen_error_next(d) : NULL, GOVOPEN_ERANGE, "o.yaml", 2, 3, "records[1]",
                         "the sample cannot be judged: 2021-06-01 is outside the years of the calendar cn (2022 to "
                         "2026); the observation is rejected"));
  run(&x);
  CU_ASSERT_EQUAL(govopen_result_cell_status(x.r, x.a, x.p2), GOVOPEN_CELL_NOT_EVALUATED);
  CU_ASSERT_EQUAL(govopen_result_cell_status(x.r, x.a, x.p3), GOVOPEN_CELL_SCORED);
  CU_ASSERT_EQUAL(govopen_result_cell_score(x.r, x.a, x.p3), 10.0);
  CU_ASSERT_EQUAL(govopen_result_unit_total(x.r, x.a), 100.0);
  fx_close(&x);
}

/* A cell whose expression fails when scored is judged failed: 0 of its
   maximum, in the denominator, with a reason and one warning per point. */
static void test_expression_error_counts(void) {
  fx x;
  fx_open(&x, "2023-12-15");
  const char *obs = "{\"unit\": \"乙镇\", \"point\": \"P1\", \"value\": true}\n"
                    "{\"unit\": \"乙镇\", \"point\": \"P4\", \"ok\": false}\n";
  CU_ASSERT_EQUAL(add(&x, obs, "o.jsonl", GOVOPEN_FORMAT_JSONL, NULL), GOVOPEN_OK);
  CU_ASSERT_PTR_NULL(govopen_evaluation_diagnostics(x.ev));
  run(&x);
  CU_ASSERT_EQUAL(govopen_result_cell_status(x.r, x.b, x.p4), GOVOPEN_CELL_ERROR);
  CU_ASSERT_EQUAL(govopen_result_cell_score(x.r, x.b, x.p4), 0.0);
  CU_ASSERT_STRING_EQUAL(govopen_result_cell_reason_code(x.r, x.b, x.p4, 0), "expression.error");
  CU_ASSERT_STRING_EQUAL(govopen_result_cell_reason_text(x.r, x.b, x.p4, 0),
                         "表达式无法求值：line 28, column 87: division by zero");
  /* 10 of 30, not 10 of 10 */
  CU_ASSERT_EQUAL(govopen_result_unit_raw(x.r, x.b), 10.0);
  CU_ASSERT_EQUAL(govopen_result_unit_possible(x.r, x.b), 30.0);
  CU_ASSERT_EQUAL(govopen_result_unit_total(x.r, x.b), 33.33);
  CU_ASSERT_EQUAL(govopen_result_county_point_score(x.r, x.p4), 0.0);
  const char *warning = "the rule of P4 could not be applied to 乙镇 (表达式无法求值：line 28, column 87: division by "
                        "zero): the cell counts as 0 of 20.00";
  const govopen_error *w = govopen_evaluation_diagnostics(x.ev);
  CU_ASSERT_TRUE(diag_is(w, GOVOPEN_EINVALID, "test.yaml", 23, 9, "indicators[0].points[3]", warning));
  CU_ASSERT_EQUAL(w ? govopen_error_severity(w) : -1, GOVOPEN_SEVERITY_WARNING);
  CU_ASSERT_EQUAL(govopen_error_count(w, -1), 1);
  /* the JSON says so too */
  char *json = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_result_to_json(x.r, 0, &json, NULL), GOVOPEN_OK);
  const char *p4 = strstr(json, "{\"id\":\"P4\",\"status\":\"error\",\"score\":0,\"max\":20,");
  if (p4 == NULL) fprintf(stderr, "\n%s\n", json);
  CU_ASSERT_PTR_NOT_NULL(p4);
  govopen_free(json);
  /* a second run gives the same one warning, not two */
  run(&x);
  CU_ASSERT_EQUAL(govopen_error_count(govopen_evaluation_diagnostics(x.ev), -1), 1);
  /* streamed JSON runs too, and warns the same */
  CU_ASSERT_TRUE(diag_is(govopen_evaluation_diagnostics(x.ev), GOVOPEN_EINVALID, "test.yaml", 23, 9,
                         "indicators[0].points[3]", warning));
  /* new observations make the warning stale: it goes, after the diagnostics of what was added */
  const char *more = "{\"unit\": \"丙镇\", \"point\": \"P1\", \"value\": true}\n";
  CU_ASSERT_EQUAL(add(&x, more, "q.jsonl", GOVOPEN_FORMAT_JSONL, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_error_count(govopen_evaluation_diagnostics(x.ev), -1), 1);
  CU_ASSERT_EQUAL(govopen_error_line(govopen_evaluation_diagnostics(x.ev)), 1);
  CU_ASSERT_STRING_EQUAL(govopen_error_source(govopen_evaluation_diagnostics(x.ev)), "q.jsonl");
  run(&x);
  CU_ASSERT_EQUAL(govopen_error_count(govopen_evaluation_diagnostics(x.ev), -1), 2);
  CU_ASSERT_TRUE(diag_is(last_diag(x.ev), GOVOPEN_EINVALID, "test.yaml", 23, 9, "indicators[0].points[3]", warning));
  fx_close(&x);
}

/* --- item 8: reading that stops ---------------------------------------------------------- */

/* 1,002 YAML records of P1 (alternately true and false); `third` replaces
   the third line when not NULL, `after2` goes after the second. */
static char *yaml_records(const char *first, const char *third, const char *after2) {
  size_t cap = 1002 * 64 + 256, n = 0;
  char *s = malloc(cap);
  if (s == NULL) return NULL;
  for (int i = 0; i < 1002; i++) {
    if (i == 2 && after2) n += (size_t)snprintf(s + n, cap - n, "%s", after2);
    if (i == 0 && first)
      n += (size_t)snprintf(s + n, cap - n, "%s", first);
    else if (i == 2 && third)
      n += (size_t)snprintf(s + n, cap - n, "%s", third);
    else
      n += (size_t)snprintf(s + n, cap - n, "- {unit: 甲镇, point: P1, value: %s}\n", i % 2 ? "true" : "false");
  }
  return s;
}

#define REST " (reading stopped here: the rest of the input, from line %u, column %u, to its end, was not read)"

static void expect_stop(fx *x, int rc, govopen_error *err, int code, const char *source, unsigned line, unsigned col,
                        const char *path, const char *message, unsigned from_line, unsigned from_col) {
  char want[1024];
  int n = snprintf(want, sizeof want, "%s", message);
  snprintf(want + n, sizeof want - (size_t)n, REST, from_line, from_col);
  CU_ASSERT_EQUAL(rc, code);
  CU_ASSERT_TRUE(diag_is(err, code, source, line, col, path, want));
  CU_ASSERT_PTR_NULL(err ? govopen_error_next(err) : NULL);
  /* nothing of the call is kept */
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(x->ev), 0);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(x->ev), 0);
  CU_ASSERT_PTR_NULL(govopen_evaluation_diagnostics(x->ev));
}

static void test_yaml_stops(void) {
  fx x;
  fx_open(&x, "2023-12-15");
  govopen_error *err = NULL;
  /* an alias to a record at record 3 */
  char *t = yaml_records("- &r {unit: 甲镇, point: P1, value: true}\n", "- *r\n", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(t);
  int rc = add(&x, t, "alias.yaml", GOVOPEN_FORMAT_AUTO, &err);
  expect_stop(&x, rc, err, GOVOPEN_ELIMIT, "alias.yaml", 3, 3, "",
              "YAML aliases are not allowed (alias '*r'; GOVOPEN_OPT_MAX_ALIASES is 0)", 3, 3);
  govopen_error_free(err);
  /* the same from a file, streamed */
  char path[] = "/tmp/h13evalXXXXXX";
  int fd = mkstemp(path);
  CU_ASSERT_FATAL(fd >= 0);
  CU_ASSERT_EQUAL(write(fd, t, strlen(t)), (ssize_t)strlen(t));
  close(fd);
  err = NULL;
  rc = govopen_evaluation_add_file(x.ev, path, GOVOPEN_FORMAT_YAML, &err);
  expect_stop(&x, rc, err, GOVOPEN_ELIMIT, path, 3, 3, "",
              "YAML aliases are not allowed (alias '*r'; GOVOPEN_OPT_MAX_ALIASES is 0)", 3, 3);
  govopen_error_free(err);
  unlink(path);
  free(t);
  /* a syntax error at record 3 */
  t = yaml_records(NULL, "- {unit: 甲镇, point: P1, value: true\n", NULL);
  err = NULL;
  rc = add(&x, t, "syntax.yaml", GOVOPEN_FORMAT_YAML, &err);
  expect_stop(&x, rc, err, GOVOPEN_EPARSE, "syntax.yaml", 4, 3, "",
              "malformed YAML: did not find expected ',' or '}' (while parsing a flow mapping at line 3, column 3)", 3,
              3);
  govopen_error_free(err);
  free(t);
  /* a second document after record 2 */
  t = yaml_records(NULL, NULL, "---\n");
  err = NULL;
  rc = add(&x, t, "two.yaml", GOVOPEN_FORMAT_YAML, &err);
  expect_stop(&x, rc, err, GOVOPEN_EPARSE, "two.yaml", 3, 1, "", "a second YAML document; a file holds one", 3, 1);
  govopen_error_free(err);
  free(t);
  /* a tab where a token starts, at line 3: libyaml had not finished record 2
     (it reads ahead), so the rest is not read from line 2 on */
  t = yaml_records(NULL, "\t- {unit: 甲镇, point: P1, value: true}\n", NULL);
  err = NULL;
  rc = add(&x, t, "tab.yaml", GOVOPEN_FORMAT_YAML, &err);
  expect_stop(&x, rc, err, GOVOPEN_EPARSE, "tab.yaml", 3, 1, "",
              "malformed YAML: found character that cannot start any token (while scanning for the next token at "
              "line 3, column 1)",
              2, 1);
  govopen_error_free(err);
  free(t);
  /* records rejected before the stop: reported with it, and not kept either */
  t = yaml_records("- {unit: 丁镇, point: P1, value: true}\n", "- *r\n", NULL);
  err = NULL;
  rc = add(&x, t, "both.yaml", GOVOPEN_FORMAT_YAML, &err);
  CU_ASSERT_EQUAL(rc, GOVOPEN_ELIMIT);
  CU_ASSERT_TRUE(diag_is(err, GOVOPEN_ESCHEMA, "both.yaml", 1, 10, "records[0].unit",
                         "unknown unit '丁镇' (give its id, name or alias)"));
  CU_ASSERT_EQUAL(govopen_error_count(err, GOVOPEN_SEVERITY_ERROR), 2);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(x.ev), 0);
  govopen_error_free(err);
  free(t);
  /* the whole file once it is right: every record */
  t = yaml_records(NULL, NULL, NULL);
  CU_ASSERT_EQUAL(add(&x, t, "good.yaml", GOVOPEN_FORMAT_YAML, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(x.ev), 1002);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(x.ev), 0);
  free(t);
  fx_close(&x);
}

static void test_json_stops(void) {
  fx x;
  fx_open(&x, "2023-12-15");
  govopen_error *err = NULL;
  const char *doc = "[\n"
                    "  {\"unit\": \"甲镇\", \"point\": \"P1\", \"value\": true},\n"
                    "  {\"unit\": \"甲镇\", \"point\": \"P1\", \"value\": true},\n"
                    "  {\"unit\": \"甲镇\" \"point\": \"P1\", \"value\": true},\n"
                    "  {\"unit\": \"甲镇\", \"point\": \"P1\", \"value\": true}\n"
                    "]\n";
  int rc = add(&x, doc, "o.json", GOVOPEN_FORMAT_AUTO, &err);
  expect_stop(&x, rc, err, GOVOPEN_EPARSE, "o.json", 4, 17, "records[2]", "malformed JSON: unexpected '\"'", 4, 3);
  govopen_error_free(err);
  fx_close(&x);
}

/* JSON Lines stops only at a limit (a bad line is one rejected record): a
   line of more nodes than GOVOPEN_OPT_MAX_NODES allows, far into a file read
   on one thread or split between two. */
static void test_jsonl_stop_threads(void) {
  char path[] = "/tmp/h13evalXXXXXX";
  int fd = mkstemp(path);
  CU_ASSERT_FATAL(fd >= 0);
  FILE *f = fdopen(fd, "w");
  CU_ASSERT_PTR_NOT_NULL_FATAL(f);
  const unsigned good = 60000;
  for (unsigned i = 0; i < good; i++) fprintf(f, "{\"unit\": \"甲镇\", \"point\": \"P1\", \"value\": true}\n");
  fputs("{\"unit\": \"甲镇\", \"point\": \"P1\", \"value\": true, \"x\": [", f);
  for (unsigned i = 0; i < 1000000; i++) fputs("0,", f);
  fputs("0]}\n", f);
  for (unsigned i = 0; i < 10; i++) fprintf(f, "{\"unit\": \"甲镇\", \"point\": \"P1\", \"value\": true}\n");
  fclose(f);
  for (int jobs = 1; jobs <= 2; jobs++) {
    fx x;
    fx_open(&x, "2023-12-15");
    CU_ASSERT_EQUAL(govopen_evaluation_set_int(x.ev, GOVOPEN_EVAL_JOBS, jobs), GOVOPEN_OK);
    govopen_error *err = NULL;
    int rc = govopen_evaluation_add_file(x.ev, path, GOVOPEN_FORMAT_JSONL, &err);
    char rec[32];
    snprintf(rec, sizeof rec, "records[%u]", good);
    const govopen_error *e = err;
    CU_ASSERT_EQUAL(rc, GOVOPEN_ELIMIT);
    CU_ASSERT_PTR_NOT_NULL(e);
    if (e) {
      CU_ASSERT_EQUAL(govopen_error_line(e), good + 1);
      CU_ASSERT_STRING_EQUAL(govopen_error_path(e), rec);
      char want[256];
      snprintf(want, sizeof want,
               "(GOVOPEN_OPT_MAX_NODES)"
               " (reading stopped here: the rest of the input, from line %u, column 1, to its end, was not read)",
               good + 1);
      CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(e), want));
      CU_ASSERT_PTR_NULL(govopen_error_next(e));
    }
    CU_ASSERT_EQUAL(govopen_evaluation_observation_count(x.ev), 0);
    CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(x.ev), 0);
    govopen_error_free(err);
    fx_close(&x);
  }
  unlink(path);
}

static const test_case cases[] = {
    {"a sample outside the calendar is rejected; 33.33 stays 33.33", test_sample_outside_calendar},
    {"an end before its start is rejected", test_end_before_start},
    {"an observation is rejected whole", test_observation_rejected_whole},
    {"a deadline or recency past the calendar", test_deadline_and_recency_past_calendar},
    {"an expression that fails counts as 0, with a warning", test_expression_error_counts},
    {"YAML: alias, syntax error, second document, read-ahead", test_yaml_stops},
    {"JSON document: a syntax error at record 3", test_json_stops},
    {"JSON Lines: a node limit on one thread or two", test_jsonl_stop_threads},
    {NULL, NULL}};
GV_TEST_SUITE(h13_eval, cases);
