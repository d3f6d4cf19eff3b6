/* Scoring: typed samples of one unit × point → a score and its reasons. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/date.h"
#include "rules/expr_bridge.h"
#include "rules/rule.h"
#include "util/buf.h"
#include "util/hmap.h"

static const char *const kind_names[GV_RULE_KIND_COUNT] = {
    "boolean", "checklist", "deadline", "recency", "count_per_period",
    "sample_ratio", "deduction", "veto", "manual", "expression"};

const char *gv_rule_kind_name(gv_rule_kind kind) {
  return (unsigned)kind < GV_RULE_KIND_COUNT ? kind_names[kind] : NULL;
}

int gv_rule_kind_from_name(const char *name) {
  for (int i = 0; i < GV_RULE_KIND_COUNT; i++)
    if (strcmp(kind_names[i], name) == 0) return i;
  return -1;
}

size_t gv_rule_field_index(const gv_rule *r, const char *name) {
  for (size_t i = 0; i < r->field_count; i++)
    if (strcmp(r->fields[i].name, name) == 0) return i;
  return (size_t)-1;
}

/* --- what a reason names -------------------------------------------------------------

   A reason names samples, and carries what they stand on as data: their
   positions, their evidence (each distinct piece once) and their notes
   (each distinct one once). A gather collects them sample by sample; its
   lists are malloc'd and reused from reason to reason. */

typedef struct gather {
  gv_vec ev, notes;        /* const char *, distinct */
  gv_hmap ev_seen, notes_seen; /* index the lists once they are long */
  gv_reason_sample *smp;
  size_t nsmp, capsmp;
  int oom;
} gather;

/* A list short enough is searched; a longer one through its index, so that
   a sample with thousands of pieces of evidence costs no quadratic step. */
#define GATHER_SCAN 8

/* Appends `x` to `list` unless it is there already. */
static void gather_distinct(gather *g, gv_vec *list, gv_hmap *seen, const char *x) {
  int found = 0;
  if (list->len <= GATHER_SCAN && seen->count == 0) {
    for (size_t i = 0; i < list->len && !found; i++) found = strcmp(list->items[i], x) == 0;
  } else {
    for (size_t i = seen->count; i < list->len; i++) {
      const char *k = list->items[i];
      if (gv_hmap_put(seen, k, strlen(k), (void *)k, NULL) < 0) {
        g->oom = 1;
        return;
      }
    }
    found = gv_hmap_get(seen, x, strlen(x)) != NULL;
  }
  if (!found && gv_vec_push(list, (void *)x) != 0) g->oom = 1;
}

static void gather_sample(gather *g, const char *source, unsigned line, unsigned col) {
  if (g->nsmp == g->capsmp) {
    size_t cap = g->capsmp ? g->capsmp * 2 : 4;
    gv_reason_sample *p = realloc(g->smp, cap * sizeof *p);
    if (p == NULL) {
      g->oom = 1;
      return;
    }
    g->smp = p;
    g->capsmp = cap;
  }
  g->smp[g->nsmp++] = (gv_reason_sample){source ? source : "", line, col};
}

static void gather_pieces(gather *g, const char *const *ev, size_t nev, const char *note) {
  for (size_t i = 0; i < nev; i++) gather_distinct(g, &g->ev, &g->ev_seen, ev[i]);
  if (note) gather_distinct(g, &g->notes, &g->notes_seen, note);
}

/* Empties the gather for the next reason. */
static void gather_reset(gather *g) {
  g->ev.len = g->notes.len = 0;
  g->nsmp = 0;
  if (g->ev_seen.count) gv_hmap_free(&g->ev_seen);
  if (g->notes_seen.count) gv_hmap_free(&g->notes_seen);
}

static void gather_free(gather *g) {
  gv_vec_free(&g->ev);
  gv_vec_free(&g->notes);
  gv_hmap_free(&g->ev_seen);
  gv_hmap_free(&g->notes_seen);
  free(g->smp);
}

/* A text in `arena`: copied, or shared through `intern` (a map over texts in
   `arena`) when there is one. */
static const char *intern_text(gv_arena *arena, gv_hmap *intern, const char *text, int *oom) {
  size_t len = strlen(text);
  const char *t = intern ? gv_hmap_get(intern, text, len) : NULL;
  if (t) return t;
  char *c = gv_arena_strndup(arena, text, len);
  if (c == NULL || (intern && gv_hmap_put(intern, c, len, c, NULL) < 0)) {
    *oom = 1;
    return NULL;
  }
  return c;
}

/* Fills r's evidence, note and samples from what `g` gathered, in `arena`;
   `copy`: the texts are copied there too (sources shared through `intern`
   when it is not NULL), else they are borrowed and must live as long as
   `arena`. Empties the gather. */
static void gather_finish(gather *g, gv_arena *arena, int copy, gv_hmap *intern, gv_reason *r) {
  r->evidence = NULL;
  r->evidence_count = 0;
  r->note = NULL;
  r->samples = NULL;
  r->sample_count = 0;
  size_t nev = g->ev.len > UINT32_MAX ? UINT32_MAX : g->ev.len;
  size_t nsmp = g->nsmp > UINT32_MAX ? UINT32_MAX : g->nsmp;
  if (g->oom) goto done;
  if (nev) {
    const char **ev = gv_arena_array(arena, nev, sizeof *ev);
    if (ev == NULL) {
      g->oom = 1;
      goto done;
    }
    for (size_t i = 0; i < nev; i++) {
      ev[i] = copy ? gv_arena_strdup(arena, g->ev.items[i]) : g->ev.items[i];
      if (ev[i] == NULL) g->oom = 1;
    }
    r->evidence = ev;
    r->evidence_count = (uint32_t)nev;
  }
  if (g->notes.len == 1 && !copy) {
    r->note = g->notes.items[0];
  } else if (g->notes.len) {
    gv_buf b = {0};
    for (size_t i = 0; i < g->notes.len; i++) {
      if (i) gv_buf_puts(&b, "；");
      gv_buf_puts(&b, g->notes.items[i]);
    }
    if (b.oom || (r->note = gv_arena_strndup(arena, gv_buf_str(&b), b.len)) == NULL) g->oom = 1;
    gv_buf_free(&b);
  }
  if (nsmp) {
    gv_reason_sample *sm = gv_arena_array(arena, nsmp, sizeof *sm);
    if (sm == NULL) {
      g->oom = 1;
      goto done;
    }
    for (size_t i = 0; i < nsmp; i++) {
      sm[i] = g->smp[i];
      if (copy && (sm[i].source = intern_text(arena, intern, g->smp[i].source, &g->oom)) == NULL) sm[i].source = "";
    }
    r->samples = sm;
    r->sample_count = (uint32_t)nsmp;
  }
done:
  gather_reset(g);
}

int gv_reason_gather(gv_reason *into, const gv_reason *const *from, size_t n, gv_arena *arena) {
  gather g = {0};
  for (size_t i = 0; i < n; i++) {
    const gv_reason *f = from[i];
    for (uint32_t k = 0; k < f->sample_count; k++)
      gather_sample(&g, f->samples[k].source, f->samples[k].line, f->samples[k].col);
    gather_pieces(&g, f->evidence, f->evidence_count, f->note);
  }
  gather_finish(&g, arena, 0, NULL, into);
  int oom = g.oom;
  gather_free(&g);
  return oom ? -1 : 0;
}

/* --- building reasons --------------------------------------------------------------- */

/* What a state keeps of a sample a reason may name: where it is, its
   evidence and its note (in the state's arena; `source` is the
   evaluation's, which lives as long). */
typedef struct kept {
  const char *source;
  unsigned line, col;
  const char *const *evidence;
  uint32_t evidence_count;
  const char *note;
} kept;

typedef struct scorer {
  const gv_rule *r;
  const gv_rule_ctx *ctx;
  gv_arena *arena;
  gv_outcome *out;
  gv_vec reasons; /* gv_reason * (the expression kind's) */
  int oom;
  gv_reason *rs; /* the reasons so far (malloc'd; the outcome's array is made at the end) */
  size_t n, cap;
  gv_hmap *intern; /* texts of notes and sample sources shared between cells, or NULL */
  gather g;        /* what the next reason names (name()) */
} scorer;

/* The text in the outcome's arena; a note (severity info) is shared with
   every cell that has the same one, through s->intern. */
static const char *keep_text(scorer *s, int severity, const char *text) {
  if (s->intern && severity == GV_REASON_INFO) return intern_text(s->arena, s->intern, text, &s->oom);
  return gv_arena_strdup(s->arena, text);
}

/* Names a sample in the next reason written. */
static void name(scorer *s, const kept *n) {
  gather_sample(&s->g, n->source, n->line, n->col);
  gather_pieces(&s->g, n->evidence, n->evidence_count, n->note);
}

