/* One unit's rectification list (整改清单) as plain text (docs/reports.md):
 * the unit, its total and rank, then every point to rectify, most points
 * lost first, with its indicator, its text, its reasons and the evidence
 * they name. Written item by item through the chunked sink. Text from the
 * input goes as it is, but for control characters, which become spaces: a
 * name cannot break a line or send a terminal its escapes. */
#include <stdlib.h>
#include <string.h>

#include "report/csv.h"
#include "report/report_util.h"

static void put_clean(gv_buf *b, const char *s) {
  if (s) gv_put_clean(b, s, strlen(s));
}

/* Text from the input through `put`. */
static void put_text(gv_buf *b, gv_put_fn put, const char *s) {
  if (s) put(b, s, strlen(s));
}

/* The unit, the framework and the as-of date. */
static void head_text(gv_buf *b, const govopen_result *r, size_t u, int en) {
  const govopen_framework *fw = r->fw;
  const govopen_unit *unit = &fw->units[u];
  gv_buf_puts(b, en ? "Rectification list: " : "整改清单：");
  put_clean(b, unit->name);
  gv_buf_puts(b, en ? " (" : "（");
  put_clean(b, unit->id);
  gv_buf_puts(b, en ? ")\n" : "）\n");
  put_clean(b, fw->title);
  gv_buf_printf(b, en ? ", as of %s\n" : "，截至 %s\n", r->as_of);
}

void gv_rectify_standing(gv_buf *b, const govopen_result *r, size_t u, int en, gv_put_fn put) {
  const govopen_unit *unit = &r->fw->units[u];
  const gv_unit_result *ur = &r->units[u];
  if (!ur->scored) {
    gv_buf_puts(b, en ? "Not scored: no point evaluated.\n" : "尚未评分：没有已评估的评估点。\n");
    return;
  }
  gv_buf_puts(b, en ? "Total " : "总分 ");
  gv_buf_put_score2(b, ur->total);
  if (ur->grade) {
    gv_buf_puts(b, en ? " (grade " : "（等次：");
    put_text(b, put, ur->grade);
    gv_buf_puts(b, en ? ")" : "）");
  }
  if (ur->vetoed) gv_buf_puts(b, en ? " (vetoed)" : "（一票否决）");
  if (ur->rank > 0) {
    size_t of = ur->ranked_of;
    size_t unranked = (int)unit->kind >= 0 && (int)unit->kind < GV_KINDS ? r->kind_not_evaluated[unit->kind] : 0;
    if (en)
      gv_buf_printf(b, ", rank %u of %zu %s", ur->rank, of, gv_label_kinds(unit->kind, 1));
    else
      gv_buf_printf(b, "，在%s中排第 %u 名（共 %zu 个", gv_label_kinds(unit->kind, 0), ur->rank, of);
    /* the units of the kind not evaluated are not ranked: say how many */
    if (unranked) gv_buf_printf(b, en ? " (%zu more not evaluated)" : "，另有 %zu 个未评估", unranked);
    if (!en) gv_buf_puts(b, "）");
  }
  gv_buf_puts(b, en ? "; earned " : "；已评估满分 ");
  gv_buf_put_score2(b, en ? ur->raw : ur->possible);
  gv_buf_puts(b, en ? " of " : "，得 ");
  gv_buf_put_score2(b, en ? ur->possible : ur->raw);
  gv_buf_puts(b, en ? " evaluated\n" : "\n");
  /* what the total stands on, and the mark of a rank that stands on too little */
  gv_buf_puts(b, en ? "Coverage " : "覆盖 ");
  gv_unit_coverage(b, r, u, en);
  if (ur->low_coverage) {
    gv_buf_puts(b, en ? ", " : "，");
    gv_low_coverage_mark(b, r, en);
    gv_buf_puts(b, en ? ": the rank is indicative only" : "，排名仅供参考");
  }
  gv_buf_puts(b, en ? ".\n" : "。\n");
}

