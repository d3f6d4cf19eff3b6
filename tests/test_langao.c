/* The built-in Langao 2023 framework checked against the table itself
 * (tests/data/langao-2023-seed.txt, a copy of the source dump), not
 * against its YAML. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static char *seed_norm;

/* The whitespace rule: a line break inside a cell joins without a space;
   other runs of spaces become one. Cells start with a tab, which becomes a
   space, so a text never matches across two cells' boundaries unnoticed. */
static char *normalise_seed(const char *s) {
  char *out = malloc(strlen(s) + 1);
  size_t n = 0;
  int space = 0;
  for (; *s; s++) {
    if (*s == '\n' || *s == '\r') continue;
    if (*s == ' ' || *s == '\t') {
      space = 1;
      continue;
    }
    if (space && n) out[n++] = ' ';
    space = 0;
    out[n++] = *s;
  }
  out[n] = '\0';
  return out;
}

static int suite_init(void) {
  char *raw = test_read_file(test_path("data/langao-2023-seed.txt"), NULL);
  if (raw == NULL) return 1;
  seed_norm = normalise_seed(raw);
  free(raw);
  return 0;
}

static int suite_clean(void) {
  free(seed_norm);
  return 0;
}

static govopen_framework *langao(void) {
  govopen_framework *fw = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_builtin(&fw, "langao-2023", NULL, NULL), GOVOPEN_OK);
  return fw;
}

static int clean_text(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || s[0] == ' ' || s[n - 1] == ' ') return 0;
  return strstr(s, "  ") == NULL && strchr(s, '\n') == NULL && strchr(s, '\t') == NULL;
}

static void test_metadata(void) {
  govopen_framework *fw = langao();
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  CU_ASSERT_STRING_EQUAL(govopen_framework_title(fw), "岚皋县2023年政务公开工作绩效评估指标任务分解表");
  CU_ASSERT_PTR_NOT_NULL(strstr(seed_norm, govopen_framework_title(fw)));
  CU_ASSERT_EQUAL(govopen_framework_year(fw), 2023);
  CU_ASSERT_DOUBLE_EQUAL(govopen_framework_total(fw), 100.0, 1e-9);
  CU_ASSERT_STRING_EQUAL(govopen_framework_calendar(fw), "cn");
  govopen_framework_free(fw);
}

static void test_level_scores(void) {
  govopen_framework *fw = langao();
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  const govopen_node *root = govopen_framework_root(fw);
  const double scores[] = {38, 14, 10, 25, 13};
  const char *titles[] = {"政府信息公开", "解读回应参与", "服务公开", "平台建设", "组织保障"};
  CU_ASSERT_EQUAL_FATAL(govopen_node_child_count(root), 5);
  double sum = 0;
  for (size_t i = 0; i < 5; i++) {
    const govopen_node *n = govopen_node_child(root, i);
    CU_ASSERT_DOUBLE_EQUAL(govopen_node_score(n), scores[i], 1e-9);
    CU_ASSERT_FALSE(govopen_node_score_derived(n));
    CU_ASSERT_STRING_EQUAL(govopen_node_title(n), titles[i]);
    sum += govopen_node_score(n);
  }
  CU_ASSERT_DOUBLE_EQUAL(sum, 100.0, 1e-9);
  /* every level below is derived and adds up exactly (in hundredths) */
  for (size_t i = 0; i < govopen_framework_node_count(fw); i++) {
    const govopen_node *n = govopen_framework_node(fw, i);
    long long parent = (long long)(govopen_node_score(n) * 100 + 0.5), kids = 0;
    for (size_t k = 0; k < govopen_node_child_count(n); k++)
      kids += (long long)(govopen_node_score(govopen_node_child(n, k)) * 100 + 0.5);
    for (size_t k = 0; k < govopen_node_point_count(n); k++)
      kids += (long long)(govopen_point_score(govopen_node_point(n, k)) * 100 + 0.5);
    CU_ASSERT_EQUAL(parent, kids);
    if (govopen_node_depth(n) > 1) CU_ASSERT_TRUE(govopen_node_score_derived(n));
  }
  govopen_framework_free(fw);
}

static void test_points_per_level2(void) {
  govopen_framework *fw = langao();
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  const size_t expected[] = {25, 7, 4, 2, 7, 1, 4, 1, 2, 1, 13, 9, 5, 1, 1};
  const char *titles[] = {
      "主动公开",     "依申请公开",   "政策解读",     "舆情回应",  "公众参与", "政务服务事项清单公开",
      "办事指南公开", "办理情况公开", "服务评价公开", "公开+服务", "政府网站", "政务新媒体",
      "机制建设",     "监督检查",     "问题整改"};
  const govopen_node *root = govopen_framework_root(fw);
  size_t k = 0, total = 0;
  for (size_t i = 0; i < govopen_node_child_count(root); i++) {
    const govopen_node *l1 = govopen_node_child(root, i);
    for (size_t j = 0; j < govopen_node_child_count(l1); j++, k++) {
      const govopen_node *l2 = govopen_node_child(l1, j);
      CU_ASSERT_FATAL(k < 15);
      CU_ASSERT_EQUAL(govopen_node_total_point_count(l2), expected[k]);
      CU_ASSERT_STRING_EQUAL(govopen_node_title(l2), titles[k]);
      total += govopen_node_total_point_count(l2);
    }
  }
  CU_ASSERT_EQUAL(k, 15);
  CU_ASSERT_EQUAL(total, 83);
  CU_ASSERT_EQUAL(govopen_framework_point_count(fw), 83);
  govopen_framework_free(fw);
}

