/* govopen diff and govopen convert (public API only): what changed between
 * two frameworks, and a YAML document as the library reads it, as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

static const char *DIFF_USAGE =
    "usage: govopen diff A B [--format text|json] [--lang zh|en] [-o FILE]\n"
    "\n"
    "What changed from framework A (the old one) to framework B (the new one), compared by\n"
    "id: metadata, sampling methods, units, groups, indicators, points (added, removed,\n"
    "reworded, scores, moves, sampling methods, responsibilities, rules), adjustments and\n"
    "grades (docs/diff.md).\n"
    "\n"
    "  A, B                    a built-in framework's id (e.g. langao-2023, or builtin:ID),\n"
    "                          else a framework file, an overlay included (write ./NAME for\n"
    "                          a file named as a built-in is)\n"
    "  --format text|json      one line per change (default), or a JSON document\n"
    "  --lang zh|en            labels of the text in Chinese (default) or English\n"
    "  -o, --output FILE       write to FILE instead of standard output\n" CLI_EXTENDS_OPTIONS "\n"
    "Exit status, as diff(1): 0 no changes, 1 changes, 2 trouble (wrong usage, a framework\n"
    "that does not load, output that could not be written).\n";

static const char *CONVERT_USAGE =
    "usage: govopen convert FILE [--to json] [--compact] [-o FILE]\n"
    "       govopen convert --builtin ID [--to json] [--compact] [-o FILE]\n"
    "\n"
    "A YAML document (a framework, an overlay, observations …) as JSON, read and typed as\n"
    "the library reads it: quoted scalars are strings, plain 1 an integer, 1.5 a number,\n"
    "true/false booleans, ~ null (docs/framework-format.md). For JSON Schema validators\n"
    "(docs/schema/). The document is not checked against the framework format.\n"
    "\n"
    "  --to json               the output format (the only one)\n"
    "  --compact               one line rather than one member per line\n"
    "  --builtin ID            a built-in framework's YAML\n"
    "  -o, --output FILE       write to FILE instead of standard output\n"
    "\n"
    "Exit status: 0 converted, 1 the document could not be read or is not well-formed YAML,\n"
    "2 wrong usage.\n";

/* The value of option argv[*i] (moving *i past it), or NULL after a usage error. */
static const char *value_of(int argc, char **argv, int *i) {
  if (*i + 1 >= argc) {
    cli_usage_error("option '%s' needs a value", argv[*i]);
    return NULL;
  }
  return argv[++*i];
}

/* --- diff -------------------------------------------------------------------------------- */

typedef struct diff_ctx {
  const govopen_framework *a, *b;
  unsigned flags;
  size_t changes;
} diff_ctx;

static int emit_diff(cli_sink *s, void *ctx) {
  diff_ctx *d = ctx;
  int rc = govopen_framework_diff(d->a, d->b, d->flags, cli_sink_write, s, &d->changes);
  if (rc == GOVOPEN_OK && (d->flags & GOVOPEN_DIFF_JSON))
    rc = cli_sink_write(s, "\n", 1) ? GOVOPEN_ESTOPPED : GOVOPEN_OK;
  /* a failed write is the sink's to say (cli_write_output) */
  if (rc != GOVOPEN_OK && rc != GOVOPEN_ESTOPPED) fprintf(stderr, "govopen: %s\n", govopen_status_str(rc));
  return rc != GOVOPEN_OK;
}

/* A or B as an overlay's `extends` names its base: a built-in id (or
   builtin:ID), else a file. */
static govopen_framework *load_side(const char *spec) {
  int code = EXIT_OK;
  if (strncmp(spec, "builtin:", 8) == 0) return cli_load_framework(NULL, spec + 8, &code);
  for (size_t i = 0; i < govopen_builtin_framework_count(); i++)
    if (strcmp(govopen_builtin_framework_id(i), spec) == 0) return cli_load_framework(NULL, spec, &code);
  return cli_load_framework(spec, NULL, &code);
}

