/* Issue 14, item 1: every reason as data. On the fixture framework of every
 * rule kind (tests/fixtures/eval/fx.yaml), each reason carries the evidence
 * of the samples it names as a list (a list-valued `evidence` comes back as
 * the same list), the evaluators' notes, and the positions of those samples
 * — exact values, through the C accessors and the result JSON, the same
 * bytes from the streamed evaluation; the text never holds the evidence; the
 * writers show evidence and notes from the data; what a reason names is
 * bounded by GOVOPEN_EVAL_MAX_NAMED. */
#define _GNU_SOURCE /* mkstemps */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report_support.h"
#include "testutil.h"

/* Line numbers and columns below are those of this text (columns in
   characters: a sample of `samples` is where its mapping opens). */
static const char OBS[] =
    /* 1 */
    "{\"unit\": \"b\", \"point\": \"P1\", \"value\": false, \"evidence\": [\"https://x.example/1\", \"截图1\"], "
    "\"note\": \"专栏打不开\"}\n"
    /* 2 */
    "{\"unit\": \"a\", \"point\": \"P2\", \"missing\": [\"设定依据\"], \"evidence\": \"事项：消防验收\", \"note\": "
    "\"缺依据\"}\n"
    /* 3 */ "{\"unit\": \"a\", \"point\": \"P3\", \"evidence\": \"申请总表\", \"note\": \"全年抽查\", \"samples\": "
    "[{\"received\": \"2023-04-20\", \"replied\": \"2023-05-19\"}, {\"received\": \"2023-04-20\", \"replied\": "
    "\"2023-05-22\", \"evidence\": [\"申请7号\", \"回执7号\"]}, {\"received\": \"2023-04-20\", \"replied\": "
    "\"2023-05-23\", \"note\": \"迟复\"}]}\n"
    /* 4 */
    "{\"unit\": \"b\", \"point\": \"P3\", \"samples\": [{\"received\": \"2023-11-01\", \"evidence\": \"申请9号\"}, "
    "{\"received\": \"2023-11-20\", \"note\": \"尚在期限内\"}]}\n"
    /* 5 */ "{\"unit\": \"a\", \"point\": \"P4\", \"samples\": [{\"last_update\": \"2023-11-01\", \"monitored\": "
    "\"2023-12-01\", \"evidence\": \"公众号A\"}, {\"last_update\": \"2023-11-28\", \"monitored\": \"2023-12-01\"}]}\n"
    /* 6 */ "{\"unit\": \"a\", \"point\": \"P5\", \"samples\": [{\"date\": \"2023-01-10\", \"evidence\": \"原创1\"}], "
    "\"note\": \"只找到一条\"}\n"
    /* 7 */ "{\"unit\": \"a\", \"point\": \"P6\", \"evidence\": \"搜索测试表\", \"samples\": [{\"found\": true}, "
    "{\"found\": false, \"note\": \"搜不到\"}, {\"found\": false, \"evidence\": [\"截图2\", \"截图3\"]}, "
    "{\"found\": true}]}\n"
    /* 8 */
    "{\"unit\": \"a\", \"point\": \"P7\", \"samples\": [{\"description\": \"错别字\", \"evidence\": \"错别字A\"}, "
    "{\"description\": \"错别字\", \"evidence\": \"错别字A\", \"note\": \"同一处\"}, {\"count\": 2}]}\n"
    /* 9 */
    "{\"unit\": \"a\", \"point\": \"P8\", \"score\": 2.5, \"reason\": \"材料不全\", \"evidence\": \"材料清单\", "
    "\"note\": \"补报后仍缺\"}\n"
    /* 10 */ "{\"unit\": \"b\", \"point\": \"P11\", \"triggered\": true, \"evidence\": [\"通报文件\", \"会议纪要\"], "
    "\"note\": \"泄密事件\"}\n"
    /* 11 */ "{\"unit\": \"b\", \"point\": \"P8\", \"score\": 3, \"evidence\": \"乙镇材料\"}\n"
    /* 12 */ "{\"unit\": \"d\", \"point\": \"P10\", \"samples\": [{\"received\": \"2023-09-28\", \"replied\": "
    "\"2023-10-09\", \"evidence\": \"咨询1\"}, {\"received\": \"2023-06-20\", \"replied\": \"2023-06-28\", "
    "\"note\": \"按时\"}, {\"received\": \"2023-01-19\", \"replied\": \"2023-02-01\"}]}\n"
    /* 13 */ "{\"unit\": \"a\", \"point\": \"P1\", \"observed\": \"2023-03-01\", \"value\": false, \"evidence\": "
    "\"旧检测\"}\n"
    /* 14 */ "{\"unit\": \"a\", \"point\": \"P1\", \"observed\": \"2023-06-01\", \"value\": true, \"evidence\": "
    "\"新检测\", \"note\": \"已修复\"}\n";

