/* The loader on invalid input: one table row per fixture under
 * tests/fixtures/invalid/ (each a small framework with one deliberate
 * mistake), with the status, the first error's code, position (1-based, in
 * characters, worked out from the fixture) and document path, a piece of its
 * message and how many errors the chain holds; then the limits, strict mode,
 * several mistakes at once, the formatted diagnostic and a missing file. */
#define _POSIX_C_SOURCE 200809L /* opendir() */

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

typedef struct invalid_case {
  const char *file;    /* under tests/fixtures/invalid/ */
  int status;          /* returned by govopen_framework_load_file() */
  int code;            /* the first error's code */
  unsigned line, col;  /* its position */
  const char *path;    /* its document path */
  const char *message; /* a substring of its message */
  size_t errors;       /* errors (not warnings) in the whole chain */
} invalid_case;

#define EPARSE GOVOPEN_EPARSE
#define ESCHEMA GOVOPEN_ESCHEMA
#define ELIMIT GOVOPEN_ELIMIT
#define EVERSION GOVOPEN_EVERSION

/* Most fixtures are this document with one change:
 *
 *   1  schema: 1
 *   2  framework:
 *   3    id: t-2024
 *   4    title: 测试框架
 *   5    total: 10
 *   6  units:
 *   7    - id: u1
 *   8      name: 城关镇
 *   9      kind: town
 *  10    - id: u2
 *  11      name: 县政府办
 *  12      kind: department
 *  13  groups:
 *  14    - id: towns
 *  15      name: 各镇
 *  16      kinds: [town]
 *  17  indicators:
 *  18    - title: 公开
 *  19      score: 10
 *  20      points:
 *  21        - id: P1
 *  22          text: 公开情况
 *  23          sampling: [政府网站]
 *  24          responsible: [各镇]
 */
