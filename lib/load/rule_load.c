/* Rule blocks → compiled rules (rules/rule.h), every parameter checked with
 * its position and path. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/date.h"
#include "load/rule_load.h"
#include "util/hmap.h"

/* --- small readers ------------------------------------------------------------- */

/* A non-negative integer parameter. */
static int get_count(gv_schema *sc, const gv_ynode *map, const gv_field *f, int required, int64_t minimum,
                     const char *what, int64_t *out) {
  int64_t v = 0;
  if (gv_sc_get_int(sc, map, f, required, what, &v) != 0) return -1;
  if (f->value == NULL) return 0;
  if (v < minimum) {
    size_t mark = gv_sc_path_key(sc, f->key);
    gv_sc_err_at(sc, f->value, "rule.count_too_small",
                 "'%s' must be at least %lld, not %lld", f->key, (long long)minimum, (long long)v);
    gv_sc_path_pop(sc, mark);
    return -1;
  }
  *out = v;
  return 0;
}

/* A span: a mapping with exactly one of workdays, days, hours (and due when
   `allow_due`). */
static int read_span(gv_schema *sc, const gv_ynode *m, int allow_due, const char *what, gv_span *out) {
  gv_field f[] = {{"workdays", 0, 0}, {"days", 0, 0}, {"hours", 0, 0}, {"due", 0, 0}};
  size_t nf = allow_due ? 4 : 3;
  if (!gv_sc_read_fields(sc, m, f, nf, what)) return -1;
  size_t given = 0, which = 0;
  for (size_t i = 0; i < nf; i++)
    if (f[i].value) given++, which = i;
  if (given != 1) {
    gv_sc_err_at(sc, m, "rule.span_unit_choice", "%s needs exactly one of %s", what,
                 allow_due ? "'workdays', 'days', 'hours' or 'due'" : "'workdays', 'days' or 'hours'");
    return -1;
  }
  if (which == 3) {
    const char *s = NULL;
    if (gv_sc_get_name(sc, m, &f[3], GV_REQUIRED, what, &s) != 0) return -1;
    if (gv_date_parse(s, strlen(s), &out->due, NULL) != 0) {
      size_t mark = gv_sc_path_key(sc, "due");
      gv_sc_err_at(sc, f[3].value, "rule.date_invalid", "'%s' is not a date (YYYY-MM-DD)", s);
      gv_sc_path_pop(sc, mark);
      return -1;
    }
    out->unit = GV_SPAN_DUE;
    out->n = 0;
    return 0;
  }
  if (get_count(sc, m, &f[which], GV_REQUIRED, 1, what, &out->n) != 0) return -1;
  out->unit = which == 0 ? GV_SPAN_WORKDAYS : which == 1 ? GV_SPAN_DAYS : GV_SPAN_HOURS;
  return 0;
}

typedef struct rl {
  gv_schema *sc;
  gv_arena *a;
  gv_rule *r;
  gv_vec fields;
  gv_hmap by_name; /* field name → index + 1: a rule naming many fields (channels, limits) stays linear */
  size_t indexed;  /* fields[0, indexed) are in by_name */
} rl;

/* The field `name` of the rule's samples, added when new; NULL out of memory. */
static gv_fspec *add_field(rl *c, const char *name, gv_ftype type, int required, size_t *index) {
  /* the expression compiler adds fields of its own to the list: index them first */
  for (; c->indexed < c->fields.len; c->indexed++) {
    const gv_fspec *f = c->fields.items[c->indexed];
    if (gv_hmap_put(&c->by_name, f->name, strlen(f->name), (void *)(uintptr_t)(c->indexed + 1), NULL) < 0) {
      gv_sc_set_oom(c->sc);
      return NULL;
    }
  }
  uintptr_t at = (uintptr_t)gv_hmap_get(&c->by_name, name, strlen(name));
  if (at) {
    gv_fspec *f = c->fields.items[at - 1];
    if (index) *index = at - 1;
    if (required) f->required = 1;
    return f;
  }
  gv_fspec *f = gv_arena_alloc(c->a, sizeof *f);
  if (f == NULL || gv_vec_push(&c->fields, f) != 0) {
    gv_sc_set_oom(c->sc);
    return NULL;
  }
  f->name = name;
  f->type = type;
  f->required = required;
  if (index) *index = c->fields.len - 1;
  return f;
}

