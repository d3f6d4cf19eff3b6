/* Issue 14, items 2 and 3: every adjustment where it applies, and every
 * total reconciled (docs/results.md, "One total, one rule"). A unit's
 * adjustment — its delta, date, evidence list and note, applied or not and
 * why — through every accessor and in every output, read back; the points
 * lost at each point under sum, cap, scale, mean, min and vetoes, worked out
 * by hand (tests/fixtures/reconcile/aggregate.yaml); the streamed JSON and
 * every number of threads giving the same bytes. Exact values throughout. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/csv.h"
#include "report_support.h"
#include "testutil.h"

#define CENTS(x) ((long long)llround((x)*100.0))

static size_t uidx(const govopen_framework *fw, const char *name) {
  const govopen_unit *u = govopen_framework_unit_find(fw, name);
  CU_ASSERT_PTR_NOT_NULL_FATAL(u);
  return govopen_unit_index(u);
}

static size_t pidx(const govopen_framework *fw, const char *id) {
  const govopen_point *p = govopen_framework_point_by_id(fw, id);
  CU_ASSERT_PTR_NOT_NULL_FATAL(p);
  return govopen_point_index(p);
}

static const char *adj_id(const govopen_result *r, size_t unit, size_t i) {
  return govopen_framework_adjustment_id(govopen_result_framework(r), govopen_result_unit_adjustment_index(r, unit, i));
}

static int run_aggregate(run *x) {
  return run_file(x, "fixtures/reconcile/aggregate.yaml", "fixtures/reconcile/aggregate.jsonl", "aggregate.jsonl", 0);
}

/* --- adjustments --------------------------------------------------------------------- */

/* A unit's adjustments: applied (with its date, evidence list and note),
   not applied to a unit vetoed whole or not scored, repeatable ones twice;
   the county's in full. */
