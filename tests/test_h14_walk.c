/* Issue 14, item 8: reach every value from C. For several results the test
 * renders govopen_result_to_json(), parses it with cJSON and walks every
 * member: each leaf (number, string, bool, null) is fetched again through the
 * C accessor its path names — units[i].points[j].reasons[k].evidence[m] is
 * govopen_result_cell_reason_evidence(r, unit of units[i].id, point of
 * points[j].id, k, m) — and compared with the exact value (numbers: the JSON
 * writes hundredths exactly, the C double rounded to hundredths; strings
 * byte for byte; null with the accessor's documented "none"). A member the
 * walker does not know fails the test with its path, so a member added to
 * the JSON without a C accessor cannot go unnoticed; the leaves checked are
 * counted and must be all the leaves of the document. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_support.h"
#include "testutil.h"

#define SAMPLE "../data/samples/langao-2023-observations.jsonl"

typedef struct walk {
  const govopen_result *r;
  const govopen_framework *fw;
  size_t checked; /* leaves compared */
  size_t failed;  /* leaves that differ, or members without an accessor */
  char path[512];
} walk;

/* --- paths ---------------------------------------------------------------------- */

static size_t path_push(walk *w, const char *name, int index) {
  size_t at = strlen(w->path);
  if (index >= 0)
    snprintf(w->path + at, sizeof w->path - at, "[%d]", index);
  else
    snprintf(w->path + at, sizeof w->path - at, "%s%s", at ? "." : "", name);
  return at;
}
static void path_pop(walk *w, size_t at) { w->path[at] = '\0'; }

static void fail(walk *w, const cJSON *it, const char *why) {
  w->failed++;
  size_t at = path_push(w, it && it->string ? it->string : "", -1);
  fprintf(stderr, "\nh14_walk: %s: %s\n", w->path, why);
  path_pop(w, at);
}

/* A member the walker has no accessor for. */
static void unknown(walk *w, const cJSON *it) {
  fail(w, it, "a member of the result JSON without a C accessor (add one, and a case to tests/test_h14_walk.c)");
}

/* --- leaves ----------------------------------------------------------------------- */

static int64_t cents(double v) { return (int64_t)llround(v * 100.0); }

static void num(walk *w, const cJSON *it, double c) {
  w->checked++;
  if (!cJSON_IsNumber(it) || isnan(c) || cents(it->valuedouble) != cents(c)) {
    char msg[128];
    snprintf(msg, sizeof msg, "JSON %.17g, C %.17g", cJSON_IsNumber(it) ? it->valuedouble : NAN, c);
    fail(w, it, msg);
  }
}

/* A count: exact, (size_t)-1 never. */
static void count(walk *w, const cJSON *it, uint64_t c) {
  w->checked++;
  if (!cJSON_IsNumber(it) || c == (uint64_t)(size_t)-1 || it->valuedouble != (double)c) {
    char msg[128];
    snprintf(msg, sizeof msg, "JSON %.17g, C %llu", cJSON_IsNumber(it) ? it->valuedouble : NAN, (unsigned long long)c);
    fail(w, it, msg);
  }
}

/* A string; C's NULL is JSON's null. */
static void str(walk *w, const cJSON *it, const char *c) {
  w->checked++;
  if (c == NULL ? !cJSON_IsNull(it) : !(cJSON_IsString(it) && strcmp(it->valuestring, c) == 0)) {
    char msg[256];
    snprintf(msg, sizeof msg, "JSON %s, C %s", cJSON_IsString(it) ? it->valuestring : "(not a string)", c ? c : "NULL");
    fail(w, it, msg);
  }
}

/* A flag: 0 or 1 (-1 is the accessor's "none", never a JSON value). */
static void flag(walk *w, const cJSON *it, int c) {
  w->checked++;
  if (!cJSON_IsBool(it) || (c != 0 && c != 1) || cJSON_IsTrue(it) != c) fail(w, it, "flag differs");
}

/* A JSON null the C accessor says is none (`none` true). */
static void none(walk *w, const cJSON *it, int is_none) {
  w->checked++;
  if (!cJSON_IsNull(it) || !is_none) fail(w, it, "null, but C gives a value");
}

/* The percent, rounded down to hundredths, of an exact share 0 … 1. */
static void percent(walk *w, const cJSON *it, double share) {
  w->checked++;
  int64_t c = (int64_t)floor(share * 10000.0 + 1e-6);
  if (!cJSON_IsNumber(it) || isnan(share) || cents(it->valuedouble) != c) fail(w, it, "coverage differs");
}

/* Array `a` has `n` elements as C counts them. */
static void length(walk *w, const cJSON *a, size_t n) {
  if (!cJSON_IsArray(a) || (size_t)cJSON_GetArraySize(a) != n) fail(w, a, "array length differs from the C count");
}

/* --- lookups --------------------------------------------------------------------------- */