/* A new evaluation of fx.yaml at 2023-12-15 naming `max_named` samples (-1: the default). */
static int start(run *x, long max_named) {
  memset(x, 0, sizeof *x);
  if (govopen_framework_load_file(&x->fw, test_path("fixtures/eval/fx.yaml"), NULL, NULL) != GOVOPEN_OK) return -1;
  if (govopen_evaluation_new(&x->ev, x->fw, NULL) != GOVOPEN_OK) return -1;
  if (govopen_evaluation_set_as_of(x->ev, "2023-12-15", NULL) != GOVOPEN_OK) return -1;
  if (max_named >= 0 && govopen_evaluation_set_int(x->ev, GOVOPEN_EVAL_MAX_NAMED, max_named) != GOVOPEN_OK) return -1;
  return 0;
}

/* fx.yaml with `obs` read as "r.jsonl", run. */
static int run_obs(run *x, const char *obs, long max_named) {
  if (start(x, max_named) != 0) return -1;
  if (govopen_evaluation_add_buffer(x->ev, obs, strlen(obs), "r.jsonl", GOVOPEN_FORMAT_JSONL, NULL) != GOVOPEN_OK)
    return -1;
  return govopen_evaluation_run(x->ev, &x->r, NULL) == GOVOPEN_OK ? 0 : -1;
}

static size_t uidx(const run *x, const char *id) { return govopen_unit_index(govopen_framework_unit_by_id(x->fw, id)); }
static size_t pidx(const run *x, const char *id) {
  return govopen_point_index(govopen_framework_point_by_id(x->fw, id));
}

/* The index of the reason with `code` in a cell, or (size_t)-1. */
static size_t find_reason(const run *x, const char *u, const char *p, const char *code) {
  size_t n = govopen_result_cell_reason_count(x->r, uidx(x, u), pidx(x, p));
  for (size_t i = 0; i < n; i++)
    if (strcmp(govopen_result_cell_reason_code(x->r, uidx(x, u), pidx(x, p), i), code) == 0) return i;
  return (size_t)-1;
}

/* Checks the data of the reason with `code` of unit u × point p: exactly the
   evidence `ev` (NULL-terminated), the note (NULL: none) and the samples at
   `lines`/`cols` (0-terminated), every one read from "r.jsonl". */
static void expect_reason(const run *x, const char *u, const char *p, const char *code, const char *const *ev,
                          const char *note, const unsigned *lines, const unsigned *cols) {
  size_t ui = uidx(x, u), pi = pidx(x, p), i = find_reason(x, u, p, code);
  CU_ASSERT_NOT_EQUAL_FATAL(i, (size_t)-1);
  size_t nev = 0;
  while (ev[nev]) nev++;
  CU_ASSERT_EQUAL(govopen_result_cell_reason_evidence_count(x->r, ui, pi, i), nev);
  for (size_t j = 0; j < nev; j++) {
    const char *e = govopen_result_cell_reason_evidence(x->r, ui, pi, i, j);
    CU_ASSERT(e != NULL && strcmp(e, ev[j]) == 0);
    if (e == NULL || strcmp(e, ev[j]) != 0)
      fprintf(stderr, "\n  %s %s %s evidence %zu: %s", u, p, code, j, e ? e : "NULL");
  }
  CU_ASSERT_PTR_NULL(govopen_result_cell_reason_evidence(x->r, ui, pi, i, nev));
  const char *got = govopen_result_cell_reason_note(x->r, ui, pi, i);
  if (note == NULL) {
    CU_ASSERT_PTR_NULL(got);
  } else {
    CU_ASSERT(got != NULL && strcmp(got, note) == 0);
  }
  size_t ns = 0;
  while (lines[ns]) ns++;
  CU_ASSERT_EQUAL(govopen_result_cell_reason_sample_count(x->r, ui, pi, i), ns);
  for (size_t j = 0; j < ns; j++) {
    const char *src = govopen_result_cell_reason_sample_source(x->r, ui, pi, i, j);
    CU_ASSERT(src != NULL && strcmp(src, "r.jsonl") == 0);
    CU_ASSERT_EQUAL(govopen_result_cell_reason_sample_line(x->r, ui, pi, i, j), lines[j]);
    CU_ASSERT_EQUAL(govopen_result_cell_reason_sample_column(x->r, ui, pi, i, j), cols[j]);
  }
  CU_ASSERT_PTR_NULL(govopen_result_cell_reason_sample_source(x->r, ui, pi, i, ns));
}

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NONE ((const char *const[]){NULL})
#define AT(...) ((const unsigned[]){__VA_ARGS__, 0})
#define NOWHERE ((const unsigned[]){0})

