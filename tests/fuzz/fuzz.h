/* Shared by the fuzz harnesses (tests/fuzz/README.md). Each harness defines
 * LLVMFuzzerTestOneInput; it is linked either with libFuzzer (scripts/fuzz.sh)
 * or with driver.c, which replays files under ctest with any compiler. */
#ifndef GV_FUZZ_H
#define GV_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A promise the library makes (docs, headers) that a harness checks. Its
   failure is a finding like a crash: abort so libFuzzer keeps the input. */
#define FUZZ_CHECK(cond)                                                            \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
      abort();                                                                      \
    }                                                                               \
  } while (0)

#endif
