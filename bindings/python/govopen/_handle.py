"""Ownership of C handles: each is freed exactly once, when its last holder lets go."""

from __future__ import annotations

import datetime
import os
import threading
from types import TracebackType
from typing import Any, Callable, Optional, Type, TypeVar, Union

from ._errors import ClosedError, InvalidArgumentError

DateLike = Union[datetime.date, str]
PathLike = Union[str, "os.PathLike[str]"]


class Owned:
    """A C handle with a count of holders.

    The object that created the handle holds it once; objects that borrow from
    it in C (an evaluation or a result borrows its framework) :meth:`acquire`
    it too. The handle is freed by the last :meth:`release`, so closing a
    framework while a result still refers to it never leaves the result with
    a dangling pointer.
    """

    __slots__ = ("_ptr", "_free", "_refs", "_lock", "_what")

    def __init__(self, ptr: Any, free: Callable[[Any], None], what: str) -> None:
        self._ptr = ptr
        self._free = free
        self._refs = 1
        self._lock = threading.Lock()
        self._what = what

    @property
    def ptr(self) -> Any:
        """The C pointer; ClosedError once freed."""
        ptr = self._ptr
        if ptr is None:
            raise ClosedError(f"the {self._what} is closed")
        return ptr

    def acquire(self) -> Any:
        """Adds a holder and returns the pointer; ClosedError when already freed."""
        with self._lock:
            if self._refs == 0:
                raise ClosedError(f"the {self._what} is closed")
            self._refs += 1
            return self._ptr

    def release(self) -> None:
        """Removes a holder; the last one frees the handle."""
        with self._lock:
            if self._refs == 0:
                return
            self._refs -= 1
            if self._refs:
                return
            ptr, self._ptr = self._ptr, None
        self._free(ptr)


def date_arg(value: DateLike, what: str = "date") -> bytes:
    """A date for the C API: a datetime.date (a datetime gives its date) or "YYYY-MM-DD" text."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat().encode("ascii")
    if isinstance(value, str):
        return value.encode("utf-8")
    raise TypeError(f"{what} must be a datetime.date or a 'YYYY-MM-DD' string, not {type(value).__name__}")


def int_arg(value: int, what: str, bits: int = 32) -> int:
    """An integer that fits the C parameter (ctypes would silently truncate it)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    if not lo <= value <= hi:
        raise InvalidArgumentError(f"{what} = {value} is out of range")
    return value


def path_arg(path: PathLike) -> bytes:
    """A file path for the C API (the file system's encoding)."""
    return os.fsencode(os.fspath(path))


def text(b: Optional[bytes]) -> str:
    """A borrowed string, already copied by ctypes, decoded; "" for NULL."""
    return b.decode("utf-8", "replace") if b else ""


class Closable:
    """``close()``, ``closed`` and the ``with`` statement for an object that owns a
    C handle through ``self._finalizer`` (a :class:`weakref.finalize`).

    Subclasses set ``_kind`` (named in :class:`ClosedError`) and ``_handle()`` (the
    pointer to hand to C)."""

    _finalizer: Any
    _kind: str = "object"

    def close(self) -> None:
        """Releases the object. Idempotent; using it afterwards raises :class:`ClosedError`."""
        self._finalizer()

    @property
    def closed(self) -> bool:
        """True once :meth:`close` was called."""
        return not self._finalizer.alive

    def __enter__(self: _C) -> _C:
        self._check()
        return self

    def __exit__(self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException],
                 tb: Optional[TracebackType]) -> None:
        self.close()

    def _handle(self) -> Any:
        raise NotImplementedError

    def _check(self) -> Any:
        """The C handle, or :class:`ClosedError` once closed."""
        if not self._finalizer.alive:
            raise ClosedError(f"the {self._kind} is closed")
        return self._handle()


_C = TypeVar("_C", bound=Closable)
