/* Which files an overlay's `extends` may read (issue 13, item 6): the string
 * options (govopen_options_set_string / _get_string, GOVOPEN_OPT_EXTENDS_ROOT),
 * GOVOPEN_OPT_EXTENDS_FILES 0, 1 and 2, and every refusal — a named pipe,
 * /dev/stdin, /proc, an absolute path or `..` out of the root, a symbolic
 * link out of it, a directory, a base's own `extends` — each reported at
 * the overlay's `extends` value, quoting nothing of the refused file. A
 * county's folder is built in a temporary directory:
 *
 *   outside.yaml            a framework outside the root (id outside-secret-7)
 *   county/2023/base.yaml   tests/fixtures/overlay/base.yaml
 *   county/2023/escape.yaml extends ../../outside.yaml
 *   county/2023/broken.yaml a base that is allowed but wrong
 *   county/2024/...         the overlays, a FIFO, a directory, symbolic links */
#define _XOPEN_SOURCE 700 /* mkdtemp, mkfifo, symlink */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

static char top[256];         /* the temporary directory */
static char county[300];      /* top/county: the root */
static char path_buf[8][600]; /* a few paths at once */
static unsigned path_next;

/* top/rel, in one of a ring of buffers. */
static const char *at(const char *rel) {
  char *p = path_buf[path_next++ % 8];
  snprintf(p, sizeof path_buf[0], "%s/%s", top, rel);
  return p;
}

static void write_file(const char *rel, const char *text) {
  FILE *f = fopen(at(rel), "w");
  CU_ASSERT_PTR_NOT_NULL_FATAL(f);
  fputs(text, f);
  fclose(f);
}

/* The secret the refused files hold: no diagnostic may show it. */
static const char OUTSIDE[] = "schema: 1\n"
                              "framework: {id: outside-secret-7, title: 外面的秘密, total: 10}\n"
                              "units:\n"
                              "  - {id: s1, name: 秘密镇, kind: town}\n"
                              "indicators:\n"
                              "  - id: \"1\"\n"
                              "    title: 秘密指标\n"
                              "    score: 10\n"
                              "    points:\n"
                              "      - {id: P1, text: 秘密, sampling: [政府网站], responsible: [秘密镇]}\n";

static int setup(void) {
  snprintf(top, sizeof top, "/tmp/govopen-h13-extends-XXXXXX");
  if (mkdtemp(top) == NULL) return -1;
  snprintf(county, sizeof county, "%s/county", top);
  size_t len = 0;
  char *base = test_read_file(test_path("fixtures/overlay/base.yaml"), &len);
  if (base == NULL) return -1;
  int bad = mkdir(at("county"), 0700) || mkdir(at("county/2023"), 0700) || mkdir(at("county/2024"), 0700) ||
            mkdir(at("county/2024/sub"), 0700) || mkfifo(at("county/2024/fifo"), 0600);
  if (!bad) {
    FILE *f = fopen(at("county/2023/base.yaml"), "w");
    bad = f == NULL || fwrite(base, 1, len, f) != len;
    if (f) fclose(f);
  }
  free(base);
  if (bad) return -1;
  FILE *f = fopen(at("outside.yaml"), "w");
  if (f == NULL) return -1;
  fputs(OUTSIDE, f);
  fclose(f);
  char target[600];
  snprintf(target, sizeof target, "%s/outside.yaml", top);
  if (symlink(target, at("county/2024/link.yaml")) != 0) return -1;
  if (symlink("../2023/base.yaml", at("county/2024/alias.yaml")) != 0) return -1;
  if (symlink("county", at("county-link")) != 0) return -1;
  return 0;
}

static int teardown(void) {
  static const char *const files[] = {
      "county/2023/base.yaml", "county/2023/escape.yaml", "county/2023/broken.yaml", "county/2024/fifo",
      "county/2024/link.yaml", "county/2024/alias.yaml",  "county/2024/ov.yaml",     "county-link",
      "outside.yaml",          "county/2024/t.yaml",      "county/2024/notdir"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) unlink(at(files[i]));
  static const char *const dirs[] = {"county/2024/sub", "county/2024", "county/2023", "county", ""};
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) rmdir(at(dirs[i]));
  return 0;
}

