/* Issue 14, item 7: know what a result was made from. Every result carries a
 * fingerprint — the library's version, the framework's digest, the calendar,
 * the as-of date, the period, the settings and each input's SHA-256 and
 * counts — with one digest over them in the canonical order docs/results.md
 * gives. Checked here: SHA-256 itself, the digest against its definition
 * rebuilt from the parts, the same inputs giving the same fingerprint
 * (twice, buffer or file, --jobs 1 or 2, any source name), one byte of an
 * observation file, one score of an overlay and each setting changing it,
 * the JSON member on both writers' paths, the accessors' bad indexes, and
 * the reports' footers. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, strdup */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "util/buf.h"
#include "util/digest.h"

#define SAMPLE "../data/samples/langao-2023-observations.jsonl"

/* --- helpers ------------------------------------------------------------------------ */

static govopen_framework *langao(void) {
  govopen_framework *fw = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_builtin(&fw, "langao-2023", NULL, NULL), GOVOPEN_OK);
  return fw;
}

static govopen_evaluation *new_eval(const govopen_framework *fw) {
  govopen_evaluation *ev = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-15", NULL), GOVOPEN_OK);
  return ev;
}

static govopen_result *run(govopen_evaluation *ev) {
  govopen_result *r = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(ev, &r, NULL), GOVOPEN_OK);
  return r;
}

/* The fingerprint of `fw` evaluated on the file `path` with `jobs` threads. */
static void fp_of_file(const govopen_framework *fw, const char *path, int jobs, char out[65]) {
  govopen_evaluation *ev = new_eval(fw);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_JOBS, jobs), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_add_file(ev, path, GOVOPEN_FORMAT_AUTO, NULL), GOVOPEN_OK);
  govopen_result *r = run(ev);
  snprintf(out, 65, "%s", govopen_result_fingerprint(r));
  CU_ASSERT_EQUAL(strlen(out), 64);
  govopen_result_free(r);
  govopen_evaluation_free(ev);
}

static char tmpdir[64];

static const char *tmp_file(const char *name, const char *data, size_t len) {
  static char path[128];
  if (tmpdir[0] == '\0') {
    snprintf(tmpdir, sizeof tmpdir, "/tmp/govopen-fp-XXXXXX");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(tmpdir));
  }
  snprintf(path, sizeof path, "%s/%s", tmpdir, name);
  FILE *f = fopen(path, "wb");
  CU_ASSERT_PTR_NOT_NULL_FATAL(f);
  CU_ASSERT_EQUAL(fwrite(data, 1, len, f), len);
  fclose(f);
  return path;
}

static void sha_hex(const char *data, size_t len, char out[65]) { gv_digest_hex(data, len, out); }

/* --- SHA-256 -------------------------------------------------------------------------- */

