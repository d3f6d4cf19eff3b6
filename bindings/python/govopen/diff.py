"""Framework diffs and YAML as the library reads it (govopen/diff.h, govopen/convert.h).

>>> import govopen
>>> old = govopen.Framework.builtin("langao-2023")
>>> govopen.diff(old, old)["count"]
0
"""

from __future__ import annotations

import ctypes
import json
import os
from typing import Any, Dict, List, Optional, Union

from . import _lib
from ._errors import check, take_owned_text
from ._handle import PathLike, path_arg
from .evaluate import _stream_pieces
from .framework import Framework, LoadOptions, _OptionsHandle

__all__ = ["diff", "diff_text", "yaml_to_json", "yaml_file_to_json", "builtin_yaml"]

_DIFF_JSON = 0x10
_REPORT_LANG_EN = 1
_JSON_PRETTY = 1

FrameworkLike = Union[Framework, PathLike]


def _framework(spec: FrameworkLike) -> Framework:
    """A Framework as given, or loaded from a path or "builtin:ID"."""
    if isinstance(spec, Framework):
        return spec
    s = os.fspath(spec)
    if isinstance(s, str) and s.startswith("builtin:"):
        return Framework.builtin(s[len("builtin:"):])
    return Framework.load(s)


def _run_diff(a: FrameworkLike, b: FrameworkLike, flags: int) -> str:
    fa, fb = _framework(a), _framework(b)
    try:
        pieces: List[bytes] = []
        ha, hb = fa._check(), fb._check()
        _stream_pieces(pieces.append,
                       lambda cb: (_lib.lib().govopen_framework_diff(ha, hb, flags, cb, None, None), None))
        return b"".join(pieces).decode("utf-8")
    finally:
        for given, made in ((a, fa), (b, fb)):
            if made is not given:
                made.close()


def diff(a: FrameworkLike, b: FrameworkLike) -> Dict[str, Any]:
    """What changed from framework `a` (the old one) to `b` (the new one), as
    the JSON of docs/diff.md, parsed: ``{"format": 1, "a": {...}, "b": {...},
    "changes": [{"kind": "point.reworded", "id": "P05", "field": "text",
    "old": ..., "new": ...}, ...], "count": N}``. `a` and `b` are
    :class:`Framework` objects, paths, or ``"builtin:ID"``."""
    result: Dict[str, Any] = json.loads(_run_diff(a, b, _DIFF_JSON))
    return result


def diff_text(a: FrameworkLike, b: FrameworkLike, lang: str = "zh") -> str:
    """The diff as text a county office reads: one line per change, labels in
    Chinese (``lang="zh"``) or English (``"en"``)."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    return _run_diff(a, b, _REPORT_LANG_EN if lang == "en" else 0)


def yaml_to_json(data: Union[str, bytes], source_name: str = "<string>", *, pretty: bool = False,
                 options: Optional[LoadOptions] = None) -> str:
    """A YAML document as JSON text, read and typed as the library reads it
    (quoted scalars are strings, plain ``1`` an integer, ``true``/``false``
    booleans, ``~`` null); the loader's limits apply (`options`). Raises
    :class:`~govopen.ParseError`, :class:`~govopen.LimitError` … with the line
    and column of the problem."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    err = _lib.ERROR()
    out = ctypes.c_void_p()
    n = ctypes.c_size_t()
    with _OptionsHandle(options or LoadOptions()) as o:
        rc = _lib.lib().govopen_yaml_to_json(raw, len(raw), source_name.encode("utf-8"), o,
                                             _JSON_PRETTY if pretty else 0, ctypes.byref(out), ctypes.byref(n),
                                             ctypes.byref(err))
    check(rc, err)
    return take_owned_text(out, n.value)


def yaml_file_to_json(path: PathLike, *, pretty: bool = False, options: Optional[LoadOptions] = None) -> str:
    """:func:`yaml_to_json` of a file, diagnostics naming it."""
    err = _lib.ERROR()
    out = ctypes.c_void_p()
    n = ctypes.c_size_t()
    with _OptionsHandle(options or LoadOptions()) as o:
        rc = _lib.lib().govopen_yaml_file_to_json(path_arg(path), o, _JSON_PRETTY if pretty else 0,
                                                  ctypes.byref(out), ctypes.byref(n), ctypes.byref(err))
    check(rc, err)
    return take_owned_text(out, n.value)


def builtin_yaml(id: str) -> str:
    """The YAML text of a built-in framework, as compiled into the library
    (a county starts its own from a copy). :class:`KeyError` when there is none."""
    n = ctypes.c_size_t()
    data = _lib.lib().govopen_builtin_framework_yaml(id.encode("utf-8"), ctypes.byref(n))
    if data is None:
        raise KeyError(f"no built-in framework '{id}' (built-in: {', '.join(Framework.builtins())})")
    return bytes(data[:n.value]).decode("utf-8")
