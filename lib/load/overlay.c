/* Framework overlays (load/overlay.h): a document with `extends: BASE`
 * changes its base. The base is read (a built-in, or a file next to the
 * overlay), its own `extends` applied first, and the overlay's sections are
 * applied to a copy of its tree, in this order: `indicators` (a whole new
 * tree), `remove`, `units`, `groups`, `adjustments` (replaced or added by
 * id), `grades` (replaced), `framework` and `sampling_methods` (merged),
 * `nodes` and `points` (changed, added or moved by id). The framework loader
 * then validates the merged tree as any framework; its nodes keep their
 * documents, so its errors name the file and line that caused them. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "load/overlay.h"

typedef struct ov {
  gv_overlay *o;
  gv_schema *sc;
  const gv_load_limits *lim;
  gv_framework_base_fn fn;
  const char *keys[GV_MAX_EXTENDS + 2]; /* the chain being read, for cycles */
  size_t depth;
} ov;

/* --- building nodes (in the overlay's arena) ------------------------------------------- */

static gv_ynode *node_new(ov *v, gv_ykind kind, const gv_ynode *like) {
  gv_ynode *n = gv_arena_alloc(&v->o->arena, sizeof *n);
  if (n == NULL) {
    gv_sc_set_oom(v->sc);
    return NULL;
  }
  memset(n, 0, sizeof *n);
  n->kind = kind;
  n->weight = 1;
  if (like) {
    n->line = like->line;
    n->col = like->col;
    n->file = like->file;
  }
  return n;
}

/* A string scalar holding `text`, placed where `like` is. */
static gv_ynode *str_new(ov *v, const char *text, size_t len, const gv_ynode *like) {
  gv_ynode *n = node_new(v, GV_YSCALAR, like);
  if (n == NULL) return NULL;
  n->type = GV_YT_STR;
  n->text = gv_arena_strndup(&v->o->arena, text, len);
  n->len = len;
  if (n->text == NULL) gv_sc_set_oom(v->sc);
  return n->text ? n : NULL;
}

/* A container whose items are `count` slots (pairs count twice), copied
   from `items` when not NULL. */
static int set_items(ov *v, gv_ynode *n, gv_ynode *const *items, size_t slots) {
  n->items = NULL;
  n->count = n->kind == GV_YMAP ? slots / 2 : slots;
  if (slots == 0) return 0;
  n->items = gv_arena_array(&v->o->arena, slots, sizeof *n->items);
  if (n->items == NULL) {
    gv_sc_set_oom(v->sc);
    return -1;
  }
  if (items) memcpy(n->items, items, slots * sizeof *n->items);
  return 0;
}

static size_t slots_of(const gv_ynode *n) { return n->kind == GV_YMAP ? 2 * n->count : n->count; }

/* A container like `n` with its own items array (the items shared). */
static gv_ynode *shallow_copy(ov *v, const gv_ynode *n) {
  gv_ynode *c = node_new(v, n->kind, n);
  if (c == NULL || set_items(v, c, n->items, slots_of(n)) != 0) return NULL;
  return c;
}

/* Containers copied all the way down, scalars shared: a tree to edit. */
static gv_ynode *tree_copy(ov *v, const gv_ynode *n) {
  if (n->kind == GV_YSCALAR) return (gv_ynode *)n;
  gv_ynode *c = shallow_copy(v, n);
  for (size_t i = 0; c && i < slots_of(c); i++)
    if ((c->items[i] = tree_copy(v, c->items[i])) == NULL) return NULL;
  return c;
}

/* Inserts `k` slots at slot `at` of container `n`. */
static int insert_slots(ov *v, gv_ynode *n, size_t at, gv_ynode *const *items, size_t k) {
  size_t old = slots_of(n);
  gv_ynode **prev = n->items;
  if (set_items(v, n, NULL, old + k) != 0) return -1;
  if (at) memcpy(n->items, prev, at * sizeof *prev);
  memcpy(n->items + at, items, k * sizeof *items);
  if (old > at) memcpy(n->items + at + k, prev + at, (old - at) * sizeof *prev);
  return 0;
}

static void remove_slots(gv_ynode *n, size_t at, size_t k) {
  size_t slots = slots_of(n);
  memmove(n->items + at, n->items + at + k, (slots - at - k) * sizeof *n->items);
  n->count -= n->kind == GV_YMAP ? k / 2 : k;
}

