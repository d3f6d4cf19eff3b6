"""Frameworks (indicator systems): loading, metadata, the indicator tree, points, units and groups."""

from __future__ import annotations

import ctypes
import dataclasses
import io
import json
import weakref
from dataclasses import dataclass
from typing import IO, Any, Callable, Dict, Iterator, List, Optional, Tuple, Type, TypeVar, Union

from . import _lib
from ._errors import Diagnostic, InvalidArgumentError, NotFoundError, Status, check, diagnostics, owned_text_call
from ._handle import Closable, Owned, PathLike, int_arg, path_arg, text

__all__ = ["Framework", "Node", "Point", "Unit", "Group", "Adjustment", "Grade", "LoadOptions"]

_AGGREGATES = ("sum", "cap", "scale", "mean", "min")
_JSON_PRETTY = 1

# Loader option ids (govopen_option) and the keyword arguments naming them.
_OPTION_IDS = {"max_size": 1, "max_depth": 2, "max_nodes": 3, "max_aliases": 4, "strict": 5, "extends_files": 11,
               "max_diagnostics": 13, "max_cells": 14, "max_grid": 16,
               "max_tree_depth": 12}
# String options (govopen_options_set_string).
_STRING_OPTION_IDS = {"extends_root": 15}


@dataclass(frozen=True)
class LoadOptions:
    """Loader limits and strictness; None keeps the library's default.

    ``max_size`` bytes (16 MiB), ``max_depth`` of YAML nesting (64),
    ``max_nodes`` (1,000,000), ``max_aliases`` (0: aliases refused);
    ``strict`` makes warnings errors.

    Which files an overlay's ``extends`` may name (docs/security.md), when
    the overlay is loaded from a file (a framework loaded from text never
    reads a file): ``extends_files=True`` (the default) regular files under
    ``extends_root``, their real path inside the root's (default: the
    directory of the file loaded); ``"any"`` any regular file; ``False``
    built-in frameworks only. Never a device, a pipe, a directory or a file
    of /proc or /sys.
    ``max_diagnostics`` kept per document (1,000; the last one counts the
    rest), ``max_cells``: unit × point pairs after groups are expanded, and
    the groups' members (1,000,000), ``max_grid``: units × (points +
    indicators) of an evaluation's table (4,000,000).
    ``max_tree_depth`` bounds the indicator tree's levels once overlays are
    merged (32; at most 256).
    """

    strict: bool = False
    max_size: Optional[int] = None
    max_depth: Optional[int] = None
    max_nodes: Optional[int] = None
    max_aliases: Optional[int] = None
    extends_files: Optional[Union[bool, str]] = None
    extends_root: Optional[PathLike] = None
    max_diagnostics: Optional[int] = None
    max_cells: Optional[int] = None
    max_grid: Optional[int] = None
    max_tree_depth: Optional[int] = None


class _OptionsHandle:
    """A govopen_options built from LoadOptions, freed on exit; NULL when everything is default."""

    def __init__(self, opts: LoadOptions) -> None:
        self._opts = opts
        self.ptr: Any = None

    def __enter__(self) -> Any:
        values: Dict[str, Any] = {k: getattr(self._opts, k) for k in _OPTION_IDS}
        values["strict"] = 1 if self._opts.strict else None
        ef = self._opts.extends_files
        if ef is not None:
            # GOVOPEN_OPT_EXTENDS_FILES: 0 built-ins only, 1 under the root, 2 any regular file
            if ef is not True and ef is not False and ef != "any":
                raise InvalidArgumentError(f"extends_files is True, False or 'any', not {ef!r}")
            values["extends_files"] = 2 if ef == "any" else int(ef)
        strings = {k: getattr(self._opts, k) for k in _STRING_OPTION_IDS}
        if all(v is None for v in values.values()) and all(v is None for v in strings.values()):
            return None
        L = _lib.lib()
        ptr = _lib.OPTIONS()
        check(L.govopen_options_new(ctypes.byref(ptr)))
        self.ptr = ptr
        try:
            for key, value in values.items():
                if value is not None:
                    err = _lib.ERROR()
                    rc = L.govopen_options_set_int_ex(ptr, _OPTION_IDS[key], int_arg(int(value), key, 64),
                                                      ctypes.byref(err))
                    check(rc, err, fallback=f"invalid loader option {key}={value!r}")
            for key, value in strings.items():
                if value is not None:
                    rc = L.govopen_options_set_string(ptr, _STRING_OPTION_IDS[key], path_arg(value))
                    check(rc, fallback=f"invalid loader option {key}={value!r}")
        except BaseException:
            self.__exit__()
            raise
        return ptr

    def __exit__(self, *exc: object) -> None:
        if self.ptr is not None:
            _lib.lib().govopen_options_free(self.ptr)
            self.ptr = None


