/* Issue 13, items 1 and 2: the indicator tree an overlay can grow.
 * GOVOPEN_OPT_MAX_TREE_DEPTH bounds the merged tree, reported as
 * GOVOPEN_ELIMIT at the overlay entry that makes it too deep (its `in:`),
 * or at the indicator itself when the base alone is too deep; and a flat
 * overlay of thousands of entries merges with the order semantics the
 * format documents. Overlays are generated here, extending langao-2023,
 * whose indicator "1.1.1" is at level 3. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "util/compiler.h"

/* A growable string. */
typedef struct sb {
  char *s;
  size_t len, cap;
} sb;

GV_PRINTF(2, 3)
static void sb_add(sb *b, const char *fmt, ...);
static void sb_add(sb *b, const char *fmt, ...) {
  va_list ap;
  for (;;) {
    va_start(ap, fmt);
    int n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0, fmt, ap);
    va_end(ap);
    CU_ASSERT_FATAL(n >= 0);
    if (b->s && b->len + (size_t)n < b->cap) {
      b->len += (size_t)n;
      return;
    }
    size_t cap = (b->cap ? b->cap * 2 : 4096) + (size_t)n;
    b->s = realloc(b->s, cap);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b->s);
    b->cap = cap;
  }
}

/* d1 … dn, each in the one before, d1 in "1.1.1"; a point in dn. Entry
   d_k is on line k + 4. */
static char *chain(size_t n) {
  sb b = {0};
  sb_add(&b, "schema: 1\nextends: langao-2023\nframework: {id: deep-test, title: t}\nnodes:\n");
  for (size_t i = 1; i <= n; i++) {
    char parent[32];
    if (i == 1)
      snprintf(parent, sizeof parent, "\"1.1.1\"");
    else
      snprintf(parent, sizeof parent, "d%zu", i - 1);
    sb_add(&b, "  d%zu: {title: t%zu, in: %s}\n", i, i, parent);
  }
  sb_add(&b, "points:\n  q1: {in: d%zu, text: t, sampling: [政府网站], responsible: [县政府办]}\n", n);
  return b.s;
}

static int load(const char *text, const govopen_options *opts, govopen_framework **fw, govopen_error **err) {
  return govopen_framework_load_buffer(fw, text, strlen(text), "deep.yaml", opts, err);
}

static size_t count_errors(const govopen_error *e) {
  size_t n = 0;
  for (; e; e = govopen_error_next(e)) n += govopen_error_severity(e) == GOVOPEN_SEVERITY_ERROR;
  return n;
}

static const govopen_error *first_error(const govopen_error *e) {
  while (e && govopen_error_severity(e) != GOVOPEN_SEVERITY_ERROR) e = govopen_error_next(e);
  return e;
}

static void test_option_range(void) {
  govopen_options *o = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&o), GOVOPEN_OK);
  int64_t v = 0;
  CU_ASSERT_EQUAL(govopen_options_get_int(o, GOVOPEN_OPT_MAX_TREE_DEPTH, &v), GOVOPEN_OK);
  CU_ASSERT_EQUAL(v, GOVOPEN_DEFAULT_MAX_TREE_DEPTH);
  CU_ASSERT_EQUAL(GOVOPEN_DEFAULT_MAX_TREE_DEPTH, 32);
  CU_ASSERT_EQUAL(GOVOPEN_OPT_MAX_TREE_DEPTH, 12);
  /* 0, negative and above the hard maximum make no sense: refused, the value kept */
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_TREE_DEPTH, 0), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_TREE_DEPTH, -1), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_TREE_DEPTH, 257), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_TREE_DEPTH, (int64_t)1 << 40), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_options_get_int(o, GOVOPEN_OPT_MAX_TREE_DEPTH, &v), GOVOPEN_OK);
  CU_ASSERT_EQUAL(v, 32);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_TREE_DEPTH, 1), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_get_int(o, GOVOPEN_OPT_MAX_TREE_DEPTH, &v), GOVOPEN_OK);
  CU_ASSERT_EQUAL(v, 1);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_TREE_DEPTH, 256), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_get_int(o, GOVOPEN_OPT_MAX_TREE_DEPTH, &v), GOVOPEN_OK);
  CU_ASSERT_EQUAL(v, 256);
  govopen_options_free(o);
}