static int text_is(const gv_ynode *n, const char *s, size_t len) {
  return n && n->kind == GV_YSCALAR && n->len == len && memcmp(n->text, s, len) == 0;
}

/* The index of the pair with key `key`, or -1. */
static long map_find(const gv_ynode *m, const char *key) {
  if (m == NULL || m->kind != GV_YMAP) return -1;
  for (size_t i = 0; i < m->count; i++)
    if (text_is(gv_ymap_key(m, i), key, strlen(key))) return (long)i;
  return -1;
}

static gv_ynode *map_get(const gv_ynode *m, const char *key) {
  long i = map_find(m, key);
  return i < 0 ? NULL : gv_ymap_value(m, (size_t)i);
}

/* Sets `key` (the node `key_node`) to `value` in `m`, in place of the
   pair with that key or after the others; a null `value` removes the pair.
   The nodes are shared, never changed through `m`. */
static int map_put(ov *v, gv_ynode *m, const gv_ynode *key_node, const gv_ynode *value) {
  long i = map_find(m, key_node->text);
  int remove = value->kind == GV_YSCALAR && value->type == GV_YT_NULL;
  if (i >= 0 && remove) {
    remove_slots(m, 2 * (size_t)i, 2);
  } else if (i >= 0) {
    m->items[2 * i] = (gv_ynode *)key_node;
    m->items[2 * i + 1] = (gv_ynode *)value;
  } else if (!remove) {
    gv_ynode *pair[2] = {(gv_ynode *)key_node, (gv_ynode *)value};
    return insert_slots(v, m, slots_of(m), pair, 2);
  }
  return 0;
}

/* The text of an id given in the overlay: a non-empty scalar, else an
   error (NULL). */
static const char *id_text(ov *v, const gv_ynode *n, const char *what) {
  if (n == NULL || n->kind != GV_YSCALAR || n->type == GV_YT_NULL || n->len == 0) {
    gv_sc_err_at(v->sc, n, "%s must be an id, found %s", what, n ? gv_ynode_describe(n) : "nothing");
    return NULL;
  }
  return n->text;
}

/* --- the indicator tree ---------------------------------------------------------------------- */

/* Gives every indicator of `seq` an explicit id: the default one, its
   dotted position, as the loader would, so that the overlay's references
   stay true however it reorders the tree. */
static int fix_ids(ov *v, gv_ynode *seq, const char *prefix) {
  for (size_t i = 0; seq && seq->kind == GV_YSEQ && i < seq->count; i++) {
    gv_ynode *m = seq->items[i];
    if (m->kind != GV_YMAP) continue;
    gv_buf id = {0};
    gv_ynode *given = map_get(m, "id");
    if (given && given->kind == GV_YSCALAR) {
      gv_buf_append(&id, given->text, given->len);
    } else if (given == NULL) {
      if (prefix) {
        gv_buf_puts(&id, prefix);
        gv_buf_putc(&id, '.');
      }
      gv_buf_put_size(&id, i + 1);
      gv_ynode *pair[2] = {str_new(v, "id", 2, m), str_new(v, gv_buf_str(&id), id.len, m)};
      if (id.oom || pair[0] == NULL || pair[1] == NULL || insert_slots(v, m, 0, pair, 2) != 0) {
        gv_buf_free(&id);
        gv_sc_set_oom(v->sc);
        return -1;
      }
    }
    int r = given && given->kind != GV_YSCALAR ? 0 : fix_ids(v, map_get(m, "children"), gv_buf_str(&id));
    gv_buf_free(&id);
    if (r != 0) return -1;
  }
  return 0;
}

/* Where an indicator or a point is: the sequence holding it and its index. */
typedef struct place {
  gv_ynode *seq;
  size_t index;
} place;

/* Finds the indicator (`points` 0) or the point with id `id` in the tree
   `seq`; 0, or -1 when there is none. */
