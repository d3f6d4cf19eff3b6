/* libgovopen: frameworks (indicator systems), their tree, points, units and groups. */
#ifndef GOVOPEN_FRAMEWORK_H
#define GOVOPEN_FRAMEWORK_H

#include "common.h"
#include "error.h"
#include "options.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A loaded framework. Immutable once loaded: it may be shared by threads.
 * Every const pointer and string obtained from it (nodes, points, units,
 * groups, their texts) is borrowed and lives until govopen_framework_free().
 */
typedef struct govopen_framework govopen_framework;
/** An indicator: a node of the tree. The root is a synthetic node holding the level-1 indicators. */
typedef struct govopen_node govopen_node;
/** An evaluation point (评估点). */
typedef struct govopen_point govopen_point;
/** A responsible organisation. */
typedef struct govopen_unit govopen_unit;
/** A named set of units (各镇, 县政府各部门 …). */
typedef struct govopen_group govopen_group;

/** Unit kinds. */
typedef enum govopen_kind {
  GOVOPEN_UNIT_TOWN = 0,        /**< town 镇 */
  GOVOPEN_UNIT_DEPARTMENT = 1,  /**< county government department 县政府工作部门 */
  GOVOPEN_UNIT_INSTITUTION = 2, /**< institution 直属机构/事业单位 */
  GOVOPEN_UNIT_PARTY_ORG = 3,   /**< party organisation 党委部门/群团 */
  GOVOPEN_UNIT_OTHER = 4        /**< anything else */
} govopen_kind;

/** How an indicator combines its children's (or points') scores. */
typedef enum govopen_aggregate {
  GOVOPEN_AGGREGATE_SUM = 0,   /**< the maxima add up exactly to the indicator's */
  GOVOPEN_AGGREGATE_CAP = 1,   /**< the sum, capped at the indicator's maximum */
  GOVOPEN_AGGREGATE_SCALE = 2, /**< the achieved fraction of the children's maxima, scaled */
  GOVOPEN_AGGREGATE_MEAN = 3,  /**< the mean of the children's achieved fractions, scaled */
  GOVOPEN_AGGREGATE_MIN = 4    /**< the lowest of the children's achieved fractions, scaled */
} govopen_aggregate;

/* --- loading --------------------------------------------------------------- */

/**
 * Loads and validates a framework from a YAML file. `opts` may be NULL for
 * the defaults. On success `*out` belongs to the caller (free it with
 * govopen_framework_free()); warnings stay readable through
 * govopen_framework_warnings(). On failure `*out` is NULL and `*err` (when
 * `err` is not NULL) receives every diagnostic found.
 */
GOVOPEN_API int govopen_framework_load_file(govopen_framework **out, const char *path, const govopen_options *opts,
                                            govopen_error **err);
/**
 * Same as govopen_framework_load_file() from `len` bytes of UTF-8 at `data`;
 * `source_name` (may be NULL) names it in diagnostics.
 */
GOVOPEN_API int govopen_framework_load_buffer(govopen_framework **out, const char *data, size_t len,
                                              const char *source_name, const govopen_options *opts,
                                              govopen_error **err);
/** Loads a framework compiled into the library, e.g. "langao-2023". GOVOPEN_ENOTFOUND if none. */
GOVOPEN_API int govopen_framework_load_builtin(govopen_framework **out, const char *id, const govopen_options *opts,
                                               govopen_error **err);
/** Frees a framework and everything borrowed from it. Accepts NULL. */
GOVOPEN_API void govopen_framework_free(govopen_framework *fw);

/*
 * The built-in frameworks. Every built-in is named
 * govopen_builtin_<thing>_<what>, the thing a framework or a calendar
 * (govopen_builtin_calendar_count()), the what count, id or yaml
 * (docs/abi.md, "Built-ins").
 */
/** Number of built-in frameworks. */
GOVOPEN_API size_t govopen_builtin_framework_count(void);
/** The id of built-in framework `i` (from 0), or NULL when out of range. Static storage. */
GOVOPEN_API const char *govopen_builtin_framework_id(size_t i);
/**
 * The YAML text of built-in framework `id` (e.g. "langao-2023"), as it
 * was compiled into the library, in static storage (never freed), with its
 * length in `*len` (`len` may be NULL; 0 when there is none); NULL for a
 * NULL `id` or when there is no such built-in. A county starts its own
 * framework from a copy of it.
 */
