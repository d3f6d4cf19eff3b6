/* Loading frameworks from files, buffers and the built-in table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/builtin.h"
#include "api/options.h"
#include "load/file.h"
#include "load/load.h"
#include "load/overlay.h"
#include "report/framework_json.h"
#include "util/digest.h"
#include "util/buf.h"
#include "util/error.h"

size_t govopen_builtin_count(void) { return gv_builtin_count; }

const char *govopen_builtin_id(size_t i) { return i < gv_builtin_count ? gv_builtins[i].id : NULL; }

/* The base an overlay `extends` (load/overlay.h): a built-in framework by
   id first; else, unless the overlay is a built-in itself, the file `path`
   (the name resolved against the overlay's directory) as the caller allows
   (GOVOPEN_OPT_EXTENDS_FILES, GOVOPEN_OPT_EXTENDS_ROOT: load/base_file.c),
   read within the caller's size limit. */
static int read_base(const char *spec, const char *path, const gv_load_limits *lim, gv_base_doc *out, char *msg,
                     size_t msg_size) {
  for (size_t i = 0; i < gv_builtin_count; i++) {
    if (strcmp(gv_builtins[i].id, spec) == 0) {
      size_t n = strlen(spec) + 9;
      if ((out->owned[0] = malloc(n)) == NULL) return GOVOPEN_ENOMEM;
      snprintf(out->owned[0], n, "builtin:%s", spec);
      out->key = out->owned[0];
      out->data = gv_builtins[i].data;
      out->len = gv_builtins[i].len;
      out->name = gv_builtins[i].source_name;
      return GOVOPEN_OK;
    }
  }
  if (path == NULL) {
    snprintf(msg, msg_size, "no built-in framework '%s' (a built-in framework extends only built-in ones)", spec);
    return GOVOPEN_ENOTFOUND;
  }
  if (lim->extends_files != 1 && lim->extends_files != 2) {
    snprintf(msg, msg_size,
             "no built-in framework '%s', and files may not be extended here (a framework read from memory, or "
             "GOVOPEN_OPT_EXTENDS_FILES 0)",
             spec);
    return GOVOPEN_ENOTFOUND;
  }
  char *data = NULL, *real = NULL;
  size_t len = 0;
  int r =
      gv_read_base_file(path, lim->extends_files, lim->extends_root, lim->max_size, &data, &len, &real, msg, msg_size);
  if (r != GOVOPEN_OK) return r;
  out->owned[0] = data;
  out->owned[2] = real;
  size_t np = strlen(path) + 1;
  if ((out->owned[1] = malloc(np)) == NULL) return GOVOPEN_ENOMEM;
  memcpy(out->owned[1], path, np);
  out->data = data;
  out->len = len;
  out->name = out->owned[1];
  out->key = real;
  return GOVOPEN_OK;
}

/* A framework just loaded gets its digest (model.h): its canonical form
   streamed into SHA-256 once, so that every result names it for nothing. */
static int digested(int rc, govopen_framework **out, const char *source, govopen_error **err) {
  if (rc != GOVOPEN_OK) return gv_error_ensure(err, rc, source);
  if (gv_framework_digest(*out, (*out)->digest) != GOVOPEN_OK) {
    govopen_framework_free(*out);
    *out = NULL;
    return gv_error_set(err, GOVOPEN_ENOMEM, source, "system.out_of_memory", "out of memory");
  }
  return GOVOPEN_OK;
}

int govopen_framework_load_buffer(govopen_framework **out, const char *data, size_t len, const char *source_name,
                                  const govopen_options *opts, govopen_error **err) {
  if (err) *err = NULL;
  if (out == NULL)
    return gv_error_set(err, GOVOPEN_EINVALID, "", "api.out_null", "no place for the answer (out is NULL)");
  *out = NULL;
  if (data == NULL && len != 0)
    return gv_error_set(err, GOVOPEN_EINVALID, source_name ? source_name : "", "api.data_null", "no data");
  gv_load_limits lim;
  gv_options_limits(opts, &lim);
  lim.extends_files = 0; /* its source name is only a name: no file is read for it */
  const char *src = source_name ? source_name : "<buffer>";
  return digested(gv_framework_load(out, data ? data : "", len, src, &lim, read_base, err), out, src, err);
}

int govopen_framework_load_builtin(govopen_framework **out, const char *id, const govopen_options *opts,
                                   govopen_error **err) {
  if (err) *err = NULL;
  if (out == NULL)
    return gv_error_set(err, GOVOPEN_EINVALID, "", "api.out_null", "no place for the answer (out is NULL)");
  *out = NULL;
  if (id == NULL)
    return gv_error_set(err, GOVOPEN_EINVALID, "", "api.builtin_framework_id_null", "no built-in framework id given");
  for (size_t i = 0; i < gv_builtin_count; i++) {
    if (strcmp(gv_builtins[i].id, id) == 0) {
      gv_load_limits lim;
      gv_options_limits(opts, &lim);
      const gv_builtin *b = &gv_builtins[i];
      return digested(gv_framework_load(out, b->data, b->len, b->source_name, &lim, read_base, err), out,
                      b->source_name, err);
    }
  }
  return gv_error_set(err, GOVOPEN_ENOTFOUND, "", "api.builtin_framework_unknown", "no built-in framework '%s'", id);
}

int govopen_framework_load_file(govopen_framework **out, const char *path, const govopen_options *opts,
                                govopen_error **err) {
  if (err) *err = NULL;
  if (out == NULL)
    return gv_error_set(err, GOVOPEN_EINVALID, "", "api.out_null", "no place for the answer (out is NULL)");
  *out = NULL;
  if (path == NULL) return gv_error_set(err, GOVOPEN_EINVALID, "", "api.file_name_null", "no file name given");
  gv_load_limits lim;
  gv_options_limits(opts, &lim);
  char *data = NULL;
  size_t len = 0;
  int r = gv_read_file(path, lim.max_size, &data, &len, err);
  if (r != GOVOPEN_OK) return r;
  /* by default bases are read from the overlay's own directory and below */
  char *dir = NULL;
  if (lim.extends_root == NULL) {
    const char *slash = strrchr(path, '/');
    size_t n = slash == NULL ? 0 : slash == path ? 1 : (size_t)(slash - path);
    if ((dir = malloc(n ? n + 1 : 2)) == NULL) {
      free(data);
      return gv_error_set(err, GOVOPEN_ENOMEM, path, "system.out_of_memory", "out of memory");
    }
    memcpy(dir, n ? path : ".", n ? n : 1);
    dir[n ? n : 1] = '\0';
    lim.extends_root = dir;
  }
  r = gv_framework_load(out, data ? data : "", len, path, &lim, read_base, err);
  free(dir);
  free(data);
  return digested(r, out, path, err);
}
