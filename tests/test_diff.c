/* Framework diffs (lib/report/diff.c, govopen_framework_diff): every kind of
 * change between two small fixtures (tests/fixtures/diff/old.yaml and
 * new.yaml) in text and JSON, identical frameworks, the Langao built-in
 * against a modified copy, counting without writing, and a writer that
 * fails. */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "util/buf.h"

static govopen_framework *load(const char *rel) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_file(&fw, test_path(rel), NULL, &err), GOVOPEN_OK);
  govopen_error_free(err);
  return fw;
}

static int collect(void *user, const char *data, size_t len) {
  gv_buf_append(user, data, len);
  return 0;
}

/* The diff as text (NUL-terminated, to free with gv_buf_free), its status and count. */
static gv_buf diff(const govopen_framework *a, const govopen_framework *b, unsigned flags, size_t *count, int *rc) {
  gv_buf b2 = {0};
  *rc = govopen_framework_diff(a, b, flags, collect, &b2, count);
  gv_buf_append(&b2, "", 0);
  return b2;
}

/* Compares text with the lines it should have, reporting the first difference. */
static void assert_text(const char *got, const char *want) {
  if (strcmp(got, want) != 0) {
    size_t i = 0;
    while (got[i] && got[i] == want[i]) i++;
    size_t from = i > 60 ? i - 60 : 0;
    fprintf(stderr, "\n  differs at byte %zu:\n  got:  ...%.120s\n  want: ...%.120s\n", i, got + from, want + from);
  }
  CU_ASSERT_STRING_EQUAL(got, want);
}

