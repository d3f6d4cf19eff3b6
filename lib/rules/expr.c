/* The expression language: a lexer, a recursive-descent parser that types
 * every node as it builds it, and a tree-walking evaluator.
 *
 * Bounds: the text is at most GV_EXPR_MAX_CHARS characters; the parser's
 * recursion is bounded by counting nesting levels (parentheses, calls, if,
 * not, unary minus) and the tree's height is checked as each node is built,
 * so neither the parser, nor the evaluator, ever recurses more than
 * GV_EXPR_MAX_DEPTH levels of the language (a fixed number of C frames each).
 * Chains of the same operator (a + b - c, a and b and c) are one n-ary node,
 * so long sums do not nest. */
#include "calendar/date.h"
#include "rules/expr.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/cents.h"
#include "util/compiler.h"
#include "util/utf8.h"

/* A node whose type could not be determined (an error was reported). */
#define T_ERR 7u

/* Years 0001-01-01 … 9999-12-31, in days since 1970-01-01. */
#define DATE_MIN (-719162)
#define DATE_MAX 2932896

/* ---- civil dates (calendar/date.h) ------------------------------------------- */

int gv_expr_parse_date(const char *s, size_t len, int32_t *out) {
  int32_t day;
  if (s == NULL) return GOVOPEN_EPARSE;
  int rc = gv_date_parse(s, len, &day, NULL);
  if (rc != GOVOPEN_OK) return rc;
  if (out) *out = day;
  return 0;
}

void gv_expr_format_date(int32_t days, char out[16]) {
  if (days < DATE_MIN || days > DATE_MAX) {
    snprintf(out, 16, "%s", days < DATE_MIN ? "0000-01-01" : "9999-12-31");
    return;
  }
  gv_date_format(days, out);
}

/* ---- values -------------------------------------------------------------------- */

const char *gv_vtype_name(gv_vtype t) {
  switch (t) {
    case GV_V_NULL: return "null";
    case GV_V_BOOL: return "boolean";
    case GV_V_NUM: return "number";
    case GV_V_STR: return "string";
    case GV_V_DATE: return "date";
  }
  return "value";
}

/* "a number", "null" … for messages. */
static const char *a_type(unsigned t) {
  switch (t) {
    case GV_V_NULL: return "null";
    case GV_V_BOOL: return "a boolean";
    case GV_V_NUM: return "a number";
    case GV_V_STR: return "a string";
    case GV_V_DATE: return "a date";
  }
  return "an invalid value";
}

/* ---- numbers, without the C locale ------------------------------------------------ */

static const double pow10_exact[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                       1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* Digits [. digits] [e [+-] digits], already validated by the lexer. Exact
   (correctly rounded) for up to 15 significant digits and exponents within
   ±22, which covers every number a county writes; otherwise within an ulp. */
static double parse_decimal(const char *s, size_t n) {
  uint64_t m = 0;
  int ndig = 0;
  long exp10 = 0;
  size_t i = 0;
  for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
    if (m == 0 && s[i] == '0') continue;
    if (ndig < 19) {
      m = m * 10 + (uint64_t)(s[i] - '0');
      ndig++;
    } else {
      exp10++;
    }
  }
  if (i < n && s[i] == '.') {
    for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
      if (m == 0 && s[i] == '0') {
        exp10--;
      } else if (ndig < 19) {
        m = m * 10 + (uint64_t)(s[i] - '0');
        ndig++;
        exp10--;
      }
    }
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    int neg = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    long e = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
      if (e < 100000) e = e * 10 + (s[i] - '0');
    exp10 += neg ? -e : e;
  }
  if (m == 0) return 0.0;
  if (ndig <= 15 && exp10 >= -22 && exp10 <= 22)
    return exp10 >= 0 ? (double)m * pow10_exact[exp10] : (double)m / pow10_exact[-exp10];
  if (exp10 + ndig > 330) return HUGE_VAL;
  if (exp10 + ndig < -330) return 0.0;
  return (double)((long double)m * powl(10.0L, (long double)exp10));
}

/* ---- UTF-8 ----------------------------------------------------------------------- */

/* The code point at s (n bytes available): its length, or 0 when malformed. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
  unsigned char c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t need;
  uint32_t v, min;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 2;
    v = c & 0x1Fu;
    min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 3;
    v = c & 0x0Fu;
    min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 4;
    v = c & 0x07u;
    min = 0x10000;
  } else {
    return 0;
  }
  if (n < need) return 0;
  for (size_t j = 1; j < need; j++) {
    if ((s[j] & 0xC0) != 0x80) return 0;
    v = (v << 6) | (s[j] & 0x3Fu);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return need;
}

/* Non-ASCII characters that may appear in names (Chinese field names are
   welcome); punctuation, symbols and full-width forms are not. */
static int ident_cp(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_';
  if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7) return 0;
  if (cp >= 0x2000 && cp <= 0x2BFF) return 0; /* punctuation, arrows, mathematical operators, symbols */
  if (cp >= 0x3000 && cp <= 0x303F) return 0; /* CJK punctuation */
  if (cp >= 0xFE10 && cp <= 0xFE6F) return 0; /* vertical and small forms */
  if (cp >= 0xFF00 && cp <= 0xFF65) return 0; /* full-width ASCII, half-width punctuation */
  if (cp == 0xFEFF || cp >= 0xFFF0) return 0;
  return 1;
}

/* ---- tokens ---------------------------------------------------------------------- */

/* clang-format off */
enum {
  TK_EOF, TK_BAD, TK_NUM, TK_STR, TK_NAME, TK_LP, TK_RP, TK_COMMA,
  TK_PLUS, TK_MINUS, TK_STAR, TK_SLASH, TK_PCT,
  TK_EQ, TK_NE, TK_LT, TK_LE, TK_GT, TK_GE,
  TK_IF, TK_THEN, TK_ELSE, TK_AND, TK_OR, TK_NOT, TK_TRUE, TK_FALSE, TK_NULL
};
/* clang-format on */

/* clang-format off */
static const char *const tk_text[] = {"", "", "", "", "", "(", ")", ",", "+", "-", "*", "/", "%", "==",
                                      "!=", "<", "<=", ">", ">=", "if", "then", "else", "and", "or", "not",
                                      "true", "false", "null"};
/* clang-format on */

/* A position: byte offset in the text (to order diagnostics), and the
   document's 1-based line and column. */
typedef struct spos {
  size_t off;
  unsigned line, col;
} spos;

typedef struct tok {
  int kind;
  spos at;
  size_t len;      /* bytes of source text */
  double num;      /* TK_NUM */
  const char *str; /* TK_STR: the unescaped text, in the arena */
  size_t slen;
} tok;

/* ---- the tree ---------------------------------------------------------------------- */

enum { N_LIT, N_GLOBAL, N_FIELD, N_NEG, N_NOT, N_ARITH, N_AND, N_OR, N_CMP, N_IF, N_CALL, N_ERROR };

/* One step of a chain: its operator token, its position, the type so far. */
typedef struct xop {
  unsigned char op, type;
  spos at;
} xop;

typedef struct node node;
struct node {
  unsigned char kind, type, fn, op;
  unsigned height;
  spos start; /* the node's first character */
  spos at;    /* the token that names it: an operator, a function, a name */
  spos deep;  /* its deepest leaf, where "too deeply nested" points */
  size_t nkids;
  node **kids;
  xop *ops;     /* N_ARITH, N_AND, N_OR: nkids - 1 steps */
  gv_value lit; /* N_LIT */
  size_t index; /* N_GLOBAL, N_FIELD */
  const char *name;
};

struct gv_expr {
  const node *root;
  gv_vtype type;
  int uses_samples;
  size_t nodes;
};

/* ---- functions ---------------------------------------------------------------------- */

/* clang-format off */
enum {
  F_MIN, F_MAX, F_CLAMP, F_ABS, F_ROUND, F_FLOOR, F_CEIL, F_COUNT, F_SUM, F_MEAN, F_MIN_OF, F_MAX_OF,
  F_ALL, F_ANY, F_HAS, F_WORKING_DAYS, F_DAYS, F_DATE, F_LEN, F_N
};
/* clang-format on */

static const struct fn_def {
  const char *name;
  unsigned min, max; /* max 0: any number */
  int agg;
} fns[F_N] = {{"min", 2, 0, 0},          {"max", 2, 0, 0},    {"clamp", 3, 3, 0}, {"abs", 1, 1, 0}, {"round", 1, 2, 0},
              {"floor", 1, 1, 0},        {"ceil", 1, 1, 0},   {"count", 1, 1, 1}, {"sum", 1, 1, 1}, {"mean", 1, 1, 1},
              {"min_of", 1, 1, 1},       {"max_of", 1, 1, 1}, {"all", 1, 1, 1},   {"any", 1, 1, 1}, {"has", 1, 1, 0},
              {"working_days", 2, 2, 0}, {"days", 2, 2, 0},   {"date", 1, 1, 0},  {"len", 1, 1, 0}};

static int find_fn(const char *s, size_t n) {
  for (int f = 0; f < F_N; f++)
    if (strlen(fns[f].name) == n && memcmp(fns[f].name, s, n) == 0) return f;
  return -1;
}

/* ---- the compiler's state ---------------------------------------------------------- */

typedef struct pdiag {
  spos at;
  size_t seq;
  int code;
  const char *id; /* the message's identifier */
  char *msg;
} pdiag;

typedef struct nvec {
  node **kids;
  xop *ops;
  size_t len, cap;
} nvec;

typedef struct P {
  gv_arena *arena;
  const char *text;
  size_t len;
  const gv_expr_env *env;
  gv_expr_pos pos;
  /* lexer */
  size_t i;
  unsigned k, c; /* line index and character column (0-based) inside the text */
  tok *toks;
  size_t ntoks, captoks;
  size_t bad_end; /* where the last bad-character token ended, to merge runs */
  /* parser */
  size_t t;
  unsigned depth;
  size_t nodes;
  int in_agg;
  const tok *agg;
  int panic, fatal, uses_samples;
  int status; /* GOVOPEN_OK, or GOVOPEN_ENOMEM once memory ran out: set p_nomem(), read p_status() */
  node errn;
  /* diagnostics, sorted into document order at the end */
  pdiag *diags;
  size_t ndiags, capdiags;
  size_t max_chars, max_nodes; /* the limits of this compilation */
} P;

/* Memory ran out: the compilation stops (fatal) and fails with GOVOPEN_ENOMEM. */
static void p_nomem(P *p) {
  p->status = GOVOPEN_ENOMEM;
  p->fatal = 1;
}
static int p_status(const P *p) { return p->status; }

