/* Arena allocation: many small blocks, released together. */
#ifndef GV_ARENA_H
#define GV_ARENA_H

#include <stddef.h>

typedef struct gv_arena_chunk gv_arena_chunk;
typedef struct gv_arena {
  gv_arena_chunk *head;
} gv_arena;

/* Zeroed, 16-byte aligned; NULL when out of memory or n overflows. */
void *gv_arena_alloc(gv_arena *a, size_t n);
/* An array of `count` elements of `size` bytes; NULL on overflow. */
void *gv_arena_array(gv_arena *a, size_t count, size_t size);
/* A NUL-terminated copy of `len` bytes. */
char *gv_arena_strndup(gv_arena *a, const char *s, size_t len);
char *gv_arena_strdup(gv_arena *a, const char *s);
void gv_arena_free(gv_arena *a);
/* Releases every block but keeps one standard chunk for reuse: for scratch
   arenas reset once per record. */
void gv_arena_reset(gv_arena *a);
/* Moves every block of `from` into `into` (both stay valid; `from` is left
   empty); what was allocated in either lives as long as `into`. */
void gv_arena_adopt(gv_arena *into, gv_arena *from);

#endif
