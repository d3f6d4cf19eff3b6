/* A rule kind is one module (issue 15, item 1): the registry lists every
 * kind once and each has its whole ops table; messages that list the kinds
 * are built from it; the three defects of the deadline judge stay fixed;
 * scores are rounded by lib/util/cents.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/kind_impl.h"
#include "testutil.h"

/* The rules below go through test_load_rule (tests/testutil.h): line 12 onwards holds the rule. */

/* The rule is refused with this first diagnostic. */
static void refused(const char *rule, unsigned line, unsigned col, const char *path, const char *message) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_NOT_EQUAL(test_load_rule(rule, &fw, &err), GOVOPEN_OK);
  CU_ASSERT_PTR_NOT_NULL_FATAL(err);
  CU_ASSERT_EQUAL(govopen_error_line(err), line);
  CU_ASSERT_EQUAL(govopen_error_column(err), col);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(err), path);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err), message);
  govopen_error_free(err);
  govopen_framework_free(fw);
}

/* The score (hundredths) of cell P1 × a after the observations `obs`, as of
   `as_of`; -1 when anything failed, -2 when an observation was refused;
   *code the first reason's code (static "" when none). */
static long long score_of(const char *rule, const char *obs, const char *as_of, char code[64]) {
  govopen_framework *fw = NULL;
  govopen_evaluation *ev = NULL;
  govopen_result *r = NULL;
  long long score = -1;
  if (code) code[0] = '\0';
  if (test_load_rule(rule, &fw, NULL) != GOVOPEN_OK) return -1;
  if (govopen_evaluation_new(&ev, fw, NULL) == GOVOPEN_OK &&
      govopen_evaluation_set_as_of(ev, as_of, NULL) == GOVOPEN_OK) {
    int rc = govopen_evaluation_add_buffer(ev, obs, strlen(obs), "o.jsonl", GOVOPEN_FORMAT_JSONL, NULL);
    if (rc != GOVOPEN_OK || govopen_evaluation_observation_count(ev) == 0) {
      score = -2;
    } else if (govopen_evaluation_run(ev, &r, NULL) == GOVOPEN_OK) {
      double s = govopen_result_cell_score(r, 0, 0);
      score = (long long)(s * 100.0 + (s < 0 ? -0.5 : 0.5));
      if (code && govopen_result_cell_reason_count(r, 0, 0))
        snprintf(code, 64, "%s", govopen_result_cell_reason_code(r, 0, 0, 0));
    }
  }
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
  return score;
}

/* --- the registry ------------------------------------------------------------------ */

static void test_registry(void) {
  static const char *const names[GV_RULE_KIND_COUNT] = {"boolean",          "checklist",    "deadline",  "recency",
                                                        "count_per_period", "sample_ratio", "deduction", "veto",
                                                        "manual",           "expression"};
  for (int k = 0; k < GV_RULE_KIND_COUNT; k++) {
    const gv_kind_ops *ops = gv_kind_get((gv_rule_kind)k);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ops);
    CU_ASSERT_STRING_EQUAL(ops->name, names[k]);
    CU_ASSERT_STRING_EQUAL(gv_rule_kind_name((gv_rule_kind)k), names[k]);
    CU_ASSERT_EQUAL(gv_rule_kind_from_name(names[k]), k);
    /* every module gives the whole of what a kind must */
    CU_ASSERT_TRUE(ops->label_zh && ops->label_zh[0]);
    CU_ASSERT_PTR_NOT_NULL(ops->keys);
    CU_ASSERT_PTR_EQUAL(gv_rule_kind_keys((gv_rule_kind)k), ops->keys);
    CU_ASSERT_PTR_NOT_NULL(ops->compile);
    CU_ASSERT_TRUE(ops->state_size >= sizeof(gv_acc));
    CU_ASSERT_TRUE(ops->add && ops->merge && ops->score);
    CU_ASSERT_STRING_EQUAL(gv_rule_kind_label((gv_rule_kind)k, 1), names[k]);
    CU_ASSERT_STRING_EQUAL(gv_rule_kind_label((gv_rule_kind)k, 0), ops->label_zh);
  }
  CU_ASSERT_PTR_NULL(gv_kind_get(GV_RULE_KIND_COUNT));
  CU_ASSERT_PTR_NULL(gv_rule_kind_name(GV_RULE_KIND_COUNT));
  CU_ASSERT_STRING_EQUAL(gv_rule_kind_label(GV_RULE_KIND_COUNT, 0), "");
  CU_ASSERT_EQUAL(gv_rule_kind_from_name("boolen"), -1);
  CU_ASSERT_STRING_EQUAL(gv_rule_kind_label(GV_RULE_DEADLINE, 0), "时限");
  gv_buf b = {0};
  gv_rule_kind_names(&b);
  CU_ASSERT_STRING_EQUAL(gv_buf_str(&b), "boolean, checklist, deadline, recency, count_per_period, sample_ratio, "
                                         "deduction, veto, manual or expression");
  gv_buf_free(&b);
}

