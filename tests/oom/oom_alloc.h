/* A malloc interposer that fails one chosen allocation (tests/oom). */
#ifndef GV_OOM_ALLOC_H
#define GV_OOM_ALLOC_H

#include <stddef.h>

/* Counting starts at 0 with oom_reset(); while armed, every call to malloc,
   calloc, realloc, strdup or strndup is counted, and the call numbered
   `fail_at` (1-based; 0 = never) returns NULL. Calls made while disarmed are
   neither counted nor failed. */
void oom_reset(unsigned long fail_at);
void oom_arm(void);
void oom_disarm(void);
/* Allocation calls counted since oom_reset(). */
unsigned long oom_calls(void);
/* 1 once the chosen call has been failed. */
int oom_failed(void);
/* The return address of the failed call's caller (for diagnostics). */
void *oom_failed_caller(void);
/* Writes the stack of the failed call (unsymbolised frames of static functions). */
void oom_print_failed_stack(int fd);
/* Blocks currently live among those allocated through the interposer, armed or not. */
long oom_live(void);

#endif
