/* The public evaluation API: settings, observations in, results out. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/options.h"
#include "calendar/date.h"
#include "eval/eval.h"
#include "govopen/options.h"
#include "load/file.h"
#include "report/result_json.h"
#include "util/error.h"

/* Each call's misuse, said through `err` (the error contract of govopen.h). */
static int no_evaluation(govopen_error **err) {
  return gv_error_set(err, GOVOPEN_EINVALID, "", "api.evaluation_null", "no evaluation given");
}
static int no_out(govopen_error **err) {
  return gv_error_set(err, GOVOPEN_EINVALID, "", "api.out_null", "no place for the answer (out is NULL)");
}
static int bad_format(govopen_error **err, int format) {
  return gv_error_set(err, GOVOPEN_EINVALID, "", "api.format_unknown",
                      "unknown observation format %d (see govopen_format)", format);
}

int govopen_evaluation_new(govopen_evaluation **out, const govopen_framework *fw, govopen_error **err) {
  if (err) *err = NULL;
  if (out == NULL) return no_out(err);
  *out = NULL;
  if (fw == NULL) return gv_error_set(err, GOVOPEN_EINVALID, "", "api.framework_null", "no framework given");
  govopen_evaluation *ev = calloc(1, sizeof *ev);
  if (ev == NULL) return gv_error_set(err, GOVOPEN_ENOMEM, "", "system.out_of_memory", "out of memory");
  ev->fw = fw;
  ev->as_of = fw->as_of;
  ev->not_evaluated_zero = fw->not_evaluated_zero;
  ev->max_named = 3;
  ev->max_steps = GOVOPEN_DEFAULT_MAX_STEPS;
  ev->max_observations = GOVOPEN_DEFAULT_MAX_OBSERVATIONS;
  ev->max_keys = GOVOPEN_DEFAULT_MAX_KEYS;
  ev->min_coverage = GOVOPEN_DEFAULT_MIN_COVERAGE;
  ev->jobs = 1;
  ev->diags.max = GOVOPEN_DEFAULT_MAX_DIAGNOSTICS;
  ev->diags.limit_name = "GOVOPEN_EVAL_MAX_DIAGNOSTICS";
  int rc = govopen_calendar_load_builtin(&ev->calendar, fw->calendar, NULL, err);
  if (rc != GOVOPEN_OK) {
    free(ev);
    return gv_error_ensure(err, rc, "the framework's calendar");
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
  return gv_error_set(err, GOVOPEN_ESTATE, "", "api.setting_after_observations",
                      "%s cannot change once observations have been added: set it first", what);
}

static int parse_day(const char *s, int32_t *out, govopen_error **err) {
  char why[GV_DATE_WHY];
  if (s == NULL) return gv_error_set(err, GOVOPEN_EINVALID, "", "api.date_null", "no date given");
  if (gv_date_parse(s, strlen(s), out, why) != 0) {
    return gv_error_set(err, GOVOPEN_EINVALID, "", "date.not_ymd", "'%s' is not a date (YYYY-MM-DD): %s", s, why);
  }
  return GOVOPEN_OK;
}

int govopen_evaluation_set_as_of(govopen_evaluation *ev, const char *date, govopen_error **err) {
  if (err) *err = NULL;
  if (ev == NULL) return no_evaluation(err);
  if (ev->started) return started_error(err, "the as-of date");
  int32_t d;
  int rc = parse_day(date, &d, err);
  if (rc == GOVOPEN_OK) ev->as_of = d;
  return rc;
}

int govopen_evaluation_set_period(govopen_evaluation *ev, const char *first, const char *last, govopen_error **err) {
  if (err) *err = NULL;
  if (ev == NULL) return no_evaluation(err);
  if (ev->started) return started_error(err, "the evaluation period");
  int32_t a, b;
  int rc = parse_day(first, &a, err);
  if (rc == GOVOPEN_OK) rc = parse_day(last, &b, err);
  if (rc != GOVOPEN_OK) return rc;
  if (b < a) return gv_error_set(err, GOVOPEN_EINVALID, "", "api.period_backwards", "the period ends before it starts");
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
    case GOVOPEN_EVAL_MIN_COVERAGE:
      /* read by the run only: it may change between runs */
      if (value < 0 || value > 100) return GOVOPEN_EINVALID;
      ev->min_coverage = (int)value;
      return GOVOPEN_OK;
    default: return GOVOPEN_EINVALID;
  }
}

