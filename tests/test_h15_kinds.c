/* Each rule kind's scoring on its own, at the rules layer (issue 15, item 6):
 * a rule compiled from its YAML block, samples made by hand, the built-in
 * China calendar of 2023, and the exact score, status and reasons (code,
 * Chinese text, samples named) for the samples at each boundary. Every
 * score is also streamed through two states split at every point and
 * through one state per sample (kind_support.c: KT_SCORE), as the
 * evaluator splits its input between threads.
 *
 * Every expected number is worked out by hand in the comment beside it.
 * Working days of 2023 (data/calendars/cn.yaml): weekends off, except the
 * adjusted working days (调休) Sat 01-28, Sun 01-29, Sun 04-23, Sat 05-06, Sun
 * 06-25, Sat 10-07, Sun 10-08; holidays off: 01-21…27 春节, Wed 04-05 清明,
 * 04-29…05-03 劳动节, 06-22…24 端午, 09-29…10-06 中秋国庆. March 2023 has
 * none: Wed 03-01, so its working days after 03-01 are 03-02 (1), 03-03
 * (2), 03-06…10 (3-7), 03-13…17 (8-12), 03-20…24 (13-17), 03-27 (18),
 * 03-28 (19), 03-29 (20), 03-30 (21), 03-31 (22), 04-03 (23), 04-04 (24),
 * 04-06 (25), 04-07 (26). */
#include <stdio.h>
#include <string.h>

#include "kind_support.h"
#include "load/rule_load.h"
#include "testutil.h"
#include "util/buf.h"

#define LOSS GV_REASON_LOSS
#define WARN GV_REASON_WARNING
#define INFO GV_REASON_INFO
#define SCORED GV_OUT_SCORED
#define NOT_EVAL GV_OUT_NOT_EVALUATED

/* The rule reads field `name` of type `type`, required or not. */
static void expect_field(const gv_rule *r, const char *name, gv_ftype type, int required) {
  size_t i = gv_rule_field_index(r, name);
  CU_ASSERT_NOT_EQUAL_FATAL(i, (size_t)-1);
  CU_ASSERT_STRING_EQUAL(r->fields[i].name, name);
  CU_ASSERT_EQUAL(r->fields[i].type, type);
  CU_ASSERT_EQUAL(!r->fields[i].required, !required);
}

/* gv_sample_check's verdict on the latest sample, and its message. */
static void expect_impossible(kt *k, const gv_rule *r, const char *why) {
  gv_buf b = {0};
  gv_blame at;
  int rc = gv_sample_check(r, &k->smp[k->n - 1], &k->ctx, &b, &at);
  CU_ASSERT_EQUAL(rc, why != NULL);
  if (why) CU_ASSERT_STRING_EQUAL(gv_buf_str(&b), why);
  gv_buf_free(&b);
}

/* --- boolean ------------------------------------------------------------------------ */

static void test_boolean(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k, "{kind: boolean, label: 支持IPv6}", 200);
  CU_ASSERT_EQUAL(r->kind, GV_RULE_BOOLEAN);
  CU_ASSERT_STRING_EQUAL(gv_rule_kind_name(r->kind), "boolean");
  CU_ASSERT_STRING_EQUAL(r->label, "支持IPv6");
  CU_ASSERT_EQUAL(r->max, 200);
  CU_ASSERT_EQUAL(r->field_count, 1);
  expect_field(r, "value", GV_FT_BOOL, 1);
  gv_outcome o;

  /* no observation: not evaluated, no reason */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 0);
  CU_ASSERT_EQUAL(o.samples, 0);

  /* true: the maximum */
  kt_add(&k, r, 3, 5, "value=true");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 200, 0, 0);
  CU_ASSERT_EQUAL(o.samples, 1);

  /* false: 0, the label said, the sample named with its evidence and note */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "value=false @ev=截图1|截图2 @note=未配置AAAA记录");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);
  KT_REASON(&o, 0, LOSS, "boolean.false", "未达到要求：支持IPv6", "3:5");
  KT_REASON_DATA(&o, 0, "截图1|截图2", "未配置AAAA记录");
  kt_close(&k);
}

static void test_boolean_latest(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k, "{kind: boolean, label: 支持IPv6}", 200);
  gv_outcome o;

  /* the latest by its observed date counts, wherever it stands in the input:
     line 3 (06-01, false) is later than line 8 (05-01, true) */
  kt_add(&k, r, 3, 5, "value=false @observed=2023-06-01");
  kt_add(&k, r, 8, 5, "value=true @observed=2023-05-01");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 2);
  KT_REASON(&o, 0, INFO, "observation.superseded", "共2个观察，以2023-06-01的最新观察为准", "");
  KT_REASON(&o, 1, LOSS, "boolean.false", "未达到要求：支持IPv6", "3:5");

  /* a tie on the date: the later line wins (true), and nothing loses */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "value=false @observed=2023-06-01");
  kt_add(&k, r, 8, 5, "value=true @observed=2023-06-01");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 200, 0, 1);
  KT_REASON(&o, 0, INFO, "observation.superseded", "共2个观察，以2023-06-01的最新观察为准", "");

  /* two that lose: only the latest is named, with its own evidence */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "value=false @observed=2023-05-01 @ev=旧截图");
  kt_add(&k, r, 8, 5, "value=false @observed=2023-06-01 @ev=新截图");
  kt_add(&k, r, 9, 5, "value=true @observed=2023-04-01");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 2);
  KT_REASON(&o, 0, INFO, "observation.superseded", "共3个观察，以2023-06-01的最新观察为准", "");
  KT_REASON(&o, 1, LOSS, "boolean.false", "未达到要求：支持IPv6", "8:5");
  KT_REASON_DATA(&o, 1, "新截图", NULL);
  kt_close(&k);
}

/* --- checklist ---------------------------------------------------------------------- */

#define SIX "[设定依据, 申请条件, 办理材料, 办理时限, 办理机构, 收费标准]"

static void test_checklist_fraction(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k, "{kind: checklist, label: 办事指南要素, items: " SIX "}", 1000);
  CU_ASSERT_EQUAL(r->kind, GV_RULE_CHECKLIST);
  CU_ASSERT_STRING_EQUAL(gv_rule_kind_name(r->kind), "checklist");
  expect_field(r, "present", GV_FT_STRLIST, 0);
  expect_field(r, "missing", GV_FT_STRLIST, 0);
  gv_outcome o;

  /* every item present: 10.00 */
  kt_add(&k, r, 4, 7, "present=设定依据,申请条件,办理材料,办理时限,办理机构,收费标准");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 1000, 0, 0);

  /* `missing` empty: every item there */
  kt_reset(&k);
  kt_add(&k, r, 4, 7, "missing=");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 1000, 0, 0);

  /* one missing: 1000 × 5/6 = 833.33 → 833 */
  kt_reset(&k);
  kt_add(&k, r, 4, 7, "missing=办理机构");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 833, 0, 1);
  KT_REASON(&o, 0, LOSS, "checklist.missing", "缺少要素：办理机构（5/6）", "4:7");

  /* four present: the two missing in the rule's order; 1000 × 4/6 = 666.67 → 667 */
  kt_reset(&k);
  kt_add(&k, r, 4, 7, "present=收费标准,办理时限,申请条件,设定依据");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 667, 0, 1);
  KT_REASON(&o, 0, LOSS, "checklist.missing", "缺少要素：办理材料、办理机构（4/6）", "4:7");

  /* none present: 0, every item listed */
  kt_reset(&k);
  kt_add(&k, r, 4, 7, "present=");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);
  KT_REASON(&o, 0, LOSS, "checklist.missing",
            "缺少要素：设定依据、申请条件、办理材料、办理时限、办理机构、收费标准（0/6）", "4:7");

  /* the latest observation counts: an earlier one short of an item loses nothing */
  kt_reset(&k);
  kt_add(&k, r, 3, 7, "missing=办理机构 @observed=2023-05-01");
  kt_add(&k, r, 9, 7, "missing= @observed=2023-06-01");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 1000, 0, 1);
  KT_REASON(&o, 0, INFO, "observation.superseded", "共2个观察，以2023-06-01的最新观察为准", "");
  kt_close(&k);
}

static void test_checklist_rounding(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  /* 8 items on a point of 1.00: each item is 12.5 hundredths, so every odd
     count lands on a half hundredth, rounded away from zero */
  const gv_rule *r = kt_rule(&k, "{kind: checklist, items: [一, 二, 三, 四, 五, 六, 七, 八]}", 100);
  gv_outcome o;
  /* 1 of 8: 100 / 8 = 12.5 → 13 */
  kt_add(&k, r, 3, 5, "present=一");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 13, 0, 1);
  KT_REASON(&o, 0, LOSS, "checklist.missing", "缺少要素：二、三、四、五、六、七、八（1/8）", "3:5");
  /* 3 of 8: 37.5 → 38 */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "missing=四,五,六,七,八");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 38, 0, 1);
  /* 7 of 8: 87.5 → 88 */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "missing=五");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 88, 0, 1);
  KT_REASON(&o, 0, LOSS, "checklist.missing", "缺少要素：五（7/8）", "3:5");
  /* 4 of 8: 50 exactly */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "missing=五,六,七,八");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 50, 0, 1);
  kt_close(&k);
}

static void test_checklist_per_item_and_all(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  /* 3 items at 1.33 make 3.99, short of 4.00: refused; at 1.34 they make 4.02 */
  CU_ASSERT_TRUE(kt_refused(&k, "{kind: checklist, items: [甲, 乙, 丙], scoring: per-item, item_points: 1.33}", 400));
  const gv_rule *r = kt_rule(&k, "{kind: checklist, items: [甲, 乙, 丙], scoring: per-item, item_points: 1.34}", 400);
  gv_outcome o;
  /* all three: 3 × 1.34 = 4.02, capped at the maximum 4.00 */
  kt_add(&k, r, 3, 5, "present=甲,乙,丙");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 400, 0, 0);
  /* two: 2 × 1.34 = 2.68 */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "missing=丙");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 268, 0, 1);
  KT_REASON(&o, 0, LOSS, "checklist.missing", "缺少要素：丙（2/3）", "3:5");
  /* one: 1.34 */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "present=乙");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 134, 0, 1);
  KT_REASON(&o, 0, LOSS, "checklist.missing", "缺少要素：甲、丙（1/3）", "3:5");

  /* all or nothing */
  const gv_rule *all = kt_rule(&k, "{kind: checklist, items: [甲, 乙], scoring: all}", 300);
  kt_reset(&k);
  kt_add(&k, all, 3, 5, "present=甲,乙");
  KT_SCORE(&k, all, &o);
  KT_OUTCOME(&o, SCORED, 300, 0, 0);
  kt_reset(&k);
  kt_add(&k, all, 3, 5, "missing=乙");
  KT_SCORE(&k, all, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);
  KT_REASON(&o, 0, LOSS, "checklist.missing", "缺少要素：乙（1/2）", "3:5");
  kt_close(&k);
}

