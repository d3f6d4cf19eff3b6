/* Scoring: typed samples of one unit × point → a score and its reasons. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/date.h"
#include "rules/expr_bridge.h"
#include "rules/rule.h"
#include "util/buf.h"

static const char *const kind_names[GV_RULE_KIND_COUNT] = {
    "boolean", "checklist", "deadline", "recency", "count_per_period",
    "sample_ratio", "deduction", "veto", "manual", "expression"};

const char *gv_rule_kind_name(int kind) {
  return kind >= 0 && kind < GV_RULE_KIND_COUNT ? kind_names[kind] : NULL;
}

int gv_rule_kind_from_name(const char *name) {
  for (int i = 0; i < GV_RULE_KIND_COUNT; i++)
    if (strcmp(kind_names[i], name) == 0) return i;
  return -1;
}

int gv_rule_kind_single_valued(int kind) {
  return kind == GV_RULE_BOOLEAN || kind == GV_RULE_CHECKLIST || kind == GV_RULE_MANUAL;
}

size_t gv_rule_field_index(const gv_rule *r, const char *name) {
  for (size_t i = 0; i < r->field_count; i++)
    if (strcmp(r->fields[i].name, name) == 0) return i;
  return (size_t)-1;
}

/* --- building reasons --------------------------------------------------------------- */

typedef struct scorer {
  const gv_rule *r;
  const gv_rule_ctx *ctx;
  gv_arena *arena;
  gv_outcome *out;
  gv_vec reasons;
  int oom;
} scorer;

static void add_reason(scorer *s, int severity, const char *code, gv_buf *text) {
  if (text->oom) s->oom = 1;
  gv_reason *r = gv_arena_alloc(s->arena, sizeof *r);
  const char *t = gv_arena_strdup(s->arena, gv_buf_str(text));
  if (r == NULL || t == NULL || gv_vec_push(&s->reasons, r) != 0) {
    s->oom = 1;
    return;
  }
  r->severity = severity;
  r->code = code;
  r->text = t;
}

