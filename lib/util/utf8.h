/* UTF-8 helpers. */
#ifndef GV_UTF8_H
#define GV_UTF8_H

#include <stddef.h>

/* The offset of the first byte of s[0..len) that does not start well-formed
   UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF); len when all is. */
size_t gv_utf8_check(const char *s, size_t len);
/* 1 when s[0..len) is well-formed UTF-8. */
int gv_utf8_valid(const char *s, size_t len);
/* Number of characters in well-formed UTF-8. */
size_t gv_utf8_count(const char *s, size_t len);
/* 1 when the text holds only white space (ASCII, U+3000 ideographic space, NBSP) or is empty. */
int gv_utf8_blank(const char *s, size_t len);

#endif