static size_t unit_of(walk *w, const cJSON *id) {
  const govopen_unit *u = cJSON_IsString(id) ? govopen_framework_unit_by_id(w->fw, id->valuestring) : NULL;
  if (u == NULL) {
    fail(w, id, "no such unit");
    return (size_t)-1;
  }
  return govopen_unit_index(u);
}
static size_t point_of(walk *w, const cJSON *id) {
  const govopen_point *p = cJSON_IsString(id) ? govopen_framework_point_by_id(w->fw, id->valuestring) : NULL;
  if (p == NULL) {
    fail(w, id, "no such point");
    return (size_t)-1;
  }
  return govopen_point_index(p);
}
static size_t node_of(walk *w, const cJSON *id) {
  const govopen_node *n = cJSON_IsString(id) ? govopen_framework_node_by_id(w->fw, id->valuestring) : NULL;
  for (size_t i = 0; n && i < govopen_framework_node_count(w->fw); i++)
    if (govopen_framework_node(w->fw, i) == n) return i;
  fail(w, id, "no such indicator");
  return (size_t)-1;
}
static int kind_of(const char *name) {
  for (int k = GOVOPEN_UNIT_TOWN; k <= GOVOPEN_UNIT_OTHER; k++)
    if (strcmp(govopen_unit_kind_name(k), name) == 0) return k;
  return -1;
}
static int64_t setting(const govopen_result *r, int option) {
  int64_t v = -1;
  CU_ASSERT_EQUAL(govopen_result_setting(r, option, &v), GOVOPEN_OK);
  return v;
}

static const char *const status_names[] = {"scored", "not_evaluated", "vetoed", "error"};
static const char *const severity_names[] = {"loss", "warning", "info"};
static const char *name_of(const char *const *names, size_t n, int v) {
  return v >= 0 && (size_t)v < n ? names[v] : NULL;
}

/* The numbered settings by their names in fingerprint.settings (docs/results.md). */
static const struct {
  const char *name;
  int option;
} settings[] = {{"not_evaluated", GOVOPEN_EVAL_NOT_EVALUATED}, {"county", GOVOPEN_EVAL_COUNTY},
                {"max_named", GOVOPEN_EVAL_MAX_NAMED},         {"strict", GOVOPEN_EVAL_STRICT},
                {"max_steps", GOVOPEN_EVAL_MAX_STEPS},         {"max_observations", GOVOPEN_EVAL_MAX_OBSERVATIONS},
                {"max_keys", GOVOPEN_EVAL_MAX_KEYS},           {"max_diagnostics", GOVOPEN_EVAL_MAX_DIAGNOSTICS},
                {"min_coverage", GOVOPEN_EVAL_MIN_COVERAGE}};

#define EACH(member, obj) for (const cJSON *member = (obj) ? (obj)->child : NULL; member; member = member->next)
#define IS(member, key) (strcmp((member)->string, key) == 0)

/* --- objects ------------------------------------------------------------------------- */

/* An array of strings: evidence. `get(j)` is the C accessor of element j. */
typedef const char *(*nth_fn)(const walk *w, const void *ctx, size_t j);

static void strings(walk *w, const cJSON *a, size_t n, nth_fn get, const void *ctx) {
  size_t at = path_push(w, a->string, -1);
  length(w, a, n);
  int j = 0;
  EACH(e, a) {
    size_t at2 = path_push(w, NULL, j);
    str(w, e, get(w, ctx, (size_t)j));
    path_pop(w, at2);
    j++;
  }
  path_pop(w, at);
}

/* Which adjustment: the county's (unit == (size_t)-1) or a unit's. */
typedef struct adj_at {
  size_t unit, i;
} adj_at;

static const char *adj_ev(const walk *w, const void *ctx, size_t j) {
  const adj_at *a = ctx;
  return a->unit == (size_t)-1 ? govopen_result_adjustment_evidence(w->r, a->i, j)
                               : govopen_result_unit_adjustment_evidence(w->r, a->unit, a->i, j);
}

