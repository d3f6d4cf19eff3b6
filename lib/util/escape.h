/* Text from the input where a reader could be fooled by it: on a terminal
   (escape sequences, bidirectional overrides) and in a spreadsheet
   (formulas). One classification of what is dangerous, used by every
   writer (docs/security.md, "Output escaping"). */
#ifndef GV_ESCAPE_H
#define GV_ESCAPE_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* The length of the character at `p` (before `end`) when it is one that no
   text from the input may carry as it is to a reader: a C0 control
   (U+0000–U+001F, LF and tab included), DEL (U+007F), a C1 control
   (U+0080–U+009F), the line and paragraph separators (U+2028, U+2029), or a
   bidirectional formatting character that can make text read in another
   order than it is stored (U+061C, U+200E, U+200F, U+202A–U+202E,
   U+2066–U+2069); *cp gets its code point. 0 when `p` starts none of them
   (or an ill-formed sequence: see gv_escape_terminal). */
size_t gv_text_control(const unsigned char *p, const unsigned char *end, uint32_t *cp);

/* Appends s[0..n) to `b` for a terminal or a plain-text file: each
   character of gv_text_control() as a visible escape — "\xHH" (two
   lower-case hex digits) for C0 controls and DEL, "\uHHHH" for the others
   (`\x1b`, `\x07`, `\u0085`, `\u202e`) — and each byte that does not start
   well-formed UTF-8 as "\xHH", so that no input sends a terminal an escape
   sequence (a window title, a screen clear, an OSC 8 link) or reverses the
   text around it. LF is kept when `keep_newline` (a format whose lines are
   the text's own). A backslash is not doubled: this is for people to read,
   not an encoding to decode. */
void gv_escape_terminal(gv_buf *b, const char *s, size_t n, int keep_newline);

/* 1 when a spreadsheet may run the CSV field s[0..n) as a formula (OWASP
   "CSV Injection"): it begins with a tab or CR (which spreadsheets may
   drop), or — after any leading spaces, tabs, CRs and LFs — with `=`, `+`,
   `-` or `@`. The writer puts an apostrophe in front of such a field
   (report/csv.c); a reader drops an apostrophe in front of one
   (load/csv_records.c). */
int gv_formula_risk(const char *s, size_t n);

#endif