static void test_fixtures_text(void) {
  govopen_framework *a = load("fixtures/diff/old.yaml"), *b = load("fixtures/diff/new.yaml");
  CU_ASSERT_PTR_NOT_NULL_FATAL(a);
  CU_ASSERT_PTR_NOT_NULL_FATAL(b);
  size_t count = 0;
  int rc;
  gv_buf t = diff(a, b, 0, &count, &rc);
  CU_ASSERT_EQUAL(rc, GOVOPEN_OK);
  CU_ASSERT_EQUAL(count, 61);
  char *want = test_read_file(test_path("fixtures/diff/old-new.txt"), NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(want);
  assert_text(gv_buf_str(&t), want);
  free(want);
  gv_buf_free(&t);
  /* English labels: the same changes, other words */
  t = diff(a, b, GOVOPEN_REPORT_LANG_EN, &count, &rc);
  CU_ASSERT_EQUAL(count, 61);
  const char *s = gv_buf_str(&t);
  CU_ASSERT_PTR_NOT_NULL(
      strstr(s, "Comparing diff-2023 (差异县2023年政务公开评估) with diff-2024 (差异县2024年政务公开评估)\n"
                "Framework\n  ~ id: diff-2023 → diff-2024\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(s, "\n  ~ P2 reworded: 答复是否及时 → 答复是否及时、规范\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(s, "\n  ~ P4 moved: 1.2 → 2\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(s, "\n  ~ P2 responsible: +县丙局; units +d3\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(s, "\n  - P3 将被删除的评估点 (0.5 points, derived, in 1.1)\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(s, "\n  + 3 三、新增的一级指标 (2 points, top level)\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(s, "\n61 changes.\n"));
  gv_buf_free(&t);
  govopen_framework_free(a);
  govopen_framework_free(b);
}

/* The JSON: every change's kind and id, in order, and a few whole changes. */
static void test_fixtures_json(void) {
  govopen_framework *a = load("fixtures/diff/old.yaml"), *b = load("fixtures/diff/new.yaml");
  CU_ASSERT_PTR_NOT_NULL_FATAL(a);
  CU_ASSERT_PTR_NOT_NULL_FATAL(b);
  size_t count = 0;
  int rc;
  gv_buf t = diff(a, b, GOVOPEN_DIFF_JSON, &count, &rc);
  CU_ASSERT_EQUAL(rc, GOVOPEN_OK);
  cJSON *doc = cJSON_Parse(gv_buf_str(&t));
  CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
  CU_ASSERT_EQUAL(cJSON_GetObjectItem(doc, "format")->valueint, GOVOPEN_DIFF_FORMAT);
  CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "a"), "id")->valuestring, "diff-2023");
  CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "b"), "title")->valuestring,
                         "差异县2024年政务公开评估");
  CU_ASSERT_EQUAL(cJSON_GetObjectItem(doc, "count")->valueint, 61);
  static const char *const want[] = {"framework.changed:id",
                                     "framework.changed:title",
                                     "framework.changed:year",
                                     "framework.changed:total",
                                     "framework.changed:as_of",
                                     "framework.changed:not_evaluated",
                                     "framework.changed:cap_adjusted",
                                     "framework.changed:source",
                                     "method.removed 自查",
                                     "method.added 专项检查",
                                     "unit.removed d2",
                                     "unit.changed t2:name",
                                     "unit.changed t2:aliases",
                                     "unit.changed d1:kind",
                                     "unit.changed d1:code",
                                     "unit.changed d1:note",
                                     "unit.added d3",
                                     "group.removed gone",
                                     "group.changed towns:aliases",
                                     "group.changed towns:kinds",
                                     "group.changed towns:members",
                                     "group.changed depts:members",
                                     "group.changed depts:open",
                                     "group.added new-group",
                                     "indicator.removed 1.9",
                                     "indicator.changed 1:title",
                                     "indicator.changed 1:score",
                                     "indicator.changed 1.1:score",
                                     "indicator.changed 1.2:score",
                                     "indicator.changed 1.2:aggregate",
                                     "indicator.added 1.4",
                                     "indicator.changed 2:label",
                                     "indicator.changed 2:score",
                                     "indicator.added 3",
                                     "indicator.moved 1.3:parent",
                                     "indicator.changed 1.3:score",
                                     "point.removed P3",
                                     "point.removed P9",
                                     "point.responsible P1:responsible",
                                     "point.reworded P2:text",
                                     "point.score P2:score",
                                     "point.sampling P2:sampling",
                                     "point.responsible P2:responsible",
                                     "point.rule P2:rule",
                                     "point.added P6",
                                     "point.added P8",
                                     "point.score P5:score",
                                     "point.rule P5:rule",
                                     "point.changed P5:source",
                                     "point.changed P5:note",
                                     "point.moved P4:indicator",
                                     "point.sampling P4:sampling",
                                     "point.responsible P4:responsible",
                                     "point.score P7:score",
                                     "adjustment.removed gone-adj",
                                     "adjustment.changed praise:delta",
                                     "adjustment.changed praise:text",
                                     "adjustment.added new-adj",
                                     "grade.removed 合格",
                                     "grade.changed 优秀:min",
                                     "grade.added 良好"};
  cJSON *changes = cJSON_GetObjectItem(doc, "changes");
  CU_ASSERT_EQUAL_FATAL(cJSON_GetArraySize(changes), (int)(sizeof want / sizeof want[0]));
  for (int i = 0; i < cJSON_GetArraySize(changes); i++) {
    cJSON *c = cJSON_GetArrayItem(changes, i), *id = cJSON_GetObjectItem(c, "id"), *f = cJSON_GetObjectItem(c, "field");
    char got[128];
    int added_or_removed = strstr(cJSON_GetObjectItem(c, "kind")->valuestring, ".added") ||
                           strstr(cJSON_GetObjectItem(c, "kind")->valuestring, ".removed");
    snprintf(got, sizeof got, "%s%s%s%s%s", cJSON_GetObjectItem(c, "kind")->valuestring, id ? " " : "",
             id ? id->valuestring : "", f ? ":" : "", f ? f->valuestring : "");
    CU_ASSERT_STRING_EQUAL(got, want[i]);
    CU_ASSERT_EQUAL(f == NULL, added_or_removed); /* every change but an addition or removal has a field */
    if (strcmp(got, want[i]) != 0) fprintf(stderr, "\n  change %d: %s, want %s", i, got, want[i]);
  }
  /* whole changes, as written */
  char *p2 = cJSON_PrintUnformatted(cJSON_GetArrayItem(changes, 43));
  CU_ASSERT_STRING_EQUAL(
      p2, "{\"kind\":\"point.rule\",\"id\":\"P2\",\"field\":\"rule\",\"old\":{\"kind\":\"deadline\",\"limit\":{"
          "\"workdays\":20},\"scoring\":\"ratio\"},\"new\":{\"kind\":\"deadline\",\"limit\":{\"workdays\":15},"
          "\"scoring\":\"ratio\"}}");
  cJSON_free(p2);
  p2 = cJSON_PrintUnformatted(cJSON_GetArrayItem(changes, 40));
  CU_ASSERT_STRING_EQUAL(p2, "{\"kind\":\"point.score\",\"id\":\"P2\",\"field\":\"score\",\"old\":0.5,\"new\":2,"
                             "\"old_derived\":true,\"new_derived\":false}");
  cJSON_free(p2);
  p2 = cJSON_PrintUnformatted(cJSON_GetArrayItem(changes, 52));
  CU_ASSERT_STRING_EQUAL(
      p2, "{\"kind\":\"point.responsible\",\"id\":\"P4\",\"field\":\"responsible\",\"old\":[\"各部门\"],"
          "\"new\":[\"各部门\"],\"added\":[],\"removed\":[],\"units_added\":[\"d3\"],\"units_removed\":[\"d2\"]}");
  cJSON_free(p2);
  p2 = cJSON_PrintUnformatted(cJSON_GetArrayItem(changes, 36));
  CU_ASSERT_STRING_EQUAL(
      p2, "{\"kind\":\"point.removed\",\"id\":\"P3\",\"old\":{\"text\":\"将被删除的评估点\",\"score\":0.5,"
          "\"derived\":true,\"indicator\":\"1.1\"}}");
  cJSON_free(p2);
  p2 = cJSON_PrintUnformatted(cJSON_GetArrayItem(changes, 4));
  CU_ASSERT_STRING_EQUAL(p2,
                         "{\"kind\":\"framework.changed\",\"field\":\"as_of\",\"old\":null,\"new\":\"2024-12-31\"}");
  cJSON_free(p2);
  cJSON_Delete(doc);
  gv_buf_free(&t);
  /* pretty: the same document, laid out as cJSON lays it out */
  gv_buf compact = diff(a, b, GOVOPEN_DIFF_JSON, &count, &rc);
  gv_buf pretty = diff(a, b, GOVOPEN_DIFF_JSON | GOVOPEN_DIFF_PRETTY, &count, &rc);
  cJSON *c1 = cJSON_Parse(gv_buf_str(&compact));
  char *again = cJSON_Print(c1);
  CU_ASSERT_STRING_EQUAL(again, gv_buf_str(&pretty));
  cJSON_free(again);
  cJSON_Delete(c1);
  gv_buf_free(&compact);
  gv_buf_free(&pretty);
  govopen_framework_free(a);
  govopen_framework_free(b);
}

