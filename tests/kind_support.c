/* Rule kinds on their own: the harness of test_h15_kinds.c (kind_support.h). */
#include "kind_support.h"

#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/calendar.h"
#include "calendar/date.h"
#include "load/rule_load.h"
#include "load/schema.h"
#include "load/ytree.h"
#include "util/buf.h"
#include "util/hmap.h"

/* --- the calendar as the rules see it (as lib/eval gives it) ----------------------- */

static int cal_fail(int rc, int32_t day, gv_buf *err) {
  char d[GV_DATE_TEXT];
  gv_date_format(day, d);
  gv_buf_printf(err, "%s is outside the calendar", d);
  return rc;
}

static int ops_between(const void *cal, int32_t from, int32_t to, int64_t *out, gv_buf *err) {
  int n = 0;
  int rc = gv_calendar_workdays_between(cal, from, to, &n);
  if (rc) return cal_fail(rc, gv_calendar_covers(cal, from) ? to : from, err);
  *out = n;
  return 0;
}

static int ops_add(const void *cal, int32_t from, int64_t n, int32_t *out, gv_buf *err) {
  int rc = gv_calendar_add_workdays(cal, from, (int)(n > 100000 ? 100000 : n), out);
  return rc ? cal_fail(rc, from, err) : 0;
}

static int ops_next(const void *cal, int32_t d, int32_t *out, gv_buf *err) {
  int rc = gv_calendar_add_days(cal, d, 0, 1, out);
  return rc ? cal_fail(rc, d, err) : 0;
}

/* --- set-up ------------------------------------------------------------------------- */

int32_t kt_day(const char *text) {
  int32_t d = 0;
  int rc = gv_date_parse(text, strlen(text), &d, NULL);
  CU_ASSERT_EQUAL(rc, 0);
  return d;
}

void kt_open(kt *k, const char *as_of) {
  memset(k, 0, sizeof *k);
  govopen_error *err = NULL;
  int rc = govopen_calendar_load_builtin(&k->cal, "cn", NULL, &err);
  CU_ASSERT_EQUAL_FATAL(rc, GOVOPEN_OK);
  govopen_error_free(err);
  k->ctx.cal = (gv_calendar_ops){k->cal, ops_between, ops_add, ops_next};
  k->ctx.as_of = kt_day(as_of);
  k->ctx.period_start = kt_day("2023-01-01");
  k->ctx.period_end = kt_day("2023-12-31");
  k->ctx.max_named = 3;
}

void kt_close(kt *k) {
  gv_arena_free(&k->arena);
  govopen_calendar_free(k->cal);
  memset(k, 0, sizeof *k);
}

void kt_as_of(kt *k, const char *as_of) { k->ctx.as_of = kt_day(as_of); }

void kt_reset(kt *k) { k->n = 0; }

/* --- rules -------------------------------------------------------------------------- */

static int compile(kt *k, const char *yaml, int64_t max, int quiet, const gv_rule **out) {
  gv_ydoc doc = {0};
  gv_diags d = {0};
  gv_ylimits lim = {1u << 20, 64, 100000, 100};
  gv_rule *r = NULL;
  int rc = gv_yaml_parse(&doc, yaml, strlen(yaml), "rule.yaml", &lim, &d);
  if (rc == 0 && doc.root == NULL) rc = -1;
  if (rc == 0) {
    gv_schema sc = {0};
    sc.d = &d;
    sc.src = "rule.yaml";
    sc.arena = &k->arena;
    size_t mark = gv_sc_path_key(&sc, "rule");
    rc = gv_rule_compile(&sc, doc.root, max, &k->arena, &r);
    gv_sc_path_pop(&sc, mark);
    gv_buf_free(&sc.path);
  }
  if (rc != 0 && !quiet) {
    fprintf(stderr, "\n  the rule was refused:\n%s\n", yaml);
    for (const govopen_error *e = d.head; e; e = govopen_error_next(e))
      fprintf(stderr, "  %u:%u %s: %s\n", govopen_error_line(e), govopen_error_column(e), govopen_error_path(e),
              govopen_error_message(e));
  }
  gv_diags_free(&d);
  /* the rule lives in k->arena: nothing of the document is borrowed */
  gv_ydoc_free(&doc);
  *out = rc == 0 ? r : NULL;
  return rc;
}

