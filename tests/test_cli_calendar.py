#!/usr/bin/env python3
"""End-to-end tests of `govopen calendar`: outputs and exit codes.

The expected dates and counts were worked out by hand from the State
Council's notices (see data/calendars/cn.yaml), not by running the tool.

usage: test_cli_calendar.py PATH/TO/govopen
"""
import os
import subprocess
import sys
import unittest

GOVOPEN = None
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures", "calendar")
COUNTY = os.path.join(FIXTURES, "county.yaml")

DAYS_2023 = """\
2023-01-01  Sun  off   元旦
2023-01-02  Mon  off   元旦
2023-01-21  Sat  off   春节
2023-01-22  Sun  off   春节
2023-01-23  Mon  off   春节
2023-01-24  Tue  off   春节
2023-01-25  Wed  off   春节
2023-01-26  Thu  off   春节
2023-01-27  Fri  off   春节
2023-01-28  Sat  work  春节
2023-01-29  Sun  work  春节
2023-04-05  Wed  off   清明节
2023-04-23  Sun  work  劳动节
2023-04-29  Sat  off   劳动节
2023-04-30  Sun  off   劳动节
2023-05-01  Mon  off   劳动节
2023-05-02  Tue  off   劳动节
2023-05-03  Wed  off   劳动节
2023-05-06  Sat  work  劳动节
2023-06-22  Thu  off   端午节
2023-06-23  Fri  off   端午节
2023-06-24  Sat  off   端午节
2023-06-25  Sun  work  端午节
2023-09-29  Fri  off   中秋节、国庆节
2023-09-30  Sat  off   中秋节、国庆节
2023-10-01  Sun  off   中秋节、国庆节
2023-10-02  Mon  off   中秋节、国庆节
2023-10-03  Tue  off   中秋节、国庆节
2023-10-04  Wed  off   中秋节、国庆节
2023-10-05  Thu  off   中秋节、国庆节
2023-10-06  Fri  off   中秋节、国庆节
2023-10-07  Sat  work  中秋节、国庆节
2023-10-08  Sun  work  中秋节、国庆节
2023: 249 working days, 116 days off
"""


