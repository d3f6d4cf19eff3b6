/* What every report writer shares: a score appended to a buffer, and a sink that
   hands text to a govopen_write_fn in pieces of bounded size. No JSON, CSV or
   HTML here: the writers of those formats build on it. */
#ifndef GV_OUT_H
#define GV_OUT_H

#include <stddef.h>
#include <stdint.h>

#include "govopen/evaluate.h"
#include "util/buf.h"
#include "util/cents.h"

/* Scores are written by util/cents.h (gv_cents_format, gv_cents_format2:
   by us, identical on every machine and in every locale). */
/* Appends a score with exactly two decimals (gv_cents_format2) to `b`. */
void gv_buf_put_score2(gv_buf *b, int64_t cents);
/* An unsigned number in decimal; returns its length. */
#define GV_UINT_TEXT 24
size_t gv_uint_format(uint64_t v, char buf[GV_UINT_TEXT]);

/* --- a chunked sink --------------------------------------------------------------
 *
 * Collects text in one buffer of `chunk` bytes and hands it to `write` each
 * time the buffer is full, so `write` receives pieces of at most `chunk`
 * bytes (never empty) and nothing else is held. The first failure sticks
 * (a write refused: GOVOPEN_ESTOPPED; gv_out_fail()): every later call does
 * nothing, `write` is not called again, and gv_out_finish() returns it. */

#define GV_OUT_CHUNK 65536

typedef struct gv_out {
  govopen_write_fn write;
  void *user;
  char *buf;
  size_t len, cap;
  int status;
} gv_out;

/* Sets up a sink with a buffer of `chunk` bytes (0: GV_OUT_CHUNK).
   GOVOPEN_OK, or GOVOPEN_ENOMEM (then gv_out_finish() is still safe). */
int gv_out_init(gv_out *o, size_t chunk, govopen_write_fn write, void *user);
/* Hands out what is buffered, releases the buffer and returns the status. */
int gv_out_finish(gv_out *o);
void gv_out_put(gv_out *o, const char *s, size_t n);
void gv_out_puts(gv_out *o, const char *s);
/* Like gv_out_put, but a text of the buffer's size or more goes to `write`
   straight from where it is, in pieces of the buffer's size, after what is
   buffered: for long texts rendered elsewhere (no copy). */
void gv_out_raw(gv_out *o, const char *s, size_t n);
/* Hands the text collected in `b` to the sink and empties `b`; a `b` that
   ran out of memory fails the output with GOVOPEN_ENOMEM. */
void gv_out_put_buf(gv_out *o, gv_buf *b);
/* GOVOPEN_OK so far, or the first failure. */
static inline int gv_out_status(const gv_out *o) { return o->status; }
/* Fails the output with `status` (e.g. GOVOPEN_ENOMEM while preparing it). */
static inline void gv_out_fail(gv_out *o, int status) {
  if (o->status == GOVOPEN_OK) o->status = status;
}

#endif
