/* govopen report and govopen rectify: reports people read, from an
 * evaluation (public API only). report writes a result's tables as CSV for
 * spreadsheets, a Markdown report, or an HTML page with charts; rectify
 * prints one unit's rectification list (整改清单). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"

enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };
enum { FORMAT_CSV = 1, FORMAT_MD, FORMAT_HTML };

static const char *REPORT_USAGE_HEAD =
    "usage: govopen report --format csv|md|html [--table NAME] --observations FILE [...] [options]\n"
    "\n"
    "  --format csv|md|html    the report's format: CSV tables, one Markdown report, or one\n"
    "                          self-contained HTML page with charts\n"
    "  --table NAME            one table: rankings, scorecards, indicators, rectify, county or\n"
    "                          adjustments (docs/reports.md); without it, every table as\n"
    "                          NAME.csv in the directory --output DIR (made when missing)\n"
    "  --lang zh|en            labels in Chinese (default) or English\n"
    "  --no-bom                no UTF-8 byte order mark (Excel needs one to read UTF-8)\n"
    "  -o, --output FILE       write the table (or the report) to FILE instead of standard\n"
    "                          output\n";
static const char *RECTIFY_USAGE_HEAD =
    "usage: govopen rectify UNIT --observations FILE [...] [options]\n"
    "\n"
    "  UNIT                    the unit: its id, name or alias (see 'govopen units')\n"
    "  --lang zh|en            labels in Chinese (default) or English\n"
    "  -o, --output FILE       write the list to FILE instead of standard output\n";
static const char *USAGE_TAIL =
    "\n"
    "Exit status: 0 when the report was written, every input read to its end and at least one\n"
    "observation accepted (rejected ones reported on stderr); 1 when reading an input stopped\n"
    "early (where is said), when no observation was accepted, when --strict stopped, when the\n"
    "unit is unknown or when the output could not be written; 2 for wrong usage.\n";

typedef struct ropts {
  cli_eval eval;
  int format;       /* the --format given: FORMAT_CSV …; 0: none */
  int table;        /* a govopen_table; 0: every table */
  unsigned flags;   /* GOVOPEN_REPORT_LANG_EN, GOVOPEN_CSV_NO_BOM */
  const char *unit; /* rectify */
} ropts;

/* The options of report (`rectify` 0) or rectify; -1, or the exit status
   (usage errors said, --help printed). */
static int parse(int argc, char **argv, int rectify, ropts *o) {
  const char *command = rectify ? "rectify" : "report";
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    int rc = cli_eval_option(&o->eval, argc, argv, &i);
    if (rc == CLI_TAKEN) continue;
    if (rc != CLI_NOT_MINE) return rc;
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    int valued = strcmp(a, "--lang") == 0 || (!rectify && (strcmp(a, "--format") == 0 || strcmp(a, "--table") == 0));
    if (valued && v == NULL) return cli_usage_error("option '%s' needs a value", a);
    if (valued) i++;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      printf("%s\n%s%s", rectify ? RECTIFY_USAGE_HEAD : REPORT_USAGE_HEAD, CLI_EVAL_OPTIONS, USAGE_TAIL);
      return EXIT_OK;
    } else if (strcmp(a, "--lang") == 0) {
      if (strcmp(v, "en") != 0 && strcmp(v, "zh") != 0) return cli_usage_error("--lang takes zh or en, not '%s'", v);
      if (strcmp(v, "en") == 0) o->flags |= GOVOPEN_REPORT_LANG_EN;
    } else if (!rectify && strcmp(a, "--format") == 0) {
      o->format = strcmp(v, "csv") == 0    ? FORMAT_CSV
                  : strcmp(v, "md") == 0   ? FORMAT_MD
                  : strcmp(v, "html") == 0 ? FORMAT_HTML
                                           : 0;
      if (o->format == 0) return cli_usage_error("unknown format '%s' (expected csv, md or html)", v);
    } else if (!rectify && strcmp(a, "--table") == 0) {
      o->table = 0;
      for (int t = 1; govopen_table_name(t) != NULL && o->table == 0; t++)
        if (strcmp(govopen_table_name(t), v) == 0) o->table = t;
      if (o->table == 0)
        return cli_usage_error(
            "unknown table '%s' (expected rankings, scorecards, indicators, rectify, county or adjustments)", v);
    } else if (!rectify && strcmp(a, "--no-bom") == 0) {
      o->flags |= GOVOPEN_CSV_NO_BOM;
    } else if (rectify && a[0] != '-' && o->unit == NULL) {
      o->unit = a;
    } else {
      return cli_usage_error("unknown argument '%s' for %s", a, command);
    }
  }
  if (rectify && o->unit == NULL) return cli_usage_error("rectify needs a UNIT (its id, name or alias)");
  if (!rectify && o->format == 0) return cli_usage_error("report needs --format csv, md or html");
  if (o->format > FORMAT_CSV && o->table != 0) return cli_usage_error("--table is for --format csv");
  if (o->format > FORMAT_CSV && (o->flags & GOVOPEN_CSV_NO_BOM)) return cli_usage_error("--no-bom is for --format csv");
  if (!rectify && o->format == FORMAT_CSV && o->table == 0 && o->eval.output == NULL)
    return cli_usage_error("report without --table writes every table into a directory: give --output DIR");
  return cli_eval_check(&o->eval, command);
}

