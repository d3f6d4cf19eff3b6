/* The built-ins through the public API under one pattern of names,
 * govopen_builtin_<thing>_<what> (docs/abi.md, "Built-ins"): thin reads of
 * the tables cmake/embed.cmake generates. The first names
 * (govopen_builtin_count, _id, _yaml) stay where they were defined. */
#include <string.h>

#include <govopen/calendar.h>
#include <govopen/framework.h>

#include "api/builtin.h"

/* The entry of `table` (`n` entries) whose id is `id`; NULL for none or a NULL id. */
static const gv_builtin *find(const gv_builtin *table, size_t n, const char *id) {
  for (size_t i = 0; id && i < n; i++)
    if (strcmp(table[i].id, id) == 0) return &table[i];
  return NULL;
}

/* The text of `b` with its length in `*len` (may be NULL; 0 for none). */
static const char *text_of(const gv_builtin *b, size_t *len) {
  if (len) *len = b ? b->len : 0;
  return b ? b->data : NULL;
}

size_t govopen_builtin_framework_count(void) { return gv_builtin_count; }

const char *govopen_builtin_framework_id(size_t i) { return i < gv_builtin_count ? gv_builtins[i].id : NULL; }

const char *govopen_builtin_framework_yaml(const char *id, size_t *len) {
  return text_of(find(gv_builtins, gv_builtin_count, id), len);
}

const char *govopen_builtin_calendar_yaml(const char *id, size_t *len) {
  return text_of(find(gv_builtin_calendars, gv_builtin_calendar_count, id), len);
}
