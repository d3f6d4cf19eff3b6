#include "calendar/calendar.h"

#include <string.h>

#include "calendar/date.h"
#include "govopen/common.h"

int gv_calendar_init(govopen_calendar *c, int first_year, int last_year, unsigned weekend) {
  if (first_year < GV_YEAR_MIN || last_year > GV_YEAR_MAX || first_year > last_year ||
      last_year - first_year >= GV_CALENDAR_MAX_YEARS)
    return GOVOPEN_ERANGE;
  c->first_year = first_year;
  c->last_year = last_year;
  c->first_day = gv_days_from_civil(first_year, 1, 1);
  c->last_day = gv_days_from_civil(last_year, 12, 31);
  c->weekend = weekend;
  c->days = (size_t)(c->last_day - c->first_day) + 1;
  c->kind = gv_arena_array(&c->arena, c->days, sizeof *c->kind);
  c->name_of = gv_arena_array(&c->arena, c->days, sizeof *c->name_of);
  c->before = gv_arena_array(&c->arena, c->days + 1, sizeof *c->before);
  /* every day may carry a name of its own, twice over: once from a base, once the calendar's own */
  c->name_cap = 2 * c->days;
  c->names = gv_arena_array(&c->arena, c->name_cap, sizeof *c->names);
  if (c->kind == NULL || c->name_of == NULL || c->before == NULL || c->names == NULL) return GOVOPEN_ENOMEM;
  return 0;
}

int gv_calendar_covers(const govopen_calendar *c, int32_t day) { return day >= c->first_day && day <= c->last_day; }

static size_t slot(const govopen_calendar *c, int32_t day) { return (size_t)(day - c->first_day); }

int gv_calendar_mark(govopen_calendar *c, int32_t day, gv_day_kind kind, const char *name) {
  size_t i = slot(c, day);
  c->kind[i] = (uint8_t)kind;
  c->name_of[i] = 0;
  if (name == NULL) return 0;
  size_t len = strlen(name);
  void *found = gv_hmap_get(&c->name_map, name, len);
  if (found) {
    c->name_of[i] = (uint32_t)(uintptr_t)found;
    return 0;
  }
  if (c->name_count == c->name_cap) return GOVOPEN_ELIMIT;
  char *copy = gv_arena_strndup(&c->arena, name, len);
  if (copy == NULL) return GOVOPEN_ENOMEM;
  uintptr_t index = c->name_count + 1;
  if (gv_hmap_set(&c->name_map, copy, len, (void *)index) != 0) return GOVOPEN_ENOMEM;
  c->names[c->name_count++] = copy;
  c->name_of[i] = (uint32_t)index;
  return 0;
}

int gv_calendar_weekend_day(const govopen_calendar *c, int32_t day) { return (c->weekend >> gv_weekday(day)) & 1u; }

gv_day_kind gv_calendar_kind(const govopen_calendar *c, int32_t day) { return (gv_day_kind)c->kind[slot(c, day)]; }

int gv_calendar_is_workday(const govopen_calendar *c, int32_t day) {
  switch (gv_calendar_kind(c, day)) {
    case GV_DAY_OFF: return 0;
    case GV_DAY_WORK: return 1;
    default: return !gv_calendar_weekend_day(c, day);
  }
}

const char *gv_calendar_name(const govopen_calendar *c, int32_t day) {
  uint32_t k = c->name_of[slot(c, day)];
  return k ? c->names[k - 1] : "";
}

void gv_calendar_finish(govopen_calendar *c) {
  c->before[0] = 0;
  for (size_t i = 0; i < c->days; i++)
    c->before[i + 1] = c->before[i] + gv_calendar_is_workday(c, c->first_day + (int32_t)i);
  gv_hmap_free(&c->name_map);
}

void gv_calendar_free(govopen_calendar *c) {
  if (c == NULL) return;
  gv_hmap_free(&c->name_map);
  gv_arena arena = c->arena; /* the calendar itself lives in its arena */
  gv_arena_free(&arena);
}

int gv_calendar_add_workdays(const govopen_calendar *c, int32_t day, int n, int32_t *out) {
  if (n < 0) return GOVOPEN_EINVALID;
  if (!gv_calendar_covers(c, day)) return GOVOPEN_ERANGE;
  if (n == 0) {
    *out = day;
    return 0;
  }
  /* The answer is the first day whose running count, itself included,
     reaches the count up to `day` plus n. */
  int64_t target = (int64_t)c->before[slot(c, day) + 1] + n;
  if (c->before[c->days] < target) return GOVOPEN_ERANGE;
  size_t lo = slot(c, day) + 1, hi = c->days - 1;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c->before[mid + 1] >= target)
      hi = mid;
    else
      lo = mid + 1;
  }
  *out = c->first_day + (int32_t)lo;
  return 0;
}

int gv_calendar_workdays_between(const govopen_calendar *c, int32_t d1, int32_t d2, int *out) {
  if (!gv_calendar_covers(c, d1) || !gv_calendar_covers(c, d2)) return GOVOPEN_ERANGE;
  *out = d2 <= d1 ? 0 : (int)(c->before[slot(c, d2) + 1] - c->before[slot(c, d1) + 1]);
  return 0;
}

int gv_calendar_add_days(const govopen_calendar *c, int32_t day, int n, int roll, int32_t *out) {
  if (n < 0) return GOVOPEN_EINVALID;
  if (!gv_calendar_covers(c, day)) return GOVOPEN_ERANGE;
  int64_t d = (int64_t)day + n;
  if (d > c->last_day) return GOVOPEN_ERANGE;
  while (roll && d <= c->last_day && !gv_calendar_is_workday(c, (int32_t)d)) d++;
  if (d > c->last_day) return GOVOPEN_ERANGE;
  *out = (int32_t)d;
  return 0;
}
