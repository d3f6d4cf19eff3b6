#include "util/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define GV_ARENA_CHUNK 65536u
#define GV_ARENA_ALIGN 16u

struct gv_arena_chunk {
  gv_arena_chunk *next;
  size_t used, size;
  _Alignas(16) unsigned char data[];
};

/* An uninitialised block (gv_arena_alloc zeroes it). */
static void *arena_raw(gv_arena *a, size_t n) {
  if (n > SIZE_MAX / 2) return NULL;
  size_t need = (n + GV_ARENA_ALIGN - 1) & ~(size_t)(GV_ARENA_ALIGN - 1);
  if (need == 0) need = GV_ARENA_ALIGN;
  gv_arena_chunk *c = a->head;
  if (c == NULL || c->size - c->used < need) {
    /* Large blocks get a chunk of their own, placed behind the current one so
       the current chunk's free space is not wasted. */
    size_t size = need > GV_ARENA_CHUNK / 4 ? need : GV_ARENA_CHUNK;
    gv_arena_chunk *nc = malloc(sizeof *nc + size);
    if (nc == NULL) return NULL;
    nc->used = 0;
    nc->size = size;
    if (c != NULL && size != GV_ARENA_CHUNK) {
      nc->next = c->next;
      c->next = nc;
    } else {
      nc->next = c;
      a->head = nc;
    }
    c = nc;
  }
  void *p = c->data + c->used;
  c->used += need;
  return p;
}

void *gv_arena_alloc(gv_arena *a, size_t n) {
  void *p = arena_raw(a, n);
  if (p) memset(p, 0, n);
  return p;
}

void *gv_arena_array(gv_arena *a, size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / 4 / size) return NULL;
  return gv_arena_alloc(a, count * size);
}

char *gv_arena_strndup(gv_arena *a, const char *s, size_t len) {
  if (len == SIZE_MAX) return NULL;
  char *p = arena_raw(a, len + 1); /* every byte written below */
  if (p == NULL) return NULL;
  if (len) memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

char *gv_arena_strdup(gv_arena *a, const char *s) { return gv_arena_strndup(a, s, strlen(s)); }

void gv_arena_free(gv_arena *a) {
  gv_arena_chunk *c = a->head;
  while (c != NULL) {
    gv_arena_chunk *next = c->next;
    free(c);
    c = next;
  }
  a->head = NULL;
}

void gv_arena_reset(gv_arena *a) {
  gv_arena_chunk *keep = NULL, *c = a->head;
  while (c != NULL) {
    gv_arena_chunk *next = c->next;
    if (keep == NULL && c->size == GV_ARENA_CHUNK) {
      keep = c;
    } else {
      free(c);
    }
    c = next;
  }
  if (keep) {
    keep->used = 0;
    keep->next = NULL;
  }
  a->head = keep;
}

void gv_arena_adopt(gv_arena *into, gv_arena *from) {
  gv_arena_chunk *c = from->head;
  if (c == NULL) return;
  from->head = NULL;
  if (into->head == NULL) {
    into->head = c;
    return;
  }
  /* behind the current chunk, whose free space stays in use */
  gv_arena_chunk *last = c;
  while (last->next) last = last->next;
  last->next = into->head->next;
  into->head->next = c;
}
