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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/overlay.h"
#include "govopen/options.h"
#include "util/buf.h"
#include "util/hmap.h"

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

/* A container whose items are `slots` slots (pairs count twice), copied
   from `items` when not NULL: GOVOPEN_OK, or GOVOPEN_ENOMEM (reported) with
   `n` as it was. */
static int set_items(ov *v, gv_ynode *n, gv_ynode *const *items, size_t slots) {
  gv_ynode **a = NULL;
  if (slots) {
    a = gv_arena_array(&v->o->arena, slots, sizeof *a);
    if (a == NULL) return gv_sc_set_oom(v->sc);
    if (items) memcpy(a, items, slots * sizeof *a);
  }
  n->items = a;
  n->count = n->kind == GV_YMAP ? slots / 2 : slots;
  return GOVOPEN_OK;
}

static size_t slots_of(const gv_ynode *n) { return n->kind == GV_YMAP ? 2 * n->count : n->count; }

/* A container like `n` with its own items array (the items shared). */
static gv_ynode *shallow_copy(ov *v, const gv_ynode *n) {
  gv_ynode *c = node_new(v, n->kind, n);
  if (c == NULL || set_items(v, c, n->items, slots_of(n)) != 0) return NULL;
  return c;
}

/* Inserts `k` slots at slot `at` of container `n`: a new items array, so
   only for the few keys of one mapping or a list extended once. GOVOPEN_OK,
   or GOVOPEN_ENOMEM (reported). */
static int insert_slots(ov *v, gv_ynode *n, size_t at, gv_ynode *const *items, size_t k) {
  size_t old = slots_of(n);
  gv_ynode **prev = n->items;
  gv_ynode **a = gv_arena_array(&v->o->arena, old + k, sizeof *a);
  if (a == NULL) return gv_sc_set_oom(v->sc);
  if (at) memcpy(a, prev, at * sizeof *prev);
  memcpy(a + at, items, k * sizeof *items);
  if (old > at) memcpy(a + at + k, prev + at, (old - at) * sizeof *prev);
  n->items = a;
  n->count += n->kind == GV_YMAP ? k / 2 : k;
  return GOVOPEN_OK;
}

static void remove_slots(gv_ynode *n, size_t at, size_t k) {
  size_t slots = slots_of(n);
  memmove(n->items + at, n->items + at + k, (slots - at - k) * sizeof *n->items);
  n->count -= n->kind == GV_YMAP ? k / 2 : k;
}

static int text_is(const gv_ynode *n, const char *s, size_t len) {
  return n && n->kind == GV_YSCALAR && n->len == len && memcmp(n->text, s, len) == 0;
}

/* The index of the pair with key `key`, or -1. Linear: for the keys of
   one mapping, which the schema bounds. */
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

static int is_null(const gv_ynode *n) { return n->kind == GV_YSCALAR && n->type == GV_YT_NULL; }

/* Sets `key` (the node `key_node`) to `value` in `m`, in place of the
   pair with that key or after the others; a null `value` removes the pair.
   The nodes are shared, never changed through `m`. GOVOPEN_OK, or
   GOVOPEN_ENOMEM (reported). */
static int map_put(ov *v, gv_ynode *m, const gv_ynode *key_node, const gv_ynode *value) {
  long i = map_find(m, key_node->text);
  int remove = is_null(value);
  if (i >= 0 && remove) {
    remove_slots(m, 2 * (size_t)i, 2);
  } else if (i >= 0) {
    m->items[2 * i] = (gv_ynode *)key_node;
    m->items[2 * i + 1] = (gv_ynode *)value;
  } else if (!remove) {
    gv_ynode *pair[2] = {(gv_ynode *)key_node, (gv_ynode *)value};
    return insert_slots(v, m, slots_of(m), pair, 2);
  }
  return GOVOPEN_OK;
}

/* The text of an id given in the overlay, a non-empty scalar, into `*out`:
   GOVOPEN_OK, else an error at `n` and gv_sc_failed() (`*out` NULL). */
static int id_text(ov *v, const gv_ynode *n, const char *what, const char **out) {
  *out = NULL;
  if (n == NULL || n->kind != GV_YSCALAR || n->type == GV_YT_NULL || n->len == 0) {
    gv_sc_err_at(v->sc, n, "overlay.id_type", "%s must be an id, found %s", what, n ? gv_ynode_describe(n) : "nothing");
    return gv_sc_failed(v->sc);
  }
  *out = n->text;
  return GOVOPEN_OK;
}

/* Sets `key` → `value` in a set of names or ids (kept when there): GOVOPEN_OK,
   or GOVOPEN_ENOMEM (reported). */
static int set_put(ov *v, gv_hmap *h, const char *key, size_t len, void *value) {
  if (gv_hmap_put(h, key, len, value, NULL) >= 0) return GOVOPEN_OK;
  return gv_sc_set_oom(v->sc);
}

/* --- the indicator tree ---------------------------------------------------------------------- */

/* The tree being edited: every item of the indicators' lists (an indicator,
   a point, or whatever a list holds) is linked into its list and found by
   id through an index, so that a change costs what it touches, not the
   size of the tree or of a list; no walk along the tree recurses. The lists
   are written back into the mappings once every change is made. */
enum { KIDS = 0, PTS = 1 };
static const char *const list_key[2] = {"children", "points"};

typedef struct tn tn;
struct tn {
  gv_ynode *m;            /* the item: its mapping, copied to edit (or what the list held) */
  tn *parent;             /* the indicator whose list holds it (the root at the top); NULL while it moves */
  tn *prev, *next;        /* in that list */
  tn *first[2], *last[2]; /* an indicator's lists: its children, its points */
  size_t count[2];
  const gv_ynode *list_at[2]; /* each list as written; NULL when the mapping has none that is a list */
  const char *id;             /* its id (an indicator of the starting tree: given or its default), or NULL */
  size_t id_len;
  const gv_ynode *by, *by_key; /* what put it here: an entry's `in` (or its key), and that key; NULL: the base */
  size_t seq;                  /* that entry's order, from 1 (0: the base) */
  const tn *latest;            /* the depth check: the item put last on its way from the top */
  size_t depth;
  unsigned char which; /* the list of its parent it is in: KIDS or PTS */
  unsigned char dead;  /* out of the tree: removed, or its list replaced */
  unsigned char grown; /* its lists are made and it is indexed */
  unsigned char fix;   /* its children get their default ids (the tree the overlay starts from) */
};

