#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs kdtrain on the built-in Fashion-MNIST experiment.
# Extra arguments go to kdtrain (see build/app/kdtrain --help).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/app/kdtrain --out runs/builtin "$@"