GOVOPEN_API const char *govopen_builtin_framework_yaml(const char *id, size_t *len);
/**
 * govopen_builtin_framework_count() under its first name, kept for
 * compatibility (the ABI only grows); new code calls
 * govopen_builtin_framework_count().
 */
GOVOPEN_API size_t govopen_builtin_count(void);
/**
 * govopen_builtin_framework_id() under its first name, kept for
 * compatibility; new code calls govopen_builtin_framework_id().
 */
GOVOPEN_API const char *govopen_builtin_id(size_t i);

/* --- metadata -------------------------------------------------------------- */

/** The framework's `id:`; "" for a NULL framework. */
GOVOPEN_API const char *govopen_framework_id(const govopen_framework *fw);
/** The framework's `title:`; "" for a NULL framework. */
GOVOPEN_API const char *govopen_framework_title(const govopen_framework *fw);
/** "" when absent. */
GOVOPEN_API const char *govopen_framework_region(const govopen_framework *fw);
/** The evaluation year; 0 when absent. */
GOVOPEN_API int govopen_framework_year(const govopen_framework *fw);
/** The total score. */
GOVOPEN_API double govopen_framework_total(const govopen_framework *fw);
/** The working-day calendar's name (default "cn"). */
GOVOPEN_API const char *govopen_framework_calendar(const govopen_framework *fw);
/** The document's `schema:` version. */
GOVOPEN_API int govopen_framework_schema(const govopen_framework *fw);
/** The source name the framework was loaded from. */
GOVOPEN_API const char *govopen_framework_source_name(const govopen_framework *fw);
/** Warnings found while loading (e.g. open groups), as a chain; NULL when none. Borrowed. */
GOVOPEN_API const govopen_error *govopen_framework_warnings(const govopen_framework *fw);

/** Number of provenance (`source:`) entries of the framework itself; 0 for a NULL framework. */
GOVOPEN_API size_t govopen_framework_provenance_count(const govopen_framework *fw);
/** Provenance entry `i`; NULL for a NULL framework or `i` out of range. */
GOVOPEN_API const char *govopen_framework_provenance(const govopen_framework *fw, size_t i);

/* --- the indicator tree ---------------------------------------------------- */

/** The synthetic root: depth 0, id "", title the framework's, score the total. */
GOVOPEN_API const govopen_node *govopen_framework_root(const govopen_framework *fw);
/** Number of indicators, the root excluded. */
GOVOPEN_API size_t govopen_framework_node_count(const govopen_framework *fw);
/** Indicator `i` in pre-order (0 is the first level-1 indicator), or NULL. */
GOVOPEN_API const govopen_node *govopen_framework_node(const govopen_framework *fw, size_t i);
/** The indicator with this id, or NULL. */
GOVOPEN_API const govopen_node *govopen_framework_node_by_id(const govopen_framework *fw, const char *id);

/** Visit callback: a non-zero return stops the walk and is returned by it. */
typedef int (*govopen_node_visit_fn)(const govopen_node *node, void *payload);
/** Visits every indicator in pre-order (the root excluded). Returns 0 or the callback's non-zero value. */
GOVOPEN_API int govopen_framework_walk(const govopen_framework *fw, govopen_node_visit_fn fn, void *payload);

