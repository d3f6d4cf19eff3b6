#include "api/options.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

struct govopen_options {
  int64_t max_size, max_depth, max_nodes, max_aliases, strict, max_units, max_points, max_string, max_expr_chars,
      max_expr_nodes, extends_files, max_diagnostics, max_cells, max_grid, max_tree_depth;
  char *extends_root; /* GOVOPEN_OPT_EXTENDS_ROOT; NULL: the loaded file's directory */
};

/* The longest string option, as the longest path: PATH_MAX where it is 4096. */
#define GV_MAX_STRING_OPTION 4096

static int64_t *option_slot(govopen_options *o, int option) {
  switch (option) {
    case GOVOPEN_OPT_MAX_SIZE: return &o->max_size;
    case GOVOPEN_OPT_MAX_DEPTH: return &o->max_depth;
    case GOVOPEN_OPT_MAX_NODES: return &o->max_nodes;
    case GOVOPEN_OPT_MAX_ALIASES: return &o->max_aliases;
    case GOVOPEN_OPT_STRICT: return &o->strict;
    case GOVOPEN_OPT_MAX_UNITS: return &o->max_units;
    case GOVOPEN_OPT_MAX_POINTS: return &o->max_points;
    case GOVOPEN_OPT_MAX_STRING: return &o->max_string;
    case GOVOPEN_OPT_MAX_EXPR_CHARS: return &o->max_expr_chars;
    case GOVOPEN_OPT_MAX_EXPR_NODES: return &o->max_expr_nodes;
    case GOVOPEN_OPT_EXTENDS_FILES: return &o->extends_files;
    case GOVOPEN_OPT_MAX_DIAGNOSTICS: return &o->max_diagnostics;
    case GOVOPEN_OPT_MAX_CELLS: return &o->max_cells;
    case GOVOPEN_OPT_MAX_GRID: return &o->max_grid;
    case GOVOPEN_OPT_MAX_TREE_DEPTH: return &o->max_tree_depth;
    default: return NULL;
  }
}

int govopen_options_new(govopen_options **out) {
  if (out == NULL) return GOVOPEN_EINVALID;
  govopen_options *o = calloc(1, sizeof *o);
  *out = o;
  if (o == NULL) return GOVOPEN_ENOMEM;
  o->max_size = GOVOPEN_DEFAULT_MAX_SIZE;
  o->max_depth = GOVOPEN_DEFAULT_MAX_DEPTH;
  o->max_nodes = GOVOPEN_DEFAULT_MAX_NODES;
  o->max_aliases = GOVOPEN_DEFAULT_MAX_ALIASES;
  o->max_units = GOVOPEN_DEFAULT_MAX_UNITS;
  o->max_points = GOVOPEN_DEFAULT_MAX_POINTS;
  o->max_string = GOVOPEN_DEFAULT_MAX_STRING;
  o->max_expr_chars = GOVOPEN_DEFAULT_MAX_EXPR_CHARS;
  o->max_expr_nodes = GOVOPEN_DEFAULT_MAX_EXPR_NODES;
  o->extends_files = 1;
  o->max_diagnostics = GOVOPEN_DEFAULT_MAX_DIAGNOSTICS;
  o->max_cells = GOVOPEN_DEFAULT_MAX_CELLS;
  o->max_grid = GOVOPEN_DEFAULT_MAX_GRID;
  o->max_tree_depth = GOVOPEN_DEFAULT_MAX_TREE_DEPTH;
  return GOVOPEN_OK;
}

void govopen_options_free(govopen_options *opts) {
  if (opts) free(opts->extends_root);
  free(opts);
}

