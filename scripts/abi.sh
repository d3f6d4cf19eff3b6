#!/bin/sh
# Records and checks libgovopen's ABI (docs/abi.md).
#
#   scripts/abi.sh update   build the library, write abi/libgovopen.abi (abidw)
#                           and abi/constants.txt, and show what changed
#   scripts/abi.sh check    build the library and fail (exit 1) when it breaks
#                           the recorded ABI: a function or variable removed, a
#                           signature or a type it uses changed, the SONAME
#                           changed, an enum value or flag changed or removed.
#                           Additions pass (and are listed).
#
# The library is built in build-abi/ (GOVOPEN_ABI_BUILD overrides) as
# RelWithDebInfo (-O2 -g), with CFLAGS from the environment ignored and the
# checkout's path mapped away, so the recording depends only on the sources
# and the toolchain (record it as CI builds: Debian 12, gcc 12, libabigail
# 2.2). Needs abidw and abidiff (Debian: abigail-tools).
set -eu
cd "$(dirname "$0")/.."

mode=${1:-}
case "$mode" in
  update | check) ;;
  *) echo "usage: scripts/abi.sh update|check" >&2; exit 2 ;;
esac
for tool in abidw abidiff cmake cc; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "abi: '$tool' is missing (abidw/abidiff: apt-get install abigail-tools, or scripts/setup.sh --ci)" >&2
    exit 2
  }
done

build=${GOVOPEN_ABI_BUILD:-build-abi}
abi=abi/libgovopen.abi
constants=abi/constants.txt
suppr=abi/govopen.abignore

# --- the library, built the same way every time ---------------------------------
# -fdebug-prefix-map: the debug info names sources relative to the checkout,
# so the recording does not depend on where the tree lies.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_C_FLAGS=-fdebug-prefix-map=$(pwd)/=" \
  -DGOVOPEN_SANITIZE= -DGOVOPEN_WERROR=OFF -DGOVOPEN_BUILD_TESTS=OFF -DGOVOPEN_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build" --target govopen -j"$(nproc)" >"$build/abi-build.log" 2>&1 || {
  cat "$build/abi-build.log"
  echo "abi: the library did not build" >&2
  exit 2
}
lib=$(readlink -f "$build/libgovopen.so")