/* Frees a part of a reason's text: a part cut short by memory fails the score. */
static void part_free(scorer *s, gv_buf *part) {
  if (part->oom) s->oom = 1;
  gv_buf_free(part);
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void reasonf(scorer *s, int severity, const char *code, const char *fmt, ...) {
  gv_buf b = {0};
  va_list ap;
  va_start(ap, fmt);
  gv_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  add_reason(s, severity, code, &b);
  gv_buf_free(&b);
}

static void put_date(gv_buf *b, int32_t days) {
  int y, m, d;
  gv_civil_from_days(days, &y, &m, &d);
  gv_buf_printf(b, "%04d-%02d-%02d", y, m, d);
}

static void put_moment(gv_buf *b, const gv_moment *mo) {
  put_date(b, mo->date);
  if (!mo->date_only) {
    int64_t local = mo->seconds / 60 + GV_CST_OFFSET_MIN;
    int64_t mins = ((local % 1440) + 1440) % 1440;
    gv_buf_printf(b, " %02d:%02d", (int)(mins / 60), (int)(mins % 60));
  }
}

static void put_score(gv_buf *b, int64_t c) {
  gv_buf_printf(b, "%lld.%02lld", (long long)(c / 100), (long long)(c % 100));
}

/* " (证据：…)" when the sample carries evidence */
static void put_evidence(gv_buf *b, const gv_sample *smp) {
  if (smp->evidence && smp->evidence[0]) gv_buf_printf(b, "（证据：%s）", smp->evidence);
}

static const char *rule_label(const gv_rule *r) { return r->label ? r->label : ""; }

/* max × a / b, rounded to the nearest hundredth (halves up). */
static int64_t share(int64_t max, int64_t a, int64_t b) { return b > 0 ? (2 * max * a + b) / (2 * b) : 0; }

/* --- kinds ------------------------------------------------------------------------- */

/* Single-valued kinds: the latest observation wins; the others are noted. */
static const gv_sample *latest(scorer *s, const gv_sample *smp, size_t n) {
  const gv_sample *best = &smp[0];
  for (size_t i = 1; i < n; i++)
    if (smp[i].observed > best->observed || (smp[i].observed == best->observed && smp[i].order > best->order))
      best = &smp[i];
  for (size_t i = 0; i < n; i++) {
    if (&smp[i] == best) continue;
    gv_buf b = {0};
    gv_buf_puts(&b, "以较新的观察为准，");
    put_date(&b, smp[i].observed);
    gv_buf_printf(&b, "的观察（%s第%u行）被", smp[i].source ? smp[i].source : "", smp[i].line);
    put_date(&b, best->observed);
    gv_buf_puts(&b, "的观察取代");
    add_reason(s, GV_REASON_INFO, "observation.superseded", &b);
    gv_buf_free(&b);
  }
  return best;
}

static void score_boolean(scorer *s, const gv_sample *smp, size_t n) {
  const gv_sample *x = latest(s, smp, n);
  if (x->f[0].b) {
    s->out->score = s->r->max;
    return;
  }
  s->out->score = 0;
  gv_buf b = {0};
  gv_buf_printf(&b, "未达到要求：%s", rule_label(s->r));
  put_evidence(&b, x);
  add_reason(s, GV_REASON_LOSS, "boolean.false", &b);
  gv_buf_free(&b);
}

static void score_checklist(scorer *s, const gv_sample *smp, size_t n) {
  const gv_rule *r = s->r;
  const gv_sample *x = latest(s, smp, n);
  const gv_fval *present = &x->f[0], *missing = &x->f[1];
  size_t have = 0;
  gv_buf miss = {0};
  for (size_t i = 0; i < r->item_count; i++) {
    int found;
    if (present->present) {
      found = 0;
      for (size_t k = 0; k < present->list_count && !found; k++) found = strcmp(present->list[k], r->items[i]) == 0;
    } else {
      found = 1;
      for (size_t k = 0; k < missing->list_count && found; k++) found = strcmp(missing->list[k], r->items[i]) != 0;
    }
    if (found) {
      have++;
    } else {
      if (miss.len) gv_buf_puts(&miss, "、");
      gv_buf_puts(&miss, r->items[i]);
    }
  }
  int64_t score;
  if (r->scoring == GV_SCORE_PER_ITEM) {
    score = (int64_t)have * r->item_points;
    if (score > r->max) score = r->max;
  } else if (r->scoring == GV_SCORE_ALL) {
    score = have == r->item_count ? r->max : 0;
  } else {
    score = share(r->max, (int64_t)have, (int64_t)r->item_count);
  }
  s->out->score = score;
  if (have < r->item_count) {
    gv_buf b = {0};
    gv_buf_printf(&b, "缺少要素：%s（%zu/%zu）", gv_buf_str(&miss), have, r->item_count);
    put_evidence(&b, x);
    add_reason(s, GV_REASON_LOSS, "checklist.missing", &b);
    gv_buf_free(&b);
  }
  part_free(s, &miss);
}

static void score_manual(scorer *s, const gv_sample *smp, size_t n) {
  const gv_sample *x = latest(s, smp, n);
  int64_t c = (int64_t)(x->f[0].num * 100.0 + (x->f[0].num < 0 ? -0.5 : 0.5));
  if (c < 0) c = 0;
  if (c > s->r->max) c = s->r->max;
  s->out->score = c;
  if (c < s->r->max) {
    gv_buf b = {0};
    gv_buf_printf(&b, "评估人员给分");
    put_score(&b, c);
    gv_buf_puts(&b, "（满分");
    put_score(&b, s->r->max);
    gv_buf_puts(&b, "）");
    if (x->f[1].present) gv_buf_printf(&b, "：%s", x->f[1].str);
    put_evidence(&b, x);
    add_reason(s, GV_REASON_LOSS, "manual.below_max", &b);
    gv_buf_free(&b);
  }
}

static void score_sample_ratio(scorer *s, const gv_sample *smp, size_t n) {
  const gv_rule *r = s->r;
  size_t found = 0;
  gv_buf failed = {0};
  size_t named = 0;
  for (size_t i = 0; i < n; i++) {
    if (smp[i].f[0].b) {
      found++;
    } else if (named++ < s->ctx->max_named) {
      if (failed.len) gv_buf_puts(&failed, "；");
      gv_buf_printf(&failed, "第%zu个", i + 1);
      put_evidence(&failed, &smp[i]);
    }
  }
  size_t denom = n;
  if (r->expected > 0 && (size_t)r->expected > denom) {
    denom = (size_t)r->expected;
    reasonf(s, GV_REASON_LOSS, "sample_ratio.too_few", "只测试了%zu个样本，应测%lld个", n, (long long)r->expected);
  }
  s->out->score = share(r->max, (int64_t)found, (int64_t)denom);
  s->out->judged = n;
  if (found < n) {
    gv_buf b = {0};
    gv_buf_printf(&b, "测试%zu个，%zu个未通过%s%s", n, n - found, failed.len ? "：" : "", gv_buf_str(&failed));
    if (named > s->ctx->max_named && s->ctx->max_named) gv_buf_printf(&b, "；等另%zu个", named - s->ctx->max_named);
    add_reason(s, GV_REASON_LOSS, "sample_ratio.failed", &b);
    gv_buf_free(&b);
  }
  part_free(s, &failed);
}

static void score_deduction(scorer *s, const gv_sample *smp, size_t n) {
  const gv_rule *r = s->r;
  size_t count_idx = gv_rule_field_index(r, "count");
  int64_t occurrences = 0;
  gv_buf list = {0};
  size_t named = 0;
  for (size_t i = 0; i < n; i++) {
    const gv_fval *cnt = count_idx != (size_t)-1 ? &smp[i].f[count_idx] : NULL;
    int64_t k = cnt && cnt->present ? (int64_t)cnt->num : 1;
    occurrences += k;
    if (k > 0 && named++ < s->ctx->max_named) {
      if (list.len) gv_buf_puts(&list, "；");
      if (smp[i].evidence && smp[i].evidence[0])
        gv_buf_puts(&list, smp[i].evidence);
      else
        gv_buf_printf(&list, "%s第%u行", smp[i].source ? smp[i].source : "", smp[i].line);
    }
  }
  int64_t score = r->max - occurrences * r->per;
  if (score < r->floor) score = r->floor;
  if (score < 0) score = 0;
  s->out->score = score;
  if (occurrences > 0) {
    gv_buf b = {0};
    gv_buf_printf(&b, "发现%lld次，每次扣", (long long)occurrences);
    put_score(&b, r->per);
    gv_buf_printf(&b, "分%s%s", list.len ? "：" : "", gv_buf_str(&list));
    if (named > s->ctx->max_named && s->ctx->max_named) gv_buf_printf(&b, "；等另%zu次", named - s->ctx->max_named);
    add_reason(s, GV_REASON_LOSS, "deduction.occurrences", &b);
    gv_buf_free(&b);
  }
  part_free(s, &list);
}

static void score_veto(scorer *s, const gv_sample *smp, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (!smp[i].f[0].b) continue;
    s->out->veto = 1;
    s->out->score = 0;
    gv_buf b = {0};
    if (strcmp(s->r->target, "unit") == 0)
      gv_buf_printf(&b, "一票否决：%s，该单位总分计0分", rule_label(s->r));
    else
      gv_buf_printf(&b, "一票否决：%s，指标%s计0分", rule_label(s->r), s->r->target);
    put_evidence(&b, &smp[i]);
    add_reason(s, GV_REASON_LOSS, "veto.triggered", &b);
    gv_buf_free(&b);
    return;
  }
  s->out->score = s->r->max;
}

