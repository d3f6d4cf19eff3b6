"""No leaks and no dangling pointers: 10,000 loads and evaluations with flat memory."""

from __future__ import annotations

import gc
import os
import sys
import unittest
from typing import Any, Dict, List

from _support import FX_YAML, library, read, require

import govopen
from govopen import Evaluation, Framework

ROUNDS = 10_000
WARM_UP = 500
MAX_GROWTH = 8 * 1024 * 1024  # bytes

OBSERVATIONS: List[Dict[str, Any]] = [
    {"unit": "甲镇", "point": "P1", "value": True, "evidence": "检测报告"},
    {"unit": "甲镇", "point": "P2", "missing": ["设定依据"]},
    {"unit": "甲镇", "point": "P3", "samples": [{"received": "2023-04-20", "replied": "2023-05-22"}]},
    {"unit": "乙镇", "point": "P1", "value": False},
    {"unit": "丁镇", "point": "P1", "value": True},  # rejected: a diagnostic to copy and free
    {"unit": "县一局", "point": "P8", "score": 2.5, "reason": "材料不全"},
    {"adjustment": "praise", "evidence": "通报"},
]


def rss() -> int:
    """Resident set size in bytes, from /proc/self/statm."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class MemoryTest(unittest.TestCase):
    def setUp(self) -> None:
        library()
        require(sys.platform.startswith("linux") and os.path.exists("/proc/self/statm"),
                "RSS is read from /proc/self/statm (Linux)")
        self.yaml = read(FX_YAML)

    def round(self, i: int) -> str:
        """One load and evaluation, freeing by every route the binding offers.

        Every round copies out the result's JSON (owned text, released with
        govopen_free); every tenth also reads cells, units, the county and the
        diagnostics and goes through a failed load (an error chain).
        """
        full = i % 10 == 0
        if i % 2:
            with Framework.from_string(self.yaml, source_name="fx.yaml") as fw:
                with Evaluation(fw, as_of="2023-12-15") as ev:
                    ev.add(OBSERVATIONS)
                    with ev.run() as r:
                        return r.to_json()
        # no close(): the finalizers free everything when the objects go
        fw = Framework.from_string(self.yaml, source_name="fx.yaml")
        ev = Evaluation(fw, as_of="2023-12-15")
        ev.add(OBSERVATIONS)
        r = ev.run()
        fw.close()  # the result keeps the C framework alive until it goes
        if not full:
            return r.to_json()
        assert len(ev.diagnostics) == 1
        assert r.cell("a", "P3").reasons and r.unit("甲镇").total and r.county.total
        assert fw.closed and r.framework is fw
        try:
            Framework.from_string(self.yaml + "\nbogus: 1\n")  # an error chain, copied and freed
        except govopen.SchemaError:
            pass
        return r.to_json()

    def test_flat_memory(self) -> None:
        expected = self.round(0)
        self.assertEqual(self.round(1), expected)
        self.assertIn('"observations":{"accepted":6,"rejected":1}', expected)
        self.assertIn('"normalised":34.88,', expected)
        for i in range(WARM_UP):
            self.round(i)
        gc.collect()
        before = rss()
        for i in range(ROUNDS):
            self.assertEqual(self.round(i), expected)
        gc.collect()
        growth = rss() - before
        self.assertLess(growth, MAX_GROWTH, f"RSS grew by {growth / 1024:.0f} KiB over {ROUNDS} rounds")

    def test_error_chains_are_freed(self) -> None:
        """Failures hand the caller an error chain: copied into the exception, then freed."""
        cal = govopen.Calendar.builtin("cn")
        bad = "schema: 1\nframework: {id: x}\nbogus: 1\n"

        def fail(n: int) -> None:
            for _ in range(n):
                try:
                    cal.is_workday("2027-01-01")
                except govopen.RangeError:
                    pass
                try:
                    Framework.from_string(bad, source_name="bad.yaml")
                except govopen.SchemaError as e:
                    assert len(e.errors) > 1
        fail(WARM_UP)
        gc.collect()
        before = rss()
        fail(ROUNDS * 2)
        gc.collect()
        growth = rss() - before
        self.assertLess(growth, MAX_GROWTH // 2, f"RSS grew by {growth / 1024:.0f} KiB")


if __name__ == "__main__":
    unittest.main()
