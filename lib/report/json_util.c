/* Helpers shared by the JSON writers. */
#include <cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "govopen/common.h"

#include "report/json_util.h"

cJSON *gv_json_score(int64_t cents) {
  char buf[GV_CENTS_TEXT];
  gv_cents_format(cents, buf);
  return cJSON_CreateRaw(buf);
}

/* Attaches `item` to `obj` under `key`; deletes it when attaching fails. */
int gv_json_put(cJSON *obj, const char *key, cJSON *item) {
  if (item == NULL) return GOVOPEN_ENOMEM;
  if (!cJSON_AddItemToObject(obj, key, item)) {
    cJSON_Delete(item);
    return GOVOPEN_ENOMEM;
  }
  return GOVOPEN_OK;
}

int gv_json_push(cJSON *arr, cJSON *item) {
  if (item == NULL) return GOVOPEN_ENOMEM;
  if (!cJSON_AddItemToArray(arr, item)) {
    cJSON_Delete(item);
    return GOVOPEN_ENOMEM;
  }
  return GOVOPEN_OK;
}

int gv_json_put_str(cJSON *obj, const char *key, const char *s) {
  return gv_json_put(obj, key, cJSON_CreateString(s ? s : ""));
}

int gv_json_finish(cJSON *root, int pretty, char **out, size_t *out_len) {
  char *text = pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
  cJSON_Delete(root);
  if (text == NULL) return GOVOPEN_ENOMEM;
  size_t len = strlen(text);
  char *copy = malloc(len + 1);
  if (copy) memcpy(copy, text, len + 1);
  cJSON_free(text);
  if (copy == NULL) return GOVOPEN_ENOMEM;
  *out = copy;
  if (out_len) *out_len = len;
  return GOVOPEN_OK;
}

/* --- the streaming writer ---------------------------------------------------- */

int gv_jw_init(gv_jw *w, int pretty, size_t chunk, govopen_write_fn write, void *user) {
  memset(w, 0, sizeof *w);
  w->pretty = pretty != 0;
  return gv_out_init(&w->out, chunk, write, user);
}

static void jw_put(gv_jw *w, const char *s, size_t n) { gv_out_put(&w->out, s, n); }

static void jw_puts(gv_jw *w, const char *s) { jw_put(w, s, strlen(s)); }

void gv_jw_continue(gv_jw *w, const gv_jw *from) {
  w->depth = from->depth;
  memcpy(w->object, from->object, sizeof w->object);
  memcpy(w->members, from->members, sizeof w->members);
}

void gv_jw_raw(gv_jw *w, const char *s, size_t n, int members) {
  gv_out_raw(&w->out, s, n);
  if (members && w->depth > 0) w->members[w->depth - 1] = 1;
}

