#include "util/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int buf_reserve(gv_buf *b, size_t extra) {
  if (b->failed_) return GOVOPEN_ENOMEM;
  if (extra > SIZE_MAX / 2 - b->len) {
    b->failed_ = 1;
    return GOVOPEN_ENOMEM;
  }
  size_t need = b->len + extra + 1;
  if (need <= b->cap) return GOVOPEN_OK;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need) cap *= 2;
  char *d = realloc(b->data, cap);
  if (d == NULL) {
    b->failed_ = 1;
    return GOVOPEN_ENOMEM;
  }
  b->data = d;
  b->cap = cap;
  return GOVOPEN_OK;
}

void gv_buf_append(gv_buf *b, const char *s, size_t len) {
  if (buf_reserve(b, len) != 0) return;
  if (len) memcpy(b->data + b->len, s, len);
  b->len += len;
  b->data[b->len] = '\0';
}

void gv_buf_puts(gv_buf *b, const char *s) { gv_buf_append(b, s, strlen(s)); }

void gv_buf_putc(gv_buf *b, char c) { gv_buf_append(b, &c, 1); }

void gv_buf_vprintf(gv_buf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0) {
    b->failed_ = 1;
    return;
  }
  if (buf_reserve(b, (size_t)n) != 0) return;
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
}

void gv_buf_printf(gv_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  gv_buf_vprintf(b, fmt, ap);
  va_end(ap);
}

void gv_buf_truncate(gv_buf *b, size_t len) {
  if (len < b->len) {
    b->len = len;
    b->data[len] = '\0';
  }
}

const char *gv_buf_str(const gv_buf *b) { return b->data ? b->data : ""; }

void gv_buf_free(gv_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
  b->failed_ = 0;
}

int gv_vec_push(gv_vec *v, void *item) {
  if (v->len == v->cap) {
    size_t cap = v->cap ? v->cap * 2 : 8;
    if (cap > SIZE_MAX / sizeof(void *)) return GOVOPEN_ENOMEM;
    void **items = realloc(v->items, cap * sizeof(void *));
    if (items == NULL) return GOVOPEN_ENOMEM;
    v->items = items;
    v->cap = cap;
  }
  v->items[v->len++] = item;
  return GOVOPEN_OK;
}

void gv_vec_free(gv_vec *v) {
  free(v->items);
  v->items = NULL;
  v->len = v->cap = 0;
}

void gv_buf_put_size(gv_buf *b, size_t v) {
  char num[24];
  size_t k = sizeof num;
  do num[--k] = (char)('0' + v % 10);
  while ((v /= 10) != 0);
  gv_buf_append(b, num + k, sizeof num - k);
}