def _strings(count: Callable[[Any], int], get: Callable[[Any, int], Optional[bytes]], ptr: Any) -> List[str]:
    return [text(get(ptr, i)) for i in range(count(ptr))]


@dataclass(frozen=True)
class Adjustment:
    """A whole-score adjustment (备注), e.g. −3 for a national criticism."""

    id: str
    delta: float
    text: str


@dataclass(frozen=True)
class Grade:
    """A grade band: a total of at least ``min`` earns ``name``."""

    name: str
    min: float


_V = TypeVar("_V", bound="_View")


class _View:
    """A borrowed C object of a framework; keeps the framework alive, fails cleanly once it is closed."""

    __slots__ = ("_fw", "_p", "_addr")

    def __init__(self, fw: "Framework", p: Any) -> None:
        self._fw = fw
        self._p = p
        self._addr = ctypes.cast(p, ctypes.c_void_p).value

    def _ptr(self) -> Any:
        self._fw._check()
        return self._p

    @property
    def framework(self) -> "Framework":
        """The framework this object belongs to."""
        return self._fw

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._fw is self._fw and other._addr == self._addr  # type: ignore

    def __hash__(self) -> int:
        return hash((type(self).__name__, id(self._fw), self._addr))

    @classmethod
    def _maybe(cls: Type[_V], fw: "Framework", p: Any) -> Optional[_V]:
        return cls(fw, p) if p else None


