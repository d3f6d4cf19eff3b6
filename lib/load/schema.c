#include "load/schema.h"

#include "load/load.h"

#include "govopen/options.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "util/cents.h"
#include "util/compiler.h"
#include "util/hmap.h"
#include "util/utf8.h"

/* --- diagnostics and paths -------------------------------------------------- */

/* The path of a diagnostic: with "records[i]" before it while reading records. */
static const char *sc_path(const gv_schema *sc, gv_buf *tmp) {
  if (sc->record == 0) return gv_buf_str(&sc->path);
  gv_buf_puts(tmp, "records[");
  gv_buf_put_size(tmp, sc->record - 1);
  gv_buf_putc(tmp, ']');
  if (sc->path.len) {
    const char *p = gv_buf_str(&sc->path);
    if (p[0] != '[') gv_buf_putc(tmp, '.');
    gv_buf_puts(tmp, p);
  }
  return gv_buf_str(tmp);
}

GV_PRINTF(4, 5)
void gv_sc_err_at(gv_schema *sc, const gv_ynode *at, const char *id, const char *fmt, ...) {
  gv_buf tmp = {0};
  const char *path = sc_path(sc, &tmp);
  va_list ap;
  va_start(ap, fmt);
  gv_diag_vadd(sc->d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ESCHEMA, gv_sc_src(sc, at), at ? at->line : 0, at ? at->col : 0,
               path, id, fmt, ap);
  va_end(ap);
  /* an error that could not be recorded must still stop the reader */
  if (gv_diags_status(sc->d) == GOVOPEN_ENOMEM || gv_buf_status(&tmp) != GOVOPEN_OK) sc->failed_ = 1;
  gv_buf_free(&tmp);
}

GV_PRINTF(4, 5)
void gv_sc_warn_at(gv_schema *sc, const gv_ynode *at, const char *id, const char *fmt, ...) {
  gv_buf tmp = {0};
  const char *path = sc_path(sc, &tmp);
  va_list ap;
  va_start(ap, fmt);
  gv_diag_vadd(sc->d, GOVOPEN_SEVERITY_WARNING, GOVOPEN_ESCHEMA, gv_sc_src(sc, at), at ? at->line : 0, at ? at->col : 0,
               path, id, fmt, ap);
  va_end(ap);
  if (gv_diags_status(sc->d) == GOVOPEN_ENOMEM || gv_buf_status(&tmp) != GOVOPEN_OK) sc->failed_ = 1;
  gv_buf_free(&tmp);
}

void gv_sc_init(gv_schema *sc, gv_diags *d, const char *src, gv_arena *arena, const gv_load_limits *lim) {
  sc->d = d;
  sc->src = src;
  sc->arena = arena;
  sc->borrow = 0;
  sc->max_string = lim->max_string;
  sc->max_expr_chars = lim->max_expr_chars;
  sc->max_expr_nodes = lim->max_expr_nodes;
}

int gv_sc_set_oom(gv_schema *sc) {
  if (!sc->failed_) gv_diag_oom(sc->d, sc->src);
  sc->failed_ = 1;
  return GOVOPEN_ENOMEM;
}

size_t gv_sc_path_key(gv_schema *sc, const char *key) {
  size_t mark = sc->path.len;
  if (mark) gv_buf_putc(&sc->path, '.');
  gv_buf_puts(&sc->path, key);
  if (gv_buf_status(&sc->path) != GOVOPEN_OK) gv_sc_set_oom(sc);
  return mark;
}

size_t gv_sc_path_index(gv_schema *sc, size_t i) {
  size_t mark = sc->path.len;
  gv_buf_putc(&sc->path, '[');
  gv_buf_put_size(&sc->path, i);
  gv_buf_putc(&sc->path, ']');
  if (gv_buf_status(&sc->path) != GOVOPEN_OK) gv_sc_set_oom(sc);
  return mark;
}

void gv_sc_path_pop(gv_schema *sc, size_t mark) { gv_buf_truncate(&sc->path, mark); }

/* --- mappings with a fixed set of keys ---------------------------------------- */