typedef struct otree {
  tn root;
  gv_hmap ids[2]; /* indicators', points': id → the first item made with it */
  size_t seq;     /* the entry being applied, and what it puts where */
  const gv_ynode *by, *by_key;
  int too_deep; /* the tree's depth limit was reported: the merge stops */
} otree;

/* The next item after `x` in pre-order (its own lists first when `down`,
   then its siblings, then its ancestors'), within `top`; NULL at the end.
   The links are the way back up: no stack, whatever the depth. */
static tn *tn_next(tn *x, const tn *top, int down) {
  if (down && x->first[KIDS]) return x->first[KIDS];
  if (down && x->first[PTS]) return x->first[PTS];
  while (x != top) {
    tn *p = x->parent;
    if (x->next) return x->next;
    if (x->which == KIDS && p->first[PTS]) return p->first[PTS];
    x = p;
  }
  return NULL;
}

static int is_indicator(const otree *t, const tn *x) {
  return x == &t->root || (x->which == KIDS && x->m->kind == GV_YMAP);
}

/* Links `x` into list `k` of `p`, after `prev` (NULL: first). */
static void tn_link(tn *p, int k, tn *prev, tn *x) {
  x->parent = p;
  x->which = (unsigned char)k;
  x->prev = prev;
  x->next = prev ? prev->next : p->first[k];
  if (x->next)
    x->next->prev = x;
  else
    p->last[k] = x;
  if (prev)
    prev->next = x;
  else
    p->first[k] = x;
  p->count[k]++;
}

static void tn_unlink(tn *x) {
  tn *p = x->parent;
  if (x->prev)
    x->prev->next = x->next;
  else
    p->first[x->which] = x->next;
  if (x->next)
    x->next->prev = x->prev;
  else
    p->last[x->which] = x->prev;
  p->count[x->which]--;
  x->parent = x->prev = x->next = NULL;
}

/* Takes `x` and everything under it out of the tree (and the index). */
static void tn_kill(tn *x) {
  for (tn *y = x; y; y = tn_next(y, x, 1)) y->dead = 1;
}

/* The live item with id `id` among indicators (KIDS) or points (PTS). */
static tn *tn_find(otree *t, int k, const char *id) {
  tn *x = gv_hmap_get(&t->ids[k], id, strlen(id));
  return x && !x->dead ? x : NULL;
}

/* An item for `n`, put by the entry being applied; its mapping is `n`
   itself when `own`, else a copy. An indicator of the starting tree
   without an id gets its default one, its dotted position `parent`.`i+1`
   as the loader would give it, so that the overlay's references stay true
   however it reorders the tree. */
static tn *tn_make(ov *v, otree *t, const gv_ynode *n, int k, const tn *parent, size_t i, int own) {
  tn *x = gv_arena_alloc(&v->o->arena, sizeof *x);
  if (x == NULL) {
    gv_sc_set_oom(v->sc);
    return NULL;
  }
  memset(x, 0, sizeof *x);
  x->which = (unsigned char)k;
  x->seq = t->seq;
  x->by = t->by;
  x->by_key = t->by_key;
  x->m = (gv_ynode *)n;
  if (n->kind != GV_YMAP) return x;
  const gv_ynode *given = map_get(n, "id");
  int fix = parent && parent->fix && k == KIDS;
  int add = fix && given == NULL, at = add ? 2 : 0;
  if (!own) {
    if ((x->m = node_new(v, GV_YMAP, n)) == NULL || set_items(v, x->m, NULL, slots_of(n) + (size_t)at) != 0)
      return NULL;
    if (n->count) memcpy(x->m->items + at, n->items, slots_of(n) * sizeof *n->items);
  }
  if (add) {
    gv_buf id = {0};
    if (parent != &t->root) {
      gv_buf_append(&id, parent->id, parent->id_len);
      gv_buf_putc(&id, '.');
    }
    gv_buf_put_size(&id, i + 1);
    x->m->items[0] = str_new(v, "id", 2, n);
    int ok = gv_buf_status(&id) == GOVOPEN_OK && x->m->items[0] != NULL;
    x->m->items[1] = ok ? str_new(v, gv_buf_str(&id), id.len, n) : NULL;
    if (gv_buf_status(&id) != GOVOPEN_OK) gv_sc_set_oom(v->sc);
    gv_buf_free(&id);
    if (x->m->items[1] == NULL) return NULL;
    given = x->m->items[1];
  }
  if (given && given->kind == GV_YSCALAR) {
    x->id = given->text;
    x->id_len = given->len;
  }
  x->fix = fix && (given == NULL || given->kind == GV_YSCALAR);
  return x;
}

/* Makes the items of list `k` of `x` from `seq`, a list: GOVOPEN_OK, or
   GOVOPEN_ENOMEM (reported; tn_make fails for nothing else). */
static int tn_fill(ov *v, otree *t, tn *x, int k, const gv_ynode *seq) {
  x->list_at[k] = seq;
  for (size_t i = 0; i < seq->count; i++) {
    tn *c = tn_make(v, t, seq->items[i], k, x, i, 0);
    if (c == NULL) return GOVOPEN_ENOMEM;
    tn_link(x, k, x->last[k], c);
  }
  return GOVOPEN_OK;
}

/* Makes the lists of `top` and of every item under it not made yet, and
   indexes each by id, in pre-order: of two equal ids, the first is the one
   found, as a search from the top would find it. GOVOPEN_OK, or
   GOVOPEN_ENOMEM (reported). */
static int tn_grow(ov *v, otree *t, tn *top) {
  for (tn *x = top; x; x = tn_next(x, top, 1)) {
    if (x->grown) continue;
    x->grown = 1;
    if (x->id) {
      tn *old = gv_hmap_get(&t->ids[x->which], x->id, x->id_len);
      if ((old == NULL || old->dead) && gv_hmap_set(&t->ids[x->which], x->id, x->id_len, x) != GOVOPEN_OK)
        return gv_sc_set_oom(v->sc);
    }
    if (!is_indicator(t, x)) continue;
    for (int k = 0; k < 2; k++) {
      const gv_ynode *list = map_get(x->m, list_key[k]);
      int rc = list && list->kind == GV_YSEQ ? tn_fill(v, t, x, k, list) : GOVOPEN_OK;
      if (rc != GOVOPEN_OK) return rc;
    }
  }
  return GOVOPEN_OK;
}

