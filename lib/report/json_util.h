/* Helpers shared by the JSON writers (cJSON stays inside lib/report). */
#ifndef GV_JSON_UTIL_H
#define GV_JSON_UTIL_H

#include <cJSON.h>
#include <stddef.h>
#include <stdint.h>

/* A score in hundredths as a JSON number with at most two decimals,
   formatted by us so output is identical on every machine. */
cJSON *gv_json_score(int64_t cents);
/* Attaches `item` to `obj` under `key` (or to an array); deletes the item
   when attaching fails; -1 when `item` is NULL or attaching failed. */
int gv_json_put(cJSON *obj, const char *key, cJSON *item);
int gv_json_push(cJSON *arr, cJSON *item);
int gv_json_put_str(cJSON *obj, const char *key, const char *s);
/* Prints `root` (pretty when `pretty`), deletes it, and hands the text out
   from our allocator (never cJSON's). GOVOPEN_OK or GOVOPEN_ENOMEM. */
int gv_json_finish(cJSON *root, int pretty, char **out, size_t *out_len);

#endif
