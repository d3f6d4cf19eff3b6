/* The manual kind: the evaluator gives the score (`score`, at most two
 * decimals, 0 … max) and may say why (`reason`); the latest observation's
 * counts. Also the rule of a point that gives none. */
#include "rules/kind_impl.h"
#include "util/cents.h"

typedef struct state {
  gv_latest l;
  double num;     /* the score */
  gv_strslot why; /* the reason, while the score is below the maximum */
} state;

static void declare(gv_rule_in *in, void *params) {
  (void)params;
  gv_in_field(in, "score", GV_FT_NUM, 1, NULL);
  gv_in_field(in, "reason", GV_FT_STR, 0, NULL);
}

gv_rule *gv_rule_default_manual(gv_arena *arena, int64_t max) {
  gv_rule *r = gv_arena_alloc(arena, sizeof *r);
  gv_fspec *f = gv_arena_array(arena, 2, sizeof *f);
  if (r == NULL || f == NULL) return NULL;
  r->kind = GV_RULE_MANUAL;
  r->max = max;
  f[0] = (gv_fspec){"score", GV_FT_NUM, 1, 0, 0};
  f[1] = (gv_fspec){"reason", GV_FT_STR, 0, 0, 0};
  r->fields = f;
  r->field_count = 2;
  return r;
}

static int add(const gv_rule *r, gv_acc *acc, const gv_sample *smp, const gv_rule_ctx *ctx, gv_arena *a, gv_buf *why) {
  (void)ctx, (void)why;
  state *s = (state *)acc;
  if (!gv_latest_take(&s->l, smp, acc->n)) return GOVOPEN_OK;
  s->num = smp->f[0].num;
  int loses = gv_cents_from_double(s->num) < r->max;
  int rc = gv_strslot_put(&s->why, loses && smp->f[1].present ? smp->f[1].str : NULL, a);
  int rc2 = gv_nslot_put(&s->l.named, loses ? smp : NULL, a);
  return rc != GOVOPEN_OK ? rc : rc2;
}

static void merge(const gv_rule *r, gv_acc *into, gv_acc *later, const gv_rule_ctx *ctx) {
  (void)r, (void)ctx;
  state *s = (state *)into, *t = (state *)later;
  if (gv_latest_merge(&s->l, &t->l)) s->num = t->num, s->why = t->why;
}

static void score(gv_scorer *s, const gv_acc *acc) {
  const state *st = (const state *)acc;
  gv_latest_note(s, &st->l);
  int64_t c = gv_cents_from_double(st->num);
  if (c < 0) c = 0;
  if (c > s->r->max) c = s->r->max;
  s->out->score = c;
  if (c < s->r->max) {
    gv_buf b = {0};
    gv_buf_printf(&b, "评估人员给分");
    gv_put_score(&b, c);
    gv_buf_puts(&b, "（满分");
    gv_put_score(&b, s->r->max);
    gv_buf_puts(&b, "）");
    if (gv_strslot_get(&st->why)) gv_buf_printf(&b, "：%s", gv_strslot_get(&st->why));
    if (st->l.named.set) gv_scr_name(s, &st->l.named.n);
    gv_scr_reason(s, GV_REASON_LOSS, "manual.below_max", &b);
    gv_buf_free(&b);
  }
}

/* A score with at most two decimals, within 0 … max. */
static int check_sample(const gv_rule *r, const gv_sample *smp, const char *point, int clean,
                        const gv_sample_sink *sink) {
  (void)point, (void)clean;
  if (!smp->f[0].present) return GOVOPEN_OK;
  double given = smp->f[0].num;
  int64_t c;
  if (given >= 0 && gv_cents_exact(given, &c) && c <= r->max) return GOVOPEN_OK;
  char max[GV_CENTS_TEXT];
  gv_cents_format2(r->max, max);
  return gv_sample_err(sink, "observation.manual_score_invalid",
                       "the score %g is outside 0 … %s or has more than two decimals", given, max);
}

static const char *const keys[] = {NULL};

const gv_kind_ops gv_kind_manual = {
    .name = "manual",
    .label_zh = "人工评分",
    .keys = keys,
    .compile = declare,
    .state_size = sizeof(state),
    .add = add,
    .merge = merge,
    .score = score,
    .check_sample = check_sample,
};
