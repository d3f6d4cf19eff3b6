/*
 * calendar_query — the cost of working-day queries through the public
 * calendar API (include/govopen/calendar.h), on the built-in `cn` calendar.
 *
 * Usage: calendar_query [Q]      (Q queries per kind, default 1,000,000)
 *
 * Over 4,096 random dates of 2023 (fixed seed), times Q calls of each:
 *   is_workday            govopen_calendar_is_workday(d)
 *   add_workdays_1        govopen_calendar_add_workdays(d, 1)
 *   add_workdays_200      govopen_calendar_add_workdays(d, 200)
 *   workdays_between_1    govopen_calendar_workdays_between(d, d + 1 working day)
 *   workdays_between_200  govopen_calendar_workdays_between(d, d + 200 working days)
 * and prints ns/query for each: the 1 and 200 rows show whether a query's
 * cost grows with the span. Every result is checked and summed, so no call
 * can be optimised away.
 */
#define _POSIX_C_SOURCE 200809L

#include <govopen/govopen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_clock.h"

enum { NDATES = 4096 };

static char dates[NDATES][11];   /* random days of 2023 */
static char plus1[NDATES][11];   /* each one's next working day */
static char plus200[NDATES][11]; /* each one's 200th working day after */

/* xorshift64: a fixed, portable sequence. */
static unsigned long long rng_state = 0x2023123120240115ULL;
static unsigned long long next_random(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

/* Day `doy` (0-based) of 2023 as "YYYY-MM-DD". */
static void day_of_2023(int doy, char out[11]) {
  static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int m = 0;
  while (m < 11 && doy >= mdays[m]) doy -= mdays[m++];
  unsigned mm = (unsigned)(m + 1) % 100u, dd = (unsigned)(doy + 1) % 100u;
  snprintf(out, 11, "2023-%02u-%02u", mm, dd);
}

static int fail(const char *what, int st) {
  fprintf(stderr, "calendar_query: %s: %s\n", what, govopen_status_str(st));
  return 1;
}

static void report(const char *name, long q, double secs, long long check) {
  printf("%-22s %8.1f ns/query   (check %lld)\n", name, secs * 1e9 / (double)q, check);
}

int main(int argc, char **argv) {
  long q = argc > 1 ? atol(argv[1]) : 1000000L;
  if (q < 1) q = 1;
  govopen_calendar *cal = NULL;
  int st = govopen_calendar_load_builtin(&cal, "cn", NULL, NULL);
  if (st) return fail("load cn", st);

  for (int i = 0; i < NDATES; i++) {
    day_of_2023((int)(next_random() % 365), dates[i]);
    if ((st = govopen_calendar_add_workdays(cal, dates[i], 1, plus1[i], NULL))) return fail("setup", st);
    if ((st = govopen_calendar_add_workdays(cal, dates[i], 200, plus200[i], NULL))) return fail("setup", st);
  }

  long long check = 0;
  double t0 = bench_now();
  for (long i = 0; i < q; i++) {
    int w = 0;
    if ((st = govopen_calendar_is_workday(cal, dates[i & (NDATES - 1)], &w, NULL))) return fail("is_workday", st);
    check += w;
  }
  report("is_workday", q, bench_now() - t0, check);

  static const int spans[2] = {1, 200};
  for (int s = 0; s < 2; s++) {
    char out[11];
    check = 0;
    t0 = bench_now();
    for (long i = 0; i < q; i++) {
      if ((st = govopen_calendar_add_workdays(cal, dates[i & (NDATES - 1)], spans[s], out, NULL)))
        return fail("add_workdays", st);
      check += out[9];
    }
    char name[32];
    snprintf(name, sizeof name, "add_workdays_%d", spans[s]);
    report(name, q, bench_now() - t0, check);
  }

  for (int s = 0; s < 2; s++) {
    char(*ends)[11] = s == 0 ? plus1 : plus200;
    check = 0;
    t0 = bench_now();
    for (long i = 0; i < q; i++) {
      int n = 0;
      size_t k = (size_t)i & (NDATES - 1);
      if ((st = govopen_calendar_workdays_between(cal, dates[k], ends[k], &n, NULL)))
        return fail("workdays_between", st);
      check += n;
    }
    char name[32];
    snprintf(name, sizeof name, "workdays_between_%d", spans[s]);
    report(name, q, bench_now() - t0, check);
    if (check != (long long)q * spans[s]) {
      fprintf(stderr, "calendar_query: workdays_between gave %lld, expected %lld\n", check, (long long)q * spans[s]);
      return 1;
    }
  }
  govopen_calendar_free(cal);
  return 0;
}
