#include "util/hmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t hash_bytes(const char *s, size_t len) {
  uint64_t h = 1469598103934665603ull; /* FNV-1a */
  for (size_t i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ull;
  }
  return (size_t)(h ^ (h >> 29));
}

static gv_hmap_slot *find_slot(gv_hmap_slot *slots, size_t cap, const char *key, size_t len, size_t h) {
  size_t i = h & (cap - 1);
  for (;;) {
    gv_hmap_slot *s = &slots[i];
    if (s->key == NULL) return s;
    if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0) return s;
    i = (i + 1) & (cap - 1);
  }
}

void *gv_hmap_get(const gv_hmap *m, const char *key, size_t len) {
  if (m->cap == 0) return NULL;
  gv_hmap_slot *s = find_slot(m->slots, m->cap, key, len, hash_bytes(key, len));
  return s->key ? s->value : NULL;
}

static int grow(gv_hmap *m) {
  size_t cap = m->cap ? m->cap * 2 : 16;
  if (cap > SIZE_MAX / sizeof(gv_hmap_slot)) return -1;
  gv_hmap_slot *slots = calloc(cap, sizeof *slots);
  if (slots == NULL) return -1;
  for (size_t i = 0; i < m->cap; i++) {
    gv_hmap_slot *old = &m->slots[i];
    if (old->key) *find_slot(slots, cap, old->key, old->len, old->hash) = *old;
  }
  free(m->slots);
  m->slots = slots;
  m->cap = cap;
  return 0;
}

int gv_hmap_put(gv_hmap *m, const char *key, size_t len, void *value, void **existing) {
  if ((m->count + 1) * 4 > m->cap * 3 && grow(m) != 0) return -1;
  size_t h = hash_bytes(key, len);
  gv_hmap_slot *s = find_slot(m->slots, m->cap, key, len, h);
  if (s->key) {
    if (existing) *existing = s->value;
    return 0;
  }
  s->key = key;
  s->len = len;
  s->hash = h;
  s->value = value;
  m->count++;
  return 1;
}

int gv_hmap_set(gv_hmap *m, const char *key, size_t len, void *value) {
  int r = gv_hmap_put(m, key, len, value, NULL);
  if (r < 0) return -1;
  if (r == 0) find_slot(m->slots, m->cap, key, len, hash_bytes(key, len))->value = value;
  return 0;
}

void gv_hmap_free(gv_hmap *m) {
  free(m->slots);
  m->slots = NULL;
  m->count = m->cap = 0;
}
