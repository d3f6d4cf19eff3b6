/* A result as one self-contained HTML page (docs/reports.md): the county's
 * scores, adjustments and grade with a chart of its level-1 indicators; a
 * ranking chart and table per kind of unit; then every unit's scorecard and
 * rectification list, worded as the plain-text list is (report/rectify.c,
 * through report_util.h). No script, no external file: the style sheet is
 * inline, the charts are inline SVG (report/svg.c), and a Content Security
 * Policy forbids anything else, so the page can be published or printed as
 * it is. Streamed section by section, unit by unit, through the chunked
 * sink. Every text from the input goes through gv_html_text(); evidence is
 * a link only when it is a plain http(s) URL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/html.h"
#include "report/out.h"
#include "report/report_util.h"
#include "report/svg.h"

void gv_html_text(gv_buf *b, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  while (p < end) {
    const unsigned char *run = p;
    size_t ctl = 0;
    for (; p < end; p++)
      if (*p == '&' || *p == '<' || *p == '>' || *p == '"' || *p == '\'' || (ctl = gv_control_len(p, end)) != 0) break;
    gv_buf_append(b, (const char *)run, (size_t)(p - run));
    if (p == end) break;
    if (ctl) {
      gv_buf_putc(b, ' ');
      p += ctl;
      continue;
    }
    gv_buf_puts(b, *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '"' ? "&quot;" : "&#39;");
    p++;
  }
}

static void html_puts(gv_buf *b, const char *s) {
  if (s) gv_html_text(b, s, strlen(s));
}

/* Evidence: a link when it is an http(s) URL that can be an href as it is
   (no quote, backtick, backslash, < or >), else text. */
static void html_evidence(gv_buf *b, const char *e, size_t n) {
  if (!gv_url_linkable(e, n, "<>\"'`\\")) {
    gv_html_text(b, e, n);
    return;
  }
  gv_buf_puts(b, "<a href=\"");
  gv_html_text(b, e, n);
  gv_buf_puts(b, "\" rel=\"noopener noreferrer nofollow\">");
  gv_html_text(b, e, n);
  gv_buf_puts(b, "</a>");
}

/* A status as people say it. */
static const char *status_label(int status, int en) {
  if (!en) return gv_label_status(status, 0);
  static const char *const t[] = {"scored", "not evaluated", "vetoed", "could not be scored"};
  return (unsigned)status < sizeof t / sizeof t[0] ? t[status] : "";
}

/* --- the page's head
 * ------------------------------------------------------------------- */

static const char STYLE[] =
    "<style>\n"
    ":root{color-scheme:light}\n"
    "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Noto Sans "
    "SC\",\"PingFang SC\","
    "\"Hiragino Sans GB\",\"Microsoft YaHei\",\"WenQuanYi Micro "
    "Hei\",\"WenQuanYi Zen Hei\",sans-serif;"
    "color:#1a1a1a;background:#fff;line-height:1.6;max-width:62rem;margin:0 "
    "auto;padding:1rem 1.5rem}\n"
    "h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.3rem;border-bottom:2px "
    "solid #1f4e79;margin-top:2rem}"
    "h3{font-size:1.1rem;margin-top:1.5rem}h4{font-size:1rem;margin:1rem 0 "
    ".3rem}\n"
    "table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid "
    "#b8b8b8;padding:.2rem .5rem;"
    "text-align:left;vertical-align:top}th{background:#eef2f6;white-space:nowrap}.num{text-align:"
    "right;"
    "font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "tr.level-1 td{font-weight:bold}tr.level-2 "
    "td:first-child{padding-left:1.2rem}"
    "tr.point td:first-child{padding-left:2.4rem}\n"
    "nav "
    "a{margin-right:1rem}a{color:#1f4e79}.total{font-size:1.2rem;font-weight:"
    "bold}"
    ".alert{color:#b03a2e}.none{color:#666}\n"
    "figure.chart{margin:1rem "
    "0;overflow-x:auto}svg.chart{max-width:100%;height:auto;display:block}\n"
    "svg.chart text{font-family:inherit;font-size:13px;fill:#1a1a1a}svg.chart "
    ".chart-title{font-size:15px;"
    "font-weight:bold}svg.chart .tick{font-size:11px;fill:#555}\n"
    "svg.chart .grid{stroke:#e2e2e2}svg.chart .axis{stroke:#555}svg.chart "
    ".bar-max{fill:#e1e7ee}"
    "svg.chart .bar-possible{fill:#a9bdd3}svg.chart "
    ".bar-value{fill:#2c6fad}svg.chart .alert .bar-value{fill:#b03a2e}"
    "svg.chart a:hover .bar-value{fill:#1f4e79}\n"
    ".item{margin:.8rem 0}.item-head{font-weight:bold;margin:0}.item "
    "ul{margin:.2rem 0;padding-left:1.5rem}"
    ".item li{overflow-wrap:anywhere}\n"
    "@media "
    "print{body{max-width:none;padding:0}nav{display:none}h2{break-before:page}"
    "figure,tr,.item{break-inside:avoid}a{color:inherit;text-decoration:none}}"
    "\n"
    "</style>\n";

