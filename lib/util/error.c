#include "util/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* Returned when even the error object cannot be allocated. */
static const govopen_error gv_oom_error = {GOVOPEN_ENOMEM, GOVOPEN_SEVERITY_ERROR, (char *)"out of memory",
                                           (char *)"", (char *)"", 0, 0, NULL};

static char *dup_or_empty(const char *s) {
  size_t n = s ? strlen(s) : 0;
  char *p = malloc(n + 1);
  if (p == NULL) return NULL;
  if (n) memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

static void error_free_one(govopen_error *e) {
  free(e->message);
  free(e->source);
  free(e->path);
  free(e);
}

void gv_diag_vadd(gv_diags *d, int severity, int code, const char *source, unsigned line,
                  unsigned column, const char *path, const char *fmt, va_list ap) {
  gv_buf msg = {0};
  gv_buf_vprintf(&msg, fmt, ap);
  govopen_error *e = calloc(1, sizeof *e);
  if (e == NULL || msg.oom) {
    free(e);
    gv_buf_free(&msg);
    d->oom = 1;
    if (d->first_code == 0 && severity == GOVOPEN_SEVERITY_ERROR) d->first_code = GOVOPEN_ENOMEM;
    return;
  }
  e->code = code;
  e->severity = severity;
  e->message = msg.data ? msg.data : dup_or_empty("");
  e->source = dup_or_empty(source);
  e->path = dup_or_empty(path);
  e->line = line;
  e->column = column;
  if (e->message == NULL || e->source == NULL || e->path == NULL) {
    error_free_one(e);
    d->oom = 1;
    if (d->first_code == 0 && severity == GOVOPEN_SEVERITY_ERROR) d->first_code = GOVOPEN_ENOMEM;
    return;
  }
  if (d->tail)
    d->tail->next = e;
  else
    d->head = e;
  d->tail = e;
  if (severity == GOVOPEN_SEVERITY_ERROR) {
    d->errors++;
    if (d->first_code == 0) d->first_code = code;
  } else {
    d->warnings++;
  }
}

void gv_diag_add(gv_diags *d, int severity, int code, const char *source, unsigned line,
                 unsigned column, const char *path, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  gv_diag_vadd(d, severity, code, source, line, column, path, fmt, ap);
  va_end(ap);
}

void gv_diag_oom(gv_diags *d, const char *source) {
  if (d->oom) return;
  gv_diag_add(d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ENOMEM, source, 0, 0, "", "out of memory");
  d->oom = 1;
}

int gv_diags_status(const gv_diags *d) {
  /* memory running out makes the diagnosis incomplete: that comes first */
  if (d->oom) return GOVOPEN_ENOMEM;
  return d->first_code;
}

govopen_error *gv_diags_take(gv_diags *d) {
  govopen_error *e = d->head;
  int recorded = 0;
  for (const govopen_error *x = e; x && !recorded; x = x->next)
    recorded = x->code == GOVOPEN_ENOMEM && x->severity == GOVOPEN_SEVERITY_ERROR;
  if ((e == NULL && gv_diags_status(d) != 0) || (d->oom && !recorded)) {
    /* The failure left no record (memory ran out): add a copy of the static one. */
    govopen_error *o = calloc(1, sizeof *o);
    if (o) {
      *o = gv_oom_error;
      o->message = dup_or_empty(gv_oom_error.message);
      o->source = dup_or_empty("");
      o->path = dup_or_empty("");
      if (!o->message || !o->source || !o->path) {
        error_free_one(o);
        o = NULL;
      }
    }
    if (o && d->tail)
      d->tail->next = o;
    else if (o)
      e = o;
  }
  d->head = d->tail = NULL;
  return e;
}

void gv_diags_promote_warnings(gv_diags *d) {
  for (govopen_error *e = d->head; e; e = e->next) {
    if (e->severity == GOVOPEN_SEVERITY_WARNING) {
      e->severity = GOVOPEN_SEVERITY_ERROR;
      d->warnings--;
      d->errors++;
      if (d->first_code == 0) d->first_code = e->code;
    }
  }
}

void gv_diags_free(gv_diags *d) {
  govopen_error_free(d->head);
  d->head = d->tail = NULL;
}

int gv_diags_finish(gv_diags *d, govopen_error **err) {
  int status = gv_diags_status(d);
  if (status == 0) {
    gv_diags_free(d);
    return 0;
  }
  govopen_error *chain = gv_diags_take(d);
  if (err)
    *err = chain;
  else
    govopen_error_free(chain);
  return status;
}

int gv_error_set(govopen_error **err, int code, const char *source, const char *fmt, ...) {
  gv_diags d = {0};
  va_list ap;
  va_start(ap, fmt);
  gv_diag_vadd(&d, GOVOPEN_SEVERITY_ERROR, code, source, 0, 0, "", fmt, ap);
  va_end(ap);
  govopen_error *e = gv_diags_take(&d);
  if (err)
    *err = e;
  else
    govopen_error_free(e);
  return code;
}

/* --- public accessors ---------------------------------------------------- */

int govopen_error_code(const govopen_error *e) { return e ? e->code : GOVOPEN_OK; }
int govopen_error_severity(const govopen_error *e) { return e ? e->severity : GOVOPEN_SEVERITY_ERROR; }
const char *govopen_error_message(const govopen_error *e) { return e ? e->message : ""; }
const char *govopen_error_source(const govopen_error *e) { return e ? e->source : ""; }
const char *govopen_error_path(const govopen_error *e) { return e ? e->path : ""; }
unsigned govopen_error_line(const govopen_error *e) { return e ? e->line : 0; }
unsigned govopen_error_column(const govopen_error *e) { return e ? e->column : 0; }
const govopen_error *govopen_error_next(const govopen_error *e) { return e ? e->next : NULL; }

size_t govopen_error_count(const govopen_error *e, int severity) {
  size_t n = 0;
  for (; e; e = e->next)
    if (severity < 0 || e->severity == severity) n++;
  return n;
}

int govopen_error_format(const govopen_error *e, char **out, size_t *out_len) {
  if (out == NULL) return GOVOPEN_EINVALID;
  *out = NULL;
  if (out_len) *out_len = 0;
  if (e == NULL) return GOVOPEN_EINVALID;
  gv_buf b = {0};
  if (e->source[0]) {
    gv_buf_puts(&b, e->source);
    gv_buf_putc(&b, ':');
    if (e->line) {
      gv_buf_printf(&b, "%u:", e->line);
      if (e->column) gv_buf_printf(&b, "%u:", e->column);
    }
    gv_buf_putc(&b, ' ');
  }
  gv_buf_puts(&b, e->severity == GOVOPEN_SEVERITY_WARNING ? "warning: " : "error: ");
  gv_buf_puts(&b, e->message);
  if (e->path[0]) gv_buf_printf(&b, " [%s]", e->path);
  if (b.oom) {
    gv_buf_free(&b);
    return GOVOPEN_ENOMEM;
  }
  *out = b.data;
  if (out_len) *out_len = b.len;
  return GOVOPEN_OK;
}

void govopen_error_free(govopen_error *e) {
  while (e) {
    govopen_error *next = e->next;
    error_free_one(e);
    e = next;
  }
}
