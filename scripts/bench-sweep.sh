#!/bin/bash
# The sweep's overhead against the same runs started one by one, side by side in one session:
#   (a) N kdtrain runs, each loading one teacher checkpoint, against one sweep of N seeds
#       loading it (the runner's own cost);
#   (b) N kdtrain runs that each train their teacher, against one sweep that trains it once.
# Usage: scripts/bench-sweep.sh [SEEDS=3] [TRAINING_IMAGES=5000] [THREADS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-3} images=${2:-5000} threads=${3:-2}
kdtrain=build/app/kdtrain
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
common=(--limit-train "$images" --threads "$threads" --device cpu)
calc() { python3 -c "print($1)"; }
seconds() { local start=$(date +%s.%N); "$@" >/dev/null 2>&1; calc "$(date +%s.%N) - $start"; }
list=$(seq -s, 1 "$seeds")

echo "training the shared teacher once ($images images)..."
"$kdtrain" "${common[@]}" --epochs 1 --out "$work/teacher" >/dev/null 2>&1
teacher="$work/teacher/teacher.ckpt"

singles_loaded=0
for s in $(seq 1 "$seeds"); do
  t=$(seconds "$kdtrain" "${common[@]}" --teacher "$teacher" --seed "$s" --out "$work/single-loaded-$s")
  singles_loaded=$(calc "$singles_loaded + $t")
done
sweep_loaded=$(seconds "$kdtrain" "${common[@]}" --teacher "$teacher" --seeds "$list" --out "$work/sweep-loaded")

singles_trained=0
for s in $(seq 1 "$seeds"); do
  t=$(seconds "$kdtrain" "${common[@]}" --seed "$s" --out "$work/single-trained-$s")
  singles_trained=$(calc "$singles_trained + $t")
done
sweep_trained=$(seconds "$kdtrain" "${common[@]}" --seeds "$list" --out "$work/sweep-trained")

# The same seeds must give the same accuracies either way.
for s in $(seq 1 "$seeds"); do
  a=$(python3 -c "import json;print(json.load(open('$work/single-loaded-$s/summary.json'))['student']['test_accuracy'])")
  b=$(python3 -c "import json;print(json.load(open('$work/sweep-loaded/runs/01/seed-$s/summary.json'))['student']['test_accuracy'])")
  [ "$a" = "$b" ] || { echo "seed $s: single run $a, sweep $b: not the same" >&2; exit 1; }
done

printf '%-52s %9s %9s %7s\n' "$seeds runs, $images images, $threads threads" "singles" "sweep" "ratio"
printf '%-52s %8.1fs %8.1fs %7.3f\n' "(a) teacher loaded from a checkpoint" "$singles_loaded" "$sweep_loaded" \
  "$(calc "$sweep_loaded / $singles_loaded")"
printf '%-52s %8.1fs %8.1fs %7.3f\n' "(b) teacher trained (each single; once in the sweep)" "$singles_trained" \
  "$sweep_trained" "$(calc "$sweep_trained / $singles_trained")"