/* What depth_of finds besides a depth (neither is a failure). */
enum { DEPTH_CIRCLE = -1, DEPTH_TOO_DEEP = -2 };

/* The depth of indicator `d` (the top's 0) when `x` is to go into it;
   DEPTH_CIRCLE when `d` is `x` or under it, DEPTH_TOO_DEEP when it is deeper
   than `limit` (the walk up stops there: it costs at most the limit). */
static long depth_of(const otree *t, const tn *d, const tn *x, size_t limit) {
  size_t depth = 0;
  for (; d != &t->root; d = d->parent) {
    if (d == NULL || d == x) return DEPTH_CIRCLE;
    if (++depth > limit) return DEPTH_TOO_DEEP;
  }
  return (long)depth;
}

static size_t tree_limit(const ov *v) {
  size_t limit = v->lim->max_tree_depth;
  return limit ? limit : GOVOPEN_DEFAULT_MAX_TREE_DEPTH;
}

/* The indicator `id` names, to put `x` (an indicator: KIDS, or a point)
   into, with the list `k` made when it has none, into `*out`: GOVOPEN_OK;
   gv_sc_failed() when there is none (reported at `in`) or putting it there
   would make a circle (reported); GOVOPEN_ELIMIT when the tree would be too
   deep (reported); GOVOPEN_ENOMEM. */
static int dest_of(ov *v, otree *t, const char *id, tn *x, int k, const gv_ynode *in, tn **out) {
  *out = NULL;
  tn *d = tn_find(t, KIDS, id);
  if (d == NULL) {
    gv_sc_err_at(v->sc, in, "overlay.in_unknown", "there is no indicator '%s' to put it in", id);
    return gv_sc_failed(v->sc);
  }
  if (k == KIDS) {
    size_t limit = tree_limit(v);
    long depth = depth_of(t, d, x, limit);
    if (depth == DEPTH_CIRCLE) {
      gv_sc_err_at(v->sc, in, "overlay.in_cycle", "'%s' cannot go into '%s': that is itself or below it",
                   x->id ? x->id : "", id);
      return gv_sc_failed(v->sc);
    }
    if (depth == DEPTH_TOO_DEEP || (size_t)depth + 1 > limit) {
      size_t mark = gv_sc_path_key(v->sc, "in");
      char level[48];
      if (depth == DEPTH_TOO_DEEP)
        snprintf(level, sizeof level, "below level %zu", limit);
      else
        snprintf(level, sizeof level, "at level %zu", (size_t)depth + 1);
      gv_diag_add(v->sc->d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ELIMIT, gv_sc_src(v->sc, in), in->line, in->col,
                  gv_buf_str(&v->sc->path), "limit.overlay_tree_depth",
                  "the indicator tree is deeper than the limit of %zu levels (GOVOPEN_OPT_MAX_TREE_DEPTH): '%s' "
                  "would be %s, in '%s'",
                  limit, x->id ? x->id : "", level, id);
      gv_sc_path_pop(v->sc, mark);
      t->too_deep = 1;
      return GOVOPEN_ELIMIT;
    }
  }
  if (d->list_at[k] == NULL) {
    if (map_get(d->m, list_key[k])) {
      gv_sc_err_at(v->sc, in, "overlay.indicator_list_type", "the indicator '%s' has a '%s' that is not a list", id,
                   list_key[k]);
      return gv_sc_failed(v->sc);
    }
    gv_ynode *key = str_new(v, list_key[k], strlen(list_key[k]), in), *seq = key ? node_new(v, GV_YSEQ, in) : NULL;
    if (seq == NULL) return GOVOPEN_ENOMEM;
    int rc = map_put(v, d->m, key, seq);
    if (rc != GOVOPEN_OK) return rc;
    d->list_at[k] = seq;
  }
  *out = d;
  return GOVOPEN_OK;
}

/* Puts `x` into list `k` of `d` after the item whose id `after` names, or
   at its end: GOVOPEN_OK, else gv_sc_failed() when there is no such item
   there (reported). */
static int put_after(ov *v, otree *t, tn *d, int k, tn *x, const gv_ynode *after) {
  tn *prev = d->last[k];
  if (after) {
    const char *id;
    int rc = id_text(v, after, "'after'", &id);
    if (rc != GOVOPEN_OK) return rc;
    prev = tn_find(t, k, id);
    if (prev == NULL || prev->parent != d || prev->which != k) {
      gv_sc_err_at(v->sc, after, "overlay.after_unknown", "there is no '%s' here to put it after", id);
      return gv_sc_failed(v->sc);
    }
  }
  tn_link(d, k, prev, x);
  return GOVOPEN_OK;
}

/* The lists of `x` whose keys an entry changed, made again from what its
   mapping now holds (the items they held are gone). GOVOPEN_OK, or
   GOVOPEN_ENOMEM (reported). */
static int tn_relist(ov *v, otree *t, tn *x, const gv_field *f, size_t nf) {
  for (int k = 0; k < 2; k++) {
    if (gv_sc_fld(f, nf, list_key[k])->value == NULL) continue;
    for (tn *c = x->first[k]; c; c = c->next) tn_kill(c);
    x->first[k] = x->last[k] = NULL;
    x->count[k] = 0;
    x->list_at[k] = NULL;
    const gv_ynode *list = map_get(x->m, list_key[k]);
    if (list == NULL || list->kind != GV_YSEQ) continue;
    int rc = tn_fill(v, t, x, k, list);
    for (tn *c = x->first[k]; c && rc == GOVOPEN_OK; c = c->next) rc = tn_grow(v, t, c);
    if (rc != GOVOPEN_OK) return rc;
  }
  return GOVOPEN_OK;
}

