/* Rules: how the typed samples of one unit × point become a score and its
 * reasons. Pure functions: they know nothing of frameworks or files. Each
 * kind is one module (rules/kinds.h lists them, rules/kind_impl.h says what
 * a module gives); the functions here call through the kind's ops. A rule
 * is compiled by its kind from its YAML block, read through the loader's
 * reader (rules/reader.h, load/rule_load.c), and immutable after. */
#ifndef GV_RULE_H
#define GV_RULE_H

#include <stddef.h>
#include <stdint.h>

#include "rules/kinds.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/hmap.h"

/* The kind's name as written in YAML; NULL when out of range. */
const char *gv_rule_kind_name(gv_rule_kind kind);
/* The kind for a name, or -1. */
int gv_rule_kind_from_name(const char *name);
/* Appends the kinds' names to `b`, for messages: "boolean, checklist, … or expression". */
void gv_rule_kind_names(gv_buf *b);
/* What the worksheet calls a kind: its Chinese label ("时限"), or with `en`
   its name; "" when out of range. */
const char *gv_rule_kind_label(gv_rule_kind kind, int en);

/* --- typed samples ------------------------------------------------------------ */

typedef enum gv_ftype {
  GV_FT_BOOL,
  GV_FT_NUM,
  GV_FT_STR,
  GV_FT_DATE,   /* a date */
  GV_FT_MOMENT, /* a date or a date-time */
  GV_FT_STRLIST,
  GV_FT_INTERVALS, /* [{from, to}] of dates or date-times */
  GV_FT_ANY,       /* accepted, not read (deduction occurrences' descriptions) */
  GV_FT_EXTENT     /* true, false or a whole number 0 or more (`extended`): `b` whether given and not
                      false or 0, `num` the number, -1 for true (the rule's whole extension) */
} gv_ftype;

/* A moment: seconds since 1970-01-01T00:00Z; `date_only` when the text gave
   only a date (then `seconds` is that day's 00:00 China Standard Time). */
typedef struct gv_moment {
  int64_t seconds;
  int32_t date; /* the civil date in China Standard Time */
  int date_only;
} gv_moment;

typedef struct gv_interval {
  gv_moment from, to;
} gv_interval;

typedef struct gv_fval {
  const char *name;
  gv_ftype type;
  int present;
  int b;
  double num;
  const char *str;
  gv_moment m; /* GV_FT_DATE and GV_FT_MOMENT */
  const char **list;
  size_t list_count;
  gv_interval *iv;
  size_t iv_count;
} gv_fval;

/* One sample: its typed fields (in the rule's field order), where it came
   from, its evidence and its note. */
typedef struct gv_sample {
  gv_fval *f;
  size_t nf;
  /* The `evidence` as the evaluator wrote it: each string of a list, or the
     one string (the sample's own, else its observation's); none: 0, NULL. */
  const char *const *evidence;
  size_t evidence_count;
  const char *note; /* the evaluator's `note` (the sample's, else its observation's), or NULL */
  const char *source;
  unsigned line, col;
  int32_t observed; /* the observation's date */
  size_t order;     /* input order, to break ties */
} gv_sample;

/* The fields a rule reads. */
typedef struct gv_fspec {
  const char *name;
  gv_ftype type;
  int required;
  unsigned char needs_time; /* GV_FT_MOMENT: a date alone is refused (a deadline counting hours) */
  unsigned char is_name;    /* GV_FT_STR: a name (a category, a channel): trimmed, invisible characters refused */
} gv_fspec;

/* --- compiled rules --------------------------------------------------------------- */

/* A compiled rule: what every kind has, and the kind's own parameters.
   Only the kind's module (rules/kind_<name>.c) reads `params`: its
   gv_<name>_params, allocated and filled when the rule is compiled. */
typedef struct gv_rule {
  gv_rule_kind kind;
  const char *label;
  const char *note;
  int64_t max; /* the point's maximum, hundredths */

  gv_fspec *fields; /* the sample fields, in a fixed order */
  size_t field_count;

  const void *params; /* the kind's parameters, or NULL when it has none */
} gv_rule;

/* The rule of a point that has none: scored by hand (the manual kind). NULL
   when out of memory. */
gv_rule *gv_rule_default_manual(gv_arena *arena, int64_t max);

/* The target of a veto rule ("unit" or an indicator id); NULL for a rule
   that vetoes nothing. */
const char *gv_rule_veto_target(const gv_rule *r);

/* Whether a sample may carry keys the rule does not read (a deduction's
   occurrences describe themselves freely). */
int gv_rule_takes_any_key(const gv_rule *r);

/* Appends to `b` how a worksheet row of the rule is filled beyond its
   fields (a checklist's items, one row per sample …), in Chinese or with
   `en` in English; nothing for some kinds. */