/* The range of each setting, for the messages of govopen_evaluation_set_int_ex(). */
static const struct {
  int option;
  const char *name;
  int64_t lo, hi;
} setting_ranges[] = {
    {GOVOPEN_EVAL_NOT_EVALUATED, "GOVOPEN_EVAL_NOT_EVALUATED", 0, 1},
    {GOVOPEN_EVAL_COUNTY, "GOVOPEN_EVAL_COUNTY", 0, 1},
    {GOVOPEN_EVAL_MAX_NAMED, "GOVOPEN_EVAL_MAX_NAMED", 0, 1000},
    {GOVOPEN_EVAL_STRICT, "GOVOPEN_EVAL_STRICT", 0, 1},
    {GOVOPEN_EVAL_MAX_STEPS, "GOVOPEN_EVAL_MAX_STEPS", 1, INT64_MAX},
    {GOVOPEN_EVAL_MAX_OBSERVATIONS, "GOVOPEN_EVAL_MAX_OBSERVATIONS", 1, (int64_t)1 << 40},
    {GOVOPEN_EVAL_JOBS, "GOVOPEN_EVAL_JOBS", 1, 64},
    {GOVOPEN_EVAL_MAX_KEYS, "GOVOPEN_EVAL_MAX_KEYS", 1, 10000000},
    {GOVOPEN_EVAL_MAX_DIAGNOSTICS, "GOVOPEN_EVAL_MAX_DIAGNOSTICS", 1, (int64_t)1 << 40},
    {GOVOPEN_EVAL_MIN_COVERAGE, "GOVOPEN_EVAL_MIN_COVERAGE", 0, 100},
};

int govopen_evaluation_set_int_ex(govopen_evaluation *ev, int option, int64_t value, govopen_error **err) {
  if (err) *err = NULL;
  if (ev == NULL) return no_evaluation(err);
  int rc = govopen_evaluation_set_int(ev, option, value);
  if (rc == GOVOPEN_OK) return rc;
  for (size_t i = 0; i < sizeof setting_ranges / sizeof setting_ranges[0]; i++) {
    if (setting_ranges[i].option != option) continue;
    if (rc == GOVOPEN_ESTATE) return started_error(err, setting_ranges[i].name);
    return gv_error_set(err, rc, "", "api.setting_out_of_range",
                        "%s (%d) is %" PRId64 "; it must be %" PRId64 " to %" PRId64, setting_ranges[i].name, option,
                        value, setting_ranges[i].lo, setting_ranges[i].hi);
  }
  if (rc == GOVOPEN_EINVALID)
    return gv_error_set(err, rc, "", "api.evaluation_setting_unknown",
                        "evaluation setting %d is unknown, or %" PRId64 " is out of its range", option, value);
  return gv_error_ensure(err, rc, "govopen_evaluation_set_int_ex");
}

int govopen_evaluation_set_calendar_file(govopen_evaluation *ev, const char *path, govopen_error **err) {
  if (err) *err = NULL;
  if (ev == NULL) return no_evaluation(err);
  if (path == NULL)
    return gv_error_set(err, GOVOPEN_EINVALID, "", "api.calendar_file_null", "no calendar file name given");
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
            : gv_error_set(err, GOVOPEN_ENOMEM, path, "system.out_of_memory", "out of memory");
  if (rc == GOVOPEN_OK) gv_digest_hex(data ? data : "", len, ev->calendar_digest);
  free(data);
  if (rc != GOVOPEN_OK) return gv_error_ensure(err, rc, path);
  govopen_calendar_free(ev->calendar);
  ev->calendar = cal;
  ev->calendar_file = name;
  return GOVOPEN_OK;
}

int govopen_evaluation_add_buffer(govopen_evaluation *ev, const char *data, size_t len, const char *source_name,
                                  int format, govopen_error **err) {
  if (err) *err = NULL;
  if (ev == NULL) return no_evaluation(err);
  if (data == NULL && len)
    return gv_error_set(err, GOVOPEN_EINVALID, source_name ? source_name : "", "api.data_null", "no data");
  if (format < GOVOPEN_FORMAT_AUTO || format > GOVOPEN_FORMAT_CSV) return bad_format(err, format);
  return gv_error_ensure(err, gv_obs_add(ev, data ? data : "", len, source_name, format, err),
                         source_name ? source_name : "<buffer>");
}

