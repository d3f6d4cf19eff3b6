/* The count_per_period kind: at least `min` items (a sample each, or a
 * period's tally: `count` from `period_start`) in each quarter or month of
 * the evaluation period up to the as-of date; every period, or the share
 * of them that met it. */
#include "calendar/date.h"
#include "rules/kind_impl.h"
#include "util/cents.h"

enum { PERIOD_QUARTER, PERIOD_MONTH };
enum { SCORE_RATIO, SCORE_ALL };

typedef struct params {
  int64_t min;
  int period;
  int scoring;
} params;

typedef struct state {
  gv_acc h;
  int64_t *counts; /* per period of the evaluation period up to the as-of date */
  size_t np;
  uint64_t outside;
} state;

static void compile(gv_rule_in *in, void *pv) {
  params *p = pv;
  gv_in_count(in, in->block, gv_in_key(in, "min"), GV_RK_REQUIRED, 1, in->what, &p->min);
  static const char *const periods[] = {"quarter", "month"};
  p->period = gv_in_choice(in, gv_in_key(in, "period"), in->what, periods, 2, PERIOD_QUARTER);
  static const char *const scorings[] = {"ratio", "all"};
  p->scoring = gv_in_choice(in, gv_in_key(in, "scoring"), "a rule", scorings, 2, SCORE_RATIO);
  gv_in_field(in, "date", GV_FT_DATE, 0, NULL);
  gv_in_field(in, "count", GV_FT_NUM, 0, NULL);
  gv_in_field(in, "period_start", GV_FT_DATE, 0, NULL);
}

/* The period (quarter or month) index of a date since year 0, and its bounds. */
static int64_t period_of(int period, int32_t date) {
  int y, m, d;
  gv_civil_from_days(date, &y, &m, &d);
  return period == PERIOD_MONTH ? (int64_t)y * 12 + (m - 1) : (int64_t)y * 4 + (m - 1) / 3;
}

static void period_bounds(int period, int64_t p, int32_t *first, int32_t *last) {
  int y = (int)(p / (period == PERIOD_MONTH ? 12 : 4));
  int idx = (int)(p % (period == PERIOD_MONTH ? 12 : 4));
  int m0 = period == PERIOD_MONTH ? idx + 1 : idx * 3 + 1;
  int months = period == PERIOD_MONTH ? 1 : 3;
  *first = gv_days_from_civil(y, m0, 1);
  int ny = y, nm = m0 + months;
  if (nm > 12) {
    nm -= 12;
    ny++;
  }
  *last = gv_days_from_civil(ny, nm, 1) - 1;
}

static void put_period(gv_buf *b, int period, int64_t p) {
  if (period == PERIOD_MONTH)
    gv_buf_printf(b, "%lld年%lld月", (long long)(p / 12), (long long)(p % 12 + 1));
  else
    gv_buf_printf(b, "%lld年第%lld季度", (long long)(p / 4), (long long)(p % 4 + 1));
}

/* The periods judged: those of the evaluation period up to the as-of date's. */
static void period_range(const params *p, const gv_rule_ctx *c, int64_t *first, int64_t *last) {
  *first = period_of(p->period, c->period_start);
  *last = period_of(p->period, c->period_end);
  int64_t now = period_of(p->period, c->as_of);
  if (*last > now) *last = now;
}

static int add(const gv_rule *r, gv_acc *acc, const gv_sample *smp, const gv_rule_ctx *c, gv_arena *a, gv_buf *why) {
  (void)why;
  const params *pr = r->params;
  state *s = (state *)acc;
  int64_t first, last;
  period_range(pr, c, &first, &last);
  if (last < first) return GOVOPEN_OK; /* nothing to judge: the score says so */
  if (s->counts == NULL) {
    s->np = (size_t)(last - first + 1);
    if ((s->counts = gv_arena_array(a, s->np, sizeof *s->counts)) == NULL) return GOVOPEN_ENOMEM;
  }
  /* the fields in the rule's order: date, count, period_start */
  int32_t d;
  int64_t k = 1;
  if (smp->f[0].present) {
    d = smp->f[0].m.date;
  } else {
    d = smp->f[2].m.date;
    k = (int64_t)smp->f[1].num;
  }
  int64_t p = period_of(pr->period, d);
  if (d < c->period_start || d > c->period_end || p < first || p > last)
    s->outside++;
  else
    s->counts[p - first] += k;
  return GOVOPEN_OK;
}

static void merge(const gv_rule *r, gv_acc *into, gv_acc *later, const gv_rule_ctx *ctx) {
  (void)r, (void)ctx;
  state *s = (state *)into, *t = (state *)later;
  if (s->counts == NULL) {
    s->counts = t->counts;
    s->np = t->np;
  } else if (t->counts) {
    for (size_t i = 0; i < s->np && i < t->np; i++) s->counts[i] += t->counts[i];
  }
  s->outside += t->outside;
}

