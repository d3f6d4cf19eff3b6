/* What the reports people read share: labels, points lost, the order of a
   rectification list, evidence, indicator paths. */
#include <stdlib.h>
#include <string.h>

#include "report/out.h"
#include "govopen/version.h"
#include "report/report_util.h"
#include "util/escape.h"

/* --- labels ------------------------------------------------------------------------ */

/* Indexed by value; `en` picks the column. */
static const char *pick(const char *const (*table)[2], size_t n, int i, int en) {
  return i >= 0 && (size_t)i < n ? table[i][en ? 1 : 0] : "";
}

const char *gv_label_status(int status, int en) {
  static const char *const t[][2] = {
      {"已评分", "scored"}, {"未评估", "not_evaluated"}, {"一票否决", "vetoed"}, {"无法评分", "error"}};
  return pick(t, sizeof t / sizeof t[0], status, en);
}

const char *gv_label_kind(int kind, int en) {
  /* the English names are the YAML's (govopen_unit_kind_name) */
  static const char *const t[][2] = {{"镇", "town"},
                                     {"县政府部门", "department"},
                                     {"直属机构", "institution"},
                                     {"党群部门", "party-org"},
                                     {"其他", "other"}};
  return pick(t, sizeof t / sizeof t[0], kind, en);
}

const char *gv_label_kinds(int kind, int en) {
  static const char *const t[][2] = {{"各镇", "towns"},
                                     {"县政府各部门", "departments"},
                                     {"直属机构", "institutions"},
                                     {"党群部门", "party organisations"},
                                     {"其他单位", "other units"}};
  return pick(t, sizeof t / sizeof t[0], kind, en);
}

const char *gv_label_severity(int severity, int en) {
  static const char *const t[][2] = {{"失分", "loss"}, {"提醒", "warning"}, {"说明", "note"}};
  return pick(t, sizeof t / sizeof t[0], severity, en);
}

const char *gv_label_yes(int yes, int en) {
  if (en) return yes ? "yes" : "no";
  return yes ? "是" : "否";
}

/* --- cells ------------------------------------------------------------------------- */

int64_t gv_cell_lost(const govopen_result *r, const gv_cell *c) {
  /* a cell whose rule could not be applied is judged failed: it counts, with 0 */
  if (c->status == GOVOPEN_CELL_SCORED || c->status == GOVOPEN_CELL_VETOED || c->status == GOVOPEN_CELL_ERROR)
    return (int64_t)c->max - c->score;
  return r->not_evaluated_zero ? c->max : -1;
}

static int item_cmp(const void *a, const void *b) {
  const gv_rectify_item *x = a, *y = b;
  if (x->lost != y->lost) return x->lost > y->lost ? -1 : 1;
  return x->point < y->point ? -1 : x->point > y->point;
}

/* A full score that still says why points were lost: a veto point worth
   nothing that was triggered. 1, 0, or GOVOPEN_ENOMEM. */
static int loses(const govopen_result *r, size_t unit, size_t point, gv_arena *scratch) {
  const gv_reason *rs;
  size_t n;
  if (gv_cell_reasons(r, unit, point, scratch, &rs, &n) != GOVOPEN_OK) return GOVOPEN_ENOMEM;
  for (size_t i = 0; i < n; i++)
    if (rs[i].severity == GV_REASON_LOSS) return 1;
  return 0;
}

long gv_rectify_items(const govopen_result *r, size_t unit, gv_rectify_item *items, gv_arena *scratch) {
  size_t np = r->fw->point_count, n = 0;
  const gv_cell *cells = &r->cells[unit * np];
  for (size_t p = 0; p < np; p++) {
    const gv_cell *c = &cells[p];
    if (!gv_cell_assigned(c)) continue;
    if (c->status == GOVOPEN_CELL_SCORED && c->score >= c->max && c->lost <= 0) {
      int k = c->max == 0 ? loses(r, unit, p, scratch) : 0;
      if (k < 0) return k;
      if (k == 0) continue;
    }
    int64_t lost = gv_cell_lost(r, c);
    items[n++] = (gv_rectify_item){p, lost < 0 ? 0 : lost};
  }
  qsort(items, n, sizeof *items, item_cmp);
  return (long)n;
}

