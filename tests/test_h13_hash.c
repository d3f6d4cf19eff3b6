/* Issue 13, item 5 (hash flooding) and item 12 (clang UBSan): SipHash
 * against reference vectors, a key per table, lookups at scale with keys
 * that all collided under the old unkeyed FNV-1a table, the per-record key
 * limit (GOVOPEN_EVAL_MAX_KEYS) with its exact diagnostic in every format,
 * and the CSV input clang's UBSan caught. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/records.h"
#include "testutil.h"
#include "util/buf.h"
#include "util/hmap.h"

/* --- SipHash --------------------------------------------------------------------- */

/* SipHash-2-4 of the messages 00, 00 01, … (0 to 63 bytes) under the key
   00 01 … 0f: vectors.h of the reference implementation
   (github.com/veorq/SipHash, vectors_sip64, read as little-endian words). */
static const uint64_t sip24[64] = {
    0x726fdb47dd0e0e31ull, 0x74f839c593dc67fdull, 0x0d6c8009d9a94f5aull, 0x85676696d7fb7e2dull, 0xcf2794e0277187b7ull,
    0x18765564cd99a68dull, 0xcbc9466e58fee3ceull, 0xab0200f58b01d137ull, 0x93f5f5799a932462ull, 0x9e0082df0ba9e4b0ull,
    0x7a5dbbc594ddb9f3ull, 0xf4b32f46226bada7ull, 0x751e8fbc860ee5fbull, 0x14ea5627c0843d90ull, 0xf723ca908e7af2eeull,
    0xa129ca6149be45e5ull, 0x3f2acc7f57c29bdbull, 0x699ae9f52cbe4794ull, 0x4bc1b3f0968dd39cull, 0xbb6dc91da77961bdull,
    0xbed65cf21aa2ee98ull, 0xd0f2cbb02e3b67c7ull, 0x93536795e3a33e88ull, 0xa80c038ccd5ccec8ull, 0xb8ad50c6f649af94ull,
    0xbce192de8a85b8eaull, 0x17d835b85bbb15f3ull, 0x2f2e6163076bcfadull, 0xde4daaaca71dc9a5ull, 0xa6a2506687956571ull,
    0xad87a3535c49ef28ull, 0x32d892fad841c342ull, 0x7127512f72f27cceull, 0xa7f32346f95978e3ull, 0x12e0b01abb051238ull,
    0x15e034d40fa197aeull, 0x314dffbe0815a3b4ull, 0x027990f029623981ull, 0xcadcd4e59ef40c4dull, 0x9abfd8766a33735cull,
    0x0e3ea96b5304a7d0ull, 0xad0c42d6fc585992ull, 0x187306c89bc215a9ull, 0xd4a60abcf3792b95ull, 0xf935451de4f21df2ull,
    0xa9538f0419755787ull, 0xdb9acddff56ca510ull, 0xd06c98cd5c0975ebull, 0xe612a3cb9ecba951ull, 0xc766e62cfcadaf96ull,
    0xee64435a9752fe72ull, 0xa192d576b245165aull, 0x0a8787bf8ecb74b2ull, 0x81b3e73d20b49b6full, 0x7fa8220ba3b2eceaull,
    0x245731c13ca42499ull, 0xb78dbfaf3a8d83bdull, 0xea1ad565322a1a0bull, 0x60e61c23a3795013ull, 0x6606d7e446282b93ull,
    0x6ca4ecb15c5f91e1ull, 0x9f626da15c9625f3ull, 0xe51b38608ef25f57ull, 0x958a324ceb064572ull};

/* SipHash-1-3 of the same messages under the same key: the reference
   implementation built with -DcROUNDS=1 -DdROUNDS=3 (its own switch for
   the variant), the first one as Rust's SipHasher13 tests give it. */
