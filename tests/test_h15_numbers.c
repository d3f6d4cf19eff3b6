/* Issue 15, item 2: one home for numbers (lib/util/cents.h). Every function
 * of the module at its boundaries — halves both ways, binary noise of a
 * half (2.675, 1.005) against a real difference of 1e-9, divisions with
 * negative numerators and denominators, the ends of int64_t, parse errors,
 * NaN and infinities — and the public face the front ends use:
 * govopen_score_format(), the coverage in percent and the sums of a total's
 * reconciliation, exact in hundredths. Exact values throughout. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "report_support.h"
#include "testutil.h"
#include "util/cents.h"

/* --- rounding ---------------------------------------------------------------------- */

static void test_round_half_away(void) {
  CU_ASSERT_EQUAL(gv_round_half_away(0.5), 1);
  CU_ASSERT_EQUAL(gv_round_half_away(-0.5), -1);
  CU_ASSERT_EQUAL(gv_round_half_away(1.5), 2);
  CU_ASSERT_EQUAL(gv_round_half_away(2.5), 3); /* not to even */
  CU_ASSERT_EQUAL(gv_round_half_away(-2.5), -3);
  CU_ASSERT_EQUAL(gv_round_half_away(2.4999), 2);
  CU_ASSERT_EQUAL(gv_round_half_away(-2.4999), -2);
  CU_ASSERT_EQUAL(gv_round_half_away(2.5001), 3);
  CU_ASSERT_EQUAL(gv_round_half_away(0.0), 0);
  CU_ASSERT_EQUAL(gv_round_half_away(-0.0), 0);
  CU_ASSERT_EQUAL(gv_round_half_away(-0.4), 0);
  /* binary noise of a half is the half: 1.005 × 100 is 100.49999999999999, 0.285 × 100 28.499999999999996 */
  CU_ASSERT(1.005 * 100.0 < 100.5);
  CU_ASSERT_EQUAL(gv_round_half_away(1.005 * 100.0), 101);
  CU_ASSERT_EQUAL(gv_round_half_away(-1.005 * 100.0), -101);
  CU_ASSERT(0.285 * 100.0 < 28.5);
  CU_ASSERT_EQUAL(gv_round_half_away(0.285 * 100.0), 29);
  CU_ASSERT_EQUAL(gv_round_half_away(2.675 * 100.0), 268);
  CU_ASSERT_EQUAL(gv_round_half_away(nextafter(0.5, 0.0)), 1); /* one unit in the last place below */
  /* … a real difference is not: 1e-7 below a half */
  CU_ASSERT_EQUAL(gv_round_half_away(0.4999999), 0);
  CU_ASSERT_EQUAL(gv_round_half_away(-0.4999999), 0);
  /* NaN and the ends */
  CU_ASSERT_EQUAL(gv_round_half_away(NAN), 0);
  CU_ASSERT_EQUAL(gv_round_half_away(INFINITY), INT64_MAX);
  CU_ASSERT_EQUAL(gv_round_half_away(-INFINITY), INT64_MIN);
  CU_ASSERT_EQUAL(gv_round_half_away(1e19), INT64_MAX);
  CU_ASSERT_EQUAL(gv_round_half_away(-1e19), INT64_MIN);
  CU_ASSERT_EQUAL(gv_round_half_away(9007199254740993.0), 9007199254740992); /* 2^53 + 1 is 2^53 as a double */
  CU_ASSERT_EQUAL(gv_round_half_away(-4503599627370495.5), -4503599627370496);
}

