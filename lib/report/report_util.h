/* What the reports people read share (CSV tables, rectification lists):
   labels in Chinese or English, the points a cell lost, the order of a
   rectification list, the evidence a reason names, an indicator's path. */
#ifndef GV_REPORT_UTIL_H
#define GV_REPORT_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "eval/eval.h"
#include "util/buf.h"

/* --- labels (`en`: English, else Chinese) ---------------------------------------- */

/* A cell status: 已评分 / scored … */
const char *gv_label_status(int status, int en);
/* A unit kind, one unit: 镇 / town … */
const char *gv_label_kind(int kind, int en);
/* A unit kind, all its units: 各镇 / towns … */
const char *gv_label_kinds(int kind, int en);
/* A reason's severity: 失分 / loss … */
const char *gv_label_severity(int severity, int en);
/* 是 / yes, 否 / no */
const char *gv_label_yes(int yes, int en);

/* --- cells ------------------------------------------------------------------------ */

/* A cell the framework assigns (status -1 otherwise). */
static inline int gv_cell_assigned(const gv_cell *c) { return (unsigned)c->status <= GOVOPEN_CELL_ERROR; }

/* The points an assigned cell took off its unit, in hundredths: max − score
   when scored, vetoed or in error (judged failed, 0); when not evaluated, its
   maximum if such points score 0 (GOVOPEN_EVAL_NOT_EVALUATED), else -1: it
   does not count. */
int64_t gv_cell_lost(const govopen_result *r, const gv_cell *c);

/* One point of a unit's rectification list. */
typedef struct gv_rectify_item {
  size_t point;
  int64_t lost; /* hundredths; 0 when it does not count */
} gv_rectify_item;

/* A unit's rectification list: every assigned cell that lost points, is
   vetoed, not evaluated or in error, or is worth nothing and has a reason
   for a loss (a triggered veto of no score of its own), most points lost
   first, ties in point order. `items` has room for the framework's point
   count; the reasons of a cell worth nothing are had in `scratch`. Returns
   how many items it holds (a count, not a status), or GOVOPEN_ENOMEM. */
long gv_rectify_items(const govopen_result *r, size_t unit, gv_rectify_item *items, gv_arena *scratch);

/* A unit of a ranking: ranked, or not evaluated (rank 0). */
typedef struct gv_ranked {
  int kind;
  unsigned rank;
  size_t unit;
} gv_ranked;

/* Every unit of the rankings into `order` (room for every unit), by kind:
   its ranked units by rank, ties in the framework's order, then its units
   with points but no score (not evaluated, rank 0: listed, never dropped)
   in the framework's order; returns how many. */
size_t gv_ranked_order(const govopen_result *r, gv_ranked *order);

/* --- coverage (docs/results.md, "Coverage") ------------------------------------------- */

/* Appends what a total stands on, "42%（评估点 12/35）" / "42% (12/35
   points)": the evaluated share of the maximum in whole percent, rounded
   down, then the points evaluated of those applicable. Text beside a total
   puts "覆盖 " / "coverage " before it. */
void gv_coverage_put(gv_buf *b, int64_t evaluated, int64_t applicable, size_t points_evaluated,
                     size_t points_applicable, int en);
/* The same for unit `u`, and for the county. */
void gv_unit_coverage(gv_buf *b, const govopen_result *r, size_t u, int en);
void gv_county_coverage(gv_buf *b, const govopen_result *r, int en);
/* Appends the mark of a rank below the run's minimum coverage, "覆盖不足50%" /
   "coverage below 50%". */
void gv_low_coverage_mark(gv_buf *b, const govopen_result *r, int en);

/* --- text ---------------------------------------------------------------------------- */

/* Appends `n` bytes of text from the input to `b`, escaped for the format
   at hand (rectify.c: control characters as visible escapes; markdown.c:
   Markdown). */
typedef void (*gv_put_fn)(gv_buf *b, const char *s, size_t n);

/* A gv_put_fn for plain text (a terminal's): the text with every control
   and bidirectional formatting character, and every ill-formed byte, as a
   visible escape (gv_escape_terminal: `\x1b`, `\u202e`), so that no name
   breaks a line, sends a terminal its escapes or reverses what follows. */
void gv_put_clean(gv_buf *b, const char *s, size_t n);

/* The reports' footer line (docs/reports.md): the first 16 hex digits of
   the result's fingerprint, the library's version, the framework's id
   (through `put`) and the as-of date — "指纹 0123456789abcdef（govopen
   0.1.0，框架 langao-2023，截至 2023-12-15）" or "Fingerprint … (govopen
   0.1.0, framework langao-2023, as of 2023-12-15)" — with no line end. */
void gv_fingerprint_line(gv_buf *b, const govopen_result *r, int en, gv_put_fn put);

/* The length of the control character at `p` (C0, DEL, C1, the Unicode
   line and paragraph separators U+2028/9, or a bidirectional formatting
   character: util/escape.h's gv_text_control), or 0 when `p` starts none.
   HTML and Markdown put a space for one. */
