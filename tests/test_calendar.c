/* The working-day calendar: civil dates and times (layer 2), the built-in
 * calendar `cn` against the State Council's notices, the conventions for
 * periods and deadlines, the public API's errors, the calendar loader on
 * invalid input (tests/fixtures/calendar/invalid/) and a county calendar
 * that inherits `cn`.
 *
 * Every expected value below was worked out by hand from the notices and a
 * wall calendar, not by running the code. */
#define _POSIX_C_SOURCE 200809L /* opendir() */

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/calendar.h"
#include "calendar/date.h"
#include "testutil.h"

/* --- civil dates ------------------------------------------------------------- */

static void test_civil_dates(void) {
  CU_ASSERT_EQUAL(gv_days_from_civil(1970, 1, 1), 0);
  CU_ASSERT_EQUAL(gv_days_from_civil(1970, 1, 2), 1);
  CU_ASSERT_EQUAL(gv_days_from_civil(1969, 12, 31), -1);
  CU_ASSERT_EQUAL(gv_days_from_civil(2000, 3, 1), 11017);  /* 30 * 365 + 7 leap days + 31 + 29 */
  CU_ASSERT_EQUAL(gv_days_from_civil(2023, 10, 7), 19637); /* 53 * 365 + 13 + 273 + 6 */
  CU_ASSERT_EQUAL(gv_days_from_civil(2024, 2, 29), 19782); /* 54 * 365 + 13 + 31 + 28 */
  CU_ASSERT_EQUAL(gv_days_from_civil(1, 1, 1), -719162);
  int y, m, d;
  gv_civil_from_days(19782, &y, &m, &d);
  CU_ASSERT(y == 2024 && m == 2 && d == 29);
  gv_civil_from_days(19783, &y, &m, &d);
  CU_ASSERT(y == 2024 && m == 3 && d == 1);
  gv_civil_from_days(-1, &y, &m, &d);
  CU_ASSERT(y == 1969 && m == 12 && d == 31);
  gv_civil_from_days(gv_days_from_civil(9999, 12, 31), &y, &m, &d);
  CU_ASSERT(y == 9999 && m == 12 && d == 31);
  /* every day from 1900 to 2100 goes there and back, one after the other */
  int32_t prev = gv_days_from_civil(1899, 12, 31);
  for (int yy = 1900; yy <= 2100; yy++)
    for (int mm = 1; mm <= 12; mm++)
      for (int dd = 1; dd <= gv_days_in_month(yy, mm); dd++) {
        int32_t n = gv_days_from_civil(yy, mm, dd);
        if (n != prev + 1) CU_FAIL("days are not consecutive");
        gv_civil_from_days(n, &y, &m, &d);
        if (y != yy || m != mm || d != dd) CU_FAIL("a date does not come back");
        prev = n;
      }
}

static void test_leap_years_and_months(void) {
  CU_ASSERT_FALSE(gv_is_leap_year(1900));
  CU_ASSERT_TRUE(gv_is_leap_year(2000));
  CU_ASSERT_FALSE(gv_is_leap_year(2023));
  CU_ASSERT_TRUE(gv_is_leap_year(2024));
  CU_ASSERT_FALSE(gv_is_leap_year(2100));
  CU_ASSERT_EQUAL(gv_days_in_month(2023, 2), 28);
  CU_ASSERT_EQUAL(gv_days_in_month(2024, 2), 29);
  CU_ASSERT_EQUAL(gv_days_in_month(1900, 2), 28);
  CU_ASSERT_EQUAL(gv_days_in_month(2000, 2), 29);
  CU_ASSERT_EQUAL(gv_days_in_month(2023, 4), 30);
  CU_ASSERT_EQUAL(gv_days_in_month(2023, 12), 31);
  CU_ASSERT_EQUAL(gv_days_in_month(2023, 13), 0);
  CU_ASSERT_EQUAL(gv_days_in_month(2023, 0), 0);
}

static void test_weekdays(void) {
  CU_ASSERT_EQUAL(gv_weekday(gv_days_from_civil(1970, 1, 1)), 4);   /* Thursday */
  CU_ASSERT_EQUAL(gv_weekday(gv_days_from_civil(1969, 12, 31)), 3); /* Wednesday */
  CU_ASSERT_EQUAL(gv_weekday(gv_days_from_civil(2000, 1, 1)), 6);   /* Saturday */
  CU_ASSERT_EQUAL(gv_weekday(gv_days_from_civil(2022, 12, 31)), 6); /* Saturday */
  CU_ASSERT_EQUAL(gv_weekday(gv_days_from_civil(2023, 10, 7)), 6);  /* Saturday, worked */
  CU_ASSERT_EQUAL(gv_weekday(gv_days_from_civil(2023, 10, 8)), 7);  /* Sunday, worked */
  CU_ASSERT_EQUAL(gv_weekday(gv_days_from_civil(2024, 2, 29)), 4);  /* Thursday */
  CU_ASSERT_EQUAL(gv_weekday(gv_days_from_civil(2026, 1, 1)), 4);   /* "1月1日（周四）" */
  CU_ASSERT_EQUAL(gv_weekday(gv_days_from_civil(2026, 12, 31)), 4); /* Thursday */
  CU_ASSERT_EQUAL(gv_weekday(gv_days_from_civil(1, 1, 1)), 1);      /* Monday */
}

/* --- ISO text ------------------------------------------------------------------ */

static int parse(const char *s, int32_t *days, char *why) { return gv_date_parse(s, strlen(s), days, why); }