/* Every point's text and every indicator's title is the table's own wording. */
static void test_wording_from_the_table(void) {
  govopen_framework *fw = langao();
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  for (size_t i = 0; i < govopen_framework_point_count(fw); i++) {
    const govopen_point *p = govopen_framework_point(fw, i);
    char id[24];
    snprintf(id, sizeof id, "P%02zu", i + 1);
    CU_ASSERT_STRING_EQUAL(govopen_point_id(p), id);
    CU_ASSERT_TRUE(clean_text(govopen_point_text(p)));
    if (strstr(seed_norm, govopen_point_text(p)) == NULL) {
      fprintf(stderr, "\n  %s text not in the table: %s", govopen_point_id(p), govopen_point_text(p));
      CU_FAIL("point text not in the table");
    }
    for (size_t s = 0; s < govopen_point_sampling_count(p); s++)
      CU_ASSERT_PTR_NOT_NULL(strstr(seed_norm, govopen_point_sampling(p, s)));
    for (size_t s = 0; s < govopen_point_responsible_count(p); s++) {
      const char *w = govopen_point_responsible(p, s);
      /* "各相关单位" stands for the table's "等相关单位" */
      CU_ASSERT_PTR_NOT_NULL(strstr(seed_norm, strcmp(w, "各相关单位") == 0 ? "相关单位" : w));
    }
  }
  for (size_t i = 0; i < govopen_framework_node_count(fw); i++) {
    const govopen_node *n = govopen_framework_node(fw, i);
    CU_ASSERT_TRUE(clean_text(govopen_node_title(n)));
    if (strstr(seed_norm, govopen_node_title(n)) == NULL) {
      fprintf(stderr, "\n  indicator %s title not in the table: %s", govopen_node_id(n), govopen_node_title(n));
      CU_FAIL("indicator title not in the table");
    }
  }
  /* typos are the source's own */
  CU_ASSERT_PTR_NOT_NULL(strstr(govopen_point_text(govopen_framework_point_by_id(fw, "P21")), "信息示系统"));
  CU_ASSERT_PTR_NOT_NULL(strstr(govopen_point_text(govopen_framework_point_by_id(fw, "P42")), "回复否具体"));
  CU_ASSERT_STRING_EQUAL(govopen_point_text(govopen_framework_point_by_id(fw, "P42")),
                         "对公众通过 12345 政务热线咨询的问题，是否在 5个工作日内答复;回复否具体、详细、有针对性");
  govopen_framework_free(fw);
}

static void check_units(const govopen_framework *fw, const char *pid, const char *const *names, size_t n) {
  const govopen_point *p = govopen_framework_point_by_id(fw, pid);
  CU_ASSERT_PTR_NOT_NULL_FATAL(p);
  CU_ASSERT_EQUAL(govopen_point_unit_count(p), n);
  for (size_t i = 0; i < n && i < govopen_point_unit_count(p); i++)
    CU_ASSERT_STRING_EQUAL(govopen_unit_name(govopen_point_unit(p, i)), names[i]);
}

