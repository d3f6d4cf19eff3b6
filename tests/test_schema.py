#!/usr/bin/python3
"""docs/schema/framework.schema.json kept true: every framework the project ships
(data/frameworks/, examples/, docs/framework-format.md's examples) and every
fixture the library loads is valid against it, and documents the library refuses
for their shape are invalid against it (the schema is not vacuous).

Each document is converted by the tool itself (`govopen convert FILE --to json`),
so the validator sees the values exactly as the library types them.

usage: /usr/bin/python3 test_schema.py PATH/TO/govopen

Needs Debian's python3-jsonschema (scripts/setup.sh): without it the test is
skipped (exit 77) outside CI and fails under CI=true.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SCHEMA = os.path.join(REPO, "docs", "schema", "framework.schema.json")
GOVOPEN = None

try:
    import jsonschema
except ImportError:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        print("test_schema: the jsonschema module is missing under CI (apt-get install python3-jsonschema)",
              file=sys.stderr)
        sys.exit(1)
    print("SKIP test_schema: no jsonschema module for", sys.executable,
          "(scripts/setup.sh installs python3-jsonschema)", file=sys.stderr)
    sys.exit(77)

# Invalid for their shape: each must be refused by the schema, and by the library.
BASE = """schema: 1
framework: {id: bad, title: 坏框架, total: 4}
units:
  - {id: a, name: 甲镇, kind: town}
indicators:
  - title: 一
    points:
      - {id: P1, text: 文一, sampling: [政府网站], responsible: [甲镇]}
