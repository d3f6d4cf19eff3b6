/* govopen: commands that live in files of their own, each using only the public API. */
#ifndef GOVOPEN_CLI_COMMANDS_H
#define GOVOPEN_CLI_COMMANDS_H

/* `govopen calendar SUBCOMMAND ...`: argv holds what follows "calendar".
   Returns the exit status: 0 success, 1 invalid input, 2 wrong usage. */
int cmd_calendar(int argc, char **argv);

/* `govopen evaluate ...`: observations in, scorecards out. */
int cmd_evaluate(int argc, char **argv);

/* `govopen report ...`: a result's tables (CSV) for people to read (cli/cmd_report.c). */
int cmd_report(int argc, char **argv);

/* `govopen rectify UNIT ...`: one unit's rectification list (cli/cmd_report.c). */
int cmd_rectify(int argc, char **argv);

/* `govopen diff A B`: what changed between two frameworks (cli/cmd_diff.c). */
int cmd_diff(int argc, char **argv);

/* `govopen convert FILE --to json`: YAML as the library reads it, as JSON (cli/cmd_diff.c). */
int cmd_convert(int argc, char **argv);

/* Shared by the commands (cli/govopen.c). */
#include <stdarg.h>
#include <stdio.h>

#include <govopen/govopen.h>

/* The CLI's one printf-attribute macro (it sees only the public headers, so
   it cannot share lib/util/compiler.h's GV_PRINTF). */
#if defined(__GNUC__)
#define CLI_PRINTF(fmt, first) __attribute__((format(printf, fmt, first)))
#else
#define CLI_PRINTF(fmt, first)
#endif

CLI_PRINTF(1, 2)
int cli_usage_error(const char *fmt, ...);

/* Text from the input (a name, a title, a file name, an argument) for the
   terminal: every control and bidirectional formatting character as a
   visible escape (govopen_text_escape: `\x1b`, `\u202e`; docs/security.md).
   EVERY text the tool prints that came from its input or its arguments goes
   through one of these; JSON, CSV, Markdown and HTML have their own
   escaping (the library's writers) and do not. */
/* The escaped text; it lives until 16 more calls (so one printf may take
   several). NULL gives "". */
const char *cli_esc(const char *s);
/* A score as the library's text reports print it: govopen_score_format()
   with GOVOPEN_SCORE_TWO_DECIMALS ("97.24", "0.50"; _signed: "+3.00",
   "-1.50"), the one rounding rule, no printf of a double. It lives until 16
   more calls (so one printf may take several); "nan" for a NaN. */
const char *cli_score(double v);
const char *cli_score_signed(double v);
/* Prints `s` escaped. */
void cli_puts_escaped(FILE *out, const char *s);
void cli_puts_escaped_n(FILE *out, const char *s, size_t len);
/* Formats, then prints the whole text escaped (a message quoting input). */
CLI_PRINTF(2, 0)
void cli_vputs_escaped(FILE *out, const char *fmt, va_list ap);
CLI_PRINTF(2, 3)
void cli_printf_escaped(FILE *out, const char *fmt, ...);
void cli_print_diagnostics(const govopen_error *e);
/* --extends-root DIR and --extends-any, which every command that reads a
   framework file takes: which files an overlay's `extends` may name
   (GOVOPEN_OPT_EXTENDS_ROOT, default the current directory; --extends-any:
   GOVOPEN_OPT_EXTENDS_FILES 2). Their usage lines, and the setter each
   parser calls (`root` NULL: not given): -1, or a usage error's status. */
#define CLI_EXTENDS_OPTIONS                                                                      \
  "  --extends-root DIR      an overlay's 'extends' may name files under DIR only, its bases'\n" \
  "                          own 'extends' included (default: the current directory)\n"          \
  "  --extends-any           or any regular file (never a device, a pipe or /proc)\n"
int cli_set_extends(const char *root, int any);
/* Applies them to `opts`: GOVOPEN_OK or the library's status. */
int cli_apply_extends(govopen_options *opts);
/* Loads --framework FILE or --builtin ID (default langao-2023); NULL after
   printing the diagnostics, with *exit_code set. */
