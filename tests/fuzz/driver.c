/* A main() for the fuzz harnesses without libFuzzer: replays every file named
 * on the command line, or found (recursively, in name order) in a directory
 * named there, through LLVMFuzzerTestOneInput. ctest runs it on each seed
 * corpus and regression directory, so they are checked by every build, with
 * any compiler. Files whose names start with '.' are skipped (.gitkeep).
 * Exits 1 when a path cannot be read or no input was found at all; a finding
 * aborts (or trips a sanitizer) inside the harness. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static size_t inputs;

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    fprintf(stderr, "fuzz-replay: cannot open %s: %s\n", path, strerror(errno));
    return -1;
  }
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  int rc = 0;
  while (buf != NULL) {
    size_t got = fread(buf + len, 1, cap - len, f);
    len += got;
    if (got == 0) break;
    if (len == cap) {
      char *more = realloc(buf, cap * 2);
      if (more == NULL) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = more;
      cap *= 2;
    }
  }
  if (buf == NULL || ferror(f)) {
    fprintf(stderr, "fuzz-replay: cannot read %s\n", path);
    rc = -1;
  }
  fclose(f);
  if (rc == 0) {
    /* An exact-size copy, so that a sanitizer sees any read past the end. */
    unsigned char *exact = malloc(len ? len : 1);
    if (exact == NULL) {
      rc = -1;
    } else {
      if (len) memcpy(exact, buf, len);
      fprintf(stderr, "fuzz-replay: %s (%zu bytes)\n", path, len);
      LLVMFuzzerTestOneInput(exact, len);
      inputs++;
      free(exact);
    }
  }
  free(buf);
  return rc;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int run_path(const char *path);

static int run_dir(const char *path) {
  DIR *d = opendir(path);
  if (d == NULL) {
    fprintf(stderr, "fuzz-replay: cannot open directory %s: %s\n", path, strerror(errno));
    return -1;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  int rc = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (e->d_name[0] == '.') continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      char **more = realloc(names, cap * sizeof *names);
      if (more == NULL) {
        rc = -1;
        break;
      }
      names = more;
    }
    size_t len = strlen(path) + strlen(e->d_name) + 2;
    names[n] = malloc(len);
    if (names[n] == NULL) {
      rc = -1;
      break;
    }
    snprintf(names[n], len, "%s/%s", path, e->d_name);
    n++;
  }
  closedir(d);
  if (n) qsort(names, n, sizeof *names, by_name);
  for (size_t i = 0; i < n; i++) {
    if (rc == 0 && run_path(names[i]) != 0) rc = -1;
    free(names[i]);
  }
  free(names);
  return rc;
}

static int run_path(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "fuzz-replay: %s: %s\n", path, strerror(errno));
    return -1;
  }
  return S_ISDIR(st.st_mode) ? run_dir(path) : run_file(path);
}

int main(int argc, char **argv) {
  int rc = 0;
  for (int i = 1; i < argc; i++) {
    if (argv[i][0] == '-') continue; /* libFuzzer-style flags: ignored */
    if (run_path(argv[i]) != 0) rc = 1;
  }
  fprintf(stderr, "fuzz-replay: %zu inputs replayed\n", inputs);
  if (inputs == 0) {
    fprintf(stderr, "fuzz-replay: no input found\n");
    rc = 1;
  }
  return rc;
}