class Node(_View):
    """An indicator: a node of the tree. The root (depth 0) is synthetic and holds the level-1 indicators."""

    __slots__ = ()

    @property
    def id(self) -> str:
        """The indicator's id ("" for the root)."""
        return text(_lib.lib().govopen_node_id(self._ptr()))

    @property
    def label(self) -> str:
        """The numbering as printed, e.g. "一、"; "" when absent."""
        return text(_lib.lib().govopen_node_label(self._ptr()))

    @property
    def title(self) -> str:
        """The title (the framework's title for the root)."""
        return text(_lib.lib().govopen_node_title(self._ptr()))

    @property
    def score(self) -> float:
        """The maximum score."""
        return float(_lib.lib().govopen_node_score(self._ptr()))

    @property
    def derived(self) -> bool:
        """True when the maximum was derived by equal split, False when the document gave it."""
        return bool(_lib.lib().govopen_node_score_derived(self._ptr()))

    @property
    def aggregate(self) -> str:
        """How the children's scores combine: "sum", "cap", "scale", "mean" or "min"."""
        a = _lib.lib().govopen_node_aggregate(self._ptr())
        return _AGGREGATES[a] if 0 <= a < len(_AGGREGATES) else str(a)

    @property
    def depth(self) -> int:
        """0 for the root, 1 for level-1 indicators, …"""
        return int(_lib.lib().govopen_node_depth(self._ptr()))

    @property
    def is_root(self) -> bool:
        """True for the synthetic root."""
        return self.depth == 0

    @property
    def parent(self) -> Optional["Node"]:
        """The parent (the root for a level-1 indicator), or None for the root."""
        return Node._maybe(self._fw, _lib.lib().govopen_node_parent(self._ptr()))

    @property
    def children(self) -> List["Node"]:
        """The child indicators, in document order."""
        L, p = _lib.lib(), self._ptr()
        return [Node(self._fw, L.govopen_node_child(p, i)) for i in range(L.govopen_node_child_count(p))]

    @property
    def points(self) -> List["Point"]:
        """The evaluation points directly under this indicator."""
        L, p = _lib.lib(), self._ptr()
        return [Point(self._fw, L.govopen_node_point(p, i)) for i in range(L.govopen_node_point_count(p))]

    @property
    def total_point_count(self) -> int:
        """The number of points in the whole subtree."""
        return int(_lib.lib().govopen_node_total_point_count(self._ptr()))

    @property
    def path(self) -> List["Node"]:
        """The indicators from level 1 down to this one (empty for the root)."""
        out: List[Node] = []
        n: Optional[Node] = self
        while n is not None and not n.is_root:
            out.append(n)
            n = n.parent
        return out[::-1]

    def walk(self) -> Iterator["Node"]:
        """This node and every indicator below it, in pre-order."""
        # an explicit stack, not nested generators: no recursion on the depth
        stack = [self]
        while stack:
            n = stack.pop()
            yield n
            stack.extend(reversed(n.children))

    @property
    def provenance(self) -> List[str]:
        """The `source:` entries the indicator rests on."""
        L = _lib.lib()
        return _strings(L.govopen_node_provenance_count, L.govopen_node_provenance, self._ptr())

    @property
    def note(self) -> str:
        """The `note:`; "" when absent."""
        return text(_lib.lib().govopen_node_note(self._ptr()))

    @property
    def line(self) -> int:
        """1-based line where the indicator starts in its document."""
        return int(_lib.lib().govopen_node_line(self._ptr()))

    @property
    def column(self) -> int:
        """1-based column where the indicator starts in its document."""
        return int(_lib.lib().govopen_node_column(self._ptr()))

    def __repr__(self) -> str:
        return f"<Node {self.id or '(root)'} {self.title!r} {self.score:g}>"


class Point(_View):
    """An evaluation point (评估点)."""

    __slots__ = ()

    @property
    def id(self) -> str:
        """The point's id, e.g. "P29"."""
        return text(_lib.lib().govopen_point_id(self._ptr()))

    @property
    def index(self) -> int:
        """The position among all the framework's points."""
        return int(_lib.lib().govopen_point_index(self._ptr()))

    @property
    def text(self) -> str:
        """What is evaluated."""
        return text(_lib.lib().govopen_point_text(self._ptr()))

    @property
    def score(self) -> float:
        """The maximum score."""
        return float(_lib.lib().govopen_point_score(self._ptr()))

    @property
    def derived(self) -> bool:
        """True when the maximum was derived by equal split."""
        return bool(_lib.lib().govopen_point_score_derived(self._ptr()))

    @property
    def node(self) -> Node:
        """The indicator holding the point."""
        return Node(self._fw, _lib.lib().govopen_point_node(self._ptr()))

    @property
    def path(self) -> List[Node]:
        """The indicators from level 1 down to the one holding the point."""
        return self.node.path

    @property
    def sampling(self) -> List[str]:
        """The sampling methods (采样方式), e.g. ["政府网站", "模拟用户"]."""
        L = _lib.lib()
        return _strings(L.govopen_point_sampling_count, L.govopen_point_sampling, self._ptr())

    @property
    def responsible(self) -> List[str]:
        """The responsible entries as written (units and groups, not expanded)."""
        L = _lib.lib()
        return _strings(L.govopen_point_responsible_count, L.govopen_point_responsible, self._ptr())

    @property
    def responsible_entries(self) -> List[Union["Unit", "Group"]]:
        """What each responsible entry names: a Unit or a Group."""
        L, p = _lib.lib(), self._ptr()
        out: List[Union[Unit, Group]] = []
        for i in range(L.govopen_point_responsible_count(p)):
            u = L.govopen_point_responsible_unit(p, i)
            out.append(Unit(self._fw, u) if u else Group(self._fw, L.govopen_point_responsible_group(p, i)))
        return out

    @property
    def units(self) -> List["Unit"]:
        """The expanded responsible units: groups replaced by their members, each unit once, in order."""
        L, p = _lib.lib(), self._ptr()
        return [Unit(self._fw, L.govopen_point_unit(p, i)) for i in range(L.govopen_point_unit_count(p))]

    @property
    def has_open_group(self) -> bool:
        """True when some responsible group is open (the county adds its members)."""
        return bool(_lib.lib().govopen_point_has_open_group(self._ptr()))

    @property
    def rule_kind(self) -> Optional[str]:
        """The rule's kind ("boolean", "deadline" …), or None when the point has no rule."""
        k = _lib.lib().govopen_point_rule_kind(self._ptr())
        return text(k) if k is not None else None

    @property
    def provenance(self) -> List[str]:
        """The `source:` entries the point rests on."""
        L = _lib.lib()
        return _strings(L.govopen_point_provenance_count, L.govopen_point_provenance, self._ptr())

    @property
    def note(self) -> str:
        """The `note:`; "" when absent."""
        return text(_lib.lib().govopen_point_note(self._ptr()))

    @property
    def line(self) -> int:
        """1-based line where the point starts in its document."""
        return int(_lib.lib().govopen_point_line(self._ptr()))

    @property
    def column(self) -> int:
        """1-based column where the point starts in its document."""
        return int(_lib.lib().govopen_point_column(self._ptr()))

    def __repr__(self) -> str:
        return f"<Point {self.id} {self.score:g}>"