static void test_unit_adjustments(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_aggregate(&x), 0);
  const govopen_result *r = x.r;
  size_t a = uidx(x.fw, "甲镇"), b = uidx(x.fw, "乙镇"), c = uidx(x.fw, "丙镇"), d = uidx(x.fw, "丁镇"),
         e = uidx(x.fw, "县一局");
  /* 甲镇: criticism, observed 2023-11-02, two pieces of evidence, a note */
  CU_ASSERT_EQUAL(govopen_result_unit_adjustment_count(r, a), 1);
  CU_ASSERT_STRING_EQUAL(adj_id(r, a, 0), "criticism");
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_adjustment_delta(r, a, 0)), -300);
  CU_ASSERT_STRING_EQUAL(govopen_result_unit_adjustment_date(r, a, 0), "2023-11-02");
  CU_ASSERT_EQUAL(govopen_result_unit_adjustment_evidence_count(r, a, 0), 2);
  CU_ASSERT_STRING_EQUAL(govopen_result_unit_adjustment_evidence(r, a, 0, 0), "国办通报（示例）");
  CU_ASSERT_STRING_EQUAL(govopen_result_unit_adjustment_evidence(r, a, 0, 1), "https://example.gov.cn/t/1");
  CU_ASSERT_PTR_NULL(govopen_result_unit_adjustment_evidence(r, a, 0, 2));
  CU_ASSERT_STRING_EQUAL(govopen_result_unit_adjustment_note(r, a, 0), "已整改");
  CU_ASSERT_EQUAL(govopen_result_unit_adjustment_applied(r, a, 0), 1);
  CU_ASSERT_PTR_NULL(govopen_result_unit_adjustment_why(r, a, 0));
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_total(r, a)), 6536); /* 68.36 − 3 */
  /* 乙镇, vetoed whole: kept, not applied; a string of evidence is a list of one; no date: the as-of date */
  CU_ASSERT_EQUAL(govopen_result_unit_vetoed(r, b), 1);
  CU_ASSERT_EQUAL(govopen_result_unit_adjustment_count(r, b), 1);
  CU_ASSERT_EQUAL(govopen_result_unit_adjustment_applied(r, b, 0), 0);
  CU_ASSERT_STRING_EQUAL(govopen_result_unit_adjustment_why(r, b, 0), "vetoed");
  CU_ASSERT_STRING_EQUAL(govopen_result_unit_adjustment_date(r, b, 0), "2023-12-15");
  CU_ASSERT_EQUAL(govopen_result_unit_adjustment_evidence_count(r, b, 0), 1);
  CU_ASSERT_STRING_EQUAL(govopen_result_unit_adjustment_evidence(r, b, 0, 0), "表扬通报");
  CU_ASSERT_PTR_NULL(govopen_result_unit_adjustment_note(r, b, 0));
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_total(r, b)), 0);
  /* 丙镇, not scored: kept, not applied, no evidence at all */
  CU_ASSERT_EQUAL(govopen_result_unit_scored(r, c), 0);
  CU_ASSERT_EQUAL(govopen_result_unit_adjustment_count(r, c), 1);
  CU_ASSERT_EQUAL(govopen_result_unit_adjustment_applied(r, c, 0), 0);
  CU_ASSERT_STRING_EQUAL(govopen_result_unit_adjustment_why(r, c, 0), "not_scored");
  CU_ASSERT_STRING_EQUAL(govopen_result_unit_adjustment_date(r, c, 0), "2023-06-30");
  CU_ASSERT_EQUAL(govopen_result_unit_adjustment_evidence_count(r, c, 0), 0);
  /* 丁镇: praise and a repeatable reprint twice, in input order: 98.76 + 5, never clamped */
  CU_ASSERT_EQUAL(govopen_result_unit_adjustment_count(r, d), 3);
  CU_ASSERT_STRING_EQUAL(adj_id(r, d, 0), "praise");
  CU_ASSERT_STRING_EQUAL(adj_id(r, d, 1), "reprint");
  CU_ASSERT_STRING_EQUAL(adj_id(r, d, 2), "reprint");
  CU_ASSERT_STRING_EQUAL(govopen_result_unit_adjustment_evidence(r, d, 2, 0), "刊物二");
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_total(r, d)), 10376);
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_unclamped(r, d)), 10376);
  CU_ASSERT_EQUAL(govopen_result_unit_adjustment_count(r, e), 0);
  /* the county's: praise (observed, a note), reprint with evidence, reprint with none */
  CU_ASSERT_EQUAL_FATAL(govopen_result_adjustment_count(r), 3);
  CU_ASSERT_EQUAL(CENTS(govopen_result_adjustment_delta(r, 0)), 300);
  CU_ASSERT_STRING_EQUAL(govopen_result_adjustment_date(r, 0), "2023-12-01");
  CU_ASSERT_STRING_EQUAL(govopen_result_adjustment_note(r, 0), "县级");
  CU_ASSERT_EQUAL(govopen_result_adjustment_evidence_count(r, 0), 1);
  CU_ASSERT_STRING_EQUAL(govopen_result_adjustment_evidence(r, 0, 0), "国务院办公厅通报");
  CU_ASSERT_STRING_EQUAL(govopen_result_adjustment_evidence(r, 1, 0), "转载一");
  CU_ASSERT_EQUAL(govopen_result_adjustment_evidence_count(r, 2), 0);
  CU_ASSERT_STRING_EQUAL(govopen_result_adjustment_date(r, 2), "2023-12-15");
  CU_ASSERT_PTR_NULL(govopen_result_adjustment_note(r, 2));
  CU_ASSERT_EQUAL(CENTS(govopen_result_county_total(r)), 6680); /* 61.80 + 3 + 1 + 1 */
  run_free(&x);
}

