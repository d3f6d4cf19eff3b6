"""Evaluations: observations in, explained scores out."""

from __future__ import annotations

import codecs
import ctypes
import datetime
import enum
import io
import json
import os
import threading
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import IO, Any, Callable, Dict, List, NamedTuple, Optional, Tuple, Union

from . import _lib
from ._errors import Diagnostic, InvalidArgumentError, NotFoundError, Status, check, diagnostics, \
    owned_text_call, take_chain
from ._handle import Closable, DateLike, Owned, PathLike, date_arg, int_arg, path_arg, text
from .framework import Adjustment, Framework, Point, Unit

__all__ = ["Evaluation", "Result", "UnitResult", "Cell", "Reason", "SamplePosition", "CountyResult", "CellStatus",
           "Observations", "TABLES", "AppliedAdjustment", "Fingerprint", "Input"]

#: What :meth:`Evaluation.add` takes: one observation, a list of them, or a file.
Observations = Union[Mapping, Iterable, "os.PathLike[str]"]  # a str is refused: add_path() or add_text()

_FORMATS = {"auto": 0, "jsonl": 1, "json": 2, "yaml": 3, "csv": 4}
# Evaluation settings (govopen_eval_option).
_OPT_NOT_EVALUATED, _OPT_COUNTY, _OPT_MAX_NAMED, _OPT_STRICT = 1, 2, 3, 4
_OPT_MAX_KEYS = 8
_OPT_MAX_DIAGNOSTICS = 9
_OPT_MIN_COVERAGE = 10
# Every numbered setting by the name Result.settings gives it (govopen_result_setting).
_SETTINGS = ("not_evaluated", "county", "max_named", "strict", "max_steps", "max_observations", "jobs", "max_keys",
             "max_diagnostics", "min_coverage")
_KINDS = 5  # govopen_kind: town … other
_NOT_EVALUATED = {"skip": 0, "zero": 1}
_COUNTY = {"mean": 0, "min": 1}
_SEVERITIES = ("loss", "warning", "info")
_JSON_PRETTY = 1
# Report flags (report.h).
_REPORT_LANG_EN, _CSV_NO_BOM = 1, 2
_LANGS = {"zh": 0, "en": _REPORT_LANG_EN}

#: The CSV tables of a result (:meth:`Result.write_csv`; docs/reports.md).
TABLES = ("rankings", "scorecards", "indicators", "rectify", "county", "adjustments")


def _lang_flag(lang: str) -> int:
    try:
        return _LANGS[lang]
    except (KeyError, TypeError):
        raise InvalidArgumentError(f"lang must be 'zh' or 'en', not {lang!r}", code=Status.EINVALID) from None


def _table_id(table: str) -> int:
    """The library's number for a table's name (govopen_table_name)."""
    L = _lib.lib()
    t = 1
    while True:
        name = L.govopen_table_name(t)
        if name is None:
            break
        if isinstance(table, str) and text(name) == table:
            return t
        t += 1
    raise InvalidArgumentError(f"unknown table {table!r} (one of {', '.join(TABLES)})", code=Status.EINVALID)


class CellStatus(str, enum.Enum):
    """The status of one unit × point; compares equal to its name ("scored" …)."""

    SCORED = "scored"
    NOT_EVALUATED = "not_evaluated"  # 未评估: no observation, or none that could be judged yet
    VETOED = "vetoed"
    ERROR = "error"  # the rule could not be applied (an expression's run-time error or step limit): scored 0

    def __str__(self) -> str:
        return self.value


_STATUSES = (CellStatus.SCORED, CellStatus.NOT_EVALUATED, CellStatus.VETOED, CellStatus.ERROR)


class SamplePosition(NamedTuple):
    """Where a sample a reason names was read: its record, or its entry of the record's ``samples``."""

    source: str  # the file (or source name) it came from
    line: int  # 1-based
    column: int  # 1-based, in characters


@dataclass(frozen=True)
class Reason:
    """Why points were lost (or a warning or a note): a machine code, a Chinese sentence, and what it stands on.

    The text never holds the evidence: ``evidence`` has each piece the named
    samples' ``evidence`` gave (a list gives one piece per string, each
    distinct piece once), ``note`` the evaluators' ``note`` (several joined
    with "；"), ``samples`` the position of each sample named
    (docs/results.md, "Reasons as data").
    """

    code: str  # e.g. "deadline.late"
    severity: str  # "loss", "warning" or "info"
    text: str
    evidence: Tuple[str, ...] = ()
    note: Optional[str] = None
    samples: Tuple[SamplePosition, ...] = ()


@dataclass(frozen=True)
class Cell:
    """One unit × point of a result."""

    unit: str  # the unit's id
    point: str  # the point's id
    status: CellStatus
    score: Optional[float]  # None when not evaluated (0.0 for an error: judged failed)
    max: float
    reasons: Tuple[Reason, ...]
    samples: int = 0  # samples observed
    judged: int = 0  # samples the rule could judge
    # points of the unit's total lost here (docs/results.md, "One total, one rule"); 0.0 when it does not count
    lost: float = 0.0


@dataclass(frozen=True)
class AppliedAdjustment(Adjustment):
    """A triggered adjustment (备注) in a result: the framework's id, delta and text, and what the
    observation gave — its date (its ``observed`` date, else the as-of date), its evidence as a
    list, its note. ``applied`` is False for a unit vetoed as a whole or not scored; ``why`` then
    says which ("vetoed", "not_scored")."""

    date: Optional[datetime.date] = None
    evidence: Tuple[str, ...] = ()
    note: Optional[str] = None
    applied: bool = True
    why: Optional[str] = None


