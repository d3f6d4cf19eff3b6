/* govopen: the command-line tool. It uses only the public API of libgovopen.
 *
 * Exit status: 0 success (warnings included), 1 invalid input, 2 wrong usage. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <govopen/govopen.h>

#include "commands.h"

enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };
enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV };

static const char *USAGE =
    "usage: govopen <command> [options]\n"
    "\n"
    "Commands:\n"
    "  validate FILE...           check framework files (overlays with 'extends' included);\n"
    "                             errors as file:line:column: message [path]\n"
    "      --strict               treat warnings as errors\n"
    "  show                       the framework: metadata, indicator tree, points, adjustments\n"
    "  units                      the units and groups, with how many points each unit owns\n"
    "  duties UNIT                every point UNIT (id, name or alias) is responsible for\n"
    "  plan --method METHOD       every unit x point pair sampled by METHOD (e.g. 模拟用户)\n"
    "      --format csv [-o FILE] [--no-bom] [--lang zh|en]\n"
    "                             the evaluators' worksheet: a row per pair, a column per\n"
    "                             field its rule reads; fill it in, save it as CSV (UTF-8)\n"
    "                             and evaluate it: --observations sheet.csv\n"
    "                             (--method all: every point of the framework)\n"
    "  evaluate --observations FILE --as-of DATE\n"
    "                             score the observations: each unit's scorecard, rankings,\n"
    "                             the county's total, every point lost with its evidence\n"
    "                             (see 'govopen evaluate --help')\n"
    "  report --format csv|md|html --observations FILE --as-of DATE\n"
    "                             reports: tables for spreadsheets (rankings, scorecards,\n"
    "                             indicators, rectify, county, adjustments), a Markdown\n"
    "                             report, or an HTML page with charts (see 'govopen report\n"
    "                             --help')\n"
    "  rectify UNIT --observations FILE --as-of DATE\n"
    "                             one unit's rectification list (整改清单): every point lost,\n"
    "                             most points first, with reasons and evidence\n"
    "  diff A B                   what changed from framework A to B (files, or builtin:ID):\n"
    "                             points added, removed or reworded, scores, rules, sampling,\n"
    "                             responsibilities; exit 0 same, 1 different, 2 trouble\n"
    "                             (see 'govopen diff --help')\n"
    "  convert FILE --to json     a YAML document as the library types it, as JSON, e.g. for\n"
    "                             docs/schema/framework.schema.json (see 'govopen convert --help')\n"
    "  calendar SUBCOMMAND ...    working days: is-workday, add-workdays, workdays, days\n"
    "                             (see 'govopen calendar help')\n"
    "  help                       this text\n"
    "\n"
    "Options for show, units, duties and plan:\n"
    "  --framework FILE           read the framework from FILE\n"
    "  --builtin ID               use a built-in framework (default: langao-2023)\n"
    "  --format text|json         output format (default: text)\n"
    "\n";
/* the second half (C99 compilers need only take strings of 4095 bytes) */
static const char *USAGE_MORE =
    "Options for every command that reads a framework file (validate, show, units, duties,\n"
    "plan, evaluate, report, rectify, diff): the files an overlay's 'extends' may name\n"
    "(built-in frameworks always; docs/security.md)\n"
    "  --extends-root DIR         only regular files under DIR, the bases' own 'extends'\n"
    "                             included (default: the current directory: run from the\n"
    "                             county's folder, or give it, for extends: ../2023/….yaml)\n"
    "  --extends-any              any regular file (never a device, a pipe, a directory\n"
    "                             or a file of /proc or /sys)\n"
    "\n"
    "  --version                  print the library and tool version\n"
    "\n"
    "Output: text from the inputs (names, titles, reasons, and every message on stderr)\n"
    "is printed with control and bidirectional characters as visible escapes (\\x1b,\n"
    "\\u202e). -o/--output FILE (plan, evaluate, report, rectify, diff, convert) is\n"
    "written through a temporary file, flushed and renamed into place, so a failed write\n"
    "leaves the old file; a symbolic link is followed (the file it names is replaced, the\n"
    "link stays); a link to nothing is refused. report --format csv -o DIR writes every\n"
    "table or, on failure, leaves the old ones.\n"
    "\n"
    "Exit status: 0 success (warnings included), 1 invalid input, 2 wrong usage.\n"
    "evaluate, report and rectify: 0 when every observation input was read to its end and at\n"
    "least one observation was accepted (rejected ones are reported); 1 when reading an input\n"
    "stopped early (the diagnostic says where, and that the rest was not read), when no\n"
    "observation was accepted, or when --strict stopped; 2 for wrong usage.\n";

typedef struct args {
  const char *framework_file;
  const char *builtin;
  const char *method;
  const char *output; /* plan --format csv: --output FILE or -o FILE */
  int format;
  int strict;
  int no_bom, en;
  const char **positional;
  int npositional;
} args;

