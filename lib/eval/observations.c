/* Observations: records (load/records.c) → observations whose samples are
 * typed by each point's rule. A bad observation is reported with its place
 * and skipped; nothing is dropped silently. Files are streamed; a JSON Lines
 * file may be split among threads, each with its own state, merged in input
 * order. It belongs to the evaluation layer, not the loaders: each record is
 * folded into the evaluation's states as it is read (gv_sink_accept), and
 * a loader never reaches up into an evaluation. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calendar/date.h"
#include "eval/eval.h"
#include "load/records.h"
#include "load/schema.h"
#include "util/utf8.h"

/* The most threads one file is split among (GOVOPEN_EVAL_JOBS). */
#define GV_MAX_JOBS 64

typedef struct ol {
  gv_schema sc;
  govopen_evaluation *ev;
  const govopen_framework *fw;
  size_t errors_at_start; /* diagnostics before this record */
  gv_sink *sink;          /* where accepted observations go */
  gv_arena scratch;       /* one record's typed samples */
  size_t accepted, rejected, expect;
  int stopped;    /* strict mode met a bad record */
  int later_part; /* a part of a file after the first: its adjustments are checked when put together */
} ol;

static int record_failed(ol *o) {
  return o->sc.d->errors > o->errors_at_start || gv_sc_status(&o->sc) != GOVOPEN_OK ||
         gv_diags_status(o->sc.d) == GOVOPEN_ENOMEM;
}

/* Numbers without the C locale: [-+]digits[.digits]. A text parser with no
   sink: GOVOPEN_OK; GOVOPEN_EPARSE not of the shape; GOVOPEN_ERANGE beyond
   10^15. */
static int parse_number(const char *s, size_t len, double *out) {
  size_t i = 0;
  int neg = 0;
  if (i < len && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  double v = 0, scale = 1;
  size_t digits = 0;
  for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++) v = v * 10 + (s[i] - '0');
  if (i < len && s[i] == '.') {
    i++;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
      scale /= 10;
      v += (s[i] - '0') * scale;
    }
  }
  if (digits == 0 || i != len) return GOVOPEN_EPARSE;
  if (v > 1e15) return GOVOPEN_ERANGE;
  *out = neg ? -v : v;
  return GOVOPEN_OK;
}

/* --- worksheet cells (GV_STYLE_CELL): text, typed as the field needs ------------- */

/* Without the spaces around it that no one can see (gv_utf8_is_space):
   ASCII ones, the no-break space a spreadsheet pastes, U+3000 … */
static void cell_trim(const char **s, size_t *n) { gv_utf8_trim(s, n); }

static int cell_is(const char *s, size_t n, const char *word) {
  size_t k = strlen(word);
  if (n != k) return 0;
  for (size_t i = 0; i < n; i++)
    if ((s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]) != word[i]) return 0;
  return 1;
}

/* true and false in any case (a spreadsheet writes TRUE and FALSE), 是 and
   否, 1 and 0: GOVOPEN_OK, or GOVOPEN_EPARSE for anything else. */
static int cell_bool(const gv_ynode *v, int *out) {
  const char *s = v->text;
  size_t n = v->len;
  cell_trim(&s, &n);
  if (cell_is(s, n, "true") || cell_is(s, n, "是") || cell_is(s, n, "1")) return *out = 1, GOVOPEN_OK;
  if (cell_is(s, n, "false") || cell_is(s, n, "否") || cell_is(s, n, "0")) return *out = 0, GOVOPEN_OK;
  return GOVOPEN_EPARSE;
}

static size_t cell_digits(const char *s, size_t n, size_t i, size_t most, int *v) {
  size_t k = 0;
  *v = 0;
  while (i + k < n && k < most && s[i + k] >= '0' && s[i + k] <= '9') *v = *v * 10 + (s[i + k++] - '0');
  return k;
}

/* A cell's date or date-time as ISO 8601, the form gv_date_parse() and
   gv_datetime_parse() read: what a spreadsheet writes when it saves a date
   cell — 2023/11/21, 2023/1/5, 2023-1-5 — becomes 2023-11-21, and a
   date-time — 2023/11/21 9:00, 2023-11-21 09:00:30 — 2023-11-21T09:00(:30),
   an offset after it kept. Any other text is left as it is, to be refused
   with its own words. Returns the length of the text in `out`. */
#define CELL_MOMENT 48
static size_t cell_moment(const char *s, size_t n, char out[CELL_MOMENT]) {
  int y, mo, d, h, mi, sec = -1;
  size_t i = 0, k;
  char sep;
  if (cell_digits(s, n, i, 4, &y) != 4 || (i = 4) >= n || (s[i] != '/' && s[i] != '-')) goto asis;
  sep = s[i++];
  if ((k = cell_digits(s, n, i, 2, &mo)) == 0 || (i += k) >= n || s[i] != sep) goto asis;
  if ((k = cell_digits(s, n, ++i, 2, &d)) == 0) goto asis;
  i += k;
  size_t len = (size_t)snprintf(out, CELL_MOMENT, "%04d-%02d-%02d", y, mo, d);
  if (i == n) return len;
  if (s[i] != ' ' && s[i] != 'T') goto asis;
  while (i < n && (s[i] == ' ' || s[i] == 'T')) i++;
  if ((k = cell_digits(s, n, i, 2, &h)) == 0 || (i += k) >= n || s[i] != ':') goto asis;
  if (cell_digits(s, n, ++i, 2, &mi) != 2) goto asis;
  i += 2;
  if (i + 2 < n && s[i] == ':' && cell_digits(s, n, i + 1, 2, &sec) == 2) i += 3;
  if (n - i > 8) goto asis;
  if (sec >= 0)
    len += (size_t)snprintf(out + len, CELL_MOMENT - len, "T%02d:%02d:%02d", h, mi, sec);
  else
    len += (size_t)snprintf(out + len, CELL_MOMENT - len, "T%02d:%02d", h, mi);
  memcpy(out + len, s + i, n - i);
  len += n - i;
  out[len] = '\0';
  return len;
asis:
  if (n >= CELL_MOMENT) n = CELL_MOMENT - 1;
  memcpy(out, s, n);
  out[n] = '\0';
  return n;
}

/* A part of a cell (an item of a list, an end of an interval) as a node of
   its own, at the cell's place, for the readers of fields and their messages. */
static gv_ynode cell_part(const gv_ynode *v, const char *text, size_t len) {
  gv_ynode part = *v;
  part.text = text;
  part.len = len;
  return part;
}

/* The separators of a list in a cell: ；, ; and line breaks. Its length at s[i], or 0. */
static size_t cell_sep(const char *s, size_t n, size_t i) {
  if (s[i] == ';' || s[i] == '\n' || s[i] == '\r') return 1;
  return i + 3 <= n && memcmp(s + i, "\xEF\xBC\x9B", 3) == 0 ? 3 : 0;
}

/* The items of a list cell, each trimmed, empty ones dropped; 无 or none
   alone is the empty list. Each item is handed to `fn`. */
static void cell_items(ol *o, const gv_ynode *v, const char *text, void (*fn)(ol *, const gv_ynode *, void *),
                       void *ctx) {
  const char *s = text;
  size_t n = strlen(text);
  cell_trim(&s, &n);
  if (cell_is(s, n, "无") || cell_is(s, n, "none")) return;
  size_t from = 0;
  for (size_t i = 0; i <= n; i++) {
    size_t sep = i < n ? cell_sep(s, n, i) : 1;
    if (sep == 0) continue;
    const char *item = s + from;
    size_t len = i - from;
    cell_trim(&item, &len);
    if (len) {
      char *copy = gv_arena_strndup(o->sc.arena, item, len);
      if (copy == NULL) {
        gv_sc_set_oom(&o->sc);
        return;
      }
      gv_ynode part = cell_part(v, copy, len);
      fn(o, &part, ctx);
    }
    i += sep - 1;
    from = i + 1;
  }
}

static int read_moment(ol *o, const gv_ynode *v, int dates_only, gv_moment *out);

/* How many items a list cell holds at most: its separators, and one. */
static size_t cell_bound(const char *text) {
  size_t n = strlen(text), k = 1;
  for (size_t i = 0; i < n; i++) k += cell_sep(text, n, i) != 0;
  return k;
}

