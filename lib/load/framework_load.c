/* The framework loader: a YAML document tree → a validated framework model.
 * Every problem is recorded with its position and document path; loading
 * carries on after an error where it can, so one run reports them all. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/date.h"
#include "govopen/options.h"
#include "govopen/version.h"
#include "load/load.h"
#include "load/overlay.h"
#include "load/rule_load.h"
#include "load/schema.h"
#include "load/ytree.h"
#include "model/model.h"
#include "util/buf.h"
#include "util/utf8.h"

/* Which items of a numbered set a list holds: gen_of[i] == gen once item i
   is in the list being read (a new list takes a new gen), first[i] where. */
typedef struct gv_marks {
  unsigned *gen_of;
  size_t *first;
  size_t count;
  unsigned gen;
} gv_marks;

typedef struct ld {
  gv_schema sc; /* diagnostics, the document path, the framework's arena */
  govopen_framework *fw;
  gv_vec nodes, points;
  int total_ok; /* framework.total was given and valid */
  const gv_load_limits *lim;
  /* Duplicates in one list, found by index (linear, whatever the list):
     units expanded for a group or a point, and a point's `responsible`
     entries (units and groups apart). */
  gv_marks in_list, entry_units, entry_groups;
  /* Units of each kind, in unit order: a group of kinds is built from these. */
  const govopen_unit **by_kind;
  size_t kind_start[GOVOPEN_UNIT_OTHER + 2];
  size_t cells, members; /* expanded so far (GOVOPEN_OPT_MAX_CELLS) */
  int cells_over, grid_over;
  int too_deep; /* the tree's depth limit was reported */
} ld;

/* Where something was declared, for a message about a node at `here`:
   "line L, column C", with the file's name before it when it is another
   document (a base an overlay extends, or the overlay). */
static const char *declared_at(ld *l, char *buf, size_t size, unsigned file, unsigned line, unsigned col,
                               const gv_ynode *here) {
  if (here == NULL || here->file == file) {
    snprintf(buf, size, "line %u, column %u", line, col);
  } else {
    gv_ynode at = {0};
    at.file = (uint16_t)file;
    snprintf(buf, size, "%s, line %u, column %u", gv_sc_src(&l->sc, &at), line, col);
  }
  return buf;
}

/* Starts a list of `n` possible items without duplicates: GOVOPEN_OK, or GOVOPEN_ENOMEM. */
static int marks_begin(gv_marks *m, size_t n) {
  if (m->gen_of == NULL || m->count < n) {
    free(m->gen_of);
    free(m->first);
    m->gen_of = calloc(n ? n : 1, sizeof *m->gen_of);
    m->first = malloc((n ? n : 1) * sizeof *m->first);
    m->count = n;
    m->gen = 0;
    if (m->gen_of == NULL || m->first == NULL) {
      free(m->gen_of);
      free(m->first);
      m->gen_of = NULL;
      m->first = NULL;
      return GOVOPEN_ENOMEM;
    }
  }
  if (++m->gen == 0) { /* wrapped: start afresh */
    memset(m->gen_of, 0, m->count * sizeof *m->gen_of);
    m->gen = 1;
  }
  return GOVOPEN_OK;
}

/* Adds item `i` found at `at` (an index into the list); returns SIZE_MAX
   when it joins the list now, else where it was first. */
static size_t marks_add(gv_marks *m, size_t i, size_t at) {
  if (m->gen_of[i] == m->gen) return m->first[i];
  m->gen_of[i] = m->gen;
  m->first[i] = at;
  return SIZE_MAX;
}

static void marks_free(gv_marks *m) {
  free(m->gen_of);
  free(m->first);
}

/* The evaluation's table (units × (points + indicators)) grows by one
   column for each point or indicator read: past GOVOPEN_OPT_MAX_GRID it is
   refused, once, at the one that passes it. */
static void check_grid(ld *l, const gv_ynode *at) {
  size_t limit = l->lim->max_grid ? l->lim->max_grid : GOVOPEN_DEFAULT_MAX_GRID;
  size_t cols = l->points.len + l->nodes.len, units = l->fw->unit_count;
  if (l->grid_over || units == 0 || cols <= limit / units) return;
  l->grid_over = 1;
  gv_diag_add(l->sc.d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ELIMIT, gv_sc_src(&l->sc, at), at->line, at->col,
              gv_buf_str(&l->sc.path), "limit.grid_cells",
              "the evaluation's table of %zu units by %zu points and %zu indicators so far passes %zu cells "
              "(GOVOPEN_OPT_MAX_GRID)",
              units, l->points.len, l->nodes.len, limit);
}

/* --- the shared namespace of units and groups --------------------------------- */

/* Registers `key` for a unit or group; `field_key` ("id", "name"), when not
   NULL, extends the path to the gv_field that declares it. */
static void name_register(ld *l, const char *key, const char *field_key, const gv_ynode *at, const govopen_unit *u,
                          const govopen_group *g, int is_id) {
  gv_nameref *r = gv_arena_alloc(&l->fw->arena, sizeof *r);
  if (r == NULL) {
    gv_sc_set_oom(&l->sc);
    return;
  }
  r->unit = u;
  r->group = g;
  r->is_id = is_id;
  r->line = at->line;
  r->col = at->col;
  r->file = at->file;
  void *old = NULL;
  int res = gv_hmap_put(&l->fw->names, key, strlen(key), r, &old);
  if (res < 0) {
    gv_sc_set_oom(&l->sc);
  } else if (res == 0) {
    const gv_nameref *o = old;
    size_t mark = field_key ? gv_sc_path_key(&l->sc, field_key) : l->sc.path.len;
    char where[512];
    gv_sc_err_at(&l->sc, at, "framework.name_taken", "'%s' is already used as the %s of %s '%s' at %s", key,
                 o->is_id ? "id" : "name or alias", o->unit ? "unit" : "group", o->unit ? o->unit->id : o->group->id,
                 declared_at(l, where, sizeof where, o->file, o->line, o->col, at));
    gv_sc_path_pop(&l->sc, mark);
  }
}

/* Registers the aliases that were read, each at its own place. */
static void register_aliases(ld *l, const gv_strlist *list, const gv_list_pos *pos, const govopen_unit *u,
                             const govopen_group *g) {
  if (list->count == 0) return;
  size_t mark = gv_sc_path_key(&l->sc, "aliases");
  for (size_t k = 0; k < list->count; k++) {
    size_t m2 = gv_sc_path_index(&l->sc, pos->index[k]);
    name_register(l, list->items[k], NULL, pos->nodes[k], u, g, 0);
    gv_sc_path_pop(&l->sc, m2);
  }
  gv_sc_path_pop(&l->sc, mark);
}

/* --- top-level sections ------------------------------------------------------ */

