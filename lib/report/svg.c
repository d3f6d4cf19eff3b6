/* Horizontal bar charts as inline SVG (report/svg.h). Everything is laid
 * out here in whole pixels, from text widths estimated per character, so
 * that the output is the same bytes on every machine: the browser test
 * (tests/browser/) checks that what a real browser draws from it is legible. */
#include <string.h>

#include "report/html.h"
#include "report/out.h"
#include "report/svg.h"

enum {
  FONT = 13,         /* px, the labels' and values' size (the page's CSS says so too) */
  TITLE_FONT = 15,   /* px, the title's */
  ROW = 26,          /* px, one bar's band */
  BAR = 16,          /* px, a bar's thickness */
  MARGIN = 10,       /* px, around everything */
  AXIS_TITLE_W = 22, /* px, the column of the category axis' title, turned upright */
  GAP = 8,           /* px, between a label and the axis, a bar and its value */
  PLOT_W = 480,      /* px, the value axis' length */
  LABEL_MAX = 1400,  /* hundredths of an em: a label's widest, longer ones are
                        cut short */
  LABEL_MIN = 300,
  TICKS_MAX = 10
};

size_t gv_svg_text_width(const char *s, size_t n) {
  size_t w = 0;
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  while (p < end) {
    unsigned c = *p;
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len == 1) {
      /* proportional Latin: the widest letters, capitals, the rest */
      w += strchr("MWmw@", (int)c) != NULL && c != 0 ? 90 : (c >= 'A' && c <= 'Z') ? 70 : 60;
    } else if (len == 2) {
      w += 70;
    } else {
      /* from U+1100 (Hangul Jamo) up nearly everything is CJK, full-width
         or an emoji, an em wide in a CJK font (which draws general
         punctuation such as "…" and quotes full-width too): three-byte
         sequences from E1 84 80 on, and all four-byte ones */
      int wide = len == 4 || c > 0xE1 || (c == 0xE1 && p + 1 < end && p[1] >= 0x84);
      w += wide ? 100 : 70;
    }
    p += len <= (size_t)(end - p) ? len : (size_t)(end - p);
  }
  return w;
}

/* Hundredths of an em at `font` px, in whole pixels, rounded up. */
static int px(size_t hem, int font) { return (int)((hem * (size_t)font + 99) / 100); }

/* How many bytes of `s` fit in `max` hundredths of an em with room for an
   ellipsis after them; all of it when it fits without one. */
static size_t fit(const char *s, size_t n, size_t max, int *cut) {
  *cut = 0;
  if (gv_svg_text_width(s, n) <= max) return n;
  *cut = 1;
  size_t w = 0, i = 0;
  while (i < n) {
    size_t len = 1;
    while (i + len < n && ((unsigned char)s[i + len] & 0xC0) == 0x80) len++;
    size_t cw = gv_svg_text_width(s + i, len);
    if (w + cw + 100 > max) break;
    w += cw;
    i += len;
  }
  return i;
}

/* A bar's value as it is written after it. */
static void value_text(gv_buf *b, const gv_svg_chart *c, const gv_svg_bar *bar) {
  if (!bar->has_value) {
    gv_buf_puts(b, c->empty);
  } else {
    gv_buf_put_score2(b, bar->value);
    if (c->show_max && bar->max >= 0) {
      gv_buf_puts(b, " / ");
      gv_buf_put_score2(b, bar->max);
    }
  }
  if (bar->note) {
    gv_buf_putc(b, ' ');
    gv_buf_puts(b, bar->note);
  }
}

/* The tick step: 1, 2 or 5 times a power of ten (hundredths), the least
   that gives at most TICKS_MAX intervals over lo … hi. */
static int64_t tick_step(int64_t lo, int64_t hi) {
  int64_t span = hi - lo, unit = 1;
  for (;;) {
    static const int m[] = {1, 2, 5};
    for (int i = 0; i < 3; i++)
      if (span <= unit * m[i] * TICKS_MAX) return unit * m[i];
    unit *= 10;
  }
}

static int64_t floor_to(int64_t v, int64_t step) { return v >= 0 ? v / step * step : -((-v + step - 1) / step * step); }
static int64_t ceil_to(int64_t v, int64_t step) { return -floor_to(-v, step); }