static int ranked_cmp(const void *a, const void *b) {
  const gv_ranked *x = a, *y = b;
  if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
  /* rank 0 (not evaluated) after every rank */
  if (x->rank != y->rank) return x->rank - 1u < y->rank - 1u ? -1 : 1;
  return x->unit < y->unit ? -1 : x->unit > y->unit;
}

size_t gv_ranked_order(const govopen_result *r, gv_ranked *order) {
  const govopen_framework *fw = r->fw;
  size_t n = 0;
  for (size_t u = 0; u < fw->unit_count; u++) {
    const gv_unit_result *ur = &r->units[u];
    if (ur->scored && ur->rank > 0)
      order[n++] = (gv_ranked){fw->units[u].kind, ur->rank, u};
    else if (!ur->scored && ur->points_applicable > 0)
      order[n++] = (gv_ranked){fw->units[u].kind, 0, u}; /* not evaluated: after the ranked ones */
  }
  qsort(order, n, sizeof *order, ranked_cmp);
  return n;
}

/* --- coverage ---------------------------------------------------------------------------- */

void gv_coverage_put(gv_buf *b, int64_t evaluated, int64_t applicable, size_t points_evaluated,
                     size_t points_applicable, int en) {
  long long pct = (long long)(gv_cents_percent_down(evaluated, applicable) / 100);
  if (en)
    gv_buf_printf(b, "%lld%% (%zu/%zu points)", pct, points_evaluated, points_applicable);
  else
    gv_buf_printf(b, "%lld%%（评估点 %zu/%zu）", pct, points_evaluated, points_applicable);
}

void gv_unit_coverage(gv_buf *b, const govopen_result *r, size_t u, int en) {
  const gv_unit_result *ur = &r->units[u];
  gv_coverage_put(b, ur->cover_evaluated, ur->cover_applicable, ur->points_evaluated, ur->points_applicable, en);
}

void gv_county_coverage(gv_buf *b, const govopen_result *r, int en) {
  gv_coverage_put(b, r->county_cover_evaluated, r->county_cover_applicable, r->county_points_evaluated,
                  r->county_points_applicable, en);
}

void gv_low_coverage_mark(gv_buf *b, const govopen_result *r, int en) {
  gv_buf_printf(b, en ? "coverage below %d%%" : "覆盖不足%d%%", r->min_coverage);
}

/* --- text ------------------------------------------------------------------------------ */

size_t gv_control_len(const unsigned char *p, const unsigned char *end) {
  uint32_t cp;
  return gv_text_control(p, end, &cp);
}

int gv_url_linkable(const char *e, size_t n, const char *forbidden) {
  size_t k = n >= 7 && strncmp(e, "http://", 7) == 0 ? 7 : n >= 8 && strncmp(e, "https://", 8) == 0 ? 8 : 0;
  if (k == 0 || k == n) return 0;
  const unsigned char *p = (const unsigned char *)e, *end = p + n;
  for (; p < end; p++)
    if (*p == ' ' || strchr(forbidden, *p) != NULL || gv_control_len(p, end) != 0) return 0;
  return 1;
}

size_t gv_evidence_join(gv_buf *b, const gv_reason *reasons, size_t n, const char *sep) {
  size_t count = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < reasons[i].evidence_count; k++) {
      if (count++) gv_buf_puts(b, sep);
      gv_buf_puts(b, reasons[i].evidence[k]);
    }
  return count;
}

size_t gv_notes_join(gv_buf *b, const gv_reason *reasons, size_t n, const char *sep) {
  size_t count = 0;
  for (size_t i = 0; i < n; i++)
    if (reasons[i].note) {
      if (count++) gv_buf_puts(b, sep);
      gv_buf_puts(b, reasons[i].note);
    }
  return count;
}

void gv_node_name(gv_buf *b, const govopen_node *n) {
  if (n->label) gv_buf_puts(b, n->label);
  if (n->title) gv_buf_puts(b, n->title);
}

