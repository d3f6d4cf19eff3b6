/* Issue 14, item 4 (know what a figure stands on) and the values of item 8
 * that were only in the result JSON. On tests/fixtures/coverage/cov.yaml —
 * towns evaluated on all, half, a tenth and none of their maximum, an
 * indicator capped below its points' sum, kinds with units not evaluated —
 * the exact coverage of every unit and of the county; the mark at the
 * threshold's boundary; the units not evaluated listed under each ranking in
 * the CSV, Markdown, HTML and the rectification lists, read back; and every
 * coverage value and item-8 value of the JSON fetched again through the C
 * accessors (the fixture and the Langao sample, kept and streamed). */
#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_support.h"
#include "testutil.h"

#define COV_FW "fixtures/coverage/cov.yaml"
#define COV_OBS "fixtures/coverage/cov.jsonl"

/* The fixture evaluated at 2023-12-15 with minimum coverage `min` (-1: the
   default) and the policy `zero` for points not evaluated. */
static int run_cov(run *x, int min, int zero) {
  memset(x, 0, sizeof *x);
  if (govopen_framework_load_file(&x->fw, test_path(COV_FW), NULL, NULL) != GOVOPEN_OK) return -1;
  if (govopen_evaluation_new(&x->ev, x->fw, NULL) != GOVOPEN_OK) return -1;
  if (govopen_evaluation_set_as_of(x->ev, "2023-12-15", NULL) != GOVOPEN_OK) return -1;
  if (govopen_evaluation_set_int(x->ev, GOVOPEN_EVAL_NOT_EVALUATED, zero) != GOVOPEN_OK) return -1;
  if (min >= 0 && govopen_evaluation_set_int(x->ev, GOVOPEN_EVAL_MIN_COVERAGE, min) != GOVOPEN_OK) return -1;
  if (govopen_evaluation_add_file(x->ev, test_path(COV_OBS), GOVOPEN_FORMAT_AUTO, NULL) != GOVOPEN_OK) return -1;
  return govopen_evaluation_run(x->ev, &x->r, NULL) == GOVOPEN_OK ? 0 : -1;
}

static size_t unit_ix(const run *x, const char *id) {
  const govopen_unit *u = govopen_framework_unit_by_id(x->fw, id);
  CU_ASSERT_PTR_NOT_NULL_FATAL(u);
  return govopen_unit_index(u);
}

static size_t node_ix(const govopen_framework *fw, const char *id) {
  for (size_t i = 0; i < govopen_framework_node_count(fw); i++)
    if (strcmp(govopen_node_id(govopen_framework_node(fw, i)), id) == 0) return i;
  CU_FAIL("no such node");
  return (size_t)-1;
}

typedef struct cover_case {
  const char *unit;
  size_t evaluated, applicable;
  double coverage;
  int scored, low;
  unsigned rank;
  size_t ranked_of;
} cover_case;

/* --- the figures ------------------------------------------------------------------ */

/* Every unit's coverage worked out by hand: a town's points are worth
   40 + min(20 + 40 + 30, 60) = 100, a department's 10 + 20 = 30. */
static void test_figures(void) {
  static const cover_case cases[] = {
      {"t1", 5, 5, 1.0, 1, 0, 1, 4}, /* every point */
      {"t2", 2, 5, 0.5, 1, 0, 4, 4}, /* P2 30 + P3 20 of 100: at the default 50, not marked */
      {"t3", 1, 5, 0.1, 1, 1, 1, 4}, /* P1 alone: first, on a tenth, marked */
      {"t4", 0, 5, 0.0, 0, 0, 0, 4}, /* nothing: not evaluated, not ranked */
      {"t5", 0, 5, 0.0, 0, 0, 0, 4}, {"t6", 2, 5, 0.6, 1, 0, 3, 4},         /* P4 40 + P5 30 capped at 60 */
      {"d1", 0, 2, 0.0, 0, 0, 0, 1}, {"d2", 1, 2, 20.0 / 30.0, 1, 0, 1, 1}, /* 66.66…% */
      {"i1", 0, 1, 0.0, 0, 0, 0, 0},
  };
  run x;
  CU_ASSERT_EQUAL_FATAL(run_cov(&x, -1, 0), 0);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const cover_case *c = &cases[i];
    size_t u = unit_ix(&x, c->unit);
    CU_ASSERT_EQUAL(govopen_result_unit_points_evaluated(x.r, u), c->evaluated);
    CU_ASSERT_EQUAL(govopen_result_unit_points_applicable(x.r, u), c->applicable);
    CU_ASSERT_DOUBLE_EQUAL(govopen_result_unit_coverage(x.r, u), c->coverage, 1e-12);
    CU_ASSERT_EQUAL(govopen_result_unit_scored(x.r, u), c->scored);
    CU_ASSERT_EQUAL(govopen_result_unit_low_coverage(x.r, u), c->low);
    CU_ASSERT_EQUAL(govopen_result_unit_rank(x.r, u), c->rank);
    CU_ASSERT_EQUAL(govopen_result_unit_ranked_of(x.r, u), c->ranked_of);
  }
  /* with the default policy, what was evaluated is `possible` */
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_unit_possible(x.r, unit_ix(&x, "t6")), 60.0, 1e-9);
  /* the county: every point has a judged cell */
  CU_ASSERT_EQUAL(govopen_result_county_points_evaluated(x.r), 5);
  CU_ASSERT_EQUAL(govopen_result_county_points_applicable(x.r), 5);
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_county_coverage(x.r), 1.0, 1e-12);
  /* per kind */
  static const size_t ranked[] = {4, 1, 0, 0, 0}, not_evaluated[] = {2, 1, 1, 0, 0}, low[] = {1, 0, 0, 0, 0};
  for (int k = 0; k <= GOVOPEN_UNIT_OTHER; k++) {
    CU_ASSERT_EQUAL(govopen_result_kind_ranked_count(x.r, k), ranked[k]);
    CU_ASSERT_EQUAL(govopen_result_kind_not_evaluated_count(x.r, k), not_evaluated[k]);
    CU_ASSERT_EQUAL(govopen_result_kind_low_coverage_count(x.r, k), low[k]);
  }
  run_free(&x);
}

