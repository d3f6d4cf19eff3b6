/* A result as JSON (docs/results.md). Deterministic: the framework's order
 * throughout, numbers formatted by us. */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/date.h"
#include "eval/eval.h"
#include "report/json_util.h"

static const char *const status_names[] = {"scored", "not_evaluated", "vetoed", "error"};
static const char *const severity_names[] = {"loss", "warning", "info"};

typedef struct jb {
  int bad;
} jb;

static cJSON *obj(jb *b) {
  cJSON *o = cJSON_CreateObject();
  if (o == NULL) b->bad = 1;
  return o;
}

static cJSON *arr(jb *b) {
  cJSON *o = cJSON_CreateArray();
  if (o == NULL) b->bad = 1;
  return o;
}

static void put(jb *b, cJSON *o, const char *key, cJSON *item) {
  if (o == NULL) {
    cJSON_Delete(item);
    b->bad = 1;
  } else if (gv_json_put(o, key, item) != 0) {
    b->bad = 1;
  }
}

static void push(jb *b, cJSON *a, cJSON *item) {
  if (a == NULL) {
    cJSON_Delete(item);
    b->bad = 1;
  } else if (gv_json_push(a, item) != 0) {
    b->bad = 1;
  }
}

static void put_str(jb *b, cJSON *o, const char *key, const char *s) { put(b, o, key, cJSON_CreateString(s ? s : "")); }

static cJSON *date_json(int32_t day) {
  char d[GV_DATE_TEXT];
  gv_date_format(day, d);
  return cJSON_CreateString(d);
}

/* Node scores of one column: every evaluated indicator in pre-order. */
static cJSON *nodes_json(jb *b, const govopen_framework *fw, const int64_t *score, const int64_t *possible) {
  cJSON *a = arr(b);
  for (size_t i = 0; a && i < fw->node_count; i++) {
    if (score[i] < 0) continue;
    cJSON *o = obj(b);
    put_str(b, o, "id", fw->nodes[i]->id);
    put(b, o, "score", gv_json_score(score[i]));
    put(b, o, "possible", gv_json_score(possible[i]));
    put(b, o, "max", gv_json_score(fw->nodes[i]->score));
    push(b, a, o);
  }
  return a;
}

static cJSON *cell_json(jb *b, const govopen_point *p, const gv_cell *c) {
  cJSON *o = obj(b);
  put_str(b, o, "id", p->id);
  put_str(b, o, "status", status_names[c->status]);
  if (c->status == GOVOPEN_CELL_SCORED || c->status == GOVOPEN_CELL_VETOED)
    put(b, o, "score", gv_json_score(c->score));
  else
    put(b, o, "score", cJSON_CreateNull());
  put(b, o, "max", gv_json_score(c->max));
  put(b, o, "samples", cJSON_CreateNumber((double)c->samples));
  put(b, o, "judged", cJSON_CreateNumber((double)c->judged));
  cJSON *rs = arr(b);
  for (size_t i = 0; rs && i < c->reason_count; i++) {
    cJSON *r = obj(b);
    put_str(b, r, "code", c->reasons[i].code);
    put_str(b, r, "severity", severity_names[c->reasons[i].severity]);
    put_str(b, r, "text", c->reasons[i].text);
    push(b, rs, r);
  }
  put(b, o, "reasons", rs);
  return o;
}

