#!/usr/bin/env bash
# The Embeddings tab's t-SNE beside scikit-learn's (tests/bench/reference_tsne.py: Barnes-Hut
# after PCA to 50 dimensions, as FiftyOne runs it), on the same data and threads, alternating
# for ROUNDS rounds; prints each median and their ratio, then the engine's PCA and
# nearest-images figures. Needs python3-sklearn (apt-get install python3-sklearn).
# Usage: scripts/bench-embeddings.sh [ROUNDS] [THREADS] [POINTS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
threads=${2:-2}
points=${3:-2000}
[ -x build/tests/bench/bench_embeddings ] || scripts/build.sh
/usr/bin/python3 -c 'import sklearn' 2>/dev/null ||
  { echo "bench-embeddings: install python3-sklearn for the reference" >&2; exit 2; }
engine=() reference=()
for ((r = 1; r <= rounds; r++)); do
  engine+=("$(build/tests/bench/bench_embeddings --threads "$threads" --points "$points" --repeats 1)")
  reference+=("$(/usr/bin/python3 tests/bench/reference_tsne.py --threads "$threads" --points "$points" --repeats 1)")
done
median() { /usr/bin/python3 -c 'import json,sys; v=sorted(json.loads(l)[sys.argv[1]] for l in sys.stdin); print(v[len(v)//2])' "$1"; }
e=$(printf '%s\n' "${engine[@]}" | median tsne_seconds)
p=$(printf '%s\n' "${reference[@]}" | median tsne_seconds)
echo "t-SNE of $points points, $threads threads, median of $rounds: engine ${e} s, scikit-learn ${p} s," \
  "engine faster by $(/usr/bin/python3 -c "print(f'{$p / $e:.2f}x')")"
printf '%s\n' "${engine[@]}" | tail -1
