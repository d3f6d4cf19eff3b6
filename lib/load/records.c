/* Observation records from JSON Lines, JSON and YAML (see records.h; CSV
 * worksheets are read by csv_records.c, sharing records_impl.h).
 *
 * JSON goes through cJSON one record at a time. Before cJSON sees a record, a
 * light scan of our own finds where it ends and bounds its depth and nodes
 * (cJSON recurses and allocates freely). After cJSON has parsed it, a strict
 * walk over the text beside cJSON's tree gives every node its line and
 * column — cJSON keeps no positions — and refuses what RFC 8259 forbids but
 * cJSON accepts. This is the only file that includes <cJSON.h> for
 * observation input.
 *
 * Most records are valid, and a fast path reads them in one pass that
 * builds the nodes directly; anything it is not sure of sends the record
 * the careful way above, which finds and words the error (see "the fast
 * path"). Files are read in blocks (see "file input"). */
#define _POSIX_C_SOURCE 200809L
#include "load/records_impl.h"
#include "util/utf8.h"

#include <cJSON.h>
#include <errno.h>
#include <float.h>
#include <locale.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "govopen/evaluate.h" /* GOVOPEN_DEFAULT_MAX_KEYS */
#include "govopen/options.h"
#include "util/buf.h"
#include "util/hmap.h"

static int is_ws(unsigned char b) { return b == ' ' || b == '\t' || b == '\n' || b == '\r'; }
static int is_digit(unsigned char b) { return b >= '0' && b <= '9'; }
static unsigned inc(unsigned v) { return v < UINT_MAX ? v + 1 : v; }

void gv_rec_limits_default(gv_rec_limits *lim) {
  lim->y.max_size = GOVOPEN_DEFAULT_MAX_SIZE;
  lim->y.max_depth = GOVOPEN_DEFAULT_MAX_DEPTH;
  lim->y.max_nodes = GOVOPEN_DEFAULT_MAX_NODES;
  lim->y.max_aliases = GOVOPEN_DEFAULT_MAX_ALIASES;
  lim->max_records = GV_REC_DEFAULT_MAX_RECORDS;
  lim->max_keys = GOVOPEN_DEFAULT_MAX_KEYS;
  lim->block = 0;
  lim->no_fast_path = 0;
  lim->digest = NULL;
}

/* --- positions ----------------------------------------------------------- */

/* Moves `c` forward to `to`. LF, CR LF and a lone CR each end a line;
   continuation bytes of UTF-8 take no column. */
static void advance(const gv_rd_reader *r, gv_rd_cur *c, size_t to) {
  const unsigned char *s = (const unsigned char *)r->data;
  if (to > r->len) to = r->len;
  while (c->off < to) {
    unsigned char b = s[c->off];
    if (b == '\n' || (b == '\r' && !(c->off + 1 < r->len && s[c->off + 1] == '\n'))) {
      c->line = inc(c->line);
      c->col = 1;
    } else if (b != '\r' && (b & 0xC0) != 0x80) {
      c->col = inc(c->col);
    }
    c->off++;
  }
}

static gv_rd_cur cur_at(const gv_rd_reader *r, const gv_rd_cur *from, size_t off) {
  gv_rd_cur c = *from;
  advance(r, &c, off);
  return c;
}

static void skip_ws(const gv_rd_reader *r, gv_rd_cur *c) {
  while (c->off < r->len && is_ws((unsigned char)r->data[c->off])) advance(r, c, c->off + 1);
}

/* Offset of the first byte that is not well-formed UTF-8, or GV_RD_NONE. */
static size_t utf8_bad(const char *str, size_t len) {
  size_t at = gv_utf8_check(str, len);
  return at == len ? GV_RD_NONE : at;
}

/* What stands at `off`, for "unexpected …" messages. */
static void describe(const gv_rd_reader *r, size_t off, char *buf, size_t n) {
  const unsigned char *s = (const unsigned char *)r->data;
  if (off >= r->limit) {
    snprintf(buf, n, "end of the %s", r->jsonl ? "line" : "input");
    return;
  }
  unsigned char b = s[off];
  if (b == 0xEF && r->limit - off >= 3 && s[off + 1] == 0xBB && s[off + 2] == 0xBF) {
    snprintf(buf, n, "byte-order mark (U+FEFF)");
  } else if (b < 0x20 || b == 0x7F) {
    snprintf(buf, n, "control character U+%04X", (unsigned)b);
  } else if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || is_digit(b) || b == '-' || b == '+' || b == '.') {
    size_t k = off;
    while (k < r->limit && k - off < 24 &&
           ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') || is_digit(s[k]) || s[k] == '-' ||
            s[k] == '+' || s[k] == '.' || s[k] == '_'))
      k++;
    snprintf(buf, n, "'%.*s'", (int)(k - off), (const char *)s + off);
  } else if (b < 0x80) {
    snprintf(buf, n, "'%c'", (char)b);
  } else {
    size_t k = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    if (r->limit - off >= k && utf8_bad((const char *)s + off, k) == GV_RD_NONE)
      snprintf(buf, n, "'%.*s'", (int)k, (const char *)s + off);
    else
      snprintf(buf, n, "byte 0x%02X", (unsigned)b);
  }
}

/* --- diagnostics --------------------------------------------------------- */

static void path_print(gv_buf *b, const gv_rd_seg *s) {
  if (s == NULL) return;
  path_print(b, s->up);
  if (s->up == NULL && s->key == NULL) {
    gv_buf_printf(b, "records[%zu]", s->index);
  } else if (s->key) {
    if (s->up) gv_buf_putc(b, '.');
    gv_buf_puts(b, s->key);
  } else {
    gv_buf_printf(b, "[%zu]", s->index);
  }
}

static int oom(gv_rd_reader *r) {
  gv_diag_oom(r->d, r->src);
  if (r->status == 0) r->status = GOVOPEN_ENOMEM;
  return GV_RD_FATAL;
}

GV_PRINTF(6, 0)
static void verr(gv_rd_reader *r, int code, const gv_rd_cur *at, const gv_rd_seg *path, const char *id, const char *fmt,
                 va_list ap) {
  gv_buf p = {0};
  path_print(&p, path);
  if (gv_buf_status(&p) != GOVOPEN_OK) {
    gv_buf_free(&p);
    oom(r);
    return;
  }
  gv_diag_vadd(r->d, GOVOPEN_SEVERITY_ERROR, code, r->src, at ? at->line : 0, at ? at->col : 0, gv_buf_str(&p), id, fmt,
               ap);
  gv_buf_free(&p);
  if (r->status == 0) r->status = code;
}

/* Records an error and returns `ret`. */
GV_PRINTF(7, 8)
static int err(gv_rd_reader *r, int ret, int code, const gv_rd_cur *at, const gv_rd_seg *path, const char *id,
               const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  verr(r, code, at, path, id, fmt, ap);
  va_end(ap);
  return ret;
}

/* A syntax error: in a JSON document it ends the read, and says so. */
GV_PRINTF(5, 6)
static int syntax(gv_rd_reader *r, const gv_rd_cur *at, const gv_rd_seg *path, const char *id, const char *fmt, ...) {
  gv_buf m = {0};
  va_list ap;
  va_start(ap, fmt);
  gv_buf_vprintf(&m, fmt, ap);
  va_end(ap);
  if (gv_buf_status(&m) != GOVOPEN_OK) {
    gv_buf_free(&m);
    return oom(r);
  }
  err(r, GV_RD_SYNTAX, GOVOPEN_EPARSE, at, path, id, "malformed JSON: %s%s", gv_buf_str(&m),
      r->jsonl ? "" : GV_RD_STOPPED);
  gv_buf_free(&m);
  return GV_RD_SYNTAX;
}

static int unexpected(gv_rd_reader *r, const gv_rd_cur *at, const gv_rd_seg *path) {
  char what[64];
  describe(r, at->off, what, sizeof what);
  return syntax(r, at, path, "json.unexpected", "unexpected %s", what);
}

/* --- the light scan ------------------------------------------------------ */

typedef struct scan {
  size_t end;       /* where the value ends: `to`, or a ',' ']' '}' outside it */
  size_t nodes;     /* values and keys seen */
  size_t depth_end; /* brackets left open at `end` */
  size_t deep_off;  /* the first bracket beyond the depth budget, or GV_RD_NONE */
  size_t nodes_off; /* the first node beyond the node budget, or GV_RD_NONE (the scan stops there) */
  size_t keys_off;  /* the opening quote of the first key beyond the key budget, or GV_RD_NONE */
  size_t open_str;  /* an unterminated string's opening quote, or GV_RD_NONE */
} scan;

/* A light pass over one JSON value starting at `from`. It trusts nothing and
   judges nothing: cJSON and the strict walk decide what is valid. With
   `stop`, the value ends at the first ',', ']' or '}' outside it. A string
   followed by ':' is a key: in valid JSON they are exactly the objects' keys,
   at every depth, and the first beyond `key_budget` is noted. */
static void prescan(const char *data, size_t from, size_t to, int stop, size_t depth_budget, size_t node_budget,
                    size_t key_budget, scan *sc) {
  size_t depth = 0, nodes = 0, keys = 0, i = from;
  int run = 0;
  sc->deep_off = sc->nodes_off = sc->keys_off = sc->open_str = GV_RD_NONE;
  for (; i < to; i++) {
    unsigned char b = (unsigned char)data[i];
    int token = 0;
    if (b == '"') {
      token = 1, run = 0;
    } else if (b == '[' || b == '{') {
      token = 1, run = 0;
      if (++depth > depth_budget && sc->deep_off == GV_RD_NONE) sc->deep_off = i;
    } else if (b == ']' || b == '}') {
      run = 0;
      if (depth > 0)
        depth--;
      else if (stop)
        break;
    } else if (b == ',') {
      run = 0;
      if (depth == 0 && stop) break;
    } else if (b == ':' || is_ws(b)) {
      run = 0;
    } else {
      token = !run, run = 1; /* a number or a literal, one node however long */
    }
    if (token && ++nodes > node_budget) {
      sc->nodes_off = i;
      break;
    }
    if (b == '"') {
      size_t start = i++;
      while (i < to && data[i] != '"') i += data[i] == '\\' ? 2 : 1;
      if (i >= to) {
        sc->open_str = start;
        i = to;
        break;
      }
      if (sc->keys_off == GV_RD_NONE && key_budget != GV_RD_NONE) {
        size_t j = i + 1;
        while (j < to && is_ws((unsigned char)data[j])) j++;
        if (j < to && data[j] == ':' && ++keys > key_budget) sc->keys_off = start;
      }
    }
  }
  sc->end = i;
  sc->nodes = nodes;
  sc->depth_end = depth;
}

static size_t depth_budget(const gv_rd_reader *r, size_t base) {
  return r->lim.y.max_depth > base ? r->lim.y.max_depth - base : 0;
}

static size_t node_budget(const gv_rd_reader *r) {
  return r->lim.y.max_nodes > r->held ? r->lim.y.max_nodes - r->held : 0;
}

/* The offset after the string whose quote is at `from`, or GV_RD_NONE. */
static size_t string_end(const char *s, size_t from, size_t to) {
  size_t i = from + 1;
  while (i < to && s[i] != '"') i += s[i] == '\\' ? 2 : 1;
  return i < to ? i + 1 : GV_RD_NONE;
}

/* Whether the object at `i` has the top-level key "observations", written
   plainly. Lenient: anything odd answers no, and the strict reading reports it. */
static int has_observations_key(const char *s, size_t i, size_t len) {
  i++;
  for (;;) {
    while (i < len && is_ws((unsigned char)s[i])) i++;
    if (i >= len || s[i] != '"') return 0;
    size_t e = string_end(s, i, len);
    if (e == GV_RD_NONE) return 0;
    if (e - i == 14 && memcmp(s + i, "\"observations\"", 14) == 0) return 1;
    i = e;
    while (i < len && is_ws((unsigned char)s[i])) i++;
    if (i >= len || s[i] != ':') return 0;
    i++;
    scan sc;
    prescan(s, i, len, 1, GV_RD_NONE, GV_RD_NONE, GV_RD_NONE, &sc);
    i = sc.end;
    if (i >= len || s[i] != ',') return 0;
    i++;
  }
}

/* --- numbers ------------------------------------------------------------- */

/* Integral values below 2^53 print as integers; others with the fewest
   significant digits that read back to the same double. snprintf and strtod
   follow the same locale, so the round trip holds in any; the decimal point
   the locale put in is then written as '.'. */
