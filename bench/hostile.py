#!/usr/bin/env python3
"""The hostile-input benchmark (issue 13): every case of tests/hostile/ run
under its memory cap (RLIMIT_AS) and checked against its time bound.
Prints one table (case, status, seconds, bound, peak RSS, cap); exits 1 when
a case gives the wrong outcome, runs out of its cap or over its time.

usage: bench/hostile.py PATH/TO/govopen [CASE...]
A Release build gives the figures bench/README.md reports; .ci/run runs it on
its Debug build, where the bounds still hold with room to spare.
"""
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "hostile"))
import common  # noqa: E402


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    tool = os.path.abspath(sys.argv[1])
    cases = common.load_cases(sys.argv[2:])
    top = tempfile.mkdtemp(prefix="govopen-hostile-bench-")
    failed = 0
    print("| case | outcome | seconds | bound | peak RSS MiB | cap MiB |")
    print("|---|---|--:|--:|--:|--:|")
    try:
        for c in cases:
            o = common.run_case(tool, c, os.path.join(top, c.name))
            bad = common.check(c, o)
            slow = o.seconds > c.seconds
            status = "ok" if not bad and not slow else ("wrong" if bad else "too slow")
            print("| %s | %s | %.2f | %.1f | %d | %d |" % (c.name, status, o.seconds, c.seconds,
                                                       o.maxrss_kb // 1024, c.mem_mb))
            sys.stdout.flush()
            for b in bad:
                print("    " + b.replace("\n", "\n    "), file=sys.stderr)
            failed += bool(bad or slow)
            shutil.rmtree(os.path.join(top, c.name), ignore_errors=True)
    finally:
        shutil.rmtree(top, ignore_errors=True)
    print("%d of %d cases within their bounds" % (len(cases) - failed, len(cases)), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