/* --- periods: recency and count per period ---------------------------------------------- */

static int cal_error(scorer *s, gv_buf *err) {
  if (err->oom) s->oom = 1;
  reasonf(s, GV_REASON_LOSS, "calendar.error", "无法计算工作日：%s", gv_buf_str(err));
  s->out->status = GV_OUT_ERROR;
  return -1;
}

static void score_recency(scorer *s, const gv_sample *smp, size_t n) {
  const gv_rule *r = s->r;
  size_t ok = 0;
  gv_buf stale = {0};
  size_t named = 0;
  for (size_t i = 0; i < n; i++) {
    int32_t ref = smp[i].f[1].present ? smp[i].f[1].m.date : s->ctx->as_of;
    int32_t last = smp[i].f[0].m.date;
    int64_t gap;
    if (r->within.unit == GV_SPAN_WORKDAYS) {
      gv_buf err = {0};
      int rc = s->ctx->cal.workdays_between(s->ctx->cal.cal, last, ref, &gap, &err);
      if (rc != 0) {
        cal_error(s, &err);
        gv_buf_free(&err);
        part_free(s, &stale);
        return;
      }
      gv_buf_free(&err);
    } else {
      gap = ref - last;
    }
    if (gap <= r->within.n) {
      ok++;
    } else if (named++ < s->ctx->max_named) {
      if (stale.len) gv_buf_puts(&stale, "；");
      gv_buf_puts(&stale, "最近更新");
      put_date(&stale, last);
      gv_buf_puts(&stale, "，监测日");
      put_date(&stale, ref);
      gv_buf_printf(&stale, "，相隔%lld%s", (long long)gap, r->within.unit == GV_SPAN_WORKDAYS ? "个工作日" : "天");
      put_evidence(&stale, &smp[i]);
    }
  }
  s->out->judged = n;
  if (r->scoring == GV_SCORE_RATIO)
    s->out->score = share(r->max, (int64_t)ok, (int64_t)n);
  else
    s->out->score = ok == n ? r->max : 0;
  if (ok < n) {
    gv_buf b = {0};
    gv_buf_printf(&b, "%zu个中%zu个未在%lld%s内更新%s%s", n, n - ok, (long long)r->within.n,
                  r->within.unit == GV_SPAN_WORKDAYS ? "个工作日" : "天", stale.len ? "：" : "", gv_buf_str(&stale));
    if (named > s->ctx->max_named && s->ctx->max_named) gv_buf_printf(&b, "；等另%zu个", named - s->ctx->max_named);
    add_reason(s, GV_REASON_LOSS, "recency.stale", &b);
    gv_buf_free(&b);
  }
  part_free(s, &stale);
}

