/* libgovopen: evaluations — observations in, explained scores out. */
#ifndef GOVOPEN_EVALUATE_H
#define GOVOPEN_EVALUATE_H

#include <stdint.h>

#include "common.h"
#include "error.h"
#include "framework.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * An evaluation: a framework, its settings and the observations added so far.
 * Used by one thread at a time; the framework it reads must outlive it.
 */
typedef struct govopen_evaluation govopen_evaluation;
/** The outcome of a run. Immutable; may be shared by threads; outlives the evaluation. */
typedef struct govopen_result govopen_result;

/** Input formats for observations. */
typedef enum govopen_format {
  GOVOPEN_FORMAT_AUTO = 0,  /**< by file extension (.jsonl, .json, .yaml, .csv), else by content */
  GOVOPEN_FORMAT_JSONL = 1, /**< JSON Lines: one object per line */
  GOVOPEN_FORMAT_JSON = 2,  /**< a JSON array of objects */
  GOVOPEN_FORMAT_YAML = 3,  /**< a YAML list of mappings */
  /**
   * A CSV worksheet (govopen_framework_write_worksheet()), as written or as
   * filled in and saved by a spreadsheet: a header row naming the fields,
   * then one observation per row. AUTO picks it by the extension .csv only.
   */
  GOVOPEN_FORMAT_CSV = 4
} govopen_format;

/** Numbered evaluation settings (govopen_evaluation_set_int). */
typedef enum govopen_eval_option {
  /** A point with no observation: 0 leaves it out of the unit's denominator (default), 1 scores it 0. */
  GOVOPEN_EVAL_NOT_EVALUATED = 1,
  /** The county's score of a point from its units' scores: 0 mean (default), 1 min. */
  GOVOPEN_EVAL_COUNTY = 2,
  /** Failing samples named in a reason before "and N more" (default 3, 0 … 1000); set before the first observation. */
  GOVOPEN_EVAL_MAX_NAMED = 3,
  /** 1: the first bad observation stops the evaluation (default 0). */
  GOVOPEN_EVAL_STRICT = 4,
  /** Most steps one expression rule may take to score one unit × point (default 10000000). */
  GOVOPEN_EVAL_MAX_STEPS = 5,
  /** Most observation records one evaluation reads, rejected ones included (default 5000000). */
  GOVOPEN_EVAL_MAX_OBSERVATIONS = 6,
  /**
   * Threads that read one JSON Lines file (govopen_evaluation_add_file), each
   * a part of it (default 1, 1 … 64). The result is the same whatever the
   * number; other formats, buffers and strict mode read on one thread.
   */
  GOVOPEN_EVAL_JOBS = 7,
  /**
   * Most keys in one observation record, counted at every depth (default
   * GOVOPEN_DEFAULT_MAX_KEYS, 1 … 10000000): a JSON or YAML record with more
   * is rejected, its diagnostic at the first key beyond the limit, and reading
   * goes on with the next record; a CSV header naming more columns refuses
   * the worksheet. It bounds what one record costs (docs/security.md).
   */
  GOVOPEN_EVAL_MAX_KEYS = 8,
  /* (diag) */
  /**
   * Most diagnostics of rejected observations an evaluation keeps, over all
   * its inputs (default GOVOPEN_DEFAULT_MAX_DIAGNOSTICS, 1000; 1 … 2^40);
   * set before the first observation. Past it, reading carries on and every
   * rejection is still counted (govopen_evaluation_rejected_count()); the
   * chain of govopen_evaluation_diagnostics() ends with one more
   * (GOVOPEN_ELIMIT) saying exactly how many were not shown and quoting the
   * last of them, rewritten as more are added. Memory stays bounded however
   * many bad records a portal is sent. The diagnostics of one call that
   * fails are capped the same way.
   */
  GOVOPEN_EVAL_MAX_DIAGNOSTICS = 9,
  /**
   * The coverage, in percent (0 … 100, default GOVOPEN_DEFAULT_MIN_COVERAGE),
   * below which a unit's rank is marked: a unit whose evaluated points are
   * worth less than this share of every point it is responsible for
   * (govopen_result_unit_coverage()) is still ranked, but
   * govopen_result_unit_low_coverage() says so and every ranking (text, CSV,
   * Markdown, HTML, the JSON's `low_coverage`) marks it. 0 marks none. It
   * changes no score; it may be set at any time before a run.
   */
  GOVOPEN_EVAL_MIN_COVERAGE = 10
} govopen_eval_option;

#define GOVOPEN_DEFAULT_MAX_STEPS 10000000
#define GOVOPEN_DEFAULT_MAX_OBSERVATIONS 5000000
#define GOVOPEN_DEFAULT_MAX_KEYS 1024
/** GOVOPEN_EVAL_MIN_COVERAGE's default: a total that stands on less than half of what the unit could be scored on is marked (docs/results.md says why). */
#define GOVOPEN_DEFAULT_MIN_COVERAGE 50

