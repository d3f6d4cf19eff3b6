/* Civil dates and times: the proleptic Gregorian calendar, days counted from
 * 1970-01-01 (day 0), instants as seconds since 1970-01-01T00:00:00Z.
 * Strict ISO 8601 text in and out; no locale, no time zone database: an
 * instant written without an offset is China Standard Time (UTC+8). */
#ifndef GV_DATE_H
#define GV_DATE_H

#include <stddef.h>
#include <stdint.h>

/* The years dates may have: four digits, no year 0. */
#define GV_YEAR_MIN 1
#define GV_YEAR_MAX 9999
/* China Standard Time, in minutes east of UTC. */
#define GV_CST_OFFSET_MIN 480
/* Room for "YYYY-MM-DD" and its NUL. */
#define GV_DATE_TEXT 11
/* Room for "YYYY-MM-DDTHH:MM:SS+HH:MM" and its NUL. */
#define GV_DATETIME_TEXT 26
/* Room for a reason why text is not a date. */
#define GV_DATE_WHY 96

int gv_is_leap_year(int year);
/* 28 to 31; 0 for a month outside 1 to 12. */
int gv_days_in_month(int year, int month);
/* The day number of a valid date (month 1 to 12, day 1 to its length). */
int32_t gv_days_from_civil(int year, int month, int day);
void gv_civil_from_days(int32_t days, int *year, int *month, int *day);
/* ISO weekday: 1 Monday … 7 Sunday. */
int gv_weekday(int32_t days);

/* Parses exactly "YYYY-MM-DD" (`len` bytes, no surrounding space) into a day
   number. GOVOPEN_OK; GOVOPEN_EPARSE when the text is not of that shape,
   GOVOPEN_ERANGE when it is but names no date (2023-02-29, 2023-13-01). `why` (GV_DATE_WHY bytes, may
   be NULL) receives the reason in English. */
int gv_date_parse(const char *s, size_t len, int32_t *days, char *why);
/* "YYYY-MM-DD" into `out` (GV_DATE_TEXT bytes). */
void gv_date_format(int32_t days, char *out);

/* Parses "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS", optionally followed by
   "Z" or "+HH:MM" / "-HH:MM", into seconds since the epoch (UTC); without an
   offset the time is China Standard Time. Returns as gv_date_parse(). */
int gv_datetime_parse(const char *s, size_t len, int64_t *seconds, char *why);
/* "YYYY-MM-DDTHH:MM:SS+HH:MM" at `offset_min` minutes east of UTC, into
   `out` (GV_DATETIME_TEXT bytes); "Z" for offset 0. */
void gv_datetime_format(int64_t seconds, int offset_min, char *out);
/* The day number of the local date of an instant, at `offset_min`. */
int32_t gv_datetime_day(int64_t seconds, int offset_min);
/* The instant starting a day (00:00 local time at `offset_min`). */
int64_t gv_day_start(int32_t days, int offset_min);
/* Elapsed hours from t1 to t2; negative when t2 is before t1. */
double gv_hours_between(int64_t t1, int64_t t2);

#endif