/** The node's id ("" for the root). */
GOVOPEN_API const char *govopen_node_id(const govopen_node *n);
/** The numbering as printed (e.g. "一、"); "" when absent. */
GOVOPEN_API const char *govopen_node_label(const govopen_node *n);
/** The node's title (the framework's for the root); "" for a NULL node. */
GOVOPEN_API const char *govopen_node_title(const govopen_node *n);
/** The maximum score. */
GOVOPEN_API double govopen_node_score(const govopen_node *n);
/** 1 when the maximum was derived by equal split, 0 when the document gave it. */
GOVOPEN_API int govopen_node_score_derived(const govopen_node *n);
/** A govopen_aggregate. */
GOVOPEN_API int govopen_node_aggregate(const govopen_node *n);
/** 0 for the root, 1 for level-1 indicators, … */
GOVOPEN_API unsigned govopen_node_depth(const govopen_node *n);
/** The parent, or NULL for the root. */
GOVOPEN_API const govopen_node *govopen_node_parent(const govopen_node *n);
/** Number of child indicators; 0 for a NULL node. */
GOVOPEN_API size_t govopen_node_child_count(const govopen_node *n);
/** Child indicator `i`; NULL for a NULL node or `i` out of range. */
GOVOPEN_API const govopen_node *govopen_node_child(const govopen_node *n, size_t i);
/** Number of the node's own points (its children's excluded); 0 for a NULL node. */
GOVOPEN_API size_t govopen_node_point_count(const govopen_node *n);
/** The node's own point `i`; NULL for a NULL node or `i` out of range. */
GOVOPEN_API const govopen_point *govopen_node_point(const govopen_node *n, size_t i);
/** Number of points in the whole subtree. */
GOVOPEN_API size_t govopen_node_total_point_count(const govopen_node *n);
/** Number of provenance (`source:`) entries; 0 for a NULL node. */
GOVOPEN_API size_t govopen_node_provenance_count(const govopen_node *n);
/** Provenance entry `i`; NULL for a NULL node or `i` out of range. */
GOVOPEN_API const char *govopen_node_provenance(const govopen_node *n, size_t i);
/** The `note:`; "" when absent. */
GOVOPEN_API const char *govopen_node_note(const govopen_node *n);
/** Where the node starts in its document (1-based). */
GOVOPEN_API unsigned govopen_node_line(const govopen_node *n);
/** The column where the node starts (1-based); 0 for a NULL node. */
GOVOPEN_API unsigned govopen_node_column(const govopen_node *n);

/* --- points ---------------------------------------------------------------- */

/** Number of points; 0 for a NULL framework. */
GOVOPEN_API size_t govopen_framework_point_count(const govopen_framework *fw);
/** Point `i` in document order, or NULL. */
GOVOPEN_API const govopen_point *govopen_framework_point(const govopen_framework *fw, size_t i);
/** The point with this id, or NULL (also for a NULL framework or id). */
GOVOPEN_API const govopen_point *govopen_framework_point_by_id(const govopen_framework *fw, const char *id);

/** The point's id; "" for a NULL point. */
GOVOPEN_API const char *govopen_point_id(const govopen_point *p);
/** Position among all the framework's points. */
GOVOPEN_API size_t govopen_point_index(const govopen_point *p);
/** The point's text; "" for a NULL point. */
GOVOPEN_API const char *govopen_point_text(const govopen_point *p);
/** The maximum score; 0.0 for a NULL point. */
GOVOPEN_API double govopen_point_score(const govopen_point *p);
/** 1 when the maximum was derived by equal split, 0 when the document gave it or for a NULL point. */
GOVOPEN_API int govopen_point_score_derived(const govopen_point *p);
/** The indicator holding the point. */
GOVOPEN_API const govopen_node *govopen_point_node(const govopen_point *p);
/** Number of sampling methods the point names; 0 for a NULL point. */
GOVOPEN_API size_t govopen_point_sampling_count(const govopen_point *p);
/** Sampling method `i`; NULL for a NULL point or `i` out of range. */
GOVOPEN_API const char *govopen_point_sampling(const govopen_point *p, size_t i);
/** Number of responsible entries as written (units and groups, not expanded); 0 for a NULL point. */
GOVOPEN_API size_t govopen_point_responsible_count(const govopen_point *p);
/** Responsible entry `i` as written; NULL for a NULL point or `i` out of range. */
GOVOPEN_API const char *govopen_point_responsible(const govopen_point *p, size_t i);
/** What entry `i` names: its unit (or NULL when it names a group). */
GOVOPEN_API const govopen_unit *govopen_point_responsible_unit(const govopen_point *p, size_t i);
/** What entry `i` names: its group (or NULL when it names a unit). */
GOVOPEN_API const govopen_group *govopen_point_responsible_group(const govopen_point *p, size_t i);
/** Number of expanded units (groups replaced by their members, each unit once, in order); 0 for a NULL point. */
GOVOPEN_API size_t govopen_point_unit_count(const govopen_point *p);
/** Expanded unit `i`; NULL for a NULL point or `i` out of range. */
GOVOPEN_API const govopen_unit *govopen_point_unit(const govopen_point *p, size_t i);
/** 1 when some responsible group is open (the county adds members), else 0. */
GOVOPEN_API int govopen_point_has_open_group(const govopen_point *p);
/** The rule's `kind`, or NULL when the point has no rule. */
GOVOPEN_API const char *govopen_point_rule_kind(const govopen_point *p);
/** Number of provenance (`source:`) entries; 0 for a NULL point. */
GOVOPEN_API size_t govopen_point_provenance_count(const govopen_point *p);
/** Provenance entry `i`; NULL for a NULL point or `i` out of range. */
GOVOPEN_API const char *govopen_point_provenance(const govopen_point *p, size_t i);
/** The `note:`; "" when absent or for a NULL point. */
GOVOPEN_API const char *govopen_point_note(const govopen_point *p);
/** The line where the point starts in its document (1-based); 0 for a NULL point. */
GOVOPEN_API unsigned govopen_point_line(const govopen_point *p);
/** The column where the point starts (1-based); 0 for a NULL point. */
GOVOPEN_API unsigned govopen_point_column(const govopen_point *p);