static spos here(const P *p) {
  spos s;
  s.off = p->i;
  if (p->pos.block_indent == 0) {
    s.line = p->pos.line + p->k;
    s.col = (p->k == 0 ? p->pos.col : 1u) + p->c;
  } else {
    s.line = p->pos.line + 1u + p->k;
    s.col = p->pos.block_indent + 1u + p->c;
  }
  return s;
}

GV_PRINTF(5, 0)
static void perr_v(P *p, int code, spos at, const char *id, const char *fmt, va_list ap) {
  if (p_status(p) != GOVOPEN_OK) return;
  if (p->ndiags == p->capdiags) {
    size_t cap = p->capdiags ? p->capdiags * 2 : 8;
    pdiag *nd = realloc(p->diags, cap * sizeof *nd);
    if (nd == NULL) {
      p_nomem(p);
      return;
    }
    p->diags = nd;
    p->capdiags = cap;
  }
  gv_buf b = {0};
  gv_buf_vprintf(&b, fmt, ap);
  if (gv_buf_status(&b) != GOVOPEN_OK || b.data == NULL) {
    gv_buf_free(&b);
    p_nomem(p);
    return;
  }
  pdiag *dg = &p->diags[p->ndiags];
  dg->at = at;
  dg->seq = p->ndiags;
  dg->code = code;
  dg->id = id;
  dg->msg = b.data;
  p->ndiags++;
}

GV_PRINTF(4, 5)
static void perr(P *p, spos at, const char *id, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  perr_v(p, GOVOPEN_ESCHEMA, at, id, fmt, ap);
  va_end(ap);
}

/* A syntax error: reported unless the parser is recovering from one, or the
   token is a bad character the lexer already reported. */
GV_PRINTF(4, 5)
static void psyntax(P *p, const tok *t, const char *id, const char *fmt, ...) {
  if (!p->panic && t->kind != TK_BAD) {
    va_list ap;
    va_start(ap, fmt);
    perr_v(p, GOVOPEN_ESCHEMA, t->at, id, fmt, ap);
    va_end(ap);
  }
  p->panic = 1;
}

GV_PRINTF(4, 5)
static void plimit(P *p, spos at, const char *id, const char *fmt, ...) {
  if (!p->fatal) {
    va_list ap;
    va_start(ap, fmt);
    perr_v(p, GOVOPEN_ELIMIT, at, id, fmt, ap);
    va_end(ap);
  }
  p->fatal = 1;
}