typedef struct layout {
  int64_t lo, hi, step;
  int plot_x, plot_top, plot_bottom, width, height;
  int label_right;
  size_t label_max; /* hundredths of an em */
} layout;

static int xpos(const layout *l, int64_t v) {
  if (v < l->lo) v = l->lo;
  if (v > l->hi) v = l->hi;
  return l->plot_x + (int)((v - l->lo) * PLOT_W / (l->hi - l->lo));
}

static void plan(layout *l, const gv_svg_chart *c, const gv_svg_bar *bars, size_t n, gv_buf *tmp) {
  int64_t lo = c->lo < 0 ? c->lo : 0, hi = c->hi > lo ? c->hi : lo + 100;
  l->step = tick_step(lo, hi);
  l->lo = floor_to(lo, l->step);
  l->hi = ceil_to(hi, l->step);
  size_t widest = LABEL_MIN, value_w = 0;
  for (size_t i = 0; i < n; i++) {
    size_t w = bars[i].label ? gv_svg_text_width(bars[i].label, strlen(bars[i].label)) : 0;
    if (w > widest) widest = w;
    gv_buf_truncate(tmp, 0);
    value_text(tmp, c, &bars[i]);
    w = gv_svg_text_width(gv_buf_str(tmp), tmp->len);
    if (w > value_w) value_w = w;
  }
  l->label_max = widest < LABEL_MAX ? widest : LABEL_MAX;
  int legend = c->legend[0] || c->legend[1] || c->legend[2];
  l->label_right = MARGIN + AXIS_TITLE_W + px(l->label_max, FONT);
  l->plot_x = l->label_right + GAP;
  l->plot_top = MARGIN + TITLE_FONT + (legend ? 12 + FONT + 6 : 6) + 6;
  l->plot_bottom = l->plot_top + (int)n * ROW;
  l->width = l->plot_x + PLOT_W + GAP + px(value_w, FONT) + MARGIN;
  int title_w = px(gv_svg_text_width(c->title, strlen(c->title)), TITLE_FONT) + 2 * MARGIN;
  if (l->width < title_w) l->width = title_w;
  l->height = l->plot_bottom + 16 + 8 + FONT + MARGIN;
}

static void text_el(gv_buf *b, const char *cls, int x, int y, const char *anchor, const char *s) {
  gv_buf_printf(b, "<text class=\"%s\" x=\"%d\" y=\"%d\" text-anchor=\"%s\">", cls, x, y, anchor);
  gv_html_text(b, s, strlen(s));
  gv_buf_puts(b, "</text>\n");
}

static void legend(gv_buf *b, const gv_svg_chart *c, const layout *l) {
  static const char *const cls[3] = {"bar-value", "bar-possible", "bar-max"};
  int x = l->plot_x, y = MARGIN + TITLE_FONT + 8;
  for (int i = 0; i < 3; i++) {
    if (c->legend[i] == NULL) continue;
    gv_buf_printf(b, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"12\" height=\"12\"/>", cls[i], x, y);
    text_el(b, "legend", x + 16, y + 11, "start", c->legend[i]);
    x += 16 + px(gv_svg_text_width(c->legend[i], strlen(c->legend[i])), FONT) + 16;
  }
}

static void axes(gv_buf *b, const gv_svg_chart *c, const layout *l) {
  for (int64_t t = l->lo; t <= l->hi; t += l->step) {
    int x = xpos(l, t);
    char s[GV_CENTS_TEXT];
    gv_cents_format(t, s);
    gv_buf_printf(b, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", x, l->plot_top, x,
                  l->plot_bottom);
    text_el(b, "tick", x, l->plot_bottom + 16, "middle", s);
  }
  int x0 = xpos(l, 0);
  gv_buf_printf(b, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", l->plot_x, l->plot_bottom,
                l->plot_x + PLOT_W, l->plot_bottom);
  gv_buf_printf(b, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", x0, l->plot_top, x0,
                l->plot_bottom);
  text_el(b, "axis-title", l->plot_x + PLOT_W / 2, l->plot_bottom + 16 + 8 + FONT, "middle", c->value_axis);
  gv_buf_printf(b,
                "<text class=\"axis-title\" transform=\"translate(%d %d) "
                "rotate(-90)\" text-anchor=\"middle\">",
                MARGIN + AXIS_TITLE_W / 2 + 4, (l->plot_top + l->plot_bottom) / 2);
  gv_html_text(b, c->label_axis, strlen(c->label_axis));
  gv_buf_puts(b, "</text>\n");
}

