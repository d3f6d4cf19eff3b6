/* Evaluations end to end through the public API: every rule kind on a
 * fixture framework (tests/fixtures/eval/fx.yaml), vetoes, adjustments,
 * normalisation, ranks, the county view, settings, bad observations, and the
 * Langao sample data against the failures its README lists. Expected values
 * are worked out by hand from the 2023 holiday notice. */
#define _GNU_SOURCE /* mkstemps */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

typedef struct run {
  govopen_framework *fw;
  govopen_evaluation *ev;
  govopen_result *r;
} run;

static void run_free(run *x) {
  govopen_result_free(x->r);
  govopen_evaluation_free(x->ev);
  govopen_framework_free(x->fw);
  memset(x, 0, sizeof *x);
}

/* Loads fx.yaml, adds fx.jsonl (or `obs` when given) and runs at 2023-12-15. */
static int run_fx(run *x, const char *obs, int zero, int county_min) {
  memset(x, 0, sizeof *x);
  govopen_error *err = NULL;
  if (govopen_framework_load_file(&x->fw, test_path("fixtures/eval/fx.yaml"), NULL, &err) != GOVOPEN_OK) {
    fprintf(stderr, "\n  fx.yaml: %s", govopen_error_message(err));
    govopen_error_free(err);
    return -1;
  }
  if (govopen_evaluation_new(&x->ev, x->fw, NULL) != GOVOPEN_OK) return -1;
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(x->ev, "2023-12-15", NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(x->ev, GOVOPEN_EVAL_NOT_EVALUATED, zero), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(x->ev, GOVOPEN_EVAL_COUNTY, county_min), GOVOPEN_OK);
  size_t len = 0;
  char *data = obs ? NULL : test_read_file(test_path("fixtures/eval/fx.jsonl"), &len);
  int rc = govopen_evaluation_add_buffer(x->ev, obs ? obs : data, obs ? strlen(obs) : len, "fx.jsonl",
                                         GOVOPEN_FORMAT_JSONL, NULL);
  free(data);
  if (rc != GOVOPEN_OK) return -1;
  return govopen_evaluation_run(x->ev, &x->r, NULL) == GOVOPEN_OK ? 0 : -1;
}

static size_t uidx(const run *x, const char *id) { return govopen_unit_index(govopen_framework_unit_by_id(x->fw, id)); }
static size_t pidx(const run *x, const char *id) {
  return govopen_point_index(govopen_framework_point_by_id(x->fw, id));
}

#define CELL(x, u, p) govopen_result_cell_score((x)->r, uidx(x, u), pidx(x, p))
#define STATUS(x, u, p) govopen_result_cell_status((x)->r, uidx(x, u), pidx(x, p))
#define NEAR(a, b) CU_ASSERT_DOUBLE_EQUAL((a), (b), 1e-9)

/* The text of reason i of a cell, or "". */
static const char *reason(const run *x, const char *u, const char *p, size_t i) {
  const char *t = govopen_result_cell_reason_text(x->r, uidx(x, u), pidx(x, p), i);
  return t ? t : "";
}

