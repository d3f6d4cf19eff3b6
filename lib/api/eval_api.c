/* The public evaluation API: settings, observations in, results out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/file.h"
#include "api/options.h"
#include "calendar/date.h"
#include "eval/eval.h"
#include "govopen/options.h"
#include "report/result_json.h"
#include "util/error.h"

int govopen_evaluation_new(govopen_evaluation **out, const govopen_framework *fw, govopen_error **err) {
  if (err) *err = NULL;
  if (out == NULL) return GOVOPEN_EINVALID;
  *out = NULL;
  if (fw == NULL) return gv_error_set(err, GOVOPEN_EINVALID, "", "no framework given");
  govopen_evaluation *ev = calloc(1, sizeof *ev);
  if (ev == NULL) return gv_error_set(err, GOVOPEN_ENOMEM, "", "out of memory");
  ev->fw = fw;
  ev->as_of = fw->as_of;
  ev->not_evaluated_zero = fw->not_evaluated_zero;
  ev->max_named = 3;
  ev->max_steps = GOVOPEN_DEFAULT_MAX_STEPS;
  ev->max_observations = GOVOPEN_DEFAULT_MAX_OBSERVATIONS;
  ev->max_keys = GOVOPEN_DEFAULT_MAX_KEYS;
  ev->jobs = 1;
  ev->diags.max = GOVOPEN_DEFAULT_MAX_DIAGNOSTICS;
  ev->diags.limit_name = "GOVOPEN_EVAL_MAX_DIAGNOSTICS";
  int rc = govopen_calendar_load_builtin(&ev->calendar, fw->calendar, NULL, err);
  if (rc != GOVOPEN_OK) {
    free(ev);
    return rc;
  }
  *out = ev;
  return GOVOPEN_OK;
}

void govopen_evaluation_free(govopen_evaluation *ev) {
  if (ev == NULL) return;
  govopen_calendar_free(ev->calendar);
  gv_sink_free(&ev->sink);
  gv_sink_free(&ev->pending);
  free(ev->assigned);
  free(ev->inputs);
  gv_eval_drop_run_warnings(ev);
  gv_diags_free(&ev->diags);
  gv_arena_free(&ev->arena);
  free(ev);
}

/* A setting the observations' states depend on, once they are being added. */
static int started_error(govopen_error **err, const char *what) {
  return gv_error_set(err, GOVOPEN_ESTATE, "",
                      "%s cannot change once observations have been added: set it first", what);
}

static int parse_day(const char *s, int32_t *out, govopen_error **err) {
  char why[GV_DATE_WHY];
  if (s == NULL) return gv_error_set(err, GOVOPEN_EINVALID, "", "no date given");
  if (gv_date_parse(s, strlen(s), out, why) != 0) {
    return gv_error_set(err, GOVOPEN_EINVALID, "", "'%s' is not a date (YYYY-MM-DD): %s", s, why);
  }
  return GOVOPEN_OK;
}

int govopen_evaluation_set_as_of(govopen_evaluation *ev, const char *date, govopen_error **err) {
  if (err) *err = NULL;
  if (ev == NULL) return GOVOPEN_EINVALID;
  if (ev->started) return started_error(err, "the as-of date");
  int32_t d;
  int rc = parse_day(date, &d, err);
  if (rc == GOVOPEN_OK) ev->as_of = d;
  return rc;
}

int govopen_evaluation_set_period(govopen_evaluation *ev, const char *first, const char *last, govopen_error **err) {
  if (err) *err = NULL;
  if (ev == NULL) return GOVOPEN_EINVALID;
  if (ev->started) return started_error(err, "the evaluation period");
  int32_t a, b;
  int rc = parse_day(first, &a, err);
  if (rc == GOVOPEN_OK) rc = parse_day(last, &b, err);
  if (rc != GOVOPEN_OK) return rc;
  if (b < a) return gv_error_set(err, GOVOPEN_EINVALID, "", "the period ends before it starts");
  ev->period_first = a;
  ev->period_last = b;
  ev->has_period = 1;
  return GOVOPEN_OK;
}

