"""Working-day calendars: weekends, public holidays and adjusted working days (调休)."""

from __future__ import annotations

import ctypes
import datetime
import weakref
from typing import Any, List, Optional, Union

from . import _lib
from ._errors import check
from ._handle import Closable, DateLike, Owned, PathLike, date_arg, int_arg, path_arg, text

__all__ = ["Calendar"]

_PRIVATE = object()


def _free_calendar(ptr: Any) -> None:
    _lib.lib().govopen_calendar_free(ptr)


def _date_out(buf: "ctypes.Array[ctypes.c_char]") -> datetime.date:
    return datetime.date.fromisoformat(buf.value.decode("ascii"))


class Calendar(Closable):
    """A loaded working-day calendar covering whole years. Immutable: one may be shared by threads.

    Dates are ``datetime.date`` objects or "YYYY-MM-DD" strings (a datetime
    gives its date). A malformed date raises :class:`~govopen.InvalidArgumentError`;
    a date outside the calendar's years :class:`~govopen.RangeError` — never a guess.
    Counting follows docs/calendar.md: a period starts the day after the event.
    """

    def __init__(self, _ptr: Any, _private: object = None) -> None:
        if _private is not _PRIVATE:
            raise TypeError("use Calendar.builtin(), Calendar.load() or Calendar.from_string()")
        self._owned = Owned(_ptr, _free_calendar, "calendar")
        self._finalizer = weakref.finalize(self, self._owned.release)

    @classmethod
    def builtin(cls, id: str = "cn") -> "Calendar":
        """A calendar compiled into the library, e.g. "cn" (mainland China, 2022–2026)."""
        out = _lib.CALENDAR()
        err = _lib.ERROR()
        rc = _lib.lib().govopen_calendar_load_builtin(ctypes.byref(out), id.encode("utf-8"), None, ctypes.byref(err))
        check(rc, err, fallback=f"no built-in calendar '{id}' (built-in: {', '.join(cls.builtins())})")
        return cls(out, _PRIVATE)

    @classmethod
    def load(cls, path: PathLike) -> "Calendar":
        """Loads and validates a calendar from a YAML file (a `base:` calendar's days are inherited)."""
        out = _lib.CALENDAR()
        err = _lib.ERROR()
        rc = _lib.lib().govopen_calendar_load_file(ctypes.byref(out), path_arg(path), None, ctypes.byref(err))
        check(rc, err)
        return cls(out, _PRIVATE)

    @classmethod
    def from_string(cls, data: Union[str, bytes], source_name: str = "<string>") -> "Calendar":
        """Loads and validates a calendar from YAML text; `source_name` names it in diagnostics."""
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        out = _lib.CALENDAR()
        err = _lib.ERROR()
        rc = _lib.lib().govopen_calendar_load_buffer(ctypes.byref(out), raw, len(raw), source_name.encode("utf-8"),
                                                     None, ctypes.byref(err))
        check(rc, err)
        return cls(out, _PRIVATE)

    @staticmethod
    def builtins() -> List[str]:
        """The ids of the calendars compiled into the library."""
        L = _lib.lib()
        return [text(L.govopen_builtin_calendar_id(i)) for i in range(L.govopen_builtin_calendar_count())]

    @staticmethod
    def builtin_yaml(id: str) -> str:
        """The YAML text of a built-in calendar (e.g. "cn"), as compiled into the library: a county
        writes its own calendar from a copy, or names it as its ``base:``. :class:`KeyError` when there is none."""
        n = ctypes.c_size_t()
        data = _lib.lib().govopen_builtin_calendar_yaml(id.encode("utf-8"), ctypes.byref(n))
        if data is None:
            raise KeyError(f"no built-in calendar '{id}' (built-in: {', '.join(Calendar.builtins())})")
        return bytes(data[:n.value]).decode("utf-8")

    # --- lifetime ---------------------------------------------------------------

    _kind = "calendar"

    def _handle(self) -> Any:
        return self._owned.ptr

    # --- metadata ---------------------------------------------------------------

    @property
    def id(self) -> str:
        """The calendar's id, e.g. "cn"."""
        return text(_lib.lib().govopen_calendar_id(self._check()))

    @property
    def name(self) -> str:
        """The calendar's name."""
        return text(_lib.lib().govopen_calendar_name(self._check()))

    @property
    def first_year(self) -> int:
        """The first year covered (1 January of it is the first day)."""
        return int(_lib.lib().govopen_calendar_first_year(self._check()))

    @property
    def last_year(self) -> int:
        """The last year covered (31 December of it is the last day)."""
        return int(_lib.lib().govopen_calendar_last_year(self._check()))

    @property
    def provenance(self) -> List[str]:
        """The notices the calendar rests on: its own, then its base's."""
        L, p = _lib.lib(), self._check()
        return [text(L.govopen_calendar_provenance(p, i)) for i in range(L.govopen_calendar_provenance_count(p))]

    # --- working days -----------------------------------------------------------

    def is_workday(self, date: DateLike) -> bool:
        """True when `date` is a working day (an adjusted working weekend day included)."""
        out = ctypes.c_int()
        err = _lib.ERROR()
        rc = _lib.lib().govopen_calendar_is_workday(self._check(), date_arg(date), ctypes.byref(out),
                                                    ctypes.byref(err))
        check(rc, err)
        return bool(out.value)

    def add_workdays(self, date: DateLike, n: int) -> datetime.date:
        """The `n`th working day after `date` (`n` >= 0; 0 gives `date` back)."""
        buf = ctypes.create_string_buffer(_lib.DATE_SIZE)
        err = _lib.ERROR()
        rc = _lib.lib().govopen_calendar_add_workdays(self._check(), date_arg(date), int_arg(n, "n"), buf,
                                                      ctypes.byref(err))
        check(rc, err)
        return _date_out(buf)

    def workdays_between(self, d1: DateLike, d2: DateLike) -> int:
        """The number of working days after `d1` up to and including `d2`; 0 when `d2` <= `d1`."""
        out = ctypes.c_int()
        err = _lib.ERROR()
        rc = _lib.lib().govopen_calendar_workdays_between(self._check(), date_arg(d1, "d1"), date_arg(d2, "d2"),
                                                          ctypes.byref(out), ctypes.byref(err))
        check(rc, err)
        return int(out.value)

    def add_days(self, date: DateLike, n: int, roll: bool = True) -> datetime.date:
        """`date` plus `n` calendar days; with `roll`, a day off moves forward to the next working day."""
        buf = ctypes.create_string_buffer(_lib.DATE_SIZE)
        err = _lib.ERROR()
        rc = _lib.lib().govopen_calendar_add_days(self._check(), date_arg(date), int_arg(n, "n"), 1 if roll else 0,
                                                  buf, ctypes.byref(err))
        check(rc, err)
        return _date_out(buf)

    def day_name(self, date: DateLike) -> str:
        """The holiday `date` belongs to ("国庆节"), for days off and adjusted working days; "" otherwise.

        A malformed date or one outside the calendar raises, as elsewhere.
        """
        self.is_workday(date)  # the C function answers "" for a bad date: validate it first
        return text(_lib.lib().govopen_calendar_day_name(self._check(), date_arg(date)))

    def __repr__(self) -> str:
        if self.closed:
            return "<Calendar (closed)>"
        return f"<Calendar {self.id} {self.first_year}–{self.last_year}>"


