/* Issue 15, item 4: every diagnostic carries a stable message identifier,
 * written where it is raised (govopen_error_id). The ids asserted here are
 * the ones a translation keys on: changing one is an interface change. */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "util/error.h"

static const char BASE[] = "schema: 1\n"
                           "framework: {id: t, title: T, total: 10, year: 2023}\n"
                           "units:\n"
                           "  - {id: a, name: A, kind: town}\n"
                           "indicators:\n"
                           "  - id: \"1\"\n"
                           "    title: one\n"
                           "    score: 10\n"
                           "    points:\n"
                           "      - id: P1\n"
                           "        text: p\n"
                           "        score: 10\n"
                           "        sampling: [政府网站]\n"
                           "        responsible: [a]\n"
                           "        rule: {kind: boolean}\n";

/* Every diagnostic of a chain has an id of the documented shape. */
static void check_all_ids(const govopen_error *e) {
  regex_t re;
  CU_ASSERT_FATAL(regcomp(&re, "^[a-z]+(\\.[a-z0-9_]+)+$", REG_EXTENDED | REG_NOSUB) == 0);
  for (; e; e = govopen_error_next(e)) {
    const char *id = govopen_error_id(e);
    CU_ASSERT_PTR_NOT_NULL(id);
    if (id == NULL || regexec(&re, id, 0, NULL, 0) != 0) {
      fprintf(stderr, "\n  bad id '%s' for: %s\n", id ? id : "(null)", govopen_error_message(e));
      CU_FAIL("id shape");
    }
  }
  regfree(&re);
}

/* The diagnostic of the chain at line:column, checked to have id `id` and a message holding `msg`. */
static void expect_at(const govopen_error *e, unsigned line, unsigned col, const char *id, const char *msg) {
  for (; e; e = govopen_error_next(e))
    if (govopen_error_line(e) == line && govopen_error_column(e) == col) break;
  if (e == NULL) {
    fprintf(stderr, "\n  no diagnostic at %u:%u (want %s)\n", line, col, id);
    CU_FAIL("no diagnostic there");
    return;
  }
  if (strcmp(govopen_error_id(e) ? govopen_error_id(e) : "(null)", id) != 0 ||
      strstr(govopen_error_message(e), msg) == NULL) {
    fprintf(stderr, "\n  at %u:%u got %s: %s\n  want %s: …%s…\n", line, col,
            govopen_error_id(e) ? govopen_error_id(e) : "(null)", govopen_error_message(e), id, msg);
    CU_FAIL("id");
  }
}

/* `BASE` with its text `from` replaced by `to` (once), loaded: the chain of diagnostics. */
static govopen_error *load_changed(const char *from, const char *to) {
  char doc[2048];
  const char *at = strstr(BASE, from);
  CU_ASSERT_PTR_NOT_NULL_FATAL(at);
  snprintf(doc, sizeof doc, "%.*s%s%s", (int)(at - BASE), BASE, to, at + strlen(from));
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_NOT_EQUAL(test_load_text(doc, &fw, &err), GOVOPEN_OK);
  CU_ASSERT_PTR_NULL(fw);
  govopen_framework_free(fw);
  check_all_ids(err);
  return err;
}

static void test_yaml_syntax(void) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(test_load_text("schema: 1\nframework: [oops\n", &fw, &err), GOVOPEN_EPARSE);
  expect_at(err, 3, 1, "yaml.syntax", "malformed YAML: did not find expected ',' or ']'");
  check_all_ids(err);
  govopen_error_free(err);
}

static void test_schema_type(void) {
  govopen_error *err = load_changed("total: 10", "total: ten");
  expect_at(err, 2, 37, "schema.number_type", "expected a number, found a string");
  govopen_error_free(err);
}

static void test_rule_key_and_kind(void) {
  govopen_error *err = load_changed("{kind: boolean}", "{kind: boolean, bogus: 1}");
  expect_at(err, 15, 31, "schema.key_unknown", "unknown key 'bogus' in a boolean rule");
  govopen_error_free(err);
  err = load_changed("{kind: boolean}", "{kind: boolish}");
  expect_at(err, 15, 22, "rule.kind_unknown", "unknown rule kind 'boolish'");
  govopen_error_free(err);
  /* an expression's error is held by the compiler and raised after it, with its id */
  err = load_changed("{kind: boolean}", "{kind: expression, fields: {x: number}, score: \"y + 1\"}");
  expect_at(err, 15, 63, "expr.name_unknown", "unknown name 'y'");
  govopen_error_free(err);
}

