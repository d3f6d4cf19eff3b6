/* Observation records: the evaluators' input — JSON Lines, a JSON document,
 * YAML or a CSV worksheet — as a list of records, each one observation as a GV_YMAP tree
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
 *               `observations` sequence, or one mapping. Read by
 *               gv_yaml_parse (gv_records_read) or streamed by gv_yaml_stream
 *               (the foreach forms), so its positions, limits and
 *               duplicate-key checks apply.
 *
 *   CSV         a worksheet (docs/observations.md, "CSV worksheets"; read by
 *               csv_records.c): a header row naming the columns, then one
 *               record per row, each non-empty cell of a named column a
 *               GV_YT_STR of style GV_STYLE_CELL — text whose type the reader
 *               of the field decides (eval/observations.c) — its key and value
 *               both at the cell's line and column. Columns whose name starts
 *               with '#' are for people and not read. A row with nothing but
 *               spaces is passed over; a row with nothing filled in beside
 *               `unit`, `point`, `observed` and `evaluator` (an unfilled
 *               worksheet row) is passed over too, and the read ends with one
 *               warning counting them. A row that breaks the dialect (a
 *               quote inside an unquoted field, text after a closing quote,
 *               a value beyond the header's columns or in a column without a
 *               name, invalid UTF-8, NUL) is rejected; a header that cannot
 *               be read (a duplicate column, no `point` or `adjustment`
 *               column) refuses the input.
 *
 * Detection (GV_REC_AUTO): by the source name's extension (.jsonl, .ndjson;
 * .json; .yaml, .yml; .csv; any case); else by content: the first character after a
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
 * rejected. A string holding \u0000 is rejected, not cut short, and so is
 * a \u escape without four hex digits (cJSON reads them as 0); duplicate
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
 * Limits: GOVOPEN_OPT_MAX_SIZE bounds the input (read from a file: see
 * gv_records_foreach_fd); MAX_DEPTH the nesting, counted from the document's
 * top (a record in a top-level array is at depth 2, as in YAML); MAX_NODES the
 * nodes held at once — all records kept by gv_records_read, one record at a
 * time in the foreach forms (YAML: one record, with the document's nodes
 * outside its list of records and the anchored nodes kept for aliases, below);
 * MAX_ALIASES YAML aliases; max_records the records read or rejected;
 * max_keys (GOVOPEN_EVAL_MAX_KEYS) the keys of one record, counted at every
 * depth in document order: a record with more is rejected at the first key
 * beyond (JSON: found by the light scan, before cJSON; the fast path gives up
 * there), and a CSV header naming more columns refuses the input.
 *
 * YAML streamed (the foreach forms): the items of the top-level sequence, or
 * of the `observations` sequence, are built, handed over and dropped one at a
 * time; a single-mapping document is one record, built whole. An alias may
 * name an anchor defined in an earlier record: the nodes anchored inside a
 * record are copied when it ends and kept to the end of the read, counted
 * among the nodes held (so MAX_NODES bounds them too) — only when aliases are
 * allowed at all (MAX_ALIASES, 0 by default). As the read streams, what the
 * document turns out to hold further on cannot take back what was handed
 * over: the records before a syntax error, a duplicate key, a second document
 * or a limit have been handed over (gv_records_read keeps none of them, as
 * before), and an unknown top-level key beside `observations` is reported
 * where it stands, after the errors of the records before it. An anchor on
 * the streamed sequence itself names nothing.
 *
 * Threads: the reader keeps no state between calls. cJSON 1.7.15 itself
 * stores its last error in a global on every failed parse; we never read it,
 * but two threads reading malformed JSON at once both write it. Numbers are
 * read with the locale's decimal point (localeconv), as cJSON reads them. */
#ifndef GV_RECORDS_H
#define GV_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "load/ytree.h"
#include "util/arena.h"
#include "util/digest.h"
#include "util/error.h"
#include "util/tree.h"

enum { GV_REC_AUTO = 0, GV_REC_JSONL = 1, GV_REC_JSON = 2, GV_REC_YAML = 3, GV_REC_CSV = 4 };

/* Default for gv_rec_limits.max_records. */
#define GV_REC_DEFAULT_MAX_RECORDS ((size_t)5000000)

typedef struct gv_rec_limits {
  gv_ylimits y;       /* size, depth, nodes, aliases: the framework loader's limits */
  size_t max_records; /* records in one input, rejected ones included */
  size_t max_keys;    /* keys in one record, at every depth (CSV: named columns) */
  size_t block;       /* file input: bytes read at a time, 0 for 1 MiB (tests use tiny ones) */
  int no_fast_path;   /* tests: every JSON record through cJSON and the strict walk */
  /* gv_records_foreach_fd: every byte read(2) from the file, in order, is
     added to it (NULL: none). The read may end before the input does (a
     callback's stop): the caller reads the rest into it if it needs the
     whole input's digest. */
  gv_digest *digest;
} gv_rec_limits;

/* The library's defaults (GOVOPEN_DEFAULT_MAX_*, GV_REC_DEFAULT_MAX_RECORDS and GOVOPEN_DEFAULT_MAX_KEYS). */
void gv_rec_limits_default(gv_rec_limits *lim);

typedef struct gv_record {
  gv_ynode *node; /* a GV_YMAP */
  unsigned line, col;
  size_t index; /* 0-based place in the input, rejected records counted */
} gv_record;

typedef struct gv_records {
  gv_arena arena;   /* every node of every record */
  gv_record *items; /* count records, in input order */
  size_t count, rejected;
} gv_records;

