/* Issue 15, item 7: headers that read alike.
 *  - the flag block of common.h: at compile time, no two flags one function
 *    takes share a bit and every flag has the value the block gives it; at
 *    run time, each function that takes flags accepts the bits the block
 *    lists for it and refuses every other bit of the 32 with GOVOPEN_EINVALID;
 *  - GOVOPEN_DATE_SIZE: the buffer a date comes back in, and no byte more;
 *  - the enums a function takes or returns as int have a named type of int's size;
 *  - the built-ins under one pattern of names agree with their first names;
 *  - diff.h stands without evaluate.h.
 */
#include <govopen/diff.h> /* first and alone: it must not bring evaluate.h */
#ifdef GOVOPEN_EVALUATE_H
#error "govopen/diff.h includes govopen/evaluate.h again: govopen_write_fn is in common.h"
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* --- compile time ----------------------------------------------------------------- */

#define DISJOINT2(a, b) (((a) & (b)) == 0u)
#define DISJOINT3(a, b, c) (DISJOINT2(a, b) && DISJOINT2(a, c) && DISJOINT2(b, c))
#define ONE_BIT(f) ((f) != 0u && ((f) & ((f)-1u)) == 0u)

/* The values of the block's table (docs/abi.md: they never change). */
_Static_assert(GOVOPEN_JSON_PRETTY == 0x001u, "GOVOPEN_JSON_PRETTY is bit 0");
_Static_assert(GOVOPEN_REPORT_LANG_EN == 0x001u, "GOVOPEN_REPORT_LANG_EN is bit 0");
_Static_assert(GOVOPEN_ESCAPE_KEEP_NEWLINE == 0x001u, "GOVOPEN_ESCAPE_KEEP_NEWLINE is bit 0");
_Static_assert(GOVOPEN_CSV_NO_BOM == 0x002u, "GOVOPEN_CSV_NO_BOM is bit 1");
_Static_assert(GOVOPEN_DIFF_JSON == 0x010u, "GOVOPEN_DIFF_JSON is bit 4");
_Static_assert(GOVOPEN_DIFF_PRETTY == 0x020u, "GOVOPEN_DIFF_PRETTY is bit 5");
_Static_assert(ONE_BIT(GOVOPEN_JSON_PRETTY) && ONE_BIT(GOVOPEN_REPORT_LANG_EN) &&
                   ONE_BIT(GOVOPEN_ESCAPE_KEEP_NEWLINE) && ONE_BIT(GOVOPEN_CSV_NO_BOM) && ONE_BIT(GOVOPEN_DIFF_JSON) &&
                   ONE_BIT(GOVOPEN_DIFF_PRETTY),
               "every flag is one bit");

/* Per function family, the flags it takes share no bit. */
/* the report writers (csv, worksheet: both; rectify, markdown, html: LANG_EN alone) */
_Static_assert(DISJOINT2(GOVOPEN_REPORT_LANG_EN, GOVOPEN_CSV_NO_BOM), "csv and worksheet flags share a bit");
/* govopen_framework_diff() */
_Static_assert(DISJOINT3(GOVOPEN_REPORT_LANG_EN, GOVOPEN_DIFF_JSON, GOVOPEN_DIFF_PRETTY), "diff flags share a bit");
/* the JSON writers and govopen_text_escape() take one flag each: nothing can collide. */

/* New flags (bit 8 on) have a bit of their own, taken by no other flag of any function. */
#define GV_OLD_FLAGS                                                                                 \
  (GOVOPEN_JSON_PRETTY | GOVOPEN_REPORT_LANG_EN | GOVOPEN_ESCAPE_KEEP_NEWLINE | GOVOPEN_CSV_NO_BOM | \
   GOVOPEN_DIFF_JSON | GOVOPEN_DIFF_PRETTY)
_Static_assert(GV_OLD_FLAGS < 0x100u, "a flag below bit 8 that is not in the block's table");
_Static_assert(GOVOPEN_SCORE_TWO_DECIMALS == 0x100u, "GOVOPEN_SCORE_TWO_DECIMALS is bit 8");
_Static_assert(DISJOINT2(GOVOPEN_SCORE_TWO_DECIMALS, GV_OLD_FLAGS), "GOVOPEN_SCORE_TWO_DECIMALS shares a bit");

/* A date buffer: "YYYY-MM-DD" and its NUL. */
_Static_assert(GOVOPEN_DATE_SIZE == sizeof "YYYY-MM-DD", "GOVOPEN_DATE_SIZE is 11");

