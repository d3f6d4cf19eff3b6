"""Issue 14, items 8 and 9 through the binding: status codes as an IntEnum
(GOVOPEN_ESTOPPED among them), missing files as FileNotFoundError, the
setters' details, paths and texts as separate calls, and results that do not
keep their evaluation alive."""

from __future__ import annotations

import ctypes
import enum
import gc
import io
import os
import pathlib
import tempfile
import unittest
import weakref

from _support import FX_JSONL, FX_YAML, library

import govopen
from govopen import Evaluation, Framework, Status


class StatusTest(unittest.TestCase):
    def setUp(self) -> None:
        library()

    def test_int_enum(self) -> None:
        self.assertTrue(issubclass(Status, enum.IntEnum))
        self.assertIs(Status(-12), Status.ESTOPPED)
        self.assertEqual(Status.ESTOPPED, -12)
        self.assertEqual([int(s) for s in Status], list(range(0, -13, -1)))
        # every value has the library's own text, and the library knows no other
        for s in Status:
            self.assertNotEqual(govopen.status_str(s), "unknown status", s)
        self.assertEqual(govopen.status_str(-13), "unknown status")
        self.assertEqual(govopen.status_str(Status.ESTOPPED), "stopped by the write callback")
        self.assertEqual(govopen.status_str(Status.EIO), "cannot read file")
        self.assertIs(govopen._errors.error_class(Status.ESTOPPED), govopen.StoppedError)

    def test_stopped_write_is_the_callbacks_exception(self) -> None:
        with Framework.load(FX_YAML) as fw, Evaluation(fw, as_of="2023-12-15") as ev:
            ev.add_path(FX_JSONL)
            r = ev.run()

            class Full(io.RawIOBase):
                def writable(self) -> bool:
                    return True

                def write(self, b: object) -> int:
                    raise OSError(28, "No space left on device")

            for writer in (lambda f: r.write_json(f), lambda f: ev.write_json(f),
                           lambda f: r.write_csv(f, "rankings"), lambda f: r.write_html(f)):
                with self.assertRaises(OSError) as cm:
                    writer(Full())
                self.assertEqual(cm.exception.errno, 28)
                self.assertNotIsInstance(cm.exception, govopen.GovOpenError)


class MissingFileTest(unittest.TestCase):
    def setUp(self) -> None:
        library()
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.missing = os.path.join(self.tmp.name, "none.yaml")

    def check(self, call: object) -> None:
        with self.assertRaises(FileNotFoundError) as cm:
            call()  # type: ignore[operator]
        e = cm.exception
        self.assertIs(type(e), govopen.MissingFileError)
        self.assertIsInstance(e, govopen.NotFoundError)
        self.assertIsInstance(e, govopen.GovOpenError)
        self.assertEqual((e.code, e.errno, e.filename, e.source), (Status.ENOTFOUND, 2, self.missing, self.missing))
        self.assertEqual(str(e), f"{self.missing}: cannot open the file: No such file or directory")

    def test_every_call_that_reads_a_file(self) -> None:
        self.check(lambda: Framework.load(self.missing))
        self.check(lambda: Framework.load(pathlib.Path(self.missing)))
        self.check(lambda: govopen.Calendar.load(self.missing))
        self.check(lambda: govopen.yaml_file_to_json(self.missing))
        with Framework.load(FX_YAML) as fw:
            with Evaluation(fw, as_of="2023-12-15") as ev:
                self.check(lambda: ev.set_calendar_file(self.missing))
                self.check(lambda: ev.add_path(self.missing))
                self.check(lambda: ev.add(pathlib.Path(self.missing)))

    def test_not_found_that_is_no_file(self) -> None:
        with self.assertRaises(govopen.NotFoundError) as cm:
            Framework.builtin("nowhere")
        self.assertNotIsInstance(cm.exception, FileNotFoundError)
        with self.assertRaises(govopen.NotFoundError) as cm2:
            govopen.Calendar.builtin("nowhere")
        self.assertNotIsInstance(cm2.exception, FileNotFoundError)
        # an overlay whose base file is missing: the error is at the overlay's `extends`, not a missing file
        overlay = os.path.join(self.tmp.name, "overlay.yaml")
        with open(overlay, "w", encoding="utf-8") as f:
            f.write("schema: 1\nextends: base.yaml\nframework: {id: o, title: o}\n")
        with self.assertRaises(govopen.GovOpenError) as cm3:
            Framework.load(overlay)
        self.assertNotIsInstance(cm3.exception, FileNotFoundError)
        self.assertEqual((cm3.exception.source, cm3.exception.line), (overlay, 2))


