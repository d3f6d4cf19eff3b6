"""Which files an overlay's ``extends`` may read (issue 13): LoadOptions.extends_root and
extends_files, and the string options underneath (govopen_options_set_string / _get_string)."""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
import unittest

from _support import FIXTURES, library

import govopen
from govopen import Framework, LoadOptions, _lib

BASE = os.path.join(FIXTURES, "overlay", "base.yaml")
EXTENDS_ROOT = 15  # GOVOPEN_OPT_EXTENDS_ROOT
EXTENDS_FILES = 11  # GOVOPEN_OPT_EXTENDS_FILES


def write(path: str, text: str) -> str:
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


class StringOptionsTest(unittest.TestCase):
    """The C functions as the binding declares them."""

    def setUp(self) -> None:
        library()
        self.L = _lib.lib()
        self.opts = _lib.OPTIONS()
        self.assertEqual(self.L.govopen_options_new(ctypes.byref(self.opts)), 0)

    def tearDown(self) -> None:
        self.L.govopen_options_free(self.opts)

    def get(self, option: int = EXTENDS_ROOT) -> "tuple[int, bytes | None]":
        out = ctypes.c_void_p(1)  # set to NULL or the borrowed string
        rc = self.L.govopen_options_get_string(self.opts, option, ctypes.byref(out))
        return rc, None if out.value is None else ctypes.string_at(out.value)

    def test_round_trip(self) -> None:
        self.assertEqual(self.get(), (0, None))  # the default: the loaded file's directory
        self.assertEqual(self.L.govopen_options_set_string(self.opts, EXTENDS_ROOT, b"/srv/county"), 0)
        self.assertEqual(self.get(), (0, b"/srv/county"))
        self.assertEqual(self.L.govopen_options_set_string(self.opts, EXTENDS_ROOT, None), 0)
        self.assertEqual(self.get(), (0, None))

    def test_refused(self) -> None:
        EINVALID = govopen.Status.EINVALID
        self.assertEqual(self.L.govopen_options_set_string(self.opts, EXTENDS_ROOT, b""), EINVALID)
        self.assertEqual(self.L.govopen_options_set_string(self.opts, EXTENDS_ROOT, b"x" * 4096), EINVALID)
        self.assertEqual(self.L.govopen_options_set_string(self.opts, EXTENDS_FILES, b"1"), EINVALID)
        self.assertEqual(self.L.govopen_options_set_string(None, EXTENDS_ROOT, b"/"), EINVALID)
        self.assertEqual(self.get(EXTENDS_FILES), (EINVALID, None))
        self.assertEqual(self.get(), (0, None))  # unchanged by the refusals
        self.assertEqual(self.L.govopen_options_set_int(self.opts, EXTENDS_FILES, 2), 0)
        self.assertEqual(self.L.govopen_options_set_int(self.opts, EXTENDS_FILES, 3), EINVALID)


class ExtendsRootTest(unittest.TestCase):
    """A county's folder: 2023/base.yaml, and 2024/ov.yaml extending ../2023/base.yaml."""

    def setUp(self) -> None:
        library()
        self.county = tempfile.mkdtemp(prefix="govopen-county-")
        os.mkdir(os.path.join(self.county, "2023"))
        os.mkdir(os.path.join(self.county, "2024"))
        shutil.copy(BASE, os.path.join(self.county, "2023", "base.yaml"))
        self.ov = write(os.path.join(self.county, "2024", "ov.yaml"),
                        "schema: 1\nextends: ../2023/base.yaml\nframework: {id: c-2024}\n")

    def tearDown(self) -> None:
        shutil.rmtree(self.county)

    def test_default_root_is_the_files_directory(self) -> None:
        with self.assertRaises(govopen.SchemaError) as cm:
            Framework.load(self.ov)
        e = cm.exception
        self.assertEqual((e.source, e.line, e.column, e.path), (self.ov, 2, 10, "extends"))
        self.assertTrue(e.message.startswith("cannot read the base '../2023/base.yaml': it is outside the extends root"),
                        e.message)

    def test_root_and_any(self) -> None:
        fw = Framework.load(self.ov, options=LoadOptions(extends_root=self.county))
        self.assertEqual((fw.id, len(fw.points)), ("c-2024", 4))
        # strict=True keeps the other options
        self.assertEqual(Framework.load(self.ov, strict=True, options=LoadOptions(extends_root=self.county)).id,
                         "c-2024")
        self.assertEqual(Framework.load(self.ov, options=LoadOptions(extends_files="any")).id, "c-2024")
        with self.assertRaises(govopen.SchemaError) as cm:
            Framework.load(self.ov, options=LoadOptions(extends_files=False, extends_root=self.county))
        self.assertIn("files may not be extended here", cm.exception.message)

    def test_never_a_pipe(self) -> None:
        fifo = os.path.join(self.county, "2024", "fifo")
        os.mkfifo(fifo)
        ov = write(os.path.join(self.county, "2024", "pipe.yaml"), "schema: 1\nextends: fifo\n")
        for opts in (LoadOptions(), LoadOptions(extends_files="any")):
            with self.assertRaises(govopen.SchemaError) as cm:
                Framework.load(ov, options=opts)
            e = cm.exception
            self.assertEqual((e.line, e.column, e.message),
                             (2, 10, "cannot read the base 'fifo': it is a named pipe, not a regular file"))

    def test_bad_values(self) -> None:
        with self.assertRaises(govopen.InvalidArgumentError):
            Framework.load(self.ov, options=LoadOptions(extends_files="everything"))  # type: ignore[arg-type]
        with self.assertRaises(govopen.InvalidArgumentError):
            Framework.load(self.ov, options=LoadOptions(extends_root=""))


if __name__ == "__main__":
    unittest.main()
