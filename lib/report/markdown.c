/* A result as a Markdown report (docs/reports.md): the county's scores, its
 * level-1 indicators, the rankings of each kind of unit, then every unit's
 * standing and rectification list, worded as the plain-text list is
 * (report/rectify.c, through report_util.h). Streamed section by section,
 * unit by unit, through the chunked sink. Every text from the input goes
 * through gv_md_text(): it can neither make markup, a link or raw HTML nor
 * break a table row or a line. */
#include <stdlib.h>
#include <string.h>

#include "report/markdown.h"
#include "report/out.h"
#include "report/report_util.h"

/* ASCII punctuation Markdown gives a meaning to in text or a table cell:
   each is written after a backslash (CommonMark lets any ASCII punctuation
   be escaped so). < > & become entities, so that no raw HTML (and no entity
   of the input) survives. */
static int md_special(unsigned char c) { return c != 0 && strchr("\\`*_{}[]()#+-.!|~", c) != NULL; }

void gv_md_text(gv_buf *b, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  while (p < end) {
    const unsigned char *run = p;
    size_t ctl = 0;
    for (; p < end; p++)
      if (md_special(*p) || *p == '<' || *p == '>' || *p == '&' || (ctl = gv_control_len(p, end)) != 0) break;
    gv_buf_append(b, (const char *)run, (size_t)(p - run));
    if (p == end) break;
    if (ctl) { /* control characters, line breaks among them, as spaces */
      gv_buf_putc(b, ' ');
      p += ctl;
      continue;
    }
    if (*p == '<')
      gv_buf_puts(b, "&lt;");
    else if (*p == '>')
      gv_buf_puts(b, "&gt;");
    else if (*p == '&')
      gv_buf_puts(b, "&amp;");
    else {
      gv_buf_putc(b, '\\');
      gv_buf_putc(b, (char)*p);
    }
    p++;
  }
}

static void md_puts(gv_buf *b, const char *s) {
  if (s) gv_md_text(b, s, strlen(s));
}

/* Evidence: an autolink `<…>` when it is an http(s) URL without < or >,
   else escaped text (never a link). */
static void md_evidence(gv_buf *b, const char *e, size_t n) {
  if (gv_url_linkable(e, n, "<>")) {
    gv_buf_putc(b, '<');
    gv_buf_append(b, e, n);
    gv_buf_putc(b, '>');
  } else {
    gv_md_text(b, e, n);
  }
}

/* --- the county ---------------------------------------------------------------------- */

static void title(gv_buf *b, const govopen_result *r, int en) {
  gv_buf_puts(b, "# ");
  md_puts(b, r->fw->title);
  gv_buf_puts(b, en ? ": evaluation report\n\n" : "：评估报告\n\n");
  gv_buf_printf(b, en ? "As of %s.\n" : "截至 %s。\n", r->as_of);
}

static void county(gv_buf *b, const govopen_result *r, int en) {
  const govopen_framework *fw = r->fw;
  gv_buf_puts(b, en ? "\n## The county\n\n- Raw score: " : "\n## 全县\n\n- 原始得分：");
  gv_buf_put_score2(b, r->county_raw);
  gv_buf_puts(b, en ? " of " : "（已评估满分 ");
  gv_buf_put_score2(b, r->county_possible);
  gv_buf_puts(b, en ? " evaluated\n- Normalised: " : "）\n- 折算得分：");
  gv_buf_put_score2(b, r->county_normalised);
  gv_buf_puts(b, en ? " of " : "（满分 ");
  gv_buf_put_score2(b, fw->total);
  gv_buf_puts(b, en ? "\n- Adjustments:" : "）\n- 加减分：");
  if (r->adjustment_count == 0) gv_buf_puts(b, en ? " none" : "无");
  gv_buf_putc(b, '\n');
  for (size_t i = 0; i < r->adjustment_count; i++) {
    gv_buf_puts(b, "  - ");
    gv_adjustment_lines(b, r, &r->county_adj[i], 1, en, "    - ", gv_md_text, md_evidence);
  }
  gv_buf_puts(b, en ? "- **Total: " : "- **总分：");
  gv_buf_put_score2(b, r->county_total);
  gv_buf_puts(b, "**\n");
  if (r->county_unclamped != r->county_total) {
    gv_buf_puts(b, en ? "- Clamped: adjusted total " : "- 封顶：加减分后为 ");
    gv_buf_put_score2(b, r->county_unclamped);
    gv_buf_puts(b, en ? ", kept within 0 … " : "，按 0 至 ");
    gv_buf_put_score2(b, fw->total);
    gv_buf_puts(b, en ? " (cap_adjusted)\n" : " 计（cap_adjusted）\n");
  }
  gv_buf_puts(b, en ? "- Coverage: " : "- 覆盖：");
  gv_county_coverage(b, r, en);
  gv_buf_putc(b, '\n');
  if (r->county_grade) {
    gv_buf_puts(b, en ? "- Grade: " : "- 等次：");
    md_puts(b, r->county_grade);
    gv_buf_putc(b, '\n');
  }
  gv_breakdown_lines(b, r, GV_COUNTY, en, "- ", "");
}

