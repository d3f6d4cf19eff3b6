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
/* 1 when the text holds only white space (gv_utf8_is_space) or is empty. */
int gv_utf8_blank(const char *s, size_t len);

/* The code point starting s[0..len) in *cp and its length in bytes; 0 when
   the text is empty or does not start with well-formed UTF-8. */
size_t gv_utf8_decode(const char *s, size_t len, unsigned *cp);
/* Spaces a human cannot tell from none at the ends of a name: ASCII white
   space (space, \t … \r), U+00A0 no-break space, U+1680, U+2000 … U+200A,
   U+202F, U+205F and U+3000 ideographic space. */
int gv_utf8_is_space(unsigned cp);
/* Characters that show nothing, or reorder what is shown: zero-width
   U+200B … U+200F, U+2060 … U+2064, U+FEFF, and the bidirectional controls
   U+202A … U+202E, U+2066 … U+2069, U+061C. Names, ids, aliases and
   categories may not hold them: two names that look the same must be the same. */
int gv_utf8_is_invisible(unsigned cp);
/* Moves *s and shortens *len past gv_utf8_is_space() characters at both ends. */
void gv_utf8_trim(const char **s, size_t *len);
/* The byte offset of the first gv_utf8_is_invisible() character, or len
   when there is none; *chars (may be NULL) gets the characters before it,
   *cp (may be NULL) the character. Bytes that are not UTF-8 are skipped. */
size_t gv_utf8_find_invisible(const char *s, size_t len, size_t *chars, unsigned *cp);
/* The Unicode name of an invisible character (static text). */
const char *gv_utf8_invisible_name(unsigned cp);

#endif
