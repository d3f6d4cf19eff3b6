/* The checklist kind: the items a page must have (`items`); a sample gives
 * those found (`present`) or those missing (`missing`), the latest
 * observation's counting. Scored by the share found, per item, or all or
 * nothing. */
#include <stdlib.h>
#include <string.h>

#include "rules/kind_impl.h"
#include "util/cents.h"

enum { SCORE_FRACTION, SCORE_PER_ITEM, SCORE_ALL };

typedef struct params {
  const char **items;
  size_t item_count;
  int64_t item_points;
  int scoring;
} params;

typedef struct state {
  gv_latest l;
  unsigned char *found; /* 1 per item found */
} state;

static void compile(gv_rule_in *in, void *pv) {
  params *p = pv;
  const gv_rkey *fi = gv_in_key(in, "items");
  const gv_ynode **nodes = NULL;
  size_t *index = NULL;
  if (in->rd->get_namelist(in->self, in->block, fi, GV_RK_REQUIRED, in->what, &p->items, &p->item_count, &nodes,
                           &index) == 0) {
    /* each repeat once, where it is, naming the first */
    gv_hmap seen = {0};
    for (size_t i = 0; i < p->item_count; i++) {
      void *first = NULL;
      int fresh = gv_hmap_put(&seen, p->items[i], strlen(p->items[i]), (void *)nodes[i], &first);
      if (fresh < 0) {
        gv_in_oom(in);
        break;
      }
      if (fresh == 0) {
        const gv_ynode *f0 = first;
        size_t mark = gv_in_path_key(in, "items");
        size_t m2 = gv_in_path_index(in, index[i]);
        gv_in_err(in, nodes[i], "rule.item_repeated", "the item '%s' is listed twice (first at line %u, column %u)",
                  p->items[i], f0->line, f0->col);
        gv_in_path_pop(in, m2);
        gv_in_path_pop(in, mark);
      }
    }
    gv_hmap_free(&seen);
  }
  static const char *const scorings[] = {"fraction", "per-item", "all"};
  p->scoring = gv_in_choice(in, gv_in_key(in, "scoring"), "a checklist rule", scorings, 3, SCORE_FRACTION);
  const gv_rkey *fp = gv_in_key(in, "item_points");
  int64_t max = in->rule->max;
  if (p->scoring == SCORE_PER_ITEM) {
    /* every item present must reach the maximum, or full marks never could */
    if (gv_in_score(in, in->block, fp, GV_RK_REQUIRED, "a per-item checklist rule", &p->item_points) == 0 &&
        p->item_count && (int64_t)p->item_count * p->item_points < max) {
      char each[GV_CENTS_TEXT], all[GV_CENTS_TEXT], top[GV_CENTS_TEXT];
      gv_cents_format2(p->item_points, each);
      gv_cents_format2((int64_t)p->item_count * p->item_points, all);
      gv_cents_format2(max, top);
      gv_in_err_key(in, "item_points", fp->value, "rule.items_below_max",
                    "%zu items at %s each make %s, less than the point's maximum %s: full marks could never be given",
                    p->item_count, each, all, top);
    }
  } else if (fp->value) {
    gv_in_err(in, in->block, "rule.item_points_scoring", "'item_points' goes with 'scoring: per-item'");
  }
  gv_in_field(in, "present", GV_FT_STRLIST, 0, NULL);
  gv_in_field(in, "missing", GV_FT_STRLIST, 0, NULL);
}

static int add(const gv_rule *r, gv_acc *acc, const gv_sample *smp, const gv_rule_ctx *ctx, gv_arena *a, gv_buf *why) {
  (void)ctx, (void)why;
  const params *p = r->params;
  state *s = (state *)acc;
  if (!gv_latest_take(&s->l, smp, acc->n)) return GOVOPEN_OK;
  if (s->found == NULL && (s->found = gv_arena_alloc(a, p->item_count ? p->item_count : 1)) == NULL)
    return GOVOPEN_ENOMEM;
  const gv_fval *present = &smp->f[0], *missing = &smp->f[1];
  int loses = 0;
  for (size_t i = 0; i < p->item_count; i++) {
    int found;
    if (present->present) {
      found = 0;
      for (size_t k = 0; k < present->list_count && !found; k++) found = strcmp(present->list[k], p->items[i]) == 0;
    } else {
      found = 1;
      for (size_t k = 0; k < missing->list_count && found; k++) found = strcmp(missing->list[k], p->items[i]) != 0;
    }
    s->found[i] = (unsigned char)found;
    loses |= !found;
  }
  return gv_nslot_put(&s->l.named, loses ? smp : NULL, a);
}

