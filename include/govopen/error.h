/* libgovopen: error and diagnostic objects. */
#ifndef GOVOPEN_ERROR_H
#define GOVOPEN_ERROR_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A diagnostic: one error or warning with its position.
 *
 * Fallible functions take a last parameter `govopen_error **err`. It may be
 * NULL. On failure `*err` receives a chain of every diagnostic found (errors
 * and warnings, in the order found), which belongs to the caller and is
 * released with govopen_error_free(). On success `*err` is set to NULL.
 */
typedef struct govopen_error govopen_error;

/** Severity of a diagnostic. */
typedef enum govopen_severity { GOVOPEN_SEVERITY_ERROR = 0, GOVOPEN_SEVERITY_WARNING = 1 } govopen_severity;

/** The status code of this diagnostic (a govopen_status). */
GOVOPEN_API int govopen_error_code(const govopen_error *e);
/** A govopen_severity: GOVOPEN_SEVERITY_ERROR or GOVOPEN_SEVERITY_WARNING. */
GOVOPEN_API int govopen_error_severity(const govopen_error *e);
/** The message, in English with the document's own words quoted. */
GOVOPEN_API const char *govopen_error_message(const govopen_error *e);
/**
 * The message's identifier: a short dotted lowercase name such as
 * "rule.floor_above_max", "yaml.syntax" or "limit.more_not_shown", the
 * same for every diagnostic of that message whatever its words or the
 * values quoted in it (a translation or a program keys on it, not on the
 * English text). Every diagnostic of the library has one. Static storage;
 * NULL for NULL.
 */
GOVOPEN_API const char *govopen_error_id(const govopen_error *e);
/** The source name (a file name, "builtin:…", or the name given to a buffer); "" when none. */
GOVOPEN_API const char *govopen_error_source(const govopen_error *e);
/** 1-based line, counted in lines; 0 when unknown. */
GOVOPEN_API unsigned govopen_error_line(const govopen_error *e);
/** 1-based column, counted in characters; 0 when unknown. */
GOVOPEN_API unsigned govopen_error_column(const govopen_error *e);
/** The path inside the document, e.g. "indicators[0].children[1].score"; "" at the top. */
GOVOPEN_API const char *govopen_error_path(const govopen_error *e);
/** The next diagnostic in the chain, or NULL. Borrowed from the chain. */
GOVOPEN_API const govopen_error *govopen_error_next(const govopen_error *e);
/**
 * How many diagnostics of severity `severity` (a govopen_severity) the chain
 * starting at `e` holds; -1, which no govopen_severity is, counts all (so the
 * parameter stays an int).
 */
GOVOPEN_API size_t govopen_error_count(const govopen_error *e, int severity);

/**
 * Formats one diagnostic as "source:line:column: error: message [path]".
 * `*out` (NUL-terminated, `*out_len` bytes before the NUL) belongs to the
 * caller: release it with govopen_free(). `out_len` may be NULL.
 */
GOVOPEN_API int govopen_error_format(const govopen_error *e, char **out, size_t *out_len);

/** Frees a whole chain. Accepts NULL. Only for chains handed to the caller. */
GOVOPEN_API void govopen_error_free(govopen_error *e);

#ifdef __cplusplus
}
#endif
#endif
