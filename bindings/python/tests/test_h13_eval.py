"""Issue 13, items 7 and 8 through the binding: Evaluation.add() on a file
whose reading stops raises, saying where, and keeps nothing; a sample the
calendar cannot judge is rejected with its place; a cell whose expression
fails counts as 0 with a warning."""

from __future__ import annotations

import os
import tempfile
import unittest

from _support import library

import govopen
from govopen import CellStatus, Evaluation, Framework

FW = """schema: 1
framework: {id: h, title: 测试, total: 50, year: 2023, calendar: cn}
units:
  - {id: a, name: 甲镇, kind: town}
indicators:
  - id: "1"
    title: 一
    score: 50
    points:
      - {id: P1, text: 支持IPv6, score: 10, sampling: [政府网站], responsible: [甲镇], rule: {kind: boolean}}
      - id: P2
        text: 依申请公开答复时限
        score: 20
        sampling: [模拟用户]
        responsible: [甲镇]
        rule: {kind: deadline, start: received, end: replied, limit: {workdays: 20}}
      - id: P3
        text: 自定义
        score: 20
        sampling: [政府网站]
        responsible: [甲镇]
        rule: {kind: expression, fields: {ok: boolean}, score: "max_score * count(ok) / count(ok)"}
"""

REST = " (reading stopped here: the rest of the input, from line {}, column {}, to its end, was not read)"


def records(third: str = "", first: str = "") -> str:
    """1,002 YAML records of P1; `third` and `first` replace those lines when given."""
    lines = [f"- {{unit: 甲镇, point: P1, value: {'true' if i % 2 else 'false'}}}\n" for i in range(1002)]
    if third:
        lines[2] = third
    if first:
        lines[0] = first
    return "".join(lines)


class StoppedReadTest(unittest.TestCase):
    def setUp(self) -> None:
        library()
        self.fw = Framework.from_string(FW, "h.yaml")
        self.addCleanup(self.fw.close)
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def write(self, name: str, text: str) -> str:
        path = os.path.join(self.tmp.name, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_alias_at_record_3(self) -> None:
        path = self.write("alias.yaml", records("- *r\n", "- &r {unit: 甲镇, point: P1, value: true}\n"))
        ev = Evaluation(self.fw, as_of="2023-12-15")
        with self.assertRaises(govopen.LimitError) as cm:
            ev.add_path(path)
        e = cm.exception
        self.assertEqual((e.code, e.source, e.line, e.column), (govopen.Status.ELIMIT, path, 3, 3))
        self.assertEqual(e.message, "YAML aliases are not allowed (alias '*r'; GOVOPEN_OPT_MAX_ALIASES is 0)" +
                         REST.format(3, 3))
        self.assertEqual(len(e.errors), 1)
        # nothing of the file was kept: the fixed file adds every record once
        self.assertEqual((ev.accepted, ev.rejected, ev.diagnostics), (0, 0, []))
        self.assertEqual(ev.add_path(self.write("fixed.yaml", records())), 1002)
        self.assertEqual(ev.accepted, 1002)

    def test_syntax_error_and_second_document(self) -> None:
        ev = Evaluation(self.fw, as_of="2023-12-15")
        with self.assertRaises(govopen.ParseError) as cm:
            ev.add_path(self.write("syntax.yaml", records("- {unit: 甲镇, point: P1, value: true\n")))
        self.assertEqual((cm.exception.line, cm.exception.column), (4, 3))
        self.assertTrue(cm.exception.message.endswith(REST.format(3, 3)), cm.exception.message)
        with self.assertRaises(govopen.ParseError) as cm:
            lines = records().splitlines(True)
            ev.add_text("".join(lines[:2]) + "---\n" + "".join(lines[2:]), format="yaml", source_name="two.yaml")
        self.assertEqual((cm.exception.source, cm.exception.line, cm.exception.column), ("two.yaml", 3, 1))
        self.assertEqual(cm.exception.message, "a second YAML document; a file holds one" + REST.format(3, 1))
        self.assertEqual((ev.accepted, ev.rejected), (0, 0))

    def test_stop_after_rejected_records(self) -> None:
        # the exception is about the stop (its status), the rejected record among its errors
        ev = Evaluation(self.fw, as_of="2023-12-15")
        with self.assertRaises(govopen.LimitError) as cm:
            ev.add_text(records("- *r\n", "- {unit: 丁镇, point: P1, value: true}\n"), format="yaml",
                        source_name="both.yaml")
        e = cm.exception
        self.assertEqual((e.line, e.column), (3, 3))
        self.assertEqual([(d.code, d.line, d.column) for d in e.errors],
                         [(govopen.Status.ESCHEMA, 1, 10), (govopen.Status.ELIMIT, 3, 3)])
        self.assertEqual((ev.accepted, ev.rejected), (0, 0))

    def test_sample_outside_calendar_and_failed_expression(self) -> None:
        ev = Evaluation(self.fw, as_of="2023-12-15")
        n = ev.add([
            {"unit": "甲镇", "point": "P1", "value": True},
            {"unit": "甲镇", "point": "P2", "received": "2023-03-01", "replied": "2023-05-20"},
            {"unit": "甲镇", "point": "P2", "received": "2019-01-01", "replied": "2019-01-05"},
            {"unit": "甲镇", "point": "P3", "ok": False},
        ])
        self.assertEqual((n, ev.accepted, ev.rejected), (3, 3, 1))
        d = ev.diagnostics[0]
        self.assertEqual((d.code, d.source, d.line, d.column, d.path),
                         (govopen.Status.ERANGE, "<list>", 3, 1, "records[2]"))
        r = ev.run()
        # 10 of 50: P1 met, P2 late, P3 judged failed; never 10 of 10
        self.assertEqual(r.unit("a").total, 20.0)
        self.assertEqual(r.unit("a").possible, 50.0)
        c = r.cell("a", "P3")
        self.assertEqual((c.status, c.score, c.reasons[0].code), (CellStatus.ERROR, 0.0, "expression.error"))
        w = ev.diagnostics[-1]
        self.assertEqual((w.severity, w.source, w.line, w.path), ("warning", "h.yaml", 17, "indicators[0].points[2]"))
        self.assertTrue(w.message.startswith("the rule of P3 could not be applied to 甲镇 ("), w.message)
        self.assertTrue(w.message.endswith("division by zero): the cell counts as 0 of 20.00"), w.message)


if __name__ == "__main__":
    unittest.main()