/* --- sampling methods ------------------------------------------------------ */

/** Number of sampling methods the framework knows (the standard ones, then its own); 0 for a NULL framework. */
GOVOPEN_API size_t govopen_framework_method_count(const govopen_framework *fw);
/** Method `i`'s name; NULL for a NULL framework or `i` out of range. */
GOVOPEN_API const char *govopen_framework_method(const govopen_framework *fw, size_t i);

/** Plan callback: a non-zero return stops the plan and is returned by it. */
typedef int (*govopen_plan_fn)(const govopen_unit *unit, const govopen_point *point, void *payload);
/**
 * The sampling plan for `method`: every (unit, point) pair whose point is
 * sampled by `method`, in point order then unit order. Returns 0,
 * GOVOPEN_ENOTFOUND for a method the framework does not know, or the
 * callback's non-zero value.
 */
GOVOPEN_API int govopen_framework_plan(const govopen_framework *fw, const char *method, govopen_plan_fn fn,
                                       void *payload);

/* --- units ----------------------------------------------------------------- */

/** Number of units; 0 for a NULL framework. */
GOVOPEN_API size_t govopen_framework_unit_count(const govopen_framework *fw);
/** The unit of index `i`; NULL for a NULL framework or `i` out of range. */
GOVOPEN_API const govopen_unit *govopen_framework_unit(const govopen_framework *fw, size_t i);
/** The unit with this id, or NULL (also for a NULL framework or id). */
GOVOPEN_API const govopen_unit *govopen_framework_unit_by_id(const govopen_framework *fw, const char *id);
/** By name or alias (exact match), or NULL. */
GOVOPEN_API const govopen_unit *govopen_framework_unit_by_name(const govopen_framework *fw, const char *name);
/** By id, name or alias, or NULL. */
GOVOPEN_API const govopen_unit *govopen_framework_unit_find(const govopen_framework *fw, const char *key);

/** The unit's id; "" for a NULL unit. */
GOVOPEN_API const char *govopen_unit_id(const govopen_unit *u);
/** Position among the framework's units; 0 for a NULL unit. */
GOVOPEN_API size_t govopen_unit_index(const govopen_unit *u);
/** The unit's name; "" for a NULL unit. */
GOVOPEN_API const char *govopen_unit_name(const govopen_unit *u);
/** A govopen_kind (GOVOPEN_UNIT_TOWN …). */
GOVOPEN_API int govopen_unit_kind(const govopen_unit *u);
/** The name of `kind` (a govopen_kind) as written in YAML ("town", "department" …); NULL for an unknown kind. */
GOVOPEN_API const char *govopen_unit_kind_name(int kind);
/** Number of aliases; 0 for a NULL unit. */
GOVOPEN_API size_t govopen_unit_alias_count(const govopen_unit *u);
/** Alias `i`; NULL for a NULL unit or `i` out of range. */
GOVOPEN_API const char *govopen_unit_alias(const govopen_unit *u, size_t i);
/** "" when absent. */
GOVOPEN_API const char *govopen_unit_code(const govopen_unit *u);
/** The `note:`; "" when absent or for a NULL unit. */
GOVOPEN_API const char *govopen_unit_note(const govopen_unit *u);
/** Number of the unit's duties (every point whose expanded units include it, in point order); 0 for a NULL unit. */
GOVOPEN_API size_t govopen_unit_point_count(const govopen_unit *u);
/** Duty `i`; NULL for a NULL unit or `i` out of range. */
GOVOPEN_API const govopen_point *govopen_unit_point(const govopen_unit *u, size_t i);

