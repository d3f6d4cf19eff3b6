/* Fuzz target: the framework loader (govopen_framework_load_buffer) on
 * arbitrary bytes. A framework that loads is walked through every accessor,
 * its lookups checked against its lists, dumped as JSON (which must parse and
 * be the same twice) and evaluated with no observations; a load that fails
 * must say why. A first line "#fuzz: FLAGS" (a YAML comment) sets options:
 * a = allow 64 aliases, s = strict, d = depth 8, n = 2000 nodes, z = 4 KiB,
 * u = 3 units, p = 3 points, l = strings of 16 bytes, t = a tree 4 levels
 * deep at most (overlays stacking indicators reach it in a few lines). */
#include <math.h>
#include <string.h>

#include <cJSON.h>

#include "fuzz.h"
#include "govopen/govopen.h"

static govopen_options *options_from(const uint8_t *data, size_t size) {
  static const char tag[] = "#fuzz:";
  if (size < sizeof tag - 1 || memcmp(data, tag, sizeof tag - 1) != 0) return NULL;
  govopen_options *o = NULL;
  FUZZ_CHECK(govopen_options_new(&o) == GOVOPEN_OK && o != NULL);
  for (size_t i = sizeof tag - 1; i < size && data[i] != '\n'; i++) {
    int rc = GOVOPEN_OK;
    switch (data[i]) {
      case 'a': rc = govopen_options_set_int(o, GOVOPEN_OPT_MAX_ALIASES, 64); break;
      case 's': rc = govopen_options_set_int(o, GOVOPEN_OPT_STRICT, 1); break;
      case 'd': rc = govopen_options_set_int(o, GOVOPEN_OPT_MAX_DEPTH, 8); break;
      case 'n': rc = govopen_options_set_int(o, GOVOPEN_OPT_MAX_NODES, 2000); break;
      case 'z': rc = govopen_options_set_int(o, GOVOPEN_OPT_MAX_SIZE, 4096); break;
      case 'u': rc = govopen_options_set_int(o, GOVOPEN_OPT_MAX_UNITS, 3); break;
      case 'p': rc = govopen_options_set_int(o, GOVOPEN_OPT_MAX_POINTS, 3); break;
      case 'l': rc = govopen_options_set_int(o, GOVOPEN_OPT_MAX_STRING, 16); break;
      case 't': rc = govopen_options_set_int(o, GOVOPEN_OPT_MAX_TREE_DEPTH, 4); break;
      default: break;
    }
    FUZZ_CHECK(rc == GOVOPEN_OK);
  }
  FUZZ_CHECK(govopen_options_set_int(o, 999, 1) == GOVOPEN_EINVALID);
  FUZZ_CHECK(govopen_options_set_int(o, GOVOPEN_OPT_MAX_TREE_DEPTH, 257) == GOVOPEN_EINVALID);
  return o;
}

/* Every diagnostic has a message and formats; a failure holds an error. */
static void check_errors(const govopen_error *e, int want_error) {
  size_t errors = 0;
  for (; e != NULL; e = govopen_error_next(e)) {
    FUZZ_CHECK(govopen_error_message(e) != NULL && govopen_error_message(e)[0] != '\0');
    FUZZ_CHECK(govopen_error_source(e) != NULL && govopen_error_path(e) != NULL);
    if (govopen_error_severity(e) == GOVOPEN_SEVERITY_ERROR) {
      errors++;
      FUZZ_CHECK(govopen_error_code(e) < 0);
    }
    char *text = NULL;
    size_t len = 0;
    FUZZ_CHECK(govopen_error_format(e, &text, &len) == GOVOPEN_OK && text != NULL && strlen(text) == len);
    govopen_free(text);
  }
  if (want_error) FUZZ_CHECK(errors > 0);
}

static void check_json(char *text, size_t len) {
  FUZZ_CHECK(text != NULL && strlen(text) == len);
  cJSON *root = cJSON_ParseWithLength(text, len);
  FUZZ_CHECK(root != NULL && cJSON_IsObject(root));
  cJSON_Delete(root);
}

