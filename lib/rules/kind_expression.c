/* The expression kind: the county's own rule, an expression in the language
 * of docs/expressions.md (rules/expr.h) over the fields it declares
 * (`fields`: name → type) and every sample of the cell; its number
 * (clamped to 0 … max) or boolean (all or nothing) is the score. */
#include <stdlib.h>
#include <string.h>

#include "rules/expr.h"
#include "rules/kind_impl.h"
#include "util/cents.h"

typedef struct params {
  const gv_expr *expr;
  const char *reason; /* what a loss is called, or NULL: the rule's label */
} params;

/* What the expression may name besides its fields. */
enum { GLOBAL_COUNT = 5 };
static const gv_expr_decl globals_decl[GLOBAL_COUNT] = {{"max_score", GV_V_NUM},
                                                        {"as_of", GV_V_DATE},
                                                        {"n", GV_V_NUM},
                                                        {"period_start", GV_V_DATE},
                                                        {"period_end", GV_V_DATE}};

static const struct {
  const char *name;
  gv_vtype vt;
  gv_ftype ft;
} field_types[] = {{"number", GV_V_NUM, GV_FT_NUM},
                   {"string", GV_V_STR, GV_FT_STR},
                   {"date", GV_V_DATE, GV_FT_DATE},
                   {"boolean", GV_V_BOOL, GV_FT_BOOL}};

typedef struct state {
  gv_acc h;
  gv_nlist all; /* every sample */
} state;

typedef struct sentry {
  gv_link l;
  gv_sample s;
} sentry;

/* --- compiling -------------------------------------------------------------------- */

/* `fields`: declared in their order, which the expression's environment shares. */
static size_t declare_fields(gv_rule_in *in, const gv_ynode *map, gv_expr_decl **out) {
  const char *what = "an expression rule";
  size_t ndecl = 0;
  *out = NULL;
  if (map == NULL) {
    gv_in_err(in, in->block, "rule.fields_missing", "%s has no 'fields' (it is required)", what);
    return 0;
  }
  size_t mark = gv_in_path_key(in, "fields");
  if (map->kind != GV_YMAP) {
    gv_in_err(in, map, "rule.fields_type", "expected a mapping of field name → type, found %s", gv_ynode_describe(map));
    gv_in_path_pop(in, mark);
    return 0;
  }
  gv_expr_decl *decls = gv_arena_array(in->arena, map->count ? map->count : 1, sizeof *decls);
  if (decls == NULL) gv_in_oom(in);
  for (size_t i = 0; decls && i < map->count; i++) {
    const gv_ynode *k = gv_ymap_key(map, i), *v = gv_ymap_value(map, i);
    size_t m2 = gv_in_path_key(in, k->text);
    const char *type;
    int read = in->rd->string_value(in->self, v, 1, &type) == GOVOPEN_OK; /* else reported */
    size_t t = 0;
    while (read && t < 4 && strcmp(field_types[t].name, type) != 0) t++;
    if (read && t == 4) {
      gv_in_err(in, v, "rule.field_type_unknown", "unknown field type '%s' (expected number, string, date or boolean)",
                type);
    } else if (read) {
      const char *name = gv_arena_strdup(in->arena, k->text);
      gv_fspec *spec = gv_arena_alloc(in->arena, sizeof *spec);
      if (name == NULL || spec == NULL || gv_vec_push(&in->fields, spec) != 0) {
        gv_in_oom(in);
      } else {
        *spec = (gv_fspec){name, field_types[t].ft, 0, 0, 0};
        decls[ndecl].name = name;
        decls[ndecl].type = field_types[t].vt;
        ndecl++;
      }
    }
    gv_in_path_pop(in, m2);
  }
  gv_in_path_pop(in, mark);
  *out = decls;
  return ndecl;
}

static void compile(gv_rule_in *in, void *pv) {
  params *p = pv;
  const char *what = "an expression rule";
  const gv_rkey *fs = gv_in_key(in, "score");
  in->rd->get_str(in->self, in->block, gv_in_key(in, "reason"), GV_RK_OPTIONAL, 1, what, &p->reason);
  gv_expr_decl *decls;
  size_t ndecl = declare_fields(in, gv_in_key(in, "fields")->value, &decls);
  if (fs->value == NULL) {
    gv_in_err(in, in->block, "rule.score_expression_missing", "%s has no 'score' (it is required)", what);
    return;
  }
  size_t mark = gv_in_path_key(in, "score");
  const char *text;
  if (in->rd->string_value(in->self, fs->value, 1, &text) == GOVOPEN_OK && in->rd->status(in->self) == GOVOPEN_OK) {
    const gv_ynode *v = fs->value;
    gv_expr_pos pos = {v->line, v->col, 0};
    if (v->style == GV_STYLE_SINGLE || v->style == GV_STYLE_DOUBLE) pos.col++;
    if (v->style == GV_STYLE_LITERAL || v->style == GV_STYLE_FOLDED) pos.block_indent = v->indent ? v->indent : 1;
    gv_expr_env env = {globals_decl, GLOBAL_COUNT, decls, ndecl};
    gv_expr_limits lim = {0, 0};
    in->rd->expr_limits(in->self, &lim.max_chars, &lim.max_nodes);
    gv_expr *e;
    if (gv_expr_compile_limited(in->arena, text, strlen(text), &env, &pos, &lim, in->rd->diags(in->self),
                                in->rd->source(in->self, v), in->rd->path(in->self), &e) == GOVOPEN_OK) {
      gv_vtype t = gv_expr_type(e);
      if (t != GV_V_NUM && t != GV_V_BOOL)
        gv_in_err(in, v, "rule.score_expression_type",
                  "the score expression gives a %s; it must give a number or a boolean", gv_vtype_name(t));
      else
        p->expr = e;
    }
  }
  gv_in_path_pop(in, mark);
}

