/* Issue 14, item 5: impossible input is refused, and reasons state the
 * effective limit.
 * - Each impossible observation is a fixture under tests/fixtures/impossible/
 *   (their framework.yaml: P1 依申请公开, 20 working days, at most 20 more,
 *   征求第三方意见 not counted): rejected alone, at the file, line and column
 *   of the value to blame, with its exact message; the evaluation goes on.
 * - Extensions of 1, 15, 20 working days (and `true`, the rule's 20) meet or
 *   miss the limit on the right day; 21 is refused.
 * - The reasons: "限40个工作日（延长20个工作日）", "用时21个工作日（已扣除
 *   征求第三方意见13个工作日）" — the pause named by the rule, else 暂停.
 * - Rules whose parts cannot go together are refused when they load. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define AS_OF "2023-12-15"

typedef struct impossible_case {
  const char *file; /* under tests/fixtures/impossible/ */
  int code;
  unsigned line, col;
  const char *path;
  const char *message; /* exact */
} impossible_case;

#define CANNOT(why) "the sample cannot be judged: " why "; the observation is rejected"

static const impossible_case CASES[] = {
    /* a reply before its receipt: at the reply */
    {"reply-before-receipt.jsonl", GOVOPEN_ERANGE, 1, 68, "records[0].replied",
     CANNOT("replied 2023-03-01 is before received 2023-03-10")},
    /* a correction (补正, the rule's `restart`) before the receipt */
    {"correction-before-receipt.jsonl", GOVOPEN_ERANGE, 1, 70, "records[0].corrected",
     CANNOT("corrected 2023-02-27 is before received 2023-03-01 (it restarts the period of a request already "
            "received)")},
    /* the period runs from the correction: a reply before it is before its start */
    {"reply-before-correction.jsonl", GOVOPEN_ERANGE, 1, 95, "records[0].replied",
     CANNOT("replied 2023-03-08 is before corrected 2023-03-10")},
    /* a pause that ends before it starts: at its end, in JSON Lines, YAML */
    {"pause-ends-before-start.jsonl", GOVOPEN_ESCHEMA, 1, 122, "records[0].paused[0].to",
     "paused 2023-03-20~2023-03-10 ends before it starts"},
    {"pause-ends-before-start.yaml", GOVOPEN_ESCHEMA, 8, 30, "records[0].paused[1].to",
     "paused 2023-03-20~2023-03-10 ends before it starts"},
    /* a pause (partly) outside receipt → reply, or overlapping another */
    {"pause-before-receipt.jsonl", GOVOPEN_ERANGE, 1, 102, "records[0].paused[0].from",
     CANNOT("paused 2023-02-20~2023-03-10 begins before received 2023-03-01")},
    {"pause-after-reply.jsonl", GOVOPEN_ERANGE, 1, 122, "records[0].paused[0].to",
     CANNOT("paused 2023-04-10~2023-04-28 ends after replied 2023-04-20")},
    {"pause-overlap.jsonl", GOVOPEN_ERANGE, 1, 146, "records[0].paused[1].from",
     CANNOT("paused 2023-03-09~2023-03-15 overlaps 2023-03-06~2023-03-10 (a day is paused once)")},
    /* a worksheet's cell holds every pause: the cell */
    {"pause-overlap.csv", GOVOPEN_ERANGE, 2, 29, "records[0].paused",
     CANNOT("paused 2023-03-09~2023-03-15 overlaps 2023-03-06~2023-03-10 (a day is paused once)")},
    /* a request still open, its pause running past the as-of date */
    {"pause-after-as-of.jsonl", GOVOPEN_ERANGE, 1, 97, "records[0].paused[0].to",
     CANNOT("paused 2023-12-01~2023-12-20 ends after the evaluation's as-of date 2023-12-15")},
    /* an extension longer than the rule allows (art. 33: 不超过20个工作日) */
    {"extension-too-long.jsonl", GOVOPEN_ERANGE, 1, 94, "records[0].extended",
     CANNOT("extended 21 working days is longer than the rule allows (at most 20 working days)")},
    {"extension-too-long.csv", GOVOPEN_ERANGE, 2, 30, "records[0].extended",
     CANNOT("extended 21 working days is longer than the rule allows (at most 20 working days)")},
    /* a tier in hours, the extension in working days: it cannot apply */
    {"extension-in-another-unit.jsonl", GOVOPEN_ERANGE, 1, 117, "records[0].extended",
     CANNOT("extended: the extension counts working days, and no limit of this sample does")},
    {"extension-hours-too-long.jsonl", GOVOPEN_ERANGE, 1, 99, "records[0].extended",
     CANNOT("extended 25 hours is longer than the rule allows (at most 24 hours)")},
    {"extension-negative.jsonl", GOVOPEN_ESCHEMA, 1, 94, "records[0].extended",
     "'-1' is not a length: the extension takes a whole number, 0 or more"},
    {"extension-not-whole.jsonl", GOVOPEN_ESCHEMA, 1, 94, "records[0].extended",
     "'2.5' is not a length: the extension takes a whole number, 0 or more"},
    /* dated after the as-of date: refused, like an observation dated so */
    {"observed-after-as-of.jsonl", GOVOPEN_ESCHEMA, 1, 43, "records[0].observed",
     "the observation date 2023-12-16 is after the evaluation's as-of date 2023-12-15"},
    {"reply-after-as-of.jsonl", GOVOPEN_ERANGE, 1, 68, "records[0].replied",
     CANNOT("replied 2023-12-18 is after the evaluation's as-of date 2023-12-15")},
    {"receipt-after-as-of.jsonl", GOVOPEN_ERANGE, 1, 43, "records[0].received",
     CANNOT("received 2023-12-20 is after the evaluation's as-of date 2023-12-15")},
    {"item-after-as-of.jsonl", GOVOPEN_ERANGE, 1, 76, "records[0].samples[1].date",
     CANNOT("date 2023-12-28 is after the evaluation's as-of date 2023-12-15")},
    {"monitoring-after-as-of.jsonl", GOVOPEN_ERANGE, 1, 73, "records[0].monitored",
     CANNOT("monitored 2023-12-20 is after the evaluation's as-of date 2023-12-15")},
    /* a recency sample whose update comes after its monitoring */
    {"update-after-monitoring.jsonl", GOVOPEN_ERANGE, 1, 46, "records[0].last_update",
     CANNOT("last_update 2023-12-12 is after monitored 2023-12-10 (the update it saw cannot come after it looked)")},
    /* a tally's period_start that does not start its period */
    {"quarter-start-not-a-quarter-start.jsonl", GOVOPEN_ERANGE, 1, 116, "records[0].samples[1].period_start",
     CANNOT("period_start 2023-05-15 is not the first day of a quarter (the quarter it falls in begins 2023-04-01)")},
    {"month-start-not-a-month-start.jsonl", GOVOPEN_ERANGE, 1, 116, "records[0].samples[1].period_start",
     CANNOT("period_start 2023-04-02 is not the first day of a month (the month it falls in begins 2023-04-01)")},
};

