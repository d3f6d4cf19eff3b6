"""Issue 13, items 7 and 8: observations whose meaning was quietly lost (synthetic).

Reading that stops early (a YAML alias, syntax error or second document, a
malformed JSON document, a node or size limit) must say where and that the
rest of the file was not read, and exit 1; a sample the calendar cannot judge
is rejected with its place and never lifts a score; an expression that fails
when scored counts as 0 with a warning; nothing accepted exits 1.
"""
import os

from common import Case

# One town; P1 boolean 10, P2 deadline 20 (20 working days), P3 an expression 20.
FRAMEWORK = """schema: 1
framework: {id: h13, title: 测试, total: 50, year: 2023, calendar: cn}
units:
  - {id: a, name: 甲镇, kind: town}
indicators:
  - id: "1"
    title: 一
    score: 50
    points:
      - {id: P1, text: 支持IPv6, score: 10, sampling: [政府网站], responsible: [甲镇], rule: {kind: boolean}}
      - id: P2
        text: 依申请公开答复时限
        score: 20
        sampling: [模拟用户]
        responsible: [甲镇]
        rule: {kind: deadline, start: received, end: replied, limit: {workdays: 20}}
      - id: P3
        text: 自定义
        score: 20
        sampling: [政府网站]
        responsible: [甲镇]
        rule: {kind: expression, fields: {ok: boolean}, score: "%s"}
"""

REST = r" \(reading stopped here: the rest of the input, from line %d, column %d, to its end, was not read\)"
NO_RESULT = r"全县得分"