/* Every enum a function takes or returns as int has a named type, the size of
   int, so that a new declaration taking the type is the same ABI. */
_Static_assert(sizeof(govopen_status) == sizeof(int), "govopen_status");
_Static_assert(sizeof(govopen_severity) == sizeof(int), "govopen_severity");
_Static_assert(sizeof(govopen_option) == sizeof(int), "govopen_option");
_Static_assert(sizeof(govopen_kind) == sizeof(int), "govopen_kind");
_Static_assert(sizeof(govopen_aggregate) == sizeof(int), "govopen_aggregate");
_Static_assert(sizeof(govopen_format) == sizeof(int), "govopen_format");
_Static_assert(sizeof(govopen_eval_option) == sizeof(int), "govopen_eval_option");
_Static_assert(sizeof(govopen_cell_status) == sizeof(int), "govopen_cell_status");
_Static_assert(sizeof(govopen_reason_severity) == sizeof(int), "govopen_reason_severity");
_Static_assert(sizeof(govopen_table) == sizeof(int), "govopen_table");

/* --- run time: each function takes its bits and refuses the others ---------------- */

static struct {
  govopen_framework *fw;
  govopen_evaluation *ev;
  govopen_result *r;
} fx;

static int setup(void) {
  if (govopen_framework_load_file(&fx.fw, test_path("fixtures/eval/fx.yaml"), NULL, NULL) != GOVOPEN_OK) return 1;
  if (govopen_evaluation_new(&fx.ev, fx.fw, NULL) != GOVOPEN_OK) return 1;
  if (govopen_evaluation_set_as_of(fx.ev, "2023-12-15", NULL) != GOVOPEN_OK) return 1;
  if (govopen_evaluation_add_file(fx.ev, test_path("fixtures/eval/fx.jsonl"), 0, NULL) != GOVOPEN_OK) return 1;
  if (govopen_evaluation_run(fx.ev, &fx.r, NULL) != GOVOPEN_OK) return 1;
  return 0;
}

static int teardown(void) {
  govopen_result_free(fx.r);
  govopen_evaluation_free(fx.ev);
  govopen_framework_free(fx.fw);
  memset(&fx, 0, sizeof fx);
  return 0;
}

static size_t written;
static int count_bytes(void *user, const char *data, size_t len) {
  (void)user;
  (void)data;
  written += len;
  return 0;
}

/* One call of a function that takes flags; GOVOPEN_OK or its status. */
typedef int (*flag_call)(unsigned flags);

static int call_framework_to_json(unsigned flags) {
  char *out = NULL;
  int rc = govopen_framework_to_json(fx.fw, flags, &out, NULL);
  govopen_free(out);
  return rc;
}
static int call_result_to_json(unsigned flags) {
  char *out = NULL;
  int rc = govopen_result_to_json(fx.r, flags, &out, NULL);
  govopen_free(out);
  return rc;
}
static int call_result_write_json(unsigned flags) { return govopen_result_write_json(fx.r, flags, count_bytes, NULL); }
static int call_evaluation_write_json(unsigned flags) {
  govopen_error *err = NULL;
  int rc = govopen_evaluation_write_json(fx.ev, flags, count_bytes, NULL, &err);
  govopen_error_free(err);
  return rc;
}
static int call_yaml_to_json(unsigned flags) {
  char *out = NULL;
  int rc = govopen_yaml_to_json("a: [1, 2]", 9, "t.yaml", NULL, flags, &out, NULL, NULL);
  govopen_free(out);
  return rc;
}
static int call_yaml_file_to_json(unsigned flags) {
  char *out = NULL;
  int rc = govopen_yaml_file_to_json(test_path("fixtures/eval/fx.yaml"), NULL, flags, &out, NULL, NULL);
  govopen_free(out);
  return rc;
}
static int call_write_csv(unsigned flags) {
  return govopen_result_write_csv(fx.r, GOVOPEN_TABLE_RANKINGS, flags, count_bytes, NULL);
}
static int call_write_rectify(unsigned flags) {
  return govopen_result_write_rectify(fx.r, 0, flags, count_bytes, NULL);
}
static int call_write_markdown(unsigned flags) { return govopen_result_write_markdown(fx.r, flags, count_bytes, NULL); }
static int call_write_html(unsigned flags) { return govopen_result_write_html(fx.r, flags, count_bytes, NULL); }
static int call_write_worksheet(unsigned flags) {
  return govopen_framework_write_worksheet(fx.fw, NULL, flags, count_bytes, NULL);
}
static int call_diff(unsigned flags) { return govopen_framework_diff(fx.fw, fx.fw, flags, count_bytes, NULL, NULL); }
static int call_text_escape(unsigned flags) {
  char *out = NULL;
  int rc = govopen_text_escape("a\nb", 3, flags, &out, NULL);
  govopen_free(out);
  return rc;
}

