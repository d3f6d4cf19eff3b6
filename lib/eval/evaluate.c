/* Running an evaluation: samples per unit × point through their rules,
 * vetoes, aggregation up the tree, normalisation, adjustments, grades, ranks
 * and the county view. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/date.h"
#include "eval/eval.h"
#include "util/cents.h"
#include "util/error.h"
#include "util/hmap.h"

/* --- the calendar as the rules see it ------------------------------------------ */

static int cal_fail(const govopen_calendar *c, int rc, int32_t day, gv_buf *err) {
  char d[GV_DATE_TEXT];
  gv_date_format(day, d);
  if (rc == GOVOPEN_ERANGE)
    gv_buf_printf(err, "%s is outside the years of the calendar %s (%d to %d)", d, c->id, c->first_year, c->last_year);
  else
    gv_buf_printf(err, "%s: the working days cannot be counted", d);
  return rc;
}

static int ops_between(const void *cal, int32_t from, int32_t to, int64_t *out, gv_buf *err) {
  int n = 0;
  int rc = gv_calendar_workdays_between(cal, from, to, &n);
  if (rc) return cal_fail(cal, rc, gv_calendar_covers(cal, from) ? to : from, err);
  *out = n;
  return GOVOPEN_OK;
}

static int ops_add(const void *cal, int32_t from, int64_t n, int32_t *out, gv_buf *err) {
  if (n > 100000) n = 100000;
  int rc = gv_calendar_add_workdays(cal, from, (int)n, out);
  if (rc == GOVOPEN_ERANGE && gv_calendar_covers(cal, from)) {
    /* the start is in the calendar, the deadline past its last year */
    const govopen_calendar *c = cal;
    char d[GV_DATE_TEXT];
    gv_date_format(from, d);
    gv_buf_printf(err, "%lld working days after %s run past the years of the calendar %s (%d to %d)", (long long)n, d,
                  c->id, c->first_year, c->last_year);
    return rc;
  }
  return rc ? cal_fail(cal, rc, from, err) : GOVOPEN_OK;
}

static int ops_next(const void *cal, int32_t d, int32_t *out, gv_buf *err) {
  int rc = gv_calendar_add_days(cal, d, 0, 1, out);
  return rc ? cal_fail(cal, rc, d, err) : GOVOPEN_OK;
}

/* --- helpers --------------------------------------------------------------------- */

static gv_cell *cell_at(govopen_result *r, size_t unit, size_t point) {
  return &r->cells[unit * r->fw->point_count + point];
}

/* Aggregates the point scores of one column (a unit, or the county) up the
   tree: `pscore`/`pmax` per point (pscore < 0: not counted). Fills node
   scores and possibles (-1: not evaluated) and returns the root's. Vetoed
   nodes (veto_node[i]) score 0. Iterative over the pre-order array,
   children before parents by walking it backwards. */
static void aggregate(const govopen_framework *fw, const int64_t *pscore, const int64_t *pmax,
                      const unsigned char *veto_node, int64_t *nscore, int64_t *npossible, int64_t *root_score,
                      int64_t *root_possible) {
  for (size_t i = 0; i < fw->node_count; i++) nscore[i] = npossible[i] = -1;
  for (size_t k = fw->node_count; k-- > 0;) {
    const govopen_node *n = fw->nodes[k];
    int64_t sum = 0, possible = 0, min_frac_num = -1, min_frac_den = 1;
    double frac_sum = 0;
    size_t counted = 0;
    for (size_t i = 0; i < n->point_count; i++) {
      size_t p = n->points[i]->index;
      if (pscore[p] < 0) continue;
      sum += pscore[p];
      possible += pmax[p];
      if (pmax[p] > 0) frac_sum += (double)pscore[p] / (double)pmax[p];
      if (pmax[p] > 0 && (min_frac_num < 0 || pscore[p] * min_frac_den < min_frac_num * pmax[p]))
        min_frac_num = pscore[p], min_frac_den = pmax[p];
      counted++;
    }
    for (size_t i = 0; i < n->child_count; i++) {
      size_t c = n->children[i]->index;
      if (nscore[c] < 0) continue;
      sum += nscore[c];
      possible += npossible[c];
      if (npossible[c] > 0) frac_sum += (double)nscore[c] / (double)npossible[c];
      if (npossible[c] > 0 && (min_frac_num < 0 || nscore[c] * min_frac_den < min_frac_num * npossible[c]))
        min_frac_num = nscore[c], min_frac_den = npossible[c];
      counted++;
    }
    if (counted == 0) continue;
    int64_t score = sum;
    if (n->aggregate == GOVOPEN_AGGREGATE_CAP && score > n->score) score = n->score;
    if (n->aggregate == GOVOPEN_AGGREGATE_MEAN)
      score = gv_round_half_away((double)possible * frac_sum / (double)counted);
    if (n->aggregate == GOVOPEN_AGGREGATE_MIN)
      score = min_frac_num < 0 ? 0 : gv_cents_share(possible, min_frac_num, min_frac_den);
    if (n->aggregate == GOVOPEN_AGGREGATE_CAP && possible > n->score) possible = n->score;
    if (veto_node && veto_node[k]) score = 0;
    nscore[k] = score;
    npossible[k] = possible;
  }
  int64_t rs = 0, rp = 0;
  size_t counted = 0;
  for (size_t i = 0; i < fw->root.child_count; i++) {
    size_t c = fw->root.children[i]->index;
    if (nscore[c] < 0) continue;
    rs += nscore[c];
    rp += npossible[c];
    counted++;
  }
  *root_score = counted ? rs : -1;
  *root_possible = counted ? rp : -1;
}

/* The maxima of the points of one column that `counted` (>= 0) holds,
   added up the tree as a possible score is (an indicator's cap included):
   what coverage compares. `nscore`/`npossible` are scratch, a node each. */
static int64_t covered_max(const govopen_framework *fw, const int64_t *counted, const int64_t *pmax, int64_t *nscore,
                           int64_t *npossible) {
  int64_t score, possible;
  aggregate(fw, counted, pmax, NULL, nscore, npossible, &score, &possible);
  return possible < 0 ? 0 : possible;
}

/* A cell that was judged: what coverage counts as evaluated. */
static int cell_judged(const gv_cell *c) {
  return c->status == GOVOPEN_CELL_SCORED || c->status == GOVOPEN_CELL_VETOED || c->status == GOVOPEN_CELL_ERROR;
}

