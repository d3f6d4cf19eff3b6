#include "load/ytree.h"

#include <stdarg.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/buf.h"
#include "util/compiler.h"
#include "util/hmap.h"

/* What libyaml may have read beyond the event being handled: its raw
   buffer (16 KiB) and the token it is scanning, with room to spare. The
   window of a read input may hold this much beyond MAX_SIZE. */
#define READ_AHEAD ((size_t)64 * 1024)

typedef struct frame {
  gv_ynode *node;
  size_t first; /* where its items start on the builder's `kids` */
  char *anchor; /* a collection's anchor, registered when it ends; NULL when none */
  int streamed; /* its items go to the item hook */
} frame;

/* The text of the input, for the positions libyaml gives as byte offsets
   (reader errors) and the indentation of block scalars, which it does not
   give. `data` holds bytes [off, off + len) of the input: all of it, or
   a window over it when it is read through gv_ystream.read. */
typedef struct text {
  const char *data;
  size_t off, len;
  char *own; /* the window's storage (read input), `cap` bytes */
  size_t cap;
  int eof; /* nothing follows data + len */
  /* A place no later than any still to be asked about, kept at the start
     of the last event: byte `at` of the input and its 1-based line and
     column as libyaml counts them. Asking from here, not from the top,
     keeps every question short. */
  size_t at;
  unsigned line, col;
  /* A whole input in memory is walked only when a question comes (a block
     scalar's indentation): until then the last event's place waits here. */
  int lazy;
  unsigned want_line, want_col; /* 0: none waiting */
} text;

typedef struct builder {
  gv_ydoc *doc;
  const char *source;
  const gv_ylimits *lim;
  gv_diags *d;
  text tx;
  frame *stack;
  gv_vec kids; /* the items of the open collections, innermost last (one array, not one per collection) */
  size_t depth, stack_cap;
  size_t nodes, aliases;
  gv_hmap anchors;
  gv_ynode *root;
  /* streaming */
  const gv_ystream *st;
  size_t stream_level;          /* 1 + the stack index of the streamed sequence; 0 when none is open */
  gv_arena scratch;             /* the nodes of the item being read */
  gv_vec item_anchors;          /* name, node pairs: anchors defined inside that item */
  int read_status;              /* the status that ended reading the input, 0 when none */
  unsigned item_line, item_col; /* where the streamed item being read starts; 0 between items */
  unsigned done_line, done_col; /* 0-based end of the last event taken in (gv_ystream.open_line) */
  int started;                  /* the input's first bytes were checked */
} builder;

static const char *STR_TAG = "tag:yaml.org,2002:str";

GV_PRINTF(6, 7)
static int fail(builder *b, int code, unsigned line, unsigned col, const char *id, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  gv_diag_vadd(b->d, GOVOPEN_SEVERITY_ERROR, code, b->source, line, col, "", id, fmt, ap);
  va_end(ap);
  return code;
}

static int fail_limit_at(builder *b, unsigned line, unsigned col, const char *what, size_t limit, const char *opt) {
  gv_diag_add(b->d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ELIMIT, b->source, line, col, "", "limit.yaml",
              "%s exceeds the limit of %zu (%s)", what, limit, opt);
  return GOVOPEN_ELIMIT;
}

static int fail_limit(builder *b, const yaml_mark_t *m, const char *what, size_t limit, const char *opt) {
  return fail_limit_at(b, (unsigned)m->line + 1, (unsigned)m->column + 1, what, limit, opt);
}

static int oom(builder *b) {
  gv_diag_oom(b->d, b->source);
  return GOVOPEN_ENOMEM;
}

/* --- the text ------------------------------------------------------------ */

/* The length of the line break at data[i]: CR LF, CR, LF, NEL, LS and PS
   each end a line, as libyaml counts them; 0 when none; SIZE_MAX when the
   bytes that would tell are not read yet. */
static size_t line_break(const text *t, size_t i) {
  const unsigned char *d = (const unsigned char *)t->data;
  size_t n = t->len - i;
  switch (d[i]) {
    case '\n': return 1;
    case '\r': return n >= 2 ? (d[i + 1] == '\n' ? 2 : 1) : t->eof ? 1 : SIZE_MAX;
    case 0xC2: return n >= 2 ? (d[i + 1] == 0x85 ? 2 : 0) : t->eof ? 0 : SIZE_MAX;
    case 0xE2:
      if (n < 3) return t->eof ? 0 : SIZE_MAX;
      return d[i + 1] == 0x80 && (d[i + 2] == 0xA8 || d[i + 2] == 0xA9) ? 3 : 0;
    default: return 0;
  }
}

