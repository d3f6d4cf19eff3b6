/* The observation records reader (lib/load/records.c): JSON Lines, JSON and
 * YAML into gv_ynode records with positions; errors with exact places; the
 * JSONTestSuite parsing corpus as a robustness check. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "load/records.h"
#include "testutil.h"
#include "util/buf.h"

/* --- helpers ------------------------------------------------------------- */

typedef struct rd {
  gv_records r;
  gv_diags d;
  int status;
} rd;

static int rd_read_lim(rd *x, const char *text, size_t len, int format, const gv_rec_limits *lim) {
  memset(x, 0, sizeof *x);
  x->status = gv_records_read(&x->r, text, len, "obs", format, lim, &x->d);
  return x->status;
}

static int rd_read(rd *x, const char *text, int format) { return rd_read_lim(x, text, strlen(text), format, NULL); }

static void rd_free(rd *x) {
  gv_records_free(&x->r);
  gv_diags_free(&x->d);
}

static const govopen_error *nth_err(const rd *x, size_t i) {
  const govopen_error *e = x->d.head;
  while (e && i--) e = e->next;
  return e;
}

/* Asserts the i-th diagnostic's code, line, column, path and a part of its message. */
static void check_err(const rd *x, size_t i, int code, unsigned line, unsigned col, const char *path, const char *part,
                      int at_line) {
  const govopen_error *e = nth_err(x, i);
  if (e == NULL) {
    fprintf(stderr, "\n  line %d: no diagnostic #%zu\n", at_line, i);
    CU_FAIL("missing diagnostic");
    return;
  }
  int ok = e->code == code && e->line == line && e->column == col && strcmp(e->path, path) == 0 &&
           strstr(e->message, part) != NULL && strcmp(e->source, "obs") == 0;
  if (!ok)
    fprintf(stderr, "\n  line %d: got code %d at %u:%u path '%s' message '%s'\n", at_line, e->code, e->line, e->column,
            e->path, e->message);
  CU_ASSERT_TRUE(ok);
}
#define CHECK_ERR(x, i, code, line, col, path, part) check_err(x, i, code, line, col, path, part, __LINE__)

/* The value of `key` in mapping `m`, or NULL. */
static const gv_ynode *get(const gv_ynode *m, const char *key) {
  if (m == NULL || m->kind != GV_YMAP) return NULL;
  for (size_t i = 0; i < m->count; i++)
    if (strcmp(gv_ymap_key(m, i)->text, key) == 0) return gv_ymap_value(m, i);
  return NULL;
}

static void check_scalar(const gv_ynode *n, gv_ytype type, const char *text, unsigned line, unsigned col, int at_line) {
  int ok = n && n->kind == GV_YSCALAR && n->type == type && strcmp(n->text, text) == 0 && n->len == strlen(text) &&
           n->line == line && n->col == col;
  if (!ok && n)
    fprintf(stderr, "\n  line %d: got kind %d type %d '%s' at %u:%u\n", at_line, (int)n->kind, (int)n->type,
            n->text ? n->text : "(null)", n->line, n->col);
  CU_ASSERT_TRUE(ok);
}
#define CHECK_SCALAR(n, type, text, line, col) check_scalar(n, type, text, line, col, __LINE__)

/* --- good input ---------------------------------------------------------- */

static void test_jsonl_good(void) {
  const char *text = "{\"unit\": \"城关镇\", \"n\": 3, \"ok\": true, \"no\": false, \"x\": null, \"f\": 2.5, "
                     "\"s\": [1, {\"d\": \"2023-01-02\"}]}\n"
                     "  {\"unit\":\"县政府办\"}\n";
  rd x;
  CU_ASSERT_EQUAL(rd_read(&x, text, GV_REC_JSONL), 0);
  CU_ASSERT_EQUAL_FATAL(x.r.count, 2);
  CU_ASSERT_EQUAL(x.r.rejected, 0);
  const gv_record *r0 = &x.r.items[0], *r1 = &x.r.items[1];
  CU_ASSERT_EQUAL(r0->line, 1);
  CU_ASSERT_EQUAL(r0->col, 1);
  CU_ASSERT_EQUAL(r0->index, 0);
  const gv_ynode *m = r0->node;
  CU_ASSERT_EQUAL(m->kind, GV_YMAP);
  CU_ASSERT_EQUAL(m->count, 7);
  CU_ASSERT_EQUAL(m->weight, 19);
  CHECK_SCALAR(gv_ymap_key(m, 0), GV_YT_STR, "unit", 1, 2);
  CU_ASSERT_EQUAL(gv_ymap_key(m, 0)->style, GV_STYLE_DOUBLE); /* JSON strings are double-quoted */
  CU_ASSERT_EQUAL(get(m, "unit")->style, GV_STYLE_DOUBLE);
  CHECK_SCALAR(get(m, "unit"), GV_YT_STR, "城关镇", 1, 10);
  CHECK_SCALAR(get(m, "n"), GV_YT_INT, "3", 1, 22); /* columns count characters, not bytes */
  CHECK_SCALAR(get(m, "ok"), GV_YT_BOOL, "true", 1, 31);
  CHECK_SCALAR(get(m, "no"), GV_YT_BOOL, "false", 1, 43);
  CHECK_SCALAR(get(m, "x"), GV_YT_NULL, "null", 1, 55);
  CHECK_SCALAR(get(m, "f"), GV_YT_FLOAT, "2.5", 1, 66);
  const gv_ynode *s = get(m, "s");
  CU_ASSERT_PTR_NOT_NULL_FATAL(s);
  CU_ASSERT_EQUAL(s->kind, GV_YSEQ);
  CU_ASSERT_EQUAL(s->count, 2);
  CU_ASSERT_EQUAL(s->line, 1);
  CU_ASSERT_EQUAL(s->col, 76);
  CHECK_SCALAR(s->items[0], GV_YT_INT, "1", 1, 77);
  CU_ASSERT_EQUAL(s->items[1]->kind, GV_YMAP);
  CU_ASSERT_EQUAL(s->items[1]->col, 80);
  CHECK_SCALAR(get(s->items[1], "d"), GV_YT_STR, "2023-01-02", 1, 86);
  CU_ASSERT_EQUAL(r1->line, 2);
  CU_ASSERT_EQUAL(r1->col, 3);
  CU_ASSERT_EQUAL(r1->index, 1);
  CHECK_SCALAR(get(r1->node, "unit"), GV_YT_STR, "县政府办", 2, 11);
  rd_free(&x);
}

