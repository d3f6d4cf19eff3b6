"""A result's fingerprint recomputed from its parts, as docs/results.md defines it, and
golden files' placeholders filled in (tests/report_support.h's golden_expand).

Golden files hold @VERSION@, @FINGERPRINT@ and @FP16@ (the first 16 hex digits, in the
reports' footers) so that they do not depend on the library's version; the
fingerprint they are filled with is first checked against its definition here.
"""

import hashlib

# The numbered settings in the canonical text, by option id (GOVOPEN_EVAL_JOBS, 7, is not one).
SETTINGS = [(1, "not_evaluated"), (2, "county"), (3, "max_named"), (4, "strict"), (5, "max_steps"),
            (6, "max_observations"), (8, "max_keys"), (9, "max_diagnostics"), (10, "min_coverage")]


def canonical_text(fp):
    """The canonical text of a result JSON's "fingerprint" object (docs/results.md)."""
    lines = ["govopen fingerprint 1", "version\t" + fp["version"],
             "framework\t%s\t%s" % (fp["framework"]["id"], fp["framework"]["digest"])]
    cal = fp["calendar"]
    lines.append("calendar\tfile\t" + cal["digest"] if "digest" in cal else "calendar\tbuiltin\t" + cal["builtin"])
    lines.append("as_of\t" + fp["as_of"])
    lines.append("period\t%s\t%s" % (fp["period"]["first"], fp["period"]["last"]))
    assert list(fp["settings"]) == [name for _, name in SETTINGS], fp["settings"]
    lines += ["setting\t%d\t%d" % (n, fp["settings"][name]) for n, name in SETTINGS]
    lines += ["input\t%s\t%d\t%d\t%d" % (i["digest"], i["records"], i["accepted"], i["rejected"]) for i in fp["inputs"]]
    return ("\n".join(lines) + "\n").encode("utf-8")


def checked_digest(fp):
    """The fingerprint's digest, after checking it is the SHA-256 of its canonical text."""
    want = hashlib.sha256(canonical_text(fp)).hexdigest()
    if fp["digest"] != want:
        raise AssertionError("fingerprint %s is not the SHA-256 of its parts (%s)" % (fp["digest"], want))
    return want


def expand(golden, fp):
    """`golden` with its placeholders filled from the (checked) fingerprint object `fp`."""
    digest = checked_digest(fp)
    return golden.replace("@VERSION@", fp["version"]).replace("@FINGERPRINT@", digest).replace("@FP16@", digest[:16])


def to_golden(text):
    """An output made golden: its fingerprint (checked, when it is a result's JSON), its
    footers' 16 hex digits and the version replaced by the placeholders."""
    import json
    import re
    try:
        fp = json.loads(text)["fingerprint"]
    except ValueError:
        fp = None
    if fp is not None:
        text = text.replace(checked_digest(fp), "@FINGERPRINT@")
        text = re.sub(r'("version":\s*)"%s"' % re.escape(fp["version"]), r'\1"@VERSION@"', text)
    text = re.sub(r"(指纹|Fingerprint) [0-9a-f]{16}([（(])govopen [^，, ]+([，,])", r"\1 @FP16@\2govopen @VERSION@\3", text)
    return text


if __name__ == "__main__":
    # fingerprint_check.py EXPECTED ACTUAL: EXPECTED with its placeholders filled from the
    # fingerprint of ACTUAL (a result's JSON), checked first; used by tests/examples/check.sh.
    # fingerprint_check.py --golden FILE...: makes each output FILE golden, in place (to
    # regenerate a golden file: write the output to it, then run this on it).
    import json
    import sys
    if sys.argv[1] == "--golden":
        for path in sys.argv[2:]:
            with open(path, encoding="utf-8", newline="") as f:
                text = f.read()
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(to_golden(text))
        sys.exit(0)
    with open(sys.argv[2], encoding="utf-8") as f:
        fp = json.load(f)["fingerprint"]
    with open(sys.argv[1], encoding="utf-8", newline="") as f:
        sys.stdout.buffer.write(expand(f.read(), fp).encode("utf-8"))
