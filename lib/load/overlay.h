/* Framework overlays (docs/framework-format.md, "Extending a framework"): a
 * document with `extends: BASE` is applied to its base's document tree, and
 * the framework loader reads the merged tree as it reads any framework.
 * Every node keeps the document it was read from (gv_ynode.file), so that
 * each problem is reported in the file that caused it, the overlay or a base. */
#ifndef GV_OVERLAY_H
#define GV_OVERLAY_H

#include <stddef.h>

#include "load/load.h"
#include "load/schema.h"
#include "load/ytree.h"

/* Most bases in one chain: an overlay of an overlay … */
#define GV_MAX_EXTENDS 8

/* A base document's text, found by a gv_framework_base_fn. */
typedef struct gv_base_doc {
  const char *data;
  size_t len;
  const char *name; /* the document's name in diagnostics: its path, or a built-in's source name */
  const char *key;  /* what identifies it in a chain of bases, for cycles: its real path, or "builtin:ID" */
  char *owned[3];   /* what to free() once it is read (any may be NULL) */
} gv_base_doc;

/* A gv_framework_base_fn (load/load.h) finds the base `spec` names (as
   the overlay writes it): a built-in framework by id, else the file `path`
   — `spec` resolved against the including document's directory, NULL when
   the including document is a built-in (which names only built-ins). It
   fills `out` and returns GOVOPEN_OK, or returns a status with a message
   in `msg`. */

/* What applying overlays holds: the bases' document trees and the merged
   containers, and the bases' names (sc->files). Released together. */
typedef struct gv_overlay {
  gv_arena arena;
  gv_ydoc *docs;
  size_t doc_count;
  const char **files;
  size_t file_count;
} gv_overlay;

/* When `root` (a document named `source`) has `extends`, reads its chain of
   bases through `fn` and puts the merged document in `*out`; otherwise
   `root`. Problems are reported through `sc`, whose `files` are set to the
   bases' names. GOVOPEN_OK with a document to read (the errors found in it
   may have been reported already); else, with `*out` NULL, the status of
   why the overlay could not be applied (GOVOPEN_ESCHEMA, GOVOPEN_ELIMIT,
   GOVOPEN_EPARSE, GOVOPEN_ENOMEM …), said in the diagnostics. */
int gv_overlay_apply(gv_overlay *o, gv_schema *sc, const gv_ynode *root, const char *source, const gv_load_limits *lim,
                     gv_framework_base_fn fn, const gv_ynode **out);

/* Moves what `o` holds into `into` (the framework's arena, whose strings
   and rule trees may be the bases'), leaving `o` empty. */
void gv_overlay_adopt(gv_arena *into, gv_overlay *o);
void gv_overlay_free(gv_overlay *o);

#endif
