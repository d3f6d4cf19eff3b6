"""What an overlay's `extends` may read (issue 13, item 6), synthetic.

Every case builds a county's folder in its work directory:

    outside.yaml               a framework outside the county's folder (id outside-secret-7)
    county/2023/qingshan-2023.yaml
                               the county's base framework (generated below)
    county/2024/…              the overlays, a FIFO, a directory, a symbolic link out

and runs the tool from the county's folder (so that the default root, the
current directory, is the county's folder) unless it says otherwise. A
refused base is reported at the overlay's `extends` value (line 2, column
10) with the name the overlay wrote and why; nothing of the refused file
may appear. The FIFO, /dev/stdin and /proc cases would block or read the
kernel's files without the fix: their time bound (bench/hostile.py) and
the regexes prove they do not.
"""
import os

from common import Case

SECRET = "outside-secret-7"


def _base(fid, title, units=3, points=4):
    """A small framework: `units` towns, one indicator of `points` boolean points, total 10 x points."""
    lines = ["schema: 1",
             "framework: {id: %s, title: %s, total: %d}" % (fid, title, 10 * points),
             "units:"]
    lines += ["  - {id: t%d, name: 第%d镇, kind: town}" % (i, i) for i in range(1, units + 1)]
    lines += ["groups:", "  - {id: towns, name: 各镇, kinds: [town]}",
              "indicators:", "  - id: \"1\"", "    title: 政务公开", "    score: %d" % (10 * points),
              "    points:"]
    for p in range(1, points + 1):
        lines.append("      - {id: P%d, text: 第%d点, score: 10, sampling: [政府网站], responsible: [各镇], "
                     "rule: {kind: boolean}}" % (p, p))
    return "\n".join(lines) + "\n"


def _write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def _fresh(path):
    if os.path.lexists(path):
        os.unlink(path)
    return path


def _county(workdir):
    """The folder every case starts from; returns the county's folder."""
    county = os.path.join(workdir, "county")
    _write(os.path.join(workdir, "outside.yaml"), _base(SECRET, "外面的秘密框架"))
    _write(os.path.join(county, "2023", "qingshan-2023.yaml"), _base("qingshan-2023", "青山县2023年政务公开评估"))
    os.makedirs(os.path.join(county, "2024", "sub"), exist_ok=True)
    return county


def _overlay(county, name, spec):
    return _write(os.path.join(county, "2024", name),
                  "schema: 1\nextends: %s\nframework: {id: qingshan-2024, year: 2024}\n" % spec)


def _refusal(name, spec, prepare=None, extra=()):
    """validate 2024/NAME.yaml whose extends is `spec` (a function of the work directory, or text)."""
    def build(workdir):
        county = _county(workdir)
        if prepare:
            prepare(workdir, county)
        s = spec(workdir) if callable(spec) else spec
        _overlay(county, name + ".yaml", s)
        return ["validate", *extra, "2024/%s.yaml" % name], county
    return build


def _fifo(workdir, county):
    os.mkfifo(_fresh(os.path.join(county, "2024", "fifo")))


def _symlink_out(workdir, county):
    os.symlink(os.path.join(workdir, "outside.yaml"), _fresh(os.path.join(county, "2024", "link.yaml")))


def _escaping_base(workdir, county):
    _write(os.path.join(county, "2023", "escape.yaml"), "schema: 1\nextends: ../../outside.yaml\n")


def _broken_base(workdir, county):
    # allowed (under the root) but wrong: its errors are the caller's to see
    _write(os.path.join(county, "2023", "broken.yaml"),
           _base("broken-2023", "坏的基础").replace("kind: town}\n", "kind: village}\n", 1))


OUT = (r"it is outside the extends root, the directory bases may be read from "
       r"\(GOVOPEN_OPT_EXTENDS_ROOT; govopen --extends-root\) \[extends\]$")
# nothing of the refused files: the secret framework, /proc/self/status, stdin's text
ABSENT = [SECRET, "外面的秘密", r"VmRSS|VmPeak|State:|Tgid", "stdin-secret-key"]


def _refused(name, spec, why, prepare=None, extra=(), stdin=None, where=None):
    where = where or r"2024/%s\.yaml:2:10" % name
    return Case("extends-" + name, _refusal(name, spec, prepare, extra), rc=1,
                stderr=[r"^%s: error: cannot read the base '%s': %s" % (where, _re(spec), why),
                        r"^2024/%s\.yaml: invalid \(1 error\)$" % name],
                absent=ABSENT, mem_mb=128, seconds=5.0, stdin=stdin)


def _re(spec):
    if callable(spec):
        return r"[^']*"
    return spec.replace(".", r"\.")


# --- the documented layout: 2024 extends ../2023/qingshan-2023.yaml -------------------------------

def _layout(cwd_is, extra=()):
    def build(workdir):
        county = _county(workdir)
        _overlay(county, "qingshan-2024.yaml", "../2023/qingshan-2023.yaml")
        if cwd_is == "county":
            return ["validate", *extra, "2024/qingshan-2024.yaml"], county
        return ["validate", *extra, "qingshan-2024.yaml"], os.path.join(county, "2024")
    return build


def _show_fifo(workdir):
    county = _county(workdir)
    _fifo(workdir, county)
    _overlay(county, "pipe.yaml", "fifo")
    return ["show", "--framework", "2024/pipe.yaml"], county


def _evaluate_escape(workdir):
    county = _county(workdir)
    _overlay(county, "up.yaml", "../../outside.yaml")
    obs = _write(os.path.join(county, "obs.jsonl"), '{"unit": "t1", "point": "P1", "ok": true}\n')
    return ["evaluate", "--framework", "2024/up.yaml", "--observations", obs, "--as-of", "2024-12-31"], county


