/* The loaders' entry points, below the public API. */
#ifndef GV_LOAD_H
#define GV_LOAD_H

#include <stddef.h>

#include "govopen/framework.h"

typedef struct gv_load_limits {
  size_t max_size, max_depth, max_nodes, max_aliases;
  size_t max_units, max_points, max_string, max_expr_chars, max_expr_nodes;
  int strict;
} gv_load_limits;

/* Parses and validates a framework document; see govopen_framework_load_buffer(). */
int gv_framework_load(govopen_framework **out, const char *data, size_t len, const char *source,
                      const gv_load_limits *lim, govopen_error **err);

#endif
