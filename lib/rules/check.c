/* Impossible samples: fields that contradict each other or the as-of date.
 * Such a sample measures nothing (a reply before its request would count as
 * on time), so the evaluation rejects its observation where the value to
 * blame stands, before any sample of it is added. The checks of a kind's
 * own fields are in its module (its ops' `impossible`); the as-of date is
 * checked here for every kind. Also here: the generic side of what a kind
 * requires of a typed sample, and of the kinds' other sample-facing ops. */
#include <stdarg.h>
#include <string.h>

#include "calendar/date.h"
#include "rules/kind_impl.h"
#include "util/buf.h"

void gv_put_moment_iso(gv_buf *b, const gv_moment *m) {
  char d[GV_DATE_TEXT];
  gv_date_format(m->date, d);
  gv_buf_puts(b, d);
  if (!m->date_only) {
    int64_t local = m->seconds / 60 + GV_CST_OFFSET_MIN;
    int64_t mins = ((local % 1440) + 1440) % 1440;
    gv_buf_printf(b, "T%02d:%02d", (int)(mins / 60), (int)(mins % 60));
  }
}

void gv_put_interval_iso(gv_buf *b, const gv_interval *iv) {
  gv_put_moment_iso(b, &iv->from);
  gv_buf_puts(b, "~");
  gv_put_moment_iso(b, &iv->to);
}

int gv_blame_at(gv_blame *at, size_t field, size_t item, int to) {
  at->field = field;
  at->item = item;
  at->to = to;
  return 1;
}

/* Nothing in a sample happens after the as-of date (as nothing is observed
   after it: docs/observations.md). A kind with GV_KIND_ANY_DATE (the
   expression kind) is left alone: its fields mean what the county says (a
   date may be a due date to come). */
static int check_as_of(const gv_rule *r, const gv_sample *s, const gv_rule_ctx *ctx, gv_buf *why, gv_blame *at) {
  char day[GV_DATE_TEXT], as_of[GV_DATE_TEXT];
  gv_date_format(ctx->as_of, as_of);
  for (size_t i = 0; i < s->nf && i < r->field_count; i++) {
    const gv_fval *f = &s->f[i];
    if (!f->present) continue;
    if (f->type == GV_FT_DATE || f->type == GV_FT_MOMENT) {
      if (f->m.date <= ctx->as_of) continue;
      gv_date_format(f->m.date, day);
      gv_buf_printf(why, "%s %s is after the evaluation's as-of date %s", f->name, day, as_of);
      return gv_blame_at(at, i, (size_t)-1, 0);
    }
    if (f->type == GV_FT_INTERVALS) {
      for (size_t k = 0; k < f->iv_count; k++) {
        if (f->iv[k].to.date <= ctx->as_of) continue;
        gv_buf_printf(why, "%s ", f->name);
        gv_put_interval_iso(why, &f->iv[k]);
        gv_buf_printf(why, " ends after the evaluation's as-of date %s", as_of);
        return gv_blame_at(at, i, k, 1);
      }
    }
  }
  return 0;
}

int gv_sample_check(const gv_rule *r, const gv_sample *s, const gv_rule_ctx *ctx, gv_buf *why, gv_blame *at) {
  gv_blame_at(at, (size_t)-1, (size_t)-1, 0);
  if (s->f == NULL || s->nf < r->field_count) return 0;
  const gv_kind_ops *k = gv_kind_get(r->kind);
  if (k == NULL) return 0;
  if (k->impossible && k->impossible(r, s, why, at)) return 1;
  return k->flags & GV_KIND_ANY_DATE ? 0 : check_as_of(r, s, ctx, why, at);
}

/* --- what a kind requires of a typed sample ----------------------------------------- */

int gv_sample_err(const gv_sample_sink *sink, const char *id, const char *fmt, ...) {
  gv_buf b = {0};
  va_list ap;
  va_start(ap, fmt);
  gv_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  int rc = gv_buf_status(&b) != GOVOPEN_OK ? GOVOPEN_ENOMEM : GOVOPEN_OK;
  if (rc == GOVOPEN_OK) sink->error(id, gv_buf_str(&b), sink->payload);
  gv_buf_free(&b);
  return rc;
}

int gv_rule_check_field(const gv_rule *r, size_t i, const gv_fval *f, const char *point, const gv_sample_sink *sink) {
  const gv_kind_ops *k = gv_kind_get(r->kind);
  return k && k->check_field ? k->check_field(r, i, f, point, sink) : GOVOPEN_OK;
}

int gv_rule_check_sample(const gv_rule *r, const gv_sample *s, const char *point, int clean,
                         const gv_sample_sink *sink) {
  const gv_kind_ops *k = gv_kind_get(r->kind);
  return k && k->check_sample ? k->check_sample(r, s, point, clean, sink) : GOVOPEN_OK;
}

int gv_rule_takes_any_key(const gv_rule *r) {
  const gv_kind_ops *k = gv_kind_get(r->kind);
  return k && (k->flags & GV_KIND_ANY_KEY);
}

const char *gv_rule_veto_target(const gv_rule *r) {
  const gv_kind_ops *k = gv_kind_get(r->kind);
  return k && k->veto_target ? k->veto_target(r) : NULL;
}

void gv_rule_fill_hint(const gv_rule *r, int en, gv_buf *b) {
  const gv_kind_ops *k = gv_kind_get(r->kind);
  if (k && k->hint) k->hint(r, en, b);
}

void gv_hint_rows(int en, gv_buf *b) {
  gv_buf_puts(b, en ? ". One sample per row: add rows with the same unit and point"
                    : "。一行一个样本，可插入同一单位、评估点的多行");
}