/** Status of one unit × point in a result. */
typedef enum govopen_cell_status {
  GOVOPEN_CELL_SCORED = 0,        /**< scored */
  GOVOPEN_CELL_NOT_EVALUATED = 1, /**< no observation (未评估), or none that could be judged yet */
  GOVOPEN_CELL_VETOED = 2,        /**< zeroed by a veto */
  /**
   * The rule could not be applied to the cell's samples as a whole (an
   * expression's run-time error, or its GOVOPEN_EVAL_MAX_STEPS): judged
   * failed, it scores 0 and counts in the denominator, a reason says why and
   * the run adds a warning to govopen_evaluation_diagnostics(). (A sample
   * that cannot be judged alone, dated outside the calendar's years, is
   * rejected when added instead.)
   */
  GOVOPEN_CELL_ERROR = 3
} govopen_cell_status;

/** Severity of a reason. */
typedef enum govopen_reason_severity {
  GOVOPEN_REASON_LOSS = 0,    /**< explains points lost */
  GOVOPEN_REASON_WARNING = 1, /**< e.g. a request due soon: no loss yet */
  GOVOPEN_REASON_INFO = 2     /**< e.g. a superseded observation */
} govopen_reason_severity;

/* --- setting up ------------------------------------------------------------ */

/**
 * Creates an evaluation of `fw` (borrowed: it must outlive the evaluation
 * and its results' use of its strings). The working-day calendar is the
 * built-in one the framework names (govopen_framework_calendar()).
 */
GOVOPEN_API int govopen_evaluation_new(govopen_evaluation **out, const govopen_framework *fw, govopen_error **err);
/** Frees an evaluation. Accepts NULL. */
GOVOPEN_API void govopen_evaluation_free(govopen_evaluation *ev);
/**
 * The as-of date ("YYYY-MM-DD"); required unless the framework gives one.
 * Observations are judged as they are added, so this, the period, the
 * calendar and GOVOPEN_EVAL_MAX_NAMED are set before the first one: adding
 * without an as-of date, or changing them afterwards, is GOVOPEN_ESTATE.
 */
GOVOPEN_API int govopen_evaluation_set_as_of(govopen_evaluation *ev, const char *date, govopen_error **err);
/** The evaluation period, inclusive (default: the framework's year); before the first observation. */
GOVOPEN_API int govopen_evaluation_set_period(govopen_evaluation *ev, const char *first, const char *last,
                                              govopen_error **err);
/**
 * A numbered setting (`option` a govopen_eval_option); GOVOPEN_EINVALID for
 * a NULL `ev`, an unknown id or a value out of range, GOVOPEN_ESTATE for
 * GOVOPEN_EVAL_MAX_NAMED (or GOVOPEN_EVAL_MAX_DIAGNOSTICS) once observations
 * were added. The variant without details: govopen_evaluation_set_int_ex()
 * says which.
 */
GOVOPEN_API int govopen_evaluation_set_int(govopen_evaluation *ev, int option, int64_t value);
/**
 * govopen_evaluation_set_int() with details: on failure `*err` (when `err`
 * is not NULL) receives one diagnostic naming the setting and its range
 * ("GOVOPEN_EVAL_JOBS (7) is 0; it must be 1 to 64"), saying the id is
 * unknown, or that the setting can no longer change; NULL on success.
 */
GOVOPEN_API int govopen_evaluation_set_int_ex(govopen_evaluation *ev, int option, int64_t value, govopen_error **err);
/** Uses a county's own calendar file instead of the built-in one the framework names; before the first observation. */
GOVOPEN_API int govopen_evaluation_set_calendar_file(govopen_evaluation *ev, const char *path, govopen_error **err);

/**
 * Adds observations from `len` bytes at `data` (named `source_name` in
 * diagnostics). Bad observations are recorded (see
 * govopen_evaluation_diagnostics()) and skipped: among them a sample that
 * cannot be judged (a date outside the calendar's years, GOVOPEN_ERANGE),
 * rejected at its place. The call still succeeds unless:
 * - reading stopped before the end of the input (a syntax error in a JSON or
 *   YAML document, a YAML alias or second document, a nesting, node or
 *   observation limit, an I/O error): it returns that diagnostic's status
 *   (GOVOPEN_EPARSE, GOVOPEN_ELIMIT, GOVOPEN_EIO …) and keeps nothing of the
 *   input, as when memory runs out; the diagnostic says where reading
 *   stopped and from which line and column to the end the input was not
 *   read;
 * - the input cannot be read at all (GOVOPEN_ENOTFOUND, a document of the
 *   wrong shape …);
 * - GOVOPEN_EVAL_STRICT is set and one observation is bad.
 * `format` is a govopen_format. On failure `*err` receives the diagnostics
 * of this call.
 */
GOVOPEN_API int govopen_evaluation_add_buffer(govopen_evaluation *ev, const char *data, size_t len,
                                              const char *source_name, int format, govopen_error **err);
