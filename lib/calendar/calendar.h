/* The working-day calendar model: whole years, a weekend rule and a compact
 * table with one entry per day (its kind and holiday name), plus running
 * counts of working days so that counting and adding working days cost a
 * subtraction and a binary search. Built by load/calendar_load.c, read by
 * api/calendar.c. Immutable once finished. Days are day numbers (date.h). */
#ifndef GV_CALENDAR_H
#define GV_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "govopen/calendar.h"
#include "util/arena.h"
#include "util/hmap.h"

/* Longest span of years a calendar may cover (bounds the table). */
#define GV_CALENDAR_MAX_YEARS 100

/* What the table says of a day. */
typedef enum gv_day_kind {
  GV_DAY_PLAIN = 0, /* the weekend rule decides */
  GV_DAY_OFF = 1,   /* a day off (放假), whatever its weekday */
  GV_DAY_WORK = 2   /* an adjusted working day (调休上班), whatever its weekday */
} gv_day_kind;

struct govopen_calendar {
  gv_arena arena; /* the calendar itself lives in it */
  const char *id, *name, *region, *note, *base, *source_name;
  const char **provenance;
  size_t provenance_count;
  int first_year, last_year;
  int32_t first_day, last_day; /* inclusive */
  unsigned weekend;            /* bit (1 << ISO weekday) for each weekend day */
  size_t days;                 /* last_day - first_day + 1 */
  uint8_t *kind;               /* per day: a gv_day_kind */
  uint32_t *name_of;           /* per day: 1 + index into names, 0 for none */
  const char **names;          /* distinct holiday names */
  size_t name_count, name_cap;
  int32_t *before;  /* before[i]: working days among the first i days; days + 1 entries */
  gv_hmap name_map; /* building only: name -> 1 + index */
};

/* The weekend of most calendars: Saturday and Sunday. */
#define GV_WEEKEND_SAT_SUN ((1u << 6) | (1u << 7))

/* Sets up an empty calendar for `first_year` to `last_year` (at most
   GV_CALENDAR_MAX_YEARS) with a weekend rule. 0, GOVOPEN_ERANGE or GOVOPEN_ENOMEM. */
int gv_calendar_init(govopen_calendar *c, int first_year, int last_year, unsigned weekend);
/* 1 when `day` lies within the calendar's years. */
int gv_calendar_covers(const govopen_calendar *c, int32_t day);
/* Sets a covered day's kind and name (copied and shared between days; NULL
   for none). 0, GOVOPEN_ENOMEM, or GOVOPEN_ELIMIT past 2 x days distinct
   names (a loader marks each day at most twice: from a base, then its own). */
int gv_calendar_mark(govopen_calendar *c, int32_t day, gv_day_kind kind, const char *name);
/* Working day by the weekend rule alone. */
int gv_calendar_weekend_day(const govopen_calendar *c, int32_t day);
/* Computes the running counts; the calendar is then ready for queries. */
void gv_calendar_finish(govopen_calendar *c);
/* Frees a calendar (finished or not). Accepts NULL. */
void gv_calendar_free(govopen_calendar *c);

/* Queries on covered days (check gv_calendar_covers() first). */
gv_day_kind gv_calendar_kind(const govopen_calendar *c, int32_t day);
int gv_calendar_is_workday(const govopen_calendar *c, int32_t day);
/* The holiday's name, "" for none. */
const char *gv_calendar_name(const govopen_calendar *c, int32_t day);

/* The arithmetic. Each returns 0, GOVOPEN_EINVALID (n < 0) or GOVOPEN_ERANGE
   (`day` or the result outside the calendar). */
/* The date of the nth working day after `day`; n = 0 gives `day`. */
int gv_calendar_add_workdays(const govopen_calendar *c, int32_t day, int n, int32_t *out);
/* Working days after d1 up to and including d2; 0 when d2 <= d1. */
int gv_calendar_workdays_between(const govopen_calendar *c, int32_t d1, int32_t d2, int *out);
/* day + n, moved forward to the next working day when `roll` and it is a day off. */
int gv_calendar_add_days(const govopen_calendar *c, int32_t day, int n, int roll, int32_t *out);

#endif
