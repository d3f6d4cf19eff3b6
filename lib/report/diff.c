/* What changed between two frameworks (govopen/diff.h, docs/diff.md), as
 * text a county office reads or as JSON. Everything is compared by id; each
 * change is described once, as a kind, the id of what changed, the field
 * and its old and new values, and rendered in the format asked for. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "govopen/diff.h"
#include "govopen/report.h"

#include "calendar/date.h"
#include "model/model.h"
#include "report/diff.h"
#include "report/json_util.h"
#include "report/report_util.h"
#include "util/buf.h"
#include "util/cents.h"
#include "util/hmap.h"

/* --- values ---------------------------------------------------------------------------- */

enum { V_STR, V_SCORE, V_INT, V_BOOL, V_LIST, V_TREE };

/* One side of a change. */
typedef struct val {
  int t;
  const char *s;        /* V_STR: NULL when absent */
  int64_t n;            /* V_SCORE (hundredths), V_INT (0: absent), V_BOOL */
  int derived;          /* V_SCORE: 1 derived, 0 given, -1 not a maximum (a delta, a grade's minimum) */
  gv_strlist l;         /* V_LIST */
  const gv_ynode *tree; /* V_TREE: NULL when absent */
} val;

static val v_str(const char *s) { return (val){.t = V_STR, .s = s && s[0] ? s : NULL}; }
static val v_score(int64_t c, int derived) { return (val){.t = V_SCORE, .n = c, .derived = derived}; }
static val v_int(int64_t n) { return (val){.t = V_INT, .n = n}; }
static val v_bool(int b) { return (val){.t = V_BOOL, .n = b != 0}; }
static val v_list(gv_strlist l) { return (val){.t = V_LIST, .l = l}; }
static val v_tree(const gv_ynode *t) { return (val){.t = V_TREE, .tree = t}; }

static int str_eq(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : "") == 0; }

static int list_eq(const gv_strlist *a, const gv_strlist *b) {
  if (a->count != b->count) return 0;
  for (size_t i = 0; i < a->count; i++)
    if (strcmp(a->items[i], b->items[i]) != 0) return 0;
  return 1;
}

/* Scalars are equal when they are of one type and say the same; numbers
   when they have the same value (1.5 and 1.50), as far as scores go. */