static govopen_framework *load_fw(void) {
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  int rc = govopen_framework_load_file(&fw, test_path("fixtures/impossible/framework.yaml"), NULL, &err);
  if (rc != GOVOPEN_OK && err) fprintf(stderr, "\n%s\n", govopen_error_message(err));
  govopen_error_free(err);
  return fw;
}

static govopen_evaluation *new_eval(const govopen_framework *fw) {
  govopen_evaluation *ev = NULL;
  if (govopen_evaluation_new(&ev, fw, NULL) != GOVOPEN_OK) return NULL;
  if (govopen_evaluation_set_as_of(ev, AS_OF, NULL) != GOVOPEN_OK ||
      govopen_evaluation_set_int(ev, GOVOPEN_EVAL_MAX_NAMED, 9) != GOVOPEN_OK) {
    govopen_evaluation_free(ev);
    return NULL;
  }
  return ev;
}

/* Each fixture: one observation, rejected at its value with its message;
   the evaluation holds nothing of it. */
static void test_fixtures(void) {
  govopen_framework *fw = load_fw();
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
    const impossible_case *c = &CASES[i];
    govopen_evaluation *ev = new_eval(fw);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
    char rel[256];
    snprintf(rel, sizeof rel, "fixtures/impossible/%s", c->file);
    char path[4096];
    snprintf(path, sizeof path, "%s", test_path(rel));
    govopen_error *err = NULL;
    int rc = govopen_evaluation_add_file(ev, path, GOVOPEN_FORMAT_AUTO, &err);
    CU_ASSERT_EQUAL(rc, GOVOPEN_OK);
    govopen_error_free(err);
    CU_ASSERT_EQUAL(govopen_evaluation_observation_count(ev), 0);
    CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(ev), 1);
    const govopen_error *d = govopen_evaluation_diagnostics(ev);
    int ok = d && govopen_error_code(d) == c->code && strcmp(govopen_error_source(d), path) == 0 &&
             govopen_error_line(d) == c->line && govopen_error_column(d) == c->col &&
             strcmp(govopen_error_path(d), c->path) == 0 && strcmp(govopen_error_message(d), c->message) == 0;
    if (!ok) {
      fprintf(stderr, "\n  %s: expected %d %u:%u [%s] %s\n", c->file, c->code, c->line, c->col, c->path, c->message);
      if (d)
        fprintf(stderr, "  got      %d %u:%u [%s] %s\n", govopen_error_code(d), govopen_error_line(d),
                govopen_error_column(d), govopen_error_path(d), govopen_error_message(d));
    }
    CU_ASSERT_TRUE(ok);
    govopen_evaluation_free(ev);
  }
  govopen_framework_free(fw);
}