/* Every rule kind, and the evaluator's veto.applied: the evidence, the note
   and the samples of the failing samples, exactly. */
static void test_every_kind(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_obs(&x, OBS, -1), 0);
  /* boolean: a list of evidence stays that list */
  expect_reason(&x, "b", "P1", "boolean.false", LIST("https://x.example/1", "截图1"), "专栏打不开", AT(1), AT(1));
  /* the superseded note names no sample; the latest, passing, loses nothing */
  expect_reason(&x, "a", "P1", "observation.superseded", NONE, NULL, NOWHERE, NOWHERE);
  CU_ASSERT_EQUAL(govopen_result_cell_reason_count(x.r, uidx(&x, "a"), pidx(&x, "P1")), 1);
  expect_reason(&x, "a", "P2", "checklist.missing", LIST("事项：消防验收"), "缺依据", AT(2), AT(1));
  /* deadline: a sample's own evidence list replaces its observation's, its
     note is its own or its observation's; each piece, each note once */
  expect_reason(&x, "a", "P3", "deadline.late", LIST("申请7号", "回执7号", "申请总表"), "全年抽查；迟复", AT(3, 3),
                AT(131, 214));
  expect_reason(&x, "b", "P3", "deadline.unanswered", LIST("申请9号"), NULL, AT(4), AT(42));
  expect_reason(&x, "b", "P3", "deadline.due_soon", NONE, "尚在期限内", AT(4), AT(90));
  expect_reason(&x, "a", "P4", "recency.stale", LIST("公众号A"), NULL, AT(5), AT(42));
  /* a count per period fails by its periods, never by a sample: it names none */
  expect_reason(&x, "a", "P5", "count_per_period.short", NONE, NULL, NOWHERE, NOWHERE);
  expect_reason(&x, "a", "P6", "sample_ratio.failed", LIST("搜索测试表", "截图2", "截图3"), "搜不到", AT(7, 7),
                AT(80, 113));
  /* deduction: the same evidence as every other kind (once), each occurrence's sample */
  expect_reason(&x, "a", "P7", "deduction.occurrences", LIST("错别字A"), "同一处", AT(8, 8, 8), AT(42, 86, 145));
  expect_reason(&x, "a", "P8", "manual.below_max", LIST("材料清单"), "补报后仍缺", AT(9), AT(1));
  expect_reason(&x, "b", "P11", "veto.triggered", LIST("通报文件", "会议纪要"), "泄密事件", AT(10), AT(1));
  /* the point the veto zeroes names the veto's samples, not its own */
  CU_ASSERT_EQUAL(govopen_result_cell_status(x.r, uidx(&x, "b"), pidx(&x, "P8")), GOVOPEN_CELL_VETOED);
  expect_reason(&x, "b", "P8", "veto.applied", LIST("通报文件", "会议纪要"), "泄密事件", AT(10), AT(1));
  /* an expression reads every sample: it names the first max_named (3) */
  expect_reason(&x, "d", "P10", "expression.below_max", LIST("咨询1"), "按时", AT(12, 12, 12), AT(43, 115, 182));
  run_free(&x);
}

/* The text is the sentence; the evidence is data. No reason's text holds a
   piece of its evidence or "证据". */
