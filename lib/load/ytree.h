/* The YAML reader: one document into a gv_ynode tree, from libyaml's event
 * API, with size, depth, node and alias limits. This is the only file that
 * includes <yaml.h> for framework and observation input.
 *
 * gv_yaml_stream reads the same way, but hands the items of a sequence the
 * caller chooses over one at a time, each dropped once handed over, so a
 * document of any length (observation records) is read holding one item at
 * a time; and it can read its input through a function rather than from a
 * buffer, holding only a window of the text. */
#ifndef GV_YTREE_H
#define GV_YTREE_H

#include <stddef.h>

#include "util/arena.h"
#include "util/error.h"
#include "util/tree.h"

typedef struct gv_ylimits {
  size_t max_size, max_depth, max_nodes, max_aliases;
} gv_ylimits;

typedef struct gv_ydoc {
  gv_arena arena;
  gv_ynode *root; /* NULL for an empty stream */
} gv_ydoc;

/* Parses one YAML document. Returns 0, or the status of the first error,
   which is also recorded in `d` under `source`. */
int gv_yaml_parse(gv_ydoc *doc, const char *data, size_t len, const char *source, const gv_ylimits *lim, gv_diags *d);
void gv_ydoc_free(gv_ydoc *doc);

/* How gv_yaml_stream reads. Every member may be zero. */
typedef struct gv_ystream {
  /* The input, when set (the buffer is then ignored): fills `buf` with up
     to `size` bytes and sets *got, 0 at the end; returns 0, or a GOVOPEN_*
     status after recording its own diagnostic, which ends the read. */
  int (*read)(void *ctx, char *buf, size_t size, size_t *got);
  /* Whether the items of the sequence starting now are handed to item()
     rather than kept: `depth` is the number of collections open around it,
     `parent` the innermost of them (NULL at the top; its items are not
     filled in yet), `key` the key it is the value of when `parent` is a
     mapping, else NULL. Asked only while no other sequence is streamed. */
  int (*want)(void *ctx, size_t depth, const gv_ynode *parent, const gv_ynode *key);
  /* One item of a streamed sequence, complete. It and its nodes live until
     the call returns. A non-zero return ends the read and is returned by
     gv_yaml_stream unchanged, with no diagnostic added. */
  int (*item)(void *ctx, gv_ynode *item);
  void *ctx;
  int keys_as_strings; /* every mapping key becomes a GV_YT_STR (a copy when not one) */
  /* When set: where the text not handed over starts when the read fails
     (1-based), so that the caller can say from where nothing was read: the
     item of the streamed sequence being read, or else the first content
     after the last event taken in (libyaml reads ahead: an item it had not
     finished scanning is lost too). 0, 0 when the read succeeded or no
     content is known to follow. */
  unsigned *open_line, *open_col;
} gv_ystream;

/* gv_yaml_parse with streaming (`st` may be NULL: gv_yaml_parse). A
   streamed sequence stays in the tree with no items, and its anchor, if
   any, names nothing (an alias to it is reported as to an anchor not
   complete). Positions, types, checks, limits and messages are those of
   gv_yaml_parse, except:
   - MAX_NODES bounds the nodes held at once: the document's own outside the
     streamed items, the item being read, and copies of the nodes anchored
     inside earlier items, kept (in `doc`) so that later aliases resolve;
   - with `st->read`, MAX_SIZE bounds the text held at once rather than the
     input: from where the last event began to what libyaml has read ahead
     (up to 64 KiB); one longer scalar or flow line is refused. */
int gv_yaml_stream(gv_ydoc *doc, const char *data, size_t len, const char *source, const gv_ylimits *lim,
                   const gv_ystream *st, gv_diags *d);

#endif
