#!/bin/sh
# Sets up, builds, and runs the main job on the built-in Langao 2023
# framework: its indicator tree with scores, its units and groups, and one
# unit's duties.  Usage: scripts/run.sh [UNIT]   (default 县人社局)
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
echo "== govopen show (the indicator tree; * = maximum derived by equal split) =="
build/govopen show
echo
echo "== govopen units (who is responsible for how many points) =="
build/govopen units
echo
echo "== govopen duties ${1:-县人社局} =="
build/govopen duties "${1:-县人社局}"
