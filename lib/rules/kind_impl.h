/* Inside lib/rules: what a rule kind's module gives (its ops table) and the
 * machinery the modules share (compiling through the reader, building
 * reasons, the pieces of a cell's state).
 *
 * A kind is one module, lib/rules/kind_<name>.c, exporting one
 * `const gv_kind_ops gv_kind_<name>`, as SQLite gives each backend one
 * sqlite3_io_methods table. rules/kinds.h lists the kinds; the functions of
 * rules/rule.h find a rule's ops there (gv_kind_get) and call through them.
 * Nothing outside a kind's module reads its parameters or its state. */
#ifndef GV_KIND_IMPL_H
#define GV_KIND_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "rules/reader.h"
#include "rules/rule.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/compiler.h"
#include "util/hmap.h"

/* --- spans: a length of time in a unit, or a due date ------------------------------ */

typedef enum gv_span_unit { GV_SPAN_WORKDAYS, GV_SPAN_DAYS, GV_SPAN_HOURS, GV_SPAN_DUE } gv_span_unit;

typedef struct gv_span {
  gv_span_unit unit;
  int64_t n;   /* working days, days or hours */
  int32_t due; /* GV_SPAN_DUE: the date */
} gv_span;

/* --- compiling a kind's parameters (rules/compile.c) --------------------------------- */

/* What a kind's compile reads and fills. */
typedef struct gv_rule_in {
  const gv_reader *rd;
  void *self;            /* the reader's */
  const gv_ynode *block; /* the rule's mapping */
  gv_rkey *keys;         /* kind, label, note, then the kind's keys */
  size_t nkeys;
  const char *what; /* "a deadline rule" */
  gv_arena *arena;  /* the rule's */
  gv_rule *rule;    /* kind, label, note and max set */
  gv_vec fields;    /* gv_fspec *, in order */
  gv_hmap by_name;  /* field name → index + 1 */
  size_t indexed;   /* fields[0, indexed) are in by_name */
} gv_rule_in;

/* The top-level key `key` of the rule (one of its kind's keys). */
const gv_rkey *gv_in_key(const gv_rule_in *in, const char *key);
/* Declares the sample field `name` (once: a second declaration may only
   make it required); its index in *index when not NULL. NULL when out of
   memory (reported). */
gv_fspec *gv_in_field(gv_rule_in *in, const char *name, gv_ftype type, int required, size_t *index);
/* The field declared at `index`. */
static inline gv_fspec *gv_in_field_at(gv_rule_in *in, size_t index) { return in->fields.items[index]; }
GV_PRINTF(4, 5)
void gv_in_err(gv_rule_in *in, const gv_ynode *at, const char *id, const char *fmt, ...);
/* gv_in_err with the path stepped into `key` for the message. */
GV_PRINTF(5, 6)
void gv_in_err_key(gv_rule_in *in, const char *key, const gv_ynode *at, const char *id, const char *fmt, ...);
static inline void gv_in_oom(gv_rule_in *in) { in->rd->set_oom(in->self); }
static inline size_t gv_in_path_key(gv_rule_in *in, const char *key) { return in->rd->path_key(in->self, key); }
static inline size_t gv_in_path_index(gv_rule_in *in, size_t i) { return in->rd->path_index(in->self, i); }
static inline void gv_in_path_pop(gv_rule_in *in, size_t mark) { in->rd->path_pop(in->self, mark); }
static inline int gv_in_read_keys(gv_rule_in *in, const gv_ynode *m, gv_rkey *k, size_t n, const char *what) {
  return in->rd->read_keys(in->self, m, k, n, what);
}
static inline int gv_in_name(gv_rule_in *in, const gv_ynode *map, const gv_rkey *k, int required, const char *what,
                             const char **out) {
  return in->rd->get_name(in->self, map, k, required, what, out);
}
static inline int gv_in_score(gv_rule_in *in, const gv_ynode *map, const gv_rkey *k, int required, const char *what,
                              int64_t *out) {
  return in->rd->get_score(in->self, map, k, required, 0, what, out);
}
/* The readers below return GOVOPEN_OK, or GOVOPEN_ESCHEMA once what is
   wrong is reported (GOVOPEN_ENOMEM when memory ran out).
   A whole number of at least `minimum`. */