/* An overlay county/2024/t.yaml whose `extends` is `spec` (at line 2, column 10). */
static const char *overlay(const char *spec) {
  char text[1024];
  snprintf(text, sizeof text, "schema: 1\nextends: %s\nframework: {id: t-2024}\n", spec);
  write_file("county/2024/t.yaml", text);
  return at("county/2024/t.yaml");
}

static govopen_options *options(int files, const char *root) {
  govopen_options *o = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&o), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_EXTENDS_FILES, files), GOVOPEN_OK);
  if (root) CU_ASSERT_EQUAL(govopen_options_set_string(o, GOVOPEN_OPT_EXTENDS_ROOT, root), GOVOPEN_OK);
  return o;
}

/* Every diagnostic of a chain, formatted, one per line. */
static char *all_text(const govopen_error *err) {
  static char buf[8192];
  buf[0] = '\0';
  for (const govopen_error *e = err; e; e = govopen_error_next(e)) {
    char *t = NULL;
    if (govopen_error_format(e, &t, NULL) == GOVOPEN_OK) {
      strncat(buf, t, sizeof buf - strlen(buf) - 2);
      strcat(buf, "\n");
    }
    govopen_free(t);
  }
  return buf;
}

/* Loading `file` with `opts` fails with exactly one error: `message`, at
   src:line:column with the document path "extends", code ESCHEMA; and the
   diagnostics hold none of `secret` (when given). */
static void refused_at(const char *file, const govopen_options *opts, const char *src, unsigned line, unsigned col,
                       const char *message, const char *secret) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_file(&fw, file, opts, &err), GOVOPEN_ESCHEMA);
  CU_ASSERT_PTR_NULL(fw);
  CU_ASSERT_PTR_NOT_NULL_FATAL(err);
  CU_ASSERT_EQUAL(govopen_error_count(err, GOVOPEN_SEVERITY_ERROR), 1);
  CU_ASSERT_EQUAL(govopen_error_code(err), GOVOPEN_ESCHEMA);
  CU_ASSERT_STRING_EQUAL(govopen_error_source(err), src);
  CU_ASSERT_EQUAL(govopen_error_line(err), line);
  CU_ASSERT_EQUAL(govopen_error_column(err), col);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(err), "extends");
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err), message);
  if (strcmp(govopen_error_message(err), message) != 0) fprintf(stderr, "\n  got: %s", govopen_error_message(err));
  const char *text = all_text(err);
  if (secret) CU_ASSERT_PTR_NULL(strstr(text, secret));
  CU_ASSERT_PTR_NULL(strstr(text, "秘密")); /* nothing of outside.yaml, ever */
  govopen_error_free(err);
  govopen_framework_free(fw);
}

static void refused(const char *spec, const govopen_options *opts, const char *why, const char *secret) {
  const char *file = overlay(spec);
  char message[1024];
  snprintf(message, sizeof message, "cannot read the base '%s': %s", spec, why);
  refused_at(file, opts, file, 2, 10, message, secret);
}

static const char OUT_OF_ROOT[] =
    "it is outside the extends root, the directory bases may be read from (GOVOPEN_OPT_EXTENDS_ROOT; govopen "
    "--extends-root)";

/* Loads `file` with `opts` and returns the framework's id ("" on failure, reported). */
static const char *loads(const char *file, const govopen_options *opts) {
  static char id[64];
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  int rc = govopen_framework_load_file(&fw, file, opts, &err);
  CU_ASSERT_EQUAL(rc, GOVOPEN_OK);
  if (rc != GOVOPEN_OK) fprintf(stderr, "\n  %s", all_text(err));
  snprintf(id, sizeof id, "%s", fw ? govopen_framework_id(fw) : "");
  govopen_error_free(err);
  govopen_framework_free(fw);
  return id;
}

/* --- the options -------------------------------------------------------------------------------- */

