#!/bin/sh
# Sets up, builds, and runs the main job on the built-in Langao 2023
# framework: its indicator tree with scores, who is responsible for what,
# and the evaluation of the synthetic sample observations as of 2023-12-15
# (every unit's scorecard, the rankings, the county's total, every point
# lost with its evidence).  Usage: scripts/run.sh [UNIT]  (default 县人社局)
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
echo "== govopen show (the indicator tree; * = maximum derived by equal split) =="
build/govopen show
echo
echo "== govopen duties ${1:-县人社局} =="
build/govopen duties "${1:-县人社局}"
echo
echo "== govopen evaluate (synthetic sample data, data/samples/README.md) =="
build/govopen evaluate --builtin langao-2023 --observations data/samples/langao-2023-observations.jsonl \
  --as-of 2023-12-15
