/* Scores as hundredths ("cents"): the one home for numbers.
 *
 * Every score, maximum, adjustment and total inside the library is an
 * int64_t count of hundredths. This module is the only place that turns a
 * double into cents, divides cents, compares a double with cents, and
 * writes cents as text; docs/results.md ("One rounding rule") states the
 * rule for the people who read the figures:
 *
 *   a value is rounded to the nearest hundredth, halves away from zero;
 *   a double within binary noise of a half counts as that half (1.005 is
 *   stored as 1.00499999…, and 1.005 × 100 is 100.49999999999999: 101
 *   hundredths), as Excel rounds what people typed.
 *
 * One deliberate exception: a coverage is rounded DOWN
 * (gv_cents_percent_down).
 *
 * Text is formatted here, without printf, so output is identical on every
 * machine and in every locale. */
#ifndef GV_CENTS_H
#define GV_CENTS_H

#include <stddef.h>
#include <stdint.h>

#include "govopen/common.h"

/* Scores are bounded well below any overflow: a billion points. */
#define GV_MAX_CENTS 100000000000LL

/* Room for any int64_t as a score ("-92233720368547758.08") and its NUL. */
#define GV_CENTS_TEXT 32

/* `x` rounded to the nearest integer, halves away from zero, a value within
   binary noise of a half counting as the half. NaN gives 0; values beyond
   ±9.2e18 saturate. The rounding every other function here builds on. */
int64_t gv_round_half_away(double x);

/* A score in points (2.675) as hundredths (268), by the rule above. */
int64_t gv_cents_from_double(double points);

/* Whether `points` is a whole number of hundredths (within binary noise,
   1e-6 of a hundredth): 1 with the cents in *out, else 0. What a typed
   score of "two decimals at most" means. */
int gv_cents_exact(double points, int64_t *out);

/* Hundredths as points: for the public accessors, which return doubles. */
static inline double gv_cents_to_double(int64_t c) { return (double)c / 100.0; }

/* a / b rounded to the nearest integer, halves away from zero (5 / 2 = 3,
   -5 / 2 = 5 / -2 = -3, -5 / -2 = 3); 0 when b is 0. Exact in integers over
   the whole int64_t range (INT64_MIN / -1 saturates to INT64_MAX). */
int64_t gv_cents_div(int64_t a, int64_t b);

/* max × a / b (a share of a maximum), by gv_cents_div; 0 when b <= 0.
   |max × a| must fit an int64_t (scores are below GV_MAX_CENTS). */
int64_t gv_cents_share(int64_t max, int64_t a, int64_t b);

/* -1, 0 or 1 as `points` (rounded by gv_cents_from_double; NaN counts as
   0) is below, at or above `c` hundredths. */
int gv_cents_cmp_double(double points, int64_t c);

/* part / whole as hundredths of a percent, ROUNDED DOWN (2 of 3: 6666, i.e.
   66.66%): a coverage, so that a figure shown is never more than was
   evaluated and a mark "below 50%" never shows 50. The one deliberate
   exception to the rule above (docs/results.md). 0 when `whole` <= 0;
   0 <= part <= whole < 2^63 / 10000. */
static inline int64_t gv_cents_percent_down(int64_t part, int64_t whole) {
  return whole > 0 ? part * 10000 / whole : 0;
}

/* Parses a decimal score with at most two decimals ("97.24", "-3", "0.5")
   into hundredths, without the C locale: an optional sign, digits, and
   optionally a point and digits (no exponent, no bare ".5" or "5.").
   A text parser with no sink (docs/architecture.md, "Errors"): GOVOPEN_OK;
   GOVOPEN_EPARSE not such a number, *too_precise (may be NULL) set to 1
   when it is one only with more than two decimals (digits other than
   trailing zeros: "0.500" is 50), else 0; GOVOPEN_ERANGE a whole part
   beyond GV_MAX_CENTS / 100 (a billion points), said before anything after
   it is looked at. *out is set only on GOVOPEN_OK. */
int gv_cents_parse(const char *s, size_t len, int64_t *out, int *too_precise);

/* Writes `c` with at most two decimals and no trailing zeros ("97.24",
   "0.5", "-3", "100"). Returns its length. For JSON and CSV. */
size_t gv_cents_format(int64_t c, char buf[GV_CENTS_TEXT]);

/* The same with exactly two decimals ("97.24", "0.50", "100.00"), for text
   people read. Returns its length. */
size_t gv_cents_format2(int64_t c, char buf[GV_CENTS_TEXT]);

#endif
