"""govopen.diff / diff_text (framework diffs) and yaml_to_json / builtin_yaml (YAML as the library reads it)."""

from __future__ import annotations

import json
import os
import unittest

from _support import FIXTURES, read

import govopen
from govopen import Framework

OLD = os.path.join(FIXTURES, "diff", "old.yaml")
NEW = os.path.join(FIXTURES, "diff", "new.yaml")


class DiffTest(unittest.TestCase):
    def test_json(self) -> None:
        d = govopen.diff(OLD, NEW)
        self.assertEqual(d["format"], 1)
        self.assertEqual((d["a"]["id"], d["b"]["id"]), ("diff-2023", "diff-2024"))
        self.assertEqual(d["count"], 61)
        self.assertEqual(len(d["changes"]), 61)
        by = {(c["kind"], c.get("id"), c.get("field")): c for c in d["changes"]}
        self.assertEqual(by[("point.reworded", "P2", "text")]["new"], "答复是否及时、规范")
        self.assertEqual(by[("point.moved", "P4", "indicator")], {
            "kind": "point.moved", "id": "P4", "field": "indicator", "old": "1.2", "new": "2"})
        rule = by[("point.rule", "P2", "rule")]
        self.assertEqual(rule["old"]["limit"], {"workdays": 20})
        self.assertEqual(rule["new"]["limit"], {"workdays": 15})
        self.assertEqual(by[("point.removed", "P3", None)]["old"]["indicator"], "1.1")
        # frameworks, paths and builtin: ids alike
        with Framework.load(OLD) as a, Framework.load(NEW) as b:
            self.assertEqual(govopen.diff(a, b)["changes"], d["changes"])
            self.assertFalse(a.closed)

    def test_text(self) -> None:
        self.assertEqual(govopen.diff_text(OLD, NEW), read(os.path.join(FIXTURES, "diff", "old-new.txt")))
        en = govopen.diff_text(OLD, NEW, lang="en")
        self.assertIn("\n  ~ P2 reworded: 答复是否及时 → 答复是否及时、规范\n", en)
        self.assertTrue(en.endswith("\n61 changes.\n"))
        with self.assertRaises(ValueError):
            govopen.diff_text(OLD, NEW, lang="fr")

    def test_identical_and_builtin(self) -> None:
        d = govopen.diff("builtin:langao-2023", "builtin:langao-2023")
        self.assertEqual((d["count"], d["changes"]), (0, []))
        self.assertTrue(govopen.diff_text(OLD, OLD).endswith("\n没有变化。\n"))
        with self.assertRaises(govopen.NotFoundError):
            govopen.diff("builtin:nope", OLD)

    def test_yaml_to_json(self) -> None:
        text = govopen.yaml_to_json('a: "1"\nb: 1\nc: 1.5\nd: true\ne: ~\nf: [yes, +7]\n2: x\n')
        self.assertEqual(text, '{"a":"1","b":1,"c":1.5,"d":true,"e":null,"f":["yes",7],"2":"x"}')
        self.assertEqual(json.loads(govopen.yaml_to_json("a: [1]\n", pretty=True)), {"a": [1]})
        with self.assertRaises(govopen.ParseError) as cm:
            govopen.yaml_to_json("a: 1\na: 2\n", source_name="dup.yaml")
        self.assertEqual((cm.exception.source, cm.exception.line, cm.exception.column), ("dup.yaml", 2, 1))
        with self.assertRaises(govopen.LimitError):
            govopen.yaml_to_json("a: &x 1\nb: *x\n")
        self.assertEqual(govopen.yaml_to_json("a: &x 1\nb: *x\n", options=govopen.LoadOptions(max_aliases=1)),
                         '{"a":1,"b":1}')
        doc = json.loads(govopen.yaml_file_to_json(OLD))
        self.assertEqual(doc["framework"]["id"], "diff-2023")
        self.assertEqual(doc["units"][3]["code"], "001")  # quoted: a string

    def test_builtin_yaml(self) -> None:
        text = govopen.builtin_yaml("langao-2023")
        self.assertIn("id: langao-2023", text)
        with Framework.from_string(text) as fw:
            self.assertEqual(fw.id, "langao-2023")
        with self.assertRaises(KeyError):
            govopen.builtin_yaml("nope")


if __name__ == "__main__":
    unittest.main()