static void test_every_kind(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_fx(&x, NULL, 0, 0), 0);
  /* boolean: the later observation wins, and a note says so */
  NEAR(CELL(&x, "a", "P1"), 10.0);
  CU_ASSERT_STRING_EQUAL(govopen_result_cell_reason_code(x.r, uidx(&x, "a"), pidx(&x, "P1"), 0),
                         "observation.superseded");
  CU_ASSERT_STRING_EQUAL(reason(&x, "a", "P1", 0), "共2个观察，以2023-06-01的最新观察为准");
  NEAR(CELL(&x, "b", "P1"), 0.0);
  CU_ASSERT_STRING_EQUAL(reason(&x, "b", "P1", 0), "未达到要求：支持IPv6");
  /* checklist: 3 of 4 */
  NEAR(CELL(&x, "a", "P2"), 7.5);
  CU_ASSERT_STRING_EQUAL(reason(&x, "a", "P2", 0), "缺少要素：设定依据（3/4）");
  /* deadline: 20 working days across 劳动节 2023 (4/23 and 5/6 worked), a
     restart after 补正, a pause, an extension: 4 of 5 on time */
  NEAR(CELL(&x, "a", "P3"), 16.0);
  CU_ASSERT_EQUAL(govopen_result_cell_reason_count(x.r, uidx(&x, "a"), pidx(&x, "P3")), 1);
  CU_ASSERT_STRING_EQUAL(reason(&x, "a", "P3", 0),
                         "抽查5件，1件超过时限：2023-04-20→2023-05-22（限20个工作日，用时21个工作日）");
  /* unanswered past the limit, and one due soon (a warning, no loss) */
  NEAR(CELL(&x, "b", "P3"), 0.0);
  CU_ASSERT_STRING_EQUAL(reason(&x, "b", "P3", 0), "抽查1件，1件逾期未答复：2023-11-01→未答复（期限2023-11-29）");
  CU_ASSERT_STRING_EQUAL(reason(&x, "b", "P3", 1), "即将到期：2023-11-20→未答复（期限2023-12-18）");
  CU_ASSERT_EQUAL(govopen_result_cell_reason_severity(x.r, uidx(&x, "b"), pidx(&x, "P3"), 1), GOVOPEN_REASON_WARNING);
  NEAR(CELL(&x, "d", "P3"), 20.0);
  /* recency: 14 days before 2023-12-15 */
  NEAR(CELL(&x, "a", "P4"), 10.0);
  /* count per quarter: Q1-Q3 judged, Q4 not yet (1 item), Q2 short */
  NEAR(CELL(&x, "a", "P5"), 6.67);
  CU_ASSERT_STRING_EQUAL(reason(&x, "a", "P5", 0), "每季度应不少于3条，3个季度中1个未达到：2023年第2季度2条");
  /* sample ratio, deduction, manual */
  NEAR(CELL(&x, "a", "P6"), 6.0);
  CU_ASSERT_STRING_EQUAL(reason(&x, "a", "P6", 0), "测试4个，1个未通过：第3个");
  NEAR(CELL(&x, "a", "P7"), 2.0);
  CU_ASSERT_STRING_EQUAL(reason(&x, "a", "P7", 0), "发现2次，每次扣1.00分");
  NEAR(CELL(&x, "a", "P8"), 2.5);
  CU_ASSERT_STRING_EQUAL(reason(&x, "a", "P8", 0), "评估人员给分2.50（满分3.00）：材料不全");
  /* hour tiers: a 重大 event's press conference after 25 hours; an ordinary one on time */
  NEAR(CELL(&x, "a", "P9"), 5.0);
  CU_ASSERT_STRING_EQUAL(reason(&x, "a", "P9", 0),
                         "抽查2件，1件超过时限：2023-07-03 09:00→2023-07-04 10:00（新闻发布会限24小时，用时25小时）");
  /* expression: working_days across 国庆 and 端午 2023 and 春节 2023 */
  NEAR(CELL(&x, "d", "P10"), 6.67);
  CU_ASSERT_STRING_EQUAL(reason(&x, "d", "P10", 0), "未达到要求：5个工作日内答复（得6.67分，满分10.00分）");
  /* not assigned, not evaluated */
  CU_ASSERT_EQUAL(STATUS(&x, "a", "P10"), -1);
  CU_ASSERT_EQUAL(STATUS(&x, "c", "P1"), GOVOPEN_CELL_NOT_EVALUATED);
  run_free(&x);
}

static void test_veto_and_totals(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_fx(&x, NULL, 0, 0), 0);
  size_t a = uidx(&x, "a"), b = uidx(&x, "b"), c = uidx(&x, "c"), d = uidx(&x, "d");
  /* 乙镇's veto zeroes indicator 2: its scored P8 is vetoed */
  CU_ASSERT_EQUAL(STATUS(&x, "b", "P8"), GOVOPEN_CELL_VETOED);
  NEAR(CELL(&x, "b", "P8"), 0.0);
  CU_ASSERT_STRING_EQUAL(reason(&x, "b", "P8", 0), "因一票否决计0分");
  CU_ASSERT_STRING_EQUAL(reason(&x, "b", "P11", 0), "一票否决：重大泄密，指标2计0分");
  size_t n2 = 0;
  while (govopen_framework_node(x.fw, n2) != govopen_framework_node_by_id(x.fw, "2")) n2++;
  NEAR(govopen_result_unit_node_score(x.r, b, n2), 0.0);
  NEAR(govopen_result_unit_node_score(x.r, a, n2), 22.17);
  CU_ASSERT_FALSE(govopen_result_unit_vetoed(x.r, b)); /* an indicator, not the whole unit */
  /* totals: raw / possible × 100 */
  NEAR(govopen_result_unit_raw(x.r, a), 70.67);
  NEAR(govopen_result_unit_possible(x.r, a), 90.0);
  NEAR(govopen_result_unit_total(x.r, a), 78.52);
  CU_ASSERT_STRING_EQUAL(govopen_result_unit_grade(x.r, a), "良好");
  NEAR(govopen_result_unit_possible(x.r, b), 38.0);
  NEAR(govopen_result_unit_total(x.r, b), 0.0);
  CU_ASSERT_PTR_NULL(govopen_result_unit_grade(x.r, b));
  CU_ASSERT_FALSE(govopen_result_unit_scored(x.r, c));
  NEAR(govopen_result_unit_total(x.r, d), 89.91);
  /* ranks within kinds */
  CU_ASSERT_EQUAL(govopen_result_unit_rank(x.r, a), 1);
  CU_ASSERT_EQUAL(govopen_result_unit_rank(x.r, b), 2);
  CU_ASSERT_EQUAL(govopen_result_unit_rank(x.r, c), 0);
  CU_ASSERT_EQUAL(govopen_result_unit_rank(x.r, d), 1);
  /* the county: means of the units' scores, the +3 praise */
  NEAR(govopen_result_county_point_score(x.r, pidx(&x, "P3")), 12.0);
  NEAR(govopen_result_county_point_score(x.r, pidx(&x, "P8")), 1.83);
  NEAR(govopen_result_county_raw(x.r), 65.17);
  NEAR(govopen_result_county_possible(x.r), 100.0);
  NEAR(govopen_result_county_normalised(x.r), 65.17);
  NEAR(govopen_result_county_total(x.r), 68.17);
  CU_ASSERT_STRING_EQUAL(govopen_result_county_grade(x.r), "合格");
  CU_ASSERT_EQUAL(govopen_result_adjustment_count(x.r), 1);
  CU_ASSERT_EQUAL(govopen_result_adjustment_index(x.r, 0), 0);
  run_free(&x);
}

