/* The public report writers (include/govopen/report.h, framework.h, diff.h):
 * each checks its arguments, or leaves it to the writer it calls in
 * lib/report, whose gv_* form also takes a chunk size for the tests. */
#include <stddef.h>

#include "govopen/diff.h"
#include "govopen/framework.h"
#include "govopen/report.h"
#include "report/csv.h"
#include "report/diff.h"
#include "report/framework_json.h"
#include "report/html.h"
#include "report/markdown.h"
#include "report/result_json.h"
#include "util/buf.h"

int govopen_result_write_json(const govopen_result *r, unsigned flags, govopen_write_fn write, void *user) {
  return gv_result_write_json(r, flags, 0, write, user);
}

/* The sink of govopen_result_to_json(): a growable buffer. Refusing a chunk
   is how it says it ran out of memory. */
static int to_buf(void *user, const char *data, size_t len) {
  gv_buf *b = user;
  gv_buf_append(b, data, len);
  return gv_buf_status(b) != GOVOPEN_OK;
}

int govopen_result_to_json(const govopen_result *r, unsigned flags, char **out, size_t *out_len) {
  if (out == NULL) return GOVOPEN_EINVALID;
  *out = NULL;
  if (out_len) *out_len = 0;
  gv_buf b = {0};
  int rc = gv_result_write_json(r, flags, 0, to_buf, &b);
  if (rc == GOVOPEN_ESTOPPED && gv_buf_status(&b) != GOVOPEN_OK) rc = GOVOPEN_ENOMEM;
  if (rc == GOVOPEN_OK) {
    gv_buf_append(&b, "", 0); /* the text NUL-terminated, even if empty */
    if (gv_buf_status(&b) != GOVOPEN_OK) rc = GOVOPEN_ENOMEM;
  }
  if (rc != GOVOPEN_OK) {
    gv_buf_free(&b);
    return rc;
  }
  *out = b.data;
  if (out_len) *out_len = b.len;
  return GOVOPEN_OK;
}

const char *govopen_table_name(int table) { return gv_table_name(table); }

int govopen_result_write_csv(const govopen_result *r, int table, unsigned flags, govopen_write_fn write, void *user) {
  return gv_result_write_csv(r, table, flags, 0, write, user);
}

int govopen_result_write_rectify(const govopen_result *r, size_t unit, unsigned flags, govopen_write_fn write,
                                 void *user) {
  return gv_result_write_rectify(r, unit, flags, 0, write, user);
}

int govopen_result_write_markdown(const govopen_result *r, unsigned flags, govopen_write_fn write, void *user) {
  return gv_result_write_markdown(r, flags, 0, write, user);
}

int govopen_result_write_html(const govopen_result *r, unsigned flags, govopen_write_fn write, void *user) {
  return gv_result_write_html(r, flags, 0, write, user);
}

int govopen_framework_write_worksheet(const govopen_framework *fw, const char *method, unsigned flags,
                                      govopen_write_fn write, void *user) {
  return gv_framework_write_worksheet(fw, method, flags, 0, write, user);
}

int govopen_framework_to_json(const govopen_framework *fw, unsigned flags, char **out, size_t *out_len) {
  if (out == NULL) return GOVOPEN_EINVALID;
  *out = NULL;
  if (out_len) *out_len = 0;
  if (fw == NULL || (flags & ~GOVOPEN_JSON_PRETTY) != 0) return GOVOPEN_EINVALID;
  return gv_framework_to_json(fw, (flags & GOVOPEN_JSON_PRETTY) != 0, out, out_len);
}

int govopen_framework_diff(const govopen_framework *a, const govopen_framework *b, unsigned flags,
                           govopen_write_fn write, void *user, size_t *changes) {
  if (changes) *changes = 0;
  const unsigned known = GOVOPEN_DIFF_JSON | GOVOPEN_DIFF_PRETTY | GOVOPEN_REPORT_LANG_EN;
  if (a == NULL || b == NULL || (flags & ~known) != 0) return GOVOPEN_EINVALID;
  if ((flags & GOVOPEN_DIFF_PRETTY) && !(flags & GOVOPEN_DIFF_JSON)) return GOVOPEN_EINVALID;
  return gv_framework_diff(a, b, flags, write, user, changes);
}