static int find(gv_ynode *seq, const char *id, int points, place *out) {
  for (size_t i = 0; seq && seq->kind == GV_YSEQ && i < seq->count; i++) {
    gv_ynode *m = seq->items[i];
    if (m->kind != GV_YMAP) continue;
    if (!points && text_is(map_get(m, "id"), id, strlen(id))) {
      *out = (place){seq, i};
      return 0;
    }
    gv_ynode *ps = map_get(m, "points");
    for (size_t j = 0; points && ps && ps->kind == GV_YSEQ && j < ps->count; j++) {
      if (text_is(map_get(ps->items[j], "id"), id, strlen(id))) {
        *out = (place){ps, j};
        return 0;
      }
    }
    if (find(map_get(m, "children"), id, points, out) == 0) return 0;
  }
  return -1;
}

/* The list `key` ("children" or "points") of the indicator with id `id`,
   made when it has none. NULL when there is no such indicator (reported at
   `at`) or out of memory. */
static gv_ynode *list_of(ov *v, gv_ynode *tree, const char *id, const char *key, const gv_ynode *at) {
  place p;
  if (find(tree, id, 0, &p) != 0) {
    gv_sc_err_at(v->sc, at, "there is no indicator '%s' to put it in", id);
    return NULL;
  }
  gv_ynode *m = p.seq->items[p.index];
  gv_ynode *list = map_get(m, key);
  if (list && list->kind == GV_YSEQ) return list;
  if (list) {
    gv_sc_err_at(v->sc, at, "the indicator '%s' has a '%s' that is not a list", id, key);
    return NULL;
  }
  gv_ynode *k = str_new(v, key, strlen(key), at), *seq = k ? node_new(v, GV_YSEQ, at) : NULL;
  if (seq == NULL || map_put(v, m, k, seq) != 0) return NULL;
  return seq;
}

/* Puts `item` into `seq` after the item whose id `after` names (its node
   `at`), or at its end; -1 when there is no such item (reported). */
static int put_after(ov *v, gv_ynode *seq, gv_ynode *item, const gv_ynode *after) {
  size_t at = seq->count;
  if (after) {
    const char *id = id_text(v, after, "'after'");
    if (id == NULL) return -1;
    for (at = 0; at < seq->count && !text_is(map_get(seq->items[at], "id"), id, strlen(id)); at++) {
    }
    if (at == seq->count) {
      gv_sc_err_at(v->sc, after, "there is no '%s' here to put it after", id);
      return -1;
    }
    at++;
  }
  return insert_slots(v, seq, at, &item, 1);
}

/* `changes` for one indicator (`points` 0) or point `key`: a new one is
   made in the indicator `in` names (a new indicator without `in` goes at
   the top); an existing one gets each key given (null: removed), and moves
   when `in` or `after` is given. */
static void change(ov *v, gv_ynode *tree, const gv_ynode *key, const gv_ynode *changes, int points) {
  static const char *const node_keys[] = {"label", "title",    "score",  "aggregate", "source",
                                          "note",  "children", "points", "in",        "after"};
  static const char *const point_keys[] = {"text",   "score", "sampling", "responsible", "rule",
                                           "source", "note",  "in",       "after"};
  const char *const *keys = points ? point_keys : node_keys;
  size_t nk = points ? sizeof point_keys / sizeof *point_keys : sizeof node_keys / sizeof *node_keys;
  gv_field f[10];
  for (size_t i = 0; i < nk; i++) f[i].key = keys[i];
  const char *what = points ? "a point's changes" : "an indicator's changes";
  if (!gv_sc_read_fields(v->sc, changes, f, nk, what)) return;
  const gv_ynode *in = gv_sc_fld(f, nk, "in")->value, *after = gv_sc_fld(f, nk, "after")->value;
  const char *id = key->text;
  place p;
  gv_ynode *m;
  if (find(tree, id, points, &p) == 0) {
    m = p.seq->items[p.index];
    if (in && p.seq->count == 1) {
      /* the error is this line's, not the base's empty list */
      gv_sc_err_at(v->sc, in, "moving '%s' leaves its indicator with no %s", id, points ? "points" : "children");
      in = after = NULL;
    }
    if (in || after) remove_slots(p.seq, p.index, 1); /* it moves */
  } else {
    if (points && in == NULL) {
      gv_sc_err_at(v->sc, key, "the base has no point '%s': a new point needs 'in', the id of its indicator", id);
      return;
    }
    gv_ynode *pair[2] = {str_new(v, "id", 2, key), str_new(v, key->text, key->len, key)};
    if (pair[0] == NULL || pair[1] == NULL || (m = node_new(v, GV_YMAP, changes)) == NULL ||
        insert_slots(v, m, 0, pair, 2) != 0)
      return;
    p.seq = NULL;
  }
  for (size_t i = 0; i < changes->count; i++) {
    gv_ynode *k = gv_ymap_key(changes, i);
    if (strcmp(k->text, "in") == 0 || strcmp(k->text, "after") == 0) continue;
    /* a copy: a point may yet be put into a new indicator's list */
    gv_ynode *value = tree_copy(v, gv_ymap_value(changes, i));
    if (value == NULL || map_put(v, m, k, value) != 0) return;
  }
  if (p.seq != NULL && in == NULL && after == NULL) return; /* changed where it is */
  gv_ynode *dest = p.seq;                                   /* moved or placed after a sibling where it was */
  if (in) {
    const char *parent = id_text(v, in, "'in'");
    if (parent == NULL) return;
    dest = list_of(v, tree, parent, points ? "points" : "children", in);
  } else if (dest == NULL) {
    dest = tree; /* a new indicator at the top */
  }
  if (dest == NULL || put_after(v, dest, m, after) != 0) {
    if (p.seq) insert_slots(v, p.seq, p.index, &m, 1); /* left where it was: no error follows from this one */
  }
}

