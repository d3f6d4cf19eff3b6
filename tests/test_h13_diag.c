/* Issue 13, items 3 and 4: each duplicate reported once, diagnostics capped
 * with the rest counted exactly (GOVOPEN_OPT_MAX_DIAGNOSTICS,
 * GOVOPEN_EVAL_MAX_DIAGNOSTICS), and the unit × point expansion bounded
 * (GOVOPEN_OPT_MAX_CELLS, GOVOPEN_OPT_MAX_GRID). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "util/buf.h"
#include "util/error.h"

/* Checks one diagnostic: code, severity, line:column, path, and that the message holds `msg`. */
static void check_diag(const govopen_error *e, int code, int severity, unsigned line, unsigned col, const char *path,
                       const char *msg) {
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(govopen_error_code(e), code);
  CU_ASSERT_EQUAL(govopen_error_severity(e), severity);
  CU_ASSERT_EQUAL(govopen_error_line(e), line);
  CU_ASSERT_EQUAL(govopen_error_column(e), col);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(e), path);
  if (strstr(govopen_error_message(e), msg) == NULL || govopen_error_line(e) != line ||
      govopen_error_column(e) != col) {
    fprintf(stderr, "\n  got: %s:%u:%u %s [%s]\n  want: %s\n", govopen_error_source(e), govopen_error_line(e),
            govopen_error_column(e), govopen_error_message(e), govopen_error_path(e), msg);
    CU_FAIL("message");
  }
}

static const govopen_error *nth(const govopen_error *e, size_t n) {
  while (e && n--) e = govopen_error_next(e);
  return e;
}

static int load_opts(const char *doc, govopen_options *o, govopen_framework **fw, govopen_error **err) {
  return govopen_framework_load_buffer(fw, doc, strlen(doc), "d.yaml", o, err);
}

static govopen_options *opts_with(int option, int64_t value) {
  govopen_options *o = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&o), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, option, value), GOVOPEN_OK);
  return o;
}

/* --- options -------------------------------------------------------------------------------------- */

static void test_option_ranges(void) {
  govopen_options *o = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&o), GOVOPEN_OK);
  const int ids[] = {GOVOPEN_OPT_MAX_DIAGNOSTICS, GOVOPEN_OPT_MAX_CELLS, GOVOPEN_OPT_MAX_GRID};
  const int64_t defaults[] = {GOVOPEN_DEFAULT_MAX_DIAGNOSTICS, GOVOPEN_DEFAULT_MAX_CELLS, GOVOPEN_DEFAULT_MAX_GRID};
  CU_ASSERT_EQUAL(GOVOPEN_OPT_MAX_DIAGNOSTICS, 13);
  CU_ASSERT_EQUAL(GOVOPEN_OPT_MAX_CELLS, 14);
  CU_ASSERT_EQUAL(GOVOPEN_DEFAULT_MAX_DIAGNOSTICS, 1000);
  CU_ASSERT_EQUAL(GOVOPEN_DEFAULT_MAX_CELLS, 1000000);
  for (size_t i = 0; i < 3; i++) {
    int64_t v = -1;
    CU_ASSERT_EQUAL(govopen_options_get_int(o, ids[i], &v), GOVOPEN_OK);
    CU_ASSERT_EQUAL(v, defaults[i]);
    CU_ASSERT_EQUAL(govopen_options_set_int(o, ids[i], 0), GOVOPEN_EINVALID);
    CU_ASSERT_EQUAL(govopen_options_set_int(o, ids[i], -5), GOVOPEN_EINVALID);
    CU_ASSERT_EQUAL(govopen_options_set_int(o, ids[i], ((int64_t)1 << 40) + 1), GOVOPEN_EINVALID);
    CU_ASSERT_EQUAL(govopen_options_get_int(o, ids[i], &v), GOVOPEN_OK);
    CU_ASSERT_EQUAL(v, defaults[i]); /* a refused value leaves it as it was */
    CU_ASSERT_EQUAL(govopen_options_set_int(o, ids[i], 1), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_options_set_int(o, ids[i], (int64_t)1 << 40), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_options_get_int(o, ids[i], &v), GOVOPEN_OK);
    CU_ASSERT_EQUAL(v, (int64_t)1 << 40);
  }
  govopen_options_free(o);
}

/* --- each duplicate once ---------------------------------------------------------------------------- */

