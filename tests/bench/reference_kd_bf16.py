#!/usr/bin/env python3
"""The training loops of shared/bench/reference_kd_tuned.py with every forward pass, teacher's
and student's, under torch.autocast('cpu', torch.bfloat16), as a PyTorch user trains in mixed
precision on a CPU: channels-last, the teacher under inference_mode, the loss in float32,
backward outside autocast. Same data, models, batch, optimiser and loss as the shared scripts
(imported from them: put shared/bench on PYTHONPATH). --mode gemm times a 2048x2048 matrix
product in float32 and bfloat16 instead. On a GPU (tensors there) autocast acts on CUDA."""
import argparse, json, time
import torch, torch.nn.functional as F
from reference_kd import idx, Net


def gemm(threads, n=2048, repeats=10):
    out = {'mode': 'gemm'}
    for name, dtype in (('fp32', torch.float32), ('bf16', torch.bfloat16)):
        a, b = torch.randn(n, n).to(dtype), torch.randn(n, n).to(dtype)
        for _ in range(2): a @ b
        t0 = time.perf_counter()
        for _ in range(repeats): a @ b
        out[name + '_gflops'] = 2 * n ** 3 * repeats / (time.perf_counter() - t0) / 1e9
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default='/usr/share/datasets/fashion-mnist')
    ap.add_argument('--batches', type=int, default=60); ap.add_argument('--bs', type=int, default=128)
    ap.add_argument('--threads', type=int, default=2); ap.add_argument('--T', type=float, default=4.0)
    ap.add_argument('--alpha', type=float, default=0.5)
    ap.add_argument('--mode', default='kd', choices=['teacher-train', 'kd', 'cached', 'student', 'gemm'])
    a = ap.parse_args(); torch.set_num_threads(a.threads); torch.manual_seed(0)
    if a.mode == 'gemm':
        print(json.dumps(gemm(a.threads))); return
    cl = torch.channels_last
    X = torch.from_numpy(idx(a.data + '/train-images-idx3-ubyte.gz').copy()).float().div_(255).sub_(0.2860).div_(0.3530)
    Y = torch.from_numpy(idx(a.data + '/train-labels-idx1-ubyte.gz').copy()).long()
    X = X.contiguous(memory_format=cl)
    device = X.device.type  # 'cuda' where scripts/device-check.sh puts the tensors on a GPU
    bf16 = lambda: torch.autocast(device, dtype=torch.bfloat16)
    teacher = Net(64, 128, 512).to(memory_format=cl)
    if a.mode == 'teacher-train':
        trained = teacher
    else:
        teacher.eval(); trained = Net(16, 32, 128).to(memory_format=cl)
    opt = torch.optim.SGD(trained.parameters(), lr=0.05, momentum=0.9)
    perm = torch.randperm(len(X))
    # The teacher over the whole training set once, not timed: the cached mode's logits, and in
    # every mode a warm-up that leaves glibc's malloc with the raised mmap threshold a long-lived
    # process reaches (without it the student's loop ran 3.5x slower, paging in freed buffers).
    with torch.inference_mode(), bf16():
        cache = torch.cat([teacher(X[i:i + 1024]).float() for i in range(0, len(X), 1024)])
    t0 = None
    for i in range(a.batches + 5):
        if i == 5: t0 = time.perf_counter()
        idxs = perm[(i * a.bs) % (len(X) - a.bs):][:a.bs]; x, y = X[idxs].contiguous(memory_format=cl), Y[idxs]
        with bf16():
            s = trained(x)
        s = s.float()
        if a.mode in ('teacher-train', 'student'):
            loss = F.cross_entropy(s, y)
        else:
            if a.mode == 'cached':
                t = cache[idxs]
            else:
                with torch.inference_mode(), bf16():
                    t = teacher(x)
                t = t.float().clone()
            kd = F.kl_div(F.log_softmax(s / a.T, 1), F.softmax(t / a.T, 1), reduction='batchmean') * a.T * a.T
            loss = a.alpha * F.cross_entropy(s, y) + (1 - a.alpha) * kd
        opt.zero_grad(); loss.backward(); opt.step()
        if i % 20 == 0: loss.item()
    dt = time.perf_counter() - t0
    print(json.dumps({'mode': 'pytorch-bf16-' + a.mode, 'images_per_s': a.batches * a.bs / dt, 'seconds': dt}))


if __name__ == '__main__':
    main()
