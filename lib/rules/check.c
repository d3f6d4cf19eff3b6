/* Impossible samples: fields that contradict each other or the as-of date.
 * Such a sample measures nothing (a reply before its request would count as
 * on time), so the evaluation rejects its observation where the value to
 * blame stands, before any sample of it is added. */
#include <string.h>

#include "calendar/date.h"
#include "rules/rule.h"
#include "util/buf.h"

/* a before b: by date when either is only a date, else by the second */
static int before(const gv_moment *a, const gv_moment *b) {
  return a->date_only || b->date_only ? a->date < b->date : a->seconds < b->seconds;
}

static void put_moment(gv_buf *b, const gv_moment *m) {
  char d[GV_DATE_TEXT];
  gv_date_format(m->date, d);
  gv_buf_puts(b, d);
  if (!m->date_only) {
    int64_t local = m->seconds / 60 + GV_CST_OFFSET_MIN;
    int64_t mins = ((local % 1440) + 1440) % 1440;
    gv_buf_printf(b, "T%02d:%02d", (int)(mins / 60), (int)(mins % 60));
  }
}

static void put_interval(gv_buf *b, const gv_interval *iv) {
  put_moment(b, &iv->from);
  gv_buf_puts(b, "~");
  put_moment(b, &iv->to);
}

static int blame(gv_blame *at, size_t field, size_t item, int to) {
  at->field = field;
  at->item = item;
  at->to = to;
  return 1;
}

static const char *unit_words(gv_span_unit u, int64_t n) {
  switch (u) {
    case GV_SPAN_WORKDAYS: return n == 1 ? "working day" : "working days";
    case GV_SPAN_DAYS: return n == 1 ? "day" : "days";
    case GV_SPAN_HOURS: return n == 1 ? "hour" : "hours";
    default: return "";
  }
}

/* Nothing in a sample happens after the as-of date (as nothing is observed
   after it: docs/observations.md). The expression kind is left alone: its
   fields mean what the county says (a date may be a due date to come). */
static int check_as_of(const gv_rule *r, const gv_sample *s, const gv_rule_ctx *ctx, gv_buf *why, gv_blame *at) {
  if (r->kind == GV_RULE_EXPRESSION) return 0;
  char day[GV_DATE_TEXT], as_of[GV_DATE_TEXT];
  gv_date_format(ctx->as_of, as_of);
  for (size_t i = 0; i < s->nf && i < r->field_count; i++) {
    const gv_fval *f = &s->f[i];
    if (!f->present) continue;
    if (f->type == GV_FT_DATE || f->type == GV_FT_MOMENT) {
      if (f->m.date <= ctx->as_of) continue;
      gv_date_format(f->m.date, day);
      gv_buf_printf(why, "%s %s is after the evaluation's as-of date %s", f->name, day, as_of);
      return blame(at, i, (size_t)-1, 0);
    }
    if (f->type == GV_FT_INTERVALS) {
      for (size_t k = 0; k < f->iv_count; k++) {
        if (f->iv[k].to.date <= ctx->as_of) continue;
        gv_buf_printf(why, "%s ", f->name);
        put_interval(why, &f->iv[k]);
        gv_buf_printf(why, " ends after the evaluation's as-of date %s", as_of);
        return blame(at, i, k, 1);
      }
    }
  }
  return 0;
}

/* The limits a deadline sample is held to (its category's tier, the
   default tier, the rule's limits), or NULL (an unknown category, refused
   where it is read). */
static const gv_limitset *limits_of(const gv_rule *r, const gv_sample *s) {
  if (r->tier_count == 0 && r->tier_default.count == 0) return &r->limits;
  const gv_fval *cat = &s->f[r->tier_index];
  for (size_t i = 0; cat->present && i < r->tier_count; i++)
    if (strcmp(r->tiers[i].value, cat->str) == 0) return &r->tiers[i].limits;
  return !cat->present && r->tier_default.count ? &r->tier_default : NULL;
}

/* The field holding the day the request was received: the channel's
   field (start_by_channel) or the start field; (size_t)-1 when absent. */
