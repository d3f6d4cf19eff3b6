/* The recency kind: each sample's last update (`last_update`) must be
 * within `within` days or working days of its monitoring date
 * (`monitored`, else the as-of date); all of them, or the share that are
 * (`scoring: ratio`). */
#include "calendar/date.h"
#include "rules/kind_impl.h"
#include "util/cents.h"

enum { SCORE_ALL, SCORE_RATIO };

typedef struct params {
  gv_span within;
  int scoring;
} params;

typedef struct rentry {
  gv_link l;
  int32_t last, ref;
  int64_t gap;
  gv_kept n;
} rentry;

typedef struct state {
  gv_acc h;
  uint64_t ok;
  gv_nlist stale;
} state;

static void compile(gv_rule_in *in, void *pv) {
  params *p = pv;
  const gv_rkey *fw = gv_in_key(in, "within");
  if (fw->value == NULL) {
    gv_in_err(in, in->block, "rule.within_missing", "%s has no 'within' (it is required)", in->what);
  } else {
    size_t mark = gv_in_path_key(in, "within");
    if (gv_in_span(in, fw->value, 0, "'within'", &p->within) == 0 && p->within.unit == GV_SPAN_HOURS)
      gv_in_err(in, fw->value, "rule.within_unit", "'within' takes days or workdays");
    gv_in_path_pop(in, mark);
  }
  static const char *const scorings[] = {"all", "ratio"};
  p->scoring = gv_in_choice(in, gv_in_key(in, "scoring"), "a rule", scorings, 2, SCORE_ALL);
  gv_in_field(in, "last_update", GV_FT_DATE, 1, NULL);
  gv_in_field(in, "monitored", GV_FT_DATE, 0, NULL);
}

/* The gap between a sample's last update and its reference date.
   0; GV_ACC_UNJUDGEABLE when a date lies outside the calendar (why, the
   calendar's message, appended to `why`). */
static int gap_of(const params *p, const gv_sample *smp, const gv_rule_ctx *ctx, int32_t *last, int32_t *ref,
                  int64_t *gap, gv_buf *why) {
  *ref = smp->f[1].present ? smp->f[1].m.date : ctx->as_of;
  *last = smp->f[0].m.date;
  if (p->within.unit != GV_SPAN_WORKDAYS) {
    *gap = *ref - *last;
    return 0;
  }
  gv_buf err = {0};
  int rc = 0;
  if (ctx->cal.workdays_between(ctx->cal.cal, *last, *ref, gap, &err) != 0) {
    if (why) {
      gv_buf_puts(why, gv_buf_str(&err));
      if (gv_buf_status(&err) != GOVOPEN_OK) gv_buf_fail(why);
    }
    rc = GV_ACC_UNJUDGEABLE;
  }
  gv_buf_free(&err);
  return rc;
}

static int check(const gv_rule *r, const gv_sample *smp, const gv_rule_ctx *ctx, gv_buf *why) {
  int32_t last, ref;
  int64_t gap;
  return gap_of(r->params, smp, ctx, &last, &ref, &gap, why);
}

static int add(const gv_rule *r, gv_acc *acc, const gv_sample *smp, const gv_rule_ctx *ctx, gv_arena *a, gv_buf *why) {
  const params *p = r->params;
  state *s = (state *)acc;
  int32_t last, ref;
  int64_t gap;
  if (gap_of(p, smp, ctx, &last, &ref, &gap, why) != 0) return GV_ACC_UNJUDGEABLE;
  if (gap <= p->within.n) {
    s->ok++;
    return GOVOPEN_OK;
  }
  rentry *e;
  int rc = gv_nl_add(&s->stale, ctx->max_named, sizeof *e, a, (void **)&e);
  if (e) {
    e->last = last;
    e->ref = ref;
    e->gap = gap;
    rc = gv_keep_named(&e->n, smp, a);
  }
  return rc;
}

static void merge(const gv_rule *r, gv_acc *into, gv_acc *later, const gv_rule_ctx *ctx) {
  (void)r;
  state *s = (state *)into, *t = (state *)later;
  s->ok += t->ok;
  gv_nl_merge(&s->stale, &t->stale, ctx->max_named, NULL, 0);
}

static void score(gv_scorer *s, const gv_acc *acc) {
  const state *st = (const state *)acc;
  const params *p = s->r->params;
  uint64_t n = st->h.n;
  size_t cap = s->ctx->max_named;
  const char *unit = p->within.unit == GV_SPAN_WORKDAYS ? "个工作日" : "天";
  gv_buf stale = {0};
  for (const gv_link *l = st->stale.head; l; l = l->next) {
    const rentry *e = (const rentry *)l;
    if (stale.len) gv_buf_puts(&stale, "；");
    gv_buf_puts(&stale, "最近更新");
    gv_put_date(&stale, e->last);
    gv_buf_puts(&stale, "，监测日");
    gv_put_date(&stale, e->ref);
    gv_buf_printf(&stale, "，相隔%lld%s", (long long)e->gap, unit);
    gv_scr_name(s, &e->n);
  }
  s->out->judged = n;
  if (p->scoring == SCORE_RATIO)
    s->out->score = gv_cents_share(s->r->max, (int64_t)st->ok, (int64_t)n);
  else
    s->out->score = st->ok == n ? s->r->max : 0;
  if (st->ok < n) {
    gv_buf b = {0};
    gv_buf_printf(&b, "%llu个中%llu个未在%lld%s内更新%s%s", (unsigned long long)n, (unsigned long long)(n - st->ok),
                  (long long)p->within.n, unit, stale.len ? "：" : "", gv_buf_str(&stale));
    gv_put_more(&b, &st->stale, cap, "个");
    gv_scr_reason(s, GV_REASON_LOSS, "recency.stale", &b);
    gv_buf_free(&b);
  }
  gv_scr_part_free(s, &stale);
}

/* the fields in the rule's order: last_update, monitored */
static int impossible(const gv_rule *r, const gv_sample *s, gv_buf *why, gv_blame *at) {
  (void)r;
  if (!s->f[0].present || !s->f[1].present || s->f[0].m.date <= s->f[1].m.date) return 0;
  char a[GV_DATE_TEXT], b[GV_DATE_TEXT];
  gv_date_format(s->f[0].m.date, a);
  gv_date_format(s->f[1].m.date, b);
  gv_buf_printf(why, "%s %s is after %s %s (the update it saw cannot come after it looked)", s->f[0].name, a,
                s->f[1].name, b);
  return gv_blame_at(at, 0, (size_t)-1, 0);
}

static void hint(const gv_rule *r, int en, gv_buf *b) {
  (void)r;
  gv_hint_rows(en, b);
}

static const char *const keys[] = {"within", "scoring", NULL};

const gv_kind_ops gv_kind_recency = {
    .name = "recency",
    .label_zh = "更新时效",
    .keys = keys,
    .params_size = sizeof(params),
    .compile = compile,
    .state_size = sizeof(state),
    .add = add,
    .check = check,
    .merge = merge,
    .score = score,
    .impossible = impossible,
    .hint = hint,
};
