/* The result JSON writer (lib/report/result_json.c, json_util.c): the
 * streamed bytes against the golden Langao result and against cJSON's own
 * printing of the same document (the layout the writer promises to keep),
 * string escaping byte by byte against cJSON, a write callback failing at
 * every call in turn, and misuse. */
#include <cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/json_util.h"
#include "report/result_json.h"
#include "report_support.h"
#include "testutil.h"

/* --- runs (the sink and run_file: report_support.h) ------------------------- */

static int run_fx(run *x) { return run_file(x, "fixtures/eval/fx.yaml", "fixtures/eval/fx.jsonl", "fx.jsonl", 0); }

/* The document cJSON prints for `text` parsed: what the tree-built writer
   gave. NULL when `text` is not JSON. Free with cJSON_free. */
static char *cjson_reprint(const char *text, int pretty) {
  cJSON *root = cJSON_Parse(text);
  if (root == NULL) return NULL;
  char *out = pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
  cJSON_Delete(root);
  return out;
}

/* Writes `r` through the streaming writer, checks it against cJSON's
   printing of the same document and against govopen_result_to_json(), and
   returns the text (free with free()). */
static char *write_checked(const govopen_result *r, unsigned flags, size_t chunk) {
  sink s = {0};
  CU_ASSERT_EQUAL(gv_result_write_json(r, flags, chunk, sink_write, &s), GOVOPEN_OK);
  CU_ASSERT_FALSE(s.empty_call);
  CU_ASSERT(s.max_chunk <= (chunk ? chunk : GV_JW_CHUNK));
  if (s.data == NULL) return NULL;
  char *again = cjson_reprint(s.data, (flags & GOVOPEN_JSON_PRETTY) != 0);
  CU_ASSERT_PTR_NOT_NULL(again);
  if (again) CU_ASSERT_STRING_EQUAL(s.data, again);
  cJSON_free(again);
  char *j = NULL;
  size_t n = 0;
  CU_ASSERT_EQUAL(govopen_result_to_json(r, flags, &j, &n), GOVOPEN_OK);
  CU_ASSERT_EQUAL(n, s.len);
  if (j) CU_ASSERT_EQUAL(memcmp(j, s.data, n < s.len ? n : s.len), 0);
  CU_ASSERT_EQUAL(j ? strlen(j) : 0, n);
  govopen_free(j);
  return s.data;
}

/* --- tests ------------------------------------------------------------------------ */

/* The Langao sample, pretty, byte for byte the golden file (which the CLI
   writes with a final newline); compact, byte for byte what cJSON prints. */
static void test_golden(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_langao(&x), 0);
  size_t glen = 0;
  char *raw = test_read_file(test_path("data/langao-2023-result.json"), NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(raw);
  char *golden = golden_expand(raw, x.r, &glen);
  free(raw);
  CU_ASSERT_PTR_NOT_NULL_FATAL(golden);
  CU_ASSERT_FATAL(glen > 1 && golden[glen - 1] == '\n');
  golden[--glen] = '\0';

  sink s = {0};
  CU_ASSERT_EQUAL(govopen_result_write_json(x.r, GOVOPEN_JSON_PRETTY, sink_write, &s), GOVOPEN_OK);
  CU_ASSERT_EQUAL(s.len, glen);
  CU_ASSERT(s.data != NULL && strcmp(s.data, golden) == 0);
  /* 350 kB in pieces of at most 64 KiB, none empty */
  CU_ASSERT(s.calls >= glen / GV_JW_CHUNK);
  CU_ASSERT(s.max_chunk <= GV_JW_CHUNK);
  CU_ASSERT_FALSE(s.empty_call);
  sink_free(&s);

  char *compact = cjson_reprint(golden, 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL(compact);
  CU_ASSERT_EQUAL(govopen_result_write_json(x.r, 0, sink_write, &s), GOVOPEN_OK);
  CU_ASSERT(s.data != NULL && strcmp(s.data, compact) == 0);
  cJSON_free(compact);
  sink_free(&s);

  char *j = NULL;
  size_t n = 0;
  CU_ASSERT_EQUAL(govopen_result_to_json(x.r, GOVOPEN_JSON_PRETTY, &j, &n), GOVOPEN_OK);
  CU_ASSERT(n == glen && j != NULL && strcmp(j, golden) == 0);
  govopen_free(j);
  free(golden);
  run_free(&x);
}

/* Every piece size gives the same bytes: tokens, escapes and UTF-8
   sequences split anywhere. */
static void test_chunks(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_odd(&x), 0);
  for (unsigned flags = 0; flags <= GOVOPEN_JSON_PRETTY; flags++) {
    char *whole = write_checked(x.r, flags, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(whole);
    static const size_t chunks[] = {1, 2, 3, 7, 64, 4096};
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
      char *part = write_checked(x.r, flags, chunks[i]);
      CU_ASSERT(part != NULL && strcmp(part, whole) == 0);
      free(part);
    }
    free(whole);
  }
  run_free(&x);
}