/* `nodes` or `points`: a mapping from ids to changes. */
static void changes(ov *v, gv_ynode *tree, const gv_ynode *section, const char *name, int points) {
  if (section == NULL) return;
  size_t mark = gv_sc_path_key(v->sc, name);
  if (section->kind != GV_YMAP) {
    gv_sc_err_at(v->sc, section, "'%s' must be a mapping from ids to changes, found %s", name,
                 gv_ynode_describe(section));
  } else {
    for (size_t i = 0; i < section->count; i++) {
      const gv_ynode *k = gv_ymap_key(section, i);
      size_t m2 = gv_sc_path_key(v->sc, k->text);
      if (id_text(v, k, points ? "a point's key" : "an indicator's key"))
        change(v, tree, k, gv_ymap_value(section, i), points);
      gv_sc_path_pop(v->sc, m2);
    }
  }
  gv_sc_path_pop(v->sc, mark);
}

/* --- lists by id: units, groups, adjustments ---------------------------------------------------- */

static long list_find(const gv_ynode *seq, const char *id, size_t len) {
  for (size_t i = 0; seq && i < seq->count; i++)
    if (text_is(map_get(seq->items[i], "id"), id, len)) return (long)i;
  return -1;
}

/* A copy of the base's list `key` of `result`, to edit (an empty one when
   it has none). NULL when it is not a list: that is the loader's to report. */
static gv_ynode *editable_list(ov *v, gv_ynode *result, const char *key, const gv_ynode *at) {
  gv_ynode *base = map_get(result, key);
  if (base && base->kind != GV_YSEQ) return NULL;
  gv_ynode *copy = base ? shallow_copy(v, base) : node_new(v, GV_YSEQ, at);
  gv_ynode *k = copy ? str_new(v, key, strlen(key), at) : NULL;
  if (k == NULL || map_put(v, result, k, copy) != 0) return NULL;
  return copy;
}

/* The overlay's `units`, `groups` or `adjustments`: an item whose id is the
   base's replaces it; any other is added. */
static void by_id(ov *v, gv_ynode *result, const gv_ynode *items, const char *key, const char *what) {
  if (items == NULL) return;
  size_t mark = gv_sc_path_key(v->sc, key);
  gv_ynode *list = items->kind == GV_YSEQ ? editable_list(v, result, key, items) : NULL;
  if (items->kind != GV_YSEQ)
    gv_sc_err_at(v->sc, items, "'%s' must be a list, found %s", key, gv_ynode_describe(items));
  for (size_t i = 0; list && i < items->count; i++) {
    gv_ynode *item = items->items[i];
    gv_ynode *id = map_get(item, "id");
    size_t m2 = gv_sc_path_index(v->sc, i);
    if (item->kind != GV_YMAP || id == NULL || id->kind != GV_YSCALAR) {
      gv_sc_err_at(v->sc, item, "%s in an overlay is a mapping with an 'id' (the base's to replace, or a new one)",
                   what);
    } else {
      long at = list_find(list, id->text, id->len);
      if (at >= 0)
        list->items[at] = item;
      else
        insert_slots(v, list, list->count, &item, 1);
    }
    gv_sc_path_pop(v->sc, m2);
  }
  gv_sc_path_pop(v->sc, mark);
}