static void read_meta(ld *l, const gv_ynode *m) {
  govopen_framework *fw = l->fw;
  gv_field f[] = {{"id", 0, 0},           {"title", 0, 0},    {"region", 0, 0}, {"year", 0, 0},
                  {"total", 0, 0},        {"calendar", 0, 0}, {"as_of", 0, 0},  {"not_evaluated", 0, 0},
                  {"cap_adjusted", 0, 0}, {"source", 0, 0},   {"note", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  if (gv_sc_read_fields(&l->sc, m, f, nf, "the framework's metadata") != GOVOPEN_OK) return;
  const char *what = "the framework's metadata";
  gv_sc_get_id(&l->sc, m, gv_sc_fld(f, nf, "id"), GV_REQUIRED, what, &fw->id);
  gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "title"), GV_REQUIRED, 1, what, &fw->title);
  gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "region"), GV_OPTIONAL, 1, what, &fw->region);
  int64_t year = 0;
  if (gv_sc_get_int(&l->sc, m, gv_sc_fld(f, nf, "year"), GV_OPTIONAL, what, &year) == 0 &&
      gv_sc_fld(f, nf, "year")->value) {
    if (year < 1949 || year > 9999) {
      size_t mark = gv_sc_path_key(&l->sc, "year");
      gv_sc_err_at(&l->sc, gv_sc_fld(f, nf, "year")->value, "framework.year_range",
                   "the year %lld is out of range (1949 to 9999)", (long long)year);
      gv_sc_path_pop(&l->sc, mark);
    } else {
      fw->year = (int)year;
    }
  }
  int given = 0;
  if (gv_sc_fld(f, nf, "total")->value) {
    fw->root.score_line = gv_sc_fld(f, nf, "total")->value->line;
    fw->root.score_col = gv_sc_fld(f, nf, "total")->value->col;
    fw->root.score_file = gv_sc_fld(f, nf, "total")->value->file;
  }
  if (gv_sc_get_score(&l->sc, m, gv_sc_fld(f, nf, "total"), GV_REQUIRED, 0, what, &fw->total, &given) == 0) {
    if (fw->total == 0) {
      size_t mark = gv_sc_path_key(&l->sc, "total");
      gv_sc_err_at(&l->sc, gv_sc_fld(f, nf, "total")->value, "framework.total_not_positive",
                   "the total must be greater than 0");
      gv_sc_path_pop(&l->sc, mark);
    } else {
      l->total_ok = 1;
    }
  }
  gv_sc_get_id(&l->sc, m, gv_sc_fld(f, nf, "calendar"), GV_OPTIONAL, what, &fw->calendar);
  const char *policy = NULL;
  const gv_field *fne = gv_sc_fld(f, nf, "not_evaluated");
  if (gv_sc_get_name(&l->sc, m, fne, GV_OPTIONAL, what, &policy) == 0 && policy) {
    if (strcmp(policy, "zero") == 0) {
      fw->not_evaluated_zero = 1;
    } else if (strcmp(policy, "skip") != 0) {
      size_t mark = gv_sc_path_key(&l->sc, "not_evaluated");
      gv_sc_err_at(&l->sc, fne->value, "framework.policy_unknown", "unknown policy '%s' (expected skip or zero)",
                   policy);
      gv_sc_path_pop(&l->sc, mark);
    }
  }
  gv_sc_get_bool(&l->sc, m, gv_sc_fld(f, nf, "cap_adjusted"), what, &fw->cap_adjusted);
  const char *as_of = NULL;
  fw->as_of = INT32_MIN;
  if (gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "as_of"), GV_OPTIONAL, 1, what, &as_of) == 0 && as_of) {
    char why[GV_DATE_WHY];
    if (gv_date_parse(as_of, strlen(as_of), &fw->as_of, why) != 0) {
      size_t mark = gv_sc_path_key(&l->sc, "as_of");
      gv_sc_err_at(&l->sc, gv_sc_fld(f, nf, "as_of")->value, "date.not_ymd", "'%s' is not a date (YYYY-MM-DD): %s",
                   as_of, why);
      gv_sc_path_pop(&l->sc, mark);
      fw->as_of = INT32_MIN;
    }
  }
  gv_sc_get_strlist(&l->sc, m, gv_sc_fld(f, nf, "source"), GV_OPTIONAL, 1, what, &fw->provenance, NULL);
  gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "note"), GV_OPTIONAL, 0, what, &fw->note);
}

static void read_methods(ld *l, const gv_ynode *v) {
  govopen_framework *fw = l->fw;
  size_t extra = v && v->kind == GV_YSEQ ? v->count : 0;
  fw->methods.items = gv_arena_array(&fw->arena, gv_known_method_count + extra, sizeof(char *));
  if (fw->methods.items == NULL) {
    gv_sc_set_oom(&l->sc);
    return;
  }
  for (size_t i = 0; i < gv_known_method_count; i++) {
    const char *s = gv_known_methods[i];
    fw->methods.items[fw->methods.count++] = s;
    if (gv_hmap_put(&fw->methods_map, s, strlen(s), (void *)s, NULL) < 0) gv_sc_set_oom(&l->sc);
  }
  if (v == NULL) return;
  size_t mark = gv_sc_path_key(&l->sc, "sampling_methods");
  if (v->kind != GV_YSEQ) {
    gv_sc_err_at(&l->sc, v, "framework.methods_type", "expected a list of sampling method names, found %s",
                 gv_ynode_describe(v));
  } else {
    for (size_t i = 0; i < v->count; i++) {
      size_t m2 = gv_sc_path_index(&l->sc, i);
      const char *s;
      if (gv_sc_name_value(&l->sc, v->items[i], &s) == GOVOPEN_OK) {
        int r = gv_hmap_put(&fw->methods_map, s, strlen(s), (void *)s, NULL);
        if (r < 0)
          gv_sc_set_oom(&l->sc);
        else if (r == 0)
          gv_sc_err_at(&l->sc, v->items[i], "framework.method_repeated", "the sampling method '%s' is already known",
                       s);
        else
          fw->methods.items[fw->methods.count++] = s;
      }
      gv_sc_path_pop(&l->sc, m2);
    }
  }
  gv_sc_path_pop(&l->sc, mark);
}

static void read_unit(ld *l, const gv_ynode *m, govopen_unit *u) {
  gv_field f[] = {{"id", 0, 0}, {"name", 0, 0}, {"kind", 0, 0}, {"aliases", 0, 0}, {"code", 0, 0}, {"note", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  u->line = m->line;
  u->col = m->col;
  u->kind = GOVOPEN_UNIT_OTHER;
  if (gv_sc_read_fields(&l->sc, m, f, nf, "a unit") != GOVOPEN_OK) return;
  gv_sc_get_id(&l->sc, m, gv_sc_fld(f, nf, "id"), GV_REQUIRED, "a unit", &u->id);
  gv_sc_get_name(&l->sc, m, gv_sc_fld(f, nf, "name"), GV_REQUIRED, "a unit", &u->name);
  const char *kind = NULL;
  if (gv_sc_get_name(&l->sc, m, gv_sc_fld(f, nf, "kind"), GV_REQUIRED, "a unit", &kind) == 0 && kind) {
    int k = gv_unit_kind_from_name(kind, strlen(kind));
    if (k < 0) {
      size_t mark = gv_sc_path_key(&l->sc, "kind");
      gv_sc_err_at(&l->sc, gv_sc_fld(f, nf, "kind")->value, "framework.unit_kind_unknown",
                   "unknown unit kind '%s' (expected town, department, institution, party-org or other)", kind);
      gv_sc_path_pop(&l->sc, mark);
    } else {
      u->kind = k;
    }
  }
  gv_list_pos alias_pos;
  gv_sc_get_namelist(&l->sc, m, gv_sc_fld(f, nf, "aliases"), GV_OPTIONAL, 0, "a unit", &u->aliases, &alias_pos);
  gv_sc_get_name(&l->sc, m, gv_sc_fld(f, nf, "code"), GV_OPTIONAL, "a unit", &u->code);
  gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "note"), GV_OPTIONAL, 0, "a unit", &u->note);
  if (u->id) name_register(l, u->id, "id", gv_sc_fld(f, nf, "id")->value, u, NULL, 1);
  if (u->name) name_register(l, u->name, "name", gv_sc_fld(f, nf, "name")->value, u, NULL, 0);
  register_aliases(l, &u->aliases, &alias_pos, u, NULL);
  if (u->id == NULL) u->id = "";
  if (u->name == NULL) u->name = "";
}

static void read_units(ld *l, const gv_ynode *v, const gv_ynode *top) {
  govopen_framework *fw = l->fw;
  if (v == NULL) {
    gv_sc_err_at(&l->sc, top, "framework.units_missing", "the framework has no 'units' (it is required)");
    return;
  }
  size_t mark = gv_sc_path_key(&l->sc, "units");
  if (v->kind != GV_YSEQ || v->count == 0) {
    gv_sc_err_at(&l->sc, v, v->kind != GV_YSEQ ? "framework.units_type" : "framework.units_empty",
                 v->kind != GV_YSEQ ? "expected a list of units, found %s" : "the list of units is empty%s",
                 v->kind != GV_YSEQ ? gv_ynode_describe(v) : "");
  } else if (v->count > l->lim->max_units) {
    gv_diag_add(l->sc.d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ELIMIT, gv_sc_src(&l->sc, v), v->line, v->col,
                gv_buf_str(&l->sc.path), "limit.units", "%zu units exceed the limit of %zu (GOVOPEN_OPT_MAX_UNITS)",
                v->count, l->lim->max_units);
  } else {
    fw->units = gv_arena_array(&fw->arena, v->count, sizeof(govopen_unit));
    if (fw->units == NULL) gv_sc_set_oom(&l->sc);
    for (size_t i = 0; fw->units && i < v->count; i++) {
      size_t m2 = gv_sc_path_index(&l->sc, i);
      govopen_unit *u = &fw->units[fw->unit_count];
      u->index = fw->unit_count++;
      read_unit(l, v->items[i], u);
      gv_sc_path_pop(&l->sc, m2);
    }
  }
  gv_sc_path_pop(&l->sc, mark);
}

