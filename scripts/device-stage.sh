#!/usr/bin/env bash
# Run here, before the device check: copies into .device/ (git-ignored) what a bare GPU
# machine with PyTorch lacks: nlohmann-json, zlib and gloo headers, Fashion-MNIST and the reference
# scripts. Then, with the device tool: run `bash scripts/device-check.sh`, carry [".device"].
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .device && mkdir -p .device/include .device/fashion-mnist
cp -r /usr/include/nlohmann .device/include/
cp /usr/include/zlib.h /usr/include/zconf.h .device/include/
cp -r /usr/include/gloo .device/include/  # for a PyTorch whose include folder lacks gloo's
cp /usr/share/datasets/fashion-mnist/*.gz .device/fashion-mnist/
reference=${KD_REFERENCE:-../shared/bench/reference_kd.py}
cp "$reference" .device/reference_kd.py
cp "$(dirname "$reference")/reference_kd_tuned.py" .device/  # its kd-bf16 row
du -sh .device
