/* The document tree: strict, locale-independent scalar typing, number parsing, copies. */
#include <stdint.h>
#include <string.h>

#include "util/tree.h"

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* [-+]?digits(.digits)?([eE][-+]?digits)? */
static int looks_float(const char *s, size_t len, int *has_frac_or_exp) {
  size_t i = 0;
  *has_frac_or_exp = 0;
  if (i < len && (s[i] == '-' || s[i] == '+')) i++;
  size_t start = i;
  while (i < len && is_digit(s[i])) i++;
  if (i == start) return 0;
  if (i < len && s[i] == '.') {
    *has_frac_or_exp = 1;
    i++;
    size_t fs = i;
    while (i < len && is_digit(s[i])) i++;
    if (i == fs) return 0;
  }
  if (i < len && (s[i] == 'e' || s[i] == 'E')) {
    *has_frac_or_exp = 1;
    i++;
    if (i < len && (s[i] == '-' || s[i] == '+')) i++;
    size_t es = i;
    while (i < len && is_digit(s[i])) i++;
    if (i == es) return 0;
  }
  return i == len;
}

gv_ytype gv_classify_plain(const char *s, size_t len) {
  if (len == 0 || (len == 1 && s[0] == '~') || (len == 4 && memcmp(s, "null", 4) == 0)) return GV_YT_NULL;
  if ((len == 4 && memcmp(s, "true", 4) == 0) || (len == 5 && memcmp(s, "false", 5) == 0)) return GV_YT_BOOL;
  int frac;
  if (looks_float(s, len, &frac)) return frac ? GV_YT_FLOAT : GV_YT_INT;
  return GV_YT_STR;
}

int gv_parse_int(const char *s, size_t len, int64_t *out) {
  size_t i = 0;
  int neg = 0;
  if (i < len && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  if (i == len) return GOVOPEN_EPARSE;
  uint64_t v = 0;
  for (; i < len; i++) {
    if (!is_digit(s[i])) return GOVOPEN_EPARSE;
    v = v * 10 + (uint64_t)(s[i] - '0');
    if (v > (uint64_t)INT32_MAX) return GOVOPEN_ERANGE;
  }
  *out = neg ? -(int64_t)v : (int64_t)v;
  return GOVOPEN_OK;
}

const char *gv_ynode_describe(const gv_ynode *n) {
  if (n == NULL) return "nothing";
  switch (n->kind) {
    case GV_YSEQ: return "a list";
    case GV_YMAP: return "a mapping";
    default: break;
  }
  switch (n->type) {
    case GV_YT_NULL: return "null";
    case GV_YT_BOOL: return "a boolean";
    case GV_YT_INT: return "an integer";
    case GV_YT_FLOAT: return "a number";
    default: return "a string";
  }
}

gv_ynode *gv_ynode_copy(gv_arena *a, const gv_ynode *n) {
  gv_ynode *c = gv_arena_alloc(a, sizeof *c);
  if (c == NULL) return NULL;
  *c = *n;
  c->items = NULL;
  if (n->kind == GV_YSCALAR) {
    c->text = gv_arena_strndup(a, n->text, n->len);
    return c->text ? c : NULL;
  }
  size_t items = n->kind == GV_YMAP ? 2 * n->count : n->count;
  if (items == 0) return c;
  c->items = gv_arena_array(a, items, sizeof(gv_ynode *));
  if (c->items == NULL) return NULL;
  for (size_t i = 0; i < items; i++)
    if ((c->items[i] = gv_ynode_copy(a, n->items[i])) == NULL) return NULL;
  return c;
}
