/* The YAML reader: one document into a gv_ynode tree, from libyaml's event
 * API, with size, depth, node and alias limits. This is the only file that
 * includes <yaml.h> for framework input. */
#ifndef GV_YTREE_H
#define GV_YTREE_H

#include <stddef.h>

#include "util/arena.h"
#include "util/error.h"
#include "util/tree.h"

typedef struct gv_ylimits {
  size_t max_size, max_depth, max_nodes, max_aliases;
} gv_ylimits;

typedef struct gv_ydoc {
  gv_arena arena;
  gv_ynode *root; /* NULL for an empty stream */
} gv_ydoc;

/* Parses one YAML document. Returns 0, or the status of the first error,
   which is also recorded in `d` under `source`. */
int gv_yaml_parse(gv_ydoc *doc, const char *data, size_t len, const char *source,
                  const gv_ylimits *lim, gv_diags *d);
void gv_ydoc_free(gv_ydoc *doc);

#endif