static void test_date_parse(void) {
  int32_t d = 0;
  char why[GV_DATE_WHY];
  CU_ASSERT_EQUAL(parse("2023-10-07", &d, why), 0);
  CU_ASSERT_EQUAL(d, 19637);
  CU_ASSERT_EQUAL(parse("2024-02-29", &d, why), 0);
  CU_ASSERT_EQUAL(d, 19782);
  CU_ASSERT_EQUAL(parse("1970-01-01", &d, NULL), 0);
  CU_ASSERT_EQUAL(d, 0);

  CU_ASSERT_EQUAL(parse("2023-02-29", &d, why), GOVOPEN_ERANGE);
  CU_ASSERT_STRING_EQUAL(why, "the day 29 is not 01 to 28: 2023-02 has 28 days");
  CU_ASSERT_EQUAL(parse("2023-13-01", &d, why), GOVOPEN_ERANGE);
  CU_ASSERT_STRING_EQUAL(why, "the month 13 is not 01 to 12");
  CU_ASSERT_EQUAL(parse("2023-00-10", &d, why), GOVOPEN_ERANGE);
  CU_ASSERT_EQUAL(parse("2023-04-31", &d, why), GOVOPEN_ERANGE);
  CU_ASSERT_STRING_EQUAL(why, "the day 31 is not 01 to 30: 2023-04 has 30 days");
  CU_ASSERT_EQUAL(parse("2023-01-00", &d, why), GOVOPEN_ERANGE);
  CU_ASSERT_EQUAL(parse("0000-01-01", &d, why), GOVOPEN_ERANGE);
  CU_ASSERT_STRING_EQUAL(why, "the year 0000 is not 0001 to 9999");

  CU_ASSERT_EQUAL(parse("2023-1-5", &d, why), GOVOPEN_EPARSE);
  CU_ASSERT_STRING_EQUAL(why, "expected a date as YYYY-MM-DD");
  CU_ASSERT_EQUAL(parse("2023-01-5", &d, why), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(parse("2023-01-05x", &d, why), GOVOPEN_EPARSE);
  CU_ASSERT_STRING_EQUAL(why, "unexpected text after the date; expected YYYY-MM-DD");
  CU_ASSERT_EQUAL(parse("2023-01-05 ", &d, why), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(parse(" 2023-01-05", &d, why), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(parse("2023/01/05", &d, why), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(parse("2023-01-05T10:00", &d, why), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(parse("20230105", &d, why), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(parse("", &d, why), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(parse("+023-01-05", &d, why), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(gv_date_parse("2023-01-05\0", 11, &d, why), GOVOPEN_EPARSE); /* a NUL is text too */
  CU_ASSERT_EQUAL(d, 0);                                                       /* untouched by failures */

  char out[GV_DATE_TEXT];
  gv_date_format(19782, out);
  CU_ASSERT_STRING_EQUAL(out, "2024-02-29");
  gv_date_format(-1, out);
  CU_ASSERT_STRING_EQUAL(out, "1969-12-31");
  gv_date_format(gv_days_from_civil(1, 1, 1), out);
  CU_ASSERT_STRING_EQUAL(out, "0001-01-01");
}

static int64_t dt(const char *s) {
  int64_t t = INT64_MIN;
  char why[GV_DATE_WHY];
  if (gv_datetime_parse(s, strlen(s), &t, why) != 0) fprintf(stderr, "\n    %s: %s", s, why);
  return t;
}

static int dt_status(const char *s) {
  int64_t t;
  return gv_datetime_parse(s, strlen(s), &t, NULL);
}

static void test_datetime_parse(void) {
  /* 2023-10-07 is day 19637: 1696636800 s at 00:00 UTC */
  CU_ASSERT_EQUAL(dt("2023-10-07T09:30"), 1696636800 + 5400); /* no offset: UTC+8 */
  CU_ASSERT_EQUAL(dt("2023-10-07T09:30+08:00"), 1696636800 + 5400);
  CU_ASSERT_EQUAL(dt("2023-10-07T09:30:15Z"), 1696636800 + 34215);
  CU_ASSERT_EQUAL(dt("2023-10-07T09:30-05:00"), 1696636800 + 34200 + 18000);
  CU_ASSERT_EQUAL(dt("2023-10-07T01:30:00Z"), dt("2023-10-07T09:30"));
  CU_ASSERT_EQUAL(dt("1970-01-01T08:00"), 0);
  CU_ASSERT_EQUAL(dt("1970-01-01T00:00Z"), 0);
  CU_ASSERT_EQUAL(dt("1970-01-01T07:59:59"), -1);
  CU_ASSERT_EQUAL(dt("2024-02-29T23:59:59+00:00"), 19782LL * 86400 + 86399);

  CU_ASSERT_EQUAL(dt_status("2023-10-07 09:30"), GOVOPEN_EPARSE); /* a space is not the T */
  CU_ASSERT_EQUAL(dt_status("2023-10-07t09:30"), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(dt_status("2023-10-07"), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(dt_status("2023-10-07T9:30"), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(dt_status("2023-10-07T09:3"), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(dt_status("2023-10-07T09:30:5"), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(dt_status("2023-10-07T09:30+8:00"), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(dt_status("2023-10-07T09:30+0800"), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(dt_status("2023-10-07T09:30Z "), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(dt_status("2023-10-07T09:30Zjunk"), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(dt_status("2023-10-07T24:00"), GOVOPEN_ERANGE);
  CU_ASSERT_EQUAL(dt_status("2023-10-07T09:60"), GOVOPEN_ERANGE);
  CU_ASSERT_EQUAL(dt_status("2023-10-07T09:30:60"), GOVOPEN_ERANGE);
  CU_ASSERT_EQUAL(dt_status("2023-10-07T09:30+24:00"), GOVOPEN_ERANGE);
  CU_ASSERT_EQUAL(dt_status("2023-02-29T10:00"), GOVOPEN_ERANGE);
  CU_ASSERT_EQUAL(dt_status("2023-02-29"), GOVOPEN_ERANGE);
  char why[GV_DATE_WHY];
  int64_t t;
  CU_ASSERT_EQUAL(gv_datetime_parse("2023-10-07T25:00", 16, &t, why), GOVOPEN_ERANGE);
  CU_ASSERT_STRING_EQUAL(why, "the time 25:00 is not 00:00 to 23:59");

  char out[GV_DATETIME_TEXT];
  gv_datetime_format(1696636800 + 5400, GV_CST_OFFSET_MIN, out);
  CU_ASSERT_STRING_EQUAL(out, "2023-10-07T09:30:00+08:00");
  gv_datetime_format(1696636800 + 5400, 0, out);
  CU_ASSERT_STRING_EQUAL(out, "2023-10-07T01:30:00Z");
  gv_datetime_format(-1, 0, out);
  CU_ASSERT_STRING_EQUAL(out, "1969-12-31T23:59:59Z");
  gv_datetime_format(0, -330, out);
  CU_ASSERT_STRING_EQUAL(out, "1969-12-31T18:30:00-05:30");

  /* the local date of an instant: 07:30 in Beijing is still the day before in UTC */
  int64_t early = dt("2023-10-07T07:30");
  CU_ASSERT_EQUAL(gv_datetime_day(early, GV_CST_OFFSET_MIN), 19637);
  CU_ASSERT_EQUAL(gv_datetime_day(early, 0), 19636);
  CU_ASSERT_EQUAL(gv_datetime_day(-1, 0), -1);
  CU_ASSERT_EQUAL(gv_day_start(19637, GV_CST_OFFSET_MIN), dt("2023-10-07T00:00"));
}

/* Convention: an hour period counts elapsed hours from the event's time,
   holidays and nights included. */
static void test_hours_between(void) {
  CU_ASSERT_DOUBLE_EQUAL(gv_hours_between(dt("2023-10-07T09:30"), dt("2023-10-08T09:30")), 24.0, 0.0);
  CU_ASSERT_DOUBLE_EQUAL(gv_hours_between(dt("2023-10-07T09:30"), dt("2023-10-07T11:00")), 1.5, 0.0);
  CU_ASSERT_DOUBLE_EQUAL(gv_hours_between(dt("2023-10-07T11:00"), dt("2023-10-07T09:30")), -1.5, 0.0);
  CU_ASSERT_DOUBLE_EQUAL(gv_hours_between(dt("2023-10-07T09:30"), dt("2023-10-07T01:30Z")), 0.0, 0.0);
  /* across the whole 国庆/中秋 2023 break: 7 days and 16 hours */
  CU_ASSERT_DOUBLE_EQUAL(gv_hours_between(dt("2023-09-29T17:00"), dt("2023-10-07T09:00")), 184.0, 0.0);
  /* a 24-hour reply to an event at 17:00 is due 17:00 the next day, holiday or not */
  CU_ASSERT_TRUE(gv_hours_between(dt("2023-09-29T17:00"), dt("2023-09-30T16:59")) <= 24.0);
  CU_ASSERT_FALSE(gv_hours_between(dt("2023-09-29T17:00"), dt("2023-09-30T17:01")) <= 24.0);
}

/* --- the built-in calendar ------------------------------------------------------- */

static govopen_calendar *cn(void) {
  govopen_calendar *cal = NULL;
  govopen_error *err = NULL;
  int r = govopen_calendar_load_builtin(&cal, "cn", NULL, &err);
  CU_ASSERT_EQUAL(r, GOVOPEN_OK);
  if (err) fprintf(stderr, "\n    cn: %s", govopen_error_message(err));
  govopen_error_free(err);
  return cal;
}

/* Assertions that say which call failed. */
static int workday(const govopen_calendar *cal, const char *date) {
  int out = -1;
  govopen_error *err = NULL;
  if (govopen_calendar_is_workday(cal, date, &out, &err) != GOVOPEN_OK)
    fprintf(stderr, "\n    is_workday %s: %s", date, govopen_error_message(err));
  govopen_error_free(err);
  return out;
}

#define CHECK_WORKDAY(cal, date, expected)                                                             \
  do {                                                                                                 \
    int w_ = workday(cal, date);                                                                       \
    if (w_ != (expected)) fprintf(stderr, "\n    %s: is_workday %d, expected %d", date, w_, expected); \
    CU_ASSERT_EQUAL(w_, expected);                                                                     \
  } while (0)

#define CHECK_ADD_WORKDAYS(cal, date, n, expected)                                               \
  do {                                                                                           \
    char o_[11] = "x";                                                                           \
    govopen_error *e_ = NULL;                                                                    \
    int r_ = govopen_calendar_add_workdays(cal, date, n, o_, &e_);                               \
    if (r_ != 0 || strcmp(o_, expected) != 0)                                                    \
      fprintf(stderr, "\n    add_workdays(%s, %d) = '%s' (%d %s), expected %s", date, n, o_, r_, \
              e_ ? govopen_error_message(e_) : "", expected);                                    \
    CU_ASSERT_EQUAL(r_, GOVOPEN_OK);                                                             \
    CU_ASSERT_STRING_EQUAL(o_, expected);                                                        \
    govopen_error_free(e_);                                                                      \
  } while (0)

#define CHECK_BETWEEN(cal, d1, d2, expected)                                                              \
  do {                                                                                                    \
    int n_ = -1;                                                                                          \
    int r_ = govopen_calendar_workdays_between(cal, d1, d2, &n_, NULL);                                   \
    if (r_ != 0 || n_ != (expected))                                                                      \
      fprintf(stderr, "\n    workdays_between(%s, %s) = %d (%d), expected %d", d1, d2, n_, r_, expected); \
    CU_ASSERT_EQUAL(r_, GOVOPEN_OK);                                                                      \
    CU_ASSERT_EQUAL(n_, expected);                                                                        \
  } while (0)

#define CHECK_ADD_DAYS(cal, date, n, roll, expected)                                                           \
  do {                                                                                                         \
    char o_[11] = "x";                                                                                         \
    int r_ = govopen_calendar_add_days(cal, date, n, roll, o_, NULL);                                          \
    if (r_ != 0 || strcmp(o_, expected) != 0)                                                                  \
      fprintf(stderr, "\n    add_days(%s, %d, %d) = '%s' (%d), expected %s", date, n, roll, o_, r_, expected); \
    CU_ASSERT_EQUAL(r_, GOVOPEN_OK);                                                                           \
    CU_ASSERT_STRING_EQUAL(o_, expected);                                                                      \
  } while (0)

static void test_builtin_table(void) {
  CU_ASSERT_EQUAL(govopen_builtin_calendar_count(), 1);
  CU_ASSERT_STRING_EQUAL(govopen_builtin_calendar_id(0), "cn");
  CU_ASSERT_PTR_NULL(govopen_builtin_calendar_id(1));
  govopen_calendar *cal = cn();
  CU_ASSERT_PTR_NOT_NULL_FATAL(cal);
  CU_ASSERT_STRING_EQUAL(govopen_calendar_id(cal), "cn");
  CU_ASSERT_STRING_EQUAL(govopen_calendar_name(cal), "中国大陆法定节假日和调休");
  CU_ASSERT_EQUAL(govopen_calendar_first_year(cal), 2022);
  CU_ASSERT_EQUAL(govopen_calendar_last_year(cal), 2026);
  CU_ASSERT_EQUAL(govopen_calendar_provenance_count(cal), 5);
  CU_ASSERT_STRING_EQUAL(govopen_calendar_provenance(cal, 0),
                         "国务院办公厅关于2022年部分节假日安排的通知 "
                         "http://www.gov.cn/zhengce/zhengceku/2021-10/25/content_5644835.htm");
  CU_ASSERT_STRING_EQUAL(govopen_calendar_provenance(cal, 1),
                         "国务院办公厅关于2023年部分节假日安排的通知 "
                         "http://www.gov.cn/zhengce/zhengceku/2022-12/08/content_5730844.htm");
  CU_ASSERT_STRING_EQUAL(govopen_calendar_provenance(cal, 4),
                         "国务院办公厅关于2026年部分节假日安排的通知 "
                         "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm");
  CU_ASSERT_PTR_NULL(govopen_calendar_provenance(cal, 5));
  govopen_calendar_free(cal);

  govopen_error *err = NULL;
  cal = (govopen_calendar *)&cal;
  CU_ASSERT_EQUAL(govopen_calendar_load_builtin(&cal, "cn-2027", NULL, &err), GOVOPEN_ENOTFOUND);
  CU_ASSERT_PTR_NULL(cal);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err), "no built-in calendar 'cn-2027'");
  govopen_error_free(err);
  CU_ASSERT_EQUAL(govopen_calendar_load_builtin(NULL, "cn", NULL, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_calendar_load_builtin(&cal, NULL, NULL, NULL), GOVOPEN_EINVALID);
  govopen_calendar_free(NULL);
}

/* 中秋节、国庆节 2023: 9/29 (Fri) to 10/6 (Fri) off; 10/7 (Sat) and 10/8 (Sun) worked. */
static void test_guoqing_2023(void) {
  govopen_calendar *cal = cn();
  CU_ASSERT_PTR_NOT_NULL_FATAL(cal);
  CHECK_WORKDAY(cal, "2023-09-23", 0); /* an ordinary Saturday */
  CHECK_WORKDAY(cal, "2023-09-28", 1);
  CHECK_WORKDAY(cal, "2023-09-29", 0);
  CHECK_WORKDAY(cal, "2023-10-01", 0);
  CHECK_WORKDAY(cal, "2023-10-06", 0);
  CHECK_WORKDAY(cal, "2023-10-07", 1);
  CHECK_WORKDAY(cal, "2023-10-08", 1);
  CHECK_WORKDAY(cal, "2023-10-09", 1);
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(cal, "2023-10-03"), "中秋节、国庆节");
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(cal, "2023-10-07"), "中秋节、国庆节");
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(cal, "2023-10-09"), "");

  /* a working-day period: the event's day is not counted, only working days are */
  CHECK_ADD_WORKDAYS(cal, "2023-09-27", 1, "2023-09-28");
  CHECK_ADD_WORKDAYS(cal, "2023-09-28", 1, "2023-10-07");
  CHECK_ADD_WORKDAYS(cal, "2023-09-28", 2, "2023-10-08");
  CHECK_ADD_WORKDAYS(cal, "2023-09-28", 3, "2023-10-09");
  CHECK_ADD_WORKDAYS(cal, "2023-09-30", 1, "2023-10-07"); /* an event on a day off */
  CHECK_ADD_WORKDAYS(cal, "2023-09-29", 0, "2023-09-29"); /* n = 0: the date itself */
  /* 20 working days (政府信息公开条例 第三十三条) from Monday 9/25:
     9/26-9/28 (3), 10/7-10/8 (5), 10/9-10/13 (10), 10/16-10/20 (15), 10/23-10/27 (20) */
  CHECK_ADD_WORKDAYS(cal, "2023-09-25", 20, "2023-10-27");

  CHECK_BETWEEN(cal, "2023-09-28", "2023-10-06", 0);
  CHECK_BETWEEN(cal, "2023-09-28", "2023-10-07", 1);
  CHECK_BETWEEN(cal, "2023-09-28", "2023-10-09", 3);
  CHECK_BETWEEN(cal, "2023-09-25", "2023-10-27", 20);
  CHECK_BETWEEN(cal, "2023-10-09", "2023-09-28", 0); /* d2 before d1 */
  CHECK_BETWEEN(cal, "2023-10-09", "2023-10-09", 0);
  govopen_calendar_free(cal);
}

/* 春节 2023: 1/21 (Sat) to 1/27 (Fri) off; 1/28 (Sat) and 1/29 (Sun) worked. */
static void test_chunjie_2023(void) {
  govopen_calendar *cal = cn();
  CU_ASSERT_PTR_NOT_NULL_FATAL(cal);
  CHECK_WORKDAY(cal, "2023-01-20", 1);
  CHECK_WORKDAY(cal, "2023-01-21", 0);
  CHECK_WORKDAY(cal, "2023-01-23", 0);
  CHECK_WORKDAY(cal, "2023-01-27", 0);
  CHECK_WORKDAY(cal, "2023-01-28", 1);
  CHECK_WORKDAY(cal, "2023-01-29", 1);
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(cal, "2023-01-29"), "春节");
  CHECK_ADD_WORKDAYS(cal, "2023-01-20", 1, "2023-01-28");
  CHECK_ADD_WORKDAYS(cal, "2023-01-20", 3, "2023-01-30");
  CHECK_BETWEEN(cal, "2023-01-20", "2023-01-31", 4); /* 1/28, 1/29, 1/30, 1/31 */
  govopen_calendar_free(cal);
}

/* 劳动节 2023: 4/23 (Sun) worked; 4/29 (Sat) to 5/3 (Wed) off; 5/6 (Sat) worked. */
static void test_laodong_2023(void) {
  govopen_calendar *cal = cn();
  CU_ASSERT_PTR_NOT_NULL_FATAL(cal);
  CHECK_WORKDAY(cal, "2023-04-22", 0);
  CHECK_WORKDAY(cal, "2023-04-23", 1);
  CHECK_WORKDAY(cal, "2023-04-29", 0);
  CHECK_WORKDAY(cal, "2023-05-03", 0);
  CHECK_WORKDAY(cal, "2023-05-04", 1);
  CHECK_WORKDAY(cal, "2023-05-06", 1);
  CHECK_WORKDAY(cal, "2023-05-07", 0);
  CHECK_ADD_WORKDAYS(cal, "2023-04-21", 1, "2023-04-23");
  CHECK_ADD_WORKDAYS(cal, "2023-04-28", 1, "2023-05-04");
  /* 4/21, 4/23, 4/24-4/28, 5/4, 5/5, 5/6, 5/8-5/10 */
  CHECK_BETWEEN(cal, "2023-04-20", "2023-05-10", 13);
  govopen_calendar_free(cal);
}

/* Convention: a deadline in calendar days that ends on a day off moves to the next working day. */
static void test_calendar_day_deadlines(void) {
  govopen_calendar *cal = cn();
  CU_ASSERT_PTR_NOT_NULL_FATAL(cal);
  CHECK_ADD_DAYS(cal, "2023-09-14", 15, 0, "2023-09-29");
  CHECK_ADD_DAYS(cal, "2023-09-14", 15, 1, "2023-10-07");
  CHECK_ADD_DAYS(cal, "2023-09-16", 15, 1, "2023-10-07");
  CHECK_ADD_DAYS(cal, "2023-01-06", 15, 1, "2023-01-28"); /* 1/21, in 春节, to the worked Saturday */
  CHECK_ADD_DAYS(cal, "2023-03-03", 1, 1, "2023-03-06");  /* an ordinary weekend */
  CHECK_ADD_DAYS(cal, "2023-10-01", 6, 1, "2023-10-07");  /* ends on a worked Saturday: stays */
  CHECK_ADD_DAYS(cal, "2023-10-01", 0, 1, "2023-10-07");
  CHECK_ADD_DAYS(cal, "2023-10-01", 0, 0, "2023-10-01");
  CHECK_ADD_DAYS(cal, "2024-02-28", 1, 0, "2024-02-29");
  CHECK_ADD_DAYS(cal, "2023-02-28", 1, 0, "2023-03-01");
  CHECK_ADD_DAYS(cal, "2022-01-01", 365, 0, "2023-01-01");
  govopen_calendar_free(cal);
}

/* 元旦 2023 began on 2022-12-31 (Sat), listed by the 2023 notice. */
static void test_year_boundary(void) {
  govopen_calendar *cal = cn();
  CU_ASSERT_PTR_NOT_NULL_FATAL(cal);
  CHECK_WORKDAY(cal, "2022-12-30", 1);
  CHECK_WORKDAY(cal, "2022-12-31", 0);
  CHECK_WORKDAY(cal, "2023-01-02", 0);
  CHECK_WORKDAY(cal, "2023-01-03", 1);
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(cal, "2022-12-31"), "元旦");
  CHECK_ADD_WORKDAYS(cal, "2022-12-30", 1, "2023-01-03");
  CHECK_BETWEEN(cal, "2022-12-29", "2023-01-04", 3); /* 12/30, 1/3, 1/4 */
  CHECK_ADD_DAYS(cal, "2022-12-20", 11, 1, "2023-01-03");
  govopen_calendar_free(cal);
}

/* The working days of each year, counted by hand: weekdays, less the
   holidays on weekdays, plus the weekend days worked.
   2022: 260 - 18 + 7 = 249; 2023: 260 - 18 + 7 = 249; 2024: 262 - 19 + 8 = 251;
   2025: 261 - 18 + 5 = 248; 2026: 261 - 19 + 6 = 248. */
static void test_years(void) {
  govopen_calendar *cal = cn();
  CU_ASSERT_PTR_NOT_NULL_FATAL(cal);
  CHECK_BETWEEN(cal, "2022-01-01", "2022-12-31", 249); /* 2022-01-01 is a day off */
  CHECK_BETWEEN(cal, "2022-12-31", "2023-12-31", 249);
  CHECK_BETWEEN(cal, "2023-12-31", "2024-12-31", 251);
  CHECK_BETWEEN(cal, "2024-12-31", "2025-12-31", 248);
  CHECK_BETWEEN(cal, "2025-12-31", "2026-12-31", 248);
  CHECK_BETWEEN(cal, "2022-01-01", "2026-12-31", 1245);
  govopen_calendar_free(cal);
}

static void test_range_edges(void) {
  govopen_calendar *cal = cn();
  CU_ASSERT_PTR_NOT_NULL_FATAL(cal);
  CHECK_WORKDAY(cal, "2022-01-01", 0); /* Saturday, 元旦 */
  CHECK_WORKDAY(cal, "2022-01-04", 1);
  CHECK_WORKDAY(cal, "2026-12-31", 1); /* Thursday */
  CHECK_ADD_WORKDAYS(cal, "2022-01-01", 1, "2022-01-04");
  CHECK_ADD_WORKDAYS(cal, "2026-12-30", 1, "2026-12-31");
  CHECK_ADD_WORKDAYS(cal, "2026-12-31", 0, "2026-12-31");
  CHECK_ADD_DAYS(cal, "2026-12-26", 0, 1, "2026-12-28");

  char out[11] = "x";
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_calendar_add_workdays(cal, "2026-12-31", 1, out, &err), GOVOPEN_ERANGE);
  CU_ASSERT_STRING_EQUAL(out, "");
  CU_ASSERT_STRING_EQUAL(
      govopen_error_message(err),
      "the 1st working day after 2026-12-31 is outside the calendar 'cn', which covers 2022 to 2026");
  govopen_error_free(err);
  /* 12/29, 12/30, 12/31 are the last three */
  CU_ASSERT_EQUAL(govopen_calendar_add_workdays(cal, "2026-12-28", 3, out, NULL), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(out, "2026-12-31");
  CU_ASSERT_EQUAL(govopen_calendar_add_workdays(cal, "2026-12-28", 4, out, &err), GOVOPEN_ERANGE);
  CU_ASSERT_STRING_EQUAL(
      govopen_error_message(err),
      "the 4th working day after 2026-12-28 is outside the calendar 'cn', which covers 2022 to 2026");
  govopen_error_free(err);

  int n = -1;
  CU_ASSERT_EQUAL(govopen_calendar_is_workday(cal, "2027-01-01", &n, &err), GOVOPEN_ERANGE);
  CU_ASSERT_EQUAL(n, -1);
  CU_ASSERT_EQUAL(govopen_error_code(err), GOVOPEN_ERANGE);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err),
                         "the date 2027-01-01 is outside the calendar 'cn', which covers 2022 to 2026");
  govopen_error_free(err);
  CU_ASSERT_EQUAL(govopen_calendar_is_workday(cal, "2021-12-31", &n, NULL), GOVOPEN_ERANGE);
  CU_ASSERT_EQUAL(govopen_calendar_add_workdays(cal, "2021-12-31", 1, out, NULL), GOVOPEN_ERANGE);
  CU_ASSERT_EQUAL(govopen_calendar_workdays_between(cal, "2021-12-31", "2022-01-04", &n, NULL), GOVOPEN_ERANGE);
  CU_ASSERT_EQUAL(govopen_calendar_workdays_between(cal, "2026-12-01", "2027-01-04", &n, &err), GOVOPEN_ERANGE);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err),
                         "the date 2027-01-04 is outside the calendar 'cn', which covers 2022 to 2026");
  govopen_error_free(err);
  CU_ASSERT_EQUAL(govopen_calendar_add_days(cal, "2026-12-31", 1, 0, out, &err), GOVOPEN_ERANGE);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err),
                         "the date 1 day after 2026-12-31 is outside the calendar 'cn', which covers 2022 to 2026");
  govopen_error_free(err);
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(cal, "2027-01-01"), "");
  govopen_calendar_free(cal);
}

/* Spot checks of the other years against their notices. */
static void test_notices_2022_2024_2025_2026(void) {
  govopen_calendar *cal = cn();
  CU_ASSERT_PTR_NOT_NULL_FATAL(cal);
  /* 2022: 春节 1/31-2/6, 1/29-1/30 worked; 清明 4/3-4/5, 4/2 worked; 劳动节 4/30-5/4,
     4/24 and 5/7 worked; 端午 6/3-6/5; 中秋 9/10-9/12; 国庆 10/1-10/7, 10/8-10/9 worked */
  CHECK_WORKDAY(cal, "2022-01-29", 1);
  CHECK_WORKDAY(cal, "2022-01-31", 0);
  CHECK_WORKDAY(cal, "2022-04-02", 1);
  CHECK_WORKDAY(cal, "2022-04-05", 0);
  CHECK_WORKDAY(cal, "2022-04-24", 1);
  CHECK_WORKDAY(cal, "2022-05-07", 1);
  CHECK_WORKDAY(cal, "2022-06-03", 0);
  CHECK_WORKDAY(cal, "2022-09-12", 0);
  CHECK_WORKDAY(cal, "2022-10-09", 1);
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(cal, "2022-09-12"), "中秋节");
  CHECK_ADD_WORKDAYS(cal, "2022-09-30", 1, "2022-10-08");
  /* 2024: 春节 2/10-2/17 (除夕 2/9 is worked), 2/4 and 2/18 worked; 清明 4/4-4/6, 4/7 worked;
     劳动节 5/1-5/5, 4/28 and 5/11 worked; 端午 6/10; 中秋 9/15-9/17, 9/14 worked;
     国庆 10/1-10/7, 9/29 and 10/12 worked */
  CHECK_WORKDAY(cal, "2024-02-04", 1);
  CHECK_WORKDAY(cal, "2024-02-09", 1);
  CHECK_WORKDAY(cal, "2024-02-10", 0);
  CHECK_WORKDAY(cal, "2024-02-18", 1);
  CHECK_WORKDAY(cal, "2024-04-07", 1);
  CHECK_WORKDAY(cal, "2024-06-10", 0);
  CHECK_WORKDAY(cal, "2024-09-14", 1);
  CHECK_WORKDAY(cal, "2024-09-29", 1);
  CHECK_WORKDAY(cal, "2024-10-07", 0);
  CHECK_WORKDAY(cal, "2024-10-12", 1);
  CHECK_ADD_WORKDAYS(cal, "2024-09-30", 1, "2024-10-08");
  /* 2025: 春节 1/28 (除夕) to 2/4, 1/26 and 2/8 worked; 劳动节 5/1-5/5, 4/27 worked;
     端午 5/31-6/2; 国庆节、中秋节 10/1-10/8, 9/28 and 10/11 worked */
  CHECK_WORKDAY(cal, "2025-01-26", 1);
  CHECK_WORKDAY(cal, "2025-01-28", 0);
  CHECK_WORKDAY(cal, "2025-02-08", 1);
  CHECK_WORKDAY(cal, "2025-04-27", 1);
  CHECK_WORKDAY(cal, "2025-05-02", 0);
  CHECK_WORKDAY(cal, "2025-06-02", 0);
  CHECK_WORKDAY(cal, "2025-09-28", 1);
  CHECK_WORKDAY(cal, "2025-10-08", 0);
  CHECK_WORKDAY(cal, "2025-10-11", 1);
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(cal, "2025-10-08"), "国庆节、中秋节");
  CHECK_ADD_WORKDAYS(cal, "2025-09-30", 1, "2025-10-09");
  /* 2026: 元旦 1/1-1/3, 1/4 worked; 春节 2/15-2/23, 2/14 and 2/28 worked; 劳动节 5/1-5/5,
     5/9 worked; 中秋 9/25-9/27; 国庆 10/1-10/7, 9/20 and 10/10 worked */
  CHECK_WORKDAY(cal, "2026-01-02", 0);
  CHECK_WORKDAY(cal, "2026-01-04", 1);
  CHECK_WORKDAY(cal, "2026-02-14", 1);
  CHECK_WORKDAY(cal, "2026-02-23", 0);
  CHECK_WORKDAY(cal, "2026-02-24", 1);
  CHECK_WORKDAY(cal, "2026-02-28", 1);
  CHECK_WORKDAY(cal, "2026-05-09", 1);
  CHECK_WORKDAY(cal, "2026-09-20", 1);
  CHECK_WORKDAY(cal, "2026-09-25", 0);
  CHECK_WORKDAY(cal, "2026-10-08", 1);
  CHECK_WORKDAY(cal, "2026-10-10", 1);
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(cal, "2026-09-20"), "国庆节");
  CHECK_BETWEEN(cal, "2026-02-13", "2026-02-28", 6); /* 2/14, 2/24-2/27, 2/28 */
  govopen_calendar_free(cal);
}

static void test_api_errors(void) {
  govopen_calendar *cal = cn();
  CU_ASSERT_PTR_NOT_NULL_FATAL(cal);
  govopen_error *err = NULL;
  int n = -1;
  char out[11] = "x";
  static const char *const bad[] = {"2023-02-29", "2023-13-01", "2023-1-5", "2023-01-05x", "2023-01-05T10:00", ""};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    CU_ASSERT_EQUAL(govopen_calendar_is_workday(cal, bad[i], &n, &err), GOVOPEN_EINVALID);
    CU_ASSERT_EQUAL(govopen_error_code(err), GOVOPEN_EINVALID);
    govopen_error_free(err);
    CU_ASSERT_EQUAL(govopen_calendar_add_workdays(cal, bad[i], 1, out, NULL), GOVOPEN_EINVALID);
    CU_ASSERT_EQUAL(govopen_calendar_add_days(cal, bad[i], 1, 1, out, NULL), GOVOPEN_EINVALID);
    CU_ASSERT_EQUAL(govopen_calendar_workdays_between(cal, "2023-01-01", bad[i], &n, NULL), GOVOPEN_EINVALID);
    CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(cal, bad[i]), "");
  }
  CU_ASSERT_EQUAL(n, -1);
  CU_ASSERT_EQUAL(govopen_calendar_is_workday(cal, "2023-02-29", &n, &err), GOVOPEN_EINVALID);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err),
                         "invalid date '2023-02-29': the day 29 is not 01 to 28: 2023-02 has 28 days");
  CU_ASSERT_STRING_EQUAL(govopen_error_source(err), "");
  CU_ASSERT_EQUAL(govopen_error_line(err), 0);
  govopen_error_free(err);
  /* long text is cut short in the message: its first 44 bytes, then "..." */
  CU_ASSERT_EQUAL(govopen_calendar_is_workday(cal, "2023-01-01 and a great deal more text than any date has", &n, &err),
                  GOVOPEN_EINVALID);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err),
                         "invalid date '2023-01-01 and a great deal more text than a...': unexpected text after the "
                         "date; expected YYYY-MM-DD");
  govopen_error_free(err);

  CU_ASSERT_EQUAL(govopen_calendar_add_workdays(cal, "2023-01-03", -1, out, &err), GOVOPEN_EINVALID);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err), "the number of working days is -1; it must be 0 or more");
  govopen_error_free(err);
  CU_ASSERT_EQUAL(govopen_calendar_add_days(cal, "2023-01-03", -1, 0, out, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_calendar_add_workdays(cal, "2023-01-03", 2147483647, out, NULL), GOVOPEN_ERANGE);
  CU_ASSERT_EQUAL(govopen_calendar_add_days(cal, "2023-01-03", 2147483647, 1, out, NULL), GOVOPEN_ERANGE);

  CU_ASSERT_EQUAL(govopen_calendar_is_workday(NULL, "2023-01-03", &n, &err), GOVOPEN_EINVALID);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err), "no calendar given");
  govopen_error_free(err);
  CU_ASSERT_EQUAL(govopen_calendar_is_workday(cal, NULL, &n, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_calendar_is_workday(cal, "2023-01-03", NULL, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_calendar_add_workdays(cal, "2023-01-03", 1, NULL, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_calendar_add_days(cal, "2023-01-03", 1, 0, NULL, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_calendar_workdays_between(cal, "2023-01-03", "2023-01-04", NULL, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_calendar_workdays_between(cal, NULL, "2023-01-04", &n, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(NULL, "2023-10-01"), "");
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(cal, NULL), "");
  CU_ASSERT_STRING_EQUAL(govopen_calendar_id(NULL), "");
  CU_ASSERT_EQUAL(govopen_calendar_first_year(NULL), 0);
  CU_ASSERT_EQUAL(govopen_calendar_provenance_count(NULL), 0);
  govopen_calendar_free(cal);
}

/* --- loading ---------------------------------------------------------------------- */

static int load_text(const char *yaml, govopen_calendar **cal, govopen_error **err) {
  return govopen_calendar_load_buffer(cal, yaml, strlen(yaml), "cal.yaml", NULL, err);
}

static void test_load_buffer(void) {
  /* a calendar of its own: one year, a Friday-Saturday weekend, no base */
  const char *yaml = "schema: 1\n"
                     "calendar: {id: gulf, name: 周五周六休息, years: [2023, 2023], weekend: [fri, sat]}\n"
                     "holidays:\n"
                     "  - {name: 假日, off: [2023-10-01, 2023-10-02..2023-10-03]}\n"
                     "  - {name: 补班, work: 2023-10-06}\n"
                     "  - {name: 年末, off: 2023-12-31}\n";
  govopen_calendar *cal = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL_FATAL(load_text(yaml, &cal, &err), GOVOPEN_OK);
  CU_ASSERT_PTR_NULL(err);
  CU_ASSERT_EQUAL(govopen_calendar_provenance_count(cal), 0);
  CHECK_WORKDAY(cal, "2023-09-29", 0); /* Friday */
  CHECK_WORKDAY(cal, "2023-09-30", 0); /* Saturday */
  CHECK_WORKDAY(cal, "2023-10-01", 0); /* Sunday, a holiday */
  CHECK_WORKDAY(cal, "2023-10-04", 1);
  CHECK_WORKDAY(cal, "2023-10-06", 1); /* a Friday worked */
  CHECK_WORKDAY(cal, "2023-10-08", 1); /* Sunday */
  CHECK_ADD_WORKDAYS(cal, "2023-09-28", 1, "2023-10-04");
  /* a deadline rolled past the last day is out of range: 12/29 and 12/30 are the
     weekend, 12/31 (a Sunday, a working day here) is a holiday */
  char out[11];
  CHECK_ADD_DAYS(cal, "2023-12-28", 0, 1, "2023-12-28"); /* Thursday */
  CU_ASSERT_EQUAL(govopen_calendar_add_days(cal, "2023-12-28", 1, 1, out, &err), GOVOPEN_ERANGE);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err), "the first working day from 2023-12-29 on is outside the "
                                                     "calendar 'gulf', which covers 2023 to 2023");
  govopen_error_free(err);
  CU_ASSERT_EQUAL(govopen_calendar_add_days(cal, "2023-12-28", 1, 0, out, NULL), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(out, "2023-12-29");
  govopen_calendar_free(cal);

  /* no weekend at all; nothing listed */
  CU_ASSERT_EQUAL_FATAL(
      load_text("schema: 1\ncalendar: {id: all, name: 全勤, years: [2023, 2023], weekend: []}\n", &cal, NULL),
      GOVOPEN_OK);
  CHECK_BETWEEN(cal, "2023-01-01", "2023-12-31", 364);
  govopen_calendar_free(cal);

  /* the loader's limits apply */
  govopen_options *o = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&o), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_SIZE, 10), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_calendar_load_buffer(&cal, yaml, strlen(yaml), NULL, o, &err), GOVOPEN_ELIMIT);
  CU_ASSERT_STRING_EQUAL(govopen_error_source(err), "<buffer>");
  govopen_error_free(err);
  govopen_options_free(o);
  CU_ASSERT_EQUAL(govopen_calendar_load_buffer(&cal, NULL, 3, NULL, NULL, NULL), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_calendar_load_file(&cal, test_path("fixtures/calendar/none.yaml"), NULL, &err),
                  GOVOPEN_ENOTFOUND);
  CU_ASSERT_PTR_NULL(cal);
  govopen_error_free(err);
  CU_ASSERT_EQUAL(govopen_calendar_load_file(&cal, NULL, NULL, NULL), GOVOPEN_EINVALID);
}