static const invalid_case CASES[] = {
    /* --- malformed YAML and what the YAML reader refuses --- */
    /* line 9 "   kind: town" is indented 3, between the list (2) and the unit's keys (4) */
    {"yaml-bad-indentation.yaml", EPARSE, EPARSE, 9, 4, "", "did not find expected '-' indicator", 1},
    /* "responsible: [各镇" on the last line: the end of the file comes first */
    {"yaml-unclosed-flow-sequence.yaml", EPARSE, EPARSE, 25, 1, "",
     "did not find expected ',' or ']' (while parsing a flow sequence at line 24, column 22)", 1},
    /* line 4 starts with a tab, which libyaml reads as the indentation of the
       plain scalar "t-2024" continuing from line 3 */
    {"yaml-tab-indentation.yaml", EPARSE, EPARSE, 4, 1, "", "found a tab character that violates indentation", 1},
    /* byte 0xFF after "  title: 测试" (11 characters) */
    {"yaml-invalid-utf8.yaml", EPARSE, EPARSE, 4, 12, "", "invalid leading UTF-8 octet (byte 0xFF)", 1},
    /* a BOM, then "schema: 1" and 0xFF: the BOM is no character of the line */
    {"yaml-invalid-utf8-after-bom.yaml", EPARSE, EPARSE, 1, 10, "", "invalid leading UTF-8 octet (byte 0xFF)", 1},
    /* the same with CR alone ending each line, which YAML counts as a line break */
    {"yaml-invalid-utf8-cr-line-breaks.yaml", EPARSE, EPARSE, 4, 12, "", "invalid leading UTF-8 octet (byte 0xFF)", 1},
    {"yaml-second-document.yaml", EPARSE, EPARSE, 25, 1, "", "a second YAML document; a file holds one", 1},
    /* "  title: !!binary 5rWL6K+V": the tag starts the node */
    {"yaml-unsupported-tag.yaml", ESCHEMA, ESCHEMA, 4, 10, "", "unsupported YAML tag 'tag:yaml.org,2002:binary'", 1},
    /* "        sampling: *web" on line 27 */
    {"yaml-alias-refused.yaml", ELIMIT, ELIMIT, 27, 19, "",
     "YAML aliases are not allowed (alias '*web'; GOVOPEN_OPT_MAX_ALIASES is 0)", 1},
    /* a second "  title:" on line 6 */
    {"duplicate-mapping-key.yaml", EPARSE, EPARSE, 6, 3, "", "duplicate key 'title' (first at line 4, column 3)", 1},
    /* "  ? [a, b]" on line 6 */
    {"mapping-key-not-string.yaml", ESCHEMA, ESCHEMA, 6, 5, "", "a mapping key must be a plain string, not a list", 1},
    {"empty.yaml", ESCHEMA, ESCHEMA, 1, 1, "", "the document is empty", 1},
    {"top-level-not-mapping.yaml", ESCHEMA, ESCHEMA, 1, 1, "",
     "expected a framework document (a mapping), found a list", 1},
    /* "  title: \"测试\0框架\"" */
    {"nul-in-string.yaml", ESCHEMA, ESCHEMA, 4, 10, "framework.title", "the string contains a NUL character", 1},

    /* --- unknown keys, at every level --- */
    {"unknown-key-top.yaml", ESCHEMA, ESCHEMA, 2, 1, "version", "unknown key 'version' in a framework document", 1},
    {"unknown-key-in-framework.yaml", ESCHEMA, ESCHEMA, 6, 3, "framework.author",
     "unknown key 'author' in the framework's metadata", 1},
    {"unknown-key-in-unit.yaml", ESCHEMA, ESCHEMA, 13, 5, "units[1].type", "unknown key 'type' in a unit", 1},
    /* the same with CRLF line ends */
    {"crlf-unknown-key-in-unit.yaml", ESCHEMA, ESCHEMA, 13, 5, "units[1].type", "unknown key 'type' in a unit", 1},
    {"wide-line-column.yaml", ESCHEMA, ESCHEMA, 12, 93, "indicators[0].points[0].score", "expected a number", 1},
    {"unknown-key-in-group.yaml", ESCHEMA, ESCHEMA, 17, 5, "groups[0].aliaes", "unknown key 'aliaes' in a group", 1},
    {"unknown-key-in-indicator.yaml", ESCHEMA, ESCHEMA, 20, 5, "indicators[0].weight",
     "unknown key 'weight' in an indicator", 1},
    {"unknown-key-in-point.yaml", ESCHEMA, ESCHEMA, 25, 9, "indicators[0].points[0].负责人",
     "unknown key '负责人' in a point", 1},
    /* "  - {id: a1, delta: -3, text: 被通报批评的，扣3分, reason: 通报}" */
    {"unknown-key-in-adjustment.yaml", ESCHEMA, ESCHEMA, 26, 43, "adjustments[0].reason",
     "unknown key 'reason' in an adjustment", 1},
    /* "  - {name: 优秀, min: 9, max: 10}" */
    {"unknown-key-in-grade.yaml", ESCHEMA, ESCHEMA, 26, 24, "grades[0].max", "unknown key 'max' in a grade", 1},

    /* --- wrong types --- */
    {"string-where-number-expected.yaml", ESCHEMA, ESCHEMA, 19, 12, "indicators[0].score",
     "expected a number, found a string", 1},
    {"total-not-a-number.yaml", ESCHEMA, ESCHEMA, 5, 10, "framework.total", "expected a number, found a string", 1},
    {"number-where-string-expected.yaml", ESCHEMA, ESCHEMA, 18, 9, "indicators[0].id",
     "expected a string, found a number (write \"1.2\" in quotes)", 1},
    {"list-where-mapping-expected.yaml", ESCHEMA, ESCHEMA, 7, 5, "units[0]",
     "expected a unit (a mapping), found a list", 1},
    {"open-yes.yaml", ESCHEMA, ESCHEMA, 17, 11, "groups[0].open", "expected true or false, found a string", 1},
    /* "  title:" with nothing after it: the empty value sits right after the colon */
    {"null-title.yaml", ESCHEMA, ESCHEMA, 4, 9, "framework.title", "expected a string, found null", 1},
    {"year-zero.yaml", ESCHEMA, ESCHEMA, 6, 9, "framework.year", "the year 0 is out of range (1949 to 9999)", 1},
    {"schema-out-of-range.yaml", ESCHEMA, ESCHEMA, 1, 9, "schema", "the integer 99999999999 is out of range", 1},

    /* --- required keys; a missing key is reported at its mapping --- */
    {"missing-schema.yaml", ESCHEMA, ESCHEMA, 1, 1, "", "the document has no 'schema' (it is required)", 1},
    {"missing-framework-id.yaml", ESCHEMA, ESCHEMA, 3, 3, "framework",
     "the framework's metadata has no 'id' (it is required)", 1},
    /* only the missing total: the level-1 maxima have nothing to be checked against */
    {"missing-framework-total.yaml", ESCHEMA, ESCHEMA, 3, 3, "framework",
     "the framework's metadata has no 'total' (it is required)", 1},
    {"missing-units.yaml", ESCHEMA, ESCHEMA, 1, 1, "", "the framework has no 'units' (it is required)", 1},
    {"missing-unit-kind.yaml", ESCHEMA, ESCHEMA, 10, 5, "units[1]", "a unit has no 'kind' (it is required)", 1},
    {"missing-point-text.yaml", ESCHEMA, ESCHEMA, 21, 9, "indicators[0].points[0]",
     "a point has no 'text' (it is required)", 1},
    {"missing-point-sampling.yaml", ESCHEMA, ESCHEMA, 21, 9, "indicators[0].points[0]",
     "a point has no 'sampling' (it is required)", 1},
    {"missing-point-responsible.yaml", ESCHEMA, ESCHEMA, 21, 9, "indicators[0].points[0]",
     "a point has no 'responsible' (it is required)", 1},
    {"missing-indicator-title.yaml", ESCHEMA, ESCHEMA, 18, 5, "indicators[0]",
     "an indicator has no 'title' (it is required)", 1},

    /* --- ids, names and references --- */
    {"duplicate-unit-id.yaml", ESCHEMA, ESCHEMA, 10, 9, "units[1].id",
     "'u1' is already used as the id of unit 'u1' at line 7, column 9", 1},
    {"duplicate-group-id.yaml", ESCHEMA, ESCHEMA, 17, 9, "groups[1].id",
     "'towns' is already used as the id of group 'towns' at line 14, column 9", 1},
    {"duplicate-point-id.yaml", ESCHEMA, ESCHEMA, 25, 13, "indicators[0].points[1].id",
     "duplicate point id 'P1' (first at line 21, column 9)", 1},
    {"duplicate-indicator-id.yaml", ESCHEMA, ESCHEMA, 28, 13, "indicators[0].children[1].id",
     "duplicate indicator id 'open-a' (first at line 21, column 9)", 1},
    /* the first indicator takes id "2"; the second's default id is "2" too */
    {"indicator-id-collides-with-default.yaml", ESCHEMA, ESCHEMA, 26, 5, "indicators[1]",
     "duplicate indicator id '2' (first at line 18, column 5)", 1},
    {"unit-name-collides-with-group-name.yaml", ESCHEMA, ESCHEMA, 18, 11, "groups[1].name",
     "'县政府办' is already used as the name or alias of unit 'u2' at line 11, column 11", 1},
    /* "    aliases: [全县各镇, 城关镇]" */
    {"unit-name-collides-with-group-alias.yaml", ESCHEMA, ESCHEMA, 17, 21, "groups[0].aliases[1]",
     "'城关镇' is already used as the name or alias of unit 'u1' at line 8, column 11", 1},
    {"invalid-id-syntax.yaml", ESCHEMA, ESCHEMA, 3, 7, "framework.id", "invalid id 't/2024'", 1},
    {"unknown-unit-kind.yaml", ESCHEMA, ESCHEMA, 12, 11, "units[1].kind", "unknown unit kind 'county'", 1},
    {"unknown-group-member.yaml", ESCHEMA, ESCHEMA, 16, 15, "groups[0].members[0]", "unknown unit 'u9'", 1},
    /* "    members: [u2, 各镇]" */
    {"group-member-is-group.yaml", ESCHEMA, ESCHEMA, 19, 19, "groups[1].members[1]",
     "'各镇' is a group; a group's members are units", 1},
    /* "    kinds: [3, county]": both items are wrong (see test_bad_list_items) */
    {"group-kinds-bad-items.yaml", ESCHEMA, ESCHEMA, 16, 13, "groups[0].kinds[0]",
     "expected a string, found an integer (write \"3\" in quotes)", 2},
    {"group-without-members.yaml", ESCHEMA, ESCHEMA, 14, 5, "groups[0]",
     "the group '各镇' has no members: give 'kinds', 'members' or 'open: true'", 1},
    /* "        responsible: [各镇, 各村]" */
    {"unknown-responsible.yaml", ESCHEMA, ESCHEMA, 24, 27, "indicators[0].points[0].responsible[1]",
     "unknown unit or group '各村'", 1},
    /* "        responsible: [各镇, 县政府办, 各镇]" */
    {"responsible-listed-twice.yaml", ESCHEMA, ESCHEMA, 24, 33, "indicators[0].points[0].responsible[2]",
     "'各镇' is listed twice", 1},
    {"unknown-sampling-method.yaml", ESCHEMA, ESCHEMA, 23, 20, "indicators[0].points[0].sampling[0]",
     "unknown sampling method '电话抽查'", 1},
    /* "        sampling: [政府网站, 政府网站]" */
    {"sampling-method-twice.yaml", ESCHEMA, ESCHEMA, 23, 26, "indicators[0].points[0].sampling[1]",
     "the sampling method '政府网站' is listed twice", 1},
    /* "        sampling: [3, 电话抽查]": both items are wrong (see test_bad_list_items) */
    {"sampling-bad-items.yaml", ESCHEMA, ESCHEMA, 23, 20, "indicators[0].points[0].sampling[0]",
     "expected a string, found an integer (write \"3\" in quotes)", 2},
    /* "sampling_methods: [电话抽查, 政府网站]" */
    {"sampling-method-already-known.yaml", ESCHEMA, ESCHEMA, 6, 26, "sampling_methods[1]",
     "the sampling method '政府网站' is already known", 1},
    {"unknown-aggregate.yaml", ESCHEMA, ESCHEMA, 20, 16, "indicators[0].aggregate", "unknown aggregation 'max'", 1},

    /* --- scores; a sum that does not work out is reported at the parent's maximum --- */
    {"children-maxima-mismatch.yaml", ESCHEMA, ESCHEMA, 19, 12, "indicators[0].score",
     "the children's maxima add up to 9.00, not the indicator's maximum 10.00", 1},
    {"given-exceeds-parent-with-derived.yaml", ESCHEMA, ESCHEMA, 19, 12, "indicators[0].score",
     "the children's maxima that are given add up to 12.00, leaving nothing of the indicator's maximum 10.00", 1},
    {"level1-maxima-mismatch.yaml", ESCHEMA, ESCHEMA, 5, 10, "framework.total",
     "the level-1 indicators' maxima add up to 9.00, not the total 10.00", 1},
    {"score-three-decimals.yaml", ESCHEMA, ESCHEMA, 19, 12, "indicators[0].score",
     "the score 10.001 has more than two decimal places", 1},
    {"negative-score.yaml", ESCHEMA, ESCHEMA, 19, 12, "indicators[0].score", "the score -10 is negative", 1},

    /* --- structure --- */
    {"empty-point-text.yaml", ESCHEMA, ESCHEMA, 22, 15, "indicators[0].points[0].text", "the string is empty", 1},
    {"indicator-children-and-points.yaml", ESCHEMA, ESCHEMA, 18, 5, "indicators[0]",
     "an indicator holds either 'children' or 'points', not both", 1},
    {"indicator-neither.yaml", ESCHEMA, ESCHEMA, 18, 5, "indicators[0]",
     "the indicator '公开' has neither 'children' nor 'points'", 1},
    {"points-empty-list.yaml", ESCHEMA, ESCHEMA, 20, 13, "indicators[0].points", "the list of points is empty", 1},
    {"schema-newer.yaml", EVERSION, EVERSION, 1, 9, "schema",
     "the document's format is schema 2, newer than this library reads (1)", 1},
    {"schema-zero.yaml", ESCHEMA, ESCHEMA, 1, 9, "schema", "the schema version must be 1 or more, not 0", 1},
    /* "        rule: {max: 1}" */
    {"rule-without-kind.yaml", ESCHEMA, ESCHEMA, 25, 15, "indicators[0].points[0].rule",
     "the rule has no 'kind' (it is required)", 1},
    /* "  - {name: 优秀, min: 9}" after "  - {name: 合格, min: 6}" */
    {"grades-not-descending.yaml", ESCHEMA, ESCHEMA, 27, 21, "grades[1].min",
     "grades go from the highest band down: 9.00 is not below the previous minimum 6.00", 1},
    /* "  - {id: a1, delta: 0, text: 不加不减}" */
    {"adjustment-delta-zero.yaml", ESCHEMA, ESCHEMA, 26, 21, "adjustments[0].delta",
     "an adjustment's delta must not be 0", 1},
};

