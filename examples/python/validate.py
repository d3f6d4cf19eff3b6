#!/usr/bin/env python3
"""Validate a county's framework YAML and print every mistake with its position.

usage: validate.py FILE [--strict]

Each error is printed as FILE:LINE:COLUMN: MESSAGE [PATH], PATH being where in
the document it is (e.g. indicators[0].points[1].sampling[0]); warnings are
printed with "warning:" and fail the file only with --strict.
Exit status 0 when the file is valid, 1 when it is not.
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

import govopen


def describe(d: govopen.Diagnostic) -> str:
    """One diagnostic as file:line:column: message [path] (the position only as far as it is known)."""
    where = d.source
    if d.line:
        where += f":{d.line}:{d.column}"
    kind = "" if d.is_error else "warning: "
    path = f" [{d.path}]" if d.path else ""
    return f"{where}: {kind}{d.message}{path}"


def main(argv: Optional[List[str]] = None) -> int:
    """Validates the file; returns the exit status."""
    parser = argparse.ArgumentParser(description="Validate a framework YAML file.")
    parser.add_argument("file")
    parser.add_argument("--strict", action="store_true", help="warnings are errors")
    args = parser.parse_args(argv)

    try:
        fw = govopen.Framework.load(args.file, strict=args.strict)
    except govopen.GovOpenError as e:
        # e.errors holds every problem the loader found, not just the first
        for d in e.errors:
            print(describe(d), file=sys.stderr)
        count = sum(1 for d in e.errors if d.is_error)
        print(f"{args.file}: invalid ({count} error{'s' if count != 1 else ''})", file=sys.stderr)
        return 1
    with fw:
        for w in fw.warnings:
            print(describe(w), file=sys.stderr)
        print(f"{args.file}: ok: {fw.id}, {len(fw.nodes)} indicators, {len(fw.points)} points, "
              f"{len(fw.units)} units, {len(fw.groups)} groups")
    return 0


if __name__ == "__main__":
    sys.exit(main())
