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
#include "util/error.h"
#include "util/hmap.h"

/* --- the calendar as the rules see it ------------------------------------------ */

static int cal_fail(const govopen_calendar *c, int rc, int32_t day, gv_buf *err) {
  char d[GV_DATE_TEXT];
  gv_date_format(day, d);
  if (rc == GOVOPEN_ERANGE)
    gv_buf_printf(err, "%s is outside the years of the calendar %s (%d to %d)", d, c->id, c->first_year,
                  c->last_year);
  else
    gv_buf_printf(err, "%s: the working days cannot be counted", d);
  return rc;
}

static int ops_between(const void *cal, int32_t from, int32_t to, int64_t *out, gv_buf *err) {
  int n = 0;
  int rc = gv_calendar_workdays_between(cal, from, to, &n);
  if (rc) return cal_fail(cal, rc, gv_calendar_covers(cal, from) ? to : from, err);
  *out = n;
  return 0;
}

static int ops_add(const void *cal, int32_t from, int64_t n, int32_t *out, gv_buf *err) {
  if (n > 100000) n = 100000;
  int rc = gv_calendar_add_workdays(cal, from, (int)n, out);
  if (rc == GOVOPEN_ERANGE && gv_calendar_covers(cal, from)) {
    /* the start is in the calendar, the deadline past its last year */
    const govopen_calendar *c = cal;
    char d[GV_DATE_TEXT];
    gv_date_format(from, d);
    gv_buf_printf(err, "%lld working days after %s run past the years of the calendar %s (%d to %d)", (long long)n,
                  d, c->id, c->first_year, c->last_year);
    return rc;
  }
  return rc ? cal_fail(cal, rc, from, err) : 0;
}

static int ops_next(const void *cal, int32_t d, int32_t *out, gv_buf *err) {
  int rc = gv_calendar_add_days(cal, d, 0, 1, out);
  return rc ? cal_fail(cal, rc, d, err) : 0;
}

/* --- helpers --------------------------------------------------------------------- */

static int64_t div_round(int64_t a, int64_t b) { return b ? (a * 2 + (a >= 0 ? b : -b)) / (2 * b) : 0; }

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
    if (n->aggregate == GOVOPEN_AGGREGATE_MEAN) score = (int64_t)((double)possible * frac_sum / (double)counted + 0.5);
    if (n->aggregate == GOVOPEN_AGGREGATE_MIN) score = min_frac_num < 0 ? 0 : div_round(possible * min_frac_num, min_frac_den);
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
  if (keys == NULL) return -1;
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
  return 0;
}

static int add_reason_copy(gv_arena *arena, gv_cell *c, int severity, const char *code, const char *text) {
  gv_reason *rs = gv_arena_array(arena, c->reason_count + 1, sizeof *rs);
  const char *t = gv_arena_strdup(arena, text);
  if (rs == NULL || t == NULL) return -1;
  if (c->reason_count) memcpy(rs, c->reasons, c->reason_count * sizeof *rs);
  rs[c->reason_count] = (gv_reason){.severity = severity, .code = code, .text = t};
  c->reasons = rs;
  c->reason_count++;
  return 0;
}

/* --- starting, sinks ------------------------------------------------------------- */

int gv_eval_start(govopen_evaluation *ev, govopen_error **err) {
  if (ev->started) return GOVOPEN_OK;
  if (ev->as_of == GV_OBSERVED_UNSET)
    return gv_error_set(err, GOVOPEN_ESTATE, "",
                        "no as-of date: set one before adding observations (govopen_evaluation_set_as_of, --as-of); "
                        "it never comes from the clock");
  if (!ev->has_period) {
    int y, m, d;
    gv_civil_from_days(ev->as_of, &y, &m, &d);
    if (ev->fw->year) y = ev->fw->year;
    ev->period_first = gv_days_from_civil(y, 1, 1);
    ev->period_last = gv_days_from_civil(y, 12, 31);
  }
  if (gv_sink_init(&ev->sink, ev->fw) != 0) return gv_error_set(err, GOVOPEN_ENOMEM, "", "out of memory");
  if (gv_sink_init(&ev->pending, ev->fw) != 0) {
    gv_sink_free(&ev->sink);
    return gv_error_set(err, GOVOPEN_ENOMEM, "", "out of memory");
  }
  const govopen_framework *fw = ev->fw;
  ev->assigned = calloc(fw->unit_count * fw->point_count / 8 + 1, 1);
  if (ev->assigned == NULL) {
    gv_sink_free(&ev->sink);
    gv_sink_free(&ev->pending);
    return gv_error_set(err, GOVOPEN_ENOMEM, "", "out of memory");
  }
  for (size_t p = 0; p < fw->point_count; p++)
    for (size_t k = 0; k < fw->points[p]->unit_count; k++) {
      size_t cell = fw->points[p]->units[k]->index * fw->point_count + p;
      ev->assigned[cell / 8] |= (unsigned char)(1u << (cell % 8));
    }
  gv_rule_ctx ctx = {{ev->calendar, ops_between, ops_add, ops_next}, ev->as_of, ev->period_first, ev->period_last,
                     ev->max_named, ev->max_steps};
  ev->ctx = ctx;
  ev->started = 1;
  return GOVOPEN_OK;
}