/* `limit` (one span, end field `end_field`) or `limits` (named, each with its end). */
static int read_limits(rl *c, const gv_ynode *limit, const gv_ynode *limits, const gv_ynode *at,
                       const char *end_field, gv_limitset *out, const char *what) {
  gv_schema *sc = c->sc;
  if ((limit == NULL) == (limits == NULL)) {
    gv_sc_err_at(sc, at, "rule.limit_or_limits", "%s needs exactly one of 'limit' and 'limits'", what);
    return -1;
  }
  if (limit) {
    out->items = gv_arena_alloc(c->a, sizeof(gv_limit));
    if (out->items == NULL) return gv_sc_set_oom(sc), -1;
    out->count = 1;
    size_t mark = gv_sc_path_key(sc, "limit");
    int r = read_span(sc, limit, 1, "a limit", &out->items[0].span);
    gv_sc_path_pop(sc, mark);
    out->items[0].name = "";
    out->items[0].end_field = end_field;
    return r || add_field(c, end_field, GV_FT_MOMENT, 0, &out->items[0].end_index) == NULL ? -1 : 0;
  }
  size_t mark = gv_sc_path_key(sc, "limits");
  int status = 0;
  if (limits->kind != GV_YSEQ || limits->count == 0) {
    gv_sc_err_at(sc, limits, limits->kind != GV_YSEQ ? "rule.limits_type" : "rule.limits_empty",
                 limits->kind != GV_YSEQ ? "expected a list of limits" : "the list of limits is empty");
    gv_sc_path_pop(sc, mark);
    return -1;
  }
  out->items = gv_arena_array(c->a, limits->count, sizeof(gv_limit));
  if (out->items == NULL) return gv_sc_set_oom(sc), gv_sc_path_pop(sc, mark), -1;
  for (size_t i = 0; i < limits->count; i++) {
    size_t m2 = gv_sc_path_index(sc, i);
    const gv_ynode *m = limits->items[i];
    gv_field f[] = {{"name", 0, 0}, {"end", 0, 0}, {"workdays", 0, 0}, {"days", 0, 0}, {"hours", 0, 0}, {"due", 0, 0}};
    gv_limit *lim = &out->items[out->count];
    if (!gv_sc_read_fields(sc, m, f, 6, "a limit")) {
      status = -1;
    } else {
      const char *name = NULL, *end = NULL;
      if (gv_sc_get_name(sc, m, &f[0], GV_REQUIRED, "a limit", &name) ||
          gv_sc_get_name(sc, m, &f[1], GV_REQUIRED, "a limit", &end)) {
        status = -1;
      } else {
        /* the span keys, read as their own mapping (the others were checked above) */
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
        if (read_span(sc, &span, 1, "a limit", &lim->span) != 0) {
          status = -1;
        } else {
          lim->name = name;
          lim->end_field = end;
          if (add_field(c, end, GV_FT_MOMENT, 0, &lim->end_index) == NULL) status = -1;
          out->count++;
        }
      }
    }
    gv_sc_path_pop(sc, m2);
  }
  gv_sc_path_pop(sc, mark);
  return status;
}

/* --- per kind ------------------------------------------------------------------- */

static void compile_checklist(rl *c, const gv_ynode *m, gv_field *f, size_t nf) {
  gv_schema *sc = c->sc;
  gv_rule *r = c->r;
  gv_strlist items = {0};
  gv_list_pos pos;
  const gv_field *fi = gv_sc_fld(f, nf, "items");
  if (gv_sc_get_namelist(sc, m, fi, GV_REQUIRED, 0, "a checklist rule", &items, &pos) == 0) {
    /* each repeat once, where it is, naming the first */
    size_t *first = gv_sc_find_repeats(sc, items.items, items.count);
    for (size_t i = 0; first && i < items.count; i++)
      if (first[i] != i) {
        size_t mark = gv_sc_path_key(sc, "items");
        size_t m2 = gv_sc_path_index(sc, pos.index[i]);
        gv_sc_err_at(sc, pos.nodes[i], "rule.item_repeated",
                     "the item '%s' is listed twice (first at line %u, column %u)", items.items[i],
                     pos.nodes[first[i]]->line, pos.nodes[first[i]]->col);
        gv_sc_path_pop(sc, m2);
        gv_sc_path_pop(sc, mark);
      }
    free(first);
  }
  r->items = items.items;
  r->item_count = items.count;
  const char *scoring = NULL;
  r->scoring = GV_SCORE_FRACTION;
  const gv_field *fs = gv_sc_fld(f, nf, "scoring");
  if (gv_sc_get_name(sc, m, fs, GV_OPTIONAL, "a checklist rule", &scoring) == 0 && scoring) {
    if (strcmp(scoring, "per-item") == 0)
      r->scoring = GV_SCORE_PER_ITEM;
    else if (strcmp(scoring, "all") == 0)
      r->scoring = GV_SCORE_ALL;
    else if (strcmp(scoring, "fraction") != 0) {
      size_t mark = gv_sc_path_key(sc, "scoring");
      gv_sc_err_at(sc, fs->value, "rule.checklist_scoring_unknown",
                   "unknown scoring '%s' (expected fraction, per-item or all)", scoring);
      gv_sc_path_pop(sc, mark);
    }
  }
  const gv_field *fp = gv_sc_fld(f, nf, "item_points");
  if (r->scoring == GV_SCORE_PER_ITEM) {
    /* every item present must reach the maximum, or full marks never could */
    if (gv_sc_get_score(sc, m, fp, GV_REQUIRED, 0, "a per-item checklist rule", &r->item_points, NULL) == 0 &&
        r->item_count && (int64_t)r->item_count * r->item_points < r->max) {
      char each[32], all[32], max[32];
      gv_sc_fmt_cents(each, sizeof each, r->item_points);
      gv_sc_fmt_cents(all, sizeof all, (int64_t)r->item_count * r->item_points);
      gv_sc_fmt_cents(max, sizeof max, r->max);
      size_t mark = gv_sc_path_key(sc, "item_points");
      gv_sc_err_at(sc, fp->value, "rule.items_below_max",
                   "%zu items at %s each make %s, less than the point's maximum %s: full marks could "
                   "never be given", r->item_count, each, all, max);
      gv_sc_path_pop(sc, mark);
    }
  } else if (fp->value)
    gv_sc_err_at(sc, m, "rule.item_points_scoring", "'item_points' goes with 'scoring: per-item'");
  add_field(c, "present", GV_FT_STRLIST, 0, NULL);
  add_field(c, "missing", GV_FT_STRLIST, 0, NULL);
}