static void test_identical(void) {
  govopen_framework *a = load("fixtures/diff/old.yaml"), *b = load("fixtures/diff/old.yaml");
  CU_ASSERT_PTR_NOT_NULL_FATAL(a);
  CU_ASSERT_PTR_NOT_NULL_FATAL(b);
  size_t count = 99;
  int rc;
  gv_buf t = diff(a, b, 0, &count, &rc);
  CU_ASSERT_EQUAL(rc, GOVOPEN_OK);
  CU_ASSERT_EQUAL(count, 0);
  CU_ASSERT_STRING_EQUAL(
      gv_buf_str(&t),
      "比较 diff-2023（差异县2023年政务公开评估） 与 diff-2023（差异县2023年政务公开评估）\n没有变化。\n");
  gv_buf_free(&t);
  t = diff(a, a, GOVOPEN_REPORT_LANG_EN, &count, &rc);
  CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&t), "\nNo changes.\n"));
  gv_buf_free(&t);
  t = diff(a, b, GOVOPEN_DIFF_JSON, &count, &rc);
  char want[512];
  snprintf(
      want, sizeof want,
      "{\"format\":1,\"a\":{\"id\":\"diff-2023\",\"title\":\"差异县2023年政务公开评估\",\"source\":\"%s\"},"
      "\"b\":{\"id\":\"diff-2023\",\"title\":\"差异县2023年政务公开评估\",\"source\":\"%s\"},\"changes\":[],\"count\":0}",
      test_path("fixtures/diff/old.yaml"), test_path("fixtures/diff/old.yaml"));
  CU_ASSERT_STRING_EQUAL(gv_buf_str(&t), want);
  gv_buf_free(&t);
  govopen_framework_free(a);
  govopen_framework_free(b);
}

/* Replaces the first `from` in `s` (which must hold it) by `to`; a new malloc'd string. */
static char *replace(char *s, const char *from, const char *to) {
  char *at = strstr(s, from);
  CU_ASSERT_PTR_NOT_NULL_FATAL(at);
  size_t n = strlen(s) - strlen(from) + strlen(to);
  char *r = malloc(n + 1);
  size_t head = (size_t)(at - s);
  memcpy(r, s, head);
  strcpy(r + head, to);
  strcat(r, at + strlen(from));
  free(s);
  return r;
}

