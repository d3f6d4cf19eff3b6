/*
 * parse_limit — the reference "parse limit" for `govopen evaluate`.
 *
 * Usage: parse_limit FILE.jsonl
 *
 * Reads a JSON Lines file in large chunks, splits it into lines with memchr,
 * and for each line does what any evaluator must do at the least: parse it
 * with cJSON, look up every field the scorer reads (the common fields and
 * every rule field bench/gen_province.py writes, in the record and in each
 * entry of `samples`), touch each value so nothing is optimised away, and
 * delete the tree. It scores nothing. An evaluator that streams the same file
 * cannot be faster than this by much; bench/run.py reports its throughput as
 * the ratio to this program's.
 *
 * Prints: records, bytes, seconds, records/s and MB/s (MB = 10^6 bytes).
 */
#define _POSIX_C_SOURCE 200809L

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_clock.h"

/* Every field the scorer reads: the observation's own, then the rule kinds'
 * (docs/observations.md "By rule kind", and the Langao deadline rules' names). */
static const char *const fields[] = {
    "unit",
    "point",
    "observed",
    "evidence",
    "evaluator",
    "note",
    "adjustment",
    /* boolean, checklist */
    "value",
    "present",
    "missing",
    /* deadline */
    "start",
    "end",
    "channel",
    "submitted",
    "signed",
    "confirmed",
    "corrected",
    "paused",
    "extended",
    "category",
    "info_published",
    "press_conference",
    "response",
    /* recency, count_per_period, sample_ratio, deduction, veto, manual */
    "last_update",
    "monitored",
    "date",
    "count",
    "period_start",
    "found",
    "description",
    "triggered",
    "score",
    "reason",
};
enum { NFIELDS = sizeof fields / sizeof fields[0] };

/* What touching the values adds up, printed so the work cannot be elided. */
typedef struct {
  unsigned long long string_bytes, items, trues, numbers;
} touch_sum;

static void touch(const cJSON *v, touch_sum *t) {
  if (cJSON_IsString(v)) {
    t->string_bytes += strlen(v->valuestring);
  } else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
    for (const cJSON *e = v->child; e; e = e->next) {
      t->items++;
      touch(e, t);
    }
  } else if (cJSON_IsTrue(v)) {
    t->trues++;
  } else if (cJSON_IsNumber(v)) {
    t->numbers += (unsigned long long)(v->valuedouble * 100.0);
  }
}

/* Looks up every field of one record or sample and touches what is there. */
static void read_fields(const cJSON *obj, touch_sum *t) {
  for (size_t i = 0; i < NFIELDS; i++) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, fields[i]);
    if (v) touch(v, t);
  }
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: parse_limit FILE.jsonl\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 1;
  }
  size_t cap = (size_t)8 << 20; /* grows if one line is longer */
  char *buf = malloc(cap);
  if (!buf) return 1;

  touch_sum t = {0, 0, 0, 0};
  unsigned long long records = 0, bytes = 0, bad = 0;
  size_t have = 0; /* bytes in buf not yet consumed */
  double t0 = bench_now();
  for (;;) {
    size_t got = fread(buf + have, 1, cap - have, f);
    bytes += got;
    have += got;
    int eof = got == 0;
    char *p = buf, *end = buf + have;
    for (;;) {
      char *nl = memchr(p, '\n', (size_t)(end - p));
      if (!nl) {
        if (!eof || p == end) break;
        nl = end; /* a last line without a newline */
      }
      size_t len = (size_t)(nl - p);
      if (len > 0 && p[len - 1] == '\r') len--;
      if (len > 0) {
        cJSON *rec = cJSON_ParseWithLength(p, len);
        if (!rec) {
          bad++;
        } else {
          records++;
          read_fields(rec, &t);
          const cJSON *samples = cJSON_GetObjectItemCaseSensitive(rec, "samples");
          if (cJSON_IsArray(samples))
            for (const cJSON *s = samples->child; s; s = s->next) read_fields(s, &t);
          cJSON_Delete(rec);
        }
      }
      p = nl < end ? nl + 1 : end;
    }
    /* keep the partial line; grow when it fills the whole buffer */
    have = (size_t)(end - p);
    memmove(buf, p, have);
    if (eof) break;
    if (have == cap) {
      char *nb = realloc(buf, cap * 2);
      if (!nb) return 1;
      buf = nb;
      cap *= 2;
    }
  }
  double secs = bench_now() - t0;
  fclose(f);
  free(buf);

  printf("records %llu\nbytes %llu\nseconds %.6f\nrecords_per_s %.0f\nmb_per_s %.2f\n", records, bytes, secs,
         (double)records / secs, (double)bytes / 1e6 / secs);
  printf("touched: %llu string bytes, %llu items, %llu true, %llu number\n", t.string_bytes, t.items, t.trues,
         t.numbers);
  if (bad) fprintf(stderr, "parse_limit: %llu lines did not parse\n", bad);
  return bad ? 1 : 0;
}
