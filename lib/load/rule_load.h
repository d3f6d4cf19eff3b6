/* Compiling rule blocks (YAML trees) into rules (rules/rule.h). */
#ifndef GV_RULE_LOAD_H
#define GV_RULE_LOAD_H

#include "load/schema.h"
#include "rules/rule.h"
#include "util/buf.h"

/* Compiles a point's `rule` block for a point worth `max` hundredths. The
   caller has pushed the block's path. Returns 0 with *out set, or -1 after
   reporting every problem. */
int gv_rule_compile(gv_schema *sc, const gv_ynode *block, int64_t max, gv_arena *arena, gv_rule **out);

/* The rule of a point that has none: scored by hand. NULL when out of memory. */
gv_rule *gv_rule_default_manual(gv_arena *arena, int64_t max);

/* The expression kind's parameters (load/expr_load.c): `fields`, `score`,
   `reason`; declares the fields on `fields` (gv_fspec * items). */
void gv_rule_compile_expression(gv_schema *sc, const gv_ynode *block, gv_field *f, size_t nf, gv_arena *arena,
                                gv_rule *r, gv_vec *fields);

#endif