static void test_jsonl_blank_crlf(void) {
  /* CR LF, blank and white-space lines, a lone CR, a BOM: none moves a record's place */
  const char *text = "\xEF\xBB\xBF{\"a\":1}\r\n\r\n  \t \r\n{\"b\":\"x\"}\r{\"c\": [\r\n]}\r\n\n";
  rd x;
  CU_ASSERT_EQUAL(rd_read(&x, text, GV_REC_JSONL), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL_FATAL(x.r.count, 2);
  CU_ASSERT_EQUAL(x.r.rejected, 2); /* {"c": [  and  ]} */
  CU_ASSERT_EQUAL(x.r.items[0].line, 1);
  CU_ASSERT_EQUAL(x.r.items[0].col, 1); /* the BOM takes no column */
  CHECK_SCALAR(get(x.r.items[0].node, "a"), GV_YT_INT, "1", 1, 6);
  CU_ASSERT_EQUAL(x.r.items[1].line, 4);
  CU_ASSERT_EQUAL(x.r.items[1].index, 1);
  CHECK_SCALAR(get(x.r.items[1].node, "b"), GV_YT_STR, "x", 4, 6);
  CHECK_ERR(&x, 0, GOVOPEN_EPARSE, 5, 8, "records[2]", "unexpected end of the line (an array or object is not closed)");
  CHECK_ERR(&x, 1, GOVOPEN_EPARSE, 6, 1, "records[3]", "unexpected ']'");
  rd_free(&x);

  /* only blank lines: no records, no error */
  CU_ASSERT_EQUAL(rd_read(&x, " \n\t\r\n\n", GV_REC_JSONL), 0);
  CU_ASSERT_EQUAL(x.r.count + x.r.rejected, 0);
  rd_free(&x);
  CU_ASSERT_EQUAL(rd_read(&x, "", GV_REC_JSONL), 0);
  rd_free(&x);
}

static void test_json_array(void) {
  const char *text = "\xEF\xBB\xBF[\r\n  {\"a\": 1},\r\n  {\"b\": [true, false], \"c\": {}}\r\n]\r\n";
  rd x;
  CU_ASSERT_EQUAL(rd_read(&x, text, GV_REC_JSON), 0);
  CU_ASSERT_EQUAL_FATAL(x.r.count, 2);
  CU_ASSERT_EQUAL(x.r.items[0].line, 2);
  CU_ASSERT_EQUAL(x.r.items[0].col, 3);
  CHECK_SCALAR(gv_ymap_key(x.r.items[0].node, 0), GV_YT_STR, "a", 2, 4);
  CHECK_SCALAR(get(x.r.items[0].node, "a"), GV_YT_INT, "1", 2, 9);
  CU_ASSERT_EQUAL(x.r.items[1].line, 3);
  CU_ASSERT_EQUAL(x.r.items[1].index, 1);
  const gv_ynode *b = get(x.r.items[1].node, "b");
  CU_ASSERT_PTR_NOT_NULL_FATAL(b);
  CHECK_SCALAR(b->items[1], GV_YT_BOOL, "false", 3, 16);
  const gv_ynode *c = get(x.r.items[1].node, "c");
  CU_ASSERT_TRUE(c && c->kind == GV_YMAP && c->count == 0 && c->line == 3 && c->col == 29);
  rd_free(&x);

  CU_ASSERT_EQUAL(rd_read(&x, " [ ] ", GV_REC_JSON), 0);
  CU_ASSERT_EQUAL(x.r.count, 0);
  rd_free(&x);

  /* the wrapper, and a lone object as one record */
  CU_ASSERT_EQUAL(rd_read(&x, "{\n \"observations\": [\n  {\"a\": 1},\n  {\"a\": 2}\n ]\n}\n", GV_REC_JSON), 0);
  CU_ASSERT_EQUAL_FATAL(x.r.count, 2);
  CU_ASSERT_EQUAL(x.r.items[1].line, 4);
  CU_ASSERT_EQUAL(x.r.items[1].col, 3);
  CHECK_SCALAR(get(x.r.items[1].node, "a"), GV_YT_INT, "2", 4, 9);
  rd_free(&x);
  CU_ASSERT_EQUAL(rd_read(&x, "\n {\"unit\": \"u\",\n  \"point\": \"P1\"}\n", GV_REC_JSON), 0);
  CU_ASSERT_EQUAL_FATAL(x.r.count, 1);
  CU_ASSERT_EQUAL(x.r.items[0].line, 2);
  CU_ASSERT_EQUAL(x.r.items[0].col, 2);
  CHECK_SCALAR(get(x.r.items[0].node, "point"), GV_YT_STR, "P1", 3, 12);
  rd_free(&x);
}

static void test_yaml(void) {
  const char *text = "- unit: 城关镇\n  n: 3\n  f: 2.50\n  q: \"4\"\n- {a: 1, 1: x, true: y, ~: z}\n";
  rd x;
  CU_ASSERT_EQUAL(rd_read(&x, text, GV_REC_YAML), 0);
  CU_ASSERT_EQUAL_FATAL(x.r.count, 2);
  CU_ASSERT_EQUAL(x.r.items[0].line, 1);
  CU_ASSERT_EQUAL(x.r.items[0].col, 3);
  CHECK_SCALAR(get(x.r.items[0].node, "unit"), GV_YT_STR, "城关镇", 1, 9);
  CHECK_SCALAR(get(x.r.items[0].node, "n"), GV_YT_INT, "3", 2, 6);
  CHECK_SCALAR(get(x.r.items[0].node, "f"), GV_YT_FLOAT, "2.50", 3, 6);
  CHECK_SCALAR(get(x.r.items[0].node, "q"), GV_YT_STR, "4", 4, 6);
  const gv_ynode *m = x.r.items[1].node;
  CU_ASSERT_EQUAL(x.r.items[1].line, 5);
  CU_ASSERT_EQUAL(x.r.items[1].col, 3);
  CU_ASSERT_EQUAL(x.r.items[1].index, 1);
  /* keys are strings whatever they look like */
  for (size_t i = 0; i < m->count; i++) CU_ASSERT_EQUAL(gv_ymap_key(m, i)->type, GV_YT_STR);
  CHECK_SCALAR(gv_ymap_key(m, 1), GV_YT_STR, "1", 5, 10);
  CHECK_SCALAR(get(m, "1"), GV_YT_STR, "x", 5, 13);
  rd_free(&x);

  CU_ASSERT_EQUAL(rd_read(&x, "observations:\n  - a: 1\n  - a: 2\n", GV_REC_YAML), 0);
  CU_ASSERT_EQUAL(x.r.count, 2);
  CU_ASSERT_EQUAL(x.r.items[1].line, 3);
  CU_ASSERT_EQUAL(x.r.items[1].col, 5);
  rd_free(&x);
  CU_ASSERT_EQUAL(rd_read(&x, "unit: u\npoint: P1\n", GV_REC_YAML), 0);
  CU_ASSERT_EQUAL(x.r.count, 1);
  rd_free(&x);
  CU_ASSERT_EQUAL(rd_read(&x, "\xEF\xBB\xBF- a: 1\r\n- b: 2\r\n", GV_REC_YAML), 0);
  CU_ASSERT_EQUAL_FATAL(x.r.count, 2);
  CU_ASSERT_EQUAL(x.r.items[1].line, 2);
  CU_ASSERT_EQUAL(x.r.items[1].col, 3);
  rd_free(&x);
}

static void test_numbers(void) {
  const char *text =
      "{\"a\":1,\"b\":-0,\"c\":2.5,\"d\":1e21,\"e\":0.1,\"f\":12345678901234567890,\"g\":1.0,\"h\":-1.5e-7,"
      "\"i\":9007199254740992,\"j\":-9007199254740991,\"k\":1E2,\"l\":-0.0,\"m\":5e-324,\"n\":0.30000000000000004,"
      "\"o\":1.7976931348623157e308,\"p\":100000000000000000000}";
  static const struct {
    const char *key, *text;
    gv_ytype type;
  } want[] = {
      {"a", "1", GV_YT_INT},
      {"b", "0", GV_YT_INT},
      {"c", "2.5", GV_YT_FLOAT},
      {"d", "1e+21", GV_YT_FLOAT},
      {"e", "0.1", GV_YT_FLOAT},
      {"f", "1.2345678901234567e+19", GV_YT_FLOAT},
      {"g", "1", GV_YT_INT},
      {"h", "-1.5e-07", GV_YT_FLOAT},
      {"i", "9007199254740992", GV_YT_FLOAT},
      {"j", "-9007199254740991", GV_YT_INT},
      {"k", "100", GV_YT_INT},
      {"l", "0", GV_YT_INT},
      {"m", "5e-324", GV_YT_FLOAT},
      {"n", "0.30000000000000004", GV_YT_FLOAT},
      {"o", "1.7976931348623157e+308", GV_YT_FLOAT},
      {"p", "1e+20", GV_YT_FLOAT},
  };
  /* the same texts in whatever locale the host chose, when one with a decimal comma exists */
  static const char *locales[] = {"C", "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "ru_RU.UTF-8"};
  for (size_t l = 0; l < sizeof locales / sizeof *locales; l++) {
    if (setlocale(LC_NUMERIC, locales[l]) == NULL) continue;
    rd x;
    CU_ASSERT_EQUAL(rd_read(&x, text, GV_REC_JSONL), 0);
    CU_ASSERT_EQUAL_FATAL(x.r.count, 1);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
      const gv_ynode *n = get(x.r.items[0].node, want[i].key);
      int ok = n && n->type == want[i].type && strcmp(n->text, want[i].text) == 0;
      if (!ok)
        fprintf(stderr, "\n  %s [%s]: got '%s' type %d\n", locales[l], want[i].key, n ? n->text : "?",
                n ? (int)n->type : -1);
      CU_ASSERT_TRUE(ok);
    }
    rd_free(&x);
  }
  setlocale(LC_NUMERIC, "C");
}

static void test_detect(void) {
  CU_ASSERT_EQUAL(gv_records_detect("", 0, "a/b.JSONL"), GV_REC_JSONL);
  CU_ASSERT_EQUAL(gv_records_detect("", 0, "x.ndjson"), GV_REC_JSONL);
  CU_ASSERT_EQUAL(gv_records_detect("- a: 1", 6, "x.json"), GV_REC_JSON);
  CU_ASSERT_EQUAL(gv_records_detect("[1]", 3, "x.yml"), GV_REC_YAML);
  CU_ASSERT_EQUAL(gv_records_detect("[1]", 3, "x.Yaml"), GV_REC_YAML);
  CU_ASSERT_EQUAL(gv_records_detect("[1]", 3, "dir.yaml/x"), GV_REC_JSON); /* the extension of the file only */
  CU_ASSERT_EQUAL(gv_records_detect("\xEF\xBB\xBF \n [", 7, "x.txt"), GV_REC_JSON);
  CU_ASSERT_EQUAL(gv_records_detect("{\"a\": 1}\n{\"a\": 2}\n", 18, NULL), GV_REC_JSONL);
  CU_ASSERT_EQUAL(gv_records_detect("{\"a\": \"}\"}", 10, NULL), GV_REC_JSONL);
  CU_ASSERT_EQUAL(gv_records_detect("{\n \"observations\": []\n}", 23, NULL), GV_REC_JSON);
  CU_ASSERT_EQUAL(gv_records_detect("{\"observations\": []}\n", 21, NULL), GV_REC_JSON);
  CU_ASSERT_EQUAL(gv_records_detect("{\"observations\": []}\n{}", 23, NULL), GV_REC_JSONL);
  CU_ASSERT_EQUAL(gv_records_detect("- a: 1\n", 7, NULL), GV_REC_YAML);
  CU_ASSERT_EQUAL(gv_records_detect("observations:\n", 14, NULL), GV_REC_YAML);
  CU_ASSERT_EQUAL(gv_records_detect(" \r\n", 3, NULL), GV_REC_JSONL);

  /* GV_REC_AUTO reads each the same as when the format is named */
  rd x;
  CU_ASSERT_EQUAL(rd_read(&x, "{\"a\": 1}\n{\"a\": 2}\n", GV_REC_AUTO), 0);
  CU_ASSERT_EQUAL(x.r.count, 2);
  rd_free(&x);
  CU_ASSERT_EQUAL(rd_read(&x, "[{\"a\": 1}]", GV_REC_AUTO), 0);
  CU_ASSERT_EQUAL(x.r.count, 1);
  rd_free(&x);
  CU_ASSERT_EQUAL(rd_read(&x, "- a: 1\n- a: 2\n- a: 3\n", GV_REC_AUTO), 0);
  CU_ASSERT_EQUAL(x.r.count, 3);
  rd_free(&x);
  CU_ASSERT_EQUAL(rd_read(&x, "x", 7), GOVOPEN_EINVALID);
  rd_free(&x);
}

/* --- errors -------------------------------------------------------------- */

static void test_jsonl_errors(void) {
  rd x;
  /* a bad line is reported; the others are kept */
  CU_ASSERT_EQUAL(rd_read(&x, "{\"a\":1}\n{\"a\":}\n[1,2]\n{\"b\":2}\n", GV_REC_JSONL), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(x.r.count, 2);
  CU_ASSERT_EQUAL(x.r.rejected, 2);
  CU_ASSERT_EQUAL(x.r.items[1].index, 3);
  CU_ASSERT_EQUAL(x.r.items[1].line, 4);
  CHECK_ERR(&x, 0, GOVOPEN_EPARSE, 2, 6, "records[1]", "malformed JSON: unexpected '}'");
  CHECK_ERR(&x, 1, GOVOPEN_ESCHEMA, 3, 1, "records[2]", "a record must be an object, found an array");
  CU_ASSERT_PTR_NULL(nth_err(&x, 2));
  rd_free(&x);

  static const struct {
    const char *text;
    int code;
    unsigned line, col;
    const char *path, *part;
  } cases[] = {
      {"{\"a\":1} x", GOVOPEN_EPARSE, 1, 9, "records[0]", "unexpected 'x'"},
      {"{\"a\":\"bc", GOVOPEN_EPARSE, 1, 6, "records[0]", "a string is not terminated"},
      {"{\"a\":1", GOVOPEN_EPARSE, 1, 7, "records[0]", "unexpected end of the line"},
      {"{\"a\":tru}", GOVOPEN_EPARSE, 1, 6, "records[0]", "unexpected 'tru'"},
      {"{\"a\":01}", GOVOPEN_EPARSE, 1, 6, "records[0].a", "the number '01' is not valid JSON"},
      {"{\"a\":[1.]}", GOVOPEN_EPARSE, 1, 7, "records[0].a[0]", "the number '1.' is not valid JSON"},
      {"{\"a\":-2.e3}", GOVOPEN_EPARSE, 1, 6, "records[0].a", "the number '-2.e3' is not valid JSON"},
      {"{\"a\":\"x\ty\"}", GOVOPEN_EPARSE, 1, 8, "records[0].a", "a control character (U+0009) in a string"},
      {"{\"a\":\f1}", GOVOPEN_EPARSE, 1, 6, "records[0].a", "unexpected control character U+000C"},
      {"{\"a\":1,\"b\":{\"c\":1,\"c\":2}}", GOVOPEN_EPARSE, 1, 19, "records[0].b.c",
       "duplicate key 'c' (first at line 2, column 13)"},
      {"{\"a\":\"x\\u0000y\"}", GOVOPEN_ESCHEMA, 1, 8, "records[0].a", "\\u0000"},
      {"{\"k\\u0000\":1}", GOVOPEN_ESCHEMA, 1, 4, "records[0].k", "\\u0000"},
      {"{\"a\":[0, -1e400]}", GOVOPEN_ERANGE, 1, 10, "records[0].a[1]", "-1e400 is beyond the range"},
      {"{\"a\":\"\xC3(\"}", GOVOPEN_EPARSE, 1, 7, "records[0]", "invalid UTF-8 (byte 0xC3)"},
      {"{\"a\":\"\xED\xA0\x80\"}", GOVOPEN_EPARSE, 1, 7, "records[0]", "invalid UTF-8 (byte 0xED)"},
      {"{\"a\":\"\\ud800\"}", GOVOPEN_EPARSE, 1, 7, "records[0]", "invalid escape sequence '\\ud800'"},
      {"{\"a\":1,}", GOVOPEN_EPARSE, 1, 8, "records[0]", "expected a key, found '}'"},
      {"{\"a\":1,}  x", GOVOPEN_EPARSE, 1, 8, "records[0]", "expected a key, found '}'"},
      {"{\"a\":1,", GOVOPEN_EPARSE, 1, 8, "records[0]",
       "unexpected end of the line (an array or object is not closed)"},
      {"{\"a\":{", GOVOPEN_EPARSE, 1, 7, "records[0]", "unexpected end of the line (an array or object is not closed)"},
      {"{\"a\":1,2x}", GOVOPEN_EPARSE, 1, 8, "records[0]", "expected a key, found '2x'"},
      {"{\"a\":[1,2x]}", GOVOPEN_EPARSE, 1, 10, "records[0]", "unexpected 'x'"},
      {"{\"a\":\"\\x\"}", GOVOPEN_EPARSE, 1, 7, "records[0]", "invalid escape sequence '\\x'"},
      {"{'a':1}", GOVOPEN_EPARSE, 1, 2, "records[0]", "expected a key, found '''"},
      {"\"just a string\"", GOVOPEN_ESCHEMA, 1, 1, "records[0]", "found a string"},
      {"  \xEF\xBB\xBF{}", GOVOPEN_EPARSE, 1, 3, "records[0]", "unexpected byte-order mark (U+FEFF)"},
      {"{\"a\":[1 2]}", GOVOPEN_EPARSE, 1, 9, "records[0]", "unexpected '2'"},
      {"{} {}", GOVOPEN_EPARSE, 1, 4, "records[0]", "unexpected '{'"},
      {"{\"a\":1}\x01", GOVOPEN_EPARSE, 1, 8, "records[0]", "unexpected control character U+0001"},
      {"{\"a\":\"\xE5\xB2\x9A\"\xE7\x9A\x8B}", GOVOPEN_EPARSE, 1, 9, "records[0]", "unexpected '皋'"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    /* each as the second line, after a good one */
    char buf[256];
    snprintf(buf, sizeof buf, "{\"ok\":1}\n%s\n", cases[i].text);
    rd_read(&x, buf, GV_REC_JSONL);
    if (x.status != cases[i].code) fprintf(stderr, "\n  case %zu: status %d\n", i, x.status);
    CU_ASSERT_EQUAL(x.status, cases[i].code);
    CU_ASSERT_EQUAL(x.r.count, 1);
    CU_ASSERT_EQUAL(x.r.rejected, 1);
    CU_ASSERT_EQUAL(x.d.errors, 1);
    char path[64];
    snprintf(path, sizeof path, "records[1]%s", cases[i].path + strlen("records[0]"));
    check_err(&x, 0, cases[i].code, cases[i].line + 1, cases[i].col, path, cases[i].part, (int)i);
    rd_free(&x);
  }
  /* a syntax error in JSON Lines does not claim the read stopped */
  rd_read(&x, "{\"a\":}", GV_REC_JSONL);
  CU_ASSERT_PTR_NULL(strstr(nth_err(&x, 0)->message, "stopped"));
  rd_free(&x);
}

static void test_json_errors(void) {
  static const struct {
    const char *text;
    int code;
    unsigned line, col;
    const char *path, *part;
    size_t count, rejected;
  } cases[] = {
      {"[{\"a\":1},\n {\"a\":},\n {\"b\":2}]", GOVOPEN_EPARSE, 2, 7, "records[1]",
       "unexpected '}' (reading stopped here: the rest of the input, from line 2, column 2, to its end, was not read)",
       1, 1},
      {"[{\"a\":1},]", GOVOPEN_EPARSE, 1, 10, "",
       "expected a record, found ']' (reading stopped here: the rest of the input, from line 1, column 10, to its end, was not read)",
       1, 0},
      {"[,{}]", GOVOPEN_EPARSE, 1, 2, "", "expected a record, found ','", 0, 0},
      {"[{\"a\":1}", GOVOPEN_EPARSE, 1, 9, "",
       "unexpected end of the input (the array at line 1, column 1 is not closed)", 1, 0},
      {"[{\"a\":1}\n", GOVOPEN_EPARSE, 2, 1, "", "the array at line 1, column 1 is not closed", 1, 0},
      {"[{\"a\":[1,2}", GOVOPEN_EPARSE, 1, 11, "records[0]", "unexpected '}'", 0, 1},
      {"[{\"a\":\"x}]", GOVOPEN_EPARSE, 1, 7, "records[0]", "a string is not terminated", 0, 1},
      {"[{\"a\":1} {\"b\":2}]", GOVOPEN_EPARSE, 1, 10, "records[0]", "unexpected '{'", 0, 1},
      {"[{}}", GOVOPEN_EPARSE, 1, 4, "", "unexpected '}'", 1, 0},
      {"[{\"a\":1}] x", GOVOPEN_EPARSE, 1, 11, "", "unexpected 'x' after the end of the document", 1, 0},
      {"[{\"a\":1}, 2, {\"b\":2}]", GOVOPEN_ESCHEMA, 1, 11, "records[1]", "a record must be an object, found a number",
       2, 1},
      {"[{\"a\":1,\"a\":2}, {\"b\":2}]", GOVOPEN_EPARSE, 1, 9, "records[0].a",
       "duplicate key 'a' (first at line 1, column 3)", 1, 1},
      {"[{\"a\":01}, {\"b\":2}]", GOVOPEN_EPARSE, 1, 7, "records[0].a",
       "(reading stopped here: the rest of the input, from line 1, column 2, to its end, was not read)", 0, 1},
      {"\"x\"", GOVOPEN_ESCHEMA, 1, 1, "", "the top level must be an array of records or an object, found a string", 0,
       0},
      {"  \n ", GOVOPEN_EPARSE, 2, 2, "", "the document is empty", 0, 0},
      {"nul", GOVOPEN_EPARSE, 1, 1, "", "unexpected 'nul'", 0, 0},
      {"{\"observations\": 3}", GOVOPEN_ESCHEMA, 1, 18, "observations",
       "'observations' must be an array of records, found a number", 0, 0},
      {"{\"observations\": {\"a\":1,\"a\":2}}", GOVOPEN_ESCHEMA, 1, 18, "observations",
       "'observations' must be an array of records, found an object (reading stopped here: the rest of the input, from line 1, column 18, to its end, was not read)",
       0, 0},
      {"{\"observations\": [{\"a\":1}], \"x\": [1, 01]}", GOVOPEN_EPARSE, 1, 38, "x[1]",
       "the number '01' is not valid JSON", 1, 0},
      {"[{\"a\":\"\\u0000\"}, {\"b\":1}]", GOVOPEN_ESCHEMA, 1, 8, "records[0].a", "\\u0000", 1, 1},
      {"{\"observations\": [{\"a\":1}], \"x\": [1]}", GOVOPEN_ESCHEMA, 1, 29, "x", "unknown top-level key 'x'", 1, 0},
      {"{\"observations\": [], \"observations\": []}", GOVOPEN_EPARSE, 1, 22, "observations",
       "duplicate key 'observations' (first at line 1, column 2)", 0, 0},
      {"{\"observations\": [{\"a\":1}]", GOVOPEN_EPARSE, 1, 27, "", "the object at line 1, column 1 is not closed", 1,
       0},
      {"{\"observations\" [] }", GOVOPEN_EPARSE, 1, 17, "", "expected ':' after a key, found '['", 0, 0},
      {"{\"observations\": [], 3: 4}", GOVOPEN_EPARSE, 1, 22, "", "expected a key, found '3'", 0, 0},
      {"\xFF\xFE[\0]\0", GOVOPEN_EPARSE, 1, 1, "", "UTF-16", 0, 0},
      {"[{\"a\":\"\xC0\xAF\"}, {}]", GOVOPEN_EPARSE, 1, 8, "records[0]", "invalid UTF-8 (byte 0xC0)", 1, 1},
      {"[\xEF\xBB\xBF{}]", GOVOPEN_EPARSE, 1, 2, "records[0]", "unexpected byte-order mark (U+FEFF)", 0, 1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    rd x;
    size_t len = strlen(cases[i].text);
    if (cases[i].text[0] == '\xFF') len = 6;
    rd_read_lim(&x, cases[i].text, len, GV_REC_JSON, NULL);
    if (x.status != cases[i].code || x.r.count != cases[i].count || x.r.rejected != cases[i].rejected)
      fprintf(stderr, "\n  case %zu: status %d count %zu rejected %zu\n", i, x.status, x.r.count, x.r.rejected);
    CU_ASSERT_EQUAL(x.status, cases[i].code);
    CU_ASSERT_EQUAL(x.r.count, cases[i].count);
    CU_ASSERT_EQUAL(x.r.rejected, cases[i].rejected);
    CU_ASSERT_EQUAL(x.d.errors, 1);
    check_err(&x, 0, cases[i].code, cases[i].line, cases[i].col, cases[i].path, cases[i].part, (int)i);
    rd_free(&x);
  }
}

static void test_yaml_errors(void) {
  static const struct {
    const char *text;
    int code;
    unsigned line, col;
    const char *path, *part;
    size_t count, rejected;
  } cases[] = {
      {"- a: 1\n- 2\n- [x]\n- b: 2\n", GOVOPEN_ESCHEMA, 2, 3, "records[1]",
       "a record must be a mapping, found an integer", 2, 2},
      {"- a: 1\n- b: [1\n", GOVOPEN_EPARSE, 3, 1, "", "malformed YAML", 0, 0},
      {"- a: 1\n  a: 2\n", GOVOPEN_EPARSE, 2, 3, "", "duplicate key 'a' (first at line 1, column 3)", 0, 0},
      {"hello\n", GOVOPEN_ESCHEMA, 1, 1, "", "the top level must be a list of records or a mapping, found a string", 0,
       0},
      {"# nothing\n", GOVOPEN_ESCHEMA, 1, 1, "", "the document is empty", 0, 0},
      {"observations: 3\n", GOVOPEN_ESCHEMA, 1, 15, "observations",
       "'observations' must be a list of records, found an integer", 0, 0},
      {"observations: []\nx: 1\n", GOVOPEN_ESCHEMA, 2, 1, "x", "unknown top-level key 'x'", 0, 0},
      {"- a: &x 1\n- b: *x\n", GOVOPEN_ELIMIT, 2, 6, "", "aliases are not allowed", 0, 0},
      {"- a: \"\xC3(\"\n", GOVOPEN_EPARSE, 1, 8, "", "malformed YAML: invalid trailing UTF-8 octet", 0, 0},
      {"- a: 1\n---\n- b: 2\n", GOVOPEN_EPARSE, 2, 1, "", "a second YAML document", 0, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    rd x;
    rd_read(&x, cases[i].text, GV_REC_YAML);
    if (x.status != cases[i].code || x.r.count != cases[i].count || x.r.rejected != cases[i].rejected)
      fprintf(stderr, "\n  case %zu: status %d count %zu rejected %zu\n", i, x.status, x.r.count, x.r.rejected);
    CU_ASSERT_EQUAL(x.status, cases[i].code);
    CU_ASSERT_EQUAL(x.r.count, cases[i].count);
    CU_ASSERT_EQUAL(x.r.rejected, cases[i].rejected);
    check_err(&x, 0, cases[i].code, cases[i].line, cases[i].col, cases[i].path, cases[i].part, (int)i);
    rd_free(&x);
  }
  /* a syntax error says the read stopped */
  rd x;
  rd_read(&x, "- a: [1\n", GV_REC_YAML);
  CU_ASSERT_PTR_NOT_NULL(
      strstr(nth_err(&x, 0)->message,
             "(reading stopped here: the rest of the input, from line 2, column 1, to its end, was not read)"));
  rd_free(&x);
}

static void test_limits(void) {
  gv_rec_limits lim;
  gv_rec_limits_default(&lim);
  CU_ASSERT_EQUAL(lim.max_records, 5000000);
  CU_ASSERT_EQUAL(lim.y.max_depth, GOVOPEN_DEFAULT_MAX_DEPTH);
  rd x;

  lim.y.max_size = 10;
  const char *t = "{\"a\":1}\n{}\n";
  CU_ASSERT_EQUAL(rd_read_lim(&x, t, strlen(t), GV_REC_JSONL, &lim), GOVOPEN_ELIMIT);
  CHECK_ERR(&x, 0, GOVOPEN_ELIMIT, 0, 0, "",
            "the input's size (11 bytes) exceeds the limit of 10 (GOVOPEN_OPT_MAX_SIZE)");
  CU_ASSERT_EQUAL(x.r.count, 0);
  rd_free(&x);
  CU_ASSERT_EQUAL(rd_read_lim(&x, "- a: 1\n- b: 2\n", 14, GV_REC_YAML, &lim), GOVOPEN_ELIMIT);
  rd_free(&x);

  /* depth counts from the document's top: a record of a JSON array is at depth 2 */
  gv_rec_limits_default(&lim);
  lim.y.max_depth = 3;
  t = "{\"a\":{\"b\":{}}}\n{\"a\":{\"b\":{\"c\":{}}}}\n{\"x\":[]}\n";
  CU_ASSERT_EQUAL(rd_read_lim(&x, t, strlen(t), GV_REC_JSONL, &lim), GOVOPEN_ELIMIT);
  CU_ASSERT_EQUAL(x.r.count, 2);
  CU_ASSERT_EQUAL(x.r.rejected, 1);
  CHECK_ERR(&x, 0, GOVOPEN_ELIMIT, 2, 16, "records[1]",
            "the nesting depth exceeds the limit of 3 (GOVOPEN_OPT_MAX_DEPTH)");
  rd_free(&x);
  t = "[{\"a\":{\"b\":{}}}, {\"a\":{}}]";
  CU_ASSERT_EQUAL(rd_read_lim(&x, t, strlen(t), GV_REC_JSON, &lim), GOVOPEN_ELIMIT);
  CU_ASSERT_EQUAL(x.r.count, 1);
  CHECK_ERR(&x, 0, GOVOPEN_ELIMIT, 1, 12, "records[0]", "nesting depth");
  rd_free(&x);
  t = "- a: {b: {}}\n";
  CU_ASSERT_EQUAL(rd_read_lim(&x, t, strlen(t), GV_REC_YAML, &lim), GOVOPEN_ELIMIT);
  CHECK_ERR(&x, 0, GOVOPEN_ELIMIT, 1, 10, "", "nesting depth");
  rd_free(&x);
  /* far deeper than cJSON's own limit: refused before cJSON sees it */
  gv_rec_limits_default(&lim);
  size_t deep = 100000;
  char *big = malloc(2 * deep + 16);
  CU_ASSERT_PTR_NOT_NULL_FATAL(big);
  memcpy(big, "{\"a\":", 5);
  memset(big + 5, '[', deep);
  memset(big + 5 + deep, ']', deep);
  memcpy(big + 5 + 2 * deep, "}", 2);
  CU_ASSERT_EQUAL(rd_read(&x, big, GV_REC_JSONL), GOVOPEN_ELIMIT);
  CHECK_ERR(&x, 0, GOVOPEN_ELIMIT, 1, 5 + GOVOPEN_DEFAULT_MAX_DEPTH, "records[0]", "nesting depth");
  rd_free(&x);
  free(big);

  /* nodes: every record kept counts; the read stops at the limit */
  gv_rec_limits_default(&lim);
  lim.y.max_nodes = 5;
  t = "{\"a\":1,\"b\":2}\n{\"c\":3}\n{\"d\":4}\n";
  CU_ASSERT_EQUAL(rd_read_lim(&x, t, strlen(t), GV_REC_JSONL, &lim), GOVOPEN_ELIMIT);
  CU_ASSERT_EQUAL(x.r.count, 1);
  CU_ASSERT_EQUAL(x.r.rejected, 1);
  CHECK_ERR(
      &x, 0, GOVOPEN_ELIMIT, 2, 1, "records[1]",
      "the number of nodes exceeds the limit of 5 (GOVOPEN_OPT_MAX_NODES) (reading stopped here: the rest of the input, from line 2, column 1, to its end, was not read)");
  CU_ASSERT_PTR_NULL(nth_err(&x, 1));
  rd_free(&x);
  lim.y.max_nodes = 4;
  t = "[{\"a\":[1,2,3]}]";
  CU_ASSERT_EQUAL(rd_read_lim(&x, t, strlen(t), GV_REC_JSON, &lim), GOVOPEN_ELIMIT);
  CHECK_ERR(&x, 0, GOVOPEN_ELIMIT, 1, 10, "records[0]", "number of nodes");
  rd_free(&x);

  /* records */
  gv_rec_limits_default(&lim);
  lim.max_records = 2;
  t = "{}\n\n{}\n{}\n{}\n";
  CU_ASSERT_EQUAL(rd_read_lim(&x, t, strlen(t), GV_REC_JSONL, &lim), GOVOPEN_ELIMIT);
  CU_ASSERT_EQUAL(x.r.count, 2);
  CU_ASSERT_EQUAL(x.r.rejected, 1);
  CHECK_ERR(&x, 0, GOVOPEN_ELIMIT, 4, 1, "records[2]", "more than 2 records");
  CU_ASSERT_EQUAL(x.d.errors, 1);
  rd_free(&x);
  t = "[{}, 1, {}]";
  CU_ASSERT_EQUAL(rd_read_lim(&x, t, strlen(t), GV_REC_JSON, &lim), GOVOPEN_ESCHEMA);
  CU_ASSERT_EQUAL(x.r.count, 1);
  CU_ASSERT_EQUAL(x.r.rejected, 2);
  CHECK_ERR(&x, 1, GOVOPEN_ELIMIT, 1, 9, "records[2]", "more than 2 records");
  rd_free(&x);
  t = "- {}\n- {}\n- {}\n";
  CU_ASSERT_EQUAL(rd_read_lim(&x, t, strlen(t), GV_REC_YAML, &lim), GOVOPEN_ELIMIT);
  CHECK_ERR(&x, 0, GOVOPEN_ELIMIT, 3, 3, "records[2]", "more than 2 records");
  rd_free(&x);
}

/* --- streaming ----------------------------------------------------------- */

typedef struct seen {
  size_t n, lines[8], stop_at;
} seen;

static int on_record(const gv_record *rec, void *payload) {
  seen *s = payload;
  if (s->n < 8) s->lines[s->n] = rec->line;
  s->n++;
  CU_ASSERT_EQUAL(rec->node->kind, GV_YMAP);
  return s->n == s->stop_at ? 42 : 0;
}

static void test_foreach(void) {
  const char *t = "{\"a\":1,\"b\":2}\n\n{\"c\":[3,4]}\nnope\n{\"d\":4}\n";
  gv_diags d = {0};
  seen s = {0};
  size_t count = 9, rejected = 9;
  /* the node limit holds per record here: no record is kept */
  gv_rec_limits lim;
  gv_rec_limits_default(&lim);
  lim.y.max_nodes = 5;
  CU_ASSERT_EQUAL(gv_records_foreach(t, strlen(t), "obs", GV_REC_JSONL, &lim, on_record, &s, &count, &rejected, &d),
                  GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(count, 3);
  CU_ASSERT_EQUAL(rejected, 1);
  CU_ASSERT_EQUAL(s.n, 3);
  CU_ASSERT_EQUAL(s.lines[0], 1);
  CU_ASSERT_EQUAL(s.lines[1], 3);
  CU_ASSERT_EQUAL(s.lines[2], 5);
  CU_ASSERT_EQUAL(d.errors, 1);
  gv_diags_free(&d);

  /* a callback's non-zero stops the read and comes back unchanged */
  memset(&s, 0, sizeof s);
  s.stop_at = 2;
  d = (gv_diags){0};
  t = "[{}, {}, {}]";
  CU_ASSERT_EQUAL(gv_records_foreach(t, strlen(t), "obs", GV_REC_AUTO, NULL, on_record, &s, &count, &rejected, &d), 42);
  CU_ASSERT_EQUAL(s.n, 2);
  CU_ASSERT_EQUAL(count, 2);
  CU_ASSERT_EQUAL(rejected, 0);
  CU_ASSERT_EQUAL(d.errors, 0);
  gv_diags_free(&d);

  /* YAML too */
  memset(&s, 0, sizeof s);
  t = "- a: 1\n- b: 2\n";
  CU_ASSERT_EQUAL(gv_records_foreach(t, strlen(t), "obs.yaml", GV_REC_AUTO, NULL, on_record, &s, NULL, NULL, &d), 0);
  CU_ASSERT_EQUAL(s.n, 2);
  CU_ASSERT_EQUAL(s.lines[1], 2);
  gv_diags_free(&d);
  CU_ASSERT_EQUAL(gv_records_foreach(t, strlen(t), "obs", GV_REC_YAML, NULL, NULL, NULL, NULL, NULL, &d),
                  GOVOPEN_EINVALID);
  gv_diags_free(&d);
}

/* --- transcripts: what a read hands over and says, as text ---------------- */

/* A node and its subtree, every field the readers set. */
static void dump_node(gv_buf *b, const gv_ynode *n) {
  gv_buf_printf(b, "(%d %d %d %u %u:%u w%zu", (int)n->kind, (int)n->type, (int)n->style, n->indent, n->line, n->col,
                n->weight);
  if (n->kind == GV_YSCALAR) {
    gv_buf_printf(b, " [%zu]'", n->len);
    gv_buf_append(b, n->text, n->len);
    gv_buf_putc(b, '\'');
  }
  size_t items = n->kind == GV_YMAP ? 2 * n->count : n->kind == GV_YSEQ ? n->count : 0;
  for (size_t i = 0; i < items; i++) {
    gv_buf_putc(b, ' ');
    dump_node(b, n->items[i]);
  }
  gv_buf_putc(b, ')');
}

typedef struct transcript {
  gv_buf b;
  size_t n, stop_at; /* stop_at: the callback returns 42 at that record (1-based) */
} transcript;

static int tr_record(const gv_record *rec, void *payload) {
  transcript *t = payload;
  gv_buf_printf(&t->b, "R %zu %u:%u ", rec->index, rec->line, rec->col);
  dump_node(&t->b, rec->node);
  gv_buf_putc(&t->b, '\n');
  return ++t->n == t->stop_at ? 42 : 0;
}

static void tr_diags(gv_buf *b, const gv_diags *d) {
  for (const govopen_error *e = d->head; e; e = e->next)
    gv_buf_printf(b, "E %d %u:%u %s %s: %s\n", e->code, e->line, e->column, e->source, e->path, e->message);
}

/* The transcript of a read: status, counts, records, diagnostics. */
static void tr_end(transcript *t, int status, size_t count, size_t rejected, const gv_diags *d) {
  gv_buf_printf(&t->b, "= %d %zu %zu\n", status, count, rejected);
  tr_diags(&t->b, d);
}

/* Asserts two transcripts are the same, showing where they part. */
static void same_text(const char *a, const char *b, const char *what, int at_line) {
  if (strcmp(a, b) == 0) {
    CU_PASS("same");
    return;
  }
  size_t i = 0;
  while (a[i] && a[i] == b[i]) i++;
  size_t from = i > 120 ? i - 120 : 0;
  fprintf(stderr, "\n  line %d, %s: transcripts differ at byte %zu\n  want ...%.240s\n  got  ...%.240s\n", at_line,
          what, i, a + from, b + from);
  CU_FAIL("transcripts differ");
}
#define SAME_TEXT(a, b, what) same_text(a, b, what, __LINE__)

/* gv_records_foreach on a buffer, as a transcript (to free with gv_buf_free). */
static gv_buf tr_buffer(const char *text, size_t len, const char *source, int format, const gv_rec_limits *lim,
                        size_t stop_at) {
  transcript t = {{0}, 0, stop_at};
  gv_diags d = {0};
  size_t count = 0, rejected = 0;
  int st = gv_records_foreach(text, len, source, format, lim, tr_record, &t, &count, &rejected, &d);
  tr_end(&t, st, count, rejected, &d);
  gv_diags_free(&d);
  return t.b;
}

/* gv_records_read, as the same transcript (its records after reading). */
static gv_buf tr_read(const char *text, size_t len, const char *source, int format, const gv_rec_limits *lim) {
  transcript t = {{0}, 0, 0};
  gv_records r;
  gv_diags d = {0};
  int st = gv_records_read(&r, text, len, source, format, lim, &d);
  for (size_t i = 0; i < r.count; i++) tr_record(&r.items[i], &t);
  tr_end(&t, st, r.count, r.rejected, &d);
  gv_records_free(&r);
  gv_diags_free(&d);
  return t.b;
}

/* A temporary file holding `len` bytes, positioned at its start. */
static int temp_fd(const char *text, size_t len) {
  FILE *f = tmpfile();
  CU_ASSERT_PTR_NOT_NULL_FATAL(f);
  int fd = dup(fileno(f));
  fclose(f);
  CU_ASSERT_FATAL(fd >= 0);
  size_t off = 0;
  while (off < len) {
    ssize_t k = write(fd, text + off, len - off);
    CU_ASSERT_FATAL(k > 0);
    off += (size_t)k;
  }
  CU_ASSERT_FATAL(lseek(fd, 0, SEEK_SET) == 0);
  return fd;
}

/* gv_records_foreach_fd on a temporary file holding `text`. */
static gv_buf tr_fd(const char *text, size_t len, const char *source, int format, const gv_rec_limits *lim,
                    size_t stop_at) {
  int fd = temp_fd(text, len);
  transcript t = {{0}, 0, stop_at};
  gv_diags d = {0};
  size_t count = 0, rejected = 0;
  int st = gv_records_foreach_fd(fd, source, format, lim, tr_record, &t, &count, &rejected, &d);
  tr_end(&t, st, count, rejected, &d);
  gv_diags_free(&d);
  close(fd);
  return t.b;
}

/* --- the fast path -------------------------------------------------------- */

/* Reads `text` both ways — the fast path, and every record the careful
   way — as JSON Lines and as a JSON document, and wants the same. */
static void fast_same(const char *text, size_t len, const char *what) {
  gv_rec_limits fast, slow;
  gv_rec_limits_default(&fast);
  gv_rec_limits_default(&slow);
  slow.no_fast_path = 1;
  for (int format = GV_REC_JSONL; format <= GV_REC_JSON; format++) {
    gv_buf a = tr_buffer(text, len, "obs", format, &slow, 0), b = tr_buffer(text, len, "obs", format, &fast, 0);
    SAME_TEXT(gv_buf_str(&a), gv_buf_str(&b), what);
    gv_buf_free(&a);
    gv_buf_free(&b);
    a = tr_read(text, len, "obs", format, &slow);
    b = tr_read(text, len, "obs", format, &fast);
    SAME_TEXT(gv_buf_str(&a), gv_buf_str(&b), what);
    gv_buf_free(&a);
    gv_buf_free(&b);
  }
}

static void test_fast_path(void) {
  static const char *texts[] = {
      "{\"unit\": \"城关镇\", \"n\": 3, \"ok\": true, \"no\": false, \"x\": null, \"f\": 2.5, \"s\": [1, {\"d\": \"2023-01-02\"}]}\n"
      "  {\"unit\":\"县政府办\"}\n",
      "{\"a\":1,\"b\":-0,\"c\":2.5,\"d\":1e21,\"e\":0.1,\"f\":12345678901234567890,\"g\":1.0,\"h\":-1.5e-7,"
      "\"i\":9007199254740992,\"j\":-9007199254740991,\"k\":1E2,\"l\":-0.0,\"m\":5e-324,\"n\":0.30000000000000004,"
      "\"o\":1.7976931348623157e308,\"p\":100000000000000000000,\"q\":123456789012345,\"r\":1234567890123456,"
      "\"s\":-999999999999999,\"t\":0e5,\"u\":1E+2,\"v\":[0,-1,10]}",
      "{\"e\":\"\\u00e9\\ud83d\\ude00\\n\\t\\\"\\\\\\/\\b\\f\\r\",\"k\\u00e9y\":\"\\u4e2d\",\"z\":\"\"}",
      "{ \"a\" : [ ] , \"b\" : { } , \"c\" : [ [ [ ] ] ] }\t \n{}\n[]\n\"s\"\n1\n",
      "{\"a\":1}\r\n\r\n  \t \r\n{\"b\":\"x\"}\r{\"c\": [\r\n]}\r\n\n\xEF\xBB\xBF{}\n",
      /* errors: every one goes the careful way */
      "{\"a\":1} x\n{\"a\":\"bc\n{\"a\":1\n{\"a\":tru}\n{\"a\":01}\n{\"a\":[1.]}\n{\"a\":-2.e3}\n{\"a\":\"x\ty\"}\n",
      "{\"a\":1,\"b\":{\"c\":1,\"c\":2}}\n{\"a\":\"x\\u0000y\"}\n{\"k\\u0000\":1}\n{\"a\":[0, -1e400]}\n",
      "{\"a\":\"\xC3(\"}\n{\"a\":\"\xED\xA0\x80\"}\n{\"a\":\"\\ud800\"}\n{\"a\":\"\\udc00\"}\n{\"a\":\"\\ud800\\u0041\"}\n",
      "{\"a\":1,}\n{\"a\":1,2x}\n{\"a\":[1,2x]}\n{\"a\":\"\\x\"}\n{'a':1}\n{\"a\":[1 2]}\n{} {}\n{\"a\":1}\x01\n",
      "{\"a\":\"\\u00zz\"}\n{\"a\":\"\\u12\"}\n{\"a\":truefalse}\n{\"a\":nul}\n{\"a\":1e}\n{\"a\":-}\n{\"a\":.5}\n{\"a\":+1}\n",
      "{\"a\":123456789012345678901234567890123456789012345678901234567890123456789}\n{\"a\":\"\x7f\"}\n",
      "{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":10,\"k11\":11,"
      "\"k12\":12,\"k13\":13,\"k14\":14,\"k15\":15,\"k16\":16,\"k17\":17,\"k3\":18}\n",
      "[{\"a\":1},\n {\"a\":},\n {\"b\":2}]",
      "[\r\n  {\"a\": 1},\r\n  {\"b\": [true, false], \"c\": {}}\r\n]\r\n",
      "{\n \"observations\": [\n  {\"a\": 1},\n  {\"a\": 2}\n ]\n}\n",
      "\n {\"unit\": \"u\",\n  \"point\": \"P1\"}\n",
      "[{\"a\":1}, 2, {\"b\":2}]",
  };
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    char what[32];
    snprintf(what, sizeof what, "text %zu", i);
    fast_same(texts[i], strlen(texts[i]), what);
  }
  /* nesting at and beyond the depth limit, and beyond the fast path's own */
  gv_rec_limits lim;
  gv_rec_limits_default(&lim);
  for (size_t depth = 60; depth <= 200; depth += 70) {
    gv_buf t = {0};
    gv_buf_puts(&t, "{\"a\":");
    for (size_t k = 0; k < depth; k++) gv_buf_putc(&t, '[');
    for (size_t k = 0; k < depth; k++) gv_buf_putc(&t, ']');
    gv_buf_puts(&t, "}\n");
    fast_same(gv_buf_str(&t), t.len, "deep");
    gv_buf_free(&t);
  }
  /* the sample file, both ways */
  size_t len;
  char *data = test_read_file(test_path("../data/samples/langao-2023-observations.jsonl"), &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(data);
  fast_same(data, len, "sample");
  free(data);
  /* a number in the locale's own decimal point, when one with a comma exists */
  if (setlocale(LC_NUMERIC, "de_DE.UTF-8") || setlocale(LC_NUMERIC, "de_DE.utf8")) {
    fast_same(texts[1], strlen(texts[1]), "locale");
    setlocale(LC_NUMERIC, "C");
  }
}

/* A bad \u escape: cJSON takes its digits for 0 and cuts the string. */
static void test_bad_unicode_escape(void) {
  rd x;
  CU_ASSERT_EQUAL(rd_read(&x, "{\"ok\":1}\n{\"a\":\"x\\u00zzy\"}\n", GV_REC_JSONL), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(x.r.count, 1);
  CU_ASSERT_EQUAL(x.r.rejected, 1);
  CHECK_ERR(&x, 0, GOVOPEN_EPARSE, 2, 8, "records[1].a", "malformed JSON: invalid escape sequence '\\u00zz'");
  rd_free(&x);
  CU_ASSERT_EQUAL(rd_read(&x, "[{\"a\":\"\\uZZZZ\"}]", GV_REC_JSON), GOVOPEN_EPARSE);
  CHECK_ERR(
      &x, 0, GOVOPEN_EPARSE, 1, 8, "records[0].a",
      "invalid escape sequence '\\uZZZZ' (reading stopped here: the rest of the input, from line 1, column 2, to its end, was not read)");
  rd_free(&x);
}

/* --- files ---------------------------------------------------------------- */

/* JSON Lines through a file in blocks of every small size: what the buffer gives. */
static void fd_same(const char *text, size_t len, const char *source, int format, size_t max_size, const char *what) {
  gv_rec_limits lim;
  gv_rec_limits_default(&lim);
  if (max_size) lim.y.max_size = max_size;
  gv_buf want = tr_buffer(text, len, source, format, &lim, 0);
  static const size_t blocks[] = {1, 2, 3, 4, 5, 7, 8, 13, 64, 4096, 0};
  for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++) {
    lim.block = blocks[k];
    gv_buf got = tr_fd(text, len, source, format, &lim, 0);
    char w[96];
    snprintf(w, sizeof w, "%s, block %zu", what, blocks[k]);
    SAME_TEXT(gv_buf_str(&want), gv_buf_str(&got), w);
    gv_buf_free(&got);
  }
  gv_buf_free(&want);
}

static const char *const jsonl_texts[] = {
    "{\"a\":1}\n{\"b\":2}\n",
    "\xEF\xBB\xBF{\"a\":1}\r\n\r\n  \t \r\n{\"b\":\"x\"}\r{\"c\": [\r\n]}\r\n\n",
    "{\"a\":1}\r\r\r{\"b\":\"城关镇\"}\r",
    "\r\n\r\n{\"a\":1}\r\n",
    "  {\"a\":1,\"b\":{\"c\":1,\"c\":2}}\n{\"a\":}\n[1,2]\nnope\n\t{\"ok\":true}",
    "{\"a\":\"\xC3(\"}\n\xEF\xBB\xBF{}\n{\"a\":\"\\u0000\"}\n{\"a\":1e400}\n{\"x\":\"岚皋县\"}\n\n\n",
    "\xEF\xBB\xBF",
    "",
    " \t \n",
    "\xEF\xBB\xBF\r\n{}\n",
    "{\"a\":1}",
    "{\"a\":1}\r",
};

static void test_fd_jsonl(void) {
  for (size_t i = 0; i < sizeof jsonl_texts / sizeof *jsonl_texts; i++) {
    char what[32];
    snprintf(what, sizeof what, "jsonl %zu", i);
    fd_same(jsonl_texts[i], strlen(jsonl_texts[i]), "obs", GV_REC_JSONL, 0, what);
    fd_same(jsonl_texts[i], strlen(jsonl_texts[i]), "obs.jsonl", GV_REC_AUTO, 0, what);
  }
  size_t len;
  char *data = test_read_file(test_path("fixtures/records/mixed.jsonl"), &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(data);
  fd_same(data, len, "obs", GV_REC_AUTO, 0, "mixed.jsonl");
  free(data);
  /* the record limit, and a callback's stop, fall where they fall in a buffer */
  gv_rec_limits lim;
  gv_rec_limits_default(&lim);
  lim.max_records = 2;
  lim.block = 3;
  const char *t = "{}\n\n{}\n{}\n{}\n";
  gv_buf want = tr_buffer(t, strlen(t), "obs", GV_REC_JSONL, &lim, 0);
  gv_buf got = tr_fd(t, strlen(t), "obs", GV_REC_JSONL, &lim, 0);
  SAME_TEXT(gv_buf_str(&want), gv_buf_str(&got), "max_records");
  CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), "more than 2 records"));
  gv_buf_free(&want);
  gv_buf_free(&got);
  gv_rec_limits_default(&lim);
  lim.block = 5;
  want = tr_buffer(t, strlen(t), "obs", GV_REC_JSONL, &lim, 2);
  got = tr_fd(t, strlen(t), "obs", GV_REC_JSONL, &lim, 2);
  SAME_TEXT(gv_buf_str(&want), gv_buf_str(&got), "callback stop");
  CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), "= 42 2 0"));
  gv_buf_free(&want);
  gv_buf_free(&got);
}

/* MAX_SIZE bounds a line read from a file: a longer one is one bad record. */
static void test_fd_long_lines(void) {
  gv_buf text = {0};
  gv_buf_puts(&text, "{\"a\":1}\n   {\"long\":\"");
  for (int i = 0; i < 300; i++) gv_buf_putc(&text, 'x');
  gv_buf_puts(&text, "\"}\r\n{\"b\":2}\n");
  for (int i = 0; i < 200; i++) gv_buf_putc(&text, ' ');
  gv_buf_puts(&text, "\n{\"c\":3}\r");
  for (int i = 0; i < 150; i++) gv_buf_putc(&text, '\t');
  gv_buf_puts(&text, "[\"end without a line end\"]");
  const char *want_errors[] = {
      "E -6 2:4 obs records[1]: the line is longer than the limit of 100 bytes (GOVOPEN_OPT_MAX_SIZE): not read\n",
      "E -6 6:151 obs records[4]: the line is longer than the limit of 100 bytes (GOVOPEN_OPT_MAX_SIZE): not read\n",
  };
  gv_rec_limits lim;
  gv_rec_limits_default(&lim);
  lim.y.max_size = 100;
  static const size_t blocks[] = {1, 3, 16, 99, 100, 101, 150, 4096};
  gv_buf first = {0};
  for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++) {
    lim.block = blocks[k];
    gv_buf got = tr_fd(text.data, text.len, "obs", GV_REC_JSONL, &lim, 0);
    const char *g = gv_buf_str(&got);
    for (size_t e = 0; e < 2; e++) {
      if (strstr(g, want_errors[e]) == NULL) fprintf(stderr, "\n  block %zu: %s", blocks[k], g);
      CU_ASSERT_PTR_NOT_NULL(strstr(g, want_errors[e]));
    }
    CU_ASSERT_PTR_NOT_NULL(strstr(g, "R 0 1:1 "));
    CU_ASSERT_PTR_NOT_NULL(strstr(g, "R 2 3:1 "));
    CU_ASSERT_PTR_NOT_NULL(strstr(g, "R 3 5:1 "));
    CU_ASSERT_PTR_NOT_NULL(strstr(g, "= -6 3 2\n"));
    if (k == 0)
      first = got;
    else {
      SAME_TEXT(gv_buf_str(&first), g, "long lines");
      gv_buf_free(&got);
    }
  }
  gv_buf_free(&first);
  /* the same lines within the limit read as in a buffer */
  fd_same(text.data, text.len, "obs", GV_REC_JSONL, 0, "long lines, no limit");
  gv_buf_free(&text);
}

