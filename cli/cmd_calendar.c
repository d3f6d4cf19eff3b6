/* govopen calendar: working-day arithmetic from the command line, on a
 * built-in calendar or a calendar file. It uses only the public API. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <govopen/govopen.h>

#include "commands.h"

enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

static const char *USAGE =
    "usage: govopen calendar <subcommand> [options]\n"
    "\n"
    "Subcommands:\n"
    "  is-workday DATE            yes when DATE is a working day, no when it is a day off\n"
    "  add-workdays DATE N        the date of the Nth working day after DATE (DATE itself is not counted)\n"
    "  workdays DATE1 DATE2       how many working days lie after DATE1 up to and including DATE2\n"
    "  days YEAR                  the year's days off and adjusted working days, with their holidays\n"
    "  help                       this text\n"
    "\n"
    "Options:\n"
    "  --calendar ID              a built-in calendar (default: cn)\n"
    "  --calendar-file FILE       read the calendar from FILE (see docs/calendar.md)\n"
    "\n"
    "Dates are YYYY-MM-DD. Exit status: 0 success, 1 invalid input (a bad date, a date\n"
    "outside the calendar's years, a bad calendar file), 2 wrong usage.\n";

CLI_PRINTF(1, 2)
static int usage_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("govopen: ", stderr);
  cli_vputs_escaped(stderr, fmt, ap); /* it quotes the arguments */
  fprintf(stderr, "\nTry 'govopen calendar help'.\n");
  va_end(ap);
  return EXIT_USAGE;
}

typedef struct cal_args {
  const char *id, *file;
  const char *pos[3];
  int npos;
} cal_args;

/* Options anywhere after the subcommand; at most three positional arguments. Returns -1 or an exit status. */
static int parse(int argc, char **argv, cal_args *a) {
  memset(a, 0, sizeof *a);
  int options = 1;
  for (int i = 0; i < argc; i++) {
    const char *s = argv[i];
    if (options && strcmp(s, "--") == 0) {
      options = 0;
      continue;
    }
    if (options && strncmp(s, "--", 2) == 0) {
      const char *eq = strchr(s, '=');
      size_t n = eq ? (size_t)(eq - s) : strlen(s);
      const char **slot = NULL;
      if (n == strlen("--calendar") && strncmp(s, "--calendar", n) == 0)
        slot = &a->id;
      else if (n == strlen("--calendar-file") && strncmp(s, "--calendar-file", n) == 0)
        slot = &a->file;
      else
        return usage_error("unknown option '%s' for calendar", s);
      if (eq)
        *slot = eq + 1;
      else if (i + 1 < argc)
        *slot = argv[++i];
      else
        return usage_error("option '%.*s' needs a value", (int)n, s);
      continue;
    }
    if (a->npos == 3) return usage_error("too many arguments ('%s')", s);
    a->pos[a->npos++] = s;
  }
  if (a->id && a->file) return usage_error("give --calendar or --calendar-file, not both");
  return -1;
}

static govopen_calendar *load(const cal_args *a) {
  govopen_calendar *cal = NULL;
  govopen_error *err = NULL;
  int r = a->file ? govopen_calendar_load_file(&cal, a->file, NULL, &err)
                  : govopen_calendar_load_builtin(&cal, a->id ? a->id : "cn", NULL, &err);
  if (r == GOVOPEN_OK) return cal;
  cli_print_diagnostics(err);
  govopen_error_free(err);
  if (r == GOVOPEN_ENOTFOUND && !a->file) {
    fprintf(stderr, "govopen: built-in calendars:");
    for (size_t i = 0; i < govopen_builtin_calendar_count(); i++)
      fprintf(stderr, " %s", cli_esc(govopen_builtin_calendar_id(i)));
    fprintf(stderr, "\n");
  }
  return NULL;
}

/* Reports a failed call: the library's message. */
static int failed(govopen_error *err) {
  fprintf(stderr, "govopen: %s\n", cli_esc(govopen_error_message(err)));
  govopen_error_free(err);
  return EXIT_INVALID;
}

