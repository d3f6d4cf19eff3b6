/* A result's tables as CSV (docs/reports.md): rankings, scorecards,
 * indicators, rectification lists and the county. Deterministic: the
 * framework's order throughout, ties broken by it, numbers formatted by us.
 * Streamed row by row through the CSV writer (report/csv.h); a unit's
 * reasons are had through gv_cell_reasons(), so a result that keeps none
 * (r->lazy) renders them unit by unit into a scratch arena. */
#include <stdlib.h>
#include <string.h>

#include "report/csv.h"
#include "report/report_util.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The columns of each table, their headers in Chinese and in English. */
typedef struct column {
  const char *zh, *en;
} column;

static const column rankings_columns[] = {{"类别", "kind"},
                                          {"名次", "rank"},
                                          {"单位编号", "unit_id"},
                                          {"单位", "unit"},
                                          {"总分", "total"},
                                          {"得分", "raw"},
                                          {"已评估满分", "possible"},
                                          {"等次", "grade"},
                                          {"一票否决", "vetoed"},
                                          /* the total reconciled (docs/results.md): maximum − lost = total,
       lost = points_lost + rounding − adjustments + clamp */
                                          {"满分", "maximum"},
                                          {"折算得分", "normalised"},
                                          {"评估点失分", "points_lost"},
                                          {"舍入", "rounding"},
                                          {"加减分", "adjustments"},
                                          {"封顶", "clamp"},
                                          {"共失", "lost_total"},
                                          /* what the total stands on */
                                          {"覆盖率(%)", "coverage_percent"},
                                          {"已评估点数", "points_evaluated"},
                                          {"适用点数", "points_applicable"},
                                          {"覆盖不足", "low_coverage"}};
static const column scorecards_columns[] = {
    {"单位编号", "unit_id"}, {"单位", "unit"},      {"评估点编号", "point_id"}, {"指标编号", "indicator_id"},
    {"评估点", "point"},     {"状态", "status"},    {"得分", "score"},          {"满分", "max"},
    {"失分", "lost"},        {"样本数", "samples"}, {"已判定数", "judged"},     {"总分失分", "lost_of_total"}};
static const column indicators_columns[] = {
    {"单位编号", "unit_id"}, {"单位", "unit"},  {"指标编号", "indicator_id"}, {"层级", "level"},
    {"指标", "indicator"},   {"得分", "score"}, {"已评估满分", "possible"},   {"满分", "max"}};
static const column rectify_columns[] = {{"单位编号", "unit_id"},
                                         {"单位", "unit"},
                                         {"单位总分", "unit_total"},
                                         {"名次", "rank"},
                                         {"序号", "item"},
                                         {"评估点编号", "point_id"},
                                         {"指标编号", "indicator_id"},
                                         {"指标", "indicator"},
                                         {"评估点", "point"},
                                         {"状态", "status"},
                                         {"得分", "score"},
                                         {"满分", "max"},
                                         {"失分", "lost"},
                                         {"原因代码", "reason_codes"},
                                         {"原因", "reasons"},
                                         {"证据", "evidence"},
                                         {"评估人员备注", "notes"}};
static const column county_columns[] = {{"类型", "type"},
                                        {"编号", "id"},
                                        {"名称", "name"},
                                        {"层级", "level"},
                                        {"得分", "score"},
                                        {"已评估满分", "possible"},
                                        {"满分", "max"},
                                        {"等次", "grade"},
                                        {"证据", "evidence"},
                                        {"总分失分", "lost_of_total"},
                                        {"覆盖率(%)", "coverage_percent"},
                                        {"已评估点数", "points_evaluated"},
                                        {"适用点数", "points_applicable"}};
static const column adjustments_columns[] = {
    {"范围", "scope"},        {"单位编号", "unit_id"}, {"单位", "unit"},      {"加减分编号", "adjustment_id"},
    {"加减分", "adjustment"}, {"分值", "delta"},       {"已计入", "applied"}, {"未计入原因", "not_applied"},
    {"日期", "date"},         {"证据", "evidence"},    {"备注", "note"}};