/* A county calendar inherits the national one and adds its own days. */
static void test_county_with_base(void) {
  govopen_calendar *cal = NULL;
  govopen_error *err = NULL;
  int r = govopen_calendar_load_file(&cal, test_path("fixtures/calendar/county.yaml"), NULL, &err);
  if (err) fprintf(stderr, "\n    county: %s [%s]", govopen_error_message(err), govopen_error_path(err));
  CU_ASSERT_EQUAL_FATAL(r, GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(govopen_calendar_id(cal), "test-county");
  CU_ASSERT_EQUAL(govopen_calendar_first_year(cal), 2023);
  CU_ASSERT_EQUAL(govopen_calendar_last_year(cal), 2024);
  CU_ASSERT_EQUAL(govopen_calendar_provenance_count(cal), 6); /* its own, then cn's five */
  CU_ASSERT_STRING_EQUAL(govopen_calendar_provenance(cal, 0), "示例县人民政府办公室关于县庆放假的通知（虚构）");
  CU_ASSERT_STRING_EQUAL(govopen_calendar_provenance(cal, 1),
                         "国务院办公厅关于2022年部分节假日安排的通知 "
                         "http://www.gov.cn/zhengce/zhengceku/2021-10/25/content_5644835.htm");
  /* the local day off, a Wednesday */
  CHECK_WORKDAY(cal, "2023-11-15", 0);
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(cal, "2023-11-15"), "县庆");
  CHECK_ADD_WORKDAYS(cal, "2023-11-14", 1, "2023-11-16");
  CHECK_BETWEEN(cal, "2023-11-13", "2023-11-17", 3);
  /* the local working day, a day off in the base */
  CHECK_WORKDAY(cal, "2023-10-06", 1);
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(cal, "2023-10-06"), "防汛值班");
  /* the base's days */
  CHECK_WORKDAY(cal, "2023-10-05", 0);
  CHECK_WORKDAY(cal, "2023-10-07", 1);
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(cal, "2023-10-05"), "中秋节、国庆节");
  CHECK_ADD_WORKDAYS(cal, "2023-09-28", 1, "2023-10-06");
  CHECK_WORKDAY(cal, "2024-02-18", 1);
  /* only its own years */
  int n;
  CU_ASSERT_EQUAL(govopen_calendar_is_workday(cal, "2022-12-30", &n, &err), GOVOPEN_ERANGE);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(err),
                         "the date 2022-12-30 is outside the calendar 'test-county', which covers 2023 to 2024");
  govopen_error_free(err);
  govopen_calendar_free(cal);

  /* without years, the base's */
  const char *yaml = "schema: 1\ncalendar: {id: c2, name: 县, base: cn}\nholidays: [{name: 县庆, off: 2026-11-16}]\n";
  CU_ASSERT_EQUAL_FATAL(load_text(yaml, &cal, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_calendar_first_year(cal), 2022);
  CU_ASSERT_EQUAL(govopen_calendar_last_year(cal), 2026);
  CHECK_WORKDAY(cal, "2026-11-16", 0);
  CHECK_WORKDAY(cal, "2022-12-31", 0);
  CHECK_BETWEEN(cal, "2022-01-01", "2026-12-31", 1244);
  govopen_calendar_free(cal);
}