/* --- deadline ----------------------------------------------------------------------- */

#define D20 "{kind: deadline, label: 依申请公开答复时限, limit: {workdays: 20}}"

static void test_deadline_workdays(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k, D20, 1000);
  CU_ASSERT_EQUAL(r->kind, GV_RULE_DEADLINE);
  CU_ASSERT_STRING_EQUAL(gv_rule_kind_name(r->kind), "deadline");
  expect_field(r, "start", GV_FT_MOMENT, 1);
  expect_field(r, "end", GV_FT_MOMENT, 0);
  expect_field(r, "paused", GV_FT_INTERVALS, 0);
  gv_outcome o;

  /* 20 working days after Wed 03-01 end on Wed 03-29: a reply that day is on
     time, the next working day (03-30) late, 21 working days used */
  kt_add(&k, r, 3, 5, "start=2023-03-01 end=2023-03-29");
  kt_add(&k, r, 4, 5, "start=2023-03-01 end=2023-03-30");
  /* across 劳动节: after Thu 04-20 come 04-21 (1), Sun 04-23 worked (2),
     04-24…28 (3-7), 04-29…05-03 off, 05-04 (8), 05-05 (9), Sat 05-06 worked
     (10), 05-08…12 (11-15), 05-15…19 (16-20): 05-19 on time, Mon 05-22 late
     with 21 used */
  kt_add(&k, r, 5, 5, "start=2023-04-20 end=2023-05-19");
  kt_add(&k, r, 6, 5, "start=2023-04-20 end=2023-05-22");
  /* judged 4, on time 2: 1000 × 2/4 = 500 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 500, 0, 1);
  CU_ASSERT_EQUAL(o.samples, 4);
  CU_ASSERT_EQUAL(o.judged, 4);
  KT_REASON(&o, 0, LOSS, "deadline.late",
            "抽查4件，2件超过时限：2023-03-01→2023-03-30（限20个工作日，用时21个工作日）；"
            "2023-04-20→2023-05-22（限20个工作日，用时21个工作日）",
            "4:5 6:5");

  /* a deadline on an adjusted Saturday: 3 working days after Fri 04-28 are
     05-04, 05-05 and Sat 05-06 (worked); Mon 05-08 is the 4th */
  const gv_rule *r3 = kt_rule(&k, "{kind: deadline, limit: {workdays: 3}}", 1000);
  kt_reset(&k);
  kt_add(&k, r3, 3, 5, "start=2023-04-28 end=2023-05-06");
  kt_add(&k, r3, 4, 5, "start=2023-04-28 end=2023-05-08");
  KT_SCORE(&k, r3, &o);
  KT_OUTCOME(&o, SCORED, 500, 0, 1);
  KT_REASON(&o, 0, LOSS, "deadline.late", "抽查2件，1件超过时限：2023-04-28→2023-05-08（限3个工作日，用时4个工作日）",
            "4:5");
  kt_close(&k);
}

static void test_deadline_open(void) {
  kt k;
  kt_open(&k, "2023-03-23");
  const gv_rule *r = kt_rule(&k, D20, 1000);
  gv_outcome o;
  kt_add(&k, r, 3, 5, "start=2023-03-01");

  /* as of Thu 03-23, 4 working days are left to 03-29 (03-24, 27, 28, 29):
     more than the default 3, pending; nothing judged yet */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 1);
  CU_ASSERT_EQUAL(o.judged, 0);
  KT_REASON(&o, 0, INFO, "deadline.none_judged", "1件均未到期，尚无可评判的样本", "");

  /* as of Fri 03-24, 3 are left: due soon, a warning */
  kt_as_of(&k, "2023-03-24");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 2);
  KT_REASON(&o, 0, WARN, "deadline.due_soon", "即将到期：2023-03-01→未答复（期限2023-03-29）", "3:5");
  KT_REASON(&o, 1, INFO, "deadline.none_judged", "1件均未到期，尚无可评判的样本", "");

  /* as of the last day itself, still due soon */
  kt_as_of(&k, "2023-03-29");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 2);
  KT_REASON(&o, 0, WARN, "deadline.due_soon", "即将到期：2023-03-01→未答复（期限2023-03-29）", "3:5");

  /* the day after: late and unanswered, judged: 0 of 1 on time */
  kt_as_of(&k, "2023-03-30");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);
  CU_ASSERT_EQUAL(o.judged, 1);
  KT_REASON(&o, 0, LOSS, "deadline.unanswered", "抽查1件，1件逾期未答复：2023-03-01→未答复（期限2023-03-29）", "3:5");

  /* due_soon in working days: 5 left as of Wed 03-22 (03-23, 24, 27, 28,
     29) is due soon, 6 as of Tue 03-21 is not */
  const gv_rule *r5 = kt_rule(&k, "{kind: deadline, limit: {workdays: 20}, due_soon: {workdays: 5}}", 1000);
  kt_as_of(&k, "2023-03-22");
  KT_SCORE(&k, r5, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 2);
  KT_REASON(&o, 0, WARN, "deadline.due_soon", "即将到期：2023-03-01→未答复（期限2023-03-29）", "3:5");
  kt_as_of(&k, "2023-03-21");
  KT_SCORE(&k, r5, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 1);
  KT_REASON(&o, 0, INFO, "deadline.none_judged", "1件均未到期，尚无可评判的样本", "");
  kt_close(&k);
}

static void test_deadline_pauses(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k, "{kind: deadline, limit: {workdays: 20}, pause_label: 征求第三方意见}", 1000);
  gv_outcome o;
  /* paused Mon 03-06 … Fri 03-10: 5 working days added back, the deadline
     is the 25th working day after 03-01: Thu 04-06 (04-05 清明 is off) */
  kt_add(&k, r, 3, 5, "start=2023-03-01 paused=2023-03-06~2023-03-10 end=2023-04-06");
  /* 04-07: 26 working days after 03-01, less the 5 paused: 21 used */
  kt_add(&k, r, 4, 5, "start=2023-03-01 paused=2023-03-06~2023-03-10 end=2023-04-07");
  /* open: paused Mon 11-06 and Tue 11-07 (2 working days); 20 working days
     after Wed 11-01 end Wed 11-29, 22 on Fri 12-01; past as of 12-15 */
  kt_add(&k, r, 5, 5, "start=2023-11-01 paused=2023-11-06~2023-11-07");
  /* a pause from the receipt day counts from the day after it: 03-02 and
     03-03 (2), so the deadline is the 22nd working day, Fri 03-31: on time
     that day; Mon 04-03 (the 23rd) is late, 21 used */
  kt_add(&k, r, 6, 5, "start=2023-03-01 paused=2023-03-01~2023-03-03 end=2023-03-31");
  kt_add(&k, r, 7, 5, "start=2023-03-01 paused=2023-03-01~2023-03-03 end=2023-04-03");
  /* a pause beginning before the receipt is impossible, left out */
  kt_add(&k, r, 8, 5, "start=2023-03-01 paused=2023-02-27~2023-03-02 end=2023-03-29");
  expect_impossible(&k, r, "paused 2023-02-27~2023-03-02 begins before start 2023-03-01");
  /* judged 5 (the last left out), on time 2: 1000 × 2/5 = 400 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 400, 0, 2);
  CU_ASSERT_EQUAL(o.samples, 5);
  CU_ASSERT_EQUAL(o.judged, 5);
  KT_REASON(
      &o, 0, LOSS, "deadline.late",
      "抽查5件，2件超过时限：2023-03-01→2023-04-07（限20个工作日，用时21个工作日（已扣除征求第三方意见5个工作日））；"
      "2023-03-01→2023-04-03（限20个工作日，用时21个工作日（已扣除征求第三方意见2个工作日））",
      "4:5 7:5");
  KT_REASON(&o, 1, LOSS, "deadline.unanswered",
            "抽查5件，1件逾期未答复：2023-11-01→未答复（期限2023-12-01：限20个工作日，不计征求第三方意见2个工作日）",
            "5:5");

  /* without pause_label, a pause is 暂停. Paused Sat 04-01 … Sun 04-09,
     which holds 4 working days (04-03, 04-04, 04-06, 04-07; 04-05 清明 is
     off): the deadline is the 24th working day after 03-01, Tue 04-04. The
     reply on Mon 04-10 is the 27th working day (04-06 25, 04-07 26, 04-10
     27), less the 4 paused: 23 used */
  const gv_rule *plain = kt_rule(&k, D20, 1000);
  kt_reset(&k);
  kt_add(&k, plain, 3, 5, "start=2023-03-01 paused=2023-04-01~2023-04-09 end=2023-04-10");
  KT_SCORE(&k, plain, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);
  KT_REASON(&o, 0, LOSS, "deadline.late",
            "抽查1件，1件超过时限：2023-03-01→2023-04-10（限20个工作日，用时23个工作日（已扣除暂停4个工作日））",
            "3:5");
  kt_close(&k);
}