static void header(gv_csv *w, const column *cols, size_t n, int en) {
  for (size_t i = 0; i < n; i++) gv_csv_text(w, en ? cols[i].en : cols[i].zh);
  gv_csv_end(w);
}

#define HEADER(w, name, en) header((w), name##_columns, COUNT(name##_columns), (en))

static const char *const table_names[] = {NULL,      "rankings", "scorecards", "indicators",
                                          "rectify", "county",   "adjustments"};

const char *gv_table_name(int table) {
  return table > 0 && (size_t)table < COUNT(table_names) ? table_names[table] : NULL;
}

/* Ends a row whose text went through `tmp`: a text that could not be had
   fails the table rather than leave a field empty. */
static void end_row(gv_csv *w, const gv_buf *tmp) {
  if (gv_buf_status(tmp) != GOVOPEN_OK) gv_csv_fail(w, gv_buf_status(tmp));
  gv_csv_end(w);
}

static void unit_columns(gv_csv *w, const govopen_unit *unit) {
  gv_csv_text(w, unit->id);
  gv_csv_text(w, unit->name);
}

/* --- rankings ---------------------------------------------------------------------- */

/* coverage_percent, points_evaluated, points_applicable */
static void coverage_columns(gv_csv *w, int64_t evaluated, int64_t applicable, size_t points_evaluated,
                             size_t points_applicable) {
  gv_csv_score(w, gv_cents_percent_down(evaluated, applicable));
  gv_csv_uint(w, points_evaluated);
  gv_csv_uint(w, points_applicable);
}

/* `order` has room for every unit. A unit not evaluated has its row under
   its kind's ranking, with no rank, scores or mark. */
static void rankings_csv(gv_csv *w, const govopen_result *r, int en, gv_ranked *order) {
  const govopen_framework *fw = r->fw;
  size_t n = gv_ranked_order(r, order);
  HEADER(w, rankings, en);
  for (size_t i = 0; i < n && gv_csv_status(w) == GOVOPEN_OK; i++) {
    const gv_unit_result *ur = &r->units[order[i].unit];
    gv_csv_text(w, gv_label_kind(order[i].kind, en));
    if (order[i].rank) {
      gv_csv_uint(w, ur->rank);
      unit_columns(w, &fw->units[order[i].unit]);
      gv_csv_score(w, ur->total);
      gv_csv_score(w, ur->raw);
      gv_csv_score(w, ur->possible);
      gv_csv_text(w, ur->grade);
      gv_csv_text(w, gv_label_yes(ur->vetoed, en));
      gv_breakdown d;
      gv_breakdown_of(r, order[i].unit, &d);
      gv_csv_score(w, d.maximum);
      gv_csv_score(w, d.normalised);
      gv_csv_score(w, d.points);
      gv_csv_score(w, d.rounding);
      gv_csv_score(w, d.adjustments);
      gv_csv_score(w, d.clamp);
      gv_csv_score(w, d.lost);
    } else {
      gv_csv_empty(w);
      unit_columns(w, &fw->units[order[i].unit]);
      for (int k = 0; k < 12; k++) gv_csv_empty(w); /* total … vetoed, maximum … lost_total */
    }
    coverage_columns(w, ur->cover_evaluated, ur->cover_applicable, ur->points_evaluated, ur->points_applicable);
    if (order[i].rank)
      gv_csv_text(w, gv_label_yes(ur->low_coverage, en));
    else
      gv_csv_empty(w);
    gv_csv_end(w);
  }
}

/* --- scorecards ------------------------------------------------------------------------ */

/* score, max, lost: a score only when scored, vetoed or in error (as in the JSON), the
   points lost only when they count */
static void cell_scores(gv_csv *w, const govopen_result *r, const gv_cell *c) {
  if (c->status == GOVOPEN_CELL_SCORED || c->status == GOVOPEN_CELL_VETOED || c->status == GOVOPEN_CELL_ERROR)
    gv_csv_score(w, c->score);
  else
    gv_csv_empty(w);
  gv_csv_score(w, c->max);
  int64_t lost = gv_cell_lost(r, c);
  if (lost >= 0)
    gv_csv_score(w, lost);
  else
    gv_csv_empty(w);
}