int govopen_evaluation_add_file(govopen_evaluation *ev, const char *path, int format, govopen_error **err) {
  if (err) *err = NULL;
  if (ev == NULL) return no_evaluation(err);
  if (path == NULL) return gv_error_set(err, GOVOPEN_EINVALID, "", "api.file_name_null", "no file name given");
  if (format < GOVOPEN_FORMAT_AUTO || format > GOVOPEN_FORMAT_CSV) return bad_format(err, format);
  return gv_error_ensure(err, gv_obs_add_file(ev, path, format, err), path);
}

size_t govopen_evaluation_observation_count(const govopen_evaluation *ev) {
  return ev ? ev->sink.accepted : (size_t)-1;
}
size_t govopen_evaluation_rejected_count(const govopen_evaluation *ev) { return ev ? ev->rejected : (size_t)-1; }
const govopen_error *govopen_evaluation_diagnostics(const govopen_evaluation *ev) {
  if (ev == NULL) return NULL;
  return ev->diags.head ? ev->diags.head : ev->run_diags.head;
}

int govopen_evaluation_run(govopen_evaluation *ev, govopen_result **out, govopen_error **err) {
  if (err) *err = NULL;
  if (out == NULL) return no_out(err);
  *out = NULL;
  if (ev == NULL) return no_evaluation(err);
  return gv_error_ensure(err, gv_evaluate(ev, 1, out, err), "the evaluation");
}

int govopen_evaluation_write_json(govopen_evaluation *ev, unsigned flags, govopen_write_fn write, void *user,
                                  govopen_error **err) {
  if (err) *err = NULL;
  if (ev == NULL) return no_evaluation(err);
  if (write == NULL)
    return gv_error_set(err, GOVOPEN_EINVALID, "", "api.write_callback_null", "no write callback given");
  if ((flags & ~(unsigned)GOVOPEN_JSON_PRETTY) != 0)
    return gv_error_set(err, GOVOPEN_EINVALID, "", "api.flags_unknown", "unknown flags 0x%x (only GOVOPEN_JSON_PRETTY)",
                        flags & ~(unsigned)GOVOPEN_JSON_PRETTY);
  govopen_result *r = NULL;
  int rc = gv_evaluate(ev, 0, &r, err);
  if (rc != GOVOPEN_OK) return gv_error_ensure(err, rc, "the evaluation");
  rc = gv_result_write_json(r, flags, 0, write, user);
  govopen_result_free(r);
  if (rc == GOVOPEN_ENOMEM) return gv_error_set(err, rc, "", "system.out_of_memory", "out of memory");
  if (rc == GOVOPEN_ESTOPPED)
    return gv_error_set(err, rc, "", "api.write_stopped", "the write callback stopped the output");
  return gv_error_ensure(err, rc, "the result's JSON");
}

/* --- results ------------------------------------------------------------------------- */

void govopen_result_free(govopen_result *r) { gv_result_free(r); }

const govopen_framework *govopen_result_framework(const govopen_result *r) { return r ? r->fw : NULL; }
/* A bad handle or index (docs/abi.md, "Values that say there is none"):
   NaN for a double, (size_t)-1 for a count or index, NULL for a string,
   -1 for an int — never a value a real answer could have. */
#define NO_VALUE ((double)NAN)

const char *govopen_result_as_of(const govopen_result *r) { return r ? r->as_of : NULL; }
size_t govopen_result_observation_count(const govopen_result *r) { return r ? r->observations : (size_t)-1; }
size_t govopen_result_rejected_count(const govopen_result *r) { return r ? r->rejected : (size_t)-1; }

static const gv_unit_result *unit_res(const govopen_result *r, size_t u) {
  return r && u < r->fw->unit_count ? &r->units[u] : NULL;
}

