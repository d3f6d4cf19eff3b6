#include "load/ytree.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/buf.h"
#include "util/hmap.h"

typedef struct frame {
  gv_ynode *node;
  gv_vec items;
} frame;

typedef struct builder {
  gv_ydoc *doc;
  const char *source;
  const gv_ylimits *lim;
  gv_diags *d;
  const char *data;
  size_t data_len;
  frame *stack;
  size_t depth, stack_cap;
  size_t nodes, aliases;
  gv_hmap anchors;
  gv_ynode *root;
} builder;

static const char *STR_TAG = "tag:yaml.org,2002:str";

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static int fail(builder *b, int code, unsigned line, unsigned col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  gv_diag_vadd(b->d, GOVOPEN_SEVERITY_ERROR, code, b->source, line, col, "", fmt, ap);
  va_end(ap);
  return code;
}

static int fail_limit(builder *b, const yaml_mark_t *m, const char *what, size_t limit, const char *opt) {
  gv_diag_add(b->d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ELIMIT, b->source, (unsigned)m->line + 1,
              (unsigned)m->column + 1, "", "%s exceeds the limit of %zu (%s)", what, limit, opt);
  return GOVOPEN_ELIMIT;
}

static int oom(builder *b) {
  gv_diag_oom(b->d, b->source);
  return GOVOPEN_ENOMEM;
}

/* Line and column (1-based, in characters) of a byte offset, for reader
   errors, which libyaml reports as offsets. Counts as libyaml does: a
   leading byte-order mark takes no column; CR LF, CR, LF, NEL, LS and PS
   each end a line. */
static void offset_position(const builder *b, size_t off, unsigned *line, unsigned *col) {
  const unsigned char *d = (const unsigned char *)b->data;
  unsigned l = 1, c = 1;
  size_t i = 0;
  if (off > b->data_len) off = b->data_len;
  if (b->data_len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF) i = 3;
  while (i < off) {
    size_t brk = 0;
    if (d[i] == '\r')
      brk = i + 1 < b->data_len && d[i + 1] == '\n' ? 2 : 1;
    else if (d[i] == '\n')
      brk = 1;
    else if (i + 1 < b->data_len && d[i] == 0xC2 && d[i + 1] == 0x85)
      brk = 2;
    else if (i + 2 < b->data_len && d[i] == 0xE2 && d[i + 1] == 0x80 && (d[i + 2] == 0xA8 || d[i + 2] == 0xA9))
      brk = 3;
    if (brk) {
      l++;
      c = 1;
      i += brk;
      continue;
    }
    if ((d[i] & 0xC0) != 0x80) c++;
    i++;
  }
  *line = l;
  *col = c;
}

static int parser_error(builder *b, const yaml_parser_t *p) {
  unsigned line, col;
  gv_buf msg = {0};
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
  if (msg.oom) {
    gv_buf_free(&msg);
    return oom(b);
  }
  fail(b, GOVOPEN_EPARSE, line, col, "%s", gv_buf_str(&msg));
  gv_buf_free(&msg);
  return GOVOPEN_EPARSE;
}

static int count_node(builder *b, const yaml_mark_t *m, size_t weight) {
  if (weight > b->lim->max_nodes || b->nodes > b->lim->max_nodes - weight)
    return fail_limit(b, m, "the number of YAML nodes", b->lim->max_nodes, "GOVOPEN_OPT_MAX_NODES");
  b->nodes += weight;
  return 0;
}

/* Attaches a finished node to the collection being built, or makes it the root. */
static int attach(builder *b, gv_ynode *n) {
  if (b->depth == 0) {
    b->root = n;
    return 0;
  }
  frame *f = &b->stack[b->depth - 1];
  if (gv_vec_push(&f->items, n) != 0) return oom(b);
  f->node->weight += n->weight;
  return 0;
}

static int register_anchor(builder *b, const yaml_char_t *anchor, gv_ynode *n) {
  if (anchor == NULL || b->lim->max_aliases == 0) return 0;
  char *name = gv_arena_strdup(&b->doc->arena, (const char *)anchor);
  if (name == NULL) return oom(b);
  /* YAML allows redefining an anchor; later aliases refer to the newest. */
  if (gv_hmap_set(&b->anchors, name, strlen(name), n) != 0) return oom(b);
  return 0;
}

static int check_tag(builder *b, const yaml_char_t *tag, const yaml_mark_t *m, const char *expected) {
  if (tag == NULL) return 0;
  const char *t = (const char *)tag;
  if (strcmp(t, "!") == 0 || strcmp(t, expected) == 0) return 0;
  return fail(b, GOVOPEN_ESCHEMA, (unsigned)m->line + 1, (unsigned)m->column + 1,
              "unsupported YAML tag '%s'", t);
}

/* The indentation of a block scalar's content: the leading spaces of the
   first non-blank line after its indicator's line (0-based `line`). */
