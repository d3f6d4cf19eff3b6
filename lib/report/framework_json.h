/* The framework as JSON, inside the library (report/framework_json.c). */
#ifndef GV_FRAMEWORK_JSON_H
#define GV_FRAMEWORK_JSON_H

#include "model/model.h"
#include "util/digest.h"

/* The SHA-256 (hex) of the framework's canonical form, which results'
   fingerprints name (docs/results.md, "The framework's digest"): every
   value loaded that govopen_framework_to_json() shows — metadata, sampling
   methods, units, groups, the indicator tree in pre-order with each point
   and its rule block, adjustments, grades — and the settings it leaves out
   (the default as-of date, not_evaluated, cap_adjusted), each as a line
   "tag len:bytes" (text), "tag =number" or "tag -" (none), a list as its
   count then its items, a rule as its compact JSON. Overlays are resolved:
   it is the framework as loaded, whatever file it came from. Streamed into
   the digest: memory stays flat whatever the framework's size. GOVOPEN_OK,
   or GOVOPEN_ENOMEM. */
int gv_framework_digest(const govopen_framework *fw, char out[GV_DIGEST_HEX]);

/* The framework `fw` (not NULL) as JSON text, as govopen_framework_to_json()
   gives it (govopen/framework.h), indented when `pretty`, malloc'd into *out (NUL-terminated) with its length
   in *out_len when not NULL: govopen_framework_to_json() once its arguments
   are checked. GOVOPEN_OK, or GOVOPEN_ENOMEM. */
int gv_framework_to_json(const govopen_framework *fw, int pretty, char **out, size_t *out_len);

#endif