/* An item of a list cell (present, missing): a string of the list. */
static void list_item(ol *o, const gv_ynode *item, void *ctx) {
  gv_fval *out = ctx;
  /* the item is trimmed already: this refuses what cannot be seen */
  const char *s;
  if (gv_sc_name_text(&o->sc, item, item->text, item->len, &s) == GOVOPEN_OK) out->list[out->list_count++] = s;
}

/* An interval that ends before it starts: by day when either end is only
   a date (the day is paused whole), else by the second. */
static int iv_backwards(const gv_interval *iv) {
  return iv->to.date_only || iv->from.date_only ? iv->to.date < iv->from.date : iv->to.seconds < iv->from.seconds;
}

/* An item of an interval cell (paused): FROM~TO, ～ too. */
static void interval_item(ol *o, const gv_ynode *item, void *ctx) {
  gv_fval *out = ctx;
  const char *s = item->text, *tilde = strchr(s, '~'), *wide = strstr(s, "\xEF\xBD\x9E");
  size_t cut = tilde ? 1 : 3;
  if (tilde == NULL || (wide && wide < tilde)) tilde = wide, cut = 3;
  if (tilde == NULL) {
    gv_sc_err_at(&o->sc, item, "observation.interval_syntax",
                 "'%s' is not an interval: write FROM~TO (2023-05-04~2023-05-10)", s);
    return;
  }
  gv_ynode from = cell_part(item, s, (size_t)(tilde - s)), to = cell_part(item, tilde + cut, strlen(tilde + cut));
  /* each end as its own text, NUL-terminated, for read_moment's messages */
  char *a = gv_arena_strndup(o->sc.arena, from.text, from.len), *b = gv_arena_strndup(o->sc.arena, to.text, to.len);
  if (a == NULL || b == NULL) {
    gv_sc_set_oom(&o->sc);
    return;
  }
  from.text = a, to.text = b;
  gv_interval *iv = &out->iv[out->iv_count];
  if (read_moment(o, &from, 0, &iv->from) != 0 || read_moment(o, &to, 0, &iv->to) != 0) return;
  if (iv_backwards(iv)) {
    gv_sc_err_at(&o->sc, item, "observation.interval_backwards", "%s %s ends before it starts", out->name, s);
    return;
  }
  out->iv_count++;
}

static int read_moment(ol *o, const gv_ynode *v, int dates_only, gv_moment *out) {
  if (v->kind != GV_YSCALAR || v->type != GV_YT_STR) {
    gv_sc_err_at(&o->sc, v, "observation.moment_type", "expected a %s, found %s",
                 dates_only ? "date (YYYY-MM-DD)" : "date or date-time", gv_ynode_describe(v));
    return gv_sc_failed(&o->sc);
  }
  const char *text = v->text;
  size_t len = v->len;
  char cell[CELL_MOMENT];
  if (v->style == GV_STYLE_CELL) {
    cell_trim(&text, &len);
    len = cell_moment(text, len, cell);
    text = cell;
  }
  char why[GV_DATE_WHY];
  int32_t day;
  if (gv_date_parse(text, len, &day, why) == 0) {
    out->date = day;
    out->date_only = 1;
    out->seconds = gv_day_start(day, GV_CST_OFFSET_MIN);
    return GOVOPEN_OK;
  }
  if (!dates_only && len > 10 && text[10] == 'T') {
    int64_t secs;
    if (gv_datetime_parse(text, len, &secs, why) == 0) {
      out->seconds = secs;
      out->date = gv_datetime_day(secs, GV_CST_OFFSET_MIN);
      out->date_only = 0;
      return GOVOPEN_OK;
    }
  }
  gv_sc_err_at(&o->sc, v, "observation.moment_invalid", "'%s' is not a %s: %s", v->text,
               dates_only ? "date (YYYY-MM-DD)" : "date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM)", why);
  return gv_sc_failed(&o->sc);
}

/* Types one field of a sample against its spec: a name (spec->is_name: a
   category, a channel) is trimmed, and refused with characters that cannot
   be seen; a moment of a rule counting hours (spec->needs_time) needs a time. */
static void read_field(ol *o, const gv_ynode *v, const gv_fspec *spec, gv_fval *out) {
  gv_schema *sc = &o->sc;
  out->name = spec->name;
  out->type = spec->type;
  switch (spec->type) {
    case GV_FT_BOOL:
      if (v->kind == GV_YSCALAR && v->style == GV_STYLE_CELL) {
        if (cell_bool(v, &out->b) != 0) {
          gv_sc_err_at(sc, v, "observation.boolean_text_invalid",
                       "'%s' is not true or false (write TRUE or FALSE, 是 or 否, 1 or 0)", v->text);
          return;
        }
        break;
      }
      if (v->kind != GV_YSCALAR || v->type != GV_YT_BOOL) {
        gv_sc_err_at(sc, v, "schema.boolean_type", "expected true or false, found %s", gv_ynode_describe(v));
        return;
      }
      out->b = v->text[0] == 't';
      break;
    case GV_FT_EXTENT: {
      /* true (the rule's whole extension), false, or its length: a number
         first, so that a cell's 1 is one day, not true */
      const char *t = v->text;
      size_t n = v->len;
      int cell = v->kind == GV_YSCALAR && v->style == GV_STYLE_CELL;
      if (cell) cell_trim(&t, &n);
      if (v->kind == GV_YSCALAR && (cell || v->type == GV_YT_INT || v->type == GV_YT_FLOAT) &&
          parse_number(t, n, &out->num) == 0) {
        if (out->num < 0 || out->num != (double)(int64_t)out->num) {
          gv_sc_err_at(sc, v, "observation.extension_length_invalid",
                       "'%s' is not a length: the extension takes a whole number, 0 or more", v->text);
          return;
        }
        out->b = out->num > 0;
        break;
      }
      if (cell ? cell_bool(v, &out->b) != 0 : v->kind != GV_YSCALAR || v->type != GV_YT_BOOL) {
        if (cell)
          gv_sc_err_at(sc, v, "observation.extension_text_invalid",
                       "'%s' is not true, false or a number of days (write TRUE or FALSE, 是 or 否, or 15)", v->text);
        else
          gv_sc_err_at(sc, v, "observation.extension_type",
                       "expected true, false or the extension's length (a whole number), found %s",
                       gv_ynode_describe(v));
        return;
      }
      if (!cell) out->b = v->text[0] == 't';
      out->num = out->b ? -1 : 0;
      break;
    }
    case GV_FT_NUM:
      if (v->kind == GV_YSCALAR && v->style == GV_STYLE_CELL) {
        const char *t = v->text;
        size_t n = v->len;
        cell_trim(&t, &n);
        if (parse_number(t, n, &out->num) != 0) {
          gv_sc_err_at(sc, v, "observation.number_text_invalid", "'%s' is not a number", v->text);
          return;
        }
        break;
      }
      if (v->kind != GV_YSCALAR || (v->type != GV_YT_INT && v->type != GV_YT_FLOAT) ||
          parse_number(v->text, v->len, &out->num) != 0) {
        gv_sc_err_at(sc, v, "schema.number_type", "expected a number, found %s", gv_ynode_describe(v));
        return;
      }
      break;
    case GV_FT_STR:
      if ((spec->is_name ? gv_sc_name_value(sc, v, &out->str) : gv_sc_string_value(sc, v, 1, &out->str)) != GOVOPEN_OK)
        return;
      break;
    case GV_FT_DATE:
      if (read_moment(o, v, 1, &out->m) != 0) return;
      break;
    case GV_FT_MOMENT:
      if (read_moment(o, v, 0, &out->m) != 0) return;
      if (spec->needs_time && out->m.date_only) {
        gv_sc_err_at(sc, v, "observation.time_missing", "'%s' needs a time (YYYY-MM-DDTHH:MM): the limit counts hours",
                     v->text);
        return;
      }
      break;
    case GV_FT_STRLIST: {
      if (v->kind == GV_YSCALAR && v->style == GV_STYLE_CELL) {
        const char *text;
        if (gv_sc_string_value(sc, v, 1, &text) != GOVOPEN_OK) return;
        if ((out->list = gv_arena_array(sc->arena, cell_bound(text), sizeof(char *))) == NULL) {
          gv_sc_set_oom(sc);
          return;
        }
        cell_items(o, v, text, list_item, out);
        break;
      }
      if (v->kind != GV_YSEQ) {
        gv_sc_err_at(sc, v, "schema.strings_type", "expected a list of strings, found %s", gv_ynode_describe(v));
        return;
      }
      out->list = gv_arena_array(sc->arena, v->count ? v->count : 1, sizeof(char *));
      if (out->list == NULL) {
        gv_sc_set_oom(sc);
        return;
      }
      for (size_t i = 0; i < v->count; i++) {
        size_t mark = gv_sc_path_index(sc, i);
        const char *s;
        int rc = gv_sc_name_value(sc, v->items[i], &s); /* checklist items */
        gv_sc_path_pop(sc, mark);
        if (rc != GOVOPEN_OK) return;
        out->list[out->list_count++] = s;
      }
      break;
    }
    case GV_FT_INTERVALS: {
      if (v->kind == GV_YSCALAR && v->style == GV_STYLE_CELL) {
        const char *text;
        if (gv_sc_string_value(sc, v, 1, &text) != GOVOPEN_OK) return;
        if ((out->iv = gv_arena_array(sc->arena, cell_bound(text), sizeof(gv_interval))) == NULL) {
          gv_sc_set_oom(sc);
          return;
        }
        cell_items(o, v, text, interval_item, out);
        break;
      }
      if (v->kind != GV_YSEQ) {
        gv_sc_err_at(sc, v, "observation.intervals_type", "expected a list of intervals ({from, to}), found %s",
                     gv_ynode_describe(v));
        return;
      }
      out->iv = gv_arena_array(sc->arena, v->count ? v->count : 1, sizeof(gv_interval));
      if (out->iv == NULL) {
        gv_sc_set_oom(sc);
        return;
      }
      for (size_t i = 0; i < v->count; i++) {
        size_t mark = gv_sc_path_index(sc, i);
        gv_field f[] = {{"from", 0, 0}, {"to", 0, 0}};
        const gv_ynode *m = v->items[i];
        if (gv_sc_read_fields(sc, m, f, 2, "an interval") == GOVOPEN_OK) {
          gv_interval *iv = &out->iv[out->iv_count];
          int ok = 1;
          for (int k = 0; k < 2; k++) {
            if (f[k].value == NULL) {
              gv_sc_err_at(sc, m, "observation.interval_key_missing", "an interval has no '%s' (it is required)",
                           f[k].key);
              ok = 0;
              continue;
            }
            size_t m2 = gv_sc_path_key(sc, f[k].key);
            if (read_moment(o, f[k].value, 0, k ? &iv->to : &iv->from) != 0) ok = 0;
            gv_sc_path_pop(sc, m2);
          }
          if (ok && iv_backwards(iv)) {
            /* at its end, the value to blame, with both */
            size_t m2 = gv_sc_path_key(sc, "to");
            gv_sc_err_at(sc, f[1].value, "observation.interval_item_backwards", "%s %s~%s ends before it starts",
                         out->name, f[0].value->text, f[1].value->text);
            gv_sc_path_pop(sc, m2);
            ok = 0;
          }
          if (ok) out->iv_count++;
        }
        gv_sc_path_pop(sc, mark);
      }
      break;
    }
    default: break;
  }
  out->present = 1;
}

