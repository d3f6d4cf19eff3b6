"""Hash flooding (issue 13, item 5): records whose keys all collided in the
old hash table (unseeded FNV-1a, linear probing), and records with more keys
than GOVOPEN_EVAL_MAX_KEYS (default 1024) in every observation format.

The keys are found here by brute force, deterministically: "k" and four
characters of a 64-letter alphabet, kept when the old table's hash
(FNV-1a 64, folded h ^ h >> 29) has bits 14..17 clear, so that in a table of
2^15 … 2^18 slots all of them start probing within its first 2^14 slots and
form one run: with 131,072 keys, every insertion walked that run (13 s for
one record, where random keys took 0.4 s). Now the table is keyed (SipHash-1-3,
a key per table) and a record holds at most 1024 keys: such a record is
rejected at the 1025th key, and a file of many of them costs time and memory
in proportion to its size. The same keys with the limit raised are timed by
bench/hash_flood.py (the tool has no switch for the limit).
"""
import os

from common import Case

# the old code's offset basis, as it wrote it: 1469598103934665603, FNV's 14695981039346656037 without its last digit
FNV_OFFSET = 1469598103934665603
FNV_PRIME = 0x100000001B3
MASK = (1 << 64) - 1
ALPHABET = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-"
LIMIT = 1024  # GOVOPEN_DEFAULT_MAX_KEYS


def _step(h, b):
    return ((h ^ b) * FNV_PRIME) & MASK


def colliding_keys(n):
    """The first n keys "kABCD" (in alphabet order) whose old hash has bits 14..17 clear."""
    out = []
    h0 = _step(FNV_OFFSET, ord("k"))
    for a in ALPHABET:
        ha = _step(h0, a)
        for b in ALPHABET:
            hb = _step(ha, b)
            for c in ALPHABET:
                hc = _step(hb, c)
                for d in ALPHABET:
                    h = ((hc ^ d) * FNV_PRIME) & MASK
                    if not ((h ^ (h >> 29)) >> 14) & 0xF:
                        out.append(bytes((107, a, b, c, d)).decode("ascii"))
                        if len(out) == n:
                            return out
    raise AssertionError("not enough keys")


_KEYS = []


def keys(n):
    while len(_KEYS) < n:
        _KEYS[:] = colliding_keys(max(n, 131072))
    return _KEYS[:n]


def flood_line(ks):
    """A JSON Lines record: a valid observation of fx.yaml's P1 for unit a, then the keys;
    and the column (1-based) of the key beyond the limit."""
    head = '{"unit": "a", "point": "P1", "observed": "2023-03-01", "value": true, '
    parts = ['"%s": 0' % k for k in ks]
    # 4 keys before the colliding ones: the 1025th key of the record is ks[LIMIT - 4]
    col = 1 + len(head) + sum(len(p) + 2 for p in parts[:LIMIT - 4])
    return head + ", ".join(parts) + "}", col


def _fx():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, "..", "fixtures", "eval", "fx.yaml")


def _evaluate(workdir, name, text):
    p = os.path.join(workdir, name)
    with open(p, "w", encoding="utf-8") as f:
        f.write(text)
    return ["evaluate", "--framework", _fx(), "--observations", p, "--as-of", "2023-12-15"], None


GOOD = '{"unit": "b", "point": "P1", "observed": "2023-03-01", "value": true}\n'


def _one(workdir):
    line, _ = flood_line(keys(131072))
    return _evaluate(workdir, "flood.jsonl", GOOD + line + "\n" + GOOD)


def _many(workdir):
    # 40 records of 131,072 colliding keys each (57 MB): each rejected at its 1025th key
    line, _ = flood_line(keys(131072))
    return _evaluate(workdir, "many.jsonl", GOOD + (line + "\n") * 40 + GOOD)


def _json_doc(workdir):
    line, _ = flood_line(keys(4096))
    return _evaluate(workdir, "flood.json", "[\n" + GOOD.strip() + ",\n" + line + ",\n" + GOOD.strip() + "\n]\n")