static void test_settings(void) {
  run x;
  /* the county from the lowest unit score */
  CU_ASSERT_EQUAL_FATAL(run_fx(&x, NULL, 0, 1), 0);
  NEAR(govopen_result_county_point_score(x.r, pidx(&x, "P3")), 0.0);
  NEAR(govopen_result_county_raw(x.r), 43.84);
  NEAR(govopen_result_county_total(x.r), 46.84);
  run_free(&x);
  /* points without observations scored 0: 丙镇 now has a score of 0 */
  CU_ASSERT_EQUAL_FATAL(run_fx(&x, NULL, 1, 0), 0);
  size_t b = uidx(&x, "b"), c = uidx(&x, "c");
  CU_ASSERT_TRUE(govopen_result_unit_scored(x.r, c));
  NEAR(govopen_result_unit_possible(x.r, c), 90.0);
  NEAR(govopen_result_unit_total(x.r, c), 0.0);
  NEAR(govopen_result_unit_possible(x.r, b), 90.0);
  CU_ASSERT_EQUAL(govopen_result_unit_rank(x.r, b), 2);
  CU_ASSERT_EQUAL(govopen_result_unit_rank(x.r, c), 2); /* a tie shares the rank */
  NEAR(govopen_result_county_point_score(x.r, pidx(&x, "P1")), 3.33);
  run_free(&x);
  /* a unit-wide veto and a unit adjustment */
  const char *obs = "{\"unit\": \"甲镇\", \"point\": \"P1\", \"value\": true}\n"
                    "{\"unit\": \"乙镇\", \"point\": \"P1\", \"value\": true}\n"
                    "{\"adjustment\": \"criticism\", \"unit\": \"乙镇\", \"evidence\": \"通报\"}\n";
  CU_ASSERT_EQUAL_FATAL(run_fx(&x, obs, 0, 0), 0);
  NEAR(govopen_result_unit_total(x.r, uidx(&x, "b")), 97.0);
  NEAR(govopen_result_county_total(x.r), 100.0);
  CU_ASSERT_EQUAL(govopen_result_adjustment_count(x.r), 0);
  run_free(&x);
}

static void test_json_deterministic(void) {
  run x, y;
  CU_ASSERT_EQUAL_FATAL(run_fx(&x, NULL, 0, 0), 0);
  CU_ASSERT_EQUAL_FATAL(run_fx(&y, NULL, 0, 0), 0);
  char *j1 = NULL, *j2 = NULL;
  size_t n1 = 0, n2 = 0;
  CU_ASSERT_EQUAL_FATAL(govopen_result_to_json(x.r, GOVOPEN_JSON_PRETTY, &j1, &n1), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_result_to_json(y.r, GOVOPEN_JSON_PRETTY, &j2, &n2), GOVOPEN_OK);
  CU_ASSERT_EQUAL(n1, n2);
  CU_ASSERT_EQUAL(memcmp(j1, j2, n1), 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(j1, "\"format\":\t1"));
  CU_ASSERT_PTR_NOT_NULL(strstr(j1, "\"code\":\t\"deadline.due_soon\""));
  govopen_free(j1);
  govopen_free(j2);
  CU_ASSERT_EQUAL(govopen_result_to_json(x.r, 0, &j1, NULL), GOVOPEN_OK);
  CU_ASSERT_PTR_NOT_NULL(strstr(j1, "\"county\":{\"raw\":65.17,\"possible\":100,\"normalised\":65.17,"
                                    "\"rounding\":0,\"adjustments\":[{\"id\":\"praise\",\"delta\":3,"
                                    "\"text\":\"通报表扬加3分\",\"date\":\"2023-12-15\","
                                    "\"evidence\":[\"国务院办公厅通报\"],\"applied\":true}],\"total\":68.17,"
                                    "\"grade\":\"合格\""));
  CU_ASSERT_PTR_NOT_NULL(strstr(j1,
                                "\"rankings\":{\"town\":[{\"rank\":1,\"unit\":\"a\",\"name\":\"甲镇\",\"total\":78.52},"
                                "{\"rank\":2,\"unit\":\"b\",\"name\":\"乙镇\",\"total\":0}]"));
  govopen_free(j1);
  run_free(&x);
  run_free(&y);
}

/* Finds the diagnostic at `line` in a chain. */
static const govopen_error *diag_at(const govopen_error *e, unsigned line) {
  for (; e; e = govopen_error_next(e))
    if (govopen_error_line(e) == line) return e;
  return NULL;
}