int gv_sc_read_fields(gv_schema *sc, const gv_ynode *m, gv_field *f, size_t nf, const char *what) {
  for (size_t i = 0; i < nf; i++) f[i].key_node = f[i].value = NULL;
  if (m->kind != GV_YMAP) {
    gv_sc_err_at(sc, m, "schema.mapping_type", "expected %s (a mapping), found %s", what, gv_ynode_describe(m));
    return gv_sc_failed(sc);
  }
  for (size_t i = 0; i < m->count; i++) {
    const gv_ynode *k = gv_ymap_key(m, i);
    size_t j = 0;
    /* the first byte rules most fields out before their length is taken */
    while (j < nf && !(k->len && f[j].key[0] == k->text[0] && strlen(f[j].key) == k->len &&
                       memcmp(f[j].key, k->text, k->len) == 0))
      j++;
    if (j < nf) {
      f[j].key_node = k;
      f[j].value = gv_ymap_value(m, i);
      continue;
    }
    if (memchr(k->text, '\0', k->len) != NULL) {
      gv_sc_err_at(sc, k, "schema.key_nul", "the key contains a NUL character");
      continue;
    }
    gv_buf expected = {0};
    for (size_t e = 0; e < nf; e++) {
      if (e) gv_buf_puts(&expected, ", ");
      gv_buf_puts(&expected, f[e].key);
    }
    size_t mark = gv_sc_path_key(sc, k->text);
    gv_sc_err_at(sc, k, "schema.key_unknown", "unknown key '%s' in %s (expected one of: %s)", k->text, what,
                 gv_buf_str(&expected));
    gv_sc_path_pop(sc, mark);
    if (gv_buf_status(&expected) != GOVOPEN_OK) gv_sc_set_oom(sc);
    gv_buf_free(&expected);
  }
  return GOVOPEN_OK;
}

const gv_field *gv_sc_fld(const gv_field *f, size_t nf, const char *key) {
  /* callers name the field with the literal the table was built from: the
     same pointer, as a rule (a compiler merges equal literals); else by text */
  for (size_t i = 0; i < nf; i++)
    if (f[i].key == key) return &f[i];
  for (size_t i = 0; i < nf; i++)
    if (strcmp(f[i].key, key) == 0) return &f[i];
  return NULL;
}

/* --- typed values ---------------------------------------------------------- */

int gv_sc_missing(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, const char *what) {
  if (f->value != NULL) return 0;
  if (required) gv_sc_err_at(sc, map, "schema.key_missing", "%s has no '%s' (it is required)", what, f->key);
  return 1;
}

int gv_sc_string_value(gv_schema *sc, const gv_ynode *v, int nonempty, const char **out) {
  *out = NULL;
  if (v->kind != GV_YSCALAR || v->type != GV_YT_STR) {
    if (v->kind == GV_YSCALAR && (v->type == GV_YT_INT || v->type == GV_YT_FLOAT || v->type == GV_YT_BOOL))
      gv_sc_err_at(sc, v, "schema.string_type_quote", "expected a string, found %s (write \"%s\" in quotes)",
                   gv_ynode_describe(v), v->text);
    else
      gv_sc_err_at(sc, v, "schema.string_type", "expected a string, found %s", gv_ynode_describe(v));
    return gv_sc_failed(sc);
  }
  size_t limit = sc->max_string ? sc->max_string : GOVOPEN_DEFAULT_MAX_STRING;
  if (v->len > limit) {
    gv_diag_add(sc->d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ELIMIT, gv_sc_src(sc, v), v->line, v->col, gv_buf_str(&sc->path),
                "limit.string_too_long",
                "the string is %zu bytes long, more than the limit of %zu (GOVOPEN_OPT_MAX_STRING)", v->len, limit);
    return gv_sc_failed(sc);
  }
  if (memchr(v->text, '\0', v->len) != NULL) {
    gv_sc_err_at(sc, v, "schema.string_nul", "the string contains a NUL character");
    return gv_sc_failed(sc);
  }
  if (nonempty && gv_utf8_blank(v->text, v->len)) {
    gv_sc_err_at(sc, v, "schema.string_empty", "the string is empty");
    return gv_sc_failed(sc);
  }
  /* The reader passes the text on unchanged, NUL-terminated; strings are
     ours to copy unless the document lives on with what we build. */
  if (sc->borrow) {
    *out = v->text;
    return GOVOPEN_OK;
  }
  char *s = gv_arena_strndup(sc->arena, v->text, v->len);
  if (s == NULL) return gv_sc_set_oom(sc);
  *out = s;
  return GOVOPEN_OK;
}

