"""Issue 14, items 2 and 3 from Python: a unit's adjustments (UnitResult.adjustments), the
county's with their dates, evidence and notes (AppliedAdjustment), and every total reconciled
(UnitResult.maximum, normalised, rounding, unclamped, Cell.lost; CountyResult.rounding,
point_lost, lost), checked against the JSON and by the identity of docs/results.md:

    maximum − total = Σ cell.lost + rounding − Σ applied adjustments + (unclamped − total)
"""

from __future__ import annotations

import datetime
import io
import json
import os
import unittest

from _support import FIXTURES, SAMPLE, library, read

import govopen
from govopen import AppliedAdjustment, Evaluation, Framework

AGGREGATE = os.path.join(FIXTURES, "reconcile", "aggregate")


def cents(x: float) -> int:
    return round(x * 100)


def aggregate() -> govopen.Result:
    with Evaluation(Framework.load(AGGREGATE + ".yaml"), as_of="2023-12-15") as ev:
        ev.add_text(read(AGGREGATE + ".jsonl"), format="jsonl")
        return ev.run()


class AdjustmentsTest(unittest.TestCase):
    r: govopen.Result

    @classmethod
    def setUpClass(cls) -> None:
        library()
        cls.r = aggregate()

    def test_unit_adjustments(self) -> None:
        a = self.r.unit("甲镇")
        self.assertEqual(a.adjustments, (AppliedAdjustment(
            "criticism", -3.0, "通报批评扣3分", date=datetime.date(2023, 11, 2),
            evidence=("国办通报（示例）", "https://example.gov.cn/t/1"), note="已整改", applied=True, why=None),))
        self.assertIsInstance(a.adjustments[0], govopen.Adjustment)  # still the framework's adjustment too
        b = self.r.unit("乙镇")
        self.assertEqual([(x.id, x.applied, x.why, x.evidence, x.date) for x in b.adjustments],
                         [("praise", False, "vetoed", ("表扬通报",), datetime.date(2023, 12, 15))])
        c = self.r.unit("丙镇")
        self.assertEqual([(x.id, x.applied, x.why, x.evidence) for x in c.adjustments],
                         [("reprint", False, "not_scored", ())])
        self.assertEqual([x.id for x in self.r.unit("丁镇").adjustments], ["praise", "reprint", "reprint"])
        self.assertEqual(self.r.unit("丁镇").total, 103.76)

    def test_county_adjustments(self) -> None:
        county = self.r.county
        self.assertEqual([(x.id, x.delta, x.date, x.evidence, x.note) for x in county.adjustments],
                         [("praise", 3.0, datetime.date(2023, 12, 1), ("国务院办公厅通报",), "县级"),
                          ("reprint", 1.0, datetime.date(2023, 12, 15), ("转载一",), None),
                          ("reprint", 1.0, datetime.date(2023, 12, 15), (), None)])
        self.assertEqual(self.r.adjustments, list(county.adjustments))

    def test_breakdown_by_hand(self) -> None:
        a = self.r.unit("甲镇")
        self.assertEqual((a.maximum, a.normalised, a.rounding, a.unclamped, a.total, a.lost),
                         (100.0, 68.36, 0.01, 65.36, 65.36, 34.64))
        lost = {c.point: c.lost for c in self.r.cells("甲镇") if c.lost}
        self.assertEqual(lost, {"P3": 6.95, "P4": 0.74, "P5": 0.79, "P6": 5.21, "P7": 5.21, "P8": 2.39,
                                "P9": 2.01, "P10": 7.29, "P11": 1.04})
        c = self.r.unit("丙镇")
        self.assertEqual((c.maximum, c.normalised, c.rounding, c.unclamped, c.lost), (None, None, None, None, None))
        county = self.r.county
        self.assertEqual((county.maximum, county.normalised, county.rounding, county.total, county.lost),
                         (100.0, 61.8, 0.0, 66.8, 33.2))
        self.assertEqual(county.point_lost["P6"], 15.63)

    def test_identity_and_json(self) -> None:
        for result in (self.r, langao_criticised()):
            data = json.loads(result.to_json())
            by_id = {u["id"]: u for u in data["units"]}
            for u in result.units:
                if not u.scored:
                    continue
                with self.subTest(unit=u.id):
                    cells = [c for c in result.cells(u.id)]
                    applied = sum(cents(x.delta) for x in u.adjustments if x.applied)
                    self.assertEqual(cents(u.maximum) - cents(u.total),
                                     sum(cents(c.lost) for c in cells) + cents(u.rounding) - applied +
                                     cents(u.unclamped) - cents(u.total))
                    j = by_id[u.id]
                    self.assertEqual((j["maximum"], j["normalised"], j["rounding"], j["unclamped"]),
                                     (u.maximum, u.normalised, u.rounding, u.unclamped))
                    self.assertEqual([p["lost"] for p in j["points"]], [c.lost for c in cells])
                    self.assertEqual([(x["id"], x["date"], x["evidence"], x.get("note"), x["applied"])
                                      for x in j["adjustments"]],
                                     [(x.id, x.date.isoformat(), list(x.evidence), x.note, x.applied)
                                      for x in u.adjustments])
            county = result.county
            self.assertEqual(cents(county.maximum) - cents(county.total),
                             sum(cents(v) for v in county.point_lost.values()) + cents(county.rounding) -
                             sum(cents(x.delta) for x in county.adjustments) +
                             cents(county.unclamped) - cents(county.total))

    def test_tables(self) -> None:
        self.assertEqual(govopen.TABLES[-1], "adjustments")

        out = io.StringIO(newline="")
        self.r.write_csv(out, "adjustments", bom=False, lang="en")
        lines = out.getvalue().split("\r\n")
        self.assertEqual(lines[0], "scope,unit_id,unit,adjustment_id,adjustment,delta,applied,not_applied,date,"
                                   "evidence,note")
        self.assertEqual(lines[1], "county,,,praise,通报表扬加3分,3,yes,,2023-12-01,国务院办公厅通报,县级")
        self.assertIn("unit,b,乙镇,praise,通报表扬加3分,3,no,vetoed,2023-12-15,表扬通报,", lines)
        self.assertIn("unit,c,丙镇,reprint,经验材料转载加1分,1,no,not scored,2023-06-30,,", lines)