static void test_bad_observations(void) {
  const char *obs =
      "{\"unit\": \"丁镇\", \"point\": \"P1\", \"value\": true}\n"
      "{\"unit\": \"甲镇\", \"point\": \"P99\", \"value\": true}\n"
      "{\"unit\": \"县一局\", \"point\": \"P1\", \"value\": true}\n"
      "{\"unit\": \"甲镇\", \"point\": \"P1\", \"value\": \"yes\"}\n"
      "{\"unit\": \"甲镇\", \"point\": \"P4\", \"last_update\": \"2023-02-30\"}\n"
      "{\"unit\": \"甲镇\", \"point\": \"P1\", \"value\": true, \"colour\": \"red\"}\n"
      "{\"unit\": \"甲镇\", \"point\": \"P2\", \"missing\": [\"印章\"]}\n"
      "{\"unit\": \"甲镇\", \"point\": \"P8\", \"score\": 3.5}\n"
      "{\"unit\": \"甲镇\", \"point\": \"P9\", \"samples\": [{\"category\": \"重大\", \"start\": \"2023-07-03\"}]}\n"
      "{\"unit\": \"甲镇\", \"point\": \"P1\"\n"
      "{\"unit\": \"乙镇\", \"point\": \"P1\", \"value\": true}\n";
  run x;
  CU_ASSERT_EQUAL_FATAL(run_fx(&x, obs, 0, 0), 0);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(x.ev), 1);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(x.ev), 10);
  CU_ASSERT_EQUAL(govopen_result_rejected_count(x.r), 10);
  const govopen_error *d = govopen_evaluation_diagnostics(x.ev);
  const struct {
    unsigned line;
    const char *message;
  } expect[] = {
      {1, "unknown unit '丁镇' (give its id, name or alias)"},
      {2, "unknown point 'P99'"},
      {3, "县一局 is not responsible for P1 (responsible: 各镇)"},
      {4, "expected true or false, found a string"},
      {5, "'2023-02-30' is not a date (YYYY-MM-DD): "},
      {6, "the boolean rule of P1 does not read 'colour' (its fields: value)"},
      {7, "'印章' is not an item of P2's checklist (事项名称、设定依据、申请条件、办理材料)"},
      {8, "the score 3.5 is outside 0 … 3.00 or has more than two decimals"},
      {9, "'2023-07-03' needs a time (YYYY-MM-DDTHH:MM): the limit counts hours"},
  };
  for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
    const govopen_error *e = diag_at(d, expect[i].line);
    CU_ASSERT_PTR_NOT_NULL(e);
    if (e == NULL) continue;
    CU_ASSERT_STRING_EQUAL(govopen_error_source(e), "fx.jsonl");
    if (strncmp(govopen_error_message(e), expect[i].message, strlen(expect[i].message)) != 0) {
      fprintf(stderr, "\n  line %u: got '%s'", expect[i].line, govopen_error_message(e));
      CU_FAIL("message");
    }
  }
  /* the unparsable line 10 is reported too */
  CU_ASSERT_PTR_NOT_NULL(diag_at(d, 10));
  /* the good line still counts */
  NEAR(CELL(&x, "b", "P1"), 10.0);
  run_free(&x);
}

static void test_strict_and_as_of(void) {
  govopen_framework *fw = NULL;
  govopen_evaluation *ev = NULL;
  govopen_result *r = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_file(&fw, test_path("fixtures/eval/fx.yaml"), NULL, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
  /* the as-of date never comes from the clock */
  CU_ASSERT_EQUAL(govopen_evaluation_run(ev, &r, &err), GOVOPEN_ESTATE);
  CU_ASSERT_PTR_NULL(r);
  CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(err), "no as-of date"));
  govopen_error_free(err);
  /* observations are judged as they arrive: the as-of date comes first */
  const char *one = "{\"unit\": \"甲镇\", \"point\": \"P1\", \"value\": true}\n";
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, one, strlen(one), "one.jsonl", GOVOPEN_FORMAT_JSONL, &err),
                  GOVOPEN_ESTATE);
  CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(err), "set one before adding observations"));
  govopen_error_free(err);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(ev), 0);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-13-01", &err), GOVOPEN_EINVALID);
  govopen_error_free(err);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-15", NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_STRICT, 1), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, 99, 1), GOVOPEN_EINVALID);
  const char *obs =
      "{\"unit\": \"甲镇\", \"point\": \"P1\", \"value\": true}\n{\"unit\": \"丁镇\", \"point\": \"P1\", \"value\": true}\n";
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, obs, strlen(obs), "s.jsonl", GOVOPEN_FORMAT_JSONL, &err),
                  GOVOPEN_ESCHEMA);
  CU_ASSERT_EQUAL(govopen_error_line(err), 2);
  CU_ASSERT_STRING_EQUAL(govopen_error_source(err), "s.jsonl");
  govopen_error_free(err);
  /* a date outside the calendar's years cannot be judged: the observation is rejected where it stands */
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_STRICT, 0), GOVOPEN_OK);
  const char *old =
      "{\"unit\": \"甲镇\", \"point\": \"P3\", \"received\": \"2019-03-01\", \"replied\": \"2019-03-20\"}\n";
  size_t rejected = govopen_evaluation_rejected_count(ev);
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, old, strlen(old), "o.jsonl", GOVOPEN_FORMAT_JSONL, NULL),
                  GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(ev), rejected + 1);
  const govopen_error *last = govopen_evaluation_diagnostics(ev);
  while (last && govopen_error_next(last)) last = govopen_error_next(last);
  CU_ASSERT_PTR_NOT_NULL_FATAL(last);
  CU_ASSERT_EQUAL(govopen_error_code(last), GOVOPEN_ERANGE);
  CU_ASSERT_STRING_EQUAL(govopen_error_source(last), "o.jsonl");
  CU_ASSERT_EQUAL(govopen_error_line(last), 1);
  CU_ASSERT_EQUAL(govopen_error_column(last), 1);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(last),
                         "the sample cannot be judged: 2019-03-01 is outside the years of the calendar cn (2022 to "
                         "2026); the observation is rejected");
  /* what the states were judged against cannot change afterwards */
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-20", &err), GOVOPEN_ESTATE);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err),
                         "the as-of date cannot change once observations have been added: set it first");
  govopen_error_free(err);
  CU_ASSERT_EQUAL(govopen_evaluation_set_period(ev, "2023-01-01", "2023-06-30", NULL), GOVOPEN_ESTATE);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_NAMED, 5), GOVOPEN_ESTATE);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_NOT_EVALUATED, 1), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_NOT_EVALUATED, 0), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(ev, &r, NULL), GOVOPEN_OK);
  size_t a = govopen_unit_index(govopen_framework_unit_by_id(fw, "a"));
  size_t p3 = govopen_point_index(govopen_framework_point_by_id(fw, "P3"));
  CU_ASSERT_EQUAL(govopen_result_cell_status(r, a, p3), GOVOPEN_CELL_NOT_EVALUATED);
  CU_ASSERT_EQUAL(govopen_result_cell_reason_count(r, a, p3), 0);
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
}

