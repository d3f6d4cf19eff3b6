/* Fuzz target: observations as JSONL (govopen_evaluation_add_buffer with
 * GOVOPEN_FORMAT_JSONL) of a fixed framework, then the evaluation and its
 * result JSON. The body is shared: observations.c. */
#include "fuzz.h"
#include "govopen/govopen.h"
#include "observations.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_observations(data, size, GOVOPEN_FORMAT_JSONL);
  return 0;
}