/* A whole number from `lo` to `hi`, digits only; -1 when it is not. */
static long number(const char *s, long lo, long hi) {
  if (*s == '\0' || strlen(s) > 9) return -1;
  long v = 0;
  for (const char *p = s; *p; p++) {
    if (*p < '0' || *p > '9') return -1;
    v = v * 10 + (*p - '0');
  }
  return v < lo || v > hi ? -1 : v;
}

/* --- the days of a year ---------------------------------------------------- */

static int leap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* 0 Sunday … 6 Saturday (Sakamoto's method). */
static int weekday(long y, int m, int d) {
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y--;
  return (int)((y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7);
}

static int list_days(const govopen_calendar *cal, long year) {
  static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  static const char *wd[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  int working = 0, total = 0;
  for (int m = 1; m <= 12; m++) {
    int n = mdays[m - 1] + (m == 2 && leap(year));
    for (int d = 1; d <= n; d++) {
      char date[32];
      snprintf(date, sizeof date, "%04d-%02d-%02d", (int)year, m, d);
      int work = 0;
      govopen_error *err = NULL;
      if (govopen_calendar_is_workday(cal, date, &work, &err) != GOVOPEN_OK) return failed(err);
      const char *name = govopen_calendar_day_name(cal, date);
      if (name[0]) printf("%s  %s  %-4s  %s\n", date, wd[weekday(year, m, d)], work ? "work" : "off", cli_esc(name));
      working += work;
      total++;
    }
  }
  printf("%ld: %d working days, %d days off\n", year, working, total - working);
  return EXIT_OK;
}

/* --- the subcommands -------------------------------------------------------- */

static int run(const char *sub, const cal_args *a, const govopen_calendar *cal) {
  govopen_error *err = NULL;
  if (strcmp(sub, "is-workday") == 0) {
    int work = 0;
    if (govopen_calendar_is_workday(cal, a->pos[0], &work, &err) != GOVOPEN_OK) return failed(err);
    puts(work ? "yes" : "no");
  } else if (strcmp(sub, "add-workdays") == 0) {
    char out[GOVOPEN_DATE_SIZE];
    long n = number(a->pos[1], 0, 100000);
    if (govopen_calendar_add_workdays(cal, a->pos[0], (int)n, out, &err) != GOVOPEN_OK) return failed(err);
    puts(out);
  } else if (strcmp(sub, "workdays") == 0) {
    int n = 0;
    if (govopen_calendar_workdays_between(cal, a->pos[0], a->pos[1], &n, &err) != GOVOPEN_OK) return failed(err);
    printf("%d\n", n);
  } else {
    return list_days(cal, number(a->pos[0], 1, 9999));
  }
  return EXIT_OK;
}

int cmd_calendar(int argc, char **argv) {
  static const struct {
    const char *name, *args;
    int nargs;
  } subs[] = {
      {"is-workday", "DATE", 1}, {"add-workdays", "DATE N", 2}, {"workdays", "DATE1 DATE2", 2}, {"days", "YEAR", 1}};
  if (argc < 1) {
    fputs(USAGE, stderr);
    return EXIT_USAGE;
  }
  const char *sub = argv[0];
  if (strcmp(sub, "help") == 0 || strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0) {
    fputs(USAGE, stdout);
    return EXIT_OK;
  }
  size_t k = 0;
  while (k < sizeof subs / sizeof subs[0] && strcmp(subs[k].name, sub) != 0) k++;
  if (k == sizeof subs / sizeof subs[0]) return usage_error("unknown calendar subcommand '%s'", sub);
  cal_args a;
  int r = parse(argc - 1, argv + 1, &a);
  if (r >= 0) return r;
  if (a.npos != subs[k].nargs) return usage_error("calendar %s needs %s", sub, subs[k].args);
  if (k == 1 && number(a.pos[1], 0, 100000) < 0)
    return usage_error("N must be a whole number from 0 to 100000, not '%s'", a.pos[1]);
  if (k == 3 && number(a.pos[0], 1, 9999) < 0)
    return usage_error("YEAR must be a year from 1 to 9999, not '%s'", a.pos[0]);
  govopen_calendar *cal = load(&a);
  if (cal == NULL) return EXIT_INVALID;
  r = run(sub, &a, cal);
  govopen_calendar_free(cal);
  return r;
}
