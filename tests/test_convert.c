/* YAML as the library reads it, as JSON (lib/api/convert.c,
 * govopen_yaml_to_json): exact text, strict typing, layout, errors with
 * their line and column, and the loader's limits. */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* Converts `yaml`; the JSON (to free with govopen_free) or NULL, the status in *rc. */
static char *convert(const char *yaml, const govopen_options *opts, unsigned flags, int *rc, govopen_error **err) {
  char *out = NULL;
  size_t len = 0;
  *rc = govopen_yaml_to_json(yaml, strlen(yaml), "t.yaml", opts, flags, &out, &len, err);
  if (out) CU_ASSERT_EQUAL(len, strlen(out));
  return out;
}

static void assert_json(const char *yaml, const char *want) {
  int rc;
  char *got = convert(yaml, NULL, 0, &rc, NULL);
  CU_ASSERT_EQUAL(rc, GOVOPEN_OK);
  CU_ASSERT_PTR_NOT_NULL_FATAL(got);
  if (strcmp(got, want) != 0) fprintf(stderr, "\n  got  %s\n  want %s\n", got, want);
  CU_ASSERT_STRING_EQUAL(got, want);
  govopen_free(got);
}

static void test_typing(void) {
  assert_json(
      "schema: 1\n"
      "a: \"1\"\n"
      "b: 1\n"
      "c: 1.5\n"
      "d: true\n"
      "e: ~\n"
      "f: 'x'\n"
      "g: [+7, 007, -0.50, 1e3, \"x\", null, false, -0, 2.0]\n"
      "4: key\n"
      "true: k\n"
      "h: {}\n"
      "i: []\n"
      "j:\n"
      "k: |\n  line1\n  \"q\"\\\n"
      "l: [yes, no, on, True, NULL, 0x1F, .5, 1., 1_000, 12:30, 2024-01-02]\n"
      "m: \"\\t\\u0001\"\n",
      "{\"schema\":1,\"a\":\"1\",\"b\":1,\"c\":1.5,\"d\":true,\"e\":null,\"f\":\"x\","
      "\"g\":[7,7,-0.50,1e3,\"x\",null,false,-0,2.0],\"4\":\"key\",\"true\":\"k\",\"h\":{},\"i\":[],\"j\":null,"
      "\"k\":\"line1\\n\\\"q\\\"\\\\\\n\","
      "\"l\":[\"yes\",\"no\",\"on\",\"True\",\"NULL\",\"0x1F\",\".5\",\"1.\",\"1_000\",\"12:30\",\"2024-01-02\"],"
      "\"m\":\"\\t\\u0001\"}");
  /* mapping order is the document's; an empty document is null; a scalar document is itself */
  assert_json("z: 1\na: 2\nm: 3\n", "{\"z\":1,\"a\":2,\"m\":3}");
  assert_json("", "null");
  assert_json("# only a comment\n", "null");
  assert_json("\"just a string\"\n", "\"just a string\"");
  assert_json("- 1\n- [a, {b: c}]\n", "[1,[\"a\",{\"b\":\"c\"}]]");
}

/* Pretty output is laid out as cJSON lays out the same document. */
static void test_pretty(void) {
  int rc;
  const char *yaml = "a: [1, {b: 2, c: [x, y]}, []]\nd: {}\ne: {f: {g: 名}}\n";
  char *pretty = convert(yaml, NULL, GOVOPEN_JSON_PRETTY, &rc, NULL);
  CU_ASSERT_EQUAL(rc, GOVOPEN_OK);
  CU_ASSERT_PTR_NOT_NULL_FATAL(pretty);
  char *compact = convert(yaml, NULL, 0, &rc, NULL);
  cJSON *doc = cJSON_Parse(compact);
  CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
  char *again = cJSON_Print(doc);
  CU_ASSERT_STRING_EQUAL(pretty, again);
  CU_ASSERT_STRING_EQUAL(pretty, "{\n\t\"a\":\t[1, {\n\t\t\t\"b\":\t2,\n\t\t\t\"c\":\t[\"x\", \"y\"]\n\t\t}, []],\n"
                                 "\t\"d\":\t{\n\t},\n\t\"e\":\t{\n\t\t\"f\":\t{\n\t\t\t\"g\":\t\"名\"\n\t\t}\n\t}\n}");
  cJSON_free(again);
  cJSON_Delete(doc);
  govopen_free(compact);
  govopen_free(pretty);
}

