/* The veto kind (一票否决): a sample whose `triggered` is true zeroes the
 * unit's total, or an indicator above the point (`target`); the evaluation
 * applies it (eval/evaluate.c, through gv_rule_veto_target). */
#include <string.h>

#include "rules/kind_impl.h"

typedef struct params {
  const char *target; /* "unit" or an indicator id */
} params;

typedef struct state {
  gv_acc h;
  int triggered;
  gv_kept n; /* the first sample that triggered it */
} state;

static void compile(gv_rule_in *in, void *pv) {
  params *p = pv;
  gv_in_name(in, in->block, gv_in_key(in, "target"), GV_RK_REQUIRED, in->what, &p->target);
  gv_in_field(in, "triggered", GV_FT_BOOL, 1, NULL);
}

static int add(const gv_rule *r, gv_acc *acc, const gv_sample *smp, const gv_rule_ctx *ctx, gv_arena *a, gv_buf *why) {
  (void)r, (void)ctx, (void)why;
  state *s = (state *)acc;
  if (s->triggered || !smp->f[0].b) return GOVOPEN_OK;
  s->triggered = 1;
  return gv_keep_named(&s->n, smp, a);
}

static void merge(const gv_rule *r, gv_acc *into, gv_acc *later, const gv_rule_ctx *ctx) {
  (void)r, (void)ctx;
  state *s = (state *)into, *t = (state *)later;
  if (!s->triggered && t->triggered) s->triggered = 1, s->n = t->n;
}

static void score(gv_scorer *s, const gv_acc *acc) {
  const state *st = (const state *)acc;
  const params *p = s->r->params;
  if (!st->triggered) {
    s->out->score = s->r->max;
    return;
  }
  s->out->veto = 1;
  s->out->score = 0;
  gv_buf b = {0};
  if (strcmp(p->target, "unit") == 0)
    gv_buf_printf(&b, "一票否决：%s，该单位总分计0分", gv_rule_label_of(s->r));
  else
    gv_buf_printf(&b, "一票否决：%s，指标%s计0分", gv_rule_label_of(s->r), p->target);
  gv_scr_name(s, &st->n);
  gv_scr_reason(s, GV_REASON_LOSS, "veto.triggered", &b);
  gv_buf_free(&b);
}

static const char *veto_target(const gv_rule *r) { return ((const params *)r->params)->target; }

static const char *const keys[] = {"target", NULL};

const gv_kind_ops gv_kind_veto = {
    .name = "veto",
    .label_zh = "一票否决",
    .keys = keys,
    .params_size = sizeof(params),
    .compile = compile,
    .state_size = sizeof(state),
    .add = add,
    .merge = merge,
    .score = score,
    .veto_target = veto_target,
};