/* Out of range and NULL: values no real one can be. */
static void test_bad_indexes(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_aggregate(&x), 0);
  const govopen_result *r = x.r;
  size_t nu = govopen_framework_unit_count(x.fw), a = uidx(x.fw, "甲镇");
  CU_ASSERT_EQUAL(govopen_result_unit_adjustment_count(NULL, 0), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_unit_adjustment_count(r, nu), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_unit_adjustment_index(r, a, 1), (size_t)-1);
  CU_ASSERT(isnan(govopen_result_unit_adjustment_delta(r, a, 1)));
  CU_ASSERT_EQUAL(govopen_result_unit_adjustment_evidence_count(r, a, 1), (size_t)-1);
  CU_ASSERT_PTR_NULL(govopen_result_unit_adjustment_evidence(r, a, 1, 0));
  CU_ASSERT_PTR_NULL(govopen_result_unit_adjustment_note(r, a, 1));
  CU_ASSERT_PTR_NULL(govopen_result_unit_adjustment_date(r, a, 1));
  CU_ASSERT_EQUAL(govopen_result_unit_adjustment_applied(r, a, 1), -1);
  CU_ASSERT_EQUAL(govopen_result_unit_adjustment_applied(NULL, 0, 0), -1);
  CU_ASSERT_PTR_NULL(govopen_result_unit_adjustment_why(r, a, 1));
  CU_ASSERT(isnan(govopen_result_adjustment_delta(r, 3)));
  CU_ASSERT(isnan(govopen_result_adjustment_delta(NULL, 0)));
  CU_ASSERT_EQUAL(govopen_result_adjustment_evidence_count(r, 3), (size_t)-1);
  CU_ASSERT_PTR_NULL(govopen_result_adjustment_evidence(r, 0, 1));
  CU_ASSERT_PTR_NULL(govopen_result_adjustment_note(r, 3));
  CU_ASSERT_PTR_NULL(govopen_result_adjustment_date(r, 3));
  CU_ASSERT(isnan(govopen_result_unit_normalised(r, nu)));
  CU_ASSERT(isnan(govopen_result_unit_unclamped(NULL, 0)));
  CU_ASSERT(isnan(govopen_result_unit_maximum(r, nu)));
  CU_ASSERT(isnan(govopen_result_unit_rounding(r, nu)));
  CU_ASSERT(isnan(govopen_result_cell_lost(r, a, govopen_framework_point_count(x.fw))));
  /* a cell the framework does not assign (P12 is the towns') */
  CU_ASSERT(isnan(govopen_result_cell_lost(r, uidx(x.fw, "县一局"), pidx(x.fw, "P12"))));
  CU_ASSERT(isnan(govopen_result_county_rounding(NULL)));
  CU_ASSERT(isnan(govopen_result_county_point_lost(r, govopen_framework_point_count(x.fw))));
  run_free(&x);
}

/* --- the reconciliation ----------------------------------------------------------------- */

/* 甲镇, worked by hand: cap 30 of 33.36 (nothing lost at P1, P2); mean of
   3.33/10, 6.5/7, 12.01/13 = 21.85 of 30, its loss 8.15 spread by the lost
   fractions; min of 4.5/9 and 5.5/11 = 10 of 20, its 10 split equally;
   scale: P8, P9 their own loss; 4.2 vetoed: P10 and P11 all. 65.63 of 96
   → 68.36; the points' shares × 100 / 96, rounded, leave 0.01. */