CLI_PRINTF(1, 2)
int cli_usage_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("govopen: ", stderr);
  cli_vputs_escaped(stderr, fmt, ap);
  fprintf(stderr, "\nTry 'govopen help'.\n");
  va_end(ap);
  return EXIT_USAGE;
}

/* --- scores as text ------------------------------------------------------------ */

/* The last few scores written: each cli_score() result lives until
   CLI_SCORE_SLOTS more calls, so that one printf can take several. */
enum { CLI_SCORE_SLOTS = 16 };
static char score_slots[CLI_SCORE_SLOTS][GOVOPEN_SCORE_SIZE + 1];
static unsigned score_next;

/* `v` by govopen_score_format() with `flags`, after a '+' when `sign` and
   not negative; "nan" for what it refuses (NaN: a NULL result's). */
static const char *score_text(double v, unsigned flags, int sign) {
  char *s = score_slots[score_next];
  score_next = (score_next + 1) % CLI_SCORE_SLOTS;
  if (govopen_score_format(v, flags, s + 1, GOVOPEN_SCORE_SIZE) == (size_t)-1) return strcpy(s, "nan");
  if (!sign || s[1] == '-') return s + 1;
  s[0] = '+';
  return s;
}

const char *cli_score(double v) { return score_text(v, GOVOPEN_SCORE_TWO_DECIMALS, 0); }
const char *cli_score_signed(double v) { return score_text(v, GOVOPEN_SCORE_TWO_DECIMALS, 1); }

/* --- text from the input, escaped for the terminal --------------------------- */

/* The last few escaped texts: each cli_esc() result lives until CLI_ESC_SLOTS
   more calls, so that one printf can take several. */
enum { CLI_ESC_SLOTS = 16 };
static char *esc_slots[CLI_ESC_SLOTS];
static unsigned esc_next;

const char *cli_esc(const char *s) {
  if (s == NULL) return "";
  char *e = NULL;
  if (govopen_text_escape(s, strlen(s), 0, &e, NULL) != GOVOPEN_OK) return "(out of memory)";
  govopen_free(esc_slots[esc_next]);
  esc_slots[esc_next] = e;
  esc_next = (esc_next + 1) % CLI_ESC_SLOTS;
  return e;
}

void cli_puts_escaped_n(FILE *out, const char *s, size_t len) {
  char *e = NULL;
  size_t n = 0;
  if (govopen_text_escape(s, len, 0, &e, &n) == GOVOPEN_OK)
    fwrite(e, 1, n, out);
  else
    fputs("(out of memory)", out);
  govopen_free(e);
}

void cli_puts_escaped(FILE *out, const char *s) {
  if (s) cli_puts_escaped_n(out, s, strlen(s));
}

void cli_vputs_escaped(FILE *out, const char *fmt, va_list ap) {
  va_list aq;
  va_copy(aq, ap);
  int n = vsnprintf(NULL, 0, fmt, aq);
  va_end(aq);
  char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;
  if (text == NULL) {
    fputs("(out of memory)", out);
    return;
  }
  vsnprintf(text, (size_t)n + 1, fmt, ap);
  cli_puts_escaped(out, text);
  free(text);
}

void cli_printf_escaped(FILE *out, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  cli_vputs_escaped(out, fmt, ap);
  va_end(ap);
}