double govopen_result_unit_raw(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? gv_cents_to_double(u->raw) : NO_VALUE;
}
double govopen_result_unit_possible(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? gv_cents_to_double(u->possible) : NO_VALUE;
}
double govopen_result_unit_total(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? gv_cents_to_double(u->total) : NO_VALUE;
}
int govopen_result_unit_scored(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? u->scored : -1;
}
int govopen_result_unit_vetoed(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? u->vetoed : -1;
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
  if (u == NULL || node >= r->fw->node_count) return NO_VALUE;
  if (u->node_score[node] < 0) return -1.0;
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
  return c ? gv_cents_to_double(c->score) : NO_VALUE;
}
size_t govopen_result_cell_reason_count(const govopen_result *r, size_t unit, size_t point) {
  const gv_cell *c = cell(r, unit, point);
  return c ? c->reason_count : (size_t)-1;
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

static const gv_reason *reason_at(const govopen_result *r, size_t unit, size_t point, size_t i) {
  const gv_cell *c = cell(r, unit, point);
  return c && i < c->reason_count ? &c->reasons[i] : NULL;
}
size_t govopen_result_cell_reason_evidence_count(const govopen_result *r, size_t unit, size_t point, size_t i) {
  const gv_reason *x = reason_at(r, unit, point, i);
  return x ? x->evidence_count : (size_t)-1;
}
const char *govopen_result_cell_reason_evidence(const govopen_result *r, size_t unit, size_t point, size_t i,
                                                size_t j) {
  const gv_reason *x = reason_at(r, unit, point, i);
  return x && j < x->evidence_count ? x->evidence[j] : NULL;
}
const char *govopen_result_cell_reason_note(const govopen_result *r, size_t unit, size_t point, size_t i) {
  const gv_reason *x = reason_at(r, unit, point, i);
  return x ? x->note : NULL;
}
size_t govopen_result_cell_reason_sample_count(const govopen_result *r, size_t unit, size_t point, size_t i) {
  const gv_reason *x = reason_at(r, unit, point, i);
  return x ? x->sample_count : (size_t)-1;
}
static const gv_reason_sample *sample_at(const govopen_result *r, size_t unit, size_t point, size_t i, size_t j) {
  const gv_reason *x = reason_at(r, unit, point, i);
  return x && j < x->sample_count ? &x->samples[j] : NULL;
}
const char *govopen_result_cell_reason_sample_source(const govopen_result *r, size_t unit, size_t point, size_t i,
                                                     size_t j) {
  const gv_reason_sample *s = sample_at(r, unit, point, i, j);
  return s ? s->source : NULL;
}
unsigned govopen_result_cell_reason_sample_line(const govopen_result *r, size_t unit, size_t point, size_t i,
                                                size_t j) {
  const gv_reason_sample *s = sample_at(r, unit, point, i, j);
  return s ? s->line : 0;
}
unsigned govopen_result_cell_reason_sample_column(const govopen_result *r, size_t unit, size_t point, size_t i,
                                                  size_t j) {
  const gv_reason_sample *s = sample_at(r, unit, point, i, j);
  return s ? s->col : 0;
}

double govopen_result_county_point_score(const govopen_result *r, size_t point) {
  if (r == NULL || point >= r->fw->point_count) return NO_VALUE;
  if (r->county_point[point] < 0) return -1.0;
  return gv_cents_to_double(r->county_point[point]);
}
double govopen_result_county_raw(const govopen_result *r) { return r ? gv_cents_to_double(r->county_raw) : NO_VALUE; }
double govopen_result_county_possible(const govopen_result *r) {
  return r ? gv_cents_to_double(r->county_possible) : NO_VALUE;
}
double govopen_result_county_normalised(const govopen_result *r) {
  return r ? gv_cents_to_double(r->county_normalised) : NO_VALUE;
}
double govopen_result_county_total(const govopen_result *r) {
  return r ? gv_cents_to_double(r->county_total) : NO_VALUE;
}
double govopen_result_county_unclamped(const govopen_result *r) {
  return r ? gv_cents_to_double(r->county_unclamped) : NO_VALUE;
}
const char *govopen_result_county_grade(const govopen_result *r) { return r ? r->county_grade : NULL; }
size_t govopen_result_adjustment_count(const govopen_result *r) { return r ? r->adjustment_count : (size_t)-1; }
size_t govopen_result_adjustment_index(const govopen_result *r, size_t i) {
  return r && i < r->adjustment_count ? r->adjustments[i] : (size_t)-1;
}

/* --- coverage, and the other values of the result JSON ---------------------------------- */

/* The exact share `part` / `whole` of two sums of hundredths; 0 when `whole` is 0. */
static double share(int64_t part, int64_t whole) { return whole > 0 ? (double)part / (double)whole : 0.0; }

size_t govopen_result_unit_points_evaluated(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? u->points_evaluated : (size_t)-1;
}
size_t govopen_result_unit_points_applicable(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? u->points_applicable : (size_t)-1;
}
double govopen_result_unit_coverage(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? share(u->cover_evaluated, u->cover_applicable) : (double)NAN;
}
int govopen_result_unit_low_coverage(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? u->low_coverage : -1;
}
size_t govopen_result_county_points_evaluated(const govopen_result *r) {
  return r ? r->county_points_evaluated : (size_t)-1;
}
size_t govopen_result_county_points_applicable(const govopen_result *r) {
  return r ? r->county_points_applicable : (size_t)-1;
}
double govopen_result_county_coverage(const govopen_result *r) {
  return r ? share(r->county_cover_evaluated, r->county_cover_applicable) : (double)NAN;
}
size_t govopen_result_unit_ranked_of(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? u->ranked_of : (size_t)-1;
}

static int known_kind(const govopen_result *r, int kind) { return r && kind >= 0 && kind < GV_KINDS; }

size_t govopen_result_kind_ranked_count(const govopen_result *r, int kind) {
  return known_kind(r, kind) ? r->kind_ranked[kind] : (size_t)-1;
}
size_t govopen_result_kind_not_evaluated_count(const govopen_result *r, int kind) {
  return known_kind(r, kind) ? r->kind_not_evaluated[kind] : (size_t)-1;
}
size_t govopen_result_kind_low_coverage_count(const govopen_result *r, int kind) {
  return known_kind(r, kind) ? r->kind_low[kind] : (size_t)-1;
}

/* A node's value in hundredths: NaN out of range, -1.0 when not evaluated. */
static double node_value(const govopen_result *r, size_t node, const int64_t *score, const int64_t *value) {
  if (node >= r->fw->node_count) return (double)NAN;
  return score[node] < 0 ? -1.0 : gv_cents_to_double(value[node]);
}

double govopen_result_unit_node_maximum(const govopen_result *r, size_t unit, size_t node) {
  const gv_unit_result *u = unit_res(r, unit);
  if (u == NULL || node >= r->fw->node_count) return (double)NAN;
  return u->node_score[node] < 0 ? -1.0 : gv_cents_to_double(r->fw->nodes[node]->score);
}
double govopen_result_unit_node_possible(const govopen_result *r, size_t unit, size_t node) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? node_value(r, node, u->node_score, u->node_possible) : (double)NAN;
}
double govopen_result_county_node_score(const govopen_result *r, size_t node) {
  return r ? node_value(r, node, r->county_node, r->county_node) : (double)NAN;
}
double govopen_result_county_node_possible(const govopen_result *r, size_t node) {
  return r ? node_value(r, node, r->county_node, r->county_node_possible) : (double)NAN;
}

