/*
 * load_framework — loads a framework file N times through the public API
 * (govopen_framework_load_file: read, YAML, validation, rule compilation, the
 * model) and frees it, and prints the mean time per load. bench/run.py sets
 * it against yaml_pass on the same file.
 *
 * Usage: load_framework FILE.yaml [N]      (N loads, default 200)
 */
#define _POSIX_C_SOURCE 200809L

#include <govopen/govopen.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench_clock.h"

/* One load and free; 0 on success, the diagnostics printed otherwise. */
static int one_load(const char *path, size_t *points, size_t *units) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  int st = govopen_framework_load_file(&fw, path, NULL, &err);
  if (st != GOVOPEN_OK) {
    char *msg = NULL;
    if (err && govopen_error_format(err, &msg, NULL) == GOVOPEN_OK)
      fprintf(stderr, "%s", msg);
    else
      fprintf(stderr, "load_framework: %s: %s\n", path, govopen_status_str(st));
    govopen_free(msg);
    govopen_error_free(err);
    return 1;
  }
  *points = govopen_framework_point_count(fw);
  *units = govopen_framework_unit_count(fw);
  govopen_framework_free(fw);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: load_framework FILE.yaml [N]\n");
    return 2;
  }
  int n = argc == 3 ? atoi(argv[2]) : 200;
  if (n < 1) n = 1;
  size_t points = 0, units = 0;
  if (one_load(argv[1], &points, &units)) return 1; /* warm-up, and the check that it loads */
  double t0 = bench_now();
  for (int i = 0; i < n; i++)
    if (one_load(argv[1], &points, &units)) return 1;
  double mean = (bench_now() - t0) / n;
  printf("points %zu\nunits %zu\nloads %d\nmean_ms %.4f\n", points, units, n, mean * 1e3);
  return 0;
}