static void scorecards_csv(gv_csv *w, const govopen_result *r, int en) {
  const govopen_framework *fw = r->fw;
  HEADER(w, scorecards, en);
  for (size_t u = 0; u < fw->unit_count && gv_csv_status(w) == GOVOPEN_OK; u++) {
    const gv_cell *cells = &r->cells[u * fw->point_count];
    for (size_t p = 0; p < fw->point_count; p++) {
      const gv_cell *c = &cells[p];
      if (!gv_cell_assigned(c)) continue;
      const govopen_point *pt = fw->points[p];
      unit_columns(w, &fw->units[u]);
      gv_csv_text(w, pt->id);
      gv_csv_text(w, pt->node ? pt->node->id : NULL);
      gv_csv_text(w, pt->text);
      gv_csv_text(w, gv_label_status(c->status, en));
      cell_scores(w, r, c);
      gv_csv_uint(w, c->samples);
      gv_csv_uint(w, c->judged);
      gv_csv_score(w, c->lost);
      gv_csv_end(w);
    }
  }
}

/* --- indicators -------------------------------------------------------------------------- */

static void indicators_csv(gv_csv *w, const govopen_result *r, int en, gv_buf *tmp) {
  const govopen_framework *fw = r->fw;
  HEADER(w, indicators, en);
  for (size_t u = 0; u < fw->unit_count && gv_csv_status(w) == GOVOPEN_OK; u++) {
    const gv_unit_result *ur = &r->units[u];
    if (!ur->scored) continue;
    for (size_t i = 0; i < fw->node_count; i++) {
      if (ur->node_score[i] < 0) continue;
      const govopen_node *n = fw->nodes[i];
      unit_columns(w, &fw->units[u]);
      gv_csv_text(w, n->id);
      gv_csv_uint(w, n->depth);
      gv_buf_truncate(tmp, 0);
      gv_node_name(tmp, n);
      gv_csv_text(w, gv_buf_str(tmp));
      gv_csv_score(w, ur->node_score[i]);
      gv_csv_score(w, ur->node_possible[i]);
      gv_csv_score(w, n->score);
      end_row(w, tmp);
    }
  }
}

/* --- rectification lists -------------------------------------------------------------------- */

/* The reasons of a cell, one per line: their codes, their texts after their
   severity, the evidence they name and the evaluators' notes. */
static void reason_columns(gv_csv *w, const gv_reason *rs, size_t n, int en, gv_buf *tmp) {
  gv_buf_truncate(tmp, 0);
  for (size_t i = 0; i < n; i++) {
    if (i) gv_buf_putc(tmp, '\n');
    gv_buf_puts(tmp, rs[i].code);
  }
  gv_csv_text_n(w, gv_buf_str(tmp), tmp->len);
  gv_buf_truncate(tmp, 0);
  for (size_t i = 0; i < n; i++) {
    if (i) gv_buf_putc(tmp, '\n');
    gv_buf_puts(tmp, gv_label_severity(rs[i].severity, en));
    gv_buf_puts(tmp, en ? ": " : "：");
    gv_buf_puts(tmp, rs[i].text ? rs[i].text : "");
  }
  gv_csv_text_n(w, gv_buf_str(tmp), tmp->len);
  gv_buf_truncate(tmp, 0);
  gv_evidence_join(tmp, rs, n, "\n");
  gv_csv_text_n(w, gv_buf_str(tmp), tmp->len);
  gv_buf_truncate(tmp, 0);
  gv_notes_join(tmp, rs, n, "\n");
  gv_csv_text_n(w, gv_buf_str(tmp), tmp->len);
}