int gv_sink_init(gv_sink *s, const govopen_framework *fw) {
  memset(s, 0, sizeof *s);
  size_t n = fw->unit_count * fw->point_count;
  s->cells = calloc(n ? n : 1, sizeof *s->cells);
  return s->cells ? 0 : -1;
}

void gv_adj_key(unsigned char key[GV_ADJ_KEY], int adjustment, int adjusts_unit, size_t unit) {
  uint64_t a = (uint64_t)(uint32_t)adjustment, u = adjusts_unit ? (uint64_t)unit + 1 : 0;
  memcpy(key, &a, 8);
  memcpy(key + 8, &u, 8);
}

const gv_adj_obs *gv_sink_adjustment_seen(const gv_sink *s, const unsigned char key[GV_ADJ_KEY]) {
  return gv_hmap_get(&s->adj_seen, (const char *)key, GV_ADJ_KEY);
}

/* Records a non-repeatable adjustment's first occurrence; 0, or -1 out of memory. */
static int adj_remember(gv_sink *s, const govopen_framework *fw, const gv_adj_obs *a) {
  if (fw->adjustments[a->adjustment].repeatable) return 0;
  return gv_hmap_put(&s->adj_seen, (const char *)a->key, GV_ADJ_KEY, (void *)a, NULL) < 0 ? -1 : 0;
}

int gv_sink_index_adjustments(gv_sink *s, const govopen_framework *fw) {
  for (const gv_adj_obs *a = s->adj_indexed ? s->adj_indexed->next : s->adj; a; a = a->next) {
    if (adj_remember(s, fw, a) != 0) return -1;
    s->adj_indexed = a;
  }
  return 0;
}

void gv_sink_free(gv_sink *s) {
  gv_hmap_free(&s->adj_seen);
  free(s->cells);
  gv_vec_free(&s->touched);
  gv_arena_free(&s->arena);
  memset(s, 0, sizeof *s);
}

