/* libgovopen: a YAML document as the library reads it, as JSON — for JSON
 * Schema validators and other tools that should see exactly the values the
 * library sees (docs/schema/README.md). */
#ifndef GOVOPEN_CONVERT_H
#define GOVOPEN_CONVERT_H

#include "common.h"
#include "error.h"
#include "framework.h" /* GOVOPEN_JSON_PRETTY */
#include "options.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Converts one YAML document (UTF-8, `len` bytes at `data`) to JSON text,
 * reading it as the framework loader does and typing its scalars as the
 * loader types them (docs/framework-format.md, "Strict scalar types"): a
 * quoted scalar is a string; a plain one is null (`null`, `~`, empty), a
 * boolean (`true`, `false` only), a number (`38`, `-3`, `2.5`, `1e3`), or
 * else a string. Integers and decimals are written as they stand in the
 * document, less a `+` sign and leading zeros, which JSON does not have
 * (`+007` → `7`, `2.50` stays `2.50`). Mapping keys are always strings,
 * the key's text as written (`4: x` → `"4": "x"`), in the document's
 * order. An empty document is `null`. The document is not checked against
 * the framework format: an overlay stays an overlay, with its `extends`
 * unresolved.
 *
 * The loader's limits apply (`opts` may be NULL for the defaults): size,
 * nesting depth, nodes, aliases (refused by default; when allowed, an
 * alias is written out as a copy of what it names) and the length of one
 * scalar (GOVOPEN_OPT_MAX_STRING). Malformed YAML, a second document, a
 * duplicate key or a key that is not a scalar is GOVOPEN_EPARSE or
 * GOVOPEN_ESCHEMA, and a limit GOVOPEN_ELIMIT, each with its line and
 * column in `*err`; `source_name` (may be NULL) names the document there.
 *
 * `flags`: GOVOPEN_JSON_PRETTY (one member per line, indented with tabs,
 * as govopen_framework_to_json() lays it out) or 0 (compact). On success
 * `*out` (NUL-terminated, `*out_len` bytes before the NUL; `out_len` may be
 * NULL) belongs to the caller: release it with govopen_free(). On failure
 * `*out` is NULL. GOVOPEN_EINVALID for a NULL `out`, data NULL with a
 * length, or an unknown flag.
 */
GOVOPEN_API int govopen_yaml_to_json(const char *data, size_t len, const char *source_name, const govopen_options *opts,
                                     unsigned flags, char **out, size_t *out_len, govopen_error **err);

/**
 * govopen_yaml_to_json() of the file at `path` (read within
 * GOVOPEN_OPT_MAX_SIZE), diagnostics naming the file. GOVOPEN_ENOTFOUND or
 * GOVOPEN_EIO when it cannot be read.
 */
GOVOPEN_API int govopen_yaml_file_to_json(const char *path, const govopen_options *opts, unsigned flags, char **out,
                                          size_t *out_len, govopen_error **err);

/**
 * govopen_builtin_framework_yaml() (framework.h) under its first name, kept
 * for compatibility (the ABI only grows); new code calls
 * govopen_builtin_framework_yaml(). The YAML text of built-in framework
 * `id`, in static storage, its length in `*len` (`len` may be NULL); NULL
 * when there is no such built-in.
 */
GOVOPEN_API const char *govopen_builtin_yaml(const char *id, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