/* Eight bytes at once: whether any may start a line break ('\n', '\r',
   0xC2 of NEL, 0xE2 of LS and PS), and how many characters (bytes but
   UTF-8 continuation bytes) they hold. */
#define W_ONES UINT64_C(0x0101010101010101)
#define W_HIGHS UINT64_C(0x8080808080808080)
static int has_byte(uint64_t w, unsigned char b) {
  uint64_t x = w ^ (W_ONES * b);
  return ((x - W_ONES) & ~x & W_HIGHS) != 0;
}
static int maybe_break(uint64_t w) {
  return has_byte(w, '\n') || has_byte(w, '\r') || has_byte(w, 0xC2) || has_byte(w, 0xE2);
}
static unsigned word_chars(uint64_t w) {
  uint64_t cont = w & ~(w << 1) & W_HIGHS;
  return 8u - (unsigned)(((cont >> 7) * W_ONES) >> 56);
}

/* Walks from the tracked place to byte `off` (when `to_off`) or to the 1-based
   `line` and `col` (else), as far as the text allows. Continuation bytes of
   UTF-8 take no column, so a walk may stop inside a character and count
   right when resumed. */
static void walk_text(const text *t, size_t *at, unsigned *line, unsigned *col, int to_off, size_t off,
                      unsigned want_line, unsigned want_col) {
  const unsigned char *d = (const unsigned char *)t->data;
  size_t i = *at - t->off, end = t->len;
  unsigned l = *line, c = *col;
  if (to_off) end = off - t->off < end ? off - t->off : end;
  while (i < end && (to_off || l < want_line || (l == want_line && c < want_col))) {
    unsigned char b = d[i];
    if (b != '\n' && b != '\r' && b != 0xC2 && b != 0xE2) {
      /* no line break starts here: the common case, without a call */
      if (!to_off && l < want_line) {
        /* a line before the wanted one: its columns do not matter */
        while (++i < end && (b = d[i]) != '\n' && b != '\r' && b != 0xC2 && b != 0xE2) {
        }
        continue;
      }
      if ((b & 0xC0) != 0x80) c = c < UINT_MAX ? c + 1 : c;
      i++;
      /* then eight bytes at a time while none may start a line break and
         the wanted column is not within them */
      while (i + 8 <= end && c < UINT_MAX - 8) {
        uint64_t w;
        memcpy(&w, d + i, 8);
        if (maybe_break(w)) break;
        unsigned n = word_chars(w);
        if (!to_off && (l > want_line || c + n >= want_col)) break;
        c += n;
        i += 8;
      }
      continue;
    }
    size_t k = line_break(t, i);
    if (k == SIZE_MAX) break;
    if (k) {
      l = l < UINT_MAX ? l + 1 : l;
      c = 1;
      i += k;
      continue;
    }
    if ((d[i] & 0xC0) != 0x80) c = c < UINT_MAX ? c + 1 : c;
    i++;
  }
  *at = t->off + i;
  *line = l;
  *col = c;
}

/* The input's first bytes are in `data`: a byte-order mark is passed over
   (it takes no column). */
static void text_start(text *t) {
  const unsigned char *d = (const unsigned char *)t->data;
  t->at = t->len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF ? 3 : 0;
  t->line = t->col = 1;
}

/* Moves the tracked place to where an event begins (0-based mark). */
static void text_track(text *t, const yaml_mark_t *m) {
  unsigned line = (unsigned)m->line + 1, col = (unsigned)m->column + 1;
  if (t->lazy) {
    t->want_line = line;
    t->want_col = col;
    return;
  }
  walk_text(t, &t->at, &t->line, &t->col, 0, 0, line, col);
}

/* Catches the tracked place up with the last event. */
static void text_sync(text *t) {
  if (t->want_line == 0) return;
  walk_text(t, &t->at, &t->line, &t->col, 0, 0, t->want_line, t->want_col);
  t->want_line = t->want_col = 0;
}

