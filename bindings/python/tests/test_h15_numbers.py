"""Issue 15, item 2 from Python: one rounding rule (docs/results.md, "One rounding rule").

govopen.format_score writes a score as the library's reports do (govopen_score_format);
UnitResult/CountyResult.coverage_percent is the JSON's coverage_percent (rounded down),
and points_lost / adjustments_sum are the sums of a total's reconciliation added in
hundredths by the library: the identity of docs/results.md holds with them exactly.
"""

from __future__ import annotations

import math
import os
import unittest

from _support import FIXTURES, library, read

import govopen
from govopen import Evaluation, Framework


def run(name: str, obs: str) -> govopen.Result:
    base = os.path.join(FIXTURES, name)
    with Evaluation(Framework.load(base + ".yaml"), as_of="2023-12-15") as ev:
        ev.add_text(read(os.path.join(os.path.dirname(base), obs)), format="jsonl")
        return ev.run()


class FormatScoreTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        library()

    def test_one_rule(self) -> None:
        cases = [(97.24, False, "97.24"), (0.5, False, "0.5"), (-3, False, "-3"), (100, False, "100"),
                 (0.5, True, "0.50"), (100, True, "100.00"), (-3, True, "-3.00"),
                 (2.675, False, "2.68"), (-2.675, True, "-2.68"), (1.005, False, "1.01"),
                 (0.125, False, "0.13"), (0.1 + 0.2, False, "0.3"), (-0.001, True, "0.00"), (-0.0, False, "0"),
                 (2.675 - 1e-9, False, "2.67")]
        for score, two, text in cases:
            with self.subTest(score=score, two_decimals=two):
                self.assertEqual(govopen.format_score(score, two_decimals=two), text)
        # where Python's own formatting differs: it rounds the binary value, to even
        self.assertEqual(f"{1.005:.2f}", "1.00")
        self.assertEqual(f"{0.125:.2f}", "0.12")

    def test_refused(self) -> None:
        for bad in (math.nan, math.inf, -math.inf, 9.2e16, -1e300):
            with self.subTest(score=bad):
                with self.assertRaises(ValueError):
                    govopen.format_score(bad)
        self.assertEqual(govopen.format_score(-9.1e16, two_decimals=True), "-91000000000000000.00")


class SumsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        library()

    def test_unit_sums(self) -> None:
        r = run("reconcile/aggregate", "aggregate.jsonl")
        a = r.unit("甲镇")
        self.assertEqual((a.points_lost, a.adjustments_sum), (31.63, -3.0))
        self.assertEqual(a.points_lost, round(sum(c.lost for c in r.cells("甲镇") if c.lost is not None), 2))
        c = r.unit("丙镇")  # not scored
        self.assertEqual((c.points_lost, c.adjustments_sum), (0.0, 0.0))
        for u in r.units:
            if not u.scored:
                continue
            cents = [round(x * 100) for x in (u.maximum, u.total, u.points_lost, u.rounding, u.adjustments_sum,
                                              u.unclamped)]
            maximum, total, points, rounding, adjustments, unclamped = cents
            self.assertEqual(maximum - total, points + rounding - adjustments + (unclamped - total), u.name)

    def test_county_sums(self) -> None:
        county = run("reconcile/clamp", "clamp-low.jsonl").county
        # 共失 100.00 = 评估点失分 98.99 + 舍入 0.00 − 加减分 (-3.00) + 封顶 (-1.99)
        self.assertEqual((county.points_lost, county.adjustments_sum), (98.99, -3.0))
        self.assertEqual(govopen.format_score(county.adjustments_sum, two_decimals=True), "-3.00")

    def test_coverage_percent(self) -> None:
        r = run("coverage/cov", "cov.jsonl")
        got = {u.id: u.coverage_percent for u in r.units}
        self.assertEqual((got["t1"], got["t2"], got["t3"], got["t4"], got["d2"]), (100.0, 50.0, 10.0, 0.0, 66.66))
        self.assertEqual(r.county.coverage_percent, 100.0)
        doc = r.to_dict()
        self.assertEqual(doc["county"]["coverage_percent"], r.county.coverage_percent)


if __name__ == "__main__":
    unittest.main()
