/* Fuzz target: the expression compiler (lib/rules/expr.h, internal) on
 * arbitrary text, against a fixed environment of globals and sample fields.
 * The text is compiled twice, as a plain scalar and as a block scalar, and
 * every diagnostic must carry a position inside the document. An expression
 * that compiles is evaluated over four samples, over none, and without a
 * calendar: a success is of its static type (numbers finite) and the same
 * when repeated; a failure is a message with its position. */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "rules/expr.h"

static const gv_expr_decl globals_decl[] = {{"max_score", GV_V_NUM},     {"as_of", GV_V_DATE},      {"n", GV_V_NUM},
                                            {"period_start", GV_V_DATE}, {"period_end", GV_V_DATE}, {"flag", GV_V_BOOL},
                                            {"name", GV_V_STR},          {"missing", GV_V_NUM},     {"满分", GV_V_NUM}};
#define GLOBALS (sizeof globals_decl / sizeof globals_decl[0])
static const gv_expr_decl fields_decl[] = {{"received", GV_V_DATE}, {"replied", GV_V_DATE},  {"published", GV_V_DATE},
                                           {"pages", GV_V_NUM},     {"complete", GV_V_BOOL}, {"ok", GV_V_BOOL},
                                           {"channel", GV_V_STR},   {"title", GV_V_STR},     {"公开日期", GV_V_DATE}};
#define FIELDS (sizeof fields_decl / sizeof fields_decl[0])
static const gv_expr_env env = {globals_decl, GLOBALS, fields_decl, FIELDS};

/* Four samples; NULL or a negative number is a missing field. */
typedef struct sample {
  const char *received, *replied, *published;
  double pages;
  int complete, ok;
  const char *channel, *title, *gongkai;
} sample;
static const sample samples[] = {
    {"2023-04-20", "2023-05-19", "2023-05-01", 10, 1, 1, "网站", "年报", "2023-05-02"},
    {"2023-09-28", "2023-10-09", NULL, -1, 0, 0, "政务新媒体", "公告", NULL},
    {"2023-01-19", NULL, "2023-12-31", 0.5, -1, 1, NULL, "", "2022-12-31"},
    {"2023-06-20", "2023-06-28", "2023-02-28", 1e6, 1, -1, "挂号信", NULL, "2023-03-01"},
};

static void date_value(const char *s, gv_value *out) {
  if (s == NULL) return;
  out->type = GV_V_DATE;
  FUZZ_CHECK(gv_expr_parse_date(s, strlen(s), &out->u.date) == 0);
}

static void str_value(const char *s, gv_value *out) {
  if (s == NULL) return;
  out->type = GV_V_STR;
  out->u.str.s = s;
  out->u.str.len = strlen(s);
}

static void bool_value(int b, gv_value *out) {
  if (b < 0) return;
  out->type = GV_V_BOOL;
  out->u.b = b;
}

static int field(void *payload, size_t i, size_t f, gv_value *out) {
  (void)payload;
  FUZZ_CHECK(i < sizeof samples / sizeof samples[0] && f < FIELDS);
  const sample *s = &samples[i];
  out->type = GV_V_NULL;
  switch (f) {
    case 0: date_value(s->received, out); break;
    case 1: date_value(s->replied, out); break;
    case 2: date_value(s->published, out); break;
    case 3:
      if (s->pages >= 0) {
        out->type = GV_V_NUM;
        out->u.num = s->pages;
      }
      break;
    case 4: bool_value(s->complete, out); break;
    case 5: bool_value(s->ok, out); break;
    case 6: str_value(s->channel, out); break;
    case 7: str_value(s->title, out); break;
    default: date_value(s->gongkai, out); break;
  }
  return 0;
}

/* Monday to Friday in 2020-2030, counted in O(1) so no input can make it slow. */
static int32_t weekdays_upto(int32_t d) { /* weekdays in [day 0 .. d], day 0 a Thursday */
  int32_t weeks = d / 7, rest = d % 7, k = weeks * 5;
  for (int32_t j = 0; j <= rest; j++) {
    int wd = (int)((j + 4) % 7); /* 0 Sunday */
    if (wd != 0 && wd != 6) k++;
  }
  return k;
}

static int working_days(void *payload, int32_t from, int32_t to, double *out, gv_buf *err) {
  (void)payload;
  int32_t lo = 18262, hi = 22279; /* 2020-01-01, 2030-12-31 */
  if (from < lo || from > hi || to < lo || to > hi) {
    gv_buf_puts(err, "the calendar covers 2020 to 2030 only");
    return GOVOPEN_ERANGE;
  }
  *out = (double)(weekdays_upto(to) - weekdays_upto(from));
  return 0;
}

static gv_value globals[GLOBALS];

