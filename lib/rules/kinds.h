/* The registry of rule kinds: the one list of them. Each kind is one module,
 * lib/rules/kind_<name>.c, exporting one ops table `gv_kind_<name>`
 * (rules/kind_impl.h); lib/rules/kinds.c builds the table of tables from
 * this list. Adding a kind: its file, a line here, its docs and tests
 * (docs/architecture.md, "A new rule kind"). The order gives the enum's
 * values, which nothing outside this file depends on. */
#ifndef GV_KINDS_H
#define GV_KINDS_H

/* X(ENUM, name): GV_RULE_ENUM, named `name` in YAML, its ops gv_kind_name. */
#define GV_RULE_KINDS(X)                \
  X(BOOLEAN, boolean)                   \
  X(CHECKLIST, checklist)               \
  X(DEADLINE, deadline)                 \
  X(RECENCY, recency)                   \
  X(COUNT_PER_PERIOD, count_per_period) \
  X(SAMPLE_RATIO, sample_ratio)         \
  X(DEDUCTION, deduction)               \
  X(VETO, veto)                         \
  X(MANUAL, manual)                     \
  X(EXPRESSION, expression)

#define GV_RULE_KIND_ENUM_(K, k) GV_RULE_##K,
typedef enum gv_rule_kind { GV_RULE_KINDS(GV_RULE_KIND_ENUM_) GV_RULE_KIND_COUNT } gv_rule_kind;
#undef GV_RULE_KIND_ENUM_

#endif