/* A county that names every day of its year itself, on top of the base's
   names: more distinct names than the year has days. */
static void test_a_name_for_every_day(void) {
  size_t cap = 64 * 1024;
  char *yaml = malloc(cap);
  CU_ASSERT_PTR_NOT_NULL_FATAL(yaml);
  size_t n = (size_t)snprintf(yaml, cap,
                              "schema: 1\ncalendar: {id: every, name: 每天, base: cn, years: [2023, 2023]}\n"
                              "holidays:\n");
  for (int32_t d = gv_days_from_civil(2023, 1, 1), k = 1; d <= gv_days_from_civil(2023, 12, 31); d++, k++) {
    char date[GV_DATE_TEXT];
    gv_date_format(d, date);
    n += (size_t)snprintf(yaml + n, cap - n, "  - {name: 第%d天, off: %s}\n", (int)k, date);
  }
  CU_ASSERT_FATAL(n < cap);
  govopen_calendar *cal = NULL;
  govopen_error *err = NULL;
  int r = govopen_calendar_load_buffer(&cal, yaml, n, "every.yaml", NULL, &err);
  if (err) fprintf(stderr, "\n    every: %s [%s]", govopen_error_message(err), govopen_error_path(err));
  govopen_error_free(err);
  free(yaml);
  CU_ASSERT_EQUAL_FATAL(r, GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(cal, "2023-01-01"), "第1天");
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(cal, "2023-10-07"), "第280天"); /* 273 + 7 */
  CU_ASSERT_STRING_EQUAL(govopen_calendar_day_name(cal, "2023-12-31"), "第365天");
  CHECK_WORKDAY(cal, "2023-10-07", 0); /* the base's worked Saturday, off here */
  CHECK_BETWEEN(cal, "2023-01-01", "2023-12-31", 0);
  govopen_calendar_free(cal);
}