static const char *DUPS = "schema: 1\n"
                          "framework: {id: t, title: t, total: 10}\n"
                          "units:\n"
                          "  - {id: a, name: 甲, kind: town}\n"
                          "  - {id: b, name: 乙, kind: town}\n"
                          "groups:\n"
                          "  - {id: g, name: 各镇, kinds: [town], members: [b, 乙]}\n"
                          "indicators:\n"
                          "  - title: 一\n"
                          "    score: 10\n"
                          "    points:\n"
                          "      - id: P1\n"
                          "        text: 文\n"
                          "        sampling: [政府网站, 电话测评, 政府网站, 政府网站]\n"
                          "        responsible: [甲, 各镇, 甲, a, g, 乙]\n"
                          "        rule: {kind: checklist, items: [x, y, x, x, y]}\n"
                          "grades:\n"
                          "  - {name: 好, min: 5}\n"
                          "  - {name: 好, min: 1}\n";

static void test_each_duplicate_once(void) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(load_opts(DUPS, NULL, &fw, &err), GOVOPEN_ESCHEMA);
  CU_ASSERT_PTR_NULL(fw);
  const int E = GOVOPEN_ESCHEMA, S = GOVOPEN_SEVERITY_ERROR;
  /* the group: 'b' is a town already, '乙' names it again */
  check_diag(nth(err, 0), E, S, 7, 48, "groups[0].members[0]",
             "the unit 'b' is already a member of the group (by its kind 'town')");
  check_diag(nth(err, 1), E, S, 7, 51, "groups[0].members[1]",
             "the unit '乙' is already a member of the group (by its kind 'town')");
  check_diag(nth(err, 2), E, S, 14, 32, "indicators[0].points[0].sampling[2]",
             "the sampling method '政府网站' is listed twice (first at line 14, column 20)");
  check_diag(nth(err, 3), E, S, 14, 38, "indicators[0].points[0].sampling[3]",
             "the sampling method '政府网站' is listed twice (first at line 14, column 20)");
  check_diag(nth(err, 4), E, S, 15, 30, "indicators[0].points[0].responsible[2]",
             "'甲' is listed twice (first at line 15, column 23)");
  check_diag(nth(err, 5), E, S, 15, 33, "indicators[0].points[0].responsible[3]",
             "'a' is listed twice (first as '甲' at line 15, column 23)");
  check_diag(nth(err, 6), E, S, 15, 36, "indicators[0].points[0].responsible[4]",
             "'g' is listed twice (first as '各镇' at line 15, column 26)");
  /* 乙 is not listed before: it is also in 各镇, which is no error */
  /* the grades are read after the indicators, the rules compiled once the tree is settled */
  check_diag(nth(err, 7), E, S, 19, 12, "grades[1].name", "duplicate grade '好' (first at line 18, column 12)");
  check_diag(nth(err, 8), E, S, 16, 47, "indicators[0].points[0].rule.items[2]",
             "the item 'x' is listed twice (first at line 16, column 41)");
  check_diag(nth(err, 9), E, S, 16, 50, "indicators[0].points[0].rule.items[3]",
             "the item 'x' is listed twice (first at line 16, column 41)");
  check_diag(nth(err, 10), E, S, 16, 53, "indicators[0].points[0].rule.items[4]",
             "the item 'y' is listed twice (first at line 16, column 44)");
  CU_ASSERT_EQUAL(govopen_error_count(err, -1), 11);
  govopen_error_free(err);
}

/* A long list goes through the hash map, not pairwise: same outcome, one error per repeat. */
static void test_long_list_linear(void) {
  gv_buf doc = {0};
  gv_buf_puts(&doc,
              "schema: 1\nframework: {id: t, title: t, total: 10}\nunits: [{id: a, name: 甲, kind: town}]\n"
              "indicators:\n  - title: 一\n    score: 10\n    points:\n"
              "      - {id: P1, text: 文, sampling: [政府网站], responsible: [a], rule: {kind: checklist, items: [");
  for (int i = 0; i < 200; i++) gv_buf_printf(&doc, "%si%d", i ? ", " : "", i % 50);
  gv_buf_puts(&doc, "]}}\n");
  CU_ASSERT_EQUAL_FATAL(gv_buf_status(&doc), GOVOPEN_OK);
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(load_opts(gv_buf_str(&doc), NULL, &fw, &err), GOVOPEN_ESCHEMA);
  CU_ASSERT_EQUAL(govopen_error_count(err, -1), 150);
  /* items[50] is the second 'i0', first at items[0] (column 96) */
  check_diag(nth(err, 0), GOVOPEN_ESCHEMA, GOVOPEN_SEVERITY_ERROR, 8, 335, "indicators[0].points[0].rule.items[50]",
             "the item 'i0' is listed twice (first at line 8, column 95)");
  check_diag(nth(err, 149), GOVOPEN_ESCHEMA, GOVOPEN_SEVERITY_ERROR, 8, 1050, "indicators[0].points[0].rule.items[199]",
             "the item 'i49' is listed twice (first at line 8, column 330)");
  govopen_error_free(err);
  gv_buf_free(&doc);
}

