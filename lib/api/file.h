/* Reading a whole input file for the loaders (api/load.c). */
#ifndef GV_FILE_H
#define GV_FILE_H

#include <stddef.h>

#include "govopen/error.h"

/* Reads a whole file, refusing more than `limit` bytes without reading them.
   On success `*out` (malloc'd, may be NULL for an empty file) and `*out_len`
   are set; on failure a single diagnostic goes to `*err` (when not NULL). */
int gv_read_file(const char *path, size_t limit, char **out, size_t *out_len, govopen_error **err);

#endif
