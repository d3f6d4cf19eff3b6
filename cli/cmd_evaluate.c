/* govopen evaluate: observations in, explained scores out (public API only). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

static const char *EVAL_USAGE_HEAD =
    "usage: govopen evaluate --observations FILE [--observations FILE ...] [options]\n\n";
static const char *EVAL_USAGE_TAIL =
    "  --format text|json      output format (default text)\n"
    "  --output FILE           write the result to FILE instead of standard output\n"
    "\n"
    "Exit status: 0 when every input was read to its end and at least one observation was\n"
    "accepted (rejected ones reported on stderr); 1 when reading an input stopped early (where\n"
    "is said), when no observation was accepted, when --strict stopped, or when the output\n"
    "could not be written; 2 for wrong usage.\n";

/* -1, or the exit status (usage errors said, --help printed). */
static int parse(int argc, char **argv, cli_eval *o, int *json) {
  *json = 0;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    int rc = cli_eval_option(o, argc, argv, &i);
    if (rc == CLI_TAKEN) continue;
    if (rc != CLI_NOT_MINE) return rc;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      printf("%s%s%s", EVAL_USAGE_HEAD, CLI_EVAL_OPTIONS, EVAL_USAGE_TAIL);
      return EXIT_OK;
    } else if (strcmp(a, "--format") == 0) {
      if (i + 1 >= argc) return cli_usage_error("option '%s' needs a value", a);
      const char *v = argv[++i];
      if (strcmp(v, "json") != 0 && strcmp(v, "text") != 0)
        return cli_usage_error("unknown format '%s' (expected text or json)", v);
      *json = strcmp(v, "json") == 0;
    } else {
      return cli_usage_error("unknown argument '%s' for evaluate", a);
    }
  }
  return cli_eval_check(o, "evaluate");
}

static const char *kind_title(int kind) {
  switch (kind) {
    case GOVOPEN_UNIT_TOWN: return "各镇";
    case GOVOPEN_UNIT_DEPARTMENT: return "县政府各部门";
    case GOVOPEN_UNIT_INSTITUTION: return "直属机构";
    case GOVOPEN_UNIT_PARTY_ORG: return "党群部门";
    default: return "其他单位";
  }
}

/* "覆盖 42%（评估点 12/35）": what a total stands on. `percent` is the
   library's coverage in percent, already rounded down to the hundredth
   (govopen_result_unit_coverage_percent: 42.85); its whole part, cut off
   here, is the whole percent the library's reports print (exact: a
   non-negative whole number of hundredths as a double never reaches the
   next whole number). */
static void print_coverage(FILE *out, double percent, size_t evaluated, size_t applicable) {
  fprintf(out, "覆盖 %d%%（评估点 %zu/%zu）", (int)percent, evaluated, applicable);
}

typedef struct ranked_unit {
  unsigned rank;
  size_t unit;
} ranked_unit;

