/* What the report suites share (report_support.h). */
#include "report_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/out.h"
#include "testutil.h"

int sink_write(void *user, const char *data, size_t len) {
  sink *s = user;
  if (s->failed) s->after_fail = 1;
  s->calls++;
  if (len == 0) s->empty_call = 1;
  if (len > s->max_chunk) s->max_chunk = len;
  if (s->fail_at && s->calls == s->fail_at) {
    s->failed = 1;
    return 1;
  }
  if (s->len + len + 1 > s->cap) {
    size_t cap = s->cap ? s->cap : 4096;
    while (cap < s->len + len + 1) cap *= 2;
    char *d = realloc(s->data, cap);
    if (d == NULL) return 1;
    s->data = d;
    s->cap = cap;
  }
  memcpy(s->data + s->len, data, len);
  s->len += len;
  s->data[s->len] = '\0';
  return 0;
}

void sink_free(sink *s) {
  free(s->data);
  memset(s, 0, sizeof *s);
}

char *sink_text(sink *s, int rc, size_t chunk, size_t *len) {
  CU_ASSERT_EQUAL(rc, GOVOPEN_OK);
  CU_ASSERT_FALSE(s->empty_call);
  CU_ASSERT(s->max_chunk <= (chunk ? chunk : GV_OUT_CHUNK));
  if (len) *len = s->len;
  if (rc != GOVOPEN_OK) sink_free(s);
  return s->data;
}

void check_fails_at_every_call(test_writer writer, const void *ctx) {
  sink full = {0};
  CU_ASSERT_EQUAL_FATAL(writer(ctx, sink_write, &full), GOVOPEN_OK);
  CU_ASSERT_FATAL(full.calls >= 1);
  for (size_t k = 1; k <= full.calls + 1; k++) {
    sink s = {0};
    s.fail_at = k;
    int rc = writer(ctx, sink_write, &s);
    if (k > full.calls) {
      CU_ASSERT_EQUAL(rc, GOVOPEN_OK); /* one more than it needs: no failure */
      CU_ASSERT_EQUAL(s.calls, full.calls);
    } else {
      CU_ASSERT_EQUAL(rc, GOVOPEN_ESTOPPED);
      CU_ASSERT_EQUAL(s.calls, k);
    }
    CU_ASSERT_FALSE(s.after_fail);
    CU_ASSERT(s.len <= full.len && (s.len == 0 || memcmp(s.data, full.data, s.len) == 0));
    sink_free(&s);
  }
  sink_free(&full);
}

void run_free(run *x) {
  govopen_result_free(x->r);
  govopen_evaluation_free(x->ev);
  govopen_framework_free(x->fw);
  memset(x, 0, sizeof *x);
}

int run_file(run *x, const char *framework, const char *obs_path, const char *source, int zero) {
  memset(x, 0, sizeof *x);
  int rc = strncmp(framework, "builtin:", 8) == 0
               ? govopen_framework_load_builtin(&x->fw, framework + 8, NULL, NULL)
               : govopen_framework_load_file(&x->fw, test_path(framework), NULL, NULL);
  if (rc != GOVOPEN_OK) return -1;
  if (govopen_evaluation_new(&x->ev, x->fw, NULL) != GOVOPEN_OK) return -1;
  if (govopen_evaluation_set_as_of(x->ev, "2023-12-15", NULL) != GOVOPEN_OK) return -1;
  if (govopen_evaluation_set_int(x->ev, GOVOPEN_EVAL_NOT_EVALUATED, zero) != GOVOPEN_OK) return -1;
  if (obs_path) {
    size_t len = 0;
    char *data = test_read_file(test_path(obs_path), &len);
    if (data == NULL) return -1;
    rc = govopen_evaluation_add_buffer(x->ev, data, len, source, GOVOPEN_FORMAT_JSONL, NULL);
    free(data);
    if (rc != GOVOPEN_OK) return -1;
  }
  return govopen_evaluation_run(x->ev, &x->r, NULL) == GOVOPEN_OK ? 0 : -1;
}

int run_langao(run *x) {
  return run_file(x, "builtin:langao-2023", "../data/samples/langao-2023-observations.jsonl",
                  "data/samples/langao-2023-observations.jsonl", 0);
}

int run_odd(run *x) { return run_file(x, "fixtures/report/odd.yaml", "fixtures/report/odd.jsonl", "odd.jsonl", 0); }

int run_inject(run *x) {
  return run_file(x, "fixtures/report/inject.yaml", "fixtures/report/inject.jsonl", "inject.jsonl", 0);
}

char *golden_expand(const char *golden, const govopen_result *r, size_t *len) {
  static const char *const keys[] = {"@VERSION@", "@FINGERPRINT@", "@FP16@"};
  const char *fp = govopen_result_fingerprint(r);
  char fp16[17] = "";
  if (fp) snprintf(fp16, sizeof fp16, "%s", fp);
  const char *vals[] = {govopen_version_string(), fp ? fp : "", fp16};
  size_t cap = strlen(golden) + 1, n = 0;
  for (const char *s = golden; *s; s++)
    for (size_t k = 0; k < 3; k++)
      if (strncmp(s, keys[k], strlen(keys[k])) == 0) cap += strlen(vals[k]);
  char *out = malloc(cap);
  if (out == NULL) return NULL;
  for (const char *s = golden; *s;) {
    size_t k = 0;
    while (k < 3 && strncmp(s, keys[k], strlen(keys[k])) != 0) k++;
    if (k < 3) {
      memcpy(out + n, vals[k], strlen(vals[k]));
      n += strlen(vals[k]);
      s += strlen(keys[k]);
    } else {
      out[n++] = *s++;
    }
  }
  out[n] = '\0';
  if (len) *len = n;
  return out;
}