static gv_ytype format_number(double x, char *buf, size_t n) {
  if (x > -9007199254740992.0 && x < 9007199254740992.0 && (double)(int64_t)x == x) {
    snprintf(buf, n, "%" PRId64, (int64_t)x);
    return GV_YT_INT;
  }
  /* A normal double's shortest text has 15 digits or fewer exactly when %.15g
     reads back (DBL_DIG), and %g drops trailing zeros; subnormals, with fewer
     digits of precision, are searched from 1. */
  char tmp[48];
  int p = x > -DBL_MIN && x < DBL_MIN ? 1 : 15;
  for (; p <= 17; p++) {
    snprintf(tmp, sizeof tmp, "%.*g", p, x);
    if (strtod(tmp, NULL) == x) break;
  }
  size_t j = 0;
  int in_point = 0;
  for (size_t i = 0; tmp[i] && j + 1 < n; i++) {
    char ch = tmp[i];
    if (is_digit((unsigned char)ch) || ch == 'e' || ch == '-' || ch == '+') {
      buf[j++] = ch;
      in_point = 0;
    } else if (!in_point) {
      buf[j++] = '.';
      in_point = 1;
    }
  }
  buf[j] = '\0';
  return GV_YT_FLOAT;
}

/* --- the strict walk ----------------------------------------------------- */

typedef struct walker {
  gv_rd_reader *r;
  gv_rd_cur c;
  size_t end;
  gv_arena *a;
  /* The first reason to reject the record. The walk goes on after it to the
     end of the value, because a syntax error further on takes precedence. */
  int pend_code;
  gv_rd_cur pend_at;
  gv_buf pend_msg, pend_path;
  const char *pend_id;
} walker;

GV_PRINTF(6, 7)
static void pend(walker *w, int code, const gv_rd_cur *at, const gv_rd_seg *path, const char *id, const char *fmt,
                 ...) {
  if (w->pend_code) return;
  w->pend_id = id;
  va_list ap;
  va_start(ap, fmt);
  gv_buf_vprintf(&w->pend_msg, fmt, ap);
  va_end(ap);
  path_print(&w->pend_path, path);
  w->pend_code = code;
  w->pend_at = *at;
}

static int w_peek(const walker *w) { return w->c.off < w->end ? (unsigned char)w->r->data[w->c.off] : -1; }

static void w_skip_ws(walker *w) {
  while (w->c.off < w->end && is_ws((unsigned char)w->r->data[w->c.off])) advance(w->r, &w->c, w->c.off + 1);
}

static int w_unexpected(walker *w, const gv_rd_seg *path) { return unexpected(w->r, &w->c, path); }

static int w_expect(walker *w, char ch, const gv_rd_seg *path) {
  w_skip_ws(w);
  if (w_peek(w) != (unsigned char)ch) return w_unexpected(w, path);
  w->c.off++;
  w->c.col = inc(w->c.col);
  return GV_RD_OK;
}

static long hex4(const unsigned char *s, size_t i, size_t n);

/* A string at the cursor's '"'; cJSON has checked its escapes but for the
   digits of \u, which it reads as 0 when they are none. */
static int w_string(walker *w, const gv_rd_seg *path) {
  const unsigned char *s = (const unsigned char *)w->r->data;
  w->c.off++;
  w->c.col = inc(w->c.col);
  for (;;) {
    if (w->c.off >= w->end) return w_unexpected(w, path);
    unsigned char b = s[w->c.off];
    if (b == '"') {
      w->c.off++;
      w->c.col = inc(w->c.col);
      return GV_RD_OK;
    }
    if (b < 0x20)
      return syntax(w->r, &w->c, path, "json.control_character",
                    "a control character (U+%04X) in a string must be escaped", (unsigned)b);
    if (b == '\\') {
      size_t n = w->c.off + 1 < w->end && s[w->c.off + 1] == 'u' ? 6 : 2;
      if (w->end - w->c.off < n) return w_unexpected(w, path);
      if (n == 6 && hex4(s, w->c.off + 2, w->end) < 0) {
        /* cJSON reads a bad digit as 0 and cuts the string there */
        size_t k = 2;
        while (k < 6 && s[w->c.off + k] >= 0x20 && s[w->c.off + k] < 0x7F) k++;
        return syntax(w->r, &w->c, path, "json.escape_invalid", "invalid escape sequence '%.*s'", (int)k,
                      (const char *)s + w->c.off);
      }
      if (n == 6 && memcmp(s + w->c.off + 2, "0000", 4) == 0)
        pend(w, GOVOPEN_ESCHEMA, &w->c, path, "json.nul_escape",
             "a string holds \\u0000 (the NUL character), which is not allowed");
      w->c.off += n;
      w->c.col = (unsigned)(w->c.col + n < UINT_MAX ? w->c.col + n : UINT_MAX);
      continue;
    }
    if ((b & 0xC0) != 0x80) w->c.col = inc(w->c.col);
    w->c.off++;
  }
}

static int num_char(unsigned char b) { return is_digit(b) || b == '.' || b == 'e' || b == 'E' || b == '+' || b == '-'; }

/* A number at the cursor, to RFC 8259's grammar; cJSON (strtod) accepts more. */
static int w_number(walker *w, const cJSON *item, const gv_rd_seg *path, gv_ynode *n) {
  const unsigned char *s = (const unsigned char *)w->r->data;
  size_t st = w->c.off, i = st, e = w->end;
  if (i < e && s[i] == '-') i++;
  if (i < e && s[i] == '0') {
    i++;
  } else if (i < e && is_digit(s[i])) {
    while (i < e && is_digit(s[i])) i++;
  } else {
    goto bad;
  }
  if (i < e && s[i] == '.') {
    if (++i >= e || !is_digit(s[i])) goto bad;
    while (i < e && is_digit(s[i])) i++;
  }
  if (i < e && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < e && (s[i] == '+' || s[i] == '-')) i++;
    if (i >= e || !is_digit(s[i])) goto bad;
    while (i < e && is_digit(s[i])) i++;
  }
  if (i < e && num_char(s[i])) goto bad;
  double x = item->valuedouble;
  if (!isfinite(x))
    pend(w, GOVOPEN_ERANGE, &w->c, path, "json.number_range", "the number %.*s%s is beyond the range of a double",
         (int)(i - st > 40 ? 40 : i - st), (const char *)s + st, i - st > 40 ? "..." : "");
  char text[48];
  n->kind = GV_YSCALAR;
  n->type = format_number(isfinite(x) ? x : 0.0, text, sizeof text);
  n->text = gv_arena_strdup(w->a, text);
  if (n->text == NULL) return oom(w->r);
  n->len = strlen(text);
  w->c.off = i;
  w->c.col = (unsigned)(w->c.col + (i - st) < UINT_MAX ? w->c.col + (i - st) : UINT_MAX);
  return GV_RD_OK;
bad:
  if (i == st) return w_unexpected(w, path);
  while (i < e && num_char(s[i])) i++;
  return syntax(w->r, &w->c, path, "json.number_invalid", "the number '%.*s' is not valid JSON", (int)(i - st),
                (const char *)s + st);
}

static int w_literal(walker *w, const char *lit, gv_ytype type, const gv_rd_seg *path, gv_ynode *n) {
  size_t len = strlen(lit);
  if (w->end - w->c.off < len || memcmp(w->r->data + w->c.off, lit, len) != 0) return w_unexpected(w, path);
  n->kind = GV_YSCALAR;
  n->type = type;
  n->text = lit;
  n->len = len;
  w->c.off += len;
  w->c.col = (unsigned)(w->c.col + len < UINT_MAX ? w->c.col + len : UINT_MAX);
  return GV_RD_OK;
}

static int walk(walker *w, const cJSON *item, const gv_rd_seg *path, gv_ynode **out);

static int w_array(walker *w, const cJSON *item, const gv_rd_seg *path, gv_ynode *n) {
  int rc = w_expect(w, '[', path);
  if (rc) return rc;
  n->kind = GV_YSEQ;
  size_t count = 0;
  for (const cJSON *c = item->child; c; c = c->next) count++;
  if (count && (n->items = gv_arena_array(w->a, count, sizeof *n->items)) == NULL) return oom(w->r);
  size_t i = 0;
  for (const cJSON *c = item->child; c; c = c->next, i++) {
    if (i && (rc = w_expect(w, ',', path)) != 0) return rc;
    gv_rd_seg s = {path, NULL, i};
    if ((rc = walk(w, c, &s, &n->items[i])) != 0) return rc;
    n->weight += n->items[i]->weight;
  }
  n->count = count;
  return w_expect(w, ']', path);
}

/* cJSON keeps every duplicate key; the first pair found is reported, at the
   second occurrence, naming the first. */
static int check_duplicates(walker *w, const gv_ynode *m, const gv_rd_seg *path) {
  if (m->count < 2 || w->pend_code) return GV_RD_OK;
  const gv_ynode *first = NULL, *dup = NULL;
  if (m->count <= 16) {
    for (size_t i = 1; i < m->count && !dup; i++)
      for (size_t j = 0; j < i; j++) {
        const gv_ynode *a = gv_ymap_key(m, j), *b = gv_ymap_key(m, i);
        if (a->len == b->len && memcmp(a->text, b->text, a->len) == 0) {
          first = a, dup = b;
          break;
        }
      }
  } else {
    gv_hmap seen = {0};
    for (size_t i = 0; i < m->count && !dup; i++) {
      const gv_ynode *k = gv_ymap_key(m, i);
      void *old = NULL;
      int put = gv_hmap_put(&seen, k->text, k->len, (void *)(uintptr_t)k, &old);
      if (put < 0) {
        gv_hmap_free(&seen);
        return oom(w->r);
      }
      if (put == 0) first = old, dup = k;
    }
    gv_hmap_free(&seen);
  }
  if (dup) {
    gv_rd_cur at = {0, dup->line, dup->col};
    gv_rd_seg s = {path, dup->text, 0};
    pend(w, GOVOPEN_EPARSE, &at, &s, "document.key_repeated", "duplicate key '%s' (first at line %u, column %u)",
         dup->text, first->line, first->col);
  }
  return GV_RD_OK;
}

static int w_object(walker *w, const cJSON *item, const gv_rd_seg *path, gv_ynode *n) {
  int rc = w_expect(w, '{', path);
  if (rc) return rc;
  n->kind = GV_YMAP;
  size_t count = 0;
  for (const cJSON *c = item->child; c; c = c->next) count++;
  if (count && (n->items = gv_arena_array(w->a, 2 * count, sizeof *n->items)) == NULL) return oom(w->r);
  size_t i = 0;
  for (const cJSON *c = item->child; c; c = c->next, i++) {
    if (i && (rc = w_expect(w, ',', path)) != 0) return rc;
    w_skip_ws(w);
    if (w_peek(w) != '"' || c->string == NULL) return w_unexpected(w, path);
    gv_ynode *k = gv_arena_alloc(w->a, sizeof *k);
    if (k == NULL) return oom(w->r);
    k->kind = GV_YSCALAR;
    k->type = GV_YT_STR;
    k->style = GV_STYLE_DOUBLE;
    k->line = w->c.line;
    k->col = w->c.col;
    k->weight = 1;
    k->len = strlen(c->string);
    if ((k->text = gv_arena_strndup(w->a, c->string, k->len)) == NULL) return oom(w->r);
    gv_rd_seg s = {path, k->text, 0};
    if ((rc = w_string(w, &s)) != 0 || (rc = w_expect(w, ':', &s)) != 0) return rc;
    n->items[2 * i] = k;
    if ((rc = walk(w, c, &s, &n->items[2 * i + 1])) != 0) return rc;
    n->weight += 1 + n->items[2 * i + 1]->weight;
  }
  n->count = count;
  if ((rc = w_expect(w, '}', path)) != 0) return rc;
  return check_duplicates(w, n, path);
}

static int walk(walker *w, const cJSON *item, const gv_rd_seg *path, gv_ynode **out) {
  w_skip_ws(w);
  gv_ynode *n = gv_arena_alloc(w->a, sizeof *n);
  if (n == NULL) return oom(w->r);
  *out = n;
  n->line = w->c.line;
  n->col = w->c.col;
  n->weight = 1;
  switch (item->type & 0xFF) {
    case cJSON_False: return w_literal(w, "false", GV_YT_BOOL, path, n);
    case cJSON_True: return w_literal(w, "true", GV_YT_BOOL, path, n);
    case cJSON_NULL: return w_literal(w, "null", GV_YT_NULL, path, n);
    case cJSON_Number: return w_number(w, item, path, n);
    case cJSON_String: {
      if (w_peek(w) != '"' || item->valuestring == NULL) return w_unexpected(w, path);
      n->kind = GV_YSCALAR;
      n->type = GV_YT_STR;
      n->style = GV_STYLE_DOUBLE;
      n->len = strlen(item->valuestring);
      if ((n->text = gv_arena_strndup(w->a, item->valuestring, n->len)) == NULL) return oom(w->r);
      return w_string(w, path);
    }
    case cJSON_Array: return w_array(w, item, path, n);
    case cJSON_Object: return w_object(w, item, path, n);
    default: return w_unexpected(w, path);
  }
}

/* --- one JSON value ------------------------------------------------------ */

static const char *json_describe(const gv_ynode *n) {
  if (n->kind == GV_YMAP) return "an object";
  if (n->kind == GV_YSEQ) return "an array";
  switch (n->type) {
    case GV_YT_NULL: return "null";
    case GV_YT_BOOL: return "a boolean";
    case GV_YT_STR: return "a string";
    default: return "a number";
  }
}