/* The text of a name: spaces no one can see trimmed at both ends (a
   no-break space pasted from a spreadsheet, an ideographic space), and
   invisible or direction-changing characters refused, so that two names
   that look the same are the same. */
int gv_sc_name_text(gv_schema *sc, const gv_ynode *v, const char *text, size_t len, const char **out) {
  *out = NULL;
  const char *s = text;
  size_t n = len;
  gv_utf8_trim(&s, &n);
  size_t chars;
  unsigned cp;
  if (gv_utf8_find_invisible(s, n, &chars, &cp) < n) {
    /* the character's place counts from the value's start, spaces included */
    chars += gv_utf8_count(text, (size_t)(s - text));
    gv_sc_err_at(sc, v, "schema.name_invisible",
                 "the name contains U+%04X (%s), an invisible character, at character %zu: ids, names, aliases and "
                 "categories may not hold zero-width or direction characters",
                 cp, gv_utf8_invisible_name(cp), chars + 1);
    return gv_sc_failed(sc);
  }
  if (n == 0) {
    gv_sc_err_at(sc, v, "schema.string_empty", "the string is empty");
    return gv_sc_failed(sc);
  }
  if ((s == text && n == len) || s[n] == '\0') { /* at most leading spaces: the text ends where it did */
    *out = s;
    return GOVOPEN_OK;
  }
  char *copy = gv_arena_strndup(sc->arena, s, n);
  if (copy == NULL) return gv_sc_set_oom(sc);
  *out = copy;
  return GOVOPEN_OK;
}

int gv_sc_name_value(gv_schema *sc, const gv_ynode *v, const char **out) {
  *out = NULL;
  const char *s;
  int rc = gv_sc_string_value(sc, v, 1, &s);
  return rc != GOVOPEN_OK ? rc : gv_sc_name_text(sc, v, s, strlen(s), out);
}

int gv_sc_get_name(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, const char *what,
                   const char **out) {
  if (gv_sc_missing(sc, map, f, required, what)) return required ? gv_sc_failed(sc) : GOVOPEN_OK;
  size_t mark = gv_sc_path_key(sc, f->key);
  const char *s;
  int rc = gv_sc_name_value(sc, f->value, &s);
  gv_sc_path_pop(sc, mark);
  if (rc != GOVOPEN_OK) return rc;
  *out = s;
  return GOVOPEN_OK;
}

/* A string gv_field: `*out` set on success; GOVOPEN_OK when read or absent, else as gv_sc_failed(). */
int gv_sc_get_str(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, int nonempty, const char *what,
                  const char **out) {
  if (gv_sc_missing(sc, map, f, required, what)) return required ? gv_sc_failed(sc) : GOVOPEN_OK;
  size_t mark = gv_sc_path_key(sc, f->key);
  const char *s;
  int rc = gv_sc_string_value(sc, f->value, nonempty, &s);
  gv_sc_path_pop(sc, mark);
  if (rc != GOVOPEN_OK) return rc;
  *out = s;
  return GOVOPEN_OK;
}

