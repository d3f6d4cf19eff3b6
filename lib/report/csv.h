/* CSV out (RFC 4180), for spreadsheets: a record writer over the chunked
   sink (report/out.h), and the result's tables (report/tables.c). */
#ifndef GV_CSV_H
#define GV_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "govopen/report.h"
#include "report/out.h"

/* Records of fields. Every record ends with CRLF. A text field is quoted
   when it holds a comma, a double quote, CR or LF, or begins or ends with a
   space, a quote inside doubled; one that begins with '=', '+', '-' or '@'
   (after any spaces, tabs, CRs and LFs), or with a tab or CR, gets a
   leading apostrophe first, so that a spreadsheet does not run it as a
   formula (OWASP "CSV Injection"; util/escape.h's gv_formula_risk). Numbers we format go as they
   are. Failures stick as the sink's do. */
typedef struct gv_csv {
  gv_out out;
  unsigned fields; /* fields written on the current record */
} gv_csv;

/* Sets up a writer over a sink of `chunk` bytes (0: GV_OUT_CHUNK), starting
   with a UTF-8 byte order mark when `bom`. GOVOPEN_OK or GOVOPEN_ENOMEM
   (then gv_csv_finish() is still safe). */
int gv_csv_init(gv_csv *w, int bom, size_t chunk, govopen_write_fn write, void *user);
/* Hands out what is buffered and returns the status: GOVOPEN_EINVALID too
   when a record was left open. */
int gv_csv_finish(gv_csv *w);
static inline int gv_csv_status(const gv_csv *w) { return gv_out_status(&w->out); }
static inline void gv_csv_fail(gv_csv *w, int status) { gv_out_fail(&w->out, status); }

void gv_csv_text(gv_csv *w, const char *s); /* text, from the input or ours; NULL: empty */
void gv_csv_text_n(gv_csv *w, const char *s, size_t n);
void gv_csv_score(gv_csv *w, int64_t cents); /* gv_cents_format */
void gv_csv_uint(gv_csv *w, uint64_t v);
void gv_csv_empty(gv_csv *w); /* a value that does not exist */
void gv_csv_end(gv_csv *w);   /* ends the record */

/* The name of a GOVOPEN_TABLE_* value ("rankings" …), or NULL for none
   (report/tables.c): govopen_table_name(). */
const char *gv_table_name(int table);

/* govopen_result_write_csv() with pieces of at most `chunk` bytes (0: the
   default), for the tests. */
int gv_result_write_csv(const govopen_result *r, int table, unsigned flags, size_t chunk, govopen_write_fn write,
                        void *user);
/* govopen_framework_write_worksheet() likewise (report/worksheet.c). */
int gv_framework_write_worksheet(const govopen_framework *fw, const char *method, unsigned flags, size_t chunk,
                                 govopen_write_fn write, void *user);
/* govopen_result_write_rectify() likewise (report/rectify.c). */
int gv_result_write_rectify(const govopen_result *r, size_t unit, unsigned flags, size_t chunk, govopen_write_fn write,
                            void *user);

#endif
