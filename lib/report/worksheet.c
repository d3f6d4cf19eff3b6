/* The evaluators' worksheet (docs/reports.md, "The worksheet"): one CSV row
 * per unit × point a sampling method plans, with the columns the points'
 * rules read, for a spreadsheet to fill in and for the CSV observation
 * reader (load/csv_records.c) to read back. Machine-read columns are named
 * by the observation's field names, the same in every language; columns
 * for people start with '#', which the reader passes over. Streamed row by
 * row through the CSV writer (report/csv.h). */
#include <string.h>

#include "model/model.h"
#include "report/csv.h"
#include "rules/rule.h"
#include "util/buf.h"
#include "util/hmap.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The fields every observation may have: they close the row, whatever the
   rules (a rule field of one of these names could not be read anyway). */
static const char *const common_fields[] = {"evidence", "note", "observed", "evaluator"};
static const char *const reserved_fields[] = {"unit", "point", "samples", "adjustment"};

/* The columns for people, before the rules' fields. */
static const char *const people_zh[] = {"#单位", "#评估点", "#填写说明"};
static const char *const people_en[] = {"#unit_name", "#point_text", "#how_to_fill"};

typedef int (*pair_fn)(const govopen_unit *u, const govopen_point *p, void *payload);

/* The pairs of `method` in plan order (gv_framework_plan), or with
   NULL every point's units, point by point. */
static int each_pair(const govopen_framework *fw, const char *method, pair_fn fn, void *payload) {
  if (method) return gv_framework_plan(fw, method, fn, payload);
  for (size_t i = 0; i < fw->point_count; i++) {
    const govopen_point *p = fw->points[i];
    for (size_t u = 0; u < p->unit_count; u++) {
      int rc = fn(p->units[u], p, payload);
      if (rc) return rc;
    }
  }
  return 0;
}

static int listed(const char *const *names, size_t n, const char *name) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(names[i], name) == 0) return 1;
  return 0;
}

/* --- the columns: every field the planned points' rules read, once, in the
   order they are first met --------------------------------------------------- */

typedef struct columns {
  gv_hmap seen;
  gv_vec names;
  const govopen_point *last;
  int status; /* GOVOPEN_OK, or GOVOPEN_ENOMEM once a column could not be kept */
} columns;

static int collect(const govopen_unit *u, const govopen_point *p, void *payload) {
  (void)u;
  columns *c = payload;
  if (p == c->last) return 0;
  c->last = p;
  const gv_rule *r = p->compiled;
  for (size_t i = 0; i < r->field_count; i++) {
    const char *name = r->fields[i].name;
    if (listed(common_fields, COUNT(common_fields), name) || listed(reserved_fields, COUNT(reserved_fields), name))
      continue;
    int put = gv_hmap_put(&c->seen, name, strlen(name), (void *)name, NULL);
    if (put < 0 || (put == 1 && gv_vec_push(&c->names, (void *)name) != 0)) {
      c->status = GOVOPEN_ENOMEM;
      return GOVOPEN_ENOMEM;
    }
  }
  return 0;
}

/* --- how to fill a point's row ------------------------------------------------------- */

static const char *type_label(gv_ftype t, int en) {
  switch (t) {
    case GV_FT_BOOL: return en ? "TRUE or FALSE" : "是或否";
    case GV_FT_NUM: return en ? "a number" : "数字";
    case GV_FT_STR: return en ? "text" : "文本";
    case GV_FT_DATE: return en ? "a date" : "日期";
    case GV_FT_MOMENT: return en ? "a date or date-time" : "日期或日期时间";
    case GV_FT_STRLIST: return en ? "a list separated by ;" : "列表，以；分隔";
    case GV_FT_INTERVALS: return en ? "intervals FROM~TO separated by ;" : "时段“起~止”，以；分隔";
    case GV_FT_EXTENT: return en ? "TRUE, FALSE or the length of the extension" : "是、否或延长的期限（数字）";
    default: return en ? "anything" : "任意";
  }
}

/* "时限：start（日期或日期时间，必填）；end（…）。一行一个样本…" — the rule's
   kind, each field with its type, the kind's own hint (a checklist's items,
   how several samples are written), the rule's note. */