static const uint64_t sip13[64] = {
    0xabac0158050fc4dcull, 0xc9f49bf37d57ca93ull, 0x82cb9b024dc7d44dull, 0x8bf80ab8e7ddf7fbull, 0xcf75576088d38328ull,
    0xdef9d52f49533b67ull, 0xc50d2b50c59f22a7ull, 0xd3927d989bb11140ull, 0x369095118d299a8eull, 0x25a48eb36c063de4ull,
    0x79de85ee92ff097full, 0x70c118c1f94dc352ull, 0x78a384b157b4d9a2ull, 0x306f760c1229ffa7ull, 0x605aa111c0f95d34ull,
    0xd320d86d2a519956ull, 0xcc4fdd1a7d908b66ull, 0x9cf2689063dbd80cull, 0x8ffc389cb473e63eull, 0xf21f9de58d297d1cull,
    0xc0dc2f46a6cce040ull, 0xb992abfe2b45f844ull, 0x7ffe7b9ba320872eull, 0x525a0e7fdae6c123ull, 0xf464aeb267349c8cull,
    0x45cd5928705b0979ull, 0x3a3e35e3ca9913a5ull, 0xa91dc74e4ade3b35ull, 0xfb0bed02ef6cd00dull, 0x88d93cb44ab1e1f4ull,
    0x540f11d643c5e663ull, 0x2370dd1f8c21d1bcull, 0x81157b6c16a7b60dull, 0x4d54b9e57a8ff9bfull, 0x759f12781f2a753eull,
    0xcea1a3bebf186b91ull, 0x2cf508d3ada26206ull, 0xb6101c2da3c33057ull, 0xb3f47496ae3a36a1ull, 0x626b57547b108392ull,
    0xc1d2363299e41531ull, 0x667cc1923f1ad944ull, 0x65704ffec8138825ull, 0x24f280d1c28949a6ull, 0xc2ca1cedfaf8876bull,
    0xc2164bfc9f042196ull, 0xa16e9c9368b1d623ull, 0x49fb169c8b5114fdull, 0x9f3143f8df074c46ull, 0xc6fdaf2412cc86b3ull,
    0x7eaf49d10a52098full, 0x1cf313559d292f9aull, 0xc44a30dda2f41f12ull, 0x36fae98943a71ed0ull, 0x318fb34c73f0bce6ull,
    0xa27abf3670a7e980ull, 0xb4bcc0db243c6d75ull, 0x23f8d852fdb71513ull, 0x8f035f4da67d8a08ull, 0xd89cd0e5b7e8f148ull,
    0xf6f4e6bcf7a644eeull, 0xaec59ad80f1837f2ull, 0xc3b2f6154b6694e0ull, 0x9d199062b7bbb3a8ull};

static void test_siphash_vectors(void) {
  unsigned char msg[64];
  for (unsigned i = 0; i < sizeof msg; i++) msg[i] = (unsigned char)i;
  const uint64_t k0 = UINT64_C(0x0706050403020100), k1 = UINT64_C(0x0f0e0d0c0b0a0908);
  for (size_t n = 0; n < 64; n++) {
    uint64_t a = gv_siphash(k0, k1, msg, n, 2, 4), b = gv_siphash(k0, k1, msg, n, 1, 3);
    if (a != sip24[n] || b != sip13[n])
      fprintf(stderr, "\n  %zu bytes: 2-4 %016llx (want %016llx), 1-3 %016llx (want %016llx)", n, (unsigned long long)a,
              (unsigned long long)sip24[n], (unsigned long long)b, (unsigned long long)sip13[n]);
    CU_ASSERT_EQUAL(a, sip24[n]);
    CU_ASSERT_EQUAL(b, sip13[n]);
  }
  /* NULL with no bytes is the empty message */
  CU_ASSERT_EQUAL(gv_siphash(k0, k1, NULL, 0, 2, 4), sip24[0]);
}

/* --- a key per table --------------------------------------------------------------- */