/** Same as govopen_evaluation_add_buffer() from a file. */
GOVOPEN_API int govopen_evaluation_add_file(govopen_evaluation *ev, const char *path, int format, govopen_error **err);
/** Observations accepted so far; (size_t)-1 for a NULL evaluation. */
GOVOPEN_API size_t govopen_evaluation_observation_count(const govopen_evaluation *ev);
/** Observations rejected so far (each has a diagnostic); (size_t)-1 for a NULL evaluation. */
GOVOPEN_API size_t govopen_evaluation_rejected_count(const govopen_evaluation *ev);
/**
 * The diagnostics of rejected observations so far (a chain; NULL when none),
 * and warnings, such as the count of a worksheet's rows left unfilled; after
 * a run (govopen_evaluation_run(), govopen_evaluation_write_json()), also a
 * warning for each point with cells whose rule could not be applied
 * (GOVOPEN_CELL_ERROR), at the point's place in the framework, until more
 * observations are added or the evaluation runs again. Borrowed: valid until
 * the next call that adds, runs or frees. At most GOVOPEN_EVAL_MAX_DIAGNOSTICS,
 * then one that counts the ones not kept: its message changes (and its old
 * text is freed) when observations are added.
 */
GOVOPEN_API const govopen_error *govopen_evaluation_diagnostics(const govopen_evaluation *ev);

/** Runs the evaluation. `*out` belongs to the caller (govopen_result_free()). */
GOVOPEN_API int govopen_evaluation_run(govopen_evaluation *ev, govopen_result **out, govopen_error **err);

/* --- reading a result ---------------------------------------------------------- */

/*
 * A bad handle or index is never answered with a value a real one could
 * have: for a NULL result, or a unit, point, node or reason index out of
 * range, a double accessor returns NaN, a count or index (size_t)-1, a
 * string NULL and an int -1 (docs/abi.md, "Values that say there is none").
 * Each accessor below says which.
 */

/** Frees a result and its strings. Accepts NULL. */
GOVOPEN_API void govopen_result_free(govopen_result *r);
/** The framework evaluated (borrowed from the caller). */
GOVOPEN_API const govopen_framework *govopen_result_framework(const govopen_result *r);
/** The as-of date as "YYYY-MM-DD", borrowed from the result (it lives as long as the result); NULL for a NULL result. */
GOVOPEN_API const char *govopen_result_as_of(const govopen_result *r);
/** Observations accepted; (size_t)-1 for a NULL result. */
GOVOPEN_API size_t govopen_result_observation_count(const govopen_result *r);
/** Observations rejected; (size_t)-1 for a NULL result. */
GOVOPEN_API size_t govopen_result_rejected_count(const govopen_result *r);

/* Units: indexes are the framework's unit indexes. A unit that owns no point has no score. */
/** The unit's score: the sum of its points' scores, aggregated up the tree; NaN for a NULL result or a bad unit. */
GOVOPEN_API double govopen_result_unit_raw(const govopen_result *r, size_t unit);
/** The maxima of the points that count for it (evaluated ones, unless GOVOPEN_EVAL_NOT_EVALUATED is 1); NaN for a
    NULL result or a bad unit. */
GOVOPEN_API double govopen_result_unit_possible(const govopen_result *r, size_t unit);
/** raw / possible × 100, then the unit's adjustments; 0 when vetoed; NaN for a NULL result or a bad unit. */
GOVOPEN_API double govopen_result_unit_total(const govopen_result *r, size_t unit);
/** 1 when the unit has a score (it owns an evaluated point), else 0; -1 for a NULL result or a bad unit. */
GOVOPEN_API int govopen_result_unit_scored(const govopen_result *r, size_t unit);
/** 1 when a veto zeroed the unit's whole score, else 0; -1 for a NULL result or a bad unit. */
GOVOPEN_API int govopen_result_unit_vetoed(const govopen_result *r, size_t unit);
/** The rank among units of the same kind, by total (ties share a rank), from 1; 0 (never a rank) when unranked,
    and for a NULL result or a bad unit. */
GOVOPEN_API unsigned govopen_result_unit_rank(const govopen_result *r, size_t unit);
/** The grade its total earns, or NULL (none, a NULL result or a bad unit). */
GOVOPEN_API const char *govopen_result_unit_grade(const govopen_result *r, size_t unit);

/* One unit × point. Only pairs the framework assigns exist: for any other
   pair, a NULL result or an index out of range, the status is -1, the score
   NaN, the reason count (size_t)-1 and every reason accessor NULL or -1. */
/** A govopen_cell_status; -1 when the cell does not exist. */
GOVOPEN_API int govopen_result_cell_status(const govopen_result *r, size_t unit, size_t point);
/** The cell's score; 0 for a cell not evaluated (GOVOPEN_CELL_NOT_EVALUATED: the JSON's `null`, which the
    status says); NaN when the cell does not exist. */
