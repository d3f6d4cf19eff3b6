/* What the report suites (test_report.c, test_csv.c) share: a write
 * callback that collects the output and can fail at a given call, and an
 * evaluation run on fixture files. */
#ifndef GV_TEST_REPORT_SUPPORT_H
#define GV_TEST_REPORT_SUPPORT_H

#include <stddef.h>

#include "govopen/govopen.h"

typedef struct sink {
  char *data;
  size_t len, cap;
  size_t calls;     /* calls made */
  size_t fail_at;   /* 1-based call that fails; 0: none */
  size_t max_chunk; /* the longest piece received */
  int empty_call;   /* a call with len 0 was made */
  int after_fail;   /* a call was made after one failed */
  int failed;
} sink;

/* A govopen_write_fn collecting into the sink `user` (NUL-terminated). */
int sink_write(void *user, const char *data, size_t len);
void sink_free(sink *s);
/* What a writer that returned `rc` left in `s`, asked for pieces of at most
   `chunk` bytes (0: the default): asserts that it succeeded, never wrote
   nothing and kept to the size; returns the text (free() it) and its length
   in *len, or NULL (the sink freed) when it failed. */
char *sink_text(sink *s, int rc, size_t chunk, size_t *len);

/* A writer under test: writes its document through `write` to `user`. */
typedef int (*test_writer)(const void *ctx, govopen_write_fn write, void *user);

/* Makes the write callback fail at every call in turn (and once more than
   needed): GOVOPEN_ESTOPPED at once, nothing called after, a prefix of the whole
   written; then GOVOPEN_OK when it never fails. CUnit assertions. */
void check_fails_at_every_call(test_writer writer, const void *ctx);

typedef struct run {
  govopen_framework *fw;
  govopen_evaluation *ev;
  govopen_result *r;
} run;

void run_free(run *x);

/* Evaluates `obs_path` (under tests/, named `source` in reasons; NULL: no
   observations) against a framework file under tests/ or, with "builtin:",
   a built-in one, at 2023-12-15; `zero`: points not evaluated score 0.
   Returns 0, or -1 when a step failed. */
int run_file(run *x, const char *framework, const char *obs_path, const char *source, int zero);

/* The Langao sample, named as the CLI names it from the top of the tree (as
   in the golden files). */
int run_langao(run *x);
/* The report fixtures: tests/fixtures/report/odd.* (odd names and texts)
   and inject.* (strings a spreadsheet would run as formulas). */
int run_odd(run *x);
int run_inject(run *x);

/* A golden file's text for the result `r`: its placeholders, which keep it
   from depending on the library's version, filled in — @VERSION@ with
   govopen_version_string(), @FINGERPRINT@ with govopen_result_fingerprint(r)
   and @FP16@ with its first 16 hex digits (the reports' footers). The
   fingerprint itself is checked against its definition by
   tests/test_h14_fingerprint.c. Returns malloc'd text (its length in *len,
   may be NULL), or NULL out of memory. */
char *golden_expand(const char *golden, const govopen_result *r, size_t *len);

#endif