/* Whether cJSON failed for want of more text. cJSON 1.7.15 reports the last
   byte both when that byte is wrong and when the text runs out; given two
   more spaces it reports the last of them only in the second case. Only on
   the error path. -1 when memory ran out (a second parse stopping elsewhere
   tells cJSON's failed allocation from the syntax error). */
static int needs_more(const char *s, size_t n) {
  char *copy = malloc(n + 3);
  if (copy == NULL) return -1;
  if (n) memcpy(copy, s, n);
  memcpy(copy + n, "  ", 3);
  const char *end = NULL, *end2 = NULL;
  cJSON *j = cJSON_ParseWithLengthOpts(copy, n + 2, &end, 0);
  int more = j == NULL && end == copy + n + 1;
  if (j == NULL) {
    j = cJSON_ParseWithLengthOpts(copy, n + 2, &end2, 0);
    if (j != NULL || end2 != end) more = -1;
  }
  cJSON_Delete(j);
  free(copy);
  return more;
}

/* The innermost bracket still open at `p` when scanning from `from`: '{',
   '[' or 0; -1 when memory ran out. */
static int innermost_open(const char *s, size_t from, size_t p) {
  gv_buf open = {0};
  for (size_t i = from; i < p; i++) {
    if (s[i] == '"') {
      i++;
      while (i < p && s[i] != '"') i += s[i] == '\\' ? 2 : 1;
    } else if (s[i] == '{' || s[i] == '[') {
      gv_buf_putc(&open, s[i]);
    } else if ((s[i] == '}' || s[i] == ']') && open.len) {
      gv_buf_truncate(&open, open.len - 1);
    }
  }
  int top = gv_buf_status(&open) != GOVOPEN_OK ? -1 : open.len ? open.data[open.len - 1] : 0;
  gv_buf_free(&open);
  return top;
}

/* Where cJSON stopped, made into a message. Its position is corrected in
   three cases: an unterminated string (reported after its quote: the scan
   knows the quote), the end of the text (reported at the last byte), and a
   missing key (reported one byte after the culprit). */
static int cjson_error(gv_rd_reader *r, const gv_rd_cur *start, size_t to, const char *endp, const scan *sc,
                       const gv_rd_seg *path) {
  const char *s = r->data;
  size_t from = start->off, off = from;
  if (endp && endp >= s + from && endp <= s + to) off = (size_t)(endp - s);
  if (sc->open_str != GV_RD_NONE && off >= sc->open_str) {
    gv_rd_cur at = cur_at(r, start, sc->open_str);
    return syntax(r, &at, path, "json.string_unterminated", "a string is not terminated");
  }
  /* cJSON takes control characters for white space, and in strings for text */
  int in_str = 0;
  for (size_t i = from; i <= off && i < to; i++) {
    unsigned char b = (unsigned char)s[i];
    if (b < 0x20 && !(is_ws(b) && !in_str)) {
      gv_rd_cur at = cur_at(r, start, i);
      if (in_str)
        return syntax(r, &at, path, "json.control_character",
                      "a control character (U+%04X) in a string must be escaped", (unsigned)b);
      return unexpected(r, &at, path);
    }
    if (in_str && b == '\\')
      i++;
    else if (b == '"')
      in_str = !in_str;
  }
  size_t rest = off < to ? off + 1 : to;
  while (rest < to && is_ws((unsigned char)s[rest])) rest++;
  int more = rest == to ? needs_more(s + from, to - from) : 0;
  if (more < 0) return oom(r);
  if (more) {
    gv_rd_cur at = cur_at(r, start, to);
    char what[64];
    describe(r, to, what, sizeof what);
    return syntax(r, &at, path, "json.unexpected_token", "unexpected %s%s", what,
                  sc->depth_end > 0 ? " (an array or object is not closed)" : "");
  }
  /* one byte after a missing key, or at it when it is the last */
  for (size_t p = off > from ? off - 1 : off; p <= off && p < to; p++) {
    if (s[p] == '"' || is_ws((unsigned char)s[p])) continue;
    size_t q = p;
    while (q > from && is_ws((unsigned char)s[q - 1])) q--;
    int top = q > from && (s[q - 1] == '{' || s[q - 1] == ',') ? innermost_open(s, from, p) : 0;
    if (top < 0) return oom(r);
    if (top == '{') {
      gv_rd_cur at = cur_at(r, start, p);
      char what[64];
      describe(r, p, what, sizeof what);
      return syntax(r, &at, path, "json.key_expected", "expected a key, found %s", what);
    }
  }
  while (off < to && is_ws((unsigned char)s[off])) off++;
  gv_rd_cur at = cur_at(r, start, off);
  if (off + 1 < to && s[off] == '\\') {
    unsigned char e = (unsigned char)s[off + 1];
    if (e < 0x20)
      return syntax(r, &at, path, "json.escape_control",
                    "invalid escape sequence: '\\' before control character U+%04X", (unsigned)e);
    size_t n = e == 'u' ? 6 : e < 0x80 ? 2 : e >= 0xF0 ? 5 : e >= 0xE0 ? 4 : 3;
    if (n > to - off) n = to - off;
    return syntax(r, &at, path, "json.escape_invalid", "invalid escape sequence '%.*s'", (int)n, s + off);
  }
  return unexpected(r, &at, path);
}

/* Four hex digits at s[i..], or -1. */
static long hex4(const unsigned char *s, size_t i, size_t n) {
  if (n < 4 || i > n - 4) return -1;
  long v = 0;
  for (size_t k = i; k < i + 4; k++) {
    unsigned char b = s[k];
    int d = is_digit(b) ? b - '0' : (b | 0x20) >= 'a' && (b | 0x20) <= 'f' ? (b | 0x20) - 'a' + 10 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/* A string at s[i] (its quote) in the syntax both RFC 8259 and cJSON accept;
   the offset after it, or GV_RD_NONE. */
static size_t must_string(const unsigned char *s, size_t i, size_t n) {
  for (i++; i < n; i++) {
    unsigned char b = s[i];
    if (b == '"') return i + 1;
    if (b < 0x20) return GV_RD_NONE;
    if (b != '\\') continue;
    if (++i >= n) return GV_RD_NONE;
    if (strchr("\"\\/bfnrt", s[i]) != NULL && s[i] != '\0') continue;
    if (s[i] != 'u') return GV_RD_NONE;
    long cp = hex4(s, i + 1, n);
    if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) return GV_RD_NONE;
    i += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF) { /* cJSON wants the low half right after */
      long lo = i + 2 < n && s[i + 1] == '\\' && s[i + 2] == 'u' ? hex4(s, i + 3, n) : -1;
      if (lo < 0xDC00 || lo > 0xDFFF) return GV_RD_NONE;
      i += 6;
    }
  }
  return GV_RD_NONE;
}

/* A number at s[i] (RFC 8259, at most 63 characters as cJSON copies them);
   the offset after it, or GV_RD_NONE. */
static size_t must_number(const unsigned char *s, size_t i, size_t n) {
  size_t from = i;
  if (i < n && s[i] == '-') i++;
  if (i < n && s[i] == '0') {
    i++;
  } else {
    if (i >= n || !is_digit(s[i])) return GV_RD_NONE;
    while (i < n && is_digit(s[i])) i++;
  }
  if (i < n && s[i] == '.') {
    if (++i >= n || !is_digit(s[i])) return GV_RD_NONE;
    while (i < n && is_digit(s[i])) i++;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    if (i >= n || !is_digit(s[i])) return GV_RD_NONE;
    while (i < n && is_digit(s[i])) i++;
  }
  return i - from <= 63 ? i : GV_RD_NONE;
}

/* Whether cJSON must parse the value at str[0..n): strict RFC 8259 syntax
   that cJSON 1.7.15 accepts too (numbers of at most 63 characters, paired
   surrogate escapes, 512 levels at most). When it says yes, a NULL from
   cJSON was a failed allocation, not a syntax error. Allocates nothing. */
static int cjson_must_parse(const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  char open[512];
  size_t depth = 0, i = 0;
  for (;;) {
    /* a value */
    while (i < n && is_ws(s[i])) i++;
    if (i >= n) return 0;
    unsigned char b = s[i];
    if (b == '{' || b == '[') {
      if (depth == sizeof open) return 0;
      open[depth++] = (char)b;
      i++;
      while (i < n && is_ws(s[i])) i++;
      if (i < n && s[i] == (b == '{' ? '}' : ']')) {
        depth--;
        i++;
      } else if (b == '{') {
        if (i >= n || s[i] != '"' || (i = must_string(s, i, n)) == GV_RD_NONE) return 0;
        while (i < n && is_ws(s[i])) i++;
        if (i >= n || s[i++] != ':') return 0;
        continue;
      } else {
        continue;
      }
    } else if (b == '"') {
      if ((i = must_string(s, i, n)) == GV_RD_NONE) return 0;
    } else if (b == 't' || b == 'f' || b == 'n') {
      const char *lit = b == 't' ? "true" : b == 'f' ? "false" : "null";
      size_t len = strlen(lit);
      if (n - i < len || memcmp(s + i, lit, len) != 0) return 0;
      i += len;
    } else if ((i = must_number(s, i, n)) == GV_RD_NONE) {
      return 0;
    }
    /* after a value: close brackets, or a comma and the next value */
    for (;;) {
      if (depth == 0) return 1; /* cJSON ignores what follows (the strict walk does not) */
      while (i < n && is_ws(s[i])) i++;
      if (i >= n) return 0;
      b = s[i++];
      if (b == (open[depth - 1] == '{' ? '}' : ']')) {
        depth--;
        continue;
      }
      if (b != ',') return 0;
      if (open[depth - 1] == '{') {
        while (i < n && is_ws(s[i])) i++;
        if (i >= n || s[i] != '"' || (i = must_string(s, i, n)) == GV_RD_NONE) return 0;
        while (i < n && is_ws(s[i])) i++;
        if (i >= n || s[i++] != ':') return 0;
      }
      break;
    }
  }
}

/* Parses the JSON value at c (its first character) up to `to` into `a`;
   `sc` is its scan. Leaves c at `to`. */
static int json_value_at(gv_rd_reader *r, const gv_rd_cur *c, size_t to, const scan *sc, const gv_rd_seg *path,
                         gv_arena *a, gv_ynode **out) {
  const unsigned char *s = (const unsigned char *)r->data;
  if (sc->nodes_off != GV_RD_NONE) {
    gv_rd_cur at = cur_at(r, c, sc->nodes_off);
    return err(r, GV_RD_FATAL, GOVOPEN_ELIMIT, &at, path, "limit.record_nodes",
               "the number of nodes exceeds the limit of %zu (GOVOPEN_OPT_MAX_NODES)" GV_RD_STOPPED,
               r->lim.y.max_nodes);
  }
  size_t bad = utf8_bad(r->data + c->off, to - c->off);
  if (bad != GV_RD_NONE) {
    gv_rd_cur at = cur_at(r, c, c->off + bad);
    return err(r, GV_RD_REJECT, GOVOPEN_EPARSE, &at, path, "json.utf8_invalid", "invalid UTF-8 (byte 0x%02X)",
               (unsigned)s[c->off + bad]);
  }
  if (sc->deep_off != GV_RD_NONE) {
    gv_rd_cur at = cur_at(r, c, sc->deep_off);
    return err(r, GV_RD_REJECT, GOVOPEN_ELIMIT, &at, path, "limit.record_depth",
               "the nesting depth exceeds the limit of %zu (GOVOPEN_OPT_MAX_DEPTH)", r->lim.y.max_depth);
  }
  if (sc->keys_off != GV_RD_NONE) {
    gv_rd_cur at = cur_at(r, c, sc->keys_off);
    return err(r, GV_RD_REJECT, GOVOPEN_ELIMIT, &at, path, "limit.record_keys", GV_RD_KEYS_OVER, r->lim.max_keys);
  }
  const char *endp = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts(r->data + c->off, to - c->off, &endp, 0);
  if (root == NULL) {
    /* cJSON says NULL for a syntax error and for a failed allocation alike:
       text it must parse, or a second parse stopping elsewhere, means memory */
    if (cjson_must_parse(r->data + c->off, to - c->off)) return oom(r);
    const char *endp2 = NULL;
    cJSON *again = cJSON_ParseWithLengthOpts(r->data + c->off, to - c->off, &endp2, 0);
    if (again != NULL || endp2 != endp) {
      cJSON_Delete(again);
      return oom(r);
    }
    return cjson_error(r, c, to, endp, sc, path);
  }
  walker w = {r, *c, to, a, 0, {0, 0, 0}, {0}, {0}, NULL};
  int rc = walk(&w, root, path, out);
  cJSON_Delete(root);
  if (rc == GV_RD_OK) {
    w_skip_ws(&w);
    if (w.c.off < to) rc = w_unexpected(&w, path);
  }
  if (rc == GV_RD_OK && w.pend_code) {
    if (gv_buf_status(&w.pend_msg) != GOVOPEN_OK || gv_buf_status(&w.pend_path) != GOVOPEN_OK) {
      rc = oom(r);
    } else {
      gv_diag_add(r->d, GOVOPEN_SEVERITY_ERROR, w.pend_code, r->src, w.pend_at.line, w.pend_at.col,
                  gv_buf_str(&w.pend_path), w.pend_id, "%s", gv_buf_str(&w.pend_msg));
      if (r->status == 0) r->status = w.pend_code;
      rc = GV_RD_REJECT;
    }
  }
  gv_buf_free(&w.pend_msg);
  gv_buf_free(&w.pend_path);
  return rc;
}

