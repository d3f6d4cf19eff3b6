/* The calendar loader: a YAML document tree → a validated calendar model.
 * Every problem is recorded with its position and document path; loading
 * carries on after an error where it can, so one run reports them all. */
#include "load/calendar_load.h"

#include <stdlib.h>
#include <string.h>

#include "calendar/calendar.h"
#include "calendar/date.h"
#include "load/schema.h"
#include "load/ytree.h"

typedef struct cl {
  gv_schema sc;
  govopen_calendar *cal;
  govopen_calendar *base; /* the base's model while loading; freed at the end */
  int ready;              /* the table exists: dates can be placed in it */
  /* Per covered day, while loading: where this document lists it. */
  const gv_ynode **listed_at;
  const char **listed_name;
} cl;

static const char *const WEEKDAYS[8] = {"", "mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const WEEKDAY_NAMES[8] = {"",         "Monday", "Tuesday",  "Wednesday",
                                             "Thursday", "Friday", "Saturday", "Sunday"};

static const char *kind_word(gv_day_kind k) { return k == GV_DAY_WORK ? "working day" : "day off"; }

/* --- metadata -------------------------------------------------------------- */

/* `years: [first, last]`: GOVOPEN_OK with both set, else gv_sc_failed(). */
static int read_years(cl *l, const gv_ynode *v, int *first, int *last) {
  size_t mark = gv_sc_path_key(&l->sc, "years");
  int ok = 1, shape = 1;
  int64_t y[2] = {0, 0};
  if (v->kind != GV_YSEQ || v->count != 2) {
    if (v->kind == GV_YSEQ)
      gv_sc_err_at(&l->sc, v, "calendar.years_count", "expected the years as [first, last], found a list of %zu item%s",
                   v->count, v->count == 1 ? "" : "s");
    else
      gv_sc_err_at(&l->sc, v, "calendar.years_type", "expected the years as [first, last], found %s",
                   gv_ynode_describe(v));
    ok = shape = 0;
  }
  for (size_t i = 0; shape && i < 2; i++) {
    const gv_ynode *item = v->items[i];
    size_t m2 = gv_sc_path_index(&l->sc, i);
    if (item->kind != GV_YSCALAR || item->type != GV_YT_INT) {
      gv_sc_err_at(&l->sc, item, "calendar.year_type", "expected a year (an integer), found %s",
                   gv_ynode_describe(item));
      ok = 0;
    } else if (gv_parse_int(item->text, item->len, &y[i]) != 0 || y[i] < GV_YEAR_MIN || y[i] > GV_YEAR_MAX) {
      gv_sc_err_at(&l->sc, item, "calendar.year_range", "the year %s is not 1 to 9999", item->text);
      ok = 0;
    }
    gv_sc_path_pop(&l->sc, m2);
  }
  if (ok && y[0] > y[1]) {
    gv_sc_err_at(&l->sc, v, "calendar.years_backwards", "the first year %lld is after the last year %lld",
                 (long long)y[0], (long long)y[1]);
    ok = 0;
  } else if (ok && y[1] - y[0] >= GV_CALENDAR_MAX_YEARS) {
    gv_sc_err_at(&l->sc, v, "calendar.years_too_many",
                 "the years %lld to %lld span %lld years; a calendar covers at most %d", (long long)y[0],
                 (long long)y[1], (long long)(y[1] - y[0] + 1), GV_CALENDAR_MAX_YEARS);
    ok = 0;
  }
  gv_sc_path_pop(&l->sc, mark);
  *first = (int)y[0];
  *last = (int)y[1];
  return ok ? GOVOPEN_OK : gv_sc_failed(&l->sc);
}