static int scalar_eq(const gv_ynode *a, const gv_ynode *b) {
  int na = a->type == GV_YT_INT || a->type == GV_YT_FLOAT, nb = b->type == GV_YT_INT || b->type == GV_YT_FLOAT;
  if (na && nb) {
    int64_t x, y;
    if (gv_cents_parse(a->text, a->len, &x, NULL) == GOVOPEN_OK &&
        gv_cents_parse(b->text, b->len, &y, NULL) == GOVOPEN_OK)
      return x == y;
  } else if (a->type != b->type) {
    return 0;
  }
  return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

/* Rule blocks as trees: a mapping's keys in any order. Recursion follows
   the blocks, whose depth the loader bounded. */
static int tree_eq(const gv_ynode *a, const gv_ynode *b) {
  if (a == NULL || b == NULL) return a == b;
  if (a->kind != b->kind || a->count != b->count) return 0;
  if (a->kind == GV_YSCALAR) return scalar_eq(a, b);
  if (a->kind == GV_YSEQ) {
    for (size_t i = 0; i < a->count; i++)
      if (!tree_eq(a->items[i], b->items[i])) return 0;
    return 1;
  }
  for (size_t i = 0; i < a->count; i++) {
    const gv_ynode *k = gv_ymap_key(a, i);
    size_t j = 0;
    while (j < b->count && !scalar_eq(gv_ymap_key(b, j), k)) j++;
    if (j == b->count || !tree_eq(gv_ymap_value(a, i), gv_ymap_value(b, j))) return 0;
  }
  return 1;
}

static int val_eq(const val *a, const val *b) {
  switch (a->t) {
    case V_STR: return str_eq(a->s, b->s);
    case V_LIST: return list_eq(&a->l, &b->l);
    case V_TREE: return tree_eq(a->tree, b->tree);
    default: return a->n == b->n;
  }
}

/* --- the writer's state ---------------------------------------------------------------- */

typedef struct dw {
  const govopen_framework *a, *b;
  int json, en;
  gv_jw jw;     /* JSON */
  gv_out out;   /* text */
  gv_buf line;  /* text: the line being made */
  gv_arena tmp; /* lists made for a comparison, reset after each item */
  size_t count;
  const char *section; /* text: the heading still to write before the next line, or NULL */
  int status;          /* GOVOPEN_OK, or GOVOPEN_ENOMEM once a piece could not be made */
} dw;

static gv_out *sink(dw *d) { return d->json ? &d->jw.out : &d->out; }

static int failed(dw *d) { return d->status != GOVOPEN_OK || gv_out_status(sink(d)) != GOVOPEN_OK; }

static void set_oom(dw *d) {
  d->status = GOVOPEN_ENOMEM;
  gv_out_fail(sink(d), GOVOPEN_ENOMEM);
}

/* Items of `x` not in `y`, in `x`'s order. */
static gv_strlist list_minus(dw *d, const gv_strlist *x, const gv_strlist *y) {
  gv_strlist r = {0};
  if (x->count == 0) return r;
  r.items = gv_arena_array(&d->tmp, x->count, sizeof(char *));
  gv_hmap in_y = {0};
  int bad = r.items == NULL;
  for (size_t i = 0; !bad && i < y->count; i++)
    bad = gv_hmap_set(&in_y, y->items[i], strlen(y->items[i]), (void *)1) != 0;
  for (size_t i = 0; !bad && i < x->count; i++)
    if (gv_hmap_get(&in_y, x->items[i], strlen(x->items[i])) == NULL) r.items[r.count++] = x->items[i];
  gv_hmap_free(&in_y);
  if (bad) {
    set_oom(d);
    r.count = 0;
  }
  return r;
}

/* A list made for a comparison, in the scratch arena. */
static gv_strlist list_new(dw *d, size_t n) {
  gv_strlist l = {0};
  if (n && (l.items = gv_arena_array(&d->tmp, n, sizeof(char *))) == NULL) set_oom(d);
  return l;
}

static void list_add(gv_strlist *l, const char *s) {
  if (l->items) l->items[l->count++] = s;
}

/* --- text -------------------------------------------------------------------------------- */

static void put(dw *d, const char *s) { gv_buf_puts(&d->line, s); }

static void put_input(dw *d, const char *s) {
  if (s) gv_put_clean(&d->line, s, strlen(s));
}

static void put_score(dw *d, int64_t c) {
  char s[GV_CENTS_TEXT];
  gv_buf_append(&d->line, s, gv_cents_format(c, s));
}

static const char *none(dw *d) { return d->en ? "(none)" : "（无）"; }

/* A list's items joined, or "(none)". */
static void put_joined(dw *d, const gv_strlist *l, const char *prefix) {
  if (l->count == 0 && prefix == NULL) put(d, none(d));
  for (size_t i = 0; i < l->count; i++) {
    if (i) put(d, prefix ? " " : (d->en ? ", " : "、"));
    if (prefix) put(d, prefix);
    put_input(d, l->items[i]);
  }
}

/* A rule block as compact JSON. */
static int collect(void *user, const char *data, size_t len) {
  gv_buf *b = user;
  gv_buf_append(b, data, len);
  return gv_buf_status(b) != GOVOPEN_OK;
}

static void put_tree(dw *d, const gv_ynode *t) {
  if (t == NULL) {
    put(d, none(d));
    return;
  }
  gv_buf json = {0};
  gv_out o;
  if (gv_out_init(&o, 4096, collect, &json) == GOVOPEN_OK) gv_json_tree_compact(&o, t);
  if (gv_out_finish(&o) != GOVOPEN_OK || gv_buf_status(&json) != GOVOPEN_OK) set_oom(d);
  put_input(d, gv_buf_str(&json));
  gv_buf_free(&json);
}

static void put_val(dw *d, const val *v) {
  switch (v->t) {
    case V_STR: put_input(d, v->s ? v->s : none(d)); break;
    case V_SCORE:
      put_score(d, v->n);
      if (v->derived == 1) put(d, d->en ? " (derived)" : "（推算）");
      break;
    case V_INT:
      if (v->n == 0) {
        put(d, none(d));
      } else {
        char s[GV_UINT_TEXT];
        gv_buf_append(&d->line, s, gv_uint_format((uint64_t)v->n, s));
      }
      break;
    case V_BOOL: put(d, gv_label_yes((int)v->n, d->en)); break;
    case V_LIST: put_joined(d, &v->l, NULL); break;
    default: put_tree(d, v->tree); break;
  }
}

/* What a list gained and lost ("+a +b -c"), or the whole of both when only
   the order changed. */
static void put_list_change(dw *d, const val *o, const val *n, const gv_strlist *added, const gv_strlist *removed) {
  if (added->count == 0 && removed->count == 0) {
    put_val(d, o);
    put(d, " → ");
    put_val(d, n);
    return;
  }
  put_joined(d, added, "+");
  if (added->count && removed->count) put(d, " ");
  put_joined(d, removed, "-");
}

/* Hands the line to the sink, after the section's heading when it is the first. */
static void end_line(dw *d) {
  put(d, "\n");
  if (gv_buf_status(&d->line) != GOVOPEN_OK) set_oom(d);
  if (d->section) {
    gv_out_puts(&d->out, d->section);
    gv_out_put(&d->out, "\n", 1);
    d->section = NULL;
  }
  gv_out_put(&d->out, gv_buf_str(&d->line), d->line.len);
  gv_buf_truncate(&d->line, 0);
}

/* --- labels ------------------------------------------------------------------------------- */

/* A field's name in the text: by section ("point", "unit" …) and field. */
static const char *field_label(const char *section, const char *field, int en) {
  static const char *const t[][4] = {
      {"*", "id", "编号", "id"},
      {"*", "title", "标题", "title"},
      {"*", "region", "地区", "region"},
      {"*", "year", "年度", "year"},
      {"*", "total", "总分", "total"},
      {"*", "calendar", "工作日历", "calendar"},
      {"*", "as_of", "默认截止日期", "as_of"},
      {"*", "not_evaluated", "未评估的评估点", "not_evaluated"},
      {"*", "cap_adjusted", "加减分后封顶", "cap_adjusted"},
      {"adjustment", "repeatable", "可重复计分", "repeatable"},
      {"*", "source", "出处", "source"},
      {"*", "note", "备注", "note"},
      {"*", "name", "名称", "name"},
      {"unit", "kind", "类别", "kind"},
      {"*", "aliases", "别名", "aliases"},
      {"*", "code", "代码", "code"},
      {"group", "kinds", "类别", "kinds"},
      {"*", "members", "成员", "members"},
      {"*", "open", "开放", "open"},
      {"*", "label", "序号", "label"},
      {"*", "score", "分值", "score"},
      {"*", "aggregate", "汇总方式", "aggregate"},
      {"*", "parent", "移动", "moved"},
      {"*", "indicator", "移动", "moved"},
      {"point", "text", "改写", "reworded"},
      {"*", "text", "文字", "text"},
      {"*", "sampling", "采样方式", "sampling"},
      {"*", "responsible", "责任单位", "responsible"},
      {"*", "rule", "规则", "rule"},
      {"*", "delta", "加减分", "delta"},
      {"*", "min", "最低分", "min"},
  };
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
    if ((t[i][0][0] == '*' || strcmp(t[i][0], section) == 0) && strcmp(t[i][1], field) == 0) return t[i][en ? 3 : 2];
  return field;
}

/* --- changes ------------------------------------------------------------------------------ */

/* Starts a change: its kind and id (may be NULL) in JSON, its mark and id
   in the text. */
static void begin(dw *d, const char *kind, char mark, const char *id) {
  d->count++;
  if (d->json) {
    gv_jw_object(&d->jw, NULL);
    gv_jw_string(&d->jw, "kind", kind);
    if (id) gv_jw_string(&d->jw, "id", id);
    return;
  }
  char m[4] = {' ', ' ', mark, '\0'};
  put(d, m);
  if (id) {
    put(d, " ");
    put_input(d, id);
  }
}

static void json_val(dw *d, const char *key, const val *v) {
  gv_jw *w = &d->jw;
  switch (v->t) {
    case V_STR:
      if (v->s)
        gv_jw_string(w, key, v->s);
      else
        gv_jw_null(w, key);
      break;
    case V_SCORE: gv_jw_score(w, key, v->n); break;
    case V_INT:
      if (v->n)
        gv_jw_uint(w, key, (uint64_t)v->n);
      else
        gv_jw_null(w, key);
      break;
    case V_BOOL: gv_jw_bool(w, key, (int)v->n); break;
    case V_LIST:
      gv_jw_array(w, key);
      for (size_t i = 0; i < v->l.count; i++) gv_jw_string(w, NULL, v->l.items[i]);
      gv_jw_end(w);
      break;
    default:
      if (v->tree)
        gv_jw_tree(w, key, v->tree);
      else
        gv_jw_null(w, key);
  }
}

/* A field of something in both frameworks whose value changed: `o` and `n`
   (a field that did not change writes nothing). For a point's
   responsibility, `uo` and `un` are the units the entries expand to. */
static void field_change(dw *d, const char *section, const char *kind, const char *id, const char *field, const val *o,
                         const val *n, const gv_strlist *uo, const gv_strlist *un) {
  gv_strlist u_added = {0}, u_removed = {0};
  if (uo) {
    u_added = list_minus(d, un, uo);
    u_removed = list_minus(d, uo, un);
  }
  if (val_eq(o, n) && u_added.count == 0 && u_removed.count == 0) return;
  gv_strlist added = {0}, removed = {0};
  if (o->t == V_LIST) {
    added = list_minus(d, &n->l, &o->l);
    removed = list_minus(d, &o->l, &n->l);
  }
  begin(d, kind, '~', id);
  if (d->json) {
    gv_jw *w = &d->jw;
    gv_jw_string(w, "field", field);
    json_val(d, "old", o);
    json_val(d, "new", n);
    if (o->t == V_SCORE && o->derived >= 0) {
      gv_jw_bool(w, "old_derived", o->derived);
      gv_jw_bool(w, "new_derived", n->derived);
    }
    if (o->t == V_LIST) {
      json_val(d, "added", &(val){.t = V_LIST, .l = added});
      json_val(d, "removed", &(val){.t = V_LIST, .l = removed});
    }
    if (uo) {
      json_val(d, "units_added", &(val){.t = V_LIST, .l = u_added});
      json_val(d, "units_removed", &(val){.t = V_LIST, .l = u_removed});
    }
    gv_jw_end(w);
    return;
  }
  put(d, " ");
  put(d, field_label(section, field, d->en));
  put(d, d->en ? ": " : "：");
  int entries_changed = !val_eq(o, n);
  if (o->t == V_LIST && entries_changed)
    put_list_change(d, o, n, &added, &removed);
  else if (entries_changed) {
    put_val(d, o);
    put(d, " → ");
    put_val(d, n);
  }
  if (u_added.count || u_removed.count) {
    if (entries_changed) put(d, d->en ? "; " : "；");
    put(d, d->en ? "units " : "单位 ");
    put_joined(d, &u_added, "+");
    if (u_added.count && u_removed.count) put(d, " ");
    put_joined(d, &u_removed, "-");
  }
  end_line(d);
}

/* An addition ('+') or removal ('-'): JSON {"kind","id","new"|"old":{…}};
   the summary's members are written by the caller between begin_whole()
   and end_whole(). */
static void begin_whole(dw *d, const char *section, char mark, const char *id) {
  char kind[32];
  size_t n = strlen(section);
  memcpy(kind, section, n);
  strcpy(kind + n, mark == '+' ? ".added" : ".removed");
  begin(d, kind, mark, id);
  if (d->json) gv_jw_object(&d->jw, mark == '+' ? "new" : "old");
}

static void end_whole(dw *d) {
  if (d->json) {
    gv_jw_end(&d->jw);
    gv_jw_end(&d->jw);
    return;
  }
  end_line(d);
}

/* Ends a change that is only its kind and id. */
static void end_bare(dw *d) {
  if (d->json)
    gv_jw_end(&d->jw);
  else
    end_line(d);
}

/* --- sections ----------------------------------------------------------------------------- */

static void heading(dw *d, const char *zh, const char *en) { d->section = d->en ? en : zh; }

static gv_strlist own_methods(const govopen_framework *fw) {
  gv_strlist l = fw->methods;
  size_t skip = l.count < gv_known_method_count ? l.count : gv_known_method_count;
  l.items += skip;
  l.count -= skip;
  return l;
}

static val as_of_val(const govopen_framework *fw, char buf[GV_DATE_TEXT]) {
  if (fw->as_of == INT32_MIN) return v_str(NULL);
  gv_date_format(fw->as_of, buf);
  return v_str(buf);
}

static void diff_meta(dw *d) {
  const govopen_framework *a = d->a, *b = d->b;
  heading(d, "框架", "Framework");
  char da[GV_DATE_TEXT], db[GV_DATE_TEXT];
  const char *ne[] = {"skip", "zero"};
  struct {
    const char *field;
    val o, n;
  } f[] = {
      {"id", v_str(a->id), v_str(b->id)},
      {"title", v_str(a->title), v_str(b->title)},
      {"region", v_str(a->region), v_str(b->region)},
      {"year", v_int(a->year), v_int(b->year)},
      {"total", v_score(a->total, -1), v_score(b->total, -1)},
      {"calendar", v_str(a->calendar), v_str(b->calendar)},
      {"as_of", as_of_val(a, da), as_of_val(b, db)},
      {"not_evaluated", v_str(ne[a->not_evaluated_zero != 0]), v_str(ne[b->not_evaluated_zero != 0])},
      {"cap_adjusted", v_bool(a->cap_adjusted), v_bool(b->cap_adjusted)},
      {"source", v_list(a->provenance), v_list(b->provenance)},
      {"note", v_str(a->note), v_str(b->note)},
  };
  for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
    field_change(d, "framework", "framework.changed", NULL, f[i].field, &f[i].o, &f[i].n, NULL, NULL);

  heading(d, "采样方式", "Sampling methods");
  gv_strlist ma = own_methods(a), mb = own_methods(b);
  gv_strlist gone = list_minus(d, &ma, &mb), added = list_minus(d, &mb, &ma);
  for (size_t i = 0; i < gone.count; i++) {
    begin(d, "method.removed", '-', gone.items[i]);
    end_bare(d);
  }
  for (size_t i = 0; i < added.count; i++) {
    begin(d, "method.added", '+', added.items[i]);
    end_bare(d);
  }
}

/* --- units and groups --- */

static void unit_summary(dw *d, char mark, const govopen_unit *u) {
  begin_whole(d, "unit", mark, u->id);
  if (d->json) {
    gv_jw_string(&d->jw, "name", u->name);
    gv_jw_string(&d->jw, "kind", gv_unit_kind_name(u->kind));
  } else {
    put(d, " ");
    put_input(d, u->name);
    put(d, d->en ? " (" : "（");
    put(d, gv_label_kind(u->kind, d->en));
    put(d, d->en ? ")" : "）");
  }
  end_whole(d);
}

static void diff_units(dw *d) {
  heading(d, "单位", "Units");
  for (size_t i = 0; i < d->a->unit_count && !failed(d); i++)
    if (gv_framework_unit_by_id(d->b, d->a->units[i].id) == NULL) unit_summary(d, '-', &d->a->units[i]);
  for (size_t i = 0; i < d->b->unit_count && !failed(d); i++) {
    const govopen_unit *n = &d->b->units[i], *o = gv_framework_unit_by_id(d->a, n->id);
    if (o == NULL) {
      unit_summary(d, '+', n);
      continue;
    }
    struct {
      const char *field;
      val o, n;
    } f[] = {
        {"name", v_str(o->name), v_str(n->name)},
        {"kind", v_str(gv_unit_kind_name(o->kind)), v_str(gv_unit_kind_name(n->kind))},
        {"aliases", v_list(o->aliases), v_list(n->aliases)},
        {"code", v_str(o->code), v_str(n->code)},
        {"note", v_str(o->note), v_str(n->note)},
    };
    for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
      field_change(d, "unit", "unit.changed", n->id, f[k].field, &f[k].o, &f[k].n, NULL, NULL);
    gv_arena_reset(&d->tmp);
  }
}

static gv_strlist group_kinds(dw *d, const govopen_group *g) {
  gv_strlist l = list_new(d, GOVOPEN_UNIT_OTHER + 1);
  for (int k = 0; k <= GOVOPEN_UNIT_OTHER; k++)
    if (g->kinds & (1u << k)) list_add(&l, gv_unit_kind_name(k));
  return l;
}

static gv_strlist group_members(dw *d, const govopen_group *g) {
  gv_strlist l = list_new(d, g->member_count);
  for (size_t i = 0; i < g->member_count; i++) list_add(&l, g->members[i]->id);
  return l;
}

static void group_summary(dw *d, char mark, const govopen_group *g) {
  begin_whole(d, "group", mark, g->id);
  if (d->json) {
    gv_jw_string(&d->jw, "name", g->name);
    json_val(d, "members", &(val){.t = V_LIST, .l = group_members(d, g)});
  } else {
    put(d, " ");
    put_input(d, g->name);
  }
  end_whole(d);
}

static void diff_groups(dw *d) {
  heading(d, "分组", "Groups");
  for (size_t i = 0; i < d->a->group_count && !failed(d); i++)
    if (gv_framework_group_by_id(d->b, d->a->groups[i].id) == NULL) group_summary(d, '-', &d->a->groups[i]);
  for (size_t i = 0; i < d->b->group_count && !failed(d); i++) {
    const govopen_group *n = &d->b->groups[i], *o = gv_framework_group_by_id(d->a, n->id);
    if (o == NULL) {
      group_summary(d, '+', n);
    } else {
      struct {
        const char *field;
        val o, n;
      } f[] = {
          {"name", v_str(o->name), v_str(n->name)},
          {"aliases", v_list(o->aliases), v_list(n->aliases)},
          {"kinds", v_list(group_kinds(d, o)), v_list(group_kinds(d, n))},
          {"members", v_list(group_members(d, o)), v_list(group_members(d, n))},
          {"open", v_bool(o->open), v_bool(n->open)},
          {"note", v_str(o->note), v_str(n->note)},
      };
      for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
        field_change(d, "group", "group.changed", n->id, f[k].field, &f[k].o, &f[k].n, NULL, NULL);
    }
    gv_arena_reset(&d->tmp);
  }
}

/* --- indicators and points --- */

static const char *const aggregate_names[] = {"sum", "cap", "scale", "mean", "min"};

/* The id of a node's parent; NULL at the top. */
static const char *parent_id(const govopen_node *n) { return n->parent && n->parent->parent ? n->parent->id : NULL; }

static const govopen_node *node_in(const govopen_framework *fw, const char *id) {
  return gv_framework_node_by_id(fw, id);
}

/* " （3 分，推算，属 1）": a maximum, whether it is derived, and where it stands. */
static void put_place(dw *d, int64_t score, int derived, const char *parent) {
  put(d, d->en ? " (" : "（");
  put_score(d, score);
  put(d, d->en ? " points" : " 分");
  if (derived) put(d, d->en ? ", derived" : "，推算");
  if (parent) {
    put(d, d->en ? ", in " : "，属 ");
    put_input(d, parent);
  } else {
    put(d, d->en ? ", top level" : "，一级指标");
  }
  put(d, d->en ? ")" : "）");
}

static void node_summary(dw *d, char mark, const govopen_node *n) {
  begin_whole(d, "indicator", mark, n->id);
  const char *parent = parent_id(n);
  if (d->json) {
    gv_jw_string(&d->jw, "title", n->title);
    gv_jw_score(&d->jw, "score", n->score);
    gv_jw_bool(&d->jw, "derived", n->derived);
    json_val(d, "parent", &(val){.t = V_STR, .s = parent});
  } else {
    put(d, " ");
    put_input(d, n->label);
    put_input(d, n->title);
    put_place(d, n->score, n->derived, parent);
  }
  end_whole(d);
}

static void diff_nodes(dw *d) {
  heading(d, "指标", "Indicators");
  for (size_t i = 0; i < d->a->node_count && !failed(d); i++)
    if (node_in(d->b, d->a->nodes[i]->id) == NULL) node_summary(d, '-', d->a->nodes[i]);
  for (size_t i = 0; i < d->b->node_count && !failed(d); i++) {
    const govopen_node *n = d->b->nodes[i], *o = node_in(d->a, n->id);
    if (o == NULL) {
      node_summary(d, '+', n);
      continue;
    }
    struct {
      const char *field, *kind;
      val o, n;
    } f[] = {
        {"parent", "indicator.moved", v_str(parent_id(o)), v_str(parent_id(n))},
        {"label", "indicator.changed", v_str(o->label), v_str(n->label)},
        {"title", "indicator.changed", v_str(o->title), v_str(n->title)},
        {"score", "indicator.changed", v_score(o->score, o->derived), v_score(n->score, n->derived)},
        {"aggregate", "indicator.changed", v_str(aggregate_names[o->aggregate]), v_str(aggregate_names[n->aggregate])},
        {"source", "indicator.changed", v_list(o->provenance), v_list(n->provenance)},
        {"note", "indicator.changed", v_str(o->note), v_str(n->note)},
    };
    for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
      field_change(d, "indicator", f[k].kind, n->id, f[k].field, &f[k].o, &f[k].n, NULL, NULL);
    gv_arena_reset(&d->tmp);
  }
}

static void point_summary(dw *d, char mark, const govopen_point *p) {
  begin_whole(d, "point", mark, p->id);
  if (d->json) {
    gv_jw_string(&d->jw, "text", p->text);
    gv_jw_score(&d->jw, "score", p->score);
    gv_jw_bool(&d->jw, "derived", p->derived);
    gv_jw_string(&d->jw, "indicator", p->node->id);
  } else {
    put(d, " ");
    put_input(d, p->text);
    put_place(d, p->score, p->derived, p->node->id);
  }
  end_whole(d);
}

static gv_strlist entries(dw *d, const govopen_point *p) {
  gv_strlist l = list_new(d, p->entry_count);
  for (size_t i = 0; i < p->entry_count; i++) list_add(&l, p->entries[i].written);
  return l;
}

static gv_strlist unit_ids(dw *d, const govopen_point *p) {
  gv_strlist l = list_new(d, p->unit_count);
  for (size_t i = 0; i < p->unit_count; i++) list_add(&l, p->units[i]->id);
  return l;
}

static void diff_points(dw *d) {
  heading(d, "评估点", "Points");
  for (size_t i = 0; i < d->a->point_count && !failed(d); i++)
    if (gv_framework_point_by_id(d->b, d->a->points[i]->id) == NULL) point_summary(d, '-', d->a->points[i]);
  for (size_t i = 0; i < d->b->point_count && !failed(d); i++) {
    const govopen_point *n = d->b->points[i], *o = gv_framework_point_by_id(d->a, n->id);
    if (o == NULL) {
      point_summary(d, '+', n);
      continue;
    }
    struct {
      const char *field, *kind;
      val o, n;
    } f[] = {
        {"indicator", "point.moved", v_str(o->node->id), v_str(n->node->id)},
        {"text", "point.reworded", v_str(o->text), v_str(n->text)},
        {"score", "point.score", v_score(o->score, o->derived), v_score(n->score, n->derived)},
        {"sampling", "point.sampling", v_list(o->sampling), v_list(n->sampling)},
        {"responsible", "point.responsible", v_list(entries(d, o)), v_list(entries(d, n))},
        {"rule", "point.rule", v_tree(o->rule), v_tree(n->rule)},
        {"source", "point.changed", v_list(o->provenance), v_list(n->provenance)},
        {"note", "point.changed", v_str(o->note), v_str(n->note)},
    };
    gv_strlist uo = unit_ids(d, o), un = unit_ids(d, n);
    for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) {
      int resp = strcmp(f[k].field, "responsible") == 0;
      field_change(d, "point", f[k].kind, n->id, f[k].field, &f[k].o, &f[k].n, resp ? &uo : NULL, resp ? &un : NULL);
    }
    gv_arena_reset(&d->tmp);
  }
}