/* Where the first content after the last event taken in starts (1-based),
   passing over white space, line breaks and comments: where what was not
   read begins when a read fails between items. 0, 0 when the text held
   shows none (the failure then lies at the end). */
static void next_content(builder *b, unsigned *line, unsigned *col) {
  *line = *col = 0;
  text_sync(&b->tx);
  const text *t = &b->tx;
  size_t at = t->at;
  unsigned l = t->line, c = t->col;
  walk_text(t, &at, &l, &c, 0, 0, b->done_line + 1, b->done_col + 1);
  if (l != b->done_line + 1 || c != b->done_col + 1) return; /* not in the text held */
  const unsigned char *d = (const unsigned char *)t->data;
  size_t i = at - t->off;
  int comment = 0;
  while (i < t->len) {
    size_t k = line_break(t, i);
    if (k == SIZE_MAX) return;
    if (k) {
      i += k, l++, c = 1, comment = 0;
    } else if (comment || d[i] == ' ' || d[i] == '\t' || d[i] == '#') {
      comment |= d[i] == '#';
      if ((d[i] & 0xC0) != 0x80) c++;
      i++;
    } else {
      *line = l;
      *col = c;
      return;
    }
  }
}

/* Line and column (1-based, in characters) of a byte offset, for reader
   errors, which libyaml reports as offsets. */
static void offset_position(const builder *b, size_t off, unsigned *line, unsigned *col) {
  const text *t = &b->tx;
  size_t at = t->at;
  unsigned l = t->line, c = t->col;
  if (off > at) walk_text(t, &at, &l, &c, 1, off, 0, 0);
  *line = l;
  *col = c;
}

/* The indentation of a block scalar's content: the leading spaces of the
   first line after the indicator's (0-based `line`) that holds more than
   spaces, lines counted as libyaml counts them. The tracked place is at the
   indicator: the lines after it are read (libyaml has scanned them). */
static unsigned block_indent(builder *b, size_t line) {
  text_sync(&b->tx);
  const text *t = &b->tx;
  const unsigned char *d = (const unsigned char *)t->data;
  size_t i = t->at - t->off, len = t->len;
  if (t->line != line + 1) return 0; /* not met: events come in order */
  while (i < len) {                  /* to the end of the indicator's line */
    size_t k = line_break(t, i);
    if (k == SIZE_MAX) return 0;
    if (k) {
      i += k;
      break;
    }
    i++;
  }
  while (i < len) {
    unsigned spaces = 0;
    while (i < len && d[i] == ' ') spaces++, i++;
    if (i >= len) break;
    size_t k = line_break(t, i);
    if (k == SIZE_MAX) k = d[i] == '\r'; /* a CR last in the window ends a line all the same */
    if (k == 0) return spaces;
    i += k; /* a blank line */
  }
  return 0;
}

/* libyaml's read handler over gv_ystream.read: fills what libyaml asks for
   (as its string input does, so that both read alike) and keeps a copy in
   the window, from the tracked place on. */
static int read_handler(void *data, unsigned char *buffer, size_t size, size_t *size_read) {
  builder *b = data;
  text *t = &b->tx;
  *size_read = 0;
  if (b->read_status) return 0;
  /* drop what is behind the tracked place once it is half the window */
  size_t drop = t->at - t->off;
  if (drop > 0 && (drop >= t->len / 2 || t->cap - t->len < size)) {
    memmove(t->own, t->own + drop, t->len - drop);
    t->off += drop;
    t->len -= drop;
  }
  size_t held = t->off + t->len - t->at;
  if (held > b->lim->max_size + READ_AHEAD) {
    gv_diag_add(b->d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ELIMIT, b->source, t->line, t->col, "", "limit.yaml_token_size",
                "a value or line of YAML from here exceeds the limit of %zu bytes (GOVOPEN_OPT_MAX_SIZE)",
                b->lim->max_size);
    b->read_status = GOVOPEN_ELIMIT;
    return 0;
  }
  if (t->cap - t->len < size) {
    size_t cap = t->cap ? t->cap : 65536;
    while (cap - t->len < size) cap *= 2;
    char *own = realloc(t->own, cap);
    if (own == NULL) {
      b->read_status = oom(b);
      return 0;
    }
    t->own = own;
    t->cap = cap;
    t->data = own;
  }
  size_t got = 0;
  while (got < size && !t->eof) {
    size_t n = 0;
    int rc = b->st->read(b->st->ctx, t->own + t->len + got, size - got, &n);
    if (rc) {
      b->read_status = rc;
      return 0;
    }
    if (n == 0) t->eof = 1;
    got += n;
  }
  memcpy(buffer, t->own + t->len, got);
  t->len += got;
  if (!b->started) {
    b->started = 1;
    const unsigned char *u = (const unsigned char *)t->data;
    if (t->len >= 2 && (u[0] == 0xFE || u[0] == 0xFF) && (u[1] == 0xFE || u[1] == 0xFF) && u[0] != u[1]) {
      b->read_status = fail(b, GOVOPEN_EPARSE, 1, 1, "yaml.utf16", "the document is UTF-16: save it as UTF-8");
      return 0;
    }
    text_start(t);
  }
  *size_read = got;
  return 1;
}