static void test_deadline_extension(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k, "{kind: deadline, limit: {workdays: 20}, extension: {workdays: 20}}", 1000);
  expect_field(r, "extended", GV_FT_EXTENT, 0);
  gv_outcome o;
  /* extended (true: the whole 20): 40 working days after 03-01. From 03-29
     (20): 03-30 21, 03-31 22, 04-03 23, 04-04 24, 04-06 25, 04-07 26,
     04-10…14 27-31, 04-17…21 32-36, Sun 04-23 37, 04-24 38, 04-25 39,
     04-26 40 */
  kt_add(&k, r, 3, 5, "start=2023-03-01 extended=true end=2023-04-26");
  kt_add(&k, r, 4, 5, "start=2023-03-01 extended=true end=2023-04-27");
  /* extended 15: 35 working days, Thu 04-20; Fri 04-21 is the 36th */
  kt_add(&k, r, 5, 5, "start=2023-03-01 extended=15 end=2023-04-20");
  kt_add(&k, r, 6, 5, "start=2023-03-01 extended=15 end=2023-04-21");
  /* extended false or 0: no extension, 20 working days */
  kt_add(&k, r, 7, 5, "start=2023-03-01 extended=false end=2023-03-30");
  kt_add(&k, r, 8, 5, "start=2023-03-01 extended=0 end=2023-03-29");
  /* extended 20, the rule's whole extension, as `true` */
  kt_add(&k, r, 9, 5, "start=2023-03-01 extended=20 end=2023-04-26");
  expect_impossible(&k, r, NULL);
  /* extended 21: longer than the rule allows, impossible, left out */
  kt_add(&k, r, 10, 5, "start=2023-03-01 extended=21 end=2023-04-26");
  expect_impossible(&k, r, "extended 21 working days is longer than the rule allows (at most 20 working days)");
  /* judged 7, on time 4 (lines 3, 5, 8, 9): 1000 × 4/7 = 571.43 → 571 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 571, 0, 1);
  CU_ASSERT_EQUAL(o.judged, 7);
  KT_REASON(&o, 0, LOSS, "deadline.late",
            "抽查7件，3件超过时限：2023-03-01→2023-04-27（限40个工作日（延长20个工作日），用时41个工作日）；"
            "2023-03-01→2023-04-21（限35个工作日（延长15个工作日），用时36个工作日）；"
            "2023-03-01→2023-03-30（限20个工作日，用时21个工作日）",
            "4:5 6:5 7:5");

  /* in days: 15 + 15 days after 03-01 is Fri 03-31; Mon 04-03 is 33 days */
  const gv_rule *d = kt_rule(&k, "{kind: deadline, limit: {days: 15}, extension: {days: 15}}", 1000);
  kt_reset(&k);
  kt_add(&k, d, 3, 5, "start=2023-03-01 extended=true end=2023-03-31");
  kt_add(&k, d, 4, 5, "start=2023-03-01 extended=true end=2023-04-03");
  KT_SCORE(&k, d, &o);
  KT_OUTCOME(&o, SCORED, 500, 0, 1);
  KT_REASON(&o, 0, LOSS, "deadline.late", "抽查2件，1件超过时限：2023-03-01→2023-04-03（限30天（延长15天），用时33天）",
            "4:5");
  kt_close(&k);
}

static void test_deadline_days(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k, "{kind: deadline, limit: {days: 15}}", 1000);
  gv_outcome o;
  /* 15 days after Thu 09-14 is Fri 09-29, off (中秋国庆 09-29…10-06): the
     deadline moves to the next working day, Sat 10-07 (adjusted) */
  kt_add(&k, r, 3, 5, "start=2023-09-14 end=2023-10-07");
  /* Sun 10-08, worked, is past it: 24 days used */
  kt_add(&k, r, 4, 5, "start=2023-09-14 end=2023-10-08");
  /* 15 days after Wed 03-01: Thu 03-16, a working day */
  kt_add(&k, r, 5, 5, "start=2023-03-01 end=2023-03-16");
  /* 15 days after Sat 03-04: Sun 03-19, moved to Mon 03-20; 03-21 is 17 days */
  kt_add(&k, r, 6, 5, "start=2023-03-04 end=2023-03-20");
  kt_add(&k, r, 7, 5, "start=2023-03-04 end=2023-03-21");
  /* judged 5, on time 3: 1000 × 3/5 = 600 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 600, 0, 1);
  KT_REASON(
      &o, 0, LOSS, "deadline.late",
      "抽查5件，2件超过时限：2023-09-14→2023-10-08（限15天，用时24天）；2023-03-04→2023-03-21（限15天，用时17天）",
      "4:5 7:5");

  /* paused days are added back: paused 03-06 … 03-10 (5 days), the
     deadline is 03-01 + 15 + 5 = Tue 03-21; 03-22 is 21 days, 16 counted */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "start=2023-03-01 paused=2023-03-06~2023-03-10 end=2023-03-21");
  kt_add(&k, r, 4, 5, "start=2023-03-01 paused=2023-03-06~2023-03-10 end=2023-03-22");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 500, 0, 1);
  KT_REASON(&o, 0, LOSS, "deadline.late",
            "抽查2件，1件超过时限：2023-03-01→2023-03-22（限15天，用时16天（已扣除暂停5天））", "4:5");

  /* open, default due_soon 3 days: deadline 03-16; as of 03-13, 3 days left */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "start=2023-03-01");
  kt_as_of(&k, "2023-03-13");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 2);
  KT_REASON(&o, 0, WARN, "deadline.due_soon", "即将到期：2023-03-01→未答复（期限2023-03-16）", "3:5");
  /* as of 03-12, 4 days left: pending */
  kt_as_of(&k, "2023-03-12");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 1);
  KT_REASON(&o, 0, INFO, "deadline.none_judged", "1件均未到期，尚无可评判的样本", "");
  /* due_soon {days: 2}: as of 03-14 (2 left) due soon, 03-13 (3 left) not */
  const gv_rule *r2 = kt_rule(&k, "{kind: deadline, limit: {days: 15}, due_soon: {days: 2}}", 1000);
  kt_as_of(&k, "2023-03-14");
  KT_SCORE(&k, r2, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 2);
  KT_REASON(&o, 0, WARN, "deadline.due_soon", "即将到期：2023-03-01→未答复（期限2023-03-16）", "3:5");
  kt_as_of(&k, "2023-03-13");
  KT_SCORE(&k, r2, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 1);
  kt_close(&k);
}

static void test_deadline_hours(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k, "{kind: deadline, label: 舆情回应, limit: {hours: 48}}", 1000);
  gv_outcome o;
  /* 48 hours exactly: on time; one minute more: late */
  kt_add(&k, r, 3, 5, "start=2023-03-01T09:00 end=2023-03-03T09:00");
  kt_add(&k, r, 4, 5, "start=2023-03-01T09:00 end=2023-03-03T09:01");
  /* paused 12:00-13:30 (1 h 30 min): 49 h 30 min elapsed, 48 h counted */
  kt_add(&k, r, 5, 5, "start=2023-03-01T09:00 paused=2023-03-01T12:00~2023-03-01T13:30 end=2023-03-03T10:30");
  kt_add(&k, r, 6, 5, "start=2023-03-01T09:00 paused=2023-03-01T12:00~2023-03-01T13:30 end=2023-03-03T10:31");
  /* judged 4, on time 2: 500 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 500, 0, 1);
  KT_REASON(&o, 0, LOSS, "deadline.late",
            "抽查4件，2件超过时限：2023-03-01 09:00→2023-03-03 09:01（限48小时，用时48小时1分）；"
            "2023-03-01 09:00→2023-03-03 10:31（限48小时，用时48小时1分（已扣除暂停1小时30分））",
            "4:5 6:5");

  /* open, as of 12-15: the as-of date counts to its end, 12-16 00:00 */
  kt_reset(&k);
  /* due 12-16 06:00: 6 hours left, the default: due soon */
  kt_add(&k, r, 3, 5, "start=2023-12-14T06:00");
  /* due 12-16 06:01: 6 h 1 min left: pending */
  kt_add(&k, r, 4, 5, "start=2023-12-14T06:01");
  /* due 12-15 23:59: past, unanswered */
  kt_add(&k, r, 5, 5, "start=2023-12-13T23:59");
  /* due 12-16 00:00: nothing left, not past: due soon */
  kt_add(&k, r, 6, 5, "start=2023-12-14T00:00");
  /* judged 1, on time 0: 0 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 3);
  CU_ASSERT_EQUAL(o.judged, 1);
  KT_REASON(&o, 0, LOSS, "deadline.unanswered", "抽查1件，1件逾期未答复：2023-12-13 23:59→未答复（限48小时）", "5:5");
  KT_REASON(&o, 1, WARN, "deadline.due_soon", "即将到期：2023-12-14 06:00→未答复（限48小时）", "3:5");
  KT_REASON(&o, 2, WARN, "deadline.due_soon", "即将到期：2023-12-14 00:00→未答复（限48小时）", "6:5");

  /* due_soon {hours: 12}: due 12-16 12:00 (12 h left) is due soon, 12:01 not */
  const gv_rule *r12 = kt_rule(&k, "{kind: deadline, limit: {hours: 48}, due_soon: {hours: 12}}", 1000);
  kt_reset(&k);
  kt_add(&k, r12, 3, 5, "start=2023-12-14T12:00");
  kt_add(&k, r12, 4, 5, "start=2023-12-14T12:01");
  KT_SCORE(&k, r12, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 2);
  KT_REASON(&o, 0, WARN, "deadline.due_soon", "即将到期：2023-12-14 12:00→未答复（限48小时）", "3:5");
  KT_REASON(&o, 1, INFO, "deadline.none_judged", "2件均未到期，尚无可评判的样本", "");
  kt_close(&k);
}

