/* The calendar loader's entry point, below the public API. */
#ifndef GV_CALENDAR_LOAD_H
#define GV_CALENDAR_LOAD_H

#include <stddef.h>

#include "govopen/calendar.h"
#include "load/load.h"

/* The newest calendar format (`schema:`) this library reads. */
#define GV_CALENDAR_SCHEMA_VERSION 1

/* Finds the calendar a document names as its `base` (a built-in): loads it
   into `*out` (the loader frees it) and returns 0, or returns a status. */
typedef int (*gv_calendar_base_fn)(govopen_calendar **out, const char *id, void *payload);

/* Parses and validates a calendar document; see govopen_calendar_load_buffer().
   `base_fn` (may be NULL: then no document may name a base) resolves `base`. */
int gv_calendar_load(govopen_calendar **out, const char *data, size_t len, const char *source,
                     const gv_load_limits *lim, gv_calendar_base_fn base_fn, void *payload, govopen_error **err);

#endif