/* 8,400 levels stacked through `in:` (it crashed with a stack overflow):
   one error, at d30's `in:` (line 34, column 25), level 33. */
static void test_deep_stack(void) {
  char *text = chain(8400);
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(load(text, NULL, &fw, &err), GOVOPEN_ELIMIT);
  CU_ASSERT_PTR_NULL(fw);
  const govopen_error *e = first_error(err);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(count_errors(err), 1);
  CU_ASSERT_EQUAL(govopen_error_code(e), GOVOPEN_ELIMIT);
  CU_ASSERT_STRING_EQUAL(govopen_error_source(e), "deep.yaml");
  CU_ASSERT_EQUAL(govopen_error_line(e), 34);
  CU_ASSERT_EQUAL(govopen_error_column(e), 25);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(e), "nodes.d30.in");
  CU_ASSERT_STRING_EQUAL(govopen_error_message(e),
                         "the indicator tree is deeper than the limit of 32 levels (GOVOPEN_OPT_MAX_TREE_DEPTH): "
                         "'d30' would be at level 33, in 'd29'");
  govopen_error_free(err);
  free(text);
}

/* 29 levels under "1.1.1": exactly 32, which loads; a limit of 31 refuses
   d29 at its `in:` (line 33), and a limit of 256 takes 253 under "1.1.1". */
static void test_at_limit(void) {
  char *text = chain(29);
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL_FATAL(load(text, NULL, &fw, &err), GOVOPEN_OK);
  const govopen_node *leaf = govopen_framework_node_by_id(fw, "d29");
  CU_ASSERT_PTR_NOT_NULL_FATAL(leaf);
  CU_ASSERT_EQUAL(govopen_node_depth(leaf), 32);
  CU_ASSERT_STRING_EQUAL(govopen_node_id(govopen_node_parent(leaf)), "d28");
  CU_ASSERT_STRING_EQUAL(govopen_point_id(govopen_node_point(leaf, 0)), "q1");
  char *json = NULL;
  size_t len = 0;
  CU_ASSERT_EQUAL(govopen_framework_to_json(fw, 0, &json, &len), GOVOPEN_OK);
  CU_ASSERT(json && strstr(json, "\"id\":\"d29\"") != NULL);
  govopen_free(json);
  govopen_framework_free(fw);
  govopen_error_free(err);

  govopen_options *o = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&o), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_TREE_DEPTH, 31), GOVOPEN_OK);
  err = NULL;
  CU_ASSERT_EQUAL(load(text, o, &fw, &err), GOVOPEN_ELIMIT);
  const govopen_error *e = first_error(err);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(govopen_error_line(e), 33);
  CU_ASSERT_EQUAL(govopen_error_column(e), 25);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(e), "nodes.d29.in");
  govopen_error_free(err);
  free(text);

  text = chain(253);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_TREE_DEPTH, 256), GOVOPEN_OK);
  err = NULL;
  CU_ASSERT_EQUAL_FATAL(load(text, o, &fw, &err), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_node_depth(govopen_framework_node_by_id(fw, "d253")), 256);
  govopen_framework_free(fw);
  govopen_error_free(err);
  free(text);
  govopen_options_free(o);
}

/* A subtree given whole (`children:`) under an indicator that may itself
   go there: the merged tree is checked after every entry, and the entry
   that made it too deep is the one reported, at its `in:`. */