/* --- the cap on diagnostics ------------------------------------------------------------------------- */

/* `n` points, each naming an unknown unit: `n` errors. */
static char *bad_points(size_t n) {
  gv_buf doc = {0};
  gv_buf_puts(&doc, "schema: 1\nframework: {id: t, title: t, total: 10}\nunits: [{id: a, name: 甲, kind: town}]\n"
                    "indicators:\n  - title: 一\n    score: 10\n    points:\n");
  for (size_t i = 0; i < n; i++)
    gv_buf_printf(&doc, "      - {id: P%zu, text: 文, sampling: [政府网站], responsible: [zz]}\n", i);
  CU_ASSERT_FATAL(gv_buf_status(&doc) == GOVOPEN_OK);
  return doc.data;
}

static void test_cap_counts_exactly(void) {
  char *doc = bad_points(20);
  govopen_options *o = opts_with(GOVOPEN_OPT_MAX_DIAGNOSTICS, 5);
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  /* the status is the first error's, not the limit's */
  CU_ASSERT_EQUAL(load_opts(doc, o, &fw, &err), GOVOPEN_ESCHEMA);
  CU_ASSERT_EQUAL(govopen_error_count(err, -1), 6);
  check_diag(nth(err, 4), GOVOPEN_ESCHEMA, GOVOPEN_SEVERITY_ERROR, 12, 59, "indicators[0].points[4].responsible[0]",
             "unknown unit or group 'zz'");
  /* the closing one sits where the last one not shown is */
  check_diag(nth(err, 5), GOVOPEN_ELIMIT, GOVOPEN_SEVERITY_ERROR, 27, 60, "indicators[0].points[19].responsible[0]",
             "… and 15 more errors not shown (GOVOPEN_OPT_MAX_DIAGNOSTICS keeps 5); the last of them: unknown unit or "
             "group 'zz'");
  CU_ASSERT_PTR_NULL(nth(err, 6));
  govopen_error_free(err);
  /* the default keeps 1,000 of 2,500 */
  free(doc);
  doc = bad_points(2500);
  err = NULL;
  CU_ASSERT_EQUAL(load_opts(doc, NULL, &fw, &err), GOVOPEN_ESCHEMA);
  CU_ASSERT_EQUAL(govopen_error_count(err, -1), 1001);
  check_diag(nth(err, 1000), GOVOPEN_ELIMIT, GOVOPEN_SEVERITY_ERROR, 2507, 62,
             "indicators[0].points[2499].responsible[0]", "… and 1,500 more errors not shown");
  govopen_error_free(err);
  govopen_options_free(o);
  free(doc);
}

/* Warnings are capped too; strict mode turns the ones not shown into errors with them. */
static void test_cap_warnings(void) {
  gv_buf doc = {0};
  gv_buf_puts(&doc,
              "schema: 1\nframework: {id: t, title: t, total: 10}\nunits: [{id: a, name: 甲, kind: town}]\ngroups:\n");
  for (int i = 0; i < 8; i++) gv_buf_printf(&doc, "  - {id: g%d, name: G%d, open: true}\n", i, i);
  gv_buf_puts(&doc, "indicators:\n  - title: 一\n    score: 10\n    points:\n"
                    "      - {id: P1, text: 文, sampling: [政府网站], responsible: [a]}\n");
  govopen_options *o = opts_with(GOVOPEN_OPT_MAX_DIAGNOSTICS, 3);
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL_FATAL(load_opts(gv_buf_str(&doc), o, &fw, &err), GOVOPEN_OK);
  const govopen_error *w = govopen_framework_warnings(fw);
  CU_ASSERT_EQUAL(govopen_error_count(w, GOVOPEN_SEVERITY_WARNING), 4);
  check_diag(nth(w, 3), GOVOPEN_ELIMIT, GOVOPEN_SEVERITY_WARNING, 12, 5, "groups[7]",
             "… and 5 more warnings not shown (GOVOPEN_OPT_MAX_DIAGNOSTICS keeps 3); the last of them: the group 'G7' "
             "is open");
  govopen_framework_free(fw);
  fw = NULL;
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_STRICT, 1), GOVOPEN_OK);
  CU_ASSERT_EQUAL(load_opts(gv_buf_str(&doc), o, &fw, &err), GOVOPEN_ESCHEMA);
  CU_ASSERT_PTR_NULL(fw);
  CU_ASSERT_EQUAL(govopen_error_count(err, GOVOPEN_SEVERITY_ERROR), 4);
  check_diag(nth(err, 3), GOVOPEN_ELIMIT, GOVOPEN_SEVERITY_ERROR, 12, 5, "groups[7]", "… and 5 more errors not shown");
  govopen_error_free(err);
  govopen_options_free(o);
  gv_buf_free(&doc);
}

