/* The error object and diagnostic lists (the public govopen_error). */
#ifndef GV_ERROR_H
#define GV_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#include "govopen/error.h"
#include "util/compiler.h"

struct govopen_error {
  int code;
  int severity;
  char *message;
  char *source;
  char *path;
  unsigned line, column;
  struct govopen_error *next;
  const char *id; /* the message's identifier, "rule.floor_above_max": a static string, never freed */
};

/* Diagnostics collected while loading one document (or by an evaluation).
   At most `max` are kept in the chain; the ones found after that are only
   counted (and the latest of them remembered, so that what ended a reading
   is not lost), and a closing diagnostic says how many were not shown. */
/* The identifiers of the two diagnostics no call raises: memory ran out, and
   the closing "… and N more errors not shown". */
#define GV_ID_OOM "system.out_of_memory"
#define GV_ID_NOT_SHOWN "limit.more_not_shown"

typedef struct gv_diags {
  govopen_error *head, *tail; /* the kept ones, in the order found */
  size_t errors, warnings;    /* every one found, kept or not */
  int first_code;             /* code of the first error, 0 when none */
  int failed_;                /* a diagnostic could not be recorded (memory): the sink's own, read gv_diags_status() */
  size_t max;                 /* most kept; 0: GOVOPEN_DEFAULT_MAX_DIAGNOSTICS */
  const char *limit_name; /* the option that sets `max`, for the closing message; NULL: GOVOPEN_OPT_MAX_DIAGNOSTICS */
  size_t kept;
  size_t dropped_errors, dropped_warnings; /* found once `max` were kept */
  int dropped_warning_code;                /* the first dropped warning's (strict mode makes it an error) */
  govopen_error *last;                     /* the latest dropped one (owned, in no chain) */
  govopen_error *summary;                  /* "… N more not shown", after `tail` once built */
} gv_diags;

/* Records a diagnostic. `id` names the message, whatever its words: a
   static string such as "rule.floor_above_max", written where the message
   is raised (docs/architecture.md, "Message identifiers";
   scripts/check_msgids.py checks them). */
GV_PRINTF(9, 10)
void gv_diag_add(gv_diags *d, int severity, int code, const char *source, unsigned line, unsigned column,
                 const char *path, const char *id, const char *fmt, ...);
GV_PRINTF(9, 0)
void gv_diag_vadd(gv_diags *d, int severity, int code, const char *source, unsigned line, unsigned column,
                  const char *path, const char *id, const char *fmt, va_list ap);
/* Records an out-of-memory error (once): GV_ID_OOM. */
void gv_diag_oom(gv_diags *d, const char *source);
/* Marks the diagnosis incomplete (memory ran out) without recording a
   diagnostic: for code that edits a diagnostic the sink already holds and
   could not; gv_diags_status() then says GOVOPEN_ENOMEM. */
static inline void gv_diags_fail(gv_diags *d) { d->failed_ = 1; }
/* The status the diagnostics amount to: 0 when no error, GOVOPEN_ENOMEM when
   memory ran out (the diagnosis is incomplete), else the first error's code. */
int gv_diags_status(const gv_diags *d);
/* Moves the chain out (to the caller), closed by the count of the dropped
   ones when there are any; the list is left empty. */
govopen_error *gv_diags_take(gv_diags *d);
/* Builds (or rewrites) the closing diagnostic that counts the dropped ones,
   linked after the kept ones; nothing when none was dropped. */
void gv_diags_summarize(gv_diags *d);
/* Moves everything `from` holds after what `into` holds (counts, codes,
   the kept ones while `into` has room, the rest counted as dropped);
   `from` is left empty and must not be summarized. Allocates nothing. */
void gv_diags_append(gv_diags *into, gv_diags *from);
/* The closing diagnostic `into` would need after gv_diags_append(into,
   from) (NULL when nothing would be dropped), built before anything is
   changed: GOVOPEN_OK, or GOVOPEN_ENOMEM. */
int gv_diags_summary_after(const gv_diags *into, const gv_diags *from, govopen_error **out);
/* Puts `summary` (from gv_diags_summary_after, may be NULL) in place of
   `d`'s closing diagnostic. Allocates nothing. */
void gv_diags_set_summary(gv_diags *d, govopen_error *summary);
/* The message of the latest diagnostic found, kept or dropped; NULL when none. */
const char *gv_diags_last_message(const gv_diags *d);
/* Turns every warning into an error (strict mode). */
void gv_diags_promote_warnings(gv_diags *d);
void gv_diags_free(gv_diags *d);

/* Ends a load: the status the diagnostics amount to; when it is an error,
   the chain goes to `*err` (or is freed when `err` is NULL), else it is freed. */
int gv_diags_finish(gv_diags *d, govopen_error **err);

/* Hands `*err` (when not NULL) a single error diagnostic from `source`, with
   no position; returns `code`. For API calls that fail before any document
   is read. */
GV_PRINTF(5, 6)
int gv_error_set(govopen_error **err, int code, const char *source, const char *id, const char *fmt, ...);

/* The error contract of every public call that takes `err` (govopen.h):
   when `code` is a failure, `err` is not NULL and `*err` is still NULL,
   hands `*err` one diagnostic "<what>: <status text>" so that no failure
   goes without details. Returns `code`. */
int gv_error_ensure(govopen_error **err, int code, const char *what);

/* What the public accessors of include/govopen/error.h (lib/api/error.c)
   stand on; the layers below lib/api use these, never a govopen_* function. */

/* Frees a whole chain; NULL is fine. */
void gv_error_free(govopen_error *e);

/* The static text of a status ("unknown status" for none). */
const char *gv_status_str(int status);

/* How many diagnostics of `severity` (all when negative) the chain from `e` holds. */
size_t gv_error_count(const govopen_error *e, int severity);

/* "source:line:column: error: message [path]" of `e` (not NULL), malloc'd
   into *out (and its length into *out_len when not NULL); GOVOPEN_ENOMEM
   leaves them untouched. */
int gv_error_format(const govopen_error *e, char **out, size_t *out_len);

#endif
