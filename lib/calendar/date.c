/* Civil dates: the day-number conversions are Howard Hinnant's
 * (http://howardhinnant.github.io/date_algorithms.html), exact for every
 * proleptic Gregorian date, with no table and no library time functions. */
#include "calendar/date.h"

#include <stdarg.h>
#include <stdio.h>

#include "govopen/common.h"
#include "util/compiler.h"

#define SECONDS_PER_DAY 86400

int gv_is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int gv_days_in_month(int year, int month) {
  static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && gv_is_leap_year(year) ? 29 : len[month - 1];
}

int32_t gv_days_from_civil(int year, int month, int day) {
  int32_t y = (int32_t)year - (month <= 2);
  int32_t era = (y >= 0 ? y : y - 399) / 400;
  int32_t yoe = y - era * 400;                                                 /* [0, 399] */
  int32_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1; /* [0, 365] */
  int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                         /* [0, 146096] */
  return era * 146097 + doe - 719468;
}

void gv_civil_from_days(int32_t days, int *year, int *month, int *day) {
  int32_t z = days + 719468;
  int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  int32_t doe = z - era * 146097;
  int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int32_t mp = (5 * doy + 2) / 153;
  int32_t m = mp < 10 ? mp + 3 : mp - 9;
  *day = (int)(doy - (153 * mp + 2) / 5 + 1);
  *month = (int)m;
  *year = (int)(yoe + era * 400 + (m <= 2));
}

int gv_weekday(int32_t days) {
  /* 1970-01-01 was a Thursday (4). */
  int32_t r = days % 7;
  if (r < 0) r += 7;
  return (int)((r + 3) % 7 + 1);
}

static int digits(const char *s, size_t n, int *out) {
  int v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return GOVOPEN_EPARSE;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return GOVOPEN_OK;
}

/* Writes why a text is no date into `why` (GV_DATE_WHY bytes) unless NULL. */
GV_PRINTF(2, 3)
static int reason(char *why, const char *fmt, ...) {
  if (why) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, GV_DATE_WHY, fmt, ap);
    va_end(ap);
  }
  return 0;
}

/* "YYYY-MM-DD" at the start of `s` (at least 10 bytes); as gv_date_parse(). */
static int parse_ymd(const char *s, int32_t *days, char *why) {
  int y, m, d;
  if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &m) || s[7] != '-' || digits(s + 8, 2, &d)) {
    reason(why, "expected a date as YYYY-MM-DD");
    return GOVOPEN_EPARSE;
  }
  if (y < GV_YEAR_MIN) {
    reason(why, "the year %04d is not 0001 to 9999", y);
    return GOVOPEN_ERANGE;
  }
  if (m < 1 || m > 12) {
    reason(why, "the month %02d is not 01 to 12", m);
    return GOVOPEN_ERANGE;
  }
  int dim = gv_days_in_month(y, m);
  if (d < 1 || d > dim) {
    reason(why, "the day %02d is not 01 to %02d: %04d-%02d has %d days", d, dim, y, m, dim);
    return GOVOPEN_ERANGE;
  }
  *days = gv_days_from_civil(y, m, d);
  return GOVOPEN_OK;
}

int gv_date_parse(const char *s, size_t len, int32_t *days, char *why) {
  if (why) why[0] = '\0';
  if (len < 10) {
    reason(why, "expected a date as YYYY-MM-DD");
    return GOVOPEN_EPARSE;
  }
  int32_t v;
  int r = parse_ymd(s, &v, why);
  if (r != 0) return r;
  if (len > 10) {
    reason(why, "unexpected text after the date; expected YYYY-MM-DD");
    return GOVOPEN_EPARSE;
  }
  *days = v;
  return GOVOPEN_OK;
}

/* Writes `v` (0 to 10^width - 1) as `width` digits. */
static char *put_digits(char *p, int v, int width) {
  for (int i = width - 1; i >= 0; i--, v /= 10) p[i] = (char)('0' + v % 10);
  return p + width;
}

void gv_date_format(int32_t days, char *out) {
  int y, m, d;
  gv_civil_from_days(days, &y, &m, &d);
  /* the years of a parsed date have four digits; others wrap rather than overflow */
  char *p = put_digits(out, ((y % 10000) + 10000) % 10000, 4);
  *p++ = '-';
  p = put_digits(p, m, 2);
  *p++ = '-';
  p = put_digits(p, d, 2);
  *p = '\0';
}

