"""Finding the calls that raise a diagnostic in C sources, for scripts/add_msgids.py and scripts/check_msgids.py.

A raise call is a call of one of RAISERS below: a function that takes a message identifier (a dotted
lowercase name, "rule.floor_above_max") right before its printf-style format. The scanner reads C well
enough for that: comments, string and character literals and parentheses; not macros' expansions.
Standard library only.
"""
import re

# The functions that raise a diagnostic, with the index (0-based) of the message identifier among their
# arguments: the format follows it. A name given with a file is a raiser only in that file (static helpers).
RAISERS = {
    "gv_diag_add": 7,
    "gv_diag_vadd": 7,
    "gv_error_set": 3,
    "gv_sc_err_at": 2,
    "gv_sc_warn_at": 2,
    "gv_rec_error": 5,
    "lib/load/records.c:err": 5,
    "lib/load/records.c:verr": 4,
    "lib/load/records.c:syntax": 3,
    "lib/load/records.c:pend": 4,
    "lib/load/csv_records.c:bad": 3,
    "lib/load/ytree.c:fail": 4,
    "lib/rules/expr.c:perr_v": 3,
    "lib/rules/expr.c:perr": 2,
    "lib/rules/expr.c:psyntax": 2,
    "lib/rules/expr.c:plimit": 2,
    "gv_in_err": 2,
    "gv_in_err_key": 3,
    "gv_sample_err": 1,
}

ID_RE = re.compile(r"^[a-z]+(\.[a-z0-9_]+)+$")
# An identifier passed on rather than written: a raiser's own parameter, or one stored with a message
# raised earlier (`id`, `cs->bad_id`, `p->diags[j].id`).
FORWARD_RE = re.compile(r"^(?:[\w\[\]]+(?:\.|->))*(?:\w*_)?id$")

KEYWORDS = {"return", "else", "case", "do", "sizeof"}


def raisers_for(relpath):
    """name -> id index, for the file `relpath` (a path from the repository root, with '/')."""
    out = {}
    for k, v in RAISERS.items():
        if ":" in k:
            f, name = k.split(":", 1)
            if relpath.endswith(f):
                out[name] = v
        else:
            out[k] = v
    return out


class Call:
    """One call: its name, where it starts (offset of the name), its arguments as (start, end) offsets."""

    def __init__(self, text, name, start, open_paren, args, close):
        self.text = text
        self.name = name
        self.start = start
        self.open = open_paren
        self.args = args
        self.close = close

    def arg(self, i):
        s, e = self.args[i]
        return self.text[s:e].strip()

    def arg_start(self, i):
        """Offset of the argument's first non-blank character."""
        s, e = self.args[i]
        while s < e and self.text[s] in " \t\r\n":
            s += 1
        return s

    def line(self, off=None):
        return self.text.count("\n", 0, self.start if off is None else off) + 1


def _skip_string(text, i):
    """i at an opening quote; returns the offset after the closing one."""
    q = text[i]
    i += 1
    n = len(text)
    while i < n and text[i] != q:
        if text[i] == "\\":
            i += 1
        elif text[i] == "\n":
            break
        i += 1
    return i + 1


def code_mask(text):
    """A copy of `text` with comments blanked (newlines kept), so that scanning skips them."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "/" and i + 1 < n and text[i + 1] == "/":
            j = text.find("\n", i)
            j = n if j < 0 else j
            for k in range(i, j):
                out[k] = " "
            i = j
        elif c == "/" and i + 1 < n and text[i + 1] == "*":
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            for k in range(i, j):
                if out[k] != "\n":
                    out[k] = " "
            i = j
        elif c in "\"'":
            i = _skip_string(text, i)
        else:
            i += 1
    return "".join(out)


def _prev_token(mask, i):
    j = i - 1
    while j >= 0 and mask[j] in " \t\r\n":
        j -= 1
    if j < 0:
        return ""
    if mask[j].isalnum() or mask[j] == "_":
        k = j
        while k >= 0 and (mask[k].isalnum() or mask[k] == "_"):
            k -= 1
        return mask[k + 1:j + 1]
    return mask[j]




def find_calls(text, names):
    """Every call of a function in `names` (declarations and definitions left out), in order."""
    mask = code_mask(text)
    calls = []
    if not names:
        return calls
    pat = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\s*\(")
    for m in pat.finditer(mask):
        name = m.group(1)
        start = m.start(1)
        # not a member (x.err(...)), not a declaration (`void gv_sc_err_at(`, `int *err(`)
        before = _prev_token(mask, start)
        if before in (".", "->", ">"):
            continue
        if before and (before[0].isalnum() or before[0] == "_") and before not in KEYWORDS:
            continue
        if before == "*" and _looks_like_type_before(mask, start):
            continue
        open_paren = m.end() - 1
        parsed = _split_args(text, mask, open_paren)
        if parsed is None:
            continue
        args, close = parsed
        # a definition or prototype lists parameters: `const char *fmt`, `...`
        if any(re.match(r"^\s*\.\.\.\s*$", mask[s:e]) for s, e in args):
            continue
        calls.append(Call(text, name, start, open_paren, args, close))
    return calls


def _looks_like_type_before(mask, start):
    j = start - 1
    while j >= 0 and mask[j] in " \t*":
        j -= 1
    return j >= 0 and (mask[j].isalnum() or mask[j] == "_")


def _split_args(text, mask, open_paren):
    depth = 0
    i = open_paren
    n = len(text)
    args = []
    s = open_paren + 1
    while i < n:
        c = mask[i]
        if c in "\"'":
            i = _skip_string(text, i)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                if text[s:i].strip() or args:
                    args.append((s, i))
                return args, i
        elif c == "," and depth == 1:
            args.append((s, i))
            s = i + 1
        i += 1
    return None


_LIT_RE = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def literal_value(expr):
    """The text of an expression made only of adjacent string literals, else None."""
    e = expr.strip()
    if not e.startswith('"'):
        return None
    pos, parts = 0, []
    while pos < len(e):
        while pos < len(e) and e[pos] in " \t\r\n":
            pos += 1
        if pos >= len(e):
            break
        m = _LIT_RE.match(e, pos)
        if not m:
            return None
        parts.append(m.group(1))
        pos = m.end()
    return "".join(parts)


def format_key(expr):
    """The key a format is known by: its string literals joined (as written, escapes kept), any macro
    between them as {} ("%" PRId64 " points" -> "%{} points"); a format that is one macro is {NAME}; one
    that is any other expression is {the expression}."""
    e = expr.strip()
    out, pos = [], 0
    while pos < len(e):
        c = e[pos]
        if c in " \t\r\n":
            pos += 1
            continue
        if c == '"':
            m = _LIT_RE.match(e, pos)
            if not m:
                return "{" + re.sub(r"\s+", " ", e) + "}"
            out.append(m.group(1))
            pos = m.end()
            continue
        m = re.match(r"[A-Za-z_]\w*", e[pos:])
        if m and (pos + m.end() == len(e) or e[pos + m.end()] in ' \t\r\n"'):
            if pos == 0 and pos + m.end() == len(e):
                return "{" + macro_name(m.group(0)) + "}"
            out.append("{}")  # PRId64, STOPPED: any name (a rename keeps the key)
            pos += m.end()
            continue
        return "{" + re.sub(r"\s+", " ", e) + "}"
    return "".join(out)


def macro_name(name):
    """A macro's name without the prefix a rename may give it (GV_KEYS_OVER is KEYS_OVER)."""
    return re.sub(r"^(GV_REC_|GV_)", "", name)


