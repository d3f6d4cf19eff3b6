/* Issue 13, items 9 and 10: what a human cannot see chooses nothing.
 * Unicode spaces are trimmed from names and categories, zero-width and
 * direction characters refused; an unknown category is refused with the
 * known ones; an observation dated after the as-of date is refused; an
 * adjustment applies once unless repeatable; a clamped total says so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "util/utf8.h"

/* --- lib/util/utf8.c --------------------------------------------------------- */

static void test_utf8_decode(void) {
  unsigned cp = 0;
  CU_ASSERT_EQUAL(gv_utf8_decode("A", 1, &cp), 1);
  CU_ASSERT_EQUAL(cp, 'A');
  CU_ASSERT_EQUAL(gv_utf8_decode("\xC2\xA0", 2, &cp), 2);
  CU_ASSERT_EQUAL(cp, 0xA0);
  CU_ASSERT_EQUAL(gv_utf8_decode("\xE2\x80\x8B", 3, &cp), 3);
  CU_ASSERT_EQUAL(cp, 0x200B);
  CU_ASSERT_EQUAL(gv_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
  CU_ASSERT_EQUAL(cp, 0x1F600);
  CU_ASSERT_EQUAL(gv_utf8_decode("", 0, &cp), 0);
  CU_ASSERT_EQUAL(gv_utf8_decode("\xE2\x80", 2, &cp), 0);         /* cut short */
  CU_ASSERT_EQUAL(gv_utf8_decode("\xC0\xA0", 2, &cp), 0);         /* overlong */
  CU_ASSERT_EQUAL(gv_utf8_decode("\xED\xA0\x80", 3, &cp), 0);     /* a surrogate */
  CU_ASSERT_EQUAL(gv_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0); /* above U+10FFFF */
  CU_ASSERT_EQUAL(gv_utf8_decode("\x80", 1, &cp), 0);
}

static void test_utf8_classes(void) {
  /* spaces: ASCII white space, U+00A0, U+1680, U+2000 … U+200A, U+202F, U+205F, U+3000 */
  static const unsigned spaces[] = {' ',    '\t',   '\n',   '\v',   '\f',   '\r',   0xA0,
                                    0x1680, 0x2000, 0x2005, 0x200A, 0x202F, 0x205F, 0x3000};
  for (size_t i = 0; i < sizeof spaces / sizeof spaces[0]; i++) {
    CU_ASSERT(gv_utf8_is_space(spaces[i]));
    CU_ASSERT(!gv_utf8_is_invisible(spaces[i]));
  }
  static const unsigned not_spaces[] = {'a',    0x1F,   0x85,   0x9F,   0xA1,   0x167F, 0x1FFF, 0x200B,
                                        0x2028, 0x2029, 0x202E, 0x2060, 0x3001, 0xFEFF, 0x4E2D};
  for (size_t i = 0; i < sizeof not_spaces / sizeof not_spaces[0]; i++) CU_ASSERT(!gv_utf8_is_space(not_spaces[i]));
  /* invisible: U+200B … U+200F, U+2060 … U+2064, U+FEFF, U+202A … U+202E, U+2066 … U+2069, U+061C */
  static const unsigned invisible[] = {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0x2061,
                                       0x2062, 0x2063, 0x2064, 0xFEFF, 0x202A, 0x202B, 0x202C,
                                       0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x061C};
  for (size_t i = 0; i < sizeof invisible / sizeof invisible[0]; i++) {
    CU_ASSERT(gv_utf8_is_invisible(invisible[i]));
    CU_ASSERT(!gv_utf8_is_space(invisible[i]));
    CU_ASSERT_STRING_NOT_EQUAL(gv_utf8_invisible_name(invisible[i]), "an invisible character");
  }
  static const unsigned visible[] = {0x200A, 0x2010, 0x2029, 0x202F, 0x205F, 0x2065, 0x206A,
                                     0x061B, 0x061D, 0xFEFE, 0xFF00, 'a',    0x4E2D};
  for (size_t i = 0; i < sizeof visible / sizeof visible[0]; i++) CU_ASSERT(!gv_utf8_is_invisible(visible[i]));
  CU_ASSERT_STRING_EQUAL(gv_utf8_invisible_name(0x200B), "ZERO WIDTH SPACE");
  CU_ASSERT_STRING_EQUAL(gv_utf8_invisible_name(0x202E), "RIGHT-TO-LEFT OVERRIDE");
  CU_ASSERT_STRING_EQUAL(gv_utf8_invisible_name(0x061C), "ARABIC LETTER MARK");
}

static void check_trim(const char *in, const char *want) {
  const char *s = in;
  size_t n = strlen(in);
  gv_utf8_trim(&s, &n);
  CU_ASSERT_EQUAL(n, strlen(want));
  CU_ASSERT(n == strlen(want) && memcmp(s, want, n) == 0);
}

static void test_utf8_trim(void) {
  check_trim("重大", "重大");
  check_trim("重大\xC2\xA0", "重大");                 /* a no-break space pasted from Excel */
  check_trim("\xE3\x80\x80重大\xE3\x80\x80", "重大"); /* ideographic spaces */
  check_trim(" \t重大\r\n", "重大");
  check_trim("\xE2\x80\xAF\xE2\x81\x9F\xE1\x9A\x80重 大\xE2\x80\x80\xE2\x80\x8A",
             "重 大");                                /* U+202F U+205F U+1680; U+2000 U+200A */
  check_trim("重大\xE2\x80\x8B", "重大\xE2\x80\x8B"); /* a zero-width space is not trimmed: it is refused */
  check_trim("\xC2\xA0\xE3\x80\x80 ", "");
  check_trim("", "");
  check_trim("a\xC2", "a\xC2"); /* a cut character at the end stays */
  CU_ASSERT(gv_utf8_blank("\xC2\xA0 \xE3\x80\x80\xE2\x80\x83", 9));
  CU_ASSERT(!gv_utf8_blank("\xE2\x80\x8B", 3));
}

static void test_utf8_find_invisible(void) {
  size_t chars = 99;
  unsigned cp = 0;
  const char *s = "城关\xE2\x80\x8B镇";
  CU_ASSERT_EQUAL(gv_utf8_find_invisible(s, strlen(s), &chars, &cp), 6);
  CU_ASSERT_EQUAL(chars, 2);
  CU_ASSERT_EQUAL(cp, 0x200B);
  s = "ab\xE2\x80\xAE"
      "cd";
  CU_ASSERT_EQUAL(gv_utf8_find_invisible(s, strlen(s), &chars, &cp), 2);
  CU_ASSERT_EQUAL(chars, 2);
  CU_ASSERT_EQUAL(cp, 0x202E);
  s = "\xEF\xBB\xBFx"; /* U+FEFF inside a value */
  CU_ASSERT_EQUAL(gv_utf8_find_invisible(s, strlen(s), &chars, &cp), 0);
  CU_ASSERT_EQUAL(cp, 0xFEFF);
  s = "\xD8\x9C"; /* U+061C */
  CU_ASSERT_EQUAL(gv_utf8_find_invisible(s, strlen(s), NULL, &cp), 0);
  CU_ASSERT_EQUAL(cp, 0x061C);
  s = "重大\xC2\xA0\xE3\x80\x80";
  CU_ASSERT_EQUAL(gv_utf8_find_invisible(s, strlen(s), NULL, NULL), strlen(s));
  s = "\xFF\xE2\x81\xA0"; /* a stray byte, then U+2060 */
  CU_ASSERT_EQUAL(gv_utf8_find_invisible(s, strlen(s), &chars, &cp), 1);
  CU_ASSERT_EQUAL(chars, 1);
  CU_ASSERT_EQUAL(cp, 0x2060);
}

/* --- frameworks --------------------------------------------------------------------- */

/* The first error of a chain (warnings skipped), or NULL. */
static const govopen_error *first_error(const govopen_error *e) {
  while (e && govopen_error_severity(e) != GOVOPEN_SEVERITY_ERROR) e = govopen_error_next(e);
  return e;
}

/* Loading `yaml` fails with `nerr` errors, the first at line:col, its message holding `msg`. */
static void load_fails_n(const char *yaml, size_t nerr, unsigned line, unsigned col, const char *msg,
                         const char *path) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_NOT_EQUAL(test_load_text(yaml, &fw, &err), GOVOPEN_OK);
  CU_ASSERT_PTR_NULL(fw);
  const govopen_error *e = first_error(err);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(govopen_error_count(err, GOVOPEN_SEVERITY_ERROR), nerr);
  CU_ASSERT_EQUAL(govopen_error_code(e), GOVOPEN_ESCHEMA);
  CU_ASSERT_STRING_EQUAL(govopen_error_source(e), "test.yaml");
  CU_ASSERT_EQUAL(govopen_error_line(e), line);
  CU_ASSERT_EQUAL(govopen_error_column(e), col);
  CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(e), msg));
  CU_ASSERT_STRING_EQUAL(govopen_error_path(e), path);
  if (govopen_error_line(e) != line || govopen_error_column(e) != col || !strstr(govopen_error_message(e), msg))
    fprintf(stderr, "\n  got %u:%u %s [%s]\n", govopen_error_line(e), govopen_error_column(e), govopen_error_message(e),
            govopen_error_path(e));
  if (govopen_error_count(err, GOVOPEN_SEVERITY_ERROR) != nerr)
    for (const govopen_error *x = err; x; x = govopen_error_next(x))
      fprintf(stderr, "\n  error %u:%u %s\n", govopen_error_line(x), govopen_error_column(x), govopen_error_message(x));
  govopen_error_free(err);
}