GOVOPEN_API double govopen_result_cell_score(const govopen_result *r, size_t unit, size_t point);
/** The cell's reasons; (size_t)-1 when the cell does not exist. */
GOVOPEN_API size_t govopen_result_cell_reason_count(const govopen_result *r, size_t unit, size_t point);
/** A reason's machine code, e.g. "deadline.late"; NULL for a reason or cell that does not exist. */
GOVOPEN_API const char *govopen_result_cell_reason_code(const govopen_result *r, size_t unit, size_t point, size_t i);
/** A reason's text, in Chinese: the sentence, without its evidence (read that
    from govopen_result_cell_reason_evidence()); NULL for a reason or cell that does not exist. */
GOVOPEN_API const char *govopen_result_cell_reason_text(const govopen_result *r, size_t unit, size_t point, size_t i);
/** A govopen_reason_severity; -1 for a reason or cell that does not exist. */
GOVOPEN_API int govopen_result_cell_reason_severity(const govopen_result *r, size_t unit, size_t point, size_t i);

/* What a reason stands on, as data (docs/results.md, "Reasons as data"): the
   samples it names — at most GOVOPEN_EVAL_MAX_NAMED failing ones — with their
   positions, their evidence and their evaluators' notes. Every rule kind fills
   them the same way; the text never holds the evidence. All strings are
   borrowed from the result. */
/** How many pieces of evidence reason i names: each string of the samples'
    `evidence` as the evaluator wrote it (a list gives one piece per string),
    each distinct piece once, in input order; 0 when none. (size_t)-1 for a
    NULL result, a cell the framework does not assign or i out of range. */
GOVOPEN_API size_t govopen_result_cell_reason_evidence_count(const govopen_result *r, size_t unit, size_t point,
                                                             size_t i);
/** Piece j of reason i's evidence, or NULL when out of range. */
GOVOPEN_API const char *govopen_result_cell_reason_evidence(const govopen_result *r, size_t unit, size_t point,
                                                            size_t i, size_t j);
/** The evaluator's `note` of the samples reason i names (each distinct note
    once, joined with "；"), or NULL when none has one (or out of range). */
GOVOPEN_API const char *govopen_result_cell_reason_note(const govopen_result *r, size_t unit, size_t point, size_t i);
/** How many samples reason i names, in input order (0 for a reason that
    names none, e.g. a count or a note); (size_t)-1 when out of range. */
GOVOPEN_API size_t govopen_result_cell_reason_sample_count(const govopen_result *r, size_t unit, size_t point,
                                                           size_t i);
/** The input (file name or source name) of sample j of reason i, or NULL when out of range. */
GOVOPEN_API const char *govopen_result_cell_reason_sample_source(const govopen_result *r, size_t unit, size_t point,
                                                                 size_t i, size_t j);
/** The 1-based line of sample j of reason i: its record, or its entry of
    the record's `samples`; 0 when out of range. */
GOVOPEN_API unsigned govopen_result_cell_reason_sample_line(const govopen_result *r, size_t unit, size_t point,
                                                            size_t i, size_t j);
/** The 1-based column of sample j of reason i (characters); 0 when out of range. */
GOVOPEN_API unsigned govopen_result_cell_reason_sample_column(const govopen_result *r, size_t unit, size_t point,
                                                              size_t i, size_t j);

/** The unit's score of a node, by the framework's node index; -1.0 when not evaluated; NaN for a NULL result, a bad
    unit or a bad node. */
GOVOPEN_API double govopen_result_unit_node_score(const govopen_result *r, size_t unit, size_t node);

/* The county. Every double below is NaN for a NULL result. */
/** The county's score of a point from its units (mean or min); -1.0 when no unit was evaluated; NaN for a NULL
    result or a bad point. */
GOVOPEN_API double govopen_result_county_point_score(const govopen_result *r, size_t point);
/** The county's raw score; NaN for a NULL result. */
GOVOPEN_API double govopen_result_county_raw(const govopen_result *r);
/** The maxima that count for the county; NaN for a NULL result. */
GOVOPEN_API double govopen_result_county_possible(const govopen_result *r);
/** raw / possible × the framework's total. */
GOVOPEN_API double govopen_result_county_normalised(const govopen_result *r);
/** The normalised total with the triggered adjustments applied. */
GOVOPEN_API double govopen_result_county_total(const govopen_result *r);
/** The normalised total with the adjustments applied, before the framework's
    `cap_adjusted` keeps it within 0 … total: equal to
    govopen_result_county_total() unless the total was clamped. NaN for NULL. */
GOVOPEN_API double govopen_result_county_unclamped(const govopen_result *r);
/** The county's grade, or NULL (none, or a NULL result). */
GOVOPEN_API const char *govopen_result_county_grade(const govopen_result *r);
/** Number of adjustments triggered (county-wide); (size_t)-1 for a NULL result. */
GOVOPEN_API size_t govopen_result_adjustment_count(const govopen_result *r);
/** The framework's adjustment index of triggered adjustment `i`; (size_t)-1 for a NULL result or a bad `i`. */
GOVOPEN_API size_t govopen_result_adjustment_index(const govopen_result *r, size_t i);

