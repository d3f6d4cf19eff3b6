/* Growable byte buffers and pointer vectors. */
#ifndef GV_BUF_H
#define GV_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "govopen/common.h"
#include "util/compiler.h"

/* A NUL-terminated growable string, a builder (docs/architecture.md,
   "Errors"): once an allocation fails, the appends that follow do nothing and
   the failure sticks; read it once at the end with gv_buf_status() rather
   than after every append. */
typedef struct gv_buf {
  char *data;
  size_t len, cap;
  int failed_; /* the builder's own, 1 once an append failed: read gv_buf_status(), set gv_buf_fail() */
} gv_buf;

/* GOVOPEN_OK, or GOVOPEN_ENOMEM once an append failed (or gv_buf_fail). */
static inline int gv_buf_status(const gv_buf *b) { return b->failed_ ? GOVOPEN_ENOMEM : GOVOPEN_OK; }
/* Marks the text as incomplete: a piece meant for it could not be built. */
static inline void gv_buf_fail(gv_buf *b) { b->failed_ = 1; }

void gv_buf_append(gv_buf *b, const char *s, size_t len);
void gv_buf_puts(gv_buf *b, const char *s);
/* A number in decimal, without printf (paths are built for every record). */
void gv_buf_put_size(gv_buf *b, size_t v);
void gv_buf_putc(gv_buf *b, char c);
GV_PRINTF(2, 3)
void gv_buf_printf(gv_buf *b, const char *fmt, ...);
GV_PRINTF(2, 0)
void gv_buf_vprintf(gv_buf *b, const char *fmt, va_list ap);
void gv_buf_truncate(gv_buf *b, size_t len);
/* The text so far; "" for an empty buffer. */
const char *gv_buf_str(const gv_buf *b);
void gv_buf_free(gv_buf *b);

/* A growable array of pointers. */
typedef struct gv_vec {
  void **items;
  size_t len, cap;
} gv_vec;

/* GOVOPEN_OK, or GOVOPEN_ENOMEM (the vector is as it was). */
int gv_vec_push(gv_vec *v, void *item);
void gv_vec_free(gv_vec *v);

#endif