static void head(gv_buf *b, const govopen_result *r, int en) {
  gv_buf_puts(b, en ? "<!DOCTYPE html>\n<html lang=\"en\">\n" : "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n");
  gv_buf_puts(b, "<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, "
                 "initial-scale=1\">\n"
                 "<meta http-equiv=\"Content-Security-Policy\" "
                 "content=\"default-src 'none'; style-src "
                 "'unsafe-inline'\">\n"
                 "<meta name=\"referrer\" content=\"no-referrer\">\n"
                 "<meta name=\"generator\" content=\"libgovopen\">\n<title>");
  html_puts(b, r->fw->title);
  gv_buf_puts(b, en ? ": evaluation report</title>\n" : "：评估报告</title>\n");
  gv_buf_puts(b, STYLE);
  gv_buf_puts(b, "</head>\n<body>\n<header>\n<h1>");
  html_puts(b, r->fw->title);
  gv_buf_puts(b, en ? ": evaluation report</h1>\n" : "：评估报告</h1>\n");
  gv_buf_printf(b,
                en ? "<p>As of %s; %zu observations read, %zu rejected.</p>\n"
                   : "<p>截至 %s；读入观察 %zu 条，拒收 %zu 条。</p>\n",
                r->as_of, r->observations, r->rejected);
  gv_buf_puts(b, en ? "<nav><a href=\"#county\">The county</a><a "
                      "href=\"#rankings\">Rankings</a>"
                      "<a href=\"#units\">Units</a></nav>\n</header>\n<main>\n"
                    : "<nav><a href=\"#county\">全县</a><a href=\"#rankings\">排名</a>"
                      "<a href=\"#units\">各单位</a></nav>\n</header>\n<main>\n");
}

/* --- the county
 * ----------------------------------------------------------------------------
 */