/* `weekend: [sat, sun]` into bits (1 << ISO weekday): GOVOPEN_OK, else gv_sc_failed(). */
static int read_weekend(cl *l, const gv_ynode *v, unsigned *mask) {
  size_t mark = gv_sc_path_key(&l->sc, "weekend");
  int ok = 1;
  *mask = 0;
  if (v->kind != GV_YSEQ) {
    gv_sc_err_at(&l->sc, v, "calendar.weekend_type", "expected a list of weekdays such as [sat, sun], found %s",
                 gv_ynode_describe(v));
    ok = 0;
  }
  for (size_t i = 0; v->kind == GV_YSEQ && i < v->count; i++) {
    const gv_ynode *item = v->items[i];
    size_t m2 = gv_sc_path_index(&l->sc, i);
    int day = 0;
    for (int k = 1; k <= 7 && item->kind == GV_YSCALAR; k++)
      if (strlen(WEEKDAYS[k]) == item->len && memcmp(WEEKDAYS[k], item->text, item->len) == 0) day = k;
    if (day == 0) {
      if (item->kind == GV_YSCALAR && item->type == GV_YT_STR && memchr(item->text, '\0', item->len) == NULL)
        gv_sc_err_at(&l->sc, item, "calendar.weekday_unknown",
                     "unknown weekday '%s' (expected mon, tue, wed, thu, fri, sat or sun)", item->text);
      else
        gv_sc_err_at(&l->sc, item, "calendar.weekday_type",
                     "expected a weekday (mon, tue, wed, thu, fri, sat or sun), found %s", gv_ynode_describe(item));
      ok = 0;
    } else if (*mask & (1u << day)) {
      gv_sc_err_at(&l->sc, item, "calendar.weekday_repeated", "the weekday '%s' is listed twice", WEEKDAYS[day]);
      ok = 0;
    } else {
      *mask |= 1u << day;
    }
    gv_sc_path_pop(&l->sc, m2);
  }
  gv_sc_path_pop(&l->sc, mark);
  return ok ? GOVOPEN_OK : gv_sc_failed(&l->sc);
}

/* Loads the base calendar `id` names: GOVOPEN_OK, else reports why and returns gv_sc_failed(). */
static int load_base(cl *l, const gv_ynode *at, const char *id, gv_calendar_base_fn base_fn, void *payload) {
  size_t mark = gv_sc_path_key(&l->sc, "base");
  int r = GOVOPEN_ENOTFOUND;
  if (base_fn == NULL)
    gv_sc_err_at(&l->sc, at, "calendar.base_has_base", "the base calendar '%s' cannot have a base of its own",
                 l->cal->id);
  else if ((r = base_fn(&l->base, id, payload)) == GOVOPEN_ENOTFOUND)
    gv_sc_err_at(&l->sc, at, "calendar.base_unknown",
                 "unknown base calendar '%s': a base must be a built-in calendar such as 'cn'", id);
  else if (r == GOVOPEN_ENOMEM)
    gv_sc_set_oom(&l->sc);
  else if (r != 0)
    gv_sc_err_at(&l->sc, at, "calendar.base_failed", "the base calendar '%s' cannot be loaded (%s)", id,
                 gv_status_str(r));
  gv_sc_path_pop(&l->sc, mark);
  return r == GOVOPEN_OK ? GOVOPEN_OK : gv_sc_failed(&l->sc);
}

/* The calendar's own provenance, then its base's. */
static void set_provenance(cl *l, const gv_strlist *own) {
  govopen_calendar *c = l->cal;
  size_t n = own->count + (l->base ? l->base->provenance_count : 0);
  if (n == 0) return;
  c->provenance = gv_arena_array(&c->arena, n, sizeof(char *));
  if (c->provenance == NULL) {
    gv_sc_set_oom(&l->sc);
    return;
  }
  for (size_t i = 0; i < own->count; i++) c->provenance[c->provenance_count++] = own->items[i];
  for (size_t i = 0; l->base && i < l->base->provenance_count; i++) {
    const char *s = gv_arena_strdup(&c->arena, l->base->provenance[i]);
    if (s == NULL) {
      gv_sc_set_oom(&l->sc);
      return;
    }
    c->provenance[c->provenance_count++] = s;
  }
}