/* The period (quarter or month) index of a date since year 0, and its bounds. */
static int64_t period_of(int period, int32_t date) {
  int y, m, d;
  gv_civil_from_days(date, &y, &m, &d);
  return period == GV_PERIOD_MONTH ? (int64_t)y * 12 + (m - 1) : (int64_t)y * 4 + (m - 1) / 3;
}

static void period_bounds(int period, int64_t p, int32_t *first, int32_t *last) {
  int y = (int)(p / (period == GV_PERIOD_MONTH ? 12 : 4));
  int idx = (int)(p % (period == GV_PERIOD_MONTH ? 12 : 4));
  int m0 = period == GV_PERIOD_MONTH ? idx + 1 : idx * 3 + 1;
  int months = period == GV_PERIOD_MONTH ? 1 : 3;
  *first = gv_days_from_civil(y, m0, 1);
  int ny = y, nm = m0 + months;
  if (nm > 12) {
    nm -= 12;
    ny++;
  }
  *last = gv_days_from_civil(ny, nm, 1) - 1;
}

static void put_period(gv_buf *b, int period, int64_t p) {
  if (period == GV_PERIOD_MONTH)
    gv_buf_printf(b, "%lld年%lld月", (long long)(p / 12), (long long)(p % 12 + 1));
  else
    gv_buf_printf(b, "%lld年第%lld季度", (long long)(p / 4), (long long)(p % 4 + 1));
}

static void score_count_per_period(scorer *s, const gv_sample *smp, size_t n) {
  const gv_rule *r = s->r;
  const gv_rule_ctx *c = s->ctx;
  int64_t first = period_of(r->period, c->period_start), last = period_of(r->period, c->period_end);
  int64_t now = period_of(r->period, c->as_of);
  if (last > now) last = now;
  if (last < first) {
    reasonf(s, GV_REASON_INFO, "count_per_period.no_period", "评估期内尚无可评判的周期");
    s->out->status = GV_OUT_NOT_EVALUATED;
    return;
  }
  size_t np = (size_t)(last - first + 1);
  int64_t *counts = calloc(np, sizeof *counts);
  if (counts == NULL) {
    s->oom = 1;
    return;
  }
  size_t date_idx = gv_rule_field_index(r, "date"), count_idx = gv_rule_field_index(r, "count"),
         ps_idx = gv_rule_field_index(r, "period_start");
  size_t outside = 0;
  for (size_t i = 0; i < n; i++) {
    int32_t d;
    int64_t k = 1;
    if (smp[i].f[date_idx].present) {
      d = smp[i].f[date_idx].m.date;
    } else {
      d = smp[i].f[ps_idx].m.date;
      k = (int64_t)smp[i].f[count_idx].num;
    }
    int64_t p = period_of(r->period, d);
    if (d < c->period_start || d > c->period_end || p < first || p > last) {
      outside++;
      continue;
    }
    counts[p - first] += k;
  }
  size_t judged = 0, met = 0;
  gv_buf short_of = {0};
  for (size_t i = 0; i < np; i++) {
    int64_t p = first + (int64_t)i;
    int32_t pf, pl;
    period_bounds(r->period, p, &pf, &pl);
    int ended = pl <= c->as_of;
    if (!ended && counts[i] < r->min) continue; /* the current period counts once it meets min */
    judged++;
    if (counts[i] >= r->min) {
      met++;
    } else {
      if (short_of.len) gv_buf_puts(&short_of, "、");
      put_period(&short_of, r->period, p);
      gv_buf_printf(&short_of, "%lld条", (long long)counts[i]);
    }
  }
  free(counts);
  if (outside) reasonf(s, GV_REASON_INFO, "count_per_period.outside", "%zu条不在评估期内，未计入", outside);
  s->out->judged = judged;
  if (judged == 0) {
    reasonf(s, GV_REASON_INFO, "count_per_period.no_period", "评估期内尚无已结束的周期");
    s->out->status = GV_OUT_NOT_EVALUATED;
    part_free(s, &short_of);
    return;
  }
  s->out->score = r->scoring == GV_SCORE_ALL ? (met == judged ? r->max : 0) : share(r->max, (int64_t)met, (int64_t)judged);
  if (met < judged) {
    gv_buf b = {0};
    gv_buf_printf(&b, "每%s应不少于%lld条，%zu个%s中%zu个未达到：%s", r->period == GV_PERIOD_MONTH ? "月" : "季度",
                  (long long)r->min, judged, r->period == GV_PERIOD_MONTH ? "月" : "季度", judged - met,
                  gv_buf_str(&short_of));
    add_reason(s, GV_REASON_LOSS, "count_per_period.short", &b);
    gv_buf_free(&b);
  }
  part_free(s, &short_of);
}