/* `changes` for one indicator (`points` 0) or point `key`: a new one is
   made in the indicator `in` names (a new indicator without `in` goes at
   the top); an existing one gets each key given (null: removed), and moves
   when `in` or `after` is given. */
static void change(ov *v, otree *t, const gv_ynode *key, const gv_ynode *changes, int points) {
  static const char *const node_keys[] = {"label", "title",    "score",  "aggregate", "source",
                                          "note",  "children", "points", "in",        "after"};
  static const char *const point_keys[] = {"text",   "score", "sampling", "responsible", "rule",
                                           "source", "note",  "in",       "after"};
  const char *const *keys = points ? point_keys : node_keys;
  size_t nk = points ? sizeof point_keys / sizeof *point_keys : sizeof node_keys / sizeof *node_keys;
  gv_field f[10];
  for (size_t i = 0; i < nk; i++) f[i].key = keys[i];
  const char *what = points ? "a point's changes" : "an indicator's changes";
  if (gv_sc_read_fields(v->sc, changes, f, nk, what) != GOVOPEN_OK) return;
  const gv_ynode *in = gv_sc_fld(f, nk, "in")->value, *after = gv_sc_fld(f, nk, "after")->value;
  const char *id = key->text;
  int k = points ? PTS : KIDS;
  t->seq++;
  t->by = in ? in : key;
  t->by_key = key;
  tn *x = tn_find(t, k, id), *was_in = NULL, *was_after = NULL;
  if (x) {
    if (in && x->parent->count[k] == 1) {
      /* the error is this line's, not the base's empty list */
      gv_sc_err_at(v->sc, in, "overlay.move_empties", "moving '%s' leaves its indicator with no %s", id,
                   points ? "points" : "children");
      in = after = NULL;
    }
    if (in || after) { /* it moves */
      was_in = x->parent;
      was_after = x->prev;
      tn_unlink(x);
    }
  } else {
    if (points && in == NULL) {
      gv_sc_err_at(v->sc, key, "overlay.point_in_missing",
                   "the base has no point '%s': a new point needs 'in', the id of its indicator", id);
      return;
    }
    gv_ynode *m = node_new(v, GV_YMAP, changes);
    gv_ynode *pair[2] = {str_new(v, "id", 2, key), str_new(v, key->text, key->len, key)};
    if (pair[0] == NULL || pair[1] == NULL || m == NULL || insert_slots(v, m, 0, pair, 2) != 0) return;
    if ((x = tn_make(v, t, m, k, NULL, 0, 1)) == NULL) return;
  }
  /* the keys given, in their order (unknown ones were reported, and are not kept) */
  for (size_t i = 0; i < changes->count; i++) {
    const gv_ynode *kn = gv_ymap_key(changes, i);
    size_t j = 0;
    while (j < nk && f[j].key_node != kn) j++;
    if (j == nk || strcmp(kn->text, "in") == 0 || strcmp(kn->text, "after") == 0) continue;
    if (map_put(v, x->m, kn, gv_ymap_value(changes, i)) != 0) return;
  }
  if (x->grown && !points && tn_relist(v, t, x, f, nk) != 0) return;
  if (x->grown && in == NULL && after == NULL) return; /* changed where it is */
  tn *dest = was_in;                                   /* moved, or placed after a sibling where it was */
  int rc = GOVOPEN_OK;
  if (in) {
    const char *parent;
    rc = id_text(v, in, "'in'", &parent);
    if (rc == GOVOPEN_OK) rc = dest_of(v, t, parent, x, k, in, &dest);
  } else if (dest == NULL) {
    dest = &t->root; /* a new indicator at the top */
  }
  if (rc == GOVOPEN_OK) rc = put_after(v, t, dest, k, x, after);
  if (rc != GOVOPEN_OK) {
    if (was_in) tn_link(was_in, k, was_after, x); /* left where it was: no error follows from this one */
    return;
  }
  x->seq = t->seq;
  x->by = t->by;
  x->by_key = t->by_key;
  if (!x->grown) tn_grow(v, t, x);
}

/* `nodes` or `points`: a mapping from ids to changes. */
static void changes(ov *v, otree *t, const gv_ynode *section, const char *name, int points) {
  if (section == NULL || t->too_deep) return;
  size_t mark = gv_sc_path_key(v->sc, name);
  if (section->kind != GV_YMAP) {
    gv_sc_err_at(v->sc, section, "overlay.changes_type", "'%s' must be a mapping from ids to changes, found %s", name,
                 gv_ynode_describe(section));
  } else {
    for (size_t i = 0; i < section->count && !t->too_deep && gv_sc_status(v->sc) == GOVOPEN_OK; i++) {
      const gv_ynode *k = gv_ymap_key(section, i);
      size_t m2 = gv_sc_path_key(v->sc, k->text);
      const char *id;
      if (id_text(v, k, points ? "a point's key" : "an indicator's key", &id) == GOVOPEN_OK)
        change(v, t, k, gv_ymap_value(section, i), points);
      gv_sc_path_pop(v->sc, m2);
    }
  }
  gv_sc_path_pop(v->sc, mark);
}

/* The merged tree's depth, against the limit: of the indicators one level
   too deep, the one whose way from the top was completed first is
   reported, at the entry that completed it (its `in`, or its key), or at
   the indicator itself when the base alone is too deep. */
