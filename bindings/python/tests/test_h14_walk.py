"""Issue 14, item 8 through the binding: every value of Result.to_dict() for the Langao
sample (and the adjustments fixture) is found again through the Python API's objects —
Result.units, cells, reasons' evidence, note and samples, adjustments, county,
rankings, kinds, settings, period, fingerprint — and a member the walk cannot map
fails with its path, so a member added to the JSON without a Python value is noticed.
The leaves checked must be every leaf of the document."""

from __future__ import annotations

import datetime
import math
import os
import unittest
from typing import Any, Callable, Dict, List, Optional

from _support import FIXTURES, SAMPLE, library

import govopen
from govopen import Evaluation, Framework

AGG_YAML = os.path.join(FIXTURES, "reconcile", "aggregate.yaml")
AGG_JSONL = os.path.join(FIXTURES, "reconcile", "aggregate.jsonl")


def leaves(x: Any) -> int:
    if isinstance(x, dict):
        return sum(leaves(v) for v in x.values())
    if isinstance(x, list):
        return sum(leaves(v) for v in x)
    return 1


def cents(v: float) -> int:
    return int(math.floor(v * 100 + 0.5)) if v >= 0 else -int(math.floor(-v * 100 + 0.5))


class Walker:
    """Compares each leaf of the result JSON with the Python API's value for its path."""

    def __init__(self, result: govopen.Result) -> None:
        self.r = result
        self.fw = result.framework
        self.checked = 0
        self.failures: List[str] = []
        self.units = {u.id: u for u in result.units}

    # --- leaves ---------------------------------------------------------------
    def fail(self, path: str, why: str) -> None:
        self.failures.append(f"{path}: {why}")

    def unknown(self, path: str) -> None:
        self.fail(path, "a member of the result JSON the Python API does not give (add it, and a case here)")

    def leaf(self, path: str, j: Any, py: Any) -> None:
        self.checked += 1
        if isinstance(j, bool) or j is None or isinstance(j, str):
            ok = type(j) is type(py) and j == py if j is not None else py is None
        elif isinstance(j, (int, float)):
            ok = isinstance(py, (int, float)) and not isinstance(py, bool) and cents(j) == cents(py)
        else:
            ok = False
        if not ok:
            self.fail(path, f"JSON {j!r}, Python {py!r}")

    def percent(self, path: str, j: Any, share: float) -> None:
        self.checked += 1
        if cents(j) != int(math.floor(share * 10000 + 1e-6)):
            self.fail(path, f"JSON {j!r}, Python share {share!r}")

    def length(self, path: str, a: List[Any], n: int) -> None:
        if len(a) != n:
            self.fail(path, f"{len(a)} elements, Python has {n}")

    def obj(self, path: str, o: Dict[str, Any], members: Dict[str, Callable[[str, Any], None]]) -> None:
        for k, v in o.items():
            at = f"{path}.{k}" if path else k
            if k in members:
                members[k](at, v)
            else:
                self.unknown(at)

    def value(self, py: Any) -> Callable[[str, Any], None]:
        return lambda path, j: self.leaf(path, j, py)

    def strings(self, items: Any) -> Callable[[str, Any], None]:
        def walk(path: str, a: List[Any]) -> None:
            self.length(path, a, len(items))
            for i, e in enumerate(a):
                self.leaf(f"{path}[{i}]", e, items[i] if i < len(items) else None)
        return walk

    def array(self, n: int, each: Callable[[str, int, Any], None]) -> Callable[[str, Any], None]:
        def walk(path: str, a: List[Any]) -> None:
            self.length(path, a, n)
            for i, e in enumerate(a):
                each(f"{path}[{i}]", i, e)
        return walk

    # --- objects --------------------------------------------------------------
    def adjustment(self, adj: Any) -> Callable[[str, int, Any], None]:
        def walk(path: str, i: int, o: Dict[str, Any]) -> None:
            a = adj[i]
            if "note" not in o and a.note is not None:
                self.fail(path, "Python has a note the JSON leaves out")
            if "why" not in o and a.why is not None:
                self.fail(path, "Python has a why the JSON leaves out")
            self.obj(path, o, {"id": self.value(a.id), "delta": self.value(a.delta), "text": self.value(a.text),
                               "date": self.value(a.date.isoformat()), "evidence": self.strings(a.evidence),
                               "note": self.value(a.note), "applied": self.value(a.applied),
                               "why": self.value(a.why)})
        return walk

    def indicators(self, score: Dict[str, float], possible: Dict[str, float],
                   maximum: Callable[[str], float]) -> Callable[[str, Any], None]:
        def each(path: str, i: int, o: Dict[str, Any]) -> None:
            nid = o.get("id")
            if nid not in score:
                self.fail(path, f"no indicator {nid!r} in Python")
                return
            self.obj(path, o, {"id": self.value(nid), "score": self.value(score[nid]),
                               "possible": self.value(possible[nid]), "max": self.value(maximum(nid))})
        return lambda path, a: self.array(len(score), each)(path, a)

    def reason(self, reasons: Any) -> Callable[[str, int, Any], None]:
        def walk(path: str, k: int, o: Dict[str, Any]) -> None:
            x = reasons[k]

            def sample(p: str, j: int, s: Dict[str, Any]) -> None:
                pos = x.samples[j]
                self.obj(p, s, {"source": self.value(pos.source), "line": self.value(pos.line),
                                "column": self.value(pos.column)})
            self.obj(path, o, {"code": self.value(x.code), "severity": self.value(x.severity),
                               "text": self.value(x.text), "evidence": self.strings(x.evidence),
                               "note": self.value(x.note), "samples": self.array(len(x.samples), sample)})
        return walk

    def unit(self, path: str, i: int, o: Dict[str, Any]) -> None:
        u = self.units.get(o.get("id"))
        if u is None:
            self.fail(path, "no such unit in Result.units")
            return
        cells = {c.point: c for c in self.r.cells(u.id)}

        def cell(p: str, j: int, c: Dict[str, Any]) -> None:
            x = cells.get(c.get("id"))
            if x is None:
                self.fail(p, "no such cell in Result.cells")
                return
            self.obj(p, c, {"id": self.value(x.point), "status": self.value(str(x.status)),
                            "score": self.value(x.score), "max": self.value(x.max), "lost": self.value(x.lost),
                            "samples": self.value(x.samples), "judged": self.value(x.judged),
                            "reasons": self.array(len(x.reasons), self.reason(x.reasons))})
        self.obj(path, o, {
            "id": self.value(u.id), "name": self.value(u.name), "kind": self.value(u.kind),
            "scored": self.value(u.scored), "vetoed": self.value(u.vetoed), "raw": self.value(u.raw),
            "possible": self.value(u.possible), "total": self.value(u.total), "maximum": self.value(u.maximum),
            "normalised": self.value(u.normalised), "rounding": self.value(u.rounding),
            "unclamped": self.value(u.unclamped), "rank": self.value(u.rank or 0),
            "ranked_of": self.value(u.ranked_of), "low_coverage": self.value(u.low_coverage),
            "grade": self.value(u.grade),
            "indicators": self.indicators(u.indicators, u.indicator_possible, lambda n: u.indicator_max[n]),
            "coverage_percent": lambda p, j: self.percent(p, j, u.coverage),
            "points_evaluated": self.value(u.points_evaluated), "points_applicable": self.value(u.points_applicable),
            "adjustments": self.array(len(u.adjustments), self.adjustment(u.adjustments)),
            "points": self.array(len(cells), cell)})

    def county(self, path: str, o: Dict[str, Any]) -> None:
        c = self.r.county
        if "clamped" not in o and c.clamped:
            self.fail(path, "Python says clamped, the JSON does not")

        def point(p: str, j: int, e: Dict[str, Any]) -> None:
            pid = e.get("id")
            if pid not in c.points:
                self.fail(p, "no such point in CountyResult.points")
                return
            self.obj(p, e, {"id": self.value(pid), "score": self.value(c.points[pid]),
                            "max": self.value(self.fw.point(pid).score), "lost": self.value(c.point_lost[pid])})
        self.obj(path, o, {
            "raw": self.value(c.raw), "possible": self.value(c.possible), "normalised": self.value(c.normalised),
            "rounding": self.value(c.rounding),
            "adjustments": self.array(len(c.adjustments), self.adjustment(c.adjustments)),
            "total": self.value(c.total), "clamped": self.value(c.clamped), "unclamped": self.value(c.unclamped),
            "grade": self.value(c.grade), "coverage_percent": lambda p, j: self.percent(p, j, c.coverage),
            "points_evaluated": self.value(c.points_evaluated), "points_applicable": self.value(c.points_applicable),
            "indicators": self.indicators(c.indicators, c.indicator_possible, lambda n: self.fw.node(n).score),
            "points": self.array(len(c.points), point)})

    def rankings(self, path: str, o: Dict[str, Any]) -> None:
        rankings = self.r.rankings
        for kind, a in o.items():
            ranked = rankings.get(kind)
            if ranked is None:
                self.unknown(f"{path}.{kind}")
                continue

            def entry(p: str, i: int, e: Dict[str, Any], ranked: Any = ranked) -> None:
                u = ranked[i]
                self.obj(p, e, {"rank": self.value(u.rank), "unit": self.value(u.id), "name": self.value(u.name),
                                "total": self.value(u.total)})
            self.array(len(ranked), entry)(f"{path}.{kind}", a)
        self.length(path, list(o), len(rankings))

    def kinds(self, path: str, o: Dict[str, Any]) -> None:
        kinds, not_evaluated = self.r.kinds, self.r.not_evaluated
        self.length(path, list(o), len(kinds))
        for kind, e in o.items():
            counts = kinds.get(kind)
            if counts is None:
                self.unknown(f"{path}.{kind}")
                continue
            units = not_evaluated.get(kind, [])
            if counts["not_evaluated"] != len(units):
                self.fail(f"{path}.{kind}", "not_evaluated count differs from Result.not_evaluated")

            def entry(p: str, i: int, x: Dict[str, Any], units: Any = units) -> None:
                self.obj(p, x, {"unit": self.value(units[i].id), "name": self.value(units[i].name)})
            self.obj(f"{path}.{kind}", e, {"ranked": self.value(counts["ranked"]),
                                           "low_coverage": self.value(counts["low_coverage"]),
                                           "not_evaluated": self.array(len(units), entry)})

    def fingerprint(self, path: str, o: Dict[str, Any]) -> None:
        fp = self.r.fingerprint
        assert fp.period is not None
        calendar: Dict[str, Callable[[str, Any], None]] = (
            {"file": self.value(fp.calendar), "digest": self.value(fp.calendar_digest)} if fp.calendar_digest
            else {"builtin": self.value(fp.calendar)})

        def inp(p: str, i: int, e: Dict[str, Any]) -> None:
            x = fp.inputs[i]
            self.obj(p, e, {"name": self.value(x.name), "digest": self.value(x.digest),
                            "records": self.value(x.records), "accepted": self.value(x.accepted),
                            "rejected": self.value(x.rejected)})
        self.obj(path, o, {
            "digest": self.value(fp.digest), "version": self.value(fp.version),
            "framework": lambda p, j: self.obj(p, j, {"id": self.value(fp.framework_id),
                                                      "digest": self.value(fp.framework_digest)}),
            "calendar": lambda p, j: self.obj(p, j, calendar),
            "as_of": self.value(fp.as_of.isoformat()),
            "period": lambda p, j: self.obj(p, j, {"first": self.value(fp.period[0].isoformat()),
                                                   "last": self.value(fp.period[1].isoformat())}),
            "settings": lambda p, j: self.obj(p, j, {k: self.value(v) for k, v in fp.settings.items()}),
            "inputs": self.array(len(fp.inputs), inp)})

    def result(self, d: Dict[str, Any]) -> None:
        r, fw = self.r, self.fw
        first, last = r.period
        settings = r.settings
        self.obj("", d, {
            "format": self.value(1),  # GOVOPEN_RESULT_FORMAT: the format of this document, not a value of the result
            "framework": lambda p, j: self.obj(p, j, {"id": self.value(fw.id), "title": self.value(fw.title),
                                                      "total": self.value(fw.total),
                                                      "calendar": self.value(fw.calendar)}),
            "as_of": self.value(r.as_of.isoformat()),
            "period": lambda p, j: self.obj(p, j, {"first": self.value(first.isoformat()),
                                                   "last": self.value(last.isoformat())}),
            "settings": lambda p, j: self.obj(p, j, {k: self.value(settings[k])
                                                     for k in ("not_evaluated", "county", "min_coverage")}),
            "observations": lambda p, j: self.obj(p, j, {"accepted": self.value(r.accepted),
                                                         "rejected": self.value(r.rejected)}),
            "county": self.county, "rankings": self.rankings, "kinds": self.kinds,
            "units": lambda p, a: self.array(
                sum(1 for u in self.units.values() if u.points_applicable or u.adjustments), self.unit)(p, a),
            "fingerprint": self.fingerprint})


