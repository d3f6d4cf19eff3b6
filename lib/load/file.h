/* Reading the files the loaders read: a whole input file (file.c), the base
 * an overlay extends (base_file.c). Called by lib/api with the caller's limits. */
#ifndef GV_LOAD_FILE_H
#define GV_LOAD_FILE_H

#include <stddef.h>

#include "govopen/error.h"

/* Reads a whole file, refusing more than `limit` bytes without reading them.
   On success `*out` (malloc'd, may be NULL for an empty file) and `*out_len`
   are set; on failure a single diagnostic goes to `*err` (when not NULL). */
int gv_read_file(const char *path, size_t limit, char **out, size_t *out_len, govopen_error **err);

/* Reads the file `path` that an overlay's `extends` names (the name it
   wrote, resolved against its own directory) as GOVOPEN_OPT_EXTENDS_FILES
   `mode` allows: 1, only a file whose real path is under the real path of
   `root`; 2, any file. Either way only a regular file (no device, pipe,
   socket, directory or file of /proc or /sys), its type checked before it
   is opened and again on the descriptor, opened so that it cannot block,
   and read within `limit` bytes. On success `*data` and `*len` hold its
   text and `*real` its real path, both malloc'd. Otherwise a status, and
   in `msg` why — naming nothing of the file but `path` when it is missing. */
int gv_read_base_file(const char *path, int mode, const char *root, size_t limit, char **data, size_t *len, char **real,
                      char *msg, size_t msg_size);

#endif
