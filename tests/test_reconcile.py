#!/usr/bin/env python3
"""Every total reconciles, in every output that prints one (docs/results.md,
"One total, one rule"), as a property over many inputs:

    maximum − total = Σ points' lost + rounding − Σ applied adjustments + clamp
    normalised = round(raw × maximum / possible), halves away from zero
    unclamped = normalised + Σ applied adjustments

for every unit and the county of every framework under tests/fixtures that
evaluates with an observation file beside it, the sample data (as it is, and
with unit adjustments added), examples/county-overlay and a small synthetic
province (bench/gen_province.py). The identity is read back, with Python's
own parsers, from the JSON, the CSV tables (rankings, scorecards, county,
adjustments), the Markdown report, the HTML page (as text), every unit's
rectification list and the text of `govopen evaluate`, and every reading must
agree with the JSON's numbers. Amounts are compared in hundredths, exactly.

usage: test_reconcile.py PATH/TO/govopen
"""
import csv
import glob
import html
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
from fractions import Fraction

GOVOPEN = None
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AS_OF = "2023-12-15"
NUM = r"\(?(-?\d+\.\d\d)\)?"
# the breakdown's lines, as every text writer words it
MAXIMUM_LINE = re.compile(r"满分 " + NUM + r" − 共失 " + NUM + r" = 总分 " + NUM)
LOST_LINE = re.compile(r"共失 " + NUM + r" = 评估点失分 " + NUM + r" \+ 舍入 " + NUM + r" − 加减分 " + NUM +
                       r"(?: \+ 封顶 " + NUM + r")?")
NORMALISED_LINE = re.compile(r"折算得分 " + NUM + r" = " + NUM + r" × " + NUM + r" / " + NUM +
                             r"，四舍五入到 0\.01（五入远离零）")
POINT_LOST = re.compile(r"总分失 " + NUM)


def cents(text) -> int:
    """An amount as hundredths, exactly ("-3.00", "0.5", 97.24, "(−1.00)")."""
    s = str(text).strip().strip("()")
    neg = s.startswith("-")
    s = s.lstrip("-")
    whole, _, frac = s.partition(".")
    v = int(whole or "0") * 100 + int((frac + "00")[:2])
    return -v if neg else v


def round_half_away(q: Fraction) -> int:
    n = abs(q.numerator) * 2 + q.denominator
    v = n // (2 * q.denominator)
    return v if q >= 0 else -v


def run(*args, check=True) -> subprocess.CompletedProcess:
    p = subprocess.run([GOVOPEN, *args], capture_output=True, timeout=600)
    if check and p.returncode != 0:
        raise AssertionError(f"govopen {' '.join(args)}: exit {p.returncode}: {p.stderr.decode()[:2000]}")
    return p


class Case:
    """One evaluation: a framework, observation files and the options that go with them."""

    def __init__(self, name, framework_args, observations, as_of):
        self.name = name
        self.args = list(framework_args)
        for o in observations:
            self.args += ["--observations", o]
        if as_of:
            self.args += ["--as-of", as_of]


def fixture_cases():
    """Every framework under tests/fixtures with every observation file beside it, that evaluates."""
    cases = []
    for fw in sorted(glob.glob(os.path.join(REPO, "tests", "fixtures", "**", "*.yaml"), recursive=True)):
        if os.sep + "invalid" + os.sep in fw:
            continue
        folder = os.path.dirname(fw)
        for obs in sorted(glob.glob(os.path.join(folder, "*.jsonl")) + glob.glob(os.path.join(folder, "*.json"))):
            for as_of in (None, AS_OF):
                case = Case(os.path.relpath(fw, REPO) + " + " + os.path.basename(obs), ["--framework", fw], [obs],
                            as_of)
                if run("evaluate", *case.args, "--format", "json", check=False).returncode == 0:
                    cases.append(case)
                    break
    return cases