int gv_sc_id_syntax_ok(const char *s, size_t len) {
  if (len == 0 || len > 64) return 0;
  unsigned char c0 = (unsigned char)s[0];
  if (!((c0 >= '0' && c0 <= '9') || (c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z'))) return 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    int ok =
        (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '_' || c == '-';
    if (!ok) return 0;
  }
  return 1;
}

int gv_sc_get_id(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, const char *what,
                 const char **out) {
  const char *s = NULL;
  int rc = gv_sc_get_name(sc, map, f, required, what, &s);
  if (rc != GOVOPEN_OK) return rc;
  if (s == NULL) return GOVOPEN_OK;
  if (!gv_sc_id_syntax_ok(s, strlen(s))) {
    size_t mark = gv_sc_path_key(sc, f->key);
    gv_sc_err_at(sc, f->value, "schema.id_invalid",
                 "invalid id '%s': use 1 to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit",
                 s);
    gv_sc_path_pop(sc, mark);
    return gv_sc_failed(sc);
  }
  *out = s;
  return GOVOPEN_OK;
}

int gv_sc_get_bool(gv_schema *sc, const gv_ynode *map, const gv_field *f, const char *what, int *out) {
  if (gv_sc_missing(sc, map, f, GV_OPTIONAL, what)) return GOVOPEN_OK;
  if (f->value->kind != GV_YSCALAR || f->value->type != GV_YT_BOOL) {
    size_t mark = gv_sc_path_key(sc, f->key);
    gv_sc_err_at(sc, f->value, "schema.boolean_type", "expected true or false, found %s", gv_ynode_describe(f->value));
    gv_sc_path_pop(sc, mark);
    return gv_sc_failed(sc);
  }
  *out = f->value->text[0] == 't';
  return GOVOPEN_OK;
}

int gv_sc_get_int(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, const char *what, int64_t *out) {
  if (gv_sc_missing(sc, map, f, required, what)) return required ? gv_sc_failed(sc) : GOVOPEN_OK;
  size_t mark = gv_sc_path_key(sc, f->key);
  int ok = f->value->kind == GV_YSCALAR && f->value->type == GV_YT_INT &&
           gv_parse_int(f->value->text, f->value->len, out) == GOVOPEN_OK;
  if (!ok) {
    if (f->value->kind == GV_YSCALAR && f->value->type == GV_YT_INT)
      gv_sc_err_at(sc, f->value, "schema.integer_range", "the integer %s is out of range", f->value->text);
    else
      gv_sc_err_at(sc, f->value, "schema.integer_type", "expected an integer, found %s", gv_ynode_describe(f->value));
  }
  gv_sc_path_pop(sc, mark);
  return ok ? GOVOPEN_OK : gv_sc_failed(sc);
}

/* A score: a number with at most two decimals. `*given` is set when present. */
int gv_sc_get_score(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, int allow_negative,
                    const char *what, int64_t *out, int *given) {
  if (given) *given = 0;
  if (gv_sc_missing(sc, map, f, required, what)) return required ? gv_sc_failed(sc) : GOVOPEN_OK;
  size_t mark = gv_sc_path_key(sc, f->key);
  const gv_ynode *v = f->value;
  int r = GOVOPEN_ESCHEMA, too_precise = 0;
  if (v->kind != GV_YSCALAR || (v->type != GV_YT_INT && v->type != GV_YT_FLOAT)) {
    gv_sc_err_at(sc, v, "schema.number_type", "expected a number, found %s", gv_ynode_describe(v));
  } else {
    r = gv_cents_parse(v->text, v->len, out, &too_precise);
    if (too_precise)
      gv_sc_err_at(sc, v, "schema.score_decimals", "the score %s has more than two decimal places", v->text);
    else if (r == GOVOPEN_ERANGE)
      gv_sc_err_at(sc, v, "schema.score_range", "the score %s is out of range", v->text);
    else if (r != GOVOPEN_OK)
      gv_sc_err_at(sc, v, "schema.score_invalid", "the score %s is not a decimal number", v->text);
    else if (*out < 0 && !allow_negative) {
      gv_sc_err_at(sc, v, "schema.score_negative", "the score %s is negative", v->text);
      r = GOVOPEN_ESCHEMA;
    }
  }
  gv_sc_path_pop(sc, mark);
  if (r == GOVOPEN_OK && given) *given = 1;
  return r == GOVOPEN_OK ? GOVOPEN_OK : gv_sc_failed(sc);
}

/* Where each item of a string list came from: its node and its index in the
   sequence, so later checks of one item report it at its own place even
   when other items were invalid and skipped. */

/* A list of strings (a single string is accepted where `single_ok`).
   Invalid items are reported and left out; `pos` (may be NULL) tells where
   the kept ones came from. Not GOVOPEN_OK (gv_sc_failed()) when anything was invalid. */
static int get_strlist(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, int single_ok, int names,
                       const char *what, gv_strlist *out, gv_list_pos *pos);

int gv_sc_get_strlist(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, int single_ok,
                      const char *what, gv_strlist *out, gv_list_pos *pos) {
  return get_strlist(sc, map, f, required, single_ok, 0, what, out, pos);
}

int gv_sc_get_namelist(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, int single_ok,
                       const char *what, gv_strlist *out, gv_list_pos *pos) {
  return get_strlist(sc, map, f, required, single_ok, 1, what, out, pos);
}

static int get_strlist(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, int single_ok, int names,
                       const char *what, gv_strlist *out, gv_list_pos *pos) {
  out->items = NULL;
  out->count = 0;
  if (pos) pos->nodes = NULL, pos->index = NULL;
  if (gv_sc_missing(sc, map, f, required, what)) return required ? gv_sc_failed(sc) : GOVOPEN_OK;
  size_t mark = gv_sc_path_key(sc, f->key);
  const gv_ynode *v = f->value;
  int status = GOVOPEN_OK;
  if (single_ok && v->kind == GV_YSCALAR) {
    const char *s;
    int rc = names ? gv_sc_name_value(sc, v, &s) : gv_sc_string_value(sc, v, 1, &s);
    out->items = gv_arena_array(sc->arena, 1, sizeof(char *));
    if (out->items == NULL) gv_sc_set_oom(sc);
    if (pos) {
      pos->nodes = gv_arena_array(sc->arena, 1, sizeof(gv_ynode *));
      pos->index = gv_arena_array(sc->arena, 1, sizeof(size_t));
      if (pos->nodes == NULL || pos->index == NULL) gv_sc_set_oom(sc);
    }
    if (rc == GOVOPEN_OK && out->items && (pos == NULL || pos->nodes)) {
      out->items[0] = s;
      if (pos) pos->nodes[0] = v, pos->index[0] = 0;
      out->count = 1;
    } else {
      status = GOVOPEN_ESCHEMA;
    }
  } else if (v->kind != GV_YSEQ) {
    gv_sc_err_at(sc, v, "schema.strings_type", "expected a list of strings, found %s", gv_ynode_describe(v));
    status = GOVOPEN_ESCHEMA;
  } else if (v->count == 0 && required) {
    gv_sc_err_at(sc, v, "schema.list_empty", "the list is empty");
    status = GOVOPEN_ESCHEMA;
  } else {
    out->items = gv_arena_array(sc->arena, v->count, sizeof(char *));
    if (pos) {
      pos->nodes = gv_arena_array(sc->arena, v->count, sizeof(gv_ynode *));
      pos->index = gv_arena_array(sc->arena, v->count, sizeof(size_t));
    }
    int ok = out->items && (pos == NULL || (pos->nodes && pos->index));
    if (!ok && v->count) gv_sc_set_oom(sc);
    for (size_t i = 0; ok && i < v->count; i++) {
      size_t m2 = gv_sc_path_index(sc, i);
      const char *s;
      int rc = names ? gv_sc_name_value(sc, v->items[i], &s) : gv_sc_string_value(sc, v->items[i], 1, &s);
      gv_sc_path_pop(sc, m2);
      if (rc != GOVOPEN_OK) {
        status = GOVOPEN_ESCHEMA;
        continue;
      }
      if (pos) pos->nodes[out->count] = v->items[i], pos->index[out->count] = i;
      out->items[out->count++] = s;
    }
  }
  gv_sc_path_pop(sc, mark);
  return status == GOVOPEN_OK ? GOVOPEN_OK : gv_sc_failed(sc);
}

void gv_sc_fmt_cents(char *buf, size_t size, int64_t c) {
  char t[GV_CENTS_TEXT];
  size_t n = gv_cents_format2(c, t);
  if (size == 0) return;
  if (n >= size) n = size - 1; /* cut as snprintf cuts */
  memcpy(buf, t, n);
  buf[n] = '\0';
}

int gv_sc_find_repeats(gv_schema *sc, const char *const *items, size_t n, size_t **out) {
  *out = NULL;
  size_t *first = malloc((n ? n : 1) * sizeof *first);
  if (first == NULL) return gv_sc_set_oom(sc);
  if (n <= 8) {
    /* a short list, as most are: compared pairwise, nothing more allocated */
    for (size_t i = 0; i < n; i++) {
      first[i] = i;
      for (size_t k = 0; k < i; k++)
        if (strcmp(items[k], items[i]) == 0) {
          first[i] = k;
          break;
        }
    }
    *out = first;
    return GOVOPEN_OK;
  }
  gv_hmap seen = {0};
  for (size_t i = 0; i < n; i++) {
    void *old = NULL;
    int r = gv_hmap_put(&seen, items[i], strlen(items[i]), (void *)(uintptr_t)i, &old);
    if (r < 0) {
      gv_hmap_free(&seen);
      free(first);
      return gv_sc_set_oom(sc);
    }
    first[i] = r == 0 ? (size_t)(uintptr_t)old : i;
  }
  gv_hmap_free(&seen);
  *out = first;
  return GOVOPEN_OK;
}
