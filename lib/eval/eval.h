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
#include "util/digest.h"
#include "util/error.h"
#include "util/hmap.h"

#define GV_OBSERVED_UNSET INT32_MIN
#define GV_ADJ_KEY 16

/* One accepted observation, its samples typed by the point's rule: built in
   a scratch arena while one record is read, then added to a sink and dropped. */
typedef struct gv_obs {
  size_t unit, point; /* framework indexes; unused for county adjustments */
  int adjustment;     /* the framework's adjustment index, or -1 */
  int adjusts_unit;   /* an adjustment aimed at `unit` */
  int32_t observed;   /* GV_OBSERVED_UNSET: the as-of date */
  gv_sample *samples;
  size_t n;
  const char *source;
  unsigned line, col;
  uint64_t order;           /* the record's place among all the evaluation's inputs */
  size_t record;            /* the record's index in its input */
  unsigned at_line, at_col; /* adjustments: where the `adjustment` value is */
} gv_obs;

/* A triggered whole-score adjustment (备注). */
typedef struct gv_adj_obs {
  struct gv_adj_obs *next;
  int adjustment;   /* the framework's index */
  int adjusts_unit; /* aimed at `unit`, else the county */
  size_t unit;
  /* its evidence, each piece as written (in the sink's arena), and its note */
  const char *const *evidence;
  size_t evidence_count;
  const char *note;
  int32_t observed; /* GV_OBSERVED_UNSET: the as-of date */
  /* where it was read: the record and its `adjustment` value */
  const char *source;
  size_t record;
  unsigned line, col;
  unsigned char key[GV_ADJ_KEY]; /* gv_adj_key(): what may be triggered once */
} gv_adj_obs;

/* The key of an adjustment's target in a sink's map of the non-repeatable
   adjustments triggered (an adjustment applies once per unit, or once to
   the county, unless the framework declares it repeatable). */
void gv_adj_key(unsigned char key[GV_ADJ_KEY], int adjustment, int adjusts_unit, size_t unit);

/* Where accepted observations go: the state of every unit × point (never
   the observations themselves) and the adjustments. An evaluation holds what
   earlier calls added; each call adds into a pending sink (one per reading
   thread) committed in input order when the call succeeds and discarded when
   memory runs out, so a failed call leaves the evaluation as it was. */
typedef struct gv_sink {
  gv_acc **cells;             /* unit_count × point_count, unit-major; NULL: not observed */
  gv_arena arena;             /* the states, the adjustments */
  gv_adj_obs *adj, *adj_tail; /* in input order */
  /* gv_adj_key → the first gv_adj_obs of each non-repeatable adjustment
     target. A pending sink's is kept by gv_sink_accept; the committed one's
     is an index of its list, brought up to date by gv_sink_index_adjustments
     (up to `adj_indexed`) before a call reads, so that the threads of the
     call only read it. */
  gv_hmap adj_seen;
  const gv_adj_obs *adj_indexed;
  gv_vec touched; /* indexes of the cells opened here (uintptr_t) */
  size_t accepted;
} gv_sink;

/* One input an evaluation read (an add call that kept what it read): what
   the result's fingerprint says it was made from. */
typedef struct gv_input {
  const char *name;           /* the source name, in the evaluation's arena */
  char digest[GV_DIGEST_HEX]; /* SHA-256 of its bytes as read, lowercase hex */
  uint64_t records, accepted, rejected;
} gv_input;

struct govopen_evaluation {
  const govopen_framework *fw;
  govopen_calendar *calendar; /* owned */
  gv_arena arena;             /* source names */
  gv_sink sink;               /* committed */
  gv_sink pending;            /* the current call's */
  gv_diags diags;             /* rejected observations */
  /* The last run's warnings (cells whose rule could not be applied), linked
     after `diags` so that govopen_evaluation_diagnostics() shows them too;
     dropped when observations are added or the evaluation runs again. */
  gv_diags run_diags;
  size_t rejected;
  uint64_t order; /* records read by earlier calls */
  int32_t as_of;  /* GV_OBSERVED_UNSET when not set */
  int32_t period_first, period_last;
  int has_period;
  int not_evaluated_zero;
  int county_min;
  size_t max_named;
  int strict;
  int jobs;
  uint64_t max_steps;
  size_t max_observations;
  size_t max_keys;         /* GOVOPEN_EVAL_MAX_KEYS: keys in one record */
  int min_coverage;        /* GOVOPEN_EVAL_MIN_COVERAGE, percent: below it a rank is marked */
  size_t records_seen;     /* records read so far, rejected ones included */
  int started;             /* observations were added: as-of, period, calendar, max_named are fixed */
  gv_rule_ctx ctx;         /* the rules' context, fixed when started */
  unsigned char *assigned; /* a bit per unit × point the framework assigns, built when started */
  /* What its results' fingerprints name (api/fingerprint.c) */
  gv_input *inputs; /* in the order added */
  size_t input_count, input_cap;
  const char *calendar_file; /* set_calendar_file's path (arena), NULL: the built-in calendar */
  char calendar_digest[GV_DIGEST_HEX];
};

