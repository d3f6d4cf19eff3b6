/* Public accessors of a loaded framework (include/govopen/framework.h), over
 * model/model.h. Every function tolerates a NULL handle or an index out of
 * range by returning NULL, 0 or "". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "util/cents.h"

const char *govopen_unit_kind_name(int kind) { return gv_unit_kind_name(kind); }

static const char *str_or_empty(const char *s) { return s ? s : ""; }

static const char *strlist_at(const gv_strlist *l, size_t i) { return i < l->count ? l->items[i] : NULL; }

void govopen_framework_free(govopen_framework *fw) { gv_framework_free(fw); }

/* --- metadata ------------------------------------------------------------- */

const char *govopen_framework_id(const govopen_framework *fw) { return fw ? fw->id : ""; }
const char *govopen_framework_title(const govopen_framework *fw) { return fw ? fw->title : ""; }
const char *govopen_framework_region(const govopen_framework *fw) { return fw ? str_or_empty(fw->region) : ""; }
int govopen_framework_year(const govopen_framework *fw) { return fw ? fw->year : 0; }
double govopen_framework_total(const govopen_framework *fw) { return fw ? gv_cents_to_double(fw->total) : 0.0; }
const char *govopen_framework_calendar(const govopen_framework *fw) { return fw ? fw->calendar : ""; }
int govopen_framework_schema(const govopen_framework *fw) { return fw ? fw->schema : 0; }
const char *govopen_framework_source_name(const govopen_framework *fw) { return fw ? fw->source_name : ""; }
const govopen_error *govopen_framework_warnings(const govopen_framework *fw) { return fw ? fw->warnings : NULL; }
size_t govopen_framework_provenance_count(const govopen_framework *fw) { return fw ? fw->provenance.count : 0; }
const char *govopen_framework_provenance(const govopen_framework *fw, size_t i) {
  return fw ? strlist_at(&fw->provenance, i) : NULL;
}

/* --- tree ------------------------------------------------------------------- */

const govopen_node *govopen_framework_root(const govopen_framework *fw) { return fw ? &fw->root : NULL; }
size_t govopen_framework_node_count(const govopen_framework *fw) { return fw ? fw->node_count : 0; }
const govopen_node *govopen_framework_node(const govopen_framework *fw, size_t i) {
  return fw && i < fw->node_count ? fw->nodes[i] : NULL;
}
const govopen_node *govopen_framework_node_by_id(const govopen_framework *fw, const char *id) {
  if (fw == NULL || id == NULL) return NULL;
  return gv_framework_node_by_id(fw, id);
}

int govopen_framework_walk(const govopen_framework *fw, govopen_node_visit_fn fn, void *payload) {
  if (fw == NULL || fn == NULL) return GOVOPEN_EINVALID;
  /* The pre-order array makes the walk iterative: no recursion on user depth. */
  for (size_t i = 0; i < fw->node_count; i++) {
    int r = fn(fw->nodes[i], payload);
    if (r != 0) return r;
  }
  return 0;
}

const char *govopen_node_id(const govopen_node *n) { return n ? n->id : ""; }
const char *govopen_node_label(const govopen_node *n) { return n ? str_or_empty(n->label) : ""; }
const char *govopen_node_title(const govopen_node *n) { return n ? n->title : ""; }
double govopen_node_score(const govopen_node *n) { return n ? gv_cents_to_double(n->score) : 0.0; }
int govopen_node_score_derived(const govopen_node *n) { return n ? n->derived : 0; }
int govopen_node_aggregate(const govopen_node *n) { return n ? n->aggregate : 0; }
unsigned govopen_node_depth(const govopen_node *n) { return n ? n->depth : 0; }
const govopen_node *govopen_node_parent(const govopen_node *n) { return n ? n->parent : NULL; }
size_t govopen_node_child_count(const govopen_node *n) { return n ? n->child_count : 0; }
const govopen_node *govopen_node_child(const govopen_node *n, size_t i) {
  return n && i < n->child_count ? n->children[i] : NULL;
}
size_t govopen_node_point_count(const govopen_node *n) { return n ? n->point_count : 0; }
const govopen_point *govopen_node_point(const govopen_node *n, size_t i) {
  return n && i < n->point_count ? n->points[i] : NULL;
}
size_t govopen_node_total_point_count(const govopen_node *n) { return n ? n->total_points : 0; }
size_t govopen_node_provenance_count(const govopen_node *n) { return n ? n->provenance.count : 0; }
const char *govopen_node_provenance(const govopen_node *n, size_t i) {
  return n ? strlist_at(&n->provenance, i) : NULL;
}
const char *govopen_node_note(const govopen_node *n) { return n ? str_or_empty(n->note) : ""; }
unsigned govopen_node_line(const govopen_node *n) { return n ? n->line : 0; }
unsigned govopen_node_column(const govopen_node *n) { return n ? n->col : 0; }

