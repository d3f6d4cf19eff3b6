"""Result.write_csv and Result.rectify, and the golden CSV tables of tests/data/csv read back.

The golden tables (written by `govopen report`, compared byte for byte by
tests/test_csv.c and tests/test_cli.py) are checked here by an independent
reader: Python's csv module parses each, and every number must equal what
the result's getters say.
"""

from __future__ import annotations

import csv
import io
import os
import pathlib
import tempfile
import unittest
from typing import Any, Dict, List

from _support import REPO, SAMPLE, expand_golden, library, read

import govopen
from govopen import Evaluation, Framework, Result

GOLDEN = os.path.join(REPO, "tests", "data", "csv")
STATUS_ZH = {"scored": "已评分", "not_evaluated": "未评估", "vetoed": "一票否决", "error": "无法评分"}
KIND_ZH = {"town": "镇", "department": "县政府部门", "institution": "直属机构", "party-org": "党群部门", "other": "其他"}
SEVERITY_ZH = {"loss": "失分", "warning": "提醒", "info": "说明"}


def langao() -> Result:
    with Evaluation(Framework.builtin("langao-2023"), as_of="2023-12-15") as ev:
        # named as the CLI names it when run from the top of the tree, as in the golden files
        ev.add_text(read(SAMPLE), format="jsonl", source_name="data/samples/langao-2023-observations.jsonl")
        return ev.run()


def golden_bytes(table: str) -> bytes:
    with open(os.path.join(GOLDEN, table + ".csv"), "rb") as f:
        return f.read()


def golden_rows(table: str) -> List[Dict[str, str]]:
    """A golden table through the csv module: a dict per record, by header."""
    data = golden_bytes(table)
    assert data.startswith(b"\xef\xbb\xbf"), f"{table}.csv has no byte order mark"
    with open(os.path.join(GOLDEN, table + ".csv"), encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, strict=True))


def num(s: str) -> float:
    return float(s)


def cents(x: float) -> int:
    return round(x * 100)


class Failing(io.RawIOBase):
    """A binary file whose first write fails."""

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        raise OSError(28, "No space left on device")


