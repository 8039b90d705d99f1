#!/usr/bin/env bash
# Runs the engine's KD-step benchmark beside the same loops in PyTorch (Debian's python3-torch)
# on the same data, model pair, batch size and threads, alternating them for ROUNDS rounds, and
# prints the median images/s of each and their ratios:
#   1. float32: the engine against shared/bench/reference_kd.py (--mode kd and student);
#   2. mixed precision: the engine in fp32 and bf16 (experiment.precision) for teacher training,
#      KD with the teacher every batch, cached logits and the student alone, against
#      shared/bench/reference_kd_tuned.py --mode kd-bf16 (the teacher autocast) and
#      tests/bench/reference_kd_bf16.py (every forward pass autocast), with the GFLOP/s each
#      row reaches beside a 2048x2048 matrix product's in fp32 and bf16, timed in the same run;
#   3. distillation methods, a row each (logit: kd, dkd, dist, ls; feature: fitnets, at;
#      relation: rkd; contrastive: crd), float32, the teacher every batch: the engine against
#      the same method in tests/bench/reference_methods.py (the shared script's loop with that
#      method's loss, as its reference implementation writes it) and against the engine's kd.
# Usage: scripts/bench.sh [ROUNDS] [THREADS] [methods]   (methods: section 3 alone)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
threads=${2:-2}
only=${3:-}
reference=${KD_REFERENCE:-../shared/bench/reference_kd.py}
[ -f "$reference" ] || { echo "bench: $reference not found (set KD_REFERENCE)" >&2; exit 2; }
shared=$(dirname "$reference")
[ -x build/tests/bench/bench_kd_step ] || scripts/build.sh
py() { PYTHONPATH="$shared" /usr/bin/python3 "$@" --threads "$threads"; }
log=$(mktemp)
for ((r = 1; r <= rounds; r++)); do
  if [ "$only" != methods ]; then
  for mode in kd student; do
    py "$reference" --mode "$mode" | sed "s/\"mode\": \"$mode\"/\"mode\": \"ref-$mode\"/" >>"$log"
  done
  for precision in fp32 bf16; do
    build/tests/bench/bench_kd_step --threads "$threads" --precision "$precision" >>"$log"
  done
  py "$shared/reference_kd_tuned.py" --mode kd-bf16 >>"$log"
  for mode in teacher-train kd cached student; do
    py tests/bench/reference_kd_bf16.py --mode "$mode" >>"$log"
  done
  py tests/bench/reference_kd_bf16.py --mode gemm >>"$log"
  fi
  for method in kd dkd dist ls fitnets at rkd crd; do
    build/tests/bench/bench_kd_step --threads "$threads" --mode kd --method "$method" |
      sed 's/"mode": "kd"/"mode": "engine-method"/' >>"$log"
    py tests/bench/reference_methods.py --method "$method" >>"$log"
  done
done
/usr/bin/python3 - "$log" "$threads" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
def key(r): return r['mode'] + ('@bf16' if r.get('precision') == 'bf16' else '')
def median(k, field='images_per_s'): return statistics.median(r[field] for r in rows if key(r) == k)
gemm = [r for r in rows if r['mode'] == 'gemm']
cpu = open('/proc/cpuinfo').read()
flags = next((l.split(':', 1)[1].split() for l in cpu.splitlines() if l.startswith('flags')), [])
model = next((l.split(':', 1)[1].strip() for l in cpu.splitlines() if l.startswith('model name')), '?')
bf16_flags = ', '.join(f for f in ('avx512_bf16', 'amx_bf16') if f in flags) or 'no bfloat16 instructions'
rounds = sum(1 for r in rows if r['mode'] == 'ref-method' and r['method'] == 'kd')
print(f"{model}: {bf16_flags}; threads {sys.argv[2]}, batch 128, Fashion-MNIST, median of {rounds} rounds")
print()
def methods():
    print("3. distillation methods, float32, teacher every batch; PyTorch: tests/bench/reference_methods.py")
    def method_median(mode, method):
        return statistics.median(r['images_per_s'] for r in rows
                                 if r['mode'] == mode and r.get('method') == method)
    print(f"{'family':<13}{'method':<9}{'engine':>8}{'PyTorch':>9}{'engine/PyTorch':>16}{'vs engine kd':>14}")
    kd = method_median('engine-method', 'kd')
    families = {'fitnets': 'feature', 'at': 'feature', 'rkd': 'relation', 'crd': 'contrastive'}
    for method in ('kd', 'dkd', 'dist', 'ls', 'fitnets', 'at', 'rkd', 'crd'):
        e, p = method_median('engine-method', method), method_median('ref-method', method)
        print(f"{families.get(method, 'logit'):<13}{method:<9}{e:>8.0f}{p:>9.0f}{e / p:>15.2f}x{e / kd:>13.2f}x")
if not gemm:
    methods(); sys.exit(0)
fp32_gemm = statistics.median(r['fp32_gflops'] for r in gemm)
bf16_gemm = statistics.median(r['bf16_gflops'] for r in gemm)
print("1. float32, engine against shared/bench/reference_kd.py")
print(f"{'mode':<34}{'images/s':>10}{'vs ref kd':>11}")
ref = median('ref-kd')
for k, name in (('ref-kd', 'reference --mode kd'), ('ref-student', 'reference --mode student'),
                ('kd', '(a) engine, teacher per batch'), ('cached', '(b) engine, cached logits'),
                ('student', '(c) engine, student alone'), ('teacher-forward', 'engine, teacher inference')):
    print(f"{name:<34}{median(k):>10.0f}{median(k) / ref:>10.2f}x")
print(f"(c) vs reference --mode student: {median('student') / median('ref-student'):.2f}x")
print()
print(f"2. mixed precision; GEMM 2048x2048 in the same run: fp32 {fp32_gemm:.0f}, bf16 {bf16_gemm:.0f} GFLOP/s ({bf16_gemm / fp32_gemm:.2f}x)")
print(f"{'row':<28}{'fp32':>8}{'bf16':>8}{'bf16/fp32':>11}{'GFLOP/s fp32':>14}{'bf16':>7}"
      f"{'PyTorch bf16':>14}{'engine/PyTorch':>16}")
for mode, name in (('teacher-train', 'teacher training'), ('kd', 'KD, teacher every batch'),
                   ('cached', 'KD, cached logits'), ('student', 'student alone')):
    f, b, p = median(mode), median(mode + '@bf16'), median('pytorch-bf16-' + mode)
    print(f"{name:<28}{f:>8.0f}{b:>8.0f}{b / f:>10.2f}x{median(mode, 'gflops'):>14.0f}"
          f"{median(mode + '@bf16', 'gflops'):>7.0f}{p:>14.0f}{b / p:>15.2f}x")
t = median('tuned-kd-bf16')
print(f"reference_kd_tuned.py --mode kd-bf16 (teacher autocast only): {t:.0f} images/s; "
      f"the engine's bf16 KD row {median('kd@bf16') / t:.2f}x it")
print()
methods()
PY
rm -f "$log"
