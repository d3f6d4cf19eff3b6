/* Issue 13, item 11: output and terminal. Text from the input reaches a
 * terminal with its control and bidirectional characters as visible escapes
 * (util/escape.h, govopen_text_escape); HTML and Markdown never make a link
 * of an address holding a bidirectional control, nor of "（证据：…）" typed
 * into a reason; the CSV formula guard sees past leading white space, and
 * the CSV reader drops exactly the guard the writer adds. Exact bytes. */
#include <stdlib.h>
#include <string.h>

#include "report/csv.h"
#include "report/report_util.h"
#include "report_support.h"
#include "testutil.h"
#include "util/escape.h"

/* --- the escaping helper ------------------------------------------------------------- */

static void check_escape(const char *in, size_t n, int keep_newline, const char *want) {
  gv_buf b = {0};
  gv_escape_terminal(&b, in, n, keep_newline);
  CU_ASSERT_EQUAL(gv_buf_status(&b), GOVOPEN_OK);
  if (strcmp(gv_buf_str(&b), want) != 0) {
    fprintf(stderr, "\nescape of %zu bytes: got \"%s\", want \"%s\"\n", n, gv_buf_str(&b), want);
    CU_FAIL("escape");
  }
  /* nothing a terminal acts on is left */
  for (size_t i = 0; i < b.len; i++) {
    unsigned char c = (unsigned char)b.data[i];
    CU_ASSERT(c >= 0x20 || (keep_newline && c == '\n'));
    CU_ASSERT(c != 0x7f);
  }
  gv_buf_free(&b);
}

#define ESC_CASE(in, want) check_escape(in, sizeof in - 1, 0, want)

static void test_escape_terminal(void) {
  /* a window title, a screen clear, an OSC 8 link */
  ESC_CASE("\x1b]0;pwned\x07标题", "\\x1b]0;pwned\\x07标题");
  ESC_CASE("\x1b[2J\x1b[31m红", "\\x1b[2J\\x1b[31m红");
  ESC_CASE("\x1b]8;;https://evil.example/\x1b\\点我\x1b]8;;\x1b\\",
           "\\x1b]8;;https://evil.example/\\x1b\\点我\\x1b]8;;\\x1b\\");
  /* every C0 control, DEL, NUL inside */
  ESC_CASE("a\tb\nc\rd\x7f", "a\\x09b\\x0ac\\x0dd\\x7f");
  ESC_CASE("x\0y", "x\\x00y");
  /* C1 controls as UTF-8: U+0080, U+009B (CSI), U+009F; U+00A0 is no control */
  ESC_CASE("\xc2\x80\xc2\x9b\xc2\x9f\xc2\xa0", "\\u0080\\u009b\\u009f\xc2\xa0");
  /* the separators and every bidirectional formatting character */
  ESC_CASE("\xe2\x80\xa8\xe2\x80\xa9", "\\u2028\\u2029");
  ESC_CASE("exe.\xe2\x80\xaetxt", "exe.\\u202etxt");
  ESC_CASE("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", "\\u202a\\u202b\\u202c\\u202d");
  ESC_CASE("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9", "\\u2066\\u2067\\u2068\\u2069");
  ESC_CASE("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", "\\u200e\\u200f\\u061c");
  /* neighbours that are not controls stay: U+202F, U+2065, U+200D, U+061B */
  ESC_CASE("\xe2\x80\xaf\xe2\x81\xa5\xe2\x80\x8d\xd8\x9b", "\xe2\x80\xaf\xe2\x81\xa5\xe2\x80\x8d\xd8\x9b");
  /* bytes that start no well-formed character, each as \xHH */
  ESC_CASE("a\xff\x9b"
           "b",
           "a\\xff\\x9bb");
  ESC_CASE("\xc0\x80", "\\xc0\\x80");          /* overlong NUL */
  ESC_CASE("\xed\xa0\x80", "\\xed\\xa0\\x80"); /* a surrogate */
  ESC_CASE("\xe2\x80", "\\xe2\\x80");          /* cut short */
  ESC_CASE("\xc2\x9b"
           "\xc2",
           "\\u009b\\xc2");
  /* text as it is: CJK, full-width, emoji, a backslash (not doubled) */
  ESC_CASE("岚皋县＝＋😀 a\\x1b", "岚皋县＝＋😀 a\\x1b");
  ESC_CASE("", "");
  /* line feeds kept where the format's lines are the text's */
  check_escape("a\nb\x1b\n", 5, 1, "a\nb\\x1b\n");
}