def run(*args):
    p = subprocess.run([GOVOPEN, *args], capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def cal(*args):
    return run("calendar", *args)


class CalendarCliTest(unittest.TestCase):
    def ok(self, args, out):
        code, stdout, stderr = cal(*args)
        self.assertEqual((code, stdout, stderr), (0, out, ""), args)

    def invalid(self, args, err):
        code, stdout, stderr = cal(*args)
        self.assertEqual((code, stdout, stderr), (1, "", err), args)

    def usage(self, args, fragment):
        code, stdout, stderr = cal(*args)
        self.assertEqual(code, 2, args)
        self.assertEqual(stdout, "")
        self.assertIn(fragment, stderr)
        self.assertTrue(stderr.endswith("Try 'govopen calendar help'.\n"), stderr)

    # --- the four subcommands on the built-in calendar -----------------------

    def test_is_workday(self):
        self.ok(["is-workday", "2023-10-07"], "yes\n")  # a Saturday worked (调休)
        self.ok(["is-workday", "2023-10-06"], "no\n")  # 国庆节
        self.ok(["is-workday", "2023-10-09"], "yes\n")
        self.ok(["is-workday", "2023-09-23"], "no\n")  # an ordinary Saturday
        self.ok(["is-workday", "2022-12-31"], "no\n")  # 元旦 2023, from the 2023 notice
        self.ok(["is-workday", "2024-02-09"], "yes\n")  # 除夕 2024 was worked
        self.ok(["is-workday", "2025-01-28"], "no\n")  # 除夕 2025 was not

    def test_add_workdays(self):
        self.ok(["add-workdays", "2023-09-28", "1"], "2023-10-07\n")
        self.ok(["add-workdays", "2023-09-28", "3"], "2023-10-09\n")
        self.ok(["add-workdays", "2023-09-25", "20"], "2023-10-27\n")
        self.ok(["add-workdays", "2023-09-29", "0"], "2023-09-29\n")
        self.ok(["add-workdays", "2023-01-20", "1"], "2023-01-28\n")
        self.ok(["add-workdays", "2023-04-28", "1"], "2023-05-04\n")
        self.ok(["add-workdays", "2022-12-30", "1"], "2023-01-03\n")
        self.ok(["add-workdays", "2026-12-28", "3"], "2026-12-31\n")

    def test_workdays(self):
        self.ok(["workdays", "2023-09-28", "2023-10-09"], "3\n")
        self.ok(["workdays", "2023-09-28", "2023-10-06"], "0\n")
        self.ok(["workdays", "2023-10-09", "2023-09-28"], "0\n")
        self.ok(["workdays", "2023-04-20", "2023-05-10"], "13\n")
        self.ok(["workdays", "2022-01-01", "2026-12-31"], "1245\n")

    def test_days(self):
        self.ok(["days", "2023"], DAYS_2023)
        for year, summary in (("2022", "2022: 249 working days, 116 days off\n"),
                              ("2024", "2024: 251 working days, 115 days off\n"),
                              ("2025", "2025: 248 working days, 117 days off\n"),
                              ("2026", "2026: 248 working days, 117 days off\n")):
            code, out, err = cal("days", year)
            self.assertEqual((code, err), (0, ""))
            self.assertTrue(out.endswith(summary), out)
        _, out, _ = cal("days", "2022")
        lines = out.splitlines()
        self.assertEqual(lines[0], "2022-01-01  Sat  off   元旦")
        self.assertEqual(lines[-2], "2022-12-31  Sat  off   元旦")
        # the 2022 notice's 38 days (元旦 3, 春节 7+2, 清明 3+1, 劳动节 5+2, 端午 3, 中秋 3,
        # 国庆 7+2), 2022-12-31 from the 2023 notice, and the summary
        self.assertEqual(len(lines), 40)
        _, out, _ = cal("days", "2026")
        self.assertIn("2026-02-14  Sat  work  春节\n2026-02-15  Sun  off   春节\n", out)
        self.assertIn("2026-09-20  Sun  work  国庆节\n2026-09-25  Fri  off   中秋节\n", out)

    # --- options ------------------------------------------------------------------

    def test_options(self):
        self.ok(["is-workday", "--calendar", "cn", "2023-10-07"], "yes\n")
        self.ok(["is-workday", "2023-10-07", "--calendar=cn"], "yes\n")
        self.ok(["add-workdays", "--", "2023-09-28", "1"], "2023-10-07\n")

    def test_county_file(self):
        self.ok(["is-workday", "--calendar-file", COUNTY, "2023-11-15"], "no\n")
        self.ok(["is-workday", "--calendar-file", COUNTY, "2023-10-06"], "yes\n")
        self.ok(["add-workdays", "--calendar-file", COUNTY, "2023-09-28", "1"], "2023-10-06\n")
        code, out, err = cal("days", "2023", "--calendar-file", COUNTY)
        self.assertEqual((code, err), (0, ""))
        self.assertIn("2023-10-05  Thu  off   中秋节、国庆节\n2023-10-06  Fri  work  防汛值班\n", out)
        self.assertIn("2023-11-15  Wed  off   县庆\n", out)
        self.assertTrue(out.endswith("2023: 249 working days, 116 days off\n"))  # one day less, one more
        self.invalid(["is-workday", "--calendar-file", COUNTY, "2025-01-02"],
                     "govopen: the date 2025-01-02 is outside the calendar 'test-county', which covers 2023 to 2024\n")

    # --- invalid input: exit 1 ------------------------------------------------------

    def test_bad_dates(self):
        self.invalid(["is-workday", "2023-02-29"],
                     "govopen: invalid date '2023-02-29': the day 29 is not 01 to 28: 2023-02 has 28 days\n")
        self.invalid(["is-workday", "2023-1-5"], "govopen: invalid date '2023-1-5': expected a date as YYYY-MM-DD\n")
        self.invalid(["workdays", "2023-01-01", "2023-13-01"],
                     "govopen: invalid date '2023-13-01': the month 13 is not 01 to 12\n")

    def test_out_of_range(self):
        self.invalid(["is-workday", "2027-01-01"],
                     "govopen: the date 2027-01-01 is outside the calendar 'cn', which covers 2022 to 2026\n")
        self.invalid(["add-workdays", "2026-12-28", "4"],
                     "govopen: the 4th working day after 2026-12-28 is outside the calendar 'cn', "
                     "which covers 2022 to 2026\n")
        self.invalid(["days", "2021"],
                     "govopen: the date 2021-01-01 is outside the calendar 'cn', which covers 2022 to 2026\n")

    def test_bad_calendars(self):
        self.invalid(["is-workday", "--calendar", "cn-2027", "2023-10-07"],
                     "error: no built-in calendar 'cn-2027'\ngovopen: built-in calendars: cn\n")
        bad = os.path.join(FIXTURES, "invalid", "date-february-29.yaml")
        self.invalid(["is-workday", "--calendar-file", bad, "2023-10-07"],
                     f"{bad}:11:10: error: invalid date '2023-02-29': the day 29 is not 01 to 28: "
                     "2023-02 has 28 days [holidays[1].off]\n")
        several = os.path.join(FIXTURES, "invalid", "several-errors.yaml")
        code, out, err = cal("days", "2023", "--calendar-file", several)
        self.assertEqual((code, out), (1, ""))
        self.assertEqual(len(err.splitlines()), 3)
        code, out, err = cal("is-workday", "--calendar-file", os.path.join(FIXTURES, "none.yaml"), "2023-10-07")
        self.assertEqual((code, out), (1, ""))
        self.assertIn("none.yaml: error: cannot open the file", err)

    # --- wrong usage: exit 2 ----------------------------------------------------------

    def test_usage(self):
        code, out, err = cal()
        self.assertEqual((code, out), (2, ""))
        self.assertIn("usage: govopen calendar", err)
        self.usage(["frobnicate"], "unknown calendar subcommand 'frobnicate'")
        self.usage(["is-workday"], "calendar is-workday needs DATE")
        self.usage(["is-workday", "2023-10-07", "2023-10-08"], "calendar is-workday needs DATE")
        self.usage(["add-workdays", "2023-10-07"], "calendar add-workdays needs DATE N")
        self.usage(["add-workdays", "2023-10-07", "x"], "N must be a whole number from 0 to 100000, not 'x'")
        self.usage(["add-workdays", "2023-10-07", "--", "-1"], "N must be a whole number from 0 to 100000, not '-1'")
        self.usage(["workdays", "2023-10-07"], "calendar workdays needs DATE1 DATE2")
        self.usage(["days", "20x3"], "YEAR must be a year from 1 to 9999, not '20x3'")
        self.usage(["days", "2023", "--colour"], "unknown option '--colour' for calendar")
        self.usage(["days", "2023", "--calendar"], "option '--calendar' needs a value")
        self.usage(["days", "2023", "--calendar", "cn", "--calendar-file", COUNTY],
                   "give --calendar or --calendar-file, not both")

    def test_help(self):
        code, out, err = cal("help")
        self.assertEqual((code, err), (0, ""))
        self.assertIn("add-workdays DATE N", out)
        self.assertIn("--calendar-file FILE", out)
        code, out, _ = run("help")
        self.assertEqual(code, 0)
        self.assertIn("calendar SUBCOMMAND", out)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_cli_calendar.py PATH/TO/govopen")
    GOVOPEN = sys.argv.pop(1)
    unittest.main(verbosity=2)