int gv_sink_accept(gv_sink *s, const govopen_evaluation *ev, const gv_obs *o, gv_buf *why, size_t *bad) {
  if (o->adjustment >= 0) {
    gv_adj_obs *a = gv_arena_alloc(&s->arena, sizeof *a);
    if (a == NULL) return -1;
    a->adjustment = o->adjustment;
    a->adjusts_unit = o->adjusts_unit;
    a->unit = o->unit;
    a->record = o->record;
    a->line = o->at_line;
    a->col = o->at_col;
    a->source = o->source; /* lives as long as the evaluation */
    gv_adj_key(a->key, a->adjustment, a->adjusts_unit, a->unit);
    const char *evidence = o->samples ? o->samples->evidence : NULL;
    if (evidence && (a->evidence = gv_arena_strdup(&s->arena, evidence)) == NULL) return -1;
    if (adj_remember(s, ev->fw, a) != 0) return -1;
    if (s->adj_tail)
      s->adj_tail->next = a;
    else
      s->adj = a;
    s->adj_tail = a;
    s->accepted++;
    return 0;
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
      return why && why->oom ? -1 : GV_ACC_UNJUDGEABLE;
    }
  }
  gv_acc **cell = &s->cells[i];
  int fresh = *cell == NULL;
  if (fresh) {
    if (gv_vec_push(&s->touched, (void *)(uintptr_t)i) != 0) return -1;
    if (gv_acc_open(rule, cell, &s->arena) != 0) return -1;
  }
  for (size_t k = 0; k < o->n; k++) {
    gv_sample smp = o->samples[k];
    /* an observation without a date is dated by the evaluation's as-of date */
    smp.observed = o->observed == GV_OBSERVED_UNSET ? ev->as_of : o->observed;
    smp.order = (size_t)o->order;
    int rc = gv_acc_add(rule, cell, &smp, &ev->ctx, &s->arena, why);
    if (rc < 0 || (why && why->oom)) return -1;
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
  return 0;
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

static const char VETO_APPLIED[] = "因一票否决计0分";

int gv_cell_reasons(const govopen_result *r, size_t unit, size_t point, gv_arena *scratch, const gv_reason **out,
                    size_t *n) {
  const gv_cell *c = cell_at((govopen_result *)r, unit, point);
  if (r->lazy == NULL) {
    *out = c->reasons;
    *n = c->reason_count;
    return 0;
  }
  const govopen_evaluation *ev = r->lazy;
  size_t np = r->fw->point_count;
  gv_outcome o;
  if (gv_acc_score(r->fw->points[point]->compiled, ev->sink.cells[unit * np + point], &ev->ctx, scratch, NULL, &o) != 0)
    return -1;
  if (c->status == GOVOPEN_CELL_VETOED) {
    gv_reason *rs = gv_arena_array(scratch, o.reason_count + 1, sizeof *rs);
    if (rs == NULL) return -1;
    if (o.reason_count) memcpy(rs, o.reasons, o.reason_count * sizeof *rs);
    rs[o.reason_count] = (gv_reason){.severity = GV_REASON_LOSS, .code = "veto.applied", .text = VETO_APPLIED};
    o.reasons = rs;
    o.reason_count++;
  }
  *out = o.reasons;
  *n = o.reason_count;
  return 0;
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
  int64_t *pscore, *pmax;
  unsigned char *veto_node;
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
    for (size_t p = 0; p < np; p++) {
      gv_cell *c = cell_at(r, u, p);
      pscore[p] = -1;
      pmax[p] = fw->points[p]->score;
      if (c->status < 0) continue;
      gv_outcome o;
      if (!keep_reasons) gv_arena_reset(&t->scratch);
      if (gv_acc_score(fw->points[p]->compiled, sink->cells[u * np + p], &ev->ctx, keep_reasons ? &t->arena : &t->scratch,
                       keep_reasons ? &t->notes : NULL, &o) != 0)
        goto fail;
      c->status = o.status == GV_OUT_SCORED ? GOVOPEN_CELL_SCORED
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
        if (strcmp(rule->target, "unit") == 0) {
          ur->vetoed = 1;
        } else {
          const govopen_node *target = govopen_framework_node_by_id(fw, rule->target);
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
      if (hit && c->status == GOVOPEN_CELL_SCORED && fw->points[p]->compiled->kind != GV_RULE_VETO) {
        c->status = GOVOPEN_CELL_VETOED;
        if (keep_reasons && add_reason_copy(&t->arena, c, GV_REASON_LOSS, "veto.applied", VETO_APPLIED) != 0) goto fail;
        pscore[p] = 0;
        c->score = 0;
      }
    }
    aggregate(fw, pscore, pmax, veto_node, ur->node_score, ur->node_possible, &ur->raw, &ur->possible);
    ur->scored = ur->raw >= 0 && ur->possible > 0;
    if (!ur->scored) {
      ur->raw = ur->possible = 0;
      continue;
    }
    ur->total = ur->vetoed ? 0 : div_round(ur->raw * 10000, ur->possible);
    if (ur->vetoed) ur->raw = 0;
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
   unit and its reason and counting the others. 0, or -1 out of memory. */
static int run_warnings(govopen_evaluation *ev, const govopen_result *r, size_t error_cells) {
  gv_eval_drop_run_warnings(ev);
  if (error_cells == 0) return 0;
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
      rc = -1;
      break;
    }
    const char *why = "";
    for (size_t i = 0; i < nr && !why[0]; i++)
      if (rs[i].severity == GV_REASON_LOSS) why = rs[i].text;
    char max[32];
    snprintf(max, sizeof max, "%lld.%02lld", (long long)(c->max / 100), (long long)(c->max % 100));
    int here = pt->file == 0;
    if (n == 1)
      gv_diag_add(d, GOVOPEN_SEVERITY_WARNING, c->error_code ? c->error_code : GOVOPEN_EINVALID,
                  fw->source_name ? fw->source_name : "", here ? pt->line : 0, here ? pt->col : 0,
                  pt->path ? pt->path : "", "the rule of %s could not be applied to %s (%s): the cell counts as 0 of %s",
                  pt->id, fw->units[first].name, why, max);
    else
      gv_diag_add(d, GOVOPEN_SEVERITY_WARNING, c->error_code ? c->error_code : GOVOPEN_EINVALID,
                  fw->source_name ? fw->source_name : "", here ? pt->line : 0, here ? pt->col : 0,
                  pt->path ? pt->path : "",
                  "the rule of %s could not be applied to %s (%s) and %zu more units: each cell counts as 0 of %s",
                  pt->id, fw->units[first].name, why, n - 1, max);
    gv_arena_reset(&scratch);
    if (d->oom) rc = -1;
  }
  gv_arena_free(&scratch);
  if (rc != 0) {
    gv_diags_free(d);
    memset(d, 0, sizeof *d);
    return -1;
  }
  if (ev->diags.tail) ev->diags.tail->next = d->head;
  return 0;
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
  if (r == NULL) return gv_error_set(err, GOVOPEN_ENOMEM, "", "out of memory");
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
  size_t nu = fw->unit_count, np = fw->point_count, nn = fw->node_count;
  int status = GOVOPEN_ENOMEM;
  int64_t *pscore = NULL, *pmax = NULL;
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
  int64_t *county_possible_node = r->county_node_possible =
      gv_arena_array(&r->arena, nn ? nn : 1, sizeof(int64_t));
  if (!r->cells || !r->units || !r->county_point || !r->county_node || !pscore || !pmax || !veto_node ||
      !county_possible_node)
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
    if (!t->pscore || !t->pmax || !t->veto_node) part_oom = 1;
  }
  if (!part_oom) {
    pthread_t tid[64];
    int started[64] = {0};
    for (size_t i = 1; i < nparts && i < 64; i++) started[i] = pthread_create(&tid[i], NULL, score_units, &parts[i]) == 0;
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
  }
  free(parts);
  if (part_oom) goto done;
  if (run_warnings(ev, r, error_cells) != 0) goto done;

  /* Unit adjustments, then grades; county adjustments. */
  size_t nadj = 0;
  for (const gv_adj_obs *o = sink->adj; o; o = o->next) {
    const gv_adjustment *adj = &fw->adjustments[o->adjustment];
    if (o->adjusts_unit) {
      if (r->units[o->unit].scored && !r->units[o->unit].vetoed) r->units[o->unit].total += adj->delta;
    } else {
      nadj++;
    }
  }
  r->adjustments = gv_arena_array(&r->arena, nadj ? nadj : 1, sizeof(size_t));
  r->adjustment_evidence = gv_arena_array(&r->arena, nadj ? nadj : 1, sizeof(char *));
  if (!r->adjustments || !r->adjustment_evidence) goto done;
  for (const gv_adj_obs *o = sink->adj; o; o = o->next) {
    if (o->adjusts_unit) continue;
    /* the result outlives the evaluation: copy what it keeps */
    r->adjustment_evidence[r->adjustment_count] = o->evidence ? gv_arena_strdup(&r->arena, o->evidence) : NULL;
    if (o->evidence && r->adjustment_evidence[r->adjustment_count] == NULL) goto done;
    r->adjustments[r->adjustment_count++] = (size_t)o->adjustment;
  }
  for (size_t u = 0; u < nu; u++)
    if (r->units[u].scored) r->units[u].grade = govopen_framework_grade_for(fw, (double)r->units[u].total / 100.0);
  if (rank_units(r) != 0) goto done;

  /* The county: each point from its units (mean or min of the evaluated ones). */
  for (size_t p = 0; p < np; p++) {
    int64_t sum = 0, min = -1;
    size_t k = 0;
    for (size_t u = 0; u < nu; u++) {
      const gv_cell *c = cell_at(r, u, p);
      if (c->status < 0) continue;
      int counts_in = c->status == GOVOPEN_CELL_SCORED || c->status == GOVOPEN_CELL_VETOED ||
                      c->status == GOVOPEN_CELL_ERROR ||
                      (ev->not_evaluated_zero && c->status == GOVOPEN_CELL_NOT_EVALUATED);
      if (!counts_in) continue;
      int64_t s = c->status == GOVOPEN_CELL_SCORED ? c->score : 0;
      sum += s;
      if (min < 0 || s < min) min = s;
      k++;
    }
    r->county_point[p] = k == 0 ? -1 : ev->county_min ? min : div_round(sum, (int64_t)k);
    pscore[p] = r->county_point[p];
    pmax[p] = fw->points[p]->score;
  }
  int64_t craw, cpossible;
  aggregate(fw, pscore, pmax, NULL, r->county_node, county_possible_node, &craw, &cpossible);
  r->county_raw = craw < 0 ? 0 : craw;
  r->county_possible = cpossible < 0 ? 0 : cpossible;
  r->county_normalised = r->county_possible > 0 ? div_round(r->county_raw * fw->total, r->county_possible) : 0;
  r->county_total = r->county_normalised;
  for (size_t i = 0; i < r->adjustment_count; i++) r->county_total += fw->adjustments[r->adjustments[i]].delta;
  r->county_unclamped = r->county_total;
  if (fw->cap_adjusted) {
    if (r->county_total > fw->total) r->county_total = fw->total;
    if (r->county_total < 0) r->county_total = 0;
  }
  r->county_grade = r->county_possible > 0 ? govopen_framework_grade_for(fw, (double)r->county_total / 100.0) : NULL;
  if (gv_fingerprint_fill(ev, r) != GOVOPEN_OK) goto done;
  status = GOVOPEN_OK;

done:
  free(pscore);
  free(pmax);
  free(veto_node);
  if (status != GOVOPEN_OK) {
    govopen_result_free(r);
    return gv_error_set(err, status, "", "out of memory");
  }
  *out = r;
  return GOVOPEN_OK;
}