static int pdiag_cmp(const void *a, const void *b) {
  const pdiag *x = a, *y = b;
  if (x->at.off != y->at.off) return x->at.off < y->at.off ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* ---- the lexer ---------------------------------------------------------------------- */

static tok *push_tok(P *p, int kind, spos at) {
  if (p->ntoks == p->captoks) {
    size_t cap = p->captoks ? p->captoks * 2 : 64;
    tok *nt = realloc(p->toks, cap * sizeof *nt);
    if (nt == NULL) {
      p_nomem(p);
      return NULL;
    }
    p->toks = nt;
    p->captoks = cap;
  }
  tok *t = &p->toks[p->ntoks++];
  memset(t, 0, sizeof *t);
  t->kind = kind;
  t->at = at;
  t->len = p->i - at.off;
  return t;
}

/* Advances over one character of n bytes (not a line break). */
static void step(P *p, size_t n) {
  p->i += n;
  p->c++;
}

/* The character at p->i; *n its length (1 for a malformed byte, *cp then its value | 0x80000000). */
static uint32_t cur_cp(const P *p, size_t *n) {
  uint32_t cp = 0;
  size_t got = utf8_decode((const unsigned char *)p->text + p->i, p->len - p->i, &cp);
  if (got == 0) {
    *n = 1;
    return 0x80000000u | (unsigned char)p->text[p->i];
  }
  *n = got;
  return cp;
}

/* Prints a character for a message: 'x', '（' (U+FF08), or U+0000. */
static void put_char(gv_buf *b, const char *s, size_t n, uint32_t cp) {
  if (cp < 0x20 || cp == 0x7F || cp == 0x85 || (cp >= 0x2028 && cp <= 0x2029))
    gv_buf_printf(b, "U+%04X", (unsigned)cp);
  else if (cp < 0x80)
    gv_buf_printf(b, "'%c'", (char)cp);
  else
    gv_buf_printf(b, "'%.*s' (U+%04X)", (int)n, s, (unsigned)cp);
}

/* A bad character: one error for a run of them, one TK_BAD token. */
static void lex_bad(P *p, spos at, size_t n, const char *id, const char *msg) {
  if (p->ntoks > 0 && p->toks[p->ntoks - 1].kind == TK_BAD && p->bad_end == at.off) {
    step(p, n);
    p->toks[p->ntoks - 1].len = p->i - p->toks[p->ntoks - 1].at.off;
  } else {
    perr(p, at, id, "%s", msg);
    step(p, n);
    push_tok(p, TK_BAD, at);
  }
  p->bad_end = p->i;
}

/* What a look-alike character should have been, for full-width and
   typographic punctuation typed with a Chinese input method. */
static const char *ascii_for(uint32_t cp, int *kind) {
  static const struct {
    uint32_t cp;
    const char *ascii;
    int kind;
  } map[] = {{0xFF08, "(", TK_LP},   {0xFF09, ")", TK_RP},    {0xFF0C, ",", TK_COMMA}, {0x3001, ",", TK_COMMA},
             {0xFF0B, "+", TK_PLUS}, {0xFF0D, "-", TK_MINUS}, {0x2212, "-", TK_MINUS}, {0xFF0A, "*", TK_STAR},
             {0xD7, "*", TK_STAR},   {0xFF0F, "/", TK_SLASH}, {0xF7, "/", TK_SLASH},   {0xFF05, "%", TK_PCT},
             {0xFF1C, "<", TK_LT},   {0xFF1E, ">", TK_GT},    {0x2264, "<=", TK_LE},   {0x2265, ">=", TK_GE},
             {0x2260, "!=", TK_NE},  {0xFF1D, "==", TK_EQ},   {0x201C, "\"", TK_STR},  {0x201D, "\"", TK_STR},
             {0x2018, "'", TK_STR},  {0x2019, "'", TK_STR},   {0x3000, " ", TK_EOF}};
  for (size_t j = 0; j < sizeof map / sizeof map[0]; j++)
    if (map[j].cp == cp) {
      *kind = map[j].kind;
      return map[j].ascii;
    }
  *kind = TK_BAD;
  return NULL;
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }

static void lex_number(P *p, spos at) {
  const char *s = p->text;
  size_t n = p->len;
  while (p->i < n && is_digit(s[p->i])) step(p, 1);
  if (p->i + 1 < n && s[p->i] == '.' && is_digit(s[p->i + 1])) {
    step(p, 1);
    while (p->i < n && is_digit(s[p->i])) step(p, 1);
  }
  if (p->i < n && (s[p->i] == 'e' || s[p->i] == 'E')) {
    size_t j = p->i + 1;
    if (j < n && (s[j] == '+' || s[j] == '-')) j++;
    if (j < n && is_digit(s[j])) {
      while (p->i < j) step(p, 1);
      while (p->i < n && is_digit(s[p->i])) step(p, 1);
    }
  }
  size_t end = p->i;
  /* 12abc, 1.5.2: one bad token, not a number followed by a name */
  int bad = 0;
  while (p->i < n) {
    size_t cn;
    uint32_t cp = cur_cp(p, &cn);
    if (cp & 0x80000000u) break;
    if (!(ident_cp(cp) || is_digit((int)cp) || (cp == '.' && p->i + 1 < n && is_digit(s[p->i + 1])))) break;
    step(p, cn);
    bad = 1;
  }
  if (bad) {
    perr(p, at, "expr.number_invalid", "invalid number '%.*s'", (int)(p->i - at.off), s + at.off);
    push_tok(p, TK_BAD, at);
    return;
  }
  double v = parse_decimal(s + at.off, end - at.off);
  if (!isfinite(v)) {
    perr(p, at, "expr.number_too_large", "the number '%.*s' is too large", (int)(end - at.off), s + at.off);
    v = 0;
  }
  tok *t = push_tok(p, TK_NUM, at);
  if (t) t->num = v;
}

static void lex_name(P *p, spos at) {
  while (p->i < p->len) {
    size_t cn;
    uint32_t cp = cur_cp(p, &cn);
    if ((cp & 0x80000000u) || !(ident_cp(cp) || is_digit((int)cp))) break;
    step(p, cn);
  }
  static const int kw[] = {TK_IF, TK_THEN, TK_ELSE, TK_AND, TK_OR, TK_NOT, TK_TRUE, TK_FALSE, TK_NULL};
  size_t n = p->i - at.off;
  int kind = TK_NAME;
  for (size_t j = 0; j < sizeof kw / sizeof kw[0]; j++)
    if (strlen(tk_text[kw[j]]) == n && memcmp(tk_text[kw[j]], p->text + at.off, n) == 0) kind = kw[j];
  push_tok(p, kind, at);
}

/* A string: "…" with \" \\ \n \t escapes, '…' with '' for a quote, or one
   between typographic quotes (reported, then read like "…" or '…'). */
static void lex_string(P *p, spos at, uint32_t open, size_t open_n) {
  int dq = open == '"' || open == 0x201C || open == 0x201D;
  int typo = open > 0x7F;
  step(p, open_n);
  gv_buf b = {0};
  for (;;) {
    if (p->i >= p->len || p->text[p->i] == '\n') {
      perr(p, at, "expr.string_unterminated", "unterminated string: a string must end on the line where it starts");
      gv_buf_free(&b);
      push_tok(p, TK_BAD, at);
      return;
    }
    spos cpos = here(p);
    size_t cn;
    uint32_t cp = cur_cp(p, &cn);
    if (cp & 0x80000000u) {
      perr(p, cpos, "expr.string_utf8_invalid", "invalid UTF-8 in a string (byte 0x%02X)", (unsigned)(cp & 0xFFu));
      step(p, 1);
      continue;
    }
    int closes = dq ? (cp == '"' || (typo && (cp == 0x201C || cp == 0x201D)))
                    : (cp == '\'' || (typo && (cp == 0x2018 || cp == 0x2019)));
    if (closes) {
      step(p, cn);
      if (!dq && cp == '\'' && p->i < p->len && p->text[p->i] == '\'') {
        gv_buf_putc(&b, '\'');
        step(p, 1);
        continue;
      }
      break;
    }
    if (dq && cp == '\\') {
      step(p, 1);
      if (p->i >= p->len || p->text[p->i] == '\n') continue; /* reported as unterminated next */
      char e = p->text[p->i];
      size_t en;
      uint32_t ecp = cur_cp(p, &en);
      if (e == '"' || e == '\\' || e == 'n' || e == 't') {
        gv_buf_putc(&b, e == 'n' ? '\n' : e == 't' ? '\t' : e);
      } else {
        gv_buf tmp = {0};
        if (ecp & 0x80000000u)
          gv_buf_printf(&tmp, "the byte 0x%02X", (unsigned)(ecp & 0xFFu));
        else
          put_char(&tmp, p->text + p->i, en, ecp);
        perr(p, cpos, "expr.escape_unknown",
             "unknown escape '\\' followed by %s in a string (the escapes are \\\" \\\\ \\n \\t)", gv_buf_str(&tmp));
        gv_buf_free(&tmp);
      }
      step(p, en);
      continue;
    }
    gv_buf_append(&b, p->text + p->i, cn);
    step(p, cn);
  }
  if (gv_buf_status(&b) != GOVOPEN_OK) p_nomem(p);
  const char *s = gv_arena_strndup(p->arena, b.data ? b.data : "", b.len);
  if (s == NULL) p_nomem(p);
  tok *t = push_tok(p, TK_STR, at);
  if (t) {
    t->str = s;
    t->slen = b.len;
  }
  gv_buf_free(&b);
}

/* Two-character operators and the habits of other languages (&&, ||, !, =,
   <>), which are reported and then read as what they meant. */
static int lex_operator(P *p, spos at) {
  char c = p->text[p->i];
  char c2 = p->i + 1 < p->len ? p->text[p->i + 1] : '\0';
  int kind = TK_EOF;
  size_t n = 1;
  const char *hint = NULL;
  switch (c) {
    case '(': kind = TK_LP; break;
    case ')': kind = TK_RP; break;
    case ',': kind = TK_COMMA; break;
    case '+': kind = TK_PLUS; break;
    case '-': kind = TK_MINUS; break;
    case '*': kind = TK_STAR; break;
    case '/': kind = TK_SLASH; break;
    case '%': kind = TK_PCT; break;
    case '=':
      kind = TK_EQ;
      if (c2 == '=')
        n = 2;
      else
        hint = "'=' is not an operator: compare with '=='";
      break;
    case '!':
      if (c2 == '=') {
        kind = TK_NE;
        n = 2;
      } else {
        kind = TK_NOT;
        hint = "'!' is not an operator: write 'not'";
      }
      break;
    case '<':
      if (c2 == '=') {
        kind = TK_LE;
        n = 2;
      } else if (c2 == '>') {
        kind = TK_NE;
        n = 2;
        hint = "'<>' is not an operator: write '!='";
      } else
        kind = TK_LT;
      break;
    case '>':
      if (c2 == '=') {
        kind = TK_GE;
        n = 2;
      } else
        kind = TK_GT;
      break;
    case '&':
      kind = TK_AND;
      n = c2 == '&' ? 2 : 1;
      hint = n == 2 ? "'&&' is not an operator: write 'and'" : "'&' is not an operator: write 'and'";
      break;
    case '|':
      kind = TK_OR;
      n = c2 == '|' ? 2 : 1;
      hint = n == 2 ? "'||' is not an operator: write 'or'" : "'|' is not an operator: write 'or'";
      break;
    default: return 0;
  }
  if (hint) perr(p, at, "expr.operator_not_supported", "%s", hint);
  p->i += n;
  p->c += (unsigned)n;
  push_tok(p, kind, at);
  return 1;
}

static void lex(P *p) {
  const char *s = p->text;
  while (!p->fatal) {
    if (p->i >= p->len) break;
    char ch = s[p->i];
    if (ch == '\n') {
      p->i++;
      p->k++;
      p->c = 0;
      continue;
    }
    if (ch == ' ' || ch == '\t' || ch == '\r') {
      step(p, 1);
      continue;
    }
    if (ch == '#') { /* a comment, to the end of the line */
      while (p->i < p->len && s[p->i] != '\n') {
        size_t cn;
        (void)cur_cp(p, &cn);
        step(p, cn);
      }
      continue;
    }
    spos at = here(p);
    size_t cn;
    uint32_t cp = cur_cp(p, &cn);
    if (cp & 0x80000000u) {
      char msg[64];
      snprintf(msg, sizeof msg, "invalid UTF-8 (byte 0x%02X)", (unsigned)(cp & 0xFFu));
      lex_bad(p, at, 1, "expr.utf8_invalid", msg);
    } else if (is_digit((int)cp)) {
      lex_number(p, at);
    } else if (ident_cp(cp)) {
      lex_name(p, at);
    } else if (cp == '"' || cp == '\'') {
      lex_string(p, at, cp, cn);
    } else if (cp < 0x80 && lex_operator(p, at)) {
      /* done */
    } else {
      int kind;
      const char *ascii = ascii_for(cp, &kind);
      gv_buf msg = {0};
      gv_buf_puts(&msg, "unexpected ");
      if (cp != 0x3000) gv_buf_puts(&msg, "character ");
      if (cp == 0x3000)
        gv_buf_puts(&msg, "full-width space (U+3000)");
      else
        put_char(&msg, s + p->i, cn, cp);
      if (ascii && cp == 0x3000)
        gv_buf_puts(&msg, ": write an ASCII space");
      else if (ascii)
        gv_buf_printf(&msg, ": write '%s'", ascii);
      else if (cp >= 0xFF10 && cp <= 0xFF5A)
        gv_buf_printf(&msg, ": write '%c'", (char)(cp - 0xFEE0));
      if (gv_buf_status(&msg) != GOVOPEN_OK) {
        p_nomem(p);
      } else if (kind == TK_BAD) {
        lex_bad(p, at, cn, "expr.character_unexpected", gv_buf_str(&msg));
      } else {
        perr(p, at, "expr.character_unexpected", "%s", gv_buf_str(&msg));
        if (kind == TK_STR) {
          lex_string(p, at, cp, cn);
        } else {
          step(p, cn);
          if (kind != TK_EOF) push_tok(p, kind, at); /* U+3000 is read as a space */
        }
      }
      gv_buf_free(&msg);
    }
  }
  push_tok(p, TK_EOF, here(p));
}

/* ---- the parser ------------------------------------------------------------------------ */

static const tok *peek(const P *p) { return &p->toks[p->t]; }
static int peekk(const P *p) { return p->toks[p->t].kind; }
static const tok *advance(P *p) {
  const tok *t = &p->toks[p->t];
  if (t->kind != TK_EOF) p->t++;
  return t;
}

/* How many of the n bytes at s fit in max bytes without cutting a character. */
static size_t clip(const char *s, size_t n, size_t max) {
  if (n <= max) return n;
  while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
  return max;
}

/* How a token reads in a message: 'text' (at most 40 bytes) or "the end of the expression". */
static const char *tok_desc(const P *p, const tok *t, char *buf, size_t size) {
  if (t->kind == TK_EOF) return "the end of the expression";
  size_t n = clip(p->text + t->at.off, t->len, 40);
  const char *q = t->kind == TK_STR ? "" : "'"; /* a string shows its own quotes */
  snprintf(buf, size, "%s%.*s%s%s", q, (int)n, p->text + t->at.off, n < t->len ? "…" : "", q);
  return buf;
}

static node *new_node(P *p, int kind, spos start, spos at) {
  if (p->fatal) return &p->errn;
  if (++p->nodes > p->max_nodes) {
    plimit(p, at, "limit.expression_nodes",
           "the expression is too large: more than %zu parts (names, numbers, operators, calls)", p->max_nodes);
    return &p->errn;
  }
  node *n = gv_arena_alloc(p->arena, sizeof *n);
  if (n == NULL) {
    p_nomem(p);
    return &p->errn;
  }
  n->kind = (unsigned char)kind;
  n->type = T_ERR;
  n->start = start;
  n->at = at;
  n->deep = at;
  n->height = 1;
  return n;
}

/* Sets the node's height from its children; refuses a tree too deep. */
static node *finish(P *p, node *n) {
  if (n == &p->errn) return n;
  unsigned h = 0;
  for (size_t j = 0; j < n->nkids; j++)
    if (n->kids[j]->height > h) {
      h = n->kids[j]->height;
      /* the shared error node has no place in the text: keep a real one */
      if (n->kids[j] != &p->errn) n->deep = n->kids[j]->deep;
    }
  n->height = h + 1;
  if (n->height > GV_EXPR_MAX_DEPTH) {
    plimit(p, n->deep, "limit.expression_depth", "the expression is nested too deeply: more than %u levels",
           GV_EXPR_MAX_DEPTH);
    return &p->errn;
  }
  return n;
}

/* Opens a nesting level (parenthesis, call, if, not, unary minus). */
static int enter(P *p, spos at) {
  if (p->fatal) return 0;
  if (++p->depth > GV_EXPR_MAX_DEPTH) {
    plimit(p, at, "limit.expression_depth", "the expression is nested too deeply: more than %u levels",
           GV_EXPR_MAX_DEPTH);
    return 0;
  }
  return 1;
}

static void leave(P *p) { p->depth--; }

/* GOVOPEN_OK, or GOVOPEN_ENOMEM. */
static int nvec_push(P *p, nvec *v, node *n, int op, spos at) {
  if (v->len == v->cap) {
    size_t cap = v->cap ? v->cap * 2 : 4;
    node **nk = realloc(v->kids, cap * sizeof *nk);
    if (nk) v->kids = nk;
    xop *no = realloc(v->ops, cap * sizeof *no);
    if (no) v->ops = no;
    if (nk == NULL || no == NULL) {
      p_nomem(p);
      return GOVOPEN_ENOMEM;
    }
    v->cap = cap;
  }
  v->kids[v->len] = n;
  memset(&v->ops[v->len], 0, sizeof v->ops[v->len]);
  v->ops[v->len].op = (unsigned char)op;
  v->ops[v->len].at = at;
  v->len++;
  return 0;
}

static void nvec_free(nvec *v) {
  free(v->kids);
  free(v->ops);
}

/* Moves the children (and, for chains, the steps: ops[1..]) into the arena. */
/* GOVOPEN_OK; GOVOPEN_ESCHEMA for the error node (its error is reported);
   GOVOPEN_ENOMEM. */
static int attach(P *p, node *n, const nvec *v, int chain) {
  if (n == &p->errn) return GOVOPEN_ESCHEMA;
  n->nkids = v->len;
  n->kids = gv_arena_array(p->arena, v->len ? v->len : 1, sizeof *n->kids);
  if (n->kids == NULL) goto oom;
  if (v->len) memcpy(n->kids, v->kids, v->len * sizeof *n->kids);
  if (chain) {
    n->ops = gv_arena_array(p->arena, v->len, sizeof *n->ops);
    if (n->ops == NULL) goto oom;
    memcpy(n->ops, v->ops + 1, (v->len - 1) * sizeof *n->ops);
  }
  return 0;
oom:
  p_nomem(p);
  return GOVOPEN_ENOMEM;
}

static node *parse_expr(P *p);
static node *parse_not(P *p);

/* Damerau (optimal string alignment) distance between two names, on code
   points, ASCII case folded; names longer than 64 characters are not compared. */
static size_t name_distance(const char *a, size_t an, const char *b, size_t bn) {
  uint32_t x[65], y[65];
  size_t nx = 0, ny = 0;
  for (size_t i = 0; i < an; nx++) {
    size_t got = nx < 64 ? utf8_decode((const unsigned char *)a + i, an - i, &x[nx]) : 0;
    if (got == 0) return SIZE_MAX;
    if (x[nx] >= 'A' && x[nx] <= 'Z') x[nx] += 32;
    i += got;
  }
  for (size_t i = 0; i < bn; ny++) {
    size_t got = ny < 64 ? utf8_decode((const unsigned char *)b + i, bn - i, &y[ny]) : 0;
    if (got == 0) return SIZE_MAX;
    if (y[ny] >= 'A' && y[ny] <= 'Z') y[ny] += 32;
    i += got;
  }
  size_t r0[66], r1[66], r2[66]; /* rows i-2, i-1, i */
  size_t *pp = r0, *prev = r1, *cur = r2;
  for (size_t j = 0; j <= ny; j++) prev[j] = j;
  for (size_t i = 1; i <= nx; i++) {
    cur[0] = i;
    for (size_t j = 1; j <= ny; j++) {
      size_t cost = x[i - 1] != y[j - 1];
      size_t best = prev[j] + 1;
      if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1;
      if (prev[j - 1] + cost < best) best = prev[j - 1] + cost;
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] && pp[j - 2] + 1 < best) best = pp[j - 2] + 1;
      cur[j] = best;
    }
    size_t *tmp = pp;
    pp = prev;
    prev = cur;
    cur = tmp;
  }
  return prev[ny];
}

