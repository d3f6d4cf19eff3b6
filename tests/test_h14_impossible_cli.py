#!/usr/bin/env python3
"""Issue 14, item 5, end to end: `govopen evaluate` refuses an impossible
observation with FILE:LINE:COLUMN, goes on with the rest, and prints the
effective limit in its reasons; nothing accepted exits 1.

usage: test_h14_impossible_cli.py PATH/TO/govopen
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

GOVOPEN = None
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures", "impossible")
FRAMEWORK = os.path.join(FIXTURES, "framework.yaml")


def evaluate(*obs, fmt="json"):
    args = [GOVOPEN, "evaluate", "--framework", FRAMEWORK, "--as-of", "2023-12-15", "--format", fmt]
    for o in obs:
        args += ["--observations", o]
    p = subprocess.run(args, capture_output=True, text=True, timeout=60, cwd=FIXTURES)
    return p.returncode, p.stdout, p.stderr


class ImpossibleCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.good = os.path.join(cls.tmp.name, "good.jsonl")
        with open(cls.good, "w", encoding="utf-8") as f:
            f.write(json.dumps({"unit": "甲镇", "point": "P1", "received": "2023-03-01",
                                "replied": "2023-04-26", "extended": 20}, ensure_ascii=False) + "\n")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_alone_exits_1(self):
        code, out, err = evaluate("reply-before-receipt.jsonl")
        self.assertEqual(code, 1)
        self.assertEqual(out, "")
        self.assertEqual(err.splitlines()[0],
                         "reply-before-receipt.jsonl:1:68: error: the sample cannot be judged: replied 2023-03-01 "
                         "is before received 2023-03-10; the observation is rejected [records[0].replied]")

    def test_rest_evaluated(self):
        code, out, err = evaluate("extension-too-long.csv", self.good)
        self.assertEqual(code, 0, err)
        self.assertEqual(err.splitlines()[0],
                         "extension-too-long.csv:2:30: error: the sample cannot be judged: extended 21 working days "
                         "is longer than the rule allows (at most 20 working days); the observation is rejected "
                         "[records[0].extended]")
        doc = json.loads(out)
        self.assertEqual(doc["observations"], {"accepted": 1, "rejected": 1})
        # the 40th working day after 2023-03-01, with the whole extension: on time
        cell = next(c for c in doc["units"][0]["points"] if c["id"] == "P1")
        self.assertEqual(cell["score"], 10)

    def test_effective_limit_in_text(self):
        late = os.path.join(self.tmp.name, "late.jsonl")
        with open(late, "w", encoding="utf-8") as f:
            f.write(json.dumps({"unit": "甲镇", "point": "P1", "received": "2023-03-01",
                                "replied": "2023-04-19", "paused": [{"from": "2023-03-02", "to": "2023-03-20"}]},
                               ensure_ascii=False) + "\n")
            f.write(json.dumps({"unit": "甲镇", "point": "P1", "received": "2023-03-01",
                                "replied": "2023-04-27", "extended": True}, ensure_ascii=False) + "\n")
        code, out, err = evaluate(late, fmt="text")
        self.assertEqual(code, 0, err)
        self.assertIn("2023-03-01→2023-04-19（限20个工作日，用时21个工作日（已扣除征求第三方意见13个工作日））", out)
        self.assertIn("2023-03-01→2023-04-27（限40个工作日（延长20个工作日），用时41个工作日）", out)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_h14_impossible_cli.py PATH/TO/govopen")
    GOVOPEN = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
