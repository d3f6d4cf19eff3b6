/* Text from the input for terminals and spreadsheets (util/escape.h). */
#include "util/escape.h"

#include "util/utf8.h"

/* The length of a well-formed UTF-8 sequence at p with its code point, or 0
   (util/utf8.c's decoder: overlong forms, surrogates and values past
   U+10FFFF are not characters). */
static size_t utf8_char(const unsigned char *p, const unsigned char *end, uint32_t *cp) {
  unsigned c;
  size_t k = gv_utf8_decode((const char *)p, (size_t)(end - p), &c);
  if (k) *cp = c;
  return k;
}

static int is_control(uint32_t c) {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0x061c || c == 0x200e ||
         c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

size_t gv_text_control(const unsigned char *p, const unsigned char *end, uint32_t *cp) {
  if (*p < 0x20 || *p == 0x7f) { /* the common case first: ASCII */
    *cp = *p;
    return 1;
  }
  if (*p < 0x80 || (*p != 0xc2 && *p != 0xd8 && *p != 0xe2)) return 0;
  uint32_t c;
  size_t k = utf8_char(p, end, &c);
  if (k == 0 || !is_control(c)) return 0;
  *cp = c;
  return k;
}

static const char HEX[] = "0123456789abcdef";

void gv_escape_terminal(gv_buf *b, const char *s, size_t n, int keep_newline) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  while (p < end) {
    const unsigned char *run = p;
    uint32_t c = 0;
    size_t k = 0;
    int bad = 0;
    for (; p < end; p += k) {
      if (*p < 0x80) {
        k = 1;
        if ((*p < 0x20 || *p == 0x7f) && !(keep_newline && *p == '\n')) break;
      } else if ((k = utf8_char(p, end, &c)) == 0) {
        bad = 1;
        break;
      } else if (is_control(c)) {
        break;
      }
    }
    gv_buf_append(b, (const char *)run, (size_t)(p - run));
    if (p == end) break;
    char e[8];
    if (bad || *p < 0x80) { /* \xHH: a C0 control, DEL, or a byte that starts no character */
      e[0] = '\\', e[1] = 'x', e[2] = HEX[*p >> 4], e[3] = HEX[*p & 15];
      gv_buf_append(b, e, 4);
      p++;
    } else {
      e[0] = '\\', e[1] = 'u';
      for (int i = 0; i < 4; i++) e[2 + i] = HEX[(c >> (12 - 4 * i)) & 15];
      gv_buf_append(b, e, 6);
      p += k;
    }
  }
}

int gv_formula_risk(const char *s, size_t n) {
  if (n == 0) return 0;
  if (s[0] == '\t' || s[0] == '\r') return 1;
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
  return i < n && (s[i] == '=' || s[i] == '+' || s[i] == '-' || s[i] == '@');
}
