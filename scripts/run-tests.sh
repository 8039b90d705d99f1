#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (packages, build), fuzzes the state_dict reader for 60 s
# (clang, ASan + UBSan), then runs every Qt Test suite through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
scripts/run-fuzz.sh 60
cd build
ctest --output-on-failure --timeout 900 "$@"