static void test_text_escape_api(void) {
  char *out = (char *)1;
  size_t n = 99;
  CU_ASSERT_EQUAL(govopen_text_escape("a\x1b"
                                      "b\xe2\x80\xae",
                                      6, 0, &out, &n),
                  GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(out, "a\\x1bb\\u202e");
  CU_ASSERT_EQUAL(n, strlen("a\\x1bb\\u202e"));
  govopen_free(out);
  CU_ASSERT_EQUAL(govopen_text_escape("a\nb", 3, GOVOPEN_ESCAPE_KEEP_NEWLINE, &out, NULL), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(out, "a\nb");
  govopen_free(out);
  /* NUL is text of its own when the length says so */
  CU_ASSERT_EQUAL(govopen_text_escape("a\0b", 3, 0, &out, &n), GOVOPEN_OK);
  CU_ASSERT(n == 6 && memcmp(out, "a\\x00b", 7) == 0);
  govopen_free(out);
  CU_ASSERT_EQUAL(govopen_text_escape(NULL, 0, 0, &out, &n), GOVOPEN_OK);
  CU_ASSERT(out != NULL && out[0] == '\0' && n == 0);
  govopen_free(out);
  /* bad arguments: *out NULL */
  out = (char *)1;
  CU_ASSERT_EQUAL(govopen_text_escape(NULL, 1, 0, &out, &n), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(out);
  CU_ASSERT_EQUAL(govopen_text_escape("a", 1, 2u, &out, &n), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(out);
  CU_ASSERT_EQUAL(govopen_text_escape("a", 1, 0, NULL, &n), GOVOPEN_EINVALID);
}

/* --- CSV: the formula guard, written and read back ------------------------------------------ */

static void test_formula_risk(void) {
  static const struct {
    const char *s;
    int risk;
  } cases[] = {
      {"=1+1", 1},
      {"+1", 1},
      {"-1", 1},
      {"@SUM(1)", 1},
      {"\t1", 1},
      {"\r1", 1},
      {"\t", 1},
      {" =1+1", 1},
      {"  +1", 1},
      {"\n=1", 1},
      {"\r\n-1", 1},
      {" \t @x", 1},
      {"\n\n=HYPERLINK(\"x\")", 1},
      {"", 0},
      {" ", 0},
      {"\n", 0},
      {" a=1", 0},
      {"a=1", 0},
      {"'=1", 0},
      {"１", 0},
      /* full-width signs are text to Excel, LibreOffice and WPS (OWASP lists none) */
      {"＝1+1", 0},
      {"＋1", 0},
      {"－1", 0},
      {"＠x", 0},
      {"\xe3\x80\x80=1", 0}, /* after U+3000 */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    if (gv_formula_risk(cases[i].s, strlen(cases[i].s)) != cases[i].risk) {
      fprintf(stderr, "\nformula risk of \"%s\": want %d\n", cases[i].s, cases[i].risk);
      CU_FAIL("formula risk");
    }
  }
}

static void test_csv_guard_bytes(void) {
  sink s = {0};
  gv_csv w;
  CU_ASSERT_EQUAL_FATAL(gv_csv_init(&w, 0, 0, sink_write, &s), GOVOPEN_OK);
  gv_csv_text(&w, " =1+1");
  gv_csv_text(&w, "\n=1");
  gv_csv_text(&w, "\t@x");
  gv_csv_text(&w, " -");
  gv_csv_text(&w, "＝1");
  gv_csv_text(&w, " a");
  gv_csv_text(&w, "=1");
  gv_csv_score(&w, -300);
  gv_csv_end(&w);
  CU_ASSERT_EQUAL(gv_csv_finish(&w), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(s.data, "\"' =1+1\",\"'\n=1\",'\t@x,\"' -\",＝1,\" a\",'=1,-3\r\n");
  sink_free(&s);
}

/* A framework whose every text is hostile, and a result on it. */
static const char HOSTILE_YAML[] =
    "schema: 1\n"
    "framework: {id: hx, title: \"\\e]0;pwned\\a标题\\e[2J\", total: 100, year: 2023, calendar: cn}\n"
    "units:\n"
    "  - {id: t1, name: \"镇\\e]8;;https://evil.example/\\e\\\\点我\\e]8;;\\e\\\\\", kind: town}\n"
    "  - {id: t2, name: \" =1+1\", kind: town}\n"
    "groups:\n"
    "  - {id: towns, name: 各镇, kinds: [town]}\n"
    "indicators:\n"
    "  - id: \"1\"\n"
    "    title: \"指标\\e[31m\\u202E红\"\n"
    "    score: 100\n"
    "    points:\n"
    "      - {id: P1, text: \"要点\\e[2J\", score: 60, sampling: [政府网站], responsible: [towns],\n"
    "         rule: {kind: boolean, label: \"标签\\a\"}}\n"
    "      - {id: P2, text: 人工, score: 40, sampling: [政府网站], responsible: [towns], rule: {kind: manual}}\n";

static const char HOSTILE_OBS[] =
    "{\"unit\":\"t1\",\"point\":\"P1\",\"value\":false,\"evidence\":\"https://ok.example/\\u202etxt.exe\"}\n"
    "{\"unit\":\"t1\",\"point\":\"P2\",\"score\":10,\"reason\":\"差（证据：https://evil.example/x）\\u001b[2J\"}\n"
    "{\"unit\":\"t2\",\"point\":\"P1\",\"value\":false,\"evidence\":\"https://ok.example/a\"}\n"
    "{\"unit\":\"t2\",\"point\":\"P2\",\"score\":10,\"reason\":\"\\n=HYPERLINK(1)\",\"evidence\":\"\\r\\n@x\"}\n";

static int run_hostile(run *x) {
  memset(x, 0, sizeof *x);
  if (test_load_text(HOSTILE_YAML, &x->fw, NULL) != GOVOPEN_OK) return -1;
  if (govopen_evaluation_new(&x->ev, x->fw, NULL) != GOVOPEN_OK) return -1;
  if (govopen_evaluation_set_as_of(x->ev, "2023-12-15", NULL) != GOVOPEN_OK) return -1;
  if (govopen_evaluation_add_buffer(x->ev, HOSTILE_OBS, sizeof HOSTILE_OBS - 1, "h.jsonl", GOVOPEN_FORMAT_JSONL,
                                    NULL) != GOVOPEN_OK)
    return -1;
  if (govopen_evaluation_observation_count(x->ev) != 4) return -1;
  return govopen_evaluation_run(x->ev, &x->r, NULL) == GOVOPEN_OK ? 0 : -1;
}

static int has_byte(const char *s, size_t n, unsigned char c) { return memchr(s, c, n) != NULL; }

static void test_csv_tables(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_hostile(&x), 0);
  sink s = {0};
  size_t len = 0;
  char *t =
      sink_text(&s, govopen_result_write_csv(x.r, GOVOPEN_TABLE_RECTIFY, GOVOPEN_CSV_NO_BOM, sink_write, &s), 0, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(t);
  /* the unit named " =1+1" (its name trimmed to "=1+1": names lose the spaces
     at their ends) is guarded; so are a reason and evidence after a line feed */
  CU_ASSERT_PTR_NOT_NULL(strstr(t, "\r\nt2,'=1+1,"));
  CU_ASSERT_PTR_NOT_NULL(strstr(t, ",\"'\r\n@x\",\r\n")); /* its notes column empty */
  /* the evidence column holds the evidence fields only: the URL typed into
     t1's manual reason is in the reasons column, never the evidence one */
  CU_ASSERT_PTR_NOT_NULL(strstr(t, "差（证据：https://evil.example/x）\x1b[2J,"));
  CU_ASSERT_PTR_NULL(strstr(t, ",https://evil.example/x"));
  CU_ASSERT_PTR_NOT_NULL(strstr(t, ",https://ok.example/\xe2\x80\xaetxt.exe,\r\n"));
  sink_free(&s);
  run_free(&x);
}

/* Observations read back from CSV: the guard the writer adds is dropped, and
   nothing else. */
static void test_csv_read_back(void) {
  static const char SHEET[] = "unit,point,score,reason,evidence\r\n"
                              "t1,P2,10,\"' =1+1\",\"'\n@x\"\r\n"
                              "t2,P2,10,'=2,''=3\r\n";
  run x;
  memset(&x, 0, sizeof x);
  CU_ASSERT_EQUAL_FATAL(test_load_text(HOSTILE_YAML, &x.fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&x.ev, x.fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(x.ev, "2023-12-15", NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_add_buffer(x.ev, SHEET, sizeof SHEET - 1, "s.csv", GOVOPEN_FORMAT_CSV, NULL),
                        GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(x.ev), 2);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(x.ev, &x.r, NULL), GOVOPEN_OK);
  const char *r0 = govopen_result_cell_reason_text(x.r, 0, 1, 0);
  const char *r1 = govopen_result_cell_reason_text(x.r, 1, 1, 0);
  CU_ASSERT(r0 && strcmp(r0, "评估人员给分10.00（满分40.00）： =1+1") == 0);
  CU_ASSERT(r1 && strcmp(r1, "评估人员给分10.00（满分40.00）：=2") == 0);
  const char *e0 = govopen_result_cell_reason_evidence(x.r, 0, 1, 0, 0);
  const char *e1 = govopen_result_cell_reason_evidence(x.r, 1, 1, 0, 0);
  CU_ASSERT(e0 && strcmp(e0, "\n@x") == 0);
  CU_ASSERT(e1 && strcmp(e1, "''=3") == 0);
  run_free(&x);
}

/* --- HTML and Markdown: links ----------------------------------------------------------- */

static void test_html_links(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_hostile(&x), 0);
  sink s = {0};
  size_t len = 0;
  char *h = sink_text(&s, govopen_result_write_html(x.r, 0, sink_write, &s), 0, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(h);
  CU_ASSERT_FALSE(has_byte(h, len, 0x1b));
  CU_ASSERT_FALSE(has_byte(h, len, 0x07));
  CU_ASSERT_PTR_NULL(strstr(h, "\xe2\x80\xae"));
  /* a plain https URL is a link */
  CU_ASSERT_PTR_NOT_NULL(strstr(h, "<li>证据：<a href=\"https://ok.example/a\" rel=\"noopener noreferrer nofollow\">"
                                   "https://ok.example/a</a>\n"));
  /* one holding U+202E is text, the control as a space */
  CU_ASSERT_PTR_NOT_NULL(strstr(h, "<li>证据：https://ok.example/ txt.exe\n"));
  CU_ASSERT_PTR_NULL(strstr(h, "href=\"https://ok.example/ "));
  CU_ASSERT_PTR_NULL(strstr(h, "href=\"https://ok.example/\xe2"));
  /* "（证据：…）" typed into a manual reason: text, never a link nor evidence */
  CU_ASSERT_PTR_NOT_NULL(
      strstr(h, "<li>失分：评估人员给分10.00（满分40.00）：差（证据：https://evil.example/x） [2J\n"));
  CU_ASSERT_PTR_NULL(strstr(h, "href=\"https://evil"));
  CU_ASSERT_PTR_NULL(strstr(h, "证据：https://evil.example/x\n"));
  sink_free(&s);

  char *m = sink_text(&s, govopen_result_write_markdown(x.r, 0, sink_write, &s), 0, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(m);
  CU_ASSERT_FALSE(has_byte(m, len, 0x1b));
  CU_ASSERT_PTR_NULL(strstr(m, "\xe2\x80\xae"));
  CU_ASSERT_PTR_NOT_NULL(strstr(m, "<https://ok.example/a>"));
  CU_ASSERT_PTR_NULL(strstr(m, "<https://evil"));
  CU_ASSERT_PTR_NULL(strstr(m, "<https://ok.example/ "));
  sink_free(&s);
  run_free(&x);
}

/* The URL check alone: no link with a bidirectional control anywhere. */
static void test_url_linkable(void) {
  static const char *const no[] = {("https://a.example/\xe2\x80\xae"
                                    "cod.exe"),
                                   "https://a\xe2\x81\xa6.example/",
                                   "https://a.example/\xe2\x80\x8f",
                                   "https://a.example/\xd8\x9c",
                                   "https://a.example/\x1b",
                                   "https://a.example/\xc2\x9b"};
  for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) CU_ASSERT_FALSE(gv_url_linkable(no[i], strlen(no[i]), "<>"));
  CU_ASSERT_TRUE(gv_url_linkable("https://岚皋.gov.cn/公开", strlen("https://岚皋.gov.cn/公开"), "<>"));
}

/* --- plain text: the rectification list and the diff ---------------------------------------- */

static void test_plain_text_writers(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_hostile(&x), 0);
  sink s = {0};
  size_t len = 0;
  char *t = sink_text(&s, govopen_result_write_rectify(x.r, 0, 0, sink_write, &s), 0, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(t);
  CU_ASSERT_FALSE(has_byte(t, len, 0x1b));
  CU_ASSERT_FALSE(has_byte(t, len, 0x07));
  CU_ASSERT_PTR_NULL(strstr(t, "\xe2\x80\xae"));
  CU_ASSERT(strncmp(t,
                    "整改清单：镇\\x1b]8;;https://evil.example/\\x1b\\点我\\x1b]8;;\\x1b\\（t1）\n"
                    "\\x1b]0;pwned\\x07标题\\x1b[2J，截至 2023-12-15\n",
                    strlen("整改清单：镇\\x1b]8;;https://evil.example/\\x1b\\点我\\x1b]8;;\\x1b\\（t1）\n"
                           "\\x1b]0;pwned\\x07标题\\x1b[2J，截至 2023-12-15\n")) == 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(t, "指标\\x1b[31m\\u202e红\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(t, "   证据：https://ok.example/\\u202etxt.exe\n"));
  CU_ASSERT_PTR_NOT_NULL(
      strstr(t, "   失分：评估人员给分10.00（满分40.00）：差（证据：https://evil.example/x）\\x1b[2J\n"));
  CU_ASSERT_PTR_NULL(strstr(t, "   证据：https://evil"));
  sink_free(&s);

  govopen_framework *plain = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_builtin(&plain, "langao-2023", NULL, NULL), GOVOPEN_OK);
  size_t changes = 0;
  CU_ASSERT_EQUAL(govopen_framework_diff(plain, x.fw, 0, sink_write, &s, &changes), GOVOPEN_OK);
  CU_ASSERT_PTR_NOT_NULL_FATAL(s.data);
  CU_ASSERT(changes > 0);
  CU_ASSERT_FALSE(has_byte(s.data, s.len, 0x1b));
  CU_ASSERT_FALSE(has_byte(s.data, s.len, 0x07));
  CU_ASSERT_PTR_NOT_NULL(strstr(s.data, "\\x1b]0;pwned\\x07标题\\x1b[2J"));
  sink_free(&s);
  govopen_framework_free(plain);
  run_free(&x);
}

static const test_case cases[] = {{"terminal escapes, exact bytes", test_escape_terminal},
                                  {"govopen_text_escape", test_text_escape_api},
                                  {"formula risk", test_formula_risk},
                                  {"CSV guard, exact bytes", test_csv_guard_bytes},
                                  {"CSV tables of hostile input", test_csv_tables},
                                  {"CSV guard read back", test_csv_read_back},
                                  {"HTML and Markdown links", test_html_links},
                                  {"URL check", test_url_linkable},
                                  {"plain-text writers", test_plain_text_writers},
                                  {NULL, NULL}};
GV_TEST_SUITE(h13_output, cases);