static void test_from_double(void) {
  CU_ASSERT_EQUAL(gv_cents_from_double(2.675), 268);
  CU_ASSERT_EQUAL(gv_cents_from_double(-2.675), -268);
  CU_ASSERT_EQUAL(gv_cents_from_double(0.125), 13); /* exact in binary: a true half */
  CU_ASSERT_EQUAL(gv_cents_from_double(-0.125), -13);
  CU_ASSERT_EQUAL(gv_cents_from_double(1.005), 101); /* stored as 1.00499999999999989… */
  CU_ASSERT_EQUAL(gv_cents_from_double(-1.005), -101);
  CU_ASSERT_EQUAL(gv_cents_from_double(0.005), 1);
  CU_ASSERT_EQUAL(gv_cents_from_double(0.1 + 0.2), 30);
  CU_ASSERT_EQUAL(gv_cents_from_double(97.24), 9724);
  CU_ASSERT_EQUAL(gv_cents_from_double(100), 10000);
  /* 1e-9 is no noise: it decides */
  CU_ASSERT_EQUAL(gv_cents_from_double(2.675 - 1e-9), 267);
  CU_ASSERT_EQUAL(gv_cents_from_double(2.675 + 1e-9), 268);
  CU_ASSERT_EQUAL(gv_cents_from_double(-2.675 + 1e-9), -267);
  CU_ASSERT_EQUAL(gv_cents_from_double(0.005 - 1e-9), 0);
  CU_ASSERT_EQUAL(gv_cents_from_double(1e-9), 0);
  CU_ASSERT_EQUAL(gv_cents_from_double(-1e-9), 0);
  CU_ASSERT_EQUAL(gv_cents_from_double(NAN), 0);
  CU_ASSERT_EQUAL(gv_cents_from_double(INFINITY), INT64_MAX);
  CU_ASSERT_EQUAL(gv_cents_from_double(-INFINITY), INT64_MIN);
  /* and back: every whole number of hundredths survives the round trip */
  for (int64_t c = -100000; c <= 100000; c += 7) {
    if (gv_cents_from_double(gv_cents_to_double(c)) != c) {
      CU_FAIL("round trip");
      break;
    }
  }
  CU_ASSERT_EQUAL(gv_cents_to_double(-268), -2.68);
}

static void test_exact(void) {
  int64_t c = -1;
  CU_ASSERT_EQUAL(gv_cents_exact(2.5, &c), 1);
  CU_ASSERT_EQUAL(c, 250);
  CU_ASSERT_EQUAL(gv_cents_exact(0.1 + 0.2, &c), 1);
  CU_ASSERT_EQUAL(c, 30);
  CU_ASSERT_EQUAL(gv_cents_exact(0.29, &c), 1); /* 28.999999999999996 hundredths: two decimals as typed */
  CU_ASSERT_EQUAL(c, 29);
  CU_ASSERT_EQUAL(gv_cents_exact(1.13, &c), 1); /* 112.99999999999999 */
  CU_ASSERT_EQUAL(c, 113);
  CU_ASSERT_EQUAL(gv_cents_exact(-1.05, &c), 1);
  CU_ASSERT_EQUAL(c, -105);
  CU_ASSERT_EQUAL(gv_cents_exact(2.5 + 1e-9, &c), 1); /* 1e-7 of a hundredth: within 1e-6 */
  CU_ASSERT_EQUAL(c, 250);
  c = -1;
  CU_ASSERT_EQUAL(gv_cents_exact(2.5 + 1e-7, &c), 0);   /* 1e-5 of a hundredth: a third decimal */
  CU_ASSERT_EQUAL(gv_cents_exact(2.675 - 1e-9, &c), 0); /* 0.9999999 of a hundredth off: no */
  CU_ASSERT_EQUAL(gv_cents_exact(0.001, &c), 0);
  CU_ASSERT_EQUAL(gv_cents_exact(0.125, &c), 0);
  CU_ASSERT_EQUAL(gv_cents_exact(2.675, &c), 0); /* three decimals, however it is stored */
  CU_ASSERT_EQUAL(gv_cents_exact(NAN, &c), 0);
  CU_ASSERT_EQUAL(gv_cents_exact(INFINITY, &c), 0);
  CU_ASSERT_EQUAL(gv_cents_exact(1e17, &c), 0);
  CU_ASSERT_EQUAL(c, -1); /* untouched when 0 */
}