#define N_CASES (sizeof CASES / sizeof CASES[0])

/* Prints which row disagrees before the CUnit assertion records it. */
#define CHECK_INT(c, what, actual, expected)                                                         \
  do {                                                                                               \
    long long a_ = (long long)(actual), e_ = (long long)(expected);                                  \
    if (a_ != e_) fprintf(stderr, "\n    %s: %s is %lld, expected %lld", (c)->file, (what), a_, e_); \
    CU_ASSERT_EQUAL(a_, e_);                                                                         \
  } while (0)

#define CHECK_STR(c, what, actual, expected)                                                                    \
  do {                                                                                                          \
    const char *a_ = (actual), *e_ = (expected);                                                                \
    if (strcmp(a_, e_) != 0) fprintf(stderr, "\n    %s: %s is '%s', expected '%s'", (c)->file, (what), a_, e_); \
    CU_ASSERT_STRING_EQUAL(a_, e_);                                                                             \
  } while (0)

static char *fixture_path(const char *file) {
  const char *p = test_path("fixtures/invalid");
  size_t n = strlen(p) + strlen(file) + 2;
  char *s = malloc(n);
  if (s) snprintf(s, n, "%s/%s", p, file);
  return s;
}

static const govopen_error *first_error(const govopen_error *e) {
  while (e && govopen_error_severity(e) != GOVOPEN_SEVERITY_ERROR) e = govopen_error_next(e);
  return e;
}