static const gv_nameref *name_lookup(ld *l, const char *key) { return gv_hmap_get(&l->fw->names, key, strlen(key)); }

static void read_group(ld *l, const gv_ynode *m, govopen_group *g) {
  govopen_framework *fw = l->fw;
  gv_field f[] = {{"id", 0, 0},      {"name", 0, 0}, {"aliases", 0, 0}, {"kinds", 0, 0},
                  {"members", 0, 0}, {"open", 0, 0}, {"note", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  g->line = m->line;
  g->col = m->col;
  g->id = g->name = "";
  if (gv_sc_read_fields(&l->sc, m, f, nf, "a group") != GOVOPEN_OK) return;
  const char *id = NULL, *name = NULL;
  gv_sc_get_id(&l->sc, m, gv_sc_fld(f, nf, "id"), GV_REQUIRED, "a group", &id);
  gv_sc_get_name(&l->sc, m, gv_sc_fld(f, nf, "name"), GV_REQUIRED, "a group", &name);
  gv_list_pos alias_pos;
  gv_sc_get_namelist(&l->sc, m, gv_sc_fld(f, nf, "aliases"), GV_OPTIONAL, 0, "a group", &g->aliases, &alias_pos);
  gv_sc_get_bool(&l->sc, m, gv_sc_fld(f, nf, "open"), "a group", &g->open);
  gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "note"), GV_OPTIONAL, 0, "a group", &g->note);
  if (id) {
    g->id = id;
    name_register(l, id, "id", gv_sc_fld(f, nf, "id")->value, NULL, g, 1);
  }
  if (name) {
    g->name = name;
    name_register(l, name, "name", gv_sc_fld(f, nf, "name")->value, NULL, g, 0);
  }
  register_aliases(l, &g->aliases, &alias_pos, NULL, g);

  gv_strlist kinds = {0}, members = {0};
  const gv_field *fk = gv_sc_fld(f, nf, "kinds"), *fm = gv_sc_fld(f, nf, "members");
  gv_list_pos kinds_pos, members_pos;
  gv_sc_get_namelist(&l->sc, m, fk, GV_OPTIONAL, 0, "a group", &kinds, &kinds_pos);
  gv_sc_get_namelist(&l->sc, m, fm, GV_OPTIONAL, 0, "a group", &members, &members_pos);
  for (size_t i = 0; i < kinds.count; i++) {
    int k = gv_unit_kind_from_name(kinds.items[i], strlen(kinds.items[i]));
    if (k < 0) {
      size_t mark = gv_sc_path_key(&l->sc, "kinds");
      size_t m2 = gv_sc_path_index(&l->sc, kinds_pos.index[i]);
      gv_sc_err_at(&l->sc, kinds_pos.nodes[i], "framework.unit_kind_unknown",
                   "unknown unit kind '%s' (expected town, department, institution, party-org or other)",
                   kinds.items[i]);
      gv_sc_path_pop(&l->sc, m2);
      gv_sc_path_pop(&l->sc, mark);
    } else {
      g->kinds |= 1u << k;
    }
  }
  if (!fk->value && !fm->value && !g->open)
    gv_sc_err_at(&l->sc, m, "framework.group_empty",
                 "the group '%s' has no members: give 'kinds', 'members' or 'open: true'", g->name);

  /* Members: units of the kinds, in unit order, then the listed ones. The
     members of all groups count against GOVOPEN_OPT_MAX_CELLS. */
  size_t of_kinds = 0;
  for (int k = 0; k <= GOVOPEN_UNIT_OTHER; k++)
    if (g->kinds & (1u << k)) of_kinds += l->kind_start[k + 1] - l->kind_start[k];
  size_t limit = l->lim->max_cells ? l->lim->max_cells : GOVOPEN_DEFAULT_MAX_CELLS;
  if (l->cells_over || of_kinds + members.count > limit - l->members) {
    if (!l->cells_over) {
      const gv_ynode *at = fk->value ? fk->value : fm->value ? fm->value : m;
      gv_diag_add(l->sc.d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ELIMIT, gv_sc_src(&l->sc, at), at->line, at->col,
                  gv_buf_str(&l->sc.path), "limit.group_members",
                  "the groups' members add up to more than %zu (GOVOPEN_OPT_MAX_CELLS): this group has %zu", limit,
                  of_kinds + members.count);
    }
    l->cells_over = 1;
    return;
  }
  l->members += of_kinds + members.count;
  g->members = gv_arena_array(&fw->arena, of_kinds + members.count + 1, sizeof(govopen_unit *));
  if (g->members == NULL || l->by_kind == NULL || marks_begin(&l->in_list, fw->unit_count) != 0) {
    gv_sc_set_oom(&l->sc);
    return;
  }
  /* the kinds' lists merged in unit order (at most five heads) */
  size_t head[GOVOPEN_UNIT_OTHER + 1];
  for (int k = 0; k <= GOVOPEN_UNIT_OTHER; k++) head[k] = l->kind_start[k];
  for (;;) {
    int best = -1;
    for (int k = 0; k <= GOVOPEN_UNIT_OTHER; k++)
      if ((g->kinds & (1u << k)) && head[k] < l->kind_start[k + 1] &&
          (best < 0 || l->by_kind[head[k]]->index < l->by_kind[head[best]]->index))
        best = k;
    if (best < 0) break;
    const govopen_unit *u = l->by_kind[head[best]++];
    g->members[g->member_count++] = u;
    marks_add(&l->in_list, u->index, members.count); /* "first" past the list: by its kind */
  }
  for (size_t i = 0; i < members.count; i++) {
    const gv_nameref *r = name_lookup(l, members.items[i]);
    size_t mark = gv_sc_path_key(&l->sc, "members");
    size_t m2 = gv_sc_path_index(&l->sc, members_pos.index[i]);
    if (r == NULL || r->unit == NULL) {
      gv_sc_err_at(&l->sc, members_pos.nodes[i], r ? "framework.member_is_group" : "framework.member_unknown",
                   r ? "'%s' is a group; a group's members are units" : "unknown unit '%s'", members.items[i]);
    } else {
      size_t first = marks_add(&l->in_list, r->unit->index, i);
      char where[512];
      if (first == SIZE_MAX)
        g->members[g->member_count++] = r->unit;
      else if (first < members.count) /* listed before */
        gv_sc_err_at(&l->sc, members_pos.nodes[i], "framework.member_repeated",
                     "the unit '%s' is already a member of the group (first at %s)", members.items[i],
                     declared_at(l, where, sizeof where, members_pos.nodes[first]->file, members_pos.nodes[first]->line,
                                 members_pos.nodes[first]->col, members_pos.nodes[i]));
      else
        gv_sc_err_at(&l->sc, members_pos.nodes[i], "framework.member_by_kind",
                     "the unit '%s' is already a member of the group (by its kind '%s')", members.items[i],
                     gv_unit_kind_name(r->unit->kind));
    }
    gv_sc_path_pop(&l->sc, m2);
    gv_sc_path_pop(&l->sc, mark);
  }
}

/* The units of each kind, in unit order, for the groups of kinds. */
static void sort_by_kind(ld *l) {
  govopen_framework *fw = l->fw;
  l->by_kind = malloc((fw->unit_count ? fw->unit_count : 1) * sizeof *l->by_kind);
  if (l->by_kind == NULL) {
    gv_sc_set_oom(&l->sc);
    return;
  }
  memset(l->kind_start, 0, sizeof l->kind_start);
  for (size_t i = 0; i < fw->unit_count; i++) l->kind_start[fw->units[i].kind + 1]++;
  for (int k = 1; k <= GOVOPEN_UNIT_OTHER + 1; k++) l->kind_start[k] += l->kind_start[k - 1];
  size_t at[GOVOPEN_UNIT_OTHER + 1];
  for (int k = 0; k <= GOVOPEN_UNIT_OTHER; k++) at[k] = l->kind_start[k];
  for (size_t i = 0; i < fw->unit_count; i++) l->by_kind[at[fw->units[i].kind]++] = &fw->units[i];
}