static int json_value(gv_rd_reader *r, gv_rd_cur *c, size_t to, const scan *sc, const gv_rd_seg *path, gv_arena *a,
                      gv_ynode **out) {
  *out = NULL;
  int rc = json_value_at(r, c, to, sc, path, a, out);
  advance(r, c, to);
  return rc;
}

/* --- the fast path ------------------------------------------------------- */

/* One pass over a record's text that checks what cJSON, the strict walk and
   the checks after them check, and builds the nodes as they build them:
   the same kinds, types, texts, positions and weights. It accepts only what
   it is sure of; an error of any kind, a \u0000, a number longer than cJSON
   reads, nesting beyond FAST_DEPTH, too many nodes, a duplicate key — or an
   allocation failing — give up (FAST_NO), and the record is read again the
   careful way, which says what is wrong. The careful way costs a scan, cJSON
   with an allocation per node, a walk and a position count per byte; this
   costs one pass. */

#define FAST_DEPTH 128
enum { FAST_OK = 0, FAST_NO = 1 };

typedef struct fast {
  gv_rd_reader *r;
  const unsigned char *s;
  size_t i, end;
  unsigned line, col;
  gv_arena *a;
  size_t nodes, node_budget, depth, depth_budget;
  size_t keys; /* keys read in the record, at every depth: beyond lim.max_keys, the careful way says so */
} fast;

static int f_value(fast *f, gv_ynode **out);

/* White space, counted as advance() counts it. */
static void f_ws(fast *f) {
  const unsigned char *s = f->s;
  while (f->i < f->end) {
    unsigned char b = s[f->i];
    if (b == ' ' || b == '\t') {
      f->col = inc(f->col);
    } else if (b == '\n' || (b == '\r' && !(f->i + 1 < f->r->len && s[f->i + 1] == '\n'))) {
      f->line = inc(f->line);
      f->col = 1;
    } else if (b != '\r') {
      return;
    }
    f->i++;
  }
}

