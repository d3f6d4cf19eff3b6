"""The ctypes table (govopen._lib.SIGNATURES) against the library and the headers.

Every function the library exports is declared, none is misspelt, and each
declaration matches its prototype in include/govopen/*.h, so a wrong argtype
(an int for a size_t, a node for a point) cannot go unnoticed.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import struct
import subprocess
import unittest
from typing import Any, Dict, List, Set, Tuple

from _support import INCLUDE, library, require

from govopen import _lib

SHT_DYNSYM = 11
SHN_UNDEF = 0
SHN_ABS = 0xFFF1
STT_OBJECT, STT_FUNC = 1, 2
STB_GLOBAL, STB_WEAK = 1, 2


def elf_dynamic_symbols(path: str) -> Dict[str, Tuple[int, int]]:
    """Defined global/weak dynamic symbols of an ELF file: name -> (type, section index).

    Reads the .dynsym section and its string table with struct, so the test
    needs no binutils.
    """
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF":
        raise ValueError(f"{path} is not an ELF file")
    is64 = data[4] == 2
    end = "<" if data[5] == 1 else ">"
    if is64:
        shoff, = struct.unpack_from(end + "Q", data, 0x28)
        shentsize, shnum = struct.unpack_from(end + "HH", data, 0x3A)
        shfmt, symfmt = end + "IIQQQQIIQQ", end + "IBBHQQ"
    else:
        shoff, = struct.unpack_from(end + "I", data, 0x20)
        shentsize, shnum = struct.unpack_from(end + "HH", data, 0x2E)
        shfmt, symfmt = end + "IIIIIIIIII", end + "IIIBBH"
    sections = [struct.unpack_from(shfmt, data, shoff + i * shentsize) for i in range(shnum)]
    out: Dict[str, Tuple[int, int]] = {}
    for sec in sections:
        if sec[1] != SHT_DYNSYM:
            continue
        offset, size, link, entsize = sec[4], sec[5], sec[6], sec[9]
        strtab = sections[link][4]
        for k in range(size // entsize):
            fields = struct.unpack_from(symfmt, data, offset + k * entsize)
            if is64:
                name_off, info, shndx = fields[0], fields[1], fields[3]
            else:
                name_off, info, shndx = fields[0], fields[3], fields[5]
            if shndx == SHN_UNDEF or (info >> 4) not in (STB_GLOBAL, STB_WEAK):
                continue
            end_name = data.index(b"\0", strtab + name_off)
            out[data[strtab + name_off:end_name].decode("ascii")] = (info & 0xF, shndx)
    return out


def exported_functions(path: str) -> Set[str]:
    return {n for n, (t, _) in elf_dynamic_symbols(path).items() if t == STT_FUNC}


# --- the headers ------------------------------------------------------------------

_OPAQUE = {
    "govopen_framework": _lib._Framework, "govopen_node": _lib._Node, "govopen_point": _lib._Point,
    "govopen_unit": _lib._Unit, "govopen_group": _lib._Group, "govopen_error": _lib._Error,
    "govopen_options": _lib._Options, "govopen_calendar": _lib._Calendar,
    "govopen_evaluation": _lib._Evaluation, "govopen_result": _lib._Result,
}
_SCALAR = {"int": ctypes.c_int, "unsigned": ctypes.c_uint, "double": ctypes.c_double, "size_t": ctypes.c_size_t,
           "int64_t": ctypes.c_int64, "char": ctypes.c_char}
_CALLBACKS = {"govopen_node_visit_fn": _lib.NODE_VISIT_FN, "govopen_plan_fn": _lib.PLAN_FN,
              "govopen_write_fn": _lib.WRITE_FN}


def _expected(ctype: str, is_array: bool, is_return: bool) -> Any:
    """The ctypes declaration the binding's conventions give a C type."""
    base = re.sub(r"\bconst\b", "", ctype).replace("*", " ").split()
    stars = ctype.count("*") + (1 if is_array else 0)
    if len(base) != 1:
        raise ValueError(f"cannot read the C type '{ctype}'")
    name = base[0]
    if name == "void":
        return None if stars == 0 else ctypes.c_void_p
    if name in _CALLBACKS and stars == 0:
        return _CALLBACKS[name]
    if name == "char":
        if is_array:
            return ctypes.POINTER(ctypes.c_char)  # a caller's buffer the library fills
        if stars == 1:
            return ctypes.c_char_p  # borrowed text, copied by ctypes
        if stars == 2:
            return ctypes.POINTER(ctypes.c_void_p)  # owned text: copied, then govopen_free
    t: Any
    if name in _OPAQUE:
        t = _OPAQUE[name]
    elif name in _SCALAR:
        t = _SCALAR[name]
    elif name.startswith("govopen_"):  # an enum typedef passed as int
        t = ctypes.c_int
    else:
        raise ValueError(f"unknown C type '{ctype}'")
    for _ in range(stars):
        t = ctypes.POINTER(t)
    return t


