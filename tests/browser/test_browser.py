#!/usr/bin/env python3
"""The HTML report in a real browser: writes reports with the tool and has
headless Chromium (Debian's chromium, driven by playwright-core from npm,
tests/browser/package-lock.json) open each one (check_report.mjs): no console
errors, the charts' SVG present and sized, no two labels overlapping, Chinese
drawn in a CJK font, a screenshot saved.

  - the Langao sample, in Chinese and in English;
  - a SYNTHETIC 50-unit report (bench/gen_province.py --units 50);
  - the hostile fixture (tests/fixtures/report/inject.*): nothing it holds may
    run or load.

usage: test_browser.py PATH/TO/govopen WORK_DIR

It needs node, npm, Chromium and fonts-noto-cjk (scripts/setup.sh --browser
installs them) and the npm registry once, for playwright-core. Outside CI a
missing one skips the test loudly (exit 77, which ctest reports as skipped);
under CI (CI=true) it fails.
"""
import json
import os
import shutil
import subprocess
import sys
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(REPO, "tests", "browser")
SKIP = 77
GOVOPEN = ""
WORK = ""
SAMPLE = os.path.join(REPO, "data", "samples", "langao-2023-observations.jsonl")


def chromium() -> str:
    path = os.environ.get("GOVOPEN_CHROMIUM") or "/usr/bin/chromium"
    return path if os.access(path, os.X_OK) else ""


def unavailable(why: str) -> None:
    """Fails under CI; elsewhere skips, loudly."""
    if os.environ.get("CI") == "true":
        print(f"browser test: {why}; under CI it must run (scripts/setup.sh --browser)", file=sys.stderr)
        sys.exit(1)
    bar = "!" * 78
    print(f"{bar}\nSKIPPED: the browser test did not run: {why}.\n"
          f"Install what it needs with: scripts/setup.sh --browser\n{bar}", file=sys.stderr)
    sys.exit(SKIP)


def prepare() -> None:
    """node, npm and Chromium present; playwright-core installed under WORK."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            unavailable(f"'{tool}' is not installed")
    if not chromium():
        unavailable("Chromium is not installed at /usr/bin/chromium (or $GOVOPEN_CHROMIUM)")
    os.makedirs(WORK, exist_ok=True)
    lock = os.path.join(HERE, "package-lock.json")
    with open(lock, encoding="utf-8") as f:
        want = json.load(f)["packages"]["node_modules/playwright-core"]["version"]
    installed = os.path.join(WORK, "node_modules", "playwright-core", "package.json")
    have = None
    if os.path.exists(installed):
        with open(installed, encoding="utf-8") as f:
            have = json.load(f).get("version")
    if have != want:
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(os.path.join(HERE, name), os.path.join(WORK, name))
        p = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=WORK,
                           capture_output=True, text=True, timeout=600, check=False)
        if p.returncode != 0:
            unavailable(f"'npm ci' of playwright-core {want} failed: {p.stderr.strip()[-500:]}")


def govopen(*args: str) -> None:
    p = subprocess.run([GOVOPEN, *args], capture_output=True, text=True, timeout=300, check=False)
    if p.returncode != 0:
        raise AssertionError(f"govopen {' '.join(args)}: exit {p.returncode}\n{p.stderr}")


class BrowserTest(unittest.TestCase):
    def check(self, html: str, *options: str) -> dict:
        """Opens `html` in Chromium; the facts check_report.mjs measured."""
        shot = html[:-len(".html")] + ".png"
        # run from WORK, where its import of playwright-core resolves
        script = os.path.join(WORK, "check_report.mjs")
        shutil.copyfile(os.path.join(HERE, "check_report.mjs"), script)
        p = subprocess.run(["node", script, html, shot, *options], capture_output=True, text=True, timeout=300,
                           check=False, cwd=WORK)
        self.assertEqual(p.returncode, 0, f"{html}:\n{p.stderr}")
        facts: dict = json.loads(p.stdout)
        self.assertGreater(facts["screenshotBytes"], 10000)
        return facts

    def test_langao(self) -> None:
        for lang in ("zh", "en"):
            html = os.path.join(WORK, f"langao-2023.{lang}.html")
            govopen("report", "--format", "html", "--lang", lang, "--observations", SAMPLE, "--as-of", "2023-12-15",
                    "-o", html)
            facts = self.check(html, "--charts", "6")
            # every scored unit ranked once; the 39 units each have a section
            self.assertEqual(facts["unitLabels"], facts["rankingRows"])
            self.assertEqual(facts["units"], 39)
            self.assertEqual([c["id"] for c in facts["charts"]],
                             ["chart-indicators"] + [f"chart-ranking-{k}" for k in range(5)])
            self.assertEqual(facts["charts"][0]["labels"], 5)
            self.assertEqual(facts["charts"][1]["labels"], 12)

    def test_fifty_units(self) -> None:
        data = os.path.join(WORK, "p50")
        subprocess.run([sys.executable, os.path.join(REPO, "bench", "gen_province.py"), "--units", "50", "--out",
                        data], check=True, capture_output=True, timeout=300)
        html = os.path.join(WORK, "fifty-units.html")
        govopen("report", "--format", "html", "--framework", os.path.join(data, "province.yaml"), "--observations",
                os.path.join(data, "observations.jsonl"), "--as-of", "2024-01-15", "-o", html)
        facts = self.check(html, "--min-units", "50", "--charts", "4")
        self.assertEqual(facts["unitLabels"], 50)
        self.assertEqual([c["labels"] for c in facts["charts"]], [5, 22, 24, 4])

    def test_hostile(self) -> None:
        fx = os.path.join(REPO, "tests", "fixtures", "report")
        html = os.path.join(WORK, "inject.html")
        govopen("report", "--format", "html", "--framework", os.path.join(fx, "inject.yaml"), "--observations",
                os.path.join(fx, "inject.jsonl"), "--as-of", "2023-12-15", "-o", html)
        facts = self.check(html)
        self.assertEqual(facts["scripts"], 0)
        self.assertEqual(facts["title"], "=cmd|' /C calc'!A0：评估报告")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    GOVOPEN, WORK = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    prepare()
    unittest.main(argv=sys.argv[:1], verbosity=2)