void gv_point_path(gv_buf *b, const govopen_point *p) {
  /* the ancestors gathered once, then named from the top: O(depth), and the
     depth is at most the loader's cap */
  const govopen_node *chain[GV_MAX_TREE_DEPTH_CAP];
  size_t k = 0;
  for (const govopen_node *n = p->node; n && n->depth > 0 && k < GV_MAX_TREE_DEPTH_CAP; n = n->parent) chain[k++] = n;
  for (size_t i = k; i-- > 0;) {
    if (i + 1 < k) gv_buf_puts(b, " > ");
    gv_node_name(b, chain[i]);
  }
}

void gv_item_details(gv_buf *b, gv_buf *tmp, const govopen_point *pt, const gv_reason *rs, size_t nr, int en,
                     const char *lead, gv_put_fn text, gv_put_fn evidence) {
  gv_buf_printf(b, "%s%s", lead, en ? "indicator: " : "指标：");
  gv_buf_truncate(tmp, 0);
  gv_point_path(tmp, pt);
  if (gv_buf_status(tmp) != GOVOPEN_OK) gv_buf_fail(b);
  text(b, gv_buf_str(tmp), tmp->len);
  gv_buf_printf(b, "\n%s%s", lead, en ? "point: " : "评估点：");
  if (pt->text) text(b, pt->text, strlen(pt->text));
  gv_buf_putc(b, '\n');
  for (size_t k = 0; k < nr; k++) {
    gv_buf_printf(b, "%s%s%s", lead, gv_label_severity(rs[k].severity, en), en ? ": " : "：");
    if (rs[k].text) text(b, rs[k].text, strlen(rs[k].text));
    gv_buf_putc(b, '\n');
  }
  for (size_t k = 0; k < nr; k++)
    for (size_t i = 0; i < rs[k].evidence_count; i++) {
      gv_buf_printf(b, "%s%s", lead, en ? "evidence: " : "证据：");
      evidence(b, rs[k].evidence[i], strlen(rs[k].evidence[i]));
      gv_buf_putc(b, '\n');
    }
  for (size_t k = 0; k < nr; k++)
    if (rs[k].note) {
      gv_buf_printf(b, "%s%s", lead, en ? "evaluator's note: " : "评估人员备注：");
      text(b, rs[k].note, strlen(rs[k].note));
      gv_buf_putc(b, '\n');
    }
}

void gv_put_clean(gv_buf *b, const char *s, size_t n) { gv_escape_terminal(b, s, n, 0); }

/* --- a total reconciled ----------------------------------------------------------------- */

void gv_breakdown_of(const govopen_result *r, size_t unit, gv_breakdown *out) {
  const govopen_framework *fw = r->fw;
  memset(out, 0, sizeof *out);
  if (unit == GV_COUNTY) {
    out->scored = r->county_possible > 0;
    out->raw = r->county_raw;
    out->possible = r->county_possible;
    out->maximum = out->scored ? fw->total : 0;
    out->normalised = r->county_normalised;
    out->total = r->county_total;
    out->unclamped = r->county_unclamped;
    for (size_t p = 0; p < fw->point_count; p++) out->points += r->county_lost[p];
    out->rounding = r->county_rounding;
    for (size_t i = 0; i < r->adjustment_count; i++) out->adjustments += fw->adjustments[r->adjustments[i]].delta;
  } else {
    const gv_unit_result *ur = &r->units[unit];
    out->scored = ur->scored;
    out->raw = ur->raw;
    out->possible = ur->possible;
    out->maximum = ur->maximum;
    out->normalised = ur->normalised;
    out->total = ur->total;
    out->unclamped = ur->unclamped;
    const gv_cell *cells = &r->cells[unit * fw->point_count];
    for (size_t p = 0; p < fw->point_count; p++)
      if (gv_cell_assigned(&cells[p])) out->points += cells[p].lost;
    out->rounding = ur->rounding;
    for (size_t i = 0; i < ur->adj_count; i++)
      if (ur->adj[i].applied) out->adjustments += fw->adjustments[ur->adj[i].index].delta;
  }
  out->clamp = out->unclamped - out->total;
  out->lost = out->maximum - out->total;
}

void gv_put_term(gv_buf *b, int64_t cents) {
  if (cents < 0) gv_buf_putc(b, '(');
  gv_buf_put_score2(b, cents);
  if (cents < 0) gv_buf_putc(b, ')');
}