/* Parses options common to every command; `allowed` lists the ones this command takes. */
static int parse_args(int argc, char **argv, const char *allowed, args *a) {
  int r;
  memset(a, 0, sizeof *a);
  a->positional = calloc((size_t)argc + 1, sizeof(char *));
  if (a->positional == NULL) {
    fprintf(stderr, "govopen: out of memory\n");
    return EXIT_INVALID;
  }
  for (int i = 0; i < argc; i++) {
    const char *s = argv[i];
    const char *value = NULL;
    const char *name = NULL;
    if (strcmp(s, "-o") == 0) s = "--output";
    if (strncmp(s, "--", 2) != 0 || strcmp(s, "--") == 0) {
      if (strcmp(s, "--") == 0) {
        while (++i < argc) a->positional[a->npositional++] = argv[i];
        break;
      }
      a->positional[a->npositional++] = s;
      continue;
    }
    name = s + 2;
    const char *eq = strchr(name, '=');
    char opt[32];
    size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
    if (nlen >= sizeof opt) return cli_usage_error("unknown option '%s'", s);
    memcpy(opt, name, nlen);
    opt[nlen] = '\0';
    char pattern[40];
    snprintf(pattern, sizeof pattern, " %s ", opt);
    if (strstr(allowed, pattern) == NULL) return cli_usage_error("unknown option '%s' for this command", s);
    if (strcmp(opt, "strict") == 0 || strcmp(opt, "no-bom") == 0 || strcmp(opt, "extends-any") == 0) {
      if (eq) return cli_usage_error("option '--%s' takes no value", opt);
      if (opt[0] == 's')
        a->strict = 1;
      else if (opt[0] == 'n')
        a->no_bom = 1;
      else if ((r = cli_set_extends(NULL, 1)) >= 0)
        return r;
      continue;
    }
    if (eq) {
      value = eq + 1;
    } else {
      if (i + 1 >= argc) return cli_usage_error("option '--%s' needs a value", opt);
      value = argv[++i];
    }
    if (strcmp(opt, "framework") == 0) {
      a->framework_file = value;
    } else if (strcmp(opt, "builtin") == 0) {
      a->builtin = value;
    } else if (strcmp(opt, "method") == 0) {
      a->method = value;
    } else if (strcmp(opt, "format") == 0) {
      if (strcmp(value, "text") == 0)
        a->format = FORMAT_TEXT;
      else if (strcmp(value, "json") == 0)
        a->format = FORMAT_JSON;
      else if (strcmp(value, "csv") == 0 && strstr(allowed, " no-bom ") != NULL)
        a->format = FORMAT_CSV;
      else
        return cli_usage_error("unknown format '%s' (expected text or json%s)", value,
                               strstr(allowed, " no-bom ") ? ", or csv" : "");
    } else if (strcmp(opt, "output") == 0) {
      a->output = value;
    } else if (strcmp(opt, "extends-root") == 0) {
      if ((r = cli_set_extends(value, 0)) >= 0) return r;
    } else if (strcmp(opt, "lang") == 0) {
      if (strcmp(value, "en") != 0 && strcmp(value, "zh") != 0)
        return cli_usage_error("--lang takes zh or en, not '%s'", value);
      a->en = strcmp(value, "en") == 0;
    }
  }
  if (a->framework_file && a->builtin) return cli_usage_error("give --framework or --builtin, not both");
  return -1;
}

void cli_print_diagnostics(const govopen_error *e) {
  for (; e; e = govopen_error_next(e)) {
    char *text = NULL;
    /* the message quotes the input (names, keys, values): escaped */
    if (govopen_error_format(e, &text, NULL) == GOVOPEN_OK) {
      fprintf(stderr, "%s\n", cli_esc(text));
      govopen_free(text);
    } else {
      fprintf(stderr, "%s\n", cli_esc(govopen_error_message(e)));
    }
  }
}

/* Which files an overlay may extend: set while parsing, read when loading. */
static struct {
  const char *root;
  int any;
} extends_rule;

int cli_set_extends(const char *root, int any) {
  if (root) extends_rule.root = root;
  if (any) extends_rule.any = 1;
  if (extends_rule.root && extends_rule.any) return cli_usage_error("give --extends-root or --extends-any, not both");
  if (root && root[0] == '\0') return cli_usage_error("--extends-root needs a directory");
  return -1;
}

int cli_apply_extends(govopen_options *opts) {
  if (extends_rule.any) return govopen_options_set_int(opts, GOVOPEN_OPT_EXTENDS_FILES, 2);
  return govopen_options_set_string(opts, GOVOPEN_OPT_EXTENDS_ROOT, extends_rule.root ? extends_rule.root : ".");
}

govopen_framework *cli_load_framework(const char *file, const char *builtin, int *exit_code) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  govopen_options *opts = NULL;
  int r = govopen_options_new(&opts);
  if (r == GOVOPEN_OK) r = cli_apply_extends(opts);
  if (r != GOVOPEN_OK) {
    govopen_options_free(opts);
    fprintf(stderr, "govopen: %s\n", govopen_status_str(r));
    *exit_code = EXIT_INVALID;
    return NULL;
  }
  if (file)
    r = govopen_framework_load_file(&fw, file, opts, &err);
  else
    r = govopen_framework_load_builtin(&fw, builtin ? builtin : "langao-2023", opts, &err);
  govopen_options_free(opts);
  if (r != GOVOPEN_OK) {
    cli_print_diagnostics(err);
    govopen_error_free(err);
    if (r == GOVOPEN_ENOTFOUND && !file) {
      fprintf(stderr, "govopen: built-in frameworks:");
      for (size_t i = 0; i < govopen_builtin_framework_count(); i++)
        fprintf(stderr, " %s", cli_esc(govopen_builtin_framework_id(i)));
      fprintf(stderr, "\n");
    }
    *exit_code = EXIT_INVALID;
    return NULL;
  }
  return fw;
}

static govopen_framework *load_framework(const args *a, int *exit_code) {
  return cli_load_framework(a->framework_file, a->builtin, exit_code);
}

/* --- JSON text for the query commands -------------------------------------- */

