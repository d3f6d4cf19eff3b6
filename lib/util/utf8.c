#include "util/utf8.h"

#include <string.h>

size_t gv_utf8_check(const char *str, size_t len) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < len) {
    unsigned c = s[i];
    size_t n;
    unsigned cp;
    if (c < 0x80) {
      i++;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (len - i <= n) return i;
    for (size_t k = 1; k <= n; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return i;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += n + 1;
  }
  return len;
}

int gv_utf8_valid(const char *str, size_t len) { return gv_utf8_check(str, len) == len; }

size_t gv_utf8_count(const char *str, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    if (((unsigned char)str[i] & 0xC0) != 0x80) n++;
  return n;
}

int gv_utf8_blank(const char *s, size_t len) {
  gv_utf8_trim(&s, &len);
  return len == 0;
}

size_t gv_utf8_decode(const char *str, size_t len, unsigned *cp) {
  const unsigned char *s = (const unsigned char *)str;
  if (len == 0) return 0;
  unsigned c = s[0];
  size_t n;
  unsigned v;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    n = 1, v = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 2, v = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 3, v = c & 0x07;
  } else {
    return 0;
  }
  if (len <= n) return 0;
  for (size_t k = 1; k <= n; k++) {
    if ((s[k] & 0xC0) != 0x80) return 0;
    v = (v << 6) | (s[k] & 0x3F);
  }
  if ((n == 1 && v < 0x80) || (n == 2 && v < 0x800) || (n == 3 && v < 0x10000)) return 0;
  if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return n + 1;
}

int gv_utf8_is_space(unsigned cp) {
  return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

int gv_utf8_is_invisible(unsigned cp) {
  return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C;
}

/* The length of the space character ending s[0..len), or 0. */
static size_t space_before(const char *s, size_t len) {
  for (size_t n = 1; n <= 3 && n <= len; n++) {
    unsigned cp;
    if (((unsigned char)s[len - n] & 0xC0) == 0x80) continue;
    return gv_utf8_decode(s + len - n, n, &cp) == n && gv_utf8_is_space(cp) ? n : 0;
  }
  return 0;
}

void gv_utf8_trim(const char **s, size_t *len) {
  unsigned cp;
  size_t n;
  while ((n = gv_utf8_decode(*s, *len, &cp)) != 0 && gv_utf8_is_space(cp)) *s += n, *len -= n;
  while ((n = space_before(*s, *len)) != 0) *len -= n;
}

size_t gv_utf8_find_invisible(const char *s, size_t len, size_t *chars, unsigned *cp) {
  size_t i = 0, k = 0;
  while (i < len) {
    unsigned c;
    size_t n = gv_utf8_decode(s + i, len - i, &c);
    if (n == 0) {
      n = 1; /* not UTF-8: not ours to judge here */
    } else if (gv_utf8_is_invisible(c)) {
      if (chars) *chars = k;
      if (cp) *cp = c;
      return i;
    }
    i += n, k++;
  }
  return len;
}

const char *gv_utf8_invisible_name(unsigned cp) {
  switch (cp) {
    case 0x061C: return "ARABIC LETTER MARK";
    case 0x200B: return "ZERO WIDTH SPACE";
    case 0x200C: return "ZERO WIDTH NON-JOINER";
    case 0x200D: return "ZERO WIDTH JOINER";
    case 0x200E: return "LEFT-TO-RIGHT MARK";
    case 0x200F: return "RIGHT-TO-LEFT MARK";
    case 0x202A: return "LEFT-TO-RIGHT EMBEDDING";
    case 0x202B: return "RIGHT-TO-LEFT EMBEDDING";
    case 0x202C: return "POP DIRECTIONAL FORMATTING";
    case 0x202D: return "LEFT-TO-RIGHT OVERRIDE";
    case 0x202E: return "RIGHT-TO-LEFT OVERRIDE";
    case 0x2060: return "WORD JOINER";
    case 0x2061: return "FUNCTION APPLICATION";
    case 0x2062: return "INVISIBLE TIMES";
    case 0x2063: return "INVISIBLE SEPARATOR";
    case 0x2064: return "INVISIBLE PLUS";
    case 0x2066: return "LEFT-TO-RIGHT ISOLATE";
    case 0x2067: return "RIGHT-TO-LEFT ISOLATE";
    case 0x2068: return "FIRST STRONG ISOLATE";
    case 0x2069: return "POP DIRECTIONAL ISOLATE";
    case 0xFEFF: return "ZERO WIDTH NO-BREAK SPACE";
    default: return "an invisible character";
  }
}
