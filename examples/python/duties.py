#!/usr/bin/env python3
"""Print a unit's duties (任务分解): every evaluation point it is responsible for.

usage: duties.py [UNIT] [--framework FILE]

UNIT is an id, a name or an alias (default 县人社局); the framework is the
built-in Langao 2023 one unless --framework names a county's YAML file.
Needs the govopen package (bindings/python) and the library (GOVOPEN_LIBRARY).
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

import govopen


def main(argv: Optional[List[str]] = None) -> int:
    """Prints the duties; returns the exit status (0, or 1 for an unknown unit or a bad framework)."""
    parser = argparse.ArgumentParser(description="Print a unit's duties.")
    parser.add_argument("unit", nargs="?", default="县人社局", help="an id, a name or an alias")
    parser.add_argument("--framework", help="a county's framework YAML (default: built-in langao-2023)")
    args = parser.parse_args(argv)

    try:
        # `with` frees the framework at the end; everything read from it is copied into Python strings.
        with (govopen.Framework.load(args.framework) if args.framework
              else govopen.Framework.builtin("langao-2023")) as fw:
            unit = fw.unit(args.unit)  # by id, name or alias; NotFoundError otherwise
            points = unit.points  # the same as fw.duties(args.unit)
            total = sum(p.score for p in points)
            print(f"{unit.name} ({unit.id}, {unit.kind}): {len(points)} points, {total:.2f} of {fw.total:.2f}")
            for p in points:
                # p.path: the indicators from level 1 down to the point's own
                path = " > ".join(n.label + n.title for n in p.path)
                print(f"\n{p.id}  {p.score:.2f}  {path}")
                print(f"     {p.text}")
                print(f"     sampling: {'、'.join(p.sampling)}   responsible: {'、'.join(p.responsible)}")
    except govopen.GovOpenError as e:  # NotFoundError, SchemaError … all carry a readable message
        print(f"duties: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
