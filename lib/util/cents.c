/* Scores as hundredths: rounding, division, parsing and formatting (cents.h). */
#include "util/cents.h"

#include <float.h>
#include <math.h>
#include <string.h>

int64_t gv_round_half_away(double x) {
  if (x != x) return 0;
  if (x >= 9.2e18) return INT64_MAX;
  if (x <= -9.2e18) return INT64_MIN;
  double a = fabs(x), f = floor(a);
  /* a value within binary noise of a half is that half (2.675 × 100) */
  double tol = fmin(1e-7, a * 4 * DBL_EPSILON);
  double r = a - f >= 0.5 - tol ? f + 1 : f;
  return x < 0 ? -(int64_t)r : (int64_t)r;
}

int64_t gv_cents_from_double(double points) { return gv_round_half_away(points * 100.0); }

int gv_cents_exact(double points, int64_t *out) {
  if (points != points || fabs(points) >= 9.2e16) return 0;
  double c = points * 100.0;
  int64_t n = gv_round_half_away(c);
  if (fabs(c - (double)n) > 1e-6) return 0;
  *out = n;
  return 1;
}

int64_t gv_cents_div(int64_t a, int64_t b) {
  if (b == 0) return 0;
  /* in magnitudes, unsigned (INT64_MIN has no positive int64_t), so that a
     negative denominator rounds as a negative numerator does and 2a cannot
     overflow; the remainder is a half or more when r >= d - r */
  uint64_t n = a < 0 ? (uint64_t)0 - (uint64_t)a : (uint64_t)a;
  uint64_t d = b < 0 ? (uint64_t)0 - (uint64_t)b : (uint64_t)b;
  uint64_t q = n / d, r = n % d;
  if (r >= d - r) q++;
  if ((a < 0) == (b < 0)) return q > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)q;
  return q > (uint64_t)INT64_MAX ? INT64_MIN : -(int64_t)q;
}

int64_t gv_cents_share(int64_t max, int64_t a, int64_t b) { return b > 0 ? gv_cents_div(max * a, b) : 0; }

int gv_cents_cmp_double(double points, int64_t c) {
  int64_t p = gv_cents_from_double(points);
  return p < c ? -1 : p > c;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

int gv_cents_parse(const char *s, size_t len, int64_t *out, int *too_precise) {
  if (too_precise) *too_precise = 0;
  size_t i = 0;
  int neg = 0;
  if (i < len && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  size_t start = i;
  int64_t whole = 0;
  for (; i < len && is_digit(s[i]); i++) {
    whole = whole * 10 + (s[i] - '0');
    if (whole > GV_MAX_CENTS / 100) return GOVOPEN_ERANGE;
  }
  if (i == start) return GOVOPEN_EPARSE;
  int64_t frac = 0;
  if (i < len && s[i] == '.') {
    i++;
    size_t fs = i, digits = 0;
    for (; i < len && is_digit(s[i]); i++, digits++) {
      if (digits < 2) {
        frac = frac * 10 + (s[i] - '0');
      } else if (s[i] != '0') {
        /* keep scanning to tell "2.531" (too precise) from "2.5x" (not a number) */
        while (i < len && is_digit(s[i])) i++;
        if (i == len && too_precise) *too_precise = 1;
        return GOVOPEN_EPARSE;
      }
    }
    if (i == fs) return GOVOPEN_EPARSE;
    if (digits == 1) frac *= 10;
  }
  if (i != len) return GOVOPEN_EPARSE;
  int64_t cents = whole * 100 + frac;
  *out = neg ? -cents : cents;
  return GOVOPEN_OK;
}

/* The decimal digits of `v` at the end of `end`; returns where they start. */
static char *put_digits(char *end, uint64_t v) {
  do *--end = (char)('0' + v % 10);
  while ((v /= 10) != 0);
  return end;
}

/* Without printf: a province's result has millions of scores. `fixed`:
   always two decimals. */
static size_t format(int64_t cents, int fixed, char buf[GV_CENTS_TEXT]) {
  /* the magnitude as unsigned: INT64_MIN has no positive int64_t */
  uint64_t a = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
  char tmp[GV_CENTS_TEXT];
  char *end = tmp + sizeof tmp, *p = end;
  unsigned frac = (unsigned)(a % 100);
  if (fixed || frac % 10 != 0) {
    *--p = (char)('0' + frac % 10);
    *--p = (char)('0' + frac / 10);
    *--p = '.';
  } else if (frac != 0) {
    *--p = (char)('0' + frac / 10);
    *--p = '.';
  }
  p = put_digits(p, a / 100);
  if (cents < 0) *--p = '-';
  size_t n = (size_t)(end - p);
  memcpy(buf, p, n);
  buf[n] = '\0';
  return n;
}

size_t gv_cents_format(int64_t c, char buf[GV_CENTS_TEXT]) { return format(c, 0, buf); }

size_t gv_cents_format2(int64_t c, char buf[GV_CENTS_TEXT]) { return format(c, 1, buf); }