static void test_text_without_evidence(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_obs(&x, OBS, -1), 0);
  size_t nu = govopen_framework_unit_count(x.fw), np = govopen_framework_point_count(x.fw), seen = 0;
  for (size_t u = 0; u < nu; u++)
    for (size_t p = 0; p < np; p++) {
      if (govopen_result_cell_status(x.r, u, p) < 0) continue; /* not assigned: no count */
      size_t nr = govopen_result_cell_reason_count(x.r, u, p);
      for (size_t i = 0; i < nr; i++) {
        const char *t = govopen_result_cell_reason_text(x.r, u, p, i);
        CU_ASSERT_PTR_NULL(strstr(t, "证据"));
        size_t ne = govopen_result_cell_reason_evidence_count(x.r, u, p, i);
        for (size_t j = 0; j < ne; j++, seen++)
          CU_ASSERT_PTR_NULL(strstr(t, govopen_result_cell_reason_evidence(x.r, u, p, i, j)));
      }
    }
  CU_ASSERT_EQUAL(seen, 18);
  /* the deduction's text says what was found, the evidence is apart */
  size_t i = find_reason(&x, "a", "P7", "deduction.occurrences");
  CU_ASSERT_STRING_EQUAL(govopen_result_cell_reason_text(x.r, uidx(&x, "a"), pidx(&x, "P7"), i),
                         "发现4次，每次扣1.00分");
  run_free(&x);
}

/* At most GOVOPEN_EVAL_MAX_NAMED samples, and so their evidence and notes. */
static void test_max_named(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_obs(&x, OBS, 1), 0);
  expect_reason(&x, "a", "P7", "deduction.occurrences", LIST("错别字A"), NULL, AT(8), AT(42));
  expect_reason(&x, "a", "P6", "sample_ratio.failed", LIST("搜索测试表"), "搜不到", AT(7), AT(80));
  expect_reason(&x, "a", "P3", "deadline.late", LIST("申请7号", "回执7号"), "全年抽查", AT(3), AT(131));
  expect_reason(&x, "d", "P10", "expression.below_max", LIST("咨询1"), NULL, AT(12), AT(43));
  run_free(&x);
  CU_ASSERT_EQUAL_FATAL(run_obs(&x, OBS, 0), 0);
  expect_reason(&x, "a", "P3", "deadline.late", NONE, NULL, NOWHERE, NOWHERE);
  expect_reason(&x, "a", "P7", "deduction.occurrences", NONE, NULL, NOWHERE, NOWHERE);
  /* a single-valued kind names the one observation that counts */
  expect_reason(&x, "b", "P1", "boolean.false", LIST("https://x.example/1", "截图1"), "专栏打不开", AT(1), AT(1));
  run_free(&x);
}

/* Many pieces: each distinct piece once, in order, however many (past the
   short lists searched one by one); every distinct note once. */
static void test_many_pieces(void) {
  char buf[8192];
  size_t n =
      (size_t)snprintf(buf, sizeof buf, "{\"unit\": \"b\", \"point\": \"P1\", \"value\": false, \"evidence\": [");
  for (int k = 0; k < 40; k++) n += (size_t)snprintf(buf + n, sizeof buf - n, "%s\"e%d\"", k ? ", " : "", k % 20);
  n += (size_t)snprintf(buf + n, sizeof buf - n, "]}\n{\"unit\": \"a\", \"point\": \"P7\", \"samples\": [");
  for (int k = 0; k < 12; k++)
    n += (size_t)snprintf(buf + n, sizeof buf - n,
                          "%s{\"description\": \"x\", \"evidence\": \"d%d\", \"note\": \"n%d\"}", k ? ", " : "", k % 10,
                          k % 11);
  snprintf(buf + n, sizeof buf - n, "]}\n");
  run x;
  CU_ASSERT_EQUAL_FATAL(run_obs(&x, buf, 20), 0);
  expect_reason(&x, "b", "P1", "boolean.false",
                LIST("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9", "e10", "e11", "e12", "e13", "e14",
                     "e15", "e16", "e17", "e18", "e19"),
                NULL, AT(1), AT(1));
  size_t u = uidx(&x, "a"), p = pidx(&x, "P7"), i = find_reason(&x, "a", "P7", "deduction.occurrences");
  CU_ASSERT_EQUAL(govopen_result_cell_reason_evidence_count(x.r, u, p, i), 10);
  CU_ASSERT_STRING_EQUAL(govopen_result_cell_reason_evidence(x.r, u, p, i, 9), "d9");
  CU_ASSERT_STRING_EQUAL(govopen_result_cell_reason_note(x.r, u, p, i), "n0；n1；n2；n3；n4；n5；n6；n7；n8；n9；n10");
  CU_ASSERT_EQUAL(govopen_result_cell_reason_sample_count(x.r, u, p, i), 12);
  CU_ASSERT_EQUAL(govopen_result_cell_reason_sample_line(x.r, u, p, i, 11), 2);
  run_free(&x);
}

