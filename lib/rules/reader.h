/* How a rule kind reads its YAML keys without knowing the loader.
 *
 * Compiling a kind's parameters belongs to its module (rules/kind_*.c),
 * but checking YAML values against a schema, with positions and document
 * paths, belongs to the loader (load/schema.h), a layer above. The loader
 * therefore hands the kinds this small reader: a table of callbacks over
 * its gv_schema (load/rule_load.c implements it). The document tree
 * itself (util/tree.h) is below both, so kinds walk nested mappings and
 * lists directly and call back only to read a typed value or to report. */
#ifndef GV_RULES_READER_H
#define GV_RULES_READER_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "rules/rule.h"
#include "util/error.h"
#include "util/tree.h"

/* A key of a mapping, as matched by read_keys: its key and value nodes
   (NULL when absent). */
typedef struct gv_rkey {
  const char *key;
  const gv_ynode *key_node, *value;
} gv_rkey;

enum { GV_RK_OPTIONAL = 0, GV_RK_REQUIRED = 1 };

/* The reader. Every getter reports what is wrong at the value's place and
   returns GOVOPEN_ESCHEMA (or GOVOPEN_ENOMEM) then (GOVOPEN_OK with *out
   unchanged for an absent optional key); `what` names the mapping in messages ("a deadline rule"). Paths:
   path_key/path_index push a step of the document path and return a mark
   for path_pop. Strings live as long as the rule. */
typedef struct gv_reader {
  void (*err_at)(void *self, const gv_ynode *at, const char *id, const char *fmt, va_list ap);
  void (*set_oom)(void *self);
  /* GOVOPEN_OK, or GOVOPEN_ENOMEM once memory ran out (set_oom, or the reader's own). */
  int (*status)(void *self);
  size_t (*path_key)(void *self, const char *key);
  size_t (*path_index)(void *self, size_t i);
  void (*path_pop)(void *self, size_t mark);
  /* Matches the keys of mapping `m` against k[0 … n), reporting unknown
     ones; GOVOPEN_OK, or GOVOPEN_ESCHEMA / GOVOPEN_ENOMEM when `m` is not a
     mapping (reported). */
  int (*read_keys)(void *self, const gv_ynode *m, gv_rkey *k, size_t n, const char *what);
  int (*get_int)(void *self, const gv_ynode *map, const gv_rkey *k, int required, const char *what, int64_t *out);
  /* A score in hundredths. */
  int (*get_score)(void *self, const gv_ynode *map, const gv_rkey *k, int required, int allow_negative,
                   const char *what, int64_t *out);
  /* A name: trimmed, invisible characters refused. */
  int (*get_name)(void *self, const gv_ynode *map, const gv_rkey *k, int required, const char *what, const char **out);
  int (*get_str)(void *self, const gv_ynode *map, const gv_rkey *k, int required, int nonempty, const char *what,
                 const char **out);
  /* A list of names, each item's node and index in the sequence in nodes[i], index[i]. */
  int (*get_namelist)(void *self, const gv_ynode *map, const gv_rkey *k, int required, const char *what,
                      const char ***items, size_t *count, const gv_ynode ***nodes, size_t **index);
  /* A value read and checked (gv_sc_name_text, gv_sc_name_value,
     gv_sc_string_value): GOVOPEN_OK with *out, or reported and
     GOVOPEN_ESCHEMA / GOVOPEN_ENOMEM with *out NULL. */
  int (*name_text)(void *self, const gv_ynode *v, const char *text, size_t len, const char **out);
  int (*name_value)(void *self, const gv_ynode *v, const char **out);
  int (*string_value)(void *self, const gv_ynode *v, int nonempty, const char **out);
  /* For a kind with a language of its own (expressions): where its
     diagnostics go, the document a node came from, the current path, and
     the loader's limits (0: the compiler's own). */
  gv_diags *(*diags)(void *self);
  const char *(*source)(void *self, const gv_ynode *at);
  const char *(*path)(void *self);
  void (*expr_limits)(void *self, size_t *chars, size_t *nodes);
} gv_reader;

/* The YAML keys kind `k` takes besides kind, label and note,
   NULL-terminated; NULL when out of range. */
const char *const *gv_rule_kind_keys(gv_rule_kind k);

/* Compiles the parameters of rule `r` (kind, label, note and max set) by
   its kind, from `keys` (kind, label, note, then gv_rule_kind_keys(), as
   read_keys matched them in `block`), and declares its sample fields.
   What is wrong with the block is reported through `rd`; the caller counts
   the errors. GOVOPEN_OK, or GOVOPEN_ENOMEM. */
int gv_rule_compile_params(const gv_reader *rd, void *self, const gv_ynode *block, gv_rkey *keys, size_t nkeys,
                           const char *what, gv_arena *arena, gv_rule *r);

#endif