"""
INVALID = {
    "unknown top-level key": BASE + "bogus: 1\n",
    "unknown key in a unit": BASE.replace("kind: town}", "kind: town, colour: red}"),
    "bad unit kind": BASE.replace("kind: town", "kind: village"),
    "missing indicator title": BASE.replace("  - title: 一\n", "  - label: 一、\n"),
    "missing point text": BASE.replace("text: 文一, ", ""),
    "number where an id goes": BASE.replace("id: bad,", "id: 2024,"),
    "string where a score goes": BASE.replace("total: 4", 'total: "4"'),
    "children and points": BASE.replace("    points:\n", "    children: [{title: 二, points: []}]\n    points:\n"),
    "unknown rule kind": BASE.replace("responsible: [甲镇]}", "responsible: [甲镇], rule: {kind: guess}}"),
    "unknown rule parameter": BASE.replace("responsible: [甲镇]}", "responsible: [甲镇], rule: {kind: boolean, items: [x]}}"),
    "a checklist without items": BASE.replace("responsible: [甲镇]}", "responsible: [甲镇], rule: {kind: checklist}}"),
    "a deadline with two spans": BASE.replace("responsible: [甲镇]}",
                                              "responsible: [甲镇], rule: {kind: deadline, limit: {days: 1, hours: 2}}}"),
    "empty sampling": BASE.replace("sampling: [政府网站]", "sampling: []"),
    "schema 2": BASE.replace("schema: 1", "schema: 2"),
    "overlay with an unknown key": "schema: 1\nextends: langao-2023\nbogus: 1\n",
    "overlay point change with an unknown key": "schema: 1\nextends: langao-2023\npoints:\n  P05: {txt: 新}\n",
    "overlay remove of an unknown section": "schema: 1\nextends: langao-2023\nremove: {rules: [x]}\n",
}


def convert(path=None, text=None):
    """The document as the tool types it, parsed."""
    args = [GOVOPEN, "convert", path or "/dev/stdin", "--to", "json"]
    p = subprocess.run(args, input=text, capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise AssertionError(f"govopen convert {path or '<text>'} failed: {p.stderr}")
    return json.loads(p.stdout)


def loads(path):
    """Whether the library loads the framework (or overlay) at `path`."""
    p = subprocess.run([GOVOPEN, "validate", path], capture_output=True, text=True, timeout=60)
    return p.returncode == 0


def doc_examples():
    """The framework documents written out in the docs (yaml blocks that start one)."""
    out = []
    for md in [os.path.join(REPO, "docs", "framework-format.md"), os.path.join(REPO, "docs", "county-guide.md")]:
        if not os.path.exists(md):
            continue
        with open(md, encoding="utf-8") as f:
            text = f.read()
        for i, m in enumerate(re.finditer(r"```yaml\n(.*?)```", text, re.S)):
            if re.search(r"^schema: 1$", m.group(1), re.M):
                out.append((f"{os.path.relpath(md, REPO)} example {i}", m.group(1)))
    return out


class SchemaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(SCHEMA, encoding="utf-8") as f:
            cls.schema = json.load(f)
        jsonschema.Draft7Validator.check_schema(cls.schema)
        cls.validator = jsonschema.Draft7Validator(cls.schema, format_checker=jsonschema.FormatChecker())

    def assert_valid(self, name, doc):
        errors = sorted(self.validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        self.assertEqual([], [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors], name)

    def test_bundled_frameworks_and_examples(self):
        paths = sorted(glob.glob(os.path.join(REPO, "data", "frameworks", "*.yaml")))
        paths += sorted(glob.glob(os.path.join(REPO, "tests", "fixtures", "valid", "*.yaml")))
        paths += sorted(glob.glob(os.path.join(REPO, "examples", "**", "*.yaml"), recursive=True))
        self.assertTrue(any(p.endswith("langao-2023.yaml") for p in paths))
        checked = 0
        for path in paths:
            doc = convert(path)
            if not (isinstance(doc, dict) and "schema" in doc):
                continue  # not a framework (observations, a calendar …)
            with self.subTest(path=os.path.relpath(path, REPO)):
                self.assert_valid(path, doc)
                checked += 1
        overlays = glob.glob(os.path.join(REPO, "examples", "county-overlay", "*.yaml"))
        self.assertGreaterEqual(checked, 1 + len([p for p in overlays if "extends" in convert(p)]))

    def test_documented_examples(self):
        examples = doc_examples()
        self.assertTrue(examples, "no framework example found in docs/framework-format.md")
        for name, text in examples:
            with self.subTest(example=name):
                self.assert_valid(name, convert(text=text))

    def test_every_fixture_the_library_loads(self):
        """Whatever the loader accepts, the schema accepts."""
        checked = 0
        for path in sorted(glob.glob(os.path.join(HERE, "fixtures", "**", "*.yaml"), recursive=True)):
            if "/invalid/" in path:
                continue
            try:
                doc = convert(path)
            except AssertionError:
                continue  # malformed on purpose
            if not (isinstance(doc, dict) and "schema" in doc) or not loads(path):
                continue
            with self.subTest(path=os.path.relpath(path, REPO)):
                self.assert_valid(path, doc)
                checked += 1
        self.assertGreater(checked, 5)

    def test_invalid_documents_are_refused(self):
        with tempfile.TemporaryDirectory() as tmp:
            for name, text in INVALID.items():
                with self.subTest(case=name):
                    doc = convert(text=text)
                    self.assertFalse(self.validator.is_valid(doc), f"the schema accepts: {name}")
                    path = os.path.join(tmp, "doc.yaml")
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(text)
                    self.assertFalse(loads(path), f"the library accepts: {name}")
        self.assertTrue(self.validator.is_valid(convert(text=BASE)))

    def test_fixtures_refused_for_their_shape(self):
        """Invalid fixtures whose mistake is one of shape or type fail the schema too."""
        for name in ["unknown-key-in-framework", "unknown-key-in-adjustment", "unknown-key-in-grade",
                     "missing-framework-id", "missing-framework-total", "missing-indicator-title",
                     "missing-point-responsible", "missing-point-sampling", "missing-point-text", "missing-schema",
                     "missing-unit-kind", "missing-units", "negative-score", "null-title", "invalid-id-syntax",
                     "number-where-string-expected", "string-where-number-expected", "unknown-aggregate",
                     "indicator-children-and-points", "indicator-neither", "points-empty-list", "schema-newer",
                     "group-without-members", "adjustment-delta-zero", "rule-without-kind", "open-yes"]:
            path = os.path.join(HERE, "fixtures", "invalid", name + ".yaml")
            if not os.path.exists(path):
                continue
            with self.subTest(fixture=name):
                self.assertFalse(self.validator.is_valid(convert(path)), name)


if __name__ == "__main__":
    GOVOPEN = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
