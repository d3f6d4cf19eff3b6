"""Issue 15, item 7 through the binding: the built-ins under one pattern of
names (govopen_builtin_<thing>_<what>) and the date buffer's size."""

from __future__ import annotations

import ctypes
import datetime
import os
import re
import unittest

from _support import INCLUDE, REPO, library, read

import govopen
from govopen import Calendar, Framework
from govopen import _lib


class BuiltinNamesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        library()

    def test_framework_names_agree_with_the_first_ones(self) -> None:
        L = _lib.lib()
        self.assertEqual(L.govopen_builtin_framework_count(), 1)
        self.assertEqual(L.govopen_builtin_framework_count(), L.govopen_builtin_count())
        self.assertEqual(L.govopen_builtin_framework_id(0), b"langao-2023")
        self.assertEqual(L.govopen_builtin_framework_id(0), L.govopen_builtin_id(0))
        self.assertIsNone(L.govopen_builtin_framework_id(1))
        self.assertEqual(Framework.builtins(), ["langao-2023"])

    def test_framework_yaml_is_the_file_compiled_in(self) -> None:
        text = govopen.builtin_yaml("langao-2023")
        self.assertEqual(text, read(os.path.join(REPO, "data", "frameworks", "langao-2023.yaml")))
        n, old_n = ctypes.c_size_t(), ctypes.c_size_t()
        L = _lib.lib()
        self.assertEqual(L.govopen_builtin_framework_yaml(b"langao-2023", ctypes.byref(n)),
                         L.govopen_builtin_yaml(b"langao-2023", ctypes.byref(old_n)))
        self.assertEqual(n.value, old_n.value)
        self.assertEqual(n.value, len(text.encode("utf-8")))
        n.value = 7
        self.assertIsNone(L.govopen_builtin_framework_yaml(b"nowhere", ctypes.byref(n)))
        self.assertEqual(n.value, 0)
        self.assertIsNone(L.govopen_builtin_framework_yaml(None, None))
        with self.assertRaisesRegex(KeyError, "no built-in framework 'nowhere' \\(built-in: langao-2023\\)"):
            govopen.builtin_yaml("nowhere")

    def test_calendar_yaml(self) -> None:
        text = Calendar.builtin_yaml("cn")
        self.assertEqual(text, read(os.path.join(REPO, "data", "calendars", "cn.yaml")))
        # what a county copies loads as the built-in does
        with Calendar.from_string(text, "copy.yaml") as copy, Calendar.builtin("cn") as cn:
            self.assertEqual((copy.id, copy.first_year, copy.last_year), (cn.id, cn.first_year, cn.last_year))
            self.assertEqual(copy.add_workdays("2023-09-28", 1), datetime.date(2023, 10, 7))
        n = ctypes.c_size_t(7)
        self.assertIsNone(_lib.lib().govopen_builtin_calendar_yaml(b"mars", ctypes.byref(n)))
        self.assertEqual(n.value, 0)
        with self.assertRaisesRegex(KeyError, "no built-in calendar 'mars' \\(built-in: cn\\)"):
            Calendar.builtin_yaml("mars")


class EnumNamesTest(unittest.TestCase):
    def test_every_public_enum_has_a_type_name(self) -> None:
        """Every enum of the headers is `typedef enum govopen_X { ... } govopen_X;`, so that a
        new declaration can take it by name (docs/abi.md, "Enums")."""
        names = []
        for h in sorted(os.listdir(INCLUDE)):
            if not h.endswith(".h"):
                continue
            text = re.sub(r"/\*.*?\*/", " ", read(os.path.join(INCLUDE, h)), flags=re.S)
            self.assertEqual(len(re.findall(r"\benum\b", text)),
                             len(re.findall(r"\btypedef enum govopen_\w+ \{", text)), f"{h}: an enum without a name")
            for m in re.finditer(r"\btypedef enum (govopen_\w+) \{[^}]*\} (\w+);", text):
                self.assertEqual(m.group(1), m.group(2), f"{h}: enum {m.group(1)} is typedef'd as {m.group(2)}")
                names.append(m.group(1))
        self.assertEqual(sorted(names), ["govopen_aggregate", "govopen_cell_status", "govopen_eval_option",
                                         "govopen_format", "govopen_kind", "govopen_option", "govopen_reason_severity",
                                         "govopen_severity", "govopen_status", "govopen_table"])


class DateSizeTest(unittest.TestCase):
    def test_date_size_is_the_headers(self) -> None:
        common = read(os.path.join(INCLUDE, "common.h"))
        m = re.search(r"^#define GOVOPEN_DATE_SIZE (\d+)$", common, re.M)
        assert m is not None
        self.assertEqual(_lib.DATE_SIZE, int(m.group(1)))
        self.assertEqual(_lib.DATE_SIZE, len("YYYY-MM-DD") + 1)

    def test_dates_come_back_whole(self) -> None:
        library()
        with Calendar.builtin("cn") as cal:
            self.assertEqual(cal.add_days("2023-12-31", 0, roll=False), datetime.date(2023, 12, 31))
            self.assertEqual(cal.add_days("2023-09-29", 1), datetime.date(2023, 10, 7))


if __name__ == "__main__":
    unittest.main()
