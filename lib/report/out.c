/* What every report writer shares: scores into buffers, unsigned numbers, and a chunked sink. */
#include <stdlib.h>
#include <string.h>

#include "govopen/common.h"

#include "report/out.h"

/* The decimal digits of `v` at the end of `end`; returns where they start. */
static char *put_digits(char *end, uint64_t v) {
  do *--end = (char)('0' + v % 10);
  while ((v /= 10) != 0);
  return end;
}

size_t gv_uint_format(uint64_t v, char buf[GV_UINT_TEXT]) {
  char tmp[GV_UINT_TEXT];
  char *p = put_digits(tmp + sizeof tmp, v);
  size_t n = (size_t)(tmp + sizeof tmp - p);
  memcpy(buf, p, n);
  buf[n] = '\0';
  return n;
}

/* --- the chunked sink ------------------------------------------------------------ */

int gv_out_init(gv_out *o, size_t chunk, govopen_write_fn write, void *user) {
  memset(o, 0, sizeof *o);
  o->write = write;
  o->user = user;
  o->cap = chunk ? chunk : GV_OUT_CHUNK;
  o->buf = malloc(o->cap);
  o->status = o->buf ? GOVOPEN_OK : GOVOPEN_ENOMEM;
  return o->status;
}

static void out_flush(gv_out *o) {
  if (o->status == GOVOPEN_OK && o->len > 0 && o->write(o->user, o->buf, o->len) != 0) o->status = GOVOPEN_ESTOPPED;
  o->len = 0;
}

void gv_out_put(gv_out *o, const char *s, size_t n) {
  if (n <= o->cap - o->len && o->status == GOVOPEN_OK) { /* the common case: it fits */
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    return;
  }
  while (n > 0 && o->status == GOVOPEN_OK) {
    if (o->len == o->cap) {
      out_flush(o);
      continue;
    }
    size_t k = o->cap - o->len < n ? o->cap - o->len : n;
    memcpy(o->buf + o->len, s, k);
    o->len += k;
    s += k;
    n -= k;
  }
}

void gv_out_puts(gv_out *o, const char *s) { gv_out_put(o, s, strlen(s)); }

void gv_out_raw(gv_out *o, const char *s, size_t n) {
  if (n >= o->cap) {
    out_flush(o);
    while (n >= o->cap && o->status == GOVOPEN_OK) {
      if (o->write(o->user, s, o->cap) != 0) o->status = GOVOPEN_ESTOPPED;
      s += o->cap;
      n -= o->cap;
    }
  }
  gv_out_put(o, s, n);
}

int gv_out_finish(gv_out *o) {
  out_flush(o);
  free(o->buf);
  o->buf = NULL;
  o->len = o->cap = 0;
  return o->status;
}

void gv_buf_put_score2(gv_buf *b, int64_t cents) {
  char s[GV_CENTS_TEXT];
  gv_buf_append(b, s, gv_cents_format2(cents, s));
}

void gv_out_put_buf(gv_out *o, gv_buf *b) {
  if (gv_buf_status(b) != GOVOPEN_OK) gv_out_fail(o, gv_buf_status(b));
  gv_out_put(o, gv_buf_str(b), b->len);
  gv_buf_truncate(b, 0);
}