/* Read through a pipe: short reads, no seeking. */
static void test_fd_pipe(void) {
  const char *t = jsonl_texts[1];
  int p[2];
  CU_ASSERT_FATAL(pipe(p) == 0);
  CU_ASSERT_FATAL(write(p[1], t, strlen(t)) == (ssize_t)strlen(t));
  close(p[1]);
  transcript tr = {{0}, 0, 0};
  gv_diags d = {0};
  size_t count = 0, rejected = 0;
  int st = gv_records_foreach_fd(p[0], "obs", GV_REC_AUTO, NULL, tr_record, &tr, &count, &rejected, &d);
  tr_end(&tr, st, count, rejected, &d);
  close(p[0]);
  gv_buf want = tr_buffer(t, strlen(t), "obs", GV_REC_AUTO, NULL, 0);
  SAME_TEXT(gv_buf_str(&want), gv_buf_str(&tr.b), "pipe");
  gv_buf_free(&want);
  gv_buf_free(&tr.b);
  gv_diags_free(&d);

  /* an input that cannot be read: the source and the reason */
  int dir = open(test_path("fixtures"), O_RDONLY);
  CU_ASSERT_FATAL(dir >= 0);
  rd x;
  memset(&x, 0, sizeof x);
  seen s = {0};
  CU_ASSERT_EQUAL(gv_records_foreach_fd(dir, "obs", GV_REC_AUTO, NULL, on_record, &s, NULL, NULL, &x.d), GOVOPEN_EIO);
  close(dir);
  CHECK_ERR(&x, 0, GOVOPEN_EIO, 0, 0, "", "cannot read 'obs': ");
  CU_ASSERT_PTR_NOT_NULL(strstr(nth_err(&x, 0)->message, strerror(EISDIR)));
  CU_ASSERT_TRUE(gv_records_stopped(&x.d));
  gv_diags_free(&x.d);
  CU_ASSERT_EQUAL(gv_records_foreach_fd(-1, "obs", GV_REC_AUTO, NULL, on_record, &s, NULL, NULL, &x.d),
                  GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(gv_records_foreach_fd(0, "obs", GV_REC_AUTO, NULL, NULL, NULL, NULL, NULL, &x.d), GOVOPEN_EINVALID);
  gv_diags_free(&x.d);
}

/* Detection from a file's first block, JSON read whole, its size bounded. */
static void test_fd_formats(void) {
  static const char *const texts[] = {
      "[{\"a\": 1},\n {\"a\": 2}]\n",
      "{\n \"observations\": [{\"a\": 1}]\n}",
      "{\"observations\": [{\"a\": 1}]}\n",
      "{\"observations\": [{\"a\": 1}]}\n{\"b\":2}\n",
      "- a: 1\n- b: 2\n",
      "\xEF\xBB\xBF \n {\"a\":1}\n",
      "   \n\n",
      "{\"a\": \"x\"\n}\n",
      "\xFF\xFE[\0]\0",
      "[{\"a\":1},]",
  };
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    char what[32];
    snprintf(what, sizeof what, "format %zu", i);
    size_t len = i == 8 ? 6 : strlen(texts[i]);
    gv_buf want = tr_buffer(texts[i], len, "obs", GV_REC_AUTO, NULL, 0);
    gv_buf got = tr_fd(texts[i], len, "obs", GV_REC_AUTO, NULL, 0);
    SAME_TEXT(gv_buf_str(&want), gv_buf_str(&got), what);
    gv_buf_free(&want);
    gv_buf_free(&got);
  }
  /* a first line longer than the first block decides all the same */
  gv_buf big = {0};
  gv_buf_puts(&big, "{\"a\":\"");
  for (int i = 0; i < 100000; i++) gv_buf_putc(&big, 'y');
  gv_buf_puts(&big, "\"}\n  \n{\"b\":1}\n");
  gv_buf want = tr_buffer(big.data, big.len, "obs", GV_REC_AUTO, NULL, 0);
  gv_buf got = tr_fd(big.data, big.len, "obs", GV_REC_AUTO, NULL, 0);
  SAME_TEXT(gv_buf_str(&want), gv_buf_str(&got), "long first line");
  CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), "= 0 2 0"));
  gv_buf_free(&want);
  gv_buf_free(&got);
  /* a JSON document beyond MAX_SIZE, refused whole with its size */
  gv_rec_limits lim;
  gv_rec_limits_default(&lim);
  lim.y.max_size = 1000;
  gv_buf_truncate(&big, 0);
  gv_buf_putc(&big, '[');
  for (int i = 0; i < 1000; i++) gv_buf_puts(&big, "{\"a\":1},");
  gv_buf_puts(&big, "{}]");
  want = tr_buffer(big.data, big.len, "obs.json", GV_REC_AUTO, &lim, 0);
  got = tr_fd(big.data, big.len, "obs.json", GV_REC_AUTO, &lim, 0);
  SAME_TEXT(gv_buf_str(&want), gv_buf_str(&got), "oversized JSON");
  CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), "the input's size (8004 bytes) exceeds the limit of 1000"));
  gv_buf_free(&want);
  gv_buf_free(&got);
  gv_buf_free(&big);
}