def header_prototypes() -> Dict[str, Tuple[Any, List[Any]]]:
    """name -> (restype, argtypes) as the headers declare them, in the binding's conventions."""
    text = ""
    for name in sorted(os.listdir(INCLUDE)):
        if name.endswith(".h"):
            with open(os.path.join(INCLUDE, name), encoding="utf-8") as f:
                text += f.read() + "\n"
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    protos: Dict[str, Tuple[Any, List[Any]]] = {}
    for m in re.finditer(r"GOVOPEN_API\s+([^;()]*?)\b(govopen_\w+)\s*\(([^)]*)\)\s*;", text, re.S):
        ret, name, params = m.group(1).strip(), m.group(2), m.group(3).strip()
        args: List[Any] = []
        if params and params != "void":
            for p in params.split(","):
                p = " ".join(p.split())
                is_array = bool(re.search(r"\[\s*\w*\s*\]$", p))
                p = re.sub(r"\[\s*\w*\s*\]$", "", p)
                pm = re.match(r"^(.*?[\s*])(\w+)$", p)
                if pm is None:
                    raise ValueError(f"cannot read parameter '{p}' of {name}")
                args.append(_expected(pm.group(1).strip(), is_array, False))
        protos[name] = (_expected(ret, False, True), args)
    return protos


class SymbolTableTest(unittest.TestCase):
    def setUp(self) -> None:
        self.path = os.path.realpath(library())
        self.table = {name: (restype, list(argtypes)) for name, restype, argtypes in _lib.SIGNATURES}

    def test_table_has_no_duplicates(self) -> None:
        names = [name for name, _, _ in _lib.SIGNATURES]
        self.assertEqual(len(names), len(set(names)))

    def test_table_matches_the_exports(self) -> None:
        exports = exported_functions(self.path)
        self.assertGreaterEqual(len(exports), 100)
        self.assertEqual(sorted(exports - set(self.table)), [], "exported but not declared in the table")
        self.assertEqual(sorted(set(self.table) - exports), [], "declared but not exported (misspelt?)")

    def test_only_functions_are_exported(self) -> None:
        # no data symbols: the ABI is functions only (the version node GOVOPEN_0 is an absolute symbol)
        for name, (kind, shndx) in elf_dynamic_symbols(self.path).items():
            if shndx == SHN_ABS:
                continue
            self.assertEqual(kind, STT_FUNC, f"{name} is exported but is not a function")
            self.assertTrue(name.startswith("govopen_"), name)

    def test_elf_reader_agrees_with_nm(self) -> None:
        require(shutil.which("nm") is not None, "nm (binutils) is not installed")
        out = subprocess.run(["nm", "-D", "--defined-only", self.path], capture_output=True, text=True,
                             check=True).stdout
        nm = {line.split()[2].split("@")[0] for line in out.splitlines()
              if len(line.split()) == 3 and line.split()[1] in "TW"}
        self.assertEqual(nm, exported_functions(self.path))

    def test_table_matches_the_headers(self) -> None:
        protos = header_prototypes()
        self.assertEqual(sorted(set(protos) ^ set(self.table)), [], "header and table disagree on the names")
        for name, (restype, argtypes) in protos.items():
            with self.subTest(name):
                self.assertIs(self.table[name][0], restype, f"restype of {name}")
                self.assertEqual(len(self.table[name][1]), len(argtypes), f"arity of {name}")
                for i, (got, want) in enumerate(zip(self.table[name][1], argtypes)):
                    self.assertIs(got, want, f"argument {i} of {name}")

    def test_every_declared_function_resolves(self) -> None:
        L = _lib.lib()
        for name, restype, argtypes in _lib.SIGNATURES:
            fn = getattr(L, name)
            self.assertIs(fn.restype, restype, name)
            self.assertEqual(list(fn.argtypes), list(argtypes), name)


if __name__ == "__main__":
    unittest.main()