int govopen_evaluation_set_int(govopen_evaluation *ev, int option, int64_t value) {
  if (ev == NULL) return GOVOPEN_EINVALID;
  switch (option) {
    case GOVOPEN_EVAL_NOT_EVALUATED:
      if (value != 0 && value != 1) return GOVOPEN_EINVALID;
      ev->not_evaluated_zero = (int)value;
      return GOVOPEN_OK;
    case GOVOPEN_EVAL_COUNTY:
      if (value != 0 && value != 1) return GOVOPEN_EINVALID;
      ev->county_min = (int)value;
      return GOVOPEN_OK;
    case GOVOPEN_EVAL_MAX_NAMED:
      if (value < 0 || value > 1000) return GOVOPEN_EINVALID;
      if (ev->started) return GOVOPEN_ESTATE;
      ev->max_named = (size_t)value;
      return GOVOPEN_OK;
    case GOVOPEN_EVAL_STRICT:
      if (value != 0 && value != 1) return GOVOPEN_EINVALID;
      ev->strict = (int)value;
      return GOVOPEN_OK;
    case GOVOPEN_EVAL_MAX_STEPS:
      if (value < 1) return GOVOPEN_EINVALID;
      ev->max_steps = (uint64_t)value;
      ev->ctx.max_steps = ev->max_steps;
      return GOVOPEN_OK;
    case GOVOPEN_EVAL_MAX_OBSERVATIONS:
      if (value < 1 || value > ((int64_t)1 << 40)) return GOVOPEN_EINVALID;
      ev->max_observations = (size_t)value;
      return GOVOPEN_OK;
    case GOVOPEN_EVAL_JOBS:
      if (value < 1 || value > 64) return GOVOPEN_EINVALID;
      ev->jobs = (int)value;
      return GOVOPEN_OK;
    case GOVOPEN_EVAL_MAX_KEYS:
      if (value < 1 || value > 10000000) return GOVOPEN_EINVALID;
      ev->max_keys = (size_t)value;
      return GOVOPEN_OK;
    case GOVOPEN_EVAL_MAX_DIAGNOSTICS:
      if (value < 1 || value > ((int64_t)1 << 40)) return GOVOPEN_EINVALID;
      if (ev->started) return GOVOPEN_ESTATE;
      ev->diags.max = (size_t)value;
      return GOVOPEN_OK;
    default: return GOVOPEN_EINVALID;
  }
}

int govopen_evaluation_set_calendar_file(govopen_evaluation *ev, const char *path, govopen_error **err) {
  if (err) *err = NULL;
  if (ev == NULL || path == NULL) return GOVOPEN_EINVALID;
  if (ev->started) return started_error(err, "the calendar");
  /* read once: loaded from the bytes its digest is taken of (the fingerprint) */
  gv_load_limits lim;
  gv_options_limits(NULL, &lim);
  char *data = NULL;
  size_t len = 0;
  int rc = gv_read_file(path, lim.max_size, &data, &len, err);
  if (rc != GOVOPEN_OK) return rc;
  char *name = gv_arena_strdup(&ev->arena, path);
  govopen_calendar *cal = NULL;
  rc = name ? govopen_calendar_load_buffer(&cal, data ? data : "", len, path, NULL, err)
            : gv_error_set(err, GOVOPEN_ENOMEM, path, "out of memory");
  if (rc == GOVOPEN_OK) gv_digest_hex(data ? data : "", len, ev->calendar_digest);
  free(data);
  if (rc != GOVOPEN_OK) return rc;
  govopen_calendar_free(ev->calendar);
  ev->calendar = cal;
  ev->calendar_file = name;
  return GOVOPEN_OK;
}

int govopen_evaluation_add_buffer(govopen_evaluation *ev, const char *data, size_t len, const char *source_name,
                                  int format, govopen_error **err) {
  if (err) *err = NULL;
  if (ev == NULL || (data == NULL && len)) return GOVOPEN_EINVALID;
  if (format < GOVOPEN_FORMAT_AUTO || format > GOVOPEN_FORMAT_CSV) return GOVOPEN_EINVALID;
  return gv_obs_add(ev, data ? data : "", len, source_name, format, err);
}

int govopen_evaluation_add_file(govopen_evaluation *ev, const char *path, int format, govopen_error **err) {
  if (err) *err = NULL;
  if (ev == NULL || path == NULL) return GOVOPEN_EINVALID;
  if (format < GOVOPEN_FORMAT_AUTO || format > GOVOPEN_FORMAT_CSV) return GOVOPEN_EINVALID;
  return gv_obs_add_file(ev, path, format, err);
}

size_t govopen_evaluation_observation_count(const govopen_evaluation *ev) { return ev ? ev->sink.accepted : 0; }
size_t govopen_evaluation_rejected_count(const govopen_evaluation *ev) { return ev ? ev->rejected : 0; }
const govopen_error *govopen_evaluation_diagnostics(const govopen_evaluation *ev) {
  if (ev == NULL) return NULL;
  return ev->diags.head ? ev->diags.head : ev->run_diags.head;
}

int govopen_evaluation_run(govopen_evaluation *ev, govopen_result **out, govopen_error **err) {
  if (err) *err = NULL;
  if (out == NULL) return GOVOPEN_EINVALID;
  *out = NULL;
  if (ev == NULL) return GOVOPEN_EINVALID;
  return gv_evaluate(ev, 1, out, err);
}

int govopen_evaluation_write_json(govopen_evaluation *ev, unsigned flags, govopen_write_fn write, void *user,
                                  govopen_error **err) {
  if (err) *err = NULL;
  if (ev == NULL || write == NULL || (flags & ~(unsigned)GOVOPEN_JSON_PRETTY) != 0) return GOVOPEN_EINVALID;
  govopen_result *r = NULL;
  int rc = gv_evaluate(ev, 0, &r, err);
  if (rc != GOVOPEN_OK) return rc;
  rc = gv_result_write_json(r, flags, 0, write, user);
  govopen_result_free(r);
  if (rc == GOVOPEN_ENOMEM) return gv_error_set(err, rc, "", "out of memory");
  if (rc == GOVOPEN_EIO) return gv_error_set(err, rc, "", "the write callback stopped the output");
  return rc;
}

