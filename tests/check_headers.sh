#!/bin/sh
# Every public header compiles on its own: as C99 with -pedantic -Werror,
# as C11, and as C++ (when a C++ compiler is present; under CI it must be).
set -eu
cc="$1"; inc="$2"; geninc="$3"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cxx=""
for c in c++ g++ clang++; do command -v "$c" >/dev/null 2>&1 && { cxx="$c"; break; }; done
if [ -z "$cxx" ]; then
  if [ "${CI:-}" = "true" ]; then echo "no C++ compiler under CI"; exit 1; fi
  echo "SKIPPED the C++ check: no C++ compiler (install g++)" >&2
fi
n=0
for h in "$inc"/govopen/*.h "$geninc"/govopen/version.h; do
  name=$(basename "$h")
  printf '#include <govopen/%s>\n#include <govopen/%s>\nint main(void) { return 0; }\n' "$name" "$name" > "$work/t.c"
  for std in c99 c11; do
    "$cc" -std=$std -pedantic -Wall -Wextra -Werror -I"$inc" -I"$geninc" -c "$work/t.c" -o "$work/t.o" \
      || { echo "$name fails as $std"; exit 1; }
  done
  if [ -n "$cxx" ]; then
    cp "$work/t.c" "$work/t.cpp"
    "$cxx" -std=c++11 -pedantic -Wall -Wextra -Werror -I"$inc" -I"$geninc" -c "$work/t.cpp" -o "$work/t.o" \
      || { echo "$name fails as C++"; exit 1; }
  fi
  n=$((n + 1))
done
echo "ok: $n headers"