/* Runs `obs` (JSON Lines) and gives its result; every observation accepted. */
static govopen_result *run(const govopen_framework *fw, const char *obs, size_t accepted) {
  govopen_evaluation *ev = new_eval(fw);
  CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
  govopen_error *err = NULL;
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, obs, strlen(obs), "o.jsonl", GOVOPEN_FORMAT_JSONL, &err),
                  GOVOPEN_OK);
  govopen_error_free(err);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(ev), accepted);
  for (const govopen_error *d = govopen_evaluation_diagnostics(ev); d; d = govopen_error_next(d))
    fprintf(stderr, "\n  %u:%u %s", govopen_error_line(d), govopen_error_column(d), govopen_error_message(d));
  govopen_result *r = NULL;
  CU_ASSERT_EQUAL(govopen_evaluation_run(ev, &r, NULL), GOVOPEN_OK);
  govopen_evaluation_free(ev);
  return r;
}

/* The text of the reason with `code` at unit a × point `pid`, or "". */
static const char *reason(const govopen_result *r, const govopen_framework *fw, const char *pid, const char *code) {
  size_t u = govopen_unit_index(govopen_framework_unit_by_id(fw, "a"));
  size_t p = govopen_point_index(govopen_framework_point_by_id(fw, pid));
  for (size_t i = 0; i < govopen_result_cell_reason_count(r, u, p); i++)
    if (strcmp(govopen_result_cell_reason_code(r, u, p, i), code) == 0)
      return govopen_result_cell_reason_text(r, u, p, i);
  return "";
}

static double cell(const govopen_result *r, const govopen_framework *fw, const char *pid) {
  size_t u = govopen_unit_index(govopen_framework_unit_by_id(fw, "a"));
  size_t p = govopen_point_index(govopen_framework_point_by_id(fw, pid));
  return govopen_result_cell_score(r, u, p);
}

#define SAMPLE(reply, ext) "{\"received\": \"2023-03-01\", \"replied\": \"" reply "\", \"extended\": " ext "}"

/* Received 2023-03-01: its 20th working day is 03-29, the 21st 03-30, the
   35th 04-20 and the 40th 04-26 (清明 04-05 off, Sunday 04-23 worked). Each
   extension is met on its last day and missed the day after. */