void gv_rule_fill_hint(const gv_rule *r, int en, gv_buf *b);

/* The index of field `name` in the rule's fields, or (size_t)-1. */
size_t gv_rule_field_index(const gv_rule *r, const char *name);

/* --- scoring ------------------------------------------------------------------- */

/* The working-day calendar, as the rules see it. Each returns GOVOPEN_OK,
   or a negative status (GOVOPEN_ERANGE: a date outside the calendar) with
   a message in `err`. */
typedef struct gv_calendar_ops {
  const void *cal;
  /* working days after `from` up to and including `to` (0 when to <= from) */
  int (*workdays_between)(const void *cal, int32_t from, int32_t to, int64_t *out, gv_buf *err);
  /* the date of the n-th working day after `from` (n >= 0; 0 gives `from`) */
  int (*add_workdays)(const void *cal, int32_t from, int64_t n, int32_t *out, gv_buf *err);
  /* `d` if it is a working day, else the next working day */
  int (*next_workday)(const void *cal, int32_t d, int32_t *out, gv_buf *err);
} gv_calendar_ops;

typedef struct gv_rule_ctx {
  gv_calendar_ops cal;
  int32_t as_of;
  int32_t period_start, period_end; /* the evaluation period, inclusive */
  size_t max_named;                 /* failing samples named in a reason (default 3) */
  uint64_t max_steps;               /* expression evaluation budget per cell (0: the default) */
} gv_rule_ctx;

/* --- impossible samples (rules/check.c) ------------------------------------------

   A sample whose fields contradict each other or the evaluation's as-of
   date measures nothing: a reply before its request, a correction before
   the receipt, a pause outside receipt→reply or overlapping another, an
   extension longer than the rule allows, a last update after its
   monitoring date, a period tally not started on its period's first day,
   a date after the as-of date. */

/* The value to blame: a rule field, and for an interval field which
   interval and which end. */
typedef struct gv_blame {
  size_t field; /* index in the rule's fields, or (size_t)-1: the sample */
  size_t item;  /* an interval's index, or (size_t)-1: the field's value */
  int to;       /* with item: 0 its `from`, 1 its `to` */
} gv_blame;

/* 0 when the sample (typed against r->fields) is possible; 1 when not,
   the reason appended to `why` (English, naming the fields and dates) and
   the value to blame in *at. Pure; ctx gives the as-of date. */
int gv_sample_check(const gv_rule *r, const gv_sample *s, const gv_rule_ctx *ctx, gv_buf *why, gv_blame *at);

/* --- what a kind requires of a typed sample ---------------------------------------

   Beyond each field's type: a checklist sample gives `present` or
   `missing` and names only the checklist's items, a manual score has at
   most two decimals and stays within 0 … max, a deadline's category is
   one of its tiers … Each problem goes to the sink, in English, for the
   caller to place (eval/observations.c: at the sample, or at the field's
   value). */
typedef struct gv_sample_sink {
  void (*error)(const char *id, const char *message, void *payload); /* id: the message's (gv_diag_add) */
  void *payload;
} gv_sample_sink;

/* Checks field `i` of a sample just typed (present). GOVOPEN_OK, or
   GOVOPEN_ENOMEM (a problem may have gone unreported). `point`: the
   point's id, for messages. */
int gv_rule_check_field(const gv_rule *r, size_t i, const gv_fval *f, const char *point, const gv_sample_sink *sink);
/* Checks a typed sample as a whole; `clean`: no problem was found in its
   record so far (some checks make sense only then). GOVOPEN_OK, or
   GOVOPEN_ENOMEM. */
int gv_rule_check_sample(const gv_rule *r, const gv_sample *s, const char *point, int clean,
                         const gv_sample_sink *sink);

typedef enum gv_severity_kind { GV_REASON_LOSS, GV_REASON_WARNING, GV_REASON_INFO } gv_severity_kind;

/* A sample a reason names: where its record (or its entry of `samples`) is. */
typedef struct gv_reason_sample {
  const char *source;
  unsigned line, col;
} gv_reason_sample;

/* A reason: its sentence, and what it stands on as data. The text never
   holds the evidence, and nothing reads the evidence back out of a text:
   the writers read `evidence`, `note` and `samples`. Every kind fills them
   the same way: from the samples the reason names (the first max_named
   failing ones), in input order. */
typedef struct gv_reason {
  int severity;
  uint32_t evidence_count;
  const char *code; /* static, e.g. "deadline.late" */
  const char *text; /* Chinese: the sentence, without the evidence */
  /* The evidence of the samples named, each piece as the observation's
     `evidence` gave it, each distinct piece once, in their order. */
  const char *const *evidence;
  /* The samples' notes, each distinct one once, joined with "；"; NULL when
     none has one. */
  const char *note;
  const gv_reason_sample *samples; /* the samples named, in input order */
  uint32_t sample_count;
} gv_reason;