int gv_in_count(gv_rule_in *in, const gv_ynode *map, const gv_rkey *k, int required, int64_t minimum, const char *what,
                int64_t *out);
/* A span: a mapping with exactly one of workdays, days, hours (and due with `allow_due`). */
int gv_in_span(gv_rule_in *in, const gv_ynode *m, int allow_due, const char *what, gv_span *out);
/* One of `n` names (the rule's key `k`: "scoring", "period"): its index;
   `dflt` when absent, or unknown (reported, naming the choices in order). */
int gv_in_choice(gv_rule_in *in, const gv_rkey *k, const char *what, const char *const *names, int n, int dflt);

/* --- what a reason names ------------------------------------------------------------- */

/* What a state keeps of a sample a reason may name: where it is, its
   evidence and its note (in the state's arena; `source` is the
   evaluation's, which lives as long). */
typedef struct gv_kept {
  const char *source;
  unsigned line, col;
  const char *const *evidence;
  uint32_t evidence_count;
  const char *note;
} gv_kept;

/* --- scoring a state: the outcome and its reasons (rules/score.c) --------------------- */

typedef struct gv_scorer gv_scorer;
struct gv_scorer {
  const gv_rule *r;
  const gv_rule_ctx *ctx;
  gv_arena *arena;
  gv_outcome *out;
  int status;    /* GOVOPEN_OK, or GOVOPEN_ENOMEM once memory ran out: set gv_scr_fail(), read gv_scr_status() */
  gv_reason *rs; /* the reasons so far (malloc'd; the outcome's array is made at the end) */
  size_t n, cap;
  gv_hmap *intern;     /* texts of notes and sample sources shared between cells, or NULL */
  struct gv_gather *g; /* what the next reason names */
};

/* Memory ran out while scoring: the outcome is incomplete, and gv_acc_score
   returns GOVOPEN_ENOMEM. */
static inline void gv_scr_fail(gv_scorer *s) { s->status = GOVOPEN_ENOMEM; }
/* GOVOPEN_OK, or GOVOPEN_ENOMEM after gv_scr_fail(). */
static inline int gv_scr_status(const gv_scorer *s) { return s->status; }

/* Names a sample in the next reason written. */
void gv_scr_name(gv_scorer *s, const gv_kept *n);
/* Adds a reason with text `t` (in the outcome's arena), naming the samples
   named since the last one. */
void gv_scr_push(gv_scorer *s, int severity, const char *code, const char *t);
/* Adds a reason with the text of `text` (copied; a note shared through intern). */
void gv_scr_reason(gv_scorer *s, int severity, const char *code, gv_buf *text);
GV_PRINTF(4, 5)
void gv_scr_reasonf(gv_scorer *s, int severity, const char *code, const char *fmt, ...);
/* Frees a part of a reason's text: a part cut short by memory fails the score. */
void gv_scr_part_free(gv_scorer *s, gv_buf *part);

/* Text pieces of reasons, in Chinese. */
void gv_put_date(gv_buf *b, int32_t days);
/* "2023-04-20 09:30" (a date alone without the time) */
void gv_put_moment(gv_buf *b, const gv_moment *mo);
/* "12.50" */
void gv_put_score(gv_buf *b, int64_t c);
/* For the English of impossible samples (rules/check.c): "2023-04-20T09:30",
   "FROM~TO"; and the value to blame (returns 1). */