/* The keys every observation may have, whatever its rule. */
enum { K_UNIT, K_POINT, K_OBSERVED, K_EVIDENCE, K_EVALUATOR, K_NOTE, K_SAMPLES, K_ADJUSTMENT, K_NONE };

/* Which common key `k` (of `len` bytes) is, or K_NONE: by length first, for
   this runs on every key of every record. */
static int common_key(const char *k, size_t len) {
#define IS(lit) (len == sizeof lit - 1 && memcmp(k, lit, sizeof lit - 1) == 0)
  switch (len) {
    case 4: return IS("unit") ? K_UNIT : IS("note") ? K_NOTE : K_NONE;
    case 5: return IS("point") ? K_POINT : K_NONE;
    case 7: return IS("samples") ? K_SAMPLES : K_NONE;
    case 8: return IS("observed") ? K_OBSERVED : IS("evidence") ? K_EVIDENCE : K_NONE;
    case 9: return IS("evaluator") ? K_EVALUATOR : K_NONE;
    case 10: return IS("adjustment") ? K_ADJUSTMENT : K_NONE;
    default: return K_NONE;
  }
#undef IS
}

static int is_common_key(const char *k) { return common_key(k, strlen(k)) != K_NONE; }

/* "evidence": a string or a list of strings, kept as the evaluator wrote
   them: each string one piece (a list is never joined into one text). The
   pieces into *out (in the record's arena); returns how many. */
static size_t read_evidence(ol *o, const gv_ynode *v, const char *const **out) {
  gv_schema *sc = &o->sc;
  *out = NULL;
  if (v == NULL) return 0;
  size_t mark = gv_sc_path_key(sc, "evidence");
  size_t n = 0;
  if (v->kind == GV_YSCALAR) {
    const char **one = gv_arena_alloc(sc->arena, sizeof *one);
    if (one == NULL) {
      gv_sc_set_oom(sc);
    } else if (gv_sc_string_value(sc, v, 1, &one[0]) == GOVOPEN_OK) {
      *out = one;
      n = 1;
    }
  } else if (v->kind == GV_YSEQ) {
    const char **list = gv_arena_array(sc->arena, v->count ? v->count : 1, sizeof *list);
    if (list == NULL) gv_sc_set_oom(sc);
    for (size_t i = 0; list && i < v->count; i++) {
      size_t m2 = gv_sc_path_index(sc, i);
      const char *s;
      int rc = gv_sc_string_value(sc, v->items[i], 1, &s);
      gv_sc_path_pop(sc, m2);
      if (rc == GOVOPEN_OK) list[n++] = s;
    }
    if (n) *out = list;
  } else {
    gv_sc_err_at(sc, v, "observation.evidence_type", "expected a string or a list of strings, found %s",
                 gv_ynode_describe(v));
  }
  gv_sc_path_pop(sc, mark);
  return n;
}

/* "note": the evaluator's remark, a string; a blank one is none. */
static const char *read_note(ol *o, const gv_ynode *v) {
  gv_schema *sc = &o->sc;
  if (v == NULL) return NULL;
  size_t mark = gv_sc_path_key(sc, "note");
  const char *s;
  int rc = gv_sc_string_value(sc, v, 0, &s);
  gv_sc_path_pop(sc, mark);
  return rc == GOVOPEN_OK && !gv_utf8_blank(s, strlen(s)) ? s : NULL;
}

/* Where a kind's complaints about a sample go (rules/rule.h): at the
   sample, or at the value of the field just read. */
typedef struct complaint {
  ol *o;
  const gv_ynode *at;
} complaint;

static void complain(const char *id, const char *message, void *payload) {
  complaint *c = payload;
  gv_sc_err_at(&c->o->sc, c->at, id, "%s", message);
}

/* Types one sample (a mapping) of a point's rule. `inline_sample`: the
   observation itself, whose common keys are skipped. */
