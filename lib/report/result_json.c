/* A result as JSON (docs/results.md). Deterministic: the framework's order
 * throughout, numbers formatted by us.
 *
 * Streamed: a province's result (thousands of units × dozens of points, each
 * with its reasons) is written value by value through one fixed buffer
 * (report/json_util.h), never built as a tree or one string. The bytes are
 * those cJSON_Print gave when the result was a cJSON tree (format 1), so the
 * writer changed without changing the format. govopen_result_to_json() is
 * this writer into a growable buffer. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/date.h"
#include "eval/eval.h"
#include "govopen/version.h"
#include "report/json_util.h"
#include "report/result_json.h"
#include "util/buf.h"

static const char *const status_names[] = {"scored", "not_evaluated", "vetoed", "error"};
static const char *const severity_names[] = {"loss", "warning", "info"};

/* A cell the framework assigns (status -1 otherwise). Written so that it
   holds whatever integer type `status` has. */
static int cell_assigned(const gv_cell *c) { return (unsigned)c->status <= GOVOPEN_CELL_ERROR; }

static const char *severity_name(int severity) {
  return (unsigned)severity < sizeof severity_names / sizeof severity_names[0] ? severity_names[severity] : "";
}

static void date_json(gv_jw *w, const char *key, int32_t day) {
  char d[GV_DATE_TEXT];
  gv_date_format(day, d);
  gv_jw_string(w, key, d);
}

/* Node scores of one column: every evaluated indicator in pre-order. */
static void nodes_json(gv_jw *w, const govopen_framework *fw, const int64_t *score, const int64_t *possible) {
  gv_jw_array(w, "indicators");
  for (size_t i = 0; i < fw->node_count; i++) {
    if (score[i] < 0) continue;
    gv_jw_object(w, NULL);
    gv_jw_string(w, "id", fw->nodes[i]->id);
    gv_jw_score(w, "score", score[i]);
    gv_jw_score(w, "possible", possible[i]);
    gv_jw_score(w, "max", fw->nodes[i]->score);
    gv_jw_end(w);
  }
  gv_jw_end(w);
}

/* An adjustment, the county's or a unit's (docs/results.md). */
static void adjustment_json(gv_jw *w, const govopen_framework *fw, const gv_result_adj *a) {
  const gv_adjustment *adj = &fw->adjustments[a->index];
  gv_jw_object(w, NULL);
  gv_jw_string(w, "id", adj->id);
  gv_jw_score(w, "delta", adj->delta);
  gv_jw_string(w, "text", adj->text);
  gv_jw_string(w, "date", a->date);
  gv_jw_array(w, "evidence");
  for (size_t k = 0; k < a->evidence_count; k++) gv_jw_string(w, NULL, a->evidence[k]);
  gv_jw_end(w);
  if (a->note) gv_jw_string(w, "note", a->note);
  gv_jw_bool(w, "applied", a->applied);
  if (!a->applied) gv_jw_string(w, "why", a->why);
  gv_jw_end(w);
}

/* What a reason stands on: its evidence (always, [] when none), its note
   (null when none) and the samples it names. */
static void reason_data_json(gv_jw *w, const gv_reason *x) {
  gv_jw_array(w, "evidence");
  for (uint32_t k = 0; k < x->evidence_count; k++) gv_jw_string(w, NULL, x->evidence[k]);
  gv_jw_end(w);
  if (x->note)
    gv_jw_string(w, "note", x->note);
  else
    gv_jw_null(w, "note");
  gv_jw_array(w, "samples");
  for (uint32_t k = 0; k < x->sample_count; k++) {
    gv_jw_object(w, NULL);
    gv_jw_string(w, "source", x->samples[k].source);
    gv_jw_uint(w, "line", x->samples[k].line);
    gv_jw_uint(w, "column", x->samples[k].col);
    gv_jw_end(w);
  }
  gv_jw_end(w);
}