def langao_criticised() -> govopen.Result:
    with Evaluation(Framework.builtin("langao-2023"), as_of="2023-12-15") as ev:
        ev.add_text(read(SAMPLE), format="jsonl")
        ev.add([{"adjustment": "national-criticism", "unit": "城关镇", "evidence": "国办通报（示例）"}])
        return ev.run()


class IssueExampleTest(unittest.TestCase):
    def test_criticised(self) -> None:
        library()
        r = langao_criticised()
        u = r.unit("城关镇")
        self.assertEqual((u.total, u.normalised, u.lost), (94.24, 97.24, 5.76))
        self.assertEqual([(x.id, x.delta, x.evidence, x.applied) for x in u.adjustments],
                         [("national-criticism", -3.0, ("国办通报（示例）",), True)])
        self.assertEqual(r.cell("城关镇", "P38").lost, 2.76)
        text = r.rectify("城关镇")
        self.assertIn("失分的评估点 1 个，共失 5.76 分（满分 100.00）。", text)
        self.assertIn("\n加减分：\n1. -3.00  以上工作出现问题被国家通报批评的，在评估总得分基础上扣3分"
                      "（national-criticism，2023-12-15）\n   证据：国办通报（示例）\n", text)
        self.assertIn("- 共失 5.76 = 评估点失分 2.76 + 舍入 0.00 − 加减分 (-3.00)\n", r.to_markdown())
        self.assertIn("<li>共失 5.76 = 评估点失分 2.76 + 舍入 0.00 − 加减分 (-3.00)</li>", r.to_html())


if __name__ == "__main__":
    unittest.main()