void gv_breakdown_lines(gv_buf *b, const govopen_result *r, size_t unit, int en, const char *lead, const char *end) {
  gv_breakdown d;
  gv_breakdown_of(r, unit, &d);
  if (!d.scored) return;
  gv_buf_printf(b, "%s%s", lead, en ? "Normalised " : "折算得分 ");
  gv_buf_put_score2(b, d.normalised);
  gv_buf_puts(b, " = ");
  gv_buf_put_score2(b, d.raw);
  gv_buf_puts(b, " × ");
  gv_buf_put_score2(b, d.maximum);
  gv_buf_puts(b, " / ");
  gv_buf_put_score2(b, d.possible);
  gv_buf_puts(b, en ? ", rounded to the hundredth, halves away from zero" : "，四舍五入到 0.01（五入远离零）");
  gv_buf_printf(b, "%s\n%s%s", end, lead, en ? "Maximum " : "满分 ");
  gv_buf_put_score2(b, d.maximum);
  gv_buf_puts(b, en ? " − lost " : " − 共失 ");
  gv_put_term(b, d.lost);
  gv_buf_puts(b, en ? " = total " : " = 总分 ");
  gv_buf_put_score2(b, d.total);
  gv_buf_printf(b, "%s\n%s%s", end, lead, en ? "Lost " : "共失 ");
  gv_put_term(b, d.lost);
  gv_buf_puts(b, en ? " = points " : " = 评估点失分 ");
  gv_put_term(b, d.points);
  gv_buf_puts(b, en ? " + rounding " : " + 舍入 ");
  gv_put_term(b, d.rounding);
  gv_buf_puts(b, en ? " − adjustments " : " − 加减分 ");
  gv_put_term(b, d.adjustments);
  if (d.clamp) {
    gv_buf_puts(b, en ? " + clamp " : " + 封顶 ");
    gv_put_term(b, d.clamp);
  }
  gv_buf_printf(b, "%s\n", end);
}

void gv_adjustment_lines(gv_buf *b, const govopen_result *r, const gv_result_adj *a, int with_delta, int en,
                         const char *lead, gv_put_fn text, gv_put_fn evidence) {
  const gv_adjustment *adj = &r->fw->adjustments[a->index];
  if (with_delta) {
    if (adj->delta > 0) gv_buf_putc(b, '+');
    gv_buf_put_score2(b, adj->delta);
    gv_buf_puts(b, "  ");
  }
  if (adj->text) text(b, adj->text, strlen(adj->text));
  gv_buf_puts(b, en ? " (" : "（");
  text(b, adj->id, strlen(adj->id));
  gv_buf_printf(b, en ? ", %s" : "，%s", a->date);
  if (!a->applied) {
    int vetoed = a->why && strcmp(a->why, "vetoed") == 0;
    if (en)
      gv_buf_puts(b, vetoed ? "; not applied: the unit is vetoed, its total is 0"
                            : "; not applied: the unit is not scored");
    else
      gv_buf_puts(b, vetoed ? "；未计入：该单位被一票否决，总分计0分" : "；未计入：该单位尚未评分");
  }
  gv_buf_puts(b, en ? ")\n" : "）\n");
  for (size_t k = 0; k < a->evidence_count; k++) {
    gv_buf_printf(b, "%s%s", lead, en ? "evidence: " : "证据：");
    evidence(b, a->evidence[k], strlen(a->evidence[k]));
    gv_buf_putc(b, '\n');
  }
  if (a->note) {
    gv_buf_printf(b, "%s%s", lead, en ? "note: " : "备注：");
    text(b, a->note, strlen(a->note));
    gv_buf_putc(b, '\n');
  }
}

void gv_fingerprint_line(gv_buf *b, const govopen_result *r, int en, gv_put_fn put) {
  gv_buf_printf(b, en ? "Fingerprint %.16s (govopen %s, framework " : "指纹 %.16s（govopen %s，框架 ", r->fp.digest,
                GOVOPEN_VERSION_STRING);
  put(b, r->fw->id, strlen(r->fw->id));
  gv_buf_printf(b, en ? ", as of %s)" : "，截至 %s）", r->as_of);
}
