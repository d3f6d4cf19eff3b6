"""Hostile documents the loader already bounded before issue 13 (synthetic)."""
import os

from common import Case


def _deep_flow(workdir):
    p = os.path.join(workdir, "deep.yaml")
    with open(p, "w", encoding="utf-8") as f:
        f.write("schema: 1\nframework: {id: x, title: t, total: 1}\nunits: " + "[" * 100000 + "]" * 100000 + "\n")
    return ["validate", p], None


CASES = [
    # 100,000 nested flow sequences (200 KB): refused at the 65th, never recursed into
    Case("document-deep-flow", _deep_flow, rc=1,
         stderr=[r"deep\.yaml:3:71: error: .*GOVOPEN_OPT_MAX_DEPTH"], mem_mb=256, seconds=1.0),
]
