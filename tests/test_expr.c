/* The expression language (lib/rules/expr.c): values, operators, functions,
 * aggregates, nulls, dates, compile errors with positions, run-time errors,
 * limits, and a deterministic fuzz run. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/expr.h"
#include "testutil.h"

/* ---- the environment and the samples -------------------------------------------- */

static const gv_expr_decl env_globals[] = {{"max_score", GV_V_NUM}, {"as_of", GV_V_DATE}, {"n", GV_V_NUM},
                                           {"flag", GV_V_BOOL},     {"name", GV_V_STR},   {"missing", GV_V_NUM},
                                           {"满分", GV_V_NUM}};
static const gv_expr_decl env_fields[] = {
    {"published", GV_V_DATE}, {"pages", GV_V_NUM}, {"ok", GV_V_BOOL}, {"title", GV_V_STR}};
static const gv_expr_env env = {env_globals, 7, env_fields, 4};

typedef struct sample {
  const char *published; /* NULL: absent */
  int has_pages;
  double pages;
  int ok;            /* -1: absent */
  const char *title; /* NULL: absent */
} sample;

typedef struct fixture {
  const sample *s;
  size_t n;
  int fail_field; /* the field callback fails for this field index + 1 */
  int wrong_type; /* pages comes back as a string */
  int no_calendar;
  size_t calls; /* field callback calls */
} fixture;

static const sample four[] = {{"2023-05-01", 1, 10, 1, "年报"},
                              {"2023-05-10", 0, 0, 0, "公告"},
                              {NULL, 1, 5, 1, "通知"},
                              {"2023-04-20", 1, 3, 1, NULL}};

static fixture fx_four = {four, 4, 0, 0, 0, 0};
static fixture fx_none = {NULL, 0, 0, 0, 0, 0};
static fixture *cur = &fx_four;

static int field_cb(void *payload, size_t i, size_t f, gv_value *out) {
  fixture *fx = payload;
  fx->calls++;
  if (fx->fail_field && (size_t)fx->fail_field == f + 1) return GOVOPEN_EIO;
  const sample *s = &fx->s[i];
  out->type = GV_V_NULL;
  switch (f) {
    case 0:
      if (s->published) {
        out->type = GV_V_DATE;
        CU_ASSERT_EQUAL(gv_expr_parse_date(s->published, strlen(s->published), &out->u.date), 0);
      }
      break;
    case 1:
      if (fx->wrong_type) {
        out->type = GV_V_STR;
        out->u.str.s = "ten";
        out->u.str.len = 3;
      } else if (s->has_pages) {
        out->type = GV_V_NUM;
        out->u.num = s->pages;
      }
      break;
    case 2:
      if (s->ok >= 0) {
        out->type = GV_V_BOOL;
        out->u.b = s->ok;
      }
      break;
    default:
      if (s->title) {
        out->type = GV_V_STR;
        out->u.str.s = s->title;
        out->u.str.len = strlen(s->title);
      }
      break;
  }
  return 0;
}

static int year_of(int32_t d) {
  char buf[16];
  gv_expr_format_date(d, buf);
  return atoi(buf);
}

/* Monday to Friday, in the years 2020-2030: the working days after `from` up to `to`, signed. */
static int workdays_cb(void *payload, int32_t from, int32_t to, double *out, gv_buf *err) {
  (void)payload;
  if (year_of(from) < 2020 || year_of(from) > 2030 || year_of(to) < 2020 || year_of(to) > 2030) {
    gv_buf_puts(err, "the calendar covers 2020 to 2030 only");
    return GOVOPEN_ERANGE;
  }
  int32_t a = from < to ? from : to, b = from < to ? to : from;
  double k = 0;
  for (int32_t d = a + 1; d <= b; d++) {
    int wd = (int)(((d % 7) + 7 + 4) % 7); /* 0 Sunday; 1970-01-01 was a Thursday */
    if (wd != 0 && wd != 6) k++;
  }
  *out = from <= to ? k : -k;
  return 0;
}

static gv_value globals[7];

static void set_globals(void) {
  memset(globals, 0, sizeof globals);
  globals[0].type = GV_V_NUM;
  globals[0].u.num = 5;
  globals[1].type = GV_V_DATE;
  gv_expr_parse_date("2023-05-04", 10, &globals[1].u.date);
  globals[2].type = GV_V_NUM;
  globals[2].u.num = 4;
  globals[3].type = GV_V_BOOL;
  globals[3].u.b = 1;
  globals[4].type = GV_V_STR;
  globals[4].u.str.s = "岚皋";
  globals[4].u.str.len = strlen("岚皋");
  globals[5].type = GV_V_NULL;
  globals[6].type = GV_V_NUM;
  globals[6].u.num = 10;
}

/* ---- helpers -------------------------------------------------------------------- */

typedef struct run_result {
  int compiled, rc;
  gv_value v;
  gv_vtype type;
  char msg[512];
  char str[256]; /* a string result, copied before the arena goes */
} run_result;

static run_result run(const char *text) {
  run_result r;
  memset(&r, 0, sizeof r);
  gv_arena a = {0};
  gv_diags d = {0};
  set_globals();
  gv_expr *e = NULL;
  int e_rc = gv_expr_compile(&a, text, strlen(text), &env, NULL, &d, "test", "score", &e);
  CU_ASSERT_EQUAL(e_rc == GOVOPEN_OK, e != NULL);
  if (e == NULL) {
    snprintf(r.msg, sizeof r.msg, "compile: %s (%u:%u)", d.head ? govopen_error_message(d.head) : "?",
             d.head ? d.head->line : 0, d.head ? d.head->column : 0);
  } else {
    r.compiled = 1;
    r.type = gv_expr_type(e);
    gv_expr_ctx ctx = {globals, 7, cur->n, field_cb, cur->no_calendar ? NULL : workdays_cb, cur, 0};
    gv_buf err = {0};
    r.rc = gv_expr_eval(e, &ctx, &r.v, &err);
    snprintf(r.msg, sizeof r.msg, "%s", gv_buf_str(&err));
    if (r.rc == 0 && r.v.type == GV_V_STR) {
      snprintf(r.str, sizeof r.str, "%.*s", (int)r.v.u.str.len, r.v.u.str.s);
      r.v.u.str.s = r.str;
    }
    gv_buf_free(&err);
  }
  gv_diags_free(&d);
  gv_arena_free(&a);
  return r;
}

static int ok_of(const run_result *r, const char *text) {
  if (!r->compiled || r->rc != 0) {
    fprintf(stderr, "\n  [%s]: %s\n", text, r->msg);
    return 0;
  }
  return 1;
}

static int num_is(const char *text, double want) {
  run_result r = run(text);
  if (!ok_of(&r, text)) return 0;
  if (r.v.type != GV_V_NUM || r.v.u.num != want || r.type != GV_V_NUM) {
    fprintf(stderr, "\n  [%s]: got type %s value %.17g, want %.17g\n", text, gv_vtype_name(r.v.type), r.v.u.num, want);
    return 0;
  }
  return 1;
}

static int bool_is(const char *text, int want) {
  run_result r = run(text);
  if (!ok_of(&r, text)) return 0;
  if (r.v.type != GV_V_BOOL || r.v.u.b != want || r.type != GV_V_BOOL) {
    fprintf(stderr, "\n  [%s]: got type %s value %d\n", text, gv_vtype_name(r.v.type), r.v.u.b);
    return 0;
  }
  return 1;
}

static int null_is(const char *text, gv_vtype static_type) {
  run_result r = run(text);
  if (!ok_of(&r, text)) return 0;
  if (r.v.type != GV_V_NULL || r.type != static_type) {
    fprintf(stderr, "\n  [%s]: got type %s (static %s)\n", text, gv_vtype_name(r.v.type), gv_vtype_name(r.type));
    return 0;
  }
  return 1;
}