/* --- parallel JSON Lines --------------------------------------------------- */

typedef struct part_result {
  gv_jsonl_counts counts;
  uint64_t from, to;
} part_result;

/* Cuts the file into `n` parts, counts them, reads each with the numbers the
   ones before it add up to: end to end, the whole file's transcript. */
static void ranges_same(const char *text, size_t len, int n, const gv_rec_limits *lim, const char *what) {
  int fd = temp_fd(text, len);
  gv_buf want = tr_fd(text, len, "obs", GV_REC_JSONL, lim, 0);
  part_result parts[8];
  uint64_t at = 0;
  for (int i = 0; i < n; i++) {
    parts[i].from = at;
    at = i + 1 == n ? len : gv_records_jsonl_split(fd, len, (uint64_t)len / (uint64_t)n * (uint64_t)(i + 1));
    if (at < parts[i].from) at = parts[i].from;
    parts[i].to = at;
    CU_ASSERT_EQUAL(gv_records_jsonl_scan(fd, parts[i].from, parts[i].to, &parts[i].counts), 0);
  }
  transcript t = {{0}, 0, 0};
  size_t count = 0, rejected = 0;
  int status = 0;
  uint64_t line = 1, index = 0;
  for (int i = 0; i < n; i++) {
    gv_diags d = {0};
    size_t c = 0, r = 0;
    int st = gv_records_foreach_jsonl_range(fd, "obs", parts[i].from, parts[i].to, (unsigned)line, (size_t)index, lim,
                                            tr_record, &t, &c, &r, &d);
    if (status == 0) status = st;
    count += c, rejected += r;
    tr_diags(&t.b, &d); /* diagnostics in part order */
    gv_diags_free(&d);
    line += parts[i].counts.lines;
    index += parts[i].counts.records;
  }
  close(fd);
  /* the whole read, with its records and its diagnostics apart */
  gv_buf_printf(&t.b, "= %d %zu %zu\n", status, count, rejected);
  /* the transcripts interleave records and diagnostics differently: compare sorted lines */
  gv_buf w = {0}, g = {0};
  const char *wl[4096], *gl[4096];
  size_t nw = 0, ng = 0;
  gv_buf_puts(&w, gv_buf_str(&want));
  gv_buf_puts(&g, gv_buf_str(&t.b));
  for (char *p = w.data, *q; p && *p && nw < 4096; p = q + 1) {
    wl[nw++] = p;
    if ((q = strchr(p, '\n')) == NULL) break;
    *q = '\0';
  }
  for (char *p = g.data, *q; p && *p && ng < 4096; p = q + 1) {
    gl[ng++] = p;
    if ((q = strchr(p, '\n')) == NULL) break;
    *q = '\0';
  }
  /* records in order, then diagnostics in order, then the status line */
  gv_buf ws = {0}, gs = {0};
  for (int pass = 0; pass < 3; pass++) {
    char tag = pass == 0 ? 'R' : pass == 1 ? 'E' : '=';
    for (size_t i = 0; i < nw; i++)
      if (wl[i][0] == tag) gv_buf_printf(&ws, "%s\n", wl[i]);
    for (size_t i = 0; i < ng; i++)
      if (gl[i][0] == tag) gv_buf_printf(&gs, "%s\n", gl[i]);
  }
  SAME_TEXT(gv_buf_str(&ws), gv_buf_str(&gs), what);
  gv_buf_free(&w);
  gv_buf_free(&g);
  gv_buf_free(&ws);
  gv_buf_free(&gs);
  gv_buf_free(&want);
  gv_buf_free(&t.b);
}