static void read_sample(ol *o, const gv_ynode *m, const govopen_point *p, int inline_sample, gv_sample *out) {
  gv_schema *sc = &o->sc;
  const gv_rule *r = p->compiled;
  out->nf = r->field_count;
  out->f = gv_arena_array(sc->arena, r->field_count ? r->field_count : 1, sizeof(gv_fval));
  if (out->f == NULL) {
    gv_sc_set_oom(sc);
    return;
  }
  for (size_t i = 0; i < r->field_count; i++) {
    out->f[i].name = r->fields[i].name;
    out->f[i].type = r->fields[i].type;
  }
  if (m->kind != GV_YMAP) {
    gv_sc_err_at(sc, m, "observation.sample_type", "expected a sample (a mapping), found %s", gv_ynode_describe(m));
    return;
  }
  const gv_ynode *evidence = NULL, *note = NULL;
  for (size_t i = 0; i < m->count; i++) {
    const gv_ynode *k = gv_ymap_key(m, i), *v = gv_ymap_value(m, i);
    int ck = common_key(k->text, k->len);
    if (inline_sample && ck != K_NONE) continue;
    if (ck == K_EVIDENCE) {
      evidence = v;
      continue;
    }
    if (ck == K_NOTE) {
      note = v;
      continue;
    }
    size_t idx = gv_rule_field_index(r, k->text);
    size_t mark = gv_sc_path_key(sc, k->text);
    if (idx == (size_t)-1) {
      if (!gv_rule_takes_any_key(r)) {
        gv_buf expected = {0};
        for (size_t f = 0; f < r->field_count; f++) {
          if (f) gv_buf_puts(&expected, ", ");
          gv_buf_puts(&expected, r->fields[f].name);
        }
        gv_sc_err_at(sc, k, "observation.sample_field_unknown", "the %s rule of %s does not read '%s' (its fields: %s)",
                     gv_rule_kind_name(r->kind), p->id, k->text, gv_buf_str(&expected));
        if (gv_buf_status(&expected) != GOVOPEN_OK) gv_sc_set_oom(sc);
        gv_buf_free(&expected);
      }
    } else {
      read_field(o, v, &r->fields[idx], &out->f[idx]);
      if (out->f[idx].present) {
        complaint c = {o, v};
        gv_sample_sink sink = {complain, &c};
        if (gv_rule_check_field(r, idx, &out->f[idx], p->id, &sink) != GOVOPEN_OK) gv_sc_set_oom(sc);
      }
    }
    gv_sc_path_pop(sc, mark);
  }
  if (evidence) out->evidence_count = read_evidence(o, evidence, &out->evidence);
  if (note) out->note = read_note(o, note);
  for (size_t i = 0; i < r->field_count; i++)
    if (r->fields[i].required && !out->f[i].present && !record_failed(o))
      gv_sc_err_at(sc, m, "observation.sample_field_missing", "the sample has no '%s' (the %s rule of %s needs it)",
                   r->fields[i].name, gv_rule_kind_name(r->kind), p->id);
  /* what the kind requires of a sample beyond its fields' types */
  complaint c = {o, m};
  gv_sample_sink sink = {complain, &c};
  if (gv_rule_check_sample(r, out, p->id, !record_failed(o), &sink) != GOVOPEN_OK) gv_sc_set_oom(sc);
}

#define ONCE_MSG                                                                                                \
  "the adjustment '%s' was already triggered for %s at %s: it applies once (the framework does not declare it " \
  "repeatable)"

/* "where": FILE:LINE:COLUMN of an earlier adjustment. */
static void adj_where(const gv_adj_obs *a, char *buf, size_t size) {
  snprintf(buf, size, "%s:%u:%u", a->source ? a->source : "", a->line, a->col);
}

/* An adjustment applies once per unit (or once to the county) unless the
   framework declares it repeatable: a second observation of it is refused,
   naming the first. Earlier calls' are in the committed sink, this call's
   (or the first part of a file split among threads) in its pending one;
   the later parts of a file are compared, among themselves too, when the
   parts are put together (check_part_adjustments). */
static void check_once(ol *o, const gv_ynode *at, const gv_obs *obs) {
  const govopen_framework *fw = o->fw;
  const gv_adjustment *adj = &fw->adjustments[obs->adjustment];
  if (adj->repeatable) return;
  unsigned char key[GV_ADJ_KEY];
  gv_adj_key(key, obs->adjustment, obs->adjusts_unit, obs->unit);
  const gv_adj_obs *first = gv_sink_adjustment_seen(&o->ev->sink, key);
  if (first == NULL && !o->later_part) first = gv_sink_adjustment_seen(o->sink, key);
  if (first == NULL) return;
  char where[512];
  adj_where(first, where, sizeof where);
  size_t mark = gv_sc_path_key(&o->sc, "adjustment");
  gv_sc_err_at(&o->sc, at, "observation.adjustment_once", ONCE_MSG, adj->id,
               obs->adjusts_unit ? fw->units[obs->unit].name : "the county", where);
  gv_sc_path_pop(&o->sc, mark);
}

static const govopen_unit *find_unit(ol *o, const gv_ynode *v) {
  const char *key;
  if (gv_sc_name_value(&o->sc, v, &key) != GOVOPEN_OK) return NULL; /* reported */
  const govopen_unit *u = gv_framework_unit_find(o->fw, key);
  if (u == NULL)
    gv_sc_err_at(&o->sc, v, "observation.unit_unknown", "unknown unit '%s' (give its id, name or alias)", key);
  return u;
}

/* The value of `key` in the mapping m, or NULL. */
static const gv_ynode *value_of(const gv_ynode *m, const char *key) {
  for (size_t i = 0; m->kind == GV_YMAP && i < m->count; i++)
    if (strcmp(gv_ymap_key(m, i)->text, key) == 0) return gv_ymap_value(m, i);
  return NULL;
}

/* An observation one of whose samples is impossible (rules/check.c: a
   reply before its request, a pause outside it …) is rejected at the value
   to blame, its path down to it: 1; else 0. */
static int impossible(ol *o, const gv_ynode *m, const gv_ynode *fs, const gv_rule *r, const gv_obs *obs) {
  gv_schema *sc = &o->sc;
  for (size_t k = 0; k < obs->n; k++) {
    gv_buf why = {0};
    gv_blame at;
    if (gv_sample_check(r, &obs->samples[k], &o->ev->ctx, &why, &at) == 0) {
      gv_buf_free(&why);
      continue;
    }
    if (gv_buf_status(&why) != GOVOPEN_OK) {
      gv_buf_free(&why);
      gv_sc_set_oom(sc);
      return 1;
    }
    /* down from the sample to the value: samples[k].paused[i].to */
    size_t marks[6], nm = 0;
    const gv_ynode *node = m;
    if (fs && fs->kind == GV_YSEQ && k < fs->count) {
      marks[nm++] = gv_sc_path_key(sc, "samples");
      marks[nm++] = gv_sc_path_index(sc, k);
      node = fs->items[k];
    }
    const gv_ynode *v = at.field < r->field_count ? value_of(node, r->fields[at.field].name) : NULL;
    if (v) {
      marks[nm++] = gv_sc_path_key(sc, r->fields[at.field].name);
      node = v;
      /* an interval of a list (a worksheet's cell holds them all: the cell) */
      if (at.item != (size_t)-1 && v->kind == GV_YSEQ && at.item < v->count) {
        marks[nm++] = gv_sc_path_index(sc, at.item);
        node = v->items[at.item];
        const gv_ynode *end = value_of(node, at.to ? "to" : "from");
        if (end) {
          marks[nm++] = gv_sc_path_key(sc, at.to ? "to" : "from");
          node = end;
        }
      }
    }
    size_t before = sc->d->errors;
    gv_sc_err_at(sc, node, "observation.sample_impossible",
                 "the sample cannot be judged: %s; the observation is rejected", gv_buf_str(&why));
    if (sc->d->errors > before && sc->d->tail) sc->d->tail->code = GOVOPEN_ERANGE;
    while (nm) gv_sc_path_pop(sc, marks[--nm]);
    gv_buf_free(&why);
    return 1;
  }
  return 0;
}

/* A sample without evidence (or a note) of its own takes its observation's. */
static void inherit(gv_sample *smp, const char *const *evidence, size_t evidence_count, const char *note) {
  if (smp->evidence_count == 0) {
    smp->evidence = evidence;
    smp->evidence_count = evidence_count;
  }
  if (smp->note == NULL) smp->note = note;
}