const gv_rule *kt_rule(kt *k, const char *yaml, int64_t max) {
  const gv_rule *r = NULL;
  int rc = compile(k, yaml, max, 0, &r);
  CU_ASSERT_EQUAL(rc, 0);
  CU_ASSERT_PTR_NOT_NULL(r);
  return r;
}

int kt_refused(kt *k, const char *yaml, int64_t max) {
  const gv_rule *r = NULL;
  return compile(k, yaml, max, 1, &r) != 0 && r == NULL;
}

/* --- samples ------------------------------------------------------------------------ */

static int parse_moment(const char *t, int dates_only, gv_moment *m) {
  size_t len = strlen(t);
  int32_t day;
  if (gv_date_parse(t, len, &day, NULL) == 0) {
    m->date = day;
    m->date_only = 1;
    m->seconds = gv_day_start(day, GV_CST_OFFSET_MIN);
    return 0;
  }
  int64_t secs;
  if (!dates_only && len > 10 && t[10] == 'T' && gv_datetime_parse(t, len, &secs, NULL) == 0) {
    m->seconds = secs;
    m->date = gv_datetime_day(secs, GV_CST_OFFSET_MIN);
    m->date_only = 0;
    return 0;
  }
  return -1;
}

/* Splits `text` (in the arena, modified) at `sep` into an arena array. */
static const char **split(gv_arena *a, char *text, char sep, size_t *count) {
  size_t n = *text ? 1 : 0;
  for (const char *p = text; *p; p++) n += *p == sep;
  const char **items = gv_arena_array(a, n ? n : 1, sizeof *items);
  CU_ASSERT_PTR_NOT_NULL_FATAL(items);
  size_t i = 0;
  for (char *p = text; *text && i < n; i++) {
    char *e = strchr(p, sep);
    if (e) *e = '\0';
    items[i] = p;
    p = e ? e + 1 : p + strlen(p);
  }
  *count = n;
  return items;
}

static int set_field(kt *k, gv_fval *f, char *v) {
  f->present = 1;
  char *end = NULL;
  switch (f->type) {
    case GV_FT_BOOL:
      if (strcmp(v, "true") && strcmp(v, "false")) return -1;
      f->b = v[0] == 't';
      return 0;
    case GV_FT_NUM: f->num = strtod(v, &end); return *v && *end == '\0' ? 0 : -1;
    case GV_FT_STR: f->str = v; return 0;
    case GV_FT_DATE:
    case GV_FT_MOMENT: return parse_moment(v, f->type == GV_FT_DATE, &f->m);
    case GV_FT_STRLIST: f->list = split(&k->arena, v, ',', &f->list_count); return 0;
    case GV_FT_INTERVALS: {
      size_t n = 0;
      const char **parts = split(&k->arena, v, ',', &n);
      f->iv = gv_arena_array(&k->arena, n ? n : 1, sizeof *f->iv);
      CU_ASSERT_PTR_NOT_NULL_FATAL(f->iv);
      for (size_t i = 0; i < n; i++) {
        char *tilde = strchr(parts[i], '~');
        if (tilde == NULL) return -1;
        *tilde = '\0';
        if (parse_moment(parts[i], 0, &f->iv[i].from) || parse_moment(tilde + 1, 0, &f->iv[i].to)) return -1;
      }
      f->iv_count = n;
      return 0;
    }
    case GV_FT_EXTENT:
      /* as lib/eval reads it: `b` given and not false or 0, `num` the length, -1 for true */
      if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0) {
        f->b = v[0] == 't';
        f->num = f->b ? -1 : 0;
        return 0;
      }
      f->num = strtod(v, &end);
      f->b = f->num > 0;
      return *v && *end == '\0' && f->num >= 0 ? 0 : -1;
    default: return -1;
  }
}