static void test_unit_breakdown(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_aggregate(&x), 0);
  const govopen_result *r = x.r;
  size_t a = uidx(x.fw, "甲镇");
  static const struct {
    const char *point;
    long long lost;
  } want[] = {{"P1", 0},   {"P2", 0},   {"P3", 695}, {"P4", 74},   {"P5", 79},   {"P6", 521},
              {"P7", 521}, {"P8", 239}, {"P9", 201}, {"P10", 729}, {"P11", 104}, {"P12", 0}};
  long long sum = 0;
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    long long got = CENTS(govopen_result_cell_lost(r, a, pidx(x.fw, want[i].point)));
    CU_ASSERT_EQUAL(got, want[i].lost);
    if (got != want[i].lost) fprintf(stderr, "\n%s lost %lld, want %lld\n", want[i].point, got, want[i].lost);
    sum += got;
  }
  CU_ASSERT_EQUAL(sum, 3163);
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_raw(r, a)), 6563);
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_possible(r, a)), 9600);
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_maximum(r, a)), 10000);
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_normalised(r, a)), 6836);
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_rounding(r, a)), 1);
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_unclamped(r, a)), 6536);
  /* maximum − total = Σ lost + rounding − Σ adjustments: 34.64 = 31.63 + 0.01 + 3 */
  CU_ASSERT_EQUAL(10000 - CENTS(govopen_result_unit_total(r, a)), sum + 1 + 300);
  /* vetoed whole: normalised 0, every point it counts lost whole (P1 20 of 57 → 35.09 …) */
  size_t b = uidx(x.fw, "乙镇");
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_normalised(r, b)), 0);
  CU_ASSERT_EQUAL(CENTS(govopen_result_cell_lost(r, b, pidx(x.fw, "P1"))), 3509);
  CU_ASSERT_EQUAL(CENTS(govopen_result_cell_lost(r, b, pidx(x.fw, "P2"))), 0); /* not evaluated: not counted */
  sum = 0;
  for (size_t p = 0; p < govopen_framework_point_count(x.fw); p++)
    if (govopen_result_cell_status(r, b, p) >= 0) sum += CENTS(govopen_result_cell_lost(r, b, p));
  CU_ASSERT_EQUAL(sum + CENTS(govopen_result_unit_rounding(r, b)), 10000);
  /* not scored: all 0 */
  size_t c = uidx(x.fw, "丙镇");
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_maximum(r, c)), 0);
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_normalised(r, c)), 0);
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_rounding(r, c)), 0);
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_total(r, c)), 0);
  /* every scored unit and the county: the identity */
  for (size_t u = 0; u < govopen_framework_unit_count(x.fw); u++) {
    if (!govopen_result_unit_scored(r, u)) continue;
    long long lost = 0, adj = 0;
    for (size_t p = 0; p < govopen_framework_point_count(x.fw); p++)
      if (govopen_result_cell_status(r, u, p) >= 0) lost += CENTS(govopen_result_cell_lost(r, u, p));
    for (size_t i = 0; i < govopen_result_unit_adjustment_count(r, u); i++)
      if (govopen_result_unit_adjustment_applied(r, u, i) == 1)
        adj += CENTS(govopen_result_unit_adjustment_delta(r, u, i));
    CU_ASSERT_EQUAL(CENTS(govopen_result_unit_maximum(r, u)) - CENTS(govopen_result_unit_total(r, u)),
                    lost + CENTS(govopen_result_unit_rounding(r, u)) - adj);
  }
  long long county = 0;
  for (size_t p = 0; p < govopen_framework_point_count(x.fw); p++)
    county += CENTS(govopen_result_county_point_lost(r, p));
  CU_ASSERT_EQUAL(county, 3820);
  CU_ASSERT_EQUAL(CENTS(govopen_result_county_point_lost(r, pidx(x.fw, "P6"))), 1563);
  CU_ASSERT_EQUAL(CENTS(govopen_result_county_rounding(r)), 0);
  CU_ASSERT_EQUAL(10000 - CENTS(govopen_result_county_normalised(r)), county);
  run_free(&x);
}