def _write(workdir, name, text, expression="max_score * count(ok) / max(n, 1)"):
    with open(os.path.join(workdir, "fw.yaml"), "w", encoding="utf-8") as f:
        f.write(FRAMEWORK % expression)
    path = os.path.join(workdir, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def _evaluate(workdir, path, *more):
    return ["evaluate", "--framework", "fw.yaml", "--observations", os.path.basename(path), "--as-of",
            "2023-12-15", *more], workdir


def _yaml_lines(n=1002):
    return ["- {unit: 甲镇, point: P1, value: %s}\n" % ("true" if i % 2 else "false") for i in range(n)]


def _yaml_alias(workdir):
    lines = _yaml_lines()
    lines[0] = "- &r {unit: 甲镇, point: P1, value: true}\n"
    lines[2] = "- *r\n"
    return _evaluate(workdir, _write(workdir, "alias.yaml", "".join(lines)))


def _yaml_alias_report(workdir):
    argv, cwd = _yaml_alias(workdir)
    return ["report", "--format", "md"] + argv[1:], cwd


def _yaml_syntax(workdir):
    lines = _yaml_lines()
    lines[2] = "- {unit: 甲镇, point: P1, value: true\n"
    return _evaluate(workdir, _write(workdir, "syntax.yaml", "".join(lines)))


def _yaml_second_document(workdir):
    lines = _yaml_lines()
    return _evaluate(workdir, _write(workdir, "two.yaml", "".join(lines[:2]) + "---\n" + "".join(lines[2:])))


def _yaml_read_ahead(workdir):
    # libyaml had not finished record 2 when it met the tab on line 3
    lines = _yaml_lines()
    lines[2] = "\t" + lines[2]
    return _evaluate(workdir, _write(workdir, "tab.yaml", "".join(lines)))


def _json_syntax(workdir):
    rec = '  {"unit": "甲镇", "point": "P1", "value": true}'
    recs = [rec] * 1002
    recs[2] = '  {"unit": "甲镇" "point": "P1", "value": true}'
    return _evaluate(workdir, _write(workdir, "o.json", "[\n" + ",\n".join(recs) + "\n]\n"))


def _jsonl_nodes(workdir, jobs):
    # 60,000 good lines (3 MB), then one of 1,000,001 nodes: past GOVOPEN_OPT_MAX_NODES
    good = '{"unit": "甲镇", "point": "P1", "value": true}\n'
    text = good * 60000 + '{"unit": "甲镇", "point": "P1", "x": [' + "0," * 1000000 + "0]}\n" + good * 10
    return _evaluate(workdir, _write(workdir, "big.jsonl", text), "--jobs", str(jobs))


def _csv_long_row(workdir):
    # a quote never closed: the row runs past GOVOPEN_OPT_MAX_SIZE (16 MiB)
    text = "unit,point,value,evidence\n甲镇,P1,true,x\n甲镇,P1,true,x\n甲镇,P1,true,\"" + "z" * (17 << 20) + "\n"
    return _evaluate(workdir, _write(workdir, "sheet.csv", text))


def _sample_2099(workdir):
    text = ('{"unit": "甲镇", "point": "P1", "value": true}\n'
            '{"unit": "甲镇", "point": "P2", "received": "2023-03-01", "replied": "2023-05-20"}\n'
            '{"unit": "甲镇", "point": "P2", "received": "2099-01-01", "replied": "2099-01-05"}\n')
    return _evaluate(workdir, _write(workdir, "o.jsonl", text))


def _expression_steps(workdir):
    # 800 aggregates over 20,001 samples: more than GOVOPEN_EVAL_MAX_STEPS (10,000,000)
    expr = "max_score * (" + " + ".join(["count(ok)"] * 800) + ") / (800 * max(n, 1))"
    text = '{"unit": "甲镇", "point": "P1", "value": true}\n' + '{"unit": "甲镇", "point": "P3", "ok": true}\n' * 20001
    return _evaluate(workdir, _write(workdir, "steps.jsonl", text, expr))


def _expression_zero_division(workdir):
    text = '{"unit": "甲镇", "point": "P1", "value": true}\n{"unit": "甲镇", "point": "P3", "ok": false}\n'
    return _evaluate(workdir, _write(workdir, "zero.jsonl", text, "max_score * count(ok) / count(ok)"))


def _all_rejected(workdir):
    text = '{"unit": "丁镇", "point": "P1", "value": true}\n' * 3
    return _evaluate(workdir, _write(workdir, "bad.jsonl", text))


def _empty(workdir):
    return _evaluate(workdir, _write(workdir, "empty.jsonl", "\n"))


CASES = [
    Case("eval-yaml-alias-at-record-3", _yaml_alias, rc=1,
         stderr=[r"^alias\.yaml:3:3: error: YAML aliases are not allowed \(alias '\*r'; GOVOPEN_OPT_MAX_ALIASES is 0\)"
                 + REST % (3, 3) + "$"],
         absent=[NO_RESULT, r"accepted"], mem_mb=256, seconds=2.0),
    Case("eval-yaml-alias-report", _yaml_alias_report, rc=1,
         stderr=[r"^alias\.yaml:3:3: error: YAML aliases are not allowed" + r".*" + REST % (3, 3) + "$"],
         absent=[r"# "], mem_mb=256, seconds=2.0),
    Case("eval-yaml-syntax-at-record-3", _yaml_syntax, rc=1,
         stderr=[r"^syntax\.yaml:4:3: error: malformed YAML: did not find expected ',' or '}' \(while parsing a flow "
                 r"mapping at line 3, column 3\)" + REST % (3, 3) + "$"],
         absent=[NO_RESULT], mem_mb=256, seconds=2.0),
    Case("eval-yaml-second-document", _yaml_second_document, rc=1,
         stderr=[r"^two\.yaml:3:1: error: a second YAML document; a file holds one" + REST % (3, 1) + "$"],
         absent=[NO_RESULT], mem_mb=256, seconds=2.0),
    Case("eval-yaml-read-ahead", _yaml_read_ahead, rc=1,
         stderr=[r"^tab\.yaml:3:1: error: malformed YAML: found character that cannot start any token .*"
                 + REST % (2, 1) + "$"],
         absent=[NO_RESULT], mem_mb=256, seconds=2.0),
    Case("eval-json-syntax-at-record-3", _json_syntax, rc=1,
         stderr=[r"^o\.json:4:17: error: malformed JSON: unexpected '\"'" + REST % (4, 3) + r" \[records\[2\]\]$"],
         absent=[NO_RESULT], mem_mb=256, seconds=2.0),
    Case("eval-jsonl-node-limit", lambda w: _jsonl_nodes(w, 1), rc=1,
         stderr=[r"^big\.jsonl:60001:\d+: error: the number of nodes exceeds the limit of 1000000 "
                 r"\(GOVOPEN_OPT_MAX_NODES\)" + REST % (60001, 1) + r" \[records\[60000\]\]$"],
         absent=[NO_RESULT], mem_mb=256, seconds=10.0),
    Case("eval-jsonl-node-limit-jobs-2", lambda w: _jsonl_nodes(w, 2), rc=1,
         stderr=[r"^big\.jsonl:60001:\d+: error: the number of nodes exceeds the limit of 1000000 "
                 r"\(GOVOPEN_OPT_MAX_NODES\)" + REST % (60001, 1) + r" \[records\[60000\]\]$"],
         absent=[NO_RESULT], mem_mb=256, seconds=10.0),
    Case("eval-csv-long-row", _csv_long_row, rc=1,
         stderr=[r"^sheet\.csv:4:1: error: the row that starts here is longer than the limit of 16777216 bytes "
                 r"\(GOVOPEN_OPT_MAX_SIZE\): is a quoted field not closed\?" + REST % (4, 1) + "$"],
         absent=[NO_RESULT], mem_mb=384, seconds=10.0),
    Case("eval-sample-2099", _sample_2099, rc=0,
         stderr=[r"^o\.jsonl:3:43: error: the sample cannot be judged: received 2099-01-01 is after the evaluation's "
                 r"as-of date 2023-12-15; the observation is rejected \[records\[2\]\.received\]$",
                 r"^govopen: 1 observation rejected, 2 accepted$"],
         stdout=[r"^观察记录：采用 2 条，退回 1 条$", r"^   1  甲镇\s+33\.33  覆盖 60%（评估点 2/3）$"], mem_mb=256, seconds=2.0),
    Case("eval-expression-steps", _expression_steps, rc=0,
         stderr=[r"^fw\.yaml:17:9: warning: the rule of P3 could not be applied to 甲镇 \(表达式无法求值：.*"
                 r"more than 10000000 steps.*\): the cell counts as 0 of 20\.00 \[indicators\[0\]\.points\[2\]\]$"],
         stdout=[r"^   1  甲镇\s+33\.33  覆盖 60%（评估点 2/3）$", r"^  P3  0\.00 / 20\.00（无法评分）（总分失 66\.67）$"], mem_mb=512, seconds=30.0),
    Case("eval-expression-division-by-zero", _expression_zero_division, rc=0,
         stderr=[r"^fw\.yaml:17:9: warning: the rule of P3 could not be applied to 甲镇 \(表达式无法求值："
                 r"line 22, column \d+: division by zero\): the cell counts as 0 of 20\.00 "
                 r"\[indicators\[0\]\.points\[2\]\]$"],
         stdout=[r"^   1  甲镇\s+33\.33  覆盖 60%（评估点 2/3）$"], mem_mb=256, seconds=2.0),
    Case("eval-all-rejected", _all_rejected, rc=1,
         stderr=[r"^bad\.jsonl:3:10: error: unknown unit '丁镇'",
                 r"^govopen: no observation was accepted \(3 rejected\): nothing to evaluate$"],
         absent=[NO_RESULT], mem_mb=256, seconds=2.0),
    Case("eval-empty-input", _empty, rc=1,
         stderr=[r"^govopen: the input holds no observation: nothing to evaluate$"],
         absent=[NO_RESULT], mem_mb=256, seconds=2.0),
]