static void cell_json(gv_jw *w, const govopen_point *p, const gv_cell *c, const gv_reason *reasons, size_t nreasons) {
  gv_jw_object(w, NULL);
  gv_jw_string(w, "id", p->id);
  gv_jw_string(w, "status", status_names[c->status]);
  if (c->status == GOVOPEN_CELL_SCORED || c->status == GOVOPEN_CELL_VETOED || c->status == GOVOPEN_CELL_ERROR)
    gv_jw_score(w, "score", c->score);
  else
    gv_jw_null(w, "score");
  gv_jw_score(w, "max", c->max);
  gv_jw_score(w, "lost", c->lost);
  gv_jw_uint(w, "samples", (uint64_t)c->samples);
  gv_jw_uint(w, "judged", (uint64_t)c->judged);
  gv_jw_array(w, "reasons");
  for (size_t i = 0; i < nreasons; i++) {
    gv_jw_object(w, NULL);
    gv_jw_string(w, "code", reasons[i].code);
    gv_jw_string(w, "severity", severity_name((int)reasons[i].severity));
    gv_jw_string(w, "text", reasons[i].text);
    reason_data_json(w, &reasons[i]);
    gv_jw_end(w);
  }
  gv_jw_end(w);
  gv_jw_end(w);
}

static void head_json(gv_jw *w, const govopen_result *r) {
  const govopen_framework *fw = r->fw;
  gv_jw_uint(w, "format", GOVOPEN_RESULT_FORMAT);
  gv_jw_object(w, "framework");
  gv_jw_string(w, "id", fw->id);
  gv_jw_string(w, "title", fw->title);
  gv_jw_score(w, "total", fw->total);
  gv_jw_string(w, "calendar", fw->calendar);
  gv_jw_end(w);
  gv_jw_string(w, "as_of", r->as_of);
  gv_jw_object(w, "period");
  date_json(w, "first", r->period_first);
  date_json(w, "last", r->period_last);
  gv_jw_end(w);
  gv_jw_object(w, "settings");
  gv_jw_string(w, "not_evaluated", r->not_evaluated_zero ? "zero" : "skip");
  gv_jw_string(w, "county", r->county_min ? "min" : "mean");
  gv_jw_uint(w, "min_coverage", (uint64_t)r->min_coverage);
  gv_jw_end(w);
  gv_jw_object(w, "observations");
  gv_jw_uint(w, "accepted", (uint64_t)r->observations);
  gv_jw_uint(w, "rejected", (uint64_t)r->rejected);
  gv_jw_end(w);
}

/* What a total stands on (docs/results.md, "Coverage"). */
static void coverage_json(gv_jw *w, int64_t evaluated, int64_t applicable, size_t points_evaluated,
                          size_t points_applicable) {
  gv_jw_score(w, "coverage_percent", gv_cents_percent_down(evaluated, applicable));
  gv_jw_uint(w, "points_evaluated", (uint64_t)points_evaluated);
  gv_jw_uint(w, "points_applicable", (uint64_t)points_applicable);
}

/* What the result was made from (api/fingerprint.c fills it). */
static void fingerprint_json(gv_jw *w, const govopen_result *r) {
  const gv_fingerprint *fp = &r->fp;
  gv_jw_object(w, "fingerprint");
  gv_jw_string(w, "digest", fp->digest);
  gv_jw_string(w, "version", GOVOPEN_VERSION_STRING);
  gv_jw_object(w, "framework");
  gv_jw_string(w, "id", r->fw->id);
  gv_jw_string(w, "digest", fp->framework_digest);
  gv_jw_end(w);
  gv_jw_object(w, "calendar");
  if (fp->calendar_digest[0]) {
    gv_jw_string(w, "file", fp->calendar);
    gv_jw_string(w, "digest", fp->calendar_digest);
  } else {
    gv_jw_string(w, "builtin", fp->calendar);
  }
  gv_jw_end(w);
  gv_jw_string(w, "as_of", r->as_of);
  gv_jw_object(w, "period");
  date_json(w, "first", r->period_first);
  date_json(w, "last", r->period_last);
  gv_jw_end(w);
  gv_jw_object(w, "settings");
  for (size_t i = 0; i < GV_FP_SETTINGS; i++) gv_jw_uint(w, fp->setting_name[i], (uint64_t)fp->setting[i]);
  gv_jw_end(w);
  gv_jw_array(w, "inputs");
  for (size_t i = 0; i < fp->input_count; i++) {
    const gv_input *in = &fp->inputs[i];
    gv_jw_object(w, NULL);
    gv_jw_string(w, "name", in->name);
    gv_jw_string(w, "digest", in->digest);
    gv_jw_uint(w, "records", in->records);
    gv_jw_uint(w, "accepted", in->accepted);
    gv_jw_uint(w, "rejected", in->rejected);
    gv_jw_end(w);
  }
  gv_jw_end(w);
  gv_jw_end(w);
}