/* FIPS 180-4's examples (NIST's SHA256.pdf), and a message fed in pieces. */
static void test_sha256_vectors(void) {
  char hex[GV_DIGEST_HEX];
  gv_digest_hex("", 0, hex);
  CU_ASSERT_STRING_EQUAL(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  gv_digest_hex("abc", 3, hex);
  CU_ASSERT_STRING_EQUAL(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  gv_digest_hex(two, strlen(two), hex);
  CU_ASSERT_STRING_EQUAL(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  /* a million 'a', in uneven pieces */
  gv_digest d;
  gv_digest_init(&d);
  char block[997];
  memset(block, 'a', sizeof block);
  size_t left = 1000000;
  while (left) {
    size_t n = left < sizeof block ? left : sizeof block;
    gv_digest_update(&d, block, n);
    left -= n;
  }
  gv_digest_final_hex(&d, hex);
  CU_ASSERT_STRING_EQUAL(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* --- the definition ------------------------------------------------------------------- */

/* The sample evaluated from its file: every part, and the digest rebuilt
   from the parts in docs/results.md's canonical order. */
static void test_parts_and_definition(void) {
  govopen_framework *fw = langao();
  govopen_evaluation *ev = new_eval(fw);
  const char *path = test_path(SAMPLE);
  char *path_copy = strdup(path);
  CU_ASSERT_EQUAL(govopen_evaluation_add_file(ev, path_copy, GOVOPEN_FORMAT_AUTO, NULL), GOVOPEN_OK);
  govopen_result *r = run(ev);
  size_t len = 0;
  char *bytes = test_read_file(path_copy, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
  char file_hex[65];
  sha_hex(bytes, len, file_hex);
  free(bytes);

  CU_ASSERT_EQUAL(govopen_result_input_count(r), 1);
  CU_ASSERT_STRING_EQUAL(govopen_result_input_name(r, 0), path_copy);
  CU_ASSERT_STRING_EQUAL(govopen_result_input_digest(r, 0), file_hex); /* as sha256sum gives it */
  CU_ASSERT_EQUAL(govopen_result_input_records(r, 0), 1032);
  CU_ASSERT_EQUAL(govopen_result_input_accepted(r, 0), 1032);
  CU_ASSERT_EQUAL(govopen_result_input_rejected(r, 0), 0);
  CU_ASSERT_STRING_EQUAL(govopen_result_calendar(r), "cn");
  CU_ASSERT_PTR_NULL(govopen_result_calendar_digest(r));
  const char *fwd = govopen_result_framework_digest(r);
  CU_ASSERT_EQUAL(strlen(fwd), 64);

  gv_buf b = {0};
  gv_buf_printf(&b, "govopen fingerprint 1\nversion\t%s\nframework\tlangao-2023\t%s\n", govopen_version_string(), fwd);
  gv_buf_puts(&b, "calendar\tbuiltin\tcn\nas_of\t2023-12-15\nperiod\t2023-01-01\t2023-12-31\n");
  gv_buf_puts(&b, "setting\t1\t0\nsetting\t2\t0\nsetting\t3\t3\nsetting\t4\t0\nsetting\t5\t10000000\n"
                  "setting\t6\t5000000\nsetting\t8\t1024\nsetting\t9\t1000\nsetting\t10\t50\n");
  gv_buf_printf(&b, "input\t%s\t1032\t1032\t0\n", file_hex);
  CU_ASSERT_EQUAL_FATAL(gv_buf_status(&b), GOVOPEN_OK);
  char want[65];
  sha_hex(b.data, b.len, want);
  CU_ASSERT_STRING_EQUAL(govopen_result_fingerprint(r), want);
  gv_buf_free(&b);

  /* the JSON member says the same */
  char *json = NULL;
  CU_ASSERT_EQUAL(govopen_result_to_json(r, 0, &json, NULL), GOVOPEN_OK);
  gv_buf m = {0};
  gv_buf_printf(
      &m,
      ",\"fingerprint\":{\"digest\":\"%s\",\"version\":\"%s\",\"framework\":{\"id\":\"langao-2023\","
      "\"digest\":\"%s\"},\"calendar\":{\"builtin\":\"cn\"},\"as_of\":\"2023-12-15\",\"period\":{\"first\":"
      "\"2023-01-01\",\"last\":\"2023-12-31\"},\"settings\":{\"not_evaluated\":0,\"county\":0,\"max_named\":3,"
      "\"strict\":0,\"max_steps\":10000000,\"max_observations\":5000000,\"max_keys\":1024,"
      "\"max_diagnostics\":1000,\"min_coverage\":50},\"inputs\":[{\"name\":\"%s\",\"digest\":\"%s\",\"records\":1032,"
      "\"accepted\":1032,\"rejected\":0}]}}",
      want, govopen_version_string(), fwd, path_copy, file_hex);
  size_t jl = json ? strlen(json) : 0;
  CU_ASSERT(json && jl > m.len && strcmp(json + jl - m.len, m.data) == 0);
  gv_buf_free(&m);
  govopen_free(json);

  /* run again, and in a second evaluation: the same */
  govopen_result *again = run(ev);
  CU_ASSERT_STRING_EQUAL(govopen_result_fingerprint(again), want);
  govopen_result_free(again);
  char other[65];
  fp_of_file(fw, path_copy, 1, other);
  CU_ASSERT_STRING_EQUAL(other, want);
  free(path_copy);
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
}

/* A NULL result, an index out of range. */
static void test_bad_arguments(void) {
  CU_ASSERT_PTR_NULL(govopen_result_fingerprint(NULL));
  CU_ASSERT_PTR_NULL(govopen_result_framework_digest(NULL));
  CU_ASSERT_PTR_NULL(govopen_result_calendar(NULL));
  CU_ASSERT_PTR_NULL(govopen_result_calendar_digest(NULL));
  CU_ASSERT_EQUAL(govopen_result_input_count(NULL), (size_t)-1);
  CU_ASSERT_PTR_NULL(govopen_result_input_name(NULL, 0));
  CU_ASSERT_PTR_NULL(govopen_result_input_digest(NULL, 0));
  CU_ASSERT_EQUAL(govopen_result_input_records(NULL, 0), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_input_accepted(NULL, 0), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_input_rejected(NULL, 0), (size_t)-1);
  govopen_framework *fw = langao();
  govopen_evaluation *ev = new_eval(fw);
  govopen_result *r = run(ev); /* no input at all */
  CU_ASSERT_EQUAL(govopen_result_input_count(r), 0);
  CU_ASSERT_PTR_NULL(govopen_result_input_name(r, 0));
  CU_ASSERT_PTR_NULL(govopen_result_input_digest(r, 0));
  CU_ASSERT_EQUAL(govopen_result_input_records(r, 0), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_input_accepted(r, 0), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_input_rejected(r, (size_t)-1), (size_t)-1);
  CU_ASSERT_EQUAL(strlen(govopen_result_fingerprint(r)), 64);
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
}

/* --- the same inputs, the same fingerprint --------------------------------------------- */

/* The same bytes as a buffer under another name and as a file: one
   fingerprint, each input reported under its own name. */
static void test_buffer_and_file(void) {
  govopen_framework *fw = langao();
  size_t len = 0;
  char *bytes = test_read_file(test_path(SAMPLE), &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
  govopen_evaluation *ev = new_eval(fw);
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, bytes, len, "上传.txt", GOVOPEN_FORMAT_JSONL, NULL), GOVOPEN_OK);
  govopen_result *r = run(ev);
  char from_file[65];
  fp_of_file(fw, test_path(SAMPLE), 1, from_file);
  CU_ASSERT_STRING_EQUAL(govopen_result_fingerprint(r), from_file);
  CU_ASSERT_STRING_EQUAL(govopen_result_input_name(r, 0), "上传.txt");
  char hex[65];
  sha_hex(bytes, len, hex);
  CU_ASSERT_STRING_EQUAL(govopen_result_input_digest(r, 0), hex);
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  free(bytes);
  govopen_framework_free(fw);
}

/* A JSON Lines file over 1 MiB, read on one thread and split between two
   (the parts read in parallel, the digest on a thread of its own): the same
   input digest (the file's SHA-256), fingerprint and JSON, on both writers'
   paths. */
static void test_jobs(void) {
  govopen_framework *fw = langao();
  size_t len = 0;
  char *one = test_read_file(test_path(SAMPLE), &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(one);
  gv_buf big = {0};
  for (int i = 0; i < 6; i++) gv_buf_append(&big, one, len);
  free(one);
  CU_ASSERT_FATAL(gv_buf_status(&big) == GOVOPEN_OK && big.len > ((size_t)1 << 20));
  const char *path = tmp_file("big.jsonl", big.data, big.len);
  char *p = strdup(path);
  char hex[65];
  sha_hex(big.data, big.len, hex);
  char *json[2] = {NULL, NULL};
  char fp[2][65];
  for (int j = 0; j < 2; j++) {
    govopen_evaluation *ev = new_eval(fw);
    CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_JOBS, j + 1), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_evaluation_add_file(ev, p, GOVOPEN_FORMAT_AUTO, NULL), GOVOPEN_OK);
    govopen_result *r = run(ev);
    snprintf(fp[j], 65, "%s", govopen_result_fingerprint(r));
    CU_ASSERT_STRING_EQUAL(govopen_result_input_digest(r, 0), hex);
    CU_ASSERT_EQUAL(govopen_result_input_records(r, 0), 6 * 1032);
    CU_ASSERT_EQUAL(govopen_result_input_accepted(r, 0) + govopen_result_input_rejected(r, 0), 6 * 1032);
    CU_ASSERT_EQUAL(govopen_result_input_accepted(r, 0), govopen_evaluation_observation_count(ev));
    CU_ASSERT_EQUAL(govopen_result_input_rejected(r, 0), govopen_evaluation_rejected_count(ev));
    CU_ASSERT_EQUAL(govopen_result_to_json(r, 0, &json[j], NULL), GOVOPEN_OK);
    govopen_result_free(r);
    govopen_evaluation_free(ev);
  }
  CU_ASSERT_STRING_EQUAL(fp[0], fp[1]);
  CU_ASSERT(json[0] && json[1] && strcmp(json[0], json[1]) == 0);
  govopen_free(json[0]);
  govopen_free(json[1]);
  unlink(p);
  free(p);
  gv_buf_free(&big);
  govopen_framework_free(fw);
}

/* govopen_evaluation_write_json's lazy path gives the bytes of the kept result. */
static int collect(void *user, const char *data, size_t len) {
  gv_buf_append(user, data, len);
  return 0;
}

static void test_streaming_path(void) {
  govopen_framework *fw = langao();
  govopen_evaluation *ev = new_eval(fw);
  CU_ASSERT_EQUAL(govopen_evaluation_add_file(ev, test_path(SAMPLE), GOVOPEN_FORMAT_AUTO, NULL), GOVOPEN_OK);
  for (unsigned flags = 0; flags <= GOVOPEN_JSON_PRETTY; flags++) {
    govopen_result *r = run(ev);
    char *kept = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL(govopen_result_to_json(r, flags, &kept, &n), GOVOPEN_OK);
    gv_buf b = {0};
    CU_ASSERT_EQUAL(govopen_evaluation_write_json(ev, flags, collect, &b, NULL), GOVOPEN_OK);
    CU_ASSERT(kept && gv_buf_status(&b) == GOVOPEN_OK && b.len == n && memcmp(b.data, kept, n) == 0);
    CU_ASSERT(kept && strstr(kept, govopen_result_fingerprint(r)) != NULL);
    gv_buf_free(&b);
    govopen_free(kept);
    govopen_result_free(r);
  }
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
}

/* --- what changes it ----------------------------------------------------------------- */

/* One byte of an observation file: a space more (the same records, the same
   scores) and one value changed. */
static void test_one_byte(void) {
  govopen_framework *fw = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_file(&fw, test_path("fixtures/eval/fx.yaml"), NULL, NULL), GOVOPEN_OK);
  size_t len = 0;
  char *bytes = test_read_file(test_path("fixtures/eval/fx.jsonl"), &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
  char base[65], spaced[65], changed[65];
  fp_of_file(fw, tmp_file("fx.jsonl", bytes, len), 1, base);
  char *nl = memchr(bytes, '\n', len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(nl);
  gv_buf b = {0};
  gv_buf_append(&b, bytes, (size_t)(nl - bytes));
  gv_buf_putc(&b, ' ');
  gv_buf_append(&b, nl, len - (size_t)(nl - bytes));
  fp_of_file(fw, tmp_file("fx.jsonl", b.data, b.len), 1, spaced);
  CU_ASSERT_STRING_NOT_EQUAL(spaced, base);
  char *f = strstr(bytes, "\"value\": false");
  CU_ASSERT_PTR_NOT_NULL_FATAL(f);
  memcpy(f + 9, "true ", 5); /* "value": true  — the same length */
  fp_of_file(fw, tmp_file("fx.jsonl", bytes, len), 1, changed);
  CU_ASSERT_STRING_NOT_EQUAL(changed, base);
  CU_ASSERT_STRING_NOT_EQUAL(changed, spaced);
  unlink(tmp_file("fx.jsonl", "", 0));
  gv_buf_free(&b);
  free(bytes);
  govopen_framework_free(fw);
}

static govopen_framework *load_text(const char *text) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  int rc = govopen_framework_load_buffer(&fw, text, strlen(text), "qingshan-2024.yaml", NULL, &err);
  if (rc != GOVOPEN_OK) fprintf(stderr, "\n%s\n", err ? govopen_error_message(err) : "?");
  govopen_error_free(err);
  CU_ASSERT_EQUAL_FATAL(rc, GOVOPEN_OK);
  return fw;
}

static char *replace(const char *s, const char *from, const char *to) {
  const char *at = strstr(s, from);
  CU_ASSERT_PTR_NOT_NULL_FATAL(at);
  gv_buf b = {0};
  gv_buf_append(&b, s, (size_t)(at - s));
  gv_buf_puts(&b, to);
  gv_buf_puts(&b, at + strlen(from));
  return b.data;
}

/* One score in examples/county-overlay's overlay (overlays resolved): the
   framework digest and the fingerprint change; the same text under another
   name, or the built-in framework from its file, does not. */
static void test_overlay_score(void) {
  char *text = test_read_file(test_path("../examples/county-overlay/qingshan-2024.yaml"), NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  char *moved = replace(text, "\"4\": {score: 23}", "\"4\": {score: 22}");
  char *changed = replace(moved, "\"5\": {score: 15}", "\"5\": {score: 16}");
  govopen_framework *a = load_text(text), *b = load_text(changed);
  const char *obs = test_path("../examples/county-overlay/observations-2024.jsonl");
  char *obs_path = strdup(obs);
  char fa[65], fb[65];
  fp_of_file(a, obs_path, 1, fa);
  fp_of_file(b, obs_path, 1, fb);
  CU_ASSERT_STRING_NOT_EQUAL(fa, fb);
  govopen_evaluation *ea = new_eval(a), *eb = new_eval(b);
  govopen_result *ra = run(ea), *rb = run(eb);
  CU_ASSERT_STRING_NOT_EQUAL(govopen_result_framework_digest(ra), govopen_result_framework_digest(rb));
  govopen_result_free(ra);
  govopen_result_free(rb);
  govopen_evaluation_free(ea);
  govopen_evaluation_free(eb);
  /* the framework as loaded, not its file: the same text under another name,
     and langao-2023 built in or from data/frameworks */
  govopen_framework *c = NULL, *d = langao(), *e = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_buffer(&c, text, strlen(text), "elsewhere/other.yaml", NULL, NULL),
                        GOVOPEN_OK);
  char fc[65];
  fp_of_file(c, obs_path, 1, fc);
  CU_ASSERT_STRING_EQUAL(fc, fa);
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_file(&e, test_path("../data/frameworks/langao-2023.yaml"), NULL, NULL),
                        GOVOPEN_OK);
  char fd[65], fe[65];
  fp_of_file(d, test_path(SAMPLE), 1, fd);
  fp_of_file(e, test_path(SAMPLE), 1, fe);
  CU_ASSERT_STRING_EQUAL(fd, fe);
  free(obs_path);
  govopen_framework_free(a);
  govopen_framework_free(b);
  govopen_framework_free(c);
  govopen_framework_free(d);
  govopen_framework_free(e);
  free(text);
  free(moved);
  free(changed);
}

/* Each setting, the as-of date, the period and the calendar change it;
   GOVOPEN_EVAL_JOBS does not. */
typedef void (*setup_fn)(govopen_evaluation *ev);
static void s_none(govopen_evaluation *ev) { (void)ev; }
static void s_jobs(govopen_evaluation *ev) { CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_JOBS, 4), 0); }
static void s_zero(govopen_evaluation *ev) {
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_NOT_EVALUATED, 1), 0);
}
static void s_min(govopen_evaluation *ev) {
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_COUNTY, 1), 0);
}
static void s_named(govopen_evaluation *ev) {
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_NAMED, 5), 0);
}
static void s_strict(govopen_evaluation *ev) {
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_STRICT, 1), 0);
}
static void s_steps(govopen_evaluation *ev) {
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_STEPS, 1000000), 0);
}
static void s_obs(govopen_evaluation *ev) {
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_OBSERVATIONS, 100000), 0);
}
static void s_keys(govopen_evaluation *ev) {
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_KEYS, 100), 0);
}
static void s_diags(govopen_evaluation *ev) {
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_DIAGNOSTICS, 10), 0);
}
static void s_as_of(govopen_evaluation *ev) {
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-16", NULL), 0);
}
static void s_period(govopen_evaluation *ev) {
  CU_ASSERT_EQUAL(govopen_evaluation_set_period(ev, "2023-01-01", "2023-12-30", NULL), 0);
}
static void s_calendar(govopen_evaluation *ev) {
  CU_ASSERT_EQUAL(govopen_evaluation_set_calendar_file(ev, test_path("fixtures/calendar/county.yaml"), NULL), 0);
}

