"""Hostile overlays that grow the indicator tree (issue 13, items 1 and 2; synthetic).

An overlay of the built-in langao-2023 stacks new indicators on each other
with `nodes:` entries whose `in:` names the one before: no document nests
more than a few levels, yet the merged tree reaches any depth. And a flat
overlay of 50,000 entries must merge in linear time and memory.

The chains hang under langao-2023's indicator "1.1.1" (level 3), so that
the chain's k-th indicator is at level k + 3: with the default limit of 32
levels (GOVOPEN_OPT_MAX_TREE_DEPTH), d29 is the deepest allowed and d30 is
refused, at its `in:`.
"""
import json
import os

from common import Case

# langao-2023's towns (the group 各镇: 12 units), by name
TOWNS = ["城关镇", "佐龙镇", "滔河镇", "官元镇", "石门镇", "民主镇",
         "大道河镇", "蔺河镇", "四季镇", "孟石岭镇", "南宫山镇", "溢河镇"]
BASE_LEVEL = 3        # "1.1.1"
LIMIT = 32            # GOVOPEN_DEFAULT_MAX_TREE_DEPTH


def chain_overlay(n, points=1, title="层"):
    """An overlay stacking d1 … dn, each in the one before (d1 in "1.1.1"),
    with `points` points in dn. Returns (text, line of each entry d_k)."""
    lines = ["schema: 1", "extends: langao-2023",
             "framework: {id: deep-test, title: 深层测试}", "nodes:"]
    where = {}
    for i in range(1, n + 1):
        parent = '"1.1.1"' if i == 1 else "d%d" % (i - 1)
        lines.append("  d%d: {title: %s%d, in: %s}" % (i, title, i, parent))
        where[i] = len(lines)
    lines.append("points:")
    for q in range(1, points + 1):
        lines.append("  q%d: {in: d%d, text: 深层评估点%d, sampling: [政府网站], responsible: [各镇]}" % (q, n, q))
    return "\n".join(lines) + "\n", where


def _in_column(i):
    """The 1-based column of the value of d_i's `in:` (ASCII up to it but
    the title's one CJK character, counted as one)."""
    head = "  d%d: {title: 层%d, in: " % (i, i)
    return len(head) + 1


def _write(workdir, name, text):
    p = os.path.join(workdir, name)
    with open(p, "w", encoding="utf-8") as f:
        f.write(text)
    return p


def _deep(workdir):
    text, _ = chain_overlay(8400)  # 317 KB before: SIGSEGV in read_node
    return ["validate", _write(workdir, "deep.yaml", text)], None


def _at_limit(workdir):
    text, _ = chain_overlay(LIMIT - BASE_LEVEL)
    return ["validate", _write(workdir, "limit.yaml", text)], None


def _flat(workdir):
    """50,000 new indicators in one new level-1 indicator w, each with its
    own point: 100,000 flat entries (5.7 MB), merged in linear time (before:
    20,000 entries took 1.6 GB). w is worth 500, the total 600."""
    n = 50000
    lines = ["schema: 1", "extends: langao-2023",
             "framework: {id: wide-test, title: 宽测试, total: %d}" % (100 + n // 100),
             "nodes:", "  w: {title: 宽, score: %d}" % (n // 100)]
    lines += ["  n%d: {title: t, in: w}" % i for i in range(1, n + 1)]
    lines.append("points:")
    lines += ["  p%d: {in: n%d, text: t, sampling: [政府网站], responsible: [县政府办]}" % (i, i)
              for i in range(1, n + 1)]
    return ["validate", _write(workdir, "flat.yaml", "\n".join(lines) + "\n")], None


def _report(workdir):
    """The deepest tree allowed, with long titles, 60 points in its deepest
    indicator for the 12 towns, every one scored 0: 720 points lost, each
    printed with its path of 32 titles (before: depth² per lost point)."""
    title = "很长的指标名称" * 6 + "第"
    text, _ = chain_overlay(LIMIT - BASE_LEVEL, points=60, title=title)
    fw = _write(workdir, "report.yaml", text)
    obs = os.path.join(workdir, "obs.jsonl")
    with open(obs, "w", encoding="utf-8") as f:
        for q in range(1, 61):
            for t in TOWNS:
                f.write(json.dumps({"unit": t, "point": "q%d" % q, "score": 0, "reason": "未公开"},
                                   ensure_ascii=False) + "\n")
    return ["report", "--format", "md", "--framework", fw, "--observations", obs, "--as-of", "2023-12-15"], None


D30 = LIMIT - BASE_LEVEL + 1
CASES = [
    # d30 is the first at level 33: refused at its `in:`, nothing below merged or loaded
    Case("tree-overlay-deep-stack", _deep, rc=1,
         stderr=[r"deep\.yaml:%d:%d: error: the indicator tree is deeper than the limit of 32 levels "
                 r"\(GOVOPEN_OPT_MAX_TREE_DEPTH\): 'd30' would be at level 33, in 'd29' \[nodes\.d30\.in\]"
                 % (D30 + 4, _in_column(D30)),
                 r"deep\.yaml: invalid \(1 error\)"],
         mem_mb=256, seconds=2.0),
    # exactly 32 levels: loads
    Case("tree-overlay-at-limit", _at_limit, rc=0,
         stdout=[r"limit\.yaml: ok: deep-test, 149 indicators, 84 points"],
         absent=[r"error:"], mem_mb=256, seconds=2.0),
    # 50,000 indicators and 50,000 points merged and loaded: 1.3 s of CPU and 200 MiB in a
    # Debug build (before: 20,000 entries took 1.6 GB, 40,000 6.3 GB and 43 s); the bound is
    # wall time on a shared machine, the memory cap is what a quadratic merge breaks first
    Case("tree-overlay-flat-50000", _flat, rc=0,
         stdout=[r"flat\.yaml: ok: wide-test, 50121 indicators, 50083 points"],
         absent=[r"error:"], mem_mb=512, seconds=30.0),
    # the same under a cap it cannot fit in: every allocation that fails is an error, not a crash
    Case("tree-overlay-flat-50000-capped", _flat, rc=1,
         stderr=[r"^[^ ]*flat\.yaml: error: out of memory", r"flat\.yaml: invalid \(1 error\)"],
         mem_mb=48, seconds=30.0, by_cap=True),
    # a report on the deepest tree: 720 lost points, each with its 32-title path
    Case("tree-report-deepest", _report, rc=0,
         stdout=[r"很长的指标名称很长的指标名称很长的指标名称很长的指标名称很长的指标名称很长的指标名称第29"],
         mem_mb=512, seconds=8.0),
]
