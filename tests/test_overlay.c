/* Framework overlays (lib/load/overlay.c, `extends:`): every section applied
 * to a small base (tests/fixtures/overlay/base.yaml), an overlay of an
 * overlay, a built-in base, and mistakes — in the overlay, in a base, a
 * missing base, a cycle, too long a chain — each reported in the file and
 * at the line and column that caused it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static govopen_framework *load_ok(const char *rel) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  int rc = govopen_framework_load_file(&fw, test_path(rel), NULL, &err);
  CU_ASSERT_EQUAL(rc, GOVOPEN_OK);
  for (const govopen_error *e = err; e; e = govopen_error_next(e))
    fprintf(stderr, "\n  %s:%u:%u: %s", govopen_error_source(e), govopen_error_line(e), govopen_error_column(e),
            govopen_error_message(e));
  govopen_error_free(err);
  return fw;
}

static const char *responsible(const govopen_point *p) {
  static char buf[256];
  buf[0] = '\0';
  for (size_t i = 0; i < govopen_point_responsible_count(p); i++) {
    if (i) strcat(buf, ",");
    strcat(buf, govopen_point_responsible(p, i));
  }
  return buf;
}

/* The points of an indicator, by id, joined. */
static const char *point_ids(const govopen_node *n) {
  static char buf[256];
  buf[0] = '\0';
  for (size_t i = 0; i < govopen_node_point_count(n); i++) {
    if (i) strcat(buf, ",");
    strcat(buf, govopen_point_id(govopen_node_point(n, i)));
  }
  return buf;
}

/* full.yaml: metadata merged, units replaced, added and removed, a group
   replaced, an indicator removed and one added, scores and titles changed,
   a point changed, one moved and one added after another, adjustments and
   grades. */
