/* The message identifier of a diagnostic (include/govopen/error.h). */
#include "util/error.h"

const char *govopen_error_id(const govopen_error *e) { return e ? e->id : NULL; }
