/* The limits a caller sets through the API (the size, depth, node and alias
 * limits are in test_invalid.c): units, points, string length, observations
 * per evaluation, expression evaluation steps. Each is refused with
 * GOVOPEN_ELIMIT at its place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static const char *DOC =
    "schema: 1\n"
    "framework: {id: t, title: 一个相当长的框架标题, total: 3}\n"
    "units: [{id: a, name: 甲, kind: town}, {id: b, name: 乙, kind: town}, {id: c, name: 丙, kind: town}]\n"
    "indicators:\n"
    "  - title: 一\n"
    "    points:\n"
    "      - {id: P1, text: 文, sampling: [政府网站], responsible: [甲]}\n"
    "      - {id: P2, text: 文, sampling: [政府网站], responsible: [甲]}\n"
    "      - id: P3\n"
    "        text: 文\n"
    "        sampling: [政府网站]\n"
    "        responsible: [甲]\n"
    "        rule: {kind: expression, fields: {ok: boolean}, score: \"max_score * count(ok) / max(n, 1)\"}\n";

static int load_with(int option, int64_t value, govopen_framework **fw, govopen_error **err) {
  govopen_options *o = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&o), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, option, value), GOVOPEN_OK);
  int r = govopen_framework_load_buffer(fw, DOC, strlen(DOC), "l.yaml", o, err);
  govopen_options_free(o);
  return r;
}

static void expect(int r, govopen_error *err, unsigned line, unsigned col, const char *path, const char *msg) {
  CU_ASSERT_EQUAL(r, GOVOPEN_ELIMIT);
  CU_ASSERT_PTR_NOT_NULL_FATAL(err);
  CU_ASSERT_EQUAL(govopen_error_code(err), GOVOPEN_ELIMIT);
  CU_ASSERT_EQUAL(govopen_error_line(err), line);
  CU_ASSERT_EQUAL(govopen_error_column(err), col);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(err), path);
  if (strstr(govopen_error_message(err), msg) == NULL) {
    fprintf(stderr, "\n  got: %s", govopen_error_message(err));
    CU_FAIL("message");
  }
}

static void test_framework_limits(void) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  /* the defaults let it load */
  CU_ASSERT_EQUAL(govopen_framework_load_buffer(&fw, DOC, strlen(DOC), "l.yaml", NULL, NULL), GOVOPEN_OK);
  govopen_framework_free(fw);
  fw = NULL;
  int r = load_with(GOVOPEN_OPT_MAX_UNITS, 2, &fw, &err);
  expect(r, err, 3, 8, "units", "3 units exceed the limit of 2 (GOVOPEN_OPT_MAX_UNITS)");
  CU_ASSERT_PTR_NULL(fw);
  CU_ASSERT_EQUAL(govopen_error_count(err, -1), 1);
  govopen_error_free(err);
  r = load_with(GOVOPEN_OPT_MAX_POINTS, 2, &fw, &err);
  expect(r, err, 7, 7, "indicators[0].points", "more than 2 points (GOVOPEN_OPT_MAX_POINTS)");
  govopen_error_free(err);
  /* the title is 10 characters, 30 bytes of UTF-8 */
  r = load_with(GOVOPEN_OPT_MAX_STRING, 29, &fw, &err);
  expect(r, err, 2, 27, "framework.title",
         "the string is 30 bytes long, more than the limit of 29 (GOVOPEN_OPT_MAX_STRING)");
  govopen_error_free(err);
  /* the longest string, the expression, is 33 bytes: exactly at the limit loads */
  CU_ASSERT_EQUAL(load_with(GOVOPEN_OPT_MAX_STRING, 33, &fw, &err), GOVOPEN_OK);
  govopen_framework_free(fw);
  int64_t v = 0;
  govopen_options *o = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&o), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_get_int(o, GOVOPEN_OPT_MAX_UNITS, &v), GOVOPEN_OK);
  CU_ASSERT_EQUAL(v, GOVOPEN_DEFAULT_MAX_UNITS);
  CU_ASSERT_EQUAL(govopen_options_get_int(o, GOVOPEN_OPT_MAX_STRING, &v), GOVOPEN_OK);
  CU_ASSERT_EQUAL(v, GOVOPEN_DEFAULT_MAX_STRING);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_POINTS, 0), GOVOPEN_EINVALID);
  govopen_options_free(o);
}