static void check_depth(ov *v, otree *t) {
  size_t limit = tree_limit(v);
  tn *worst = NULL;
  t->root.depth = 0;
  t->root.latest = NULL;
  for (tn *x = tn_next(&t->root, &t->root, 1); x;) {
    tn *p = x->parent;
    x->depth = p->depth + (x->which == KIDS);
    x->latest = p->latest && p->latest->seq >= x->seq ? p->latest : x;
    int down = 1;
    if (x->which == KIDS && x->depth > limit) {
      if (worst == NULL || x->latest->seq < worst->latest->seq) worst = x;
      down = 0; /* nothing below it is looked at */
    }
    x = tn_next(x, &t->root, down);
  }
  if (worst == NULL) return;
  const tn *by = worst->latest;
  const gv_ynode *at = by->by ? by->by : worst->m;
  size_t mark = v->sc->path.len;
  if (by->by_key) {
    gv_sc_path_key(v->sc, "nodes");
    gv_sc_path_key(v->sc, by->by_key->text);
    if (by->by != by->by_key) gv_sc_path_key(v->sc, "in");
  } else {
    gv_sc_path_key(v->sc, "indicators");
  }
  /* named by its id; one given whole without an id, by the indicator it went under */
  const char *name = worst->id ? worst->id : by->id;
  const char *pre = worst->id ? "'" : name ? "an indicator under '" : "an indicator", *post = name ? "'" : "";
  gv_diag_add(v->sc->d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ELIMIT, gv_sc_src(v->sc, at), at->line, at->col,
              gv_buf_str(&v->sc->path), "limit.overlay_tree_depth_moved",
              "the indicator tree is deeper than the limit of %zu levels (GOVOPEN_OPT_MAX_TREE_DEPTH): %s%s%s would "
              "be at level %zu",
              limit, pre, name ? name : "", post, worst->depth);
  gv_sc_path_pop(v->sc, mark);
  t->too_deep = 1;
}

/* Writes each list of the tree back into its indicator's mapping, and the
   top one into `result` as `indicators` (`key_at`: where that key goes).
   GOVOPEN_OK, or GOVOPEN_ENOMEM (reported). */
static int write_tree(ov *v, otree *t, gv_ynode *result, const gv_ynode *key_at) {
  for (tn *x = &t->root; x; x = tn_next(x, &t->root, 1)) {
    if (!is_indicator(t, x)) continue;
    for (int k = 0; k < 2; k++) {
      if (x->list_at[k] == NULL) continue;
      gv_ynode *seq = node_new(v, GV_YSEQ, x->list_at[k]);
      if (seq == NULL || set_items(v, seq, NULL, x->count[k]) != GOVOPEN_OK) return GOVOPEN_ENOMEM;
      size_t i = 0;
      for (tn *c = x->first[k]; c; c = c->next) seq->items[i++] = c->m;
      if (x == &t->root) {
        gv_ynode *key = str_new(v, "indicators", 10, key_at);
        if (key == NULL || map_put(v, result, key, seq) != GOVOPEN_OK) return GOVOPEN_ENOMEM;
      } else {
        long at = map_find(x->m, list_key[k]); /* there: list_at[k] is set only while the key holds a list */
        if (at >= 0) x->m->items[2 * at + 1] = seq;
      }
    }
  }
  return GOVOPEN_OK;
}

/* --- lists by id: units, groups, adjustments ---------------------------------------------------- */

/* The ids of the mappings of `list` → 1 + their index (the first of equal
   ids): GOVOPEN_OK, or GOVOPEN_ENOMEM (reported). */
static int index_ids(ov *v, const gv_ynode *list, gv_hmap *ids) {
  for (size_t i = 0; list && i < list->count; i++) {
    const gv_ynode *id = map_get(list->items[i], "id");
    if (id && id->kind == GV_YSCALAR && set_put(v, ids, id->text, id->len, (void *)(uintptr_t)(i + 1)) != GOVOPEN_OK)
      return GOVOPEN_ENOMEM;
  }
  return GOVOPEN_OK;
}

static long index_find(const gv_hmap *ids, const char *id, size_t len) {
  return (long)(uintptr_t)gv_hmap_get(ids, id, len) - 1;
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
    gv_sc_err_at(v->sc, items, "overlay.list_type", "'%s' must be a list, found %s", key, gv_ynode_describe(items));
  gv_hmap ids = {0};
  gv_ynode **all = list ? gv_arena_array(&v->o->arena, list->count + items->count + 1, sizeof *all) : NULL;
  if (list && (all == NULL || index_ids(v, list, &ids) != 0)) {
    gv_sc_set_oom(v->sc);
    list = NULL;
  }
  size_t n = list ? list->count : 0;
  if (n) memcpy(all, list->items, n * sizeof *all);
  for (size_t i = 0; list && i < items->count && gv_sc_status(v->sc) == GOVOPEN_OK; i++) {
    gv_ynode *item = items->items[i];
    gv_ynode *id = map_get(item, "id");
    size_t m2 = gv_sc_path_index(v->sc, i);
    if (item->kind != GV_YMAP || id == NULL || id->kind != GV_YSCALAR) {
      gv_sc_err_at(v->sc, item, "overlay.item_type",
                   "%s in an overlay is a mapping with an 'id' (the base's to replace, or a new one)", what);
    } else {
      long at = index_find(&ids, id->text, id->len);
      if (at >= 0) {
        all[at] = item;
      } else if (set_put(v, &ids, id->text, id->len, (void *)(uintptr_t)(n + 1)) == 0) {
        all[n++] = item;
      }
    }
    gv_sc_path_pop(v->sc, m2);
  }
  if (list) {
    list->items = all;
    list->count = n;
  }
  gv_hmap_free(&ids);
  gv_sc_path_pop(v->sc, mark);
}

/* --- remove ----------------------------------------------------------------------------------- */

/* Drops every entry of the list `key` of mapping `m` (to edit) that is one
   of `names`: GOVOPEN_OK, or GOVOPEN_ENOMEM (reported). */
static int drop_names(ov *v, gv_ynode *m, const char *key, const gv_hmap *names) {
  long at = map_find(m, key);
  gv_ynode *list = at < 0 ? NULL : gv_ymap_value(m, (size_t)at);
  if (list == NULL || list->kind != GV_YSEQ) return GOVOPEN_OK;
  size_t keep = 0;
  for (size_t i = 0; i < list->count; i++) {
    const gv_ynode *s = list->items[i];
    keep += !(s->kind == GV_YSCALAR && gv_hmap_get(names, s->text, s->len));
  }
  if (keep == list->count) return GOVOPEN_OK;
  gv_ynode *c = node_new(v, GV_YSEQ, list);
  if (c == NULL || set_items(v, c, NULL, keep) != GOVOPEN_OK) return GOVOPEN_ENOMEM;
  size_t n = 0;
  for (size_t i = 0; i < list->count; i++) {
    gv_ynode *s = list->items[i];
    if (!(s->kind == GV_YSCALAR && gv_hmap_get(names, s->text, s->len))) c->items[n++] = s;
  }
  m->items[2 * at + 1] = c;
  return GOVOPEN_OK;
}

