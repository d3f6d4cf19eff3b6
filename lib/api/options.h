/* The options object, read by the loaders. */
#ifndef GV_OPTIONS_H
#define GV_OPTIONS_H

#include "govopen/options.h"
#include "load/load.h"

/* The limits of `opts`, or the defaults when it is NULL. */
void gv_options_limits(const govopen_options *opts, gv_load_limits *out);

#endif
