#!/bin/sh
# Builds the library and the thread test with ThreadSanitizer and runs it:
# one framework shared by 8 threads, each evaluating the sample data.
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DGOVOPEN_WERROR=ON -DGOVOPEN_SANITIZE=thread \
  -DGOVOPEN_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build-tsan -j"$(nproc)" --target test_threads
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
  build-tsan/tests/test_threads data/samples/langao-2023-observations.jsonl 8 3
