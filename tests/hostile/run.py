#!/usr/bin/env python3
"""ctest: every hostile-input case (tests/hostile/case_*.py) gives its exact
outcome under its memory cap. No time bound here: bench/hostile.py has those.

usage: run.py PATH/TO/govopen [CASE...]
"""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    tool = os.path.abspath(sys.argv[1])
    cases = common.load_cases(sys.argv[2:])
    if not cases:
        print("hostile: no cases found", file=sys.stderr)
        return 1
    failed = skipped = 0
    top = tempfile.mkdtemp(prefix="govopen-hostile-")
    try:
        for c in cases:
            if c.by_cap and not common.capped():
                # its outcome is the cap's: checked by the plain build's run, not here
                print("%-40s skipped: needs the memory cap, which a sanitizer build cannot run under" % c.name)
                skipped += 1
                continue
            o = common.run_case(tool, c, os.path.join(top, c.name))
            bad = common.check(c, o)
            status = "ok" if not bad else "FAILED"
            print("%-40s %s  (%.2f s, %d MiB peak)" % (c.name, status, o.seconds, o.maxrss_kb // 1024))
            for b in bad:
                print("    " + b.replace("\n", "\n    "))
            failed += bool(bad)
    finally:
        shutil.rmtree(top, ignore_errors=True)
    ran = len(cases) - skipped
    print("%d of %d hostile cases passed%s" % (ran - failed, ran,
                                               ", %d left to the capped run" % skipped if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