static void test_full(void) {
  govopen_framework *fw = load_ok("fixtures/overlay/full.yaml");
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  CU_ASSERT_STRING_EQUAL(govopen_framework_id(fw), "overlay-2024");
  CU_ASSERT_STRING_EQUAL(govopen_framework_title(fw), "覆盖县2024年政务公开评估（测试）");
  CU_ASSERT_EQUAL(govopen_framework_year(fw), 2024);
  CU_ASSERT_STRING_EQUAL(govopen_framework_region(fw), ""); /* region: ~ removed it */
  CU_ASSERT_EQUAL(govopen_framework_total(fw), 100);
  /* the county's own methods: the base's, then the overlay's */
  size_t nm = govopen_framework_method_count(fw);
  CU_ASSERT_STRING_EQUAL(govopen_framework_method(fw, nm - 2), "自查");
  CU_ASSERT_STRING_EQUAL(govopen_framework_method(fw, nm - 1), "专项检查");
  /* units: t1, t2 replaced (its alias gone), d1, then d3; d2 removed */
  CU_ASSERT_EQUAL_FATAL(govopen_framework_unit_count(fw), 4);
  static const char *const ids[] = {"t1", "t2", "d1", "d3"}, *const names[] = {"一镇", "新二镇", "县甲局", "县丙局"};
  for (size_t i = 0; i < 4; i++) {
    CU_ASSERT_STRING_EQUAL(govopen_unit_id(govopen_framework_unit(fw, i)), ids[i]);
    CU_ASSERT_STRING_EQUAL(govopen_unit_name(govopen_framework_unit(fw, i)), names[i]);
  }
  CU_ASSERT_EQUAL(govopen_unit_alias_count(govopen_framework_unit(fw, 1)), 0);
  CU_ASSERT_PTR_NULL(govopen_framework_unit_by_id(fw, "d2"));
  const govopen_group *depts = govopen_framework_group_by_id(fw, "depts");
  CU_ASSERT_PTR_NOT_NULL_FATAL(depts);
  CU_ASSERT_EQUAL(govopen_group_member_count(depts), 2);
  CU_ASSERT_STRING_EQUAL(govopen_unit_id(govopen_group_member(depts, 1)), "d3");
  /* the tree: 1 (70) with 1.1 and the new 1.3 (35 each, derived); org (30) */
  CU_ASSERT_EQUAL_FATAL(govopen_framework_node_count(fw), 4);
  const govopen_node *n1 = govopen_framework_node_by_id(fw, "1"), *n11 = govopen_framework_node_by_id(fw, "1.1");
  const govopen_node *n13 = govopen_framework_node_by_id(fw, "1.3"), *org = govopen_framework_node_by_id(fw, "org");
  CU_ASSERT_PTR_NOT_NULL_FATAL(n1);
  CU_ASSERT_PTR_NOT_NULL_FATAL(n11);
  CU_ASSERT_PTR_NOT_NULL_FATAL(n13);
  CU_ASSERT_PTR_NOT_NULL_FATAL(org);
  CU_ASSERT_PTR_NULL(govopen_framework_node_by_id(fw, "1.2"));
  CU_ASSERT_STRING_EQUAL(govopen_node_title(n1), "政务公开");
  CU_ASSERT_EQUAL(govopen_node_score(n1), 70);
  CU_ASSERT_EQUAL(govopen_node_child_count(n1), 2);
  CU_ASSERT_PTR_EQUAL(govopen_node_child(n1, 1), n13);
  CU_ASSERT_EQUAL(govopen_node_score(n11), 35);
  CU_ASSERT_EQUAL(govopen_node_score(n13), 35);
  CU_ASSERT_STRING_EQUAL(govopen_node_title(n13), "新指标");
  CU_ASSERT_STRING_EQUAL(govopen_node_label(org), "二、");
  CU_ASSERT_EQUAL(govopen_node_score(org), 30);
  /* points: P6 after P1, P2 moved to org after P4, P3 gone with 1.2 */
  CU_ASSERT_STRING_EQUAL(point_ids(n11), "P1,P6");
  CU_ASSERT_STRING_EQUAL(point_ids(n13), "P5");
  CU_ASSERT_STRING_EQUAL(point_ids(org), "P4,P2");
  CU_ASSERT_PTR_NULL(govopen_framework_point_by_id(fw, "P3"));
  const govopen_point *p1 = govopen_framework_point_by_id(fw, "P1"), *p2 = govopen_framework_point_by_id(fw, "P2");
  const govopen_point *p4 = govopen_framework_point_by_id(fw, "P4"), *p6 = govopen_framework_point_by_id(fw, "P6");
  CU_ASSERT_STRING_EQUAL(govopen_point_text(p1), "第一点（改）");
  CU_ASSERT_EQUAL(govopen_point_score(p1), 25);
  CU_ASSERT_PTR_NULL(govopen_point_rule_kind(p1)); /* rule: ~ made it manual */
  CU_ASSERT_EQUAL(govopen_point_score(p6), 10);
  CU_ASSERT_STRING_EQUAL(govopen_point_rule_kind(p6), "boolean");
  CU_ASSERT_STRING_EQUAL(responsible(p6), "一镇,县丙局");
  CU_ASSERT_EQUAL(govopen_point_score(p2), 15);
  CU_ASSERT_STRING_EQUAL(govopen_point_text(p2), "第二点");
  CU_ASSERT_STRING_EQUAL(responsible(p2), "县甲局,新二镇");
  CU_ASSERT_EQUAL(govopen_point_score(p4), 15);
  CU_ASSERT_STRING_EQUAL(responsible(p4), "一镇"); /* 县乙局 left with its unit */
  /* adjustments: criticism replaced where it was, reprint added; grades replaced */
  CU_ASSERT_EQUAL_FATAL(govopen_framework_adjustment_count(fw), 3);
  CU_ASSERT_STRING_EQUAL(govopen_framework_adjustment_id(fw, 1), "criticism");
  CU_ASSERT_EQUAL(govopen_framework_adjustment_delta(fw, 1), -2);
  CU_ASSERT_STRING_EQUAL(govopen_framework_adjustment_text(fw, 1), "通报批评");
  CU_ASSERT_STRING_EQUAL(govopen_framework_adjustment_id(fw, 2), "reprint");
  CU_ASSERT_EQUAL_FATAL(govopen_framework_grade_count(fw), 2);
  CU_ASSERT_STRING_EQUAL(govopen_framework_grade_name(fw, 1), "良好");
  CU_ASSERT_EQUAL(govopen_framework_grade_min(fw, 0), 95);
  /* errors in the merged framework name the overlay as its source */
  CU_ASSERT(strstr(govopen_framework_source_name(fw), "fixtures/overlay/full.yaml") != NULL);
  govopen_framework_free(fw);
}

