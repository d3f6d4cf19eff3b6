/* The deadline kind: requests answered within their time limits (working
 * days, days, hours or a fixed due date; by category through tiers; started
 * by the channel an application came by; restarted by a correction; paused;
 * extended). Each sample is judged as it arrives: on time, late, unanswered
 * past its deadline, due soon, or pending; the share on time, all or
 * nothing, or points off per failure. Its keys and the checks of its
 * samples are in kind_deadline_compile.c. */
#include <string.h>

#include "calendar/date.h"
#include "rules/kind_deadline.h"
#include "util/cents.h"

const dl_limitset *gv_deadline_limits(const gv_deadline_params *p, const gv_sample *s) {
  if (p->tier_count == 0 && p->tier_default.count == 0) return &p->limits;
  const gv_fval *cat = &s->f[p->tier_index];
  for (size_t i = 0; cat->present && i < p->tier_count; i++)
    if (strcmp(p->tiers[i].value, cat->str) == 0) return &p->tiers[i].limits;
  /* the default tier is for a sample that gives no category: an unknown one
     (refused when observations are read) never earns it */
  return !cat->present && p->tier_default.count ? &p->tier_default : NULL;
}

/* --- deadlines --------------------------------------------------------------------------- */

/* Seconds in an hour, in a day; minutes in an hour; hours in a day. */
enum { HOUR_S = 3600, DAY_S = 86400, HOUR_MIN = 60, DAY_H = 24 };

enum { V_ON_TIME, V_LATE, V_UNANSWERED, V_DUE_SOON, V_PENDING, V_ERROR };

typedef struct verdict {
  int v;
  int has_start;
  const dl_limit *limit; /* the limit that decided a late or due-soon verdict */
  gv_moment start, end;
  int64_t used;     /* working days, days or hours used (late ones) */
  int32_t deadline; /* the deadline date (days and working days) */
  int64_t extended; /* the extension taken, in the limit's unit */
  int64_t paused;   /* paused working days or days, or seconds (hours), not counted */
} verdict;

static const char *span_unit_text(const gv_span *sp) {
  switch (sp->unit) {
    case GV_SPAN_WORKDAYS: return "个工作日";
    case GV_SPAN_DAYS: return "天";
    case GV_SPAN_HOURS: return "小时";
    default: return "";
  }
}

/* Working days (or days, or hours) inside the pauses that fall after the
   start and, when the limit's end is in (`end` not NULL), not after it. */
static int paused_amount(const gv_rule_ctx *ctx, const gv_fval *pauses, const gv_moment *start, const gv_moment *end,
                         gv_span_unit unit, int64_t *out, gv_buf *err) {
  *out = 0;
  if (pauses == NULL || !pauses->present) return 0;
  for (size_t i = 0; i < pauses->iv_count; i++) {
    const gv_interval *iv = &pauses->iv[i];
    if (unit == GV_SPAN_HOURS) {
      int64_t from = iv->from.seconds > start->seconds ? iv->from.seconds : start->seconds;
      int64_t to = iv->to.date_only ? iv->to.seconds + DAY_S : iv->to.seconds;
      if (end && !end->date_only && to > end->seconds) to = end->seconds;
      if (to > from) *out += to - from;
    } else {
      int32_t from = iv->from.date > start->date ? iv->from.date : start->date + 1;
      int32_t to = iv->to.date;
      if (end && to > end->date) to = end->date;
      if (to < from) continue;
      if (unit == GV_SPAN_WORKDAYS) {
        int64_t k;
        if (ctx->cal.workdays_between(ctx->cal.cal, from - 1, to, &k, err) != 0) return GV_ACC_UNJUDGEABLE;
        *out += k;
      } else {
        *out += to - from + 1;
      }
    }
  }
  return 0;
}

/* The start of a sample: by channel, by restart, or the start field; 0 when it gives none. */
static int sample_start(const gv_deadline_params *r, const gv_sample *smp, gv_moment *out) {
  if (r->has_restart && smp->f[r->restart_index].present) {
    *out = smp->f[r->restart_index].m;
    return 1;
  }
  if (r->by_channel) {
    const gv_fval *ch = &smp->f[r->channel_index];
    for (size_t i = 0; ch->present && i < r->channel_count; i++) {
      if (strcmp(r->channels[i].value, ch->str) == 0) {
        const gv_fval *f = &smp->f[r->channels[i].field_index];
        if (!f->present) return 0;
        *out = f->m;
        return 1;
      }
    }
    return 0;
  }
  if (!smp->f[r->start_index].present) return 0;
  *out = smp->f[r->start_index].m;
  return 1;
}

