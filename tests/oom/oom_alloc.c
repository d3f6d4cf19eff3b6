/* The allocation interposer of the out-of-memory sweeps.
 *
 * The test executable defines malloc, calloc, realloc, free, strdup and
 * strndup. The dynamic linker searches the executable first, so the shared
 * libyaml and libcjson (and the C library's own callers) reach these
 * definitions too; the library under test, linked statically, calls them
 * directly. Each forwards to the next definition (the C library's, or
 * AddressSanitizer's when built with it) found with dlsym(RTLD_NEXT, ...).
 * dlsym may itself allocate before the real functions are known: those
 * early requests are served from a small static buffer that is never freed.
 *
 * The test is single-threaded; the counters are plain globals. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <malloc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oom_alloc.h"

typedef void *(*malloc_fn)(size_t);
typedef void *(*calloc_fn)(size_t, size_t);
typedef void *(*realloc_fn)(void *, size_t);
typedef void (*free_fn)(void *);

static malloc_fn real_malloc;
static calloc_fn real_calloc;
static realloc_fn real_realloc;
static free_fn real_free;
static int resolving;

/* Bootstrap arena for allocations made while dlsym runs. Each block is
   preceded by its size so realloc can move it out. */
static _Alignas(16) unsigned char boot[16384];
static size_t boot_used;

static int is_boot(const void *p) {
  return (const unsigned char *)p >= boot && (const unsigned char *)p < boot + sizeof boot;
}

static void *boot_alloc(size_t n) {
  size_t need = (n + 15u) & ~(size_t)15u;
  if (need < n || need + 16 > sizeof boot - boot_used) return NULL;
  unsigned char *p = boot + boot_used;
  memcpy(p, &n, sizeof n);
  boot_used += need + 16;
  memset(p + 16, 0, n);
  return p + 16;
}

static size_t boot_size(const void *p) {
  size_t n;
  memcpy(&n, (const unsigned char *)p - 16, sizeof n);
  return n;
}

/* dlsym's object pointer as a function pointer, without ISO C's complaint. */
#define NEXT(dst, name)                  \
  do {                                   \
    void *sym_ = dlsym(RTLD_NEXT, name); \
    memcpy(&(dst), &sym_, sizeof sym_);  \
  } while (0)

static void resolve(void) {
  if (real_free || resolving) return;
  resolving = 1;
  malloc_fn m;
  calloc_fn c;
  realloc_fn r;
  free_fn f;
  NEXT(m, "malloc");
  NEXT(c, "calloc");
  NEXT(r, "realloc");
  NEXT(f, "free");
  if (!m || !c || !r || !f) {
    static const char msg[] = "oom_alloc: cannot find the real allocator\n";
    fwrite(msg, 1, sizeof msg - 1, stderr);
    abort();
  }
  real_malloc = m;
  real_calloc = c;
  real_realloc = r;
  real_free = f;
  resolving = 0;
}

/* --- the counter ------------------------------------------------------------ */

static int armed;
static unsigned long calls, fail_at;
static int failed;
static void *failed_caller;
static long live;
static void *failed_stack[24];
static int failed_depth;

void oom_reset(unsigned long n) {
  static int warm;
  if (!warm) {
    /* The first backtrace() loads the unwinder, allocating for good: do it now. */
    void *frames[2];
    backtrace(frames, 2);
    warm = 1;
  }
  calls = 0;
  fail_at = n;
  failed = 0;
  failed_caller = NULL;
  failed_depth = 0;
}
void oom_arm(void) { armed = 1; }
void oom_disarm(void) { armed = 0; }
unsigned long oom_calls(void) { return calls; }
int oom_failed(void) { return failed; }
void *oom_failed_caller(void) { return failed_caller; }
long oom_live(void) { return live; }
void oom_print_failed_stack(int fd) {
  if (failed && failed_depth > 0) backtrace_symbols_fd(failed_stack, failed_depth, fd);
}