/* A JSON string. Beside JSON's own escapes, DEL, the C1 controls, U+2028/9
   and the bidirectional formatting characters are written as \uHHHH (the
   same value to a JSON reader), so the text is safe on a terminal too: a run
   of non-ASCII text goes through govopen_text_escape(), whose escape for
   those characters is JSON's (frameworks are well-formed UTF-8, so its \xHH
   for ill-formed bytes never comes out here). */
static void json_str(FILE *out, const char *s) {
  fputc('"', out);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p >= 0x80) {
      const unsigned char *run = p;
      while (p[1] >= 0x80) p++;
      cli_puts_escaped_n(out, (const char *)run, (size_t)(p - run) + 1);
      continue;
    }
    switch (*p) {
      case '"': fputs("\\\"", out); break;
      case '\\': fputs("\\\\", out); break;
      case '\n': fputs("\\n", out); break;
      case '\r': fputs("\\r", out); break;
      case '\t': fputs("\\t", out); break;
      default:
        if (*p < 0x20 || *p == 0x7f)
          fprintf(out, "\\u%04x", *p);
        else
          fputc(*p, out);
    }
  }
  fputc('"', out);
}

/* Scores are hundredths: print them as the library's JSON does. */
static void json_score(FILE *out, double score) { fputs(score_text(score, 0, 0), out); }

/* The indicator path of a point: titles from level 1 down, joined by " > ". */
static void print_path(FILE *out, const govopen_point *p, int json) {
  const govopen_node *chain[256];
  size_t n = 0;
  for (const govopen_node *nd = govopen_point_node(p); nd && govopen_node_parent(nd) && n < 256;
       nd = govopen_node_parent(nd))
    chain[n++] = nd;
  if (json) fputc('[', out);
  for (size_t i = n; i-- > 0;) {
    if (json) {
      fputs("{\"id\":", out);
      json_str(out, govopen_node_id(chain[i]));
      fputs(",\"title\":", out);
      json_str(out, govopen_node_title(chain[i]));
      fputc('}', out);
      if (i) fputc(',', out);
    } else {
      fprintf(out, "%s%s%s", cli_esc(govopen_node_label(chain[i])), cli_esc(govopen_node_title(chain[i])),
              i ? " > " : "");
    }
  }
  if (json) fputc(']', out);
}

/* The point's entries through which `u` is responsible ("县人社局", "各镇"). */
static void print_via(FILE *out, const govopen_point *p, const govopen_unit *u, int json) {
  int first = 1;
  if (json) fputc('[', out);
  for (size_t i = 0; i < govopen_point_responsible_count(p); i++) {
    const govopen_unit *eu = govopen_point_responsible_unit(p, i);
    const govopen_group *g = govopen_point_responsible_group(p, i);
    int hit = eu == u;
    for (size_t k = 0; g && !hit && k < govopen_group_member_count(g); k++) hit = govopen_group_member(g, k) == u;
    if (!hit) continue;
    if (!first) fputs(json ? "," : "、", out);
    if (json)
      json_str(out, govopen_point_responsible(p, i));
    else
      cli_puts_escaped(out, govopen_point_responsible(p, i));
    first = 0;
  }
  if (json) fputc(']', out);
}

static void print_joined(FILE *out, const govopen_point *p, size_t (*count)(const govopen_point *),
                         const char *(*at)(const govopen_point *, size_t), const char *sep) {
  for (size_t i = 0; i < count(p); i++) fprintf(out, "%s%s", i ? sep : "", cli_esc(at(p, i)));
}

/* --- commands ---------------------------------------------------------------- */

static int cmd_validate(int argc, char **argv) {
  args a;
  int r = parse_args(argc, argv, " strict builtin extends-root extends-any ", &a);
  if (r >= 0) return free(a.positional), r;
  if (a.npositional == 0 && !a.builtin) {
    free(a.positional);
    return cli_usage_error("validate needs at least one FILE (or --builtin ID)");
  }
  govopen_options *opts = NULL;
  if (govopen_options_new(&opts) != GOVOPEN_OK) {
    free(a.positional);
    fprintf(stderr, "govopen: out of memory\n");
    return EXIT_INVALID;
  }
  govopen_options_set_int(opts, GOVOPEN_OPT_STRICT, a.strict);
  if ((r = cli_apply_extends(opts)) != GOVOPEN_OK) {
    govopen_options_free(opts);
    free(a.positional);
    fprintf(stderr, "govopen: %s\n", govopen_status_str(r));
    return EXIT_INVALID;
  }
  int status = EXIT_OK;
  int total = a.npositional + (a.builtin ? 1 : 0);
  for (int i = 0; i < total; i++) {
    const char *name = i < a.npositional ? a.positional[i] : a.builtin;
    govopen_framework *fw = NULL;
    govopen_error *err = NULL;
    int rc = i < a.npositional ? govopen_framework_load_file(&fw, name, opts, &err)
                               : govopen_framework_load_builtin(&fw, name, opts, &err);
    if (rc != GOVOPEN_OK) {
      cli_print_diagnostics(err);
      fprintf(stderr, "%s: invalid (%zu error%s)\n", cli_esc(name), govopen_error_count(err, GOVOPEN_SEVERITY_ERROR),
              govopen_error_count(err, GOVOPEN_SEVERITY_ERROR) == 1 ? "" : "s");
      govopen_error_free(err);
      status = EXIT_INVALID;
      continue;
    }
    const govopen_error *w = govopen_framework_warnings(fw);
    cli_print_diagnostics(w);
    size_t nw = govopen_error_count(w, GOVOPEN_SEVERITY_WARNING);
    printf("%s: ok: %s, %zu indicators, %zu points, %zu units, %zu groups", cli_esc(name),
           cli_esc(govopen_framework_id(fw)), govopen_framework_node_count(fw), govopen_framework_point_count(fw),
           govopen_framework_unit_count(fw), govopen_framework_group_count(fw));
    if (nw) printf(", %zu warning%s", nw, nw == 1 ? "" : "s");
    printf("\n");
    govopen_framework_free(fw);
  }
  govopen_options_free(opts);
  free(a.positional);
  return status;
}

