/* The public API on the built-in framework: the tree, lookups, JSON,
 * versions, NULL safety. */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static govopen_framework *langao(void) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  int r = govopen_framework_load_builtin(&fw, "langao-2023", NULL, &err);
  CU_ASSERT_EQUAL(r, GOVOPEN_OK);
  CU_ASSERT_PTR_NULL(err);
  govopen_error_free(err);
  return fw;
}

static void test_versions(void) {
  CU_ASSERT_STRING_EQUAL(govopen_version_string(), GOVOPEN_VERSION_STRING);
  CU_ASSERT_EQUAL(govopen_version_number(), GOVOPEN_VERSION_NUMBER);
  CU_ASSERT_STRING_EQUAL(govopen_version_string(), "0.1.0");
  CU_ASSERT_EQUAL(govopen_version_number(), 100);
  CU_ASSERT_EQUAL(govopen_schema_version(), GOVOPEN_SCHEMA_VERSION);
  CU_ASSERT_EQUAL(GOVOPEN_SCHEMA_VERSION, 1);
  CU_ASSERT_STRING_EQUAL(govopen_status_str(GOVOPEN_OK), "success");
  CU_ASSERT_STRING_EQUAL(govopen_status_str(GOVOPEN_ELIMIT), "limit exceeded");
  CU_ASSERT_STRING_EQUAL(govopen_status_str(12345), "unknown status");
}

static void test_builtins(void) {
  CU_ASSERT_EQUAL(govopen_builtin_count(), 1);
  CU_ASSERT_STRING_EQUAL(govopen_builtin_id(0), "langao-2023");
  CU_ASSERT_PTR_NULL(govopen_builtin_id(1));
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_builtin(&fw, "nowhere-2023", NULL, &err), GOVOPEN_ENOTFOUND);
  CU_ASSERT_PTR_NULL(fw);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err), "no built-in framework 'nowhere-2023'");
  govopen_error_free(err);
  CU_ASSERT_EQUAL(govopen_framework_load_builtin(NULL, "langao-2023", NULL, NULL), GOVOPEN_EINVALID);
}

static int count_nodes(const govopen_node *n, void *payload) {
  (void)n;
  (*(size_t *)payload)++;
  return 0;
}

static int stop_at_1_2(const govopen_node *n, void *payload) {
  (void)payload;
  return strcmp(govopen_node_id(n), "1.2") == 0 ? 7 : 0;
}

