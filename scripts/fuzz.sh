#!/bin/sh
# Fuzzing with libFuzzer (tests/fuzz/README.md). Needs clang and its libFuzzer
# runtime (Debian: clang libclang-rt-14-dev).
#
#   scripts/fuzz.sh build                 build every harness into build-fuzz/
#   scripts/fuzz.sh smoke [SECONDS]       build, then fuzz each target SECONDS (default 60)
#                                         on a scratch copy of its seeds; fails on any finding
#   scripts/fuzz.sh run TARGET [ARGS...]  build, then fuzz TARGET until stopped (or ARGS say
#                                         when), keeping what it finds in build-fuzz/corpus/TARGET
#   scripts/fuzz.sh list                  the targets
#
# Environment: FUZZ_CC (default clang), FUZZ_BUILD_DIR (default build-fuzz),
# FUZZ_PARALLEL (smoke: targets fuzzed at once; default one per processor).
# Nothing is ever written into tests/fuzz/: new inputs, crashes and logs go
# under the build directory.
set -eu
cd "$(dirname "$0")/.."

targets="framework observations_jsonl observations_json observations_yaml observations_csv calendar expr"
cc=${FUZZ_CC:-clang}
build=${FUZZ_BUILD_DIR:-build-fuzz}
jobs=$(nproc 2>/dev/null || echo 2)

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

is_target() {
  for x in $targets; do
    [ "$x" = "$1" ] && return 0
  done
  return 1
}

# The longest input worth trying: above each format's largest seed and limits,
# and large enough for inputs that grow (an overlay stacking thousands of
# indicators, thousands of flat entries, many duplicates or colliding keys: a
# few hundred KB). libFuzzer starts short and lengthens its inputs slowly
# (-len_control), so a larger cap costs the smoke run no time; the harnesses
# themselves take any length (tests/fuzz/driver.c reads whole files).
max_len() {
  case "$1" in
    framework) echo 1048576 ;;  # the Langao framework is 68 KB; an overlay 8,400 levels deep 317 KB
    expr) echo 12288 ;;         # past the 10000-character limit
    calendar) echo 65536 ;;
    *) echo 262144 ;;           # observations: records with thousands of keys
  esac
}

dict() {
  case "$1" in
    framework) echo tests/fuzz/yaml.dict ;;
    observations_*) echo tests/fuzz/observations.dict ;;
    *) echo "tests/fuzz/$1.dict" ;;
  esac
}

build_all() {
  if ! command -v "$cc" >/dev/null 2>&1; then
    echo "fuzz: '$cc' not found: install clang and libclang-rt-14-dev (apt-get install clang libclang-rt-14-dev)" >&2
    exit 1
  fi
  probe=$(mktemp -d)
  printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' \
    >"$probe/probe.c"
  if ! "$cc" -fsanitize=fuzzer,address,undefined "$probe/probe.c" -o "$probe/probe" 2>"$probe/log"; then
    cat "$probe/log" >&2
    rm -rf "$probe"
    echo "fuzz: '$cc' cannot link -fsanitize=fuzzer: install libclang-rt-14-dev (the libFuzzer runtime)" >&2
    exit 1
  fi
  rm -rf "$probe"
  # The library and harnesses are instrumented for coverage (fuzzer-no-link),
  # ASan and UBSan (GOVOPEN_SANITIZE, no recovery); only the harnesses link libFuzzer.
  mkdir -p "$build"
  set --
  for x in $targets; do
    set -- "$@" --target "fuzz_$x"
  done
  if ! { cmake -S . -B "$build" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
           -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link" -DGOVOPEN_SANITIZE=address,undefined \
           -DGOVOPEN_FUZZ_LIBFUZZER=ON -DGOVOPEN_BUILD_EXAMPLES=OFF &&
         cmake --build "$build" -j"$jobs" "$@"; } >"$build/build.log" 2>&1; then
    tail -n 30 "$build/build.log" >&2
    echo "fuzz: the build failed; the whole log is $build/build.log" >&2
    exit 1
  fi
}

