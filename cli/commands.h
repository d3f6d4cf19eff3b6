/* govopen: commands that live in files of their own, each using only the public API. */
#ifndef GOVOPEN_CLI_COMMANDS_H
#define GOVOPEN_CLI_COMMANDS_H

/* `govopen calendar SUBCOMMAND ...`: argv holds what follows "calendar".
   Returns the exit status: 0 success, 1 invalid input, 2 wrong usage. */
int cmd_calendar(int argc, char **argv);

/* `govopen evaluate ...`: observations in, scorecards out. */
int cmd_evaluate(int argc, char **argv);

/* Shared by the commands (cli/govopen.c). */
#include <govopen/govopen.h>
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
int cli_usage_error(const char *fmt, ...);
void cli_print_diagnostics(const govopen_error *e);
/* Loads --framework FILE or --builtin ID (default langao-2023); NULL after
   printing the diagnostics, with *exit_code set. */
govopen_framework *cli_load_framework(const char *file, const char *builtin, int *exit_code);

#endif
