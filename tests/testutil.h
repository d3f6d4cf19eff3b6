/* Shared helpers for the CUnit suites. */
#ifndef GV_TESTUTIL_H
#define GV_TESTUTIL_H

#include <CUnit/CUnit.h>
#include <stddef.h>

#include <govopen/govopen.h>

/* Each suite file defines one registration function. */
void register_util_suite(void);
void register_loader_suite(void);
void register_invalid_suite(void);
void register_api_suite(void);
void register_langao_suite(void);
void register_records_suite(void);
void register_expr_suite(void);
void register_calendar_suite(void);
void register_eval_suite(void);
void register_rules_suite(void);
void register_limits_suite(void);
void register_report_suite(void);
void register_csv_suite(void);
void register_md_suite(void);
void register_html_suite(void);
void register_overlay_suite(void);
void register_worksheet_suite(void);
void register_diff_suite(void);
void register_convert_suite(void);
void register_h13_extends_suite(void);
void register_h13_eval_suite(void);
void register_h13_output_suite(void);
void register_h13_diag_suite(void);
void register_h13_text_suite(void);
void register_h13_hash_suite(void);
void register_h13_tree_suite(void);
void register_h14_contract_suite(void);
void register_h14_coverage_suite(void);
void register_h14_adjust_suite(void);
void register_h14_impossible_suite(void);
void register_h14_reasons_suite(void);
void register_h14_fingerprint_suite(void);
void register_h14_walk_suite(void);
void register_h15_msgids_suite(void);

/* The directory holding tests/ (set by CMake), for fixtures. */
#ifndef GV_TEST_DIR
#error "GV_TEST_DIR must be defined"
#endif

/* Path of a file under tests/, in a static buffer (one at a time). */
const char *test_path(const char *rel);
/* Reads a whole file; NULL on failure. Free with free(). */
char *test_read_file(const char *path, size_t *len);
/* Loads a framework from text; returns the status and sets *fw / *err. */
int test_load_text(const char *yaml, govopen_framework **fw, govopen_error **err);

/* Registers a suite with its tests, aborting the run when CUnit cannot. */
typedef struct test_case {
  const char *name;
  CU_TestFunc fn;
} test_case;
void test_add_suite(const char *name, const test_case *cases);

#endif
