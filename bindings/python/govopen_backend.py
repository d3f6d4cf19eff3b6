"""A PEP 517 build backend for the govopen package, standard library only.

PyPI is not needed to install govopen: pyproject.toml points pip here
(``backend-path = ["."]``) and this module writes the wheel with zipfile.
It reads the few ``[project]`` strings it needs from pyproject.toml itself
and the version from ``govopen/__init__.py``.

The library goes inside the wheel, as ``govopen/libgovopen.so.0`` (the wheel
is then tagged for this platform), so that the installed package works with
no environment variable:

* installed from a clone (``pip install bindings/python``: this directory sits
  in the source tree, ``../../CMakeLists.txt``), the backend builds the library
  from that tree with cmake, in a temporary build directory that is removed
  afterwards (the tree is left as it was), and bundles it. It needs the build
  prerequisites (scripts/setup.sh: cmake, a C compiler, pkg-config, libyaml-dev,
  libcjson-dev) and nothing from the network;
* ``-C bundle-library=PATH`` (or GOVOPEN_BUNDLE_LIBRARY=PATH) bundles a library
  already built instead;
* ``-C build-library=no`` (or GOVOPEN_BUILD_LIBRARY=no) builds nothing and
  writes a pure-Python wheel, which then uses GOVOPEN_LIBRARY or a library
  installed on the system's library path. So does a build from an sdist, which
  holds no C sources.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
import zipfile
from typing import Dict, List, Mapping, Optional, Tuple

__all__ = ["get_requires_for_build_wheel", "get_requires_for_build_sdist", "prepare_metadata_for_build_wheel",
           "build_wheel", "build_sdist"]

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = "govopen"
# Reproducible archives: a fixed timestamp unless SOURCE_DATE_EPOCH says otherwise.
_EPOCH = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))  # 1980-01-01, zip's earliest


def _project() -> Dict[str, str]:
    """The flat string keys of pyproject.toml's [project] table."""
    out: Dict[str, str] = {}
    section = ""
    with open(os.path.join(HERE, "pyproject.toml"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("["):
                section = line.strip("[]").strip()
            elif section == "project":
                m = re.match(r'^([A-Za-z0-9_-]+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(#.*)?$', line)
                if m:
                    out[m.group(1)] = m.group(2)
    return out


def _version() -> str:
    with open(os.path.join(HERE, PACKAGE, "__init__.py"), encoding="utf-8") as f:
        m = re.search(r'^__version__\s*=\s*"([^"]+)"', f.read(), re.M)
    if not m:
        raise RuntimeError("no __version__ in govopen/__init__.py")
    return m.group(1)


def _metadata() -> str:
    p = _project()
    lines = ["Metadata-Version: 2.1", f"Name: {p['name']}", f"Version: {_version()}",
             f"Summary: {p.get('description', '')}", f"Requires-Python: {p.get('requires-python', '>=3.8')}"]
    readme = p.get("readme")
    body = ""
    if readme and os.path.exists(os.path.join(HERE, readme)):
        lines.append("Description-Content-Type: text/markdown")
        with open(os.path.join(HERE, readme), encoding="utf-8") as f:
            body = f.read()
    return "\n".join(lines) + "\n\n" + body


def _bundle(config_settings: Optional[Mapping[str, object]]) -> Optional[str]:
    value = (config_settings or {}).get("bundle-library") or os.environ.get("GOVOPEN_BUNDLE_LIBRARY")
    if isinstance(value, list):
        value = value[-1]
    if not value:
        return None
    path = os.path.abspath(str(value))
    if not os.path.isfile(path):
        raise FileNotFoundError(f"bundle-library: no such file: {path}")
    return path


def _setting(config_settings: Optional[Mapping[str, object]], key: str, env: str) -> str:
    value = (config_settings or {}).get(key) or os.environ.get(env) or ""
    if isinstance(value, list):
        value = value[-1]
    return str(value).strip().lower()


def _source_tree() -> Optional[str]:
    """The root of the libgovopen source tree this package sits in, or None (an sdist)."""
    root = os.path.dirname(os.path.dirname(HERE))
    if os.path.isfile(os.path.join(root, "CMakeLists.txt")) and \
            os.path.isfile(os.path.join(root, "include", "govopen", "govopen.h")):
        return root
    return None


def _library_plan(config_settings: Optional[Mapping[str, object]]) -> Tuple[str, Optional[str]]:
    """("bundle", a built library's path), ("build", the source tree) or ("none", None)."""
    bundle = _bundle(config_settings)
    if bundle:
        return "bundle", bundle
    build = _setting(config_settings, "build-library", "GOVOPEN_BUILD_LIBRARY") or "auto"
    if build in ("0", "no", "false", "off"):
        return "none", None
    if build not in ("auto", "1", "yes", "true", "on"):
        raise ValueError(f"build-library: '{build}' is neither yes, no nor auto")
    root = _source_tree()
    if root is None:
        if build != "auto":
            raise FileNotFoundError(f"build-library: {HERE} is not inside the libgovopen source tree")
        return "none", None
    return "build", root


def _run(args: List[str]) -> None:
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sys.stderr.write(p.stdout)
    if p.returncode != 0:
        tail = "\n".join(p.stdout.splitlines()[-30:])
        raise RuntimeError(f"building libgovopen failed: {' '.join(args)} exited {p.returncode}\n{tail}\n"
                           "(the build prerequisites: scripts/setup.sh; or install with -C build-library=no "
                           "and a library of your own)")


def _build_library(root: str) -> bytes:
    """Builds libgovopen from the tree at `root` in a temporary directory; returns the library's bytes."""
    cmake = shutil.which("cmake")
    if cmake is None:
        raise RuntimeError("building libgovopen needs cmake, which is not on the PATH (the build prerequisites: "
                           "scripts/setup.sh; or install with -C build-library=no and a library of your own)")
    jobs = str(max(1, min(os.cpu_count() or 1, 8)))
    with tempfile.TemporaryDirectory(prefix="govopen-build-") as build:
        _run([cmake, "-S", root, "-B", build, "-DCMAKE_BUILD_TYPE=Release", "-DGOVOPEN_BUILD_TESTS=OFF",
              "-DGOVOPEN_BUILD_EXAMPLES=OFF", "-DGOVOPEN_BUILD_BENCH=OFF"])
        _run([cmake, "--build", build, "--target", "govopen", "--parallel", jobs])
        path = os.path.join(build, "libgovopen.so.0")
        if not os.path.isfile(path):
            raise RuntimeError(f"building libgovopen made no {path}")
        with open(os.path.realpath(path), "rb") as f:
            return f.read()


def _package_files() -> List[Tuple[str, str]]:
    """(archive name, file) for every file of the package, sorted; libraries copied in-tree are left out."""
    out = []
    root = os.path.join(HERE, PACKAGE)
    for name in sorted(os.listdir(root)):
        full = os.path.join(root, name)
        if os.path.isfile(full) and (name.endswith(".py") or name == "py.typed"):
            out.append((f"{PACKAGE}/{name}", full))
    return out


def _tag(bundled: bool) -> str:
    if not bundled:
        return "py3-none-any"
    plat = re.sub(r"[^A-Za-z0-9]", "_", sysconfig.get_platform())
    return f"py3-none-{plat}"


def _dist_info() -> str:
    return f"{PACKAGE}-{_version()}.dist-info"


def _dist_info_files(tag: str, purelib: bool) -> Dict[str, bytes]:
    wheel = ("Wheel-Version: 1.0\nGenerator: govopen_backend\n"
             f"Root-Is-Purelib: {'true' if purelib else 'false'}\nTag: {tag}\n")
    return {"METADATA": _metadata().encode("utf-8"), "WHEEL": wheel.encode("utf-8"),
            "top_level.txt": f"{PACKAGE}\n".encode("utf-8")}


def _zipinfo(name: str, mode: int = 0o644) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, time.gmtime(max(_EPOCH, 315532800))[:6])
    info.external_attr = (0o100000 | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"{name},sha256={digest},{len(data)}"


# --- PEP 517 hooks --------------------------------------------------------------

def get_requires_for_build_wheel(config_settings: Optional[Mapping[str, object]] = None) -> List[str]:
    """Nothing to fetch."""
    return []


def get_requires_for_build_sdist(config_settings: Optional[Mapping[str, object]] = None) -> List[str]:
    """Nothing to fetch."""
    return []


def prepare_metadata_for_build_wheel(metadata_directory: str,
                                     config_settings: Optional[Mapping[str, object]] = None) -> str:
    """Writes the .dist-info directory pip reads before building."""
    bundled = _library_plan(config_settings)[0] != "none"
    dist_info = _dist_info()
    os.makedirs(os.path.join(metadata_directory, dist_info), exist_ok=True)
    for name, data in _dist_info_files(_tag(bundled), not bundled).items():
        with open(os.path.join(metadata_directory, dist_info, name), "wb") as f:
            f.write(data)
    return dist_info


def build_wheel(wheel_directory: str, config_settings: Optional[Mapping[str, object]] = None,
                metadata_directory: Optional[str] = None) -> str:
    """Builds the wheel with zipfile; returns its file name."""
    how, where = _library_plan(config_settings)
    library: Optional[bytes] = None
    if how == "bundle" and where:
        with open(where, "rb") as f:
            library = f.read()
    elif how == "build" and where:
        library = _build_library(where)
    tag = _tag(library is not None)
    filename = f"{PACKAGE}-{_version()}-{tag}.whl"
    entries: List[Tuple[str, bytes, int]] = []
    for arcname, full in _package_files():
        with open(full, "rb") as f:
            entries.append((arcname, f.read(), 0o644))
    if library is not None:
        entries.append((f"{PACKAGE}/libgovopen.so.0", library, 0o755))
    dist_info = _dist_info()
    for name, data in _dist_info_files(tag, library is None).items():
        entries.append((f"{dist_info}/{name}", data, 0o644))
    record = [_record_line(name, data) for name, data, _ in entries] + [f"{dist_info}/RECORD,,"]
    entries.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode("utf-8"), 0o644))
    os.makedirs(wheel_directory, exist_ok=True)
    tmp = os.path.join(wheel_directory, filename + ".tmp")
    with zipfile.ZipFile(tmp, "w") as z:
        for name, data, mode in entries:
            z.writestr(_zipinfo(name, mode), data)
    os.replace(tmp, os.path.join(wheel_directory, filename))
    return filename