/* One indicator and its points; a walk callback (pre-order: the tree's
   order, with no recursion on its depth). */
static int show_node_text(const govopen_node *n, void *payload) {
  (void)payload;
  unsigned depth = govopen_node_depth(n);
  for (unsigned i = 1; i < depth; i++) fputs("  ", stdout);
  printf("[%s] %s%s  %s%s\n", cli_esc(govopen_node_id(n)), cli_esc(govopen_node_label(n)),
         cli_esc(govopen_node_title(n)), cli_score(govopen_node_score(n)), govopen_node_score_derived(n) ? "*" : "");
  for (size_t i = 0; i < govopen_node_point_count(n); i++) {
    const govopen_point *p = govopen_node_point(n, i);
    for (unsigned k = 0; k < depth; k++) fputs("  ", stdout);
    printf("%s  %s%s  %s\n", cli_esc(govopen_point_id(p)), cli_score(govopen_point_score(p)),
           govopen_point_score_derived(p) ? "*" : "", cli_esc(govopen_point_text(p)));
    for (unsigned k = 0; k < depth; k++) fputs("  ", stdout);
    fputs("    sampling: ", stdout);
    print_joined(stdout, p, govopen_point_sampling_count, govopen_point_sampling, "、");
    fputs("\n", stdout);
    for (unsigned k = 0; k < depth; k++) fputs("  ", stdout);
    fputs("    responsible: ", stdout);
    print_joined(stdout, p, govopen_point_responsible_count, govopen_point_responsible, "、");
    printf("  (%zu unit%s%s)\n", govopen_point_unit_count(p), govopen_point_unit_count(p) == 1 ? "" : "s",
           govopen_point_has_open_group(p) ? " listed, plus the open group's members" : "");
    for (size_t s = 0; s < govopen_point_provenance_count(p); s++) {
      for (unsigned k = 0; k < depth; k++) fputs("  ", stdout);
      printf("    source: %s\n", cli_esc(govopen_point_provenance(p, s)));
    }
  }
  return 0;
}

static int cmd_show(int argc, char **argv) {
  args a;
  int r = parse_args(argc, argv, " framework builtin format extends-root extends-any ", &a);
  if (r >= 0) return free(a.positional), r;
  if (a.npositional) {
    free(a.positional);
    return cli_usage_error("show takes no arguments, got '%s'", argv[0]);
  }
  int code = EXIT_OK;
  govopen_framework *fw = load_framework(&a, &code);
  free(a.positional);
  if (fw == NULL) return code;
  if (a.format == FORMAT_JSON) {
    char *json = NULL;
    size_t len = 0;
    if (govopen_framework_to_json(fw, GOVOPEN_JSON_PRETTY, &json, &len) != GOVOPEN_OK) {
      fprintf(stderr, "govopen: out of memory\n");
      govopen_framework_free(fw);
      return EXIT_INVALID;
    }
    cli_sink sink = {stdout, 0, isatty(fileno(stdout))}; /* escaped on a terminal */
    cli_sink_write(&sink, json, len);
    fputc('\n', stdout);
    govopen_free(json);
    govopen_framework_free(fw);
    return EXIT_OK;
  }
  printf("%s (%s)\n", cli_esc(govopen_framework_title(fw)), cli_esc(govopen_framework_id(fw)));
  if (govopen_framework_region(fw)[0]) printf("region: %s\n", cli_esc(govopen_framework_region(fw)));
  if (govopen_framework_year(fw)) printf("year: %d\n", govopen_framework_year(fw));
  printf("total: %s   calendar: %s   indicators: %zu   points: %zu   units: %zu   groups: %zu\n\n",
         cli_score(govopen_framework_total(fw)), cli_esc(govopen_framework_calendar(fw)),
         govopen_framework_node_count(fw), govopen_framework_point_count(fw), govopen_framework_unit_count(fw),
         govopen_framework_group_count(fw));
  govopen_framework_walk(fw, show_node_text, NULL);
  printf("\n* maximum derived by equal split among siblings (the source gives none)\n");
  if (govopen_framework_adjustment_count(fw)) {
    printf("\nadjustments to the total:\n");
    for (size_t i = 0; i < govopen_framework_adjustment_count(fw); i++)
      printf("  %s  %s  (%s)\n", cli_score_signed(govopen_framework_adjustment_delta(fw, i)),
             cli_esc(govopen_framework_adjustment_text(fw, i)), cli_esc(govopen_framework_adjustment_id(fw, i)));
  }
  if (govopen_framework_grade_count(fw)) {
    printf("\ngrades:\n");
    for (size_t i = 0; i < govopen_framework_grade_count(fw); i++)
      printf("  %s  from %s\n", cli_esc(govopen_framework_grade_name(fw, i)),
             cli_score(govopen_framework_grade_min(fw, i)));
  }
  govopen_framework_free(fw);
  return EXIT_OK;
}

