/* The deadline kind, continued: compiling its keys (limits, tiers, the
 * start by channel, restarts, pauses, extensions, due_soon, scoring) and
 * what it requires of samples (impossible ones, a known category, a known
 * channel). The ops table is in kind_deadline.c. */
#include <string.h>

#include "calendar/date.h"
#include "rules/kind_deadline.h"

/* --- compiling ------------------------------------------------------------------------- */

/* The span keys of a limit, read as their own mapping. */
static int read_limit_span(gv_rule_in *in, const gv_ynode *m, gv_span *out) {
  gv_ynode span = *m;
  gv_ynode *pairs[8];
  size_t np = 0;
  for (size_t k = 0; k < m->count && np < 4; k++) {
    const char *key = gv_ymap_key(m, k)->text;
    if (strcmp(key, "workdays") && strcmp(key, "days") && strcmp(key, "hours") && strcmp(key, "due")) continue;
    pairs[2 * np] = m->items[2 * k];
    pairs[2 * np + 1] = m->items[2 * k + 1];
    np++;
  }
  span.items = pairs;
  span.count = np;
  return gv_in_span(in, &span, 1, "a limit", out);
}

/* `limit` (one span, end field `end_field`) or `limits` (named, each with its end). */
static int read_limits(gv_rule_in *in, const gv_ynode *limit, const gv_ynode *limits, const gv_ynode *at,
                       const char *end_field, dl_limitset *out, const char *what) {
  if ((limit == NULL) == (limits == NULL)) {
    gv_in_err(in, at, "rule.limit_or_limits", "%s needs exactly one of 'limit' and 'limits'", what);
    return GOVOPEN_ESCHEMA;
  }
  if (limit) {
    out->items = gv_arena_alloc(in->arena, sizeof(dl_limit));
    if (out->items == NULL) return gv_in_oom(in), GOVOPEN_ENOMEM;
    out->count = 1;
    size_t mark = gv_in_path_key(in, "limit");
    int r = gv_in_span(in, limit, 1, "a limit", &out->items[0].span);
    gv_in_path_pop(in, mark);
    out->items[0].name = "";
    out->items[0].end_field = end_field;
    if (r != GOVOPEN_OK) return r;
    return gv_in_field(in, end_field, GV_FT_MOMENT, 0, &out->items[0].end_index) ? GOVOPEN_OK : GOVOPEN_ENOMEM;
  }
  size_t mark = gv_in_path_key(in, "limits");
  int status = GOVOPEN_OK;
  if (limits->kind != GV_YSEQ || limits->count == 0) {
    gv_in_err(in, limits, limits->kind != GV_YSEQ ? "rule.limits_type" : "rule.limits_empty",
              limits->kind != GV_YSEQ ? "expected a list of limits" : "the list of limits is empty");
    gv_in_path_pop(in, mark);
    return GOVOPEN_ESCHEMA;
  }
  out->items = gv_arena_array(in->arena, limits->count, sizeof(dl_limit));
  if (out->items == NULL) return gv_in_oom(in), gv_in_path_pop(in, mark), GOVOPEN_ENOMEM;
  for (size_t i = 0; i < limits->count; i++) {
    size_t m2 = gv_in_path_index(in, i);
    const gv_ynode *m = limits->items[i];
    gv_rkey f[] = {{"name", 0, 0}, {"end", 0, 0}, {"workdays", 0, 0}, {"days", 0, 0}, {"hours", 0, 0}, {"due", 0, 0}};
    dl_limit *lim = &out->items[out->count];
    const char *name = NULL, *end = NULL;
    if (gv_in_read_keys(in, m, f, 6, "a limit") != GOVOPEN_OK) {
      status = GOVOPEN_ESCHEMA;
    } else if (gv_in_name(in, m, &f[0], GV_RK_REQUIRED, "a limit", &name) ||
               gv_in_name(in, m, &f[1], GV_RK_REQUIRED, "a limit", &end)) {
      status = GOVOPEN_ESCHEMA;
    } else if (read_limit_span(in, m, &lim->span) != 0) {
      status = GOVOPEN_ESCHEMA;
    } else {
      lim->name = name;
      lim->end_field = end;
      if (gv_in_field(in, end, GV_FT_MOMENT, 0, &lim->end_index) == NULL) status = GOVOPEN_ENOMEM;
      out->count++;
    }
    gv_in_path_pop(in, m2);
  }
  gv_in_path_pop(in, mark);
  return status;
}