/* How many points lost how much, how many were not evaluated. */
static void summary_text(gv_buf *b, const govopen_result *r, size_t u, const gv_rectify_item *items, size_t n, int en) {
  size_t counted = 0, uncounted = 0;
  for (size_t i = 0; i < n; i++) {
    if (gv_cell_lost(r, &r->cells[u * r->fw->point_count + items[i].point]) < 0)
      uncounted++;
    else
      counted++;
  }
  /* 共失: the maximum less the total, adjustments included (the reconciliation below) */
  gv_breakdown d;
  gv_breakdown_of(r, u, &d);
  if (n == 0) {
    gv_buf_puts(b, en ? "Full marks: nothing to rectify" : "全部满分，无需整改");
    if (d.scored && d.lost) {
      gv_buf_puts(b, en ? "; lost " : "；共失 ");
      gv_put_term(b, d.lost);
      gv_buf_puts(b, en ? " of the total (adjustments)" : " 分（加减分）");
    }
    gv_buf_puts(b, en ? ".\n" : "。\n");
    return;
  }
  if (counted) {
    if (en) {
      gv_buf_puts(b, "Lost ");
      gv_put_term(b, d.lost);
      gv_buf_puts(b, " of ");
      gv_buf_put_score2(b, d.maximum);
      gv_buf_printf(b, " points at %zu evaluation point%s", counted, counted == 1 ? "" : "s");
    } else {
      gv_buf_printf(b, "失分的评估点 %zu 个，共失 ", counted);
      gv_put_term(b, d.lost);
      gv_buf_puts(b, " 分（满分 ");
      gv_buf_put_score2(b, d.maximum);
      gv_buf_puts(b, "）");
    }
  }
  if (uncounted) {
    if (en)
      gv_buf_printf(b, "%s%zu point%s not evaluated (not counted)", counted ? "; " : "", uncounted,
                    uncounted == 1 ? "" : "s");
    else
      gv_buf_printf(b, "%s未评估的评估点 %zu 个（不计入总分）", counted ? "；" : "", uncounted);
  }
  gv_buf_puts(b, en ? ".\n" : "。\n");
}

void gv_rectify_heading(gv_buf *b, const govopen_result *r, size_t u, size_t i, const gv_rectify_item *item, int en,
                        gv_put_fn put) {
  const gv_cell *c = &r->cells[u * r->fw->point_count + item->point];
  int64_t lost = item->lost;
  int counts = gv_cell_lost(r, c) >= 0;
  gv_buf_printf(b, "\n%zu. ", i + 1);
  put_text(b, put, r->fw->points[item->point]->id);
  gv_buf_puts(b, "  ");
  if (c->status == GOVOPEN_CELL_SCORED) {
    gv_buf_puts(b, en ? "lost " : "失 ");
    gv_buf_put_score2(b, lost);
    gv_buf_puts(b, en ? " (scored " : " 分（得 ");
    gv_buf_put_score2(b, c->score);
    gv_buf_puts(b, en ? " of " : "，满分 ");
  } else {
    /* vetoed, not evaluated, in error */
    if (en)
      gv_buf_puts(b, c->status == GOVOPEN_CELL_VETOED  ? "vetoed"
                     : c->status == GOVOPEN_CELL_ERROR ? "could not be scored"
                                                       : "not evaluated");
    else
      gv_buf_puts(b, gv_label_status(c->status, 0));
    if (counts) {
      gv_buf_puts(b, en ? ", lost " : "，失 ");
      gv_buf_put_score2(b, lost);
      gv_buf_puts(b, en ? " (max " : " 分（满分 ");
    } else {
      gv_buf_puts(b, en ? " (max " : "（满分 ");
    }
  }
  gv_buf_put_score2(b, c->max);
  if (!counts)
    gv_buf_puts(b, en ? "; not counted" : "，不计入总分");
  else {
    /* what it took off the unit's total (docs/results.md) */
    gv_buf_puts(b, en ? "; " : "；总分失 ");
    gv_buf_put_score2(b, c->lost);
    if (en) gv_buf_puts(b, " of the total");
  }
  gv_buf_puts(b, en ? ")\n" : "）\n");
}