static void test_settings(void) {
  static const setup_fn setups[] = {s_none, s_jobs, s_zero,  s_min,   s_named,  s_strict,  s_steps,
                                    s_obs,  s_keys, s_diags, s_as_of, s_period, s_calendar};
  enum { N = sizeof setups / sizeof setups[0] };
  char fp[N][65];
  govopen_framework *fw = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_file(&fw, test_path("fixtures/eval/fx.yaml"), NULL, NULL), GOVOPEN_OK);
  for (size_t i = 0; i < N; i++) {
    govopen_evaluation *ev = new_eval(fw);
    setups[i](ev);
    CU_ASSERT_EQUAL(govopen_evaluation_add_file(ev, test_path("fixtures/eval/fx.jsonl"), GOVOPEN_FORMAT_AUTO, NULL),
                    GOVOPEN_OK);
    govopen_result *r = run(ev);
    snprintf(fp[i], 65, "%s", govopen_result_fingerprint(r));
    if (setups[i] == s_calendar) {
      size_t len = 0;
      char *cal = test_read_file(test_path("fixtures/calendar/county.yaml"), &len);
      char hex[65];
      CU_ASSERT_PTR_NOT_NULL_FATAL(cal);
      sha_hex(cal, len, hex);
      free(cal);
      CU_ASSERT_STRING_EQUAL(govopen_result_calendar_digest(r), hex);
      CU_ASSERT_STRING_EQUAL(govopen_result_calendar(r), test_path("fixtures/calendar/county.yaml"));
    }
    govopen_result_free(r);
    govopen_evaluation_free(ev);
  }
  CU_ASSERT_STRING_EQUAL(fp[1], fp[0]); /* jobs */
  for (size_t i = 2; i < N; i++)
    for (size_t j = 0; j < i; j++)
      if (j != 1 && strcmp(fp[i], fp[j]) == 0) {
        fprintf(stderr, "\n  setups %zu and %zu give one fingerprint\n", i, j);
        CU_FAIL("two settings give one fingerprint");
      }
  govopen_framework_free(fw);
}