static int date_is(const char *text, const char *want) {
  run_result r = run(text);
  if (!ok_of(&r, text)) return 0;
  char buf[16] = "";
  if (r.v.type == GV_V_DATE) gv_expr_format_date(r.v.u.date, buf);
  if (r.v.type != GV_V_DATE || strcmp(buf, want) != 0 || r.type != GV_V_DATE) {
    fprintf(stderr, "\n  [%s]: got type %s value %s\n", text, gv_vtype_name(r.v.type), buf);
    return 0;
  }
  return 1;
}

static int str_is(const char *text, const char *want) {
  run_result r = run(text);
  if (!ok_of(&r, text)) return 0;
  if (r.v.type != GV_V_STR || strcmp(r.str, want) != 0 || r.type != GV_V_STR) {
    fprintf(stderr, "\n  [%s]: got type %s value '%s'\n", text, gv_vtype_name(r.v.type), r.str);
    return 0;
  }
  return 1;
}

/* A run-time error with exactly this message and status. */
static int rt_error_is(const char *text, int status, const char *want) {
  run_result r = run(text);
  if (!r.compiled) {
    fprintf(stderr, "\n  [%s]: %s\n", text, r.msg);
    return 0;
  }
  if (r.rc != status || strcmp(r.msg, want) != 0 || r.v.type != GV_V_NULL) {
    fprintf(stderr, "\n  [%s]: rc %d, message\n    got:  %s\n    want: %s\n", text, r.rc, r.msg, want);
    return 0;
  }
  return 1;
}

/* The first compile error: exactly this position, code and message; every
   diagnostic carries a position, source and path. */
static int compile_error_at(const char *text, size_t len, const gv_expr_pos *pos, unsigned line, unsigned col, int code,
                            const char *want) {
  gv_arena a = {0};
  gv_diags d = {0};
  gv_expr *e = NULL;
  int e_rc = gv_expr_compile(&a, text, len, &env, pos, &d, "rules.yaml", "points[0].rule.score", &e);
  CU_ASSERT_EQUAL(e_rc == GOVOPEN_OK, e != NULL);
  int good = e == NULL && d.head != NULL && e_rc == code; /* the status is the first error's code */
  if (good) {
    const govopen_error *x = d.head;
    good = x->line == line && x->column == col && x->code == code && strcmp(x->message, want) == 0;
    for (const govopen_error *y = d.head; y; y = y->next)
      good = good && y->line > 0 && y->column > 0 && strcmp(y->source, "rules.yaml") == 0 &&
             strcmp(y->path, "points[0].rule.score") == 0;
    if (!good)
      fprintf(stderr, "\n  [%.60s]: got %u:%u code %d '%s'\n    want %u:%u code %d '%s'\n", text, x->line, x->column,
              x->code, x->message, line, col, code, want);
  } else {
    fprintf(stderr, "\n  [%.60s]: compiled, or no diagnostic\n", text);
  }
  gv_diags_free(&d);
  gv_arena_free(&a);
  return good;
}

#define ERR_AT(text, line, col, msg) \
  CU_ASSERT(compile_error_at(text, strlen(text), NULL, line, col, GOVOPEN_ESCHEMA, msg))
#define ERR_POS(text, pos, line, col, msg) \
  CU_ASSERT(compile_error_at(text, strlen(text), pos, line, col, GOVOPEN_ESCHEMA, msg))

/* ---- tests ---------------------------------------------------------------------- */

static void test_precedence(void) {
  cur = &fx_four;
  CU_ASSERT(num_is("1 + 2 * 3", 7));
  CU_ASSERT(num_is("(1 + 2) * 3", 9));
  CU_ASSERT(num_is("10 - 4 - 3", 3));
  CU_ASSERT(num_is("2 * 3 % 4", 2));
  CU_ASSERT(num_is("24 / 4 / 2", 3));
  CU_ASSERT(num_is("-2 * 3", -6));
  CU_ASSERT(num_is("- - 2", 2));
  CU_ASSERT(num_is("2 - -3", 5));
  CU_ASSERT(num_is("7 % 3", 1));
  CU_ASSERT(num_is("-7 % 3", -1));
  CU_ASSERT(num_is("7.5 % 2", 1.5));
  CU_ASSERT(num_is("1.5 + 1.25", 2.75));
  CU_ASSERT(num_is("10 / 4", 2.5));
  CU_ASSERT(num_is("1e3 + 2E-1", 1000.2));
  CU_ASSERT(num_is("0.1 + 0.2", 0.1 + 0.2));
  CU_ASSERT(num_is("007", 7));
  CU_ASSERT(num_is("  12  # a comment\n", 12));
  CU_ASSERT(num_is("max_score * 2 + n", 14));
  CU_ASSERT(num_is("满分 / 2", 5));
  CU_ASSERT(bool_is("1 < 2 and 2 < 3", 1));
  CU_ASSERT(bool_is("not 1 > 2", 1));
  CU_ASSERT(bool_is("true or false and false", 1));
  CU_ASSERT(bool_is("(true or false) and false", 0));
  CU_ASSERT(bool_is("not true == false", 1));
  CU_ASSERT(bool_is("not not flag", 1));
  CU_ASSERT(bool_is("1 + 1 == 2 and 3 * 2 >= 6", 1));
  CU_ASSERT(num_is("if 1 > 2 then 10 else 20", 20));
  CU_ASSERT(num_is("if false then 1 else if true then 2 else 3", 2));
  CU_ASSERT(num_is("1 + if true then 1 else 2 * 10", 2));
  CU_ASSERT(num_is("1 + (if false then 1 else 2) * 10", 21));
  CU_ASSERT(num_is("-0 * 1", 0)); /* not "-0" */
  run_result r = run("-0 * 1");
  CU_ASSERT_FALSE(signbit(r.v.u.num));
}

static void test_comparisons(void) {
  cur = &fx_four;
  CU_ASSERT(bool_is("1 == 1", 1));
  CU_ASSERT(bool_is("1 != 1", 0));
  CU_ASSERT(bool_is("1 < 1", 0));
  CU_ASSERT(bool_is("1 <= 1", 1));
  CU_ASSERT(bool_is("2 > 1", 1));
  CU_ASSERT(bool_is("2 >= 3", 0));
  CU_ASSERT(bool_is("\"abc\" < \"abd\"", 1));
  CU_ASSERT(bool_is("\"ab\" < \"abc\"", 1));
  CU_ASSERT(bool_is("'x' == \"x\"", 1));
  CU_ASSERT(bool_is("name == \"岚皋\"", 1));
  CU_ASSERT(bool_is("true == flag", 1));
  CU_ASSERT(bool_is("true != false", 1));
  CU_ASSERT(bool_is("as_of > date(\"2023-01-01\")", 1));
  CU_ASSERT(bool_is("as_of == date(\"2023-05-04\")", 1));
}

static void test_strings(void) {
  cur = &fx_four;
  CU_ASSERT(str_is("\"a\\\"b\\\\c\\n\\t\"", "a\"b\\c\n\t"));
  CU_ASSERT(str_is("'it''s'", "it's"));
  CU_ASSERT(str_is("'a\\n'", "a\\n")); /* no escapes in single quotes */
  CU_ASSERT(str_is("name", "岚皋"));
  CU_ASSERT(str_is("if flag then 'yes' else 'no'", "yes"));
  CU_ASSERT(num_is("len(\"岚皋县\")", 3));
  CU_ASSERT(num_is("len('')", 0));
  CU_ASSERT(num_is("len(\"a\\\"b\\\\c\\n\")", 6));
  CU_ASSERT(bool_is("name == '岚皋' and len(name) == 2", 1));
}

