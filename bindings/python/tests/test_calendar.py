"""Working-day calendars through the binding: the built-in cn calendar and a county's own."""

from __future__ import annotations

import datetime
import os
import unittest

from _support import FIXTURES, library

import govopen
from govopen import Calendar

D = datetime.date


class CalendarTest(unittest.TestCase):
    cal: Calendar

    @classmethod
    def setUpClass(cls) -> None:
        library()
        cls.cal = Calendar.builtin("cn")

    @classmethod
    def tearDownClass(cls) -> None:
        cls.cal.close()

    def test_metadata(self) -> None:
        self.assertEqual(Calendar.builtins(), ["cn"])
        self.assertEqual(self.cal.id, "cn")
        self.assertEqual((self.cal.first_year, self.cal.last_year), (2022, 2026))
        self.assertEqual(len(self.cal.provenance), 5)
        self.assertTrue(self.cal.provenance[1].startswith("国务院办公厅关于2023年部分节假日安排的通知"))
        self.assertEqual(repr(self.cal), "<Calendar cn 2022–2026>")

    def test_working_days(self) -> None:
        cal = self.cal
        self.assertEqual(cal.add_workdays("2023-09-28", 1), D(2023, 10, 7))  # an adjusted working Saturday
        self.assertEqual(cal.add_workdays(D(2023, 9, 25), 20), D(2023, 10, 27))
        self.assertEqual(cal.add_workdays("2023-04-20", 20), D(2023, 5, 19))
        self.assertEqual(cal.add_workdays("2023-04-20", 0), D(2023, 4, 20))
        self.assertEqual(cal.workdays_between("2023-09-28", "2023-10-09"), 3)
        self.assertEqual(cal.workdays_between(D(2023, 10, 9), D(2023, 9, 28)), 0)
        self.assertTrue(cal.is_workday("2023-10-07"))
        self.assertFalse(cal.is_workday(D(2023, 10, 2)))
        self.assertFalse(cal.is_workday(datetime.datetime(2023, 10, 1, 9, 30)))  # a datetime gives its date
        self.assertTrue(cal.is_workday("2023-10-09"))
        self.assertEqual(cal.add_days("2023-09-14", 15), D(2023, 10, 7))  # 09-29 is a holiday: rolled
        self.assertEqual(cal.add_days("2023-09-14", 15, roll=False), D(2023, 9, 29))
        self.assertEqual(cal.day_name("2023-10-07"), "中秋节、国庆节")
        self.assertEqual(cal.day_name("2023-10-02"), "中秋节、国庆节")
        self.assertEqual(cal.day_name("2023-10-09"), "")

    def test_bad_dates(self) -> None:
        cal = self.cal
        for bad in ("2023-1-5", "2023-02-29", "2023-13-01", "2023-01-05 ", ""):
            with self.subTest(bad):
                with self.assertRaises(govopen.InvalidArgumentError):
                    cal.is_workday(bad)
        with self.assertRaises(govopen.RangeError) as cm:
            cal.is_workday("2027-01-01")
        self.assertIn("2027-01-01 is outside the calendar 'cn', which covers 2022 to 2026", cm.exception.message)
        self.assertEqual(cm.exception.code, govopen.Status.ERANGE)
        with self.assertRaises(govopen.RangeError):
            cal.add_workdays("2026-12-30", 10)
        with self.assertRaises(govopen.RangeError):
            cal.day_name("2021-10-01")
        with self.assertRaises(govopen.InvalidArgumentError):
            cal.add_workdays("2023-01-05", -1)
        with self.assertRaises(govopen.InvalidArgumentError):
            cal.add_workdays("2023-01-05", 1 << 40)  # would not fit a C int
        with self.assertRaises(TypeError):
            cal.add_workdays("2023-01-05", 1.5)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            cal.is_workday(20230105)  # type: ignore[arg-type]

    def test_county_calendar(self) -> None:
        with Calendar.load(os.path.join(FIXTURES, "calendar", "county.yaml")) as cal:
            self.assertEqual((cal.id, cal.first_year, cal.last_year), ("test-county", 2023, 2024))
            self.assertEqual(len(cal.provenance), 6)
            self.assertEqual(cal.provenance[0], "示例县人民政府办公室关于县庆放假的通知（虚构）")
            self.assertFalse(cal.is_workday("2023-11-15"))  # the local day off
            self.assertEqual(cal.day_name("2023-11-15"), "县庆")
            self.assertTrue(cal.is_workday("2023-10-06"))  # worked locally
        self.assertTrue(cal.closed)
        with self.assertRaises(govopen.ClosedError):
            cal.is_workday("2023-11-15")
        cal.close()  # idempotent

    def test_from_string_and_errors(self) -> None:
        text = ("schema: 1\ncalendar: {id: mine, name: 我的, base: cn, years: [2023, 2023]}\n"
                "holidays:\n  - {name: 县庆, off: 2023-11-15}\n")
        cal = Calendar.from_string(text, source_name="mine.yaml")
        self.assertEqual(cal.name, "我的")
        self.assertFalse(cal.is_workday("2023-11-15"))
        with self.assertRaises(govopen.RangeError):
            cal.is_workday("2024-01-02")
        with self.assertRaises(govopen.SchemaError) as cm:
            Calendar.load(os.path.join(FIXTURES, "calendar", "invalid", "date-month-13.yaml"))
        self.assertGreater(cm.exception.line, 0)
        self.assertTrue(cm.exception.source.endswith("date-month-13.yaml"))
        with self.assertRaises(govopen.NotFoundError):
            Calendar.builtin("mars")
        with self.assertRaises(TypeError):
            Calendar(None)  # type: ignore[arg-type]


if __name__ == "__main__":
    unittest.main()
