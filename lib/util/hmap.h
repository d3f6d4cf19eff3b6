/* A hash map from byte strings to pointers (keys are borrowed, not copied). */
#ifndef GV_HMAP_H
#define GV_HMAP_H

#include <stddef.h>

typedef struct gv_hmap_slot {
  const char *key;
  size_t len;
  size_t hash;
  void *value;
} gv_hmap_slot;

typedef struct gv_hmap {
  gv_hmap_slot *slots;
  size_t count, cap;
} gv_hmap;

/* The value for `key`, or NULL. */
void *gv_hmap_get(const gv_hmap *m, const char *key, size_t len);
/* Inserts when absent: returns 1 inserted, 0 already present (with *existing
   set to the old value when existing is not NULL), -1 out of memory. */
int gv_hmap_put(gv_hmap *m, const char *key, size_t len, void *value, void **existing);
/* Inserts or replaces; 0 on success, -1 out of memory. */
int gv_hmap_set(gv_hmap *m, const char *key, size_t len, void *value);
void gv_hmap_free(gv_hmap *m);

#endif
