/* Scoring an expression rule: the samples' typed fields feed the compiled
 * expression, whose number (clamped) or boolean (all or nothing) is the score. */
#include <math.h>
#include <string.h>

#include "rules/expr_bridge.h"
#include "rules/expr_rule.h"

const gv_expr_decl gv_expr_rule_globals[GV_EXPR_RULE_GLOBAL_COUNT] = {
    {"max_score", GV_V_NUM}, {"as_of", GV_V_DATE}, {"n", GV_V_NUM}, {"period_start", GV_V_DATE},
    {"period_end", GV_V_DATE}};

typedef struct eval_payload {
  const gv_sample *samples;
  const gv_rule_ctx *ctx;
} eval_payload;

static int field_value(void *payload, size_t sample, size_t field_index, gv_value *out) {
  const eval_payload *p = payload;
  const gv_fval *f = &p->samples[sample].f[field_index];
  memset(out, 0, sizeof *out);
  if (!f->present) {
    out->type = GV_V_NULL;
    return 0;
  }
  switch (f->type) {
    case GV_FT_BOOL: out->type = GV_V_BOOL, out->u.b = f->b; break;
    case GV_FT_NUM: out->type = GV_V_NUM, out->u.num = f->num; break;
    case GV_FT_STR:
      out->type = GV_V_STR;
      out->u.str.s = f->str;
      out->u.str.len = strlen(f->str);
      break;
    case GV_FT_DATE:
    case GV_FT_MOMENT: out->type = GV_V_DATE, out->u.date = f->m.date; break;
    default: out->type = GV_V_NULL; break;
  }
  return 0;
}

static int working_days(void *payload, int32_t from, int32_t to, double *out, gv_buf *err) {
  const eval_payload *p = payload;
  int64_t k = 0;
  if (to < from) {
    /* the language's working_days(a, b) is signed */
    int rc = p->ctx->cal.workdays_between(p->ctx->cal.cal, to, from, &k, err);
    *out = -(double)k;
    return rc;
  }
  int rc = p->ctx->cal.workdays_between(p->ctx->cal.cal, from, to, &k, err);
  *out = (double)k;
  return rc;
}

static void push_reason(gv_arena *arena, gv_vec *reasons, int *oom, int severity, const char *code, gv_buf *text) {
  gv_reason *r = gv_arena_alloc(arena, sizeof *r);
  const char *t = gv_arena_strdup(arena, gv_buf_str(text));
  if (text->oom || r == NULL || t == NULL || gv_vec_push(reasons, r) != 0) {
    *oom = 1;
    return;
  }
  r->severity = severity;
  r->evidence_count = 0;
  r->code = code;
  r->text = t;
  r->evidence = NULL;
}

void gv_rule_score_expression(const gv_rule *r, const gv_sample *samples, size_t n, const gv_rule_ctx *ctx,
                              gv_arena *arena, gv_outcome *out, gv_vec *reasons, int *oom) {
  eval_payload p = {samples, ctx};
  gv_value globals[GV_EXPR_RULE_GLOBAL_COUNT];
  memset(globals, 0, sizeof globals);
  globals[0].type = GV_V_NUM, globals[0].u.num = (double)r->max / 100.0;
  globals[1].type = GV_V_DATE, globals[1].u.date = ctx->as_of;
  globals[2].type = GV_V_NUM, globals[2].u.num = (double)n;
  globals[3].type = GV_V_DATE, globals[3].u.date = ctx->period_start;
  globals[4].type = GV_V_DATE, globals[4].u.date = ctx->period_end;
  gv_expr_ctx ec = {globals, GV_EXPR_RULE_GLOBAL_COUNT, n, field_value, working_days, &p, ctx->max_steps};
  gv_value v;
  gv_buf err = {0};
  out->judged = n;
  int rc = gv_expr_eval(r->expr, &ec, &v, &err);
  if (rc != 0 || v.type == GV_V_NULL) {
    gv_buf b = {0};
    gv_buf_printf(&b, "表达式无法求值：%s", err.len ? gv_buf_str(&err) : "结果为空值");
    push_reason(arena, reasons, oom, GV_REASON_LOSS, "expression.error", &b);
    if (err.oom) *oom = 1;
    gv_buf_free(&b);
    gv_buf_free(&err);
    out->status = GV_OUT_ERROR;
    out->error_code = rc < 0 ? rc : GOVOPEN_EINVALID;
    return;
  }
  gv_buf_free(&err);
  int64_t score;
  if (v.type == GV_V_BOOL) {
    score = v.u.b ? r->max : 0;
  } else {
    double c = v.u.num * 100.0;
    score = (int64_t)floor(c + 0.5);
    if (score < 0) score = 0;
    if (score > r->max) score = r->max;
  }
  out->score = score;
  if (score < r->max) {
    gv_buf b = {0};
    gv_buf_printf(&b, "未达到要求：%s（得%lld.%02lld分，满分%lld.%02lld分）", r->reason ? r->reason : r->label,
                  (long long)(score / 100), (long long)(score % 100), (long long)(r->max / 100),
                  (long long)(r->max % 100));
    push_reason(arena, reasons, oom, GV_REASON_LOSS, "expression.below_max", &b);
    gv_buf_free(&b);
  }
}
