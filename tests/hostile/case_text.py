"""Issue 13, items 9 and 10: what a human cannot see chooses nothing (synthetic).

- a deadline category followed by a no-break space, led by a space, followed
  by an ideographic space: trimmed, so 重大 (5 hours), not the default tier
  (48 hours): 0 of 10, not 10 of 10; with a zero-width space: refused at its
  cell; an unknown category: refused, listing the known ones. From a CSV
  worksheet saved by Excel and from JSON Lines;
- an observation dated 9999-12-31: refused at its place, never the latest;
- 1,000 national-praise adjustments of the county: one applied, 999 refused,
  each at its place naming the first; the total honest (100 + 3);
- two units whose names differ by U+200B: refused at the value; by a
  trailing no-break space: the usual duplicate error.
"""
import os

from common import Case

NBSP, IDEO, ZWSP = "\u00a0", "\u3000", "\u200b"

# Six towns; P1 a deadline by category (重大 5 hours to the authoritative
# information, 一般 and the default 48 hours), P2 a boolean worth 90.
FRAMEWORK = """schema: 1
framework: {id: t, title: 测试, total: 100, year: 2023, calendar: cn}
units:
  - {id: u1, name: 甲镇, kind: town}
  - {id: u2, name: 乙镇, kind: town}
  - {id: u3, name: 丙镇, kind: town}
  - {id: u4, name: 丁镇, kind: town}
  - {id: u5, name: 戊镇, kind: town}
  - {id: u6, name: 己镇, kind: town}
indicators:
  - id: "1"
    title: 一
    score: 100
    points:
      - id: P1
        text: 舆情
        score: 10
        sampling: [政府网站]
        responsible: [u1, u2, u3, u4, u5, u6]
        rule:
          kind: deadline
          tiers:
            cases:
              重大: {limits: [{name: 权威信息, end: info_published, hours: 5}]}
              一般: {limit: {hours: 48}}
            default: {limit: {hours: 48}}
      - {id: P2, text: 公开, score: 90, sampling: [政府网站], responsible: [u1, u2, u3, u4, u5, u6], rule: {kind: boolean}}
"""

# the authoritative information 6 hours after the start: late for 重大, on time for 48 hours
TIMES = ("2023-07-03T09:00", "2023-07-03T15:00", "2023-07-03T15:00")
CATEGORIES = [("甲镇", "重大" + NBSP), ("乙镇", " 重大"), ("丙镇", "重大" + IDEO), ("丁镇", "重大" + ZWSP),
              ("戊镇", "特大"), ("己镇", "")]


def _write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def _framework(workdir):
    p = os.path.join(workdir, "fw.yaml")
    _write(p, FRAMEWORK)
    return p


def _evaluate(workdir, obs):
    return ["evaluate", "--framework", _framework(workdir), "--observations", obs, "--as-of", "2023-12-15"], None


def _category_csv(workdir):
    # as Excel saves a worksheet: a BOM, CR LF, spreadsheet date-times
    rows = ["unit,point,category,start,info_published,end"]
    for unit, cat in CATEGORIES:
        rows.append(",".join([unit, "P1", cat, "2023/7/3 9:00", "2023/7/3 15:00", "2023/7/3 15:00"]))
    p = os.path.join(workdir, "sheet.csv")
    _write(p, "\ufeff" + "\r\n".join(rows) + "\r\n")
    return _evaluate(workdir, p)


def _category_jsonl(workdir):
    import json
    lines = []
    for unit, cat in CATEGORIES:
        rec = {"category": cat} if cat else {}
        rec.update({"unit": unit, "point": "P1", "start": TIMES[0], "info_published": TIMES[1], "end": TIMES[2]})
        lines.append(json.dumps(rec))  # ensure_ascii: the characters as \\u escapes
    p = os.path.join(workdir, "cat.jsonl")
    _write(p, "\n".join(lines) + "\n")
    return _evaluate(workdir, p)


# The towns whose category was trimmed score 0 of 10 (5 hours, not the default 48); 己镇, giving
# none, the default: 10 of 10; 丁镇 and 戊镇 refused. The county: (0 + 0 + 0 + 10) / 4 of 10 = 25.
# Each scored town stands on 1 of its 2 points (10%: marked below the default 50%).
LOW = "；覆盖 10%（评估点 1/2）※覆盖不足50%$"
SCORES = [r"^甲镇（u1）：0\.00 分.*得 0\.00" + LOW, r"^乙镇（u2）：0\.00 分.*得 0\.00" + LOW,
          r"^丙镇（u3）：0\.00 分.*得 0\.00" + LOW, r"^己镇（u6）：100\.00 分.*得 10\.00" + LOW,
          r"^丁镇（u4）：未评估；覆盖 0%（评估点 0/2）$", r"^戊镇（u5）：未评估；覆盖 0%（评估点 0/2）$",
          r"^观察记录：采用 4 条，退回 2 条", r"^全县得分：25\.00（"]


def _future(workdir):
    p = os.path.join(workdir, "late.jsonl")
    _write(p, '{"unit": "u1", "point": "P2", "observed": "9999-12-31", "value": false}\n'
              '{"unit": "u1", "point": "P2", "observed": "2023-12-01", "value": true}\n')
    return _evaluate(workdir, p)