/* One unit's rows. `items` has room for every point. */
static void rectify_unit(gv_csv *w, const govopen_result *r, size_t u, int en, gv_rectify_item *items, gv_buf *tmp,
                         gv_arena *scratch) {
  const govopen_framework *fw = r->fw;
  const gv_unit_result *ur = &r->units[u];
  long n = gv_rectify_items(r, u, items, scratch);
  if (n < 0) gv_csv_fail(w, GOVOPEN_ENOMEM);
  for (size_t i = 0; i < (size_t)(n > 0 ? n : 0) && gv_csv_status(w) == GOVOPEN_OK; i++) {
    size_t p = items[i].point;
    const gv_cell *c = &r->cells[u * fw->point_count + p];
    const govopen_point *pt = fw->points[p];
    const gv_reason *rs = NULL;
    size_t nr = 0;
    if (gv_cell_reasons(r, u, p, scratch, &rs, &nr) != 0) {
      gv_csv_fail(w, GOVOPEN_ENOMEM);
      break;
    }
    unit_columns(w, &fw->units[u]);
    if (ur->scored)
      gv_csv_score(w, ur->total);
    else
      gv_csv_empty(w);
    if (ur->scored && ur->rank > 0)
      gv_csv_uint(w, ur->rank);
    else
      gv_csv_empty(w);
    gv_csv_uint(w, i + 1);
    gv_csv_text(w, pt->id);
    gv_csv_text(w, pt->node ? pt->node->id : NULL);
    gv_buf_truncate(tmp, 0);
    gv_point_path(tmp, pt);
    gv_csv_text_n(w, gv_buf_str(tmp), tmp->len);
    gv_csv_text(w, pt->text);
    gv_csv_text(w, gv_label_status(c->status, en));
    cell_scores(w, r, c);
    reason_columns(w, rs, nr, en, tmp);
    end_row(w, tmp);
  }
  gv_arena_reset(scratch); /* a unit's reasons, when rendered here, go with it */
}

static void rectify_csv(gv_csv *w, const govopen_result *r, int en, gv_rectify_item *items, gv_buf *tmp) {
  gv_arena scratch = {0};
  HEADER(w, rectify, en);
  for (size_t u = 0; u < r->fw->unit_count && gv_csv_status(w) == GOVOPEN_OK; u++)
    rectify_unit(w, r, u, en, items, tmp, &scratch);
  gv_arena_free(&scratch);
}

/* --- the county ------------------------------------------------------------------------------ */

typedef enum county_row {
  ROW_RAW,
  ROW_NORMALISED,
  ROW_ADJUSTMENT,
  ROW_TOTAL,
  ROW_INDICATOR,
  ROW_POINT,
  ROW_ROUNDING,
  ROW_CLAMP,
  ROW_LOST
} county_row;

static const char *county_type(county_row t, int en) {
  static const char *const names[][2] = {{"原始得分", "raw"},  {"折算得分", "normalised"}, {"加减分", "adjustment"},
                                         {"总分", "total"},    {"指标", "indicator"},      {"评估点", "point"},
                                         {"舍入", "rounding"}, {"封顶", "clamp"},          {"共失", "lost_total"}};
  return names[t][en ? 1 : 0];
}

/* Ends a county row that has no coverage: its columns empty. */
static void county_end(gv_csv *w, const gv_buf *tmp) {
  while (w->fields < COUNT(county_columns)) gv_csv_empty(w);
  end_row(w, tmp);
}

static void county_head(gv_csv *w, county_row t, int en, const char *id, const char *name);

/* Evidence as one field, a piece a line. */
static void evidence_field(gv_csv *w, const gv_result_adj *a, gv_buf *tmp) {
  gv_buf_truncate(tmp, 0);
  for (size_t k = 0; k < a->evidence_count; k++) {
    if (k) gv_buf_putc(tmp, '\n');
    gv_buf_puts(tmp, a->evidence[k]);
  }
  gv_csv_text_n(w, gv_buf_str(tmp), tmp->len);
}

/* A row of an amount only: score, then the empty possible, max, grade, evidence, lost_of_total, coverage */
static void amount_row(gv_csv *w, county_row t, int en, const govopen_framework *fw, int64_t cents, gv_buf *tmp) {
  county_head(w, t, en, fw->id, fw->title);
  gv_csv_score(w, cents);
  county_end(w, tmp);
}