static gv_ynode *f_node(fast *f, gv_ykind kind) {
  if (++f->nodes > f->node_budget) return NULL;
  gv_ynode *n = gv_arena_alloc(f->a, sizeof *n);
  if (n == NULL) return NULL;
  n->kind = kind;
  n->line = f->line;
  n->col = f->col;
  n->weight = 1;
  return n;
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Whether a word holds a '"', a '\\' or a byte below 0x20: the classic
   has-zero-byte tests, exact as to whether there is one. */
static int str_stop(uint64_t w) {
  uint64_t q = w ^ (ONES * '"'), b = w ^ (ONES * '\\');
  return ((((q - ONES) & ~q) | ((b - ONES) & ~b) | ((w - ONES * 0x20) & ~w)) & HIGHS) != 0;
}

/* The characters in a word: its bytes but UTF-8 continuation bytes. */
static unsigned word_chars(uint64_t w) {
  uint64_t cont = w & ~(w << 1) & HIGHS;
  /* one bit per continuation byte, at the byte's top: moved to the bottom
     and summed by one multiplication (no popcount instruction is assumed) */
  return 8u - (unsigned)(((cont >> 7) * ONES) >> 56);
}

/* The string at f->i (its quote) as a new GV_YT_STR node, its text decoded
   as cJSON decodes it (escapes to UTF-8, surrogate pairs joined) and held
   in the same allocation. Its span is found a word at a time. */
static gv_ynode *f_string(fast *f) {
  const unsigned char *s = f->s;
  size_t st = f->i + 1, i = st, chars = 2;
  int esc = 0, high = 0;
  if (++f->nodes > f->node_budget) return NULL;
  for (;;) {
    while (f->end - i >= 8) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (str_stop(w)) break;
      if (w & HIGHS) high = 0x80;
      chars += word_chars(w);
      i += 8;
    }
    if (i >= f->end) return NULL;
    unsigned char b = s[i];
    if (b == '"') break;
    if (b < 0x20) return NULL;
    if (b == '\\') {
      if (i + 1 >= f->end) return NULL;
      esc = 1;
      i += 2, chars += 2;
      continue;
    }
    high |= b;
    chars += (b & 0xC0) != 0x80;
    i++;
  }
  size_t raw = i - st;
  if ((high & 0x80) && gv_utf8_check((const char *)s + st, raw) != raw) return NULL;
  gv_ynode *n = gv_arena_alloc(f->a, sizeof *n + raw + 1);
  if (n == NULL) return NULL;
  char *out = (char *)(n + 1);
  size_t o = 0;
  if (!esc) {
    memcpy(out, s + st, raw);
    o = raw;
  } else {
    for (size_t k = st; k < i;) {
      if (s[k] != '\\') {
        out[o++] = (char)s[k++];
        continue;
      }
      unsigned char e = s[k + 1];
      const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t", *p = e ? strchr(from, e) : NULL;
      if (p) {
        out[o++] = to[p - from];
        k += 2;
        continue;
      }
      if (e != 'u') return NULL;
      long cp = hex4(s, k + 2, i);
      if (cp <= 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) return NULL; /* \u0000: the careful way reports it */
      k += 6;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        long lo = k + 1 < i && s[k] == '\\' && s[k + 1] == 'u' ? hex4(s, k + 2, i) : -1;
        if (lo < 0xDC00 || lo > 0xDFFF) return NULL;
        cp = 0x10000 + (((cp & 0x3FF) << 10) | (lo & 0x3FF));
        k += 6;
      }
      if (cp < 0x80) {
        out[o++] = (char)cp;
      } else if (cp < 0x800) {
        out[o++] = (char)(0xC0 | (cp >> 6));
        out[o++] = (char)(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        out[o++] = (char)(0xE0 | (cp >> 12));
        out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[o++] = (char)(0x80 | (cp & 0x3F));
      } else {
        out[o++] = (char)(0xF0 | (cp >> 18));
        out[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[o++] = (char)(0x80 | (cp & 0x3F));
      }
    }
  }
  out[o] = '\0';
  n->kind = GV_YSCALAR;
  n->type = GV_YT_STR;
  n->style = GV_STYLE_DOUBLE;
  n->line = f->line;
  n->col = f->col;
  n->weight = 1;
  n->text = out;
  n->len = o;
  f->i = i + 1;
  f->col = chars > UINT_MAX - f->col ? UINT_MAX : f->col + (unsigned)chars;
  return n;
}

/* Pushes a node on r->kids (inline: once per node). */
static int f_push(fast *f, gv_ynode *n) {
  gv_vec *k = &f->r->kids;
  if (k->len < k->cap) {
    k->items[k->len++] = n;
    return 0;
  }
  return gv_vec_push(k, n);
}

/* A number, to RFC 8259's grammar, with the value cJSON gives it: strtod of
   its text with the locale's decimal point. An integer of at most 15 digits
   is that value exactly, and prints as its own text. */
static int f_number(fast *f, gv_ynode *n) {
  const unsigned char *s = f->s;
  size_t st = f->i, i = st, e = f->end, digits = 0;
  int integral = 1;
  if (i < e && s[i] == '-') i++;
  if (i < e && s[i] == '0') {
    i++, digits++;
  } else if (i < e && is_digit(s[i])) {
    while (i < e && is_digit(s[i])) i++, digits++;
  } else {
    return FAST_NO;
  }
  if (i < e && s[i] == '.') {
    integral = 0;
    if (++i >= e || !is_digit(s[i])) return FAST_NO;
    while (i < e && is_digit(s[i])) i++;
  }
  if (i < e && (s[i] == 'e' || s[i] == 'E')) {
    integral = 0;
    i++;
    if (i < e && (s[i] == '+' || s[i] == '-')) i++;
    if (i >= e || !is_digit(s[i])) return FAST_NO;
    while (i < e && is_digit(s[i])) i++;
  }
  size_t len = i - st;
  if ((i < e && num_char(s[i])) || len > 63) return FAST_NO;
  n->kind = GV_YSCALAR;
  if (integral && digits <= 15) {
    n->type = GV_YT_INT;
    if (len == 2 && s[st] == '-' && s[st + 1] == '0') st++, len--; /* -0 is 0 */
    n->text = gv_arena_strndup(f->a, (const char *)s + st, len);
  } else {
    char num[64], text[48];
    const struct lconv *lc = localeconv();
    char point = lc && lc->decimal_point && lc->decimal_point[0] ? lc->decimal_point[0] : '.';
    for (size_t k = 0; k < len; k++) num[k] = s[f->i + k] == '.' ? point : (char)s[f->i + k];
    num[len] = '\0';
    char *stop = NULL;
    double x = strtod(num, &stop);
    if (stop != num + len || !isfinite(x)) return FAST_NO;
    n->type = format_number(x, text, sizeof text);
    n->text = gv_arena_strdup(f->a, text);
  }
  if (n->text == NULL) return FAST_NO;
  n->len = strlen(n->text);
  len = i - f->i;
  f->i = i;
  f->col = len > UINT_MAX - f->col ? UINT_MAX : f->col + (unsigned)len;
  return FAST_OK;
}

static int f_literal(fast *f, const char *lit, gv_ytype type, gv_ynode *n) {
  size_t len = strlen(lit);
  if (f->end - f->i < len || memcmp(f->s + f->i, lit, len) != 0) return FAST_NO;
  if (f->i + len < f->end && num_char(f->s[f->i + len])) return FAST_NO;
  n->kind = GV_YSCALAR;
  n->type = type;
  n->text = lit;
  n->len = len;
  f->i += len;
  f->col = f->col + (unsigned)len < f->col ? UINT_MAX : f->col + (unsigned)len;
  return FAST_OK;
}

/* The nodes pushed on r->kids since `base` become the container's items. */
static int f_close(fast *f, gv_ynode *n, size_t base) {
  gv_vec *k = &f->r->kids;
  size_t items = k->len - base;
  if (items) {
    n->items = gv_arena_array(f->a, items, sizeof *n->items);
    if (n->items == NULL) return FAST_NO;
    memcpy(n->items, k->items + base, items * sizeof *n->items);
    for (size_t i = 0; i < items; i++) n->weight += n->items[i]->weight;
  }
  n->count = n->kind == GV_YMAP ? items / 2 : items;
  k->len = base;
  f->i++;
  f->col = inc(f->col);
  return FAST_OK;
}

/* Whether a mapping has two equal keys (check_duplicates' test). */
static int f_duplicates(const gv_ynode *m) {
  if (m->count < 2) return 0;
  if (m->count <= 16) {
    for (size_t i = 1; i < m->count; i++)
      for (size_t j = 0; j < i; j++) {
        const gv_ynode *a = gv_ymap_key(m, j), *b = gv_ymap_key(m, i);
        if (a->len == b->len && memcmp(a->text, b->text, a->len) == 0) return 1;
      }
    return 0;
  }
  gv_hmap seen = {0};
  int dup = 0;
  for (size_t i = 0; i < m->count && !dup; i++) {
    const gv_ynode *k = gv_ymap_key(m, i);
    dup = gv_hmap_put(&seen, k->text, k->len, (void *)(uintptr_t)k, NULL) != 1; /* or out of memory */
  }
  gv_hmap_free(&seen);
  return dup;
}

static int f_container(fast *f, gv_ynode *n) {
  int map = n->kind == GV_YMAP;
  unsigned char close = map ? '}' : ']';
  size_t base = f->r->kids.len;
  if (++f->depth > f->depth_budget || f->depth > FAST_DEPTH) return FAST_NO;
  f->i++;
  f->col = inc(f->col);
  f_ws(f);
  if (f->i < f->end && f->s[f->i] == close) {
    f->depth--;
    return f_close(f, n, base);
  }
  for (;;) {
    if (map) {
      if (f->i >= f->end || f->s[f->i] != '"' || ++f->keys > f->r->lim.max_keys) return FAST_NO;
      gv_ynode *k = f_string(f);
      if (k == NULL || f_push(f, k) != 0) return FAST_NO;
      f_ws(f);
      if (f->i >= f->end || f->s[f->i] != ':') return FAST_NO;
      f->i++;
      f->col = inc(f->col);
      f_ws(f);
    }
    gv_ynode *v;
    if (f_value(f, &v) != FAST_OK || f_push(f, v) != 0) return FAST_NO;
    f_ws(f);
    if (f->i >= f->end) return FAST_NO;
    unsigned char b = f->s[f->i];
    if (b == close) break;
    if (b != ',') return FAST_NO;
    f->i++;
    f->col = inc(f->col);
    f_ws(f);
  }
  f->depth--;
  if (f_close(f, n, base) != FAST_OK) return FAST_NO;
  return map && f_duplicates(n) ? FAST_NO : FAST_OK;
}

static int f_value(fast *f, gv_ynode **out) {
  if (f->i >= f->end) return FAST_NO;
  unsigned char b = f->s[f->i];
  if (b == '"') return (*out = f_string(f)) != NULL ? FAST_OK : FAST_NO;
  gv_ynode *n = f_node(f, b == '{' ? GV_YMAP : b == '[' ? GV_YSEQ : GV_YSCALAR);
  if (n == NULL) return FAST_NO;
  *out = n;
  switch (b) {
    case '{':
    case '[': return f_container(f, n);
    case 't': return f_literal(f, "true", GV_YT_BOOL, n);
    case 'f': return f_literal(f, "false", GV_YT_BOOL, n);
    case 'n': return f_literal(f, "null", GV_YT_NULL, n);
    default: return f_number(f, n);
  }
}

/* The record at c ('{' expected) up to `to`, `base` deep; on FAST_OK *c is
   at `to`, as json_value leaves it. */
static int fast_record(gv_rd_reader *r, gv_rd_cur *c, size_t to, size_t base, gv_ynode **out) {
  if (c->off >= to || r->data[c->off] != '{') return FAST_NO;
  fast f = {r, (const unsigned char *)r->data, c->off, to, c->line, c->col, r->arena, 0, node_budget(r),
            0, depth_budget(r, base),          0};
  size_t kids = r->kids.len;
  int rc = f_value(&f, out);
  if (rc == FAST_OK) {
    f_ws(&f);
    if (f.i != to) rc = FAST_NO;
  }
  if (rc != FAST_OK) {
    r->kids.len = kids;
    return FAST_NO;
  }
  *c = (gv_rd_cur){to, f.line, f.col};
  return FAST_OK;
}

/* --- records ------------------------------------------------------------- */

static int emit(gv_rd_reader *r, gv_ynode *n, unsigned line, unsigned col, size_t index) {
  gv_record rec = {n, line, col, index};
  if (r->fn) {
    r->count++;
    int rc = r->fn(&rec, r->payload);
    if (rc) {
      r->cb_status = rc;
      return GV_RD_FATAL;
    }
    return GV_RD_OK;
  }
  if (r->count == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 64;
    if (cap > SIZE_MAX / sizeof(gv_record)) return oom(r);
    gv_record *items = realloc(r->out->items, cap * sizeof *items);
    if (items == NULL) return oom(r);
    r->out->items = items;
    r->cap = cap;
  }
  r->out->items[r->count++] = rec;
  r->out->count = r->count;
  r->held += n->weight;
  return GV_RD_OK;
}

/* Counts the next record, refusing one beyond the limit. */
static int next_index(gv_rd_reader *r, const gv_rd_cur *at, size_t *index) {
  *index = r->seen++;
  if (*index < r->lim.max_records) return GV_RD_OK;
  r->rejected++;
  gv_rd_seg root = {NULL, NULL, *index};
  return err(
      r, GV_RD_FATAL, GOVOPEN_ELIMIT, at, &root, "limit.records",
      "more than %zu records: the limit on observation records (GOVOPEN_EVAL_MAX_OBSERVATIONS) is reached" GV_RD_STOPPED,
      r->lim.max_records);
}

/* One JSON record at c, ending at `to`, nested `base` deep in its document.
   Leaves c at `to`, except in JSON Lines, whose reader moves on by itself. */
static int json_record(gv_rd_reader *r, gv_rd_cur *c, size_t to, size_t base) {
  gv_rd_cur start = *c;
  size_t index;
  if (next_index(r, &start, &index)) return GV_RD_FATAL;
  r->open_line = start.line;
  r->open_col = start.col;
  gv_ynode *n;
  int rc;
  if (!r->lim.no_fast_path && fast_record(r, c, to, base, &n) == FAST_OK) {
    rc = emit(r, n, start.line, start.col, index);
  } else {
    gv_rd_seg root = {NULL, NULL, index};
    scan sc;
    prescan(r->data, c->off, to, 0, depth_budget(r, base), node_budget(r), r->lim.max_keys, &sc);
    rc = r->jsonl ? json_value_at(r, c, to, &sc, &root, r->arena, &n) : json_value(r, c, to, &sc, &root, r->arena, &n);
    if (rc == GV_RD_OK && n->kind != GV_YMAP)
      rc = err(r, GV_RD_REJECT, GOVOPEN_ESCHEMA, &start, &root, "json.record_type",
               "a record must be an object, found %s", json_describe(n));
    if (rc == GV_RD_OK)
      rc = emit(r, n, start.line, start.col, index);
    else if (r->cb_status == 0)
      r->rejected++;
  }
  if (r->fn) gv_arena_reset(&r->scratch);
  /* read or rejected (a JSON Lines syntax error rejects its line): no longer open */
  if (rc == GV_RD_OK || rc == GV_RD_REJECT || (r->jsonl && rc == GV_RD_SYNTAX)) r->open_line = r->open_col = 0;
  return rc;
}

/* A JSON Lines line longer than line_max: rejected unread. `at` is its
   first character that is not a space or a tab. */
static int long_line(gv_rd_reader *r, const gv_rd_cur *at) {
  size_t index;
  if (next_index(r, at, &index)) return GV_RD_FATAL;
  gv_rd_seg root = {NULL, NULL, index};
  if (r->cb_status == 0) r->rejected++;
  return err(r, GV_RD_REJECT, GOVOPEN_ELIMIT, at, &root, "limit.line_too_long",
             "the line is longer than the limit of %zu bytes (GOVOPEN_OPT_MAX_SIZE): not read", r->line_max);
}

/* The end of the line from `from`: its LF or CR, or r->len. The next CR is
   remembered, so that input without CRs is searched once for them. */
static size_t line_end(gv_rd_reader *r, size_t from) {
  const char *s = r->data;
  if (r->cr_next == GV_RD_NONE || r->cr_next < from) {
    const char *cr = memchr(s + from, '\r', r->len - from);
    r->cr_next = cr ? (size_t)(cr - s) : r->len;
  }
  const char *lf = memchr(s + from, '\n', r->cr_next - from);
  return lf ? (size_t)(lf - s) : r->cr_next;
}

/* One line, c at its start and `le` at its end: a record unless blank. */
static int jsonl_line(gv_rd_reader *r, const gv_rd_cur *c, size_t le) {
  const char *s = r->data;
  size_t i = c->off;
  while (i < le && (s[i] == ' ' || s[i] == '\t')) i++;
  if (i == le) return GV_RD_OK;
  size_t skipped = i - c->off;
  gv_rd_cur at = {i, c->line, skipped > UINT_MAX - c->col ? UINT_MAX : c->col + (unsigned)skipped};
  if (r->line_max && le - c->off > r->line_max) return long_line(r, &at);
  r->limit = le;
  return json_record(r, &at, le, 0);
}

/* The lines of r->data from c (at a line start) to r->len. With `more`,
   input follows r->len: a last line without its end, or ending in a CR
   that may be the first half of a CR LF, is left for later (c stays at its
   start). GV_RD_FATAL when reading must end. */
static int jsonl_lines(gv_rd_reader *r, gv_rd_cur *c, int more) {
  const char *s = r->data;
  while (c->off < r->len) {
    size_t le = line_end(r, c->off), next;
    if (le == r->len) {
      if (more) return GV_RD_OK;
      next = le;
    } else if (s[le] == '\r') {
      if (le + 1 == r->len && more) return GV_RD_OK;
      next = le + (le + 1 < r->len && s[le + 1] == '\n' ? 2 : 1);
    } else {
      next = le + 1;
    }
    if (jsonl_line(r, c, le) == GV_RD_FATAL) return GV_RD_FATAL;
    if (next > le) {
      c->line = inc(c->line);
      c->col = 1;
    }
    c->off = next;
  }
  return GV_RD_OK;
}

static void read_jsonl(gv_rd_reader *r, gv_rd_cur *c) {
  r->cr_next = GV_RD_NONE;
  jsonl_lines(r, c, 0);
}

/* The elements of the array at c ('['), each a record `base` deep. */
static int read_array(gv_rd_reader *r, gv_rd_cur *c, size_t base) {
  gv_rd_cur open = *c;
  char what[64];
  advance(r, c, c->off + 1);
  skip_ws(r, c);
  if (c->off < r->len && r->data[c->off] == ']') {
    advance(r, c, c->off + 1);
    return GV_RD_OK;
  }
  for (;;) {
    skip_ws(r, c);
    if (c->off >= r->len) break;
    unsigned char b = (unsigned char)r->data[c->off];
    if (b == ',' || b == ']' || b == '}') {
      describe(r, c->off, what, sizeof what);
      syntax(r, c, NULL, "json.record_expected", "expected a record, found %s", what);
      return GV_RD_FATAL;
    }
    scan sc;
    prescan(r->data, c->off, r->len, 1, GV_RD_NONE, GV_RD_NONE, GV_RD_NONE, &sc);
    int rc = json_record(r, c, sc.end, base);
    if (rc == GV_RD_SYNTAX || rc == GV_RD_FATAL) return GV_RD_FATAL;
    if (c->off >= r->len) break;
    b = (unsigned char)r->data[c->off];
    if (b != ',' && b != ']') {
      unexpected(r, c, NULL);
      return GV_RD_FATAL;
    }
    advance(r, c, c->off + 1);
    if (b == ']') return GV_RD_OK;
  }
  syntax(r, c, NULL, "json.array_unclosed",
         "unexpected end of the input (the array at line %u, column %u is not closed)", open.line, open.col);
  return GV_RD_FATAL;
}

/* A JSON value that is no record (a top-level key's, a scalar document),
   read only to be checked and described. */
static int json_other(gv_rd_reader *r, gv_rd_cur *c, size_t base, int stop, const gv_rd_seg *path, gv_arena *tmp,
                      gv_ynode **out) {
  scan sc;
  prescan(r->data, c->off, r->len, stop, depth_budget(r, base), GV_RD_NONE, GV_RD_NONE, &sc);
  return json_value(r, c, sc.end, &sc, path, tmp, out);
}

/* What a JSON value starting with `b` is, for messages about values not parsed. */
static const char *json_kind(unsigned char b) {
  switch (b) {
    case '{': return "an object";
    case '[': return "an array";
    case '"': return "a string";
    case 't':
    case 'f': return "a boolean";
    case 'n': return "null";
    default: return b == '-' || is_digit(b) ? "a number" : "no JSON value";
  }
}

/* The value of a top-level key of { "observations": [ … ] }, at c. `first`
   is where "observations" was seen first (line 0: not yet). */
static int wrapper_value(gv_rd_reader *r, gv_rd_cur *c, const gv_rd_cur *kat, const char *key, int is_obs,
                         gv_rd_cur *first) {
  gv_rd_seg s = {NULL, key, 0};
  if (is_obs && first->line)
    return err(r, GV_RD_FATAL, GOVOPEN_EPARSE, kat, &s, "json.observations_repeated",
               "duplicate key 'observations' (first at line %u, column %u)" GV_RD_STOPPED, first->line, first->col);
  if (is_obs) {
    *first = *kat;
    unsigned char b = c->off < r->len ? (unsigned char)r->data[c->off] : 0;
    if (b == '[') return read_array(r, c, 2);
    return err(r, GV_RD_FATAL, GOVOPEN_ESCHEMA, c, &s, "json.observations_type",
               "'observations' must be an array of records, found %s" GV_RD_STOPPED,
               c->off < r->len ? json_kind(b) : "nothing");
  }
  gv_arena tmp = {0};
  gv_ynode *value = NULL;
  int rc = json_other(r, c, 1, 1, &s, &tmp, &value);
  gv_arena_free(&tmp);
  if (rc == GV_RD_SYNTAX || rc == GV_RD_FATAL) return rc;
  return err(r, GV_RD_OK, GOVOPEN_ESCHEMA, kat, &s, "json.top_key_unknown",
             "unknown top-level key '%s': beside \"observations\" a document holds nothing", key);
}

/* { "observations": [ … ] }: any other key is an error, reported. */
static int read_wrapper(gv_rd_reader *r, gv_rd_cur *c) {
  gv_rd_cur open = *c, first = {0, 0, 0};
  char what[64];
  advance(r, c, c->off + 1);
  for (;;) {
    skip_ws(r, c);
    if (c->off >= r->len) break;
    gv_rd_cur kat = *c;
    size_t kend = r->data[c->off] == '"' ? string_end(r->data, c->off, r->len) : GV_RD_NONE;
    if (kend == GV_RD_NONE) {
      describe(r, c->off, what, sizeof what);
      if (r->data[c->off] == '"')
        syntax(r, c, NULL, "json.string_unterminated", "a string is not terminated");
      else
        syntax(r, c, NULL, "json.key_expected", "expected a key, found %s", what);
      return GV_RD_FATAL;
    }
    int is_obs = kend - c->off == 14 && memcmp(r->data + c->off, "\"observations\"", 14) == 0;
    gv_arena tmp = {0};
    gv_ynode *key = NULL;
    scan ksc;
    prescan(r->data, c->off, kend, 0, GV_RD_NONE, GV_RD_NONE, GV_RD_NONE, &ksc);
    int rc = json_value(r, c, kend, &ksc, NULL, &tmp, &key);
    if (rc == GV_RD_OK) {
      skip_ws(r, c);
      if (c->off >= r->len || r->data[c->off] != ':') {
        describe(r, c->off, what, sizeof what);
        rc = syntax(r, c, NULL, "json.colon_expected", "expected ':' after a key, found %s", what);
      } else {
        advance(r, c, c->off + 1);
        skip_ws(r, c);
        rc = wrapper_value(r, c, &kat, key->text, is_obs, &first);
      }
    }
    gv_arena_free(&tmp);
    if (rc != GV_RD_OK) return GV_RD_FATAL;
    skip_ws(r, c);
    if (c->off >= r->len) break;
    unsigned char b = (unsigned char)r->data[c->off];
    if (b != '}' && b != ',') {
      unexpected(r, c, NULL);
      return GV_RD_FATAL;
    }
    advance(r, c, c->off + 1);
    if (b == '}') return GV_RD_OK;
  }
  syntax(r, c, NULL, "json.object_unclosed",
         "unexpected end of the input (the object at line %u, column %u is not closed)", open.line, open.col);
  return GV_RD_FATAL;
}

static void read_json(gv_rd_reader *r, gv_rd_cur *c) {
  skip_ws(r, c);
  if (c->off >= r->len) {
    err(r, GV_RD_FATAL, GOVOPEN_EPARSE, c, NULL, "json.document_empty",
        "the document is empty: expected an array of records or an object");
    return;
  }
  unsigned char b = (unsigned char)r->data[c->off];
  int rc;
  if (b == '[') {
    rc = read_array(r, c, 1);
  } else if (b == '{' && has_observations_key(r->data, c->off, r->len)) {
    rc = read_wrapper(r, c);
  } else if (b == '{') {
    json_record(r, c, r->len, 0); /* checks what follows it too */
    return;
  } else {
    gv_rd_cur at = *c;
    gv_arena tmp = {0};
    gv_ynode *n = NULL;
    if (json_other(r, c, 0, 0, NULL, &tmp, &n) == GV_RD_OK)
      err(r, GV_RD_FATAL, GOVOPEN_ESCHEMA, &at, NULL, "json.top_type",
          "the top level must be an array of records or an object, found %s", json_describe(n));
    gv_arena_free(&tmp);
    return;
  }
  if (rc != GV_RD_OK) return;
  skip_ws(r, c);
  if (c->off < r->len) {
    char what[64];
    describe(r, c->off, what, sizeof what);
    syntax(r, c, NULL, "json.trailing", "unexpected %s after the end of the document", what);
  }
}

/* --- YAML ---------------------------------------------------------------- */

/* Mapping keys become strings, as JSON's are (`1: x` has the key "1"). A
   shared key node is replaced by a copy, never changed in place. */
static int yaml_keys_to_str(gv_rd_reader *r, gv_arena *a, gv_ynode *n) {
  if (n->kind == GV_YSCALAR) return GV_RD_OK;
  size_t items = n->kind == GV_YMAP ? 2 * n->count : n->count;
  for (size_t i = 0; i < items; i++) {
    gv_ynode *c = n->items[i];
    if (n->kind == GV_YMAP && i % 2 == 0) {
      if (c->type != GV_YT_STR) {
        gv_ynode *k = gv_arena_alloc(a, sizeof *k);
        if (k == NULL) return oom(r);
        *k = *c;
        k->type = GV_YT_STR;
        n->items[i] = k;
      }
    } else if (yaml_keys_to_str(r, a, c) != GV_RD_OK) {
      return GV_RD_FATAL;
    }
  }
  return GV_RD_OK;
}

/* The message ends in GV_RD_STOPPED, as first recorded. */
static int ends_stopped_text(const char *message) {
  size_t n = strlen(message), add = strlen(GV_RD_STOPPED);
  return n >= add && strcmp(message + n - add, GV_RD_STOPPED) == 0;
}

static int ends_stopped(const govopen_error *e) { return ends_stopped_text(e->message); }

#define STOPPED_HEAD " (reading stopped here"

/* Reading stopped after it: GV_RD_STOPPED, or what note_rest made of it. */
static int says_stopped_text(const char *message) {
  size_t n = strlen(message);
  return ends_stopped_text(message) ||
         (n && message[n - 1] == ')' && strstr(message, STOPPED_HEAD ": the rest") != NULL);
}

static int says_stopped(const govopen_error *e) { return says_stopped_text(e->message); }

/* Says, in the first diagnostic of this read after which it stopped, from
   where the input was not read: the start of the record being read, or the
   diagnostic's own place between records. */
static void note_rest(gv_rd_reader *r) {
  govopen_error *e = r->mark ? r->mark->next : r->d->head;
  while (e && !says_stopped(e)) e = e->next;
  if (e == NULL && r->d->last && says_stopped(r->d->last)) e = r->d->last; /* past the cap: counted only */
  if (e == NULL || !ends_stopped(e)) return;
  unsigned line = e->line, col = e->column;
  if (r->open_line && (line == 0 || r->open_line < line || (r->open_line == line && r->open_col < col)))
    line = r->open_line, col = r->open_col;
  gv_buf m = {0};
  gv_buf_append(&m, e->message, strlen(e->message) - strlen(GV_RD_STOPPED));
  if (line)
    gv_buf_printf(&m, STOPPED_HEAD ": the rest of the input, from line %u, column %u, to its end, was not read)", line,
                  col);
  else
    gv_buf_puts(&m, STOPPED_HEAD ": the rest of the input was not read)");
  char *text = gv_buf_status(&m) != GOVOPEN_OK ? NULL : malloc(m.len + 1);
  if (text) memcpy(text, gv_buf_str(&m), m.len + 1);
  gv_buf_free(&m);
  if (text == NULL) {
    gv_diags_fail(r->d); /* the message stays as it was */
    return;
  }
  free(e->message);
  e->message = text;
}

/* Adds to each message gv_yaml_parse recorded after `before` that reading stopped. */
static void note_stopped(gv_diags *d, govopen_error *before, size_t dropped_before) {
  /* the parser's own message past the cap on diagnostics: counted only, it is
     the latest (d->last), and it is what says that reading stopped */
  if (d->dropped_errors + d->dropped_warnings > dropped_before && d->last && !says_stopped(d->last)) {
    size_t n = strlen(d->last->message), add = strlen(GV_RD_STOPPED);
    char *m = realloc(d->last->message, n + add + 1);
    if (m == NULL) {
      gv_diags_fail(d);
    } else {
      memcpy(m + n, GV_RD_STOPPED, add + 1);
      d->last->message = m;
    }
  }
  for (govopen_error *e = before ? before->next : d->head; e; e = e->next) {
    if (says_stopped(e)) continue; /* an input error, worded so already */
    size_t n = strlen(e->message), add = strlen(GV_RD_STOPPED);
    char *m = realloc(e->message, n + add + 1);
    if (m == NULL) {
      gv_diags_fail(d); /* the message stays whole, without the note */
      continue;
    }
    memcpy(m + n, GV_RD_STOPPED, add + 1);
    e->message = m;
  }
}

/* The key beyond lim.max_keys in the mapping `n`, keys counted at every
   depth in document order (an alias's keys each time it is used), into
   *over (NULL when there is none). A walk with a stack of its own, as deep as
   the input: GV_RD_OK, or GV_RD_FATAL when memory ran out. */
typedef struct kframe {
  const gv_ynode *n;
  size_t next;
} kframe;

static int yaml_key_over(gv_rd_reader *r, const gv_ynode *n, const gv_ynode **over) {
  *over = NULL;
  if (n->weight <= r->lim.max_keys) return GV_RD_OK; /* fewer nodes than the limit: fewer keys */
  size_t keys = 0, top = 1, cap = 16;
  kframe *st = malloc(cap * sizeof *st);
  if (st == NULL) return oom(r);
  st[0] = (kframe){n, 0};
  while (top && *over == NULL) {
    kframe *f = &st[top - 1];
    int map = f->n->kind == GV_YMAP;
    size_t items = map ? 2 * f->n->count : f->n->count;
    if (f->next == items) {
      top--;
      continue;
    }
    size_t i = f->next++;
    const gv_ynode *c = f->n->items[i];
    if (map && i % 2 == 0 && ++keys > r->lim.max_keys) {
      *over = c;
    } else if (c->kind != GV_YSCALAR) {
      if (top == cap) {
        kframe *more = cap <= SIZE_MAX / (2 * sizeof *st) ? realloc(st, 2 * cap * sizeof *st) : NULL;
        if (more == NULL) {
          free(st);
          return oom(r);
        }
        st = more;
        cap *= 2;
      }
      st[top++] = (kframe){c, 0};
    }
  }
  free(st);
  return GV_RD_OK;
}

/* A YAML record. Streamed, its keys are strings already (`a` NULL). */
static int yaml_record(gv_rd_reader *r, gv_arena *a, gv_ynode *n) {
  gv_rd_cur at = {0, n->line, n->col};
  size_t index;
  if (next_index(r, &at, &index)) return GV_RD_FATAL;
  gv_rd_seg root = {NULL, NULL, index};
  if (n->kind != GV_YMAP) {
    r->rejected++;
    return err(r, GV_RD_REJECT, GOVOPEN_ESCHEMA, &at, &root, "observation.yaml_record_type",
               "a record must be a mapping, found %s", gv_ynode_describe(n));
  }
  const gv_ynode *over;
  if (yaml_key_over(r, n, &over) != GV_RD_OK) return GV_RD_FATAL;
  if (over) {
    r->rejected++;
    gv_rd_cur kat = {0, over->line, over->col};
    return err(r, GV_RD_REJECT, GOVOPEN_ELIMIT, &kat, &root, "limit.record_keys", GV_RD_KEYS_OVER, r->lim.max_keys);
  }
  if (a && yaml_keys_to_str(r, a, n) != GV_RD_OK) return GV_RD_FATAL;
  return emit(r, n, n->line, n->col, index);
}

/* gv_yaml_stream's questions: the top-level sequence's items are records,
   and so are those of the first `observations` sequence of a top-level
   mapping. */
static int yaml_want(void *ctx, size_t depth, const gv_ynode *parent, const gv_ynode *key) {
  gv_rd_reader *r = ctx;
  if (depth == 0) return 1;
  if (depth != 1 || parent->kind != GV_YMAP || r->yaml_obs || key == NULL || key->len != 12 ||
      memcmp(key->text, "observations", 12) != 0)
    return 0;
  return r->yaml_obs = 1;
}

/* The value gv_yaml_stream returns when a record ended the read (a limit,
   the callback, memory), its diagnostic recorded already. */
#define YAML_STOP 1

static int yaml_item(void *ctx, gv_ynode *item) {
  gv_rd_reader *r = ctx;
  int rc = yaml_record(r, NULL, item);
  r->yaml_mark = r->d->tail; /* what the records said is no parser's message */
  return rc == GV_RD_FATAL ? YAML_STOP : 0;
}

static int in_read(gv_rd_reader *r, gv_rd_input *in, char *buf, size_t n, size_t *got);

/* A streamed file's bytes: first those read for detection, then the rest. */
static int yaml_input(void *ctx, char *buf, size_t size, size_t *got) {
  gv_rd_reader *r = ctx;
  if (r->pre_off < r->pre_len) {
    size_t n = r->pre_len - r->pre_off < size ? r->pre_len - r->pre_off : size;
    memcpy(buf, r->pre + r->pre_off, n);
    r->pre_off += n;
    *got = n;
    return 0;
  }
  return in_read(r, r->in, buf, size, got) ? GOVOPEN_EIO : 0;
}

/* gv_records_read parses the whole document first; the foreach forms
   stream it (r->in: from a file). */
static void read_yaml(gv_rd_reader *r) {
  gv_ydoc doc = {{NULL}, NULL};
  int rc;
  r->yaml_mark = r->d->tail;
  r->yaml_mark_dropped = r->d->dropped_errors + r->d->dropped_warnings;
  if (r->out) {
    rc = gv_yaml_parse(&doc, r->data, r->len, r->src, &r->lim.y, r->d);
  } else {
    gv_ystream st = {NULL, yaml_want, yaml_item, r, 1, &r->open_line, &r->open_col};
    if (r->in) st.read = yaml_input;
    rc = gv_yaml_stream(&doc, r->data, r->len, r->src, &r->lim.y, &st, r->d);
  }
  if (rc == YAML_STOP) {
    gv_ydoc_free(&doc);
    return;
  }
  if (rc) {
    note_stopped(r->d, r->yaml_mark, r->yaml_mark_dropped);
    if (r->status == 0) r->status = rc;
    gv_ydoc_free(&doc);
    return;
  }
  gv_ynode *root = doc.root, *list = NULL;
  gv_rd_cur at = {0, root ? root->line : 1, root ? root->col : 1};
  if (root == NULL) {
    err(r, GV_RD_FATAL, GOVOPEN_ESCHEMA, &at, NULL, "observation.yaml_document_empty",
        "the document is empty: expected a list of records or a mapping");
  } else if (root->kind == GV_YSEQ) {
    list = root;
  } else if (root->kind == GV_YMAP) {
    const gv_ynode *obs = NULL;
    for (size_t i = 0; i < root->count; i++) {
      const gv_ynode *k = gv_ymap_key(root, i);
      if (k->len == 12 && memcmp(k->text, "observations", 12) == 0) obs = gv_ymap_value(root, i);
    }
    for (size_t i = 0; obs && i < root->count; i++) {
      const gv_ynode *k = gv_ymap_key(root, i);
      gv_rd_cur kat = {0, k->line, k->col};
      gv_rd_seg s = {NULL, k->text, 0};
      if (!(k->len == 12 && memcmp(k->text, "observations", 12) == 0))
        err(r, GV_RD_OK, GOVOPEN_ESCHEMA, &kat, &s, "observation.yaml_top_key_unknown",
            "unknown top-level key '%s': beside 'observations' a document holds nothing", k->text);
    }
    if (obs == NULL) {
      yaml_record(r, r->out ? &doc.arena : NULL, root);
    } else if (obs->kind != GV_YSEQ) {
      gv_rd_cur vat = {0, obs->line, obs->col};
      gv_rd_seg s = {NULL, "observations", 0};
      err(r, GV_RD_FATAL, GOVOPEN_ESCHEMA, &vat, &s, "observation.yaml_observations_type",
          "'observations' must be a list of records, found %s", gv_ynode_describe(obs));
    } else {
      list = (gv_ynode *)obs;
    }
  } else {
    err(r, GV_RD_FATAL, GOVOPEN_ESCHEMA, &at, NULL, "observation.yaml_top_type",
        "the top level must be a list of records or a mapping, found %s", gv_ynode_describe(root));
  }
  /* a streamed list was read already and holds nothing */
  for (size_t i = 0; list && i < list->count; i++)
    if (yaml_record(r, r->out ? &doc.arena : NULL, list->items[i]) == GV_RD_FATAL) break;
  if (r->out) {
    r->out->arena = doc.arena; /* the records' nodes live there */
  } else {
    gv_ydoc_free(&doc);
  }
}

/* --- detection and the entry points -------------------------------------- */

static int ext_is(const char *ext, const char *want) {
  for (; *ext && *want; ext++, want++) {
    char ch = *ext >= 'A' && *ext <= 'Z' ? (char)(*ext - 'A' + 'a') : *ext;
    if (ch != *want) return 0;
  }
  return *ext == '\0' && *want == '\0';
}

/* The format the name's extension gives, or GV_REC_AUTO. */
static int detect_by_name(const char *source) {
  const char *dot = source ? strrchr(source, '.') : NULL, *slash = source ? strrchr(source, '/') : NULL;
  if (dot == NULL || (slash && dot < slash)) return GV_REC_AUTO;
  dot++;
  if (ext_is(dot, "jsonl") || ext_is(dot, "ndjson")) return GV_REC_JSONL;
  if (ext_is(dot, "json")) return GV_REC_JSON;
  if (ext_is(dot, "yaml") || ext_is(dot, "yml")) return GV_REC_YAML;
  if (ext_is(dot, "csv")) return GV_REC_CSV;
  return GV_REC_AUTO;
}

int gv_records_detect(const char *data, size_t len, const char *source) {
  int named = detect_by_name(source);
  if (named != GV_REC_AUTO) return named;
  if (data == NULL) return GV_REC_JSONL;
  size_t i = gv_rec_has_bom(data, len) ? 3 : 0;
  while (i < len && is_ws((unsigned char)data[i])) i++;
  if (i >= len) return GV_REC_JSONL;
  if (data[i] == '[') return GV_REC_JSON;
  if (data[i] != '{') return GV_REC_YAML;
  size_t le = i;
  while (le < len && data[le] != '\n' && data[le] != '\r') le++;
  scan sc;
  prescan(data, i, le, 0, GV_RD_NONE, GV_RD_NONE, GV_RD_NONE, &sc);
  if (sc.depth_end != 0 || sc.open_str != GV_RD_NONE) return GV_REC_JSON;
  size_t k = le;
  while (k < len && is_ws((unsigned char)data[k])) k++;
  if (k >= len && has_observations_key(data, i, le)) return GV_REC_JSON;
  return GV_REC_JSONL;
}

/* --- file input ---------------------------------------------------------- */

#define BLOCK ((size_t)1 << 20)         /* JSON Lines read at a time (lim->block overrides) */
#define FIRST_BLOCK ((size_t)64 * 1024) /* read first, to detect the format */

static int fbuf_room(gv_rd_reader *r, gv_rd_fbuf *b, size_t more) {
  if (b->cap - b->len >= more) return 0;
  if (more > SIZE_MAX / 2 - b->len) return oom(r);
  size_t cap = b->cap ? b->cap : 4096;
  while (cap - b->len < more) cap *= 2;
  char *data = realloc(b->data, cap);
  if (data == NULL) return oom(r);
  b->data = data;
  b->cap = cap;
  return 0;
}

static int io_error(gv_rd_reader *r, int e) {
  if (r->src[0])
    return err(r, GV_RD_FATAL, GOVOPEN_EIO, NULL, NULL, "observation.read_failed", "cannot read '%s': %s" GV_RD_STOPPED,
               r->src, strerror(e));
  return err(r, GV_RD_FATAL, GOVOPEN_EIO, NULL, NULL, "observation.input_read_failed",
             "cannot read the input: %s" GV_RD_STOPPED, strerror(e));
}

/* Reads `n` bytes, fewer only at the end of the input. 0, or GV_RD_FATAL with
   the error recorded. */
static int in_read(gv_rd_reader *r, gv_rd_input *in, char *buf, size_t n, size_t *got) {
  *got = 0;
  while (*got < n && !in->eof) {
    size_t want = n - *got;
    ssize_t k;
    if (in->positional) {
      if (in->pos >= in->end) {
        in->eof = 1;
        break;
      }
      if (want > in->end - in->pos) want = (size_t)(in->end - in->pos);
      if (want > (size_t)SSIZE_MAX) want = (size_t)SSIZE_MAX;
      k = pread(in->fd, buf + *got, want, (off_t)in->pos);
    } else {
      if (want > (size_t)SSIZE_MAX) want = (size_t)SSIZE_MAX;
      k = read(in->fd, buf + *got, want);
    }
    if (k < 0) {
      if (errno == EINTR) continue;
      return io_error(r, errno);
    }
    if (k == 0) {
      in->eof = 1;
      break;
    }
    if (in->digest) gv_digest_update(in->digest, buf + *got, (size_t)k);
    *got += (size_t)k;
    in->pos += (uint64_t)k;
  }
  return 0;
}

/* Appends up to `n` bytes of the input to `b`. */
static int in_append(gv_rd_reader *r, gv_rd_input *in, gv_rd_fbuf *b, size_t n) {
  size_t got;
  if (fbuf_room(r, b, n) || in_read(r, in, b->data + b->len, n, &got)) return GV_RD_FATAL;
  b->len += got;
  return 0;
}

/* --- what csv_records.c shares (records_impl.h) ------------------------------ */

int gv_rec_error(gv_rd_reader *r, int ret, int code, const gv_rd_cur *at, const gv_rd_seg *path, const char *id,
                 const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  verr(r, code, at, path, id, fmt, ap);
  va_end(ap);
  return ret;
}

int gv_rec_oom(gv_rd_reader *r) { return oom(r); }
int gv_rec_next_index(gv_rd_reader *r, const gv_rd_cur *at, size_t *index) { return next_index(r, at, index); }
int gv_rec_emit(gv_rd_reader *r, gv_ynode *n, unsigned line, unsigned col, size_t index) {
  return emit(r, n, line, col, index);
}
int gv_rec_append(gv_rd_reader *r, gv_rd_input *in, gv_rd_fbuf *b, size_t n) { return in_append(r, in, b, n); }

/* Whether gv_records_detect would say of the whole input what it says of
   its first `len` bytes: the first character after a byte-order mark and
   white space is known and is no '{', or its line and the next character
   after it are. */
static int detect_settled(const char *s, size_t len) {
  size_t i = gv_rec_has_bom(s, len) ? 3 : 0;
  while (i < len && is_ws((unsigned char)s[i])) i++;
  if (i >= len) return 0;
  if (s[i] != '{') return 1;
  while (i < len && s[i] != '\n' && s[i] != '\r') i++;
  while (i < len && is_ws((unsigned char)s[i])) i++;
  return i < len;
}

/* The line at b->data[0] (c at it) has no end within line_max bytes: it is
   rejected unread and its rest passed over block by block, never held
   whole. On return b holds what follows its end, and c is there. */
static int skip_long_line(gv_rd_reader *r, gv_rd_input *in, gv_rd_fbuf *b, gv_rd_cur *c, size_t block) {
  size_t blanks = 0, i = 0;
  int content = 0, ended = 0;
  for (;;) {
    const char *s = b->data;
    for (; !content && i < b->len; i++) {
      if (s[i] == ' ' || s[i] == '\t')
        blanks++;
      else if (s[i] == '\n' || s[i] == '\r')
        break;
      else
        content = 1;
    }
    const char *lf = memchr(s, '\n', b->len), *cr = memchr(s, '\r', lf ? (size_t)(lf - s) : b->len);
    const char *end = cr ? cr : lf;
    if (end) {
      size_t next = (size_t)(end - s) + 1;
      if (*end == '\r' && next == b->len && !in->eof) {
        /* a CR last: the next byte tells whether it is a CR LF */
        b->len = 0;
        if (in_append(r, in, b, block)) return GV_RD_FATAL;
        next = b->len > 0 && b->data[0] == '\n' ? 1 : 0;
      } else if (*end == '\r' && next < b->len && s[next] == '\n') {
        next++;
      }
      memmove(b->data, b->data + next, b->len - next);
      b->len -= next;
      ended = 1;
      break;
    }
    if (in->eof) {
      b->len = 0;
      break;
    }
    b->len = 0, i = 0;
    if (in_append(r, in, b, block)) return GV_RD_FATAL;
  }
  if (content) {
    gv_rd_cur at = {0, c->line, blanks > UINT_MAX - 1 ? UINT_MAX : (unsigned)blanks + 1};
    if (long_line(r, &at) == GV_RD_FATAL) return GV_RD_FATAL;
  }
  if (ended) {
    c->line = inc(c->line);
    c->col = 1;
  }
  c->off = 0;
  return GV_RD_OK;
}

/* JSON Lines from `in`, `b` holding what was read of it already: read in
   blocks, the complete lines of each, the last partial line carried over
   to the next. Numbers go on from c as in one buffer. `at_start`: the
   input's first bytes are in b (a byte-order mark, UTF-16). */
static void read_jsonl_in(gv_rd_reader *r, gv_rd_input *in, gv_rd_fbuf *b, gv_rd_cur c, int at_start) {
  size_t block = r->lim.block ? r->lim.block : BLOCK;
  r->jsonl = 1;
  if (b->len < 3 && !in->eof && in_append(r, in, b, block < 3 ? 3 - b->len : block)) return;
  if (at_start) {
    if (gv_rec_is_utf16(b->data, b->len)) {
      err(r, GV_RD_FATAL, GOVOPEN_EPARSE, &c, NULL, "observation.utf16", "the input is UTF-16: save it as UTF-8");
      return;
    }
    if (gv_rec_has_bom(b->data, b->len)) c.off = 3;
  }
  for (;;) {
    r->data = b->data ? b->data : "";
    r->len = b->len;
    r->cr_next = GV_RD_NONE;
    if (jsonl_lines(r, &c, !in->eof) == GV_RD_FATAL || in->eof) return;
    size_t keep = b->len - c.off;
    memmove(b->data, b->data + c.off, keep);
    b->len = keep;
    c.off = 0;
    if (r->line_max && keep > r->line_max && b->data[keep - 1] != '\r') {
      if (skip_long_line(r, in, b, &c, block) == GV_RD_FATAL) return;
      if (b->len > 0 || !in->eof) continue;
      return;
    }
    if (in_append(r, in, b, block)) return;
  }
}

/* The rest of a JSON document, whole, up to MAX_SIZE; a larger one is
   measured without being held, for the message. */
static int read_whole(gv_rd_reader *r, gv_rd_input *in, gv_rd_fbuf *b) {
  size_t max = r->lim.y.max_size;
  while (!in->eof && b->len <= max) {
    size_t n = max - b->len + 1 < BLOCK ? max - b->len + 1 : BLOCK;
    if (in_append(r, in, b, n)) return GV_RD_FATAL;
  }
  if (b->len <= max) return GV_RD_OK;
  size_t total = b->len;
  b->len = 0;
  while (!in->eof) {
    size_t got;
    if (fbuf_room(r, b, BLOCK) || in_read(r, in, b->data, BLOCK, &got)) return GV_RD_FATAL;
    total = got > SIZE_MAX - total ? SIZE_MAX : total + got;
  }
  return err(r, GV_RD_FATAL, GOVOPEN_ELIMIT, NULL, NULL, "limit.input_size",
             "the input's size (%zu bytes) exceeds the limit of %zu (GOVOPEN_OPT_MAX_SIZE)", total, max);
}

/* --- parallel JSON Lines ------------------------------------------------- */

static int scan_read(int fd, char *buf, size_t n, uint64_t at, size_t *got) {
  *got = 0;
  while (*got < n) {
    size_t want = n - *got;
    if (want > (size_t)SSIZE_MAX) want = (size_t)SSIZE_MAX;
    ssize_t k = pread(fd, buf + *got, want, (off_t)(at + *got));
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) return GOVOPEN_EIO;
    if (k == 0) break;
    *got += (size_t)k;
  }
  return 0;
}

