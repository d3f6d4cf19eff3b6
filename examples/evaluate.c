/* Evaluate observations and print the result as JSON (docs/results.md):
 * what a portal back end serves to its scorecard pages.
 *
 *   cc -std=c11 evaluate.c $(pkg-config --cflags --libs govopen) -o evaluate
 *   ./evaluate OBSERVATIONS AS-OF [FRAMEWORK.yaml]
 *
 * OBSERVATIONS is a .jsonl, .json, .yaml or .csv file (docs/observations.md);
 * AS-OF the evaluation date, YYYY-MM-DD; without FRAMEWORK.yaml the built-in
 * Langao 2023 framework is used. Bad observations are reported on stderr as
 * file:line:column: message and left out; the rest are still evaluated.
 *
 * Exit status: 0 when the evaluation ran (bad observations included),
 * 1 when it could not run, 2 on wrong usage.
 */
#include <stdio.h>

#include <govopen/govopen.h>

/* Prints a whole diagnostic chain as "file:line:column: error: message [path]". */
static void print_errors(const govopen_error *e) {
  for (; e != NULL; e = govopen_error_next(e)) {
    char *text = NULL;
    if (govopen_error_format(e, &text, NULL) == GOVOPEN_OK)
      fprintf(stderr, "%s\n", text);
    else
      fprintf(stderr, "%s\n", govopen_error_message(e));
    govopen_free(text);
  }
}

/* Prints one rejected observation as "file:line:column: message", from the
 * diagnostic's accessors. */
static void print_rejected(const govopen_error *e) {
  fprintf(stderr, "%s:", govopen_error_source(e));
  if (govopen_error_line(e) > 0) fprintf(stderr, "%u:", govopen_error_line(e));
  if (govopen_error_column(e) > 0) fprintf(stderr, "%u:", govopen_error_column(e));
  fprintf(stderr, " %s\n", govopen_error_message(e));
}

int main(int argc, char **argv) {
  if (argc < 3 || argc > 4) {
    fprintf(stderr, "usage: evaluate OBSERVATIONS AS-OF [FRAMEWORK.yaml]\n");
    return 2;
  }
  const char *observations = argv[1], *as_of = argv[2], *framework = argc > 3 ? argv[3] : NULL;

  govopen_framework *fw = NULL;
  govopen_evaluation *ev = NULL;
  govopen_result *result = NULL;
  govopen_error *err = NULL;
  char *json = NULL;
  size_t json_len = 0;
  int exit_code = 1;

  /* 1. The framework: a county's own YAML, or the built-in one. */
  int rc = framework ? govopen_framework_load_file(&fw, framework, NULL, &err)
                     : govopen_framework_load_builtin(&fw, "langao-2023", NULL, &err);
  if (rc != GOVOPEN_OK) goto fail;

  /* 2. An evaluation of it, as of a date. It borrows fw: free it first. */
  if ((rc = govopen_evaluation_new(&ev, fw, &err)) != GOVOPEN_OK) goto fail;
  if ((rc = govopen_evaluation_set_as_of(ev, as_of, &err)) != GOVOPEN_OK) goto fail;

  /* 3. Observations. A bad one (unknown unit, wrong field, malformed line)
   * is recorded and skipped; the call fails only when the file cannot be
   * read at all, and then err says why. */
  rc = govopen_evaluation_add_file(ev, observations, GOVOPEN_FORMAT_AUTO, &err);
  if (rc != GOVOPEN_OK) goto fail;
  for (const govopen_error *e = govopen_evaluation_diagnostics(ev); e != NULL; e = govopen_error_next(e))
    print_rejected(e);
  fprintf(stderr, "%zu observations accepted, %zu rejected\n", govopen_evaluation_observation_count(ev),
          govopen_evaluation_rejected_count(ev));

  /* 4. Run. The result is immutable; it belongs to us (govopen_result_free()). */
  if ((rc = govopen_evaluation_run(ev, &result, &err)) != GOVOPEN_OK) goto fail;

  /* 5. The result as JSON; the text belongs to us until govopen_free(). */
  if ((rc = govopen_result_to_json(result, GOVOPEN_JSON_PRETTY, &json, &json_len)) != GOVOPEN_OK) goto fail;
  fwrite(json, 1, json_len, stdout);
  fputc('\n', stdout);
  exit_code = 0;
  goto done;

fail:
  if (err != NULL)
    print_errors(err);
  else
    fprintf(stderr, "evaluate: %s\n", govopen_status_str(rc));
done:
  govopen_free(json);
  govopen_error_free(err);
  govopen_result_free(result);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
  return exit_code;
}