static void load_fails(const char *yaml, unsigned line, unsigned col, const char *msg, const char *path) {
  load_fails_n(yaml, 1, line, col, msg, path);
}

#define HEAD "schema: 1\nframework: {id: t, title: 测试, total: 10, year: 2023}\n"
#define TAIL                                                                                                         \
  "indicators:\n"                                                                                                    \
  "  - {id: \"1\", title: 一, score: 10, points: [{id: P1, text: 点, sampling: [政府网站], responsible: [a], " \
  "rule: {kind: boolean}}]}\n"

static void test_framework_names(void) {
  /* names that differ only by a zero-width character are refused, at the value */
  load_fails(
      HEAD "units:\n  - {id: a, name: 城关镇, kind: town}\n  - {id: b, name: \"城关\\u200b镇\", kind: town}\n" TAIL, 5,
      19, "the name contains U+200B (ZERO WIDTH SPACE), an invisible character, at character 3", "units[1].name");
  /* names that differ only by spaces at their ends collide as duplicates */
  load_fails(HEAD
             "units:\n  - {id: a, name: 城关镇, kind: town}\n  - {id: b, name: \"城关镇\\u00a0\", kind: town}\n" TAIL,
             5, 19, "'城关镇' is already used as the name or alias of unit 'a' at line 4, column 19", "units[1].name");
  load_fails(HEAD
             "units:\n  - {id: a, name: 城关镇, kind: town}\n  - {id: b, name: \"\\u3000城关镇 \", kind: town}\n" TAIL,
             5, 19, "'城关镇' is already used as the name or alias of unit 'a' at line 4, column 19", "units[1].name");
  /* an alias with a right-to-left override; a group name with a word joiner */
  load_fails(HEAD "units:\n  - {id: a, name: 甲镇, kind: town, aliases: [甲, \"\\u202e乙\"]}\n" TAIL, 4, 48,
             "U+202E (RIGHT-TO-LEFT OVERRIDE), an invisible character, at character 1", "units[0].aliases[1]");
  load_fails(
      HEAD
      "units:\n  - {id: a, name: 甲镇, kind: town}\ngroups:\n  - {id: g, name: \"各\\u2060镇\", kinds: [town]}\n" TAIL,
      6, 19, "U+2060 (WORD JOINER), an invisible character, at character 2", "groups[0].name");
  /* an id is trimmed, then checked: a zero-width joiner is named (and P1's responsible 'a' is unknown) */
  load_fails_n(HEAD "units:\n  - {id: \"a\\u200d\", name: 甲镇, kind: town}\n" TAIL, 2, 4, 10,
               "U+200D (ZERO WIDTH JOINER)", "units[0].id");

  /* spaces trimmed: the name is the one seen, the responsible entry finds it */
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL_FATAL(
      test_load_text(HEAD "units:\n  - {id: \" a\\u00a0\", name: \"\\u3000城关镇\\u2003\", kind: \"town\\t\", "
                          "aliases: [\"\\u202f城关\"]}\n" TAIL,
                     &fw, &err),
      GOVOPEN_OK);
  const govopen_unit *u = govopen_framework_unit_find(fw, "城关镇");
  CU_ASSERT_PTR_NOT_NULL_FATAL(u);
  CU_ASSERT_STRING_EQUAL(govopen_unit_id(u), "a");
  CU_ASSERT_STRING_EQUAL(govopen_unit_name(u), "城关镇");
  CU_ASSERT_PTR_EQUAL(govopen_framework_unit_find(fw, "城关"), u);
  govopen_framework_free(fw);
  govopen_error_free(err);
}