/* cap_adjusted clamps the county, its clamp a line of its own. */
static void test_county_clamp(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(
      run_file(&x, "fixtures/reconcile/clamp.yaml", "fixtures/reconcile/clamp-low.jsonl", "clamp-low.jsonl", 0), 0);
  CU_ASSERT_EQUAL(CENTS(govopen_result_county_total(x.r)), 0);
  CU_ASSERT_EQUAL(CENTS(govopen_result_county_unclamped(x.r)), -199);
  sink s = {0};
  CU_ASSERT_EQUAL(govopen_result_write_markdown(x.r, 0, sink_write, &s), GOVOPEN_OK);
  CU_ASSERT(s.data && strstr(s.data, "\n- 满分 100.00 − 共失 100.00 = 总分 0.00\n"
                                     "- 共失 100.00 = 评估点失分 98.99 + 舍入 0.00 − 加减分 (-3.00) + 封顶 (-1.99)\n"));
  sink_free(&s);
  /* the unit's criticism applied, never clamped: 1.01 − 3 */
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_total(x.r, 0)), -199);
  run_free(&x);
}

/* --- the issue's example: 城关镇 criticised, in every output --------------------------- */

static const char CRITICISM[] =
    "{\"adjustment\": \"national-criticism\", \"unit\": \"城关镇\", \"observed\": \"2023-11-02\", "
    "\"evidence\": [\"国办通报（示例）\", \"https://example.gov.cn/t/1\"], \"note\": \"示例备注\"}\n";

static int run_criticised(run *x, int jobs) {
  if (run_file(x, "builtin:langao-2023", "../data/samples/langao-2023-observations.jsonl",
               "data/samples/langao-2023-observations.jsonl", 0) != 0)
    return -1;
  govopen_result_free(x->r);
  x->r = NULL;
  if (govopen_evaluation_set_int(x->ev, GOVOPEN_EVAL_JOBS, jobs) != GOVOPEN_OK) return -1;
  if (govopen_evaluation_add_buffer(x->ev, CRITICISM, strlen(CRITICISM), "adj.jsonl", GOVOPEN_FORMAT_JSONL, NULL) !=
      GOVOPEN_OK)
    return -1;
  return govopen_evaluation_run(x->ev, &x->r, NULL) == GOVOPEN_OK ? 0 : -1;
}

static char *collect(const govopen_result *r, int (*fn)(const govopen_result *, unsigned, govopen_write_fn, void *),
                     unsigned flags) {
  sink s = {0};
  if (fn(r, flags, sink_write, &s) != GOVOPEN_OK) {
    sink_free(&s);
    return NULL;
  }
  return s.data;
}

