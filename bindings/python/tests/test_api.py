"""The package itself: versions, where the library is found, docstrings and type hints everywhere."""

from __future__ import annotations

import doctest
import inspect
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from typing import Dict, Optional

from _support import PACKAGE_DIR, library

import govopen

PROBE = "import govopen; print(govopen.library_path()); print(govopen.version())"


def copy_package(dest: str) -> str:
    """Copies the package's sources (no library) to dest/govopen; returns that directory."""
    pkg = os.path.join(dest, "govopen")
    os.makedirs(pkg)
    for name in os.listdir(os.path.join(PACKAGE_DIR, "govopen")):
        if name.endswith(".py") or name == "py.typed":
            shutil.copy(os.path.join(PACKAGE_DIR, "govopen", name), pkg)
    return pkg


def probe(pythonpath: str, env_library: Optional[str]) -> subprocess.CompletedProcess:
    env: Dict[str, str] = {k: v for k, v in os.environ.items()
                           if k not in ("GOVOPEN_LIBRARY", "LD_LIBRARY_PATH", "PYTHONPATH")}
    env["PYTHONPATH"] = pythonpath
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if env_library is not None:
        env["GOVOPEN_LIBRARY"] = env_library
    return subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60,
                          cwd=pythonpath)


class VersionTest(unittest.TestCase):
    def setUp(self) -> None:
        library()

    def test_versions_agree(self) -> None:
        self.assertEqual(govopen.version(), govopen.__version__)
        major, minor, patch = (int(x) for x in govopen.version().split("."))
        self.assertEqual(govopen.version_number(), major * 10000 + minor * 100 + patch)
        self.assertEqual(govopen.version_number() // 10000, govopen._lib.ABI_MAJOR)
        self.assertEqual(govopen.schema_version(), 1)

    def test_library_path_is_the_environment_variable(self) -> None:
        self.assertEqual(govopen.library_path(), os.environ["GOVOPEN_LIBRARY"])

    def test_docstring_examples(self) -> None:
        failures, tried = doctest.testmod(govopen, verbose=False)
        self.assertGreater(tried, 0)
        self.assertEqual(failures, 0)


class DiscoveryTest(unittest.TestCase):
    """The search order: GOVOPEN_LIBRARY, beside the package, the system's library path."""

    def setUp(self) -> None:
        self.lib = os.path.abspath(library())
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def test_environment_variable(self) -> None:
        copy_package(self.tmp.name)
        p = probe(self.tmp.name, self.lib)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.splitlines(), [self.lib, govopen.__version__])

    def test_beside_the_package(self) -> None:
        pkg = copy_package(self.tmp.name)
        beside = os.path.join(pkg, "libgovopen.so.0")
        shutil.copy(self.lib, beside)
        p = probe(self.tmp.name, None)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.splitlines()[0], beside)
        # a GOVOPEN_LIBRARY that does not work falls through to the next place
        p = probe(self.tmp.name, os.path.join(self.tmp.name, "missing", "libgovopen.so.0"))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.splitlines()[0], beside)

    def test_every_place_tried_is_listed(self) -> None:
        pkg = copy_package(self.tmp.name)
        missing = os.path.join(self.tmp.name, "missing", "libgovopen.so.0")
        p = probe(self.tmp.name, missing)
        if p.returncode == 0:  # libgovopen is installed on this system: found there
            self.assertNotEqual(p.stdout.splitlines()[0], missing)
            return
        self.assertIn("LibraryNotFoundError", p.stderr)
        self.assertIn(f"GOVOPEN_LIBRARY: {missing}: no such file", p.stderr)
        self.assertIn(f"beside the package: {os.path.join(pkg, 'libgovopen.so.0')}: no such file", p.stderr)
        self.assertIn(f"beside the package: {os.path.join(pkg, 'libgovopen.so')}: no such file", p.stderr)
        self.assertIn("ctypes.util.find_library('govopen')", p.stderr)
        self.assertIn("the dynamic loader's search path: libgovopen.so.0", p.stderr)
        p = probe(self.tmp.name, None)
        self.assertIn("GOVOPEN_LIBRARY: not set", p.stderr)

    def test_an_incompatible_library_is_refused(self) -> None:
        copy_package(self.tmp.name)
        p = probe(self.tmp.name, "libc.so.6")
        if p.returncode == 0:
            self.assertNotEqual(p.stdout.splitlines()[0], "libc.so.6")
            return
        self.assertIn("GOVOPEN_LIBRARY: libc.so.6: not a compatible libgovopen", p.stderr)
        self.assertIn("govopen_status_str", p.stderr)
        # not a library at all
        junk = os.path.join(self.tmp.name, "junk.so")
        with open(junk, "w") as f:
            f.write("not an ELF file\n")
        p = probe(self.tmp.name, junk)
        self.assertIn(f"GOVOPEN_LIBRARY: {junk}: ", p.stderr)


class DocumentedAndTypedTest(unittest.TestCase):
    """Every public function, method and property has a docstring and type hints."""

    def check_function(self, qualname: str, fn: object, is_method: bool) -> None:
        self.assertTrue(inspect.getdoc(fn), f"{qualname} has no docstring")
        sig = inspect.signature(fn)  # type: ignore[arg-type]
        params = list(sig.parameters.values())
        if is_method and params and params[0].name in ("self", "cls"):
            params = params[1:]
        for p in params:
            if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                continue
            self.assertIsNot(p.annotation, inspect.Parameter.empty, f"{qualname}({p.name}) has no type hint")
        self.assertIsNot(sig.return_annotation, inspect.Signature.empty, f"{qualname} has no return type")

    def test_public_api(self) -> None:
        checked = 0
        for name in govopen.__all__:
            obj = getattr(govopen, name)
            if name == "__version__" or not (inspect.isclass(obj) or inspect.isfunction(obj)):
                continue
            if inspect.isfunction(obj):
                self.check_function(name, obj, False)
                checked += 1
                continue
            self.assertTrue(inspect.getdoc(obj), f"{name} has no docstring")
            if not obj.__module__.startswith("govopen"):
                continue
            for attr, member in vars(obj).items():
                if attr.startswith("_") and attr not in ("__init__",):
                    continue
                if isinstance(member, property):
                    self.assertTrue(member.__doc__, f"{name}.{attr} has no docstring")
                    self.assertIn("return", member.fget.__annotations__, f"{name}.{attr} has no type")
                    checked += 1
                elif isinstance(member, (staticmethod, classmethod)):
                    self.check_function(f"{name}.{attr}", member.__func__, isinstance(member, classmethod))
                    checked += 1
                elif inspect.isfunction(member) and attr != "__init__":
                    self.check_function(f"{name}.{attr}", member, True)
                    checked += 1
        self.assertGreater(checked, 120)


if __name__ == "__main__":
    unittest.main()