/* The art. 31 table for `start_by_channel: true`. */
static const char *const art31[][2] = {
    {"当面", "submitted"}, {"挂号信", "signed"}, {"平信", "confirmed"}, {"网络", "confirmed"}, {"传真", "confirmed"}};

static void compile_channels(gv_rule_in *in, gv_deadline_params *p, const gv_ynode *v) {
  size_t mark = gv_in_path_key(in, "start_by_channel");
  if (v->kind == GV_YSCALAR && v->type == GV_YT_BOOL) {
    if (v->text[0] == 't') {
      p->by_channel = 1;
      p->channel_count = sizeof art31 / sizeof art31[0];
      p->channels = gv_arena_array(in->arena, p->channel_count, sizeof(dl_channel));
      if (p->channels == NULL) gv_in_oom(in);
      for (size_t i = 0; p->channels && i < p->channel_count; i++) {
        p->channels[i].value = art31[i][0];
        p->channels[i].field = art31[i][1];
      }
    }
  } else if (v->kind == GV_YMAP && v->count > 0) {
    p->by_channel = 1;
    p->channels = gv_arena_array(in->arena, v->count, sizeof(dl_channel));
    if (p->channels == NULL) gv_in_oom(in);
    gv_hmap seen = {0}; /* channels as trimmed */
    for (size_t i = 0; p->channels && i < v->count; i++) {
      const gv_ynode *k = gv_ymap_key(v, i), *val = gv_ymap_value(v, i);
      size_t m2 = gv_in_path_key(in, k->text);
      const char *channel, *field;
      int crc = in->rd->name_text(in->self, k, k->text, k->len, &channel);
      int frc = in->rd->name_value(in->self, val, &field);
      int fresh = crc == GOVOPEN_OK ? gv_hmap_put(&seen, channel, strlen(channel), (void *)k, NULL) : 1;
      if (fresh < 0) gv_in_oom(in);
      if (fresh == 0) gv_in_err(in, k, "rule.channel_repeated", "the channel '%s' is given twice", channel);
      if (fresh != 1) channel = NULL;
      gv_in_path_pop(in, m2);
      if (frc != GOVOPEN_OK || channel == NULL) continue; /* channel: NULL when refused or repeated */
      p->channels[p->channel_count].value = gv_arena_strdup(in->arena, channel);
      p->channels[p->channel_count].field = field;
      p->channel_count++;
    }
    gv_hmap_free(&seen);
  } else {
    gv_in_err(in, v, "rule.channels_type", "expected true, false or a mapping of channel → field, found %s",
              gv_ynode_describe(v));
  }
  gv_in_path_pop(in, mark);
  if (!p->by_channel) return;
  gv_in_field(in, "channel", GV_FT_STR, 1, &p->channel_index);
  for (size_t i = 0; i < p->channel_count; i++)
    gv_in_field(in, p->channels[i].field, GV_FT_MOMENT, 0, &p->channels[i].field_index);
}

static const char *span_words(gv_span_unit u) {
  return u == GV_SPAN_WORKDAYS ? "working days" : u == GV_SPAN_DAYS ? "days" : "hours";
}

/* The rule's limit sets: the rule's, the default tier's, each tier's. */
static size_t set_count(const gv_deadline_params *p) { return 2 + p->tier_count; }
static const dl_limitset *set_at(const gv_deadline_params *p, size_t t) {
  return t == 0 ? &p->limits : t == 1 ? &p->tier_default : &p->tiers[t - 2].limits;
}

/* Whether a limit of the rule (any tier's) counts in `unit` (other = 0), or
   one that is not a due date counts in another (other = 1). */
static int rule_counts_in(const gv_deadline_params *p, gv_span_unit unit, int other) {
  for (size_t t = 0; t < set_count(p); t++) {
    const dl_limitset *ls = set_at(p, t);
    for (size_t i = 0; i < ls->count; i++) {
      gv_span_unit u = ls->items[i].span.unit;
      if (other ? u != GV_SPAN_DUE && u != unit : u == unit) return 1;
    }
  }
  return 0;
}

/* One sample field for one part of a deadline: a restart, pause or
   extension named like the start or an end would read one value as two
   things (a pause typed as a date, a period always 0 long). */