/* The loader's list of kinds is the registry's. */
static void test_unknown_kind_lists_the_registry(void) {
  refused("          kind: boolen\n", 12, 17, "indicators[0].points[0].rule.kind",
          "unknown rule kind 'boolen' (expected boolean, checklist, deadline, recency, count_per_period, sample_ratio, "
          "deduction, veto, manual or expression)");
  /* and the keys a kind takes are its ops' */
  refused("          {kind: recency, within: {days: 3}, items: [a]}\n", 12, 46, "indicators[0].points[0].rule.items",
          "unknown key 'items' in a recency rule (expected one of: kind, label, note, within, scoring)");
}

/* Only a veto vetoes; the default rule of a point is the manual kind's. */
static void test_veto_and_default(void) {
  gv_arena a = {0};
  gv_rule *m = gv_rule_default_manual(&a, 500);
  CU_ASSERT_PTR_NOT_NULL_FATAL(m);
  CU_ASSERT_STRING_EQUAL(gv_rule_kind_name(m->kind), "manual");
  CU_ASSERT_EQUAL(m->field_count, 2);
  CU_ASSERT_STRING_EQUAL(m->fields[0].name, "score");
  CU_ASSERT_PTR_NULL(gv_rule_veto_target(m));
  CU_ASSERT_FALSE(gv_rule_takes_any_key(m));
  gv_arena_free(&a);
}

/* --- the deadline judge's three defects (issue 15), each refused or honoured ------------ */

static void test_due_soon_in_another_unit(void) {
  /* 48 hours against a limit of 20 working days was read as 48 working days */
  refused("          {kind: deadline, start: start, end: end, limit: {workdays: 20}, due_soon: {hours: 48}}\n", 12, 85,
          "indicators[0].points[0].rule.due_soon",
          "'due_soon' counts hours, and a limit of the rule counts in another unit");
  /* the same unit, or only due dates beside it, are fine */
  govopen_framework *fw = NULL;
  CU_ASSERT_EQUAL(test_load_rule("          {kind: deadline, start: start, end: end, limit: {workdays: 20}, "
                                 "due_soon: {workdays: 5}}\n",
                                 &fw, NULL),
                  GOVOPEN_OK);
  govopen_framework_free(fw);
  fw = NULL;
  CU_ASSERT_EQUAL(test_load_rule("          {kind: deadline, start: start, end: end, limit: {due: 2023-12-20}, "
                                 "due_soon: {hours: 48}}\n",
                                 &fw, NULL),
                  GOVOPEN_OK);
  govopen_framework_free(fw);
}

static void test_due_date_honours_due_soon(void) {
  /* as of Friday 2023-12-15, due Wednesday 2023-12-20: 5 days, 3 working days away */
  static const char obs[] = "{\"unit\": \"a\", \"point\": \"P1\", \"start\": \"2023-12-01\"}\n";
  char code[64];
  CU_ASSERT_EQUAL(score_of("          {kind: deadline, start: start, end: end, limit: {due: 2023-12-20}}\n", obs,
                           "2023-12-15", code),
                  0);
  CU_ASSERT_STRING_EQUAL(code, "deadline.none_judged"); /* 5 days left: not due soon by the default 3 */
  CU_ASSERT_EQUAL(score_of("          {kind: deadline, start: start, end: end, limit: {due: 2023-12-20}, "
                           "due_soon: {workdays: 3}}\n",
                           obs, "2023-12-15", code),
                  0);
  CU_ASSERT_STRING_EQUAL(code, "deadline.due_soon");
  CU_ASSERT_EQUAL(score_of("          {kind: deadline, start: start, end: end, limit: {due: 2023-12-20}, "
                           "due_soon: {hours: 119}}\n",
                           obs, "2023-12-15", code),
                  0);
  CU_ASSERT_STRING_EQUAL(code, "deadline.none_judged");
}

