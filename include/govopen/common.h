/* libgovopen: common definitions — export macro, status codes, memory. */
#ifndef GOVOPEN_COMMON_H
#define GOVOPEN_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(GOVOPEN_BUILDING) && defined(__GNUC__)
#define GOVOPEN_API __attribute__((visibility("default")))
#else
#define GOVOPEN_API
#endif

/**
 * Status codes. Every fallible function returns one of these as an int.
 * The values are fixed and only ever appended.
 */
typedef enum govopen_status {
  GOVOPEN_OK = 0,         /**< success */
  GOVOPEN_ENOMEM = -1,    /**< out of memory */
  GOVOPEN_EINVALID = -2,  /**< invalid argument (a NULL handle, an unknown option) */
  GOVOPEN_EPARSE = -3,    /**< malformed input: YAML or JSON syntax */
  GOVOPEN_ESCHEMA = -4,   /**< well-formed input that breaks the format's rules */
  GOVOPEN_ENOTFOUND = -5, /**< no such built-in, id, unit or file */
  GOVOPEN_ELIMIT = -6,    /**< a resource limit was exceeded (size, depth, nodes, aliases) */
  GOVOPEN_EIO = -7,       /**< a file could not be read */
  GOVOPEN_EVERSION = -8,  /**< the document's format is newer than this library */
  GOVOPEN_EUSER = -9,     /**< reserved for callbacks that stop a walk with it */
  GOVOPEN_ERANGE = -10,   /**< a value outside its range (a date outside the calendar's years) */
  GOVOPEN_ESTATE = -11    /**< a call out of order (e.g. reading a result before running) */
} govopen_status;

/** Static English text for a status code; never NULL. */
GOVOPEN_API const char *govopen_status_str(int status);

/**
 * Releases memory that libgovopen allocated and handed to the caller
 * (JSON text, formatted messages). Accepts NULL. Never use free() on it.
 */
GOVOPEN_API void govopen_free(void *ptr);

/** The run-time library version, e.g. "0.1.0". */
GOVOPEN_API const char *govopen_version_string(void);
/** The run-time version as MAJOR * 10000 + MINOR * 100 + PATCH. */
GOVOPEN_API int govopen_version_number(void);
/** The newest framework format (`schema:`) this library reads. */
GOVOPEN_API int govopen_schema_version(void);

#ifdef __cplusplus
}
#endif
#endif
