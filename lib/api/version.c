#include <stdlib.h>

#include "govopen/common.h"
#include "govopen/version.h"
#include "util/buf.h"
#include "util/escape.h"

const char *govopen_version_string(void) { return GOVOPEN_VERSION_STRING; }
int govopen_version_number(void) { return GOVOPEN_VERSION_NUMBER; }
int govopen_schema_version(void) { return GOVOPEN_SCHEMA_VERSION; }

void govopen_free(void *ptr) { free(ptr); }

const char *govopen_status_str(int status) {
  switch (status) {
    case GOVOPEN_OK: return "success";
    case GOVOPEN_ENOMEM: return "out of memory";
    case GOVOPEN_EINVALID: return "invalid argument";
    case GOVOPEN_EPARSE: return "malformed input";
    case GOVOPEN_ESCHEMA: return "invalid document";
    case GOVOPEN_ENOTFOUND: return "not found";
    case GOVOPEN_ELIMIT: return "limit exceeded";
    case GOVOPEN_EIO: return "cannot read file";
    case GOVOPEN_EVERSION: return "unsupported format version";
    case GOVOPEN_EUSER: return "stopped by a callback";
    case GOVOPEN_ERANGE: return "out of range";
    case GOVOPEN_ESTATE: return "call out of order";
    default: return "unknown status";
  }
}

int govopen_text_escape(const char *text, size_t len, unsigned flags, char **out, size_t *out_len) {
  if (out) *out = NULL;
  if (out_len) *out_len = 0;
  if (out == NULL || (text == NULL && len > 0) || (flags & ~GOVOPEN_ESCAPE_KEEP_NEWLINE) != 0) return GOVOPEN_EINVALID;
  gv_buf b = {0};
  gv_escape_terminal(&b, text ? text : "", len, (flags & GOVOPEN_ESCAPE_KEEP_NEWLINE) != 0);
  if (b.data == NULL && !b.oom) b.data = calloc(1, 1); /* an empty text */
  if (b.oom || b.data == NULL) {
    gv_buf_free(&b);
    return GOVOPEN_ENOMEM;
  }
  if (out_len) *out_len = b.len;
  *out = b.data;
  return GOVOPEN_OK;
}
