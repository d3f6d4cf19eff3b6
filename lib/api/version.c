#include <stdlib.h>

#include "govopen/common.h"
#include "govopen/version.h"
#include "util/buf.h"
#include "util/escape.h"

const char *govopen_version_string(void) { return GOVOPEN_VERSION_STRING; }
int govopen_version_number(void) { return GOVOPEN_VERSION_NUMBER; }
int govopen_schema_version(void) { return GOVOPEN_SCHEMA_VERSION; }

void govopen_free(void *ptr) { free(ptr); }

int govopen_text_escape(const char *text, size_t len, unsigned flags, char **out, size_t *out_len) {
  if (out) *out = NULL;
  if (out_len) *out_len = 0;
  if (out == NULL || (text == NULL && len > 0) || (flags & ~GOVOPEN_ESCAPE_KEEP_NEWLINE) != 0) return GOVOPEN_EINVALID;
  gv_buf b = {0};
  gv_escape_terminal(&b, text ? text : "", len, (flags & GOVOPEN_ESCAPE_KEEP_NEWLINE) != 0);
  if (b.data == NULL && gv_buf_status(&b) == GOVOPEN_OK) b.data = calloc(1, 1); /* an empty text */
  if (gv_buf_status(&b) != GOVOPEN_OK || b.data == NULL) {
    gv_buf_free(&b);
    return GOVOPEN_ENOMEM;
  }
  if (out_len) *out_len = b.len;
  *out = b.data;
  return GOVOPEN_OK;
}
