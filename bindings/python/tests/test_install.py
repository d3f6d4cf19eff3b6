"""Packaging: the in-tree PEP 517 backend, and `pip install --no-index` into a fresh venv.

FreshCloneTest is issue 14's item 9: a clean checkout of HEAD, a fresh venv,
`pip install --no-index <clone>/bindings/python` with no GOVOPEN_* variable;
the backend builds libgovopen from the clone and bundles it, and the package
works with no environment variable. Under CI=true it must run (a missing git,
cmake or venv is a failure); elsewhere it skips, saying why, only when one of
those tools is missing."""

from __future__ import annotations

import base64
import csv
import hashlib
import importlib
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unittest
import zipfile
from typing import Dict, List, Optional

from _support import FX_JSONL, FX_YAML, PACKAGE_DIR, REPO, library, require

import govopen

PROBE = f"""
import govopen
fw = govopen.Framework.load({FX_YAML!r})
ev = govopen.Evaluation(fw, as_of="2023-12-15")
ev.add_path({FX_JSONL!r})
print(govopen.__file__)
print(govopen.library_path())
print(ev.run().county.total)
"""


def backend():  # type: ignore[no-untyped-def]
    if PACKAGE_DIR not in sys.path:
        sys.path.insert(0, PACKAGE_DIR)
    return importlib.import_module("govopen_backend")


def check_record(test: unittest.TestCase, z: zipfile.ZipFile, dist_info: str) -> None:
    """Every file of the wheel is in RECORD with its sha256 and size."""
    rows = list(csv.reader(io.StringIO(z.read(f"{dist_info}/RECORD").decode("utf-8"))))
    recorded = {r[0]: r for r in rows}
    test.assertEqual(sorted(recorded), sorted(z.namelist()))
    for name, digest, size in rows:
        if name == f"{dist_info}/RECORD":
            test.assertEqual((digest, size), ("", ""))
            continue
        data = z.read(name)
        want = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        test.assertEqual((digest, int(size)), (f"sha256={want}", len(data)), name)


class BackendTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.b = backend()
        self.dist_info = f"govopen-{govopen.__version__}.dist-info"

    def test_pure_wheel(self) -> None:
        self.assertEqual(self.b.get_requires_for_build_wheel(), [])
        name = self.b.build_wheel(self.tmp.name, {"build-library": "no"})
        self.assertEqual(name, f"govopen-{govopen.__version__}-py3-none-any.whl")
        with zipfile.ZipFile(os.path.join(self.tmp.name, name)) as z:
            names = z.namelist()
            for f in ("__init__.py", "_lib.py", "_errors.py", "_handle.py", "framework.py", "evaluate.py",
                      "calendar.py", "py.typed"):
                self.assertIn(f"govopen/{f}", names)
            self.assertFalse([n for n in names if n.endswith((".so", ".so.0", ".pyc"))])
            meta = z.read(f"{self.dist_info}/METADATA").decode("utf-8")
            self.assertIn("Name: govopen\n", meta)
            self.assertIn(f"Version: {govopen.__version__}\n", meta)
            self.assertIn("Root-Is-Purelib: true", z.read(f"{self.dist_info}/WHEEL").decode())
            check_record(self, z, self.dist_info)
        # reproducible
        again = os.path.join(self.tmp.name, "again")
        self.b.build_wheel(again, {"build-library": "no"})
        with open(os.path.join(self.tmp.name, name), "rb") as f1, open(os.path.join(again, name), "rb") as f2:
            self.assertEqual(f1.read(), f2.read())

    def test_bundled_wheel(self) -> None:
        lib = library()
        name = self.b.build_wheel(self.tmp.name, {"bundle-library": lib})
        self.assertRegex(name, r"^govopen-[0-9.]+-py3-none-[a-z0-9_]+\.whl$")
        self.assertNotIn("-any.whl", name)
        with zipfile.ZipFile(os.path.join(self.tmp.name, name)) as z:
            with open(lib, "rb") as f:
                self.assertEqual(z.read("govopen/libgovopen.so.0"), f.read())
            self.assertIn("Root-Is-Purelib: false", z.read(f"{self.dist_info}/WHEEL").decode())
            check_record(self, z, self.dist_info)
        with self.assertRaises(FileNotFoundError):
            self.b.build_wheel(self.tmp.name, {"bundle-library": os.path.join(self.tmp.name, "none.so")})
        with self.assertRaises(ValueError):
            self.b.build_wheel(self.tmp.name, {"build-library": "maybe"})

    def test_plan(self) -> None:
        """In the source tree the library is built unless told not to; a given one is bundled as it is."""
        self.assertEqual(self.b._library_plan({}), ("build", REPO))
        self.assertEqual(self.b._library_plan({"build-library": "yes"}), ("build", REPO))
        self.assertEqual(self.b._library_plan({"build-library": "no"}), ("none", None))
        lib = os.path.abspath(library())
        self.assertEqual(self.b._library_plan({"bundle-library": lib}), ("bundle", lib))

    def test_metadata_and_sdist(self) -> None:
        d = self.b.prepare_metadata_for_build_wheel(self.tmp.name)
        self.assertEqual(d, self.dist_info)
        self.assertTrue(os.path.exists(os.path.join(self.tmp.name, d, "METADATA")))
        name = self.b.build_sdist(self.tmp.name)
        with tarfile.open(os.path.join(self.tmp.name, name)) as t:
            names = t.getnames()
        base = f"govopen-{govopen.__version__}"
        for f in ("pyproject.toml", "govopen_backend.py", "PKG-INFO", "govopen/__init__.py", "govopen/py.typed",
                  "tests/test_install.py"):
            self.assertIn(f"{base}/{f}", names)