static int parser_error(builder *b, const yaml_parser_t *p) {
  unsigned line, col;
  gv_buf msg = {0};
  if (b->read_status) return b->read_status; /* already told */
  if (p->error == YAML_MEMORY_ERROR) return oom(b);
  if (p->error == YAML_READER_ERROR) {
    offset_position(b, p->problem_offset, &line, &col);
    gv_buf_printf(&msg, "malformed YAML: %s", p->problem ? p->problem : "unreadable input");
    if (p->problem_value != -1) gv_buf_printf(&msg, " (byte 0x%02X)", (unsigned)p->problem_value & 0xFFu);
  } else {
    line = (unsigned)p->problem_mark.line + 1;
    col = (unsigned)p->problem_mark.column + 1;
    gv_buf_printf(&msg, "malformed YAML: %s", p->problem ? p->problem : "syntax error");
    if (p->context)
      gv_buf_printf(&msg, " (%s at line %u, column %u)", p->context, (unsigned)p->context_mark.line + 1,
                    (unsigned)p->context_mark.column + 1);
  }
  if (gv_buf_status(&msg) != GOVOPEN_OK) {
    gv_buf_free(&msg);
    return oom(b);
  }
  fail(b, GOVOPEN_EPARSE, line, col, "yaml.syntax", "%s", gv_buf_str(&msg));
  gv_buf_free(&msg);
  return GOVOPEN_EPARSE;
}

/* --- the tree ------------------------------------------------------------ */

static int count_node_at(builder *b, unsigned line, unsigned col, size_t weight) {
  if (weight > b->lim->max_nodes || b->nodes > b->lim->max_nodes - weight)
    return fail_limit_at(b, line, col, "the number of YAML nodes", b->lim->max_nodes, "GOVOPEN_OPT_MAX_NODES");
  b->nodes += weight;
  return 0;
}

static int count_node(builder *b, const yaml_mark_t *m, size_t weight) {
  return count_node_at(b, (unsigned)m->line + 1, (unsigned)m->column + 1, weight);
}

/* Where a node made at the current depth goes: an item's nodes go to the
   scratch arena, dropped when the item has been handed over. */
static gv_arena *node_arena(builder *b) {
  return b->stream_level && b->depth >= b->stream_level ? &b->scratch : &b->doc->arena;
}

static int register_anchor(builder *b, const char *anchor, gv_ynode *n) {
  if (anchor == NULL || b->lim->max_aliases == 0) return 0;
  size_t len = strlen(anchor);
  if (b->stream_level && b->depth >= b->stream_level) {
    /* inside an item: a copy is kept when the item ends (keep_anchors) */
    char *name = gv_arena_strndup(&b->scratch, anchor, len);
    if (name == NULL || gv_vec_push(&b->item_anchors, name) != 0 || gv_vec_push(&b->item_anchors, n) != 0)
      return oom(b);
  }
  /* YAML allows redefining an anchor; later aliases refer to the newest.
     A name already held keeps the key it was stored under (gv_hmap_set
     replaces the value only), so only a new name is copied. */
  if (gv_hmap_get(&b->anchors, anchor, len) != NULL) return gv_hmap_set(&b->anchors, anchor, len, n) != 0 ? oom(b) : 0;
  char *name = gv_arena_strndup(&b->doc->arena, anchor, len);
  if (name == NULL || gv_hmap_set(&b->anchors, name, len, n) != 0) return oom(b);
  return 0;
}