/* A county whose points are not all evaluated: P4 and P5 only observed at
   t6, P1 and P2 nowhere. */
static void test_county_partial(void) {
  run x;
  memset(&x, 0, sizeof x);
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_file(&x.fw, test_path(COV_FW), NULL, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&x.ev, x.fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(x.ev, "2023-12-15", NULL), GOVOPEN_OK);
  static const char obs[] = "{\"unit\": \"t6\", \"point\": \"P4\", \"score\": 40}\n"
                            "{\"unit\": \"d2\", \"point\": \"P3\", \"value\": true}\n";
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_add_buffer(x.ev, obs, strlen(obs), "o.jsonl", GOVOPEN_FORMAT_JSONL, NULL),
                        GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(x.ev, &x.r, NULL), GOVOPEN_OK);
  /* P3 (20) and P4 (40) of 40 + 60: the cap of indicator 2 is not reached */
  CU_ASSERT_EQUAL(govopen_result_county_points_evaluated(x.r), 2);
  CU_ASSERT_EQUAL(govopen_result_county_points_applicable(x.r), 5);
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_county_coverage(x.r), 0.6, 1e-12);
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_county_possible(x.r), 60.0, 1e-9);
  /* t6 first on 40 of 100 points: ranked, marked */
  size_t t6 = unit_ix(&x, "t6");
  CU_ASSERT_EQUAL(govopen_result_unit_rank(x.r, t6), 1);
  CU_ASSERT_EQUAL(govopen_result_unit_low_coverage(x.r, t6), 1);
  CU_ASSERT_EQUAL(govopen_result_kind_not_evaluated_count(x.r, GOVOPEN_UNIT_TOWN), 5);
  run_free(&x);
}

/* --- the mark ---------------------------------------------------------------------- */

/* 乙镇 stands on exactly 50%: not marked at 50, marked at 51. The minimum
   may change between runs of one evaluation; it is kept in the result. */
static void test_threshold(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_cov(&x, 51, 0), 0);
  size_t t1 = unit_ix(&x, "t1"), t2 = unit_ix(&x, "t2"), t3 = unit_ix(&x, "t3"), t6 = unit_ix(&x, "t6"),
         d2 = unit_ix(&x, "d2");
  int64_t v = -1;
  CU_ASSERT_EQUAL(govopen_result_setting(x.r, GOVOPEN_EVAL_MIN_COVERAGE, &v), GOVOPEN_OK);
  CU_ASSERT_EQUAL(v, 51);
  CU_ASSERT_EQUAL(govopen_result_unit_low_coverage(x.r, t2), 1);
  CU_ASSERT_EQUAL(govopen_result_unit_rank(x.r, t2), 4); /* still ranked */
  CU_ASSERT_EQUAL(govopen_result_kind_low_coverage_count(x.r, GOVOPEN_UNIT_TOWN), 2);
  struct {
    int min;
    int t1, t2, t3, t6, d2;
    size_t towns_low;
  } steps[] = {{50, 0, 0, 1, 0, 0, 1},  {10, 0, 0, 0, 0, 0, 0}, {11, 0, 0, 1, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 0},
               {100, 0, 1, 1, 1, 1, 3}, {67, 0, 1, 1, 1, 1, 3}, {66, 0, 1, 1, 1, 0, 3}};
  for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
    govopen_result_free(x.r);
    x.r = NULL;
    CU_ASSERT_EQUAL(govopen_evaluation_set_int(x.ev, GOVOPEN_EVAL_MIN_COVERAGE, steps[i].min), GOVOPEN_OK);
    CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(x.ev, &x.r, NULL), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_result_unit_low_coverage(x.r, t1), steps[i].t1);
    CU_ASSERT_EQUAL(govopen_result_unit_low_coverage(x.r, t2), steps[i].t2);
    CU_ASSERT_EQUAL(govopen_result_unit_low_coverage(x.r, t3), steps[i].t3);
    CU_ASSERT_EQUAL(govopen_result_unit_low_coverage(x.r, t6), steps[i].t6);
    CU_ASSERT_EQUAL(govopen_result_unit_low_coverage(x.r, d2), steps[i].d2);
    CU_ASSERT_EQUAL(govopen_result_kind_low_coverage_count(x.r, GOVOPEN_UNIT_TOWN), steps[i].towns_low);
    CU_ASSERT(govopen_result_setting(x.r, GOVOPEN_EVAL_MIN_COVERAGE, &v) == GOVOPEN_OK && v == steps[i].min);
  }
  /* out of range: refused, the setting unchanged */
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(x.ev, GOVOPEN_EVAL_MIN_COVERAGE, -1), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(x.ev, GOVOPEN_EVAL_MIN_COVERAGE, 101), GOVOPEN_EINVALID);
  govopen_result_free(x.r);
  x.r = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(x.ev, &x.r, NULL), GOVOPEN_OK);
  CU_ASSERT(govopen_result_setting(x.r, GOVOPEN_EVAL_MIN_COVERAGE, &v) == GOVOPEN_OK && v == 66);
  run_free(&x);
  /* the default */
  CU_ASSERT_EQUAL_FATAL(run_cov(&x, -1, 0), 0);
  CU_ASSERT(govopen_result_setting(x.r, GOVOPEN_EVAL_MIN_COVERAGE, &v) == GOVOPEN_OK &&
            v == GOVOPEN_DEFAULT_MIN_COVERAGE);
  CU_ASSERT_EQUAL(GOVOPEN_DEFAULT_MIN_COVERAGE, 50);
  run_free(&x);
}

