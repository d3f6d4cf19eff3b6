#!/bin/sh
# Runs a program and checks its exit status and output against expected files
# written by hand (tests/expected/).
#
#   check.sh [--exit N] [--stdout FILE] [--stdout-blocks FILE] [--stderr FILE]
#            [--stderr-blocks FILE] -- PROGRAM [ARG...]
#
# --stdout/--stderr: the output must equal FILE byte for byte (a result's JSON
#   whose FILE holds @FINGERPRINT@: once tests/fingerprint_check.py has filled in
#   the placeholders of what depends on the library's version).
# --stdout-blocks/--stderr-blocks: FILE holds blocks of lines separated by a
#   line "..."; each block must appear in the output as consecutive whole
#   lines, the blocks in order (the key lines of a long output).
# --exit: the expected exit status (default 0).
# Run it from the source tree's root: expected outputs name inputs by their
# paths relative to it.
set -eu

want_exit=0
checks=""
while [ $# -gt 0 ]; do
  case "$1" in
    --exit) want_exit="$2"; shift 2 ;;
    --stdout | --stdout-blocks | --stderr | --stderr-blocks)
      checks="$checks ${1#--}=$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "check.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "check.sh: no program given" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
set +e
"$@" >"$work/stdout" 2>"$work/stderr"
got_exit=$?
set -e

fail=0
if [ "$got_exit" -ne "$want_exit" ]; then
  echo "FAIL: exit status $got_exit, expected $want_exit: $*"
  fail=1
fi

# blocks EXPECTED ACTUAL: every "..."-separated block of EXPECTED occurs in
# ACTUAL as consecutive lines, in order. Prints the first block not found.
blocks() {
  awk 'BEGIN { nb = 0 }
    NR == FNR {
      if ($0 == "...") { nb++; next }
      blk[nb, ++len[nb]] = $0
      next
    }
    { out[++n] = $0 }
    END {
      pos = 1
      for (b = 0; b <= nb; b++) {
        if (len[b] == 0) continue
        found = 0
        for (s = pos; s + len[b] - 1 <= n && !found; s++) {
          ok = 1
          for (k = 1; k <= len[b] && ok; k++) if (out[s + k - 1] != blk[b, k]) ok = 0
          if (ok) { found = 1; pos = s + len[b] }
        }
        if (!found) {
          printf "block %d not found (after output line %d):\n", b + 1, pos - 1
          for (k = 1; k <= len[b]; k++) print "  " blk[b, k]
          exit 1
        }
      }
    }' "$1" "$2"
}

for c in $checks; do
  kind=${c%%=*}
  file=${c#*=}
  stream=${kind%%-*}
  if [ ! -e "$file" ]; then
    echo "FAIL: no expected file $file"
    fail=1
    continue
  fi
  case "$kind" in
    *-blocks)
      if ! blocks "$file" "$work/$stream" >"$work/why"; then
        echo "FAIL: $stream lacks the lines of $file: $*"
        cat "$work/why"
        fail=1
      fi ;;
    *)
      # a result's JSON: placeholders for what depends on the library's version
      # (tests/fingerprint_check.py fills them from the output's fingerprint, checked)
      if grep -q '@FINGERPRINT@' "$file"; then
        if ! python3 "$(dirname "$0")/../fingerprint_check.py" "$file" "$work/$stream" >"$work/expected.$stream" \
             2>"$work/why"; then
          echo "FAIL: the fingerprint of $stream: $*"
          cat "$work/why"
          fail=1
          continue
        fi
        file="$work/expected.$stream"
      fi
      if ! cmp -s "$file" "$work/$stream"; then
        echo "FAIL: $stream differs from $file: $*"
        diff -u "$file" "$work/$stream" | head -60 || true
        fail=1
      fi ;;
  esac
done

if [ "$fail" -ne 0 ]; then
  echo "--- stderr of $*:"
  head -20 "$work/stderr"
  exit 1
fi
echo "ok: $*"