static void test_key_per_table(void) {
  gv_hmap a = {0}, b = {0};
  int x = 1, y = 2;
  /* nothing drawn before the first allocation: a zero map is empty and costs nothing */
  CU_ASSERT_PTR_NULL(gv_hmap_get(&a, "k", 1));
  CU_ASSERT_EQUAL(a.k0 | a.k1, 0);
  CU_ASSERT_EQUAL(gv_hmap_put(&a, "k", 1, &x, NULL), 1);
  CU_ASSERT_EQUAL(gv_hmap_put(&b, "k", 1, &y, NULL), 1);
  /* 128 random bits each: equal keys, or a zero one, would be a broken source (chance 2^-128) */
  CU_ASSERT(a.k0 != b.k0 || a.k1 != b.k1);
  CU_ASSERT((a.k0 | a.k1) != 0);
  CU_ASSERT((b.k0 | b.k1) != 0);
  /* so the same key hashes differently in the two tables */
  CU_ASSERT_NOT_EQUAL(gv_siphash(a.k0, a.k1, "k", 1, 1, 3), gv_siphash(b.k0, b.k1, "k", 1, 1, 3));
  CU_ASSERT_PTR_EQUAL(gv_hmap_get(&a, "k", 1), &x);
  CU_ASSERT_PTR_EQUAL(gv_hmap_get(&b, "k", 1), &y);
  /* a table emptied and used again draws a new key */
  uint64_t old0 = a.k0, old1 = a.k1;
  gv_hmap_free(&a);
  CU_ASSERT_PTR_NULL(gv_hmap_get(&a, "k", 1));
  CU_ASSERT_EQUAL(gv_hmap_put(&a, "k", 1, &y, NULL), 1);
  CU_ASSERT(a.k0 != old0 || a.k1 != old1);
  CU_ASSERT_PTR_EQUAL(gv_hmap_get(&a, "k", 1), &y);
  gv_hmap_free(&a);
  gv_hmap_free(&b);
}

/* --- lookups at scale --------------------------------------------------------------- */

/* The old table's hash: FNV-1a 64, folded. */
static size_t old_hash(const char *s, size_t len) {
  uint64_t h = UINT64_C(1469598103934665603);
  for (size_t i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= UINT64_C(1099511628211);
  }
  return (size_t)(h ^ (h >> 29));
}

static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";

/* n keys "kABCD" whose old hash has bits 14..17 clear (tests/hostile/case_hash.py
   finds the same ones): in the old table of 2^18 slots they all started
   probing within the first 2^14 slots, so they formed one run that every
   insertion walked. 6 bytes each (NUL ended) in `buf`. */
static size_t colliding_keys(char *buf, size_t n) {
  size_t got = 0;
  char k[6] = "k0000";
  for (size_t a = 0; a < 64 && got < n; a++)
    for (size_t b = 0; b < 64 && got < n; b++)
      for (size_t c = 0; c < 64 && got < n; c++)
        for (size_t d = 0; d < 64 && got < n; d++) {
          k[1] = alphabet[a], k[2] = alphabet[b], k[3] = alphabet[c], k[4] = alphabet[d];
          if (((old_hash(k, 5) >> 14) & 0xF) == 0) memcpy(buf + 6 * got++, k, 6);
        }
  return got;
}

/* The longest distance a key sits from the slot its hash names. */
static size_t max_displacement(const gv_hmap *m) {
  size_t worst = 0;
  for (size_t i = 0; i < m->cap; i++) {
    if (m->slots[i].key == NULL) continue;
    size_t home = m->slots[i].hash & (m->cap - 1);
    size_t d = (i - home) & (m->cap - 1);
    if (d > worst) worst = d;
  }
  return worst;
}

