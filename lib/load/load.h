/* The loaders' entry points, below the public API. */
#ifndef GV_LOAD_H
#define GV_LOAD_H

#include <stddef.h>

#include "govopen/framework.h"
#include "model/model.h" /* GV_MAX_TREE_DEPTH_CAP */

typedef struct gv_load_limits {
  size_t max_size, max_depth, max_nodes, max_aliases;
  size_t max_units, max_points, max_string, max_expr_chars, max_expr_nodes;
  int strict;
  int extends_files;        /* which files an overlay may extend (GOVOPEN_OPT_EXTENDS_FILES): 0, 1, 2 */
  const char *extends_root; /* the directory they must be under (GOVOPEN_OPT_EXTENDS_ROOT), set by the loader */
  size_t max_diagnostics;   /* kept per document (GOVOPEN_OPT_MAX_DIAGNOSTICS); 0: the default */
  size_t max_cells;         /* unit × point pairs (GOVOPEN_OPT_MAX_CELLS); 0: the default */
  size_t max_grid;          /* units × (points + indicators) (GOVOPEN_OPT_MAX_GRID); 0: the default */
  size_t max_tree_depth;    /* levels of indicators, after overlays (GOVOPEN_OPT_MAX_TREE_DEPTH) */
} gv_load_limits;

struct gv_base_doc;
/* Finds the base an overlay extends (load/overlay.h). */
typedef int (*gv_framework_base_fn)(const char *spec, const char *path, const gv_load_limits *lim,
                                    struct gv_base_doc *out, char *msg, size_t msg_size);

/* Parses and validates a framework document; see govopen_framework_load_buffer().
   `base_fn` finds the bases of an overlay (`extends`); NULL refuses them. */
int gv_framework_load(govopen_framework **out, const char *data, size_t len, const char *source,
                      const gv_load_limits *lim, gv_framework_base_fn base_fn, govopen_error **err);

#endif
