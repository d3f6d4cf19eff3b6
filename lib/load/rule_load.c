/* Rule blocks → compiled rules (rules/rule.h), every parameter checked with
 * its position and path. The kind of a rule compiles its own keys
 * (rules/kind_<name>.c) through the reader this file gives it over the
 * schema checker (rules/reader.h): the rules layer never calls the loader. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/rule_load.h"
#include "rules/reader.h"

/* --- the reader over a gv_schema ---------------------------------------------------- */

/* The rules layer's keys are the schema's fields, member for member. */
static gv_field field_of(const gv_rkey *k) { return (gv_field){k->key, k->key_node, k->value}; }

GV_PRINTF(4, 0)
static void rd_err_at(void *self, const gv_ynode *at, const char *id, const char *fmt, va_list ap) {
  gv_buf b = {0};
  gv_buf_vprintf(&b, fmt, ap);
  if (gv_buf_status(&b) != GOVOPEN_OK)
    gv_sc_set_oom(self);
  else
    gv_sc_err_at(self, at, id, "%s", gv_buf_str(&b));
  gv_buf_free(&b);
}

static void rd_set_oom(void *self) { gv_sc_set_oom(self); }
static int rd_status(void *self) { return gv_sc_status(self); }
static size_t rd_path_key(void *self, const char *key) { return gv_sc_path_key(self, key); }
static size_t rd_path_index(void *self, size_t i) { return gv_sc_path_index(self, i); }
static void rd_path_pop(void *self, size_t mark) { gv_sc_path_pop(self, mark); }

static int rd_read_keys(void *self, const gv_ynode *m, gv_rkey *k, size_t n, const char *what) {
  gv_field f[32];
  if (n > sizeof f / sizeof f[0]) return gv_sc_set_oom(self);
  for (size_t i = 0; i < n; i++) f[i] = field_of(&k[i]);
  int rc = gv_sc_read_fields(self, m, f, n, what);
  for (size_t i = 0; i < n; i++) k[i].key_node = f[i].key_node, k[i].value = f[i].value;
  return rc;
}

static int rd_get_int(void *self, const gv_ynode *map, const gv_rkey *k, int required, const char *what, int64_t *out) {
  gv_field f = field_of(k);
  return gv_sc_get_int(self, map, &f, required, what, out);
}

static int rd_get_score(void *self, const gv_ynode *map, const gv_rkey *k, int required, int allow_negative,
                        const char *what, int64_t *out) {
  gv_field f = field_of(k);
  return gv_sc_get_score(self, map, &f, required, allow_negative, what, out, NULL);
}

static int rd_get_name(void *self, const gv_ynode *map, const gv_rkey *k, int required, const char *what,
                       const char **out) {
  gv_field f = field_of(k);
  return gv_sc_get_name(self, map, &f, required, what, out);
}

static int rd_get_str(void *self, const gv_ynode *map, const gv_rkey *k, int required, int nonempty, const char *what,
                      const char **out) {
  gv_field f = field_of(k);
  return gv_sc_get_str(self, map, &f, required, nonempty, what, out);
}

static int rd_get_namelist(void *self, const gv_ynode *map, const gv_rkey *k, int required, const char *what,
                           const char ***items, size_t *count, const gv_ynode ***nodes, size_t **index) {
  gv_field f = field_of(k);
  gv_strlist list = {0};
  gv_list_pos pos = {0};
  int rc = gv_sc_get_namelist(self, map, &f, required, 0, what, &list, &pos);
  *items = list.items;
  *count = list.count;
  *nodes = pos.nodes;
  *index = pos.index;
  return rc;
}

static int rd_name_text(void *self, const gv_ynode *v, const char *text, size_t len, const char **out) {
  return gv_sc_name_text(self, v, text, len, out);
}
static int rd_name_value(void *self, const gv_ynode *v, const char **out) { return gv_sc_name_value(self, v, out); }
static int rd_string_value(void *self, const gv_ynode *v, int nonempty, const char **out) {
  return gv_sc_string_value(self, v, nonempty, out);
}
static gv_diags *rd_diags(void *self) { return ((gv_schema *)self)->d; }
static const char *rd_source(void *self, const gv_ynode *at) { return gv_sc_src(self, at); }
static const char *rd_path(void *self) { return gv_buf_str(&((gv_schema *)self)->path); }
static void rd_expr_limits(void *self, size_t *chars, size_t *nodes) {
  const gv_schema *sc = self;
  *chars = sc->max_expr_chars;
  *nodes = sc->max_expr_nodes;
}