/* --- remove ----------------------------------------------------------------------------------- */

/* Drops every entry of the list `key` of mapping `m` naming one of `names`. */
static void drop_names(gv_ynode *m, const char *key, const gv_ynode *names) {
  gv_ynode *list = map_get(m, key);
  if (list == NULL || list->kind != GV_YSEQ) return;
  for (size_t i = list->count; i-- > 0;)
    for (size_t j = 0; j < names->count; j++)
      if (list->items[i]->kind == GV_YSCALAR && text_is(names->items[j], list->items[i]->text, list->items[i]->len)) {
        remove_slots(list, i, 1);
        break;
      }
}

static void drop_names_in_tree(gv_ynode *seq, const gv_ynode *names) {
  for (size_t i = 0; seq && seq->kind == GV_YSEQ && i < seq->count; i++) {
    gv_ynode *m = seq->items[i];
    gv_ynode *ps = map_get(m, "points");
    for (size_t j = 0; ps && ps->kind == GV_YSEQ && j < ps->count; j++) drop_names(ps->items[j], "responsible", names);
    drop_names_in_tree(map_get(m, "children"), names);
  }
}

/* Adds the id, the name and the aliases of the unit or group `m` to `names`. */
static void add_names(ov *v, gv_ynode *names, const gv_ynode *m) {
  const char *keys[] = {"id", "name"};
  for (size_t k = 0; k < 2; k++) {
    gv_ynode *s = map_get(m, keys[k]);
    if (s && s->kind == GV_YSCALAR) insert_slots(v, names, names->count, &s, 1);
  }
  gv_ynode *aliases = map_get(m, "aliases");
  for (size_t i = 0; aliases && aliases->kind == GV_YSEQ && i < aliases->count; i++)
    if (aliases->items[i]->kind == GV_YSCALAR) insert_slots(v, names, names->count, &aliases->items[i], 1);
}

/* `remove`: lists of ids of units, groups, indicators, points and
   adjustments of the base to leave out. A unit or group removed leaves
   every point's `responsible` and every group's `members` too. */
