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
  if (len == 0 || (len == 1 && s[0] == '~') || (len == 4 && memcmp(s, "null", 4) == 0))
    return GV_YT_NULL;
  if ((len == 4 && memcmp(s, "true", 4) == 0) || (len == 5 && memcmp(s, "false", 5) == 0))
    return GV_YT_BOOL;
  int frac;
  if (looks_float(s, len, &frac)) return frac ? GV_YT_FLOAT : GV_YT_INT;
  return GV_YT_STR;
}

int gv_parse_int(const char *s, size_t len, int64_t *out) {
  size_t i = 0;
  int neg = 0;
  if (i < len && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  if (i == len) return -1;
  uint64_t v = 0;
  for (; i < len; i++) {
    if (!is_digit(s[i])) return -1;
    v = v * 10 + (uint64_t)(s[i] - '0');
    if (v > (uint64_t)INT32_MAX) return -3;
  }
  *out = neg ? -(int64_t)v : (int64_t)v;
  return 0;
}

/* Scores are bounded well below any overflow: a billion points. */
#define GV_MAX_CENTS 100000000000LL

int gv_parse_cents(const char *s, size_t len, int64_t *out) {
  size_t i = 0;
  int neg = 0;
  if (i < len && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  size_t start = i;
  int64_t whole = 0;
  for (; i < len && is_digit(s[i]); i++) {
    whole = whole * 10 + (s[i] - '0');
    if (whole > GV_MAX_CENTS / 100) return -3;
  }
  if (i == start) return -1;
  int64_t frac = 0;
  if (i < len && s[i] == '.') {
    i++;
    size_t fs = i, digits = 0;
    for (; i < len && is_digit(s[i]); i++, digits++) {
      if (digits < 2) {
        frac = frac * 10 + (s[i] - '0');
      } else if (s[i] != '0') {
        /* keep scanning to tell "2.531" (too precise) from "2.5x" (not a number) */
        while (i < len && is_digit(s[i])) i++;
        return i == len ? -2 : -1;
      }
    }
    if (i == fs) return -1;
    if (digits == 1) frac *= 10;
  }
  if (i != len) return -1;
  int64_t cents = whole * 100 + frac;
  *out = neg ? -cents : cents;
  return 0;
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
