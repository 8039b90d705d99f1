#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and opens the KD Workbench window with the built-in
# Fashion-MNIST experiment ready: press Start (Ctrl+R). Without a display it runs under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec build/app/kdworkbench "$@"
fi
echo "run-workbench: no display; running under Xvfb (screenshots: scripts/screenshots.sh)" >&2
exec xvfb-run -a -s '-screen 0 1600x1000x24' build/app/kdworkbench "$@"
