/* Shared helpers of the peer conformance programs (peer_yaml, peer_json):
 * finding the suites, reading files, the per-input time budget and the
 * expected-differences lists. */
#ifndef GV_PEER_COMMON_H
#define GV_PEER_COMMON_H

#include <stddef.h>

/* ctest's skip code (SKIP_RETURN_CODE in tests/peer/CMakeLists.txt). */
#define PEER_SKIP 77

/* The suites' directory: $GOVOPEN_PEER_SUITES when set and not empty, else
   `configured` (the CMake cache variable of the same name). */
const char *peer_suites_dir(const char *configured);

/* Returns 0 when `dir` is a directory. Otherwise prints why and returns the
   exit status: PEER_SKIP outside CI, 1 under CI=true. */
int peer_require_dir(const char *dir, const char *what);

/* Reads a whole file, NUL-terminated; NULL on failure. Free with free(). */
char *peer_read_file(const char *path, size_t *len);
int peer_exists(const char *path);

/* The names in `dir` (sorted, no "." or ".."), optionally only those ending
   in `suffix`. Returns the count; *names is NULL-terminated; free with
   peer_free_names(). Exits on failure to read the directory. */
size_t peer_list_dir(const char *dir, const char *suffix, char ***names);
void peer_free_names(char **names);

/* The per-input time budget: $GOVOPEN_PEER_BUDGET seconds (default 10).
   peer_budget_start(name) arms it for one input; when it runs out the
   program prints the input's name and exits with status 3. */
void peer_budget_init(void);
void peer_budget_start(const char *name);
void peer_budget_stop(void);

/* An expected-differences list: lines "KEY DIRECTION REASON…", with KEY and
   DIRECTION single words, '#' comments and blank lines ignored. */
typedef struct peer_expect {
  char *key, *direction, *reason;
  unsigned line;
  int used;
} peer_expect;

typedef struct peer_expects {
  peer_expect *items;
  size_t count;
  const char *path;
} peer_expects;

/* Loads a list. Returns the number of problems in it (a line without a
   reason, a key listed twice), each printed. Exits when the file cannot be read. */
int peer_expects_load(peer_expects *x, const char *path);
peer_expect *peer_expects_find(peer_expects *x, const char *key);
void peer_expects_free(peer_expects *x);

#endif
