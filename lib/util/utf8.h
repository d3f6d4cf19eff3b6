/* UTF-8 helpers. */
#ifndef GV_UTF8_H
#define GV_UTF8_H

#include <stddef.h>

/* 1 when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
int gv_utf8_valid(const char *s, size_t len);
/* Number of characters in well-formed UTF-8. */
size_t gv_utf8_count(const char *s, size_t len);
/* 1 when the text holds only white space (ASCII, U+3000 ideographic space, NBSP) or is empty. */
int gv_utf8_blank(const char *s, size_t len);

#endif
