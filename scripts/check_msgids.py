#!/usr/bin/env python3
"""Check that every diagnostic raised in lib/ names its message with a literal identifier.

Rules (docs/architecture.md, "Message identifiers"), for every raise call (gv_sc_err_at, gv_error_set,
gv_diag_add, … : scripts/msgid_scan.py's RAISERS) in lib/**/*.c and lib/**/*.h:

  * the argument before the format is a string literal matching ^[a-z]+(\\.[a-z0-9_]+)+$, or
    `cond ? "a.b" : "c.d"` when the format is `cond ? "…" : "…"`;
  * an identifier that is no literal (`id`, `cs->bad_id`) is passed on only by a raising function itself
    (its own `id` parameter) or with the format "%s" (a message composed, and given its id, earlier);
  * no identifier names two different messages (format strings); one message raised from several
    places deliberately keeps one identifier.

Offenders are listed as file:line: what. Run from the repository root; `--self-test` checks the checker
on synthetic files (a call without an id, an id that is no name, one id for two messages, a non-literal
id) and shows its report. Standard library only. Exit 0 when all is well, 1 otherwise.
"""
import glob
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import msgid_scan as ms  # noqa: E402

# The identifiers of the diagnostics no call raises (lib/util/error.h), with the message each names.
SPECIAL_KEYS = {"GV_ID_OOM": "out of memory", "GV_ID_NOT_SHOWN": "… and N more not shown (the closing summary)"}


def rel(path, root):
    return os.path.relpath(path, root).replace(os.sep, "/")


def special_ids(root):
    """id -> [(place, key)] of lib/util/error.h's GV_ID_* macros."""
    out = {}
    h = os.path.join(root, "lib", "util", "error.h")
    if os.path.exists(h):
        with open(h, encoding="utf-8") as f:
            text = f.read()
        for m in re.finditer(r'#define\s+(GV_ID_\w+)\s+"([^"]*)"', text):
            line = text.count("\n", 0, m.start()) + 1
            out.setdefault(m.group(2), []).append(("lib/util/error.h:%d" % line,
                                                   SPECIAL_KEYS.get(m.group(1), "{%s}" % m.group(1))))
    return out


def check(paths, root):
    """The offenders (strings) among the raise calls of `paths`, and the number of calls and ids seen."""
    bad = []
    uses = {}  # id -> [(place, key)]
    for i, places in special_ids(root).items():
        if not ms.ID_RE.match(i):
            bad.append("%s: '%s' is not a message id (%s)" % (places[0][0], i, ms.ID_RE.pattern))
        uses.setdefault(i, []).extend(places)
    ncalls = 0
    for path in paths:
        r = rel(path, root)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        funcs = ms.functions(text)
        raisers = ms.raisers_for(r)
        for call, idx in ms.raise_calls(text, r):
            ncalls += 1
            where = "%s:%d" % (r, call.line(call.arg_start(idx) if len(call.args) > idx else call.start))
            kind, ids = ms.classify(call, idx)
            if kind == "short":
                bad.append("%s: %s() has too few arguments for a message id and a format" % (where, call.name))
                continue
            if kind == "missing":
                lit = ms.literal_value(call.arg(idx))
                nxt = call.arg(idx + 1) if len(call.args) > idx + 1 else ""
                if lit is not None and nxt and (ms.literal_value(nxt) is not None or ms.split_ternary(nxt)
                                                or re.match(r"^[A-Z_][A-Z0-9_]*$", nxt)):
                    bad.append("%s: %s(): \"%s\" is not a message id (%s)" % (where, call.name, lit, ms.ID_RE.pattern))
                else:
                    bad.append("%s: %s() has no message id before its format (run scripts/add_msgids.py)" %
                               (where, call.name))
                continue
            fmt = call.arg(idx + 1)
            if kind == "forward":
                func = ms.enclosing(funcs, call.start)
                if func not in raisers and ms.literal_value(fmt) != "%s":
                    bad.append("%s: %s() passes `%s` as its id, not a literal: only a raising function passes on "
                               "its `id`, or a held message with the format \"%%s\"" % (where, call.name, call.arg(idx)))
                continue
            keys = ms.format_keys(fmt)
            if len(keys) != len(ids):
                bad.append("%s: %s(): %d id(s) for %d message(s)" % (where, call.name, len(ids), len(keys)))
                continue
            for i, k in zip(ids, keys):
                uses.setdefault(i, []).append((where, k))
    for i in sorted(uses):
        keys = sorted({k for _, k in uses[i]})
        if len(keys) > 1:
            lines = ["%s: the id \"%s\" names %d different messages:" % (uses[i][0][0], i, len(keys))]
            for place, k in uses[i]:
                lines.append("    %s: %s" % (place, k))
            bad.append("\n".join(lines))
    return bad, ncalls, len(uses)