/* --- points ----------------------------------------------------------------- */

size_t govopen_framework_point_count(const govopen_framework *fw) { return fw ? fw->point_count : 0; }
const govopen_point *govopen_framework_point(const govopen_framework *fw, size_t i) {
  return fw && i < fw->point_count ? fw->points[i] : NULL;
}
const govopen_point *govopen_framework_point_by_id(const govopen_framework *fw, const char *id) {
  if (fw == NULL || id == NULL) return NULL;
  return gv_framework_point_by_id(fw, id);
}

const char *govopen_point_id(const govopen_point *p) { return p ? p->id : ""; }
size_t govopen_point_index(const govopen_point *p) { return p ? p->index : 0; }
const char *govopen_point_text(const govopen_point *p) { return p ? p->text : ""; }
double govopen_point_score(const govopen_point *p) { return p ? gv_cents_to_double(p->score) : 0.0; }
int govopen_point_score_derived(const govopen_point *p) { return p ? p->derived : 0; }
const govopen_node *govopen_point_node(const govopen_point *p) { return p ? p->node : NULL; }
size_t govopen_point_sampling_count(const govopen_point *p) { return p ? p->sampling.count : 0; }
const char *govopen_point_sampling(const govopen_point *p, size_t i) { return p ? strlist_at(&p->sampling, i) : NULL; }
size_t govopen_point_responsible_count(const govopen_point *p) { return p ? p->entry_count : 0; }
const char *govopen_point_responsible(const govopen_point *p, size_t i) {
  return p && i < p->entry_count ? p->entries[i].written : NULL;
}
const govopen_unit *govopen_point_responsible_unit(const govopen_point *p, size_t i) {
  return p && i < p->entry_count ? p->entries[i].unit : NULL;
}
const govopen_group *govopen_point_responsible_group(const govopen_point *p, size_t i) {
  return p && i < p->entry_count ? p->entries[i].group : NULL;
}
size_t govopen_point_unit_count(const govopen_point *p) { return p ? p->unit_count : 0; }
const govopen_unit *govopen_point_unit(const govopen_point *p, size_t i) {
  return p && i < p->unit_count ? p->units[i] : NULL;
}
int govopen_point_has_open_group(const govopen_point *p) { return p ? p->has_open_group : 0; }
const char *govopen_point_rule_kind(const govopen_point *p) { return p ? p->rule_kind : NULL; }
size_t govopen_point_provenance_count(const govopen_point *p) { return p ? p->provenance.count : 0; }
const char *govopen_point_provenance(const govopen_point *p, size_t i) {
  return p ? strlist_at(&p->provenance, i) : NULL;
}
const char *govopen_point_note(const govopen_point *p) { return p ? str_or_empty(p->note) : ""; }
unsigned govopen_point_line(const govopen_point *p) { return p ? p->line : 0; }
unsigned govopen_point_column(const govopen_point *p) { return p ? p->col : 0; }

/* --- methods and the sampling plan ------------------------------------------ */

size_t govopen_framework_method_count(const govopen_framework *fw) { return fw ? fw->methods.count : 0; }
const char *govopen_framework_method(const govopen_framework *fw, size_t i) {
  return fw ? strlist_at(&fw->methods, i) : NULL;
}

int govopen_framework_plan(const govopen_framework *fw, const char *method, govopen_plan_fn fn, void *payload) {
  if (fw == NULL || method == NULL || fn == NULL) return GOVOPEN_EINVALID;
  return gv_framework_plan(fw, method, fn, payload);
}

/* --- units ------------------------------------------------------------------ */

size_t govopen_framework_unit_count(const govopen_framework *fw) { return fw ? fw->unit_count : 0; }
const govopen_unit *govopen_framework_unit(const govopen_framework *fw, size_t i) {
  return fw && i < fw->unit_count ? &fw->units[i] : NULL;
}

const govopen_unit *govopen_framework_unit_by_id(const govopen_framework *fw, const char *id) {
  return fw && id ? gv_framework_unit_by_id(fw, id) : NULL;
}
const govopen_unit *govopen_framework_unit_by_name(const govopen_framework *fw, const char *name) {
  return fw && name ? gv_framework_unit_by_name(fw, name) : NULL;
}
const govopen_unit *govopen_framework_unit_find(const govopen_framework *fw, const char *key) {
  return fw && key ? gv_framework_unit_find(fw, key) : NULL;
}

