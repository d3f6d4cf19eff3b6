/* The result JSON writer (result_json.c), for the tests that need its chunk size. */
#ifndef GV_RESULT_JSON_H
#define GV_RESULT_JSON_H

#include <stddef.h>

#include "govopen/evaluate.h"

/* govopen_result_write_json() with chunks of at most `chunk` bytes (0: the
   default, GV_JW_CHUNK): small chunks let a test split every token. */
int gv_result_write_json(const govopen_result *r, unsigned flags, size_t chunk, govopen_write_fn write, void *user);

#endif
