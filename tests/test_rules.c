/* Rule blocks: every kind compiles, and each mistake is reported at its own
 * line and column with its document path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* The rules below go through test_load_rule (tests/testutil.h): line 12 onwards holds the rule. */

static void test_every_kind_compiles(void) {
  const char *rules[] = {
      "          kind: boolean\n",
      "          {kind: checklist, items: [甲, 乙], scoring: per-item, item_points: 5}\n",
      "          kind: deadline\n          limit: {workdays: 20}\n          extension: {workdays: 20}\n"
      "          start_by_channel: true\n          restart: corrected\n          due_soon: {workdays: 2}\n"
      "          scoring: deduct\n          per_late: 1\n          floor: 2\n",
      "          kind: deadline\n          limit: {due: 2023-01-31}\n",
      "          kind: recency\n          within: {workdays: 10}\n          scoring: ratio\n",
      "          {kind: count_per_period, min: 1, period: month, scoring: all}\n",
      "          {kind: sample_ratio, expected: 4}\n",
      "          {kind: deduction, per: 0.5, floor: 1}\n",
      "          {kind: veto, target: unit}\n",
      "          {kind: veto, target: \"1\"}\n",
      "          {kind: manual, label: 材料}\n",
      ("          kind: expression\n          fields: {ok: boolean, n2: number}\n          score: |\n"
       "            if all(ok) then max_score else max_score * count(ok) / max(n, 1)\n"),
  };
  for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
    govopen_framework *fw = NULL;
    govopen_error *err = NULL;
    int r = test_load_rule(rules[i], &fw, &err);
    if (r != GOVOPEN_OK) {
      fprintf(stderr, "\n  rule %zu: %u:%u %s", i, govopen_error_line(err), govopen_error_column(err),
              govopen_error_message(err));
      CU_FAIL("a valid rule was refused");
    }
    govopen_error_free(err);
    govopen_framework_free(fw);
  }
}

typedef struct bad_rule {
  const char *rule;
  unsigned line, col;
  const char *path;
  const char *message;
} bad_rule;

static void test_mistakes(void) {
  static const bad_rule cases[] = {
      {"          kind: boolen\n", 12, 17, "indicators[0].points[0].rule.kind", "unknown rule kind 'boolen'"},
      {"          {label: x}\n", 12, 11, "indicators[0].points[0].rule", "the rule has no 'kind'"},
      {"          [boolean]\n", 12, 11, "indicators[0].points[0].rule", "expected a rule (a mapping with a 'kind')"},
      {"          kind: boolean\n          items: [a]\n", 13, 11, "indicators[0].points[0].rule.items",
       "unknown key 'items' in a boolean rule"},
      {"          kind: checklist\n", 12, 11, "indicators[0].points[0].rule", "a checklist rule has no 'items'"},
      {"          kind: checklist\n          items: [甲, 乙, 甲]\n", 13, 25, "indicators[0].points[0].rule.items[2]",
       "the item '甲' is listed twice"},
      {"          {kind: checklist, items: [甲], scoring: best}\n", 12, 50, "indicators[0].points[0].rule.scoring",
       "unknown scoring 'best'"},
      {"          {kind: checklist, items: [甲], scoring: per-item}\n", 12, 11, "indicators[0].points[0].rule",
       "a per-item checklist rule has no 'item_points'"},
      {"          kind: deadline\n", 12, 11, "indicators[0].points[0].rule",
       "a deadline rule needs exactly one of 'limit' and 'limits'"},
      {"          kind: deadline\n          limit: {workdays: 20, days: 3}\n", 13, 18,
       "indicators[0].points[0].rule.limit", "a limit needs exactly one of"},
      {"          kind: deadline\n          limit: {workdays: 0}\n", 13, 29,
       "indicators[0].points[0].rule.limit.workdays", "'workdays' must be at least 1, not 0"},
      {"          kind: deadline\n          limit: {due: 2023-02-30}\n", 13, 24,
       "indicators[0].points[0].rule.limit.due", "'2023-02-30' is not a date"},
      {"          kind: deadline\n          limit: {hours: 5}\n          limt: x\n", 14, 11,
       "indicators[0].points[0].rule.limt", "unknown key 'limt' in a deadline rule"},
      {"          kind: deadline\n          limits:\n            - {name: 权威信息, hours: 5}\n", 14, 15,
       "indicators[0].points[0].rule.limits[0]", "a limit has no 'end'"},
      {"          kind: deadline\n          tiers: {cases: {重大: {limit: {hours: 5}}}}\n          limit: {hours: 5}\n",
       12, 11, "indicators[0].points[0].rule", "gives 'tiers' or 'limit'/'limits', not both"},
      {"          kind: deadline\n          limit: {days: 3}\n          start_by_channel: maybe\n", 14, 29,
       "indicators[0].points[0].rule.start_by_channel", "expected true, false or a mapping"},
      {"          kind: deadline\n          limit: {days: 3}\n          per_late: 1\n", 12, 11,
       "indicators[0].points[0].rule", "'per_late' and 'floor' go with 'scoring: deduct'"},
      {"          kind: recency\n          within: {hours: 3}\n", 13, 19, "indicators[0].points[0].rule.within",
       "'within' takes days or workdays"},
      {"          {kind: count_per_period, min: 0}\n", 12, 41, "indicators[0].points[0].rule.min",
       "'min' must be at least 1, not 0"},
      {"          {kind: count_per_period, min: 3, period: week}\n", 12, 52, "indicators[0].points[0].rule.period",
       "unknown period 'week'"},
      {"          {kind: deduction}\n", 12, 11, "indicators[0].points[0].rule", "a deduction rule has no 'per'"},
      {"          {kind: deduction, per: 1, floor: 11}\n", 12, 44, "indicators[0].points[0].rule.floor",
       "the floor is above the point's maximum"},
      {"          {kind: veto, target: \"9\"}\n", 12, 32, "indicators[0].points[0].rule.target",
       "the veto's target '9' is neither 'unit' nor an indicator above the point"},
      {"          kind: expression\n          fields: {ok: bool}\n          score: ok\n", 13, 24,
       "indicators[0].points[0].rule.fields.ok", "unknown field type 'bool'"},
      {"          kind: expression\n          fields: {x: number}\n          score: \"x +\"\n", 14, 19,
       "indicators[0].points[0].rule.score", "the sample field 'x' can be used only inside an aggregate"},
      {"          kind: expression\n          fields: {x: string}\n          score: \"'文' + 1\"\n", 14, 23,
       "indicators[0].points[0].rule.score", "'+' cannot combine a string and a number"},
      {"          kind: expression\n          fields: {x: string}\n          score: \"date('2023-01-01')\"\n", 14, 18,
       "indicators[0].points[0].rule.score", "the score expression gives a date"},
      {"          kind: expression\n          fields: {ok: boolean}\n          score: |\n            max_score *\n"
       "              count(okk) / n\n",
       16, 21, "indicators[0].points[0].rule.score", ""},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    govopen_framework *fw = NULL;
    govopen_error *err = NULL;
    int r = test_load_rule(cases[i].rule, &fw, &err);
    CU_ASSERT_EQUAL(r, GOVOPEN_ESCHEMA);
    CU_ASSERT_PTR_NULL(fw);
    if (err == NULL) {
      fprintf(stderr, "\n  case %zu: accepted", i);
      CU_FAIL("a bad rule was accepted");
      continue;
    }
    int ok = govopen_error_line(err) == cases[i].line && govopen_error_column(err) == cases[i].col &&
             strcmp(govopen_error_path(err), cases[i].path) == 0 &&
             strstr(govopen_error_message(err), cases[i].message) != NULL;
    if (!ok) {
      fprintf(stderr, "\n  case %zu: got %u:%u [%s] %s", i, govopen_error_line(err), govopen_error_column(err),
              govopen_error_path(err), govopen_error_message(err));
      CU_FAIL("wrong diagnostic");
    }
    govopen_error_free(err);
    govopen_framework_free(fw);
  }
}