static unsigned block_indent(const builder *b, size_t line) {
  size_t i = 0, at = 0;
  while (i < b->data_len && at <= line) {
    if (b->data[i] == '\n') at++;
    i++;
  }
  while (i < b->data_len) {
    unsigned spaces = 0;
    while (i < b->data_len && b->data[i] == ' ') spaces++, i++;
    if (i < b->data_len && b->data[i] != '\n' && b->data[i] != '\r') return spaces;
    while (i < b->data_len && b->data[i] != '\n') i++;
    i++;
  }
  return 0;
}

static int on_scalar(builder *b, const yaml_event_t *ev) {
  const yaml_mark_t *m = &ev->start_mark;
  int r = check_tag(b, ev->data.scalar.tag, m, STR_TAG);
  if (r) return r;
  if ((r = count_node(b, m, 1)) != 0) return r;
  gv_ynode *n = gv_arena_alloc(&b->doc->arena, sizeof *n);
  if (n == NULL) return oom(b);
  n->kind = GV_YSCALAR;
  n->line = (unsigned)m->line + 1;
  n->col = (unsigned)m->column + 1;
  n->len = ev->data.scalar.length;
  n->text = gv_arena_strndup(&b->doc->arena, (const char *)ev->data.scalar.value, n->len);
  if (n->text == NULL) return oom(b);
  n->weight = 1;
  switch (ev->data.scalar.style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: n->style = GV_STYLE_SINGLE; break;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: n->style = GV_STYLE_DOUBLE; break;
    case YAML_LITERAL_SCALAR_STYLE: n->style = GV_STYLE_LITERAL; break;
    case YAML_FOLDED_SCALAR_STYLE: n->style = GV_STYLE_FOLDED; break;
    default: n->style = GV_STYLE_PLAIN; break;
  }
  if (n->style == GV_STYLE_LITERAL || n->style == GV_STYLE_FOLDED) n->indent = block_indent(b, m->line);
  if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && ev->data.scalar.tag == NULL)
    n->type = gv_classify_plain(n->text, n->len);
  else
    n->type = GV_YT_STR;
  if ((r = register_anchor(b, ev->data.scalar.anchor, n)) != 0) return r;
  return attach(b, n);
}

static int on_start(builder *b, const yaml_event_t *ev, gv_ykind kind) {
  const yaml_mark_t *m = &ev->start_mark;
  const yaml_char_t *tag = kind == GV_YSEQ ? ev->data.sequence_start.tag : ev->data.mapping_start.tag;
  int r = check_tag(b, tag, m, kind == GV_YSEQ ? "tag:yaml.org,2002:seq" : "tag:yaml.org,2002:map");
  if (r) return r;
  if (b->depth >= b->lim->max_depth)
    return fail_limit(b, m, "the nesting depth", b->lim->max_depth, "GOVOPEN_OPT_MAX_DEPTH");
  if ((r = count_node(b, m, 1)) != 0) return r;
  gv_ynode *n = gv_arena_alloc(&b->doc->arena, sizeof *n);
  if (n == NULL) return oom(b);
  n->kind = kind;
  n->line = (unsigned)m->line + 1;
  n->col = (unsigned)m->column + 1;
  n->weight = 1;
  if (b->depth == b->stack_cap) {
    size_t cap = b->stack_cap ? b->stack_cap * 2 : 16;
    frame *s = realloc(b->stack, cap * sizeof *s);
    if (s == NULL) return oom(b);
    b->stack = s;
    b->stack_cap = cap;
  }
  b->stack[b->depth].node = n;
  memset(&b->stack[b->depth].items, 0, sizeof(gv_vec));
  b->depth++;
  return 0;
}

/* YAML forbids duplicate keys but libyaml does not check: report both places. */
static int check_duplicate_keys(builder *b, gv_ynode *map) {
  if (map->count < 2) return 0;
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
    if (r == 0) {
      const gv_ynode *f = first;
      gv_diag_add(b->d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_EPARSE, b->source, k->line, k->col, "",
                  "duplicate key '%s' (first at line %u, column %u)", k->text, f->line, f->col);
      status = GOVOPEN_EPARSE;
    }
  }
  gv_hmap_free(&seen);
  return status;
}

static int on_end(builder *b) {
  frame *f = &b->stack[b->depth - 1];
  gv_ynode *n = f->node;
  size_t count = f->items.len;
  int r = 0;
  if (count) {
    n->items = gv_arena_array(&b->doc->arena, count, sizeof(gv_ynode *));
    if (n->items == NULL) {
      gv_vec_free(&f->items);
      return oom(b);
    }
    memcpy(n->items, f->items.items, count * sizeof(gv_ynode *));
  }
  gv_vec_free(&f->items);
  b->depth--;
  if (n->kind == GV_YMAP) {
    n->count = count / 2;
    for (size_t i = 0; i < n->count && r == 0; i++) {
      gv_ynode *k = gv_ymap_key(n, i);
      if (k->kind != GV_YSCALAR)
        r = fail(b, GOVOPEN_ESCHEMA, k->line, k->col, "a mapping key must be a plain string, not %s",
                 gv_ynode_describe(k));
    }
    if (r == 0) r = check_duplicate_keys(b, n);
  } else {
    n->count = count;
  }
  if (r) return r;
  return attach(b, n);
}