static int cmd_units(int argc, char **argv) {
  args a;
  int r = parse_args(argc, argv, " framework builtin format extends-root extends-any ", &a);
  if (r >= 0) return free(a.positional), r;
  if (a.npositional) {
    free(a.positional);
    return cli_usage_error("units takes no arguments, got '%s'", argv[0]);
  }
  int code = EXIT_OK;
  govopen_framework *fw = load_framework(&a, &code);
  free(a.positional);
  if (fw == NULL) return code;
  int json = a.format == FORMAT_JSON;
  if (json) fputs("{\"units\":[", stdout);
  for (size_t i = 0; i < govopen_framework_unit_count(fw); i++) {
    const govopen_unit *u = govopen_framework_unit(fw, i);
    if (json) {
      fputs(i ? ",{\"id\":" : "{\"id\":", stdout);
      json_str(stdout, govopen_unit_id(u));
      fputs(",\"name\":", stdout);
      json_str(stdout, govopen_unit_name(u));
      fputs(",\"kind\":", stdout);
      json_str(stdout, govopen_unit_kind_name(govopen_unit_kind(u)));
      fputs(",\"aliases\":[", stdout);
      for (size_t k = 0; k < govopen_unit_alias_count(u); k++) {
        if (k) fputc(',', stdout);
        json_str(stdout, govopen_unit_alias(u, k));
      }
      printf("],\"points\":%zu}", govopen_unit_point_count(u));
    } else {
      printf("%-14s %-12s %3zu  %s", cli_esc(govopen_unit_id(u)), govopen_unit_kind_name(govopen_unit_kind(u)),
             govopen_unit_point_count(u), cli_esc(govopen_unit_name(u)));
      for (size_t k = 0; k < govopen_unit_alias_count(u); k++)
        printf("%s%s", k ? "、" : "  (", cli_esc(govopen_unit_alias(u, k)));
      printf("%s\n", govopen_unit_alias_count(u) ? ")" : "");
    }
  }
  if (json) {
    fputs("],\"groups\":[", stdout);
  } else {
    printf("\n%zu units (id, kind, points owned, name). Groups:\n", govopen_framework_unit_count(fw));
  }
  for (size_t i = 0; i < govopen_framework_group_count(fw); i++) {
    const govopen_group *g = govopen_framework_group(fw, i);
    if (json) {
      fputs(i ? ",{\"id\":" : "{\"id\":", stdout);
      json_str(stdout, govopen_group_id(g));
      fputs(",\"name\":", stdout);
      json_str(stdout, govopen_group_name(g));
      printf(",\"open\":%s,\"members\":[", govopen_group_is_open(g) ? "true" : "false");
      for (size_t k = 0; k < govopen_group_member_count(g); k++) {
        if (k) fputc(',', stdout);
        json_str(stdout, govopen_unit_id(govopen_group_member(g, k)));
      }
      fputs("]}", stdout);
    } else {
      printf("%-16s %s: %zu member%s%s", cli_esc(govopen_group_id(g)), cli_esc(govopen_group_name(g)),
             govopen_group_member_count(g), govopen_group_member_count(g) == 1 ? "" : "s",
             govopen_group_is_open(g) ? " listed (open: the county sets the members)" : "");
      for (size_t k = 0; k < govopen_group_member_count(g); k++)
        printf("%s%s", k ? "、" : ": ", cli_esc(govopen_unit_name(govopen_group_member(g, k))));
      printf("\n");
    }
  }
  if (json) fputs("]}\n", stdout);
  govopen_framework_free(fw);
  return EXIT_OK;
}

