/* libgovopen: working-day calendars — weekends, public holidays, adjusted working days (调休). */
#ifndef GOVOPEN_CALENDAR_H
#define GOVOPEN_CALENDAR_H

#include "common.h"
#include "error.h"
#include "options.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A loaded working-day calendar covering whole years. Immutable once loaded:
 * it may be shared by threads. Every string obtained from it is borrowed and
 * lives until govopen_calendar_free().
 *
 * Dates are text, exactly "YYYY-MM-DD" (proleptic Gregorian). A date that is
 * not of that form, or names no day (2023-02-29), is GOVOPEN_EINVALID; a date
 * outside the calendar's years is GOVOPEN_ERANGE, never a guess. Dates come
 * back in a caller's buffer of GOVOPEN_DATE_SIZE (11) bytes ("YYYY-MM-DD"
 * and its NUL).
 *
 * Conventions (docs/calendar.md): a period counted in days starts the day
 * after the event, whose own day is not counted; a period in working days
 * counts only working days; a deadline in calendar days that ends on a day
 * off moves to the next working day when asked to.
 */
typedef struct govopen_calendar govopen_calendar;

/* --- loading --------------------------------------------------------------- */

/**
 * Loads and validates a calendar from a YAML file (docs/calendar.md). `opts`
 * may be NULL for the defaults. On success `*out` belongs to the caller (free
 * it with govopen_calendar_free()). On failure `*out` is NULL and `*err` (when
 * `err` is not NULL) receives every diagnostic found. A file whose
 * `calendar.base` names a built-in calendar inherits its days.
 */
GOVOPEN_API int govopen_calendar_load_file(govopen_calendar **out, const char *path, const govopen_options *opts,
                                           govopen_error **err);
/** Same as govopen_calendar_load_file() from `len` bytes at `data`; `source_name` (may be NULL) names it. */
GOVOPEN_API int govopen_calendar_load_buffer(govopen_calendar **out, const char *data, size_t len,
                                             const char *source_name, const govopen_options *opts, govopen_error **err);
/** Loads a calendar compiled into the library, e.g. "cn". GOVOPEN_ENOTFOUND if none. */
GOVOPEN_API int govopen_calendar_load_builtin(govopen_calendar **out, const char *id, const govopen_options *opts,
                                              govopen_error **err);
/** Frees a calendar and everything borrowed from it. Accepts NULL. */
GOVOPEN_API void govopen_calendar_free(govopen_calendar *cal);

/*
 * The built-in calendars, named as every built-in is:
 * govopen_builtin_<thing>_<what> (docs/abi.md, "Built-ins").
 */
/** Number of built-in calendars. */
GOVOPEN_API size_t govopen_builtin_calendar_count(void);
/** The id of built-in calendar `i`, or NULL when out of range. Static storage. */
GOVOPEN_API const char *govopen_builtin_calendar_id(size_t i);
/**
 * The YAML text of built-in calendar `id` (e.g. "cn"), as it was compiled
 * into the library, in static storage (never freed), with its length in
 * `*len` (`len` may be NULL; 0 when there is none); NULL for a NULL `id` or
 * when there is no such built-in. A county writes its own calendar from a
 * copy of it, or names it as its `base:` (docs/calendar.md).
 */
GOVOPEN_API const char *govopen_builtin_calendar_yaml(const char *id, size_t *len);

/* --- metadata -------------------------------------------------------------- */

/** The calendar's id, e.g. "cn". */
GOVOPEN_API const char *govopen_calendar_id(const govopen_calendar *cal);
/** The calendar's name. */
GOVOPEN_API const char *govopen_calendar_name(const govopen_calendar *cal);
/** The first year covered (1 January of it is the first day). */
GOVOPEN_API int govopen_calendar_first_year(const govopen_calendar *cal);
/** The last year covered (31 December of it is the last day). */
GOVOPEN_API int govopen_calendar_last_year(const govopen_calendar *cal);
/** Provenance (`source:`): the calendar's own, then its base's. */
GOVOPEN_API size_t govopen_calendar_provenance_count(const govopen_calendar *cal);
/** Provenance entry `i`, or NULL when out of range. */
GOVOPEN_API const char *govopen_calendar_provenance(const govopen_calendar *cal, size_t i);

/* --- working days ------------------------------------------------------------ */

/** `*out` = 1 when `date` is a working day, 0 when it is a day off. */
GOVOPEN_API int govopen_calendar_is_workday(const govopen_calendar *cal, const char *date, int *out,
                                            govopen_error **err);
/**
 * The date of the `n`th working day after `date` (`n` >= 0; `date` itself is
 * not counted, and 0 gives `date` back unchanged), into `out`.
 * GOVOPEN_ERANGE when that day lies beyond the calendar's last year.
 */
GOVOPEN_API int govopen_calendar_add_workdays(const govopen_calendar *cal, const char *date, int n,
                                              char out[GOVOPEN_DATE_SIZE], govopen_error **err);
/** `*out` = the number of working days after `d1` up to and including `d2`; 0 when `d2` <= `d1`. */
GOVOPEN_API int govopen_calendar_workdays_between(const govopen_calendar *cal, const char *d1, const char *d2, int *out,
                                                  govopen_error **err);
/**
 * `date` plus `n` calendar days (`n` >= 0), into `out`. With
 * `roll_to_workday` non-zero, a result that is a day off moves forward to the
 * next working day (a deadline that ends on a holiday ends after it).
 */
GOVOPEN_API int govopen_calendar_add_days(const govopen_calendar *cal, const char *date, int n, int roll_to_workday,
                                          char out[GOVOPEN_DATE_SIZE], govopen_error **err);
/**
 * The name of the holiday `date` belongs to ("国庆节"), for days off and
 * adjusted working days alike; "" for an ordinary day and for a date that is
 * invalid or outside the calendar. Borrowed from the calendar.
 */
GOVOPEN_API const char *govopen_calendar_day_name(const govopen_calendar *cal, const char *date);

#ifdef __cplusplus
}
#endif
#endif