#define RULE_HEAD                                                                 \
  HEAD "units:\n  - {id: a, name: 甲镇, kind: town}\n"                          \
       "indicators:\n"                                                            \
       "  - id: \"1\"\n    title: 一\n    score: 10\n    points:\n"              \
       "      - id: P1\n        text: 舆情\n        sampling: [政府网站]\n" \
       "        responsible: [a]\n        rule:\n          kind: deadline\n"      \
       "          tiers:\n            cases:\n"

static void test_framework_categories(void) {
  /* 17 lines before the cases */
  load_fails(RULE_HEAD "              重大: {limit: {hours: 5}}\n              \"重大\\u00a0\": {limit: {hours: 48}}\n",
             19, 15, "the category '重大' is already a case at line 18, column 15",
             "indicators[0].points[0].rule.tiers.cases.重大\xC2\xA0");
  load_fails(RULE_HEAD "              \"重大\\u200b\": {limit: {hours: 5}}\n", 18, 15,
             "U+200B (ZERO WIDTH SPACE), an invisible character, at character 3",
             "indicators[0].points[0].rule.tiers.cases.重大\xE2\x80\x8B");
  /* a checklist item and a rule's enumerated value */
  load_fails(HEAD
             "units:\n  - {id: a, name: 甲镇, kind: town}\nindicators:\n  - {id: \"1\", title: 一, score: 10, points: "
             "[{id: P1, text: 点, sampling: [政府网站], responsible: [a], rule: {kind: checklist, items: [一, "
             "\"二\\ufeff\"]}}]}\n",
             6, 134, "U+FEFF (ZERO WIDTH NO-BREAK SPACE), an invisible character, at character 2",
             "indicators[0].points[0].rule.items[1]");
}