static void test_options(void) {
  govopen_options *o = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&o), GOVOPEN_OK);
  const char *s = "junk";
  int64_t v = -1;
  /* defaults: files under the root, the root the loaded file's directory (NULL) */
  CU_ASSERT_EQUAL(govopen_options_get_string(o, GOVOPEN_OPT_EXTENDS_ROOT, &s), GOVOPEN_OK);
  CU_ASSERT_PTR_NULL(s);
  CU_ASSERT_EQUAL(govopen_options_get_int(o, GOVOPEN_OPT_EXTENDS_FILES, &v), GOVOPEN_OK);
  CU_ASSERT_EQUAL(v, 1);
  /* set, read back (a copy, borrowed), reset */
  char value[] = "/srv/county";
  CU_ASSERT_EQUAL(govopen_options_set_string(o, GOVOPEN_OPT_EXTENDS_ROOT, value), GOVOPEN_OK);
  value[1] = 'X';
  CU_ASSERT_EQUAL(govopen_options_get_string(o, GOVOPEN_OPT_EXTENDS_ROOT, &s), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(s, "/srv/county");
  CU_ASSERT_EQUAL(govopen_options_set_string(o, GOVOPEN_OPT_EXTENDS_ROOT, "rel/dir"), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_get_string(o, GOVOPEN_OPT_EXTENDS_ROOT, &s), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(s, "rel/dir");
  CU_ASSERT_EQUAL(govopen_options_set_string(o, GOVOPEN_OPT_EXTENDS_ROOT, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_get_string(o, GOVOPEN_OPT_EXTENDS_ROOT, &s), GOVOPEN_OK);
  CU_ASSERT_PTR_NULL(s);
  /* ranges: an empty root, or one as long as PATH_MAX, is refused and changes nothing */
  char longest[4096];
  memset(longest, 'a', sizeof longest);
  longest[4095] = '\0';
  CU_ASSERT_EQUAL(govopen_options_set_string(o, GOVOPEN_OPT_EXTENDS_ROOT, longest), GOVOPEN_OK); /* 4095 bytes */
  CU_ASSERT_EQUAL(govopen_options_set_string(o, GOVOPEN_OPT_EXTENDS_ROOT, "d"), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_set_string(o, GOVOPEN_OPT_EXTENDS_ROOT, ""), GOVOPEN_EINVALID);
  char too_long[4097];
  memset(too_long, 'a', sizeof too_long);
  too_long[4096] = '\0';
  CU_ASSERT_EQUAL(govopen_options_set_string(o, GOVOPEN_OPT_EXTENDS_ROOT, too_long), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_get_string(o, GOVOPEN_OPT_EXTENDS_ROOT, &s), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(s, "d");
  /* ids: numeric options are not strings, nor the string option a number */
  CU_ASSERT_EQUAL(govopen_options_set_string(o, GOVOPEN_OPT_EXTENDS_FILES, "1"), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_set_string(o, 0, "x"), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_set_string(o, 999, "x"), GOVOPEN_EINVALID);
  s = "junk";
  CU_ASSERT_EQUAL(govopen_options_get_string(o, GOVOPEN_OPT_MAX_SIZE, &s), GOVOPEN_EINVALID);
  CU_ASSERT_PTR_NULL(s);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_EXTENDS_ROOT, 1), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_get_int(o, GOVOPEN_OPT_EXTENDS_ROOT, &v), GOVOPEN_EINVALID);
  /* NULL handles */
  CU_ASSERT_EQUAL(govopen_options_set_string(NULL, GOVOPEN_OPT_EXTENDS_ROOT, "x"), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_get_string(NULL, GOVOPEN_OPT_EXTENDS_ROOT, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_get_string(o, GOVOPEN_OPT_EXTENDS_ROOT, NULL), GOVOPEN_EINVALID);
  /* GOVOPEN_OPT_EXTENDS_FILES: 0, 1, 2 */
  for (int64_t m = 0; m <= 2; m++) {
    CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_EXTENDS_FILES, m), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_options_get_int(o, GOVOPEN_OPT_EXTENDS_FILES, &v), GOVOPEN_OK);
    CU_ASSERT_EQUAL(v, m);
  }
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_EXTENDS_FILES, 3), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_EXTENDS_FILES, -1), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_get_int(o, GOVOPEN_OPT_EXTENDS_FILES, &v), GOVOPEN_OK);
  CU_ASSERT_EQUAL(v, 2);
  govopen_options_free(o); /* frees the root it holds (ASan's leak check) */
  govopen_options_free(NULL);
}