/* --- where a total's points went ------------------------------------------------
 *
 * A column's raw loss (possible − raw) is spread down the tree: each
 * indicator hands the loss it was given to the children that count, in
 * proportion to what each lost as the indicator's aggregation takes it —
 * their own loss under sum, scale and cap (a cap scales it down), their
 * lost fraction under mean, the children at the lowest fraction under min —
 * and in proportion to their maxima under a veto (everything there is
 * lost), or when the weights leave a loss with nowhere to go. Every level
 * hands on exactly what it was given, so the points' shares add up to the
 * column's raw loss; a share × maximum / possible, rounded (util/cents.h),
 * is the point's `lost`, and what the roundings leave is the total's
 * rounding remainder (docs/results.md). Under sum everywhere, a point's
 * share is simply max − score. */

static double child_weight(int aggregate, int64_t s, int64_t p, double min_frac) {
  switch (aggregate) {
    case GOVOPEN_AGGREGATE_MEAN: return p > 0 ? (double)(p - s) / (double)p : 0;
    case GOVOPEN_AGGREGATE_MIN: return p > 0 && (double)s / (double)p == min_frac ? 1 : 0;
    default: return (double)(p - s);
  }
}

/* Hands `loss` on to the counted points and children of `n` (the root too). */
static void spread_node(const govopen_node *n, int aggregate, int vetoed, double loss, const int64_t *pscore,
                        const int64_t *pmax, const int64_t *nscore, const int64_t *npossible, double *nshare,
                        double *pshare) {
  double wsum = 0, psum = 0, min_frac = 2;
  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; i < n->point_count + n->child_count; i++) {
      int is_point = i < n->point_count;
      size_t k = is_point ? n->points[i]->index : n->children[i - n->point_count]->index;
      int64_t sc = is_point ? pscore[k] : nscore[k], pp = is_point ? pmax[k] : npossible[k];
      if (sc < 0) continue;
      if (pass == 0) {
        if (pp > 0 && (double)sc / (double)pp < min_frac) min_frac = (double)sc / (double)pp;
        continue;
      }
      wsum += child_weight(aggregate, sc, pp, min_frac);
      psum += (double)pp;
    }
  }
  int by_max = vetoed || (wsum <= 0 && loss > 0);
  double denom = by_max ? psum : wsum;
  for (size_t i = 0; i < n->point_count + n->child_count; i++) {
    int is_point = i < n->point_count;
    size_t k = is_point ? n->points[i]->index : n->children[i - n->point_count]->index;
    int64_t sc = is_point ? pscore[k] : nscore[k], pp = is_point ? pmax[k] : npossible[k];
    if (sc < 0) continue;
    double w = by_max ? (double)pp : child_weight(aggregate, sc, pp, min_frac);
    double share = loss > 0 && denom > 0 ? loss * w / denom : 0;
    if (is_point)
      pshare[k] = share;
    else
      nshare[k] = share;
  }
}

/* A point's share of a raw loss in hundredths of a total out of `maximum`. */
static int64_t share_cents(double share, int64_t maximum, int64_t possible) {
  if (share <= 0 || possible <= 0) return 0;
  if (share == (double)(int64_t)share) return gv_cents_share(maximum, (int64_t)share, possible);
  return gv_round_half_away(share * (double)maximum / (double)possible);
}

/* Fills lost[p] (hundredths of a total out of `maximum`; 0 for points that
   do not count) for a column aggregated by aggregate(): `root_loss` is its
   possible − raw; `whole_vetoed`: a veto zeroed the column as a whole.
   Returns Σ lost. `nshare`, `pshare` are scratch for every node and point. */
static int64_t spread_loss(const govopen_framework *fw, const int64_t *pscore, const int64_t *pmax,
                           const unsigned char *veto_node, int whole_vetoed, const int64_t *nscore,
                           const int64_t *npossible, int64_t root_loss, int64_t maximum, int64_t possible,
                           double *nshare, double *pshare, int64_t *lost) {
  for (size_t p = 0; p < fw->point_count; p++) pshare[p] = 0;
  for (size_t k = 0; k < fw->node_count; k++) nshare[k] = 0;
  spread_node(&fw->root, GOVOPEN_AGGREGATE_SUM, whole_vetoed, (double)root_loss, pscore, pmax, nscore, npossible,
              nshare, pshare);
  for (size_t k = 0; k < fw->node_count; k++) {
    if (nscore[k] < 0) continue;
    const govopen_node *n = fw->nodes[k];
    int vetoed = whole_vetoed;
    for (const govopen_node *up = n; up && up->depth > 0 && !vetoed && veto_node; up = up->parent)
      vetoed = veto_node[up->index];
    spread_node(n, n->aggregate, vetoed, nshare[k], pscore, pmax, nscore, npossible, nshare, pshare);
  }
  int64_t sum = 0;
  for (size_t p = 0; p < fw->point_count; p++) {
    lost[p] = pscore[p] < 0 ? 0 : share_cents(pshare[p], maximum, possible);
    sum += lost[p];
  }
  return sum;
}

/* --- adjustments --------------------------------------------------------------------- */

/* One triggered adjustment as the result keeps it, its texts copied (the
   result outlives the evaluation). 0, or -1 out of memory. */
static int keep_adjustment(gv_arena *a, gv_result_adj *out, const gv_adj_obs *o, int32_t as_of) {
  memset(out, 0, sizeof *out);
  out->index = (size_t)o->adjustment;
  out->applied = 1;
  gv_date_format(o->observed == GV_OBSERVED_UNSET ? as_of : o->observed, out->date);
  if (o->evidence_count) {
    const char **ev = gv_arena_array(a, o->evidence_count, sizeof *ev);
    if (ev == NULL) return GOVOPEN_ENOMEM;
    for (size_t k = 0; k < o->evidence_count; k++)
      if ((ev[k] = gv_arena_strdup(a, o->evidence[k])) == NULL) return GOVOPEN_ENOMEM;
    out->evidence = ev;
    out->evidence_count = o->evidence_count;
  }
  if (o->note && (out->note = gv_arena_strdup(a, o->note)) == NULL) return GOVOPEN_ENOMEM;
  return GOVOPEN_OK;
}

/* The county's adjustments and each unit's, in input order, applied to the
   unit totals (a unit vetoed as a whole or not scored keeps them, not
   applied). 0, or -1 out of memory. */