class Outputs:
    """Every output of one case that prints totals, read once."""

    def __init__(self, case: Case, units_for_rectify=None):
        self.case = case
        self.json = json.loads(run("evaluate", *case.args, "--format", "json").stdout)
        self.text = run("evaluate", *case.args).stdout.decode("utf-8")
        self.tables = {}
        for t in ("rankings", "scorecards", "county", "adjustments"):
            raw = run("report", *case.args, "--format", "csv", "--table", t, "--no-bom").stdout.decode("utf-8")
            self.tables[t] = list(csv.DictReader(io.StringIO(raw, newline="")))
        self.md = run("report", *case.args, "--format", "md").stdout.decode("utf-8")
        self.html = run("report", *case.args, "--format", "html").stdout.decode("utf-8")
        units = [u["id"] for u in self.json["units"]]
        if units_for_rectify is not None:
            units = units[:units_for_rectify]
        self.rectify = {u: run("rectify", u, *case.args).stdout.decode("utf-8") for u in units}


def json_breakdowns(res):
    """unit id (None: the county) -> the breakdown in hundredths, from the JSON, checked against itself."""
    out = {}
    for u in res["units"]:
        applied = sum(cents(a["delta"]) for a in u["adjustments"] if a["applied"])
        if not u["scored"]:
            for a in u["adjustments"]:
                assert a["applied"] is False and a["why"] == "not_scored", (u["id"], a)
            assert all(cents(p["lost"]) == 0 for p in u["points"]), u["id"]
            continue
        for a in u["adjustments"]:
            assert a["applied"] == (not u["vetoed"]), (u["id"], a)
            if not a["applied"]:
                assert a["why"] == "vetoed"
        m, t = cents(u["maximum"]), cents(u["total"])
        n, r, unc = cents(u["normalised"]), cents(u["rounding"]), cents(u["unclamped"])
        pts = sum(cents(p["lost"]) for p in u["points"])
        # the one rounding rule, checked with exact fractions
        raw = 0 if u["vetoed"] else cents(u["raw"])
        assert n == round_half_away(Fraction(raw * m, cents(u["possible"]))), (u["id"], n)
        assert unc == n + applied, u["id"]
        assert t == unc, u["id"]  # units are never clamped (docs/framework-format.md: cap_adjusted is the county's)
        assert m - n == pts + r, u["id"]
        for p in u["points"]:
            assert cents(p["lost"]) >= 0, (u["id"], p["id"])
            if p["status"] == "not_evaluated" and res["settings"]["not_evaluated"] == "skip":
                assert cents(p["lost"]) == 0, (u["id"], p["id"])
        out[u["id"]] = dict(maximum=m, total=t, points=pts, rounding=r, adjustments=applied, clamp=unc - t,
                            lost=m - t, normalised=n, raw=raw, possible=cents(u["possible"]))
    c = res["county"]
    if cents(c["possible"]) > 0:
        m, t, n = cents(res["framework"]["total"]), cents(c["total"]), cents(c["normalised"])
        unc = cents(c["unclamped"]) if c.get("clamped") else t
        applied = sum(cents(a["delta"]) for a in c["adjustments"])
        pts = sum(cents(p["lost"]) for p in c["points"])
        assert n == round_half_away(Fraction(cents(c["raw"]) * m, cents(c["possible"])))
        assert unc == n + applied
        if c.get("clamped"):
            assert t == min(max(unc, 0), m) and t != unc
        assert m - n == pts + cents(c["rounding"])
        out[None] = dict(maximum=m, total=t, points=pts, rounding=cents(c["rounding"]), adjustments=applied,
                         clamp=unc - t, lost=m - t, normalised=n, raw=cents(c["raw"]), possible=cents(c["possible"]))
    for key, b in out.items():
        assert b["maximum"] - b["total"] == b["points"] + b["rounding"] - b["adjustments"] + b["clamp"], key
    return out


def text_breakdown(block: str):
    """The breakdown a text block prints, or None: its three lines, checked against one another."""
    m = MAXIMUM_LINE.search(block)
    lost = LOST_LINE.search(block)
    norm = NORMALISED_LINE.search(block)
    if not m:
        assert not lost and not norm, block[:400]
        return None
    maximum, l1, total = (cents(x) for x in m.groups())
    l2, pts, r, adj, clamp = (cents(x) if x is not None else 0 for x in lost.groups())
    n, raw, m2, possible = (cents(x) for x in norm.groups())
    assert l1 == l2 and m2 == maximum, block[:400]
    assert maximum - l1 == total
    assert l1 == pts + r - adj + clamp, block[:400]
    return dict(maximum=maximum, total=total, points=pts, rounding=r, adjustments=adj, clamp=clamp, lost=l1,
                normalised=n, raw=raw, possible=possible)