@dataclass(frozen=True)
class UnitResult:
    """A unit's scorecard. ``raw``, ``possible``, ``total`` are None when the unit is not scored."""

    id: str
    name: str
    kind: str
    index: int
    scored: bool
    vetoed: bool
    raw: Optional[float]
    possible: Optional[float]
    total: Optional[float]
    rank: Optional[int]  # among units of the same kind; None when unranked
    grade: Optional[str]
    indicators: Dict[str, float] = field(default_factory=dict)  # evaluated indicators: id -> score
    # What the total stands on (docs/results.md, "Coverage"): the evaluated share of the maximum of
    # every point the unit is responsible for (0 … 1), its points evaluated and applicable; low_coverage
    # when it is ranked below the run's min_coverage (still ranked, marked in every ranking).
    coverage: float = 0.0
    points_evaluated: int = 0
    points_applicable: int = 0
    low_coverage: bool = False
    ranked_of: int = 0  # units ranked in its kind
    indicator_possible: Dict[str, float] = field(default_factory=dict)  # evaluated indicators: id -> evaluated max
    indicator_max: Dict[str, float] = field(default_factory=dict)  # evaluated indicators: id -> maximum
    # the adjustments aimed at the unit, in input order, applied or not
    adjustments: Tuple[AppliedAdjustment, ...] = ()
    # the total reconciled (docs/results.md): None when not scored;
    # maximum - total == sum(cell.lost) + rounding - sum(applied deltas) + (unclamped - total)
    maximum: Optional[float] = None
    normalised: Optional[float] = None
    rounding: Optional[float] = None
    unclamped: Optional[float] = None
    # the coverage in percent as the JSON's coverage_percent: rounded DOWN to the hundredth (66.66)
    coverage_percent: float = 0.0
    # the reconciliation's sums, added in hundredths by the library: sum(cell.lost) and the applied
    # deltas (0.0 when not scored)
    points_lost: float = 0.0
    adjustments_sum: float = 0.0

    @property
    def lost(self) -> Optional[float]:
        """共失: maximum − total (None when not scored)."""
        return None if self.maximum is None or self.total is None else round(self.maximum - self.total, 2)


@dataclass(frozen=True)
class CountyResult:
    """The county's view: each point's score over its units (mean or min), summed, normalised and adjusted."""

    raw: float
    possible: float
    normalised: float
    total: float
    grade: Optional[str]
    points: Dict[str, Optional[float]]  # point id -> county score, None when no unit was evaluated
    adjustments: Tuple[AppliedAdjustment, ...]
    # normalised + adjustments before the framework's cap_adjusted kept the total within 0 … total
    unclamped: float = 0.0
    # what the total stands on: the evaluated share of the points' maximum, points evaluated and applicable
    coverage: float = 0.0
    points_evaluated: int = 0
    points_applicable: int = 0
    indicators: Dict[str, float] = field(default_factory=dict)  # evaluated indicators: id -> score
    indicator_possible: Dict[str, float] = field(default_factory=dict)  # evaluated indicators: id -> evaluated max
    # the total reconciled (docs/results.md): framework total − normalised − sum(point_lost)
    rounding: float = 0.0
    point_lost: Dict[str, float] = field(default_factory=dict)  # point id -> points of the total lost there
    maximum: float = 0.0  # the framework's total (0.0 when no point was evaluated)
    coverage_percent: float = 0.0  # as the JSON's coverage_percent: rounded DOWN to the hundredth
    # the reconciliation's sums, added in hundredths by the library: sum(point_lost) and the deltas
    points_lost: float = 0.0
    adjustments_sum: float = 0.0

    @property
    def lost(self) -> float:
        """共失: maximum − total."""
        return round(self.maximum - self.total, 2)

    @property
    def clamped(self) -> bool:
        """True when cap_adjusted changed the total (see `unclamped`)."""
        return self.unclamped != self.total


@dataclass(frozen=True)
class Input:
    """One input a result was made from: a file or a buffer added to the evaluation, in order."""

    name: str      # the file's path, or the buffer's source name
    digest: str    # SHA-256 of its bytes as read (64 lowercase hex digits), as ``sha256sum`` gives it
    records: int   # records read: accepted + rejected
    accepted: int
    rejected: int


@dataclass(frozen=True)
class Fingerprint:
    """What a result was made from (docs/results.md, "fingerprint").

    `digest` covers the version, the framework's digest, the calendar, the
    as-of date, the period, the numbered settings and every input's digest and
    counts, in a documented canonical order; names of inputs and files are
    reported here but are not part of it.
    """

    digest: str                     # the fingerprint: 64 lowercase hex digits
    version: str                    # the library's version
    framework_id: str
    framework_digest: str           # SHA-256 of the framework's canonical form (overlays resolved)
    calendar: str                   # a built-in calendar's id, or the county calendar file's path
    calendar_digest: Optional[str]  # the county calendar file's SHA-256; None for a built-in calendar
    as_of: datetime.date
    inputs: Tuple[Input, ...]
    # the evaluation period (first, last), inclusive
    period: Optional[Tuple[datetime.date, datetime.date]] = None
    # the numbered settings as run and as the fingerprint covers them: every one but ``jobs``, as
    # integers (not_evaluated 0/1, county 0/1, strict 0/1, max_named, …), named as in the JSON
    settings: Dict[str, int] = field(default_factory=dict)

    @property
    def short(self) -> str:
        """The first 16 hex digits, as the reports' footers print them."""
        return self.digest[:16]


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"an observation holds {type(value).__name__}, which is not JSON")


class _EvaluationFree:
    """Frees an evaluation, then lets go of its framework."""

    __slots__ = ("fw",)

    def __init__(self, fw: Owned) -> None:
        self.fw = fw

    def __call__(self, ptr: Any) -> None:
        _lib.lib().govopen_evaluation_free(ptr)
        self.fw.release()


def _free_result(ptr: Any, fw: Owned) -> None:
    _lib.lib().govopen_result_free(ptr)
    fw.release()


def _format_id(format: str) -> int:
    try:
        return _FORMATS[format]
    except KeyError:
        raise InvalidArgumentError(f"unknown observation format '{format}' (one of {', '.join(_FORMATS)})",
                                   code=Status.EINVALID) from None


