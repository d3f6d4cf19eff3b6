/* Horizontal bar charts as inline SVG, for the HTML report (report/html.c):
   a title, a labelled value axis with ticks and grid lines, a labelled
   category axis, one row per bar with its label and its value written out,
   and a legend. Laid out by us in whole pixels from estimated text widths,
   so the same data gives the same bytes; every row has a band of its own,
   so labels never overlap however many bars there are, and a label too wide
   for its column is cut short with "…" (the whole of it stays in the row's
   tooltip). Text goes through gv_html_text(). */
#ifndef GV_SVG_H
#define GV_SVG_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* One bar: `value` against `possible` and `max` (hundredths; -1 when there
   is none), drawn as three bars over one another, the widest first. */
typedef struct gv_svg_bar {
  const char *label; /* text from the input */
  size_t anchor;     /* the bar links to "#unit-ANCHOR - 1"; 0: no link */
  int has_value;     /* 0: not evaluated; the row says so */
  int64_t value, possible, max;
  int alert;        /* drawn in the alert colour, its note after the value */
  const char *note; /* ours, e.g. "一票否决"; NULL: none */
} gv_svg_bar;

typedef struct gv_svg_chart {
  const char *id;          /* the element's id, ours */
  const char *title;       /* text from the input may be in it */
  const char *value_axis;  /* the value axis' title */
  const char *label_axis;  /* the category axis' title */
  const char *label_class; /* the class of each label's <text> */
  const char *legend[3];   /* the value, possible and maximum bars' names; NULL:
                              not in the legend */
  const char *empty;       /* what a bar without a value says */
  int64_t lo, hi;          /* the value axis' range, widened to whole ticks; lo <= 0 */
  int show_max;            /* the value label reads "value / max" */
  int en;                  /* English punctuation in the tooltips */
} gv_svg_chart;

/* Appends the chart of `n` bars to `b`, an <svg> element. */
void gv_svg_hbar(gv_buf *b, const gv_svg_chart *c, const gv_svg_bar *bars, size_t n);

/* The estimated width of `n` bytes of UTF-8 text, in hundredths of an em,
   on the generous side: wide characters (CJK, full-width, from U+1100 up)
   100, other non-ASCII 70, ASCII 60 (capitals 70, M W m w @ 90). */
size_t gv_svg_text_width(const char *s, size_t n);

#endif