gv_sample *kt_add(kt *k, const gv_rule *r, unsigned line, unsigned col, const char *spec) {
  CU_ASSERT_FATAL(k->n < KT_MAX_SAMPLES);
  CU_ASSERT_PTR_NOT_NULL_FATAL(r);
  gv_sample *s = &k->smp[k->n];
  memset(s, 0, sizeof *s);
  s->nf = r->field_count;
  s->f = gv_arena_array(&k->arena, s->nf ? s->nf : 1, sizeof *s->f);
  CU_ASSERT_PTR_NOT_NULL_FATAL(s->f);
  for (size_t i = 0; i < s->nf; i++) {
    s->f[i].name = r->fields[i].name;
    s->f[i].type = r->fields[i].type;
  }
  s->source = KT_SOURCE;
  s->line = line;
  s->col = col;
  s->observed = k->ctx.as_of;
  s->order = k->n;
  char *text = gv_arena_strdup(&k->arena, spec);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  for (char *tok = text, *next; *tok; tok = next) {
    /* the next token: up to a space */
    next = strchr(tok, ' ');
    next = next ? next : tok + strlen(tok);
    while (*next == ' ') *next++ = '\0';
    if (*tok == '\0') continue;
    char *eq = strchr(tok, '=');
    if (eq == NULL) {
      fprintf(stderr, "\n  '%s': expected name=value\n", tok);
      CU_FAIL("a sample spec without '='");
      continue;
    }
    *eq = '\0';
    char *value = eq + 1;
    if (strcmp(tok, "@observed") == 0) {
      s->observed = kt_day(value);
    } else if (strcmp(tok, "@ev") == 0) {
      s->evidence = split(&k->arena, value, '|', &s->evidence_count);
    } else if (strcmp(tok, "@note") == 0) {
      s->note = value;
    } else {
      size_t i = gv_rule_field_index(r, tok);
      if (i == (size_t)-1 || set_field(k, &s->f[i], value) != 0) {
        fprintf(stderr, "\n  '%s=%s': %s\n", tok, value, i == (size_t)-1 ? "no such field" : "not of its type");
        CU_FAIL("a sample spec that does not fit the rule");
      }
    }
  }
  k->n++;
  return s;
}

/* --- scoring and its streaming twin ---------------------------------------------------- */

static int same_str(const char *a, const char *b) { return a == b || (a && b && strcmp(a, b) == 0); }

/* Where two outcomes differ, or NULL. */
static const char *differ(const gv_outcome *a, const gv_outcome *b) {
  if (a->status != b->status) return "status";
  if (a->score != b->score) return "score";
  if (a->veto != b->veto) return "veto";
  if (a->error_code != b->error_code) return "error_code";
  if (a->samples != b->samples) return "samples";
  if (a->judged != b->judged) return "judged";
  if (a->reason_count != b->reason_count) return "reason_count";
  for (size_t i = 0; i < a->reason_count; i++) {
    const gv_reason *x = &a->reasons[i], *y = &b->reasons[i];
    if (x->severity != y->severity || !same_str(x->code, y->code) || !same_str(x->text, y->text)) return "a reason";
    if (x->sample_count != y->sample_count || x->evidence_count != y->evidence_count || !same_str(x->note, y->note))
      return "what a reason names";
    for (uint32_t s = 0; s < x->sample_count; s++)
      if (!same_str(x->samples[s].source, y->samples[s].source) || x->samples[s].line != y->samples[s].line ||
          x->samples[s].col != y->samples[s].col)
        return "a reason's samples";
    for (uint32_t e = 0; e < x->evidence_count; e++)
      if (!same_str(x->evidence[e], y->evidence[e])) return "a reason's evidence";
  }
  return NULL;
}

