#include "util/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "govopen/options.h"
#include "util/buf.h"

/* Returned when even the error object cannot be allocated. */
static const govopen_error gv_oom_error = {
    GOVOPEN_ENOMEM, GOVOPEN_SEVERITY_ERROR, (char *)"out of memory", (char *)"", (char *)"", 0, 0, NULL, GV_ID_OOM};

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

static size_t diags_max(const gv_diags *d) { return d->max ? d->max : GOVOPEN_DEFAULT_MAX_DIAGNOSTICS; }

static void count_found(gv_diags *d, int severity, int code) {
  if (severity == GOVOPEN_SEVERITY_ERROR) {
    d->errors++;
    if (d->first_code == 0) d->first_code = code;
  } else {
    d->warnings++;
  }
}

/* Keeps `e`, found beyond the limit, as the latest dropped one: counted,
   and the one before it freed. */
static void drop_node(gv_diags *d, govopen_error *e) {
  if (e->severity == GOVOPEN_SEVERITY_ERROR) {
    d->dropped_errors++;
  } else {
    if (d->dropped_warnings++ == 0) d->dropped_warning_code = e->code;
  }
  if (d->last) error_free_one(d->last);
  e->next = NULL;
  d->last = e;
}

static void link_kept(gv_diags *d, govopen_error *e) {
  e->next = d->summary; /* the closing one, if any, stays last */
  if (d->tail)
    d->tail->next = e;
  else
    d->head = e;
  d->tail = e;
  d->kept++;
}

void gv_diag_vadd(gv_diags *d, int severity, int code, const char *source, unsigned line, unsigned column,
                  const char *path, const char *id, const char *fmt, va_list ap) {
  gv_buf msg = {0};
  gv_buf_vprintf(&msg, fmt, ap);
  govopen_error *e = calloc(1, sizeof *e);
  if (e == NULL || gv_buf_status(&msg) != GOVOPEN_OK) {
    free(e);
    gv_buf_free(&msg);
    d->failed_ = 1;
    if (d->first_code == 0 && severity == GOVOPEN_SEVERITY_ERROR) d->first_code = GOVOPEN_ENOMEM;
    return;
  }
  e->code = code;
  e->severity = severity;
  e->id = id;
  e->message = msg.data ? msg.data : dup_or_empty("");
  e->source = dup_or_empty(source);
  e->path = dup_or_empty(path);
  e->line = line;
  e->column = column;
  if (e->message == NULL || e->source == NULL || e->path == NULL) {
    error_free_one(e);
    d->failed_ = 1;
    if (d->first_code == 0 && severity == GOVOPEN_SEVERITY_ERROR) d->first_code = GOVOPEN_ENOMEM;
    return;
  }
  /* past the limit only the latest is held: memory stays bounded */
  if (d->kept >= diags_max(d))
    drop_node(d, e);
  else
    link_kept(d, e);
  count_found(d, severity, code);
}

void gv_diag_add(gv_diags *d, int severity, int code, const char *source, unsigned line, unsigned column,
                 const char *path, const char *id, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  gv_diag_vadd(d, severity, code, source, line, column, path, id, fmt, ap);
  va_end(ap);
}

void gv_diag_oom(gv_diags *d, const char *source) {
  if (d->failed_) return;
  gv_diag_add(d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ENOMEM, source, 0, 0, "", "system.out_of_memory", "out of memory");
  d->failed_ = 1;
}

int gv_diags_status(const gv_diags *d) {
  /* memory running out makes the diagnosis incomplete: that comes first */
  if (d->failed_) return GOVOPEN_ENOMEM;
  return d->first_code;
}

/* "4,499": counts in messages are read by people. */
static void put_count(gv_buf *b, size_t n) {
  char digits[32];
  int len = snprintf(digits, sizeof digits, "%zu", n);
  for (int i = 0; i < len; i++) {
    if (i > 0 && (len - i) % 3 == 0) gv_buf_putc(b, ',');
    gv_buf_putc(b, digits[i]);
  }
}