static void test_ranges(void) {
  gv_rec_limits lim;
  gv_rec_limits_default(&lim);
  for (size_t i = 0; i < sizeof jsonl_texts / sizeof *jsonl_texts; i++) {
    for (int n = 1; n <= 3; n++) {
      for (lim.block = 1; lim.block <= 7; lim.block += 6) {
        char what[64];
        snprintf(what, sizeof what, "jsonl %zu in %d parts, block %zu", i, n, lim.block);
        ranges_same(jsonl_texts[i], strlen(jsonl_texts[i]), n, &lim, what);
      }
    }
  }
  size_t len;
  char *data = test_read_file(test_path("../data/samples/langao-2023-observations.jsonl"), &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(data);
  /* make it harder: a BOM, CR LF ends, bad lines, blank lines */
  gv_buf text = {0};
  gv_buf_puts(&text, "\xEF\xBB\xBF");
  size_t lines = 0;
  for (const char *p = data; p < data + len && lines < 200; lines++) {
    const char *e = memchr(p, '\n', (size_t)(data + len - p));
    size_t n = e ? (size_t)(e - p) : (size_t)(data + len - p);
    gv_buf_append(&text, p, lines % 17 == 5 ? n / 2 : n);
    gv_buf_puts(&text, lines % 3 == 0 ? "\r\n" : lines % 11 == 0 ? "\n \t\n" : "\n");
    p += n + 1;
  }
  free(data);
  gv_rec_limits_default(&lim);
  lim.block = 4096;
  for (int n = 2; n <= 3; n++) ranges_same(text.data, text.len, n, &lim, "sample in parts");
  /* the record limit falls in the second of three parts */
  lim.max_records = 120;
  ranges_same(text.data, text.len, 3, &lim, "sample, record limit");
  gv_buf_free(&text);
}

static void test_scan(void) {
  static const struct {
    const char *text;
    uint64_t lines, records;
    int lone_cr, bom, utf16;
  } cases[] = {
      {"", 0, 0, 0, 0, 0},
      {"{}", 0, 1, 0, 0, 0},
      {"{}\n", 1, 1, 0, 0, 0},
      {"\xEF\xBB\xBF\n \t\n{}\r\n{}", 3, 2, 0, 1, 0},
      {"a\rb\r\nc\r", 3, 3, 1, 0, 0},
      {"\xFF\xFE{\0}\0", 0, 1, 0, 0, 1},
      {"\xEF\xBB\xBF", 0, 0, 0, 1, 0},
      {"  \t", 0, 0, 0, 0, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    size_t len = i == 5 ? 6 : strlen(cases[i].text);
    int fd = temp_fd(cases[i].text, len);
    gv_jsonl_counts c;
    CU_ASSERT_EQUAL(gv_records_jsonl_scan(fd, 0, len, &c), 0);
    int ok = c.lines == cases[i].lines && c.records == cases[i].records && c.lone_cr == cases[i].lone_cr &&
             c.bom == cases[i].bom && c.utf16 == cases[i].utf16;
    if (!ok)
      fprintf(stderr, "\n  case %zu: lines %" PRIu64 " records %" PRIu64 " lone_cr %d bom %d utf16 %d\n", i, c.lines,
              c.records, c.lone_cr, c.bom, c.utf16);
    CU_ASSERT_TRUE(ok);
    close(fd);
  }
  /* a CR ending a part looks past it; split points fall after a LF */
  const char *t = "ab\r\ncd\ref\n";
  int fd = temp_fd(t, strlen(t));
  gv_jsonl_counts c;
  CU_ASSERT_EQUAL(gv_records_jsonl_scan(fd, 0, 3, &c), 0);
  CU_ASSERT_TRUE(c.lines == 1 && c.records == 1 && c.lone_cr == 0);
  CU_ASSERT_EQUAL(gv_records_jsonl_scan(fd, 4, 7, &c), 0);
  CU_ASSERT_TRUE(c.lines == 1 && c.records == 1 && c.lone_cr == 1);
  CU_ASSERT_EQUAL(gv_records_jsonl_split(fd, strlen(t), 0), 4);
  CU_ASSERT_EQUAL(gv_records_jsonl_split(fd, strlen(t), 4), 10);
  CU_ASSERT_EQUAL(gv_records_jsonl_split(fd, strlen(t), 10), 10);
  CU_ASSERT_EQUAL(gv_records_jsonl_split(fd, strlen(t), 99), 10);
  close(fd);
  CU_ASSERT_EQUAL(gv_records_jsonl_scan(-1, 0, 10, &c), GOVOPEN_EIO);

  /* a part wholly past the record limit, and the parts after 0 of a UTF-16 file, read nothing and say nothing */
  gv_rec_limits lim;
  gv_rec_limits_default(&lim);
  lim.max_records = 3;
  fd = temp_fd("{}\n{}\n{}\n{}\n{}\n", 15);
  seen s = {0};
  gv_diags d = {0};
  CU_ASSERT_EQUAL(gv_records_foreach_jsonl_range(fd, "obs", 12, 15, 5, 4, &lim, on_record, &s, NULL, NULL, &d),
                  GOVOPEN_ELIMIT);
  CU_ASSERT_EQUAL(s.n + d.errors, 0);
  CU_ASSERT_EQUAL(gv_records_foreach_jsonl_range(fd, "obs", 9, 15, 4, 3, &lim, on_record, &s, NULL, NULL, &d),
                  GOVOPEN_ELIMIT);
  CU_ASSERT_EQUAL(s.n, 0);
  CU_ASSERT_EQUAL(d.errors, 1);
  CU_ASSERT_TRUE(gv_records_stopped(&d));
  gv_diags_free(&d);
  close(fd);
  fd = temp_fd("\xFF\xFE{\0}\0\n\0", 8);
  d = (gv_diags){0};
  CU_ASSERT_EQUAL(gv_records_foreach_jsonl_range(fd, "obs", 7, 8, 2, 1, NULL, on_record, &s, NULL, NULL, &d),
                  GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(d.errors, 0);
  CU_ASSERT_EQUAL(gv_records_foreach_jsonl_range(fd, "obs", 0, 7, 1, 0, NULL, on_record, &s, NULL, NULL, &d),
                  GOVOPEN_EPARSE);
  rd x = {{{NULL}, NULL, 0, 0}, d, 0};
  CHECK_ERR(&x, 0, GOVOPEN_EPARSE, 1, 1, "", "the input is UTF-16");
  gv_diags_free(&d);
  close(fd);
}

/* --- YAML streamed --------------------------------------------------------- */

/* A YAML text streamed from a buffer and from a file, in any block size:
   the same transcript. Valid, it hands over what gv_records_read reads. */
static void yaml_same(const char *text, size_t len, const gv_rec_limits *lim, int valid, const char *what) {
  gv_buf want = tr_buffer(text, len, "obs", GV_REC_YAML, lim, 0);
  gv_rec_limits l = *lim;
  static const size_t blocks[] = {1, 5, 4096, 0};
  for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++) {
    l.block = blocks[k];
    gv_buf got = tr_fd(text, len, "obs", GV_REC_YAML, &l, 0);
    SAME_TEXT(gv_buf_str(&want), gv_buf_str(&got), what);
    gv_buf_free(&got);
  }
  if (valid) {
    gv_buf read = tr_read(text, len, "obs", GV_REC_YAML, lim);
    SAME_TEXT(gv_buf_str(&read), gv_buf_str(&want), what);
    gv_buf_free(&read);
  }
  gv_buf_free(&want);
}

static void test_yaml_stream(void) {
  gv_rec_limits lim;
  gv_rec_limits_default(&lim);
  static const char *const valid[] = {
      "- unit: 城关镇\n  n: 3\n  f: 2.50\n  q: \"4\"\n- {a: 1, 1: x, true: y, ~: z}\n",
      "observations:\n  - a: 1\n  - a: 2\n",
      "unit: u\npoint: P1\nlist: [1, 2]\nobservations_x: 3\n",
      "\xEF\xBB\xBF- a: 1\r\n- b: 2\r\n",
      "- note: |\n    two\n    lines\n  more: >-\n      folded\n      text\n- b: 'x'\n",
      "{observations: [{a: 1}, {b: [x, {c: d}]}]}",
      "- a: 1\r- b: 2\r",
      "[]",
  };
  for (size_t i = 0; i < sizeof valid / sizeof *valid; i++) {
    char what[32];
    snprintf(what, sizeof what, "valid yaml %zu", i);
    yaml_same(valid[i], strlen(valid[i]), &lim, 1, what);
  }
  static const char *const invalid[] = {
      "- a: 1\n- 2\n- [x]\n- b: 2\n",
      "- a: 1\n- b: [1\n",
      "- a: 1\n- a: 2\n  a: 3\n- c: 1\n",
      "hello\n",
      "# nothing\n",
      "observations: 3\n",
      "x: 0\nobservations: [{a: 1}, 2]\ny: 1\n",
      "observations: []\nobservations: []\n",
      "- a: &x 1\n- b: *x\n",
      "- a: 1\n- a: \"\xC3(\"\n",
      "- a: 1\n---\n- b: 2\n",
      "- a: !!int 1\n- b: 2\n- [unclosed\n",
      "- {[1]: 2}\n- b: 2\n",
      "\xFF\xFE- \0a\0",
      "- a: 1\n\x01\n",
  };
  for (size_t i = 0; i < sizeof invalid / sizeof *invalid; i++) {
    char what[32];
    snprintf(what, sizeof what, "invalid yaml %zu", i);
    yaml_same(invalid[i], i == 13 ? 7 : strlen(invalid[i]), &lim, 0, what);
  }
  /* what streaming changes: records before an error are handed over; an
     unknown top-level key is reported where it stands */
  gv_buf got = tr_buffer(invalid[1], strlen(invalid[1]), "obs", GV_REC_YAML, &lim, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), "R 0 1:3 "));
  CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), "malformed YAML: did not find expected ',' or ']'"));
  CU_ASSERT_PTR_NOT_NULL(
      strstr(gv_buf_str(&got),
             "(reading stopped here: the rest of the input, from line 2, column 3, to its end, was not read)"));
  gv_buf_free(&got);
  got = tr_buffer(invalid[6], strlen(invalid[6]), "obs", GV_REC_YAML, &lim, 0);
  const char *g = gv_buf_str(&got), *rec = strstr(g, "E -4 2:24 obs records[1]: a record must be a mapping");
  const char *x = strstr(g, "E -4 1:1 obs x: unknown top-level key 'x'"), *y = strstr(g, "E -4 3:1 obs y: unknown");
  CU_ASSERT_TRUE(rec && x && y && rec < x && x < y);
  if (!(rec && x && y && rec < x && x < y)) fprintf(stderr, "\n%s", g);
  gv_buf_free(&got);

  /* inputs far beyond libyaml's 16 KiB reads: the window moves on, positions
     and block indentation stay right, to an error at the very end */
  for (int ending = 0; ending < 3; ending++) {
    gv_buf big = {0};
    for (int i = 0; i < 1500; i++) {
      const char *brk = i % 7 == 3 ? "\r" : i % 11 == 5 ? "\r\n" : "\n";
      gv_buf_printf(&big, "- unit: u%d%s  note: |%s    %*sline%s      %*smore%s  # c\xC2\x85%s", i, brk, brk, i % 5, "",
                    brk, i % 5, "", brk, brk);
    }
    gv_buf_puts(&big, ending == 0 ? "- last: 1\n" : ending == 1 ? "- last: \"\xC3(\"\n" : "- last: [1\n");
    char what[32];
    snprintf(what, sizeof what, "big yaml, ending %d", ending);
    yaml_same(big.data, big.len, &lim, ending == 0, what);
    static const char *const want[] = {
        ("R 1499 8995:3 (2 0 0 0 8995:3 w5 (0 4 0 0 8995:3 w1 [4]'unit') (0 4 0 0 8995:9 w1 [5]'u1499') "
         "(0 4 0 0 8996:3 w1 [4]'note') (0 4 3 8 8996:9 w1 [12]'line\n  more\n'))"),
        "E -3 9001:11 obs : malformed YAML: invalid trailing UTF-8 octet (byte 0x28) (reading stopped "
        "here: the rest of the input, from line 8833, column 3, to its end, was not read)",
        "E -3 9002:1 obs : malformed YAML: did not find expected ',' or ']'"};
    got = tr_buffer(big.data, big.len, "obs", GV_REC_YAML, &lim, 0);
    if (strstr(gv_buf_str(&got), want[ending]) == NULL) fprintf(stderr, "\n  %s: %.300s", what, gv_buf_str(&got));
    CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), want[ending]));
    /* lines ended by lone CRs: the block's indentation is that of its own first line */
    CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), "(0 4 3 7 20:9 w1 [12]'line\n  more\n')"));
    gv_buf_free(&got);
    gv_buf_free(&big);
  }

  /* MAX_NODES bounds one record, not the document */
  lim.y.max_nodes = 8;
  gv_buf many = {0};
  for (int i = 0; i < 100; i++) gv_buf_printf(&many, "- {unit: u%d, point: P1, n: %d}\n", i, i);
  got = tr_buffer(many.data, many.len, "obs", GV_REC_YAML, &lim, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), "= 0 100 0\n"));
  gv_buf_free(&got);
  gv_buf_printf(&many, "- {a: 1, b: 2, c: 3, d: 4}\n");
  yaml_same(many.data, many.len, &lim, 0, "nodes per record");
  got = tr_buffer(many.data, many.len, "obs", GV_REC_YAML, &lim, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), "R 99 100:3 "));
  CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), "E -6 101:22 obs : the number of YAML nodes exceeds the limit of 8"));
  CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), "= -6 100 0\n"));
  gv_buf_free(&got);
  gv_buf_free(&many);

  /* an alias to an anchor of an earlier record: its nodes are kept */
  gv_rec_limits_default(&lim);
  lim.y.max_aliases = 10;
  const char *t = "- &r {unit: u, items: &i [a, b]}\n- {unit: v, items: *i}\n- *r\n- x: &s s\n- y: *s\n  z: *i\n";
  yaml_same(t, strlen(t), &lim, 1, "aliases across records");
  got = tr_buffer(t, strlen(t), "obs", GV_REC_YAML, &lim, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), "R 2 1:3 (2 0 0 0 1:3 w7 (0 4 0 0 1:7 w1 [4]'unit')"));
  gv_buf_free(&got);
  /* kept nodes count: the list, the kept record and the alias to it are too many */
  lim.y.max_nodes = 10;
  t = "- &r {a: 1, b: 2, c: 3, d: 4}\n- *r\n";
  got = tr_buffer(t, strlen(t), "obs", GV_REC_YAML, &lim, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), "R 0 1:3 "));
  CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), "E -6 2:3 obs : the number of YAML nodes exceeds the limit of 10"));
  gv_buf_free(&got);
  /* the streamed list's own anchor names nothing */
  lim.y.max_nodes = GOVOPEN_DEFAULT_MAX_NODES;
  t = "observations: &o [{a: 1}]\nx: *o\n";
  got = tr_buffer(t, strlen(t), "obs", GV_REC_YAML, &lim, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), "alias '*o' names no complete anchor before it"));
  gv_buf_free(&got);
}