/* type, id, name, level */
static void county_head(gv_csv *w, county_row t, int en, const char *id, const char *name) {
  gv_csv_text(w, county_type(t, en));
  gv_csv_text(w, id);
  gv_csv_text(w, name);
  gv_csv_empty(w);
}

static void county_csv(gv_csv *w, const govopen_result *r, int en, gv_buf *tmp) {
  const govopen_framework *fw = r->fw;
  HEADER(w, county, en);
  county_head(w, ROW_RAW, en, fw->id, fw->title);
  gv_csv_score(w, r->county_raw);
  gv_csv_score(w, r->county_possible);
  gv_csv_score(w, fw->total);
  gv_csv_empty(w);
  gv_csv_empty(w);
  county_end(w, tmp);
  county_head(w, ROW_NORMALISED, en, fw->id, fw->title);
  gv_csv_score(w, r->county_normalised);
  gv_csv_empty(w);
  gv_csv_score(w, fw->total);
  gv_csv_empty(w);
  gv_csv_empty(w);
  county_end(w, tmp);
  amount_row(w, ROW_ROUNDING, en, fw, r->county_rounding, tmp);
  for (size_t i = 0; i < r->adjustment_count; i++) {
    const gv_adjustment *a = &fw->adjustments[r->adjustments[i]];
    county_head(w, ROW_ADJUSTMENT, en, a->id, a->text);
    gv_csv_score(w, a->delta);
    gv_csv_empty(w);
    gv_csv_empty(w);
    gv_csv_empty(w);
    evidence_field(w, &r->county_adj[i], tmp);
    county_end(w, tmp);
  }
  if (r->county_unclamped != r->county_total)
    amount_row(w, ROW_CLAMP, en, fw, r->county_unclamped - r->county_total, tmp);
  county_head(w, ROW_TOTAL, en, fw->id, fw->title);
  gv_csv_score(w, r->county_total);
  gv_csv_empty(w);
  gv_csv_score(w, fw->total);
  gv_csv_text(w, r->county_grade);
  gv_csv_empty(w);
  gv_csv_empty(w); /* lost_of_total: the lost row follows */
  coverage_columns(w, r->county_cover_evaluated, r->county_cover_applicable, r->county_points_evaluated,
                   r->county_points_applicable);
  county_end(w, tmp);
  gv_breakdown d;
  gv_breakdown_of(r, GV_COUNTY, &d);
  amount_row(w, ROW_LOST, en, fw, d.lost, tmp);
  /* every indicator and point, those not evaluated with their scores empty */
  for (size_t i = 0; i < fw->node_count && gv_csv_status(w) == GOVOPEN_OK; i++) {
    const govopen_node *n = fw->nodes[i];
    gv_csv_text(w, county_type(ROW_INDICATOR, en));
    gv_csv_text(w, n->id);
    gv_buf_truncate(tmp, 0);
    gv_node_name(tmp, n);
    gv_csv_text_n(w, gv_buf_str(tmp), tmp->len);
    gv_csv_uint(w, n->depth);
    if (r->county_node[i] >= 0) {
      gv_csv_score(w, r->county_node[i]);
      gv_csv_score(w, r->county_node_possible[i]);
    } else {
      gv_csv_empty(w);
      gv_csv_empty(w);
    }
    gv_csv_score(w, n->score);
    gv_csv_empty(w);
    gv_csv_empty(w);
    county_end(w, tmp);
  }
  for (size_t p = 0; p < fw->point_count && gv_csv_status(w) == GOVOPEN_OK; p++) {
    const govopen_point *pt = fw->points[p];
    county_head(w, ROW_POINT, en, pt->id, pt->text);
    if (r->county_point[p] >= 0)
      gv_csv_score(w, r->county_point[p]);
    else
      gv_csv_empty(w);
    gv_csv_empty(w);
    gv_csv_score(w, pt->score);
    gv_csv_empty(w);
    gv_csv_empty(w);
    gv_csv_score(w, r->county_lost[p]);
    county_end(w, tmp);
  }
}