/* Notes and evidence of the wrong type are refused where they stand; a
   blank note is none. */
static void test_bad_pieces(void) {
  static const char BAD[] =
      "{\"unit\": \"b\", \"point\": \"P1\", \"value\": false, \"note\": 5}\n"
      "{\"unit\": \"b\", \"point\": \"P1\", \"value\": false, \"evidence\": [\"a\", 3]}\n"
      "{\"unit\": \"b\", \"point\": \"P1\", \"value\": false, \"evidence\": [], \"note\": \"  \"}\n";
  run x;
  CU_ASSERT_EQUAL_FATAL(start(&x, -1), 0);
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(x.ev, BAD, sizeof BAD - 1, "r.jsonl", GOVOPEN_FORMAT_JSONL, NULL),
                  GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(x.ev), 2);
  const govopen_error *e = govopen_evaluation_diagnostics(x.ev);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(govopen_error_line(e), 1);
  CU_ASSERT_EQUAL(govopen_error_column(e), 54);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(e), "records[0].note");
  CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(e), "expected a string"));
  e = govopen_error_next(e);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(govopen_error_line(e), 2);
  CU_ASSERT_EQUAL(govopen_error_column(e), 64);
  CU_ASSERT_STRING_EQUAL(govopen_error_path(e), "records[1].evidence[1]");
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(x.ev, &x.r, NULL), GOVOPEN_OK);
  expect_reason(&x, "b", "P1", "boolean.false", NONE, NULL, AT(3), AT(1));
  run_free(&x);
}

/* The result JSON: evidence always (a list, [] when none), note (null when
   none) and samples, the same bytes whether the result keeps its reasons or
   the evaluation streams them. */
static void test_json(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_obs(&x, OBS, -1), 0);
  for (unsigned flags = 0; flags <= GOVOPEN_JSON_PRETTY; flags++) {
    char *kept = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(govopen_result_to_json(x.r, flags, &kept, &n), GOVOPEN_OK);
    sink s = {0};
    CU_ASSERT_EQUAL(govopen_evaluation_write_json(x.ev, flags, sink_write, &s, NULL), GOVOPEN_OK);
    CU_ASSERT(s.data != NULL && s.len == n && memcmp(s.data, kept, n) == 0);
    if (flags == 0) {
      CU_ASSERT_PTR_NOT_NULL(strstr(kept,
                                    "{\"code\":\"veto.applied\",\"severity\":\"loss\",\"text\":\"因一票否决计0分\","
                                    "\"evidence\":[\"通报文件\",\"会议纪要\"],\"note\":\"泄密事件\",\"samples\":"
                                    "[{\"source\":\"r.jsonl\",\"line\":10,\"column\":1}]}"));
      CU_ASSERT_PTR_NOT_NULL(strstr(kept, "\"text\":\"共2个观察，以2023-06-01的最新观察为准\",\"evidence\":[],"
                                          "\"note\":null,\"samples\":[]}"));
    } else {
      CU_ASSERT_PTR_NOT_NULL(strstr(kept, "\"evidence\":\t[\"申请7号\", \"回执7号\", \"申请总表\"],\n"));
    }
    free(s.data);
    govopen_free(kept);
  }
  run_free(&x);
}

/* Read from a file on several threads, the samples named are where they
   are: the same bytes as one thread. */