/* The Langao sample data: the failures data/samples/README.md lists. */
static void test_langao_sample(void) {
  govopen_framework *fw = NULL;
  govopen_evaluation *ev = NULL;
  govopen_result *r = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_builtin(&fw, "langao-2023", NULL, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-15", NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_add_file(ev, test_path("../data/samples/langao-2023-observations.jsonl"),
                                                    GOVOPEN_FORMAT_AUTO, NULL),
                        GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(ev), 0);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(ev), 1032);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(ev, &r, NULL), GOVOPEN_OK);
  const struct {
    const char *unit, *point;
    int num, den; /* expected score = max × num / den, rounded */
  } cases[] = {
      {"孟石岭镇", "P08", 0, 1}, {"县教体科技局", "P03", 7, 8},     {"官元镇", "P13", 2, 3},
      {"县经贸局", "P19", 4, 6}, {"政务服务网", "P48", 4, 6},       {"政务服务网", "P49", 3, 4},
      {"县卫健局", "P36", 1, 2}, {"城关镇", "P38", 1, 2},           {"县水利局", "P38", 1, 1},
      {"县人社局", "P40", 2, 3}, {"县自然资源局", "P40", 1, 2},     {"佐龙镇", "P40", 1, 2},
      {"县林业局", "P40", 1, 2}, {"县水利局", "P40", 1, 1},         {"县行政审批服务局", "P42", 4, 5},
      {"蔺河镇", "P68", 0, 1},   {"县退役军人事务局", "P74", 0, 1}, {"大道河镇", "P75", 3, 4},
      {"县政府办", "P66", 1, 1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const govopen_unit *u = govopen_framework_unit_find(fw, cases[i].unit);
    const govopen_point *p = govopen_framework_point_by_id(fw, cases[i].point);
    CU_ASSERT_PTR_NOT_NULL_FATAL(u);
    double max = govopen_point_score(p);
    double want = floor(max * 100.0 * cases[i].num / cases[i].den + 0.5) / 100.0;
    double got = govopen_result_cell_score(r, govopen_unit_index(u), govopen_point_index(p));
    if (fabs(got - want) > 1e-9) {
      fprintf(stderr, "\n  %s %s: got %.2f, want %.2f", cases[i].unit, cases[i].point, got, want);
      CU_FAIL("sample score");
    }
  }
  /* manual scores, deductions and the unobserved pairs */
  const govopen_unit *zl = govopen_framework_unit_find(fw, "佐龙镇");
  NEAR(govopen_result_cell_score(r, govopen_unit_index(zl),
                                 govopen_point_index(govopen_framework_point_by_id(fw, "P78"))),
       0.3);
  const govopen_unit *sm = govopen_framework_unit_find(fw, "石门镇");
  const govopen_point *p41 = govopen_framework_point_by_id(fw, "P41");
  NEAR(govopen_result_cell_score(r, govopen_unit_index(sm), govopen_point_index(p41)), govopen_point_score(p41) - 0.2);
  const govopen_unit *ngs = govopen_framework_unit_find(fw, "南宫山镇");
  CU_ASSERT_EQUAL(govopen_result_cell_status(r, govopen_unit_index(ngs),
                                             govopen_point_index(govopen_framework_point_by_id(fw, "P33"))),
                  GOVOPEN_CELL_NOT_EVALUATED);
  /* the one adjustment: +1 on the county */
  CU_ASSERT_EQUAL(govopen_result_adjustment_count(r), 1);
  NEAR(govopen_result_county_total(r), govopen_result_county_normalised(r) + 1.0);
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
}

/* Aggregations min and mean, a unit-wide veto, deducting deadlines in
   calendar days rolled past 国庆 and 端午 2023, months, per-item checklists,
   recency in working days, the framework's own not-evaluated policy and a
   capped total; observations as YAML and as a JSON array. */