static void test_div(void) {
  CU_ASSERT_EQUAL(gv_cents_div(5, 2), 3);
  CU_ASSERT_EQUAL(gv_cents_div(-5, 2), -3);
  CU_ASSERT_EQUAL(gv_cents_div(5, -2), -3);
  CU_ASSERT_EQUAL(gv_cents_div(-5, -2), 3);
  CU_ASSERT_EQUAL(gv_cents_div(7, 2), 4);
  CU_ASSERT_EQUAL(gv_cents_div(-7, -2), 4);
  CU_ASSERT_EQUAL(gv_cents_div(1, 3), 0);
  CU_ASSERT_EQUAL(gv_cents_div(2, 3), 1);
  CU_ASSERT_EQUAL(gv_cents_div(-1, 3), 0);
  CU_ASSERT_EQUAL(gv_cents_div(-2, 3), -1);
  CU_ASSERT_EQUAL(gv_cents_div(2, -3), -1);
  CU_ASSERT_EQUAL(gv_cents_div(-2, -3), 1);
  CU_ASSERT_EQUAL(gv_cents_div(6, 3), 2);
  CU_ASSERT_EQUAL(gv_cents_div(-6, 3), -2);
  CU_ASSERT_EQUAL(gv_cents_div(0, 5), 0);
  CU_ASSERT_EQUAL(gv_cents_div(0, -5), 0);
  CU_ASSERT_EQUAL(gv_cents_div(3, 0), 0);
  CU_ASSERT_EQUAL(gv_cents_div(-3, 0), 0);
  /* 6563 × 10000 / 9600 = 6836.458…; 31.625 → 31.63 */
  CU_ASSERT_EQUAL(gv_cents_div(6563 * 10000LL, 9600), 6836);
  CU_ASSERT_EQUAL(gv_cents_div(25300, 800), 32);
  CU_ASSERT_EQUAL(gv_cents_div(-25300, 800), -32);
  /* the ends of int64_t: no overflow of 2a */
  CU_ASSERT_EQUAL(gv_cents_div(INT64_MAX, 1), INT64_MAX);
  CU_ASSERT_EQUAL(gv_cents_div(INT64_MIN, 1), INT64_MIN);
  CU_ASSERT_EQUAL(gv_cents_div(INT64_MIN, -1), INT64_MAX); /* 2^63 saturates */
  CU_ASSERT_EQUAL(gv_cents_div(INT64_MAX, -1), -INT64_MAX);
  CU_ASSERT_EQUAL(gv_cents_div(INT64_MAX, 2), INT64_MAX / 2 + 1); /* …3.5 → …4 */
  CU_ASSERT_EQUAL(gv_cents_div(INT64_MIN, 2), INT64_MIN / 2);
  CU_ASSERT_EQUAL(gv_cents_div(INT64_MAX, INT64_MIN), -1);
  CU_ASSERT_EQUAL(gv_cents_div(INT64_MIN, INT64_MAX), -1);
  CU_ASSERT_EQUAL(gv_cents_div(INT64_MIN, INT64_MIN), 1);
  CU_ASSERT_EQUAL(gv_cents_div(1, INT64_MIN), 0);
  CU_ASSERT_EQUAL(gv_cents_div(INT64_MAX / 2 + 1, INT64_MAX), 1); /* a half and a bit */
  CU_ASSERT_EQUAL(gv_cents_div(INT64_MAX / 2, INT64_MAX), 0);     /* a bit below a half */
}

static void test_share(void) {
  CU_ASSERT_EQUAL(gv_cents_share(10000, 1, 3), 3333);
  CU_ASSERT_EQUAL(gv_cents_share(10000, 2, 3), 6667);
  CU_ASSERT_EQUAL(gv_cents_share(100, 1, 8), 13); /* 12.5 */
  CU_ASSERT_EQUAL(gv_cents_share(100, -1, 8), -13);
  CU_ASSERT_EQUAL(gv_cents_share(10000, 6563, 9600), 6836);
  CU_ASSERT_EQUAL(gv_cents_share(10000, 5, 0), 0);
  CU_ASSERT_EQUAL(gv_cents_share(10000, 5, -2), 0);
}