/* The nodes anchored inside the item just handed over are copied out of
   the scratch arena, so that aliases in later items still resolve; the
   copies count as held nodes from now on. */
static int keep_anchors(builder *b) {
  int r = 0;
  for (size_t i = 0; i + 1 < b->item_anchors.len && r == 0; i += 2) {
    const char *name = b->item_anchors.items[i];
    gv_ynode *n = b->item_anchors.items[i + 1];
    size_t len = strlen(name);
    if (gv_hmap_get(&b->anchors, name, len) != n) continue; /* redefined since */
    if ((r = count_node_at(b, n->line, n->col, n->weight)) != 0) break;
    gv_ynode *copy = gv_ynode_copy(&b->doc->arena, n);
    if (copy == NULL || gv_hmap_set(&b->anchors, name, len, copy) != 0) r = oom(b);
  }
  b->item_anchors.len = 0;
  return r;
}

/* An item of the streamed sequence is complete: hand it over, then drop it. */
static int item_done(builder *b, gv_ynode *n) {
  b->item_line = b->item_col = 0; /* handed over, whatever becomes of it */
  int r = b->st->item(b->st->ctx, n);
  b->nodes -= n->weight < b->nodes ? n->weight : b->nodes;
  if (r == 0) r = keep_anchors(b);
  b->item_anchors.len = 0;
  gv_arena_reset(&b->scratch);
  return r;
}

/* Attaches a finished node to the collection being built, or makes it the root. */
static int attach(builder *b, gv_ynode *n) {
  if (b->depth == 0) {
    b->root = n;
    return 0;
  }
  frame *f = &b->stack[b->depth - 1];
  if (f->streamed) return item_done(b, n);
  if (gv_vec_push(&b->kids, n) != 0) return oom(b);
  f->node->weight += n->weight;
  return 0;
}

static int check_tag(builder *b, const yaml_char_t *tag, const yaml_mark_t *m, const char *expected) {
  if (tag == NULL) return 0;
  const char *t = (const char *)tag;
  if (strcmp(t, "!") == 0 || strcmp(t, expected) == 0) return 0;
  return fail(b, GOVOPEN_ESCHEMA, (unsigned)m->line + 1, (unsigned)m->column + 1, "yaml.tag_unsupported",
              "unsupported YAML tag '%s'", t);
}

static int on_scalar(builder *b, const yaml_event_t *ev) {
  const yaml_mark_t *m = &ev->start_mark;
  int r = check_tag(b, ev->data.scalar.tag, m, STR_TAG);
  if (r) return r;
  if ((r = count_node(b, m, 1)) != 0) return r;
  gv_arena *a = node_arena(b);
  gv_ynode *n = gv_arena_alloc(a, sizeof *n);
  if (n == NULL) return oom(b);
  n->kind = GV_YSCALAR;
  n->line = (unsigned)m->line + 1;
  n->col = (unsigned)m->column + 1;
  n->len = ev->data.scalar.length;
  n->text = gv_arena_strndup(a, (const char *)ev->data.scalar.value, n->len);
  if (n->text == NULL) return oom(b);
  n->weight = 1;
  switch (ev->data.scalar.style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: n->style = GV_STYLE_SINGLE; break;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: n->style = GV_STYLE_DOUBLE; break;
    case YAML_LITERAL_SCALAR_STYLE: n->style = GV_STYLE_LITERAL; break;
    case YAML_FOLDED_SCALAR_STYLE: n->style = GV_STYLE_FOLDED; break;
    default: n->style = GV_STYLE_PLAIN; break;
  }
  if (n->style == GV_STYLE_LITERAL || n->style == GV_STYLE_FOLDED) {
    unsigned indent = block_indent(b, m->line);
    n->indent = (uint16_t)(indent < UINT16_MAX ? indent : UINT16_MAX);
  }
  if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && ev->data.scalar.tag == NULL)
    n->type = gv_classify_plain(n->text, n->len);
  else
    n->type = GV_YT_STR;
  if ((r = register_anchor(b, (const char *)ev->data.scalar.anchor, n)) != 0) return r;
  return attach(b, n);
}