/* The first diagnostic as "line:column: message". */
static void assert_error(const char *yaml, const govopen_options *opts, int code, const char *want) {
  int rc;
  govopen_error *err = NULL;
  char *out = convert(yaml, opts, 0, &rc, &err);
  CU_ASSERT_PTR_NULL(out);
  CU_ASSERT_EQUAL(rc, code);
  CU_ASSERT_PTR_NOT_NULL_FATAL(err);
  char got[512];
  snprintf(got, sizeof got, "%s:%u:%u: %s [%s]", govopen_error_source(err), govopen_error_line(err),
           govopen_error_column(err), govopen_error_message(err), govopen_error_path(err));
  if (strcmp(got, want) != 0) fprintf(stderr, "\n  got  %s\n  want %s\n", got, want);
  CU_ASSERT_STRING_EQUAL(got, want);
  govopen_error_free(err);
}

static void test_errors(void) {
  assert_error("a: 1\nb: [1, 2\nc: 3\n", NULL, GOVOPEN_EPARSE,
               "t.yaml:3:2: malformed YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 2, "
               "column 4) []");
  assert_error("a: 1\nb:\n  c: 2\n  c: 3\n", NULL, GOVOPEN_EPARSE,
               "t.yaml:4:3: duplicate key 'c' (first at line 3, column 3) []");
  assert_error("a: 1\n\"1\": x\n1: y\n", NULL, GOVOPEN_EPARSE,
               "t.yaml:3:1: duplicate key '1' (first at line 2, column 1) []");
  assert_error("a: 1\n---\nb: 2\n", NULL, GOVOPEN_EPARSE, "t.yaml:2:1: a second YAML document; a file holds one []");
  assert_error("? [a]\n: 1\n", NULL, GOVOPEN_ESCHEMA,
               "t.yaml:1:3: a mapping key must be a plain string, not a list []");
}