/* Quotes, backslashes, control characters and UTF-8 in every place a
   string goes: escaped as cJSON escapes them. */
static void test_odd_strings(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_odd(&x), 0);
  char *pretty = write_checked(x.r, GOVOPEN_JSON_PRETTY, 0);
  char *compact = write_checked(x.r, 0, 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL(pretty);
  CU_ASSERT_PTR_NOT_NULL_FATAL(compact);
  CU_ASSERT_PTR_NOT_NULL(strstr(compact, "\"title\":\"标题 \\\"引号\\\" \\\\反斜杠\\\\ \\t制表 /斜杠/ é ü 😀\""));
  CU_ASSERT_PTR_NOT_NULL(strstr(compact, "\"name\":\"甲\\\"镇\\\\\""));
  /* a name's trailing CR LF is trimmed (docs/framework-format.md); the TAB inside stays */
  CU_ASSERT_PTR_NOT_NULL(strstr(compact, "\"name\":\"乙\\t镇\""));
  CU_ASSERT_PTR_NOT_NULL(strstr(compact, "\"name\":\"县一局 </script> \xe2\x80\xa8\""));
  CU_ASSERT_PTR_NOT_NULL(strstr(compact, "\"text\":\"通报\\\"表扬\\\"\\\\加3分\\n第二行\",\"date\":\"2023-12-15\","
                                         "\"evidence\":[\"证据\\\"\\\\\\u0003\\n\"]"));
  CU_ASSERT_PTR_NOT_NULL(strstr(compact, "\"evidence\":[\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001f é 中 😀 end\"]"));
  CU_ASSERT_PTR_NOT_NULL(strstr(compact, "理由\\\"x\\\"\\\\\\u0002\\u000b"));
  CU_ASSERT_PTR_NOT_NULL(strstr(pretty, "\t\t\t\t\"name\":\t\"乙\\t镇\",\n"));
  free(pretty);
  free(compact);
  run_free(&x);
}

/* The escaping of each byte alone and of a mixed string, against cJSON's. */
/* Scores in hundredths: the fewest decimals that say them, the sign, the
   extremes. */
static void test_score_format(void) {
  static const struct {
    int64_t cents;
    const char *text;
  } cases[] = {{0, "0"},
               {5, "0.05"},
               {10, "0.1"},
               {100, "1"},
               {157, "1.57"},
               {3130, "31.3"},
               {-1, "-0.01"},
               {-300, "-3"},
               {-250, "-2.5"},
               {10000, "100"},
               {INT64_MAX, "92233720368547758.07"},
               {INT64_MIN, "-92233720368547758.08"}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char buf[GV_CENTS_TEXT];
    size_t n = gv_cents_format(cases[i].cents, buf);
    CU_ASSERT_STRING_EQUAL(buf, cases[i].text);
    CU_ASSERT_EQUAL(n, strlen(cases[i].text));
  }
}