static void test_extension_lengths(void) {
  govopen_framework *fw = load_fw();
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  /* on the last day: on time, all of them */
  govopen_result *r =
      run(fw,
          "{\"unit\": \"甲镇\", \"point\": \"P1\", \"samples\": [" SAMPLE("2023-03-30", "1") ", " SAMPLE(
              "2023-04-20", "15") ", " SAMPLE("2023-04-26",
                                              "20") ", " SAMPLE("2023-04-26",
                                                                "true") ", " SAMPLE("2023-03-29",
                                                                                    "false") ", " SAMPLE("2023-03-29",
                                                                                                         "0") "]}\n",
          1);
  CU_ASSERT_EQUAL(cell(r, fw, "P1"), 10.0);
  CU_ASSERT_STRING_EQUAL(reason(r, fw, "P1", "deadline.late"), "");
  govopen_result_free(r);
  /* a day later: late, each with its effective limit and what made it */
  r = run(
      fw,
      "{\"unit\": \"甲镇\", \"point\": \"P1\", \"samples\": [" SAMPLE("2023-03-31", "1") ", " SAMPLE(
          "2023-04-21", "15") ", " SAMPLE("2023-04-27", "20") ", " SAMPLE("2023-04-27",
                                                                          "true") ", " SAMPLE("2023-03-30", "0") "]}\n",
      1);
  CU_ASSERT_EQUAL(cell(r, fw, "P1"), 0.0);
  CU_ASSERT_STRING_EQUAL(
      reason(r, fw, "P1", "deadline.late"),
      "抽查5件，5件超过时限：2023-03-01→2023-03-31（限21个工作日（延长1个工作日），用时22个工作日）；"
      "2023-03-01→2023-04-21（限35个工作日（延长15个工作日），用时36个工作日）；"
      "2023-03-01→2023-04-27（限40个工作日（延长20个工作日），用时41个工作日）；"
      "2023-03-01→2023-04-27（限40个工作日（延长20个工作日），用时41个工作日）；"
      "2023-03-01→2023-03-30（限20个工作日，用时21个工作日）");
  govopen_result_free(r);
  /* 21 is more than art. 33 allows: refused, the rest scored */
  govopen_evaluation *ev = new_eval(fw);
  CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
  const char *obs =
      "{\"unit\": \"甲镇\", \"point\": \"P1\", \"received\": \"2023-03-01\", \"replied\": \"2023-04-27\", "
      "\"extended\": 21}\n"
      "{\"unit\": \"甲镇\", \"point\": \"P1\", \"received\": \"2023-03-01\", \"replied\": \"2023-04-27\", "
      "\"extended\": 20}\n";
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, obs, strlen(obs), "o.jsonl", GOVOPEN_FORMAT_JSONL, NULL),
                  GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(ev), 1);
  CU_ASSERT_EQUAL(govopen_evaluation_rejected_count(ev), 1);
  const govopen_error *d = govopen_evaluation_diagnostics(ev);
  CU_ASSERT_PTR_NOT_NULL_FATAL(d);
  CU_ASSERT_EQUAL(govopen_error_line(d), 1);
  CU_ASSERT_EQUAL(govopen_error_column(d), 94);
  CU_ASSERT_STRING_EQUAL(govopen_error_message(d),
                         CANNOT("extended 21 working days is longer than the rule allows (at most 20 working days)"));
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
}

/* Paused days are taken out of the time used and said, in the rule's words
   (P1: 征求第三方意见) or 暂停 (P2); an open request's deadline says what
   moved it; hours and minutes for an hour limit. */