static void check_roles(gv_rule_in *in, const gv_deadline_params *p) {
  struct {
    const char *key;
    size_t index;
  } roles[] = {{"restart", p->has_restart ? p->restart_index : (size_t)-1},
               {"pauses", p->pause_index},
               {"extension", p->extended_index}};
  for (size_t k = 0; k < sizeof roles / sizeof roles[0]; k++) {
    size_t idx = roles[k].index;
    if (idx >= in->fields.len) continue;
    const char *clash = NULL;
    if (!p->by_channel && idx == p->start_index) clash = "the start";
    for (size_t t = 0; clash == NULL && t < set_count(p); t++) {
      const dl_limitset *ls = set_at(p, t);
      for (size_t i = 0; i < ls->count && clash == NULL; i++)
        if (ls->items[i].span.unit != GV_SPAN_DUE && ls->items[i].end_index == idx) clash = "an end";
    }
    for (size_t i = 0; p->by_channel && clash == NULL && i < p->channel_count; i++)
      if (p->channels[i].field_index == idx) clash = "a channel's start";
    if (clash == NULL && p->tier_count + p->tier_default.count && idx == p->tier_index) clash = "the category";
    for (size_t j = 0; clash == NULL && j < k; j++)
      if (roles[j].index == idx) clash = roles[j].key;
    if (clash == NULL) continue;
    const gv_rkey *fk = gv_in_key(in, roles[k].key);
    gv_in_err_key(in, roles[k].key, fk->value ? fk->value : in->block, "rule.field_shared",
                  "'%s' is already the field of %s: each part of a deadline needs its own",
                  gv_in_field_at(in, idx)->name, clash);
  }
  /* the start and an end in one field: nothing is ever late */
  for (size_t t = 0; !p->by_channel && p->start_index < in->fields.len && t < set_count(p); t++) {
    const dl_limitset *ls = set_at(p, t);
    for (size_t i = 0; i < ls->count; i++)
      if (ls->items[i].span.unit != GV_SPAN_DUE && ls->items[i].end_index == p->start_index) {
        const gv_rkey *fk = gv_in_key(in, "end");
#define BOTH "'%s' is both the start and an end: the period would always be 0"
        if (fk->value)
          gv_in_err_key(in, "end", fk->value, "rule.start_is_end", BOTH, ls->items[i].end_field);
        else
          gv_in_err(in, in->block, "rule.start_is_end", BOTH, ls->items[i].end_field);
#undef BOTH
        return;
      }
  }
}

