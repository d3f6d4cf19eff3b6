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
  GOVOPEN_ESTATE = -11,   /**< a call out of order (e.g. reading a result before running) */
  /**
   * A write callback (govopen_write_fn) returned non-zero: the writer
   * stopped at once and the document is incomplete. Until 0.x (issue 14)
   * writers reported this as GOVOPEN_EIO; see docs/abi.md.
   */
  GOVOPEN_ESTOPPED = -12
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

/* output: escaping for terminals (issue 13) */
/** govopen_text_escape(): keep line feeds as they are. */
#define GOVOPEN_ESCAPE_KEEP_NEWLINE 1u

/**
 * Text from the input made safe to print on a terminal or in a plain-text
 * file (docs/security.md, "Output escaping"): every C0 control (tab and
 * line feed included) and DEL becomes `\xHH` (`\x1b`, `\x07`), every C1
 * control (U+0080–U+009F), the separators U+2028/U+2029 and every
 * bidirectional formatting character (U+061C, U+200E, U+200F,
 * U+202A–U+202E, U+2066–U+2069) becomes `\uHHHH` (`\u202e`), and every byte
 * that does not start well-formed UTF-8 becomes `\xHH`; the rest is copied.
 * With GOVOPEN_ESCAPE_KEEP_NEWLINE a line feed stays one. A backslash is
 * not doubled: the result is for people to read, not to be decoded. The
 * `govopen` tool prints every text from its inputs through it.
 *
 * `text` holds `len` bytes (NUL included, escaped as `\x00`); NULL is
 * allowed when `len` is 0. On success `*out` is a NUL-terminated copy the
 * caller releases with govopen_free(), `*out_len` (may be NULL) its length.
 * GOVOPEN_EINVALID for a NULL `out`, a NULL `text` with a length, or an
 * unknown flag; GOVOPEN_ENOMEM. `*out` is NULL on failure.
 */
GOVOPEN_API int govopen_text_escape(const char *text, size_t len, unsigned flags, char **out, size_t *out_len);

/* output: scores as text (issue 15) */
/** Room for any score as govopen_score_format() writes it, and its NUL. */
#define GOVOPEN_SCORE_SIZE 32
/** govopen_score_format(): always two decimals ("0.50", "100.00"), as the text reports print. */
#define GOVOPEN_SCORE_TWO_DECIMALS (1u << 8)

/**
 * A score as the library's reports write it: `score` rounded to the
 * hundredth by the library's one rule (docs/results.md, "One rounding
 * rule": halves away from zero, a double within binary noise of a half
 * counting as the half, so 2.675 gives "2.68" and -2.675 "-2.68"), with a
 * point for the decimal separator in every locale and no thousands
 * separator. Without flags at most two decimals and no trailing zeros, as
 * the JSON and CSV write it ("97.24", "0.5", "-3"); with
 * GOVOPEN_SCORE_TWO_DECIMALS exactly two ("97.24", "0.50", "-3.00"). A
 * value that rounds to zero is "0", never "-0".
 *
 * Writes the text and its NUL into `out` (`size` bytes; GOVOPEN_SCORE_SIZE
 * is always enough) and returns its length. Returns (size_t)-1, writing ""
 * when `out` is not NULL and `size` is not 0, for a NULL `out`, a `size`
 * too small for the text and its NUL, an unknown flag, or a `score` that is
 * NaN, infinite or of a magnitude of 9.2e16 or more (no score comes near).
 */
GOVOPEN_API size_t govopen_score_format(double score, unsigned flags, char *out, size_t size);

#ifdef __cplusplus
}
#endif
#endif
