"""Shared helpers of the govopen test suites: paths into the source tree and the CI rule.

The suites run under ctest with GOVOPEN_LIBRARY and PYTHONPATH set
(tests/CMakeLists.txt). Under CI=true a missing prerequisite is a failure,
never a skip.
"""

from __future__ import annotations

import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_DIR = os.path.dirname(HERE)  # bindings/python
REPO = os.path.abspath(os.path.join(PACKAGE_DIR, "..", ".."))
FIXTURES = os.path.join(REPO, "tests", "fixtures")
FX_YAML = os.path.join(FIXTURES, "eval", "fx.yaml")
FX_JSONL = os.path.join(FIXTURES, "eval", "fx.jsonl")
INCLUDE = os.path.join(REPO, "include", "govopen")
SAMPLE = os.path.join(REPO, "data", "samples", "langao-2023-observations.jsonl")

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

if PACKAGE_DIR not in sys.path:
    sys.path.insert(0, PACKAGE_DIR)


def require(condition: bool, why: str) -> None:
    """Skips the test when `condition` is false, except under CI=true, where it fails."""
    if condition:
        return
    if IN_CI:
        raise AssertionError(f"prerequisite missing under CI: {why}")
    raise unittest.SkipTest(why)


def read(path: str) -> str:
    """A UTF-8 file's text."""
    with open(path, encoding="utf-8") as f:
        return f.read()


def library() -> str:
    """The library under test (GOVOPEN_LIBRARY), which ctest always sets."""
    path = os.environ.get("GOVOPEN_LIBRARY", "")
    require(bool(path) and os.path.exists(path), "GOVOPEN_LIBRARY does not name the built library")
    return path


# The small framework of tests/test_cli.py: 2 units, 1 group, 2 points.
SMALL = """schema: 1
framework: {id: small, title: 小框架, total: 10}
units:
  - {id: a, name: 甲镇, kind: town}
  - {id: d, name: 县一局, kind: department, aliases: [县第一局]}
groups:
  - {id: towns, name: 各镇, kinds: [town]}
indicators:
  - title: 一
    points:
      - {id: P1, text: 文一, sampling: [模拟用户], responsible: [各镇, 县一局]}
      - {id: P2, text: 文二, score: 4, sampling: [政府网站], responsible: [县第一局]}
"""


def expand_golden(golden: str, fingerprint: str) -> str:
    """A golden file's text for a result whose fingerprint is `fingerprint`.

    Golden files hold placeholders so that they do not depend on the
    library's version: @VERSION@ (the version), @FINGERPRINT@ (the result's
    fingerprint, which covers the version) and @FP16@ (its first 16 hex
    digits, in the reports' footers). The fingerprint itself is checked
    against its definition by test_h14_fingerprint.py.
    """
    import govopen
    return (golden.replace("@VERSION@", govopen.version()).replace("@FINGERPRINT@", fingerprint)
            .replace("@FP16@", fingerprint[:16]))