/* Internal: appending parts keeps what one list would have kept (the parallel reader's merge). */
static void test_append_as_one(void) {
  gv_diags one = {0}, a = {0}, b = {0};
  one.max = a.max = b.max = 3;
  for (int i = 0; i < 7; i++) {
    gv_diags *part = i < 2 ? &a : &b;
    gv_diag_add(&one, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ESCHEMA, "s", (unsigned)i + 1, 1, "", "test.numbered", "e%d", i);
    gv_diag_add(part, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ESCHEMA, "s", (unsigned)i + 1, 1, "", "test.numbered", "e%d", i);
  }
  CU_ASSERT_EQUAL(b.dropped_errors, 2);
  CU_ASSERT_STRING_EQUAL(gv_diags_last_message(&b), "e6");
  gv_diags_append(&a, &b);
  CU_ASSERT_EQUAL(a.errors, 7);
  CU_ASSERT_EQUAL(a.dropped_errors, one.dropped_errors);
  CU_ASSERT_PTR_NULL(b.head);
  govopen_error *x = gv_diags_take(&one), *y = gv_diags_take(&a);
  CU_ASSERT_EQUAL(govopen_error_count(x, -1), 4);
  const govopen_error *p = x, *q = y;
  for (; p && q; p = govopen_error_next(p), q = govopen_error_next(q)) {
    CU_ASSERT_STRING_EQUAL(govopen_error_message(p), govopen_error_message(q));
    CU_ASSERT_EQUAL(govopen_error_line(p), govopen_error_line(q));
  }
  CU_ASSERT_PTR_NULL(p);
  CU_ASSERT_PTR_NULL(q);
  check_diag(nth(y, 3), GOVOPEN_ELIMIT, GOVOPEN_SEVERITY_ERROR, 7, 1, "",
             "… and 4 more errors not shown (GOVOPEN_OPT_MAX_DIAGNOSTICS keeps 3); the last of them: e6");
  govopen_error_free(x);
  govopen_error_free(y);
  gv_diags_free(&b);
}

/* --- evaluations ----------------------------------------------------------------------------------- */

static const char *SMALL = "schema: 1\n"
                           "framework: {id: t, title: t, total: 10}\n"
                           "units: [{id: a, name: 甲, kind: town}]\n"
                           "indicators:\n"
                           "  - title: 一\n"
                           "    score: 10\n"
                           "    points:\n"
                           "      - {id: P1, text: 文, sampling: [政府网站], responsible: [a]}\n";

static char *bad_records(size_t n) {
  gv_buf b = {0};
  for (size_t i = 0; i < n; i++) gv_buf_puts(&b, "{\"unit\": \"nobody\", \"point\": \"P1\", \"score\": 1}\n");
  gv_buf_puts(&b, "{\"unit\": \"a\", \"point\": \"P1\", \"score\": 1}\n");
  CU_ASSERT_FATAL(gv_buf_status(&b) == GOVOPEN_OK);
  return b.data;
}