static void adjustment(walk *w, const cJSON *o, size_t unit, size_t i) {
  const govopen_result *r = w->r;
  int county = unit == (size_t)-1;
  adj_at at = {unit, i};
  size_t k = county ? govopen_result_adjustment_index(r, i) : govopen_result_unit_adjustment_index(r, unit, i);
  EACH(m, o) {
    if (IS(m, "id"))
      str(w, m, govopen_framework_adjustment_id(w->fw, k));
    else if (IS(m, "text"))
      str(w, m, govopen_framework_adjustment_text(w->fw, k));
    else if (IS(m, "delta"))
      num(w, m, county ? govopen_result_adjustment_delta(r, i) : govopen_result_unit_adjustment_delta(r, unit, i));
    else if (IS(m, "date"))
      str(w, m, county ? govopen_result_adjustment_date(r, i) : govopen_result_unit_adjustment_date(r, unit, i));
    else if (IS(m, "evidence"))
      strings(w, m,
              county ? govopen_result_adjustment_evidence_count(r, i)
                     : govopen_result_unit_adjustment_evidence_count(r, unit, i),
              adj_ev, &at);
    else if (IS(m, "note")) {
      const char *note =
          county ? govopen_result_adjustment_note(r, i) : govopen_result_unit_adjustment_note(r, unit, i);
      if (note == NULL) fail(w, m, "a note the C API does not give");
      str(w, m, note);
    } else if (IS(m, "applied"))
      flag(w, m, county ? govopen_result_adjustment_applied(r, i) : govopen_result_unit_adjustment_applied(r, unit, i));
    else if (IS(m, "why") && !county)
      str(w, m, govopen_result_unit_adjustment_why(r, unit, i));
    else
      unknown(w, m);
  }
  /* a note or a why the JSON leaves out is none in C */
  if (!cJSON_GetObjectItemCaseSensitive(o, "note"))
    CU_ASSERT_PTR_NULL(county ? govopen_result_adjustment_note(r, i) : govopen_result_unit_adjustment_note(r, unit, i));
  if (!county && !cJSON_GetObjectItemCaseSensitive(o, "why"))
    CU_ASSERT_PTR_NULL(govopen_result_unit_adjustment_why(r, unit, i));
}

static void adjustments(walk *w, const cJSON *a, size_t unit) {
  size_t at = path_push(w, a->string, -1);
  length(w, a,
         unit == (size_t)-1 ? govopen_result_adjustment_count(w->r) : govopen_result_unit_adjustment_count(w->r, unit));
  int i = 0;
  EACH(e, a) {
    size_t at2 = path_push(w, NULL, i);
    adjustment(w, e, unit, (size_t)i);
    path_pop(w, at2);
    i++;
  }
  path_pop(w, at);
}

/* indicators[]: a unit's (unit given) or the county's. */
static void indicators(walk *w, const cJSON *a, size_t unit) {
  const govopen_result *r = w->r;
  int county = unit == (size_t)-1;
  size_t at = path_push(w, a->string, -1), n = 0;
  for (size_t i = 0; i < govopen_framework_node_count(w->fw); i++)
    n += (county ? govopen_result_county_node_score(r, i) : govopen_result_unit_node_score(r, unit, i)) >= 0;
  length(w, a, n);
  int i = 0;
  EACH(e, a) {
    size_t at2 = path_push(w, NULL, i++);
    size_t node = node_of(w, cJSON_GetObjectItemCaseSensitive(e, "id"));
    EACH(m, e) {
      if (IS(m, "id"))
        str(w, m, govopen_node_id(govopen_framework_node(w->fw, node)));
      else if (IS(m, "score"))
        num(w, m, county ? govopen_result_county_node_score(r, node) : govopen_result_unit_node_score(r, unit, node));
      else if (IS(m, "possible"))
        num(w, m,
            county ? govopen_result_county_node_possible(r, node) : govopen_result_unit_node_possible(r, unit, node));
      else if (IS(m, "max"))
        num(w, m,
            county ? govopen_node_score(govopen_framework_node(w->fw, node))
                   : govopen_result_unit_node_maximum(r, unit, node));
      else
        unknown(w, m);
    }
    path_pop(w, at2);
  }
  path_pop(w, at);
}

typedef struct reason_at {
  size_t unit, point, k;
} reason_at;

static const char *reason_ev(const walk *w, const void *ctx, size_t j) {
  const reason_at *x = ctx;
  return govopen_result_cell_reason_evidence(w->r, x->unit, x->point, x->k, j);
}

static void reason(walk *w, const cJSON *o, size_t u, size_t p, size_t k) {
  const govopen_result *r = w->r;
  reason_at at = {u, p, k};
  EACH(m, o) {
    if (IS(m, "code"))
      str(w, m, govopen_result_cell_reason_code(r, u, p, k));
    else if (IS(m, "severity"))
      str(w, m, name_of(severity_names, 3, govopen_result_cell_reason_severity(r, u, p, k)));
    else if (IS(m, "text"))
      str(w, m, govopen_result_cell_reason_text(r, u, p, k));
    else if (IS(m, "evidence"))
      strings(w, m, govopen_result_cell_reason_evidence_count(r, u, p, k), reason_ev, &at);
    else if (IS(m, "note"))
      str(w, m, govopen_result_cell_reason_note(r, u, p, k));
    else if (IS(m, "samples")) {
      size_t at2 = path_push(w, m->string, -1);
      length(w, m, govopen_result_cell_reason_sample_count(r, u, p, k));
      int j = 0;
      EACH(s, m) {
        size_t at3 = path_push(w, NULL, j);
        EACH(f, s) {
          if (IS(f, "source"))
            str(w, f, govopen_result_cell_reason_sample_source(r, u, p, k, (size_t)j));
          else if (IS(f, "line"))
            count(w, f, govopen_result_cell_reason_sample_line(r, u, p, k, (size_t)j));
          else if (IS(f, "column"))
            count(w, f, govopen_result_cell_reason_sample_column(r, u, p, k, (size_t)j));
          else
            unknown(w, f);
        }
        path_pop(w, at3);
        j++;
      }
      path_pop(w, at2);
    } else
      unknown(w, m);
  }
}