static void test_cmp_double(void) {
  CU_ASSERT_EQUAL(gv_cents_cmp_double(2.675, 268), 0);
  CU_ASSERT_EQUAL(gv_cents_cmp_double(2.674, 268), -1);
  CU_ASSERT_EQUAL(gv_cents_cmp_double(2.68, 267), 1);
  CU_ASSERT_EQUAL(gv_cents_cmp_double(-2.675, -268), 0);
  CU_ASSERT_EQUAL(gv_cents_cmp_double(59.995, 6000), 0); /* a grade from 60 reached by 59.995 */
  CU_ASSERT_EQUAL(gv_cents_cmp_double(59.994, 6000), -1);
  CU_ASSERT_EQUAL(gv_cents_cmp_double(NAN, 0), 0);
  CU_ASSERT_EQUAL(gv_cents_cmp_double(INFINITY, INT64_MAX), 0);
  CU_ASSERT_EQUAL(gv_cents_cmp_double(-INFINITY, 0), -1);
}

static void test_percent_down(void) {
  CU_ASSERT_EQUAL(gv_cents_percent_down(2, 3), 6666); /* 66.666…% shows 66.66 */
  CU_ASSERT_EQUAL(gv_cents_percent_down(1, 3), 3333);
  CU_ASSERT_EQUAL(gv_cents_percent_down(49999, 100000), 4999); /* below 50 never shows 50 */
  CU_ASSERT_EQUAL(gv_cents_percent_down(1, 1), 10000);
  CU_ASSERT_EQUAL(gv_cents_percent_down(0, 5), 0);
  CU_ASSERT_EQUAL(gv_cents_percent_down(5, 0), 0);
  CU_ASSERT_EQUAL(gv_cents_percent_down(GV_MAX_CENTS - 1, GV_MAX_CENTS), 9999);
}

/* --- text ----------------------------------------------------------------------------- */