static void test_jobs(void) {
  /* over 1 MiB, named .jsonl: split among the threads */
  char path[] = "/tmp/govopen-h14-XXXXXX.jsonl";
  int fd = mkstemps(path, 6);
  CU_ASSERT_FATAL(fd >= 0);
  int copies = 0;
  for (size_t size = 0; size < ((size_t)1 << 20) + 4096; size += sizeof OBS - 1, copies++)
    CU_ASSERT_EQUAL(write(fd, OBS, sizeof OBS - 1), (ssize_t)(sizeof OBS - 1));
  close(fd);
  char *json[2] = {NULL, NULL};
  for (int j = 0; j < 2; j++) {
    run x;
    CU_ASSERT_EQUAL_FATAL(start(&x, 2), 0);
    CU_ASSERT_EQUAL(govopen_evaluation_set_int(x.ev, GOVOPEN_EVAL_JOBS, j ? 4 : 1), GOVOPEN_OK);
    CU_ASSERT_EQUAL(govopen_evaluation_add_file(x.ev, path, GOVOPEN_FORMAT_JSONL, NULL), GOVOPEN_OK);
    CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(x.ev, &x.r, NULL), GOVOPEN_OK);
    /* the first two failing samples of the file, not of a thread's part */
    size_t u = uidx(&x, "a"), p = pidx(&x, "P6"), i = find_reason(&x, "a", "P6", "sample_ratio.failed");
    CU_ASSERT_EQUAL(govopen_result_cell_reason_sample_count(x.r, u, p, i), 2);
    CU_ASSERT_EQUAL(govopen_result_cell_reason_sample_line(x.r, u, p, i, 1), 7);
    CU_ASSERT_EQUAL(govopen_result_cell_reason_sample_column(x.r, u, p, i, 1), 113);
    /* a single-valued point names its latest observation: the last line 1 */
    u = uidx(&x, "b"), p = pidx(&x, "P1"), i = find_reason(&x, "b", "P1", "boolean.false");
    CU_ASSERT_EQUAL(govopen_result_cell_reason_sample_line(x.r, u, p, i, 0), (unsigned)(copies - 1) * 14 + 1);
    CU_ASSERT_EQUAL(govopen_result_to_json(x.r, 0, &json[j], NULL), GOVOPEN_OK);
    run_free(&x);
  }
  CU_ASSERT(json[0] && json[1] && strcmp(json[0], json[1]) == 0);
  govopen_free(json[0]);
  govopen_free(json[1]);
  unlink(path);
}

/* Out of range: values no real reason has. */
static void test_out_of_range(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_obs(&x, OBS, -1), 0);
  size_t u = uidx(&x, "b"), p = pidx(&x, "P1");
  CU_ASSERT_EQUAL(govopen_result_cell_reason_evidence_count(NULL, u, p, 0), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_cell_reason_evidence_count(x.r, u, p, 1), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_cell_reason_evidence_count(x.r, 99, p, 0), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_cell_reason_evidence_count(x.r, u, 99, 0), (size_t)-1);
  /* not assigned: 县一局 × P1 */
  CU_ASSERT_EQUAL(govopen_result_cell_reason_evidence_count(x.r, uidx(&x, "d"), p, 0), (size_t)-1);
  CU_ASSERT_PTR_NULL(govopen_result_cell_reason_evidence(NULL, u, p, 0, 0));
  CU_ASSERT_PTR_NULL(govopen_result_cell_reason_evidence(x.r, u, p, 1, 0));
  CU_ASSERT_PTR_NULL(govopen_result_cell_reason_evidence(x.r, u, p, 0, 2));
  CU_ASSERT_PTR_NULL(govopen_result_cell_reason_note(NULL, u, p, 0));
  CU_ASSERT_PTR_NULL(govopen_result_cell_reason_note(x.r, u, p, 1));
  CU_ASSERT_EQUAL(govopen_result_cell_reason_sample_count(NULL, u, p, 0), (size_t)-1);
  CU_ASSERT_EQUAL(govopen_result_cell_reason_sample_count(x.r, u, p, 1), (size_t)-1);
  CU_ASSERT_PTR_NULL(govopen_result_cell_reason_sample_source(NULL, u, p, 0, 0));
  CU_ASSERT_PTR_NULL(govopen_result_cell_reason_sample_source(x.r, u, p, 0, 1));
  CU_ASSERT_EQUAL(govopen_result_cell_reason_sample_line(NULL, u, p, 0, 0), 0);
  CU_ASSERT_EQUAL(govopen_result_cell_reason_sample_line(x.r, u, p, 0, 1), 0);
  CU_ASSERT_EQUAL(govopen_result_cell_reason_sample_column(NULL, u, p, 0, 0), 0);
  CU_ASSERT_EQUAL(govopen_result_cell_reason_sample_column(x.r, u, p, 1, 0), 0);
  /* a reason naming nothing: 0, not out of range */
  size_t i = find_reason(&x, "a", "P5", "count_per_period.short");
  CU_ASSERT_EQUAL(govopen_result_cell_reason_evidence_count(x.r, uidx(&x, "a"), pidx(&x, "P5"), i), 0);
  CU_ASSERT_EQUAL(govopen_result_cell_reason_sample_count(x.r, uidx(&x, "a"), pidx(&x, "P5"), i), 0);
  run_free(&x);
}