/* --- invalid calendars --------------------------------------------------------------- */

typedef struct invalid_case {
  const char *file;    /* under tests/fixtures/calendar/invalid/ */
  int code;            /* the status and the first error's code */
  unsigned line, col;  /* its position */
  const char *path;    /* its document path */
  const char *message; /* its whole message */
  size_t errors;       /* errors in the whole chain */
} invalid_case;

#define ESCHEMA GOVOPEN_ESCHEMA

/* Most fixtures are this document with one change:
 *
 *   1  schema: 1
 *   2  calendar:
 *   3    id: test
 *   4    name: 测试日历
 *   5    years: [2023, 2023]
 *   6  holidays:
 *   7    - name: 国庆节
 *   8      off: 2023-09-29..2023-10-06
 *   9      work: [2023-10-07, 2023-10-08]
 *  10    - name: 元旦
 *  11      off: 2023-01-01..2023-01-02
 *
 * and the base-* ones start "schema: 1 / calendar: / id: county / name: 测试县工作日历 / base: cn". */
static const invalid_case CASES[] = {
    {"unknown-key-top.yaml", ESCHEMA, 6, 1, "holiday",
     "unknown key 'holiday' in a calendar document (expected one of: schema, calendar, holidays)", 1},
    {"unknown-key-in-calendar.yaml", ESCHEMA, 6, 3, "calendar.weekends",
     "unknown key 'weekends' in the calendar's metadata (expected one of: id, name, region, base, years, weekend, "
     "source, note)",
     1},
    {"unknown-key-in-holiday.yaml", ESCHEMA, 9, 5, "holidays[0].days",
     "unknown key 'days' in a holiday (expected one of: name, off, work, note)", 1},
    {"date-february-29.yaml", ESCHEMA, 11, 10, "holidays[1].off",
     "invalid date '2023-02-29': the day 29 is not 01 to 28: 2023-02 has 28 days", 1},
    {"date-month-13.yaml", ESCHEMA, 11, 10, "holidays[1].off",
     "invalid date '2023-13-01': the month 13 is not 01 to 12", 1},
    {"date-without-leading-zeros.yaml", ESCHEMA, 11, 10, "holidays[1].off",
     "invalid date '2023-1-5': expected a date as YYYY-MM-DD", 1},
    {"date-trailing-text.yaml", ESCHEMA, 11, 10, "holidays[1].off",
     "invalid date '2023-01-01 元旦': unexpected text after the date; expected YYYY-MM-DD", 1},
    {"date-not-a-string.yaml", ESCHEMA, 11, 10, "holidays[1].off",
     "expected a date (YYYY-MM-DD) or a range (YYYY-MM-DD..YYYY-MM-DD), found an integer", 1},
    {"range-backwards.yaml", ESCHEMA, 8, 10, "holidays[0].off",
     "the range '2023-10-06..2023-09-29' runs backwards: its end is before its start", 1},
    {"range-bad-end.yaml", ESCHEMA, 8, 10, "holidays[0].off",
     "invalid range '2023-09-29..2023-10-32': its end: the day 32 is not 01 to 31: 2023-10 has 31 days", 1},
    /* "    off: [2023-01-01..2023-01-02, 2023-10-01]": the second item */
    {"duplicate-date.yaml", ESCHEMA, 11, 35, "holidays[1].off[1]",
     "2023-10-01 is listed twice: already a day off (国庆节) at line 8, column 10", 1},
    /* "    work: [2023-10-06, 2023-10-07]" */
    {"off-and-work.yaml", ESCHEMA, 9, 12, "holidays[0].work[0]",
     "2023-10-06 cannot be both a working day and a day off: it is listed as a day off (国庆节) at line 8, column 10",
     1},
    /* "    work: [2023-10-08, 2023-10-09]" */
    {"work-on-a-weekday.yaml", ESCHEMA, 9, 24, "holidays[0].work[1]",
     "2023-10-09 is a Monday, a working day anyway: list under 'work' only days that would otherwise be off", 1},
    {"date-outside-years.yaml", ESCHEMA, 11, 10, "holidays[1].off",
     "the date 2022-12-31 is outside the calendar's years 2023 to 2023", 1},
    {"years-reversed.yaml", ESCHEMA, 5, 10, "calendar.years", "the first year 2024 is after the last year 2023", 1},
    {"years-not-a-pair.yaml", ESCHEMA, 5, 10, "calendar.years", "expected the years as [first, last], found an integer",
     1},
    /* "  years: [2023.5, 0]": both items are wrong */
    {"years-bad-items.yaml", ESCHEMA, 5, 11, "calendar.years[0]", "expected a year (an integer), found a number", 2},
    {"years-span-too-long.yaml", ESCHEMA, 5, 10, "calendar.years",
     "the years 1950 to 2050 span 101 years; a calendar covers at most 100", 1},
    /* "  weekend: [saturday, sun]" */
    {"weekend-unknown-day.yaml", ESCHEMA, 6, 13, "calendar.weekend[0]",
     "unknown weekday 'saturday' (expected mon, tue, wed, thu, fri, sat or sun)", 1},
    {"missing-years.yaml", ESCHEMA, 3, 3, "calendar",
     "the calendar's metadata has no 'years' (it is required without a 'base')", 1},
    /* "  - note: 元旦": the holiday's mapping starts after "- " */
    {"missing-holiday-name.yaml", ESCHEMA, 10, 5, "holidays[1]", "a holiday has no 'name' (it is required)", 1},
    {"holiday-without-days.yaml", ESCHEMA, 10, 5, "holidays[1]", "the holiday '元旦' has neither 'off' nor 'work' days",
     1},
    {"name-not-a-string.yaml", ESCHEMA, 7, 11, "holidays[0].name",
     "expected a string, found an integer (write \"2023\" in quotes)", 1},
    {"schema-newer.yaml", GOVOPEN_EVERSION, 1, 9, "schema",
     "the document's format is schema 2, newer than this library reads (1): upgrade libgovopen", 1},
    /* a second "    off:" on line 9 */
    {"yaml-duplicate-key.yaml", GOVOPEN_EPARSE, 9, 5, "", "duplicate key 'off' (first at line 8, column 5)", 1},
    {"empty.yaml", ESCHEMA, 1, 1, "", "the document is empty: expected a calendar (a mapping)", 1},
    /* "  author: 某人" (line 6), a backward range (line 9) and 2023-02-29 (line 12): all three */
    {"several-errors.yaml", ESCHEMA, 6, 3, "calendar.author",
     "unknown key 'author' in the calendar's metadata (expected one of: id, name, region, base, years, weekend, "
     "source, note)",
     3},
    {"base-unknown.yaml", ESCHEMA, 5, 9, "calendar.base",
     "unknown base calendar 'cn-shaanxi': a base must be a built-in calendar such as 'cn'", 1},
    {"base-years-outside.yaml", ESCHEMA, 6, 10, "calendar.years",
     "the years 2021 to 2023 are not within the base calendar 'cn', which covers 2022 to 2026", 1},
    {"base-with-weekend.yaml", ESCHEMA, 6, 12, "calendar.weekend",
     "a calendar with a base inherits the base's weekend: remove 'weekend'", 1},
    /* "  - {name: 调休, work: 2023-10-07}" */
    {"base-working-day-again.yaml", ESCHEMA, 8, 22, "holidays[1].work",
     "2023-10-07 is already a working day in the base calendar 'cn'", 1},
};

