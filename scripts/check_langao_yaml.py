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
    whitespace removed, is a substring of the seed with ALL whitespace removed;
  - every point has a rule (docs/rules.md) whose kind is one of the ten, with
    a label; its parameters are exactly those docs/rules.md lists for the kind,
    with the right types (no unknown keys, required ones present); checklist
    items are non-empty strings without duplicates; deadline limits are
    well-formed (exactly one of workdays/days/hours/due, positive integers,
    real dates; named limits with distinct names and end fields; tiers with
    cases and an optional default); no veto (the table names none).
Prints a summary; exits 1 on any failure.
"""
import datetime
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
    "adjustment": {"id", "delta", "text", "source", "note", "repeatable"},
    "grade": {"name", "min"},
}
UNIT_KINDS = {"town", "department", "institution", "party-org", "other"}

RULE_KINDS = ("boolean", "checklist", "deadline", "recency", "count_per_period",
              "sample_ratio", "deduction", "veto", "manual", "expression")
RULE_COMMON = {"kind", "label", "note"}
# parameters per kind, as docs/rules.md lists them
RULE_PARAMS = {
    "boolean": set(),
    "checklist": {"items", "scoring", "item_points"},
    "deadline": {"limit", "limits", "tiers", "start", "end", "start_by_channel",
                 "restart", "pauses", "extension", "due_soon", "scoring",
                 "per_late", "floor", "pause_label"},
    "recency": {"within", "scoring"},
    "count_per_period": {"min", "period", "scoring"},
    "sample_ratio": {"expected"},
    "deduction": {"per", "floor"},
    "veto": {"target"},
    "manual": set(),
    "expression": {"fields", "score", "reason"},
}
LIMIT_UNITS = ("workdays", "days", "hours", "due")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FIELD_TYPES = {"number", "string", "date", "boolean"}

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


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_score(v):
    return (isinstance(v, (int, float)) and not isinstance(v, bool)
            and abs(round(v * 100) - v * 100) <= 1e-6)


def is_str(v):
    return isinstance(v, str) and v != ""


def check_date(v, where):
    """A YYYY-MM-DD date that exists; PyYAML turns a plain one into a date."""
    if isinstance(v, datetime.date) and not isinstance(v, datetime.datetime):
        return
    if not isinstance(v, str) or not DATE_RE.match(v):
        err(f"{where}: expected a date YYYY-MM-DD, got {v!r}")
        return
    try:
        datetime.date.fromisoformat(v)
    except ValueError:
        err(f"{where}: not a real date: {v!r}")


def check_enum(v, allowed, where):
    if v not in allowed:
        err(f"{where}: {v!r} is not one of {', '.join(allowed)}")


def check_amount(m, units, where, extra=()):
    """A mapping with exactly one of units (N >= 1, or a date for due)."""
    if not isinstance(m, dict):
        err(f"{where}: expected a mapping with one of {', '.join(units)}")
        return
    for k in m:
        if k not in units and k not in extra:
            err(f"{where}: unknown key {k!r}")
    present = [k for k in units if k in m]
    if len(present) != 1:
        err(f"{where}: needs exactly one of {', '.join(units)}, has "
            f"{present or 'none'}")
    for k in present:
        if k == "due":
            check_date(m[k], f"{where}.due")
        elif not is_int(m[k]) or m[k] < 1:
            err(f"{where}.{k}: expected an integer >= 1, got {m[k]!r}")


def check_limits(lst, where):
    if not isinstance(lst, list) or not lst:
        err(f"{where}: expected a non-empty list of limits")
        return
    names, ends = set(), set()
    for i, lim in enumerate(lst):
        w = f"{where}[{i}]"
        check_amount(lim, LIMIT_UNITS, w, extra=("name", "end"))
        if not isinstance(lim, dict):
            continue
        for k in ("name", "end"):
            if not is_str(lim.get(k)):
                err(f"{w}: {k} must be a non-empty string")
        if lim.get("name") in names:
            err(f"{w}: duplicate limit name {lim.get('name')!r}")
        if lim.get("end") in ends:
            err(f"{w}: duplicate end field {lim.get('end')!r}")
        names.add(lim.get("name"))
        ends.add(lim.get("end"))


def check_limit_choice(m, where):
    """A mapping holding exactly one of limit / limits (a tier's case)."""
    if not isinstance(m, dict):
        err(f"{where}: expected a mapping with limit or limits")
        return
    for k in m:
        if k not in ("limit", "limits"):
            err(f"{where}: unknown key {k!r}")
    if ("limit" in m) == ("limits" in m):
        err(f"{where}: needs exactly one of limit, limits")
    if "limit" in m:
        check_amount(m["limit"], LIMIT_UNITS, f"{where}.limit")
    if "limits" in m:
        check_limits(m["limits"], f"{where}.limits")


def check_rule(rule, pid):
    where = f"point {pid}: rule"
    if not isinstance(rule, dict):
        err(f"{where}: expected a mapping")
        return None
    kind = rule.get("kind")
    if kind not in RULE_KINDS:
        err(f"{where}: kind {kind!r} is not one of the ten kinds")
        return None
    for k in rule:
        if k not in RULE_COMMON and k not in RULE_PARAMS[kind]:
            err(f"{where}: unknown key {k!r} for kind {kind}")
    if not is_str(rule.get("label")):
        err(f"{where}: every Langao rule carries a label (a short phrase)")
    if "note" in rule and not is_str(rule["note"]):
        err(f"{where}: note must be a non-empty string")
    w = f"{where} ({kind})"
    if kind == "checklist":
        items = rule.get("items")
        if not isinstance(items, list) or not items:
            err(f"{w}: items must be a non-empty list")
        else:
            for it in items:
                if not is_str(it):
                    err(f"{w}: item {it!r} is not a non-empty string")
            dup = sorted({it for it in items if items.count(it) > 1}, key=str)
            if dup:
                err(f"{w}: duplicate items {dup}")
        sc = rule.get("scoring", "fraction")
        check_enum(sc, ("fraction", "per-item", "all"), f"{w}.scoring")
        if sc == "per-item":
            if not is_score(rule.get("item_points")) or rule["item_points"] <= 0:
                err(f"{w}: per-item scoring needs item_points (a score > 0)")
        elif "item_points" in rule:
            err(f"{w}: item_points is only for scoring per-item")
    elif kind == "deadline":
        given = [k for k in ("limit", "limits", "tiers") if k in rule]
        if len(given) != 1:
            err(f"{w}: needs exactly one of limit, limits, tiers, has "
                f"{given or 'none'}")
        if "limit" in rule:
            check_amount(rule["limit"], LIMIT_UNITS, f"{w}.limit")
        if "limits" in rule:
            check_limits(rule["limits"], f"{w}.limits")
        if "tiers" in rule:
            t = rule["tiers"]
            if not isinstance(t, dict):
                err(f"{w}.tiers: expected a mapping")
            else:
                for k in t:
                    if k not in ("field", "cases", "default"):
                        err(f"{w}.tiers: unknown key {k!r}")
                if "field" in t and not is_str(t["field"]):
                    err(f"{w}.tiers.field: must be a non-empty string")
                cases = t.get("cases")
                if not isinstance(cases, dict) or not cases:
                    err(f"{w}.tiers.cases: expected a non-empty mapping")
                else:
                    for cv, c in cases.items():
                        if not is_str(cv):
                            err(f"{w}.tiers.cases: category {cv!r} must be a string")
                        check_limit_choice(c, f"{w}.tiers.cases.{cv}")
                if "default" in t:
                    check_limit_choice(t["default"], f"{w}.tiers.default")
        for k in ("start", "end", "restart", "pauses", "pause_label"):
            if k in rule and not is_str(rule[k]):
                err(f"{w}.{k}: must be a non-empty string (a sample field)")
        sbc = rule.get("start_by_channel", False)
        if isinstance(sbc, dict):
            if not sbc:
                err(f"{w}.start_by_channel: empty mapping")
            for ch, fld in sbc.items():
                if not is_str(ch) or not is_str(fld):
                    err(f"{w}.start_by_channel: {ch!r}: {fld!r} must map a "
                        f"channel to a field name")
        elif not isinstance(sbc, bool):
            err(f"{w}.start_by_channel: expected a boolean or a mapping")
        for k in ("extension", "due_soon"):
            if k in rule:
                check_amount(rule[k], ("workdays", "days", "hours"), f"{w}.{k}")
        sc = rule.get("scoring", "ratio")
        check_enum(sc, ("ratio", "all", "deduct"), f"{w}.scoring")
        if sc == "deduct":
            if not is_score(rule.get("per_late")) or rule["per_late"] <= 0:
                err(f"{w}: deduct scoring needs per_late (a score > 0)")
        for k in ("per_late", "floor"):
            if k in rule:
                if sc != "deduct":
                    err(f"{w}: {k} is only for scoring deduct")
                elif not is_score(rule[k]) or rule[k] < 0:
                    err(f"{w}.{k}: expected a score >= 0")
    elif kind == "recency":
        if "within" not in rule:
            err(f"{w}: within is required")
        else:
            check_amount(rule["within"], ("days", "workdays"), f"{w}.within")
        check_enum(rule.get("scoring", "all"), ("all", "ratio"), f"{w}.scoring")
    elif kind == "count_per_period":
        if not is_int(rule.get("min")) or rule["min"] < 1:
            err(f"{w}: min must be an integer >= 1")
        check_enum(rule.get("period", "quarter"), ("quarter", "month"),
                   f"{w}.period")
        check_enum(rule.get("scoring", "ratio"), ("ratio", "all"), f"{w}.scoring")
    elif kind == "sample_ratio":
        if "expected" in rule and (not is_int(rule["expected"])
                                   or rule["expected"] < 1):
            err(f"{w}: expected must be an integer >= 1")
    elif kind == "deduction":
        if not is_score(rule.get("per")) or rule["per"] <= 0:
            err(f"{w}: per must be a score > 0 (at most 2 decimals), got {rule.get('per')!r}")
        if "floor" in rule and (not is_score(rule["floor"]) or rule["floor"] < 0):
            err(f"{w}: floor must be a score >= 0 (at most 2 decimals)")
    elif kind == "veto":
        err(f"{w}: no veto in Langao 2023 (the table names none)")
        if not is_str(rule.get("target")):
            err(f"{w}: target is required")
    elif kind == "expression":
        f = rule.get("fields")
        if not isinstance(f, dict) or not f:
            err(f"{w}: fields must be a non-empty mapping")
        else:
            for name, ty in f.items():
                if not is_str(name) or ty not in FIELD_TYPES:
                    err(f"{w}.fields: {name!r}: {ty!r} (types: "
                        f"{', '.join(sorted(FIELD_TYPES))})")
        if not is_str(rule.get("score")):
            err(f"{w}: score (an expression string) is required")
        if "reason" in rule and not is_str(rule["reason"]):
            err(f"{w}: reason must be a non-empty string")
    return kind


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
    rule_kinds = {}      # kind -> number of points
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
        if "rule" not in p:
            err(f"{where}: no rule")
        else:
            k = check_rule(p["rule"], p.get("id"))
            if k:
                rule_kinds[k] = rule_kinds.get(k, 0) + 1
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
        # 备注 states conditions (被……通报的，扣3分), not rates (每次, 每篇): none repeats
        if not isinstance(a.get("repeatable", False), bool):
            err(f"{where}: repeatable must be true or false")
        elif a.get("repeatable"):
            err(f"{where}: the seed's 备注 applies each adjustment once (no 每次/每篇)")
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
    print("rules: " + ", ".join(f"{k} {n}" for k, n in
                                sorted(rule_kinds.items(), key=lambda kv: -kv[1])))
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