void gv_put_moment_iso(gv_buf *b, const gv_moment *m);
void gv_put_interval_iso(gv_buf *b, const gv_interval *iv);
int gv_blame_at(gv_blame *at, size_t field, size_t item, int to);
/* The rule's label, or "". */
static inline const char *gv_rule_label_of(const gv_rule *r) { return r->label ? r->label : ""; }

/* --- the state of a cell ----------------------------------------------------------------

   A cell (one unit × point) is scored from a small state that each sample
   updates as it arrives, never from a list of its samples: counts, the
   latest observation of single-valued kinds, the first max_named failing
   samples of each kind of failure (the ones a reason names), and the counts
   per period. The state of a later part of the input merges into that of an
   earlier part (parallel reading) with the same outcome as reading both in
   order. Only the expression kind keeps its samples: its rule may read any
   of them. A kind's state begins with a gv_acc. */
struct gv_acc {
  uint64_t n; /* samples added */
};

typedef struct gv_link {
  struct gv_link *next;
} gv_link;

/* The first entries of one kind in input order (at most a cap), and how many there were. */
typedef struct gv_nlist {
  gv_link *head, *tail;
  uint64_t total;
} gv_nlist;

/* Counts one entry; *out a zeroed entry of `size` bytes (beginning with a
   gv_link) to fill when it is among the first `cap`, else NULL.
   GOVOPEN_OK or GOVOPEN_ENOMEM (not counted). */
int gv_nl_add(gv_nlist *l, size_t cap, size_t size, gv_arena *a, void **out);
/* Appends `later`'s entries (input after `into`'s) up to the cap; `later` is
   emptied. `fix` adjusts each adopted entry by `arg` (sample numbers). */
void gv_nl_merge(gv_nlist *into, gv_nlist *later, size_t cap, void (*fix)(gv_link *, uint64_t), uint64_t arg);
/* "；等另N个" after the named ones, when some were not named. */
void gv_put_more(gv_buf *b, const gv_nlist *l, size_t cap, const char *unit);

/* A copy of `s` in `a` (NULL stays NULL). GOVOPEN_OK or GOVOPEN_ENOMEM. */
int gv_keep_str(gv_arena *a, const char *s, const char **out);
/* Keeps what a reason may name of a sample, copied into `a`. */
int gv_keep_named(gv_kept *n, const gv_sample *smp, gv_arena *a);

/* A named sample replaced as newer observations arrive: its evidence and
   note in one block, reused while it is large enough, so that a cell
   observed again and again keeps one block, not one per observation. */
typedef struct gv_nslot {
  char *block;
  size_t cap;
  int set;
  gv_kept n;
} gv_nslot;
/* Keeps `smp` (NULL: none). */
int gv_nslot_put(gv_nslot *sl, const gv_sample *smp, gv_arena *a);

/* A string replaced as newer observations arrive, reusing its block. */
typedef struct gv_strslot {
  char *p;
  uint32_t cap, set;
} gv_strslot;
int gv_strslot_put(gv_strslot *sl, const char *s, gv_arena *a);
static inline const char *gv_strslot_get(const gv_strslot *sl) { return sl->set ? sl->p : NULL; }

/* Single-valued kinds (boolean, checklist, manual): the latest observation
   counts. Their state begins with this; the kind keeps the latest's value
   after it. */
typedef struct gv_latest {
  gv_acc h;
  uint64_t order;   /* the latest's observation's place in the input */
  int32_t observed; /* and its date */
  gv_nslot named;   /* the latest, while it loses points */
} gv_latest;
/* Whether `smp` (the cell's sample number `seq`) is the latest so far:
   then it is recorded as such, and the kind takes its value. */
int gv_latest_take(gv_latest *s, const gv_sample *smp, uint64_t seq);
/* Whether the later part's latest wins on merging: then it is recorded
   (its blocks live on), and the kind takes its value. */
int gv_latest_merge(gv_latest *s, const gv_latest *later);
/* Several observations of a single-valued kind: which one counts. */
void gv_latest_note(gv_scorer *s, const gv_latest *st);