class Evaluation(Closable):
    """An evaluation of a framework: settings and observations; :meth:`run` gives a :class:`Result`.

    Settings left as None keep the framework's own policy, else the library's default:
    ``not_evaluated`` "skip" (a point without observations leaves the unit's
    denominator) or "zero"; ``county`` "mean" or "min"; ``max_named`` failing
    samples named in a reason (3); ``strict`` stops at the first bad
    observation; ``max_keys`` the most keys one observation record may hold,
    counted at every depth (1024; 1 … 10,000,000: a record with more is
    rejected at its first key beyond, a CSV header naming more columns refuses
    the worksheet); ``as_of`` (required unless the framework gives one) and
    ``period`` (first, last) are dates; ``calendar_file`` a county's own calendar;
    ``max_diagnostics`` diagnostics of rejected observations kept (1,000; the
    last one counts the others, each rejection is still counted);
    ``min_coverage`` the percentage (0 … 100, default 50) of a unit's
    maximum that must have been evaluated for its rank not to be marked
    (docs/results.md, "Coverage"; 0 marks none).

    One thread at a time (calls are serialised by a lock); several evaluations
    of one framework may run in parallel threads.
    """

    def __init__(self, framework: Framework, *, as_of: Optional[DateLike] = None,
                 period: Optional[Tuple[DateLike, DateLike]] = None, not_evaluated: Optional[str] = None,
                 county: Optional[str] = None, max_named: Optional[int] = None, strict: Optional[bool] = None,
                 calendar_file: Optional[PathLike] = None, max_diagnostics: Optional[int] = None,
                 max_keys: Optional[int] = None, min_coverage: Optional[int] = None) -> None:
        if not isinstance(framework, Framework):
            raise TypeError(f"an Evaluation needs a Framework, not {type(framework).__name__}")
        framework._check()
        fw_ptr = framework._owned.acquire()
        out = _lib.EVALUATION()
        err = _lib.ERROR()
        try:
            check(_lib.lib().govopen_evaluation_new(ctypes.byref(out), fw_ptr, ctypes.byref(err)), err)
        except BaseException:
            framework._owned.release()
            raise
        self._fw = framework
        self._ptr_ = out
        self._lock = threading.RLock()
        # Freed by close(), at the end of a `with` block or when collected; results do not hold it.
        self._owned = Owned(out, _EvaluationFree(framework._owned), "evaluation")
        self._finalizer = weakref.finalize(self, self._owned.release)
        try:
            if as_of is not None:
                self.set_as_of(as_of)
            if period is not None:
                self.set_period(*period)
            if not_evaluated is not None:
                self._set_choice(_OPT_NOT_EVALUATED, "not_evaluated", not_evaluated, _NOT_EVALUATED)
            if county is not None:
                self._set_choice(_OPT_COUNTY, "county", county, _COUNTY)
            if max_named is not None:
                self._set_int(_OPT_MAX_NAMED, "max_named", int_arg(max_named, "max_named", 64))
            if strict is not None:
                self._set_int(_OPT_STRICT, "strict", 1 if strict else 0)
            if max_keys is not None:
                self._set_int(_OPT_MAX_KEYS, "max_keys", int_arg(max_keys, "max_keys", 64))
            if calendar_file is not None:
                self.set_calendar_file(calendar_file)
            if max_diagnostics is not None:
                self._set_int(_OPT_MAX_DIAGNOSTICS, "max_diagnostics", int_arg(max_diagnostics, "max_diagnostics", 64))
            if min_coverage is not None:
                self._set_int(_OPT_MIN_COVERAGE, "min_coverage", int_arg(min_coverage, "min_coverage", 64))
        except BaseException:
            self.close()
            raise

    # --- lifetime ---------------------------------------------------------------

    _kind = "evaluation"

    def close(self) -> None:
        """Releases the evaluation (results already made stay valid). Idempotent."""
        with self._lock:
            self._finalizer()

    def _handle(self) -> Any:
        return self._ptr_

    @property
    def framework(self) -> Framework:
        """The framework evaluated."""
        return self._fw

    # --- settings ---------------------------------------------------------------

    def set_as_of(self, date: DateLike) -> None:
        """The as-of date: deadlines still open are judged at it."""
        err = _lib.ERROR()
        with self._lock:
            rc = _lib.lib().govopen_evaluation_set_as_of(self._check(), date_arg(date, "as_of"), ctypes.byref(err))
        check(rc, err)

    def set_period(self, first: DateLike, last: DateLike) -> None:
        """The evaluation period, inclusive (default: the framework's year)."""
        err = _lib.ERROR()
        with self._lock:
            rc = _lib.lib().govopen_evaluation_set_period(self._check(), date_arg(first, "period"),
                                                          date_arg(last, "period"), ctypes.byref(err))
        check(rc, err)

    def set_calendar_file(self, path: PathLike) -> None:
        """Uses a county's own calendar file instead of the built-in calendar the framework names."""
        err = _lib.ERROR()
        with self._lock:
            rc = _lib.lib().govopen_evaluation_set_calendar_file(self._check(), path_arg(path), ctypes.byref(err))
        check(rc, err)

    def _set_int(self, option: int, name: str, value: int) -> None:
        err = _lib.ERROR()
        with self._lock:
            rc = _lib.lib().govopen_evaluation_set_int_ex(self._check(), option, value, ctypes.byref(err))
        check(rc, err, fallback=f"invalid setting {name}={value!r}")

    def _set_choice(self, option: int, name: str, value: str, choices: Dict[str, int]) -> None:
        if value not in choices:
            raise InvalidArgumentError(f"{name} must be one of {', '.join(map(repr, choices))}, not {value!r}",
                                       code=Status.EINVALID)
        self._set_int(option, name, choices[value])

    # --- observations -----------------------------------------------------------

    def add(self, observations: Observations, *, format: str = "auto", source_name: Optional[str] = None) -> int:
        """Adds observations; returns how many of them were accepted.

        `observations` is one observation (a dict), a list of dicts (sent as
        JSON Lines, so a diagnostic's line is the item's position + 1; dates
        may be ``datetime.date``), or a path given as a :class:`pathlib.Path`
        (any ``os.PathLike``): see :meth:`add_path`. A plain ``str`` is
        refused with a TypeError, since it could be a path or a text: say
        which with :meth:`add_path` or :meth:`add_text`. Bad
        observations are rejected, with diagnostics (:attr:`diagnostics`), and
        the rest still count; with ``strict`` the first one raises. A sample
        that cannot be judged (a date outside the calendar's years) is rejected
        the same way.

        When reading stops before the end of the input (a YAML alias, syntax
        error or second document, a malformed JSON document, a limit) it
        raises (ParseError, LimitError …, by the status): its ``errors`` hold
        the call's diagnostics, the one where reading stopped saying from
        which line and column the rest was not read; nothing of the call is
        kept, so the fixed input can be added again.
        """
        if isinstance(observations, os.PathLike):
            return self.add_path(observations, format=format)
        if isinstance(observations, str):
            raise TypeError("add() takes a str neither as a path nor as a text: use add_path(path) for a file "
                            "or add_text(text) for observations as text (or pass a pathlib.Path)")
        if isinstance(observations, Mapping):
            items: List[Any] = [observations]
            name = source_name or "<dict>"
        elif isinstance(observations, (bytes, bytearray)):
            raise TypeError("observations as text go through add_text()")
        elif isinstance(observations, Iterable):
            items = list(observations)
            name = source_name or "<list>"
        else:
            raise TypeError(f"observations must be a dict, a list of dicts or a path, not {type(observations).__name__}")
        for i, item in enumerate(items):
            if not isinstance(item, Mapping):
                raise TypeError(f"observation {i} is a {type(item).__name__}, not a dict")
        if not items:
            return 0
        data = "\n".join(json.dumps(o, ensure_ascii=False, allow_nan=False, default=_json_default) for o in items)
        return self._add_buffer((data + "\n").encode("utf-8"), name, _FORMATS["jsonl"])

    def add_path(self, path: PathLike, *, format: str = "auto") -> int:
        """Adds the observations of a file: JSON Lines, a JSON array, YAML, or a
        worksheet (.csv: :meth:`Framework.write_worksheet`, filled in);
        `format` "auto" goes by the extension, then the content. `path` is a
        ``str``, ``bytes`` or ``os.PathLike``. Returns how many were
        accepted; raises as :meth:`add` does, and
        :class:`~govopen.MissingFileError` (a ``FileNotFoundError``) when the
        file does not exist.
        """
        if not isinstance(path, (str, bytes, os.PathLike)):
            raise TypeError(f"add_path() needs a path, not {type(path).__name__}")
        fmt = _format_id(format)
        err = _lib.ERROR()
        with self._lock:
            before = _lib.lib().govopen_evaluation_observation_count(self._check())
            rc = _lib.lib().govopen_evaluation_add_file(self._ptr_, path_arg(path), fmt, ctypes.byref(err))
            after = _lib.lib().govopen_evaluation_observation_count(self._ptr_)
        check(rc, err)
        return int(after - before)

    def add_text(self, data: Union[str, bytes], format: str = "auto", source_name: str = "<text>") -> int:
        """Adds observations from text: JSON Lines, a JSON array or YAML ("auto" detects which), or a CSV worksheet (format "csv").

        Returns how many were accepted; `source_name` names the text in diagnostics.
        """
        if not isinstance(data, (str, bytes, bytearray, memoryview)):
            raise TypeError(f"add_text() needs a str or bytes, not {type(data).__name__}")
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        return self._add_buffer(raw, source_name, _format_id(format))

    def _add_buffer(self, raw: bytes, source_name: str, fmt: int) -> int:
        err = _lib.ERROR()
        L = _lib.lib()
        with self._lock:
            before = L.govopen_evaluation_observation_count(self._check())
            rc = L.govopen_evaluation_add_buffer(self._ptr_, raw, len(raw), source_name.encode("utf-8"), fmt,
                                                 ctypes.byref(err))
            after = L.govopen_evaluation_observation_count(self._ptr_)
        check(rc, err)
        return int(after - before)

    @property
    def accepted(self) -> int:
        """Observations accepted so far."""
        with self._lock:
            return int(_lib.lib().govopen_evaluation_observation_count(self._check()))

    @property
    def rejected(self) -> int:
        """Observations rejected so far (each has a diagnostic)."""
        with self._lock:
            return int(_lib.lib().govopen_evaluation_rejected_count(self._check()))

    @property
    def diagnostics(self) -> List[Diagnostic]:
        """Why each rejected observation was rejected, with its source, line and column."""
        with self._lock:
            return diagnostics(_lib.lib().govopen_evaluation_diagnostics(self._check()))

    # --- running ----------------------------------------------------------------

    def run(self) -> "Result":
        """Scores the observations; the :class:`Result` outlives the evaluation.

        :class:`~govopen.StateError` without an as-of date.
        """
        out = _lib.RESULT()
        err = _lib.ERROR()
        with self._lock:
            rc = _lib.lib().govopen_evaluation_run(self._check(), ctypes.byref(out), ctypes.byref(err))
        check(rc, err)
        return Result(out, self._fw, _PRIVATE)

    def write_json(self, file: Union[PathLike, IO[bytes], IO[str]], pretty: bool = True) -> None:
        """Runs the evaluation and streams its result's JSON to `file`.

        The text is that of ``run().write_json(file, pretty)``, but the
        result's reasons are rendered unit by unit as they are written and
        never all held: the way to write out a province's evaluation. `file`
        is as for :meth:`Result.write_json`. The evaluation is unchanged.
        """
        with self._lock:
            handle = self._check()  # before a path is truncated
            flags = _JSON_PRETTY if pretty else 0

            def invoke(cb: Any) -> Any:
                err = _lib.ERROR()
                rc = _lib.lib().govopen_evaluation_write_json(handle, flags, cb, None, ctypes.byref(err))
                return rc, err

            _stream(file, invoke, "write_json")

    def __repr__(self) -> str:
        if self.closed:
            return "<Evaluation (closed)>"
        return f"<Evaluation of {self._fw.id}: {self.accepted} accepted, {self.rejected} rejected>"