static void set_globals(void) {
  memset(globals, 0, sizeof globals);
  globals[0].type = GV_V_NUM;
  globals[0].u.num = 5;
  date_value("2023-12-15", &globals[1]);
  globals[2].type = GV_V_NUM;
  globals[2].u.num = 4;
  date_value("2023-01-01", &globals[3]);
  date_value("2023-12-31", &globals[4]);
  bool_value(1, &globals[5]);
  str_value("岚皋县", &globals[6]);
  globals[7].type = GV_V_NULL;
  globals[8].type = GV_V_NUM;
  globals[8].u.num = 10;
}

static int same(const gv_value *a, const gv_value *b) {
  if (a->type != b->type) return 0;
  switch (a->type) {
    case GV_V_NULL: return 1;
    case GV_V_BOOL: return a->u.b == b->u.b;
    case GV_V_NUM: return memcmp(&a->u.num, &b->u.num, sizeof a->u.num) == 0;
    case GV_V_STR: return a->u.str.len == b->u.str.len && memcmp(a->u.str.s, b->u.str.s, a->u.str.len) == 0;
    case GV_V_DATE: return a->u.date == b->u.date;
  }
  return 0;
}

static void eval(const gv_expr *e, size_t nsamples, int calendar) {
  gv_expr_ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.globals = globals;
  ctx.global_count = GLOBALS;
  ctx.sample_count = nsamples;
  ctx.field = field;
  ctx.working_days = calendar ? working_days : NULL;
  gv_value v, again;
  gv_buf msg = {0}, msg2 = {0};
  memset(&v, 0, sizeof v);
  int rc = gv_expr_eval(e, &ctx, &v, &msg);
  if (rc == 0) {
    FUZZ_CHECK(v.type == GV_V_NULL || v.type == gv_expr_type(e));
    if (v.type == GV_V_NUM) FUZZ_CHECK(isfinite(v.u.num));
    if (v.type == GV_V_BOOL) FUZZ_CHECK(v.u.b == 0 || v.u.b == 1);
    if (v.type == GV_V_STR) { /* every byte readable (a sanitizer checks) */
      volatile unsigned char sink = 0;
      for (size_t i = 0; i < v.u.str.len; i++) sink = (unsigned char)(sink ^ (unsigned char)v.u.str.s[i]);
      (void)sink;
    }
    if (v.type == GV_V_DATE) {
      char buf[16];
      gv_expr_format_date(v.u.date, buf);
    }
  } else {
    FUZZ_CHECK(rc < 0);
    FUZZ_CHECK(msg.len > 0 && strncmp(msg.data, "line ", 5) == 0);
  }
  memset(&again, 0, sizeof again);
  int rc2 = gv_expr_eval(e, &ctx, &again, &msg2);
  FUZZ_CHECK(rc2 == rc && (rc != 0 || same(&v, &again)));
  FUZZ_CHECK(msg.len == msg2.len && (msg.len == 0 || memcmp(msg.data, msg2.data, msg.len) == 0));
  gv_buf_free(&msg);
  gv_buf_free(&msg2);
}

static void compile(const uint8_t *data, size_t size, const gv_expr_pos *pos) {
  gv_arena a = {0};
  gv_diags d = {0};
  gv_expr *e = NULL;
  int e_rc = gv_expr_compile(&a, (const char *)data, size, &env, pos, &d, "fuzz.yaml", "p.rule.score", &e);
  FUZZ_CHECK((e_rc == GOVOPEN_OK) == (e != NULL));
  unsigned first_line = pos ? pos->line : 1;
  if (e == NULL) {
    FUZZ_CHECK(d.errors > 0 && d.head != NULL);
    for (const govopen_error *x = d.head; x; x = x->next) {
      if (x->line < first_line || x->column == 0)
        fprintf(stderr, "fuzz: a diagnostic outside the text (%u:%u, from %u): %s\n", x->line, x->column, first_line,
                x->message ? x->message : "?");
      FUZZ_CHECK(x->line >= first_line && x->column > 0);
      FUZZ_CHECK(x->message != NULL && x->message[0] != '\0');
      FUZZ_CHECK(x->code == GOVOPEN_ESCHEMA || x->code == GOVOPEN_ELIMIT);
    }
  } else {
    FUZZ_CHECK(d.errors == 0);
    FUZZ_CHECK(gv_expr_node_count(e) <= GV_EXPR_MAX_NODES);
    (void)gv_expr_uses_samples(e);
    set_globals();
    eval(e, 4, 1);
    eval(e, 0, 1);
    eval(e, 2, 0);
  }
  gv_diags_free(&d);
  gv_arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  compile(data, size, NULL);
  gv_expr_pos block = {7, 3, 4};
  compile(data, size, &block);
  return 0;
}
