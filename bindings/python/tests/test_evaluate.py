"""Evaluations end to end through the binding, with the exact values of tests/test_eval.c."""

from __future__ import annotations

import datetime
import gc
import json
import os
import pathlib
import tempfile
import unittest
from typing import Any, Dict, List, Optional

from _support import FIXTURES, FX_JSONL, FX_YAML, REPO, SAMPLE, expand_golden, library, read

import govopen
from govopen import CellStatus, Evaluation, Framework, Result


def run_fx(obs: Optional[str] = None, **settings: Any) -> Result:
    """fx.yaml with fx.jsonl (or `obs`), named "fx.jsonl" in reasons, as of 2023-12-15."""
    fw = Framework.load(FX_YAML)
    with Evaluation(fw, as_of="2023-12-15", **settings) as ev:
        ev.add_text(obs if obs is not None else read(FX_JSONL), format="jsonl", source_name="fx.jsonl")
        return ev.run()


class FxTest(unittest.TestCase):
    r: Result

    @classmethod
    def setUpClass(cls) -> None:
        library()
        cls.r = run_fx()

    def score(self, unit: str, point: str) -> Optional[float]:
        return self.r.cell(unit, point).score

    def reason(self, unit: str, point: str, i: int = 0) -> str:
        return self.r.cell(unit, point).reasons[i].text

    def test_every_kind(self) -> None:
        r = self.r
        # boolean: the later observation wins, and a note says so
        self.assertEqual(self.score("a", "P1"), 10.0)
        c = r.cell("甲镇", "P1")
        self.assertEqual((c.unit, c.point, c.status, c.max), ("a", "P1", CellStatus.SCORED, 10.0))
        self.assertEqual(c.status, "scored")
        self.assertEqual(c.reasons[0].code, "observation.superseded")
        self.assertEqual(c.reasons[0].severity, "info")
        self.assertEqual(c.reasons[0].text, "共2个观察，以2023-06-01的最新观察为准")
        self.assertEqual(self.score("b", "P1"), 0.0)
        self.assertEqual(self.reason("b", "P1"), "未达到要求：支持IPv6")
        # checklist: 3 of 4
        self.assertEqual(self.score("a", "P2"), 7.5)
        self.assertEqual(self.reason("a", "P2"), "缺少要素：设定依据（3/4）")
        # deadline: 20 working days across 劳动节 2023; 4 of 5 on time
        self.assertEqual(self.score("a", "P3"), 16.0)
        self.assertEqual(len(r.cell("a", "P3").reasons), 1)
        self.assertEqual(r.cell("a", "P3").reasons[0].code, "deadline.late")
        self.assertEqual(self.reason("a", "P3"),
                         "抽查5件，1件超过时限：2023-04-20→2023-05-22（限20个工作日，用时21个工作日）")
        # unanswered past the limit, and one due soon (a warning, no loss)
        self.assertEqual(self.score("b", "P3"), 0.0)
        self.assertEqual(self.reason("b", "P3", 0), "抽查1件，1件逾期未答复：2023-11-01→未答复（期限2023-11-29）")
        self.assertEqual(self.reason("b", "P3", 1), "即将到期：2023-11-20→未答复（期限2023-12-18）")
        self.assertEqual(r.cell("b", "P3").reasons[1].severity, "warning")
        self.assertEqual(self.score("d", "P3"), 20.0)
        self.assertEqual(self.score("a", "P4"), 10.0)
        self.assertEqual(self.score("a", "P5"), 6.67)
        self.assertEqual(self.reason("a", "P5"), "每季度应不少于3条，3个季度中1个未达到：2023年第2季度2条")
        self.assertEqual(self.score("a", "P6"), 6.0)
        self.assertEqual(self.reason("a", "P6"), "测试4个，1个未通过：第3个")
        self.assertEqual(self.score("a", "P7"), 2.0)
        self.assertEqual(self.reason("a", "P7"), "发现2次，每次扣1.00分")
        self.assertEqual(self.score("a", "P8"), 2.5)
        self.assertEqual(self.reason("a", "P8"), "评估人员给分2.50（满分3.00）：材料不全")
        self.assertEqual(self.score("a", "P9"), 5.0)
        self.assertEqual(self.reason("a", "P9"),
                         "抽查2件，1件超过时限：2023-07-03 09:00→2023-07-04 10:00（新闻发布会限24小时，用时25小时）")
        self.assertEqual(self.score("d", "P10"), 6.67)
        self.assertEqual(self.reason("d", "P10"), "未达到要求：5个工作日内答复（得6.67分，满分10.00分）")
        # not assigned; not evaluated
        with self.assertRaises(govopen.NotFoundError):
            r.cell("a", "P10")
        c = r.cell("c", "P1")
        self.assertEqual((c.status, c.score, c.reasons), (CellStatus.NOT_EVALUATED, None, ()))

    def test_veto_and_totals(self) -> None:
        r = self.r
        c = r.cell("b", "P8")
        self.assertEqual((c.status, c.score), (CellStatus.VETOED, 0.0))
        self.assertEqual(c.reasons[0].text, "因一票否决计0分")
        self.assertEqual(self.reason("b", "P11"), "一票否决：重大泄密，指标2计0分")
        a, b, c_, d = r.unit("a"), r.unit("乙镇"), r.unit("c"), r.unit("县一局")
        self.assertEqual(a.indicators["2"], 22.17)
        self.assertEqual(b.indicators["2"], 0.0)
        self.assertFalse(b.vetoed)  # an indicator, not the whole unit
        self.assertEqual((a.raw, a.possible, a.total, a.grade, a.rank), (70.67, 90.0, 78.52, "良好", 1))
        self.assertEqual((a.id, a.name, a.kind, a.scored), ("a", "甲镇", "town", True))
        self.assertEqual((b.possible, b.total, b.grade, b.rank), (38.0, 0.0, None, 2))
        self.assertFalse(c_.scored)
        self.assertEqual((c_.total, c_.rank, c_.indicators), (None, None, {}))
        self.assertEqual((d.total, d.rank), (89.91, 1))
        county = r.county
        self.assertEqual(county.points["P3"], 12.0)
        self.assertEqual(county.points["P8"], 1.83)
        self.assertEqual((county.raw, county.possible, county.normalised, county.total, county.grade),
                         (65.17, 100.0, 65.17, 68.17, "合格"))
        self.assertEqual([(x.id, x.delta, x.text) for x in county.adjustments], [("praise", 3.0, "通报表扬加3分")])
        self.assertEqual(r.adjustments, list(county.adjustments))
        self.assertEqual({k: [u.id for u in v] for k, v in r.rankings.items()}, {"town": ["a", "b"], "department": ["d"]})
        self.assertEqual(len(r.units), 4)
        self.assertEqual(r.as_of, datetime.date(2023, 12, 15))
        self.assertEqual((r.accepted, r.rejected), (19, 0))
        self.assertEqual([c.point for c in r.cells("a")], ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P11", "P9"])

    def test_json(self) -> None:
        j1 = self.r.to_json()
        self.assertEqual(run_fx().to_json(), j1)
        self.assertIn('"county":{"raw":65.17,"possible":100,"normalised":65.17,"rounding":0,'
                      '"adjustments":[{"id":"praise","delta":3,"text":"通报表扬加3分","date":"2023-12-15",'
                      '"evidence":["国务院办公厅通报"],"applied":true}],"total":68.17,"grade":"合格"', j1)
        self.assertIn('"rankings":{"town":[{"rank":1,"unit":"a","name":"甲镇","total":78.52},'
                      '{"rank":2,"unit":"b","name":"乙镇","total":0}]', j1)
        self.assertIn('"format":\t1', self.r.to_json(pretty=True))
        d = self.r.to_dict()
        self.assertEqual(d["county"]["total"], 68.17)
        # the objects agree with the JSON
        for u in d["units"]:
            ur = self.r.unit(u["id"])
            self.assertEqual((ur.scored, ur.vetoed), (u["scored"], u["vetoed"]))
            if u["scored"]:
                self.assertEqual((ur.raw, ur.possible, ur.total, ur.rank, ur.grade),
                                 (u["raw"], u["possible"], u["total"], u["rank"], u["grade"]))
                self.assertEqual(ur.indicators, {i["id"]: i["score"] for i in u["indicators"]})
            for p in u["points"]:
                c = self.r.cell(u["id"], p["id"])
                self.assertEqual((c.status, c.score, c.max), (p["status"], p["score"], p["max"]))
                self.assertEqual([(x.code, x.severity, x.text) for x in c.reasons],
                                 [(x["code"], x["severity"], x["text"]) for x in p["reasons"]])
        self.assertEqual(self.r.county.points, {p["id"]: p["score"] for p in d["county"]["points"]})
        self.assertEqual({k: [(u.rank, u.id, u.total) for u in v] for k, v in self.r.rankings.items()},
                         {k: [(u["rank"], u["unit"], u["total"]) for u in v] for k, v in d["rankings"].items()})


class SettingsTest(unittest.TestCase):
    def setUp(self) -> None:
        library()

    def test_county_min(self) -> None:
        r = run_fx(county="min")
        self.assertEqual(r.county.points["P3"], 0.0)
        self.assertEqual((r.county.raw, r.county.total), (43.84, 46.84))

    def test_not_evaluated_zero(self) -> None:
        r = run_fx(not_evaluated="zero")
        c = r.unit("c")
        self.assertTrue(c.scored)
        self.assertEqual((c.possible, c.total, c.rank), (90.0, 0.0, 2))
        self.assertEqual((r.unit("b").possible, r.unit("b").rank), (90.0, 2))
        self.assertEqual(r.county.points["P1"], 3.33)
        self.assertEqual(r.to_dict()["settings"], {"not_evaluated": "zero", "county": "mean", "min_coverage": 50})

    def test_unit_veto_and_adjustment(self) -> None:
        obs = [{"unit": "甲镇", "point": "P1", "value": True}, {"unit": "乙镇", "point": "P1", "value": True},
               {"adjustment": "criticism", "unit": "乙镇", "evidence": "通报"}]
        fw = Framework.load(FX_YAML)
        ev = Evaluation(fw, as_of=datetime.date(2023, 12, 15))
        self.assertEqual(ev.add(obs), 3)
        r = ev.run()
        self.assertEqual(r.unit("b").total, 97.0)
        self.assertEqual(r.county.total, 100.0)
        self.assertEqual(r.adjustments, [])

    def test_period_and_max_named(self) -> None:
        r = run_fx(period=("2023-01-01", datetime.date(2023, 6, 30)))
        self.assertEqual(r.to_dict()["period"], {"first": "2023-01-01", "last": "2023-06-30"})
        c = r.cell("a", "P5")
        self.assertEqual(c.score, 5.0)  # Q1 met, Q2 short
        self.assertEqual([(x.code, x.severity, x.text) for x in c.reasons], [
            ("count_per_period.outside", "info", "4条不在评估期内，未计入"),
            ("count_per_period.short", "loss", "每季度应不少于3条，2个季度中1个未达到：2023年第2季度2条")])
        # no failing sample named, only counted
        text = run_fx(max_named=0).cell("a", "P3").reasons[0].text
        self.assertEqual(text, "抽查5件，1件超过时限")

    def test_max_keys(self) -> None:
        fw = Framework.load(FX_YAML)
        rec = '{"unit": "a", "point": "P1", "observed": "2023-03-01", "value": true'
        with Evaluation(fw, as_of="2023-12-15", max_keys=4) as ev:
            self.assertEqual(ev.add_text(rec + "}\n" + rec + ', "evidence": "x"}\n', format="jsonl",
                                         source_name="k.jsonl"), 1)
            self.assertEqual(ev.rejected, 1)
            d = ev.diagnostics[-1]
            self.assertEqual((d.code, d.source, d.line, d.column, d.path, d.message),
                             (govopen.Status.ELIMIT, "k.jsonl", 2, 71, "records[1]",
                              "more than 4 keys in one record: the limit (GOVOPEN_EVAL_MAX_KEYS)"))
            with self.assertRaises(govopen.LimitError) as cm:
                ev.add_text("unit,point,observed,value,evidence\na,P1,2023-03-01,true,x\n", format="csv",
                            source_name="w.csv")
            self.assertEqual(cm.exception.code, govopen.Status.ELIMIT)
        # the default, 1024: 1020 more keys pass the limit (then refused as fields P1 does not read)
        # (each extra key is an error of its own: all of them kept)
        with Evaluation(fw, as_of="2023-12-15", max_diagnostics=5000) as ev:
            extra = "".join(', "x%d": 0' % i for i in range(1021))
            ev.add_text(rec + extra[:extra.index(', "x1020"')] + "}\n" + rec + extra + "}\n", format="jsonl")
            self.assertEqual(ev.rejected, 2)
            msgs = [d.message for d in ev.diagnostics]
            self.assertNotIn("GOVOPEN_EVAL_MAX_KEYS", msgs[0])
            self.assertEqual(msgs[-1], "more than 1024 keys in one record: the limit (GOVOPEN_EVAL_MAX_KEYS)")
        for bad in (0, -1, 10000001):
            with self.assertRaises(govopen.InvalidArgumentError):
                Evaluation(fw, max_keys=bad)
        with Evaluation(fw, max_keys=10000000):
            pass

    def test_bad_settings(self) -> None:
        fw = Framework.load(FX_YAML)
        with self.assertRaises(govopen.InvalidArgumentError) as cm:
            Evaluation(fw, not_evaluated="sometimes")
        self.assertIn("'skip', 'zero'", str(cm.exception))
        with self.assertRaises(govopen.InvalidArgumentError):
            Evaluation(fw, county="max")
        with self.assertRaises(govopen.InvalidArgumentError):
            Evaluation(fw, max_named=5000)
        with self.assertRaises(govopen.InvalidArgumentError) as cm2:
            Evaluation(fw, as_of="2023-13-01")
        self.assertEqual(cm2.exception.code, govopen.Status.EINVALID)
        with self.assertRaises(TypeError):
            Evaluation(fw, as_of=20231215)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            Evaluation("fx.yaml")  # type: ignore[arg-type]
        with self.assertRaises(govopen.NotFoundError):
            Evaluation(fw, calendar_file=os.path.join(FIXTURES, "calendar", "none.yaml"))
        ev = Evaluation(fw, calendar_file=os.path.join(FIXTURES, "calendar", "county.yaml"), as_of="2023-12-15")
        ev.add_path(FX_JSONL)
        self.assertEqual(ev.run().cell("a", "P2").score, 7.5)


class ObservationsTest(unittest.TestCase):
    def setUp(self) -> None:
        library()
        self.fw = Framework.load(FX_YAML)

    def test_bad_observations(self) -> None:
        obs = [
            {"unit": "丁镇", "point": "P1", "value": True},
            {"unit": "甲镇", "point": "P99", "value": True},
            {"unit": "县一局", "point": "P1", "value": True},
            {"unit": "甲镇", "point": "P1", "value": "yes"},
            {"unit": "甲镇", "point": "P4", "last_update": "2023-02-30"},
            {"unit": "甲镇", "point": "P1", "value": True, "colour": "red"},
            {"unit": "甲镇", "point": "P2", "missing": ["印章"]},
            {"unit": "甲镇", "point": "P8", "score": 3.5},
            {"unit": "甲镇", "point": "P9", "samples": [{"category": "重大", "start": "2023-07-03"}]},
            {"unit": "乙镇", "point": "P1", "value": True},
        ]
        ev = Evaluation(self.fw, as_of="2023-12-15")
        self.assertEqual(ev.add(obs, source_name="fx.jsonl"), 1)
        self.assertEqual((ev.accepted, ev.rejected), (1, 9))
        expect = [
            (1, "unknown unit '丁镇' (give its id, name or alias)"),
            (2, "unknown point 'P99'"),
            (3, "县一局 is not responsible for P1 (responsible: 各镇)"),
            (4, "expected true or false, found a string"),
            (5, "'2023-02-30' is not a date (YYYY-MM-DD): "),
            (6, "the boolean rule of P1 does not read 'colour' (its fields: value)"),
            (7, "'印章' is not an item of P2's checklist (事项名称、设定依据、申请条件、办理材料)"),
            (8, "the score 3.5 is outside 0 … 3.00 or has more than two decimals"),
            (9, "'2023-07-03' needs a time (YYYY-MM-DDTHH:MM): the limit counts hours"),
        ]
        diags = ev.diagnostics
        self.assertEqual([d.line for d in diags], [line for line, _ in expect])
        for d, (line, message) in zip(diags, expect):
            self.assertEqual(d.source, "fx.jsonl")
            self.assertTrue(d.message.startswith(message), (line, d.message))
            self.assertEqual(d.severity, "error")
        self.assertEqual(str(diags[0]),
                         "fx.jsonl:1:10: error: unknown unit '丁镇' (give its id, name or alias) [records[0].unit]")
        # an unparsable line is reported too, and the good ones still count
        self.assertEqual(ev.add_text('{"unit": "甲镇", "point": "P1"\n', source_name="broken.jsonl"), 0)
        self.assertEqual(ev.rejected, 10)
        self.assertEqual(ev.diagnostics[-1].source, "broken.jsonl")
        r = ev.run()
        self.assertEqual(r.rejected, 10)
        self.assertEqual(r.cell("b", "P1").score, 10.0)

    def test_strict_and_as_of(self) -> None:
        ev = Evaluation(self.fw)
        with self.assertRaises(govopen.StateError) as cm:
            ev.run()
        self.assertIn("no as-of date", cm.exception.message)
        self.assertIsInstance(cm.exception, RuntimeError)
        with self.assertRaises(govopen.InvalidArgumentError):
            ev.set_as_of("2023-13-01")
        # observations are judged as they arrive: the as-of date comes first
        with self.assertRaises(govopen.StateError) as cm3:
            ev.add({"unit": "甲镇", "point": "P1", "value": True})
        self.assertIn("set one before adding observations", cm3.exception.message)
        ev.close()
        ev = Evaluation(self.fw, strict=True, as_of="2023-12-15")
        text = '{"unit": "甲镇", "point": "P1", "value": true}\n{"unit": "丁镇", "point": "P1", "value": true}\n'
        with self.assertRaises(govopen.SchemaError) as cm2:
            ev.add_text(text, format="jsonl", source_name="s.jsonl")
        self.assertEqual((cm2.exception.line, cm2.exception.source), (2, "s.jsonl"))
        self.assertEqual(str(cm2.exception),
                         "s.jsonl:2:10: unknown unit '丁镇' (give its id, name or alias) [records[1].unit]")
        # a date outside the calendar's years cannot be judged: the observation is rejected where it stands
        ev = Evaluation(self.fw, as_of="2023-12-15")
        self.assertEqual(ev.add({"unit": "甲镇", "point": "P3", "received": datetime.date(2019, 3, 1),
                                 "replied": "2019-03-20"}), 0)
        self.assertEqual((ev.accepted, ev.rejected), (0, 1))
        d = ev.diagnostics[0]
        self.assertEqual((d.code, d.source, d.line, d.column), (govopen.Status.ERANGE, "<dict>", 1, 1))
        self.assertEqual(d.message, "the sample cannot be judged: 2019-03-01 is outside the years of the calendar cn "
                                    "(2022 to 2026); the observation is rejected")
        with self.assertRaises(govopen.StateError) as cm4:
            ev.set_as_of("2023-12-20")
        self.assertEqual(cm4.exception.message,
                         "the as-of date cannot change once observations have been added: set it first")
        c = ev.run().cell("a", "P3")
        self.assertEqual(c.status, CellStatus.NOT_EVALUATED)
        self.assertIsNone(c.score)
        self.assertEqual(c.reasons, ())

    def test_add_forms(self) -> None:
        ev = Evaluation(self.fw, as_of="2023-12-15")
        self.assertEqual(ev.add_path(FX_JSONL), 19)  # a path
        # a PathLike; the same file again: its county adjustment (praise, not
        # repeatable) was triggered by the first, so it is refused once more
        self.assertEqual(ev.add(pathlib.Path(FX_JSONL)), 18)
        self.assertEqual(ev.rejected, 1)
        self.assertIn("the adjustment 'praise' was already triggered for the county at", ev.diagnostics[0].message)
        self.assertEqual(ev.add({"unit": "a", "point": "P4", "last_update": datetime.date(2023, 12, 10)}), 1)
        self.assertEqual(ev.add([]), 0)
        self.assertEqual(ev.add(iter([{"unit": "b", "point": "P4", "last_update": "2023-12-10"}])), 1)
        self.assertEqual(ev.accepted, 39)
        with tempfile.TemporaryDirectory() as tmp:
            y = os.path.join(tmp, "obs.yaml")
            with open(y, "w", encoding="utf-8") as f:
                f.write("- {unit: 甲镇, point: P1, value: true}\n- {unit: 乙镇, point: P1, value: true}\n")
            self.assertEqual(ev.add_path(y), 2)
            self.assertEqual(ev.add(pathlib.Path(y), format="yaml"), 2)
            missing = os.path.join(tmp, "none.jsonl")
            for call in (lambda: ev.add_path(missing), lambda: ev.add(pathlib.Path(missing))):
                with self.assertRaises(FileNotFoundError) as cm:
                    call()
                self.assertIsInstance(cm.exception, govopen.NotFoundError)
                self.assertIs(type(cm.exception), govopen.MissingFileError)
                self.assertEqual((cm.exception.code, cm.exception.errno, cm.exception.filename),
                                 (govopen.Status.ENOTFOUND, 2, missing))
            # a str is neither a path nor a text for add(): it says which call to use
            with self.assertRaises(TypeError) as te:
                ev.add(y)  # type: ignore[arg-type]
            self.assertIn("add_path(path)", str(te.exception))
            with self.assertRaises(TypeError):
                ev.add('{"unit": "a", "point": "P1", "value": true}')  # type: ignore[arg-type]
            with self.assertRaises(TypeError):
                ev.add_path(42)  # type: ignore[arg-type]
            with self.assertRaises(TypeError):
                ev.add_text(pathlib.Path(y))  # type: ignore[arg-type]
        self.assertEqual(ev.add_text('[{"unit": "甲镇", "point": "P1", "value": true}]', format="json"), 1)
        self.assertEqual(ev.add_text(b'{"unit": "a", "point": "P1", "value": true}\n'), 1)
        with self.assertRaises(govopen.InvalidArgumentError):
            ev.add_text("[]", format="xml")
        with self.assertRaises(TypeError):
            ev.add([{"unit": "a"}, "P1"])  # type: ignore[list-item]
        with self.assertRaises(TypeError):
            ev.add(b"{}")  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            ev.add(42)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            ev.add({"unit": "a", "point": "P1", "value": object()})
        self.assertEqual(ev.rejected, 1)

    def test_more_kinds_yaml_and_json_array(self) -> None:
        fy = """schema: 1
framework: {id: fy, title: 测试二, total: 20, year: 2023, not_evaluated: zero, cap_adjusted: true}
units: [{id: a, name: 甲镇, kind: town}, {id: b, name: 乙镇, kind: town}]
adjustments: [{id: praise, delta: 3, text: 表扬}, {id: criticism, delta: -20, text: 批评}]
indicators:
  - id: "1"
    title: 一
    score: 10
    aggregate: min
    points:
      - {id: Q1, text: 甲, score: 5, sampling: [政府网站], responsible: [甲镇, 乙镇], rule: {kind: checklist, items: [一, 二, 三], scoring: per-item, item_points: 2}}
      - {id: Q2, text: 乙, score: 5, sampling: [政府网站], responsible: [甲镇, 乙镇], rule: {kind: recency, within: {workdays: 5}}}
  - id: "2"
    title: 二
    score: 10
    aggregate: mean
    points:
      - {id: Q3, text: 丙, score: 6, sampling: [政府网站], responsible: [甲镇, 乙镇], rule: {kind: deadline, limit: {days: 10}, scoring: deduct, per_late: 2, floor: 1}}
      - {id: Q4, text: 丁, score: 2, sampling: [政府网站], responsible: [甲镇, 乙镇], rule: {kind: count_per_period, min: 1, period: month}}
      - {id: Q5, text: 戊, score: 2, sampling: [政府网站], responsible: [甲镇, 乙镇], rule: {kind: veto, target: unit, label: 重大事故}}
"""
        yaml_obs = """observations:
  - {unit: 甲镇, point: Q1, present: [一, 二]}
  - {unit: 甲镇, point: Q2, last_update: 2023-09-28, monitored: 2023-10-09}
  - unit: 甲镇
    point: Q3
    samples:
      - {start: 2023-09-20, end: 2023-10-05}
      - {start: 2023-06-12, end: 2023-06-26}
      - {start: 2023-03-01, end: 2023-03-20}
  - unit: 甲镇
    point: Q4
    samples: [{date: 2023-01-05}, {date: 2023-02-05}, {date: 2023-03-05}, {date: 2023-04-05}, {date: 2023-05-05}, {date: 2023-06-05}, {date: 2023-07-05}, {date: 2023-08-05}, {date: 2023-09-05}, {date: 2023-10-05}, {date: 2023-12-01}]
  - {unit: 甲镇, point: Q5, triggered: false}
  - {adjustment: praise}
"""
        with Framework.from_string(fy, source_name="fy.yaml") as fw, Evaluation(fw, as_of="2023-12-15") as ev:
            self.assertEqual(ev.add_text(yaml_obs, source_name="o.yaml"), 6)
            ev.add_text('[{"unit": "乙镇", "point": "Q5", "triggered": true}, {"adjustment": "criticism"}]',
                        source_name="o.json")
            self.assertEqual(ev.rejected, 0)
            r = ev.run()
        self.assertEqual(r.cell("a", "Q1").score, 4.0)
        self.assertEqual(r.cell("a", "Q1").reasons[0].text, "缺少要素：三（2/3）")
        self.assertEqual(r.cell("a", "Q3").reasons[0].text,
                         "抽查3件，2件超过时限：2023-06-12→2023-06-26（限10天，用时14天）；2023-03-01→2023-03-20（限10天，用时19天）")
        self.assertEqual(r.cell("a", "Q4").score, 1.83)
        a, b = r.unit("a"), r.unit("b")
        self.assertEqual((a.raw, a.total), (15.49, 77.45))
        self.assertTrue(b.vetoed)
        self.assertEqual((b.total, b.rank), (0.0, 2))
        self.assertEqual(r.cell("b", "Q5").reasons[0].text, "一票否决：重大事故，该单位总分计0分")
        self.assertEqual((r.county.points["Q4"], r.county.raw, r.county.total), (0.92, 7.76, 0.0))
        self.assertEqual(len(r.adjustments), 2)
        # cap_adjusted clamped 7.76 + 3 - 20 to 0, and the result says so
        self.assertEqual(r.county.unclamped, -9.24)
        self.assertTrue(r.county.clamped)
        county = json.loads(r.to_json())["county"]
        self.assertEqual((county["total"], county["clamped"], county["unclamped"]), (0, True, -9.24))


class LangaoSampleTest(unittest.TestCase):
    def setUp(self) -> None:
        library()

    def test_sample_matches_the_golden_result(self) -> None:
        with Framework.builtin("langao-2023") as fw:
            ev = Evaluation(fw, as_of="2023-12-15")
            # named as the CLI names it when run from the top of the tree
            n = ev.add_text(read(SAMPLE), format="jsonl",
                            source_name="data/samples/langao-2023-observations.jsonl")
            self.assertEqual((n, ev.rejected), (1032, 0))
            r = ev.run()
        ev.close()
        # the framework is closed: the result still holds it
        golden = expand_golden(read(os.path.join(REPO, "tests", "data", "langao-2023-result.json")), r.fingerprint.digest)
        self.assertEqual(r.to_json(pretty=True) + "\n", golden)
        self.assertEqual(r.cell("孟石岭镇", "P08").score, 0.0)
        self.assertEqual(r.cell("佐龙镇", "P78").score, 0.3)
        self.assertEqual(r.cell("南宫山镇", "P33").status, CellStatus.NOT_EVALUATED)
        self.assertEqual(r.cell("城关镇", "P38").reasons[0].code, "deadline.late")
        self.assertEqual([a.id for a in r.adjustments], ["publication-reprint"])
        self.assertEqual(r.county.total, round(r.county.normalised + 1.0, 2))
        self.assertEqual(len(r.rankings["town"]), 12)
        self.assertEqual(r.unit("县人社局").id, "renshe")

    def test_open_group_members(self) -> None:
        fw = Framework.builtin("langao-2023")
        ev = Evaluation(fw, as_of="2023-12-15")
        samples: List[Dict[str, Any]] = [
            {"channel": "网络", "confirmed": "2023-04-20", "end": "2023-05-19"},
            {"channel": "挂号信", "signed": "2023-04-20", "end": "2023-05-22", "extended": True},
            {"channel": "当面", "submitted": "2023-03-01", "corrected": "2023-03-10", "end": "2023-04-07"},
            {"channel": "平信", "confirmed": "2023-04-20", "end": "2023-05-22"},
        ]
        ev.add([{"unit": "县人社局", "point": "P29", "samples": samples},
                {"unit": "县人社局", "point": "P29", "samples": [{"channel": "邮件", "confirmed": "2023-04-20"}]},
                {"unit": "县人社局", "point": "P29", "samples": [{"channel": "挂号信", "confirmed": "2023-04-20"}]}],
               source_name="p29.jsonl")
        self.assertEqual(ev.rejected, 2)
        self.assertIn("unknown channel '邮件'", ev.diagnostics[0].message)
        self.assertIn("an application by 挂号信 needs 'signed'", ev.diagnostics[1].message)
        r = ev.run()
        c = r.cell("县人社局", "P29")
        self.assertEqual((c.status, c.score), (CellStatus.SCORED, 1.58))
        self.assertEqual(c.reasons[0].text, "抽查4件，1件超过时限：2023-04-20→2023-05-22（限20个工作日，用时21个工作日）")
        with self.assertRaises(govopen.NotFoundError):
            r.cell("城关镇", "P29")
        self.assertEqual(r.county.points["P29"], 1.58)


class LifetimeTest(unittest.TestCase):
    def setUp(self) -> None:
        library()

    def test_results_outlive_their_evaluation_and_framework(self) -> None:
        fw = Framework.load(FX_YAML)
        ev = Evaluation(fw, as_of="2023-12-15")
        ev.add_path(FX_JSONL)
        r1, r2 = ev.run(), ev.run()
        self.assertEqual(r1.to_json(), r2.to_json())
        ev.close()
        ev.close()
        self.assertTrue(ev.closed)
        with self.assertRaises(govopen.ClosedError):
            ev.add({})
        with self.assertRaises(govopen.ClosedError):
            ev.run()
        fw.close()
        with self.assertRaises(govopen.ClosedError):
            Evaluation(fw)
        self.assertEqual(r1.county.total, 68.17)
        self.assertEqual(r1.unit("甲镇").total, 78.52)
        self.assertIs(r1.framework, fw)
        r1.close()
        r1.close()
        with self.assertRaises(govopen.ClosedError):
            r1.county
        self.assertEqual(r2.to_dict()["county"]["total"], 68.17)
        with r2:
            pass
        self.assertTrue(r2.closed)

    def test_result_outlives_garbage_collected_evaluation(self) -> None:
        # the C result copies what it keeps of its evaluation (the adjustment's
        # evidence in the JSON too): it stays whole once the evaluation is freed
        def make() -> Result:
            fw = Framework.load(FX_YAML)
            ev = Evaluation(fw, as_of="2023-12-15")
            ev.add_text(read(FX_JSONL) * 20, format="jsonl", source_name="fx.jsonl")
            return ev.run()

        results = [make() for _ in range(20)]
        gc.collect()
        junk = [bytearray(70000) for _ in range(200)]  # reuse what freed memory there is
        for r in results:
            self.assertIn('"evidence":["国务院办公厅通报"]', r.to_json())
        del junk

    def test_views_of_another_framework_are_refused(self) -> None:
        r = run_fx()
        other = Framework.load(FX_YAML)
        with self.assertRaises(ValueError):
            r.unit(other.unit("a"))
        self.assertEqual(r.unit(r.framework.unit("a")).total, 78.52)
        self.assertEqual(r.cell(r.framework.unit("a"), r.framework.point("P3")).score, 16.0)
        with self.assertRaises(govopen.NotFoundError):
            r.unit("丁镇")
        with self.assertRaises(govopen.NotFoundError):
            r.cell("a", "P99")

    def test_repr(self) -> None:
        r = run_fx()
        self.assertEqual(repr(r), "<Result of fx as of 2023-12-15: county 68.17>")
        ev = Evaluation(r.framework)
        self.assertEqual(repr(ev), "<Evaluation of fx: 0 accepted, 0 rejected>")


if __name__ == "__main__":
    unittest.main()
