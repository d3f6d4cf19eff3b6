/* The observations harnesses' shared body (observations.c). */
#ifndef GV_FUZZ_OBSERVATIONS_H
#define GV_FUZZ_OBSERVATIONS_H

#include <stddef.h>
#include <stdint.h>

/* Adds `data` as observations of the fixed fixture framework in `format`
   (a govopen_format), runs the evaluation and renders its result. */
void fuzz_observations(const uint8_t *data, size_t size, int format);

#endif