/* --- adjustments and grades --- */

static const gv_adjustment *adjustment_in(const govopen_framework *fw, const char *id) {
  for (size_t i = 0; i < fw->adjustment_count; i++)
    if (strcmp(fw->adjustments[i].id, id) == 0) return &fw->adjustments[i];
  return NULL;
}

static void adjustment_summary(dw *d, char mark, const gv_adjustment *a) {
  begin_whole(d, "adjustment", mark, a->id);
  if (d->json) {
    gv_jw_score(&d->jw, "delta", a->delta);
    gv_jw_string(&d->jw, "text", a->text);
  } else {
    put(d, a->delta > 0 ? " +" : " ");
    put_score(d, a->delta);
    put(d, d->en ? ": " : "：");
    put_input(d, a->text);
  }
  end_whole(d);
}

static const gv_grade *grade_in(const govopen_framework *fw, const char *name) {
  for (size_t i = 0; i < fw->grade_count; i++)
    if (strcmp(fw->grades[i].name, name) == 0) return &fw->grades[i];
  return NULL;
}

static void grade_summary(dw *d, char mark, const gv_grade *g) {
  begin_whole(d, "grade", mark, g->name);
  if (d->json) {
    gv_jw_score(&d->jw, "min", g->min);
  } else {
    put(d, d->en ? " from " : " 最低 ");
    put_score(d, g->min);
  }
  end_whole(d);
}

