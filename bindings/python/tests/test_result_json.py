"""Result.write_json: the result's JSON streamed through govopen_result_write_json."""

from __future__ import annotations

import io
import os
import pathlib
import tempfile
import unittest
from typing import Any, List

from _support import FX_JSONL, FX_YAML, REPO, SAMPLE, expand_golden, library, read

import govopen
from govopen import Evaluation, Framework, Result


def run(framework: str, obs: str, source_name: str) -> Result:
    fw = Framework.builtin(framework[8:]) if framework.startswith("builtin:") else Framework.load(framework)
    with Evaluation(fw, as_of="2023-12-15") as ev:
        ev.add_text(read(obs), format="jsonl", source_name=source_name)
        return ev.run()


class Pieces(io.RawIOBase):
    """A binary file that records each write and can fail at the n-th one."""

    def __init__(self, fail_at: int = 0, error: BaseException = OSError(28, "No space left on device")) -> None:
        super().__init__()
        self.pieces: List[bytes] = []
        self.calls = 0
        self.fail_at = fail_at
        self.error = error

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        self.calls += 1
        if self.calls == self.fail_at:
            raise self.error
        self.pieces.append(bytes(b))
        return len(b)


class Trickle(io.RawIOBase):
    """A raw file that takes at most 1000 bytes a call, as a pipe may."""

    def __init__(self) -> None:
        super().__init__()
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        chunk = bytes(b[:1000])
        self.data += chunk
        return len(chunk)


class Interrupt(BaseException):
    """Not an Exception: must get through the callback too."""


class WriteJsonTest(unittest.TestCase):
    langao: Result
    fx: Result

    @classmethod
    def setUpClass(cls) -> None:
        library()
        # named as the CLI names it when run from the top of the tree, as in the golden file
        cls.langao = run("builtin:langao-2023", SAMPLE, "data/samples/langao-2023-observations.jsonl")
        cls.fx = run(FX_YAML, FX_JSONL, "fx.jsonl")

    def setUp(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def test_path_gives_the_golden_bytes(self) -> None:
        path = os.path.join(self.tmp.name, "result.json")
        self.langao.write_json(path)
        with open(os.path.join(REPO, "tests", "data", "langao-2023-result.json"), encoding="utf-8", newline="") as f:
            golden = expand_golden(f.read(), self.langao.fingerprint.digest).encode("utf-8")
        with open(path, "rb") as f:
            self.assertEqual(f.read() + b"\n", golden)  # the CLI adds the final newline
        # a path-like too, compact, truncating what was there
        self.fx.write_json(pathlib.Path(path), pretty=False)
        with open(path, "rb") as f:
            self.assertEqual(f.read(), self.fx.to_json().encode("utf-8"))

    def test_binary_and_text_files(self) -> None:
        for pretty in (True, False):
            want = self.langao.to_json(pretty=pretty)
            b = io.BytesIO()
            self.langao.write_json(b, pretty=pretty)
            self.assertEqual(b.getvalue().decode("utf-8"), want)
            # text: pieces split UTF-8 sequences, decoded incrementally
            s = io.StringIO()
            self.langao.write_json(s, pretty=pretty)
            self.assertEqual(s.getvalue(), want)
        path = os.path.join(self.tmp.name, "text.json")
        with open(path, "w", encoding="utf-8") as f:
            self.fx.write_json(f)
        self.assertEqual(read(path), self.fx.to_json(pretty=True))

    def test_partial_writes_are_completed(self) -> None:
        t = Trickle()
        self.langao.write_json(t, pretty=False)
        self.assertEqual(t.data.decode("utf-8"), self.langao.to_json())

    def test_streamed_in_pieces(self) -> None:
        p = Pieces()
        self.langao.write_json(p)
        self.assertGreater(len(p.pieces), 1)
        self.assertTrue(all(0 < len(x) <= 65536 for x in p.pieces))
        self.assertEqual(b"".join(p.pieces).decode("utf-8"), self.langao.to_json(pretty=True))

    def test_an_exception_stops_the_writer_and_is_raised(self) -> None:
        total = Pieces()
        self.langao.write_json(total)
        n = len(total.pieces)
        for k in range(1, n + 1):
            with self.subTest(k=k):
                error = OSError(28, "No space left on device")
                p = Pieces(fail_at=k, error=error)
                with self.assertRaises(OSError) as cm:
                    self.langao.write_json(p)
                self.assertIs(cm.exception, error)
                self.assertEqual(p.calls, k)  # nothing written after the failure
                self.assertEqual(p.pieces, total.pieces[:k - 1])
        # not only Exceptions: KeyboardInterrupt and the like too
        with self.assertRaises(Interrupt):
            self.langao.write_json(Pieces(fail_at=1, error=Interrupt()))
        # a path that cannot be opened
        with self.assertRaises(FileNotFoundError):
            self.fx.write_json(os.path.join(self.tmp.name, "no", "such", "dir.json"))
        # the result is still usable
        b = io.BytesIO()
        self.fx.write_json(b)
        self.assertEqual(b.getvalue().decode("utf-8"), self.fx.to_json(pretty=True))

    def test_bad_arguments(self) -> None:
        with self.assertRaises(TypeError):
            self.fx.write_json(42)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            self.fx.write_json(object())  # type: ignore[arg-type]
        r = run(FX_YAML, FX_JSONL, "fx.jsonl")
        r.close()
        with self.assertRaises(govopen.ClosedError):
            r.write_json(io.BytesIO())
        # a closed result does not truncate the file it was to write
        path = os.path.join(self.tmp.name, "kept.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write("kept")
        with self.assertRaises(govopen.ClosedError):
            r.write_json(path)
        self.assertEqual(read(path), "kept")


class EvaluationWriteJsonTest(unittest.TestCase):
    """Evaluation.write_json: run and stream, the reasons never all held."""

    def test_same_text_as_the_result(self) -> None:
        fw = Framework.builtin("langao-2023")
        with Evaluation(fw, as_of="2023-12-15") as ev:
            ev.add_text(read(SAMPLE), format="jsonl", source_name="data/samples/langao-2023-observations.jsonl")
            for pretty in (True, False):
                b = io.BytesIO()
                ev.write_json(b, pretty=pretty)
                self.assertEqual(b.getvalue().decode("utf-8"), ev.run().to_json(pretty=pretty))
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "result.json")
                ev.write_json(path)
                with open(os.path.join(REPO, "tests", "data", "langao-2023-result.json"), encoding="utf-8",
                          newline="") as f:
                    golden = expand_golden(f.read(), ev.run().fingerprint.digest).encode("utf-8")
                with open(path, "rb") as f:
                    self.assertEqual(f.read() + b"\n", golden)
            # an exception in the writer is raised again; the evaluation goes on
            error = OSError(28, "No space left on device")
            with self.assertRaises(OSError) as cm:
                ev.write_json(Pieces(fail_at=2, error=error))
            self.assertIs(cm.exception, error)
            self.assertEqual(ev.accepted, 1032)
        with self.assertRaises(govopen.ClosedError):
            ev.write_json(io.BytesIO())
        # no as-of date: the run's own error
        with Evaluation(fw) as ev2:
            with self.assertRaises(govopen.StateError):
                ev2.write_json(io.BytesIO())


if __name__ == "__main__":
    unittest.main()