class Unit(_View):
    """A responsible organisation (a town, a county department …)."""

    __slots__ = ()

    @property
    def id(self) -> str:
        """The unit's id, e.g. "renshe"."""
        return text(_lib.lib().govopen_unit_id(self._ptr()))

    @property
    def index(self) -> int:
        """The position among the framework's units."""
        return int(_lib.lib().govopen_unit_index(self._ptr()))

    @property
    def name(self) -> str:
        """The unit's name, e.g. "县人社局"."""
        return text(_lib.lib().govopen_unit_name(self._ptr()))

    @property
    def kind(self) -> str:
        """"town", "department", "institution", "party_org" or "other" (as written in YAML)."""
        L = _lib.lib()
        k = L.govopen_unit_kind(self._ptr())
        name = L.govopen_unit_kind_name(k)
        return text(name) if name is not None else str(k)

    @property
    def aliases(self) -> List[str]:
        """Other names the unit is known by."""
        L = _lib.lib()
        return _strings(L.govopen_unit_alias_count, L.govopen_unit_alias, self._ptr())

    @property
    def code(self) -> str:
        """The unit's code; "" when absent."""
        return text(_lib.lib().govopen_unit_code(self._ptr()))

    @property
    def note(self) -> str:
        """The `note:`; "" when absent."""
        return text(_lib.lib().govopen_unit_note(self._ptr()))

    @property
    def points(self) -> List[Point]:
        """The unit's duties: every point whose expanded units include it, in point order."""
        L, p = _lib.lib(), self._ptr()
        return [Point(self._fw, L.govopen_unit_point(p, i)) for i in range(L.govopen_unit_point_count(p))]

    def __repr__(self) -> str:
        return f"<Unit {self.id} {self.name}>"