/* Fixes the settings the states depend on before the first observation
   (eval/evaluate.c): GOVOPEN_ESTATE without an as-of date. */
int gv_eval_start(govopen_evaluation *ev, govopen_error **err);
/* Sinks (eval/evaluate.c). */
/* GOVOPEN_OK, or GOVOPEN_ENOMEM. */
int gv_sink_init(gv_sink *s, const govopen_framework *fw);
void gv_sink_free(gv_sink *s);
/* Adds one observation: GOVOPEN_OK; GV_ACC_UNJUDGEABLE (positive: not a
   failure) when one of its samples cannot be judged (a date outside the
   calendar), nothing of it added, the sample's index in *bad and why in
   `why`; or GOVOPEN_ENOMEM. */
int gv_sink_accept(gv_sink *s, const govopen_evaluation *ev, const gv_obs *o, gv_buf *why, size_t *bad);
/* Merges pending `later` (input after `into`'s) into `into`, and empties it
   for the next call. Cannot fail. */
void gv_sink_commit(gv_sink *into, gv_sink *later, const govopen_evaluation *ev);
/* Empties a pending sink, dropping what it holds. */
void gv_sink_discard(gv_sink *s);
/* Brings the committed sink's adj_seen up to date: GOVOPEN_OK, or GOVOPEN_ENOMEM
   (what was indexed stays valid, the rest is indexed next time). */
int gv_sink_index_adjustments(gv_sink *s, const govopen_framework *fw);
/* The first non-repeatable adjustment of `key` in the sink, or NULL. */
const gv_adj_obs *gv_sink_adjustment_seen(const gv_sink *s, const unsigned char key[GV_ADJ_KEY]);

/* Unlinks and frees the last run's warnings (eval/evaluate.c). */
void gv_eval_drop_run_warnings(govopen_evaluation *ev);

/* Reads observations from `data` into `ev` (eval/observations.c). */
int gv_obs_add(govopen_evaluation *ev, const char *data, size_t len, const char *source, int format,
               govopen_error **err);
/* Reads observations from a file, streaming, on ev->jobs threads for JSON Lines (eval/observations.c). */
int gv_obs_add_file(govopen_evaluation *ev, const char *path, int format, govopen_error **err);

typedef struct gv_cell {
  gv_reason *reasons;
  uint64_t samples, judged;
  int32_t score, max; /* hundredths */
  /* Hundredths of the unit's total lost here: its share of the unit's raw
     loss (possible − raw, spread down the tree as each indicator's
     aggregation took it) × maximum / possible, rounded (gv_cents_share); 0
     when the cell does not count. Reconciles the total (docs/results.md). */
  int32_t lost;
  uint32_t reason_count;
  int status;     /* govopen_cell_status, or -1: not assigned */
  int error_code; /* GOVOPEN_CELL_ERROR: the GOVOPEN_* status of the failure */
} gv_cell;

/* A whole-score adjustment (备注) as the result keeps it: for the county or
   one unit, applied or not (why), with its observation's date, evidence
   and note. */
typedef struct gv_result_adj {
  size_t index;          /* the framework's adjustment */
  int applied;           /* 0: not applied (a unit vetoed, or not scored) */
  const char *why;       /* when not applied: "vetoed" or "not_scored" (static) */
  char date[11];         /* the observation's `observed` date, else the as-of date */
  const char **evidence; /* as the observation gave it */
  size_t evidence_count;
  const char *note; /* the observation's `note`, or NULL */
} gv_result_adj;