static void test_issue_example(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_criticised(&x, 1), 0);
  const govopen_result *r = x.r;
  size_t u = uidx(x.fw, "城关镇");
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_total(r, u)), 9424);
  CU_ASSERT_EQUAL(CENTS(govopen_result_unit_normalised(r, u)), 9724);
  CU_ASSERT_EQUAL(CENTS(govopen_result_cell_lost(r, u, pidx(x.fw, "P38"))), 276);
  /* JSON, both writers */
  char *json = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_result_to_json(r, 0, &json, NULL), GOVOPEN_OK);
  CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"total\":94.24,\"maximum\":100,\"normalised\":97.24,\"rounding\":0,"
                                      "\"unclamped\":94.24,"));
  CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"adjustments\":[{\"id\":\"national-criticism\",\"delta\":-3,\"text\":\""));
  CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"date\":\"2023-11-02\",\"evidence\":[\"国办通报（示例）\","
                                      "\"https://example.gov.cn/t/1\"],\"note\":\"示例备注\",\"applied\":true}]"));
  CU_ASSERT_PTR_NOT_NULL(
      strstr(json, "{\"id\":\"P38\",\"status\":\"scored\",\"score\":1.17,\"max\":2.33,\"lost\":2.76,"));
  sink s = {0};
  CU_ASSERT_EQUAL(govopen_evaluation_write_json(x.ev, 0, sink_write, &s, NULL), GOVOPEN_OK);
  CU_ASSERT(s.data && strcmp(s.data, json) == 0); /* the streamed JSON: the same bytes */
  sink_free(&s);
  /* any number of threads: the same bytes */
  run y;
  CU_ASSERT_EQUAL_FATAL(run_criticised(&y, 4), 0);
  char *json4 = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_result_to_json(y.r, 0, &json4, NULL), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(json4, json);
  govopen_free(json4);
  run_free(&y);
  govopen_free(json);
  /* the rectification list: 共失 5.76, the adjustment its own section */
  CU_ASSERT_EQUAL(govopen_result_write_rectify(r, u, 0, sink_write, &s), GOVOPEN_OK);
  CU_ASSERT(s.data && strstr(s.data, "\n失分的评估点 1 个，共失 5.76 分（满分 100.00）。\n\n总分核算：\n"
                                     "   折算得分 97.24 = 40.80 × 100.00 / 41.96，四舍五入到 0.01（五入远离零）\n"
                                     "   满分 100.00 − 共失 5.76 = 总分 94.24\n"
                                     "   共失 5.76 = 评估点失分 2.76 + 舍入 0.00 − 加减分 (-3.00)\n\n加减分：\n"
                                     "1. -3.00  以上工作出现问题被国家通报批评的，在评估总得分基础上扣3分"
                                     "（national-criticism，2023-11-02）\n"
                                     "   证据：国办通报（示例）\n   证据：https://example.gov.cn/t/1\n"
                                     "   备注：示例备注\n\n1. P38  失 1.16 分（得 1.17，满分 2.33；总分失 2.76）\n"));
  sink_free(&s);
  CU_ASSERT_EQUAL(govopen_result_write_rectify(r, u, GOVOPEN_REPORT_LANG_EN, sink_write, &s), GOVOPEN_OK);
  CU_ASSERT(s.data && strstr(s.data, "\n   Lost 5.76 = points 2.76 + rounding 0.00 − adjustments (-3.00)\n\n"
                                     "Adjustments:\n1. -3.00  以上工作出现问题被国家通报批评的，在评估总得分基础上扣3分"
                                     " (national-criticism, 2023-11-02)\n   evidence: 国办通报（示例）\n"));
  sink_free(&s);
  /* CSV: the adjustments table's row, the rankings' columns */
  CU_ASSERT_EQUAL(govopen_result_write_csv(r, GOVOPEN_TABLE_ADJUSTMENTS, GOVOPEN_CSV_NO_BOM, sink_write, &s),
                  GOVOPEN_OK);
  CU_ASSERT(s.data && strstr(s.data, "\r\n单位,chengguan,城关镇,national-criticism,以上工作出现问题被国家通报批评的，"
                                     "在评估总得分基础上扣3分,-3,是,,2023-11-02,\"国办通报（示例）\n"
                                     "https://example.gov.cn/t/1\",示例备注\r\n"));
  sink_free(&s);
  CU_ASSERT_EQUAL(govopen_result_write_csv(r, GOVOPEN_TABLE_RANKINGS, GOVOPEN_CSV_NO_BOM, sink_write, &s), GOVOPEN_OK);
  CU_ASSERT(
      s.data &&
      strstr(s.data, "\r\n镇,12,chengguan,城关镇,94.24,40.8,41.96,,否,100,97.24,2.76,0,-3,0,5.76,100,31,31,否\r\n"));
  sink_free(&s);
  CU_ASSERT_EQUAL(govopen_result_write_csv(r, GOVOPEN_TABLE_SCORECARDS, GOVOPEN_CSV_NO_BOM, sink_write, &s),
                  GOVOPEN_OK);
  CU_ASSERT(s.data && strstr(s.data, ",已评分,1.17,2.33,1.16,2,2,2.76\r\n"));
  sink_free(&s);
  /* Markdown and HTML, under the unit */
  char *md = collect(r, govopen_result_write_markdown, 0);
  CU_ASSERT(md && strstr(md, "\n加减分：\n\n- -3.00  以上工作出现问题被国家通报批评的，在评估总得分基础上扣3分"
                             "（national\\-criticism，2023-11-02）\n  - 证据：国办通报（示例）\n"
                             "  - 证据：<https://example.gov.cn/t/1>\n  - 备注：示例备注\n"));
  CU_ASSERT(md && strstr(md, "\n- 共失 5.76 = 评估点失分 2.76 + 舍入 0.00 − 加减分 (-3.00)\n"));
  free(md);
  char *page = collect(r, govopen_result_write_html, 0);
  CU_ASSERT(page &&
            strstr(page, "<h4>加减分</h4>\n<ul class=\"adjustments\">\n<li>-3.00  以上工作出现问题被国家通报批评的，"
                         "在评估总得分基础上扣3分（national-criticism，2023-11-02）\n<br>证据：国办通报（示例）\n"
                         "<br>证据：<a href=\"https://example.gov.cn/t/1\" rel=\"noopener noreferrer nofollow\">"
                         "https://example.gov.cn/t/1</a>\n<br>备注：示例备注\n</ul>\n"));
  CU_ASSERT(page && strstr(page, "<li>共失 5.76 = 评估点失分 2.76 + 舍入 0.00 − 加减分 (-3.00)</li>\n"));
  free(page);
  run_free(&x);
}

