#!/usr/bin/env python3
"""A small province, end to end: the benchmark's generator (bench/gen_province.py,
synthetic data) at 7 counties × 40 units, evaluated with the JSON streamed out on
1, 2 and 3 threads. Threads split the reading of the file (it is over the 1 MiB
below which one thread reads) and the scoring of the units (there are more than
256): the output must be the same bytes whatever their number.

usage: test_province.py PATH/TO/govopen
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

GOVOPEN = None
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class ProvinceTest(unittest.TestCase):
    tmp: tempfile.TemporaryDirectory
    out: str

    @classmethod
    def setUpClass(cls) -> None:
        cls.tmp = tempfile.TemporaryDirectory()
        cls.out = os.path.join(cls.tmp.name, "w")
        subprocess.run([sys.executable, os.path.join(REPO, "bench", "gen_province.py"), "--scale", "0.065",
                        "--out", cls.out], check=True, capture_output=True, timeout=300)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.tmp.cleanup()

    def evaluate(self, jobs: int) -> bytes:
        path = os.path.join(self.tmp.name, f"result-{jobs}.json")
        p = subprocess.run([GOVOPEN, "evaluate", "--framework", os.path.join(self.out, "province.yaml"),
                            "--observations", os.path.join(self.out, "observations.jsonl"), "--as-of",
                            "2024-01-15", "--format", "json", "--output", path, "--jobs", str(jobs)],
                           capture_output=True, text=True, timeout=300)
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, "", ""))
        with open(path, "rb") as f:
            return f.read()

    def test_threads_give_the_same_bytes(self) -> None:
        with open(os.path.join(self.out, "workload.json"), encoding="utf-8") as f:
            workload = json.load(f)
        one = self.evaluate(1)
        result = json.loads(one)
        self.assertEqual(workload["units"], 280)
        self.assertEqual(len(result["units"]), 280)
        self.assertEqual(result["observations"], {"accepted": workload["records"], "rejected": 0})
        self.assertGreater(os.path.getsize(os.path.join(self.out, "observations.jsonl")), 1 << 20)
        for jobs in (2, 3):
            with self.subTest(jobs=jobs):
                self.assertEqual(self.evaluate(jobs), one)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_province.py PATH/TO/govopen")
    GOVOPEN = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