static void test_framework_repeatable(void) {
  load_fails(HEAD "units:\n  - {id: a, name: 甲镇, kind: town}\nadjustments:\n  - {id: praise, delta: 3, text: 表扬, "
                  "repeatable: yes}\n" TAIL,
             6, 50, "expected true or false", "adjustments[0].repeatable");
  govopen_framework *fw = NULL;
  CU_ASSERT_EQUAL_FATAL(test_load_text(HEAD "units:\n  - {id: a, name: 甲镇, kind: town}\nadjustments:\n"
                                            "  - {id: praise, delta: 3, text: 表扬}\n"
                                            "  - {id: reprint, delta: 1, text: 转载, repeatable: true}\n" TAIL,
                                       &fw, NULL),
                        GOVOPEN_OK);
  char *json = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_to_json(fw, 0, &json, NULL), GOVOPEN_OK);
  CU_ASSERT_PTR_NOT_NULL(strstr(json, "{\"id\":\"praise\",\"delta\":3,\"text\":\"表扬\"}"));
  CU_ASSERT_PTR_NOT_NULL(strstr(json, "{\"id\":\"reprint\",\"delta\":1,\"text\":\"转载\",\"repeatable\":true}"));
  govopen_free(json);
  govopen_framework_free(fw);
  /* the built-in Langao framework: the 备注 apply once each */
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_builtin(&fw, "langao-2023", NULL, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_framework_to_json(fw, 0, &json, NULL), GOVOPEN_OK);
  CU_ASSERT_PTR_NULL(strstr(json, "\"repeatable\""));
  CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"id\":\"national-praise\""));
  govopen_free(json);
  govopen_framework_free(fw);
}

/* --- observations --------------------------------------------------------------------- */

/* Six towns; P1 a deadline by category (重大 5 hours to the authoritative
   information, 一般 48 hours, the default 48 hours), P2 a boolean. */
static const char FW[] =
    "schema: 1\n"
    "framework: {id: t, title: 测试, total: 100, year: 2023, calendar: cn, cap_adjusted: true}\n"
    "units:\n"
    "  - {id: u1, name: 甲镇, kind: town}\n"
    "  - {id: u2, name: 乙镇, kind: town}\n"
    "  - {id: u3, name: 丙镇, kind: town}\n"
    "  - {id: u4, name: 丁镇, kind: town}\n"
    "  - {id: u5, name: 戊镇, kind: town}\n"
    "  - {id: u6, name: 己镇, kind: town}\n"
    "adjustments:\n"
    "  - {id: praise, delta: 3, text: 表扬}\n"
    "  - {id: reprint, delta: 1, text: 转载, repeatable: true}\n"
    "indicators:\n"
    "  - id: \"1\"\n"
    "    title: 一\n"
    "    score: 100\n"
    "    points:\n"
    "      - id: P1\n"
    "        text: 舆情\n"
    "        score: 10\n"
    "        sampling: [政府网站]\n"
    "        responsible: [u1, u2, u3, u4, u5, u6]\n"
    "        rule:\n"
    "          kind: deadline\n"
    "          tiers:\n"
    "            cases:\n"
    "              重大: {limits: [{name: 权威信息, end: info_published, hours: 5}]}\n"
    "              一般: {limit: {hours: 48}}\n"
    "            default: {limit: {hours: 48}}\n"
    "      - {id: P2, text: 公开, score: 90, sampling: [政府网站], responsible: [u1, u2, u3, u4, u5, u6], rule: {kind: "
    "boolean}}\n";

