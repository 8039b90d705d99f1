#!/usr/bin/env bash
# Renders the main window at 1600x1000 under Xvfb: set-up, mid-training, finished (with the
# no-KD baseline), and the three inspection tabs, into docs/screenshots/: the built-in
# experiment (an optional argument overrides its number of training images), then Demo > A
# class the student never saw (omitted-*.png), then Demo > Only 100 labels on 1,000 images at
# 1024x768, of which the Model card is kept (labels-6-model-card-1024x768.png), then the
# Embeddings tab of a built-in run at 1280x720 and 1024x768 (embeddings-*.png).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/tests/ui/shoot_window ] || scripts/build.sh
xvfb-run -a -s '-screen 0 1600x1000x24' build/tests/ui/shoot_window docs/screenshots "${1:-0}"
xvfb-run -a -s '-screen 0 1600x1000x24' build/tests/ui/shoot_window docs/screenshots 0 omitted
labels=$(mktemp -d)
xvfb-run -a -s '-screen 0 1600x1000x24' build/tests/ui/shoot_window "$labels" 1000 labels 1024x768
cp "$labels/labels-6-model-card.png" docs/screenshots/labels-6-model-card-1024x768.png
rm -rf "$labels"
# The Embeddings tab, the detail view's insides and the Model card's figures at the projector
# sizes, on a finished built-in run with its no-KD baseline (as the window keeps it in baseline/).
run=$(mktemp -d)
build/app/kdtrain --out "$run/run" >/dev/null
build/app/kdtrain --alpha 1 --out "$run/run/baseline" >/dev/null
for size in 1280x720 1024x768; do
  xvfb-run -a -s "-screen 0 ${size}x24" build/tests/ui/shoot_embeddings "$run/run" \
    docs/screenshots "$size"
done
rm -rf "$run"
ls -l docs/screenshots
