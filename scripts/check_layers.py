#!/usr/bin/env python3
"""Check that the folders of lib/ form layers (docs/architecture.md, "The layers").

The order is util(1), calendar(2), rules(3), model(4), load(5), eval(6),
report(7), api(8). A folder may include the headers of, and call, only the
folders before it (and itself). Every folder may include the public headers
(`#include "govopen/..."`) for their types and constants, but only lib/api
defines or calls a `govopen_*` function.

Two checks, each printing one line per violation:

  * includes, from the sources: every `#include "x/..."` in lib/<folder>/*.c
    and *.h whose x is a folder after <folder>:
        lib/load/framework_load.c: includes api/file.h (lib/api)
  * symbols, from the build's object files (`--build DIR`: the objects of
    the govopen library under DIR/CMakeFiles/govopen_objects.dir/lib/<folder>/,
    read with `nm`): an object of a folder that needs a symbol defined by an
    object of a later folder, and an object outside lib/api that defines or
    calls a govopen_* function:
        lib/eval/evaluate.c: calls govopen_result_free (lib/api)
        lib/model/framework.c: defines govopen_framework_id (public functions live in lib/api)

A folder of lib/ that is not in the order is a violation too: a new folder
must be given its place here and in docs/architecture.md.

`--self-test` builds a small tree with one violation of each kind in a
temporary directory (compiling it with `--cc`, default $CC or cc), checks
that each is reported, and that the same tree without them passes.

Usage (from anywhere; the sources are this script's repository unless --root):
  python3 scripts/check_layers.py                    # includes only
  python3 scripts/check_layers.py --build build      # includes and objects
  python3 scripts/check_layers.py --self-test --cc cc --build build

Standard library only. Exit 0 when every layer holds, 1 otherwise, 2 when
the check cannot run (no sources, no objects under --build, nm missing).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

LAYERS = ["util", "calendar", "rules", "model", "load", "eval", "report", "api"]
RANK = {name: i for i, name in enumerate(LAYERS)}
PUBLIC_PREFIX = "govopen_"
API = "api"
TARGET = "govopen_objects"

INCLUDE_RE = re.compile(r'^\s*#\s*include\s*"([A-Za-z0-9_]+)/([^"]+)"')


class Unusable(Exception):
    """The check cannot run (as opposed to: it ran and found violations)."""


def lib_folders(root):
    lib = os.path.join(root, "lib")
    if not os.path.isdir(lib):
        raise Unusable("no lib/ folder under %s" % root)
    return sorted(d for d in os.listdir(lib) if os.path.isdir(os.path.join(lib, d)))


def check_folders(root):
    return ["lib/%s: a folder not in the layer order (%s)" % (d, ", ".join(LAYERS))
            for d in lib_folders(root) if d not in RANK]


def check_includes(root):
    """Violations of the include rule, and how many files were read."""
    bad = []
    files = 0
    for folder in lib_folders(root):
        if folder not in RANK:
            continue
        d = os.path.join(root, "lib", folder)
        for name in sorted(os.listdir(d)):
            if not name.endswith((".c", ".h")):
                continue
            files += 1
            with open(os.path.join(d, name), encoding="utf-8", errors="replace") as f:
                for line in f:
                    m = INCLUDE_RE.match(line)
                    if not m:
                        continue
                    target = m.group(1)
                    if target in RANK and RANK[target] > RANK[folder]:
                        bad.append("lib/%s/%s: includes %s/%s (lib/%s)" % (folder, name, target, m.group(2), target))
    return bad, files


def nm_symbols(nm, paths):
    """{path: (defined functions, defined data, undefined)} global symbols of object files, with one nm."""
    try:
        out = subprocess.run([nm, "-P", "-A"] + paths, check=True, capture_output=True, text=True).stdout
    except FileNotFoundError:
        raise Unusable("%s not found" % nm)
    except subprocess.CalledProcessError as e:
        raise Unusable("%s failed: %s" % (nm, e.stderr.strip()))
    syms = {p: (set(), set(), set()) for p in paths}
    for line in out.splitlines():
        path, sep, rest = line.rpartition(": ")
        parts = rest.split()
        if not sep or path not in syms or len(parts) < 2:
            continue
        funcs, data, undef = syms[path]
        name, kind = parts[0], parts[1]
        if kind == "U":
            undef.add(name)
        elif kind in ("T", "W", "i"):
            funcs.add(name)
        elif kind in ("D", "B", "R", "C", "G", "S", "V"):
            data.add(name)
    return syms


def find_objects(build, root):
    """{source path lib/<folder>/<file>: object path} for the library's objects under a build dir.

    An object whose source is gone (a file moved or deleted since that build
    directory last built it) is left out: it is no longer part of the library."""
    base = os.path.join(build, "CMakeFiles", TARGET + ".dir", "lib")
    if not os.path.isdir(base):
        raise Unusable("no %s (is %s a build directory of this project, built?)" % (base, build))
    objs = {}
    for folder in sorted(os.listdir(base)):
        d = os.path.join(base, folder)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            src = "lib/%s/%s" % (folder, name[:-2])
            if name.endswith(".o") and os.path.isfile(os.path.join(root, src)):
                objs[src] = os.path.join(d, name)
    if not objs:
        raise Unusable("no object files under %s (build the library first)" % base)
    return objs


def check_objects(build, root, nm="nm"):
    """Violations of the call rule in the objects, and how many objects were read."""
    objs = find_objects(build, root)
    table = {}  # source -> (funcs, data, undef)
    owner = {}  # symbol -> (folder, is_function)
    syms = nm_symbols(nm, list(objs.values()))
    for src, path in objs.items():
        funcs, data, undef = syms[path]
        table[src] = (funcs, data, undef)
        folder = src.split("/")[1]
        for s in funcs:
            owner[s] = (folder, True)
        for s in data:
            owner.setdefault(s, (folder, False))
    bad = []
    for src in sorted(table):
        folder = src.split("/")[1]
        if folder not in RANK:
            continue  # reported by check_folders
        funcs, _data, undef = table[src]
        if folder != API:
            for s in sorted(funcs):
                if s.startswith(PUBLIC_PREFIX):
                    bad.append("%s: defines %s (public functions live in lib/%s)" % (src, s, API))
        for s in sorted(undef):
            if s not in owner:
                continue  # the C library, libyaml, cJSON, nettle, a generated table
            where, is_function = owner[s]
            higher = where in RANK and RANK[where] > RANK[folder]
            public = folder != API and s.startswith(PUBLIC_PREFIX)
            if higher or public:
                bad.append("%s: %s %s (lib/%s)" % (src, "calls" if is_function else "uses", s, where))
    return bad, len(objs)


def run(root, build, nm="nm"):
    """All violations, and a one-line account of what was read."""
    bad = check_folders(root)
    inc, files = check_includes(root)
    bad += inc
    what = "%d source files" % files
    if build is not None:
        obj, n = check_objects(build, root, nm)
        bad += obj
        what += ", %d object files" % n
    return bad, what


# --- the self-test -----------------------------------------------------------

SELF_TEST_TREE = {
    "util/u.h": "int gv_u(void);\n",
    "util/u.c": '#include "util/u.h"\n'
                "extern int gv_table[]; //BAD\n"
                "int gv_u(void) { return 1 /*BAD*/ + gv_table[0] /*END*/; }\n",
    "model/m.c": "int gv_table[2] = {1, 2};\n"
                 "int gv_m(void);\nint gv_m(void) { return 2; }\n",
    "eval/e.h": '#include "util/u.h"\nint gv_e(void);\n',
    "eval/e.c": '#include "eval/e.h"\n#include "model/m.h"\n#include "govopen/common.h"\n'
                '#include "api/a.h" //BAD\n'
                "int gv_a(void); void govopen_thing_free(void *p); //BAD\n"
                "int govopen_e(void); //BAD\nint govopen_e(void) { return 0; } //BAD\n"
                "int gv_e(void) { int r = gv_u(); /*BAD*/ r += gv_a(); govopen_thing_free(0); /*END*/ return r; }\n",
    "model/m.h": "int gv_m(void);\n",
    "report/r.c": '#include "eval/e.h"\nint gv_r(void);\nint gv_r(void) { return gv_e(); }\n',
    "api/a.h": "int gv_a(void);\n",
    "api/a.c": '#include "api/a.h"\n#include "report/r.h"\n#include "util/u.h"\n'
               "void govopen_thing_free(void *p);\nint govopen_thing(void);\n"
               "int gv_a(void) { return gv_u(); }\n"
               "void govopen_thing_free(void *p) { (void)p; }\n"
               "int govopen_thing(void) { return gv_a() + gv_r(); }\n",
    "report/r.h": "int gv_r(void);\n",
    "govopen/common.h": "",  # stands for include/govopen
}

SELF_TEST_EXPECTED = [
    "lib/eval/e.c: includes api/a.h (lib/api)",
    "lib/eval/e.c: defines govopen_e (public functions live in lib/api)",
    "lib/eval/e.c: calls govopen_thing_free (lib/api)",
    "lib/eval/e.c: calls gv_a (lib/api)",
    "lib/util/u.c: uses gv_table (lib/model)",
]


def clean(text):
    """A self-test source without its violations: lines ending in //BAD go, /*BAD*/ ... /*END*/ go."""
    out = []
    for line in text.split("\n"):
        if line.endswith("//BAD"):
            continue
        if "/*BAD*/" in line:
            head, _, rest = line.partition("/*BAD*/")
            tail = rest.partition("/*END*/")[2] if "/*END*/" in rest else ""
            line = head + tail
        out.append(line)
    return "\n".join(out)