static cJSON *result_json(const govopen_result *r, jb *b, const int64_t *county_possible_node) {
  const govopen_framework *fw = r->fw;
  cJSON *root = obj(b);
  put(b, root, "format", cJSON_CreateNumber(GOVOPEN_RESULT_FORMAT));
  cJSON *f = obj(b);
  put_str(b, f, "id", fw->id);
  put_str(b, f, "title", fw->title);
  put(b, f, "total", gv_json_score(fw->total));
  put_str(b, f, "calendar", fw->calendar);
  put(b, root, "framework", f);
  put_str(b, root, "as_of", r->as_of);
  cJSON *period = obj(b);
  put(b, period, "first", date_json(r->period_first));
  put(b, period, "last", date_json(r->period_last));
  put(b, root, "period", period);
  cJSON *settings = obj(b);
  put_str(b, settings, "not_evaluated", r->not_evaluated_zero ? "zero" : "skip");
  put_str(b, settings, "county", r->county_min ? "min" : "mean");
  put(b, root, "settings", settings);
  cJSON *obs = obj(b);
  put(b, obs, "accepted", cJSON_CreateNumber((double)r->observations));
  put(b, obs, "rejected", cJSON_CreateNumber((double)r->rejected));
  put(b, root, "observations", obs);

  /* the county */
  cJSON *county = obj(b);
  put(b, county, "raw", gv_json_score(r->county_raw));
  put(b, county, "possible", gv_json_score(r->county_possible));
  put(b, county, "normalised", gv_json_score(r->county_normalised));
  cJSON *adjs = arr(b);
  for (size_t i = 0; adjs && i < r->adjustment_count; i++) {
    const gv_adjustment *a = &fw->adjustments[r->adjustments[i]];
    cJSON *o = obj(b);
    put_str(b, o, "id", a->id);
    put(b, o, "delta", gv_json_score(a->delta));
    put_str(b, o, "text", a->text);
    if (r->adjustment_evidence[i]) put_str(b, o, "evidence", r->adjustment_evidence[i]);
    push(b, adjs, o);
  }
  put(b, county, "adjustments", adjs);
  put(b, county, "total", gv_json_score(r->county_total));
  put(b, county, "grade", r->county_grade ? cJSON_CreateString(r->county_grade) : cJSON_CreateNull());
  put(b, county, "indicators", nodes_json(b, fw, r->county_node, county_possible_node));
  cJSON *cps = arr(b);
  for (size_t p = 0; cps && p < fw->point_count; p++) {
    cJSON *o = obj(b);
    put_str(b, o, "id", fw->points[p]->id);
    put(b, o, "score", r->county_point[p] < 0 ? cJSON_CreateNull() : gv_json_score(r->county_point[p]));
    put(b, o, "max", gv_json_score(fw->points[p]->score));
    push(b, cps, o);
  }
  put(b, county, "points", cps);
  put(b, root, "county", county);

  /* rankings per unit kind */
  cJSON *rankings = obj(b);
  for (int k = 0; rankings && k <= GOVOPEN_UNIT_OTHER; k++) {
    cJSON *list = arr(b);
    size_t n = 0;
    /* by rank, then framework order: a stable order for equal ranks */
    for (unsigned rank = 1; list && rank <= fw->unit_count; rank++)
      for (size_t u = 0; u < fw->unit_count; u++)
        if (fw->units[u].kind == k && r->units[u].scored && r->units[u].rank == rank) {
          cJSON *o = obj(b);
          put(b, o, "rank", cJSON_CreateNumber(rank));
          put_str(b, o, "unit", fw->units[u].id);
          put_str(b, o, "name", fw->units[u].name);
          put(b, o, "total", gv_json_score(r->units[u].total));
          push(b, list, o);
          n++;
        }
    if (n)
      put(b, rankings, govopen_unit_kind_name(k), list);
    else
      cJSON_Delete(list);
  }
  put(b, root, "rankings", rankings);

  cJSON *units = arr(b);
  for (size_t u = 0; units && u < fw->unit_count; u++) {
    const govopen_unit *unit = &fw->units[u];
    const gv_unit_result *ur = &r->units[u];
    int owns = 0;
    for (size_t p = 0; p < fw->point_count && !owns; p++) owns = r->cells[u * fw->point_count + p].status >= 0;
    if (!owns) continue;
    cJSON *o = obj(b);
    put_str(b, o, "id", unit->id);
    put_str(b, o, "name", unit->name);
    put_str(b, o, "kind", govopen_unit_kind_name(unit->kind));
    put(b, o, "scored", cJSON_CreateBool(ur->scored));
    put(b, o, "vetoed", cJSON_CreateBool(ur->vetoed));
    if (ur->scored) {
      put(b, o, "raw", gv_json_score(ur->raw));
      put(b, o, "possible", gv_json_score(ur->possible));
      put(b, o, "total", gv_json_score(ur->total));
      put(b, o, "rank", cJSON_CreateNumber(ur->rank));
      put(b, o, "grade", ur->grade ? cJSON_CreateString(ur->grade) : cJSON_CreateNull());
      put(b, o, "indicators", nodes_json(b, fw, ur->node_score, ur->node_possible));
    }
    cJSON *pts = arr(b);
    for (size_t p = 0; pts && p < fw->point_count; p++) {
      const gv_cell *c = &r->cells[u * fw->point_count + p];
      if (c->status >= 0) push(b, pts, cell_json(b, fw->points[p], c));
    }
    put(b, o, "points", pts);
    push(b, units, o);
  }
  put(b, root, "units", units);
  return root;
}

int govopen_result_to_json(const govopen_result *r, unsigned flags, char **out, size_t *out_len) {
  if (out == NULL) return GOVOPEN_EINVALID;
  *out = NULL;
  if (out_len) *out_len = 0;
  if (r == NULL || (flags & ~GOVOPEN_JSON_PRETTY) != 0) return GOVOPEN_EINVALID;
  const int64_t *cpn = r->county_node_possible;
  jb b = {0};
  cJSON *root = result_json(r, &b, cpn);
  if (root == NULL || b.bad) {
    cJSON_Delete(root);
    return GOVOPEN_ENOMEM;
  }
  return gv_json_finish(root, (flags & GOVOPEN_JSON_PRETTY) != 0, out, out_len);
}