/* Adds the id, the name and the aliases of the unit or group `m` to
   `names`: GOVOPEN_OK, or GOVOPEN_ENOMEM (reported). */
static int add_names(ov *v, gv_hmap *names, const gv_ynode *m) {
  const char *keys[] = {"id", "name"};
  for (size_t k = 0; k < 2; k++) {
    gv_ynode *s = map_get(m, keys[k]);
    if (s && s->kind == GV_YSCALAR && set_put(v, names, s->text, s->len, s) != GOVOPEN_OK) return GOVOPEN_ENOMEM;
  }
  gv_ynode *aliases = map_get(m, "aliases");
  for (size_t i = 0; aliases && aliases->kind == GV_YSEQ && i < aliases->count; i++) {
    gv_ynode *s = aliases->items[i];
    if (s->kind == GV_YSCALAR && set_put(v, names, s->text, s->len, s) != GOVOPEN_OK) return GOVOPEN_ENOMEM;
  }
  return GOVOPEN_OK;
}

/* `remove`: lists of ids of units, groups, indicators, points and
   adjustments of the base to leave out. A unit or group removed leaves
   every point's `responsible` and every group's `members` too. */
static void remove_section(ov *v, gv_ynode *result, otree *t, const gv_ynode *rm) {
  if (rm == NULL) return;
  size_t mark = gv_sc_path_key(v->sc, "remove");
  gv_field f[] = {{"units", 0, 0}, {"groups", 0, 0}, {"indicators", 0, 0}, {"points", 0, 0}, {"adjustments", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  gv_hmap names = {0};
  if (gv_sc_read_fields(v->sc, rm, f, nf, "'remove'") == GOVOPEN_OK) {
    for (size_t k = 0; k < nf && gv_sc_status(v->sc) == GOVOPEN_OK; k++) {
      const gv_ynode *ids = f[k].value;
      if (ids == NULL) continue;
      size_t m2 = gv_sc_path_key(v->sc, f[k].key);
      int in_tree = k == 2 || k == 3;
      gv_ynode *list = ids->kind == GV_YSEQ && !in_tree ? editable_list(v, result, f[k].key, ids) : NULL;
      gv_hmap at_of = {0};
      unsigned char *gone = list ? calloc(list->count + 1, 1) : NULL;
      if (list && (gone == NULL || index_ids(v, list, &at_of) != 0)) {
        gv_sc_set_oom(v->sc);
        list = NULL;
      }
      if (ids->kind != GV_YSEQ)
        gv_sc_err_at(v->sc, ids, "overlay.remove_type", "'%s' must be a list of ids, found %s", f[k].key,
                     gv_ynode_describe(ids));
      for (size_t i = 0; ids->kind == GV_YSEQ && i < ids->count && gv_sc_status(v->sc) == GOVOPEN_OK; i++) {
        size_t m3 = gv_sc_path_index(v->sc, i);
        const char *id;
        id_text(v, ids->items[i], "an item to remove", &id); /* NULL when not an id (reported) */
        tn *x = id && in_tree && t ? tn_find(t, k == 3 ? PTS : KIDS, id) : NULL;
        long at = id && list ? index_find(&at_of, id, strlen(id)) : -1;
        if (x && k == 3 && x->parent->count[PTS] == 1) {
          /* kept: the error is this line's, not the base's empty list */
          gv_sc_err_at(v->sc, ids->items[i], "overlay.remove_empties",
                       "removing '%s' leaves its indicator with no points: remove the indicator instead", id);
        } else if (x) {
          tn_unlink(x);
          tn_kill(x);
        } else if (at >= 0 && !gone[at]) {
          gone[at] = 1;
          if (k < 2) add_names(v, &names, list->items[at]);
        } else if (id) {
          static const char *const kinds[] = {"unit", "group", "indicator", "point", "adjustment"};
          gv_sc_err_at(v->sc, ids->items[i], "overlay.remove_unknown", "the base has no %s '%s' to remove", kinds[k],
                       id);
        }
        gv_sc_path_pop(v->sc, m3);
      }
      if (list) { /* the items kept, in their order */
        size_t n = 0;
        for (size_t i = 0; i < list->count; i++)
          if (!gone[i]) list->items[n++] = list->items[i];
        list->count = n;
      }
      free(gone);
      gv_hmap_free(&at_of);
      gv_sc_path_pop(v->sc, m2);
    }
  }
  if (names.count && gv_sc_status(v->sc) == GOVOPEN_OK) {
    for (tn *x = t ? &t->root : NULL; x; x = tn_next(x, &t->root, 1))
      if (x->which == PTS && x->m->kind == GV_YMAP && drop_names(v, x->m, "responsible", &names) != 0) break;
    gv_ynode *groups = map_get(result, "groups");
    if (groups && groups->kind == GV_YSEQ) {
      groups = editable_list(v, result, "groups", rm);
      for (size_t i = 0; groups && i < groups->count; i++) {
        gv_ynode *g = groups->items[i]->kind == GV_YMAP ? shallow_copy(v, groups->items[i]) : groups->items[i];
        if (g == NULL || drop_names(v, g, "members", &names) != 0) break;
        groups->items[i] = g;
      }
    }
  }
  gv_hmap_free(&names);
  gv_sc_path_pop(v->sc, mark);
}

/* --- merging ------------------------------------------------------------------------------------- */

/* The keys of `over` merged over the mapping `result[key]` (null: removed),
   each found through an index. */
static void merge_map(ov *v, gv_ynode *result, const char *key, const gv_ynode *over) {
  if (over == NULL) return;
  gv_ynode *base = map_get(result, key);
  if (over->kind != GV_YMAP || (base && base->kind != GV_YMAP)) {
    gv_sc_err_at(v->sc, over, "overlay.merge_type", "'%s' in an overlay is a mapping of the keys it changes, found %s",
                 key, gv_ynode_describe(over));
    return;
  }
  gv_ynode *copy = node_new(v, GV_YMAP, base ? base : over);
  size_t had = base ? base->count : 0;
  gv_ynode **pairs = copy ? gv_arena_array(&v->o->arena, 2 * (had + over->count) + 2, sizeof *pairs) : NULL;
  gv_ynode *k = pairs ? str_new(v, key, strlen(key), over) : NULL;
  gv_hmap at_of = {0};
  if (pairs == NULL) gv_sc_set_oom(v->sc);
  if (k == NULL || map_put(v, result, k, copy) != 0) return;
  size_t n = 0;
  for (size_t i = 0; i < had && gv_sc_status(v->sc) == GOVOPEN_OK; i++) {
    const gv_ynode *bk = gv_ymap_key(base, i);
    pairs[2 * n] = (gv_ynode *)bk;
    pairs[2 * n + 1] = gv_ymap_value(base, i);
    if (gv_hmap_get(&at_of, bk->text, bk->len) == NULL)
      set_put(v, &at_of, bk->text, bk->len, (void *)(uintptr_t)(n + 1));
    n++;
  }
  for (size_t i = 0; i < over->count && gv_sc_status(v->sc) == GOVOPEN_OK; i++) {
    gv_ynode *ok = gv_ymap_key(over, i), *ov_value = gv_ymap_value(over, i);
    long at = index_find(&at_of, ok->text, ok->len);
    if (at >= 0) {
      pairs[2 * at] = ok;
      pairs[2 * at + 1] = is_null(ov_value) ? NULL : ov_value; /* NULL: removed, below */
    } else if (!is_null(ov_value) && set_put(v, &at_of, ok->text, ok->len, (void *)(uintptr_t)(n + 1)) == 0) {
      pairs[2 * n] = ok;
      pairs[2 * n + 1] = ov_value;
      n++;
    }
  }
  gv_hmap_free(&at_of);
  size_t kept = 0;
  for (size_t i = 0; i < n; i++) {
    if (pairs[2 * i + 1] == NULL) continue;
    pairs[2 * kept] = pairs[2 * i];
    pairs[2 * kept + 1] = pairs[2 * i + 1];
    kept++;
  }
  copy->items = pairs;
  copy->count = kept;
}

/* The overlay `over` applied to its base's (merged) document `base`, into
   `*out`: GOVOPEN_OK with a document to read, whose errors may have been
   reported (every problem is said at once); else no document: gv_sc_failed(),
   GOVOPEN_ELIMIT (a tree too deep) or GOVOPEN_ENOMEM. */
static int merge(ov *v, const gv_ynode *base, const gv_ynode *over, gv_ynode **out) {
  gv_field f[] = {{"schema", 0, 0}, {"extends", 0, 0},     {"framework", 0, 0},  {"sampling_methods", 0, 0},
                  {"units", 0, 0},  {"groups", 0, 0},      {"indicators", 0, 0}, {"nodes", 0, 0},
                  {"points", 0, 0}, {"adjustments", 0, 0}, {"grades", 0, 0},     {"remove", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  *out = NULL;
  if (gv_sc_read_fields(v->sc, over, f, nf, "an overlay") != GOVOPEN_OK) return gv_sc_failed(v->sc);
  if (base->kind != GV_YMAP) {
    gv_sc_err_at(v->sc, base, "overlay.base_type", "the base is not a framework: expected a mapping, found %s",
                 gv_ynode_describe(base));
    return gv_sc_failed(v->sc);
  }
  gv_ynode *result = shallow_copy(v, base);
  if (result == NULL) return GOVOPEN_ENOMEM;
  if (gv_sc_fld(f, nf, "schema")->value == NULL)
    gv_sc_err_at(v->sc, over, "overlay.schema_missing", "the overlay has no 'schema' (it is required)");
  else if (map_put(v, result, gv_sc_fld(f, nf, "schema")->key_node, gv_sc_fld(f, nf, "schema")->value) != GOVOPEN_OK)
    return GOVOPEN_ENOMEM;
  /* the tree, whole or the base's, made editable with every id explicit */
  const gv_field *fi = gv_sc_fld(f, nf, "indicators");
  const gv_ynode *tree_src = fi->value ? fi->value : map_get(result, "indicators");
  const gv_ynode *tree_key = fi->key_node ? fi->key_node : tree_src;
  otree ot;
  memset(&ot, 0, sizeof ot);
  ot.root.fix = ot.root.grown = 1;
  otree *t = NULL;
  if (tree_src && tree_src->kind == GV_YSEQ) {
    t = &ot;
    if (tn_fill(v, t, &t->root, KIDS, tree_src) != 0 || tn_grow(v, t, &t->root) != 0) t = NULL;
  } else if (fi->value) {
    map_put(v, result, fi->key_node, fi->value); /* not a list: the loader says so */
  }
  gv_ynode *merged = result;
  int rc = GOVOPEN_OK;
  if (gv_sc_status(v->sc) != GOVOPEN_OK) goto done;
  remove_section(v, result, t, gv_sc_fld(f, nf, "remove")->value);
  by_id(v, result, gv_sc_fld(f, nf, "units")->value, "units", "a unit");
  by_id(v, result, gv_sc_fld(f, nf, "groups")->value, "groups", "a group");
  by_id(v, result, gv_sc_fld(f, nf, "adjustments")->value, "adjustments", "an adjustment");
  const gv_field *fg = gv_sc_fld(f, nf, "grades");
  if (fg->value && map_put(v, result, fg->key_node, fg->value) != 0) goto done;
  merge_map(v, result, "framework", gv_sc_fld(f, nf, "framework")->value);
  const gv_field *fm = gv_sc_fld(f, nf, "sampling_methods");
  if (fm->value && fm->value->kind != GV_YSEQ) {
    gv_sc_err_at(v->sc, fm->value, "overlay.methods_type", "'sampling_methods' must be a list, found %s",
                 gv_ynode_describe(fm->value));
  } else if (fm->value) {
    gv_ynode *list = editable_list(v, result, "sampling_methods", fm->value);
    if (list) insert_slots(v, list, list->count, fm->value->items, fm->value->count);
  }
  const gv_ynode *fn = gv_sc_fld(f, nf, "nodes")->value, *fp = gv_sc_fld(f, nf, "points")->value;
  if ((fn || fp) && tree_src && tree_src->kind == GV_YSEQ && t == NULL) goto done; /* out of memory */
  if ((fn || fp) && t == NULL) {
    gv_sc_err_at(v->sc, fn ? fn : fp, "overlay.base_indicators_missing",
                 "the base has no list of indicators to change");
    goto done;
  }
  if (t) {
    changes(v, t, fn, "nodes", 0);
    changes(v, t, fp, "points", 1);
    if (!t->too_deep && gv_sc_status(v->sc) == GOVOPEN_OK) check_depth(v, t);
    /* a tree too deep is not handed on: every walk after this one is bounded by the limit */
    if (t->too_deep)
      rc = GOVOPEN_ELIMIT;
    else if (gv_sc_status(v->sc) == GOVOPEN_OK)
      rc = write_tree(v, t, result, tree_key);
    if (rc != GOVOPEN_OK) merged = NULL;
  }
done:
  gv_hmap_free(&ot.ids[KIDS]);
  gv_hmap_free(&ot.ids[PTS]);
  if (gv_sc_status(v->sc) != GOVOPEN_OK) return GOVOPEN_ENOMEM;
  if (merged == NULL) return rc;
  *out = merged;
  return GOVOPEN_OK;
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

static int apply(ov *v, const gv_ynode *root, const char *source, int builtin, const gv_ynode **out);

/* Reads the base `at` names for the document `source`, with its own bases
   applied, into `*out`: GOVOPEN_OK, else the status of what was reported
   (no document). */
static int read_base(ov *v, const gv_ynode *at, const char *source, int builtin, const gv_ynode **out) {
  gv_schema *sc = v->sc;
  *out = NULL;
  if (at->kind != GV_YSCALAR || at->type != GV_YT_STR || at->len == 0 || memchr(at->text, '\0', at->len)) {
    gv_sc_err_at(sc, at, "overlay.extends_type",
                 "'extends' names the base: a built-in framework's id or a file, found %s", gv_ynode_describe(at));
    return gv_sc_failed(sc);
  }
  if (v->depth >= GV_MAX_EXTENDS) {
    gv_diag_add(sc->d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ELIMIT, gv_sc_src(sc, at), at->line, at->col, "extends",
                "limit.extends_chain", "more than %d bases in one chain of 'extends'", GV_MAX_EXTENDS);
    return GOVOPEN_ELIMIT;
  }
  const char *path = builtin ? NULL : resolve_path(v, source, at->text);
  if (!builtin && path == NULL) return GOVOPEN_ENOMEM;
  gv_base_doc b = {0};
  char msg[512] = "";
  int r = v->fn ? v->fn(at->text, path, v->lim, &b, msg, sizeof msg) : GOVOPEN_ENOTFOUND;
  if (r != GOVOPEN_OK) {
    gv_diag_add(sc->d, GOVOPEN_SEVERITY_ERROR, r == GOVOPEN_ENOMEM ? GOVOPEN_ENOMEM : GOVOPEN_ESCHEMA,
                gv_sc_src(sc, at), at->line, at->col, "extends", "overlay.base_unreadable",
                "cannot read the base '%s': %s", at->text, msg[0] ? msg : gv_status_str(r));
    base_doc_free(&b);
    return r == GOVOPEN_ENOMEM ? GOVOPEN_ENOMEM : GOVOPEN_ESCHEMA;
  }
  for (size_t i = 0; i <= v->depth; i++) {
    if (v->keys[i] && strcmp(v->keys[i], b.key) == 0) {
      gv_diag_add(sc->d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ESCHEMA, gv_sc_src(sc, at), at->line, at->col, "extends",
                  "overlay.extends_cycle", "'extends' goes round in a circle: '%s' is already being extended", b.name);
      base_doc_free(&b);
      return GOVOPEN_ESCHEMA;
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
    return gv_sc_set_oom(sc);
  }
  o->files[o->file_count++] = name;
  sc->files = o->files;
  sc->file_count = o->file_count;
  gv_ydoc *doc = &o->docs[o->doc_count++];
  memset(doc, 0, sizeof *doc);
  gv_ylimits yl = {v->lim->max_size, v->lim->max_depth, v->lim->max_nodes, v->lim->max_aliases};
  r = gv_yaml_parse(doc, b.data ? b.data : "", b.len, name, &yl, sc->d);
  base_doc_free(&b);
  if (r != GOVOPEN_OK) return r;
  if (doc->root == NULL) {
    gv_diag_add(sc->d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ESCHEMA, name, 1, 1, "", "overlay.base_empty",
                "the base is empty: expected a framework");
    return GOVOPEN_ESCHEMA;
  }
  mark_file(doc->root, (uint16_t)o->file_count);
  v->keys[++v->depth] = key;
  r = apply(v, doc->root, name, is_builtin, out);
  v->depth--;
  return r;
}

static int apply(ov *v, const gv_ynode *root, const char *source, int builtin, const gv_ynode **out) {
  *out = NULL;
  const gv_ynode *at = map_get(root, "extends");
  if (at == NULL) {
    *out = root;
    return GOVOPEN_OK;
  }
  const gv_ynode *base;
  int rc = read_base(v, at, source, builtin, &base);
  if (rc != GOVOPEN_OK) return rc;
  /* validated even when the overlay had errors, so that every problem is
     reported at once: the framework fails to load either way */
  gv_ynode *merged;
  rc = merge(v, base, root, &merged);
  if (rc != GOVOPEN_OK) return rc;
  *out = merged;
  return GOVOPEN_OK;
}

int gv_overlay_apply(gv_overlay *o, gv_schema *sc, const gv_ynode *root, const char *source, const gv_load_limits *lim,
                     gv_framework_base_fn fn, const gv_ynode **out) {
  *out = root;
  if (root == NULL || root->kind != GV_YMAP || map_find(root, "extends") < 0) return GOVOPEN_OK;
  ov v = {0};
  v.o = o;
  v.sc = sc;
  v.lim = lim;
  v.fn = fn;
  v.keys[0] = source;
  char real[PATH_MAX]; /* a file's own path, when it is one, closes a cycle through it */
  if (realpath(source, real)) v.keys[0] = gv_arena_strdup(&o->arena, real);
  if (v.keys[0] == NULL) {
    *out = NULL;
    return gv_sc_set_oom(sc);
  }
  return apply(&v, root, source, 0, out);
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