/* Counts kept as 64 bits, as size_t (saturated short of (size_t)-1, which says "no such cell"). */
static size_t count_of(uint64_t v) { return v >= (uint64_t)SIZE_MAX ? SIZE_MAX - 1 : (size_t)v; }

size_t govopen_result_cell_samples(const govopen_result *r, size_t unit, size_t point) {
  const gv_cell *c = cell(r, unit, point);
  return c ? count_of(c->samples) : (size_t)-1;
}
size_t govopen_result_cell_judged(const govopen_result *r, size_t unit, size_t point) {
  const gv_cell *c = cell(r, unit, point);
  return c ? count_of(c->judged) : (size_t)-1;
}
double govopen_result_cell_maximum(const govopen_result *r, size_t unit, size_t point) {
  const gv_cell *c = cell(r, unit, point);
  return c ? gv_cents_to_double(c->max) : (double)NAN;
}
const char *govopen_result_period_first(const govopen_result *r) { return r ? r->period_first_text : NULL; }
const char *govopen_result_period_last(const govopen_result *r) { return r ? r->period_last_text : NULL; }

int govopen_result_setting(const govopen_result *r, int option, int64_t *out) {
  if (r == NULL || out == NULL || option < GOVOPEN_EVAL_NOT_EVALUATED || option >= GV_SETTINGS) return GOVOPEN_EINVALID;
  *out = r->settings[option];
  return GOVOPEN_OK;
}

/* --- adjustments in full, reconciliation --------------------------------------------- */