/* YAML from a file: MAX_SIZE bounds the text held, not the input. */
static void test_yaml_fd_limits(void) {
  gv_rec_limits lim;
  gv_rec_limits_default(&lim);
  lim.y.max_size = 100;
  gv_buf text = {0};
  for (int i = 0; i < 5000; i++) gv_buf_printf(&text, "- {unit: u%d, note: \"a note of some length\"}\n", i);
  gv_buf got = tr_fd(text.data, text.len, "obs", GV_REC_YAML, &lim, 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), "= 0 5000 0\n"));
  gv_buf_free(&got);
  gv_buf_puts(&text, "- note: \"");
  for (int i = 0; i < 200000; i++) gv_buf_putc(&text, 'z');
  gv_buf_puts(&text, "\"\n");
  got = tr_fd(text.data, text.len, "obs", GV_REC_YAML, &lim, 0);
  CU_ASSERT_PTR_NOT_NULL(
      strstr(gv_buf_str(&got),
             "E -6 5001:3 obs : a value or line of YAML from here exceeds the "
             "limit of 100 bytes (GOVOPEN_OPT_MAX_SIZE)"
             " (reading stopped here: the rest of the input, from line 5001, column 3, to its end, was not read)"));
  CU_ASSERT_PTR_NOT_NULL(strstr(gv_buf_str(&got), "= -6 5000 0\n"));
  gv_buf_free(&got);
  gv_buf_free(&text);
}

