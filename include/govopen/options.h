/* libgovopen: loader options. */
#ifndef GOVOPEN_OPTIONS_H
#define GOVOPEN_OPTIONS_H

#include <stdint.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Loader options: an opaque bag of numbered settings. One thread at a time. */
typedef struct govopen_options govopen_options;

/** Numbered option ids; values are fixed and only ever appended. */
typedef enum govopen_option {
  /** Largest document accepted, in bytes. Default 16 MiB. */
  GOVOPEN_OPT_MAX_SIZE = 1,
  /** Deepest nesting of YAML collections. Default 64. */
  GOVOPEN_OPT_MAX_DEPTH = 2,
  /** Most YAML nodes, aliases counted as the nodes they expand to. Default 1000000. */
  GOVOPEN_OPT_MAX_NODES = 3,
  /** Most aliases (*name) a document may use; 0 refuses them. Default 0. */
  GOVOPEN_OPT_MAX_ALIASES = 4,
  /** 1: warnings are errors (the load fails). Default 0. */
  GOVOPEN_OPT_STRICT = 5,
  /** Most units a framework may declare. Default 100000. */
  GOVOPEN_OPT_MAX_UNITS = 6,
  /** Most evaluation points a framework may hold. Default 100000. */
  GOVOPEN_OPT_MAX_POINTS = 7,
  /** Longest string value, in bytes. Default 65536. */
  GOVOPEN_OPT_MAX_STRING = 8,
  /** Longest expression of an expression rule, in characters. Default and most 10000. */
  GOVOPEN_OPT_MAX_EXPR_CHARS = 9,
  /** Most syntax-tree nodes of one expression. Default and most 2000. */
  GOVOPEN_OPT_MAX_EXPR_NODES = 10,
  /**
   * 1: an overlay's `extends` may name a file, found next to the overlay,
   * when the overlay itself was read from a file (govopen_framework_load_file);
   * 0: only built-in frameworks. Default 1. A framework read from memory
   * (govopen_framework_load_buffer) extends only built-ins whatever this is:
   * its source name is only a name. docs/security.md.
   */
  GOVOPEN_OPT_EXTENDS_FILES = 11,
  /**
   * Deepest indicator tree, in levels below the root, counted on the tree
   * as it stands after every overlay (`extends`, `nodes:` with `in:`) is
   * merged: an overlay can stack indicators deeper than any one document
   * nests. Default GOVOPEN_DEFAULT_MAX_TREE_DEPTH (32); from 1 to 256, a
   * hard maximum no caller can raise, so that no traversal of the tree needs
   * more stack or time than that depth allows. docs/security.md.
   */
  GOVOPEN_OPT_MAX_TREE_DEPTH = 12
} govopen_option;

/** Default limits, also used when no options object is given. */
#define GOVOPEN_DEFAULT_MAX_SIZE (16 * 1024 * 1024)
#define GOVOPEN_DEFAULT_MAX_DEPTH 64
#define GOVOPEN_DEFAULT_MAX_NODES 1000000
#define GOVOPEN_DEFAULT_MAX_ALIASES 0
#define GOVOPEN_DEFAULT_MAX_UNITS 100000
#define GOVOPEN_DEFAULT_MAX_POINTS 100000
#define GOVOPEN_DEFAULT_MAX_STRING 65536
#define GOVOPEN_DEFAULT_MAX_EXPR_CHARS 10000
#define GOVOPEN_DEFAULT_MAX_EXPR_NODES 2000
#define GOVOPEN_DEFAULT_MAX_TREE_DEPTH 32

/** Creates an options object holding the defaults. `*out` belongs to the caller. */
GOVOPEN_API int govopen_options_new(govopen_options **out);
/** Frees an options object. Accepts NULL. */
GOVOPEN_API void govopen_options_free(govopen_options *opts);
/**
 * Sets a numeric option. Returns GOVOPEN_EINVALID for an unknown id or a value
 * out of range (negative, or a limit of 0 where 0 makes no sense).
 */
GOVOPEN_API int govopen_options_set_int(govopen_options *opts, int option, int64_t value);
/** Reads a numeric option into `*out`; GOVOPEN_EINVALID for an unknown id. */
GOVOPEN_API int govopen_options_get_int(const govopen_options *opts, int option, int64_t *out);

#ifdef __cplusplus
}
#endif
#endif