static void read_groups(ld *l, const gv_ynode *v) {
  govopen_framework *fw = l->fw;
  if (v == NULL) return;
  size_t mark = gv_sc_path_key(&l->sc, "groups");
  if (v->kind != GV_YSEQ) {
    gv_sc_err_at(&l->sc, v, "framework.groups_type", "expected a list of groups, found %s", gv_ynode_describe(v));
  } else if (v->count) {
    sort_by_kind(l);
    fw->groups = gv_arena_array(&fw->arena, v->count, sizeof(govopen_group));
    if (fw->groups == NULL) gv_sc_set_oom(&l->sc);
    for (size_t i = 0; fw->groups && i < v->count; i++) {
      size_t m2 = gv_sc_path_index(&l->sc, i);
      govopen_group *g = &fw->groups[fw->group_count];
      g->index = fw->group_count++;
      read_group(l, v->items[i], g);
      if (g->open)
        gv_sc_warn_at(&l->sc, v->items[i], "framework.group_open",
                      "the group '%s' is open: the county sets its members; points naming it cover only the %zu unit%s "
                      "listed",
                      g->name, g->member_count, g->member_count == 1 ? "" : "s");
      gv_sc_path_pop(&l->sc, m2);
    }
  }
  gv_sc_path_pop(&l->sc, mark);
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

/* Derives missing maxima of `n` items under a parent worth `parent` and
   checks they add up. `score_of`/`set` work on nodes or points alike. */
typedef struct item_ref {
  int64_t *score;
  int *derived;
} item_ref;

/* `items` (`what`, e.g. "the children's maxima") sit under a parent worth
   `parent` (`whose`, e.g. "the indicator's maximum"); errors go to `at`.
   GOVOPEN_OK, GOVOPEN_ESCHEMA (said) or GOVOPEN_ENOMEM. */
static int settle_scores(ld *l, const gv_ynode *at, int aggregate, int64_t parent, item_ref *items, size_t n,
                         const char *what, const char *whose) {
  int64_t given_sum = 0;
  size_t derived_count = 0;
  int64_t *scores = malloc((n ? n : 1) * sizeof *scores);
  int *given = malloc((n ? n : 1) * sizeof *given);
  if (scores == NULL || given == NULL) {
    free(scores);
    free(given);
    return gv_sc_set_oom(&l->sc);
  }
  int status = GOVOPEN_ESCHEMA;
  for (size_t i = 0; i < n; i++) {
    given[i] = !*items[i].derived;
    scores[i] = *items[i].score;
    if (given[i])
      given_sum += scores[i];
    else
      derived_count++;
  }
  char a[32], b[32]; /* formatted only for a message */
  int bad = (derived_count && given_sum >= parent && (aggregate == GOVOPEN_AGGREGATE_SUM || given_sum > parent)) ||
            (derived_count == 0 && aggregate == GOVOPEN_AGGREGATE_SUM && given_sum != parent);
  if (bad) {
    gv_sc_fmt_cents(a, sizeof a, given_sum);
    gv_sc_fmt_cents(b, sizeof b, parent);
  }
  if (derived_count && given_sum >= parent && (aggregate == GOVOPEN_AGGREGATE_SUM || given_sum > parent)) {
    gv_sc_err_at(&l->sc, at, "framework.scores_no_room",
                 "%s that are given add up to %s, leaving nothing of %s %s to derive the others from", what, a, whose,
                 b);
  } else if (derived_count == 0 && aggregate == GOVOPEN_AGGREGATE_SUM && given_sum != parent) {
    gv_sc_err_at(&l->sc, at, "framework.scores_sum", "%s add up to %s, not %s %s", what, a, whose, b);
  } else if (derived_count == 0 && given_sum == 0 && aggregate == GOVOPEN_AGGREGATE_SCALE) {
    gv_sc_err_at(&l->sc, at, "framework.scores_zero", "%s add up to 0: there is nothing to scale", what);
  } else {
    split_scores(parent, scores, given, n, derived_count, given_sum);
    for (size_t i = 0; i < n; i++) *items[i].score = scores[i];
    status = GOVOPEN_OK;
  }
  free(scores);
  free(given);
  return status;
}

static void read_point(ld *l, const gv_ynode *m, govopen_point *p) {
  govopen_framework *fw = l->fw;
  gv_field f[] = {{"id", 0, 0},          {"text", 0, 0}, {"score", 0, 0},  {"sampling", 0, 0},
                  {"responsible", 0, 0}, {"rule", 0, 0}, {"source", 0, 0}, {"note", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  p->line = p->score_line = m->line;
  p->col = p->score_col = m->col;
  p->file = p->score_file = m->file;
  p->id = p->text = "";
  p->derived = 1;
  check_grid(l, m);
  if (gv_sc_read_fields(&l->sc, m, f, nf, "a point") != GOVOPEN_OK) return;
  const char *what = "a point";
  const char *id = NULL;
  if (gv_sc_get_id(&l->sc, m, gv_sc_fld(f, nf, "id"), GV_REQUIRED, what, &id) == 0 && id) {
    p->id = id;
    void *old = NULL;
    int r = gv_hmap_put(&fw->point_ids, id, strlen(id), p, &old);
    if (r < 0) {
      gv_sc_set_oom(&l->sc);
    } else if (r == 0) {
      const govopen_point *o = old;
      size_t mark = gv_sc_path_key(&l->sc, "id");
      char where[512];
      const gv_ynode *at = gv_sc_fld(f, nf, "id")->value;
      gv_sc_err_at(&l->sc, at, "framework.point_repeated", "duplicate point id '%s' (first at %s)", id,
                   declared_at(l, where, sizeof where, o->file, o->line, o->col, at));
      gv_sc_path_pop(&l->sc, mark);
    }
  }
  gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "text"), GV_REQUIRED, 1, what, &p->text);
  int given = 0;
  if (gv_sc_get_score(&l->sc, m, gv_sc_fld(f, nf, "score"), GV_OPTIONAL, 0, what, &p->score, &given) == 0)
    p->derived = !given;
  if (given) {
    const gv_ynode *s = gv_sc_fld(f, nf, "score")->value;
    p->score_line = s->line;
    p->score_col = s->col;
    p->score_file = s->file;
  }
  gv_sc_get_strlist(&l->sc, m, gv_sc_fld(f, nf, "source"), GV_OPTIONAL, 1, what, &p->provenance, NULL);
  gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "note"), GV_OPTIONAL, 0, what, &p->note);

  /* Sampling methods, interned to the framework's own strings. */
  const gv_field *fs = gv_sc_fld(f, nf, "sampling");
  gv_list_pos spos;
  gv_sc_get_namelist(&l->sc, m, fs, GV_REQUIRED, 0, what, &p->sampling, &spos);
  if (p->sampling.count) {
    size_t mark = gv_sc_path_key(&l->sc, "sampling");
    size_t *first;
    int rc = gv_sc_find_repeats(&l->sc, p->sampling.items, p->sampling.count, &first);
    for (size_t i = 0; rc == GOVOPEN_OK && i < p->sampling.count; i++) {
      const char *known = gv_hmap_get(&fw->methods_map, p->sampling.items[i], strlen(p->sampling.items[i]));
      size_t m2 = gv_sc_path_index(&l->sc, spos.index[i]);
      char where[512];
      if (known == NULL) {
        gv_sc_err_at(&l->sc, spos.nodes[i], "framework.method_unknown",
                     "unknown sampling method '%s' (declare it under 'sampling_methods' if the county uses it)",
                     p->sampling.items[i]);
      } else if (first[i] != i) {
        const gv_ynode *f0 = spos.nodes[first[i]];
        gv_sc_err_at(&l->sc, spos.nodes[i], "framework.point_method_repeated",
                     "the sampling method '%s' is listed twice (first at %s)", known,
                     declared_at(l, where, sizeof where, f0->file, f0->line, f0->col, spos.nodes[i]));
      }
      if (known) p->sampling.items[i] = known;
      gv_sc_path_pop(&l->sc, m2);
    }
    free(first);
    gv_sc_path_pop(&l->sc, mark);
  }

  /* Responsible entries as written, and their expansion into units, each
     counted against GOVOPEN_OPT_MAX_CELLS as it is reached. */
  gv_strlist written = {0};
  const gv_field *fr = gv_sc_fld(f, nf, "responsible");
  gv_list_pos rpos;
  gv_sc_get_namelist(&l->sc, m, fr, GV_REQUIRED, 0, what, &written, &rpos);
  if (written.count) {
    p->entries = gv_arena_array(&fw->arena, written.count, sizeof(gv_entry));
    gv_vec units = {0};
    if (marks_begin(&l->in_list, fw->unit_count) != 0 || marks_begin(&l->entry_units, fw->unit_count) != 0 ||
        marks_begin(&l->entry_groups, fw->group_count) != 0)
      gv_sc_set_oom(&l->sc);
    size_t limit = l->lim->max_cells ? l->lim->max_cells : GOVOPEN_DEFAULT_MAX_CELLS;
    size_t mark = gv_sc_path_key(&l->sc, "responsible");
    for (size_t i = 0; p->entries && gv_sc_status(&l->sc) == GOVOPEN_OK && i < written.count; i++) {
      const gv_nameref *r = name_lookup(l, written.items[i]);
      size_t m2 = gv_sc_path_index(&l->sc, rpos.index[i]);
      if (r == NULL) {
        gv_sc_err_at(&l->sc, rpos.nodes[i], "framework.responsible_unknown", "unknown unit or group '%s'",
                     written.items[i]);
        gv_sc_path_pop(&l->sc, m2);
        continue;
      }
      size_t first =
          r->unit ? marks_add(&l->entry_units, r->unit->index, i) : marks_add(&l->entry_groups, r->group->index, i);
      if (first != SIZE_MAX) {
        /* listed before, perhaps by another of its names: reported, not expanded again */
        const gv_ynode *f0 = rpos.nodes[first];
        char where[512];
        declared_at(l, where, sizeof where, f0->file, f0->line, f0->col, rpos.nodes[i]);
        if (strcmp(written.items[first], written.items[i]) == 0)
          gv_sc_err_at(&l->sc, rpos.nodes[i], "framework.responsible_repeated", "'%s' is listed twice (first at %s)",
                       written.items[i], where);
        else
          gv_sc_err_at(&l->sc, rpos.nodes[i], "framework.responsible_repeated_alias",
                       "'%s' is listed twice (first as '%s' at %s)", written.items[i], written.items[first], where);
        gv_sc_path_pop(&l->sc, m2);
        continue;
      }
      gv_entry *e = &p->entries[p->entry_count++];
      e->written = written.items[i];
      e->unit = r->unit;
      e->group = r->group;
      size_t nu = r->unit ? 1 : r->group->member_count;
      if (r->group && r->group->open) p->has_open_group = 1;
      if (!l->cells_over && nu > limit - l->cells) {
        gv_diag_add(l->sc.d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ELIMIT, gv_sc_src(&l->sc, rpos.nodes[i]),
                    rpos.nodes[i]->line, rpos.nodes[i]->col, gv_buf_str(&l->sc.path), "limit.responsible_cells",
                    "the points' responsible units, groups expanded, add up to more than %zu "
                    "(GOVOPEN_OPT_MAX_CELLS): '%s' brings %zu",
                    limit, written.items[i], nu);
        l->cells_over = 1;
      }
      if (l->cells_over) nu = 0; /* refused: nothing more is expanded */
      l->cells += nu;
      for (size_t k = 0; k < nu; k++) {
        const govopen_unit *u = r->unit ? r->unit : r->group->members[k];
        if (marks_add(&l->in_list, u->index, 0) == SIZE_MAX && gv_vec_push(&units, (void *)u) != 0)
          gv_sc_set_oom(&l->sc);
      }
      gv_sc_path_pop(&l->sc, m2);
    }
    gv_sc_path_pop(&l->sc, mark);
    if (p->entries == NULL) gv_sc_set_oom(&l->sc);
    if (units.len) {
      p->units = gv_arena_array(&fw->arena, units.len, sizeof(govopen_unit *));
      if (p->units == NULL)
        gv_sc_set_oom(&l->sc);
      else {
        memcpy((void *)p->units, units.items, units.len * sizeof(govopen_unit *));
        p->unit_count = units.len;
      }
    }
    gv_vec_free(&units);
  }

  /* The rule block is compiled once the maxima are settled (finish()); keep
     it and the point's path until then. */
  const gv_field *frule = gv_sc_fld(f, nf, "rule");
  if (frule->value) {
    p->rule_block = frule->value;
    p->rule = frule->value; /* the document's nodes are the framework's */
    if (p->rule == NULL) gv_sc_set_oom(&l->sc);
  }
  p->path = gv_arena_strdup(&fw->arena, gv_buf_str(&l->sc.path));
  if (p->path == NULL) gv_sc_set_oom(&l->sc);
}