static void read_observation(ol *o, const gv_ynode *m, const gv_record *rec, const char *source, gv_obs *obs) {
  gv_schema *sc = &o->sc;
  govopen_evaluation *ev = o->ev;
  const govopen_framework *fw = o->fw;
  if (m->kind != GV_YMAP) {
    gv_sc_err_at(sc, m, "observation.record_type", "expected an observation (a mapping), found %s",
                 gv_ynode_describe(m));
    return;
  }
  const gv_ynode *fu = NULL, *fp = NULL, *fo = NULL, *fe = NULL, *fs = NULL, *fa = NULL, *fn = NULL;
  for (size_t i = 0; i < m->count; i++) {
    const gv_ynode *key = gv_ymap_key(m, i), *v = gv_ymap_value(m, i);
    switch (common_key(key->text, key->len)) {
      case K_UNIT: fu = v; break;
      case K_POINT: fp = v; break;
      case K_OBSERVED: fo = v; break;
      case K_EVIDENCE: fe = v; break;
      case K_NOTE: fn = v; break;
      case K_SAMPLES: fs = v; break;
      case K_ADJUSTMENT: fa = v; break;
      default: break;
    }
  }
  memset(obs, 0, sizeof *obs);
  obs->adjustment = -1;
  obs->observed = GV_OBSERVED_UNSET;
  obs->source = source;
  obs->line = rec->line;
  obs->col = rec->col;
  obs->order = ev->order + rec->index;
  obs->record = rec->index;
  if (fo) {
    gv_moment mo;
    size_t mark = gv_sc_path_key(sc, "observed");
    if (read_moment(o, fo, 1, &mo) == 0) {
      /* Nothing is observed after the evaluation's date: a date from the
         future (9999-12-31) would otherwise always be the latest. */
      if (mo.date > ev->as_of) {
        char day[16], as_of[16];
        gv_date_format(mo.date, day);
        gv_date_format(ev->as_of, as_of);
        gv_sc_err_at(sc, fo, "observation.date_after_as_of",
                     "the observation date %s is after the evaluation's as-of date %s", day, as_of);
      } else {
        obs->observed = mo.date;
      }
    }
    gv_sc_path_pop(sc, mark);
  }
  /* an observation's evidence and note are each of its samples' that gives none of its own */
  const char *const *evidence = NULL;
  size_t evidence_count = read_evidence(o, fe, &evidence);
  const char *note = read_note(o, fn);

  if (fa) {
    size_t mark = gv_sc_path_key(sc, "adjustment");
    const char *id;
    int rc = gv_sc_name_value(sc, fa, &id);
    gv_sc_path_pop(sc, mark);
    size_t i = 0, n = fw->adjustment_count;
    while (rc == GOVOPEN_OK && i < n && strcmp(fw->adjustments[i].id, id) != 0) i++;
    if (rc == GOVOPEN_OK && i == n) {
      size_t m2 = gv_sc_path_key(sc, "adjustment");
      gv_sc_err_at(sc, fa, "observation.adjustment_unknown", "unknown adjustment '%s'", id);
      gv_sc_path_pop(sc, m2);
    }
    if (fp || fs)
      gv_sc_err_at(sc, m, "observation.adjustment_empty",
                   "an adjustment observation names no point and has no samples");
    for (size_t k = 0; k < m->count; k++) {
      const char *key = gv_ymap_key(m, k)->text;
      if (!is_common_key(key)) {
        size_t m2 = gv_sc_path_key(sc, key);
        gv_sc_err_at(sc, gv_ymap_key(m, k), "observation.adjustment_key_missing",
                     "an adjustment observation has no '%s'", key);
        gv_sc_path_pop(sc, m2);
      }
    }
    obs->adjustment = (int)i;
    if (fu) {
      size_t m2 = gv_sc_path_key(sc, "unit");
      const govopen_unit *u = find_unit(o, fu);
      gv_sc_path_pop(sc, m2);
      if (u) obs->unit = u->index, obs->adjusts_unit = 1;
    }
    obs->at_line = fa->line;
    obs->at_col = fa->col;
    if (id && i < n && (fu == NULL || obs->adjusts_unit)) check_once(o, fa, obs);
    /* the evidence travels as the single sample's */
    obs->samples = gv_arena_alloc(sc->arena, sizeof(gv_sample));
    if (obs->samples == NULL) {
      gv_sc_set_oom(sc);
      return;
    }
    obs->samples->evidence = evidence;
    obs->samples->evidence_count = evidence_count;
    obs->samples->note = note;
    obs->samples->source = source;
    obs->samples->line = rec->line;
    obs->n = 1;
  } else {
    if (fu == NULL) gv_sc_err_at(sc, m, "observation.unit_missing", "the observation has no 'unit' (it is required)");
    if (fp == NULL) gv_sc_err_at(sc, m, "observation.point_missing", "the observation has no 'point' (it is required)");
    if (fu == NULL || fp == NULL) return;
    size_t mark = gv_sc_path_key(sc, "unit");
    const govopen_unit *u = find_unit(o, fu);
    gv_sc_path_pop(sc, mark);
    mark = gv_sc_path_key(sc, "point");
    const char *pid;
    int rc = gv_sc_name_value(sc, fp, &pid);
    const govopen_point *p = rc == GOVOPEN_OK ? gv_framework_point_by_id(fw, pid) : NULL;
    if (rc == GOVOPEN_OK && p == NULL) gv_sc_err_at(sc, fp, "observation.point_unknown", "unknown point '%s'", pid);
    gv_sc_path_pop(sc, mark);
    if (u && p) {
      /* A point naming an open group takes any unit: the county sets the
         group's members, and an observation of a unit makes it one. */
      size_t cell = u->index * o->fw->point_count + p->index;
      int responsible = p->has_open_group || (ev->assigned[cell / 8] >> (cell % 8) & 1);
      mark = gv_sc_path_key(sc, "unit");
      if (!responsible) {
        gv_buf names = {0};
        for (size_t i = 0; i < p->entry_count; i++) {
          if (i) gv_buf_puts(&names, "、");
          gv_buf_puts(&names, p->entries[i].written);
        }
        gv_sc_err_at(sc, fu, "observation.unit_not_responsible", "%s is not responsible for %s (responsible: %s)",
                     u->name, p->id, gv_buf_str(&names));
        if (gv_buf_status(&names) != GOVOPEN_OK) gv_sc_set_oom(sc);
        gv_buf_free(&names);
      }
    }
    gv_sc_path_pop(sc, mark);
    if (u == NULL || p == NULL || record_failed(o)) return;
    obs->unit = u->index;
    obs->point = p->index;
    if (fs) {
      mark = gv_sc_path_key(sc, "samples");
      if (fs->kind != GV_YSEQ) {
        gv_sc_err_at(sc, fs, "observation.samples_type", "expected a list of samples, found %s", gv_ynode_describe(fs));
      } else {
        /* no rule field may also stand beside `samples` */
        for (size_t k = 0; k < m->count; k++) {
          const gv_ynode *key = gv_ymap_key(m, k);
          if (!is_common_key(key->text)) {
            size_t m2 = gv_sc_path_key(sc, key->text);
            gv_sc_err_at(sc, key, "observation.field_beside_samples",
                         "'%s' stands beside 'samples': put it inside each sample", key->text);
            gv_sc_path_pop(sc, m2);
          }
        }
        obs->samples = gv_arena_array(sc->arena, fs->count ? fs->count : 1, sizeof(gv_sample));
        if (obs->samples == NULL) {
          gv_sc_set_oom(sc);
          return;
        }
        for (size_t i = 0; i < fs->count; i++) {
          size_t m2 = gv_sc_path_index(sc, i);
          gv_sample *smp = &obs->samples[i];
          read_sample(o, fs->items[i], p, 0, smp);
          smp->source = source;
          smp->line = fs->items[i]->line;
          smp->col = fs->items[i]->col;
          inherit(smp, evidence, evidence_count, note);
          gv_sc_path_pop(sc, m2);
        }
        obs->n = fs->count;
      }
      gv_sc_path_pop(sc, mark);
    } else {
      obs->samples = gv_arena_alloc(sc->arena, sizeof(gv_sample));
      if (obs->samples == NULL) {
        gv_sc_set_oom(sc);
        return;
      }
      read_sample(o, m, p, 1, obs->samples);
      obs->samples->source = source;
      obs->samples->line = rec->line;
      obs->samples->col = rec->col;
      inherit(obs->samples, evidence, evidence_count, note);
      obs->n = 1;
    }
  }
  if (record_failed(o)) return;
  if (obs->adjustment < 0 && impossible(o, m, fs, fw->points[obs->point]->compiled, obs)) return;
  gv_buf why = {0};
  size_t bad = 0;
  int rc = gv_sink_accept(o->sink, ev, obs, &why, &bad);
  if (rc < 0) {
    gv_sc_set_oom(sc);
  } else if (rc == GV_ACC_UNJUDGEABLE) {
    /* A sample no rule can judge is rejected where it stands, never left to
       take its unit × point out of the score. */
    const gv_ynode *at = m;
    size_t m1 = 0, m2 = 0;
    if (fs && fs->kind == GV_YSEQ && bad < fs->count) {
      m1 = gv_sc_path_key(sc, "samples");
      m2 = gv_sc_path_index(sc, bad);
      at = fs->items[bad];
    }
    size_t before = sc->d->errors;
    gv_sc_err_at(sc, at, "observation.sample_impossible",
                 "the sample cannot be judged: %s; the observation is rejected", gv_buf_str(&why));
    /* a date outside the calendar, an end before its start */
    if (sc->d->errors > before && sc->d->tail) sc->d->tail->code = GOVOPEN_ERANGE;
    if (at != m) {
      gv_sc_path_pop(sc, m2);
      gv_sc_path_pop(sc, m1);
    }
  } else {
    o->accepted++;
  }
  gv_buf_free(&why);
}