/* Whether the sequence starting now is streamed (asked of gv_ystream.want). */
static int wants_stream(builder *b) {
  if (b->st == NULL || b->st->want == NULL || b->st->item == NULL || b->stream_level) return 0;
  const gv_ynode *parent = NULL, *key = NULL;
  if (b->depth) {
    const frame *f = &b->stack[b->depth - 1];
    parent = f->node;
    if (parent->kind == GV_YMAP && (b->kids.len - f->first) % 2 == 1) key = b->kids.items[b->kids.len - 1];
  }
  return b->st->want(b->st->ctx, b->depth, parent, key) != 0;
}

static int on_start(builder *b, const yaml_event_t *ev, gv_ykind kind) {
  const yaml_mark_t *m = &ev->start_mark;
  const yaml_char_t *tag = kind == GV_YSEQ ? ev->data.sequence_start.tag : ev->data.mapping_start.tag;
  const yaml_char_t *anchor = kind == GV_YSEQ ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor;
  int r = check_tag(b, tag, m, kind == GV_YSEQ ? "tag:yaml.org,2002:seq" : "tag:yaml.org,2002:map");
  if (r) return r;
  if (b->depth >= b->lim->max_depth)
    return fail_limit(b, m, "the nesting depth", b->lim->max_depth, "GOVOPEN_OPT_MAX_DEPTH");
  if ((r = count_node(b, m, 1)) != 0) return r;
  gv_arena *a = node_arena(b);
  gv_ynode *n = gv_arena_alloc(a, sizeof *n);
  if (n == NULL) return oom(b);
  n->kind = kind;
  n->line = (unsigned)m->line + 1;
  n->col = (unsigned)m->column + 1;
  n->weight = 1;
  char *name = NULL;
  if (anchor && b->lim->max_aliases > 0 && (name = gv_arena_strdup(a, (const char *)anchor)) == NULL) return oom(b);
  int streamed = kind == GV_YSEQ && wants_stream(b);
  if (b->depth == b->stack_cap) {
    size_t cap = b->stack_cap ? b->stack_cap * 2 : 16;
    frame *s = realloc(b->stack, cap * sizeof *s);
    if (s == NULL) return oom(b);
    b->stack = s;
    b->stack_cap = cap;
  }
  if (b->stream_level && b->depth == b->stream_level) {
    /* an item of the streamed sequence begins */
    b->item_line = n->line;
    b->item_col = n->col;
  }
  frame *f = &b->stack[b->depth];
  f->node = n;
  f->first = b->kids.len;
  f->anchor = name;
  f->streamed = streamed;
  b->depth++;
  if (streamed) b->stream_level = b->depth;
  return 0;
}

/* YAML forbids duplicate keys but libyaml does not check: report both places. */
static int duplicate_key(builder *b, const gv_ynode *k, const gv_ynode *first) {
  gv_diag_add(b->d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_EPARSE, b->source, k->line, k->col, "", "document.key_repeated",
              "duplicate key '%s' (first at line %u, column %u)", k->text, first->line, first->col);
  return GOVOPEN_EPARSE;
}

static int check_duplicate_keys(builder *b, gv_ynode *map) {
  if (map->count < 2) return 0;
  if (map->count <= 16) {
    /* a small mapping, as most are: compared pairwise, nothing allocated */
    int status = 0;
    for (size_t i = 1; i < map->count; i++) {
      const gv_ynode *k = gv_ymap_key(map, i);
      if (k->kind != GV_YSCALAR) continue;
      for (size_t j = 0; j < i; j++) {
        const gv_ynode *f = gv_ymap_key(map, j);
        if (f->kind == GV_YSCALAR && f->len == k->len && memcmp(f->text, k->text, k->len) == 0) {
          status = duplicate_key(b, k, f);
          break;
        }
      }
    }
    return status;
  }
  gv_hmap seen = {0};
  int status = 0;
  for (size_t i = 0; i < map->count; i++) {
    gv_ynode *k = gv_ymap_key(map, i);
    if (k->kind != GV_YSCALAR) continue;
    void *first = NULL;
    int r = gv_hmap_put(&seen, k->text, k->len, k, &first);
    if (r < 0) {
      status = oom(b);
      break;
    }
    if (r == 0) status = duplicate_key(b, k, first);
  }
  gv_hmap_free(&seen);
  return status;
}