static void county_json(gv_jw *w, const govopen_result *r) {
  const govopen_framework *fw = r->fw;
  gv_jw_object(w, "county");
  gv_jw_score(w, "raw", r->county_raw);
  gv_jw_score(w, "possible", r->county_possible);
  gv_jw_score(w, "normalised", r->county_normalised);
  gv_jw_score(w, "rounding", r->county_rounding);
  gv_jw_array(w, "adjustments");
  for (size_t i = 0; i < r->adjustment_count; i++) adjustment_json(w, fw, &r->county_adj[i]);
  gv_jw_end(w);
  gv_jw_score(w, "total", r->county_total);
  /* cap_adjusted kept the total within 0 … the framework's: say so, and from what */
  if (r->county_unclamped != r->county_total) {
    gv_jw_bool(w, "clamped", 1);
    gv_jw_score(w, "unclamped", r->county_unclamped);
  }
  if (r->county_grade)
    gv_jw_string(w, "grade", r->county_grade);
  else
    gv_jw_null(w, "grade");
  coverage_json(w, r->county_cover_evaluated, r->county_cover_applicable, r->county_points_evaluated,
                r->county_points_applicable);
  nodes_json(w, fw, r->county_node, r->county_node_possible);
  gv_jw_array(w, "points");
  for (size_t p = 0; p < fw->point_count; p++) {
    gv_jw_object(w, NULL);
    gv_jw_string(w, "id", fw->points[p]->id);
    if (r->county_point[p] < 0)
      gv_jw_null(w, "score");
    else
      gv_jw_score(w, "score", r->county_point[p]);
    gv_jw_score(w, "max", fw->points[p]->score);
    gv_jw_score(w, "lost", r->county_lost[p]);
    gv_jw_end(w);
  }
  gv_jw_end(w);
  gv_jw_end(w);
}

typedef struct ranked {
  unsigned rank;
  size_t unit;
} ranked;