static int on_alias(builder *b, const yaml_event_t *ev) {
  const yaml_mark_t *m = &ev->start_mark;
  const char *name = (const char *)ev->data.alias.anchor;
  if (b->lim->max_aliases == 0)
    return fail(b, GOVOPEN_ELIMIT, (unsigned)m->line + 1, (unsigned)m->column + 1,
                "YAML aliases are not allowed (alias '*%s'; GOVOPEN_OPT_MAX_ALIASES is 0)", name);
  if (b->aliases >= b->lim->max_aliases)
    return fail_limit(b, m, "the number of aliases", b->lim->max_aliases, "GOVOPEN_OPT_MAX_ALIASES");
  b->aliases++;
  gv_ynode *target = gv_hmap_get(&b->anchors, name, strlen(name));
  if (target == NULL)
    return fail(b, GOVOPEN_EPARSE, (unsigned)m->line + 1, (unsigned)m->column + 1,
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
    int stop = 0;
    switch (ev.type) {
      case YAML_STREAM_END_EVENT: stop = 1; break;
      case YAML_DOCUMENT_START_EVENT:
        if (++documents > 1) {
          fail(b, GOVOPEN_EPARSE, (unsigned)ev.start_mark.line + 1, (unsigned)ev.start_mark.column + 1,
               "a second YAML document; a file holds one");
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

int gv_yaml_parse(gv_ydoc *doc, const char *data, size_t len, const char *source, const gv_ylimits *lim,
                  gv_diags *d) {
  builder b = {0};
  b.doc = doc;
  b.source = source;
  b.lim = lim;
  b.d = d;
  b.data = data;
  b.data_len = len;
  doc->root = NULL;
  if (len > lim->max_size) {
    gv_diag_add(d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ELIMIT, source, 0, 0, "",
                "the document's size (%zu bytes) exceeds the limit of %zu (GOVOPEN_OPT_MAX_SIZE)", len,
                lim->max_size);
    return GOVOPEN_ELIMIT;
  }
  if (len >= 2 && ((unsigned char)data[0] == 0xFE || (unsigned char)data[0] == 0xFF) &&
      ((unsigned char)data[1] == 0xFE || (unsigned char)data[1] == 0xFF) && data[0] != data[1])
    return fail(&b, GOVOPEN_EPARSE, 1, 1, "the document is UTF-16: save it as UTF-8");
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return oom(&b);
  yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
  int status = 0, documents = 0, done = 0;
  /* Anchors held by collections are registered when they end; remember them. */
  gv_vec pending_anchor_names = {0};
  while (!done && status == 0) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      status = parser_error(&b, &parser);
      break;
    }
    switch (ev.type) {
      case YAML_DOCUMENT_START_EVENT:
        if (++documents > 1)
          status = fail(&b, GOVOPEN_EPARSE, (unsigned)ev.start_mark.line + 1,
                        (unsigned)ev.start_mark.column + 1, "a second YAML document; a file holds one");
        break;
      case YAML_SCALAR_EVENT: status = on_scalar(&b, &ev); break;
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        gv_ykind k = ev.type == YAML_SEQUENCE_START_EVENT ? GV_YSEQ : GV_YMAP;
        const yaml_char_t *anchor =
            k == GV_YSEQ ? ev.data.sequence_start.anchor : ev.data.mapping_start.anchor;
        status = on_start(&b, &ev, k);
        if (status == 0) {
          char *name = NULL;
          if (anchor && lim->max_aliases > 0) {
            name = gv_arena_strdup(&doc->arena, (const char *)anchor);
            if (name == NULL) status = oom(&b);
          }
          /* one slot per open collection, NULL when it has no anchor */
          if (status == 0 && gv_vec_push(&pending_anchor_names, name) != 0) status = oom(&b);
        }
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        gv_ynode *n = b.stack[b.depth - 1].node;
        status = on_end(&b);
        const char *name = pending_anchor_names.items[--pending_anchor_names.len];
        if (status == 0 && name) status = register_anchor(&b, (const yaml_char_t *)name, n);
        break;
      }
      case YAML_ALIAS_EVENT: status = on_alias(&b, &ev); break;
      case YAML_STREAM_END_EVENT: done = 1; break;
      default: break;
    }
    yaml_event_delete(&ev);
  }
  if (status == GOVOPEN_ESCHEMA) drain(&b, &parser, documents, b.depth);
  yaml_parser_delete(&parser);
  for (size_t i = 0; i < b.depth; i++) gv_vec_free(&b.stack[i].items);
  free(b.stack);
  gv_vec_free(&pending_anchor_names);
  gv_hmap_free(&b.anchors);
  if (status == 0) doc->root = b.root;
  return status;
}

void gv_ydoc_free(gv_ydoc *doc) {
  gv_arena_free(&doc->arena);
  doc->root = NULL;
}