/* The art. 31 table for `start_by_channel: true`. */
static const char *const art31[][2] = {
    {"当面", "submitted"}, {"挂号信", "signed"}, {"平信", "confirmed"}, {"网络", "confirmed"}, {"传真", "confirmed"}};

static void compile_channels(rl *c, const gv_ynode *v) {
  gv_schema *sc = c->sc;
  gv_rule *r = c->r;
  size_t mark = gv_sc_path_key(sc, "start_by_channel");
  if (v->kind == GV_YSCALAR && v->type == GV_YT_BOOL) {
    if (v->text[0] == 't') {
      r->by_channel = 1;
      r->channel_count = sizeof art31 / sizeof art31[0];
      r->channels = gv_arena_array(c->a, r->channel_count, sizeof(gv_channel));
      if (r->channels == NULL) gv_sc_set_oom(sc);
      for (size_t i = 0; r->channels && i < r->channel_count; i++) {
        r->channels[i].value = art31[i][0];
        r->channels[i].field = art31[i][1];
      }
    }
  } else if (v->kind == GV_YMAP && v->count > 0) {
    r->by_channel = 1;
    r->channels = gv_arena_array(c->a, v->count, sizeof(gv_channel));
    if (r->channels == NULL) gv_sc_set_oom(sc);
    gv_hmap seen = {0}; /* channels as trimmed */
    for (size_t i = 0; r->channels && i < v->count; i++) {
      const gv_ynode *k = gv_ymap_key(v, i), *val = gv_ymap_value(v, i);
      size_t m2 = gv_sc_path_key(sc, k->text);
      const char *channel = gv_sc_name_text(sc, k, k->text, k->len);
      const char *field = gv_sc_name_value(sc, val);
      int fresh = channel ? gv_hmap_put(&seen, channel, strlen(channel), (void *)k, NULL) : 1;
      if (fresh < 0) gv_sc_set_oom(sc);
      if (fresh == 0) gv_sc_err_at(sc, k, "rule.channel_repeated", "the channel '%s' is given twice", channel);
      if (fresh != 1) channel = NULL;
      gv_sc_path_pop(sc, m2);
      if (field == NULL || channel == NULL) continue;
      r->channels[r->channel_count].value = gv_arena_strdup(c->a, channel);
      r->channels[r->channel_count].field = field;
      r->channel_count++;
    }
    gv_hmap_free(&seen);
  } else {
    gv_sc_err_at(sc, v, "rule.channels_type",
                 "expected true, false or a mapping of channel → field, found %s", gv_ynode_describe(v));
  }
  gv_sc_path_pop(sc, mark);
  if (!r->by_channel) return;
  add_field(c, "channel", GV_FT_STR, 1, &r->channel_index);
  for (size_t i = 0; i < r->channel_count; i++)
    add_field(c, r->channels[i].field, GV_FT_MOMENT, 0, &r->channels[i].field_index);
}

static const char *span_words(gv_span_unit u) {
  return u == GV_SPAN_WORKDAYS ? "working days" : u == GV_SPAN_DAYS ? "days" : "hours";
}

