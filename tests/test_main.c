/* The CUnit runner. It exits non-zero when any assertion or test failed:
 * CU_basic_run_tests() alone reports only framework errors. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

const char *test_path(const char *rel) {
  static char buf[4096];
  snprintf(buf, sizeof buf, "%s/%s", GV_TEST_DIR, rel);
  return buf;
}

char *test_read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  size_t cap = 4096, n = 0;
  char *data = malloc(cap);
  size_t got;
  while (data && (got = fread(data + n, 1, cap - n - 1, f)) > 0) {
    n += got;
    if (cap - n - 1 == 0) {
      char *d = realloc(data, cap * 2);
      if (d == NULL) {
        free(data);
        data = NULL;
        break;
      }
      data = d;
      cap *= 2;
    }
  }
  fclose(f);
  if (data) data[n] = '\0';
  if (len) *len = n;
  return data;
}

int test_load_text(const char *yaml, govopen_framework **fw, govopen_error **err) {
  return govopen_framework_load_buffer(fw, yaml, strlen(yaml), "test.yaml", NULL, err);
}

void test_add_suite(const char *name, const test_case *cases) {
  CU_pSuite s = CU_add_suite(name, NULL, NULL);
  if (s == NULL) {
    fprintf(stderr, "cannot add suite %s: %s\n", name, CU_get_error_msg());
    exit(2);
  }
  for (const test_case *c = cases; c->name; c++) {
    if (CU_add_test(s, c->name, c->fn) == NULL) {
      fprintf(stderr, "cannot add test %s: %s\n", c->name, CU_get_error_msg());
      exit(2);
    }
  }
}

int main(int argc, char **argv) {
  if (CU_initialize_registry() != CUE_SUCCESS) {
    fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
    return 2;
  }
  register_util_suite();
  register_loader_suite();
  register_invalid_suite();
  register_api_suite();
  register_langao_suite();
  register_records_suite();
  register_expr_suite();
  register_calendar_suite();
  register_eval_suite();
  register_rules_suite();
  register_limits_suite();
  register_report_suite();
  register_csv_suite();
  register_md_suite();
  register_html_suite();
  register_overlay_suite();
  register_worksheet_suite();
  register_diff_suite();
  register_convert_suite();
  register_h13_extends_suite();
  register_h13_eval_suite();
  register_h13_output_suite();
  register_h13_diag_suite();
  register_h13_text_suite();
  register_h13_hash_suite();
  register_h13_tree_suite();
  register_h14_contract_suite();
  register_h14_coverage_suite();
  register_h14_adjust_suite();
  register_h14_impossible_suite();
  register_h14_reasons_suite();
  register_h14_fingerprint_suite();
  register_h14_walk_suite();
  register_h15_msgids_suite();
  CU_basic_set_mode(CU_BRM_VERBOSE);
  CU_ErrorCode rc;
  if (argc > 1) {
    /* run one suite by name: test_govopen SUITE */
    CU_pSuite s = CU_get_suite(argv[1]);
    if (s == NULL) {
      fprintf(stderr, "no suite '%s'\n", argv[1]);
      CU_cleanup_registry();
      return 2;
    }
    rc = CU_basic_run_suite(s);
  } else {
    rc = CU_basic_run_tests();
  }
  unsigned failures = CU_get_number_of_failures();
  unsigned tests_failed = CU_get_number_of_tests_failed();
  unsigned run = CU_get_number_of_tests_run();
  unsigned suites_failed = CU_get_number_of_suites_failed(); /* a suite whose set-up failed */
  CU_cleanup_registry();
  if (rc != CUE_SUCCESS) {
    fprintf(stderr, "CUnit error %d\n", (int)rc);
    return 2;
  }
  if (run == 0) {
    fprintf(stderr, "no tests ran\n");
    return 1;
  }
  return failures || tests_failed || suites_failed ? 1 : 0;
}
