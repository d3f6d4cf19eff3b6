/* A result as a Markdown report (report/markdown.c). */
#ifndef GV_MARKDOWN_H
#define GV_MARKDOWN_H

#include <stddef.h>

#include "govopen/report.h"
#include "util/buf.h"

/* Appends `n` bytes of text from the input to `b` escaped for Markdown
   (docs/reports.md): a gv_put_fn. */
void gv_md_text(gv_buf *b, const char *s, size_t n);

/* govopen_result_write_markdown() with pieces of at most `chunk` bytes (0:
   the default), for the tests. */
int gv_result_write_markdown(const govopen_result *r, unsigned flags, size_t chunk, govopen_write_fn write, void *user);

#endif
