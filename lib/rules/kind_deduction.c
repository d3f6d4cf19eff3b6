/* The deduction kind: `per` points off for each occurrence found (a sample,
 * or `count` of them), down to `floor`. An occurrence's sample may describe
 * it with keys of its own, which the rule does not read. */
#include "rules/kind_impl.h"

typedef struct params {
  int64_t per, floor; /* hundredths */
} params;

typedef struct xentry {
  gv_link l;
  gv_kept n;
} xentry;

typedef struct state {
  gv_acc h;
  int64_t occurrences;
  gv_nlist named;
} state;

static void compile(gv_rule_in *in, void *pv) {
  params *p = pv;
  const gv_rkey *floor = gv_in_key(in, "floor");
  gv_in_score(in, in->block, gv_in_key(in, "per"), GV_RK_REQUIRED, in->what, &p->per);
  gv_in_score(in, in->block, floor, GV_RK_OPTIONAL, in->what, &p->floor);
  if (p->floor > in->rule->max)
    gv_in_err_key(in, "floor", floor->value, "rule.floor_above_max", "the floor is above the point's maximum");
  gv_in_field(in, "count", GV_FT_NUM, 0, NULL);
}

static int add(const gv_rule *r, gv_acc *acc, const gv_sample *smp, const gv_rule_ctx *ctx, gv_arena *a, gv_buf *why) {
  (void)r, (void)why;
  state *s = (state *)acc;
  const gv_fval *cnt = &smp->f[0]; /* count */
  int64_t k = cnt->present ? (int64_t)cnt->num : 1;
  s->occurrences += k;
  if (k <= 0) return GOVOPEN_OK;
  xentry *e;
  int rc = gv_nl_add(&s->named, ctx->max_named, sizeof *e, a, (void **)&e);
  return e ? gv_keep_named(&e->n, smp, a) : rc;
}

static void merge(const gv_rule *r, gv_acc *into, gv_acc *later, const gv_rule_ctx *ctx) {
  (void)r;
  state *s = (state *)into, *t = (state *)later;
  s->occurrences += t->occurrences;
  gv_nl_merge(&s->named, &t->named, ctx->max_named, NULL, 0);
}

static void score(gv_scorer *s, const gv_acc *acc) {
  const state *st = (const state *)acc;
  const params *p = s->r->params;
  int64_t score = s->r->max - st->occurrences * p->per;
  if (score < p->floor) score = p->floor;
  if (score < 0) score = 0;
  s->out->score = score;
  if (st->occurrences > 0) {
    gv_buf b = {0};
    gv_buf_printf(&b, "发现%lld次，每次扣", (long long)st->occurrences);
    gv_put_score(&b, p->per);
    gv_buf_puts(&b, "分");
    for (const gv_link *l = st->named.head; l; l = l->next) gv_scr_name(s, &((const xentry *)l)->n);
    gv_scr_reason(s, GV_REASON_LOSS, "deduction.occurrences", &b);
    gv_buf_free(&b);
  }
}

static int check_sample(const gv_rule *r, const gv_sample *smp, const char *point, int clean,
                        const gv_sample_sink *sink) {
  (void)r, (void)point, (void)clean;
  const gv_fval *cnt = &smp->f[0];
  if (cnt->present && (cnt->num < 0 || cnt->num != (double)(int64_t)cnt->num))
    return gv_sample_err(sink, "observation.count_invalid", "'count' must be a whole number, 0 or more");
  return GOVOPEN_OK;
}

static void hint(const gv_rule *r, int en, gv_buf *b) {
  (void)r;
  gv_buf_puts(b, en ? ". One row per occurrence (its evidence in evidence), or the number of them in count"
                    : "。每处问题一行（写明 evidence），或在 count 填处数");
}

static const char *const keys[] = {"per", "floor", NULL};

const gv_kind_ops gv_kind_deduction = {
    .name = "deduction",
    .label_zh = "扣分",
    .keys = keys,
    .flags = GV_KIND_ANY_KEY,
    .params_size = sizeof(params),
    .compile = compile,
    .state_size = sizeof(state),
    .add = add,
    .merge = merge,
    .score = score,
    .check_sample = check_sample,
    .hint = hint,
};