static int cmd_duties(int argc, char **argv) {
  args a;
  int r = parse_args(argc, argv, " framework builtin format extends-root extends-any ", &a);
  if (r >= 0) return free(a.positional), r;
  if (a.npositional != 1) {
    free(a.positional);
    return cli_usage_error("duties needs exactly one UNIT (an id, a name or an alias)");
  }
  const char *key = a.positional[0];
  int code = EXIT_OK;
  govopen_framework *fw = load_framework(&a, &code);
  free(a.positional);
  if (fw == NULL) return code;
  const govopen_unit *u = cli_find_unit(fw, key);
  if (u == NULL) {
    govopen_framework_free(fw);
    return EXIT_INVALID;
  }
  int json = a.format == FORMAT_JSON;
  size_t n = govopen_unit_point_count(u);
  /* each score is a whole number of hundredths to within half a unit in the
     last place, so the sum is one to within n of them (far below a half
     hundredth for any framework), and cli_score() rounds it back exactly */
  double sum = 0;
  for (size_t i = 0; i < n; i++) sum += govopen_point_score(govopen_unit_point(u, i));
  if (json) {
    fputs("{\"unit\":{\"id\":", stdout);
    json_str(stdout, govopen_unit_id(u));
    fputs(",\"name\":", stdout);
    json_str(stdout, govopen_unit_name(u));
    fputs(",\"kind\":", stdout);
    json_str(stdout, govopen_unit_kind_name(govopen_unit_kind(u)));
    fputs("},\"points\":[", stdout);
  } else {
    printf("%s (%s, %s): %zu point%s, %s of %s\n", cli_esc(govopen_unit_name(u)), cli_esc(govopen_unit_id(u)),
           govopen_unit_kind_name(govopen_unit_kind(u)), n, n == 1 ? "" : "s", cli_score(sum),
           cli_score(govopen_framework_total(fw)));
  }
  for (size_t i = 0; i < n; i++) {
    const govopen_point *p = govopen_unit_point(u, i);
    if (json) {
      fputs(i ? ",{\"id\":" : "{\"id\":", stdout);
      json_str(stdout, govopen_point_id(p));
      fputs(",\"text\":", stdout);
      json_str(stdout, govopen_point_text(p));
      fputs(",\"score\":", stdout);
      json_score(stdout, govopen_point_score(p));
      fputs(",\"path\":", stdout);
      print_path(stdout, p, 1);
      fputs(",\"sampling\":[", stdout);
      for (size_t k = 0; k < govopen_point_sampling_count(p); k++) {
        if (k) fputc(',', stdout);
        json_str(stdout, govopen_point_sampling(p, k));
      }
      fputs("],\"via\":", stdout);
      print_via(stdout, p, u, 1);
      fputc('}', stdout);
    } else {
      printf("\n%s  %s  ", cli_esc(govopen_point_id(p)), cli_score(govopen_point_score(p)));
      print_path(stdout, p, 0);
      printf("\n     %s\n     sampling: ", cli_esc(govopen_point_text(p)));
      print_joined(stdout, p, govopen_point_sampling_count, govopen_point_sampling, "、");
      fputs("   via: ", stdout);
      print_via(stdout, p, u, 0);
      fputc('\n', stdout);
    }
  }
  if (json) fputs("]}\n", stdout);
  govopen_framework_free(fw);
  return EXIT_OK;
}

typedef struct plan_state {
  int json;
  size_t pairs;
  const govopen_point *last;
} plan_state;

static int plan_visit(const govopen_unit *u, const govopen_point *p, void *payload) {
  plan_state *s = payload;
  if (s->json) {
    fputs(s->pairs ? ",{\"unit_id\":" : "{\"unit_id\":", stdout);
    json_str(stdout, govopen_unit_id(u));
    fputs(",\"unit\":", stdout);
    json_str(stdout, govopen_unit_name(u));
    fputs(",\"point\":", stdout);
    json_str(stdout, govopen_point_id(p));
    fputc('}', stdout);
  } else {
    if (p != s->last) {
      printf("%s%s  %s\n    ", s->last ? "\n" : "", cli_esc(govopen_point_id(p)), cli_esc(govopen_point_text(p)));
      s->last = p;
    } else {
      fputs("、", stdout);
    }
    cli_puts_escaped(stdout, govopen_unit_name(u));
  }
  s->pairs++;
  return 0;
}

/* plan --format csv: the worksheet, through the library's writer. */
typedef struct worksheet_ctx {
  const govopen_framework *fw;
  const char *method; /* NULL: every point */
  unsigned flags;
} worksheet_ctx;

static int emit_worksheet(cli_sink *s, void *ctx) {
  const worksheet_ctx *w = ctx;
  int rc = govopen_framework_write_worksheet(w->fw, w->method, w->flags, cli_sink_write, s);
  if (rc == GOVOPEN_OK || (rc == GOVOPEN_ESTOPPED && s->error)) return rc == GOVOPEN_OK ? 0 : 1;
  fprintf(stderr, "govopen: cannot write the worksheet: %s\n", govopen_status_str(rc));
  return 1;
}