/* `tiers`: the limits by category. */
static void compile_tiers(gv_rule_in *in, gv_deadline_params *p, const gv_ynode *tiers, const char *end) {
  size_t mark = gv_in_path_key(in, "tiers");
  gv_rkey tf[] = {{"field", 0, 0}, {"cases", 0, 0}, {"default", 0, 0}};
  if (gv_in_read_keys(in, tiers, tf, 3, "the tiers") == GOVOPEN_OK) {
    p->tier_field = "category";
    gv_in_name(in, tiers, &tf[0], GV_RK_OPTIONAL, "the tiers", &p->tier_field);
    /* required unless a default tier is given (settled below) */
    gv_fspec *tspec = gv_in_field(in, p->tier_field, GV_FT_STR, 1, &p->tier_index);
    const gv_ynode *cases = tf[1].value;
    if (cases == NULL || cases->kind != GV_YMAP || cases->count == 0) {
      gv_in_err(in, cases ? cases : tiers, "rule.tiers_cases_missing",
                "the tiers need 'cases': a mapping of category → limits");
    } else {
      size_t m2 = gv_in_path_key(in, "cases");
      p->tiers = gv_arena_array(in->arena, cases->count, sizeof(dl_tier));
      if (p->tiers == NULL) gv_in_oom(in);
      gv_hmap seen = {0}; /* categories are compared as trimmed: two that look alike are one */
      for (size_t i = 0; p->tiers && i < cases->count; i++) {
        const gv_ynode *k = gv_ymap_key(cases, i), *v = gv_ymap_value(cases, i);
        size_t m3 = gv_in_path_key(in, k->text);
        gv_rkey lf[] = {{"limit", 0, 0}, {"limits", 0, 0}};
        dl_tier *t = &p->tiers[p->tier_count];
        const char *name;
        int nrc = in->rd->name_text(in->self, k, k->text, k->len, &name);
        void *first = NULL;
        int fresh = nrc == GOVOPEN_OK ? gv_hmap_put(&seen, name, strlen(name), (void *)k, &first) : -2;
        if (fresh == -1) gv_in_oom(in);
        if (fresh == 0) {
          const gv_ynode *f0 = first;
          gv_in_err(in, k, "rule.case_repeated", "the category '%s' is already a case at line %u, column %u", name,
                    f0->line, f0->col);
        }
        if (fresh == 1 && gv_in_read_keys(in, v, lf, 2, "a tier") == GOVOPEN_OK &&
            read_limits(in, lf[0].value, lf[1].value, v, end, &t->limits, "a tier") == 0) {
          t->value = gv_arena_strdup(in->arena, name);
          if (t->value == NULL) gv_in_oom(in);
          p->tier_count++;
        }
        gv_in_path_pop(in, m3);
      }
      gv_hmap_free(&seen);
      gv_in_path_pop(in, m2);
    }
    if (tf[2].value) {
      size_t m2 = gv_in_path_key(in, "default");
      gv_rkey lf[] = {{"limit", 0, 0}, {"limits", 0, 0}};
      if (gv_in_read_keys(in, tf[2].value, lf, 2, "the default tier") == GOVOPEN_OK)
        read_limits(in, lf[0].value, lf[1].value, tf[2].value, end, &p->tier_default, "the default tier");
      gv_in_path_pop(in, m2);
    }
    /* A sample without a category takes the default tier; one that names
       a category not among the cases is refused where it is read. */
    if (tspec && p->tier_default.count) tspec->required = 0;
  }
  gv_in_path_pop(in, mark);
}

