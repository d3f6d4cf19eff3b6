/* Compiling rule blocks (YAML trees) into rules (rules/rule.h). */
#ifndef GV_RULE_LOAD_H
#define GV_RULE_LOAD_H

#include "load/schema.h"
#include "rules/rule.h"
#include "util/buf.h"

/* Compiles a point's `rule` block for a point worth `max` hundredths. The
   caller has pushed the block's path. Returns GOVOPEN_OK with *out set, or
   gv_sc_failed() (GOVOPEN_ESCHEMA, GOVOPEN_ENOMEM) after reporting every
   problem, *out NULL. The rule's kind compiles its own keys
   (rules/kind_<name>.c), reading them through this file's reader.
   gv_rule_default_manual (rules/rule.h) gives the rule of a point that has
   none. */
int gv_rule_compile(gv_schema *sc, const gv_ynode *block, int64_t max, gv_arena *arena, gv_rule **out);

#endif