/* An overlay of an overlay; and one of a built-in framework. */
static void test_chain_and_builtin(void) {
  govopen_framework *fw = load_ok("fixtures/overlay/chain.yaml");
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  CU_ASSERT_STRING_EQUAL(govopen_framework_id(fw), "chain-2025");
  CU_ASSERT_EQUAL(govopen_framework_year(fw), 2025);
  CU_ASSERT_STRING_EQUAL(govopen_framework_title(fw), "覆盖县2024年政务公开评估（测试）");
  CU_ASSERT_STRING_EQUAL(govopen_point_text(govopen_framework_point_by_id(fw, "P6")), "第六点（再改）");
  CU_ASSERT_STRING_EQUAL(govopen_point_text(govopen_framework_point_by_id(fw, "P1")), "第一点（改）");
  govopen_framework_free(fw);

  govopen_error *err = NULL;
  CU_ASSERT_EQUAL_FATAL(test_load_text("schema: 1\n"
                                       "extends: langao-2023\n"
                                       "framework: {id: buffer-2024, year: 2024}\n"
                                       "points:\n"
                                       "  P29: {score: 2.5}\n",
                                       &fw, &err),
                        GOVOPEN_ESCHEMA);
  /* P29's siblings are given: 2.5 breaks its indicator's sum, reported here */
  const govopen_error *e = err;
  while (e && govopen_error_severity(e) != GOVOPEN_SEVERITY_ERROR) e = govopen_error_next(e); /* the base's warnings */
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_STRING_EQUAL(govopen_error_source(e), "test.yaml");
  CU_ASSERT_EQUAL(govopen_error_line(e), 5);
  CU_ASSERT_EQUAL(govopen_error_column(e), 16);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(e),
                         "the points' maxima add up to 2.50, not the indicator's maximum 2.11");
  CU_ASSERT_PTR_NULL(govopen_error_next(e));
  govopen_error_free(err);
  err = NULL;
  CU_ASSERT_EQUAL_FATAL(test_load_text("schema: 1\n"
                                       "extends: langao-2023\n"
                                       "framework: {id: buffer-2024, year: 2024}\n"
                                       "points:\n"
                                       "  P01: {text: 新的文字}\n",
                                       &fw, &err),
                        GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(govopen_framework_id(fw), "buffer-2024");
  CU_ASSERT_EQUAL(govopen_framework_point_count(fw), 83);
  CU_ASSERT_EQUAL(govopen_framework_unit_count(fw), 39);
  CU_ASSERT_STRING_EQUAL(govopen_point_text(govopen_framework_point_by_id(fw, "P01")), "新的文字");
  /* the base's warnings (its open groups) are the built-in's */
  const govopen_error *w = govopen_framework_warnings(fw);
  CU_ASSERT_PTR_NOT_NULL_FATAL(w);
  CU_ASSERT(strstr(govopen_error_source(w), "langao-2023.yaml") != NULL);
  govopen_framework_free(fw);
  govopen_error_free(err);
}

typedef struct expect {
  const char *file; /* the end of the source's name */
  unsigned line, column;
  const char *message; /* the start of the message */
} expect;

/* Loads `rel`, which fails with `code` and exactly the errors `want` (in
   that order); warnings are not counted. */
static void expect_errors(const char *rel, int code, const expect *want, size_t n) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_file(&fw, test_path(rel), NULL, &err), code);
  CU_ASSERT_PTR_NULL(fw);
  size_t i = 0;
  for (const govopen_error *e = err; e; e = govopen_error_next(e)) {
    if (govopen_error_severity(e) != GOVOPEN_SEVERITY_ERROR) continue;
    const char *src = govopen_error_source(e);
    int ok = i < n;
    if (ok) {
      size_t sl = strlen(src), fl = strlen(want[i].file);
      ok = sl >= fl && strcmp(src + sl - fl, want[i].file) == 0 && govopen_error_line(e) == want[i].line &&
           govopen_error_column(e) == want[i].column &&
           strncmp(govopen_error_message(e), want[i].message, strlen(want[i].message)) == 0;
    }
    CU_ASSERT(ok);
    if (!ok)
      fprintf(stderr, "\n  %s: error %zu: %s:%u:%u: %s", rel, i, src, govopen_error_line(e), govopen_error_column(e),
              govopen_error_message(e));
    i++;
  }
  CU_ASSERT_EQUAL(i, n);
  govopen_error_free(err);
}

static void test_errors_in_overlay(void) {
  static const expect want[] = {
      {"overlay/errors.yaml", 15, 1, "unknown key 'bogus' in an overlay"},
      {"overlay/errors.yaml", 12, 11, "the base has no unit 'zz' to remove"},
      {"overlay/errors.yaml", 14, 5, "a unit in an overlay is a mapping with an 'id'"},
      {"overlay/errors.yaml", 6, 27, "there is no indicator 'nowhere' to put it in"},
      {"overlay/errors.yaml", 9, 3, "the base has no point 'P9': a new point needs 'in'"},
      {"overlay/errors.yaml", 10, 15, "there is no 'P7' here to put it after"},
      {"overlay/errors.yaml", 8, 19, "unknown sampling method '电话抽查'"},
      {"overlay/errors.yaml", 5, 16, "the level-1 indicators' maxima add up to 105.00, not the total 100.00"},
  };
  expect_errors("fixtures/overlay/errors.yaml", GOVOPEN_ESCHEMA, want, sizeof want / sizeof want[0]);
}

