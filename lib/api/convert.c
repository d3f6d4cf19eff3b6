/* A YAML document as the library reads and types it, as JSON (govopen/convert.h):
 * the YAML reader (load/ytree.c) with the loader's limits, then the JSON
 * writer's tree value (report/json_util.c). */
#define _POSIX_C_SOURCE 200809L /* strnlen */
#include <stdlib.h>
#include <string.h>

#include "govopen/convert.h"

#include "api/builtin.h"
#include "api/options.h"
#include "load/file.h"
#include "load/ytree.h"
#include "report/json_util.h"
#include "util/buf.h"
#include "util/error.h"

/* Every scalar longer than the string limit, reported with its place and
   its path in the document; `path` is the path so far. Recursion follows
   the tree, whose depth the reader bounded. */
static void check_strings(const gv_ynode *n, size_t limit, gv_buf *path, gv_diags *d, const char *source) {
  if (n->kind == GV_YSCALAR) {
    if (n->len > limit)
      gv_diag_add(d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ELIMIT, source, n->line, n->col, gv_buf_str(path),
                  "limit.scalar_too_long",
                  "the scalar is %zu bytes long, more than the limit of %zu (GOVOPEN_OPT_MAX_STRING)", n->len, limit);
    return;
  }
  size_t mark = path->len;
  for (size_t i = 0; i < n->count; i++) {
    if (n->kind == GV_YMAP) {
      const gv_ynode *k = gv_ymap_key(n, i);
      check_strings(k, limit, path, d, source);
      if (mark) gv_buf_putc(path, '.');
      gv_buf_append(path, k->text, strnlen(k->text, k->len));
      check_strings(gv_ymap_value(n, i), limit, path, d, source);
    } else {
      gv_buf_putc(path, '[');
      gv_buf_put_size(path, i);
      gv_buf_putc(path, ']');
      check_strings(n->items[i], limit, path, d, source);
    }
    gv_buf_truncate(path, mark);
  }
}

/* The sink of the converter: a growable buffer; refusing a chunk is how it
   says it ran out of memory. */
static int to_buf(void *user, const char *data, size_t len) {
  gv_buf *b = user;
  gv_buf_append(b, data, len);
  return gv_buf_status(b) != GOVOPEN_OK;
}

static int convert(const char *data, size_t len, const char *source, const gv_load_limits *lim, unsigned flags,
                   char **out, size_t *out_len, govopen_error **err) {
  gv_diags d = {0};
  d.max = lim->max_diagnostics;
  gv_ydoc doc = {0};
  gv_ylimits yl = {lim->max_size, lim->max_depth, lim->max_nodes, lim->max_aliases};
  int rc = gv_yaml_parse(&doc, data, len, source, &yl, &d);
  if (rc == GOVOPEN_OK && doc.root) {
    gv_buf path = {0};
    check_strings(doc.root, lim->max_string, &path, &d, source);
    if (gv_buf_status(&path) != GOVOPEN_OK) gv_diag_oom(&d, source);
    gv_buf_free(&path);
  }
  int found = gv_diags_finish(&d, err);
  if (rc == GOVOPEN_OK) rc = found;
  if (rc != GOVOPEN_OK) {
    gv_ydoc_free(&doc);
    return rc;
  }
  gv_buf b = {0};
  gv_jw w;
  gv_jw_init(&w, (flags & GOVOPEN_JSON_PRETTY) != 0, 0, to_buf, &b);
  if (doc.root)
    gv_jw_tree(&w, NULL, doc.root);
  else
    gv_jw_null(&w, NULL);
  rc = gv_jw_finish(&w);
  gv_ydoc_free(&doc);
  if (rc == GOVOPEN_ESTOPPED && gv_buf_status(&b) != GOVOPEN_OK) rc = GOVOPEN_ENOMEM;
  if (rc == GOVOPEN_OK) {
    gv_buf_append(&b, "", 0); /* NUL-terminated */
    if (gv_buf_status(&b) != GOVOPEN_OK) rc = GOVOPEN_ENOMEM;
  }
  if (rc != GOVOPEN_OK) {
    gv_buf_free(&b);
    return gv_error_set(err, rc, source, "system.out_of_memory", "out of memory");
  }
  *out = b.data;
  if (out_len) *out_len = b.len;
  return GOVOPEN_OK;
}

/* The checks every entry point makes: GOVOPEN_OK when they pass, else the
   status, reported in `err`. */
static int start(char **out, size_t *out_len, unsigned flags, govopen_error **err) {
  if (err) *err = NULL;
  if (out_len) *out_len = 0;
  if (out == NULL)
    return gv_error_set(err, GOVOPEN_EINVALID, "", "api.out_null", "no place for the answer (out is NULL)");
  *out = NULL;
  if ((flags & ~GOVOPEN_JSON_PRETTY) != 0)
    return gv_error_set(err, GOVOPEN_EINVALID, "", "api.flags_unknown", "unknown flags 0x%x (only GOVOPEN_JSON_PRETTY)",
                        flags & ~(unsigned)GOVOPEN_JSON_PRETTY);
  return GOVOPEN_OK;
}

int govopen_yaml_to_json(const char *data, size_t len, const char *source_name, const govopen_options *opts,
                         unsigned flags, char **out, size_t *out_len, govopen_error **err) {
  int rc = start(out, out_len, flags, err);
  if (rc != GOVOPEN_OK) return rc;
  const char *source = source_name ? source_name : "<buffer>";
  if (data == NULL && len != 0) return gv_error_set(err, GOVOPEN_EINVALID, source, "api.data_null", "no data");
  gv_load_limits lim;
  gv_options_limits(opts, &lim);
  return gv_error_ensure(err, convert(data ? data : "", len, source, &lim, flags, out, out_len, err), source);
}

int govopen_yaml_file_to_json(const char *path, const govopen_options *opts, unsigned flags, char **out,
                              size_t *out_len, govopen_error **err) {
  int rc = start(out, out_len, flags, err);
  if (rc != GOVOPEN_OK) return rc;
  if (path == NULL) return gv_error_set(err, GOVOPEN_EINVALID, "", "api.file_name_null", "no file name given");
  gv_load_limits lim;
  gv_options_limits(opts, &lim);
  char *data = NULL;
  size_t len = 0;
  rc = gv_read_file(path, lim.max_size, &data, &len, err);
  if (rc != GOVOPEN_OK) return rc;
  rc = convert(data ? data : "", len, path, &lim, flags, out, out_len, err);
  free(data);
  return gv_error_ensure(err, rc, path);
}

const char *govopen_builtin_yaml(const char *id, size_t *len) {
  if (len) *len = 0;
  for (size_t i = 0; id && i < gv_builtin_count; i++) {
    if (strcmp(gv_builtins[i].id, id) == 0) {
      if (len) *len = gv_builtins[i].len;
      return gv_builtins[i].data;
    }
  }
  return NULL;
}
