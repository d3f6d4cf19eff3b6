/* Observation records from CSV worksheets (records.h, "CSV"; the dialect is
 * docs/observations.md, "CSV worksheets"): RFC 4180 as Excel and WPS write
 * it — a comma between fields, a field that holds a comma, a quote or a line
 * break in double quotes with its quotes doubled, rows ended by CR LF, LF or
 * a lone CR, UTF-8 with or without a byte-order mark. The first row that is
 * not blank names the columns; every later row is one record.
 *
 * A row is read in two passes: find_end() finds where it ends (a line break
 * outside quotes), resuming where it stopped when a block of a file ends
 * inside the row, so that a file is read holding one row at a time; then
 * parse_row() splits it into cells with their places. Nothing here knows
 * what a field means: every value is text (GV_STYLE_CELL), typed by the
 * reader of the field (eval/observations.c), which also reports it. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/records_impl.h"
#include "util/escape.h"
#include "util/hmap.h"
#include "util/utf8.h"

#define BLOCK ((size_t)1 << 20) /* bytes read at a time (lim->block overrides) */

/* What a column is: read, for people ('#' first), or unnamed (blank header cell). */
enum { COL_DATA, COL_NOTE, COL_NONE };

typedef struct column {
  const char *name; /* COL_DATA: the name, trimmed */
  size_t len;
  unsigned col; /* the header cell's column */
  int kind;
  unsigned fills; /* a value here fills the row: any column but unit, point, observed, evaluator */
} column;

/* A cell of the row read: its text in csv.text, where it starts. */
typedef struct cell {
  size_t off, len;
  unsigned line, col;
} cell;

/* find_end()'s state: at a field's start, in an unquoted field, in a quoted
   one, just after a quote in a quoted one (a doubled quote, or its end). */
enum { S_START, S_PLAIN, S_QUOTED, S_QUOTE };

typedef struct csv {
  gv_rd_reader *r;
  column *cols;
  size_t ncols; /* 0 until the header is read */
  gv_arena names;
  gv_buf text; /* the cells of the row read, unquoted, one after another */
  cell *cells;
  size_t ncells, cells_cap;
  size_t skipped;         /* unfilled rows passed over */
  unsigned first_skipped; /* the line of the first */
  size_t scan;            /* find_end() goes on from here, in `state` */
  int state;
  /* the first error of the row read */
  int bad_code;
  gv_rd_cur bad_at;
  char bad[200];
  const char *bad_id; /* the message's identifier */
} csv;

static unsigned inc(unsigned v) { return v < UINT_MAX ? v + 1 : v; }

/* Moves `c` over s[c->off .. to): LF, CR LF and a lone CR each end a line;
   UTF-8 continuation bytes take no column (as records.c counts). */
static void advance(const char *s, size_t len, gv_rd_cur *c, size_t to) {
  for (; c->off < to; c->off++) {
    unsigned char b = (unsigned char)s[c->off];
    if (b == '\n' || (b == '\r' && !(c->off + 1 < len && s[c->off + 1] == '\n'))) {
      c->line = inc(c->line);
      c->col = 1;
    } else if (b != '\r' && (b & 0xC0) != 0x80) {
      c->col = inc(c->col);
    }
  }
}

static int blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t') return 0;
  return 1;
}

/* --- finding a row's end ------------------------------------------------------ */

/* The offset of the CR or LF ending the row at cs->scan's record, or `len`
   when the input ends first; GV_RD_NONE when it may go on in input still to come
   (a CR last: the next byte tells whether it is a CR LF). */