def build_tree(top, cc, with_violations):
    root = os.path.join(top, "src")
    build = os.path.join(top, "build")
    for rel, text in SELF_TEST_TREE.items():
        if not with_violations:
            text = clean(text)
        base = "include" if rel.startswith("govopen/") else "lib"
        path = os.path.join(root, base, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    for rel in SELF_TEST_TREE:
        if not rel.endswith(".c"):
            continue
        obj = os.path.join(build, "CMakeFiles", TARGET + ".dir", "lib", rel + ".o")
        os.makedirs(os.path.dirname(obj), exist_ok=True)
        cmd = [cc, "-c", "-o", obj, "-I", os.path.join(root, "lib"), "-I", os.path.join(root, "include"),
               os.path.join(root, "lib", rel)]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            raise Unusable("self-test: %s failed:\n%s" % (" ".join(cmd), r.stderr))
    return root, build


def self_test(cc, nm):
    """0 when the check finds exactly the planted violations and passes the tree without them."""
    ok = True
    with tempfile.TemporaryDirectory(prefix="check_layers.") as top:
        root, build = build_tree(os.path.join(top, "bad"), cc, True)
        bad, _ = run(root, build, nm)
        print("check_layers --self-test: a tree with a violation of each kind gives:")
        for line in bad:
            print("  " + line)
        if sorted(bad) != sorted(SELF_TEST_EXPECTED):
            ok = False
            print("check_layers --self-test: FAILED: expected exactly:", file=sys.stderr)
            for line in SELF_TEST_EXPECTED:
                print("  " + line, file=sys.stderr)
        root, build = build_tree(os.path.join(top, "good"), cc, False)
        bad, _ = run(root, build, nm)
        if bad:
            ok = False
            print("check_layers --self-test: FAILED: the same tree without its violations gives:", file=sys.stderr)
            for line in bad:
                print("  " + line, file=sys.stderr)
        # a folder out of the order is refused
        os.makedirs(os.path.join(root, "lib", "misc"))
        bad, _ = run(root, build, nm)
        expected = ["lib/misc: a folder not in the layer order (%s)" % ", ".join(LAYERS)]
        if bad != expected:
            ok = False
            print("check_layers --self-test: FAILED: a folder out of the order gives %r" % bad, file=sys.stderr)
        # and so is a build with no objects, rather than passing on nothing
        shutil.rmtree(os.path.join(build, "CMakeFiles"))
        try:
            run(root, build, nm)
            ok = False
            print("check_layers --self-test: FAILED: a build without objects passes", file=sys.stderr)
        except Unusable:
            pass
    print("check_layers --self-test: %s" % ("ok" if ok else "FAILED"))
    return 0 if ok else 1


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=os.path.dirname(here), help="the source tree (default: this repository)")
    ap.add_argument("--build", help="a build directory: also check its object files with nm")
    ap.add_argument("--nm", default=os.environ.get("NM", "nm"))
    ap.add_argument("--cc", default=os.environ.get("CC", "cc"), help="compiler for --self-test")
    ap.add_argument("--self-test", action="store_true", help="first prove on a made-up tree that violations fail")
    args = ap.parse_args()
    try:
        if args.self_test and self_test(args.cc, args.nm) != 0:
            return 1
        bad, what = run(args.root, args.build, args.nm)
    except Unusable as e:
        print("check_layers: cannot check: %s" % e, file=sys.stderr)
        return 2
    for line in bad:
        print(line)
    if bad:
        print("check_layers: %d violation(s) of the layer order %s (docs/architecture.md, \"The layers\")"
              % (len(bad), " < ".join(LAYERS)), file=sys.stderr)
        return 1
    print("check_layers: ok (%s; %s)" % (what, " < ".join(LAYERS)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
