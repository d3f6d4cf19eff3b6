/* Issue 15, item 4: one error style inside lib (docs/architecture.md,
 * "Errors"). The internal functions converted from -1/0, NULL and `oom`
 * fields return GOVOPEN_OK or a negative govopen_status, report what is
 * wrong with the input into the sink at its place, and the builders keep
 * a deferred status read through one function each. These are their
 * failure paths, which had no test of their own. */
#include <stdint.h>
#include <string.h>

#include "calendar/date.h"
#include "load/load.h"
#include "load/overlay.h"
#include "load/schema.h"
#include "load/ytree.h"
#include "testutil.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/hmap.h"

/* gv_buf: the failure sticks, appends after it do nothing, free starts afresh. */
static void test_buf_status(void) {
  gv_buf b = {0};
  CU_ASSERT_EQUAL(gv_buf_status(&b), GOVOPEN_OK);
  gv_buf_puts(&b, "abc");
  CU_ASSERT_EQUAL(gv_buf_status(&b), GOVOPEN_OK);
  /* more than half the address space: refused before anything is read or allocated */
  gv_buf_append(&b, "", SIZE_MAX / 2);
  CU_ASSERT_EQUAL(gv_buf_status(&b), GOVOPEN_ENOMEM);
  CU_ASSERT_STRING_EQUAL(gv_buf_str(&b), "abc");
  gv_buf_puts(&b, "def"); /* nothing more once it failed: the text is known incomplete */
  CU_ASSERT_EQUAL(b.len, 3);
  CU_ASSERT_EQUAL(gv_buf_status(&b), GOVOPEN_ENOMEM);
  gv_buf_free(&b);
  CU_ASSERT_EQUAL(gv_buf_status(&b), GOVOPEN_OK);
  gv_buf_fail(&b);
  CU_ASSERT_EQUAL(gv_buf_status(&b), GOVOPEN_ENOMEM);
  gv_buf_putc(&b, 'x');
  CU_ASSERT_EQUAL(b.len, 0);
  gv_buf_free(&b);
}

/* gv_vec_push and the hash map say GOVOPEN_OK, not 0 by accident; put's 1
   and 0 are what it found, not statuses. */
static void test_containers(void) {
  gv_vec v = {0};
  int x = 1;
  for (int i = 0; i < 100; i++) CU_ASSERT_EQUAL(gv_vec_push(&v, &x), GOVOPEN_OK);
  CU_ASSERT_EQUAL(v.len, 100);
  gv_vec_free(&v);
  gv_hmap m = {0};
  CU_ASSERT_EQUAL(gv_hmap_put(&m, "a", 1, &x, NULL), 1);
  void *old = NULL;
  CU_ASSERT_EQUAL(gv_hmap_put(&m, "a", 1, &v, &old), 0);
  CU_ASSERT_PTR_EQUAL(old, &x);
  CU_ASSERT_EQUAL(gv_hmap_set(&m, "a", 1, &v), GOVOPEN_OK);
  CU_ASSERT_PTR_EQUAL(gv_hmap_get(&m, "a", 1), &v);
  gv_hmap_free(&m);
}

/* Nothing dropped: no closing diagnostic, and GOVOPEN_OK. */
static void test_summary_after(void) {
  gv_diags into = {0}, from = {0};
  gv_diag_add(&from, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ESCHEMA, "x.yaml", 2, 3, "a", "test.bad", "bad");
  govopen_error *summary = (govopen_error *)1;
  CU_ASSERT_EQUAL(gv_diags_summary_after(&into, &from, &summary), GOVOPEN_OK);
  CU_ASSERT_PTR_NULL(summary);
  CU_ASSERT_EQUAL(gv_diags_status(&from), GOVOPEN_ESCHEMA);
  gv_diag_oom(&from, "x.yaml");
  CU_ASSERT_EQUAL(gv_diags_status(&from), GOVOPEN_ENOMEM); /* memory first: the diagnosis is incomplete */
  gv_diags_free(&into);
  gv_diags_free(&from);
}

/* The date parsers: the shape wrong is GOVOPEN_EPARSE, a date that does not
   exist GOVOPEN_ERANGE, each with its reason for the caller's diagnostic. */