def split_blocks(text: str, heading: re.Pattern, county_end: str):
    """unit id (None: the county) -> its block of text."""
    blocks = {None: text[:text.index(county_end)] if county_end in text else text}
    marks = [(mo.start(), mo.group(1)) for mo in heading.finditer(text)]
    for i, (start, uid) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        blocks[uid] = text[start:end]
    return blocks


def adjustments_in(block: str, pattern: re.Pattern):
    """The applied adjustments' deltas a text block lists, in hundredths."""
    return sum(cents(mo.group(1)) for mo in pattern.finditer(block) if "未计入" not in mo.group(0))


class ReconcileTest(unittest.TestCase):
    tmp: tempfile.TemporaryDirectory
    cases: list

    @classmethod
    def setUpClass(cls) -> None:
        cls.tmp = tempfile.TemporaryDirectory()
        tmp = cls.tmp.name
        cases = [(c, None) for c in fixture_cases()]
        sample = os.path.join(REPO, "data", "samples", "langao-2023-observations.jsonl")
        cases.append((Case("data/samples", [], [sample], AS_OF), None))
        # the sample with unit adjustments: applied, twice, with a note, to a unit full marks
        extra = os.path.join(tmp, "adjustments.jsonl")
        with open(extra, "w", encoding="utf-8") as f:
            for rec in ({"adjustment": "national-criticism", "unit": "城关镇", "observed": "2023-11-02",
                         "evidence": ["国办通报（示例）", "https://example.gov.cn/t/1"], "note": "示例"},
                        {"adjustment": "national-praise", "unit": "滔河镇", "evidence": "表扬（示例）"},
                        {"adjustment": "publication-reprint", "unit": "县人社局"}):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        cases.append((Case("data/samples + unit adjustments", [], [sample, extra], AS_OF), None))
        overlay = os.path.join(REPO, "examples", "county-overlay")
        cases.append((Case("examples/county-overlay",
                           ["--framework", os.path.join(overlay, "qingshan-2024.yaml"), "--extends-any"],
                           [os.path.join(overlay, "observations-2024.jsonl")], None), None))
        province = os.path.join(tmp, "province")
        subprocess.run([sys.executable, os.path.join(REPO, "bench", "gen_province.py"), "--scale", "0.02",
                        "--out", province], check=True, capture_output=True, timeout=300)
        cases.append((Case("synthetic province", ["--framework", os.path.join(province, "province.yaml")],
                           [os.path.join(province, "observations.jsonl")], "2024-01-15"), 25))
        cls.cases = cases

    @classmethod
    def tearDownClass(cls) -> None:
        cls.tmp.cleanup()

    def test_inputs(self) -> None:
        names = [c.name for c, _ in self.cases]
        # the fixtures that evaluate include the ones made for this
        for want in ("tests/fixtures/eval/fx.yaml + fx.jsonl", "tests/fixtures/reconcile/aggregate.yaml + "
                     "aggregate.jsonl", "tests/fixtures/reconcile/clamp.yaml + clamp-high.jsonl",
                     "tests/fixtures/reconcile/clamp.yaml + clamp-low.jsonl", "tests/fixtures/examples/mini.yaml + "
                     "mini.jsonl", "examples/county-overlay", "synthetic province"):
            self.assertIn(want, names)

    def test_every_output_reconciles(self) -> None:
        seen = {"clamp": 0, "rounding": 0, "not_applied": 0, "unit_adjustments": 0}
        for case, limit in self.cases:
            with self.subTest(case=case.name):
                out = Outputs(case, limit)
                want = json_breakdowns(out.json)
                self.check_csv(out, want)
                self.check_markdown(out, want)
                self.check_html(out, want)
                self.check_text(out, want)
                self.check_rectify(out, want)
                seen["clamp"] += sum(1 for b in want.values() if b["clamp"])
                seen["rounding"] += sum(1 for b in want.values() if b["rounding"])
                seen["not_applied"] += sum(1 for u in out.json["units"] for a in u["adjustments"] if not a["applied"])
                seen["unit_adjustments"] += sum(len(u["adjustments"]) for u in out.json["units"])
        # the property was tried on what it is about
        self.assertGreaterEqual(seen["clamp"], 2)
        self.assertGreater(seen["rounding"], 0)
        self.assertGreaterEqual(seen["not_applied"], 2)
        self.assertGreaterEqual(seen["unit_adjustments"], 8)

    # --- readers --------------------------------------------------------------------

    def check_csv(self, out: Outputs, want) -> None:
        rankings = out.tables["rankings"]
        # units not evaluated are listed under their ranking with no rank (docs/results.md, "Coverage")
        ranked = {row["单位编号"]: row for row in rankings if row["名次"] != ""}
        self.assertEqual(set(ranked), {u for u in want if u is not None})
        for row in rankings:
            if row["名次"] == "":
                self.assertEqual([row[k] for k in ("总分", "满分", "共失")], ["", "", ""], row["单位编号"])
        lost_by_unit = {}
        for row in out.tables["scorecards"]:
            lost_by_unit[row["单位编号"]] = lost_by_unit.get(row["单位编号"], 0) + cents(row["总分失分"])
        for uid, row in ranked.items():
            b = want[uid]
            got = dict(maximum=cents(row["满分"]), total=cents(row["总分"]), points=cents(row["评估点失分"]),
                       rounding=cents(row["舍入"]), adjustments=cents(row["加减分"]), clamp=cents(row["封顶"]),
                       lost=cents(row["共失"]), normalised=cents(row["折算得分"]))
            self.assertEqual(got, {k: b[k] for k in got}, uid)
            self.assertEqual(lost_by_unit.get(uid, 0), b["points"], uid)
        county = out.tables["county"]
        by_type = {}
        for row in county:
            by_type.setdefault(row["类型"], []).append(row)
        if None in want:
            b = want[None]
            self.assertEqual(cents(by_type["总分"][0]["得分"]), b["total"])
            self.assertEqual(cents(by_type["折算得分"][0]["得分"]), b["normalised"])
            self.assertEqual(cents(by_type["舍入"][0]["得分"]), b["rounding"])
            self.assertEqual(cents(by_type["共失"][0]["得分"]), b["lost"])
            self.assertEqual(sum(cents(r["得分"]) for r in by_type.get("加减分", [])), b["adjustments"])
            self.assertEqual(sum(cents(r["得分"]) for r in by_type.get("封顶", [])), b["clamp"])
            self.assertEqual(sum(cents(r["总分失分"]) for r in by_type["评估点"]), b["points"])
        # the adjustments table: every adjustment of the JSON, the county's first
        rows = out.tables["adjustments"]
        expect = [("全县", "", a["id"], cents(a["delta"]), "是", a["date"], "\n".join(a["evidence"]))
                  for a in out.json["county"]["adjustments"]]
        expect += [("单位", u["id"], a["id"], cents(a["delta"]), "是" if a["applied"] else "否", a["date"],
                    "\n".join(a["evidence"])) for u in out.json["units"] for a in u["adjustments"]]
        def unguarded(field):  # the CSV formula guard undone (docs/reports.md)
            return field[1:] if field.startswith("'") and re.match(r"[ \t\r\n]*[=+\-@]|[\t\r]", field[1:]) else field
        self.assertEqual([(r["范围"], r["单位编号"], r["加减分编号"], cents(r["分值"]), r["已计入"], r["日期"],
                           unguarded(r["证据"])) for r in rows], expect)

    def check_blocks(self, blocks, want, where: str, adjustment: re.Pattern, county_points=None) -> None:
        for uid, b in want.items():
            self.assertIn(uid, blocks, f"{where}: no section for {uid}")
            got = text_breakdown(blocks[uid])
            self.assertIsNotNone(got, f"{where}: no breakdown for {uid}")
            self.assertEqual(got, b, f"{where}: {uid}")
            self.assertEqual(adjustments_in(blocks[uid], adjustment), b["adjustments"], f"{where}: {uid}")
            if uid is not None:
                self.assertEqual(sum(cents(x) for x in POINT_LOST.findall(blocks[uid])), b["points"],
                                 f"{where}: {uid}")
            elif county_points is not None:
                self.assertEqual(county_points(blocks[None]), b["points"], f"{where}: the county")
        for uid, block in blocks.items():
            if uid not in want:
                self.assertIsNone(text_breakdown(block), f"{where}: {uid} has no total")

    def check_markdown(self, out: Outputs, want) -> None:
        text = re.sub(r"\\(.)", r"\1", out.md)  # Markdown's escapes undone
        blocks = split_blocks(text, re.compile(r"^### .*（([^（）]*)）$", re.M), "\n## 排名")

        def county_points(block):
            table = block.split("### 各评估点失分", 1)[1].split("\n### ", 1)[0] if "### 各评估点失分" in block else ""
            return sum(cents(mo.group(1)) for mo in re.finditer(r"^\| \S+ \| [-\d.]+ \| [\d.]+ \| ([\d.]+) \|$",
                                                                table, re.M))
        self.check_blocks(blocks, want, "markdown",
                          re.compile(r"^\s*- ([+-]\d+\.\d\d)  .*（[^（）]*，\d{4}-\d\d-\d\d[^）]*）$", re.M),
                          county_points)

    def check_html(self, out: Outputs, want) -> None:
        page = out.html
        # the county's adjustment rows give their delta in their own cell
        page = re.sub(r'<th>加减分</th><td class="num">([+-]\d+\.\d\d)</td><td>', r"\n加减分行 \1  ", page)
        county_cells = re.findall(r'<tr><td>[^<]*</td><td class="num">[-\d.]+</td><td class="num">[\d.]+</td>'
                                  r'<td class="num">([\d.]+)</td></tr>',
                                  page.split('<table class="losses">')[1].split("</table>")[0]
                                  if '<table class="losses">' in page else "")

        def as_text(part):
            return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<(li|br|p|tr|h3|h4)\b", r"\n<\1", part)))
        sections = page.split('<section class="unit"')
        blocks = {None: as_text(sections[0].split('<section id="rankings">')[0])}
        for part in sections[1:]:
            heading = html.unescape(re.search(r"<h3>(.*?)</h3>", part).group(1))
            blocks[re.findall(r"（([^（）]*)）", heading)[-1]] = as_text(part)
        self.check_blocks(blocks, want, "html",
                          re.compile(r"^(?:加减分行 )?([+-]\d+\.\d\d)  .*（[^（）]*，\d{4}-\d\d-\d\d[^）]*）$", re.M))
        if None in want:
            self.assertEqual(sum(cents(x) for x in county_cells), want[None]["points"])

    def check_text(self, out: Outputs, want) -> None:
        head, _, units = out.text.partition("\n各单位失分明细")
        blocks = split_blocks(units, re.compile(r"^[^\s（][^（\n]*（([^（）]*)）(?:：.*)?$", re.M), "\n")
        blocks[None] = head.split("排名：")[0]

        def county_points(block):
            line = re.search(r"各评估点失分：(.*)$", block, re.M)
            return sum(cents(x) for x in re.findall(r" (-?\d+\.\d\d)", line.group(1))) if line else 0
        self.check_blocks(blocks, want, "evaluate text",
                          re.compile(r"^  加减分 ([+-]\d+\.\d\d)  .*$", re.M), county_points)

    def check_rectify(self, out: Outputs, want) -> None:
        for uid, text in out.rectify.items():
            got = text_breakdown(text)
            if uid not in want:
                self.assertIsNone(got, uid)
                continue
            self.assertEqual(got, want[uid], f"rectify {uid}")
            self.assertEqual(sum(cents(x) for x in POINT_LOST.findall(text)), want[uid]["points"], uid)
            self.assertEqual(adjustments_in(text, re.compile(r"^\d+\. ([+-]\d+\.\d\d)  .*$", re.M)),
                             want[uid]["adjustments"], uid)
            # 共失 in the summary line is the maximum less the total
            summary = re.search(r"共失 " + NUM + r" 分", text)
            if summary:
                self.assertEqual(cents(summary.group(1)), want[uid]["lost"], uid)


if __name__ == "__main__":
    GOVOPEN = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
