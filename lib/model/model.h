/* The framework model: what a loaded framework holds. Built by load/, read
 * through the functions below (framework.c) and, by callers, through the
 * public accessors in api/framework.c. Immutable once built. */
#ifndef GV_MODEL_H
#define GV_MODEL_H

#include <stdint.h>

#include "govopen/framework.h"
#include "rules/rule.h"
#include "util/tree.h"
#include "util/arena.h"
#include "util/cents.h"
#include "util/digest.h"
#include "util/hmap.h"

typedef struct gv_strlist {
  const char **items;
  size_t count;
} gv_strlist;

struct govopen_unit {
  size_t index;
  const char *id, *name, *code, *note;
  int kind;
  gv_strlist aliases;
  const govopen_point **points; /* duties, in point order */
  size_t point_count;
  unsigned line, col;
};

struct govopen_group {
  size_t index;
  const char *id, *name, *note;
  gv_strlist aliases;
  int open;
  unsigned kinds; /* bit (1 << kind) */
  const govopen_unit **members;
  size_t member_count;
  unsigned line, col;
};

/* A responsible entry as written, and what it names. */
typedef struct gv_entry {
  const char *written;
  const govopen_unit *unit; /* exactly one of unit, group */
  const govopen_group *group;
} gv_entry;

struct govopen_point {
  size_t index;
  const char *id, *text, *note;
  int64_t score; /* hundredths */
  int derived;
  const govopen_node *node;
  gv_strlist sampling;
  gv_entry *entries;
  size_t entry_count;
  const govopen_unit **units;
  size_t unit_count;
  int has_open_group;
  const char *rule_kind; /* NULL when no rule */
  const gv_ynode
      *rule; /* the rule block as written: borrowed from the document tree, whose arena the framework adopts */
  const gv_rule *compiled;    /* the compiled rule (manual when the point has none) */
  const gv_ynode *rule_block; /* loading only: the block in the document tree */
  const char *path;           /* the point's document path, e.g. indicators[0].points[1] */
  gv_strlist provenance;
  unsigned line, col;
  unsigned file;                              /* the document it was written in (gv_ynode.file) */
  unsigned score_line, score_col, score_file; /* where the maximum is given, else the point's start */
};

/* The most GOVOPEN_OPT_MAX_TREE_DEPTH may be set to: the loader refuses a
   deeper tree, so this bounds every walk along the tree (the writers', the
   tool's) and the arrays of ancestors they keep. */
#define GV_MAX_TREE_DEPTH_CAP 256

struct govopen_node {
  size_t index; /* pre-order; the root has SIZE_MAX */
  const char *id, *label, *title, *note;
  int64_t score; /* hundredths */
  int derived;
  int aggregate;
  unsigned depth;
  size_t position; /* its index in its parent's list as written */
  const govopen_node *parent;
  govopen_node **children;
  size_t child_count;
  govopen_point **points;
  size_t point_count;
  size_t total_points;
  gv_strlist provenance;
  unsigned line, col, file;
  unsigned score_line, score_col, score_file; /* where the maximum is given, else the node's start */
  int unsettled; /* loading only: the maximum could not be known, so the subtree is not checked */
};

typedef struct gv_adjustment {
  const char *id, *text, *note;
  int64_t delta;
  int repeatable; /* applies as often as it is observed; else once per unit (or once to the county) */
  gv_strlist provenance;
} gv_adjustment;

typedef struct gv_grade {
  const char *name;
  int64_t min;
} gv_grade;

/* What a name, alias or id in the shared unit/group namespace stands for. */
typedef struct gv_nameref {
  const govopen_unit *unit;
  const govopen_group *group;
  int is_id;
  unsigned line, col, file; /* where it was declared */
} gv_nameref;

struct govopen_framework {
  gv_arena arena;
  int schema;
  const char *id, *title, *region, *calendar, *note, *source_name;
  int year;
  int64_t total;
  int32_t as_of;          /* the default as-of date (days since 1970-01-01); INT32_MIN when none */
  int not_evaluated_zero; /* the default policy for points without observations */
  int cap_adjusted;       /* the county's adjusted total stays within 0 … total */
  gv_strlist provenance;
  govopen_node root;
  govopen_node **nodes; /* pre-order, the root excluded */
  size_t node_count;
  govopen_point **points;
  size_t point_count;
  govopen_unit *units;
  size_t unit_count;
  govopen_group *groups;
  size_t group_count;
  gv_strlist methods; /* the known ones first, then the framework's own */
  gv_adjustment *adjustments;
  size_t adjustment_count;
  gv_grade *grades;
  size_t grade_count;
  gv_hmap node_ids, point_ids, names, methods_map;
  govopen_error *warnings;
  /* SHA-256 (hex) of its canonical form (report/framework_json.h), set by
     the API's loaders once it is loaded: results' fingerprints name it. */
  char digest[GV_DIGEST_HEX];
};

/* Known sampling methods, in the order the format documents them. */
extern const char *const gv_known_methods[];
extern const size_t gv_known_method_count;

/* Unit kinds by name ("town" …); -1 when the name is none of them (a lookup
   that finds nothing, not a failure). */
int gv_unit_kind_from_name(const char *name, size_t len);

/* A unit kind's name ("town" …); NULL when `kind` is out of range. */
const char *gv_unit_kind_name(int kind);

/* Frees a framework and everything it holds; NULL is fine. */
void gv_framework_free(govopen_framework *fw);

/* The node, point, unit or group of `fw` (not NULL) with that id (the unit
   or group with that name; the unit with that id, name or alias for _find),
   or NULL, also for a NULL id. */
const govopen_node *gv_framework_node_by_id(const govopen_framework *fw, const char *id);
const govopen_point *gv_framework_point_by_id(const govopen_framework *fw, const char *id);
const govopen_unit *gv_framework_unit_by_id(const govopen_framework *fw, const char *id);
const govopen_unit *gv_framework_unit_by_name(const govopen_framework *fw, const char *name);
const govopen_unit *gv_framework_unit_find(const govopen_framework *fw, const char *key);
const govopen_group *gv_framework_group_by_id(const govopen_framework *fw, const char *id);
const govopen_group *gv_framework_group_by_name(const govopen_framework *fw, const char *name);

/* Calls `fn` for each unit × point sampled by `method` (both not NULL), in
   point order; GOVOPEN_ENOTFOUND for a method the framework does not know,
   else 0 or the first non-zero return of `fn`. */
int gv_framework_plan(const govopen_framework *fw, const char *method, govopen_plan_fn fn, void *payload);

/* The name of the first grade (highest first) whose minimum `cents` reaches,
   or NULL. */
const char *gv_framework_grade(const govopen_framework *fw, int64_t cents);

#endif