static void test_deadline_due(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k, "{kind: deadline, label: 年报公开, limit: {due: 2023-06-30}}", 1000);
  /* a due date needs no start */
  expect_field(r, "start", GV_FT_MOMENT, 0);
  gv_outcome o;
  kt_add(&k, r, 3, 5, "end=2023-06-30");                  /* on the date: on time */
  kt_add(&k, r, 4, 5, "end=2023-07-03");                  /* 3 days late */
  kt_add(&k, r, 5, 5, "start=2023-06-01 end=2023-07-01"); /* 1 day late, its start said */
  kt_add(&k, r, 6, 5, "");                                /* nothing by 12-15: unanswered */
  /* judged 4, on time 1: 1000 × 1/4 = 250 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 250, 0, 2);
  KT_REASON(
      &o, 0, LOSS, "deadline.late",
      "抽查4件，2件超过时限：2023-07-03（应于2023-06-30前完成，迟3天）；2023-06-01→2023-07-01（应于2023-06-30前完成，迟1天）",
      "4:5 5:5");
  KT_REASON(&o, 1, LOSS, "deadline.unanswered", "抽查4件，1件逾期未答复：未答复（应于2023-06-30前完成）", "6:5");

  /* open, the default due_soon: 3 days */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "");
  const char *soon = "即将到期：未答复（应于2023-06-30前完成）";
  kt_as_of(&k, "2023-06-27"); /* 3 days left: due soon */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 2);
  KT_REASON(&o, 0, WARN, "deadline.due_soon", soon, "3:5");
  kt_as_of(&k, "2023-06-26"); /* 4 days left: pending */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 1);
  kt_as_of(&k, "2023-06-30"); /* the day itself: due soon */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 2);
  kt_as_of(&k, "2023-07-01"); /* past: unanswered */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);
  KT_REASON(&o, 0, LOSS, "deadline.unanswered", "抽查1件，1件逾期未答复：未答复（应于2023-06-30前完成）", "3:5");

  /* due_soon {days: 1}: as of 06-29 (1 left) due soon, 06-28 (2 left) not */
  const gv_rule *d1 = kt_rule(&k, "{kind: deadline, limit: {due: 2023-06-30}, due_soon: {days: 1}}", 1000);
  kt_as_of(&k, "2023-06-29");
  KT_SCORE(&k, d1, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 2);
  kt_as_of(&k, "2023-06-28");
  KT_SCORE(&k, d1, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 1);

  /* due_soon {hours: 48}: what is left counts from the end of the as-of
     date to the end of the due date: 06-28 leaves 48 hours (due soon),
     06-27 leaves 72 (pending) */
  const gv_rule *h48 = kt_rule(&k, "{kind: deadline, limit: {due: 2023-06-30}, due_soon: {hours: 48}}", 1000);
  kt_as_of(&k, "2023-06-28");
  KT_SCORE(&k, h48, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 2);
  KT_REASON(&o, 0, WARN, "deadline.due_soon", soon, "3:5");
  kt_as_of(&k, "2023-06-27");
  KT_SCORE(&k, h48, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 1);

  /* due_soon {workdays: 2} across 端午: due Mon 06-26; after Wed 06-21 the
     working days are Sun 06-25 (adjusted) and 06-26: 2, due soon (5
     calendar days); after Tue 06-20 also 06-21: 3, pending */
  const gv_rule *w2 = kt_rule(&k, "{kind: deadline, limit: {due: 2023-06-26}, due_soon: {workdays: 2}}", 1000);
  kt_as_of(&k, "2023-06-21");
  KT_SCORE(&k, w2, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 2);
  KT_REASON(&o, 0, WARN, "deadline.due_soon", "即将到期：未答复（应于2023-06-26前完成）", "3:5");
  kt_as_of(&k, "2023-06-20");
  KT_SCORE(&k, w2, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 1);
  kt_close(&k);
}

static void test_deadline_limits(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k,
                             "kind: deadline\n"
                             "limits:\n"
                             "  - {name: 受理, end: accepted, workdays: 5}\n"
                             "  - {name: 答复, end: replied, workdays: 20}\n",
                             1000);
  expect_field(r, "accepted", GV_FT_MOMENT, 0);
  expect_field(r, "replied", GV_FT_MOMENT, 0);
  gv_outcome o;
  /* 5 working days after 03-01: 03-08; 20: 03-29 */
  kt_add(&k, r, 3, 5, "start=2023-03-01 accepted=2023-03-08 replied=2023-03-29"); /* both met */
  kt_add(&k, r, 4, 5, "start=2023-03-01 accepted=2023-03-09 replied=2023-03-29"); /* 受理 late, 6 used */
  kt_add(&k, r, 5, 5, "start=2023-03-01 accepted=2023-03-08 replied=2023-03-30"); /* 答复 late, 21 used */
  /* both late: the first limit's verdict stands (as bad as the second's) */
  kt_add(&k, r, 6, 5, "start=2023-03-01 accepted=2023-03-09 replied=2023-03-30");
  /* 受理 met by Fri 12-01 + 5 = 12-08; 答复 due 12-29 (10 working days
     after 12-15): pending, so the sample is not judged yet */
  kt_add(&k, r, 7, 5, "start=2023-12-01 accepted=2023-12-07");
  /* judged 4, on time 1: 250 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 250, 0, 1);
  CU_ASSERT_EQUAL(o.judged, 4);
  KT_REASON(&o, 0, LOSS, "deadline.late",
            "抽查4件，3件超过时限：2023-03-01→2023-03-09（受理限5个工作日，用时6个工作日）；"
            "2023-03-01→2023-03-30（答复限20个工作日，用时21个工作日）；"
            "2023-03-01→2023-03-09（受理限5个工作日，用时6个工作日）",
            "4:5 5:5 6:5");

  /* a pause counts for a limit only up to that limit's own end: paused Mon
     03-13 … Fri 03-17 (5 working days), after 受理 and before 答复 */
  kt_reset(&k);
  /* 受理 by 03-08 unpaused; 答复 by the 25th working day, Thu 04-06 */
  kt_add(&k, r, 3, 5, "start=2023-03-01 accepted=2023-03-08 paused=2023-03-13~2023-03-17 replied=2023-04-06");
  /* 受理 on 03-09 is late: the later pause does not lengthen it */
  kt_add(&k, r, 4, 5, "start=2023-03-01 accepted=2023-03-09 paused=2023-03-13~2023-03-17 replied=2023-04-06");
  /* 答复 on Fri 04-07: the 26th working day less 5 paused, 21 used */
  kt_add(&k, r, 5, 5, "start=2023-03-01 accepted=2023-03-08 paused=2023-03-13~2023-03-17 replied=2023-04-07");
  /* judged 3, on time 1: 1000 × 1/3 = 333.33 → 333 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 333, 0, 1);
  KT_REASON(&o, 0, LOSS, "deadline.late",
            "抽查3件，2件超过时限：2023-03-01→2023-03-09（受理限5个工作日，用时6个工作日）；"
            "2023-03-01→2023-04-07（答复限20个工作日，用时21个工作日（已扣除暂停5个工作日））",
            "4:5 5:5");
  kt_close(&k);
}

static void test_deadline_tiers(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k,
                             "kind: deadline\n"
                             "label: 突发事件回应\n"
                             "tiers:\n"
                             "  field: category\n"
                             "  cases:\n"
                             "    重大: {limit: {hours: 24}}\n"
                             "    一般: {limit: {workdays: 5}}\n"
                             "  default: {limit: {workdays: 10}}\n",
                             1000);
  expect_field(r, "category", GV_FT_STR, 0);
  gv_outcome o;
  kt_add(&k, r, 3, 5, "category=重大 start=2023-03-01T09:00 end=2023-03-02T09:00"); /* 24 h: on time */
  kt_add(&k, r, 4, 5, "category=重大 start=2023-03-01T09:00 end=2023-03-02T09:30"); /* 24 h 30 min */
  kt_add(&k, r, 5, 5, "category=一般 start=2023-03-01 end=2023-03-08");             /* 5th working day */
  kt_add(&k, r, 6, 5, "category=一般 start=2023-03-01 end=2023-03-09");             /* 6th */
  /* no category: the default tier, 10 working days: Wed 03-15 */
  kt_add(&k, r, 7, 5, "start=2023-03-01 end=2023-03-15");
  kt_add(&k, r, 8, 5, "start=2023-03-01 end=2023-03-16");
  /* a category with no limit counts for nothing, with a warning */
  kt_add(&k, r, 9, 5, "category=特大 start=2023-03-01 end=2023-03-02");
  /* judged 6, on time 3: 500 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 500, 0, 2);
  CU_ASSERT_EQUAL(o.samples, 7);
  CU_ASSERT_EQUAL(o.judged, 6);
  KT_REASON(&o, 0, WARN, "deadline.unknown_category", "obs.yaml第9行：类别“特大”没有对应的时限，未计入", "9:5");
  KT_REASON(
      &o, 1, LOSS, "deadline.late",
      "抽查6件，3件超过时限：2023-03-01 09:00→2023-03-02 09:30（限24小时，用时24小时30分）；"
      "2023-03-01→2023-03-09（限5个工作日，用时6个工作日）；2023-03-01→2023-03-16（限10个工作日，用时11个工作日）",
      "4:5 6:5 8:5");
  kt_close(&k);
}

static void test_deadline_channels(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r =
      kt_rule(&k, "{kind: deadline, limit: {workdays: 20}, start_by_channel: true, restart: corrected}", 1000);
  expect_field(r, "channel", GV_FT_STR, 1);
  expect_field(r, "submitted", GV_FT_MOMENT, 0);
  expect_field(r, "signed", GV_FT_MOMENT, 0);
  expect_field(r, "confirmed", GV_FT_MOMENT, 0);
  expect_field(r, "corrected", GV_FT_MOMENT, 0);
  CU_ASSERT_EQUAL(gv_rule_field_index(r, "start"), (size_t)-1);
  gv_outcome o;
  kt_add(&k, r, 3, 5, "channel=挂号信 signed=2023-03-01 end=2023-03-29");  /* the day signed for: on time */
  kt_add(&k, r, 4, 5, "channel=当面 submitted=2023-03-01 end=2023-03-30"); /* handed in: 21 used */
  /* 补正 on Mon 03-06 restarts the period: its 20th working day is Mon 04-03 */
  kt_add(&k, r, 5, 5, "channel=网络 confirmed=2023-03-01 corrected=2023-03-06 end=2023-04-03");
  kt_add(&k, r, 6, 5, "channel=网络 confirmed=2023-03-01 corrected=2023-03-06 end=2023-04-04");
  /* the channel's field missing (网络 starts at `confirmed`): no start */
  kt_add(&k, r, 7, 5, "channel=网络 end=2023-03-10");
  kt_add(&k, r, 8, 5, "channel=挂号信 submitted=2023-03-01 end=2023-03-10");
  /* a correction before the receipt: impossible, left out */
  kt_add(&k, r, 9, 5, "channel=网络 confirmed=2023-03-06 corrected=2023-03-01 end=2023-03-10");
  expect_impossible(&k, r,
                    "corrected 2023-03-01 is before confirmed 2023-03-06 (it restarts the period of a request already "
                    "received)");
  /* judged 4, on time 2: 500 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 500, 0, 3);
  CU_ASSERT_EQUAL(o.samples, 6);
  KT_REASON(&o, 0, WARN, "deadline.no_start", "obs.yaml第7行：缺少起算日期，未计入", "7:5");
  KT_REASON(&o, 1, WARN, "deadline.no_start", "obs.yaml第8行：缺少起算日期，未计入", "8:5");
  KT_REASON(&o, 2, LOSS, "deadline.late",
            "抽查4件，2件超过时限：2023-03-01→2023-03-30（限20个工作日，用时21个工作日）；"
            "2023-03-06→2023-04-04（限20个工作日，用时21个工作日）",
            "4:5 6:5");
  kt_close(&k);
}

static void test_deadline_scoring(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  gv_outcome o;
  /* all: the maximum only when every judged sample is on time */
  const gv_rule *all = kt_rule(&k, "{kind: deadline, limit: {workdays: 20}, scoring: all}", 1000);
  kt_add(&k, all, 3, 5, "start=2023-03-01 end=2023-03-29");
  kt_add(&k, all, 4, 5, "start=2023-04-20 end=2023-05-19");
  KT_SCORE(&k, all, &o);
  KT_OUTCOME(&o, SCORED, 1000, 0, 0);
  kt_add(&k, all, 5, 5, "start=2023-03-01 end=2023-03-30");
  KT_SCORE(&k, all, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);

  /* deduct: 2.00 off per late or unanswered sample, not below 3.00 */
  const gv_rule *d =
      kt_rule(&k, "{kind: deadline, limit: {workdays: 20}, scoring: deduct, per_late: 2, floor: 3}", 1000);
  kt_reset(&k);
  kt_add(&k, d, 3, 5, "start=2023-03-01 end=2023-03-29"); /* on time */
  KT_SCORE(&k, d, &o);
  KT_OUTCOME(&o, SCORED, 1000, 0, 0);
  kt_add(&k, d, 4, 5, "start=2023-03-01 end=2023-03-30"); /* late */
  kt_add(&k, d, 5, 5, "start=2023-11-01");                /* unanswered (due 11-29) */
  /* 10.00 - 2 × 2.00 = 6.00 */
  KT_SCORE(&k, d, &o);
  KT_OUTCOME(&o, SCORED, 600, 0, 2);
  kt_add(&k, d, 6, 5, "start=2023-03-01 end=2023-03-31"); /* late, 22 used */
  /* 10.00 - 3 × 2.00 = 4.00 */
  KT_SCORE(&k, d, &o);
  KT_OUTCOME(&o, SCORED, 400, 0, 2);
  kt_add(&k, d, 7, 5, "start=2023-03-01 end=2023-04-03"); /* late, 23 used */
  /* 10.00 - 4 × 2.00 = 2.00, below the floor: 3.00 */
  KT_SCORE(&k, d, &o);
  KT_OUTCOME(&o, SCORED, 300, 0, 2);
  KT_REASON(
      &o, 0, LOSS, "deadline.late",
      "抽查5件，3件超过时限：2023-03-01→2023-03-30（限20个工作日，用时21个工作日）；"
      "2023-03-01→2023-03-31（限20个工作日，用时22个工作日）；2023-03-01→2023-04-03（限20个工作日，用时23个工作日）",
      "4:5 6:5 7:5");
  KT_REASON(&o, 1, LOSS, "deadline.unanswered", "抽查5件，1件逾期未答复：2023-11-01→未答复（期限2023-11-29）", "5:5");

  /* deduct without a floor: 10.00 - 3 × 4.00 = -2.00, no lower than 0 */
  const gv_rule *d0 = kt_rule(&k, "{kind: deadline, limit: {workdays: 20}, scoring: deduct, per_late: 4}", 1000);
  kt_reset(&k);
  kt_add(&k, d0, 3, 5, "start=2023-03-01 end=2023-03-30");
  kt_add(&k, d0, 4, 5, "start=2023-03-01 end=2023-03-31");
  kt_add(&k, d0, 5, 5, "start=2023-03-01 end=2023-04-03");
  KT_SCORE(&k, d0, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);
  /* a floor above the maximum is refused */
  CU_ASSERT_TRUE(
      kt_refused(&k, "{kind: deadline, limit: {workdays: 20}, scoring: deduct, per_late: 4, floor: 10.01}", 1000));
  kt_close(&k);
}

