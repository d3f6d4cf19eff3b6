"""Issue 14, item 4 and the values of item 8 through the binding: each unit's
and the county's coverage, the mark below ``min_coverage``, the units not
evaluated, the period and settings as run, indicator possible and maxima, a
cell's samples and judged counts — each checked against the result JSON
(tests/fixtures/coverage, worked out in tests/test_h14_coverage.c)."""

from __future__ import annotations

import datetime
import math
import os
import unittest

from _support import FIXTURES, SAMPLE, library

import govopen
from govopen import Evaluation, Framework

COV_YAML = os.path.join(FIXTURES, "coverage", "cov.yaml")
COV_JSONL = os.path.join(FIXTURES, "coverage", "cov.jsonl")


def run_cov(**settings: object) -> govopen.Result:
    fw = Framework.load(COV_YAML)
    ev = Evaluation(fw, as_of="2023-12-15", **settings)  # type: ignore[arg-type]
    ev.add_path(COV_JSONL)
    return ev.run()


def percent(share: float) -> float:
    """The JSON's coverage_percent: the share in percent, rounded down to hundredths."""
    return math.floor(share * 10000 + 1e-6) / 100


class CoverageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        library()

    def test_units(self) -> None:
        r = run_cov()
        expect = {  # id: (coverage, evaluated, applicable, low, rank, ranked_of)
            "t1": (1.0, 5, 5, False, 1, 4), "t2": (0.5, 2, 5, False, 4, 4), "t3": (0.1, 1, 5, True, 1, 4),
            "t4": (0.0, 0, 5, False, None, 4), "t5": (0.0, 0, 5, False, None, 4), "t6": (0.6, 2, 5, False, 3, 4),
            "d1": (0.0, 0, 2, False, None, 1), "d2": (20 / 30, 1, 2, False, 1, 1), "i1": (0.0, 0, 1, False, None, 0)}
        for uid, (cov, ev, ap, low, rank, of) in expect.items():
            with self.subTest(unit=uid):
                u = r.unit(uid)
                self.assertAlmostEqual(u.coverage, cov, places=12)
                self.assertEqual((u.points_evaluated, u.points_applicable, u.low_coverage, u.rank, u.ranked_of),
                                 (ev, ap, low, rank, of))
        c = r.county
        self.assertEqual((c.coverage, c.points_evaluated, c.points_applicable), (1.0, 5, 5))
        self.assertEqual(r.kinds, {"town": {"ranked": 4, "not_evaluated": 2, "low_coverage": 1},
                                   "department": {"ranked": 1, "not_evaluated": 1, "low_coverage": 0},
                                   "institution": {"ranked": 0, "not_evaluated": 1, "low_coverage": 0}})
        self.assertEqual({k: [u.id for u in us] for k, us in r.not_evaluated.items()},
                         {"town": ["t4", "t5"], "department": ["d1"], "institution": ["i1"]})
        self.assertEqual([u.id for u in r.rankings["town"]], ["t1", "t3", "t6", "t2"])

    def test_threshold(self) -> None:
        self.assertFalse(run_cov(min_coverage=50).unit("t2").low_coverage)
        r = run_cov(min_coverage=51)
        self.assertTrue(r.unit("t2").low_coverage)
        self.assertEqual(r.unit("t2").rank, 4)  # still ranked
        self.assertEqual(r.settings["min_coverage"], 51)
        self.assertFalse(any(u.low_coverage for u in run_cov(min_coverage=0).units))
        self.assertEqual([u.id for u in run_cov(min_coverage=100).units if u.low_coverage], ["t2", "t3", "t6", "d2"])
        for bad in (-1, 101):
            with self.subTest(value=bad), self.assertRaises(govopen.InvalidArgumentError):
                run_cov(min_coverage=bad)
        with self.assertRaises(TypeError):
            run_cov(min_coverage="50")

    def test_zero_policy(self) -> None:
        r = run_cov(not_evaluated="zero")
        t2, t4 = r.unit("t2"), r.unit("t4")
        self.assertEqual((t2.possible, t2.coverage), (100.0, 0.5))  # the total changes, the coverage does not
        self.assertEqual((t4.scored, t4.rank, t4.coverage, t4.low_coverage), (True, 5, 0.0, True))
        self.assertEqual(r.not_evaluated, {})
        self.assertEqual(r.settings["not_evaluated"], "zero")


