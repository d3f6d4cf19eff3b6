/* Reading a whole input file for the loaders (load/file.h). */
#define _XOPEN_SOURCE 700 /* fileno */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load/file.h"
#include "util/buf.h"
#include "util/error.h"

int gv_read_file(const char *path, size_t limit, char **out, size_t *out_len, govopen_error **err) {
  *out = NULL;
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    int e = errno;
    /* fopen allocates the FILE: its failure is ours to report as such. */
    if (e == ENOMEM) return gv_error_set(err, GOVOPEN_ENOMEM, path, "system.out_of_memory", "out of memory");
    int code = e == ENOENT ? GOVOPEN_ENOTFOUND : GOVOPEN_EIO;
    return gv_error_set(err, code, path, "file.open_failed", "cannot open the file: %s", strerror(e));
  }
  gv_buf b = {0};
  /* a regular file's size is known: one block of it, read straight in */
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && (uint64_t)st.st_size <= limit) {
    b.data = malloc((size_t)st.st_size + 1);
    if (b.data == NULL) {
      fclose(f);
      return gv_error_set(err, GOVOPEN_ENOMEM, path, "system.out_of_memory", "out of memory");
    }
    b.cap = (size_t)st.st_size + 1;
    b.len = fread(b.data, 1, (size_t)st.st_size, f);
    b.data[b.len] = '\0';
  }
  char chunk[65536];
  size_t n;
  int too_big = 0;
  while (gv_buf_status(&b) == GOVOPEN_OK &&
         (n = fread(chunk, 1, sizeof chunk, f)) > 0) { /* the rest, or a file whose size was not known */
    if (b.len + n > limit) {
      too_big = 1;
      break;
    }
    gv_buf_append(&b, chunk, n);
  }
  int read_error = ferror(f);
  fclose(f);
  if (too_big) {
    gv_buf_free(&b);
    return gv_error_set(err, GOVOPEN_ELIMIT, path, "limit.file_too_large",
                        "the file is larger than the limit of %zu bytes (GOVOPEN_OPT_MAX_SIZE)", limit);
  }
  if (gv_buf_status(&b) != GOVOPEN_OK) {
    gv_buf_free(&b);
    return gv_error_set(err, GOVOPEN_ENOMEM, path, "system.out_of_memory", "out of memory");
  }
  if (read_error) {
    gv_buf_free(&b);
    return gv_error_set(err, GOVOPEN_EIO, path, "file.read_failed", "cannot read the file");
  }
  *out = b.data;
  *out_len = b.len;
  return GOVOPEN_OK;
}