typedef struct walk_state {
  const govopen_framework *fw;
  size_t visited, points;
} walk_state;

static void touch_point(const govopen_framework *fw, const govopen_point *p) {
  FUZZ_CHECK(govopen_point_id(p) != NULL && govopen_point_text(p) != NULL);
  FUZZ_CHECK(govopen_framework_point_by_id(fw, govopen_point_id(p)) == p);
  FUZZ_CHECK(govopen_framework_point(fw, govopen_point_index(p)) == p);
  FUZZ_CHECK(govopen_point_score(p) >= 0.0);
  (void)govopen_point_score_derived(p);
  (void)govopen_point_has_open_group(p);
  (void)govopen_point_rule_kind(p);
  (void)govopen_point_note(p);
  (void)govopen_point_line(p);
  (void)govopen_point_column(p);
  for (size_t i = 0; i < govopen_point_sampling_count(p); i++) FUZZ_CHECK(govopen_point_sampling(p, i) != NULL);
  for (size_t i = 0; i < govopen_point_responsible_count(p); i++) {
    FUZZ_CHECK(govopen_point_responsible(p, i) != NULL);
    FUZZ_CHECK((govopen_point_responsible_unit(p, i) != NULL) != (govopen_point_responsible_group(p, i) != NULL));
  }
  for (size_t i = 0; i < govopen_point_unit_count(p); i++) {
    const govopen_unit *u = govopen_point_unit(p, i);
    FUZZ_CHECK(u != NULL && govopen_framework_unit(fw, govopen_unit_index(u)) == u);
  }
  for (size_t i = 0; i < govopen_point_provenance_count(p); i++) FUZZ_CHECK(govopen_point_provenance(p, i));
  FUZZ_CHECK(govopen_point_sampling(p, govopen_point_sampling_count(p)) == NULL);
}

static int visit(const govopen_node *n, void *payload) {
  walk_state *w = payload;
  FUZZ_CHECK(govopen_framework_node(w->fw, w->visited) == n); /* the walk is pre-order */
  w->visited++;
  FUZZ_CHECK(govopen_framework_node_by_id(w->fw, govopen_node_id(n)) == n);
  FUZZ_CHECK(govopen_node_label(n) != NULL && govopen_node_title(n) != NULL && govopen_node_note(n) != NULL);
  FUZZ_CHECK(govopen_node_score(n) >= 0.0);
  (void)govopen_node_score_derived(n);
  (void)govopen_node_aggregate(n);
  (void)govopen_node_line(n);
  (void)govopen_node_column(n);
  const govopen_node *parent = govopen_node_parent(n);
  FUZZ_CHECK(parent != NULL && govopen_node_depth(n) == govopen_node_depth(parent) + 1);
  size_t below = govopen_node_point_count(n);
  for (size_t i = 0; i < govopen_node_child_count(n); i++) {
    const govopen_node *c = govopen_node_child(n, i);
    FUZZ_CHECK(c != NULL && govopen_node_parent(c) == n);
    below += govopen_node_total_point_count(c);
  }
  FUZZ_CHECK(below == govopen_node_total_point_count(n));
  for (size_t i = 0; i < govopen_node_point_count(n); i++) {
    const govopen_point *p = govopen_node_point(n, i);
    FUZZ_CHECK(p != NULL && govopen_point_node(p) == n);
    touch_point(w->fw, p);
    w->points++;
  }
  for (size_t i = 0; i < govopen_node_provenance_count(n); i++) FUZZ_CHECK(govopen_node_provenance(n, i) != NULL);
  FUZZ_CHECK(govopen_node_child(n, govopen_node_child_count(n)) == NULL);
  return 0;
}

static int count_pair(const govopen_unit *u, const govopen_point *p, void *payload) {
  FUZZ_CHECK(u != NULL && p != NULL);
  ++*(size_t *)payload;
  return 0;
}