/* The target of a veto is "unit" or an ancestor of the point. */
static void check_veto_target(ld *l, govopen_point *p) {
  const char *target = gv_rule_veto_target(p->compiled);
  if (target == NULL || strcmp(target, "unit") == 0) return;
  for (const govopen_node *n = p->node; n && n->depth > 0; n = n->parent)
    if (strcmp(n->id, target) == 0) return;
  const gv_ynode *at = p->rule_block;
  for (size_t i = 0; i < at->count; i++)
    if (strcmp(gv_ymap_key(at, i)->text, "target") == 0) at = gv_ymap_value(p->rule_block, i);
  size_t mark = gv_sc_path_key(&l->sc, "target");
  gv_sc_err_at(&l->sc, at, "framework.veto_target_invalid",
               "the veto's target '%s' is neither 'unit' nor an indicator above the point", target);
  gv_sc_path_pop(&l->sc, mark);
}

/* Compiles every point's rule against its settled maximum. */
static void compile_rules(ld *l) {
  govopen_framework *fw = l->fw;
  for (size_t i = 0; i < fw->point_count; i++) {
    govopen_point *p = fw->points[i];
    if (p->rule_block == NULL) {
      p->compiled = gv_rule_default_manual(&fw->arena, p->score);
      if (p->compiled == NULL) gv_sc_set_oom(&l->sc);
      continue;
    }
    gv_buf_truncate(&l->sc.path, 0);
    gv_buf_puts(&l->sc.path, p->path);
    size_t mark = gv_sc_path_key(&l->sc, "rule");
    gv_rule *r = NULL;
    if (gv_rule_compile(&l->sc, p->rule_block, p->score, &fw->arena, &r) == GOVOPEN_OK) {
      p->compiled = r;
      p->rule_kind = gv_rule_kind_name(r->kind);
      if (r->label == NULL) r->label = p->text;
      check_veto_target(l, p);
    }
    gv_sc_path_pop(&l->sc, mark);
    p->rule_block = NULL; /* loading only: scoring reads the compiled rule */
  }
  gv_buf_truncate(&l->sc.path, 0);
}

static const char *const aggregate_names[] = {"sum", "cap", "scale", "mean", "min"};

static int read_node(ld *l, const gv_ynode *m, govopen_node *parent, size_t position, govopen_node **out);