static void county_table(gv_buf *b, const govopen_result *r, int en) {
  const govopen_framework *fw = r->fw;
  gv_buf_puts(b, en ? "<section id=\"county\">\n<h2>The county</h2>\n<table "
                      "class=\"county\">\n<tr><th>Raw score</th>"
                      "<td class=\"num\">"
                    : "<section id=\"county\">\n<h2>全县</h2>\n<table "
                      "class=\"county\">\n<tr><th>原始得分</th>"
                      "<td class=\"num\">");
  gv_buf_put_score2(b, r->county_raw);
  gv_buf_puts(b, en ? "</td><td>of " : "</td><td>已评估满分 ");
  gv_buf_put_score2(b, r->county_possible);
  gv_buf_puts(b, en ? " evaluated</td></tr>\n<tr><th>Normalised</th><td class=\"num\">"
                    : "</td></tr>\n<tr><th>折算得分</th><td class=\"num\">");
  gv_buf_put_score2(b, r->county_normalised);
  gv_buf_puts(b, en ? "</td><td>of " : "</td><td>满分 ");
  gv_buf_put_score2(b, fw->total);
  gv_buf_puts(b, "</td></tr>\n");
  if (r->adjustment_count == 0)
    gv_buf_puts(b, en ? "<tr><th>Adjustments</th><td "
                        "class=\"num\">0</td><td>none</td></tr>\n"
                      : "<tr><th>加减分</th><td class=\"num\">0</td><td>无</td></tr>\n");
  for (size_t i = 0; i < r->adjustment_count; i++) {
    const gv_adjustment *a = &fw->adjustments[r->adjustments[i]];
    gv_buf_puts(b, en ? "<tr><th>Adjustment</th><td class=\"num\">" : "<tr><th>加减分</th><td class=\"num\">");
    if (a->delta > 0) gv_buf_putc(b, '+');
    gv_buf_put_score2(b, a->delta);
    gv_buf_puts(b, "</td><td>");
    gv_adjustment_lines(b, r, &r->county_adj[i], 0, en, "<br>", gv_html_text, html_evidence);
    gv_buf_puts(b, "</td></tr>\n");
  }
  gv_buf_puts(b, en ? "<tr class=\"total\"><th>Total</th><td class=\"num\">"
                    : "<tr class=\"total\"><th>总分</th><td class=\"num\">");
  gv_buf_put_score2(b, r->county_total);
  gv_buf_puts(b, "</td><td>");
  if (r->county_grade) {
    gv_buf_puts(b, en ? "grade " : "等次：");
    html_puts(b, r->county_grade);
  }
  if (r->county_unclamped != r->county_total) {
    gv_buf_puts(b, en ? (r->county_grade ? "; clamped: adjusted total " : "clamped: adjusted total ")
                      : (r->county_grade ? "；封顶：加减分后为 " : "封顶：加减分后为 "));
    gv_buf_put_score2(b, r->county_unclamped);
    gv_buf_puts(b, en ? ", kept within 0 … " : "，按 0 至 ");
    gv_buf_put_score2(b, fw->total);
    gv_buf_puts(b, en ? "" : " 计");
  }
  gv_buf_puts(b, en ? "</td></tr>\n<tr><th>Coverage</th><td colspan=\"2\">"
                    : "</td></tr>\n<tr><th>覆盖</th><td colspan=\"2\">");
  gv_county_coverage(b, r, en);
  gv_buf_puts(b, "</td></tr>\n</table>\n");
  if (r->county_possible > 0) {
    gv_buf_puts(b, en ? "<h3>The total reconciled</h3>\n<ul class=\"reconcile\">\n"
                      : "<h3>总分核算</h3>\n<ul class=\"reconcile\">\n");
    gv_breakdown_lines(b, r, GV_COUNTY, en, "<li>", "</li>");
    gv_buf_puts(b, "</ul>\n");
    int any = 0;
    for (size_t p = 0; p < fw->point_count; p++) {
      if (r->county_lost[p] == 0) continue;
      if (!any)
        gv_buf_puts(b, en ? "<table class=\"losses\">\n<tr><th>point</th><th class=\"num\">score</th><th "
                            "class=\"num\">max</th><th class=\"num\">lost of the total</th></tr>\n"
                          : "<table class=\"losses\">\n<tr><th>评估点</th><th class=\"num\">得分</th><th "
                            "class=\"num\">满分</th><th class=\"num\">总分失分</th></tr>\n");
      any = 1;
      gv_buf_puts(b, "<tr><td>");
      html_puts(b, fw->points[p]->id);
      gv_buf_puts(b, "</td><td class=\"num\">");
      gv_buf_put_score2(b, r->county_point[p]);
      gv_buf_puts(b, "</td><td class=\"num\">");
      gv_buf_put_score2(b, fw->points[p]->score);
      gv_buf_puts(b, "</td><td class=\"num\">");
      gv_buf_put_score2(b, r->county_lost[p]);
      gv_buf_puts(b, "</td></tr>\n");
    }
    if (any) gv_buf_puts(b, "</table>\n");
  }
  if (fw->grade_count) {
    gv_buf_puts(b, en ? "<p>Grades: " : "<p>等次标准：");
    for (size_t i = 0; i < fw->grade_count; i++) {
      if (i) gv_buf_puts(b, en ? "; " : "；");
      html_puts(b, fw->grades[i].name);
      gv_buf_puts(b, " ≥ ");
      gv_buf_put_score2(b, fw->grades[i].min);
    }
    gv_buf_puts(b, en ? ".</p>\n" : "。</p>\n");
  }
}