static int unit_owns(const govopen_result *r, size_t u) {
  for (size_t p = 0; p < r->fw->point_count; p++)
    if (gv_cell_assigned(&r->cells[u * r->fw->point_count + p])) return 1;
  return 0;
}

void gv_rectify_totals(gv_buf *b, const govopen_result *r, size_t u, int en, gv_put_fn text, gv_put_fn evidence) {
  const gv_unit_result *ur = &r->units[u];
  if (ur->scored) {
    gv_buf_puts(b, en ? "\nThe total reconciled:\n" : "\n总分核算：\n");
    gv_breakdown_lines(b, r, u, en, "   ", "");
  }
  if (ur->adj_count == 0) return;
  gv_buf_puts(b, en ? "\nAdjustments:\n" : "\n加减分：\n");
  for (size_t i = 0; i < ur->adj_count; i++) {
    gv_buf_printf(b, "%zu. ", i + 1);
    gv_adjustment_lines(b, r, &ur->adj[i], 1, en, "   ", text, evidence);
  }
}

long gv_rectify_summary(gv_buf *b, const govopen_result *r, size_t u, gv_rectify_item *items, gv_arena *scratch,
                        int en) {
  if (!unit_owns(r, u)) {
    gv_buf_puts(b, en ? "The unit owns no evaluation point.\n" : "该单位不负责任何评估点。\n");
    return 0;
  }
  long n = gv_rectify_items(r, u, items, scratch);
  if (n >= 0) summary_text(b, r, u, items, (size_t)n, en);
  return n;
}

int gv_result_write_rectify(const govopen_result *r, size_t unit, unsigned flags, size_t chunk, govopen_write_fn write,
                            void *user) {
  if (r == NULL || write == NULL || unit >= r->fw->unit_count || (flags & ~GOVOPEN_REPORT_LANG_EN) != 0)
    return GOVOPEN_EINVALID;
  int en = (flags & GOVOPEN_REPORT_LANG_EN) != 0;
  size_t np = r->fw->point_count;
  gv_rectify_item *items = malloc((np ? np : 1) * sizeof *items);
  if (items == NULL) return GOVOPEN_ENOMEM;
  gv_out o;
  gv_buf b = {0}, tmp = {0};
  gv_arena scratch = {0};
  if (gv_out_init(&o, chunk, write, user) == GOVOPEN_OK) {
    head_text(&b, r, unit, en);
    gv_rectify_standing(&b, r, unit, en, gv_put_clean);
    long ln = gv_rectify_summary(&b, r, unit, items, &scratch, en);
    size_t n = ln > 0 ? (size_t)ln : 0;
    if (ln < 0) gv_out_fail(&o, GOVOPEN_ENOMEM);
    gv_rectify_totals(&b, r, unit, en, gv_put_clean, gv_put_clean);
    for (size_t i = 0; i < n && gv_out_status(&o) == GOVOPEN_OK; i++) {
      const gv_reason *rs = NULL;
      size_t nr = 0;
      if (gv_cell_reasons(r, unit, items[i].point, &scratch, &rs, &nr) != 0) {
        gv_out_fail(&o, GOVOPEN_ENOMEM);
        break;
      }
      gv_out_put_buf(&o, &b);
      gv_rectify_heading(&b, r, unit, i, &items[i], en, gv_put_clean);
      gv_item_details(&b, &tmp, r->fw->points[items[i].point], rs, nr, en, "   ", gv_put_clean, gv_put_clean);
    }
    gv_buf_putc(&b, '\n');
    gv_fingerprint_line(&b, r, en, gv_put_clean);
    gv_buf_putc(&b, '\n');
    gv_out_put_buf(&o, &b);
  }
  gv_buf_free(&b);
  gv_buf_free(&tmp);
  gv_arena_free(&scratch);
  free(items);
  return gv_out_finish(&o);
}
