/* Evaluations and results: the internal model behind include/govopen/evaluate.h. */
#ifndef GV_EVAL_H
#define GV_EVAL_H

#include <stdint.h>

#include "calendar/calendar.h"
#include "govopen/evaluate.h"
#include "model/model.h"
#include "rules/rule.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/error.h"

#define GV_OBSERVED_UNSET INT32_MIN

/* One accepted observation, its samples typed by the point's rule. */
typedef struct gv_obs {
  size_t unit, point;      /* framework indexes; unused for county adjustments */
  int adjustment;          /* the framework's adjustment index, or -1 */
  int adjusts_unit;        /* an adjustment aimed at `unit` */
  int32_t observed;        /* GV_OBSERVED_UNSET: the as-of date */
  gv_sample *samples;
  size_t n;
  const char *source;
  unsigned line, col;
  size_t order;
} gv_obs;

struct govopen_evaluation {
  const govopen_framework *fw;
  govopen_calendar *calendar; /* owned */
  gv_arena arena;             /* observations, their samples and strings */
  gv_vec obs;                 /* gv_obs * */
  gv_diags diags;             /* rejected observations */
  size_t rejected;
  size_t order;
  int32_t as_of;              /* GV_OBSERVED_UNSET when not set */
  int32_t period_first, period_last;
  int has_period;
  int not_evaluated_zero;
  int county_min;
  size_t max_named;
  int strict;
  uint64_t max_steps;
  size_t max_observations;
  size_t records_seen; /* records read so far, rejected ones included */
};

/* Reads observations from `data` into `ev` (load/obs_load.c). */
int gv_obs_add(govopen_evaluation *ev, const char *data, size_t len, const char *source, int format,
               govopen_error **err);

typedef struct gv_cell {
  int status; /* govopen_cell_status, or -1: not assigned */
  int64_t score, max;
  gv_reason *reasons;
  size_t reason_count;
  size_t samples, judged;
} gv_cell;

typedef struct gv_unit_result {
  int scored, vetoed;
  int64_t raw, possible; /* hundredths */
  int64_t total;         /* hundredths, normalised to 100 and adjusted */
  unsigned rank;
  const char *grade;
  int64_t *node_score;   /* per framework node; -1: not evaluated */
  int64_t *node_possible;
} gv_unit_result;

struct govopen_result {
  gv_arena arena;
  const govopen_framework *fw;
  char as_of[11];
  int32_t as_of_day, period_first, period_last;
  size_t observations, rejected;
  gv_cell *cells; /* unit_count × point_count, unit-major */
  gv_unit_result *units;
  int64_t *county_point; /* -1: not evaluated */
  int64_t *county_node, *county_node_possible;
  int64_t county_raw, county_possible, county_normalised, county_total;
  const char *county_grade;
  size_t *adjustments; /* framework adjustment indexes triggered county-wide */
  size_t adjustment_count;
  const char **adjustment_evidence;
  int not_evaluated_zero, county_min;
};

/* Runs an evaluation (eval/evaluate.c). */
int gv_evaluate(govopen_evaluation *ev, govopen_result **out, govopen_error **err);

#endif