/* "HH:MM" at `s` (5 bytes) into minutes, checking the ranges of `hmax`/59. */
static int parse_hm(const char *s, int hmax, int *h, int *m) {
  if (digits(s, 2, h) || s[2] != ':' || digits(s + 3, 2, m)) return GOVOPEN_EPARSE;
  return *h > hmax || *m > 59 ? GOVOPEN_ERANGE : GOVOPEN_OK;
}

int gv_datetime_parse(const char *s, size_t len, int64_t *seconds, char *why) {
  static const char *shape = "expected a date and time as YYYY-MM-DDTHH:MM[:SS] with an optional Z or +HH:MM";
  if (why) why[0] = '\0';
  if (len < 16 || s[10] != 'T') {
    /* a date that does not exist says more than a complaint about the shape */
    int32_t ignored;
    if (len >= 10 && parse_ymd(s, &ignored, why) == GOVOPEN_ERANGE) return GOVOPEN_ERANGE;
    reason(why, "%s", shape);
    return GOVOPEN_EPARSE;
  }
  int32_t day;
  int r = parse_ymd(s, &day, why);
  if (r == GOVOPEN_EPARSE) reason(why, "%s", shape);
  if (r != 0) return r;
  int h, mi, sec = 0;
  r = parse_hm(s + 11, 23, &h, &mi);
  if (r == GOVOPEN_EPARSE) return reason(why, "%s", shape), GOVOPEN_EPARSE;
  if (r == GOVOPEN_ERANGE) return reason(why, "the time %.5s is not 00:00 to 23:59", s + 11), GOVOPEN_ERANGE;
  size_t i = 16;
  if (i < len && s[i] == ':') {
    if (len - i < 3 || digits(s + i + 1, 2, &sec)) return reason(why, "%s", shape), GOVOPEN_EPARSE;
    if (sec > 59) return reason(why, "the second %02d is not 00 to 59", sec), GOVOPEN_ERANGE;
    i += 3;
  }
  int offset = GV_CST_OFFSET_MIN;
  if (i < len && s[i] == 'Z') {
    offset = 0;
    i++;
  } else if (i < len && (s[i] == '+' || s[i] == '-')) {
    int oh, om;
    if (len - i < 6) return reason(why, "%s", shape), GOVOPEN_EPARSE;
    r = parse_hm(s + i + 1, 23, &oh, &om);
    if (r == GOVOPEN_EPARSE) return reason(why, "%s", shape), GOVOPEN_EPARSE;
    if (r == GOVOPEN_ERANGE) return reason(why, "the offset %.6s is not -23:59 to +23:59", s + i), GOVOPEN_ERANGE;
    offset = (s[i] == '-' ? -1 : 1) * (oh * 60 + om);
    i += 6;
  }
  if (i != len) return reason(why, "unexpected text after the time; %s", shape), GOVOPEN_EPARSE;
  *seconds = (int64_t)day * SECONDS_PER_DAY + h * 3600 + mi * 60 + sec - (int64_t)offset * 60;
  return GOVOPEN_OK;
}

static int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int32_t gv_datetime_day(int64_t seconds, int offset_min) {
  return (int32_t)floor_div(seconds + (int64_t)offset_min * 60, SECONDS_PER_DAY);
}

int64_t gv_day_start(int32_t days, int offset_min) {
  return (int64_t)days * SECONDS_PER_DAY - (int64_t)offset_min * 60;
}

void gv_datetime_format(int64_t seconds, int offset_min, char *out) {
  int64_t local = seconds + (int64_t)offset_min * 60;
  int32_t day = (int32_t)floor_div(local, SECONDS_PER_DAY);
  int rem = (int)(local - (int64_t)day * SECONDS_PER_DAY);
  gv_date_format(day, out);
  char *p = out + 10;
  *p++ = 'T';
  p = put_digits(p, rem / 3600, 2);
  *p++ = ':';
  p = put_digits(p, rem / 60 % 60, 2);
  *p++ = ':';
  p = put_digits(p, rem % 60, 2);
  if (offset_min == 0) {
    *p++ = 'Z';
  } else {
    int a = offset_min < 0 ? -offset_min : offset_min;
    *p++ = offset_min < 0 ? '-' : '+';
    p = put_digits(p, a / 60 % 100, 2);
    *p++ = ':';
    p = put_digits(p, a % 60, 2);
  }
  *p = '\0';
}

double gv_hours_between(int64_t t1, int64_t t2) { return (double)(t2 - t1) / 3600.0; }