typedef struct ctx {
  govopen_framework *fw;
  govopen_evaluation *ev;
  govopen_result *r;
} ctx;

static void ctx_open(ctx *c) {
  memset(c, 0, sizeof *c);
  CU_ASSERT_EQUAL_FATAL(test_load_text(FW, &c->fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&c->ev, c->fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_set_as_of(c->ev, "2023-12-15", NULL), GOVOPEN_OK);
}

static void ctx_add(ctx *c, const char *text, const char *source, int format) {
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(c->ev, text, strlen(text), source, format, NULL), GOVOPEN_OK);
}

static void ctx_run(ctx *c) { CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(c->ev, &c->r, NULL), GOVOPEN_OK); }

static void ctx_close(ctx *c) {
  govopen_result_free(c->r);
  govopen_evaluation_free(c->ev);
  govopen_framework_free(c->fw);
}

static double score(ctx *c, const char *unit, const char *point) {
  const govopen_unit *u = govopen_framework_unit_by_id(c->fw, unit);
  const govopen_point *p = govopen_framework_point_by_id(c->fw, point);
  if (u == NULL || p == NULL) return -100;
  if (govopen_result_cell_status(c->r, govopen_unit_index(u), govopen_point_index(p)) != GOVOPEN_CELL_SCORED) return -1;
  return govopen_result_cell_score(c->r, govopen_unit_index(u), govopen_point_index(p));
}

static int collect_fn(void *user, const char *data, size_t len) {
  char **buf = user;
  size_t have = *buf ? strlen(*buf) : 0;
  char *grown = realloc(*buf, have + len + 1);
  if (grown == NULL) return -1;
  memcpy(grown + have, data, len);
  grown[have + len] = '\0';
  *buf = grown;
  return 0;
}

/* A report written whole into one string (free()), or NULL. */
static char *collect(const govopen_result *r, int (*fn)(const govopen_result *, unsigned, govopen_write_fn, void *),
                     unsigned flags) {
  char *buf = NULL;
  if (fn(r, flags, collect_fn, &buf) != GOVOPEN_OK) {
    free(buf);
    return NULL;
  }
  return buf;
}

/* The i-th diagnostic of the evaluation is an error at source:line:col holding `msg`. */
static void diag_is(ctx *c, size_t i, const char *source, unsigned line, unsigned col, const char *msg,
                    const char *path) {
  const govopen_error *e = govopen_evaluation_diagnostics(c->ev);
  for (size_t k = 0; k < i && e; k++) e = govopen_error_next(e);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(govopen_error_severity(e), GOVOPEN_SEVERITY_ERROR);
  CU_ASSERT_STRING_EQUAL(govopen_error_source(e), source);
  CU_ASSERT_EQUAL(govopen_error_line(e), line);
  CU_ASSERT_EQUAL(govopen_error_column(e), col);
  CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(e), msg));
  CU_ASSERT_STRING_EQUAL(govopen_error_path(e), path);
  if (govopen_error_line(e) != line || govopen_error_column(e) != col || !strstr(govopen_error_message(e), msg))
    fprintf(stderr, "\n  got %u:%u %s [%s]\n", govopen_error_line(e), govopen_error_column(e), govopen_error_message(e),
            govopen_error_path(e));
}

/* The authoritative information 6 hours after the start: late for 重大 (5
   hours), on time for 48 hours. */
#define LATE6 \
  "\"start\": \"2023-07-03T09:00\", \"info_published\": \"2023-07-03T15:00\", \"end\": \"2023-07-03T15:00\"}\n"

