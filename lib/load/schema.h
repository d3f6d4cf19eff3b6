/* Reading a YAML document tree against a schema: typed fields with
 * positions and document paths, every problem a diagnostic. Shared by the
 * loaders of frameworks, rules and calendars. */
#ifndef GV_SCHEMA_H
#define GV_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/tree.h"

/* The reader's state: where diagnostics go, the current document path,
   and the arena strings are copied into. */
typedef struct gv_schema {
  gv_diags *d;
  const char *src;    /* the document's name: of nodes from file 0 */
  const char **files; /* the bases' names, of nodes from file 1 … (overlays; load/overlay.c) */
  size_t file_count;
  gv_buf path;
  size_t record; /* reading observation records: 1 + the index of the one read, whose
                    "records[i]" goes before `path` in diagnostics (built only then) */
  gv_arena *arena;
  int borrow;                            /* the document's nodes live as long as what is read: strings are not copied */
  int failed_;                           /* the reader's own: read gv_sc_status(), set gv_sc_set_oom() */
  size_t max_string;                     /* longest string value in bytes; 0: GOVOPEN_DEFAULT_MAX_STRING */
  size_t max_expr_chars, max_expr_nodes; /* expression limits; 0: the compiler's own */
} gv_schema;

typedef struct gv_field {
  const char *key;
  const gv_ynode *key_node, *value;
} gv_field;

enum { GV_OPTIONAL = 0, GV_REQUIRED = 1 };

/* Where each item of a string list came from: its node and its index in the
   sequence, so later checks of one item report it at its own place even
   when other items were invalid and skipped. */
typedef struct gv_list_pos {
  const gv_ynode **nodes;
  size_t *index;
} gv_list_pos;

/* An error (a warning) at `at`, under the current document path; `id` names
   the message (gv_diag_add). */
GV_PRINTF(4, 5)
void gv_sc_err_at(gv_schema *sc, const gv_ynode *at, const char *id, const char *fmt, ...);
GV_PRINTF(4, 5)
void gv_sc_warn_at(gv_schema *sc, const gv_ynode *at, const char *id, const char *fmt, ...);
/* Records that memory ran out (one diagnostic, however often it is said) and
   returns GOVOPEN_ENOMEM; the reader's status stays GOVOPEN_ENOMEM. */
int gv_sc_set_oom(gv_schema *sc);
/* GOVOPEN_OK, or GOVOPEN_ENOMEM once memory ran out while reading (what is
   wrong with the document is in the diagnostics, not here). */
static inline int gv_sc_status(const gv_schema *sc) { return sc->failed_ ? GOVOPEN_ENOMEM : GOVOPEN_OK; }
/* What a reading step that did not read its value returns: GOVOPEN_ESCHEMA
   (what is wrong is in the diagnostics), or GOVOPEN_ENOMEM once memory ran out. */
static inline int gv_sc_failed(const gv_schema *sc) { return sc->failed_ ? GOVOPEN_ENOMEM : GOVOPEN_ESCHEMA; }
/* The name of the document node `at` was read from (sc->src for NULL). */
static inline const char *gv_sc_src(const gv_schema *sc, const gv_ynode *at) {
  return at && at->file > 0 && at->file <= sc->file_count ? sc->files[at->file - 1] : sc->src;
}
size_t gv_sc_path_key(gv_schema *sc, const char *key);
size_t gv_sc_path_index(gv_schema *sc, size_t i);
void gv_sc_path_pop(gv_schema *sc, size_t mark);
/* Matches a mapping's keys against `f`, reporting unknown keys (the known
   ones are still read). `what` names the mapping in messages. GOVOPEN_OK
   when `m` is a mapping; else reported, and gv_sc_failed(). */
int gv_sc_read_fields(gv_schema *sc, const gv_ynode *m, gv_field *f, size_t nf, const char *what);
const gv_field *gv_sc_fld(const gv_field *f, size_t nf, const char *key);
int gv_sc_missing(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, const char *what);
/* A scalar node's usable string into *out: GOVOPEN_OK; or reported (not a
   string, too long, a NUL, empty when `nonempty`) and gv_sc_failed(), *out
   NULL. The name functions below return the same way. */
int gv_sc_string_value(gv_schema *sc, const gv_ynode *v, int nonempty, const char **out);
/* Names (ids, unit and group names, aliases, kinds, categories, enumerated
   values): a string with gv_utf8_is_space() characters trimmed at both ends
   and gv_utf8_is_invisible() ones refused (an error at the value). `text`
   is the value's string, `v` where to report. */
int gv_sc_name_text(gv_schema *sc, const gv_ynode *v, const char *text, size_t len, const char **out);
int gv_sc_name_value(gv_schema *sc, const gv_ynode *v, const char **out);
int gv_sc_get_name(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, const char *what,
                   const char **out);
int gv_sc_get_namelist(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, int single_ok,
                       const char *what, gv_strlist *out, gv_list_pos *pos);
int gv_sc_get_str(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, int nonempty, const char *what,
                  const char **out);
int gv_sc_id_syntax_ok(const char *s, size_t len);
int gv_sc_get_id(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, const char *what,
                 const char **out);
int gv_sc_get_bool(gv_schema *sc, const gv_ynode *map, const gv_field *f, const char *what, int *out);
int gv_sc_get_int(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, const char *what, int64_t *out);
int gv_sc_get_score(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, int allow_negative,
                    const char *what, int64_t *out, int *given);
int gv_sc_get_strlist(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, int single_ok,
                      const char *what, gv_strlist *out, gv_list_pos *pos);
/* `c` hundredths with two decimals (gv_cents_format2: "12.50", "-3.00"), cut to `size`: for messages. */
void gv_sc_fmt_cents(char *buf, size_t size, int64_t c);
/* Finds the items of a string list that repeat an earlier one, in linear
   time: *out, a malloc'ed array where [i] is the index of the first item
   equal to item i (i itself when none is); free() it. GOVOPEN_OK, or
   GOVOPEN_ENOMEM (reported; *out NULL). */
int gv_sc_find_repeats(gv_schema *sc, const char *const *items, size_t n, size_t **out);

/* Sets up a reader: diagnostics to `d` under `src`, strings into `arena`,
   the string and expression limits of `lim`. */
struct gv_load_limits;
void gv_sc_init(gv_schema *sc, gv_diags *d, const char *src, gv_arena *arena, const struct gv_load_limits *lim);

#endif