/* --- what a figure stands on (docs/results.md, "Coverage") ----------------------------
 *
 * A unit's coverage is the share of its maximum that was evaluated: the
 * maxima of its cells that were judged (scored, vetoed or in error) against
 * the maxima of every cell it has (the points the framework makes it
 * responsible for, and those an open group gave it by an observation), both
 * added up the tree as a unit's possible score is (an indicator's cap
 * included). It does not depend on GOVOPEN_EVAL_NOT_EVALUATED: with the
 * default, the evaluated maxima are govopen_result_unit_possible(). The
 * county's is the same over points: a point counts as evaluated for the
 * county when one of its units' cells was judged.
 */
/** Cells of the unit that were judged (scored, vetoed or in error); (size_t)-1 for a NULL result or a unit out of range. */
GOVOPEN_API size_t govopen_result_unit_points_evaluated(const govopen_result *r, size_t unit);
/** Cells the unit has (points it is applicable to); (size_t)-1 for a NULL result or a unit out of range. */
GOVOPEN_API size_t govopen_result_unit_points_applicable(const govopen_result *r, size_t unit);
/**
 * The evaluated share of the unit's maximum, 0 … 1 (exact; the JSON's
 * `coverage_percent` is this × 100 rounded down to hundredths); 0 for a unit
 * with no point; NaN for a NULL result or a unit out of range.
 */
GOVOPEN_API double govopen_result_unit_coverage(const govopen_result *r, size_t unit);
/**
 * 1 when the unit is ranked and its coverage is below the run's
 * GOVOPEN_EVAL_MIN_COVERAGE (it is still ranked: the rankings mark it), 0
 * otherwise (an unranked unit is 0); -1 for a NULL result or a unit out of range.
 */
GOVOPEN_API int govopen_result_unit_low_coverage(const govopen_result *r, size_t unit);
/** Points with at least one judged cell; (size_t)-1 for a NULL result. */
GOVOPEN_API size_t govopen_result_county_points_evaluated(const govopen_result *r);
/** Points with at least one cell; (size_t)-1 for a NULL result. */
GOVOPEN_API size_t govopen_result_county_points_applicable(const govopen_result *r);
/** The evaluated share of the county's maximum, 0 … 1; 0 when no point has a cell; NaN for a NULL result. */
GOVOPEN_API double govopen_result_county_coverage(const govopen_result *r);
/**
 * The unit's coverage in percent as the JSON's `coverage_percent` gives it
 * and the reports print it: the evaluated share × 100 rounded DOWN to the
 * hundredth (2 of 3 is 66.66), so that a figure shown is never more than
 * was evaluated and a unit marked below 50% never shows 50 (docs/results.md,
 * "One rounding rule"); its whole part is the whole percent the text
 * reports print. 0 for a unit with no point; NaN for a NULL result or a unit
 * out of range.
 */
GOVOPEN_API double govopen_result_unit_coverage_percent(const govopen_result *r, size_t unit);
/** The county's coverage in percent, rounded down to the hundredth as the unit's; NaN for a NULL result. */
GOVOPEN_API double govopen_result_county_coverage_percent(const govopen_result *r);
/**
 * How many units of the unit's kind are ranked (the N of "rank 3 of N"),
 * for any unit, ranked or not; (size_t)-1 for a NULL result or a unit out of range.
 */
GOVOPEN_API size_t govopen_result_unit_ranked_of(const govopen_result *r, size_t unit);
/** Units of kind `kind` (a govopen_kind) that are ranked; (size_t)-1 for a NULL result or an unknown kind. */
GOVOPEN_API size_t govopen_result_kind_ranked_count(const govopen_result *r, int kind);
/**
 * Units of kind `kind` (a govopen_kind) that have points but no score (未评估: none of their
 * cells was judged, or only cells worth nothing): each ranking lists them
 * after its ranked units. (size_t)-1 for a NULL result or an unknown kind.
 */
GOVOPEN_API size_t govopen_result_kind_not_evaluated_count(const govopen_result *r, int kind);
/** Ranked units of kind `kind` (a govopen_kind) marked for low coverage; (size_t)-1 for a NULL result or an
    unknown kind. */
GOVOPEN_API size_t govopen_result_kind_low_coverage_count(const govopen_result *r, int kind);

/* --- the other values of the result JSON ------------------------------------------------- */

/**
 * A unit's indicator: the maximum its JSON `indicators[].max` gives (the
 * framework's, as loaded), what was evaluated of it (`possible`). -1.0 for
 * an indicator the unit was not evaluated on (as govopen_result_unit_node_score());
 * NaN for a NULL result, a unit or a node out of range.
 */
GOVOPEN_API double govopen_result_unit_node_maximum(const govopen_result *r, size_t unit, size_t node);
/** What was evaluated of the unit's indicator (the JSON's `possible`); -1.0 when not evaluated on it; NaN for a NULL
    result, a unit or a node out of range. */