/* Points not evaluated scoring 0 change the totals and the ranks, not the
   coverage: 丁镇 and 戊镇 are then ranked on nothing, and marked. */
static void test_zero_policy(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_cov(&x, -1, 1), 0);
  size_t t2 = unit_ix(&x, "t2"), t4 = unit_ix(&x, "t4"), i1 = unit_ix(&x, "i1");
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_unit_possible(x.r, t2), 100.0, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_unit_coverage(x.r, t2), 0.5, 1e-12);
  CU_ASSERT_EQUAL(govopen_result_unit_low_coverage(x.r, t2), 0);
  CU_ASSERT_EQUAL(govopen_result_unit_scored(x.r, t4), 1);
  CU_ASSERT_EQUAL(govopen_result_unit_rank(x.r, t4), 5);
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_unit_coverage(x.r, t4), 0.0, 1e-12);
  CU_ASSERT_EQUAL(govopen_result_unit_low_coverage(x.r, t4), 1);
  CU_ASSERT_EQUAL(govopen_result_unit_ranked_of(x.r, t4), 6);
  CU_ASSERT_EQUAL(govopen_result_unit_low_coverage(x.r, i1), 1);
  CU_ASSERT_EQUAL(govopen_result_kind_ranked_count(x.r, GOVOPEN_UNIT_TOWN), 6);
  CU_ASSERT_EQUAL(govopen_result_kind_not_evaluated_count(x.r, GOVOPEN_UNIT_TOWN), 0);
  CU_ASSERT_EQUAL(govopen_result_kind_low_coverage_count(x.r, GOVOPEN_UNIT_TOWN), 3);
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_county_coverage(x.r), 1.0, 1e-12);
  int64_t v = -1;
  CU_ASSERT(govopen_result_setting(x.r, GOVOPEN_EVAL_NOT_EVALUATED, &v) == GOVOPEN_OK && v == 1);
  run_free(&x);
}

/* --- bad arguments: a value no real one takes --------------------------------------------- */