#define N_CASES (sizeof CASES / sizeof CASES[0])

static char *fixture_path(const char *file) {
  const char *p = test_path("fixtures/calendar/invalid");
  size_t n = strlen(p) + strlen(file) + 2;
  char *s = malloc(n);
  if (s) snprintf(s, n, "%s/%s", p, file);
  return s;
}

static void dump_chain(const char *file, const govopen_error *err) {
  for (const govopen_error *e = err; e; e = govopen_error_next(e))
    fprintf(stderr, "\n      [%s] %u:%u %s [%s] (%d)", file, govopen_error_line(e), govopen_error_column(e),
            govopen_error_message(e), govopen_error_path(e), govopen_error_code(e));
}

static void check_case(const invalid_case *c) {
  char *path = fixture_path(c->file);
  CU_ASSERT_PTR_NOT_NULL_FATAL(path);
  govopen_calendar *cal = (govopen_calendar *)&cal; /* must be reset to NULL */
  govopen_error *err = NULL;
  int r = govopen_calendar_load_file(&cal, path, NULL, &err);
  CU_ASSERT_PTR_NULL(cal);
  if (cal != (govopen_calendar *)&cal) govopen_calendar_free(cal);
  const govopen_error *e = err;
  int ok = r == c->code && e && govopen_error_code(e) == c->code && govopen_error_line(e) == c->line &&
           govopen_error_column(e) == c->col && strcmp(govopen_error_path(e), c->path) == 0 &&
           strcmp(govopen_error_message(e), c->message) == 0 &&
           govopen_error_count(err, GOVOPEN_SEVERITY_ERROR) == c->errors;
  if (!ok) {
    fprintf(stderr, "\n    %s: status %d; expected %d at %u:%u [%s] '%s', %zu error(s); got:", c->file, r, c->code,
            c->line, c->col, c->path, c->message, c->errors);
    dump_chain(c->file, err);
  }
  CU_ASSERT_TRUE(ok);
  for (const govopen_error *d = err; d; d = govopen_error_next(d))
    CU_ASSERT_STRING_EQUAL(govopen_error_source(d), path);
  govopen_error_free(err);
  /* without an error pointer: the same status, nothing leaked */
  CU_ASSERT_EQUAL(govopen_calendar_load_file(&cal, path, NULL, NULL), c->code);
  CU_ASSERT_PTR_NULL(cal);
  free(path);
}

