/* The built-in frameworks, generated into builtin_data.c by cmake/embed.cmake. */
#ifndef GV_BUILTIN_H
#define GV_BUILTIN_H

#include <stddef.h>

typedef struct gv_builtin {
  const char *id;
  const char *source_name;
  const char *data;
  size_t len;
} gv_builtin;

extern const gv_builtin gv_builtins[];
extern const size_t gv_builtin_count;

#endif