/* The level-1 indicators: a chart of earned against possible and maximum,
   and the same as a table. */
static void county_indicators(gv_buf *b, const govopen_result *r, int en, gv_buf *tmp, gv_arena *scratch) {
  const govopen_framework *fw = r->fw;
  size_t n = 0;
  for (size_t i = 0; i < fw->node_count; i++) n += fw->nodes[i]->depth == 1;
  gv_svg_bar *bars = gv_arena_array(scratch, n ? n : 1, sizeof *bars);
  if (bars == NULL) {
    gv_buf_fail(b);
    return;
  }
  int64_t hi = 0;
  size_t k = 0;
  gv_buf table = {0};
  gv_buf_puts(&table, en ? "<table class=\"indicators\">\n<tr><th>indicator</th><th "
                           "class=\"num\">earned</th>"
                           "<th class=\"num\">possible</th><th class=\"num\">max</th></tr>\n"
                         : "<table class=\"indicators\">\n<tr><th>指标</th><th "
                           "class=\"num\">得分</th>"
                           "<th class=\"num\">已评估满分</th><th "
                           "class=\"num\">满分</th></tr>\n");
  for (size_t i = 0; i < fw->node_count; i++) {
    const govopen_node *node = fw->nodes[i];
    if (node->depth != 1) continue;
    gv_buf_truncate(tmp, 0);
    gv_node_name(tmp, node);
    gv_svg_bar *bar = &bars[k++];
    memset(bar, 0, sizeof *bar);
    bar->label = gv_arena_strndup(scratch, gv_buf_str(tmp), tmp->len);
    if (bar->label == NULL || gv_buf_status(tmp) != GOVOPEN_OK) gv_buf_fail(b);
    bar->has_value = r->county_node[i] >= 0;
    bar->value = r->county_node[i];
    bar->possible = bar->has_value ? r->county_node_possible[i] : -1;
    bar->max = node->score;
    if (node->score > hi) hi = node->score;
    gv_buf_puts(&table, "<tr><td>");
    gv_html_text(&table, gv_buf_str(tmp), tmp->len);
    gv_buf_puts(&table, "</td><td class=\"num\">");
    if (bar->has_value) {
      gv_buf_put_score2(&table, r->county_node[i]);
      gv_buf_puts(&table, "</td><td class=\"num\">");
      gv_buf_put_score2(&table, r->county_node_possible[i]);
    } else {
      gv_buf_puts(&table, en ? "<span class=\"none\">not evaluated</span></td><td "
                               "class=\"num\">"
                             : "<span class=\"none\">未评估</span></td><td class=\"num\">");
    }
    gv_buf_puts(&table, "</td><td class=\"num\">");
    gv_buf_put_score2(&table, node->score);
    gv_buf_puts(&table, "</td></tr>\n");
  }
  gv_buf_puts(&table, "</table>\n");
  gv_svg_chart c = {
      .id = "chart-indicators",
      .title = en ? "The county's level-1 indicators" : "全县一级指标得分",
      .value_axis = en ? "points" : "分值",
      .label_axis = en ? "indicator" : "一级指标",
      .label_class = "label",
      .legend = {en ? "earned" : "得分", en ? "possible (evaluated)" : "已评估满分", en ? "maximum" : "满分"},
      .empty = en ? "not evaluated" : "未评估",
      .lo = 0,
      .hi = hi,
      .show_max = 1,
      .en = en};
  gv_buf_puts(b, en ? "<h3>Level-1 indicators</h3>\n<figure class=\"chart\">\n"
                    : "<h3>一级指标</h3>\n<figure class=\"chart\">\n");
  gv_svg_hbar(b, &c, bars, k);
  gv_buf_puts(b, "</figure>\n");
  gv_buf_append(b, gv_buf_str(&table), table.len);
  if (gv_buf_status(&table) != GOVOPEN_OK) gv_buf_fail(b);
  gv_buf_free(&table);
  gv_buf_puts(b, "</section>\n");
}

/* --- rankings
 * ------------------------------------------------------------------------------
 */

/* One kind's ranking: `order` holds its `n` units, the ranked ones first,
   then those not evaluated (rank 0), which the chart and the table list
   too, without a value. */