/* Fills `into`'s evidence, note and samples with what the `n` reasons
   `from[i]` name (the evaluation's veto.applied names the vetoes'): their
   samples in order, each distinct piece of evidence and note once. The
   texts are borrowed from `from`, whose strings must live as long as
   `arena`; the arrays (and a note joining several) are allocated there.
   GOVOPEN_OK, or GOVOPEN_ENOMEM. */
int gv_reason_gather(gv_reason *into, const gv_reason *const *from, size_t n, gv_arena *arena);

/* GV_OUT_ERROR: the rule could not be applied to the samples as a whole (an
   expression's run-time error or step limit), known only when scoring; the
   evaluation counts the cell as 0 of its maximum and warns. */
typedef enum gv_outcome_status { GV_OUT_SCORED, GV_OUT_NOT_EVALUATED, GV_OUT_ERROR } gv_outcome_status;

typedef struct gv_outcome {
  int status;
  int64_t score; /* hundredths, 0 … max */
  gv_reason *reasons;
  size_t reason_count;
  int veto;       /* a veto was triggered */
  int error_code; /* GV_OUT_ERROR: the GOVOPEN_* status of the failure */
  size_t samples, judged;
} gv_outcome;

/* --- streaming: the state of one unit × point -------------------------------------

   Samples are added one at a time to a small state per cell, whose size does
   not grow with the samples (except for the expression kind, which keeps
   them): counts, the latest observation of single-valued kinds, the first
   ctx->max_named failing samples of each kind of failure. Adding judges the
   sample at once against ctx (its as-of date, period and calendar), which
   must therefore stay the same for every sample of a state. */
typedef struct gv_acc gv_acc;

/* Creates the state in *slot (when NULL) for a cell observed with no sample.
   GOVOPEN_OK; GOVOPEN_ENOMEM; GOVOPEN_EINVALID for a rule of no known kind. */
int gv_acc_open(const gv_rule *r, gv_acc **slot, gv_arena *a);
/* What gv_acc_add and gv_acc_check return for a sample that cannot be
   judged: a date the calendar does not cover (working days counted past its
   last year, the as-of date outside it). */
#define GV_ACC_UNJUDGEABLE 1
/* Adds one sample (typed against r->fields, `observed` set, `order` its
   observation's place in the input, `source` living as long as `a`); what
   the state keeps is copied into `a`. Returns GOVOPEN_OK; GV_ACC_UNJUDGEABLE
   (positive: not a failure) with the state unchanged (the calendar's
   message, in English, appended to `why` when not NULL), for the caller to
   reject the sample; or a negative status: GOVOPEN_ENOMEM (gv_acc_open's
   GOVOPEN_EINVALID for a rule of no known kind). */
int gv_acc_add(const gv_rule *r, gv_acc **slot, const gv_sample *s, const gv_rule_ctx *ctx, gv_arena *a, gv_buf *why);
/* Whether gv_acc_add would judge the sample (GOVOPEN_OK) or refuse it
   (GV_ACC_UNJUDGEABLE, why appended to `why`), changing nothing: so that
   every sample of an observation is known judgeable before any is added. */
int gv_acc_check(const gv_rule *r, const gv_sample *s, const gv_rule_ctx *ctx, gv_buf *why);
/* Merges `later`, the state of input read after *into's, into *into as if
   its samples had been added there; `later` is consumed and its blocks must
   live as long as *into's. Returns GOVOPEN_OK (it allocates nothing). */
int gv_acc_merge(const gv_rule *r, gv_acc **into, gv_acc *later, const gv_rule_ctx *ctx);
/* Scores a state (NULL: no sample). Reasons, with the evidence, notes and
   positions of the samples they name, are allocated in `arena`; the texts
   of notes (severity info) and the samples' source names are shared through
   `intern` (may be NULL), a map over texts in `arena`. Returns GOVOPEN_OK,
   or GOVOPEN_ENOMEM (the outcome is then incomplete). */
int gv_acc_score(const gv_rule *r, const gv_acc *acc, const gv_rule_ctx *ctx, gv_arena *arena, gv_hmap *intern,
                 gv_outcome *out);

/* Scores `n` samples (already typed against r->fields) through a state. Reasons and their
   texts are allocated in `arena`. Returns GOVOPEN_OK, or a negative status
   (GOVOPEN_ENOMEM). */
int gv_rule_score(const gv_rule *r, const gv_sample *samples, size_t n, const gv_rule_ctx *ctx, gv_arena *arena,
                  gv_outcome *out);

#endif
