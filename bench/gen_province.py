#!/usr/bin/env python3
"""Write a SYNTHETIC province-scale workload for the libgovopen benchmarks.

Usage: bench/gen_province.py [--scale F] [--units N] [--samples-factor K]
                             [--seed N] [--out DIR] [--framework YAML]

Writes into DIR (default bench/out/province):

  province.yaml       a framework (docs/framework-format.md) with the indicator
                      tree, points, rules, adjustments and grades of
                      data/frameworks/langao-2023.yaml copied verbatim, but
                      with 107 x 40 = 4,280 invented units (--scale scales
                      the counties, --units N keeps the first N units) and
                      every point assigned to every unit
                      through one group, 全体单位, that covers every kind;
  observations.jsonl  JSON Lines (docs/observations.md), one record per
                      sample, 1 to 10 samples (times K) for every unit x
                      point cell, with the fields each point's rule reads.

Everything is invented: the counties, their units and their performance.
Nothing here describes a real county. The output depends only on the
arguments: one random.Random(seed) stream for the units and one for the
observations, no clock.

The framework text is a text transform of the Langao file (its indicator tree
is copied line by line, only the `responsible:` lists are rewritten), so no
YAML round trip can change a scalar's type. The YAML module (python3-yaml,
installed by scripts/setup.sh) is used only to READ the Langao rules and the
working-day calendar data/calendars/cn.yaml.

--samples-factor K multiplies every cell's sample count by K over the same
units (the per-cell counts are drawn as for K = 1), for the check that the
evaluator's memory stays flat when the samples double.
"""
import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LANGAO = os.path.join(ROOT, "data", "frameworks", "langao-2023.yaml")
CALENDAR = os.path.join(ROOT, "data", "calendars", "cn.yaml")

COUNTIES = 107            # counties at --scale 1
UNIT_SHARES = (           # the 40 units of one county, by kind
    ("town", "t", 12),
    ("department", "d", 24),
    ("institution", "i", 4),
)
ALL_GROUP = "全体单位"    # the group every point is assigned to
YEAR = 2023
# the as-of date the workload is evaluated at (bench/run.py, tests/test_province.py):
# nothing may happen after it (the library refuses such a date), so a reply
# that would come later is left out: the request is still open on that day
AS_OF = dt.date(2024, 1, 15)

D = dt.date.fromisoformat


class StrictLoader(yaml.SafeLoader):
    """YAML 1.1 reads on/off/yes/no as booleans; libgovopen only true/false
    (docs/framework-format.md), so the calendar's `off:` key stays a string."""


StrictLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in rs if tag != "tag:yaml.org,2002:bool"]
    for ch, rs in yaml.SafeLoader.yaml_implicit_resolvers.items()}
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def load_yaml(text):
    return yaml.load(text, Loader=StrictLoader)

# --------------------------------------------------------------------------
# Invented names.  County and town names are two characters drawn from this
# pool; departments and institutions carry the usual county-level names.
NAME_CHARS = "安平宁康泰和清河阳山江城东西南北新兴华川云林丰永庆长乐嘉福昌盛武文石桥溪岭湖"
DEPARTMENTS = [
    "政府办", "发改局", "教体局", "工信局", "公安局", "民政局", "司法局", "财政局",
    "人社局", "自然资源局", "住建局", "交通运输局", "水利局", "农业农村局", "林业局",
    "商务局", "文旅广电局", "卫健局", "退役军人事务局", "应急管理局", "审计局",
    "市场监管局", "统计局", "行政审批服务局",
]
INSTITUTIONS = ["档案史志馆", "融媒体中心", "医疗保障经办中心", "不动产登记中心"]
assert len(DEPARTMENTS) >= UNIT_SHARES[1][2] and len(INSTITUTIONS) >= UNIT_SHARES[2][2]

DEDUCTION_FINDINGS = ["严重表述错误", "SQL注入漏洞", "XSS漏洞", "答复推诿敷衍", "负面舆情",
                      "复议被撤销", "网站组件漏洞"]
MANUAL_REASONS = ["材料不完整", "工作人员频繁更换", "未见正式文件", "问题整改不及时"]


