/* libgovopen: reports people read — a result's tables as CSV, a Markdown report, an HTML report with charts, and each unit's rectification list (整改清单). */
#ifndef GOVOPEN_REPORT_H
#define GOVOPEN_REPORT_H

#include "common.h"
#include "evaluate.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The tables of a result (govopen_result_write_csv(); docs/reports.md lists
 * their columns). The values are fixed and only ever appended; 0 is none.
 */
typedef enum govopen_table {
  /**
   * Ranked units by kind, then rank (ties in the framework's order): total,
   * raw, possible, grade, vetoed, then what the total stands on (coverage
   * in percent, points evaluated, points applicable) and whether it is below
   * GOVOPEN_EVAL_MIN_COVERAGE; after each kind's ranked units, its units not
   * evaluated, rank and scores empty. docs/reports.md gives the order of the
   * columns, the total reconciled among them: maximum, normalised, points
   * lost, rounding, adjustments, clamp, lost.
   */
  GOVOPEN_TABLE_RANKINGS = 1,
  /** One row per unit × point the framework assigns: status, score, maximum, points lost, samples, judged, and
      the points of the unit's total lost there. */
  GOVOPEN_TABLE_SCORECARDS = 2,
  /** One row per scored unit × indicator it was evaluated on, every level, in pre-order: score, possible, maximum. */
  GOVOPEN_TABLE_INDICATORS = 3,
  /**
   * Every unit's rectification list (整改清单): one row per point that lost
   * points, is not evaluated or could not be scored, most points lost first
   * within a unit (ties in point order), with the reasons and the evidence.
   */
  GOVOPEN_TABLE_RECTIFY = 4,
  /**
   * The county: raw, normalised, rounding, each adjustment, the clamp (when
   * cap_adjusted clamped), total (with its coverage), lost (maximum − total), then every
   * indicator and every point (with what it took off the total).
   */
  GOVOPEN_TABLE_COUNTY = 5,
  /**
   * One row per adjustment triggered, the county's then each unit's: its
   * delta, whether it was applied (and why not), date, evidence and note.
   */
  GOVOPEN_TABLE_ADJUSTMENTS = 6
} govopen_table;

/*
 * Flags of the writers below: GOVOPEN_REPORT_LANG_EN (labels in English) and
 * GOVOPEN_CSV_NO_BOM (no byte order mark), in common.h, where every flag is.
 */

/**
 * A table's name (`table` a govopen_table: "rankings", "scorecards",
 * "indicators", "rectify", "county", "adjustments"), in static storage; NULL for an unknown table. Tables are
 * numbered from 1: a caller lists them by asking until NULL.
 */
GOVOPEN_API const char *govopen_table_name(int table);

/**
 * Streams one table of `r` as CSV through `write`, in pieces of at most
 * 64 KiB, holding no more than that whatever the size of the result; `user`
 * is passed to `write` unchanged.
 *
 * The text is RFC 4180: a header row, then one record per row, every record
 * ended by CRLF; a field is quoted when it holds a comma, a double quote, CR
 * or LF, or begins or ends with a space, and a quote inside is doubled.
 * Scores are written as in the result JSON (at most two decimals, a point
 * for the decimal separator, whatever the locale); an empty field is a value
 * that does not exist (a score not evaluated). A text field from the input
 * (a name, a reason, evidence) that begins with `=`, `+`, `-` or `@` after
 * any spaces, tabs, CRs and LFs, or with a tab or CR, gets a leading
 * apostrophe, so that a spreadsheet shows it as text
 * rather than running it as a formula (OWASP, "CSV Injection"); numbers we
 * write are never changed. Deterministic: the same result gives the same
 * bytes.
 *
 * `table` is a govopen_table; `flags` GOVOPEN_REPORT_LANG_EN and
 * GOVOPEN_CSV_NO_BOM, or 0 (Chinese headers, with a byte order mark).
 *
 * Returns GOVOPEN_OK; GOVOPEN_EINVALID for a NULL result or `write`, an
 * unknown table or flag (nothing written); GOVOPEN_ENOMEM when memory runs
 * out (the table is then incomplete); GOVOPEN_ESTOPPED when `write` returned
 * non-zero: the writer stops at once, calls it no more, and the table is
 * incomplete.
 */