size_t gv_control_len(const unsigned char *p, const unsigned char *end);

/* Evidence that may be a link as it is: an http:// or https:// URL (the
   scheme in lower case) with something after the scheme and no space,
   control or bidirectional formatting character (gv_control_len: a U+202E
   in a link could show its address reversed), or byte of `forbidden`. */
int gv_url_linkable(const char *e, size_t n, const char *forbidden);

/* Appends every piece of evidence the reasons name (their `evidence`
   lists: the observations' evidence fields, never a parse of their text,
   which may quote what an evaluator typed) to `b`, separated by `sep`;
   returns how many. */
size_t gv_evidence_join(gv_buf *b, const gv_reason *reasons, size_t n, const char *sep);

/* Appends the note of every reason that has one (the evaluators' `note`
   fields) to `b`, separated by `sep`; returns how many. */
size_t gv_notes_join(gv_buf *b, const gv_reason *reasons, size_t n, const char *sep);

/* The details of a rectification item, a line each, every line starting
   with `lead`: the indicators above the point, the point's text, each
   reason (its severity, its text), each piece of evidence, each reason's
   evaluator's note. Text from the
   input goes through `text`, evidence through `evidence`; `tmp` is
   scratch. */
void gv_item_details(gv_buf *b, gv_buf *tmp, const govopen_point *pt, const gv_reason *rs, size_t nr, int en,
                     const char *lead, gv_put_fn text, gv_put_fn evidence);

/* Appends a node's label and title ("一、政府信息公开"). */
void gv_node_name(gv_buf *b, const govopen_node *n);
/* Appends the indicators above a point, from level 1 down, joined by " > ". */
void gv_point_path(gv_buf *b, const govopen_point *p);

/* --- a total reconciled (docs/results.md, "One total, one rule") ------------------- */

/* A unit's (or, with unit == GV_COUNTY, the county's) total taken apart:
   maximum − lost = total, lost = points + rounding − adjustments + clamp,
   all in hundredths. `scored`: there is a total to take apart (a scored
   unit; a county with a point evaluated). */
#define GV_COUNTY ((size_t)-1)
typedef struct gv_breakdown {
  int scored;
  int64_t raw, possible, maximum, normalised, total, unclamped;
  int64_t points;      /* Σ the points' lost */
  int64_t rounding;    /* maximum − normalised − points */
  int64_t adjustments; /* Σ the applied adjustments */
  int64_t clamp;       /* unclamped − total: what cap_adjusted took off (negative: added) */
  int64_t lost;        /* maximum − total */
} gv_breakdown;
void gv_breakdown_of(const govopen_result *r, size_t unit, gv_breakdown *out);

/* The reconciliation as lines, each after `lead` and ended by `end` then
   "\n": the normalisation with the rounding rule, maximum − lost = total,
   lost = points + rounding − adjustments (+ clamp). Nothing when there is
   no total. */
void gv_breakdown_lines(gv_buf *b, const govopen_result *r, size_t unit, int en, const char *lead, const char *end);

/* An adjustment's line (no lead, ended by "\n"): its signed delta (`with_delta`), its text
   through `text`, its id and date, and, for a unit's not applied, why; then
   its evidence (through `evidence`) and note, a line each after `lead`. */
void gv_adjustment_lines(gv_buf *b, const govopen_result *r, const gv_result_adj *a, int with_delta, int en,
                         const char *lead, gv_put_fn text, gv_put_fn evidence);

/* Appends a signed amount in an equation: "1.00", or "(-1.00)". */
void gv_put_term(gv_buf *b, int64_t cents);

/* --- the rectification list's wording (report/rectify.c), shared by the
   plain text and the Markdown writers; `put` escapes text from the input --- */

/* The unit's standing, one line: its total (grade, veto), its rank among the
   units of its kind and the possible and raw scores, or that it is not
   scored. */
void gv_rectify_standing(gv_buf *b, const govopen_result *r, size_t u, int en, gv_put_fn put);
/* The summary line that follows it (that the unit owns no point, how many
   points lost how much, or full marks), with the unit's items put into
   `items` (room for every point; reasons had in `scratch`). Returns how many
   items, or GOVOPEN_ENOMEM. */
long gv_rectify_summary(gv_buf *b, const govopen_result *r, size_t u, gv_rectify_item *items, gv_arena *scratch,
                        int en);
/* The unit's total reconciled (gv_breakdown_lines, a section) and its
   adjustments (gv_adjustment_lines, a numbered section), for plain text. */
void gv_rectify_totals(gv_buf *b, const govopen_result *r, size_t u, int en, gv_put_fn text, gv_put_fn evidence);
/* "\nN. POINT  失 X 分（得 S，满分 M）\n": item `i` (from 0), what it lost. */
void gv_rectify_heading(gv_buf *b, const govopen_result *r, size_t u, size_t i, const gv_rectify_item *item, int en,
                        gv_put_fn put);

#endif
