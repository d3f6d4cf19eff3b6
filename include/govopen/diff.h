/* libgovopen: what changed between two frameworks — a county's 2024 system
 * against its 2023 one, or against the county it copied (docs/diff.md). */
#ifndef GOVOPEN_DIFF_H
#define GOVOPEN_DIFF_H

#include "common.h" /* govopen_write_fn */
#include "framework.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The diff's JSON format version (the "format" member). */
#define GOVOPEN_DIFF_FORMAT 1

/*
 * Flags of govopen_framework_diff() (common.h, where every flag is): text by
 * default, labels in Chinese; GOVOPEN_REPORT_LANG_EN gives English labels in
 * the text (JSON, whose keys are English, is the same with it or without);
 * GOVOPEN_DIFF_JSON JSON rather than text; GOVOPEN_DIFF_PRETTY, with
 * GOVOPEN_DIFF_JSON only, one member per line.
 */

/**
 * Compares framework `a` (the old one) with `b` (the new one) by id and
 * streams every change through `write` (as govopen_result_write_csv()
 * does: pieces of at most 64 KiB; `user` passed unchanged), in a fixed
 * order: the metadata, the framework's own sampling methods, units,
 * groups, indicators, points, adjustments, grade bands; within each,
 * what `a` has and `b` lacks first, in `a`'s order, then what `b` adds or
 * changes, in `b`'s order. Points are compared on their text, maximum
 * (saying whether it is derived), indicator, sampling methods,
 * responsible entries as written and the units they expand to, rule (the
 * block as written, compared as a tree: key order does not matter),
 * source and note; docs/diff.md lists every kind of change. Deterministic:
 * the same two frameworks give the same bytes.
 *
 * Text (the default): a heading naming both frameworks, then one line per
 * change under a heading per section, "+ " for an addition, "- " for a
 * removal, "~ " for a change ("~ P05 改写：旧… → 新…"), and a last line
 * with the count; each line ended by LF; control and bidirectional
 * formatting characters from the documents written as visible escapes
 * (`\x1b`, `\u202e`: govopen_text_escape()). With GOVOPEN_DIFF_JSON, one JSON object:
 * {"format":1,"a":{…},"b":{…},"changes":[…],"count":N} with no final
 * newline.
 *
 * `write` may be NULL: nothing is written, and `*changes` still counts.
 * `changes` (may be NULL) receives the number of changes, 0 when the two
 * are the same in every respect compared.
 *
 * Returns GOVOPEN_OK; GOVOPEN_EINVALID for a NULL framework or an unknown
 * flag (nothing written); GOVOPEN_ENOMEM when memory runs out;
 * GOVOPEN_ESTOPPED when `write` returned non-zero: the writer stops at once and
 * the output is incomplete.
 */
GOVOPEN_API int govopen_framework_diff(const govopen_framework *a, const govopen_framework *b, unsigned flags,
                                       govopen_write_fn write, void *user, size_t *changes);

#ifdef __cplusplus
}
#endif
#endif
