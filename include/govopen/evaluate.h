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
  GOVOPEN_EVAL_MAX_DIAGNOSTICS = 9
} govopen_eval_option;

#define GOVOPEN_DEFAULT_MAX_STEPS 10000000
#define GOVOPEN_DEFAULT_MAX_OBSERVATIONS 5000000
#define GOVOPEN_DEFAULT_MAX_KEYS 1024

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
 * A numbered setting; GOVOPEN_EINVALID for an unknown id or a value out of
 * range, GOVOPEN_ESTATE for GOVOPEN_EVAL_MAX_NAMED once observations were added.
 */
GOVOPEN_API int govopen_evaluation_set_int(govopen_evaluation *ev, int option, int64_t value);
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
 * On failure `*err` receives the diagnostics of this call.
 */
GOVOPEN_API int govopen_evaluation_add_buffer(govopen_evaluation *ev, const char *data, size_t len,
                                              const char *source_name, int format, govopen_error **err);
/** Same as govopen_evaluation_add_buffer() from a file. */
GOVOPEN_API int govopen_evaluation_add_file(govopen_evaluation *ev, const char *path, int format,
                                            govopen_error **err);
/** Observations accepted so far. */
GOVOPEN_API size_t govopen_evaluation_observation_count(const govopen_evaluation *ev);
/** Observations rejected so far (each has a diagnostic). */
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

GOVOPEN_API void govopen_result_free(govopen_result *r);
/** The framework evaluated (borrowed from the caller). */
GOVOPEN_API const govopen_framework *govopen_result_framework(const govopen_result *r);
/** The as-of date as "YYYY-MM-DD", in static storage of the result. */
GOVOPEN_API const char *govopen_result_as_of(const govopen_result *r);
GOVOPEN_API size_t govopen_result_observation_count(const govopen_result *r);
GOVOPEN_API size_t govopen_result_rejected_count(const govopen_result *r);

/* Units: indexes are the framework's unit indexes. A unit that owns no point has no score. */
/** The unit's score: the sum of its points' scores, aggregated up the tree. */
GOVOPEN_API double govopen_result_unit_raw(const govopen_result *r, size_t unit);
/** The maxima of the points that count for it (evaluated ones, unless GOVOPEN_EVAL_NOT_EVALUATED is 1). */
GOVOPEN_API double govopen_result_unit_possible(const govopen_result *r, size_t unit);
/** raw / possible × 100, then the unit's adjustments; 0 when vetoed. */
GOVOPEN_API double govopen_result_unit_total(const govopen_result *r, size_t unit);
/** 1 when the unit has a score (it owns an evaluated point). */
GOVOPEN_API int govopen_result_unit_scored(const govopen_result *r, size_t unit);
/** 1 when a veto zeroed the unit's whole score. */
GOVOPEN_API int govopen_result_unit_vetoed(const govopen_result *r, size_t unit);
/** The rank among units of the same kind, by total (ties share a rank); 0 when unranked. */
GOVOPEN_API unsigned govopen_result_unit_rank(const govopen_result *r, size_t unit);
/** The grade its total earns, or NULL. */
GOVOPEN_API const char *govopen_result_unit_grade(const govopen_result *r, size_t unit);

/* One unit × point. Only pairs the framework assigns exist: otherwise status is -1. */
GOVOPEN_API int govopen_result_cell_status(const govopen_result *r, size_t unit, size_t point);
GOVOPEN_API double govopen_result_cell_score(const govopen_result *r, size_t unit, size_t point);
GOVOPEN_API size_t govopen_result_cell_reason_count(const govopen_result *r, size_t unit, size_t point);
/** A reason's machine code, e.g. "deadline.late". */
GOVOPEN_API const char *govopen_result_cell_reason_code(const govopen_result *r, size_t unit, size_t point, size_t i);
/** A reason's text, in Chinese, naming the evidence. */
GOVOPEN_API const char *govopen_result_cell_reason_text(const govopen_result *r, size_t unit, size_t point, size_t i);
/** A govopen_reason_severity. */
GOVOPEN_API int govopen_result_cell_reason_severity(const govopen_result *r, size_t unit, size_t point, size_t i);

/* The node scores of a unit, by the framework's node index; -1.0 when not evaluated. */
GOVOPEN_API double govopen_result_unit_node_score(const govopen_result *r, size_t unit, size_t node);

/* The county. */
/** The county's score of a point from its units (mean or min); -1.0 when no unit was evaluated. */
GOVOPEN_API double govopen_result_county_point_score(const govopen_result *r, size_t point);
GOVOPEN_API double govopen_result_county_raw(const govopen_result *r);
GOVOPEN_API double govopen_result_county_possible(const govopen_result *r);
/** raw / possible × the framework's total. */
GOVOPEN_API double govopen_result_county_normalised(const govopen_result *r);
/** The normalised total with the triggered adjustments applied. */
GOVOPEN_API double govopen_result_county_total(const govopen_result *r);
/** The normalised total with the adjustments applied, before the framework's
    `cap_adjusted` keeps it within 0 … total: equal to
    govopen_result_county_total() unless the total was clamped. 0 for NULL. */
GOVOPEN_API double govopen_result_county_unclamped(const govopen_result *r);
GOVOPEN_API const char *govopen_result_county_grade(const govopen_result *r);
/** Adjustments triggered (county-wide): count, then the framework's adjustment index of each. */
GOVOPEN_API size_t govopen_result_adjustment_count(const govopen_result *r);
GOVOPEN_API size_t govopen_result_adjustment_index(const govopen_result *r, size_t i);

/** Result JSON format version (the "format" member). */
#define GOVOPEN_RESULT_FORMAT 1

/**
 * The whole result as JSON (docs/results.md): deterministic, the same input
 * giving byte-identical output. `*out` belongs to the caller: govopen_free().
 */
GOVOPEN_API int govopen_result_to_json(const govopen_result *r, unsigned flags, char **out, size_t *out_len);

/**
 * Receives the next `len` bytes (never 0) of a document being written; the
 * bytes at `data` are valid only during the call. Returns 0 to go on;
 * non-zero stops the writer, which then makes no further call.
 */
typedef int (*govopen_write_fn)(void *user, const char *data, size_t len);

/**
 * Streams the JSON of govopen_result_to_json() — the very same bytes, for the
 * same `flags` (GOVOPEN_JSON_PRETTY or 0) — through `write`, in pieces of at
 * most 64 KiB, holding no more than that at a time whatever the size of the
 * result; `user` is passed to `write` unchanged. No final newline.
 *
 * Returns GOVOPEN_OK; GOVOPEN_EINVALID for a NULL result or `write` or an
 * unknown flag (nothing written); GOVOPEN_ENOMEM when the writer's buffer
 * cannot be had (nothing written); GOVOPEN_EIO when `write` returned
 * non-zero: the document is then incomplete, and what the callback failed on
 * is for it to record (errno, an exception …).
 */
GOVOPEN_API int govopen_result_write_json(const govopen_result *r, unsigned flags, govopen_write_fn write,
                                          void *user);

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
