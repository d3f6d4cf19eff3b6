/* What changed between two frameworks, inside the library (report/diff.c). */
#ifndef GV_DIFF_H
#define GV_DIFF_H

#include <stddef.h>

#include "govopen/diff.h"

/* govopen_framework_diff() once its arguments are checked: `a` and `b` not
   NULL, `flags` known and consistent. A NULL `write` only counts. The number
   of changes goes to *changes (when not NULL) on success. */
int gv_framework_diff(const govopen_framework *a, const govopen_framework *b, unsigned flags, govopen_write_fn write,
                      void *user, size_t *changes);

#endif