/* govopen_score_format() gives a length, (size_t)-1 when refused (an unknown flag among them). */
static int call_score_format(unsigned flags) {
  char out[GOVOPEN_SCORE_SIZE];
  return govopen_score_format(2.675, flags, out, sizeof out) == (size_t)-1 ? GOVOPEN_EINVALID : GOVOPEN_OK;
}

/* The block's table: what each function takes. */
static const struct {
  const char *name;
  flag_call call;
  unsigned takes;
} takers[] = {
    {"govopen_framework_to_json", call_framework_to_json, GOVOPEN_JSON_PRETTY},
    {"govopen_result_to_json", call_result_to_json, GOVOPEN_JSON_PRETTY},
    {"govopen_result_write_json", call_result_write_json, GOVOPEN_JSON_PRETTY},
    {"govopen_evaluation_write_json", call_evaluation_write_json, GOVOPEN_JSON_PRETTY},
    {"govopen_yaml_to_json", call_yaml_to_json, GOVOPEN_JSON_PRETTY},
    {"govopen_yaml_file_to_json", call_yaml_file_to_json, GOVOPEN_JSON_PRETTY},
    {"govopen_result_write_csv", call_write_csv, GOVOPEN_REPORT_LANG_EN | GOVOPEN_CSV_NO_BOM},
    {"govopen_result_write_rectify", call_write_rectify, GOVOPEN_REPORT_LANG_EN},
    {"govopen_result_write_markdown", call_write_markdown, GOVOPEN_REPORT_LANG_EN},
    {"govopen_result_write_html", call_write_html, GOVOPEN_REPORT_LANG_EN},
    {"govopen_framework_write_worksheet", call_write_worksheet, GOVOPEN_REPORT_LANG_EN | GOVOPEN_CSV_NO_BOM},
    {"govopen_framework_diff", call_diff, GOVOPEN_REPORT_LANG_EN | GOVOPEN_DIFF_JSON | GOVOPEN_DIFF_PRETTY},
    {"govopen_text_escape", call_text_escape, GOVOPEN_ESCAPE_KEEP_NEWLINE},
    {"govopen_score_format", call_score_format, GOVOPEN_SCORE_TWO_DECIMALS},
};
#define TAKERS (sizeof takers / sizeof takers[0])

static void test_flags_taken(void) {
  for (size_t i = 0; i < TAKERS; i++) {
    unsigned takes = takers[i].takes;
    /* with no flag, each one of its own, all of them together */
    int rc0 = takers[i].call(0u), rc_all = takers[i].call(takes);
    CU_ASSERT_EQUAL(rc0, GOVOPEN_OK);
    CU_ASSERT_EQUAL(rc_all, GOVOPEN_OK);
    if (rc0 != GOVOPEN_OK || rc_all != GOVOPEN_OK) fprintf(stderr, "\n%s: %d, %d\n", takers[i].name, rc0, rc_all);
    for (unsigned bit = 0; bit < 32; bit++) {
      unsigned f = 1u << bit;
      /* GOVOPEN_DIFF_PRETTY only with GOVOPEN_DIFF_JSON */
      unsigned with = takers[i].call == call_diff && f == GOVOPEN_DIFF_PRETTY ? GOVOPEN_DIFF_JSON : 0u;
      int rc = takers[i].call(f | with);
      int want = (takes & f) ? GOVOPEN_OK : GOVOPEN_EINVALID;
      if (rc != want) fprintf(stderr, "\n%s with bit %u: %d, expected %d\n", takers[i].name, bit, rc, want);
      CU_ASSERT_EQUAL(rc, want);
    }
  }
  /* the one pair the block says is refused: GOVOPEN_DIFF_PRETTY alone */
  CU_ASSERT_EQUAL(call_diff(GOVOPEN_DIFF_PRETTY), GOVOPEN_EINVALID);
}