def classify(call, idx):
    """For a raise call whose identifier goes at argument `idx`: ('literal', [id, …]) when it has one written,
    ('forward', expr) when it passes one on, ('missing', None) when it has none, ('short', None) when it
    has too few arguments to tell."""
    if len(call.args) <= idx:
        return "short", None
    a = call.arg(idx)
    ids = id_values(a)
    if ids is not None and len(call.args) > idx + 1:
        return "literal", ids
    if literal_value(a) is None and FORWARD_RE.match(a) and len(call.args) > idx + 1:
        return "forward", a
    return "missing", None


def raise_calls(text, relpath):
    """(call, id index) for every raise call in a file."""
    rs = raisers_for(relpath)
    return [(c, rs[c.name]) for c in find_calls(text, set(rs))]


def split_ternary(expr):
    """(condition, then, else) of an expression `c ? a : b` at its top level, else None."""
    depth, i, n, q = 0, 0, len(expr), -1
    nested = 0
    while i < n:
        c = expr[i]
        if c in "\"'":
            i = _skip_string(expr, i)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0 and c == "?":
            if q < 0:
                q = i
            else:
                nested += 1
        elif depth == 0 and c == ":" and q >= 0:
            if nested:
                nested -= 1
            else:
                return expr[:q].strip(), expr[q + 1:i].strip(), expr[i + 1:].strip()
        i += 1
    return None


def format_keys(expr):
    """The keys of a format: one, or two for `c ? "this" : "that"` (each branch its own message)."""
    t = split_ternary(expr)
    if t and literal_value(t[1]) is not None and literal_value(t[2]) is not None:
        return [format_key(t[1]), format_key(t[2])]
    return [format_key(expr)]


def id_values(expr):
    """The identifiers an argument writes: [id] for a literal, [a, b] for `c ? "a" : "b"`; None for
    anything else."""
    v = literal_value(expr)
    if v is not None:
        return [v] if ID_RE.match(v) else None
    t = split_ternary(expr)
    if t:
        a, b = literal_value(t[1]), literal_value(t[2])
        if a is not None and b is not None and ID_RE.match(a) and ID_RE.match(b):
            return [a, b]
    return None


def functions(text):
    """(offset of the body's '{', name) of every function definition, in order."""
    mask = code_mask(text)
    out = []
    depth, i, n = 0, 0, len(mask)
    while i < n:
        c = mask[i]
        if c in "\"'":
            i = _skip_string(text, i)
            continue
        if c == "{":
            if depth == 0:
                name = _function_name(mask, i)
                if name:
                    out.append((i, name))
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        i += 1
    return out


def _function_name(mask, brace):
    """The name in `name(…) {` before the '{' at `brace`, else ""."""
    j = brace - 1
    while j >= 0 and mask[j] in " \t\r\n":
        j -= 1
    if j < 0 or mask[j] != ")":
        return ""
    depth = 0
    while j >= 0:
        if mask[j] == ")":
            depth += 1
        elif mask[j] == "(":
            depth -= 1
            if depth == 0:
                break
        j -= 1
    m = re.search(r"(\w+)\s*$", mask[max(0, j - 200):j])
    return m.group(1) if m else ""


def enclosing(funcs, off):
    """The name of the function whose body holds offset `off` ("" outside any)."""
    name = ""
    for start, fn in funcs:
        if start > off:
            break
        name = fn
    return name