static void dump_chain(const char *file, const govopen_error *err) {
  for (const govopen_error *e = err; e; e = govopen_error_next(e))
    fprintf(stderr, "\n      [%s] %u:%u %s [%s] (%d)", file, govopen_error_line(e), govopen_error_column(e),
            govopen_error_message(e), govopen_error_path(e), govopen_error_code(e));
}

static void check_case(const invalid_case *c) {
  char *path = fixture_path(c->file);
  CU_ASSERT_PTR_NOT_NULL_FATAL(path);
  govopen_framework *fw = (govopen_framework *)&fw; /* must be reset to NULL */
  govopen_error *err = NULL;
  int r = govopen_framework_load_file(&fw, path, NULL, &err);
  CHECK_INT(c, "the status", r, c->status);
  CU_ASSERT_PTR_NULL(fw);
  if (fw != (govopen_framework *)&fw) govopen_framework_free(fw);
  CU_ASSERT_PTR_NOT_NULL(err);
  const govopen_error *e = first_error(err);
  CU_ASSERT_PTR_NOT_NULL(e);
  if (e) {
    int bad = 0;
    CHECK_INT(c, "the code", govopen_error_code(e), c->code);
    CHECK_INT(c, "the line", govopen_error_line(e), c->line);
    CHECK_INT(c, "the column", govopen_error_column(e), c->col);
    CHECK_STR(c, "the path", govopen_error_path(e), c->path);
    CHECK_STR(c, "the source", govopen_error_source(e), path);
    const char *msg = govopen_error_message(e);
    if (strstr(msg, c->message) == NULL) {
      fprintf(stderr, "\n    %s: the message is '%s', expected it to hold '%s'", c->file, msg, c->message);
      bad = 1;
    }
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, c->message));
    size_t n = govopen_error_count(err, GOVOPEN_SEVERITY_ERROR);
    if (n != c->errors) bad = 1;
    CHECK_INT(c, "the number of errors", n, c->errors);
    /* every diagnostic names the file */
    for (const govopen_error *d = err; d; d = govopen_error_next(d))
      CU_ASSERT_STRING_EQUAL(govopen_error_source(d), path);
    if (bad) dump_chain(c->file, err);
  }
  govopen_error_free(err);

  /* Without an error pointer: the same status, nothing leaked. */
  fw = (govopen_framework *)&fw;
  CHECK_INT(c, "the status without err", govopen_framework_load_file(&fw, path, NULL, NULL), c->status);
  CU_ASSERT_PTR_NULL(fw);
  if (fw != (govopen_framework *)&fw) govopen_framework_free(fw);
  free(path);
}

