/* What a loaded framework answers below the API: freeing it, finding its
 * nodes, points, units and groups by id or name, the sampling plan and the
 * grade of a score. The public accessors (lib/api/framework.c) stand on
 * these and on model.h's fields. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "util/error.h"

const char *const gv_known_methods[] = {
    "政府网站", "电话测评", "现场测评",     "模拟用户",     "政务新媒体",
    "日常采样", "材料报送", "主管部门审核", "主管部门考核", "主管单位考核（材料报送）",
};
const size_t gv_known_method_count = sizeof gv_known_methods / sizeof gv_known_methods[0];

static const char *const kind_names[] = {"town", "department", "institution", "party-org", "other"};

int gv_unit_kind_from_name(const char *name, size_t len) {
  for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
    if (strlen(kind_names[i]) == len && memcmp(kind_names[i], name, len) == 0) return (int)i;
  return -1;
}

const char *gv_unit_kind_name(int kind) {
  if (kind < 0 || (size_t)kind >= sizeof kind_names / sizeof kind_names[0]) return NULL;
  return kind_names[kind];
}

void gv_framework_free(govopen_framework *fw) {
  if (fw == NULL) return;
  gv_hmap_free(&fw->node_ids);
  gv_hmap_free(&fw->point_ids);
  gv_hmap_free(&fw->names);
  gv_hmap_free(&fw->methods_map);
  gv_error_free(fw->warnings);
  gv_arena arena = fw->arena; /* the framework itself lives in its arena */
  gv_arena_free(&arena);
}

const govopen_node *gv_framework_node_by_id(const govopen_framework *fw, const char *id) {
  if (id == NULL) return NULL;
  return gv_hmap_get(&fw->node_ids, id, strlen(id));
}

const govopen_point *gv_framework_point_by_id(const govopen_framework *fw, const char *id) {
  if (id == NULL) return NULL;
  return gv_hmap_get(&fw->point_ids, id, strlen(id));
}

int gv_framework_plan(const govopen_framework *fw, const char *method, govopen_plan_fn fn, void *payload) {
  /* Methods are interned: the map gives the framework's own pointer, so the
     points' entries compare by address. */
  const char *m = gv_hmap_get(&fw->methods_map, method, strlen(method));
  if (m == NULL) return GOVOPEN_ENOTFOUND;
  for (size_t i = 0; i < fw->point_count; i++) {
    const govopen_point *p = fw->points[i];
    int sampled = 0;
    for (size_t k = 0; k < p->sampling.count && !sampled; k++) sampled = p->sampling.items[k] == m;
    if (!sampled) continue;
    for (size_t u = 0; u < p->unit_count; u++) {
      int r = fn(p->units[u], p, payload);
      if (r != 0) return r;
    }
  }
  return 0;
}

static const gv_nameref *lookup_name(const govopen_framework *fw, const char *key) {
  if (key == NULL) return NULL;
  return gv_hmap_get(&fw->names, key, strlen(key));
}

const govopen_unit *gv_framework_unit_by_id(const govopen_framework *fw, const char *id) {
  const gv_nameref *r = lookup_name(fw, id);
  return r && r->is_id ? r->unit : NULL;
}
const govopen_unit *gv_framework_unit_by_name(const govopen_framework *fw, const char *name) {
  const gv_nameref *r = lookup_name(fw, name);
  return r && !r->is_id ? r->unit : NULL;
}
const govopen_unit *gv_framework_unit_find(const govopen_framework *fw, const char *key) {
  const gv_nameref *r = lookup_name(fw, key);
  return r ? r->unit : NULL;
}
const govopen_group *gv_framework_group_by_id(const govopen_framework *fw, const char *id) {
  const gv_nameref *r = lookup_name(fw, id);
  return r && r->is_id ? r->group : NULL;
}
const govopen_group *gv_framework_group_by_name(const govopen_framework *fw, const char *name) {
  const gv_nameref *r = lookup_name(fw, name);
  return r && !r->is_id ? r->group : NULL;
}

const char *gv_framework_grade(const govopen_framework *fw, int64_t cents) {
  for (size_t i = 0; i < fw->grade_count; i++)
    if (cents >= fw->grades[i].min) return fw->grades[i].name;
  return NULL;
}
