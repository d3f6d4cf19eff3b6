/* The error object and diagnostic lists (the public govopen_error). */
#ifndef GV_ERROR_H
#define GV_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#include "govopen/error.h"

struct govopen_error {
  int code;
  int severity;
  char *message;
  char *source;
  char *path;
  unsigned line, column;
  struct govopen_error *next;
};

/* Diagnostics collected while loading. */
typedef struct gv_diags {
  govopen_error *head, *tail;
  size_t errors, warnings;
  int first_code; /* code of the first error, 0 when none */
  int oom;        /* a diagnostic could not be recorded */
} gv_diags;

#if defined(__GNUC__)
__attribute__((format(printf, 8, 9)))
#endif
void gv_diag_add(gv_diags *d, int severity, int code, const char *source, unsigned line,
                 unsigned column, const char *path, const char *fmt, ...);
#if defined(__GNUC__)
__attribute__((format(printf, 8, 0)))
#endif
void gv_diag_vadd(gv_diags *d, int severity, int code, const char *source, unsigned line,
                  unsigned column, const char *path, const char *fmt, va_list ap);
/* Records an out-of-memory error (once). */
void gv_diag_oom(gv_diags *d, const char *source);
/* The status the diagnostics amount to: 0 when no error, GOVOPEN_ENOMEM when
   memory ran out (the diagnosis is incomplete), else the first error's code. */
int gv_diags_status(const gv_diags *d);
/* Moves the chain out (to the caller); the list is left empty. */
govopen_error *gv_diags_take(gv_diags *d);
/* Turns every warning into an error (strict mode). */
void gv_diags_promote_warnings(gv_diags *d);
void gv_diags_free(gv_diags *d);

/* Ends a load: the status the diagnostics amount to; when it is an error,
   the chain goes to `*err` (or is freed when `err` is NULL), else it is freed. */
int gv_diags_finish(gv_diags *d, govopen_error **err);

/* Hands `*err` (when not NULL) a single error diagnostic from `source`, with
   no position; returns `code`. For API calls that fail before any document
   is read. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
int gv_error_set(govopen_error **err, int code, const char *source, const char *fmt, ...);

#endif
