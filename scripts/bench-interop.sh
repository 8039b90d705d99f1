#!/usr/bin/env bash
# Loads the seed TeacherNetwork's state_dict (17 MB, written by python3-torch) into the
# seed-teacher preset and prints the median load time.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/tests/bench/bench_load_state_dict ] || scripts/build.sh
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
/usr/bin/python3 tests/interop/interop_models.py make "$dir"
build/tests/bench/bench_load_state_dict "$dir/seed_teacher.pt" seed-teacher 3 32 9
