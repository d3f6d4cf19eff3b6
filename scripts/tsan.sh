#!/bin/sh
# Builds the library and the thread tests with ThreadSanitizer and runs them:
# one framework shared by 8 threads, each evaluating the sample data; and one
# JSON Lines file split among 2 and 3 reading threads (the eval suite); the
# result JSON rendered on 2 to 4 threads (the report suite); a small
# synthetic province (280 units) read, scored and written on 2 and 3 threads.
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DGOVOPEN_WERROR=ON -DGOVOPEN_SANITIZE=thread \
  -DGOVOPEN_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build-tsan -j"$(nproc)" --target test_threads test_govopen govopen_cli
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
  build-tsan/tests/test_threads data/samples/langao-2023-observations.jsonl 8 3
for suite in eval report; do
  TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" build-tsan/tests/test_govopen "$suite"
done
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" /usr/bin/python3 tests/test_province.py build-tsan/govopen