class GoldenTablesTest(unittest.TestCase):
    """The golden files, read by the csv module, against the result's getters."""

    r: Result

    @classmethod
    def setUpClass(cls) -> None:
        library()
        cls.r = langao()

    def test_records_are_rfc4180(self) -> None:
        for table in govopen.TABLES:
            with self.subTest(table=table):
                data = golden_bytes(table)[3:]
                self.assertTrue(data.endswith(b"\r\n"))
                rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), strict=True))
                self.assertGreater(len(rows), 1)
                self.assertEqual({len(row) for row in rows}, {len(rows[0])})
                for row in rows:
                    for field in row:
                        if field[:1] in ("=", "+", "-", "@", "\t", "\r"):
                            float(field)  # only our numbers may begin so

    def test_rankings(self) -> None:
        rows = golden_rows("rankings")
        ranked = [u for kind in self.r.rankings.values() for u in kind]
        self.assertEqual(len(rows), len(ranked))
        for row in rows:
            u = self.r.unit(row["单位编号"])
            self.assertEqual(row["单位"], u.name)
            self.assertEqual(row["类别"], KIND_ZH[u.kind])
            self.assertEqual(int(row["名次"]), u.rank)
            assert u.total is not None and u.raw is not None and u.possible is not None
            self.assertEqual(cents(num(row["总分"])), cents(u.total))
            self.assertEqual(cents(num(row["得分"])), cents(u.raw))
            self.assertEqual(cents(num(row["已评估满分"])), cents(u.possible))
            self.assertEqual(row["等次"], u.grade or "")
            self.assertEqual(row["一票否决"], "是" if u.vetoed else "否")
        # by kind, then rank, ties in the framework's order
        keys = [(list(KIND_ZH.values()).index(row["类别"]), int(row["名次"]), self.r.unit(row["单位编号"]).index)
                for row in rows]
        self.assertEqual(keys, sorted(keys))

    def test_scorecards(self) -> None:
        rows = golden_rows("scorecards")
        cells = [c for u in self.r.units for c in self.r.cells(u.id)]
        self.assertEqual(len(rows), len(cells))
        for row, cell in zip(rows, cells):
            self.assertEqual((row["单位编号"], row["评估点编号"]), (cell.unit, cell.point))
            point = self.r.framework.point(cell.point)
            self.assertEqual(row["评估点"], point.text)
            self.assertEqual(row["状态"], STATUS_ZH[str(cell.status)])
            self.assertEqual(cents(num(row["满分"])), cents(cell.max))
            if cell.score is None:
                self.assertEqual((row["得分"], row["失分"]), ("", ""))  # not evaluated: does not count
            else:
                self.assertEqual(cents(num(row["得分"])), cents(cell.score))
                self.assertEqual(cents(num(row["失分"])), cents(cell.max) - cents(cell.score))
            self.assertGreaterEqual(int(row["样本数"]), int(row["已判定数"]))

    def test_indicators(self) -> None:
        rows = golden_rows("indicators")
        want = [(u.id, node) for u in self.r.units if u.scored for node in u.indicators]
        self.assertEqual([(row["单位编号"], row["指标编号"]) for row in rows], want)
        for row in rows:
            u = self.r.unit(row["单位编号"])
            node = self.r.framework.node(row["指标编号"])
            self.assertEqual(cents(num(row["得分"])), cents(u.indicators[node.id]))
            self.assertEqual(cents(num(row["满分"])), cents(node.score))
            self.assertEqual(int(row["层级"]), node.depth)
            self.assertEqual(row["指标"], node.label + node.title)
            self.assertLessEqual(num(row["得分"]), num(row["已评估满分"]))

    def test_rectify(self) -> None:
        rows = golden_rows("rectify")
        by_unit: Dict[str, List[Dict[str, str]]] = {}
        for row in rows:
            by_unit.setdefault(row["单位编号"], []).append(row)
        for u in self.r.units:
            cells = [c for c in self.r.cells(u.id)
                     if c.status != "scored" or (c.score is not None and cents(c.score) < cents(c.max))]
            got = by_unit.get(u.id, [])
            self.assertEqual(sorted(r["评估点编号"] for r in got), sorted(c.point for c in cells), u.id)
            # most points lost first, ties in point order; numbered from 1
            lost = [cents(num(r["失分"])) if r["失分"] else 0 for r in got]
            order = [self.r.framework.point(r["评估点编号"]).index for r in got]
            self.assertEqual(list(zip([-x for x in lost], order)), sorted(zip([-x for x in lost], order)))
            self.assertEqual([int(r["序号"]) for r in got], list(range(1, len(got) + 1)))
            for row in got:
                cell = self.r.cell(u.id, row["评估点编号"])
                self.assertEqual(row["单位"], u.name)
                assert u.total is not None
                self.assertEqual(cents(num(row["单位总分"])), cents(u.total))
                self.assertEqual(int(row["名次"]), u.rank)
                self.assertEqual(row["状态"], STATUS_ZH[str(cell.status)])
                self.assertEqual(row["原因代码"].split("\n") if row["原因代码"] else [],
                                 [x.code for x in cell.reasons])
                self.assertEqual(row["原因"].split("\n") if row["原因"] else [],
                                 [f"{SEVERITY_ZH[x.severity]}：{x.text}" for x in cell.reasons])
                # the evidence and notes columns: the reasons' data, in order
                self.assertEqual(row["证据"].split("\n") if row["证据"] else [],
                                 [e for x in cell.reasons for e in x.evidence])
                self.assertEqual(row["评估人员备注"].split("\n") if row["评估人员备注"] else [],
                                 [x.note for x in cell.reasons if x.note is not None])
        self.assertEqual(rows[0]["评估点编号"], "P38")  # 城关镇, the first unit
        self.assertEqual(rows[0]["证据"], "https://www.langao.gov.cn/sample-2023/chengguan/p38/0001.html")

    def test_county(self) -> None:
        rows = golden_rows("county")
        county = self.r.county
        head = {row["类型"]: row for row in rows if row["类型"] in ("原始得分", "折算得分", "舍入", "总分", "共失")}
        # the total reconciled: maximum − lost = total, lost = points + rounding − adjustments
        self.assertEqual(cents(num(head["舍入"]["得分"])), cents(county.rounding))
        self.assertEqual(cents(num(head["共失"]["得分"])), cents(county.lost))
        self.assertEqual(cents(num(head["原始得分"]["得分"])), cents(county.raw))
        self.assertEqual(cents(num(head["原始得分"]["已评估满分"])), cents(county.possible))
        self.assertEqual(cents(num(head["折算得分"]["得分"])), cents(county.normalised))
        self.assertEqual(cents(num(head["总分"]["得分"])), cents(county.total))
        self.assertEqual(head["总分"]["等次"], county.grade or "")
        adjustments = [row for row in rows if row["类型"] == "加减分"]
        self.assertEqual([(row["编号"], cents(num(row["得分"]))) for row in adjustments],
                         [(a.id, cents(a.delta)) for a in county.adjustments])
        points = {row["编号"]: row for row in rows if row["类型"] == "评估点"}
        self.assertEqual(list(points), list(county.points))
        for pid, score in county.points.items():
            if score is None:
                self.assertEqual(points[pid]["得分"], "")
            else:
                self.assertEqual(cents(num(points[pid]["得分"])), cents(score))
        nodes = [row for row in rows if row["类型"] == "指标"]
        self.assertEqual(len(nodes), len(self.r.framework.nodes))