static int keep_adjustments(govopen_result *r, const gv_sink *sink, int32_t as_of) {
  const govopen_framework *fw = r->fw;
  size_t nu = fw->unit_count, ncounty = 0, nunit = 0;
  for (const gv_adj_obs *o = sink->adj; o; o = o->next) {
    if (o->adjusts_unit)
      r->units[o->unit].adj_count++, nunit++;
    else
      ncounty++;
  }
  r->adjustments = gv_arena_array(&r->arena, ncounty ? ncounty : 1, sizeof(size_t));
  r->county_adj = gv_arena_array(&r->arena, ncounty ? ncounty : 1, sizeof(gv_result_adj));
  gv_result_adj *all = gv_arena_array(&r->arena, nunit ? nunit : 1, sizeof(gv_result_adj));
  if (!r->adjustments || !r->county_adj || !all) return GOVOPEN_ENOMEM;
  /* each unit's run of `all`, in framework order, filled in input order */
  size_t at = 0;
  for (size_t u = 0; u < nu; u++) {
    r->units[u].adj = all + at;
    at += r->units[u].adj_count;
    r->units[u].adj_count = 0;
  }
  for (const gv_adj_obs *o = sink->adj; o; o = o->next) {
    if (!o->adjusts_unit) {
      if (keep_adjustment(&r->arena, &r->county_adj[r->adjustment_count], o, as_of) != 0) return GOVOPEN_ENOMEM;
      r->adjustments[r->adjustment_count++] = (size_t)o->adjustment;
      continue;
    }
    gv_unit_result *ur = &r->units[o->unit];
    gv_result_adj *a = &ur->adj[ur->adj_count++];
    if (keep_adjustment(&r->arena, a, o, as_of) != 0) return GOVOPEN_ENOMEM;
    if (!ur->scored || ur->vetoed) {
      a->applied = 0;
      a->why = ur->vetoed ? "vetoed" : "not_scored";
      continue;
    }
    ur->unclamped += fw->adjustments[o->adjustment].delta;
  }
  /* cap_adjusted keeps only the county's total within 0 … total
     (docs/framework-format.md): a unit's adjusted total is as summed */
  for (size_t u = 0; u < nu; u++) r->units[u].total = r->units[u].unclamped;
  return GOVOPEN_OK;
}

/* Ranks the scored units of each kind by total: ties share a rank (1, 2, 2, 4).
   Sorted by kind, then total, highest first: O(n log n) for a province. */
typedef struct rank_key {
  int kind;
  int64_t total;
  size_t unit;
} rank_key;

static int rank_cmp(const void *a, const void *b) {
  const rank_key *x = a, *y = b;
  if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
  if (x->total != y->total) return x->total > y->total ? -1 : 1;
  return x->unit < y->unit ? -1 : x->unit > y->unit;
}

static int rank_units(govopen_result *r) {
  const govopen_framework *fw = r->fw;
  rank_key *keys = malloc((fw->unit_count ? fw->unit_count : 1) * sizeof *keys);
  if (keys == NULL) return GOVOPEN_ENOMEM;
  size_t n = 0;
  for (size_t u = 0; u < fw->unit_count; u++)
    if (r->units[u].scored) keys[n++] = (rank_key){(int)fw->units[u].kind, r->units[u].total, u};
  qsort(keys, n, sizeof *keys, rank_cmp);
  for (size_t i = 0, first = 0, kind_start = 0; i < n; i++) {
    if (i == 0 || keys[i].kind != keys[i - 1].kind) kind_start = i;
    if (i == kind_start || keys[i].total != keys[i - 1].total) first = i;
    r->units[keys[i].unit].rank = (unsigned)(first - kind_start + 1);
  }
  free(keys);
  /* Per kind: the units ranked (marked when their coverage is below the
     run's minimum, in exact integers) and those with points but no score. */
  for (size_t u = 0; u < fw->unit_count; u++) {
    gv_unit_result *ur = &r->units[u];
    int k = (int)fw->units[u].kind;
    if (k < 0 || k >= GV_KINDS) continue;
    if (ur->scored) {
      ur->low_coverage = ur->cover_evaluated * 100 < (int64_t)r->min_coverage * ur->cover_applicable;
      r->kind_ranked[k]++;
      r->kind_low[k] += (size_t)ur->low_coverage;
    } else if (ur->points_applicable > 0) {
      r->kind_not_evaluated[k]++;
    }
  }
  for (size_t u = 0; u < fw->unit_count; u++) {
    int k = (int)fw->units[u].kind;
    r->units[u].ranked_of = k >= 0 && k < GV_KINDS ? r->kind_ranked[k] : 0;
  }
  return GOVOPEN_OK;
}

/* Appends reason `x` (its texts in `arena`) to a kept cell's. */
static int add_reason_copy(gv_arena *arena, gv_cell *c, const gv_reason *x) {
  gv_reason *rs = gv_arena_array(arena, c->reason_count + 1, sizeof *rs);
  if (rs == NULL) return GOVOPEN_ENOMEM;
  if (c->reason_count) memcpy(rs, c->reasons, c->reason_count * sizeof *rs);
  rs[c->reason_count] = *x;
  c->reasons = rs;
  c->reason_count++;
  return GOVOPEN_OK;
}

/* --- vetoes ------------------------------------------------------------------------ */

static const char VETO_APPLIED[] = "因一票否决计0分";

/* Whether a triggered veto zeroes point p of its unit: the whole unit, or
   an indicator above p. */
static int veto_zeroes(const govopen_framework *fw, const gv_rule *veto, size_t p) {
  if (strcmp(gv_rule_veto_target(veto), "unit") == 0) return 1;
  const govopen_node *target = gv_framework_node_by_id(fw, gv_rule_veto_target(veto));
  for (const govopen_node *n = fw->points[p]->node; target && n && n->depth > 0; n = n->parent)
    if (n == target) return 1;
  return 0;
}

/* The veto.triggered reason of a veto cell's outcome, or NULL. */
static const gv_reason *veto_reason(const gv_outcome *o) {
  for (size_t i = 0; o->veto && i < o->reason_count; i++)
    if (strcmp(o->reasons[i].code, "veto.triggered") == 0) return &o->reasons[i];
  return NULL;
}

/* The veto.applied reason of point p, zeroed by a veto: it names what the
   vetoes that zero p name (`vetoes`: the unit's n triggered vetoes, points
   `vpoints`, in point order), borrowing their texts, in `arena`. Built the
   same way whether the result keeps its reasons or renders them (the JSON's
   bytes do not depend on it). GOVOPEN_OK, or GOVOPEN_ENOMEM. */
static int veto_applied(const govopen_framework *fw, size_t p, const gv_reason *const *vetoes, const size_t *vpoints,
                        size_t n, gv_arena *arena, gv_reason *out) {
  const gv_reason **from = malloc((n ? n : 1) * sizeof *from);
  if (from == NULL) return GOVOPEN_ENOMEM;
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (vetoes[i] && veto_zeroes(fw, fw->points[vpoints[i]]->compiled, p)) from[k++] = vetoes[i];
  *out = (gv_reason){.severity = GV_REASON_LOSS, .code = "veto.applied", .text = VETO_APPLIED};
  int rc = gv_reason_gather(out, from, k, arena);
  free(from);
  return rc;
}

/* --- starting, sinks ------------------------------------------------------------- */