/* --- groups ---------------------------------------------------------------- */

/** Number of groups; 0 for a NULL framework. */
GOVOPEN_API size_t govopen_framework_group_count(const govopen_framework *fw);
/** Group `i`; NULL for a NULL framework or `i` out of range. */
GOVOPEN_API const govopen_group *govopen_framework_group(const govopen_framework *fw, size_t i);
/** The group with this id, or NULL (also for a NULL framework or id). */
GOVOPEN_API const govopen_group *govopen_framework_group_by_id(const govopen_framework *fw, const char *id);
/** By name or alias, or NULL. */
GOVOPEN_API const govopen_group *govopen_framework_group_by_name(const govopen_framework *fw, const char *name);

/** The group's id; "" for a NULL group. */
GOVOPEN_API const char *govopen_group_id(const govopen_group *g);
/** The group's name; "" for a NULL group. */
GOVOPEN_API const char *govopen_group_name(const govopen_group *g);
/** Number of aliases; 0 for a NULL group. */
GOVOPEN_API size_t govopen_group_alias_count(const govopen_group *g);
/** Alias `i`; NULL for a NULL group or `i` out of range. */
GOVOPEN_API const char *govopen_group_alias(const govopen_group *g, size_t i);
/** 1 when the county sets the members (the listed ones are the known part). */
GOVOPEN_API int govopen_group_is_open(const govopen_group *g);
/** Bit (1 << kind) set for each unit kind whose units are members. */
GOVOPEN_API unsigned govopen_group_kinds(const govopen_group *g);
/** Number of members (units of the group's kinds, then the listed ones, each once); 0 for a NULL group. */
GOVOPEN_API size_t govopen_group_member_count(const govopen_group *g);
/** Member `i`; NULL for a NULL group or `i` out of range. */
GOVOPEN_API const govopen_unit *govopen_group_member(const govopen_group *g, size_t i);
/** The `note:`; "" when absent or for a NULL group. */
GOVOPEN_API const char *govopen_group_note(const govopen_group *g);

/* --- adjustments and grades ------------------------------------------------ */

/** Number of adjustments the framework defines; 0 for a NULL framework. */
GOVOPEN_API size_t govopen_framework_adjustment_count(const govopen_framework *fw);
/** Adjustment `i`'s id; NULL for a NULL framework or `i` out of range. */
GOVOPEN_API const char *govopen_framework_adjustment_id(const govopen_framework *fw, size_t i);
/** The signed delta (e.g. -3.0); 0.0 when out of range. */
GOVOPEN_API double govopen_framework_adjustment_delta(const govopen_framework *fw, size_t i);
/** Adjustment `i`'s text; NULL for a NULL framework or `i` out of range. */
GOVOPEN_API const char *govopen_framework_adjustment_text(const govopen_framework *fw, size_t i);

/** Number of grades; 0 for a NULL framework. */
GOVOPEN_API size_t govopen_framework_grade_count(const govopen_framework *fw);
/** Grade `i`'s name; NULL for a NULL framework or `i` out of range. */
GOVOPEN_API const char *govopen_framework_grade_name(const govopen_framework *fw, size_t i);
/** The lowest score that earns grade `i`; 0.0 for a NULL framework or `i` out of range. */
GOVOPEN_API double govopen_framework_grade_min(const govopen_framework *fw, size_t i);
/** The grade a score earns, or NULL when it earns none. */
GOVOPEN_API const char *govopen_framework_grade_for(const govopen_framework *fw, double score);

/* --- JSON -------------------------------------------------------------------- */

/* Flags of govopen_framework_to_json(): GOVOPEN_JSON_PRETTY (common.h, where every flag is). */

/**
 * The whole framework as one JSON object: "framework" (metadata),
 * "sampling_methods", "units", "groups", "indicators" (the tree, each node with
 * "children" and "points"), "adjustments" and "grades". `*out` belongs to the
 * caller: release it with govopen_free(). `out_len` may be NULL. `flags`:
 * GOVOPEN_JSON_PRETTY or 0.
 */
GOVOPEN_API int govopen_framework_to_json(const govopen_framework *fw, unsigned flags, char **out, size_t *out_len);

#ifdef __cplusplus
}
#endif
#endif
