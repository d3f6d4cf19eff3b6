#!/usr/bin/env python3
"""Evaluate an observation file and print the result as JSON (docs/results.md).

usage: evaluate.py OBSERVATIONS --as-of YYYY-MM-DD [--framework FILE]

OBSERVATIONS is JSON Lines, a JSON array or YAML (docs/observations.md).
Rejected observations are reported on stderr as file:line:column: message;
the rest are still scored. Exit status 0, or 1 when nothing could be evaluated.
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

import govopen


def main(argv: Optional[List[str]] = None) -> int:
    """Evaluates and prints the JSON; returns the exit status."""
    parser = argparse.ArgumentParser(description="Evaluate observations and print the result as JSON.")
    parser.add_argument("observations", help="a .jsonl, .json or .yaml file of observations")
    parser.add_argument("--as-of", required=True, help="the as-of date, YYYY-MM-DD")
    parser.add_argument("--framework", help="a county's framework YAML (default: built-in langao-2023)")
    args = parser.parse_args(argv)

    try:
        fw = govopen.Framework.load(args.framework) if args.framework else govopen.Framework.builtin()
        with fw, govopen.Evaluation(fw, as_of=args.as_of) as ev:
            ev.add_path(args.observations)  # a file; add() takes a dict or a list of dicts, add_text() a text
            for d in ev.diagnostics:  # one per rejected observation, with its position
                print(d, file=sys.stderr)
            result = ev.run()
            # The result stays readable after the `with` blocks: it holds what it needs.
        print(result.to_json(pretty=True))
    except govopen.GovOpenError as e:
        print(f"evaluate: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