int gv_eval_start(govopen_evaluation *ev, govopen_error **err) {
  if (ev->started) return GOVOPEN_OK;
  if (ev->as_of == GV_OBSERVED_UNSET)
    return gv_error_set(err, GOVOPEN_ESTATE, "", "eval.as_of_missing",
                        "no as-of date: set one before adding observations (govopen_evaluation_set_as_of, --as-of); "
                        "it never comes from the clock");
  if (!ev->has_period) {
    int y, m, d;
    gv_civil_from_days(ev->as_of, &y, &m, &d);
    if (ev->fw->year) y = ev->fw->year;
    ev->period_first = gv_days_from_civil(y, 1, 1);
    ev->period_last = gv_days_from_civil(y, 12, 31);
  }
  if (gv_sink_init(&ev->sink, ev->fw) != 0)
    return gv_error_set(err, GOVOPEN_ENOMEM, "", "system.out_of_memory", "out of memory");
  if (gv_sink_init(&ev->pending, ev->fw) != 0) {
    gv_sink_free(&ev->sink);
    return gv_error_set(err, GOVOPEN_ENOMEM, "", "system.out_of_memory", "out of memory");
  }
  const govopen_framework *fw = ev->fw;
  ev->assigned = calloc(fw->unit_count * fw->point_count / 8 + 1, 1);
  if (ev->assigned == NULL) {
    gv_sink_free(&ev->sink);
    gv_sink_free(&ev->pending);
    return gv_error_set(err, GOVOPEN_ENOMEM, "", "system.out_of_memory", "out of memory");
  }
  for (size_t p = 0; p < fw->point_count; p++)
    for (size_t k = 0; k < fw->points[p]->unit_count; k++) {
      size_t cell = fw->points[p]->units[k]->index * fw->point_count + p;
      ev->assigned[cell / 8] |= (unsigned char)(1u << (cell % 8));
    }
  gv_rule_ctx ctx = {{ev->calendar, ops_between, ops_add, ops_next},
                     ev->as_of,
                     ev->period_first,
                     ev->period_last,
                     ev->max_named,
                     ev->max_steps};
  ev->ctx = ctx;
  ev->started = 1;
  return GOVOPEN_OK;
}

int gv_sink_init(gv_sink *s, const govopen_framework *fw) {
  memset(s, 0, sizeof *s);
  size_t n = fw->unit_count * fw->point_count;
  s->cells = calloc(n ? n : 1, sizeof *s->cells);
  return s->cells ? GOVOPEN_OK : GOVOPEN_ENOMEM;
}

void gv_adj_key(unsigned char key[GV_ADJ_KEY], int adjustment, int adjusts_unit, size_t unit) {
  uint64_t a = (uint64_t)(uint32_t)adjustment, u = adjusts_unit ? (uint64_t)unit + 1 : 0;
  memcpy(key, &a, 8);
  memcpy(key + 8, &u, 8);
}

const gv_adj_obs *gv_sink_adjustment_seen(const gv_sink *s, const unsigned char key[GV_ADJ_KEY]) {
  return gv_hmap_get(&s->adj_seen, (const char *)key, GV_ADJ_KEY);
}

/* Records a non-repeatable adjustment's first occurrence: GOVOPEN_OK, or GOVOPEN_ENOMEM. */
static int adj_remember(gv_sink *s, const govopen_framework *fw, const gv_adj_obs *a) {
  if (fw->adjustments[a->adjustment].repeatable) return GOVOPEN_OK;
  return gv_hmap_put(&s->adj_seen, (const char *)a->key, GV_ADJ_KEY, (void *)a, NULL) < 0 ? GOVOPEN_ENOMEM : GOVOPEN_OK;
}

int gv_sink_index_adjustments(gv_sink *s, const govopen_framework *fw) {
  for (const gv_adj_obs *a = s->adj_indexed ? s->adj_indexed->next : s->adj; a; a = a->next) {
    if (adj_remember(s, fw, a) != 0) return GOVOPEN_ENOMEM;
    s->adj_indexed = a;
  }
  return GOVOPEN_OK;
}

void gv_sink_free(gv_sink *s) {
  gv_hmap_free(&s->adj_seen);
  free(s->cells);
  gv_vec_free(&s->touched);
  gv_arena_free(&s->arena);
  memset(s, 0, sizeof *s);
}

/* Copies an adjustment's evidence and note into the sink's arena. 0, or -1 out of memory. */
static int keep_pieces(gv_arena *arena, const gv_sample *smp, gv_adj_obs *a) {
  if (smp->evidence_count) {
    const char **ev = gv_arena_array(arena, smp->evidence_count, sizeof *ev);
    if (ev == NULL) return GOVOPEN_ENOMEM;
    for (size_t i = 0; i < smp->evidence_count; i++)
      if ((ev[i] = gv_arena_strdup(arena, smp->evidence[i])) == NULL) return GOVOPEN_ENOMEM;
    a->evidence = ev;
    a->evidence_count = smp->evidence_count;
  }
  if (smp->note && (a->note = gv_arena_strdup(arena, smp->note)) == NULL) return GOVOPEN_ENOMEM;
  return GOVOPEN_OK;
}

int gv_sink_accept(gv_sink *s, const govopen_evaluation *ev, const gv_obs *o, gv_buf *why, size_t *bad) {
  if (o->adjustment >= 0) {
    gv_adj_obs *a = gv_arena_alloc(&s->arena, sizeof *a);
    if (a == NULL) return GOVOPEN_ENOMEM;
    a->adjustment = o->adjustment;
    a->adjusts_unit = o->adjusts_unit;
    a->unit = o->unit;
    a->record = o->record;
    a->line = o->at_line;
    a->col = o->at_col;
    a->source = o->source; /* lives as long as the evaluation */
    gv_adj_key(a->key, a->adjustment, a->adjusts_unit, a->unit);
    a->observed = o->observed;
    if (o->samples && keep_pieces(&s->arena, o->samples, a) != 0) return GOVOPEN_ENOMEM;
    if (adj_remember(s, ev->fw, a) != 0) return GOVOPEN_ENOMEM;
    if (s->adj_tail)
      s->adj_tail->next = a;
    else
      s->adj = a;
    s->adj_tail = a;
    s->accepted++;
    return GOVOPEN_OK;
  }
  const gv_rule *rule = ev->fw->points[o->point]->compiled;
  size_t i = o->unit * ev->fw->point_count + o->point;
  /* Every sample is judged before any is added: an observation is taken
     whole or rejected whole, never a part of it. One sample needs no
     question first: adding it refuses it with the state unchanged. */
  for (size_t k = 0; o->n > 1 && k < o->n; k++) {
    gv_sample smp = o->samples[k];
    smp.observed = o->observed == GV_OBSERVED_UNSET ? ev->as_of : o->observed;
    if (gv_acc_check(rule, &smp, &ev->ctx, why) != 0) {
      *bad = k;
      return why && gv_buf_status(why) != GOVOPEN_OK ? GOVOPEN_ENOMEM : GV_ACC_UNJUDGEABLE;
    }
  }
  gv_acc **cell = &s->cells[i];
  int fresh = *cell == NULL;
  if (fresh) {
    if (gv_vec_push(&s->touched, (void *)(uintptr_t)i) != 0) return GOVOPEN_ENOMEM;
    int rc = gv_acc_open(rule, cell, &s->arena);
    if (rc != GOVOPEN_OK) return rc;
  }
  for (size_t k = 0; k < o->n; k++) {
    gv_sample smp = o->samples[k];
    /* an observation without a date is dated by the evaluation's as-of date */
    smp.observed = o->observed == GV_OBSERVED_UNSET ? ev->as_of : o->observed;
    smp.order = (size_t)o->order;
    int rc = gv_acc_add(rule, cell, &smp, &ev->ctx, &s->arena, why);
    if (rc < 0 || (why && gv_buf_status(why) != GOVOPEN_OK)) return GOVOPEN_ENOMEM;
    if (rc == GV_ACC_UNJUDGEABLE) {
      /* only the first sample can be refused here (the others were asked):
         the cell is as it was, and a cell this observation opened is closed */
      *bad = k;
      if (fresh) {
        *cell = NULL;
        s->touched.len--;
      }
      return GV_ACC_UNJUDGEABLE;
    }
  }
  s->accepted++;
  return GOVOPEN_OK;
}