void gv_deadline_compile(gv_rule_in *in, void *pv) {
  gv_deadline_params *p = pv;
  const gv_ynode *m = in->block;
  const char *what = "a deadline rule";
  const char *start = "start", *end = "end";
  p->start_index = p->tier_index = p->channel_index = p->restart_index = p->pause_index = p->extended_index =
      (size_t)-1;
  gv_in_name(in, m, gv_in_key(in, "start"), GV_RK_OPTIONAL, what, &start);
  gv_in_name(in, m, gv_in_key(in, "end"), GV_RK_OPTIONAL, what, &end);
  const gv_rkey *fch = gv_in_key(in, "start_by_channel");
  if (fch->value) compile_channels(in, p, fch->value);
  /* the channel gives the start: a start field beside it would be read by nothing */
  const gv_rkey *fst = gv_in_key(in, "start");
  if (p->by_channel && fst->value)
    gv_in_err_key(in, "start", fst->value, "rule.start_unread",
                  "'start' goes unread with 'start_by_channel': the channel gives the start");
  /* the start is required unless every limit is a fixed due date (settled below) */
  if (!p->by_channel) gv_in_field(in, start, GV_FT_MOMENT, 0, &p->start_index);

  const gv_rkey *flimit = gv_in_key(in, "limit"), *flimits = gv_in_key(in, "limits"), *ftiers = gv_in_key(in, "tiers");
  if (ftiers->value) {
    if (flimit->value || flimits->value)
      gv_in_err(in, m, "rule.tiers_and_limits", "a deadline rule gives 'tiers' or 'limit'/'limits', not both");
    compile_tiers(in, p, ftiers->value, end);
  } else {
    read_limits(in, flimit->value, flimits->value, m, end, &p->limits, what);
  }

  if (!p->by_channel) {
    int due_only = 1;
    for (size_t t = 0; t < set_count(p); t++) {
      const dl_limitset *ls = set_at(p, t);
      for (size_t i = 0; i < ls->count; i++) due_only &= ls->items[i].span.unit == GV_SPAN_DUE;
    }
    /* start_index is unset when recording the start field ran out of memory */
    if (!due_only && p->start_index < in->fields.len) gv_in_field_at(in, p->start_index)->required = 1;
  }
  const char *restart = NULL, *pauses = "paused";
  if (gv_in_name(in, m, gv_in_key(in, "restart"), GV_RK_OPTIONAL, what, &restart) == 0 && restart) {
    p->has_restart = 1;
    gv_in_field(in, restart, GV_FT_MOMENT, 0, &p->restart_index);
  }
  gv_in_name(in, m, gv_in_key(in, "pauses"), GV_RK_OPTIONAL, what, &pauses);
  gv_in_field(in, pauses, GV_FT_INTERVALS, 0, &p->pause_index);
  gv_in_name(in, m, gv_in_key(in, "pause_label"), GV_RK_OPTIONAL, what, &p->pause_label);
  const gv_rkey *fe = gv_in_key(in, "extension");
  if (fe->value) {
    size_t mark = gv_in_path_key(in, "extension");
    if (gv_in_span(in, fe->value, 0, "an extension", &p->extension) == 0) {
      p->has_extension = 1;
      /* an extension lengthens the limits that count in its unit: one that
         none does would never apply */
      if (!rule_counts_in(p, p->extension.unit, 0))
        gv_in_err(in, fe->value, "rule.extension_unit_mismatch",
                  "the extension counts %s, and no limit of the rule does", span_words(p->extension.unit));
    }
    gv_in_path_pop(in, mark);
    gv_in_field(in, "extended", GV_FT_EXTENT, 0, &p->extended_index);
  }
  const gv_rkey *fds = gv_in_key(in, "due_soon");
  if (fds->value) {
    size_t mark = gv_in_path_key(in, "due_soon");
    if (gv_in_span(in, fds->value, 0, "'due_soon'", &p->due_soon) == 0) {
      p->has_due_soon = 1;
      /* it is compared with what is left of each limit, in the limit's unit */
      if (rule_counts_in(p, p->due_soon.unit, 1))
        gv_in_err(in, fds->value, "rule.due_soon_unit_mismatch",
                  "'due_soon' counts %s, and a limit of the rule counts in another unit", span_words(p->due_soon.unit));
    }
    gv_in_path_pop(in, mark);
  }
  check_roles(in, p);
  static const char *const scorings[] = {"ratio", "all", "deduct"};
  p->scoring = gv_in_choice(in, gv_in_key(in, "scoring"), what, scorings, 3, DL_SCORE_RATIO);
  const gv_rkey *fpl = gv_in_key(in, "per_late"), *ffl = gv_in_key(in, "floor");
  if (p->scoring == DL_SCORE_DEDUCT) {
    gv_in_score(in, m, fpl, GV_RK_REQUIRED, "a deducting deadline rule", &p->per_late);
    gv_in_score(in, m, ffl, GV_RK_OPTIONAL, what, &p->floor);
    if (p->floor > in->rule->max)
      gv_in_err_key(in, "floor", ffl->value, "rule.floor_above_max", "the floor is above the point's maximum");
  } else if (fpl->value || ffl->value) {
    gv_in_err(in, m, "rule.deduct_keys_scoring", "'per_late' and 'floor' go with 'scoring: deduct'");
  }
  /* how samples are typed: a limit in hours needs times; a category and a
     channel are names */
  int hours = rule_counts_in(p, GV_SPAN_HOURS, 0);
  for (size_t i = 0; i < in->fields.len; i++) {
    gv_fspec *f = gv_in_field_at(in, i);
    if (hours && f->type == GV_FT_MOMENT) f->needs_time = 1;
    if ((p->tier_count && i == p->tier_index) || (p->by_channel && i == p->channel_index)) f->is_name = 1;
  }
}

/* --- impossible samples ---------------------------------------------------------------- */

/* a before b: by date when either is only a date, else by the second */
static int before(const gv_moment *a, const gv_moment *b) {
  return a->date_only || b->date_only ? a->date < b->date : a->seconds < b->seconds;
}

static const char *unit_words(gv_span_unit u, int64_t n) {
  switch (u) {
    case GV_SPAN_WORKDAYS: return n == 1 ? "working day" : "working days";
    case GV_SPAN_DAYS: return n == 1 ? "day" : "days";
    case GV_SPAN_HOURS: return n == 1 ? "hour" : "hours";
    default: return "";
  }
}

/* The field holding the day the request was received: the channel's
   field (start_by_channel) or the start field; (size_t)-1 when absent. */