/* Adds a reason with text `t` (in the arena), naming the samples name()d
   since the last one. */
static void push_reason(scorer *s, int severity, const char *code, const char *t) {
  gv_reason r = {.severity = severity, .code = code, .text = t};
  gather_finish(&s->g, s->arena, 1, s->intern, &r);
  if (s->g.oom) s->oom = 1;
  if (t == NULL) {
    s->oom = 1;
    return;
  }
  if (s->n == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 4;
    gv_reason *rs = realloc(s->rs, cap * sizeof *rs);
    if (rs == NULL) {
      s->oom = 1;
      return;
    }
    s->rs = rs;
    s->cap = cap;
  }
  s->rs[s->n++] = r;
}

static void add_reason(scorer *s, int severity, const char *code, gv_buf *text) {
  if (text->oom) s->oom = 1;
  push_reason(s, severity, code, keep_text(s, severity, gv_buf_str(text)));
}

/* Frees a part of a reason's text: a part cut short by memory fails the score. */
static void part_free(scorer *s, gv_buf *part) {
  if (part->oom) s->oom = 1;
  gv_buf_free(part);
}

GV_PRINTF(4, 5)
static void reasonf(scorer *s, int severity, const char *code, const char *fmt, ...) {
  gv_buf b = {0};
  va_list ap;
  va_start(ap, fmt);
  gv_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  add_reason(s, severity, code, &b);
  gv_buf_free(&b);
}

static void put_date(gv_buf *b, int32_t days) {
  char d[GV_DATE_TEXT];
  gv_date_format(days, d);
  gv_buf_puts(b, d);
}

static void put_moment(gv_buf *b, const gv_moment *mo) {
  put_date(b, mo->date);
  if (!mo->date_only) {
    int64_t local = mo->seconds / 60 + GV_CST_OFFSET_MIN;
    int64_t mins = ((local % 1440) + 1440) % 1440;
    gv_buf_printf(b, " %02d:%02d", (int)(mins / 60), (int)(mins % 60));
  }
}

static void put_score(gv_buf *b, int64_t c) {
  gv_buf_printf(b, "%lld.%02lld", (long long)(c / 100), (long long)(c % 100));
}

static const char *rule_label(const gv_rule *r) { return r->label ? r->label : ""; }

/* max × a / b, rounded to the nearest hundredth (halves up). */
static int64_t share(int64_t max, int64_t a, int64_t b) { return b > 0 ? (2 * max * a + b) / (2 * b) : 0; }

/* The period (quarter or month) index of a date since year 0, and its bounds. */
static int64_t period_of(int period, int32_t date) {
  int y, m, d;
  gv_civil_from_days(date, &y, &m, &d);
  return period == GV_PERIOD_MONTH ? (int64_t)y * 12 + (m - 1) : (int64_t)y * 4 + (m - 1) / 3;
}

static void period_bounds(int period, int64_t p, int32_t *first, int32_t *last) {
  int y = (int)(p / (period == GV_PERIOD_MONTH ? 12 : 4));
  int idx = (int)(p % (period == GV_PERIOD_MONTH ? 12 : 4));
  int m0 = period == GV_PERIOD_MONTH ? idx + 1 : idx * 3 + 1;
  int months = period == GV_PERIOD_MONTH ? 1 : 3;
  *first = gv_days_from_civil(y, m0, 1);
  int ny = y, nm = m0 + months;
  if (nm > 12) {
    nm -= 12;
    ny++;
  }
  *last = gv_days_from_civil(ny, nm, 1) - 1;
}

static void put_period(gv_buf *b, int period, int64_t p) {
  if (period == GV_PERIOD_MONTH)
    gv_buf_printf(b, "%lld年%lld月", (long long)(p / 12), (long long)(p % 12 + 1));
  else
    gv_buf_printf(b, "%lld年第%lld季度", (long long)(p / 4), (long long)(p % 4 + 1));
}

/* --- deadlines --------------------------------------------------------------------------- */

enum { V_ON_TIME, V_LATE, V_UNANSWERED, V_DUE_SOON, V_PENDING, V_ERROR };

typedef struct verdict {
  int v;
  int has_start;
  const gv_limit *limit; /* the limit that decided a late or due-soon verdict */
  gv_moment start, end;
  int64_t used;     /* working days, days or hours used (late ones) */
  int32_t deadline; /* the deadline date (days and working days) */
  int64_t extended; /* the extension taken, in the limit's unit */
  int64_t paused;   /* paused working days or days, or seconds (hours), not counted */
} verdict;

static const char *span_unit_text(const gv_span *sp) {
  switch (sp->unit) {
    case GV_SPAN_WORKDAYS: return "个工作日";
    case GV_SPAN_DAYS: return "天";
    case GV_SPAN_HOURS: return "小时";
    default: return "";
  }
}

/* Working days (or days, or hours) inside the pauses that fall after the
   start and, when the limit's end is in (`end` not NULL), not after it. */
static int paused_amount(scorer *s, const gv_fval *pauses, const gv_moment *start, const gv_moment *end,
                         gv_span_unit unit, int64_t *out, gv_buf *err) {
  *out = 0;
  if (pauses == NULL || !pauses->present) return 0;
  for (size_t i = 0; i < pauses->iv_count; i++) {
    const gv_interval *iv = &pauses->iv[i];
    if (unit == GV_SPAN_HOURS) {
      int64_t from = iv->from.seconds > start->seconds ? iv->from.seconds : start->seconds;
      int64_t to = iv->to.date_only ? iv->to.seconds + 86400 : iv->to.seconds;
      if (end && !end->date_only && to > end->seconds) to = end->seconds;
      if (to > from) *out += to - from;
    } else {
      int32_t from = iv->from.date > start->date ? iv->from.date : start->date + 1;
      int32_t to = iv->to.date;
      if (end && to > end->date) to = end->date;
      if (to < from) continue;
      if (unit == GV_SPAN_WORKDAYS) {
        int64_t k;
        if (s->ctx->cal.workdays_between(s->ctx->cal.cal, from - 1, to, &k, err) != 0) return -1;
        *out += k;
      } else {
        *out += to - from + 1;
      }
    }
  }
  return 0;
}

static const gv_limitset *limits_for(scorer *s, const gv_sample *smp, int *unknown_category) {
  const gv_rule *r = s->r;
  *unknown_category = 0;
  if (r->tier_count == 0 && r->tier_default.count == 0) return &r->limits;
  const gv_fval *cat = &smp->f[r->tier_index];
  for (size_t i = 0; cat->present && i < r->tier_count; i++)
    if (strcmp(r->tiers[i].value, cat->str) == 0) return &r->tiers[i].limits;
  /* the default tier is for a sample that gives no category: an unknown one
     (refused when observations are read) never earns it */
  if (!cat->present && r->tier_default.count) return &r->tier_default;
  *unknown_category = 1;
  return NULL;
}

/* The start of a sample: by channel, by restart, or the start field. */
static int sample_start(scorer *s, const gv_sample *smp, gv_moment *out) {
  const gv_rule *r = s->r;
  if (r->has_restart && smp->f[r->restart_index].present) {
    *out = smp->f[r->restart_index].m;
    return 0;
  }
  if (r->by_channel) {
    const gv_fval *ch = &smp->f[r->channel_index];
    for (size_t i = 0; ch->present && i < r->channel_count; i++) {
      if (strcmp(r->channels[i].value, ch->str) == 0) {
        const gv_fval *f = &smp->f[r->channels[i].field_index];
        if (!f->present) return -1;
        *out = f->m;
        return 0;
      }
    }
    return -1;
  }
  if (!smp->f[r->start_index].present) return -1;
  *out = smp->f[r->start_index].m;
  return 0;
}

/* Judges one sample against one limit. */
/* How close an open request must be to its deadline to be "due soon" when
   the rule gives no due_soon (docs/rules.md): 3 days (working days for a
   limit in working days), 6 hours for a limit in hours. */
#define GV_DUE_SOON_DAYS 3
#define GV_DUE_SOON_HOURS 6

