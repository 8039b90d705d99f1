#!/usr/bin/env bash
# Runs the engine's KD-step benchmark beside shared/bench/reference_kd.py (PyTorch/Python,
# Debian's python3-torch) on the same data, model pair, batch size and threads, alternating
# the two for ROUNDS rounds, and prints the median images/s of each and their ratios.
# Usage: scripts/bench.sh [ROUNDS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
threads=${2:-2}
reference=${KD_REFERENCE:-../shared/bench/reference_kd.py}
[ -f "$reference" ] || { echo "bench: $reference not found (set KD_REFERENCE)" >&2; exit 2; }
[ -x build/tests/bench/bench_kd_step ] || scripts/build.sh
log=$(mktemp)
for ((r = 1; r <= rounds; r++)); do
  for mode in kd student; do
    /usr/bin/python3 "$reference" --mode "$mode" --threads "$threads" |
      sed "s/\"mode\": \"$mode\"/\"mode\": \"ref-$mode\"/" >>"$log"
  done
  build/tests/bench/bench_kd_step --threads "$threads" >>"$log"
done
/usr/bin/python3 - "$log" "$threads" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
med = {m: statistics.median(r['images_per_s'] for r in rows if r['mode'] == m)
       for m in dict.fromkeys(r['mode'] for r in rows)}
print(f"threads {sys.argv[2]}, batch 128, Fashion-MNIST, median of {sum(r['mode']=='kd' for r in rows)} rounds")
print(f"{'mode':<28}{'images/s':>10}{'vs ref kd':>11}")
names = {'ref-kd': 'reference --mode kd', 'ref-student': 'reference --mode student',
         'kd': '(a) engine, teacher per batch', 'cached': '(b) engine, cached logits',
         'student': '(c) engine, student alone', 'kd-bf16': '(a\') engine, bf16 teacher'}
for m, v in med.items():
    print(f"{names.get(m, m):<28}{v:>10.0f}{v / med['ref-kd']:>10.2f}x")
print(f"(c) vs reference --mode student: {med['student'] / med['ref-student']:.2f}x")
PY
rm -f "$log"