static void test_scale(void) {
  enum { N = 131072 };
  char *keys = malloc(6 * (size_t)N);
  CU_ASSERT_PTR_NOT_NULL_FATAL(keys);
  CU_ASSERT_EQUAL_FATAL(colliding_keys(keys, N), N);
  size_t home_low = 0;
  for (size_t i = 0; i < N; i++) home_low += (old_hash(keys + 6 * i, 5) & ((1u << 18) - 1)) < (1u << 14);
  CU_ASSERT_EQUAL(home_low, N); /* all of them in the old table's first 2^14 of 2^18 slots */
  gv_hmap m = {0};
  int fails = 0;
  for (size_t i = 0; i < N; i++) fails += gv_hmap_put(&m, keys + 6 * i, 5, keys + 6 * i, NULL) != 1;
  CU_ASSERT_EQUAL(fails, 0);
  CU_ASSERT_EQUAL(m.count, N);
  CU_ASSERT_EQUAL(m.cap, (size_t)1 << 18);
  /* keyed, they spread as random keys do: at load 1/2 the longest run is
     tens of slots (old table: the 131,072 keys in one run) */
  size_t worst = max_displacement(&m);
  if (worst >= 200) fprintf(stderr, "\n  longest displacement %zu", worst);
  CU_ASSERT(worst < 200);
  for (size_t i = 0; i < N; i++) fails += gv_hmap_get(&m, keys + 6 * i, 5) != keys + 6 * i;
  CU_ASSERT_EQUAL(fails, 0);
  /* a second insertion finds the first; a replacement replaces */
  void *old = NULL;
  CU_ASSERT_EQUAL(gv_hmap_put(&m, keys + 6 * 777, 5, keys, &old), 0);
  CU_ASSERT_PTR_EQUAL(old, keys + 6 * 777);
  CU_ASSERT_EQUAL(gv_hmap_set(&m, keys + 6 * 777, 5, keys), 0);
  CU_ASSERT_PTR_EQUAL(gv_hmap_get(&m, keys + 6 * 777, 5), keys);
  CU_ASSERT_EQUAL(m.count, N);
  /* absent keys: other strings, prefixes, the empty key */
  CU_ASSERT_PTR_NULL(gv_hmap_get(&m, "kzzzz", 5));
  CU_ASSERT_PTR_NULL(gv_hmap_get(&m, keys, 4));
  CU_ASSERT_PTR_NULL(gv_hmap_get(&m, "", 0));
  gv_hmap_free(&m);
  /* 300,000 ordinary keys of every length up to 12, some with NUL bytes inside */
  enum { M = 300000 };
  char(*more)[16] = calloc(M, sizeof *more);
  size_t *lens = calloc(M, sizeof *lens);
  CU_ASSERT_PTR_NOT_NULL_FATAL(more);
  CU_ASSERT_PTR_NOT_NULL_FATAL(lens);
  for (size_t i = 0; i < M; i++) {
    lens[i] = (size_t)snprintf(more[i], sizeof more[i], "%zu", i);
    if (i % 3 == 0) more[i][lens[i]++] = '\0'; /* "12\0" differs from "12" */
  }
  for (size_t i = 0; i < M; i++) fails += gv_hmap_put(&m, more[i], lens[i], more[i], NULL) != 1;
  CU_ASSERT_EQUAL(fails, 0);
  for (size_t i = 0; i < M; i++) fails += gv_hmap_get(&m, more[i], lens[i]) != more[i];
  CU_ASSERT_EQUAL(fails, 0);
  CU_ASSERT_PTR_NULL(gv_hmap_get(&m, "300000", 6));
  CU_ASSERT_PTR_NULL(gv_hmap_get(&m, "1\0", 2)); /* "1" is there, "1\0" is not: 1 % 3 != 0 */
  CU_ASSERT_PTR_NOT_NULL(gv_hmap_get(&m, "1", 1));
  CU_ASSERT_PTR_NOT_NULL(gv_hmap_get(&m, "3\0", 2));
  CU_ASSERT_PTR_NULL(gv_hmap_get(&m, "3", 1));
  gv_hmap_free(&m);
  free(more);
  free(lens);
  free(keys);
}

/* --- the key limit, per format ----------------------------------------------------------- */

typedef struct rd {
  gv_records r;
  gv_diags d;
  int status;
} rd;

static void rd_read(rd *x, const char *text, int format, size_t max_keys, int no_fast_path) {
  memset(x, 0, sizeof *x);
  gv_rec_limits lim;
  gv_rec_limits_default(&lim);
  lim.max_keys = max_keys;
  lim.no_fast_path = no_fast_path;
  x->status = gv_records_read(&x->r, text, strlen(text), "obs", format, &lim, &x->d);
}

static void rd_free(rd *x) {
  gv_records_free(&x->r);
  gv_diags_free(&x->d);
}