static void test_invalid_fixtures(void) {
  CU_ASSERT(N_CASES >= 12);
  for (size_t i = 0; i < N_CASES; i++) check_case(&CASES[i]);
}

static int in_table(const char *name) {
  for (size_t i = 0; i < N_CASES; i++)
    if (strcmp(CASES[i].file, name) == 0) return 1;
  return 0;
}

/* Every fixture has a row, and no row is listed twice. */
static void test_every_fixture_has_a_row(void) {
  DIR *dir = opendir(test_path("fixtures/calendar/invalid"));
  CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
  size_t files = 0;
  struct dirent *ent;
  while ((ent = readdir(dir)) != NULL) {
    size_t n = strlen(ent->d_name);
    if (n < 5 || strcmp(ent->d_name + n - 5, ".yaml") != 0) continue;
    files++;
    if (!in_table(ent->d_name)) fprintf(stderr, "\n    fixture without a row: %s", ent->d_name);
    CU_ASSERT_TRUE(in_table(ent->d_name));
  }
  closedir(dir);
  CU_ASSERT_EQUAL(files, N_CASES);
  for (size_t i = 0; i < N_CASES; i++)
    for (size_t k = i + 1; k < N_CASES; k++) CU_ASSERT_STRING_NOT_EQUAL(CASES[i].file, CASES[k].file);
}