/* --- writing ---------------------------------------------------------------------------- */

typedef struct report_output {
  const govopen_result *res;
  int table;
  size_t unit; /* rectify */
  unsigned flags;
} report_output;

/* GOVOPEN_ESTOPPED is the sink's to say (cli_write_output); anything else is said here. */
static int said(int rc) {
  if (rc != GOVOPEN_OK && rc != GOVOPEN_ESTOPPED) fprintf(stderr, "govopen: %s\n", govopen_status_str(rc));
  return rc != GOVOPEN_OK;
}

static int emit_table(cli_sink *s, void *ctx) {
  const report_output *r = ctx;
  return said(govopen_result_write_csv(r->res, r->table, r->flags, cli_sink_write, s));
}

static int emit_rectify(cli_sink *s, void *ctx) {
  const report_output *r = ctx;
  return said(govopen_result_write_rectify(r->res, r->unit, r->flags, cli_sink_write, s));
}

static int emit_markdown(cli_sink *s, void *ctx) {
  const report_output *r = ctx;
  return said(govopen_result_write_markdown(r->res, r->flags, cli_sink_write, s));
}

static int emit_html(cli_sink *s, void *ctx) {
  const report_output *r = ctx;
  return said(govopen_result_write_html(r->res, r->flags, cli_sink_write, s));
}

/* "DIR/NAME.csv" for table `t`, malloc'd (NULL: said). */
static char *table_path(const char *dir, int t) {
  size_t n = strlen(dir) + strlen(govopen_table_name(t)) + 6;
  char *path = malloc(n);
  if (path == NULL)
    fprintf(stderr, "govopen: out of memory\n");
  else
    snprintf(path, n, "%s/%s.csv", dir, govopen_table_name(t));
  return path;
}

enum { NTABLES_MAX = 16 };

/* Every table into the existing directory `dir` (`shown` in messages), all
   or nothing: each into a temporary file beside its target, flushed to the
   disk; only when every one is complete are they renamed into place, so a
   failure while writing (a full disk, an I/O error) leaves every old table
   as it was and no temporary file. */
static int replace_tables(const char *dir, const char *shown, report_output *out) {
  char *tmp[NTABLES_MAX] = {0}, *path[NTABLES_MAX] = {0};
  int n = 0, bad = 0;
  for (int t = 1; govopen_table_name(t) != NULL && n < NTABLES_MAX && !bad; t++, n++) {
    out->table = t;
    char *named = table_path(shown, t);
    if (named == NULL || (path[n] = table_path(dir, t)) == NULL ||
        (tmp[n] = cli_write_temp(path[n], named, emit_table, out)) == NULL)
      bad = 1;
    free(named);
  }
  for (int i = 0; i < n && !bad; i++)
    if (rename(tmp[i], path[i]) != 0) {
      fprintf(stderr, "govopen: cannot write %s/%s.csv: %s\n", cli_esc(shown), govopen_table_name(i + 1),
              strerror(errno));
      bad = 1;
    } else {
      free(tmp[i]);
      tmp[i] = NULL;
    }
  for (int i = 0; i < n; i++) {
    if (tmp[i]) unlink(tmp[i]);
    free(tmp[i]);
    free(path[i]);
  }
  if (!bad) {
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
      (void)fsync(fd);
      close(fd);
    }
  }
  return bad;
}

/* Removes the directory `tmp` made for a new set, with what it holds. */
static void remove_set(const char *tmp) {
  for (int t = 1; govopen_table_name(t) != NULL; t++) {
    char *p = table_path(tmp, t);
    if (p) unlink(p);
    free(p);
  }
  rmdir(tmp);
}

