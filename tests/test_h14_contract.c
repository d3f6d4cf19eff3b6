/* Issue 14, item 8: the error contract, for every public function.
 *
 * The list of functions is generated from the headers of include/govopen at build time
 * (tests/gen_api_list.py → h14_api_list.h), so a function added to a header
 * is checked here the day it is declared:
 *  - a function whose parameters are a handle and integers (an accessor) is
 *    called by the generated caller with a NULL handle, and with each index
 *    out of range on a real handle; a result accessor must then answer the
 *    documented "none" (NaN, (size_t)-1, NULL, -1, or 0 for an unsigned rank
 *    or line), every other accessor a NULL pointer or string for an index
 *    out of range, and nothing may crash;
 *  - every other function must have a hand-written case below (test_covered
 *    fails naming any that has none), which calls it with each invalid
 *    argument (NULL handle, NULL out, unknown option, format, flag, table,
 *    method, a NULL buffer with a length, a write callback that stops) and
 *    checks the status and, when the function takes `err`, that `*err` holds
 *    a diagnostic with that status and a message.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

typedef enum { H14_VOID, H14_DOUBLE, H14_SIZE, H14_STRING, H14_INT, H14_UNSIGNED, H14_POINTER, H14_OTHER } h14_kind;
typedef struct h14_value {
  h14_kind kind;
  double d;
  size_t z;
  int i;
  unsigned u;
  const char *s;
  const void *p;
} h14_value;
typedef h14_value (*h14_caller)(const void *h, const int64_t *a);
typedef struct h14_api {
  const char *name, *ret, *params;
  h14_kind kind;
  const char *handle; /* "govopen_result" …; "" when the first parameter is not a handle */
  int nints;          /* integer parameters after the handle; -1: not callable generically */
  h14_caller call;
} h14_api;

#include "h14_api_list.h"

/* --- fixtures ---------------------------------------------------------------- */

static struct {
  govopen_framework *fw;
  govopen_calendar *cal;
  govopen_evaluation *ev;
  govopen_result *r;
  govopen_options *opts;
  govopen_error *e;
} fx;

static int setup(void) {
  if (govopen_framework_load_builtin(&fx.fw, "langao-2023", NULL, NULL) != GOVOPEN_OK) return 1;
  if (govopen_calendar_load_builtin(&fx.cal, govopen_framework_calendar(fx.fw), NULL, NULL) != GOVOPEN_OK) return 1;
  if (govopen_evaluation_new(&fx.ev, fx.fw, NULL) != GOVOPEN_OK) return 1;
  if (govopen_evaluation_set_as_of(fx.ev, "2023-12-15", NULL) != GOVOPEN_OK) return 1;
  if (govopen_evaluation_add_file(fx.ev, test_path("../data/samples/langao-2023-observations.jsonl"), 0, NULL) !=
      GOVOPEN_OK)
    return 1;
  if (govopen_evaluation_run(fx.ev, &fx.r, NULL) != GOVOPEN_OK) return 1;
  if (govopen_options_new(&fx.opts) != GOVOPEN_OK) return 1;
  govopen_framework *none = NULL;
  if (govopen_framework_load_buffer(&none, "x: [", 4, "bad.yaml", NULL, &fx.e) == GOVOPEN_OK || fx.e == NULL) return 1;
  return 0;
}

static int teardown(void) {
  govopen_result_free(fx.r);
  govopen_evaluation_free(fx.ev);
  govopen_calendar_free(fx.cal);
  govopen_framework_free(fx.fw);
  govopen_options_free(fx.opts);
  govopen_error_free(fx.e);
  memset(&fx, 0, sizeof fx);
  return 0;
}

/* A real handle of each type, for calls with an index out of range. */
static const void *handle_of(const char *type) {
  if (strcmp(type, "govopen_framework") == 0) return fx.fw;
  if (strcmp(type, "govopen_node") == 0) return govopen_framework_node(fx.fw, 1);
  if (strcmp(type, "govopen_point") == 0) return govopen_framework_point(fx.fw, 0);
  if (strcmp(type, "govopen_unit") == 0) return govopen_framework_unit(fx.fw, 0);
  if (strcmp(type, "govopen_group") == 0) return govopen_framework_group(fx.fw, 0);
  if (strcmp(type, "govopen_calendar") == 0) return fx.cal;
  if (strcmp(type, "govopen_evaluation") == 0) return fx.ev;
  if (strcmp(type, "govopen_result") == 0) return fx.r;
  if (strcmp(type, "govopen_options") == 0) return fx.opts;
  if (strcmp(type, "govopen_error") == 0) return fx.e;
  return NULL;
}

/* --- the checks ----------------------------------------------------------------- */

/* `rc` is `code`, and `err` (when given) holds a diagnostic of that code with a message. */
static int check_err_at(int line, const char *what, int rc, int code, govopen_error **err) {
  int ok = rc == code;
  if (err) {
    ok = ok && *err != NULL && govopen_error_code(*err) == code && govopen_error_message(*err)[0] != '\0' &&
         govopen_error_severity(*err) == GOVOPEN_SEVERITY_ERROR;
    if (!ok)
      fprintf(stderr, "\nline %d: %s: status %d (expected %d), err %s (code %d, \"%s\")\n", line, what, rc, code,
              *err ? "set" : "NULL", govopen_error_code(*err), govopen_error_message(*err));
    govopen_error_free(*err);
    *err = NULL;
  } else if (!ok) {
    fprintf(stderr, "\nline %d: %s: status %d (expected %d)\n", line, what, rc, code);
  }
  return ok;
}
/* Calls `call` (an expression using `ERR`) once with err NULL and once with
   a place for it, expecting `code` both times and a diagnostic in the second. */
