/* Calendars through the public API: loading from files, buffers and the
 * built-in table, and working-day arithmetic on "YYYY-MM-DD" text. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/builtin.h"
#include "api/options.h"
#include "calendar/calendar.h"
#include "calendar/date.h"
#include "load/calendar_load.h"
#include "load/file.h"
#include "util/error.h"

size_t govopen_builtin_calendar_count(void) { return gv_builtin_calendar_count; }

const char *govopen_builtin_calendar_id(size_t i) {
  return i < gv_builtin_calendar_count ? gv_builtin_calendars[i].id : NULL;
}

static const gv_builtin *find_builtin(const char *id) {
  for (size_t i = 0; i < gv_builtin_calendar_count; i++)
    if (strcmp(gv_builtin_calendars[i].id, id) == 0) return &gv_builtin_calendars[i];
  return NULL;
}

/* Resolves `base:` to a built-in calendar, read with the default limits (it
   is ours, not the caller's input); a base may not have a base itself. */
static int load_base(govopen_calendar **out, const char *id, void *payload) {
  (void)payload;
  const gv_builtin *b = find_builtin(id);
  if (b == NULL) return GOVOPEN_ENOTFOUND;
  gv_load_limits lim;
  gv_options_limits(NULL, &lim);
  return gv_calendar_load(out, b->data, b->len, b->source_name, &lim, NULL, NULL, NULL);
}

int govopen_calendar_load_buffer(govopen_calendar **out, const char *data, size_t len, const char *source_name,
                                 const govopen_options *opts, govopen_error **err) {
  if (err) *err = NULL;
  if (out == NULL)
    return gv_error_set(err, GOVOPEN_EINVALID, "", "api.out_null", "no place for the answer (out is NULL)");
  *out = NULL;
  if (data == NULL && len != 0) return gv_error_set(err, GOVOPEN_EINVALID, "", "api.data_null", "no data");
  gv_load_limits lim;
  gv_options_limits(opts, &lim);
  return gv_error_ensure(
      err,
      gv_calendar_load(out, data ? data : "", len, source_name ? source_name : "<buffer>", &lim, load_base, NULL, err),
      source_name ? source_name : "<buffer>");
}

int govopen_calendar_load_builtin(govopen_calendar **out, const char *id, const govopen_options *opts,
                                  govopen_error **err) {
  if (err) *err = NULL;
  if (out == NULL)
    return gv_error_set(err, GOVOPEN_EINVALID, "", "api.out_null", "no place for the answer (out is NULL)");
  *out = NULL;
  if (id == NULL)
    return gv_error_set(err, GOVOPEN_EINVALID, "", "api.builtin_calendar_id_null", "no built-in calendar id given");
  const gv_builtin *b = find_builtin(id);
  if (b == NULL)
    return gv_error_set(err, GOVOPEN_ENOTFOUND, "", "api.builtin_calendar_unknown", "no built-in calendar '%s'", id);
  gv_load_limits lim;
  gv_options_limits(opts, &lim);
  return gv_error_ensure(err, gv_calendar_load(out, b->data, b->len, b->source_name, &lim, load_base, NULL, err),
                         b->source_name);
}

int govopen_calendar_load_file(govopen_calendar **out, const char *path, const govopen_options *opts,
                               govopen_error **err) {
  if (err) *err = NULL;
  if (out == NULL)
    return gv_error_set(err, GOVOPEN_EINVALID, "", "api.out_null", "no place for the answer (out is NULL)");
  *out = NULL;
  if (path == NULL) return gv_error_set(err, GOVOPEN_EINVALID, "", "api.file_name_null", "no file name given");
  gv_load_limits lim;
  gv_options_limits(opts, &lim);
  char *data = NULL;
  size_t len = 0;
  int r = gv_read_file(path, lim.max_size, &data, &len, err);
  if (r != GOVOPEN_OK) return r;
  r = gv_calendar_load(out, data ? data : "", len, path, &lim, load_base, NULL, err);
  free(data);
  return gv_error_ensure(err, r, path);
}

void govopen_calendar_free(govopen_calendar *cal) { gv_calendar_free(cal); }

/* --- metadata -------------------------------------------------------------- */

const char *govopen_calendar_id(const govopen_calendar *cal) { return cal ? cal->id : ""; }
const char *govopen_calendar_name(const govopen_calendar *cal) { return cal ? cal->name : ""; }
int govopen_calendar_first_year(const govopen_calendar *cal) { return cal ? cal->first_year : 0; }
int govopen_calendar_last_year(const govopen_calendar *cal) { return cal ? cal->last_year : 0; }
size_t govopen_calendar_provenance_count(const govopen_calendar *cal) { return cal ? cal->provenance_count : 0; }

const char *govopen_calendar_provenance(const govopen_calendar *cal, size_t i) {
  return cal && i < cal->provenance_count ? cal->provenance[i] : NULL;
}

/* --- working days ------------------------------------------------------------ */

/* The caller's text, cut short (at a character boundary) when long, for messages. */
static void quote(const char *s, char *buf, size_t size) {
  size_t n = strlen(s);
  if (n < size) {
    memcpy(buf, s, n + 1);
    return;
  }
  n = size - 4; /* room for "..." and the NUL */
  while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
  memcpy(buf, s, n);
  memcpy(buf + n, "...", 4);
}

/* "1st", "2nd", "3rd", "4th", "11th", "21st" … */
static const char *ordinal_suffix(int n) {
  if (n % 100 >= 11 && n % 100 <= 13) return "th";
  switch (n % 10) {
    case 1: return "st";
    case 2: return "nd";
    case 3: return "rd";
    default: return "th";
  }
}

