/* Issue 15, item 3: the public API on top. The framework accessors moved to
 * lib/api/framework.c over model/model.h's gv_* functions; these tests pin
 * what moved with a change: the grade of a score is now found with the one
 * rounding rule of util/cents.h, and the internal lookups the lower layers
 * call answer as the public ones do. (Every public function's NULL and
 * out-of-range answers are checked by tests/test_h14_contract.c.) */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "model/model.h"
#include "testutil.h"
#include "util/cents.h"
#include "util/error.h"

static govopen_framework *load_fx(void) {
  govopen_framework *fw = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_file(&fw, test_path("fixtures/eval/fx.yaml"), NULL, NULL), GOVOPEN_OK);
  return fw;
}

static void assert_grade(const char *got, const char *want) {
  if (want == NULL) {
    CU_ASSERT_PTR_NULL(got);
  } else if (got == NULL) {
    CU_FAIL("no grade where one was expected");
  } else {
    CU_ASSERT_STRING_EQUAL(got, want);
  }
}

/* fx grades: 优秀 from 90, 良好 from 75, 合格 from 60. */
static void test_grade_rounding(void) {
  govopen_framework *fw = load_fx();
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  assert_grade(govopen_framework_grade_for(fw, 90.0), "优秀");
  assert_grade(govopen_framework_grade_for(fw, 89.99), "良好");
  /* 89.995 is stored as 89.99499…: within binary noise of the half, so it
     rounds up to 90.00 as every result does (gv_cents_from_double); the
     hand-written rounding it replaces gave 89.99 and 良好. */
  CU_ASSERT_EQUAL(gv_cents_from_double(89.995), 9000);
  assert_grade(govopen_framework_grade_for(fw, 89.995), "优秀");
  assert_grade(govopen_framework_grade_for(fw, 89.9949), "良好");
  assert_grade(govopen_framework_grade_for(fw, 59.995), "合格");
  assert_grade(govopen_framework_grade_for(fw, 59.994), NULL);
  assert_grade(govopen_framework_grade_for(fw, -0.005), NULL);
  /* beyond int64_t hundredths: above or below every grade, never undefined */
  assert_grade(govopen_framework_grade_for(fw, 1e300), "优秀");
  assert_grade(govopen_framework_grade_for(fw, INFINITY), "优秀");
  assert_grade(govopen_framework_grade_for(fw, -INFINITY), NULL);
  assert_grade(govopen_framework_grade_for(fw, NAN), NULL);
  /* the public function is the internal one over the cents rule, everywhere */
  for (int64_t k = -1000; k <= 11000; k++) {
    double x = (double)k / 100.0 + 0.005;
    const char *pub = govopen_framework_grade_for(fw, x), *in = gv_framework_grade(fw, gv_cents_from_double(x));
    if (pub != in) {
      CU_FAIL("govopen_framework_grade_for and gv_framework_grade disagree");
      break;
    }
  }
  /* the internal one compares hundredths exactly */
  assert_grade(gv_framework_grade(fw, 9000), "优秀");
  assert_grade(gv_framework_grade(fw, 8999), "良好");
  assert_grade(gv_framework_grade(fw, 6000), "合格");
  assert_grade(gv_framework_grade(fw, 5999), NULL);
  assert_grade(gv_framework_grade(fw, INT64_MAX), "优秀");
  assert_grade(gv_framework_grade(fw, INT64_MIN), NULL);
  govopen_framework_free(fw);
}

