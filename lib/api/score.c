/* The public face of util/cents.h: a score as text, coverage in percent
   rounded down, and the sums of a total's reconciliation added in
   hundredths (docs/results.md, "One rounding rule" and "One total, one
   rule"), so that a front end never rounds or adds doubles itself. */
#include <math.h>
#include <string.h>

#include "govopen/common.h"
#include "govopen/evaluate.h"

#include "eval/eval.h"
#include "report/report_util.h"
#include "util/cents.h"

size_t govopen_score_format(double score, unsigned flags, char *out, size_t size) {
  if (out == NULL) return (size_t)-1;
  if (size) out[0] = '\0';
  /* 9.2e16 points is 9.2e18 hundredths, about where an int64_t ends */
  if ((flags & ~GOVOPEN_SCORE_TWO_DECIMALS) != 0 || !isfinite(score) || fabs(score) >= 9.2e16) return (size_t)-1;
  char t[GV_CENTS_TEXT];
  int64_t c = gv_cents_from_double(score);
  size_t n = flags & GOVOPEN_SCORE_TWO_DECIMALS ? gv_cents_format2(c, t) : gv_cents_format(c, t);
  if (n >= size) return (size_t)-1;
  memcpy(out, t, n + 1);
  return n;
}

/* The breakdown of the unit's total (GV_COUNTY: the county's); 0 when `r`
   is NULL or `unit` out of range. */
static int breakdown(const govopen_result *r, size_t unit, gv_breakdown *d) {
  if (r == NULL || (unit != GV_COUNTY && unit >= r->fw->unit_count)) return 0;
  gv_breakdown_of(r, unit, d);
  return 1;
}

double govopen_result_unit_points_lost(const govopen_result *r, size_t unit) {
  gv_breakdown d;
  return unit != GV_COUNTY && breakdown(r, unit, &d) ? gv_cents_to_double(d.points) : (double)NAN;
}
double govopen_result_unit_adjustments(const govopen_result *r, size_t unit) {
  gv_breakdown d;
  return unit != GV_COUNTY && breakdown(r, unit, &d) ? gv_cents_to_double(d.adjustments) : (double)NAN;
}
double govopen_result_county_points_lost(const govopen_result *r) {
  gv_breakdown d;
  return breakdown(r, GV_COUNTY, &d) ? gv_cents_to_double(d.points) : (double)NAN;
}
double govopen_result_county_adjustments(const govopen_result *r) {
  gv_breakdown d;
  return breakdown(r, GV_COUNTY, &d) ? gv_cents_to_double(d.adjustments) : (double)NAN;
}

/* Hundredths of a percent as a percent: 6666 is 66.66. */
static double percent(int64_t evaluated, int64_t applicable) {
  return gv_cents_to_double(gv_cents_percent_down(evaluated, applicable));
}
double govopen_result_unit_coverage_percent(const govopen_result *r, size_t unit) {
  if (r == NULL || unit >= r->fw->unit_count) return (double)NAN;
  return percent(r->units[unit].cover_evaluated, r->units[unit].cover_applicable);
}
double govopen_result_county_coverage_percent(const govopen_result *r) {
  return r ? percent(r->county_cover_evaluated, r->county_cover_applicable) : (double)NAN;
}