static void test_errors_in_bases(void) {
  static const expect base[] = {{"overlay/broken-base.yaml", 5, 30, "unknown unit kind 'village'"}};
  expect_errors("fixtures/overlay/broken-child.yaml", GOVOPEN_ESCHEMA, base, 1);
  static const expect cycle[] = {{"overlay/cycle-b.yaml", 2, 10, "'extends' goes round in a circle"}};
  expect_errors("fixtures/overlay/cycle-a.yaml", GOVOPEN_ESCHEMA, cycle, 1);
  static const expect deep[] = {{"overlay/deep9.yaml", 2, 10, "more than 8 bases in one chain of 'extends'"}};
  expect_errors("fixtures/overlay/deep1.yaml", GOVOPEN_ELIMIT, deep, 1);
  static const expect missing[] = {{"overlay/missing.yaml", 2, 10, "cannot read the base 'nothere.yaml': no built-in"}};
  expect_errors("fixtures/overlay/missing.yaml", GOVOPEN_ESCHEMA, missing, 1);
  static const expect list[] = {{"overlay/list.yaml", 1, 1, "the base is not a framework"}};
  expect_errors("fixtures/overlay/extends-list.yaml", GOVOPEN_ESCHEMA, list, 1);
  static const expect last[] = {
      {"overlay/remove-last.yaml", 3, 19, "removing 'P3' leaves its indicator with no points: remove the indicator"}};
  expect_errors("fixtures/overlay/remove-last.yaml", GOVOPEN_ESCHEMA, last, 1);
  static const expect move[] = {{"overlay/move-last.yaml", 3, 19, "moving 'P3' leaves its indicator with no points"}};
  expect_errors("fixtures/overlay/move-last.yaml", GOVOPEN_ESCHEMA, move, 1);
  static const expect bad[] = {{"overlay/extends-bad.yaml", 2, 10, "'extends' names the base"}};
  expect_errors("fixtures/overlay/extends-bad.yaml", GOVOPEN_ESCHEMA, bad, 1);
}

/* Overlay sections outside an overlay are unknown keys; a chain of eight
   bases is allowed (deep2.yaml: seven, then base.yaml). */
static void test_edges(void) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(test_load_text("schema: 1\nframework: {id: x, title: t, total: 1}\nunits: []\nindicators: []\n"
                                 "points: {}\n",
                                 &fw, &err),
                  GOVOPEN_ESCHEMA);
  CU_ASSERT(err && strncmp(govopen_error_message(err), "unknown key 'points'", 20) == 0);
  govopen_error_free(err);
  /* a framework from memory, or with GOVOPEN_OPT_EXTENDS_FILES 0, extends no file */
  err = NULL;
  CU_ASSERT_EQUAL(test_load_text("schema: 1\nextends: fixtures/overlay/base.yaml\n", &fw, &err), GOVOPEN_ESCHEMA);
  CU_ASSERT(err && strstr(govopen_error_message(err), "files may not be extended here") != NULL);
  govopen_error_free(err);
  govopen_options *opts = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&opts), GOVOPEN_OK);
  int64_t v = -1;
  CU_ASSERT_EQUAL(govopen_options_get_int(opts, GOVOPEN_OPT_EXTENDS_FILES, &v), GOVOPEN_OK);
  CU_ASSERT_EQUAL(v, 1);
  CU_ASSERT_EQUAL(govopen_options_set_int(opts, GOVOPEN_OPT_EXTENDS_FILES, 3), GOVOPEN_EINVALID); /* 0, 1, 2 */
  CU_ASSERT_EQUAL(govopen_options_set_int(opts, GOVOPEN_OPT_EXTENDS_FILES, 0), GOVOPEN_OK);
  err = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_file(&fw, test_path("fixtures/overlay/full.yaml"), opts, &err),
                  GOVOPEN_ESCHEMA);
  CU_ASSERT(err && govopen_error_line(err) == 3 && strstr(govopen_error_message(err), "files may not be") != NULL);
  govopen_error_free(err);
  govopen_options_free(opts);
  fw = load_ok("fixtures/overlay/deep2.yaml");
  CU_ASSERT_PTR_NOT_NULL(fw);
  if (fw) CU_ASSERT_STRING_EQUAL(govopen_framework_id(fw), "base-2023");
  govopen_framework_free(fw);
}

static const test_case cases[] = {{"every section of an overlay", test_full},
                                  {"an overlay of an overlay, of a built-in", test_chain_and_builtin},
                                  {"mistakes in an overlay", test_errors_in_overlay},
                                  {"mistakes in bases and chains", test_errors_in_bases},
                                  {"edges", test_edges},
                                  {NULL, NULL}};
GV_TEST_SUITE(overlay, cases);
