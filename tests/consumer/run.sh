#!/bin/sh
# Installs the built library into a scratch prefix and builds a consumer
# against it twice: through pkg-config, and through find_package(govopen).
set -eu
src="$1"; build="$2"; work="$3"
rm -rf "$work"; mkdir -p "$work"
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(ls -d "$prefix"/lib*/ | head -1)
test -f "$prefix/include/govopen/govopen.h"
test -f "$prefix/include/govopen/version.h"

# pkg-config
PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --exists govopen
test "$(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --modversion govopen)" = "0.1.0"
cc -std=c11 -Wall -Werror $(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags govopen) \
  "$src/examples/walk_tree.c" -o "$work/walk_pc" $(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --libs govopen)
LD_LIBRARY_PATH="$libdir" "$work/walk_pc" > "$work/out_pc.txt"
grep -q '^total 100.00, 5 level-1 indicators, 83 points$' "$work/out_pc.txt"

# CMake package
cmake -S "$src/tests/consumer" -B "$work/cm" -DCMAKE_PREFIX_PATH="$prefix" -DEXAMPLE="$src/examples/walk_tree.c" >/dev/null
cmake --build "$work/cm" >/dev/null
LD_LIBRARY_PATH="$libdir" "$work/cm/walk_cmake" > "$work/out_cm.txt"
cmp "$work/out_pc.txt" "$work/out_cm.txt"
echo "ok: pkg-config and find_package(govopen) consumers agree"