static void test_fixtures(void) {
  for (size_t i = 0; i < N_CASES; i++) check_case(&CASES[i]);
}

static void test_row_count(void) { CU_ASSERT(N_CASES >= 45); }

static int in_table(const char *name) {
  for (size_t i = 0; i < N_CASES; i++)
    if (strcmp(CASES[i].file, name) == 0) return 1;
  return 0;
}

/* Every fixture file has a row, and no row is listed twice. */
static void test_every_fixture_has_a_row(void) {
  DIR *dir = opendir(test_path("fixtures/invalid"));
  CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
  size_t files = 0;
  struct dirent *ent;
  while ((ent = readdir(dir)) != NULL) {
    size_t n = strlen(ent->d_name);
    if (n < 5 || strcmp(ent->d_name + n - 5, ".yaml") != 0) continue;
    files++;
    if (!in_table(ent->d_name)) fprintf(stderr, "\n    fixture without a row: %s", ent->d_name);
    CU_ASSERT_TRUE(in_table(ent->d_name));
  }
  closedir(dir);
  CU_ASSERT_EQUAL(files, N_CASES);
  for (size_t i = 0; i < N_CASES; i++)
    for (size_t k = i + 1; k < N_CASES; k++) CU_ASSERT_STRING_NOT_EQUAL(CASES[i].file, CASES[k].file);
}

/* A list with a wrong item still has its other items checked, each at its own place. */
static void test_bad_list_items(void) {
  static const struct {
    const char *file;
    unsigned line, col;
    const char *path, *message;
  } second[] = {
      {"group-kinds-bad-items.yaml", 16, 16, "groups[0].kinds[1]", "unknown unit kind 'county'"},
      {"sampling-bad-items.yaml", 23, 23, "indicators[0].points[0].sampling[1]", "unknown sampling method '电话抽查'"},
  };
  for (size_t i = 0; i < sizeof second / sizeof second[0]; i++) {
    char *path = fixture_path(second[i].file);
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);
    govopen_framework *fw = NULL;
    govopen_error *err = NULL;
    CU_ASSERT_EQUAL(govopen_framework_load_file(&fw, path, NULL, &err), GOVOPEN_ESCHEMA);
    CU_ASSERT_PTR_NULL(fw);
    const govopen_error *e = govopen_error_next(err);
    if (e == NULL || govopen_error_line(e) != second[i].line || govopen_error_column(e) != second[i].col ||
        strcmp(govopen_error_path(e), second[i].path) != 0 ||
        strstr(govopen_error_message(e), second[i].message) == NULL) {
      fprintf(stderr, "\n    %s: expected the second error at %u:%u [%s] '%s'", second[i].file, second[i].line,
              second[i].col, second[i].path, second[i].message);
      dump_chain(second[i].file, err);
    }
    CU_ASSERT_PTR_NOT_NULL(e);
    if (e) {
      CU_ASSERT_EQUAL(govopen_error_code(e), GOVOPEN_ESCHEMA);
      CU_ASSERT_EQUAL(govopen_error_line(e), second[i].line);
      CU_ASSERT_EQUAL(govopen_error_column(e), second[i].col);
      CU_ASSERT_STRING_EQUAL(govopen_error_path(e), second[i].path);
      CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(e), second[i].message));
    }
    govopen_error_free(err);
    free(path);
  }
}

/* --- limits ------------------------------------------------------------------- */

/* The valid document the fixtures start from: 57 YAML nodes. */
static const char *BASE = "schema: 1\n"
                          "framework:\n"
                          "  id: t-2024\n"
                          "  title: 测试框架\n"
                          "  total: 10\n"
                          "units:\n"
                          "  - id: u1\n"
                          "    name: 城关镇\n"
                          "    kind: town\n"
                          "  - id: u2\n"
                          "    name: 县政府办\n"
                          "    kind: department\n"
                          "groups:\n"
                          "  - id: towns\n"
                          "    name: 各镇\n"
                          "    kinds: [town]\n"
                          "indicators:\n"
                          "  - title: 公开\n"
                          "    score: 10\n"
                          "    points:\n"
                          "      - id: P1\n"
                          "        text: 公开情况\n"
                          "        sampling: [政府网站]\n"
                          "        responsible: [各镇]\n";

/* Loads `text` under the name "limit.yaml" with one option set (option 0: none). */
static int load_with(const char *text, size_t len, int option, int64_t value, govopen_framework **fw,
                     govopen_error **err) {
  govopen_options *o = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&o), GOVOPEN_OK);
  if (option) CU_ASSERT_EQUAL(govopen_options_set_int(o, option, value), GOVOPEN_OK);
  int r = govopen_framework_load_buffer(fw, text, len, "limit.yaml", o, err);
  govopen_options_free(o);
  return r;
}