static void test_escaping(void) {
  char s[8];
  for (int c = 1; c < 256; c++) {
    snprintf(s, sizeof s, "a%cb", c);
    sink k = {0};
    gv_jw w;
    CU_ASSERT_EQUAL_FATAL(gv_jw_init(&w, 0, 3, sink_write, &k), GOVOPEN_OK);
    gv_jw_array(&w, NULL);
    gv_jw_string(&w, NULL, s);
    gv_jw_end(&w);
    CU_ASSERT_EQUAL(gv_jw_finish(&w), GOVOPEN_OK);
    cJSON *a = cJSON_CreateArray();
    cJSON_AddItemToArray(a, cJSON_CreateString(s));
    char *want = cJSON_PrintUnformatted(a);
    cJSON_Delete(a);
    CU_ASSERT(want != NULL && k.data != NULL && strcmp(k.data, want) == 0);
    if (want && k.data && strcmp(k.data, want) != 0) fprintf(stderr, "\n  byte %d: %s, cJSON %s", c, k.data, want);
    cJSON_free(want);
    sink_free(&k);
  }
  /* keys too, and NULL as "" (as cJSON_CreateString(NULL) … prints "") */
  sink k = {0};
  gv_jw w;
  CU_ASSERT_EQUAL_FATAL(gv_jw_init(&w, 1, 0, sink_write, &k), GOVOPEN_OK);
  gv_jw_object(&w, NULL);
  gv_jw_string(&w, "k\"\\\x01\xe4\xb8\xad", "\x7f\x1f\"");
  gv_jw_string(&w, "null", NULL);
  gv_jw_object(&w, "empty");
  gv_jw_end(&w);
  gv_jw_array(&w, "none");
  gv_jw_end(&w);
  gv_jw_array(&w, "list");
  gv_jw_uint(&w, NULL, 0);
  gv_jw_uint(&w, NULL, 4294967296u);
  gv_jw_score(&w, NULL, -5);
  gv_jw_score(&w, NULL, INT64_MIN);
  gv_jw_bool(&w, NULL, 1);
  gv_jw_null(&w, NULL);
  gv_jw_object(&w, NULL);
  gv_jw_end(&w);
  gv_jw_end(&w);
  gv_jw_end(&w);
  CU_ASSERT_EQUAL(gv_jw_finish(&w), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(k.data ? k.data : "",
                         "{\n\t\"k\\\"\\\\\\u0001中\":\t\"\x7f\\u001f\\\"\",\n\t\"null\":\t\"\",\n"
                         "\t\"empty\":\t{\n\t},\n\t\"none\":\t[],\n"
                         "\t\"list\":\t[0, 4294967296, -0.05, -92233720368547758.08, true, null, {\n\t\t}]\n}");
  sink_free(&k);
}

/* A write callback that fails at the k-th call, for every k: the writer
   stops at once with GOVOPEN_ESTOPPED, calls nothing more, frees what it holds
   (valgrind and ASan see to that), and what it wrote is a prefix. */
static void fail_every_call(const govopen_result *r, unsigned flags, size_t chunk) {
  sink full = {0};
  CU_ASSERT_EQUAL_FATAL(gv_result_write_json(r, flags, chunk, sink_write, &full), GOVOPEN_OK);
  CU_ASSERT_FATAL(full.calls >= 1);
  for (size_t k = 1; k <= full.calls; k++) {
    sink s = {0};
    s.fail_at = k;
    int rc = gv_result_write_json(r, flags, chunk, sink_write, &s);
    CU_ASSERT_EQUAL(rc, GOVOPEN_ESTOPPED);
    CU_ASSERT_EQUAL(s.calls, k);
    CU_ASSERT_FALSE(s.after_fail);
    CU_ASSERT(s.len <= full.len && (s.len == 0 || memcmp(s.data, full.data, s.len) == 0));
    sink_free(&s);
  }
  /* one more than it needs: no failure */
  sink s = {0};
  s.fail_at = full.calls + 1;
  CU_ASSERT_EQUAL(gv_result_write_json(r, flags, chunk, sink_write, &s), GOVOPEN_OK);
  CU_ASSERT_EQUAL(s.calls, full.calls);
  sink_free(&s);
  sink_free(&full);
}

static void test_write_fails(void) {
  run x, y;
  CU_ASSERT_EQUAL_FATAL(run_fx(&x), 0);
  fail_every_call(x.r, GOVOPEN_JSON_PRETTY, 64);
  fail_every_call(x.r, 0, 7);
  CU_ASSERT_EQUAL_FATAL(run_langao(&y), 0);
  fail_every_call(y.r, GOVOPEN_JSON_PRETTY, 0); /* through the public chunk size */
  fail_every_call(y.r, 0, 0);
  /* the public function too */
  sink s = {0};
  s.fail_at = 2;
  CU_ASSERT_EQUAL(govopen_result_write_json(y.r, GOVOPEN_JSON_PRETTY, sink_write, &s), GOVOPEN_ESTOPPED);
  CU_ASSERT_EQUAL(s.calls, 2);
  sink_free(&s);
  run_free(&x);
  run_free(&y);
}

/* An evaluation with GOVOPEN_EVAL_JOBS renders the units on that many
   threads, in batches handed over in order: the same bytes, kept or
   streamed, and a write failing at any call stops all cleanly. */
static void test_units_on_threads(void) {
  run one;
  CU_ASSERT_EQUAL_FATAL(run_langao(&one), 0);
  sink want = {0};
  CU_ASSERT_EQUAL(govopen_result_write_json(one.r, GOVOPEN_JSON_PRETTY, sink_write, &want), GOVOPEN_OK);
  for (int jobs = 2; jobs <= 4; jobs++) {
    run x;
    memset(&x, 0, sizeof x);
    CU_ASSERT_EQUAL_FATAL(govopen_framework_load_builtin(&x.fw, "langao-2023", NULL, NULL), GOVOPEN_OK);
    CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&x.ev, x.fw, NULL), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(x.ev, "2023-12-15", NULL), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_evaluation_set_int(x.ev, GOVOPEN_EVAL_JOBS, jobs), GOVOPEN_OK);
    size_t len = 0;
    char *data = test_read_file(test_path("../data/samples/langao-2023-observations.jsonl"), &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(x.ev, data, len, "data/samples/langao-2023-observations.jsonl",
                                                  GOVOPEN_FORMAT_JSONL, NULL),
                    GOVOPEN_OK);
    free(data);
    CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(x.ev, &x.r, NULL), GOVOPEN_OK);
    sink kept = {0}, streamed = {0};
    CU_ASSERT_EQUAL(govopen_result_write_json(x.r, GOVOPEN_JSON_PRETTY, sink_write, &kept), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_evaluation_write_json(x.ev, GOVOPEN_JSON_PRETTY, sink_write, &streamed, NULL), GOVOPEN_OK);
    CU_ASSERT(kept.data && want.data && strcmp(kept.data, want.data) == 0);
    CU_ASSERT(streamed.data && want.data && strcmp(streamed.data, want.data) == 0);
    sink_free(&kept);
    sink_free(&streamed);
    fail_every_call(x.r, 0, 4096);
    for (size_t k = 1; k <= want.calls; k++) {
      sink s = {0};
      s.fail_at = k;
      CU_ASSERT_EQUAL(govopen_evaluation_write_json(x.ev, GOVOPEN_JSON_PRETTY, sink_write, &s, NULL), GOVOPEN_ESTOPPED);
      CU_ASSERT_EQUAL(s.calls, k);
      CU_ASSERT_FALSE(s.after_fail);
      sink_free(&s);
    }
    run_free(&x);
  }
  sink_free(&want);
  run_free(&one);
}