GOVOPEN_API double govopen_result_unit_node_possible(const govopen_result *r, size_t unit, size_t node);
/**
 * The county's indicator scores and what was evaluated of them (the JSON's
 * `county.indicators`): -1.0 for an indicator no unit was evaluated on; NaN
 * for a NULL result or a node out of range.
 */
GOVOPEN_API double govopen_result_county_node_score(const govopen_result *r, size_t node);
/** What was evaluated of the county's indicator; -1.0 when no unit was evaluated on it; NaN for a NULL result or a node
    out of range. */
GOVOPEN_API double govopen_result_county_node_possible(const govopen_result *r, size_t node);
/**
 * A cell's samples observed, and those its rule could judge (the JSON's
 * `samples` and `judged`); (size_t)-1 for a NULL result or a pair the
 * framework does not assign.
 */
GOVOPEN_API size_t govopen_result_cell_samples(const govopen_result *r, size_t unit, size_t point);
/** A cell's samples its rule could judge (the JSON's `judged`); (size_t)-1 for a NULL result or a pair the framework
    does not assign. */
GOVOPEN_API size_t govopen_result_cell_judged(const govopen_result *r, size_t unit, size_t point);
/** A cell's maximum (its point's); NaN for a NULL result or a pair the framework does not assign. */
GOVOPEN_API double govopen_result_cell_maximum(const govopen_result *r, size_t unit, size_t point);
/** The evaluation period, inclusive, "YYYY-MM-DD" in the result's storage; NULL for a NULL result. */
GOVOPEN_API const char *govopen_result_period_first(const govopen_result *r);
/** The period's last day, "YYYY-MM-DD" in the result's storage; NULL for a NULL result. */
GOVOPEN_API const char *govopen_result_period_last(const govopen_result *r);
/**
 * The value a numbered evaluation setting (govopen_eval_option) had when the
 * result was made, into `*out`: GOVOPEN_OK, or GOVOPEN_EINVALID for a NULL
 * result or `out` or an unknown option (`*out` untouched).
 */
GOVOPEN_API int govopen_result_setting(const govopen_result *r, int option, int64_t *out);
/*
 * Adjustments in full (备注; docs/results.md). Each triggered adjustment has
 * its framework index (govopen_framework_adjustment_id() / _text() name it),
 * its delta, a date ("YYYY-MM-DD": the observation's `observed` date, else
 * the evaluation's as-of date), its evidence as the observation's
 * `evidence` gave it (a string is a list of one; none is an empty list)
 * and the observation's `note`. A NULL result or an index out of range
 * gives (size_t)-1 for counts and indexes, NaN for deltas, NULL for texts
 * and -1 for flags.
 */
/** The county-wide adjustment `i`'s delta (the framework's). */
GOVOPEN_API double govopen_result_adjustment_delta(const govopen_result *r, size_t i);
/** Number of evidence entries of adjustment `i`; (size_t)-1 for a NULL result or a bad `i`. */
GOVOPEN_API size_t govopen_result_adjustment_evidence_count(const govopen_result *r, size_t i);
/** Evidence entry `j` of adjustment `i`; NULL for a NULL result, a bad `i` or a bad `j`. */
GOVOPEN_API const char *govopen_result_adjustment_evidence(const govopen_result *r, size_t i, size_t j);
/** The observation's `note`; NULL when it gave none. */
GOVOPEN_API const char *govopen_result_adjustment_note(const govopen_result *r, size_t i);
/** Adjustment `i`'s date ("YYYY-MM-DD"); NULL for a NULL result or a bad `i`. */
GOVOPEN_API const char *govopen_result_adjustment_date(const govopen_result *r, size_t i);
/**
 * 1 when the county-wide adjustment `i` was applied to the county's total
 * (the JSON's `applied`): every county-wide adjustment is (a clamp by
 * `cap_adjusted` is shown apart, govopen_result_county_unclamped()); -1 for
 * a NULL result or a bad `i`.
 */
GOVOPEN_API int govopen_result_adjustment_applied(const govopen_result *r, size_t i);
/**
 * The adjustments aimed at one unit, in input order. One is applied to the
 * unit's total unless the unit is vetoed as a whole (its total is 0) or not
 * scored (it has no total): then it is kept, not applied, and
 * govopen_result_unit_adjustment_why() says why. Returns their number;
 * (size_t)-1 for a NULL result or a bad unit.
 */
GOVOPEN_API size_t govopen_result_unit_adjustment_count(const govopen_result *r, size_t unit);
/** The framework's adjustment index of the unit's adjustment `i`; (size_t)-1 for a NULL result, a bad unit or a bad
    `i`. */