static void out_tabs(gv_out *o, unsigned n) {
  static const char tabs[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
  while (n > 0) {
    unsigned k = n < sizeof tabs - 1 ? n : (unsigned)(sizeof tabs - 1);
    gv_out_put(o, tabs, k);
    n -= k;
  }
}

static void jw_tabs(gv_jw *w, unsigned n) { out_tabs(&w->out, n); }

/* A string of `len` bytes, escaped as cJSON's print_string_ptr escapes it:
   '"' and '\\', the five control characters with a short escape (\b \f \n
   \r \t), every other byte below 0x20 (NUL among them) as \u00xx (lower-case
   hex); everything else — DEL, bytes of UTF-8 sequences — as it is. */
static void quoted_n(gv_out *o, const char *s, size_t len) {
  static const char hex[] = "0123456789abcdef";
  gv_out_put(o, "\"", 1);
  const unsigned char *p = (const unsigned char *)s, *end = p + len;
  while (p < end) {
    const unsigned char *run = p;
    while (p < end && *p >= 0x20 && *p != '"' && *p != '\\') p++;
    gv_out_put(o, (const char *)run, (size_t)(p - run));
    if (p == end) break;
    char esc[6] = {'\\', 0, 0, 0, 0, 0};
    size_t n = 2;
    switch (*p) {
      case '"': esc[1] = '"'; break;
      case '\\': esc[1] = '\\'; break;
      case '\b': esc[1] = 'b'; break;
      case '\f': esc[1] = 'f'; break;
      case '\n': esc[1] = 'n'; break;
      case '\r': esc[1] = 'r'; break;
      case '\t': esc[1] = 't'; break;
      default:
        esc[1] = 'u';
        esc[2] = '0';
        esc[3] = '0';
        esc[4] = hex[*p >> 4];
        esc[5] = hex[*p & 0xf];
        n = 6;
    }
    gv_out_put(o, esc, n);
    p++;
  }
  gv_out_put(o, "\"", 1);
}

static void jw_quoted(gv_jw *w, const char *s) {
  if (s == NULL) s = "";
  quoted_n(&w->out, s, strlen(s));
}

/* What goes before a value: the separator from the previous one and, in an
   object, the indented member name. */
static void jw_begin_value(gv_jw *w, const char *key) {
  if (w->out.status != GOVOPEN_OK) return;
  if (w->depth == 0) {
    if (key != NULL || w->done) gv_out_fail(&w->out, GOVOPEN_EINVALID);
    return;
  }
  unsigned top = w->depth - 1;
  if (w->object[top]) {
    if (key == NULL) {
      gv_out_fail(&w->out, GOVOPEN_EINVALID);
      return;
    }
    if (w->members[top]) jw_puts(w, w->pretty ? ",\n" : ",");
    if (w->pretty) jw_tabs(w, w->depth);
    jw_quoted(w, key);
    jw_puts(w, w->pretty ? ":\t" : ":");
  } else {
    if (key != NULL) {
      gv_out_fail(&w->out, GOVOPEN_EINVALID);
      return;
    }
    if (w->members[top]) jw_puts(w, w->pretty ? ", " : ",");
  }
  w->members[top] = 1;
}

static void jw_end_value(gv_jw *w) {
  if (w->depth == 0) w->done = 1;
}

static void jw_open(gv_jw *w, const char *key, int object) {
  jw_begin_value(w, key);
  if (w->out.status != GOVOPEN_OK) return;
  if (w->depth == GV_JW_MAX_DEPTH) {
    gv_out_fail(&w->out, GOVOPEN_EINVALID);
    return;
  }
  w->object[w->depth] = (unsigned char)(object != 0);
  w->members[w->depth] = 0;
  w->depth++;
  jw_puts(w, object ? (w->pretty ? "{\n" : "{") : "[");
}

void gv_jw_object(gv_jw *w, const char *key) { jw_open(w, key, 1); }

void gv_jw_array(gv_jw *w, const char *key) { jw_open(w, key, 0); }

void gv_jw_end(gv_jw *w) {
  if (w->out.status != GOVOPEN_OK) return;
  if (w->depth == 0) {
    gv_out_fail(&w->out, GOVOPEN_EINVALID);
    return;
  }
  unsigned top = w->depth - 1;
  if (w->object[top]) {
    /* cJSON ends every member with a newline and indents the brace, even in
       an empty object: "{\n\t}" */
    if (w->pretty) {
      if (w->members[top]) jw_put(w, "\n", 1);
      jw_tabs(w, top);
    }
    jw_put(w, "}", 1);
  } else {
    jw_put(w, "]", 1);
  }
  w->depth--;
  jw_end_value(w);
}

static void jw_scalar(gv_jw *w, const char *key, const char *text, size_t len) {
  jw_begin_value(w, key);
  jw_put(w, text, len);
  jw_end_value(w);
}

void gv_jw_string(gv_jw *w, const char *key, const char *s) {
  jw_begin_value(w, key);
  jw_quoted(w, s);
  jw_end_value(w);
}

void gv_jw_score(gv_jw *w, const char *key, int64_t cents) {
  char buf[GV_CENTS_TEXT];
  size_t n = gv_cents_format(cents, buf);
  jw_scalar(w, key, buf, n);
}

/* cJSON prints a whole number below 2^31 with %d and a larger one with
   %1.15g: the same digits up to 10^15, where counts never get. */
void gv_jw_uint(gv_jw *w, const char *key, uint64_t v) {
  char buf[GV_UINT_TEXT];
  size_t n = gv_uint_format(v, buf);
  jw_scalar(w, key, buf, n);
}

void gv_jw_bool(gv_jw *w, const char *key, int v) {
  if (v)
    jw_scalar(w, key, "true", 4);
  else
    jw_scalar(w, key, "false", 5);
}

void gv_jw_null(gv_jw *w, const char *key) { jw_scalar(w, key, "null", 4); }

int gv_jw_finish(gv_jw *w) {
  if (w->out.status == GOVOPEN_OK && w->depth != 0) gv_out_fail(&w->out, GOVOPEN_EINVALID);
  return gv_out_finish(&w->out);
}

/* --- document trees ------------------------------------------------------------------ */

/* A number the YAML reader typed (gv_classify_plain: [-+]?digits(.digits)?
   ([eE][-+]?digits)?) as JSON's grammar has it: without a '+' sign or
   leading zeros, the rest as written. */
static void tree_number(gv_out *o, const char *s, size_t len) {
  size_t i = 0;
  if (i < len && s[i] == '-') {
    gv_out_put(o, "-", 1);
    i++;
  } else if (i < len && s[i] == '+') {
    i++;
  }
  while (i + 1 < len && s[i] == '0' && s[i + 1] >= '0' && s[i + 1] <= '9') i++;
  gv_out_put(o, s + i, len - i);
}

/* `depth`: the containers open around the value. Recursion follows the
   tree, whose depth its reader bounded (GOVOPEN_OPT_MAX_DEPTH). */
static void tree_value(gv_out *o, const gv_ynode *n, int pretty, unsigned depth) {
  if (gv_out_status(o) != GOVOPEN_OK) return;
  if (n->kind == GV_YMAP) {
    gv_out_puts(o, pretty ? "{\n" : "{");
    for (size_t i = 0; i < n->count; i++) {
      const gv_ynode *k = gv_ymap_key(n, i);
      if (i) gv_out_puts(o, pretty ? ",\n" : ",");
      if (pretty) out_tabs(o, depth + 1);
      quoted_n(o, k->text ? k->text : "", k->text ? k->len : 0);
      gv_out_puts(o, pretty ? ":\t" : ":");
      tree_value(o, gv_ymap_value(n, i), pretty, depth + 1);
    }
    if (pretty) {
      if (n->count) gv_out_put(o, "\n", 1);
      out_tabs(o, depth);
    }
    gv_out_put(o, "}", 1);
    return;
  }
  if (n->kind == GV_YSEQ) {
    gv_out_put(o, "[", 1);
    for (size_t i = 0; i < n->count; i++) {
      if (i) gv_out_puts(o, pretty ? ", " : ",");
      tree_value(o, n->items[i], pretty, depth + 1);
    }
    gv_out_put(o, "]", 1);
    return;
  }
  switch (n->type) {
    case GV_YT_NULL: gv_out_put(o, "null", 4); break;
    case GV_YT_BOOL: gv_out_puts(o, n->text[0] == 't' ? "true" : "false"); break;
    case GV_YT_INT:
    case GV_YT_FLOAT: tree_number(o, n->text, n->len); break;
    default: quoted_n(o, n->text, n->len); break;
  }
}

void gv_jw_tree(gv_jw *w, const char *key, const gv_ynode *n) {
  jw_begin_value(w, key);
  tree_value(&w->out, n, w->pretty, w->depth);
  jw_end_value(w);
}

void gv_json_tree_compact(gv_out *o, const gv_ynode *n) { tree_value(o, n, 0, 0); }