static void cell(walk *w, const cJSON *o, size_t u) {
  const govopen_result *r = w->r;
  size_t p = point_of(w, cJSON_GetObjectItemCaseSensitive(o, "id"));
  EACH(m, o) {
    if (IS(m, "id"))
      str(w, m, govopen_point_id(govopen_framework_point(w->fw, p)));
    else if (IS(m, "status"))
      str(w, m, name_of(status_names, 4, govopen_result_cell_status(r, u, p)));
    else if (IS(m, "score")) {
      if (cJSON_IsNull(m))
        none(w, m, govopen_result_cell_status(r, u, p) == GOVOPEN_CELL_NOT_EVALUATED);
      else
        num(w, m, govopen_result_cell_score(r, u, p));
    } else if (IS(m, "max"))
      num(w, m, govopen_result_cell_maximum(r, u, p));
    else if (IS(m, "lost"))
      num(w, m, govopen_result_cell_lost(r, u, p));
    else if (IS(m, "samples"))
      count(w, m, govopen_result_cell_samples(r, u, p));
    else if (IS(m, "judged"))
      count(w, m, govopen_result_cell_judged(r, u, p));
    else if (IS(m, "reasons")) {
      size_t at = path_push(w, m->string, -1);
      length(w, m, govopen_result_cell_reason_count(r, u, p));
      int k = 0;
      EACH(x, m) {
        size_t at2 = path_push(w, NULL, k);
        reason(w, x, u, p, (size_t)k);
        path_pop(w, at2);
        k++;
      }
      path_pop(w, at);
    } else
      unknown(w, m);
  }
}

static void unit(walk *w, const cJSON *o) {
  const govopen_result *r = w->r;
  size_t u = unit_of(w, cJSON_GetObjectItemCaseSensitive(o, "id"));
  const govopen_unit *gu = govopen_framework_unit(w->fw, u);
  EACH(m, o) {
    if (IS(m, "id"))
      str(w, m, govopen_unit_id(gu));
    else if (IS(m, "name"))
      str(w, m, govopen_unit_name(gu));
    else if (IS(m, "kind"))
      str(w, m, govopen_unit_kind_name(govopen_unit_kind(gu)));
    else if (IS(m, "scored"))
      flag(w, m, govopen_result_unit_scored(r, u));
    else if (IS(m, "vetoed"))
      flag(w, m, govopen_result_unit_vetoed(r, u));
    else if (IS(m, "raw"))
      num(w, m, govopen_result_unit_raw(r, u));
    else if (IS(m, "possible"))
      num(w, m, govopen_result_unit_possible(r, u));
    else if (IS(m, "total"))
      num(w, m, govopen_result_unit_total(r, u));
    else if (IS(m, "maximum"))
      num(w, m, govopen_result_unit_maximum(r, u));
    else if (IS(m, "normalised"))
      num(w, m, govopen_result_unit_normalised(r, u));
    else if (IS(m, "rounding"))
      num(w, m, govopen_result_unit_rounding(r, u));
    else if (IS(m, "unclamped"))
      num(w, m, govopen_result_unit_unclamped(r, u));
    else if (IS(m, "rank"))
      count(w, m, govopen_result_unit_rank(r, u));
    else if (IS(m, "ranked_of"))
      count(w, m, govopen_result_unit_ranked_of(r, u));
    else if (IS(m, "low_coverage"))
      flag(w, m, govopen_result_unit_low_coverage(r, u));
    else if (IS(m, "grade"))
      str(w, m, govopen_result_unit_grade(r, u));
    else if (IS(m, "indicators"))
      indicators(w, m, u);
    else if (IS(m, "coverage_percent"))
      percent(w, m, govopen_result_unit_coverage(r, u));
    else if (IS(m, "points_evaluated"))
      count(w, m, govopen_result_unit_points_evaluated(r, u));
    else if (IS(m, "points_applicable"))
      count(w, m, govopen_result_unit_points_applicable(r, u));
    else if (IS(m, "adjustments"))
      adjustments(w, m, u);
    else if (IS(m, "points")) {
      size_t at = path_push(w, m->string, -1), n = 0;
      for (size_t p = 0; p < govopen_framework_point_count(w->fw); p++) n += govopen_result_cell_status(r, u, p) >= 0;
      length(w, m, n);
      int j = 0;
      EACH(c, m) {
        size_t at2 = path_push(w, NULL, j++);
        cell(w, c, u);
        path_pop(w, at2);
      }
      path_pop(w, at);
    } else
      unknown(w, m);
  }
  /* an unscored unit's JSON has no total: C says so */
  if (!cJSON_GetObjectItemCaseSensitive(o, "total")) CU_ASSERT_EQUAL(govopen_result_unit_scored(r, u), 0);
}