/* A `due` date honours the rule's due_soon in its own unit (issue 15: it
   used to be 3 days whatever the rule said). As of Friday 2023-12-15, a due
   date of Wednesday 2023-12-20 is 3 working days, 5 days or 120 hours away. */
static int due_soon_warned(const char *due_soon) {
  char rule[256];
  snprintf(rule, sizeof rule, "          {kind: deadline, start: start, end: end, limit: {due: 2023-12-20}%s%s}\n",
           due_soon[0] ? ", due_soon: " : "", due_soon);
  govopen_framework *fw = NULL;
  govopen_evaluation *ev = NULL;
  govopen_result *r = NULL;
  int warned = -1;
  static const char obs[] = "{\"unit\": \"a\", \"point\": \"P1\", \"start\": \"2023-12-01\"}\n";
  if (test_load_rule(rule, &fw, NULL) != GOVOPEN_OK) return -2;
  if (govopen_evaluation_new(&ev, fw, NULL) == GOVOPEN_OK &&
      govopen_evaluation_set_as_of(ev, "2023-12-15", NULL) == GOVOPEN_OK &&
      govopen_evaluation_add_buffer(ev, obs, strlen(obs), "o.jsonl", GOVOPEN_FORMAT_JSONL, NULL) == GOVOPEN_OK &&
      govopen_evaluation_observation_count(ev) == 1 && govopen_evaluation_run(ev, &r, NULL) == GOVOPEN_OK) {
    warned = 0;
    for (size_t i = 0; i < govopen_result_cell_reason_count(r, 0, 0); i++)
      warned |= strcmp(govopen_result_cell_reason_code(r, 0, 0, i), "deadline.due_soon") == 0;
  }
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
  return warned;
}

static void test_due_soon_of_a_due_date(void) {
  CU_ASSERT_EQUAL(due_soon_warned(""), 0);          /* 5 days left > 3 */
  CU_ASSERT_EQUAL(due_soon_warned("{days: 5}"), 1); /* 5 <= 5 */
  CU_ASSERT_EQUAL(due_soon_warned("{days: 4}"), 0);
  CU_ASSERT_EQUAL(due_soon_warned("{workdays: 3}"), 1); /* 18, 19, 20 December */
  CU_ASSERT_EQUAL(due_soon_warned("{workdays: 2}"), 0);
  CU_ASSERT_EQUAL(due_soon_warned("{hours: 120}"), 1); /* 5 × 24 */
  CU_ASSERT_EQUAL(due_soon_warned("{hours: 119}"), 0);
}

static const test_case cases[] = {{"every kind compiles", test_every_kind_compiles},
                                  {"mistakes", test_mistakes},
                                  {"due_soon of a due date", test_due_soon_of_a_due_date},
                                  {NULL, NULL}};
GV_TEST_SUITE(rules, cases);