typedef struct best_name {
  const char *name;
  size_t dist;
} best_name;

static void consider(best_name *b, const char *cand, const char *s, size_t n) {
  if (cand == NULL) return;
  size_t d = name_distance(s, n, cand, strlen(cand));
  if (d < b->dist) {
    b->dist = d;
    b->name = cand;
  }
}

/* The closest declared name (or function), when it is near enough to be a typo. */
static const char *suggest(const P *p, const char *s, size_t n, int functions) {
  best_name b = {NULL, SIZE_MAX};
  if (functions) {
    for (int f = 0; f < F_N; f++) consider(&b, fns[f].name, s, n);
  } else {
    if (p->env) {
      for (size_t j = 0; j < p->env->global_count; j++) consider(&b, p->env->globals[j].name, s, n);
      for (size_t j = 0; j < p->env->field_count; j++) consider(&b, p->env->fields[j].name, s, n);
    }
    static const char *const kws[] = {"true", "false", "null", "and", "or", "not", "if", "then", "else"};
    for (size_t j = 0; j < sizeof kws / sizeof kws[0]; j++) consider(&b, kws[j], s, n);
  }
  size_t chars = gv_utf8_count(s, n);
  size_t limit = chars <= 1 ? 0 : chars <= 4 ? 1 : 2;
  return b.name && b.dist <= limit ? b.name : NULL;
}

static const gv_expr_decl *find_decl(const gv_expr_decl *d, size_t count, const char *s, size_t n, size_t *index) {
  for (size_t j = 0; d && j < count; j++)
    if (d[j].name && strlen(d[j].name) == n && memcmp(d[j].name, s, n) == 0) {
      *index = j;
      return &d[j];
    }
  return NULL;
}

static node *parse_name(P *p, const tok *t) {
  const char *s = p->text + t->at.off;
  size_t n = t->len, index = 0;
  const gv_expr_decl *g = p->env ? find_decl(p->env->globals, p->env->global_count, s, n, &index) : NULL;
  int field = 0;
  if (g == NULL && p->env) {
    g = find_decl(p->env->fields, p->env->field_count, s, n, &index);
    field = g != NULL;
  }
  if (g == NULL) {
    int shown = (int)clip(s, n, 80);
    if (find_fn(s, n) >= 0) {
      perr(p, t->at, "expr.function_without_call", "'%.*s' is a function: write %.*s(...)", (int)n, s, (int)n, s);
    } else {
      const char *near = suggest(p, s, n, 0);
      if (near)
        perr(p, t->at, "expr.name_unknown_suggest", "unknown name '%.*s'; did you mean '%s'?", shown, s, near);
      else
        perr(p, t->at, "expr.name_unknown", "unknown name '%.*s'%s", shown, s, shown < (int)n ? "…" : "");
    }
    return &p->errn;
  }
  if (field && !p->in_agg)
    perr(p, t->at, "expr.field_outside_aggregate",
         "the sample field '%.*s' can be used only inside an aggregate over the samples: "
         "count, sum, mean, min_of, max_of, all or any",
         (int)n, s);
  node *nd = new_node(p, field ? N_FIELD : N_GLOBAL, t->at, t->at);
  if (nd == &p->errn) return nd;
  nd->index = index;
  nd->type = (unsigned char)g->type;
  nd->name = gv_arena_strndup(p->arena, s, n);
  if (nd->name == NULL) p_nomem(p);
  return finish(p, nd);
}

/* Whether the argument types fit; reports the first misfit. */
static int need(P *p, const node *call, size_t i, unsigned want) {
  const node *a = call->kids[i];
  if (a->type == T_ERR || a->type == want) return 1;
  const char *fname = fns[call->fn].name;
  const char *hint = "";
  if (want == GV_V_DATE && a->type == GV_V_STR && a->kind == N_LIT) hint = " (write date(\"YYYY-MM-DD\") for a date)";
  if (fns[call->fn].max == 1)
    perr(p, a->start, "expr.argument_type", "%s() needs %s, not %s%s", fname, a_type(want), a_type(a->type), hint);
  else
    perr(p, a->start, "expr.argument_n_type", "argument %zu of %s() must be %s, not %s%s", i + 1, fname, a_type(want),
         a_type(a->type), hint);
  return 0;
}

/* Types a call: its result type, or T_ERR. */
static unsigned check_call(P *p, node *n) {
  const struct fn_def *f = &fns[n->fn];
  size_t na = n->nkids;
  static const unsigned char result[F_N] = {T_ERR,     T_ERR,    GV_V_NUM, GV_V_NUM,  GV_V_NUM, GV_V_NUM,  GV_V_NUM,
                                            GV_V_NUM,  GV_V_NUM, GV_V_NUM, T_ERR,     T_ERR,    GV_V_BOOL, GV_V_BOOL,
                                            GV_V_BOOL, GV_V_NUM, GV_V_NUM, GV_V_DATE, GV_V_NUM};
  if (na < f->min || (f->max && na > f->max)) {
    if (f->max == 0)
      perr(p, n->at, "expr.arguments_too_few", "%s() takes at least %u arguments, not %zu%s", f->name, f->min, na,
           n->fn == F_MIN   ? " (for the smallest value over the samples, use min_of())"
           : n->fn == F_MAX ? " (for the largest value over the samples, use max_of())"
                            : "");
    else if (f->min == f->max)
      perr(p, n->at, "expr.arguments_count", "%s() takes %u argument%s, not %zu", f->name, f->min,
           f->min == 1 ? "" : "s", na);
    else
      perr(p, n->at, "expr.arguments_count_range", "%s() takes %u or %u arguments, not %zu", f->name, f->min, f->max,
           na);
    return result[n->fn];
  }
  switch (n->fn) {
    case F_MIN:
    case F_MAX: {
      unsigned t = T_ERR;
      size_t first = 0;
      for (size_t j = 0; j < na; j++) {
        unsigned at = n->kids[j]->type;
        if (at == T_ERR) continue;
        if (t == T_ERR) {
          if (at != GV_V_NUM && at != GV_V_DATE) {
            perr(p, n->kids[j]->start, "expr.compare_type", "%s() compares numbers or dates, not %s", f->name,
                 a_type(at));
            return T_ERR;
          }
          t = at;
          first = j;
        } else if (at != t) {
          perr(p, n->kids[j]->start, "expr.argument_type_mismatch",
               "argument %zu of %s() must be %s like argument %zu, not %s", j + 1, f->name, a_type(t), first + 1,
               a_type(at));
        }
      }
      return t;
    }
    case F_CLAMP:
      for (size_t j = 0; j < na; j++) need(p, n, j, GV_V_NUM);
      return GV_V_NUM;
    case F_ROUND:
      need(p, n, 0, GV_V_NUM);
      if (na == 2 && need(p, n, 1, GV_V_NUM) && n->kids[1]->kind == N_LIT) {
        double d = n->kids[1]->lit.u.num;
        if (d != floor(d) || d < 0 || d > 10)
          perr(p, n->kids[1]->start, "expr.round_digits", "round() keeps a whole number of digits from 0 to 10, not %g",
               d);
      }
      return GV_V_NUM;
    case F_ABS:
    case F_FLOOR:
    case F_CEIL:
    case F_SUM:
    case F_MEAN: need(p, n, 0, GV_V_NUM); return GV_V_NUM;
    case F_COUNT: need(p, n, 0, GV_V_BOOL); return GV_V_NUM;
    case F_ALL:
    case F_ANY: need(p, n, 0, GV_V_BOOL); return GV_V_BOOL;
    case F_MIN_OF:
    case F_MAX_OF: {
      unsigned at = n->kids[0]->type;
      if (at == T_ERR || at == GV_V_NUM || at == GV_V_DATE) return at;
      perr(p, n->kids[0]->start, "expr.number_or_date", "%s() needs a number or a date, not %s", f->name, a_type(at));
      return T_ERR;
    }
    case F_HAS: {
      const node *a = n->kids[0];
      if (a->type != T_ERR && a->kind != N_FIELD && a->kind != N_GLOBAL)
        perr(p, a->start, "expr.has_argument", "has() takes the name of a field, as in has(published)");
      return GV_V_BOOL;
    }
    case F_WORKING_DAYS:
    case F_DAYS:
      need(p, n, 0, GV_V_DATE);
      need(p, n, 1, GV_V_DATE);
      return GV_V_NUM;
    case F_DATE:
      if (need(p, n, 0, GV_V_STR) && n->kids[0]->kind == N_LIT) {
        /* a literal date is checked and folded now */
        const gv_value *s = &n->kids[0]->lit;
        int32_t day;
        if (gv_expr_parse_date(s->u.str.s, s->u.str.len, &day) != 0) {
          perr(p, n->kids[0]->start, "expr.date_invalid",
               "invalid date '%.*s': write dates as YYYY-MM-DD, e.g. \"2023-05-04\"",
               (int)clip(s->u.str.s, s->u.str.len, 40), s->u.str.s);
          return GV_V_DATE;
        }
        n->kind = N_LIT;
        n->nkids = 0;
        n->lit.type = GV_V_DATE;
        n->lit.u.date = day;
      }
      return GV_V_DATE;
    case F_LEN: need(p, n, 0, GV_V_STR); return GV_V_NUM;
  }
  return T_ERR;
}