static void test_categories_jsonl(void) {
  ctx c;
  ctx_open(&c);
  ctx_add(&c,
          "{\"category\": \"重大\\u00a0\", \"unit\": \"u1\", \"point\": \"P1\", " LATE6
          "{\"category\": \" 重大\", \"unit\": \"u2\", \"point\": \"P1\", " LATE6
          "{\"category\": \"重大\u3000\", \"unit\": \"u3\", \"point\": \"P1\", " LATE6
          "{\"category\": \"重大\\u200b\", \"unit\": \"u4\", \"point\": \"P1\", " LATE6
          "{\"category\": \"特大\", \"unit\": \"u5\", \"point\": \"P1\", " LATE6
          "{\"unit\": \"u6\", \"point\": \"P1\", " LATE6
          "{\"category\": \"一般\", \"unit\": \"u4\", \"point\": \"P1\", " LATE6,
          "cat.jsonl", GOVOPEN_FORMAT_JSONL);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(c.ev), 5);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(c.ev), 2);
  diag_is(&c, 0, "cat.jsonl", 4, 14,
          "the name contains U+200B (ZERO WIDTH SPACE), an invisible character, at character 3", "records[3].category");
  diag_is(&c, 1, "cat.jsonl", 5, 14, "unknown category '特大' for P1 (known: 重大、一般; without it, the default tier)",
          "records[4].category");
  CU_ASSERT_PTR_NULL(govopen_error_next(govopen_error_next(govopen_evaluation_diagnostics(c.ev))));
  ctx_run(&c);
  CU_ASSERT_DOUBLE_EQUAL(score(&c, "u1", "P1"), 0.0, 1e-9);  /* 重大 + NBSP: 重大, late */
  CU_ASSERT_DOUBLE_EQUAL(score(&c, "u2", "P1"), 0.0, 1e-9);  /* a leading space */
  CU_ASSERT_DOUBLE_EQUAL(score(&c, "u3", "P1"), 0.0, 1e-9);  /* an ideographic space */
  CU_ASSERT_DOUBLE_EQUAL(score(&c, "u4", "P1"), 10.0, 1e-9); /* only 一般 was accepted */
  CU_ASSERT_DOUBLE_EQUAL(score(&c, "u5", "P1"), -1.0, 1e-9); /* refused: not evaluated */
  CU_ASSERT_DOUBLE_EQUAL(score(&c, "u6", "P1"), 10.0, 1e-9); /* no category: the default tier */
  ctx_close(&c);
}