def _diff_symlink(workdir):
    county = _county(workdir)
    _symlink_out(workdir, county)
    _overlay(county, "viasym.yaml", "link.yaml")
    return ["diff", "2023/qingshan-2023.yaml", "2024/viasym.yaml"], county


OK_LAYOUT = r"^(2024/)?qingshan-2024\.yaml: ok: qingshan-2024, 1 indicators, 4 points, 3 units, 1 groups$"

CASES = [
    # a named pipe in the root: refused by its type before it is opened (fopen blocked for ever)
    _refused("fifo", "fifo", r"it is a named pipe, not a regular file \[extends\]$", prepare=_fifo),
    _refused("fifo-any", "fifo", r"it is a named pipe, not a regular file \[extends\]$", prepare=_fifo,
             extra=["--extends-any"]),
    # /dev/stdin: outside the root; widened, a pipe (stdin holds text that must not appear)
    _refused("stdin", "/dev/stdin", OUT, stdin=b"stdin-secret-key: 1\n"),
    _refused("stdin-any", "/dev/stdin", r"it is a named pipe, not a regular file \[extends\]$",
             extra=["--extends-any"], stdin=b"stdin-secret-key: 1\n"),
    # /proc: outside the root; widened, a file of the kernel's (its key names were quoted)
    _refused("proc", "/proc/self/status", OUT),
    _refused("proc-any", "/proc/self/status", r"it is a file of the kernel's \(/proc, /sys\), not a regular file "
             r"\[extends\]$", extra=["--extends-any"]),
    _refused("cpuinfo-any", "/proc/cpuinfo", r"it is a file of the kernel's \(/proc, /sys\), not a regular file "
             r"\[extends\]$", extra=["--extends-any"]),
    _refused("devzero-any", "/dev/zero", r"it is a character device, not a regular file \[extends\]$",
             extra=["--extends-any"]),
    # out of the root: an absolute path, `..`, a symbolic link, whether the target exists or not
    _refused("absolute", lambda w: os.path.join(w, "outside.yaml"), OUT),
    _refused("dotdot", "../../outside.yaml", OUT),
    _refused("dotdot-missing", "../../../../no-such-file.yaml", OUT),
    _refused("symlink", "link.yaml", r"a symbolic link leads outside the extends root \(GOVOPEN_OPT_EXTENDS_ROOT\) "
             r"\[extends\]$", prepare=_symlink_out),
    _refused("directory", "sub", r"it is a directory, not a regular file \[extends\]$"),
    # a base's own extends obeys the same root: reported at the base's extends
    Case("extends-chain", _refusal("chain", "../2023/escape.yaml", _escaping_base), rc=1,
         stderr=[r"^2024/\.\./2023/escape\.yaml:2:10: error: cannot read the base '\.\./\.\./outside\.yaml': " + OUT,
                 r"^2024/chain\.yaml: invalid \(1 error\)$"],
         absent=ABSENT, mem_mb=128, seconds=5.0),
    # a base under the root that is wrong is reported as usual, in the base
    Case("extends-allowed-broken", _refusal("broken", "../2023/broken.yaml", _broken_base), rc=1,
         stderr=[r"^2024/\.\./2023/broken\.yaml:4:31: error: unknown unit kind 'village'",
                 r"^2024/broken\.yaml: invalid \(1 error\)$"],
         mem_mb=128, seconds=5.0),
    # every command that reads a framework file applies the rule
    Case("extends-show-fifo", _show_fifo, rc=1,
         stderr=[r"^2024/pipe\.yaml:2:10: error: cannot read the base 'fifo': it is a named pipe, not a regular "
                 r"file \[extends\]$"], mem_mb=128, seconds=5.0),
    Case("extends-evaluate-dotdot", _evaluate_escape, rc=1,
         stderr=[r"^2024/up\.yaml:2:10: error: cannot read the base '\.\./\.\./outside\.yaml': " + OUT],
         absent=ABSENT, mem_mb=128, seconds=5.0),
    Case("extends-diff-symlink", _diff_symlink, rc=2,
         stderr=[r"^2024/viasym\.yaml:2:10: error: cannot read the base 'link\.yaml': a symbolic link leads outside"],
         absent=ABSENT, mem_mb=128, seconds=5.0),
    # the documented layout: from the county's folder, or from 2024 with --extends-root ..
    Case("extends-layout-county-folder", _layout("county"), rc=0, stdout=[OK_LAYOUT], mem_mb=128, seconds=5.0),
    Case("extends-layout-root-parent", _layout("2024", ["--extends-root", ".."]), rc=0, stdout=[OK_LAYOUT],
         mem_mb=128, seconds=5.0),
    # …and from 2024 without it, the root is 2024 itself: refused, saying how to widen it
    Case("extends-layout-no-root", _layout("2024"), rc=1,
         stderr=[r"^qingshan-2024\.yaml:2:10: error: cannot read the base '\.\./2023/qingshan-2023\.yaml': " + OUT],
         mem_mb=128, seconds=5.0),
]

CASES += [
    # the two switches contradict each other: wrong usage
    Case("extends-usage-both", _layout("county", ["--extends-root", ".", "--extends-any"]), rc=2,
         stderr=[r"^govopen: give --extends-root or --extends-any, not both$"], mem_mb=128, seconds=5.0),
]

CASES += [
    # govopen help documents both switches
    Case("extends-help", lambda workdir: (["help"], None), rc=0,
         stdout=[r"^  --extends-root DIR         only regular files under DIR",
                 r"^  --extends-any              any regular file \(never a device"], mem_mb=128, seconds=5.0),
]