/* Asserts a failed load whose first error is exactly this. */
static void expect_error(int r, govopen_framework *fw, const govopen_error *err, int code, unsigned line, unsigned col,
                         const char *path, const char *message) {
  CU_ASSERT_EQUAL(r, code);
  CU_ASSERT_PTR_NULL(fw);
  CU_ASSERT_PTR_NOT_NULL_FATAL(err);
  const govopen_error *e = first_error(err);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  if (govopen_error_line(e) != line || govopen_error_column(e) != col ||
      strstr(govopen_error_message(e), message) == NULL)
    dump_chain("limit.yaml", err);
  CU_ASSERT_EQUAL(govopen_error_code(e), code);
  CU_ASSERT_EQUAL(govopen_error_severity(e), GOVOPEN_SEVERITY_ERROR);
  CU_ASSERT_EQUAL(govopen_error_line(e), line);
  CU_ASSERT_EQUAL(govopen_error_column(e), col);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(e), path);
  CU_ASSERT_STRING_EQUAL(govopen_error_source(e), "limit.yaml");
  CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(e), message));
}

/* `depth` nested flow lists on one line: "[[[...]]]". */
static char *nested_lists(size_t depth) {
  char *s = malloc(2 * depth + 2);
  if (s == NULL) return NULL;
  for (size_t i = 0; i < depth; i++) {
    s[i] = '[';
    s[depth + i] = ']';
  }
  s[2 * depth] = '\n';
  s[2 * depth + 1] = '\0';
  return s;
}

static void test_max_depth(void) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  char *deep = nested_lists(200);
  CU_ASSERT_PTR_NOT_NULL_FATAL(deep);

  /* default 64: the 65th list crosses it */
  int r = govopen_framework_load_buffer(&fw, deep, strlen(deep), "limit.yaml", NULL, &err);
  expect_error(r, fw, err, GOVOPEN_ELIMIT, 1, 65, "",
               "the nesting depth exceeds the limit of 64 (GOVOPEN_OPT_MAX_DEPTH)");
  CU_ASSERT_EQUAL(govopen_error_count(err, -1), 1);
  govopen_error_free(err);

  r = load_with(deep, strlen(deep), GOVOPEN_OPT_MAX_DEPTH, 10, &fw, &err);
  expect_error(r, fw, err, GOVOPEN_ELIMIT, 1, 11, "", "the nesting depth exceeds the limit of 10");
  govopen_error_free(err);
  free(deep);

  /* exactly at the limit the YAML is read: the document is then refused as not a framework */
  deep = nested_lists(10);
  CU_ASSERT_PTR_NOT_NULL_FATAL(deep);
  r = load_with(deep, strlen(deep), GOVOPEN_OPT_MAX_DEPTH, 10, &fw, &err);
  expect_error(r, fw, err, GOVOPEN_ESCHEMA, 1, 1, "", "expected a framework document (a mapping), found a list");
  govopen_error_free(err);
  free(deep);

  /* block style: the framework's mapping is at depth 2, so a limit of 1 stops there */
  r = load_with(BASE, strlen(BASE), GOVOPEN_OPT_MAX_DEPTH, 1, &fw, &err);
  expect_error(r, fw, err, GOVOPEN_ELIMIT, 3, 3, "", "the nesting depth exceeds the limit of 1");
  govopen_error_free(err);
}

static void test_max_nodes(void) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  /* node 21 is the second unit's mapping ("  - id: u2", line 10) */
  int r = load_with(BASE, strlen(BASE), GOVOPEN_OPT_MAX_NODES, 20, &fw, &err);
  expect_error(r, fw, err, GOVOPEN_ELIMIT, 10, 5, "",
               "the number of YAML nodes exceeds the limit of 20 (GOVOPEN_OPT_MAX_NODES)");
  CU_ASSERT_EQUAL(govopen_error_count(err, -1), 1);
  govopen_error_free(err);
  /* node 57, the last, is 各镇 in "        responsible: [各镇]" */
  r = load_with(BASE, strlen(BASE), GOVOPEN_OPT_MAX_NODES, 56, &fw, &err);
  expect_error(r, fw, err, GOVOPEN_ELIMIT, 24, 23, "", "the number of YAML nodes exceeds the limit of 56");
  govopen_error_free(err);
  r = load_with(BASE, strlen(BASE), GOVOPEN_OPT_MAX_NODES, 57, &fw, &err);
  CU_ASSERT_EQUAL(r, GOVOPEN_OK);
  CU_ASSERT_PTR_NULL(err);
  CU_ASSERT_PTR_NOT_NULL(fw);
  govopen_framework_free(fw);
}

static void test_max_size(void) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  size_t len = strlen(BASE);
  int r = load_with(BASE, len, GOVOPEN_OPT_MAX_SIZE, 100, &fw, &err);
  expect_error(r, fw, err, GOVOPEN_ELIMIT, 0, 0, "", "exceeds the limit of 100 (GOVOPEN_OPT_MAX_SIZE)");
  CU_ASSERT_EQUAL(govopen_error_count(err, -1), 1);
  govopen_error_free(err);
  /* one byte over, and exactly at the limit */
  r = load_with(BASE, len, GOVOPEN_OPT_MAX_SIZE, (int64_t)len - 1, &fw, &err);
  CU_ASSERT_EQUAL(r, GOVOPEN_ELIMIT);
  CU_ASSERT_PTR_NULL(fw);
  govopen_error_free(err);
  r = load_with(BASE, len, GOVOPEN_OPT_MAX_SIZE, (int64_t)len, &fw, &err);
  CU_ASSERT_EQUAL(r, GOVOPEN_OK);
  CU_ASSERT_PTR_NULL(err);
  govopen_framework_free(fw);

  /* a file: refused before it is read whole, named by its path */
  char *path = fixture_path("unknown-key-top.yaml");
  govopen_options *o = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&o), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_SIZE, 100), GOVOPEN_OK);
  fw = (govopen_framework *)&fw;
  r = govopen_framework_load_file(&fw, path, o, &err);
  CU_ASSERT_EQUAL(r, GOVOPEN_ELIMIT);
  CU_ASSERT_PTR_NULL(fw);
  CU_ASSERT_PTR_NOT_NULL_FATAL(err);
  CU_ASSERT_EQUAL(govopen_error_code(err), GOVOPEN_ELIMIT);
  CU_ASSERT_STRING_EQUAL(govopen_error_source(err), path);
  CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(err), "GOVOPEN_OPT_MAX_SIZE"));
  govopen_error_free(err);
  govopen_options_free(o);
  free(path);
}