static void walk_framework(const govopen_framework *fw) {
  FUZZ_CHECK(govopen_framework_id(fw) && govopen_framework_title(fw) && govopen_framework_region(fw));
  FUZZ_CHECK(govopen_framework_calendar(fw) && govopen_framework_source_name(fw));
  (void)govopen_framework_year(fw);
  (void)govopen_framework_total(fw);
  FUZZ_CHECK(govopen_framework_schema(fw) >= 1 && govopen_framework_schema(fw) <= govopen_schema_version());
  check_errors(govopen_framework_warnings(fw), 0);
  for (size_t i = 0; i < govopen_framework_provenance_count(fw); i++) FUZZ_CHECK(govopen_framework_provenance(fw, i));

  const govopen_node *root = govopen_framework_root(fw);
  FUZZ_CHECK(root != NULL && govopen_node_depth(root) == 0 && govopen_node_parent(root) == NULL);
  walk_state w = {fw, 0, 0};
  FUZZ_CHECK(govopen_framework_walk(fw, visit, &w) == 0);
  FUZZ_CHECK(w.visited == govopen_framework_node_count(fw));
  FUZZ_CHECK(w.points == govopen_framework_point_count(fw));
  FUZZ_CHECK(govopen_node_total_point_count(root) == w.points);
  FUZZ_CHECK(govopen_framework_node(fw, w.visited) == NULL);

  for (size_t i = 0; i < govopen_framework_unit_count(fw); i++) {
    const govopen_unit *u = govopen_framework_unit(fw, i);
    FUZZ_CHECK(u != NULL && govopen_unit_index(u) == i);
    FUZZ_CHECK(govopen_framework_unit_by_id(fw, govopen_unit_id(u)) == u);
    FUZZ_CHECK(govopen_framework_unit_find(fw, govopen_unit_id(u)) == u);
    FUZZ_CHECK(govopen_framework_unit_by_name(fw, govopen_unit_name(u)) == u);
    FUZZ_CHECK(govopen_unit_kind_name(govopen_unit_kind(u)) != NULL);
    for (size_t j = 0; j < govopen_unit_alias_count(u); j++)
      FUZZ_CHECK(govopen_framework_unit_by_name(fw, govopen_unit_alias(u, j)) == u);
    FUZZ_CHECK(govopen_unit_code(u) != NULL && govopen_unit_note(u) != NULL);
    for (size_t j = 0; j < govopen_unit_point_count(u); j++) FUZZ_CHECK(govopen_unit_point(u, j) != NULL);
  }
  for (size_t i = 0; i < govopen_framework_group_count(fw); i++) {
    const govopen_group *g = govopen_framework_group(fw, i);
    FUZZ_CHECK(g != NULL && govopen_framework_group_by_id(fw, govopen_group_id(g)) == g);
    FUZZ_CHECK(govopen_framework_group_by_name(fw, govopen_group_name(g)) == g);
    for (size_t j = 0; j < govopen_group_alias_count(g); j++) FUZZ_CHECK(govopen_group_alias(g, j) != NULL);
    (void)govopen_group_is_open(g);
    (void)govopen_group_kinds(g);
    for (size_t j = 0; j < govopen_group_member_count(g); j++) FUZZ_CHECK(govopen_group_member(g, j) != NULL);
    FUZZ_CHECK(govopen_group_note(g) != NULL);
  }
  for (size_t i = 0; i < govopen_framework_method_count(fw); i++) {
    size_t pairs = 0;
    FUZZ_CHECK(govopen_framework_plan(fw, govopen_framework_method(fw, i), count_pair, &pairs) == 0);
  }
  size_t none = 0;
  FUZZ_CHECK(govopen_framework_plan(fw, "\x01no such method", count_pair, &none) == GOVOPEN_ENOTFOUND);
  for (size_t i = 0; i < govopen_framework_adjustment_count(fw); i++) {
    FUZZ_CHECK(govopen_framework_adjustment_id(fw, i) && govopen_framework_adjustment_text(fw, i));
    (void)govopen_framework_adjustment_delta(fw, i);
  }
  for (size_t i = 0; i < govopen_framework_grade_count(fw); i++) {
    FUZZ_CHECK(govopen_framework_grade_name(fw, i) != NULL);
    /* grades are strictly descending: each one's minimum earns it */
    FUZZ_CHECK(govopen_framework_grade_for(fw, govopen_framework_grade_min(fw, i)) ==
               govopen_framework_grade_name(fw, i));
  }
  /* any double, however large, earns the top grade or none */
  FUZZ_CHECK(govopen_framework_grade_for(fw, 1e300) == govopen_framework_grade_name(fw, 0));
  FUZZ_CHECK(govopen_framework_grade_for(fw, -1e300) == NULL);
  FUZZ_CHECK(govopen_framework_grade_for(fw, NAN) == NULL);
}