/* The lookups lib/eval and lib/report call answer as the public ones. */
static void test_internal_lookups(void) {
  govopen_framework *fw = load_fx();
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  const govopen_unit *u0 = govopen_framework_unit(fw, 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL(u0);
  const char *id = govopen_unit_id(u0), *name = govopen_unit_name(u0);
  CU_ASSERT_PTR_EQUAL(gv_framework_unit_by_id(fw, id), u0);
  CU_ASSERT_PTR_EQUAL(govopen_framework_unit_by_id(fw, id), u0);
  CU_ASSERT_PTR_EQUAL(gv_framework_unit_by_name(fw, name), u0);
  CU_ASSERT_PTR_NULL(gv_framework_unit_by_name(fw, id));
  CU_ASSERT_PTR_NULL(gv_framework_unit_by_id(fw, name));
  CU_ASSERT_PTR_EQUAL(gv_framework_unit_find(fw, name), u0);
  CU_ASSERT_PTR_EQUAL(gv_framework_unit_find(fw, id), u0);
  /* a NULL key finds nothing, below the API as at it */
  CU_ASSERT_PTR_NULL(gv_framework_unit_find(fw, NULL));
  CU_ASSERT_PTR_NULL(gv_framework_node_by_id(fw, NULL));
  CU_ASSERT_PTR_NULL(gv_framework_point_by_id(fw, NULL));
  CU_ASSERT_PTR_NULL(gv_framework_group_by_id(fw, NULL));
  CU_ASSERT_PTR_NULL(govopen_framework_unit_find(fw, NULL));
  CU_ASSERT_PTR_NULL(govopen_framework_unit_find(NULL, id));
  const govopen_point *p0 = govopen_framework_point(fw, 0);
  CU_ASSERT_PTR_EQUAL(gv_framework_point_by_id(fw, govopen_point_id(p0)), p0);
  CU_ASSERT_PTR_EQUAL(govopen_framework_point_by_id(fw, govopen_point_id(p0)), p0);
  const govopen_node *n0 = govopen_framework_node(fw, 0);
  CU_ASSERT_PTR_EQUAL(gv_framework_node_by_id(fw, govopen_node_id(n0)), n0);
  CU_ASSERT_PTR_NULL(gv_framework_node_by_id(fw, "no such node"));
  /* unit kinds: the public name is the internal one, NULL out of range */
  for (int k = -2; k <= GOVOPEN_UNIT_OTHER + 2; k++)
    CU_ASSERT_PTR_EQUAL(govopen_unit_kind_name(k), gv_unit_kind_name(k));
  CU_ASSERT_STRING_EQUAL(gv_unit_kind_name(GOVOPEN_UNIT_TOWN), "town");
  CU_ASSERT_PTR_NULL(gv_unit_kind_name(GOVOPEN_UNIT_OTHER + 1));
  CU_ASSERT_PTR_NULL(gv_unit_kind_name(-1));
  /* an unknown method is not found by the plan, below the API as at it */
  CU_ASSERT_EQUAL(gv_framework_plan(fw, "no such method", NULL, NULL), GOVOPEN_ENOTFOUND);
  CU_ASSERT_EQUAL(govopen_framework_plan(fw, "no such method", NULL, NULL), GOVOPEN_EINVALID); /* fn NULL first */
  govopen_framework_free(fw);
}

/* The error accessors moved to lib/api/error.c over util's gv_error_*. */
static void test_error_accessors(void) {
  for (int s = 1; s >= -20; s--) CU_ASSERT_PTR_EQUAL(govopen_status_str(s), gv_status_str(s));
  CU_ASSERT_STRING_EQUAL(govopen_status_str(GOVOPEN_ESTOPPED), "stopped by the write callback");
  CU_ASSERT_STRING_EQUAL(govopen_status_str(12345), "unknown status");
  govopen_error *e = NULL;
  CU_ASSERT_EQUAL(gv_error_set(&e, GOVOPEN_ELIMIT, "f.yaml", "test.too_many", "too many %s", "things"), GOVOPEN_ELIMIT);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(govopen_error_count(e, -1), 1);
  CU_ASSERT_EQUAL(govopen_error_count(e, GOVOPEN_SEVERITY_WARNING), 0);
  CU_ASSERT_EQUAL(gv_error_count(e, GOVOPEN_SEVERITY_ERROR), 1);
  char *text = (char *)"untouched";
  size_t len = 99;
  CU_ASSERT_EQUAL(govopen_error_format(NULL, &text, &len), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(text);
  CU_ASSERT_EQUAL(len, 0);
  CU_ASSERT_EQUAL(govopen_error_format(e, NULL, &len), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_error_format(e, &text, &len), GOVOPEN_OK);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  CU_ASSERT_STRING_EQUAL(text, "f.yaml: error: too many things");
  CU_ASSERT_EQUAL(len, strlen("f.yaml: error: too many things"));
  govopen_free(text);
  govopen_error_free(e);
  govopen_error_free(NULL);
}

static const test_case cases[] = {{"a grade is found with the cents rounding rule", test_grade_rounding},
                                  {"the internal lookups answer as the public ones", test_internal_lookups},
                                  {"the error accessors over util's", test_error_accessors},
                                  {NULL, NULL}};
GV_TEST_SUITE(h15_api, cases);