/* Exactly one diagnostic: code, line, column, path, message. */
static void check_one(const rd *x, int code, unsigned line, unsigned col, const char *path, const char *msg, int at) {
  const govopen_error *e = x->d.head;
  int ok = e && e->next == NULL && e->code == code && e->line == line && e->column == col &&
           strcmp(e->path, path) == 0 && strcmp(e->message, msg) == 0;
  if (!ok) {
    fprintf(stderr, "\n  line %d: ", at);
    for (; e; e = e->next) fprintf(stderr, "[%d %u:%u %s: %s] ", e->code, e->line, e->column, e->path, e->message);
  }
  CU_ASSERT(ok);
}

#define OVER8 "more than 8 keys in one record: the limit (GOVOPEN_EVAL_MAX_KEYS)"

static void test_limit_jsonl(void) {
  /* line 1: 8 keys (read); line 2: 9 (rejected at the 9th, "i"); line 3: 3 at the top and 6 nested
     (keys count at every depth, in document order): the 9th is the last, "c"; line 4: read again */
  const char *t = "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8}\n"
                  "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8, \"i\":9}\n"
                  "{\"a\":1,\"b\":{\"a\":1,\"b\":[{\"c\":1,\"d\":2}],\"e\":{\"f\":{}}},\"c\":3}\n"
                  "{\"a\":1}\n";
  for (int careful = 0; careful < 2; careful++) {
    rd x;
    rd_read(&x, t, GV_REC_JSONL, 8, careful);
    CU_ASSERT_EQUAL(x.status, GOVOPEN_ELIMIT);
    CU_ASSERT_EQUAL(x.r.count, 2);
    CU_ASSERT_EQUAL(x.r.rejected, 2);
    const govopen_error *e = x.d.head;
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->code, GOVOPEN_ELIMIT);
    CU_ASSERT_EQUAL(e->line, 2);
    CU_ASSERT_EQUAL(e->column, 51);
    CU_ASSERT_STRING_EQUAL(e->path, "records[1]");
    CU_ASSERT_STRING_EQUAL(e->message, OVER8);
    e = e->next;
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(e->line, 3);
    CU_ASSERT_EQUAL(e->column, 53);
    CU_ASSERT_STRING_EQUAL(e->path, "records[2]");
    CU_ASSERT_STRING_EQUAL(e->message, OVER8);
    CU_ASSERT_PTR_NULL(e->next);
    rd_free(&x);
  }
  /* a malformed record with too many keys: the limit is said first, as the depth limit is */
  rd x;
  rd_read(&x, "{\"a\":1,\"b\":2,\"c\":3 \"d\":4}\n", GV_REC_JSONL, 2, 0);
  check_one(&x, GOVOPEN_ELIMIT, 1, 14, "records[0]",
            "more than 2 keys in one record: the limit (GOVOPEN_EVAL_MAX_KEYS)", __LINE__);
  rd_free(&x);
  /* a string value followed by ':' is no key in valid JSON: only a syntax error */
  rd_read(&x, "{\"a\":[\"x\",\"y\"],\"b\":2}\n", GV_REC_JSONL, 2, 0);
  CU_ASSERT_EQUAL(x.status, 0);
  CU_ASSERT_EQUAL(x.r.count, 1);
  rd_free(&x);
}

static void test_limit_json(void) {
  const char *t = "[\n"
                  " {\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8},\n"
                  " {\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\n  \"i\":9},\n"
                  " {\"a\":1}\n"
                  "]\n";
  for (int careful = 0; careful < 2; careful++) {
    rd x;
    rd_read(&x, t, GV_REC_JSON, 8, careful);
    CU_ASSERT_EQUAL(x.status, GOVOPEN_ELIMIT);
    CU_ASSERT_EQUAL(x.r.count, 2);
    CU_ASSERT_EQUAL(x.r.rejected, 1);
    check_one(&x, GOVOPEN_ELIMIT, 4, 3, "records[1]", OVER8, __LINE__);
    rd_free(&x);
  }
  /* the { "observations": [...] } shape, and a single-record document */
  rd x;
  rd_read(&x, "{\"observations\": [{\"a\":1,\"b\":2,\"c\":3}]}", GV_REC_JSON, 2, 0);
  check_one(&x, GOVOPEN_ELIMIT, 1, 32, "records[0]",
            "more than 2 keys in one record: the limit (GOVOPEN_EVAL_MAX_KEYS)", __LINE__);
  CU_ASSERT_EQUAL(x.r.count, 0);
  rd_free(&x);
  rd_read(&x, "{\"a\":1,\"b\":2,\n\"c\":3}", GV_REC_JSON, 2, 0);
  check_one(&x, GOVOPEN_ELIMIT, 2, 1, "records[0]", "more than 2 keys in one record: the limit (GOVOPEN_EVAL_MAX_KEYS)",
            __LINE__);
  rd_free(&x);
}

