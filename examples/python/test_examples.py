#!/usr/bin/env python3
"""Runs every Python example and checks its output (registered in tests/CMakeLists.txt).

Needs GOVOPEN_LIBRARY (the built library) and PYTHONPATH (bindings/python),
which ctest sets. The web service is started on a free port of 127.0.0.1,
called, and stopped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import unittest
import urllib.error
import urllib.request
from typing import Any, Dict, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
FX_YAML = os.path.join(REPO, "tests", "fixtures", "eval", "fx.yaml")
FX_JSONL = os.path.join(REPO, "tests", "fixtures", "eval", "fx.jsonl")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

BAD_YAML = """schema: 1
framework: {id: small, title: 小框架, total: 10}
units:
  - {id: a, name: 甲镇, kind: town}
  - {id: d, name: 县一局, kind: department, aliases: [县第一局]}
groups:
  - {id: towns, name: 各镇, kinds: [town]}
indicators:
  - title: 一
    points:
      - {id: P1, text: 文一, sampling: [模拟用户], responsible: [各镇, 县一局]}
      - {id: P2, text: 文二, score: 4, sampling: [电话抽查], responsible: [县第一局]}
  - title: 二
    score: 5
"""


def run(name: str, *args: str) -> Tuple[int, str, str]:
    """Runs examples/python/NAME with the test's environment."""
    p = subprocess.run([sys.executable, os.path.join(HERE, name), *args], capture_output=True, text=True,
                       timeout=120)
    return p.returncode, p.stdout, p.stderr


class ExamplesTest(unittest.TestCase):
    def setUp(self) -> None:
        lib = os.environ.get("GOVOPEN_LIBRARY", "")
        if not (lib and os.path.exists(lib)):
            if IN_CI:
                self.fail("GOVOPEN_LIBRARY does not name the built library")
            self.skipTest("GOVOPEN_LIBRARY is not set")
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def test_duties(self) -> None:
        code, out, err = run("duties.py", "县人社局")
        self.assertEqual(code, 0, err)
        lines = out.splitlines()
        self.assertEqual(lines[0], "县人社局 (renshe, department): 32 points, 40.34 of 100.00")
        self.assertEqual(lines[2], "P01  0.19  一、政府信息公开 > (一)主动公开 > 重点领域信息公开 > 基层政务公开事项标准目录公开及落实")
        self.assertIn("P04  0.19  一、政府信息公开 > (一)主动公开 > 重点领域信息公开 > 稳岗就业信息公开", lines)
        self.assertEqual(sum(1 for l in lines if l[:1] == "P"), 32)
        self.assertIn("     sampling: 政府网站、电话测评、现场测评   responsible: 各镇、县政府各部门、直属机构", lines)
        self.assertEqual(run("duties.py", "renshe")[1], out)  # by id: the same
        code, out, err = run("duties.py", "县一局", "--framework", FX_YAML)
        self.assertEqual(code, 0, err)
        self.assertEqual(out.splitlines()[0], "县一局 (d, department): 3 points, 33.00 of 100.00")
        self.assertEqual(run("duties.py", "县宣传部"), (1, "", "duties: no unit '县宣传部' in langao-2023\n"))

    def test_evaluate(self) -> None:
        code, out, err = run("evaluate.py", FX_JSONL, "--as-of", "2023-12-15", "--framework", FX_YAML)
        self.assertEqual(code, 0, err)
        self.assertEqual(err, "")
        d = json.loads(out)
        self.assertEqual(d["format"], 1)
        self.assertEqual(d["county"]["total"], 68.17)
        self.assertEqual(d["rankings"]["town"][0], {"rank": 1, "unit": "a", "name": "甲镇", "total": 78.52})
        self.assertEqual(d["observations"], {"accepted": 19, "rejected": 0})
        # a rejected observation is reported with its position, the rest still scored
        bad = os.path.join(self.tmp.name, "bad.jsonl")
        with open(bad, "w", encoding="utf-8") as f:
            f.write('{"unit": "甲镇", "point": "P1", "value": true}\n{"unit": "丁镇", "point": "P1", "value": true}\n')
        code, out, err = run("evaluate.py", bad, "--as-of", "2023-12-15", "--framework", FX_YAML)
        self.assertEqual(code, 0)
        self.assertEqual(err, f"{bad}:2:10: error: unknown unit '丁镇' (give its id, name or alias) [records[1].unit]\n")
        self.assertEqual(json.loads(out)["observations"], {"accepted": 1, "rejected": 1})
        code, out, err = run("evaluate.py", bad, "--as-of", "2023-02-30", "--framework", FX_YAML)
        self.assertEqual((code, out), (1, ""))
        self.assertTrue(err.startswith("evaluate: "), err)

    def test_validate(self) -> None:
        bad = os.path.join(self.tmp.name, "bad.yaml")
        with open(bad, "w", encoding="utf-8") as f:
            f.write(BAD_YAML)
        code, out, err = run("validate.py", bad)
        self.assertEqual(code, 1)
        self.assertEqual(out, "")
        lines = err.splitlines()
        self.assertEqual(lines[0], f"{bad}:12:49: unknown sampling method '电话抽查' (declare it under "
                                   "'sampling_methods' if the county uses it) [indicators[0].points[1].sampling[0]]")
        self.assertEqual(lines[-1], f"{bad}: invalid ({len(lines) - 1} error{'s' if len(lines) > 2 else ''})")
        self.assertGreaterEqual(len(lines), 2)
        code, out, err = run("validate.py", FX_YAML)
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(out, f"{FX_YAML}: ok: fx, 3 indicators, 11 points, 4 units, 1 groups\n")
        missing = os.path.join(self.tmp.name, "missing.yaml")
        code, out, err = run("validate.py", missing)
        self.assertEqual(code, 1)
        self.assertEqual(err.splitlines()[0], f"{missing}: cannot open the file: No such file or directory")