static void diff_tail(dw *d) {
  const govopen_framework *a = d->a, *b = d->b;
  heading(d, "加减分", "Adjustments");
  for (size_t i = 0; i < a->adjustment_count && !failed(d); i++)
    if (adjustment_in(b, a->adjustments[i].id) == NULL) adjustment_summary(d, '-', &a->adjustments[i]);
  for (size_t i = 0; i < b->adjustment_count && !failed(d); i++) {
    const gv_adjustment *n = &b->adjustments[i], *o = adjustment_in(a, n->id);
    if (o == NULL) {
      adjustment_summary(d, '+', n);
      continue;
    }
    struct {
      const char *field;
      val o, n;
    } f[] = {
        {"delta", v_score(o->delta, -1), v_score(n->delta, -1)},      {"text", v_str(o->text), v_str(n->text)},
        {"source", v_list(o->provenance), v_list(n->provenance)},     {"note", v_str(o->note), v_str(n->note)},
        {"repeatable", v_bool(o->repeatable), v_bool(n->repeatable)},
    };
    for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
      field_change(d, "adjustment", "adjustment.changed", n->id, f[k].field, &f[k].o, &f[k].n, NULL, NULL);
    gv_arena_reset(&d->tmp);
  }
  heading(d, "等级", "Grades");
  for (size_t i = 0; i < a->grade_count && !failed(d); i++)
    if (grade_in(b, a->grades[i].name) == NULL) grade_summary(d, '-', &a->grades[i]);
  for (size_t i = 0; i < b->grade_count && !failed(d); i++) {
    const gv_grade *n = &b->grades[i], *o = grade_in(a, n->name);
    if (o == NULL) {
      grade_summary(d, '+', n);
      continue;
    }
    val vo = v_score(o->min, -1), vn = v_score(n->min, -1);
    field_change(d, "grade", "grade.changed", n->name, "min", &vo, &vn, NULL, NULL);
  }
}