/* The worksheet an evaluator filled in in Excel, saved as CSV. */
static void test_categories_csv(void) {
  ctx c;
  ctx_open(&c);
  ctx_add(&c,
          "unit,point,category,start,info_published,end\r\n"
          "甲镇,P1,重大\xC2\xA0,2023/7/3 9:00,2023/7/3 15:00,2023/7/3 15:00\r\n"
          "乙镇 ,P1, 重大,2023-07-03 09:00,2023-07-03 15:00,2023-07-03 15:00\r\n"
          "丙镇,P1,\xE3\x80\x80重大\xE3\x80\x80,2023-07-03T09:00,2023-07-03T15:00,2023-07-03T15:00\r\n"
          "丁镇,P1,重大\xE2\x80\x8B,2023-07-03T09:00,2023-07-03T15:00,2023-07-03T15:00\r\n"
          "戊镇,P1,较大,2023-07-03T09:00,2023-07-03T15:00,2023-07-03T15:00\r\n"
          "己镇,P1,,2023-07-03T09:00,2023-07-03T15:00,2023-07-03T15:00\r\n",
          "sheet.csv", GOVOPEN_FORMAT_CSV);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(c.ev), 4);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(c.ev), 2);
  diag_is(&c, 0, "sheet.csv", 5, 7, "U+200B (ZERO WIDTH SPACE), an invisible character, at character 3",
          "records[3].category");
  diag_is(&c, 1, "sheet.csv", 6, 7, "unknown category '较大' for P1 (known: 重大、一般", "records[4].category");
  ctx_run(&c);
  CU_ASSERT_DOUBLE_EQUAL(score(&c, "u1", "P1"), 0.0, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(score(&c, "u2", "P1"), 0.0, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(score(&c, "u3", "P1"), 0.0, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(score(&c, "u4", "P1"), -1.0, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(score(&c, "u5", "P1"), -1.0, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(score(&c, "u6", "P1"), 10.0, 1e-9);
  ctx_close(&c);
}

/* Units, points and adjustments named with spaces no one sees are found;
   with a zero-width character they are refused. YAML observations too. */
static void test_observation_names(void) {
  ctx c;
  ctx_open(&c);
  ctx_add(&c,
          "- {unit: \"甲镇\\u00a0\", point: \" P2\", value: true}\n"
          "- {unit: \"乙\\u200c镇\", point: P2, value: true}\n"
          "- {unit: 丙镇, point: \"P2\\u2066\", value: true}\n"
          "- {adjustment: \"\\u3000praise\"}\n",
          "obs.yaml", GOVOPEN_FORMAT_YAML);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(c.ev), 2);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(c.ev), 2);
  diag_is(&c, 0, "obs.yaml", 2, 10, "U+200C (ZERO WIDTH NON-JOINER), an invisible character, at character 2",
          "records[1].unit");
  diag_is(&c, 1, "obs.yaml", 3, 21, "U+2066 (LEFT-TO-RIGHT ISOLATE), an invisible character, at character 3",
          "records[2].point");
  ctx_run(&c);
  CU_ASSERT_DOUBLE_EQUAL(score(&c, "u1", "P2"), 90.0, 1e-9);
  CU_ASSERT_EQUAL(govopen_result_adjustment_count(c.r), 1);
  ctx_close(&c);
}

/* An observation dated after the as-of date never wins "latest": refused. */
static void test_observed_future(void) {
  ctx c;
  ctx_open(&c);
  ctx_add(&c,
          "{\"unit\": \"u1\", \"point\": \"P2\", \"observed\": \"9999-12-31\", \"value\": false}\n"
          "{\"unit\": \"u1\", \"point\": \"P2\", \"observed\": \"2023-12-01\", \"value\": true}\n"
          "{\"unit\": \"u2\", \"point\": \"P2\", \"observed\": \"2023-12-16\", \"value\": true}\n"
          "{\"unit\": \"u2\", \"point\": \"P2\", \"observed\": \"2023-12-15\", \"value\": false}\n",
          "late.jsonl", GOVOPEN_FORMAT_JSONL);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(c.ev), 2);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(c.ev), 2);
  diag_is(&c, 0, "late.jsonl", 1, 43, "the observation date 9999-12-31 is after the evaluation's as-of date 2023-12-15",
          "records[0].observed");
  diag_is(&c, 1, "late.jsonl", 3, 43, "the observation date 2023-12-16 is after the evaluation's as-of date 2023-12-15",
          "records[2].observed");
  ctx_run(&c);
  CU_ASSERT_DOUBLE_EQUAL(score(&c, "u1", "P2"), 90.0, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(score(&c, "u2", "P2"), 0.0, 1e-9); /* the as-of date itself is accepted */
  ctx_close(&c);
}

/* 1,000 praises of the county: one applies, 999 are refused, each naming the
   first; a repeatable adjustment stacks; a unit's praise applies once per
   unit; the clamped county total says so. */
static void test_adjustments_once(void) {
  ctx c;
  ctx_open(&c);
  size_t cap = 1 << 17, len = 0;
  char *text = malloc(cap);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  for (int i = 0; i < 6; i++)
    len += (size_t)snprintf(text + len, cap - len, "{\"unit\": \"u%d\", \"point\": \"P2\", \"value\": true}\n", i + 1);
  for (int i = 0; i < 1000; i++) len += (size_t)snprintf(text + len, cap - len, "{\"adjustment\": \"praise\"}\n");
  len += (size_t)snprintf(
      text + len, cap - len,
      "{\"adjustment\": \"reprint\"}\n{\"adjustment\": \"reprint\"}\n{\"adjustment\": \"reprint\"}\n"
      "{\"adjustment\": \"praise\", \"unit\": \"甲镇\"}\n{\"adjustment\": \"praise\", \"unit\": \"u2\"}\n"
      "{\"adjustment\": \"praise\", \"unit\": \"u1\"}\n");
  ctx_add(&c, text, "adj.jsonl", GOVOPEN_FORMAT_JSONL);
  free(text);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(c.ev), 6 + 1 + 3 + 2);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(c.ev), 999 + 1);
  size_t n = 0;
  for (const govopen_error *e = govopen_evaluation_diagnostics(c.ev); e; e = govopen_error_next(e), n++) {
    if (n < 999) {
      CU_ASSERT_EQUAL(govopen_error_line(e), 8 + n);
      CU_ASSERT_EQUAL(govopen_error_column(e), 16);
      CU_ASSERT_STRING_EQUAL(govopen_error_message(e),
                             "the adjustment 'praise' was already triggered for the county at adj.jsonl:7:16: it "
                             "applies once (the framework does not declare it repeatable)");
    }
  }
  CU_ASSERT_EQUAL(n, 1000);
  diag_is(&c, 999, "adj.jsonl", 1012, 16, "the adjustment 'praise' was already triggered for 甲镇 at adj.jsonl:1010:16",
          "records[1011].adjustment");
  /* a later call: the county's praise was triggered by the first one */
  ctx_add(&c, "{\"evidence\": \"again\", \"adjustment\": \"praise\"}\n", "more.jsonl", GOVOPEN_FORMAT_JSONL);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(c.ev), 1001);
  diag_is(&c, 1000, "more.jsonl", 1, 37, "already triggered for the county at adj.jsonl:7:16", "records[0].adjustment");
  ctx_run(&c);
  /* every unit 90 of 90: 100 normalised; + 3 (praise, once) + 3 × 1 (reprint, repeatable) = 106, clamped to 100 */
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_county_normalised(c.r), 100.0, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_county_unclamped(c.r), 106.0, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_county_total(c.r), 100.0, 1e-9);
  CU_ASSERT_EQUAL(govopen_result_adjustment_count(c.r), 4);
  /* a unit's adjustments are uncapped (cap_adjusted is the county's) */
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_unit_total(c.r, 0), 103.0, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_unit_total(c.r, 1), 103.0, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_unit_total(c.r, 2), 100.0, 1e-9);
  char *json = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_result_to_json(c.r, 0, &json, NULL), GOVOPEN_OK);
  CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"total\":100,\"clamped\":true,\"unclamped\":106,\"grade\":null"));
  govopen_free(json);
  /* the reports say so */
  char *md = collect(c.r, govopen_result_write_markdown, 0);
  CU_ASSERT(md && strstr(md, "- **总分：100.00**\n- 封顶：加减分后为 106.00，按 0 至 100.00 计（cap_adjusted）\n"));
  free(md);
  md = collect(c.r, govopen_result_write_markdown, GOVOPEN_REPORT_LANG_EN);
  CU_ASSERT(md && strstr(md, "- **Total: 100.00**\n- Clamped: adjusted total 106.00, kept within 0 … 100.00 "
                             "(cap_adjusted)\n"));
  free(md);
  char *html = collect(c.r, govopen_result_write_html, 0);
  CU_ASSERT(html && strstr(html, "<tr class=\"total\"><th>总分</th><td class=\"num\">100.00</td><td>封顶："
                                 "加减分后为 106.00，按 0 至 100.00 计</td></tr>"));
  free(html);
  ctx_close(&c);

  /* not clamped: no field */
  ctx_open(&c);
  ctx_add(&c, "{\"unit\": \"u1\", \"point\": \"P2\", \"value\": false}\n{\"adjustment\": \"praise\"}\n", "a.jsonl",
          GOVOPEN_FORMAT_JSONL);
  ctx_run(&c);
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_county_total(c.r), 3.0, 1e-9);
  CU_ASSERT_DOUBLE_EQUAL(govopen_result_county_unclamped(c.r), 3.0, 1e-9);
  CU_ASSERT_EQUAL_FATAL(govopen_result_to_json(c.r, 0, &json, NULL), GOVOPEN_OK);
  /* (a unit's "unclamped" is always there: the member looked for is "clamped") */
  CU_ASSERT_PTR_NULL(strstr(json, "\"clamped\""));
  govopen_free(json);
  ctx_close(&c);
}

