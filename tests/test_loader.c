/* The loader on valid documents: derived scores, aggregation, groups,
 * responsibility, options, aliases, warnings, the documented example. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* A framework with `indicators` spliced in after a fixed head. */
#define HEAD                                                                   \
  "schema: 1\n"                                                                \
  "framework: {id: t, title: 测试, total: %s}\n"                             \
  "units:\n"                                                                   \
  "  - {id: a, name: 甲镇, kind: town}\n"                                    \
  "  - {id: b, name: 乙镇, kind: town, aliases: [乙]}\n"                    \
  "  - {id: d1, name: 县一局, kind: department, aliases: [县第一局]}\n" \
  "  - {id: d2, name: 县二局, kind: department}\n"                          \
  "  - {id: i1, name: 县馆, kind: institution}\n"                            \
  "groups:\n"                                                                  \
  "  - {id: towns, name: 各镇, kinds: [town]}\n"                             \
  "  - {id: depts, name: 各部门, kinds: [department], members: [i1]}\n"     \
  "  - {id: rel, name: 各相关单位, open: true, members: [d2]}\n"          \
  "indicators:\n"

static govopen_framework *load_ok(const char *total, const char *indicators) {
  size_t n = strlen(HEAD) + strlen(total) + strlen(indicators) + 1;
  char *doc = malloc(n);
  snprintf(doc, n, HEAD, total);
  strcat(doc, indicators);
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  int r = test_load_text(doc, &fw, &err);
  if (r != GOVOPEN_OK) {
    for (const govopen_error *e = err; e; e = govopen_error_next(e))
      fprintf(stderr, "\n  unexpected: %u:%u %s [%s]", govopen_error_line(e), govopen_error_column(e),
              govopen_error_message(e), govopen_error_path(e));
  }
  CU_ASSERT_EQUAL(r, GOVOPEN_OK);
  govopen_error_free(err);
  free(doc);
  return fw;
}

#define PT(id, resp) "{id: " id ", text: 文本" id ", sampling: [政府网站], responsible: [" resp "]}"

