#!/bin/sh
# Sets up, builds and runs every test (CUnit suites, the tool end to end,
# exported symbols, public headers, an installed consumer).
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DGOVOPEN_WERROR=$werror >/dev/null
cmake --build build-test -j"$(nproc)"
cd build-test
ctest --output-on-failure -j"$(nproc)"
