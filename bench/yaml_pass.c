/*
 * yaml_pass — libyaml's bare event pass over a file, the floor for loading a
 * framework: open the file, parse events until STREAM-END, delete each one.
 * No tree, no validation, no model.
 *
 * Usage: yaml_pass FILE.yaml [N]      (N passes, default 200)
 *
 * Prints the events of one pass and the mean time per pass.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

#include "bench_clock.h"

/* One pass: the number of events, or -1 on a read or parse error. */
static long one_pass(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    fclose(f);
    return -1;
  }
  yaml_parser_set_input_file(&parser, f);
  long events = 0;
  for (;;) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      fprintf(stderr, "yaml_pass: %s: %s at line %zu\n", path, parser.problem ? parser.problem : "error",
              parser.problem_mark.line + 1);
      events = -1;
      break;
    }
    int done = ev.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&ev);
    events++;
    if (done) break;
  }
  yaml_parser_delete(&parser);
  fclose(f);
  return events;
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: yaml_pass FILE.yaml [N]\n");
    return 2;
  }
  int n = argc == 3 ? atoi(argv[2]) : 200;
  if (n < 1) n = 1;
  long events = one_pass(argv[1]); /* warm the page cache, count the events */
  if (events < 0) {
    perror(argv[1]);
    return 1;
  }
  double t0 = bench_now();
  for (int i = 0; i < n; i++)
    if (one_pass(argv[1]) != events) return 1;
  double mean = (bench_now() - t0) / n;
  printf("events %ld\npasses %d\nmean_ms %.4f\n", events, n, mean * 1e3);
  return 0;
}
