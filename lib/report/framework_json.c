/* The framework as JSON (the only file that includes <cJSON.h> for framework output). */
#include <cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/date.h"
#include "model/model.h"
#include "report/framework_json.h"
#include "report/json_util.h"
#include "report/out.h"

static cJSON *strlist_json(const gv_strlist *l) {
  cJSON *a = cJSON_CreateArray();
  for (size_t i = 0; a && i < l->count; i++)
    if (gv_json_push(a, cJSON_CreateString(l->items[i])) != 0) {
      cJSON_Delete(a);
      return NULL;
    }
  return a;
}

/* The optional `source` and `note`: present only when given. */
static int put_provenance(cJSON *obj, const gv_strlist *prov, const char *note) {
  if (prov->count && gv_json_put(obj, "source", strlist_json(prov)) != 0) return GOVOPEN_ENOMEM;
  if (note && note[0] && gv_json_put_str(obj, "note", note) != 0) return GOVOPEN_ENOMEM;
  return GOVOPEN_OK;
}

/* JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)? */
static int json_number_ok(const char *s) {
  if (*s == '-') s++;
  if (*s == '0')
    s++;
  else if (*s >= '1' && *s <= '9')
    while (*s >= '0' && *s <= '9') s++;
  else
    return 0;
  if (*s == '.') {
    s++;
    if (!(*s >= '0' && *s <= '9')) return 0;
    while (*s >= '0' && *s <= '9') s++;
  }
  if (*s == 'e' || *s == 'E') {
    s++;
    if (*s == '+' || *s == '-') s++;
    if (!(*s >= '0' && *s <= '9')) return 0;
    while (*s >= '0' && *s <= '9') s++;
  }
  return *s == '\0';
}

/* A rule block (or any document tree) as JSON, scalars typed as loaded. */
static cJSON *tree_json(const gv_ynode *n) {
  cJSON *o = NULL;
  switch (n->kind) {
    case GV_YMAP:
      o = cJSON_CreateObject();
      for (size_t i = 0; o && i < n->count; i++)
        if (gv_json_put(o, gv_ymap_key(n, i)->text, tree_json(gv_ymap_value(n, i))) != 0) {
          cJSON_Delete(o);
          o = NULL;
        }
      return o;
    case GV_YSEQ:
      o = cJSON_CreateArray();
      for (size_t i = 0; o && i < n->count; i++)
        if (gv_json_push(o, tree_json(n->items[i])) != 0) {
          cJSON_Delete(o);
          o = NULL;
        }
      return o;
    default: break;
  }
  switch (n->type) {
    case GV_YT_NULL: return cJSON_CreateNull();
    case GV_YT_BOOL: return cJSON_CreateBool(n->text[0] == 't');
    case GV_YT_INT:
    case GV_YT_FLOAT:
      /* YAML numbers such as +1 or 007 are not JSON: keep those as text. */
      return json_number_ok(n->text) ? cJSON_CreateRaw(n->text) : cJSON_CreateString(n->text);
    default: return cJSON_CreateString(n->text);
  }
}

