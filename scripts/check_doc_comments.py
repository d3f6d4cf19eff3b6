#!/usr/bin/env python3
"""Check that every public declaration in include/govopen/*.h has its own doc comment.

Rule: a line starting with `GOVOPEN_API` is documented when the nearest
preceding non-blank line ends a `/** ... */` doc comment (one-line or
multi-line; the comment's opening line must start with `/**`). Anything else
is reported as `file:line: name`:

  * no comment at all;
  * a plain `/* ... */` comment, e.g. a `/* --- section --- */` rule;
  * a group: a declaration directly after another declaration. A comment
    shared by several neighbours documents only the first of them; each
    function gets its own short `/** ... */`, saying what it returns,
    including for a NULL handle or an index out of range.

Run from the repository root. Standard library only. Exit 0 when every
declaration is documented, 1 otherwise.
"""
import glob
import re
import sys


def check(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    bad = []
    for i, line in enumerate(lines):
        if not line.startswith("GOVOPEN_API"):
            continue
        j = i - 1
        while j >= 0 and lines[j].strip() == "":
            j -= 1
        ok = False
        if j >= 0 and lines[j].rstrip().endswith("*/"):
            # find where this comment opens
            k = j
            while k >= 0 and "/*" not in lines[k]:
                k -= 1
            ok = k >= 0 and lines[k].lstrip().startswith("/**") and not lines[k].lstrip().startswith("/***")
        if not ok:
            m = re.search(r"(govopen_\w+)\s*\(", line)
            bad.append((path, i + 1, m.group(1) if m else line.strip()))
    return bad


def main():
    paths = sorted(glob.glob("include/govopen/*.h"))
    if not paths:
        print("check_doc_comments: no include/govopen/*.h (run from the repository root)", file=sys.stderr)
        return 1
    bad = []
    for p in paths:
        bad.extend(check(p))
    for b in bad:
        print("%s:%d: %s" % b)
    if bad:
        print("%d public declaration(s) without their own /** ... */ doc comment" % len(bad), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
