#!/bin/sh
# Checks that every C source and header of the project (lib/, cli/, include/,
# tests/, bench/, examples/) is formatted as .clang-format says, and lists the
# files that are not.
#
#   scripts/check_format.sh          check; exit 1 listing the files that differ
#   scripts/check_format.sh --fix    reformat those files in place (clang-format -i)
#
# The reference is clang-format 14 (Debian 12's package clang-format); another
# version may format some lines differently, and is used with a warning.
# Without clang-format the check fails under CI=true and is skipped, loudly,
# elsewhere (exit 77, ctest's SKIP_RETURN_CODE for the test "format").
# Environment: CLANG_FORMAT, the program to run (default clang-format-14, else
# clang-format).
set -eu
cd "$(dirname "$0")/.."

fix=0
case "${1:-}" in
  --fix) fix=1 ;;
  "") ;;
  *) echo "usage: scripts/check_format.sh [--fix]" >&2; exit 2 ;;
esac

cf=${CLANG_FORMAT:-}
if [ -z "$cf" ]; then
  if command -v clang-format-14 >/dev/null 2>&1; then cf=clang-format-14; else cf=clang-format; fi
fi
if ! command -v "$cf" >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "check_format: $cf not found (Debian: apt-get install clang-format); CI needs it" >&2
    exit 1
  fi
  echo "check_format: SKIPPED: $cf not found (Debian: apt-get install clang-format)" >&2
  exit 77
fi
version=$("$cf" --version | sed -n 's/.*clang-format version \([0-9]*\).*/\1/p')
if [ "$version" != "14" ]; then
  echo "check_format: warning: $cf is version ${version:-unknown}; the reference is 14, and some lines may differ" >&2
fi

# Every C file the project writes; nothing generated (those are in build directories).
files=$(find lib cli include tests bench examples -type f \( -name '*.c' -o -name '*.h' \) | LC_ALL=C sort)

# shellcheck disable=SC2086
bad=$("$cf" --dry-run --Werror --ferror-limit=1 $files 2>&1 | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*/\1/p' |
  LC_ALL=C sort -u) || true
# clang-format itself failing (a bad .clang-format, say) must not pass as "no difference"
if [ -z "$bad" ]; then
  # shellcheck disable=SC2086
  "$cf" --dry-run $files >/dev/null || { echo "check_format: $cf failed" >&2; exit 1; }
fi

total=$(echo "$files" | wc -l)
if [ -z "$bad" ]; then
  echo "check_format: all $total files are formatted as .clang-format says"
  exit 0
fi
n=$(echo "$bad" | wc -l)
if [ "$fix" -eq 1 ]; then
  # shellcheck disable=SC2086
  "$cf" -i $bad
  echo "check_format: reformatted $n of $total files:"
  echo "$bad" | sed 's/^/  /'
  exit 0
fi
echo "check_format: $n of $total files differ from .clang-format (scripts/check_format.sh --fix rewrites them):" >&2
echo "$bad" | sed 's/^/  /' >&2
exit 1
