/* The evaluators' worksheet (lib/report/worksheet.c) and the CSV observation
 * reader (lib/load/csv_records.c, typed in lib/eval/observations.c): the
 * worksheet of 模拟用户 on the Langao framework against its golden file; the
 * reader's diagnostics on a fixture of every kind of bad row, each with its
 * line and column, the same whether read from memory or from a file in
 * blocks of any size; inputs refused whole; and a round trip — the worksheet
 * written, filled in as an evaluator does and re-saved as Excel saves it,
 * evaluated — whose result is byte for byte the one of the same
 * observations as JSON Lines. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "load/records.h"
#include "report/csv.h"
#include "report_support.h"
#include "testutil.h"
#include "util/buf.h"

static govopen_framework *langao(void) {
  govopen_framework *fw = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_framework_load_builtin(&fw, "langao-2023", NULL, NULL), GOVOPEN_OK);
  return fw;
}

/* The worksheet's text through pieces of `chunk` bytes; NULL on failure. free() it. */
static char *worksheet(const govopen_framework *fw, const char *method, unsigned flags, size_t chunk, size_t *len) {
  sink s = {0};
  int rc = gv_framework_write_worksheet(fw, method, flags, chunk, sink_write, &s);
  return sink_text(&s, rc, chunk, len);
}

/* --- the writer ------------------------------------------------------------------------ */

/* The worksheet of 模拟用户, byte for byte tests/data/csv/worksheet.csv
   (written by `govopen plan --method 模拟用户 --format csv`), in any piece size. */