# --------------------------------------------------------------------------
# The working-day calendar, read from data/calendars/cn.yaml (the same data
# the library embeds), for realistic deadlines.  Only used to place dates.
class Calendar:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            doc = load_yaml(f)
        off, work = set(), set()
        for h in doc["holidays"]:
            for d in self._days(h.get("off")):
                off.add(d)
            for d in self._days(h.get("work")):
                work.add(d)
        self.first = dt.date(YEAR - 1, 12, 1)
        last = dt.date(YEAR + 1, 12, 31)
        self.workdays = []          # every working day first..last, in order
        self.count_upto = {}        # date -> working days in first..date
        d = self.first
        while d <= last:
            if d not in off and (d in work or d.weekday() < 5):
                self.workdays.append(d)
            self.count_upto[d] = len(self.workdays)
            d += dt.timedelta(days=1)
        # the first day off of each holiday (its eve is a busy start date)
        self.holiday_starts = sorted(d for d in off if d - dt.timedelta(days=1) not in off
                                     and d.year == YEAR)

    @staticmethod
    def _days(spec):
        """A holiday's `off`/`work` entry: a date, 'A..B', or a list of them."""
        if spec is None:
            return []
        if isinstance(spec, list):
            return [d for s in spec for d in Calendar._days(s)]
        if isinstance(spec, dt.date):
            return [spec]
        a, _, b = str(spec).partition("..")
        a, b = D(a), D(b or a)
        return [a + dt.timedelta(days=i) for i in range((b - a).days + 1)]

    def add_workdays(self, d, n):
        """The n-th working day after d (d itself not counted; n = 0 gives d)."""
        return self.workdays[self.count_upto[d] + n - 1] if n > 0 else d

    def workdays_between(self, a, b):
        """Working days after a up to and including b."""
        return max(0, self.count_upto[b] - self.count_upto[a])


# --------------------------------------------------------------------------
# The Langao framework: its text (copied) and its rules (read).
def derive(parent_max, entries):
    """Maxima of sibling entries in hundredths, as docs/framework-format.md
    derives them: the parent's maximum minus the given ones, split equally
    among the others, rounded, the remainder on the last of them."""
    given = sum(round(e["score"] * 100) for e in entries if "score" in e)
    free = [i for i, e in enumerate(entries) if "score" not in e]
    out = [round(e["score"] * 100) if "score" in e else 0 for e in entries]
    if free:
        rest = parent_max - given
        each = int(rest / len(free) + 0.5)
        for i in free:
            out[i] = each
        out[free[-1]] = rest - each * (len(free) - 1)
    return out


def read_points(doc):
    """Every point of the tree, in document order: (id, rule, maximum)."""
    points = []

    def walk(nodes, parent_max):
        for node, mx in zip(nodes, derive(parent_max, nodes)):
            if "children" in node:
                walk(node["children"], mx)
            else:
                for p, pmx in zip(node["points"], derive(mx, node["points"])):
                    points.append((p["id"], p.get("rule") or {"kind": "manual"}, pmx / 100))

    walk(doc["indicators"], round(doc["framework"]["total"] * 100))
    return points