static void test_extension_in_another_unit(void) {
  /* an extension of 5 days on a limit of working days was dropped silently */
  refused("          {kind: deadline, start: start, end: end, limit: {workdays: 20}, extension: {days: 5}}\n", 12, 86,
          "indicators[0].points[0].rule.extension", "the extension counts days, and no limit of the rule does");
  /* in the limit's unit it lengthens it: 25 working days from 2023-11-01 end on 2023-12-06 */
  static const char obs[] =
      "{\"unit\": \"a\", \"point\": \"P1\", \"start\": \"2023-11-01\", \"end\": \"2023-12-06\", \"extended\": 5}\n";
  static const char rule[] =
      "          {kind: deadline, start: start, end: end, limit: {workdays: 20}, extension: {workdays: 5}}\n";
  CU_ASSERT_EQUAL(score_of(rule, obs, "2023-12-31", NULL), 1000);
  static const char late[] =
      "{\"unit\": \"a\", \"point\": \"P1\", \"start\": \"2023-11-01\", \"end\": \"2023-12-07\", \"extended\": 5}\n";
  CU_ASSERT_EQUAL(score_of(rule, late, "2023-12-31", NULL), 0);
}

/* --- rounding through lib/util/cents.h -------------------------------------------------- */

/* A manual score has at most two decimals (gv_cents_exact: binary noise is not a decimal). */
static void test_manual_two_decimals(void) {
  static const char rule[] = "          kind: manual\n";
  char obs[128];
  snprintf(obs, sizeof obs, "{\"unit\": \"a\", \"point\": \"P1\", \"score\": 0.29}\n");
  CU_ASSERT_EQUAL(score_of(rule, obs, "2023-12-31", NULL), 29);
  snprintf(obs, sizeof obs, "{\"unit\": \"a\", \"point\": \"P1\", \"score\": 8.15}\n");
  CU_ASSERT_EQUAL(score_of(rule, obs, "2023-12-31", NULL), 815);
  snprintf(obs, sizeof obs, "{\"unit\": \"a\", \"point\": \"P1\", \"score\": 2.675}\n");
  CU_ASSERT_EQUAL(score_of(rule, obs, "2023-12-31", NULL), -2);
  snprintf(obs, sizeof obs, "{\"unit\": \"a\", \"point\": \"P1\", \"score\": 10.01}\n");
  CU_ASSERT_EQUAL(score_of(rule, obs, "2023-12-31", NULL), -2);
}

/* An expression's number is rounded half away from zero, a value within
   binary noise of a half counting as the half (1.005 × 100 = 100.4999…). */
static void test_expression_rounding(void) {
  static const char obs[] = "{\"unit\": \"a\", \"point\": \"P1\", \"x\": 1}\n";
  CU_ASSERT_EQUAL(
      score_of("          {kind: expression, fields: {x: number}, score: \"1.005\"}\n", obs, "2023-12-31", NULL), 101);
  CU_ASSERT_EQUAL(
      score_of("          {kind: expression, fields: {x: number}, score: \"1.004\"}\n", obs, "2023-12-31", NULL), 100);
  CU_ASSERT_EQUAL(score_of("          {kind: expression, fields: {x: number}, score: \"max_score * 2 / 3\"}\n", obs,
                           "2023-12-31", NULL),
                  667);
}

static const test_case cases[] = {{"registry", test_registry},
                                  {"unknown kind lists the registry", test_unknown_kind_lists_the_registry},
                                  {"veto and default", test_veto_and_default},
                                  {"due_soon in another unit", test_due_soon_in_another_unit},
                                  {"due date honours due_soon", test_due_date_honours_due_soon},
                                  {"extension in another unit", test_extension_in_another_unit},
                                  {"manual two decimals", test_manual_two_decimals},
                                  {"expression rounding", test_expression_rounding},
                                  {NULL, NULL}};
GV_TEST_SUITE(h15_registry, cases);