class SettersTest(unittest.TestCase):
    """The setters' messages come from the library (govopen_*_set_int_ex)."""

    def setUp(self) -> None:
        library()

    def test_evaluation_setting(self) -> None:
        with Framework.load(FX_YAML) as fw:
            with self.assertRaises(govopen.InvalidArgumentError) as cm:
                Evaluation(fw, max_named=1001)
            self.assertEqual(str(cm.exception), "GOVOPEN_EVAL_MAX_NAMED (3) is 1001; it must be 0 to 1000")
            with Evaluation(fw, as_of="2023-12-15") as ev:
                ev.add_path(FX_JSONL)
                with self.assertRaises(govopen.StateError) as cm2:
                    ev._set_int(3, "max_named", 5)
                self.assertEqual(cm2.exception.message, "GOVOPEN_EVAL_MAX_NAMED cannot change once observations "
                                                        "have been added: set it first")

    def test_loader_option(self) -> None:
        with self.assertRaises(govopen.InvalidArgumentError) as cm:
            Framework.load(FX_YAML, options=govopen.LoadOptions(max_depth=0))
        self.assertEqual(str(cm.exception), "GOVOPEN_OPT_MAX_DEPTH (2) is 0; it must be 1 to 1000")

    def test_c_setters_fill_err(self) -> None:
        L = govopen._lib.lib()
        err = govopen._lib.ERROR()
        self.assertEqual(L.govopen_evaluation_set_int_ex(None, 7, 2, ctypes.byref(err)), Status.EINVALID)
        self.assertEqual([d.message for d in govopen._errors.take_chain(err)], ["no evaluation given"])
        err = govopen._lib.ERROR()
        self.assertEqual(L.govopen_options_set_int_ex(None, 2, 2, ctypes.byref(err)), Status.EINVALID)
        self.assertEqual([d.message for d in govopen._errors.take_chain(err)], ["no options object given"])


class PathsAndTextsTest(unittest.TestCase):
    def setUp(self) -> None:
        library()
        self.fw = Framework.load(FX_YAML)
        self.addCleanup(self.fw.close)

    def test_separate_calls(self) -> None:
        with open(FX_JSONL, encoding="utf-8") as f:
            text = f.read()
        counts = []
        for add in (lambda ev: ev.add_path(FX_JSONL), lambda ev: ev.add_path(pathlib.Path(FX_JSONL)),
                    lambda ev: ev.add_path(os.fsencode(FX_JSONL)), lambda ev: ev.add(pathlib.Path(FX_JSONL)),
                    lambda ev: ev.add_text(text, format="jsonl"),
                    lambda ev: ev.add_text(text.encode("utf-8"), format="jsonl")):
            with Evaluation(self.fw, as_of="2023-12-15") as ev:
                counts.append((add(ev), ev.accepted, ev.rejected, ev.run().county.total))
        self.assertEqual(counts, [(19, 19, 0, 68.17)] * 6)

    def test_a_str_is_refused_by_add(self) -> None:
        with Evaluation(self.fw, as_of="2023-12-15") as ev:
            for s in (FX_JSONL, '{"unit": "甲镇", "point": "P1", "value": true}', ""):
                with self.assertRaises(TypeError) as cm:
                    ev.add(s)  # type: ignore[arg-type]
                self.assertEqual(str(cm.exception),
                                 "add() takes a str neither as a path nor as a text: use add_path(path) for a file "
                                 "or add_text(text) for observations as text (or pass a pathlib.Path)")
            self.assertEqual((ev.accepted, ev.rejected), (0, 0))
            with self.assertRaises(TypeError):
                ev.add_path({"unit": "甲镇"})  # type: ignore[arg-type]
            with self.assertRaises(TypeError):
                ev.add_text(pathlib.Path(FX_JSONL))  # type: ignore[arg-type]


class LifetimeTest(unittest.TestCase):
    def setUp(self) -> None:
        library()

    def test_result_does_not_keep_the_evaluation(self) -> None:
        fw = Framework.load(FX_YAML)
        ev = Evaluation(fw, as_of="2023-12-15")
        ev.add_path(FX_JSONL)
        r = ev.run()
        owned = ev._owned
        ev.close()
        # the C evaluation is freed at once, though the result lives
        self.assertIsNone(owned._ptr)
        self.assertEqual(r.county.total, 68.17)
        self.assertIn('"evidence":["国务院办公厅通报"]', r.to_json())
        # and the Python object is not referenced by the result either
        ev2 = Evaluation(fw, as_of="2023-12-15")
        ev2.add_path(FX_JSONL)
        r2 = ev2.run()
        ref, owned2 = weakref.ref(ev2), ev2._owned
        del ev2
        gc.collect()
        self.assertIsNone(ref())
        self.assertIsNone(owned2._ptr)
        self.assertEqual(r2.to_json(), r.to_json())
        self.assertEqual(r2.unit("甲镇").total, 78.52)


if __name__ == "__main__":
    unittest.main()