/* --- deadlines --------------------------------------------------------------------------- */

enum { V_ON_TIME, V_LATE, V_UNANSWERED, V_DUE_SOON, V_PENDING, V_ERROR };

typedef struct verdict {
  int v;
  int has_start;
  const gv_limit *limit; /* the limit that decided a late or due-soon verdict */
  gv_moment start, end;
  int64_t used;     /* working days, days or hours used (late ones) */
  int32_t deadline; /* the deadline date (days and working days) */
} verdict;

static const char *span_unit_text(const gv_span *sp) {
  switch (sp->unit) {
    case GV_SPAN_WORKDAYS: return "个工作日";
    case GV_SPAN_DAYS: return "天";
    case GV_SPAN_HOURS: return "小时";
    default: return "";
  }
}

/* Working days (or days, or hours) inside the pauses that fall after the start. */
static int paused_amount(scorer *s, const gv_fval *pauses, const gv_moment *start, gv_span_unit unit, int64_t *out,
                         gv_buf *err) {
  *out = 0;
  if (pauses == NULL || !pauses->present) return 0;
  for (size_t i = 0; i < pauses->iv_count; i++) {
    const gv_interval *iv = &pauses->iv[i];
    if (unit == GV_SPAN_HOURS) {
      int64_t from = iv->from.seconds > start->seconds ? iv->from.seconds : start->seconds;
      int64_t to = iv->to.date_only ? iv->to.seconds + 86400 : iv->to.seconds;
      if (to > from) *out += to - from;
    } else {
      int32_t from = iv->from.date > start->date ? iv->from.date : start->date + 1;
      int32_t to = iv->to.date;
      if (to < from) continue;
      if (unit == GV_SPAN_WORKDAYS) {
        int64_t k;
        if (s->ctx->cal.workdays_between(s->ctx->cal.cal, from - 1, to, &k, err) != 0) return -1;
        *out += k;
      } else {
        *out += to - from + 1;
      }
    }
  }
  return 0;
}

static const gv_limitset *limits_for(scorer *s, const gv_sample *smp, int *unknown_category) {
  const gv_rule *r = s->r;
  *unknown_category = 0;
  if (r->tier_count == 0 && r->tier_default.count == 0) return &r->limits;
  const gv_fval *cat = &smp->f[r->tier_index];
  for (size_t i = 0; cat->present && i < r->tier_count; i++)
    if (strcmp(r->tiers[i].value, cat->str) == 0) return &r->tiers[i].limits;
  if (r->tier_default.count) return &r->tier_default;
  *unknown_category = 1;
  return NULL;
}