/* name ( args ): p->t is at the '('. */
static node *parse_call(P *p, const tok *name) {
  const char *s = p->text + name->at.off;
  size_t sn = name->len, idx;
  int f = find_fn(s, sn);
  int shown = (int)clip(s, sn, 80);
  if (f < 0) {
    int declared = p->env && (find_decl(p->env->globals, p->env->global_count, s, sn, &idx) ||
                              find_decl(p->env->fields, p->env->field_count, s, sn, &idx));
    const char *near = declared ? NULL : suggest(p, s, sn, 1);
    if (declared)
      perr(p, name->at, "expr.not_a_function", "'%.*s' is not a function", shown, s);
    else if (near)
      perr(p, name->at, "expr.function_unknown_suggest", "unknown function '%.*s'; did you mean '%s'?", shown, s, near);
    else
      perr(p, name->at, "expr.function_unknown", "unknown function '%.*s'%s", shown, s, shown < (int)sn ? "…" : "");
  } else if (fns[f].agg && p->in_agg == 1) {
    perr(p, name->at, "expr.aggregate_nested",
         "%s() cannot be used inside %.*s(): an aggregate's argument is computed once per sample, "
         "and aggregates do not nest",
         fns[f].name, (int)p->agg->len, p->text + p->agg->at.off);
  }
  int saved_in = p->in_agg;
  const tok *saved_agg = p->agg;
  if (f >= 0 && fns[f].agg && !p->in_agg) {
    p->in_agg = 1;
    p->agg = name;
  } else if (f < 0 && !p->in_agg) {
    p->in_agg = 2; /* perhaps a misspelt aggregate: do not also complain of its fields */
  }
  nvec args = {0};
  const tok *lp = advance(p);
  if (!enter(p, name->at)) {
    p->in_agg = saved_in;
    p->agg = saved_agg;
    return &p->errn;
  }
  if (peekk(p) != TK_RP) {
    for (;;) {
      size_t before = p->t;
      node *a = parse_expr(p);
      if (p->fatal || nvec_push(p, &args, a, 0, a->start) != 0) break;
      if (peekk(p) == TK_COMMA) {
        advance(p);
        p->panic = 0;
        continue;
      }
      int k = peekk(p);
      if (k == TK_RP || k == TK_EOF || k == TK_THEN || k == TK_ELSE || p->t == before) break;
      char buf[64];
      psyntax(p, peek(p), "expr.call_comma_expected", "expected ',' or ')' after argument %zu of %.*s(), found %s",
              args.len, shown, s, tok_desc(p, peek(p), buf, sizeof buf));
    }
  }
  if (peekk(p) == TK_RP) {
    advance(p);
    p->panic = 0;
  } else if (!p->fatal) {
    char buf[64];
    psyntax(p, peek(p), "expr.call_unclosed", "expected ')' to close %.*s( at line %u, column %u, found %s", shown, s,
            lp->at.line, lp->at.col, tok_desc(p, peek(p), buf, sizeof buf));
  }
  leave(p);
  p->in_agg = saved_in;
  p->agg = saved_agg;
  if (f < 0 || p->fatal) {
    nvec_free(&args);
    return &p->errn;
  }
  node *n = new_node(p, N_CALL, name->at, name->at);
  if (attach(p, n, &args, 0) != 0) {
    nvec_free(&args);
    return &p->errn;
  }
  nvec_free(&args);
  n->fn = (unsigned char)f;
  if (fns[f].agg) p->uses_samples = 1;
  n->type = (unsigned char)check_call(p, n);
  return finish(p, n);
}

static node *parse_primary(P *p) {
  if (p->fatal) return &p->errn;
  const tok *t = peek(p);
  char buf[64];
  switch (t->kind) {
    case TK_NUM:
    case TK_STR:
    case TK_TRUE:
    case TK_FALSE:
    case TK_NULL: {
      advance(p);
      p->panic = 0;
      node *n = new_node(p, N_LIT, t->at, t->at);
      if (n == &p->errn) return n;
      if (t->kind == TK_NUM) {
        n->lit.type = GV_V_NUM;
        n->lit.u.num = t->num;
      } else if (t->kind == TK_STR) {
        n->lit.type = GV_V_STR;
        n->lit.u.str.s = t->str;
        n->lit.u.str.len = t->slen;
      } else if (t->kind == TK_NULL) {
        n->lit.type = GV_V_NULL;
      } else {
        n->lit.type = GV_V_BOOL;
        n->lit.u.b = t->kind == TK_TRUE;
      }
      n->type = (unsigned char)n->lit.type;
      return n;
    }
    case TK_NAME:
      advance(p);
      p->panic = 0;
      if (peekk(p) == TK_LP) return parse_call(p, t);
      return parse_name(p, t);
    case TK_LP: {
      if (!enter(p, t->at)) return &p->errn;
      advance(p);
      node *e = parse_expr(p);
      if (peekk(p) == TK_RP) {
        advance(p);
        p->panic = 0;
      } else if (!p->fatal) {
        psyntax(p, peek(p), "expr.paren_unclosed", "expected ')' to close the '(' at line %u, column %u, found %s",
                t->at.line, t->at.col, tok_desc(p, peek(p), buf, sizeof buf));
      }
      leave(p);
      if (e != &p->errn) e->start = t->at;
      return e;
    }
    case TK_IF: {
      if (!enter(p, t->at)) return &p->errn;
      advance(p);
      node *c = parse_expr(p), *a = &p->errn, *b = &p->errn;
      const tok *els = NULL;
      if (peekk(p) == TK_THEN) {
        advance(p);
        p->panic = 0;
      } else {
        psyntax(p, peek(p), "expr.then_expected", "expected 'then' after the condition of 'if', found %s",
                tok_desc(p, peek(p), buf, sizeof buf));
      }
      if (!p->fatal) a = parse_expr(p);
      if (peekk(p) == TK_ELSE) {
        els = advance(p);
        p->panic = 0;
      } else if (!p->fatal) {
        psyntax(p, peek(p), "expr.else_expected", "expected 'else' (an 'if' needs both branches), found %s",
                tok_desc(p, peek(p), buf, sizeof buf));
      }
      if (!p->fatal) b = parse_expr(p);
      leave(p);
      if (p->fatal) return &p->errn;
      if (c->type != T_ERR && c->type != GV_V_BOOL)
        perr(p, c->start, "expr.if_condition_type", "the condition of 'if' must be a boolean, not %s", a_type(c->type));
      unsigned ty = T_ERR;
      if (a->type == T_ERR || b->type == T_ERR)
        ty = T_ERR;
      else if (a->type == b->type || b->type == GV_V_NULL)
        ty = a->type;
      else if (a->type == GV_V_NULL)
        ty = b->type;
      else
        perr(p, els ? els->at : b->start, "expr.if_branches_differ",
             "the branches of 'if' differ: 'then' gives %s, 'else' gives %s", a_type(a->type), a_type(b->type));
      node *n = new_node(p, N_IF, t->at, t->at);
      if (n == &p->errn) return n;
      nvec v = {0};
      if (nvec_push(p, &v, c, 0, t->at) || nvec_push(p, &v, a, 0, t->at) || nvec_push(p, &v, b, 0, t->at) ||
          attach(p, n, &v, 0)) {
        nvec_free(&v);
        return &p->errn;
      }
      nvec_free(&v);
      n->type = (unsigned char)ty;
      return finish(p, n);
    }
    case TK_NOT: return parse_not(p);
    case TK_BAD:
      /* already reported by the lexer */
      advance(p);
      p->panic = 1;
      return &p->errn;
    default:
      if (t->kind == TK_EOF && p->t == 0)
        psyntax(p, t, "expr.empty", "the expression is empty");
      else
        psyntax(p, t, "expr.value_expected", "expected a value, found %s", tok_desc(p, t, buf, sizeof buf));
      return &p->errn;
  }
}

static node *parse_unary(P *p) {
  if (peekk(p) != TK_MINUS) return parse_primary(p);
  const tok *op = peek(p);
  if (!enter(p, op->at)) return &p->errn;
  advance(p);
  node *x = parse_unary(p);
  leave(p);
  if (p->fatal) return &p->errn;
  if (x->type != T_ERR && x->type != GV_V_NUM)
    perr(p, op->at, "expr.negate_type", "'-' needs a number, not %s", a_type(x->type));
  node *n = new_node(p, N_NEG, op->at, op->at);
  nvec v = {0};
  if (nvec_push(p, &v, x, 0, op->at) || attach(p, n, &v, 0)) {
    nvec_free(&v);
    return &p->errn;
  }
  nvec_free(&v);
  n->type = x->type == T_ERR ? T_ERR : GV_V_NUM;
  return finish(p, n);
}

