/* What an expression rule's expression may name besides its sample fields. */
#ifndef GV_EXPR_RULE_H
#define GV_EXPR_RULE_H

#include "rules/expr.h"

/* max_score (number), as_of (date), n (number), period_start, period_end (dates) */
#define GV_EXPR_RULE_GLOBAL_COUNT 5
extern const gv_expr_decl gv_expr_rule_globals[GV_EXPR_RULE_GLOBAL_COUNT];

#endif
