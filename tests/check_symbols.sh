#!/bin/sh
# Fails when the shared library exports a function or data symbol that is not govopen_*.
set -eu
lib="$1"
command -v nm >/dev/null || { echo "nm is missing (binutils)"; exit 1; }
bad=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVWi]$/ && $3 !~ /^govopen_/ {print}')
count=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVWi]$/ && $3 ~ /^govopen_/' | wc -l)
if [ -n "$bad" ]; then
  echo "exported symbols that are not govopen_*:"
  echo "$bad"
  exit 1
fi
if [ "$count" -lt 100 ]; then
  echo "only $count govopen_* symbols exported: the public API is missing"
  exit 1
fi
soname=$(objdump -p "$lib" | awk '/SONAME/ {print $2}')
if [ "$soname" != "libgovopen.so.0" ]; then
  echo "SONAME is '$soname', expected libgovopen.so.0"
  exit 1
fi
echo "ok: $count govopen_* symbols, SONAME $soname"