GOVOPEN_API size_t govopen_result_unit_adjustment_index(const govopen_result *r, size_t unit, size_t i);
/** The unit's adjustment `i`'s delta (the framework's); NaN for a NULL result, a bad unit or a bad `i`. */
GOVOPEN_API double govopen_result_unit_adjustment_delta(const govopen_result *r, size_t unit, size_t i);
/** Number of evidence entries of the unit's adjustment `i`; (size_t)-1 for a NULL result, a bad unit or a bad `i`. */
GOVOPEN_API size_t govopen_result_unit_adjustment_evidence_count(const govopen_result *r, size_t unit, size_t i);
/** Evidence entry `j` of the unit's adjustment `i`; NULL for a NULL result, a bad unit, a bad `i` or a bad `j`. */
GOVOPEN_API const char *govopen_result_unit_adjustment_evidence(const govopen_result *r, size_t unit, size_t i,
                                                                size_t j);
/** The observation's `note`; NULL when it gave none, or for a NULL result, a bad unit or a bad `i`. */
GOVOPEN_API const char *govopen_result_unit_adjustment_note(const govopen_result *r, size_t unit, size_t i);
/** The unit's adjustment `i`'s date ("YYYY-MM-DD"); NULL for a NULL result, a bad unit or a bad `i`. */
GOVOPEN_API const char *govopen_result_unit_adjustment_date(const govopen_result *r, size_t unit, size_t i);
/** 1 when applied to the unit's total, 0 when not (see _why), -1 for a bad index. */
GOVOPEN_API int govopen_result_unit_adjustment_applied(const govopen_result *r, size_t unit, size_t i);
/** Why an adjustment was not applied: "vetoed" or "not_scored"; NULL when applied or for a bad index. */
GOVOPEN_API const char *govopen_result_unit_adjustment_why(const govopen_result *r, size_t unit, size_t i);

/*
 * Reconciling a total (docs/results.md, "One total, one rule"). For a scored
 * unit: normalised = round(raw × maximum / possible), unclamped = normalised
 * + Σ applied adjustments, total = unclamped (a unit is never clamped), and
 *   maximum − total = Σ cell_lost + rounding − Σ applied adjustments
 *                     + (unclamped − total).
 * The same for the county with maximum = the framework's total and the
 * county's point losses. round() is the library's one rounding rule
 * (docs/results.md, "One rounding rule"): to the hundredth, halves away
 * from zero. An unscored unit has 0 for all of them. NaN for a NULL result
 * or an index out of range.
 */
/** raw × maximum / possible, rounded: the total before adjustments (0 when vetoed). */
GOVOPEN_API double govopen_result_unit_normalised(const govopen_result *r, size_t unit);
/** normalised + the applied adjustments, before any clamp (equal to the total: units are not clamped). */
GOVOPEN_API double govopen_result_unit_unclamped(const govopen_result *r, size_t unit);
/** What a unit's total is out of: 100 when scored, 0 when not. */
GOVOPEN_API double govopen_result_unit_maximum(const govopen_result *r, size_t unit);
/** maximum − normalised − Σ cell_lost: what rounding the points' losses left over. */
GOVOPEN_API double govopen_result_unit_rounding(const govopen_result *r, size_t unit);
/**
 * The points of the unit's total lost at one point: its share of the unit's
 * raw loss × maximum / possible, rounded (the share is max − score when
 * every indicator above sums; docs/results.md says how cap, mean, min and
 * vetoes spread it). 0 for a cell that does not count; NaN for a NULL
 * result, an index out of range or a cell the framework does not assign.
 */
GOVOPEN_API double govopen_result_cell_lost(const govopen_result *r, size_t unit, size_t point);
/** framework total − normalised − Σ county_point_lost (0 when no point was evaluated). */
GOVOPEN_API double govopen_result_county_rounding(const govopen_result *r);
/** The points of the county's total lost at one point (0 when it does not count); NaN for a bad index. */
GOVOPEN_API double govopen_result_county_point_lost(const govopen_result *r, size_t point);
/**
 * Σ cell_lost over the unit's cells: the "points" term of its total's
 * reconciliation, added in hundredths by the library (so it is exact, as
 * the reports print it); 0 when not scored; NaN for a NULL result or a unit
 * out of range.
 */
GOVOPEN_API double govopen_result_unit_points_lost(const govopen_result *r, size_t unit);
/**
 * Σ of the deltas of the adjustments applied to the unit's total (those
 * with govopen_result_unit_adjustment_applied() 1), added in hundredths; 0
 * when there are none; NaN for a NULL result or a unit out of range.
 */
GOVOPEN_API double govopen_result_unit_adjustments(const govopen_result *r, size_t unit);
/** Σ county_point_lost over the points, added in hundredths (0 when no point was evaluated); NaN for a NULL result. */
GOVOPEN_API double govopen_result_county_points_lost(const govopen_result *r);
/** Σ of the deltas of the county's adjustments, added in hundredths (0 when none); NaN for a NULL result. */
GOVOPEN_API double govopen_result_county_adjustments(const govopen_result *r);

/** Result JSON format version (the "format" member). */
#define GOVOPEN_RESULT_FORMAT 1

/**
 * The whole result as JSON (docs/results.md): deterministic, the same input
 * giving byte-identical output. `*out` belongs to the caller: govopen_free().
 * `flags`: GOVOPEN_JSON_PRETTY or 0 (compact).
 */