static void test_effective_limit_wording(void) {
  govopen_framework *fw = load_fw();
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  /* 03-02 … 03-20 holds 13 working days: 04-19 is the 34th after 03-01, 21 counted */
  const char *obs =
      "{\"unit\": \"甲镇\", \"point\": \"P1\", \"samples\": [{\"received\": \"2023-03-01\", \"replied\": \"2023-04-19\", "
      "\"paused\": [{\"from\": \"2023-03-02\", \"to\": \"2023-03-20\"}]}, {\"received\": \"2023-03-01\", \"replied\": "
      "\"2023-04-18\", \"paused\": [{\"from\": \"2023-03-02\", \"to\": \"2023-03-20\"}]}, {\"received\": \"2023-03-01\", "
      "\"replied\": \"2023-04-19\", \"extended\": 10, \"paused\": [{\"from\": \"2023-03-02\", \"to\": \"2023-03-03\"}, "
      "{\"from\": \"2023-03-06\", \"to\": \"2023-03-06\"}]}]}\n"
      "{\"unit\": \"甲镇\", \"point\": \"P2\", \"samples\": [{\"received\": \"2023-03-01\", \"replied\": \"2023-04-19\", "
      "\"paused\": [{\"from\": \"2023-03-02\", \"to\": \"2023-03-20\"}]}, {\"received\": \"2023-11-01\", \"paused\": "
      "[{\"from\": \"2023-11-02\", \"to\": \"2023-11-03\"}]}]}\n"
      "{\"unit\": \"甲镇\", \"point\": \"P6\", \"samples\": [{\"start\": \"2023-07-03T09:00\", \"end\": "
      "\"2023-07-05T10:30\", \"extended\": 24}, {\"start\": \"2023-07-03T09:00\", \"end\": \"2023-07-05T10:30\", "
      "\"paused\": [{\"from\": \"2023-07-03T10:00\", \"to\": \"2023-07-03T12:30\"}]}]}\n";
  govopen_result *r = run(fw, obs, 3);
  /* 1 of 3 on time (04-18 is the 33rd working day: 20 + 13) */
  CU_ASSERT_EQUAL(cell(r, fw, "P1"), 3.33);
  CU_ASSERT_STRING_EQUAL(
      reason(r, fw, "P1", "deadline.late"),
      "抽查3件，2件超过时限：2023-03-01→2023-04-19（限20个工作日，用时21个工作日（已扣除征求第三方意见13个"
      "工作日））；2023-03-01→2023-04-19（限30个工作日（延长10个工作日），用时31个工作日（已扣除征求第三方"
      "意见3个工作日））");
  CU_ASSERT_STRING_EQUAL(
      reason(r, fw, "P2", "deadline.late"),
      "抽查2件，1件超过时限：2023-03-01→2023-04-19（限20个工作日，用时21个工作日（已扣除暂停13个工作日））");
  /* 11-01 + 20 working days + 2 paused (11-02, 11-03): 12-01 */
  CU_ASSERT_STRING_EQUAL(
      reason(r, fw, "P2", "deadline.unanswered"),
      "抽查2件，1件逾期未答复：2023-11-01→未答复（期限2023-12-01：限20个工作日，不计暂停2个工作日）");
  CU_ASSERT_STRING_EQUAL(
      reason(r, fw, "P6", "deadline.late"),
      "抽查2件，2件超过时限：2023-07-03 09:00→2023-07-05 10:30（限48小时（延长24小时），用时49小时30分）；"
      "2023-07-03 09:00→2023-07-05 10:30（限24小时，用时47小时（已扣除暂停2小时30分））");
  govopen_result_free(r);
  govopen_framework_free(fw);
}

typedef struct rule_case {
  const char *from, *to; /* a rule of tests/fixtures/impossible/framework.yaml, changed */
  unsigned line, col;
  const char *path, *message;
} rule_case;

