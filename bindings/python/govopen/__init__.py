"""libgovopen for Python: government-openness (政务公开) evaluations over the library's C ABI.

Standard library only (ctypes). The shared library is found through the
environment variable ``GOVOPEN_LIBRARY``, then beside this package (the
``libgovopen.so.0`` that ``pip install bindings/python`` builds from the source
tree and bundles, or one copied next to ``__init__.py``), then the system's
library path; it is loaded on first use.

>>> import govopen
>>> with govopen.Framework.builtin("langao-2023") as fw:
...     [p.id for p in fw.duties("县人社局")][:3]
['P01', 'P02', 'P04']

Failures raise :class:`GovOpenError` subclasses (:class:`SchemaError`,
:class:`ParseError`, :class:`NotFoundError` …, and :class:`MissingFileError`,
also a ``FileNotFoundError``, for a file that does not exist) carrying the
position of the first error and the list of every diagnostic (``errors``).
Status codes are the :class:`Status` ``IntEnum``.
"""

from __future__ import annotations

from . import _lib
from ._errors import (ClosedError, Diagnostic, FileError, GovOpenError, InvalidArgumentError, LimitError,
                      MissingFileError, NotFoundError, OutOfMemoryError, ParseError, RangeError, SchemaError,
                      StateError, Status, StoppedError, UserError, VersionError, status_str)
from ._lib import LibraryNotFoundError
from .calendar import Calendar
from .evaluate import (TABLES, AppliedAdjustment, Cell, CellStatus, CountyResult, Evaluation, Fingerprint, Input,
                       Reason, Result, SamplePosition, UnitResult)
from .framework import Adjustment, Framework, Grade, Group, LoadOptions, Node, Point, Unit
from .diff import builtin_yaml, diff, diff_text, yaml_file_to_json, yaml_to_json

__version__ = "0.1.0"

__all__ = [
    "__version__", "version", "version_number", "schema_version", "library_path", "status_str", "Status",
    "escape_text", "format_score",
    "Framework", "Node", "Point", "Unit", "Group", "Adjustment", "AppliedAdjustment", "Grade", "LoadOptions",
    "Evaluation", "Result", "UnitResult", "Cell", "CellStatus", "Reason", "SamplePosition", "CountyResult",
    "TABLES",
    "Fingerprint", "Input",
    "Calendar",
    "diff", "diff_text", "yaml_to_json", "yaml_file_to_json", "builtin_yaml",
    "Diagnostic", "GovOpenError", "OutOfMemoryError", "InvalidArgumentError", "ParseError", "SchemaError",
    "NotFoundError", "MissingFileError", "LimitError", "FileError", "VersionError", "UserError", "RangeError",
    "StateError", "StoppedError", "ClosedError", "LibraryNotFoundError",
]


def escape_text(text: str, keep_newline: bool = False) -> str:
    """Text from an input made safe to print on a terminal (govopen_text_escape,
    docs/security.md "Output escaping"): C0 controls and DEL become ``\\xHH``
    (``\\x1b``), C1 controls, U+2028/9 and bidirectional formatting characters
    ``\\uHHHH`` (``\\u202e``); line feeds stay when `keep_newline`.

    >>> escape_text("\\x1b]0;title\\x07name")
    '\\\\x1b]0;title\\\\x07name'
    """
    import ctypes

    from ._errors import owned_text_call
    raw = text.encode("utf-8", "surrogateescape")
    return owned_text_call(_lib.lib().govopen_text_escape, raw, len(raw), 1 if keep_newline else 0)


def format_score(score: float, two_decimals: bool = False) -> str:
    """A score as the library's reports write it (govopen_score_format,
    docs/results.md "One rounding rule"): rounded to the hundredth, halves
    away from zero, a float within binary noise of a half counting as the
    half; at most two decimals and no trailing zeros, or exactly two with
    `two_decimals`. ValueError for NaN, an infinity or a magnitude of 9.2e16
    or more.

    >>> format_score(2.675), format_score(0.5), format_score(0.5, two_decimals=True)
    ('2.68', '0.5', '0.50')
    """
    import ctypes

    buf = ctypes.create_string_buffer(_SCORE_SIZE)
    n = _lib.lib().govopen_score_format(float(score), _SCORE_TWO_DECIMALS if two_decimals else 0, buf, _SCORE_SIZE)
    if n == ctypes.c_size_t(-1).value:
        raise ValueError(f"{score!r} cannot be written as a score")
    return buf.raw[:n].decode("ascii")


_SCORE_SIZE = 32                # GOVOPEN_SCORE_SIZE
_SCORE_TWO_DECIMALS = 1 << 8    # GOVOPEN_SCORE_TWO_DECIMALS


def version() -> str:
    """The loaded library's version, e.g. "0.1.0"."""
    return _lib.lib().govopen_version_string().decode("ascii")


def version_number() -> int:
    """The loaded library's version as MAJOR * 10000 + MINOR * 100 + PATCH."""
    return int(_lib.lib().govopen_version_number())


def schema_version() -> int:
    """The newest framework format (`schema:`) the loaded library reads."""
    return int(_lib.lib().govopen_schema_version())


def library_path() -> str:
    """Where the library was loaded from (loading it if need be); raises LibraryNotFoundError."""
    return _lib.library_path()