/* Creates the table for the years, starting from the base's days when there is a base. */
static void make_table(cl *l, int first, int last, unsigned weekend) {
  govopen_calendar *c = l->cal;
  if (gv_calendar_init(c, first, last, weekend) != 0) {
    gv_sc_set_oom(&l->sc);
    return;
  }
  l->listed_at = calloc(c->days, sizeof *l->listed_at);
  l->listed_name = calloc(c->days, sizeof *l->listed_name);
  if (l->listed_at == NULL || l->listed_name == NULL) {
    gv_sc_set_oom(&l->sc);
    return;
  }
  for (int32_t d = c->first_day; l->base && d <= c->last_day; d++) {
    const char *name = gv_calendar_name(l->base, d);
    if (gv_calendar_mark(c, d, gv_calendar_kind(l->base, d), name[0] ? name : NULL) != 0) {
      gv_sc_set_oom(&l->sc);
      return;
    }
  }
  l->ready = 1;
}

/* The `calendar:` section: metadata, base, years and weekend, then the table. */
static void read_calendar(cl *l, const gv_ynode *m, gv_calendar_base_fn base_fn, void *payload) {
  govopen_calendar *c = l->cal;
  gv_field f[] = {{"id", 0, 0},    {"name", 0, 0},    {"region", 0, 0}, {"base", 0, 0},
                  {"years", 0, 0}, {"weekend", 0, 0}, {"source", 0, 0}, {"note", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  const char *what = "the calendar's metadata";
  if (gv_sc_read_fields(&l->sc, m, f, nf, what) != GOVOPEN_OK) return;
  gv_sc_get_id(&l->sc, m, gv_sc_fld(f, nf, "id"), GV_REQUIRED, what, &c->id);
  gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "name"), GV_REQUIRED, 1, what, &c->name);
  gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "region"), GV_OPTIONAL, 1, what, &c->region);
  gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "note"), GV_OPTIONAL, 0, what, &c->note);
  gv_strlist source = {0};
  gv_sc_get_strlist(&l->sc, m, gv_sc_fld(f, nf, "source"), GV_OPTIONAL, 1, what, &source, NULL);

  const gv_field *fb = gv_sc_fld(f, nf, "base"), *fy = gv_sc_fld(f, nf, "years"), *fw = gv_sc_fld(f, nf, "weekend");
  int ok = 1;
  if (fb->value) {
    if (gv_sc_get_id(&l->sc, m, fb, GV_OPTIONAL, what, &c->base) != 0 ||
        load_base(l, fb->value, c->base, base_fn, payload) != 0)
      ok = 0;
  }
  int first = 0, last = 0;
  unsigned weekend = GV_WEEKEND_SAT_SUN;
  if (fy->value) {
    if (read_years(l, fy->value, &first, &last) != 0) ok = 0;
  } else if (fb->value == NULL) {
    gv_sc_err_at(&l->sc, m, "calendar.years_missing", "%s has no 'years' (it is required without a 'base')", what);
    ok = 0;
  }
  if (fw->value) {
    if (read_weekend(l, fw->value, &weekend) != 0) {
      ok = 0;
    } else if (fb->value) {
      size_t mark = gv_sc_path_key(&l->sc, "weekend");
      gv_sc_err_at(&l->sc, fw->value, "calendar.base_weekend",
                   "a calendar with a base inherits the base's weekend: remove 'weekend'");
      gv_sc_path_pop(&l->sc, mark);
      ok = 0;
    }
  }
  if (ok && l->base) {
    weekend = l->base->weekend;
    if (fy->value == NULL) {
      first = l->base->first_year;
      last = l->base->last_year;
    } else if (first < l->base->first_year || last > l->base->last_year) {
      size_t mark = gv_sc_path_key(&l->sc, "years");
      gv_sc_err_at(&l->sc, fy->value, "calendar.years_outside_base",
                   "the years %d to %d are not within the base calendar '%s', which covers %d to %d", first, last,
                   c->base, l->base->first_year, l->base->last_year);
      gv_sc_path_pop(&l->sc, mark);
      ok = 0;
    }
  }
  set_provenance(l, &source);
  if (ok && gv_sc_status(&l->sc) == GOVOPEN_OK) make_table(l, first, last, weekend);
}

/* --- holidays ---------------------------------------------------------------- */