int gv_records_jsonl_scan(int fd, uint64_t from, uint64_t to, gv_jsonl_counts *out) {
  memset(out, 0, sizeof *out);
  if (to <= from) return 0;
  size_t cap = to - from < BLOCK ? (size_t)(to - from) : BLOCK;
  char *buf = malloc(cap);
  if (buf == NULL) return GOVOPEN_ENOMEM;
  int content = 0, cr_last = 0, status = 0;
  uint64_t pos = from;
  while (pos < to) {
    size_t n = to - pos < cap ? (size_t)(to - pos) : cap, got, i = 0;
    if ((status = scan_read(fd, buf, n, pos, &got)) != 0) break;
    if (got == 0) break; /* the file is shorter than `to` */
    if (pos == 0) {
      out->utf16 = gv_rec_is_utf16(buf, got);
      if ((out->bom = gv_rec_has_bom(buf, got)) != 0) i = 3;
    }
    if (cr_last) { /* the CR that ended the last block */
      if (buf[0] == '\n')
        i = 1;
      else
        out->lone_cr = 1;
      cr_last = 0;
    }
    const char *cr = memchr(buf + i, '\r', got - i);
    while (i < got) {
      if (cr && (size_t)(cr - buf) < i) cr = memchr(buf + i, '\r', got - i);
      size_t crat = cr ? (size_t)(cr - buf) : got;
      const char *lf = memchr(buf + i, '\n', crat - i);
      size_t le = lf ? (size_t)(lf - buf) : crat;
      for (size_t k = i; !content && k < le; k++) content = buf[k] != ' ' && buf[k] != '\t';
      if (le == got) break; /* the line goes on in the next block */
      out->lines++;
      out->records += (uint64_t)content;
      content = 0;
      i = le + 1;
      if (buf[le] == '\r' && i == got) {
        cr_last = 1; /* the next block tells */
      } else if (buf[le] == '\r' && buf[i] == '\n') {
        i++;
      } else if (buf[le] == '\r') {
        out->lone_cr = 1;
      }
    }
    pos += got;
    if (got < n) break;
  }
  if (status == 0 && cr_last) { /* a CR last: is a LF after `to`? */
    char next;
    size_t got;
    status = scan_read(fd, &next, 1, pos, &got);
    out->lone_cr |= got == 0 || next != '\n';
  }
  out->records += (uint64_t)content;
  free(buf);
  return status;
}

