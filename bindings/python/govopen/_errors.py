"""Errors and diagnostics: the library's status codes as exceptions."""

from __future__ import annotations

import ctypes
import enum
import errno
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Type

from . import _lib

__all__ = [
    "Status", "Diagnostic", "GovOpenError", "OutOfMemoryError", "InvalidArgumentError", "ParseError",
    "SchemaError", "NotFoundError", "MissingFileError", "LimitError", "FileError", "VersionError", "UserError",
    "RangeError", "StateError", "StoppedError", "ClosedError",
]


class Status(enum.IntEnum):
    """The library's status codes (``govopen_status``); fixed values, only ever appended.

    An :class:`enum.IntEnum`: ``Status(-5) is Status.ENOTFOUND``, and each
    member compares equal to its C value.
    """

    OK = 0
    ENOMEM = -1
    EINVALID = -2
    EPARSE = -3
    ESCHEMA = -4
    ENOTFOUND = -5
    ELIMIT = -6
    EIO = -7
    EVERSION = -8
    EUSER = -9
    ERANGE = -10
    ESTATE = -11
    ESTOPPED = -12


def status_str(code: int) -> str:
    """The library's static English text for a status code."""
    return _lib.lib().govopen_status_str(code).decode("utf-8")


@dataclass(frozen=True)
class Diagnostic:
    """One error or warning, with where it was found.

    ``line`` and ``column`` are 1-based (0 when unknown); ``path`` is a path
    inside the document such as ``indicators[0].points[1].sampling[0]`` ("" at
    the top); ``text`` is the library's own formatting,
    ``source:line:column: error: message [path]``; ``id`` names the message
    whatever its words, e.g. ``"rule.floor_above_max"`` (``govopen_error_id``):
    key on it, not on the English text.
    """

    code: int
    severity: str  # "error" or "warning"
    message: str
    source: str
    line: int
    column: int
    path: str
    text: str
    id: str = ""

    @property
    def is_error(self) -> bool:
        """True for an error, False for a warning."""
        return self.severity == "error"

    def __str__(self) -> str:
        return self.text