/* An adjustment's evidence and note as observations give them, or refused at their place. */
static void test_observation_fields(void) {
  govopen_framework *fw = NULL;
  govopen_evaluation *ev = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_file(&fw, test_path("fixtures/reconcile/aggregate.yaml"), NULL, NULL),
                        GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-15", NULL), GOVOPEN_OK);
  static const char obs[] = "{\"adjustment\": \"praise\", \"unit\": \"甲镇\", \"evidence\": 3}\n"
                            "{\"adjustment\": \"praise\", \"unit\": \"甲镇\", \"note\": [\"x\"]}\n"
                            "{\"adjustment\": \"praise\", \"unit\": \"甲镇\", \"evidence\": [\"a\", 1]}\n"
                            "{\"adjustment\": \"reprint\", \"evidence\": []}\n";
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, obs, strlen(obs), "o.jsonl", GOVOPEN_FORMAT_JSONL, NULL),
                  GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(ev), 1);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(ev), 3);
  const govopen_error *e = govopen_evaluation_diagnostics(ev);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(govopen_error_line(e), 1);
  CU_ASSERT_EQUAL(govopen_error_column(e), 52); /* characters, not bytes */
  CU_ASSERT_STRING_EQUAL(govopen_error_path(e), "records[0].evidence");
  CU_ASSERT_STRING_EQUAL(govopen_error_message(e), "expected a string, found an integer (write \"3\" in quotes)");
  e = govopen_error_next(e);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(govopen_error_line(e), 2);
  CU_ASSERT_EQUAL(govopen_error_column(e), 48);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(e), "records[1].note");
  CU_ASSERT_STRING_EQUAL(govopen_error_message(e), "expected a string, found a list");
  e = govopen_error_next(e);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(govopen_error_line(e), 3);
  CU_ASSERT_EQUAL(govopen_error_column(e), 58);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(e), "records[2].evidence[1]");
  govopen_result *r = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(ev, &r, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_result_adjustment_count(r), 1);
  CU_ASSERT_EQUAL(govopen_result_adjustment_evidence_count(r, 0), 0); /* an empty list */
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
}

static const test_case cases[] = {{"unit adjustments: applied, vetoed, not scored", test_unit_adjustments},
                                  {"bad indexes", test_bad_indexes},
                                  {"a unit's total taken apart by hand", test_unit_breakdown},
                                  {"the county clamped", test_county_clamp},
                                  {"城关镇 criticised, in every output", test_issue_example},
                                  {"evidence and note as observed", test_observation_fields},
                                  {NULL, NULL}};
GV_TEST_SUITE(h14_adjust, cases);