static void test_equal_split_with_remainder(void) {
  govopen_framework *fw =
      load_ok("10", "  - {title: 一, points: [" PT(
                        "P1", "甲镇") "]}\n"
                                      "  - {title: 二, points: [" PT(
                                          "P2", "甲镇") "]}\n"
                                                        "  - {title: 三, points: [" PT("P3", "甲镇") ", " PT(
                                                            "P4", "甲镇") ", " PT("P5", "甲镇") "]}\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  const govopen_node *root = govopen_framework_root(fw);
  CU_ASSERT_EQUAL(govopen_node_child_count(root), 3);
  CU_ASSERT_DOUBLE_EQUAL(govopen_node_score(govopen_node_child(root, 0)), 3.33, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(govopen_node_score(govopen_node_child(root, 1)), 3.33, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(govopen_node_score(govopen_node_child(root, 2)), 3.34, 1e-9);
  CU_ASSERT_TRUE(govopen_node_score_derived(govopen_node_child(root, 2)));
  /* 3.34 over three points: 1.11, 1.11, 1.12 */
  const govopen_node *third = govopen_node_child(root, 2);
  CU_ASSERT_DOUBLE_EQUAL(govopen_point_score(govopen_node_point(third, 0)), 1.11, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(govopen_point_score(govopen_node_point(third, 2)), 1.12, 1e-9);
  CU_ASSERT_TRUE(govopen_point_score_derived(govopen_node_point(third, 2)));
  CU_ASSERT_STRING_EQUAL(govopen_node_id(third), "3");
  govopen_framework_free(fw);
}

static void test_rounding_half_up_and_tiny_remainders(void) {
  /* 2.00 over three rounds to 0.67, 0.67 and leaves 0.66 */
  govopen_framework *fw =
      load_ok("2", "  - {title: 一, points: [" PT("P1", "甲镇") ", " PT("P2", "甲镇") ", " PT("P3", "甲镇") "]}\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  CU_ASSERT_DOUBLE_EQUAL(govopen_point_score(govopen_framework_point(fw, 0)), 0.67, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(govopen_point_score(govopen_framework_point(fw, 2)), 0.66, 1e-9);
  govopen_framework_free(fw);
  /* 0.07 over ten: rounding up would leave the last one negative, so it rounds down */
  char pts[2048] = "  - {title: 一, points: [";
  for (int i = 0; i < 10; i++) {
    char one[128];
    snprintf(one, sizeof one, "%s{id: Q%d, text: 文本, sampling: [政府网站], responsible: [甲镇]}", i ? ", " : "", i);
    strcat(pts, one);
  }
  strcat(pts, "]}\n");
  fw = load_ok("0.07", pts);
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  CU_ASSERT_DOUBLE_EQUAL(govopen_point_score(govopen_framework_point(fw, 0)), 0.0, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(govopen_point_score(govopen_framework_point(fw, 9)), 0.07, 1e-9);
  govopen_framework_free(fw);
}

static void test_given_and_derived_siblings(void) {
  govopen_framework *fw = load_ok(
      "10",
      "  - {title: 一, score: 4, points: [" PT(
          "P1",
          "甲镇") "]}\n"
                  "  - {title: 二, points: [" PT(
                      "P2",
                      "甲镇") "]}\n"
                              "  - {id: x.y, title: 三, points: [{id: P3, text: 文, score: 1, sampling: [政府网站], "
                              "responsible: [甲镇]}, " PT("P4", "甲镇") "]}\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  const govopen_node *root = govopen_framework_root(fw);
  CU_ASSERT_DOUBLE_EQUAL(govopen_node_score(govopen_node_child(root, 0)), 4.0, 1e-9);
  CU_ASSERT_FALSE(govopen_node_score_derived(govopen_node_child(root, 0)));
  CU_ASSERT_DOUBLE_EQUAL(govopen_node_score(govopen_node_child(root, 1)), 3.0, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(govopen_node_score(govopen_node_child(root, 2)), 3.0, 1e-9);
  const govopen_point *p4 = govopen_framework_point_by_id(fw, "P4");
  CU_ASSERT_DOUBLE_EQUAL(govopen_point_score(p4), 2.0, 1e-9);
  CU_ASSERT_PTR_EQUAL(govopen_framework_node_by_id(fw, "x.y"), govopen_node_child(root, 2));
  govopen_framework_free(fw);
}

static void test_cap_and_scale(void) {
  govopen_framework *fw =
      load_ok("10", "  - title: 一\n    score: 5\n    aggregate: cap\n    points:\n"
                    "      - {id: P1, text: 文, score: 4, sampling: [政府网站], responsible: [甲镇]}\n"
                    "      - {id: P2, text: 文, score: 4, sampling: [政府网站], responsible: [甲镇]}\n"
                    "  - title: 二\n    score: 5\n    aggregate: scale\n    points:\n"
                    "      - {id: P3, text: 文, score: 1, sampling: [政府网站], responsible: [甲镇]}\n"
                    "      - {id: P4, text: 文, score: 3, sampling: [政府网站], responsible: [甲镇]}\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  const govopen_node *root = govopen_framework_root(fw);
  CU_ASSERT_EQUAL(govopen_node_aggregate(govopen_node_child(root, 0)), GOVOPEN_AGGREGATE_CAP);
  CU_ASSERT_EQUAL(govopen_node_aggregate(govopen_node_child(root, 1)), GOVOPEN_AGGREGATE_SCALE);
  CU_ASSERT_EQUAL(govopen_node_aggregate(root), GOVOPEN_AGGREGATE_SUM);
  govopen_framework_free(fw);
}

static void test_groups_and_responsibility(void) {
  govopen_framework *fw = load_ok("10", "  - {title: 一, points: [" PT("P1", "各部门, 甲镇, 各镇, 县二局") ", " PT(
                                            "P2", "各相关单位") ", " PT("P3", "乙, d1") "]}\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  const govopen_group *depts = govopen_framework_group_by_id(fw, "depts");
  CU_ASSERT_EQUAL_FATAL(govopen_group_member_count(depts), 3);
  CU_ASSERT_STRING_EQUAL(govopen_unit_id(govopen_group_member(depts, 0)), "d1");
  CU_ASSERT_STRING_EQUAL(govopen_unit_id(govopen_group_member(depts, 1)), "d2");
  CU_ASSERT_STRING_EQUAL(govopen_unit_id(govopen_group_member(depts, 2)), "i1");
  CU_ASSERT_EQUAL(govopen_group_kinds(depts), 1u << GOVOPEN_UNIT_DEPARTMENT);

  const govopen_point *p1 = govopen_framework_point_by_id(fw, "P1");
  CU_ASSERT_EQUAL(govopen_point_responsible_count(p1), 4);
  CU_ASSERT_STRING_EQUAL(govopen_point_responsible(p1, 2), "各镇");
  CU_ASSERT_PTR_EQUAL(govopen_point_responsible_group(p1, 0), depts);
  CU_ASSERT_PTR_NULL(govopen_point_responsible_unit(p1, 0));
  /* expanded: d1 d2 i1 (各部门), a (甲镇), b (各镇; a already in), d2 again dropped */
  const char *expect[] = {"d1", "d2", "i1", "a", "b"};
  CU_ASSERT_EQUAL_FATAL(govopen_point_unit_count(p1), 5);
  for (size_t i = 0; i < 5; i++) CU_ASSERT_STRING_EQUAL(govopen_unit_id(govopen_point_unit(p1, i)), expect[i]);
  CU_ASSERT_FALSE(govopen_point_has_open_group(p1));

  const govopen_point *p2 = govopen_framework_point_by_id(fw, "P2");
  CU_ASSERT_TRUE(govopen_point_has_open_group(p2));
  CU_ASSERT_EQUAL(govopen_point_unit_count(p2), 1);

  /* an alias and an id as written stay as written */
  const govopen_point *p3 = govopen_framework_point_by_id(fw, "P3");
  CU_ASSERT_STRING_EQUAL(govopen_point_responsible(p3, 0), "乙");
  CU_ASSERT_STRING_EQUAL(govopen_unit_name(govopen_point_unit(p3, 0)), "乙镇");
  CU_ASSERT_STRING_EQUAL(govopen_unit_name(govopen_point_unit(p3, 1)), "县一局");

  /* the other direction: duties in point order */
  const govopen_unit *d2 = govopen_framework_unit_by_id(fw, "d2");
  CU_ASSERT_EQUAL_FATAL(govopen_unit_point_count(d2), 2);
  CU_ASSERT_STRING_EQUAL(govopen_point_id(govopen_unit_point(d2, 0)), "P1");
  CU_ASSERT_STRING_EQUAL(govopen_point_id(govopen_unit_point(d2, 1)), "P2");
  const govopen_unit *b = govopen_framework_unit_by_name(fw, "乙");
  CU_ASSERT_PTR_NOT_NULL_FATAL(b);
  CU_ASSERT_EQUAL(govopen_unit_point_count(b), 2);
  CU_ASSERT_PTR_NULL(govopen_framework_unit_by_name(fw, "b")); /* an id is not a name */
  CU_ASSERT_PTR_EQUAL(govopen_framework_unit_find(fw, "b"), b);
  CU_ASSERT_PTR_NULL(govopen_framework_unit_find(fw, "各镇")); /* a group is not a unit */

  /* one warning, for the open group, at its line */
  const govopen_error *w = govopen_framework_warnings(fw);
  CU_ASSERT_EQUAL(govopen_error_count(w, -1), 1);
  CU_ASSERT_EQUAL(govopen_error_severity(w), GOVOPEN_SEVERITY_WARNING);
  CU_ASSERT_EQUAL(govopen_error_line(w), 12);
  CU_ASSERT_EQUAL(govopen_error_column(w), 5);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(w), "groups[2]");
  govopen_framework_free(fw);
}

static int collect_pairs(const govopen_unit *u, const govopen_point *p, void *payload) {
  char *out = payload;
  strcat(out, govopen_point_id(p));
  strcat(out, ":");
  strcat(out, govopen_unit_id(u));
  strcat(out, " ");
  return 0;
}

static int stop_at_second(const govopen_unit *u, const govopen_point *p, void *payload) {
  (void)u;
  (void)p;
  return ++*(int *)payload == 2 ? 42 : 0;
}

static void test_plan_and_methods(void) {
  govopen_framework *fw =
      load_ok("10", "  - {title: 一, points: [{id: P1, text: 文, sampling: [模拟用户, 政府网站], responsible: [各镇]}, "
                    "{id: P2, text: 文, sampling: [政府网站], responsible: [县一局]}, "
                    "{id: P3, text: 文, sampling: [模拟用户], responsible: [县二局, 甲镇]}]}\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  char out[256] = "";
  CU_ASSERT_EQUAL(govopen_framework_plan(fw, "模拟用户", collect_pairs, out), 0);
  CU_ASSERT_STRING_EQUAL(out, "P1:a P1:b P3:d2 P3:a ");
  int calls = 0;
  CU_ASSERT_EQUAL(govopen_framework_plan(fw, "模拟用户", stop_at_second, &calls), 42);
  CU_ASSERT_EQUAL(govopen_framework_plan(fw, "电话抽查", collect_pairs, out), GOVOPEN_ENOTFOUND);
  CU_ASSERT_EQUAL(govopen_framework_method_count(fw), 10);
  CU_ASSERT_STRING_EQUAL(govopen_framework_method(fw, 9), "主管单位考核（材料报送）");
  govopen_framework_free(fw);
}

static void test_declared_methods_and_rule(void) {
  const char *doc =
      "schema: 1\n"
      "framework: {id: t, title: 测试, total: 1}\n"
      "sampling_methods: [电话抽查]\n"
      "units: [{id: a, name: 甲, kind: other}]\n"
      "indicators:\n"
      "  - title: 一\n"
      "    source: [《条例》第一条, 省指标通知]\n"
      "    points:\n"
      "      - id: P1\n"
      "        text: 文\n"
      "        sampling: [电话抽查]\n"
      "        responsible: [甲]\n"
      "        rule: {kind: checklist, items: [事项名称, 设定依据], scoring: per-item, item_points: 0.5}\n";
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL_FATAL(test_load_text(doc, &fw, &err), GOVOPEN_OK);
  CU_ASSERT_PTR_NULL(err);
  CU_ASSERT_EQUAL(govopen_framework_method_count(fw), 11);
  CU_ASSERT_STRING_EQUAL(govopen_framework_method(fw, 10), "电话抽查");
  const govopen_point *p = govopen_framework_point(fw, 0);
  CU_ASSERT_STRING_EQUAL(govopen_point_rule_kind(p), "checklist");
  CU_ASSERT_EQUAL(govopen_node_provenance_count(govopen_point_node(p)), 2);
  CU_ASSERT_STRING_EQUAL(govopen_node_provenance(govopen_point_node(p), 1), "省指标通知");
  CU_ASSERT_STRING_EQUAL(govopen_framework_calendar(fw), "cn");
  CU_ASSERT_PTR_NULL(govopen_framework_warnings(fw));
  char *json = NULL;
  CU_ASSERT_EQUAL(govopen_framework_to_json(fw, 0, &json, NULL), GOVOPEN_OK);
  CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"rule\":{\"kind\":\"checklist\",\"items\":[\"事项名称\",\"设定依据\"],"
                                      "\"scoring\":\"per-item\",\"item_points\":0.5}"));
  CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"source\":[\"《条例》第一条\",\"省指标通知\"]"));
  govopen_free(json);
  govopen_framework_free(fw);
}

static void test_aliases_when_allowed(void) {
  const char *doc = "schema: 1\n"
                    "framework: {id: t, title: 测试, total: 2}\n"
                    "units: [{id: a, name: 甲, kind: other}]\n"
                    "indicators:\n"
                    "  - title: 一\n"
                    "    points:\n"
                    "      - {id: P1, text: 文, sampling: &web [政府网站], responsible: &r [甲]}\n"
                    "      - {id: P2, text: 文, sampling: *web, responsible: *r}\n";
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(test_load_text(doc, &fw, &err), GOVOPEN_ELIMIT);
  CU_ASSERT_EQUAL(govopen_error_line(err), 8);
  CU_ASSERT_EQUAL(govopen_error_column(err), 37);
  govopen_error_free(err);
  govopen_options *o = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&o), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_ALIASES, 2), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_framework_load_buffer(&fw, doc, strlen(doc), "a.yaml", o, &err), GOVOPEN_OK);
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  CU_ASSERT_STRING_EQUAL(govopen_point_sampling(govopen_framework_point(fw, 1), 0), "政府网站");
  CU_ASSERT_EQUAL(govopen_unit_point_count(govopen_framework_unit(fw, 0)), 2);
  govopen_framework_free(fw);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_ALIASES, 1), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_framework_load_buffer(&fw, doc, strlen(doc), "a.yaml", o, &err), GOVOPEN_ELIMIT);
  CU_ASSERT_PTR_NULL(fw);
  CU_ASSERT_EQUAL(govopen_error_line(err), 8);
  CU_ASSERT_EQUAL(govopen_error_column(err), 56);
  govopen_error_free(err);
  govopen_options_free(o);
}

static void test_options(void) {
  govopen_options *o = NULL;
  int64_t v = 0;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&o), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_get_int(o, GOVOPEN_OPT_MAX_DEPTH, &v), GOVOPEN_OK);
  CU_ASSERT_EQUAL(v, GOVOPEN_DEFAULT_MAX_DEPTH);
  CU_ASSERT_EQUAL(govopen_options_get_int(o, GOVOPEN_OPT_MAX_SIZE, &v), GOVOPEN_OK);
  CU_ASSERT_EQUAL(v, 16 * 1024 * 1024);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_NODES, 500), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_get_int(o, GOVOPEN_OPT_MAX_NODES, &v), GOVOPEN_OK);
  CU_ASSERT_EQUAL(v, 500);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, 999, 1), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_get_int(o, 0, &v), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_DEPTH, -1), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_DEPTH, 0), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_STRICT, 2), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_set_int(NULL, GOVOPEN_OPT_STRICT, 1), GOVOPEN_EINVALID);
  govopen_options_free(o);
  govopen_options_free(NULL);
}