class WriteCsvTest(unittest.TestCase):
    r: Result

    @classmethod
    def setUpClass(cls) -> None:
        library()
        cls.r = langao()

    def setUp(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def test_path_and_files(self) -> None:
        for table in govopen.TABLES:
            with self.subTest(table=table):
                golden = golden_bytes(table)
                path = os.path.join(self.tmp.name, table + ".csv")
                self.r.write_csv(path, table)
                with open(path, "rb") as f:
                    self.assertEqual(f.read(), golden)
                b = io.BytesIO()
                self.r.write_csv(b, table, bom=False)
                self.assertEqual(b.getvalue(), golden[3:])
                t = io.StringIO(newline="")
                self.r.write_csv(t, table)
                self.assertEqual(t.getvalue().encode("utf-8"), golden)
        self.r.write_csv(pathlib.Path(self.tmp.name) / "r.csv", "rankings", lang="en")
        with open(os.path.join(self.tmp.name, "r.csv"), encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        self.assertEqual(rows[0], ["kind", "rank", "unit_id", "unit", "total", "raw", "possible", "grade", "vetoed",
                                   "maximum", "normalised", "points_lost", "rounding", "adjustments", "clamp",
                                   "lost_total", "coverage_percent", "points_evaluated", "points_applicable",
                                   "low_coverage"])
        self.assertEqual(rows[1], ["town", "1", "taohe", "滔河镇", "100", "41.96", "41.96", "", "no",
                                   "100", "100", "0", "0", "0", "0", "0", "100", "31", "31", "no"])

    def test_errors(self) -> None:
        with self.assertRaises(govopen.InvalidArgumentError):
            self.r.write_csv(io.BytesIO(), "totals")
        with self.assertRaises(govopen.InvalidArgumentError):
            self.r.write_csv(io.BytesIO(), "rankings", lang="fr")
        with self.assertRaises(TypeError):
            self.r.write_csv(42, "rankings")  # type: ignore[arg-type]
        with self.assertRaises(OSError) as e:
            self.r.write_csv(Failing(), "scorecards")
        self.assertEqual(e.exception.errno, 28)


class RectifyTest(unittest.TestCase):
    r: Result

    @classmethod
    def setUpClass(cls) -> None:
        library()
        cls.r = langao()

    def test_text(self) -> None:
        text = self.r.rectify("城关镇")
        self.assertEqual(text.splitlines()[:6], [
            "整改清单：城关镇（chengguan）",
            "岚皋县2023年政务公开工作绩效评估指标任务分解表，截至 2023-12-15",
            "总分 97.24，在各镇中排第 12 名（共 12 个）；已评估满分 41.96，得 40.80",
            "覆盖 100%（评估点 31/31）。",
            "失分的评估点 1 个，共失 2.76 分（满分 100.00）。",
            ""])
        self.assertTrue(text.endswith("\n   证据：https://www.langao.gov.cn/sample-2023/chengguan/p38/0001.html\n"
                                      "   评估人员备注：城区自建房局部坍塌（示例事件）\n\n"
                                      f"指纹 {self.r.fingerprint.short}（govopen {govopen.version()}，框架 langao-2023，"
                                      "截至 2023-12-15）\n"))
        self.assertEqual(self.r.rectify("chengguan"), text)
        self.assertEqual(self.r.rectify(self.r.framework.unit("城关")), text)
        # most points lost first
        items = [line for line in self.r.rectify("佐龙镇").splitlines() if line[:1].isdigit()]
        self.assertEqual(items, ["1. P78  失 0.24 分（得 0.30，满分 0.54；总分失 0.57）",
                                 "2. P40  失 0.19 分（得 0.20，满分 0.39；总分失 0.45）"])
        en = self.r.rectify("县经贸局", lang="en").splitlines()
        self.assertEqual(en[0], "Rectification list: 县经贸局 (jingmao)")
        self.assertIn("2. P69  not evaluated (max 0.78; not counted)", en)

    def test_errors(self) -> None:
        with self.assertRaises(govopen.NotFoundError):
            self.r.rectify("丁镇")
        with self.assertRaises(govopen.InvalidArgumentError):
            self.r.rectify("城关镇", lang="de")
        with Framework.builtin("langao-2023") as other:
            with self.assertRaises(ValueError):
                self.r.rectify(other.unit("城关镇"))



class MarkdownTest(unittest.TestCase):
    """Result.to_markdown: the golden report of tests/data/md, and English."""

    def test_golden(self) -> None:
        with langao() as r:
            with open(os.path.join(REPO, "tests", "data", "md", "langao-2023.md"), encoding="utf-8", newline="") as f:
                self.assertEqual(r.to_markdown(), expand_golden(f.read(), r.fingerprint.digest))
            en = r.to_markdown(lang="en")
            self.assertIn("\n- **Total: 99.50**\n", en)
            self.assertIn("\n1. P38  lost 1.16 (scored 1.17 of 2.33; 2.76 of the total)\n", en)
            with self.assertRaises(govopen.InvalidArgumentError):
                r.to_markdown(lang="fr")
        with self.assertRaises(Exception):
            r.to_markdown()  # closed


class HtmlTest(unittest.TestCase):
    """Result.to_html / write_html: the golden page of tests/data/html, English, a file."""

    def test_golden(self) -> None:
        with langao() as r:
            with open(os.path.join(REPO, "tests", "data", "html", "langao-2023.html"), encoding="utf-8",
                      newline="") as f:
                golden = expand_golden(f.read(), r.fingerprint.digest)
            self.assertEqual(r.to_html(), golden)
            en = r.to_html(lang="en")
            self.assertTrue(en.startswith('<!DOCTYPE html>\n<html lang="en">\n'))
            self.assertIn('<tr class="total"><th>Total</th><td class="num">99.50</td>', en)
            with tempfile.TemporaryDirectory() as d:
                path = os.path.join(d, "report.html")
                r.write_html(path)
                with open(path, encoding="utf-8", newline="") as f:
                    self.assertEqual(f.read(), golden)
                buf = io.BytesIO()
                r.write_html(buf, lang="en")
                self.assertEqual(buf.getvalue().decode("utf-8"), en)
            with self.assertRaises(govopen.InvalidArgumentError):
                r.to_html(lang="fr")
        with self.assertRaises(Exception):
            r.to_html()  # closed


if __name__ == "__main__":
    unittest.main()
