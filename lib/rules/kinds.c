/* The registry: the table of the kinds' ops tables, built from the one list
 * of kinds (rules/kinds.h), and the lookups by enum and by name. */
#include <string.h>

#include "rules/kind_impl.h"

#define GV_KIND_DECLARE_(K, k) extern const gv_kind_ops gv_kind_##k;
GV_RULE_KINDS(GV_KIND_DECLARE_)
#undef GV_KIND_DECLARE_

#define GV_KIND_ENTRY_(K, k) [GV_RULE_##K] = &gv_kind_##k,
const gv_kind_ops *const gv_kind_table[GV_RULE_KIND_COUNT] = {GV_RULE_KINDS(GV_KIND_ENTRY_)};
#undef GV_KIND_ENTRY_

const char *gv_rule_kind_name(gv_rule_kind kind) {
  const gv_kind_ops *k = gv_kind_get(kind);
  return k ? k->name : NULL;
}

int gv_rule_kind_from_name(const char *name) {
  for (int i = 0; i < GV_RULE_KIND_COUNT; i++)
    if (strcmp(gv_kind_table[i]->name, name) == 0) return i;
  return -1;
}

void gv_rule_kind_names(gv_buf *b) {
  for (int i = 0; i < GV_RULE_KIND_COUNT; i++) {
    if (i) gv_buf_puts(b, i == GV_RULE_KIND_COUNT - 1 ? " or " : ", ");
    gv_buf_puts(b, gv_kind_table[i]->name);
  }
}

const char *gv_rule_kind_label(gv_rule_kind kind, int en) {
  const gv_kind_ops *k = gv_kind_get(kind);
  return k == NULL ? "" : en ? k->name : k->label_zh;
}