/* The points the county's total lost at each point (docs/results.md). */
static void county_losses(gv_buf *b, const govopen_result *r, int en) {
  const govopen_framework *fw = r->fw;
  int any = 0;
  for (size_t p = 0; p < fw->point_count; p++) {
    if (r->county_lost[p] == 0) continue;
    if (!any)
      gv_buf_puts(b, en ? "\n### Points lost, by evaluation point\n\n| point | score | max | lost of the total |\n"
                        : "\n### 各评估点失分\n\n| 评估点 | 得分 | 满分 | 总分失分 |\n");
    if (!any) gv_buf_puts(b, "| --- | ---: | ---: | ---: |\n");
    any = 1;
    gv_buf_puts(b, "| ");
    md_puts(b, fw->points[p]->id);
    gv_buf_puts(b, " | ");
    gv_buf_put_score2(b, r->county_point[p]);
    gv_buf_puts(b, " | ");
    gv_buf_put_score2(b, fw->points[p]->score);
    gv_buf_puts(b, " | ");
    gv_buf_put_score2(b, r->county_lost[p]);
    gv_buf_puts(b, " |\n");
  }
}

/* The level-1 indicators: earned, possible, maximum; empty when no unit was
   evaluated on one. */
static void indicators(gv_buf *b, const govopen_result *r, int en, gv_buf *tmp) {
  const govopen_framework *fw = r->fw;
  gv_buf_puts(b, en ? "\n### Level-1 indicators\n\n| indicator | earned | possible | max |\n"
                    : "\n### 一级指标\n\n| 指标 | 得分 | 已评估满分 | 满分 |\n");
  gv_buf_puts(b, "| --- | ---: | ---: | ---: |\n");
  for (size_t i = 0; i < fw->node_count; i++) {
    const govopen_node *n = fw->nodes[i];
    if (n->depth != 1) continue;
    gv_buf_truncate(tmp, 0);
    gv_node_name(tmp, n);
    if (gv_buf_status(tmp) != GOVOPEN_OK) gv_buf_fail(b);
    gv_buf_puts(b, "| ");
    gv_md_text(b, gv_buf_str(tmp), tmp->len);
    gv_buf_puts(b, " | ");
    if (r->county_node[i] >= 0) {
      gv_buf_put_score2(b, r->county_node[i]);
      gv_buf_puts(b, " | ");
      gv_buf_put_score2(b, r->county_node_possible[i]);
    } else {
      gv_buf_puts(b, " | ");
    }
    gv_buf_puts(b, " | ");
    gv_buf_put_score2(b, n->score);
    gv_buf_puts(b, " |\n");
  }
}

/* --- rankings ---------------------------------------------------------------------------- */

static void rankings(gv_out *o, gv_buf *b, const govopen_result *r, int en, gv_ranked *order) {
  size_t n = gv_ranked_order(r, order);
  gv_buf_puts(b, en ? "\n## Rankings\n" : "\n## 排名\n");
  for (size_t i = 0; i < n && gv_out_status(o) == GOVOPEN_OK; i++) {
    const govopen_unit *unit = &r->fw->units[order[i].unit];
    const gv_unit_result *ur = &r->units[order[i].unit];
    if (i == 0 || order[i].kind != order[i - 1].kind) {
      gv_out_put_buf(o, b);
      gv_buf_printf(b, "\n### %s\n\n", gv_label_kinds(order[i].kind, en));
      gv_buf_puts(b, en ? "| rank | unit | total | coverage | grade | vetoed |\n"
                        : "| 名次 | 单位 | 总分 | 覆盖 | 等次 | 一票否决 |\n");
      gv_buf_puts(b, "| ---: | --- | ---: | --- | --- | --- |\n");
    }
    /* a unit not evaluated is listed after the ranked ones, with no rank */
    if (order[i].rank)
      gv_buf_printf(b, "| %u | ", ur->rank);
    else
      gv_buf_puts(b, "| — | ");
    md_puts(b, unit->name);
    gv_buf_puts(b, " | ");
    if (order[i].rank)
      gv_buf_put_score2(b, ur->total);
    else
      gv_buf_puts(b, en ? "not evaluated" : "未评估");
    gv_buf_puts(b, " | ");
    gv_unit_coverage(b, r, order[i].unit, en);
    if (ur->low_coverage) {
      gv_buf_puts(b, en ? ", **" : "，**");
      gv_low_coverage_mark(b, r, en);
      gv_buf_puts(b, "**");
    }
    gv_buf_puts(b, " | ");
    md_puts(b, ur->grade);
    if (order[i].rank)
      gv_buf_printf(b, " | %s |\n", gv_label_yes(ur->vetoed, en));
    else
      gv_buf_puts(b, " |  |\n");
  }
}

/* --- each unit ------------------------------------------------------------------------------ */

/* An item's details as a list nested in the item, whose heading `width`
   bytes ("N. ") precede its text. */