static void test_eval_cap(void) {
  govopen_framework *fw = NULL;
  CU_ASSERT_EQUAL_FATAL(load_opts(SMALL, NULL, &fw, NULL), GOVOPEN_OK);
  govopen_evaluation *ev = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-31", NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_DIAGNOSTICS, 0), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_DIAGNOSTICS, ((int64_t)1 << 40) + 1),
                  GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_DIAGNOSTICS, 3), GOVOPEN_OK);
  char *data = bad_records(10);
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, data, strlen(data), "o.jsonl", GOVOPEN_FORMAT_JSONL, NULL),
                  GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(ev), 10);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(ev), 1);
  const govopen_error *d = govopen_evaluation_diagnostics(ev);
  CU_ASSERT_EQUAL(govopen_error_count(d, -1), 4);
  CU_ASSERT_EQUAL(govopen_error_line(nth(d, 2)), 3);
  CU_ASSERT_EQUAL(govopen_error_code(nth(d, 3)), GOVOPEN_ELIMIT);
  CU_ASSERT_EQUAL(govopen_error_line(nth(d, 3)), 10);
  CU_ASSERT_PTR_NOT_NULL(
      strstr(govopen_error_message(nth(d, 3)), "… and 7 more errors not shown (GOVOPEN_EVAL_MAX_DIAGNOSTICS keeps 3)"));
  /* set once observations were added: refused */
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_DIAGNOSTICS, 10), GOVOPEN_ESTATE);
  /* a second input: still 4, the count rewritten */
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, data, strlen(data), "p.jsonl", GOVOPEN_FORMAT_JSONL, NULL),
                  GOVOPEN_OK);
  d = govopen_evaluation_diagnostics(ev);
  CU_ASSERT_EQUAL(govopen_error_count(d, -1), 4);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(ev), 20);
  CU_ASSERT_STRING_EQUAL(govopen_error_source(nth(d, 3)), "p.jsonl");
  CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(nth(d, 3)), "… and 17 more errors not shown"));
  govopen_evaluation_free(ev);
  free(data);
  govopen_framework_free(fw);
}

/* A JSON Lines file read on two threads keeps the same diagnostics as on one. */
static void test_eval_cap_parallel(void) {
  govopen_framework *fw = NULL;
  CU_ASSERT_EQUAL_FATAL(load_opts(SMALL, NULL, &fw, NULL), GOVOPEN_OK);
  char path[] = "/tmp/gv-h13-diag-XXXXXX";
  int fd = mkstemp(path);
  CU_ASSERT_FATAL(fd >= 0);
  char *data = bad_records(40000); /* 1.9 MB: split between threads */
  size_t len = strlen(data);
  CU_ASSERT_EQUAL_FATAL(write(fd, data, len), (ssize_t)len);
  close(fd);
  char *msgs[2] = {NULL, NULL};
  for (int jobs = 1; jobs <= 2; jobs++) {
    govopen_evaluation *ev = NULL;
    CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-31", NULL), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_JOBS, jobs), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_evaluation_add_file(ev, path, GOVOPEN_FORMAT_JSONL, NULL), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(ev), 40000);
    const govopen_error *d = govopen_evaluation_diagnostics(ev);
    CU_ASSERT_EQUAL(govopen_error_count(d, -1), 1001);
    CU_ASSERT_EQUAL(govopen_error_line(nth(d, 999)), 1000);
    CU_ASSERT_EQUAL(govopen_error_line(nth(d, 1000)), 40000);
    msgs[jobs - 1] = strdup(govopen_error_message(nth(d, 1000)));
    govopen_evaluation_free(ev);
  }
  CU_ASSERT_PTR_NOT_NULL(strstr(msgs[0], "… and 39,000 more errors not shown"));
  CU_ASSERT_STRING_EQUAL(msgs[0], msgs[1]);
  free(msgs[0]);
  free(msgs[1]);
  unlink(path);
  free(data);
  govopen_framework_free(fw);
}

/* --- cells and the table ----------------------------------------------------------------------------- */

static const char *CELLS = "schema: 1\n"
                           "framework: {id: t, title: t, total: 9}\n"
                           "units:\n"
                           "  - {id: a, name: 甲, kind: town}\n"
                           "  - {id: b, name: 乙, kind: town}\n"
                           "  - {id: c, name: 丙, kind: department}\n"
                           "groups:\n"
                           "  - {id: all, name: 全部, kinds: [town, department]}\n"
                           "  - {id: towns, name: 各镇, kinds: [town]}\n"
                           "indicators:\n"
                           "  - title: 一\n"
                           "    score: 9\n"
                           "    points:\n"
                           "      - {id: P1, text: 文, sampling: [政府网站], responsible: [全部]}\n"
                           "      - {id: P2, text: 文, sampling: [政府网站], responsible: [各镇, 丙]}\n"
                           "      - {id: P3, text: 文, sampling: [政府网站], responsible: [甲]}\n";

