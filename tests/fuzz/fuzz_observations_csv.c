/* Fuzz target: observations as a CSV worksheet (govopen_evaluation_add_buffer
 * with GOVOPEN_FORMAT_CSV) of a fixed framework, then the evaluation and its
 * result JSON. The body is shared: observations.c. */
#include "fuzz.h"
#include "govopen/govopen.h"
#include "observations.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_observations(data, size, GOVOPEN_FORMAT_CSV);
  return 0;
}
