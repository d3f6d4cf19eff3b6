/* The expression language for counties' own rules (docs/expressions.md).
 *
 * An expression is compiled once, at load, against an environment that
 * declares its globals and its per-sample fields; every syntax, name and type
 * error is reported with its line and column in the document. The compiled
 * expression lives in the caller's arena, is immutable, and may be evaluated
 * by several threads at once. Evaluation has no loops: its cost is at most
 * (nodes × samples), and it never aborts: a run-time error (division by zero,
 * a null in arithmetic, a failing callback) comes back as a status and an
 * English message. Layer 3: depends on util and on calendar/date.h's civil
 * dates (date literals and date functions), and knows nothing of frameworks,
 * files or working-day calendars (working days come from a callback). */
#ifndef GV_EXPR_H
#define GV_EXPR_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/error.h"

/* Limits the compiler enforces (each refused with GOVOPEN_ELIMIT and a position). */
#define GV_EXPR_MAX_CHARS 10000u /* characters of text */
#define GV_EXPR_MAX_DEPTH 64u    /* nesting levels */
#define GV_EXPR_MAX_NODES 2000u  /* syntax-tree nodes */

typedef enum gv_vtype { GV_V_NULL, GV_V_BOOL, GV_V_NUM, GV_V_STR, GV_V_DATE } gv_vtype;

/* A value. Strings are UTF-8, not NUL-terminated, and borrowed: from the
   compiled expression (literals) or from the field callback's data. */
typedef struct gv_value {
  gv_vtype type;
  union {
    int b;
    double num; /* always finite */
    struct {
      const char *s;
      size_t len;
    } str;
    int32_t date; /* days since 1970-01-01 */
  } u;
} gv_value;

/* "null", "boolean", "number", "string", "date" (static). */
const char *gv_vtype_name(gv_vtype t);

/* A declared name: a global or a per-sample field. `type` is GV_V_BOOL,
   GV_V_NUM, GV_V_STR or GV_V_DATE. Names are NUL-terminated UTF-8. */
typedef struct gv_expr_decl {
  const char *name;
  gv_vtype type;
} gv_expr_decl;

/* What an expression may name. Globals are looked up before fields; a sample
   field may be used only inside an aggregate's argument. The arrays are read
   during compilation only. */
typedef struct gv_expr_env {
  const gv_expr_decl *globals;
  size_t global_count;
  const gv_expr_decl *fields;
  size_t field_count;
} gv_expr_env;

/* Where the text sits in its document, to report positions there.
   block_indent == 0: the text is one scalar starting at (line, col); a line
   break inside it continues at column 1 of the next line.
   block_indent > 0: a block scalar (`|`, `>`) whose k-th line (0-based) sits
   at line + 1 + k, column block_indent + 1 + its offset in the line.
   Columns count characters (a CJK character is one column). */
typedef struct gv_expr_pos {
  unsigned line, col;
  unsigned block_indent;
} gv_expr_pos;

typedef struct gv_expr gv_expr;

/* Compiles `text` (len bytes, UTF-8, need not be NUL-terminated). `env` and
   `pos` may be NULL (no names; position 1:1). Returns GOVOPEN_OK with the
   expression, allocated in `arena`, in *out. On failure *out is NULL, every
   error found is added to `d` (code GOVOPEN_ESCHEMA, or GOVOPEN_ELIMIT for
   the limits, GOVOPEN_ENOMEM when memory ran out), each with `source`, its
   line and column, and `path`, in document order, and the status returned
   is the first one's code (GOVOPEN_ENOMEM first; GOVOPEN_EINVALID for no
   `d`, no arena, or an untyped environment); the arena may hold partial
   allocations. */
int gv_expr_compile(gv_arena *arena, const char *text, size_t len, const gv_expr_env *env, const gv_expr_pos *pos,
                    gv_diags *d, const char *source, const char *path, gv_expr **out);

/* Lower limits for one compilation (0: the fixed maximum). */
typedef struct gv_expr_limits {
  size_t max_chars; /* at most GV_EXPR_MAX_CHARS */
  size_t max_nodes; /* at most GV_EXPR_MAX_NODES */
} gv_expr_limits;

/* gv_expr_compile() with the caller's limits (`lim` may be NULL). */
int gv_expr_compile_limited(gv_arena *arena, const char *text, size_t len, const gv_expr_env *env,
                            const gv_expr_pos *pos, const gv_expr_limits *lim, gv_diags *d, const char *source,
                            const char *path, gv_expr **out);

/* The static type of the result: any run-time value is of this type or null.
   GV_V_NULL only for an expression that is always null. */
gv_vtype gv_expr_type(const gv_expr *e);
/* 1 when the expression reads the samples (it holds an aggregate). */
int gv_expr_uses_samples(const gv_expr *e);
/* The number of syntax-tree nodes (at most GV_EXPR_MAX_NODES). */
size_t gv_expr_node_count(const gv_expr *e);

/* What an evaluation reads. */
typedef struct gv_expr_ctx {
  /* The globals' values, in the order of the environment's globals (each of
     its declared type, or null). */
  const gv_value *globals;
  size_t global_count;
  size_t sample_count;
  /* The value of field `field_index` (the environment's order) in sample
     `sample`: its declared type, or GV_V_NULL when the sample lacks it.
     Returns 0, or non-zero on failure (a run-time error). */
  int (*field)(void *payload, size_t sample, size_t field_index, gv_value *out);
  /* working_days(from, to), as the host's calendar counts them. Returns 0, or
     non-zero with a message appended to `err`. May be NULL: then working_days()
     is a run-time error. */
  int (*working_days)(void *payload, int32_t from, int32_t to, double *out, gv_buf *err);
  void *payload;
  /* The most evaluation steps (nodes visited, over every sample) one
     evaluation may take; 0 means GV_EXPR_DEFAULT_MAX_STEPS. Past it the
     evaluation stops with a run-time error (GOVOPEN_ELIMIT). */
  uint64_t max_steps;
} gv_expr_ctx;

/* The default evaluation budget: a 2000-node expression over 5000 samples. */
#define GV_EXPR_DEFAULT_MAX_STEPS ((uint64_t)10000000)

/* Evaluates `e`. Returns 0 with the result in *out, or non-zero on a run-time
   error: GOVOPEN_EINVALID, or a failing callback's own negative status, with
   an English message ("line 2, column 7: division by zero") appended to
   `error_message` (which may be NULL). Never aborts; uses no global state. */
int gv_expr_eval(const gv_expr *e, const gv_expr_ctx *ctx, gv_value *out, gv_buf *error_message);

/* Civil-date helpers the language uses, for hosts and tests: "YYYY-MM-DD"
   (years 0001-9999) to days since 1970-01-01: GOVOPEN_OK, or gv_date_parse()'s
   GOVOPEN_EPARSE (not a date) or GOVOPEN_ERANGE (no such day, or outside the years). */
int gv_expr_parse_date(const char *s, size_t len, int32_t *out);
/* Writes "YYYY-MM-DD" (with the NUL; room for any int32 day) for a date. */
void gv_expr_format_date(int32_t days, char out[16]);

#endif