/* Bad arguments: GOVOPEN_EINVALID and nothing written. */
static void test_arguments(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_fx(&x), 0);
  sink s = {0};
  CU_ASSERT_EQUAL(govopen_result_write_json(NULL, 0, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_json(x.r, 0, NULL, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_json(x.r, 2, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_json(x.r, ~0u, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(s.calls, 0);
  char *j = (char *)1;
  size_t n = 7;
  CU_ASSERT_EQUAL(govopen_result_to_json(x.r, 2, &j, &n), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(j);
  CU_ASSERT_EQUAL(n, 0);
  CU_ASSERT_EQUAL(govopen_result_to_json(NULL, 0, &j, &n), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_to_json(x.r, 0, NULL, &n), GOVOPEN_EINVALID);
  /* user comes back unchanged; NULL is fine */
  CU_ASSERT_EQUAL(govopen_result_write_json(x.r, 0, sink_write, &s), GOVOPEN_OK);
  sink_free(&s);
  run_free(&x);
}

/* A result with no observation: nothing scored, "rankings" an empty object
   — "{\n\t}" in cJSON's pretty layout. */
static void test_empty_result(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_file(&x, "fixtures/eval/fx.yaml", NULL, NULL, 0), 0);
  char *pretty = write_checked(x.r, GOVOPEN_JSON_PRETTY, 0);
  char *compact = write_checked(x.r, 0, 0);
  CU_ASSERT(pretty && strstr(pretty, "\n\t\"rankings\":\t{\n\t},\n"));
  CU_ASSERT(compact && strstr(compact, "\"rankings\":{},"));
  free(pretty);
  free(compact);
  run_free(&x);
}

/* The writer refuses misuse instead of writing bad JSON. */
static void test_writer_misuse(void) {
  sink s = {0};
  gv_jw w;
  CU_ASSERT_EQUAL_FATAL(gv_jw_init(&w, 0, 0, sink_write, &s), GOVOPEN_OK);
  gv_jw_object(&w, NULL);
  gv_jw_string(&w, NULL, "a value without a name");
  CU_ASSERT_EQUAL(gv_jw_status(&w), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(gv_jw_finish(&w), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(s.calls, 0);

  CU_ASSERT_EQUAL_FATAL(gv_jw_init(&w, 0, 0, sink_write, &s), GOVOPEN_OK);
  gv_jw_array(&w, NULL);
  gv_jw_null(&w, "named");
  CU_ASSERT_EQUAL(gv_jw_finish(&w), GOVOPEN_EINVALID);

  CU_ASSERT_EQUAL_FATAL(gv_jw_init(&w, 0, 0, sink_write, &s), GOVOPEN_OK);
  gv_jw_array(&w, NULL); /* left open */
  CU_ASSERT_EQUAL(gv_jw_finish(&w), GOVOPEN_EINVALID);

  CU_ASSERT_EQUAL_FATAL(gv_jw_init(&w, 0, 0, sink_write, &s), GOVOPEN_OK);
  gv_jw_null(&w, NULL);
  gv_jw_null(&w, NULL); /* a second top-level value */
  gv_jw_end(&w);
  CU_ASSERT_EQUAL(gv_jw_finish(&w), GOVOPEN_EINVALID);

  CU_ASSERT_EQUAL_FATAL(gv_jw_init(&w, 0, 0, sink_write, &s), GOVOPEN_OK);
  for (int i = 0; i < GV_JW_MAX_DEPTH + 1; i++) gv_jw_array(&w, NULL);
  CU_ASSERT_EQUAL(gv_jw_status(&w), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(gv_jw_finish(&w), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(s.calls, 0);
  sink_free(&s);
}

/* govopen_evaluation_write_json: the bytes of the kept result's writer, the
   reasons rendered unit by unit (a veto's "veto.applied" included), the
   evaluation left as it was; a failing write stops it with GOVOPEN_ESTOPPED. */
static void test_evaluation_streams(void) {
  int (*runs[])(run *) = {run_langao, run_fx, run_odd};
  for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
    run x;
    CU_ASSERT_EQUAL_FATAL(runs[k](&x), 0);
    for (unsigned flags = 0; flags <= GOVOPEN_JSON_PRETTY; flags++) {
      sink kept = {0}, streamed = {0};
      CU_ASSERT_EQUAL(govopen_result_write_json(x.r, flags, sink_write, &kept), GOVOPEN_OK);
      CU_ASSERT_EQUAL(govopen_evaluation_write_json(x.ev, flags, sink_write, &streamed, NULL), GOVOPEN_OK);
      CU_ASSERT_EQUAL(streamed.len, kept.len);
      CU_ASSERT(kept.data && streamed.data && strcmp(kept.data, streamed.data) == 0);
      sink_free(&kept);
      sink_free(&streamed);
    }
    if (k == 1) CU_ASSERT_EQUAL(govopen_result_cell_status(x.r, 1, 7), GOVOPEN_CELL_VETOED); /* 乙镇 P8 */
    /* the evaluation runs again to the same result */
    govopen_result *again = NULL;
    CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(x.ev, &again, NULL), GOVOPEN_OK);
    char *a = NULL, *b = NULL;
    CU_ASSERT_EQUAL(govopen_result_to_json(x.r, 0, &a, NULL), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_result_to_json(again, 0, &b, NULL), GOVOPEN_OK);
    CU_ASSERT(a && b && strcmp(a, b) == 0);
    govopen_free(a);
    govopen_free(b);
    govopen_result_free(again);
    /* a write that fails stops the stream, said in the error */
    sink s = {0};
    s.fail_at = 1;
    govopen_error *err = NULL;
    CU_ASSERT_EQUAL(govopen_evaluation_write_json(x.ev, GOVOPEN_JSON_PRETTY, sink_write, &s, &err), GOVOPEN_ESTOPPED);
    CU_ASSERT_FALSE(s.after_fail);
    CU_ASSERT_STRING_EQUAL(govopen_error_message(err), "the write callback stopped the output");
    govopen_error_free(err);
    sink_free(&s);
    CU_ASSERT_EQUAL(govopen_evaluation_write_json(x.ev, 2, sink_write, &s, NULL), GOVOPEN_EINVALID);
    CU_ASSERT_EQUAL(govopen_evaluation_write_json(x.ev, 0, NULL, &s, NULL), GOVOPEN_EINVALID);
    CU_ASSERT_EQUAL(govopen_evaluation_write_json(NULL, 0, sink_write, &s, NULL), GOVOPEN_EINVALID);
    CU_ASSERT_EQUAL(s.calls, 0);
    run_free(&x);
  }
}

static const test_case cases[] = {{"golden result, pretty and compact", test_golden},
                                  {"any piece size, same bytes", test_chunks},
                                  {"odd strings escaped as cJSON does", test_odd_strings},
                                  {"escaping byte by byte", test_escaping},
                                  {"a write failing at every call", test_write_fails},
                                  {"bad arguments", test_arguments},
                                  {"an empty result", test_empty_result},
                                  {"writer misuse", test_writer_misuse},
                                  {"evaluation streams", test_evaluation_streams},
                                  {"scores formatted", test_score_format},
                                  {"units on threads", test_units_on_threads},
                                  {NULL, NULL}};
GV_TEST_SUITE(report, cases);