/* A date or a range "YYYY-MM-DD..YYYY-MM-DD" into [*from, *to]: GOVOPEN_OK, else gv_sc_failed(). */
static int read_span(cl *l, const gv_ynode *v, int32_t *from, int32_t *to) {
  if (v->kind != GV_YSCALAR || v->type != GV_YT_STR || memchr(v->text, '\0', v->len) != NULL) {
    gv_sc_err_at(&l->sc, v, "calendar.span_type",
                 "expected a date (YYYY-MM-DD) or a range (YYYY-MM-DD..YYYY-MM-DD), found %s%s", gv_ynode_describe(v),
                 v->kind == GV_YSCALAR && v->type == GV_YT_STR ? " holding a NUL" : "");
    return gv_sc_failed(&l->sc);
  }
  char why[GV_DATE_WHY];
  const char *dots = NULL;
  for (size_t i = 0; i + 1 < v->len && dots == NULL; i++)
    if (v->text[i] == '.' && v->text[i + 1] == '.') dots = v->text + i;
  if (dots == NULL) {
    if (gv_date_parse(v->text, v->len, from, why) != 0) {
      gv_sc_err_at(&l->sc, v, "date.invalid", "invalid date '%s': %s", v->text, why);
      return gv_sc_failed(&l->sc);
    }
    *to = *from;
    return GOVOPEN_OK;
  }
  size_t n1 = (size_t)(dots - v->text);
  if (gv_date_parse(v->text, n1, from, why) != 0) {
    gv_sc_err_at(&l->sc, v, "calendar.range_start_invalid", "invalid range '%s': its start: %s", v->text, why);
    return gv_sc_failed(&l->sc);
  }
  if (gv_date_parse(dots + 2, v->len - n1 - 2, to, why) != 0) {
    gv_sc_err_at(&l->sc, v, "calendar.range_end_invalid", "invalid range '%s': its end: %s", v->text, why);
    return gv_sc_failed(&l->sc);
  }
  if (*to < *from) {
    gv_sc_err_at(&l->sc, v, "calendar.range_backwards", "the range '%s' runs backwards: its end is before its start",
                 v->text);
    return gv_sc_failed(&l->sc);
  }
  return GOVOPEN_OK;
}

/* Whether `day` would be a day off without this document: by the base, or by the weekend rule. */
static int otherwise_off(const cl *l, int32_t day) {
  gv_day_kind k = gv_calendar_kind(l->cal, day);
  return k == GV_DAY_OFF || (k == GV_DAY_PLAIN && gv_calendar_weekend_day(l->cal, day));
}

/* Checks every day of [from, to] may be listed as `kind`; reports the first
   problem and returns gv_sc_failed(). */
static int check_span(cl *l, const gv_ynode *v, int32_t from, int32_t to, gv_day_kind kind) {
  govopen_calendar *c = l->cal;
  char date[GV_DATE_TEXT];
  if (from < c->first_day || to > c->last_day) {
    gv_date_format(from < c->first_day ? from : to, date);
    gv_sc_err_at(&l->sc, v, "calendar.date_outside_years", "the date %s is outside the calendar's years %d to %d", date,
                 c->first_year, c->last_year);
    return gv_sc_failed(&l->sc);
  }
  for (int32_t d = from; d <= to; d++) {
    size_t i = (size_t)(d - c->first_day);
    gv_date_format(d, date);
    const gv_ynode *at = l->listed_at[i];
    if (at != NULL) {
      gv_day_kind was = gv_calendar_kind(c, d);
      if (was == kind)
        gv_sc_err_at(&l->sc, v, "calendar.day_repeated", "%s is listed twice: already a %s (%s) at line %u, column %u",
                     date, kind_word(was), l->listed_name[i], at->line, at->col);
      else
        gv_sc_err_at(&l->sc, v, "calendar.day_conflict",
                     "%s cannot be both a %s and a %s: it is listed as a %s (%s) at line %u, column %u", date,
                     kind_word(kind), kind_word(was), kind_word(was), l->listed_name[i], at->line, at->col);
      return gv_sc_failed(&l->sc);
    }
    if (kind == GV_DAY_WORK && !otherwise_off(l, d)) {
      if (gv_calendar_kind(c, d) == GV_DAY_WORK)
        gv_sc_err_at(&l->sc, v, "calendar.work_already_in_base",
                     "%s is already a working day in the base calendar '%s'", date, c->base);
      else
        gv_sc_err_at(&l->sc, v, "calendar.work_not_off",
                     "%s is a %s, a working day anyway: list under 'work' only days that would otherwise be off", date,
                     WEEKDAY_NAMES[gv_weekday(d)]);
      return gv_sc_failed(&l->sc);
    }
  }
  return GOVOPEN_OK;
}

