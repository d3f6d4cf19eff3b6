/* Compiling rule blocks (YAML trees) into rules (rules/rule.h). */
#ifndef GV_RULE_LOAD_H
#define GV_RULE_LOAD_H

#include "load/schema.h"
#include "rules/rule.h"
#include "util/buf.h"

/* Compiles a point's `rule` block for a point worth `max` hundredths. The
   caller has pushed the block's path. Returns 0 with *out set, or -1 after
   reporting every problem. The rule's kind compiles its own keys
   (rules/kind_<name>.c), reading them through this file's reader.
   gv_rule_default_manual (rules/rule.h) gives the rule of a point that has
   none. */
int gv_rule_compile(gv_schema *sc, const gv_ynode *block, int64_t max, gv_arena *arena, gv_rule **out);

#endif