static void test_deadline_named(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k, D20, 1000);
  gv_outcome o;
  /* five late: the first three named (max_named 3), the rest counted */
  kt_add(&k, r, 3, 5, "start=2023-03-01 end=2023-03-30 @ev=截图1|截图2 @note=电话核实"); /* 21 used */
  kt_add(&k, r, 4, 5, "start=2023-03-01 end=2023-03-31 @ev=截图2|截图3 @note=电话核实"); /* 22 */
  kt_add(&k, r, 5, 5, "start=2023-03-01 end=2023-04-03 @note=网上核实");                 /* 23 */
  kt_add(&k, r, 6, 5, "start=2023-03-01 end=2023-04-04 @ev=截图4");                      /* 24 */
  kt_add(&k, r, 7, 5, "start=2023-03-01 end=2023-04-06");                                /* 25 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);
  KT_REASON(
      &o, 0, LOSS, "deadline.late",
      "抽查5件，5件超过时限：2023-03-01→2023-03-30（限20个工作日，用时21个工作日）；"
      "2023-03-01→2023-03-31（限20个工作日，用时22个工作日）；2023-03-01→2023-04-03（限20个工作日，用时23个工作日）；"
      "等另2件",
      "3:5 4:5 5:5");
  /* each piece of evidence and each note of the samples named, once */
  KT_REASON_DATA(&o, 0, "截图1|截图2|截图3", "电话核实；网上核实");

  /* max_named 0: counted, none named */
  k.ctx.max_named = 0;
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);
  KT_REASON(&o, 0, LOSS, "deadline.late", "抽查5件，5件超过时限", "");
  k.ctx.max_named = 3;

  /* five due soon (as of 03-24, 3 working days left): three warnings and a count */
  kt_reset(&k);
  kt_as_of(&k, "2023-03-24");
  for (unsigned i = 0; i < 5; i++) kt_add(&k, r, 3 + i, 5, "start=2023-03-01");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 5);
  const char *soon = "即将到期：2023-03-01→未答复（期限2023-03-29）";
  KT_REASON(&o, 0, WARN, "deadline.due_soon", soon, "3:5");
  KT_REASON(&o, 1, WARN, "deadline.due_soon", soon, "4:5");
  KT_REASON(&o, 2, WARN, "deadline.due_soon", soon, "5:5");
  KT_REASON(&o, 3, WARN, "deadline.due_soon", "另有2件即将到期", "");
  KT_REASON(&o, 4, INFO, "deadline.none_judged", "5件均未到期，尚无可评判的样本", "");

  /* four without a start: three warnings and a count */
  const gv_rule *ch = kt_rule(&k, "{kind: deadline, limit: {workdays: 20}, start_by_channel: true}", 1000);
  kt_reset(&k);
  for (unsigned i = 0; i < 4; i++) kt_add(&k, ch, 3 + i, 5, "channel=网络");
  KT_SCORE(&k, ch, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 5);
  KT_REASON(&o, 2, WARN, "deadline.no_start", "obs.yaml第5行：缺少起算日期，未计入", "5:5");
  KT_REASON(&o, 3, WARN, "deadline.not_counted", "另有1件缺少起算日期或类别没有对应的时限，未计入", "");
  KT_REASON(&o, 4, INFO, "deadline.none_judged", "0件均未到期，尚无可评判的样本", "");
  kt_close(&k);
}

static void test_deadline_unjudgeable(void) {
  kt k;
  kt_open(&k, "2026-12-31");
  const gv_rule *r = kt_rule(&k, D20, 1000);
  gv_outcome o;
  /* 20 working days after 2026-12-20 run past the calendar's last year:
     the sample cannot be judged, and scoring leaves it out */
  kt_add(&k, r, 3, 5, "start=2026-12-20");
  gv_buf why = {0};
  CU_ASSERT_EQUAL(gv_acc_check(r, &k.smp[0], &k.ctx, &why), GV_ACC_UNJUDGEABLE);
  CU_ASSERT_TRUE(why.len > 0);
  gv_buf_free(&why);
  /* 11-02 + 20 working days is within 2026: judged, on time */
  kt_add(&k, r, 4, 5, "start=2026-11-02 end=2026-11-30");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 1000, 0, 0);
  CU_ASSERT_EQUAL(o.samples, 1);
  kt_close(&k);
}

/* --- recency ------------------------------------------------------------------------ */

static void test_recency(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k, "{kind: recency, label: 政务新媒体更新, within: {days: 14}}", 200);
  CU_ASSERT_EQUAL(r->kind, GV_RULE_RECENCY);
  CU_ASSERT_STRING_EQUAL(gv_rule_kind_name(r->kind), "recency");
  expect_field(r, "last_update", GV_FT_DATE, 1);
  expect_field(r, "monitored", GV_FT_DATE, 0);
  gv_outcome o;
  kt_add(&k, r, 3, 5, "last_update=2023-11-26 monitored=2023-12-10"); /* 14 days: recent */
  kt_add(&k, r, 4, 5, "last_update=2023-11-25 monitored=2023-12-10"); /* 15: stale */
  kt_add(&k, r, 5, 5, "last_update=2023-12-01");                      /* monitored: the as-of date 12-15, 14 days */
  kt_add(&k, r, 6, 5, "last_update=2023-11-30");                      /* 15 */
  kt_add(&k, r, 7, 5, "last_update=2023-12-10 monitored=2023-12-10"); /* the same day: 0 */
  /* an update after the look is impossible, left out */
  kt_add(&k, r, 8, 5, "last_update=2023-12-11 monitored=2023-12-10");
  expect_impossible(&k, r,
                    "last_update 2023-12-11 is after monitored 2023-12-10 "
                    "(the update it saw cannot come after it looked)");
  /* scoring all: 2 of 5 stale, 0 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);
  CU_ASSERT_EQUAL(o.samples, 5);
  CU_ASSERT_EQUAL(o.judged, 5);
  KT_REASON(&o, 0, LOSS, "recency.stale",
            "5个中2个未在14天内更新：最近更新2023-11-25，监测日2023-12-10，相隔15天；"
            "最近更新2023-11-30，监测日2023-12-15，相隔15天",
            "4:5 6:5");

  /* all recent: the maximum */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "last_update=2023-11-26 monitored=2023-12-10");
  kt_add(&k, r, 5, 5, "last_update=2023-12-01");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 200, 0, 0);

  /* ratio: 2 of 3 recent, 200 × 2/3 = 133.33 → 133 */
  const gv_rule *ratio = kt_rule(&k, "{kind: recency, within: {days: 14}, scoring: ratio}", 200);
  kt_reset(&k);
  kt_add(&k, ratio, 3, 5, "last_update=2023-11-26 monitored=2023-12-10");
  kt_add(&k, ratio, 4, 5, "last_update=2023-11-25 monitored=2023-12-10");
  kt_add(&k, ratio, 5, 5, "last_update=2023-12-01");
  KT_SCORE(&k, ratio, &o);
  KT_OUTCOME(&o, SCORED, 133, 0, 1);
  KT_REASON(&o, 0, LOSS, "recency.stale", "3个中1个未在14天内更新：最近更新2023-11-25，监测日2023-12-10，相隔15天",
            "4:5");

  /* four stale: three named, one counted */
  kt_reset(&k);
  for (unsigned i = 0; i < 4; i++) kt_add(&k, ratio, 3 + i, 5, "last_update=2023-11-25 monitored=2023-12-10");
  KT_SCORE(&k, ratio, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);
  KT_REASON(&o, 0, LOSS, "recency.stale",
            "4个中4个未在14天内更新：最近更新2023-11-25，监测日2023-12-10，相隔15天；"
            "最近更新2023-11-25，监测日2023-12-10，相隔15天；最近更新2023-11-25，监测日2023-12-10，相隔15天；等另1个",
            "3:5 4:5 5:5");
  kt_close(&k);
}