static void test_bad_arguments(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_cov(&x, -1, 0), 0);
  size_t nu = govopen_framework_unit_count(x.fw), nn = govopen_framework_node_count(x.fw);
  size_t i1 = unit_ix(&x, "i1"), p2 = govopen_point_index(govopen_framework_point_by_id(x.fw, "P2"));
  CU_ASSERT_EQUAL(govopen_result_unit_points_evaluated(NULL, 0), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_unit_points_evaluated(x.r, nu), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_unit_points_applicable(x.r, nu), (size_t)-1);
  CU_ASSERT(isnan(govopen_result_unit_coverage(NULL, 0)));
  CU_ASSERT(isnan(govopen_result_unit_coverage(x.r, nu)));
  CU_ASSERT_EQUAL(govopen_result_unit_low_coverage(x.r, nu), -1);
  CU_ASSERT_EQUAL(govopen_result_unit_low_coverage(NULL, 0), -1);
  CU_ASSERT_EQUAL(govopen_result_unit_ranked_of(x.r, nu), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_county_points_evaluated(NULL), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_county_points_applicable(NULL), (size_t)-1);
  CU_ASSERT(isnan(govopen_result_county_coverage(NULL)));
  CU_ASSERT_EQUAL(govopen_result_kind_ranked_count(x.r, -1), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_kind_ranked_count(x.r, GOVOPEN_UNIT_OTHER + 1), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_kind_not_evaluated_count(NULL, 0), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_kind_low_coverage_count(x.r, 99), (size_t)-1);
  CU_ASSERT(isnan(govopen_result_unit_node_maximum(x.r, 0, nn)));
  CU_ASSERT(isnan(govopen_result_unit_node_maximum(x.r, nu, 0)));
  CU_ASSERT(isnan(govopen_result_unit_node_possible(NULL, 0, 0)));
  CU_ASSERT(isnan(govopen_result_county_node_score(x.r, nn)));
  CU_ASSERT(isnan(govopen_result_county_node_possible(NULL, 0)));
  /* a node the unit was not evaluated on: -1.0, as its score */
  size_t two = node_ix(x.fw, "2");
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_unit_node_maximum(x.r, i1, two), -1.0, 0);
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_unit_node_possible(x.r, i1, two), -1.0, 0);
  /* a pair the framework does not assign (档案馆 × P2), and out of range */
  CU_ASSERT_EQUAL(govopen_result_cell_samples(x.r, i1, p2), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_cell_judged(x.r, i1, p2), (size_t)-1);
  CU_ASSERT(isnan(govopen_result_cell_maximum(x.r, i1, p2)));
  CU_ASSERT_EQUAL(govopen_result_cell_samples(NULL, 0, 0), (size_t)-1);
  CU_ASSERT(isnan(govopen_result_cell_maximum(x.r, 0, 99)));
  CU_ASSERT_PTR_NULL(govopen_result_period_first(NULL));
  CU_ASSERT_PTR_NULL(govopen_result_period_last(NULL));
  int64_t v = 12345;
  CU_ASSERT_EQUAL(govopen_result_setting(NULL, GOVOPEN_EVAL_JOBS, &v), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_setting(x.r, GOVOPEN_EVAL_JOBS, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_setting(x.r, 0, &v), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_setting(x.r, GOVOPEN_EVAL_MIN_COVERAGE + 1, &v), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(v, 12345);
  run_free(&x);
}

/* Every numbered setting as run. */
static void test_settings(void) {
  run x;
  memset(&x, 0, sizeof x);
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_file(&x.fw, test_path(COV_FW), NULL, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&x.ev, x.fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(x.ev, "2023-12-15", NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_period(x.ev, "2023-02-01", "2023-11-30", NULL), GOVOPEN_OK);
  static const int64_t set[][2] = {
      {GOVOPEN_EVAL_COUNTY, 1},       {GOVOPEN_EVAL_MAX_NAMED, 7},         {GOVOPEN_EVAL_STRICT, 1},
      {GOVOPEN_EVAL_MAX_STEPS, 4321}, {GOVOPEN_EVAL_MAX_OBSERVATIONS, 99}, {GOVOPEN_EVAL_JOBS, 3},
      {GOVOPEN_EVAL_MAX_KEYS, 77},    {GOVOPEN_EVAL_MAX_DIAGNOSTICS, 5},   {GOVOPEN_EVAL_MIN_COVERAGE, 30}};
  for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
    CU_ASSERT_EQUAL(govopen_evaluation_set_int(x.ev, (int)set[i][0], set[i][1]), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_add_file(x.ev, test_path(COV_OBS), GOVOPEN_FORMAT_AUTO, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(x.ev, &x.r, NULL), GOVOPEN_OK);
  for (size_t i = 0; i < sizeof set / sizeof set[0]; i++) {
    int64_t v = -1;
    CU_ASSERT_EQUAL(govopen_result_setting(x.r, (int)set[i][0], &v), GOVOPEN_OK);
    CU_ASSERT_EQUAL(v, set[i][1]);
  }
  int64_t v = -1;
  CU_ASSERT(govopen_result_setting(x.r, GOVOPEN_EVAL_NOT_EVALUATED, &v) == GOVOPEN_OK && v == 0);
  CU_ASSERT_STRING_EQUAL(govopen_result_period_first(x.r), "2023-02-01");
  CU_ASSERT_STRING_EQUAL(govopen_result_period_last(x.r), "2023-11-30");
  /* the result outlives the evaluation */
  govopen_evaluation_free(x.ev);
  x.ev = NULL;
  CU_ASSERT_STRING_EQUAL(govopen_result_period_last(x.r), "2023-11-30");
  CU_ASSERT(govopen_result_setting(x.r, GOVOPEN_EVAL_MAX_KEYS, &v) == GOVOPEN_OK && v == 77);
  run_free(&x);
}

/* --- every JSON value through C ----------------------------------------------------------- */

static const cJSON *member(const cJSON *o, const char *key) {
  const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, key);
  CU_ASSERT_PTR_NOT_NULL(m);
  return m;
}

static double num(const cJSON *o, const char *key) {
  const cJSON *m = member(o, key);
  CU_ASSERT(cJSON_IsNumber(m));
  return m && cJSON_IsNumber(m) ? m->valuedouble : (double)NAN;
}

/* The JSON's coverage_percent from the exact share: rounded down to hundredths. */
static double percent_of(double share) { return floor(share * 10000.0 + 1e-6) / 100.0; }

/* The node scores of one column: every listed indicator's values through
   the accessors, and -1.0 for every indicator not listed. */
static void check_nodes(const govopen_framework *fw, const cJSON *list, double (*score)(size_t, const void *),
                        double (*possible)(size_t, const void *), double (*maximum)(size_t, const void *),
                        const void *ctx) {
  size_t nn = govopen_framework_node_count(fw);
  unsigned char *listed = calloc(nn ? nn : 1, 1);
  CU_ASSERT_PTR_NOT_NULL_FATAL(listed);
  const cJSON *ind;
  cJSON_ArrayForEach(ind, list) {
    size_t n = node_ix(fw, cJSON_GetStringValue(member(ind, "id")));
    if (n >= nn) continue;
    listed[n] = 1;
    CU_ASSERT_DOUBLE_EQUAL(score(n, ctx), num(ind, "score"), 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(possible(n, ctx), num(ind, "possible"), 1e-9);
    if (maximum) CU_ASSERT_DOUBLE_EQUAL(maximum(n, ctx), num(ind, "max"), 1e-9);
  }
  for (size_t n = 0; n < nn; n++)
    if (!listed[n]) {
      CU_ASSERT_DOUBLE_EQUAL(score(n, ctx), -1.0, 0);
      CU_ASSERT_DOUBLE_EQUAL(possible(n, ctx), -1.0, 0);
      if (maximum) CU_ASSERT_DOUBLE_EQUAL(maximum(n, ctx), -1.0, 0);
    }
  free(listed);
}

typedef struct unit_ctx {
  const govopen_result *r;
  size_t unit;
} unit_ctx;

static double county_score(size_t n, const void *c) { return govopen_result_county_node_score(c, n); }
static double county_possible(size_t n, const void *c) { return govopen_result_county_node_possible(c, n); }
static double unit_score(size_t n, const void *c) {
  const unit_ctx *u = c;
  return govopen_result_unit_node_score(u->r, u->unit, n);
}
static double unit_possible(size_t n, const void *c) {
  const unit_ctx *u = c;
  return govopen_result_unit_node_possible(u->r, u->unit, n);
}
static double unit_maximum(size_t n, const void *c) {
  const unit_ctx *u = c;
  return govopen_result_unit_node_maximum(u->r, u->unit, n);
}

static int kind_of(const char *name) {
  for (int k = 0; k <= GOVOPEN_UNIT_OTHER; k++)
    if (strcmp(govopen_unit_kind_name(k), name) == 0) return k;
  CU_FAIL("unknown kind");
  return -1;
}

/* Walks `json` (the result `r`'s) and fetches each value of the period,
   the settings, the coverage and item 8 through the C API. */
static void check_json_values(const govopen_result *r, const char *json) {
  const govopen_framework *fw = govopen_result_framework(r);
  cJSON *doc = cJSON_Parse(json);
  CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
  const cJSON *period = member(doc, "period"), *settings = member(doc, "settings");
  CU_ASSERT_STRING_EQUAL(cJSON_GetStringValue(member(period, "first")), govopen_result_period_first(r));
  CU_ASSERT_STRING_EQUAL(cJSON_GetStringValue(member(period, "last")), govopen_result_period_last(r));
  int64_t v = -1;
  CU_ASSERT_EQUAL(govopen_result_setting(r, GOVOPEN_EVAL_NOT_EVALUATED, &v), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(cJSON_GetStringValue(member(settings, "not_evaluated")), v ? "zero" : "skip");
  CU_ASSERT_EQUAL(govopen_result_setting(r, GOVOPEN_EVAL_COUNTY, &v), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(cJSON_GetStringValue(member(settings, "county")), v ? "min" : "mean");
  CU_ASSERT_EQUAL(govopen_result_setting(r, GOVOPEN_EVAL_MIN_COVERAGE, &v), GOVOPEN_OK);
  CU_ASSERT_DOUBLE_EQUAL(num(settings, "min_coverage"), (double)v, 0);

  const cJSON *county = member(doc, "county");
  check_nodes(fw, member(county, "indicators"), county_score, county_possible, NULL, r);
  CU_ASSERT_DOUBLE_EQUAL(num(county, "coverage_percent"), percent_of(govopen_result_county_coverage(r)), 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(num(county, "points_evaluated"), (double)govopen_result_county_points_evaluated(r), 0);
  CU_ASSERT_DOUBLE_EQUAL(num(county, "points_applicable"), (double)govopen_result_county_points_applicable(r), 0);

  /* kinds: the counts, and the units not evaluated by id */
  const cJSON *kinds = member(doc, "kinds"), *kj;
  size_t kinds_listed = 0;
  cJSON_ArrayForEach(kj, kinds) {
    int k = kind_of(kj->string);
    kinds_listed++;
    CU_ASSERT_DOUBLE_EQUAL(num(kj, "ranked"), (double)govopen_result_kind_ranked_count(r, k), 0);
    CU_ASSERT_DOUBLE_EQUAL(num(kj, "low_coverage"), (double)govopen_result_kind_low_coverage_count(r, k), 0);
    const cJSON *ne = member(kj, "not_evaluated"), *e;
    CU_ASSERT_EQUAL((size_t)cJSON_GetArraySize(ne), govopen_result_kind_not_evaluated_count(r, k));
    cJSON_ArrayForEach(e, ne) {
      const govopen_unit *u = govopen_framework_unit_by_id(fw, cJSON_GetStringValue(member(e, "unit")));
      CU_ASSERT_PTR_NOT_NULL_FATAL(u);
      CU_ASSERT_EQUAL(govopen_unit_kind(u), k);
      CU_ASSERT_STRING_EQUAL(cJSON_GetStringValue(member(e, "name")), govopen_unit_name(u));
      size_t ui = govopen_unit_index(u);
      CU_ASSERT(!govopen_result_unit_scored(r, ui) && govopen_result_unit_points_applicable(r, ui) > 0);
    }
  }
  size_t kinds_with_units = 0;
  for (int k = 0; k <= GOVOPEN_UNIT_OTHER; k++)
    kinds_with_units += govopen_result_kind_ranked_count(r, k) + govopen_result_kind_not_evaluated_count(r, k) > 0;
  CU_ASSERT_EQUAL(kinds_listed, kinds_with_units);

  const cJSON *unit;
  cJSON_ArrayForEach(unit, member(doc, "units")) {
    const govopen_unit *gu = govopen_framework_unit_by_id(fw, cJSON_GetStringValue(member(unit, "id")));
    CU_ASSERT_PTR_NOT_NULL_FATAL(gu);
    size_t u = govopen_unit_index(gu);
    CU_ASSERT_DOUBLE_EQUAL(num(unit, "coverage_percent"), percent_of(govopen_result_unit_coverage(r, u)), 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(num(unit, "points_evaluated"), (double)govopen_result_unit_points_evaluated(r, u), 0);
    CU_ASSERT_DOUBLE_EQUAL(num(unit, "points_applicable"), (double)govopen_result_unit_points_applicable(r, u), 0);
    if (cJSON_IsTrue(member(unit, "scored"))) {
      CU_ASSERT_DOUBLE_EQUAL(num(unit, "ranked_of"), (double)govopen_result_unit_ranked_of(r, u), 0);
      CU_ASSERT_EQUAL(cJSON_IsTrue(member(unit, "low_coverage")), govopen_result_unit_low_coverage(r, u));
      CU_ASSERT_EQUAL(govopen_result_unit_ranked_of(r, u), govopen_result_kind_ranked_count(r, govopen_unit_kind(gu)));
      unit_ctx c = {r, u};
      check_nodes(fw, member(unit, "indicators"), unit_score, unit_possible, unit_maximum, &c);
    } else {
      CU_ASSERT_PTR_NULL(cJSON_GetObjectItemCaseSensitive(unit, "low_coverage"));
      CU_ASSERT_EQUAL(govopen_result_unit_low_coverage(r, u), 0);
    }
    const cJSON *pt;
    size_t cells = 0;
    cJSON_ArrayForEach(pt, member(unit, "points")) {
      const govopen_point *gp = govopen_framework_point_by_id(fw, cJSON_GetStringValue(member(pt, "id")));
      CU_ASSERT_PTR_NOT_NULL_FATAL(gp);
      size_t p = govopen_point_index(gp);
      cells++;
      CU_ASSERT_DOUBLE_EQUAL(num(pt, "samples"), (double)govopen_result_cell_samples(r, u, p), 0);
      CU_ASSERT_DOUBLE_EQUAL(num(pt, "judged"), (double)govopen_result_cell_judged(r, u, p), 0);
      CU_ASSERT_DOUBLE_EQUAL(num(pt, "max"), govopen_result_cell_maximum(r, u, p), 1e-9);
    }
    CU_ASSERT_EQUAL(cells, govopen_result_unit_points_applicable(r, u));
  }
  cJSON_Delete(doc);
}

/* The JSON of the streaming path (reasons not kept) is the result's. */
static char *json_of(run *x) {
  char *json = NULL;
  CU_ASSERT_EQUAL(govopen_result_to_json(x->r, GOVOPEN_JSON_PRETTY, &json, NULL), GOVOPEN_OK);
  sink s = {0};
  CU_ASSERT_EQUAL(govopen_evaluation_write_json(x->ev, GOVOPEN_JSON_PRETTY, sink_write, &s, NULL), GOVOPEN_OK);
  CU_ASSERT(json && s.data && strcmp(json, s.data) == 0);
  sink_free(&s);
  return json;
}

static void test_json_values(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_cov(&x, -1, 0), 0);
  char *json = json_of(&x);
  CU_ASSERT_PTR_NOT_NULL_FATAL(json);
  check_json_values(x.r, json);
  /* the members as written */
  CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"min_coverage\":\t50\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(json, "\t\t\"coverage_percent\":\t100,\n\t\t\"points_evaluated\":\t5,\n"
                                      "\t\t\"points_applicable\":\t5,\n\t\t\"indicators\""));
  CU_ASSERT_PTR_NOT_NULL(strstr(json, "\t\"kinds\":\t{\n\t\t\"town\":\t{\n\t\t\t\"ranked\":\t4,\n"
                                      "\t\t\t\"low_coverage\":\t1,\n\t\t\t\"not_evaluated\":\t[{\n"
                                      "\t\t\t\t\t\"unit\":\t\"t4\",\n\t\t\t\t\t\"name\":\t\"丁镇\"\n\t\t\t\t}, {\n"
                                      "\t\t\t\t\t\"unit\":\t\"t5\",\n\t\t\t\t\t\"name\":\t\"戊镇\"\n\t\t\t\t}]\n"
                                      "\t\t},\n\t\t\"department\":"));
  CU_ASSERT_PTR_NOT_NULL(
      strstr(json, "\t\t\t\"rank\":\t1,\n\t\t\t\"ranked_of\":\t4,\n\t\t\t\"low_coverage\":\ttrue,\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(json, "\t\t\t\"coverage_percent\":\t66.66,\n\t\t\t\"points_evaluated\":\t1,\n"
                                      "\t\t\t\"points_applicable\":\t2,\n"));
  govopen_free(json);
  run_free(&x);
  /* the Langao sample: every unit and every cell */
  CU_ASSERT_EQUAL_FATAL(run_langao(&x), 0);
  json = json_of(&x);
  CU_ASSERT_PTR_NOT_NULL_FATAL(json);
  check_json_values(x.r, json);
  govopen_free(json);
  run_free(&x);
  /* points not evaluated scoring 0 */
  CU_ASSERT_EQUAL_FATAL(run_cov(&x, 70, 1), 0);
  json = json_of(&x);
  CU_ASSERT_PTR_NOT_NULL_FATAL(json);
  check_json_values(x.r, json);
  govopen_free(json);
  run_free(&x);
}

/* --- the outputs, read back ------------------------------------------------------------------ */

typedef int (*writer_fn)(const govopen_result *r, unsigned flags, govopen_write_fn write, void *user);

static char *written(const govopen_result *r, writer_fn fn, unsigned flags) {
  sink s = {0};
  int rc = fn(r, flags, sink_write, &s);
  CU_ASSERT_EQUAL(rc, GOVOPEN_OK);
  return s.data;
}

static char *table(const govopen_result *r, int t, unsigned flags) {
  sink s = {0};
  CU_ASSERT_EQUAL(govopen_result_write_csv(r, t, flags | GOVOPEN_CSV_NO_BOM, sink_write, &s), GOVOPEN_OK);
  return s.data;
}

static char *rectify(const govopen_result *r, size_t u, unsigned flags) {
  sink s = {0};
  CU_ASSERT_EQUAL(govopen_result_write_rectify(r, u, flags, sink_write, &s), GOVOPEN_OK);
  return s.data;
}

static void test_csv(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_cov(&x, -1, 0), 0);
  char *t = table(x.r, GOVOPEN_TABLE_RANKINGS, 0);
  CU_ASSERT_STRING_EQUAL(t, "类别,名次,单位编号,单位,总分,得分,已评估满分,等次,一票否决,满分,折算得分,评估点失分,舍入,"
                            "加减分,封顶,共失,覆盖率(%),已评估点数,适用点数,覆盖不足\r\n"
                            "镇,1,t1,甲镇,100,100,100,,否,100,100,0,0,0,0,0,100,5,5,否\r\n"
                            "镇,1,t3,丙镇,100,10,10,,否,100,100,0,0,0,0,0,10,1,5,是\r\n"
                            "镇,3,t6,己镇,83.33,50,60,,否,100,83.33,16.67,0,0,0,16.67,60,2,5,否\r\n"
                            "镇,4,t2,乙镇,70,35,50,,否,100,70,30,0,0,0,30,50,2,5,否\r\n"
                            "镇,,t4,丁镇,,,,,,,,,,,,,0,0,5,\r\n"
                            "镇,,t5,戊镇,,,,,,,,,,,,,0,0,5,\r\n"
                            "县政府部门,1,d2,县二局,100,20,20,,否,100,100,0,0,0,0,0,66.66,1,2,否\r\n"
                            "县政府部门,,d1,县一局,,,,,,,,,,,,,0,0,2,\r\n"
                            "直属机构,,i1,县档案馆,,,,,,,,,,,,,0,0,1,\r\n");
  free(t);
  t = table(x.r, GOVOPEN_TABLE_RANKINGS, GOVOPEN_REPORT_LANG_EN);
  CU_ASSERT(t &&
            strncmp(t,
                    "kind,rank,unit_id,unit,total,raw,possible,grade,vetoed,maximum,normalised,points_lost,"
                    "rounding,adjustments,clamp,lost_total,coverage_percent,points_evaluated,"
                    "points_applicable,low_coverage\r\ntown,1,t1,甲镇,100,100,100,,no,100,100,0,0,0,0,0,100,5,5,no\r\n"
                    "town,1,t3,丙镇,100,10,10,,no,100,100,0,0,0,0,0,10,1,5,yes\r\n",
                    strlen("kind,rank,unit_id,unit,total,raw,possible,grade,vetoed,maximum,normalised,points_lost,"
                           "rounding,adjustments,clamp,lost_total,coverage_percent,points_evaluated,"
                           "points_applicable,low_coverage\r\ntown,1,t1,甲镇,100,100,100,,no,100,100,0,0,0,0,0,"
                           "100,5,5,no\r\ntown,1,t3,丙镇,100,10,10,,no,100,100,0,0,0,0,0,10,1,5,yes\r\n")) == 0);
  CU_ASSERT(t && strstr(t, "\r\ninstitution,,i1,县档案馆,,,,,,,,,,,,,0,0,1,\r\n") != NULL);
  free(t);
  t = table(x.r, GOVOPEN_TABLE_COUNTY, 0);
  CU_ASSERT(t &&
            strncmp(t, "类型,编号,名称,层级,得分,已评估满分,满分,等次,证据,总分失分,覆盖率(%),已评估点数,适用点数\r\n",
                    strlen("类型,编号,名称,层级,得分,已评估满分,满分,等次,证据,总分失分,覆盖率(%),已评估点数,"
                           "适用点数\r\n")) == 0);
  CU_ASSERT(t && strstr(t, "\r\n原始得分,cov,覆盖测试,,92.5,100,100,,,,,,\r\n") != NULL);
  CU_ASSERT(t && strstr(t, "\r\n总分,cov,覆盖测试,,92.5,,100,,,,100,5,5\r\n") != NULL);
  CU_ASSERT(t && strstr(t, "\r\n指标,2,二,1,60,60,60,,,,,,\r\n") != NULL);
  free(t);
  run_free(&x);
}

static void test_markdown(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_cov(&x, -1, 0), 0);
  char *md = written(x.r, govopen_result_write_markdown, 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL(md);
  CU_ASSERT_PTR_NOT_NULL(strstr(md, "\n- **总分：92.50**\n- 覆盖：100%（评估点 5/5）\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(md, "\n### 各镇\n\n"
                                    "| 名次 | 单位 | 总分 | 覆盖 | 等次 | 一票否决 |\n"
                                    "| ---: | --- | ---: | --- | --- | --- |\n"
                                    "| 1 | 甲镇 | 100.00 | 100%（评估点 5/5） |  | 否 |\n"
                                    "| 1 | 丙镇 | 100.00 | 10%（评估点 1/5），**覆盖不足50%** |  | 否 |\n"
                                    "| 3 | 己镇 | 83.33 | 60%（评估点 2/5） |  | 否 |\n"
                                    "| 4 | 乙镇 | 70.00 | 50%（评估点 2/5） |  | 否 |\n"
                                    "| — | 丁镇 | 未评估 | 0%（评估点 0/5） |  |  |\n"
                                    "| — | 戊镇 | 未评估 | 0%（评估点 0/5） |  |  |\n\n"
                                    "### 县政府各部门\n\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(md, "| 1 | 县二局 | 100.00 | 66%（评估点 1/2） |  | 否 |\n"
                                    "| — | 县一局 | 未评估 | 0%（评估点 0/2） |  |  |\n\n### 直属机构\n\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(md, "| — | 县档案馆 | 未评估 | 0%（评估点 0/1） |  |  |\n\n## 各单位得分与整改清单\n"));
  /* each unit's standing */
  CU_ASSERT_PTR_NOT_NULL(strstr(md,
                                "\n### 丙镇（t3）\n\n总分 100.00，在各镇中排第 1 名（共 4 个，另有 2 个未评估）；"
                                "已评估满分 10.00，得 10.00\n覆盖 10%（评估点 1/5），覆盖不足50%，排名仅供参考。\n"));
  free(md);
  md = written(x.r, govopen_result_write_markdown, GOVOPEN_REPORT_LANG_EN);
  CU_ASSERT_PTR_NOT_NULL_FATAL(md);
  CU_ASSERT_PTR_NOT_NULL(strstr(md, "\n- Coverage: 100% (5/5 points)\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(md, "\n| 1 | 丙镇 | 100.00 | 10% (1/5 points), **coverage below 50%** |  | no |\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(md, "\n| — | 戊镇 | not evaluated | 0% (0/5 points) |  |  |\n\n### departments\n"));
  free(md);
  run_free(&x);
}

/* The rows of one ranking chart (<g class="row…">) between its id and </svg>. */
static size_t chart_rows(const char *html, const char *id) {
  const char *p = strstr(html, id), *end = p ? strstr(p, "</svg>") : NULL;
  size_t n = 0;
  for (const char *q = p; q && end && (q = strstr(q, "<g class=\"row")) != NULL && q < end; q++) n++;
  return n;
}

static void test_html(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_cov(&x, -1, 0), 0);
  char *html = written(x.r, govopen_result_write_html, 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL(html);
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<tr><th>覆盖</th><td colspan=\"2\">100%（评估点 5/5）</td></tr>\n</table>\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html,
                                "<th class=\"num\">总分</th><th>覆盖</th><th>等次</th><th>一票否决</th></tr>\n"
                                "<tr><td class=\"num\">1</td><td><a href=\"#unit-0\">甲镇</a></td><td class=\"num\">"
                                "100.00</td><td>100%（评估点 5/5）</td><td></td><td>否</td></tr>\n"
                                "<tr><td class=\"num\">1</td><td><a href=\"#unit-2\">丙镇</a></td><td class=\"num\">"
                                "100.00</td><td class=\"alert\">10%（评估点 1/5），覆盖不足50%</td><td></td>"
                                "<td>否</td></tr>\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html,
                                "<tr class=\"none\"><td class=\"num\">—</td><td><a href=\"#unit-3\">丁镇</a></td>"
                                "<td class=\"num\"><span class=\"none\">未评估</span></td><td>0%（评估点 0/5）</td>"
                                "<td></td><td></td></tr>\n"));
  CU_ASSERT_PTR_NOT_NULL(
      strstr(html, "<tr class=\"none\"><td class=\"num\">—</td><td><a href=\"#unit-8\">县档案馆</a>"));
  /* the charts: a row per unit of the table, the units not evaluated without a value */
  CU_ASSERT_EQUAL(chart_rows(html, "id=\"chart-ranking-0\""), 6);
  CU_ASSERT_EQUAL(chart_rows(html, "id=\"chart-ranking-1\""), 2);
  CU_ASSERT_EQUAL(chart_rows(html, "id=\"chart-ranking-2\""), 1);
  CU_ASSERT_PTR_NULL(strstr(html, "id=\"chart-ranking-3\""));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<title>丙镇：100.00 （覆盖不足）</title>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<title>戊镇：未评估</title>"));
  CU_ASSERT_PTR_NOT_NULL(
      strstr(html, "<p>总分 70.00，在各镇中排第 4 名（共 4 个，另有 2 个未评估）；已评估满分 50.00，得 35.00\n"
                   "覆盖 50%（评估点 2/5）。\n"));
  free(html);
  html = written(x.r, govopen_result_write_html, GOVOPEN_REPORT_LANG_EN);
  CU_ASSERT_PTR_NOT_NULL_FATAL(html);
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<td class=\"alert\">10% (1/5 points), coverage below 50%</td>"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<span class=\"none\">not evaluated</span></td><td>0% (0/2 points)</td>"));
  free(html);
  run_free(&x);
}

static void test_rectify(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_cov(&x, -1, 0), 0);
  char *t = rectify(x.r, unit_ix(&x, "t3"), 0);
  CU_ASSERT(t &&
            strncmp(t,
                    "整改清单：丙镇（t3）\n覆盖测试，截至 2023-12-15\n"
                    "总分 100.00，在各镇中排第 1 名（共 4 个，另有 2 个未评估）；已评估满分 10.00，得 10.00\n"
                    "覆盖 10%（评估点 1/5），覆盖不足50%，排名仅供参考。\n"
                    "未评估的评估点 4 个（不计入总分）。\n",
                    strlen("整改清单：丙镇（t3）\n覆盖测试，截至 2023-12-15\n"
                           "总分 100.00，在各镇中排第 1 名（共 4 个，另有 2 个未评估）；已评估满分 10.00，得 10.00\n"
                           "覆盖 10%（评估点 1/5），覆盖不足50%，排名仅供参考。\n"
                           "未评估的评估点 4 个（不计入总分）。\n")) == 0);
  free(t);
  t = rectify(x.r, unit_ix(&x, "t2"), 0); /* at the boundary: not marked */
  CU_ASSERT(t && strstr(t, "\n覆盖 50%（评估点 2/5）。\n失分的评估点 1 个，共失 30.00 分（满分 100.00）；") != NULL);
  free(t);
  t = rectify(x.r, unit_ix(&x, "t4"), 0); /* not evaluated */
  CU_ASSERT(t && strstr(t, "\n尚未评分：没有已评估的评估点。\n未评估的评估点 5 个（不计入总分）。\n") != NULL);
  free(t);
  t = rectify(x.r, unit_ix(&x, "d2"), GOVOPEN_REPORT_LANG_EN);
  CU_ASSERT(t && strstr(t, "\nTotal 100.00, rank 1 of 1 departments (1 more not evaluated); earned 20.00 of 20.00 "
                           "evaluated\nCoverage 66% (1/2 points).\n") != NULL);
  free(t);
  run_free(&x);
  /* a department without units not evaluated keeps "（共 N 个）" */
  CU_ASSERT_EQUAL_FATAL(run_cov(&x, 67, 0), 0);
  t = rectify(x.r, unit_ix(&x, "d2"), GOVOPEN_REPORT_LANG_EN);
  CU_ASSERT(t && strstr(t, "\nCoverage 66% (1/2 points), coverage below 67%: the rank is indicative only.\n") != NULL);
  free(t);
  run_free(&x);
}

static const test_case cases[] = {{"coverage of every unit and the county", test_figures},
                                  {"the county partly evaluated", test_county_partial},
                                  {"the mark at the threshold", test_threshold},
                                  {"points not evaluated scoring 0", test_zero_policy},
                                  {"bad arguments", test_bad_arguments},
                                  {"the settings as run", test_settings},
                                  {"every JSON value through C", test_json_values},
                                  {"CSV rankings and county", test_csv},
                                  {"Markdown rankings", test_markdown},
                                  {"HTML rankings and charts", test_html},
                                  {"rectification lists", test_rectify},
                                  {NULL, NULL}};
GV_TEST_SUITE(h14_coverage, cases);