#define EXPECT_ERR(call, code)                                                    \
  do {                                                                            \
    govopen_error **ERR = NULL;                                                   \
    CU_ASSERT(check_err_at(__LINE__, #call " (err NULL)", (call), (code), NULL)); \
    govopen_error *e_ = NULL;                                                     \
    ERR = &e_;                                                                    \
    CU_ASSERT(check_err_at(__LINE__, #call, (call), (code), ERR));                \
  } while (0)

static int is_bad_value(const h14_value *v) {
  switch (v->kind) {
    case H14_DOUBLE: return isnan(v->d);
    case H14_SIZE: return v->z == (size_t)-1;
    case H14_STRING: return v->s == NULL;
    case H14_POINTER: return v->p == NULL;
    case H14_INT: return v->i == -1;
    case H14_UNSIGNED: return v->u == 0;
    default: return 1;
  }
}

static void describe(const h14_api *f, const h14_value *v, const char *how) {
  fprintf(stderr, "\n%s(%s) %s: got ", f->name, f->params, how);
  switch (v->kind) {
    case H14_DOUBLE: fprintf(stderr, "%g\n", v->d); break;
    case H14_SIZE: fprintf(stderr, "%zu\n", v->z); break;
    case H14_STRING: fprintf(stderr, "\"%s\"\n", v->s ? v->s : "(null)"); break;
    case H14_POINTER: fprintf(stderr, "%p\n", v->p); break;
    case H14_INT: fprintf(stderr, "%d\n", v->i); break;
    case H14_UNSIGNED: fprintf(stderr, "%u\n", v->u); break;
    default: fprintf(stderr, "(nothing)\n"); break;
  }
}

/* Every accessor with a NULL handle: nothing crashes; a result accessor
   answers its "none", a pointer NULL, a string NULL or "". */
static void test_accessors_null(void) {
  size_t called = 0;
  for (size_t i = 0; i < H14_API_COUNT; i++) {
    const h14_api *f = &h14_api_list[i];
    if (f->call == NULL || f->handle[0] == '\0') continue;
    int64_t a[8] = {0};
    h14_value v = f->call(NULL, a);
    called++;
    int ok;
    if (strcmp(f->handle, "govopen_result") == 0)
      ok = is_bad_value(&v);
    else if (v.kind == H14_STRING)
      ok = v.s == NULL || v.s[0] == '\0';
    else if (v.kind == H14_POINTER)
      ok = v.p == NULL;
    else if (v.kind == H14_DOUBLE)
      ok = isnan(v.d) || v.d == 0.0 || v.d == -1.0;
    else if (v.kind == H14_SIZE)
      ok = v.z == 0 || v.z == (size_t)-1;
    else
      ok = 1; /* ints: a status or a documented default (govopen_unit_kind: GOVOPEN_UNIT_OTHER) */
    if (!ok) describe(f, &v, "with a NULL handle");
    CU_ASSERT(ok);
  }
  CU_ASSERT(called >= 100);
}

/* Every accessor with an index out of range, one index at a time. */
static void test_accessors_range(void) {
  size_t called = 0;
  for (size_t i = 0; i < H14_API_COUNT; i++) {
    const h14_api *f = &h14_api_list[i];
    if (f->call == NULL || f->nints == 0 || f->kind == H14_VOID) continue;
    const void *h = f->handle[0] ? handle_of(f->handle) : NULL;
    if (f->handle[0] && h == NULL) continue; /* a handle type with no instance here (no group) */
    if (strcmp(f->name, "govopen_status_str") == 0 || strcmp(f->name, "govopen_options_set_int") == 0 ||
        strcmp(f->name, "govopen_evaluation_set_int") == 0)
      continue; /* not accessors: by hand below */
    for (int k = 0; k < f->nints && k < 8; k++) {
      int64_t a[8] = {0};
      a[k] = -1; /* SIZE_MAX for a size_t, -1 for an int, UINT_MAX for an unsigned */
      h14_value v = f->call(h, a);
      called++;
      int ok;
      if (strcmp(f->handle, "govopen_result") == 0)
        ok = is_bad_value(&v);
      else if (v.kind == H14_STRING || v.kind == H14_POINTER)
        ok = v.s == NULL && v.p == NULL;
      else
        ok = 1;
      if (!ok) {
        char how[64];
        snprintf(how, sizeof how, "with argument %d out of range", k + 2);
        describe(f, &v, how);
      }
      CU_ASSERT(ok);
    }
  }
  CU_ASSERT(called >= 40);
}

/* A result's real values are never the "none" ones (a real 0 stays 0). */
static void test_result_values(void) {
  size_t u = 0;
  while (u < govopen_framework_unit_count(fx.fw) && govopen_result_unit_scored(fx.r, u) != 1) u++;
  CU_ASSERT_FATAL(u < govopen_framework_unit_count(fx.fw));
  CU_ASSERT(!isnan(govopen_result_unit_total(fx.r, u)));
  CU_ASSERT(govopen_result_unit_vetoed(fx.r, u) == 0);
  CU_ASSERT(govopen_result_unit_rank(fx.r, u) >= 1);
  CU_ASSERT(govopen_result_adjustment_count(fx.r) != (size_t)-1);
  CU_ASSERT_STRING_EQUAL(govopen_result_as_of(fx.r), "2023-12-15");
  CU_ASSERT(govopen_result_rejected_count(fx.r) != (size_t)-1);
  size_t p = 0;
  while (p < govopen_framework_point_count(fx.fw) && govopen_result_cell_status(fx.r, u, p) < 0) p++;
  CU_ASSERT_FATAL(p < govopen_framework_point_count(fx.fw));
  CU_ASSERT(!isnan(govopen_result_cell_score(fx.r, u, p)));
  CU_ASSERT(govopen_result_cell_reason_count(fx.r, u, p) != (size_t)-1);
  /* a pair the framework does not assign is no cell */
  for (size_t q = 0; q < govopen_framework_point_count(fx.fw); q++) {
    if (govopen_result_cell_status(fx.r, u, q) >= 0) continue;
    CU_ASSERT(isnan(govopen_result_cell_score(fx.r, u, q)));
    CU_ASSERT_EQUAL(govopen_result_cell_reason_count(fx.r, u, q), (size_t)-1);
    break;
  }
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(NULL), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(NULL), (size_t)-1);
}

/* --- by hand: the calls that take more than a handle and integers ---------------- */

static const char *const by_hand[] = {
    "govopen_builtin_calendar_yaml",  /* issue 15, item 7 */
    "govopen_builtin_framework_yaml", /* issue 15, item 7 */
    "govopen_builtin_yaml",
    "govopen_calendar_add_days",
    "govopen_calendar_add_workdays",
    "govopen_calendar_day_name",
    "govopen_calendar_is_workday",
    "govopen_calendar_load_buffer",
    "govopen_calendar_load_builtin",
    "govopen_calendar_load_file",
    "govopen_calendar_workdays_between",
    "govopen_error_format",
    "govopen_evaluation_add_buffer",
    "govopen_evaluation_add_file",
    "govopen_evaluation_new",
    "govopen_evaluation_run",
    "govopen_evaluation_set_as_of",
    "govopen_evaluation_set_calendar_file",
    "govopen_evaluation_set_int",
    "govopen_evaluation_set_int_ex",
    "govopen_evaluation_set_period",
    "govopen_evaluation_write_json",
    "govopen_framework_diff",
    "govopen_framework_grade_for",
    "govopen_framework_group_by_id",
    "govopen_framework_group_by_name",
    "govopen_framework_load_buffer",
    "govopen_framework_load_builtin",
    "govopen_framework_load_file",
    "govopen_framework_node_by_id",
    "govopen_framework_plan",
    "govopen_framework_point_by_id",
    "govopen_framework_to_json",
    "govopen_framework_unit_by_id",
    "govopen_framework_unit_by_name",
    "govopen_framework_unit_find",
    "govopen_framework_walk",
    "govopen_framework_write_worksheet",
    "govopen_free",
    "govopen_options_get_int",
    "govopen_options_get_string",
    "govopen_options_new",
    "govopen_options_set_int",
    "govopen_options_set_int_ex",
    "govopen_options_set_string",
    "govopen_result_setting",
    "govopen_result_to_json",
    "govopen_result_write_csv",
    "govopen_result_write_html",
    "govopen_result_write_json",
    "govopen_result_write_markdown",
    "govopen_result_write_rectify",
    "govopen_score_format",
    "govopen_status_str",
    "govopen_text_escape",
    "govopen_yaml_file_to_json",
    "govopen_yaml_to_json",
};
#define BY_HAND_COUNT (sizeof by_hand / sizeof by_hand[0])

/* Every public function is either called generically or has a case here. */
static void test_covered(void) {
  CU_ASSERT(H14_API_COUNT >= 150);
  for (size_t i = 0; i < H14_API_COUNT; i++) {
    const h14_api *f = &h14_api_list[i];
    int hand = 0;
    for (size_t j = 0; j < BY_HAND_COUNT && !hand; j++) hand = strcmp(by_hand[j], f->name) == 0;
    if (f->call == NULL && !hand)
      fprintf(stderr, "\n%s %s(%s) has no case in tests/test_h14_contract.c: add one to by_hand and its test\n", f->ret,
              f->name, f->params);
    CU_ASSERT(f->call != NULL || hand);
  }
  for (size_t j = 0; j < BY_HAND_COUNT; j++) {
    int found = 0;
    for (size_t i = 0; i < H14_API_COUNT && !found; i++) found = strcmp(by_hand[j], h14_api_list[i].name) == 0;
    if (!found) fprintf(stderr, "\n%s is in by_hand but in no header\n", by_hand[j]);
    CU_ASSERT(found);
  }
}

static void test_status_str(void) {
  CU_ASSERT_STRING_EQUAL(govopen_status_str(GOVOPEN_ESTOPPED), "stopped by the write callback");
  CU_ASSERT_STRING_EQUAL(govopen_status_str(GOVOPEN_EIO), "cannot read file");
  CU_ASSERT_STRING_EQUAL(govopen_status_str(-13), "unknown status");
  CU_ASSERT_STRING_EQUAL(govopen_status_str(1), "unknown status");
  CU_ASSERT_EQUAL(GOVOPEN_ESTOPPED, -12);
}

static void test_load(void) {
  govopen_framework *fw = (govopen_framework *)&fw;
  const char *missing = test_path("fixtures/no-such-file.yaml");
  EXPECT_ERR(govopen_framework_load_file(NULL, "x.yaml", NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_framework_load_file(&fw, NULL, NULL, ERR), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(fw);
  EXPECT_ERR(govopen_framework_load_file(&fw, missing, NULL, ERR), GOVOPEN_ENOTFOUND);
  EXPECT_ERR(govopen_framework_load_buffer(NULL, "a", 1, NULL, NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_framework_load_buffer(&fw, NULL, 5, NULL, NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_framework_load_buffer(&fw, "x: [", 4, "b.yaml", NULL, ERR), GOVOPEN_EPARSE);
  EXPECT_ERR(govopen_framework_load_builtin(NULL, "langao-2023", NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_framework_load_builtin(&fw, NULL, NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_framework_load_builtin(&fw, "nowhere", NULL, ERR), GOVOPEN_ENOTFOUND);
  CU_ASSERT_PTR_NULL(fw);

  govopen_calendar *cal = (govopen_calendar *)&cal;
  EXPECT_ERR(govopen_calendar_load_file(NULL, "x.yaml", NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_load_file(&cal, NULL, NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_load_file(&cal, missing, NULL, ERR), GOVOPEN_ENOTFOUND);
  EXPECT_ERR(govopen_calendar_load_buffer(NULL, "a", 1, NULL, NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_load_buffer(&cal, NULL, 3, NULL, NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_load_builtin(NULL, "cn", NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_load_builtin(&cal, NULL, NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_load_builtin(&cal, "nowhere", NULL, ERR), GOVOPEN_ENOTFOUND);
  CU_ASSERT_PTR_NULL(cal);

  char *out = (char *)&out;
  size_t len = 7;
  EXPECT_ERR(govopen_yaml_to_json("a: 1", 4, NULL, NULL, 0, NULL, &len, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_yaml_to_json(NULL, 4, NULL, NULL, 0, &out, &len, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_yaml_to_json("a: 1", 4, NULL, NULL, 0x4000u, &out, &len, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_yaml_to_json("a: [", 4, NULL, NULL, 0, &out, &len, ERR), GOVOPEN_EPARSE);
  EXPECT_ERR(govopen_yaml_file_to_json(NULL, NULL, 0, NULL, NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_yaml_file_to_json(NULL, NULL, 0, &out, &len, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_yaml_file_to_json(missing, NULL, 0, &out, &len, ERR), GOVOPEN_ENOTFOUND);
  EXPECT_ERR(govopen_yaml_file_to_json(missing, NULL, 0x4000u, &out, &len, ERR), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(out);
  CU_ASSERT_EQUAL(len, 0);

  size_t n = 9;
  CU_ASSERT_PTR_NULL(govopen_builtin_yaml(NULL, &n));
  CU_ASSERT_EQUAL(n, 0);
  CU_ASSERT_PTR_NULL(govopen_builtin_yaml("nowhere", NULL));
  CU_ASSERT_PTR_NOT_NULL(govopen_builtin_yaml("langao-2023", &n));
  CU_ASSERT(n > 0);
  n = 9;
  CU_ASSERT_PTR_NULL(govopen_builtin_framework_yaml(NULL, &n));
  CU_ASSERT_EQUAL(n, 0);
  CU_ASSERT_PTR_NULL(govopen_builtin_framework_yaml("nowhere", NULL));
  CU_ASSERT_PTR_NULL(govopen_builtin_framework_yaml("cn", NULL)); /* a calendar, not a framework */
  CU_ASSERT_PTR_NOT_NULL(govopen_builtin_framework_yaml("langao-2023", NULL));
  n = 9;
  CU_ASSERT_PTR_NULL(govopen_builtin_calendar_yaml(NULL, &n));
  CU_ASSERT_EQUAL(n, 0);
  CU_ASSERT_PTR_NULL(govopen_builtin_calendar_yaml("langao-2023", NULL)); /* a framework, not a calendar */
  CU_ASSERT_PTR_NOT_NULL(govopen_builtin_calendar_yaml("cn", &n));
  CU_ASSERT(n > 0);
}

static void test_calendar(void) {
  int v = 5;
  char day[GOVOPEN_DATE_SIZE];
  EXPECT_ERR(govopen_calendar_is_workday(NULL, "2023-01-03", &v, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_is_workday(fx.cal, "2023-01-03", NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_is_workday(fx.cal, NULL, &v, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_is_workday(fx.cal, "2023-02-30", &v, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_is_workday(fx.cal, "1900-01-02", &v, ERR), GOVOPEN_ERANGE);
  EXPECT_ERR(govopen_calendar_add_workdays(NULL, "2023-01-03", 1, day, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_add_workdays(fx.cal, "2023-01-03", 1, NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_add_workdays(fx.cal, "2023-01-03", -1, day, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_add_workdays(fx.cal, "x", 1, day, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_add_workdays(fx.cal, "2023-01-03", 100000, day, ERR), GOVOPEN_ERANGE);
  EXPECT_ERR(govopen_calendar_workdays_between(NULL, "2023-01-03", "2023-01-04", &v, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_workdays_between(fx.cal, "2023-01-03", "2023-01-04", NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_workdays_between(fx.cal, NULL, "2023-01-04", &v, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_workdays_between(fx.cal, "2023-01-03", "9999-01-04", &v, ERR), GOVOPEN_ERANGE);
  EXPECT_ERR(govopen_calendar_add_days(NULL, "2023-01-03", 1, 0, day, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_add_days(fx.cal, "2023-01-03", 1, 0, NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_add_days(fx.cal, "2023-01-03", -2, 0, day, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_add_days(fx.cal, "2023-13-03", 1, 1, day, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_calendar_add_days(fx.cal, "2023-01-03", 1000000, 1, day, ERR), GOVOPEN_ERANGE);
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(NULL, "2023-10-01"), "");
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(fx.cal, NULL), "");
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(fx.cal, "2023-10-32"), "");
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(fx.cal, "2023-01-23"), "春节");
}

static int stop_at_once(void *user, const char *data, size_t len) {
  (void)data, (void)len;
  ++*(int *)user;
  return 1;
}
static int take_all(void *user, const char *data, size_t len) {
  (void)user, (void)data, (void)len;
  return 0;
}

static void test_evaluation(void) {
  govopen_evaluation *ev = (govopen_evaluation *)&ev;
  EXPECT_ERR(govopen_evaluation_new(NULL, fx.fw, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_new(&ev, NULL, ERR), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(ev);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fx.fw, NULL), GOVOPEN_OK);

  EXPECT_ERR(govopen_evaluation_set_as_of(NULL, "2023-12-15", ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_set_as_of(ev, NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_set_as_of(ev, "2023-12-32", ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_set_period(NULL, "2023-01-01", "2023-12-31", ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_set_period(ev, NULL, "2023-12-31", ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_set_period(ev, "2023-12-31", "2023-01-01", ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_set_calendar_file(NULL, "c.yaml", ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_set_calendar_file(ev, NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_set_calendar_file(ev, test_path("fixtures/none.yaml"), ERR), GOVOPEN_ENOTFOUND);

  /* settings: without details, and with */
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(NULL, GOVOPEN_EVAL_JOBS, 2), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, 999, 2), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_JOBS, 0), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_set_int_ex(NULL, GOVOPEN_EVAL_JOBS, 2, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_set_int_ex(ev, 999, 2, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_set_int_ex(ev, -1, 0, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_set_int_ex(ev, GOVOPEN_EVAL_JOBS, 65, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_set_int_ex(ev, GOVOPEN_EVAL_STRICT, 2, ERR), GOVOPEN_EINVALID);
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_evaluation_set_int_ex(ev, GOVOPEN_EVAL_JOBS, 0, &err), GOVOPEN_EINVALID);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err), "GOVOPEN_EVAL_JOBS (7) is 0; it must be 1 to 64");
  govopen_error_free(err);
  err = (govopen_error *)&err;
  CU_ASSERT_EQUAL(govopen_evaluation_set_int_ex(ev, GOVOPEN_EVAL_JOBS, 2, &err), GOVOPEN_OK);
  CU_ASSERT_PTR_NULL(err);

  /* adding */
  static const char obs[] = "{\"unit\": \"nowhere\"}\n";
  EXPECT_ERR(govopen_evaluation_add_buffer(NULL, obs, sizeof obs - 1, "o.jsonl", 0, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_add_buffer(ev, NULL, 4, "o.jsonl", 0, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_add_buffer(ev, obs, sizeof obs - 1, "o.jsonl", 99, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_add_buffer(ev, obs, sizeof obs - 1, "o.jsonl", -1, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_add_file(NULL, "o.jsonl", 0, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_add_file(ev, NULL, 0, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_add_file(ev, "o.jsonl", 5, ERR), GOVOPEN_EINVALID);
  /* no as-of date yet */
  EXPECT_ERR(govopen_evaluation_add_buffer(ev, obs, sizeof obs - 1, "o.jsonl", 0, ERR), GOVOPEN_ESTATE);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-15", NULL), GOVOPEN_OK);
  EXPECT_ERR(govopen_evaluation_add_file(ev, test_path("fixtures/none.jsonl"), 0, ERR), GOVOPEN_ENOTFOUND);
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, obs, sizeof obs - 1, "o.jsonl", 0, NULL), GOVOPEN_OK);
  /* once started */
  EXPECT_ERR(govopen_evaluation_set_int_ex(ev, GOVOPEN_EVAL_MAX_NAMED, 5, ERR), GOVOPEN_ESTATE);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_NAMED, 5), GOVOPEN_ESTATE);
  EXPECT_ERR(govopen_evaluation_set_as_of(ev, "2023-12-16", ERR), GOVOPEN_ESTATE);

  /* running */
  govopen_result *r = (govopen_result *)&r;
  EXPECT_ERR(govopen_evaluation_run(NULL, &r, ERR), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(r);
  EXPECT_ERR(govopen_evaluation_run(ev, NULL, ERR), GOVOPEN_EINVALID);
  int calls = 0;
  EXPECT_ERR(govopen_evaluation_write_json(NULL, 0, take_all, NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_write_json(ev, 0, NULL, NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_write_json(ev, 0x8000u, take_all, NULL, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_evaluation_write_json(ev, 0, stop_at_once, &calls, ERR), GOVOPEN_ESTOPPED);
  CU_ASSERT_EQUAL(calls, 2); /* once a call, then nothing more */
  err = NULL;
  CU_ASSERT_EQUAL(govopen_evaluation_write_json(ev, 0, stop_at_once, &calls, &err), GOVOPEN_ESTOPPED);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err), "the write callback stopped the output");
  govopen_error_free(err);
  govopen_evaluation_free(ev);
  govopen_evaluation_free(NULL);
}

static void test_options(void) {
  CU_ASSERT_EQUAL(govopen_options_new(NULL), GOVOPEN_EINVALID);
  govopen_options *o = fx.opts;
  int64_t v = 77;
  CU_ASSERT_EQUAL(govopen_options_set_int(NULL, GOVOPEN_OPT_MAX_DEPTH, 3), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, 999, 3), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_DEPTH, 0), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_options_set_int_ex(NULL, GOVOPEN_OPT_MAX_DEPTH, 3, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_options_set_int_ex(o, 999, 3, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_options_set_int_ex(o, GOVOPEN_OPT_MAX_DEPTH, 0, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_options_set_int_ex(o, GOVOPEN_OPT_STRICT, -1, ERR), GOVOPEN_EINVALID);
  EXPECT_ERR(govopen_options_set_int_ex(o, GOVOPEN_OPT_EXTENDS_ROOT, 1, ERR), GOVOPEN_EINVALID);
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_options_set_int_ex(o, GOVOPEN_OPT_MAX_DEPTH, 1001, &err), GOVOPEN_EINVALID);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err), "GOVOPEN_OPT_MAX_DEPTH (2) is 1001; it must be 1 to 1000");
  govopen_error_free(err);
  err = NULL;
  CU_ASSERT_EQUAL(govopen_options_set_int_ex(o, 999, 1, &err), GOVOPEN_EINVALID);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err), "no loader option 999");
  govopen_error_free(err);
  err = (govopen_error *)&err;
  CU_ASSERT_EQUAL(govopen_options_set_int_ex(o, GOVOPEN_OPT_MAX_DEPTH, 64, &err), GOVOPEN_OK);
  CU_ASSERT_PTR_NULL(err);
  CU_ASSERT_EQUAL(govopen_options_get_int(NULL, GOVOPEN_OPT_MAX_DEPTH, &v), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_get_int(o, 999, &v), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_get_int(o, GOVOPEN_OPT_MAX_DEPTH, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(v, 77);
  CU_ASSERT_EQUAL(govopen_options_set_string(NULL, GOVOPEN_OPT_EXTENDS_ROOT, "/tmp"), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_set_string(o, GOVOPEN_OPT_MAX_DEPTH, "/tmp"), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_set_string(o, GOVOPEN_OPT_EXTENDS_ROOT, ""), GOVOPEN_EINVALID);
  const char *s = "junk";
  CU_ASSERT_EQUAL(govopen_options_get_string(NULL, GOVOPEN_OPT_EXTENDS_ROOT, &s), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(s);
  s = "junk";
  CU_ASSERT_EQUAL(govopen_options_get_string(o, GOVOPEN_OPT_MAX_DEPTH, &s), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(s);
  CU_ASSERT_EQUAL(govopen_options_get_string(o, GOVOPEN_OPT_EXTENDS_ROOT, NULL), GOVOPEN_EINVALID);
}

static void test_text(void) {
  char *out = (char *)&out;
  size_t len = 3;
  CU_ASSERT_EQUAL(govopen_text_escape("a", 1, 0, NULL, &len), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(len, 0);
  CU_ASSERT_EQUAL(govopen_text_escape(NULL, 1, 0, &out, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(out);
  CU_ASSERT_EQUAL(govopen_text_escape("a", 1, 0x80u, &out, NULL), GOVOPEN_EINVALID);
  char score[GOVOPEN_SCORE_SIZE] = "junk";
  CU_ASSERT_EQUAL(govopen_score_format(1.5, 0, NULL, 8), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_score_format(1.5, 0x80u, score, sizeof score), (size_t)-1); /* an unknown flag */
  CU_ASSERT_STRING_EQUAL(score, "");
  CU_ASSERT_EQUAL(govopen_score_format(NAN, 0, score, sizeof score), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_score_format(1.5, 0, score, 3), (size_t)-1); /* no room for "1.5" and its NUL */
  CU_ASSERT_EQUAL(govopen_score_format(1.5, 0, score, 4), 3);
  CU_ASSERT_EQUAL(govopen_error_format(fx.e, NULL, &len), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_error_format(NULL, &out, &len), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(out);
  CU_ASSERT_EQUAL(govopen_error_format(fx.e, &out, &len), GOVOPEN_OK);
  CU_ASSERT(strncmp(out, "bad.yaml:2:1: error: malformed YAML", 35) == 0);
  govopen_free(out);
  govopen_free(NULL);
  govopen_error_free(NULL);
  CU_ASSERT_EQUAL(govopen_error_count(NULL, -1), 0);
}

static int visit(const govopen_node *n, void *payload) {
  (void)n;
  return ++*(int *)payload == 2 ? 42 : 0;
}
static int plan(const govopen_unit *u, const govopen_point *p, void *payload) {
  (void)u, (void)p, (void)payload;
  return 0;
}

static void test_framework(void) {
  int n = 0;
  CU_ASSERT_EQUAL(govopen_framework_walk(NULL, visit, &n), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_framework_walk(fx.fw, NULL, &n), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_framework_walk(fx.fw, visit, &n), 42);
  CU_ASSERT_EQUAL(govopen_framework_plan(NULL, "x", plan, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_framework_plan(fx.fw, NULL, plan, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_framework_plan(fx.fw, govopen_framework_method(fx.fw, 0), NULL, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_framework_plan(fx.fw, "no-such-method", plan, NULL), GOVOPEN_ENOTFOUND);
  const govopen_framework *fws[] = {NULL, fx.fw};
  for (int i = 0; i < 2; i++) {
    const govopen_framework *fw = fws[i];
    CU_ASSERT_PTR_NULL(govopen_framework_node_by_id(fw, i ? "nowhere" : "x"));
    CU_ASSERT_PTR_NULL(govopen_framework_point_by_id(fw, i ? "nowhere" : "x"));
    CU_ASSERT_PTR_NULL(govopen_framework_unit_by_id(fw, i ? "nowhere" : "x"));
    CU_ASSERT_PTR_NULL(govopen_framework_unit_by_name(fw, i ? "nowhere" : "x"));
    CU_ASSERT_PTR_NULL(govopen_framework_unit_find(fw, i ? "nowhere" : "x"));
    CU_ASSERT_PTR_NULL(govopen_framework_group_by_id(fw, i ? "nowhere" : "x"));
    CU_ASSERT_PTR_NULL(govopen_framework_group_by_name(fw, i ? "nowhere" : "x"));
    CU_ASSERT_PTR_NULL(govopen_framework_node_by_id(fw, NULL));
    CU_ASSERT_PTR_NULL(govopen_framework_point_by_id(fw, NULL));
    CU_ASSERT_PTR_NULL(govopen_framework_unit_by_id(fw, NULL));
    CU_ASSERT_PTR_NULL(govopen_framework_unit_by_name(fw, NULL));
    CU_ASSERT_PTR_NULL(govopen_framework_unit_find(fw, NULL));
    CU_ASSERT_PTR_NULL(govopen_framework_group_by_id(fw, NULL));
    CU_ASSERT_PTR_NULL(govopen_framework_group_by_name(fw, NULL));
    CU_ASSERT_PTR_NULL(govopen_framework_grade_for(fw, NAN));
  }
  CU_ASSERT_PTR_NULL(govopen_framework_grade_for(NULL, 90.0));

  char *out = (char *)&out;
  size_t len = 5;
  CU_ASSERT_EQUAL(govopen_framework_to_json(fx.fw, 0, NULL, &len), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_framework_to_json(NULL, 0, &out, &len), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(out);
  CU_ASSERT_EQUAL(len, 0);
  CU_ASSERT_EQUAL(govopen_framework_to_json(fx.fw, 0x4000u, &out, &len), GOVOPEN_EINVALID);

  int calls = 0;
  const char *method = govopen_framework_method(fx.fw, 0);
  CU_ASSERT_EQUAL(govopen_framework_write_worksheet(NULL, method, 0, take_all, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_framework_write_worksheet(fx.fw, method, 0, NULL, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_framework_write_worksheet(fx.fw, method, 0x4000u, take_all, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_framework_write_worksheet(fx.fw, "no-such-method", 0, take_all, NULL), GOVOPEN_ENOTFOUND);
  CU_ASSERT_EQUAL(govopen_framework_write_worksheet(fx.fw, method, 0, stop_at_once, &calls), GOVOPEN_ESTOPPED);
  CU_ASSERT_EQUAL(calls, 1);

  size_t changes = 9;
  CU_ASSERT_EQUAL(govopen_framework_diff(NULL, fx.fw, 0, take_all, NULL, &changes), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(changes, 0);
  CU_ASSERT_EQUAL(govopen_framework_diff(fx.fw, NULL, 0, take_all, NULL, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_framework_diff(fx.fw, fx.fw, 0x4000u, take_all, NULL, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_framework_diff(fx.fw, fx.fw, GOVOPEN_DIFF_PRETTY, take_all, NULL, NULL), GOVOPEN_EINVALID);
  calls = 0;
  CU_ASSERT_EQUAL(govopen_framework_diff(fx.fw, fx.fw, 0, stop_at_once, &calls, NULL), GOVOPEN_ESTOPPED);
  CU_ASSERT_EQUAL(calls, 1);
  calls = 0;
  CU_ASSERT_EQUAL(govopen_framework_diff(fx.fw, fx.fw, GOVOPEN_DIFF_JSON, stop_at_once, &calls, NULL),
                  GOVOPEN_ESTOPPED);
  CU_ASSERT_EQUAL(calls, 1);
}

static void test_result_writers(void) {
  char *out = (char *)&out;
  size_t len = 5;
  int64_t setting = 77;
  CU_ASSERT_EQUAL(govopen_result_setting(NULL, GOVOPEN_EVAL_JOBS, &setting), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_setting(fx.r, GOVOPEN_EVAL_JOBS, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_setting(fx.r, 0, &setting), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_setting(fx.r, 999, &setting), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(setting, 77);
  CU_ASSERT_EQUAL(govopen_result_setting(fx.r, GOVOPEN_EVAL_MAX_NAMED, &setting), GOVOPEN_OK);
  CU_ASSERT_EQUAL(setting, 3);
  CU_ASSERT_EQUAL(govopen_result_to_json(fx.r, 0, NULL, &len), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_to_json(NULL, 0, &out, &len), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(out);
  CU_ASSERT_EQUAL(len, 0);
  CU_ASSERT_EQUAL(govopen_result_to_json(fx.r, 0x4000u, &out, &len), GOVOPEN_EINVALID);

  int calls = 0;
  CU_ASSERT_EQUAL(govopen_result_write_json(NULL, 0, take_all, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_json(fx.r, 0, NULL, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_json(fx.r, 0x4000u, take_all, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_json(fx.r, 0, stop_at_once, &calls), GOVOPEN_ESTOPPED);
  CU_ASSERT_EQUAL(calls, 1);

  calls = 0;
  CU_ASSERT_EQUAL(govopen_result_write_csv(NULL, GOVOPEN_TABLE_RANKINGS, 0, take_all, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_csv(fx.r, GOVOPEN_TABLE_RANKINGS, 0, NULL, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_csv(fx.r, 0, 0, take_all, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_csv(fx.r, 999, 0, take_all, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_csv(fx.r, GOVOPEN_TABLE_RANKINGS, 0x4000u, take_all, NULL), GOVOPEN_EINVALID);
  for (int t = 1; govopen_table_name(t) != NULL; t++) {
    calls = 0;
    CU_ASSERT_EQUAL(govopen_result_write_csv(fx.r, t, 0, stop_at_once, &calls), GOVOPEN_ESTOPPED);
    CU_ASSERT_EQUAL(calls, 1);
  }

  calls = 0;
  CU_ASSERT_EQUAL(govopen_result_write_rectify(NULL, 0, 0, take_all, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_rectify(fx.r, 0, 0, NULL, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_rectify(fx.r, SIZE_MAX, 0, take_all, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_rectify(fx.r, 0, 0x4000u, take_all, NULL), GOVOPEN_EINVALID);
  size_t u = 0;
  while (govopen_result_unit_scored(fx.r, u) != 1) u++;
  CU_ASSERT_EQUAL(govopen_result_write_rectify(fx.r, u, 0, stop_at_once, &calls), GOVOPEN_ESTOPPED);
  CU_ASSERT_EQUAL(calls, 1);

  calls = 0;
  CU_ASSERT_EQUAL(govopen_result_write_markdown(NULL, 0, take_all, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_markdown(fx.r, 0, NULL, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_markdown(fx.r, 0x4000u, take_all, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_markdown(fx.r, 0, stop_at_once, &calls), GOVOPEN_ESTOPPED);
  CU_ASSERT_EQUAL(calls, 1);

  calls = 0;
  CU_ASSERT_EQUAL(govopen_result_write_html(NULL, 0, take_all, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_html(fx.r, 0, NULL, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_html(fx.r, 0x4000u, take_all, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_html(fx.r, 0, stop_at_once, &calls), GOVOPEN_ESTOPPED);
  CU_ASSERT_EQUAL(calls, 1);
}

/* Collects a writer's text. */
static int collect(void *user, const char *data, size_t len) {
  FILE *f = user;
  return fwrite(data, 1, len, f) == len ? 0 : 1;
}

/* A result outlives its evaluation (evaluate.h): every output of a result is
   the same before and after the evaluation is freed (the sanitizers see any
   read of the evaluation's memory). */
static void test_result_outlives_evaluation(void) {
  govopen_evaluation *ev = NULL;
  govopen_result *r = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fx.fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-15", NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_add_file(ev, test_path("../data/samples/langao-2023-observations.jsonl"), 0, NULL),
                  GOVOPEN_OK);
  static const char county_adj[] =
      "{\"adjustment\": \"national-criticism\", \"observed\": \"2023-11-01\", \"evidence\": \"国办通报\"}\n";
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, county_adj, sizeof county_adj - 1, "adj.jsonl", 0, NULL),
                  GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(ev, &r, NULL), GOVOPEN_OK);
  char *texts[2][6];
  size_t lens[2][6];
  for (int round = 0; round < 2; round++) {
    if (round == 1) govopen_evaluation_free(ev);
    for (int k = 0; k < 6; k++) {
      FILE *f = open_memstream(&texts[round][k], &lens[round][k]);
      CU_ASSERT_PTR_NOT_NULL_FATAL(f);
      int rc = k == 0   ? govopen_result_write_json(r, GOVOPEN_JSON_PRETTY, collect, f)
               : k == 1 ? govopen_result_write_markdown(r, 0, collect, f)
               : k == 2 ? govopen_result_write_html(r, 0, collect, f)
               : k == 3 ? govopen_result_write_csv(r, GOVOPEN_TABLE_COUNTY, 0, collect, f)
               : k == 4 ? govopen_result_write_csv(r, GOVOPEN_TABLE_RECTIFY, 0, collect, f)
                        : govopen_result_write_rectify(r, 0, 0, collect, f);
      CU_ASSERT_EQUAL(rc, GOVOPEN_OK);
      fclose(f);
    }
  }
  CU_ASSERT_PTR_NOT_NULL(strstr(texts[0][0], "国办通报"));
  for (int k = 0; k < 6; k++) {
    CU_ASSERT(lens[0][k] > 0 && lens[0][k] == lens[1][k] && memcmp(texts[0][k], texts[1][k], lens[0][k]) == 0);
    free(texts[0][k]);
    free(texts[1][k]);
  }
  govopen_result_free(r);
}

static const test_case cases[] = {
    {"every public function is checked", test_covered},
    {"accessors with a NULL handle", test_accessors_null},
    {"accessors with an index out of range", test_accessors_range},
    {"real result values are not the none values", test_result_values},
    {"status texts", test_status_str},
    {"loading", test_load},
    {"calendar arithmetic", test_calendar},
    {"evaluations", test_evaluation},
    {"options", test_options},
    {"text and errors", test_text},
    {"framework calls", test_framework},
    {"result writers", test_result_writers},
    {"a result outlives its evaluation", test_result_outlives_evaluation},
    {NULL, NULL},
};
GV_TEST_SUITE_FIXTURE(h14_contract, cases, setup, teardown);
