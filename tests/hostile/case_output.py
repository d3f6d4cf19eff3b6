"""Issue 13, item 11: output and terminal (synthetic, generated here).

A framework whose title, unit names, indicator titles, point texts and
labels carry terminal escape sequences — a window title (ESC ] 0 ; … BEL), a
screen clear (ESC [ 2 J), an OSC 8 hyperlink, a colour — and U+202E (RIGHT-
TO-LEFT OVERRIDE), and observations whose reasons and evidence do too. Every
command that prints text (show, units, duties, plan, evaluate, rectify,
validate and the diagnostics on stderr) must print them as visible escapes
(`\\x1b`, `\\x07`, `\\u202e`): no raw ESC, BEL or U+202E reaches stdout or
stderr. The CSV formula guard sees past leading white space. -o to a symbolic
link to nothing is refused.
"""
import json
import os

from common import Case

ESC, BEL, RLO = "\x1b", "\x07", "\u202e"
TITLE_ESC = ESC + "]0;pwned" + BEL + "标题" + ESC + "[2J"
UNIT_ESC = "镇" + ESC + "]8;;https://evil.example/" + ESC + "\\点我" + ESC + "]8;;" + ESC + "\\"
INDICATOR_ESC = "指标" + ESC + "[31m" + RLO + "红"
POINT_ESC = "要点" + ESC + "[2J" + RLO + "txt.exe"

# what nothing may print raw: ESC, BEL, U+202E (and the C1 CSI, U+009B)
RAW = [r"\x1b", r"\x07", "\u202e", "\u009b"]


def _q(s):
    return json.dumps(s, ensure_ascii=True)  # a YAML double-quoted scalar too


def _framework(workdir):
    p = os.path.join(workdir, "hostile.yaml")
    y = "schema: 1\nframework: {id: hx, title: %s, total: 100, year: 2023, calendar: cn}\n" % _q(TITLE_ESC)
    y += "units:\n"
    y += "  - {id: t1, name: %s, kind: town}\n" % _q(UNIT_ESC)
    y += "  - {id: t2, name: %s, kind: town}\n" % _q(" =1+1")
    y += "groups:\n  - {id: towns, name: %s, kinds: [town]}\n" % _q("各镇" + BEL)
    y += "indicators:\n"
    y += "  - id: \"1\"\n    title: %s\n    score: 100\n    points:\n" % _q(INDICATOR_ESC)
    y += ("      - {id: P1, text: %s, score: 60, sampling: [政府网站], responsible: [towns],\n"
          "         rule: {kind: boolean, label: %s}}\n") % (_q(POINT_ESC), _q("标签" + BEL))
    y += "      - {id: P2, text: 人工, score: 40, sampling: [政府网站], responsible: [towns], rule: {kind: manual}}\n"
    y += "adjustments:\n  - {id: a1, delta: 1, text: %s}\n" % _q("加分" + ESC + "[8m隐藏")
    y += "grades:\n  - {name: %s, min: 0}\n" % _q("等次" + ESC + "[5m")
    with open(p, "w", encoding="utf-8") as f:
        f.write(y)
    return p


def _observations(workdir):
    p = os.path.join(workdir, "obs.jsonl")
    obs = [
        {"unit": "t1", "point": "P1", "value": False, "evidence": "https://ok.example/" + RLO + "txt.exe"},
        {"unit": "t1", "point": "P2", "score": 10, "reason": "差（证据：https://evil.example/）" + ESC + "[2J"},
        {"unit": "t2", "point": "P1", "value": True},
        {"unit": "t2", "point": "P2", "score": 30, "reason": "\n=HYPERLINK(\"https://evil.example/\")",
         "evidence": "\r\n@SUM(1)"},
        # rejected: an unknown unit whose name holds a window title
        {"unit": ESC + "]0;x" + BEL + "镇", "point": "P1", "value": True},
    ]
    with open(p, "w", encoding="utf-8") as f:
        for o in obs:
            f.write(json.dumps(o, ensure_ascii=True) + "\n")
    return p


def _cmd(*args):
    def build(workdir):
        fw = _framework(workdir)
        obs = _observations(workdir)
        return [a.replace("{fw}", fw).replace("{obs}", obs) for a in args], None
    return build


def _bad_key(workdir):
    p = os.path.join(workdir, "badkey.yaml")
    with open(p, "w", encoding="utf-8") as f:
        f.write("schema: 1\nframework: {id: hx, title: t, total: 100, year: 2023, calendar: cn}\n"
                "units:\n  - {id: t1, name: a, kind: town, %s: 1}\n"
                "indicators:\n  - {id: \"1\", title: 一, score: 100, points: [{id: P1, text: x, score: 100,"
                " sampling: [政府网站], responsible: [t1]}]}\n" % _q("colour" + ESC + "]0;pwned" + BEL + RLO))
    return ["validate", p], None


def _dangling(workdir):
    fw = _framework(workdir)
    obs = _observations(workdir)
    link = os.path.join(workdir, "report.html")
    if os.path.lexists(link):
        os.unlink(link)
    os.symlink(os.path.join(workdir, "missing", "report.html"), link)
    return ["report", "--format", "html", "--framework", fw, "--observations", obs, "--as-of", "2023-12-15",
            "-o", link], None