static void test_functions(void) {
  cur = &fx_four;
  CU_ASSERT(num_is("min(3, 1, 2)", 1));
  CU_ASSERT(num_is("max(3, 1, 2)", 3));
  CU_ASSERT(num_is("max(-1, -2)", -1));
  CU_ASSERT(num_is("clamp(15, 0, 10)", 10));
  CU_ASSERT(num_is("clamp(-1, 0, 10)", 0));
  CU_ASSERT(num_is("clamp(5.5, 0, 10)", 5.5));
  CU_ASSERT(num_is("abs(-2.5)", 2.5));
  CU_ASSERT(num_is("abs(3)", 3));
  CU_ASSERT(num_is("round(2.5)", 3));
  CU_ASSERT(num_is("round(-2.5)", -3));
  CU_ASSERT(num_is("round(2.4)", 2));
  CU_ASSERT(num_is("round(2.675, 2)", 2.68));
  CU_ASSERT(num_is("round(1.005, 2)", 1.01));
  CU_ASSERT(num_is("round(-1.005, 2)", -1.01));
  CU_ASSERT(num_is("round(3.14159, 3)", 3.142));
  CU_ASSERT(num_is("round(10 / 3, 2)", 3.33));
  CU_ASSERT(num_is("floor(-1.5)", -2));
  CU_ASSERT(num_is("floor(2.9)", 2));
  CU_ASSERT(num_is("ceil(1.2)", 2));
  CU_ASSERT(num_is("ceil(-1.2)", -1));
  CU_ASSERT(num_is("days(date(\"2023-01-01\"), date(\"2024-01-01\"))", 365));
  CU_ASSERT(num_is("days(date(\"2024-03-01\"), date(\"2024-02-01\"))", -29));
  /* Thursday 4 May 2023 to Thursday 11 May: Fri, Mon, Tue, Wed, Thu */
  CU_ASSERT(num_is("working_days(date(\"2023-05-04\"), date(\"2023-05-11\"))", 5));
  CU_ASSERT(num_is("working_days(as_of, as_of + 7)", 5));
  CU_ASSERT(num_is("working_days(as_of + 7, as_of)", -5));
  CU_ASSERT(date_is("date(\"2023-05-04\")", "2023-05-04"));
  CU_ASSERT(date_is("min(as_of, date(\"2023-01-02\"), as_of + 3)", "2023-01-02"));
  CU_ASSERT(date_is("max(as_of, date(\"2023-01-02\"))", "2023-05-04"));
  CU_ASSERT(bool_is("has(n) and not has(missing)", 1));
}

static void test_dates(void) {
  cur = &fx_four;
  CU_ASSERT(num_is("date(\"2023-05-04\") - date(\"2023-01-01\")", 123));
  CU_ASSERT(date_is("date(\"2023-02-28\") + 1", "2023-03-01"));
  CU_ASSERT(date_is("1 + date(\"2024-02-28\")", "2024-02-29"));
  CU_ASSERT(date_is("date(\"2023-03-01\") - 1", "2023-02-28"));
  CU_ASSERT(date_is("as_of + 30 - 1", "2023-06-02"));
  CU_ASSERT(date_is("date(\"1970-01-01\")", "1970-01-01"));
  CU_ASSERT(date_is("date(\"0001-01-01\")", "0001-01-01"));
  CU_ASSERT(date_is("date(\"9999-12-31\")", "9999-12-31"));
  CU_ASSERT(date_is("date(\"2000-02-29\")", "2000-02-29"));
  CU_ASSERT(num_is("as_of - date(\"2022-05-04\")", 365));
  CU_ASSERT(bool_is("date(\"2023-12-31\") + 1 == date(\"2024-01-01\")", 1));
  int32_t d = 0;
  CU_ASSERT_EQUAL(gv_expr_parse_date("1970-01-02", 10, &d), 0);
  CU_ASSERT_EQUAL(d, 1);
  CU_ASSERT_EQUAL(gv_expr_parse_date("1969-12-31", 10, &d), 0);
  CU_ASSERT_EQUAL(d, -1);
  CU_ASSERT_EQUAL(gv_expr_parse_date("1900-02-29", 10, &d), GOVOPEN_ERANGE);
  CU_ASSERT_EQUAL(gv_expr_parse_date("2023-13-01", 10, &d), GOVOPEN_ERANGE);
  CU_ASSERT_EQUAL(gv_expr_parse_date("2023-1-01", 9, &d), GOVOPEN_EPARSE);
  CU_ASSERT_EQUAL(gv_expr_parse_date("0000-01-01", 10, &d), GOVOPEN_ERANGE);
  char buf[16];
  gv_expr_format_date(19481, buf);
  CU_ASSERT_STRING_EQUAL(buf, "2023-05-04");
}

static void test_nulls(void) {
  cur = &fx_four;
  CU_ASSERT(bool_is("missing == null", 1));
  CU_ASSERT(bool_is("missing != null", 0));
  CU_ASSERT(bool_is("null == missing", 1));
  CU_ASSERT(bool_is("null == null", 1));
  CU_ASSERT(bool_is("n == null", 0));
  CU_ASSERT(bool_is("has(missing)", 0));
  CU_ASSERT(num_is("if missing == null then 0 else missing", 0));
  CU_ASSERT(num_is("if has(missing) then missing * 2 else -1", -1));
  CU_ASSERT(null_is("missing", GV_V_NUM));
  CU_ASSERT(null_is("if false then 1 else null", GV_V_NUM));
  CU_ASSERT(null_is("if true then null else as_of", GV_V_DATE));
}

static void test_aggregates(void) {
  cur = &fx_four;
  CU_ASSERT(num_is("count(true)", 4));
  CU_ASSERT(num_is("count(ok)", 3));
  CU_ASSERT(num_is("count(not ok)", 1));
  CU_ASSERT(num_is("count(has(published))", 3));
  CU_ASSERT(num_is("count(published == null)", 1));
  CU_ASSERT(num_is("count(has(published) and published <= date(\"2023-05-05\"))", 2));
  CU_ASSERT(num_is("count(has(published) and working_days(published, as_of) <= 3)", 2));
  CU_ASSERT(num_is("sum(pages)", 18)); /* a sample without pages is skipped */
  CU_ASSERT(num_is("sum(1)", 4));
  CU_ASSERT(num_is("mean(pages)", 6));
  CU_ASSERT(num_is("min_of(pages)", 3));
  CU_ASSERT(num_is("max_of(pages)", 10));
  CU_ASSERT(date_is("max_of(published)", "2023-05-10"));
  CU_ASSERT(date_is("min_of(published)", "2023-04-20"));
  CU_ASSERT(bool_is("all(ok)", 0));
  CU_ASSERT(bool_is("any(not ok)", 1));
  CU_ASSERT(bool_is("all(pages == null or pages >= 0)", 1));
  CU_ASSERT(bool_is("any(title == '通知')", 1));
  CU_ASSERT(num_is("sum(if has(pages) then pages else 100)", 118));
  CU_ASSERT(num_is("count(has(title) and len(title) == 2)", 3));
  CU_ASSERT(num_is("count(has(pages) and pages > n)", 2)); /* globals inside aggregates */
  CU_ASSERT(num_is("max_score * count(ok) / max(n, 1)", 3.75));
  CU_ASSERT(num_is("sum(pages) / count(has(pages)) - mean(pages)", 0));
  CU_ASSERT(num_is("round(100 * count(ok) / count(true), 1)", 75));
  /* no samples */
  cur = &fx_none;
  CU_ASSERT(num_is("count(ok)", 0));
  CU_ASSERT(num_is("sum(pages)", 0));
  CU_ASSERT(null_is("mean(pages)", GV_V_NUM));
  CU_ASSERT(null_is("min_of(pages)", GV_V_NUM));
  CU_ASSERT(null_is("max_of(published)", GV_V_DATE));
  CU_ASSERT(bool_is("all(ok)", 1));
  CU_ASSERT(bool_is("any(ok)", 0));
  CU_ASSERT(num_is("if mean(pages) == null then 0 else mean(pages)", 0));
  cur = &fx_four;
}