class ServerTest(unittest.TestCase):
    """The web service on a free port of 127.0.0.1: both endpoints, bad requests, then stopped."""

    proc: "subprocess.Popen[str]"
    base: str

    @classmethod
    def setUpClass(cls) -> None:
        lib = os.environ.get("GOVOPEN_LIBRARY", "")
        if not (lib and os.path.exists(lib)):
            if IN_CI:
                raise AssertionError("GOVOPEN_LIBRARY does not name the built library")
            raise unittest.SkipTest("GOVOPEN_LIBRARY is not set")
        cls.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "server.py"), "0"],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = cls.proc.stdout.readline() if cls.proc.stdout else ""
        if not line.startswith("serving on http://127.0.0.1:"):
            cls.proc.kill()
            _, err = cls.proc.communicate(timeout=30)
            raise AssertionError(f"the server did not start: {line!r} {err}")
        cls.base = line.split()[-1].rstrip("/")
        # never through a proxy: the service is on the loopback interface
        cls.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    @classmethod
    def tearDownClass(cls) -> None:
        cls.proc.terminate()
        try:
            cls.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            cls.proc.kill()
            cls.proc.communicate()

    def call(self, method: str, path: str, body: Optional[bytes] = None) -> Tuple[int, Dict[str, Any]]:
        req = urllib.request.Request(self.base + path, data=body, method=method,
                                     headers={"Content-Type": "application/json"} if body is not None else {})
        try:
            with self.opener.open(req, timeout=60) as resp:
                self.assertEqual(resp.headers["Content-Type"], "application/json; charset=utf-8")
                return resp.status, json.loads(resp.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            self.assertEqual(e.headers["Content-Type"], "application/json; charset=utf-8")
            return e.code, json.loads(e.read().decode("utf-8"))

    def test_port_and_address(self) -> None:
        port = int(self.base.rsplit(":", 1)[1])
        self.assertGreater(port, 0)
        self.assertTrue(self.base.startswith("http://127.0.0.1:"))

    def test_duties(self) -> None:
        status, d = self.call("GET", "/duties?unit=" + urllib.request.quote("县人社局"))
        self.assertEqual(status, 200)
        self.assertEqual(d["unit"], {"id": "renshe", "name": "县人社局", "kind": "department"})
        self.assertEqual(len(d["points"]), 32)
        p04 = next(p for p in d["points"] if p["id"] == "P04")
        self.assertEqual(p04["score"], 0.19)
        self.assertEqual([n["id"] for n in p04["path"]], ["1", "1.1", "1.1.1", "1.1.1.4"])
        self.assertEqual(self.call("GET", "/duties?unit=renshe")[1], d)

    def test_unknown_unit_is_404(self) -> None:
        status, d = self.call("GET", "/duties?unit=" + urllib.request.quote("县宣传部"))
        self.assertEqual((status, d), (404, {"error": "no unit '县宣传部' in langao-2023", "status": 404}))
        status, d = self.call("GET", "/duties")
        self.assertEqual(status, 400)
        self.assertIn("give one unit", d["error"])
        self.assertEqual(self.call("GET", "/nowhere")[0], 404)

    def test_evaluate(self) -> None:
        obs: List[Dict[str, Any]] = [
            {"unit": "县政府办", "point": "P60", "value": True, "evidence": "IPv6 检测报告"},
            {"unit": "城关镇", "point": "P74", "last_update": "2023-11-01", "monitored": "2023-12-15"},
            {"unit": "丁镇", "point": "P60", "value": True},
        ]
        body = json.dumps({"as_of": "2023-12-15", "observations": obs}, ensure_ascii=False).encode("utf-8")
        status, d = self.call("POST", "/evaluate", body)
        self.assertEqual(status, 200, d)
        r = d["result"]
        self.assertEqual(r["as_of"], "2023-12-15")
        self.assertEqual(r["observations"], {"accepted": 2, "rejected": 1})
        self.assertEqual(d["rejected"], [{"line": 3, "column": 10, "path": "records[2].unit",
                                          "message": "unknown unit '丁镇' (give its id, name or alias)"}])
        cg = next(u for u in r["units"] if u["name"] == "城关镇")
        p74 = next(p for p in cg["points"] if p["id"] == "P74")
        self.assertEqual((p74["status"], p74["score"]), ("scored", 0))
        self.assertEqual(p74["reasons"][0]["code"], "recency.stale")
        zfb = next(u for u in r["units"] if u["name"] == "县政府办")
        self.assertEqual(zfb["total"], 100)

    def test_bad_requests_are_400(self) -> None:
        cases = [
            (b"{not json", "the body is not JSON"),
            (b"[1, 2]", "the body must be a JSON object"),
            (b'{"observations": []}', "'as_of' (a YYYY-MM-DD string) is required"),
            (b'{"as_of": "2023-12-15", "observations": [1]}', "'observations' must be a list of objects"),
            (b'{"as_of": "2023-02-30", "observations": []}', "2023-02-30"),
            (b'{"as_of": "2023-12-15", "observations": [], "county": "max"}', "county must be one of"),
            (b'{"as_of": "2023-12-15", "observations": [], "colour": 1}', "unknown member 'colour'"),
        ]
        for body, message in cases:
            with self.subTest(body=body):
                status, d = self.call("POST", "/evaluate", body)
                self.assertEqual(status, 400, d)
                self.assertEqual(d["status"], 400)
                self.assertIn(message, d["error"])
        self.assertEqual(self.call("POST", "/duties", b"{}")[0], 404)


if __name__ == "__main__":
    unittest.main()