def _praise(workdir):
    p = os.path.join(workdir, "adj.jsonl")
    _write(p, '{"unit": "县政府办", "point": "P60", "value": true}\n' +
           '{"adjustment": "national-praise", "evidence": "通报"}\n' * 1000)
    return ["evaluate", "--builtin", "langao-2023", "--observations", p, "--as-of", "2023-12-15"], None


def _clamped(workdir):
    fw = os.path.join(workdir, "capped.yaml")
    _write(fw, FRAMEWORK.replace("calendar: cn}", "calendar: cn, cap_adjusted: true}").replace(
        "indicators:", "adjustments:\n  - {id: praise, delta: 3, text: 表扬}\n"
                       "  - {id: reprint, delta: 1, text: 转载, repeatable: true}\nindicators:"))
    p = os.path.join(workdir, "obs.jsonl")
    _write(p, '{"unit": "u1", "point": "P2", "value": true}\n' + '{"adjustment": "praise"}\n' * 3 +
           '{"adjustment": "reprint"}\n' * 2)
    return ["evaluate", "--framework", fw, "--observations", p, "--as-of", "2023-12-15"], None


def _units(workdir, second):
    p = os.path.join(workdir, "units.yaml")
    _write(p, "schema: 1\nframework: {id: t, title: 测试, total: 10}\nunits:\n"
              "  - {id: a, name: 城关镇, kind: town}\n"
              "  - {id: b, name: \"%s\", kind: town}\n"
              "indicators:\n"
              "  - {id: \"1\", title: 一, score: 10, points: [{id: P1, text: 点, sampling: [政府网站], responsible: [a, b], "
              "rule: {kind: boolean}}]}\n" % second)
    return ["validate", p], None


CASES = [
    Case("text-category-csv", _category_csv, rc=0,
         stderr=[r"sheet\.csv:5:7: error: the name contains U\+200B \(ZERO WIDTH SPACE\), an invisible character, "
                 r"at character 3.*\[records\[3\]\.category\]",
                 r"sheet\.csv:6:7: error: unknown category '特大' for P1 \(known: 重大、一般; without it, the default "
                 r"tier\) \[records\[4\]\.category\]"],
         stdout=SCORES, mem_mb=256, seconds=2.0),
    Case("text-category-jsonl", _category_jsonl, rc=0,
         stderr=[r"cat\.jsonl:4:14: error: the name contains U\+200B \(ZERO WIDTH SPACE\).*at character 3.*"
                 r"\[records\[3\]\.category\]",
                 r"cat\.jsonl:5:14: error: unknown category '特大' for P1 \(known: 重大、一般"],
         stdout=SCORES, mem_mb=256, seconds=2.0),
    Case("text-observed-9999", _future, rc=0,
         stderr=[r"late\.jsonl:1:43: error: the observation date 9999-12-31 is after the evaluation's as-of date "
                 r"2023-12-15 \[records\[0\]\.observed\]"],
         stdout=[r"^观察记录：采用 1 条，退回 1 条", r"^   1  甲镇 +100\.00  覆盖 90%（评估点 1/2）$"], mem_mb=256, seconds=2.0),
    # the county's total: P60 alone, 100 normalised, + 3 once (Langao's cap_adjusted is off)
    Case("text-praise-1000", _praise, rc=0,
         stderr=[r"adj\.jsonl:3:16: error: the adjustment 'national-praise' was already triggered for the county "
                 r"at \S*adj\.jsonl:2:16: it applies once .*\[records\[2\]\.adjustment\]",
                 r"adj\.jsonl:1001:16: error: the adjustment 'national-praise' was already triggered for the county "
                 r"at \S*adj\.jsonl:2:16: .*\[records\[1000\]\.adjustment\]"],
         stdout=[r"^观察记录：采用 2 条，退回 999 条", r"^全县得分：103\.00（", r"^  加减分 \+3\.00  被国家通报表扬的"],
         absent=[r"adj\.jsonl:2:16: error"], mem_mb=256, seconds=3.0),
    # 100 + 3 (praise, once) + 2 × 1 (reprint, repeatable) = 105, kept at 100 by cap_adjusted: said so
    Case("text-clamped", _clamped, rc=0,
         stderr=[r"obs\.jsonl:3:16: error: the adjustment 'praise' was already triggered for the county at "
                 r"\S*obs\.jsonl:2:16", r"obs\.jsonl:4:16: error: the adjustment 'praise'"],
         stdout=[r"^全县得分：100\.00（", r"^  封顶：加减分后为 105\.00，按 0 至 100\.00 计（cap_adjusted）$",
                 r"^观察记录：采用 4 条，退回 2 条"],
         absent=[r"obs\.jsonl:[56]:"], mem_mb=256, seconds=2.0),
    Case("text-unit-zwsp", lambda w: _units(w, "城关\\u200b镇"), rc=1,
         stderr=[r"units\.yaml:5:19: error: the name contains U\+200B \(ZERO WIDTH SPACE\), an invisible character, "
                 r"at character 3.*\[units\[1\]\.name\]"],
         mem_mb=256, seconds=1.0),
    Case("text-unit-nbsp-duplicate", lambda w: _units(w, "城关镇\\u00a0"), rc=1,
         stderr=[r"units\.yaml:5:19: error: '城关镇' is already used as the name or alias of unit 'a' at line 4, "
                 r"column 19 \[units\[1\]\.name\]"],
         mem_mb=256, seconds=1.0),
]