void gv_sink_commit(gv_sink *into, gv_sink *later, const govopen_evaluation *ev) {
  const govopen_framework *fw = ev->fw;
  size_t np = fw->point_count;
  for (size_t k = 0; k < later->touched.len; k++) {
    size_t i = (size_t)(uintptr_t)later->touched.items[k];
    gv_acc_merge(fw->points[i % np]->compiled, &into->cells[i], later->cells[i], &ev->ctx);
    later->cells[i] = NULL;
  }
  later->touched.len = 0;
  if (later->adj) {
    if (into->adj_tail)
      into->adj_tail->next = later->adj;
    else
      into->adj = later->adj;
    into->adj_tail = later->adj_tail;
  }
  later->adj = later->adj_tail = NULL;
  /* the committed sink indexes what it adopts when the next call starts */
  gv_hmap_free(&later->adj_seen);
  later->adj_indexed = NULL;
  gv_arena_adopt(&into->arena, &later->arena);
  into->accepted += later->accepted;
  later->accepted = 0;
}

void gv_sink_discard(gv_sink *s) {
  for (size_t k = 0; k < s->touched.len; k++) s->cells[(size_t)(uintptr_t)s->touched.items[k]] = NULL;
  s->touched.len = 0;
  s->adj = s->adj_tail = NULL;
  gv_hmap_free(&s->adj_seen);
  s->adj_indexed = NULL;
  gv_arena_free(&s->arena);
  s->accepted = 0;
}

/* --- the run ---------------------------------------------------------------------- */

int gv_cell_reasons(const govopen_result *r, size_t unit, size_t point, gv_arena *scratch, const gv_reason **out,
                    size_t *n) {
  const gv_cell *c = cell_at((govopen_result *)r, unit, point);
  if (r->lazy == NULL) {
    *out = c->reasons;
    *n = c->reason_count;
    return GOVOPEN_OK;
  }
  const govopen_evaluation *ev = r->lazy;
  size_t np = r->fw->point_count;
  gv_outcome o;
  int src =
      gv_acc_score(r->fw->points[point]->compiled, ev->sink.cells[unit * np + point], &ev->ctx, scratch, NULL, &o);
  if (src != GOVOPEN_OK) return src;
  if (c->status == GOVOPEN_CELL_VETOED) {
    gv_reason *rs = gv_arena_array(scratch, o.reason_count + 1, sizeof *rs);
    if (rs == NULL) return GOVOPEN_ENOMEM;
    if (o.reason_count) memcpy(rs, o.reasons, o.reason_count * sizeof *rs);
    /* the unit's triggered vetoes, scored again from their states */
    const gv_reason **vetoes = malloc((np ? np : 1) * sizeof *vetoes);
    size_t *vpoints = malloc((np ? np : 1) * sizeof *vpoints);
    size_t nv = 0;
    int rc = vetoes && vpoints ? GOVOPEN_OK : GOVOPEN_ENOMEM;
    for (size_t q = 0; q < np && rc == 0; q++) {
      const gv_rule *rule = r->fw->points[q]->compiled;
      if (gv_rule_veto_target(rule) == NULL || cell_at((govopen_result *)r, unit, q)->status < 0) continue;
      gv_outcome vo;
      rc = gv_acc_score(rule, ev->sink.cells[unit * np + q], &ev->ctx, scratch, NULL, &vo);
      const gv_reason *x = rc == 0 ? veto_reason(&vo) : NULL;
      if (x) vetoes[nv] = x, vpoints[nv++] = q;
    }
    if (rc == 0) rc = veto_applied(r->fw, point, vetoes, vpoints, nv, scratch, &rs[o.reason_count]);
    free(vetoes);
    free(vpoints);
    if (rc != 0) return GOVOPEN_ENOMEM;
    o.reasons = rs;
    o.reason_count++;
  }
  *out = o.reasons;
  *n = o.reason_count;
  return GOVOPEN_OK;
}

/* A run's units are scored in parts, each on its own thread with its own
   arena (adopted by the result) and buffers: units are independent until
   the ranks. */
typedef struct score_part {
  const govopen_evaluation *ev;
  govopen_result *r;
  size_t from, to; /* units */
  int keep_reasons;
  gv_arena arena;   /* what the result keeps */
  gv_arena scratch; /* reasons not kept */
  gv_hmap notes;    /* the texts of notes, shared between cells */
  int64_t *pscore, *pmax, *lost;
  double *nshare, *pshare;
  unsigned char *veto_node;
  int64_t *cover, *cover_node; /* coverage's scratch: a point each, two nodes each */
  const gv_reason **vetoes;    /* a unit's triggered vetoes (kept reasons), and their points */
  size_t *vpoints;
  size_t errors; /* cells in error */
  int failed;
} score_part;