int govopen_options_set_int(govopen_options *opts, int option, int64_t value) {
  if (opts == NULL) return GOVOPEN_EINVALID;
  int64_t *slot = option_slot(opts, option);
  if (slot == NULL || value < 0) return GOVOPEN_EINVALID;
  switch (option) {
    case GOVOPEN_OPT_STRICT:
      if (value > 1) return GOVOPEN_EINVALID;
      break;
    case GOVOPEN_OPT_EXTENDS_FILES: /* 0 built-ins, 1 under the root, 2 any regular file */
      if (value > 2) return GOVOPEN_EINVALID;
      break;
    case GOVOPEN_OPT_MAX_ALIASES:
      if (value > 100000000) return GOVOPEN_EINVALID;
      break;
    case GOVOPEN_OPT_MAX_EXPR_CHARS:
      /* the expression compiler's own bounds cannot be raised */
      if (value < 1 || value > GOVOPEN_DEFAULT_MAX_EXPR_CHARS) return GOVOPEN_EINVALID;
      break;
    case GOVOPEN_OPT_MAX_EXPR_NODES:
      if (value < 1 || value > GOVOPEN_DEFAULT_MAX_EXPR_NODES) return GOVOPEN_EINVALID;
      break;
    case GOVOPEN_OPT_MAX_DEPTH:
      /* the loaders recurse along the tree: keep the stack bounded */
      if (value < 1 || value > 1000) return GOVOPEN_EINVALID;
      break;
    case GOVOPEN_OPT_MAX_TREE_DEPTH:
      /* a hard maximum: every walk along the tree is bounded by it */
      if (value < 1 || value > GV_MAX_TREE_DEPTH_CAP) return GOVOPEN_EINVALID;
      break;
    default:
      if (value < 1 || value > ((int64_t)1 << 40)) return GOVOPEN_EINVALID;
      break;
  }
  *slot = value;
  return GOVOPEN_OK;
}

/* The range of each numeric option, for the messages of govopen_options_set_int_ex(). */
static const struct {
  int option;
  const char *name;
  int64_t lo, hi;
} option_ranges[] = {
    {GOVOPEN_OPT_MAX_SIZE, "GOVOPEN_OPT_MAX_SIZE", 1, (int64_t)1 << 40},
    {GOVOPEN_OPT_MAX_DEPTH, "GOVOPEN_OPT_MAX_DEPTH", 1, 1000},
    {GOVOPEN_OPT_MAX_NODES, "GOVOPEN_OPT_MAX_NODES", 1, (int64_t)1 << 40},
    {GOVOPEN_OPT_MAX_ALIASES, "GOVOPEN_OPT_MAX_ALIASES", 0, 100000000},
    {GOVOPEN_OPT_STRICT, "GOVOPEN_OPT_STRICT", 0, 1},
    {GOVOPEN_OPT_MAX_UNITS, "GOVOPEN_OPT_MAX_UNITS", 1, (int64_t)1 << 40},
    {GOVOPEN_OPT_MAX_POINTS, "GOVOPEN_OPT_MAX_POINTS", 1, (int64_t)1 << 40},
    {GOVOPEN_OPT_MAX_STRING, "GOVOPEN_OPT_MAX_STRING", 1, (int64_t)1 << 40},
    {GOVOPEN_OPT_MAX_EXPR_CHARS, "GOVOPEN_OPT_MAX_EXPR_CHARS", 1, GOVOPEN_DEFAULT_MAX_EXPR_CHARS},
    {GOVOPEN_OPT_MAX_EXPR_NODES, "GOVOPEN_OPT_MAX_EXPR_NODES", 1, GOVOPEN_DEFAULT_MAX_EXPR_NODES},
    {GOVOPEN_OPT_EXTENDS_FILES, "GOVOPEN_OPT_EXTENDS_FILES", 0, 2},
    {GOVOPEN_OPT_MAX_DIAGNOSTICS, "GOVOPEN_OPT_MAX_DIAGNOSTICS", 1, (int64_t)1 << 40},
    {GOVOPEN_OPT_MAX_CELLS, "GOVOPEN_OPT_MAX_CELLS", 1, (int64_t)1 << 40},
    {GOVOPEN_OPT_MAX_GRID, "GOVOPEN_OPT_MAX_GRID", 1, (int64_t)1 << 40},
    {GOVOPEN_OPT_MAX_TREE_DEPTH, "GOVOPEN_OPT_MAX_TREE_DEPTH", 1, GV_MAX_TREE_DEPTH_CAP},
};