static void dump(const govopen_framework *fw) {
  char *a = NULL, *b = NULL;
  size_t alen = 0, blen = 0;
  FUZZ_CHECK(govopen_framework_to_json(fw, 0, &a, &alen) == GOVOPEN_OK);
  check_json(a, alen);
  FUZZ_CHECK(govopen_framework_to_json(fw, GOVOPEN_JSON_PRETTY, &b, &blen) == GOVOPEN_OK);
  check_json(b, blen);
  govopen_free(b);
  b = NULL;
  FUZZ_CHECK(govopen_framework_to_json(fw, 0, &b, &blen) == GOVOPEN_OK);
  FUZZ_CHECK(alen == blen && memcmp(a, b, alen) == 0); /* deterministic */
  govopen_free(a);
  govopen_free(b);
}

/* An evaluation of the framework with no observation: aggregation, grades and
   ranks over whatever tree loaded. */
static void evaluate(const govopen_framework *fw) {
  govopen_evaluation *ev = NULL;
  govopen_error *err = NULL;
  if (govopen_evaluation_new(&ev, fw, &err) != GOVOPEN_OK) {
    FUZZ_CHECK(ev == NULL);
    check_errors(err, 1);
    govopen_error_free(err);
    return;
  }
  govopen_result *r = NULL;
  if (govopen_evaluation_set_as_of(ev, "2023-12-15", &err) == GOVOPEN_OK &&
      govopen_evaluation_run(ev, &r, &err) == GOVOPEN_OK) {
    FUZZ_CHECK(govopen_result_observation_count(r) == 0);
    FUZZ_CHECK(isfinite(govopen_result_county_total(r)) && isfinite(govopen_result_county_normalised(r)));
    for (size_t u = 0; u < govopen_framework_unit_count(fw); u++)
      FUZZ_CHECK(isfinite(govopen_result_unit_total(r, u)) && govopen_result_unit_raw(r, u) == 0.0);
    char *text = NULL;
    size_t len = 0;
    FUZZ_CHECK(govopen_result_to_json(r, 0, &text, &len) == GOVOPEN_OK);
    check_json(text, len);
    govopen_free(text);
    govopen_result_free(r);
  } else {
    check_errors(err, 1);
    govopen_error_free(err);
  }
  govopen_evaluation_free(ev);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  govopen_options *opts = options_from(data, size);
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  int rc = govopen_framework_load_buffer(&fw, (const char *)data, size, "fuzz.yaml", opts, &err);
  if (rc == GOVOPEN_OK) {
    FUZZ_CHECK(fw != NULL && err == NULL);
    walk_framework(fw);
    dump(fw);
    evaluate(fw);
  } else {
    FUZZ_CHECK(rc < 0 && fw == NULL);
    check_errors(err, 1);
  }
  govopen_error_free(err);
  govopen_framework_free(fw);
  govopen_options_free(opts);
  return 0;
}
