/* What a result was made from (docs/results.md, "fingerprint"): the
 * library's version, the framework's digest, the calendar, the as-of date,
 * the period, the numbered settings and every input's digest and counts,
 * with one digest over them all. Filled at the end of a run (gv_evaluate),
 * read by api/fingerprint.c's accessors and report/result_json.c. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "calendar/date.h"
#include "eval/eval.h"
#include "govopen/version.h"
#include "util/buf.h"

/* The settings named, in option-id order. */
static const struct {
  int id;
  const char *name;
} settings[GV_FP_SETTINGS] = {
    {GOVOPEN_EVAL_NOT_EVALUATED, "not_evaluated"}, {GOVOPEN_EVAL_COUNTY, "county"},
    {GOVOPEN_EVAL_MAX_NAMED, "max_named"},         {GOVOPEN_EVAL_STRICT, "strict"},
    {GOVOPEN_EVAL_MAX_STEPS, "max_steps"},         {GOVOPEN_EVAL_MAX_OBSERVATIONS, "max_observations"},
    {GOVOPEN_EVAL_MAX_KEYS, "max_keys"},           {GOVOPEN_EVAL_MAX_DIAGNOSTICS, "max_diagnostics"},
    {GOVOPEN_EVAL_MIN_COVERAGE, "min_coverage"},
};

static int64_t setting_value(const govopen_evaluation *ev, const govopen_result *r, int id) {
  switch (id) {
    case GOVOPEN_EVAL_NOT_EVALUATED: return r->not_evaluated_zero;
    case GOVOPEN_EVAL_COUNTY: return r->county_min;
    case GOVOPEN_EVAL_MAX_NAMED: return (int64_t)ev->max_named;
    case GOVOPEN_EVAL_STRICT: return ev->strict;
    case GOVOPEN_EVAL_MAX_STEPS: return (int64_t)ev->max_steps;
    case GOVOPEN_EVAL_MAX_OBSERVATIONS: return (int64_t)ev->max_observations;
    case GOVOPEN_EVAL_MAX_KEYS: return (int64_t)ev->max_keys;
    case GOVOPEN_EVAL_MIN_COVERAGE: return r->settings[GOVOPEN_EVAL_MIN_COVERAGE];
    default: return (int64_t)ev->diags.max; /* GOVOPEN_EVAL_MAX_DIAGNOSTICS */
  }
}

/* The canonical text the overall digest is taken of (docs/results.md lists
   it): one line per part, tab-separated, names of inputs and files left out. */
static void canonical_text(gv_buf *b, const govopen_result *r) {
  const gv_fingerprint *fp = &r->fp;
  char first[GV_DATE_TEXT], last[GV_DATE_TEXT];
  gv_date_format(r->period_first, first);
  gv_date_format(r->period_last, last);
  gv_buf_printf(b, "govopen fingerprint 1\nversion\t%s\nframework\t%s\t%s\n", GOVOPEN_VERSION_STRING, r->fw->id,
                fp->framework_digest);
  if (fp->calendar_digest[0])
    gv_buf_printf(b, "calendar\tfile\t%s\n", fp->calendar_digest);
  else
    gv_buf_printf(b, "calendar\tbuiltin\t%s\n", fp->calendar);
  gv_buf_printf(b, "as_of\t%s\nperiod\t%s\t%s\n", r->as_of, first, last);
  for (size_t i = 0; i < GV_FP_SETTINGS; i++)
    gv_buf_printf(b, "setting\t%d\t%" PRId64 "\n", fp->setting_id[i], fp->setting[i]);
  for (size_t i = 0; i < fp->input_count; i++) {
    const gv_input *in = &fp->inputs[i];
    gv_buf_printf(b, "input\t%s\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\n", in->digest, in->records, in->accepted,
                  in->rejected);
  }
}

int gv_fingerprint_fill(const govopen_evaluation *ev, govopen_result *r) {
  gv_fingerprint *fp = &r->fp;
  memcpy(fp->framework_digest, ev->fw->digest, sizeof fp->framework_digest);
  if (ev->calendar_file) {
    fp->calendar = gv_arena_strdup(&r->arena, ev->calendar_file);
    memcpy(fp->calendar_digest, ev->calendar_digest, sizeof fp->calendar_digest);
  } else {
    fp->calendar = gv_arena_strdup(&r->arena, ev->fw->calendar);
    fp->calendar_digest[0] = '\0';
  }
  if (fp->calendar == NULL) return GOVOPEN_ENOMEM;
  for (size_t i = 0; i < GV_FP_SETTINGS; i++) {
    fp->setting_id[i] = settings[i].id;
    fp->setting_name[i] = settings[i].name;
    fp->setting[i] = setting_value(ev, r, settings[i].id);
  }
  fp->input_count = ev->input_count;
  fp->inputs = ev->input_count ? gv_arena_array(&r->arena, ev->input_count, sizeof *fp->inputs) : NULL;
  if (ev->input_count && fp->inputs == NULL) return GOVOPEN_ENOMEM;
  for (size_t i = 0; i < ev->input_count; i++) {
    fp->inputs[i] = ev->inputs[i];
    fp->inputs[i].name = gv_arena_strdup(&r->arena, ev->inputs[i].name);
    if (fp->inputs[i].name == NULL) return GOVOPEN_ENOMEM;
  }
  gv_buf b = {0};
  canonical_text(&b, r);
  if (gv_buf_status(&b) != GOVOPEN_OK) {
    gv_buf_free(&b);
    return GOVOPEN_ENOMEM;
  }
  gv_digest_hex(b.data, b.len, fp->digest);
  gv_buf_free(&b);
  return GOVOPEN_OK;
}