/* The start of a sample: by channel, by restart, or the start field. */
static int sample_start(scorer *s, const gv_sample *smp, gv_moment *out) {
  const gv_rule *r = s->r;
  if (r->has_restart && smp->f[r->restart_index].present) {
    *out = smp->f[r->restart_index].m;
    return 0;
  }
  if (r->by_channel) {
    const gv_fval *ch = &smp->f[r->channel_index];
    for (size_t i = 0; ch->present && i < r->channel_count; i++) {
      if (strcmp(r->channels[i].value, ch->str) == 0) {
        const gv_fval *f = &smp->f[r->channels[i].field_index];
        if (!f->present) return -1;
        *out = f->m;
        return 0;
      }
    }
    return -1;
  }
  if (!smp->f[r->start_index].present) return -1;
  *out = smp->f[r->start_index].m;
  return 0;
}

/* Judges one sample against one limit. */
static int judge_limit(scorer *s, const gv_sample *smp, const gv_limit *lim, const gv_moment *start, verdict *v,
                       gv_buf *err) {
  const gv_rule *r = s->r;
  const gv_fval *end = &smp->f[lim->end_index];
  const gv_fval *pauses = r->pause_index != (size_t)-1 ? &smp->f[r->pause_index] : NULL;
  int extended = r->has_extension && r->extended_index != (size_t)-1 && smp->f[r->extended_index].present &&
                 smp->f[r->extended_index].b;
  gv_span sp = lim->span;
  int64_t n = sp.n;
  if (extended && sp.unit == r->extension.unit) n += r->extension.n;
  v->limit = lim;
  v->start = *start;
  if (end->present) v->end = end->m;
  int32_t as_of = s->ctx->as_of;

  if (sp.unit == GV_SPAN_DUE) {
    v->deadline = sp.due;
    if (end->present) {
      v->v = end->m.date <= sp.due ? V_ON_TIME : V_LATE;
      v->used = end->m.date - sp.due;
    } else {
      v->v = as_of > sp.due ? V_UNANSWERED : (sp.due - as_of <= 3 ? V_DUE_SOON : V_PENDING);
    }
    return 0;
  }
  int64_t paused = 0;
  if (paused_amount(s, pauses, start, sp.unit, &paused, err) != 0) return -1;
  if (sp.unit == GV_SPAN_HOURS) {
    /* paused is in seconds here */
    int64_t due_at = start->seconds + n * 3600 + paused;
    if (end->present) {
      int64_t used = end->m.seconds - start->seconds - paused;
      v->used = used / 60; /* minutes, shown as hours and minutes */
      v->v = used <= n * 3600 ? V_ON_TIME : V_LATE;
    } else {
      /* the as-of date counts to its end (24:00 China Standard Time) */
      int64_t now = gv_day_start(as_of + 1, GV_CST_OFFSET_MIN);
      int64_t soon = (r->has_due_soon && r->due_soon.unit == GV_SPAN_HOURS ? r->due_soon.n : 6) * 3600;
      v->v = now > due_at ? V_UNANSWERED : (due_at - now <= soon ? V_DUE_SOON : V_PENDING);
    }
    return 0;
  }
  /* working days or days: the deadline is a date */
  int32_t deadline;
  if (sp.unit == GV_SPAN_WORKDAYS) {
    if (s->ctx->cal.add_workdays(s->ctx->cal.cal, start->date, n + paused, &deadline, err) != 0) return -1;
  } else {
    if (s->ctx->cal.next_workday(s->ctx->cal.cal, start->date + (int32_t)(n + paused), &deadline, err) != 0)
      return -1;
  }
  v->deadline = deadline;
  if (end->present) {
    v->v = end->m.date <= deadline ? V_ON_TIME : V_LATE;
    if (sp.unit == GV_SPAN_WORKDAYS) {
      int64_t used;
      if (s->ctx->cal.workdays_between(s->ctx->cal.cal, start->date, end->m.date, &used, err) != 0) return -1;
      v->used = used - paused;
    } else {
      v->used = end->m.date - start->date - paused;
    }
    return 0;
  }
  if (as_of > deadline) {
    v->v = V_UNANSWERED;
    return 0;
  }
  int64_t left;
  int64_t soon = r->has_due_soon ? r->due_soon.n : 3;
  if (sp.unit == GV_SPAN_WORKDAYS) {
    if (s->ctx->cal.workdays_between(s->ctx->cal.cal, as_of, deadline, &left, err) != 0) return -1;
  } else {
    left = deadline - as_of;
  }
  v->v = left <= soon ? V_DUE_SOON : V_PENDING;
  return 0;
}