static const gv_result_adj *county_adj(const govopen_result *r, size_t i) {
  return r && i < r->adjustment_count ? &r->county_adj[i] : NULL;
}
static const gv_result_adj *unit_adj(const govopen_result *r, size_t unit, size_t i) {
  const gv_unit_result *u = unit_res(r, unit);
  return u && i < u->adj_count ? &u->adj[i] : NULL;
}
static double adj_delta(const govopen_result *r, const gv_result_adj *a) {
  return a ? gv_cents_to_double(r->fw->adjustments[a->index].delta) : (double)NAN;
}
static size_t adj_evidence_count(const gv_result_adj *a) { return a ? a->evidence_count : (size_t)-1; }
static const char *adj_evidence(const gv_result_adj *a, size_t j) {
  return a && j < a->evidence_count ? a->evidence[j] : NULL;
}

double govopen_result_adjustment_delta(const govopen_result *r, size_t i) { return adj_delta(r, county_adj(r, i)); }
size_t govopen_result_adjustment_evidence_count(const govopen_result *r, size_t i) {
  return adj_evidence_count(county_adj(r, i));
}
const char *govopen_result_adjustment_evidence(const govopen_result *r, size_t i, size_t j) {
  return adj_evidence(county_adj(r, i), j);
}
const char *govopen_result_adjustment_note(const govopen_result *r, size_t i) {
  const gv_result_adj *a = county_adj(r, i);
  return a ? a->note : NULL;
}
const char *govopen_result_adjustment_date(const govopen_result *r, size_t i) {
  const gv_result_adj *a = county_adj(r, i);
  return a ? a->date : NULL;
}
int govopen_result_adjustment_applied(const govopen_result *r, size_t i) {
  const gv_result_adj *a = county_adj(r, i);
  return a ? a->applied : -1;
}

size_t govopen_result_unit_adjustment_count(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? u->adj_count : (size_t)-1;
}
size_t govopen_result_unit_adjustment_index(const govopen_result *r, size_t unit, size_t i) {
  const gv_result_adj *a = unit_adj(r, unit, i);
  return a ? a->index : (size_t)-1;
}
double govopen_result_unit_adjustment_delta(const govopen_result *r, size_t unit, size_t i) {
  return adj_delta(r, unit_adj(r, unit, i));
}
size_t govopen_result_unit_adjustment_evidence_count(const govopen_result *r, size_t unit, size_t i) {
  return adj_evidence_count(unit_adj(r, unit, i));
}
const char *govopen_result_unit_adjustment_evidence(const govopen_result *r, size_t unit, size_t i, size_t j) {
  return adj_evidence(unit_adj(r, unit, i), j);
}
const char *govopen_result_unit_adjustment_note(const govopen_result *r, size_t unit, size_t i) {
  const gv_result_adj *a = unit_adj(r, unit, i);
  return a ? a->note : NULL;
}
const char *govopen_result_unit_adjustment_date(const govopen_result *r, size_t unit, size_t i) {
  const gv_result_adj *a = unit_adj(r, unit, i);
  return a ? a->date : NULL;
}
int govopen_result_unit_adjustment_applied(const govopen_result *r, size_t unit, size_t i) {
  const gv_result_adj *a = unit_adj(r, unit, i);
  return a ? a->applied : -1;
}
const char *govopen_result_unit_adjustment_why(const govopen_result *r, size_t unit, size_t i) {
  const gv_result_adj *a = unit_adj(r, unit, i);
  return a ? a->why : NULL;
}

double govopen_result_unit_normalised(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? gv_cents_to_double(u->normalised) : (double)NAN;
}
double govopen_result_unit_unclamped(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? gv_cents_to_double(u->unclamped) : (double)NAN;
}
double govopen_result_unit_maximum(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? gv_cents_to_double(u->maximum) : (double)NAN;
}
double govopen_result_unit_rounding(const govopen_result *r, size_t unit) {
  const gv_unit_result *u = unit_res(r, unit);
  return u ? gv_cents_to_double(u->rounding) : (double)NAN;
}
double govopen_result_cell_lost(const govopen_result *r, size_t unit, size_t point) {
  const gv_cell *c = cell(r, unit, point);
  return c ? gv_cents_to_double(c->lost) : (double)NAN;
}
double govopen_result_county_rounding(const govopen_result *r) {
  return r ? gv_cents_to_double(r->county_rounding) : (double)NAN;
}
double govopen_result_county_point_lost(const govopen_result *r, size_t point) {
  if (r == NULL || point >= r->fw->point_count) return (double)NAN;
  return gv_cents_to_double(r->county_lost[point]);
}
