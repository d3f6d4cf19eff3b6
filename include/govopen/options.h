/* libgovopen: loader options. */
#ifndef GOVOPEN_OPTIONS_H
#define GOVOPEN_OPTIONS_H

#include <stdint.h>
#include "common.h"
#include "error.h"

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
   * Which files an overlay's `extends` may name, when the overlay was read
   * from a file (govopen_framework_load_file); a built-in id is always
   * allowed. 0: only built-in frameworks; 1: regular files under the
   * extends root (GOVOPEN_OPT_EXTENDS_ROOT), the real path of the file
   * (symbolic links resolved) inside the real path of the root; 2: any
   * regular file. Never a device, a pipe, a socket, a directory or a file
   * of /proc or /sys, and a base is never opened in a way that can block.
   * A refused base is reported at the overlay's `extends` value with the
   * name the overlay wrote and why, quoting nothing of the file.
   * Default 1. A framework read from memory (govopen_framework_load_buffer)
   * extends only built-ins whatever this is: its source name is only a
   * name. docs/security.md.
   */
  GOVOPEN_OPT_EXTENDS_FILES = 11,
  /**
   * A string option (govopen_options_set_string): the directory under which
   * an overlay's `extends` may read files (GOVOPEN_OPT_EXTENDS_FILES 1),
   * the bases' own `extends` included. Default (NULL): the directory of the
   * file given to govopen_framework_load_file.
   */
  GOVOPEN_OPT_EXTENDS_ROOT = 15,
  /**
   * Most diagnostics kept for one document (a framework with the bases it
   * extends, a calendar). Past it, loading carries on but only counts: the
   * chain ends with one more diagnostic (GOVOPEN_ELIMIT, at the position of
   * the last one not kept) saying exactly how many errors and warnings were
   * not shown, and quoting the last of them. The load's status is still the
   * first error's code. Default GOVOPEN_DEFAULT_MAX_DIAGNOSTICS (1000),
   * 1 … 2^40. docs/security.md.
   */
  GOVOPEN_OPT_MAX_DIAGNOSTICS = 13,
  /**
   * Most unit × point pairs a framework may expand to: each point's
   * responsible units after its groups are expanded, summed over the
   * points. Passing it is GOVOPEN_ELIMIT at the `responsible` of the point
   * where the running total passes it. The same limit bounds the groups'
   * members, summed over the groups. Default GOVOPEN_DEFAULT_MAX_CELLS
   * (1000000: a province of 4,280 units, each owning 83 points, is
   * 355,240), 1 … 2^40. docs/security.md.
   */
  GOVOPEN_OPT_MAX_CELLS = 14,
  /* (diag) */
  /**
   * Most cells of the table an evaluation keeps: units × (points +
   * indicators), whether a unit owns the point or not (an evaluation holds a
   * state slot and a result cell for each). Passing it is GOVOPEN_ELIMIT at
   * the point (or indicator) where units × the ones read so far passes it.
   * Default GOVOPEN_DEFAULT_MAX_GRID (4000000, about 150 MB for an
   * evaluation; a province of 4,280 units and 83 points under 40 indicators
   * is 526,440), 1 … 2^40. docs/security.md.
   */
  GOVOPEN_OPT_MAX_GRID = 16,
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
#define GOVOPEN_DEFAULT_MAX_DIAGNOSTICS 1000
#define GOVOPEN_DEFAULT_MAX_CELLS 1000000
#define GOVOPEN_DEFAULT_MAX_GRID 4000000
#define GOVOPEN_DEFAULT_MAX_TREE_DEPTH 32

/** Creates an options object holding the defaults. `*out` belongs to the caller. */
GOVOPEN_API int govopen_options_new(govopen_options **out);
/** Frees an options object. Accepts NULL. */
GOVOPEN_API void govopen_options_free(govopen_options *opts);
/**
 * Sets a numeric option (`option` a govopen_option). Returns
 * GOVOPEN_EINVALID for a NULL `opts`, an unknown id or a value out of range
 * (negative, or a limit of 0 where 0 makes no sense). The variant without
 * details: govopen_options_set_int_ex() says which.
 */
GOVOPEN_API int govopen_options_set_int(govopen_options *opts, int option, int64_t value);
/**
 * govopen_options_set_int() with details: on failure `*err` (when `err` is
 * not NULL) receives one diagnostic naming the option and its range
 * ("GOVOPEN_OPT_MAX_DEPTH (2) is 0; it must be 1 to 1000") or saying the id
 * is unknown; NULL on success.
 */
GOVOPEN_API int govopen_options_set_int_ex(govopen_options *opts, int option, int64_t value, govopen_error **err);
/** Reads a numeric option (a govopen_option) into `*out`; GOVOPEN_EINVALID for an unknown id. */
GOVOPEN_API int govopen_options_get_int(const govopen_options *opts, int option, int64_t *out);
/**
 * Sets a string option (a govopen_option: GOVOPEN_OPT_EXTENDS_ROOT): the
 * object keeps a copy of `value`; NULL restores the default. Returns
 * GOVOPEN_EINVALID for an id that is not a string option, or an empty value
 * or one of PATH_MAX (4096) bytes or more; GOVOPEN_ENOMEM when the copy cannot be made (the option
 * is then unchanged).
 */
GOVOPEN_API int govopen_options_set_string(govopen_options *opts, int option, const char *value);
/**
 * Reads a string option (a govopen_option) into `*out`: borrowed, valid
 * until the option is set again or `opts` is freed; NULL when the option holds its default.
 * GOVOPEN_EINVALID (and `*out` NULL) for an id that is not a string option.
 */
GOVOPEN_API int govopen_options_get_string(const govopen_options *opts, int option, const char **out);

#ifdef __cplusplus
}
#endif
#endif
