#!/usr/bin/env python3
"""Check data/frameworks/langao-2023.yaml against its source table.

Usage: scripts/check_langao_yaml.py [FRAMEWORK.yaml] [SEED.txt]

The seed is the text dump of 岚皋县2023年政务公开工作绩效评估指标任务分解表.
Checks:
  - the document loads, has only schema-1 keys, uses no YAML aliases;
  - 83 points, ids P01..P83 in table (tree) order;
  - points per level-2 indicator: 25/7/4/2/7/1/4/1/2/1/13/9/5/1/1;
  - level-1 scores add up to framework.total (100); no scores below level 1;
  - indicator ids are quoted strings equal to their dotted positions;
  - scores have at most 2 decimals;
  - no indicator holds both children and points;
  - every responsible entry resolves to a unit (id, name or alias) or a group
    (id, name or alias); unit/group names and aliases are all distinct;
  - every sampling method is known;
  - every point text, indicator title and adjustment text, with ALL
    whitespace removed, is a substring of the seed with ALL whitespace removed.
Prints a summary; exits 1 on any failure.
"""
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FRAMEWORK = os.path.join(ROOT, "data", "frameworks", "langao-2023.yaml")
SEED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "langao-2023-seed.txt")

EXPECTED_L2_COUNTS = [25, 7, 4, 2, 7, 1, 4, 1, 2, 1, 13, 9, 5, 1, 1]
KNOWN_METHODS = {"政府网站", "电话测评", "现场测评", "模拟用户", "政务新媒体",
                 "日常采样", "材料报送", "主管部门审核", "主管部门考核",
                 "主管单位考核（材料报送）"}
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")

KEYS = {
    "top": {"schema", "framework", "sampling_methods", "units", "groups",
            "indicators", "adjustments", "grades"},
    "framework": {"id", "title", "region", "year", "total", "calendar",
                  "source", "note"},
    "unit": {"id", "name", "kind", "aliases", "code", "note"},
    "group": {"id", "name", "aliases", "kinds", "members", "open", "note"},
    "indicator": {"id", "label", "title", "score", "aggregate", "children",
                  "points", "source", "note"},
    "point": {"id", "text", "score", "sampling", "responsible", "rule",
              "source", "note"},
    "adjustment": {"id", "delta", "text", "source", "note"},
    "grade": {"name", "min"},
}
UNIT_KINDS = {"town", "department", "institution", "party-org", "other"}

errors = []


def err(msg):
    errors.append(msg)


def squash(s):
    return re.sub(r"\s+", "", s)


def check_keys(obj, kind, where):
    if not isinstance(obj, dict):
        err(f"{where}: expected a mapping")
        return
    for k in obj:
        if k not in KEYS[kind]:
            err(f"{where}: unknown key {k!r}")


def check_score(v, where):
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        err(f"{where}: score is not a number: {v!r}")
    elif abs(round(v * 100) - v * 100) > 1e-6:
        err(f"{where}: score has more than 2 decimals: {v!r}")


