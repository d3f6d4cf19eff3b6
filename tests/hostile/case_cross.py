"""Hostile inputs where two of issue 13's defences meet (synthetic).

A read that stops after the cap on kept diagnostics (GOVOPEN_EVAL_MAX_DIAGNOSTICS)
must still stop the run and say where the unread rest begins, although the
diagnostic that says so is only counted, not kept.
"""
import os

from common import Case


def _stop_after_cap(tail):
    def build(workdir):
        p = os.path.join(workdir, "obs.yaml")
        with open(p, "w", encoding="utf-8") as f:
            f.write("observations:\n")
            for _ in range(1005):
                f.write("  - {unit: 无此镇, point: P1, value: true}\n")
            f.write(tail)
            for _ in range(100):
                f.write("  - {unit: 城关镇, point: P1, value: true}\n")
        return ["evaluate", "--observations", p, "--as-of", "2023-12-15"], None
    return build


CASES = [
    # 1,005 rejected records fill the cap, then an alias stops the read at line 1008
    Case("cross-stop-after-cap-alias",
         _stop_after_cap("  - &a {unit: 城关镇, point: P1, value: true}\n  - *a\n"), rc=1,
         stderr=[r"obs\.yaml:1008:5: error: … and 1,012 more errors not shown \(GOVOPEN_EVAL_MAX_DIAGNOSTICS keeps 1,000\);"
                 r" the last of them: YAML aliases are not allowed .*\(reading stopped here: the rest of the input,"
                 r" from line 1008, column 5, to its end, was not read\)"],
         absent=[r"全县得分"], mem_mb=256, seconds=5.0),
    # the same with a syntax error
    Case("cross-stop-after-cap-syntax",
         _stop_after_cap("  - {unit: 城关镇, point: P1, value: true}\n  - [a, b: c\n"), rc=1,
         stderr=[r"obs\.yaml:1009:5: error: … and 1,012 more errors not shown .* the last of them: malformed YAML: .*"
                 r"\(reading stopped here: the rest of the input, from line 1008, column 5, to its end, was not read\)"],
         absent=[r"全县得分"], mem_mb=256, seconds=5.0),
]
