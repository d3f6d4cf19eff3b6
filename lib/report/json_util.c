/* Helpers shared by the JSON writers. */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "govopen/common.h"

#include "report/json_util.h"

/* Scores are hundredths: printed as numbers with at most two decimals,
   the same on every machine (cJSON prints doubles with %.15g, which is exact
   for these values, but we do not rely on it: we print them ourselves). */
cJSON *gv_json_score(int64_t cents) {
  char buf[40];
  int64_t a = cents < 0 ? -cents : cents;
  const char *sign = cents < 0 ? "-" : "";
  if (a % 100 == 0)
    snprintf(buf, sizeof buf, "%s%lld", sign, (long long)(a / 100));
  else if (a % 10 == 0)
    snprintf(buf, sizeof buf, "%s%lld.%lld", sign, (long long)(a / 100), (long long)(a % 100 / 10));
  else
    snprintf(buf, sizeof buf, "%s%lld.%02lld", sign, (long long)(a / 100), (long long)(a % 100));
  return cJSON_CreateRaw(buf);
}

/* Attaches `item` to `obj` under `key`; deletes it when attaching fails. */
int gv_json_put(cJSON *obj, const char *key, cJSON *item) {
  if (item == NULL) return -1;
  if (!cJSON_AddItemToObject(obj, key, item)) {
    cJSON_Delete(item);
    return -1;
  }
  return 0;
}

int gv_json_push(cJSON *arr, cJSON *item) {
  if (item == NULL) return -1;
  if (!cJSON_AddItemToArray(arr, item)) {
    cJSON_Delete(item);
    return -1;
  }
  return 0;
}

int gv_json_put_str(cJSON *obj, const char *key, const char *s) { return gv_json_put(obj, key, cJSON_CreateString(s ? s : "")); }


int gv_json_finish(cJSON *root, int pretty, char **out, size_t *out_len) {
  char *text = pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
  cJSON_Delete(root);
  if (text == NULL) return GOVOPEN_ENOMEM;
  size_t len = strlen(text);
  char *copy = malloc(len + 1);
  if (copy) memcpy(copy, text, len + 1);
  cJSON_free(text);
  if (copy == NULL) return GOVOPEN_ENOMEM;
  *out = copy;
  if (out_len) *out_len = len;
  return GOVOPEN_OK;
}
