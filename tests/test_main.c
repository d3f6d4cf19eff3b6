/* The CUnit runner of every suite (tests/testutil.h says how a file declares one). It exits non-zero when any
 * assertion or test failed: CU_basic_run_tests() alone reports only framework errors. */
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

/* The framework test_load_rule wraps a rule in: one unit and one point, the
   rule from line 12 on (its lines indented by 10 spaces). */
#define RULE_HEAD                                  \
  "schema: 1\n"                                    \
  "framework: {id: t, title: 测试, total: 10}\n" \
  "units: [{id: a, name: 甲, kind: town}]\n"      \
  "indicators:\n"                                  \
  "  - title: 一\n"                               \
  "    points:\n"                                  \
  "      - id: P1\n"                               \
  "        text: 文\n"                            \
  "        sampling: [政府网站]\n"             \
  "        responsible: [甲]\n"                   \
  "        rule:\n"

int test_load_rule(const char *rule, govopen_framework **fw, govopen_error **err) {
  size_t n = strlen(RULE_HEAD) + strlen(rule) + 1;
  char *doc = malloc(n);
  if (doc == NULL) return GOVOPEN_ENOMEM;
  snprintf(doc, n, "%s%s", RULE_HEAD, rule);
  int r = govopen_framework_load_buffer(fw, doc, strlen(doc), "r.yaml", NULL, err);
  free(doc);
  return r;
}

/* The suites, linked by their constructors before main() (GV_TEST_SUITE). */
static test_suite *registered;

void test_register_suite(test_suite *suite) {
  suite->next = registered;
  registered = suite;
}

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

static size_t case_count(const test_suite *s) {
  size_t n = 0;
  while (s->cases[n].name) n++;
  return n;
}

static int by_name(const void *a, const void *b) {
  return strcmp((*(const test_suite *const *)a)->name, (*(const test_suite *const *)b)->name);
}

/* The suites sorted by name (the order of constructors is the linker's), each name once; NULL with a message
 * when two files declare one name or a suite has no test. */
static test_suite **sorted_suites(size_t *count) {
  size_t n = 0;
  for (test_suite *s = registered; s; s = s->next) n++;
  test_suite **v = malloc((n ? n : 1) * sizeof *v);
  if (v == NULL) {
    fprintf(stderr, "out of memory\n");
    return NULL;
  }
  size_t i = 0;
  for (test_suite *s = registered; s; s = s->next) v[i++] = s;
  qsort(v, n, sizeof *v, by_name);
  for (i = 0; i < n; i++) {
    if (i > 0 && strcmp(v[i - 1]->name, v[i]->name) == 0) {
      fprintf(stderr, "suite '%s' is declared twice: in %s and in %s\n", v[i]->name, base_name(v[i - 1]->file),
              base_name(v[i]->file));
      free(v);
      return NULL;
    }
    if (case_count(v[i]) == 0) {
      fprintf(stderr, "suite '%s' (%s) has no test\n", v[i]->name, base_name(v[i]->file));
      free(v);
      return NULL;
    }
  }
  *count = n;
  return v;
}

static void usage(FILE *to) {
  fprintf(to, "usage: test_govopen [SUITE | --list]\n"
              "  no argument: run every suite; SUITE: run that one; --list: each suite, its file, its test count\n");
}

int main(int argc, char **argv) {
  if (argc > 2 || (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))) {
    usage(argc > 2 ? stderr : stdout);
    return argc > 2 ? 2 : 0;
  }
  size_t n = 0;
  test_suite **suites = sorted_suites(&n);
  if (suites == NULL) return 2;
  if (argc == 2 && strcmp(argv[1], "--list") == 0) {
    for (size_t i = 0; i < n; i++)
      printf("%s\t%s\t%zu\n", suites[i]->name, base_name(suites[i]->file), case_count(suites[i]));
    free(suites);
    return 0;
  }
  if (argc == 2 && argv[1][0] == '-') {
    fprintf(stderr, "unknown option '%s'\n", argv[1]);
    usage(stderr);
    free(suites);
    return 2;
  }
  if (CU_initialize_registry() != CUE_SUCCESS) {
    fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
    free(suites);
    return 2;
  }
  for (size_t i = 0; i < n; i++) {
    CU_pSuite s = CU_add_suite(suites[i]->name, suites[i]->init, suites[i]->clean);
    if (s == NULL) {
      fprintf(stderr, "cannot add suite %s: %s\n", suites[i]->name, CU_get_error_msg());
      CU_cleanup_registry();
      free(suites);
      return 2;
    }
    for (const test_case *c = suites[i]->cases; c->name; c++) {
      if (CU_add_test(s, c->name, c->fn) == NULL) {
        fprintf(stderr, "cannot add test %s of suite %s: %s\n", c->name, suites[i]->name, CU_get_error_msg());
        CU_cleanup_registry();
        free(suites);
        return 2;
      }
    }
  }
  free(suites);
  CU_basic_set_mode(CU_BRM_VERBOSE);
  CU_ErrorCode rc;
  if (argc == 2) {
    /* run one suite by name: test_govopen SUITE */
    CU_pSuite s = CU_get_suite(argv[1]);
    if (s == NULL) {
      fprintf(stderr, "no suite '%s' (test_govopen --list names them)\n", argv[1]);
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