static void ranking(gv_out *o, gv_buf *b, const govopen_result *r, int en, const gv_ranked *order, size_t n,
                    gv_svg_bar *bars) {
  const govopen_framework *fw = r->fw;
  int kind = order[0].kind;
  int64_t lo = 0, hi = 10000; /* totals are normalised to 100, then adjusted */
  for (size_t i = 0; i < n; i++) {
    const gv_unit_result *ur = &r->units[order[i].unit];
    gv_svg_bar *bar = &bars[i];
    memset(bar, 0, sizeof *bar);
    bar->label = fw->units[order[i].unit].name;
    bar->anchor = order[i].unit + 1;
    bar->has_value = order[i].rank > 0;
    bar->value = ur->total;
    bar->possible = bar->max = -1;
    bar->alert = ur->vetoed;
    bar->note = ur->vetoed         ? (en ? "(vetoed)" : "（一票否决）")
                : ur->low_coverage ? (en ? "(low coverage)" : "（覆盖不足）")
                                   : NULL;
    if (!bar->has_value) continue;
    if (ur->total < lo) lo = ur->total;
    if (ur->total > hi) hi = ur->total;
  }
  const char *kinds = gv_label_kinds(kind, en);
  char id[32], title[96];
  snprintf(id, sizeof id, "chart-ranking-%d", kind);
  snprintf(title, sizeof title, en ? "Ranking of the %s by total" : "%s总分排名", kinds);
  gv_svg_chart c = {.id = id,
                    .title = title,
                    .value_axis = en ? "total (of 100, adjusted)" : "总分（百分制，含加减分）",
                    .label_axis = en ? "unit" : "单位",
                    .label_class = "unit-label",
                    .legend = {NULL, NULL, NULL},
                    .empty = en ? "not evaluated" : "未评估",
                    .lo = lo,
                    .hi = hi,
                    .en = en};
  gv_buf_printf(b, "<h3 id=\"ranking-%d\">%s</h3>\n<figure class=\"chart\">\n", kind, kinds);
  gv_svg_hbar(b, &c, bars, n);
  gv_buf_puts(b, en ? "</figure>\n<table class=\"ranking\">\n<tr><th "
                      "class=\"num\">rank</th><th>unit</th>"
                      "<th class=\"num\">total</th><th>coverage</th><th>grade</th><th>vetoed</th></tr>\n"
                    : "</figure>\n<table class=\"ranking\">\n<tr><th "
                      "class=\"num\">名次</th><th>单位</th>"
                      "<th class=\"num\">总分</th><th>覆盖</th><th>等次</th><th>一票否决</th></tr>\n");
  for (size_t i = 0; i < n; i++) {
    const gv_unit_result *ur = &r->units[order[i].unit];
    gv_out_put_buf(o, b);
    if (order[i].rank)
      gv_buf_printf(b, "<tr><td class=\"num\">%u</td><td><a href=\"#unit-%zu\">", ur->rank, order[i].unit);
    else
      gv_buf_printf(b, "<tr class=\"none\"><td class=\"num\">—</td><td><a href=\"#unit-%zu\">", order[i].unit);
    html_puts(b, fw->units[order[i].unit].name);
    gv_buf_puts(b, "</a></td><td class=\"num\">");
    if (order[i].rank)
      gv_buf_put_score2(b, ur->total);
    else
      gv_buf_puts(b, en ? "<span class=\"none\">not evaluated</span>" : "<span class=\"none\">未评估</span>");
    gv_buf_puts(b, ur->low_coverage ? "</td><td class=\"alert\">" : "</td><td>");
    gv_unit_coverage(b, r, order[i].unit, en);
    if (ur->low_coverage) { /* the cell is in the alert colour */
      gv_buf_puts(b, en ? ", " : "，");
      gv_low_coverage_mark(b, r, en);
    }
    gv_buf_puts(b, "</td><td>");
    html_puts(b, ur->grade);
    if (order[i].rank)
      gv_buf_printf(b, ur->vetoed ? "</td><td class=\"alert\">%s</td></tr>\n" : "</td><td>%s</td></tr>\n",
                    gv_label_yes(ur->vetoed, en));
    else
      gv_buf_puts(b, "</td><td></td></tr>\n");
  }
  gv_buf_puts(b, "</table>\n");
}