/* A deep copy of a sample in `a` (the expression kind keeps them). */
int gv_copy_sample(gv_sample *to, const gv_sample *from, gv_arena *a);

/* --- a kind's module ------------------------------------------------------------------ */

enum {
  GV_KIND_ANY_KEY = 1u, /* a sample may carry keys the rule does not read */
  GV_KIND_ANY_DATE = 2u /* fields may lie after the as-of date (they mean what the county says) */
};

typedef struct gv_kind_ops {
  const char *name;        /* as written in YAML: "deadline" */
  const char *label_zh;    /* the worksheet's name for it: "时限" (English: the name) */
  const char *const *keys; /* the YAML keys it takes besides kind, label and note; NULL-terminated */
  unsigned flags;          /* GV_KIND_* */

  /* Compiling: params_size bytes of parameters (zeroed; none when 0) are
     filled from in->keys; the sample fields are declared with
     gv_in_field. Problems and memory go to the reader. */
  size_t params_size;
  void (*compile)(gv_rule_in *in, void *params);

  /* Streaming: a state of state_size bytes (zeroed), whose gv_acc counts
     the samples (the generic code does). */
  size_t state_size;
  /* Adds a sample: GOVOPEN_OK; GV_ACC_UNJUDGEABLE with the state as it
     was (why appended to `why` when not NULL); GOVOPEN_ENOMEM. */
  int (*add)(const gv_rule *r, gv_acc *acc, const gv_sample *s, const gv_rule_ctx *ctx, gv_arena *a, gv_buf *why);
  /* Whether add would refuse the sample (GV_ACC_UNJUDGEABLE) or not
     (GOVOPEN_OK), changing nothing; NULL: it never does. */
  int (*check)(const gv_rule *r, const gv_sample *s, const gv_rule_ctx *ctx, gv_buf *why);
  /* Merges `later` into `into` (both with samples); into->n is still its
     own count. */
  void (*merge)(const gv_rule *r, gv_acc *into, gv_acc *later, const gv_rule_ctx *ctx);
  /* Scores a state with at least one sample into s->out (score, status,
     judged, veto) and its reasons; memory running out is gv_scr_fail(s),
     which gv_acc_score returns as GOVOPEN_ENOMEM. */
  void (*score)(gv_scorer *s, const gv_acc *acc);

  /* Samples: impossible ones (gv_sample_check; NULL: none of its own
     beyond the as-of date), a field just typed, a typed sample. NULL:
     nothing to check. */
  int (*impossible)(const gv_rule *r, const gv_sample *s, gv_buf *why, gv_blame *at);
  int (*check_field)(const gv_rule *r, size_t i, const gv_fval *f, const char *point, const gv_sample_sink *sink);
  int (*check_sample)(const gv_rule *r, const gv_sample *s, const char *point, int clean, const gv_sample_sink *sink);

  /* The worksheet's fill-in hint after the fields; NULL: none. */
  void (*hint)(const gv_rule *r, int en, gv_buf *b);
  /* A veto's target; NULL: the kind vetoes nothing. */
  const char *(*veto_target)(const gv_rule *r);
} gv_kind_ops;

/* The registry (rules/kinds.c). */
extern const gv_kind_ops *const gv_kind_table[GV_RULE_KIND_COUNT];
static inline const gv_kind_ops *gv_kind_get(gv_rule_kind k) {
  return (unsigned)k < GV_RULE_KIND_COUNT ? gv_kind_table[k] : NULL;
}

/* Shared by kinds whose worksheet rows are samples: "one sample per row". */
void gv_hint_rows(int en, gv_buf *b);
/* Reports a problem of a typed sample to its sink. GOVOPEN_OK or GOVOPEN_ENOMEM. */
GV_PRINTF(3, 4)
int gv_sample_err(const gv_sample_sink *sink, const char *id, const char *fmt, ...);
#endif
