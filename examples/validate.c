/* Check a county's own framework YAML and print every problem found, the way
 * a portal does when a county uploads its indicator system.
 *
 *   cc -std=c11 validate.c $(pkg-config --cflags --libs govopen) -o validate
 *   ./validate [--strict] FILE.yaml
 *
 * Each diagnostic is printed as file:line:column: severity: message [path],
 * then a count. --strict makes warnings errors.
 * Exit status: 0 when the framework loads (warnings allowed), 1 on errors,
 * 2 on wrong usage.
 */
#include <stdio.h>
#include <string.h>

#include <govopen/govopen.h>

int main(int argc, char **argv) {
  int strict = argc == 3 && strcmp(argv[1], "--strict") == 0;
  if (argc != 2 + strict) {
    fprintf(stderr, "usage: validate [--strict] FILE.yaml\n");
    return 2;
  }
  const char *path = argv[1 + strict];

  /* Settings go through an options object with numbered ids, never a struct. */
  govopen_options *opts = NULL;
  if (govopen_options_new(&opts) != GOVOPEN_OK) {
    fprintf(stderr, "validate: out of memory\n");
    return 1;
  }
  if (strict) govopen_options_set_int(opts, GOVOPEN_OPT_STRICT, 1);

  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  int rc = govopen_framework_load_file(&fw, path, opts, &err);
  govopen_options_free(opts); /* the loader keeps no reference to it */

  /* On failure err holds every diagnostic found, errors and warnings, in the
   * order found; on success the warnings stay with the framework. */
  const govopen_error *diags = rc == GOVOPEN_OK ? govopen_framework_warnings(fw) : err;
  for (const govopen_error *e = diags; e != NULL; e = govopen_error_next(e)) {
    char *line = NULL;
    if (govopen_error_format(e, &line, NULL) == GOVOPEN_OK) {
      printf("%s\n", line);
    } else {
      printf("%s: %s\n", path, govopen_error_message(e));
    }
    govopen_free(line);
  }
  size_t errors = govopen_error_count(diags, GOVOPEN_SEVERITY_ERROR);
  size_t warnings = govopen_error_count(diags, GOVOPEN_SEVERITY_WARNING);
  if (rc != GOVOPEN_OK && errors == 0) {
    /* a failure that came without a diagnostic (out of memory) */
    printf("%s: %s\n", path, govopen_status_str(rc));
    errors = 1;
  }
  printf("%s: %zu error%s, %zu warning%s\n", path, errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");

  govopen_error_free(err);
  govopen_framework_free(fw);
  return rc == GOVOPEN_OK ? 0 : 1;
}