static size_t receipt_of(const gv_deadline_params *r, const gv_sample *s) {
  if (r->by_channel) {
    const gv_fval *ch = &s->f[r->channel_index];
    for (size_t i = 0; ch->present && i < r->channel_count; i++)
      if (strcmp(r->channels[i].value, ch->str) == 0)
        return s->f[r->channels[i].field_index].present ? r->channels[i].field_index : (size_t)-1;
    return (size_t)-1;
  }
  return r->start_index < s->nf && s->f[r->start_index].present ? r->start_index : (size_t)-1;
}

int gv_deadline_impossible(const gv_rule *rule, const gv_sample *s, gv_buf *why, gv_blame *at) {
  const gv_deadline_params *r = rule->params;
  const dl_limitset *ls = gv_deadline_limits(r, s);
  if (ls == NULL) return 0;
  size_t rec = receipt_of(r, s);
  size_t rst = r->has_restart && s->f[r->restart_index].present ? r->restart_index : (size_t)-1;
  /* a correction (补正) restarts the period: it comes after the receipt */
  if (rst != (size_t)-1 && rec != (size_t)-1 && before(&s->f[rst].m, &s->f[rec].m)) {
    gv_buf_printf(why, "%s ", s->f[rst].name);
    gv_put_moment_iso(why, &s->f[rst].m);
    gv_buf_printf(why, " is before %s ", s->f[rec].name);
    gv_put_moment_iso(why, &s->f[rec].m);
    gv_buf_puts(why, " (it restarts the period of a request already received)");
    return gv_blame_at(at, rst, (size_t)-1, 0);
  }
  /* the period runs from the restart, else the receipt */
  size_t from = rst != (size_t)-1 ? rst : rec;
  /* every end after the start; the sample runs until its last end, or
     until the as-of date while an end is still to come */
  const gv_moment *last = NULL;
  int open = 0;
  for (size_t k = 0; k < ls->count; k++) {
    const dl_limit *lim = &ls->items[k];
    if (lim->span.unit == GV_SPAN_DUE) continue;
    const gv_fval *end = &s->f[lim->end_index];
    if (!end->present) {
      open = 1;
      continue;
    }
    if (from != (size_t)-1 && before(&end->m, &s->f[from].m)) {
      gv_buf_printf(why, "%s ", end->name);
      gv_put_moment_iso(why, &end->m);
      gv_buf_printf(why, " is before %s ", s->f[from].name);
      gv_put_moment_iso(why, &s->f[from].m);
      return gv_blame_at(at, lim->end_index, (size_t)-1, 0);
    }
    if (last == NULL || before(last, &end->m)) last = &end->m;
  }
  /* pauses lie between the receipt and the (last) reply, none overlapping another */
  const gv_fval *p = r->pause_index < s->nf ? &s->f[r->pause_index] : NULL;
  for (size_t i = 0; p && p->present && i < p->iv_count; i++) {
    const gv_interval *iv = &p->iv[i];
    if (rec != (size_t)-1 && before(&iv->from, &s->f[rec].m)) {
      gv_buf_printf(why, "%s ", p->name);
      gv_put_interval_iso(why, iv);
      gv_buf_printf(why, " begins before %s ", s->f[rec].name);
      gv_put_moment_iso(why, &s->f[rec].m);
      return gv_blame_at(at, r->pause_index, i, 0);
    }
    if (!open && last && before(last, &iv->to)) {
      const gv_fval *end = NULL;
      for (size_t k = 0; k < ls->count && end == NULL; k++)
        if (ls->items[k].span.unit != GV_SPAN_DUE && &s->f[ls->items[k].end_index].m == last)
          end = &s->f[ls->items[k].end_index];
      gv_buf_printf(why, "%s ", p->name);
      gv_put_interval_iso(why, iv);
      gv_buf_printf(why, " ends after %s ", end ? end->name : "the end");
      gv_put_moment_iso(why, last);
      return gv_blame_at(at, r->pause_index, i, 1);
    }
    for (size_t j = 0; j < i; j++) {
      const gv_interval *o = &p->iv[j];
      /* [a, b] and [c, d] overlap unless one ends before the other begins
         (by day when either end is a date: a day is paused whole) */
      int apart = before(&iv->to, &o->from) || before(&o->to, &iv->from) ||
                  (iv->to.date_only || o->from.date_only ? 0 : iv->to.seconds == o->from.seconds) ||
                  (o->to.date_only || iv->from.date_only ? 0 : o->to.seconds == iv->from.seconds);
      if (apart) continue;
      gv_buf_printf(why, "%s ", p->name);
      gv_put_interval_iso(why, iv);
      gv_buf_puts(why, " overlaps ");
      gv_put_interval_iso(why, o);
      gv_buf_puts(why, " (a day is paused once)");
      return gv_blame_at(at, r->pause_index, i, 0);
    }
  }
  /* an extension is at most the rule's (art. 33: 不超过20个工作日), in its unit */
  if (r->has_extension && r->extended_index < s->nf && s->f[r->extended_index].present) {
    const gv_fval *e = &s->f[r->extended_index];
    int64_t n = e->num < 0 ? r->extension.n : (int64_t)e->num;
    if (e->b && n > r->extension.n) {
      gv_buf_printf(why, "%s %lld %s is longer than the rule allows (at most %lld %s)", e->name, (long long)n,
                    unit_words(r->extension.unit, n), (long long)r->extension.n,
                    unit_words(r->extension.unit, r->extension.n));
      return gv_blame_at(at, r->extended_index, (size_t)-1, 0);
    }
    int counts = 0;
    for (size_t k = 0; k < ls->count; k++) counts |= ls->items[k].span.unit == r->extension.unit;
    if (e->b && !counts) {
      gv_buf_printf(why, "%s: the extension counts %s, and no limit of this sample does", e->name,
                    unit_words(r->extension.unit, 2));
      return gv_blame_at(at, r->extended_index, (size_t)-1, 0);
    }
  }
  return 0;
}