/* --- the state: every sample ----------------------------------------------------------- */

static int add(const gv_rule *r, gv_acc *acc, const gv_sample *smp, const gv_rule_ctx *ctx, gv_arena *a, gv_buf *why) {
  (void)r, (void)ctx, (void)why;
  sentry *e;
  int rc = gv_nl_add(&((state *)acc)->all, SIZE_MAX, sizeof *e, a, (void **)&e);
  return e ? gv_copy_sample(&e->s, smp, a) : rc;
}

static void merge(const gv_rule *r, gv_acc *into, gv_acc *later, const gv_rule_ctx *ctx) {
  (void)r, (void)ctx;
  gv_nl_merge(&((state *)into)->all, &((state *)later)->all, SIZE_MAX, NULL, 0);
}

/* --- scoring --------------------------------------------------------------------------- */

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

/* Evaluates the expression over the samples: the outcome, and the text of
   its reason in *text (NULL: none) with its code. */
static void evaluate(gv_scorer *s, const gv_sample *samples, size_t n, gv_buf *text, const char **code) {
  const gv_rule *r = s->r;
  const params *p = r->params;
  const gv_rule_ctx *ctx = s->ctx;
  gv_outcome *out = s->out;
  eval_payload pl = {samples, ctx};
  gv_value globals[GLOBAL_COUNT];
  memset(globals, 0, sizeof globals);
  globals[0].type = GV_V_NUM, globals[0].u.num = (double)r->max / 100.0;
  globals[1].type = GV_V_DATE, globals[1].u.date = ctx->as_of;
  globals[2].type = GV_V_NUM, globals[2].u.num = (double)n;
  globals[3].type = GV_V_DATE, globals[3].u.date = ctx->period_start;
  globals[4].type = GV_V_DATE, globals[4].u.date = ctx->period_end;
  gv_expr_ctx ec = {globals, GLOBAL_COUNT, n, field_value, working_days, &pl, ctx->max_steps};
  gv_value v;
  gv_buf err = {0};
  out->judged = n;
  int rc = gv_expr_eval(p->expr, &ec, &v, &err);
  if (rc != 0 || v.type == GV_V_NULL) {
    gv_buf_printf(text, "表达式无法求值：%s", err.len ? gv_buf_str(&err) : "结果为空值");
    *code = "expression.error";
    if (gv_buf_status(&err) != GOVOPEN_OK) gv_scr_fail(s);
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
    score = gv_cents_from_double(v.u.num);
    if (score < 0) score = 0;
    if (score > r->max) score = r->max;
  }
  out->score = score;
  if (score < r->max) {
    gv_buf_printf(text, "未达到要求：%s（得", p->reason ? p->reason : r->label);
    gv_put_score(text, score);
    gv_buf_puts(text, "分，满分");
    gv_put_score(text, r->max);
    gv_buf_puts(text, "分）");
    *code = "expression.below_max";
  }
}

static void score(gv_scorer *s, const gv_acc *acc) {
  const state *st = (const state *)acc;
  size_t n = (size_t)st->h.n;
  gv_sample *arr = malloc((n ? n : 1) * sizeof *arr);
  if (arr == NULL) {
    gv_scr_fail(s);
    return;
  }
  size_t i = 0;
  for (const gv_link *l = st->all.head; l && i < n; l = l->next) arr[i++] = ((const sentry *)l)->s;
  gv_buf text = {0};
  const char *code = NULL;
  evaluate(s, arr, i, &text, &code);
  free(arr);
  if (code) {
    /* The rule reads every sample, and none fails by itself: the reason
       names the first max_named samples it read. */
    size_t named = 0;
    for (const gv_link *l = st->all.head; l && named < s->ctx->max_named; l = l->next, named++) {
      const gv_sample *smp = &((const sentry *)l)->s;
      size_t nev = smp->evidence_count > UINT32_MAX ? UINT32_MAX : smp->evidence_count;
      gv_kept v = {smp->source, smp->line, smp->col, smp->evidence, (uint32_t)nev, smp->note};
      gv_scr_name(s, &v);
    }
    gv_scr_reason(s, GV_REASON_LOSS, code, &text);
  }
  gv_buf_free(&text);
}

static void hint(const gv_rule *r, int en, gv_buf *b) {
  (void)r;
  gv_hint_rows(en, b);
}

static const char *const keys[] = {"fields", "score", "reason", NULL};

const gv_kind_ops gv_kind_expression = {
    .name = "expression",
    .label_zh = "自定义公式",
    .keys = keys,
    .flags = GV_KIND_ANY_DATE,
    .params_size = sizeof(params),
    .compile = compile,
    .state_size = sizeof(state),
    .add = add,
    .merge = merge,
    .score = score,
    .hint = hint,
};