static void test_recency_workdays(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k, "{kind: recency, within: {workdays: 10}}", 200);
  gv_outcome o;
  /* across 中秋国庆: after Tue 09-19 the working days up to Mon 10-09 are
     09-20, 21, 22, 25, 26, 27, 28 (7), Sat 10-07 and Sun 10-08 (adjusted,
     9), 10-09 (10): recent; from Mon 09-18, 11: stale, though 21 days */
  kt_add(&k, r, 3, 5, "last_update=2023-09-19 monitored=2023-10-09");
  kt_add(&k, r, 4, 5, "last_update=2023-09-18 monitored=2023-10-09");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);
  KT_REASON(&o, 0, LOSS, "recency.stale",
            "2个中1个未在10个工作日内更新：最近更新2023-09-18，监测日2023-10-09，相隔11个工作日", "4:5");
  kt_close(&k);
}

/* --- count_per_period ------------------------------------------------------------------ */

static void test_count_quarters(void) {
  kt k;
  kt_open(&k, "2023-12-31");
  const gv_rule *r = kt_rule(&k, "{kind: count_per_period, label: 原创信息, min: 3}", 400);
  CU_ASSERT_EQUAL(r->kind, GV_RULE_COUNT_PER_PERIOD);
  CU_ASSERT_STRING_EQUAL(gv_rule_kind_name(r->kind), "count_per_period");
  expect_field(r, "date", GV_FT_DATE, 0);
  expect_field(r, "count", GV_FT_NUM, 0);
  expect_field(r, "period_start", GV_FT_DATE, 0);
  gv_outcome o;
  /* Q1: exactly 3, on its first and last days */
  kt_add(&k, r, 3, 5, "date=2023-01-01");
  kt_add(&k, r, 4, 5, "date=2023-02-15");
  kt_add(&k, r, 5, 5, "date=2023-03-31");
  /* Q2: 2, one short, on its first and last days */
  kt_add(&k, r, 6, 5, "date=2023-04-01");
  kt_add(&k, r, 7, 5, "date=2023-06-30");
  /* Q3: a tally of 3 */
  kt_add(&k, r, 8, 5, "count=3 period_start=2023-07-01");
  /* Q4: a tally of 2 and one more item on the period's last day */
  kt_add(&k, r, 9, 5, "count=2 period_start=2023-10-01");
  kt_add(&k, r, 10, 5, "date=2023-12-31");
  /* the day before the evaluation period: not counted */
  kt_add(&k, r, 11, 5, "date=2022-12-31");
  /* judged 4, met 3 (Q1, Q3, Q4): 400 × 3/4 = 300 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 300, 0, 2);
  CU_ASSERT_EQUAL(o.judged, 4);
  KT_REASON(&o, 0, INFO, "count_per_period.outside", "1条不在评估期内，未计入", "");
  KT_REASON(&o, 1, LOSS, "count_per_period.short", "每季度应不少于3条，4个季度中1个未达到：2023年第2季度2条", "");

  /* scoring all: one short quarter, 0 */
  const gv_rule *all = kt_rule(&k, "{kind: count_per_period, min: 3, scoring: all}", 400);
  KT_SCORE(&k, all, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 2);

  /* quarters with nothing count as 0: only Q1 met, 400 × 1/4 = 100 */
  kt_reset(&k);
  for (unsigned i = 0; i < 3; i++) kt_add(&k, r, 3 + i, 5, "date=2023-02-01");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 100, 0, 1);
  KT_REASON(&o, 0, LOSS, "count_per_period.short",
            "每季度应不少于3条，4个季度中3个未达到：2023年第2季度0条、2023年第3季度0条、2023年第4季度0条", "");

  /* a tally must start on its period's first day */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "count=3 period_start=2023-04-01");
  expect_impossible(&k, r, NULL);
  kt_add(&k, r, 4, 5, "count=3 period_start=2023-04-02");
  expect_impossible(&k, r,
                    "period_start 2023-04-02 is not the first day of a quarter "
                    "(the quarter it falls in begins 2023-04-01)");
  kt_close(&k);
}

static void test_count_as_of(void) {
  kt k;
  kt_open(&k, "2023-05-15");
  const gv_rule *r = kt_rule(&k, "{kind: count_per_period, min: 3}", 400);
  gv_outcome o;
  /* as of 05-15: Q1 ended and is judged; Q2, current, only once it meets min */
  kt_add(&k, r, 3, 5, "count=3 period_start=2023-01-01");
  kt_add(&k, r, 4, 5, "date=2023-04-01");
  kt_add(&k, r, 5, 5, "date=2023-05-15");
  /* Q2 has 2: left out; judged 1, met 1: 400 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 400, 0, 0);
  CU_ASSERT_EQUAL(o.judged, 1);
  /* a third in Q2: judged 2, met 2 */
  kt_add(&k, r, 6, 5, "date=2023-05-15");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 400, 0, 0);
  CU_ASSERT_EQUAL(o.judged, 2);

  /* as of 03-31 Q1 has ended: 2 of 3, judged, 0 */
  kt_reset(&k);
  kt_as_of(&k, "2023-03-31");
  kt_add(&k, r, 3, 5, "date=2023-01-05");
  kt_add(&k, r, 4, 5, "date=2023-03-30");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);
  KT_REASON(&o, 0, LOSS, "count_per_period.short", "每季度应不少于3条，1个季度中1个未达到：2023年第1季度2条", "");
  /* as of 03-30 it has not: nothing judged yet */
  kt_as_of(&k, "2023-03-30");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 1);
  CU_ASSERT_EQUAL(o.judged, 0);
  KT_REASON(&o, 0, INFO, "count_per_period.no_period", "评估期内尚无已结束的周期", "");

  /* as of a day before the evaluation period: no period at all */
  kt_reset(&k);
  kt_as_of(&k, "2022-12-31");
  kt_add(&k, r, 3, 5, "date=2022-12-01");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 1);
  KT_REASON(&o, 0, INFO, "count_per_period.no_period", "评估期内尚无可评判的周期", "");

  /* an evaluation period from 02-15: 02-14 is outside, though in Q1 */
  kt_reset(&k);
  kt_as_of(&k, "2023-12-31");
  k.ctx.period_start = kt_day("2023-02-15");
  kt_add(&k, r, 3, 5, "date=2023-02-14");
  kt_add(&k, r, 4, 5, "date=2023-02-15");
  kt_add(&k, r, 5, 5, "date=2023-03-01");
  kt_add(&k, r, 6, 5, "date=2023-03-31");
  /* Q1 met with 3, Q2-Q4 0: 400 × 1/4 = 100 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 100, 0, 2);
  KT_REASON(&o, 0, INFO, "count_per_period.outside", "1条不在评估期内，未计入", "");
  kt_close(&k);
}

static void test_count_months(void) {
  kt k;
  kt_open(&k, "2023-03-31");
  const gv_rule *r = kt_rule(&k, "{kind: count_per_period, min: 1, period: month}", 400);
  gv_outcome o;
  kt_add(&k, r, 3, 5, "date=2023-01-31");
  kt_add(&k, r, 4, 5, "count=1 period_start=2023-03-01");
  /* Jan 1, Feb 0, Mar 1 (ended 03-31): 400 × 2/3 = 266.67 → 267 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 267, 0, 1);
  CU_ASSERT_EQUAL(o.judged, 3);
  KT_REASON(&o, 0, LOSS, "count_per_period.short", "每月应不少于1条，3个月中1个未达到：2023年2月0条", "");
  /* a month's tally starts on the 1st of any month */
  kt_add(&k, r, 5, 5, "count=1 period_start=2023-02-01");
  expect_impossible(&k, r, NULL);
  kt_add(&k, r, 6, 5, "count=1 period_start=2023-02-28");
  expect_impossible(&k, r,
                    "period_start 2023-02-28 is not the first day of a month "
                    "(the month it falls in begins 2023-02-01)");
  kt_close(&k);
}

/* --- sample_ratio -------------------------------------------------------------------- */