/* Reads the `children` or `points` list of `n`, then settles their maxima. */
static void read_node_items(ld *l, govopen_node *n, const gv_field *fc, const gv_field *fp, const gv_ynode *at) {
  govopen_framework *fw = l->fw;
  if (fc->value && fp->value) {
    gv_sc_err_at(&l->sc, at, "framework.indicator_children_and_points",
                 "an indicator holds either 'children' or 'points', not both");
    return;
  }
  if (!fc->value && !fp->value) {
    gv_sc_err_at(&l->sc, at, "framework.indicator_empty", "the indicator '%s' has neither 'children' nor 'points'",
                 n->title ? n->title : "");
    return;
  }
  const gv_field *fl = fc->value ? fc : fp;
  int points = fl == fp;
  size_t mark = gv_sc_path_key(&l->sc, fl->key);
  const gv_ynode *v = fl->value;
  if (v->kind != GV_YSEQ || v->count == 0) {
    if (v->kind != GV_YSEQ)
      gv_sc_err_at(&l->sc, v, "framework.items_type", "expected a list of %s, found %s",
                   points ? "points" : "indicators", gv_ynode_describe(v));
    else
      gv_sc_err_at(&l->sc, v, "framework.items_empty", "the list of %s is empty", points ? "points" : "indicators");
    gv_sc_path_pop(&l->sc, mark);
    return;
  }
  size_t max_tree_depth = l->lim->max_tree_depth ? l->lim->max_tree_depth : GOVOPEN_DEFAULT_MAX_TREE_DEPTH;
  if (!points && n->depth + 1 > max_tree_depth) {
    /* reported once: every walk along the tree is bounded by the limit */
    size_t m2 = gv_sc_path_index(&l->sc, 0);
    if (!l->too_deep)
      gv_diag_add(l->sc.d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ELIMIT, gv_sc_src(&l->sc, v->items[0]), v->items[0]->line,
                  v->items[0]->col, gv_buf_str(&l->sc.path), "limit.tree_depth",
                  "the indicator tree is deeper than the limit of %zu levels (GOVOPEN_OPT_MAX_TREE_DEPTH): this "
                  "indicator would be at level %u",
                  max_tree_depth, n->depth + 1);
    l->too_deep = 1;
    gv_sc_path_pop(&l->sc, m2);
    gv_sc_path_pop(&l->sc, mark);
    return;
  }
  if (points && l->points.len + v->count > l->lim->max_points) {
    gv_diag_add(l->sc.d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ELIMIT, gv_sc_src(&l->sc, v), v->line, v->col,
                gv_buf_str(&l->sc.path), "limit.points", "more than %zu points (GOVOPEN_OPT_MAX_POINTS)",
                l->lim->max_points);
    gv_sc_path_pop(&l->sc, mark);
    return;
  }
  item_ref *refs = calloc(v->count, sizeof *refs);
  void **arr = gv_arena_array(&fw->arena, v->count, sizeof(void *));
  if (refs == NULL || arr == NULL) {
    free(refs);
    gv_sc_set_oom(&l->sc);
    gv_sc_path_pop(&l->sc, mark);
    return;
  }
  size_t count = 0;
  for (size_t i = 0; i < v->count; i++) {
    size_t m2 = gv_sc_path_index(&l->sc, i);
    if (points) {
      govopen_point *p = gv_arena_alloc(&fw->arena, sizeof *p);
      if (p == NULL || gv_vec_push(&l->points, p) != 0) {
        gv_sc_set_oom(&l->sc);
      } else {
        p->node = n;
        read_point(l, v->items[i], p);
        arr[count] = p;
        refs[count].score = &p->score;
        refs[count].derived = &p->derived;
        count++;
      }
    } else {
      govopen_node *c;
      if (read_node(l, v->items[i], n, i, &c) == GOVOPEN_OK) {
        arr[count] = c;
        refs[count].score = &c->score;
        refs[count].derived = &c->derived;
        count++;
      }
    }
    gv_sc_path_pop(&l->sc, m2);
  }
  gv_sc_path_pop(&l->sc, mark);
  if (points) {
    n->points = (govopen_point **)arr;
    n->point_count = count;
  } else {
    n->children = (govopen_node **)arr;
    n->child_count = count;
  }
  free(refs);
}

/* The document path of indicator `n` ("indicators[0].children[2]"), from
   the top down: its ancestors, at most the capped tree depth, gathered first. */
static void node_path(gv_buf *b, const govopen_node *n) {
  const govopen_node *chain[GV_MAX_TREE_DEPTH_CAP + 1];
  size_t k = 0;
  for (; n && n->depth > 0 && k < GV_MAX_TREE_DEPTH_CAP + 1; n = n->parent) chain[k++] = n;
  while (k-- > 0) {
    gv_buf_puts(b, chain[k]->depth == 1 ? "indicators[" : ".children[");
    gv_buf_put_size(b, chain[k]->position);
    gv_buf_putc(b, ']');
  }
}

/* Settles the maxima of the children or points of `n` (a parent's maximum
   is known before its children's are derived: settle_tree calls this top
   down, in pre-order). */
static void settle_node(ld *l, govopen_node *n) {
  size_t count = n->child_count ? n->child_count : n->point_count;
  if (count == 0 || n->unsettled) return;
  item_ref *refs = calloc(count, sizeof *refs);
  if (refs == NULL) {
    gv_sc_set_oom(&l->sc);
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
  /* The error, if any, is the parent's; but when a maximum given under it
     comes from a later document (an overlay: a lower file number), that is
     what changed, and where it is reported. */
  gv_ynode at = {0};
  at.line = n->score_line;
  at.col = n->score_col;
  at.file = (uint16_t)n->score_file;
  for (size_t i = 0; i < count; i++) {
    unsigned file = n->child_count ? n->children[i]->score_file : n->points[i]->score_file;
    if (*refs[i].derived || file >= at.file) continue;
    at.file = (uint16_t)file;
    at.line = n->child_count ? n->children[i]->score_line : n->points[i]->score_line;
    at.col = n->child_count ? n->children[i]->score_col : n->points[i]->score_col;
  }
  gv_buf_truncate(&l->sc.path, 0);
  if (n->depth == 0)
    gv_buf_puts(&l->sc.path, "framework.total");
  else
    node_path(&l->sc.path, n);
  if (n->depth > 0 && !n->derived) gv_buf_puts(&l->sc.path, ".score");
  int r;
  if (n->depth == 0 && !l->total_ok)
    r = GOVOPEN_ESCHEMA; /* the total is missing or invalid, which was reported: nothing to check against */
  else if (n->depth == 0)
    r = settle_scores(l, &at, GOVOPEN_AGGREGATE_SUM, n->score, refs, count, "the level-1 indicators' maxima",
                      "the total");
  else
    r = settle_scores(l, &at, n->aggregate, n->score, refs, count,
                      n->child_count ? "the children's maxima" : "the points' maxima", "the indicator's maximum");
  gv_buf_truncate(&l->sc.path, 0);
  /* Children whose maxima could not be derived are not checked further:
     any error below them would only echo this one. */
  for (size_t i = 0; r != GOVOPEN_OK && i < n->child_count; i++)
    if (n->children[i]->derived) n->children[i]->unsettled = 1;
  free(refs);
}

/* Settles every maximum, the root first, then the indicators in pre-order:
   no recursion along the tree. */
static void settle_tree(ld *l) {
  settle_node(l, &l->fw->root);
  for (size_t i = 0; i < l->fw->node_count; i++) settle_node(l, l->fw->nodes[i]);
  if (gv_buf_status(&l->sc.path) != GOVOPEN_OK) gv_sc_set_oom(&l->sc);
}

/* Reports `n`'s id as taken by `o`; out of read_node, whose frame is on the
   stack once per level of the tree. */
static void duplicate_node(ld *l, const govopen_node *n, const govopen_node *o, const gv_ynode *id, const gv_ynode *m) {
  size_t mark = id ? gv_sc_path_key(&l->sc, "id") : l->sc.path.len;
  char where[512];
  const gv_ynode *at = id ? id : m;
  gv_sc_err_at(&l->sc, at, "framework.indicator_repeated", "duplicate indicator id '%s' (first at %s)", n->id,
               declared_at(l, where, sizeof where, o->file, o->line, o->col, at));
  gv_sc_path_pop(&l->sc, mark);
}

/* Reads the indicator `m` (the `position`th child of `parent`) into `*out`:
   GOVOPEN_OK, even when what it holds was wrong (reported: the node is
   there, so that what is under it is checked too), or GOVOPEN_ENOMEM. */
static int read_node(ld *l, const gv_ynode *m, govopen_node *parent, size_t position, govopen_node **out) {
  govopen_framework *fw = l->fw;
  *out = NULL;
  govopen_node *n = gv_arena_alloc(&fw->arena, sizeof *n);
  if (n == NULL || gv_vec_push(&l->nodes, n) != 0) {
    return gv_sc_set_oom(&l->sc);
  }
  check_grid(l, m);
  n->parent = parent;
  n->depth = parent->depth + 1;
  n->position = position;
  n->line = m->line;
  n->col = m->col;
  n->file = m->file;
  n->derived = 1;
  n->title = "";
  n->score_line = m->line;
  n->score_col = m->col;
  n->score_file = m->file;
  gv_field f[] = {{"id", 0, 0},       {"label", 0, 0},  {"title", 0, 0},  {"score", 0, 0}, {"aggregate", 0, 0},
                  {"children", 0, 0}, {"points", 0, 0}, {"source", 0, 0}, {"note", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  /* The default id is the dotted position, so it exists even when the node is broken. */
  gv_buf id = {0};
  if (parent->depth > 0) {
    gv_buf_puts(&id, parent->id);
    gv_buf_putc(&id, '.');
  }
  gv_buf_put_size(&id, position + 1);
  n->id = gv_buf_status(&id) != GOVOPEN_OK ? NULL : gv_arena_strdup(&fw->arena, gv_buf_str(&id));
  gv_buf_free(&id);
  if (n->id == NULL) {
    return gv_sc_set_oom(&l->sc);
  }
  *out = n;
  if (gv_sc_read_fields(&l->sc, m, f, nf, "an indicator") != GOVOPEN_OK) return GOVOPEN_OK;
  const char *what = "an indicator";
  const char *explicit_id = NULL;
  const gv_field *fid = gv_sc_fld(f, nf, "id");
  if (gv_sc_get_id(&l->sc, m, fid, GV_OPTIONAL, what, &explicit_id) == 0 && explicit_id) n->id = explicit_id;
  void *old = NULL;
  int r = gv_hmap_put(&fw->node_ids, n->id, strlen(n->id), n, &old);
  if (r < 0) {
    gv_sc_set_oom(&l->sc);
  } else if (r == 0) {
    duplicate_node(l, n, old, fid->value, m);
  }
  gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "label"), GV_OPTIONAL, 1, what, &n->label);
  gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "title"), GV_REQUIRED, 1, what, &n->title);
  int given = 0;
  if (gv_sc_get_score(&l->sc, m, gv_sc_fld(f, nf, "score"), GV_OPTIONAL, 0, what, &n->score, &given) == 0)
    n->derived = !given;
  if (given) {
    n->score_line = gv_sc_fld(f, nf, "score")->value->line;
    n->score_col = gv_sc_fld(f, nf, "score")->value->col;
    n->score_file = gv_sc_fld(f, nf, "score")->value->file;
  }
  const char *agg = NULL;
  const gv_field *fa = gv_sc_fld(f, nf, "aggregate");
  if (gv_sc_get_name(&l->sc, m, fa, GV_OPTIONAL, what, &agg) == 0 && agg) {
    size_t k = 0;
    while (k < 5 && strcmp(aggregate_names[k], agg) != 0) k++;
    if (k == 5) {
      size_t mark = gv_sc_path_key(&l->sc, "aggregate");
      gv_sc_err_at(&l->sc, fa->value, "framework.aggregation_unknown",
                   "unknown aggregation '%s' (expected sum, cap, scale, mean or min)", agg);
      gv_sc_path_pop(&l->sc, mark);
    } else {
      n->aggregate = (int)k;
    }
  }
  gv_sc_get_strlist(&l->sc, m, gv_sc_fld(f, nf, "source"), GV_OPTIONAL, 1, what, &n->provenance, NULL);
  gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "note"), GV_OPTIONAL, 0, what, &n->note);
  read_node_items(l, n, gv_sc_fld(f, nf, "children"), gv_sc_fld(f, nf, "points"), m);
  return GOVOPEN_OK;
}