/* Judges one sample against one limit. */
static int judge_limit(const gv_deadline_params *r, const gv_rule_ctx *ctx, const gv_sample *smp, const dl_limit *lim,
                       const gv_moment *start, verdict *v, gv_buf *err) {
  const gv_fval *end = &smp->f[lim->end_index];
  const gv_fval *pauses = r->pause_index != (size_t)-1 ? &smp->f[r->pause_index] : NULL;
  /* `extended: N` takes N (at most the rule's: gv_sample_check), `true` the rule's whole extension */
  const gv_fval *ext = r->has_extension && r->extended_index != (size_t)-1 ? &smp->f[r->extended_index] : NULL;
  gv_span sp = lim->span;
  int64_t n = sp.n;
  if (ext && ext->present && ext->b && sp.unit == r->extension.unit) {
    v->extended = ext->num < 0 ? r->extension.n : (int64_t)ext->num;
    n += v->extended;
  }
  v->limit = lim;
  v->start = *start;
  if (end->present) v->end = end->m;
  int32_t as_of = ctx->as_of;

  if (sp.unit == GV_SPAN_DUE) {
    v->deadline = sp.due;
    if (end->present) {
      v->v = end->m.date <= sp.due ? V_ON_TIME : V_LATE;
      v->used = end->m.date - sp.due;
      return 0;
    }
    if (as_of > sp.due) {
      v->v = V_UNANSWERED;
      return 0;
    }
    /* what is left, in the unit of the rule's due_soon (days by default):
       working days after the as-of date up to the due date, days, or the
       hours from the end of the as-of date to the end of the due date */
    int64_t left = sp.due - as_of, soon = GV_DUE_SOON_DAYS;
    if (r->has_due_soon) {
      soon = r->due_soon.n;
      if (r->due_soon.unit == GV_SPAN_WORKDAYS) {
        if (ctx->cal.workdays_between(ctx->cal.cal, as_of, sp.due, &left, err) != 0) return GV_ACC_UNJUDGEABLE;
      } else if (r->due_soon.unit == GV_SPAN_HOURS) {
        left *= DAY_H;
      }
    }
    v->v = left <= soon ? V_DUE_SOON : V_PENDING;
    return 0;
  }
  int64_t paused = 0;
  if (paused_amount(ctx, pauses, start, end->present ? &end->m : NULL, sp.unit, &paused, err) != 0)
    return GV_ACC_UNJUDGEABLE;
  v->paused = paused;
  if (sp.unit == GV_SPAN_HOURS) {
    /* paused is in seconds here */
    int64_t due_at = start->seconds + n * HOUR_S + paused;
    if (end->present) {
      int64_t used = end->m.seconds - start->seconds - paused;
      v->used = used / HOUR_MIN; /* minutes, shown as hours and minutes */
      v->v = used <= n * HOUR_S ? V_ON_TIME : V_LATE;
    } else {
      /* the as-of date counts to its end (24:00 China Standard Time) */
      int64_t now = gv_day_start(as_of + 1, GV_CST_OFFSET_MIN);
      int64_t soon =
          (r->has_due_soon && r->due_soon.unit == GV_SPAN_HOURS ? r->due_soon.n : GV_DUE_SOON_HOURS) * HOUR_S;
      v->v = now > due_at ? V_UNANSWERED : (due_at - now <= soon ? V_DUE_SOON : V_PENDING);
    }
    return 0;
  }
  /* working days or days: the deadline is a date */
  int32_t deadline;
  if (sp.unit == GV_SPAN_WORKDAYS) {
    if (ctx->cal.add_workdays(ctx->cal.cal, start->date, n + paused, &deadline, err) != 0) return GV_ACC_UNJUDGEABLE;
  } else {
    if (ctx->cal.next_workday(ctx->cal.cal, start->date + (int32_t)(n + paused), &deadline, err) != 0)
      return GV_ACC_UNJUDGEABLE;
  }
  v->deadline = deadline;
  if (end->present) {
    v->v = end->m.date <= deadline ? V_ON_TIME : V_LATE;
    if (sp.unit == GV_SPAN_WORKDAYS) {
      int64_t used;
      if (ctx->cal.workdays_between(ctx->cal.cal, start->date, end->m.date, &used, err) != 0) return GV_ACC_UNJUDGEABLE;
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
  int64_t soon = r->has_due_soon ? r->due_soon.n : GV_DUE_SOON_DAYS;
  if (sp.unit == GV_SPAN_WORKDAYS) {
    if (ctx->cal.workdays_between(ctx->cal.cal, as_of, deadline, &left, err) != 0) return GV_ACC_UNJUDGEABLE;
  } else {
    left = deadline - as_of;
  }
  v->v = left <= soon ? V_DUE_SOON : V_PENDING;
  return 0;
}

/* An amount of a limit's unit: "13个工作日", "2小时30分" (hours counted in seconds or minutes by `per_hour`). */
static void put_amount(gv_buf *b, const gv_span *sp, int64_t n, int64_t per_hour) {
  if (sp->unit != GV_SPAN_HOURS) {
    gv_buf_printf(b, "%lld%s", (long long)n, span_unit_text(sp));
    return;
  }
  gv_buf_printf(b, "%lld小时", (long long)(n / per_hour));
  if (n % per_hour) gv_buf_printf(b, "%lld分", (long long)(n % per_hour * HOUR_MIN / per_hour));
}

/* The effective limit and what changed it: "限40个工作日（延长20个工作日）". */
static void put_limit(gv_buf *b, const verdict *v) {
  const gv_span *sp = &v->limit->span;
  gv_buf_printf(b, "限%lld%s", (long long)(sp->n + v->extended), span_unit_text(sp));
  if (v->extended) {
    gv_buf_puts(b, "（延长");
    put_amount(b, sp, v->extended, 1);
    gv_buf_puts(b, "）");
  }
}

/* What a pause is called: the rule's `pause_label`, else 暂停. */
static const char *pause_words(const gv_deadline_params *r) {
  return r->pause_label && r->pause_label[0] ? r->pause_label : "暂停";
}

/* "2023-04-20→2023-05-22（限20个工作日，用时21个工作日）" and the like: the
   limit as extended, the time used with paused days taken out, each said. */
static void put_verdict(gv_buf *b, const verdict *v, const gv_deadline_params *r) {
  const gv_span *sp = &v->limit->span;
  const char *name = v->limit->name ? v->limit->name : "";
  int open = v->v == V_UNANSWERED || v->v == V_DUE_SOON;
  if (v->has_start) {
    gv_put_moment(b, &v->start);
    gv_buf_puts(b, "→");
  }
  if (open)
    gv_buf_puts(b, "未答复");
  else
    gv_put_moment(b, &v->end);
  gv_buf_printf(b, "（%s", name);
  if (sp->unit == GV_SPAN_DUE) {
    gv_buf_puts(b, "应于");
    gv_put_date(b, sp->due);
    gv_buf_puts(b, "前完成");
    if (v->v == V_LATE) gv_buf_printf(b, "，迟%lld天", (long long)v->used);
  } else if (open) {
    /* the deadline (a date, for days), and what moved it */
    if (sp->unit != GV_SPAN_HOURS) {
      gv_buf_puts(b, "期限");
      gv_put_date(b, v->deadline);
      if (v->extended || v->paused) gv_buf_puts(b, "：");
    }
    if (sp->unit == GV_SPAN_HOURS || v->extended || v->paused) put_limit(b, v);
    if (v->paused) {
      gv_buf_printf(b, "，不计%s", pause_words(r));
      put_amount(b, sp, v->paused, HOUR_S);
    }
  } else {
    put_limit(b, v);
    if (v->v == V_LATE) {
      /* minutes for hours */
      gv_buf_puts(b, "，用时");
      put_amount(b, sp, v->used, HOUR_MIN);
      if (v->paused) {
        gv_buf_printf(b, "（已扣除%s", pause_words(r));
        put_amount(b, sp, v->paused, HOUR_S);
        gv_buf_puts(b, "）");
      }
    }
  }
  gv_buf_puts(b, "）");
}

/* --- the state --------------------------------------------------------------------------- */

typedef struct dentry {
  gv_link l;
  verdict v;
  gv_kept n;
} dentry;

typedef struct wentry {
  gv_link l;
  const char *category; /* an unknown one, else NULL (no start) */
  gv_kept n;
} wentry;

typedef struct state {
  gv_acc h;
  uint64_t on_time, late, unanswered, due_soon, pending;
  gv_nlist late_l, unanswered_l, soon_l, warn_l;
} state;

/* How one deadline sample is judged: its limits, start and verdict, or why
   it counts for nothing (no limit for its category, no start). Pure. */
typedef struct djudged {
  int counted; /* 0: a warning entry (unknown category or no start) */
  int unknown; /* the category has no limit */
  verdict v;
} djudged;

/* Judges one deadline sample. 0; GV_ACC_UNJUDGEABLE when a date lies
   outside the calendar (why in `why`). */
static int judge_deadline(const gv_deadline_params *r, const gv_sample *smp, const gv_rule_ctx *ctx, djudged *out,
                          gv_buf *why) {
  memset(out, 0, sizeof *out);
  gv_moment start = {0, ctx->as_of, 1};
  int has_start = 1;
  const dl_limitset *ls = gv_deadline_limits(r, smp);
  out->unknown = ls == NULL;
  /* a fixed due date needs no start */
  int due_only = ls != NULL;
  for (size_t k = 0; ls && k < ls->count; k++) due_only &= ls->items[k].span.unit == GV_SPAN_DUE;
  if (ls && !sample_start(r, smp, &start)) {
    has_start = 0;
    if (due_only) start.date = ctx->as_of;
  }
  if (ls == NULL || (!has_start && !due_only)) return 0;
  out->counted = 1;
  /* the worst verdict over the sample's limits decides */
  verdict *v = &out->v;
  v->v = V_ON_TIME;
  for (size_t k = 0; k < ls->count; k++) {
    verdict one = {0};
    gv_buf err = {0};
    one.has_start = has_start;
    if (judge_limit(r, ctx, smp, &ls->items[k], &start, &one, &err) != 0) {
      if (why) {
        gv_buf_puts(why, gv_buf_str(&err));
        if (gv_buf_status(&err) != GOVOPEN_OK) gv_buf_fail(why);
      }
      gv_buf_free(&err);
      return GV_ACC_UNJUDGEABLE;
    }
    gv_buf_free(&err);
    static const int rank[] = {[V_ON_TIME] = 0, [V_PENDING] = 1, [V_DUE_SOON] = 2, [V_LATE] = 3, [V_UNANSWERED] = 4};
    if (k == 0 || rank[one.v] > rank[v->v]) *v = one;
  }
  return 0;
}

static int add(const gv_rule *rule, gv_acc *acc, const gv_sample *smp, const gv_rule_ctx *ctx, gv_arena *a,
               gv_buf *why) {
  const gv_deadline_params *r = rule->params;
  state *s = (state *)acc;
  size_t cap = ctx->max_named;
  djudged j;
  if (judge_deadline(r, smp, ctx, &j, why) != 0) return GV_ACC_UNJUDGEABLE;
  if (!j.counted) {
    wentry *w;
    int rc = gv_nl_add(&s->warn_l, cap, sizeof *w, a, (void **)&w);
    if (w) {
      rc = gv_keep_named(&w->n, smp, a);
      if (j.unknown && gv_keep_str(a, smp->f[r->tier_index].str, &w->category) != GOVOPEN_OK) rc = GOVOPEN_ENOMEM;
    }
    return rc;
  }
  gv_nlist *l = NULL;
  switch (j.v.v) {
    case V_ON_TIME: s->on_time++; break;
    case V_LATE: s->late++, l = &s->late_l; break;
    case V_UNANSWERED: s->unanswered++, l = &s->unanswered_l; break;
    case V_DUE_SOON: s->due_soon++, l = &s->soon_l; break;
    default: s->pending++; break;
  }
  if (l == NULL) return GOVOPEN_OK;
  dentry *e;
  int rc = gv_nl_add(l, cap, sizeof *e, a, (void **)&e);
  if (e) {
    e->v = j.v;
    rc = gv_keep_named(&e->n, smp, a);
  }
  return rc;
}

static int check(const gv_rule *rule, const gv_sample *smp, const gv_rule_ctx *ctx, gv_buf *why) {
  djudged j;
  return judge_deadline(rule->params, smp, ctx, &j, why);
}

static void merge(const gv_rule *r, gv_acc *into, gv_acc *later, const gv_rule_ctx *ctx) {
  (void)r;
  state *s = (state *)into, *t = (state *)later;
  size_t cap = ctx->max_named;
  s->on_time += t->on_time, s->late += t->late, s->unanswered += t->unanswered;
  s->due_soon += t->due_soon, s->pending += t->pending;
  gv_nl_merge(&s->late_l, &t->late_l, cap, NULL, 0);
  gv_nl_merge(&s->unanswered_l, &t->unanswered_l, cap, NULL, 0);
  gv_nl_merge(&s->soon_l, &t->soon_l, cap, NULL, 0);
  gv_nl_merge(&s->warn_l, &t->warn_l, cap, NULL, 0);
}

static void score(gv_scorer *s, const gv_acc *acc) {
  const state *st = (const state *)acc;
  const gv_deadline_params *r = s->r->params;
  size_t cap = s->ctx->max_named;
  for (const gv_link *l = st->warn_l.head; l; l = l->next) {
    const wentry *w = (const wentry *)l;
    gv_scr_name(s, &w->n);
    if (w->category)
      gv_scr_reasonf(s, GV_REASON_WARNING, "deadline.unknown_category", "%s第%u行：类别“%s”没有对应的时限，未计入",
                     w->n.source ? w->n.source : "", w->n.line, w->category);
    else
      gv_scr_reasonf(s, GV_REASON_WARNING, "deadline.no_start", "%s第%u行：缺少起算日期，未计入",
                     w->n.source ? w->n.source : "", w->n.line);
  }
  if (st->warn_l.total > cap)
    gv_scr_reasonf(s, GV_REASON_WARNING, "deadline.not_counted", "另有%llu件缺少起算日期或类别没有对应的时限，未计入",
                   (unsigned long long)(st->warn_l.total - cap));
  uint64_t judged = st->on_time + st->late + st->unanswered;
  s->out->judged = judged;
  /* Name up to max_named failing samples, then count the rest. */
  const gv_nlist *lists[2] = {&st->late_l, &st->unanswered_l};
  const char *codes[2] = {"deadline.late", "deadline.unanswered"};
  for (int k = 0; k < 2; k++) {
    if (lists[k]->total == 0) continue;
    gv_buf b = {0};
    gv_buf_printf(&b, "抽查%llu件，%llu件%s%s", (unsigned long long)judged, (unsigned long long)lists[k]->total,
                  k == 0 ? "超过时限" : "逾期未答复", cap ? "：" : "");
    size_t named = 0;
    for (const gv_link *l = lists[k]->head; l; l = l->next, named++) {
      const dentry *e = (const dentry *)l;
      if (named) gv_buf_puts(&b, "；");
      put_verdict(&b, &e->v, r);
      gv_scr_name(s, &e->n);
    }
    gv_put_more(&b, lists[k], cap, "件");
    gv_scr_reason(s, GV_REASON_LOSS, codes[k], &b);
    gv_buf_free(&b);
  }
  for (const gv_link *l = st->soon_l.head; l; l = l->next) {
    const dentry *e = (const dentry *)l;
    gv_buf b = {0};
    gv_buf_puts(&b, "即将到期：");
    put_verdict(&b, &e->v, r);
    gv_scr_name(s, &e->n);
    gv_scr_reason(s, GV_REASON_WARNING, "deadline.due_soon", &b);
    gv_buf_free(&b);
  }
  if (st->soon_l.total > cap)
    gv_scr_reasonf(s, GV_REASON_WARNING, "deadline.due_soon", "另有%llu件即将到期",
                   (unsigned long long)(st->soon_l.total - cap));
  if (judged == 0) {
    gv_scr_reasonf(s, GV_REASON_INFO, "deadline.none_judged", "%llu件均未到期，尚无可评判的样本",
                   (unsigned long long)(st->pending + st->due_soon));
    s->out->status = GV_OUT_NOT_EVALUATED;
    return;
  }
  uint64_t failing = st->late + st->unanswered;
  if (r->scoring == DL_SCORE_ALL) {
    s->out->score = failing ? 0 : s->r->max;
  } else if (r->scoring == DL_SCORE_DEDUCT) {
    int64_t score = s->r->max - (int64_t)failing * r->per_late;
    s->out->score = score < r->floor ? r->floor : score;
  } else {
    s->out->score = gv_cents_share(s->r->max, (int64_t)st->on_time, (int64_t)judged);
  }
}

static void hint(const gv_rule *r, int en, gv_buf *b) {
  (void)r;
  gv_hint_rows(en, b);
}

static const char *const keys[] = {"limit",   "limits",      "tiers",     "start",    "end",     "start_by_channel",
                                   "restart", "pauses",      "extension", "due_soon", "scoring", "per_late",
                                   "floor",   "pause_label", NULL};

const gv_kind_ops gv_kind_deadline = {
    .name = "deadline",
    .label_zh = "时限",
    .keys = keys,
    .params_size = sizeof(gv_deadline_params),
    .compile = gv_deadline_compile,
    .state_size = sizeof(state),
    .add = add,
    .check = check,
    .merge = merge,
    .score = score,
    .impossible = gv_deadline_impossible,
    .check_field = gv_deadline_check_field,
    .check_sample = gv_deadline_check_sample,
    .hint = hint,
};