static int judge_limit(scorer *s, const gv_sample *smp, const gv_limit *lim, const gv_moment *start, verdict *v,
                       gv_buf *err) {
  const gv_rule *r = s->r;
  const gv_fval *end = &smp->f[lim->end_index];
  const gv_fval *pauses = r->pause_index != (size_t)-1 ? &smp->f[r->pause_index] : NULL;
  /* `extended: N` takes N (at most the rule's: gv_sample_check), `true` the rule's whole extension */
  const gv_fval *ext = r->has_extension && r->extended_index != (size_t)-1 ? &smp->f[r->extended_index] : NULL;
  gv_span sp = lim->span;
  int64_t n = sp.n;
  if (ext && ext->present && ext->b && sp.unit == r->extension.unit) {
    v->extended = ext->num < 0 ? r->extension.n : (int64_t)ext->num;
    n += v->extended;
  }
  v->limit = lim;
  v->start = *start;
  if (end->present) v->end = end->m;
  int32_t as_of = s->ctx->as_of;

  if (sp.unit == GV_SPAN_DUE) {
    v->deadline = sp.due;
    if (end->present) {
      v->v = end->m.date <= sp.due ? V_ON_TIME : V_LATE;
      v->used = end->m.date - sp.due;
      return 0;
    }
    if (as_of > sp.due) {
      v->v = V_UNANSWERED;
      return 0;
    }
    /* what is left, in the unit of the rule's due_soon (days by default):
       working days after the as-of date up to the due date, days, or the
       hours from the end of the as-of date to the end of the due date */
    int64_t left = sp.due - as_of, soon = GV_DUE_SOON_DAYS;
    if (r->has_due_soon) {
      soon = r->due_soon.n;
      if (r->due_soon.unit == GV_SPAN_WORKDAYS) {
        if (s->ctx->cal.workdays_between(s->ctx->cal.cal, as_of, sp.due, &left, err) != 0) return -1;
      } else if (r->due_soon.unit == GV_SPAN_HOURS) {
        left *= 24;
      }
    }
    v->v = left <= soon ? V_DUE_SOON : V_PENDING;
    return 0;
  }
  int64_t paused = 0;
  if (paused_amount(s, pauses, start, end->present ? &end->m : NULL, sp.unit, &paused, err) != 0) return -1;
  v->paused = paused;
  if (sp.unit == GV_SPAN_HOURS) {
    /* paused is in seconds here */
    int64_t due_at = start->seconds + n * 3600 + paused;
    if (end->present) {
      int64_t used = end->m.seconds - start->seconds - paused;
      v->used = used / 60; /* minutes, shown as hours and minutes */
      v->v = used <= n * 3600 ? V_ON_TIME : V_LATE;
    } else {
      /* the as-of date counts to its end (24:00 China Standard Time) */
      int64_t now = gv_day_start(as_of + 1, GV_CST_OFFSET_MIN);
      int64_t soon = (r->has_due_soon && r->due_soon.unit == GV_SPAN_HOURS ? r->due_soon.n : GV_DUE_SOON_HOURS) * 3600;
      v->v = now > due_at ? V_UNANSWERED : (due_at - now <= soon ? V_DUE_SOON : V_PENDING);
    }
    return 0;
  }
  /* working days or days: the deadline is a date */
  int32_t deadline;
  if (sp.unit == GV_SPAN_WORKDAYS) {
    if (s->ctx->cal.add_workdays(s->ctx->cal.cal, start->date, n + paused, &deadline, err) != 0) return -1;
  } else {
    if (s->ctx->cal.next_workday(s->ctx->cal.cal, start->date + (int32_t)(n + paused), &deadline, err) != 0)
      return -1;
  }
  v->deadline = deadline;
  if (end->present) {
    v->v = end->m.date <= deadline ? V_ON_TIME : V_LATE;
    if (sp.unit == GV_SPAN_WORKDAYS) {
      int64_t used;
      if (s->ctx->cal.workdays_between(s->ctx->cal.cal, start->date, end->m.date, &used, err) != 0) return -1;
      v->used = used - paused;
    } else {
      v->used = end->m.date - start->date - paused;
    }
    return 0;
  }
  if (as_of > deadline) {
    v->v = V_UNANSWERED;
    return 0;
  }
  int64_t left;
  int64_t soon = r->has_due_soon ? r->due_soon.n : GV_DUE_SOON_DAYS;
  if (sp.unit == GV_SPAN_WORKDAYS) {
    if (s->ctx->cal.workdays_between(s->ctx->cal.cal, as_of, deadline, &left, err) != 0) return -1;
  } else {
    left = deadline - as_of;
  }
  v->v = left <= soon ? V_DUE_SOON : V_PENDING;
  return 0;
}

/* An amount of a limit's unit: "13个工作日", "2小时30分" (hours counted in seconds or minutes by `per_hour`). */
static void put_amount(gv_buf *b, const gv_span *sp, int64_t n, int64_t per_hour) {
  if (sp->unit != GV_SPAN_HOURS) {
    gv_buf_printf(b, "%lld%s", (long long)n, span_unit_text(sp));
    return;
  }
  gv_buf_printf(b, "%lld小时", (long long)(n / per_hour));
  if (n % per_hour) gv_buf_printf(b, "%lld分", (long long)(n % per_hour * 60 / per_hour));
}

/* The effective limit and what changed it: "限40个工作日（延长20个工作日）". */
static void put_limit(gv_buf *b, const verdict *v) {
  const gv_span *sp = &v->limit->span;
  gv_buf_printf(b, "限%lld%s", (long long)(sp->n + v->extended), span_unit_text(sp));
  if (v->extended) {
    gv_buf_puts(b, "（延长");
    put_amount(b, sp, v->extended, 1);
    gv_buf_puts(b, "）");
  }
}

/* What a pause is called: the rule's `pause_label`, else 暂停. */
static const char *pause_words(const gv_rule *r) { return r->pause_label && r->pause_label[0] ? r->pause_label : "暂停"; }

/* "2023-04-20→2023-05-22（限20个工作日，用时21个工作日）" and the like: the
   limit as extended, the time used with paused days taken out, each said. */
static void put_verdict(gv_buf *b, const verdict *v, const gv_rule *r) {
  const gv_span *sp = &v->limit->span;
  const char *name = v->limit->name ? v->limit->name : "";
  int open = v->v == V_UNANSWERED || v->v == V_DUE_SOON;
  if (v->has_start) {
    put_moment(b, &v->start);
    gv_buf_puts(b, "→");
  }
  if (open)
    gv_buf_puts(b, "未答复");
  else
    put_moment(b, &v->end);
  gv_buf_printf(b, "（%s", name);
  if (sp->unit == GV_SPAN_DUE) {
    gv_buf_puts(b, "应于");
    put_date(b, sp->due);
    gv_buf_puts(b, "前完成");
    if (v->v == V_LATE) gv_buf_printf(b, "，迟%lld天", (long long)v->used);
  } else if (open) {
    /* the deadline (a date, for days), and what moved it */
    if (sp->unit != GV_SPAN_HOURS) {
      gv_buf_puts(b, "期限");
      put_date(b, v->deadline);
      if (v->extended || v->paused) gv_buf_puts(b, "：");
    }
    if (sp->unit == GV_SPAN_HOURS || v->extended || v->paused) put_limit(b, v);
    if (v->paused) {
      gv_buf_printf(b, "，不计%s", pause_words(r));
      put_amount(b, sp, v->paused, 3600);
    }
  } else {
    put_limit(b, v);
    if (v->v == V_LATE) {
      /* minutes for hours */
      gv_buf_puts(b, "，用时");
      put_amount(b, sp, v->used, 60);
      if (v->paused) {
        gv_buf_printf(b, "（已扣除%s", pause_words(r));
        put_amount(b, sp, v->paused, 3600);
        gv_buf_puts(b, "）");
      }
    }
  }
  gv_buf_puts(b, "）");
}

/* --- accumulated state ----------------------------------------------------------------
 *
 * A cell (one unit × point) is scored from a small state that each sample
 * updates as it arrives, never from a list of its samples: counts, the
 * latest observation of single-valued kinds, the first max_named failing
 * samples of each kind of failure (the ones a reason names), and the counts
 * per period. The state of a later part of the input merges into that of an
 * earlier part (parallel reading) with the same outcome as reading both in
 * order. Only the expression kind keeps its samples: its rule may read any
 * of them. */

typedef struct link {
  struct link *next;
} link;

/* The first entries of one kind in input order (at most a cap), and how many there were. */
typedef struct nlist {
  link *head, *tail;
  uint64_t total;
} nlist;

static size_t nl_kept(const nlist *l, size_t cap) { return l->total < cap ? (size_t)l->total : cap; }

/* Counts one entry; returns a zeroed entry of `size` bytes to fill when it is
   among the first `cap`, else NULL (and sets *oom when memory ran out). */
static void *nl_add(nlist *l, size_t cap, size_t size, gv_arena *a, int *oom) {
  if (l->total++ >= cap) return NULL;
  link *e = gv_arena_alloc(a, size);
  if (e == NULL) {
    l->total--;
    *oom = 1;
    return NULL;
  }
  if (l->tail)
    l->tail->next = e;
  else
    l->head = e;
  l->tail = e;
  return e;
}