/* Rules whose parts cannot go together, refused where they load. */
static void test_impossible_rules(void) {
  static const char P2[] = "rule: {kind: deadline, start: received, end: replied, limit: {workdays: 20}}";
  static const char P6[] = "rule: {kind: deadline, start: start, end: end, limit: {hours: 24}, extension: {hours: 24}}";
  static const rule_case cases[] = {
      /* an extension that no limit counts in would never apply */
      {P6, "rule: {kind: deadline, start: start, end: end, limit: {hours: 24}, extension: {workdays: 2}}", 42, 88,
       "indicators[0].points[5].rule.extension", "the extension counts working days, and no limit of the rule does"},
      {P2, "rule: {kind: deadline, start: received, end: replied, limit: {due: 2023-06-30}, extension: {days: 5}}", 34,
       100, "indicators[0].points[1].rule.extension", "the extension counts days, and no limit of the rule does"},
      /* due_soon compared with hours left, in days */
      {P6, "rule: {kind: deadline, start: start, end: end, limit: {hours: 24}, due_soon: {days: 1}}", 42, 87,
       "indicators[0].points[5].rule.due_soon",
       "'due_soon' counts days, and a limit of the rule counts in another unit"},
      {P2,
       "rule: {kind: deadline, start: received, end: replied, limit: {workdays: 20}, scoring: deduct, per_late: 2, "
       "floor: 12}",
       34, 123, "indicators[0].points[1].rule.floor", "the floor is above the point's maximum"},
      /* one field, two parts */
      {P2, "rule: {kind: deadline, start: received, end: replied, limit: {workdays: 20}, pauses: received}", 34, 94,
       "indicators[0].points[1].rule.pauses",
       "'received' is already the field of the start: each part of a deadline "
       "needs its own"},
      {P2, "rule: {kind: deadline, start: received, end: replied, limit: {workdays: 20}, restart: replied}", 34, 95,
       "indicators[0].points[1].rule.restart",
       "'replied' is already the field of an end: each part of a deadline "
       "needs its own"},
      {P2, "rule: {kind: deadline, start: received, end: received, limit: {workdays: 20}}", 34, 54,
       "indicators[0].points[1].rule.end", "'received' is both the start and an end: the period would always be 0"},
      /* a start no one reads */
      {P2, "rule: {kind: deadline, start: received, start_by_channel: true, end: replied, limit: {workdays: 20}}", 34,
       39, "indicators[0].points[1].rule.start",
       "'start' goes unread with 'start_by_channel': the channel gives the start"},
      /* a checklist whose items cannot reach the maximum */
      {"rule: {kind: recency, within: {days: 14}}",
       "rule: {kind: checklist, items: [甲, 乙], scoring: per-item, "
       "item_points: 4}",
       36, 81, "indicators[0].points[2].rule.item_points",
       "2 items at 4.00 each make 8.00, less than the point's maximum 10.00: full marks could never be given"},
  };
  size_t len = 0;
  char *base = test_read_file(test_path("fixtures/impossible/framework.yaml"), &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(base);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const rule_case *c = &cases[i];
    const char *at = strstr(base, c->from);
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    size_t head = (size_t)(at - base), nf = strlen(c->from), nt = strlen(c->to);
    char *text = malloc(len - nf + nt + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    memcpy(text, base, head);
    memcpy(text + head, c->to, nt);
    memcpy(text + head + nt, at + nf, len - head - nf + 1);
    govopen_framework *fw = NULL;
    govopen_error *err = NULL;
    CU_ASSERT_EQUAL(test_load_text(text, &fw, &err), GOVOPEN_ESCHEMA);
    int ok = err && govopen_error_line(err) == c->line && govopen_error_column(err) == c->col &&
             strcmp(govopen_error_path(err), c->path) == 0 && strcmp(govopen_error_message(err), c->message) == 0 &&
             govopen_error_next(err) == NULL;
    if (!ok && err)
      fprintf(stderr, "\n  got %u:%u [%s] %s\n", govopen_error_line(err), govopen_error_column(err),
              govopen_error_path(err), govopen_error_message(err));
    CU_ASSERT_TRUE(ok);
    govopen_error_free(err);
    govopen_framework_free(fw);
    free(text);
  }
  free(base);
}

/* The same sample, possible: a pause inside receipt → reply, a correction
   after the receipt, a tally from its quarter's first day, all on the as-of
   date at the latest, is accepted. */
static void test_possible_accepted(void) {
  govopen_framework *fw = load_fw();
  CU_ASSERT_PTR_NOT_NULL_FATAL(fw);
  const char *obs =
      "{\"unit\": \"甲镇\", \"point\": \"P1\", \"samples\": [{\"received\": \"2023-03-01\", \"corrected\": "
      "\"2023-03-01\", \"replied\": \"2023-03-20\", \"paused\": [{\"from\": \"2023-03-01\", \"to\": \"2023-03-03\"}, "
      "{\"from\": \"2023-03-06\", \"to\": \"2023-03-20\"}]}, {\"received\": \"2023-12-01\", \"replied\": \"2023-12-15\"}]}\n"
      "{\"unit\": \"甲镇\", \"point\": \"P3\", \"last_update\": \"2023-12-15\"}\n"
      "{\"unit\": \"甲镇\", \"point\": \"P4\", \"samples\": [{\"count\": 1, \"period_start\": \"2023-10-01\"}, "
      "{\"date\": \"2023-12-15\"}]}\n"
      "{\"unit\": \"甲镇\", \"point\": \"P5\", \"count\": 1, \"period_start\": \"2023-12-01\"}\n";
  govopen_result *r = run(fw, obs, 4);
  CU_ASSERT_EQUAL(cell(r, fw, "P1"), 10.0);
  CU_ASSERT_EQUAL(cell(r, fw, "P3"), 10.0);
  govopen_result_free(r);
  govopen_framework_free(fw);
}

static const test_case cases[] = {
    {"each impossible observation at its value", test_fixtures},
    {"extensions of 1, 15, 20 and 21 working days", test_extension_lengths},
    {"the effective limit and the paused days said", test_effective_limit_wording},
    {"rules whose parts cannot go together", test_impossible_rules},
    {"possible samples at the edges are accepted", test_possible_accepted},
    {NULL, NULL},
};
GV_TEST_SUITE(h14_impossible, cases);