GOVOPEN_API int govopen_result_write_csv(const govopen_result *r, int table, unsigned flags, govopen_write_fn write,
                                         void *user);

/**
 * Streams one unit's rectification list (整改清单) as plain UTF-8 text, each
 * line ended by LF, through `write` (as govopen_result_write_csv() does).
 * It names the unit, the framework and the as-of date, the unit's total and
 * rank, what the total stands on (coverage: docs/results.md), then every point to rectify — lost points, vetoed, not evaluated or
 * not scorable — most points lost first (ties in point order), each with the
 * points lost, its indicator, its text, every reason and the evidence the
 * reasons name. A point not evaluated loses its maximum when such points
 * score 0 (GOVOPEN_EVAL_NOT_EVALUATED), and nothing otherwise, so it then
 * comes after the points lost. Control and bidirectional formatting
 * characters from the input are written as visible escapes (`\x1b`,
 * `\u202e`: govopen_text_escape()), so the list is safe on a terminal.
 * Evidence is the observations' `evidence` fields, never read out of a
 * reason's text. docs/reports.md shows one.
 *
 * `unit` is the framework's unit index (govopen_unit_index()); `flags`
 * GOVOPEN_REPORT_LANG_EN or 0 (Chinese). Returns as
 * govopen_result_write_csv() does; GOVOPEN_EINVALID for a unit out of range.
 */
GOVOPEN_API int govopen_result_write_rectify(const govopen_result *r, size_t unit, unsigned flags,
                                             govopen_write_fn write, void *user);

/**
 * Streams the result as a Markdown report (CommonMark with GitHub's pipe
 * tables), each line ended by LF, through `write` (as
 * govopen_result_write_csv() does). It holds: a title with the framework's
 * title and the as-of date; the county's raw and normalised scores, every
 * adjustment triggered (with its evidence), its total, its coverage and its
 * grade; a table of the level-1 indicators (earned, possible, maximum) for
 * the county; a ranking table per kind of unit (rank, unit, total, coverage,
 * grade, vetoed; a unit below GOVOPEN_EVAL_MIN_COVERAGE marked, the units
 * not evaluated listed last); then,
 * for every unit in the framework's order, a section with its total and
 * rank and its rectification list, worded as govopen_result_write_rectify()
 * words it (points lost, most first, with reasons and evidence).
 *
 * Every text from the input (names, titles, reasons, evidence, grades) is
 * escaped: the ASCII punctuation Markdown gives a meaning to
 * (\ ` * _ { } [ ] ( ) # + - . ! | ~) gets a backslash, `<`, `>` and `&`
 * become `&lt;`, `&gt;` and `&amp;`, and control and bidirectional
 * formatting characters (line breaks among them) become spaces, so that no
 * input makes markup, raw HTML or a link, or breaks a table row. Evidence
 * (the observations' `evidence` fields, never a reason's text) that is an
 * http or https URL without spaces, control or bidirectional formatting
 * characters, `<` or `>` is written as an autolink
 * `<https://…>`; any other evidence is escaped text. docs/reports.md shows
 * the layout. Deterministic: the same result gives the same bytes.
 *
 * `flags`: GOVOPEN_REPORT_LANG_EN or 0 (Chinese labels). Returns as
 * govopen_result_write_csv() does (GOVOPEN_EINVALID for a NULL result or
 * `write` or an unknown flag, nothing written).
 */
GOVOPEN_API int govopen_result_write_markdown(const govopen_result *r, unsigned flags, govopen_write_fn write,
                                              void *user);