/* Appends `later`'s entries (input after `into`'s) up to the cap; `later` is
   emptied. `fix` adjusts each adopted entry by `arg` (sample numbers). */
static void nl_merge(nlist *into, nlist *later, size_t cap, void (*fix)(link *, uint64_t), uint64_t arg) {
  size_t have = nl_kept(into, cap), room = have < cap ? cap - have : 0;
  link *e = later->head, *last = NULL;
  for (size_t i = 0; e && i < room; i++) {
    if (fix) fix(e, arg);
    last = e;
    e = e->next;
  }
  if (last) {
    last->next = NULL;
    if (into->tail)
      into->tail->next = later->head;
    else
      into->head = later->head;
    into->tail = last;
  }
  into->total += later->total;
  later->head = later->tail = NULL;
  later->total = 0;
}

static const char *keep_str(gv_arena *a, const char *s, int *oom) {
  if (s == NULL) return NULL;
  const char *c = gv_arena_strdup(a, s);
  if (c == NULL) *oom = 1;
  return c;
}

/* A string replaced as newer observations arrive, reusing its block. */
typedef struct strslot {
  char *p;
  uint32_t cap, set;
} strslot;

static void slot_put(strslot *sl, const char *s, gv_arena *a, int *oom) {
  if (s == NULL) {
    sl->set = 0;
    return;
  }
  size_t n = strlen(s);
  if (n >= UINT32_MAX / 2) {
    *oom = 1;
    sl->set = 0;
    return;
  }
  if (n + 1 > sl->cap) {
    size_t cap = sl->cap ? sl->cap : 32;
    while (cap < n + 1) cap *= 2;
    char *p = gv_arena_alloc(a, cap);
    if (p == NULL) {
      *oom = 1;
      sl->set = 0;
      return;
    }
    sl->p = p;
    sl->cap = (uint32_t)cap;
  }
  memcpy(sl->p, s, n + 1);
  sl->set = 1;
}

static const char *slot_get(const strslot *sl) { return sl->set ? sl->p : NULL; }

/* Keeps what a reason may name of a sample, copied into `a`. */
static void keep_named(kept *n, const gv_sample *smp, gv_arena *a, int *oom) {
  size_t k = smp->evidence_count > UINT32_MAX ? UINT32_MAX : smp->evidence_count;
  *n = (kept){smp->source, smp->line, smp->col, NULL, 0, NULL};
  if (k) {
    const char **ev = gv_arena_array(a, k, sizeof *ev);
    if (ev == NULL) {
      *oom = 1;
      return;
    }
    for (size_t i = 0; i < k; i++) ev[i] = keep_str(a, smp->evidence[i], oom);
    n->evidence = ev;
    n->evidence_count = (uint32_t)k;
  }
  n->note = keep_str(a, smp->note, oom);
}

/* A named sample replaced as newer observations arrive: its evidence and
   note in one block, reused while it is large enough, so that a cell
   observed again and again keeps one block, not one per observation. */
typedef struct nslot {
  char *block;
  size_t cap;
  int set;
  kept n;
} nslot;

static void nslot_put(nslot *sl, const gv_sample *smp, gv_arena *a, int *oom) {
  sl->set = 0;
  if (smp == NULL) return;
  size_t k = smp->evidence_count > UINT32_MAX ? UINT32_MAX : smp->evidence_count;
  size_t need = k * sizeof(char *), note = smp->note ? strlen(smp->note) + 1 : 0;
  for (size_t i = 0; i < k; i++) need += strlen(smp->evidence[i]) + 1;
  need += note;
  if (need == 0) {
    sl->n = (kept){smp->source, smp->line, smp->col, NULL, 0, NULL};
    sl->set = 1;
    return;
  }
  if (need > sl->cap) {
    size_t cap = sl->cap ? sl->cap : 64;
    while (cap < need && cap <= SIZE_MAX / 2) cap *= 2;
    char *p = cap >= need ? gv_arena_alloc(a, cap) : NULL;
    if (p == NULL) {
      *oom = 1;
      return;
    }
    sl->block = p;
    sl->cap = cap;
  }
  /* the pointers first (the block is aligned for them), then the texts */
  const char **ev = (const char **)(void *)sl->block;
  char *p = sl->block + k * sizeof(char *);
  for (size_t i = 0; i < k; i++) {
    size_t len = strlen(smp->evidence[i]) + 1;
    memcpy(p, smp->evidence[i], len);
    ev[i] = p;
    p += len;
  }
  const char *nt = NULL;
  if (note) {
    memcpy(p, smp->note, note);
    nt = p;
  }
  sl->n = (kept){smp->source, smp->line, smp->col, k ? ev : NULL, (uint32_t)k, nt};
  sl->set = 1;
}

struct gv_acc {
  uint64_t n; /* samples added */
};

/* Single-valued kinds: the latest observation, its value, and what a reason
   names of it (position, evidence, note) while that value loses points (the
   only time a reason names it). */
typedef struct acc_latest {
  gv_acc h;
  uint64_t order;   /* the latest's observation's place in the input */
  int32_t observed; /* and its date */
  int b;            /* boolean */
  double num;       /* manual: the score */
  nslot named;          /* the latest, while it loses points */
  strslot text;         /* manual: the reason */
  unsigned char *found; /* checklist: 1 per item found */
} acc_latest;

typedef struct dentry {
  link l;
  verdict v;
  kept n;
} dentry;

typedef struct wentry {
  link l;
  const char *category; /* an unknown one, else NULL (no start) */
  kept n;
} wentry;

typedef struct acc_deadline {
  gv_acc h;
  uint64_t on_time, late, unanswered, due_soon, pending;
  nlist late_l, unanswered_l, soon_l, warn_l;
} acc_deadline;

typedef struct rentry {
  link l;
  int32_t last, ref;
  int64_t gap;
  kept n;
} rentry;

typedef struct acc_recency {
  gv_acc h;
  uint64_t ok;
  nlist stale;
} acc_recency;

typedef struct acc_periods {
  gv_acc h;
  int64_t *counts; /* per period of the evaluation period up to the as-of date */
  size_t np;
  uint64_t outside;
} acc_periods;

typedef struct fentry {
  link l;
  uint64_t seq; /* the sample's place among the cell's, from 0 */
  kept n;
} fentry;

typedef struct acc_ratio {
  gv_acc h;
  uint64_t found;
  nlist failed;
} acc_ratio;

typedef struct xentry {
  link l;
  kept n;
} xentry;

typedef struct acc_deduction {
  gv_acc h;
  int64_t occurrences;
  nlist named;
} acc_deduction;

typedef struct acc_veto {
  gv_acc h;
  int triggered;
  kept n; /* the first sample that triggered it */
} acc_veto;

typedef struct sentry {
  link l;
  gv_sample s;
} sentry;

typedef struct acc_expr {
  gv_acc h;
  nlist all;
} acc_expr;

static size_t acc_size(gv_rule_kind kind) {
  switch (kind) {
    case GV_RULE_BOOLEAN:
    case GV_RULE_CHECKLIST:
    case GV_RULE_MANUAL: return sizeof(acc_latest);
    case GV_RULE_DEADLINE: return sizeof(acc_deadline);
    case GV_RULE_RECENCY: return sizeof(acc_recency);
    case GV_RULE_COUNT_PER_PERIOD: return sizeof(acc_periods);
    case GV_RULE_SAMPLE_RATIO: return sizeof(acc_ratio);
    case GV_RULE_DEDUCTION: return sizeof(acc_deduction);
    case GV_RULE_VETO: return sizeof(acc_veto);
    default: return sizeof(acc_expr);
  }
}

int gv_acc_open(const gv_rule *r, gv_acc **slot, gv_arena *a) {
  if (*slot) return 0;
  *slot = gv_arena_alloc(a, acc_size(r->kind));
  return *slot ? 0 : -1;
}

/* The failing samples named per reason; the superseded observations named. */
static size_t cap_named(const gv_rule_ctx *ctx) { return ctx->max_named; }

/* --- adding one sample ------------------------------------------------------------- */

/* Whether a checklist's found items lose points. */
static int checklist_short(const gv_rule *r, const unsigned char *found) {
  for (size_t i = 0; i < r->item_count; i++)
    if (!found[i]) return 1;
  return 0;
}