/* The flags of bit 0 are read by each function as its own: the same bit,
   three meanings, never two in one function. */
static void test_bit0_per_family(void) {
  char *a = NULL, *b = NULL;
  size_t na = 0, nb = 0;
  /* JSON: pretty is longer than compact, with the same members */
  CU_ASSERT_EQUAL_FATAL(govopen_yaml_to_json("a: [1, 2]", 9, NULL, NULL, 0u, &a, &na, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_yaml_to_json("a: [1, 2]", 9, NULL, NULL, GOVOPEN_JSON_PRETTY, &b, &nb, NULL),
                        GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(a, "{\"a\":[1,2]}");
  CU_ASSERT(nb > na && strchr(b, '\n') != NULL);
  govopen_free(a);
  govopen_free(b);
  /* escaping: the line feed kept or escaped */
  CU_ASSERT_EQUAL_FATAL(govopen_text_escape("a\nb", 3, 0u, &a, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_text_escape("a\nb", 3, GOVOPEN_ESCAPE_KEEP_NEWLINE, &b, NULL), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(a, "a\\x0ab");
  CU_ASSERT_STRING_EQUAL(b, "a\nb");
  govopen_free(a);
  govopen_free(b);
  /* the same bit given to the diff is GOVOPEN_REPORT_LANG_EN: English labels, as the block warns */
  written = 0;
  CU_ASSERT_EQUAL(govopen_framework_diff(fx.fw, fx.fw, GOVOPEN_JSON_PRETTY, count_bytes, NULL, NULL), GOVOPEN_OK);
  size_t pretty_as_lang = written;
  written = 0;
  CU_ASSERT_EQUAL(govopen_framework_diff(fx.fw, fx.fw, GOVOPEN_REPORT_LANG_EN, count_bytes, NULL, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(written, pretty_as_lang);
}

/* --- GOVOPEN_DATE_SIZE --------------------------------------------------------------- */

static void test_date_size(void) {
  govopen_calendar *cal = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_calendar_load_builtin(&cal, "cn", NULL, NULL), GOVOPEN_OK);
  char buf[GOVOPEN_DATE_SIZE + 4];
  memset(buf, '#', sizeof buf);
  CU_ASSERT_EQUAL(govopen_calendar_add_workdays(cal, "2023-09-28", 1, buf, NULL), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(buf, "2023-10-07");
  CU_ASSERT_EQUAL(strlen(buf) + 1, GOVOPEN_DATE_SIZE);
  CU_ASSERT_EQUAL(memcmp(buf + GOVOPEN_DATE_SIZE, "####", 4), 0); /* not a byte beyond */
  memset(buf, '#', sizeof buf);
  CU_ASSERT_EQUAL(govopen_calendar_add_days(cal, "2023-09-29", 1, 1, buf, NULL), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(buf, "2023-10-07");
  CU_ASSERT_EQUAL(memcmp(buf + GOVOPEN_DATE_SIZE, "####", 4), 0);
  /* the largest date a calendar can give still fits */
  memset(buf, '#', sizeof buf);
  CU_ASSERT_EQUAL(govopen_calendar_add_days(cal, "2026-12-30", 1, 0, buf, NULL), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(buf, "2026-12-31");
  CU_ASSERT_EQUAL(memcmp(buf + GOVOPEN_DATE_SIZE, "####", 4), 0);
  govopen_calendar_free(cal);
}

/* --- enums by name ------------------------------------------------------------------ */

static void test_enum_names(void) {
  /* what the int-returning accessors answer is a value of the named type */
  govopen_aggregate agg = (govopen_aggregate)govopen_node_aggregate(govopen_framework_node(fx.fw, 0));
  CU_ASSERT_EQUAL(agg, GOVOPEN_AGGREGATE_SUM);
  govopen_kind kind = (govopen_kind)govopen_unit_kind(govopen_framework_unit_by_id(fx.fw, "d"));
  CU_ASSERT_EQUAL(kind, GOVOPEN_UNIT_DEPARTMENT);
  CU_ASSERT_STRING_EQUAL(govopen_unit_kind_name((int)kind), "department");
  govopen_cell_status st = (govopen_cell_status)govopen_result_cell_status(fx.r, 0, 0);
  CU_ASSERT_EQUAL(st, GOVOPEN_CELL_SCORED);
  govopen_table t = GOVOPEN_TABLE_ADJUSTMENTS;
  CU_ASSERT_STRING_EQUAL(govopen_table_name((int)t), "adjustments");
  govopen_status s = GOVOPEN_ESTOPPED;
  CU_ASSERT_STRING_EQUAL(govopen_status_str(s), "stopped by the write callback");
  govopen_format fmt = GOVOPEN_FORMAT_CSV;
  govopen_eval_option eo = GOVOPEN_EVAL_MIN_COVERAGE;
  govopen_option lo = GOVOPEN_OPT_MAX_TREE_DEPTH;
  govopen_severity sev = GOVOPEN_SEVERITY_WARNING;
  govopen_reason_severity rs = GOVOPEN_REASON_INFO;
  CU_ASSERT_EQUAL((int)fmt + (int)eo + (int)lo + (int)sev + (int)rs, 4 + 10 + 12 + 1 + 2);
}

/* --- built-ins ----------------------------------------------------------------------- */

static void test_builtin_names(void) {
  CU_ASSERT_EQUAL(govopen_builtin_framework_count(), 1);
  CU_ASSERT_EQUAL(govopen_builtin_framework_count(), govopen_builtin_count());
  CU_ASSERT_STRING_EQUAL(govopen_builtin_framework_id(0), "langao-2023");
  CU_ASSERT_PTR_EQUAL(govopen_builtin_framework_id(0), govopen_builtin_id(0));
  CU_ASSERT_PTR_NULL(govopen_builtin_framework_id(1));
  CU_ASSERT_PTR_NULL(govopen_builtin_framework_id((size_t)-1));

  size_t n = 0, old = 0;
  const char *yaml = govopen_builtin_framework_yaml("langao-2023", &n);
  CU_ASSERT_PTR_EQUAL(yaml, govopen_builtin_yaml("langao-2023", &old));
  CU_ASSERT_EQUAL(n, old);
  size_t file_len = 0;
  char *file = test_read_file(test_path("../data/frameworks/langao-2023.yaml"), &file_len);
  CU_ASSERT_FATAL(file != NULL);
  CU_ASSERT_EQUAL(n, file_len);
  CU_ASSERT(yaml && memcmp(yaml, file, file_len) == 0);
  free(file);
  n = 5;
  CU_ASSERT_PTR_NULL(govopen_builtin_framework_yaml("cn", &n));
  CU_ASSERT_EQUAL(n, 0);

  /* the calendar's text is the file compiled in, and loads as the built-in does */
  const char *cal_yaml = govopen_builtin_calendar_yaml(govopen_builtin_calendar_id(0), &n);
  CU_ASSERT_FATAL(cal_yaml != NULL);
  file = test_read_file(test_path("../data/calendars/cn.yaml"), &file_len);
  CU_ASSERT_FATAL(file != NULL);
  CU_ASSERT_EQUAL(n, file_len);
  CU_ASSERT(memcmp(cal_yaml, file, file_len) == 0);
  free(file);
  govopen_calendar *copy = NULL, *cn = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_calendar_load_buffer(&copy, cal_yaml, n, "copy.yaml", NULL, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_calendar_load_builtin(&cn, "cn", NULL, NULL), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(govopen_calendar_id(copy), govopen_calendar_id(cn));
  CU_ASSERT_EQUAL(govopen_calendar_first_year(copy), govopen_calendar_first_year(cn));
  CU_ASSERT_EQUAL(govopen_calendar_last_year(copy), govopen_calendar_last_year(cn));
  int a = -1, b = -1;
  CU_ASSERT_EQUAL(govopen_calendar_workdays_between(copy, "2023-01-01", "2023-12-31", &a, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_calendar_workdays_between(cn, "2023-01-01", "2023-12-31", &b, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(a, b);
  CU_ASSERT_EQUAL(a, 249); /* 2023: 365 days, 116 days off and weekends, 249 working days (cn.yaml) */
  govopen_calendar_free(copy);
  govopen_calendar_free(cn);
}

static const test_case cases[] = {{"each function takes its flags and refuses every other bit", test_flags_taken},
                                  {"the flags of bit 0 mean one thing per function", test_bit0_per_family},
                                  {"a date comes back in GOVOPEN_DATE_SIZE bytes", test_date_size},
                                  {"enums by their type names", test_enum_names},
                                  {"govopen_builtin_<thing>_<what>", test_builtin_names},
                                  {NULL, NULL}};
GV_TEST_SUITE_FIXTURE(h15_headers, cases, setup, teardown);
