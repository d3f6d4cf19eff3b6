/* The util layer: arena, buffers, hash map, UTF-8, scalar typing and numbers. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/cents.h"
#include "util/hmap.h"
#include "util/tree.h"
#include "util/utf8.h"

static void test_arena(void) {
  gv_arena a = {0};
  char *s = gv_arena_strdup(&a, "岚皋");
  CU_ASSERT_STRING_EQUAL(s, "岚皋");
  unsigned char *big = gv_arena_alloc(&a, 200000);
  CU_ASSERT_PTR_NOT_NULL_FATAL(big);
  CU_ASSERT_EQUAL(big[199999], 0);
  int *small = gv_arena_alloc(&a, sizeof(int));
  CU_ASSERT_EQUAL((uintptr_t)small % 16, 0);
  CU_ASSERT_PTR_NULL(gv_arena_array(&a, SIZE_MAX / 2, 8));
  CU_ASSERT_STRING_EQUAL(s, "岚皋"); /* the big block did not disturb earlier ones */
  gv_arena_free(&a);
  CU_ASSERT_PTR_NULL(a.head);
}

static void test_buf(void) {
  gv_buf b = {0};
  CU_ASSERT_STRING_EQUAL(gv_buf_str(&b), "");
  gv_buf_puts(&b, "units");
  gv_buf_printf(&b, "[%d]", 12);
  gv_buf_putc(&b, '.');
  CU_ASSERT_STRING_EQUAL(gv_buf_str(&b), "units[12].");
  gv_buf_truncate(&b, 5);
  CU_ASSERT_STRING_EQUAL(gv_buf_str(&b), "units");
  CU_ASSERT_EQUAL(b.len, 5);
  for (int i = 0; i < 10000; i++) gv_buf_putc(&b, 'x');
  CU_ASSERT_EQUAL(b.len, 10005);
  CU_ASSERT_EQUAL(gv_buf_status(&b), GOVOPEN_OK);
  gv_buf_free(&b);
}

static void test_hmap(void) {
  gv_hmap m = {0};
  static char keys[2000][8];
  int values[2000];
  for (int i = 0; i < 2000; i++) {
    snprintf(keys[i], sizeof keys[i], "k%d", i);
    values[i] = i;
    CU_ASSERT_EQUAL(gv_hmap_put(&m, keys[i], strlen(keys[i]), &values[i], NULL), 1);
  }
  CU_ASSERT_EQUAL(m.count, 2000);
  void *old = NULL;
  CU_ASSERT_EQUAL(gv_hmap_put(&m, "k7", 2, &values[0], &old), 0);
  CU_ASSERT_PTR_EQUAL(old, &values[7]);
  CU_ASSERT_PTR_EQUAL(gv_hmap_get(&m, "k1999", 5), &values[1999]);
  CU_ASSERT_PTR_NULL(gv_hmap_get(&m, "k2000", 5));
  CU_ASSERT_EQUAL(gv_hmap_set(&m, "k7", 2, &values[1]), 0);
  CU_ASSERT_PTR_EQUAL(gv_hmap_get(&m, "k7", 2), &values[1]);
  /* keys are byte strings: a prefix is another key */
  CU_ASSERT_PTR_NULL(gv_hmap_get(&m, "k19990", 6));
  gv_hmap_free(&m);
}

static void test_utf8(void) {
  CU_ASSERT_TRUE(gv_utf8_valid("岚皋县", strlen("岚皋县")));
  CU_ASSERT_FALSE(gv_utf8_valid("\xC0\xAF", 2));         /* overlong */
  CU_ASSERT_FALSE(gv_utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
  CU_ASSERT_FALSE(gv_utf8_valid("\xE5\xB2", 2));         /* truncated */
  CU_ASSERT_FALSE(gv_utf8_valid("\xF4\x90\x80\x80", 4)); /* beyond U+10FFFF */
  CU_ASSERT_EQUAL(gv_utf8_count("a岚b", strlen("a岚b")), 3);
  CU_ASSERT_TRUE(gv_utf8_blank(" \t\xE3\x80\x80\n", 6));
  CU_ASSERT_FALSE(gv_utf8_blank(" 岚 ", strlen(" 岚 ")));
  CU_ASSERT_TRUE(gv_utf8_blank("", 0));
}

static void test_scalars(void) {
  CU_ASSERT_EQUAL(gv_classify_plain("", 0), GV_YT_NULL);
  CU_ASSERT_EQUAL(gv_classify_plain("~", 1), GV_YT_NULL);
  CU_ASSERT_EQUAL(gv_classify_plain("null", 4), GV_YT_NULL);
  CU_ASSERT_EQUAL(gv_classify_plain("true", 4), GV_YT_BOOL);
  CU_ASSERT_EQUAL(gv_classify_plain("yes", 3), GV_YT_STR);
  CU_ASSERT_EQUAL(gv_classify_plain("True", 4), GV_YT_STR);
  CU_ASSERT_EQUAL(gv_classify_plain("38", 2), GV_YT_INT);
  CU_ASSERT_EQUAL(gv_classify_plain("-3", 2), GV_YT_INT);
  CU_ASSERT_EQUAL(gv_classify_plain("2.53", 4), GV_YT_FLOAT);
  CU_ASSERT_EQUAL(gv_classify_plain("1e3", 3), GV_YT_FLOAT);
  CU_ASSERT_EQUAL(gv_classify_plain("1.2.3", 5), GV_YT_STR);
  CU_ASSERT_EQUAL(gv_classify_plain("2.", 2), GV_YT_STR);
  CU_ASSERT_EQUAL(gv_classify_plain("P01", 3), GV_YT_STR);

  int64_t c = 0;
  CU_ASSERT_EQUAL(gv_cents_parse("38", 2, &c, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(c, 3800);
  CU_ASSERT_EQUAL(gv_cents_parse("2.5", 3, &c, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(c, 250);
  CU_ASSERT_EQUAL(gv_cents_parse("2.53", 4, &c, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(c, 253);
  CU_ASSERT_EQUAL(gv_cents_parse("-3", 2, &c, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(c, -300);
  CU_ASSERT_EQUAL(gv_cents_parse("0.500", 5, &c, NULL), GOVOPEN_OK); /* trailing zeros are fine */
  CU_ASSERT_EQUAL(c, 50);
  int precise = 0;
  CU_ASSERT_EQUAL(gv_cents_parse("2.531", 5, &c, &precise), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(precise, 1);
  CU_ASSERT_EQUAL(gv_cents_parse("1e2", 3, &c, NULL), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(gv_cents_parse("99999999999", 11, &c, NULL), GOVOPEN_ERANGE);
  CU_ASSERT_EQUAL(gv_cents_parse(".5", 2, &c, NULL), GOVOPEN_EPARSE);

  int64_t i = 0;
  CU_ASSERT_EQUAL(gv_parse_int("2023", 4, &i), GOVOPEN_OK);
  CU_ASSERT_EQUAL(i, 2023);
  CU_ASSERT_EQUAL(gv_parse_int("-1", 2, &i), GOVOPEN_OK);
  CU_ASSERT_EQUAL(i, -1);
  CU_ASSERT_EQUAL(gv_parse_int("99999999999", 11, &i), GOVOPEN_ERANGE);
  CU_ASSERT_EQUAL(gv_parse_int("1.0", 3, &i), GOVOPEN_EPARSE);
}

static const test_case cases[] = {{"arena", test_arena}, {"buf", test_buf},         {"hmap", test_hmap},
                                  {"utf8", test_utf8},   {"scalars", test_scalars}, {NULL, NULL}};
GV_TEST_SUITE(util, cases);