/* One item of `off` or `work`: parsed, checked and, when all is well, entered. */
static void read_item(cl *l, const gv_ynode *v, gv_day_kind kind, const char *name) {
  int32_t from, to;
  if (read_span(l, v, &from, &to) != 0 || !l->ready) return;
  if (check_span(l, v, from, to, kind) != 0) return;
  govopen_calendar *c = l->cal;
  for (int32_t d = from; d <= to; d++) {
    size_t i = (size_t)(d - c->first_day);
    if (gv_calendar_mark(c, d, kind, name) != 0) {
      gv_sc_set_oom(&l->sc);
      return;
    }
    l->listed_at[i] = v;
    l->listed_name[i] = name;
  }
}

/* `off:` or `work:` — a date, a range, or a list of them. */
static void read_days(cl *l, const gv_field *f, gv_day_kind kind, const char *name) {
  if (f->value == NULL) return;
  size_t mark = gv_sc_path_key(&l->sc, f->key);
  const gv_ynode *v = f->value;
  if (v->kind == GV_YSCALAR) {
    read_item(l, v, kind, name);
  } else if (v->kind != GV_YSEQ) {
    gv_sc_err_at(&l->sc, v, "calendar.days_type", "expected a date, a range or a list of them, found %s",
                 gv_ynode_describe(v));
  } else if (v->count == 0) {
    gv_sc_err_at(&l->sc, v, "calendar.days_empty", "the list of dates is empty");
  } else {
    for (size_t i = 0; i < v->count; i++) {
      size_t m2 = gv_sc_path_index(&l->sc, i);
      read_item(l, v->items[i], kind, name);
      gv_sc_path_pop(&l->sc, m2);
    }
  }
  gv_sc_path_pop(&l->sc, mark);
}

static void read_holiday(cl *l, const gv_ynode *m) {
  gv_field f[] = {{"name", 0, 0}, {"off", 0, 0}, {"work", 0, 0}, {"note", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  const char *what = "a holiday";
  if (gv_sc_read_fields(&l->sc, m, f, nf, what) != GOVOPEN_OK) return;
  const char *name = NULL, *note = NULL;
  int named = gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "name"), GV_REQUIRED, 1, what, &name) == 0;
  gv_sc_get_str(&l->sc, m, gv_sc_fld(f, nf, "note"), GV_OPTIONAL, 0, what, &note);
  const gv_field *foff = gv_sc_fld(f, nf, "off"), *fwork = gv_sc_fld(f, nf, "work");
  if (foff->value == NULL && fwork->value == NULL) {
    gv_sc_err_at(&l->sc, m, "calendar.holiday_empty", "the holiday '%s' has neither 'off' nor 'work' days",
                 name ? name : "");
    return;
  }
  /* Without a valid name the dates are still checked, but not entered. */
  int ready = l->ready;
  if (!named) l->ready = 0;
  read_days(l, foff, GV_DAY_OFF, name);
  read_days(l, fwork, GV_DAY_WORK, name);
  l->ready = ready;
}

static void read_holidays(cl *l, const gv_ynode *v) {
  if (v == NULL) return;
  size_t mark = gv_sc_path_key(&l->sc, "holidays");
  if (v->kind != GV_YSEQ) {
    gv_sc_err_at(&l->sc, v, "calendar.holidays_type", "expected a list of holidays, found %s", gv_ynode_describe(v));
  } else {
    for (size_t i = 0; i < v->count; i++) {
      size_t m2 = gv_sc_path_index(&l->sc, i);
      read_holiday(l, v->items[i]);
      gv_sc_path_pop(&l->sc, m2);
    }
  }
  gv_sc_path_pop(&l->sc, mark);
}

/* --- the document ---------------------------------------------------------------- */