static size_t receipt_of(const gv_rule *r, const gv_sample *s) {
  if (r->by_channel) {
    const gv_fval *ch = &s->f[r->channel_index];
    for (size_t i = 0; ch->present && i < r->channel_count; i++)
      if (strcmp(r->channels[i].value, ch->str) == 0)
        return s->f[r->channels[i].field_index].present ? r->channels[i].field_index : (size_t)-1;
    return (size_t)-1;
  }
  return r->start_index < s->nf && s->f[r->start_index].present ? r->start_index : (size_t)-1;
}

static int check_deadline(const gv_rule *r, const gv_sample *s, gv_buf *why, gv_blame *at) {
  const gv_limitset *ls = limits_of(r, s);
  if (ls == NULL) return 0;
  size_t rec = receipt_of(r, s);
  size_t rst = r->has_restart && s->f[r->restart_index].present ? r->restart_index : (size_t)-1;
  /* a correction (补正) restarts the period: it comes after the receipt */
  if (rst != (size_t)-1 && rec != (size_t)-1 && before(&s->f[rst].m, &s->f[rec].m)) {
    gv_buf_printf(why, "%s ", s->f[rst].name);
    put_moment(why, &s->f[rst].m);
    gv_buf_printf(why, " is before %s ", s->f[rec].name);
    put_moment(why, &s->f[rec].m);
    gv_buf_puts(why, " (it restarts the period of a request already received)");
    return blame(at, rst, (size_t)-1, 0);
  }
  /* the period runs from the restart, else the receipt */
  size_t from = rst != (size_t)-1 ? rst : rec;
  /* every end after the start; the sample runs until its last end, or
     until the as-of date while an end is still to come */
  const gv_moment *last = NULL;
  int open = 0;
  for (size_t k = 0; k < ls->count; k++) {
    const gv_limit *lim = &ls->items[k];
    if (lim->span.unit == GV_SPAN_DUE) continue;
    const gv_fval *end = &s->f[lim->end_index];
    if (!end->present) {
      open = 1;
      continue;
    }
    if (from != (size_t)-1 && before(&end->m, &s->f[from].m)) {
      gv_buf_printf(why, "%s ", end->name);
      put_moment(why, &end->m);
      gv_buf_printf(why, " is before %s ", s->f[from].name);
      put_moment(why, &s->f[from].m);
      return blame(at, lim->end_index, (size_t)-1, 0);
    }
    if (last == NULL || before(last, &end->m)) last = &end->m;
  }
  /* pauses lie between the receipt and the (last) reply, none overlapping another */
  const gv_fval *p = r->pause_index < s->nf ? &s->f[r->pause_index] : NULL;
  for (size_t i = 0; p && p->present && i < p->iv_count; i++) {
    const gv_interval *iv = &p->iv[i];
    if (rec != (size_t)-1 && before(&iv->from, &s->f[rec].m)) {
      gv_buf_printf(why, "%s ", p->name);
      put_interval(why, iv);
      gv_buf_printf(why, " begins before %s ", s->f[rec].name);
      put_moment(why, &s->f[rec].m);
      return blame(at, r->pause_index, i, 0);
    }
    if (!open && last && before(last, &iv->to)) {
      const gv_fval *end = NULL;
      for (size_t k = 0; k < ls->count && end == NULL; k++)
        if (ls->items[k].span.unit != GV_SPAN_DUE && &s->f[ls->items[k].end_index].m == last)
          end = &s->f[ls->items[k].end_index];
      gv_buf_printf(why, "%s ", p->name);
      put_interval(why, iv);
      gv_buf_printf(why, " ends after %s ", end ? end->name : "the end");
      put_moment(why, last);
      return blame(at, r->pause_index, i, 1);
    }
    for (size_t j = 0; j < i; j++) {
      const gv_interval *o = &p->iv[j];
      /* [a, b] and [c, d] overlap unless one ends before the other begins
         (by day when either end is a date: a day is paused whole) */
      int apart = before(&iv->to, &o->from) || before(&o->to, &iv->from) ||
                  (iv->to.date_only || o->from.date_only ? 0 : iv->to.seconds == o->from.seconds) ||
                  (o->to.date_only || iv->from.date_only ? 0 : o->to.seconds == iv->from.seconds);
      if (apart) continue;
      gv_buf_printf(why, "%s ", p->name);
      put_interval(why, iv);
      gv_buf_puts(why, " overlaps ");
      put_interval(why, o);
      gv_buf_puts(why, " (a day is paused once)");
      return blame(at, r->pause_index, i, 0);
    }
  }
  /* an extension is at most the rule's (art. 33: 不超过20个工作日), in its unit */
  if (r->has_extension && r->extended_index < s->nf && s->f[r->extended_index].present) {
    const gv_fval *e = &s->f[r->extended_index];
    int64_t n = e->num < 0 ? r->extension.n : (int64_t)e->num;
    if (e->b && n > r->extension.n) {
      gv_buf_printf(why, "%s %lld %s is longer than the rule allows (at most %lld %s)", e->name, (long long)n,
                    unit_words(r->extension.unit, n), (long long)r->extension.n,
                    unit_words(r->extension.unit, r->extension.n));
      return blame(at, r->extended_index, (size_t)-1, 0);
    }
    int counts = 0;
    for (size_t k = 0; k < ls->count; k++) counts |= ls->items[k].span.unit == r->extension.unit;
    if (e->b && !counts) {
      gv_buf_printf(why, "%s: the extension counts %s, and no limit of this sample does", e->name,
                    unit_words(r->extension.unit, 2));
      return blame(at, r->extended_index, (size_t)-1, 0);
    }
  }
  return 0;
}