static void test_golden(void) {
  govopen_framework *fw = langao();
  size_t glen = 0, len = 0;
  char *golden = test_read_file(test_path("data/csv/worksheet.csv"), &glen);
  CU_ASSERT_PTR_NOT_NULL_FATAL(golden);
  static const size_t chunks[] = {0, 1, 7, 4096};
  for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
    char *text = worksheet(fw, "模拟用户", 0, chunks[i], &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT(len == glen && memcmp(text, golden, len) == 0);
    free(text);
  }
  /* a header and one row per pair of the plan (113), every record CRLF-ended */
  size_t rows = 0;
  for (size_t i = 0; i + 1 < glen; i++) rows += golden[i] == '\r' && golden[i + 1] == '\n';
  CU_ASSERT_EQUAL(rows, 114);
  const char *header = "\xEF\xBB\xBFunit,#单位,point,#评估点,#填写说明,value,start,end,paused,count,present,missing,"
                       "evidence,note,observed,evaluator\r\n";
  CU_ASSERT_EQUAL(strncmp(golden, header, strlen(header)), 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(golden, "\r\nchengguan,城关镇,P28,接收渠道是否畅通,是否：value（是或否，必填）。说明："
                                        "每单位一次模拟申请，渠道接收即为畅通。,,,,,,,,,,,\r\n"));
  /* English: the columns for people and the hints change, the fields do not */
  char *en = worksheet(fw, "模拟用户", GOVOPEN_REPORT_LANG_EN | GOVOPEN_CSV_NO_BOM, 0, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(en);
  CU_ASSERT_EQUAL(strncmp(en,
                          "unit,#unit_name,point,#point_text,#how_to_fill,value,start,end,paused,count,present,"
                          "missing,evidence,note,observed,evaluator\r\n",
                          113),
                  0);
  CU_ASSERT_PTR_NOT_NULL(strstr(en, ",checklist: present (a list separated by ;); missing (a list separated by ;). "
                                    "Give present or missing; the items: 设立政务公开专区; 政府信息查询; 信息公开申请; "
                                    "政策宣传解读; 办事咨询 (none: 无),,,,,,,,,,,\r\n"));
  free(en);
  /* every point: 1035 pairs, and every field of every rule */
  char *all = worksheet(fw, NULL, GOVOPEN_CSV_NO_BOM, 0, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(all);
  rows = 0;
  for (size_t i = 0; i + 1 < len; i++) rows += all[i] == '\r' && all[i + 1] == '\n';
  CU_ASSERT_EQUAL(rows, 1036);
  CU_ASSERT_EQUAL(strncmp(all,
                          "unit,#单位,point,#评估点,#填写说明,present,missing,start,end,paused,value,count,"
                          "category,info_published,press_conference,response,found,date,period_start,"
                          "last_update,monitored,score,reason,evidence,note,observed,evaluator\r\n",
                          214),
                  0);
  free(all);
  free(golden);
  govopen_framework_free(fw);
}

typedef struct ws_ctx {
  const govopen_framework *fw;
} ws_ctx;

static int write_ws(const void *ctx, govopen_write_fn write, void *user) {
  const ws_ctx *c = ctx;
  return gv_framework_write_worksheet(c->fw, "模拟用户", 0, 512, write, user);
}

static void test_misuse(void) {
  govopen_framework *fw = langao();
  sink s = {0};
  CU_ASSERT_EQUAL(govopen_framework_write_worksheet(NULL, "模拟用户", 0, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_framework_write_worksheet(fw, "模拟用户", 0, NULL, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_framework_write_worksheet(fw, "模拟用户", 4, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_framework_write_worksheet(fw, "no such method", 0, sink_write, &s), GOVOPEN_ENOTFOUND);
  CU_ASSERT_EQUAL(s.calls, 0); /* nothing written */
  sink_free(&s);
  ws_ctx c = {fw};
  check_fails_at_every_call(write_ws, &c);
  govopen_framework_free(fw);
}

/* --- the reader -------------------------------------------------------------------------- */

/* Every diagnostic of a read, one per line: "LINE:COL: CODE PATH: MESSAGE"
   (W for warnings), then "records N rejected M". */
static void describe_read(gv_buf *b, const gv_diags *d, size_t count, size_t rejected) {
  for (const govopen_error *e = d->head; e; e = e->next)
    gv_buf_printf(b, "%u:%u: %s%d %s: %s\n", e->line, e->column, e->severity == GOVOPEN_SEVERITY_WARNING ? "W" : "",
                  e->code, e->path, e->message);
  gv_buf_printf(b, "records %zu rejected %zu\n", count, rejected);
}

/* Each record as "LINE:COL key=value|key=value". */
static int dump_record(const gv_record *rec, void *payload) {
  gv_buf *b = payload;
  gv_buf_printf(b, "%u:%u", rec->line, rec->col);
  for (size_t i = 0; i < rec->node->count; i++) {
    const gv_ynode *k = gv_ymap_key(rec->node, i), *v = gv_ymap_value(rec->node, i);
    CU_ASSERT(v->style == GV_STYLE_CELL && v->type == GV_YT_STR && k->line == v->line && k->col == v->col);
    gv_buf_printf(b, " %s@%u:%u=%s", k->text, v->line, v->col, v->text);
  }
  gv_buf_putc(b, '\n');
  return 0;
}

static const char EDGE_RECORDS[] =
    "2:1 unit@2:1=chengguan point@2:15=P28 value@2:19=TRUE evidence@2:28=证据\n第二行 observed@3:7=2023/11/21\n"
    "11:1 unit@11:1=yanmen point@11:12=P28 value@11:16=yes\n"
    "12:1 unit@12:1=yanmen point@12:12=P28 value@12:16=1 observed@12:24=2023/13/01\n"
    "13:1 unit@13:1=chengguan point@13:15=P40 start@13:20=2023/5/4 9:00 end@13:34=2023/5/20\n"
    "14:1 unit@14:1=chengguan point@14:15=P54 missing@14:22=办事咨询；政府信息查询\n信息公开申请\n";

static const char EDGE_DIAGS[] =
    "6:23: -3 records[1]: a double quote inside a field that does not start with one: put the whole field in "
    "quotes and double the quote (\"\")\n"
    "7:25: -3 records[2]: unexpected 'x' after the closing quote of the field at column 18: a field in quotes "
    "holds its quotes doubled and ends at its closing quote\n"
    "8:25: -4 records[3]: a value beyond the header's 11 columns\n"
    "9:23: -4 records[4]: a value in column 10, which has no name in the header\n"
    "10:9: -3 records[5]: invalid UTF-8 (byte 0xFF): save the worksheet as “CSV UTF-8 (逗号分隔)”, not in the "
    "system's code page\n"
    "16:21: -3 records[10]: the quoted field that starts here is not closed: it runs to the end of the input\n"
    "4:1: W-4 : 1 row with nothing filled in beside unit, point, observed and evaluator was passed over (the first "
    "at line 4): a worksheet's row counts once a value of its rule, its evidence or a note is written\n"
    "records 5 rejected 6\n";

/* The edge fixture from memory: its records (key and value at the cell,
   the formula guard, CR LF inside quotes read as LF) and every diagnostic. */
static void test_reader_edges(void) {
  size_t len = 0;
  char *data = test_read_file(test_path("fixtures/worksheet/edge.csv"), &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(data);
  gv_buf recs = {0}, diags = {0};
  gv_diags d = {0};
  size_t count = 0, rejected = 0;
  int rc = gv_records_foreach(data, len, "edge.csv", GV_REC_AUTO, NULL, dump_record, &recs, &count, &rejected, &d);
  CU_ASSERT_EQUAL(rc, GOVOPEN_EPARSE);
  describe_read(&diags, &d, count, rejected);
  if (strcmp(gv_buf_str(&recs), EDGE_RECORDS) != 0) fprintf(stderr, "\n%s", gv_buf_str(&recs));
  if (strcmp(gv_buf_str(&diags), EDGE_DIAGS) != 0) fprintf(stderr, "\n%s", gv_buf_str(&diags));
  CU_ASSERT_STRING_EQUAL(gv_buf_str(&recs), EDGE_RECORDS);
  CU_ASSERT_STRING_EQUAL(gv_buf_str(&diags), EDGE_DIAGS);
  gv_buf_free(&recs);
  gv_buf_free(&diags);
  gv_diags_free(&d);
  free(data);
}

/* The same from the file, read in blocks of 1 byte to 64 KiB: the same
   records and diagnostics, whatever a block cuts (a CR LF, a quoted field,
   a UTF-8 sequence). */
static void test_reader_blocks(void) {
  static const size_t blocks[] = {1, 2, 3, 5, 16, 64, 65536};
  for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
    int fd = open(test_path("fixtures/worksheet/edge.csv"), O_RDONLY);
    CU_ASSERT_FATAL(fd >= 0);
    gv_rec_limits lim;
    gv_rec_limits_default(&lim);
    lim.block = blocks[i];
    gv_buf recs = {0}, diags = {0};
    gv_diags d = {0};
    size_t count = 0, rejected = 0;
    gv_records_foreach_fd(fd, "edge.csv", GV_REC_AUTO, &lim, dump_record, &recs, &count, &rejected, &d);
    close(fd);
    describe_read(&diags, &d, count, rejected);
    CU_ASSERT_STRING_EQUAL(gv_buf_str(&recs), EDGE_RECORDS);
    CU_ASSERT_STRING_EQUAL(gv_buf_str(&diags), EDGE_DIAGS);
    gv_buf_free(&recs);
    gv_buf_free(&diags);
    gv_diags_free(&d);
  }
}

/* A fixture read whole: its only diagnostic and how many records. */
static void check_refused(const char *rel, int status, const char *diag) {
  size_t len = 0;
  char *data = test_read_file(test_path(rel), &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(data);
  gv_buf recs = {0}, diags = {0};
  gv_diags d = {0};
  size_t count = 0, rejected = 0;
  CU_ASSERT_EQUAL(gv_records_foreach(data, len, "x.csv", GV_REC_AUTO, NULL, dump_record, &recs, &count, &rejected, &d),
                  status);
  describe_read(&diags, &d, count, rejected);
  if (strcmp(gv_buf_str(&diags), diag) != 0) fprintf(stderr, "\n%s: %s", rel, gv_buf_str(&diags));
  CU_ASSERT_STRING_EQUAL(gv_buf_str(&diags), diag);
  gv_buf_free(&recs);
  gv_buf_free(&diags);
  gv_diags_free(&d);
  free(data);
}

static void test_reader_refused(void) {
  check_refused("fixtures/worksheet/duplicate-column.csv", GOVOPEN_ESCHEMA,
                "1:24: -4 : duplicate column 'value' (first at column 12): which one holds the value?\n"
                "records 0 rejected 0\n");
  check_refused("fixtures/worksheet/no-point-column.csv", GOVOPEN_ESCHEMA,
                "1:1: -4 : the header names no 'point' column (nor 'adjustment'): a worksheet's first row names "
                "its columns, as `govopen plan --format csv` writes them\nrecords 0 rejected 0\n");
  check_refused("fixtures/worksheet/utf16.csv", GOVOPEN_EPARSE,
                "1:1: -3 : the input is UTF-16 (Excel's “Unicode text”): save the worksheet as “CSV UTF-8 "
                "(逗号分隔)”\nrecords 0 rejected 0\n");
  check_refused("fixtures/worksheet/gbk.csv", GOVOPEN_EPARSE,
                "2:17: -3 records[0]: invalid UTF-8 (byte 0xB3): save the worksheet as “CSV UTF-8 (逗号分隔)”, "
                "not in the system's code page\nrecords 0 rejected 1\n");
  /* LF ends, a lone CR, a blank line before the header, names trimmed */
  check_refused("fixtures/worksheet/lf.csv", GOVOPEN_OK, "records 2 rejected 0\n");
  /* nothing at all, or only a byte-order mark: no records, no error */
  gv_diags d = {0};
  size_t count = 1;
  gv_buf recs = {0};
  CU_ASSERT_EQUAL(
      gv_records_foreach("\xEF\xBB\xBF", 3, "x.csv", GV_REC_AUTO, NULL, dump_record, &recs, &count, NULL, &d),
      GOVOPEN_OK);
  CU_ASSERT_EQUAL(count, 0);
  CU_ASSERT_PTR_NULL(d.head);
  gv_buf_free(&recs);
}

/* A row longer than GOVOPEN_OPT_MAX_SIZE in a file (an unterminated quote)
   ends the read at its start; gv_records_read keeps the header's names with
   its records. */
static void test_reader_limits(void) {
  char path[] = "/tmp/govopen-ws-XXXXXX";
  int fd = mkstemp(path);
  CU_ASSERT_FATAL(fd >= 0);
  const char text[] = "unit,point,value\r\nchengguan,P28,1\r\nzuolong,P28,\"0\r\n"
                      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n";
  CU_ASSERT_EQUAL(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
  CU_ASSERT_EQUAL(lseek(fd, 0, SEEK_SET), 0);
  gv_rec_limits lim;
  gv_rec_limits_default(&lim);
  lim.y.max_size = 32;
  lim.block = 8;
  gv_buf recs = {0}, diags = {0};
  gv_diags d = {0};
  size_t count = 0, rejected = 0;
  CU_ASSERT_EQUAL(gv_records_foreach_fd(fd, "long.csv", GV_REC_AUTO, &lim, dump_record, &recs, &count, &rejected, &d),
                  GOVOPEN_ELIMIT);
  close(fd);
  unlink(path);
  describe_read(&diags, &d, count, rejected);
  CU_ASSERT_STRING_EQUAL(gv_buf_str(&recs), "2:1 unit@2:1=chengguan point@2:11=P28 value@2:15=1\n");
  CU_ASSERT_STRING_EQUAL(
      gv_buf_str(&diags),
      "3:1: -6 : the row that starts here is longer than the limit of 32 bytes "
      "(GOVOPEN_OPT_MAX_SIZE): is a quoted field not closed? (reading stopped here: the rest of the input, "
      "from line 3, column 1, to its end, was not read)\n"
      "records 1 rejected 0\n");
  gv_buf_free(&recs);
  gv_buf_free(&diags);
  gv_diags_free(&d);

  gv_records r;
  gv_diags d2 = {0};
  const char sheet[] = "unit,point,value\nchengguan,P28,'=1\nzuolong,P28,0\n";
  CU_ASSERT_EQUAL(gv_records_read(&r, sheet, sizeof sheet - 1, "x", GV_REC_CSV, NULL, &d2), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(r.count, 2);
  CU_ASSERT_STRING_EQUAL(gv_ymap_key(r.items[1].node, 2)->text, "value");
  CU_ASSERT_STRING_EQUAL(gv_ymap_value(r.items[0].node, 2)->text, "=1"); /* the formula guard dropped */
  gv_records_free(&r);
  gv_diags_free(&d2);
}

/* --- the round trip -------------------------------------------------------------------------- */

/* Fills row `unit`,`point` of the worksheet (the 11 fields after the hint,
   all empty as written) with `fields`; `extra` (may be NULL) becomes one
   more row of the same unit and point after it. */
static void fill(gv_buf *sheet, const char *unit, const char *point, const char *fields, const char *extra) {
  char key[64];
  snprintf(key, sizeof key, "\r\n%s,", unit);
  const char *s = gv_buf_str(sheet), *at = s;
  size_t plen = strlen(point);
  for (;;) {
    at = strstr(at, key);
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    const char *p = strchr(at + strlen(key), ',');
    if (p && strncmp(p + 1, point, plen) == 0 && p[1 + plen] == ',') break;
    at += 2;
  }
  const char *end = strstr(at + 2, "\r\n");
  CU_ASSERT_FATAL(end && end - at >= 13 && memcmp(end - 11, ",,,,,,,,,,,", 11) == 0);
  gv_buf out = {0};
  gv_buf_append(&out, s, (size_t)(end - 11 - s));
  gv_buf_printf(&out, ",%s", fields);
  if (extra) {
    gv_buf_append(&out, at, (size_t)(end - 11 - at));
    gv_buf_printf(&out, ",%s", extra);
  }
  gv_buf_puts(&out, end);
  gv_buf_truncate(sheet, 0);
  gv_buf_append(sheet, out.data, out.len);
  gv_buf_free(&out);
}

/* An evaluation at 2023-12-15 of `data` in `format`, its result JSON. free() it. */
/* Cuts a result's JSON before its "fingerprint" member (the last one: what
   the result was made from, which names the input's bytes and name) and
   puts that member's overall digest in `digest` ("" when none). */
static void cut_fingerprint(char *json, char digest[65]) {
  static const char key[] = ",\"fingerprint\":{\"digest\":\"";
  char *f = json ? strstr(json, key) : NULL;
  digest[0] = '\0';
  if (f == NULL || strlen(f) < sizeof key - 1 + 64) return;
  memcpy(digest, f + sizeof key - 1, 64);
  digest[64] = '\0';
  f[0] = '}';
  f[1] = '\0';
}

static char *evaluate(const govopen_framework *fw, const char *data, size_t len, int format, size_t *warnings,
                      size_t *rejected) {
  govopen_evaluation *ev = NULL;
  govopen_result *r = NULL;
  char *json = NULL, *copy = NULL;
  size_t jlen = 0;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-15", NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_add_buffer(ev, data, len, "sheet", format, NULL), GOVOPEN_OK);
  *warnings = govopen_error_count(govopen_evaluation_diagnostics(ev), GOVOPEN_SEVERITY_WARNING);
  *rejected = govopen_evaluation_rejected_count(ev);
  CU_ASSERT_EQUAL(govopen_evaluation_run(ev, &r, NULL), GOVOPEN_OK);
  if (r && govopen_result_to_json(r, 0, &json, &jlen) == GOVOPEN_OK) {
    copy = malloc(jlen + 1);
    if (copy) memcpy(copy, json, jlen + 1);
  }
  govopen_free(json);
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  return copy;
}

/* Drops every reason's "samples" from compact result JSON, in place: the
   positions of a worksheet's rows and of the JSON Lines that say the same
   differ, and nothing else may. Strings are skipped whole. */
static void strip_samples(char *json) {
  static const char key[] = ",\"samples\":[";
  char *w = json;
  for (const char *p = json; *p;) {
    if (strncmp(p, key, sizeof key - 1) == 0) {
      p += sizeof key - 1;
      for (int in_str = 0; *p && (in_str || *p != ']'); p++) {
        if (in_str && *p == '\\' && p[1])
          p++;
        else if (*p == '"')
          in_str = !in_str;
      }
      if (*p) p++;
      continue;
    }
    *w++ = *p++;
  }
  *w = '\0';
}

/* What an evaluator writes, as Excel saves it (a byte order mark, CR LF,
   dates as 2023/11/21, TRUE and FALSE, a list over two lines in quotes), and
   the same observations as JSON Lines, row for line. */
static const char *const FILLED[][4] = {
    /* unit, point, the 11 fields (value,start,end,paused,count,present,missing,evidence,note,observed,evaluator), a second row */
    {"chengguan", "P28", "TRUE,,,,,,,,,2023/11/21,张三", NULL},
    {"zuolong", "P28", "FALSE,,,,,,,http://www.langao.gov.cn/zuolong/p28,,2023/11/20,张三", NULL},
    {"taohe", "P28", "是,,,,,,,,,,", NULL},
    {"县政府办", "P39", "1,,,,,,,,,,", NULL},
    {"chengguan", "P40", ",2023/5/4,2023/5/20,,,,,,,,", ",2023/6/1 9:00,2023/6/5,,,,,,,,"},
    {"zuolong", "P40", ",2023-06-01,2023/6/12,2023/6/2~2023/6/5,,,,,,,", NULL},
    {"chengguan", "P41", ",,,,0,,,,,,", NULL},
    {"zuolong", "P41", ",,,,,,,答复敷衍,,,", ",,,,,,,推诿,\"窗口说：\"\"去别处问\"\"\",,"},
    {"chengguan", "P54", ",,,,,,\"政府信息查询\n办事咨询\",,\"大厅,专区\",2023/11/21,", NULL},
    {"zuolong", "P54", ",,,,,设立政务公开专区；政府信息查询;信息公开申请,,,,,", NULL},
    {"taohe", "P54", ",,,,,,无,,,,", NULL},
};

static const char JSONL[] =
    "{\"unit\":\"chengguan\",\"point\":\"P28\",\"value\":true,\"observed\":\"2023-11-21\",\"evaluator\":\"张三\"}\n"
    "{\"unit\":\"zuolong\",\"point\":\"P28\",\"value\":false,\"evidence\":\"http://www.langao.gov.cn/zuolong/p28\","
    "\"observed\":\"2023-11-20\",\"evaluator\":\"张三\"}\n"
    "{\"unit\":\"taohe\",\"point\":\"P28\",\"value\":true}\n"
    "{\"unit\":\"zfb\",\"point\":\"P39\",\"value\":true}\n"
    "{\"unit\":\"chengguan\",\"point\":\"P40\",\"start\":\"2023-05-04\",\"end\":\"2023-05-20\"}\n"
    "{\"unit\":\"chengguan\",\"point\":\"P40\",\"start\":\"2023-06-01T09:00\",\"end\":\"2023-06-05\"}\n"
    "{\"unit\":\"zuolong\",\"point\":\"P40\",\"start\":\"2023-06-01\",\"end\":\"2023-06-12\","
    "\"paused\":[{\"from\":\"2023-06-02\",\"to\":\"2023-06-05\"}]}\n"
    "{\"unit\":\"chengguan\",\"point\":\"P41\",\"count\":0}\n"
    "{\"unit\":\"zuolong\",\"point\":\"P41\",\"evidence\":\"答复敷衍\"}\n"
    "{\"unit\":\"zuolong\",\"point\":\"P41\",\"evidence\":\"推诿\",\"note\":\"窗口说：\\\"去别处问\\\"\"}\n"
    "{\"unit\":\"chengguan\",\"point\":\"P54\",\"missing\":[\"政府信息查询\",\"办事咨询\"],\"note\":\"大厅,专区\","
    "\"observed\":\"2023-11-21\"}\n"
    "{\"unit\":\"zuolong\",\"point\":\"P54\",\"present\":[\"设立政务公开专区\",\"政府信息查询\",\"信息公开申请\"]}\n"
    "{\"unit\":\"taohe\",\"point\":\"P54\",\"missing\":[]}\n";

/* A cell's score in a result JSON: the text after "id":"POINT" in UNIT's scorecard. */
static double score_of(const govopen_framework *fw, const char *data, size_t len, int format, const char *unit,
                       const char *point) {
  govopen_evaluation *ev = NULL;
  govopen_result *r = NULL;
  double score = -2;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
  govopen_evaluation_set_as_of(ev, "2023-12-15", NULL);
  govopen_evaluation_add_buffer(ev, data, len, "sheet", format, NULL);
  if (govopen_evaluation_run(ev, &r, NULL) == GOVOPEN_OK)
    score = govopen_result_cell_score(r, govopen_unit_index(govopen_framework_unit_find(fw, unit)),
                                      govopen_point_index(govopen_framework_point_by_id(fw, point)));
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  return score;
}

static void test_round_trip(void) {
  govopen_framework *fw = langao();
  size_t len = 0;
  char *text = worksheet(fw, "模拟用户", 0, 0, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  gv_buf sheet = {0};
  gv_buf_append(&sheet, text, len);
  free(text);
  /* 县政府办 is named by its name in the worksheet's unit column too */
  for (size_t i = 0; i < sizeof FILLED / sizeof FILLED[0]; i++) {
    const govopen_unit *u = govopen_framework_unit_find(fw, FILLED[i][0]);
    CU_ASSERT_PTR_NOT_NULL_FATAL(u);
    fill(&sheet, govopen_unit_id(u), FILLED[i][1], FILLED[i][2], FILLED[i][3]);
  }
  /* the evaluator column filled down on every row left: they stay unfilled */
  gv_buf down = {0};
  for (const char *s = gv_buf_str(&sheet), *e; (e = strstr(s, "\r\n")) != NULL; s = e + 2) {
    gv_buf_append(&down, s, (size_t)(e - s));
    if (e - s > 11 && memcmp(e - 11, ",,,,,,,,,,,", 11) == 0) gv_buf_puts(&down, "李四");
    gv_buf_puts(&down, "\r\n");
  }
  gv_buf_free(&sheet);
  sheet = down;
  CU_ASSERT_EQUAL(gv_buf_status(&sheet), GOVOPEN_OK);
  size_t w_csv, w_jsonl, rej_csv, rej_jsonl;
  char *from_csv = evaluate(fw, sheet.data, sheet.len, GOVOPEN_FORMAT_CSV, &w_csv, &rej_csv);
  char *from_jsonl = evaluate(fw, JSONL, strlen(JSONL), GOVOPEN_FORMAT_JSONL, &w_jsonl, &rej_jsonl);
  CU_ASSERT_PTR_NOT_NULL_FATAL(from_csv);
  CU_ASSERT_PTR_NOT_NULL_FATAL(from_jsonl);
  CU_ASSERT_EQUAL(rej_csv, 0);
  CU_ASSERT_EQUAL(rej_jsonl, 0);
  CU_ASSERT_EQUAL(w_csv, 1); /* the 113 - 11 rows left unfilled, counted once */
  CU_ASSERT_EQUAL(w_jsonl, 0);
  /* the samples a reason names are where each input has them: zuolong's
     P28 (line 3 of the sheet filled in, line 2 of the JSON Lines) */
  CU_ASSERT_PTR_NOT_NULL(strstr(from_csv, "\"evidence\":[\"http://www.langao.gov.cn/zuolong/p28\"],\"note\":null,"
                                          "\"samples\":[{\"source\":\"sheet\",\"line\":3,\"column\":1}]"));
  CU_ASSERT_PTR_NOT_NULL(strstr(from_jsonl, "\"evidence\":[\"http://www.langao.gov.cn/zuolong/p28\"],\"note\":null,"
                                            "\"samples\":[{\"source\":\"sheet\",\"line\":2,\"column\":1}]"));
  strip_samples(from_csv);
  strip_samples(from_jsonl);
  /* the same result; the inputs' bytes differ, and so do the fingerprints */
  char fp_csv[65], fp_jsonl[65];
  cut_fingerprint(from_csv, fp_csv);
  cut_fingerprint(from_jsonl, fp_jsonl);
  CU_ASSERT_EQUAL(strlen(fp_csv), 64);
  CU_ASSERT_EQUAL(strlen(fp_jsonl), 64);
  CU_ASSERT_STRING_NOT_EQUAL(fp_csv, fp_jsonl);
  CU_ASSERT_STRING_EQUAL(from_csv, from_jsonl);
  /* the scores themselves */
  static const struct {
    const char *unit, *point;
    double score;
  } expect[] = {{"chengguan", "P28", 2.11}, {"zuolong", "P28", 0},    {"taohe", "P28", 2.11},     {"zfb", "P39", 0.39},
                {"chengguan", "P40", 0.2},  {"zuolong", "P40", 0.39}, {"chengguan", "P41", 0.39}, {"zuolong", "P41", 0},
                {"chengguan", "P54", 1.2},  {"zuolong", "P54", 1.2},  {"taohe", "P54", 2}};
  for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
    double got = score_of(fw, sheet.data, sheet.len, GOVOPEN_FORMAT_CSV, expect[i].unit, expect[i].point);
    if (got < expect[i].score - 1e-9 || got > expect[i].score + 1e-9)
      fprintf(stderr, "\n  %s %s: %.4f, not %.4f\n", expect[i].unit, expect[i].point, got, expect[i].score);
    CU_ASSERT_DOUBLE_EQUAL(got, expect[i].score, 1e-9);
  }
  /* and from a file named .csv, with GOVOPEN_FORMAT_AUTO, read in blocks */
  char dir[] = "/tmp/govopen-sheet-XXXXXX", path[64];
  CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/sheet.CSV", dir);
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  CU_ASSERT_FATAL(fd >= 0);
  CU_ASSERT_EQUAL(write(fd, sheet.data, sheet.len), (ssize_t)sheet.len);
  close(fd);
  govopen_evaluation *ev = NULL;
  govopen_result *r = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
  govopen_evaluation_set_as_of(ev, "2023-12-15", NULL);
  CU_ASSERT_EQUAL(govopen_evaluation_add_file(ev, path, GOVOPEN_FORMAT_AUTO, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_observation_count(ev), 13);
  const govopen_error *w = govopen_evaluation_diagnostics(ev);
  CU_ASSERT_PTR_NOT_NULL_FATAL(w);
  CU_ASSERT_EQUAL(govopen_error_severity(w), GOVOPEN_SEVERITY_WARNING);
  CU_ASSERT_EQUAL(govopen_error_line(w), 5); /* guanyuan, P28 */
  CU_ASSERT_PTR_NOT_NULL(strstr(govopen_error_message(w), "102 rows with nothing filled in"));
  CU_ASSERT_EQUAL(govopen_evaluation_run(ev, &r, NULL), GOVOPEN_OK);
  char *json = NULL;
  size_t jlen = 0;
  CU_ASSERT_EQUAL(govopen_result_to_json(r, 0, &json, &jlen), GOVOPEN_OK);
  if (json) strip_samples(json);
  /* the same bytes from a file: the same result and fingerprint (names are not in it) */
  char fp_file[65];
  cut_fingerprint(json, fp_file);
  CU_ASSERT_STRING_EQUAL(fp_file, fp_csv);
  CU_ASSERT(json && strcmp(json, from_csv) == 0);
  govopen_free(json);
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  unlink(path);
  rmdir(dir);
  free(from_csv);
  free(from_jsonl);
  gv_buf_free(&sheet);
  govopen_framework_free(fw);
}

static const test_case cases[] = {{"golden worksheet", test_golden},
                                  {"writer misuse and failing writes", test_misuse},
                                  {"reader: every kind of bad row", test_reader_edges},
                                  {"reader: files in blocks of any size", test_reader_blocks},
                                  {"reader: inputs refused whole", test_reader_refused},
                                  {"reader: limits and gv_records_read", test_reader_limits},
                                  {"round trip: Excel-saved worksheet = JSON Lines", test_round_trip},
                                  {NULL, NULL}};
GV_TEST_SUITE(worksheet, cases);