class ValuesTest(unittest.TestCase):
    """The values that were only in the JSON, read through the binding and compared with the JSON."""

    @classmethod
    def setUpClass(cls) -> None:
        library()

    def check(self, r: govopen.Result) -> None:
        d = r.to_dict()
        self.assertEqual(r.period, (datetime.date.fromisoformat(d["period"]["first"]),
                                    datetime.date.fromisoformat(d["period"]["last"])))
        s = r.settings
        self.assertEqual((s["not_evaluated"], s["county"], s["min_coverage"]),
                         (d["settings"]["not_evaluated"], d["settings"]["county"], d["settings"]["min_coverage"]))
        c = r.county
        self.assertEqual(c.indicators, {i["id"]: i["score"] for i in d["county"]["indicators"]})
        self.assertEqual(c.indicator_possible, {i["id"]: i["possible"] for i in d["county"]["indicators"]})
        self.assertEqual(percent(c.coverage), d["county"]["coverage_percent"])
        self.assertEqual((c.points_evaluated, c.points_applicable),
                         (d["county"]["points_evaluated"], d["county"]["points_applicable"]))
        self.assertEqual({k: {"ranked": v["ranked"], "low_coverage": v["low_coverage"],
                              "not_evaluated": len(v["not_evaluated"])} for k, v in d["kinds"].items()}, r.kinds)
        self.assertEqual({k: [e["unit"] for e in v["not_evaluated"]] for k, v in d["kinds"].items()
                          if v["not_evaluated"]}, {k: [u.id for u in us] for k, us in r.not_evaluated.items()})
        for ju in d["units"]:
            u = r.unit(ju["id"])
            self.assertEqual(percent(u.coverage), ju["coverage_percent"])
            self.assertEqual((u.points_evaluated, u.points_applicable),
                             (ju["points_evaluated"], ju["points_applicable"]))
            if ju["scored"]:
                self.assertEqual((u.ranked_of, u.low_coverage), (ju["ranked_of"], ju["low_coverage"]))
                self.assertEqual(u.indicator_possible, {i["id"]: i["possible"] for i in ju["indicators"]})
                self.assertEqual(u.indicator_max, {i["id"]: i["max"] for i in ju["indicators"]})
            for jp, cell in zip(ju["points"], r.cells(u.id)):
                self.assertEqual((cell.point, cell.samples, cell.judged, cell.max),
                                 (jp["id"], jp["samples"], jp["judged"], jp["max"]))

    def test_fixture(self) -> None:
        self.check(run_cov())
        self.check(run_cov(not_evaluated="zero", min_coverage=70))

    def test_sample(self) -> None:
        ev = Evaluation(Framework.builtin("langao-2023"), as_of="2023-12-15")
        ev.add_path(SAMPLE)
        r = ev.run()
        self.check(r)
        self.assertEqual(r.period, (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)))
        self.assertEqual(r.settings, {"not_evaluated": "skip", "county": "mean", "max_named": 3, "strict": False,
                                      "max_steps": 10000000, "max_observations": 5000000, "jobs": 1,
                                      "max_keys": 1024, "max_diagnostics": 1000, "min_coverage": 50})
        p38 = r.cell("城关镇", "P38")
        self.assertEqual((p38.samples, p38.judged, p38.max), (2, 2, 2.33))

    def test_settings_as_run(self) -> None:
        fw = Framework.load(COV_YAML)
        ev = Evaluation(fw, as_of="2023-12-15", period=("2023-03-01", "2023-09-30"), county="min", max_named=5,
                        strict=True, max_keys=99, max_diagnostics=7, min_coverage=25)
        ev.add_path(COV_JSONL)
        r = ev.run()
        ev.close()  # the result keeps what it was made with
        self.assertEqual(r.period, (datetime.date(2023, 3, 1), datetime.date(2023, 9, 30)))
        s = r.settings
        self.assertEqual((s["county"], s["max_named"], s["strict"], s["max_keys"], s["max_diagnostics"],
                          s["min_coverage"]), ("min", 5, True, 99, 7, 25))


if __name__ == "__main__":
    unittest.main()