static void test_more_kinds(void) {
  const char *fy =
      "schema: 1\n"
      "framework: {id: fy, title: 测试二, total: 20, year: 2023, not_evaluated: zero, cap_adjusted: true}\n"
      "units: [{id: a, name: 甲镇, kind: town}, {id: b, name: 乙镇, kind: town}]\n"
      "adjustments: [{id: praise, delta: 3, text: 表扬}, {id: criticism, delta: -20, text: 批评}]\n"
      "indicators:\n"
      "  - id: \"1\"\n    title: 一\n    score: 10\n    aggregate: min\n    points:\n"
      "      - {id: Q1, text: 甲, score: 5, sampling: [政府网站], responsible: [甲镇, 乙镇],"
      " rule: {kind: checklist, items: [一, 二, 三], scoring: per-item, item_points: 2}}\n"
      "      - {id: Q2, text: 乙, score: 5, sampling: [政府网站], responsible: [甲镇, 乙镇],"
      " rule: {kind: recency, within: {workdays: 5}}}\n"
      "  - id: \"2\"\n    title: 二\n    score: 10\n    aggregate: mean\n    points:\n"
      "      - {id: Q3, text: 丙, score: 6, sampling: [政府网站], responsible: [甲镇, 乙镇],"
      " rule: {kind: deadline, limit: {days: 10}, scoring: deduct, per_late: 2, floor: 1}}\n"
      "      - {id: Q4, text: 丁, score: 2, sampling: [政府网站], responsible: [甲镇, 乙镇],"
      " rule: {kind: count_per_period, min: 1, period: month}}\n"
      "      - {id: Q5, text: 戊, score: 2, sampling: [政府网站], responsible: [甲镇, 乙镇],"
      " rule: {kind: veto, target: unit, label: 重大事故}}\n";
  const char *yaml_obs =
      "observations:\n"
      "  - {unit: 甲镇, point: Q1, present: [一, 二]}\n"
      "  - {unit: 甲镇, point: Q2, last_update: 2023-09-28, monitored: 2023-10-09}\n"
      "  - unit: 甲镇\n    point: Q3\n    samples:\n"
      "      - {start: 2023-09-20, end: 2023-10-05}\n"
      "      - {start: 2023-06-12, end: 2023-06-26}\n"
      "      - {start: 2023-03-01, end: 2023-03-20}\n"
      "  - unit: 甲镇\n    point: Q4\n    samples: [{date: 2023-01-05}, {date: 2023-02-05}, {date: 2023-03-05},"
      " {date: 2023-04-05}, {date: 2023-05-05}, {date: 2023-06-05}, {date: 2023-07-05}, {date: 2023-08-05},"
      " {date: 2023-09-05}, {date: 2023-10-05}, {date: 2023-12-01}]\n"
      "  - {unit: 甲镇, point: Q5, triggered: false}\n"
      "  - {adjustment: praise}\n";
  const char *json_obs =
      "[{\"unit\": \"乙镇\", \"point\": \"Q5\", \"triggered\": true}, {\"adjustment\": \"criticism\"}]";
  run x;
  memset(&x, 0, sizeof x);
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_buffer(&x.fw, fy, strlen(fy), "fy.yaml", NULL, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&x.ev, x.fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(x.ev, "2023-12-15", NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(x.ev, yaml_obs, strlen(yaml_obs), "o.yaml", GOVOPEN_FORMAT_AUTO, NULL),
                  GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(x.ev, json_obs, strlen(json_obs), "o.json", GOVOPEN_FORMAT_AUTO, NULL),
                  GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(x.ev), 0);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(x.ev, &x.r, NULL), GOVOPEN_OK);
  NEAR(CELL(&x, "a", "Q1"), 4.0);
  CU_ASSERT_STRING_EQUAL(reason(&x, "a", "Q1", 0), "缺少要素：三（2/3）");
  NEAR(CELL(&x, "a", "Q2"), 5.0);
  NEAR(CELL(&x, "a", "Q3"), 2.0);
  CU_ASSERT_STRING_EQUAL(
      reason(&x, "a", "Q3", 0),
      "抽查3件，2件超过时限：2023-06-12→2023-06-26（限10天，用时14天）；2023-03-01→2023-03-20（限10天，用时19天）");
  NEAR(CELL(&x, "a", "Q4"), 1.83);
  CU_ASSERT_STRING_EQUAL(reason(&x, "a", "Q4", 0), "每月应不少于1条，12个月中1个未达到：2023年11月0条");
  NEAR(CELL(&x, "a", "Q5"), 2.0);
  size_t a = uidx(&x, "a"), b = uidx(&x, "b");
  /* min of 4/5 and 5/5 times 10; mean of 2/6, 1.83/2 and 2/2 times 10 */
  NEAR(govopen_result_unit_raw(x.r, a), 15.49);
  NEAR(govopen_result_unit_total(x.r, a), 77.45);
  /* 乙镇 is vetoed as a whole */
  CU_ASSERT_TRUE(govopen_result_unit_vetoed(x.r, b));
  NEAR(govopen_result_unit_total(x.r, b), 0.0);
  CU_ASSERT_STRING_EQUAL(reason(&x, "b", "Q5", 0), "一票否决：重大事故，该单位总分计0分");
  CU_ASSERT_EQUAL(govopen_result_unit_rank(x.r, b), 2);
  /* the county: not-evaluated cells count 0 by the framework's policy */
  NEAR(govopen_result_county_point_score(x.r, pidx(&x, "Q4")), 0.92);
  NEAR(govopen_result_county_raw(x.r), 7.76);
  /* 7.76 + 3 - 20 is capped at 0 */
  NEAR(govopen_result_county_total(x.r), 0.0);
  CU_ASSERT_EQUAL(govopen_result_adjustment_count(x.r), 2);
  run_free(&x);
}