static void test_sample_of_units(void) {
  govopen_framework *fw = langao();
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  const char *p04[] = {"县人社局", "县退役军人事务局"};
  check_units(fw, "P04", p04, 2);
  const char *p23[] = {"县发改局", "县市场监管局"};
  check_units(fw, "P23", p23, 2);
  const char *p80[] = {"县考核办", "县政府办"};
  check_units(fw, "P80", p80, 2);
  /* 各镇 + 县政府各部门 + 直属机构: the 12 towns first, then the rest */
  const govopen_point *p01 = govopen_framework_point_by_id(fw, "P01");
  CU_ASSERT_STRING_EQUAL(govopen_unit_name(govopen_point_unit(p01, 0)), "城关镇");
  CU_ASSERT_STRING_EQUAL(govopen_unit_name(govopen_point_unit(p01, 11)), "南宫山镇");
  CU_ASSERT_EQUAL(govopen_point_unit_count(p01), 32);
  /* P02: eight named units and 等相关单位 (the open group) */
  const govopen_point *p02 = govopen_framework_point_by_id(fw, "P02");
  CU_ASSERT_EQUAL(govopen_point_responsible_count(p02), 9);
  CU_ASSERT_STRING_EQUAL(govopen_point_responsible(p02, 7), "县税务局");
  CU_ASSERT_STRING_EQUAL(govopen_point_responsible(p02, 8), "各相关单位");
  CU_ASSERT_TRUE(govopen_point_has_open_group(p02));
  /* (十五) shares (十四)'s sampling and units: blank cells merge with the one above */
  const govopen_point *p82 = govopen_framework_point_by_id(fw, "P82");
  const govopen_point *p83 = govopen_framework_point_by_id(fw, "P83");
  CU_ASSERT_STRING_EQUAL(govopen_point_sampling(p83, 0), "主管部门考核");
  CU_ASSERT_EQUAL(govopen_point_responsible_count(p83), 3);
  for (size_t i = 0; i < 3; i++)
    CU_ASSERT_STRING_EQUAL(govopen_point_responsible(p83, i), govopen_point_responsible(p82, i));
  /* 答复内容 takes 各办理单位 from the row above */
  CU_ASSERT_STRING_EQUAL(govopen_point_responsible(govopen_framework_point_by_id(fw, "P30"), 0), "各办理单位");
  /* a method broken over two lines in its cell */
  CU_ASSERT_STRING_EQUAL(govopen_point_sampling(govopen_framework_point_by_id(fw, "P32"), 0), "主管部门审核");
  /* two methods in one cell */
  const govopen_point *p54 = govopen_framework_point_by_id(fw, "P54");
  CU_ASSERT_EQUAL(govopen_point_sampling_count(p54), 2);
  CU_ASSERT_STRING_EQUAL(govopen_point_sampling(p54, 1), "电话测评");

  /* the other direction: 县人社局's duties */
  const govopen_unit *rs = govopen_framework_unit_find(fw, "县人社局");
  CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
  int has02 = 0, has04 = 0, has09 = 0, has29 = 0;
  for (size_t i = 0; i < govopen_unit_point_count(rs); i++) {
    const char *id = govopen_point_id(govopen_unit_point(rs, i));
    has02 |= strcmp(id, "P02") == 0;
    has04 |= strcmp(id, "P04") == 0;
    has09 |= strcmp(id, "P09") == 0;
    has29 |= strcmp(id, "P29") == 0;
  }
  CU_ASSERT_TRUE(has02 && has04 && has09);
  CU_ASSERT_FALSE(has29); /* 各办理单位 is open: no listed members */
  govopen_framework_free(fw);
}

static void test_units_and_adjustments(void) {
  govopen_framework *fw = langao();
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  const char *towns[] = {"城关镇",   "佐龙镇", "滔河镇", "官元镇", "石门镇",   "民主镇",
                         "大道河镇", "堰门镇", "蔺河镇", "四季镇", "孟石岭镇", "南宫山镇"};
  for (size_t i = 0; i < 12; i++) {
    CU_ASSERT_STRING_EQUAL(govopen_unit_name(govopen_framework_unit(fw, i)), towns[i]);
    CU_ASSERT_EQUAL(govopen_unit_kind(govopen_framework_unit(fw, i)), GOVOPEN_UNIT_TOWN);
  }
  CU_ASSERT_EQUAL(govopen_unit_kind(govopen_framework_unit(fw, 12)), GOVOPEN_UNIT_DEPARTMENT);
  /* every unit the table names exists */
  const char *named[] = {"县发改局",         "县财政局", "县教体科技局", "县生态环境分局", "县文旅广电局", "县委组织部",
                         "县乡村振兴局",     "县民政局", "县卫健局",     "县政府办",       "县司法局",     "县委编办",
                         "县行政审批服务局", "团县委",   "县档案史志馆", "政务服务网",     "县考核办",     "县税务局"};
  for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
    CU_ASSERT_PTR_NOT_NULL(govopen_framework_unit_by_name(fw, named[i]));
  const char *groups[] = {"各镇",       "县政府各部门", "直属机构",       "各相关单位",
                          "各承办单位", "各办理单位",   "各行政执法部门", "各驻网单位"};
  for (size_t i = 0; i < 8; i++) CU_ASSERT_PTR_NOT_NULL(govopen_framework_group_by_name(fw, groups[i]));
  CU_ASSERT_EQUAL(govopen_framework_adjustment_count(fw), 3);
  CU_ASSERT_DOUBLE_EQUAL(govopen_framework_adjustment_delta(fw, 0), -3.0, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(govopen_framework_adjustment_delta(fw, 1), 3.0, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(govopen_framework_adjustment_delta(fw, 2), 1.0, 1e-9);
  for (size_t i = 0; i < 3; i++) CU_ASSERT_PTR_NOT_NULL(strstr(seed_norm, govopen_framework_adjustment_text(fw, i)));
  CU_ASSERT_EQUAL(govopen_framework_grade_count(fw), 0);
  /* five open groups, five warnings */
  CU_ASSERT_EQUAL(govopen_error_count(govopen_framework_warnings(fw), GOVOPEN_SEVERITY_WARNING), 5);
  govopen_framework_free(fw);
}

static const test_case cases[] = {{"metadata", test_metadata},
                                  {"level scores", test_level_scores},
                                  {"points per level-2 indicator", test_points_per_level2},
                                  {"wording from the table", test_wording_from_the_table},
                                  {"sample of units", test_sample_of_units},
                                  {"units and adjustments", test_units_and_adjustments},
                                  {NULL, NULL}};
GV_TEST_SUITE_FIXTURE(langao, cases, suite_init, suite_clean);