static void add_latest(const gv_rule *r, acc_latest *s, const gv_sample *smp, uint64_t seq, gv_arena *a, int *oom) {
  if (seq > 0 && !(smp->observed > s->observed || (smp->observed == s->observed && smp->order > s->order))) return;
  s->order = smp->order;
  s->observed = smp->observed;
  int loses;
  switch (r->kind) {
    case GV_RULE_BOOLEAN:
      s->b = smp->f[0].b;
      loses = !s->b;
      break;
    case GV_RULE_MANUAL:
      s->num = smp->f[0].num;
      loses = (int64_t)(s->num * 100.0 + (s->num < 0 ? -0.5 : 0.5)) < r->max;
      slot_put(&s->text, loses && smp->f[1].present ? smp->f[1].str : NULL, a, oom);
      break;
    default: {
      if (s->found == NULL && (s->found = gv_arena_alloc(a, r->item_count ? r->item_count : 1)) == NULL) {
        *oom = 1;
        return;
      }
      const gv_fval *present = &smp->f[0], *missing = &smp->f[1];
      for (size_t i = 0; i < r->item_count; i++) {
        int found;
        if (present->present) {
          found = 0;
          for (size_t k = 0; k < present->list_count && !found; k++) found = strcmp(present->list[k], r->items[i]) == 0;
        } else {
          found = 1;
          for (size_t k = 0; k < missing->list_count && found; k++) found = strcmp(missing->list[k], r->items[i]) != 0;
        }
        s->found[i] = (unsigned char)found;
      }
      loses = checklist_short(r, s->found);
    }
  }
  nslot_put(&s->named, loses ? smp : NULL, a, oom);
}

/* How one deadline sample is judged: its limits, start and verdict, or why
   it counts for nothing (no limit for its category, no start). Pure. */
typedef struct djudged {
  int counted; /* 0: a warning entry (unknown category or no start) */
  int unknown; /* the category has no limit */
  verdict v;
} djudged;

/* Judges one deadline sample. 0; GV_ACC_UNJUDGEABLE when a date lies
   outside the calendar (why in `why`). */
static int judge_deadline(const gv_rule *r, const gv_sample *smp, const gv_rule_ctx *ctx, djudged *out, gv_buf *why) {
  scorer sc = {.r = r, .ctx = ctx};
  memset(out, 0, sizeof *out);
  gv_moment start = {0, ctx->as_of, 1};
  int has_start = 1;
  const gv_limitset *ls = limits_for(&sc, smp, &out->unknown);
  /* a fixed due date needs no start */
  int due_only = ls != NULL;
  for (size_t k = 0; ls && k < ls->count; k++) due_only &= ls->items[k].span.unit == GV_SPAN_DUE;
  if (ls && sample_start(&sc, smp, &start) != 0) {
    has_start = 0;
    if (due_only) start.date = ctx->as_of;
  }
  if (ls == NULL || (!has_start && !due_only)) return 0;
  out->counted = 1;
  /* the worst verdict over the sample's limits decides */
  verdict *v = &out->v;
  v->v = V_ON_TIME;
  for (size_t k = 0; k < ls->count; k++) {
    verdict one = {0};
    gv_buf err = {0};
    one.has_start = has_start;
    if (judge_limit(&sc, smp, &ls->items[k], &start, &one, &err) != 0) {
      if (why) {
        gv_buf_puts(why, gv_buf_str(&err));
        if (err.oom) why->oom = 1;
      }
      gv_buf_free(&err);
      return GV_ACC_UNJUDGEABLE;
    }
    gv_buf_free(&err);
    static const int rank[] = {[V_ON_TIME] = 0, [V_PENDING] = 1, [V_DUE_SOON] = 2, [V_LATE] = 3, [V_UNANSWERED] = 4};
    if (k == 0 || rank[one.v] > rank[v->v]) *v = one;
  }
  return 0;
}

static int add_deadline(const gv_rule *r, acc_deadline *s, const gv_sample *smp, const gv_rule_ctx *ctx, gv_arena *a,
                        int *oom, gv_buf *why) {
  size_t cap = cap_named(ctx);
  djudged j;
  if (judge_deadline(r, smp, ctx, &j, why) != 0) return GV_ACC_UNJUDGEABLE;
  if (!j.counted) {
    wentry *w = nl_add(&s->warn_l, cap, sizeof *w, a, oom);
    if (w) {
      keep_named(&w->n, smp, a, oom);
      if (j.unknown) w->category = keep_str(a, smp->f[r->tier_index].str, oom);
    }
    return 0;
  }
  nlist *l = NULL;
  switch (j.v.v) {
    case V_ON_TIME: s->on_time++; break;
    case V_LATE: s->late++, l = &s->late_l; break;
    case V_UNANSWERED: s->unanswered++, l = &s->unanswered_l; break;
    case V_DUE_SOON: s->due_soon++, l = &s->soon_l; break;
    default: s->pending++; break;
  }
  dentry *e = l ? nl_add(l, cap, sizeof *e, a, oom) : NULL;
  if (e) {
    e->v = j.v;
    keep_named(&e->n, smp, a, oom);
  }
  return 0;
}

/* The gap between a recency sample's last update and its reference date.
   0; GV_ACC_UNJUDGEABLE when a date lies outside the calendar (why, the
   calendar's message, appended to `why`). */
static int recency_gap(const gv_rule *r, const gv_sample *smp, const gv_rule_ctx *ctx, int32_t *last, int32_t *ref,
                       int64_t *gap, gv_buf *why) {
  *ref = smp->f[1].present ? smp->f[1].m.date : ctx->as_of;
  *last = smp->f[0].m.date;
  if (r->within.unit != GV_SPAN_WORKDAYS) {
    *gap = *ref - *last;
    return 0;
  }
  gv_buf err = {0};
  int rc = 0;
  if (ctx->cal.workdays_between(ctx->cal.cal, *last, *ref, gap, &err) != 0) {
    if (why) {
      gv_buf_puts(why, gv_buf_str(&err));
      if (err.oom) why->oom = 1;
    }
    rc = GV_ACC_UNJUDGEABLE;
  }
  gv_buf_free(&err);
  return rc;
}

static int add_recency(const gv_rule *r, acc_recency *s, const gv_sample *smp, const gv_rule_ctx *ctx, gv_arena *a,
                       int *oom, gv_buf *why) {
  int32_t last, ref;
  int64_t gap;
  if (recency_gap(r, smp, ctx, &last, &ref, &gap, why) != 0) return GV_ACC_UNJUDGEABLE;
  if (gap <= r->within.n) {
    s->ok++;
    return 0;
  }
  rentry *e = nl_add(&s->stale, cap_named(ctx), sizeof *e, a, oom);
  if (e) {
    e->last = last;
    e->ref = ref;
    e->gap = gap;
    keep_named(&e->n, smp, a, oom);
  }
  return 0;
}

/* The periods judged: those of the evaluation period up to the as-of date's. */
static void period_range(const gv_rule *r, const gv_rule_ctx *c, int64_t *first, int64_t *last) {
  *first = period_of(r->period, c->period_start);
  *last = period_of(r->period, c->period_end);
  int64_t now = period_of(r->period, c->as_of);
  if (*last > now) *last = now;
}

static void add_periods(const gv_rule *r, acc_periods *s, const gv_sample *smp, const gv_rule_ctx *c, gv_arena *a,
                        int *oom) {
  int64_t first, last;
  period_range(r, c, &first, &last);
  if (last < first) return; /* nothing to judge: the score says so */
  if (s->counts == NULL) {
    s->np = (size_t)(last - first + 1);
    if ((s->counts = gv_arena_array(a, s->np, sizeof *s->counts)) == NULL) {
      *oom = 1;
      return;
    }
  }
  /* the fields in the rule's order: date, count, period_start */
  int32_t d;
  int64_t k = 1;
  if (smp->f[0].present) {
    d = smp->f[0].m.date;
  } else {
    d = smp->f[2].m.date;
    k = (int64_t)smp->f[1].num;
  }
  int64_t p = period_of(r->period, d);
  if (d < c->period_start || d > c->period_end || p < first || p > last)
    s->outside++;
  else
    s->counts[p - first] += k;
}

static void add_ratio(acc_ratio *s, const gv_sample *smp, uint64_t seq, const gv_rule_ctx *ctx, gv_arena *a, int *oom) {
  if (smp->f[0].b) {
    s->found++;
    return;
  }
  fentry *e = nl_add(&s->failed, cap_named(ctx), sizeof *e, a, oom);
  if (e) {
    e->seq = seq;
    keep_named(&e->n, smp, a, oom);
  }
}

static void add_deduction(const gv_rule *r, acc_deduction *s, const gv_sample *smp, const gv_rule_ctx *ctx,
                          gv_arena *a, int *oom) {
  size_t count_idx = gv_rule_field_index(r, "count");
  const gv_fval *cnt = count_idx != (size_t)-1 ? &smp->f[count_idx] : NULL;
  int64_t k = cnt && cnt->present ? (int64_t)cnt->num : 1;
  s->occurrences += k;
  if (k <= 0) return;
  xentry *e = nl_add(&s->named, cap_named(ctx), sizeof *e, a, oom);
  if (e) keep_named(&e->n, smp, a, oom);
}