/* Counts one call; 1 when it must fail. */
static int should_fail(void *caller) {
  if (!armed) return 0;
  calls++;
  if (calls != fail_at) return 0;
  failed = 1;
  failed_caller = caller;
  /* backtrace() may allocate the first time (it loads the unwinder): not counted. */
  armed = 0;
  failed_depth = backtrace(failed_stack, (int)(sizeof failed_stack / sizeof failed_stack[0]));
  armed = 1;
  errno = ENOMEM; /* as the C library's allocator does */
  return 1;
}

/* Under LeakSanitizer: the dynamic linker's blocks (the unwinder that
   backtrace() loads) reach it through this file, so it cannot tell they are
   the linker's own. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:_dl_map_object_deps\nleak:_dl_open\n"; }
const char *__lsan_default_options(void);
const char *__lsan_default_options(void) { return "print_suppressions=0"; }

/* --- the interposed functions ------------------------------------------------ */

static void *do_malloc(size_t n, void *caller) {
  if (real_malloc == NULL) {
    resolve();
    if (real_malloc == NULL) return boot_alloc(n);
  }
  if (should_fail(caller)) return NULL;
  void *p = real_malloc(n);
  if (p) live++;
  return p;
}

void *malloc(size_t n) { return do_malloc(n, __builtin_return_address(0)); }

void *calloc(size_t count, size_t size) {
  if (real_calloc == NULL) {
    resolve();
    if (real_calloc == NULL) {
      if (size && count > SIZE_MAX / size) return NULL;
      return boot_alloc(count * size);
    }
  }
  if (should_fail(__builtin_return_address(0))) return NULL;
  void *p = real_calloc(count, size);
  if (p) live++;
  return p;
}

void *realloc(void *old, size_t n) {
  if (old != NULL && is_boot(old)) {
    void *p = do_malloc(n, __builtin_return_address(0));
    if (p) {
      size_t have = boot_size(old);
      memcpy(p, old, have < n ? have : n);
    }
    return p;
  }
  if (real_realloc == NULL) {
    resolve();
    if (real_realloc == NULL) return boot_alloc(n);
  }
  if (should_fail(__builtin_return_address(0))) return NULL;
  void *p = real_realloc(old, n);
  if (old == NULL && p != NULL) live++;
  if (old != NULL && n == 0 && p == NULL) live--; /* realloc(p, 0) freed p */
  return p;
}

void free(void *p) {
  if (p == NULL || is_boot(p)) return;
  if (real_free == NULL) resolve();
  live--;
  real_free(p);
}

char *strdup(const char *s) {
  size_t n = strlen(s);
  char *p = do_malloc(n + 1, __builtin_return_address(0));
  if (p) memcpy(p, s, n + 1);
  return p;
}

char *strndup(const char *s, size_t max) {
  size_t n = strnlen(s, max);
  char *p = do_malloc(n + 1, __builtin_return_address(0));
  if (p) {
    memcpy(p, s, n);
    p[n] = '\0';
  }
  return p;
}

/* The aligned allocators are not failed, only counted, so free() balances. */
int posix_memalign(void **out, size_t align, size_t n) {
  typedef int (*fn)(void **, size_t, size_t);
  static fn real;
  if (real == NULL) NEXT(real, "posix_memalign");
  int r = real(out, align, n);
  if (r == 0) live++;
  return r;
}

void *aligned_alloc(size_t align, size_t n) {
  typedef void *(*fn)(size_t, size_t);
  static fn real;
  if (real == NULL) NEXT(real, "aligned_alloc");
  void *p = real(align, n);
  if (p) live++;
  return p;
}

void *memalign(size_t align, size_t n) {
  typedef void *(*fn)(size_t, size_t);
  static fn real;
  if (real == NULL) NEXT(real, "memalign");
  void *p = real(align, n);
  if (p) live++;
  return p;
}