static void test_evaluation_limits(void) {
  govopen_framework *fw = NULL;
  govopen_evaluation *ev = NULL;
  govopen_result *r = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_buffer(&fw, DOC, strlen(DOC), "l.yaml", NULL, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-15", NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_OBSERVATIONS, 2), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_STEPS, 5), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_STEPS, 0), GOVOPEN_EINVALID);
  const char *obs =
      "{\"unit\": \"甲\", \"point\": \"P3\", \"samples\": [{\"ok\": true}, {\"ok\": false}, {\"ok\": true}]}\n"
      "{\"unit\": \"甲\", \"point\": \"P1\", \"score\": 1}\n"
      "{\"unit\": \"甲\", \"point\": \"P2\", \"score\": 1}\n";
  /* two records are read, the third is over the limit: reading stops there, and the call keeps nothing */
  int rc = govopen_evaluation_add_buffer(ev, obs, strlen(obs), "o.jsonl", GOVOPEN_FORMAT_JSONL, &err);
  CU_ASSERT_EQUAL(rc, GOVOPEN_ELIMIT);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(ev), 0);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(ev), 0);
  CU_ASSERT_PTR_NULL(govopen_evaluation_diagnostics(ev));
  CU_ASSERT_PTR_NOT_NULL_FATAL(err);
  CU_ASSERT_EQUAL(govopen_error_code(err), GOVOPEN_ELIMIT);
  CU_ASSERT_EQUAL(govopen_error_line(err), 3);
  CU_ASSERT_EQUAL(govopen_error_column(err), 1);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err),
                         "more than 2 records: the limit on observation records (GOVOPEN_EVAL_MAX_OBSERVATIONS) is "
                         "reached (reading stopped here: the rest of the input, from line 3, column 1, to its end, "
                         "was not read)");
  CU_ASSERT_PTR_NULL(govopen_error_next(err));
  govopen_error_free(err);
  err = NULL;
  /* with room for the three, all are read; nothing more is read once the limit is reached */
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_OBSERVATIONS, 3), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, obs, strlen(obs), "o.jsonl", GOVOPEN_FORMAT_JSONL, NULL),
                  GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(ev), 3);
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, obs, strlen(obs), "p.jsonl", GOVOPEN_FORMAT_JSONL, &err),
                  GOVOPEN_ELIMIT);
  govopen_error_free(err);
  /* the expression needs more than 5 steps over three samples: the cell cannot be scored, is judged failed (0 of
     its maximum, never out of the denominator) and a warning says so */
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(ev, &r, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_result_cell_status(r, 0, 2), GOVOPEN_CELL_ERROR);
  CU_ASSERT_EQUAL(govopen_result_cell_score(r, 0, 2), 0.0);
  CU_ASSERT_STRING_EQUAL(govopen_result_cell_reason_code(r, 0, 2, 0), "expression.error");
  CU_ASSERT_PTR_NOT_NULL(strstr(govopen_result_cell_reason_text(r, 0, 2, 0), "more than 5 steps"));
  CU_ASSERT_EQUAL(govopen_result_unit_possible(r, 0), 3.0);
  CU_ASSERT_EQUAL(govopen_result_unit_raw(r, 0), 2.0);
  CU_ASSERT_EQUAL(govopen_result_unit_total(r, 0), 66.67);
  const govopen_error *w = govopen_evaluation_diagnostics(ev);
  CU_ASSERT_PTR_NOT_NULL_FATAL(w);
  CU_ASSERT_EQUAL(govopen_error_severity(w), GOVOPEN_SEVERITY_WARNING);
  CU_ASSERT_EQUAL(govopen_error_code(w), GOVOPEN_ELIMIT);
  CU_ASSERT_STRING_EQUAL(govopen_error_source(w), "l.yaml");
  CU_ASSERT_EQUAL(govopen_error_line(w), 9);
  CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(w), "the rule of P3 could not be applied to 甲 ("));
  CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(w), "): the cell counts as 0 of 1.00"));
  CU_ASSERT_PTR_NULL(govopen_error_next(w));
  CU_ASSERT_EQUAL(govopen_result_cell_status(r, 0, 0), GOVOPEN_CELL_SCORED);
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
}

/* The expression rule's size: lowered through the options, never raised. */
static void test_expression_limits(void) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  /* "max_score * count(ok) / max(n, 1)" on line 13: 33 characters from column 65; the 21st is at 85 */
  int r = load_with(GOVOPEN_OPT_MAX_EXPR_CHARS, 20, &fw, &err);
  expect(r, err, 13, 85, "indicators[0].points[2].rule.score", "the expression is longer than 20 characters");
  govopen_error_free(err);
  err = NULL;
  r = load_with(GOVOPEN_OPT_MAX_EXPR_NODES, 3, &fw, &err);
  CU_ASSERT_EQUAL(r, GOVOPEN_ELIMIT);
  CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(err), "more than 3 parts"));
  CU_ASSERT_EQUAL(govopen_error_line(err), 13);
  govopen_error_free(err);
  CU_ASSERT_EQUAL(load_with(GOVOPEN_OPT_MAX_EXPR_CHARS, 33, &fw, &err), GOVOPEN_OK);
  govopen_framework_free(fw);
  govopen_options *o = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&o), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_EXPR_CHARS, 10001), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_EXPR_NODES, 2001), GOVOPEN_EINVALID);
  govopen_options_free(o);
}

static const test_case cases[] = {{"framework limits", test_framework_limits},
                                  {"evaluation limits", test_evaluation_limits},
                                  {"expression limits", test_expression_limits},
                                  {NULL, NULL}};
GV_TEST_SUITE(limits, cases);