/* Strict mode stops at the second trigger, and reports it alone. */
static void test_adjustments_strict(void) {
  ctx c;
  ctx_open(&c);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(c.ev, GOVOPEN_EVAL_STRICT, 1), GOVOPEN_OK);
  govopen_error *err = NULL;
  const char *text =
      "{\"adjustment\": \"praise\"}\n{\"adjustment\": \"praise\"}\n{\"unit\": \"u1\", \"point\": \"P2\", "
      "\"value\": true}\n";
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(c.ev, text, strlen(text), "s.jsonl", GOVOPEN_FORMAT_JSONL, &err),
                  GOVOPEN_ESCHEMA);
  CU_ASSERT_PTR_NOT_NULL_FATAL(err);
  CU_ASSERT_EQUAL(govopen_error_line(err), 2);
  CU_ASSERT_EQUAL(govopen_error_column(err), 16);
  CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(err), "already triggered for the county at s.jsonl:1:16"));
  CU_ASSERT_PTR_NULL(govopen_error_next(err));
  govopen_error_free(err);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(c.ev), 1);
  ctx_close(&c);
}

static const test_case cases[] = {
    {"utf8 decode", test_utf8_decode},
    {"utf8 spaces and invisible characters", test_utf8_classes},
    {"utf8 trim", test_utf8_trim},
    {"utf8 find invisible", test_utf8_find_invisible},
    {"framework names trimmed, invisible refused", test_framework_names},
    {"framework categories", test_framework_categories},
    {"adjustments: repeatable", test_framework_repeatable},
    {"categories in JSON Lines", test_categories_jsonl},
    {"categories in a CSV worksheet", test_categories_csv},
    {"names in observations", test_observation_names},
    {"observed after the as-of date", test_observed_future},
    {"adjustments apply once", test_adjustments_once},
    {"adjustments once, strict", test_adjustments_strict},
    {NULL, NULL},
};
GV_TEST_SUITE(h13_text, cases);
