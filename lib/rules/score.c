/* Scoring, the part every kind shares: the state of a cell as the kinds'
 * ops see it (gv_acc_*), reasons and what they name, and the pieces of
 * state the kinds' modules build theirs from (rules/kind_impl.h). What is
 * particular to a kind is in its module, lib/rules/kind_<name>.c. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/date.h"
#include "rules/kind_impl.h"
#include "util/buf.h"
#include "util/cents.h"
#include "util/hmap.h"

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

typedef struct gv_gather {
  gv_vec ev, notes;            /* const char *, distinct */
  gv_hmap ev_seen, notes_seen; /* index the lists once they are long */
  gv_reason_sample *smp;
  size_t nsmp, capsmp;
  int status; /* GOVOPEN_OK, or GOVOPEN_ENOMEM once memory ran out (it sticks): set gather_fail() */
} gather;

static void gather_fail(gather *g) { g->status = GOVOPEN_ENOMEM; }

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
        gather_fail(g);
        return;
      }
    }
    found = gv_hmap_get(seen, x, strlen(x)) != NULL;
  }
  if (!found && gv_vec_push(list, (void *)x) != 0) gather_fail(g);
}

static void gather_sample(gather *g, const char *source, unsigned line, unsigned col) {
  if (g->nsmp == g->capsmp) {
    size_t cap = g->capsmp ? g->capsmp * 2 : 4;
    gv_reason_sample *p = realloc(g->smp, cap * sizeof *p);
    if (p == NULL) {
      gather_fail(g);
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

/* A text in `arena` into *out: copied, or shared through `intern` (a map
   over texts in `arena`) when there is one. GOVOPEN_OK, or GOVOPEN_ENOMEM
   (*out NULL). */
static int intern_text(gv_arena *arena, gv_hmap *intern, const char *text, const char **out) {
  size_t len = strlen(text);
  *out = intern ? gv_hmap_get(intern, text, len) : NULL;
  if (*out) return GOVOPEN_OK;
  char *c = gv_arena_strndup(arena, text, len);
  if (c == NULL || (intern && gv_hmap_put(intern, c, len, c, NULL) < 0)) return GOVOPEN_ENOMEM;
  *out = c;
  return GOVOPEN_OK;
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
  if (g->status != GOVOPEN_OK) goto done;
  if (nev) {
    const char **ev = gv_arena_array(arena, nev, sizeof *ev);
    if (ev == NULL) {
      gather_fail(g);
      goto done;
    }
    for (size_t i = 0; i < nev; i++) {
      ev[i] = copy ? gv_arena_strdup(arena, g->ev.items[i]) : g->ev.items[i];
      if (ev[i] == NULL) gather_fail(g);
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
    if (gv_buf_status(&b) != GOVOPEN_OK || (r->note = gv_arena_strndup(arena, gv_buf_str(&b), b.len)) == NULL)
      gather_fail(g);
    gv_buf_free(&b);
  }
  if (nsmp) {
    gv_reason_sample *sm = gv_arena_array(arena, nsmp, sizeof *sm);
    if (sm == NULL) {
      gather_fail(g);
      goto done;
    }
    for (size_t i = 0; i < nsmp; i++) {
      sm[i] = g->smp[i];
      if (copy && intern_text(arena, intern, g->smp[i].source, &sm[i].source) != GOVOPEN_OK) {
        gather_fail(g);
        sm[i].source = "";
      }
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
  int status = g.status;
  gather_free(&g);
  return status;
}

/* --- building reasons --------------------------------------------------------------- */

/* The text in the outcome's arena; a note (severity info) is shared with
   every cell that has the same one, through s->intern. */
static const char *keep_text(gv_scorer *s, int severity, const char *text) {
  if (s->intern && severity == GV_REASON_INFO) {
    const char *t;
    if (intern_text(s->arena, s->intern, text, &t) != GOVOPEN_OK) gv_scr_fail(s);
    return t;
  }
  return gv_arena_strdup(s->arena, text);
}

void gv_scr_name(gv_scorer *s, const gv_kept *n) {
  gather_sample(s->g, n->source, n->line, n->col);
  gather_pieces(s->g, n->evidence, n->evidence_count, n->note);
}

void gv_scr_push(gv_scorer *s, int severity, const char *code, const char *t) {
  gv_reason r = {.severity = severity, .code = code, .text = t};
  gather_finish(s->g, s->arena, 1, s->intern, &r);
  if (s->g->status != GOVOPEN_OK) gv_scr_fail(s);
  if (t == NULL) {
    gv_scr_fail(s);
    return;
  }
  if (s->n == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 4;
    gv_reason *rs = realloc(s->rs, cap * sizeof *rs);
    if (rs == NULL) {
      gv_scr_fail(s);
      return;
    }
    s->rs = rs;
    s->cap = cap;
  }
  s->rs[s->n++] = r;
}

void gv_scr_reason(gv_scorer *s, int severity, const char *code, gv_buf *text) {
  if (gv_buf_status(text) != GOVOPEN_OK) gv_scr_fail(s);
  gv_scr_push(s, severity, code, keep_text(s, severity, gv_buf_str(text)));
}

void gv_scr_part_free(gv_scorer *s, gv_buf *part) {
  if (gv_buf_status(part) != GOVOPEN_OK) gv_scr_fail(s);
  gv_buf_free(part);
}

void gv_scr_reasonf(gv_scorer *s, int severity, const char *code, const char *fmt, ...) {
  gv_buf b = {0};
  va_list ap;
  va_start(ap, fmt);
  gv_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  gv_scr_reason(s, severity, code, &b);
  gv_buf_free(&b);
}

void gv_put_date(gv_buf *b, int32_t days) {
  char d[GV_DATE_TEXT];
  gv_date_format(days, d);
  gv_buf_puts(b, d);
}

void gv_put_moment(gv_buf *b, const gv_moment *mo) {
  gv_put_date(b, mo->date);
  if (!mo->date_only) {
    int64_t local = mo->seconds / 60 + GV_CST_OFFSET_MIN;
    int64_t mins = ((local % 1440) + 1440) % 1440;
    gv_buf_printf(b, " %02d:%02d", (int)(mins / 60), (int)(mins % 60));
  }
}

void gv_put_score(gv_buf *b, int64_t c) {
  char t[GV_CENTS_TEXT];
  size_t n = gv_cents_format2(c, t);
  gv_buf_append(b, t, n);
}

/* --- pieces of state --------------------------------------------------------------------- */

static size_t nl_kept(const gv_nlist *l, size_t cap) { return l->total < cap ? (size_t)l->total : cap; }

int gv_nl_add(gv_nlist *l, size_t cap, size_t size, gv_arena *a, void **out) {
  *out = NULL;
  if (l->total++ >= cap) return GOVOPEN_OK;
  gv_link *e = gv_arena_alloc(a, size);
  if (e == NULL) {
    l->total--;
    return GOVOPEN_ENOMEM;
  }
  if (l->tail)
    l->tail->next = e;
  else
    l->head = e;
  l->tail = e;
  *out = e;
  return GOVOPEN_OK;
}

void gv_nl_merge(gv_nlist *into, gv_nlist *later, size_t cap, void (*fix)(gv_link *, uint64_t), uint64_t arg) {
  size_t have = nl_kept(into, cap), room = have < cap ? cap - have : 0;
  gv_link *e = later->head, *last = NULL;
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

void gv_put_more(gv_buf *b, const gv_nlist *l, size_t cap, const char *unit) {
  if (l->total > cap && cap) gv_buf_printf(b, "；等另%llu%s", (unsigned long long)(l->total - cap), unit);
}

int gv_keep_str(gv_arena *a, const char *s, const char **out) {
  *out = NULL;
  if (s == NULL) return GOVOPEN_OK;
  *out = gv_arena_strdup(a, s);
  return *out ? GOVOPEN_OK : GOVOPEN_ENOMEM;
}

int gv_keep_named(gv_kept *n, const gv_sample *smp, gv_arena *a) {
  size_t k = smp->evidence_count > UINT32_MAX ? UINT32_MAX : smp->evidence_count;
  int rc = GOVOPEN_OK;
  *n = (gv_kept){smp->source, smp->line, smp->col, NULL, 0, NULL};
  if (k) {
    const char **ev = gv_arena_array(a, k, sizeof *ev);
    if (ev == NULL) return GOVOPEN_ENOMEM;
    for (size_t i = 0; i < k; i++)
      if (gv_keep_str(a, smp->evidence[i], &ev[i]) != GOVOPEN_OK) rc = GOVOPEN_ENOMEM;
    n->evidence = ev;
    n->evidence_count = (uint32_t)k;
  }
  if (gv_keep_str(a, smp->note, &n->note) != GOVOPEN_OK) rc = GOVOPEN_ENOMEM;
  return rc;
}

int gv_nslot_put(gv_nslot *sl, const gv_sample *smp, gv_arena *a) {
  sl->set = 0;
  if (smp == NULL) return GOVOPEN_OK;
  size_t k = smp->evidence_count > UINT32_MAX ? UINT32_MAX : smp->evidence_count;
  size_t need = k * sizeof(char *), note = smp->note ? strlen(smp->note) + 1 : 0;
  for (size_t i = 0; i < k; i++) need += strlen(smp->evidence[i]) + 1;
  need += note;
  if (need == 0) {
    sl->n = (gv_kept){smp->source, smp->line, smp->col, NULL, 0, NULL};
    sl->set = 1;
    return GOVOPEN_OK;
  }
  if (need > sl->cap) {
    size_t cap = sl->cap ? sl->cap : 64;
    while (cap < need && cap <= SIZE_MAX / 2) cap *= 2;
    char *p = cap >= need ? gv_arena_alloc(a, cap) : NULL;
    if (p == NULL) return GOVOPEN_ENOMEM;
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
  sl->n = (gv_kept){smp->source, smp->line, smp->col, k ? ev : NULL, (uint32_t)k, nt};
  sl->set = 1;
  return GOVOPEN_OK;
}

int gv_strslot_put(gv_strslot *sl, const char *s, gv_arena *a) {
  sl->set = 0;
  if (s == NULL) return GOVOPEN_OK;
  size_t n = strlen(s);
  if (n >= UINT32_MAX / 2) return GOVOPEN_ENOMEM;
  if (n + 1 > sl->cap) {
    size_t cap = sl->cap ? sl->cap : 32;
    while (cap < n + 1) cap *= 2;
    char *p = gv_arena_alloc(a, cap);
    if (p == NULL) return GOVOPEN_ENOMEM;
    sl->p = p;
    sl->cap = (uint32_t)cap;
  }
  memcpy(sl->p, s, n + 1);
  sl->set = 1;
  return GOVOPEN_OK;
}

int gv_latest_take(gv_latest *s, const gv_sample *smp, uint64_t seq) {
  if (seq > 0 && !(smp->observed > s->observed || (smp->observed == s->observed && smp->order > s->order))) return 0;
  s->order = smp->order;
  s->observed = smp->observed;
  return 1;
}

int gv_latest_merge(gv_latest *s, const gv_latest *t) {
  if (t->h.n == 0) return 0;
  if (!(s->h.n == 0 || t->observed > s->observed || (t->observed == s->observed && t->order > s->order))) return 0;
  s->order = t->order;
  s->observed = t->observed;
  s->named = t->named;
  return 1;
}

void gv_latest_note(gv_scorer *s, const gv_latest *st) {
  if (st->h.n < 2) return;
  gv_buf b = {0};
  gv_buf_puts(&b, "共");
  gv_buf_put_size(&b, (size_t)st->h.n);
  gv_buf_puts(&b, "个观察，以");
  gv_put_date(&b, st->observed);
  gv_buf_puts(&b, "的最新观察为准");
  gv_scr_reason(s, GV_REASON_INFO, "observation.superseded", &b);
  gv_buf_free(&b);
}

int gv_copy_sample(gv_sample *to, const gv_sample *from, gv_arena *a) {
  int rc = GOVOPEN_OK;
  *to = *from;
  if (gv_keep_str(a, from->note, &to->note) != GOVOPEN_OK) rc = GOVOPEN_ENOMEM;
  if (from->evidence_count) {
    const char **ev = gv_arena_array(a, from->evidence_count, sizeof *ev);
    if (ev == NULL) {
      rc = GOVOPEN_ENOMEM;
      to->evidence_count = 0;
    }
    for (size_t i = 0; ev && i < from->evidence_count; i++)
      if (gv_keep_str(a, from->evidence[i], &ev[i]) != GOVOPEN_OK) rc = GOVOPEN_ENOMEM;
    to->evidence = ev;
  }
  to->f = gv_arena_array(a, from->nf ? from->nf : 1, sizeof *to->f);
  if (to->f == NULL) {
    to->nf = 0;
    return GOVOPEN_ENOMEM;
  }
  for (size_t i = 0; i < from->nf; i++) {
    gv_fval *f = &to->f[i];
    *f = from->f[i];
    if (f->str && gv_keep_str(a, from->f[i].str, &f->str) != GOVOPEN_OK) rc = GOVOPEN_ENOMEM;
    if (f->list) {
      const char **l = gv_arena_array(a, f->list_count ? f->list_count : 1, sizeof *l);
      if (l == NULL) {
        rc = GOVOPEN_ENOMEM;
        f->list_count = 0;
      }
      for (size_t k = 0; l && k < f->list_count; k++)
        if (gv_keep_str(a, from->f[i].list[k], &l[k]) != GOVOPEN_OK) rc = GOVOPEN_ENOMEM;
      f->list = l;
    }
    if (f->iv) {
      gv_interval *iv = gv_arena_array(a, f->iv_count ? f->iv_count : 1, sizeof *iv);
      if (iv == NULL) {
        rc = GOVOPEN_ENOMEM;
        f->iv_count = 0;
      } else if (f->iv_count) {
        memcpy(iv, from->f[i].iv, f->iv_count * sizeof *iv);
      }
      f->iv = iv;
    }
  }
  return rc;
}

/* --- the entry points: through the rule's kind ------------------------------------------- */

int gv_acc_open(const gv_rule *r, gv_acc **slot, gv_arena *a) {
  if (*slot) return GOVOPEN_OK;
  const gv_kind_ops *k = gv_kind_get(r->kind);
  if (k == NULL) return GOVOPEN_EINVALID; /* a rule no kind compiled */
  *slot = gv_arena_alloc(a, k->state_size);
  return *slot ? GOVOPEN_OK : GOVOPEN_ENOMEM;
}

int gv_acc_check(const gv_rule *r, const gv_sample *smp, const gv_rule_ctx *ctx, gv_buf *why) {
  const gv_kind_ops *k = gv_kind_get(r->kind);
  return k && k->check ? k->check(r, smp, ctx, why) : GOVOPEN_OK;
}

int gv_acc_add(const gv_rule *r, gv_acc **slot, const gv_sample *smp, const gv_rule_ctx *ctx, gv_arena *a,
               gv_buf *why) {
  int rc = gv_acc_open(r, slot, a);
  if (rc != GOVOPEN_OK) return rc;
  rc = gv_kind_get(r->kind)->add(r, *slot, smp, ctx, a, why);
  if (rc == GV_ACC_UNJUDGEABLE) return GV_ACC_UNJUDGEABLE; /* the state is as it was */
  (*slot)->n++;
  return rc;
}

int gv_acc_merge(const gv_rule *r, gv_acc **into, gv_acc *later, const gv_rule_ctx *ctx) {
  if (later == NULL) return GOVOPEN_OK;
  if (*into == NULL) {
    *into = later;
    return GOVOPEN_OK;
  }
  gv_kind_get(r->kind)->merge(r, *into, later, ctx);
  (*into)->n += later->n;
  return GOVOPEN_OK;
}

int gv_acc_score(const gv_rule *r, const gv_acc *acc, const gv_rule_ctx *ctx, gv_arena *arena, gv_hmap *intern,
                 gv_outcome *out) {
  memset(out, 0, sizeof *out);
  gather g = {0};
  gv_scorer s = {.r = r, .ctx = ctx, .arena = arena, .out = out, .intern = intern, .g = &g};
  const gv_kind_ops *k = gv_kind_get(r->kind);
  uint64_t n = acc ? acc->n : 0;
  out->samples = (size_t)n;
  out->status = GV_OUT_SCORED;
  if (n == 0)
    out->status = GV_OUT_NOT_EVALUATED;
  else if (k == NULL)
    out->status = GV_OUT_ERROR;
  else
    k->score(&s, acc);
  if (out->status != GV_OUT_SCORED) out->score = 0;
  if (out->score < 0) out->score = 0;
  if (out->score > r->max) out->score = r->max;
  if (s.n) {
    out->reasons = gv_arena_array(arena, s.n, sizeof(gv_reason));
    if (out->reasons == NULL) {
      gv_scr_fail(&s);
    } else {
      memcpy(out->reasons, s.rs, s.n * sizeof(gv_reason));
      out->reason_count = s.n;
    }
  }
  free(s.rs);
  gather_free(&g);
  return gv_scr_status(&s);
}

int gv_rule_score(const gv_rule *r, const gv_sample *samples, size_t n, const gv_rule_ctx *ctx, gv_arena *arena,
                  gv_outcome *out) {
  gv_arena tmp = {0};
  gv_acc *acc = NULL;
  int rc = GOVOPEN_OK;
  /* a sample that cannot be judged is left out, as an evaluation rejects it */
  for (size_t i = 0; i < n && rc >= GOVOPEN_OK; i++) {
    gv_blame at;
    gv_buf why = {0};
    int impossible = gv_sample_check(r, &samples[i], ctx, &why, &at);
    gv_buf_free(&why);
    if (!impossible) rc = gv_acc_add(r, &acc, &samples[i], ctx, &tmp, NULL);
  }
  if (rc == GV_ACC_UNJUDGEABLE) rc = GOVOPEN_OK;
  if (rc == GOVOPEN_OK) rc = gv_acc_score(r, acc, ctx, arena, NULL, out);
  gv_arena_free(&tmp);
  return rc;
}