typedef struct gv_unit_result {
  int scored, vetoed;
  int64_t raw, possible; /* hundredths */
  /* The reconciliation (docs/results.md, "One total, one rule"), hundredths:
     total = clamp(unclamped), unclamped = normalised + Σ applied
     adjustments, normalised = gv_cents_share(maximum, raw, possible), and
     maximum − normalised = Σ cells' lost + rounding. All 0 when not scored. */
  int64_t total;
  int64_t normalised, unclamped, maximum, rounding;
  gv_result_adj *adj; /* the adjustments aimed at the unit, in input order */
  size_t adj_count;
  unsigned rank;
  const char *grade;
  int64_t *node_score; /* per framework node; -1: not evaluated */
  int64_t *node_possible;
  /* Coverage (evaluate.h): the maxima of the cells judged and of every cell,
     added up the tree as `possible` is; the cells judged and all cells. */
  int64_t cover_evaluated, cover_applicable; /* hundredths */
  size_t points_evaluated, points_applicable;
  int low_coverage; /* ranked, and below the run's GOVOPEN_EVAL_MIN_COVERAGE */
  size_t ranked_of; /* units ranked in its kind */
} gv_unit_result;

/* The kinds of unit (govopen_kind), for per-kind counts. */
#define GV_KINDS (GOVOPEN_UNIT_OTHER + 1)
/* The numbered settings a result keeps, by govopen_eval_option. */
#define GV_SETTINGS (GOVOPEN_EVAL_MIN_COVERAGE + 1)

/* The numbered settings a fingerprint names, by option id: all but
   GOVOPEN_EVAL_JOBS, which by contract changes nothing in a result. */
#define GV_FP_SETTINGS 9

/* What a result was made from (docs/results.md, "fingerprint"). Its
   strings live in the result's arena, its inputs too. */
typedef struct gv_fingerprint {
  char digest[GV_DIGEST_HEX]; /* over everything below, canonical order */
  char framework_digest[GV_DIGEST_HEX];
  const char *calendar;                /* the built-in calendar's id, or the county file's path */
  char calendar_digest[GV_DIGEST_HEX]; /* the county file's; "" for a built-in calendar */
  int setting_id[GV_FP_SETTINGS];
  const char *setting_name[GV_FP_SETTINGS];
  int64_t setting[GV_FP_SETTINGS];
  gv_input *inputs;
  size_t input_count;
} gv_fingerprint;

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
  int64_t county_unclamped; /* normalised + adjustments; county_total differs when cap_adjusted clamped it */
  int64_t county_rounding;  /* framework total − normalised − Σ county_lost; 0 when nothing was evaluated */
  int64_t *county_lost;     /* per point: hundredths of the county's total lost there (0: not counted) */
  const char *county_grade;
  size_t *adjustments; /* framework adjustment indexes triggered county-wide */
  size_t adjustment_count;
  gv_result_adj *county_adj; /* the same, with their dates, evidence and notes */
  int not_evaluated_zero, county_min;
  /* Coverage: the county's (over points, as gv_unit_result's over cells),
     and per kind of unit the units ranked, marked and not evaluated. */
  int64_t county_cover_evaluated, county_cover_applicable;
  size_t county_points_evaluated, county_points_applicable;
  size_t kind_ranked[GV_KINDS], kind_low[GV_KINDS], kind_not_evaluated[GV_KINDS];
  int min_coverage; /* percent */
  char period_first_text[11], period_last_text[11];
  int64_t settings[GV_SETTINGS]; /* every numbered setting as run, by option (0 unused) */
  /* Non-NULL: the cells keep no reasons; gv_cell_reasons() renders them
     from this evaluation's states, which it must not change meanwhile
     (govopen_evaluation_write_json). */
  const govopen_evaluation *lazy;
  int jobs;          /* the evaluation's GOVOPEN_EVAL_JOBS: threads that render the JSON */
  gv_fingerprint fp; /* api/fingerprint.c fills it once the run is done */
};

/* Fills r->fp at the end of a run (eval/fingerprint.c): GOVOPEN_OK, or GOVOPEN_ENOMEM. */
int gv_fingerprint_fill(const govopen_evaluation *ev, govopen_result *r);

/* Runs an evaluation (eval/evaluate.c). With `keep_reasons` 0 the result's
   cells keep no reasons (r->lazy is set): see gv_cell_reasons(). */
int gv_evaluate(govopen_evaluation *ev, int keep_reasons, govopen_result **out, govopen_error **err);
/* Frees a result and everything it holds (it lives in its own arena); NULL is fine. */
void gv_result_free(govopen_result *r);
/* The reasons of one assigned cell: kept ones, or rendered into `scratch`
   from the states of r->lazy: GOVOPEN_OK, or GOVOPEN_ENOMEM. */
int gv_cell_reasons(const govopen_result *r, size_t unit, size_t point, gv_arena *scratch, const gv_reason **out,
                    size_t *n);

#endif