static int count_record(const gv_record *rec, void *payload) {
  (void)rec;
  (void)payload;
  return 0;
}

static void test_limit_yaml(void) {
  const char *t = "- {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8}\n"
                  "- a: 1\n"
                  "  b: {c: 3, d: [{e: 5, f: 6}], g: 7}\n"
                  "  h: 8\n"
                  "  i: 9\n"
                  "- {a: 1}\n";
  rd x;
  rd_read(&x, t, GV_REC_YAML, 8, 0);
  /* keys in document order: a b c d e f g h, then i: the 9th */
  check_one(&x, GOVOPEN_ELIMIT, 5, 3, "records[1]", OVER8, __LINE__);
  CU_ASSERT_EQUAL(x.r.count, 2);
  CU_ASSERT_EQUAL(x.r.rejected, 1);
  rd_free(&x);
  /* nested deeper than the 9th key's mapping: the 9th key counted is "i" inside */
  rd_read(&x, "- a: 1\n  b: {c: 3, d: [{e: 5, f: 6}], g: {h: 8, i: 9}}\n", GV_REC_YAML, 8, 0);
  check_one(&x, GOVOPEN_ELIMIT, 2, 42, "records[0]", OVER8, __LINE__);
  rd_free(&x);
  /* streamed (the foreach form reads YAML record by record): the same */
  gv_rec_limits lim;
  gv_rec_limits_default(&lim);
  lim.max_keys = 8;
  gv_diags d = {0};
  size_t count = 0, rejected = 0;
  CU_ASSERT_EQUAL(gv_records_foreach(t, strlen(t), "obs", GV_REC_YAML, &lim, count_record, NULL, &count, &rejected, &d),
                  GOVOPEN_ELIMIT);
  CU_ASSERT_EQUAL(count, 2);
  CU_ASSERT_EQUAL(rejected, 1);
  CU_ASSERT_PTR_NOT_NULL_FATAL(d.head);
  CU_ASSERT_EQUAL(d.head->line, 5);
  CU_ASSERT_EQUAL(d.head->column, 3);
  gv_diags_free(&d);
}

static void test_limit_csv(void) {
  /* 9 named columns and a note: refused at the 9th named one (the note is not read, not counted) */
  rd x;
  rd_read(&x, "unit,point,#note,c,d,e,f,g,h,i\na,P1,x,1,2,3,4,5,6,7\n", GV_REC_CSV, 8, 0);
  check_one(&x, GOVOPEN_ELIMIT, 1, 30, "",
            "the header names more than 8 columns: the limit on keys in one record (GOVOPEN_EVAL_MAX_KEYS)", __LINE__);
  CU_ASSERT_EQUAL(x.r.count, 0);
  rd_free(&x);
  rd_read(&x, "unit,point,#note,c,d,e,f,g,h\na,P1,x,1,2,3,4,5,6\n", GV_REC_CSV, 8, 0);
  CU_ASSERT_EQUAL(x.status, 0);
  CU_ASSERT_EQUAL(x.r.count, 1);
  CU_ASSERT_EQUAL(x.r.items[0].node->count, 8);
  rd_free(&x);
}

/* --- the setting, through the public API ------------------------------------------------ */

