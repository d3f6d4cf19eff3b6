/*
 * libgovopen — scores government-openness (政务公开) performance evaluations.
 *
 * Ownership, said once for the whole API:
 *  - an object returned through a `**out` parameter belongs to the caller and
 *    is released with its own govopen_X_free(), which accepts NULL;
 *  - a returned `const` pointer or `const char *` is borrowed: it lives as long
 *    as the handle that gave it;
 *  - text allocated for the caller comes back as `char **out, size_t *out_len`
 *    and is released with govopen_free(), never free().
 * Strings are UTF-8. Fallible functions return a govopen_status (0 = success)
 * and report details through a trailing `govopen_error **err`.
 * A loaded framework is immutable and may be shared between threads; options
 * objects are used by one thread at a time. There is no global state and no
 * initialisation call. See docs/threading.md.
 */
#ifndef GOVOPEN_H
#define GOVOPEN_H

#include <govopen/version.h>
#include "common.h"
#include "error.h"
#include "options.h"
#include "framework.h"
#include "evaluate.h"
#include "report.h"
#include "calendar.h"
#include "diff.h"
#include "convert.h"

#endif
