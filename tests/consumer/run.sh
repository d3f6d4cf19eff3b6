#!/bin/sh
# Installs the built library into a scratch prefix and builds the C examples
# against it twice: through pkg-config, and through find_package(govopen).
# Each build runs them on known inputs (tests/examples/check.sh, the expected
# output in tests/expected/), and the two builds' outputs must agree.
# usage: run.sh SOURCE_DIR BUILD_DIR WORK_DIR
set -eu
src="$1"; build="$2"; work="$3"
examples="walk_tree duties evaluate validate"
rm -rf "$work"; mkdir -p "$work"
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(ls -d "$prefix"/lib*/ | head -1)
libdir=${libdir%/}
test -f "$prefix/include/govopen/govopen.h"
test -f "$prefix/include/govopen/version.h"

# pkg-config
export PKG_CONFIG_PATH="$libdir/pkgconfig"
pkg-config --exists govopen
test "$(pkg-config --modversion govopen)" = "0.1.0"
mkdir -p "$work/pc"
for e in $examples; do
  # shellcheck disable=SC2046
  cc -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Werror $(pkg-config --cflags govopen) \
    "$src/examples/$e.c" -o "$work/pc/$e" $(pkg-config --libs govopen)
done

# CMake package
cmake -S "$src/tests/consumer" -B "$work/cm" -DCMAKE_PREFIX_PATH="$prefix" -DEXAMPLES_DIR="$src/examples" >/dev/null
cmake --build "$work/cm" >/dev/null

# Both builds run against the installed library only.
export LD_LIBRARY_PATH="$libdir"
cd "$src"
check="sh tests/examples/check.sh"
exp=tests/expected
for way in pc cm; do
  bin="$work/$way"
  for e in $examples; do
    ldd "$bin/$e" | grep -qF "=> $libdir/libgovopen.so.0 " || { echo "$way/$e does not use $libdir"; ldd "$bin/$e"; exit 1; }
  done
  $check --stdout-blocks $exp/walk_tree.blocks -- "$bin/walk_tree"
  $check --stdout $exp/duties-zwfww.txt -- "$bin/duties" zwfww
  $check --stdout-blocks $exp/duties-default.blocks -- "$bin/duties"
  $check --exit 1 --stdout /dev/null --stderr $exp/duties-unknown.stderr -- "$bin/duties" 县统计局
  $check --stdout $exp/evaluate-mini.json --stderr $exp/evaluate-mini.stderr \
    -- "$bin/evaluate" tests/fixtures/examples/mini.jsonl 2023-12-15 tests/fixtures/examples/mini.yaml
  $check --stdout-blocks $exp/evaluate-langao.blocks --stderr $exp/evaluate-langao.stderr \
    -- "$bin/evaluate" data/samples/langao-2023-observations.jsonl 2023-12-15
  $check --exit 1 --stdout $exp/validate-county-bad.txt -- "$bin/validate" tests/fixtures/examples/county-bad.yaml
  $check --stdout $exp/validate-langao.txt -- "$bin/validate" data/frameworks/langao-2023.yaml
  "$bin/walk_tree" > "$work/$way.walk_tree.txt"
  "$bin/evaluate" tests/fixtures/eval/fx.jsonl 2023-12-15 tests/fixtures/eval/fx.yaml > "$work/$way.fx.json" 2>/dev/null
done
cmp "$work/pc.walk_tree.txt" "$work/cm.walk_tree.txt"
cmp "$work/pc.fx.json" "$work/cm.fx.json"
echo "ok: the examples built through pkg-config and find_package(govopen) pass and agree"