def _yaml(workdir):
    # a sequence of records: the second holds 4 + 2000 keys, in flow style on one line
    ks = keys(2000)
    head = "- {unit: a, point: P1, observed: 2023-03-01, value: true, "
    parts = ["%s: 0" % k for k in ks]
    col = 1 + len(head) + sum(len(p) + 2 for p in parts[:LIMIT - 4])
    text = ("- {unit: b, point: P1, observed: 2023-03-01, value: true}\n" + head + ", ".join(parts) + "}\n" +
            "- {unit: c, point: P1, observed: 2023-03-01, value: true}\n")
    return _evaluate(workdir, "flood.yaml", text)


def _yaml_nested(workdir):
    # keys counted at every depth: 5 at the top, "extra" a mapping of 1100 (block style)
    ks = keys(1100)
    lines = ["- unit: a", "  point: P1", "  observed: 2023-03-01", "  value: true", "  extra:"]
    lines += ["    %s: 0" % k for k in ks]
    lines += ["- {unit: b, point: P1, observed: 2023-03-01, value: true}"]
    return _evaluate(workdir, "nested.yaml", "\n".join(lines) + "\n")


def _csv(workdir):
    # a header of unit, point, observed, value, then 2000 more columns: refused at the 1025th
    ks = keys(2000)
    header = "unit,point,observed,value," + ",".join(ks)
    return _evaluate(workdir, "wide.csv", header + "\n" + "a,P1,2023-03-01,true" + "," * 2000 + "\n")


def _one_col():
    return flood_line(keys(131072))[1]


def _yaml_col():
    ks = keys(2000)
    head = "- {unit: a, point: P1, observed: 2023-03-01, value: true, "
    return 1 + len(head) + sum(len("%s: 0" % k) + 2 for k in ks[:LIMIT - 4])


def _csv_col():
    ks = keys(2000)
    return 1 + len("unit,point,observed,value,") + sum(len(k) + 1 for k in ks[:LIMIT - 4])


CASES = [
    # one 1.4 MB record of 131,072 keys colliding under the old hash, between two good ones
    Case("hash-flood-jsonl", _one, rc=0,
         stderr=[r"flood\.jsonl:2:%d: error: more than 1024 keys in one record: the limit \(GOVOPEN_EVAL_MAX_KEYS\)"
                 % _one_col(), r"govopen: 1 observation rejected, 2 accepted"],
         mem_mb=64, seconds=3.0),
    # 40 such records (57 MB): each rejected with its own line, in time and memory proportional to the file
    Case("hash-flood-jsonl-many", _many, rc=0,
         stderr=[r"many\.jsonl:2:%d: error: more than 1024 keys" % _one_col(),
                 r"many\.jsonl:41:%d: error: more than 1024 keys" % _one_col(), r"govopen: 40 observations rejected, 2 accepted"],
         mem_mb=64, seconds=15.0),
    Case("hash-flood-json", _json_doc, rc=0,
         stderr=[r"flood\.json:3:%d: error: more than 1024 keys in one record" % flood_line(keys(4096))[1],
                 r"govopen: 1 observation rejected, 2 accepted"],
         mem_mb=64, seconds=3.0),
    Case("hash-flood-yaml", _yaml, rc=0,
         stderr=[r"flood\.yaml:2:%d: error: more than 1024 keys in one record" % _yaml_col(),
                 r"govopen: 1 observation rejected, 2 accepted"],
         mem_mb=64, seconds=3.0),
    # 5 keys at the top (extra included): the record's 1025th key is the 1020th of "extra", on line 5 + 1020
    Case("hash-flood-yaml-nested", _yaml_nested, rc=0,
         stderr=[r"nested\.yaml:1025:5: error: more than 1024 keys in one record", r"govopen: 1 observation rejected, 1 accepted"],
         mem_mb=64, seconds=3.0),
    # a CSV header names the keys of every row: too many columns refuse the worksheet
    Case("hash-flood-csv", _csv, rc=1,
         stderr=[r"wide\.csv:1:%d: error: the header names more than 1024 columns: the limit on keys in one record "
                 r"\(GOVOPEN_EVAL_MAX_KEYS\)" % _csv_col()],
         mem_mb=64, seconds=3.0),
]
