/* The observation reader's state and the helpers its formats share:
 * records.c reads JSON Lines, JSON and YAML, csv_records.c CSV worksheets.
 * Only these two files include it; everyone else sees load/records.h. */
#ifndef GV_RECORDS_IMPL_H
#define GV_RECORDS_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "load/records.h"
#include "util/buf.h"

#define GV_RD_NONE SIZE_MAX
/* Ends the message of a diagnostic after which nothing more of the input is
   read. When the read ends it becomes, in the first such diagnostic, " (reading
   stopped here: the rest of the input, from line L, column C, to its end, was
   not read)": L:C where the first record not handed over starts, or the
   diagnostic's own place when it lies between records. */
#define GV_RD_STOPPED " (reading stopped here)"
/* A record with more keys than lim.max_keys, said at the first key beyond (%zu: the limit). */
#define GV_RD_KEYS_OVER "more than %zu keys in one record: the limit (GOVOPEN_EVAL_MAX_KEYS)"

/* What became of a record or value: read, rejected (reading goes on),
   malformed (a syntax error: ends a JSON document, not JSON Lines), or
   fatal (a limit, memory, the callback: reading ends). */
enum { GV_RD_OK = 0, GV_RD_REJECT = 1, GV_RD_SYNTAX = 2, GV_RD_FATAL = 3 };

/* A place in the input: byte offset, 1-based line and column in characters. */
typedef struct gv_rd_cur {
  size_t off;
  unsigned line, col;
} gv_rd_cur;

/* One step of a document path, built on the stack while walking and
   printed only for errors: records[i], then .key or [n]. A first step with a
   key prints as the bare key (a top-level key of a JSON document). */
typedef struct gv_rd_seg {
  const struct gv_rd_seg *up;
  const char *key;
  size_t index;
} gv_rd_seg;

/* A file descriptor read with read(2) from where it stands, or with
   pread(2) over bytes [pos, end). */
typedef struct gv_rd_input {
  int fd;
  int positional;
  uint64_t pos, end;
  int eof;
  gv_digest *digest; /* every byte read goes into it (NULL: none) */
} gv_rd_input;

/* A growable byte buffer. */
typedef struct gv_rd_fbuf {
  char *data;
  size_t len, cap;
} gv_rd_fbuf;

typedef struct gv_rd_reader {
  const char *data;
  size_t len;
  const char *src;
  gv_rec_limits lim;
  gv_diags *d;
  int status;       /* code of the first error, 0 when none */
  int jsonl;        /* JSON Lines: a syntax error rejects one line */
  size_t limit;     /* end of the current line (JSON Lines) or of the input */
  size_t line_max;  /* JSON Lines and CSV: bytes in one line or row (GOVOPEN_OPT_MAX_SIZE) */
  size_t cr_next;   /* JSON Lines: the next CR at or after the line read, r->len when none, GV_RD_NONE unknown */
  gv_arena *arena;  /* where records' nodes go */
  gv_arena scratch; /* the foreach forms: one record at a time */
  gv_records *out;  /* gv_records_read */
  size_t cap;
  gv_record_fn fn;
  void *payload;
  int cb_status;
  size_t count, rejected, seen, held;
  /* Where the record being read starts (1-based), 0 between records: when
     reading stops inside one, what was not read starts there. */
  unsigned open_line, open_col;
  govopen_error *mark; /* the last diagnostic before this read's */
  gv_vec kids;         /* the fast path's nodes of containers not closed yet */
  /* YAML */
  int yaml_obs;             /* the `observations` list is streamed */
  govopen_error *yaml_mark; /* the last diagnostic before gv_yaml_stream's own */
  size_t yaml_mark_dropped; /* diagnostics only counted (past the cap) by then */
  gv_rd_input *in;          /* read from a file: the rest after `pre` */
  const char *pre;          /* what was read of it already (detection) */
  size_t pre_len, pre_off;
} gv_rd_reader;

static inline int gv_rec_has_bom(const char *s, size_t len) {
  return len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF;
}

static inline int gv_rec_is_utf16(const char *s, size_t len) {
  return len >= 2 && ((unsigned char)s[0] == 0xFE || (unsigned char)s[0] == 0xFF) &&
         ((unsigned char)s[1] == 0xFE || (unsigned char)s[1] == 0xFF) && s[0] != s[1];
}

/* Records an error at `at` (may be NULL) under `path` (may be NULL) and
   returns `ret`; the first error's code becomes the read's status. */
GV_PRINTF(7, 8)
int gv_rec_error(gv_rd_reader *r, int ret, int code, const gv_rd_cur *at, const gv_rd_seg *path, const char *id,
                 const char *fmt, ...);
/* Records that memory ran out: GV_RD_FATAL. */
int gv_rec_oom(gv_rd_reader *r);
/* Numbers the next record (rejected ones too), refusing one beyond the
   limit: GV_RD_OK or GV_RD_FATAL, said. */
int gv_rec_next_index(gv_rd_reader *r, const gv_rd_cur *at, size_t *index);
/* Hands a record over (the callback, or gv_records_read's list): GV_RD_OK, or
   GV_RD_FATAL when the callback stopped the read or memory ran out. */
int gv_rec_emit(gv_rd_reader *r, gv_ynode *n, unsigned line, unsigned col, size_t index);
/* Appends up to `n` bytes of the input to `b`: 0, or GV_RD_FATAL, said. */
int gv_rec_append(gv_rd_reader *r, gv_rd_input *in, gv_rd_fbuf *b, size_t n);

/* CSV (csv_records.c): the rows of r->data when `in` is NULL, else of the
   file, `b` holding what was read of it already (its first bytes). */
void gv_rec_read_csv(gv_rd_reader *r, gv_rd_input *in, gv_rd_fbuf *b);

#endif
