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

/** Static English text for a status code (a govopen_status); never NULL. */
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

/* --- dates ---------------------------------------------------------------- */

/**
 * The size of a caller's buffer for a date: "YYYY-MM-DD" and its NUL, 11
 * bytes. Every function that writes a date into a buffer the caller gives
 * takes `char out[GOVOPEN_DATE_SIZE]` (govopen_calendar_add_workdays(),
 * govopen_calendar_add_days()); an array parameter is a pointer, so this is
 * the same ABI as the `char out[11]` those functions were declared with.
 */
#define GOVOPEN_DATE_SIZE 11

/* --- callbacks ------------------------------------------------------------ */

/**
 * Receives the next `len` bytes (never 0) of a document being written; the
 * bytes at `data` are valid only during the call. Returns 0 to go on;
 * non-zero stops the writer, which then makes no further call (it returns
 * GOVOPEN_ESTOPPED). Every writer takes it: govopen_result_write_json(),
 * govopen_evaluation_write_json(), govopen_result_write_csv(),
 * govopen_result_write_rectify(), govopen_result_write_markdown(),
 * govopen_result_write_html(), govopen_framework_write_worksheet(),
 * govopen_framework_diff().
 *
 * Its payload comes first, while govopen_node_visit_fn and govopen_plan_fn
 * take theirs last, as every callback type declared from now on does. It
 * is kept as it is, with no second typedef in the other order, because a
 * new order would need a new typedef and a `_v2` of each of those eight
 * writers (and of their Python bindings): the writing API twice over, for
 * no caller that could not already write what it wants. The order cannot
 * be confused silently: a callback of the wrong shape does not convert to
 * this type without a cast. A new writer takes this same type, so that
 * every writer takes one callback (docs/abi.md, "Callbacks").
 */
typedef int (*govopen_write_fn)(void *user, const char *data, size_t len);

/* --- flags -------------------------------------------------------------------
 *
 * Every flag bit of the API is in this block: the flags, what takes each of
 * them, their values, and the bits still free. A function that takes
 * `unsigned flags` accepts the flags listed for it and refuses any other
 * bit with GOVOPEN_EINVALID.
 *
 *   bit  value   flag                         taken by
 *   0    0x001u  GOVOPEN_JSON_PRETTY          the JSON writers: govopen_framework_to_json(),
 *                                             govopen_result_to_json(), govopen_result_write_json(),
 *                                             govopen_evaluation_write_json(), govopen_yaml_to_json(),
 *                                             govopen_yaml_file_to_json()
 *   0    0x001u  GOVOPEN_REPORT_LANG_EN       the report writers: govopen_result_write_csv(),
 *                                             govopen_result_write_rectify(), govopen_result_write_markdown(),
 *                                             govopen_result_write_html(), govopen_framework_write_worksheet(),
 *                                             govopen_framework_diff()
 *   0    0x001u  GOVOPEN_ESCAPE_KEEP_NEWLINE  govopen_text_escape()
 *   1    0x002u  GOVOPEN_CSV_NO_BOM           govopen_result_write_csv(), govopen_framework_write_worksheet()
 *   2-3          (never allocated; stay free)
 *   4    0x010u  GOVOPEN_DIFF_JSON            govopen_framework_diff()
 *   5    0x020u  GOVOPEN_DIFF_PRETTY          govopen_framework_diff() (with GOVOPEN_DIFF_JSON only)
 *   6-7          (never allocated; stay free)
 *   8    0x100u  GOVOPEN_SCORE_TWO_DECIMALS   govopen_score_format()
 *   9            the next free bit
 *
 * The three flags of bit 0 were numbered by family before this block
 * existed, and keep their value (it is ABI). They belong to different
 * functions: no function takes two of them, so none is ever misread by the
 * function it is meant for. Given to a function of another family, one is
 * read as that family's flag of the same bit: GOVOPEN_JSON_PRETTY passed to
 * govopen_framework_diff() asks for English labels (pretty JSON there is
 * GOVOPEN_DIFF_PRETTY).
 *
 * The rule for a new flag: it takes the next free bit of this table (bit 9,
 * then 10 …), whichever function takes it; it is defined here, with its
 * table line, and the table's "next free bit" moves on. So every new flag
 * has a bit no other flag has, and no two flags one function takes can
 * share one. tests/test_h15_headers.c checks at compile time that no two
 * flags taken by one function share a bit, and at run time that each
 * function refuses every bit it is not listed for.
 */

/**
 * govopen_framework_to_json(), govopen_result_to_json(),
 * govopen_result_write_json(), govopen_evaluation_write_json(),
 * govopen_yaml_to_json(), govopen_yaml_file_to_json(): one member per line,
 * indented with tabs. Without it the JSON is compact.
 */
#define GOVOPEN_JSON_PRETTY 1u
/**
 * The report writers (govopen_result_write_csv(), _rectify(), _markdown(),
 * _html(), govopen_framework_write_worksheet(), govopen_framework_diff()):
 * labels in English (column headers, statuses, kinds, the rectification
 * list's wording). Without it they are in Chinese. The reasons themselves
 * are always in Chinese, as the library writes them.
 */
#define GOVOPEN_REPORT_LANG_EN 1u
/** govopen_text_escape(): keep line feeds as they are. */
#define GOVOPEN_ESCAPE_KEEP_NEWLINE 1u
/**
 * govopen_result_write_csv(), govopen_framework_write_worksheet(): no
 * UTF-8 byte order mark before a CSV table. By default the table starts
 * with one (EF BB BF), which Excel needs to read UTF-8 rather than the
 * system's code page; other readers may want it left out.
 */
#define GOVOPEN_CSV_NO_BOM 2u
/** govopen_framework_diff(): JSON (docs/diff.md) rather than text. */
#define GOVOPEN_DIFF_JSON 0x10u
/**
 * govopen_framework_diff(), with GOVOPEN_DIFF_JSON (alone it is
 * GOVOPEN_EINVALID): one member per line, as GOVOPEN_JSON_PRETTY lays JSON
 * out.
 */
#define GOVOPEN_DIFF_PRETTY 0x20u
/** govopen_score_format(): always two decimals ("0.50", "100.00"), as the text reports print. */
#define GOVOPEN_SCORE_TWO_DECIMALS 0x100u

/* --- output: escaping for terminals (issue 13) ---------------------------- */

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