static void dump(const char *what, const gv_outcome *o) {
  fprintf(stderr, "  %s: status %d score %lld veto %d error %d samples %zu judged %zu\n", what, o->status,
          (long long)o->score, o->veto, o->error_code, o->samples, o->judged);
  for (size_t i = 0; i < o->reason_count; i++) {
    const gv_reason *x = &o->reasons[i];
    fprintf(stderr, "    [%zu] %d %s %s |", i, x->severity, x->code, x->text);
    for (uint32_t s = 0; s < x->sample_count; s++) fprintf(stderr, " %u:%u", x->samples[s].line, x->samples[s].col);
    fprintf(stderr, "\n");
  }
}

/* Adds sample i to *slot as the evaluator would: an impossible one is left
   out; gv_acc_check and gv_acc_add agree on whether it can be judged. */
static void stream_add(const char *file, unsigned line, kt *k, const gv_rule *r, gv_acc **slot, size_t i, gv_arena *a) {
  gv_blame at;
  gv_buf why = {0};
  int impossible = gv_sample_check(r, &k->smp[i], &k->ctx, &why, &at);
  gv_buf_free(&why);
  if (impossible) return;
  int check = gv_acc_check(r, &k->smp[i], &k->ctx, NULL);
  int rc = gv_acc_add(r, slot, &k->smp[i], &k->ctx, a, NULL);
  CU_assertImplementation(rc >= 0 && rc == check, line, "gv_acc_add as gv_acc_check says", file, "", CU_FALSE);
}

static void same_outcome(const char *file, unsigned line, const char *how, const gv_outcome *want,
                         const gv_outcome *got) {
  const char *d = differ(want, got);
  if (d) {
    fprintf(stderr, "\n  %s:%u: %s gives another %s\n", file, line, how, d);
    dump("one state", want);
    dump(how, got);
  }
  CU_assertImplementation(d == NULL, line, "the streamed outcome is the one-state outcome", file, "", CU_FALSE);
}

void kt_score_at(const char *file, unsigned line, kt *k, const gv_rule *r, gv_outcome *out) {
  memset(out, 0, sizeof *out);
  CU_assertImplementation(r != NULL, line, "a rule", file, "", CU_TRUE);
  int rc = gv_rule_score(r, k->smp, k->n, &k->ctx, &k->arena, out);
  CU_assertImplementation(rc == 0, line, "gv_rule_score(...) == 0", file, "", CU_FALSE);
  /* two states, split at every point; merged: the later into the earlier */
  for (size_t split = 0; split <= k->n; split++) {
    gv_arena a = {0};
    gv_acc *first = NULL, *second = NULL;
    for (size_t i = 0; i < k->n; i++) stream_add(file, line, k, r, i < split ? &first : &second, i, &a);
    rc = gv_acc_merge(r, &first, second, &k->ctx);
    gv_outcome o;
    rc = rc == 0 ? gv_acc_score(r, first, &k->ctx, &k->arena, NULL, &o) : rc;
    CU_assertImplementation(rc == 0, line, "gv_acc_merge and gv_acc_score", file, "", CU_FALSE);
    char how[64];
    snprintf(how, sizeof how, "two states split at %zu", split);
    if (rc == 0) same_outcome(file, line, how, out, &o);
    gv_arena_free(&a);
  }
  /* the states of parts that held the cell but none of its samples (opened
     empty) merged before and after the one holding them */
  {
    gv_arena a = {0};
    gv_acc *before = NULL, *mid = NULL, *after = NULL;
    rc = gv_acc_open(r, &before, &a) || gv_acc_open(r, &after, &a);
    for (size_t i = 0; i < k->n; i++) stream_add(file, line, k, r, &mid, i, &a);
    if (rc == 0) rc = gv_acc_merge(r, &before, mid, &k->ctx);
    if (rc == 0) rc = gv_acc_merge(r, &before, after, &k->ctx);
    gv_outcome o;
    if (rc == 0) rc = gv_acc_score(r, before, &k->ctx, &k->arena, NULL, &o);
    CU_assertImplementation(rc == 0, line, "gv_acc_open, gv_acc_merge and gv_acc_score", file, "", CU_FALSE);
    if (rc == 0) same_outcome(file, line, "empty states around", out, &o);
    gv_arena_free(&a);
  }
  /* one state per sample, each in an arena of its own, merged in input order;
     texts shared through an intern map, as the evaluator does */
  gv_arena arenas[KT_MAX_SAMPLES] = {{0}};
  gv_acc *acc = NULL;
  rc = 0;
  for (size_t i = 0; i < k->n && rc == 0; i++) {
    gv_acc *one = NULL;
    stream_add(file, line, k, r, &one, i, &arenas[i]);
    rc = gv_acc_merge(r, &acc, one, &k->ctx);
  }
  gv_hmap intern = {0};
  gv_outcome o;
  rc = rc == 0 ? gv_acc_score(r, acc, &k->ctx, &k->arena, &intern, &o) : rc;
  CU_assertImplementation(rc == 0, line, "gv_acc_merge and gv_acc_score, one state per sample", file, "", CU_FALSE);
  if (rc == 0) same_outcome(file, line, "one state per sample", out, &o);
  gv_hmap_free(&intern);
  for (size_t i = 0; i < k->n; i++) gv_arena_free(&arenas[i]);
}