uint64_t gv_records_jsonl_split(int fd, uint64_t size, uint64_t approx) {
  char *buf = malloc(FIRST_BLOCK);
  uint64_t at = size;
  for (uint64_t pos = approx; buf && pos < size;) {
    size_t n = size - pos < FIRST_BLOCK ? (size_t)(size - pos) : FIRST_BLOCK, got;
    if (scan_read(fd, buf, n, pos, &got) != 0 || got == 0) break;
    const char *lf = memchr(buf, '\n', got);
    if (lf) {
      at = pos + (uint64_t)(lf - buf) + 1;
      break;
    }
    pos += got;
  }
  free(buf);
  return at;
}

static void run(gv_rd_reader *r, int format) {
  if (r->len > r->lim.y.max_size) {
    err(r, GV_RD_FATAL, GOVOPEN_ELIMIT, NULL, NULL, "limit.input_size",
        "the input's size (%zu bytes) exceeds the limit of %zu (GOVOPEN_OPT_MAX_SIZE)", r->len, r->lim.y.max_size);
    return;
  }
  if (format == GV_REC_AUTO) format = gv_records_detect(r->data, r->len, r->src);
  if (format == GV_REC_YAML) {
    read_yaml(r);
    return;
  }
  if (format == GV_REC_CSV) {
    gv_rec_read_csv(r, NULL, NULL);
    return;
  }
  gv_rd_cur c = {0, 1, 1};
  if (gv_rec_is_utf16(r->data, r->len)) {
    err(r, GV_RD_FATAL, GOVOPEN_EPARSE, &c, NULL, "observation.utf16", "the input is UTF-16: save it as UTF-8");
    return;
  }
  if (gv_rec_has_bom(r->data, r->len)) c.off = 3;
  r->limit = r->len;
  if (format == GV_REC_JSONL) {
    r->jsonl = 1;
    read_jsonl(r, &c);
  } else {
    read_json(r, &c);
  }
}