int govopen_options_set_int_ex(govopen_options *opts, int option, int64_t value, govopen_error **err) {
  if (err) *err = NULL;
  if (opts == NULL) return gv_error_set(err, GOVOPEN_EINVALID, "", "api.options_null", "no options object given");
  int rc = govopen_options_set_int(opts, option, value);
  if (rc == GOVOPEN_OK) return rc;
  if (option == GOVOPEN_OPT_EXTENDS_ROOT)
    return gv_error_set(err, rc, "", "api.option_is_string",
                        "GOVOPEN_OPT_EXTENDS_ROOT is a string option: use govopen_options_set_string()");
  for (size_t i = 0; i < sizeof option_ranges / sizeof option_ranges[0]; i++)
    if (option_ranges[i].option == option)
      return gv_error_set(err, rc, "", "api.setting_out_of_range",
                          "%s (%d) is %" PRId64 "; it must be %" PRId64 " to %" PRId64, option_ranges[i].name, option,
                          value, option_ranges[i].lo, option_ranges[i].hi);
  if (option_slot(opts, option) == NULL)
    return gv_error_set(err, rc, "", "api.option_unknown", "no loader option %d", option);
  return gv_error_ensure(err, rc, "govopen_options_set_int_ex");
}

int govopen_options_get_int(const govopen_options *opts, int option, int64_t *out) {
  if (opts == NULL || out == NULL) return GOVOPEN_EINVALID;
  int64_t *slot = option_slot((govopen_options *)opts, option);
  if (slot == NULL) return GOVOPEN_EINVALID;
  *out = *slot;
  return GOVOPEN_OK;
}

int govopen_options_set_string(govopen_options *opts, int option, const char *value) {
  if (opts == NULL || option != GOVOPEN_OPT_EXTENDS_ROOT) return GOVOPEN_EINVALID;
  char *copy = NULL;
  if (value) {
    size_t n = strlen(value);
    if (n == 0 || n >= GV_MAX_STRING_OPTION) return GOVOPEN_EINVALID;
    if ((copy = malloc(n + 1)) == NULL) return GOVOPEN_ENOMEM;
    memcpy(copy, value, n + 1);
  }
  free(opts->extends_root);
  opts->extends_root = copy;
  return GOVOPEN_OK;
}

int govopen_options_get_string(const govopen_options *opts, int option, const char **out) {
  if (out) *out = NULL;
  if (opts == NULL || out == NULL || option != GOVOPEN_OPT_EXTENDS_ROOT) return GOVOPEN_EINVALID;
  *out = opts->extends_root;
  return GOVOPEN_OK;
}

void gv_options_limits(const govopen_options *opts, gv_load_limits *out) {
  if (opts == NULL) {
    out->max_size = GOVOPEN_DEFAULT_MAX_SIZE;
    out->max_depth = GOVOPEN_DEFAULT_MAX_DEPTH;
    out->max_nodes = GOVOPEN_DEFAULT_MAX_NODES;
    out->max_aliases = GOVOPEN_DEFAULT_MAX_ALIASES;
    out->max_units = GOVOPEN_DEFAULT_MAX_UNITS;
    out->max_points = GOVOPEN_DEFAULT_MAX_POINTS;
    out->max_string = GOVOPEN_DEFAULT_MAX_STRING;
    out->max_expr_chars = GOVOPEN_DEFAULT_MAX_EXPR_CHARS;
    out->max_expr_nodes = GOVOPEN_DEFAULT_MAX_EXPR_NODES;
    out->strict = 0;
    out->extends_files = 1;
    out->extends_root = NULL;
    out->max_diagnostics = GOVOPEN_DEFAULT_MAX_DIAGNOSTICS;
    out->max_cells = GOVOPEN_DEFAULT_MAX_CELLS;
    out->max_grid = GOVOPEN_DEFAULT_MAX_GRID;
    out->max_tree_depth = GOVOPEN_DEFAULT_MAX_TREE_DEPTH;
    return;
  }
  out->max_size = (size_t)opts->max_size;
  out->max_depth = (size_t)opts->max_depth;
  out->max_nodes = (size_t)opts->max_nodes;
  out->max_aliases = (size_t)opts->max_aliases;
  out->max_units = (size_t)opts->max_units;
  out->max_points = (size_t)opts->max_points;
  out->max_string = (size_t)opts->max_string;
  out->max_expr_chars = (size_t)opts->max_expr_chars;
  out->max_expr_nodes = (size_t)opts->max_expr_nodes;
  out->strict = (int)opts->strict;
  out->extends_files = (int)opts->extends_files;
  out->extends_root = opts->extends_root;
  out->max_diagnostics = (size_t)opts->max_diagnostics;
  out->max_cells = (size_t)opts->max_cells;
  out->max_grid = (size_t)opts->max_grid;
  out->max_tree_depth = (size_t)opts->max_tree_depth;
}
