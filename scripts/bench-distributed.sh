#!/bin/bash
# Data-parallel throughput on this machine, side by side in one session: the same distillation
# (the built-in teacher -> seed-student, global batch 128) as 1 process with all threads, 1
# process with 1 thread, and N processes with 1 thread each (Gloo over loopback, launched as
# torchrun would: RANK, WORLD_SIZE, ... set per process). Prints the student's images per second
# over its epochs (each epoch's wall seconds from metrics.csv: training and the test evaluation,
# which the ranks split too) and the seconds rank 0 spent per step waiting for the others
# (gradient all-reduce, metric and logit exchanges; summary.json). ROUNDS repeats the three in
# turn, so a noisy machine shows in the spread.
# Usage: scripts/bench-distributed.sh [PROCESSES=2] [IMAGES=5000] [EPOCHS=3] [ROUNDS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
processes=${1:-2} images=${2:-5000} epochs=${3:-3} rounds=${4:-3}
kdtrain=build/app/kdtrain
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cores=$(nproc)
common=(--teacher builtin --limit-train "$images" --epochs "$epochs" --device cpu --seed 1)

# Student images per second: training images x epochs / the epochs' wall seconds.
rate() {
  python3 - "$1" "$images" <<'PY'
import csv, json, sys
run, images = sys.argv[1], int(sys.argv[2])
rows = [r for r in csv.DictReader(open(run + "/metrics.csv")) if r["phase"] == "student"]
s = json.load(open(run + "/summary.json"))
dp = s.get("data_parallel", {})
seconds = sum(float(r["seconds"]) for r in rows)
print(f'{images * len(rows) / seconds:.0f} {1000 * dp.get("communication_seconds_per_step", 0):.2f} '
      f'{100 * s["student"]["test_accuracy"]:.2f}')
PY
}

launch() {  # N OUT ARGS...: N ranks of one data-parallel run on loopback
  local n=$1 out=$2 port=$((29600 + RANDOM % 1000)); shift 2
  for r in $(seq 0 $((n - 1))); do
    RANK=$r WORLD_SIZE=$n LOCAL_RANK=$r LOCAL_WORLD_SIZE=$n MASTER_ADDR=127.0.0.1 \
      MASTER_PORT=$port "$kdtrain" "$@" --out "$out" >/dev/null 2>&1 &
  done
  wait
}

echo "machine: $cores cores; $images images, $epochs student epochs, global batch 128"
echo "round | 1 process, $cores threads | 1 process, 1 thread | $processes processes, 1 thread each | waiting per step"
for round in $(seq 1 "$rounds"); do
  "$kdtrain" "${common[@]}" --threads "$cores" --out "$work/one-all-$round" >/dev/null 2>&1
  "$kdtrain" "${common[@]}" --threads 1 --out "$work/one-1-$round" >/dev/null 2>&1
  launch "$processes" "$work/dp-$round" "${common[@]}" --threads 1
  read -r a _ acc_a < <(rate "$work/one-all-$round")
  read -r b _ acc_b < <(rate "$work/one-1-$round")
  read -r c wait_c acc_c < <(rate "$work/dp-$round")
  echo "$round | $a img/s ($acc_a%) | $b img/s ($acc_b%) | $c img/s ($acc_c%) | $wait_c ms"
done
echo "(img/s: the student's epochs, test evaluation included; accuracy in brackets)"