const char *govopen_unit_id(const govopen_unit *u) { return u ? u->id : ""; }
size_t govopen_unit_index(const govopen_unit *u) { return u ? u->index : 0; }
const char *govopen_unit_name(const govopen_unit *u) { return u ? u->name : ""; }
int govopen_unit_kind(const govopen_unit *u) { return u ? u->kind : GOVOPEN_UNIT_OTHER; }
size_t govopen_unit_alias_count(const govopen_unit *u) { return u ? u->aliases.count : 0; }
const char *govopen_unit_alias(const govopen_unit *u, size_t i) { return u ? strlist_at(&u->aliases, i) : NULL; }
const char *govopen_unit_code(const govopen_unit *u) { return u ? str_or_empty(u->code) : ""; }
const char *govopen_unit_note(const govopen_unit *u) { return u ? str_or_empty(u->note) : ""; }
size_t govopen_unit_point_count(const govopen_unit *u) { return u ? u->point_count : 0; }
const govopen_point *govopen_unit_point(const govopen_unit *u, size_t i) {
  return u && i < u->point_count ? u->points[i] : NULL;
}

/* --- groups ----------------------------------------------------------------- */

size_t govopen_framework_group_count(const govopen_framework *fw) { return fw ? fw->group_count : 0; }
const govopen_group *govopen_framework_group(const govopen_framework *fw, size_t i) {
  return fw && i < fw->group_count ? &fw->groups[i] : NULL;
}
const govopen_group *govopen_framework_group_by_id(const govopen_framework *fw, const char *id) {
  return fw && id ? gv_framework_group_by_id(fw, id) : NULL;
}
const govopen_group *govopen_framework_group_by_name(const govopen_framework *fw, const char *name) {
  return fw && name ? gv_framework_group_by_name(fw, name) : NULL;
}

const char *govopen_group_id(const govopen_group *g) { return g ? g->id : ""; }
const char *govopen_group_name(const govopen_group *g) { return g ? g->name : ""; }
size_t govopen_group_alias_count(const govopen_group *g) { return g ? g->aliases.count : 0; }
const char *govopen_group_alias(const govopen_group *g, size_t i) { return g ? strlist_at(&g->aliases, i) : NULL; }
int govopen_group_is_open(const govopen_group *g) { return g ? g->open : 0; }
unsigned govopen_group_kinds(const govopen_group *g) { return g ? g->kinds : 0; }
size_t govopen_group_member_count(const govopen_group *g) { return g ? g->member_count : 0; }
const govopen_unit *govopen_group_member(const govopen_group *g, size_t i) {
  return g && i < g->member_count ? g->members[i] : NULL;
}
const char *govopen_group_note(const govopen_group *g) { return g ? str_or_empty(g->note) : ""; }

/* --- adjustments and grades --------------------------------------------------- */

size_t govopen_framework_adjustment_count(const govopen_framework *fw) { return fw ? fw->adjustment_count : 0; }
const char *govopen_framework_adjustment_id(const govopen_framework *fw, size_t i) {
  return fw && i < fw->adjustment_count ? fw->adjustments[i].id : NULL;
}
double govopen_framework_adjustment_delta(const govopen_framework *fw, size_t i) {
  return fw && i < fw->adjustment_count ? gv_cents_to_double(fw->adjustments[i].delta) : 0.0;
}
const char *govopen_framework_adjustment_text(const govopen_framework *fw, size_t i) {
  return fw && i < fw->adjustment_count ? fw->adjustments[i].text : NULL;
}

size_t govopen_framework_grade_count(const govopen_framework *fw) { return fw ? fw->grade_count : 0; }
const char *govopen_framework_grade_name(const govopen_framework *fw, size_t i) {
  return fw && i < fw->grade_count ? fw->grades[i].name : NULL;
}
double govopen_framework_grade_min(const govopen_framework *fw, size_t i) {
  return fw && i < fw->grade_count ? gv_cents_to_double(fw->grades[i].min) : 0.0;
}
const char *govopen_framework_grade_for(const govopen_framework *fw, double score) {
  if (fw == NULL) return NULL;
  if (score != score) return NULL; /* NaN earns nothing */
  /* Compared in hundredths, the score rounded the way results are rounded
     (util/cents.h; beyond int64_t it saturates, above or below every grade). */
  return gv_framework_grade(fw, gv_cents_from_double(score));
}