/* Whether a limit of the rule (any tier's) counts in `unit` (other = 0), or
   one that is not a due date counts in another (other = 1). */
static int rule_counts_in(const gv_rule *r, gv_span_unit unit, int other) {
  const gv_limitset *sets[2] = {&r->limits, &r->tier_default};
  for (size_t t = 0; t < 2 + r->tier_count; t++) {
    const gv_limitset *ls = t < 2 ? sets[t] : &r->tiers[t - 2].limits;
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
static void check_roles(rl *c, const gv_ynode *m, gv_field *f, size_t nf) {
  const gv_rule *r = c->r;
  const gv_limitset *sets[2] = {&r->limits, &r->tier_default};
  struct {
    const char *key;
    size_t index;
  } roles[] = {{"restart", r->has_restart ? r->restart_index : (size_t)-1},
               {"pauses", r->pause_index},
               {"extension", r->extended_index}};
  for (size_t k = 0; k < sizeof roles / sizeof roles[0]; k++) {
    size_t idx = roles[k].index;
    if (idx >= c->fields.len) continue;
    const char *clash = NULL;
    if (!r->by_channel && idx == r->start_index) clash = "the start";
    for (size_t t = 0; clash == NULL && t < 2 + r->tier_count; t++) {
      const gv_limitset *ls = t < 2 ? sets[t] : &r->tiers[t - 2].limits;
      for (size_t i = 0; i < ls->count && clash == NULL; i++)
        if (ls->items[i].span.unit != GV_SPAN_DUE && ls->items[i].end_index == idx) clash = "an end";
    }
    for (size_t i = 0; r->by_channel && clash == NULL && i < r->channel_count; i++)
      if (r->channels[i].field_index == idx) clash = "a channel's start";
    if (clash == NULL && r->tier_count + r->tier_default.count && idx == r->tier_index) clash = "the category";
    for (size_t j = 0; clash == NULL && j < k; j++)
      if (roles[j].index == idx) clash = roles[j].key;
    if (clash == NULL) continue;
    const gv_field *fk = gv_sc_fld(f, nf, roles[k].key);
    const gv_fspec *spec = c->fields.items[idx];
    size_t mark = gv_sc_path_key(c->sc, roles[k].key);
    gv_sc_err_at(c->sc, fk->value ? fk->value : m, "rule.field_shared",
                 "'%s' is already the field of %s: each part of a deadline needs its own",
                 spec->name, clash);
    gv_sc_path_pop(c->sc, mark);
  }
  /* the start and an end in one field: nothing is ever late */
  for (size_t t = 0; !r->by_channel && r->start_index < c->fields.len && t < 2 + r->tier_count; t++) {
    const gv_limitset *ls = t < 2 ? sets[t] : &r->tiers[t - 2].limits;
    for (size_t i = 0; i < ls->count; i++)
      if (ls->items[i].span.unit != GV_SPAN_DUE && ls->items[i].end_index == r->start_index) {
        const gv_field *fk = gv_sc_fld(f, nf, "end");
        size_t mark = fk->value ? gv_sc_path_key(c->sc, "end") : c->sc->path.len;
        gv_sc_err_at(c->sc, fk->value ? fk->value : m, "rule.start_is_end",
                     "'%s' is both the start and an end: the period would always be 0",
                     ls->items[i].end_field);
        gv_sc_path_pop(c->sc, mark);
        return;
      }
  }
}

static void compile_deadline(rl *c, const gv_ynode *m, gv_field *f, size_t nf) {
  gv_schema *sc = c->sc;
  gv_rule *r = c->r;
  const char *what = "a deadline rule";
  const char *start = "start", *end = "end";
  gv_sc_get_name(sc, m, gv_sc_fld(f, nf, "start"), GV_OPTIONAL, what, &start);
  gv_sc_get_name(sc, m, gv_sc_fld(f, nf, "end"), GV_OPTIONAL, what, &end);
  const gv_field *fch = gv_sc_fld(f, nf, "start_by_channel");
  if (fch->value) compile_channels(c, fch->value);
  /* the channel gives the start: a start field beside it would be read by nothing */
  const gv_field *fst = gv_sc_fld(f, nf, "start");
  if (r->by_channel && fst->value) {
    size_t mark = gv_sc_path_key(sc, "start");
    gv_sc_err_at(sc, fst->value, "rule.start_unread",
                 "'start' goes unread with 'start_by_channel': the channel gives the start");
    gv_sc_path_pop(sc, mark);
  }
  /* the start is required unless every limit is a fixed due date (settled below) */
  if (!r->by_channel) add_field(c, start, GV_FT_MOMENT, 0, &r->start_index);

  const gv_field *flimit = gv_sc_fld(f, nf, "limit"), *flimits = gv_sc_fld(f, nf, "limits"),
                 *ftiers = gv_sc_fld(f, nf, "tiers");
  if (ftiers->value) {
    if (flimit->value || flimits->value) gv_sc_err_at(sc, m, "rule.tiers_and_limits",
                                                      "a deadline rule gives 'tiers' or 'limit'/'limits', not both");
    size_t mark = gv_sc_path_key(sc, "tiers");
    gv_field tf[] = {{"field", 0, 0}, {"cases", 0, 0}, {"default", 0, 0}};
    if (gv_sc_read_fields(sc, ftiers->value, tf, 3, "the tiers")) {
      r->tier_field = "category";
      gv_sc_get_name(sc, ftiers->value, &tf[0], GV_OPTIONAL, "the tiers", &r->tier_field);
      /* required unless a default tier is given (settled below) */
      gv_fspec *tspec = add_field(c, r->tier_field, GV_FT_STR, 1, &r->tier_index);
      const gv_ynode *cases = tf[1].value;
      if (cases == NULL || cases->kind != GV_YMAP || cases->count == 0) {
        gv_sc_err_at(sc, cases ? cases : ftiers->value, "rule.tiers_cases_missing",
                     "the tiers need 'cases': a mapping of category → limits");
      } else {
        size_t m2 = gv_sc_path_key(sc, "cases");
        r->tiers = gv_arena_array(c->a, cases->count, sizeof(gv_tier));
        if (r->tiers == NULL) gv_sc_set_oom(sc);
        gv_hmap seen = {0}; /* categories are compared as trimmed: two that look alike are one */
        for (size_t i = 0; r->tiers && i < cases->count; i++) {
          const gv_ynode *k = gv_ymap_key(cases, i), *v = gv_ymap_value(cases, i);
          size_t m3 = gv_sc_path_key(sc, k->text);
          gv_field lf[] = {{"limit", 0, 0}, {"limits", 0, 0}};
          gv_tier *t = &r->tiers[r->tier_count];
          const char *name = gv_sc_name_text(sc, k, k->text, k->len);
          void *first = NULL;
          int fresh = name ? gv_hmap_put(&seen, name, strlen(name), (void *)k, &first) : -2;
          if (fresh == -1) gv_sc_set_oom(sc);
          if (fresh == 0) {
            const gv_ynode *f0 = first;
            gv_sc_err_at(sc, k, "rule.case_repeated",
                         "the category '%s' is already a case at line %u, column %u", name, f0->line, f0->col);
          }
          if (fresh == 1 && gv_sc_read_fields(sc, v, lf, 2, "a tier") &&
              read_limits(c, lf[0].value, lf[1].value, v, end, &t->limits, "a tier") == 0) {
            t->value = gv_arena_strdup(c->a, name);
            if (t->value == NULL) gv_sc_set_oom(sc);
            r->tier_count++;
          }
          gv_sc_path_pop(sc, m3);
        }
        gv_hmap_free(&seen);
        gv_sc_path_pop(sc, m2);
      }
      if (tf[2].value) {
        size_t m2 = gv_sc_path_key(sc, "default");
        gv_field lf[] = {{"limit", 0, 0}, {"limits", 0, 0}};
        if (gv_sc_read_fields(sc, tf[2].value, lf, 2, "the default tier"))
          read_limits(c, lf[0].value, lf[1].value, tf[2].value, end, &r->tier_default, "the default tier");
        gv_sc_path_pop(sc, m2);
      }
      /* A sample without a category takes the default tier; one that names
         a category not among the cases is refused where it is read. */
      if (tspec && r->tier_default.count) tspec->required = 0;
    }
    gv_sc_path_pop(sc, mark);
  } else {
    read_limits(c, flimit->value, flimits->value, m, end, &r->limits, what);
  }

  if (!r->by_channel) {
    int due_only = 1;
    const gv_limitset *sets[3] = {&r->limits, &r->tier_default, NULL};
    for (size_t si = 0; si < 2; si++)
      for (size_t i = 0; i < sets[si]->count; i++) due_only &= sets[si]->items[i].span.unit == GV_SPAN_DUE;
    for (size_t t = 0; t < r->tier_count; t++)
      for (size_t i = 0; i < r->tiers[t].limits.count; i++) due_only &= r->tiers[t].limits.items[i].span.unit == GV_SPAN_DUE;
    /* start_index is unset when recording the start field ran out of memory */
    if (!due_only && r->start_index < c->fields.len) ((gv_fspec *)c->fields.items[r->start_index])->required = 1;
  }
  const char *restart = NULL, *pauses = "paused";
  if (gv_sc_get_name(sc, m, gv_sc_fld(f, nf, "restart"), GV_OPTIONAL, what, &restart) == 0 && restart) {
    r->has_restart = 1;
    add_field(c, restart, GV_FT_MOMENT, 0, &r->restart_index);
  }
  gv_sc_get_name(sc, m, gv_sc_fld(f, nf, "pauses"), GV_OPTIONAL, what, &pauses);
  add_field(c, pauses, GV_FT_INTERVALS, 0, &r->pause_index);
  gv_sc_get_name(sc, m, gv_sc_fld(f, nf, "pause_label"), GV_OPTIONAL, what, &r->pause_label);
  const gv_field *fe = gv_sc_fld(f, nf, "extension");
  if (fe->value) {
    size_t mark = gv_sc_path_key(sc, "extension");
    if (read_span(sc, fe->value, 0, "an extension", &r->extension) == 0) {
      r->has_extension = 1;
      /* an extension lengthens the limits that count in its unit: one that
         none does would never apply */
      if (!rule_counts_in(r, r->extension.unit, 0))
        gv_sc_err_at(sc, fe->value, "rule.extension_unit_mismatch",
                     "the extension counts %s, and no limit of the rule does",
                     span_words(r->extension.unit));
    }
    gv_sc_path_pop(sc, mark);
    add_field(c, "extended", GV_FT_EXTENT, 0, &r->extended_index);
  } else {
    r->extended_index = (size_t)-1;
  }
  const gv_field *fds = gv_sc_fld(f, nf, "due_soon");
  if (fds->value) {
    size_t mark = gv_sc_path_key(sc, "due_soon");
    if (read_span(sc, fds->value, 0, "'due_soon'", &r->due_soon) == 0) {
      r->has_due_soon = 1;
      /* it is compared with what is left of each limit, in the limit's unit */
      if (rule_counts_in(r, r->due_soon.unit, 1))
        gv_sc_err_at(sc, fds->value, "rule.due_soon_unit_mismatch",
                     "'due_soon' counts %s, and a limit of the rule counts in another unit",
                     span_words(r->due_soon.unit));
    }
    gv_sc_path_pop(sc, mark);
  }
  check_roles(c, m, f, nf);
  const char *scoring = NULL;
  r->scoring = GV_SCORE_RATIO;
  const gv_field *fs = gv_sc_fld(f, nf, "scoring");
  if (gv_sc_get_name(sc, m, fs, GV_OPTIONAL, what, &scoring) == 0 && scoring) {
    if (strcmp(scoring, "all") == 0)
      r->scoring = GV_SCORE_ALL;
    else if (strcmp(scoring, "deduct") == 0)
      r->scoring = GV_SCORE_DEDUCT;
    else if (strcmp(scoring, "ratio") != 0) {
      size_t mark = gv_sc_path_key(sc, "scoring");
      gv_sc_err_at(sc, fs->value, "rule.deadline_scoring_unknown",
                   "unknown scoring '%s' (expected ratio, all or deduct)", scoring);
      gv_sc_path_pop(sc, mark);
    }
  }
  const gv_field *fpl = gv_sc_fld(f, nf, "per_late"), *ffl = gv_sc_fld(f, nf, "floor");
  if (r->scoring == GV_SCORE_DEDUCT) {
    gv_sc_get_score(sc, m, fpl, GV_REQUIRED, 0, "a deducting deadline rule", &r->per_late, NULL);
    gv_sc_get_score(sc, m, ffl, GV_OPTIONAL, 0, what, &r->floor, NULL);
    if (r->floor > r->max) {
      size_t mark = gv_sc_path_key(sc, "floor");
      gv_sc_err_at(sc, ffl->value, "rule.floor_above_max", "the floor is above the point's maximum");
      gv_sc_path_pop(sc, mark);
    }
  } else if (fpl->value || ffl->value) {
    gv_sc_err_at(sc, m, "rule.deduct_keys_scoring", "'per_late' and 'floor' go with 'scoring: deduct'");
  }
}

static int read_scoring2(gv_schema *sc, const gv_ynode *m, const gv_field *fs, const char *alt, int alt_value,
                         int dflt) {
  const char *scoring = NULL;
  if (gv_sc_get_name(sc, m, fs, GV_OPTIONAL, "a rule", &scoring) != 0 || scoring == NULL) return dflt;
  if (strcmp(scoring, alt) == 0) return alt_value;
  const char *d = dflt == GV_SCORE_ALL ? "all" : "ratio";
  if (strcmp(scoring, d) != 0) {
    size_t mark = gv_sc_path_key(sc, "scoring");
    gv_sc_err_at(sc, fs->value, "rule.scoring_unknown", "unknown scoring '%s' (expected %s or %s)", scoring, d, alt);
    gv_sc_path_pop(sc, mark);
  }
  return dflt;
}

/* --- the entry point ------------------------------------------------------------- */

int gv_rule_compile(gv_schema *sc, const gv_ynode *block, int64_t max, gv_arena *arena, gv_rule **out) {
  *out = NULL;
  if (block->kind != GV_YMAP) {
    gv_sc_err_at(sc, block, "rule.type",
                 "expected a rule (a mapping with a 'kind'), found %s", gv_ynode_describe(block));
    return -1;
  }
  const gv_ynode *kind_node = NULL;
  for (size_t i = 0; i < block->count; i++)
    if (strcmp(gv_ymap_key(block, i)->text, "kind") == 0) kind_node = gv_ymap_value(block, i);
  if (kind_node == NULL) {
    gv_sc_err_at(sc, block, "rule.kind_missing", "the rule has no 'kind' (it is required)");
    return -1;
  }
  size_t mark = gv_sc_path_key(sc, "kind");
  const char *kname = gv_sc_name_value(sc, kind_node);
  int kind = kname ? gv_rule_kind_from_name(kname) : -1;
  if (kname && kind < 0)
    gv_sc_err_at(sc, kind_node, "rule.kind_unknown",
                 "unknown rule kind '%s' (expected boolean, checklist, deadline, recency, count_per_period, "
                 "sample_ratio, deduction, veto, manual or expression)",
                 kname);
  gv_sc_path_pop(sc, mark);
  if (kind < 0) return -1;

  /* The keys each kind takes, after kind, label and note. */
  static const char *const keys[GV_RULE_KIND_COUNT][16] = {
      [GV_RULE_BOOLEAN] = {NULL},
      [GV_RULE_CHECKLIST] = {"items", "scoring", "item_points", NULL},
      [GV_RULE_DEADLINE] = {"limit", "limits", "tiers", "start", "end", "start_by_channel", "restart", "pauses",
                            "extension", "due_soon", "scoring", "per_late", "floor", "pause_label", NULL},
      [GV_RULE_RECENCY] = {"within", "scoring", NULL},
      [GV_RULE_COUNT_PER_PERIOD] = {"min", "period", "scoring", NULL},
      [GV_RULE_SAMPLE_RATIO] = {"expected", NULL},
      [GV_RULE_DEDUCTION] = {"per", "floor", NULL},
      [GV_RULE_VETO] = {"target", NULL},
      [GV_RULE_MANUAL] = {NULL},
      [GV_RULE_EXPRESSION] = {"fields", "score", "reason", NULL},
  };
  gv_field f[20];
  size_t nf = 0;
  f[nf++] = (gv_field){"kind", 0, 0};
  f[nf++] = (gv_field){"label", 0, 0};
  f[nf++] = (gv_field){"note", 0, 0};
  for (size_t i = 0; keys[kind][i]; i++) f[nf++] = (gv_field){keys[kind][i], 0, 0};
  char what[64];
  snprintf(what, sizeof what, "a %s rule", kname);
  if (!gv_sc_read_fields(sc, block, f, nf, what)) return -1;

  gv_rule *r = gv_arena_alloc(arena, sizeof *r);
  if (r == NULL) return gv_sc_set_oom(sc), -1;
  r->kind = (gv_rule_kind)kind;
  r->max = max;
  r->start_index = r->tier_index = r->channel_index = r->restart_index = r->pause_index = r->extended_index =
      (size_t)-1;
  gv_sc_get_str(sc, block, gv_sc_fld(f, nf, "label"), GV_OPTIONAL, 1, what, &r->label);
  gv_sc_get_str(sc, block, gv_sc_fld(f, nf, "note"), GV_OPTIONAL, 0, what, &r->note);
  rl c = {sc, arena, r, {0}, {0}, 0};
  size_t errors_before = sc->d->errors;

  switch (r->kind) {
    case GV_RULE_BOOLEAN: add_field(&c, "value", GV_FT_BOOL, 1, NULL); break;
    case GV_RULE_CHECKLIST: compile_checklist(&c, block, f, nf); break;
    case GV_RULE_DEADLINE: compile_deadline(&c, block, f, nf); break;
    case GV_RULE_RECENCY: {
      const gv_field *fw = gv_sc_fld(f, nf, "within");
      if (fw->value == NULL) {
        gv_sc_err_at(sc, block, "rule.within_missing", "%s has no 'within' (it is required)", what);
      } else {
        size_t m2 = gv_sc_path_key(sc, "within");
        if (read_span(sc, fw->value, 0, "'within'", &r->within) == 0 && r->within.unit == GV_SPAN_HOURS)
          gv_sc_err_at(sc, fw->value, "rule.within_unit", "'within' takes days or workdays");
        gv_sc_path_pop(sc, m2);
      }
      r->scoring = read_scoring2(sc, block, gv_sc_fld(f, nf, "scoring"), "ratio", GV_SCORE_RATIO, GV_SCORE_ALL);
      add_field(&c, "last_update", GV_FT_DATE, 1, NULL);
      add_field(&c, "monitored", GV_FT_DATE, 0, NULL);
      break;
    }
    case GV_RULE_COUNT_PER_PERIOD: {
      get_count(sc, block, gv_sc_fld(f, nf, "min"), GV_REQUIRED, 1, what, &r->min);
      const char *period = NULL;
      const gv_field *fp = gv_sc_fld(f, nf, "period");
      r->period = GV_PERIOD_QUARTER;
      if (gv_sc_get_name(sc, block, fp, GV_OPTIONAL, what, &period) == 0 && period) {
        if (strcmp(period, "month") == 0) {
          r->period = GV_PERIOD_MONTH;
        } else if (strcmp(period, "quarter") != 0) {
          size_t m2 = gv_sc_path_key(sc, "period");
          gv_sc_err_at(sc, fp->value, "rule.period_unknown", "unknown period '%s' (expected quarter or month)", period);
          gv_sc_path_pop(sc, m2);
        }
      }
      r->scoring = read_scoring2(sc, block, gv_sc_fld(f, nf, "scoring"), "all", GV_SCORE_ALL, GV_SCORE_RATIO);
      add_field(&c, "date", GV_FT_DATE, 0, NULL);
      add_field(&c, "count", GV_FT_NUM, 0, NULL);
      add_field(&c, "period_start", GV_FT_DATE, 0, NULL);
      break;
    }
    case GV_RULE_SAMPLE_RATIO:
      get_count(sc, block, gv_sc_fld(f, nf, "expected"), GV_OPTIONAL, 1, what, &r->expected);
      add_field(&c, "found", GV_FT_BOOL, 1, NULL);
      break;
    case GV_RULE_DEDUCTION:
      gv_sc_get_score(sc, block, gv_sc_fld(f, nf, "per"), GV_REQUIRED, 0, what, &r->per, NULL);
      gv_sc_get_score(sc, block, gv_sc_fld(f, nf, "floor"), GV_OPTIONAL, 0, what, &r->floor, NULL);
      if (r->floor > max) {
        size_t m2 = gv_sc_path_key(sc, "floor");
        gv_sc_err_at(sc, gv_sc_fld(f, nf, "floor")->value, "rule.floor_above_max",
                     "the floor is above the point's maximum");
        gv_sc_path_pop(sc, m2);
      }
      add_field(&c, "count", GV_FT_NUM, 0, NULL);
      break;
    case GV_RULE_VETO:
      gv_sc_get_name(sc, block, gv_sc_fld(f, nf, "target"), GV_REQUIRED, what, &r->target);
      add_field(&c, "triggered", GV_FT_BOOL, 1, NULL);
      break;
    case GV_RULE_MANUAL:
      add_field(&c, "score", GV_FT_NUM, 1, NULL);
      add_field(&c, "reason", GV_FT_STR, 0, NULL);
      break;
    case GV_RULE_EXPRESSION:
      gv_rule_compile_expression(sc, block, f, nf, arena, r, &c.fields);
      break;
    default: break;
  }

  if (c.fields.len) {
    r->fields = gv_arena_array(arena, c.fields.len, sizeof(gv_fspec));
    if (r->fields == NULL) gv_sc_set_oom(sc);
    for (size_t i = 0; r->fields && i < c.fields.len; i++) r->fields[i] = *(gv_fspec *)c.fields.items[i];
    r->field_count = r->fields ? c.fields.len : 0;
  }
  gv_vec_free(&c.fields);
  gv_hmap_free(&c.by_name);
  /* d->oom: an error may have gone unrecorded */
  if (sc->d->errors != errors_before || sc->oom || sc->d->oom) return -1;
  *out = r;
  return 0;
}

gv_rule *gv_rule_default_manual(gv_arena *arena, int64_t max) {
  gv_rule *r = gv_arena_alloc(arena, sizeof *r);
  gv_fspec *f = gv_arena_array(arena, 2, sizeof *f);
  if (r == NULL || f == NULL) return NULL;
  r->kind = GV_RULE_MANUAL;
  r->max = max;
  f[0] = (gv_fspec){"score", GV_FT_NUM, 1};
  f[1] = (gv_fspec){"reason", GV_FT_STR, 0};
  r->fields = f;
  r->field_count = 2;
  r->start_index = r->tier_index = r->channel_index = r->restart_index = r->pause_index = r->extended_index =
      (size_t)-1;
  return r;
}