GOVOPEN_API int govopen_result_to_json(const govopen_result *r, unsigned flags, char **out, size_t *out_len);

/* govopen_write_fn, the callback of every writer, is in common.h. */

/**
 * Streams the JSON of govopen_result_to_json() — the very same bytes, for the
 * same `flags` (GOVOPEN_JSON_PRETTY or 0) — through `write`, in pieces of at
 * most 64 KiB, holding no more than that at a time whatever the size of the
 * result; `user` is passed to `write` unchanged. No final newline.
 *
 * Returns GOVOPEN_OK; GOVOPEN_EINVALID for a NULL result or `write` or an
 * unknown flag (nothing written); GOVOPEN_ENOMEM when the writer's buffer
 * cannot be had (nothing written); GOVOPEN_ESTOPPED when `write` returned
 * non-zero (GOVOPEN_EIO before issue 14): the document is then incomplete, and what the callback failed on
 * is for it to record (errno, an exception …).
 */
GOVOPEN_API int govopen_result_write_json(const govopen_result *r, unsigned flags, govopen_write_fn write, void *user);

/**
 * Runs the evaluation and streams its result as JSON through `write`: the
 * very bytes govopen_result_write_json() gives for the result of
 * govopen_evaluation_run() with the same `flags`, but the result's reasons
 * are rendered unit by unit as they are written and not kept, so a
 * province's evaluation needs little more memory than its observations'
 * states. The evaluation is unchanged (but for the run's warnings in
 * govopen_evaluation_diagnostics()) and may take more observations.
 * Returns as govopen_evaluation_run() and govopen_result_write_json() do.
 */
GOVOPEN_API int govopen_evaluation_write_json(govopen_evaluation *ev, unsigned flags, govopen_write_fn write,
                                              void *user, govopen_error **err);

/* --- what a result was made from (docs/results.md, "fingerprint") ------------------ */

/**
 * The result's fingerprint: the SHA-256 (64 lowercase hex digits) of the
 * canonical text docs/results.md lays out — the library's version
 * (govopen_version_string()), the framework's id and digest, the calendar
 * (a built-in id, or a county file's digest), the as-of date, the period,
 * the numbered settings as run (all but GOVOPEN_EVAL_JOBS, which changes
 * nothing) and each input's digest and counts, in the order added. Names of
 * inputs and files are not in it: the same bytes read from a file or a
 * buffer, under any name and with any GOVOPEN_EVAL_JOBS, give the same
 * fingerprint. Borrowed from the result; NULL for a NULL result.
 */
GOVOPEN_API const char *govopen_result_fingerprint(const govopen_result *r);
/**
 * The SHA-256 (hex) of the framework's canonical form (docs/results.md):
 * every value govopen_framework_to_json() shows, rule blocks included, and
 * the default as-of date, not_evaluated and cap_adjusted; the framework as
 * loaded, overlays resolved, whatever file it came from. Computed once when
 * the framework is loaded. NULL for a NULL result.
 */
GOVOPEN_API const char *govopen_result_framework_digest(const govopen_result *r);
/** The calendar used: the built-in calendar's id, or the path given to
    govopen_evaluation_set_calendar_file(). NULL for a NULL result. */
GOVOPEN_API const char *govopen_result_calendar(const govopen_result *r);
/** The SHA-256 (hex) of the county calendar file's bytes; NULL when the
    calendar is a built-in one (or for a NULL result). */
GOVOPEN_API const char *govopen_result_calendar_digest(const govopen_result *r);
/**
 * The inputs the result was made from: each call of
 * govopen_evaluation_add_buffer() or govopen_evaluation_add_file() that kept
 * what it read, in order (a call that failed and kept nothing is not one).
 * (size_t)-1 for a NULL result.
 */
GOVOPEN_API size_t govopen_result_input_count(const govopen_result *r);
/** Input `i`'s source name (a buffer's `source_name`, "<buffer>" when none;
    a file's path); NULL when out of range. */
GOVOPEN_API const char *govopen_result_input_name(const govopen_result *r, size_t i);
/**
 * The SHA-256 (hex) of input `i`'s bytes as read — the whole file, as
 * `sha256sum` gives it, whatever its format and GOVOPEN_EVAL_JOBS; NULL when
 * out of range.
 */
GOVOPEN_API const char *govopen_result_input_digest(const govopen_result *r, size_t i);
/** Records read from input `i` (accepted + rejected); (size_t)-1 when out of range. */
GOVOPEN_API size_t govopen_result_input_records(const govopen_result *r, size_t i);
/** Observations of input `i` accepted; (size_t)-1 when out of range. */
GOVOPEN_API size_t govopen_result_input_accepted(const govopen_result *r, size_t i);
/** Records of input `i` rejected (each with a diagnostic); (size_t)-1 when out of range. */
GOVOPEN_API size_t govopen_result_input_rejected(const govopen_result *r, size_t i);

#ifdef __cplusplus
}
#endif
#endif