/* Observations read into an evaluation of BASE (*fw, which must outlive it): its diagnostics checked for ids. */
static govopen_evaluation *add_observations(const char *text, const char *name, int format, govopen_framework **fw) {
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL_FATAL(test_load_text(BASE, fw, &err), GOVOPEN_OK);
  govopen_evaluation *ev = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, *fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-15", NULL), GOVOPEN_OK);
  govopen_evaluation_add_buffer(ev, text, strlen(text), name, format, &err);
  govopen_error_free(err);
  check_all_ids(govopen_evaluation_diagnostics(ev));
  return ev;
}

static void test_observations(void) {
  govopen_framework *fw = NULL;
  govopen_evaluation *ev =
      add_observations("{\"unit\": \"a\", \"point\": \"P9\", \"observed\": \"2023-03-01\", \"value\": true}\n"
                       "{\"unit\": \"a\", \"point\": \"P1\", \"observed\": \"2023-03-01\", \"value\": true, "
                       "\"note\": \"x\\u0000\"}\n",
                       "o.jsonl", GOVOPEN_FORMAT_JSONL, &fw);
  const govopen_error *d = govopen_evaluation_diagnostics(ev);
  expect_at(d, 1, 24, "observation.point_unknown", "unknown point 'P9'");
  /* found by the JSON walk, held until the record's end, raised with its id */
  expect_at(d, 2, 81, "json.nul_escape", "a string holds \\u0000");
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
  /* a CSV row's error is held by the row reader the same way */
  ev = add_observations("unit,point,observed,value\na,P1,2023-03-01,\"true\n", "o.csv", GOVOPEN_FORMAT_CSV, &fw);
  expect_at(govopen_evaluation_diagnostics(ev), 2, 17, "csv.quote_unclosed", "the quoted field that starts here");
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
}

static void test_api_misuse(void) {
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_buffer(NULL, "x", 1, "b", NULL, &err), GOVOPEN_EINVALID);
  CU_ASSERT_STRING_EQUAL(govopen_error_id(err), "api.out_null");
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err), "no place for the answer (out is NULL)");
  govopen_error_free(err);
  err = NULL;
  govopen_framework *fw = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_builtin(&fw, "no-such", NULL, &err), GOVOPEN_ENOTFOUND);
  CU_ASSERT_STRING_EQUAL(govopen_error_id(err), "api.builtin_framework_unknown");
  govopen_error_free(err);
  CU_ASSERT_PTR_NULL(govopen_error_id(NULL));
}

/* The closing "… and N more not shown" has an id of its own; the ones it counts keep theirs. */
static void test_not_shown(void) {
  govopen_options *o = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&o), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_DIAGNOSTICS, 1), GOVOPEN_OK);
  const char *doc = "schema: 1\nframework: {id: t, title: T, total: ten, year: nineteen}\n";
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_buffer(&fw, doc, strlen(doc), "d.yaml", o, &err), GOVOPEN_ESCHEMA);
  CU_ASSERT_EQUAL(govopen_error_count(err, -1), 2);
  CU_ASSERT_STRING_EQUAL(govopen_error_id(err), "schema.integer_type"); /* year, read first */
  const govopen_error *last = govopen_error_next(err);
  CU_ASSERT_PTR_NOT_NULL_FATAL(last);
  CU_ASSERT_STRING_EQUAL(govopen_error_id(last), "limit.more_not_shown");
  CU_ASSERT(strncmp(govopen_error_message(last), "… and 3 more errors not shown",
                    strlen("… and 3 more errors not shown")) == 0);
  check_all_ids(err);
  govopen_error_free(err);
  govopen_options_free(o);
}

/* Memory running out is said with an id too, whether recorded or the static fallback. */
static void test_oom(void) {
  gv_diags d = {0};
  gv_diag_oom(&d, "s");
  govopen_error *e = gv_diags_take(&d);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_STRING_EQUAL(govopen_error_id(e), "system.out_of_memory");
  CU_ASSERT_STRING_EQUAL(govopen_error_id(e), GV_ID_OOM);
  govopen_error_free(e);
  /* a failure that left no record (gv_diags_fail() without a diagnostic): the copy of the static one */
  gv_diags none = {0};
  gv_diags_fail(&none);
  e = gv_diags_take(&none);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(e), "out of memory");
  CU_ASSERT_STRING_EQUAL(govopen_error_id(e), "system.out_of_memory");
  govopen_error_free(e);
}

static const test_case cases[] = {{"a YAML syntax error: yaml.syntax", test_yaml_syntax},
                                  {"a schema type error: schema.number_type", test_schema_type},
                                  {"a bad rule key, kind and expression", test_rule_key_and_kind},
                                  {"bad observations: JSON, held JSON and CSV errors", test_observations},
                                  {"API misuse, and govopen_error_id(NULL)", test_api_misuse},
                                  {"the closing 'N more not shown'", test_not_shown},
                                  {"out of memory", test_oom},
                                  {NULL, NULL}};
GV_TEST_SUITE(h15_msgids, cases);