static void score(gv_scorer *s, const gv_acc *acc) {
  const state *st = (const state *)acc;
  const params *pr = s->r->params;
  const gv_rule_ctx *c = s->ctx;
  int64_t first, last;
  period_range(pr, c, &first, &last);
  if (last < first) {
    gv_scr_reasonf(s, GV_REASON_INFO, "count_per_period.no_period", "评估期内尚无可评判的周期");
    s->out->status = GV_OUT_NOT_EVALUATED;
    return;
  }
  size_t np = (size_t)(last - first + 1);
  size_t judged = 0, met = 0;
  gv_buf short_of = {0};
  for (size_t i = 0; i < np; i++) {
    int64_t p = first + (int64_t)i;
    int64_t count = st->counts && i < st->np ? st->counts[i] : 0;
    int32_t pf, pl;
    period_bounds(pr->period, p, &pf, &pl);
    int ended = pl <= c->as_of;
    if (!ended && count < pr->min) continue; /* the current period counts once it meets min */
    judged++;
    if (count >= pr->min) {
      met++;
    } else {
      if (short_of.len) gv_buf_puts(&short_of, "、");
      put_period(&short_of, pr->period, p);
      gv_buf_printf(&short_of, "%lld条", (long long)count);
    }
  }
  if (st->outside)
    gv_scr_reasonf(s, GV_REASON_INFO, "count_per_period.outside", "%llu条不在评估期内，未计入",
                   (unsigned long long)st->outside);
  s->out->judged = judged;
  if (judged == 0) {
    gv_scr_reasonf(s, GV_REASON_INFO, "count_per_period.no_period", "评估期内尚无已结束的周期");
    s->out->status = GV_OUT_NOT_EVALUATED;
    gv_scr_part_free(s, &short_of);
    return;
  }
  s->out->score = pr->scoring == SCORE_ALL ? (met == judged ? s->r->max : 0)
                                           : gv_cents_share(s->r->max, (int64_t)met, (int64_t)judged);
  if (met < judged) {
    const char *per = pr->period == PERIOD_MONTH ? "月" : "季度";
    gv_buf b = {0};
    gv_buf_printf(&b, "每%s应不少于%lld条，%zu个%s中%zu个未达到：%s", per, (long long)pr->min, judged, per,
                  judged - met, gv_buf_str(&short_of));
    gv_scr_reason(s, GV_REASON_LOSS, "count_per_period.short", &b);
    gv_buf_free(&b);
  }
  gv_scr_part_free(s, &short_of);
}

/* A period's tally starts on its period's first day. */
static int impossible(const gv_rule *r, const gv_sample *s, gv_buf *why, gv_blame *at) {
  const params *pr = r->params;
  if (!s->f[2].present) return 0;
  int y, m, d;
  gv_civil_from_days(s->f[2].m.date, &y, &m, &d);
  int first_month = pr->period == PERIOD_MONTH ? m : (m - 1) / 3 * 3 + 1;
  if (d == 1 && m == first_month) return 0;
  char given[GV_DATE_TEXT], start[GV_DATE_TEXT];
  gv_date_format(s->f[2].m.date, given);
  gv_date_format(gv_days_from_civil(y, first_month, 1), start);
  const char *period = pr->period == PERIOD_MONTH ? "month" : "quarter";
  gv_buf_printf(why, "%s %s is not the first day of a %s (the %s it falls in begins %s)", s->f[2].name, given, period,
                period, start);
  return gv_blame_at(at, 2, (size_t)-1, 0);
}

/* A sample gives a date, or a tally: a whole count with its period's start. */
static int check_sample(const gv_rule *r, const gv_sample *smp, const char *point, int clean,
                        const gv_sample_sink *sink) {
  (void)r, (void)point;
  if (!clean) return GOVOPEN_OK;
  int has_date = smp->f[0].present, has_count = smp->f[1].present, has_ps = smp->f[2].present;
  if (has_date == (has_count || has_ps) || has_count != has_ps)
    return gv_sample_err(sink, "observation.count_sample_shape",
                         "a count_per_period sample gives 'date', or 'count' with 'period_start'");
  if (has_count && (smp->f[1].num < 0 || smp->f[1].num != (double)(int64_t)smp->f[1].num))
    return gv_sample_err(sink, "observation.count_invalid", "'count' must be a whole number, 0 or more");
  return GOVOPEN_OK;
}

static void hint(const gv_rule *r, int en, gv_buf *b) {
  (void)r;
  gv_hint_rows(en, b);
}

static const char *const keys[] = {"min", "period", "scoring", NULL};

const gv_kind_ops gv_kind_count_per_period = {
    .name = "count_per_period",
    .label_zh = "按期数量",
    .keys = keys,
    .params_size = sizeof(params),
    .compile = compile,
    .state_size = sizeof(state),
    .add = add,
    .merge = merge,
    .score = score,
    .impossible = impossible,
    .check_sample = check_sample,
    .hint = hint,
};