static void test_limits(void) {
  govopen_options *o = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&o), GOVOPEN_OK);
  /* aliases: refused by default, written out as copies when allowed */
  assert_error("a: &x {b: 1}\nc: *x\n", NULL, GOVOPEN_ELIMIT,
               "t.yaml:2:4: YAML aliases are not allowed (alias '*x'; GOVOPEN_OPT_MAX_ALIASES is 0) []");
  govopen_options_set_int(o, GOVOPEN_OPT_MAX_ALIASES, 4);
  int rc;
  char *out = convert("a: &x {b: 1}\nc: *x\n", o, 0, &rc, NULL);
  CU_ASSERT_EQUAL(rc, GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(out, "{\"a\":{\"b\":1},\"c\":{\"b\":1}}");
  govopen_free(out);
  /* one scalar's length, with its place and path */
  govopen_options_set_int(o, GOVOPEN_OPT_MAX_STRING, 5);
  assert_error("a:\n  - ok\n  - {b: toolong}\n", o, GOVOPEN_ELIMIT,
               "t.yaml:3:9: the scalar is 7 bytes long, more than the limit of 5 (GOVOPEN_OPT_MAX_STRING) [a[1].b]");
  govopen_options_set_int(o, GOVOPEN_OPT_MAX_STRING, 65536);
  /* nesting depth, nodes, size */
  govopen_options_set_int(o, GOVOPEN_OPT_MAX_DEPTH, 2);
  assert_error("a: {b: {c: 1}}\n", o, GOVOPEN_ELIMIT,
               "t.yaml:1:8: the nesting depth exceeds the limit of 2 (GOVOPEN_OPT_MAX_DEPTH) []");
  govopen_options_set_int(o, GOVOPEN_OPT_MAX_DEPTH, 64);
  govopen_options_set_int(o, GOVOPEN_OPT_MAX_SIZE, 10);
  assert_error("a: 1234567890\n", o, GOVOPEN_ELIMIT,
               "t.yaml:0:0: the document's size (14 bytes) exceeds the limit of 10 (GOVOPEN_OPT_MAX_SIZE) []");
  govopen_options_free(o);
  /* deeper than the JSON writer's own containers: the tree needs none of them */
  char deep[400] = "";
  for (int i = 0; i < 100; i++) strcat(deep, "[");
  for (int i = 0; i < 100; i++) strcat(deep, "]");
  CU_ASSERT_EQUAL(govopen_options_new(&o), GOVOPEN_OK);
  govopen_options_set_int(o, GOVOPEN_OPT_MAX_DEPTH, 200);
  out = convert(deep, o, GOVOPEN_JSON_PRETTY, &rc, NULL);
  CU_ASSERT_EQUAL(rc, GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(out, deep);
  govopen_free(out);
  govopen_options_free(o);
}

static void test_api(void) {
  char *out = (char *)1;
  size_t len = 9;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_yaml_to_json("a: 1", 4, NULL, NULL, 0, NULL, &len, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_yaml_to_json("a: 1", 4, NULL, NULL, 2u, &out, &len, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(out);
  CU_ASSERT_EQUAL(len, 0);
  CU_ASSERT_EQUAL(govopen_yaml_to_json(NULL, 3, NULL, NULL, 0, &out, NULL, &err), GOVOPEN_EINVALID);
  govopen_error_free(err);
  CU_ASSERT_EQUAL(govopen_yaml_to_json(NULL, 0, NULL, NULL, 0, &out, NULL, NULL), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(out, "null");
  govopen_free(out);
  /* a file: the same as its text, diagnostics naming it */
  const char *path = test_path("fixtures/diff/old.yaml");
  CU_ASSERT_EQUAL(govopen_yaml_file_to_json(path, NULL, 0, &out, &len, NULL), GOVOPEN_OK);
  size_t n = 0;
  char *text = test_read_file(path, &n);
  char *again = NULL;
  CU_ASSERT_EQUAL(govopen_yaml_to_json(text, n, "x", NULL, 0, &again, NULL, NULL), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(out, again);
  CU_ASSERT_PTR_NOT_NULL(strstr(out, "{\"schema\":1,\"framework\":{\"id\":\"diff-2023\","));
  CU_ASSERT_PTR_NOT_NULL(strstr(out, "{\"id\":\"d2\",\"name\":\"县乙局\",\"kind\":\"department\",\"code\":\"001\"}"));
  free(text);
  govopen_free(again);
  govopen_free(out);
  CU_ASSERT_EQUAL(govopen_yaml_file_to_json(test_path("fixtures/diff/none.yaml"), NULL, 0, &out, NULL, &err),
                  GOVOPEN_ENOTFOUND);
  CU_ASSERT_PTR_NULL(out);
  CU_ASSERT_PTR_NOT_NULL(err);
  govopen_error_free(err);
  /* the built-in's text */
  CU_ASSERT_PTR_NULL(govopen_builtin_yaml("nope", &len));
  CU_ASSERT_EQUAL(len, 0);
  CU_ASSERT_PTR_NULL(govopen_builtin_yaml(NULL, NULL));
  const char *yaml = govopen_builtin_yaml("langao-2023", &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(yaml);
  CU_ASSERT(len > 10000);
  CU_ASSERT_EQUAL(govopen_yaml_to_json(yaml, len, "builtin:langao-2023", NULL, 0, &out, NULL, NULL), GOVOPEN_OK);
  cJSON *doc = cJSON_Parse(out);
  CU_ASSERT_PTR_NOT_NULL(doc);
  CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "framework"), "id")->valuestring, "langao-2023");
  cJSON_Delete(doc);
  govopen_free(out);
}

static const test_case cases[] = {{"typing and exact JSON", test_typing},    {"pretty layout", test_pretty},
                                  {"errors with their place", test_errors},  {"limits", test_limits},
                                  {"API edges, files, built-ins", test_api}, {NULL, NULL}};
GV_TEST_SUITE(convert, cases);
