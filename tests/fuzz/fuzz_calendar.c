/* Fuzz target: the calendar loader (govopen_calendar_load_buffer) on
 * arbitrary bytes. A calendar that loads is queried on dates picked from a
 * hash of the input, and its answers checked against each other: the Nth
 * working day after d is N working days after d, is a working day, and a
 * rolled calendar-day deadline lands on a working day; dates outside its
 * years are GOVOPEN_ERANGE and malformed ones GOVOPEN_EINVALID. */
#include <string.h>

#include "fuzz.h"
#include "govopen/govopen.h"

static uint32_t hash(const uint8_t *data, size_t size) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < size; i++) h = (h ^ data[i]) * 16777619u;
  return h;
}

static uint32_t next(uint32_t *s) {
  *s = *s * 1103515245u + 12345u;
  return *s >> 8;
}

static void check_err(int rc, govopen_error *err) {
  if (rc == GOVOPEN_OK) {
    FUZZ_CHECK(err == NULL);
    return;
  }
  FUZZ_CHECK(err != NULL && govopen_error_code(err) == rc);
  FUZZ_CHECK(govopen_error_message(err) != NULL && govopen_error_message(err)[0] != '\0');
  govopen_error_free(err);
}

static void query(const govopen_calendar *cal, const char *d, uint32_t *seed) {
  govopen_error *err = NULL;
  int work = -1;
  int rc = govopen_calendar_is_workday(cal, d, &work, &err);
  check_err(rc, err);
  (void)govopen_calendar_day_name(cal, d);
  if (rc != GOVOPEN_OK) return;
  FUZZ_CHECK(work == 0 || work == 1);

  int n = (int)(next(seed) % 400);
  char due[11] = {0};
  err = NULL;
  rc = govopen_calendar_add_workdays(cal, d, n, due, &err);
  check_err(rc, err);
  if (rc == GOVOPEN_OK) {
    FUZZ_CHECK(strlen(due) == 10);
    int between = -1;
    err = NULL;
    FUZZ_CHECK(govopen_calendar_workdays_between(cal, d, due, &between, &err) == GOVOPEN_OK);
    FUZZ_CHECK(between == n);
    if (n > 0) {
      FUZZ_CHECK(govopen_calendar_is_workday(cal, due, &work, NULL) == GOVOPEN_OK && work == 1);
      FUZZ_CHECK(strcmp(due, d) > 0);
    } else {
      FUZZ_CHECK(strcmp(due, d) == 0);
    }
    FUZZ_CHECK(govopen_calendar_workdays_between(cal, due, d, &between, NULL) == GOVOPEN_OK && between == 0);
  } else {
    FUZZ_CHECK(rc == GOVOPEN_ERANGE);
  }
  char later[11] = {0};
  err = NULL;
  rc = govopen_calendar_add_days(cal, d, n, 1, later, &err);
  check_err(rc, err);
  if (rc == GOVOPEN_OK) {
    FUZZ_CHECK(govopen_calendar_is_workday(cal, later, &work, NULL) == GOVOPEN_OK && work == 1);
  }
  err = NULL;
  rc = govopen_calendar_add_days(cal, d, n, 0, later, &err);
  check_err(rc, err);
}

static void exercise(const govopen_calendar *cal, uint32_t seed) {
  FUZZ_CHECK(govopen_calendar_id(cal) != NULL && govopen_calendar_name(cal) != NULL);
  int first = govopen_calendar_first_year(cal), last = govopen_calendar_last_year(cal);
  FUZZ_CHECK(first >= 1 && first <= last && last <= 9999);
  for (size_t i = 0; i < govopen_calendar_provenance_count(cal); i++)
    FUZZ_CHECK(govopen_calendar_provenance(cal, i) != NULL);
  FUZZ_CHECK(govopen_calendar_provenance(cal, govopen_calendar_provenance_count(cal)) == NULL);

  char d[32];
  int work = -1;
  snprintf(d, sizeof d, "%04d-01-01", first);
  query(cal, d, &seed);
  snprintf(d, sizeof d, "%04d-12-31", last);
  query(cal, d, &seed);
  for (int k = 0; k < 6; k++) {
    int y = first + (int)(next(&seed) % (uint32_t)(last - first + 1));
    snprintf(d, sizeof d, "%04d-%02d-%02d", y, 1 + (int)(next(&seed) % 12), 1 + (int)(next(&seed) % 28));
    query(cal, d, &seed);
  }
  if (first > 1) {
    snprintf(d, sizeof d, "%04d-12-31", first - 1);
    FUZZ_CHECK(govopen_calendar_is_workday(cal, d, &work, NULL) == GOVOPEN_ERANGE);
  }
  if (last < 9999) {
    snprintf(d, sizeof d, "%04d-01-01", last + 1);
    FUZZ_CHECK(govopen_calendar_is_workday(cal, d, &work, NULL) == GOVOPEN_ERANGE);
  }
  FUZZ_CHECK(govopen_calendar_is_workday(cal, "2023-02-29", &work, NULL) == GOVOPEN_EINVALID);
  FUZZ_CHECK(govopen_calendar_is_workday(cal, "2023-1-05", &work, NULL) == GOVOPEN_EINVALID);
  FUZZ_CHECK(strcmp(govopen_calendar_day_name(cal, "not a date"), "") == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  govopen_calendar *cal = NULL;
  govopen_error *err = NULL;
  int rc = govopen_calendar_load_buffer(&cal, (const char *)data, size, "fuzz-calendar.yaml", NULL, &err);
  if (rc == GOVOPEN_OK) {
    FUZZ_CHECK(cal != NULL && err == NULL);
    exercise(cal, hash(data, size));
  } else {
    FUZZ_CHECK(rc < 0 && cal == NULL && err != NULL);
    FUZZ_CHECK(govopen_error_count(err, GOVOPEN_SEVERITY_ERROR) > 0);
    for (const govopen_error *e = err; e; e = govopen_error_next(e))
      FUZZ_CHECK(govopen_error_message(e) != NULL && govopen_error_message(e)[0] != '\0');
  }
  govopen_error_free(err);
  govopen_calendar_free(cal);
  return 0;
}
