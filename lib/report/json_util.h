/* Helpers shared by the JSON writers: cJSON trees for the small documents
   (cJSON is used only in lib/report and, to parse observations, in
   lib/load/records.c), and a streaming writer for the large ones. */
#ifndef GV_JSON_UTIL_H
#define GV_JSON_UTIL_H

#include <cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "govopen/evaluate.h"
#include "report/out.h" /* util/cents.h: gv_cents_format, a score as a JSON number formatted by us */
#include "util/tree.h"

/* --- cJSON trees ------------------------------------------------------------ */

/* A score as a raw cJSON number (gv_cents_format). */
cJSON *gv_json_score(int64_t cents);
/* Attaches `item` to `obj` under `key` (or to an array); deletes the item
   when attaching fails. GOVOPEN_OK, or GOVOPEN_ENOMEM when `item` is NULL
   (its creation failed) or attaching failed. */
int gv_json_put(cJSON *obj, const char *key, cJSON *item);
int gv_json_push(cJSON *arr, cJSON *item);
int gv_json_put_str(cJSON *obj, const char *key, const char *s);
/* Prints `root` (pretty when `pretty`), deletes it, and hands the text out
   from our allocator (never cJSON's). GOVOPEN_OK or GOVOPEN_ENOMEM. */
int gv_json_finish(cJSON *root, int pretty, char **out, size_t *out_len);

/* --- a streaming writer --------------------------------------------------------
 *
 * Emits a document value by value through a govopen_write_fn, in chunks of at
 * most `chunk` bytes from one buffer of that size: nothing else is held. The
 * layout is byte for byte cJSON's (1.7): pretty as cJSON_Print — a member per
 * line indented with one tab per open container, "key":<TAB>value, array
 * elements separated by ", " on one line, an empty object "{\n<tabs>}" — and
 * compact as cJSON_PrintUnformatted; strings escaped as cJSON escapes them.
 * So a document can move from a cJSON tree to this writer without changing a
 * byte.
 *
 * The first failure (a write refused: GOVOPEN_ESTOPPED; misuse: GOVOPEN_EINVALID)
 * sticks: every later call does nothing, `write` is not called again, and
 * gv_jw_finish() returns it. Check gv_jw_status() to stop a long loop early.
 *
 * In an object every value needs its member name `key`; in an array and at
 * the top `key` must be NULL. */

#define GV_JW_CHUNK GV_OUT_CHUNK
#define GV_JW_MAX_DEPTH 32

typedef struct gv_jw {
  gv_out out; /* the chunked sink: buffer, callback, status */
  int pretty;
  unsigned depth;                         /* containers open */
  unsigned char object[GV_JW_MAX_DEPTH];  /* per open container: 1 object, 0 array */
  unsigned char members[GV_JW_MAX_DEPTH]; /* per open container: 1 once it holds a value */
  int done;                               /* the top-level value is complete */
} gv_jw;

/* Sets up a writer with a buffer of `chunk` bytes (0: GV_JW_CHUNK).
   GOVOPEN_OK, or GOVOPEN_ENOMEM (then gv_jw_finish() is still safe). */
int gv_jw_init(gv_jw *w, int pretty, size_t chunk, govopen_write_fn write, void *user);
/* Hands out what is buffered, releases the buffer and returns the status:
   GOVOPEN_EINVALID too when a container was left open. */
int gv_jw_finish(gv_jw *w);
/* GOVOPEN_OK so far, or the first failure. */
static inline int gv_jw_status(const gv_jw *w) { return w->out.status; }
/* Fails the document with `status` (e.g. GOVOPEN_ENOMEM while preparing a
   value): the first failure sticks as any other. */
static inline void gv_jw_fail(gv_jw *w, int status) { gv_out_fail(&w->out, status); }

/* Parallel writing: `w` continues inside the containers `from` has open, as
   if it had written what `from` has (a part of a document rendered on
   another thread), so its text can be appended to `from`'s with
   gv_jw_raw(). */
void gv_jw_continue(gv_jw *w, const gv_jw *from);
/* Appends text rendered by a continuing writer; `members`: it wrote values
   into the innermost open container. */
void gv_jw_raw(gv_jw *w, const char *s, size_t n, int members);

void gv_jw_object(gv_jw *w, const char *key);                /* opens an object */
void gv_jw_array(gv_jw *w, const char *key);                 /* opens an array */
void gv_jw_end(gv_jw *w);                                    /* closes the innermost container */
void gv_jw_string(gv_jw *w, const char *key, const char *s); /* NULL writes "" (as cJSON does) */
void gv_jw_score(gv_jw *w, const char *key, int64_t cents);  /* gv_cents_format */
void gv_jw_uint(gv_jw *w, const char *key, uint64_t v);
void gv_jw_bool(gv_jw *w, const char *key, int v);
void gv_jw_null(gv_jw *w, const char *key);
/* A document tree (a rule block, a whole YAML document) as one value,
   scalars as the reader typed them: null, booleans, numbers (ints and
   floats as written, less a '+' sign and leading zeros, which JSON does not
   have), strings (quoted YAML scalars always); mapping keys as their text,
   in their order. Any depth: it needs no room among the open containers. */
void gv_jw_tree(gv_jw *w, const char *key, const gv_ynode *n);
/* The same, compact, straight into a sink (for text that quotes a rule). */
void gv_json_tree_compact(gv_out *o, const gv_ynode *n);

#endif