class Group(_View):
    """A named set of units (各镇, 县政府各部门 …)."""

    __slots__ = ()

    @property
    def id(self) -> str:
        """The group's id."""
        return text(_lib.lib().govopen_group_id(self._ptr()))

    @property
    def name(self) -> str:
        """The group's name, e.g. "各镇"."""
        return text(_lib.lib().govopen_group_name(self._ptr()))

    @property
    def aliases(self) -> List[str]:
        """Other names the group is known by."""
        L = _lib.lib()
        return _strings(L.govopen_group_alias_count, L.govopen_group_alias, self._ptr())

    @property
    def is_open(self) -> bool:
        """True when the county sets the members (the listed ones are the known part)."""
        return bool(_lib.lib().govopen_group_is_open(self._ptr()))

    @property
    def kinds(self) -> List[str]:
        """The unit kinds whose units are all members."""
        L = _lib.lib()
        bits = L.govopen_group_kinds(self._ptr())
        return [text(L.govopen_unit_kind_name(k)) for k in range(32) if bits & (1 << k)]

    @property
    def members(self) -> List[Unit]:
        """Members: units of the group's kinds, then the listed ones, each once."""
        L, p = _lib.lib(), self._ptr()
        return [Unit(self._fw, L.govopen_group_member(p, i)) for i in range(L.govopen_group_member_count(p))]

    @property
    def note(self) -> str:
        """The `note:`; "" when absent."""
        return text(_lib.lib().govopen_group_note(self._ptr()))

    def __repr__(self) -> str:
        return f"<Group {self.id} {self.name}>"


def _free_framework(ptr: Any) -> None:
    _lib.lib().govopen_framework_free(ptr)


