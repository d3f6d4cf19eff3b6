/* A document tree: mappings, lists and typed scalars with their positions.
 * The YAML reader (load/ytree.c) builds it; the model carries rule blocks in it. */
#ifndef GV_TREE_H
#define GV_TREE_H

#include <stddef.h>
#include <stdint.h>

#include "govopen/common.h"
#include "util/arena.h"

typedef enum gv_ykind { GV_YSCALAR, GV_YSEQ, GV_YMAP } gv_ykind;

/* A scalar's type, resolved strictly: quoted scalars are strings; plain ones
   are null (null, ~, empty), bool (true, false), int, float, or string. */
typedef enum gv_ytype { GV_YT_NULL, GV_YT_BOOL, GV_YT_INT, GV_YT_FLOAT, GV_YT_STR } gv_ytype;

/* How a scalar was written, so text positions inside it can be mapped back
   to the document (expressions report errors at their own characters). */
/* GV_STYLE_CELL: a CSV cell (load/csv_records.c), a GV_YT_STR whose text the
   reader of the field types as the field needs (eval/observations.c). */
typedef enum gv_ystyle {
  GV_STYLE_PLAIN,
  GV_STYLE_SINGLE,
  GV_STYLE_DOUBLE,
  GV_STYLE_LITERAL,
  GV_STYLE_FOLDED,
  GV_STYLE_CELL
} gv_ystyle;

typedef struct gv_ynode gv_ynode;
struct gv_ynode {
  gv_ykind kind;
  gv_ytype type;      /* scalars only */
  gv_ystyle style;    /* scalars only */
  uint16_t indent;    /* block scalars: the content's indentation, in columns (at most 65535) */
  uint16_t file;      /* the document it was read from: 0 the one loaded, 1 … the bases an overlay extends */
  unsigned line, col; /* 1-based, in characters */
  const char *text;   /* scalars: NUL-terminated, may hold NULs before len */
  size_t len;
  gv_ynode **items; /* sequences: count items; mappings: key, value pairs */
  size_t count;     /* items in a sequence, pairs in a mapping */
  size_t weight;    /* nodes in the subtree, itself included */
};

/* Helpers for readers of the tree. */
static inline gv_ynode *gv_ymap_key(const gv_ynode *m, size_t i) { return m->items[2 * i]; }
static inline gv_ynode *gv_ymap_value(const gv_ynode *m, size_t i) { return m->items[2 * i + 1]; }
/* A short English name for a node's type: "a mapping", "a string" … */
const char *gv_ynode_describe(const gv_ynode *n);

/* Scalar parsing without the C locale (tree.c). */
/* (A score in hundredths: gv_cents_parse, util/cents.h.) */
/* A decimal integer (an optional sign, digits) into *out: GOVOPEN_OK;
   GOVOPEN_EPARSE not an integer; GOVOPEN_ERANGE beyond INT32_MAX in
   magnitude. A text parser with no sink: the caller reports. */
int gv_parse_int(const char *s, size_t len, int64_t *out);
/* Classifies a plain scalar. */
gv_ytype gv_classify_plain(const char *s, size_t len);

/* A deep copy into `a` (shared subtrees are copied each time); NULL when out of memory. */
gv_ynode *gv_ynode_copy(gv_arena *a, const gv_ynode *n);

#endif