class GovOpenError(Exception):
    """A libgovopen call failed.

    The attributes describe the first error found (``code``, ``message``,
    ``source``, ``line``, ``column``, ``path``, and ``id``, its message's
    identifier); ``errors`` holds every diagnostic the call reported, errors
    and warnings, in the order found.
    """

    def __init__(self, message: str, *, code: int = Status.EINVALID, source: str = "", line: int = 0,
                 column: int = 0, path: str = "", errors: Sequence[Diagnostic] = (), id: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.id = id
        self.message = message
        self.source = source
        self.line = line
        self.column = column
        self.path = path
        self.errors: List[Diagnostic] = list(errors)

    @property
    def status(self) -> str:
        """The status code's English text, e.g. "schema error"."""
        return status_str(self.code)

    def __str__(self) -> str:
        where = ""
        if self.source:
            where = self.source
            if self.line:
                where += f":{self.line}:{self.column}" if self.column else f":{self.line}"
            where += ": "
        text = where + self.message + (f" [{self.path}]" if self.path else "")
        more = sum(1 for d in self.errors if d.is_error) - 1
        if more > 0:
            text += f" (and {more} more error{'s' if more > 1 else ''})"
        return text


class OutOfMemoryError(GovOpenError, MemoryError):
    """GOVOPEN_ENOMEM: the library ran out of memory."""


class InvalidArgumentError(GovOpenError, ValueError):
    """GOVOPEN_EINVALID: an invalid argument (a malformed date, an unknown option, a value out of range)."""


class ParseError(GovOpenError, ValueError):
    """GOVOPEN_EPARSE: malformed YAML or JSON."""


class SchemaError(GovOpenError, ValueError):
    """GOVOPEN_ESCHEMA: well-formed input that breaks the format's rules."""


class NotFoundError(GovOpenError, LookupError):
    """GOVOPEN_ENOTFOUND: no such built-in, id, unit, point or file."""


class MissingFileError(NotFoundError, FileNotFoundError):
    """GOVOPEN_ENOTFOUND for a file that does not exist: also a :class:`FileNotFoundError`
    (``errno`` ENOENT, ``filename`` the path), so ``except FileNotFoundError`` catches it."""


class LimitError(GovOpenError, ValueError):
    """GOVOPEN_ELIMIT: a resource limit (size, depth, nodes, aliases) was exceeded."""


class FileError(GovOpenError, OSError):
    """GOVOPEN_EIO: a file could not be read."""


class VersionError(GovOpenError, ValueError):
    """GOVOPEN_EVERSION: the document's format is newer than this library."""


class UserError(GovOpenError):
    """GOVOPEN_EUSER: reserved for callbacks that stop a walk."""


class RangeError(GovOpenError, ValueError):
    """GOVOPEN_ERANGE: a value outside its range (a date outside the calendar's years)."""


class StateError(GovOpenError, RuntimeError):
    """GOVOPEN_ESTATE: a call out of order (e.g. running an evaluation without an as-of date)."""


class StoppedError(GovOpenError):
    """GOVOPEN_ESTOPPED: a write callback stopped a writer (the binding raises the callback's own exception
    instead whenever it has one)."""


class ClosedError(ValueError):
    """An object was used after close() (like I/O on a closed file)."""


_BY_CODE: Dict[int, Type[GovOpenError]] = {
    Status.ENOMEM: OutOfMemoryError,
    Status.EINVALID: InvalidArgumentError,
    Status.EPARSE: ParseError,
    Status.ESCHEMA: SchemaError,
    Status.ENOTFOUND: NotFoundError,
    Status.ELIMIT: LimitError,
    Status.EIO: FileError,
    Status.EVERSION: VersionError,
    Status.EUSER: UserError,
    Status.ERANGE: RangeError,
    Status.ESTATE: StateError,
    Status.ESTOPPED: StoppedError,
}


def error_class(code: int) -> Type[GovOpenError]:
    """The exception class for a status code (GovOpenError for one this binding does not know)."""
    return _BY_CODE.get(code, GovOpenError)


def _text(b: Optional[bytes]) -> str:
    return b.decode("utf-8", "replace") if b else ""


def take_owned_text(ptr: ctypes.c_void_p, length: Optional[int] = None) -> str:
    """Copies text the library allocated for the caller, then releases it with govopen_free."""
    L = _lib.lib()
    try:
        if not ptr.value:
            return ""
        data = ctypes.string_at(ptr.value, length) if length is not None else ctypes.string_at(ptr.value)
        return data.decode("utf-8")
    finally:
        L.govopen_free(ptr.value)


def owned_text_call(fn: Any, *args: Any) -> str:
    """Calls a library function `fn(*args, char **out, size_t *len)` that hands
    out text the caller owns (a *_to_json), and returns that text; raises
    for a status other than GOVOPEN_OK."""
    out = ctypes.c_void_p()
    n = ctypes.c_size_t()
    rc = fn(*args, ctypes.byref(out), ctypes.byref(n))
    if rc != Status.OK:
        _lib.lib().govopen_free(out.value)
        check(rc)
    return take_owned_text(out, n.value)


def diagnostics(chain: "ctypes._Pointer[_lib._Error]") -> List[Diagnostic]:
    """Copies every diagnostic of a (borrowed or owned) chain; the chain is left as it is."""
    L = _lib.lib()
    out: List[Diagnostic] = []
    e = chain
    while e:
        text = ctypes.c_void_p()
        n = ctypes.c_size_t()
        if L.govopen_error_format(e, ctypes.byref(text), ctypes.byref(n)) == Status.OK:
            formatted = take_owned_text(text, n.value)
        else:
            formatted = _text(L.govopen_error_message(e))
        out.append(Diagnostic(
            code=L.govopen_error_code(e),
            severity="warning" if L.govopen_error_severity(e) == 1 else "error",
            message=_text(L.govopen_error_message(e)),
            source=_text(L.govopen_error_source(e)),
            line=L.govopen_error_line(e),
            column=L.govopen_error_column(e),
            path=_text(L.govopen_error_path(e)),
            text=formatted,
            id=_text(L.govopen_error_id(e)),
        ))
        e = L.govopen_error_next(e)
    return out


def take_chain(err: "ctypes._Pointer[_lib._Error]") -> List[Diagnostic]:
    """Copies a chain handed to the caller, then frees it (exactly once)."""
    try:
        return diagnostics(err)
    finally:
        if err:
            _lib.lib().govopen_error_free(err)


def make_error(code: int, errors: Sequence[Diagnostic], fallback: str = "") -> GovOpenError:
    """The exception for a failed call: its class by `code`, its details from the first error of that
    status (reading that stopped, after records rejected before it), else the first error."""
    cls = error_class(code)
    first = next((d for d in errors if d.is_error and d.code == code),
                 next((d for d in errors if d.is_error), errors[0] if errors else None))
    if first is None:
        return cls(fallback or status_str(code), code=code, errors=errors)
    if code == Status.ENOTFOUND and first.line == 0 and first.source and not first.source.startswith("builtin:"):
        # a file-level ENOTFOUND names the file as its source: the file does not exist
        e = MissingFileError(first.message, code=code, source=first.source, errors=errors, id=first.id)
        e.errno, e.strerror, e.filename = errno.ENOENT, first.message, first.source
        return e
    return cls(first.message, code=code, source=first.source, line=first.line, column=first.column,
               path=first.path, errors=errors, id=first.id)


def check(code: int, err: "Optional[ctypes._Pointer[_lib._Error]]" = None, fallback: str = "") -> None:
    """Frees `err` (when given) and raises the exception for `code` when it is not GOVOPEN_OK."""
    errors = take_chain(err) if err is not None else []
    if code != Status.OK:
        raise make_error(code, errors, fallback)
