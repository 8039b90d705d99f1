#!/usr/bin/env bash
# Builds the state_dict reader's libFuzzer target with clang (ASan + UBSan) in build-fuzz/ and
# runs it for SECONDS (default 60), starting from the committed seed corpus (tests/fuzz/corpus:
# hostile files from interop_models.py hostile) and small real files written by python3-torch.
# Exits non-zero on any crash or sanitizer report.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DKD_BUILD_FUZZ=ON -DKD_BUILD_TESTS=OFF -DKD_BUILD_UI=OFF -DKD_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz --target fuzz_state_dict
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
/usr/bin/python3 tests/interop/interop_models.py make "$corpus"
# Keep the generated seeds small (large files are slow to mutate); the hostile ones are committed.
find "$corpus" -maxdepth 1 -type f -size +1M -delete
mkdir -p "$corpus/work"
# LibTorch is not instrumented; its one-time allocations are not this reader's leaks.
ASAN_OPTIONS=detect_leaks=0 build-fuzz/tests/fuzz/fuzz_state_dict -max_total_time="$seconds" \
  -artifact_prefix=build-fuzz/ -max_len=1048576 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
  "$corpus/work" tests/fuzz/corpus "$corpus" 2>&1 |
  grep -E "^#|Done|ERROR|SUMMARY|stat::number_of_executed_units|crash" | tail -5
echo "fuzz: no crash and no sanitizer report in ${seconds} s"
