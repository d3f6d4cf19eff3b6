"""Shared machinery of the hostile-input cases (issue 13).

Every module tests/hostile/case_*.py defines CASES, a list of Case. A case
generates its inputs (deterministically, synthetic) into a work directory,
runs the govopen tool on them and says what must come out: the exit status
and regular expressions that stderr and stdout must match (the diagnostic's
kind and position, not its wording alone).

Two runners use them:
  tests/hostile/run.py GOVOPEN [NAME...]  ctest: every case's exact outcome,
                                          under its memory cap, no time bound;
  bench/hostile.py GOVOPEN               the benchmark: the same cases with
                                          their time bounds, peak memory and
                                          seconds printed as a table
                                          (.ci/run runs it: a regression fails CI).
"""
import os
import re
import resource
import subprocess
import time


class Case:
    """One hostile input and what the tool must do with it.

    name      unique, e.g. "overlay-deep-stack"
    build     build(workdir) -> (argv after the tool, cwd or None); writes the inputs
    rc        the exit status expected
    stderr    regular expressions (re.search, re.M) that stderr must all match
    stdout    the same for stdout
    absent    regular expressions stderr+stdout must NOT match
    mem_mb    address-space cap (RLIMIT_AS) in MiB for the tool's process
    seconds   the benchmark's time bound (whole process, wall time)
    stdin     bytes for standard input, or None
    by_cap    True when the outcome IS the memory cap's (e.g. "out of memory"
              under a small cap): a sanitizer build, which cannot run under
              a cap (GOVOPEN_HOSTILE_NOCAP=1), leaves such a case to the
              plain build's runs (ctest and CI stage 8), and says so
    """

    def __init__(self, name, build, rc, stderr=(), stdout=(), absent=(), mem_mb=512, seconds=5.0, stdin=None,
                 by_cap=False):
        self.name = name
        self.build = build
        self.rc = rc
        self.stderr = list(stderr)
        self.stdout = list(stdout)
        self.absent = list(absent)
        self.mem_mb = mem_mb
        self.seconds = seconds
        self.stdin = stdin
        self.by_cap = by_cap


def capped():
    """False in a sanitizer build's run (GOVOPEN_HOSTILE_NOCAP=1): no memory cap."""
    return os.environ.get("GOVOPEN_HOSTILE_NOCAP", "") != "1"


class Outcome:
    def __init__(self, rc, out, err, seconds, maxrss_kb):
        self.rc, self.out, self.err = rc, out, err
        self.seconds, self.maxrss_kb = seconds, maxrss_kb


def _limit(mem_mb):
    # A sanitizer build reserves terabytes of address space: it cannot start
    # under RLIMIT_AS. Its ctest sets GOVOPEN_HOSTILE_NOCAP=1 and checks the
    # outcomes only; the caps are checked on the plain build (ctest, CI stage 8).
    cap = capped()

    def apply():
        if cap:
            b = mem_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (b, b))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def run_case(tool, case, workdir, timeout=None):
    """Builds the case's inputs and runs the tool under the case's memory cap.

    A run that takes 30 times its time bound (at least a minute) is stopped and
    reported as a hang (exit status -9), not waited for."""
    if timeout is None:
        timeout = max(60.0, 30.0 * case.seconds)
    os.makedirs(workdir, exist_ok=True)
    argv, cwd = case.build(workdir)
    env = dict(os.environ)
    env.setdefault("LC_ALL", "C.UTF-8")
    t0 = time.monotonic()
    # a fresh process per case, so that RUSAGE_CHILDREN's maxrss is this run's
    import multiprocessing
    q = multiprocessing.get_context("fork").Queue()

    def child():
        try:
            p = subprocess.run([tool, *argv], cwd=cwd, input=case.stdin, capture_output=True,
                               preexec_fn=_limit(case.mem_mb), timeout=timeout, env=env)
            res = (p.returncode, p.stdout, p.stderr)
        except subprocess.TimeoutExpired as e:
            res = (-9, e.stdout or b"", (e.stderr or b"") + b"\nhostile: killed after %.0f s (a hang)\n" % timeout)
        q.put(res + (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,))

    proc = multiprocessing.get_context("fork").Process(target=child)
    proc.start()
    rc, out, err, rss = q.get()
    proc.join()
    return Outcome(rc, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
                   time.monotonic() - t0, rss)


def check(case, o):
    """The list of ways the outcome differs from what the case expects (empty: passed)."""
    bad = []
    if o.rc != case.rc:
        bad.append("exit status %d, expected %d" % (o.rc, case.rc))
    for rx in case.stderr:
        if not re.search(rx, o.err, re.M):
            bad.append("stderr does not match %r" % rx)
    for rx in case.stdout:
        if not re.search(rx, o.out, re.M):
            bad.append("stdout does not match %r" % rx)
    for rx in case.absent:
        if re.search(rx, o.err + o.out, re.M):
            bad.append("output matches %r, which it must not" % rx)
    if bad:
        bad.append("stderr (first 2000 chars):\n" + o.err[:2000])
    return bad


def load_cases(only=()):
    """Every Case of tests/hostile/case_*.py, in file then list order."""
    import importlib.util
    here = os.path.dirname(os.path.abspath(__file__))
    cases = []
    for fn in sorted(os.listdir(here)):
        if not (fn.startswith("case_") and fn.endswith(".py")):
            continue
        spec = importlib.util.spec_from_file_location(fn[:-3], os.path.join(here, fn))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        cases.extend(mod.CASES)
    names = [c.name for c in cases]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise SystemExit("hostile: duplicate case names: %s" % ", ".join(sorted(dup)))
    if only:
        missing = set(only) - set(names)
        if missing:
            raise SystemExit("hostile: no case named %s" % ", ".join(sorted(missing)))
        cases = [c for c in cases if c.name in only]
    return cases