static void county(walk *w, const cJSON *o) {
  const govopen_result *r = w->r;
  EACH(m, o) {
    if (IS(m, "raw"))
      num(w, m, govopen_result_county_raw(r));
    else if (IS(m, "possible"))
      num(w, m, govopen_result_county_possible(r));
    else if (IS(m, "normalised"))
      num(w, m, govopen_result_county_normalised(r));
    else if (IS(m, "rounding"))
      num(w, m, govopen_result_county_rounding(r));
    else if (IS(m, "adjustments"))
      adjustments(w, m, (size_t)-1);
    else if (IS(m, "total"))
      num(w, m, govopen_result_county_total(r));
    else if (IS(m, "clamped")) /* present, and true, when the unclamped total differs */
      flag(w, m, govopen_result_county_unclamped(r) != govopen_result_county_total(r));
    else if (IS(m, "unclamped"))
      num(w, m, govopen_result_county_unclamped(r));
    else if (IS(m, "grade"))
      str(w, m, govopen_result_county_grade(r));
    else if (IS(m, "coverage_percent"))
      percent(w, m, govopen_result_county_coverage(r));
    else if (IS(m, "points_evaluated"))
      count(w, m, govopen_result_county_points_evaluated(r));
    else if (IS(m, "points_applicable"))
      count(w, m, govopen_result_county_points_applicable(r));
    else if (IS(m, "indicators"))
      indicators(w, m, (size_t)-1);
    else if (IS(m, "points")) {
      size_t at = path_push(w, m->string, -1);
      length(w, m, govopen_framework_point_count(w->fw));
      int j = 0;
      EACH(e, m) {
        size_t at2 = path_push(w, NULL, j++);
        size_t p = point_of(w, cJSON_GetObjectItemCaseSensitive(e, "id"));
        EACH(f, e) {
          if (IS(f, "id"))
            str(w, f, govopen_point_id(govopen_framework_point(w->fw, p)));
          else if (IS(f, "score")) {
            if (cJSON_IsNull(f))
              none(w, f, govopen_result_county_point_score(r, p) == -1.0);
            else
              num(w, f, govopen_result_county_point_score(r, p));
          } else if (IS(f, "max"))
            num(w, f, govopen_point_score(govopen_framework_point(w->fw, p)));
          else if (IS(f, "lost"))
            num(w, f, govopen_result_county_point_lost(r, p));
          else
            unknown(w, f);
        }
        path_pop(w, at2);
      }
      path_pop(w, at);
    } else
      unknown(w, m);
  }
  if (!cJSON_GetObjectItemCaseSensitive(o, "clamped"))
    CU_ASSERT_EQUAL(govopen_result_county_unclamped(r), govopen_result_county_total(r));
}

/* rankings.KIND[i] and kinds.KIND: by kind name. */
static void rankings(walk *w, const cJSON *o) {
  const govopen_result *r = w->r;
  EACH(list, o) {
    size_t at = path_push(w, list->string, -1);
    int kind = kind_of(list->string);
    if (kind < 0) unknown(w, list);
    length(w, list, govopen_result_kind_ranked_count(w->r, kind));
    int i = 0;
    unsigned last = 0;
    EACH(e, list) {
      size_t at2 = path_push(w, NULL, i++);
      size_t u = unit_of(w, cJSON_GetObjectItemCaseSensitive(e, "unit"));
      const govopen_unit *gu = govopen_framework_unit(w->fw, u);
      CU_ASSERT_EQUAL(govopen_unit_kind(gu), kind);
      CU_ASSERT(govopen_result_unit_rank(r, u) >= last); /* by rank */
      last = govopen_result_unit_rank(r, u);
      EACH(f, e) {
        if (IS(f, "rank"))
          count(w, f, govopen_result_unit_rank(r, u));
        else if (IS(f, "unit"))
          str(w, f, govopen_unit_id(gu));
        else if (IS(f, "name"))
          str(w, f, govopen_unit_name(gu));
        else if (IS(f, "total"))
          num(w, f, govopen_result_unit_total(r, u));
        else
          unknown(w, f);
      }
      path_pop(w, at2);
    }
    path_pop(w, at);
  }
}

