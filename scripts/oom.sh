#!/bin/sh
# Out-of-memory sweeps (issue 5), under AddressSanitizer, in build-oom/.
#
# tests/oom/oom_test interposes malloc, calloc, realloc, strdup and strndup,
# so libyaml's and cJSON's allocations are counted too, and fails one chosen
# allocation N of a scenario. Every call must then return GOVOPEN_ENOMEM with
# no handle, leak nothing and crash nothing; the failed call is retried and
# the run completed, and its result must equal the reference run's.
#
#   load     every N of a full load of the built-in langao-2023 (and its JSON);
#            the failed call is retried on every OOM_LOAD_RETRY-th N (default 8)
#   fx       every N of: load tests/fixtures/eval/fx.yaml, new evaluation,
#            as-of, add fx.jsonl, run, result JSON (every rule kind)
#   sample   OOM_SAMPLE_N N (default 1000) drawn with seed OOM_SEED from the
#            evaluation of data/samples/langao-2023-observations.jsonl
#   formats  every N of fx's observations as JSON and YAML, and bad ones
#   calendar every N of fx evaluated with a county's calendar file
#   invalid  every N of loading each invalid framework and calendar of
#            tests/fixtures: the reference's diagnostics, or GOVOPEN_ENOMEM
#
# Usage: scripts/oom.sh [SWEEP...]   (default: all six)
# Environment: OOM_BUILD_DIR (default build-oom), OOM_JOBS (default nproc).
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh

build=${OOM_BUILD_DIR:-build-oom}
jobs=${OOM_JOBS:-$(nproc 2>/dev/null || echo 2)}
sample_n=${OOM_SAMPLE_N:-1000}
seed=${OOM_SEED:-20231215}
load_retry=${OOM_LOAD_RETRY:-8}
sweeps=${*:-load fx sample formats calendar invalid}

start=$(date +%s)
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGOVOPEN_SANITIZE=address \
  -DGOVOPEN_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build" --target oom_test -j"$jobs" >/dev/null
echo "oom: built in $(($(date +%s) - start)) s"

# The interposer counts live blocks itself; LeakSanitizer still runs at exit.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
t="$build/tests/oom/oom_test"
status=0
for s in $sweeps; do
  case "$s" in
    load) set -- --retry "$load_retry" load ;;
    sample) set -- --random "$sample_n" --seed "$seed" sample ;;
    fx | formats | calendar | invalid) set -- "$s" ;;
    *) echo "oom: unknown sweep '$s' (load fx sample formats calendar invalid)" >&2; exit 2 ;;
  esac
  "$t" --jobs "$jobs" "$@" || status=1
done
echo "oom: $(($(date +%s) - start)) s in all"
[ "$status" -eq 0 ] || echo "oom: FAILED (each failure above names its N: rerun one with $t --only N SWEEP)" >&2
exit "$status"