static void *score_units(void *arg) {
  score_part *t = arg;
  const govopen_evaluation *ev = t->ev;
  govopen_result *r = t->r;
  const govopen_framework *fw = ev->fw;
  const gv_sink *sink = &ev->sink;
  size_t np = fw->point_count, nn = fw->node_count;
  int keep_reasons = t->keep_reasons;
  int64_t *pscore = t->pscore, *pmax = t->pmax;
  unsigned char *veto_node = t->veto_node;
  for (size_t u = t->from; u < t->to; u++) {
    gv_unit_result *ur = &r->units[u];
    ur->node_score = gv_arena_array(&t->arena, nn ? nn : 1, sizeof(int64_t));
    ur->node_possible = gv_arena_array(&t->arena, nn ? nn : 1, sizeof(int64_t));
    if (!ur->node_score || !ur->node_possible) goto fail;
    memset(veto_node, 0, nn ? nn : 1);
    size_t nv = 0;
    for (size_t p = 0; p < np; p++) {
      gv_cell *c = cell_at(r, u, p);
      pscore[p] = -1;
      pmax[p] = fw->points[p]->score;
      if (c->status < 0) continue;
      gv_outcome o;
      if (!keep_reasons) gv_arena_reset(&t->scratch);
      if (gv_acc_score(fw->points[p]->compiled, sink->cells[u * np + p], &ev->ctx,
                       keep_reasons ? &t->arena : &t->scratch, keep_reasons ? &t->notes : NULL, &o) != 0)
        goto fail;
      c->status = o.status == GV_OUT_SCORED  ? GOVOPEN_CELL_SCORED
                  : o.status == GV_OUT_ERROR ? GOVOPEN_CELL_ERROR
                                             : GOVOPEN_CELL_NOT_EVALUATED;
      c->score = (int32_t)o.score;
      c->error_code = o.error_code;
      if (c->status == GOVOPEN_CELL_ERROR) t->errors++;
      c->reasons = keep_reasons ? o.reasons : NULL;
      c->reason_count = keep_reasons ? (uint32_t)o.reason_count : 0;
      c->samples = o.samples;
      c->judged = o.judged;
      if (o.veto) {
        const gv_rule *rule = fw->points[p]->compiled;
        const gv_reason *x = keep_reasons ? veto_reason(&o) : NULL;
        if (x) t->vetoes[nv] = x, t->vpoints[nv++] = p;
        if (strcmp(gv_rule_veto_target(rule), "unit") == 0) {
          ur->vetoed = 1;
        } else {
          const govopen_node *target = gv_framework_node_by_id(fw, gv_rule_veto_target(rule));
          if (target) veto_node[target->index] = 1;
        }
      }
      /* A cell whose rule could not be applied is judged failed: 0 of its
         maximum, never left out of the denominator (a warning says so). */
      if (c->status == GOVOPEN_CELL_SCORED)
        pscore[p] = c->score;
      else if (c->status == GOVOPEN_CELL_ERROR || (ev->not_evaluated_zero && c->status == GOVOPEN_CELL_NOT_EVALUATED))
        pscore[p] = 0;
    }
    /* Cells under a vetoed node are marked so. */
    for (size_t p = 0; p < np; p++) {
      gv_cell *c = cell_at(r, u, p);
      if (c->status < 0) continue;
      int hit = ur->vetoed;
      for (const govopen_node *n = fw->points[p]->node; n && n->depth > 0 && !hit; n = n->parent)
        hit = veto_node[n->index];
      if (hit && c->status == GOVOPEN_CELL_SCORED && gv_rule_veto_target(fw->points[p]->compiled) == NULL) {
        c->status = GOVOPEN_CELL_VETOED;
        if (keep_reasons) {
          gv_reason x;
          if (veto_applied(fw, p, t->vetoes, t->vpoints, nv, &t->arena, &x) != 0 ||
              add_reason_copy(&t->arena, c, &x) != 0)
            goto fail;
        }
        pscore[p] = 0;
        c->score = 0;
      }
    }
    /* What the total stands on: the cells judged against every cell. */
    size_t judged = 0, cells = 0;
    for (size_t p = 0; p < np; p++) {
      const gv_cell *c = cell_at(r, u, p);
      cells += c->status >= 0;
      judged += (size_t)cell_judged(c);
      t->cover[p] = cell_judged(c) ? 0 : -1;
    }
    ur->cover_evaluated = covered_max(fw, t->cover, pmax, t->cover_node, t->cover_node + nn);
    for (size_t p = 0; p < np; p++) t->cover[p] = cell_at(r, u, p)->status >= 0 ? 0 : -1;
    ur->cover_applicable = covered_max(fw, t->cover, pmax, t->cover_node, t->cover_node + nn);
    ur->points_evaluated = judged;
    ur->points_applicable = cells;
    aggregate(fw, pscore, pmax, veto_node, ur->node_score, ur->node_possible, &ur->raw, &ur->possible);
    ur->scored = ur->raw >= 0 && ur->possible > 0;
    if (!ur->scored) {
      ur->raw = ur->possible = 0;
      continue;
    }
    /* normalised to 100, then reconciled point by point (docs/results.md) */
    if (ur->vetoed) ur->raw = 0;
    ur->maximum = 10000;
    ur->normalised = gv_cents_share(ur->maximum, ur->raw, ur->possible);
    ur->total = ur->unclamped = ur->normalised;
    int64_t sum = spread_loss(fw, pscore, pmax, veto_node, ur->vetoed, ur->node_score, ur->node_possible,
                              ur->possible - ur->raw, ur->maximum, ur->possible, t->nshare, t->pshare, t->lost);
    for (size_t p = 0; p < np; p++) cell_at(r, u, p)->lost = (int32_t)t->lost[p];
    ur->rounding = ur->maximum - ur->normalised - sum;
  }
  return NULL;
fail:
  t->failed = 1;
  return NULL;
}

void gv_eval_drop_run_warnings(govopen_evaluation *ev) {
  if (ev->run_diags.head == NULL) return;
  if (ev->diags.tail) ev->diags.tail->next = NULL;
  gv_diags_free(&ev->run_diags);
  memset(&ev->run_diags, 0, sizeof ev->run_diags);
}

/* The run's warnings: one per point with cells in error, naming the first
   unit and its reason and counting the others. GOVOPEN_OK, or GOVOPEN_ENOMEM. */
