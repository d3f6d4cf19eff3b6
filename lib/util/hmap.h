/* A hash map from byte strings to pointers (keys are borrowed, not copied).
 *
 * Keys often come from input (record keys, CSV columns, YAML mapping keys,
 * ids), so the hash is keyed: SipHash-1-3 (Aumasson and Bernstein, as CPython
 * and Rust hash their tables) under a 128-bit key drawn for each table from
 * the system's random source when the table first allocates its slots —
 * getrandom(2), else /dev/urandom, else (neither usable, e.g. in a sandbox
 * without /dev) a key mixed from the clocks, the process id and addresses,
 * which is weaker but still differs from table to table. Without the key,
 * whoever writes the input could choose keys that all land in one probe run
 * (linear probing) and make every insertion cost the whole table. There is no
 * state outside the tables: a zero-initialised gv_hmap (`gv_hmap m = {0};`)
 * is an empty table, seeded lazily, and two tables never share a key.
 *
 * Nothing may depend on the order of the slots (it changes with the key from
 * run to run): the map is only looked into, never iterated for output. */
#ifndef GV_HMAP_H
#define GV_HMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct gv_hmap_slot {
  const char *key;
  size_t len;
  size_t hash;
  void *value;
} gv_hmap_slot;

typedef struct gv_hmap {
  gv_hmap_slot *slots;
  size_t count, cap;
  uint64_t k0, k1; /* the SipHash key, drawn when the slots are allocated */
} gv_hmap;

/* The value for `key`, or NULL. */
void *gv_hmap_get(const gv_hmap *m, const char *key, size_t len);
/* Inserts when absent: returns 1 inserted, 0 already present (with *existing
   set to the old value when existing is not NULL), GOVOPEN_ENOMEM (the map
   is as it was). */
int gv_hmap_put(gv_hmap *m, const char *key, size_t len, void *value, void **existing);
/* Inserts or replaces: GOVOPEN_OK, or GOVOPEN_ENOMEM (the map is as it was). */
int gv_hmap_set(gv_hmap *m, const char *key, size_t len, void *value);
/* Releases the slots; the map is empty again (and gets a new key when it
   next allocates). */
void gv_hmap_free(gv_hmap *m);

/* SipHash-c-d of `len` bytes under the key (k0, k1) — the 16 key bytes read
   as two little-endian words, as in the paper. The map uses c = 1, d = 3;
   the reference's test vectors are for 2-4. */
uint64_t gv_siphash(uint64_t k0, uint64_t k1, const void *data, size_t len, unsigned c_rounds, unsigned d_rounds);

#endif