/* the fields in the rule's order: last_update, monitored */
static int check_recency(const gv_sample *s, gv_buf *why, gv_blame *at) {
  if (!s->f[0].present || !s->f[1].present || s->f[0].m.date <= s->f[1].m.date) return 0;
  char a[GV_DATE_TEXT], b[GV_DATE_TEXT];
  gv_date_format(s->f[0].m.date, a);
  gv_date_format(s->f[1].m.date, b);
  gv_buf_printf(why, "%s %s is after %s %s (the update it saw cannot come after it looked)", s->f[0].name, a,
                s->f[1].name, b);
  return blame(at, 0, (size_t)-1, 0);
}

/* the fields in the rule's order: date, count, period_start */
static int check_periods(const gv_rule *r, const gv_sample *s, gv_buf *why, gv_blame *at) {
  if (!s->f[2].present) return 0;
  int y, m, d;
  gv_civil_from_days(s->f[2].m.date, &y, &m, &d);
  int first_month = r->period == GV_PERIOD_MONTH ? m : (m - 1) / 3 * 3 + 1;
  if (d == 1 && m == first_month) return 0;
  char given[GV_DATE_TEXT], start[GV_DATE_TEXT];
  gv_date_format(s->f[2].m.date, given);
  gv_date_format(gv_days_from_civil(y, first_month, 1), start);
  const char *period = r->period == GV_PERIOD_MONTH ? "month" : "quarter";
  gv_buf_printf(why, "%s %s is not the first day of a %s (the %s it falls in begins %s)", s->f[2].name, given, period,
                period, start);
  return blame(at, 2, (size_t)-1, 0);
}

int gv_sample_check(const gv_rule *r, const gv_sample *s, const gv_rule_ctx *ctx, gv_buf *why, gv_blame *at) {
  blame(at, (size_t)-1, (size_t)-1, 0);
  if (s->f == NULL || s->nf < r->field_count) return 0;
  switch (r->kind) {
    case GV_RULE_DEADLINE:
      if (check_deadline(r, s, why, at)) return 1;
      break;
    case GV_RULE_RECENCY:
      if (check_recency(s, why, at)) return 1;
      break;
    case GV_RULE_COUNT_PER_PERIOD:
      if (check_periods(r, s, why, at)) return 1;
      break;
    default: break;
  }
  return check_as_of(r, s, ctx, why, at);
}