static void kinds(walk *w, const cJSON *o) {
  const govopen_result *r = w->r;
  size_t listed = 0;
  for (int k = GOVOPEN_UNIT_TOWN; k <= GOVOPEN_UNIT_OTHER; k++)
    listed += govopen_result_kind_ranked_count(r, k) + govopen_result_kind_not_evaluated_count(r, k) > 0;
  CU_ASSERT_EQUAL((size_t)cJSON_GetArraySize(o), listed);
  EACH(e, o) {
    size_t at = path_push(w, e->string, -1);
    int kind = kind_of(e->string);
    if (kind < 0) unknown(w, e);
    EACH(f, e) {
      if (IS(f, "ranked"))
        count(w, f, govopen_result_kind_ranked_count(r, kind));
      else if (IS(f, "low_coverage"))
        count(w, f, govopen_result_kind_low_coverage_count(r, kind));
      else if (IS(f, "not_evaluated")) {
        size_t at2 = path_push(w, f->string, -1);
        length(w, f, govopen_result_kind_not_evaluated_count(r, kind));
        int i = 0;
        EACH(x, f) {
          size_t at3 = path_push(w, NULL, i++);
          size_t u = unit_of(w, cJSON_GetObjectItemCaseSensitive(x, "unit"));
          const govopen_unit *gu = govopen_framework_unit(w->fw, u);
          CU_ASSERT_EQUAL(govopen_unit_kind(gu), kind);
          CU_ASSERT_EQUAL(govopen_result_unit_scored(r, u), 0);
          EACH(g, x) {
            if (IS(g, "unit"))
              str(w, g, govopen_unit_id(gu));
            else if (IS(g, "name"))
              str(w, g, govopen_unit_name(gu));
            else
              unknown(w, g);
          }
          path_pop(w, at3);
        }
        path_pop(w, at2);
      } else
        unknown(w, f);
    }
    path_pop(w, at);
  }
}

static void period(walk *w, const cJSON *o) {
  EACH(m, o) {
    if (IS(m, "first"))
      str(w, m, govopen_result_period_first(w->r));
    else if (IS(m, "last"))
      str(w, m, govopen_result_period_last(w->r));
    else
      unknown(w, m);
  }
}

static void fingerprint(walk *w, const cJSON *o) {
  const govopen_result *r = w->r;
  EACH(m, o) {
    size_t at = path_push(w, m->string, -1);
    if (IS(m, "digest"))
      str(w, m, govopen_result_fingerprint(r));
    else if (IS(m, "version"))
      str(w, m, govopen_version_string());
    else if (IS(m, "as_of"))
      str(w, m, govopen_result_as_of(r));
    else if (IS(m, "period"))
      period(w, m);
    else if (IS(m, "framework")) {
      EACH(f, m) {
        if (IS(f, "id"))
          str(w, f, govopen_framework_id(w->fw));
        else if (IS(f, "digest"))
          str(w, f, govopen_result_framework_digest(r));
        else
          unknown(w, f);
      }
    } else if (IS(m, "calendar")) {
      EACH(f, m) {
        if (IS(f, "builtin")) { /* a built-in calendar has no digest */
          CU_ASSERT_PTR_NULL(govopen_result_calendar_digest(r));
          str(w, f, govopen_result_calendar(r));
        } else if (IS(f, "file"))
          str(w, f, govopen_result_calendar(r));
        else if (IS(f, "digest"))
          str(w, f, govopen_result_calendar_digest(r));
        else
          unknown(w, f);
      }
    } else if (IS(m, "settings")) {
      EACH(f, m) {
        size_t s = 0;
        while (s < sizeof settings / sizeof settings[0] && strcmp(settings[s].name, f->string) != 0) s++;
        if (s == sizeof settings / sizeof settings[0])
          unknown(w, f);
        else
          count(w, f, (uint64_t)setting(r, settings[s].option));
      }
    } else if (IS(m, "inputs")) {
      length(w, m, govopen_result_input_count(r));
      int i = 0;
      EACH(e, m) {
        size_t at2 = path_push(w, NULL, i);
        size_t n = (size_t)i++;
        EACH(f, e) {
          if (IS(f, "name"))
            str(w, f, govopen_result_input_name(r, n));
          else if (IS(f, "digest"))
            str(w, f, govopen_result_input_digest(r, n));
          else if (IS(f, "records"))
            count(w, f, govopen_result_input_records(r, n));
          else if (IS(f, "accepted"))
            count(w, f, govopen_result_input_accepted(r, n));
          else if (IS(f, "rejected"))
            count(w, f, govopen_result_input_rejected(r, n));
          else
            unknown(w, f);
        }
        path_pop(w, at2);
      }
    } else {
      path_pop(w, at);
      unknown(w, m);
      continue;
    }
    path_pop(w, at);
  }
}