static govopen_evaluation *fx_evaluation(govopen_framework **fw) {
  *fw = NULL;
  if (govopen_framework_load_file(fw, test_path("fixtures/eval/fx.yaml"), NULL, NULL) != GOVOPEN_OK) return NULL;
  govopen_evaluation *ev = NULL;
  if (govopen_evaluation_new(&ev, *fw, NULL) != GOVOPEN_OK) return NULL;
  if (govopen_evaluation_set_as_of(ev, "2023-12-15", NULL) != GOVOPEN_OK) return NULL;
  return ev;
}

/* A record of fx.yaml's P1 for unit a with `extra` more keys "x0", "x1", …; *col the column of extra key `at`. */
static char *record_with(size_t extra, size_t at, unsigned *col) {
  gv_buf b = {0};
  gv_buf_puts(&b, "{\"unit\": \"a\", \"point\": \"P1\", \"observed\": \"2023-03-01\", \"value\": true");
  for (size_t i = 0; i < extra; i++) {
    gv_buf_puts(&b, ", ");
    if (i == at) *col = (unsigned)b.len + 1;
    gv_buf_printf(&b, "\"x%zu\": 0", i);
  }
  gv_buf_puts(&b, "}\n");
  return b.data;
}

static void test_option(void) {
  govopen_framework *fw;
  govopen_evaluation *ev = fx_evaluation(&fw);
  CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
  CU_ASSERT_EQUAL(GOVOPEN_EVAL_MAX_KEYS, 8);
  CU_ASSERT_EQUAL(GOVOPEN_DEFAULT_MAX_KEYS, 1024);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_KEYS, 0), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_KEYS, -1), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_KEYS, 10000001), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_KEYS, INT64_MAX), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_KEYS, 10000000), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_KEYS, 1), GOVOPEN_OK);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);

  /* the default, 1024: 4 keys + 1020 pass the limit (the extra keys are then an unknown
     field's error), 4 + 1021 do not, said at the 1025th key */
  unsigned col = 0;
  ev = fx_evaluation(&fw);
  CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
  /* each of the 1020 extra keys is an error of its own: keep them all */
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_DIAGNOSTICS, 5000), GOVOPEN_OK);
  char *ok = record_with(1020, 0, &col), *over = record_with(1021, 1020, &col);
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, ok, strlen(ok), "ok.jsonl", GOVOPEN_FORMAT_JSONL, NULL),
                  GOVOPEN_OK);
  const govopen_error *e = govopen_evaluation_diagnostics(ev);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_PTR_NULL(strstr(govopen_error_message(e), "GOVOPEN_EVAL_MAX_KEYS"));
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, over, strlen(over), "over.jsonl", GOVOPEN_FORMAT_JSONL, NULL),
                  GOVOPEN_OK);
  for (e = govopen_evaluation_diagnostics(ev); e && govopen_error_next(e); e = govopen_error_next(e)) continue;
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(govopen_error_code(e), GOVOPEN_ELIMIT);
  CU_ASSERT_STRING_EQUAL(govopen_error_source(e), "over.jsonl");
  CU_ASSERT_EQUAL(govopen_error_line(e), 1);
  CU_ASSERT_EQUAL(govopen_error_column(e), col);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(e),
                         "more than 1024 keys in one record: the limit (GOVOPEN_EVAL_MAX_KEYS)");
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(ev), 2);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
  free(ok);
  free(over);

  /* set to 4: a full record of P1 passes, one more key is refused, in every format */
  ev = fx_evaluation(&fw);
  CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_KEYS, 4), GOVOPEN_OK);
  static const struct {
    int format;
    const char *text;
    unsigned line, col;
  } in[] = {
      {GOVOPEN_FORMAT_JSONL,
       "{\"unit\": \"a\", \"point\": \"P1\", \"observed\": \"2023-03-01\", \"value\": true}\n"
       "{\"unit\": \"a\", \"point\": \"P1\", \"observed\": \"2023-03-01\", \"value\": true, \"evidence\": \"x\"}\n",
       2, 71},
      {GOVOPEN_FORMAT_JSON,
       "[{\"unit\": \"a\", \"point\": \"P1\", \"observed\": \"2023-03-01\", \"value\": true},\n"
       " {\"unit\": \"a\", \"point\": \"P1\", \"observed\": \"2023-03-01\", \"value\": true, \"evidence\": \"x\"}]\n",
       2, 72},
      {GOVOPEN_FORMAT_YAML,
       "- {unit: a, point: P1, observed: 2023-03-01, value: true}\n"
       "- {unit: a, point: P1, observed: 2023-03-01, value: true, evidence: x}\n",
       2, 59},
  };
  for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
    size_t before = govopen_evaluation_observation_count(ev);
    CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, in[i].text, strlen(in[i].text), "in", in[i].format, NULL),
                    GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_evaluation_observation_count(ev), before + 1);
    for (e = govopen_evaluation_diagnostics(ev); e && govopen_error_next(e); e = govopen_error_next(e)) continue;
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    if (govopen_error_line(e) != in[i].line || govopen_error_column(e) != in[i].col)
      fprintf(stderr, "\n  format %d: %u:%u %s", in[i].format, govopen_error_line(e), govopen_error_column(e),
              govopen_error_message(e));
    CU_ASSERT_EQUAL(govopen_error_code(e), GOVOPEN_ELIMIT);
    CU_ASSERT_EQUAL(govopen_error_line(e), in[i].line);
    CU_ASSERT_EQUAL(govopen_error_column(e), in[i].col);
    CU_ASSERT_STRING_EQUAL(govopen_error_message(e),
                           "more than 4 keys in one record: the limit (GOVOPEN_EVAL_MAX_KEYS)");
  }
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(ev), 3);
  /* CSV: the header refuses the worksheet */
  const char *csv = "unit,point,observed,value,evidence\na,P1,2023-03-01,true,x\n";
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, csv, strlen(csv), "w.csv", GOVOPEN_FORMAT_CSV, &err),
                  GOVOPEN_ELIMIT);
  CU_ASSERT_PTR_NOT_NULL_FATAL(err);
  CU_ASSERT_EQUAL(govopen_error_line(err), 1);
  CU_ASSERT_EQUAL(govopen_error_column(err), 27);
  CU_ASSERT_STRING_EQUAL(
      govopen_error_message(err),
      "the header names more than 4 columns: the limit on keys in one record (GOVOPEN_EVAL_MAX_KEYS)");
  govopen_error_free(err);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
}