/* The type of one arithmetic step, or T_ERR after reporting a misfit. */
static unsigned arith_step(P *p, int op, unsigned a, unsigned b, spos at) {
  if (a == T_ERR || b == T_ERR) return T_ERR;
  if (a == GV_V_NUM && b == GV_V_NUM) return GV_V_NUM;
  if (op == TK_PLUS && ((a == GV_V_DATE && b == GV_V_NUM) || (a == GV_V_NUM && b == GV_V_DATE))) return GV_V_DATE;
  if (op == TK_MINUS && a == GV_V_DATE && b == GV_V_NUM) return GV_V_DATE;
  if (op == TK_MINUS && a == GV_V_DATE && b == GV_V_DATE) return GV_V_NUM;
  const char *hint = "";
  if (a == GV_V_NULL || b == GV_V_NULL)
    hint = " (null has no value to compute with)";
  else if (op == TK_PLUS && a == GV_V_DATE && b == GV_V_DATE)
    hint = " (subtract dates to get the days between)";
  else if (a == GV_V_STR || b == GV_V_STR)
    hint = " (strings have no arithmetic)";
  perr(p, at, "expr.arithmetic_type", "'%s' cannot combine %s and %s%s", tk_text[op], a_type(a), a_type(b), hint);
  return T_ERR;
}

/* operand (op operand)*: one n-ary node for + - or * / %. */
static node *parse_arith(P *p, int level) {
  spos start = peek(p)->at; /* not first->start: first may be the error node */
  node *first = level == 0 ? parse_arith(p, 1) : parse_unary(p);
  int k = peekk(p);
  int is_op = level == 0 ? (k == TK_PLUS || k == TK_MINUS) : (k == TK_STAR || k == TK_SLASH || k == TK_PCT);
  if (!is_op || p->fatal) return first;
  nvec v = {0};
  nvec_push(p, &v, first, 0, start);
  unsigned ty = first->type;
  while (!p->fatal) {
    k = peekk(p);
    is_op = level == 0 ? (k == TK_PLUS || k == TK_MINUS) : (k == TK_STAR || k == TK_SLASH || k == TK_PCT);
    if (!is_op) break;
    const tok *op = advance(p);
    node *r = level == 0 ? parse_arith(p, 1) : parse_unary(p);
    if (nvec_push(p, &v, r, k, op->at) != 0) break;
    ty = arith_step(p, k, ty, r->type, op->at);
    v.ops[v.len - 1].type = (unsigned char)ty;
  }
  node *n = p->fatal ? &p->errn : new_node(p, N_ARITH, start, v.ops[1].at);
  if (attach(p, n, &v, 1) != 0) {
    nvec_free(&v);
    return &p->errn;
  }
  nvec_free(&v);
  n->type = (unsigned char)ty;
  return finish(p, n);
}

static int is_cmp(int k) { return k >= TK_EQ && k <= TK_GE; }

static node *parse_cmp(P *p) {
  spos start = peek(p)->at;
  node *l = parse_arith(p, 0);
  if (!is_cmp(peekk(p)) || p->fatal) return l;
  const tok *op = advance(p);
  node *r = parse_arith(p, 0);
  if (p->fatal) return &p->errn;
  unsigned a = l->type, b = r->type;
  int ordering = op->kind != TK_EQ && op->kind != TK_NE;
  if (a != T_ERR && b != T_ERR) {
    if (a == GV_V_NULL || b == GV_V_NULL) {
      if (ordering)
        perr(p, op->at, "expr.compare_null",
             "'%s' cannot compare with null (test a missing value with '== null' or has())", tk_text[op->kind]);
    } else if (a != b) {
      perr(p, op->at, "expr.compare_mismatch", "cannot compare %s with %s%s", a_type(a), a_type(b),
           (a == GV_V_STR && b == GV_V_DATE) || (a == GV_V_DATE && b == GV_V_STR)
               ? " (write date(\"YYYY-MM-DD\") for a date)"
               : "");
    } else if (ordering && a == GV_V_BOOL) {
      perr(p, op->at, "expr.order_booleans", "'%s' cannot order booleans (use '==' or '!=')", tk_text[op->kind]);
    }
  }
  if (is_cmp(peekk(p))) {
    const tok *op2 = peek(p);
    if (!p->panic)
      perr(p, op2->at, "expr.compare_chained", "comparisons cannot be chained: write 'a %s b and b %s c'",
           tk_text[op->kind], tk_text[op2->kind]);
    while (is_cmp(peekk(p)) && !p->fatal) {
      advance(p);
      (void)parse_arith(p, 0);
    }
  }
  node *n = new_node(p, N_CMP, start, op->at);
  nvec v = {0};
  if (nvec_push(p, &v, l, 0, op->at) || nvec_push(p, &v, r, 0, op->at) || attach(p, n, &v, 0)) {
    nvec_free(&v);
    return &p->errn;
  }
  nvec_free(&v);
  n->op = (unsigned char)op->kind;
  n->type = GV_V_BOOL;
  return finish(p, n);
}

static node *parse_not(P *p) {
  if (peekk(p) != TK_NOT) return parse_cmp(p);
  const tok *op = peek(p);
  if (!enter(p, op->at)) return &p->errn;
  advance(p);
  node *x = parse_not(p);
  leave(p);
  if (p->fatal) return &p->errn;
  if (x->type != T_ERR && x->type != GV_V_BOOL)
    perr(p, op->at, "expr.not_type", "'not' needs a boolean, not %s", a_type(x->type));
  node *n = new_node(p, N_NOT, op->at, op->at);
  nvec v = {0};
  if (nvec_push(p, &v, x, 0, op->at) || attach(p, n, &v, 0)) {
    nvec_free(&v);
    return &p->errn;
  }
  nvec_free(&v);
  n->type = GV_V_BOOL;
  return finish(p, n);
}

/* and / or chains (level 1: and, level 0: or). */
static node *parse_logic(P *p, int level) {
  int opk = level == 0 ? TK_OR : TK_AND;
  spos start = peek(p)->at;
  node *first = level == 0 ? parse_logic(p, 1) : parse_not(p);
  if (peekk(p) != opk || p->fatal) return first;
  nvec v = {0};
  nvec_push(p, &v, first, 0, start);
  while (peekk(p) == opk && !p->fatal) {
    const tok *op = advance(p);
    node *r = level == 0 ? parse_logic(p, 1) : parse_not(p);
    if (nvec_push(p, &v, r, opk, op->at) != 0) break;
  }
  if (p->fatal) {
    nvec_free(&v);
    return &p->errn;
  }
  for (size_t j = 0; j < v.len; j++) {
    unsigned t = v.kids[j]->type;
    if (t != T_ERR && t != GV_V_BOOL)
      perr(p, j == 0 ? v.ops[1].at : v.ops[j].at, "expr.logic_type", "the %s side of '%s' is %s, not a boolean",
           j == 0 ? "left" : "right", tk_text[opk], a_type(t));
  }
  node *n = new_node(p, level == 0 ? N_OR : N_AND, start, v.ops[1].at);
  if (attach(p, n, &v, 1) != 0) {
    nvec_free(&v);
    return &p->errn;
  }
  nvec_free(&v);
  n->type = GV_V_BOOL;
  return finish(p, n);
}

static node *parse_expr(P *p) {
  if (p->fatal) return &p->errn;
  return parse_logic(p, 0);
}

/* ---- compile ---------------------------------------------------------------------------- */

/* Adds the errors found to `d`, in document order; returns what the
   compilation amounts to: GOVOPEN_ENOMEM when memory ran out, else the
   first error's code, GOVOPEN_OK when there is none. */
static int emit(P *p, gv_diags *d, const char *source, const char *path) {
  if (p->ndiags > 1) qsort(p->diags, p->ndiags, sizeof *p->diags, pdiag_cmp);
  for (size_t j = 0; j < p->ndiags; j++)
    gv_diag_add(d, GOVOPEN_SEVERITY_ERROR, p->diags[j].code, source, p->diags[j].at.line, p->diags[j].at.col,
                path ? path : "", p->diags[j].id, "%s", p->diags[j].msg);
  if (p_status(p) != GOVOPEN_OK) {
    gv_diag_oom(d, source);
    return GOVOPEN_ENOMEM;
  }
  return p->ndiags ? p->diags[0].code : GOVOPEN_OK;
}

static void cleanup(P *p) {
  for (size_t j = 0; j < p->ndiags; j++) free(p->diags[j].msg);
  free(p->diags);
  free(p->toks);
}

int gv_expr_compile(gv_arena *arena, const char *text, size_t len, const gv_expr_env *env, const gv_expr_pos *pos,
                    gv_diags *d, const char *source, const char *path, gv_expr **out) {
  return gv_expr_compile_limited(arena, text, len, env, pos, NULL, d, source, path, out);
}