/* --- what a sample must give ------------------------------------------------------------- */

/* A category must be one of the tiers' cases: an unknown one (a typing
   error, a space no one can see) is refused, never given the default tier,
   which is for samples that give no category. */
int gv_deadline_check_field(const gv_rule *r, size_t i, const gv_fval *f, const char *point,
                            const gv_sample_sink *sink) {
  const gv_deadline_params *p = r->params;
  if (p->tier_count == 0 || i != p->tier_index) return GOVOPEN_OK;
  for (size_t k = 0; k < p->tier_count; k++)
    if (strcmp(p->tiers[k].value, f->str) == 0) return GOVOPEN_OK;
  gv_buf known = {0};
  /* named up to a screenful: each refused record carries the list */
  for (size_t k = 0; k < p->tier_count && k < 20; k++) {
    if (k) gv_buf_puts(&known, "、");
    gv_buf_puts(&known, p->tiers[k].value);
  }
  if (p->tier_count > 20) gv_buf_printf(&known, " and %zu more", p->tier_count - 20);
  int rc = gv_buf_status(&known) != GOVOPEN_OK
               ? GOVOPEN_ENOMEM
               : gv_sample_err(sink, "observation.category_unknown", "unknown %s '%s' for %s (known: %s%s)",
                               p->tier_field, f->str, point, gv_buf_str(&known),
                               p->tier_default.count ? "; without it, the default tier" : "");
  gv_buf_free(&known);
  return rc;
}

/* A channel must be known, and its start given. */
int gv_deadline_check_sample(const gv_rule *r, const gv_sample *s, const char *point, int clean,
                             const gv_sample_sink *sink) {
  (void)point, (void)clean;
  const gv_deadline_params *p = r->params;
  if (!p->by_channel || !s->f[p->channel_index].present) return GOVOPEN_OK;
  const char *ch = s->f[p->channel_index].str;
  size_t k = 0;
  while (k < p->channel_count && strcmp(p->channels[k].value, ch) != 0) k++;
  if (k < p->channel_count) {
    if (s->f[p->channels[k].field_index].present) return GOVOPEN_OK;
    return gv_sample_err(sink, "observation.channel_start_missing",
                         "an application by %s needs '%s' (the start, 条例第三十一条)", ch, p->channels[k].field);
  }
  gv_buf chans = {0};
  for (size_t j = 0; j < p->channel_count; j++) {
    if (j) gv_buf_puts(&chans, "、");
    gv_buf_puts(&chans, p->channels[j].value);
  }
  int rc = gv_buf_status(&chans) != GOVOPEN_OK
               ? GOVOPEN_ENOMEM
               : gv_sample_err(sink, "observation.channel_unknown", "unknown channel '%s' (expected one of %s)", ch,
                               gv_buf_str(&chans));
  gv_buf_free(&chans);
  return rc;
}