/* "Billion laughs": six levels of ten aliases each would expand to over a
   million nodes; the node limit counts aliases as their expansion. */
static void test_alias_bomb(void) {
  static const char *BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                            "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                            "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                            "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                            "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                            "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                            "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                            "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  int r = load_with(BOMB, strlen(BOMB), GOVOPEN_OPT_MAX_ALIASES, 100, &fw, &err);
  /* Nodes before f: 123461 (a: 12, b: 112, c: 1112, d: 11112, e: 111112, the
     root 1); f's key and list make 123463, each *e adds 111111: the 8th
     (column 36) would pass 1000000. */
  expect_error(r, fw, err, GOVOPEN_ELIMIT, 6, 36, "",
               "the number of YAML nodes exceeds the limit of 1000000 (GOVOPEN_OPT_MAX_NODES)");
  CU_ASSERT_EQUAL(govopen_error_count(err, -1), 1);
  govopen_error_free(err);

  /* more aliases than allowed: the 101st is refused */
  char doc[1024];
  size_t n = (size_t)snprintf(doc, sizeof doc, "a: &a x\nb: [");
  for (int i = 0; i < 101; i++) n += (size_t)snprintf(doc + n, sizeof doc - n, "%s*a", i ? "," : "");
  snprintf(doc + n, sizeof doc - n, "]\n");
  r = load_with(doc, strlen(doc), GOVOPEN_OPT_MAX_ALIASES, 100, &fw, &err);
  /* "b: [" then "*a," repeated: the 101st alias starts at column 5 + 3 * 100 */
  expect_error(r, fw, err, GOVOPEN_ELIMIT, 2, 305, "",
               "the number of aliases exceeds the limit of 100 (GOVOPEN_OPT_MAX_ALIASES)");
  govopen_error_free(err);
}

static void test_alias_unknown_anchor(void) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  const char *doc = "schema: *nope\n";
  int r = load_with(doc, strlen(doc), GOVOPEN_OPT_MAX_ALIASES, 100, &fw, &err);
  expect_error(r, fw, err, GOVOPEN_EPARSE, 1, 9, "", "alias '*nope' names no complete anchor before it");
  govopen_error_free(err);
  /* an alias inside its own anchor's collection: the anchor is not complete yet */
  doc = "a: &loop [1, *loop]\n";
  r = load_with(doc, strlen(doc), GOVOPEN_OPT_MAX_ALIASES, 100, &fw, &err);
  expect_error(r, fw, err, GOVOPEN_EPARSE, 1, 14, "", "alias '*loop' names no complete anchor before it");
  govopen_error_free(err);
}

/* --- strict mode ---------------------------------------------------------------- */

static void test_strict_mode(void) {
  /* BASE with an open group: valid, with a warning */
  const char *extra = "  - id: related\n    name: 各相关单位\n    open: true\n";
  const char *at = strstr(BASE, "indicators:\n");
  size_t head = (size_t)(at - BASE);
  size_t n = strlen(BASE) + strlen(extra) + 1;
  char *doc = malloc(n);
  CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
  memcpy(doc, BASE, head);
  strcpy(doc + head, extra);
  strcat(doc, at);

  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  int r = load_with(doc, strlen(doc), 0, 0, &fw, &err);
  CU_ASSERT_EQUAL(r, GOVOPEN_OK);
  CU_ASSERT_PTR_NULL(err);
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  const govopen_error *w = govopen_framework_warnings(fw);
  CU_ASSERT_PTR_NOT_NULL(w);
  CU_ASSERT_EQUAL(govopen_error_count(w, GOVOPEN_SEVERITY_WARNING), 1);
  CU_ASSERT_EQUAL(govopen_error_severity(w), GOVOPEN_SEVERITY_WARNING);
  govopen_framework_free(fw);

  r = load_with(doc, strlen(doc), GOVOPEN_OPT_STRICT, 1, &fw, &err);
  /* the open group's mapping: "  - id: related" on line 17 */
  expect_error(r, fw, err, GOVOPEN_ESCHEMA, 17, 5, "groups[1]", "the group '各相关单位' is open");
  CU_ASSERT_EQUAL(govopen_error_count(err, GOVOPEN_SEVERITY_ERROR), 1);
  CU_ASSERT_EQUAL(govopen_error_count(err, GOVOPEN_SEVERITY_WARNING), 0);
  govopen_error_free(err);
  free(doc);
}

/* --- several mistakes ------------------------------------------------------------ */

