/* The expression kind's parameters: `fields` (name → type), `score` (an
 * expression in the language of docs/expressions.md) and `reason`. */
#include <string.h>

#include "load/rule_load.h"
#include "rules/expr.h"
#include "rules/expr_rule.h"

static const struct {
  const char *name;
  gv_vtype vt;
  gv_ftype ft;
} field_types[] = {{"number", GV_V_NUM, GV_FT_NUM},
                   {"string", GV_V_STR, GV_FT_STR},
                   {"date", GV_V_DATE, GV_FT_DATE},
                   {"boolean", GV_V_BOOL, GV_FT_BOOL}};

void gv_rule_compile_expression(gv_schema *sc, const gv_ynode *block, gv_field *f, size_t nf, gv_arena *arena,
                                gv_rule *r, gv_vec *fields) {
  const char *what = "an expression rule";
  const gv_field *ff = gv_sc_fld(f, nf, "fields"), *fs = gv_sc_fld(f, nf, "score");
  gv_sc_get_str(sc, block, gv_sc_fld(f, nf, "reason"), GV_OPTIONAL, 1, what, &r->reason);
  gv_expr_decl *decls = NULL;
  size_t ndecl = 0;
  if (ff->value == NULL) {
    gv_sc_err_at(sc, block, "rule.fields_missing", "%s has no 'fields' (it is required)", what);
  } else if (ff->value->kind != GV_YMAP) {
    size_t mark = gv_sc_path_key(sc, "fields");
    gv_sc_err_at(sc, ff->value, "rule.fields_type",
                 "expected a mapping of field name → type, found %s", gv_ynode_describe(ff->value));
    gv_sc_path_pop(sc, mark);
  } else {
    size_t mark = gv_sc_path_key(sc, "fields");
    decls = gv_arena_array(arena, ff->value->count ? ff->value->count : 1, sizeof *decls);
    if (decls == NULL) gv_sc_set_oom(sc);
    for (size_t i = 0; decls && i < ff->value->count; i++) {
      const gv_ynode *k = gv_ymap_key(ff->value, i), *v = gv_ymap_value(ff->value, i);
      size_t m2 = gv_sc_path_key(sc, k->text);
      const char *type = gv_sc_string_value(sc, v, 1);
      size_t t = 0;
      while (type && t < 4 && strcmp(field_types[t].name, type) != 0) t++;
      if (type && t == 4) {
        gv_sc_err_at(sc, v, "rule.field_type_unknown",
                     "unknown field type '%s' (expected number, string, date or boolean)", type);
      } else if (type) {
        const char *name = gv_arena_strdup(arena, k->text);
        size_t index = 0;
        gv_fspec *spec = gv_arena_alloc(arena, sizeof *spec);
        if (name == NULL || spec == NULL || gv_vec_push(fields, spec) != 0) {
          gv_sc_set_oom(sc);
        } else {
          spec->name = name;
          spec->type = field_types[t].ft;
          spec->required = 0;
          index = fields->len - 1;
          (void)index;
          decls[ndecl].name = name;
          decls[ndecl].type = field_types[t].vt;
          ndecl++;
        }
      }
      gv_sc_path_pop(sc, m2);
    }
    gv_sc_path_pop(sc, mark);
  }
  if (fs->value == NULL) {
    gv_sc_err_at(sc, block, "rule.score_expression_missing", "%s has no 'score' (it is required)", what);
    return;
  }
  size_t mark = gv_sc_path_key(sc, "score");
  const char *text = gv_sc_string_value(sc, fs->value, 1);
  if (text != NULL && !sc->oom) {
    const gv_ynode *v = fs->value;
    gv_expr_pos pos = {v->line, v->col, 0};
    if (v->style == GV_STYLE_SINGLE || v->style == GV_STYLE_DOUBLE) pos.col++;
    if (v->style == GV_STYLE_LITERAL || v->style == GV_STYLE_FOLDED) pos.block_indent = v->indent ? v->indent : 1;
    gv_expr_env env = {gv_expr_rule_globals, GV_EXPR_RULE_GLOBAL_COUNT, decls, ndecl};
    gv_expr_limits lim = {sc->max_expr_chars, sc->max_expr_nodes};
    gv_expr *e = gv_expr_compile_limited(arena, text, strlen(text), &env, &pos, &lim, sc->d, gv_sc_src(sc, v),
                                         gv_buf_str(&sc->path));
    if (e != NULL) {
      gv_vtype t = gv_expr_type(e);
      if (t != GV_V_NUM && t != GV_V_BOOL)
        gv_sc_err_at(sc, v, "rule.score_expression_type",
                     "the score expression gives a %s; it must give a number or a boolean", gv_vtype_name(t));
      else
        r->expr = e;
    }
  }
  gv_sc_path_pop(sc, mark);
}