int cmd_diff(int argc, char **argv) {
  const char *sides[2] = {NULL, NULL}, *output = NULL;
  int nsides = 0, json = 0;
  unsigned lang = 0;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i], *v = NULL;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(DIFF_USAGE, stdout);
      return EXIT_OK;
    } else if (strcmp(a, "--format") == 0) {
      if ((v = value_of(argc, argv, &i)) == NULL) return EXIT_USAGE;
      if (strcmp(v, "text") != 0 && strcmp(v, "json") != 0)
        return cli_usage_error("unknown format '%s' (expected text or json)", v);
      json = strcmp(v, "json") == 0;
    } else if (strcmp(a, "--lang") == 0) {
      if ((v = value_of(argc, argv, &i)) == NULL) return EXIT_USAGE;
      if (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0) return cli_usage_error("--lang takes zh or en, not '%s'", v);
      lang = strcmp(v, "en") == 0 ? GOVOPEN_REPORT_LANG_EN : 0;
    } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
      if ((output = value_of(argc, argv, &i)) == NULL) return EXIT_USAGE;
    } else if (strcmp(a, "--extends-root") == 0 || strcmp(a, "--extends-any") == 0) {
      int any = strcmp(a, "--extends-any") == 0;
      if (!any && (v = value_of(argc, argv, &i)) == NULL) return EXIT_USAGE;
      int rc = cli_set_extends(v, any);
      if (rc >= 0) return rc;
    } else if (a[0] == '-' && a[1] != '\0') {
      return cli_usage_error("unknown option '%s' for diff", a);
    } else if (nsides < 2) {
      sides[nsides++] = a;
    } else {
      return cli_usage_error("diff compares two frameworks, A and B; got a third, '%s'", a);
    }
  }
  if (nsides != 2) return cli_usage_error("diff needs two frameworks, A and B (files, or builtin:ID)");
  govopen_framework *fa = load_side(sides[0]);
  govopen_framework *fb = fa ? load_side(sides[1]) : NULL;
  int code = EXIT_USAGE; /* trouble, as diff(1) says it */
  if (fa && fb) {
    diff_ctx d = {fa, fb, (json ? GOVOPEN_DIFF_JSON | GOVOPEN_DIFF_PRETTY : 0) | lang, 0};
    if (cli_write_output(output, emit_diff, &d) == 0) code = d.changes ? EXIT_INVALID : EXIT_OK;
  }
  govopen_framework_free(fa);
  govopen_framework_free(fb);
  return code;
}

/* --- convert ----------------------------------------------------------------------------- */

typedef struct convert_ctx {
  const char *json;
  size_t len;
} convert_ctx;

static int emit_json(cli_sink *s, void *ctx) {
  const convert_ctx *c = ctx;
  /* a failed write is the sink's to say (cli_write_output) */
  return cli_sink_write(s, c->json, c->len) != 0 || cli_sink_write(s, "\n", 1) != 0;
}

int cmd_convert(int argc, char **argv) {
  const char *file = NULL, *builtin = NULL, *output = NULL;
  unsigned flags = GOVOPEN_JSON_PRETTY;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i], *v = NULL;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(CONVERT_USAGE, stdout);
      return EXIT_OK;
    } else if (strcmp(a, "--to") == 0) {
      if ((v = value_of(argc, argv, &i)) == NULL) return EXIT_USAGE;
      if (strcmp(v, "json") != 0) return cli_usage_error("convert writes JSON only: --to json, not '%s'", v);
    } else if (strcmp(a, "--compact") == 0) {
      flags = 0;
    } else if (strcmp(a, "--builtin") == 0) {
      if ((builtin = value_of(argc, argv, &i)) == NULL) return EXIT_USAGE;
    } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
      if ((output = value_of(argc, argv, &i)) == NULL) return EXIT_USAGE;
    } else if (a[0] == '-' && a[1] != '\0') {
      return cli_usage_error("unknown option '%s' for convert", a);
    } else if (file == NULL) {
      file = a;
    } else {
      return cli_usage_error("convert takes one FILE; got a second, '%s'", a);
    }
  }
  if ((file == NULL) == (builtin == NULL)) return cli_usage_error("convert needs one FILE or --builtin ID");
  char *json = NULL;
  size_t len = 0;
  govopen_error *err = NULL;
  int rc;
  if (builtin) {
    size_t n = 0;
    const char *data = govopen_builtin_framework_yaml(builtin, &n);
    if (data == NULL) {
      fprintf(stderr, "govopen: no built-in framework '%s'; built-in frameworks:", cli_esc(builtin));
      for (size_t i = 0; i < govopen_builtin_framework_count(); i++)
        fprintf(stderr, " %s", cli_esc(govopen_builtin_framework_id(i)));
      fprintf(stderr, "\n");
      return EXIT_INVALID;
    }
    char name[256];
    snprintf(name, sizeof name, "builtin:%s", builtin);
    rc = govopen_yaml_to_json(data, n, name, NULL, flags, &json, &len, &err);
  } else {
    rc = govopen_yaml_file_to_json(file, NULL, flags, &json, &len, &err);
  }
  if (rc != GOVOPEN_OK) {
    if (err)
      cli_print_diagnostics(err);
    else
      fprintf(stderr, "govopen: %s\n", govopen_status_str(rc));
    govopen_error_free(err);
    return EXIT_INVALID;
  }
  convert_ctx c = {json, len};
  int bad = cli_write_output(output, emit_json, &c);
  govopen_free(json);
  return bad ? EXIT_INVALID : EXIT_OK;
}