static void rankings(gv_out *o, gv_buf *b, const govopen_result *r, int en, gv_ranked *order, gv_svg_bar *bars) {
  size_t n = gv_ranked_order(r, order);
  gv_buf_puts(b, en ? "<section id=\"rankings\">\n<h2>Rankings</h2>\n" : "<section id=\"rankings\">\n<h2>排名</h2>\n");
  if (n == 0) gv_buf_puts(b, en ? "<p>No unit was scored.</p>\n" : "<p>尚无已评分的单位。</p>\n");
  for (size_t i = 0, j; i < n && gv_out_status(o) == GOVOPEN_OK; i = j) {
    for (j = i + 1; j < n && order[j].kind == order[i].kind; j++) {
    }
    ranking(o, b, r, en, order + i, j - i, bars);
    gv_out_put_buf(o, b);
  }
  gv_buf_puts(b, "</section>\n");
}

/* --- each unit
 * ------------------------------------------------------------------------------
 */

/* A point's row in a unit's scorecard. */
static void point_row(gv_buf *b, const govopen_point *pt, const gv_cell *c, int en) {
  gv_buf_puts(b, "<tr class=\"point\"><td>");
  html_puts(b, pt->id);
  gv_buf_putc(b, ' ');
  html_puts(b, pt->text);
  gv_buf_puts(b, "</td><td class=\"num\">");
  if (c->status == GOVOPEN_CELL_SCORED || c->status == GOVOPEN_CELL_VETOED || c->status == GOVOPEN_CELL_ERROR) {
    gv_buf_put_score2(b, c->score);
    gv_buf_puts(b, "</td><td class=\"num\">");
    gv_buf_put_score2(b, c->max);
  } else {
    gv_buf_puts(b, "</td><td class=\"num\">");
  }
  gv_buf_puts(b, "</td><td class=\"num\">");
  gv_buf_put_score2(b, c->max);
  gv_buf_printf(
      b, c->status == GOVOPEN_CELL_SCORED ? "</td><td>%s</td></tr>\n" : "</td><td class=\"alert\">%s</td></tr>\n",
      status_label(c->status, en));
}

/* The unit's scorecard: its level-1 and level-2 indicators and its points,
   in the framework's order, with what it earned, what was evaluated and
   what it could earn at most (the maxima of its own points). `sum` and
   `seen` have room for every node. */
static void scorecard(gv_buf *b, gv_buf *tmp, const govopen_result *r, size_t u, int en, int64_t *sum,
                      unsigned char *seen, const size_t *first, const size_t *next) {
  const govopen_framework *fw = r->fw;
  const gv_unit_result *ur = &r->units[u];
  const gv_cell *cells = &r->cells[u * fw->point_count];
  memset(sum, 0, fw->node_count * sizeof *sum);
  memset(seen, 0, fw->node_count);
  for (size_t p = 0; p < fw->point_count; p++) {
    if (!gv_cell_assigned(&cells[p])) continue;
    for (const govopen_node *n = fw->points[p]->node; n != NULL && n->depth > 0; n = n->parent) {
      sum[n->index] += cells[p].max;
      seen[n->index] = 1;
    }
  }
  gv_buf_puts(b, en ? "<h4>Scorecard</h4>\n<table "
                      "class=\"scorecard\">\n<tr><th>indicator / point</th>"
                      "<th class=\"num\">earned</th><th "
                      "class=\"num\">possible</th><th class=\"num\">max</th>"
                      "<th>status</th></tr>\n"
                    : "<h4>得分表</h4>\n<table "
                      "class=\"scorecard\">\n<tr><th>指标 / 评估点</th>"
                      "<th class=\"num\">得分</th><th "
                      "class=\"num\">已评估满分</th><th class=\"num\">满分</th>"
                      "<th>状态</th></tr>\n");
  for (size_t i = 0; i < fw->node_count; i++) {
    const govopen_node *n = fw->nodes[i];
    if (!seen[i] || n->depth > 2) continue;
    gv_buf_truncate(tmp, 0);
    gv_node_name(tmp, n);
    if (gv_buf_status(tmp) != GOVOPEN_OK) gv_buf_fail(b);
    gv_buf_printf(b, "<tr class=\"level-%u\"><td>", n->depth);
    gv_html_text(b, gv_buf_str(tmp), tmp->len);
    gv_buf_puts(b, "</td><td class=\"num\">");
    if (ur->node_score && ur->node_score[i] >= 0) {
      gv_buf_put_score2(b, ur->node_score[i]);
      gv_buf_puts(b, "</td><td class=\"num\">");
      gv_buf_put_score2(b, ur->node_possible[i]);
      gv_buf_puts(b, "</td><td class=\"num\">");
    } else {
      gv_buf_puts(b, "</td><td class=\"num\"></td><td class=\"num\">");
    }
    gv_buf_put_score2(b, sum[i]);
    gv_buf_puts(b, "</td><td></td></tr>\n");
    /* the points right under it, and those of a level-2 indicator's
       deeper levels */
    for (size_t p = first[i]; p != SIZE_MAX; p = next[p])
      if (gv_cell_assigned(&cells[p])) point_row(b, fw->points[p], &cells[p], en);
  }
  gv_buf_puts(b, "</table>\n");
}

