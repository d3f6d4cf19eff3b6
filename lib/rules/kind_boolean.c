/* The boolean kind: one yes or no (`value`), the latest observation's;
 * full marks for yes, none for no. */
#include "rules/kind_impl.h"

typedef struct state {
  gv_latest l;
  int b;
} state;

static void compile(gv_rule_in *in, void *params) {
  (void)params;
  gv_in_field(in, "value", GV_FT_BOOL, 1, NULL);
}

static int add(const gv_rule *r, gv_acc *acc, const gv_sample *smp, const gv_rule_ctx *ctx, gv_arena *a, gv_buf *why) {
  (void)r, (void)ctx, (void)why;
  state *s = (state *)acc;
  if (!gv_latest_take(&s->l, smp, acc->n)) return GOVOPEN_OK;
  s->b = smp->f[0].b;
  return gv_nslot_put(&s->l.named, s->b ? NULL : smp, a);
}

static void merge(const gv_rule *r, gv_acc *into, gv_acc *later, const gv_rule_ctx *ctx) {
  (void)r, (void)ctx;
  state *s = (state *)into, *t = (state *)later;
  if (gv_latest_merge(&s->l, &t->l)) s->b = t->b;
}

static void score(gv_scorer *s, const gv_acc *acc) {
  const state *st = (const state *)acc;
  gv_latest_note(s, &st->l);
  if (st->b) {
    s->out->score = s->r->max;
    return;
  }
  s->out->score = 0;
  gv_buf b = {0};
  gv_buf_printf(&b, "未达到要求：%s", gv_rule_label_of(s->r));
  if (st->l.named.set) gv_scr_name(s, &st->l.named.n);
  gv_scr_reason(s, GV_REASON_LOSS, "boolean.false", &b);
  gv_buf_free(&b);
}

static const char *const keys[] = {NULL};

const gv_kind_ops gv_kind_boolean = {
    .name = "boolean",
    .label_zh = "是否",
    .keys = keys,
    .compile = compile,
    .state_size = sizeof(state),
    .add = add,
    .merge = merge,
    .score = score,
};
