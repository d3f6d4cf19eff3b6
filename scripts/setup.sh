#!/bin/sh
# Installs the Debian packages libgovopen needs to build and test, if any is
# missing.  Usage: scripts/setup.sh [--ci | --browser]
#   --browser adds what the browser test of the HTML report needs
#             (tests/browser/): chromium, fonts-noto-cjk, and nodejs and npm
#             unless node and npm are already on the PATH;
#   --ci      adds the CI-only tools: valgrind, abigail-tools for scripts/abi.sh,
#             clang and libFuzzer for scripts/fuzz.sh, clang-format for
#             scripts/check_format.sh.
set -eu

pkgs="cmake make gcc g++ binutils pkg-config libyaml-dev libcjson-dev nettle-dev libcunit1-dev python3 python3-yaml python3-venv python3-jsonschema"
case "${1:-}" in
  --ci) pkgs="$pkgs valgrind abigail-tools clang libclang-rt-14-dev clang-format" ;;
  --browser)
    pkgs="$pkgs chromium fonts-noto-cjk"
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
      pkgs="$pkgs nodejs npm"
    fi
    ;;
  "") ;;
  *) echo "usage: scripts/setup.sh [--ci | --browser]" >&2; exit 2 ;;
esac

missing=""
for p in $pkgs; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  exit 0
fi

echo "setup: installing Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "setup: these packages are missing:$missing" >&2
  echo "setup: run as root:  apt-get install -y$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null || {
  echo "setup: 'apt-get update' failed; check the network or the apt sources, then run: apt-get install -y$missing" >&2
  exit 1
}
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
  echo "setup: 'apt-get install$missing' failed" >&2
  exit 1
}