/* The built-in against a copy a county changed: only what it changed. */
static void test_langao_modified(void) {
  govopen_framework *a = NULL, *b = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_builtin(&a, "langao-2023", NULL, NULL), GOVOPEN_OK);
  size_t len = 0;
  const char *yaml = govopen_builtin_yaml("langao-2023", &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(yaml);
  char *copy = malloc(len + 1);
  memcpy(copy, yaml, len);
  copy[len] = '\0';
  copy = replace(copy, "id: langao-2023", "id: pingli-2024");
  copy = replace(copy, "推进碳达峰碳中和等重点工作公开环境管理", "推进碳达峰碳中和等重点工作公开环境管理、排污许可");
  copy = replace(copy, "items: [环境管理信息, 监督检查信息]", "items: [环境管理信息, 监督检查信息, 排污许可信息]");
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_buffer(&b, copy, strlen(copy), "pingli.yaml", NULL, &err), GOVOPEN_OK);
  govopen_error_free(err);
  size_t count = 0;
  int rc;
  gv_buf t = diff(a, b, 0, &count, &rc);
  CU_ASSERT_EQUAL(rc, GOVOPEN_OK);
  CU_ASSERT_EQUAL(count, 3);
  const char *title = govopen_framework_title(a);
  gv_buf want = {0};
  gv_buf_printf(
      &want,
      "比较 langao-2023（%s） 与 pingli-2024（%s）\n"
      "框架\n"
      "  ~ 编号：langao-2023 → pingli-2024\n"
      "评估点\n"
      "  ~ P05 改写：围绕提升秦岭黄河生态保护水平、打好蓝天碧水净土保卫战、推进碳达峰碳中和等重点工作公开环境管理、监督检查的情况"
      " → 围绕提升秦岭黄河生态保护水平、打好蓝天碧水净土保卫战、推进碳达峰碳中和等重点工作公开环境管理、排污许可、监督检查的情况\n"
      "  ~ P05 规则：{\"kind\":\"checklist\",\"label\":\"生态环境信息公开要素\",\"items\":[\"环境管理信息\",\"监督检查信息\"]}"
      " → {\"kind\":\"checklist\",\"label\":\"生态环境信息公开要素\",\"items\":[\"环境管理信息\",\"监督检查信息\",\"排污许可信息\"]}\n"
      "共 3 处变化。\n",
      title, title);
  assert_text(gv_buf_str(&t), gv_buf_str(&want));
  gv_buf_free(&want);
  gv_buf_free(&t);
  /* the built-in against itself */
  t = diff(a, a, GOVOPEN_DIFF_JSON, &count, &rc);
  CU_ASSERT_EQUAL(count, 0);
  gv_buf_free(&t);
  free(copy);
  govopen_framework_free(a);
  govopen_framework_free(b);
}

static int refuse(void *user, const char *data, size_t len) {
  (void)data, (void)len;
  ++*(int *)user;
  return 1;
}

static void test_api_edges(void) {
  govopen_framework *a = load("fixtures/diff/old.yaml"), *b = load("fixtures/diff/new.yaml");
  CU_ASSERT_PTR_NOT_NULL_FATAL(a);
  CU_ASSERT_PTR_NOT_NULL_FATAL(b);
  size_t count = 7;
  /* counting only */
  CU_ASSERT_EQUAL(govopen_framework_diff(a, b, 0, NULL, NULL, &count), GOVOPEN_OK);
  CU_ASSERT_EQUAL(count, 61);
  CU_ASSERT_EQUAL(govopen_framework_diff(a, b, GOVOPEN_DIFF_JSON, NULL, NULL, &count), GOVOPEN_OK);
  CU_ASSERT_EQUAL(count, 61);
  CU_ASSERT_EQUAL(govopen_framework_diff(b, b, 0, NULL, NULL, NULL), GOVOPEN_OK);
  /* misuse: nothing written */
  int calls = 0;
  CU_ASSERT_EQUAL(govopen_framework_diff(NULL, b, 0, refuse, &calls, &count), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(count, 0);
  CU_ASSERT_EQUAL(govopen_framework_diff(a, NULL, 0, refuse, &calls, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_framework_diff(a, b, 0x1000u, refuse, &calls, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_framework_diff(a, b, GOVOPEN_DIFF_PRETTY, refuse, &calls, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(calls, 0);
  /* a writer that fails is called once, and the failure returned */
  CU_ASSERT_EQUAL(govopen_framework_diff(a, b, 0, refuse, &calls, &count), GOVOPEN_ESTOPPED);
  CU_ASSERT_EQUAL(calls, 1);
  CU_ASSERT_EQUAL(count, 0);
  calls = 0;
  CU_ASSERT_EQUAL(govopen_framework_diff(a, b, GOVOPEN_DIFF_JSON, refuse, &calls, NULL), GOVOPEN_ESTOPPED);
  CU_ASSERT_EQUAL(calls, 1);
  govopen_framework_free(a);
  govopen_framework_free(b);
}

static const test_case cases[] = {{"fixtures, text", test_fixtures_text},
                                  {"fixtures, JSON", test_fixtures_json},
                                  {"identical frameworks", test_identical},
                                  {"langao against a modified copy", test_langao_modified},
                                  {"counting, misuse, a failing writer", test_api_edges},
                                  {NULL, NULL}};
GV_TEST_SUITE(diff, cases);
