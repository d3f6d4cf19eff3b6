/* Growable byte buffers and pointer vectors. */
#ifndef GV_BUF_H
#define GV_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "util/compiler.h"

/* A NUL-terminated growable string. `oom` sticks once an allocation fails;
   check it once at the end rather than after every append. */
typedef struct gv_buf {
  char *data;
  size_t len, cap;
  int oom;
} gv_buf;

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

/* 0 on success, -1 when out of memory. */
int gv_vec_push(gv_vec *v, void *item);
void gv_vec_free(gv_vec *v);

#endif