int gv_expr_compile_limited(gv_arena *arena, const char *text, size_t len, const gv_expr_env *env,
                            const gv_expr_pos *pos, const gv_expr_limits *lim, gv_diags *d, const char *source,
                            const char *path, gv_expr **out) {
  *out = NULL;
  if (d == NULL) return GOVOPEN_EINVALID;
  if (arena == NULL || (text == NULL && len > 0)) {
    gv_diag_add(d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_EINVALID, source, 0, 0, path ? path : "", "expr.missing",
                "no expression to compile");
    return GOVOPEN_EINVALID;
  }
  P p;
  memset(&p, 0, sizeof p);
  p.arena = arena;
  p.text = text ? text : "";
  p.len = len;
  p.env = env;
  if (pos) p.pos = *pos;
  if (p.pos.line == 0) p.pos.line = 1;
  if (p.pos.col == 0) p.pos.col = 1;
  p.errn.kind = N_ERROR;
  p.errn.type = T_ERR;
  p.errn.height = 1;
  /* a caller may lower the limits, never raise them past the fixed ones */
  p.max_chars = lim && lim->max_chars && lim->max_chars < GV_EXPR_MAX_CHARS ? lim->max_chars : GV_EXPR_MAX_CHARS;
  p.max_nodes = lim && lim->max_nodes && lim->max_nodes < GV_EXPR_MAX_NODES ? lim->max_nodes : GV_EXPR_MAX_NODES;

  for (size_t j = 0; env && j < env->global_count + env->field_count; j++) {
    const gv_expr_decl *dc = j < env->global_count ? &env->globals[j] : &env->fields[j - env->global_count];
    if (dc->name == NULL || dc->type == GV_V_NULL || (unsigned)dc->type > GV_V_DATE) {
      gv_diag_add(d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_EINVALID, source, p.pos.line, p.pos.col, path ? path : "",
                  "expr.environment_untyped", "the expression's environment declares '%s' without a type",
                  dc->name ? dc->name : "");
      return GOVOPEN_EINVALID;
    }
  }

  /* the length limit, in characters, before anything else; the error points
     at the first character over it */
  size_t chars = 0;
  while (p.i < p.len && chars < p.max_chars) {
    if (p.text[p.i] == '\n') {
      p.i++;
      p.k++;
      p.c = 0;
    } else {
      size_t cn;
      (void)cur_cp(&p, &cn);
      step(&p, cn);
    }
    chars++;
  }
  if (p.i < p.len) {
    plimit(&p, here(&p), "limit.expression_length", "the expression is longer than %zu characters", p.max_chars);
    int rc = emit(&p, d, source, path);
    cleanup(&p);
    return rc != GOVOPEN_OK ? rc : GOVOPEN_ELIMIT;
  }
  p.i = 0;
  p.k = 0;
  p.c = 0;

  lex(&p);
  node *root = &p.errn;
  if (!p.fatal) {
    root = parse_expr(&p);
    int reported = 0;
    while (!p.fatal && peekk(&p) != TK_EOF) {
      const tok *t = peek(&p);
      if (!reported && !p.panic && t->kind != TK_BAD) {
        char buf[64];
        if (t->kind == TK_RP)
          perr(&p, t->at, "expr.paren_unmatched", "unmatched ')'");
        else
          perr(&p, t->at, "expr.trailing", "unexpected %s after the end of the expression%s",
               tok_desc(&p, t, buf, sizeof buf),
               t->kind == TK_NAME || t->kind == TK_NUM || t->kind == TK_STR || t->kind == TK_LP
                   ? " (is an operator missing?)"
                   : "");
      }
      reported = 1;
      p.panic = 1;
      size_t before = p.t;
      int k = t->kind;
      /* read on, to report the names and types of the rest too */
      if (k == TK_NAME || k == TK_NUM || k == TK_STR || k == TK_LP || k == TK_IF || k == TK_NOT || k == TK_MINUS ||
          k == TK_TRUE || k == TK_FALSE || k == TK_NULL)
        (void)parse_expr(&p);
      if (p.t == before) advance(&p);
      p.panic = 1;
    }
  }
  gv_expr *e = NULL;
  if (p.ndiags == 0 && p_status(&p) == GOVOPEN_OK && root != &p.errn) {
    e = gv_arena_alloc(arena, sizeof *e);
    if (e == NULL) {
      p_nomem(&p);
    } else {
      e->root = root;
      e->type = (gv_vtype)root->type;
      e->uses_samples = p.uses_samples;
      e->nodes = p.nodes;
    }
  }
  if (e == NULL && p.ndiags == 0 &&
      p_status(&p) == GOVOPEN_OK) /* cannot happen: an error node always comes with a message */
    perr(&p, here(&p), "expr.compile_failed", "the expression could not be compiled");
  int rc = emit(&p, d, source, path);
  cleanup(&p);
  if (rc == GOVOPEN_OK) *out = e; /* e is not NULL: no error was found */
  return rc;
}

gv_vtype gv_expr_type(const gv_expr *e) { return e ? e->type : GV_V_NULL; }
int gv_expr_uses_samples(const gv_expr *e) { return e ? e->uses_samples : 0; }
size_t gv_expr_node_count(const gv_expr *e) { return e ? e->nodes : 0; }

/* ---- evaluation ------------------------------------------------------------------------- */

typedef struct ev {
  const gv_expr_ctx *ctx;
  gv_buf *err;
  size_t sample;
  int in_sample;
  int status;
  uint64_t steps, max_steps;
} ev;

GV_PRINTF(3, 4)
static int rt_err(ev *v, spos at, const char *fmt, ...) {
  va_list ap;
  gv_buf_printf(v->err, "line %u, column %u: ", at.line, at.col);
  va_start(ap, fmt);
  gv_buf_vprintf(v->err, fmt, ap);
  va_end(ap);
  if (v->in_sample) gv_buf_printf(v->err, " (sample %zu of %zu)", v->sample + 1, v->ctx->sample_count);
  if (v->status == 0) v->status = GOVOPEN_EINVALID;
  return v->status;
}

/* A null where a value is needed: names the missing value when it is a name. */
static int null_err(ev *v, spos at, const node *operand, const char *where) {
  if (operand->kind == N_FIELD)
    return rt_err(v, at, "'%s' is null in %s; test it first with has(%s)", operand->name, where, operand->name);
  if (operand->kind == N_GLOBAL)
    return rt_err(v, at, "'%s' is null in %s; test it first with %s == null", operand->name, where, operand->name);
  return rt_err(v, at, "null in %s", where);
}

static int num_ok(ev *v, spos at, double x, const char *what, gv_value *out) {
  if (!isfinite(x)) return rt_err(v, at, "%s gives a number too large to represent", what);
  out->type = GV_V_NUM;
  out->u.num = x;
  return 0;
}

static int date_ok(ev *v, spos at, int64_t day, const char *what, gv_value *out) {
  if (day < DATE_MIN || day > DATE_MAX) return rt_err(v, at, "%s gives a date outside the years 1 to 9999", what);
  out->type = GV_V_DATE;
  out->u.date = (int32_t)day;
  return 0;
}

/* A value from the host: null or the declared type, numbers finite. */
static int host_value(ev *v, const node *n, gv_value *x) {
  const char *what = n->kind == N_FIELD ? "field" : "global";
  if (x->type == GV_V_NULL) return 0;
  if ((unsigned)x->type != n->type)
    return rt_err(v, n->at, "the %s '%s' holds %s, but it is declared %s", what, n->name,
                  (unsigned)x->type <= GV_V_DATE ? a_type(x->type) : "an invalid value", a_type(n->type));
  if (x->type == GV_V_NUM && !isfinite(x->u.num))
    return rt_err(v, n->at, "the %s '%s' is not a finite number", what, n->name);
  if (x->type == GV_V_STR && x->u.str.s == NULL) {
    if (x->u.str.len) return rt_err(v, n->at, "the %s '%s' has a length but no text", what, n->name);
    x->u.str.s = "";
  }
  if (x->type == GV_V_BOOL) x->u.b = x->u.b != 0;
  return 0;
}

static int eval(ev *v, const node *n, gv_value *out);

/* Evaluates a child that must not be null. */
static int eval_val(ev *v, const node *n, gv_value *out, spos at, const char *where) {
  int rc = eval(v, n, out);
  if (rc) return rc;
  if (out->type == GV_V_NULL) return null_err(v, at, n, where);
  return 0;
}

static int arith(ev *v, const xop *o, gv_value *acc, const gv_value *r) {
  char what[8];
  snprintf(what, sizeof what, "'%s'", tk_text[o->op]);
  if (acc->type == GV_V_NUM && r->type == GV_V_NUM) {
    double a = acc->u.num, b = r->u.num, x;
    switch (o->op) {
      case TK_PLUS: x = a + b; break;
      case TK_MINUS: x = a - b; break;
      case TK_STAR: x = a * b; break;
      case TK_SLASH:
        if (b == 0) return rt_err(v, o->at, "division by zero");
        x = a / b;
        break;
      default:
        if (b == 0) return rt_err(v, o->at, "division by zero ('%%')");
        x = fmod(a, b);
        break;
    }
    return num_ok(v, o->at, x, what, acc);
  }
  if (acc->type == GV_V_DATE && r->type == GV_V_DATE) /* date - date */
    return num_ok(v, o->at, (double)((int64_t)acc->u.date - r->u.date), what, acc);
  /* date ± number, number + date */
  int64_t day = acc->type == GV_V_DATE ? acc->u.date : r->u.date;
  double k = acc->type == GV_V_DATE ? r->u.num : acc->u.num;
  if (k != floor(k)) return rt_err(v, o->at, "%s needs a whole number of days, not %g", what, k);
  if (fabs(k) > 1e7) return rt_err(v, o->at, "%s gives a date outside the years 1 to 9999", what);
  return date_ok(v, o->at, o->op == TK_MINUS ? day - (int64_t)k : day + (int64_t)k, what, acc);
}

static int compare(const gv_value *a, const gv_value *b) {
  switch (a->type) {
    case GV_V_NUM: return (a->u.num > b->u.num) - (a->u.num < b->u.num);
    case GV_V_DATE: return (a->u.date > b->u.date) - (a->u.date < b->u.date);
    case GV_V_BOOL: return (a->u.b > b->u.b) - (a->u.b < b->u.b);
    case GV_V_STR: {
      size_t n = a->u.str.len < b->u.str.len ? a->u.str.len : b->u.str.len;
      int c = n ? memcmp(a->u.str.s, b->u.str.s, n) : 0;
      if (c) return c < 0 ? -1 : 1;
      return (a->u.str.len > b->u.str.len) - (a->u.str.len < b->u.str.len);
    }
    default: return 0;
  }
}

static int eval_cmp(ev *v, const node *n, gv_value *out) {
  gv_value a, b;
  int rc = eval(v, n->kids[0], &a);
  if (rc == 0) rc = eval(v, n->kids[1], &b);
  if (rc) return rc;
  out->type = GV_V_BOOL;
  if (n->op == TK_EQ || n->op == TK_NE) {
    int eq;
    if (a.type == GV_V_NULL || b.type == GV_V_NULL)
      eq = a.type == b.type;
    else
      eq = compare(&a, &b) == 0;
    out->u.b = n->op == TK_EQ ? eq : !eq;
    return 0;
  }
  char where[32];
  snprintf(where, sizeof where, "the comparison '%s'", tk_text[n->op]);
  if (a.type == GV_V_NULL) return null_err(v, n->at, n->kids[0], where);
  if (b.type == GV_V_NULL) return null_err(v, n->at, n->kids[1], where);
  int c = compare(&a, &b);
  switch (n->op) {
    case TK_LT: out->u.b = c < 0; break;
    case TK_LE: out->u.b = c <= 0; break;
    case TK_GT: out->u.b = c > 0; break;
    default: out->u.b = c >= 0; break;
  }
  return 0;
}

/* round(x, digits): the library's one rule (gv_round_half_away, util/cents.h):
   halves away from zero, a value within rounding noise of a half (2.675 is
   stored as 2.67499999…) counting as the half it was written as. A value
   already whole at that many digits (beyond 2^52) is itself; a negative
   value that rounds to zero stays -0, as round() leaves it. */
static double round_to(double x, int digits) {
  double p = pow10_exact[digits];
  double s = x * p;
  if (!isfinite(s) || fabs(s) >= 4503599627370496.0) return x;
  return copysign((double)gv_round_half_away(s), x) / p;
}

