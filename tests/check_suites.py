#!/usr/bin/env python3
"""No CUnit suite is dropped silently (ctest unit-suites).

Usage: check_suites.py TEST_GOVOPEN TESTS_DIR SUITE...

SUITE... are the suites tests/CMakeLists.txt made a ctest unit.<suite> of.
Fails, naming each, when
  - a tests/test_*.c (but test_main.c) declares no suite (GV_TEST_SUITE at
    the start of a line, tests/testutil.h), or still registers one the old way;
  - a suite declared in a file is not in the runner (`TEST_GOVOPEN --list`),
    or the runner has one no file declares where CMake can read it;
  - the runner's suites and the ctests differ (a file added since CMake last
    ran, a suite renamed).
"""
import os
import re
import subprocess
import sys

DECL = re.compile(r"^GV_TEST_SUITE(?:_FIXTURE)?\(([A-Za-z_][A-Za-z0-9_]*),", re.M)
OLD = re.compile(r"^void register_(\w+)_suite\(void\)", re.M)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    runner, tests_dir, ctests = argv[1], argv[2], set(argv[3:])
    problems = []

    declared = {}  # suite -> file
    files = sorted(f for f in os.listdir(tests_dir)
                   if f.startswith("test_") and f.endswith(".c") and f != "test_main.c")
    for f in files:
        with open(os.path.join(tests_dir, f), encoding="utf-8") as fh:
            text = fh.read()
        names = DECL.findall(text)
        for old in OLD.findall(text):
            problems.append(f"tests/{f}: register_{old}_suite is the old way: "
                            f"end the file with GV_TEST_SUITE({old}, cases); (tests/testutil.h)")
        if not names:
            problems.append(f"tests/{f} declares no suite (GV_TEST_SUITE(<name>, cases); at the start of a line)")
        for n in names:
            if n in declared:
                problems.append(f"suite {n} is declared in tests/{declared[n]} and tests/{f}")
            declared[n] = f

    out = subprocess.run([runner, "--list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if out.returncode != 0:
        problems.append(f"{runner} --list exited {out.returncode}: {out.stderr.strip()}")
    listed = {}  # suite -> (file, tests)
    for line in out.stdout.splitlines():
        name, f, count = line.split("\t")
        listed[name] = (f, int(count))

    for n, f in sorted(declared.items()):
        if n not in listed:
            problems.append(f"suite {n} of tests/{f} is not compiled into test_govopen (run cmake again?)")
        elif listed[n][0] != f:
            problems.append(f"suite {n} is declared in tests/{f} but registered from {listed[n][0]}")
        if n not in ctests:
            problems.append(f"suite {n} of tests/{f} has no ctest unit.{n} (run cmake again)")
    for n, (f, _) in sorted(listed.items()):
        if n not in declared:
            problems.append(f"suite {n} registered from {f} is not declared where CMake reads it "
                            f"(GV_TEST_SUITE({n}, cases); at the start of a line, on one line)")
    for n in sorted(ctests - set(listed)):
        problems.append(f"ctest unit.{n} names no suite of test_govopen")

    for p in problems:
        print("unit-suites: " + p, file=sys.stderr)
    if problems:
        return 1
    total = sum(c for _, c in listed.values())
    print(f"unit-suites: {len(listed)} suites in {len(files)} files, {total} tests, each suite a ctest unit.<suite>")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