/* Every writer shows the evidence and the notes from the data: the
   rectification list, its CSV table, Markdown and HTML — the deduction's
   evidence too, which its text used to carry in a way of its own. */
static void test_writers(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_obs(&x, OBS, -1), 0);
  size_t a = uidx(&x, "a");
  sink s = {0};
  CU_ASSERT_EQUAL(govopen_result_write_rectify(x.r, a, 0, sink_write, &s), GOVOPEN_OK);
  CU_ASSERT_PTR_NOT_NULL_FATAL(s.data);
  CU_ASSERT_PTR_NOT_NULL(strstr(s.data, "   失分：发现4次，每次扣1.00分\n   证据：错别字A\n   评估人员备注：同一处\n"));
  CU_ASSERT_PTR_NOT_NULL(strstr(s.data, "   证据：申请7号\n   证据：回执7号\n   证据：申请总表\n"
                                        "   评估人员备注：全年抽查；迟复\n"));
  free(s.data);
  memset(&s, 0, sizeof s);
  CU_ASSERT_EQUAL(govopen_result_write_rectify(x.r, a, GOVOPEN_REPORT_LANG_EN, sink_write, &s), GOVOPEN_OK);
  CU_ASSERT(s.data && strstr(s.data, "\n   evidence: 错别字A\n   evaluator's note: 同一处\n") != NULL);
  free(s.data);
  memset(&s, 0, sizeof s);
  CU_ASSERT_EQUAL(govopen_result_write_csv(x.r, GOVOPEN_TABLE_RECTIFY, GOVOPEN_CSV_NO_BOM, sink_write, &s), GOVOPEN_OK);
  CU_ASSERT(s.data && strstr(s.data, ",deduction.occurrences,失分：发现4次，每次扣1.00分,错别字A,同一处\r\n") != NULL);
  CU_ASSERT(s.data && strstr(s.data, ",\"申请7号\n回执7号\n申请总表\",全年抽查；迟复\r\n") != NULL);
  free(s.data);
  memset(&s, 0, sizeof s);
  CU_ASSERT_EQUAL(govopen_result_write_markdown(x.r, 0, sink_write, &s), GOVOPEN_OK);
  CU_ASSERT(s.data && strstr(s.data, "   - 证据：错别字A\n   - 评估人员备注：同一处\n") != NULL);
  free(s.data);
  memset(&s, 0, sizeof s);
  CU_ASSERT_EQUAL(govopen_result_write_html(x.r, 0, sink_write, &s), GOVOPEN_OK);
  CU_ASSERT(s.data && strstr(s.data, "<li>证据：错别字A\n<li>评估人员备注：同一处\n") != NULL);
  free(s.data);
  run_free(&x);
}

static const test_case cases[] = {{"every kind: evidence, note, samples", test_every_kind},
                                  {"the text holds no evidence", test_text_without_evidence},
                                  {"at most max_named samples", test_max_named},
                                  {"many pieces, each once", test_many_pieces},
                                  {"bad evidence and notes refused", test_bad_pieces},
                                  {"result JSON, kept and streamed", test_json},
                                  {"read on threads", test_jobs},
                                  {"accessors out of range", test_out_of_range},
                                  {"writers read the data", test_writers},
                                  {NULL, NULL}};
GV_TEST_SUITE(h14_reasons, cases);
