/* 任务分解: every evaluation point one unit is responsible for, with the
 * indicator it belongs to, in the built-in Langao 2023 framework.
 *
 *   cc -std=c11 duties.c $(pkg-config --cflags --libs govopen) -o duties
 *   ./duties [UNIT]        UNIT: an id, a name or an alias (default 县人社局)
 *
 * Exit status: 0, or 1 when the unit is unknown.
 */
#include <stdio.h>

#include <govopen/govopen.h>

/* Prints "三、服务公开 > (七)办事指南公开 > 办事指南基本信息": the
 * indicator's ancestors first. The root (depth 0) is the framework itself
 * and is left out. */
static void print_path(const govopen_node *n) {
  const govopen_node *parent = govopen_node_parent(n);
  if (parent != NULL && govopen_node_depth(parent) > 0) {
    print_path(parent);
    fputs(" > ", stdout);
  }
  printf("%s%s", govopen_node_label(n), govopen_node_title(n));
}

int main(int argc, char **argv) {
  const char *key = argc > 1 ? argv[1] : "县人社局";
  if (argc > 2) {
    fprintf(stderr, "usage: duties [UNIT]\n");
    return 2;
  }

  /* The Langao framework is compiled into the library: no file needed.
   * NULL options mean the defaults; every diagnostic comes back in err. */
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  if (govopen_framework_load_builtin(&fw, "langao-2023", NULL, &err) != GOVOPEN_OK) {
    char *msg = NULL;
    if (govopen_error_format(err, &msg, NULL) == GOVOPEN_OK) fprintf(stderr, "%s\n", msg);
    govopen_free(msg); /* text from the library is freed by the library */
    govopen_error_free(err);
    return 1;
  }

  /* A unit is found by id ("renshe"), name ("县人社局") or alias. */
  const govopen_unit *u = govopen_framework_unit_find(fw, key);
  if (u == NULL) {
    fprintf(stderr, "duties: no unit '%s' in %s\n", key, govopen_framework_id(fw));
    govopen_framework_free(fw);
    return 1;
  }

  /* Every string and pointer below is borrowed from fw: valid until
   * govopen_framework_free(). */
  size_t n = govopen_unit_point_count(u);
  double sum = 0.0;
  for (size_t i = 0; i < n; i++) sum += govopen_point_score(govopen_unit_point(u, i));
  printf("%s (%s, %s): %zu point%s, %.2f of %.2f\n", govopen_unit_name(u), govopen_unit_id(u),
         govopen_unit_kind_name(govopen_unit_kind(u)), n, n == 1 ? "" : "s", sum, govopen_framework_total(fw));

  for (size_t i = 0; i < n; i++) {
    const govopen_point *p = govopen_unit_point(u, i);
    const govopen_node *ind = govopen_point_node(p);
    printf("\n%s  %.2f  [%s] ", govopen_point_id(p), govopen_point_score(p), govopen_node_id(ind));
    print_path(ind);
    printf("\n    %s\n    sampling: ", govopen_point_text(p));
    for (size_t k = 0; k < govopen_point_sampling_count(p); k++)
      printf("%s%s", k ? "、" : "", govopen_point_sampling(p, k));
    printf("\n");
  }
  govopen_framework_free(fw);
  return 0;
}