static int start(gv_rd_reader *r, const char *data, size_t len, const char *source, int format,
                 const gv_rec_limits *lim, gv_diags *d) {
  memset(r, 0, sizeof *r);
  r->data = data ? data : "";
  r->len = data ? len : 0;
  r->src = source ? source : "";
  r->d = d;
  if (lim)
    r->lim = *lim;
  else
    gv_rec_limits_default(&r->lim);
  r->line_max = r->lim.y.max_size;
  r->mark = d ? d->tail : NULL;
  if (format < GV_REC_AUTO || format > GV_REC_CSV || (data == NULL && len > 0)) {
    err(r, GV_RD_FATAL, GOVOPEN_EINVALID, NULL, NULL, "observation.arguments_invalid",
        "invalid arguments: format %d, %zu bytes of no data", format, len);
    return GOVOPEN_EINVALID;
  }
  return 0;
}

int gv_records_read(gv_records *out, const char *data, size_t len, const char *source, int format,
                    const gv_rec_limits *lim, gv_diags *d) {
  memset(out, 0, sizeof *out);
  gv_rd_reader r;
  if (start(&r, data, len, source, format, lim, d)) return r.status;
  r.out = out;
  r.arena = &out->arena;
  run(&r, format);
  note_rest(&r);
  gv_vec_free(&r.kids);
  out->count = r.count;
  out->rejected = r.rejected;
  return r.status;
}

/* The foreach forms' start and end. */
static int start_each(gv_rd_reader *r, const char *data, size_t len, const char *source, int format,
                      const gv_rec_limits *lim, gv_record_fn fn, void *payload, size_t *count, size_t *rejected,
                      gv_diags *d) {
  if (count) *count = 0;
  if (rejected) *rejected = 0;
  if (start(r, data, len, source, format, lim, d)) return r->status;
  if (fn == NULL)
    return err(r, GOVOPEN_EINVALID, GOVOPEN_EINVALID, NULL, NULL, "observation.callback_null", "no callback");
  r->fn = fn;
  r->payload = payload;
  r->arena = &r->scratch;
  return 0;
}

static int end_each(gv_rd_reader *r, size_t *count, size_t *rejected) {
  note_rest(r);
  gv_arena_free(&r->scratch);
  gv_vec_free(&r->kids);
  if (count) *count = r->count;
  if (rejected) *rejected = r->rejected;
  return r->cb_status ? r->cb_status : r->status;
}

int gv_records_foreach(const char *data, size_t len, const char *source, int format, const gv_rec_limits *lim,
                       gv_record_fn fn, void *payload, size_t *count, size_t *rejected, gv_diags *d) {
  gv_rd_reader r;
  int rc = start_each(&r, data, len, source, format, lim, fn, payload, count, rejected, d);
  if (rc) return rc;
  run(&r, format);
  return end_each(&r, count, rejected);
}

int gv_records_foreach_fd(int fd, const char *source, int format, const gv_rec_limits *lim, gv_record_fn fn,
                          void *payload, size_t *count, size_t *rejected, gv_diags *d) {
  gv_rd_reader r;
  int rc = start_each(&r, NULL, 0, source, format, lim, fn, payload, count, rejected, d);
  if (rc) return rc;
  if (fd < 0)
    return err(&r, GOVOPEN_EINVALID, GOVOPEN_EINVALID, NULL, NULL, "observation.file_invalid",
               "invalid arguments: no file");
  gv_rd_input in = {fd, 0, 0, UINT64_MAX, 0, r.lim.digest};
  gv_rd_fbuf b = {NULL, 0, 0};
  int fmt = format == GV_REC_AUTO ? detect_by_name(r.src) : format;
  int ok = in_append(&r, &in, &b, FIRST_BLOCK) == 0;
  while (ok && fmt == GV_REC_AUTO && !in.eof && b.len < r.lim.y.max_size && !detect_settled(b.data, b.len))
    ok = in_append(&r, &in, &b, FIRST_BLOCK) == 0;
  if (ok && fmt == GV_REC_AUTO) fmt = gv_records_detect(b.data ? b.data : "", b.len, NULL);
  if (!ok) {
    /* the error is recorded */
  } else if (fmt == GV_REC_JSONL) {
    read_jsonl_in(&r, &in, &b, (gv_rd_cur){0, 1, 1}, 1);
  } else if (fmt == GV_REC_YAML) {
    r.in = &in;
    r.pre = b.data;
    r.pre_len = b.len;
    read_yaml(&r);
  } else if (fmt == GV_REC_CSV) {
    gv_rec_read_csv(&r, &in, &b);
  } else if (read_whole(&r, &in, &b) == GV_RD_OK) {
    r.data = b.data ? b.data : "";
    r.len = b.len;
    run(&r, GV_REC_JSON);
  }
  free(b.data);
  return end_each(&r, count, rejected);
}

int gv_records_foreach_jsonl_range(int fd, const char *source, uint64_t from, uint64_t to, unsigned first_line,
                                   size_t first_index, const gv_rec_limits *lim, gv_record_fn fn, void *payload,
                                   size_t *count, size_t *rejected, gv_diags *d) {
  gv_rd_reader r;
  int rc = start_each(&r, NULL, 0, source, GV_REC_JSONL, lim, fn, payload, count, rejected, d);
  if (rc) return rc;
  if (fd < 0 || to < from || first_line == 0)
    return err(&r, GOVOPEN_EINVALID, GOVOPEN_EINVALID, NULL, NULL, "observation.range_invalid",
               "invalid arguments: a range [%" PRIu64 ", %" PRIu64 ") from line %u", from, to, first_line);
  if (first_index > r.lim.max_records) return GOVOPEN_ELIMIT; /* reported by the part holding record max_records */
  gv_rd_input in = {fd, 1, from, to, 0, NULL};
  gv_rd_fbuf b = {NULL, 0, 0};
  r.seen = first_index;
  if (from > 0) {
    /* a UTF-16 file is refused by the part at 0 */
    char head[2];
    size_t got;
    gv_rd_input first = {fd, 1, 0, 2, 0, NULL};
    if (in_read(&r, &first, head, 2, &got) != 0) return end_each(&r, count, rejected);
    if (gv_rec_is_utf16(head, got)) return GOVOPEN_EPARSE;
  }
  read_jsonl_in(&r, &in, &b, (gv_rd_cur){0, first_line, 1}, from == 0);
  free(b.data);
  return end_each(&r, count, rejected);
}

int gv_records_stopped(const gv_diags *d) {
  /* the latest diagnostic, even one past GOVOPEN_OPT_MAX_DIAGNOSTICS that was only counted */
  const char *m = gv_diags_last_message(d);
  return gv_diags_status(d) == GOVOPEN_ENOMEM || (m && says_stopped_text(m));
}

const govopen_error *gv_records_stop(const gv_diags *d) {
  const govopen_error *e = d->head;
  while (e && !says_stopped(e)) e = e->next;
  /* past GOVOPEN_EVAL_MAX_DIAGNOSTICS the stop is only counted: it is then the latest one */
  if (e == NULL && d->last && says_stopped(d->last)) e = d->last;
  return e;
}

void gv_records_free(gv_records *r) {
  if (r == NULL) return;
  gv_arena_free(&r->arena);
  free(r->items);
  r->items = NULL;
  r->count = r->rejected = 0;
}