static void item_details(gv_buf *b, gv_buf *tmp, const govopen_point *pt, const gv_reason *rs, size_t nr, size_t width,
                         int en) {
  char lead[GV_UINT_TEXT + 5];
  memset(lead, ' ', width);
  memcpy(lead + width, "- ", 3);
  gv_buf_putc(b, '\n');
  gv_item_details(b, tmp, pt, rs, nr, en, lead, gv_md_text, md_evidence);
}

/* A unit's section: its name, its standing, its rectification list. */
static void unit_section(gv_out *o, gv_buf *b, gv_buf *tmp, const govopen_result *r, size_t u, int en,
                         gv_rectify_item *items, gv_arena *scratch) {
  const govopen_unit *unit = &r->fw->units[u];
  gv_buf_puts(b, "\n### ");
  md_puts(b, unit->name);
  gv_buf_puts(b, en ? " (" : "（");
  md_puts(b, unit->id);
  gv_buf_puts(b, en ? ")\n\n" : "）\n\n");
  gv_rectify_standing(b, r, u, en, gv_md_text);
  gv_buf_putc(b, '\n');
  long ln = gv_rectify_summary(b, r, u, items, scratch, en);
  if (ln < 0) gv_out_fail(o, GOVOPEN_ENOMEM);
  const gv_unit_result *ur = &r->units[u];
  if (ur->scored) {
    gv_buf_puts(b, en ? "\nThe total reconciled:\n\n" : "\n总分核算：\n\n");
    gv_breakdown_lines(b, r, u, en, "- ", "");
  }
  if (ur->adj_count) {
    gv_buf_puts(b, en ? "\nAdjustments:\n\n" : "\n加减分：\n\n");
    for (size_t i = 0; i < ur->adj_count; i++) {
      gv_buf_puts(b, "- ");
      gv_adjustment_lines(b, r, &ur->adj[i], 1, en, "  - ", gv_md_text, md_evidence);
    }
  }
  for (size_t i = 0; i < (size_t)(ln > 0 ? ln : 0) && gv_out_status(o) == GOVOPEN_OK; i++) {
    const gv_reason *rs = NULL;
    size_t nr = 0;
    if (gv_cell_reasons(r, u, items[i].point, scratch, &rs, &nr) != 0) {
      gv_out_fail(o, GOVOPEN_ENOMEM);
      break;
    }
    gv_out_put_buf(o, b);
    size_t start = b->len;
    gv_rectify_heading(b, r, u, i, &items[i], en, gv_md_text);
    /* the heading ends with a line break: the item's text follows, its
       details nested under it */
    if (b->len > start && gv_buf_str(b)[b->len - 1] == '\n') gv_buf_truncate(b, b->len - 1);
    char num[GV_UINT_TEXT];
    size_t width = gv_uint_format(i + 1, num) + 2;
    item_details(b, tmp, r->fw->points[items[i].point], rs, nr, width, en);
  }
  gv_arena_reset(scratch); /* a unit's reasons, when rendered here, go with it */
  gv_out_put_buf(o, b);
}

/* --- the entry points ------------------------------------------------------------------------- */

int gv_result_write_markdown(const govopen_result *r, unsigned flags, size_t chunk, govopen_write_fn write,
                             void *user) {
  if (r == NULL || write == NULL || (flags & ~GOVOPEN_REPORT_LANG_EN) != 0) return GOVOPEN_EINVALID;
  const govopen_framework *fw = r->fw;
  int en = (flags & GOVOPEN_REPORT_LANG_EN) != 0;
  gv_ranked *order = malloc((fw->unit_count ? fw->unit_count : 1) * sizeof *order);
  gv_rectify_item *items = malloc((fw->point_count ? fw->point_count : 1) * sizeof *items);
  if (order == NULL || items == NULL) {
    free(order);
    free(items);
    return GOVOPEN_ENOMEM;
  }
  gv_out o;
  gv_buf b = {0}, tmp = {0};
  gv_arena scratch = {0};
  if (gv_out_init(&o, chunk, write, user) == GOVOPEN_OK) {
    title(&b, r, en);
    county(&b, r, en);
    county_losses(&b, r, en);
    indicators(&b, r, en, &tmp);
    gv_out_put_buf(&o, &b);
    rankings(&o, &b, r, en, order);
    gv_buf_puts(&b, en ? "\n## Units: scorecards and rectification lists\n" : "\n## 各单位得分与整改清单\n");
    for (size_t u = 0; u < fw->unit_count && gv_out_status(&o) == GOVOPEN_OK; u++)
      unit_section(&o, &b, &tmp, r, u, en, items, &scratch);
    gv_buf_puts(&b, "\n---\n\n");
    gv_fingerprint_line(&b, r, en, gv_md_text);
    gv_buf_putc(&b, '\n');
    gv_out_put_buf(&o, &b);
  }
  gv_buf_free(&b);
  gv_buf_free(&tmp);
  gv_arena_free(&scratch);
  free(order);
  free(items);
  return gv_out_finish(&o);
}