static void rect(gv_buf *b, const char *cls, const layout *l, int y, int64_t from, int64_t to) {
  int x0 = xpos(l, from < to ? from : to), x1 = xpos(l, from < to ? to : from);
  gv_buf_printf(b, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", cls, x0, y, x1 - x0, BAR);
}

static void row(gv_buf *b, gv_buf *tmp, const gv_svg_chart *c, const layout *l, size_t i, const gv_svg_bar *bar) {
  int top = l->plot_top + (int)i * ROW, mid = top + ROW / 2, y = top + (ROW - BAR) / 2;
  const char *label = bar->label ? bar->label : "";
  size_t n = strlen(label);
  gv_buf_truncate(tmp, 0);
  value_text(tmp, c, bar);
  if (bar->anchor) gv_buf_printf(b, "<a href=\"#unit-%zu\">", bar->anchor - 1);
  gv_buf_puts(b, bar->alert ? "<g class=\"row alert\"><title>" : "<g class=\"row\"><title>");
  gv_html_text(b, label, n);
  gv_buf_puts(b, c->en ? ": " : "：");
  gv_html_text(b, gv_buf_str(tmp), tmp->len);
  gv_buf_puts(b, "</title>");
  int cut;
  size_t keep = fit(label, n, l->label_max, &cut);
  gv_buf_printf(b,
                "<text class=\"%s\" x=\"%d\" y=\"%d\" text-anchor=\"end\" "
                "dominant-baseline=\"central\">",
                c->label_class, l->label_right, mid);
  gv_html_text(b, label, keep);
  if (cut) gv_buf_puts(b, "…");
  gv_buf_puts(b, "</text>");
  int64_t end = 0;
  if (bar->max >= 0) rect(b, "bar-max", l, y, 0, bar->max), end = bar->max;
  if (bar->possible >= 0 && bar->possible != bar->max) rect(b, "bar-possible", l, y, 0, bar->possible);
  if (bar->has_value) rect(b, "bar-value", l, y, 0, bar->value);
  if (bar->has_value && bar->value > end) end = bar->value;
  gv_buf_printf(b, "<text class=\"value\" x=\"%d\" y=\"%d\" dominant-baseline=\"central\">", xpos(l, end) + GAP, mid);
  gv_html_text(b, gv_buf_str(tmp), tmp->len);
  gv_buf_puts(b, bar->anchor ? "</text></g></a>\n" : "</text></g>\n");
}

void gv_svg_hbar(gv_buf *b, const gv_svg_chart *c, const gv_svg_bar *bars, size_t n) {
  gv_buf tmp = {0};
  layout l;
  plan(&l, c, bars, n, &tmp);
  gv_buf_printf(b,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
                "id=\"%s\" role=\"img\" "
                "aria-labelledby=\"%s-title\" width=\"%d\" height=\"%d\" "
                "viewBox=\"0 0 %d %d\">\n"
                "<title id=\"%s-title\">",
                c->id, c->id, l.width, l.height, l.width, l.height, c->id);
  gv_html_text(b, c->title, strlen(c->title));
  gv_buf_puts(b, "</title>\n");
  gv_buf_printf(b, "<text class=\"chart-title\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">", l.width / 2,
                MARGIN + TITLE_FONT);
  gv_html_text(b, c->title, strlen(c->title));
  gv_buf_puts(b, "</text>\n");
  legend(b, c, &l);
  axes(b, c, &l);
  for (size_t i = 0; i < n; i++) row(b, &tmp, c, &l, i, &bars[i]);
  gv_buf_puts(b, "</svg>\n");
  if (gv_buf_status(&tmp) != GOVOPEN_OK) gv_buf_fail(b);
  gv_buf_free(&tmp);
}