/* A point naming an open group (P29: 各办理单位) takes any unit the county
   observes for it; channels per art. 31, 补正, an extension. */
static void test_open_group_members(void) {
  govopen_framework *fw = NULL;
  govopen_evaluation *ev = NULL;
  govopen_result *r = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_builtin(&fw, "langao-2023", NULL, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-15", NULL), GOVOPEN_OK);
  const char *obs =
      "{\"unit\": \"县人社局\", \"point\": \"P29\", \"samples\": ["
      "{\"channel\": \"网络\", \"confirmed\": \"2023-04-20\", \"end\": \"2023-05-19\"},"
      "{\"channel\": \"挂号信\", \"signed\": \"2023-04-20\", \"end\": \"2023-05-22\", \"extended\": true},"
      "{\"channel\": \"当面\", \"submitted\": \"2023-03-01\", \"corrected\": \"2023-03-10\", \"end\": \"2023-04-07\"},"
      "{\"channel\": \"平信\", \"confirmed\": \"2023-04-20\", \"end\": \"2023-05-22\"}]}\n"
      "{\"unit\": \"县人社局\", \"point\": \"P29\", \"samples\": [{\"channel\": \"邮件\", \"confirmed\": \"2023-04-20\"}]}\n"
      "{\"unit\": \"县人社局\", \"point\": \"P29\", \"samples\": [{\"channel\": \"挂号信\", \"confirmed\": \"2023-04-20\"}]}\n";
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, obs, strlen(obs), "p29.jsonl", GOVOPEN_FORMAT_JSONL, NULL),
                  GOVOPEN_OK);
  /* an unknown channel, and a channel without its start date */
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(ev), 2);
  const govopen_error *d = govopen_evaluation_diagnostics(ev);
  CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(d), "unknown channel '邮件'"));
  CU_ASSERT_PTR_NOT_NULL(
      strstr(govopen_error_message(govopen_error_next(d)), "an application by 挂号信 needs 'signed'"));
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(ev, &r, NULL), GOVOPEN_OK);
  size_t u = govopen_unit_index(govopen_framework_unit_find(fw, "县人社局"));
  size_t p = govopen_point_index(govopen_framework_point_by_id(fw, "P29"));
  CU_ASSERT_EQUAL(govopen_result_cell_status(r, u, p), GOVOPEN_CELL_SCORED);
  NEAR(govopen_result_cell_score(r, u, p), 1.58);
  CU_ASSERT_STRING_EQUAL(govopen_result_cell_reason_text(r, u, p, 0),
                         "抽查4件，1件超过时限：2023-04-20→2023-05-22（限20个工作日，用时21个工作日）");
  /* a unit not observed for it has no cell there */
  CU_ASSERT_EQUAL(govopen_result_cell_status(r, govopen_unit_index(govopen_framework_unit_find(fw, "城关镇")), p), -1);
  NEAR(govopen_result_county_point_score(r, p), 1.58);
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
}

/* A result outlives its evaluation: everything it shows is its own. */
static void test_result_outlives_evaluation(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_fx(&x, NULL, 0, 0), 0);
  govopen_evaluation_free(x.ev);
  x.ev = NULL;
  char *json = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_result_to_json(x.r, 0, &json, NULL), GOVOPEN_OK);
  CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"evidence\":[\"国务院办公厅通报\"]"));
  CU_ASSERT_STRING_EQUAL(reason(&x, "a", "P3", 0),
                         "抽查5件，1件超过时限：2023-04-20→2023-05-22（限20个工作日，用时21个工作日）");
  govopen_free(json);
  run_free(&x);
}

/* The diagnostics of an evaluation as one text, "line:col message [path]" each. */
static char *diag_text(const govopen_error *e) {
  size_t cap = 1, len = 0;
  char *out = calloc(1, 1);
  for (; e && out; e = govopen_error_next(e)) {
    char head[64];
    int n = snprintf(head, sizeof head, "%u:%u ", govopen_error_line(e), govopen_error_column(e));
    size_t add = (size_t)n + strlen(govopen_error_message(e)) + strlen(govopen_error_path(e)) + 4;
    char *grown = realloc(out, cap + add);
    if (grown == NULL) {
      free(out);
      return NULL;
    }
    out = grown;
    cap += add;
    len += (size_t)snprintf(out + len, cap - len, "%s%s [%s]\n", head, govopen_error_message(e), govopen_error_path(e));
  }
  return out;
}

