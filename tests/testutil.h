/* Shared helpers for the CUnit suites.
 *
 * Adding a suite: create tests/test_<name>.c, include "testutil.h", write the
 * tests as static functions and end the file with their table and the suite:
 *
 *   static const test_case cases[] = {{"what it checks", test_what}, {NULL, NULL}};
 *   GV_TEST_SUITE(<name>, cases);
 *
 * Nothing else is edited: tests/CMakeLists.txt compiles every tests/test_*.c
 * into test_govopen and reads each GV_TEST_SUITE line (at the start of a line,
 * the name on that line) to add the ctest unit.<name>; the suite registers
 * itself before main(). A suite with set-up and clean-up functions (CUnit's
 * int f(void), non-zero on failure) uses GV_TEST_SUITE_FIXTURE(<name>, cases,
 * init, clean) instead. A file may declare more than one suite.
 *
 *   build/tests/test_govopen             runs every suite
 *   build/tests/test_govopen <name>      runs one (an unknown name exits 2)
 *   build/tests/test_govopen --list      prints each suite, its file and its test count
 *
 * The ctest unit-suites (tests/check_suites.py) fails when a tests/test_*.c
 * declares no suite, or when the suites compiled in and the ctests differ, so
 * no suite is ever dropped silently. Files that hold helpers but no suite are
 * named otherwise (report_support.c) and listed in tests/CMakeLists.txt. */
#ifndef GV_TESTUTIL_H
#define GV_TESTUTIL_H

#include <CUnit/CUnit.h>
#include <stddef.h>

#include <govopen/govopen.h>

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
/* Loads a framework of one unit and one point whose rule is `rule` (its lines indented by 10 spaces, the first
   on line 12 of "r.yaml"), as test_load_text. */
int test_load_rule(const char *rule, govopen_framework **fw, govopen_error **err);

/* One test of a suite; a table of them ends with {NULL, NULL}. */
typedef struct test_case {
  const char *name;
  CU_TestFunc fn;
} test_case;

/* A suite as GV_TEST_SUITE declares it; test_main.c keeps the list. */
typedef struct test_suite {
  const char *name;
  const test_case *cases;
  CU_InitializeFunc init; /* NULL, or CUnit's set-up: non-zero fails the suite */
  CU_CleanupFunc clean;
  const char *file; /* __FILE__ of the declaration */
  struct test_suite *next;
} test_suite;
/* Adds a suite to the runner's list; called before main() by GV_TEST_SUITE. */
void test_register_suite(test_suite *suite);

/* Declares the suite NAME (an identifier, also its ctest's name unit.NAME)
 * running the table CASES, with CUnit set-up and clean-up functions INIT and
 * CLEAN (or NULL). Write it at the start of a line, at file scope, followed
 * by a semicolon. A constructor function registers it before main(). */
#define GV_TEST_SUITE_FIXTURE(name, cases, init, clean)                                     \
  static test_suite gv_test_suite_##name = {#name, cases, init, clean, __FILE__, NULL};     \
  static void gv_test_register_##name(void) __attribute__((constructor));                   \
  static void gv_test_register_##name(void) { test_register_suite(&gv_test_suite_##name); } \
  extern int gv_test_suite_declared_##name
/* Declares the suite NAME running the table CASES, without set-up or clean-up. */
#define GV_TEST_SUITE(name, cases) GV_TEST_SUITE_FIXTURE(name, cases, NULL, NULL)

#endif