static void read_indicators(ld *l, const gv_ynode *v, const gv_ynode *top) {
  govopen_framework *fw = l->fw;
  fw->root.index = (size_t)-1;
  fw->root.id = "";
  fw->root.title = fw->title ? fw->title : "";
  fw->root.score = fw->total;
  fw->root.line = top->line;
  fw->root.col = top->col;
  fw->root.file = top->file;
  if (fw->root.score_line == 0) {
    fw->root.score_line = top->line;
    fw->root.score_col = top->col;
    fw->root.score_file = top->file;
  }
  if (v == NULL) {
    gv_sc_err_at(&l->sc, top, "framework.indicators_missing", "the framework has no 'indicators' (it is required)");
    return;
  }
  gv_field fc = {"indicators", top, v}, fp = {"points", NULL, NULL};
  /* The root's children are the `indicators` list; reuse the node reader's list logic. */
  size_t saved = l->sc.path.len;
  gv_buf_truncate(&l->sc.path, 0);
  read_node_items(l, &fw->root, &fc, &fp, top);
  gv_buf_truncate(&l->sc.path, saved);
}

static void read_adjustments(ld *l, const gv_ynode *v) {
  govopen_framework *fw = l->fw;
  if (v == NULL) return;
  size_t mark = gv_sc_path_key(&l->sc, "adjustments");
  if (v->kind != GV_YSEQ) {
    gv_sc_err_at(&l->sc, v, "framework.adjustments_type", "expected a list of adjustments, found %s",
                 gv_ynode_describe(v));
  } else if (v->count) {
    fw->adjustments = gv_arena_array(&fw->arena, v->count, sizeof(gv_adjustment));
    if (fw->adjustments == NULL) gv_sc_set_oom(&l->sc);
    gv_hmap ids = {0};
    for (size_t i = 0; fw->adjustments && i < v->count; i++) {
      size_t m2 = gv_sc_path_index(&l->sc, i);
      const gv_ynode *m = v->items[i];
      gv_adjustment *a = &fw->adjustments[fw->adjustment_count++];
      a->id = a->text = "";
      gv_field f[] = {{"id", 0, 0},     {"delta", 0, 0}, {"text", 0, 0},
                      {"source", 0, 0}, {"note", 0, 0},  {"repeatable", 0, 0}};
      const size_t nf = sizeof f / sizeof f[0];
      if (gv_sc_read_fields(&l->sc, m, f, nf, "an adjustment") == GOVOPEN_OK) {
        const char *what = "an adjustment";
        if (gv_sc_get_id(&l->sc, m, gv_sc_fld(f, nf, "id"), GV_REQUIRED, what, &a->id) == 0 && a->id[0]) {
          void *old = NULL;
          int r = gv_hmap_put(&ids, a->id, strlen(a->id), (void *)gv_sc_fld(f, nf, "id")->value, &old);
          if (r < 0) gv_sc_set_oom(&l->sc);
          if (r == 0) {
            size_t m3 = gv_sc_path_key(&l->sc, "id");
            const gv_ynode *f0 = old, *at = gv_sc_fld(f, nf, "id")->value;
            char where[512];
            gv_sc_err_at(&l->sc, at, "framework.adjustment_repeated", "duplicate adjustment id '%s' (first at %s)",
                         a->id, declared_at(l, where, sizeof where, f0->file, f0->line, f0->col, at));
            gv_sc_path_pop(&l->sc, m3);
          }
        }
        if (gv_sc_get_score(&l->sc, m, gv_sc_fld(f, nf, "delta"), GV_REQUIRED, 1, what, &a->delta, NULL) == 0 &&
            a->delta == 0) {
          size_t m3 = gv_sc_path_key(&l->sc, "delta");
          gv_sc_err_at(&l->sc, gv_sc_fld(f, nf, "delta")->value, "framework.adjustment_zero",
                       "an adjustment's delta must not be 0");
          gv_sc_path_pop(&l->sc, m3);
        }
        gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "text"), GV_REQUIRED, 1, what, &a->text);
        gv_sc_get_strlist(&l->sc, m, gv_sc_fld(f, nf, "source"), GV_OPTIONAL, 1, what, &a->provenance, NULL);
        gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "note"), GV_OPTIONAL, 0, what, &a->note);
        gv_sc_get_bool(&l->sc, m, gv_sc_fld(f, nf, "repeatable"), what, &a->repeatable);
      }
      gv_sc_path_pop(&l->sc, m2);
    }
    gv_hmap_free(&ids);
  }
  gv_sc_path_pop(&l->sc, mark);
}