static size_t find_end(csv *cs, const char *s, size_t len, int more) {
  size_t i = cs->scan;
  int st = cs->state;
  while (i < len) {
    if (st == S_QUOTED) {
      const char *q = memchr(s + i, '"', len - i);
      if (q == NULL) {
        i = len;
        break;
      }
      i = (size_t)(q - s) + 1;
      st = S_QUOTE;
      continue;
    }
    char b = s[i];
    if (st == S_QUOTE && b == '"') {
      st = S_QUOTED;
    } else if (b == '\n' || b == '\r') {
      if (b == '\r' && i + 1 == len && more) break;
      cs->scan = i;
      cs->state = st;
      return i;
    } else if (b == ',') {
      st = S_START;
    } else {
      st = st == S_START && b == '"' ? S_QUOTED : S_PLAIN;
    }
    i++;
  }
  cs->scan = i;
  cs->state = st;
  return more ? GV_RD_NONE : len;
}

/* --- splitting a row into cells ------------------------------------------------ */

GV_PRINTF(5, 6)
static int bad(csv *cs, int code, const gv_rd_cur *at, const char *id, const char *fmt, ...) {
  if (cs->bad_code) return -1;
  cs->bad_id = id;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(cs->bad, sizeof cs->bad, fmt, ap);
  va_end(ap);
  cs->bad_code = code;
  cs->bad_at = *at;
  return -1;
}

/* What stands at s[i] (valid UTF-8), for messages. */
static void describe(const char *s, size_t i, size_t end, char *buf, size_t n) {
  unsigned char b = (unsigned char)s[i];
  if (b < 0x20 || b == 0x7F) {
    snprintf(buf, n, "control character U+%04X", (unsigned)b);
  } else {
    size_t k = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    if (k > end - i) k = end - i;
    snprintf(buf, n, "'%.*s'", (int)k, s + i);
  }
}

static cell *new_cell(csv *cs, const gv_rd_cur *p) {
  if (cs->ncells == cs->cells_cap) {
    size_t cap = cs->cells_cap ? 2 * cs->cells_cap : 32;
    cell *c = realloc(cs->cells, cap * sizeof *c);
    if (c == NULL) return NULL;
    cs->cells = c;
    cs->cells_cap = cap;
  }
  cell *c = &cs->cells[cs->ncells++];
  c->off = cs->text.len;
  c->len = 0;
  c->line = p->line;
  c->col = p->col;
  return c;
}

/* Splits the row s[start->off .. end) into cs->cells. At most `keep` cells
   are kept: a cell beyond them must be blank (a value there is an error:
   `header` says whether this row is the header, whose columns are limited
   by MAX_NODES instead). 0; -1 with the row's error in cs->bad; GV_RD_FATAL
   when memory ran out. */