/* The whole document. */
static void result(walk *w, const cJSON *doc) {
  const govopen_result *r = w->r;
  EACH(m, doc) {
    size_t at = path_push(w, m->string, -1);
    if (IS(m, "format")) {
      path_pop(w, at);
      count(w, m, GOVOPEN_RESULT_FORMAT);
      continue;
    }
    if (IS(m, "as_of")) {
      path_pop(w, at);
      str(w, m, govopen_result_as_of(r));
      continue;
    }
    if (IS(m, "framework")) {
      EACH(f, m) {
        if (IS(f, "id"))
          str(w, f, govopen_framework_id(w->fw));
        else if (IS(f, "title"))
          str(w, f, govopen_framework_title(w->fw));
        else if (IS(f, "total"))
          num(w, f, govopen_framework_total(w->fw));
        else if (IS(f, "calendar"))
          str(w, f, govopen_framework_calendar(w->fw));
        else
          unknown(w, f);
      }
    } else if (IS(m, "period"))
      period(w, m);
    else if (IS(m, "settings")) {
      EACH(f, m) {
        if (IS(f, "not_evaluated"))
          str(w, f, name_of((const char *const[]){"skip", "zero"}, 2, (int)setting(r, GOVOPEN_EVAL_NOT_EVALUATED)));
        else if (IS(f, "county"))
          str(w, f, name_of((const char *const[]){"mean", "min"}, 2, (int)setting(r, GOVOPEN_EVAL_COUNTY)));
        else if (IS(f, "min_coverage"))
          count(w, f, (uint64_t)setting(r, GOVOPEN_EVAL_MIN_COVERAGE));
        else
          unknown(w, f);
      }
    } else if (IS(m, "observations")) {
      EACH(f, m) {
        if (IS(f, "accepted"))
          count(w, f, govopen_result_observation_count(r));
        else if (IS(f, "rejected"))
          count(w, f, govopen_result_rejected_count(r));
        else
          unknown(w, f);
      }
    } else if (IS(m, "county"))
      county(w, m);
    else if (IS(m, "rankings"))
      rankings(w, m);
    else if (IS(m, "kinds"))
      kinds(w, m);
    else if (IS(m, "units")) {
      size_t n = 0;
      for (size_t u = 0; u < govopen_framework_unit_count(w->fw); u++)
        n += govopen_result_unit_points_applicable(r, u) > 0 || govopen_result_unit_adjustment_count(r, u) > 0;
      length(w, m, n);
      int i = 0;
      EACH(e, m) {
        size_t at2 = path_push(w, NULL, i++);
        unit(w, e);
        path_pop(w, at2);
      }
    } else if (IS(m, "fingerprint"))
      fingerprint(w, m);
    else {
      path_pop(w, at);
      unknown(w, m);
      continue;
    }
    path_pop(w, at);
  }
}

static size_t leaves(const cJSON *j) {
  if (cJSON_IsArray(j) || cJSON_IsObject(j)) {
    size_t n = 0;
    EACH(e, j) n += leaves(e);
    return n;
  }
  return 1;
}

/* Walks the result of `r`: every leaf checked; the count of leaves. */
static size_t walk_result(const govopen_result *r, size_t *members_unknown) {
  char *json = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_result_to_json(r, GOVOPEN_JSON_PRETTY, &json, NULL), GOVOPEN_OK);
  cJSON *doc = cJSON_Parse(json);
  govopen_free(json);
  CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
  walk w = {.r = r, .fw = govopen_result_framework(r)};
  result(&w, doc);
  size_t all = leaves(doc);
  CU_ASSERT_EQUAL(w.failed, 0);
  CU_ASSERT_EQUAL(w.checked, all); /* nothing skipped */
  if (members_unknown) *members_unknown = w.failed;
  cJSON_Delete(doc);
  return w.checked;
}

/* --- the results walked ------------------------------------------------------------------- */

/* Evaluates `obs` (under tests/, or the sample path) with the framework
   `yaml` (under tests/, or NULL: builtin langao-2023), optionally a county
   calendar; walks the result; returns the leaves checked. */
static size_t walk_fixture(const char *yaml, const char *obs, const char *calendar) {
  govopen_framework *fw = NULL;
  int rc = yaml ? govopen_framework_load_file(&fw, test_path(yaml), NULL, NULL)
                : govopen_framework_load_builtin(&fw, "langao-2023", NULL, NULL);
  CU_ASSERT_EQUAL_FATAL(rc, GOVOPEN_OK);
  govopen_evaluation *ev = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-15", NULL), GOVOPEN_OK);
  if (calendar) CU_ASSERT_EQUAL(govopen_evaluation_set_calendar_file(ev, test_path(calendar), NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_add_file(ev, test_path(obs), GOVOPEN_FORMAT_AUTO, NULL), GOVOPEN_OK);
  govopen_result *r = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(ev, &r, NULL), GOVOPEN_OK);
  size_t n = walk_result(r, NULL);
  fprintf(stderr, " [%s: %zu leaves]", obs, n);
  /* the streaming evaluation writes the very document walked */
  char *json = NULL;
  size_t len = 0;
  CU_ASSERT_EQUAL_FATAL(govopen_result_to_json(r, GOVOPEN_JSON_PRETTY, &json, &len), GOVOPEN_OK);
  sink streamed = {0};
  CU_ASSERT_EQUAL(govopen_evaluation_write_json(ev, GOVOPEN_JSON_PRETTY, sink_write, &streamed, NULL), GOVOPEN_OK);
  CU_ASSERT(streamed.len == len && streamed.data && memcmp(streamed.data, json, len) == 0);
  free(streamed.data);
  govopen_free(json);
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
  return n;
}

/* The leaf counts are the documents' (python3 -c: every scalar of the JSON),
   so a value left out of the walk, or of the JSON, shows here too. */