/* --- the documented layout ---------------------------------------------------------------------- */

static void test_layout(void) {
  write_file("county/2024/ov.yaml", "schema: 1\nextends: ../2023/base.yaml\nframework: {id: county-2024}\n");
  const char *ov = at("county/2024/ov.yaml");
  /* by default the root is the overlay's own directory: ../2023 is outside it */
  refused_at(ov, NULL, ov, 2, 10,
             "cannot read the base '../2023/base.yaml': it is outside the extends root, the directory bases may be "
             "read from (GOVOPEN_OPT_EXTENDS_ROOT; govopen --extends-root)",
             NULL);
  /* the county's folder as the root, also through a symbolic link to it */
  govopen_options *o = options(1, county);
  CU_ASSERT_STRING_EQUAL(loads(ov, o), "county-2024");
  govopen_options_set_string(o, GOVOPEN_OPT_EXTENDS_ROOT, at("county-link"));
  CU_ASSERT_STRING_EQUAL(loads(ov, o), "county-2024");
  /* a symbolic link that stays inside the root is followed */
  CU_ASSERT_STRING_EQUAL(loads(overlay("alias.yaml"), o), "t-2024");
  govopen_options_free(o);
  /* or any regular file */
  o = options(2, NULL);
  CU_ASSERT_STRING_EQUAL(loads(ov, o), "county-2024");
  govopen_options_free(o);
}

/* --- refusals, under the root ------------------------------------------------------------------- */

static void test_refused(void) {
  govopen_options *o = options(1, county);
  char abs[700];
  snprintf(abs, sizeof abs, "%s/outside.yaml", top);
  refused("fifo", o, "it is a named pipe, not a regular file", NULL);
  refused("/dev/stdin", o, OUT_OF_ROOT, NULL);
  refused("/proc/self/status", o, OUT_OF_ROOT, "VmRSS");
  refused(abs, o, OUT_OF_ROOT, "outside-secret-7");
  refused("../../outside.yaml", o, OUT_OF_ROOT, "outside-secret-7");
  refused("link.yaml", o, "a symbolic link leads outside the extends root (GOVOPEN_OPT_EXTENDS_ROOT)",
          "outside-secret-7");
  refused("sub", o, "it is a directory, not a regular file", NULL);
  refused("..", o, "it is a directory, not a regular file", NULL); /* the root itself */
  /* outside the root, whether it exists or not: the same answer */
  refused("../../nothing-here.yaml", o, OUT_OF_ROOT, NULL);
  refused("/nonexistent-dir/x.yaml", o, OUT_OF_ROOT, NULL);
  /* inside, missing: said so, with the name looked for */
  char missing[800];
  snprintf(missing, sizeof missing, "no built-in framework has that id, and there is no file %s/county/2024/nope.yaml",
           top);
  refused("nope.yaml", o, missing, NULL);
  /* a base's own extends obeys the same root: reported at the base's extends */
  write_file("county/2023/escape.yaml", "schema: 1\nextends: ../../outside.yaml\n");
  char src[700];
  snprintf(src, sizeof src, "%s/county/2024/../2023/escape.yaml", top);
  refused_at(overlay("../2023/escape.yaml"), o, src, 2, 10,
             "cannot read the base '../../outside.yaml': it is outside the extends root, the directory bases may be "
             "read from (GOVOPEN_OPT_EXTENDS_ROOT; govopen --extends-root)",
             "outside-secret-7");
  /* a root that is not there, or not a directory */
  govopen_options_set_string(o, GOVOPEN_OPT_EXTENDS_ROOT, at("no-such-root"));
  refused("../2023/base.yaml", o,
          "the extends root (GOVOPEN_OPT_EXTENDS_ROOT) cannot be resolved: No such file or directory", NULL);
  govopen_options_set_string(o, GOVOPEN_OPT_EXTENDS_ROOT, at("outside.yaml"));
  refused("../2023/base.yaml", o, "the extends root (GOVOPEN_OPT_EXTENDS_ROOT) is not a directory", NULL);
  govopen_options_free(o);
  /* GOVOPEN_OPT_EXTENDS_FILES 0, and a framework from memory whatever the root */
  o = options(0, county);
  refused("../2023/base.yaml", o,
          "no built-in framework '../2023/base.yaml', and files may not be extended here (a framework read from "
          "memory, or GOVOPEN_OPT_EXTENDS_FILES 0)",
          NULL);
  govopen_options_set_int(o, GOVOPEN_OPT_EXTENDS_FILES, 1);
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  char text[800];
  snprintf(text, sizeof text, "schema: 1\nextends: %s/county/2023/base.yaml\n", top);
  CU_ASSERT_EQUAL(govopen_framework_load_buffer(&fw, text, strlen(text), at("county/2024/x.yaml"), o, &err),
                  GOVOPEN_ESCHEMA);
  CU_ASSERT(err && strstr(govopen_error_message(err), "files may not be extended here") != NULL);
  govopen_error_free(err);
  govopen_options_free(o);
}