static void test_max_cells(void) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  /* 3 + 3 + 1 = 7 pairs; the groups' members 3 + 2 = 5 */
  govopen_options *o = opts_with(GOVOPEN_OPT_MAX_CELLS, 7);
  CU_ASSERT_EQUAL(load_opts(CELLS, o, &fw, &err), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_unit_point_count(govopen_framework_unit(fw, 0)), 3);
  govopen_framework_free(fw);
  fw = NULL;
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_CELLS, 6), GOVOPEN_OK);
  CU_ASSERT_EQUAL(load_opts(CELLS, o, &fw, &err), GOVOPEN_ELIMIT);
  CU_ASSERT_PTR_NULL(fw);
  CU_ASSERT_EQUAL(govopen_error_count(err, -1), 1);
  check_diag(err, GOVOPEN_ELIMIT, GOVOPEN_SEVERITY_ERROR, 16, 59, "indicators[0].points[2].responsible[0]",
             "the points' responsible units, groups expanded, add up to more than 6 (GOVOPEN_OPT_MAX_CELLS): '甲' "
             "brings 1");
  govopen_error_free(err);
  err = NULL;
  /* P2 passes 5: at its second entry */
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_CELLS, 5), GOVOPEN_OK);
  CU_ASSERT_EQUAL(load_opts(CELLS, o, &fw, &err), GOVOPEN_ELIMIT);
  check_diag(err, GOVOPEN_ELIMIT, GOVOPEN_SEVERITY_ERROR, 15, 63, "indicators[0].points[1].responsible[1]",
             "more than 5 (GOVOPEN_OPT_MAX_CELLS): '丙' brings 1");
  govopen_error_free(err);
  err = NULL;
  /* the groups' members: 3, then 2 more passes 4 */
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_CELLS, 4), GOVOPEN_OK);
  CU_ASSERT_EQUAL(load_opts(CELLS, o, &fw, &err), GOVOPEN_ELIMIT);
  check_diag(err, GOVOPEN_ELIMIT, GOVOPEN_SEVERITY_ERROR, 9, 34, "groups[1]",
             "the groups' members add up to more than 4 (GOVOPEN_OPT_MAX_CELLS): this group has 2");
  CU_ASSERT_EQUAL(govopen_error_count(err, -1), 1);
  govopen_error_free(err);
  govopen_options_free(o);
}

static void test_max_grid(void) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  /* 3 units × (1 indicator + 3 points) = 12 */
  govopen_options *o = opts_with(GOVOPEN_OPT_MAX_GRID, 12);
  CU_ASSERT_EQUAL(load_opts(CELLS, o, &fw, &err), GOVOPEN_OK);
  govopen_framework_free(fw);
  fw = NULL;
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_GRID, 11), GOVOPEN_OK);
  CU_ASSERT_EQUAL(load_opts(CELLS, o, &fw, &err), GOVOPEN_ELIMIT);
  CU_ASSERT_EQUAL(govopen_error_count(err, -1), 1);
  check_diag(err, GOVOPEN_ELIMIT, GOVOPEN_SEVERITY_ERROR, 16, 9, "indicators[0].points[2]",
             "the evaluation's table of 3 units by 3 points and 1 indicators so far passes 11 cells "
             "(GOVOPEN_OPT_MAX_GRID)");
  govopen_error_free(err);
  govopen_options_free(o);
}

static const test_case cases[] = {{"option ranges", test_option_ranges},
                                  {"each duplicate once, naming the first", test_each_duplicate_once},
                                  {"a long list: linear, one error per repeat", test_long_list_linear},
                                  {"the cap counts the rest exactly", test_cap_counts_exactly},
                                  {"warnings are capped, strict mode counts them as errors", test_cap_warnings},
                                  {"appending parts keeps what one list would", test_append_as_one},
                                  {"an evaluation keeps its limit over all inputs", test_eval_cap},
                                  {"two threads keep what one does", test_eval_cap_parallel},
                                  {"GOVOPEN_OPT_MAX_CELLS at the responsible that passes it", test_max_cells},
                                  {"GOVOPEN_OPT_MAX_GRID at the point that passes it", test_max_grid},
                                  {NULL, NULL}};
GV_TEST_SUITE(h13_diag, cases);