static int cmd_plan(int argc, char **argv) {
  args a;
  int r = parse_args(argc, argv, " framework builtin format method output no-bom lang extends-root extends-any ", &a);
  if (r >= 0) return free(a.positional), r;
  if (a.npositional || a.method == NULL) {
    free(a.positional);
    return cli_usage_error("plan needs --method METHOD and no other arguments");
  }
  if (a.format != FORMAT_CSV && (a.output || a.no_bom || a.en)) {
    free(a.positional);
    return cli_usage_error("--output, --no-bom and --lang are for plan --format csv");
  }
  int code = EXIT_OK;
  govopen_framework *fw = load_framework(&a, &code);
  free(a.positional);
  if (fw == NULL) return code;
  plan_state s = {a.format == FORMAT_JSON, 0, NULL};
  int known = 0;
  for (size_t i = 0; i < govopen_framework_method_count(fw); i++)
    known |= strcmp(govopen_framework_method(fw, i), a.method) == 0;
  /* a worksheet of every point, unless the framework has a method of that name */
  int all = a.format == FORMAT_CSV && !known && strcmp(a.method, "all") == 0;
  known |= all;
  if (!known) {
    fprintf(stderr, "govopen: unknown sampling method '%s'; %s knows:", cli_esc(a.method),
            cli_esc(govopen_framework_id(fw)));
    for (size_t i = 0; i < govopen_framework_method_count(fw); i++)
      fprintf(stderr, " %s", cli_esc(govopen_framework_method(fw, i)));
    fprintf(stderr, "\n");
    govopen_framework_free(fw);
    return EXIT_INVALID;
  }
  if (a.format == FORMAT_CSV) {
    worksheet_ctx w = {fw, all ? NULL : a.method,
                       (a.en ? GOVOPEN_REPORT_LANG_EN : 0u) | (a.no_bom ? GOVOPEN_CSV_NO_BOM : 0u)};
    code = cli_write_output(a.output, emit_worksheet, &w) ? EXIT_INVALID : EXIT_OK;
    govopen_framework_free(fw);
    return code;
  }
  if (s.json) {
    fputs("{\"method\":", stdout);
    json_str(stdout, a.method);
    fputs(",\"pairs\":[", stdout);
  }
  govopen_framework_plan(fw, a.method, plan_visit, &s);
  if (s.json)
    printf("],\"count\":%zu}\n", s.pairs);
  else
    printf("%s%s: %zu unit x point pair%s\n", s.pairs ? "\n\n" : "", cli_esc(a.method), s.pairs,
           s.pairs == 1 ? "" : "s");
  govopen_framework_free(fw);
  return EXIT_OK;
}

static int run_command(int argc, char **argv) {
  if (argc < 2) {
    fputs(USAGE, stderr);
    fputs(USAGE_MORE, stderr);
    return EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
    printf("govopen %s (libgovopen %s, framework schema %d)\n", GOVOPEN_VERSION_STRING, govopen_version_string(),
           govopen_schema_version());
    return EXIT_OK;
  }
  if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
    fputs(USAGE, stdout);
    fputs(USAGE_MORE, stdout);
    return EXIT_OK;
  }
  if (strcmp(cmd, "validate") == 0) return cmd_validate(argc - 2, argv + 2);
  if (strcmp(cmd, "show") == 0) return cmd_show(argc - 2, argv + 2);
  if (strcmp(cmd, "units") == 0) return cmd_units(argc - 2, argv + 2);
  if (strcmp(cmd, "duties") == 0) return cmd_duties(argc - 2, argv + 2);
  if (strcmp(cmd, "plan") == 0) return cmd_plan(argc - 2, argv + 2);
  if (strcmp(cmd, "calendar") == 0) return cmd_calendar(argc - 2, argv + 2);
  if (strcmp(cmd, "evaluate") == 0) return cmd_evaluate(argc - 2, argv + 2);
  if (strcmp(cmd, "report") == 0) return cmd_report(argc - 2, argv + 2);
  if (strcmp(cmd, "rectify") == 0) return cmd_rectify(argc - 2, argv + 2);
  if (strcmp(cmd, "diff") == 0) return cmd_diff(argc - 2, argv + 2);
  if (strcmp(cmd, "convert") == 0) return cmd_convert(argc - 2, argv + 2);
  return cli_usage_error("unknown command '%s'", cmd);
}

int main(int argc, char **argv) {
  int rc = run_command(argc, argv);
  /* the last escaped texts (cli_esc), so that nothing is left for valgrind to find */
  for (unsigned i = 0; i < CLI_ESC_SLOTS; i++) {
    govopen_free(esc_slots[i]);
    esc_slots[i] = NULL;
  }
  return rc;
}