/* Keys that are no strings are replaced by string copies (shared key nodes
   stay as they are elsewhere). */
static int keys_to_strings(builder *b, gv_arena *a, gv_ynode *map) {
  for (size_t i = 0; i < map->count; i++) {
    gv_ynode *k = map->items[2 * i];
    if (k->type == GV_YT_STR) continue;
    gv_ynode *c = gv_arena_alloc(a, sizeof *c);
    if (c == NULL) return oom(b);
    *c = *k;
    c->type = GV_YT_STR;
    map->items[2 * i] = c;
  }
  return 0;
}

static int on_end(builder *b) {
  frame *f = &b->stack[b->depth - 1];
  gv_ynode *n = f->node;
  size_t first = f->first, count = b->kids.len - first;
  const char *anchor = f->streamed ? NULL : f->anchor; /* a streamed list is not kept: its anchor names nothing */
  int r = 0;
  if (f->streamed) b->stream_level = 0;
  b->depth--;
  gv_arena *a = node_arena(b);
  if (count) {
    n->items = gv_arena_array(a, count, sizeof(gv_ynode *));
    if (n->items == NULL) return oom(b);
    memcpy(n->items, b->kids.items + first, count * sizeof(gv_ynode *));
  }
  b->kids.len = first;
  if (n->kind == GV_YMAP) {
    n->count = count / 2;
    for (size_t i = 0; i < n->count && r == 0; i++) {
      gv_ynode *k = gv_ymap_key(n, i);
      if (k->kind != GV_YSCALAR)
        r = fail(b, GOVOPEN_ESCHEMA, k->line, k->col, "yaml.key_not_string",
                 "a mapping key must be a plain string, not %s", gv_ynode_describe(k));
    }
    if (r == 0) r = check_duplicate_keys(b, n);
    if (r == 0 && b->st && b->st->keys_as_strings) r = keys_to_strings(b, a, n);
  } else {
    n->count = count;
  }
  if (r == 0) r = register_anchor(b, anchor, n);
  if (r) return r;
  return attach(b, n);
}

static int on_alias(builder *b, const yaml_event_t *ev) {
  const yaml_mark_t *m = &ev->start_mark;
  const char *name = (const char *)ev->data.alias.anchor;
  if (b->lim->max_aliases == 0)
    return fail(b, GOVOPEN_ELIMIT, (unsigned)m->line + 1, (unsigned)m->column + 1, "limit.yaml_aliases",
                "YAML aliases are not allowed (alias '*%s'; GOVOPEN_OPT_MAX_ALIASES is 0)", name);
  if (b->aliases >= b->lim->max_aliases)
    return fail_limit(b, m, "the number of aliases", b->lim->max_aliases, "GOVOPEN_OPT_MAX_ALIASES");
  b->aliases++;
  gv_ynode *target = gv_hmap_get(&b->anchors, name, strlen(name));
  if (target == NULL)
    return fail(b, GOVOPEN_EPARSE, (unsigned)m->line + 1, (unsigned)m->column + 1, "yaml.alias_unknown",
                "alias '*%s' names no complete anchor before it", name);
  /* The shared subtree counts again, as if it were copied: no expansion bomb
     gets past the node limit. */
  int r = count_node(b, m, target->weight);
  if (r) return r;
  return attach(b, target);
}

/* After a refusal that is no syntax error (an unsupported tag, a key that is
   not a scalar) the rest of the stream is still read, building nothing, so
   that a syntax error or a second document further on is reported too and
   a malformed file is never taken for well-formed YAML. `depth` is the
   nesting at the refusal; past the depth limit reading stops quietly. */
static void drain(builder *b, yaml_parser_t *p, int documents, size_t depth) {
  for (;;) {
    yaml_event_t ev;
    if (!yaml_parser_parse(p, &ev)) {
      parser_error(b, p);
      return;
    }
    text_track(&b->tx, &ev.start_mark);
    int stop = 0;
    switch (ev.type) {
      case YAML_STREAM_END_EVENT: stop = 1; break;
      case YAML_DOCUMENT_START_EVENT:
        if (++documents > 1) {
          fail(b, GOVOPEN_EPARSE, (unsigned)ev.start_mark.line + 1, (unsigned)ev.start_mark.column + 1,
               "yaml.second_document", "a second YAML document; a file holds one");
          stop = 1;
        }
        break;
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: stop = ++depth > b->lim->max_depth; break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        if (depth) depth--;
        break;
      default: break;
    }
    yaml_event_delete(&ev);
    if (stop) return;
  }
}