static void test_subtree_too_deep(void) {
  sb b = {0};
  sb_add(&b, "schema: 1\nextends: langao-2023\nframework: {id: deep-test, title: t}\nnodes:\n");
  for (int i = 1; i <= 26; i++)
    sb_add(&b, "  d%d: {title: t, in: %s%d%s}\n", i, i == 1 ? "\"1.1." : "d", i == 1 ? 1 : i - 1, i == 1 ? "\"" : "");
  /* line 31: x at level 30, its children at 31, 32 and 33 */
  sb_add(&b, "  x: {title: x, in: d26, children: [{title: c1, children: [{title: c2, children: [{title: c3, points: "
             "[{id: q1, text: t, sampling: [政府网站], responsible: [县政府办]}]}]}]}]}\n");
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(load(b.s, NULL, &fw, &err), GOVOPEN_ELIMIT);
  const govopen_error *e = first_error(err);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(count_errors(err), 1);
  CU_ASSERT_EQUAL(govopen_error_line(e), 31);
  CU_ASSERT_EQUAL(govopen_error_column(e), 21);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(e), "nodes.x.in");
  CU_ASSERT_STRING_EQUAL(govopen_error_message(e),
                         "the indicator tree is deeper than the limit of 32 levels (GOVOPEN_OPT_MAX_TREE_DEPTH): "
                         "an indicator under 'x' would be at level 33");
  govopen_error_free(err);
  free(b.s);
}

/* The base alone deeper than a lowered limit: reported at the first
   indicator too deep, in the base (langao-2023's "1.1.1.1"), whether it is
   loaded itself or through an overlay. */
static void test_base_too_deep(void) {
  govopen_options *o = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_options_new(&o), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_TREE_DEPTH, 3), GOVOPEN_OK);
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_builtin(&fw, "langao-2023", o, &err), GOVOPEN_ELIMIT);
  const govopen_error *plain = first_error(err);
  CU_ASSERT_PTR_NOT_NULL_FATAL(plain);
  CU_ASSERT_EQUAL(count_errors(err), 1);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(plain), "indicators[0].children[0].children[0].children[0]");
  CU_ASSERT(strstr(govopen_error_message(plain), "deeper than the limit of 3 levels (GOVOPEN_OPT_MAX_TREE_DEPTH)") !=
            NULL);
  unsigned line = govopen_error_line(plain), col = govopen_error_column(plain);
  CU_ASSERT(line > 0 && col > 0);

  const char *overlay = "schema: 1\nextends: langao-2023\nframework: {id: x, title: t}\n";
  govopen_error *err2 = NULL;
  CU_ASSERT_EQUAL(load(overlay, o, &fw, &err2), GOVOPEN_ELIMIT);
  const govopen_error *e = first_error(err2);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(count_errors(err2), 1);
  CU_ASSERT_STRING_EQUAL(govopen_error_source(e), govopen_error_source(plain));
  CU_ASSERT_EQUAL(govopen_error_line(e), line);
  CU_ASSERT_EQUAL(govopen_error_column(e), col);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(e),
                         "the indicator tree is deeper than the limit of 3 levels (GOVOPEN_OPT_MAX_TREE_DEPTH): "
                         "'1.1.1.1' would be at level 4");
  govopen_error_free(err);
  govopen_error_free(err2);
  CU_ASSERT_EQUAL(govopen_options_set_int(o, GOVOPEN_OPT_MAX_TREE_DEPTH, 4), GOVOPEN_OK);
  err = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_builtin(&fw, "langao-2023", o, &err), GOVOPEN_OK);
  govopen_framework_free(fw);
  govopen_error_free(err);
  govopen_options_free(o);
}

/* An indicator put in itself or below itself: an error at its `in:`, and it
   stays where it was. */
static void test_into_itself(void) {
  const char *text = "schema: 1\nextends: langao-2023\nframework: {id: x, title: t}\nnodes:\n"
                     "  \"1.1\": {in: \"1.1.1\"}\n";
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(load(text, NULL, &fw, &err), GOVOPEN_ESCHEMA);
  const govopen_error *e = first_error(err);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(count_errors(err), 1);
  CU_ASSERT_EQUAL(govopen_error_line(e), 5);
  CU_ASSERT_EQUAL(govopen_error_column(e), 15);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(e), "'1.1' cannot go into '1.1.1': that is itself or below it");
  govopen_error_free(err);
}

/* 5,000 new indicators in a new level-1 one, each placed after the one
   before but the first (so every `after` finds its sibling by id), and
   5,000 points: the order is the overlay's. */