bin() {
  echo "$build/tests/fuzz/fuzz_$1"
}

sanitizer_env() {
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  export ASAN_OPTIONS UBSAN_OPTIONS
}

# Fuzzes one target for $secs seconds on a scratch copy of its seeds; writes
# its summary line to $build/smoke/TARGET.result and returns libFuzzer's status.
smoke_one() {
  t=$1
  scratch="$build/smoke/$t"
  art="$build/artifacts/$t/"
  log="$build/smoke/$t.log"
  rm -rf "$scratch"
  mkdir -p "$scratch" "$art"
  # Seeds and regressions, copied: libFuzzer adds new inputs to its corpus directory.
  for kind in corpus regressions; do
    for f in tests/fuzz/"$kind"/"$t"/*; do
      [ -f "$f" ] && cp "$f" "$scratch/$kind-$(basename "$f")"
    done
  done
  set +e
  "$(bin "$t")" -max_total_time="$secs" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
    -dict="$(dict "$t")" -artifact_prefix="$art" -print_final_stats=1 "$scratch" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  if [ "$rc" -eq 0 ]; then
    echo "fuzz: $t: ok, ${runs:-?} executions in $secs s, corpus $(ls "$scratch" | wc -l) inputs" >"$build/smoke/$t.result"
  else
    {
      echo "fuzz: $t: FAILED (exit $rc) after ${runs:-?} executions; log $log, input in $art"
      grep -E '^(==[0-9]+==ERROR|SUMMARY|.*fuzz check failed|.*runtime error)' "$log" | head -n 5 || true
    } >"$build/smoke/$t.result"
  fi
  return "$rc"
}

smoke() {
  secs=${1:-60}
  case "$secs" in
    '' | *[!0-9]*) echo "fuzz: smoke takes a number of seconds, not '$secs'" >&2; exit 2 ;;
  esac
  build_all
  sanitizer_env
  # FUZZ_PARALLEL targets at a time (default: one per processor).
  par=${FUZZ_PARALLEL:-$jobs}
  mkdir -p "$build/smoke"
  set -- $targets
  while [ $# -gt 0 ]; do
    batch=""
    while [ $# -gt 0 ] && [ "$(echo $batch | wc -w)" -lt "$par" ]; do
      batch="$batch $1"
      shift
    done
    for b in $batch; do
      rm -f "$build/smoke/$b.result"
      (smoke_one "$b") &
    done
    wait
  done
  failed=""
  for t in $targets; do
    if grep -q "^fuzz: $t: ok," "$build/smoke/$t.result" 2>/dev/null; then
      cat "$build/smoke/$t.result"
    else
      cat "$build/smoke/$t.result" >&2 2>/dev/null || echo "fuzz: $t: no result" >&2
      failed="$failed $t"
    fi
  done
  if [ -n "$failed" ]; then
    echo "fuzz: findings in:$failed (see tests/fuzz/README.md: turning a finding into a regression test)" >&2
    exit 1
  fi
}

run() {
  [ $# -ge 1 ] || usage
  t=$1
  shift
  is_target "$t" || { echo "fuzz: unknown target '$t' (targets: $targets)" >&2; exit 2; }
  build_all
  sanitizer_env
  corpus="$build/corpus/$t"
  art="$build/artifacts/$t/"
  mkdir -p "$corpus" "$art"
  # New inputs go to the first directory only; the seeds are read, never written.
  exec "$(bin "$t")" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 -dict="$(dict "$t")" \
    -artifact_prefix="$art" -print_final_stats=1 "$@" "$corpus" tests/fuzz/corpus/"$t" tests/fuzz/regressions/"$t"
}

[ $# -ge 1 ] || usage
cmd=$1
shift
case "$cmd" in
  build) build_all; echo "fuzz: built $targets in $build/tests/fuzz/" ;;
  smoke) smoke "$@" ;;
  run) run "$@" ;;
  list) echo "$targets" ;;
  *) usage ;;
esac