def main():
    fw_path = sys.argv[1] if len(sys.argv) > 1 else FRAMEWORK
    seed_path = sys.argv[2] if len(sys.argv) > 2 else SEED
    with open(fw_path, encoding="utf-8") as f:
        raw = f.read()
    with open(seed_path, encoding="utf-8") as f:
        seed = squash(f.read())

    for ev in yaml.parse(raw):
        if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None):
            err("YAML anchors/aliases are refused by libgovopen")
            break
    # ids that look like dotted numbers must be quoted scalars (the library
    # types plain scalars itself; the format asks for id: "1.2")
    def scan(node):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if (k.value == "id" and isinstance(v, yaml.ScalarNode)
                        and re.match(r"^[0-9][0-9.]*$", v.value)
                        and v.style not in ('"', "'")):
                    err(f"line {v.start_mark.line + 1}: id {v.value} must be "
                        f"a quoted string")
                scan(v)
        elif isinstance(node, yaml.SequenceNode):
            for v in node.value:
                scan(v)
    scan(yaml.compose(raw))
    doc = yaml.safe_load(raw)
    check_keys(doc, "top", "top")
    if doc.get("schema") != 1:
        err("schema must be 1")
    fw = doc.get("framework", {})
    check_keys(fw, "framework", "framework")
    for k in ("id", "title", "total"):
        if k not in fw:
            err(f"framework: missing {k}")
    check_score(fw.get("total"), "framework.total")

    # ---- units and groups: one namespace of names and aliases
    names = {}

    def claim(name, owner):
        if not isinstance(name, str) or not name:
            err(f"{owner}: name/alias must be a non-empty string")
            return
        if name in names:
            err(f"{owner}: name/alias {name!r} already used by {names[name]}")
        names[name] = owner

    resolvable = set()
    unit_ids = set()
    for i, u in enumerate(doc.get("units", [])):
        where = f"units[{i}]"
        check_keys(u, "unit", where)
        uid = u.get("id")
        if not isinstance(uid, str) or not ID_RE.match(uid):
            err(f"{where}: bad id {uid!r}")
        if uid in unit_ids:
            err(f"{where}: duplicate unit id {uid!r}")
        unit_ids.add(uid)
        if u.get("kind") not in UNIT_KINDS:
            err(f"{where}: bad kind {u.get('kind')!r}")
        claim(u.get("name"), f"unit {uid}")
        for a in u.get("aliases", []) or []:
            claim(a, f"unit {uid}")
        resolvable |= {uid, u.get("name"), *(u.get("aliases") or [])}
    group_ids = set()
    for i, g in enumerate(doc.get("groups", []) or []):
        where = f"groups[{i}]"
        check_keys(g, "group", where)
        gid = g.get("id")
        if not isinstance(gid, str) or not ID_RE.match(gid):
            err(f"{where}: bad id {gid!r}")
        if gid in group_ids or gid in unit_ids:
            err(f"{where}: duplicate id {gid!r}")
        group_ids.add(gid)
        claim(g.get("name"), f"group {gid}")
        for a in g.get("aliases", []) or []:
            claim(a, f"group {gid}")
        if not g.get("open") and not (g.get("kinds") or g.get("members")):
            err(f"{where}: a closed group needs kinds or members")
        for k in g.get("kinds", []) or []:
            if k not in UNIT_KINDS:
                err(f"{where}: bad kind {k!r}")
        resolvable |= {gid, g.get("name"), *(g.get("aliases") or [])}

    methods = KNOWN_METHODS | set(doc.get("sampling_methods", []) or [])

    # ---- the indicator tree
    points = []          # (point, level-2 position)
    l2_counts = []
    titles = []
    used_names = set()

    def walk(ind, pos, depth, l2):
        where = f"indicator {pos}"
        check_keys(ind, "indicator", where)
        iid = ind.get("id")
        if not isinstance(iid, str):
            err(f"{where}: id must be a quoted string, got {iid!r}")
        elif iid != pos:
            err(f"{where}: id {iid!r} is not its dotted position")
        title = ind.get("title")
        if not isinstance(title, str) or not title:
            err(f"{where}: missing title")
        else:
            titles.append((pos, title))
        if depth == 1:
            if "score" not in ind:
                err(f"{where}: level-1 indicator without score")
            else:
                check_score(ind["score"], where)
        elif "score" in ind:
            err(f"{where}: score below level 1 (they are derived)")
        kids, pts = ind.get("children"), ind.get("points")
        if kids and pts:
            err(f"{where}: has both children and points")
        if not kids and not pts:
            err(f"{where}: has neither children nor points")
        if depth == 2:
            l2 = pos
            l2_counts.append([pos, ind.get("label"), title, 0])
        for i, ch in enumerate(kids or [], 1):
            walk(ch, f"{pos}.{i}", depth + 1, l2)
        for p in pts or []:
            points.append((p, l2))
            if l2_counts and l2 is not None:
                l2_counts[-1][3] += 1
            else:
                err(f"{where}: points above level 2")

    l1_total = 0
    for i, ind in enumerate(doc.get("indicators", []), 1):
        walk(ind, str(i), 1, None)
        if isinstance(ind.get("score"), (int, float)):
            l1_total += ind["score"]
    if round(l1_total * 100) != round(fw.get("total", 0) * 100):
        err(f"level-1 scores add up to {l1_total}, not {fw.get('total')}")
    if fw.get("total") != 100:
        err(f"framework.total is {fw.get('total')}, expected 100")

    # ---- points
    want_ids = [f"P{i:02d}" for i in range(1, 84)]
    got_ids = [p.get("id") for p, _ in points]
    if got_ids != want_ids:
        err(f"point ids are not P01..P83 in order: {got_ids}")
    for p, _ in points:
        where = f"point {p.get('id')}"
        check_keys(p, "point", where)
        if not isinstance(p.get("text"), str) or not p["text"]:
            err(f"{where}: empty text")
        elif squash(p["text"]) not in seed:
            err(f"{where}: text not found in the seed: {p['text']}")
        if "score" in p:
            err(f"{where}: explicit score (the table gives none)")
        samp = p.get("sampling")
        if not samp:
            err(f"{where}: no sampling")
        for m in samp or []:
            if m not in methods:
                err(f"{where}: unknown sampling method {m!r}")
        resp = p.get("responsible")
        if not resp:
            err(f"{where}: no responsible")
        for r in resp or []:
            if r not in resolvable:
                err(f"{where}: responsible {r!r} resolves to no unit or group")
            used_names.add(r)
        if len(set(resp or [])) != len(resp or []):
            err(f"{where}: duplicate responsible entry")
    counts = [c[3] for c in l2_counts]
    if counts != EXPECTED_L2_COUNTS:
        err(f"points per level-2 indicator {counts} != {EXPECTED_L2_COUNTS}")

    for pos, t in titles:
        if squash(t) not in seed:
            err(f"indicator {pos}: title not found in the seed: {t}")
    for i, a in enumerate(doc.get("adjustments", []) or []):
        where = f"adjustments[{i}]"
        check_keys(a, "adjustment", where)
        check_score(a.get("delta"), where)
        if not a.get("delta"):
            err(f"{where}: delta must be non-zero")
        if squash(a.get("text", "")) not in seed or not a.get("text"):
            err(f"{where}: text not found in the seed")
    for i, g in enumerate(doc.get("grades", []) or []):
        check_keys(g, "grade", f"grades[{i}]")

    # ---- summary
    print(f"framework: {fw.get('id')}  {fw.get('title')}  total {fw.get('total')}")
    print(f"units: {len(doc.get('units', []))}  groups: {len(group_ids)}  "
          f"adjustments: {len(doc.get('adjustments', []) or [])}")
    for i, ind in enumerate(doc.get("indicators", []), 1):
        print(f"  {ind.get('label')}{ind.get('title')}  score {ind.get('score')}")
    print("points per level-2 indicator:")
    for pos, label, title, n in l2_counts:
        print(f"  {pos:4} {label}{title}: {n}")
    print(f"points: {len(points)} ({got_ids[0] if got_ids else '-'}.."
          f"{got_ids[-1] if got_ids else '-'}), indicator titles checked: "
          f"{len(titles)}, level-1 total: {l1_total}")
    unused = sorted(n for n in (u.get("name") for u in doc.get("units", []))
                    if n not in used_names
                    and next(u for u in doc["units"] if u["name"] == n)
                    .get("kind") != "town")
    if unused:
        print(f"note: units named by no point directly: {unused}")
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