/* One record from the reader: typed, added to the sink, dropped. */
static int on_record(const gv_record *rec, void *payload) {
  ol *o = payload;
  /* strict: stop at the first bad record in input order, rejected by the reader or here */
  if (o->ev->strict && rec->index != o->expect) {
    o->stopped = 1;
    return GOVOPEN_EUSER;
  }
  o->expect = rec->index + 1;
  gv_buf_truncate(&o->sc.path, 0);
  o->sc.record = rec->index + 1; /* "records[i]": written only in a diagnostic */
  o->errors_at_start = o->sc.d->errors;
  size_t before = o->accepted;
  gv_obs obs;
  read_observation(o, rec->node, rec, o->sc.src, &obs);
  gv_arena_reset(&o->scratch);
  if (gv_sc_status(&o->sc) != GOVOPEN_OK) return GOVOPEN_ENOMEM;
  if (o->accepted == before) {
    o->rejected++;
    if (o->ev->strict) {
      o->stopped = 1;
      return GOVOPEN_EUSER;
    }
  }
  return 0;
}

static void ol_init(ol *o, govopen_evaluation *ev, gv_sink *sink, gv_diags *d, const char *src) {
  memset(o, 0, sizeof *o);
  o->ev = ev;
  o->fw = ev->fw;
  o->sink = sink;
  o->sc.d = d;
  /* one call keeps no more than the evaluation would */
  d->max = ev->diags.max;
  d->limit_name = ev->diags.limit_name;
  o->sc.src = src;
  o->sc.arena = &o->scratch;
}

static void ol_free(ol *o) {
  gv_buf_free(&o->sc.path);
  gv_arena_free(&o->scratch);
}

/* Room for one more entry in the evaluation's list of inputs: GOVOPEN_OK,
   or GOVOPEN_ENOMEM. */
static int reserve_input(govopen_evaluation *ev) {
  if (ev->input_count < ev->input_cap) return GOVOPEN_OK;
  size_t cap = ev->input_cap ? 2 * ev->input_cap : 4;
  gv_input *in = realloc(ev->inputs, cap * sizeof *in);
  if (in == NULL) return GOVOPEN_ENOMEM;
  ev->inputs = in;
  ev->input_cap = cap;
  return GOVOPEN_OK;
}

/* The end of one add: counts, diagnostics kept or returned. `status` is the
   reader's; `read` and `bad_records` its counts; `digest` the input's
   SHA-256 (hex), named in the fingerprint when anything of the call is kept. */
static int finish_parts(govopen_evaluation *ev, ol *o, gv_sink **sinks, size_t nsinks, gv_diags *d, int status,
                        size_t read, size_t bad_records, const char *src, const char *digest, govopen_error **err) {
  /* The evaluation's closing diagnostic once this call's are added, built
     first: from here on nothing allocates, so nothing can half-happen. */
  govopen_error *summary = NULL;
  int rc = gv_diags_summary_after(&ev->diags, d, &summary);
  if (rc == GOVOPEN_OK) rc = reserve_input(ev);
  if (gv_sc_status(&o->sc) != GOVOPEN_OK || gv_diags_status(d) == GOVOPEN_ENOMEM || status == GOVOPEN_ENOMEM ||
      rc != GOVOPEN_OK) {
    gv_error_free(summary);
    /* nothing of the call is kept: the caller may try again */
    for (size_t i = 0; i < nsinks; i++) gv_sink_discard(sinks[i]);
    gv_diags_free(d);
    return gv_error_set(err, GOVOPEN_ENOMEM, src, "system.out_of_memory", "out of memory");
  }
  /* Reading stopped before the end of the input (a syntax error in a JSON
     or YAML document, a YAML alias or second document, a limit, an I/O
     error): what was not read may hold anything, so the call fails and,
     as when memory runs out, keeps nothing; its diagnostics go to *err, the
     one where reading stopped saying from where the input was not read. */
  const govopen_error *stop = gv_records_stop(d);
  if (stop) {
    int code = stop->code ? stop->code : GOVOPEN_EPARSE;
    gv_error_free(summary); /* the evaluation's diagnostics stay as they were */
    for (size_t i = 0; i < nsinks; i++) gv_sink_discard(sinks[i]);
    govopen_error *chain = gv_diags_take(d);
    if (err)
      *err = chain;
    else
      gv_error_free(chain);
    return code;
  }
  /* in input order; the last run's warnings are stale once observations change */
  if (o->accepted || o->rejected || bad_records || d->head) gv_eval_drop_run_warnings(ev);
  for (size_t i = 0; i < nsinks; i++) gv_sink_commit(&ev->sink, sinks[i], ev);
  ev->records_seen += read + bad_records;
  ev->order += read + bad_records;
  ev->rejected += o->rejected + bad_records;
  /* Nothing could be read at all (a syntax error in a whole-document
     format, a limit), or strict mode met a bad observation: the call fails
     with its diagnostics. Otherwise they are kept on the evaluation. */
  if (status == GOVOPEN_EUSER && o->stopped) status = 0;
  int unread = status != 0 && read == 0 && bad_records == 0;
  int failed = unread || (ev->strict && (o->rejected || bad_records));
  /* an input that was read names what the results are made from (in
     strict mode too: the records before the bad one were kept) */
  if (!unread) {
    gv_input *in = &ev->inputs[ev->input_count++];
    in->name = src;
    snprintf(in->digest, sizeof in->digest, "%s", digest ? digest : "");
    in->records = (uint64_t)read + bad_records;
    in->accepted = o->accepted;
    in->rejected = (uint64_t)o->rejected + bad_records;
  }
  if (failed) {
    govopen_error *chain = gv_diags_take(d);
    if (ev->strict && chain) {
      /* report the first bad observation of the input, alone */
      govopen_error *first = chain, *prev = NULL, *first_prev = NULL;
      for (govopen_error *e = chain; e; prev = e, e = e->next)
        if (e->severity == GOVOPEN_SEVERITY_ERROR &&
            (first->severity != GOVOPEN_SEVERITY_ERROR || e->line < first->line))
          first = e, first_prev = prev;
      if (first_prev)
        first_prev->next = first->next;
      else
        chain = first->next;
      first->next = NULL;
      gv_error_free(chain);
      chain = first;
    }
    if (err)
      *err = chain;
    else
      gv_error_free(chain);
    gv_error_free(summary);
    return status ? status : GOVOPEN_ESCHEMA;
  }
  /* kept on the evaluation up to its limit, the rest counted */
  gv_diags_append(&ev->diags, d);
  if (summary) gv_diags_set_summary(&ev->diags, summary);
  return GOVOPEN_OK;
}

static int finish_add(govopen_evaluation *ev, ol *o, gv_diags *d, int status, size_t read, size_t bad_records,
                      const char *src, const char *digest, govopen_error **err) {
  return finish_parts(ev, o, &o->sink, 1, d, status, read, bad_records, src, digest, err);
}