static int parse_row(csv *cs, const gv_rd_cur *start, size_t end, size_t keep, int header) {
  gv_rd_reader *r = cs->r;
  const char *s = r->data;
  size_t from = start->off;
  cs->ncells = 0;
  cs->bad_code = 0;
  gv_buf_truncate(&cs->text, 0);
  size_t badu = gv_utf8_check(s + from, end - from);
  const char *nul = memchr(s + from, '\0', end - from);
  if (badu < end - from || nul) {
    size_t at = nul && (size_t)(nul - s) < from + badu ? (size_t)(nul - s) : from + badu;
    gv_rd_cur p = *start;
    advance(s, r->len, &p, at);
    if (s[at] == '\0') return bad(cs, GOVOPEN_EPARSE, &p, "csv.nul_character", "a NUL character (U+0000)");
    return bad(
        cs, GOVOPEN_EPARSE, &p, "csv.utf8_invalid",
        "invalid UTF-8 (byte 0x%02X): save the worksheet as “CSV UTF-8 (逗号分隔)”, not in the system's code page",
        (unsigned)(unsigned char)s[at]);
  }
  gv_rd_cur p = *start;
  size_t i = from;
  for (;;) {
    size_t n = cs->ncells;
    cell *c = NULL;
    if (n < keep && (c = new_cell(cs, &p)) == NULL) return gv_rec_oom(r);
    if (n >= keep && header)
      return bad(cs, GOVOPEN_ELIMIT, &p, "limit.csv_header_columns",
                 "the header has more than %zu columns (GOVOPEN_OPT_MAX_NODES)", keep);
    gv_rd_cur at = p;
    size_t text_at = cs->text.len;
    if (i < end && s[i] == '"') {
      gv_rd_cur open = p;
      advance(s, r->len, &p, ++i);
      for (;;) {
        if (i >= end)
          return bad(cs, GOVOPEN_EPARSE, &open, "csv.quote_unclosed",
                     "the quoted field that starts here is not closed: it runs to the end of the input");
        const char *q = memchr(s + i, '"', end - i);
        size_t run = q ? (size_t)(q - s) : end;
        /* the text up to the quote, a CR LF inside it read as LF */
        for (size_t k = i; k < run; k++)
          if (!(s[k] == '\r' && k + 1 < run && s[k + 1] == '\n')) gv_buf_putc(&cs->text, s[k]);
        advance(s, r->len, &p, run);
        i = run;
        if (i >= end) continue;
        if (i + 1 < end && s[i + 1] == '"') {
          gv_buf_putc(&cs->text, '"');
          advance(s, r->len, &p, i += 2);
          continue;
        }
        advance(s, r->len, &p, ++i);
        break;
      }
      if (i < end && s[i] != ',') {
        char what[48];
        describe(s, i, end, what, sizeof what);
        return bad(cs, GOVOPEN_EPARSE, &p, "csv.after_closing_quote",
                   "unexpected %s after the closing quote of the field at column %u: a field in quotes holds its "
                   "quotes doubled and ends at its closing quote",
                   what, at.col);
      }
    } else {
      size_t st = i;
      while (i < end && s[i] != ',') {
        if (s[i] == '"') {
          advance(s, r->len, &p, i);
          return bad(cs, GOVOPEN_EPARSE, &p, "csv.stray_quote",
                     "a double quote inside a field that does not start with one: put the whole field in quotes and "
                     "double the quote (\"\")");
        }
        i++;
      }
      gv_buf_append(&cs->text, s + st, i - st);
      advance(s, r->len, &p, i);
    }
    if (gv_buf_status(&cs->text) != GOVOPEN_OK) return gv_rec_oom(r);
    if (c) {
      c->len = cs->text.len - text_at;
    } else if (!blank(cs->text.data + text_at, cs->text.len - text_at)) {
      return bad(cs, GOVOPEN_ESCHEMA, &at, "csv.value_beyond_header", "a value beyond the header's %zu columns", keep);
    } else {
      gv_buf_truncate(&cs->text, text_at);
    }
    if (i >= end) return 0;
    advance(s, r->len, &p, ++i); /* the comma */
  }
}

/* gv_buf_str: a row of empty cells (`""`) never allocated the text, and an
   offset on NULL is undefined even when it is 0 (clang's UBSan says so). */
static const char *cell_text(const csv *cs, const cell *c) { return gv_buf_str(&cs->text) + c->off; }

static int cell_blank(const csv *cs, const cell *c) { return blank(cell_text(cs, c), c->len); }

/* --- the header ------------------------------------------------------------------ */

static int named(const column *c, const char *name) {
  return c->kind == COL_DATA && c->len == strlen(name) && memcmp(c->name, name, c->len) == 0;
}