/**
 * Streams the result as one self-contained HTML page (HTML5, UTF-8), each
 * line ended by LF, through `write` (as govopen_result_write_csv() does), for
 * a county office to publish or print. It holds what the Markdown report
 * holds — the county's scores, adjustments (with evidence) and grade, the
 * grade bands; its level-1 indicators; a ranking per kind of unit; every
 * unit's standing, scorecard (its level-1 and level-2 indicators and its
 * points: earned, evaluated, maximum, status) and rectification list — with
 * charts drawn as inline SVG: the level-1 indicators (earned against
 * possible and maximum) and each ranking (every unit's total). Charts have
 * a title, axis titles, ticks and every value written out; one row per bar,
 * so labels never overlap, and a label too long for its column is cut short
 * with "…" (the whole of it in the row's tooltip).
 *
 * The page needs nothing else: no script, no external style sheet, font or
 * image; text is set in a stack of common CJK fonts (Noto Sans CJK SC,
 * Source Han Sans SC, PingFang SC, Microsoft YaHei, …). A Content Security
 * Policy in the page forbids scripts and any outside resource. Every text
 * from the input is escaped (& < > " ' as character references, control
 * and bidirectional formatting characters as spaces), so no input makes
 * markup; evidence (the observations' `evidence` fields, never a reason's
 * text) that is an http or https URL without spaces, quotes, backslashes,
 * control or bidirectional formatting characters (U+202E), `<` or `>` is a
 * link (rel="noopener noreferrer nofollow"); anything else,
 * `javascript:` among it, is text. Deterministic: the same result gives the
 * same bytes. docs/reports.md describes the page.
 *
 * `flags`: GOVOPEN_REPORT_LANG_EN or 0 (Chinese labels; the page's lang is
 * zh-CN or en). Returns as govopen_result_write_markdown() does.
 */
GOVOPEN_API int govopen_result_write_html(const govopen_result *r, unsigned flags, govopen_write_fn write, void *user);

/**
 * Streams the evaluators' worksheet for sampling method `method` (e.g.
 * "模拟用户"; NULL: every point of the framework) as CSV through `write`, as
 * govopen_result_write_csv() streams a table: a header row, then one row per
 * unit × point the method samples, in the order of govopen_framework_plan()
 * (point order, then unit order). A spreadsheet fills it in; the same file,
 * saved as CSV (UTF-8, with or without a byte order mark), is read back as
 * observations by govopen_evaluation_add_file() (GOVOPEN_FORMAT_CSV, or
 * GOVOPEN_FORMAT_AUTO for a name ending in .csv).
 *
 * The columns (docs/reports.md, "The worksheet"): `unit` (the unit's id),
 * `#单位` (its name), `point` (the point's id), `#评估点` (its text),
 * `#填写说明` (what the point's rule reads and how to write it), then every
 * field the planned points' rules read, each once, in the order first met
 * (`value`, `missing`, `present`, `start`, `end` …), then `evidence`,
 * `note`, `observed` and `evaluator`. The machine-read names are the
 * observation's field names in every language; a column whose name starts
 * with '#' is for people and not read back (GOVOPEN_REPORT_LANG_EN names
 * them `#unit_name`, `#point_text`, `#how_to_fill` and writes the hints in
 * English). Only unit, point and the '#' columns are filled in.
 *
 * `flags`: GOVOPEN_REPORT_LANG_EN, GOVOPEN_CSV_NO_BOM, or 0. Returns
 * GOVOPEN_OK; GOVOPEN_EINVALID for a NULL framework or `write` or an
 * unknown flag, GOVOPEN_ENOTFOUND for a method the framework does not know
 * (nothing written in either case); otherwise as govopen_result_write_csv().
 */
GOVOPEN_API int govopen_framework_write_worksheet(const govopen_framework *fw, const char *method, unsigned flags,
                                                  govopen_write_fn write, void *user);

#ifdef __cplusplus
}
#endif
#endif
