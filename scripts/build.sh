#!/usr/bin/env bash
# Configures and builds KD Workbench (Release, Ninja, ccache when present) into build/.
# Usage: scripts/build.sh [extra cmake -D options]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release "$@" >/dev/null
cmake --build --preset release
