/* The framework loader: a YAML document tree → a validated framework model.
 * Every problem is recorded with its position and document path; loading
 * carries on after an error where it can, so one run reports them all. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "govopen/options.h"
#include "govopen/version.h"
#include "load/load.h"
#include "load/ytree.h"
#include "model/model.h"
#include "util/buf.h"
#include "util/utf8.h"

typedef struct ld {
  govopen_framework *fw;
  gv_diags *d;
  const char *src;
  gv_buf path;
  gv_vec nodes, points;
  int oom;
  int total_ok; /* framework.total was given and valid */
} ld;

/* --- diagnostics and paths -------------------------------------------------- */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void err_at(ld *l, const gv_ynode *at, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  gv_diag_vadd(l->d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ESCHEMA, l->src, at ? at->line : 0, at ? at->col : 0,
               gv_buf_str(&l->path), fmt, ap);
  va_end(ap);
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void warn_at(ld *l, const gv_ynode *at, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  gv_diag_vadd(l->d, GOVOPEN_SEVERITY_WARNING, GOVOPEN_ESCHEMA, l->src, at ? at->line : 0, at ? at->col : 0,
               gv_buf_str(&l->path), fmt, ap);
  va_end(ap);
}

static void set_oom(ld *l) {
  if (!l->oom) gv_diag_oom(l->d, l->src);
  l->oom = 1;
}

static size_t path_key(ld *l, const char *key) {
  size_t mark = l->path.len;
  if (mark) gv_buf_putc(&l->path, '.');
  gv_buf_puts(&l->path, key);
  if (l->path.oom) set_oom(l);
  return mark;
}

static size_t path_index(ld *l, size_t i) {
  size_t mark = l->path.len;
  gv_buf_printf(&l->path, "[%zu]", i);
  if (l->path.oom) set_oom(l);
  return mark;
}

static void path_pop(ld *l, size_t mark) { gv_buf_truncate(&l->path, mark); }

/* --- mappings with a fixed set of keys ---------------------------------------- */

typedef struct field {
  const char *key;
  const gv_ynode *key_node, *value;
} field;

/* Matches a mapping's keys against `f`, reporting unknown keys. `what` names
   the mapping in messages. Returns 0 when `m` is not a mapping (reported). */
static int read_fields(ld *l, const gv_ynode *m, field *f, size_t nf, const char *what) {
  for (size_t i = 0; i < nf; i++) f[i].key_node = f[i].value = NULL;
  if (m->kind != GV_YMAP) {
    err_at(l, m, "expected %s (a mapping), found %s", what, gv_ynode_describe(m));
    return 0;
  }
  for (size_t i = 0; i < m->count; i++) {
    const gv_ynode *k = gv_ymap_key(m, i);
    size_t j = 0;
    while (j < nf && !(strlen(f[j].key) == k->len && memcmp(f[j].key, k->text, k->len) == 0)) j++;
    if (j < nf) {
      f[j].key_node = k;
      f[j].value = gv_ymap_value(m, i);
      continue;
    }
    if (memchr(k->text, '\0', k->len) != NULL) {
      err_at(l, k, "the key contains a NUL character");
      continue;
    }
    gv_buf expected = {0};
    for (size_t e = 0; e < nf; e++) {
      if (e) gv_buf_puts(&expected, ", ");
      gv_buf_puts(&expected, f[e].key);
    }
    size_t mark = path_key(l, k->text);
    err_at(l, k, "unknown key '%s' in %s (expected one of: %s)", k->text, what, gv_buf_str(&expected));
    path_pop(l, mark);
    gv_buf_free(&expected);
  }
  return 1;
}

static const field *fld(const field *f, size_t nf, const char *key) {
  for (size_t i = 0; i < nf; i++)
    if (strcmp(f[i].key, key) == 0) return &f[i];
  return NULL;
}

/* --- typed values ---------------------------------------------------------- */

enum { OPTIONAL = 0, REQUIRED = 1 };

static int missing(ld *l, const gv_ynode *map, const field *f, int required, const char *what) {
  if (f->value != NULL) return 0;
  if (required) err_at(l, map, "%s has no '%s' (it is required)", what, f->key);
  return 1;
}

/* Checks a scalar node holds a usable string; reports and returns NULL if not. */
static const char *string_value(ld *l, const gv_ynode *v, int nonempty) {
  if (v->kind != GV_YSCALAR || v->type != GV_YT_STR) {
    if (v->kind == GV_YSCALAR && (v->type == GV_YT_INT || v->type == GV_YT_FLOAT || v->type == GV_YT_BOOL))
      err_at(l, v, "expected a string, found %s (write \"%s\" in quotes)", gv_ynode_describe(v), v->text);
    else
      err_at(l, v, "expected a string, found %s", gv_ynode_describe(v));
    return NULL;
  }
  if (memchr(v->text, '\0', v->len) != NULL) {
    err_at(l, v, "the string contains a NUL character");
    return NULL;
  }
  if (nonempty && gv_utf8_blank(v->text, v->len)) {
    err_at(l, v, "the string is empty");
    return NULL;
  }
  /* The reader passes the text on unchanged; strings are ours to copy. */
  char *s = gv_arena_strndup(&l->fw->arena, v->text, v->len);
  if (s == NULL) set_oom(l);
  return s;
}

/* A string field: `*out` set on success; returns 0 ok or absent, -1 invalid. */
static int get_str(ld *l, const gv_ynode *map, const field *f, int required, int nonempty, const char *what,
                   const char **out) {
  if (missing(l, map, f, required, what)) return required ? -1 : 0;
  size_t mark = path_key(l, f->key);
  const char *s = string_value(l, f->value, nonempty);
  path_pop(l, mark);
  if (s == NULL) return -1;
  *out = s;
  return 0;
}

static int id_syntax_ok(const char *s, size_t len) {
  if (len == 0 || len > 64) return 0;
  unsigned char c0 = (unsigned char)s[0];
  if (!((c0 >= '0' && c0 <= '9') || (c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z'))) return 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    int ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
             c == '_' || c == '-';
    if (!ok) return 0;
  }
  return 1;
}

static int get_id(ld *l, const gv_ynode *map, const field *f, int required, const char *what, const char **out) {
  const char *s = NULL;
  if (get_str(l, map, f, required, 0, what, &s) != 0) return -1;
  if (s == NULL) return 0;
  if (!id_syntax_ok(s, strlen(s))) {
    size_t mark = path_key(l, f->key);
    err_at(l, f->value,
           "invalid id '%s': use 1 to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit",
           s);
    path_pop(l, mark);
    return -1;
  }
  *out = s;
  return 0;
}

static int get_bool(ld *l, const gv_ynode *map, const field *f, const char *what, int *out) {
  if (missing(l, map, f, OPTIONAL, what)) return 0;
  if (f->value->kind != GV_YSCALAR || f->value->type != GV_YT_BOOL) {
    size_t mark = path_key(l, f->key);
    err_at(l, f->value, "expected true or false, found %s", gv_ynode_describe(f->value));
    path_pop(l, mark);
    return -1;
  }
  *out = f->value->text[0] == 't';
  return 0;
}

static int get_int(ld *l, const gv_ynode *map, const field *f, int required, const char *what, int64_t *out) {
  if (missing(l, map, f, required, what)) return required ? -1 : 0;
  size_t mark = path_key(l, f->key);
  int ok = f->value->kind == GV_YSCALAR && f->value->type == GV_YT_INT &&
           gv_parse_int(f->value->text, f->value->len, out) == 0;
  if (!ok) {
    if (f->value->kind == GV_YSCALAR && f->value->type == GV_YT_INT)
      err_at(l, f->value, "the integer %s is out of range", f->value->text);
    else
      err_at(l, f->value, "expected an integer, found %s", gv_ynode_describe(f->value));
  }
  path_pop(l, mark);
  return ok ? 0 : -1;
}

/* A score: a number with at most two decimals. `*given` is set when present. */
static int get_score(ld *l, const gv_ynode *map, const field *f, int required, int allow_negative,
                     const char *what, int64_t *out, int *given) {
  if (given) *given = 0;
  if (missing(l, map, f, required, what)) return required ? -1 : 0;
  size_t mark = path_key(l, f->key);
  const gv_ynode *v = f->value;
  int r = -1;
  if (v->kind != GV_YSCALAR || (v->type != GV_YT_INT && v->type != GV_YT_FLOAT)) {
    err_at(l, v, "expected a number, found %s", gv_ynode_describe(v));
  } else {
    r = gv_parse_cents(v->text, v->len, out);
    if (r == -2)
      err_at(l, v, "the score %s has more than two decimal places", v->text);
    else if (r == -3)
      err_at(l, v, "the score %s is out of range", v->text);
    else if (r != 0)
      err_at(l, v, "the score %s is not a decimal number", v->text);
    else if (*out < 0 && !allow_negative) {
      err_at(l, v, "the score %s is negative", v->text);
      r = -1;
    }
  }
  path_pop(l, mark);
  if (r == 0 && given) *given = 1;
  return r == 0 ? 0 : -1;
}

/* Where each item of a string list came from: its node and its index in the
   sequence, so later checks of one item report it at its own place even
   when other items were invalid and skipped. */
typedef struct list_pos {
  const gv_ynode **nodes;
  size_t *index;
} list_pos;

/* A list of strings (a single string is accepted where `single_ok`).
   Invalid items are reported and left out; `pos` (may be NULL) tells where
   the kept ones came from. Returns -1 when anything was invalid. */
static int get_strlist(ld *l, const gv_ynode *map, const field *f, int required, int single_ok, const char *what,
                       gv_strlist *out, list_pos *pos) {
  out->items = NULL;
  out->count = 0;
  if (pos) pos->nodes = NULL, pos->index = NULL;
  if (missing(l, map, f, required, what)) return required ? -1 : 0;
  size_t mark = path_key(l, f->key);
  const gv_ynode *v = f->value;
  int status = 0;
  if (single_ok && v->kind == GV_YSCALAR) {
    const char *s = string_value(l, v, 1);
    out->items = gv_arena_array(&l->fw->arena, 1, sizeof(char *));
    if (pos) {
      pos->nodes = gv_arena_array(&l->fw->arena, 1, sizeof(gv_ynode *));
      pos->index = gv_arena_array(&l->fw->arena, 1, sizeof(size_t));
      if (pos->nodes == NULL || pos->index == NULL) set_oom(l);
    }
    if (s && out->items && (pos == NULL || pos->nodes)) {
      out->items[0] = s;
      if (pos) pos->nodes[0] = v, pos->index[0] = 0;
      out->count = 1;
    } else {
      status = -1;
    }
  } else if (v->kind != GV_YSEQ) {
    err_at(l, v, "expected a list of strings, found %s", gv_ynode_describe(v));
    status = -1;
  } else if (v->count == 0 && required) {
    err_at(l, v, "the list is empty");
    status = -1;
  } else {
    out->items = gv_arena_array(&l->fw->arena, v->count, sizeof(char *));
    if (pos) {
      pos->nodes = gv_arena_array(&l->fw->arena, v->count, sizeof(gv_ynode *));
      pos->index = gv_arena_array(&l->fw->arena, v->count, sizeof(size_t));
    }
    int ok = out->items && (pos == NULL || (pos->nodes && pos->index));
    if (!ok && v->count) set_oom(l);
    for (size_t i = 0; ok && i < v->count; i++) {
      size_t m2 = path_index(l, i);
      const char *s = string_value(l, v->items[i], 1);
      path_pop(l, m2);
      if (s == NULL) {
        status = -1;
        continue;
      }
      if (pos) pos->nodes[out->count] = v->items[i], pos->index[out->count] = i;
      out->items[out->count++] = s;
    }
  }
  path_pop(l, mark);
  return status;
}

/* --- the shared namespace of units and groups --------------------------------- */

/* Registers `key` for a unit or group; `field_key` ("id", "name"), when not
   NULL, extends the path to the field that declares it. */
static void name_register(ld *l, const char *key, const char *field_key, const gv_ynode *at, const govopen_unit *u,
                          const govopen_group *g, int is_id) {
  gv_nameref *r = gv_arena_alloc(&l->fw->arena, sizeof *r);
  if (r == NULL) {
    set_oom(l);
    return;
  }
  r->unit = u;
  r->group = g;
  r->is_id = is_id;
  r->line = at->line;
  r->col = at->col;
  void *old = NULL;
  int res = gv_hmap_put(&l->fw->names, key, strlen(key), r, &old);
  if (res < 0) {
    set_oom(l);
  } else if (res == 0) {
    const gv_nameref *o = old;
    size_t mark = field_key ? path_key(l, field_key) : l->path.len;
    err_at(l, at, "'%s' is already used as the %s of %s '%s' at line %u, column %u", key,
           o->is_id ? "id" : "name or alias", o->unit ? "unit" : "group", o->unit ? o->unit->id : o->group->id,
           o->line, o->col);
    path_pop(l, mark);
  }
}

/* Registers the aliases that were read, each at its own place. */
static void register_aliases(ld *l, const gv_strlist *list, const list_pos *pos, const govopen_unit *u,
                             const govopen_group *g) {
  if (list->count == 0) return;
  size_t mark = path_key(l, "aliases");
  for (size_t k = 0; k < list->count; k++) {
    size_t m2 = path_index(l, pos->index[k]);
    name_register(l, list->items[k], NULL, pos->nodes[k], u, g, 0);
    path_pop(l, m2);
  }
  path_pop(l, mark);
}

/* --- top-level sections ------------------------------------------------------ */

static void read_meta(ld *l, const gv_ynode *m) {
  govopen_framework *fw = l->fw;
  field f[] = {{"id", 0, 0},       {"title", 0, 0},    {"region", 0, 0}, {"year", 0, 0},
               {"total", 0, 0},    {"calendar", 0, 0}, {"source", 0, 0}, {"note", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  if (!read_fields(l, m, f, nf, "the framework's metadata")) return;
  const char *what = "the framework's metadata";
  get_id(l, m, fld(f, nf, "id"), REQUIRED, what, &fw->id);
  get_str(l, m, fld(f, nf, "title"), REQUIRED, 1, what, &fw->title);
  get_str(l, m, fld(f, nf, "region"), OPTIONAL, 1, what, &fw->region);
  int64_t year = 0;
  if (get_int(l, m, fld(f, nf, "year"), OPTIONAL, what, &year) == 0 && fld(f, nf, "year")->value) {
    if (year < 1949 || year > 9999) {
      size_t mark = path_key(l, "year");
      err_at(l, fld(f, nf, "year")->value, "the year %lld is out of range (1949 to 9999)", (long long)year);
      path_pop(l, mark);
    } else {
      fw->year = (int)year;
    }
  }
  int given = 0;
  if (fld(f, nf, "total")->value) {
    fw->root.score_line = fld(f, nf, "total")->value->line;
    fw->root.score_col = fld(f, nf, "total")->value->col;
  }
  if (get_score(l, m, fld(f, nf, "total"), REQUIRED, 0, what, &fw->total, &given) == 0) {
    if (fw->total == 0) {
      size_t mark = path_key(l, "total");
      err_at(l, fld(f, nf, "total")->value, "the total must be greater than 0");
      path_pop(l, mark);
    } else {
      l->total_ok = 1;
    }
  }
  get_id(l, m, fld(f, nf, "calendar"), OPTIONAL, what, &fw->calendar);
  get_strlist(l, m, fld(f, nf, "source"), OPTIONAL, 1, what, &fw->provenance, NULL);
  get_str(l, m, fld(f, nf, "note"), OPTIONAL, 0, what, &fw->note);
}

static void read_methods(ld *l, const gv_ynode *v) {
  govopen_framework *fw = l->fw;
  size_t extra = v && v->kind == GV_YSEQ ? v->count : 0;
  fw->methods.items = gv_arena_array(&fw->arena, gv_known_method_count + extra, sizeof(char *));
  if (fw->methods.items == NULL) {
    set_oom(l);
    return;
  }
  for (size_t i = 0; i < gv_known_method_count; i++) {
    const char *s = gv_known_methods[i];
    fw->methods.items[fw->methods.count++] = s;
    if (gv_hmap_put(&fw->methods_map, s, strlen(s), (void *)s, NULL) < 0) set_oom(l);
  }
  if (v == NULL) return;
  size_t mark = path_key(l, "sampling_methods");
  if (v->kind != GV_YSEQ) {
    err_at(l, v, "expected a list of sampling method names, found %s", gv_ynode_describe(v));
  } else {
    for (size_t i = 0; i < v->count; i++) {
      size_t m2 = path_index(l, i);
      const char *s = string_value(l, v->items[i], 1);
      if (s) {
        int r = gv_hmap_put(&fw->methods_map, s, strlen(s), (void *)s, NULL);
        if (r < 0)
          set_oom(l);
        else if (r == 0)
          err_at(l, v->items[i], "the sampling method '%s' is already known", s);
        else
          fw->methods.items[fw->methods.count++] = s;
      }
      path_pop(l, m2);
    }
  }
  path_pop(l, mark);
}

static void read_unit(ld *l, const gv_ynode *m, govopen_unit *u) {
  field f[] = {{"id", 0, 0}, {"name", 0, 0}, {"kind", 0, 0}, {"aliases", 0, 0}, {"code", 0, 0}, {"note", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  u->line = m->line;
  u->col = m->col;
  u->kind = GOVOPEN_UNIT_OTHER;
  if (!read_fields(l, m, f, nf, "a unit")) return;
  get_id(l, m, fld(f, nf, "id"), REQUIRED, "a unit", &u->id);
  get_str(l, m, fld(f, nf, "name"), REQUIRED, 1, "a unit", &u->name);
  const char *kind = NULL;
  if (get_str(l, m, fld(f, nf, "kind"), REQUIRED, 1, "a unit", &kind) == 0 && kind) {
    int k = gv_unit_kind_from_name(kind, strlen(kind));
    if (k < 0) {
      size_t mark = path_key(l, "kind");
      err_at(l, fld(f, nf, "kind")->value,
             "unknown unit kind '%s' (expected town, department, institution, party-org or other)", kind);
      path_pop(l, mark);
    } else {
      u->kind = k;
    }
  }
  list_pos alias_pos;
  get_strlist(l, m, fld(f, nf, "aliases"), OPTIONAL, 0, "a unit", &u->aliases, &alias_pos);
  get_str(l, m, fld(f, nf, "code"), OPTIONAL, 1, "a unit", &u->code);
  get_str(l, m, fld(f, nf, "note"), OPTIONAL, 0, "a unit", &u->note);
  if (u->id) name_register(l, u->id, "id", fld(f, nf, "id")->value, u, NULL, 1);
  if (u->name) name_register(l, u->name, "name", fld(f, nf, "name")->value, u, NULL, 0);
  register_aliases(l, &u->aliases, &alias_pos, u, NULL);
  if (u->id == NULL) u->id = "";
  if (u->name == NULL) u->name = "";
}

static void read_units(ld *l, const gv_ynode *v, const gv_ynode *top) {
  govopen_framework *fw = l->fw;
  if (v == NULL) {
    err_at(l, top, "the framework has no 'units' (it is required)");
    return;
  }
  size_t mark = path_key(l, "units");
  if (v->kind != GV_YSEQ || v->count == 0) {
    err_at(l, v, v->kind != GV_YSEQ ? "expected a list of units, found %s" : "the list of units is empty%s",
           v->kind != GV_YSEQ ? gv_ynode_describe(v) : "");
  } else {
    fw->units = gv_arena_array(&fw->arena, v->count, sizeof(govopen_unit));
    if (fw->units == NULL) set_oom(l);
    for (size_t i = 0; fw->units && i < v->count; i++) {
      size_t m2 = path_index(l, i);
      govopen_unit *u = &fw->units[fw->unit_count];
      u->index = fw->unit_count++;
      read_unit(l, v->items[i], u);
      path_pop(l, m2);
    }
  }
  path_pop(l, mark);
}

static const gv_nameref *name_lookup(ld *l, const char *key) {
  return gv_hmap_get(&l->fw->names, key, strlen(key));
}

static void read_group(ld *l, const gv_ynode *m, govopen_group *g) {
  govopen_framework *fw = l->fw;
  field f[] = {{"id", 0, 0},      {"name", 0, 0}, {"aliases", 0, 0}, {"kinds", 0, 0},
               {"members", 0, 0}, {"open", 0, 0}, {"note", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  g->line = m->line;
  g->col = m->col;
  g->id = g->name = "";
  if (!read_fields(l, m, f, nf, "a group")) return;
  const char *id = NULL, *name = NULL;
  get_id(l, m, fld(f, nf, "id"), REQUIRED, "a group", &id);
  get_str(l, m, fld(f, nf, "name"), REQUIRED, 1, "a group", &name);
  list_pos alias_pos;
  get_strlist(l, m, fld(f, nf, "aliases"), OPTIONAL, 0, "a group", &g->aliases, &alias_pos);
  get_bool(l, m, fld(f, nf, "open"), "a group", &g->open);
  get_str(l, m, fld(f, nf, "note"), OPTIONAL, 0, "a group", &g->note);
  if (id) {
    g->id = id;
    name_register(l, id, "id", fld(f, nf, "id")->value, NULL, g, 1);
  }
  if (name) {
    g->name = name;
    name_register(l, name, "name", fld(f, nf, "name")->value, NULL, g, 0);
  }
  register_aliases(l, &g->aliases, &alias_pos, NULL, g);

  gv_strlist kinds = {0}, members = {0};
  const field *fk = fld(f, nf, "kinds"), *fm = fld(f, nf, "members");
  list_pos kinds_pos, members_pos;
  get_strlist(l, m, fk, OPTIONAL, 0, "a group", &kinds, &kinds_pos);
  get_strlist(l, m, fm, OPTIONAL, 0, "a group", &members, &members_pos);
  for (size_t i = 0; i < kinds.count; i++) {
    int k = gv_unit_kind_from_name(kinds.items[i], strlen(kinds.items[i]));
    if (k < 0) {
      size_t mark = path_key(l, "kinds");
      size_t m2 = path_index(l, kinds_pos.index[i]);
      err_at(l, kinds_pos.nodes[i],
             "unknown unit kind '%s' (expected town, department, institution, party-org or other)", kinds.items[i]);
      path_pop(l, m2);
      path_pop(l, mark);
    } else {
      g->kinds |= 1u << k;
    }
  }
  if (!fk->value && !fm->value && !g->open)
    err_at(l, m, "the group '%s' has no members: give 'kinds', 'members' or 'open: true'", g->name);

  /* Members: units of the kinds, in unit order, then the listed ones. */
  g->members = gv_arena_array(&fw->arena, fw->unit_count + members.count + 1, sizeof(govopen_unit *));
  if (g->members == NULL) {
    set_oom(l);
    return;
  }
  gv_hmap seen = {0};
  for (size_t i = 0; i < fw->unit_count; i++) {
    const govopen_unit *u = &fw->units[i];
    if (g->kinds & (1u << u->kind)) {
      g->members[g->member_count++] = u;
      if (gv_hmap_put(&seen, u->id, strlen(u->id), (void *)u, NULL) < 0) set_oom(l);
    }
  }
  for (size_t i = 0; i < members.count; i++) {
    const gv_nameref *r = name_lookup(l, members.items[i]);
    size_t mark = path_key(l, "members");
    size_t m2 = path_index(l, members_pos.index[i]);
    if (r == NULL || r->unit == NULL) {
      err_at(l, members_pos.nodes[i], r ? "'%s' is a group; a group's members are units" : "unknown unit '%s'",
             members.items[i]);
    } else {
      int res = gv_hmap_put(&seen, r->unit->id, strlen(r->unit->id), (void *)r->unit, NULL);
      if (res < 0)
        set_oom(l);
      else if (res == 0)
        err_at(l, members_pos.nodes[i], "the unit '%s' is already a member of the group", members.items[i]);
      else
        g->members[g->member_count++] = r->unit;
    }
    path_pop(l, m2);
    path_pop(l, mark);
  }
  gv_hmap_free(&seen);
}

static void read_groups(ld *l, const gv_ynode *v) {
  govopen_framework *fw = l->fw;
  if (v == NULL) return;
  size_t mark = path_key(l, "groups");
  if (v->kind != GV_YSEQ) {
    err_at(l, v, "expected a list of groups, found %s", gv_ynode_describe(v));
  } else if (v->count) {
    fw->groups = gv_arena_array(&fw->arena, v->count, sizeof(govopen_group));
    if (fw->groups == NULL) set_oom(l);
    for (size_t i = 0; fw->groups && i < v->count; i++) {
      size_t m2 = path_index(l, i);
      govopen_group *g = &fw->groups[fw->group_count];
      g->index = fw->group_count++;
      read_group(l, v->items[i], g);
      if (g->open)
        warn_at(l, v->items[i],
                "the group '%s' is open: the county sets its members; points naming it cover only the %zu unit%s "
                "listed",
                g->name, g->member_count, g->member_count == 1 ? "" : "s");
      path_pop(l, m2);
    }
  }
  path_pop(l, mark);
}

/* --- indicators and points ---------------------------------------------------- */

/* Scores not given are split equally from what the given ones leave,
   rounded to hundredths (halves up), the remainder on the last derived one.
   Should rounding up leave the last one negative (only when less than a
   hundredth per item remains), the split rounds down instead. */
static void split_scores(int64_t parent, int64_t *scores, const int *given, size_t n, size_t derived_count,
                         int64_t given_sum) {
  if (derived_count == 0) return;
  int64_t rem = parent - given_sum;
  int64_t m = (int64_t)derived_count;
  int64_t each = (2 * rem + m) / (2 * m);
  if (rem - (m - 1) * each < 0) each = rem / m;
  size_t seen = 0;
  for (size_t i = 0; i < n; i++) {
    if (given[i]) continue;
    scores[i] = ++seen == derived_count ? rem - (m - 1) * each : each;
  }
}

static void fmt_cents(char *buf, size_t size, int64_t c) {
  const char *sign = c < 0 ? "-" : "";
  int64_t a = c < 0 ? -c : c;
  snprintf(buf, size, "%s%lld.%02lld", sign, (long long)(a / 100), (long long)(a % 100));
}

/* Derives missing maxima of `n` items under a parent worth `parent` and
   checks they add up. `score_of`/`set` work on nodes or points alike. */
typedef struct item_ref {
  int64_t *score;
  int *derived;
} item_ref;

/* `items` (`what`, e.g. "the children's maxima") sit under a parent worth
   `parent` (`whose`, e.g. "the indicator's maximum"); errors go to `at`. */
static int settle_scores(ld *l, const gv_ynode *at, int aggregate, int64_t parent, item_ref *items, size_t n,
                         const char *what, const char *whose) {
  int64_t given_sum = 0;
  size_t derived_count = 0;
  int64_t *scores = malloc((n ? n : 1) * sizeof *scores);
  int *given = malloc((n ? n : 1) * sizeof *given);
  if (scores == NULL || given == NULL) {
    free(scores);
    free(given);
    set_oom(l);
    return -1;
  }
  int status = -1;
  for (size_t i = 0; i < n; i++) {
    given[i] = !*items[i].derived;
    scores[i] = *items[i].score;
    if (given[i])
      given_sum += scores[i];
    else
      derived_count++;
  }
  char a[32], b[32];
  fmt_cents(a, sizeof a, given_sum);
  fmt_cents(b, sizeof b, parent);
  if (derived_count && given_sum >= parent && (aggregate == GOVOPEN_AGGREGATE_SUM || given_sum > parent)) {
    err_at(l, at, "%s that are given add up to %s, leaving nothing of %s %s to derive the others from", what, a,
           whose, b);
  } else if (derived_count == 0 && aggregate == GOVOPEN_AGGREGATE_SUM && given_sum != parent) {
    err_at(l, at, "%s add up to %s, not %s %s", what, a, whose, b);
  } else if (derived_count == 0 && given_sum == 0 && aggregate == GOVOPEN_AGGREGATE_SCALE) {
    err_at(l, at, "%s add up to 0: there is nothing to scale", what);
  } else {
    split_scores(parent, scores, given, n, derived_count, given_sum);
    for (size_t i = 0; i < n; i++) *items[i].score = scores[i];
    status = 0;
  }
  free(scores);
  free(given);
  return status;
}

static void read_point(ld *l, const gv_ynode *m, govopen_point *p) {
  govopen_framework *fw = l->fw;
  field f[] = {{"id", 0, 0},   {"text", 0, 0},   {"score", 0, 0}, {"sampling", 0, 0}, {"responsible", 0, 0},
               {"rule", 0, 0}, {"source", 0, 0}, {"note", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  p->line = m->line;
  p->col = m->col;
  p->id = p->text = "";
  p->derived = 1;
  if (!read_fields(l, m, f, nf, "a point")) return;
  const char *what = "a point";
  const char *id = NULL;
  if (get_id(l, m, fld(f, nf, "id"), REQUIRED, what, &id) == 0 && id) {
    p->id = id;
    void *old = NULL;
    int r = gv_hmap_put(&fw->point_ids, id, strlen(id), p, &old);
    if (r < 0) {
      set_oom(l);
    } else if (r == 0) {
      const govopen_point *o = old;
      size_t mark = path_key(l, "id");
      err_at(l, fld(f, nf, "id")->value, "duplicate point id '%s' (first at line %u, column %u)", id, o->line,
             o->col);
      path_pop(l, mark);
    }
  }
  get_str(l, m, fld(f, nf, "text"), REQUIRED, 1, what, &p->text);
  int given = 0;
  if (get_score(l, m, fld(f, nf, "score"), OPTIONAL, 0, what, &p->score, &given) == 0) p->derived = !given;
  get_strlist(l, m, fld(f, nf, "source"), OPTIONAL, 1, what, &p->provenance, NULL);
  get_str(l, m, fld(f, nf, "note"), OPTIONAL, 0, what, &p->note);

  /* Sampling methods, interned to the framework's own strings. */
  const field *fs = fld(f, nf, "sampling");
  list_pos spos;
  get_strlist(l, m, fs, REQUIRED, 0, what, &p->sampling, &spos);
  if (p->sampling.count) {
    size_t mark = path_key(l, "sampling");
    for (size_t i = 0; i < p->sampling.count; i++) {
      const char *known = gv_hmap_get(&fw->methods_map, p->sampling.items[i], strlen(p->sampling.items[i]));
      size_t m2 = path_index(l, spos.index[i]);
      if (known == NULL)
        err_at(l, spos.nodes[i],
               "unknown sampling method '%s' (declare it under 'sampling_methods' if the county uses it)",
               p->sampling.items[i]);
      else
        p->sampling.items[i] = known;
      for (size_t k = 0; known && k < i; k++)
        if (p->sampling.items[k] == known) err_at(l, spos.nodes[i], "the sampling method '%s' is listed twice", known);
      path_pop(l, m2);
    }
    path_pop(l, mark);
  }

  /* Responsible entries as written, and their expansion into units. */
  gv_strlist written = {0};
  const field *fr = fld(f, nf, "responsible");
  list_pos rpos;
  get_strlist(l, m, fr, REQUIRED, 0, what, &written, &rpos);
  if (written.count) {
    p->entries = gv_arena_array(&fw->arena, written.count, sizeof(gv_entry));
    gv_vec units = {0};
    gv_hmap seen = {0};
    size_t mark = path_key(l, "responsible");
    for (size_t i = 0; p->entries && i < written.count; i++) {
      const gv_nameref *r = name_lookup(l, written.items[i]);
      size_t m2 = path_index(l, rpos.index[i]);
      if (r == NULL) {
        err_at(l, rpos.nodes[i], "unknown unit or group '%s'", written.items[i]);
      } else {
        for (size_t k = 0; k < p->entry_count; k++)
          if ((r->unit && p->entries[k].unit == r->unit) || (r->group && p->entries[k].group == r->group))
            err_at(l, rpos.nodes[i], "'%s' is listed twice", written.items[i]);
        gv_entry *e = &p->entries[p->entry_count++];
        e->written = written.items[i];
        e->unit = r->unit;
        e->group = r->group;
        size_t nu = r->unit ? 1 : r->group->member_count;
        if (r->group && r->group->open) p->has_open_group = 1;
        for (size_t k = 0; k < nu; k++) {
          const govopen_unit *u = r->unit ? r->unit : r->group->members[k];
          int res = gv_hmap_put(&seen, u->id, strlen(u->id), (void *)u, NULL);
          if (res < 0 || (res == 1 && gv_vec_push(&units, (void *)u) != 0)) set_oom(l);
        }
      }
      path_pop(l, m2);
    }
    path_pop(l, mark);
    if (p->entries == NULL) set_oom(l);
    if (units.len) {
      p->units = gv_arena_array(&fw->arena, units.len, sizeof(govopen_unit *));
      if (p->units == NULL)
        set_oom(l);
      else {
        memcpy((void *)p->units, units.items, units.len * sizeof(govopen_unit *));
        p->unit_count = units.len;
      }
    }
    gv_vec_free(&units);
    gv_hmap_free(&seen);
  }

  /* The rule block: validated here as present with a kind; compiled later. */
  const field *frule = fld(f, nf, "rule");
  if (frule->value) {
    size_t mark = path_key(l, "rule");
    if (frule->value->kind != GV_YMAP) {
      err_at(l, frule->value, "expected a rule (a mapping with a 'kind'), found %s", gv_ynode_describe(frule->value));
    } else {
      const gv_ynode *kind = NULL;
      for (size_t i = 0; i < frule->value->count; i++)
        if (strcmp(gv_ymap_key(frule->value, i)->text, "kind") == 0) kind = gv_ymap_value(frule->value, i);
      if (kind == NULL) {
        err_at(l, frule->value, "the rule has no 'kind' (it is required)");
      } else {
        size_t m2 = path_key(l, "kind");
        p->rule_kind = string_value(l, kind, 1);
        path_pop(l, m2);
        p->rule = gv_ynode_copy(&fw->arena, frule->value);
        if (p->rule == NULL) set_oom(l);
      }
    }
    path_pop(l, mark);
  }
}

static const char *const aggregate_names[] = {"sum", "cap", "scale"};

static govopen_node *read_node(ld *l, const gv_ynode *m, govopen_node *parent, size_t position);

/* Reads the `children` or `points` list of `n`, then settles their maxima. */
static void read_node_items(ld *l, govopen_node *n, const field *fc, const field *fp, const gv_ynode *at) {
  govopen_framework *fw = l->fw;
  if (fc->value && fp->value) {
    err_at(l, at, "an indicator holds either 'children' or 'points', not both");
    return;
  }
  if (!fc->value && !fp->value) {
    err_at(l, at, "the indicator '%s' has neither 'children' nor 'points'", n->title ? n->title : "");
    return;
  }
  const field *fl = fc->value ? fc : fp;
  int points = fl == fp;
  size_t mark = path_key(l, fl->key);
  const gv_ynode *v = fl->value;
  if (v->kind != GV_YSEQ || v->count == 0) {
    if (v->kind != GV_YSEQ)
      err_at(l, v, "expected a list of %s, found %s", points ? "points" : "indicators", gv_ynode_describe(v));
    else
      err_at(l, v, "the list of %s is empty", points ? "points" : "indicators");
    path_pop(l, mark);
    return;
  }
  item_ref *refs = calloc(v->count, sizeof *refs);
  void **arr = gv_arena_array(&fw->arena, v->count, sizeof(void *));
  if (refs == NULL || arr == NULL) {
    free(refs);
    set_oom(l);
    path_pop(l, mark);
    return;
  }
  size_t count = 0;
  for (size_t i = 0; i < v->count; i++) {
    size_t m2 = path_index(l, i);
    if (points) {
      govopen_point *p = gv_arena_alloc(&fw->arena, sizeof *p);
      if (p == NULL || gv_vec_push(&l->points, p) != 0) {
        set_oom(l);
      } else {
        p->node = n;
        read_point(l, v->items[i], p);
        arr[count] = p;
        refs[count].score = &p->score;
        refs[count].derived = &p->derived;
        count++;
      }
    } else {
      govopen_node *c = read_node(l, v->items[i], n, i);
      if (c) {
        arr[count] = c;
        refs[count].score = &c->score;
        refs[count].derived = &c->derived;
        count++;
      }
    }
    path_pop(l, m2);
  }
  path_pop(l, mark);
  if (points) {
    n->points = (govopen_point **)arr;
    n->point_count = count;
  } else {
    n->children = (govopen_node **)arr;
    n->child_count = count;
  }
  free(refs);
}

/* Settles the maxima below `n` (whose document path is `path`) top-down:
   a parent's maximum is known before its children's are derived. Recursion
   is bounded by the YAML depth limit. */
static void settle_tree(ld *l, govopen_node *n, const char *path) {
  size_t count = n->child_count ? n->child_count : n->point_count;
  if (count == 0 || n->unsettled) return;
  item_ref *refs = calloc(count, sizeof *refs);
  if (refs == NULL) {
    set_oom(l);
    return;
  }
  for (size_t i = 0; i < count; i++) {
    if (n->child_count) {
      refs[i].score = &n->children[i]->score;
      refs[i].derived = &n->children[i]->derived;
    } else {
      refs[i].score = &n->points[i]->score;
      refs[i].derived = &n->points[i]->derived;
    }
  }
  gv_ynode at = {0};
  at.line = n->score_line;
  at.col = n->score_col;
  gv_buf_truncate(&l->path, 0);
  gv_buf_puts(&l->path, n->depth == 0 ? "framework.total" : path);
  if (n->depth > 0 && !n->derived) gv_buf_puts(&l->path, ".score");
  int r;
  if (n->depth == 0 && !l->total_ok)
    r = -1; /* the total is missing or invalid, which was reported: nothing to check against */
  else if (n->depth == 0)
    r = settle_scores(l, &at, GOVOPEN_AGGREGATE_SUM, n->score, refs, count, "the level-1 indicators' maxima",
                      "the total");
  else
    r = settle_scores(l, &at, n->aggregate, n->score, refs, count,
                      n->child_count ? "the children's maxima" : "the points' maxima", "the indicator's maximum");
  gv_buf_truncate(&l->path, 0);
  /* Children whose maxima could not be derived are not checked further:
     any error below them would only echo this one. */
  for (size_t i = 0; r != 0 && i < n->child_count; i++)
    if (n->children[i]->derived) n->children[i]->unsettled = 1;
  free(refs);
  for (size_t i = 0; i < n->child_count; i++) {
    gv_buf p = {0};
    if (n->depth == 0)
      gv_buf_printf(&p, "indicators[%zu]", i);
    else
      gv_buf_printf(&p, "%s.children[%zu]", path, i);
    if (p.oom)
      set_oom(l);
    else
      settle_tree(l, n->children[i], gv_buf_str(&p));
    gv_buf_free(&p);
  }
}

static govopen_node *read_node(ld *l, const gv_ynode *m, govopen_node *parent, size_t position) {
  govopen_framework *fw = l->fw;
  govopen_node *n = gv_arena_alloc(&fw->arena, sizeof *n);
  if (n == NULL || gv_vec_push(&l->nodes, n) != 0) {
    set_oom(l);
    return NULL;
  }
  n->parent = parent;
  n->depth = parent->depth + 1;
  n->line = m->line;
  n->col = m->col;
  n->derived = 1;
  n->title = "";
  n->score_line = m->line;
  n->score_col = m->col;
  field f[] = {{"id", 0, 0},       {"label", 0, 0},  {"title", 0, 0},  {"score", 0, 0}, {"aggregate", 0, 0},
               {"children", 0, 0}, {"points", 0, 0}, {"source", 0, 0}, {"note", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  /* The default id is the dotted position, so it exists even when the node is broken. */
  gv_buf id = {0};
  if (parent->depth == 0)
    gv_buf_printf(&id, "%zu", position + 1);
  else
    gv_buf_printf(&id, "%s.%zu", parent->id, position + 1);
  n->id = id.oom ? NULL : gv_arena_strdup(&fw->arena, gv_buf_str(&id));
  gv_buf_free(&id);
  if (n->id == NULL) {
    set_oom(l);
    return NULL;
  }
  if (!read_fields(l, m, f, nf, "an indicator")) return n;
  const char *what = "an indicator";
  const char *explicit_id = NULL;
  const field *fid = fld(f, nf, "id");
  if (get_id(l, m, fid, OPTIONAL, what, &explicit_id) == 0 && explicit_id) n->id = explicit_id;
  void *old = NULL;
  int r = gv_hmap_put(&fw->node_ids, n->id, strlen(n->id), n, &old);
  if (r < 0) {
    set_oom(l);
  } else if (r == 0) {
    const govopen_node *o = old;
    size_t mark = fid->value ? path_key(l, "id") : l->path.len;
    err_at(l, fid->value ? fid->value : m, "duplicate indicator id '%s' (first at line %u, column %u)", n->id,
           o->line, o->col);
    path_pop(l, mark);
  }
  get_str(l, m, fld(f, nf, "label"), OPTIONAL, 1, what, &n->label);
  get_str(l, m, fld(f, nf, "title"), REQUIRED, 1, what, &n->title);
  int given = 0;
  if (get_score(l, m, fld(f, nf, "score"), OPTIONAL, 0, what, &n->score, &given) == 0) n->derived = !given;
  if (given) {
    n->score_line = fld(f, nf, "score")->value->line;
    n->score_col = fld(f, nf, "score")->value->col;
  }
  const char *agg = NULL;
  const field *fa = fld(f, nf, "aggregate");
  if (get_str(l, m, fa, OPTIONAL, 1, what, &agg) == 0 && agg) {
    size_t k = 0;
    while (k < 3 && strcmp(aggregate_names[k], agg) != 0) k++;
    if (k == 3) {
      size_t mark = path_key(l, "aggregate");
      err_at(l, fa->value, "unknown aggregation '%s' (expected sum, cap or scale)", agg);
      path_pop(l, mark);
    } else {
      n->aggregate = (int)k;
    }
  }
  get_strlist(l, m, fld(f, nf, "source"), OPTIONAL, 1, what, &n->provenance, NULL);
  get_str(l, m, fld(f, nf, "note"), OPTIONAL, 0, what, &n->note);
  read_node_items(l, n, fld(f, nf, "children"), fld(f, nf, "points"), m);
  return n;
}

static void read_indicators(ld *l, const gv_ynode *v, const gv_ynode *top) {
  govopen_framework *fw = l->fw;
  fw->root.index = (size_t)-1;
  fw->root.id = "";
  fw->root.title = fw->title ? fw->title : "";
  fw->root.score = fw->total;
  fw->root.line = top->line;
  fw->root.col = top->col;
  if (fw->root.score_line == 0) {
    fw->root.score_line = top->line;
    fw->root.score_col = top->col;
  }
  if (v == NULL) {
    err_at(l, top, "the framework has no 'indicators' (it is required)");
    return;
  }
  field fc = {"indicators", top, v}, fp = {"points", NULL, NULL};
  /* The root's children are the `indicators` list; reuse the node reader's list logic. */
  size_t saved = l->path.len;
  gv_buf_truncate(&l->path, 0);
  read_node_items(l, &fw->root, &fc, &fp, top);
  gv_buf_truncate(&l->path, saved);
}

static void read_adjustments(ld *l, const gv_ynode *v) {
  govopen_framework *fw = l->fw;
  if (v == NULL) return;
  size_t mark = path_key(l, "adjustments");
  if (v->kind != GV_YSEQ) {
    err_at(l, v, "expected a list of adjustments, found %s", gv_ynode_describe(v));
  } else if (v->count) {
    fw->adjustments = gv_arena_array(&fw->arena, v->count, sizeof(gv_adjustment));
    if (fw->adjustments == NULL) set_oom(l);
    gv_hmap ids = {0};
    for (size_t i = 0; fw->adjustments && i < v->count; i++) {
      size_t m2 = path_index(l, i);
      const gv_ynode *m = v->items[i];
      gv_adjustment *a = &fw->adjustments[fw->adjustment_count++];
      a->id = a->text = "";
      field f[] = {{"id", 0, 0}, {"delta", 0, 0}, {"text", 0, 0}, {"source", 0, 0}, {"note", 0, 0}};
      const size_t nf = sizeof f / sizeof f[0];
      if (read_fields(l, m, f, nf, "an adjustment")) {
        const char *what = "an adjustment";
        if (get_id(l, m, fld(f, nf, "id"), REQUIRED, what, &a->id) == 0 && a->id[0]) {
          int r = gv_hmap_put(&ids, a->id, strlen(a->id), (void *)fld(f, nf, "id")->value, NULL);
          if (r < 0) set_oom(l);
          if (r == 0) {
            size_t m3 = path_key(l, "id");
            err_at(l, fld(f, nf, "id")->value, "duplicate adjustment id '%s'", a->id);
            path_pop(l, m3);
          }
        }
        if (get_score(l, m, fld(f, nf, "delta"), REQUIRED, 1, what, &a->delta, NULL) == 0 && a->delta == 0) {
          size_t m3 = path_key(l, "delta");
          err_at(l, fld(f, nf, "delta")->value, "an adjustment's delta must not be 0");
          path_pop(l, m3);
        }
        get_str(l, m, fld(f, nf, "text"), REQUIRED, 1, what, &a->text);
        get_strlist(l, m, fld(f, nf, "source"), OPTIONAL, 1, what, &a->provenance, NULL);
        get_str(l, m, fld(f, nf, "note"), OPTIONAL, 0, what, &a->note);
      }
      path_pop(l, m2);
    }
    gv_hmap_free(&ids);
  }
  path_pop(l, mark);
}

static void read_grades(ld *l, const gv_ynode *v) {
  govopen_framework *fw = l->fw;
  if (v == NULL) return;
  size_t mark = path_key(l, "grades");
  if (v->kind != GV_YSEQ) {
    err_at(l, v, "expected a list of grades, found %s", gv_ynode_describe(v));
  } else if (v->count) {
    fw->grades = gv_arena_array(&fw->arena, v->count, sizeof(gv_grade));
    if (fw->grades == NULL) set_oom(l);
    for (size_t i = 0; fw->grades && i < v->count; i++) {
      size_t m2 = path_index(l, i);
      const gv_ynode *m = v->items[i];
      gv_grade *g = &fw->grades[fw->grade_count];
      g->name = "";
      field f[] = {{"name", 0, 0}, {"min", 0, 0}};
      if (read_fields(l, m, f, 2, "a grade")) {
        get_str(l, m, &f[0], REQUIRED, 1, "a grade", &g->name);
        if (get_score(l, m, &f[1], REQUIRED, 0, "a grade", &g->min, NULL) == 0) {
          size_t m3 = path_key(l, "min");
          char a[32], b[32];
          if (g->min > fw->total) {
            fmt_cents(a, sizeof a, g->min);
            fmt_cents(b, sizeof b, fw->total);
            err_at(l, f[1].value, "the grade's minimum %s is above the total %s", a, b);
          } else if (fw->grade_count && g->min >= fw->grades[fw->grade_count - 1].min) {
            fmt_cents(a, sizeof a, g->min);
            fmt_cents(b, sizeof b, fw->grades[fw->grade_count - 1].min);
            err_at(l, f[1].value, "grades go from the highest band down: %s is not below the previous minimum %s", a,
                   b);
          }
          path_pop(l, m3);
        }
        for (size_t k = 0; k < fw->grade_count; k++)
          if (g->name[0] && strcmp(fw->grades[k].name, g->name) == 0) {
            size_t m3 = path_key(l, "name");
            err_at(l, f[0].value, "duplicate grade '%s'", g->name);
            path_pop(l, m3);
          }
      }
      fw->grade_count++;
      path_pop(l, m2);
    }
  }
  path_pop(l, mark);
}

/* --- finishing -------------------------------------------------------------- */

static size_t count_points(govopen_node *n) {
  size_t total = n->point_count;
  for (size_t i = 0; i < n->child_count; i++) total += count_points(n->children[i]);
  n->total_points = total;
  return total;
}

/* Fills each unit's duties: the points whose expanded units include it. */
static void build_duties(ld *l) {
  govopen_framework *fw = l->fw;
  for (size_t i = 0; i < fw->point_count; i++)
    for (size_t k = 0; k < fw->points[i]->unit_count; k++) ((govopen_unit *)fw->points[i]->units[k])->point_count++;
  for (size_t u = 0; u < fw->unit_count; u++) {
    govopen_unit *unit = &fw->units[u];
    if (unit->point_count == 0) continue;
    unit->points = gv_arena_array(&fw->arena, unit->point_count, sizeof(govopen_point *));
    if (unit->points == NULL) {
      set_oom(l);
      return;
    }
    unit->point_count = 0;
  }
  for (size_t i = 0; i < fw->point_count; i++) {
    const govopen_point *p = fw->points[i];
    for (size_t k = 0; k < p->unit_count; k++) {
      govopen_unit *unit = (govopen_unit *)p->units[k];
      unit->points[unit->point_count++] = p;
    }
  }
}

static void finish(ld *l) {
  govopen_framework *fw = l->fw;
  fw->nodes = gv_arena_array(&fw->arena, l->nodes.len ? l->nodes.len : 1, sizeof(govopen_node *));
  fw->points = gv_arena_array(&fw->arena, l->points.len ? l->points.len : 1, sizeof(govopen_point *));
  if (fw->nodes == NULL || fw->points == NULL) {
    set_oom(l);
    return;
  }
  for (size_t i = 0; i < l->nodes.len; i++) {
    fw->nodes[i] = l->nodes.items[i];
    fw->nodes[i]->index = i;
  }
  fw->node_count = l->nodes.len;
  for (size_t i = 0; i < l->points.len; i++) {
    fw->points[i] = l->points.items[i];
    fw->points[i]->index = i;
  }
  fw->point_count = l->points.len;
  count_points(&fw->root);
  settle_tree(l, &fw->root, "indicators");
  build_duties(l);
}

static void read_document(ld *l, const gv_ynode *root) {
  govopen_framework *fw = l->fw;
  field f[] = {{"schema", 0, 0}, {"framework", 0, 0},  {"sampling_methods", 0, 0}, {"units", 0, 0},
               {"groups", 0, 0}, {"indicators", 0, 0}, {"adjustments", 0, 0},      {"grades", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  if (!read_fields(l, root, f, nf, "a framework document")) return;
  const char *what = "the document";
  int64_t schema = 0;
  if (get_int(l, root, fld(f, nf, "schema"), REQUIRED, what, &schema) == 0) {
    if (schema > GOVOPEN_SCHEMA_VERSION) {
      gv_diag_add(l->d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_EVERSION, l->src, fld(f, nf, "schema")->value->line,
                  fld(f, nf, "schema")->value->col, "schema",
                  "the document's format is schema %lld, newer than this library reads (%d): upgrade libgovopen",
                  (long long)schema, GOVOPEN_SCHEMA_VERSION);
      return; /* the rest follows rules we do not know */
    }
    if (schema < 1) {
      size_t mark = path_key(l, "schema");
      err_at(l, fld(f, nf, "schema")->value, "the schema version must be 1 or more, not %lld", (long long)schema);
      path_pop(l, mark);
    }
    fw->schema = (int)schema;
  }
  const field *fm = fld(f, nf, "framework");
  if (fm->value == NULL) {
    err_at(l, root, "the document has no 'framework' (it is required)");
  } else {
    size_t mark = path_key(l, "framework");
    read_meta(l, fm->value);
    path_pop(l, mark);
  }
  if (fw->id == NULL) fw->id = "";
  if (fw->title == NULL) fw->title = "";
  if (fw->calendar == NULL) fw->calendar = "cn";
  read_methods(l, fld(f, nf, "sampling_methods")->value);
  read_units(l, fld(f, nf, "units")->value, root);
  read_groups(l, fld(f, nf, "groups")->value);
  read_indicators(l, fld(f, nf, "indicators")->value, root);
  read_adjustments(l, fld(f, nf, "adjustments")->value);
  read_grades(l, fld(f, nf, "grades")->value);
  if (!l->oom) finish(l);
}

int gv_framework_load(govopen_framework **out, const char *data, size_t len, const char *source,
                      const gv_load_limits *lim, govopen_error **err) {
  *out = NULL;
  if (err) *err = NULL;
  gv_diags d = {0};
  gv_ydoc doc = {0};
  gv_ylimits yl = {lim->max_size, lim->max_depth, lim->max_nodes, lim->max_aliases};
  const char *src = source ? source : "";
  int status = gv_yaml_parse(&doc, data, len, src, &yl, &d);
  govopen_framework *fw = NULL;
  if (status == 0) {
    gv_arena arena = {0};
    fw = gv_arena_alloc(&arena, sizeof *fw);
    if (fw == NULL) {
      gv_diag_oom(&d, src);
    } else {
      fw->arena = arena;
      fw->source_name = gv_arena_strdup(&fw->arena, src);
      ld l = {0};
      l.fw = fw;
      l.d = &d;
      l.src = src;
      if (fw->source_name == NULL) {
        set_oom(&l);
      } else if (doc.root == NULL) {
        gv_diag_add(&d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ESCHEMA, src, 1, 1, "",
                    "the document is empty: expected a framework (a mapping)");
      } else {
        read_document(&l, doc.root);
      }
      gv_buf_free(&l.path);
      gv_vec_free(&l.nodes);
      gv_vec_free(&l.points);
      if (l.path.oom) gv_diag_oom(&d, src);
    }
  }
  gv_ydoc_free(&doc);
  if (lim->strict) gv_diags_promote_warnings(&d);
  status = gv_diags_status(&d);
  if (status != 0) {
    govopen_framework_free(fw);
    govopen_error *chain = gv_diags_take(&d);
    if (err)
      *err = chain;
    else
      govopen_error_free(chain);
    return status;
  }
  fw->warnings = gv_diags_take(&d);
  *out = fw;
  return GOVOPEN_OK;
}