static void remove_section(ov *v, gv_ynode *result, gv_ynode *tree, const gv_ynode *rm) {
  if (rm == NULL) return;
  size_t mark = gv_sc_path_key(v->sc, "remove");
  gv_field f[] = {{"units", 0, 0}, {"groups", 0, 0}, {"indicators", 0, 0}, {"points", 0, 0}, {"adjustments", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  gv_ynode *names = node_new(v, GV_YSEQ, rm);
  if (names && gv_sc_read_fields(v->sc, rm, f, nf, "'remove'")) {
    for (size_t k = 0; k < nf; k++) {
      const gv_ynode *ids = f[k].value;
      if (ids == NULL) continue;
      size_t m2 = gv_sc_path_key(v->sc, f[k].key);
      int in_tree = k == 2 || k == 3;
      gv_ynode *list = ids->kind == GV_YSEQ && !in_tree ? editable_list(v, result, f[k].key, ids) : NULL;
      if (ids->kind != GV_YSEQ)
        gv_sc_err_at(v->sc, ids, "'%s' must be a list of ids, found %s", f[k].key, gv_ynode_describe(ids));
      for (size_t i = 0; ids->kind == GV_YSEQ && i < ids->count; i++) {
        size_t m3 = gv_sc_path_index(v->sc, i);
        const char *id = id_text(v, ids->items[i], "an item to remove");
        place p;
        long at = -1;
        if (id && in_tree && find(tree, id, k == 3, &p) == 0 && p.seq->count == 1 && k == 3) {
          /* kept: the error is this line's, not the base's empty list */
          gv_sc_err_at(v->sc, ids->items[i],
                       "removing '%s' leaves its indicator with no points: remove the indicator instead", id);
        } else if (id && in_tree && find(tree, id, k == 3, &p) == 0) {
          remove_slots(p.seq, p.index, 1);
        } else if (id && !in_tree && list && (at = list_find(list, id, strlen(id))) >= 0) {
          if (k < 2) add_names(v, names, list->items[at]);
          remove_slots(list, (size_t)at, 1);
        } else if (id) {
          static const char *const kinds[] = {"unit", "group", "indicator", "point", "adjustment"};
          gv_sc_err_at(v->sc, ids->items[i], "the base has no %s '%s' to remove", kinds[k], id);
        }
        gv_sc_path_pop(v->sc, m3);
      }
      gv_sc_path_pop(v->sc, m2);
    }
  }
  if (names && names->count) {
    drop_names_in_tree(tree, names);
    gv_ynode *groups = map_get(result, "groups");
    if (groups && groups->kind == GV_YSEQ) {
      groups = editable_list(v, result, "groups", rm);
      for (size_t i = 0; groups && i < groups->count; i++) {
        gv_ynode *g = shallow_copy(v, groups->items[i]);
        gv_ynode *members = g ? map_get(g, "members") : NULL;
        if (g == NULL) break;
        if (members && members->kind == GV_YSEQ) {
          gv_ynode *copy = shallow_copy(v, members);
          gv_ynode *k = copy ? str_new(v, "members", 7, members) : NULL;
          if (k == NULL || map_put(v, g, k, copy) != 0) break;
          drop_names(g, "members", names);
        }
        groups->items[i] = g;
      }
    }
  }
  gv_sc_path_pop(v->sc, mark);
}

/* --- merging ------------------------------------------------------------------------------------- */

/* The keys of `over` merged over the mapping `result[key]` (null: removed). */
static void merge_map(ov *v, gv_ynode *result, const char *key, const gv_ynode *over) {
  if (over == NULL) return;
  gv_ynode *base = map_get(result, key);
  if (over->kind != GV_YMAP || (base && base->kind != GV_YMAP)) {
    gv_sc_err_at(v->sc, over, "'%s' in an overlay is a mapping of the keys it changes, found %s", key,
                 gv_ynode_describe(over));
    return;
  }
  gv_ynode *copy = base ? shallow_copy(v, base) : node_new(v, GV_YMAP, over);
  gv_ynode *k = copy ? str_new(v, key, strlen(key), over) : NULL;
  if (k == NULL || map_put(v, result, k, copy) != 0) return;
  for (size_t i = 0; i < over->count; i++)
    if (map_put(v, copy, gv_ymap_key(over, i), gv_ymap_value(over, i)) != 0) return;
}

/* The overlay `over` applied to its base's (merged) document `base`. */
static gv_ynode *merge(ov *v, const gv_ynode *base, const gv_ynode *over) {
  gv_field f[] = {{"schema", 0, 0}, {"extends", 0, 0},     {"framework", 0, 0},  {"sampling_methods", 0, 0},
                  {"units", 0, 0},  {"groups", 0, 0},      {"indicators", 0, 0}, {"nodes", 0, 0},
                  {"points", 0, 0}, {"adjustments", 0, 0}, {"grades", 0, 0},     {"remove", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  if (!gv_sc_read_fields(v->sc, over, f, nf, "an overlay")) return NULL;
  if (base->kind != GV_YMAP) {
    gv_sc_err_at(v->sc, base, "the base is not a framework: expected a mapping, found %s", gv_ynode_describe(base));
    return NULL;
  }
  gv_ynode *result = shallow_copy(v, base);
  if (result == NULL) return NULL;
  if (gv_sc_fld(f, nf, "schema")->value == NULL)
    gv_sc_err_at(v->sc, over, "the overlay has no 'schema' (it is required)");
  else if (map_put(v, result, gv_sc_fld(f, nf, "schema")->key_node, gv_sc_fld(f, nf, "schema")->value) != 0)
    return NULL;
  /* the tree, whole or the base's, made editable with every id explicit */
  const gv_field *fi = gv_sc_fld(f, nf, "indicators");
  const gv_ynode *tree_src = fi->value ? fi->value : map_get(result, "indicators");
  gv_ynode *tree = NULL;
  if (tree_src && tree_src->kind == GV_YSEQ) {
    gv_ynode *k = str_new(v, "indicators", 10, fi->key_node ? fi->key_node : tree_src);
    tree = tree_copy(v, tree_src);
    if (k == NULL || tree == NULL || map_put(v, result, k, tree) != 0 || fix_ids(v, tree, NULL) != 0) return NULL;
  } else if (fi->value) {
    map_put(v, result, fi->key_node, fi->value); /* not a list: the loader says so */
  }
  remove_section(v, result, tree, gv_sc_fld(f, nf, "remove")->value);
  by_id(v, result, gv_sc_fld(f, nf, "units")->value, "units", "a unit");
  by_id(v, result, gv_sc_fld(f, nf, "groups")->value, "groups", "a group");
  by_id(v, result, gv_sc_fld(f, nf, "adjustments")->value, "adjustments", "an adjustment");
  const gv_field *fg = gv_sc_fld(f, nf, "grades");
  if (fg->value && map_put(v, result, fg->key_node, fg->value) != 0) return NULL;
  merge_map(v, result, "framework", gv_sc_fld(f, nf, "framework")->value);
  const gv_field *fm = gv_sc_fld(f, nf, "sampling_methods");
  if (fm->value && fm->value->kind != GV_YSEQ) {
    gv_sc_err_at(v->sc, fm->value, "'sampling_methods' must be a list, found %s", gv_ynode_describe(fm->value));
  } else if (fm->value) {
    gv_ynode *list = editable_list(v, result, "sampling_methods", fm->value);
    if (list) insert_slots(v, list, list->count, fm->value->items, fm->value->count);
  }
  const gv_ynode *fn = gv_sc_fld(f, nf, "nodes")->value, *fp = gv_sc_fld(f, nf, "points")->value;
  if ((fn || fp) && tree == NULL) {
    gv_sc_err_at(v->sc, fn ? fn : fp, "the base has no list of indicators to change");
    return result;
  }
  changes(v, tree, fn, "nodes", 0);
  changes(v, tree, fp, "points", 1);
  return result;
}

/* --- the chain of bases ------------------------------------------------------------------------- */

static void mark_file(gv_ynode *n, uint16_t file) {
  n->file = file;
  for (size_t i = 0; n->kind != GV_YSCALAR && i < slots_of(n); i++) mark_file(n->items[i], file);
}

static void base_doc_free(gv_base_doc *b) {
  for (size_t i = 0; i < 3; i++) free(b->owned[i]);
  memset(b, 0, sizeof *b);
}

/* The directory part of `source` joined to `spec`, into the arena; `spec`
   itself when it is absolute or `source` has no directory. */
static const char *resolve_path(ov *v, const char *source, const char *spec) {
  const char *slash = strrchr(source, '/');
  if (spec[0] == '/' || slash == NULL) return spec;
  size_t dir = (size_t)(slash - source) + 1, n = strlen(spec);
  char *p = gv_arena_alloc(&v->o->arena, dir + n + 1);
  if (p == NULL) {
    gv_sc_set_oom(v->sc);
    return NULL;
  }
  memcpy(p, source, dir);
  memcpy(p + dir, spec, n + 1);
  return p;
}

static const gv_ynode *apply(ov *v, const gv_ynode *root, const char *source, int builtin);

/* Reads the base `at` names for the document `source` and returns it with
   its own bases applied; NULL when it cannot (reported). */
static const gv_ynode *read_base(ov *v, const gv_ynode *at, const char *source, int builtin) {
  gv_schema *sc = v->sc;
  if (at->kind != GV_YSCALAR || at->type != GV_YT_STR || at->len == 0 || memchr(at->text, '\0', at->len)) {
    gv_sc_err_at(sc, at, "'extends' names the base: a built-in framework's id or a file, found %s",
                 gv_ynode_describe(at));
    return NULL;
  }
  if (v->depth >= GV_MAX_EXTENDS) {
    gv_diag_add(sc->d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ELIMIT, gv_sc_src(sc, at), at->line, at->col, "extends",
                "more than %d bases in one chain of 'extends'", GV_MAX_EXTENDS);
    return NULL;
  }
  const char *path = builtin ? NULL : resolve_path(v, source, at->text);
  if (!builtin && path == NULL) return NULL;
  gv_base_doc b = {0};
  char msg[512] = "";
  int r = v->fn ? v->fn(at->text, path, v->lim, &b, msg, sizeof msg) : GOVOPEN_ENOTFOUND;
  if (r != GOVOPEN_OK) {
    gv_diag_add(sc->d, GOVOPEN_SEVERITY_ERROR, r == GOVOPEN_ENOMEM ? GOVOPEN_ENOMEM : GOVOPEN_ESCHEMA,
                gv_sc_src(sc, at), at->line, at->col, "extends", "cannot read the base '%s': %s", at->text,
                msg[0] ? msg : govopen_status_str(r));
    base_doc_free(&b);
    return NULL;
  }
  for (size_t i = 0; i <= v->depth; i++) {
    if (v->keys[i] && strcmp(v->keys[i], b.key) == 0) {
      gv_diag_add(sc->d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ESCHEMA, gv_sc_src(sc, at), at->line, at->col, "extends",
                  "'extends' goes round in a circle: '%s' is already being extended", b.name);
      base_doc_free(&b);
      return NULL;
    }
  }
  /* the base's name and key outlive its text: diagnostics and the chain need them */
  gv_overlay *o = v->o;
  const char **files = realloc(o->files, (o->file_count + 1) * sizeof *files);
  gv_ydoc *docs = files ? realloc(o->docs, (o->doc_count + 1) * sizeof *docs) : NULL;
  if (files) o->files = files;
  if (docs) o->docs = docs;
  const char *name = gv_arena_strdup(&o->arena, b.name), *key = name ? gv_arena_strdup(&o->arena, b.key) : NULL;
  int is_builtin = strncmp(b.key, "builtin:", 8) == 0;
  if (files == NULL || docs == NULL || key == NULL || o->file_count >= UINT16_MAX - 1) {
    base_doc_free(&b);
    gv_sc_set_oom(sc);
    return NULL;
  }
  o->files[o->file_count++] = name;
  sc->files = o->files;
  sc->file_count = o->file_count;
  gv_ydoc *doc = &o->docs[o->doc_count++];
  memset(doc, 0, sizeof *doc);
  gv_ylimits yl = {v->lim->max_size, v->lim->max_depth, v->lim->max_nodes, v->lim->max_aliases};
  r = gv_yaml_parse(doc, b.data ? b.data : "", b.len, name, &yl, sc->d);
  base_doc_free(&b);
  if (r != 0) return NULL;
  if (doc->root == NULL) {
    gv_diag_add(sc->d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ESCHEMA, name, 1, 1, "",
                "the base is empty: expected a framework");
    return NULL;
  }
  mark_file(doc->root, (uint16_t)o->file_count);
  v->keys[++v->depth] = key;
  const gv_ynode *merged = apply(v, doc->root, name, is_builtin);
  v->depth--;
  return merged;
}

static const gv_ynode *apply(ov *v, const gv_ynode *root, const char *source, int builtin) {
  const gv_ynode *at = map_get(root, "extends");
  if (at == NULL) return root;
  const gv_ynode *base = read_base(v, at, source, builtin);
  if (base == NULL) return NULL;
  /* validated even when the overlay had errors, so that every problem is
     reported at once: the framework fails to load either way */
  gv_ynode *merged = merge(v, base, root);
  return v->sc->oom ? NULL : merged;
}

const gv_ynode *gv_overlay_apply(gv_overlay *o, gv_schema *sc, const gv_ynode *root, const char *source,
                                 const gv_load_limits *lim, gv_framework_base_fn fn) {
  if (root == NULL || root->kind != GV_YMAP || map_find(root, "extends") < 0) return root;
  ov v = {0};
  v.o = o;
  v.sc = sc;
  v.lim = lim;
  v.fn = fn;
  v.keys[0] = source;
  char real[PATH_MAX]; /* a file's own path, when it is one, closes a cycle through it */
  if (realpath(source, real)) v.keys[0] = gv_arena_strdup(&o->arena, real);
  if (v.keys[0] == NULL) {
    gv_sc_set_oom(sc);
    return NULL;
  }
  return apply(&v, root, source, 0);
}

void gv_overlay_adopt(gv_arena *into, gv_overlay *o) {
  for (size_t i = 0; i < o->doc_count; i++) gv_arena_adopt(into, &o->docs[i].arena);
  gv_arena_adopt(into, &o->arena);
  gv_overlay_free(o);
}

void gv_overlay_free(gv_overlay *o) {
  for (size_t i = 0; i < o->doc_count; i++) gv_ydoc_free(&o->docs[i]);
  gv_arena_free(&o->arena);
  free(o->docs);
  free(o->files);
  memset(o, 0, sizeof *o);
}
