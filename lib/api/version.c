#include <stdlib.h>

#include "govopen/common.h"
#include "govopen/version.h"

const char *govopen_version_string(void) { return GOVOPEN_VERSION_STRING; }
int govopen_version_number(void) { return GOVOPEN_VERSION_NUMBER; }
int govopen_schema_version(void) { return GOVOPEN_SCHEMA_VERSION; }

void govopen_free(void *ptr) { free(ptr); }

const char *govopen_status_str(int status) {
  switch (status) {
    case GOVOPEN_OK: return "success";
    case GOVOPEN_ENOMEM: return "out of memory";
    case GOVOPEN_EINVALID: return "invalid argument";
    case GOVOPEN_EPARSE: return "malformed input";
    case GOVOPEN_ESCHEMA: return "invalid document";
    case GOVOPEN_ENOTFOUND: return "not found";
    case GOVOPEN_ELIMIT: return "limit exceeded";
    case GOVOPEN_EIO: return "cannot read file";
    case GOVOPEN_EVERSION: return "unsupported format version";
    case GOVOPEN_EUSER: return "stopped by a callback";
    case GOVOPEN_ERANGE: return "out of range";
    case GOVOPEN_ESTATE: return "call out of order";
    default: return "unknown status";
  }
}