static int eval_aggregate(ev *v, const node *n, gv_value *out) {
  const gv_expr_ctx *ctx = v->ctx;
  const node *a = n->kids[0];
  const char *fname = fns[n->fn].name;
  char where[24];
  snprintf(where, sizeof where, "%s()", fname);
  double acc = 0;
  size_t cnt = 0;
  gv_value best = {GV_V_NULL, {0}};
  int rc = 0, decided = 0;
  v->in_sample = 1;
  for (size_t s = 0; s < ctx->sample_count && rc == 0 && !decided; s++) {
    v->sample = s;
    gv_value x;
    rc = eval(v, a, &x);
    if (rc) break;
    if (x.type == GV_V_NULL) {
      /* value aggregates skip missing values; conditions must be known */
      if (n->fn == F_COUNT || n->fn == F_ALL || n->fn == F_ANY) rc = null_err(v, a->start, a, where);
      continue;
    }
    switch (n->fn) {
      case F_COUNT: cnt += x.u.b != 0; break;
      case F_SUM:
      case F_MEAN:
        acc += x.u.num;
        cnt++;
        if (!isfinite(acc)) rc = rt_err(v, n->at, "%s gives a number too large to represent", where);
        break;
      case F_MIN_OF:
      case F_MAX_OF:
        if (best.type == GV_V_NULL || (n->fn == F_MIN_OF ? compare(&x, &best) < 0 : compare(&x, &best) > 0)) best = x;
        break;
      case F_ALL:
      case F_ANY:
        decided = (n->fn == F_ALL) != (x.u.b != 0); /* the rest is not evaluated */
        break;
    }
  }
  v->in_sample = 0;
  if (rc) return rc;
  switch (n->fn) {
    case F_COUNT:
      out->type = GV_V_NUM;
      out->u.num = (double)cnt;
      break;
    case F_SUM:
      out->type = GV_V_NUM;
      out->u.num = acc;
      break;
    case F_MEAN:
      if (cnt == 0)
        out->type = GV_V_NULL;
      else {
        out->type = GV_V_NUM;
        out->u.num = acc / (double)cnt;
      }
      break;
    case F_MIN_OF:
    case F_MAX_OF: *out = best; break;
    case F_ALL:
      out->type = GV_V_BOOL;
      out->u.b = !decided;
      break;
    default:
      out->type = GV_V_BOOL;
      out->u.b = decided;
      break;
  }
  return 0;
}

static int eval_call(ev *v, const node *n, gv_value *out) {
  const char *fname = fns[n->fn].name;
  char where[24];
  snprintf(where, sizeof where, "%s()", fname);
  if (fns[n->fn].agg) return eval_aggregate(v, n, out);
  if (n->fn == F_HAS) {
    gv_value x;
    int rc = eval(v, n->kids[0], &x);
    if (rc) return rc;
    out->type = GV_V_BOOL;
    out->u.b = x.type != GV_V_NULL;
    return 0;
  }
  gv_value a[3];
  size_t na = n->nkids;
  if (n->fn == F_MIN || n->fn == F_MAX) {
    gv_value best = {GV_V_NULL, {0}};
    for (size_t j = 0; j < na; j++) {
      int rc = eval_val(v, n->kids[j], &a[0], n->kids[j]->start, where);
      if (rc) return rc;
      if (j == 0 || (n->fn == F_MIN ? compare(&a[0], &best) < 0 : compare(&a[0], &best) > 0)) best = a[0];
    }
    *out = best;
    return 0;
  }
  for (size_t j = 0; j < na && j < 3; j++) {
    int rc = eval_val(v, n->kids[j], &a[j], n->kids[j]->start, where);
    if (rc) return rc;
  }
  switch (n->fn) {
    case F_CLAMP:
      if (a[1].u.num > a[2].u.num)
        return rt_err(v, n->at, "clamp(): the lower bound %g is above the upper bound %g", a[1].u.num, a[2].u.num);
      out->type = GV_V_NUM;
      out->u.num = a[0].u.num < a[1].u.num ? a[1].u.num : a[0].u.num > a[2].u.num ? a[2].u.num : a[0].u.num;
      return 0;
    case F_ABS: return num_ok(v, n->at, fabs(a[0].u.num), where, out);
    case F_FLOOR: return num_ok(v, n->at, floor(a[0].u.num), where, out);
    case F_CEIL: return num_ok(v, n->at, ceil(a[0].u.num), where, out);
    case F_ROUND: {
      double dg = na == 2 ? a[1].u.num : 0;
      if (dg != floor(dg) || dg < 0 || dg > 10)
        return rt_err(v, n->kids[1]->start, "round() keeps a whole number of digits from 0 to 10, not %g", dg);
      return num_ok(v, n->at, round_to(a[0].u.num, (int)dg), where, out);
    }
    case F_DAYS: return num_ok(v, n->at, (double)((int64_t)a[1].u.date - a[0].u.date), where, out);
    case F_WORKING_DAYS: {
      if (v->ctx->working_days == NULL)
        return rt_err(v, n->at, "working_days() needs a working-day calendar, and none was given");
      double r = 0;
      gv_buf msg = {0};
      int rc = v->ctx->working_days(v->ctx->payload, a[0].u.date, a[1].u.date, &r, &msg);
      if (rc != 0) {
        char d1[16], d2[16];
        gv_expr_format_date(a[0].u.date, d1);
        gv_expr_format_date(a[1].u.date, d2);
        v->status = rc < 0 ? rc : GOVOPEN_EINVALID;
        rt_err(v, n->at, "working_days(%s, %s): %s", d1, d2, msg.len ? gv_buf_str(&msg) : "the calendar failed");
        gv_buf_free(&msg);
        return v->status;
      }
      gv_buf_free(&msg);
      if (!isfinite(r)) return rt_err(v, n->at, "working_days() gave a number that is not finite");
      out->type = GV_V_NUM;
      out->u.num = r;
      return 0;
    }
    case F_DATE: {
      int32_t day;
      if (gv_expr_parse_date(a[0].u.str.s, a[0].u.str.len, &day) != 0)
        return rt_err(v, n->kids[0]->start, "date(): '%.*s' is not a date written YYYY-MM-DD",
                      (int)clip(a[0].u.str.s, a[0].u.str.len, 40), a[0].u.str.s);
      out->type = GV_V_DATE;
      out->u.date = day;
      return 0;
    }
    case F_LEN:
      out->type = GV_V_NUM;
      out->u.num = (double)gv_utf8_count(a[0].u.str.s, a[0].u.str.len);
      return 0;
  }
  return rt_err(v, n->at, "unknown function");
}

static int eval(ev *v, const node *n, gv_value *out) {
  int rc;
  if (++v->steps > v->max_steps) {
    rt_err(v, n->at, "the evaluation took more than %llu steps (the limit)", (unsigned long long)v->max_steps);
    v->status = GOVOPEN_ELIMIT;
    return v->status;
  }
  switch (n->kind) {
    case N_LIT: *out = n->lit; return 0;
    case N_GLOBAL:
      if (v->ctx->globals == NULL || n->index >= v->ctx->global_count)
        return rt_err(v, n->at, "no value was given for the global '%s'", n->name);
      *out = v->ctx->globals[n->index];
      return host_value(v, n, out);
    case N_FIELD:
      if (!v->in_sample || v->ctx->field == NULL)
        return rt_err(v, n->at, "no sample data was given for the field '%s'", n->name);
      memset(out, 0, sizeof *out);
      out->type = GV_V_NULL;
      rc = v->ctx->field(v->ctx->payload, v->sample, n->index, out);
      if (rc != 0) {
        v->status = rc < 0 ? rc : GOVOPEN_EINVALID;
        return rt_err(v, n->at, "the field '%s' could not be read", n->name);
      }
      return host_value(v, n, out);
    case N_NEG:
      if ((rc = eval_val(v, n->kids[0], out, n->at, "'-'")) != 0) return rc;
      out->u.num = -out->u.num;
      return 0;
    case N_NOT:
      if ((rc = eval_val(v, n->kids[0], out, n->at, "'not'")) != 0) return rc;
      out->u.b = !out->u.b;
      return 0;
    case N_AND:
    case N_OR: {
      int is_and = n->kind == N_AND;
      const char *where = is_and ? "'and'" : "'or'";
      for (size_t j = 0; j < n->nkids; j++) {
        if ((rc = eval_val(v, n->kids[j], out, n->kids[j]->start, where)) != 0) return rc;
        if (out->u.b != is_and) return 0; /* decided: the rest is not evaluated */
      }
      return 0;
    }
    case N_ARITH: {
      char where[16];
      snprintf(where, sizeof where, "'%s'", tk_text[n->ops[0].op]);
      if ((rc = eval_val(v, n->kids[0], out, n->ops[0].at, where)) != 0) return rc;
      for (size_t j = 1; j < n->nkids; j++) {
        gv_value r;
        snprintf(where, sizeof where, "'%s'", tk_text[n->ops[j - 1].op]);
        if ((rc = eval_val(v, n->kids[j], &r, n->ops[j - 1].at, where)) != 0) return rc;
        if ((rc = arith(v, &n->ops[j - 1], out, &r)) != 0) return rc;
      }
      return 0;
    }
    case N_CMP: return eval_cmp(v, n, out);
    case N_IF:
      if ((rc = eval_val(v, n->kids[0], out, n->kids[0]->start, "the condition of 'if'")) != 0) return rc;
      return eval(v, n->kids[out->u.b ? 1 : 2], out);
    case N_CALL: return eval_call(v, n, out);
  }
  return rt_err(v, n->at, "invalid expression");
}

int gv_expr_eval(const gv_expr *e, const gv_expr_ctx *ctx, gv_value *out, gv_buf *error_message) {
  gv_buf local = {0};
  gv_buf *eb = error_message ? error_message : &local;
  if (out) {
    memset(out, 0, sizeof *out);
    out->type = GV_V_NULL;
  }
  if (e == NULL || ctx == NULL || out == NULL) {
    gv_buf_puts(eb, "no expression, context or result to evaluate");
    gv_buf_free(&local);
    return GOVOPEN_EINVALID;
  }
  ev v = {ctx, eb, 0, 0, 0, 0, ctx->max_steps ? ctx->max_steps : GV_EXPR_DEFAULT_MAX_STEPS};
  int rc = eval(&v, e->root, out);
  if (rc == 0 && out->type == GV_V_NUM && out->u.num == 0) out->u.num = 0.0; /* no "-0" */
  if (rc != 0) {
    memset(out, 0, sizeof *out);
    out->type = GV_V_NULL;
  }
  gv_buf_free(&local);
  return rc;
}