static cJSON *point_json(const govopen_point *p) {
  cJSON *o = cJSON_CreateObject();
  if (o == NULL) return NULL;
  int bad = gv_json_put_str(o, "id", p->id) || gv_json_put_str(o, "text", p->text) ||
            gv_json_put(o, "score", gv_json_score(p->score)) ||
            gv_json_put(o, "derived", cJSON_CreateBool(p->derived)) ||
            gv_json_put(o, "sampling", strlist_json(&p->sampling));
  cJSON *resp = bad ? NULL : cJSON_CreateArray();
  cJSON *units = bad ? NULL : cJSON_CreateArray();
  cJSON *unit_ids = bad ? NULL : cJSON_CreateArray();
  for (size_t i = 0; resp && i < p->entry_count; i++)
    bad |= gv_json_push(resp, cJSON_CreateString(p->entries[i].written));
  for (size_t i = 0; units && unit_ids && i < p->unit_count; i++) {
    bad |= gv_json_push(units, cJSON_CreateString(p->units[i]->name));
    bad |= gv_json_push(unit_ids, cJSON_CreateString(p->units[i]->id));
  }
  bad |= gv_json_put(o, "responsible", resp) | gv_json_put(o, "units", units) | gv_json_put(o, "unit_ids", unit_ids);
  bad |= gv_json_put(o, "open_group", cJSON_CreateBool(p->has_open_group));
  if (!bad && p->rule) bad = gv_json_put(o, "rule", tree_json(p->rule));
  if (!bad) bad = put_provenance(o, &p->provenance, p->note);
  if (bad) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static const char *const aggregate_names[] = {"sum", "cap", "scale", "mean", "min"};

/* An indicator's object with its points, and an empty list of children
   (`*children`) that the tree's walk fills. */
static cJSON *node_json(const govopen_node *n, cJSON **children) {
  *children = NULL;
  cJSON *o = cJSON_CreateObject();
  if (o == NULL) return NULL;
  int bad = gv_json_put_str(o, "id", n->id) || (n->label && gv_json_put_str(o, "label", n->label)) ||
            gv_json_put_str(o, "title", n->title) || gv_json_put(o, "score", gv_json_score(n->score)) ||
            gv_json_put(o, "derived", cJSON_CreateBool(n->derived)) ||
            gv_json_put_str(o, "aggregate", aggregate_names[n->aggregate]) ||
            gv_json_put(o, "depth", cJSON_CreateNumber((double)n->depth)) || put_provenance(o, &n->provenance, n->note);
  cJSON *kids = bad ? NULL : cJSON_CreateArray();
  cJSON *points = bad ? NULL : cJSON_CreateArray();
  for (size_t i = 0; points && i < n->point_count; i++) bad |= gv_json_push(points, point_json(n->points[i]));
  bad |= gv_json_put(o, "children", kids) | gv_json_put(o, "points", points);
  if (bad) {
    cJSON_Delete(o);
    return NULL;
  }
  *children = kids;
  return o;
}

/* The indicator tree: each indicator, in pre-order, goes into its
   parent's list of children, made before it. No recursion along the tree. */
static cJSON *indicators_json(const govopen_framework *fw) {
  cJSON *inds = cJSON_CreateArray();
  cJSON **kids = calloc(fw->node_count ? fw->node_count : 1, sizeof *kids);
  int bad = inds == NULL || kids == NULL;
  for (size_t i = 0; !bad && i < fw->node_count; i++) {
    const govopen_node *n = fw->nodes[i];
    cJSON *into = n->parent->depth == 0 ? inds : kids[n->parent->index];
    bad = into == NULL || gv_json_push(into, node_json(n, &kids[i])) != 0;
  }
  free(kids);
  if (bad) {
    cJSON_Delete(inds);
    return NULL;
  }
  return inds;
}

static cJSON *meta_json(const govopen_framework *fw) {
  cJSON *o = cJSON_CreateObject();
  if (o == NULL) return NULL;
  int bad = gv_json_put_str(o, "id", fw->id) || gv_json_put_str(o, "title", fw->title) ||
            (fw->region && gv_json_put_str(o, "region", fw->region)) ||
            (fw->year && gv_json_put(o, "year", cJSON_CreateNumber(fw->year))) ||
            gv_json_put(o, "total", gv_json_score(fw->total)) || gv_json_put_str(o, "calendar", fw->calendar) ||
            gv_json_put(o, "schema", cJSON_CreateNumber(fw->schema)) ||
            gv_json_put(o, "points", cJSON_CreateNumber((double)fw->point_count)) ||
            put_provenance(o, &fw->provenance, fw->note);
  if (bad) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static cJSON *unit_json(const govopen_unit *u) {
  cJSON *o = cJSON_CreateObject();
  if (o == NULL) return NULL;
  int bad = gv_json_put_str(o, "id", u->id) || gv_json_put_str(o, "name", u->name) ||
            gv_json_put_str(o, "kind", gv_unit_kind_name(u->kind)) ||
            gv_json_put(o, "aliases", strlist_json(&u->aliases)) || (u->code && gv_json_put_str(o, "code", u->code)) ||
            (u->note && gv_json_put_str(o, "note", u->note));
  cJSON *pts = bad ? NULL : cJSON_CreateArray();
  for (size_t i = 0; pts && i < u->point_count; i++) bad |= gv_json_push(pts, cJSON_CreateString(u->points[i]->id));
  bad |= gv_json_put(o, "points", pts);
  if (bad) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static cJSON *group_json(const govopen_group *g) {
  cJSON *o = cJSON_CreateObject();
  if (o == NULL) return NULL;
  int bad = gv_json_put_str(o, "id", g->id) || gv_json_put_str(o, "name", g->name) ||
            gv_json_put(o, "aliases", strlist_json(&g->aliases)) || gv_json_put(o, "open", cJSON_CreateBool(g->open)) ||
            (g->note && gv_json_put_str(o, "note", g->note));
  cJSON *kinds = bad ? NULL : cJSON_CreateArray();
  for (int k = 0; kinds && k <= GOVOPEN_UNIT_OTHER; k++)
    if (g->kinds & (1u << k)) bad |= gv_json_push(kinds, cJSON_CreateString(gv_unit_kind_name(k)));
  bad |= gv_json_put(o, "kinds", kinds);
  cJSON *members = bad ? NULL : cJSON_CreateArray();
  for (size_t i = 0; members && i < g->member_count; i++)
    bad |= gv_json_push(members, cJSON_CreateString(g->members[i]->id));
  bad |= gv_json_put(o, "members", members);
  if (bad) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static cJSON *framework_json(const govopen_framework *fw) {
  cJSON *root = cJSON_CreateObject();
  if (root == NULL) return NULL;
  int bad = gv_json_put(root, "framework", meta_json(fw)) ||
            gv_json_put(root, "sampling_methods", strlist_json(&fw->methods));
  cJSON *units = bad ? NULL : cJSON_CreateArray();
  for (size_t i = 0; units && i < fw->unit_count; i++) bad |= gv_json_push(units, unit_json(&fw->units[i]));
  bad |= gv_json_put(root, "units", units);
  cJSON *groups = bad ? NULL : cJSON_CreateArray();
  for (size_t i = 0; groups && i < fw->group_count; i++) bad |= gv_json_push(groups, group_json(&fw->groups[i]));
  bad |= gv_json_put(root, "groups", groups);
  if (!bad) bad = gv_json_put(root, "indicators", indicators_json(fw));
  cJSON *adjs = bad ? NULL : cJSON_CreateArray();
  for (size_t i = 0; adjs && i < fw->adjustment_count; i++) {
    const gv_adjustment *a = &fw->adjustments[i];
    cJSON *o = cJSON_CreateObject();
    if (o &&
        (gv_json_put_str(o, "id", a->id) || gv_json_put(o, "delta", gv_json_score(a->delta)) ||
         gv_json_put_str(o, "text", a->text) || (a->repeatable && gv_json_put(o, "repeatable", cJSON_CreateTrue())) ||
         put_provenance(o, &a->provenance, a->note))) {
      cJSON_Delete(o);
      o = NULL;
    }
    bad |= gv_json_push(adjs, o);
  }
  bad |= gv_json_put(root, "adjustments", adjs);
  cJSON *grades = bad ? NULL : cJSON_CreateArray();
  for (size_t i = 0; grades && i < fw->grade_count; i++) {
    cJSON *o = cJSON_CreateObject();
    if (o &&
        (gv_json_put_str(o, "name", fw->grades[i].name) || gv_json_put(o, "min", gv_json_score(fw->grades[i].min)))) {
      cJSON_Delete(o);
      o = NULL;
    }
    bad |= gv_json_push(grades, o);
  }
  bad |= gv_json_put(root, "grades", grades);
  if (bad) {
    cJSON_Delete(root);
    return NULL;
  }
  return root;
}

int gv_framework_to_json(const govopen_framework *fw, int pretty, char **out, size_t *out_len) {
  cJSON *root = framework_json(fw);
  if (root == NULL) return GOVOPEN_ENOMEM;
  return gv_json_finish(root, pretty, out, out_len);
}

/* --- the canonical form, digested (report/framework_json.h) --------------------- */

typedef struct canon {
  gv_out o; /* what is written, in pieces, to the digest */
  gv_digest d;
} canon;

static void c_raw(canon *c, const char *s, size_t n) { gv_out_put(&c->o, s, n); }
static void c_lit(canon *c, const char *s) { c_raw(c, s, strlen(s)); }

/* "tag len:bytes\n", or "tag -\n" for none: unambiguous whatever the bytes. */
static void c_str(canon *c, const char *tag, const char *s) {
  char head[64];
  int n = s ? snprintf(head, sizeof head, "%s %zu:", tag, strlen(s)) : snprintf(head, sizeof head, "%s -\n", tag);
  c_raw(c, head, (size_t)n);
  if (s) {
    c_raw(c, s, strlen(s));
    c_lit(c, "\n");
  }
}

/* "tag =value\n" */
static void c_int(canon *c, const char *tag, int64_t v) {
  char line[96];
  int n = snprintf(line, sizeof line, "%s =%" PRId64 "\n", tag, v);
  c_raw(c, line, (size_t)n);
}

static void c_list(canon *c, const char *tag, const gv_strlist *l) {
  c_int(c, tag, (int64_t)l->count);
  for (size_t i = 0; i < l->count; i++) c_str(c, "-", l->items[i]);
}

static int to_digest(void *user, const char *data, size_t len) {
  gv_digest_update(user, data, len);
  return 0;
}

/* A rule block as its compact JSON (gv_json_tree_compact), which is
   self-delimiting and holds no raw line end. */
static void c_rule(canon *c, const gv_ynode *rule) {
  if (rule == NULL) {
    c_lit(c, "rule -\n");
    return;
  }
  c_lit(c, "rule ");
  gv_json_tree_compact(&c->o, rule);
  c_lit(c, "\n");
}

static void c_point(canon *c, const govopen_point *p) {
  c_str(c, "point", p->id);
  c_str(c, "text", p->text);
  c_int(c, "score", p->score);
  c_int(c, "derived", p->derived);
  c_list(c, "sampling", &p->sampling);
  c_int(c, "responsible", (int64_t)p->entry_count);
  for (size_t i = 0; i < p->entry_count; i++) c_str(c, "-", p->entries[i].written);
  c_int(c, "units", (int64_t)p->unit_count);
  for (size_t i = 0; i < p->unit_count; i++) c_str(c, "-", p->units[i]->id);
  c_int(c, "open_group", p->has_open_group);
  c_list(c, "source", &p->provenance);
  c_str(c, "note", p->note);
  c_rule(c, p->rule);
}

int gv_framework_digest(const govopen_framework *fw, char out[GV_DIGEST_HEX]) {
  canon c;
  gv_digest_init(&c.d);
  /* one small buffer for the whole walk: the only allocation */
  if (gv_out_init(&c.o, 4096, to_digest, &c.d) != GOVOPEN_OK) {
    gv_out_finish(&c.o);
    return GOVOPEN_ENOMEM;
  }
  c_lit(&c, "govopen framework 1\n");
  c_int(&c, "schema", fw->schema);
  c_str(&c, "id", fw->id);
  c_str(&c, "title", fw->title);
  c_str(&c, "region", fw->region);
  c_int(&c, "year", fw->year);
  c_int(&c, "total", fw->total);
  c_str(&c, "calendar", fw->calendar);
  char day[GV_DATE_TEXT];
  if (fw->as_of != INT32_MIN) gv_date_format(fw->as_of, day);
  c_str(&c, "as_of", fw->as_of != INT32_MIN ? day : NULL);
  c_int(&c, "not_evaluated", fw->not_evaluated_zero);
  c_int(&c, "cap_adjusted", fw->cap_adjusted);
  c_list(&c, "source", &fw->provenance);
  c_str(&c, "note", fw->note);
  c_list(&c, "methods", &fw->methods);
  c_int(&c, "units", (int64_t)fw->unit_count);
  for (size_t i = 0; i < fw->unit_count; i++) {
    const govopen_unit *u = &fw->units[i];
    c_str(&c, "unit", u->id);
    c_str(&c, "name", u->name);
    c_str(&c, "kind", gv_unit_kind_name(u->kind));
    c_list(&c, "aliases", &u->aliases);
    c_str(&c, "code", u->code);
    c_str(&c, "note", u->note);
    c_int(&c, "points", (int64_t)u->point_count);
    for (size_t k = 0; k < u->point_count; k++) c_str(&c, "-", u->points[k]->id);
  }
  c_int(&c, "groups", (int64_t)fw->group_count);
  for (size_t i = 0; i < fw->group_count; i++) {
    const govopen_group *g = &fw->groups[i];
    c_str(&c, "group", g->id);
    c_str(&c, "name", g->name);
    c_list(&c, "aliases", &g->aliases);
    c_int(&c, "open", g->open);
    c_str(&c, "note", g->note);
    c_int(&c, "kinds", (int64_t)g->kinds);
    c_int(&c, "members", (int64_t)g->member_count);
    for (size_t k = 0; k < g->member_count; k++) c_str(&c, "-", g->members[k]->id);
  }
  /* the tree in pre-order, each indicator naming its parent and depth */
  c_int(&c, "indicators", (int64_t)fw->node_count);
  for (size_t i = 0; i < fw->node_count; i++) {
    const govopen_node *n = fw->nodes[i];
    c_str(&c, "indicator", n->id);
    c_int(&c, "parent", n->parent->depth == 0 ? -1 : (int64_t)n->parent->index);
    c_int(&c, "depth", n->depth);
    c_str(&c, "label", n->label);
    c_str(&c, "title", n->title);
    c_int(&c, "score", n->score);
    c_int(&c, "derived", n->derived);
    c_int(&c, "aggregate", n->aggregate);
    c_list(&c, "source", &n->provenance);
    c_str(&c, "note", n->note);
    c_int(&c, "points", (int64_t)n->point_count);
    for (size_t k = 0; k < n->point_count; k++) c_point(&c, n->points[k]);
  }
  c_int(&c, "adjustments", (int64_t)fw->adjustment_count);
  for (size_t i = 0; i < fw->adjustment_count; i++) {
    const gv_adjustment *a = &fw->adjustments[i];
    c_str(&c, "adjustment", a->id);
    c_int(&c, "delta", a->delta);
    c_str(&c, "text", a->text);
    c_int(&c, "repeatable", a->repeatable);
    c_list(&c, "source", &a->provenance);
    c_str(&c, "note", a->note);
  }
  c_int(&c, "grades", (int64_t)fw->grade_count);
  for (size_t i = 0; i < fw->grade_count; i++) {
    c_str(&c, "grade", fw->grades[i].name);
    c_int(&c, "min", fw->grades[i].min);
  }
  c_lit(&c, "end\n");
  if (gv_out_finish(&c.o) != GOVOPEN_OK) return GOVOPEN_ENOMEM; /* the callback never refuses */
  gv_digest_final_hex(&c.d, out);
  return GOVOPEN_OK;
}