static void test_flat_order(void) {
  enum { N = 5000 };
  sb b = {0};
  sb_add(&b, "schema: 1\nextends: langao-2023\nframework: {id: wide, title: t, total: 150}\nnodes:\n");
  sb_add(&b, "  w: {title: w, score: 50}\n");
  for (int i = 1; i <= N; i++) {
    if (i == 1)
      sb_add(&b, "  n1: {title: t, in: w}\n");
    else
      sb_add(&b, "  n%d: {title: t, in: w, after: n%d}\n", i, i - 1);
  }
  sb_add(&b, "points:\n");
  for (int i = 1; i <= N; i++)
    sb_add(&b, "  p%d: {in: n%d, text: t, sampling: [政府网站], responsible: [县政府办]}\n", i, i);
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL_FATAL(load(b.s, NULL, &fw, &err), GOVOPEN_OK);
  const govopen_node *w = govopen_framework_node_by_id(fw, "w");
  CU_ASSERT_PTR_NOT_NULL_FATAL(w);
  CU_ASSERT_EQUAL_FATAL(govopen_node_child_count(w), N);
  int in_order = 1;
  for (size_t i = 0; i < N; i++) {
    char id[16];
    snprintf(id, sizeof id, "n%zu", i + 1);
    in_order &= strcmp(govopen_node_id(govopen_node_child(w, i)), id) == 0;
  }
  CU_ASSERT(in_order);
  CU_ASSERT_EQUAL(govopen_node_score(govopen_node_child(w, 0)), 0.01);
  CU_ASSERT_EQUAL(govopen_framework_point_count(fw), 83 + N);
  govopen_framework_free(fw);
  govopen_error_free(err);
  free(b.s);
}

/* tests/fixtures/overlay/tree-moves.yaml: subtrees moved under each other
   and into themselves, siblings that are not there; each refusal at its own
   line and column, in the overlay's order. And tree-deep.yaml, 40 levels on
   tests/fixtures/overlay/base.yaml (whose "1" is at level 1): d32's `in:`. */
static void test_moves(void) {
  static const struct {
    unsigned line, col;
    const char *message;
  } want[] = {{8, 13, "'1' cannot go into '1.1': that is itself or below it"},
              {9, 25, "there is no 'nope' here to put it after"},
              {10, 32, "there is no '1.1' here to put it after"},
              {11, 15, "'1.1' cannot go into '1.1': that is itself or below it"},
              {13, 12, "moving 'P3' leaves its indicator with no points"},
              {14, 15, "there is no 'P9' here to put it after"}};
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_file(&fw, test_path("fixtures/overlay/tree-moves.yaml"), NULL, &err),
                  GOVOPEN_ESCHEMA);
  const govopen_error *e = first_error(err);
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT(strstr(govopen_error_source(e), "tree-moves.yaml") != NULL);
    CU_ASSERT_EQUAL(govopen_error_line(e), want[i].line);
    CU_ASSERT_EQUAL(govopen_error_column(e), want[i].col);
    CU_ASSERT_STRING_EQUAL(govopen_error_message(e), want[i].message);
    CU_ASSERT_EQUAL(govopen_error_code(e), GOVOPEN_ESCHEMA);
    e = first_error(govopen_error_next(e));
  }
  govopen_error_free(err);
  err = NULL;
  CU_ASSERT_EQUAL(govopen_framework_load_file(&fw, test_path("fixtures/overlay/tree-deep.yaml"), NULL, &err),
                  GOVOPEN_ELIMIT);
  e = first_error(err);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(count_errors(err), 1);
  CU_ASSERT_EQUAL(govopen_error_line(e), 38);
  CU_ASSERT_EQUAL(govopen_error_column(e), 25);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(e), "nodes.d32.in");
  govopen_error_free(err);
}

static const test_case cases[] = {{"GOVOPEN_OPT_MAX_TREE_DEPTH: default and range", test_option_range},
                                  {"8,400 levels through in: one ELIMIT at the entry", test_deep_stack},
                                  {"exactly at the limit loads", test_at_limit},
                                  {"a subtree given whole, too deep", test_subtree_too_deep},
                                  {"a base deeper than the limit", test_base_too_deep},
                                  {"an indicator into itself", test_into_itself},
                                  {"5,000 flat entries keep their order", test_flat_order},
                                  {"subtrees moved about", test_moves},
                                  {NULL, NULL}};
GV_TEST_SUITE(h13_tree, cases);
