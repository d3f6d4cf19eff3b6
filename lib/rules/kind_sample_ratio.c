/* The sample_ratio kind: samples tested (`found` true or false); the score
 * is the share found, of at least `expected` samples. */
#include "rules/kind_impl.h"
#include "util/cents.h"

typedef struct params {
  int64_t expected; /* 0: as many as tested */
} params;

typedef struct fentry {
  gv_link l;
  uint64_t seq; /* the sample's place among the cell's, from 0 */
  gv_kept n;
} fentry;

typedef struct state {
  gv_acc h;
  uint64_t found;
  gv_nlist failed;
} state;

static void compile(gv_rule_in *in, void *pv) {
  params *p = pv;
  gv_in_count(in, in->block, gv_in_key(in, "expected"), GV_RK_OPTIONAL, 1, in->what, &p->expected);
  gv_in_field(in, "found", GV_FT_BOOL, 1, NULL);
}

static int add(const gv_rule *r, gv_acc *acc, const gv_sample *smp, const gv_rule_ctx *ctx, gv_arena *a, gv_buf *why) {
  (void)r, (void)why;
  state *s = (state *)acc;
  if (smp->f[0].b) {
    s->found++;
    return GOVOPEN_OK;
  }
  fentry *e;
  int rc = gv_nl_add(&s->failed, ctx->max_named, sizeof *e, a, (void **)&e);
  if (e) {
    e->seq = acc->n;
    rc = gv_keep_named(&e->n, smp, a);
  }
  return rc;
}

static void fix_seq(gv_link *e, uint64_t by) { ((fentry *)e)->seq += by; }

static void merge(const gv_rule *r, gv_acc *into, gv_acc *later, const gv_rule_ctx *ctx) {
  (void)r;
  state *s = (state *)into, *t = (state *)later;
  s->found += t->found;
  gv_nl_merge(&s->failed, &t->failed, ctx->max_named, fix_seq, into->n);
}

static void score(gv_scorer *s, const gv_acc *acc) {
  const state *st = (const state *)acc;
  const params *p = s->r->params;
  uint64_t n = st->h.n, found = st->found;
  size_t cap = s->ctx->max_named;
  uint64_t denom = n;
  if (p->expected > 0 && (uint64_t)p->expected > denom) {
    denom = (uint64_t)p->expected;
    gv_scr_reasonf(s, GV_REASON_LOSS, "sample_ratio.too_few", "只测试了%llu个样本，应测%lld个", (unsigned long long)n,
                   (long long)p->expected);
  }
  gv_buf failed = {0};
  for (const gv_link *l = st->failed.head; l; l = l->next) {
    const fentry *e = (const fentry *)l;
    if (failed.len) gv_buf_puts(&failed, "；");
    gv_buf_printf(&failed, "第%llu个", (unsigned long long)(e->seq + 1));
    gv_scr_name(s, &e->n);
  }
  s->out->score = gv_cents_share(s->r->max, (int64_t)found, (int64_t)denom);
  s->out->judged = n;
  if (found < n) {
    gv_buf b = {0};
    gv_buf_printf(&b, "测试%llu个，%llu个未通过%s%s", (unsigned long long)n, (unsigned long long)(n - found),
                  failed.len ? "：" : "", gv_buf_str(&failed));
    gv_put_more(&b, &st->failed, cap, "个");
    gv_scr_reason(s, GV_REASON_LOSS, "sample_ratio.failed", &b);
    gv_buf_free(&b);
  }
  gv_scr_part_free(s, &failed);
}

static void hint(const gv_rule *r, int en, gv_buf *b) {
  (void)r;
  gv_hint_rows(en, b);
}

static const char *const keys[] = {"expected", NULL};

const gv_kind_ops gv_kind_sample_ratio = {
    .name = "sample_ratio",
    .label_zh = "抽查比例",
    .keys = keys,
    .params_size = sizeof(params),
    .compile = compile,
    .state_size = sizeof(state),
    .add = add,
    .merge = merge,
    .score = score,
    .hint = hint,
};