/* Every table as DIR/NAME.csv, all or nothing (docs/reports.md): a new
   directory is made as a hidden sibling "DIR.tmp-XXXXXX", filled, and
   renamed to DIR in one step; an existing one gets its tables through
   replace_tables(). 0, or 1 after saying what went wrong. */
static int write_tables(const char *dir_arg, report_output *out) {
  char *dir = cli_output_target(dir_arg); /* a symbolic link to a directory: the directory */
  if (dir == NULL) return 1;
  size_t n = strlen(dir);
  while (n > 1 && dir[n - 1] == '/') dir[--n] = '\0';
  struct stat st;
  int bad = 1;
  if (stat(dir, &st) == 0) {
    if (!S_ISDIR(st.st_mode))
      fprintf(stderr, "govopen: %s is not a directory (report without --table writes every table into one)\n",
              cli_esc(dir_arg));
    else
      bad = replace_tables(dir, dir_arg, out);
    free(dir);
    return bad;
  }
  if (errno != ENOENT) {
    fprintf(stderr, "govopen: cannot make the directory %s: %s\n", cli_esc(dir_arg), strerror(errno));
    free(dir);
    return 1;
  }
  char *tmp = malloc(n + 16);
  if (tmp == NULL) {
    fprintf(stderr, "govopen: out of memory\n");
    free(dir);
    return 1;
  }
  snprintf(tmp, n + 16, "%s.tmp-XXXXXX", dir);
  if (mkdtemp(tmp) == NULL) {
    fprintf(stderr, "govopen: cannot make the directory %s: %s\n", cli_esc(dir_arg), strerror(errno));
  } else {
    mode_t mask = umask(0);
    umask(mask);
    (void)chmod(tmp, 0777 & ~mask); /* as mkdir(DIR, 0777) would */
    bad = replace_tables(tmp, dir_arg, out);
    if (!bad && rename(tmp, dir) != 0) {
      fprintf(stderr, "govopen: cannot make the directory %s: %s\n", cli_esc(dir_arg), strerror(errno));
      bad = 1;
    }
    if (bad) remove_set(tmp);
    if (!bad) {
      char *slash = strrchr(dir, '/');
      const char *parent = slash == NULL ? "." : slash == dir ? "/" : (*slash = '\0', dir);
      int fd = open(parent, O_RDONLY | O_DIRECTORY);
      if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
      }
    }
  }
  free(tmp);
  free(dir);
  return bad;
}

/* report (`rectify` 0) or rectify. */
static int run(int argc, char **argv, int rectify) {
  ropts o;
  memset(&o, 0, sizeof o);
  int rc = cli_eval_init(&o.eval, argc);
  if (rc < 0) rc = parse(argc, argv, rectify, &o);
  if (rc >= 0) {
    cli_eval_free(&o.eval);
    return rc;
  }
  govopen_framework *fw = cli_load_framework(o.eval.framework, o.eval.builtin, &rc);
  const govopen_unit *unit = NULL;
  govopen_evaluation *ev = NULL;
  /* an unknown unit is said before the observations are read */
  if (fw && rectify && (unit = cli_find_unit(fw, o.unit)) == NULL) rc = EXIT_INVALID;
  if (fw == NULL || rc >= 0 || (rc = cli_eval_open(&o.eval, fw, &ev)) >= 0) {
    govopen_framework_free(fw);
    cli_eval_free(&o.eval);
    return rc;
  }
  govopen_result *res = NULL;
  govopen_error *err = NULL;
  int code = EXIT_INVALID;
  if (govopen_evaluation_run(ev, &res, &err) != GOVOPEN_OK) {
    cli_print_diagnostics(err);
    govopen_error_free(err);
  } else {
    cli_eval_warn_run(&o.eval, ev);
    report_output out = {res, o.table, unit ? govopen_unit_index(unit) : 0, o.flags};
    int bad = rectify                   ? cli_write_output(o.eval.output, emit_rectify, &out)
              : o.format == FORMAT_MD   ? cli_write_output(o.eval.output, emit_markdown, &out)
              : o.format == FORMAT_HTML ? cli_write_output(o.eval.output, emit_html, &out)
              : o.table == 0            ? write_tables(o.eval.output, &out)
                                        : cli_write_output(o.eval.output, emit_table, &out);
    if (!bad) code = EXIT_OK;
  }
  govopen_result_free(res);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
  cli_eval_free(&o.eval);
  return code;
}

int cmd_report(int argc, char **argv) { return run(argc, argv, 0); }

int cmd_rectify(int argc, char **argv) { return run(argc, argv, 1); }