/* Limits and the source name of one add; GOVOPEN_OK or an error. */
static int begin_add(govopen_evaluation *ev, const char *source, gv_rec_limits *lim, const char **src,
                     govopen_error **err) {
  if (err) *err = NULL;
  int rc = gv_eval_start(ev, err);
  if (rc != GOVOPEN_OK) return rc;
  gv_rec_limits_default(lim);
  /* the observation limit spans every input of the evaluation */
  if (ev->records_seen >= ev->max_observations)
    return gv_error_set(
        err, GOVOPEN_ELIMIT, source ? source : "<buffer>", "limit.observations_held",
        "the evaluation already holds %zu observation records, the limit (GOVOPEN_EVAL_MAX_OBSERVATIONS)",
        ev->records_seen);
  lim->max_records = ev->max_observations - ev->records_seen;
  lim->max_keys = ev->max_keys;
  /* the adjustments earlier calls triggered, looked up while reading (by every thread: before they start) */
  if (gv_sink_index_adjustments(&ev->sink, ev->fw) != 0)
    return gv_error_set(err, GOVOPEN_ENOMEM, source ? source : "<buffer>", "system.out_of_memory", "out of memory");
  /* named in the states' reasons: lives as long as the evaluation */
  *src = gv_arena_strdup(&ev->arena, source ? source : "<buffer>");
  if (*src == NULL) return gv_error_set(err, GOVOPEN_ENOMEM, "", "system.out_of_memory", "out of memory");
  return GOVOPEN_OK;
}

static int rec_format(int format) {
  return format == GOVOPEN_FORMAT_JSONL  ? GV_REC_JSONL
         : format == GOVOPEN_FORMAT_JSON ? GV_REC_JSON
         : format == GOVOPEN_FORMAT_YAML ? GV_REC_YAML
         : format == GOVOPEN_FORMAT_CSV  ? GV_REC_CSV
                                         : GV_REC_AUTO;
}

int gv_obs_add(govopen_evaluation *ev, const char *data, size_t len, const char *source, int format,
               govopen_error **err) {
  gv_rec_limits lim;
  const char *src;
  int rc = begin_add(ev, source, &lim, &src, err);
  if (rc != GOVOPEN_OK) return rc;
  gv_diags d = {0};
  ol o;
  ol_init(&o, ev, &ev->pending, &d, src);
  size_t read = 0, bad = 0;
  /* the bytes are all here: one pass over them, whatever the reader makes of them */
  char digest[GV_DIGEST_HEX];
  gv_digest_hex(data, len, digest);
  int status = gv_records_foreach(data, len, src, rec_format(format), &lim, on_record, &o, &read, &bad, &d);
  rc = finish_add(ev, &o, &d, status, read, bad, src, digest, err);
  ol_free(&o);
  return rc;
}

/* --- files: streamed, and JSON Lines split among threads ---------------------------- */

/* A later part's adjustments, in input order, against those of the parts
   before it (in `seen`, the first part's pending sink) and its own earlier
   ones: a second trigger is taken out of the part's sink and reported as
   check_once() reports it, among the part's diagnostics in line order; a
   first one joins `seen`. Returns GOVOPEN_OK, or GOVOPEN_ENOMEM. */
static int check_part_adjustments(govopen_evaluation *ev, gv_sink *seen, gv_sink *own, ol *o, gv_diags *pd) {
  const govopen_framework *fw = ev->fw;
  gv_diags dup = {0};
  gv_adj_obs *prev = NULL;
  for (gv_adj_obs *a = own->adj, *next; a; a = next) {
    next = a->next;
    if (fw->adjustments[a->adjustment].repeatable) {
      prev = a;
      continue;
    }
    const gv_adj_obs *first = gv_sink_adjustment_seen(seen, a->key);
    if (first == NULL) {
      if (gv_hmap_put(&seen->adj_seen, (const char *)a->key, GV_ADJ_KEY, a, NULL) < 0) {
        gv_diags_free(&dup);
        return GOVOPEN_ENOMEM;
      }
      prev = a;
      continue;
    }
    char where[512], path[64];
    adj_where(first, where, sizeof where);
    snprintf(path, sizeof path, "records[%zu].adjustment", a->record);
    gv_diag_add(&dup, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ESCHEMA, a->source, a->line, a->col, path,
                "observation.adjustment_once", ONCE_MSG, fw->adjustments[a->adjustment].id,
                a->adjusts_unit ? fw->units[a->unit].name : "the county", where);
    if (prev)
      prev->next = next;
    else
      own->adj = next;
    if (own->adj_tail == a) own->adj_tail = prev;
    own->accepted--;
    o->accepted--;
    o->rejected++;
  }
  if (gv_diags_status(&dup) == GOVOPEN_ENOMEM) {
    gv_diags_free(&dup);
    return GOVOPEN_ENOMEM;
  }
  if (dup.head == NULL) return GOVOPEN_OK;
  /* merge the two lists, each in line order */
  govopen_error *x = gv_diags_take(pd), *y = gv_diags_take(&dup), *head = NULL, **tail = &head;
  while (x || y) {
    govopen_error **pick = y == NULL || (x && x->line <= y->line) ? &x : &y;
    *tail = *pick;
    tail = &(*pick)->next;
    *pick = (*pick)->next;
  }
  *tail = NULL;
  pd->head = head;
  pd->tail = NULL;
  for (govopen_error *e = head; e; e = e->next) pd->tail = e;
  pd->errors += dup.errors;
  if (pd->first_code == 0) pd->first_code = dup.first_code;
  return GOVOPEN_OK;
}

/* --- the digest of a file's bytes ------------------------------------------ */

#define DIGEST_BLOCK ((size_t)64 * 1024)

/* Adds what is left of `fd` (read(2) from where it stands) to `dg`: the
   reader may end before the input does (strict mode's stop), and the
   fingerprint names the whole file. 0, or an errno. */
static int digest_rest(int fd, gv_digest *dg) {
  char buf[DIGEST_BLOCK];
  for (;;) {
    ssize_t k = read(fd, buf, sizeof buf);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) return errno;
    if (k == 0) return 0;
    gv_digest_update(dg, buf, (size_t)k);
  }
}

/* A failure to read the file for its digest ends the read as an I/O error
   of the reader's would: the call keeps nothing (finish_parts). */
static void digest_failed(gv_diags *d, const char *src, int e) {
  gv_diag_add(d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_EIO, src, 0, 0, NULL, "observation.digest_read_failed",
              "cannot read '%s' for its digest: %s (reading stopped here)", src, strerror(e));
}

/* Bytes [0, size) of a file that parts read in parallel, in order, on a
   thread of its own: SHA-256 is sequential, so the parts cannot feed one
   digest, and this thread reads the file a second time (from the page
   cache the parts' scan has just filled) while the parts parse it. */
typedef struct digest_job {
  int fd;
  uint64_t size;
  gv_digest dg;
  int error; /* an errno, 0 when read */
} digest_job;

static void *digest_range(void *arg) {
  digest_job *j = arg;
  char buf[DIGEST_BLOCK];
  uint64_t at = 0;
  while (at < j->size) {
    size_t want = j->size - at < sizeof buf ? (size_t)(j->size - at) : sizeof buf;
    ssize_t k = pread(j->fd, buf, want, (off_t)at);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) {
      j->error = k < 0 ? errno : EIO; /* shorter than when the parts were cut */
      return NULL;
    }
    gv_digest_update(&j->dg, buf, (size_t)k);
    at += (uint64_t)k;
  }
  return NULL;
}

/* Below this a file is read on one thread whatever the jobs. */
#define PARALLEL_MIN_BYTES ((uint64_t)1 << 20)

/* .jsonl or .ndjson, in any case: the only names split without looking inside. */
static int jsonl_by_name(const char *path) {
  const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
  if (dot == NULL || (slash && dot < slash)) return 0;
  char ext[8];
  size_t n = strlen(dot + 1);
  if (n >= sizeof ext) return 0;
  for (size_t i = 0; i <= n; i++)
    ext[i] = (char)(dot[1 + i] >= 'A' && dot[1 + i] <= 'Z' ? dot[1 + i] + 32 : dot[1 + i]);
  return strcmp(ext, "jsonl") == 0 || strcmp(ext, "ndjson") == 0;
}

typedef struct part {
  govopen_evaluation *ev;
  int fd;
  const char *src;
  uint64_t from, to;
  gv_jsonl_counts counts;
  unsigned first_line;
  size_t first_index;
  gv_rec_limits lim;
  gv_sink own; /* parts after the first; the first adds into ev->pending */
  gv_diags d;
  ol o;
  size_t read, bad;
  int status;
} part;