/* --- the widened rule --------------------------------------------------------------------------- */

static void test_any(void) {
  govopen_options *o = options(2, county); /* the root is not looked at */
  char abs[700];
  snprintf(abs, sizeof abs, "%s/outside.yaml", top);
  CU_ASSERT_STRING_EQUAL(loads(overlay(abs), o), "t-2024");
  CU_ASSERT_STRING_EQUAL(loads(overlay("../../outside.yaml"), o), "t-2024");
  CU_ASSERT_STRING_EQUAL(loads(overlay("link.yaml"), o), "t-2024");
  /* still only regular files, never blocking */
  refused("fifo", o, "it is a named pipe, not a regular file", NULL);
  refused("/dev/null", o, "it is a character device, not a regular file", NULL);
  refused("/proc/self/status", o, "it is a file of the kernel's (/proc, /sys), not a regular file", "VmRSS");
  refused("/proc/cpuinfo", o, "it is a file of the kernel's (/proc, /sys), not a regular file", "processor");
  refused("sub", o, "it is a directory, not a regular file", NULL);
  char missing[800];
  snprintf(missing, sizeof missing, "no built-in framework has that id, and there is no file %s/county/2024/nope.yaml",
           top);
  refused("nope.yaml", o, missing, NULL);
  govopen_options_free(o);
}

/* --- an allowed base that is wrong: reported as usual, in the base ---------------------------- */

static void test_allowed_but_broken(void) {
  write_file("county/2023/broken.yaml", "schema: 1\nframework: {id: b, title: t, total: 10}\nbogus_key: 1\n"
                                        "units: []\nindicators: []\n");
  govopen_options *o = options(1, county);
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_file(&fw, overlay("../2023/broken.yaml"), o, &err), GOVOPEN_ESCHEMA);
  CU_ASSERT_PTR_NULL(fw);
  char src[700];
  snprintf(src, sizeof src, "%s/county/2024/../2023/broken.yaml", top);
  int found = 0;
  for (const govopen_error *e = err; e; e = govopen_error_next(e))
    if (strcmp(govopen_error_source(e), src) == 0 && govopen_error_line(e) == 3 && govopen_error_column(e) == 1 &&
        strncmp(govopen_error_message(e), "unknown key 'bogus_key'", 23) == 0)
      found = 1;
  CU_ASSERT(found);
  if (!found) fprintf(stderr, "\n  %s", all_text(err));
  govopen_error_free(err);
  govopen_options_free(o);
}

static const test_case cases[] = {{"the string options and GOVOPEN_OPT_EXTENDS_FILES", test_options},
                                  {"the county's folder as the root", test_layout},
                                  {"each refusal, at the overlay's extends", test_refused},
                                  {"GOVOPEN_OPT_EXTENDS_FILES 2: any regular file", test_any},
                                  {"an allowed base with errors is reported as usual", test_allowed_but_broken},
                                  {NULL, NULL}};
GV_TEST_SUITE_FIXTURE(h13_extends, cases, setup, teardown);