/* --- which inputs count ---------------------------------------------------------------- */

/* A call that failed and kept nothing is no input; strict mode's stop kept
   the records before it, so the input counts, its digest the whole file's. */
static void test_failed_and_strict(void) {
  govopen_framework *fw = langao();
  govopen_evaluation *ev = new_eval(fw);
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_evaluation_add_file(ev, "/nonexistent/obs.jsonl", GOVOPEN_FORMAT_AUTO, &err),
                  GOVOPEN_ENOTFOUND);
  govopen_error_free(err);
  err = NULL;
  const char *broken = "[{\"unit\": \"城关镇\", \"point\": \"P01\", \"value\": true}, {";
  CU_ASSERT_NOT_EQUAL(
      govopen_evaluation_add_buffer(ev, broken, strlen(broken), "broken.json", GOVOPEN_FORMAT_JSON, &err), GOVOPEN_OK);
  govopen_error_free(err);
  govopen_result *r = run(ev);
  CU_ASSERT_EQUAL(govopen_result_input_count(r), 0);
  govopen_result_free(r);
  govopen_evaluation_free(ev);

  /* strict: the second record is bad */
  const char *lines = "{\"unit\": \"城关镇\", \"point\": \"P02\", \"observed\": \"2023-11-01\", \"value\": true}\n"
                      "{\"unit\": \"无此镇\", \"point\": \"P02\", \"value\": true}\n"
                      "{\"unit\": \"佐龙镇\", \"point\": \"P02\", \"observed\": \"2023-11-01\", \"value\": true}\n";
  char *p = strdup(tmp_file("strict.jsonl", lines, strlen(lines)));
  ev = new_eval(fw);
  CU_ASSERT_EQUAL(govopen_evaluation_set_int(ev, GOVOPEN_EVAL_STRICT, 1), GOVOPEN_OK);
  err = NULL;
  CU_ASSERT_NOT_EQUAL(govopen_evaluation_add_file(ev, p, GOVOPEN_FORMAT_AUTO, &err), GOVOPEN_OK);
  govopen_error_free(err);
  r = run(ev);
  char hex[65];
  sha_hex(lines, strlen(lines), hex);
  CU_ASSERT_EQUAL_FATAL(govopen_result_input_count(r), 1);
  CU_ASSERT_STRING_EQUAL(govopen_result_input_digest(r, 0), hex);
  CU_ASSERT_EQUAL(govopen_result_input_accepted(r, 0), govopen_evaluation_observation_count(ev));
  CU_ASSERT_EQUAL(govopen_result_input_rejected(r, 0), 1);
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  unlink(p);
  free(p);
  govopen_framework_free(fw);
}