/* The closing diagnostic for these counts, at `last` and quoting it. */
static govopen_error *summary_node(size_t derr, size_t dwarn, size_t max, const char *limit_name,
                                   const govopen_error *last) {
  gv_buf msg = {0};
  gv_buf_puts(&msg, "… and ");
  if (derr) {
    put_count(&msg, derr);
    gv_buf_puts(&msg, derr == 1 ? " more error" : " more errors");
  }
  if (dwarn) {
    gv_buf_puts(&msg, derr ? " and " : "");
    put_count(&msg, dwarn);
    gv_buf_puts(&msg, dwarn == 1 ? " more warning" : " more warnings");
  }
  gv_buf_puts(&msg, " not shown (");
  gv_buf_puts(&msg, limit_name ? limit_name : "GOVOPEN_OPT_MAX_DIAGNOSTICS");
  gv_buf_puts(&msg, " keeps ");
  put_count(&msg, max);
  gv_buf_puts(&msg, "); the last of them: ");
  gv_buf_puts(&msg, last->message);
  govopen_error *e = calloc(1, sizeof *e);
  if (e == NULL || gv_buf_status(&msg) != GOVOPEN_OK) {
    free(e);
    gv_buf_free(&msg);
    return NULL;
  }
  e->code = GOVOPEN_ELIMIT;
  e->id = GV_ID_NOT_SHOWN;
  e->severity = derr ? GOVOPEN_SEVERITY_ERROR : GOVOPEN_SEVERITY_WARNING;
  e->message = msg.data;
  e->source = dup_or_empty(last->source);
  e->path = dup_or_empty(last->path);
  e->line = last->line;
  e->column = last->column;
  if (e->source == NULL || e->path == NULL) {
    error_free_one(e);
    return NULL;
  }
  return e;
}

void gv_diags_set_summary(gv_diags *d, govopen_error *summary) {
  if (d->summary) {
    if (d->tail)
      d->tail->next = NULL;
    else
      d->head = NULL;
    error_free_one(d->summary);
    d->summary = NULL;
  }
  if (summary == NULL) return;
  summary->next = NULL;
  d->summary = summary;
  if (d->tail)
    d->tail->next = summary;
  else
    d->head = summary;
}

void gv_diags_summarize(gv_diags *d) {
  if (d->last == NULL) return;
  govopen_error *e = summary_node(d->dropped_errors, d->dropped_warnings, diags_max(d), d->limit_name, d->last);
  if (e == NULL) {
    d->failed_ = 1; /* the old one, if any, stays: it counts fewer, but is still true */
    return;
  }
  gv_diags_set_summary(d, e);
}

int gv_diags_summary_after(const gv_diags *into, const gv_diags *from, govopen_error **out) {
  *out = NULL;
  size_t room = into->kept < diags_max(into) ? diags_max(into) - into->kept : 0;
  size_t derr = into->dropped_errors + from->dropped_errors, dwarn = into->dropped_warnings + from->dropped_warnings;
  const govopen_error *last = from->last ? from->last : NULL, *over = NULL;
  size_t i = 0;
  for (const govopen_error *e = from->head; e && e != from->summary; e = e->next, i++) {
    if (i < room) continue;
    over = e;
    if (e->severity == GOVOPEN_SEVERITY_ERROR)
      derr++;
    else
      dwarn++;
  }
  /* what `from` dropped came after all it kept */
  if (last == NULL) last = over ? over : into->last;
  if (last == NULL) return GOVOPEN_OK;
  *out = summary_node(derr, dwarn, diags_max(into), into->limit_name, last);
  return *out ? GOVOPEN_OK : GOVOPEN_ENOMEM;
}

static void diags_clear_dropped(gv_diags *d) {
  if (d->last) error_free_one(d->last);
  d->last = NULL;
  d->dropped_errors = d->dropped_warnings = 0;
  d->summary = NULL;
  d->kept = 0;
}

govopen_error *gv_diags_take(gv_diags *d) {
  gv_diags_summarize(d);
  govopen_error *e = d->head;
  govopen_error *last = d->summary ? d->summary : d->tail;
  int recorded = 0;
  for (const govopen_error *x = e; x && !recorded; x = x->next)
    recorded = x->code == GOVOPEN_ENOMEM && x->severity == GOVOPEN_SEVERITY_ERROR;
  if ((e == NULL && gv_diags_status(d) != 0) || (d->failed_ && !recorded)) {
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
    if (o && last)
      last->next = o;
    else if (o)
      e = o;
  }
  d->head = d->tail = NULL;
  diags_clear_dropped(d);
  return e;
}