/* The row at c..end as the header, unless it is blank. */
static int read_header(csv *cs, const gv_rd_cur *c, size_t end) {
  gv_rd_reader *r = cs->r;
  int rc = parse_row(cs, c, end, r->lim.y.max_nodes, 1);
  if (rc == GV_RD_FATAL) return rc;
  if (rc < 0)
    return gv_rec_error(r, GV_RD_FATAL, cs->bad_code, &cs->bad_at, NULL, "csv.header_unreadable",
                        "the header row cannot be read: %s", cs->bad);
  size_t filled = 0;
  for (size_t i = 0; i < cs->ncells; i++) filled += !cell_blank(cs, &cs->cells[i]);
  if (filled == 0) return GV_RD_OK; /* blank lines before the header */
  /* the names live as long as the read: beside the records in gv_records_read */
  gv_arena *a = r->fn ? &cs->names : r->arena;
  cs->cols = calloc(cs->ncells, sizeof *cs->cols);
  if (cs->cols == NULL) return gv_rec_oom(r);
  gv_hmap seen = {0};
  int has_point = 0;
  size_t named_cols = 0;
  rc = GV_RD_OK;
  for (size_t i = 0; i < cs->ncells && rc == GV_RD_OK; i++) {
    const cell *ce = &cs->cells[i];
    column *col = &cs->cols[i];
    const char *t = cell_text(cs, ce);
    size_t n = ce->len;
    while (n && (*t == ' ' || *t == '\t')) t++, n--;
    while (n && (t[n - 1] == ' ' || t[n - 1] == '\t')) n--;
    col->col = ce->col;
    col->kind = n == 0 ? COL_NONE : t[0] == '#' ? COL_NOTE : COL_DATA;
    if (col->kind != COL_DATA) continue;
    if (++named_cols > r->lim.max_keys) {
      /* every row would be a record with this many keys: the worksheet is refused, as for a duplicate column */
      gv_rd_cur at = {0, ce->line, ce->col};
      rc = gv_rec_error(r, GV_RD_FATAL, GOVOPEN_ELIMIT, &at, NULL, "limit.csv_header_keys",
                        "the header names more than %zu columns: the limit on keys in one record "
                        "(GOVOPEN_EVAL_MAX_KEYS)",
                        r->lim.max_keys);
      break;
    }
    if ((col->name = gv_arena_strndup(a, t, n)) == NULL) {
      rc = gv_rec_oom(r);
      break;
    }
    col->len = n;
    col->fills =
        (unsigned)!named(col, "unit") && !named(col, "point") && !named(col, "observed") && !named(col, "evaluator");
    has_point |= named(col, "point") || named(col, "adjustment");
    void *first = NULL;
    int put = gv_hmap_put(&seen, col->name, n, col, &first);
    if (put < 0) {
      rc = gv_rec_oom(r);
    } else if (put == 0) {
      gv_rd_cur at = {0, ce->line, ce->col};
      rc = gv_rec_error(r, GV_RD_FATAL, GOVOPEN_ESCHEMA, &at, NULL, "csv.column_repeated",
                        "duplicate column '%s' (first at column %u): which one holds the value?", col->name,
                        ((const column *)first)->col);
    }
  }
  gv_hmap_free(&seen);
  if (rc == GV_RD_OK && !has_point) {
    gv_rd_cur at = {0, c->line, c->col};
    rc = gv_rec_error(r, GV_RD_FATAL, GOVOPEN_ESCHEMA, &at, NULL, "csv.point_column_missing",
                      "the header names no 'point' column (nor 'adjustment'): a worksheet's first row names its "
                      "columns, as `govopen plan --format csv` writes them");
  }
  if (rc == GV_RD_OK) cs->ncols = cs->ncells;
  return rc;
}

/* --- rows ------------------------------------------------------------------------------ */

/* A rejected row: numbered, counted and reported. */
static int reject(csv *cs, const gv_rd_cur *c) {
  gv_rd_reader *r = cs->r;
  size_t index;
  if (gv_rec_next_index(r, c, &index)) return GV_RD_FATAL;
  r->rejected++;
  gv_rd_seg root = {NULL, NULL, index};
  return gv_rec_error(r, GV_RD_REJECT, cs->bad_code, &cs->bad_at, &root, cs->bad_id, "%s", cs->bad);
}

/* A spreadsheet shows a text it would run as a formula (gv_formula_risk) as
   text when an apostrophe goes first (report/csv.c writes one): it is not
   part of the value. */
static size_t formula_guard(const char *t, size_t n) {
  return n >= 2 && t[0] == '\'' && gv_formula_risk(t + 1, n - 1) ? 1 : 0;
}

