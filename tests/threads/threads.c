/* One framework shared by 8 threads, each running its own evaluation of the
 * Langao sample data: every result must be byte-identical to a run made
 * alone. Public API only. Run under ThreadSanitizer by scripts/tsan.sh.
 *
 *   threads OBSERVATIONS [THREADS] [ROUNDS]
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <govopen/govopen.h>

typedef struct job {
  const govopen_framework *fw;
  const char *observations;
  int rounds;
  char *json; /* the last round's result */
  size_t len;
  int status;
} job;

/* One evaluation: its own evaluation object and result, the framework shared. */
static int evaluate(const govopen_framework *fw, const char *observations, char **json, size_t *len) {
  govopen_evaluation *ev = NULL;
  govopen_result *r = NULL;
  int rc = govopen_evaluation_new(&ev, fw, NULL);
  if (rc == GOVOPEN_OK) rc = govopen_evaluation_set_as_of(ev, "2023-12-15", NULL);
  if (rc == GOVOPEN_OK) rc = govopen_evaluation_add_file(ev, observations, GOVOPEN_FORMAT_AUTO, NULL);
  if (rc == GOVOPEN_OK) rc = govopen_evaluation_run(ev, &r, NULL);
  if (rc == GOVOPEN_OK) rc = govopen_result_to_json(r, 0, json, len);
  govopen_result_free(r);
  govopen_evaluation_free(ev);
  return rc;
}

static void *worker(void *arg) {
  job *j = arg;
  for (int i = 0; i < j->rounds && j->status == GOVOPEN_OK; i++) {
    govopen_free(j->json);
    j->json = NULL;
    j->status = evaluate(j->fw, j->observations, &j->json, &j->len);
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: threads OBSERVATIONS [THREADS] [ROUNDS]\n");
    return 2;
  }
  int nthreads = argc > 2 ? atoi(argv[2]) : 8;
  int rounds = argc > 3 ? atoi(argv[3]) : 3;
  if (nthreads < 1 || nthreads > 64 || rounds < 1) {
    fprintf(stderr, "threads: bad THREADS or ROUNDS\n");
    return 2;
  }
  govopen_framework *fw = NULL;
  if (govopen_framework_load_builtin(&fw, "langao-2023", NULL, NULL) != GOVOPEN_OK) {
    fprintf(stderr, "threads: cannot load langao-2023\n");
    return 1;
  }
  char *reference = NULL;
  size_t reference_len = 0;
  if (evaluate(fw, argv[1], &reference, &reference_len) != GOVOPEN_OK) {
    fprintf(stderr, "threads: the reference evaluation failed\n");
    govopen_framework_free(fw);
    return 1;
  }
  job *jobs = calloc((size_t)nthreads, sizeof *jobs);
  pthread_t *tids = calloc((size_t)nthreads, sizeof *tids);
  int failed = jobs == NULL || tids == NULL;
  int started = 0;
  for (int i = 0; !failed && i < nthreads; i++) {
    jobs[i] = (job){fw, argv[1], rounds, NULL, 0, GOVOPEN_OK};
    if (pthread_create(&tids[i], NULL, worker, &jobs[i]) != 0) {
      failed = 1;
      break;
    }
    started++;
  }
  for (int i = 0; i < started; i++) pthread_join(tids[i], NULL);
  for (int i = 0; i < started; i++) {
    if (jobs[i].status != GOVOPEN_OK) {
      fprintf(stderr, "threads: thread %d failed: %s\n", i, govopen_status_str(jobs[i].status));
      failed = 1;
    } else if (jobs[i].len != reference_len || memcmp(jobs[i].json, reference, reference_len) != 0) {
      fprintf(stderr, "threads: thread %d's result differs from the reference\n", i);
      failed = 1;
    }
    govopen_free(jobs[i].json);
  }
  if (!failed) printf("ok: %d threads x %d rounds, %zu bytes of identical JSON each\n", started, rounds, reference_len);
  free(jobs);
  free(tids);
  govopen_free(reference);
  govopen_framework_free(fw);
  return failed ? 1 : 0;
}
