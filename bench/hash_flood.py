#!/usr/bin/env python3
"""Hash flooding (issue 13, item 5): one JSON Lines record of 131,072 keys
that all collided in the old hash table (unseeded FNV-1a with linear probing:
tests/hostile/case_hash.py finds them) against one of 131,072 random keys of
the same length, read with the key limit raised above them
(GOVOPEN_EVAL_MAX_KEYS through the Python binding: the tool has no switch
for it). Keyed (SipHash-1-3, a key per table), the two cost the same; the
old table took 16 times longer on the colliding one (13.8 s against 0.9 s; 50 times in the table alone).

usage: bench/hash_flood.py PATH/TO/libgovopen.so [--old-lib PATH/TO/old/libgovopen.so]
  --old-lib    also time a library from before the change (unkeyed table, no
               key limit) on the same two records, for comparison.
Prints a table; exits 1 when the colliding record costs more than
max(4 × the random one, random + 1 s).
"""
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
sys.path.insert(0, os.path.join(ROOT, "tests", "hostile"))
import case_hash  # noqa: E402

N = 131072
FX = os.path.join(ROOT, "tests", "fixtures", "eval", "fx.yaml")


def record(keys):
    head = '{"unit": "a", "point": "P1", "observed": "2023-03-01", "value": true, '
    return head + ", ".join('"%s": 0' % k for k in keys) + "}\n"


def random_keys(n):
    rng = random.Random(13)
    alphabet = case_hash.ALPHABET.decode("ascii")
    seen = set()
    while len(seen) < n:
        seen.add("k" + "".join(rng.choice(alphabet) for _ in range(4)))
    return sorted(seen)


def child(lib, path, raise_limit):
    """In a process of its own (one library per process): seconds to add the file's record."""
    os.environ["GOVOPEN_LIBRARY"] = lib
    sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
    import govopen
    fw = govopen.Framework.load(FX)
    settings = {"max_keys": N + 16} if raise_limit else {}  # a library from before the limit has none
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with govopen.Evaluation(fw, as_of="2023-12-15", **settings) as ev:
        t0 = time.perf_counter()
        ev.add_text(text, format="jsonl", source_name="flood.jsonl")
        t = time.perf_counter() - t0
        # read whole, not refused for its keys: rejected afterwards, for the fields P1 does not read
        assert ev.rejected == 1 and "GOVOPEN_EVAL_MAX_KEYS" not in ev.diagnostics[0].message
    print("%.3f" % t)


def time_lib(lib, path, raise_limit):
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", lib, path, "1" if raise_limit else "0"],
                         check=True, capture_output=True, text=True).stdout
    return float(out.split()[-1])


def main():
    args = sys.argv[1:]
    if args[:1] == ["--child"]:
        child(args[1], args[2], args[3] == "1")
        return 0
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    old = None
    if "--old-lib" in args:
        i = args.index("--old-lib")
        old = os.path.abspath(args[i + 1])
        del args[i:i + 2]
    lib = os.path.abspath(args[0])
    records = {"colliding (old FNV-1a)": record(case_hash.keys(N)), "random": record(random_keys(N))}
    times = {}
    print("| one record of %d keys (%.1f MB) | keyed table, limit raised (s) |%s" %
          (N, len(records["random"]) / 1e6, " old table, no limit (s) |" if old else ""))
    print("|---|--:|%s" % ("--:|" if old else ""))
    with tempfile.TemporaryDirectory(prefix="govopen-hash-flood-") as top:
        for name, text in records.items():
            p = os.path.join(top, "r.jsonl")
            with open(p, "w", encoding="utf-8") as f:
                f.write(text)
            times[name] = time_lib(lib, p, True)
            extra = " %.2f |" % time_lib(old, p, False) if old else ""
            print("| %s | %.2f |%s" % (name, times[name], extra), flush=True)
    coll, rand = times["colliding (old FNV-1a)"], times["random"]
    if coll > max(4 * rand, rand + 1.0):
        print("hash_flood: the colliding record costs %.2f s against %.2f s: is the table keyed?" % (coll, rand),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