/* --- results ------------------------------------------------------------------------- */

void govopen_result_free(govopen_result *r) {
  if (r == NULL) return;
  gv_arena a = r->arena;
  gv_arena_free(&a);
}

const govopen_framework *govopen_result_framework(const govopen_result *r) { return r ? r->fw : NULL; }
const char *govopen_result_as_of(const govopen_result *r) { return r ? r->as_of : ""; }
size_t govopen_result_observation_count(const govopen_result *r) { return r ? r->observations : 0; }
size_t govopen_result_rejected_count(const govopen_result *r) { return r ? r->rejected : 0; }

static const gv_unit_result *unit_res(const govopen_result *r, size_t u) {
  return r && u < r->fw->unit_count ? &r->units[u] : NULL;
}

double govopen_result_unit_raw(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? gv_cents_to_double(u->raw) : 0.0;
}
double govopen_result_unit_possible(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? gv_cents_to_double(u->possible) : 0.0;
}
double govopen_result_unit_total(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? gv_cents_to_double(u->total) : 0.0;
}
int govopen_result_unit_scored(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? u->scored : 0;
}
int govopen_result_unit_vetoed(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? u->vetoed : 0;
}
unsigned govopen_result_unit_rank(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? u->rank : 0;
}
const char *govopen_result_unit_grade(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? u->grade : NULL;
}
double govopen_result_unit_node_score(const govopen_result *r, size_t unit, size_t node) {
  const gv_unit_result *u = unit_res(r, unit);
  if (u == NULL || node >= r->fw->node_count || u->node_score[node] < 0) return -1.0;
  return gv_cents_to_double(u->node_score[node]);
}

static const gv_cell *cell(const govopen_result *r, size_t unit, size_t point) {
  if (r == NULL || unit >= r->fw->unit_count || point >= r->fw->point_count) return NULL;
  const gv_cell *c = &r->cells[unit * r->fw->point_count + point];
  return c->status < 0 ? NULL : c;
}

int govopen_result_cell_status(const govopen_result *r, size_t unit, size_t point) {
  const gv_cell *c = cell(r, unit, point);
  return c ? c->status : -1;
}
double govopen_result_cell_score(const govopen_result *r, size_t unit, size_t point) {
  const gv_cell *c = cell(r, unit, point);
  return c ? gv_cents_to_double(c->score) : 0.0;
}
size_t govopen_result_cell_reason_count(const govopen_result *r, size_t unit, size_t point) {
  const gv_cell *c = cell(r, unit, point);
  return c ? c->reason_count : 0;
}
const char *govopen_result_cell_reason_code(const govopen_result *r, size_t unit, size_t point, size_t i) {
  const gv_cell *c = cell(r, unit, point);
  return c && i < c->reason_count ? c->reasons[i].code : NULL;
}
const char *govopen_result_cell_reason_text(const govopen_result *r, size_t unit, size_t point, size_t i) {
  const gv_cell *c = cell(r, unit, point);
  return c && i < c->reason_count ? c->reasons[i].text : NULL;
}
int govopen_result_cell_reason_severity(const govopen_result *r, size_t unit, size_t point, size_t i) {
  const gv_cell *c = cell(r, unit, point);
  return c && i < c->reason_count ? c->reasons[i].severity : -1;
}

double govopen_result_county_point_score(const govopen_result *r, size_t point) {
  if (r == NULL || point >= r->fw->point_count || r->county_point[point] < 0) return -1.0;
  return gv_cents_to_double(r->county_point[point]);
}
double govopen_result_county_raw(const govopen_result *r) { return r ? gv_cents_to_double(r->county_raw) : 0.0; }
double govopen_result_county_possible(const govopen_result *r) {
  return r ? gv_cents_to_double(r->county_possible) : 0.0;
}
double govopen_result_county_normalised(const govopen_result *r) {
  return r ? gv_cents_to_double(r->county_normalised) : 0.0;
}
double govopen_result_county_total(const govopen_result *r) { return r ? gv_cents_to_double(r->county_total) : 0.0; }
double govopen_result_county_unclamped(const govopen_result *r) {
  return r ? gv_cents_to_double(r->county_unclamped) : 0.0;
}
const char *govopen_result_county_grade(const govopen_result *r) { return r ? r->county_grade : NULL; }
size_t govopen_result_adjustment_count(const govopen_result *r) { return r ? r->adjustment_count : 0; }
size_t govopen_result_adjustment_index(const govopen_result *r, size_t i) {
  return r && i < r->adjustment_count ? r->adjustments[i] : (size_t)-1;
}