static int ranked_cmp(const void *a, const void *b) {
  const ranked_unit *x = a, *y = b;
  if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
  return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/* A signed amount in an equation: "1.00", or "(-1.00)". */
static void term(FILE *out, double v) { fprintf(out, v < 0 ? "(%s)" : "%s", cli_score(v)); }

/* The total reconciled (docs/results.md), as the reports word it: the
   normalisation, maximum − lost = total, lost = points + rounding −
   adjustments (+ clamp). Every figure is a whole number of hundredths (the
   sums added by the library: govopen_result_unit_points_lost …), so the
   differences taken here are too, to within a few units in the last place
   that cli_score() rounds away. */
static void print_breakdown(FILE *out, double raw, double possible, double maximum, double normalised, double total,
                            double unclamped, double points, double rounding, double adjustments) {
  fprintf(out, "  折算得分 %s = %s × %s / %s，四舍五入到 0.01（五入远离零）\n", cli_score(normalised), cli_score(raw),
          cli_score(maximum), cli_score(possible));
  fprintf(out, "  满分 %s − 共失 ", cli_score(maximum));
  term(out, maximum - total);
  fprintf(out, " = 总分 %s\n  共失 ", cli_score(total));
  term(out, maximum - total);
  fprintf(out, " = 评估点失分 ");
  term(out, points);
  fprintf(out, " + 舍入 ");
  term(out, rounding);
  fprintf(out, " − 加减分 ");
  term(out, adjustments);
  if (unclamped != total) {
    fprintf(out, " + 封顶 ");
    term(out, unclamped - total);
  }
  fprintf(out, "\n");
}

/* An adjustment's lines: delta, label, id, date, whether applied; evidence and note. */
static void print_adjustment(FILE *out, const govopen_framework *fw, size_t index, double delta, const char *date,
                             const char *why, size_t nev, const char *(*evidence)(const void *, size_t),
                             const void *ctx, const char *note) {
  fprintf(out, "  加减分 %s  %s（%s，%s", cli_score_signed(delta),
          cli_esc(govopen_framework_adjustment_text(fw, index)), cli_esc(govopen_framework_adjustment_id(fw, index)),
          date ? date : "");
  if (why) fprintf(out, "；未计入：%s", strcmp(why, "vetoed") == 0 ? "该单位被一票否决，总分计0分" : "该单位尚未评分");
  fprintf(out, "）\n");
  for (size_t j = 0; j < nev; j++) fprintf(out, "      证据：%s\n", cli_esc(evidence(ctx, j)));
  if (note) fprintf(out, "      备注：%s\n", cli_esc(note));
}

typedef struct adj_at {
  const govopen_result *r;
  size_t unit, i; /* unit (size_t)-1: the county's */
} adj_at;

static const char *adj_evidence(const void *ctx, size_t j) {
  const adj_at *a = ctx;
  return a->unit == (size_t)-1 ? govopen_result_adjustment_evidence(a->r, a->i, j)
                               : govopen_result_unit_adjustment_evidence(a->r, a->unit, a->i, j);
}

static void print_text(FILE *out, const govopen_framework *fw, const govopen_result *r) {
  fprintf(out, "%s — 评估结果（截至 %s）\n", cli_esc(govopen_framework_title(fw)), govopen_result_as_of(r));
  fprintf(out, "观察记录：采用 %zu 条，退回 %zu 条\n\n", govopen_result_observation_count(r),
          govopen_result_rejected_count(r));
  fprintf(out, "全县得分：%s（已评估 %s 分中得 %s 分，折算为 %s）", cli_score(govopen_result_county_total(r)),
          cli_score(govopen_result_county_possible(r)), cli_score(govopen_result_county_raw(r)),
          cli_score(govopen_result_county_normalised(r)));
  fputs("，", out);
  print_coverage(out, govopen_result_county_coverage_percent(r), govopen_result_county_points_evaluated(r),
                 govopen_result_county_points_applicable(r));
  if (govopen_result_county_grade(r)) fprintf(out, "，等次：%s", cli_esc(govopen_result_county_grade(r)));
  fprintf(out, "\n");
  for (size_t i = 0; i < govopen_result_adjustment_count(r); i++) {
    adj_at at = {r, (size_t)-1, i};
    print_adjustment(out, fw, govopen_result_adjustment_index(r, i), govopen_result_adjustment_delta(r, i),
                     govopen_result_adjustment_date(r, i), NULL, govopen_result_adjustment_evidence_count(r, i),
                     adj_evidence, &at, govopen_result_adjustment_note(r, i));
  }
  /* cap_adjusted kept the total within 0 … the framework's: say from what */
  if (govopen_result_county_unclamped(r) != govopen_result_county_total(r))
    fprintf(out, "  封顶：加减分后为 %s，按 0 至 %s 计（cap_adjusted）\n",
            cli_score(govopen_result_county_unclamped(r)), cli_score(govopen_framework_total(fw)));
  if (govopen_result_county_possible(r) > 0) {
    int any = 0;
    print_breakdown(out, govopen_result_county_raw(r), govopen_result_county_possible(r), govopen_framework_total(fw),
                    govopen_result_county_normalised(r), govopen_result_county_total(r),
                    govopen_result_county_unclamped(r), govopen_result_county_points_lost(r),
                    govopen_result_county_rounding(r), govopen_result_county_adjustments(r));
    for (size_t p = 0; p < govopen_framework_point_count(fw); p++) {
      double lost = govopen_result_county_point_lost(r, p);
      if (lost == 0) continue;
      fprintf(out, any ? "；%s %s" : "  各评估点失分：%s %s", cli_esc(govopen_point_id(govopen_framework_point(fw, p))),
              cli_score(lost));
      any = 1;
    }
    if (any) fprintf(out, "\n");
  }
  /* rankings by kind: by rank, then in the framework's order (sorted, for a province's thousands); then
     the units not evaluated, listed, never dropped */
  size_t nu = govopen_framework_unit_count(fw);
  int64_t min_coverage = 0;
  (void)govopen_result_setting(r, GOVOPEN_EVAL_MIN_COVERAGE, &min_coverage);
  ranked_unit *order = malloc((nu ? nu : 1) * sizeof *order);
  for (int k = 0; order && k <= GOVOPEN_UNIT_OTHER; k++) {
    size_t n = 0;
    for (size_t u = 0; u < nu; u++)
      if (govopen_unit_kind(govopen_framework_unit(fw, u)) == k && govopen_result_unit_scored(r, u))
        order[n++] = (ranked_unit){govopen_result_unit_rank(r, u), u};
    if (n == 0 && govopen_result_kind_not_evaluated_count(r, k) == 0) continue;
    qsort(order, n, sizeof *order, ranked_cmp);
    fprintf(out, "\n%s排名：\n", kind_title(k));
    for (size_t i = 0; i < n; i++) {
      size_t u = order[i].unit;
      const govopen_unit *unit = govopen_framework_unit(fw, u);
      fprintf(out, "  %2u  %-10s %6s  ", order[i].rank, cli_esc(govopen_unit_name(unit)),
              cli_score(govopen_result_unit_total(r, u)));
      print_coverage(out, govopen_result_unit_coverage_percent(r, u), govopen_result_unit_points_evaluated(r, u),
                     govopen_result_unit_points_applicable(r, u));
      if (govopen_result_unit_vetoed(r, u)) fputs("（一票否决）", out);
      if (govopen_result_unit_low_coverage(r, u) == 1) fprintf(out, "※覆盖不足%d%%", (int)min_coverage);
      fputc('\n', out);
    }
    for (size_t u = 0; u < nu; u++) {
      if (govopen_unit_kind(govopen_framework_unit(fw, u)) != k || govopen_result_unit_scored(r, u) ||
          govopen_result_unit_points_applicable(r, u) == 0)
        continue;
      fprintf(out, "   —  %-10s 未评估  ", cli_esc(govopen_unit_name(govopen_framework_unit(fw, u))));
      print_coverage(out, govopen_result_unit_coverage_percent(r, u), govopen_result_unit_points_evaluated(r, u),
                     govopen_result_unit_points_applicable(r, u));
      fputc('\n', out);
    }
  }
  if (order == NULL) fprintf(out, "\n（内存不足，未列排名）\n");
  free(order);
  fprintf(out, "\n各单位失分明细（只列未得满分与未评估的评估点）：\n");
  for (size_t u = 0; u < govopen_framework_unit_count(fw); u++) {
    const govopen_unit *unit = govopen_framework_unit(fw, u);
    int owns = govopen_result_unit_adjustment_count(r, u) > 0;
    for (size_t p = 0; p < govopen_framework_point_count(fw) && !owns; p++)
      owns = govopen_result_cell_status(r, u, p) >= 0;
    if (!owns) continue;
    fprintf(out, "\n%s（%s）", cli_esc(govopen_unit_name(unit)), cli_esc(govopen_unit_id(unit)));
    if (govopen_result_unit_scored(r, u))
      fprintf(out, "：%s 分，第 %u 名；已评估满分 %s，得 %s；", cli_score(govopen_result_unit_total(r, u)),
              govopen_result_unit_rank(r, u), cli_score(govopen_result_unit_possible(r, u)),
              cli_score(govopen_result_unit_raw(r, u)));
    else
      fprintf(out, "：未评估；");
    print_coverage(out, govopen_result_unit_coverage_percent(r, u), govopen_result_unit_points_evaluated(r, u),
                   govopen_result_unit_points_applicable(r, u));
    if (govopen_result_unit_low_coverage(r, u) == 1) fprintf(out, "※覆盖不足%d%%", (int)min_coverage);
    fputc('\n', out);
    if (govopen_result_unit_scored(r, u))
      print_breakdown(out, govopen_result_unit_raw(r, u), govopen_result_unit_possible(r, u),
                      govopen_result_unit_maximum(r, u), govopen_result_unit_normalised(r, u),
                      govopen_result_unit_total(r, u), govopen_result_unit_unclamped(r, u),
                      govopen_result_unit_points_lost(r, u), govopen_result_unit_rounding(r, u),
                      govopen_result_unit_adjustments(r, u));
    for (size_t i = 0; i < govopen_result_unit_adjustment_count(r, u); i++) {
      adj_at at = {r, u, i};
      print_adjustment(out, fw, govopen_result_unit_adjustment_index(r, u, i),
                       govopen_result_unit_adjustment_delta(r, u, i), govopen_result_unit_adjustment_date(r, u, i),
                       govopen_result_unit_adjustment_why(r, u, i),
                       govopen_result_unit_adjustment_evidence_count(r, u, i), adj_evidence, &at,
                       govopen_result_unit_adjustment_note(r, u, i));
    }
    size_t shown = 0;
    for (size_t pi = 0; pi < govopen_framework_point_count(fw); pi++) {
      const govopen_point *p = govopen_framework_point(fw, pi);
      int st = govopen_result_cell_status(r, u, pi);
      if (st < 0) continue;
      double s = govopen_result_cell_score(r, u, pi);
      size_t nr = govopen_result_cell_reason_count(r, u, pi);
      int warn = 0;
      for (size_t k = 0; k < nr; k++)
        warn |= govopen_result_cell_reason_severity(r, u, pi, k) == GOVOPEN_REASON_WARNING;
      double lost = govopen_result_cell_lost(r, u, pi);
      if (st == GOVOPEN_CELL_SCORED && s >= govopen_point_score(p) && !warn && lost == 0) continue;
      shown++;
      if (st == GOVOPEN_CELL_NOT_EVALUATED && lost == 0)
        fprintf(out, "  %s  未评估（满分 %s）\n", cli_esc(govopen_point_id(p)), cli_score(govopen_point_score(p)));
      else if (st == GOVOPEN_CELL_NOT_EVALUATED)
        fprintf(out, "  %s  未评估（满分 %s）（总分失 %s）\n", cli_esc(govopen_point_id(p)),
                cli_score(govopen_point_score(p)), cli_score(lost));
      else
        fprintf(out, "  %s  %s / %s%s（总分失 %s）\n", cli_esc(govopen_point_id(p)), cli_score(s),
                cli_score(govopen_point_score(p)),
                st == GOVOPEN_CELL_VETOED  ? "（一票否决）"
                : st == GOVOPEN_CELL_ERROR ? "（无法评分）"
                                           : "",
                cli_score(lost));
      for (size_t k = 0; k < nr; k++) {
        int sev = govopen_result_cell_reason_severity(r, u, pi, k);
        fprintf(out, "      %s %s\n",
                sev == GOVOPEN_REASON_LOSS      ? "失分："
                : sev == GOVOPEN_REASON_WARNING ? "提醒："
                                                : "说明：",
                cli_esc(govopen_result_cell_reason_text(r, u, pi, k)));
      }
      /* what the reasons stand on, from their data (as the rectification lists show it) */
      for (size_t k = 0; k < nr; k++) {
        size_t ne = govopen_result_cell_reason_evidence_count(r, u, pi, k);
        for (size_t j = 0; j < ne && ne != (size_t)-1; j++)
          fprintf(out, "      证据：%s\n", cli_esc(govopen_result_cell_reason_evidence(r, u, pi, k, j)));
      }
      for (size_t k = 0; k < nr; k++) {
        const char *note = govopen_result_cell_reason_note(r, u, pi, k);
        if (note) fprintf(out, "      评估人员备注：%s\n", cli_esc(note));
      }
    }
    if (shown == 0) fprintf(out, "  全部满分\n");
  }
  /* what the result was made from: the whole fingerprint is in --format json */
  fprintf(out, "\n指纹 %.16s（govopen %s，框架 %s，截至 %s）\n", govopen_result_fingerprint(r),
          govopen_version_string(), cli_esc(govopen_framework_id(fw)), govopen_result_as_of(r));
}

typedef struct eval_output {
  const govopen_framework *fw;
  govopen_evaluation *ev;
  const govopen_result *res; /* text */
  int json;
} eval_output;

/* JSON is streamed from the evaluation (its reasons rendered unit by unit,
   never all held: a province's result stays out of memory); text comes
   from the result. */
static int emit_result(cli_sink *s, void *ctx) {
  const eval_output *e = ctx;
  if (!e->json) {
    print_text(s->f, e->fw, e->res);
    return 0;
  }
  govopen_error *err = NULL;
  int rc = govopen_evaluation_write_json(e->ev, GOVOPEN_JSON_PRETTY, cli_sink_write, s, &err);
  if (rc != GOVOPEN_OK && rc != GOVOPEN_ESTOPPED) cli_print_diagnostics(err);
  govopen_error_free(err);
  if (rc == GOVOPEN_OK) fputc('\n', s->f);
  return rc != GOVOPEN_OK;
}

int cmd_evaluate(int argc, char **argv) {
  cli_eval o;
  int json = 0;
  int rc = cli_eval_init(&o, argc);
  if (rc < 0) rc = parse(argc, argv, &o, &json);
  if (rc >= 0) {
    cli_eval_free(&o);
    return rc;
  }
  govopen_framework *fw = cli_load_framework(o.framework, o.builtin, &rc);
  govopen_evaluation *ev = NULL;
  if (fw == NULL || (rc = cli_eval_open(&o, fw, &ev)) >= 0) {
    govopen_framework_free(fw);
    cli_eval_free(&o);
    return rc;
  }
  govopen_result *res = NULL;
  govopen_error *err = NULL;
  int code = EXIT_INVALID;
  if (!json && govopen_evaluation_run(ev, &res, &err) != GOVOPEN_OK) {
    cli_print_diagnostics(err);
    govopen_error_free(err);
  } else {
    eval_output out = {fw, ev, res, json};
    if (cli_write_output(o.output, emit_result, &out) == 0) code = EXIT_OK;
    cli_eval_warn_run(&o, ev);
  }
  govopen_result_free(res);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
  cli_eval_free(&o);
  return code;
}
