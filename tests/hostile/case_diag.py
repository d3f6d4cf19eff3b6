"""Errors that multiply and units × points that amplify (issue 13, items 3 and 4).

Every generator here is synthetic and deterministic. Before the fix, N copies
of one name in a list gave N(N-1)/2 errors (3,000 copies: 4.5 million errors,
1 GB); a 6,000-unit group named by 6,000 points needed 2 GB to evaluate.
"""
import os

from common import Case

HEAD = "schema: 1\nframework: {id: d, title: d, total: 10}\nunits:\n  - {id: a, name: A, kind: town}\n"


def _dups(where, n=3000):
    """One point whose `responsible`, `sampling` or checklist `items` repeats one name n times (line 12 or 13)."""
    def build(workdir):
        p = os.path.join(workdir, "dup.yaml")
        with open(p, "w", encoding="utf-8") as f:
            f.write(HEAD)
            f.write("indicators:\n  - title: T\n    score: 10\n    points:\n      - id: p1\n        text: x\n")
            if where == "responsible":
                f.write("        sampling: [政府网站]\n        responsible: [" + ", ".join(["a"] * n) + "]\n")
            elif where == "sampling":
                f.write("        sampling: [" + ", ".join(["政府网站"] * n) + "]\n        responsible: [a]\n")
            else:
                f.write("        sampling: [政府网站]\n        responsible: [a]\n"
                        "        rule: {kind: checklist, items: [" + ", ".join(["i"] * n) + "]}\n")
        return ["validate", p], None
    return build


def _many_bad_points(workdir, n=50000):
    """n points, each naming an unknown unit: one error each."""
    p = os.path.join(workdir, "bad.yaml")
    with open(p, "w", encoding="utf-8") as f:
        f.write(HEAD + "indicators:\n  - title: T\n    score: 10\n    points:\n")
        for i in range(n):
            f.write("      - {id: p%d, text: x, sampling: [政府网站], responsible: [zz]}\n" % i)
    return ["validate", p], None


def _units_points(units, points, group_kinds=True):
    """`units` towns; every one of `points` points names the group of all of them."""
    def build(workdir):
        p = os.path.join(workdir, "grid.yaml")
        with open(p, "w", encoding="utf-8") as f:
            f.write("schema: 1\nframework: {id: g, title: g, total: 100}\nunits:\n")
            for i in range(units):
                f.write("  - {id: u%d, name: U%d, kind: town}\n" % (i, i))
            f.write("groups:\n  - {id: all, name: ALL, kinds: [town]}\n")
            f.write("indicators:\n  - title: T\n    score: 100\n    points:\n")
            for i in range(points):
                f.write("      - {id: p%d, text: x, sampling: [政府网站], responsible: [all]}\n" % i)
        return p
    return build


def _cells_6000(workdir):
    return ["validate", _units_points(6000, 6000)(workdir)], None


def _many_groups(workdir, units=2000, groups=600):
    """600 groups of all 2,000 units: 1.2 million members, past GOVOPEN_OPT_MAX_CELLS at the 501st group."""
    p = os.path.join(workdir, "groups.yaml")
    with open(p, "w", encoding="utf-8") as f:
        f.write("schema: 1\nframework: {id: g, title: g, total: 10}\nunits:\n")
        for i in range(units):
            f.write("  - {id: u%d, name: U%d, kind: town}\n" % (i, i))
        f.write("groups:\n")
        for i in range(groups):
            f.write("  - {id: g%d, name: G%d, kinds: [town]}\n" % (i, i))
        f.write("indicators:\n  - title: T\n    score: 10\n    points:\n"
                "      - {id: p1, text: x, sampling: [政府网站], responsible: [g0]}\n")
    return ["validate", p], None


def _largest(command):
    """The largest framework the defaults accept: 1,000 units, each owning all 1,000 points
    (1,000,000 pairs, exactly GOVOPEN_OPT_MAX_CELLS), observed for one point per unit."""
    def build(workdir):
        fw = _units_points(1000, 1000)(workdir)
        if command == "validate":
            return ["validate", fw], None
        obs = os.path.join(workdir, "obs.jsonl")
        with open(obs, "w", encoding="utf-8") as f:
            for u in range(1000):
                f.write('{"unit": "u%d", "point": "p%d", "score": 0.05}\n' % (u, u))
        argv = ["evaluate", "--framework", fw, "--observations", obs, "--as-of", "2023-12-31"]
        if command == "json":
            argv += ["--format", "json", "--output", os.path.join(workdir, "out.json")]
        else:
            argv += ["--output", os.path.join(workdir, "out.txt")]
        return argv, None
    return build