static void test_short_circuit(void) {
  cur = &fx_four;
  CU_ASSERT(bool_is("false and 1 / 0 > 0", 0));
  CU_ASSERT(bool_is("true or 1 / 0 > 0", 1));
  CU_ASSERT(bool_is("flag or missing > 1", 1));
  CU_ASSERT(bool_is("missing != null and missing > 1", 0));
  CU_ASSERT(num_is("if true then 1 else 1 / 0", 1));
  CU_ASSERT(num_is("if false then 1 / 0 else 2", 2));
  CU_ASSERT(bool_is("false and working_days(date(\"1900-01-01\"), as_of) > 0", 0));
  /* sample 2 decides (ok is false); sample 4 (pages / 0 with pages 3 - 3) is never reached */
  CU_ASSERT(bool_is("all(ok and (not has(pages) or pages / (pages - 3) < 100))", 0));
  CU_ASSERT(bool_is("all(ok)", 0));
  fx_four.calls = 0;
  CU_ASSERT(bool_is("any(ok)", 1));
  CU_ASSERT_EQUAL(fx_four.calls, 1); /* stopped at the first sample */
  fx_four.calls = 0;
  CU_ASSERT(bool_is("all(not ok)", 0));
  CU_ASSERT_EQUAL(fx_four.calls, 1);
}