static int ranked_cmp(const void *a, const void *b) {
  const ranked *x = a, *y = b;
  if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
  return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/* The ranked units by rank, then framework order (a stable order for equal
   ranks); NULL when out of memory. Sorted once rather than searched rank by
   rank, which is quadratic in a province's units. */
static ranked *rank_order(const govopen_result *r, size_t *n) {
  const govopen_framework *fw = r->fw;
  ranked *order = malloc((fw->unit_count ? fw->unit_count : 1) * sizeof *order);
  if (order == NULL) return NULL;
  *n = 0;
  for (size_t u = 0; u < fw->unit_count; u++)
    if (r->units[u].scored && r->units[u].rank >= 1 && r->units[u].rank <= fw->unit_count)
      order[(*n)++] = (ranked){r->units[u].rank, u};
  qsort(order, *n, sizeof *order, ranked_cmp);
  return order;
}

/* Rankings per unit kind; a kind with no ranked unit is left out. */
static void rankings_json(gv_jw *w, const govopen_result *r, const ranked *order, size_t n) {
  const govopen_framework *fw = r->fw;
  gv_jw_object(w, "rankings");
  for (int k = 0; k <= GOVOPEN_UNIT_OTHER; k++) {
    int open = 0;
    for (size_t i = 0; i < n; i++) {
      const govopen_unit *unit = &fw->units[order[i].unit];
      if ((int)unit->kind != k) continue;
      if (!open) gv_jw_array(w, gv_unit_kind_name(k));
      open = 1;
      gv_jw_object(w, NULL);
      gv_jw_uint(w, "rank", order[i].rank);
      gv_jw_string(w, "unit", unit->id);
      gv_jw_string(w, "name", unit->name);
      gv_jw_score(w, "total", r->units[order[i].unit].total);
      gv_jw_end(w);
    }
    if (open) gv_jw_end(w);
  }
  gv_jw_end(w);
}

/* Per kind of unit with units in "units": how many are ranked, how many of
   those are marked for low coverage, and the units not evaluated (listed
   under the ranking, never dropped). */
static void kinds_json(gv_jw *w, const govopen_result *r) {
  const govopen_framework *fw = r->fw;
  gv_jw_object(w, "kinds");
  for (int k = 0; k < GV_KINDS; k++) {
    if (r->kind_ranked[k] == 0 && r->kind_not_evaluated[k] == 0) continue;
    gv_jw_object(w, gv_unit_kind_name(k));
    gv_jw_uint(w, "ranked", (uint64_t)r->kind_ranked[k]);
    gv_jw_uint(w, "low_coverage", (uint64_t)r->kind_low[k]);
    gv_jw_array(w, "not_evaluated");
    for (size_t u = 0; u < fw->unit_count && r->kind_not_evaluated[k]; u++) {
      const gv_unit_result *ur = &r->units[u];
      if ((int)fw->units[u].kind != k || ur->scored || ur->points_applicable == 0) continue;
      gv_jw_object(w, NULL);
      gv_jw_string(w, "unit", fw->units[u].id);
      gv_jw_string(w, "name", fw->units[u].name);
      gv_jw_end(w);
    }
    gv_jw_end(w);
    gv_jw_end(w);
  }
  gv_jw_end(w);
}

/* One unit: its scores and every cell it owns. */
static void unit_json(gv_jw *w, const govopen_result *r, size_t u, gv_arena *scratch) {
  const govopen_framework *fw = r->fw;
  const govopen_unit *unit = &fw->units[u];
  const gv_unit_result *ur = &r->units[u];
  const gv_cell *cells = &r->cells[u * fw->point_count];
  gv_jw_object(w, NULL);
  gv_jw_string(w, "id", unit->id);
  gv_jw_string(w, "name", unit->name);
  gv_jw_string(w, "kind", gv_unit_kind_name(unit->kind));
  gv_jw_bool(w, "scored", ur->scored);
  gv_jw_bool(w, "vetoed", ur->vetoed);
  if (ur->scored) {
    gv_jw_score(w, "raw", ur->raw);
    gv_jw_score(w, "possible", ur->possible);
    gv_jw_score(w, "total", ur->total);
    gv_jw_score(w, "maximum", ur->maximum);
    gv_jw_score(w, "normalised", ur->normalised);
    gv_jw_score(w, "rounding", ur->rounding);
    gv_jw_score(w, "unclamped", ur->unclamped);
    gv_jw_uint(w, "rank", ur->rank);
    gv_jw_uint(w, "ranked_of", (uint64_t)ur->ranked_of);
    gv_jw_bool(w, "low_coverage", ur->low_coverage);
    if (ur->grade)
      gv_jw_string(w, "grade", ur->grade);
    else
      gv_jw_null(w, "grade");
    nodes_json(w, fw, ur->node_score, ur->node_possible);
  }
  coverage_json(w, ur->cover_evaluated, ur->cover_applicable, ur->points_evaluated, ur->points_applicable);
  gv_jw_array(w, "adjustments");
  for (size_t i = 0; i < ur->adj_count; i++) adjustment_json(w, fw, &ur->adj[i]);
  gv_jw_end(w);
  gv_jw_array(w, "points");
  for (size_t p = 0; p < fw->point_count; p++) {
    if (!cell_assigned(&cells[p])) continue;
    const gv_reason *reasons = NULL;
    size_t n = 0;
    if (gv_cell_reasons(r, u, p, scratch, &reasons, &n) != 0) {
      gv_jw_fail(w, GOVOPEN_ENOMEM);
      return;
    }
    cell_json(w, fw->points[p], &cells[p], reasons, n);
  }
  gv_jw_end(w);
  gv_jw_end(w);
  gv_arena_reset(scratch); /* a unit's reasons, when rendered here, go with it */
}

/* A unit that owns a point, or has an adjustment (kept even when it owns none). */
static int unit_owns(const govopen_result *r, size_t u) {
  const govopen_framework *fw = r->fw;
  if (r->units[u].adj_count) return 1;
  for (size_t p = 0; p < fw->point_count; p++)
    if (cell_assigned(&r->cells[u * fw->point_count + p])) return 1;
  return 0;
}

/* --- the units on several threads ----------------------------------------------------
 *
 * Units are rendered in batches by r->jobs threads, each into a buffer of its
 * own with a writer continuing inside the "units" array, and handed over in
 * order to the calling thread, which alone calls `write`. A thread holds one
 * batch at a time: memory stays a few batches whatever the size. */

#define BATCH_UNITS 32

typedef struct batch_text {
  char *data;
  size_t len, cap;
  int status; /* GOVOPEN_OK, or GOVOPEN_ENOMEM once a chunk could not be kept */
} batch_text;

static int to_batch(void *user, const char *data, size_t len) {
  batch_text *b = user;
  if (b->len + len > b->cap) {
    size_t cap = b->cap ? b->cap : 65536;
    while (cap < b->len + len) cap *= 2;
    char *d = realloc(b->data, cap);
    if (d == NULL) {
      b->status = GOVOPEN_ENOMEM;
      return 1;
    }
    b->data = d;
    b->cap = cap;
  }
  memcpy(b->data + b->len, data, len);
  b->len += len;
  return 0;
}

typedef struct renderer renderer;

typedef struct render_worker {
  renderer *rd;
  size_t index;
  batch_text text;
  int members; /* the batch wrote a unit */
  int ready;   /* text holds the next batch of this worker */
  int status;  /* GOVOPEN_OK, or why it stopped */
  gv_arena scratch;
  pthread_t tid;
  int started;
} render_worker;

struct renderer {
  const govopen_result *r;
  gv_jw at; /* a copy of the main writer's containers, inside "units" before the first unit */
  int pretty;
  size_t nbatches, nworkers;
  const unsigned char *before; /* per batch: a unit was written before it */
  render_worker *workers;
  pthread_mutex_t lock;
  pthread_cond_t changed;
  int stop; /* the main writer failed: workers end */
};

static void *render_batches(void *arg) {
  render_worker *wk = arg;
  renderer *rd = wk->rd;
  const govopen_result *r = rd->r;
  size_t nu = r->fw->unit_count;
  for (size_t b = wk->index; b < rd->nbatches; b += rd->nworkers) {
    wk->text.len = 0;
    gv_jw w;
    int st = gv_jw_init(&w, rd->pretty, 0, to_batch, &wk->text);
    int members = 0;
    if (st == GOVOPEN_OK) {
      gv_jw_continue(&w, &rd->at);
      if (rd->before[b]) w.members[w.depth - 1] = 1;
      size_t end = (b + 1) * BATCH_UNITS < nu ? (b + 1) * BATCH_UNITS : nu;
      for (size_t u = b * BATCH_UNITS; u < end && gv_jw_status(&w) == GOVOPEN_OK; u++)
        if (unit_owns(r, u)) {
          unit_json(&w, r, u, &wk->scratch);
          members = 1;
        }
      /* the batch's text without closing the containers it continued in */
      w.depth = 0;
      st = gv_jw_finish(&w);
    }
    if (st == GOVOPEN_ESTOPPED && wk->text.status != GOVOPEN_OK) st = wk->text.status;
    pthread_mutex_lock(&rd->lock);
    wk->status = st;
    wk->members = members;
    wk->ready = 1;
    pthread_cond_broadcast(&rd->changed);
    while (wk->ready && !rd->stop) pthread_cond_wait(&rd->changed, &rd->lock);
    int stop = rd->stop || st != GOVOPEN_OK;
    pthread_mutex_unlock(&rd->lock);
    if (stop) break;
  }
  return NULL;
}

/* Writes the units on r->jobs threads into `w`: 1, or 0 when threads could
   not be had (not a failure: nothing was written, the caller writes them
   itself). */
static int units_parallel(gv_jw *w, const govopen_result *r) {
  size_t nu = r->fw->unit_count;
  size_t nb = (nu + BATCH_UNITS - 1) / BATCH_UNITS;
  size_t nw = (size_t)r->jobs;
  if (nw > nb) nw = nb;
  if (nw < 2) return 0;
  renderer rd;
  memset(&rd, 0, sizeof rd);
  rd.r = r;
  rd.pretty = w->pretty;
  rd.nbatches = nb;
  rd.nworkers = nw;
  if (pthread_mutex_init(&rd.lock, NULL) != 0) return 0;
  if (pthread_cond_init(&rd.changed, NULL) != 0) {
    pthread_mutex_destroy(&rd.lock);
    return 0;
  }
  /* the workers read a copy: the main writer changes as batches arrive */
  gv_jw_continue(&rd.at, w);
  unsigned char *before = calloc(nb, 1);
  render_worker *workers = calloc(nw, sizeof *workers);
  if (before == NULL || workers == NULL) {
    free(before);
    free(workers);
    pthread_mutex_destroy(&rd.lock);
    pthread_cond_destroy(&rd.changed);
    return 0;
  }
  int any = 0;
  for (size_t b = 0; b < nb; b++) {
    before[b] = (unsigned char)any;
    size_t end = (b + 1) * BATCH_UNITS < nu ? (b + 1) * BATCH_UNITS : nu;
    for (size_t u = b * BATCH_UNITS; u < end && !any; u++) any = unit_owns(r, u);
  }
  rd.before = before;
  rd.workers = workers;
  size_t started = 0;
  for (size_t i = 0; i < nw; i++) {
    workers[i].rd = &rd;
    workers[i].index = i;
    if (pthread_create(&workers[i].tid, NULL, render_batches, &workers[i]) != 0) break;
    workers[i].started = 1;
    started++;
  }
  if (started < nw) {
    /* all or nothing: stop those that started, and write on this thread */
    pthread_mutex_lock(&rd.lock);
    rd.stop = 1;
    pthread_cond_broadcast(&rd.changed);
    pthread_mutex_unlock(&rd.lock);
    for (size_t i = 0; i < nw; i++)
      if (workers[i].started) pthread_join(workers[i].tid, NULL);
    for (size_t i = 0; i < nw; i++) {
      free(workers[i].text.data);
      gv_arena_free(&workers[i].scratch);
    }
    free(before);
    free(workers);
    pthread_mutex_destroy(&rd.lock);
    pthread_cond_destroy(&rd.changed);
    return 0;
  }
  for (size_t b = 0; b < nb; b++) {
    render_worker *wk = &workers[b % nw];
    pthread_mutex_lock(&rd.lock);
    while (!wk->ready) pthread_cond_wait(&rd.changed, &rd.lock);
    pthread_mutex_unlock(&rd.lock);
    /* the worker waits until ready is cleared: its text is ours meanwhile */
    if (wk->status != GOVOPEN_OK) gv_jw_fail(w, wk->status);
    if (gv_jw_status(w) == GOVOPEN_OK) gv_jw_raw(w, wk->text.data, wk->text.len, wk->members);
    pthread_mutex_lock(&rd.lock);
    wk->ready = 0;
    if (gv_jw_status(w) != GOVOPEN_OK) rd.stop = 1;
    pthread_cond_broadcast(&rd.changed);
    pthread_mutex_unlock(&rd.lock);
    if (rd.stop) break;
  }
  for (size_t i = 0; i < nw; i++) pthread_join(workers[i].tid, NULL);
  for (size_t i = 0; i < nw; i++) {
    free(workers[i].text.data);
    gv_arena_free(&workers[i].scratch);
  }
  pthread_mutex_destroy(&rd.lock);
  pthread_cond_destroy(&rd.changed);
  free(before);
  free(workers);
  return 1;
}

int gv_result_write_json(const govopen_result *r, unsigned flags, size_t chunk, govopen_write_fn write, void *user) {
  if (r == NULL || write == NULL || (flags & ~GOVOPEN_JSON_PRETTY) != 0) return GOVOPEN_EINVALID;
  const govopen_framework *fw = r->fw;
  /* everything allocated before the first byte goes out: GOVOPEN_ENOMEM
     never leaves half a document behind */
  size_t nranked = 0;
  ranked *order = rank_order(r, &nranked);
  if (order == NULL) return GOVOPEN_ENOMEM;
  gv_jw w;
  if (gv_jw_init(&w, (flags & GOVOPEN_JSON_PRETTY) != 0, chunk, write, user) != GOVOPEN_OK) {
    free(order);
    return gv_jw_finish(&w);
  }
  gv_jw_object(&w, NULL);
  head_json(&w, r);
  county_json(&w, r);
  rankings_json(&w, r, order, nranked);
  free(order);
  kinds_json(&w, r);
  gv_jw_array(&w, "units");
  if (r->jobs < 2 || !units_parallel(&w, r)) {
    gv_arena scratch = {0};
    for (size_t u = 0; u < fw->unit_count && gv_jw_status(&w) == GOVOPEN_OK; u++)
      if (unit_owns(r, u)) unit_json(&w, r, u, &scratch); /* units that own no point are left out */
    gv_arena_free(&scratch);
  }
  gv_jw_end(&w);
  fingerprint_json(&w, r);
  gv_jw_end(&w);
  return gv_jw_finish(&w);
}