static void *scan_part(void *arg) {
  part *p = arg;
  p->status = gv_records_jsonl_scan(p->fd, p->from, p->to, &p->counts);
  return NULL;
}

static void *read_part(void *arg) {
  part *p = arg;
  p->status = gv_records_foreach_jsonl_range(p->fd, p->src, p->from, p->to, p->first_line, p->first_index, &p->lim,
                                             on_record, &p->o, &p->read, &p->bad, &p->d);
  return NULL;
}

/* Runs fn on every part, parts 1… on threads of their own, part 0 here. A
   thread that cannot be started runs here too: the outcome is the same. */
static void run_parts(part *parts, int n, void *(*fn)(void *)) {
  pthread_t tid[GV_MAX_JOBS];
  int started[GV_MAX_JOBS] = {0};
  for (int i = 1; i < n; i++) started[i] = pthread_create(&tid[i], NULL, fn, &parts[i]) == 0;
  fn(&parts[0]);
  for (int i = 1; i < n; i++) {
    if (started[i])
      pthread_join(tid[i], NULL);
    else
      fn(&parts[i]);
  }
}

/* Splits a JSON Lines file among ev->jobs threads. Returns 1 when it did
   (the outcome in *rc), 0 when the file is better read on one thread (a
   lone CR line end, more records than the limit allows, too small). */
static int add_parallel(govopen_evaluation *ev, int fd, uint64_t size, const char *src, const gv_rec_limits *lim,
                        int *rc, govopen_error **err) {
  int n = ev->jobs;
  if (n > GV_MAX_JOBS) n = GV_MAX_JOBS;
  if (n < 2 || size < PARALLEL_MIN_BYTES) return 0;
  part *parts = calloc((size_t)n, sizeof *parts);
  if (parts == NULL) {
    *rc = gv_error_set(err, GOVOPEN_ENOMEM, src, "system.out_of_memory", "out of memory");
    return 1;
  }
  uint64_t at = 0;
  for (int i = 0; i < n; i++) {
    parts[i].ev = ev;
    parts[i].fd = fd;
    parts[i].src = src;
    parts[i].lim = *lim;
    parts[i].from = at;
    at = i + 1 == n ? size : gv_records_jsonl_split(fd, size, size / (uint64_t)n * (uint64_t)(i + 1));
    if (at < parts[i].from) at = parts[i].from;
    parts[i].to = at;
  }
  /* Where each part's lines and records start: counted by the parts themselves. */
  run_parts(parts, n, scan_part);
  int serial = 0;
  uint64_t records = 0;
  for (int i = 0; i < n; i++) {
    if (parts[i].status != 0 || parts[i].counts.lone_cr || parts[i].counts.utf16) serial = 1;
    records += parts[i].counts.records;
  }
  if (serial || records > lim->max_records) {
    free(parts);
    return 0;
  }
  uint64_t line = 1, index = 0;
  int mem = GOVOPEN_OK; /* GOVOPEN_ENOMEM once putting the parts together ran out of memory */
  for (int i = 0; i < n; i++) {
    parts[i].first_line = line > UINT_MAX ? UINT_MAX : (unsigned)line;
    parts[i].first_index = (size_t)index;
    line += parts[i].counts.lines;
    index += parts[i].counts.records;
    gv_sink *sink = &ev->pending;
    if (i > 0) {
      if (gv_sink_init(&parts[i].own, ev->fw) != 0) mem = GOVOPEN_ENOMEM;
      sink = &parts[i].own;
    }
    ol_init(&parts[i].o, ev, sink, &parts[i].d, src);
    parts[i].o.later_part = i > 0;
  }
  digest_job dj;
  memset(&dj, 0, sizeof dj);
  dj.fd = fd;
  dj.size = size;
  gv_digest_init(&dj.dg);
  pthread_t dtid;
  int dstarted = 0;
  if (mem == GOVOPEN_OK) {
    dstarted = pthread_create(&dtid, NULL, digest_range, &dj) == 0;
    run_parts(parts, n, read_part);
    if (dstarted)
      pthread_join(dtid, NULL);
    else
      digest_range(&dj);
  }
  char digest[GV_DIGEST_HEX];
  gv_digest_final_hex(&dj.dg, digest);
  /* Put the parts together in input order: diagnostics, counts, states. */
  gv_diags d = {0};
  d.max = ev->diags.max;
  d.limit_name = ev->diags.limit_name;
  ol *o = &parts[0].o;
  int status = 0;
  size_t read = 0, bad = 0;
  gv_sink *sinks[GV_MAX_JOBS];
  /* A part whose reading stopped early (memory, an I/O error) ends what one
     thread would have read: the parts after it are dropped. */
  int used = n;
  for (int i = 0; i < n; i++)
    if (gv_records_stopped(&parts[i].d)) {
      used = i + 1;
      break;
    }
  for (int i = used; i < n; i++) gv_sink_discard(&parts[i].own);
  for (int i = 0; i < used; i++) {
    part *p = &parts[i];
    if (i > 0 && mem == GOVOPEN_OK) mem = check_part_adjustments(ev, &ev->pending, &p->own, &p->o, &p->d);
    /* in input order, the limit over all parts as one thread would apply it */
    gv_diags_append(&d, &p->d);
    if (i > 0) {
      o->rejected += p->o.rejected;
      o->accepted += p->o.accepted;
      if (gv_sc_status(&p->o.sc) != GOVOPEN_OK) gv_sc_set_oom(&o->sc);
    }
    if (status == 0) status = p->status;
    read += p->read;
    bad += p->bad;
    sinks[i] = i == 0 ? &ev->pending : &p->own;
  }
  if (mem != GOVOPEN_OK) gv_sc_set_oom(&o->sc);
  if (dj.error && !gv_records_stopped(&d)) digest_failed(&d, src, dj.error);
  *rc = finish_parts(ev, o, sinks, (size_t)used, &d, status, read, bad, src, digest, err);
  for (int i = 0; i < n; i++) {
    if (i > 0) gv_sink_free(&parts[i].own);
    gv_diags_free(&parts[i].d);
    ol_free(&parts[i].o);
  }
  free(parts);
  return 1;
}

int gv_obs_add_file(govopen_evaluation *ev, const char *path, int format, govopen_error **err) {
  gv_rec_limits lim;
  const char *src;
  int rc = begin_add(ev, path, &lim, &src, err);
  if (rc != GOVOPEN_OK) return rc;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    if (e == ENOMEM) return gv_error_set(err, GOVOPEN_ENOMEM, path, "system.out_of_memory", "out of memory");
    return gv_error_set(err, e == ENOENT ? GOVOPEN_ENOTFOUND : GOVOPEN_EIO, path, "file.open_failed",
                        "cannot open the file: %s", strerror(e));
  }
  struct stat st;
  int fmt = rec_format(format);
  if (fmt == GV_REC_AUTO) fmt = jsonl_by_name(path) ? GV_REC_JSONL : GV_REC_AUTO;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && fmt == GV_REC_JSONL && !ev->strict &&
      add_parallel(ev, fd, (uint64_t)st.st_size, src, &lim, &rc, err)) {
    close(fd);
    return rc;
  }
  gv_diags d = {0};
  ol o;
  ol_init(&o, ev, &ev->pending, &d, src);
  size_t read = 0, bad = 0;
  /* digested as read, then to its end when the reader stopped before it */
  gv_digest dg;
  gv_digest_init(&dg);
  lim.digest = &dg;
  int status = gv_records_foreach_fd(fd, src, rec_format(format), &lim, on_record, &o, &read, &bad, &d);
  if (!gv_records_stopped(&d) && gv_sc_status(&o.sc) == GOVOPEN_OK && status != GOVOPEN_ENOMEM) {
    int e = digest_rest(fd, &dg);
    if (e) digest_failed(&d, src, e);
  }
  char digest[GV_DIGEST_HEX];
  gv_digest_final_hex(&dg, digest);
  close(fd);
  rc = finish_add(ev, &o, &d, status, read, bad, src, digest, err);
  ol_free(&o);
  return rc;
}