def lib_files(root):
    return sorted(glob.glob(os.path.join(root, "lib", "**", "*.c"), recursive=True) +
                  glob.glob(os.path.join(root, "lib", "**", "*.h"), recursive=True))


SELF_TEST_BAD = r'''
#include "load/schema.h"
static void f(gv_schema *sc, const gv_ynode *n, govopen_error **err, gv_diags *d, const char *id) {
  gv_sc_err_at(sc, n, "the floor is above the point's maximum");
  gv_sc_err_at(sc, n, "Rule.Floor", "the floor is above the point's maximum");
  gv_error_set(err, GOVOPEN_EINVALID, "", "api.same", "no data");
  gv_error_set(err, GOVOPEN_EINVALID, "", "api.same", "no file name given");
  gv_diag_add(d, GOVOPEN_SEVERITY_ERROR, GOVOPEN_ESCHEMA, "s", 1, 1, "", id, "unknown unit '%s'", "x");
  gv_sc_err_at(sc, n,
               "rule.ok", "the floor is above the point's maximum");
  gv_sc_err_at(sc, n, "rule.ok", "the floor is above the point's maximum");
}
'''
SELF_TEST_WANT = [
    "lib/load/bad.c:4: gv_sc_err_at() has no message id",
    "lib/load/bad.c:5: gv_sc_err_at(): \"Rule.Floor\" is not a message id",
    "lib/load/bad.c:8: gv_diag_add() passes `id` as its id, not a literal",
    "lib/load/bad.c:6: the id \"api.same\" names 2 different messages",
]


def self_test():
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "lib", "load"))
        bad_path = os.path.join(root, "lib", "load", "bad.c")
        with open(bad_path, "w", encoding="utf-8") as f:
            f.write(SELF_TEST_BAD)
        bad, ncalls, _ = check([bad_path], root)
        print("check_msgids --self-test: the report on a synthetic lib/load/bad.c:")
        for b in bad:
            print("  " + b.replace("\n", "\n  "))
        ok = ncalls == 7 and len(bad) == len(SELF_TEST_WANT)
        for w in SELF_TEST_WANT:
            if not any(b.startswith(w) for b in bad):
                print("check_msgids --self-test: missing from the report: %s" % w, file=sys.stderr)
                ok = False
        # the same file with ids everywhere passes
        good = SELF_TEST_BAD.replace('gv_sc_err_at(sc, n, "the floor', 'gv_sc_err_at(sc, n, "rule.ok", "the floor')
        good = good.replace('"Rule.Floor"', '"rule.ok"').replace('"api.same", "no file', '"api.file_name_null", "no file')
        good = good.replace('"", id, "unknown unit', '"", "framework.member_unknown", "unknown unit')
        with open(bad_path, "w", encoding="utf-8") as f:
            f.write(good)
        still, _, _ = check([bad_path], root)
        if still:
            print("check_msgids --self-test: a clean file was reported: %s" % still, file=sys.stderr)
            ok = False
    print("check_msgids --self-test: %s" % ("ok" if ok else "FAILED"))
    return 0 if ok else 1


def main(argv):
    if "--self-test" in argv:
        return self_test()
    root = "."
    if not os.path.isdir(os.path.join(root, "lib")):
        print("check_msgids: no lib/ (run from the repository root)", file=sys.stderr)
        return 2
    paths = [a for a in argv if not a.startswith("-")] or lib_files(root)
    bad, ncalls, nids = check(paths, root)
    for b in bad:
        print(b)
    if bad:
        print("check_msgids: %d problem(s) among %d raise calls" % (len(bad), ncalls), file=sys.stderr)
        return 1
    print("check_msgids: %d raise calls, %d message ids, each id one message" % (ncalls, nids))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