static int range_error(const govopen_calendar *cal, govopen_error **err, const char *what) {
  return gv_error_set(err, GOVOPEN_ERANGE, "", "api.date_outside_calendar",
                      "%s is outside the calendar '%s', which covers %d to %d", what, cal->id, cal->first_year,
                      cal->last_year);
}

/* Parses `date` and checks the calendar covers it; reports and returns a status. */
static int take_date(const govopen_calendar *cal, const char *date, int32_t *day, govopen_error **err) {
  if (date == NULL) return gv_error_set(err, GOVOPEN_EINVALID, "", "api.date_null", "no date given");
  char why[GV_DATE_WHY], shown[48];
  quote(date, shown, sizeof shown);
  if (gv_date_parse(date, strlen(date), day, why) != 0)
    return gv_error_set(err, GOVOPEN_EINVALID, "", "date.invalid", "invalid date '%s': %s", shown, why);
  if (!gv_calendar_covers(cal, *day)) {
    char what[64];
    snprintf(what, sizeof what, "the date %s", shown);
    return range_error(cal, err, what);
  }
  return GOVOPEN_OK;
}

/* Common checks of the arithmetic calls; returns a status. */
static int begin(const govopen_calendar *cal, char *out, govopen_error **err) {
  if (err) *err = NULL;
  if (out) out[0] = '\0';
  if (cal == NULL) return gv_error_set(err, GOVOPEN_EINVALID, "", "api.calendar_null", "no calendar given");
  return GOVOPEN_OK;
}

int govopen_calendar_is_workday(const govopen_calendar *cal, const char *date, int *out, govopen_error **err) {
  int32_t day;
  int r = begin(cal, NULL, err);
  if (r == GOVOPEN_OK && out == NULL)
    r = gv_error_set(err, GOVOPEN_EINVALID, "", "api.out_null", "no place for the answer (out is NULL)");
  if (r == GOVOPEN_OK) r = take_date(cal, date, &day, err);
  if (r != GOVOPEN_OK) return r;
  *out = gv_calendar_is_workday(cal, day);
  return GOVOPEN_OK;
}

int govopen_calendar_add_workdays(const govopen_calendar *cal, const char *date, int n, char out[GOVOPEN_DATE_SIZE],
                                  govopen_error **err) {
  int32_t day, result;
  int r = begin(cal, out, err);
  if (r == GOVOPEN_OK && out == NULL)
    r = gv_error_set(err, GOVOPEN_EINVALID, "", "api.out_null", "no place for the answer (out is NULL)");
  if (r == GOVOPEN_OK && n < 0)
    r = gv_error_set(err, GOVOPEN_EINVALID, "", "api.workdays_negative",
                     "the number of working days is %d; it must be 0 or more", n);
  if (r == GOVOPEN_OK) r = take_date(cal, date, &day, err);
  if (r != GOVOPEN_OK) return r;
  if (gv_calendar_add_workdays(cal, day, n, &result) != 0) {
    char what[96];
    snprintf(what, sizeof what, "the %d%s working day after %s", n, ordinal_suffix(n), date);
    return range_error(cal, err, what);
  }
  gv_date_format(result, out);
  return GOVOPEN_OK;
}

int govopen_calendar_workdays_between(const govopen_calendar *cal, const char *d1, const char *d2, int *out,
                                      govopen_error **err) {
  int32_t a, b;
  int r = begin(cal, NULL, err);
  if (r == GOVOPEN_OK && out == NULL)
    r = gv_error_set(err, GOVOPEN_EINVALID, "", "api.out_null", "no place for the answer (out is NULL)");
  if (r == GOVOPEN_OK) r = take_date(cal, d1, &a, err);
  if (r == GOVOPEN_OK) r = take_date(cal, d2, &b, err);
  if (r != GOVOPEN_OK) return r;
  r = gv_calendar_workdays_between(cal, a, b, out);
  if (r == GOVOPEN_ERANGE) return range_error(cal, err, "a date");
  return gv_error_ensure(err, r, "govopen_calendar_workdays_between");
}

int govopen_calendar_add_days(const govopen_calendar *cal, const char *date, int n, int roll_to_workday,
                              char out[GOVOPEN_DATE_SIZE], govopen_error **err) {
  int32_t day, result;
  int r = begin(cal, out, err);
  if (r == GOVOPEN_OK && out == NULL)
    r = gv_error_set(err, GOVOPEN_EINVALID, "", "api.out_null", "no place for the answer (out is NULL)");
  if (r == GOVOPEN_OK && n < 0)
    r = gv_error_set(err, GOVOPEN_EINVALID, "", "api.days_negative", "the number of days is %d; it must be 0 or more",
                     n);
  if (r == GOVOPEN_OK) r = take_date(cal, date, &day, err);
  if (r != GOVOPEN_OK) return r;
  if (gv_calendar_add_days(cal, day, n, roll_to_workday, &result) != 0) {
    char what[96];
    char end[GV_DATE_TEXT];
    if (gv_calendar_add_days(cal, day, n, 0, &result) == 0) {
      gv_date_format(result, end);
      snprintf(what, sizeof what, "the first working day from %s on", end);
    } else {
      snprintf(what, sizeof what, "the date %d day%s after %s", n, n == 1 ? "" : "s", date);
    }
    return range_error(cal, err, what);
  }
  gv_date_format(result, out);
  return GOVOPEN_OK;
}

const char *govopen_calendar_day_name(const govopen_calendar *cal, const char *date) {
  int32_t day;
  if (cal == NULL || date == NULL || gv_date_parse(date, strlen(date), &day, NULL) != 0 ||
      !gv_calendar_covers(cal, day))
    return "";
  return gv_calendar_name(cal, day);
}