class Framework(Closable):
    """A loaded, validated framework (评估指标体系). Immutable: one may be shared by threads.

    Create one with :meth:`load`, :meth:`from_string` or :meth:`builtin`. It
    is freed when :meth:`close` is called (or the ``with`` block ends, or it
    is garbage-collected); evaluations and results made from it keep the C
    framework alive until they are done with it.
    """

    def __init__(self, _ptr: Any, _private: object = None) -> None:
        if _private is not _PRIVATE:
            raise TypeError("use Framework.load(), Framework.from_string() or Framework.builtin()")
        self._owned = Owned(_ptr, _free_framework, "framework")
        self._finalizer = weakref.finalize(self, self._owned.release)

    # --- loading ----------------------------------------------------------------

    @classmethod
    def load(cls, path: PathLike, *, strict: bool = False, options: Optional[LoadOptions] = None) -> "Framework":
        """Loads and validates a framework from a YAML file.

        Raises :class:`~govopen.SchemaError`, :class:`~govopen.ParseError`,
        :class:`~govopen.FileError` … whose ``errors`` hold every problem found,
        each with its line, column and path. ``strict`` makes warnings errors.
        """
        opts = _merge(options, strict)
        out = _lib.FRAMEWORK()
        err = _lib.ERROR()
        with _OptionsHandle(opts) as o:
            rc = _lib.lib().govopen_framework_load_file(ctypes.byref(out), path_arg(path), o, ctypes.byref(err))
        check(rc, err)
        return cls(out, _PRIVATE)

    @classmethod
    def from_string(cls, data: Union[str, bytes], source_name: str = "<string>", *, strict: bool = False,
                    options: Optional[LoadOptions] = None) -> "Framework":
        """Loads and validates a framework from YAML text; `source_name` names it in diagnostics."""
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        opts = _merge(options, strict)
        out = _lib.FRAMEWORK()
        err = _lib.ERROR()
        with _OptionsHandle(opts) as o:
            rc = _lib.lib().govopen_framework_load_buffer(ctypes.byref(out), raw, len(raw),
                                                          source_name.encode("utf-8"), o, ctypes.byref(err))
        check(rc, err)
        return cls(out, _PRIVATE)

    @classmethod
    def builtin(cls, id: str = "langao-2023", *, strict: bool = False,
                options: Optional[LoadOptions] = None) -> "Framework":
        """Loads a framework compiled into the library. :class:`~govopen.NotFoundError` when there is none."""
        opts = _merge(options, strict)
        out = _lib.FRAMEWORK()
        err = _lib.ERROR()
        with _OptionsHandle(opts) as o:
            rc = _lib.lib().govopen_framework_load_builtin(ctypes.byref(out), id.encode("utf-8"), o,
                                                           ctypes.byref(err))
        check(rc, err, fallback=f"no built-in framework '{id}' (built-in: {', '.join(cls.builtins())})")
        return cls(out, _PRIVATE)

    @staticmethod
    def builtins() -> List[str]:
        """The ids of the frameworks compiled into the library."""
        L = _lib.lib()
        return [text(L.govopen_builtin_framework_id(i)) for i in range(L.govopen_builtin_framework_count())]

    # --- lifetime ---------------------------------------------------------------

    _kind = "framework"

    def _handle(self) -> Any:
        return self._owned.ptr

    # --- metadata ---------------------------------------------------------------

    @property
    def id(self) -> str:
        """The framework's id, e.g. "langao-2023"."""
        return text(_lib.lib().govopen_framework_id(self._check()))

    @property
    def title(self) -> str:
        """The table's title."""
        return text(_lib.lib().govopen_framework_title(self._check()))

    @property
    def region(self) -> str:
        """The region; "" when absent."""
        return text(_lib.lib().govopen_framework_region(self._check()))

    @property
    def year(self) -> Optional[int]:
        """The evaluation year, or None when absent."""
        return int(_lib.lib().govopen_framework_year(self._check())) or None

    @property
    def total(self) -> float:
        """The total score."""
        return float(_lib.lib().govopen_framework_total(self._check()))

    @property
    def calendar(self) -> str:
        """The working-day calendar's name (default "cn"); see :meth:`govopen.Calendar.builtin`."""
        return text(_lib.lib().govopen_framework_calendar(self._check()))

    @property
    def schema(self) -> int:
        """The document's `schema:` version."""
        return int(_lib.lib().govopen_framework_schema(self._check()))

    @property
    def source_name(self) -> str:
        """The name the framework was loaded from (a path, "builtin:…" or the given source name)."""
        return text(_lib.lib().govopen_framework_source_name(self._check()))

    @property
    def provenance(self) -> List[str]:
        """The `source:` entries of the framework itself."""
        L = _lib.lib()
        return _strings(L.govopen_framework_provenance_count, L.govopen_framework_provenance, self._check())

    @property
    def warnings(self) -> List[Diagnostic]:
        """Warnings found while loading (e.g. open groups)."""
        return diagnostics(_lib.lib().govopen_framework_warnings(self._check()))

    # --- the tree ---------------------------------------------------------------

    @property
    def root(self) -> Node:
        """The synthetic root: depth 0, id "", the framework's title, score the total."""
        return Node(self, _lib.lib().govopen_framework_root(self._check()))

    @property
    def nodes(self) -> List[Node]:
        """Every indicator in pre-order, the root excluded."""
        L, p = _lib.lib(), self._check()
        return [Node(self, L.govopen_framework_node(p, i)) for i in range(L.govopen_framework_node_count(p))]

    def node(self, id: str) -> Node:
        """The indicator with this id; NotFoundError when none."""
        n = _lib.lib().govopen_framework_node_by_id(self._check(), id.encode("utf-8"))
        if not n:
            raise NotFoundError(f"no indicator '{id}' in {self.id}", code=Status.ENOTFOUND)
        return Node(self, n)

    def walk(self, fn: Callable[[Node], Any]) -> Any:
        """Calls ``fn(node)`` for every indicator in pre-order (root excluded).

        A truthy return value stops the walk and is returned; an exception
        raised by `fn` stops it and propagates. Returns None after a full walk.
        """
        p = self._check()
        stop: List[Any] = []
        failure: List[BaseException] = []

        def visit(node: Any, _payload: Any) -> int:
            try:
                r = fn(Node(self, node))
            except BaseException as e:  # noqa: B902 - re-raised after the C walk returns
                failure.append(e)
                return Status.EUSER
            if r:
                stop.append(r)
                return 1
            return 0

        _lib.lib().govopen_framework_walk(p, _lib.NODE_VISIT_FN(visit), None)
        if failure:
            raise failure[0]
        return stop[0] if stop else None

    # --- points -----------------------------------------------------------------

    @property
    def points(self) -> List[Point]:
        """Every evaluation point, in document order."""
        L, p = _lib.lib(), self._check()
        return [Point(self, L.govopen_framework_point(p, i)) for i in range(L.govopen_framework_point_count(p))]

    def point(self, id: Union[str, Point]) -> Point:
        """The point with this id; NotFoundError when none."""
        if isinstance(id, Point):
            return self._own(id)
        p = _lib.lib().govopen_framework_point_by_id(self._check(), id.encode("utf-8"))
        if not p:
            raise NotFoundError(f"no point '{id}' in {self.id}", code=Status.ENOTFOUND)
        return Point(self, p)

    @property
    def methods(self) -> List[str]:
        """Every sampling method the framework knows: the standard ones, then its own."""
        L = _lib.lib()
        return _strings(L.govopen_framework_method_count, L.govopen_framework_method, self._check())

    # --- units and groups -------------------------------------------------------

    @property
    def units(self) -> List[Unit]:
        """Every unit, in document order."""
        L, p = _lib.lib(), self._check()
        return [Unit(self, L.govopen_framework_unit(p, i)) for i in range(L.govopen_framework_unit_count(p))]

    def unit(self, key: Union[str, Unit]) -> Unit:
        """The unit with this id, name or alias; NotFoundError when none (or when `key` names a group)."""
        if isinstance(key, Unit):
            return self._own(key)
        L, p = _lib.lib(), self._check()
        u = L.govopen_framework_unit_find(p, key.encode("utf-8"))
        if u:
            return Unit(self, u)
        b = key.encode("utf-8")
        if L.govopen_framework_group_by_name(p, b) or L.govopen_framework_group_by_id(p, b):
            raise NotFoundError(f"'{key}' is a group, not a unit; ask for one of its members",
                                code=Status.ENOTFOUND)
        raise NotFoundError(f"no unit '{key}' in {self.id}", code=Status.ENOTFOUND)

    @property
    def groups(self) -> List[Group]:
        """Every group, in document order."""
        L, p = _lib.lib(), self._check()
        return [Group(self, L.govopen_framework_group(p, i)) for i in range(L.govopen_framework_group_count(p))]

    def group(self, key: str) -> Group:
        """The group with this id, name or alias; NotFoundError when none."""
        L, p = _lib.lib(), self._check()
        b = key.encode("utf-8")
        g = L.govopen_framework_group_by_id(p, b) or L.govopen_framework_group_by_name(p, b)
        if not g:
            raise NotFoundError(f"no group '{key}' in {self.id}", code=Status.ENOTFOUND)
        return Group(self, g)

    def duties(self, unit: Union[str, Unit]) -> List[Point]:
        """A unit's duties (任务分解): every point it is responsible for, in point order."""
        return self.unit(unit).points

    def responsible(self, point: Union[str, Point]) -> List[Unit]:
        """A point's responsible units, groups expanded (each unit once, in order)."""
        return self.point(point).units

    def plan(self, method: str) -> List[Tuple[Unit, Point]]:
        """The sampling plan for a method: every (unit, point) pair it samples, in point then unit order.

        NotFoundError for a method the framework does not know.
        """
        p = self._check()
        pairs: List[Tuple[Unit, Point]] = []
        failure: List[BaseException] = []

        def visit(u: Any, pt: Any, _payload: Any) -> int:
            try:
                pairs.append((Unit(self, u), Point(self, pt)))
            except BaseException as e:  # noqa: B902 - re-raised below
                failure.append(e)
                return Status.EUSER
            return 0

        rc = _lib.lib().govopen_framework_plan(p, method.encode("utf-8"), _lib.PLAN_FN(visit), None)
        if failure:
            raise failure[0]
        if rc == Status.ENOTFOUND:
            raise NotFoundError(f"unknown sampling method '{method}' (known: {'、'.join(self.methods)})",
                                code=rc)
        check(rc)
        return pairs

    def write_worksheet(self, file: Union[PathLike, IO[bytes], IO[str]], method: Optional[str] = None,
                        bom: bool = True, lang: str = "zh") -> None:
        """Streams the evaluators' worksheet for a sampling method as CSV to `file` (docs/reports.md).

        One row per (unit, point) pair of :meth:`plan` (`method` None: every
        point of the framework) with the columns its rule reads: ``unit``,
        ``#单位``, ``point``, ``#评估点``, ``#填写说明`` (what to write), the
        rules' fields, ``evidence``, ``note``, ``observed``, ``evaluator``.
        Filled in and saved as CSV (UTF-8, with or without a byte order
        mark), the file is read back by :meth:`Evaluation.add` (a path ending
        in .csv, or ``format="csv"``). RFC 4180 with CRLF line ends, UTF-8
        after a byte order mark unless ``bom=False``; the columns for people
        (``#…``) in Chinese (``lang="zh"``) or English (``lang="en"``). `file`
        is a path or a file open for writing, as for
        :meth:`Result.write_json`; open a text file with ``newline=""``.
        NotFoundError for a method the framework does not know.
        """
        from .evaluate import _CSV_NO_BOM, _lang_flag, _stream  # evaluate imports this module

        p = self._check()
        flags = _lang_flag(lang) | (0 if bom else _CSV_NO_BOM)
        m = None if method is None else method.encode("utf-8")
        if method is not None and method not in self.methods:  # before a path is truncated
            raise NotFoundError(f"unknown sampling method '{method}' (known: {'、'.join(self.methods)})",
                                code=Status.ENOTFOUND)
        _stream(file, lambda cb: (_lib.lib().govopen_framework_write_worksheet(p, m, flags, cb, None), None),
                "write_worksheet")

    def worksheet(self, method: Optional[str] = None, bom: bool = True, lang: str = "zh") -> str:
        """The worksheet of :meth:`write_worksheet` as a string (with its byte order mark unless ``bom=False``)."""
        buf = io.BytesIO()
        self.write_worksheet(buf, method, bom=bom, lang=lang)
        return buf.getvalue().decode("utf-8")

    # --- adjustments and grades -------------------------------------------------

    @property
    def adjustments(self) -> List[Adjustment]:
        """The whole-score adjustments (备注)."""
        L, p = _lib.lib(), self._check()
        return [Adjustment(text(L.govopen_framework_adjustment_id(p, i)),
                           float(L.govopen_framework_adjustment_delta(p, i)),
                           text(L.govopen_framework_adjustment_text(p, i)))
                for i in range(L.govopen_framework_adjustment_count(p))]

    @property
    def grades(self) -> List[Grade]:
        """The grade bands, highest first."""
        L, p = _lib.lib(), self._check()
        return [Grade(text(L.govopen_framework_grade_name(p, i)), float(L.govopen_framework_grade_min(p, i)))
                for i in range(L.govopen_framework_grade_count(p))]

    def grade_for(self, score: float) -> Optional[str]:
        """The grade a total earns, or None."""
        g = _lib.lib().govopen_framework_grade_for(self._check(), float(score))
        return text(g) if g is not None else None

    # --- JSON -------------------------------------------------------------------

    def to_json(self, pretty: bool = False) -> str:
        """The whole framework as one JSON object (metadata, methods, units, groups, tree, adjustments, grades)."""
        return owned_text_call(_lib.lib().govopen_framework_to_json, self._check(), _JSON_PRETTY if pretty else 0)

    def to_dict(self) -> Dict[str, Any]:
        """The JSON of :meth:`to_json`, parsed."""
        result: Dict[str, Any] = json.loads(self.to_json())
        return result

    def _own(self, v: _V) -> _V:
        if v._fw is not self:
            raise ValueError(f"{v!r} belongs to another framework")
        return v

    def __repr__(self) -> str:
        if self.closed:
            return "<Framework (closed)>"
        return f"<Framework {self.id} {self.title!r}>"


_PRIVATE = object()


def _merge(options: Optional[LoadOptions], strict: bool) -> LoadOptions:
    opts = options or LoadOptions()
    if strict and not opts.strict:
        opts = dataclasses.replace(opts, strict=True)
    return opts
