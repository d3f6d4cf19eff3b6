/* Compiling a rule's parameters, the part every kind shares: the sample
 * fields a rule declares, and the readers of values several kinds take
 * (counts, spans, choices), over the loader's reader (rules/reader.h). */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "calendar/date.h"
#include "rules/kind_impl.h"
#include "util/buf.h"

const gv_rkey *gv_in_key(const gv_rule_in *in, const char *key) {
  /* callers name the key with the literal the table was built from: the
     same pointer, as a rule; else by text */
  for (size_t i = 0; i < in->nkeys; i++)
    if (in->keys[i].key == key) return &in->keys[i];
  for (size_t i = 0; i < in->nkeys; i++)
    if (strcmp(in->keys[i].key, key) == 0) return &in->keys[i];
  return NULL;
}

void gv_in_err(gv_rule_in *in, const gv_ynode *at, const char *id, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  in->rd->err_at(in->self, at, id, fmt, ap);
  va_end(ap);
}

void gv_in_err_key(gv_rule_in *in, const char *key, const gv_ynode *at, const char *id, const char *fmt, ...) {
  size_t mark = gv_in_path_key(in, key);
  va_list ap;
  va_start(ap, fmt);
  in->rd->err_at(in->self, at, id, fmt, ap);
  va_end(ap);
  gv_in_path_pop(in, mark);
}

gv_fspec *gv_in_field(gv_rule_in *in, const char *name, gv_ftype type, int required, size_t *index) {
  /* the expression kind adds fields of its own to the list: index them first */
  for (; in->indexed < in->fields.len; in->indexed++) {
    const gv_fspec *f = in->fields.items[in->indexed];
    if (gv_hmap_put(&in->by_name, f->name, strlen(f->name), (void *)(uintptr_t)(in->indexed + 1), NULL) < 0) {
      gv_in_oom(in);
      return NULL;
    }
  }
  uintptr_t at = (uintptr_t)gv_hmap_get(&in->by_name, name, strlen(name));
  if (at) {
    gv_fspec *f = in->fields.items[at - 1];
    if (index) *index = at - 1;
    if (required) f->required = 1;
    return f;
  }
  gv_fspec *f = gv_arena_alloc(in->arena, sizeof *f);
  if (f == NULL || gv_vec_push(&in->fields, f) != 0) {
    gv_in_oom(in);
    return NULL;
  }
  f->name = name;
  f->type = type;
  f->required = required;
  if (index) *index = in->fields.len - 1;
  return f;
}

int gv_in_count(gv_rule_in *in, const gv_ynode *map, const gv_rkey *k, int required, int64_t minimum, const char *what,
                int64_t *out) {
  int64_t v = 0;
  if (in->rd->get_int(in->self, map, k, required, what, &v) != 0) return GOVOPEN_ESCHEMA;
  if (k->value == NULL) return 0;
  if (v < minimum) {
    gv_in_err_key(in, k->key, k->value, "rule.count_too_small", "'%s' must be at least %lld, not %lld", k->key,
                  (long long)minimum, (long long)v);
    return GOVOPEN_ESCHEMA;
  }
  *out = v;
  return 0;
}

int gv_in_span(gv_rule_in *in, const gv_ynode *m, int allow_due, const char *what, gv_span *out) {
  gv_rkey f[] = {{"workdays", 0, 0}, {"days", 0, 0}, {"hours", 0, 0}, {"due", 0, 0}};
  size_t nf = allow_due ? 4 : 3;
  int rc = gv_in_read_keys(in, m, f, nf, what);
  if (rc != GOVOPEN_OK) return rc;
  size_t given = 0, which = 0;
  for (size_t i = 0; i < nf; i++)
    if (f[i].value) given++, which = i;
  if (given != 1) {
    gv_in_err(in, m, "rule.span_unit_choice", "%s needs exactly one of %s", what,
              allow_due ? "'workdays', 'days', 'hours' or 'due'" : "'workdays', 'days' or 'hours'");
    return GOVOPEN_ESCHEMA;
  }
  if (which == 3) {
    const char *s = NULL;
    if (gv_in_name(in, m, &f[3], GV_RK_REQUIRED, what, &s) != 0) return GOVOPEN_ESCHEMA;
    if (gv_date_parse(s, strlen(s), &out->due, NULL) != 0) {
      gv_in_err_key(in, "due", f[3].value, "rule.date_invalid", "'%s' is not a date (YYYY-MM-DD)", s);
      return GOVOPEN_ESCHEMA;
    }
    out->unit = GV_SPAN_DUE;
    out->n = 0;
    return 0;
  }
  if (gv_in_count(in, m, &f[which], GV_RK_REQUIRED, 1, what, &out->n) != 0) return GOVOPEN_ESCHEMA;
  out->unit = which == 0 ? GV_SPAN_WORKDAYS : which == 1 ? GV_SPAN_DAYS : GV_SPAN_HOURS;
  return 0;
}

int gv_in_choice(gv_rule_in *in, const gv_rkey *k, const char *what, const char *const *names, int n, int dflt) {
  const char *given = NULL;
  if (gv_in_name(in, in->block, k, GV_RK_OPTIONAL, what, &given) != 0 || given == NULL) return dflt;
  for (int i = 0; i < n; i++)
    if (strcmp(given, names[i]) == 0) return i;
  gv_buf expected = {0};
  for (int i = 0; i < n; i++) {
    if (i) gv_buf_puts(&expected, i == n - 1 ? " or " : ", ");
    gv_buf_puts(&expected, names[i]);
  }
  gv_in_err_key(in, k->key, k->value, "rule.choice_unknown", "unknown %s '%s' (expected %s)", k->key, given,
                gv_buf_str(&expected));
  if (gv_buf_status(&expected) != GOVOPEN_OK) gv_in_oom(in);
  gv_buf_free(&expected);
  return dflt;
}

const char *const *gv_rule_kind_keys(gv_rule_kind k) {
  const gv_kind_ops *ops = gv_kind_get(k);
  return ops ? ops->keys : NULL;
}

int gv_rule_compile_params(const gv_reader *rd, void *self, const gv_ynode *block, gv_rkey *keys, size_t nkeys,
                           const char *what, gv_arena *arena, gv_rule *r) {
  const gv_kind_ops *ops = gv_kind_get(r->kind);
  if (ops == NULL) return GOVOPEN_EINVALID;
  gv_rule_in in = {rd, self, block, keys, nkeys, what, arena, r, {0}, {0}, 0};
  void *params = NULL;
  if (ops->params_size) {
    params = gv_arena_alloc(arena, ops->params_size);
    if (params == NULL) {
      rd->set_oom(self);
      return GOVOPEN_ENOMEM;
    }
    memset(params, 0, ops->params_size);
    r->params = params;
  }
  ops->compile(&in, params);
  if (in.fields.len) {
    r->fields = gv_arena_array(arena, in.fields.len, sizeof(gv_fspec));
    if (r->fields == NULL) rd->set_oom(self);
    for (size_t i = 0; r->fields && i < in.fields.len; i++) r->fields[i] = *(gv_fspec *)in.fields.items[i];
    r->field_count = r->fields ? in.fields.len : 0;
  }
  gv_vec_free(&in.fields);
  gv_hmap_free(&in.by_name);
  return rd->status(self);
}