class PipInstallTest(unittest.TestCase):
    """pip install --no-index into a temporary venv; nothing is fetched."""

    env_drop = ("PYTHONPATH", "GOVOPEN_LIBRARY", "GOVOPEN_BUNDLE_LIBRARY", "GOVOPEN_BUILD_LIBRARY", "PIP_INDEX_URL",
                "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_CONFIG_FILE")

    def setUp(self) -> None:
        self.lib = os.path.abspath(library())
        have_venv = all(importlib.util.find_spec(m) is not None for m in ("venv", "ensurepip"))
        require(have_venv, "python3 -m venv with ensurepip is not available")
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def run_(self, args: List[str], env: Optional[Dict[str, str]] = None) -> str:
        base = {k: v for k, v in os.environ.items() if k not in self.env_drop}
        base.update({"PYTHONDONTWRITEBYTECODE": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"})
        base.update(env or {})
        p = subprocess.run(args, capture_output=True, text=True, env=base, timeout=600, cwd=self.tmp.name)
        self.assertEqual(p.returncode, 0, f"{' '.join(args)}\n{p.stdout}\n{p.stderr}")
        return p.stdout

    def test_install_offline(self) -> None:
        venv_dir = os.path.join(self.tmp.name, "venv")
        self.run_([sys.executable, "-m", "venv", venv_dir])
        py = os.path.join(venv_dir, "bin", "python")
        require(os.path.exists(py), "the venv has no bin/python (not a POSIX venv)")
        tree_before = sorted(os.listdir(PACKAGE_DIR))
        # a pure wheel: the library from GOVOPEN_LIBRARY
        self.run_([py, "-m", "pip", "install", "--no-index", PACKAGE_DIR], {"GOVOPEN_BUILD_LIBRARY": "no"})
        out = self.run_([py, "-c", PROBE], {"GOVOPEN_LIBRARY": self.lib}).splitlines()
        self.assertTrue(out[0].startswith(os.path.realpath(venv_dir)) or out[0].startswith(venv_dir), out[0])
        self.assertEqual(out[1:], [self.lib, "68.17"])
        # the source tree is left as it was: no build directory, no egg-info, no bytecode
        self.assertEqual(sorted(os.listdir(PACKAGE_DIR)), tree_before)
        # the library inside the wheel, found beside the package without GOVOPEN_LIBRARY
        self.run_([py, "-m", "pip", "install", "--no-index", "--force-reinstall", PACKAGE_DIR],
                  {"GOVOPEN_BUNDLE_LIBRARY": self.lib})
        out = self.run_([py, "-c", PROBE]).splitlines()
        self.assertEqual(out[1], os.path.join(os.path.dirname(out[0]), "libgovopen.so.0"))
        self.assertEqual(out[2], "68.17")
        self.run_([py, "-m", "pip", "uninstall", "-y", "govopen"])
        self.assertFalse(os.path.exists(os.path.dirname(out[0])))


if __name__ == "__main__":
    unittest.main()


class FreshCloneTest(unittest.TestCase):
    """A clean checkout of HEAD, a fresh venv, `pip install --no-index`, no environment variable."""

    def test_clone_install_import_evaluate(self) -> None:
        for tool in ("git", "cmake"):
            require(shutil.which(tool) is not None, f"{tool} is not on the PATH")
        have_venv = all(importlib.util.find_spec(m) is not None for m in ("venv", "ensurepip"))
        require(have_venv, "python3 -m venv with ensurepip is not available")
        require(os.path.exists(os.path.join(REPO, ".git")), f"{REPO} is not a git checkout")
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVOPEN_", "PIP_")) and k != "PYTHONPATH"}
        env.update({"PYTHONDONTWRITEBYTECODE": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"})

        def run(args: List[str], cwd: str = tmp.name) -> str:
            p = subprocess.run(args, capture_output=True, text=True, env=env, timeout=900, cwd=cwd)
            self.assertEqual(p.returncode, 0, f"{' '.join(args)}\n{p.stdout}\n{p.stderr}")
            return p.stdout

        head = run(["git", "-C", REPO, "rev-parse", "HEAD"]).strip()
        clone = os.path.join(tmp.name, "clone")
        run(["git", "clone", "--quiet", "--no-checkout", REPO, clone])
        run(["git", "-C", clone, "checkout", "--quiet", "--detach", head])
        venv_dir = os.path.join(tmp.name, "venv")
        run([sys.executable, "-m", "venv", venv_dir])
        py = os.path.join(venv_dir, "bin", "python")
        require(os.path.exists(py), "the venv has no bin/python (not a POSIX venv)")
        run([py, "-m", "pip", "install", "--no-index", os.path.join(clone, "bindings", "python")])
        # the clone is left as it was: the library was built in a temporary directory
        self.assertEqual(run(["git", "-C", clone, "status", "--porcelain", "--ignored"]), "")
        probe = f"""
import govopen, os
fw = govopen.Framework.load({os.path.join(clone, "tests", "fixtures", "eval", "fx.yaml")!r})
ev = govopen.Evaluation(fw, as_of="2023-12-15")
print(ev.add_path({os.path.join(clone, "tests", "fixtures", "eval", "fx.jsonl")!r}))
print(ev.run().county.total)
print(os.path.dirname(govopen.__file__))
print(govopen.library_path())
print(govopen.version())
"""
        out = run([py, "-c", probe], cwd=venv_dir).splitlines()
        self.assertEqual(out[:2], ["19", "68.17"])
        self.assertTrue(out[2].startswith(os.path.realpath(venv_dir)) or out[2].startswith(venv_dir), out[2])
        self.assertEqual(out[3], os.path.join(out[2], "libgovopen.so.0"))  # bundled, found with no variable
        self.assertEqual(out[4], govopen.__version__)