# --- the enum values and flags of the public headers ------------------------------
# abidw sees types only through the exported functions, and those take enums
# as int: the values themselves are checked here. Every enumerator and every
# numeric #define of include/govopen/*.h counts, except the defaults of the
# loader's limits and the result format's version, which may change.
constants_now() {
  # enumerators wherever they stand (one per line, or an enum on one line), and #defines
  names=$({ grep -ohE 'GOVOPEN_[A-Z0-9_]+[[:space:]]*=[^=]' include/govopen/*.h | sed 's/[[:space:]]*=.*//'
            sed -n -e 's/^#define[[:space:]]\{1,\}\(GOVOPEN_[A-Z0-9_]*\)[[:space:]]\{1,\}[^[:space:]].*/\1/p' \
              include/govopen/*.h; } | grep -v -x -e GOVOPEN_API -e 'GOVOPEN_DEFAULT_.*' -e GOVOPEN_RESULT_FORMAT | sort -u)
  tmp=$(mktemp -d)
  {
    echo '#include <stdio.h>'
    echo '#include <govopen/govopen.h>'
    echo 'int main(void) {'
    for n in $names; do printf '  printf("%%s %%lld\\n", "%s", (long long)(%s));\n' "$n" "$n"; done
    echo '  return 0;'
    echo '}'
  } >"$tmp/c.c"
  cc -std=c11 -Iinclude -I"$build/include" "$tmp/c.c" -o "$tmp/c"
  "$tmp/c" | LC_ALL=C sort
  rm -rf "$tmp"
}

if [ "$mode" = update ]; then
  mkdir -p abi
  old="" oldc=""
  if [ -f "$abi" ]; then old=$(mktemp); cp "$abi" "$old"; fi
  if [ -f "$constants" ]; then oldc=$(mktemp); cp "$constants" "$oldc"; fi
  abidw --no-corpus-path --no-comp-dir-path --no-show-locs --no-parameter-names --type-id-style hash \
    --exported-interfaces-only --headers-dir include/govopen --headers-dir "$build/include/govopen" \
    --drop-private-types --suppressions "$suppr" --out-file "$abi" "$lib"
  constants_now >"$constants"
  echo "abi: wrote $abi ($(grep -c '<elf-symbol ' "$abi") symbols) and $constants ($(wc -l <"$constants") constants)"
  if [ -n "$old" ]; then
    echo "abi: changes from the previous recording (review them; only additions are allowed within 0.x):"
    set +e
    abidiff --no-show-locs "$old" "$abi"
    set -e
    rm -f "$old"
  fi
  if [ -n "$oldc" ]; then
    LC_ALL=C comm -23 "$oldc" "$constants" | sed 's/^/abi: constant removed or changed: /'
    LC_ALL=C comm -13 "$oldc" "$constants" | sed 's/^/abi: constant added or changed: /'
    rm -f "$oldc"
  fi
  exit 0
fi

# --- check ----------------------------------------------------------------------------
[ -f "$abi" ] || { echo "abi: no $abi: run scripts/abi.sh update" >&2; exit 2; }
fail=0
# abidiff of the recording and the built library. --hd2 and
# --drop-private-types leave out the types behind the opaque handles.
compare() {
  abidiff --no-show-locs --hd2 include/govopen --hd2 "$build/include/govopen" --drop-private-types \
    --exported-interfaces-only --suppressions "$suppr" "$@" "$abi" "$lib"
}
# abidiff's exit status is a bit mask: 1 error, 2 usage error, 4 ABI change,
# 8 incompatible change (a removed symbol). Additions also set 4, so they are
# left out of this run (--no-added-syms): any non-zero status left is a break.
set +e
report=$(compare --no-added-syms 2>&1)
status=$?
set -e
if [ "$status" -ne 0 ]; then
  echo "$report"
  if [ $((status & 3)) -ne 0 ]; then
    echo "abi: abidiff failed (status $status)"
  elif [ $((status & 8)) -ne 0 ]; then
    echo "abi: INCOMPATIBLE: the library drops or breaks symbols of $abi (abidiff status $status)"
  else
    echo "abi: CHANGED: existing functions or types differ from $abi (abidiff status $status)"
  fi
  fail=1
fi

# Constants: every recorded line must still be there with the same value.
now=$(mktemp)
constants_now >"$now"
if [ -f "$constants" ]; then
  missing=$(LC_ALL=C comm -23 "$constants" "$now")
  if [ -n "$missing" ]; then
    echo "abi: enum values or flags removed or changed (recorded in $constants):"
    echo "$missing" | sed 's/^/  /'
    echo "  now:"
    for n in $(echo "$missing" | cut -d' ' -f1); do grep "^$n " "$now" | sed 's/^/  /' || echo "  $n (gone)"; done
    fail=1
  fi
  added=$(LC_ALL=C comm -13 "$constants" "$now" | wc -l)
else
  echo "abi: no $constants: run scripts/abi.sh update" >&2
  fail=1
  added=0
fi
rm -f "$now"

if [ "$fail" -ne 0 ]; then
  echo "abi: FAILED. Within 0.x only additions are allowed (docs/abi.md): restore the old"
  echo "     interface, or add a _v2 beside it; never change or remove a published one."
  exit 1
fi

# Additions pass; say so, so that the recording is brought up to date.
set +e
compare >/dev/null 2>&1
status=$?
set -e
if [ "$status" -ne 0 ] || [ "$added" -ne 0 ]; then
  compare --added-fns --added-vars || true
  echo "abi: ok, with additions ($added new constants): record them with scripts/abi.sh update"
else
  echo "abi: ok: $lib matches $abi ($(grep -c '<elf-symbol ' "$abi") symbols, $(wc -l <"$constants") constants)"
fi