/* --- the footers ------------------------------------------------------------------------ */

static void test_footers(void) {
  govopen_framework *fw = langao();
  govopen_evaluation *ev = new_eval(fw);
  CU_ASSERT_EQUAL(govopen_evaluation_add_file(ev, test_path(SAMPLE), GOVOPEN_FORMAT_AUTO, NULL), GOVOPEN_OK);
  govopen_result *r = run(ev);
  char zh[256], en[256];
  snprintf(zh, sizeof zh, "指纹 %.16s（govopen %s，框架 langao-2023，截至 2023-12-15）", govopen_result_fingerprint(r),
           govopen_version_string());
  snprintf(en, sizeof en, "Fingerprint %.16s (govopen %s, framework langao-2023, as of 2023-12-15)",
           govopen_result_fingerprint(r), govopen_version_string());
  for (int lang = 0; lang < 2; lang++) {
    unsigned fl = lang ? GOVOPEN_REPORT_LANG_EN : 0;
    const char *line = lang ? en : zh;
    gv_buf md = {0}, html = {0}, rect = {0}, want = {0};
    CU_ASSERT_EQUAL(govopen_result_write_markdown(r, fl, collect, &md), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_result_write_html(r, fl, collect, &html), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_result_write_rectify(r, 0, fl, collect, &rect), GOVOPEN_OK);
    /* Markdown escapes the id's hyphen */
    char mdline[256];
    snprintf(mdline, sizeof mdline, "%.*slangao\\-2023%s", (int)(strstr(line, "langao") - line), line,
             strstr(line, "langao") + strlen("langao-2023"));
    gv_buf_printf(&want, "\n\n---\n\n%s\n", mdline);
    CU_ASSERT(md.len > want.len && strcmp(md.data + md.len - want.len, want.data) == 0);
    gv_buf_truncate(&want, 0);
    gv_buf_printf(&want, "<p class=\"fingerprint\">%s</p></footer>\n</body>\n</html>\n", line);
    CU_ASSERT(html.len > want.len && strcmp(html.data + html.len - want.len, want.data) == 0);
    gv_buf_truncate(&want, 0);
    gv_buf_printf(&want, "\n\n%s\n", line);
    CU_ASSERT(rect.len > want.len && strcmp(rect.data + rect.len - want.len, want.data) == 0);
    gv_buf_free(&md);
    gv_buf_free(&html);
    gv_buf_free(&rect);
    gv_buf_free(&want);
  }
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
}

static void test_cleanup(void) {
  if (tmpdir[0]) CU_ASSERT_EQUAL(rmdir(tmpdir), 0);
  tmpdir[0] = '\0';
}

static const test_case cases[] = {{"SHA-256: FIPS 180-4 vectors, fed in pieces", test_sha256_vectors},
                                  {"every part, and the digest rebuilt from them", test_parts_and_definition},
                                  {"a NULL result, indexes out of range", test_bad_arguments},
                                  {"buffer or file, any name: one fingerprint", test_buffer_and_file},
                                  {"--jobs 1 and 2 on a 1.3 MB file: one fingerprint", test_jobs},
                                  {"govopen_evaluation_write_json: the same bytes", test_streaming_path},
                                  {"one byte of an observation file changes it", test_one_byte},
                                  {"one score of an overlay changes it", test_overlay_score},
                                  {"each setting changes it, --jobs does not", test_settings},
                                  {"failed calls are no input; strict mode's is", test_failed_and_strict},
                                  {"the reports' footers", test_footers},
                                  {"temporary files removed", test_cleanup},
                                  {NULL, NULL}};
GV_TEST_SUITE(h14_fingerprint, cases);