/* One JSON Lines file read on 1, 2 and 3 threads: the same result, byte for
   byte, and the same diagnostics with the lines of the whole file. The file
   (over the 1 MiB below which one thread reads) is the Langao sample six
   times, a copy with CR LF line ends, and two bad records and a blank line
   after each copy. The sample's county adjustment (publication-reprint, not
   repeatable) applies once: its copies in copies 2 … 6 are refused, naming
   the first, wherever the threads' parts begin. */
static void test_parallel_ingestion(void) {
  size_t len = 0;
  char *sample = test_read_file(test_path("../data/samples/langao-2023-observations.jsonl"), &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(sample);
  char path[] = "/tmp/govopen-parallel-XXXXXX.jsonl";
  int fd = mkstemps(path, 6);
  CU_ASSERT_FATAL(fd >= 0);
  FILE *f = fdopen(fd, "wb");
  CU_ASSERT_PTR_NOT_NULL_FATAL(f);
  unsigned line = 1, bad_lines[17], bad_cols[17];
  size_t nbad = 0;
  /* the adjustment's record: its line in the sample and the column of its value */
  const char *adj = strstr(sample, "{\"adjustment\": \"publication-reprint\"");
  CU_ASSERT_PTR_NOT_NULL_FATAL(adj);
  unsigned adj_line = 1;
  for (const char *c = sample; c < adj; c++) adj_line += *c == '\n';
  CU_ASSERT_EQUAL(adj_line, 1032);
  for (int copy = 0; copy < 6; copy++) {
    if (copy > 0) bad_lines[nbad] = line + adj_line - 1, bad_cols[nbad++] = 16;
    for (size_t i = 0; i < len; i++) {
      if (sample[i] == '\n') {
        if (copy == 3) fputc('\r', f);
        line++;
      }
      fputc(sample[i], f);
    }
    bad_cols[nbad] = 1;
    bad_lines[nbad++] = line++;
    fputs("{\"unit\": \"城关镇\", \"point\": \"P01\", \"present\": [\"no such item\"]}\n", f);
    fputs("   \n", f);
    line++;
    bad_cols[nbad] = 2;
    bad_lines[nbad++] = line++;
    fputs("{not json}\n", f);
  }
  CU_ASSERT_EQUAL_FATAL(fclose(f), 0);
  free(sample);
  CU_ASSERT_EQUAL(nbad, 17);

  govopen_framework *fw = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_builtin(&fw, "langao-2023", NULL, NULL), GOVOPEN_OK);
  char *json[4] = {NULL}, *diags[4] = {NULL};
  for (int jobs = 1; jobs <= 3; jobs++) {
    govopen_evaluation *ev = NULL;
    govopen_result *r = NULL;
    CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-15", NULL), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_JOBS, jobs), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_evaluation_add_file(ev, path, GOVOPEN_FORMAT_AUTO, NULL), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_evaluation_observation_count(ev), 6 * 1032 - 5);
    CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(ev), 17);
    const govopen_error *e = govopen_evaluation_diagnostics(ev);
    for (size_t i = 0; i < nbad && e; i++, e = govopen_error_next(e)) {
      CU_ASSERT_EQUAL(govopen_error_line(e), bad_lines[i]);
      CU_ASSERT_EQUAL(govopen_error_column(e), bad_cols[i]);
      if (bad_cols[i] == 16)
        CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(e), "the adjustment 'publication-reprint' was already "
                                                                "triggered for the county at "));
    }
    CU_ASSERT_PTR_NULL(e);
    diags[jobs] = diag_text(govopen_evaluation_diagnostics(ev));
    CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(ev, &r, NULL), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_result_to_json(r, GOVOPEN_JSON_PRETTY, &json[jobs], NULL), GOVOPEN_OK);
    govopen_result_free(r);
    govopen_evaluation_free(ev);
  }
  for (int jobs = 2; jobs <= 3; jobs++) {
    CU_ASSERT_PTR_NOT_NULL_FATAL(json[jobs]);
    CU_ASSERT_PTR_NOT_NULL_FATAL(diags[jobs]);
    CU_ASSERT_STRING_EQUAL(json[jobs], json[1]);
    CU_ASSERT_STRING_EQUAL(diags[jobs], diags[1]);
  }
  /* the six copies of a single-valued observation: the latest counts */
  CU_ASSERT_PTR_NOT_NULL(strstr(json[1], "\"text\":\t\"共6个观察，以2023-11-21的最新观察为准\""));
  for (int jobs = 1; jobs <= 3; jobs++) {
    govopen_free(json[jobs]);
    free(diags[jobs]);
  }
  govopen_framework_free(fw);
  remove(path);
}

static const test_case cases[] = {{"every rule kind", test_every_kind},
                                  {"veto and totals", test_veto_and_totals},
                                  {"settings", test_settings},
                                  {"json is deterministic", test_json_deterministic},
                                  {"bad observations", test_bad_observations},
                                  {"strict and as-of", test_strict_and_as_of},
                                  {"langao sample", test_langao_sample},
                                  {"more kinds", test_more_kinds},
                                  {"open group members", test_open_group_members},
                                  {"result outlives evaluation", test_result_outlives_evaluation},
                                  {"parallel ingestion", test_parallel_ingestion},
                                  {NULL, NULL}};
GV_TEST_SUITE(eval, cases);