def _largest_grid(workdir, units=10000, points=399):
    """The largest table the defaults accept: 10,000 units in four kinds, 399 points each owned by one kind
    (997,500 pairs; 10,000 × 400 columns = GOVOPEN_OPT_MAX_GRID), one observation per unit, written as JSON."""
    kinds = ["town", "department", "institution", "party-org"]
    fw = os.path.join(workdir, "g4.yaml")
    with open(fw, "w", encoding="utf-8") as f:
        f.write("schema: 1\nframework: {id: g, title: g, total: 100}\nunits:\n")
        for i in range(units):
            f.write("  - {id: u%d, name: U%d, kind: %s}\n" % (i, i, kinds[i * 4 // units]))
        f.write("groups:\n")
        for k in kinds:
            f.write("  - {id: g-%s, name: G-%s, kinds: [%s]}\n" % (k, k, k))
        f.write("indicators:\n  - title: T\n    score: 100\n    points:\n")
        for p in range(points):
            f.write("      - {id: p%d, text: x, sampling: [政府网站], responsible: [g-%s]}\n" % (p, kinds[p % 4]))
    obs = os.path.join(workdir, "g4.jsonl")
    with open(obs, "w", encoding="utf-8") as f:
        for u in range(units):
            f.write('{"unit": "u%d", "point": "p%d", "score": 0.1}\n' % (u, (u * 4 // units) + 4 * (u % 99)))
    return ["evaluate", "--format", "json", "--framework", fw, "--observations", obs, "--as-of", "2023-12-31",
            "--output", os.path.join(workdir, "out.json")], None


def _bad_records(workdir, n=5000):
    """5,000 observations naming an unknown unit, then one good one: the evaluation keeps 1,000 diagnostics."""
    fw = _units_points(3, 2)(workdir)
    obs = os.path.join(workdir, "obs.jsonl")
    with open(obs, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write('{"unit": "nobody", "point": "p0", "score": 1}\n')
        f.write('{"unit": "u0", "point": "p0", "score": 1}\n')
    return ["evaluate", "--framework", fw, "--observations", obs, "--as-of", "2023-12-31",
            "--output", os.path.join(workdir, "out.txt")], None


def _many_channels(workdir, n=50000):
    """A deadline rule whose start_by_channel names 50,000 channels: each a field of its own,
    found by name in linear time (pairwise, the load took 15 s)."""
    p = os.path.join(workdir, "chan.yaml")
    with open(p, "w", encoding="utf-8") as f:
        f.write(HEAD + "indicators:\n  - title: T\n    score: 10\n    points:\n      - id: p1\n        text: x\n"
                "        sampling: [政府网站]\n        responsible: [a]\n        rule:\n          kind: deadline\n"
                "          limit: {workdays: 5}\n          start_by_channel:\n")
        for i in range(n):
            f.write("            c%d: f%d\n" % (i, i))
    return ["validate", p], None


def _dup_case(name, where, line, first_col, second_col, last_col, path):
    # 3,000 copies: 2,999 duplicates, one diagnostic each; 1,000 shown, then one line for the other 1,999
    return Case(
        "diag-dup-" + name, _dups(where), rc=1,
        stderr=[r"/dup\.yaml:%d:%d: error: .*listed twice \(first at line %d, column %d\) \[%s\[1\]\]$"
                % (line, second_col, line, first_col, path),
                r"%s\[1000\]\]$" % path,
                r"/dup\.yaml:%d:%d: error: … and 1,999 more errors not shown \(GOVOPEN_OPT_MAX_DIAGNOSTICS keeps 1,000\)"
                % (line, last_col),
                r"invalid \(1001 errors\)"],
        absent=[r"%s\[1001\]\]$" % path, r"%s\[2\]\].*\n.*%s\[2\]\]" % (path, path)],
        mem_mb=64, seconds=1.0)


CASES = [
    _dup_case("responsible", "responsible", 12, 23, 26, 9020, r"indicators\[0\]\.points\[0\]\.responsible"),
    _dup_case("sampling", "sampling", 11, 20, 26, 18014, r"indicators\[0\]\.points\[0\]\.sampling"),
    _dup_case("items", "items", 13, 41, 44, 9038, r"indicators\[0\]\.points\[0\]\.rule\.items"),
    # 50,000 errors (3 MB): 1,000 kept, the 49,000 others counted exactly
    Case("diag-many-errors", _many_bad_points, rc=1,
         stderr=[r"/bad\.yaml:9:59: error: unknown unit or group 'zz' \[indicators\[0\]\.points\[0\]\.responsible\[0\]\]$",
                 r"/bad\.yaml:1008:61: error: unknown unit or group 'zz' \[indicators\[0\]\.points\[999\]\.responsible\[0\]\]$",
                 r"/bad\.yaml:50008:63: error: … and 49,000 more errors not shown \(GOVOPEN_OPT_MAX_DIAGNOSTICS keeps 1,000\); "
                 r"the last of them: unknown unit or group 'zz' \[indicators\[0\]\.points\[49999\]\.responsible\[0\]\]$",
                 r"invalid \(1001 errors\)"],
         absent=[r"points\[1000\]\.responsible"], mem_mb=128, seconds=3.0),
    # 6,000 units × 6,000 points (700 KB): refused where the 167th point passes 1,000,000 pairs
    Case("diag-cells-6000", _cells_6000, rc=1,
         stderr=[r"/grid\.yaml:6176:61: error: the points' responsible units, groups expanded, add up to more than "
                 r"1000000 \(GOVOPEN_OPT_MAX_CELLS\): 'all' brings 6000 \[indicators\[0\]\.points\[166\]\.responsible\[0\]\]$"],
         mem_mb=256, seconds=3.0),
    Case("diag-grid-refused", _cells_6000, rc=1,
         stderr=[r"/grid\.yaml:6675:9: error: the evaluation's table of 6000 units by 666 points and 1 indicators so far "
                 r"passes 4000000 cells \(GOVOPEN_OPT_MAX_GRID\) \[indicators\[0\]\.points\[665\]\]$"],
         mem_mb=256, seconds=3.0),
    Case("diag-group-members", _many_groups, rc=1,
         stderr=[r"/groups\.yaml:2505:35: error: the groups' members add up to more than 1000000 "
                 r"\(GOVOPEN_OPT_MAX_CELLS\): this group has 2000 \[groups\[500\]\]$"],
         mem_mb=128, seconds=2.0),
    # the largest framework the defaults accept, within a stated cap
    Case("diag-largest-validate", _largest("validate"), rc=0,
         stdout=[r"grid\.yaml: ok: g, 1 indicators, 1000 points, 1000 units, 1 groups"], mem_mb=256, seconds=5.0),
    Case("diag-largest-evaluate", _largest("text"), rc=0, mem_mb=384, seconds=20.0),
    Case("diag-largest-evaluate-json", _largest("json"), rc=0, mem_mb=512, seconds=30.0),
    Case("diag-largest-grid-json", _largest_grid, rc=0, mem_mb=448, seconds=40.0),
    Case("diag-rule-fields", _many_channels, rc=0, stdout=[r"chan\.yaml: ok: d, 1 indicators, 1 points"],
         mem_mb=128, seconds=4.0),
    # an evaluation keeps 1,000 diagnostics of rejected records, counts all 5,000
    Case("diag-eval-rejections", _bad_records, rc=0,
         stderr=[r"^.*obs\.jsonl:1000:\d+: error: .*nobody",
                 r"^.*obs\.jsonl:5000:\d+: error: … and 4,000 more errors not shown \(GOVOPEN_EVAL_MAX_DIAGNOSTICS keeps 1,000\)",
                 r"govopen: 5000 observations rejected, 1 accepted"],
         absent=[r"obs\.jsonl:1001:\d+: error: unknown"], mem_mb=128, seconds=3.0),
]