/* --- item 12: the input clang's UBSan caught ------------------------------------------------ */

static void test_csv_empty_quoted_header(void) {
  /* a row of one empty quoted cell (blank: passed over before the header), then a quote
     never closed: the text buffer was still NULL when the first row's cells were looked at */
  rd x;
  rd_read(&x, "\"\"\n\"a8i", GV_REC_CSV, 1024, 0);
  check_one(&x, GOVOPEN_EPARSE, 2, 1, "",
            "the header row cannot be read: the quoted field that starts here is not closed: it runs to the end of "
            "the input",
            __LINE__);
  CU_ASSERT_EQUAL(x.r.count, 0);
  rd_free(&x);
  /* and a header of empty quoted cells only, then a real one */
  rd_read(&x, "\"\",\"\"\nunit,point,value\na,P1,true\n", GV_REC_CSV, 1024, 0);
  CU_ASSERT_EQUAL(x.status, 0);
  CU_ASSERT_EQUAL(x.r.count, 1);
  rd_free(&x);
}

static const test_case cases[] = {{"SipHash 2-4 and 1-3 reference vectors", test_siphash_vectors},
                                  {"a key per table, drawn lazily", test_key_per_table},
                                  {"lookups at scale, old-colliding keys spread", test_scale},
                                  {"key limit: JSON Lines, fast and careful", test_limit_jsonl},
                                  {"key limit: JSON documents", test_limit_json},
                                  {"key limit: YAML, read and streamed", test_limit_yaml},
                                  {"key limit: CSV header", test_limit_csv},
                                  {"GOVOPEN_EVAL_MAX_KEYS: range, default, every format", test_option},
                                  {"CSV: empty quoted header cell (clang UBSan)", test_csv_empty_quoted_header},
                                  {NULL, NULL}};
GV_TEST_SUITE(h13_hash, cases);