static void how_to_fill(gv_buf *b, const gv_rule *r, int en) {
  gv_buf_truncate(b, 0);
  gv_buf_puts(b, gv_rule_kind_label(r->kind, en));
  gv_buf_puts(b, en ? ": " : "：");
  for (size_t i = 0; i < r->field_count; i++) {
    const gv_fspec *f = &r->fields[i];
    if (i) gv_buf_puts(b, en ? "; " : "；");
    gv_buf_puts(b, f->name);
    gv_buf_puts(b, en ? " (" : "（");
    gv_buf_puts(b, type_label(f->type, en));
    if (f->required) gv_buf_puts(b, en ? ", required" : "，必填");
    gv_buf_puts(b, en ? ")" : "）");
  }
  gv_rule_fill_hint(r, en, b);
  if (r->note && r->note[0]) {
    gv_buf_puts(b, en ? ". Note: " : "。说明：");
    gv_buf_puts(b, r->note);
  }
}

/* --- the rows ---------------------------------------------------------------------------- */

typedef struct sheet {
  gv_csv w;
  size_t nfields; /* the rules' columns */
  int en;
  const govopen_point *last;
  gv_buf how; /* the last point's how_to_fill */
} sheet;

static int write_row(const govopen_unit *u, const govopen_point *p, void *payload) {
  sheet *s = payload;
  if (p != s->last) {
    how_to_fill(&s->how, p->compiled, s->en);
    s->last = p;
  }
  if (gv_buf_status(&s->how) != GOVOPEN_OK) gv_csv_fail(&s->w, GOVOPEN_ENOMEM);
  gv_csv_text(&s->w, u->id);
  gv_csv_text(&s->w, u->name);
  gv_csv_text(&s->w, p->id);
  gv_csv_text(&s->w, p->text);
  gv_csv_text_n(&s->w, s->how.data ? s->how.data : "", s->how.len);
  for (size_t i = 0; i < s->nfields + COUNT(common_fields); i++) gv_csv_empty(&s->w);
  gv_csv_end(&s->w);
  return gv_csv_status(&s->w) != GOVOPEN_OK; /* stop at the first failure */
}

int gv_framework_write_worksheet(const govopen_framework *fw, const char *method, unsigned flags, size_t chunk,
                                 govopen_write_fn write, void *user) {
  if (fw == NULL || write == NULL || (flags & ~(GOVOPEN_REPORT_LANG_EN | GOVOPEN_CSV_NO_BOM)) != 0)
    return GOVOPEN_EINVALID;
  columns c = {{0}, {0}, NULL, GOVOPEN_OK};
  int rc = each_pair(fw, method, collect, &c);
  if (rc == GOVOPEN_ENOTFOUND && c.status == GOVOPEN_OK) {
    gv_hmap_free(&c.seen);
    gv_vec_free(&c.names);
    return GOVOPEN_ENOTFOUND; /* nothing written */
  }
  sheet s;
  memset(&s, 0, sizeof s);
  s.en = (flags & GOVOPEN_REPORT_LANG_EN) != 0;
  s.nfields = c.names.len;
  gv_csv_init(&s.w, (flags & GOVOPEN_CSV_NO_BOM) == 0, chunk, write, user);
  if (c.status != GOVOPEN_OK) gv_csv_fail(&s.w, c.status);
  const char *const *people = s.en ? people_en : people_zh;
  gv_csv_text(&s.w, "unit");
  gv_csv_text(&s.w, people[0]);
  gv_csv_text(&s.w, "point");
  gv_csv_text(&s.w, people[1]);
  gv_csv_text(&s.w, people[2]);
  for (size_t i = 0; i < c.names.len; i++) gv_csv_text(&s.w, c.names.items[i]);
  for (size_t i = 0; i < COUNT(common_fields); i++) gv_csv_text(&s.w, common_fields[i]);
  gv_csv_end(&s.w);
  if (gv_csv_status(&s.w) == GOVOPEN_OK) each_pair(fw, method, write_row, &s);
  gv_hmap_free(&c.seen);
  gv_vec_free(&c.names);
  gv_buf_free(&s.how);
  return gv_csv_finish(&s.w);
}