static void test_dates(void) {
  int32_t d = 7;
  int64_t t = 7;
  char why[GV_DATE_WHY];
  CU_ASSERT_EQUAL(gv_date_parse("2024-02-29", 10, &d, why), GOVOPEN_OK);
  CU_ASSERT_EQUAL(gv_date_parse("2024-2-29", 9, &d, why), GOVOPEN_EPARSE);
  CU_ASSERT_STRING_EQUAL(why, "expected a date as YYYY-MM-DD");
  CU_ASSERT_EQUAL(gv_date_parse("2023-02-29", 10, &d, why), GOVOPEN_ERANGE);
  CU_ASSERT_STRING_EQUAL(why, "the day 29 is not 01 to 28: 2023-02 has 28 days");
  CU_ASSERT_EQUAL(gv_datetime_parse("2023-10-07T09:61", 16, &t, why), GOVOPEN_ERANGE);
  CU_ASSERT_EQUAL(gv_datetime_parse("2023-10-07 09:30", 16, &t, NULL), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(t, 7); /* untouched by failures */
}

/* A document for the schema and overlay tests. */
typedef struct doc {
  gv_ydoc y;
  gv_diags d;
  gv_arena arena;
  gv_schema sc;
  gv_load_limits lim;
} doc;

static void doc_open(doc *x, const char *yaml) {
  memset(x, 0, sizeof *x);
  gv_ylimits yl = {GOVOPEN_DEFAULT_MAX_SIZE, GOVOPEN_DEFAULT_MAX_DEPTH, GOVOPEN_DEFAULT_MAX_NODES,
                   GOVOPEN_DEFAULT_MAX_ALIASES};
  CU_ASSERT_EQUAL_FATAL(gv_yaml_parse(&x->y, yaml, strlen(yaml), "t.yaml", &yl, &x->d), GOVOPEN_OK);
  gv_sc_init(&x->sc, &x->d, "t.yaml", &x->arena, &x->lim);
}

static void doc_close(doc *x) {
  gv_buf_free(&x->sc.path);
  gv_diags_free(&x->d);
  gv_arena_free(&x->arena);
  gv_ydoc_free(&x->y);
}

/* The first diagnostic is `msg` at line:col under `path`. */
static void said(const doc *x, unsigned line, unsigned col, const char *path, const char *msg) {
  const govopen_error *e = x->d.head;
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(e->code, GOVOPEN_ESCHEMA);
  CU_ASSERT_EQUAL(e->line, line);
  CU_ASSERT_EQUAL(e->column, col);
  CU_ASSERT_STRING_EQUAL(e->path, path);
  CU_ASSERT_STRING_EQUAL(e->message, msg);
}

/* The schema getters: GOVOPEN_OK read or absent, GOVOPEN_ESCHEMA with the
   error at the value, GOVOPEN_ENOMEM once memory ran out. */
static void test_schema_getters(void) {
  doc x;
  doc_open(&x, "year: soon\nopen: yes\nname: \"\"\n");
  gv_field f[] = {{"year", 0, 0}, {"open", 0, 0}, {"name", 0, 0}, {"id", 0, 0}};
  CU_ASSERT_EQUAL(gv_sc_read_fields(&x.sc, x.y.root, f, 4, "a test"), GOVOPEN_OK);
  int64_t year = 0;
  CU_ASSERT_EQUAL(gv_sc_get_int(&x.sc, x.y.root, &f[0], GV_REQUIRED, "a test", &year), GOVOPEN_ESCHEMA);
  said(&x, 1, 7, "year", "expected an integer, found a string");
  int open = 0;
  CU_ASSERT_EQUAL(gv_sc_get_bool(&x.sc, x.y.root, &f[1], "a test", &open), GOVOPEN_ESCHEMA);
  const char *s = NULL;
  CU_ASSERT_EQUAL(gv_sc_get_str(&x.sc, x.y.root, &f[2], GV_REQUIRED, 1, "a test", &s), GOVOPEN_ESCHEMA);
  CU_ASSERT_EQUAL(gv_sc_get_id(&x.sc, x.y.root, &f[3], GV_OPTIONAL, "a test", &s), GOVOPEN_OK); /* absent */
  CU_ASSERT_PTR_NULL(s);
  CU_ASSERT_EQUAL(gv_sc_get_id(&x.sc, x.y.root, &f[3], GV_REQUIRED, "a test", &s), GOVOPEN_ESCHEMA);
  CU_ASSERT_EQUAL(x.d.errors, 4);
  CU_ASSERT_EQUAL(gv_sc_status(&x.sc), GOVOPEN_OK); /* wrong input is not a failure of the reader */
  CU_ASSERT_EQUAL(gv_sc_failed(&x.sc), GOVOPEN_ESCHEMA);
  /* out of memory: said once, and every step that fails from then on says so */
  CU_ASSERT_EQUAL(gv_sc_set_oom(&x.sc), GOVOPEN_ENOMEM);
  CU_ASSERT_EQUAL(gv_sc_set_oom(&x.sc), GOVOPEN_ENOMEM);
  CU_ASSERT_EQUAL(x.d.errors, 5);
  CU_ASSERT_EQUAL(gv_sc_status(&x.sc), GOVOPEN_ENOMEM);
  CU_ASSERT_EQUAL(gv_sc_get_int(&x.sc, x.y.root, &f[0], GV_REQUIRED, "a test", &year), GOVOPEN_ENOMEM);
  CU_ASSERT_EQUAL(gv_diags_status(&x.d), GOVOPEN_ENOMEM);
  doc_close(&x);
}

/* gv_overlay_apply: a status and the document through an out-parameter. */
static void test_overlay_status(void) {
  gv_overlay o = {0};
  const gv_ynode *out = (const gv_ynode *)1;
  doc x;
  /* no `extends`: the document itself */
  doc_open(&x, "schema: 1\n");
  CU_ASSERT_EQUAL(gv_overlay_apply(&o, &x.sc, x.y.root, "t.yaml", &x.lim, NULL, &out), GOVOPEN_OK);
  CU_ASSERT_PTR_EQUAL(out, x.y.root);
  gv_overlay_free(&o);
  doc_close(&x);
  /* `extends` that is no name: GOVOPEN_ESCHEMA at the value, no document */
  doc_open(&x, "schema: 1\nextends: [a]\n");
  CU_ASSERT_EQUAL(gv_overlay_apply(&o, &x.sc, x.y.root, "t.yaml", &x.lim, NULL, &out), GOVOPEN_ESCHEMA);
  CU_ASSERT_PTR_NULL(out);
  said(&x, 2, 10, "", "'extends' names the base: a built-in framework's id or a file, found a list");
  gv_overlay_free(&o);
  doc_close(&x);
  /* a base that cannot be had (no finder): GOVOPEN_ESCHEMA, said at `extends` */
  doc_open(&x, "schema: 1\nextends: langao-2023\n");
  CU_ASSERT_EQUAL(gv_overlay_apply(&o, &x.sc, x.y.root, "t.yaml", &x.lim, NULL, &out), GOVOPEN_ESCHEMA);
  CU_ASSERT_PTR_NULL(out);
  CU_ASSERT_PTR_NOT_NULL_FATAL(x.d.head);
  CU_ASSERT_EQUAL(x.d.head->line, 2);
  CU_ASSERT_EQUAL(x.d.head->column, 10);
  CU_ASSERT_STRING_EQUAL(x.d.head->path, "extends");
  gv_overlay_free(&o);
  doc_close(&x);
}

/* The public loader over an overlay whose base is missing: the same
   status and place reach the caller. */
static void test_overlay_public(void) {
  const char *yaml = "schema: 1\nextends: no-such-framework\n";
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_buffer(&fw, yaml, strlen(yaml), "o.yaml", NULL, &err), GOVOPEN_ESCHEMA);
  CU_ASSERT_PTR_NULL(fw);
  CU_ASSERT_PTR_NOT_NULL_FATAL(err);
  CU_ASSERT_EQUAL(govopen_error_line(err), 2);
  CU_ASSERT_EQUAL(govopen_error_column(err), 10);
  govopen_error_free(err);
}

static const test_case cases[] = {{"gv_buf: a deferred status, read through gv_buf_status", test_buf_status},
                                  {"vectors and maps: statuses and what was found", test_containers},
                                  {"gv_diags_summary_after: GOVOPEN_OK", test_summary_after},
                                  {"dates: GOVOPEN_EPARSE and GOVOPEN_ERANGE", test_dates},
                                  {"schema getters: ESCHEMA at the value, ENOMEM once out", test_schema_getters},
                                  {"gv_overlay_apply: a status and an out-parameter", test_overlay_status},
                                  {"an overlay's missing base through the public loader", test_overlay_public},
                                  {NULL, NULL}};
GV_TEST_SUITE(h15_errors, cases);
