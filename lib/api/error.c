/* The public accessors of a diagnostic chain (include/govopen/error.h), over
 * util/error.h. A NULL diagnostic reads as no error: GOVOPEN_OK, "", 0. */
#include "util/error.h"

const char *govopen_status_str(int status) { return gv_status_str(status); }

int govopen_error_code(const govopen_error *e) { return e ? e->code : GOVOPEN_OK; }
int govopen_error_severity(const govopen_error *e) { return e ? e->severity : GOVOPEN_SEVERITY_ERROR; }
const char *govopen_error_message(const govopen_error *e) { return e ? e->message : ""; }
const char *govopen_error_source(const govopen_error *e) { return e ? e->source : ""; }
const char *govopen_error_path(const govopen_error *e) { return e ? e->path : ""; }
unsigned govopen_error_line(const govopen_error *e) { return e ? e->line : 0; }
unsigned govopen_error_column(const govopen_error *e) { return e ? e->column : 0; }
const govopen_error *govopen_error_next(const govopen_error *e) { return e ? e->next : NULL; }

size_t govopen_error_count(const govopen_error *e, int severity) { return gv_error_count(e, severity); }

int govopen_error_format(const govopen_error *e, char **out, size_t *out_len) {
  if (out == NULL) return GOVOPEN_EINVALID;
  *out = NULL;
  if (out_len) *out_len = 0;
  if (e == NULL) return GOVOPEN_EINVALID;
  return gv_error_format(e, out, out_len);
}

void govopen_error_free(govopen_error *e) { gv_error_free(e); }
