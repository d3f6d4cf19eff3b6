/* The deadline kind's parameters, shared by its two files: kind_deadline.c
 * (the ops table: judging and scoring samples, its reasons) and
 * kind_deadline_compile.c (its keys, and what it requires of samples).
 * Nothing else includes this. */
#ifndef GV_KIND_DEADLINE_H
#define GV_KIND_DEADLINE_H

#include "rules/kind_impl.h"

/* How close an open request must be to its deadline to be "due soon" when
   the rule gives no due_soon (docs/rules.md): 3 days (working days for a
   limit in working days, days for a due date), 6 hours for a limit in
   hours. */
#define GV_DUE_SOON_DAYS 3
#define GV_DUE_SOON_HOURS 6

enum { DL_SCORE_RATIO, DL_SCORE_ALL, DL_SCORE_DEDUCT };

typedef struct dl_limit {
  const char *name; /* "" for a single `limit` */
  const char *end_field;
  size_t end_index; /* the end field's index in the rule's fields */
  gv_span span;
} dl_limit;

typedef struct dl_limitset {
  dl_limit *items;
  size_t count;
} dl_limitset;

typedef struct dl_tier {
  const char *value;
  dl_limitset limits;
} dl_tier;

typedef struct dl_channel {
  const char *value, *field;
  size_t field_index;
} dl_channel;

typedef struct gv_deadline_params {
  int scoring;        /* DL_SCORE_* */
  dl_limitset limits; /* without tiers */
  const char *tier_field;
  dl_tier *tiers;
  size_t tier_count;
  dl_limitset tier_default;                                                                  /* count 0: none */
  size_t start_index, tier_index, channel_index, restart_index, pause_index, extended_index; /* (size_t)-1: none */
  int by_channel;
  dl_channel *channels;
  size_t channel_count;
  int has_restart;
  int has_extension;
  gv_span extension;       /* the longest extension a sample may take */
  const char *pause_label; /* what a pause is called in reasons (`pause_label`), NULL: 暂停 */
  int has_due_soon;
  gv_span due_soon;
  int64_t per_late, floor;
} gv_deadline_params;

/* The limits a sample is held to (its category's tier, the default tier
   for a sample without a category, the rule's limits), or NULL: an
   unknown category (refused where it is read). */
const dl_limitset *gv_deadline_limits(const gv_deadline_params *p, const gv_sample *s);

/* kind_deadline_compile.c */
void gv_deadline_compile(gv_rule_in *in, void *params);
int gv_deadline_impossible(const gv_rule *r, const gv_sample *s, gv_buf *why, gv_blame *at);
int gv_deadline_check_field(const gv_rule *r, size_t i, const gv_fval *f, const char *point,
                            const gv_sample_sink *sink);
int gv_deadline_check_sample(const gv_rule *r, const gv_sample *s, const char *point, int clean,
                             const gv_sample_sink *sink);

#endif
