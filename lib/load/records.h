/* Observation records: the evaluators' input — JSON Lines, a JSON document
 * or YAML — as a list of records, each one observation as a GV_YMAP tree
 * with positions. It does not know what the fields mean; a later layer types
 * them against each point's rule. records.c is the only file that includes
 * <cJSON.h> for observation input.
 *
 * Shapes
 *   JSON Lines  one JSON object per line. Lines end in LF, CR LF or a lone
 *               CR. A line of nothing but spaces and tabs is skipped; any
 *               other line is a record, or is reported and rejected while
 *               reading goes on with the next line.
 *   JSON        an array of objects; or an object with the top-level key
 *               "observations" (written without escapes) holding an array of
 *               objects, beside which any other key is an error; or any other
 *               object, read as a single record.
 *   YAML        the same shapes: a sequence of mappings, a mapping with an
 *               `observations` sequence, or one mapping. Parsed by
 *               gv_yaml_parse, so its positions, limits and duplicate-key
 *               checks apply.
 *
 * Detection (GV_REC_AUTO): by the source name's extension (.jsonl, .ndjson;
 * .json; .yaml, .yml; any case); else by content: the first character after a
 * byte-order mark and white space is '[' → JSON; '{' → JSON Lines when that
 * line holds a complete object (unless it is the only line and the object
 * has an "observations" key: JSON), else JSON; anything else → YAML; an
 * input of only white space → JSON Lines (no records, no error).
 *
 * Values: objects → GV_YMAP with GV_YT_STR keys (YAML keys are made strings
 * too); arrays → GV_YSEQ; strings → GV_YT_STR; true/false → GV_YT_BOOL
 * "true"/"false"; null → GV_YT_NULL "null"; numbers → GV_YT_INT, printed as an
 * integer, when integral and |x| < 2^53 (so -0, 1.0 and 1e2 are "0", "1",
 * "100"), else GV_YT_FLOAT, printed with the fewest significant digits (at
 * most 17, as %g) that read back to the same double, always with '.' whatever
 * the locale. JSON is strict RFC 8259: what cJSON tolerates beyond it (leading
 * zeros, "1.", control characters as white space or inside strings) is
 * rejected. A string holding \u0000 is rejected, not cut short; duplicate
 * keys are rejected with both places; numbers beyond a double's range are
 * rejected (GOVOPEN_ERANGE).
 *
 * Positions are 1-based lines and columns counted in characters; a leading
 * byte-order mark takes no column. Every JSON node carries the place where
 * its value starts (a key: its opening quote), found by our own scan of the
 * text; a record's line and column are those of its '{' (YAML: of its
 * mapping).
 *
 * Errors go to a gv_diags with the source name, line, column and a path:
 * records[i] names the i-th record of the input (0-based, counting rejected
 * ones: in JSON Lines the i-th non-blank line) whatever the shape, then .key
 * and [n] inside it. A record that cannot be read (malformed JSON in JSON
 * Lines, not an object, a duplicate key, \u0000, invalid UTF-8, too deep) is
 * rejected and counted, and reading goes on. A syntax error in a JSON or YAML
 * document, the node and record limits, memory and a callback's stop end the
 * read, and their messages say "(reading stopped here)". An oversized or
 * UTF-16 input, or a document of the wrong shape, is refused whole.
 *
 * Limits: GOVOPEN_OPT_MAX_SIZE bounds the input; MAX_DEPTH the nesting, counted
 * from the document's top (a record in a top-level array is at depth 2, as in
 * YAML); MAX_NODES the nodes held at once — all records kept by
 * gv_records_read, one record at a time in gv_records_foreach (YAML: the whole
 * document); MAX_ALIASES YAML aliases; max_records the records read or
 * rejected.
 *
 * Threads: the reader keeps no state between calls. cJSON 1.7.15 itself
 * stores its last error in a global on every failed parse; we never read it,
 * but two threads reading malformed JSON at once both write it. */
#ifndef GV_RECORDS_H
#define GV_RECORDS_H

#include <stddef.h>

#include "load/ytree.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/tree.h"

enum { GV_REC_AUTO = 0, GV_REC_JSONL = 1, GV_REC_JSON = 2, GV_REC_YAML = 3 };

/* Default for gv_rec_limits.max_records. */
#define GV_REC_DEFAULT_MAX_RECORDS ((size_t)5000000)

typedef struct gv_rec_limits {
  gv_ylimits y;       /* size, depth, nodes, aliases: the framework loader's limits */
  size_t max_records; /* records in one input, rejected ones included */
} gv_rec_limits;

/* The library's defaults (GOVOPEN_DEFAULT_MAX_* and GV_REC_DEFAULT_MAX_RECORDS). */
void gv_rec_limits_default(gv_rec_limits *lim);

typedef struct gv_record {
  gv_ynode *node;   /* a GV_YMAP */
  unsigned line, col;
  size_t index;     /* 0-based place in the input, rejected records counted */
} gv_record;

typedef struct gv_records {
  gv_arena arena;   /* every node of every record */
  gv_record *items; /* count records, in input order */
  size_t count, rejected;
} gv_records;

/* The format of the input: GV_REC_JSONL, GV_REC_JSON or GV_REC_YAML. `source`
   (may be NULL) is looked at for its extension first. */
int gv_records_detect(const char *data, size_t len, const char *source);

/* Reads every record of `data` into `out` (overwritten; release it with
   gv_records_free() whatever the result). `format` is a GV_REC_* value;
   `source` names the input in diagnostics (may be NULL); `lim` may be NULL for
   the defaults. Returns 0 when every record was read, else the code of the
   first error, every error recorded in `d`; the records read before or
   beside the errors are still in `out`, `out->rejected` counts the others. */
int gv_records_read(gv_records *out, const char *data, size_t len, const char *source, int format,
                    const gv_rec_limits *lim, gv_diags *d);
void gv_records_free(gv_records *r);

/* Called once per record read, in input order. The record and its nodes live
   until the callback returns. A non-zero return stops the read and is
   returned by gv_records_foreach unchanged (GOVOPEN_EUSER, or the caller's
   own positive values). */
typedef int (*gv_record_fn)(const gv_record *rec, void *payload);

/* The streaming form of gv_records_read: the same reading, but each record is
   handed to `fn` and dropped, so JSON Lines and JSON inputs are read holding
   one record at a time. `count` and `rejected` (may be NULL) receive how many
   records were read (handed to `fn`) and rejected. */
int gv_records_foreach(const char *data, size_t len, const char *source, int format,
                       const gv_rec_limits *lim, gv_record_fn fn, void *payload, size_t *count,
                       size_t *rejected, gv_diags *d);

#endif