static void merge(const gv_rule *r, gv_acc *into, gv_acc *later, const gv_rule_ctx *ctx) {
  (void)r, (void)ctx;
  state *s = (state *)into, *t = (state *)later;
  if (gv_latest_merge(&s->l, &t->l)) s->found = t->found;
}

static void score(gv_scorer *s, const gv_acc *acc) {
  const state *st = (const state *)acc;
  const params *p = s->r->params;
  gv_latest_note(s, &st->l);
  size_t have = 0;
  gv_buf miss = {0};
  for (size_t i = 0; i < p->item_count; i++) {
    if (st->found && st->found[i]) {
      have++;
    } else {
      if (miss.len) gv_buf_puts(&miss, "、");
      gv_buf_puts(&miss, p->items[i]);
    }
  }
  int64_t score, max = s->r->max;
  if (p->scoring == SCORE_PER_ITEM) {
    score = (int64_t)have * p->item_points;
    if (score > max) score = max;
  } else if (p->scoring == SCORE_ALL) {
    score = have == p->item_count ? max : 0;
  } else {
    score = gv_cents_share(max, (int64_t)have, (int64_t)p->item_count);
  }
  s->out->score = score;
  if (have < p->item_count) {
    gv_buf b = {0};
    gv_buf_printf(&b, "缺少要素：%s（%zu/%zu）", gv_buf_str(&miss), have, p->item_count);
    if (st->l.named.set) gv_scr_name(s, &st->l.named.n);
    gv_scr_reason(s, GV_REASON_LOSS, "checklist.missing", &b);
    gv_buf_free(&b);
  }
  gv_scr_part_free(s, &miss);
}

static void put_items(gv_buf *b, const params *p, const char *sep) {
  for (size_t i = 0; i < p->item_count; i++) {
    if (i) gv_buf_puts(b, sep);
    gv_buf_puts(b, p->items[i]);
  }
}

/* Exactly one of present and missing, naming only the checklist's items. */
static int check_sample(const gv_rule *r, const gv_sample *smp, const char *point, int clean,
                        const gv_sample_sink *sink) {
  const params *p = r->params;
  int rc = GOVOPEN_OK;
  if (!clean) return rc;
  const gv_fval *present = &smp->f[0], *missing = &smp->f[1];
  if (present->present == missing->present)
    rc = gv_sample_err(sink, "observation.checklist_present_missing",
                       "a checklist sample gives exactly one of 'present' and 'missing'");
  const gv_fval *given = present->present ? present : missing;
  for (size_t i = 0; given->present && i < given->list_count; i++) {
    size_t k = 0;
    while (k < p->item_count && strcmp(p->items[k], given->list[i]) != 0) k++;
    if (k < p->item_count) continue;
    gv_buf items = {0};
    put_items(&items, p, "、");
    int rc2 = gv_buf_status(&items) != GOVOPEN_OK ? GOVOPEN_ENOMEM
                                                  : gv_sample_err(sink, "observation.checklist_item_unknown",
                                                                  "'%s' is not an item of %s's checklist (%s)",
                                                                  given->list[i], point, gv_buf_str(&items));
    if (rc2 != GOVOPEN_OK) rc = rc2;
    gv_buf_free(&items);
  }
  return rc;
}

static void hint(const gv_rule *r, int en, gv_buf *b) {
  gv_buf_puts(b, en ? ". Give present or missing; the items: " : "。填 present 或 missing 之一；要素：");
  put_items(b, r->params, en ? "; " : "；");
  gv_buf_puts(b, en ? " (none: 无)" : "（一个也没有：无）");
}

static const char *const keys[] = {"items", "scoring", "item_points", NULL};

const gv_kind_ops gv_kind_checklist = {
    .name = "checklist",
    .label_zh = "要素清单",
    .keys = keys,
    .params_size = sizeof(params),
    .compile = compile,
    .state_size = sizeof(state),
    .add = add,
    .merge = merge,
    .score = score,
    .check_sample = check_sample,
    .hint = hint,
};