EVAL = ("--framework", "{fw}", "--observations", "{obs}", "--as-of", "2023-12-15")

CASES = [
    Case("output-show-escaped", _cmd("show", "--framework", "{fw}"), rc=0,
         stdout=[r"^\\x1b\]0;pwned\\x07标题\\x1b\[2J \(hx\)$",
                 r"^\[1\] 指标\\x1b\[31m\\u202e红  100\.00$",
                 r"^  P1  60\.00  要点\\x1b\[2J\\u202etxt\.exe$",
                 r"^  \+1\.00  加分\\x1b\[8m隐藏  \(a1\)$",
                 r"^  等次\\x1b\[5m  from 0\.00$"],
         absent=RAW, mem_mb=256, seconds=2.0),
    Case("output-units-escaped", _cmd("units", "--framework", "{fw}"), rc=0,
         stdout=[r"^t1 +town +2  镇\\x1b\]8;;https://evil\.example/\\x1b\\点我\\x1b\]8;;\\x1b\\$",
                 r"^towns +各镇\\x07: 2 members: 镇\\x1b\]8;;"],
         absent=RAW, mem_mb=256, seconds=2.0),
    Case("output-duties-escaped", _cmd("duties", "t1", "--framework", "{fw}"), rc=0,
         stdout=[r"^镇\\x1b\]8;;https://evil\.example/\\x1b\\点我\\x1b\]8;;\\x1b\\ \(t1, town\): 2 points",
                 r"^P1  60\.00  指标\\x1b\[31m\\u202e红$", r"^     要点\\x1b\[2J\\u202etxt\.exe$"],
         absent=RAW, mem_mb=256, seconds=2.0),
    Case("output-plan-escaped", _cmd("plan", "--method", "政府网站", "--framework", "{fw}"), rc=0,
         stdout=[r"^P1  要点\\x1b\[2J\\u202etxt\.exe$", r"^    镇\\x1b\]8;;https://evil\.example/"],
         absent=RAW, mem_mb=256, seconds=2.0),
    # evaluate's text: names, reasons, evidence; the rejected record's diagnostic on stderr, with its position
    Case("output-evaluate-escaped", _cmd("evaluate", *EVAL), rc=0,
         stdout=[r"^\\x1b\]0;pwned\\x07标题\\x1b\[2J — 评估结果",
                 r"^镇\\x1b\]8;;https://evil\.example/\\x1b\\点我\\x1b\]8;;\\x1b\\（t1）：",
                 # the evidence from the reasons' data, a line each after them
                 r"未达到要求：标签\\x07$", r"^      证据：https://ok\.example/\\u202etxt\.exe$",
                 r"差（证据：https://evil\.example/）\\x1b\[2J$",
                 r"：\\x0a=HYPERLINK\(\"https://evil\.example/\"\)$", r"^      证据：\\x0d\\x0a@SUM\(1\)$"],
         stderr=[r"obs\.jsonl:5:10: error: unknown unit '\\x1b\]0;x\\x07镇' .*\[records\[4\]\.unit\]$"],
         absent=RAW + [r"^      证据：https://evil"], mem_mb=256, seconds=2.0),
    Case("output-rectify-escaped", _cmd("rectify", "t1", *EVAL), rc=0,
         stdout=[r"^整改清单：镇\\x1b\]8;;https://evil\.example/\\x1b\\点我\\x1b\]8;;\\x1b\\（t1）$",
                 r"^   证据：https://ok\.example/\\u202etxt\.exe$"],
         absent=RAW + [r"^   证据：https://evil"], mem_mb=256, seconds=2.0),
    # a diagnostic that quotes a key holding a window title and U+202E, with its position
    Case("output-validate-diagnostic-escaped", _bad_key, rc=1,
         stderr=[r"^.*badkey\.yaml:4:35: error: unknown key 'colour\\x1b\]0;pwned\\x07\\u202e' in a unit",
                 r"badkey\.yaml: invalid \(1 error\)$"],
         absent=RAW, mem_mb=256, seconds=2.0),
    # an argument quoted back: a unit asked for by a name that clears the screen
    Case("output-argument-escaped", _cmd("duties", ESC + "[2J" + RLO, "--framework", "{fw}"), rc=1,
         stderr=[r"^govopen: no unit '\\x1b\[2J\\u202e' in hx \(see 'govopen units'\)$"],
         absent=RAW, mem_mb=256, seconds=2.0),
    # CSV: a name and a reason that start with white space and then '=' are guarded
    Case("output-csv-guard-whitespace",
         _cmd("report", "--format", "csv", "--table", "rectify", "--no-bom", *EVAL), rc=0,
         # the name " =1+1" is trimmed (a name's end spaces never count); the reason keeps its line feed
         stdout=[r"^t2,'=1\+1,", r",\"'\r\n@SUM\(1\)\",\r$",
                 # the URL typed into a reason is no evidence: t1's P2 row ends with empty evidence and notes cells
                 r"差（证据：https://evil\.example/）\x1b\[2J,,\r$"],
         mem_mb=256, seconds=2.0),
    # -o to a symbolic link to nothing: refused, nothing created where it points
    Case("output-dangling-symlink-refused", _dangling, rc=1,
         stderr=[r"^govopen: cannot write .*report\.html: a symbolic link to nothing that exists"],
         mem_mb=256, seconds=2.0),
]