/* --- adjustments ----------------------------------------------------------------------------- */

static void adjustment_row(gv_csv *w, const govopen_result *r, const gv_result_adj *a, const govopen_unit *unit, int en,
                           gv_buf *tmp) {
  const gv_adjustment *adj = &r->fw->adjustments[a->index];
  gv_csv_text(w, unit ? (en ? "unit" : "单位") : (en ? "county" : "全县"));
  gv_csv_text(w, unit ? unit->id : NULL);
  gv_csv_text(w, unit ? unit->name : NULL);
  gv_csv_text(w, adj->id);
  gv_csv_text(w, adj->text);
  gv_csv_score(w, adj->delta);
  gv_csv_text(w, gv_label_yes(a->applied, en));
  if (a->applied)
    gv_csv_empty(w);
  else if (a->why && strcmp(a->why, "vetoed") == 0)
    gv_csv_text(w, en ? "vetoed" : "一票否决");
  else
    gv_csv_text(w, en ? "not scored" : "尚未评分");
  gv_csv_text(w, a->date);
  evidence_field(w, a, tmp);
  gv_csv_text(w, a->note);
  end_row(w, tmp);
}

/* One row per adjustment triggered: the county's, then each unit's, in
   input order within each. */
static void adjustments_csv(gv_csv *w, const govopen_result *r, int en, gv_buf *tmp) {
  HEADER(w, adjustments, en);
  for (size_t i = 0; i < r->adjustment_count && gv_csv_status(w) == GOVOPEN_OK; i++)
    adjustment_row(w, r, &r->county_adj[i], NULL, en, tmp);
  for (size_t u = 0; u < r->fw->unit_count && gv_csv_status(w) == GOVOPEN_OK; u++)
    for (size_t i = 0; i < r->units[u].adj_count; i++)
      adjustment_row(w, r, &r->units[u].adj[i], &r->fw->units[u], en, tmp);
}

/* --- the entry points ------------------------------------------------------------------------ */

#define CSV_FLAGS (GOVOPEN_REPORT_LANG_EN | GOVOPEN_CSV_NO_BOM)

int gv_result_write_csv(const govopen_result *r, int table, unsigned flags, size_t chunk, govopen_write_fn write,
                        void *user) {
  if (r == NULL || write == NULL || gv_table_name(table) == NULL || (flags & ~CSV_FLAGS) != 0) return GOVOPEN_EINVALID;
  const govopen_framework *fw = r->fw;
  int en = (flags & GOVOPEN_REPORT_LANG_EN) != 0;
  /* the arrays a table needs, had before the first byte goes out */
  gv_ranked *order = NULL;
  gv_rectify_item *items = NULL;
  if (table == GOVOPEN_TABLE_RANKINGS &&
      (order = malloc((fw->unit_count ? fw->unit_count : 1) * sizeof *order)) == NULL)
    return GOVOPEN_ENOMEM;
  if (table == GOVOPEN_TABLE_RECTIFY &&
      (items = malloc((fw->point_count ? fw->point_count : 1) * sizeof *items)) == NULL)
    return GOVOPEN_ENOMEM;
  gv_csv w;
  gv_buf tmp = {0};
  if (gv_csv_init(&w, (flags & GOVOPEN_CSV_NO_BOM) == 0, chunk, write, user) == GOVOPEN_OK) {
    switch (table) {
      case GOVOPEN_TABLE_RANKINGS: rankings_csv(&w, r, en, order); break;
      case GOVOPEN_TABLE_SCORECARDS: scorecards_csv(&w, r, en); break;
      case GOVOPEN_TABLE_INDICATORS: indicators_csv(&w, r, en, &tmp); break;
      case GOVOPEN_TABLE_RECTIFY: rectify_csv(&w, r, en, items, &tmp); break;
      case GOVOPEN_TABLE_COUNTY: county_csv(&w, r, en, &tmp); break;
      default: adjustments_csv(&w, r, en, &tmp); break;
    }
  }
  gv_buf_free(&tmp);
  free(order);
  free(items);
  return gv_csv_finish(&w);
}