static void test_types_and_info(void) {
  gv_arena a = {0};
  gv_diags d = {0};
  gv_expr *e = NULL;
  int e_rc = gv_expr_compile(&a, "max_score * count(ok) / n", 25, &env, NULL, &d, "t", "", &e);
  CU_ASSERT_EQUAL(e_rc == GOVOPEN_OK, e != NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  CU_ASSERT_EQUAL(gv_expr_type(e), GV_V_NUM);
  CU_ASSERT_TRUE(gv_expr_uses_samples(e));
  CU_ASSERT_EQUAL(gv_expr_node_count(e), 5); /* one n-ary product: max_score, count, ok, n */
  gv_expr *e2 = NULL;
  int e2_rc = gv_expr_compile(&a, "as_of < date('2024-01-01')", 26, &env, NULL, &d, "t", "", &e2);
  CU_ASSERT_EQUAL(e2_rc == GOVOPEN_OK, e2 != NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e2);
  CU_ASSERT_EQUAL(gv_expr_type(e2), GV_V_BOOL);
  CU_ASSERT_FALSE(gv_expr_uses_samples(e2));
  gv_expr *e3 = NULL;
  int e3_rc = gv_expr_compile(&a, "null", 4, NULL, NULL, &d, "t", "", &e3);
  CU_ASSERT_EQUAL(e3_rc == GOVOPEN_OK, e3 != NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e3);
  CU_ASSERT_EQUAL(gv_expr_type(e3), GV_V_NULL);
  CU_ASSERT_EQUAL(d.errors, 0);
  CU_ASSERT_STRING_EQUAL(gv_vtype_name(GV_V_DATE), "date");
  /* one compiled expression, evaluated twice with other globals: nothing is kept */
  set_globals();
  gv_expr_ctx ctx = {globals, 7, 4, field_cb, workdays_cb, &fx_four, 0};
  gv_value v;
  CU_ASSERT_EQUAL(gv_expr_eval(e, &ctx, &v, NULL), 0);
  CU_ASSERT_EQUAL(v.u.num, 3.75);
  globals[2].u.num = 3;
  CU_ASSERT_EQUAL(gv_expr_eval(e, &ctx, &v, NULL), 0);
  CU_ASSERT_EQUAL(v.u.num, 5);
  CU_ASSERT_NOT_EQUAL(gv_expr_eval(NULL, &ctx, &v, NULL), 0);
  CU_ASSERT_NOT_EQUAL(gv_expr_eval(e, NULL, &v, NULL), 0);
  gv_diags_free(&d);
  gv_arena_free(&a);
}

static void test_compile_errors(void) {
  ERR_AT("1 +", 1, 4, "expected a value, found the end of the expression");
  ERR_AT("(1 + 2", 1, 7, "expected ')' to close the '(' at line 1, column 1, found the end of the expression");
  ERR_AT("1 + 2)", 1, 6, "unmatched ')'");
  ERR_AT("1 2", 1, 3, "unexpected '2' after the end of the expression (is an operator missing?)");
  ERR_AT("", 1, 1, "the expression is empty");
  ERR_AT("  # only a comment", 1, 19, "the expression is empty");
  ERR_AT("max_scor * 2", 1, 1, "unknown name 'max_scor'; did you mean 'max_score'?");
  ERR_AT("Ture", 1, 1, "unknown name 'Ture'; did you mean 'true'?");
  ERR_AT("count(has(publishd))", 1, 11, "unknown name 'publishd'; did you mean 'published'?");
  ERR_AT("zzz + 1", 1, 1, "unknown name 'zzz'");
  ERR_AT("mx(1, 2)", 1, 1, "unknown function 'mx'; did you mean 'max'?");
  ERR_AT("n(1)", 1, 1, "'n' is not a function");
  ERR_AT("count + 1", 1, 1, "'count' is a function: write count(...)");
  ERR_AT("1 + \"a\"", 1, 3, "'+' cannot combine a number and a string (strings have no arithmetic)");
  ERR_AT("as_of + as_of", 1, 7, "'+' cannot combine a date and a date (subtract dates to get the days between)");
  ERR_AT("null * 2", 1, 6, "'*' cannot combine null and a number (null has no value to compute with)");
  ERR_AT("-\"x\"", 1, 1, "'-' needs a number, not a string");
  ERR_AT("not 1", 1, 1, "'not' needs a boolean, not a number");
  ERR_AT("1 and flag", 1, 3, "the left side of 'and' is a number, not a boolean");
  ERR_AT("flag or n", 1, 6, "the right side of 'or' is a number, not a boolean");
  ERR_AT("as_of < \"2023-01-01\"", 1, 7, "cannot compare a date with a string (write date(\"YYYY-MM-DD\") for a date)");
  ERR_AT("null < 1", 1, 6, "'<' cannot compare with null (test a missing value with '== null' or has())");
  ERR_AT("true < false", 1, 6, "'<' cannot order booleans (use '==' or '!=')");
  ERR_AT("1 < 2 < 3", 1, 7, "comparisons cannot be chained: write 'a < b and b < c'");
  ERR_AT("if n then 1 else 2", 1, 4, "the condition of 'if' must be a boolean, not a number");
  ERR_AT("if n > 1 then 1 else \"x\"", 1, 17,
         "the branches of 'if' differ: 'then' gives a number, 'else' gives a string");
  ERR_AT("if flag then 1", 1, 15, "expected 'else' (an 'if' needs both branches), found the end of the expression");
  ERR_AT("if flag 1 else 2", 1, 9, "expected 'then' after the condition of 'if', found '1'");
  ERR_AT("published > as_of", 1, 1,
         "the sample field 'published' can be used only inside an aggregate over the samples: "
         "count, sum, mean, min_of, max_of, all or any");
  ERR_AT("has(ok)", 1, 5,
         "the sample field 'ok' can be used only inside an aggregate over the samples: "
         "count, sum, mean, min_of, max_of, all or any");
  ERR_AT("count(sum(pages) > 1)", 1, 7,
         "sum() cannot be used inside count(): an aggregate's argument is computed once per sample, "
         "and aggregates do not nest");
  ERR_AT("round(1, 2, 3)", 1, 1, "round() takes 1 or 2 arguments, not 3");
  ERR_AT("abs()", 1, 1, "abs() takes 1 argument, not 0");
  ERR_AT("min(1)", 1, 1,
         "min() takes at least 2 arguments, not 1 (for the smallest value over the samples, use min_of())");
  ERR_AT("sum(title)", 1, 5, "sum() needs a number, not a string");
  ERR_AT("working_days(as_of, \"2023-01-01\")", 1, 21,
         "argument 2 of working_days() must be a date, not a string (write date(\"YYYY-MM-DD\") for a date)");
  ERR_AT("max(1, as_of)", 1, 8, "argument 2 of max() must be a number like argument 1, not a date");
  ERR_AT("min(name, 'b')", 1, 5, "min() compares numbers or dates, not a string");
  ERR_AT("count(title)", 1, 7, "count() needs a boolean, not a string");
  ERR_AT("max_of(ok)", 1, 8, "max_of() needs a number or a date, not a boolean");
  ERR_AT("count(has(1))", 1, 11, "has() takes the name of a field, as in has(published)");
  ERR_AT("round(n, 11)", 1, 10, "round() keeps a whole number of digits from 0 to 10, not 11");
  ERR_AT("date(\"2023-02-30\")", 1, 6, "invalid date '2023-02-30': write dates as YYYY-MM-DD, e.g. \"2023-05-04\"");
  ERR_AT("date(as_of)", 1, 6, "date() needs a string, not a date");
  ERR_AT("len(3)", 1, 5, "len() needs a string, not a number");
  ERR_AT("max(1 2)", 1, 7, "expected ',' or ')' after argument 1 of max(), found '2'");
  ERR_AT("max(1, 2", 1, 9, "expected ')' to close max( at line 1, column 4, found the end of the expression");
  ERR_AT("12abc + 1", 1, 1, "invalid number '12abc'");
  ERR_AT("1e999", 1, 1, "the number '1e999' is too large");
  ERR_AT("\"abc", 1, 1, "unterminated string: a string must end on the line where it starts");
  ERR_AT("name == \"a\\qb\"", 1, 11,
         "unknown escape '\\' followed by 'q' in a string (the escapes are \\\" \\\\ \\n \\t)");
  ERR_AT("n = 1", 1, 3, "'=' is not an operator: compare with '=='");
  ERR_AT("n > 1 && flag", 1, 7, "'&&' is not an operator: write 'and'");
  ERR_AT("!flag", 1, 1, "'!' is not an operator: write 'not'");
  ERR_AT("n $ 1", 1, 3, "unexpected character '$'");
  ERR_AT("n + \x01", 1, 5, "unexpected character U+0001");
  ERR_AT("n + \xff\xfe", 1, 5, "invalid UTF-8 (byte 0xFF)");
  /* characters, not bytes: CJK before the error */
  ERR_AT("满分 + \"x\"", 1, 4, "'+' cannot combine a number and a string (strings have no arithmetic)");
  ERR_AT("\"岚皋县\" == 公开日期", 1, 10, "unknown name '公开日期'");
  ERR_AT("max（1, 2)", 1, 4, "unexpected character '（' (U+FF08): write '('");
  ERR_AT("n ≥ 1", 1, 3, "unexpected character '≥' (U+2265): write '>='");
  ERR_AT("n\xe3\x80\x80+ 1", 1, 2, "unexpected full-width space (U+3000): write an ASCII space");
  ERR_AT("name == “岚皋”", 1, 9, "unexpected character '“' (U+201C): write '\"'");
  ERR_AT("n + １", 1, 5, "unexpected character '１' (U+FF11): write '1'");
}

static void test_compile_positions(void) {
  /* a one-line scalar at line 7, column 10 */
  gv_expr_pos plain = {7, 10, 0};
  ERR_POS("n + zz", &plain, 7, 14, "unknown name 'zz'");
  /* a plain scalar continued on the next line: column 1 there */
  ERR_POS("n + 1 +\nflagg", &plain, 8, 1, "unknown name 'flagg'; did you mean 'flag'?");
  /* a block scalar (`score: |`) at line 10, its lines indented by 4 */
  gv_expr_pos block = {10, 8, 4};
  ERR_POS("max_score *\n  count(ok)\n  + bogus", &block, 13, 9, "unknown name 'bogus'");
  ERR_POS("max_score\n# a comment line\n  * 满分 * \"x\"", &block, 13, 12,
          "'*' cannot combine a number and a string (strings have no arithmetic)");
  ERR_POS("if flag\nthen 1\n", &block, 13, 5,
          "expected 'else' (an 'if' needs both branches), found the end of the expression");
  ERR_POS("(1 +\n 2", &block, 12, 7,
          "expected ')' to close the '(' at line 11, column 5, found the end of the expression");
  /* CRLF line ends */
  ERR_POS("n +\r\n  oops", &block, 12, 7, "unknown name 'oops'");

  /* every error is reported, in document order */
  gv_arena a = {0};
  gv_diags d = {0};
  const char *text = "zzz + 1 + yyy\n  + count(sum(pages) > 1) * 'x'";
  {
    gv_expr *none = NULL;
    CU_ASSERT_EQUAL(gv_expr_compile(&a, text, strlen(text), &env, &block, &d, "f.yaml", "p", &none), GOVOPEN_ESCHEMA);
    CU_ASSERT_PTR_NULL(none);
  }
  CU_ASSERT_EQUAL(d.errors, 4);
  const govopen_error *x = d.head;
  unsigned want[4][2] = {{11, 5}, {11, 15}, {12, 15}, {12, 31}};
  for (int j = 0; j < 4 && x; j++, x = x->next) {
    CU_ASSERT_EQUAL(x->line, want[j][0]);
    CU_ASSERT_EQUAL(x->column, want[j][1]);
    CU_ASSERT_EQUAL(x->code, GOVOPEN_ESCHEMA);
  }
  gv_diags_free(&d);
  /* recovery: a missing operand, then an unknown name further on */
  gv_diags d2 = {0};
  const char *t2 = "max(1 +, zz) + (2 * ) + yy";
  {
    gv_expr *none = NULL;
    CU_ASSERT_EQUAL(gv_expr_compile(&a, t2, strlen(t2), &env, NULL, &d2, "f.yaml", "p", &none), GOVOPEN_ESCHEMA);
    CU_ASSERT_PTR_NULL(none);
  }
  CU_ASSERT_EQUAL(d2.errors, 4);
  if (d2.errors == 4) {
    CU_ASSERT_EQUAL(d2.head->column, 8);
    CU_ASSERT_EQUAL(d2.head->next->column, 10);
    CU_ASSERT_EQUAL(d2.head->next->next->column, 21);
    CU_ASSERT_EQUAL(d2.head->next->next->next->column, 25);
  }
  gv_diags_free(&d2);
  gv_arena_free(&a);
}

static char *repeat(const char *head, const char *unit, size_t times, const char *tail) {
  size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
  char *s = malloc(hl + ul * times + tl + 1);
  if (s == NULL) return NULL;
  memcpy(s, head, hl);
  for (size_t j = 0; j < times; j++) memcpy(s + hl + j * ul, unit, ul);
  memcpy(s + hl + ul * times, tail, tl + 1);
  return s;
}

static void test_limits(void) {
  /* 64 levels of parentheses compile; the 65th is refused where it opens */
  char *ok = repeat("", "(", 64, "1");
  char *ok2 = repeat(ok, ")", 64, "");
  CU_ASSERT(num_is(ok2, 1));
  free(ok);
  free(ok2);
  char *deep = repeat("", "(", 65, "1");
  char *deep2 = repeat(deep, ")", 65, "");
  CU_ASSERT(compile_error_at(deep2, strlen(deep2), NULL, 1, 65, GOVOPEN_ELIMIT,
                             "the expression is nested too deeply: more than 64 levels"));
  free(deep);
  free(deep2);
  /* nested calls count too */
  char *calls = repeat("", "abs(", 65, "1");
  char *calls2 = repeat(calls, ")", 65, "");
  CU_ASSERT(compile_error_at(calls2, strlen(calls2), NULL, 1, 257, GOVOPEN_ELIMIT,
                             "the expression is nested too deeply: more than 64 levels"));
  free(calls);
  free(calls2);
  /* a deep tree without parentheses: 1 - - - … - 1: each unary minus is a level, the 65th at column 3 + 2 × 65 */
  char *negs = repeat("1 ", "- ", 70, "1");
  CU_ASSERT(compile_error_at(negs, strlen(negs), NULL, 1, 133, GOVOPEN_ELIMIT,
                             "the expression is nested too deeply: more than 64 levels"));
  free(negs);
  /* alternating operators grow the tree: 1 + 2 * (1 + 2 * (…)), two levels a parenthesis;
     the error points at the deepest part (the leftmost of equals): the 2 of the 40th level */
  char *alt = repeat("", "1+2*(", 40, "1");
  char *alt2 = repeat(alt, ")", 40, "");
  CU_ASSERT(compile_error_at(alt2, strlen(alt2), NULL, 1, 198, GOVOPEN_ELIMIT,
                             "the expression is nested too deeply: more than 64 levels"));
  free(alt);
  free(alt2);
  /* a long sum is one node with many children, not a deep tree */
  char *sum = repeat("0", "+1", 1000, "");
  CU_ASSERT(num_is(sum, 1000));
  free(sum);
  /* 2000 nodes compile; the 2001st part is refused where it stands */
  char *nodes = repeat("0", "+1", 1998, ""); /* 1999 numbers + the sum = 2000 nodes */
  CU_ASSERT(num_is(nodes, 1998));
  free(nodes);
  char *many = repeat("0", "+1", 2000, ""); /* the 2001st number is at column 4001 */
  CU_ASSERT(compile_error_at(many, strlen(many), NULL, 1, 4001, GOVOPEN_ELIMIT,
                             "the expression is too large: more than 2000 parts (names, numbers, operators, calls)"));
  free(many);
  /* 10000 characters compile (as far as the length goes); 10001 do not */
  char *len_ok = repeat("1", " ", 9999, "");
  CU_ASSERT(num_is(len_ok, 1));
  free(len_ok);
  char *longer = repeat("1", " ", 10000, "");
  CU_ASSERT(compile_error_at(longer, strlen(longer), NULL, 1, 10001, GOVOPEN_ELIMIT,
                             "the expression is longer than 10000 characters"));
  free(longer);
  /* characters, not bytes: 5000 CJK characters are 15000 bytes, and fine */
  char *cjk = repeat("len('", "岚", 5000, "')");
  CU_ASSERT(num_is(cjk, 5000));
  free(cjk);
  /* on a second line of a block scalar */
  char *lines = repeat("1\n", " ", 10000, "");
  gv_expr_pos block = {3, 1, 2};
  CU_ASSERT(compile_error_at(lines, strlen(lines), &block, 5, 10001, GOVOPEN_ELIMIT,
                             "the expression is longer than 10000 characters"));
  free(lines);
}

static void test_runtime_errors(void) {
  cur = &fx_four;
  CU_ASSERT(rt_error_is("1 / (n - n)", GOVOPEN_EINVALID, "line 1, column 3: division by zero"));
  CU_ASSERT(rt_error_is("n % 0", GOVOPEN_EINVALID, "line 1, column 3: division by zero ('%')"));
  CU_ASSERT(rt_error_is("missing + 1", GOVOPEN_EINVALID,
                        "line 1, column 9: 'missing' is null in '+'; test it first with missing == null"));
  CU_ASSERT(rt_error_is("1 - (if flag then null else 2)", GOVOPEN_EINVALID, "line 1, column 3: null in '-'"));
  CU_ASSERT(rt_error_is("-missing", GOVOPEN_EINVALID,
                        "line 1, column 1: 'missing' is null in '-'; test it first with missing == null"));
  CU_ASSERT(
      rt_error_is("missing > 1", GOVOPEN_EINVALID,
                  "line 1, column 9: 'missing' is null in the comparison '>'; test it first with missing == null"));
  CU_ASSERT(rt_error_is("abs(missing)", GOVOPEN_EINVALID,
                        "line 1, column 5: 'missing' is null in abs(); test it first with missing == null"));
  CU_ASSERT(rt_error_is("sum(pages / 0)", GOVOPEN_EINVALID, "line 1, column 11: division by zero (sample 1 of 4)"));
  CU_ASSERT(rt_error_is("count(pages > 4)", GOVOPEN_EINVALID,
                        "line 1, column 13: 'pages' is null in the comparison '>'; test it first with has(pages) "
                        "(sample 2 of 4)"));
  CU_ASSERT(rt_error_is("count(len(title) == 2)", GOVOPEN_EINVALID,
                        "line 1, column 11: 'title' is null in len(); test it first with has(title) (sample 4 of 4)"));
  CU_ASSERT(rt_error_is("1e308 * 10", GOVOPEN_EINVALID, "line 1, column 7: '*' gives a number too large to represent"));
  CU_ASSERT(rt_error_is("clamp(n, 5, 3)", GOVOPEN_EINVALID,
                        "line 1, column 1: clamp(): the lower bound 5 is above the upper bound 3"));
  CU_ASSERT(rt_error_is("round(1, n / 8)", GOVOPEN_EINVALID,
                        "line 1, column 10: round() keeps a whole number of digits from 0 to 10, not 0.5"));
  CU_ASSERT(
      rt_error_is("as_of + 1.5", GOVOPEN_EINVALID, "line 1, column 7: '+' needs a whole number of days, not 1.5"));
  CU_ASSERT(rt_error_is("as_of + 1e7 * 400", GOVOPEN_EINVALID,
                        "line 1, column 7: '+' gives a date outside the years 1 to 9999"));
  CU_ASSERT(rt_error_is("date(\"9999-12-31\") + 1", GOVOPEN_EINVALID,
                        "line 1, column 20: '+' gives a date outside the years 1 to 9999"));
  CU_ASSERT(
      rt_error_is("date(name)", GOVOPEN_EINVALID, "line 1, column 6: date(): '岚皋' is not a date written YYYY-MM-DD"));
  CU_ASSERT(
      rt_error_is("working_days(date(\"2019-12-30\"), as_of)", GOVOPEN_ERANGE,
                  "line 1, column 1: working_days(2019-12-30, 2023-05-04): the calendar covers 2020 to 2030 only"));
  CU_ASSERT(null_is("if flag then missing else 1", GV_V_NUM)); /* null, not an error */
  cur->no_calendar = 1;
  CU_ASSERT(rt_error_is("working_days(as_of, as_of)", GOVOPEN_EINVALID,
                        "line 1, column 1: working_days() needs a working-day calendar, and none was given"));
  cur->no_calendar = 0;
  cur->wrong_type = 1;
  CU_ASSERT(
      rt_error_is("sum(pages)", GOVOPEN_EINVALID,
                  "line 1, column 5: the field 'pages' holds a string, but it is declared a number (sample 1 of 4)"));
  cur->wrong_type = 0;
  cur->fail_field = 3;
  CU_ASSERT(
      rt_error_is("count(ok)", GOVOPEN_EIO, "line 1, column 7: the field 'ok' could not be read (sample 1 of 4)"));
  cur->fail_field = 0;
  /* a global of the wrong type, and too few globals */
  gv_arena a = {0};
  gv_diags d = {0};
  gv_expr *e = NULL;
  int e_rc = gv_expr_compile(&a, "满分 + 1", strlen("满分 + 1"), &env, NULL, &d, "t", "", &e);
  CU_ASSERT_EQUAL(e_rc == GOVOPEN_OK, e != NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  set_globals();
  globals[6].type = GV_V_DATE;
  gv_expr_ctx ctx = {globals, 7, 0, field_cb, workdays_cb, &fx_none, 0};
  gv_value v;
  gv_buf msg = {0};
  CU_ASSERT_EQUAL(gv_expr_eval(e, &ctx, &v, &msg), GOVOPEN_EINVALID);
  CU_ASSERT_STRING_EQUAL(gv_buf_str(&msg),
                         "line 1, column 1: the global '满分' holds a date, but it is declared a number");
  gv_buf_truncate(&msg, 0);
  globals[6].type = GV_V_NUM;
  globals[6].u.num = NAN;
  CU_ASSERT_EQUAL(gv_expr_eval(e, &ctx, &v, &msg), GOVOPEN_EINVALID);
  CU_ASSERT_STRING_EQUAL(gv_buf_str(&msg), "line 1, column 1: the global '满分' is not a finite number");
  gv_buf_truncate(&msg, 0);
  ctx.global_count = 6;
  CU_ASSERT_EQUAL(gv_expr_eval(e, &ctx, &v, &msg), GOVOPEN_EINVALID);
  CU_ASSERT_STRING_EQUAL(gv_buf_str(&msg), "line 1, column 1: no value was given for the global '满分'");
  gv_buf_free(&msg);
  /* positions in run-time messages are the document's */
  gv_expr_pos block = {20, 4, 6};
  const char *text = "max_score\n  / (n - 4)";
  gv_expr *e2 = NULL;
  int e2_rc = gv_expr_compile(&a, text, strlen(text), &env, &block, &d, "t", "", &e2);
  CU_ASSERT_EQUAL(e2_rc == GOVOPEN_OK, e2 != NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e2);
  set_globals();
  ctx.global_count = 7;
  gv_buf m2 = {0};
  CU_ASSERT_EQUAL(gv_expr_eval(e2, &ctx, &v, &m2), GOVOPEN_EINVALID);
  CU_ASSERT_STRING_EQUAL(gv_buf_str(&m2), "line 22, column 9: division by zero");
  CU_ASSERT_EQUAL(v.type, GV_V_NULL);
  gv_buf_free(&m2);
  gv_diags_free(&d);
  gv_arena_free(&a);
}

/* ---- deterministic fuzzing -------------------------------------------------------- */

static uint32_t lcg(uint32_t *s) {
  *s = *s * 1664525u + 1013904223u;
  return *s >> 8;
}

static void test_fuzz(void) {
  static const char *const toks[] = {"1",
                                     "2.5",
                                     "0",
                                     "1e3",
                                     "\"s\"",
                                     "'t'",
                                     "\"2023-01-01\"",
                                     "true",
                                     "false",
                                     "null",
                                     "n",
                                     "max_score",
                                     "as_of",
                                     "flag",
                                     "name",
                                     "missing",
                                     "满分",
                                     "pages",
                                     "ok",
                                     "published",
                                     "title",
                                     "+",
                                     "-",
                                     "*",
                                     "/",
                                     "%",
                                     "==",
                                     "!=",
                                     "<",
                                     "<=",
                                     ">",
                                     ">=",
                                     "and",
                                     "or",
                                     "not",
                                     "if",
                                     "then",
                                     "else",
                                     "(",
                                     ")",
                                     ",",
                                     "count(",
                                     "sum(",
                                     "mean(",
                                     "min_of(",
                                     "max_of(",
                                     "all(",
                                     "any(",
                                     "has(",
                                     "min(",
                                     "max(",
                                     "clamp(",
                                     "abs(",
                                     "round(",
                                     "floor(",
                                     "ceil(",
                                     "date(",
                                     "days(",
                                     "working_days(",
                                     "len(",
                                     "zz",
                                     "岚",
                                     "（",
                                     "）",
                                     "\n",
                                     "# c\n",
                                     "\xff",
                                     "&&",
                                     "=",
                                     "\"",
                                     "'",
                                     "\\",
                                     "1.",
                                     "12ab",
                                     "“",
                                     "\xe3\x80\x80",
                                     "!",
                                     "$"};
  size_t nt = sizeof toks / sizeof toks[0];
  uint32_t seed = 20230504u;
  size_t compiled = 0, failed = 0, evaluated_ok = 0;
  char text[1024];
  for (int iter = 0; iter < 5000; iter++) {
    size_t len = 0, count = 1 + lcg(&seed) % 40;
    for (size_t j = 0; j < count && len + 40 < sizeof text; j++) {
      const char *t = toks[lcg(&seed) % nt];
      size_t tl = strlen(t);
      memcpy(text + len, t, tl);
      len += tl;
      if (lcg(&seed) % 3) text[len++] = ' ';
    }
    gv_expr_pos pos = {1 + lcg(&seed) % 50, 1 + lcg(&seed) % 20, lcg(&seed) % 2 ? 0 : 1 + lcg(&seed) % 8};
    gv_arena a = {0};
    gv_diags d = {0};
    gv_expr *e = NULL;
    int e_rc = gv_expr_compile(&a, text, len, &env, &pos, &d, "fuzz", "p", &e);
    CU_ASSERT_EQUAL(e_rc == GOVOPEN_OK, e != NULL);
    if (e == NULL) {
      failed++;
      CU_ASSERT(d.errors > 0);
      for (const govopen_error *x = d.head; x; x = x->next) {
        if (x->line < pos.line || x->column == 0) {
          CU_FAIL("a diagnostic without a position");
          fprintf(stderr, "\n  [%.*s]: %u:%u %s\n", (int)len, text, x->line, x->column, x->message);
        }
      }
    } else {
      compiled++;
      CU_ASSERT_EQUAL(d.errors, 0);
      set_globals();
      gv_expr_ctx ctx = {globals, 7, 4, field_cb, workdays_cb, &fx_four, 0};
      gv_value v;
      gv_buf msg = {0};
      int rc = gv_expr_eval(e, &ctx, &v, &msg);
      if (rc == 0) {
        evaluated_ok++;
        CU_ASSERT(v.type == GV_V_NULL || v.type == gv_expr_type(e));
        if (v.type == GV_V_NUM) CU_ASSERT(isfinite(v.u.num));
      } else {
        CU_ASSERT(msg.len > 0 && strncmp(msg.data, "line ", 5) == 0);
      }
      gv_buf_free(&msg);
    }
    gv_diags_free(&d);
    gv_arena_free(&a);
  }
  CU_ASSERT(failed > 0);
  CU_ASSERT(compiled > 0);
  (void)evaluated_ok;

  /* structured fuzz: well-formed expressions from a small grammar mostly compile */
  size_t ok_count = 0;
  for (int iter = 0; iter < 2000; iter++) {
    gv_buf b = {0};
    int open = 0;
    int terms = 1 + (int)(lcg(&seed) % 12);
    for (int j = 0; j < terms; j++) {
      while (lcg(&seed) % 4 == 0 && open < 80) {
        gv_buf_puts(&b, lcg(&seed) % 2 ? "(" : "abs(");
        open++;
      }
      static const char *const atoms[] = {"1",         "n",          "max_score",         "2.5",
                                          "count(ok)", "sum(pages)", "days(as_of, as_of)"};
      gv_buf_puts(&b, atoms[lcg(&seed) % 7]);
      if (j + 1 < terms) {
        static const char *const ops[] = {" + ", " - ", " * ", " / ", " % "};
        gv_buf_puts(&b, ops[lcg(&seed) % 5]);
      }
    }
    while (open-- > 0) gv_buf_putc(&b, ')');
    gv_arena a = {0};
    gv_diags d = {0};
    gv_expr *e = NULL;
    int e_rc = gv_expr_compile(&a, b.data, b.len, &env, NULL, &d, "fuzz", "p", &e);
    CU_ASSERT_EQUAL(e_rc == GOVOPEN_OK, e != NULL);
    if (e) {
      ok_count++;
      set_globals();
      gv_expr_ctx ctx = {globals, 7, 4, field_cb, workdays_cb, &fx_four, 0};
      gv_value v;
      gv_buf msg = {0};
      if (gv_expr_eval(e, &ctx, &v, &msg) == 0) CU_ASSERT(v.type == GV_V_NUM && isfinite(v.u.num));
      gv_buf_free(&msg);
    } else {
      CU_ASSERT_EQUAL(d.head ? d.head->code : 0, GOVOPEN_ELIMIT); /* only the depth limit can refuse these */
    }
    gv_diags_free(&d);
    gv_arena_free(&a);
    gv_buf_free(&b);
  }
  CU_ASSERT(ok_count > 1000);
}

/* The examples of docs/expressions.md compile against the expression rule's names. */
static void test_doc_examples(void) {
  static const gv_expr_decl g[] = {{"max_score", GV_V_NUM},
                                   {"as_of", GV_V_DATE},
                                   {"n", GV_V_NUM},
                                   {"period_start", GV_V_DATE},
                                   {"period_end", GV_V_DATE}};
  static const gv_expr_decl f[] = {{"received", GV_V_DATE}, {"replied", GV_V_DATE},  {"published", GV_V_DATE},
                                   {"pages", GV_V_NUM},     {"complete", GV_V_BOOL}, {"channel", GV_V_STR}};
  gv_expr_env e = {g, 5, f, 6};
  static const char *const ok[] = {
      "max_score * count(has(replied) and working_days(received, replied) <= 5) / max(n, 1)",
      "all(complete)",
      "clamp(max_score - 0.5 * count(not complete), 0, max_score)",
      "if n == 0 then 0\nelse round(max_score * count(complete) / n, 2)",
      "any(has(published) and published >= period_start and published <= period_end)",
      "count(channel == \"网站\" or channel == '政务新媒体') >= 2",
      "min(max_score, sum(pages) / 10)",
      "if mean(pages) == null then 0 else min(max_score, mean(pages))",
      "days(max_of(published), as_of) <= 90",
      "as_of - 30 <= max_of(published)",
  };
  for (size_t j = 0; j < sizeof ok / sizeof ok[0]; j++) {
    gv_arena a = {0};
    gv_diags d = {0};
    gv_expr *x = NULL;
    int x_rc = gv_expr_compile(&a, ok[j], strlen(ok[j]), &e, NULL, &d, "doc", "", &x);
    CU_ASSERT_EQUAL(x_rc == GOVOPEN_OK, x != NULL);
    if (x == NULL) fprintf(stderr, "\n  [%s]: %s\n", ok[j], d.head ? d.head->message : "?");
    CU_ASSERT_PTR_NOT_NULL(x);
    CU_ASSERT(x == NULL || gv_expr_type(x) == GV_V_NUM || gv_expr_type(x) == GV_V_BOOL);
    gv_diags_free(&d);
    gv_arena_free(&a);
  }
}

static void test_edge_cases(void) {
  cur = &fx_four;
  CU_ASSERT(num_is("len(\"é😀\")", 2)); /* two- and four-byte characters */
  CU_ASSERT(bool_is("'café' < 'cafê'", 1));
  CU_ASSERT(num_is("100000000000000000000000", 1e23));
  CU_ASSERT(num_is("0.000000000000000000000000000000 + 1", 1));
  CU_ASSERT(bool_is("abs(0.0000000000000000000000015 * 1e24 - 1.5) < 1e-12", 1));
  ERR_AT("n > 1 || flag", 1, 7, "'||' is not an operator: write 'or'");
  ERR_AT("n <> 1", 1, 3, "'<>' is not an operator: write '!='");
  ERR_AT("café + 1", 1, 1, "unknown name 'café'");
  /* date() of a string known only at run time */
  gv_arena a = {0};
  gv_diags d = {0};
  gv_expr *e = NULL;
  int e_rc = gv_expr_compile(&a, "date(name) - as_of", 18, &env, NULL, &d, "t", "", &e);
  CU_ASSERT_EQUAL(e_rc == GOVOPEN_OK, e != NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(e);
  set_globals();
  globals[4].u.str.s = "2023-06-01";
  globals[4].u.str.len = 10;
  gv_expr_ctx ctx = {globals, 7, 0, NULL, NULL, NULL, 0};
  gv_value v;
  CU_ASSERT_EQUAL(gv_expr_eval(e, &ctx, &v, NULL), 0);
  CU_ASSERT(v.type == GV_V_NUM && v.u.num == 28);
  /* a declaration without a type, and no arena, are the host's mistakes */
  static const gv_expr_decl bad[] = {{"x", GV_V_NULL}};
  gv_expr_env benv = {bad, 1, NULL, 0};
  {
    gv_expr *none = NULL;
    CU_ASSERT_EQUAL(gv_expr_compile(&a, "1", 1, &benv, NULL, &d, "t", "", &none), GOVOPEN_EINVALID);
    CU_ASSERT_PTR_NULL(none);
  }
  {
    gv_expr *none = NULL;
    CU_ASSERT_EQUAL(gv_expr_compile(NULL, "1", 1, &env, NULL, &d, "t", "", &none), GOVOPEN_EINVALID);
    CU_ASSERT_PTR_NULL(none);
  }
  CU_ASSERT_EQUAL(d.errors, 2);
  CU_ASSERT_EQUAL(gv_diags_status(&d), GOVOPEN_EINVALID);
  CU_ASSERT_STRING_EQUAL(gv_vtype_name(GV_V_NULL), "null");
  CU_ASSERT_STRING_EQUAL(gv_vtype_name(GV_V_STR), "string");
  gv_diags_free(&d);
  gv_arena_free(&a);
}

static const test_case cases[] = {{"precedence", test_precedence},
                                  {"comparisons", test_comparisons},
                                  {"strings", test_strings},
                                  {"functions", test_functions},
                                  {"dates", test_dates},
                                  {"nulls", test_nulls},
                                  {"aggregates", test_aggregates},
                                  {"short_circuit", test_short_circuit},
                                  {"types_and_info", test_types_and_info},
                                  {"compile_errors", test_compile_errors},
                                  {"compile_positions", test_compile_positions},
                                  {"limits", test_limits},
                                  {"runtime_errors", test_runtime_errors},
                                  {"fuzz", test_fuzz},
                                  {"doc_examples", test_doc_examples},
                                  {"edge_cases", test_edge_cases},
                                  {NULL, NULL}};
GV_TEST_SUITE(expr, cases);
