"""Framework.write_worksheet / Framework.worksheet, and a filled worksheet read back.

The worksheet is the golden file tests/data/csv/worksheet.csv (written by
`govopen plan --method 模拟用户 --format csv`, compared byte for byte by
tests/test_worksheet.c and tests/test_cli.py); here Python's csv module fills
it in as a spreadsheet would and Evaluation.add reads it back, by path and as
text, scoring as the same observations given as dicts.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import unittest

from _support import REPO

import govopen
from govopen import Evaluation, Framework

GOLDEN = os.path.join(REPO, "tests", "data", "csv", "worksheet.csv")


def golden() -> bytes:
    with open(GOLDEN, "rb") as f:
        return f.read()


class WorksheetTest(unittest.TestCase):
    def setUp(self) -> None:
        self.fw = Framework.builtin("langao-2023")
        self.addCleanup(self.fw.close)

    def test_golden(self) -> None:
        text = self.fw.worksheet("模拟用户")
        self.assertEqual(text.encode("utf-8"), golden())
        self.assertEqual(self.fw.worksheet("模拟用户", bom=False).encode("utf-8"), golden()[3:])
        buf = io.BytesIO()
        self.fw.write_worksheet(buf, "模拟用户")
        self.assertEqual(buf.getvalue(), golden())
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "sheet.csv")
            self.fw.write_worksheet(path, "模拟用户")
            with open(path, "rb") as f:
                self.assertEqual(f.read(), golden())
            with open(path, "w", encoding="utf-8", newline="") as f:  # a text file
                self.fw.write_worksheet(f, "模拟用户", bom=False)
            with open(path, "rb") as f:
                self.assertEqual(f.read(), golden()[3:])
        en = self.fw.worksheet("模拟用户", lang="en", bom=False)
        self.assertTrue(en.startswith("unit,#unit_name,point,#point_text,#how_to_fill,value,start,end,"))
        self.assertEqual(self.fw.worksheet(bom=False).count("\r\n"), 1036)  # every point

    def test_errors(self) -> None:
        with self.assertRaises(govopen.NotFoundError):
            self.fw.worksheet("nope")
        with self.assertRaises(govopen.InvalidArgumentError):
            self.fw.worksheet("模拟用户", lang="fr")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "keep.csv")
            with open(path, "w") as f:
                f.write("kept")
            with self.assertRaises(govopen.NotFoundError):
                self.fw.write_worksheet(path, "nope")
            with open(path) as f:
                self.assertEqual(f.read(), "kept")  # not truncated

        class Full(io.RawIOBase):
            def writable(self) -> bool:
                return True

            def write(self, b: bytes) -> int:
                raise OSError(28, "No space left on device")

        with self.assertRaises(OSError):
            self.fw.write_worksheet(Full(), "模拟用户")
        self.assertEqual(govopen.evaluate._FORMATS["csv"], 4)

    def test_round_trip(self) -> None:
        rows = list(csv.DictReader(io.StringIO(self.fw.worksheet("模拟用户", bom=False), newline="")))
        self.assertEqual(len(rows), 113)
        filled = {("chengguan", "P28"): {"value": "是"},
                  ("taohe", "P28"): {"value": "0", "evidence": "电话无人接听"},
                  ("chengguan", "P40"): {"start": "2023/5/4 9:00", "end": "2023/5/8"},
                  ("zuolong", "P54"): {"present": "设立政务公开专区；政府信息查询\n信息公开申请"}}
        for row in rows:
            row.update(filled.get((row["unit"], row["point"]), {}))
        out = io.StringIO(newline="")
        w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)
        dicts = [{"unit": "chengguan", "point": "P28", "value": True},
                 {"unit": "taohe", "point": "P28", "value": False, "evidence": "电话无人接听"},
                 {"unit": "chengguan", "point": "P40", "start": "2023-05-04T09:00", "end": "2023-05-08"},
                 {"unit": "zuolong", "point": "P54", "present": ["设立政务公开专区", "政府信息查询", "信息公开申请"]}]
        results = []
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "filled.csv")
            with open(path, "w", encoding="utf-8-sig", newline="") as f:
                f.write(out.getvalue())
            for source in ("path", "text", "dicts"):
                with Evaluation(self.fw, as_of="2023-12-15") as ev:
                    if source == "path":
                        self.assertEqual(ev.add_path(path), 4)
                    elif source == "text":
                        self.assertEqual(ev.add_text("\ufeff" + out.getvalue(), format="csv"), 4)
                    else:
                        self.assertEqual(ev.add(dicts), 4)
                    warnings = [d for d in ev.diagnostics if d.severity == "warning"]
                    self.assertEqual(len(warnings), 0 if source == "dicts" else 1)
                    r = ev.run()
                    results.append({(c.unit, c.point): c.score for u in r.units for c in r.cells(u.id)
                                    if c.status == govopen.CellStatus.SCORED})
        self.assertEqual(results[0], results[2])
        self.assertEqual(results[1], results[2])
        self.assertEqual(results[2], {("chengguan", "P28"): 2.11, ("taohe", "P28"): 0, ("chengguan", "P40"): 0.39,
                                      ("zuolong", "P54"): 1.2})


if __name__ == "__main__":
    unittest.main()
