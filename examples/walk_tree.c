/* A portal developer's first program: load the built-in Langao 2023
 * framework, walk its indicator tree and list one unit's duties.
 *
 *   cc walk_tree.c $(pkg-config --cflags --libs govopen) -o walk_tree
 *   ./walk_tree [UNIT]        (default 县人社局)
 */
#include <stdio.h>

#include <govopen/govopen.h>

static int print_node(const govopen_node *n, void *payload) {
  (void)payload;
  if (govopen_node_depth(n) <= 2)
    printf("%*s%s %s%s  %.2f\n", (int)(govopen_node_depth(n) - 1) * 2, "", govopen_node_id(n), govopen_node_label(n),
           govopen_node_title(n), govopen_node_score(n));
  return 0;
}

int main(int argc, char **argv) {
  const char *unit_name = argc > 1 ? argv[1] : "县人社局";
  govopen_framework *fw = NULL;
  govopen_error *err = NULL;
  if (govopen_framework_load_builtin(&fw, "langao-2023", NULL, &err) != GOVOPEN_OK) {
    char *msg = NULL;
    if (govopen_error_format(err, &msg, NULL) == GOVOPEN_OK) fprintf(stderr, "%s\n", msg);
    govopen_free(msg);
    govopen_error_free(err);
    return 1;
  }
  const govopen_node *root = govopen_framework_root(fw);
  printf("%s\n", govopen_framework_title(fw));
  printf("total %.2f, %zu level-1 indicators, %zu points\n", govopen_framework_total(fw),
         govopen_node_child_count(root), govopen_framework_point_count(fw));
  govopen_framework_walk(fw, print_node, NULL);

  const govopen_unit *u = govopen_framework_unit_find(fw, unit_name);
  if (u == NULL) {
    fprintf(stderr, "no unit %s\n", unit_name);
    govopen_framework_free(fw);
    return 1;
  }
  printf("\n%s owns %zu points:\n", govopen_unit_name(u), govopen_unit_point_count(u));
  for (size_t i = 0; i < govopen_unit_point_count(u); i++) {
    const govopen_point *p = govopen_unit_point(u, i);
    printf("  %s (%s) %.2f  %s\n", govopen_point_id(p), govopen_node_id(govopen_point_node(p)), govopen_point_score(p),
           govopen_point_text(p));
  }
  govopen_framework_free(fw);
  return 0;
}