_PRIVATE = object()


class Result(Closable):
    """The outcome of :meth:`Evaluation.run`. Immutable; may be read by several threads.

    Units and points are named by id, name or alias (or given as
    :class:`~govopen.Unit` / :class:`~govopen.Point`). The result keeps its
    framework's C data alive even if the Framework object is closed, and
    nothing of its evaluation: closing (or dropping) the Evaluation frees the
    C evaluation at once, and the result stays readable (evaluate.h: a result
    outlives its evaluation).
    """

    def __init__(self, _ptr: Any, framework: Framework, _private: object = None) -> None:
        if _private is not _PRIVATE:
            raise TypeError("results come from Evaluation.run()")
        self._fw = framework
        self._fw_owned = framework._owned
        # Only the framework: the C result copies what it keeps of its evaluation
        # (evaluate.h), so it holds no reference to it.
        self._fwp = framework._owned.acquire()
        self._ptr_ = _ptr
        self._finalizer = weakref.finalize(self, _free_result, _ptr, framework._owned)

    _kind = "result"

    def _handle(self) -> Any:
        return self._ptr_

    @property
    def framework(self) -> Framework:
        """The framework evaluated."""
        return self._fw

    @property
    def as_of(self) -> datetime.date:
        """The as-of date."""
        return datetime.date.fromisoformat(text(_lib.lib().govopen_result_as_of(self._check())))

    @property
    def accepted(self) -> int:
        """Observations accepted."""
        return int(_lib.lib().govopen_result_observation_count(self._check()))

    @property
    def rejected(self) -> int:
        """Observations rejected."""
        return int(_lib.lib().govopen_result_rejected_count(self._check()))

    @property
    def fingerprint(self) -> Fingerprint:
        """What the result was made from: :class:`Fingerprint`."""
        L, r = _lib.lib(), self._check()
        inputs = tuple(Input(name=text(L.govopen_result_input_name(r, i)),
                             digest=text(L.govopen_result_input_digest(r, i)),
                             records=int(L.govopen_result_input_records(r, i)),
                             accepted=int(L.govopen_result_input_accepted(r, i)),
                             rejected=int(L.govopen_result_input_rejected(r, i)))
                       for i in range(L.govopen_result_input_count(r)))
        cal_digest = L.govopen_result_calendar_digest(r)
        settings: Dict[str, int] = {}
        value = ctypes.c_int64()
        for option, name in enumerate(_SETTINGS, start=1):
            if name != "jobs":  # changes nothing: not in the fingerprint
                check(L.govopen_result_setting(r, option, ctypes.byref(value)), fallback=f"no setting {name}")
                settings[name] = int(value.value)
        return Fingerprint(digest=text(L.govopen_result_fingerprint(r)),
                           version=text(L.govopen_version_string()),
                           framework_id=text(L.govopen_framework_id(self._fwp)),
                           framework_digest=text(L.govopen_result_framework_digest(r)),
                           calendar=text(L.govopen_result_calendar(r)),
                           calendar_digest=text(cal_digest) if cal_digest is not None else None,
                           as_of=datetime.date.fromisoformat(text(L.govopen_result_as_of(r))),
                           inputs=inputs, period=self.period, settings=settings)

    # --- lookups (through the result's own hold on the framework) ------------------

    def _unit_index(self, key: Union[str, Unit]) -> int:
        L = _lib.lib()
        if isinstance(key, Unit):
            if key._fw._owned is not self._fw_owned:
                raise ValueError(f"{key!r} belongs to another framework")
            return int(L.govopen_unit_index(key._p))
        u = L.govopen_framework_unit_find(self._fwp, key.encode("utf-8"))
        if not u:
            raise NotFoundError(f"no unit '{key}' in {text(L.govopen_framework_id(self._fwp))}",
                                code=Status.ENOTFOUND)
        return int(L.govopen_unit_index(u))

    def _point_index(self, key: Union[str, Point]) -> int:
        L = _lib.lib()
        if isinstance(key, Point):
            if key._fw._owned is not self._fw_owned:
                raise ValueError(f"{key!r} belongs to another framework")
            return int(L.govopen_point_index(key._p))
        p = L.govopen_framework_point_by_id(self._fwp, key.encode("utf-8"))
        if not p:
            raise NotFoundError(f"no point '{key}' in {text(L.govopen_framework_id(self._fwp))}",
                                code=Status.ENOTFOUND)
        return int(L.govopen_point_index(p))

    # --- units ------------------------------------------------------------------

    def unit(self, key: Union[str, Unit]) -> UnitResult:
        """A unit's scorecard, by id, name or alias. NotFoundError for an unknown unit."""
        r = self._check()
        return self._unit_result(r, self._unit_index(key))

    def _unit_result(self, r: Any, i: int) -> UnitResult:
        L, fw = _lib.lib(), self._fwp
        u = L.govopen_framework_unit(fw, i)
        scored = bool(L.govopen_result_unit_scored(r, i))
        rank = int(L.govopen_result_unit_rank(r, i))
        grade = L.govopen_result_unit_grade(r, i)
        indicators: Dict[str, float] = {}
        possible: Dict[str, float] = {}
        maximum: Dict[str, float] = {}
        if scored:
            for n in range(L.govopen_framework_node_count(fw)):
                s = L.govopen_result_unit_node_score(r, i, n)
                if s >= 0:
                    node_id = text(L.govopen_node_id(L.govopen_framework_node(fw, n)))
                    indicators[node_id] = float(s)
                    possible[node_id] = float(L.govopen_result_unit_node_possible(r, i, n))
                    maximum[node_id] = float(L.govopen_result_unit_node_maximum(r, i, n))
        kind = L.govopen_unit_kind_name(L.govopen_unit_kind(u))
        return UnitResult(
            id=text(L.govopen_unit_id(u)), name=text(L.govopen_unit_name(u)), kind=text(kind), index=i,
            scored=scored, vetoed=bool(L.govopen_result_unit_vetoed(r, i)),
            raw=float(L.govopen_result_unit_raw(r, i)) if scored else None,
            possible=float(L.govopen_result_unit_possible(r, i)) if scored else None,
            total=float(L.govopen_result_unit_total(r, i)) if scored else None,
            rank=rank or None, grade=text(grade) if grade is not None else None, indicators=indicators,
            coverage=float(L.govopen_result_unit_coverage(r, i)),
            points_evaluated=int(L.govopen_result_unit_points_evaluated(r, i)),
            points_applicable=int(L.govopen_result_unit_points_applicable(r, i)),
            low_coverage=L.govopen_result_unit_low_coverage(r, i) == 1,
            ranked_of=int(L.govopen_result_unit_ranked_of(r, i)), indicator_possible=possible,
            indicator_max=maximum,
            adjustments=tuple(self._unit_adjustments(r, i)),
            maximum=float(L.govopen_result_unit_maximum(r, i)) if scored else None,
            normalised=float(L.govopen_result_unit_normalised(r, i)) if scored else None,
            rounding=float(L.govopen_result_unit_rounding(r, i)) if scored else None,
            unclamped=float(L.govopen_result_unit_unclamped(r, i)) if scored else None,
            coverage_percent=float(L.govopen_result_unit_coverage_percent(r, i)),
            points_lost=float(L.govopen_result_unit_points_lost(r, i)),
            adjustments_sum=float(L.govopen_result_unit_adjustments(r, i)))

    def _unit_adjustments(self, r: Any, u: int) -> List[AppliedAdjustment]:
        L, fw = _lib.lib(), self._fwp
        out = []
        for i in range(L.govopen_result_unit_adjustment_count(r, u)):
            k = L.govopen_result_unit_adjustment_index(r, u, i)
            note, why = L.govopen_result_unit_adjustment_note(r, u, i), L.govopen_result_unit_adjustment_why(r, u, i)
            out.append(AppliedAdjustment(
                text(L.govopen_framework_adjustment_id(fw, k)), float(L.govopen_result_unit_adjustment_delta(r, u, i)),
                text(L.govopen_framework_adjustment_text(fw, k)),
                date=datetime.date.fromisoformat(text(L.govopen_result_unit_adjustment_date(r, u, i))),
                evidence=tuple(text(L.govopen_result_unit_adjustment_evidence(r, u, i, j))
                               for j in range(L.govopen_result_unit_adjustment_evidence_count(r, u, i))),
                note=text(note) if note is not None else None,
                applied=L.govopen_result_unit_adjustment_applied(r, u, i) == 1,
                why=text(why) if why is not None else None))
        return out

    @property
    def units(self) -> List[UnitResult]:
        """Every unit's scorecard, in the framework's order (unscored units included)."""
        r = self._check()
        return [self._unit_result(r, i) for i in range(_lib.lib().govopen_framework_unit_count(self._fwp))]

    @property
    def rankings(self) -> Dict[str, List[UnitResult]]:
        """Ranked units by kind ("town", "department" …), best first; ties share a rank."""
        out: Dict[str, List[UnitResult]] = {}
        for u in self.units:
            if u.rank:
                out.setdefault(u.kind, []).append(u)
        for units in out.values():
            units.sort(key=lambda u: (u.rank, u.index))
        return out

    @property
    def not_evaluated(self) -> Dict[str, List[UnitResult]]:
        """Units with points but no score, by kind, in the framework's order: each ranking lists them after its ranked units."""
        out: Dict[str, List[UnitResult]] = {}
        for u in self.units:
            if not u.scored and u.points_applicable > 0:
                out.setdefault(u.kind, []).append(u)
        return out

    @property
    def kinds(self) -> Dict[str, Dict[str, int]]:
        """Per kind of unit with units to rank: how many are ``ranked``, ``not_evaluated`` and marked ``low_coverage``."""
        L, r = _lib.lib(), self._check()
        out: Dict[str, Dict[str, int]] = {}
        for k in range(_KINDS):
            counts = {"ranked": int(L.govopen_result_kind_ranked_count(r, k)),
                      "not_evaluated": int(L.govopen_result_kind_not_evaluated_count(r, k)),
                      "low_coverage": int(L.govopen_result_kind_low_coverage_count(r, k))}
            if counts["ranked"] or counts["not_evaluated"]:
                out[text(L.govopen_unit_kind_name(k))] = counts
        return out

    @property
    def period(self) -> Tuple[datetime.date, datetime.date]:
        """The evaluation period, first and last day (inclusive)."""
        L, r = _lib.lib(), self._check()
        return (datetime.date.fromisoformat(text(L.govopen_result_period_first(r))),
                datetime.date.fromisoformat(text(L.govopen_result_period_last(r))))

    @property
    def settings(self) -> Dict[str, Any]:
        """The evaluation's settings as run, named as :class:`Evaluation` takes them.

        ``not_evaluated`` ("skip" or "zero"), ``county`` ("mean" or "min"),
        ``strict`` (bool), and the numbers ``max_named``, ``max_steps``,
        ``max_observations``, ``jobs``, ``max_keys``, ``max_diagnostics`` and
        ``min_coverage``.
        """
        L, r = _lib.lib(), self._check()
        out: Dict[str, Any] = {}
        value = ctypes.c_int64()
        for option, name in enumerate(_SETTINGS, start=1):
            check(L.govopen_result_setting(r, option, ctypes.byref(value)), fallback=f"no setting {name}")
            out[name] = int(value.value)
        out["not_evaluated"] = "zero" if out["not_evaluated"] else "skip"
        out["county"] = "min" if out["county"] else "mean"
        out["strict"] = bool(out["strict"])
        return out

    # --- cells ------------------------------------------------------------------

    def cell(self, unit: Union[str, Unit], point: Union[str, Point]) -> Cell:
        """One unit × point: status, score and reasons. NotFoundError when the framework does not assign it."""
        r = self._check()
        cell = self._cell(r, self._unit_index(unit), self._point_index(point))
        if cell is None:
            raise NotFoundError(f"no cell {unit} × {point}: the point is not assigned to the unit",
                                code=Status.ENOTFOUND)
        return cell

    def cells(self, unit: Union[str, Unit]) -> List[Cell]:
        """Every cell of a unit, in point order."""
        r = self._check()
        u = self._unit_index(unit)
        out = []
        for p in range(_lib.lib().govopen_framework_point_count(self._fwp)):
            c = self._cell(r, u, p)
            if c is not None:
                out.append(c)
        return out

    def _cell(self, r: Any, u: int, p: int) -> Optional[Cell]:
        L = _lib.lib()
        status = L.govopen_result_cell_status(r, u, p)
        if not 0 <= status < len(_STATUSES):
            return None
        st = _STATUSES[status]
        reasons = []
        for k in range(L.govopen_result_cell_reason_count(r, u, p)):
            sev = L.govopen_result_cell_reason_severity(r, u, p, k)
            evidence = tuple(text(L.govopen_result_cell_reason_evidence(r, u, p, k, j))
                             for j in range(L.govopen_result_cell_reason_evidence_count(r, u, p, k)))
            note = L.govopen_result_cell_reason_note(r, u, p, k)
            samples = tuple(SamplePosition(text(L.govopen_result_cell_reason_sample_source(r, u, p, k, j)),
                                           int(L.govopen_result_cell_reason_sample_line(r, u, p, k, j)),
                                           int(L.govopen_result_cell_reason_sample_column(r, u, p, k, j)))
                            for j in range(L.govopen_result_cell_reason_sample_count(r, u, p, k)))
            reasons.append(Reason(code=text(L.govopen_result_cell_reason_code(r, u, p, k)),
                                  severity=_SEVERITIES[sev] if 0 <= sev < len(_SEVERITIES) else str(sev),
                                  text=text(L.govopen_result_cell_reason_text(r, u, p, k)),
                                  evidence=evidence, note=None if note is None else text(note), samples=samples))
        point = L.govopen_framework_point(self._fwp, p)
        score = float(L.govopen_result_cell_score(r, u, p))
        return Cell(unit=text(L.govopen_unit_id(L.govopen_framework_unit(self._fwp, u))),
                    point=text(L.govopen_point_id(point)), status=st,
                    score=score if st in (CellStatus.SCORED, CellStatus.VETOED, CellStatus.ERROR) else None,
                    max=float(L.govopen_result_cell_maximum(r, u, p)), reasons=tuple(reasons),
                    samples=int(L.govopen_result_cell_samples(r, u, p)),
                    judged=int(L.govopen_result_cell_judged(r, u, p)),
                    lost=float(L.govopen_result_cell_lost(r, u, p)))

    # --- the county -------------------------------------------------------------

    @property
    def adjustments(self) -> List[AppliedAdjustment]:
        """The county-wide adjustments triggered (备注: −3, +3, +1), with their dates, evidence and notes."""
        L, r, fw = _lib.lib(), self._check(), self._fwp
        out = []
        for i in range(L.govopen_result_adjustment_count(r)):
            k = L.govopen_result_adjustment_index(r, i)
            note = L.govopen_result_adjustment_note(r, i)
            out.append(AppliedAdjustment(
                text(L.govopen_framework_adjustment_id(fw, k)), float(L.govopen_result_adjustment_delta(r, i)),
                text(L.govopen_framework_adjustment_text(fw, k)),
                date=datetime.date.fromisoformat(text(L.govopen_result_adjustment_date(r, i))),
                evidence=tuple(text(L.govopen_result_adjustment_evidence(r, i, j))
                               for j in range(L.govopen_result_adjustment_evidence_count(r, i))),
                note=text(note) if note is not None else None,
                applied=L.govopen_result_adjustment_applied(r, i) == 1))
        return out

    @property
    def county(self) -> CountyResult:
        """The county's scores: raw, possible, normalised, total (adjusted), grade and each point's score."""
        L, r, fw = _lib.lib(), self._check(), self._fwp
        points: Dict[str, Optional[float]] = {}
        for p in range(L.govopen_framework_point_count(fw)):
            s = L.govopen_result_county_point_score(r, p)
            points[text(L.govopen_point_id(L.govopen_framework_point(fw, p)))] = float(s) if s >= 0 else None
        grade = L.govopen_result_county_grade(r)
        indicators: Dict[str, float] = {}
        possible: Dict[str, float] = {}
        for n in range(L.govopen_framework_node_count(fw)):
            s = L.govopen_result_county_node_score(r, n)
            if s >= 0:
                node_id = text(L.govopen_node_id(L.govopen_framework_node(fw, n)))
                indicators[node_id] = float(s)
                possible[node_id] = float(L.govopen_result_county_node_possible(r, n))
        return CountyResult(raw=float(L.govopen_result_county_raw(r)),
                            possible=float(L.govopen_result_county_possible(r)),
                            normalised=float(L.govopen_result_county_normalised(r)),
                            total=float(L.govopen_result_county_total(r)),
                            grade=text(grade) if grade is not None else None,
                            points=points, adjustments=tuple(self.adjustments),
                            unclamped=float(L.govopen_result_county_unclamped(r)),
                            coverage=float(L.govopen_result_county_coverage(r)),
                            points_evaluated=int(L.govopen_result_county_points_evaluated(r)),
                            points_applicable=int(L.govopen_result_county_points_applicable(r)),
                            indicators=indicators, indicator_possible=possible,
                            rounding=float(L.govopen_result_county_rounding(r)),
                            point_lost={text(L.govopen_point_id(L.govopen_framework_point(fw, p))):
                                        float(L.govopen_result_county_point_lost(r, p))
                                        for p in range(L.govopen_framework_point_count(fw))},
                            maximum=float(L.govopen_framework_total(fw))
                            if L.govopen_result_county_possible(r) > 0 else 0.0,
                            coverage_percent=float(L.govopen_result_county_coverage_percent(r)),
                            points_lost=float(L.govopen_result_county_points_lost(r)),
                            adjustments_sum=float(L.govopen_result_county_adjustments(r)))

    # --- JSON -------------------------------------------------------------------

    def to_json(self, pretty: bool = False) -> str:
        """The whole result as JSON (docs/results.md); the same input gives byte-identical output."""
        return owned_text_call(_lib.lib().govopen_result_to_json, self._check(), _JSON_PRETTY if pretty else 0)

    def write_json(self, file: Union[PathLike, IO[bytes], IO[str]], pretty: bool = True) -> None:
        """Streams the JSON of :meth:`to_json` — the same text, without a final newline — to `file`.

        `file` is a path (the file is created or truncated and written as
        UTF-8) or a file object open for writing, binary (it receives
        ``bytes``) or text (``str``). The library hands the text over in
        pieces of at most 64 KiB as it writes it, so a province's result is
        never held whole, neither in C nor in Python.

        An exception raised while writing (a full disk, a closed file) stops
        the writer and is raised again here; the file is then incomplete.
        """
        handle = self._check()  # before a path is truncated
        flags = _JSON_PRETTY if pretty else 0
        _stream(file, lambda cb: (_lib.lib().govopen_result_write_json(handle, flags, cb, None), None), "write_json")

    def to_dict(self) -> Dict[str, Any]:
        """The JSON of :meth:`to_json`, parsed."""
        result: Dict[str, Any] = json.loads(self.to_json())
        return result

    # --- reports people read (docs/reports.md) -------------------------------------

    def write_csv(self, file: Union[PathLike, IO[bytes], IO[str]], table: str, bom: bool = True,
                  lang: str = "zh") -> None:
        """Streams one table of the result as CSV to `file`, for spreadsheets.

        `table` is one of :data:`TABLES`: "rankings", "scorecards",
        "indicators", "rectify" (every unit's rectification list), "county"
        or "adjustments" (every adjustment triggered). The text is RFC 4180 with CRLF line ends, UTF-8 after a
        byte order mark (which Excel needs to read UTF-8; ``bom=False`` leaves
        it out), headers and labels in Chinese (``lang="zh"``) or English
        (``lang="en"``). A text field that a spreadsheet would run as a
        formula (beginning with = + - @, a tab or CR) gets a leading
        apostrophe. `file` is a path or a file open for writing, as for
        :meth:`write_json`; open a text file with ``newline=""`` so that its
        CRLFs stay as they are. An exception raised while writing stops the
        writer and is raised again here.
        """
        handle = self._check()  # before a path is truncated
        t = _table_id(table)
        flags = _lang_flag(lang) | (0 if bom else _CSV_NO_BOM)
        _stream(file, lambda cb: (_lib.lib().govopen_result_write_csv(handle, t, flags, cb, None), None), "write_csv")

    def rectify(self, unit: Union[str, Unit], lang: str = "zh") -> str:
        """One unit's rectification list (整改清单) as text, by id, name or alias.

        The unit, its total and rank, then every point it lost points on,
        most points lost first (ties in point order), with the points lost,
        the indicator, the point's text, every reason and the evidence the
        reasons name; then the points not evaluated. Labels in Chinese
        (``lang="zh"``) or English (``lang="en"``); the reasons are in
        Chinese. Lines end with "\\n". NotFoundError for an unknown unit.
        """
        handle = self._check()
        u = self._unit_index(unit)
        flags = _lang_flag(lang)
        pieces: List[bytes] = []
        _stream_pieces(pieces.append,
                       lambda cb: (_lib.lib().govopen_result_write_rectify(handle, u, flags, cb, None), None))
        return b"".join(pieces).decode("utf-8")

    def to_markdown(self, lang: str = "zh") -> str:
        """The result as a Markdown report (docs/reports.md).

        A title with the framework's title and the as-of date; the county's
        scores, adjustments, total and grade; its level-1 indicators; a
        ranking table per kind of unit; then every unit's total, rank and
        rectification list. Labels in Chinese (``lang="zh"``) or English
        (``lang="en"``). Every text from the input is escaped for Markdown
        (no raw HTML, no link but http(s) evidence); lines end with "\\n".
        """
        handle = self._check()
        flags = _lang_flag(lang)
        pieces: List[bytes] = []
        _stream_pieces(pieces.append,
                       lambda cb: (_lib.lib().govopen_result_write_markdown(handle, flags, cb, None), None))
        return b"".join(pieces).decode("utf-8")

    def write_html(self, file: Union[PathLike, IO[bytes], IO[str]], lang: str = "zh") -> None:
        """Streams the result as one self-contained HTML page to `file` (docs/reports.md).

        What :meth:`to_markdown` holds, with each unit's scorecard and charts
        drawn as inline SVG (the level-1 indicators, each ranking); no
        script and no outside file, so the page can be published or printed
        as it is. Labels in Chinese (``lang="zh"``) or English
        (``lang="en"``). Every text from the input is escaped; evidence is a
        link only when it is an http(s) URL. `file` is a path or a file open
        for writing, as for :meth:`write_json`. An exception raised while
        writing stops the writer and is raised again here.
        """
        handle = self._check()  # before a path is truncated
        flags = _lang_flag(lang)
        _stream(file, lambda cb: (_lib.lib().govopen_result_write_html(handle, flags, cb, None), None), "write_html")

    def to_html(self, lang: str = "zh") -> str:
        """The HTML page of :meth:`write_html` as a string."""
        handle = self._check()
        flags = _lang_flag(lang)
        pieces: List[bytes] = []
        _stream_pieces(pieces.append, lambda cb: (_lib.lib().govopen_result_write_html(handle, flags, cb, None), None))
        return b"".join(pieces).decode("utf-8")

    def __repr__(self) -> str:
        if self.closed:
            return "<Result (closed)>"
        return f"<Result of {self._fw.id} as of {self.as_of}: county {self.county.total:.2f}>"