/* The second and third errors of several-errors.yaml, each at its own place. */
static void test_all_errors_reported(void) {
  char *path = fixture_path("several-errors.yaml");
  CU_ASSERT_PTR_NOT_NULL_FATAL(path);
  govopen_calendar *cal = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_calendar_load_file(&cal, path, NULL, &err), GOVOPEN_ESCHEMA);
  const govopen_error *e = govopen_error_next(err);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(govopen_error_line(e), 9);
  CU_ASSERT_EQUAL(govopen_error_column(e), 10);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(e), "holidays[0].off");
  CU_ASSERT_STRING_EQUAL(govopen_error_message(e),
                         "the range '2023-10-06..2023-09-29' runs backwards: its end is before its start");
  e = govopen_error_next(e);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(govopen_error_line(e), 12);
  CU_ASSERT_EQUAL(govopen_error_column(e), 10);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(e), "holidays[1].off");
  char *text = NULL;
  CU_ASSERT_EQUAL(govopen_error_format(e, &text, NULL), GOVOPEN_OK);
  char expected[4096];
  snprintf(expected, sizeof expected,
           "%s:12:10: error: invalid date '2023-02-29': the day 29 is not 01 to 28: 2023-02 has 28 days "
           "[holidays[1].off]",
           path);
  CU_ASSERT_STRING_EQUAL(text, expected);
  govopen_free(text);
  govopen_error_free(err);
  free(path);
}

static const test_case cases[] = {
    {"civil dates", test_civil_dates},
    {"leap years and month lengths", test_leap_years_and_months},
    {"weekdays", test_weekdays},
    {"ISO dates", test_date_parse},
    {"ISO date-times", test_datetime_parse},
    {"hour periods", test_hours_between},
    {"built-in table and metadata", test_builtin_table},
    {"国庆节、中秋节 2023", test_guoqing_2023},
    {"春节 2023", test_chunjie_2023},
    {"劳动节 2023", test_laodong_2023},
    {"calendar-day deadlines roll forward", test_calendar_day_deadlines},
    {"year boundary 2022-12-31", test_year_boundary},
    {"working days per year", test_years},
    {"covered range edges", test_range_edges},
    {"notices 2022, 2024, 2025, 2026", test_notices_2022_2024_2025_2026},
    {"API errors", test_api_errors},
    {"load from a buffer", test_load_buffer},
    {"county calendar with base: cn", test_county_with_base},
    {"a name for every day", test_a_name_for_every_day},
    {"invalid fixtures", test_invalid_fixtures},
    {"every fixture has a row", test_every_fixture_has_a_row},
    {"all errors reported", test_all_errors_reported},
    {NULL, NULL},
};
GV_TEST_SUITE(calendar, cases);