static void read_grades(ld *l, const gv_ynode *v) {
  govopen_framework *fw = l->fw;
  if (v == NULL) return;
  size_t mark = gv_sc_path_key(&l->sc, "grades");
  if (v->kind != GV_YSEQ) {
    gv_sc_err_at(&l->sc, v, "framework.grades_type", "expected a list of grades, found %s", gv_ynode_describe(v));
  } else if (v->count) {
    fw->grades = gv_arena_array(&fw->arena, v->count, sizeof(gv_grade));
    if (fw->grades == NULL) gv_sc_set_oom(&l->sc);
    gv_hmap names = {0}; /* a repeated name is found in linear time */
    for (size_t i = 0; fw->grades && i < v->count; i++) {
      size_t m2 = gv_sc_path_index(&l->sc, i);
      const gv_ynode *m = v->items[i];
      gv_grade *g = &fw->grades[fw->grade_count];
      g->name = "";
      gv_field f[] = {{"name", 0, 0}, {"min", 0, 0}};
      if (gv_sc_read_fields(&l->sc, m, f, 2, "a grade") == GOVOPEN_OK) {
        gv_sc_get_name(&l->sc, m, &f[0], GV_REQUIRED, "a grade", &g->name);
        if (gv_sc_get_score(&l->sc, m, &f[1], GV_REQUIRED, 0, "a grade", &g->min, NULL) == 0) {
          size_t m3 = gv_sc_path_key(&l->sc, "min");
          char a[32], b[32];
          if (g->min > fw->total) {
            gv_sc_fmt_cents(a, sizeof a, g->min);
            gv_sc_fmt_cents(b, sizeof b, fw->total);
            gv_sc_err_at(&l->sc, f[1].value, "framework.grade_above_total",
                         "the grade's minimum %s is above the total %s", a, b);
          } else if (fw->grade_count && g->min >= fw->grades[fw->grade_count - 1].min) {
            gv_sc_fmt_cents(a, sizeof a, g->min);
            gv_sc_fmt_cents(b, sizeof b, fw->grades[fw->grade_count - 1].min);
            gv_sc_err_at(&l->sc, f[1].value, "framework.grades_order",
                         "grades go from the highest band down: %s is not below the previous minimum %s", a, b);
          }
          gv_sc_path_pop(&l->sc, m3);
        }
        void *old = NULL;
        int r = g->name[0] ? gv_hmap_put(&names, g->name, strlen(g->name), (void *)f[0].value, &old) : 1;
        if (r < 0) {
          gv_sc_set_oom(&l->sc);
        } else if (r == 0) {
          const gv_ynode *f0 = old;
          char where[512];
          size_t m3 = gv_sc_path_key(&l->sc, "name");
          gv_sc_err_at(&l->sc, f[0].value, "framework.grade_repeated", "duplicate grade '%s' (first at %s)", g->name,
                       declared_at(l, where, sizeof where, f0->file, f0->line, f0->col, f[0].value));
          gv_sc_path_pop(&l->sc, m3);
        }
      }
      fw->grade_count++;
      gv_sc_path_pop(&l->sc, m2);
    }
    gv_hmap_free(&names);
  }
  gv_sc_path_pop(&l->sc, mark);
}

/* --- finishing -------------------------------------------------------------- */

/* Points under each indicator: children before parents, the pre-order array
   walked backwards. */
static void count_points(govopen_framework *fw) {
  fw->root.total_points = fw->root.point_count;
  for (size_t i = fw->node_count; i-- > 0;) {
    govopen_node *n = fw->nodes[i];
    n->total_points += n->point_count;
    ((govopen_node *)n->parent)->total_points += n->total_points;
  }
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
      gv_sc_set_oom(&l->sc);
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
    gv_sc_set_oom(&l->sc);
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
  count_points(fw);
  settle_tree(l);
  compile_rules(l);
  build_duties(l);
}

static void read_document(ld *l, const gv_ynode *root) {
  govopen_framework *fw = l->fw;
  gv_field f[] = {{"schema", 0, 0}, {"framework", 0, 0},  {"sampling_methods", 0, 0}, {"units", 0, 0},
                  {"groups", 0, 0}, {"indicators", 0, 0}, {"adjustments", 0, 0},      {"grades", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  if (gv_sc_read_fields(&l->sc, root, f, nf, "a framework document") != GOVOPEN_OK) return;
  const char *what = "the document";
  int64_t schema = 0;
  if (gv_sc_get_int(&l->sc, root, gv_sc_fld(f, nf, "schema"), GV_REQUIRED, what, &schema) == 0) {
    if (schema > GOVOPEN_SCHEMA_VERSION) {
      gv_diag_add(l->sc.d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_EVERSION, l->sc.src, gv_sc_fld(f, nf, "schema")->value->line,
                  gv_sc_fld(f, nf, "schema")->value->col, "schema", "schema.version_too_new",
                  "the document's format is schema %lld, newer than this library reads (%d): upgrade libgovopen",
                  (long long)schema, GOVOPEN_SCHEMA_VERSION);
      return; /* the rest follows rules we do not know */
    }
    if (schema < 1) {
      size_t mark = gv_sc_path_key(&l->sc, "schema");
      gv_sc_err_at(&l->sc, gv_sc_fld(f, nf, "schema")->value, "schema.version_invalid",
                   "the schema version must be 1 or more, not %lld", (long long)schema);
      gv_sc_path_pop(&l->sc, mark);
    }
    fw->schema = (int)schema;
  }
  const gv_field *fm = gv_sc_fld(f, nf, "framework");
  if (fm->value == NULL) {
    gv_sc_err_at(&l->sc, root, "framework.document_missing", "the document has no 'framework' (it is required)");
  } else {
    size_t mark = gv_sc_path_key(&l->sc, "framework");
    read_meta(l, fm->value);
    gv_sc_path_pop(&l->sc, mark);
  }
  if (fw->id == NULL) fw->id = "";
  if (fw->title == NULL) fw->title = "";
  if (fw->calendar == NULL) fw->calendar = "cn";
  read_methods(l, gv_sc_fld(f, nf, "sampling_methods")->value);
  read_units(l, gv_sc_fld(f, nf, "units")->value, root);
  if (l->sc.d->first_code == GOVOPEN_ELIMIT) return; /* the rest would only echo it */
  read_groups(l, gv_sc_fld(f, nf, "groups")->value);
  read_indicators(l, gv_sc_fld(f, nf, "indicators")->value, root);
  read_adjustments(l, gv_sc_fld(f, nf, "adjustments")->value);
  read_grades(l, gv_sc_fld(f, nf, "grades")->value);
  if (gv_sc_status(&l->sc) == GOVOPEN_OK && gv_diags_status(l->sc.d) != GOVOPEN_ENOMEM) finish(l);
}

int gv_framework_load(govopen_framework **out, const char *data, size_t len, const char *source,
                      const gv_load_limits *lim, gv_framework_base_fn base_fn, govopen_error **err) {
  *out = NULL;
  if (err) *err = NULL;
  gv_diags d = {0};
  d.max = lim->max_diagnostics;
  gv_ydoc doc = {0};
  gv_ylimits yl = {lim->max_size, lim->max_depth, lim->max_nodes, lim->max_aliases};
  const char *src = source ? source : "";
  int status = gv_yaml_parse(&doc, data, len, src, &yl, &d);
  govopen_framework *fw = NULL;
  gv_overlay overlay = {0};
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
      gv_sc_init(&l.sc, &d, src, &fw->arena, lim);
      /* the document's nodes become the framework's (adopted below): its
         strings and rules' trees are used where they are, not copied */
      l.sc.borrow = 1;
      l.lim = lim;
      if (fw->source_name == NULL) {
        gv_sc_set_oom(&l.sc);
      } else if (doc.root == NULL) {
        gv_diag_add(&d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ESCHEMA, src, 1, 1, "", "framework.document_empty",
                    "the document is empty: expected a framework (a mapping)");
      } else {
        const gv_ynode *root;
        if (gv_overlay_apply(&overlay, &l.sc, doc.root, src, lim, base_fn, &root) == GOVOPEN_OK)
          read_document(&l, root);
      }
      if (gv_buf_status(&l.sc.path) != GOVOPEN_OK) gv_diag_oom(&d, src);
      gv_buf_free(&l.sc.path);
      gv_vec_free(&l.nodes);
      gv_vec_free(&l.points);
      marks_free(&l.in_list);
      marks_free(&l.entry_units);
      marks_free(&l.entry_groups);
      free(l.by_kind);
    }
  }
  if (fw) {
    gv_arena_adopt(&fw->arena, &doc.arena);
    gv_overlay_adopt(&fw->arena, &overlay);
  } else {
    gv_ydoc_free(&doc);
    gv_overlay_free(&overlay);
  }
  if (lim->strict) gv_diags_promote_warnings(&d);
  if (gv_diags_status(&d) != 0) {
    gv_framework_free(fw);
    return gv_diags_finish(&d, err);
  }
  fw->warnings = gv_diags_take(&d);
  *out = fw;
  return GOVOPEN_OK;
}