/* --- the fixture files ----------------------------------------------------- */

static void test_fixtures(void) {
  static const struct {
    const char *file;
    int status;
    size_t count, rejected;
  } files[] = {
      {"records/good.jsonl", 0, 3, 0},
      {"records/good.json", 0, 2, 0},
      {"records/good.yaml", 0, 2, 0},
      {"records/wrapped.json", 0, 2, 0},
      {"records/mixed.jsonl", GOVOPEN_EPARSE, 2, 3},
  };
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    size_t len;
    char path[256];
    snprintf(path, sizeof path, "fixtures/%s", files[i].file);
    char *data = test_read_file(test_path(path), &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    gv_records r;
    gv_diags d = {0};
    int st = gv_records_read(&r, data, len, "obs", gv_records_detect(data, len, files[i].file), NULL, &d);
    if (st != files[i].status || r.count != files[i].count || r.rejected != files[i].rejected)
      fprintf(stderr, "\n  %s: status %d count %zu rejected %zu\n", files[i].file, st, r.count, r.rejected);
    CU_ASSERT_EQUAL(st, files[i].status);
    CU_ASSERT_EQUAL(r.count, files[i].count);
    CU_ASSERT_EQUAL(r.rejected, files[i].rejected);
    if (strcmp(files[i].file, "records/mixed.jsonl") == 0) {
      rd x = {r, d, st};
      CHECK_ERR(&x, 0, GOVOPEN_EPARSE, 2, 43, "records[1]", "malformed JSON: unexpected 'tru'");
      CHECK_ERR(&x, 1, GOVOPEN_ESCHEMA, 3, 1, "records[2]", "a record must be an object, found an array");
      CHECK_ERR(&x, 2, GOVOPEN_EPARSE, 4, 34, "records[3].point", "duplicate key 'point' (first at line 4, column 18)");
      CU_ASSERT_EQUAL(r.items[1].line, 5);
    }
    for (size_t k = 0; k < r.count; k++) {
      CU_ASSERT_PTR_NOT_NULL(get(r.items[k].node, "unit"));
      CU_ASSERT_PTR_NOT_NULL(get(r.items[k].node, "point"));
    }
    gv_records_free(&r);
    gv_diags_free(&d);
    free(data);
  }
}