static void add_veto(acc_veto *s, const gv_sample *smp, gv_arena *a, int *oom) {
  if (s->triggered || !smp->f[0].b) return;
  s->triggered = 1;
  keep_named(&s->n, smp, a, oom);
}

/* A deep copy of a sample (the expression kind keeps them). */
static void copy_sample(gv_sample *to, const gv_sample *from, gv_arena *a, int *oom) {
  *to = *from;
  to->note = keep_str(a, from->note, oom);
  if (from->evidence_count) {
    const char **ev = gv_arena_array(a, from->evidence_count, sizeof *ev);
    if (ev == NULL) {
      *oom = 1;
      to->evidence_count = 0;
    }
    for (size_t i = 0; ev && i < from->evidence_count; i++) ev[i] = keep_str(a, from->evidence[i], oom);
    to->evidence = ev;
  }
  to->f = gv_arena_array(a, from->nf ? from->nf : 1, sizeof *to->f);
  if (to->f == NULL) {
    *oom = 1;
    to->nf = 0;
    return;
  }
  for (size_t i = 0; i < from->nf; i++) {
    gv_fval *f = &to->f[i];
    *f = from->f[i];
    if (f->str) f->str = keep_str(a, f->str, oom);
    if (f->list) {
      const char **l = gv_arena_array(a, f->list_count ? f->list_count : 1, sizeof *l);
      if (l == NULL) {
        *oom = 1;
        f->list_count = 0;
      }
      for (size_t k = 0; l && k < f->list_count; k++) l[k] = keep_str(a, from->f[i].list[k], oom);
      f->list = l;
    }
    if (f->iv) {
      gv_interval *iv = gv_arena_array(a, f->iv_count ? f->iv_count : 1, sizeof *iv);
      if (iv == NULL) {
        *oom = 1;
        f->iv_count = 0;
      } else if (f->iv_count) {
        memcpy(iv, from->f[i].iv, f->iv_count * sizeof *iv);
      }
      f->iv = iv;
    }
  }
}

int gv_acc_check(const gv_rule *r, const gv_sample *smp, const gv_rule_ctx *ctx, gv_buf *why) {
  if (r->kind == GV_RULE_DEADLINE) {
    djudged j;
    return judge_deadline(r, smp, ctx, &j, why);
  }
  if (r->kind == GV_RULE_RECENCY) {
    int32_t last, ref;
    int64_t gap;
    return recency_gap(r, smp, ctx, &last, &ref, &gap, why);
  }
  return 0;
}

int gv_acc_add(const gv_rule *r, gv_acc **slot, const gv_sample *smp, const gv_rule_ctx *ctx, gv_arena *a,
               gv_buf *why) {
  if (gv_acc_open(r, slot, a) != 0) return -1;
  gv_acc *acc = *slot;
  int oom = 0, refused = 0;
  uint64_t seq = acc->n;
  switch (r->kind) {
    case GV_RULE_BOOLEAN:
    case GV_RULE_CHECKLIST:
    case GV_RULE_MANUAL: add_latest(r, (acc_latest *)acc, smp, seq, a, &oom); break;
    case GV_RULE_DEADLINE: refused = add_deadline(r, (acc_deadline *)acc, smp, ctx, a, &oom, why); break;
    case GV_RULE_RECENCY: refused = add_recency(r, (acc_recency *)acc, smp, ctx, a, &oom, why); break;
    case GV_RULE_COUNT_PER_PERIOD: add_periods(r, (acc_periods *)acc, smp, ctx, a, &oom); break;
    case GV_RULE_SAMPLE_RATIO: add_ratio((acc_ratio *)acc, smp, seq, ctx, a, &oom); break;
    case GV_RULE_DEDUCTION: add_deduction(r, (acc_deduction *)acc, smp, ctx, a, &oom); break;
    case GV_RULE_VETO: add_veto((acc_veto *)acc, smp, a, &oom); break;
    default: {
      sentry *e = nl_add(&((acc_expr *)acc)->all, SIZE_MAX, sizeof *e, a, &oom);
      if (e) copy_sample(&e->s, smp, a, &oom);
    }
  }
  if (refused) return GV_ACC_UNJUDGEABLE; /* the state is as it was */
  acc->n++;
  return oom ? -1 : 0;
}

/* --- merging ------------------------------------------------------------------------- */

static void fix_fentry(link *e, uint64_t by) { ((fentry *)e)->seq += by; }

int gv_acc_merge(const gv_rule *r, gv_acc **into, gv_acc *later, const gv_rule_ctx *ctx) {
  if (later == NULL) return 0;
  if (*into == NULL) {
    *into = later;
    return 0;
  }
  gv_acc *acc = *into;
  size_t cap = cap_named(ctx);
  uint64_t n0 = acc->n;
  switch (r->kind) {
    case GV_RULE_BOOLEAN:
    case GV_RULE_CHECKLIST:
    case GV_RULE_MANUAL: {
      acc_latest *s = (acc_latest *)acc, *t = (acc_latest *)later;
      if (t->h.n == 0) break;
      if (s->h.n == 0 || t->observed > s->observed || (t->observed == s->observed && t->order > s->order)) {
        /* the later part's latest wins: take its value (its blocks live on) */
        s->order = t->order;
        s->observed = t->observed;
        s->named = t->named;
        s->b = t->b;
        s->num = t->num;
        s->text = t->text;
        s->found = t->found;
      }
      break;
    }
    case GV_RULE_DEADLINE: {
      acc_deadline *s = (acc_deadline *)acc, *t = (acc_deadline *)later;
      s->on_time += t->on_time, s->late += t->late, s->unanswered += t->unanswered;
      s->due_soon += t->due_soon, s->pending += t->pending;
      nl_merge(&s->late_l, &t->late_l, cap, NULL, 0);
      nl_merge(&s->unanswered_l, &t->unanswered_l, cap, NULL, 0);
      nl_merge(&s->soon_l, &t->soon_l, cap, NULL, 0);
      nl_merge(&s->warn_l, &t->warn_l, cap, NULL, 0);
      break;
    }
    case GV_RULE_RECENCY: {
      acc_recency *s = (acc_recency *)acc, *t = (acc_recency *)later;
      s->ok += t->ok;
      nl_merge(&s->stale, &t->stale, cap, NULL, 0);
      break;
    }
    case GV_RULE_COUNT_PER_PERIOD: {
      acc_periods *s = (acc_periods *)acc, *t = (acc_periods *)later;
      if (s->counts == NULL) {
        s->counts = t->counts;
        s->np = t->np;
      } else if (t->counts) {
        for (size_t i = 0; i < s->np && i < t->np; i++) s->counts[i] += t->counts[i];
      }
      s->outside += t->outside;
      break;
    }
    case GV_RULE_SAMPLE_RATIO: {
      acc_ratio *s = (acc_ratio *)acc, *t = (acc_ratio *)later;
      s->found += t->found;
      nl_merge(&s->failed, &t->failed, cap, fix_fentry, n0);
      break;
    }
    case GV_RULE_DEDUCTION: {
      acc_deduction *s = (acc_deduction *)acc, *t = (acc_deduction *)later;
      s->occurrences += t->occurrences;
      nl_merge(&s->named, &t->named, cap, NULL, 0);
      break;
    }
    case GV_RULE_VETO: {
      acc_veto *s = (acc_veto *)acc, *t = (acc_veto *)later;
      if (!s->triggered && t->triggered) s->triggered = 1, s->n = t->n;
      break;
    }
    default: nl_merge(&((acc_expr *)acc)->all, &((acc_expr *)later)->all, SIZE_MAX, NULL, 0); break;
  }
  acc->n += later->n;
  return 0;
}

/* --- scoring the state ----------------------------------------------------------------- */

/* Several observations of a single-valued kind: which one counts. */
static void note_superseded(scorer *s, const acc_latest *st) {
  if (st->h.n < 2) return;
  gv_buf b = {0};
  gv_buf_puts(&b, "共");
  gv_buf_put_size(&b, (size_t)st->h.n);
  gv_buf_puts(&b, "个观察，以");
  put_date(&b, st->observed);
  gv_buf_puts(&b, "的最新观察为准");
  add_reason(s, GV_REASON_INFO, "observation.superseded", &b);
  gv_buf_free(&b);
}

static void score_boolean(scorer *s, const acc_latest *st) {
  note_superseded(s, st);
  if (st->b) {
    s->out->score = s->r->max;
    return;
  }
  s->out->score = 0;
  gv_buf b = {0};
  gv_buf_printf(&b, "未达到要求：%s", rule_label(s->r));
  if (st->named.set) name(s, &st->named.n);
  add_reason(s, GV_REASON_LOSS, "boolean.false", &b);
  gv_buf_free(&b);
}