govopen_framework *cli_load_framework(const char *file, const char *builtin, int *exit_code);
/* The unit named `key` (id, name or alias); NULL after saying why not and
   how to find units. */
const govopen_unit *cli_find_unit(const govopen_framework *fw, const char *key);

/* --- what evaluate, report and rectify share (cli/eval_common.c) ---------------- */

/* The options of an evaluation, and where its output goes. */
typedef struct cli_eval {
  const char *framework, *builtin, *as_of, *period_first, *period_last, *calendar_file;
  const char *output; /* --output FILE or -o FILE; NULL: standard output */
  const char **observations;
  size_t nobs;
  int strict, zero, county_min;
  long max_named;
  long jobs;         /* 0: not given */
  long min_coverage; /* --min-coverage PCT; -1: not given (the library's default) */
  size_t shown;      /* the evaluation's diagnostics printed so far */
} cli_eval;

/* Their usage lines. */
extern const char CLI_EVAL_OPTIONS[];

enum { CLI_TAKEN = -1, CLI_NOT_MINE = -2 };
/* Sets up the options for `argc` arguments: -1, or an exit status. */
int cli_eval_init(cli_eval *o, int argc);
void cli_eval_free(cli_eval *o);
/* Takes argv[*i] (and its values, moving *i past them) when it is an
   evaluation option or --output: CLI_TAKEN; CLI_NOT_MINE when it is not;
   else the exit status of a usage error, said. */
int cli_eval_option(cli_eval *o, int argc, char **argv, int *i);
/* -1 when the options are complete, else a usage error's status. */
int cli_eval_check(const cli_eval *o, const char *command);
/* Sets up an evaluation of `fw` (loaded with cli_load_framework(o->framework,
   o->builtin, …)) and adds the observations, reporting rejected ones on
   stderr: -1, or the exit status after saying what went wrong (*ev NULL):
   1 when an input could not be read to its end, when --strict stopped, or
   when no observation was accepted. */
int cli_eval_open(cli_eval *o, const govopen_framework *fw, govopen_evaluation **ev);
/* After a run: prints the evaluation's diagnostics not printed yet (the
   run's warnings: cells whose rule could not be applied, scored 0). */
void cli_eval_warn_run(cli_eval *o, const govopen_evaluation *ev);

/* A stdio stream as a govopen_write_fn's `user`, remembering why it failed. */
typedef struct cli_sink {
  FILE *f;
  int error; /* errno of the first failed write */
  int tty;   /* f is a terminal: data (CSV, JSON) is escaped on the way (cli_sink_write) */
} cli_sink;
int cli_sink_write(void *user, const char *data, size_t len);
/* Writes a document into `s` (through cli_sink_write, or with stdio on
   s->f): 0, or 1 after saying what went wrong — a failed write is said by
   cli_write_output(). */
typedef int (*cli_emit_fn)(cli_sink *s, void *ctx);
/* Writes a document to `path`, or standard output when NULL: a regular file
   through a temporary file beside it, flushed to the disk (fsync) and
   renamed over it when all went well, so that a failure (a full disk)
   leaves it as it was and never a truncated file. A symbolic link is
   followed (the file it names is replaced, the link stays); a link to
   nothing is refused; a device or a pipe is written straight. 0, or 1
   after saying what went wrong. */
int cli_write_output(const char *path, cli_emit_fn emit, void *ctx);
/* Where output for `path` goes: `path` itself, or the file a symbolic link
   names (realpath); NULL after saying why not (a link to nothing, out of
   memory). malloc'd. */
char *cli_output_target(const char *path);
/* Writes a document into a new temporary file beside `path` (same
   directory, "PATH.tmp-XXXXXX", `path`'s mode or a new file's), flushed to
   the disk and closed: its name (malloc'd), or NULL after saying what went
   wrong (named `shown`), nothing left behind. */
char *cli_write_temp(const char *path, const char *shown, cli_emit_fn emit, void *ctx);

#endif
