/* The expression kind's scoring, kept apart so score.c needs nothing of the
 * expression language's internals. */
#ifndef GV_EXPR_BRIDGE_H
#define GV_EXPR_BRIDGE_H

#include "rules/rule.h"
#include "util/buf.h"

/* Scores an expression rule; reasons are pushed onto `reasons` (gv_reason *
   items allocated in `arena`); sets *oom when memory runs out. */
void gv_rule_score_expression(const gv_rule *r, const gv_sample *samples, size_t n, const gv_rule_ctx *ctx,
                              gv_arena *arena, gv_outcome *out, gv_vec *reasons, int *oom);

#endif
