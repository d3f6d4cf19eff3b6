/* The observations harnesses' shared body: a fixed framework exercising every
 * rule kind (tests/fixtures/eval/fx.yaml, embedded at build time as
 * gv_fuzz_fx by cmake/embed.cmake), the fuzz input as its observations, then
 * the evaluation, every result accessor and the result JSON, which must parse
 * and come out the same twice. */
#include <math.h>
#include <string.h>

#include <cJSON.h>

#include "api/builtin.h"
#include "fuzz.h"
#include "govopen/govopen.h"
#include "observations.h"

extern const gv_builtin gv_fuzz_fx[];
extern const size_t gv_fuzz_fx_count;

/* Loaded once and never freed: libFuzzer runs one input at a time, and a
   framework is immutable once loaded, so no input can change it. */
static const govopen_framework *fixture(void) {
  static govopen_framework *fw;
  if (fw == NULL) {
    govopen_error *err = NULL;
    FUZZ_CHECK(gv_fuzz_fx_count == 1);
    int rc = govopen_framework_load_buffer(&fw, gv_fuzz_fx[0].data, gv_fuzz_fx[0].len, gv_fuzz_fx[0].source_name, NULL,
                                           &err);
    if (rc != GOVOPEN_OK) {
      fprintf(stderr, "fuzz: the fixture framework does not load: %s\n",
              err ? govopen_error_message(err) : govopen_status_str(rc));
      abort();
    }
  }
  return fw;
}

static void check_diagnostics(const govopen_error *e) {
  for (; e != NULL; e = govopen_error_next(e)) {
    FUZZ_CHECK(govopen_error_message(e) != NULL && govopen_error_message(e)[0] != '\0');
    char *text = NULL;
    size_t len = 0;
    FUZZ_CHECK(govopen_error_format(e, &text, &len) == GOVOPEN_OK && strlen(text) == len);
    govopen_free(text);
  }
}

static void read_result(const govopen_framework *fw, const govopen_result *r) {
  FUZZ_CHECK(govopen_result_framework(r) == fw);
  FUZZ_CHECK(strcmp(govopen_result_as_of(r), "2023-12-15") == 0);
  size_t units = govopen_framework_unit_count(fw), points = govopen_framework_point_count(fw);
  size_t nodes = govopen_framework_node_count(fw);
  for (size_t u = 0; u < units; u++) {
    double raw = govopen_result_unit_raw(r, u), possible = govopen_result_unit_possible(r, u);
    double total = govopen_result_unit_total(r, u);
    FUZZ_CHECK(isfinite(raw) && isfinite(possible) && isfinite(total));
    FUZZ_CHECK(raw >= 0.0 && raw <= possible + 1e-9);
    (void)govopen_result_unit_scored(r, u);
    (void)govopen_result_unit_vetoed(r, u);
    (void)govopen_result_unit_rank(r, u);
    (void)govopen_result_unit_grade(r, u);
    for (size_t n = 0; n < nodes; n++) FUZZ_CHECK(isfinite(govopen_result_unit_node_score(r, u, n)));
    for (size_t p = 0; p < points; p++) {
      int status = govopen_result_cell_status(r, u, p);
      if (status < 0) continue;
      double score = govopen_result_cell_score(r, u, p);
      const govopen_point *pt = govopen_framework_point(fw, p);
      FUZZ_CHECK(isfinite(score) && score >= 0.0 && score <= govopen_point_score(pt) + 1e-9);
      for (size_t i = 0; i < govopen_result_cell_reason_count(r, u, p); i++) {
        const char *code = govopen_result_cell_reason_code(r, u, p, i);
        const char *text = govopen_result_cell_reason_text(r, u, p, i);
        FUZZ_CHECK(code != NULL && code[0] != '\0' && text != NULL);
        (void)govopen_result_cell_reason_severity(r, u, p, i);
      }
    }
  }
  for (size_t p = 0; p < points; p++) FUZZ_CHECK(isfinite(govopen_result_county_point_score(r, p)));
  FUZZ_CHECK(isfinite(govopen_result_county_raw(r)) && isfinite(govopen_result_county_possible(r)));
  FUZZ_CHECK(isfinite(govopen_result_county_normalised(r)) && isfinite(govopen_result_county_total(r)));
  (void)govopen_result_county_grade(r);
  for (size_t i = 0; i < govopen_result_adjustment_count(r); i++)
    FUZZ_CHECK(govopen_result_adjustment_index(r, i) < govopen_framework_adjustment_count(fw));
}

static void render(const govopen_result *r) {
  char *a = NULL, *b = NULL;
  size_t alen = 0, blen = 0;
  FUZZ_CHECK(govopen_result_to_json(r, 0, &a, &alen) == GOVOPEN_OK && a != NULL && strlen(a) == alen);
  cJSON *root = cJSON_ParseWithLength(a, alen);
  FUZZ_CHECK(root != NULL && cJSON_IsObject(root));
  cJSON_Delete(root);
  FUZZ_CHECK(govopen_result_to_json(r, GOVOPEN_JSON_PRETTY, &b, &blen) == GOVOPEN_OK && b != NULL);
  govopen_free(b);
  b = NULL;
  FUZZ_CHECK(govopen_result_to_json(r, 0, &b, &blen) == GOVOPEN_OK);
  FUZZ_CHECK(alen == blen && memcmp(a, b, alen) == 0); /* deterministic */
  govopen_free(a);
  govopen_free(b);
}

void fuzz_observations(const uint8_t *data, size_t size, int format) {
  const govopen_framework *fw = fixture();
  govopen_evaluation *ev = NULL;
  govopen_error *err = NULL;
  FUZZ_CHECK(govopen_evaluation_new(&ev, fw, &err) == GOVOPEN_OK);
  FUZZ_CHECK(govopen_evaluation_set_as_of(ev, "2023-12-15", &err) == GOVOPEN_OK);
  int rc = govopen_evaluation_add_buffer(ev, (const char *)data, size, "fuzz", format, &err);
  if (rc != GOVOPEN_OK) {
    FUZZ_CHECK(rc < 0 && err != NULL);
    check_diagnostics(err);
    govopen_error_free(err);
    err = NULL;
  } else {
    FUZZ_CHECK(err == NULL);
  }
  check_diagnostics(govopen_evaluation_diagnostics(ev));
  size_t accepted = govopen_evaluation_observation_count(ev), rejected = govopen_evaluation_rejected_count(ev);
  if (rejected > 0) FUZZ_CHECK(govopen_evaluation_diagnostics(ev) != NULL);

  govopen_result *r = NULL;
  rc = govopen_evaluation_run(ev, &r, &err);
  FUZZ_CHECK(rc == GOVOPEN_OK && r != NULL);
  FUZZ_CHECK(govopen_result_observation_count(r) == accepted && govopen_result_rejected_count(r) == rejected);
  read_result(fw, r);
  render(r);
  govopen_result_free(r);
  govopen_evaluation_free(ev);
}