static void test_sample_ratio(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k, "{kind: sample_ratio, label: 网站搜索}", 100);
  CU_ASSERT_EQUAL(r->kind, GV_RULE_SAMPLE_RATIO);
  CU_ASSERT_STRING_EQUAL(gv_rule_kind_name(r->kind), "sample_ratio");
  expect_field(r, "found", GV_FT_BOOL, 1);
  gv_outcome o;
  /* 1 of 8 found: 100 / 8 = 12.5 → 13 (halves away from zero) */
  kt_add(&k, r, 3, 5, "found=true");
  for (unsigned i = 1; i < 8; i++) kt_add(&k, r, 3 + i, 5, "found=false");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 13, 0, 1);
  CU_ASSERT_EQUAL(o.judged, 8);
  /* the failing ones by their place among the cell's samples */
  KT_REASON(&o, 0, LOSS, "sample_ratio.failed", "测试8个，7个未通过：第2个；第3个；第4个；等另4个", "4:5 5:5 6:5");

  /* 7 of 8: 87.5 → 88 */
  kt_reset(&k);
  for (unsigned i = 0; i < 7; i++) kt_add(&k, r, 3 + i, 5, "found=true");
  kt_add(&k, r, 10, 5, "found=false");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 88, 0, 1);
  KT_REASON(&o, 0, LOSS, "sample_ratio.failed", "测试8个，1个未通过：第8个", "10:5");

  /* 3 of 8 (the 2nd, 5th and 8th): 37.5 → 38; the first three failing of 5
     named (the 1st, 3rd and 4th), 2 more counted */
  kt_reset(&k);
  for (unsigned i = 0; i < 8; i++) kt_add(&k, r, 3 + i, 5, i % 3 == 1 ? "found=true" : "found=false");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 38, 0, 1);
  KT_REASON(&o, 0, LOSS, "sample_ratio.failed", "测试8个，5个未通过：第1个；第3个；第4个；等另2个", "3:5 5:5 6:5");

  /* a point of 0.01, 1 of 2: half a hundredth, rounded up to 1 */
  const gv_rule *tiny = kt_rule(&k, "{kind: sample_ratio}", 1);
  kt_reset(&k);
  kt_add(&k, tiny, 3, 5, "found=true");
  kt_add(&k, tiny, 4, 5, "found=false");
  KT_SCORE(&k, tiny, &o);
  KT_OUTCOME(&o, SCORED, 1, 0, 1);
  KT_REASON(&o, 0, LOSS, "sample_ratio.failed", "测试2个，1个未通过：第2个", "4:5");

  /* all found */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "found=true");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 100, 0, 0);
  kt_close(&k);
}

static void test_sample_ratio_expected(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k, "{kind: sample_ratio, expected: 4}", 100);
  gv_outcome o;
  /* 3 tested of 4 expected, all found: over 4, 75 */
  for (unsigned i = 0; i < 3; i++) kt_add(&k, r, 3 + i, 5, "found=true");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 75, 0, 1);
  KT_REASON(&o, 0, LOSS, "sample_ratio.too_few", "只测试了3个样本，应测4个", "");
  /* and one of them failing: 2 of 4, 50 */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "found=true");
  kt_add(&k, r, 4, 5, "found=false");
  kt_add(&k, r, 5, 5, "found=true");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 50, 0, 2);
  KT_REASON(&o, 0, LOSS, "sample_ratio.too_few", "只测试了3个样本，应测4个", "");
  KT_REASON(&o, 1, LOSS, "sample_ratio.failed", "测试3个，1个未通过：第2个", "4:5");
  /* exactly 4: no complaint, 3 of 4 = 75 */
  kt_add(&k, r, 6, 5, "found=true");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 75, 0, 1);
  KT_REASON(&o, 0, LOSS, "sample_ratio.failed", "测试4个，1个未通过：第2个", "4:5");
  /* 5, more than expected: over 5, 4 of 5 = 80 */
  kt_add(&k, r, 7, 5, "found=true");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 80, 0, 1);
  KT_REASON(&o, 0, LOSS, "sample_ratio.failed", "测试5个，1个未通过：第2个", "4:5");
  kt_close(&k);
}

/* --- deduction ----------------------------------------------------------------------- */

static void test_deduction(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k, "{kind: deduction, label: 严重表述错误, per: 0.5, floor: 1}", 300);
  CU_ASSERT_EQUAL(r->kind, GV_RULE_DEDUCTION);
  CU_ASSERT_STRING_EQUAL(gv_rule_kind_name(r->kind), "deduction");
  expect_field(r, "count", GV_FT_NUM, 0);
  gv_outcome o;
  /* count 0: none found, the maximum, no reason */
  kt_add(&k, r, 3, 5, "count=0");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 300, 0, 0);
  CU_ASSERT_EQUAL(o.samples, 1);
  /* one occurrence: 3.00 - 0.50 = 2.50; the tally of 0 is not named */
  kt_add(&k, r, 4, 5, "@ev=首页截图");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 250, 0, 1);
  KT_REASON(&o, 0, LOSS, "deduction.occurrences", "发现1次，每次扣0.50分", "4:5");
  KT_REASON_DATA(&o, 0, "首页截图", NULL);
  /* a tally of 2 more: 3 in all, 3.00 - 1.50 = 1.50 */
  kt_add(&k, r, 5, 5, "count=2");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 150, 0, 1);
  KT_REASON(&o, 0, LOSS, "deduction.occurrences", "发现3次，每次扣0.50分", "4:5 5:5");
  /* 4: 3.00 - 2.00 = 1.00, the floor exactly */
  kt_add(&k, r, 6, 5, "");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 100, 0, 1);
  KT_REASON(&o, 0, LOSS, "deduction.occurrences", "发现4次，每次扣0.50分", "4:5 5:5 6:5");
  /* 5: 0.50, below the floor: 1.00; the first three occurrences named */
  kt_add(&k, r, 7, 5, "");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 100, 0, 1);
  KT_REASON(&o, 0, LOSS, "deduction.occurrences", "发现5次，每次扣0.50分", "4:5 5:5 6:5");

  /* no floor: never below 0; 2.00 - 3 × 1.00 = -1.00 → 0 */
  const gv_rule *r0 = kt_rule(&k, "{kind: deduction, per: 1}", 200);
  kt_reset(&k);
  kt_add(&k, r0, 3, 5, "count=3");
  KT_SCORE(&k, r0, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);
  KT_REASON(&o, 0, LOSS, "deduction.occurrences", "发现3次，每次扣1.00分", "3:5");
  /* a floor above the maximum is refused */
  CU_ASSERT_TRUE(kt_refused(&k, "{kind: deduction, per: 1, floor: 2.01}", 200));
  kt_close(&k);
}

/* --- veto --------------------------------------------------------------------------- */

static void test_veto(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k, "{kind: veto, label: 发生泄密事件, target: unit}", 100);
  CU_ASSERT_EQUAL(r->kind, GV_RULE_VETO);
  CU_ASSERT_STRING_EQUAL(gv_rule_kind_name(r->kind), "veto");
  expect_field(r, "triggered", GV_FT_BOOL, 1);
  gv_outcome o;
  /* not triggered: the point's maximum, no veto */
  kt_add(&k, r, 3, 5, "triggered=false");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 100, 0, 0);
  /* triggered twice: vetoed, the first trigger named */
  kt_add(&k, r, 4, 5, "triggered=true @ev=通报文件");
  kt_add(&k, r, 5, 5, "triggered=true");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 0, 1, 1);
  KT_REASON(&o, 0, LOSS, "veto.triggered", "一票否决：发生泄密事件，该单位总分计0分", "4:5");
  KT_REASON_DATA(&o, 0, "通报文件", NULL);

  /* an indicator as the target */
  const gv_rule *ind = kt_rule(&k, "{kind: veto, label: 发生泄密事件, target: \"2\"}", 100);
  kt_reset(&k);
  kt_add(&k, ind, 3, 5, "triggered=true");
  KT_SCORE(&k, ind, &o);
  KT_OUTCOME(&o, SCORED, 0, 1, 1);
  KT_REASON(&o, 0, LOSS, "veto.triggered", "一票否决：发生泄密事件，指标2计0分", "3:5");
  kt_close(&k);
}

/* --- manual ------------------------------------------------------------------------- */

static void test_manual(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k, "{kind: manual, label: 材料报送}", 500);
  CU_ASSERT_EQUAL(r->kind, GV_RULE_MANUAL);
  CU_ASSERT_STRING_EQUAL(gv_rule_kind_name(r->kind), "manual");
  expect_field(r, "score", GV_FT_NUM, 1);
  expect_field(r, "reason", GV_FT_STR, 0);
  gv_outcome o;
  /* no score given: not evaluated */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 0);
  /* two decimals, kept exactly */
  kt_add(&k, r, 3, 5, "score=4.75");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 475, 0, 1);
  KT_REASON(&o, 0, LOSS, "manual.below_max", "评估人员给分4.75（满分5.00）", "3:5");
  /* with the evaluator's words */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "score=4.75 reason=迟报一次");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 475, 0, 1);
  KT_REASON(&o, 0, LOSS, "manual.below_max", "评估人员给分4.75（满分5.00）：迟报一次", "3:5");
  /* decimals whose double lies just below the hundredth (0.29 is
     0.28999…, 1.15 is 1.149999…, 4.35 is 4.3499…): the hundredth written */
  const char *specs[] = {"score=0.29", "score=1.15", "score=4.35"};
  const int64_t want[] = {29, 115, 435};
  const char *texts[] = {"评估人员给分0.29（满分5.00）", "评估人员给分1.15（满分5.00）",
                         "评估人员给分4.35（满分5.00）"};
  for (size_t i = 0; i < 3; i++) {
    kt_reset(&k);
    kt_add(&k, r, 3, 5, specs[i]);
    KT_SCORE(&k, r, &o);
    KT_OUTCOME(&o, SCORED, want[i], 0, 1);
    KT_REASON(&o, 0, LOSS, "manual.below_max", texts[i], "3:5");
  }
  /* 0 and the maximum */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "score=0");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);
  KT_REASON(&o, 0, LOSS, "manual.below_max", "评估人员给分0.00（满分5.00）", "3:5");
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "score=5 reason=无");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 500, 0, 0);

  /* the latest observation counts: line 3 (06-01) over line 8 (05-01) */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "score=3 reason=迟报 @observed=2023-06-01");
  kt_add(&k, r, 8, 5, "score=5 @observed=2023-05-01");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 300, 0, 2);
  KT_REASON(&o, 0, INFO, "observation.superseded", "共2个观察，以2023-06-01的最新观察为准", "");
  KT_REASON(&o, 1, LOSS, "manual.below_max", "评估人员给分3.00（满分5.00）：迟报", "3:5");
  /* and a later full score clears the earlier one's reason */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "score=3 reason=迟报 @observed=2023-05-01");
  kt_add(&k, r, 8, 5, "score=5 @observed=2023-06-01");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 500, 0, 1);
  KT_REASON(&o, 0, INFO, "observation.superseded", "共2个观察，以2023-06-01的最新观察为准", "");

  /* a point without a rule is scored by hand the same way */
  const gv_rule *dm = gv_rule_default_manual(&k.arena, 500);
  CU_ASSERT_PTR_NOT_NULL_FATAL(dm);
  CU_ASSERT_EQUAL(dm->kind, GV_RULE_MANUAL);
  CU_ASSERT_EQUAL(dm->max, 500);
  expect_field(dm, "score", GV_FT_NUM, 1);
  expect_field(dm, "reason", GV_FT_STR, 0);
  kt_reset(&k);
  kt_add(&k, dm, 3, 5, "score=2.5");
  KT_SCORE(&k, dm, &o);
  KT_OUTCOME(&o, SCORED, 250, 0, 1);
  KT_REASON(&o, 0, LOSS, "manual.below_max", "评估人员给分2.50（满分5.00）", "3:5");
  kt_close(&k);
}