static int run_warnings(govopen_evaluation *ev, const govopen_result *r, size_t error_cells) {
  gv_eval_drop_run_warnings(ev);
  if (error_cells == 0) return GOVOPEN_OK;
  const govopen_framework *fw = ev->fw;
  size_t nu = fw->unit_count, np = fw->point_count;
  gv_diags *d = &ev->run_diags;
  gv_arena scratch = {0};
  int rc = 0;
  for (size_t p = 0; p < np && rc == 0; p++) {
    size_t first = 0, n = 0;
    for (size_t u = 0; u < nu; u++)
      if (r->cells[u * np + p].status == GOVOPEN_CELL_ERROR && n++ == 0) first = u;
    if (n == 0) continue;
    const govopen_point *pt = fw->points[p];
    const gv_cell *c = &r->cells[first * np + p];
    const gv_reason *rs = NULL;
    size_t nr = 0;
    if (gv_cell_reasons(r, first, p, &scratch, &rs, &nr) != 0) {
      rc = GOVOPEN_ENOMEM;
      break;
    }
    const char *why = "";
    for (size_t i = 0; i < nr && !why[0]; i++)
      if (rs[i].severity == GV_REASON_LOSS) why = rs[i].text;
    char max[GV_CENTS_TEXT];
    gv_cents_format2(c->max, max);
    int here = pt->file == 0;
    if (n == 1)
      gv_diag_add(d, GOVOPEN_SEVERITY_WARNING, c->error_code ? c->error_code : GOVOPEN_EINVALID,
                  fw->source_name ? fw->source_name : "", here ? pt->line : 0, here ? pt->col : 0,
                  pt->path ? pt->path : "", "eval.rule_not_applied",
                  "the rule of %s could not be applied to %s (%s): the cell counts as 0 of %s", pt->id,
                  fw->units[first].name, why, max);
    else
      gv_diag_add(d, GOVOPEN_SEVERITY_WARNING, c->error_code ? c->error_code : GOVOPEN_EINVALID,
                  fw->source_name ? fw->source_name : "", here ? pt->line : 0, here ? pt->col : 0,
                  pt->path ? pt->path : "", "eval.rule_not_applied_units",
                  "the rule of %s could not be applied to %s (%s) and %zu more units: each cell counts as 0 of %s",
                  pt->id, fw->units[first].name, why, n - 1, max);
    gv_arena_reset(&scratch);
    if (gv_diags_status(d) == GOVOPEN_ENOMEM) rc = GOVOPEN_ENOMEM;
  }
  gv_arena_free(&scratch);
  if (rc != 0) {
    gv_diags_free(d);
    memset(d, 0, sizeof *d);
    return GOVOPEN_ENOMEM;
  }
  if (ev->diags.tail) ev->diags.tail->next = d->head;
  return GOVOPEN_OK;
}

void gv_result_free(govopen_result *r) {
  if (r == NULL) return;
  gv_arena a = r->arena;
  gv_arena_free(&a);
}