def write_framework(path, text, doc, units):
    """province.yaml: the Langao file with a new header, framework block,
    units and groups, and every point's `responsible` set to 全体单位."""
    lines = text.split("\n")
    top = {ln.split(":")[0]: i for i, ln in enumerate(lines) if re.match(r"^[a-z_]+:", ln)}
    fw = doc["framework"]
    out = [
        "# SYNTHETIC benchmark workload, written by bench/gen_province.py. Nothing here",
        "# describes a real province, county or unit: the counties and units are",
        "# invented. The indicator tree, points, rules, adjustments and grades are",
        "# those of data/frameworks/langao-2023.yaml, copied verbatim; every point is",
        f"# assigned to every unit through the group {ALL_GROUP}.",
        "",
        "schema: 1",
        "",
        "framework:",
        f"  id: synthetic-province-{fw.get('year', YEAR)}",
        f"  title: 合成省{fw.get('year', YEAR)}年政务公开工作绩效评估（基准测试合成数据）",
        "  region: 合成省（虚构）",
        f"  year: {fw.get('year', YEAR)}",
        f"  total: {fw['total']}",
        f"  calendar: {fw.get('calendar', 'cn')}",
        f"  source: {fw.get('source', fw['title'])}",
        "  note: 合成数据，仅供性能测试；单位与评估结果均为虚构。",
        "",
        "units:",
    ]
    for uid, name, kind in units:
        out.append(f"  - {{id: {uid}, name: {name}, kind: {kind}}}")
    out += [
        "",
        "groups:",
        "  - {id: towns, name: 各镇, kinds: [town]}",
        "  - {id: departments, name: 县政府各部门, kinds: [department]}",
        "  - {id: institutions, name: 直属机构, kinds: [institution]}",
        f"  - {{id: all-units, name: {ALL_GROUP}, kinds: [{', '.join(k for k, _, _ in UNIT_SHARES)}]}}",
        "",
    ]
    # the indicators to the end of the file, responsible lists rewritten
    body, n = re.subn(r"(?m)^(\s*)responsible: \[[^\]\n]*\]\s*$", r"\1responsible: [" + ALL_GROUP + "]",
                      "\n".join(lines[top["indicators"]:]))
    if n != len(read_points(doc)):
        sys.exit(f"gen_province: rewrote {n} responsible lists, expected one per point")
    out.append(body)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def make_units(rng, counties):
    """(id, name, kind) for every unit: c001-t01 …, names unique."""
    pairs = [a + b for a in NAME_CHARS for b in NAME_CHARS if a != b]
    county_names = rng.sample(pairs, counties)
    units = []
    for c, cname in enumerate(county_names, 1):
        code = f"c{c:03d}"
        towns = ["城关"] + rng.sample([p for p in pairs if p != cname], UNIT_SHARES[0][2] - 1)
        depts = DEPARTMENTS[:UNIT_SHARES[1][2]]
        insts = INSTITUTIONS[:UNIT_SHARES[2][2]]
        for (kind, tag, _), stems, suffix in zip(UNIT_SHARES, (towns, depts, insts), ("镇", "", "")):
            for i, stem in enumerate(stems, 1):
                units.append((f"{code}-{tag}{i:02d}", f"{cname}县{stem}{suffix}", kind))
    return units


# --------------------------------------------------------------------------
# Observations, one sample per record.
ART31 = {"当面": "submitted", "挂号信": "signed", "平信": "confirmed", "网络": "confirmed",
         "传真": "confirmed"}   # 《政府信息公开条例》第三十一条: channel -> start field
CHANNEL_WEIGHTS = {"当面": 15, "挂号信": 12, "平信": 8, "网络": 60, "传真": 5}