/* --- expression --------------------------------------------------------------------- */

static void test_expression(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  const gv_rule *r = kt_rule(&k,
                             "kind: expression\n"
                             "label: 五日答复\n"
                             "fields: {received: date, replied: date}\n"
                             "score: \"max_score * count(working_days(received, replied) <= 5) / max(n, 1)\"\n"
                             "reason: 五个工作日内答复\n",
                             1000);
  CU_ASSERT_EQUAL(r->kind, GV_RULE_EXPRESSION);
  CU_ASSERT_STRING_EQUAL(gv_rule_kind_name(r->kind), "expression");
  expect_field(r, "received", GV_FT_DATE, 0);
  expect_field(r, "replied", GV_FT_DATE, 0);
  gv_outcome o;
  /* no sample: not evaluated */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, NOT_EVAL, 0, 0, 0);
  /* after Thu 04-27: 04-28 (1), 04-29…05-03 off, 05-04 (2), 05-05 (3),
     Sat 05-06 worked (4): within 5 */
  kt_add(&k, r, 3, 5, "received=2023-04-27 replied=2023-05-06");
  /* 03-01 → 03-09: 6, not within; 03-01 → 03-08: 5, within */
  kt_add(&k, r, 4, 5, "received=2023-03-01 replied=2023-03-09");
  kt_add(&k, r, 5, 5, "received=2023-03-01 replied=2023-03-08");
  /* 10 × 2/3 = 6.6667 → 6.67; the reason names the samples it read */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 667, 0, 1);
  CU_ASSERT_EQUAL(o.judged, 3);
  KT_REASON(&o, 0, LOSS, "expression.below_max", "未达到要求：五个工作日内答复（得6.67分，满分10.00分）",
            "3:5 4:5 5:5");
  /* a fourth within: 10 × 3/4 = 7.50; still the first three named */
  kt_add(&k, r, 6, 5, "received=2023-03-01 replied=2023-03-02");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 750, 0, 1);
  KT_REASON(&o, 0, LOSS, "expression.below_max", "未达到要求：五个工作日内答复（得7.50分，满分10.00分）",
            "3:5 4:5 5:5");

  /* a boolean: the maximum or 0; without `reason`, the label */
  const gv_rule *b = kt_rule(&k, "{kind: expression, label: 全部公开, fields: {ok: boolean}, score: all(ok)}", 200);
  kt_reset(&k);
  kt_add(&k, b, 3, 5, "ok=true");
  kt_add(&k, b, 4, 5, "ok=true");
  KT_SCORE(&k, b, &o);
  KT_OUTCOME(&o, SCORED, 200, 0, 0);
  kt_add(&k, b, 5, 5, "ok=false");
  KT_SCORE(&k, b, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);
  KT_REASON(&o, 0, LOSS, "expression.below_max", "未达到要求：全部公开（得0.00分，满分2.00分）", "3:5 4:5 5:5");

  /* a number above the maximum is clamped to it; one below 0 to 0 */
  const gv_rule *big = kt_rule(&k, "{kind: expression, label: 合计, fields: {x: number}, score: \"sum(x)\"}", 200);
  kt_reset(&k);
  kt_add(&k, big, 3, 5, "x=2.5");
  KT_SCORE(&k, big, &o);
  KT_OUTCOME(&o, SCORED, 200, 0, 0);
  kt_reset(&k);
  kt_add(&k, big, 3, 5, "x=-1");
  KT_SCORE(&k, big, &o);
  KT_OUTCOME(&o, SCORED, 0, 0, 1);
  KT_REASON(&o, 0, LOSS, "expression.below_max", "未达到要求：合计（得0.00分，满分2.00分）", "3:5");
  kt_close(&k);
}

static void test_expression_errors(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  gv_outcome o;
  /* division by zero: the cell fails, 0, GV_OUT_ERROR with the message and
     its place in the rule (line 3, the '/' at column 19: the string opens
     at column 8, its text at 9, and '/' is its 11th character) */
  const gv_rule *r = kt_rule(&k,
                             "kind: expression\n"
                             "fields: {x: number}\n"
                             "score: \"max_score / (n - n)\"\n",
                             1000);
  kt_add(&k, r, 3, 5, "x=1");
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, GV_OUT_ERROR, 0, 0, 1);
  CU_ASSERT_EQUAL(o.error_code, GOVOPEN_EINVALID);
  KT_REASON(&o, 0, LOSS, "expression.error", "表达式无法求值：line 3, column 19: division by zero", "3:5");

  /* a null where a number is needed, in the 2nd sample of 2: the '>' at
     column 17 (text from 9, 'count(x > 0)': '>' is its 9th character) */
  const gv_rule *nul = kt_rule(&k,
                               "kind: expression\n"
                               "fields: {x: number}\n"
                               "score: \"count(x > 0)\"\n",
                               1000);
  kt_reset(&k);
  kt_add(&k, nul, 3, 5, "x=1");
  kt_add(&k, nul, 4, 5, "");
  KT_SCORE(&k, nul, &o);
  KT_OUTCOME(&o, GV_OUT_ERROR, 0, 0, 1);
  CU_ASSERT_EQUAL(o.error_code, GOVOPEN_EINVALID);
  KT_REASON(&o, 0, LOSS, "expression.error",
            "表达式无法求值：line 3, column 17: 'x' is null in the comparison '>'; "
            "test it first with has(x) (sample 2 of 2)",
            "3:5 4:5");

  /* the step limit: one step evaluates the root, the second (max_score, at
     column 9) is one too many */
  kt_reset(&k);
  kt_add(&k, r, 3, 5, "x=1");
  k.ctx.max_steps = 1;
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, GV_OUT_ERROR, 0, 0, 1);
  CU_ASSERT_EQUAL(o.error_code, GOVOPEN_ELIMIT);
  KT_REASON(&o, 0, LOSS, "expression.error",
            "表达式无法求值：line 3, column 9: the evaluation took more than 1 steps (the limit)", "3:5");
  kt_close(&k);
}

/* An expression's number becomes hundredths by the one rounding rule of
   lib/util/cents.h (a double within binary noise of a half counts as the
   half): 1.005 is stored as 1.00499999999999989…, so x × 100 is
   100.49999999999999, and the score is 1.01, as the language's own
   round(1.005, 2) gives (docs/expressions.md: "the decimal that was
   written"). Before issue 15 it came out 1.00 (floor(x × 100 + 0.5)). */
static void test_expression_rounding(void) {
  kt k;
  kt_open(&k, "2023-12-15");
  gv_outcome o;
  const gv_rule *r = kt_rule(&k, "{kind: expression, label: 半分, fields: {x: number}, score: \"1.005\"}", 1000);
  kt_add(&k, r, 3, 5, "x=1");
  /* 1.005 → 1.01 */
  KT_SCORE(&k, r, &o);
  KT_OUTCOME(&o, SCORED, 101, 0, 1);
  KT_REASON(&o, 0, LOSS, "expression.below_max", "未达到要求：半分（得1.01分，满分10.00分）", "3:5");
  /* as the language rounds it itself: round(1.005, 2) = 1.01 */
  const gv_rule *rr =
      kt_rule(&k, "{kind: expression, label: 半分, fields: {x: number}, score: \"round(1.005, 2)\"}", 1000);
  KT_SCORE(&k, rr, &o);
  KT_OUTCOME(&o, SCORED, 101, 0, 1);
  /* 0.285 (28.499999999999996 hundredths) → 0.29 */
  const gv_rule *r2 = kt_rule(&k, "{kind: expression, label: 半分, fields: {x: number}, score: \"0.285\"}", 1000);
  KT_SCORE(&k, r2, &o);
  KT_OUTCOME(&o, SCORED, 29, 0, 1);
  kt_close(&k);
}

static const test_case cases[] = {
    {"boolean", test_boolean},
    {"boolean: the latest observation", test_boolean_latest},
    {"checklist: fraction", test_checklist_fraction},
    {"checklist: halves of a hundredth", test_checklist_rounding},
    {"checklist: per-item and all", test_checklist_per_item_and_all},
    {"deadline: working days, 劳动节 and 调休", test_deadline_workdays},
    {"deadline: pending, due soon, unanswered", test_deadline_open},
    {"deadline: pauses", test_deadline_pauses},
    {"deadline: extensions", test_deadline_extension},
    {"deadline: days, 国庆 and 调休", test_deadline_days},
    {"deadline: hours", test_deadline_hours},
    {"deadline: due dates and due_soon", test_deadline_due},
    {"deadline: several limits", test_deadline_limits},
    {"deadline: tiers", test_deadline_tiers},
    {"deadline: channels and restarts", test_deadline_channels},
    {"deadline: scoring all and deduct", test_deadline_scoring},
    {"deadline: samples named and counted", test_deadline_named},
    {"deadline: outside the calendar", test_deadline_unjudgeable},
    {"recency: days", test_recency},
    {"recency: working days", test_recency_workdays},
    {"count_per_period: quarters", test_count_quarters},
    {"count_per_period: the as-of date and the period", test_count_as_of},
    {"count_per_period: months", test_count_months},
    {"sample_ratio", test_sample_ratio},
    {"sample_ratio: expected", test_sample_ratio_expected},
    {"deduction", test_deduction},
    {"veto", test_veto},
    {"manual", test_manual},
    {"expression", test_expression},
    {"expression: run-time errors", test_expression_errors},
    {"expression: a half hundredth", test_expression_rounding},
    {NULL, NULL},
};
GV_TEST_SUITE(h15_kinds, cases);