static void test_three_mistakes(void) {
  const char *doc = "schema: 1\n"
                    "framework:\n"
                    "  id: t-2024\n"
                    "  title: 测试框架\n"
                    "  total: 10\n"
                    "  year: 二〇二四\n" /* 1: a string for the year */
                    "units:\n"
                    "  - {id: u1, name: 城关镇, kind: town}\n"
                    "  - {id: u2, name: 县政府办, kind: county}\n" /* 2: an unknown kind */
                    "groups:\n"
                    "  - {id: towns, name: 各镇, kinds: [town]}\n"
                    "indicators:\n"
                    "  - title: 公开\n"
                    "    score: 10\n"
                    "    points:\n"
                    "      - {id: P1, text: 公开情况, sampling: [网站抽查], responsible: [各镇]}\n"; /* 3: a method */
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  int r = load_with(doc, strlen(doc), 0, 0, &fw, &err);
  CU_ASSERT_EQUAL(r, GOVOPEN_ESCHEMA);
  CU_ASSERT_PTR_NULL(fw);
  CU_ASSERT_EQUAL(govopen_error_count(err, GOVOPEN_SEVERITY_ERROR), 3);
  CU_ASSERT_EQUAL(govopen_error_count(err, -1), 3);
  static const struct {
    unsigned line, col;
    const char *path, *message;
  } want[3] = {
      {6, 9, "framework.year", "expected an integer, found a string"},
      /* "  - {id: u2, name: 县政府办, kind: county}" */
      {9, 32, "units[1].kind", "unknown unit kind 'county'"},
      /* "      - {id: P1, text: 公开情况, sampling: [网站抽查], responsible: [各镇]}" */
      {16, 41, "indicators[0].points[0].sampling[0]", "unknown sampling method '网站抽查'"},
  };
  const govopen_error *e = err;
  for (size_t i = 0; i < 3; i++) {
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(govopen_error_code(e), GOVOPEN_ESCHEMA);
    CU_ASSERT_EQUAL(govopen_error_severity(e), GOVOPEN_SEVERITY_ERROR);
    CU_ASSERT_EQUAL(govopen_error_line(e), want[i].line);
    CU_ASSERT_EQUAL(govopen_error_column(e), want[i].col);
    CU_ASSERT_STRING_EQUAL(govopen_error_path(e), want[i].path);
    CU_ASSERT_STRING_EQUAL(govopen_error_source(e), "limit.yaml");
    CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(e), want[i].message));
    e = govopen_error_next(e);
  }
  CU_ASSERT_PTR_NULL(e);
  govopen_error_free(err);
}

/* --- the formatted diagnostic ------------------------------------------------------ */

static void test_error_format(void) {
  char *path = fixture_path("unknown-sampling-method.yaml");
  CU_ASSERT_PTR_NOT_NULL_FATAL(path);
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_file(&fw, path, NULL, &err), GOVOPEN_ESCHEMA);
  CU_ASSERT_PTR_NOT_NULL_FATAL(err);
  char expected[4096];
  snprintf(expected, sizeof expected,
           "%s:23:20: error: unknown sampling method '电话抽查' (declare it under 'sampling_methods' if the county "
           "uses it) [indicators[0].points[0].sampling[0]]",
           path);
  char *text = NULL;
  size_t len = 0;
  CU_ASSERT_EQUAL(govopen_error_format(err, &text, &len), GOVOPEN_OK);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  CU_ASSERT_STRING_EQUAL(text, expected);
  CU_ASSERT_EQUAL(len, strlen(expected));
  govopen_free(text);
  govopen_error_free(err);
  free(path);
}

/* --- a missing file ------------------------------------------------------------------- */

static void test_missing_file(void) {
  char *path = fixture_path("no-such-file.yaml");
  CU_ASSERT_PTR_NOT_NULL_FATAL(path);
  govopen_framework *fw = (govopen_framework *)&fw;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_file(&fw, path, NULL, &err), GOVOPEN_ENOTFOUND);
  CU_ASSERT_PTR_NULL(fw);
  CU_ASSERT_PTR_NOT_NULL_FATAL(err);
  CU_ASSERT_EQUAL(govopen_error_code(err), GOVOPEN_ENOTFOUND);
  CU_ASSERT_EQUAL(govopen_error_severity(err), GOVOPEN_SEVERITY_ERROR);
  CU_ASSERT_STRING_EQUAL(govopen_error_source(err), path);
  CU_ASSERT_EQUAL(govopen_error_line(err), 0);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(err), "");
  CU_ASSERT_EQUAL(govopen_error_count(err, -1), 1);
  govopen_error_free(err);
  free(path);
}

static const test_case cases[] = {
    {"fixtures", test_fixtures},
    {"at least 45 rows", test_row_count},
    {"every fixture has a row", test_every_fixture_has_a_row},
    {"bad list items", test_bad_list_items},
    {"max depth", test_max_depth},
    {"max nodes", test_max_nodes},
    {"max size", test_max_size},
    {"alias bomb", test_alias_bomb},
    {"alias to an unknown anchor", test_alias_unknown_anchor},
    {"strict mode", test_strict_mode},
    {"three mistakes", test_three_mistakes},
    {"error format", test_error_format},
    {"missing file", test_missing_file},
    {NULL, NULL},
};
GV_TEST_SUITE(invalid, cases);