typedef struct unit_scratch {
  gv_rectify_item *items;
  int64_t *sum;
  unsigned char *seen;
  /* the points under each level-1 or level-2 indicator (or deeper down),
     in point order: first[node], then next[point] until SIZE_MAX */
  size_t *first, *next;
  gv_arena arena;
} unit_scratch;

/* Fills s->first and s->next once for every unit's scorecard. */
static void group_points(const govopen_framework *fw, unit_scratch *s) {
  for (size_t i = 0; i < fw->node_count; i++) s->first[i] = SIZE_MAX;
  for (size_t p = fw->point_count; p-- > 0;) {
    const govopen_node *up = fw->points[p]->node;
    while (up != NULL && up->depth > 2) up = up->parent;
    if (up == NULL || up->depth == 0) continue;
    s->next[p] = s->first[up->index];
    s->first[up->index] = p;
  }
}

/* A unit's section: its name, its standing, its scorecard and its
   rectification list. */
static void unit_section(gv_out *o, gv_buf *b, gv_buf *tmp, const govopen_result *r, size_t u, int en,
                         unit_scratch *s) {
  const govopen_unit *unit = &r->fw->units[u];
  gv_buf_printf(b, "<section class=\"unit\" id=\"unit-%zu\">\n<h3>", u);
  html_puts(b, unit->name);
  gv_buf_puts(b, en ? " (" : "（");
  html_puts(b, unit->id);
  gv_buf_puts(b, en ? ")</h3>\n<p>" : "）</h3>\n<p>");
  gv_rectify_standing(b, r, u, en, gv_html_text);
  gv_buf_puts(b, "</p>\n");
  scorecard(b, tmp, r, u, en, s->sum, s->seen, s->first, s->next);
  gv_out_put_buf(o, b);
  gv_buf_puts(b, en ? "<h4>Rectification list</h4>\n<p>" : "<h4>整改清单</h4>\n<p>");
  long ln = gv_rectify_summary(b, r, u, s->items, &s->arena, en);
  gv_buf_puts(b, "</p>\n");
  const gv_unit_result *ur = &r->units[u];
  if (ur->scored) {
    gv_buf_puts(b, en ? "<h4>The total reconciled</h4>\n<ul class=\"reconcile\">\n"
                      : "<h4>总分核算</h4>\n<ul class=\"reconcile\">\n");
    gv_breakdown_lines(b, r, u, en, "<li>", "</li>");
    gv_buf_puts(b, "</ul>\n");
  }
  if (ur->adj_count) {
    gv_buf_puts(b, en ? "<h4>Adjustments</h4>\n<ul class=\"adjustments\">\n"
                      : "<h4>加减分</h4>\n<ul class=\"adjustments\">\n");
    for (size_t i = 0; i < ur->adj_count; i++) {
      gv_buf_puts(b, "<li>");
      gv_adjustment_lines(b, r, &ur->adj[i], 1, en, "<br>", gv_html_text, html_evidence);
    }
    gv_buf_puts(b, "</ul>\n");
  }
  if (ln < 0) gv_out_fail(o, GOVOPEN_ENOMEM);
  for (size_t i = 0; i < (size_t)(ln > 0 ? ln : 0) && gv_out_status(o) == GOVOPEN_OK; i++) {
    const gv_reason *rs = NULL;
    size_t nr = 0;
    if (gv_cell_reasons(r, u, s->items[i].point, &s->arena, &rs, &nr) != 0) {
      gv_out_fail(o, GOVOPEN_ENOMEM);
      break;
    }
    gv_out_put_buf(o, b);
    gv_buf_puts(b, "<div class=\"item\">\n<p class=\"item-head\">");
    gv_rectify_heading(b, r, u, i, &s->items[i], en, gv_html_text);
    gv_buf_puts(b, "</p>\n<ul>\n");
    gv_item_details(b, tmp, r->fw->points[s->items[i].point], rs, nr, en, "<li>", gv_html_text, html_evidence);
    gv_buf_puts(b, "</ul>\n</div>\n");
  }
  gv_arena_reset(&s->arena); /* a unit's reasons, when rendered here, go with it */
  gv_buf_puts(b, "</section>\n");
  gv_out_put_buf(o, b);
}

