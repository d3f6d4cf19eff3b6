#!/usr/bin/env python3
"""Run the province-scale benchmarks (issue 6) and print one table.

Usage: python3 bench/run.py [--scale F] [--runs N] [--build DIR] [--seed N] [--quick]

  --scale F   fraction of the 107 counties (default 1.0: 4,280 units)
  --runs N    runs per measurement; the median time is reported (default 3)
  --build DIR the build directory (default build-bench; configured Release
              when it has no CMakeCache.txt), built with `cmake --build`
  --quick     a smoke run: --scale 0.01 --runs 1

It generates the SYNTHETIC workload with bench/gen_province.py into
bench/out/ (kept and reused while the parameters and the generator are
unchanged), then measures, each in a fresh wrapper process that reports its
child's wall time and peak RSS (ru_maxrss of RUSAGE_CHILDREN):

  parse_limit on observations.jsonl          the cJSON parse limit
  govopen evaluate --jobs 1, then --jobs 2    the evaluator (outputs compared with cmp)
  govopen evaluate on the doubled samples     (--samples-factor 2, same units) for memory
  yaml_pass vs load_framework                on data/frameworks/langao-2023.yaml
  calendar_query                             working-day queries

Only the Python 3 standard library is used here (the generator also needs
python3-yaml). See bench/README.md for the targets the figures are held to.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LANGAO = os.path.join(ROOT, "data", "frameworks", "langao-2023.yaml")
AS_OF = "2024-01-15"
MIB = 1024 * 1024

# Runs one command and prints, as JSON, its exit status, wall time and peak
# RSS. A fresh interpreter per measurement: RUSAGE_CHILDREN's ru_maxrss is the
# largest of all children so far, so the wrapper must have no other child.
WRAPPER = r"""
import json, resource, subprocess, sys, time
spec = json.loads(sys.argv[1])
out = open(spec["stdout"], "wb") if spec["stdout"] else subprocess.DEVNULL
with open(spec["stderr"], "wb") as err:
    t0 = time.perf_counter()
    rc = subprocess.run(spec["argv"], stdout=out, stderr=err).returncode
    wall = time.perf_counter() - t0
if out is not subprocess.DEVNULL:
    out.close()
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": rc, "wall": wall, "maxrss_kib": ru.ru_maxrss,
                  "user": ru.ru_utime, "sys": ru.ru_stime}))