static void test_tree(void) {
  govopen_framework *fw = langao();
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  const govopen_node *root = govopen_framework_root(fw);
  CU_ASSERT_EQUAL(govopen_node_depth(root), 0);
  CU_ASSERT_PTR_NULL(govopen_node_parent(root));
  CU_ASSERT_DOUBLE_EQUAL(govopen_node_score(root), 100.0, 1e-9);
  CU_ASSERT_EQUAL(govopen_node_total_point_count(root), 83);
  CU_ASSERT_EQUAL_FATAL(govopen_node_child_count(root), 5);
  const govopen_node *one = govopen_node_child(root, 0);
  CU_ASSERT_STRING_EQUAL(govopen_node_id(one), "1");
  CU_ASSERT_STRING_EQUAL(govopen_node_title(one), "政府信息公开");
  CU_ASSERT_STRING_EQUAL(govopen_node_label(one), "一、");
  CU_ASSERT_EQUAL(govopen_node_depth(one), 1);
  CU_ASSERT_PTR_EQUAL(govopen_node_parent(one), root);
  CU_ASSERT_PTR_NULL(govopen_node_child(root, 5));

  const govopen_node *n = govopen_framework_node_by_id(fw, "1.2.3");
  CU_ASSERT_PTR_NOT_NULL_FATAL(n);
  CU_ASSERT_STRING_EQUAL(govopen_node_title(n), "行政复议行政诉讼");
  CU_ASSERT_EQUAL(govopen_node_depth(n), 3);
  CU_ASSERT_EQUAL(govopen_node_child_count(n), 0);
  CU_ASSERT_EQUAL(govopen_node_point_count(n), 1);
  CU_ASSERT_STRING_EQUAL(govopen_point_id(govopen_node_point(n, 0)), "P32");
  CU_ASSERT_PTR_EQUAL(govopen_point_node(govopen_node_point(n, 0)), n);
  CU_ASSERT_STRING_EQUAL(govopen_node_id(govopen_node_parent(n)), "1.2");
  CU_ASSERT_PTR_NULL(govopen_framework_node_by_id(fw, "9.9"));

  size_t visited = 0;
  CU_ASSERT_EQUAL(govopen_framework_walk(fw, count_nodes, &visited), 0);
  CU_ASSERT_EQUAL(visited, govopen_framework_node_count(fw));
  CU_ASSERT_EQUAL(visited, 120);
  CU_ASSERT_EQUAL(govopen_framework_walk(fw, stop_at_1_2, NULL), 7);
  /* the pre-order array agrees with the tree */
  CU_ASSERT_PTR_EQUAL(govopen_framework_node(fw, 0), one);
  CU_ASSERT_PTR_EQUAL(govopen_framework_node(fw, 1), govopen_node_child(one, 0));

  const govopen_point *p = govopen_framework_point_by_id(fw, "P29");
  CU_ASSERT_PTR_NOT_NULL_FATAL(p);
  CU_ASSERT_EQUAL(govopen_point_index(p), 28);
  CU_ASSERT_PTR_EQUAL(govopen_framework_point(fw, 28), p);
  CU_ASSERT_STRING_EQUAL(govopen_point_text(p), "是否在法定期限内答复");
  CU_ASSERT_EQUAL(govopen_point_provenance_count(p), 1);
  CU_ASSERT_STRING_EQUAL(govopen_point_provenance(p, 0), "《中华人民共和国政府信息公开条例》第三十三条");
  CU_ASSERT_STRING_EQUAL(govopen_point_rule_kind(p), "deadline");
  govopen_framework_free(fw);
}

static void test_units_and_groups(void) {
  govopen_framework *fw = langao();
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  const govopen_unit *rs = govopen_framework_unit_by_name(fw, "县人社局");
  CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
  CU_ASSERT_PTR_EQUAL(govopen_framework_unit_by_name(fw, "县人力资源和社会保障局"), rs);
  CU_ASSERT_PTR_EQUAL(govopen_framework_unit_by_id(fw, "renshe"), rs);
  CU_ASSERT_EQUAL(govopen_unit_kind(rs), GOVOPEN_UNIT_DEPARTMENT);
  CU_ASSERT_STRING_EQUAL(govopen_unit_kind_name(govopen_unit_kind(rs)), "department");
  CU_ASSERT_PTR_NULL(govopen_unit_kind_name(99));
  CU_ASSERT_PTR_EQUAL(govopen_framework_unit(fw, govopen_unit_index(rs)), rs);

  const govopen_unit *cg = govopen_framework_unit(fw, 0);
  CU_ASSERT_STRING_EQUAL(govopen_unit_name(cg), "城关镇");
  CU_ASSERT_STRING_EQUAL(govopen_unit_alias(cg, 0), "城关");
  CU_ASSERT_EQUAL(govopen_unit_kind(cg), GOVOPEN_UNIT_TOWN);

  const govopen_group *towns = govopen_framework_group_by_name(fw, "各镇");
  CU_ASSERT_PTR_NOT_NULL_FATAL(towns);
  CU_ASSERT_EQUAL(govopen_group_member_count(towns), 12);
  CU_ASSERT_STRING_EQUAL(govopen_unit_name(govopen_group_member(towns, 11)), "南宫山镇");
  CU_ASSERT_FALSE(govopen_group_is_open(towns));
  const govopen_group *rel = govopen_framework_group_by_name(fw, "各相关单位");
  CU_ASSERT_PTR_NOT_NULL_FATAL(rel);
  CU_ASSERT_TRUE(govopen_group_is_open(rel));
  CU_ASSERT_PTR_EQUAL(govopen_framework_group_by_id(fw, govopen_group_id(rel)), rel);
  CU_ASSERT_PTR_NULL(govopen_framework_group_by_name(fw, "县人社局"));
  govopen_framework_free(fw);
}