/* "2023-04-20→2023-05-22（限20个工作日，用时21个工作日）" and the like. */
static void put_verdict(gv_buf *b, const verdict *v) {
  const gv_span *sp = &v->limit->span;
  const char *name = v->limit->name ? v->limit->name : "";
  int open = v->v == V_UNANSWERED || v->v == V_DUE_SOON;
  if (v->has_start) {
    put_moment(b, &v->start);
    gv_buf_puts(b, "→");
  }
  if (open)
    gv_buf_puts(b, "未答复");
  else
    put_moment(b, &v->end);
  gv_buf_printf(b, "（%s", name);
  if (sp->unit == GV_SPAN_DUE) {
    gv_buf_puts(b, "应于");
    put_date(b, sp->due);
    gv_buf_puts(b, "前完成");
    if (v->v == V_LATE) gv_buf_printf(b, "，迟%lld天", (long long)v->used);
  } else if (open && sp->unit != GV_SPAN_HOURS) {
    gv_buf_puts(b, "期限");
    put_date(b, v->deadline);
  } else {
    gv_buf_printf(b, "限%lld%s", (long long)sp->n, span_unit_text(sp));
    if (v->v == V_LATE && sp->unit == GV_SPAN_HOURS) {
      gv_buf_printf(b, "，用时%lld小时", (long long)(v->used / 60));
      if (v->used % 60) gv_buf_printf(b, "%lld分", (long long)(v->used % 60));
    } else if (v->v == V_LATE) {
      gv_buf_printf(b, "，用时%lld%s", (long long)v->used, span_unit_text(sp));
    }
  }
  gv_buf_puts(b, "）");
}

static void score_deadline(scorer *s, const gv_sample *smp, size_t n) {
  const gv_rule *r = s->r;
  size_t on_time = 0, late = 0, unanswered = 0, due_soon = 0, pending = 0, errors = 0;
  verdict *vs = calloc(n ? n : 1, sizeof *vs);
  if (vs == NULL) {
    s->oom = 1;
    return;
  }
  for (size_t i = 0; i < n; i++) {
    gv_moment start = {0, s->ctx->as_of, 1};
    int unknown = 0, has_start = 1;
    const gv_limitset *ls = limits_for(s, &smp[i], &unknown);
    /* a fixed due date needs no start */
    int due_only = ls != NULL;
    for (size_t k = 0; ls && k < ls->count; k++) due_only &= ls->items[k].span.unit == GV_SPAN_DUE;
    if (ls && sample_start(s, &smp[i], &start) != 0) {
      has_start = 0;
      if (due_only) start.date = s->ctx->as_of;
    }
    if (ls == NULL || (!has_start && !due_only)) {
      vs[i].v = V_ERROR;
      errors++;
      if (unknown)
        reasonf(s, GV_REASON_WARNING, "deadline.unknown_category", "%s第%u行：类别“%s”没有对应的时限，未计入",
                smp[i].source ? smp[i].source : "", smp[i].line, smp[i].f[r->tier_index].str);
      else
        reasonf(s, GV_REASON_WARNING, "deadline.no_start", "%s第%u行：缺少起算日期，未计入",
                smp[i].source ? smp[i].source : "", smp[i].line);
      continue;
    }
    /* the worst verdict over the sample's limits decides */
    vs[i].v = V_ON_TIME;
    for (size_t k = 0; k < ls->count; k++) {
      verdict one = {0};
      gv_buf err = {0};
      one.has_start = has_start;
      if (judge_limit(s, &smp[i], &ls->items[k], &start, &one, &err) != 0) {
        cal_error(s, &err);
        gv_buf_free(&err);
        free(vs);
        return;
      }
      gv_buf_free(&err);
      static const int rank[] = {[V_ON_TIME] = 0, [V_PENDING] = 1, [V_DUE_SOON] = 2, [V_LATE] = 3, [V_UNANSWERED] = 4};
      if (k == 0 || rank[one.v] > rank[vs[i].v]) vs[i] = one;
    }
    switch (vs[i].v) {
      case V_ON_TIME: on_time++; break;
      case V_LATE: late++; break;
      case V_UNANSWERED: unanswered++; break;
      case V_DUE_SOON: due_soon++; break;
      default: pending++; break;
    }
  }
  size_t judged = on_time + late + unanswered;
  s->out->judged = judged;
  /* Name up to max_named failing samples, then count the rest. */
  const int kinds[2] = {V_LATE, V_UNANSWERED};
  const char *codes[2] = {"deadline.late", "deadline.unanswered"};
  for (int k = 0; k < 2; k++) {
    size_t total = k == 0 ? late : unanswered;
    if (total == 0) continue;
    gv_buf b = {0};
    gv_buf_printf(&b, "抽查%zu件，%zu件%s%s", judged, total, k == 0 ? "超过时限" : "逾期未答复",
                  s->ctx->max_named ? "：" : "");
    size_t named = 0;
    for (size_t i = 0; i < n; i++) {
      if (vs[i].v != kinds[k]) continue;
      if (named < s->ctx->max_named) {
        if (named) gv_buf_puts(&b, "；");
        put_verdict(&b, &vs[i]);
        put_evidence(&b, &smp[i]);
      }
      named++;
    }
    if (named > s->ctx->max_named && s->ctx->max_named) gv_buf_printf(&b, "；等另%zu件", named - s->ctx->max_named);
    add_reason(s, GV_REASON_LOSS, codes[k], &b);
    gv_buf_free(&b);
  }
  for (size_t i = 0; i < n; i++) {
    if (vs[i].v != V_DUE_SOON) continue;
    gv_buf b = {0};
    gv_buf_puts(&b, "即将到期：");
    put_verdict(&b, &vs[i]);
    put_evidence(&b, &smp[i]);
    add_reason(s, GV_REASON_WARNING, "deadline.due_soon", &b);
    gv_buf_free(&b);
  }
  free(vs);
  if (judged == 0) {
    reasonf(s, GV_REASON_INFO, "deadline.none_judged", "%zu件均未到期，尚无可评判的样本", pending + due_soon);
    s->out->status = GV_OUT_NOT_EVALUATED;
    return;
  }
  size_t failing = late + unanswered;
  if (r->scoring == GV_SCORE_ALL) {
    s->out->score = failing ? 0 : r->max;
  } else if (r->scoring == GV_SCORE_DEDUCT) {
    int64_t score = r->max - (int64_t)failing * r->per_late;
    s->out->score = score < r->floor ? r->floor : score;
  } else {
    s->out->score = share(r->max, (int64_t)on_time, (int64_t)judged);
  }
  (void)errors;
}