"""


def note(msg):
    print(msg, file=sys.stderr, flush=True)


def loud(msg):
    bar = "!" * 78
    note(f"\n{bar}\n{msg}\n{bar}")


def measure(argv, stdout=None, stderr=os.devnull):
    """One run of argv in a fresh wrapper: {rc, wall, maxrss_kib, user, sys}."""
    spec = {"argv": argv, "stdout": stdout, "stderr": stderr}
    res = subprocess.run([sys.executable, "-c", WRAPPER, json.dumps(spec)],
                         check=True, capture_output=True, text=True)
    return json.loads(res.stdout)


class Series:
    """N runs of one measurement: the median wall time, the largest peak RSS."""

    def __init__(self, runs):
        self.runs = runs

    @property
    def wall(self):
        return statistics.median(r["wall"] for r in self.runs)

    @property
    def rss_mib(self):
        return max(r["maxrss_kib"] for r in self.runs) / 1024


# ---------------------------------------------------------------------------
def build(build_dir):
    if not os.path.exists(os.path.join(build_dir, "CMakeCache.txt")):
        note(f"configuring {build_dir} (Release)")
        subprocess.run(["cmake", "-S", ROOT, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release"],
                       check=True, stdout=subprocess.DEVNULL)
    else:
        cache = open(os.path.join(build_dir, "CMakeCache.txt"), encoding="utf-8").read()
        m = re.search(r"^CMAKE_BUILD_TYPE:\w+=(\w*)", cache, re.M)
        if not m or m.group(1) != "Release":
            loud(f"NOTE: {build_dir} is not a Release build ({m.group(1) if m else 'no type'}): "
                 "the figures are not representative")
    note(f"building {build_dir}")
    subprocess.run(["cmake", "--build", build_dir, "-j", str(os.cpu_count() or 2)],
                   check=True, stdout=subprocess.DEVNULL)
    tools = {"govopen": os.path.join(build_dir, "govopen")}
    for b in ("parse_limit", "yaml_pass", "load_framework", "calendar_query"):
        tools[b] = os.path.join(build_dir, "bench", b)
    for name, path in tools.items():
        if not os.access(path, os.X_OK):
            sys.exit(f"run.py: {path} was not built (is GOVOPEN_BUILD_BENCH on?)")
    return tools


def workload(scale, seed, factor):
    """The workload directory, generated unless an identical one is there."""
    out = os.path.join(HERE, "out", f"scale{scale:g}-seed{seed}-k{factor}")
    marker = os.path.join(out, "workload.json")
    gen = os.path.join(HERE, "gen_province.py")
    sys.path.insert(0, HERE)
    sys.dont_write_bytecode = True      # no __pycache__ in bench/
    try:
        import gen_province
        digest = gen_province.generator_digest(gen_province.LANGAO)
    finally:
        sys.path.pop(0)
    if os.path.exists(marker):
        with open(marker, encoding="utf-8") as f:
            w = json.load(f)
        if (w.get("scale"), w.get("seed"), w.get("samples_factor"), w.get("generator")) == \
                (scale, seed, factor, digest):
            note(f"reusing {out}: {w['records']} records, {w['bytes'] / 1e6:.1f} MB")
            w["dir"] = out
            return w
    note(f"generating {out} (scale {scale:g}, samples x{factor}) …")
    subprocess.run([sys.executable, gen, "--scale", repr(scale), "--seed", str(seed),
                    "--samples-factor", str(factor), "--out", out], check=True, stdout=sys.stderr)
    with open(marker, encoding="utf-8") as f:
        w = json.load(f)
    w["dir"] = out
    return w


# ---------------------------------------------------------------------------
class Evaluator:
    """`govopen evaluate` on the workload, the JSON streamed to a file."""

    def __init__(self, govopen):
        self.govopen = govopen

    def argv(self, w, out_path, jobs):
        return [self.govopen, "evaluate", "--framework", os.path.join(w["dir"], "province.yaml"),
                "--observations", os.path.join(w["dir"], "observations.jsonl"), "--as-of", AS_OF,
                "--format", "json", "--output", out_path, "--jobs", str(jobs)]

    def run(self, w, out_path, jobs, runs):
        err_path = out_path + ".stderr"
        results = []
        for i in range(runs):
            r = measure(self.argv(w, out_path, jobs), None, err_path)
            with open(err_path, encoding="utf-8", errors="replace") as f:
                err = f.read()
            if r["rc"] != 0:
                sys.exit(f"run.py: govopen evaluate failed (exit {r['rc']}):\n{err[-2000:]}")
            if "rejected" in err:
                loud(f"WARNING: govopen evaluate rejected observations:\n{err[-1500:]}")
            note(f"  evaluate --jobs {jobs}: {r['wall']:.3f} s, {r['maxrss_kib'] / 1024:.1f} MiB")
            results.append(r)
        return Series(results)


def parse_kv(text):
    """'key value' lines -> {key: value}."""
    out = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2:
            out[parts[0]] = parts[1]
    return out


def timed_loop(binary, path, n, runs):
    """yaml_pass / load_framework: the median of the runs' mean ms per pass."""
    vals = []
    for _ in range(runs):
        res = subprocess.run([binary, path, str(n)], check=True, capture_output=True, text=True)
        vals.append(float(parse_kv(res.stdout)["mean_ms"]))
    return statistics.median(vals)


def calendar(binary, runs):
    """calendar_query: the median ns/query of each kind over the runs."""
    rows = {}
    for _ in range(runs):
        res = subprocess.run([binary], check=True, capture_output=True, text=True)
        for line in res.stdout.splitlines():
            m = re.match(r"(\S+)\s+([\d.]+) ns/query", line)
            if m:
                rows.setdefault(m.group(1), []).append(float(m.group(2)))
    return {k: statistics.median(v) for k, v in rows.items()}


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"nproc {n}, {model}"