static void read_document(cl *l, const gv_ynode *root, gv_calendar_base_fn base_fn, void *payload) {
  gv_field f[] = {{"schema", 0, 0}, {"calendar", 0, 0}, {"holidays", 0, 0}};
  const size_t nf = sizeof f / sizeof f[0];
  if (gv_sc_read_fields(&l->sc, root, f, nf, "a calendar document") != GOVOPEN_OK) return;
  const gv_field *fs = gv_sc_fld(f, nf, "schema");
  int64_t schema = 0;
  if (gv_sc_get_int(&l->sc, root, fs, GV_REQUIRED, "the document", &schema) == 0) {
    if (schema > GV_CALENDAR_SCHEMA_VERSION) {
      gv_diag_add(l->sc.d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_EVERSION, l->sc.src, fs->value->line, fs->value->col,
                  "schema", "schema.version_too_new",
                  "the document's format is schema %lld, newer than this library reads (%d): upgrade libgovopen",
                  (long long)schema, GV_CALENDAR_SCHEMA_VERSION);
      return; /* the rest follows rules we do not know */
    }
    if (schema < 1) {
      size_t mark = gv_sc_path_key(&l->sc, "schema");
      gv_sc_err_at(&l->sc, fs->value, "schema.version_invalid", "the schema version must be 1 or more, not %lld",
                   (long long)schema);
      gv_sc_path_pop(&l->sc, mark);
    }
  }
  const gv_field *fc = gv_sc_fld(f, nf, "calendar");
  if (fc->value == NULL) {
    gv_sc_err_at(&l->sc, root, "calendar.document_missing", "the document has no 'calendar' (it is required)");
  } else {
    size_t mark = gv_sc_path_key(&l->sc, "calendar");
    read_calendar(l, fc->value, base_fn, payload);
    gv_sc_path_pop(&l->sc, mark);
  }
  read_holidays(l, gv_sc_fld(f, nf, "holidays")->value);
  if (l->ready && gv_sc_status(&l->sc) == GOVOPEN_OK) gv_calendar_finish(l->cal);
}

int gv_calendar_load(govopen_calendar **out, const char *data, size_t len, const char *source,
                     const gv_load_limits *lim, gv_calendar_base_fn base_fn, void *payload, govopen_error **err) {
  *out = NULL;
  if (err) *err = NULL;
  gv_diags d = {0};
  d.max = lim->max_diagnostics;
  gv_ydoc doc = {0};
  gv_ylimits yl = {lim->max_size, lim->max_depth, lim->max_nodes, lim->max_aliases};
  const char *src = source ? source : "";
  int status = gv_yaml_parse(&doc, data, len, src, &yl, &d);
  govopen_calendar *c = NULL;
  if (status == 0) {
    gv_arena arena = {0};
    c = gv_arena_alloc(&arena, sizeof *c);
    if (c == NULL) {
      gv_diag_oom(&d, src);
    } else {
      c->arena = arena;
      c->id = c->name = c->region = c->note = "";
      c->source_name = gv_arena_strdup(&c->arena, src);
      cl l = {0};
      l.cal = c;
      gv_sc_init(&l.sc, &d, src, &c->arena, lim);
      if (c->source_name == NULL)
        gv_sc_set_oom(&l.sc);
      else if (doc.root == NULL)
        gv_diag_add(&d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ESCHEMA, src, 1, 1, "", "calendar.document_empty",
                    "the document is empty: expected a calendar (a mapping)");
      else
        read_document(&l, doc.root, base_fn, payload);
      if (gv_buf_status(&l.sc.path) != GOVOPEN_OK) gv_diag_oom(&d, src);
      gv_buf_free(&l.sc.path);
      free(l.listed_at);
      free(l.listed_name);
      gv_calendar_free(l.base);
      /* Every path that leaves no table has reported why; this only guards the contract. */
      if (!l.ready && gv_diags_status(&d) == 0)
        gv_diag_add(&d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ESCHEMA, src, 0, 0, "", "calendar.build_failed",
                    "the calendar could not be built");
    }
  }
  gv_ydoc_free(&doc);
  if (gv_diags_status(&d) != 0) {
    gv_calendar_free(c);
    return gv_diags_finish(&d, err);
  }
  gv_diags_free(&d);
  *out = c;
  return GOVOPEN_OK;
}
