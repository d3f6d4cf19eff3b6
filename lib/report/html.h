/* A result as one self-contained HTML page (report/html.c). */
#ifndef GV_HTML_H
#define GV_HTML_H

#include <stddef.h>

#include "govopen/report.h"
#include "util/buf.h"

/* Appends `n` bytes of text from the input to `b` escaped for HTML text and
   for a quoted attribute value alike: & < > " ' as character references,
   control characters (line breaks among them) as spaces. A gv_put_fn. */
void gv_html_text(gv_buf *b, const char *s, size_t n);

/* govopen_result_write_html() with pieces of at most `chunk` bytes (0: the
   default), for the tests. */
int gv_result_write_html(const govopen_result *r, unsigned flags, size_t chunk, govopen_write_fn write, void *user);

#endif