# ---------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--build", default=os.path.join(ROOT, "build-bench"))
    ap.add_argument("--seed", type=int, default=2023)
    ap.add_argument("--quick", action="store_true", help="smoke run: --scale 0.01 --runs 1")
    a = ap.parse_args()
    if a.quick:
        a.scale, a.runs = 0.01, 1
    if a.runs < 1 or a.scale <= 0:
        ap.error("--runs must be >= 1 and --scale > 0")
    build_dir = os.path.abspath(a.build)

    tools = build(build_dir)
    base = workload(a.scale, a.seed, 1)
    double = workload(a.scale, a.seed, 2)
    ev = Evaluator(tools["govopen"])

    # --- the parse limit
    note("parse_limit …")
    obs = os.path.join(base["dir"], "observations.jsonl")
    pl_out = os.path.join(base["dir"], "parse_limit.txt")
    pl = []
    for _ in range(a.runs):
        r = measure([tools["parse_limit"], obs], pl_out)
        if r["rc"] != 0:
            sys.exit("run.py: parse_limit failed")
        pl.append(r)
        note(f"  parse_limit: {r['wall']:.3f} s, {r['maxrss_kib'] / 1024:.1f} MiB")
    with open(pl_out, encoding="utf-8") as f:
        if int(parse_kv(f.read())["records"]) != base["records"]:
            sys.exit("run.py: parse_limit read a different number of records than were generated")
    parse = Series(pl)

    # --- the evaluator
    note("govopen evaluate …")
    out1 = os.path.join(base["dir"], "result-jobs1.json")
    out2 = os.path.join(base["dir"], "result-jobs2.json")
    ev1 = ev.run(base, out1, 1, a.runs)
    ev2 = ev.run(base, out2, 2, a.runs)
    identical = subprocess.run(["cmp", "-s", out1, out2]).returncode == 0
    note("govopen evaluate, doubled samples …")
    evd = ev.run(double, os.path.join(double["dir"], "result-jobs1.json"), 1, a.runs)

    # --- framework load against the YAML event pass, calendar queries
    note("yaml_pass, load_framework, calendar_query …")
    loops = 50 if a.quick else 200
    y_ms = timed_loop(tools["yaml_pass"], LANGAO, loops, a.runs)
    l_ms = timed_loop(tools["load_framework"], LANGAO, loops, a.runs)
    prov = os.path.join(base["dir"], "province.yaml")
    py_ms = timed_loop(tools["yaml_pass"], prov, max(5, loops // 10), a.runs)
    pl_ms = timed_loop(tools["load_framework"], prov, max(5, loops // 10), a.runs)
    cal = calendar(tools["calendar_query"], a.runs)

    # --- the table
    recs, mb = base["records"], base["bytes"] / 1e6
    p_rate = recs / parse.wall

    def row(name, s, records, megabytes, speedup):
        rate = records / s.wall
        return (f"{name:<28} {rate:>12,.0f} {megabytes / s.wall:>8.1f} {s.rss_mib:>9.1f} "
                f"{rate / p_rate:>8.2f} {speedup:>8}")

    sp1 = "1.00x"
    sp2 = f"{ev1.wall / ev2.wall:.2f}x"
    print()
    print(f"libgovopen province benchmark — SYNTHETIC workload: {base['units']} units x {base['points']} "
          f"points, {recs:,} records, {mb:.1f} MB; median of {a.runs} run(s), wall time per process")
    print(f"{'':<28} {'records/s':>12} {'MB/s':>8} {'RSS MiB':>9} {'vs parse':>8} {'speed-up':>8}")
    print(f"{'parse limit (cJSON)':<28} {p_rate:>12,.0f} {mb / parse.wall:>8.1f} {parse.rss_mib:>9.1f} "
          f"{1:>8.2f} {'—':>8}")
    print(row("evaluate --jobs 1", ev1, recs, mb, sp1))
    print(row("evaluate --jobs 2", ev2, recs, mb, sp2))
    print(row("evaluate doubled samples", evd, double["records"], double["bytes"] / 1e6, "—"))
    print(f"--jobs 2 output vs --jobs 1: {'byte-identical (cmp)' if identical else 'DIFFERENT (cmp)'}")
    growth = (evd.rss_mib / ev1.rss_mib - 1) * 100
    print(f"RSS growth when the samples double: {growth:+.1f} % ({ev1.rss_mib:.1f} -> {evd.rss_mib:.1f} MiB)")
    print(f"framework load vs YAML event pass (langao-2023.yaml): {l_ms:.3f} ms vs {y_ms:.3f} ms, "
          f"ratio {l_ms / y_ms:.2f}")
    print(f"  (province.yaml, {base['units']} units: {pl_ms:.3f} ms vs {py_ms:.3f} ms, ratio {pl_ms / py_ms:.2f})")
    print("calendar, ns/query: " + ", ".join(f"{k} {v:.1f}" for k, v in cal.items()))
    print(f"machine: {machine()}")

    # --- against the targets of issue 6
    def verdict(ok):
        return "met" if ok else "NOT met"
    print("targets (issue 6):")
    share = recs / ev1.wall / p_rate
    print(f"  evaluate --jobs 1 >= 80 % of the parse limit: {share * 100:.0f} % — {verdict(share >= 0.8)}")
    print(f"  --jobs 2 >= 1.6x, byte-identical: {ev1.wall / ev2.wall:.2f}x, "
          f"{'identical' if identical else 'different'} — "
          f"{verdict(ev1.wall / ev2.wall >= 1.6 and identical)}")
    full = base["units"] >= 4280
    print(f"  peak RSS <= 128 MiB at full scale: {ev1.rss_mib:.1f} MiB — "
          f"{verdict(ev1.rss_mib <= 128) if full else 'n/a below full scale'}")
    print(f"  RSS growth < 10 % when samples double: {growth:+.1f} % — {verdict(growth < 10)}")
    print(f"  framework load <= 1.5x YAML event pass: {l_ms / y_ms:.2f}x — {verdict(l_ms / y_ms <= 1.5)}")


if __name__ == "__main__":
    main()