static void test_parse(void) {
  static const struct {
    const char *text;
    int rc, too_precise;
    int64_t cents;
  } cases[] = {
      {"97.24", GOVOPEN_OK, 0, 9724},
      {"-3", GOVOPEN_OK, 0, -300},
      {"+0.5", GOVOPEN_OK, 0, 50},
      {"0.500", GOVOPEN_OK, 0, 50},
      {"-0.05", GOVOPEN_OK, 0, -5},
      {"007", GOVOPEN_OK, 0, 700},
      {"0", GOVOPEN_OK, 0, 0},
      {"-0", GOVOPEN_OK, 0, 0},
      {"1000000000", GOVOPEN_OK, 0, GV_MAX_CENTS},
      {"1000000000.99", GOVOPEN_OK, 0, GV_MAX_CENTS + 99},
      {"2.531", GOVOPEN_EPARSE, 1, 0},
      {"-0.001", GOVOPEN_EPARSE, 1, 0},
      {"1.0001", GOVOPEN_EPARSE, 1, 0},
      {"1000000001", GOVOPEN_ERANGE, 0, 0},
      {"99999999999", GOVOPEN_ERANGE, 0, 0},
      {"-99999999999", GOVOPEN_ERANGE, 0, 0},
      {"2.5x", GOVOPEN_EPARSE, 0, 0},
      {"2.531x", GOVOPEN_EPARSE, 0, 0},
      {"1e2", GOVOPEN_EPARSE, 0, 0},
      {".5", GOVOPEN_EPARSE, 0, 0},
      {"5.", GOVOPEN_EPARSE, 0, 0},
      {"", GOVOPEN_EPARSE, 0, 0},
      {"-", GOVOPEN_EPARSE, 0, 0},
      {"+", GOVOPEN_EPARSE, 0, 0},
      {" 1", GOVOPEN_EPARSE, 0, 0},
      {"1 ", GOVOPEN_EPARSE, 0, 0},
      {"1,5", GOVOPEN_EPARSE, 0, 0},
      {"--1", GOVOPEN_EPARSE, 0, 0},
      {"nan", GOVOPEN_EPARSE, 0, 0},
      {"inf", GOVOPEN_EPARSE, 0, 0},
      {"0x10", GOVOPEN_EPARSE, 0, 0},
      {"1.2.3", GOVOPEN_EPARSE, 0, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int64_t c = 12345;
    int too_precise = -1;
    int rc = gv_cents_parse(cases[i].text, strlen(cases[i].text), &c, &too_precise);
    CU_ASSERT_EQUAL(rc, cases[i].rc);
    CU_ASSERT_EQUAL(too_precise, cases[i].too_precise);
    if (rc != cases[i].rc) fprintf(stderr, "\n  \"%s\": %d, want %d", cases[i].text, rc, cases[i].rc);
    CU_ASSERT_EQUAL(c, rc == GOVOPEN_OK ? cases[i].cents : 12345); /* untouched on an error */
  }
  /* the length is the text: what follows it is not read */
  int64_t c = 0;
  CU_ASSERT_EQUAL(gv_cents_parse("12.34", 2, &c, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(c, 1200);
  CU_ASSERT_EQUAL(gv_cents_parse("12.34", 4, &c, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(c, 1230);
  CU_ASSERT_EQUAL(gv_cents_parse(NULL, 0, &c, NULL), GOVOPEN_EPARSE);
}

static void test_format(void) {
  static const struct {
    int64_t cents;
    const char *text, *text2;
  } cases[] = {
      {9724, "97.24", "97.24"},
      {50, "0.5", "0.50"},
      {-300, "-3", "-3.00"},
      {10000, "100", "100.00"},
      {5, "0.05", "0.05"},
      {-5, "-0.05", "-0.05"},
      {-50, "-0.5", "-0.50"},
      {0, "0", "0.00"},
      {110, "1.1", "1.10"},
      {101, "1.01", "1.01"},
      {GV_MAX_CENTS, "1000000000", "1000000000.00"},
      {INT64_MAX, "92233720368547758.07", "92233720368547758.07"},
      {INT64_MIN, "-92233720368547758.08", "-92233720368547758.08"},
      {INT64_MIN + 8, "-92233720368547758", "-92233720368547758.00"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char buf[GV_CENTS_TEXT];
    memset(buf, 'x', sizeof buf);
    size_t n = gv_cents_format(cases[i].cents, buf);
    CU_ASSERT_STRING_EQUAL(buf, cases[i].text);
    CU_ASSERT_EQUAL(n, strlen(cases[i].text));
    memset(buf, 'x', sizeof buf);
    n = gv_cents_format2(cases[i].cents, buf);
    CU_ASSERT_STRING_EQUAL(buf, cases[i].text2);
    CU_ASSERT_EQUAL(n, strlen(cases[i].text2));
    CU_ASSERT(n < GV_CENTS_TEXT);
  }
}

/* --- the public face -------------------------------------------------------------- */

static void test_score_format(void) {
  static const struct {
    double score;
    unsigned flags;
    const char *text;
  } cases[] = {
      {97.24, 0, "97.24"},
      {0.5, 0, "0.5"},
      {-3, 0, "-3"},
      {100, 0, "100"},
      {0.5, GOVOPEN_SCORE_TWO_DECIMALS, "0.50"},
      {100, GOVOPEN_SCORE_TWO_DECIMALS, "100.00"},
      {-3, GOVOPEN_SCORE_TWO_DECIMALS, "-3.00"},
      {2.675, 0, "2.68"}, /* the one rule, where printf("%.2f") gives 2.67 */
      {-2.675, GOVOPEN_SCORE_TWO_DECIMALS, "-2.68"},
      {1.005, GOVOPEN_SCORE_TWO_DECIMALS, "1.01"},
      {0.125, 0, "0.13"},
      {0.1 + 0.2, 0, "0.3"},
      {-0.001, GOVOPEN_SCORE_TWO_DECIMALS, "0.00"}, /* never "-0.00" */
      {-0.0, 0, "0"},
      {91e15, 0, "91000000000000000"},
      {-91e15, GOVOPEN_SCORE_TWO_DECIMALS, "-91000000000000000.00"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char out[GOVOPEN_SCORE_SIZE];
    size_t n = govopen_score_format(cases[i].score, cases[i].flags, out, sizeof out);
    CU_ASSERT_EQUAL(n, strlen(cases[i].text));
    CU_ASSERT_STRING_EQUAL(out, cases[i].text);
  }
  /* refused: "" written, (size_t)-1 */
  char out[GOVOPEN_SCORE_SIZE];
  const double bad[] = {NAN, -NAN, INFINITY, -INFINITY, 9.2e16, -9.2e16, 1e300};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    strcpy(out, "junk");
    CU_ASSERT_EQUAL(govopen_score_format(bad[i], 0, out, sizeof out), (size_t)-1);
    CU_ASSERT_STRING_EQUAL(out, "");
  }
  strcpy(out, "junk");
  CU_ASSERT_EQUAL(govopen_score_format(1, 1u, out, sizeof out), (size_t)-1); /* an unknown flag */
  CU_ASSERT_STRING_EQUAL(out, "");
  CU_ASSERT_EQUAL(govopen_score_format(1, GOVOPEN_SCORE_TWO_DECIMALS | 0x80000000u, out, sizeof out), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_score_format(1, 0, NULL, 8), (size_t)-1);
  /* the size: the text and its NUL, or nothing but "" */
  strcpy(out, "junk");
  CU_ASSERT_EQUAL(govopen_score_format(97.24, 0, out, 0), (size_t)-1);
  CU_ASSERT_STRING_EQUAL(out, "junk"); /* size 0: not a byte written */
  CU_ASSERT_EQUAL(govopen_score_format(97.24, 0, out, 5), (size_t)-1);
  CU_ASSERT_STRING_EQUAL(out, "");
  CU_ASSERT_EQUAL(govopen_score_format(97.24, 0, out, 6), 5);
  CU_ASSERT_STRING_EQUAL(out, "97.24");
  CU_ASSERT_EQUAL(govopen_score_format(0.5, GOVOPEN_SCORE_TWO_DECIMALS, out, 4), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_score_format(0.5, GOVOPEN_SCORE_TWO_DECIMALS, out, 5), 4);
  CU_ASSERT_STRING_EQUAL(out, "0.50");
  CU_ASSERT_EQUAL(govopen_score_format(-0.0, 0, out, 2), 1);
  CU_ASSERT_STRING_EQUAL(out, "0");
  /* GOVOPEN_SCORE_SIZE holds the longest text accepted */
  CU_ASSERT_EQUAL(govopen_score_format(-nextafter(9.2e16, 0), GOVOPEN_SCORE_TWO_DECIMALS, out, sizeof out), 21);
}

/* The sums of the reconciliation, added in hundredths by the library, and
   the coverage in percent: the figures tests/test_h14_adjust.c and
   test_h14_coverage.c worked out by hand. */
static void test_result_sums(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(
      run_file(&x, "fixtures/reconcile/aggregate.yaml", "fixtures/reconcile/aggregate.jsonl", "aggregate.jsonl", 0), 0);
  const govopen_result *r = x.r;
  size_t a = govopen_unit_index(govopen_framework_unit_find(x.fw, "甲镇"));
  CU_ASSERT_EQUAL(govopen_result_unit_points_lost(r, a), 31.63);
  CU_ASSERT_EQUAL(govopen_result_unit_adjustments(r, a), -3.0);
  size_t c = govopen_unit_index(govopen_framework_unit_find(x.fw, "丙镇")); /* not scored */
  CU_ASSERT_EQUAL(govopen_result_unit_points_lost(r, c), 0.0);
  CU_ASSERT_EQUAL(govopen_result_unit_adjustments(r, c), 0.0);
  /* every unit and the county: maximum − total = points + rounding − adjustments + clamp, in hundredths */
  for (size_t u = 0; u < govopen_framework_unit_count(x.fw); u++) {
    int64_t lost =
        gv_cents_from_double(govopen_result_unit_maximum(r, u)) - gv_cents_from_double(govopen_result_unit_total(r, u));
    int64_t sum = gv_cents_from_double(govopen_result_unit_points_lost(r, u)) +
                  gv_cents_from_double(govopen_result_unit_rounding(r, u)) -
                  gv_cents_from_double(govopen_result_unit_adjustments(r, u));
    CU_ASSERT_EQUAL(lost, govopen_result_unit_scored(r, u) ? sum : 0);
    /* as the accessors give hundredths: the nearest double to a whole number of them */
    double p = govopen_result_unit_points_lost(r, u);
    CU_ASSERT_EQUAL(gv_cents_to_double(gv_cents_from_double(p)), p);
  }
  CU_ASSERT(isnan(govopen_result_unit_points_lost(r, govopen_framework_unit_count(x.fw))));
  CU_ASSERT(isnan(govopen_result_unit_adjustments(r, (size_t)-1)));
  CU_ASSERT(isnan(govopen_result_unit_points_lost(NULL, 0)));
  CU_ASSERT(isnan(govopen_result_unit_adjustments(NULL, 0)));
  CU_ASSERT(isnan(govopen_result_county_points_lost(NULL)));
  CU_ASSERT(isnan(govopen_result_county_adjustments(NULL)));
  CU_ASSERT(isnan(govopen_result_unit_coverage_percent(NULL, 0)));
  CU_ASSERT(isnan(govopen_result_unit_coverage_percent(r, (size_t)-1)));
  CU_ASSERT(isnan(govopen_result_county_coverage_percent(NULL)));
  run_free(&x);

  CU_ASSERT_EQUAL_FATAL(
      run_file(&x, "fixtures/reconcile/clamp.yaml", "fixtures/reconcile/clamp-low.jsonl", "clamp-low.jsonl", 0), 0);
  /* 共失 100.00 = 评估点失分 98.99 + 舍入 0.00 − 加减分 (-3.00) + 封顶 (-1.99) */
  CU_ASSERT_EQUAL(govopen_result_county_points_lost(x.r), 98.99);
  CU_ASSERT_EQUAL(govopen_result_county_adjustments(x.r), -3.0);
  run_free(&x);

  CU_ASSERT_EQUAL_FATAL(run_file(&x, "fixtures/coverage/cov.yaml", "fixtures/coverage/cov.jsonl", "cov.jsonl", 0), 0);
  static const struct {
    const char *unit;
    double percent;
  } cov[] = {{"t1", 100}, {"t2", 50}, {"t3", 10}, {"t4", 0}, {"t6", 60}, {"d2", 66.66}, {"i1", 0}};
  for (size_t i = 0; i < sizeof cov / sizeof cov[0]; i++) {
    size_t u = govopen_unit_index(govopen_framework_unit_by_id(x.fw, cov[i].unit));
    CU_ASSERT_EQUAL(govopen_result_unit_coverage_percent(x.r, u), cov[i].percent);
  }
  CU_ASSERT_EQUAL(govopen_result_county_coverage_percent(x.r), 100.0);
  run_free(&x);
}

static const test_case cases[] = {{"halves away from zero, noise of a half is the half", test_round_half_away},
                                  {"points to hundredths", test_from_double},
                                  {"two decimals at most", test_exact},
                                  {"division: negative numerators and denominators, int64 ends", test_div},
                                  {"shares of a maximum", test_share},
                                  {"a double against hundredths", test_cmp_double},
                                  {"coverage rounded down", test_percent_down},
                                  {"parsing: values and errors -1, -2, -3", test_parse},
                                  {"formatting: at most two decimals, exactly two", test_format},
                                  {"govopen_score_format: flags, small buffers, NaN", test_score_format},
                                  {"the sums of a total and coverage in percent", test_result_sums},
                                  {NULL, NULL}};
GV_TEST_SUITE(h15_numbers, cases);