class Observations:
    """Makes samples for each rule kind: one method per kind, called as
    method(rule, the point's maximum, the sample's index in its cell).
    Proportions are those of an ordinary evaluation: most things done, a
    minority late or missing."""

    def __init__(self, rng, cal):
        self.rng = rng
        self.cal = cal
        self.year_start = dt.date(YEAR, 1, 1)

    # ---- dates
    def day(self, a, b):
        """A random calendar day in [a, b]."""
        return a + dt.timedelta(days=self.rng.randrange((b - a).days + 1))

    def workday(self, a, b):
        """A random working day in [a, b] (b itself when there is none)."""
        for _ in range(20):
            d = self.day(a, b)
            if self.cal.count_upto[d] != self.cal.count_upto[d - dt.timedelta(days=1)]:
                return d
        return b

    def start_day(self):
        """A working day of the year; a third of them on the eve of a holiday,
        so deadlines run across the 2023 holidays and their adjusted days."""
        if self.rng.random() < 0.33:
            h = self.rng.choice(self.cal.holiday_starts)
            d = self.workday(max(h - dt.timedelta(days=6), dt.date(YEAR, 1, 3)), h - dt.timedelta(days=1))
        else:
            d = self.workday(dt.date(YEAR, 1, 3), dt.date(YEAR, 12, 22))
        return d

    def observed_after(self, d):
        """The observation date: a few days after d, within the year."""
        return min(dt.date(YEAR, 12, 31), d + dt.timedelta(days=self.rng.randint(0, 25)))

    @staticmethod
    def stamp(t):
        return t.strftime("%Y-%m-%dT%H:%M") if isinstance(t, dt.datetime) else t.isoformat()

    # ---- one end for one limit, on time or late
    def end_for(self, start, limit, late, after=0.0):
        """`after`: for an hour limit, the end comes at least that many hours
        after the start (a press conference follows the first statement)."""
        r = self.rng
        if "workdays" in limit:
            n = limit["workdays"]
            k = n + r.randint(1, max(2, n // 2 + 2)) if late else r.randint(0, n)
            return self.cal.add_workdays(start, k)
        if "days" in limit:
            n = limit["days"]
            return start + dt.timedelta(days=n + r.randint(4, 12) if late else r.randint(0, n))
        if "hours" in limit:
            n = limit["hours"]
            lo = max(0.2, after)
            h = max(n, lo) + r.uniform(0.5, n) if late or lo >= n * 0.95 else r.uniform(lo, n * 0.95)
            return start + dt.timedelta(minutes=int(h * 60))
        due = limit["due"] if isinstance(limit["due"], dt.date) else D(str(limit["due"]))
        if late:
            return due + dt.timedelta(days=r.randint(1, 20))
        return self.day(min(start + dt.timedelta(days=1), due), due)

    def outcome(self):
        """'on_time', 'late' or 'open' (no end yet) in realistic shares."""
        x = self.rng.random()
        return "on_time" if x < 0.86 else "late" if x < 0.95 else "open"

    # ---- the kinds
    def boolean(self, rule, mx, i):
        return {"value": self.rng.random() < 0.92}

    def checklist(self, rule, mx, i):
        items = rule["items"]
        x = self.rng.random()
        if x < 0.78 or len(items) == 1:
            return {"present": list(items)}
        if x < 0.90:
            return {"missing": self.rng.sample(items, self.rng.randint(1, min(2, len(items) - 1)))}
        keep = self.rng.sample(range(len(items)), self.rng.randint(1, len(items) - 1))
        return {"present": [items[i] for i in sorted(keep)]}

    def deadline(self, rule, mx, i):
        r = self.rng
        if "tiers" in rule:
            return self.deadline_tiers(rule)
        limit = rule["limit"]
        hours = "hours" in limit
        start = self.start_day()
        if "due" in limit:   # a due date: the period opens a month before it
            due = limit["due"] if isinstance(limit["due"], dt.date) else D(str(limit["due"]))
            start = due - dt.timedelta(days=30)
        if hours:
            start = dt.datetime(start.year, start.month, start.day, r.randint(8, 20), r.choice((0, 15, 30, 45)))
        s = {}
        base = start                       # the day the period counts from
        extra = 0                          # working days added (extension, pauses)
        sbc = rule.get("start_by_channel")
        if sbc:
            table = ART31 if sbc is True else sbc
            channel = r.choices(list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values()))[0] \
                if sbc is True else r.choice(list(table))
            s["channel"] = channel
            s[table[channel]] = self.stamp(start)
        else:
            s[rule.get("start", "start")] = self.stamp(start)
        if rule.get("restart") and not hours and r.random() < 0.10:       # 补正: restarts the period
            base = self.cal.add_workdays(start, r.randint(2, 8))
            s[rule["restart"]] = base.isoformat()
        if "extension" in rule and r.random() < 0.08:
            s["extended"] = True
            extra += rule["extension"].get("workdays", 0)
        if rule.get("pauses") and not hours and r.random() < 0.05:       # 征求第三方意见 etc.
            p0 = self.cal.add_workdays(base, r.randint(1, 5))
            p1 = p0 + dt.timedelta(days=r.randint(3, 15))
            s[rule["pauses"]] = [{"from": p0.isoformat(), "to": p1.isoformat()}]
            extra += self.cal.workdays_between(p0 - dt.timedelta(days=1), p1)
        out = self.outcome()
        if out != "open":
            lim = dict(limit)
            if "workdays" in lim:
                lim["workdays"] += extra
            end = self.end_for(base, lim, out == "late")
            # a pause lies between the receipt and the reply (a reply inside
            # it is impossible: the library refuses it): the reply comes on
            # the pause's last day at the earliest, still within the limit,
            # which the pause's working days lengthened
            if rule.get("pauses") in s:
                end = max(end, D(s[rule["pauses"]][0]["to"]))
            if day_of(end) <= AS_OF:
                s[rule.get("end", "end")] = self.stamp(end)
        return s

    def deadline_tiers(self, rule):
        """舆情回应: a category picks the limits; each limit has its own end field."""
        r = self.rng
        tiers = rule["tiers"]
        cases = list(tiers["cases"])
        # most events are ordinary (the default tier), a few major
        category = r.choice(cases) if r.random() < 0.12 or "default" not in tiers else "一般"
        spec = tiers["cases"].get(category, tiers.get("default"))
        d = self.start_day()
        start = dt.datetime(d.year, d.month, d.day, r.randint(0, 23), r.choice((0, 10, 20, 30, 40, 50)))
        s = {tiers.get("field", "category"): category, rule.get("start", "start"): self.stamp(start)}
        limits = spec.get("limits") or [dict(spec["limit"], end=rule.get("end", "end"))]
        after = 0.0
        for lim in limits:
            out = self.outcome()
            if out != "open":
                end = self.end_for(start, lim, out == "late", after)
                after = (end - start).total_seconds() / 3600
                if day_of(end) <= AS_OF:
                    s[lim["end"]] = self.stamp(end)
        return s

    def recency(self, rule, mx, i):
        r = self.rng
        within = rule["within"]
        n = within.get("days") or within.get("workdays")
        monitored = self.workday(dt.date(YEAR, 10, 9), dt.date(YEAR, 12, 29))
        back = r.randint(0, n - 1) if r.random() < 0.95 else r.randint(n + 1, 3 * n)
        return {"last_update": (monitored - dt.timedelta(days=back)).isoformat(),
                "monitored": monitored.isoformat()}

    def count_per_period(self, rule, mx, i):
        """Item i of the cell: a dated item, or a tally for one period (in most
        cells when several items are needed per period); item i falls in period
        i mod the periods, so the year is covered."""
        r = self.rng
        if i == 0:
            self.tally = r.random() < (0.8 if rule["min"] > 1 else 0.3)
        periods = 12 if rule.get("period", "quarter") == "month" else 4
        p = i % periods
        m0 = p * 12 // periods + 1
        m1 = m0 + 12 // periods
        first = dt.date(YEAR, m0, 1)
        last = (dt.date(YEAR, m1, 1) if m1 <= 12 else dt.date(YEAR + 1, 1, 1)) - dt.timedelta(days=1)
        if self.tally:
            need = rule["min"]
            return {"count": max(0, need + r.randint(-1, 3)), "period_start": first.isoformat()}
        return {"date": self.day(first, last).isoformat()}

    def sample_ratio(self, rule, mx, i):
        return {"found": self.rng.random() < 0.88}

    def deduction(self, rule, mx, i):
        if self.rng.random() < 0.98:
            return {"count": 0}        # checked, nothing found
        d = self.day(self.year_start, dt.date(YEAR, 12, 20))
        return {"date": d.isoformat(), "description": self.rng.choice(DEDUCTION_FINDINGS)}

    def veto(self, rule, mx, i):
        return {"triggered": self.rng.random() < 0.003}

    def manual(self, rule, mx, i):
        f = self.rng.choice((1, 1, 1, 1, 1, 1, 1, 0.9, 0.75, 0.5, 0))
        score = int(mx * f * 100) / 100
        s = {"score": score}
        if score < mx:
            s["reason"] = self.rng.choice(MANUAL_REASONS)
        return s

    def expression(self, rule, mx, i):
        r = self.rng
        make = {"number": lambda: r.randint(0, 10), "string": lambda: "合成",
                "date": lambda: self.day(self.year_start, dt.date(YEAR, 12, 31)).isoformat(),
                "boolean": lambda: r.random() < 0.9}
        return {name: make[t]() for name, t in rule["fields"].items()}


def day_of(t):
    """The date of a date or a date-time."""
    return t.date() if isinstance(t, dt.datetime) else t


def sample_date(s):
    """The latest date a sample mentions (for its observation date), or None."""
    best = None
    for k, v in s.items():
        if isinstance(v, str) and len(v) >= 10 and v[4] == "-" and v[7] == "-" and k != "period_start":
            try:
                d = D(v[:10])
            except ValueError:
                continue
            best = d if best is None else max(best, d)
    return best


def generator_digest(framework):
    """A digest of what the workload depends on: this script, the framework
    it copies and the calendar it reads."""
    h = hashlib.sha256()
    for path in (os.path.abspath(__file__), framework, CALENDAR):
        with open(path, "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:16]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the 107 counties (default 1)")
    ap.add_argument("--samples-factor", type=int, default=1, help="multiply each cell's samples by K")
    ap.add_argument("--seed", type=int, default=2023)
    ap.add_argument("--out", default=os.path.join(HERE, "out", "province"))
    ap.add_argument("--framework", default=LANGAO, help="the framework whose tree is copied")
    ap.add_argument("--units", type=int, default=0,
                    help="keep only the first N units (default: all; the counties are as many as they need)")
    a = ap.parse_args()
    if a.scale <= 0 or a.samples_factor < 1 or a.units < 0:
        ap.error("--scale must be > 0, --samples-factor >= 1 and --units >= 0")

    with open(a.framework, encoding="utf-8") as f:
        text = f.read()
    doc = load_yaml(text)
    points = read_points(doc)
    adjustments = [adj["id"] for adj in doc.get("adjustments") or []]
    cal = Calendar(CALENDAR)

    per_county = sum(n for _, _, n in UNIT_SHARES)
    counties = -(-a.units // per_county) if a.units else max(1, round(COUNTIES * a.scale))
    units = make_units(random.Random(a.seed), counties)
    if a.units:
        units = units[:a.units]
    os.makedirs(a.out, exist_ok=True)
    marker = os.path.join(a.out, "workload.json")
    if os.path.exists(marker):
        os.remove(marker)          # the workload is incomplete until it is rewritten
    write_framework(os.path.join(a.out, "province.yaml"), text, doc, units)

    rng = random.Random(a.seed * 1000003 + 1)
    gen = Observations(rng, cal)
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    records = 0
    path = os.path.join(a.out, "observations.jsonl")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        buf = []
        for uid, name, kind in units:
            host = f"https://{uid.split('-')[0]}.synthetic.gov.cn.example"
            for pid, rule, mx in points:
                rkind = rule["kind"]
                make = getattr(gen, rkind)
                n = rng.randint(1, 10) * a.samples_factor
                for i in range(n):
                    s = make(rule, mx, i)
                    # 5 % of the records name the unit by its name, the rest by id
                    rec = {"unit": name if rng.random() < 0.05 else uid, "point": pid}
                    seen = sample_date(s)
                    obs = gen.observed_after(seen) if seen else gen.day(dt.date(YEAR, 3, 1), dt.date(YEAR, 12, 29))
                    rec["observed"] = obs.isoformat()
                    rec.update(s)
                    rec["evidence"] = f"{host}/zwgk/{pid.lower()}/{uid}-{i + 1:03d}.html"
                    buf.append(dumps(rec))
                records += n
            # a rare whole-score adjustment of the unit (备注)
            if adjustments and rng.random() < 0.002:
                buf.append(dumps({"adjustment": rng.choice(adjustments), "unit": uid,
                                  "observed": f"{YEAR}-12-20",
                                  "evidence": "《合成省政务公开》（合成）转载通报"}))
                records += 1
            if len(buf) >= 20000:
                f.write("\n".join(buf) + "\n")
                buf.clear()
        if buf:
            f.write("\n".join(buf) + "\n")
    size = os.path.getsize(path)
    # written last: bench/run.py reuses a workload only when this file says
    # it was generated completely with the same parameters
    with open(marker, "w", encoding="utf-8") as f:
        json.dump({"scale": a.scale, "samples_factor": a.samples_factor, "seed": a.seed,
                   "counties": counties, "units": len(units), "points": len(points),
                   "cells": len(units) * len(points), "records": records, "bytes": size,
                   "generator": generator_digest(a.framework)}, f, indent=1)
        f.write("\n")
    print(f"units {len(units)}  points {len(points)}  cells {len(units) * len(points)}  "
          f"records {records}  bytes {size}  ({size / 1e6:.1f} MB)  -> {a.out}")


if __name__ == "__main__":
    main()
