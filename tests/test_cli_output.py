#!/usr/bin/env python3
"""The govopen tool's output files (issue 13, item 11): -o through a symbolic
link, a write that fails (a full disk: RLIMIT_FSIZE makes writes fail with
EFBIG; /dev/full with ENOSPC) leaving the old file or the old set of CSV
tables exactly as it was, and no temporary file behind.

usage: test_cli_output.py PATH/TO/govopen
"""
import os
import resource
import signal
import subprocess
import sys
import tempfile
import unittest

GOVOPEN = None
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SAMPLE = os.path.join(ROOT, "data", "samples", "langao-2023-observations.jsonl")
TABLES = ["adjustments.csv", "county.csv", "indicators.csv", "rankings.csv", "rectify.csv", "scorecards.csv"]

SMALL = """schema: 1
framework: {id: small, title: 小框架, total: 10, year: 2023, calendar: cn}
units:
  - {id: a, name: 甲镇, kind: town}
indicators:
  - title: 一
    score: 10
    points:
      - {id: P1, text: 文一, score: 10, sampling: [政府网站], responsible: [a], rule: {kind: boolean}}
"""


def fsize_limit(nbytes):
    """preexec_fn: writes past `nbytes` fail with EFBIG (SIGXFSZ ignored, as a
    full disk fails them with ENOSPC), no core file."""
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def run(*args, cwd=None, limit=None):
    p = subprocess.run([GOVOPEN, *args], capture_output=True, timeout=120, cwd=cwd,
                       preexec_fn=fsize_limit(limit) if limit else None)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def snapshot(d):
    """Every file of directory d: name -> bytes."""
    out = {}
    for n in sorted(os.listdir(d)):
        with open(os.path.join(d, n), "rb") as f:
            out[n] = f.read()
    return out


class OutputTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.d = self.tmp.name
        self.small = os.path.join(self.d, "small.yaml")
        with open(self.small, "w", encoding="utf-8") as f:
            f.write(SMALL)
        self.small_obs = os.path.join(self.d, "small.jsonl")
        with open(self.small_obs, "w", encoding="utf-8") as f:
            f.write('{"unit": "a", "point": "P1", "value": false}\n')

    def tearDown(self):
        self.tmp.cleanup()

    def small_report(self, *args, limit=None):
        return run("report", "--framework", self.small, "--observations", self.small_obs, "--as-of", "2023-12-15",
                   *args, limit=limit)

    def langao_report(self, *args, limit=None):
        return run("report", "--observations", SAMPLE, "--as-of", "2023-12-15", *args, limit=limit)

    # --- the CSV set: all new or all old ---------------------------------------------------

    def test_csv_set_full_disk_keeps_old_set(self):
        out = os.path.join(self.d, "tables")
        code, _, err = self.small_report("--format", "csv", "-o", out)
        self.assertEqual(code, 0, err)
        old = snapshot(out)
        self.assertEqual(sorted(old), TABLES)
        # the Langao sample's tables under a limit that the first tables fit in
        # and rectify.csv (the largest) does not
        sizes = {}
        full = os.path.join(self.d, "full")
        code, _, err = self.langao_report("--format", "csv", "-o", full)
        self.assertEqual(code, 0, err)
        for n in TABLES:
            sizes[n] = os.path.getsize(os.path.join(full, n))
        limit = sizes["rankings.csv"] + 1
        self.assertGreater(sizes["rectify.csv"], limit)
        self.assertGreater(limit, max(len(v) for v in old.values()))
        code, _, err = self.langao_report("--format", "csv", "-o", out, limit=limit)
        self.assertEqual(code, 1)
        self.assertRegex(err, r"^govopen: cannot write .*tables/\w+\.csv: File too large$")
        # every old table as it was, nothing new, no temporary file left
        self.assertEqual(snapshot(out), old)
        self.assertEqual(sorted(os.listdir(self.d)), ["full", "small.jsonl", "small.yaml", "tables"])
        # without the limit: the whole new set
        code, _, err = self.langao_report("--format", "csv", "-o", out)
        self.assertEqual(code, 0, err)
        self.assertEqual(snapshot(out), snapshot(full))

    def test_csv_set_new_directory_all_or_nothing(self):
        out = os.path.join(self.d, "new")
        code, _, err = self.langao_report("--format", "csv", "-o", out, limit=4096)
        self.assertEqual(code, 1)
        self.assertIn("File too large", err)
        # no directory half made, no hidden sibling left
        self.assertEqual(sorted(os.listdir(self.d)), ["small.jsonl", "small.yaml"])
        code, _, err = self.langao_report("--format", "csv", "-o", out + "/")
        self.assertEqual(code, 0, err)
        self.assertEqual(sorted(os.listdir(out)), TABLES)
        self.assertEqual(sorted(os.listdir(self.d)), ["new", "small.jsonl", "small.yaml"])

    def test_csv_set_keeps_other_files(self):
        out = os.path.join(self.d, "tables")
        os.mkdir(out)
        with open(os.path.join(out, "notes.txt"), "w") as f:
            f.write("mine\n")
        code, _, err = self.small_report("--format", "csv", "-o", out)
        self.assertEqual(code, 0, err)
        self.assertEqual(sorted(os.listdir(out)), sorted(TABLES + ["notes.txt"]))

    # --- single files ----------------------------------------------------------------------

    def test_single_file_full_disk_keeps_old_file(self):
        out = os.path.join(self.d, "report.html")
        code, _, err = self.small_report("--format", "html", "-o", out)
        self.assertEqual(code, 0, err)
        with open(out, "rb") as f:
            old = f.read()
        code, _, err = self.langao_report("--format", "html", "-o", out, limit=len(old) + 100)
        self.assertEqual(code, 1)
        self.assertRegex(err, r"^govopen: cannot write .*report\.html: File too large$")
        with open(out, "rb") as f:
            self.assertEqual(f.read(), old)
        self.assertEqual(sorted(os.listdir(self.d)), ["report.html", "small.jsonl", "small.yaml"])

    def test_dev_full(self):
        for args in (("report", "--format", "html"), ("evaluate",), ("rectify", "甲镇"),
                     ("report", "--format", "csv", "--table", "rankings")):
            code, _, err = run(*args, "--framework", self.small, "--observations", self.small_obs, "--as-of",
                               "2023-12-15", "-o", "/dev/full")
            self.assertEqual(code, 1, args)
            self.assertIn("govopen: cannot write /dev/full: No space left on device", err)
        code, _, err = run("plan", "--method", "政府网站", "--format", "csv", "--framework", self.small,
                           "-o", "/dev/full")
        self.assertEqual(code, 1)
        self.assertIn("govopen: cannot write /dev/full: No space left on device", err)

    # --- symbolic links: followed ------------------------------------------------------------

    def test_symlink_followed(self):
        real_dir = os.path.join(self.d, "2023")
        os.mkdir(real_dir)
        real = os.path.join(real_dir, "report.html")
        with open(real, "w") as f:
            f.write("old\n")
        os.chmod(real, 0o640)
        link = os.path.join(self.d, "latest.html")
        os.symlink(os.path.join("2023", "report.html"), link)
        code, _, err = self.small_report("--format", "html", "-o", link)
        self.assertEqual(code, 0, err)
        # the link stays a link, to the same file, which now holds the report with its mode kept
        self.assertTrue(os.path.islink(link))
        self.assertEqual(os.readlink(link), os.path.join("2023", "report.html"))
        with open(real, encoding="utf-8") as f:
            self.assertTrue(f.read().startswith("<!DOCTYPE html>"))
        self.assertEqual(os.stat(real).st_mode & 0o777, 0o640)
        self.assertEqual(sorted(os.listdir(real_dir)), ["report.html"])
        # every command's -o: evaluate, rectify, diff, convert, plan
        for args in (("evaluate", "--framework", self.small, "--observations", self.small_obs, "--as-of",
                      "2023-12-15"),
                     ("diff", self.small, self.small),
                     ("convert", self.small),
                     ("plan", "--method", "政府网站", "--format", "csv", "--framework", self.small)):
            code, _, err = run(*args, "-o", link)
            self.assertIn(code, (0,), (args, err))
            self.assertTrue(os.path.islink(link), args)
            self.assertEqual(sorted(os.listdir(real_dir)), ["report.html"], args)

    def test_symlink_to_directory_for_tables(self):
        real = os.path.join(self.d, "real")
        os.mkdir(real)
        link = os.path.join(self.d, "tables")
        os.symlink("real", link)
        code, _, err = self.small_report("--format", "csv", "-o", link)
        self.assertEqual(code, 0, err)
        self.assertTrue(os.path.islink(link))
        self.assertEqual(sorted(os.listdir(real)), TABLES)

    def test_dangling_symlink_refused(self):
        link = os.path.join(self.d, "out.html")
        os.symlink(os.path.join(self.d, "nowhere", "x.html"), link)
        code, _, err = self.small_report("--format", "html", "-o", link)
        self.assertEqual(code, 1)
        self.assertRegex(err, r"^govopen: cannot write .*out\.html: a symbolic link to nothing that exists "
                              r"\(No such file or directory\); give the file itself$")
        self.assertTrue(os.path.islink(link))
        self.assertFalse(os.path.exists(os.path.join(self.d, "nowhere")))

    # --- data on a terminal ------------------------------------------------------------------

    def test_csv_and_json_on_a_terminal_escaped(self):
        """CSV and JSON keep the input's bytes in a file or a pipe; on a terminal
        (a pty here) every control but the layout's LF, CRLF and tab is escaped."""
        import pty
        hostile = os.path.join(self.d, "hostile.yaml")
        with open(hostile, "w", encoding="utf-8") as f:
            # U+202E goes in the title: names refuse direction characters (issue 13, item 9)
            f.write(SMALL.replace("name: 甲镇", 'name: "甲镇\\e]0;pwned\\a"')
                    .replace("title: 小框架", 'title: "小框架\\u202E"'))
        args = ("report", "--format", "csv", "--table", "rankings", "--no-bom", "--framework", hostile,
                "--observations", self.small_obs, "--as-of", "2023-12-15")
        code, out, err = run(*args)
        self.assertEqual(code, 0, err)
        self.assertIn("甲镇\x1b]0;pwned\x07", out)  # a pipe: the data as it is
        for argv in (args, ("show", "--format", "json", "--framework", hostile)):
            master, slave = pty.openpty()
            p = subprocess.Popen([GOVOPEN, *argv], stdout=slave, stderr=subprocess.PIPE)
            os.close(slave)
            chunks = []
            while True:
                try:
                    b = os.read(master, 65536)
                except OSError:
                    break
                if not b:
                    break
                chunks.append(b)
            os.close(master)
            self.assertEqual(p.wait(timeout=60), 0, p.stderr.read())
            p.stderr.close()
            shown = b"".join(chunks)
            self.assertNotIn(b"\x1b", shown, argv)
            self.assertNotIn(b"\x07", shown, argv)
            self.assertNotIn("\u202e".encode(), shown, argv)
            self.assertIn("甲镇\\x1b]0;pwned\\x07".encode() if argv[0] == "report"
                          else "甲镇\\u001b]0;pwned\\u0007".encode(), shown, argv)
            if argv[0] == "show":
                self.assertIn("小框架\\u202e".encode(), shown, argv)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    GOVOPEN = os.path.abspath(sys.argv.pop(1))
    unittest.main()