def _stream(file: Union[PathLike, IO[bytes], IO[str]], invoke: Callable[[Any], Any], what: str) -> None:
    """Runs `invoke(callback)` — a C writer's call, returning (status, error
    pointer) — with a callback that hands each piece to `file`: a path (created
    or truncated, written as UTF-8) or a file object open for writing, binary
    or text. An exception in the callback stops the writer and is raised again
    once the C call has returned. `what` names the method in messages."""
    if isinstance(file, (str, os.PathLike)):
        with open(os.fspath(file), "wb") as f:
            _stream_pieces(f.write, invoke)
        return
    write = getattr(file, "write", None)
    if not callable(write):
        raise TypeError(f"{what} needs a path or a file open for writing, not {type(file).__name__}")
    if isinstance(file, io.TextIOBase):
        # pieces may end inside a UTF-8 sequence: decode incrementally
        decoder = codecs.getincrementaldecoder("utf-8")()
        _stream_pieces(lambda b: write(decoder.decode(b)), invoke)
        write(decoder.decode(b"", final=True))
        return

    def write_all(b: bytes) -> None:
        # an unbuffered (raw) file may take only part of a piece
        view = memoryview(b)
        while view:
            n = write(view)
            if not isinstance(n, int) or n >= len(view):
                break
            view = view[n:]

    _stream_pieces(write_all, invoke)


def _stream_pieces(put: Callable[[bytes], Any], invoke: Callable[[Any], Any]) -> None:
    failure: List[BaseException] = []

    def write(_user: Any, data: Any, n: int) -> int:
        try:
            put(ctypes.string_at(data, n))
            return 0
        except BaseException as e:  # noqa: B902 - raised again below, after the C call returns
            failure.append(e)
            return 1

    callback = _lib.WRITE_FN(write)  # referenced until the call returns
    rc, err = invoke(callback)
    if failure:
        if err is not None:
            take_chain(err)  # frees it
        raise failure[0]
    check(rc, err)
