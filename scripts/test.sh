#!/bin/sh
# Sets up, builds and runs every test (CUnit suites, the tool end to end,
# exported symbols, public headers, an installed consumer, the HTML report in
# headless Chromium).
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
# the browser test's Chromium, fonts and node: required under CI; elsewhere,
# when they cannot be installed, that test says loudly that it was skipped
if [ "${CI:-}" = "true" ]; then
  scripts/setup.sh --browser
else
  scripts/setup.sh --browser || echo "test: cannot install the browser test's packages; it will be skipped" >&2
fi
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DGOVOPEN_WERROR=$werror >/dev/null
cmake --build build-test -j"$(nproc)"
cd build-test
ctest --output-on-failure -j"$(nproc)"