/* --- the entry points
 * ------------------------------------------------------------------------- */

int gv_result_write_html(const govopen_result *r, unsigned flags, size_t chunk, govopen_write_fn write, void *user) {
  if (r == NULL || write == NULL || (flags & ~GOVOPEN_REPORT_LANG_EN) != 0) return GOVOPEN_EINVALID;
  const govopen_framework *fw = r->fw;
  int en = (flags & GOVOPEN_REPORT_LANG_EN) != 0;
  size_t nu = fw->unit_count ? fw->unit_count : 1, nn = fw->node_count ? fw->node_count : 1;
  unit_scratch s = {0};
  gv_ranked *order = malloc(nu * sizeof *order);
  gv_svg_bar *bars = malloc(nu * sizeof *bars);
  s.items = malloc((fw->point_count ? fw->point_count : 1) * sizeof *s.items);
  s.sum = malloc(nn * sizeof *s.sum);
  s.seen = malloc(nn);
  s.first = malloc(nn * sizeof *s.first);
  s.next = malloc((fw->point_count ? fw->point_count : 1) * sizeof *s.next);
  int rc = GOVOPEN_ENOMEM;
  if (order && bars && s.items && s.sum && s.seen && s.first && s.next) {
    group_points(fw, &s);
    gv_out o;
    gv_buf b = {0}, tmp = {0};
    if (gv_out_init(&o, chunk, write, user) == GOVOPEN_OK) {
      head(&b, r, en);
      county_table(&b, r, en);
      county_indicators(&b, r, en, &tmp, &s.arena);
      gv_arena_reset(&s.arena);
      gv_out_put_buf(&o, &b);
      rankings(&o, &b, r, en, order, bars);
      gv_buf_puts(&b, en ? "<section id=\"units\">\n<h2>Units: scorecards and "
                           "rectification lists</h2>\n"
                         : "<section id=\"units\">\n<h2>各单位得分与整改清单</h2>\n");
      for (size_t u = 0; u < fw->unit_count && gv_out_status(&o) == GOVOPEN_OK; u++)
        unit_section(&o, &b, &tmp, r, u, en, &s);
      gv_buf_puts(&b, en ? "</section>\n</main>\n<footer><p>Written by libgovopen.</p>\n<p class=\"fingerprint\">"
                         : "</section>\n</main>\n<footer><p>由 libgovopen 生成。</p>\n<p class=\"fingerprint\">");
      gv_fingerprint_line(&b, r, en, gv_html_text);
      gv_buf_puts(&b, "</p></footer>\n</body>\n</html>\n");
      gv_out_put_buf(&o, &b);
    }
    gv_buf_free(&b);
    gv_buf_free(&tmp);
    rc = gv_out_finish(&o);
  }
  gv_arena_free(&s.arena);
  free(order);
  free(bars);
  free(s.items);
  free(s.sum);
  free(s.seen);
  free(s.first);
  free(s.next);
  return rc;
}
