/* The hash map (hmap.h): open addressing with linear probing, SipHash-1-3
 * under a key drawn per table. SipHash is written here from the paper
 * (J.-P. Aumasson, D. J. Bernstein, "SipHash: a fast short-input PRF", 2012). */
#define _POSIX_C_SOURCE 200809L
#include "util/hmap.h"

#include "govopen/common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<sys/random.h>)
#include <sys/random.h>
#define GV_HAVE_GETRANDOM 1
#endif
#endif

/* --- SipHash ---------------------------------------------------------------- */

static inline uint64_t rotl(uint64_t x, unsigned b) { return (x << b) | (x >> (64 - b)); }

static inline uint64_t load_le(const unsigned char *p, size_t n) {
  uint64_t w = 0;
  for (size_t i = 0; i < n; i++) w |= (uint64_t)p[i] << (8 * i);
  return w;
}

#define SIPROUND(v0, v1, v2, v3) \
  do {                           \
    v0 += v1;                    \
    v1 = rotl(v1, 13);           \
    v1 ^= v0;                    \
    v0 = rotl(v0, 32);           \
    v2 += v3;                    \
    v3 = rotl(v3, 16);           \
    v3 ^= v2;                    \
    v0 += v3;                    \
    v3 = rotl(v3, 21);           \
    v3 ^= v0;                    \
    v2 += v1;                    \
    v1 = rotl(v1, 17);           \
    v1 ^= v2;                    \
    v2 = rotl(v2, 32);           \
  } while (0)

/* Inlined with constant rounds into the map's hash, generic for gv_siphash. */
static inline uint64_t sip(uint64_t k0, uint64_t k1, const unsigned char *p, size_t len, unsigned c, unsigned d) {
  uint64_t v0 = k0 ^ UINT64_C(0x736f6d6570736575);
  uint64_t v1 = k1 ^ UINT64_C(0x646f72616e646f6d);
  uint64_t v2 = k0 ^ UINT64_C(0x6c7967656e657261);
  uint64_t v3 = k1 ^ UINT64_C(0x7465646279746573);
  size_t whole = len - len % 8;
  for (size_t i = 0; i < whole; i += 8) {
    uint64_t m = load_le(p + i, 8);
    v3 ^= m;
    for (unsigned r = 0; r < c; r++) SIPROUND(v0, v1, v2, v3);
    v0 ^= m;
  }
  /* the last block: the bytes left, and the length's low byte on top */
  uint64_t m = load_le(p + whole, len - whole) | ((uint64_t)(len & 0xff) << 56);
  v3 ^= m;
  for (unsigned r = 0; r < c; r++) SIPROUND(v0, v1, v2, v3);
  v0 ^= m;
  v2 ^= 0xff;
  for (unsigned r = 0; r < d; r++) SIPROUND(v0, v1, v2, v3);
  return v0 ^ v1 ^ v2 ^ v3;
}

uint64_t gv_siphash(uint64_t k0, uint64_t k1, const void *data, size_t len, unsigned c_rounds, unsigned d_rounds) {
  return sip(k0, k1, (const unsigned char *)(len ? data : ""), len, c_rounds, d_rounds);
}

static size_t hash_bytes(const gv_hmap *m, const char *s, size_t len) {
  return (size_t)sip(m->k0, m->k1, (const unsigned char *)(len ? s : ""), len, 1, 3);
}

/* --- the key ---------------------------------------------------------------- */

/* `n` bytes from the kernel's random source: 1, or 0 when none can be had
   (not a failure: the key is then mixed from the clocks). */
static int system_random(unsigned char *out, size_t n) {
#ifdef GV_HAVE_GETRANDOM
  size_t got = 0;
  while (got < n) {
    /* GRND_NONBLOCK: early in boot, before the pool is ready, use the fallbacks rather than wait */
    ssize_t r = getrandom(out + got, n - got, GRND_NONBLOCK);
    if (r > 0) {
      got += (size_t)r;
    } else if (r < 0 && errno == EINTR) {
      continue;
    } else {
      break; /* ENOSYS (old kernel), EPERM (seccomp), EAGAIN (not ready): try /dev/urandom */
    }
  }
  if (got == n) return 1;
#endif
  int fd;
  do fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) return 0;
  size_t have = 0;
  while (have < n) {
    ssize_t r = read(fd, out + have, n - have);
    if (r > 0)
      have += (size_t)r;
    else if (!(r < 0 && errno == EINTR))
      break;
  }
  close(fd);
  return have == n;
}

/* The documented last resort (hmap.h): what differs from table to table and
   from run to run without a random source, mixed by SipHash-2-4. */
static void weak_key(const gv_hmap *m, uint64_t key[2]) {
  struct timespec rt = {0, 0}, mono = {0, 0};
  (void)clock_gettime(CLOCK_REALTIME, &rt);
  (void)clock_gettime(CLOCK_MONOTONIC, &mono);
  uint64_t mix[6] = {(uint64_t)rt.tv_sec, (uint64_t)rt.tv_nsec,   (uint64_t)mono.tv_nsec,
                     (uint64_t)getpid(),  (uint64_t)(uintptr_t)m, (uint64_t)(uintptr_t)&mix};
  unsigned char bytes[sizeof mix];
  for (size_t i = 0; i < sizeof bytes; i++) bytes[i] = (unsigned char)(mix[i / 8] >> (8 * (i % 8)));
  key[0] = sip(UINT64_C(0x676f766f70656e31), (uint64_t)(uintptr_t)&weak_key, bytes, sizeof bytes, 2, 4);
  key[1] = sip(key[0], UINT64_C(0x676f766f70656e32), bytes, sizeof bytes, 2, 4);
}

static void seed(gv_hmap *m) {
  unsigned char bytes[16];
  uint64_t key[2];
  if (system_random(bytes, sizeof bytes)) {
    key[0] = load_le(bytes, 8);
    key[1] = load_le(bytes + 8, 8);
  } else {
    weak_key(m, key);
  }
  m->k0 = key[0];
  m->k1 = key[1];
}

/* --- the table -------------------------------------------------------------- */

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
  gv_hmap_slot *s = find_slot(m->slots, m->cap, key, len, hash_bytes(m, key, len));
  return s->key ? s->value : NULL;
}

static int grow(gv_hmap *m) {
  size_t cap = m->cap ? m->cap * 2 : 16;
  if (cap > SIZE_MAX / sizeof(gv_hmap_slot)) return GOVOPEN_ENOMEM;
  gv_hmap_slot *slots = calloc(cap, sizeof *slots);
  if (slots == NULL) return GOVOPEN_ENOMEM;
  if (m->cap == 0) seed(m); /* the first slots: a new key (a zero-initialised map has none yet) */
  for (size_t i = 0; i < m->cap; i++) {
    gv_hmap_slot *old = &m->slots[i];
    if (old->key) *find_slot(slots, cap, old->key, old->len, old->hash) = *old;
  }
  free(m->slots);
  m->slots = slots;
  m->cap = cap;
  return GOVOPEN_OK;
}

int gv_hmap_put(gv_hmap *m, const char *key, size_t len, void *value, void **existing) {
  if ((m->count + 1) * 4 > m->cap * 3 && grow(m) != GOVOPEN_OK) return GOVOPEN_ENOMEM;
  size_t h = hash_bytes(m, key, len);
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
  if (r < 0) return r;
  if (r == 0) find_slot(m->slots, m->cap, key, len, hash_bytes(m, key, len))->value = value;
  return GOVOPEN_OK;
}

void gv_hmap_free(gv_hmap *m) {
  free(m->slots);
  m->slots = NULL;
  m->count = m->cap = 0;
}