def walk(result: govopen.Result) -> Walker:
    w = Walker(result)
    w.result(result.to_dict())
    return w


class WalkTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        library()

    def check(self, result: govopen.Result, expected_leaves: int) -> None:
        w = walk(result)
        self.assertEqual(w.failures, [])
        self.assertEqual(w.checked, leaves(result.to_dict()))  # nothing skipped
        self.assertEqual(w.checked, expected_leaves)

    def test_langao_sample(self) -> None:
        ev = Evaluation(Framework.builtin("langao-2023"), as_of="2023-12-15")
        ev.add_path(SAMPLE)
        self.check(ev.run(), 16663)

    def test_adjustments_applied_and_not(self) -> None:
        ev = Evaluation(Framework.load(AGG_YAML), as_of="2023-12-15")
        ev.add_path(AGG_JSONL)
        self.check(ev.run(), 969)

    def test_walker_detects(self) -> None:
        ev = Evaluation(Framework.load(AGG_YAML), as_of="2023-12-15")
        ev.add_path(AGG_JSONL)
        r = ev.run()
        w = Walker(r)
        d = r.to_dict()
        d["units"][0]["points"][0]["weight"] = 1
        d["county"]["total"] = d["county"]["total"] + 0.01
        d["extra"] = True
        w.result(d)
        self.assertEqual(len(w.failures), 3, w.failures)
        self.assertTrue(w.failures[0].startswith("county.total: "), w.failures)
        self.assertTrue(w.failures[1].startswith("units[0].points[0].weight: "), w.failures)
        self.assertTrue(w.failures[2].startswith("extra: "), w.failures)

    def test_fingerprint_period_and_settings(self) -> None:
        ev = Evaluation(Framework.builtin("langao-2023"), as_of="2023-12-15", min_coverage=30)
        ev.add_path(SAMPLE)
        fp = ev.run().fingerprint
        self.assertEqual(fp.period, (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)))
        self.assertEqual(fp.settings, {"not_evaluated": 0, "county": 0, "max_named": 3, "strict": 0,
                                       "max_steps": 10000000, "max_observations": 5000000, "max_keys": 1024,
                                       "max_diagnostics": 1000, "min_coverage": 30})

    def test_county_adjustment_applied(self) -> None:
        ev = Evaluation(Framework.load(AGG_YAML), as_of="2023-12-15")
        ev.add_path(AGG_JSONL)
        r = ev.run()
        self.assertEqual([a.applied for a in r.adjustments], [True, True, True])
        L = govopen._lib.lib()
        self.assertEqual(L.govopen_result_adjustment_applied(r._handle(), 3), -1)
        self.assertEqual(L.govopen_result_adjustment_applied(None, 0), -1)


if __name__ == "__main__":
    unittest.main()