void gv_diags_append(gv_diags *into, gv_diags *from) {
  govopen_error *e = from->head;
  while (e && e != from->summary) {
    govopen_error *next = e->next;
    if (into->kept < diags_max(into))
      link_kept(into, e);
    else
      drop_node(into, e);
    e = next;
  }
  if (from->last) {
    /* what `from` dropped came after all it kept: its latest is the latest */
    if (into->dropped_warnings == 0 && from->dropped_warnings) into->dropped_warning_code = from->dropped_warning_code;
    into->dropped_errors += from->dropped_errors;
    into->dropped_warnings += from->dropped_warnings;
    if (into->last) error_free_one(into->last);
    into->last = from->last;
    from->last = NULL;
  }
  if (from->summary) error_free_one(from->summary);
  into->errors += from->errors;
  into->warnings += from->warnings;
  if (into->first_code == 0) into->first_code = from->first_code;
  into->failed_ |= from->failed_;
  from->head = from->tail = NULL;
  from->errors = from->warnings = 0;
  from->first_code = 0;
  from->failed_ = 0;
  diags_clear_dropped(from);
}

const char *gv_diags_last_message(const gv_diags *d) {
  if (d->last) return d->last->message;
  return d->tail ? d->tail->message : NULL;
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
  if (d->dropped_warnings) {
    if (d->first_code == 0) d->first_code = d->dropped_warning_code;
    d->warnings -= d->dropped_warnings;
    d->errors += d->dropped_warnings;
    d->dropped_errors += d->dropped_warnings;
    d->dropped_warnings = 0;
    d->last->severity = GOVOPEN_SEVERITY_ERROR;
  }
}

void gv_diags_free(gv_diags *d) {
  gv_error_free(d->head);
  d->head = d->tail = NULL;
  diags_clear_dropped(d);
}

int gv_diags_finish(gv_diags *d, govopen_error **err) {
  int status = gv_diags_status(d);
  if (status == GOVOPEN_OK) {
    gv_diags_free(d);
    return GOVOPEN_OK;
  }
  govopen_error *chain = gv_diags_take(d);
  if (err)
    *err = chain;
  else
    gv_error_free(chain);
  return status;
}

int gv_error_set(govopen_error **err, int code, const char *source, const char *id, const char *fmt, ...) {
  gv_diags d = {0};
  va_list ap;
  va_start(ap, fmt);
  gv_diag_vadd(&d, GOVOPEN_SEVERITY_ERROR, code, source, 0, 0, "", id, fmt, ap);
  va_end(ap);
  govopen_error *e = gv_diags_take(&d);
  if (err)
    *err = e;
  else
    gv_error_free(e);
  return code;
}

const char *gv_status_str(int status) {
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
    case GOVOPEN_ESTOPPED: return "stopped by the write callback";
    default: return "unknown status";
  }
}

int gv_error_ensure(govopen_error **err, int code, const char *what) {
  if (code != GOVOPEN_OK && err != NULL && *err == NULL)
    gv_error_set(err, code, "", "api.call_failed", "%s: %s", what, gv_status_str(code));
  return code;
}

size_t gv_error_count(const govopen_error *e, int severity) {
  size_t n = 0;
  for (; e; e = e->next)
    if (severity < 0 || e->severity == severity) n++;
  return n;
}

int gv_error_format(const govopen_error *e, char **out, size_t *out_len) {
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
  if (gv_buf_status(&b) != GOVOPEN_OK) {
    gv_buf_free(&b);
    return GOVOPEN_ENOMEM;
  }
  *out = b.data;
  if (out_len) *out_len = b.len;
  return GOVOPEN_OK;
}

void gv_error_free(govopen_error *e) {
  while (e) {
    govopen_error *next = e->next;
    error_free_one(e);
    e = next;
  }
}
