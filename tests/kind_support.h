/* What the rule-kind suites (test_h15_kinds.c) share: a rule compiled from a
 * YAML snippet, samples typed by hand and filled by field name, a context
 * over the built-in China calendar, and a score checked against every way
 * the evaluator may split the samples between states.
 *
 * Only the rules layer's stable surface is used (rules/rule.h: compile,
 * field index, score, the gv_acc_* streaming calls, samples, outcomes and
 * reasons), never a kind's own parameters, so that the tests hold while
 * the kinds move between files. */
#ifndef GV_TEST_KIND_SUPPORT_H
#define GV_TEST_KIND_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#include "govopen/govopen.h"
#include "rules/rule.h"
#include "util/arena.h"
#include "util/error.h"

/* Most samples one test gives a rule. */
#define KT_MAX_SAMPLES 32

/* The source every sample comes from; reasons name it. */
#define KT_SOURCE "obs.yaml"

typedef struct kt {
  gv_arena arena;        /* rules, samples and outcomes */
  govopen_calendar *cal; /* the built-in "cn" calendar (2022-2026) */
  gv_rule_ctx ctx;       /* as_of given to kt_open; the period 2023-01-01 … 2023-12-31; max_named 3 */
  gv_sample smp[KT_MAX_SAMPLES];
  size_t n;
} kt;

/* Sets up `k` for an evaluation as of `as_of` (YYYY-MM-DD). */
void kt_open(kt *k, const char *as_of);
void kt_close(kt *k);
/* The day number of "YYYY-MM-DD" (a failed assertion and 0 when it is not one). */
int32_t kt_day(const char *text);
/* Sets the as-of date (the samples are kept). */
void kt_as_of(kt *k, const char *as_of);

/* Compiles the rule block `yaml` (a YAML mapping: the `rule:` value) for a
   point worth `max` hundredths, through the YAML reader, the schema reader
   and gv_rule_compile. NULL, with a failed assertion and the diagnostics on
   stderr, when it is refused. */
const gv_rule *kt_rule(kt *k, const char *yaml, int64_t max);
/* Whether gv_rule_compile refuses `yaml` (the diagnostics are dropped). */
int kt_refused(kt *k, const char *yaml, int64_t max);

/* Drops the samples given so far (the rule and arena stay). */
void kt_reset(kt *k);
/* Adds a sample of rule `r` found at line:col of KT_SOURCE. `spec` is a list
   of `name=value` separated by spaces, each name a field of the rule, each
   value read by the field's type: true/false; a number; a string; a date
   YYYY-MM-DD or (moments) a date-time YYYY-MM-DDTHH:MM; a list `a,b,c`
   (empty: `present=`); intervals `from~to,from~to`; an extension true,
   false or a whole number. Fields not named are absent. Three names are
   not fields: `@observed=DATE` (default: the as-of date), `@ev=a|b`
   (evidence) and `@note=text`. The order is the place among the samples. */
gv_sample *kt_add(kt *k, const gv_rule *r, unsigned line, unsigned col, const char *spec);

/* Scores the samples given with gv_rule_score into *out, asserting that it
   succeeds; then scores them again through gv_acc_add into two states at
   every split point, into one state between two opened empty
   (gv_acc_open), and into one state per sample, merged in input order
   with gv_acc_merge, asserting the same outcome each time (status, score,
   veto, counts, every reason with its code, text, samples, evidence and
   note). A sample gv_sample_check finds impossible is left out, as
   gv_rule_score leaves it. */
#define KT_SCORE(k, r, out) kt_score_at(__FILE__, __LINE__, (k), (r), (out))
void kt_score_at(const char *file, unsigned line, kt *k, const gv_rule *r, gv_outcome *out);

/* Asserts an outcome's status, score (hundredths), veto flag and number of
   reasons. */
#define KT_OUTCOME(o, status, score, veto, reasons) \
  kt_outcome_at(__FILE__, __LINE__, (o), (status), (score), (veto), (reasons))
void kt_outcome_at(const char *file, unsigned line, const gv_outcome *o, int status, int64_t score, int veto,
                   size_t reasons);

/* Asserts reason `i`: its severity, code, exact text, and the samples it
   names as "line:col" separated by spaces ("" for none), each from
   KT_SOURCE. */
#define KT_REASON(o, i, sev, code, text, named) \
  kt_reason_at(__FILE__, __LINE__, (o), (i), (sev), (code), (text), (named))
void kt_reason_at(const char *file, unsigned line, const gv_outcome *o, size_t i, int severity, const char *code,
                  const char *text, const char *named);

/* Asserts reason `i`'s evidence ("a|b", "" for none) and note (NULL for none). */
#define KT_REASON_DATA(o, i, evidence, note) kt_reason_data_at(__FILE__, __LINE__, (o), (i), (evidence), (note))
void kt_reason_data_at(const char *file, unsigned line, const gv_outcome *o, size_t i, const char *evidence,
                       const char *note);

#endif