static void score_checklist(scorer *s, const acc_latest *st) {
  const gv_rule *r = s->r;
  note_superseded(s, st);
  size_t have = 0;
  gv_buf miss = {0};
  for (size_t i = 0; i < r->item_count; i++) {
    if (st->found && st->found[i]) {
      have++;
    } else {
      if (miss.len) gv_buf_puts(&miss, "、");
      gv_buf_puts(&miss, r->items[i]);
    }
  }
  int64_t score;
  if (r->scoring == GV_SCORE_PER_ITEM) {
    score = (int64_t)have * r->item_points;
    if (score > r->max) score = r->max;
  } else if (r->scoring == GV_SCORE_ALL) {
    score = have == r->item_count ? r->max : 0;
  } else {
    score = share(r->max, (int64_t)have, (int64_t)r->item_count);
  }
  s->out->score = score;
  if (have < r->item_count) {
    gv_buf b = {0};
    gv_buf_printf(&b, "缺少要素：%s（%zu/%zu）", gv_buf_str(&miss), have, r->item_count);
    if (st->named.set) name(s, &st->named.n);
    add_reason(s, GV_REASON_LOSS, "checklist.missing", &b);
    gv_buf_free(&b);
  }
  part_free(s, &miss);
}

static void score_manual(scorer *s, const acc_latest *st) {
  note_superseded(s, st);
  int64_t c = (int64_t)(st->num * 100.0 + (st->num < 0 ? -0.5 : 0.5));
  if (c < 0) c = 0;
  if (c > s->r->max) c = s->r->max;
  s->out->score = c;
  if (c < s->r->max) {
    gv_buf b = {0};
    gv_buf_printf(&b, "评估人员给分");
    put_score(&b, c);
    gv_buf_puts(&b, "（满分");
    put_score(&b, s->r->max);
    gv_buf_puts(&b, "）");
    if (slot_get(&st->text)) gv_buf_printf(&b, "：%s", slot_get(&st->text));
    if (st->named.set) name(s, &st->named.n);
    add_reason(s, GV_REASON_LOSS, "manual.below_max", &b);
    gv_buf_free(&b);
  }
}

/* "；等另N个" after the named ones, when some were not named. */
static void put_more(gv_buf *b, const nlist *l, size_t cap, const char *unit) {
  if (l->total > cap && cap) gv_buf_printf(b, "；等另%llu%s", (unsigned long long)(l->total - cap), unit);
}

static void score_sample_ratio(scorer *s, const acc_ratio *st) {
  const gv_rule *r = s->r;
  uint64_t n = st->h.n, found = st->found;
  size_t cap = cap_named(s->ctx);
  uint64_t denom = n;
  if (r->expected > 0 && (uint64_t)r->expected > denom) {
    denom = (uint64_t)r->expected;
    reasonf(s, GV_REASON_LOSS, "sample_ratio.too_few", "只测试了%llu个样本，应测%lld个", (unsigned long long)n,
            (long long)r->expected);
  }
  gv_buf failed = {0};
  for (const link *l = st->failed.head; l; l = l->next) {
    const fentry *e = (const fentry *)l;
    if (failed.len) gv_buf_puts(&failed, "；");
    gv_buf_printf(&failed, "第%llu个", (unsigned long long)(e->seq + 1));
    name(s, &e->n);
  }
  s->out->score = share(r->max, (int64_t)found, (int64_t)denom);
  s->out->judged = n;
  if (found < n) {
    gv_buf b = {0};
    gv_buf_printf(&b, "测试%llu个，%llu个未通过%s%s", (unsigned long long)n, (unsigned long long)(n - found),
                  failed.len ? "：" : "", gv_buf_str(&failed));
    put_more(&b, &st->failed, cap, "个");
    add_reason(s, GV_REASON_LOSS, "sample_ratio.failed", &b);
    gv_buf_free(&b);
  }
  part_free(s, &failed);
}

static void score_deduction(scorer *s, const acc_deduction *st) {
  const gv_rule *r = s->r;
  int64_t score = r->max - st->occurrences * r->per;
  if (score < r->floor) score = r->floor;
  if (score < 0) score = 0;
  s->out->score = score;
  if (st->occurrences > 0) {
    gv_buf b = {0};
    gv_buf_printf(&b, "发现%lld次，每次扣", (long long)st->occurrences);
    put_score(&b, r->per);
    gv_buf_puts(&b, "分");
    for (const link *l = st->named.head; l; l = l->next) name(s, &((const xentry *)l)->n);
    add_reason(s, GV_REASON_LOSS, "deduction.occurrences", &b);
    gv_buf_free(&b);
  }
}

static void score_veto(scorer *s, const acc_veto *st) {
  if (!st->triggered) {
    s->out->score = s->r->max;
    return;
  }
  s->out->veto = 1;
  s->out->score = 0;
  gv_buf b = {0};
  if (strcmp(s->r->target, "unit") == 0)
    gv_buf_printf(&b, "一票否决：%s，该单位总分计0分", rule_label(s->r));
  else
    gv_buf_printf(&b, "一票否决：%s，指标%s计0分", rule_label(s->r), s->r->target);
  name(s, &st->n);
  add_reason(s, GV_REASON_LOSS, "veto.triggered", &b);
  gv_buf_free(&b);
}

static void score_recency(scorer *s, const acc_recency *st) {
  const gv_rule *r = s->r;
  uint64_t n = st->h.n;
  size_t cap = cap_named(s->ctx);
  gv_buf stale = {0};
  for (const link *l = st->stale.head; l; l = l->next) {
    const rentry *e = (const rentry *)l;
    if (stale.len) gv_buf_puts(&stale, "；");
    gv_buf_puts(&stale, "最近更新");
    put_date(&stale, e->last);
    gv_buf_puts(&stale, "，监测日");
    put_date(&stale, e->ref);
    gv_buf_printf(&stale, "，相隔%lld%s", (long long)e->gap, r->within.unit == GV_SPAN_WORKDAYS ? "个工作日" : "天");
    name(s, &e->n);
  }
  s->out->judged = n;
  if (r->scoring == GV_SCORE_RATIO)
    s->out->score = share(r->max, (int64_t)st->ok, (int64_t)n);
  else
    s->out->score = st->ok == n ? r->max : 0;
  if (st->ok < n) {
    gv_buf b = {0};
    gv_buf_printf(&b, "%llu个中%llu个未在%lld%s内更新%s%s", (unsigned long long)n, (unsigned long long)(n - st->ok),
                  (long long)r->within.n, r->within.unit == GV_SPAN_WORKDAYS ? "个工作日" : "天",
                  stale.len ? "：" : "", gv_buf_str(&stale));
    put_more(&b, &st->stale, cap, "个");
    add_reason(s, GV_REASON_LOSS, "recency.stale", &b);
    gv_buf_free(&b);
  }
  part_free(s, &stale);
}

static void score_count_per_period(scorer *s, const acc_periods *st) {
  const gv_rule *r = s->r;
  const gv_rule_ctx *c = s->ctx;
  int64_t first, last;
  period_range(r, c, &first, &last);
  if (last < first) {
    reasonf(s, GV_REASON_INFO, "count_per_period.no_period", "评估期内尚无可评判的周期");
    s->out->status = GV_OUT_NOT_EVALUATED;
    return;
  }
  size_t np = (size_t)(last - first + 1);
  size_t judged = 0, met = 0;
  gv_buf short_of = {0};
  for (size_t i = 0; i < np; i++) {
    int64_t p = first + (int64_t)i;
    int64_t count = st->counts && i < st->np ? st->counts[i] : 0;
    int32_t pf, pl;
    period_bounds(r->period, p, &pf, &pl);
    int ended = pl <= c->as_of;
    if (!ended && count < r->min) continue; /* the current period counts once it meets min */
    judged++;
    if (count >= r->min) {
      met++;
    } else {
      if (short_of.len) gv_buf_puts(&short_of, "、");
      put_period(&short_of, r->period, p);
      gv_buf_printf(&short_of, "%lld条", (long long)count);
    }
  }
  if (st->outside)
    reasonf(s, GV_REASON_INFO, "count_per_period.outside", "%llu条不在评估期内，未计入",
            (unsigned long long)st->outside);
  s->out->judged = judged;
  if (judged == 0) {
    reasonf(s, GV_REASON_INFO, "count_per_period.no_period", "评估期内尚无已结束的周期");
    s->out->status = GV_OUT_NOT_EVALUATED;
    part_free(s, &short_of);
    return;
  }
  s->out->score = r->scoring == GV_SCORE_ALL ? (met == judged ? r->max : 0) : share(r->max, (int64_t)met, (int64_t)judged);
  if (met < judged) {
    gv_buf b = {0};
    gv_buf_printf(&b, "每%s应不少于%lld条，%zu个%s中%zu个未达到：%s", r->period == GV_PERIOD_MONTH ? "月" : "季度",
                  (long long)r->min, judged, r->period == GV_PERIOD_MONTH ? "月" : "季度", judged - met,
                  gv_buf_str(&short_of));
    add_reason(s, GV_REASON_LOSS, "count_per_period.short", &b);
    gv_buf_free(&b);
  }
  part_free(s, &short_of);
}