int gv_yaml_stream(gv_ydoc *doc, const char *data, size_t len, const char *source, const gv_ylimits *lim,
                   const gv_ystream *st, gv_diags *d) {
  builder b;
  memset(&b, 0, sizeof b);
  b.doc = doc;
  b.source = source;
  b.lim = lim;
  b.d = d;
  b.st = st;
  doc->root = NULL;
  int reading = st && st->read;
  if (!reading) {
    if (len > lim->max_size) {
      gv_diag_add(d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ELIMIT, source, 0, 0, "", "limit.document_size",
                  "the document's size (%zu bytes) exceeds the limit of %zu (GOVOPEN_OPT_MAX_SIZE)", len,
                  lim->max_size);
      return GOVOPEN_ELIMIT;
    }
    if (len >= 2 && ((unsigned char)data[0] == 0xFE || (unsigned char)data[0] == 0xFF) &&
        ((unsigned char)data[1] == 0xFE || (unsigned char)data[1] == 0xFF) && data[0] != data[1])
      return fail(&b, GOVOPEN_EPARSE, 1, 1, "yaml.utf16", "the document is UTF-16: save it as UTF-8");
    b.tx.data = data;
    b.tx.len = len;
    b.tx.eof = 1;
    b.tx.lazy = 1; /* all in memory: nothing to release behind the tracked place */
    text_start(&b.tx);
  }
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return oom(&b);
  if (reading)
    yaml_parser_set_input(&parser, read_handler, &b);
  else
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
  int status = 0, documents = 0, done = 0;
  while (!done && status == 0) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      status = parser_error(&b, &parser);
      break;
    }
    text_track(&b.tx, &ev.start_mark);
    switch (ev.type) {
      case YAML_DOCUMENT_START_EVENT:
        if (++documents > 1)
          status = fail(&b, GOVOPEN_EPARSE, (unsigned)ev.start_mark.line + 1, (unsigned)ev.start_mark.column + 1,
                        "yaml.second_document", "a second YAML document; a file holds one");
        break;
      case YAML_SCALAR_EVENT: status = on_scalar(&b, &ev); break;
      case YAML_SEQUENCE_START_EVENT: status = on_start(&b, &ev, GV_YSEQ); break;
      case YAML_MAPPING_START_EVENT: status = on_start(&b, &ev, GV_YMAP); break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: status = on_end(&b); break;
      case YAML_ALIAS_EVENT: status = on_alias(&b, &ev); break;
      case YAML_STREAM_END_EVENT: done = 1; break;
      default: break;
    }
    if (status == 0) b.done_line = (unsigned)ev.end_mark.line, b.done_col = (unsigned)ev.end_mark.column;
    yaml_event_delete(&ev);
  }
  /* where what was not handed over starts: the item being read, else what
     follows the last event (found now, before drain() moves on) */
  unsigned open_line = 0, open_col = 0;
  if (status && st && st->open_line) {
    if (b.item_line)
      open_line = b.item_line, open_col = b.item_col;
    else
      next_content(&b, &open_line, &open_col);
  }
  if (status == GOVOPEN_ESCHEMA) drain(&b, &parser, documents, b.depth);
  yaml_parser_delete(&parser);
  gv_vec_free(&b.kids);
  free(b.stack);
  gv_hmap_free(&b.anchors);
  gv_vec_free(&b.item_anchors);
  gv_arena_free(&b.scratch);
  free(b.tx.own);
  if (status == 0) doc->root = b.root;
  if (st && st->open_line) *st->open_line = open_line;
  if (st && st->open_col) *st->open_col = open_col;
  return status;
}

int gv_yaml_parse(gv_ydoc *doc, const char *data, size_t len, const char *source, const gv_ylimits *lim, gv_diags *d) {
  return gv_yaml_stream(doc, data, len, source, lim, NULL, d);
}

void gv_ydoc_free(gv_ydoc *doc) {
  gv_arena_free(&doc->arena);
  doc->root = NULL;
}