/* --- assertions ---------------------------------------------------------------------- */

void kt_outcome_at(const char *file, unsigned line, const gv_outcome *o, int status, int64_t score, int veto,
                   size_t reasons) {
  int ok = o->status == status && o->score == score && !o->veto == !veto && o->reason_count == reasons;
  if (!ok) {
    fprintf(stderr, "\n  %s:%u: expected status %d score %lld veto %d with %zu reasons\n", file, line, status,
            (long long)score, veto, reasons);
    dump("got", o);
  }
  CU_assertImplementation(ok, line, "the outcome", file, "", CU_FALSE);
}

void kt_reason_at(const char *file, unsigned line, const gv_outcome *o, size_t i, int severity, const char *code,
                  const char *text, const char *named) {
  if (i >= o->reason_count) {
    fprintf(stderr, "\n  %s:%u: no reason %zu\n", file, line, i);
    dump("got", o);
    CU_assertImplementation(CU_FALSE, line, "the reason exists", file, "", CU_FALSE);
    return;
  }
  const gv_reason *x = &o->reasons[i];
  gv_buf b = {0};
  int sources = 1;
  for (uint32_t s = 0; s < x->sample_count; s++) {
    gv_buf_printf(&b, "%s%u:%u", s ? " " : "", x->samples[s].line, x->samples[s].col);
    sources &= same_str(x->samples[s].source, KT_SOURCE);
  }
  const char *got = gv_buf_str(&b);
  int ok = x->severity == severity && same_str(x->code, code) && same_str(x->text, text) && strcmp(got, named) == 0 &&
           sources;
  if (!ok)
    fprintf(stderr, "\n  %s:%u: reason %zu\n    expected %d %s %s | %s\n    got      %d %s %s | %s\n", file, line, i,
            severity, code, text, named, x->severity, x->code, x->text, got);
  CU_assertImplementation(ok, line, "the reason", file, "", CU_FALSE);
  gv_buf_free(&b);
}

void kt_reason_data_at(const char *file, unsigned line, const gv_outcome *o, size_t i, const char *evidence,
                       const char *note) {
  CU_assertImplementation(i < o->reason_count, line, "the reason exists", file, "", CU_TRUE);
  const gv_reason *x = &o->reasons[i];
  gv_buf b = {0};
  for (uint32_t e = 0; e < x->evidence_count; e++) gv_buf_printf(&b, "%s%s", e ? "|" : "", x->evidence[e]);
  const char *got = gv_buf_str(&b);
  int ok = strcmp(got, evidence) == 0 && same_str(x->note, note);
  if (!ok)
    fprintf(stderr, "\n  %s:%u: reason %zu's data\n    expected %s / %s\n    got      %s / %s\n", file, line, i,
            evidence, note ? note : "(none)", got, x->note ? x->note : "(none)");
  CU_assertImplementation(ok, line, "the reason's evidence and note", file, "", CU_FALSE);
  gv_buf_free(&b);
}