static void score_deadline(scorer *s, const acc_deadline *st) {
  const gv_rule *r = s->r;
  size_t cap = cap_named(s->ctx);
  for (const link *l = st->warn_l.head; l; l = l->next) {
    const wentry *w = (const wentry *)l;
    name(s, &w->n);
    if (w->category)
      reasonf(s, GV_REASON_WARNING, "deadline.unknown_category", "%s第%u行：类别“%s”没有对应的时限，未计入",
              w->n.source ? w->n.source : "", w->n.line, w->category);
    else
      reasonf(s, GV_REASON_WARNING, "deadline.no_start", "%s第%u行：缺少起算日期，未计入",
              w->n.source ? w->n.source : "", w->n.line);
  }
  if (st->warn_l.total > cap)
    reasonf(s, GV_REASON_WARNING, "deadline.not_counted", "另有%llu件缺少起算日期或类别没有对应的时限，未计入",
            (unsigned long long)(st->warn_l.total - cap));
  uint64_t judged = st->on_time + st->late + st->unanswered;
  s->out->judged = judged;
  /* Name up to max_named failing samples, then count the rest. */
  const nlist *lists[2] = {&st->late_l, &st->unanswered_l};
  const char *codes[2] = {"deadline.late", "deadline.unanswered"};
  for (int k = 0; k < 2; k++) {
    if (lists[k]->total == 0) continue;
    gv_buf b = {0};
    gv_buf_printf(&b, "抽查%llu件，%llu件%s%s", (unsigned long long)judged, (unsigned long long)lists[k]->total,
                  k == 0 ? "超过时限" : "逾期未答复", cap ? "：" : "");
    size_t named = 0;
    for (const link *l = lists[k]->head; l; l = l->next, named++) {
      const dentry *e = (const dentry *)l;
      if (named) gv_buf_puts(&b, "；");
      put_verdict(&b, &e->v, r);
      name(s, &e->n);
    }
    put_more(&b, lists[k], cap, "件");
    add_reason(s, GV_REASON_LOSS, codes[k], &b);
    gv_buf_free(&b);
  }
  for (const link *l = st->soon_l.head; l; l = l->next) {
    const dentry *e = (const dentry *)l;
    gv_buf b = {0};
    gv_buf_puts(&b, "即将到期：");
    put_verdict(&b, &e->v, r);
    name(s, &e->n);
    add_reason(s, GV_REASON_WARNING, "deadline.due_soon", &b);
    gv_buf_free(&b);
  }
  if (st->soon_l.total > cap)
    reasonf(s, GV_REASON_WARNING, "deadline.due_soon", "另有%llu件即将到期",
            (unsigned long long)(st->soon_l.total - cap));
  if (judged == 0) {
    reasonf(s, GV_REASON_INFO, "deadline.none_judged", "%llu件均未到期，尚无可评判的样本",
            (unsigned long long)(st->pending + st->due_soon));
    s->out->status = GV_OUT_NOT_EVALUATED;
    return;
  }
  uint64_t failing = st->late + st->unanswered;
  if (r->scoring == GV_SCORE_ALL) {
    s->out->score = failing ? 0 : r->max;
  } else if (r->scoring == GV_SCORE_DEDUCT) {
    int64_t score = r->max - (int64_t)failing * r->per_late;
    s->out->score = score < r->floor ? r->floor : score;
  } else {
    s->out->score = share(r->max, (int64_t)st->on_time, (int64_t)judged);
  }
}

static void score_expression(scorer *s, const acc_expr *st) {
  size_t n = (size_t)st->h.n;
  gv_sample *arr = malloc((n ? n : 1) * sizeof *arr);
  if (arr == NULL) {
    s->oom = 1;
    return;
  }
  size_t i = 0;
  for (const link *l = st->all.head; l && i < n; l = l->next) arr[i++] = ((const sentry *)l)->s;
  gv_rule_score_expression(s->r, arr, i, s->ctx, s->arena, s->out, &s->reasons, &s->oom);
  free(arr);
  /* The rule reads every sample, and none fails by itself: each reason
     names the first max_named samples it read. */
  size_t cap = cap_named(s->ctx);
  for (size_t k = 0; k < s->reasons.len; k++) {
    const gv_reason *x = s->reasons.items[k];
    size_t named_n = 0;
    for (const link *l = st->all.head; l && named_n < cap; l = l->next, named_n++) {
      const gv_sample *smp = &((const sentry *)l)->s;
      size_t nev = smp->evidence_count > UINT32_MAX ? UINT32_MAX : smp->evidence_count;
      kept v = {smp->source, smp->line, smp->col, smp->evidence, (uint32_t)nev, smp->note};
      name(s, &v);
    }
    push_reason(s, x->severity, x->code, x->text);
  }
  gv_vec_free(&s->reasons);
}

/* --- the entry points ------------------------------------------------------------------- */

int gv_acc_score(const gv_rule *r, const gv_acc *acc, const gv_rule_ctx *ctx, gv_arena *arena, gv_hmap *intern,
                 gv_outcome *out) {
  memset(out, 0, sizeof *out);
  scorer s = {.r = r, .ctx = ctx, .arena = arena, .out = out, .intern = intern};
  uint64_t n = acc ? acc->n : 0;
  out->samples = (size_t)n;
  out->status = GV_OUT_SCORED;
  if (n == 0) {
    out->status = GV_OUT_NOT_EVALUATED;
  } else {
    switch (r->kind) {
      case GV_RULE_BOOLEAN: score_boolean(&s, (const acc_latest *)acc); break;
      case GV_RULE_CHECKLIST: score_checklist(&s, (const acc_latest *)acc); break;
      case GV_RULE_MANUAL: score_manual(&s, (const acc_latest *)acc); break;
      case GV_RULE_DEADLINE: score_deadline(&s, (const acc_deadline *)acc); break;
      case GV_RULE_RECENCY: score_recency(&s, (const acc_recency *)acc); break;
      case GV_RULE_COUNT_PER_PERIOD: score_count_per_period(&s, (const acc_periods *)acc); break;
      case GV_RULE_SAMPLE_RATIO: score_sample_ratio(&s, (const acc_ratio *)acc); break;
      case GV_RULE_DEDUCTION: score_deduction(&s, (const acc_deduction *)acc); break;
      case GV_RULE_VETO: score_veto(&s, (const acc_veto *)acc); break;
      case GV_RULE_EXPRESSION: score_expression(&s, (const acc_expr *)acc); break;
      default: out->status = GV_OUT_ERROR; break;
    }
  }
  if (out->status != GV_OUT_SCORED) out->score = 0;
  if (out->score < 0) out->score = 0;
  if (out->score > r->max) out->score = r->max;
  gv_vec_free(&s.reasons);
  if (s.n) {
    out->reasons = gv_arena_array(arena, s.n, sizeof(gv_reason));
    if (out->reasons == NULL) {
      s.oom = 1;
    } else {
      memcpy(out->reasons, s.rs, s.n * sizeof(gv_reason));
      out->reason_count = s.n;
    }
  }
  free(s.rs);
  gather_free(&s.g);
  return s.oom ? -1 : 0;
}

int gv_rule_score(const gv_rule *r, const gv_sample *samples, size_t n, const gv_rule_ctx *ctx, gv_arena *arena,
                  gv_outcome *out) {
  gv_arena tmp = {0};
  gv_acc *acc = NULL;
  int rc = 0;
  /* a sample that cannot be judged is left out, as an evaluation rejects it */
  for (size_t i = 0; i < n && rc >= 0; i++) {
    gv_blame at;
    gv_buf why = {0};
    int impossible = gv_sample_check(r, &samples[i], ctx, &why, &at);
    gv_buf_free(&why);
    if (!impossible) rc = gv_acc_add(r, &acc, &samples[i], ctx, &tmp, NULL);
  }
  if (rc > 0) rc = 0;
  if (rc == 0) rc = gv_acc_score(r, acc, ctx, arena, NULL, out);
  gv_arena_free(&tmp);
  return rc;
}
