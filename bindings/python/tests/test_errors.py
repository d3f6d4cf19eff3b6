"""Errors: status codes as exception classes, every diagnostic with its exact position."""

from __future__ import annotations

import os
import tempfile
import unittest

from _support import FIXTURES, SMALL, library

import govopen
from govopen import Framework, Status

INVALID = os.path.join(FIXTURES, "invalid")

THREE_MISTAKES = """schema: 1
framework:
  id: t-2024
  title: 测试框架
  total: 10
  year: 二〇二四
units:
  - {id: u1, name: 城关镇, kind: town}
  - {id: u2, name: 县政府办, kind: county}
groups:
  - {id: towns, name: 各镇, kinds: [town]}
indicators:
  - title: 公开
    score: 10
    points:
      - {id: P1, text: 公开情况, sampling: [网站抽查], responsible: [各镇]}
"""


class ErrorsTest(unittest.TestCase):
    def setUp(self) -> None:
        library()
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def write(self, name: str, text: str) -> str:
        path = os.path.join(self.tmp.name, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_schema_error_position(self) -> None:
        bad = self.write("bad.yaml", SMALL.replace("sampling: [政府网站]", "sampling: [电话抽查]"))
        with self.assertRaises(govopen.SchemaError) as cm:
            Framework.load(bad)
        e = cm.exception
        message = "unknown sampling method '电话抽查' (declare it under 'sampling_methods' if the county uses it)"
        self.assertEqual((e.code, e.source, e.line, e.column), (Status.ESCHEMA, bad, 12, 49))
        self.assertEqual(e.path, "indicators[0].points[1].sampling[0]")
        self.assertEqual(e.message, message)
        self.assertEqual(e.status, "invalid document")
        self.assertEqual(str(e), f"{bad}:12:49: {message} [indicators[0].points[1].sampling[0]]")
        self.assertEqual(len(e.errors), 1)
        self.assertEqual(str(e.errors[0]), f"{bad}:12:49: error: {message} [indicators[0].points[1].sampling[0]]")
        self.assertIsInstance(e, govopen.GovOpenError)
        self.assertIsInstance(e, ValueError)

    def test_every_mistake_is_reported(self) -> None:
        with self.assertRaises(govopen.SchemaError) as cm:
            Framework.from_string(THREE_MISTAKES, source_name="limit.yaml")
        e = cm.exception
        got = [(d.line, d.column, d.path, d.severity, d.code, d.source) for d in e.errors]
        self.assertEqual(got, [
            (6, 9, "framework.year", "error", Status.ESCHEMA, "limit.yaml"),
            (9, 32, "units[1].kind", "error", Status.ESCHEMA, "limit.yaml"),
            (16, 41, "indicators[0].points[0].sampling[0]", "error", Status.ESCHEMA, "limit.yaml"),
        ])
        self.assertIn("expected an integer, found a string", e.errors[0].message)
        self.assertIn("unknown unit kind 'county'", e.errors[1].message)
        self.assertIn("unknown sampling method '网站抽查'", e.errors[2].message)
        self.assertEqual((e.line, e.column, e.path), (6, 9, "framework.year"))
        self.assertTrue(str(e).endswith("(and 2 more errors)"))

    def test_parse_error_position(self) -> None:
        path = os.path.join(INVALID, "yaml-bad-indentation.yaml")
        with self.assertRaises(govopen.ParseError) as cm:
            Framework.load(path)
        e = cm.exception
        self.assertEqual((e.code, e.line, e.column, e.path), (Status.EPARSE, 9, 4, ""))
        self.assertIn("did not find expected '-' indicator", e.message)
        with self.assertRaises(govopen.ParseError) as cm:
            Framework.from_string("schema: 1\nframework: [\n", source_name="open.yaml")
        self.assertEqual(cm.exception.source, "open.yaml")
        self.assertEqual(cm.exception.line, 3)

    def test_class_per_status(self) -> None:
        cases = [
            ("yaml-alias-refused.yaml", govopen.LimitError, 27, 19),
            ("schema-newer.yaml", govopen.VersionError, 1, 9),
            ("duplicate-mapping-key.yaml", govopen.ParseError, 6, 3),
            ("unknown-key-in-point.yaml", govopen.SchemaError, 25, 9),
            ("nul-in-string.yaml", govopen.SchemaError, 4, 10),
        ]
        for name, cls, line, column in cases:
            with self.subTest(name):
                with self.assertRaises(cls) as cm:
                    Framework.load(os.path.join(INVALID, name))
                self.assertEqual((cm.exception.line, cm.exception.column), (line, column))
                self.assertIs(type(cm.exception), cls)
                self.assertIs(govopen._errors.error_class(cm.exception.code), cls)

    def test_files(self) -> None:
        missing = os.path.join(self.tmp.name, "missing.yaml")
        with self.assertRaises(govopen.NotFoundError) as cm:
            Framework.load(missing)
        self.assertEqual(str(cm.exception), f"{missing}: cannot open the file: No such file or directory")
        with self.assertRaises(govopen.FileError) as cm2:
            Framework.load(self.tmp.name)  # a directory cannot be read
        self.assertIsInstance(cm2.exception, OSError)
        self.assertEqual(cm2.exception.code, Status.EIO)

    def test_unknown_builtin(self) -> None:
        with self.assertRaises(govopen.NotFoundError) as cm:
            Framework.builtin("nowhere")
        self.assertEqual(cm.exception.code, Status.ENOTFOUND)
        self.assertIn("no built-in framework 'nowhere'", str(cm.exception))
        with self.assertRaises(LookupError):
            govopen.Calendar.builtin("mars")

    def test_status_text(self) -> None:
        self.assertEqual(govopen.status_str(0), "success")
        self.assertEqual(govopen.status_str(Status.ENOTFOUND), "not found")
        for code in range(-11, 0):
            self.assertTrue(govopen.status_str(code))
            self.assertTrue(issubclass(govopen._errors.error_class(code), govopen.GovOpenError))
        self.assertIs(govopen._errors.error_class(-99), govopen.GovOpenError)
        self.assertTrue(govopen.status_str(-99))


if __name__ == "__main__":
    unittest.main()