static const gv_reader schema_reader = {
    rd_err_at,       rd_set_oom,   rd_status,   rd_path_key, rd_path_index,   rd_path_pop,  rd_read_keys,
    rd_get_int,      rd_get_score, rd_get_name, rd_get_str,  rd_get_namelist, rd_name_text, rd_name_value,
    rd_string_value, rd_diags,     rd_source,   rd_path,     rd_expr_limits,
};

/* --- the entry point ------------------------------------------------------------- */

/* "unknown rule kind 'x' (expected boolean, checklist, … or expression)", the kinds from the registry. */
static void unknown_kind(gv_schema *sc, const gv_ynode *at, const char *name) {
  gv_buf kinds = {0};
  gv_rule_kind_names(&kinds);
  if (gv_buf_status(&kinds) != GOVOPEN_OK)
    gv_sc_set_oom(sc);
  else
    gv_sc_err_at(sc, at, "rule.kind_unknown", "unknown rule kind '%s' (expected %s)", name, gv_buf_str(&kinds));
  gv_buf_free(&kinds);
}

int gv_rule_compile(gv_schema *sc, const gv_ynode *block, int64_t max, gv_arena *arena, gv_rule **out) {
  *out = NULL;
  if (block->kind != GV_YMAP) {
    gv_sc_err_at(sc, block, "rule.type", "expected a rule (a mapping with a 'kind'), found %s",
                 gv_ynode_describe(block));
    return gv_sc_failed(sc);
  }
  const gv_ynode *kind_node = NULL;
  for (size_t i = 0; i < block->count; i++)
    if (strcmp(gv_ymap_key(block, i)->text, "kind") == 0) kind_node = gv_ymap_value(block, i);
  if (kind_node == NULL) {
    gv_sc_err_at(sc, block, "rule.kind_missing", "the rule has no 'kind' (it is required)");
    return gv_sc_failed(sc);
  }
  size_t mark = gv_sc_path_key(sc, "kind");
  const char *kname;
  int rc = gv_sc_name_value(sc, kind_node, &kname);
  int kind = rc == GOVOPEN_OK ? gv_rule_kind_from_name(kname) : -1;
  if (rc == GOVOPEN_OK && kind < 0) unknown_kind(sc, kind_node, kname);
  gv_sc_path_pop(sc, mark);
  if (kind < 0) return gv_sc_failed(sc);

  /* kind, label and note, then the keys the kind takes */
  gv_rkey keys[32];
  size_t nk = 0;
  keys[nk++] = (gv_rkey){"kind", 0, 0};
  keys[nk++] = (gv_rkey){"label", 0, 0};
  keys[nk++] = (gv_rkey){"note", 0, 0};
  for (const char *const *k = gv_rule_kind_keys((gv_rule_kind)kind); *k && nk < sizeof keys / sizeof keys[0]; k++)
    keys[nk++] = (gv_rkey){*k, 0, 0};
  char what[64];
  snprintf(what, sizeof what, "a %s rule", kname);
  rc = rd_read_keys(sc, block, keys, nk, what);
  if (rc != GOVOPEN_OK) return rc;

  gv_rule *r = gv_arena_alloc(arena, sizeof *r);
  if (r == NULL) return gv_sc_set_oom(sc);
  r->kind = (gv_rule_kind)kind;
  r->max = max;
  gv_field label = field_of(&keys[1]), note = field_of(&keys[2]);
  gv_sc_get_str(sc, block, &label, GV_OPTIONAL, 1, what, &r->label);
  gv_sc_get_str(sc, block, &note, GV_OPTIONAL, 0, what, &r->note);
  size_t errors_before = sc->d->errors;
  rc = gv_rule_compile_params(&schema_reader, sc, block, keys, nk, what, arena, r);
  if (rc == GOVOPEN_ENOMEM || gv_diags_status(sc->d) == GOVOPEN_ENOMEM) return gv_sc_set_oom(sc);
  if (rc != GOVOPEN_OK) return rc;
  if (sc->d->errors != errors_before) return gv_sc_failed(sc);
  *out = r;
  return GOVOPEN_OK;
}