static gv_ynode *scalar(gv_arena *a, const char *text, size_t len, const cell *ce) {
  gv_ynode *n = gv_arena_alloc(a, sizeof *n);
  if (n == NULL) return NULL;
  n->kind = GV_YSCALAR;
  n->type = GV_YT_STR;
  n->style = GV_STYLE_CELL;
  n->line = ce->line;
  n->col = ce->col;
  n->text = text;
  n->len = len;
  n->weight = 1;
  return n;
}

/* The row at c..end: a record, a rejected row, or passed over. */
static int read_row(csv *cs, const gv_rd_cur *c, size_t end) {
  gv_rd_reader *r = cs->r;
  int rc = parse_row(cs, c, end, cs->ncols, 0);
  if (rc == GV_RD_FATAL) return rc;
  if (rc < 0) return reject(cs, c);
  size_t values = 0, any = 0, fills = 0;
  for (size_t i = 0; i < cs->ncells; i++) {
    const cell *ce = &cs->cells[i];
    if (cell_blank(cs, ce)) continue;
    any++;
    const column *col = &cs->cols[i];
    if (col->kind == COL_NONE) {
      gv_rd_cur at = {0, ce->line, ce->col};
      bad(cs, GOVOPEN_ESCHEMA, &at, "csv.value_unnamed_column",
          "a value in column %zu, which has no name in the header", i + 1);
      return reject(cs, c);
    }
    if (col->kind == COL_DATA) values++, fills += col->fills;
  }
  if (any == 0) return GV_RD_OK; /* a blank row */
  if (fills == 0) {
    /* an unfilled worksheet row: counted, and said once at the end */
    if (cs->skipped++ == 0) cs->first_skipped = c->line;
    return GV_RD_OK;
  }
  size_t index;
  if (gv_rec_next_index(r, c, &index)) return GV_RD_FATAL;
  size_t budget = r->lim.y.max_nodes > r->held ? r->lim.y.max_nodes - r->held : 0;
  if (2 * values + 1 > budget) {
    r->rejected++;
    gv_rd_seg root = {NULL, NULL, index};
    return gv_rec_error(r, GV_RD_REJECT, GOVOPEN_ELIMIT, c, &root, "limit.csv_row_nodes",
                        "the row's %zu values make more nodes than the limit of %zu (GOVOPEN_OPT_MAX_NODES)", values,
                        r->lim.y.max_nodes);
  }
  gv_ynode *map = gv_arena_alloc(r->arena, sizeof *map);
  gv_ynode **items = gv_arena_array(r->arena, 2 * values, sizeof *items);
  if (map == NULL || items == NULL) return gv_rec_oom(r);
  map->kind = GV_YMAP;
  map->line = c->line;
  map->col = c->col;
  map->items = items;
  map->count = values;
  map->weight = 1 + 2 * values;
  size_t k = 0;
  for (size_t i = 0; i < cs->ncells; i++) {
    const cell *ce = &cs->cells[i];
    const column *col = &cs->cols[i];
    if (col->kind != COL_DATA || cell_blank(cs, ce)) continue;
    const char *t = cell_text(cs, ce);
    size_t skip = formula_guard(t, ce->len);
    char *text = gv_arena_strndup(r->arena, t + skip, ce->len - skip);
    gv_ynode *key = scalar(r->arena, col->name, col->len, ce);
    gv_ynode *value = text ? scalar(r->arena, text, ce->len - skip, ce) : NULL;
    if (key == NULL || value == NULL) return gv_rec_oom(r);
    items[k++] = key;
    items[k++] = value;
  }
  rc = gv_rec_emit(r, map, c->line, c->col, index);
  if (r->fn) gv_arena_reset(&r->scratch);
  return rc;
}

/* A row longer than MAX_SIZE (read from a file, MAX_SIZE bounds a row, not
   the input) ends the read: it is most likely a quoted field not closed. */
