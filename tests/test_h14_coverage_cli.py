#!/usr/bin/env python3
"""Issue 14, item 4, end to end: what each total stands on in the text of
`govopen evaluate`, the mark of a rank below --min-coverage, the units not
evaluated listed under each ranking, and --min-coverage on evaluate, report
and rectify (tests/fixtures/coverage, worked out in tests/test_h14_coverage.c).

usage: test_h14_coverage_cli.py PATH/TO/govopen
"""
import csv
import io
import json
import os
import subprocess
import sys
import unittest

GOVOPEN = None
HERE = os.path.dirname(os.path.abspath(__file__))
FW = os.path.join(HERE, "fixtures", "coverage", "cov.yaml")
OBS = os.path.join(HERE, "fixtures", "coverage", "cov.jsonl")
ARGS = ("--framework", FW, "--observations", OBS, "--as-of", "2023-12-15")


def run(*args):
    p = subprocess.run([GOVOPEN, *args], capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def block(out, heading):
    """The lines of the text report under `heading`, up to the next blank line."""
    return out.split(heading + "\n", 1)[1].split("\n\n", 1)[0].splitlines()


class EvaluateTextTest(unittest.TestCase):
    def test_default(self):
        code, out, err = run("evaluate", *ARGS)
        self.assertEqual((code, err), (0, ""))
        lines = out.splitlines()
        self.assertIn("全县得分：92.50（已评估 100.00 分中得 92.50 分，折算为 92.50），覆盖 100%（评估点 5/5）", lines)
        self.assertEqual(block(out, "各镇排名："), [
            "   1  甲镇     100.00  覆盖 100%（评估点 5/5）",
            "   1  丙镇     100.00  覆盖 10%（评估点 1/5）※覆盖不足50%",
            "   3  己镇      83.33  覆盖 60%（评估点 2/5）",
            "   4  乙镇      70.00  覆盖 50%（评估点 2/5）",
            "   —  丁镇     未评估  覆盖 0%（评估点 0/5）",
            "   —  戊镇     未评估  覆盖 0%（评估点 0/5）"])
        self.assertEqual(block(out, "县政府各部门排名："), [
            "   1  县二局  100.00  覆盖 66%（评估点 1/2）",
            "   —  县一局  未评估  覆盖 0%（评估点 0/2）"])
        # a kind with no unit ranked is listed too
        self.assertEqual(block(out, "直属机构排名："), ["   —  县档案馆 未评估  覆盖 0%（评估点 0/1）"])
        self.assertNotIn("党群部门排名：", out)
        self.assertIn("丙镇（t3）：100.00 分，第 1 名；已评估满分 10.00，得 10.00；覆盖 10%（评估点 1/5）※覆盖不足50%", lines)
        self.assertIn("乙镇（t2）：70.00 分，第 4 名；已评估满分 50.00，得 35.00；覆盖 50%（评估点 2/5）", lines)
        self.assertIn("丁镇（t4）：未评估；覆盖 0%（评估点 0/5）", lines)

    def test_threshold(self):
        # 乙镇 stands on exactly half: marked from 51
        for pct, marked in (("50", False), ("51", True), ("0", False), ("100", True)):
            with self.subTest(pct=pct):
                code, out, err = run("evaluate", *ARGS, "--min-coverage", pct)
                self.assertEqual((code, err), (0, ""))
                row = "   4  乙镇      70.00  覆盖 50%（评估点 2/5）"
                self.assertIn(row + ("※覆盖不足%s%%" % pct if marked else ""), out.splitlines())
        code, out, _ = run("evaluate", *ARGS, "--min-coverage", "0")
        self.assertNotIn("覆盖不足", out)
        code, out, _ = run("evaluate", *ARGS, "--min-coverage", "100")
        self.assertEqual(out.count("※覆盖不足100%"), 2 * 4)  # rankings and details: 乙, 丙, 己镇 and 县二局

    def test_json(self):
        code, out, err = run("evaluate", *ARGS, "--format", "json", "--min-coverage", "60")
        self.assertEqual((code, err), (0, ""))
        d = json.loads(out)
        self.assertEqual(d["settings"]["min_coverage"], 60)
        units = {u["id"]: u for u in d["units"]}
        self.assertEqual([units[u]["low_coverage"] for u in ("t1", "t2", "t3", "t6", "d2")],
                         [False, True, True, False, False])
        self.assertEqual((units["d2"]["coverage_percent"], units["d2"]["ranked_of"]), (66.66, 1))
        self.assertEqual(d["kinds"]["town"], {"ranked": 4, "low_coverage": 2, "not_evaluated": [
            {"unit": "t4", "name": "丁镇"}, {"unit": "t5", "name": "戊镇"}]})
        self.assertEqual(d["kinds"]["institution"], {"ranked": 0, "low_coverage": 0, "not_evaluated": [
            {"unit": "i1", "name": "县档案馆"}]})

    def test_usage(self):
        for bad in ("101", "-1", "ten", "5%", ""):
            with self.subTest(value=bad):
                code, out, err = run("evaluate", *ARGS, "--min-coverage", bad)
                self.assertEqual((code, out), (2, ""))
                self.assertIn("--min-coverage takes a percentage from 0 to 100, not '%s'" % bad, err)
        code, out, err = run("evaluate", *ARGS, "--min-coverage")
        self.assertEqual(code, 2)
        self.assertIn("option '--min-coverage' needs a value", err)
        code, out, _ = run("evaluate", "--help")
        self.assertEqual(code, 0)
        self.assertIn("  --min-coverage PCT      mark a ranked unit whose evaluated points are worth less than PCT%\n",
                      out)


class ReportTest(unittest.TestCase):
    def test_csv(self):
        code, out, err = run("report", "--format", "csv", "--table", "rankings", "--no-bom", "--lang", "en", *ARGS,
                             "--min-coverage", "70")
        self.assertEqual((code, err), (0, ""))
        rows = list(csv.reader(io.StringIO(out)))
        self.assertEqual(rows[0][-4:], ["coverage_percent", "points_evaluated", "points_applicable", "low_coverage"])
        by_id = {r[2]: r for r in rows[1:]}
        self.assertEqual(by_id["t6"][1:], ["3", "t6", "己镇", "83.33", "50", "60", "", "no", "100", "83.33",
                                            "16.67", "0", "0", "0", "16.67", "60", "2", "5", "yes"])
        self.assertEqual(by_id["t4"], ["town", "", "t4", "丁镇"] + [""] * 12 + ["0", "0", "5", ""])
        # the units not evaluated come after their kind's ranked units
        self.assertEqual([r[2] for r in rows[1:]], ["t1", "t3", "t6", "t2", "t4", "t5", "d2", "d1", "i1"])

    def test_markdown_and_html(self):
        code, md, err = run("report", "--format", "md", *ARGS)
        self.assertEqual((code, err), (0, ""))
        self.assertIn("| — | 戊镇 | 未评估 | 0%（评估点 0/5） |  |  |\n", md)
        self.assertIn("| 1 | 丙镇 | 100.00 | 10%（评估点 1/5），**覆盖不足50%** |  | 否 |\n", md)
        code, html, err = run("report", "--format", "html", *ARGS, "--min-coverage", "10")
        self.assertEqual((code, err), (0, ""))
        self.assertNotIn("覆盖不足", html)
        self.assertIn("<tr class=\"none\"><td class=\"num\">—</td><td><a href=\"#unit-6\">县一局</a></td>", html)

    def test_rectify(self):
        code, out, err = run("rectify", "己镇", *ARGS, "--min-coverage", "61")
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(out.splitlines()[2:4], [
            "总分 83.33，在各镇中排第 3 名（共 4 个，另有 2 个未评估）；已评估满分 60.00，得 50.00",
            "覆盖 60%（评估点 2/5），覆盖不足61%，排名仅供参考。"])


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_h14_coverage_cli.py PATH/TO/govopen")
    GOVOPEN = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