/* --- the entry point ------------------------------------------------------------------- */

int gv_rule_score(const gv_rule *r, const gv_sample *samples, size_t n, const gv_rule_ctx *ctx, gv_arena *arena,
                  gv_outcome *out) {
  memset(out, 0, sizeof *out);
  scorer s = {r, ctx, arena, out, {0}, 0};
  out->samples = n;
  out->status = GV_OUT_SCORED;
  if (n == 0) {
    out->status = GV_OUT_NOT_EVALUATED;
  } else {
    switch (r->kind) {
      case GV_RULE_BOOLEAN: score_boolean(&s, samples, n); break;
      case GV_RULE_CHECKLIST: score_checklist(&s, samples, n); break;
      case GV_RULE_DEADLINE: score_deadline(&s, samples, n); break;
      case GV_RULE_RECENCY: score_recency(&s, samples, n); break;
      case GV_RULE_COUNT_PER_PERIOD: score_count_per_period(&s, samples, n); break;
      case GV_RULE_SAMPLE_RATIO: score_sample_ratio(&s, samples, n); break;
      case GV_RULE_DEDUCTION: score_deduction(&s, samples, n); break;
      case GV_RULE_VETO: score_veto(&s, samples, n); break;
      case GV_RULE_MANUAL: score_manual(&s, samples, n); break;
      case GV_RULE_EXPRESSION: gv_rule_score_expression(r, samples, n, ctx, arena, out, &s.reasons, &s.oom); break;
      default: out->status = GV_OUT_ERROR; break;
    }
  }
  if (out->status != GV_OUT_SCORED) out->score = 0;
  if (out->score < 0) out->score = 0;
  if (out->score > r->max) out->score = r->max;
  if (s.reasons.len) {
    out->reasons = gv_arena_array(arena, s.reasons.len, sizeof(gv_reason));
    if (out->reasons == NULL) {
      s.oom = 1;
    } else {
      for (size_t i = 0; i < s.reasons.len; i++) out->reasons[i] = *(gv_reason *)s.reasons.items[i];
      out->reason_count = s.reasons.len;
    }
  }
  gv_vec_free(&s.reasons);
  return s.oom ? -1 : 0;
}