def build_sdist(sdist_directory: str, config_settings: Optional[Mapping[str, object]] = None) -> str:
    """Builds a source archive: pyproject.toml, this backend, the README, the package and its tests."""
    base = f"{PACKAGE}-{_version()}"
    files = ["pyproject.toml", "govopen_backend.py", "README.md"]
    files += [arc for arc, _ in _package_files()]
    tests = os.path.join(HERE, "tests")
    if os.path.isdir(tests):
        files += [f"tests/{n}" for n in sorted(os.listdir(tests)) if n.endswith((".py", ".yaml", ".jsonl"))]
    os.makedirs(sdist_directory, exist_ok=True)
    filename = f"{base}.tar.gz"
    path = os.path.join(sdist_directory, filename)

    def add(t: tarfile.TarFile, name: str, data: bytes) -> None:
        info = tarfile.TarInfo(f"{base}/{name}")
        info.size = len(data)
        info.mtime = _EPOCH
        info.mode = 0o644
        t.addfile(info, io.BytesIO(data))

    with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as t:
        for name in files:
            full = os.path.join(HERE, name)
            if os.path.isfile(full):
                with open(full, "rb") as f:
                    add(t, name, f.read())
        add(t, "PKG-INFO", _metadata().encode("utf-8"))
    return filename