int gv_evaluate(govopen_evaluation *ev, int keep_reasons, govopen_result **out, govopen_error **err) {
  const govopen_framework *fw = ev->fw;
  *out = NULL;
  if (err) *err = NULL;
  int rc = gv_eval_start(ev, err);
  if (rc != GOVOPEN_OK) return rc;
  const gv_sink *sink = &ev->sink;
  gv_arena a = {0};
  govopen_result *r = gv_arena_alloc(&a, sizeof *r);
  if (r == NULL) return gv_error_set(err, GOVOPEN_ENOMEM, "", "system.out_of_memory", "out of memory");
  r->arena = a;
  r->fw = fw;
  r->as_of_day = ev->as_of;
  gv_date_format(ev->as_of, r->as_of);
  r->period_first = ev->period_first;
  r->period_last = ev->period_last;
  r->observations = sink->accepted;
  r->rejected = ev->rejected;
  r->not_evaluated_zero = ev->not_evaluated_zero;
  r->county_min = ev->county_min;
  r->min_coverage = ev->min_coverage;
  gv_date_format(ev->period_first, r->period_first_text);
  gv_date_format(ev->period_last, r->period_last_text);
  /* the numbered settings as run (govopen_result_setting) */
  r->settings[GOVOPEN_EVAL_NOT_EVALUATED] = ev->not_evaluated_zero;
  r->settings[GOVOPEN_EVAL_COUNTY] = ev->county_min;
  r->settings[GOVOPEN_EVAL_MAX_NAMED] = (int64_t)ev->max_named;
  r->settings[GOVOPEN_EVAL_STRICT] = ev->strict;
  r->settings[GOVOPEN_EVAL_MAX_STEPS] = (int64_t)ev->max_steps;
  r->settings[GOVOPEN_EVAL_MAX_OBSERVATIONS] = (int64_t)ev->max_observations;
  r->settings[GOVOPEN_EVAL_JOBS] = ev->jobs;
  r->settings[GOVOPEN_EVAL_MAX_KEYS] = (int64_t)ev->max_keys;
  r->settings[GOVOPEN_EVAL_MAX_DIAGNOSTICS] = (int64_t)ev->diags.max;
  r->settings[GOVOPEN_EVAL_MIN_COVERAGE] = ev->min_coverage;
  size_t nu = fw->unit_count, np = fw->point_count, nn = fw->node_count;
  int status = GOVOPEN_ENOMEM;
  int64_t *pscore = NULL, *pmax = NULL, *cover = NULL, *cover_node = NULL;
  unsigned char *veto_node = NULL;
  if (!keep_reasons) r->lazy = ev;
  r->jobs = ev->jobs;

  r->cells = gv_arena_array(&r->arena, nu * np > 0 ? nu * np : 1, sizeof(gv_cell));
  r->units = gv_arena_array(&r->arena, nu ? nu : 1, sizeof(gv_unit_result));
  r->county_point = gv_arena_array(&r->arena, np ? np : 1, sizeof(int64_t));
  r->county_node = gv_arena_array(&r->arena, nn ? nn : 1, sizeof(int64_t));
  pscore = malloc((np ? np : 1) * sizeof *pscore);
  pmax = malloc((np ? np : 1) * sizeof *pmax);
  veto_node = malloc(nn ? nn : 1);
  cover = malloc((np ? np : 1) * 2 * sizeof *cover); /* judged points, then points with a cell */
  cover_node = malloc((nn ? nn : 1) * 2 * sizeof *cover_node);
  int64_t *county_possible_node = r->county_node_possible = gv_arena_array(&r->arena, nn ? nn : 1, sizeof(int64_t));
  if (!r->cells || !r->units || !r->county_point || !r->county_node || !pscore || !pmax || !veto_node ||
      !county_possible_node || !cover || !cover_node)
    goto done;

  /* Which cells exist: the framework's assignments, and the units observed
     for a point that names an open group (members there). */
  for (size_t i = 0; i < nu * np; i++) r->cells[i].status = -1;
  for (size_t p = 0; p < np; p++) {
    for (size_t k = 0; k < fw->points[p]->unit_count; k++) {
      gv_cell *c = cell_at(r, fw->points[p]->units[k]->index, p);
      c->status = GOVOPEN_CELL_NOT_EVALUATED;
      c->max = (int32_t)fw->points[p]->score;
    }
    if (!fw->points[p]->has_open_group) continue;
    for (size_t u = 0; u < nu; u++) {
      gv_cell *c = cell_at(r, u, p);
      if (c->status < 0 && sink->cells[u * np + p]) {
        c->status = GOVOPEN_CELL_NOT_EVALUATED;
        c->max = (int32_t)fw->points[p]->score;
      }
    }
  }

  /* Score every assigned cell from its state, units in parts on ev->jobs threads. */
  size_t nparts = ev->jobs > 1 && nu >= 256 ? (size_t)ev->jobs : 1;
  score_part *parts = calloc(nparts, sizeof *parts);
  if (parts == NULL) goto done;
  int part_oom = 0;
  for (size_t i = 0; i < nparts; i++) {
    score_part *t = &parts[i];
    t->ev = ev;
    t->r = r;
    t->from = nu * i / nparts;
    t->to = nu * (i + 1) / nparts;
    t->keep_reasons = keep_reasons;
    t->pscore = malloc((np ? np : 1) * sizeof *t->pscore);
    t->pmax = malloc((np ? np : 1) * sizeof *t->pmax);
    t->veto_node = malloc(nn ? nn : 1);
    t->cover = malloc((np ? np : 1) * sizeof *t->cover);
    t->cover_node = malloc((nn ? nn : 1) * 2 * sizeof *t->cover_node);
    t->lost = malloc((np ? np : 1) * sizeof *t->lost);
    t->pshare = malloc((np ? np : 1) * sizeof *t->pshare);
    t->nshare = malloc((nn ? nn : 1) * sizeof *t->nshare);
    t->vetoes = malloc((np ? np : 1) * sizeof *t->vetoes);
    t->vpoints = malloc((np ? np : 1) * sizeof *t->vpoints);
    if (!t->pscore || !t->pmax || !t->veto_node || !t->cover || !t->cover_node || !t->lost || !t->pshare ||
        !t->nshare || !t->vetoes || !t->vpoints)
      part_oom = 1;
  }
  if (!part_oom) {
    pthread_t tid[64];
    int started[64] = {0};
    for (size_t i = 1; i < nparts && i < 64; i++)
      started[i] = pthread_create(&tid[i], NULL, score_units, &parts[i]) == 0;
    score_units(&parts[0]);
    for (size_t i = 1; i < nparts && i < 64; i++) {
      if (started[i])
        pthread_join(tid[i], NULL);
      else
        score_units(&parts[i]); /* no thread: the same work here */
    }
  }
  size_t error_cells = 0;
  for (size_t i = 0; i < nparts; i++) {
    score_part *t = &parts[i];
    if (t->failed) part_oom = 1;
    error_cells += t->errors;
    gv_arena_adopt(&r->arena, &t->arena);
    gv_arena_free(&t->scratch);
    gv_hmap_free(&t->notes);
    free(t->pscore);
    free(t->pmax);
    free(t->veto_node);
    free(t->cover);
    free(t->cover_node);
    free(t->lost);
    free(t->pshare);
    free(t->nshare);
    free(t->vetoes);
    free(t->vpoints);
  }
  free(parts);
  if (part_oom) goto done;
  if (run_warnings(ev, r, error_cells) != 0) goto done;

  /* Adjustments, in input order: the county's, and each unit's (applied
     unless the unit is vetoed as a whole or not scored: kept and shown
     as not applied, with why). */
  if (keep_adjustments(r, sink, ev->as_of) != 0) goto done;
  for (size_t u = 0; u < nu; u++)
    if (r->units[u].scored) r->units[u].grade = gv_framework_grade(fw, r->units[u].total);
  if (rank_units(r) != 0) goto done;

  /* The county: each point from its units (mean or min of the evaluated ones). */
  for (size_t p = 0; p < np; p++) {
    int64_t sum = 0, min = -1;
    size_t k = 0;
    int has = 0, judged = 0; /* coverage: a cell of the point, one judged */
    for (size_t u = 0; u < nu; u++) {
      const gv_cell *c = cell_at(r, u, p);
      if (c->status < 0) continue;
      has = 1;
      judged |= cell_judged(c);
      int counts_in = c->status == GOVOPEN_CELL_SCORED || c->status == GOVOPEN_CELL_VETOED ||
                      c->status == GOVOPEN_CELL_ERROR ||
                      (ev->not_evaluated_zero && c->status == GOVOPEN_CELL_NOT_EVALUATED);
      if (!counts_in) continue;
      int64_t s = c->status == GOVOPEN_CELL_SCORED ? c->score : 0;
      sum += s;
      if (min < 0 || s < min) min = s;
      k++;
    }
    r->county_point[p] = k == 0 ? -1 : ev->county_min ? min : gv_cents_div(sum, (int64_t)k);
    pscore[p] = r->county_point[p];
    pmax[p] = fw->points[p]->score;
    cover[p] = judged ? 0 : -1;
    cover[np + p] = has ? 0 : -1;
    r->county_points_evaluated += (size_t)judged;
    r->county_points_applicable += (size_t)has;
  }
  r->county_cover_evaluated = covered_max(fw, cover, pmax, cover_node, cover_node + nn);
  r->county_cover_applicable = covered_max(fw, cover + np, pmax, cover_node, cover_node + nn);
  int64_t craw, cpossible;
  aggregate(fw, pscore, pmax, NULL, r->county_node, county_possible_node, &craw, &cpossible);
  r->county_raw = craw < 0 ? 0 : craw;
  r->county_possible = cpossible < 0 ? 0 : cpossible;
  r->county_normalised = gv_cents_share(fw->total, r->county_raw, r->county_possible);
  r->county_lost = gv_arena_array(&r->arena, np ? np : 1, sizeof(int64_t));
  double *pshare = malloc((np ? np : 1) * sizeof *pshare), *nshare = malloc((nn ? nn : 1) * sizeof *nshare);
  if (r->county_lost == NULL || pshare == NULL || nshare == NULL) {
    free(pshare);
    free(nshare);
    goto done;
  }
  int64_t county_sum =
      spread_loss(fw, pscore, pmax, NULL, 0, r->county_node, county_possible_node, r->county_possible - r->county_raw,
                  fw->total, r->county_possible, nshare, pshare, r->county_lost);
  free(pshare);
  free(nshare);
  r->county_rounding = r->county_possible > 0 ? fw->total - r->county_normalised - county_sum : 0;
  r->county_total = r->county_normalised;
  for (size_t i = 0; i < r->adjustment_count; i++) r->county_total += fw->adjustments[r->adjustments[i]].delta;
  r->county_unclamped = r->county_total;
  if (fw->cap_adjusted) {
    if (r->county_total > fw->total) r->county_total = fw->total;
    if (r->county_total < 0) r->county_total = 0;
  }
  r->county_grade = r->county_possible > 0 ? gv_framework_grade(fw, r->county_total) : NULL;
  if (gv_fingerprint_fill(ev, r) != GOVOPEN_OK) goto done;
  status = GOVOPEN_OK;

done:
  free(pscore);
  free(pmax);
  free(veto_node);
  free(cover);
  free(cover_node);
  if (status != GOVOPEN_OK) {
    gv_result_free(r);
    return gv_error_set(err, status, "", "system.out_of_memory", "out of memory");
  }
  *out = r;
  return GOVOPEN_OK;
}