/* The format of the input: GV_REC_JSONL, GV_REC_JSON, GV_REC_YAML or (by the
   extension only) GV_REC_CSV. `source` (may be NULL) is looked at for its
   extension first. */
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
   handed to `fn` and dropped, so inputs are read holding one record at a time
   (YAML: see "YAML streamed" above). `count` and `rejected` (may be NULL)
   receive how many records were read (handed to `fn`) and rejected. */
int gv_records_foreach(const char *data, size_t len, const char *source, int format, const gv_rec_limits *lim,
                       gv_record_fn fn, void *payload, size_t *count, size_t *rejected, gv_diags *d);

/* gv_records_foreach over a file descriptor, read from where it stands with
   read(2), never holding the whole input (it may be a pipe; it is not
   closed). `format` GV_REC_AUTO goes by the extension of `source`, else by
   the first block read (64 KiB, or on to the end of the first line and to
   what follows it, up to MAX_SIZE), under gv_records_detect's rules.
   - JSON Lines: read in blocks (lim->block bytes), each complete line read
     as gv_records_foreach reads it: the same records, callbacks and
     diagnostics, lines, columns and indexes as for the whole input in one
     buffer. MAX_SIZE bounds one line rather than the input: a longer line is
     rejected as a record ("the line is longer than the limit", at its first
     character), passed over without being held, and reading goes on.
   - YAML: streamed through libyaml's reader; MAX_SIZE bounds the text held
     at once (gv_yaml_stream: from the last event to libyaml's read-ahead, so
     one scalar or flow line) and MAX_NODES one record (see above).
   - CSV: read in blocks like JSON Lines; MAX_SIZE bounds one row, and a
     longer one (an unterminated quote, most likely) ends the read.
   - JSON: read whole, up to MAX_SIZE (a larger input is refused whole, as
     by gv_records_foreach), then read as gv_records_foreach reads it.
   An input that cannot be read ends the read with GOVOPEN_EIO and a
   diagnostic naming `source` and the system's reason. */
int gv_records_foreach_fd(int fd, const char *source, int format, const gv_rec_limits *lim, gv_record_fn fn,
                          void *payload, size_t *count, size_t *rejected, gv_diags *d);

/* Parallel JSON Lines. A file is cut at line starts (gv_records_jsonl_split),
   each part counted (gv_records_jsonl_scan) and then read with the line and
   record numbers the parts before it add up to
   (gv_records_foreach_jsonl_range): the parts' callbacks and diagnostics, put
   end to end, are those of gv_records_foreach_fd on the whole file. Every
   call reads with pread(2) and keeps no state, so threads may share one fd.
   A part needs its own gv_diags. */
typedef struct gv_jsonl_counts {
  uint64_t lines;   /* line ends in the part: LF, CR LF and lone CR, as the reader counts them */
  uint64_t records; /* its non-blank lines (not only spaces and tabs), the last one without an end included */
  int lone_cr;      /* a CR not followed by LF ends a line (numbering stays right all the same) */
  int bom;          /* from == 0 and the file starts with a UTF-8 byte-order mark (passed over) */
  int utf16;        /* from == 0 and the file starts as UTF-16 does: the part at 0 refuses it */
} gv_jsonl_counts;

/* Counts bytes [from, to) of `fd` (from at a line start); a CR ending the
   part is told lone or not by the byte after it. Fast: blocks of 1 MiB
   searched with memchr. Returns 0, GOVOPEN_EIO (errno set) when the file
   cannot be read, or GOVOPEN_ENOMEM. */
int gv_records_jsonl_scan(int fd, uint64_t from, uint64_t to, gv_jsonl_counts *out);

/* The offset just after the first LF at or after `approx`, or `size` when
   there is none (or the file cannot be read: the part reading it says so). */
uint64_t gv_records_jsonl_split(int fd, uint64_t size, uint64_t approx);

/* Reads JSON Lines from bytes [from, to) of `fd` (both at line starts: 0, the
   end, or just after a line end), its first line numbered `first_line` and
   its first record `first_index`; everything else as gv_records_foreach_fd
   (the byte-order mark and UTF-16 are looked at only when from == 0).
   lim->max_records bounds the index, counted from the file's start: a part
   wholly beyond it (first_index > max_records) reads nothing and returns
   GOVOPEN_ELIMIT with no diagnostic, the part holding record max_records
   having reported it; likewise a part after 0 of a UTF-16 file returns
   GOVOPEN_EPARSE, the part at 0 reporting it. A part whose read stopped
   early (gv_records_stopped) ends what the whole file's read would have
   read: the callers drop the parts after it. */
int gv_records_foreach_jsonl_range(int fd, const char *source, uint64_t from, uint64_t to, unsigned first_line,
                                   size_t first_index, const gv_rec_limits *lim, gv_record_fn fn, void *payload,
                                   size_t *count, size_t *rejected, gv_diags *d);

/* Whether a read whose diagnostics are `d` (its own) stopped before the end
   of its input for a reason other than its callback: a node or record limit,
   memory, an I/O error or a syntax error in a document (their messages say
   "(reading stopped here)"). A callback's stop is known to its caller. */
int gv_records_stopped(const gv_diags *d);
/* The first diagnostic of `d` after which reading stopped ("reading stopped
   here: the rest of the input, from line L, column C, to its end, was not
   read"), or NULL. */
const govopen_error *gv_records_stop(const gv_diags *d);

#endif