/* --- JSONTestSuite ------------------------------------------------------- */

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The first error's message, or "". */
static const char *first_message(const gv_diags *d) { return d->head ? d->head->message : ""; }

static int any_malformed(const gv_diags *d) {
  for (const govopen_error *e = d->head; e; e = e->next)
    if (strstr(e->message, "malformed JSON")) return 1;
  return 0;
}

static int all_positioned(const gv_diags *d) {
  for (const govopen_error *e = d->head; e; e = e->next)
    if (e->line == 0 || e->column == 0) return 0;
  return 1;
}

/* y_ files that are valid JSON but that records refuse on purpose. */
static int refused_on_purpose(const char *name) {
  return strcmp(name, "y_object_duplicated_key.json") == 0 ||
         strcmp(name, "y_object_duplicated_key_and_value.json") == 0 ||
         strcmp(name, "y_object_escaped_null_in_key.json") == 0;
}

/* Whether the file is an object or an array of objects, by a plain look at its text. */
static int objects_only(const char *data, size_t len) {
  size_t i = 0;
  while (i < len && strchr(" \t\r\n", data[i])) i++;
  if (i < len && data[i] == '{') return 1;
  if (i >= len || data[i] != '[') return 0;
  i++;
  while (i < len && strchr(" \t\r\n", data[i])) i++;
  return i < len && (data[i] == ']' || data[i] == '{');
}

static int blank(const char *data, size_t len) {
  size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  for (; i < len; i++)
    if (data[i] != ' ' && data[i] != '\t') return 0;
  return 1;
}

static void test_jsontestsuite(void) {
  const char *dir = test_path("data/peer-suites/JSONTestSuite/test_parsing");
  DIR *dh = opendir(dir);
  CU_ASSERT_PTR_NOT_NULL_FATAL(dh);
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *de;
  while ((de = readdir(dh)) != NULL) {
    size_t l = strlen(de->d_name);
    if (l < 6 || strcmp(de->d_name + l - 5, ".json") != 0) continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 256;
      char **nn = realloc(names, cap * sizeof *names);
      CU_ASSERT_PTR_NOT_NULL_FATAL(nn);
      names = nn;
    }
    names[n] = malloc(l + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(names[n]);
    memcpy(names[n++], de->d_name, l + 1);
  }
  closedir(dh);
  qsort(names, n, sizeof *names, cmp_names);
  size_t y = 0, ny = 0, i_ = 0, y_read = 0, jsonl_runs = 0;
  for (size_t k = 0; k < n; k++) {
    const char *name = names[k];
    char rel[512];
    snprintf(rel, sizeof rel, "data/peer-suites/JSONTestSuite/test_parsing/%s", name);
    size_t len;
    char *data = test_read_file(test_path(rel), &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    int one_line = memchr(data, '\n', len) == NULL && memchr(data, '\r', len) == NULL;
    for (int pass = 0; pass < 2; pass++) {
      int format = pass == 0 ? GV_REC_JSON : GV_REC_JSONL;
      if (pass == 1 && !one_line) break;
      if (pass == 1) jsonl_runs++;
      gv_records r;
      gv_diags d = {0};
      int st = gv_records_read(&r, data, len, name, format, NULL, &d);
      int ok = 1;
      if (name[0] == 'y') {
        /* valid JSON: never a syntax error; objects read unless refused on purpose */
        ok = !any_malformed(&d) && all_positioned(&d);
        if (pass == 0 && objects_only(data, len) && !refused_on_purpose(name)) {
          ok = ok && st == 0 && r.rejected == 0;
          y_read += ok ? 1u : 0u;
        }
        if (refused_on_purpose(name)) ok = ok && st != 0 && r.rejected == 1 && r.count == 0;
      } else if (name[0] == 'n') {
        /* invalid JSON: rejected, every error with its place (a blank line is no JSON Lines record) */
        if (pass == 1 && blank(data, len))
          ok = st == 0 && r.count == 0 && r.rejected == 0;
        else
          ok = st != 0 && d.head != NULL && all_positioned(&d) && (pass == 0 || r.rejected == 1);
      } else {
        ok = st == 0 || (d.head != NULL && all_positioned(&d));
      }
      if (!ok)
        fprintf(stderr, "\n  %s (%s): status %d count %zu rejected %zu: %s\n", name, pass ? "jsonl" : "json", st,
                r.count, r.rejected, first_message(&d));
      CU_ASSERT_TRUE(ok);
      gv_records_free(&r);
      gv_diags_free(&d);
    }
    if (name[0] == 'y') y++;
    if (name[0] == 'n') ny++;
    if (name[0] == 'i') i_++;
    free(data);
    free(names[k]);
  }
  free(names);
  /* the whole suite is there: 95 y_, 188 n_, 35 i_ */
  CU_ASSERT_EQUAL(y, 95);
  CU_ASSERT_EQUAL(ny, 188);
  CU_ASSERT_EQUAL(i_, 35);
  CU_ASSERT_TRUE(y_read >= 10);
  CU_ASSERT_TRUE(jsonl_runs > 250);
}

static const test_case cases[] = {
    {"JSON Lines: types, texts, lines and columns", test_jsonl_good},
    {"JSON Lines: blank lines, CR LF, lone CR, BOM", test_jsonl_blank_crlf},
    {"JSON: arrays, the wrapper, a lone object", test_json_array},
    {"YAML: sequences, the wrapper, string keys", test_yaml},
    {"numbers: integers, shortest floats, any locale", test_numbers},
    {"format detection", test_detect},
    {"JSON Lines errors: bad lines skipped, the rest kept", test_jsonl_errors},
    {"JSON document errors", test_json_errors},
    {"YAML errors", test_yaml_errors},
    {"limits: size, depth, nodes, records", test_limits},
    {"streaming: one record at a time, the callback's stop", test_foreach},
    {"the fast path reads as cJSON and the strict walk do", test_fast_path},
    {"a \\u escape without four hex digits is refused", test_bad_unicode_escape},
    {"files: JSON Lines in blocks of any size read as one buffer", test_fd_jsonl},
    {"files: a line longer than MAX_SIZE is one bad record", test_fd_long_lines},
    {"files: pipes, unreadable input, bad arguments", test_fd_pipe},
    {"files: detection, JSON read whole and bounded", test_fd_formats},
    {"parallel JSON Lines: parts end to end read as the whole file", test_ranges},
    {"parallel JSON Lines: counts, split points, parts past the end", test_scan},
    {"YAML streamed: as from a buffer, records one at a time, aliases kept", test_yaml_stream},
    {"YAML from a file: MAX_SIZE bounds the text held", test_yaml_fd_limits},
    {"fixture files", test_fixtures},
    {"JSONTestSuite: y_ read, n_ rejected with a place, i_ do not crash", test_jsontestsuite},
    {NULL, NULL},
};
GV_TEST_SUITE(records, cases);