/* --- the document ------------------------------------------------------------------------- */

static void json_side(dw *d, const char *key, const govopen_framework *fw) {
  gv_jw_object(&d->jw, key);
  gv_jw_string(&d->jw, "id", fw->id);
  gv_jw_string(&d->jw, "title", fw->title);
  gv_jw_string(&d->jw, "source", fw->source_name);
  gv_jw_end(&d->jw);
}

static void text_side(dw *d, const govopen_framework *fw) {
  put_input(d, fw->id);
  put(d, d->en ? " (" : "（");
  put_input(d, fw->title);
  put(d, d->en ? ")" : "）");
}

static void diff_all(dw *d) {
  diff_meta(d);
  diff_units(d);
  diff_groups(d);
  diff_nodes(d);
  diff_points(d);
  diff_tail(d);
}

/* Accepts and drops everything: a diff that only counts. */
static int discard(void *user, const char *data, size_t len) {
  (void)user, (void)data, (void)len;
  return 0;
}

int gv_framework_diff(const govopen_framework *a, const govopen_framework *b, unsigned flags, govopen_write_fn write,
                      void *user, size_t *changes) {
  dw d;
  memset(&d, 0, sizeof d);
  d.a = a;
  d.b = b;
  d.json = (flags & GOVOPEN_DIFF_JSON) != 0;
  d.en = (flags & GOVOPEN_REPORT_LANG_EN) != 0;
  if (write == NULL) write = discard;
  int rc;
  if (d.json) {
    if ((rc = gv_jw_init(&d.jw, (flags & GOVOPEN_DIFF_PRETTY) != 0, 0, write, user)) != GOVOPEN_OK) return rc;
    gv_jw_object(&d.jw, NULL);
    gv_jw_uint(&d.jw, "format", GOVOPEN_DIFF_FORMAT);
    json_side(&d, "a", a);
    json_side(&d, "b", b);
    gv_jw_array(&d.jw, "changes");
    diff_all(&d);
    gv_jw_end(&d.jw);
    gv_jw_uint(&d.jw, "count", d.count);
    gv_jw_end(&d.jw);
    rc = gv_jw_finish(&d.jw);
  } else {
    if ((rc = gv_out_init(&d.out, 0, write, user)) != GOVOPEN_OK) return rc;
    put(&d, d.en ? "Comparing " : "比较 ");
    text_side(&d, a);
    put(&d, d.en ? " with " : " 与 ");
    text_side(&d, b);
    end_line(&d);
    diff_all(&d);
    d.section = NULL;
    if (d.count == 0) {
      put(&d, d.en ? "No changes." : "没有变化。");
    } else {
      char s[GV_UINT_TEXT];
      if (!d.en) put(&d, "共 ");
      gv_buf_append(&d.line, s, gv_uint_format(d.count, s));
      put(&d, d.en ? (d.count == 1 ? " change." : " changes.") : " 处变化。");
    }
    end_line(&d);
    rc = gv_out_finish(&d.out);
  }
  gv_buf_free(&d.line);
  gv_arena_free(&d.tmp);
  if (d.status != GOVOPEN_OK && rc == GOVOPEN_OK) rc = d.status;
  if (changes && rc == GOVOPEN_OK) *changes = d.count;
  return rc;
}
