#!/usr/bin/env bash
# GPU check, run on a machine with an NVIDIA GPU and PyTorch (after scripts/device-stage.sh
# here). Builds the engine, kdtrain and the benchmark against that PyTorch's LibTorch, runs a
# short CUDA distillation and prints its model card (latency on the GPU), then the benchmark on
# CUDA beside the reference script on the same GPU, then data-parallel kdtrain under torchrun
# (one process per GPU with NCCL when the PyTorch has its header; two CPU processes with Gloo).
# Mixed precision: the distillation in fp32 and bf16, and the benchmark's bf16 rows beside the
# PyTorch bf16-autocast loops (tests/bench/reference_kd_bf16.py) on the same GPU.
# Prints every figure; finishes well inside 8 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
stage=$PWD/.device
prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0))'

zlib=$(ls /usr/lib/x86_64-linux-gnu/libz.so* /lib/x86_64-linux-gnu/libz.so* 2>/dev/null | head -1)
# Data-parallel CUDA runs need NCCL's header (pip's nvidia-nccl package) and gloo's (PyTorch's own
# include folder, else the staged copy).
torch_include=$(python3 -c 'import torch, os; print(os.path.join(os.path.dirname(torch.__file__), "include"))')
gloo_include=$torch_include; [ -d "$torch_include/gloo" ] || gloo_include=$stage/include
nccl_include=$(python3 -c 'import nvidia.nccl, os; print(os.path.join(list(nvidia.nccl.__path__)[0], "include"))' 2>/dev/null || true)
nccl=(-DKD_WITH_NCCL=OFF); [ -f "$nccl_include/nccl.h" ] && nccl=(-DKD_WITH_NCCL=ON -DKD_NCCL_INCLUDE="$nccl_include")
echo "gloo headers: $gloo_include; NCCL: ${nccl[*]}"
cmake -S . -B build-gpu -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" \
  -DKD_BUILD_TESTS=OFF -DKD_BUILD_UI=OFF -DKD_WITH_OPENCV=OFF \
  -DKD_NLOHMANN_INCLUDE="$stage/include" -DZLIB_INCLUDE_DIR="$stage/include" \
  -DZLIB_LIBRARY="$zlib" -DKD_GLOO_INCLUDE="$gloo_include" "${nccl[@]}" >/dev/null
cmake --build build-gpu -j "$(nproc)" --target kdtrain bench_kd_step
echo "build: $((SECONDS - start)) s"

echo "== short CUDA distillation (kdtrain) =="
build-gpu/app/kdtrain --dataset "fashion-mnist:$stage/fashion-mnist" --device cuda \
  --teacher-epochs 2 --epochs 5 --out /tmp/kd-gpu-run
cat /tmp/kd-gpu-run/summary.json | python3 -c 'import json,sys; s=json.load(sys.stdin); print({k: s[k] for k in ("device","wall_seconds","agreement")}, "teacher", s["teacher"]["test_accuracy"], "student", s["student"]["test_accuracy"])'

echo "== the same distillation in bf16 (autocast on CUDA) =="
build-gpu/app/kdtrain --dataset "fashion-mnist:$stage/fashion-mnist" --device cuda \
  --teacher-epochs 2 --epochs 5 --precision bf16 --out /tmp/kd-gpu-bf16
cat /tmp/kd-gpu-bf16/summary.json | python3 -c 'import json,sys; s=json.load(sys.stdin); print({k: s[k] for k in ("device","precision","wall_seconds","agreement")}, "teacher", s["teacher"]["test_accuracy"], "student", s["student"]["test_accuracy"])'

echo "== the run's model card: latency measured on the GPU =="
build-gpu/app/kdtrain --inspect /tmp/kd-gpu-run

echo "== benchmark on CUDA, engine beside reference (3 rounds) =="
# The reference is CPU-only as written: this runs it unchanged with its tensors put on the GPU.
ref_cuda() {
  python3 - "$@" <<'PY'
import sys, torch
torch.set_default_device('cuda')
_from_numpy = torch.from_numpy
torch.from_numpy = lambda a: _from_numpy(a).cuda()
path = sys.argv[1]
sys.argv = [path] + sys.argv[2:]
exec(compile(open(path).read(), path, 'exec'), {'__name__': '__main__'})
PY
}
for round in 1 2 3; do
  ref_cuda "$stage/reference_kd.py" --data "$stage/fashion-mnist" --mode kd --batches 200
  ref_cuda "$stage/reference_kd.py" --data "$stage/fashion-mnist" --mode student --batches 200
  build-gpu/tests/bench/bench_kd_step --device cuda --data "$stage/fashion-mnist" --batches 200
done

echo "== mixed precision on CUDA: the engine in bf16 beside PyTorch's bf16-autocast loops =="
for mode in teacher-train kd cached student; do
  PYTHONPATH=$stage ref_cuda tests/bench/reference_kd_bf16.py --data "$stage/fashion-mnist" \
    --mode "$mode" --batches 200
done
build-gpu/tests/bench/bench_kd_step --device cuda --data "$stage/fashion-mnist" --batches 200 \
  --precision bf16

echo "== data-parallel kdtrain (torchrun): 1 process against one per GPU, and 2 CPU processes =="
gpus=$(nvidia-smi -L | wc -l)
dp=(--dataset "fashion-mnist:$stage/fashion-mnist" --teacher-epochs 2 --epochs 3 --batch-size 256)
summary() { python3 -c 'import json,sys; s=json.load(open(sys.argv[1]+"/summary.json")); print(sys.argv[1], s["device"], "student", s["student"]["test_accuracy"], "wall", round(s["wall_seconds"],1), s.get("data_parallel"))' "$1"; }
{
  build-gpu/app/kdtrain "${dp[@]}" --device cuda --out /tmp/kd-dp-1 >/dev/null 2>&1 && summary /tmp/kd-dp-1
  python3 -m torch.distributed.run --no_python --nproc_per_node "$gpus" build-gpu/app/kdtrain \
    "${dp[@]}" --device cuda --out /tmp/kd-dp-gpus 2>&1 | tail -2 && summary /tmp/kd-dp-gpus
  python3 -m torch.distributed.run --no_python --nproc_per_node 2 build-gpu/app/kdtrain \
    "${dp[@]}" --device cpu --epochs 1 --out /tmp/kd-dp-cpu 2>&1 | tail -2 && summary /tmp/kd-dp-cpu
} || echo "data-parallel check failed (above)"
echo "device check: $((SECONDS - start)) s"
