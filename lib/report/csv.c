/* The CSV record writer (RFC 4180), over the chunked sink. */
#include <string.h>

#include "report/csv.h"
#include "util/escape.h"

int gv_csv_init(gv_csv *w, int bom, size_t chunk, govopen_write_fn write, void *user) {
  w->fields = 0;
  int rc = gv_out_init(&w->out, chunk, write, user);
  if (rc == GOVOPEN_OK && bom) gv_out_put(&w->out, "\xEF\xBB\xBF", 3);
  return rc;
}

int gv_csv_finish(gv_csv *w) {
  if (w->fields != 0) gv_out_fail(&w->out, GOVOPEN_EINVALID);
  return gv_out_finish(&w->out);
}

static void begin_field(gv_csv *w) {
  if (w->fields++ > 0) gv_out_put(&w->out, ",", 1);
}

static int needs_quotes(const char *s, size_t n) {
  if (n == 0) return 0;
  if (s[0] == ' ' || s[n - 1] == ' ') return 1;
  for (size_t i = 0; i < n; i++)
    if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n') return 1;
  return 0;
}

void gv_csv_text_n(gv_csv *w, const char *s, size_t n) {
  begin_field(w);
  int quote = needs_quotes(s, n);
  if (quote) gv_out_put(&w->out, "\"", 1);
  if (gv_formula_risk(s, n)) gv_out_put(&w->out, "'", 1);
  if (quote) {
    /* every quote doubled: the runs between them go as they are */
    const char *end = s + n, *q;
    while ((q = memchr(s, '"', (size_t)(end - s))) != NULL) {
      gv_out_put(&w->out, s, (size_t)(q - s) + 1);
      gv_out_put(&w->out, "\"", 1);
      s = q + 1;
    }
    gv_out_put(&w->out, s, (size_t)(end - s));
    gv_out_put(&w->out, "\"", 1);
  } else {
    gv_out_put(&w->out, s, n);
  }
}

void gv_csv_text(gv_csv *w, const char *s) {
  if (s == NULL) s = "";
  gv_csv_text_n(w, s, strlen(s));
}

void gv_csv_score(gv_csv *w, int64_t cents) {
  char buf[GV_CENTS_TEXT];
  size_t n = gv_cents_format(cents, buf);
  begin_field(w);
  gv_out_put(&w->out, buf, n);
}

void gv_csv_uint(gv_csv *w, uint64_t v) {
  char buf[GV_UINT_TEXT];
  size_t n = gv_uint_format(v, buf);
  begin_field(w);
  gv_out_put(&w->out, buf, n);
}

void gv_csv_empty(gv_csv *w) { begin_field(w); }

void gv_csv_end(gv_csv *w) {
  gv_out_put(&w->out, "\r\n", 2);
  w->fields = 0;
}