/* The complete example in docs/framework-format.md loads as documented. */
static void test_documented_example(void) {
  char *md = test_read_file(test_path("../docs/framework-format.md"), NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(md);
  char *start = strstr(md, "## A complete small example");
  CU_ASSERT_PTR_NOT_NULL_FATAL(start);
  start = strstr(start, "```yaml\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL(start);
  start += 8;
  char *end = strstr(start, "```");
  CU_ASSERT_PTR_NOT_NULL_FATAL(end);
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_buffer(&fw, start, (size_t)(end - start), "example", NULL, &err), GOVOPEN_OK);
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  CU_ASSERT_STRING_EQUAL(govopen_framework_id(fw), "example-2024");
  CU_ASSERT_EQUAL(govopen_framework_point_count(fw), 3);
  const govopen_node *n12 = govopen_framework_node_by_id(fw, "1.2");
  CU_ASSERT_PTR_NOT_NULL_FATAL(n12);
  CU_ASSERT_DOUBLE_EQUAL(govopen_node_score(n12), 3.0, 1e-9);
  CU_ASSERT_TRUE(govopen_node_score_derived(n12));
  CU_ASSERT_STRING_EQUAL(govopen_node_provenance(n12, 0), "《中华人民共和国政府信息公开条例》第三十三条");
  CU_ASSERT_STRING_EQUAL(govopen_framework_grade_for(fw, 9.0), "优秀");
  CU_ASSERT_STRING_EQUAL(govopen_framework_grade_for(fw, 8.99), "合格");
  CU_ASSERT_PTR_NULL(govopen_framework_grade_for(fw, 5.99));
  CU_ASSERT_DOUBLE_EQUAL(govopen_framework_adjustment_delta(fw, 0), -3.0, 1e-9);
  CU_ASSERT_EQUAL(govopen_error_count(govopen_framework_warnings(fw), GOVOPEN_SEVERITY_WARNING), 1);
  govopen_framework_free(fw);
  free(md);
}

static const test_case cases[] = {{"equal split with remainder", test_equal_split_with_remainder},
                                  {"rounding", test_rounding_half_up_and_tiny_remainders},
                                  {"given and derived siblings", test_given_and_derived_siblings},
                                  {"cap and scale", test_cap_and_scale},
                                  {"groups and responsibility", test_groups_and_responsibility},
                                  {"plan and methods", test_plan_and_methods},
                                  {"declared methods and rule", test_declared_methods_and_rule},
                                  {"aliases when allowed", test_aliases_when_allowed},
                                  {"options", test_options},
                                  {"documented example", test_documented_example},
                                  {NULL, NULL}};
GV_TEST_SUITE(loader, cases);