static int too_long(gv_rd_reader *r, const gv_rd_cur *c) {
  return gv_rec_error(r, GV_RD_FATAL, GOVOPEN_ELIMIT, c, NULL, "limit.csv_row_too_long",
                      "the row that starts here is longer than the limit of %zu bytes (GOVOPEN_OPT_MAX_SIZE): is a "
                      "quoted field not closed?" GV_RD_STOPPED,
                      r->line_max);
}

/* The rows of r->data from c (at a row's start) to r->len; with `more`,
   input follows, and a row that may go on there is left for later (c
   stays at its start). GV_RD_FATAL when reading must end. */
static int read_rows(csv *cs, gv_rd_cur *c, int more) {
  gv_rd_reader *r = cs->r;
  while (c->off < r->len) {
    size_t end = find_end(cs, r->data, r->len, more);
    if (end == GV_RD_NONE) return GV_RD_OK;
    if (r->line_max && end - c->off > r->line_max) return too_long(r, c);
    size_t next = end;
    if (end < r->len) next += r->data[end] == '\r' && end + 1 < r->len && r->data[end + 1] == '\n' ? 2 : 1;
    int rc = cs->ncols ? read_row(cs, c, end) : read_header(cs, c, end);
    if (rc == GV_RD_FATAL) return rc;
    advance(r->data, r->len, c, next);
    cs->scan = c->off;
    cs->state = S_START;
  }
  return GV_RD_OK;
}

void gv_rec_read_csv(gv_rd_reader *r, gv_rd_input *in, gv_rd_fbuf *b) {
  csv cs;
  memset(&cs, 0, sizeof cs);
  cs.r = r;
  size_t block = r->lim.block ? r->lim.block : BLOCK;
  gv_rd_cur c = {0, 1, 1};
  int rc = GV_RD_OK;
  if (in && b->len < 3 && !in->eof) rc = gv_rec_append(r, in, b, block);
  if (in) {
    r->data = b->data ? b->data : "";
    r->len = b->len;
  }
  if (rc == GV_RD_OK && gv_rec_is_utf16(r->data, r->len))
    rc = gv_rec_error(r, GV_RD_FATAL, GOVOPEN_EPARSE, &c, NULL, "csv.utf16",
                      "the input is UTF-16 (Excel's “Unicode text”): save the worksheet as “CSV UTF-8 (逗号分隔)”");
  if (rc == GV_RD_OK && gv_rec_has_bom(r->data, r->len)) c.off = cs.scan = 3;
  while (rc == GV_RD_OK) {
    rc = read_rows(&cs, &c, in && !in->eof);
    if (rc != GV_RD_OK || in == NULL || in->eof) break;
    /* the row not ended yet goes to the front, then more is read */
    size_t keep = b->len - c.off;
    memmove(b->data, b->data + c.off, keep);
    b->len = keep;
    cs.scan -= c.off;
    c.off = 0;
    if (r->line_max && keep > r->line_max) {
      rc = too_long(r, &c);
      break;
    }
    rc = gv_rec_append(r, in, b, block);
    r->data = b->data ? b->data : "";
    r->len = b->len;
  }
  if (rc == GV_RD_OK && cs.skipped)
    gv_diag_add(r->d, GOVOPEN_SEVERITY_WARNING, GOVOPEN_ESCHEMA, r->src, cs.first_skipped, 1, "", "csv.rows_unfilled",
                "%zu row%s with nothing filled in beside unit, point, observed and evaluator %s passed over (the "
                "first at line %u): a worksheet's row counts once a value of its rule, its evidence or a note is "
                "written",
                cs.skipped, cs.skipped == 1 ? "" : "s", cs.skipped == 1 ? "was" : "were", cs.first_skipped);
  free(cs.cols);
  free(cs.cells);
  gv_buf_free(&cs.text);
  gv_arena_free(&cs.names);
}