static void test_json(void) {
  govopen_framework *fw = langao();
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  char *text = NULL;
  size_t len = 0;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_to_json(fw, 0, &text, &len), GOVOPEN_OK);
  CU_ASSERT_EQUAL(len, strlen(text));
  cJSON *j = cJSON_ParseWithLength(text, len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(j);
  cJSON *meta = cJSON_GetObjectItemCaseSensitive(j, "framework");
  CU_ASSERT_STRING_EQUAL(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(meta, "id")), "langao-2023");
  CU_ASSERT_DOUBLE_EQUAL(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(meta, "total")), 100.0, 1e-9);
  cJSON *inds = cJSON_GetObjectItemCaseSensitive(j, "indicators");
  CU_ASSERT_EQUAL(cJSON_GetArraySize(inds), 5);
  CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "units")), 39);
  CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "groups")), 8);
  CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "adjustments")), 3);
  /* 一 > (二) > 行政复议行政诉讼 holds P32 */
  cJSON *n = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(inds, 0), "children"), 1);
  n = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(n, "children"), 2);
  CU_ASSERT_STRING_EQUAL(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(n, "id")), "1.2.3");
  CU_ASSERT_TRUE(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(n, "derived")));
  cJSON *p = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(n, "points"), 0);
  CU_ASSERT_STRING_EQUAL(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "id")), "P32");
  CU_ASSERT_STRING_EQUAL(cJSON_GetStringValue(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(p, "sampling"), 0)),
                         "主管部门审核");
  CU_ASSERT_STRING_EQUAL(
      cJSON_GetStringValue(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(p, "responsible"), 0)), "县司法局");
  CU_ASSERT_STRING_EQUAL(cJSON_GetStringValue(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(p, "units"), 0)),
                         "县司法局");
  /* (二) is 19.00, its three children 6.33, 6.33, 6.34: P32 alone under the last */
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"id\":\"1.2.3\",\"title\":\"行政复议行政诉讼\",\"score\":6.34,"));
  cJSON_Delete(j);
  govopen_free(text);

  CU_ASSERT_EQUAL(govopen_framework_to_json(fw, GOVOPEN_JSON_PRETTY, &text, NULL), GOVOPEN_OK);
  CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n\t\"framework\":"));
  govopen_free(text);
  CU_ASSERT_EQUAL(govopen_framework_to_json(fw, 8u, &text, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(text);
  govopen_framework_free(fw);
}

static void test_null_safety(void) {
  CU_ASSERT_PTR_NULL(govopen_framework_root(NULL));
  CU_ASSERT_EQUAL(govopen_framework_point_count(NULL), 0);
  CU_ASSERT_STRING_EQUAL(govopen_node_title(NULL), "");
  CU_ASSERT_PTR_NULL(govopen_node_child(NULL, 0));
  CU_ASSERT_PTR_NULL(govopen_point_unit(NULL, 0));
  CU_ASSERT_EQUAL(govopen_unit_point_count(NULL), 0);
  CU_ASSERT_EQUAL(govopen_framework_walk(NULL, count_nodes, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(govopen_error_next(NULL));
  CU_ASSERT_EQUAL(govopen_error_count(NULL, -1), 0);
  char *s = (char *)"x";
  CU_ASSERT_EQUAL(govopen_error_format(NULL, &s, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(s);
  govopen_framework_free(NULL);
  govopen_error_free(NULL);
  govopen_free(NULL);
  govopen_framework *fw = (govopen_framework *)1;
  CU_ASSERT_EQUAL(govopen_framework_load_buffer(&fw, NULL, 3, NULL, NULL, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(fw);
}

static const test_case cases[] = {{"versions", test_versions},
                                  {"builtins", test_builtins},
                                  {"tree", test_tree},
                                  {"units and groups", test_units_and_groups},
                                  {"json", test_json},
                                  {"null safety", test_null_safety},
                                  {NULL, NULL}};
GV_TEST_SUITE(api, cases);