static void test_walk_eval(void) {
  CU_ASSERT_EQUAL(walk_fixture("fixtures/eval/fx.yaml", "fixtures/eval/fx.jsonl", NULL), 561);
}
static void test_walk_coverage(void) {
  CU_ASSERT_EQUAL(walk_fixture("fixtures/coverage/cov.yaml", "fixtures/coverage/cov.jsonl", NULL), 527);
}
/* adjustments applied, not applied (vetoed, not scored), with notes and dates */
static void test_walk_adjustments(void) {
  CU_ASSERT_EQUAL(walk_fixture("fixtures/reconcile/aggregate.yaml", "fixtures/reconcile/aggregate.jsonl", NULL), 969);
}
/* the county clamped from above and from below */
static void test_walk_clamps(void) {
  CU_ASSERT_EQUAL(walk_fixture("fixtures/reconcile/clamp.yaml", "fixtures/reconcile/clamp-high.jsonl", NULL), 119);
  CU_ASSERT_EQUAL(walk_fixture("fixtures/reconcile/clamp.yaml", "fixtures/reconcile/clamp-low.jsonl", NULL), 126);
}
static void test_walk_langao(void) { CU_ASSERT_EQUAL(walk_fixture(NULL, SAMPLE, NULL), 16663); }
static void test_walk_calendar_file(void) {
  CU_ASSERT_EQUAL(walk_fixture(NULL, SAMPLE, "fixtures/calendar/county.yaml"), 16675);
}

/* The walker is not blind: a member it does not know, or a value that
   differs, fails with its path. */
static void test_walk_detects(void) {
  govopen_framework *fw = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_file(&fw, test_path("fixtures/reconcile/clamp.yaml"), NULL, NULL),
                        GOVOPEN_OK);
  govopen_evaluation *ev = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-15", NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(
      govopen_evaluation_add_file(ev, test_path("fixtures/reconcile/clamp-high.jsonl"), GOVOPEN_FORMAT_AUTO, NULL),
      GOVOPEN_OK);
  govopen_result *r = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(ev, &r, NULL), GOVOPEN_OK);
  char *json = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_result_to_json(r, 0, &json, NULL), GOVOPEN_OK);
  cJSON *doc = cJSON_Parse(json);
  govopen_free(json);
  CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
  /* a member added deep down, one changed value, one new top-level member */
  cJSON *units = cJSON_GetObjectItemCaseSensitive(doc, "units");
  cJSON *cell = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(units, 0), "points"), 1);
  cJSON *reason = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(cell, "reasons"), 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL(reason);
  cJSON_AddStringToObject(reason, "weight", "x");
  cJSON_ReplaceItemInObjectCaseSensitive(cell, "score", cJSON_CreateNumber(39.98));
  cJSON_AddNumberToObject(doc, "extra", 1);
  fprintf(stderr, "\n(three failures expected below)");
  walk w = {.r = r, .fw = fw};
  result(&w, doc);
  CU_ASSERT_EQUAL(w.failed, 3);
  CU_ASSERT_EQUAL(w.checked, leaves(doc) - 2); /* the two unknown members are not checked */
  cJSON_Delete(doc);
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
}

/* The accessor added for the walk: the county's `applied`. */
static void test_adjustment_applied(void) {
  govopen_framework *fw = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_file(&fw, test_path("fixtures/reconcile/aggregate.yaml"), NULL, NULL),
                        GOVOPEN_OK);
  govopen_evaluation *ev = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-15", NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(
      govopen_evaluation_add_file(ev, test_path("fixtures/reconcile/aggregate.jsonl"), GOVOPEN_FORMAT_AUTO, NULL),
      GOVOPEN_OK);
  govopen_result *r = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(ev, &r, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_result_adjustment_count(r), 3);
  for (size_t i = 0; i < 3; i++) CU_ASSERT_EQUAL(govopen_result_adjustment_applied(r, i), 1);
  CU_ASSERT_EQUAL(govopen_result_adjustment_applied(r, 3), -1);
  CU_ASSERT_EQUAL(govopen_result_adjustment_applied(r, (size_t)-1), -1);
  CU_ASSERT_EQUAL(govopen_result_adjustment_applied(NULL, 0), -1);
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
}

static const test_case cases[] = {{"every value of fx reachable from C", test_walk_eval},
                                  {"every value of cov reachable from C", test_walk_coverage},
                                  {"every value of the adjustments fixture reachable from C", test_walk_adjustments},
                                  {"every value of the clamps reachable from C", test_walk_clamps},
                                  {"every value of the Langao sample reachable from C", test_walk_langao},
                                  {"every value with a county calendar reachable from C", test_walk_calendar_file},
                                  {"the walker fails on unknown members and wrong values", test_walk_detects},
                                  {"govopen_result_adjustment_applied", test_adjustment_applied},
                                  {NULL, NULL}};
GV_TEST_SUITE(h14_walk, cases);
