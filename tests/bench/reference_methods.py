#!/usr/bin/env python3
"""shared/bench/reference_kd.py's loop (--mode kd: the teacher runs on every batch) with the
loss of another logit distillation method, as a PyTorch user writes it after the reference
implementations: dkd (mdistiller's DKD: CE + warmup ramp * (alpha TCKD + beta NCKD), T 4),
dist (the DIST authors' loss: CE + beta inter + gamma intra, tau 1) and ls (Sun et al.'s KD on
z-scored logits: 0.1 CE + 9 T^2 KL, T 2). Same data, models, batch, optimiser and threads as
the shared script (imported from it: put shared/bench on PYTHONPATH), for scripts/bench.sh."""
import argparse, json, time
import torch, torch.nn.functional as F
from reference_kd import idx, Net


def kd(s, t, y, T=4.0, alpha=0.5):
    soft = F.kl_div(F.log_softmax(s / T, 1), F.softmax(t / T, 1), reduction='batchmean') * T * T
    return alpha * F.cross_entropy(s, y) + (1 - alpha) * soft


def dkd(s, t, y, T=4.0, alpha=1.0, beta=8.0, ramp=1.0):  # mdistiller's dkd_loss
    gt = torch.zeros_like(s).scatter_(1, y.unsqueeze(1), 1).bool()
    ps, pt = F.softmax(s / T, 1), F.softmax(t / T, 1)
    bs = torch.cat([(ps * gt).sum(1, keepdim=True), (ps * ~gt).sum(1, keepdim=True)], 1)
    bt = torch.cat([(pt * gt).sum(1, keepdim=True), (pt * ~gt).sum(1, keepdim=True)], 1)
    tckd = F.kl_div(torch.log(bs), bt, reduction='sum') * T * T / s.shape[0]
    log_qs = F.log_softmax(s / T - 1000.0 * gt, 1)
    qt = F.softmax(t / T - 1000.0 * gt, 1)
    nckd = F.kl_div(log_qs, qt, reduction='sum') * T * T / s.shape[0]
    return F.cross_entropy(s, y) + ramp * (alpha * tckd + beta * nckd)


def pearson(a, b, eps=1e-8):
    a, b = a - a.mean(1, keepdim=True), b - b.mean(1, keepdim=True)
    return (a * b).sum(1) / (a.norm(dim=1) * b.norm(dim=1) + eps)


def dist(s, t, y, tau=1.0, beta=1.0, gamma=1.0):  # the DIST authors' loss
    ys, yt = F.softmax(s / tau, 1), F.softmax(t / tau, 1)
    inter = tau * tau * (1 - pearson(ys, yt).mean())
    intra = tau * tau * (1 - pearson(ys.t(), yt.t()).mean())
    return F.cross_entropy(s, y) + beta * inter + gamma * intra


def standardise(z):  # Sun et al.'s normalize()
    return (z - z.mean(-1, keepdim=True)) / (1e-7 + z.std(-1, keepdim=True))


def ls(s, t, y, T=2.0):
    soft = F.kl_div(F.log_softmax(standardise(s) / T, 1), F.softmax(standardise(t) / T, 1),
                    reduction='batchmean') * T * T
    return 0.1 * F.cross_entropy(s, y) + 9.0 * soft


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default='/usr/share/datasets/fashion-mnist')
    ap.add_argument('--batches', type=int, default=60); ap.add_argument('--bs', type=int, default=128)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--method', default='kd', choices=['kd', 'dkd', 'dist', 'ls'])
    a = ap.parse_args(); torch.set_num_threads(a.threads); torch.manual_seed(0)
    loss_of = {'kd': kd, 'dkd': dkd, 'dist': dist, 'ls': ls}[a.method]
    X = torch.from_numpy(idx(a.data + '/train-images-idx3-ubyte.gz').copy()).float().div_(255).sub_(0.2860).div_(0.3530)
    Y = torch.from_numpy(idx(a.data + '/train-labels-idx1-ubyte.gz').copy()).long()
    teacher = Net(64, 128, 512).eval(); student = Net(16, 32, 128)
    opt = torch.optim.SGD(student.parameters(), lr=0.05, momentum=0.9)
    perm = torch.randperm(len(X)); t0 = None
    for i in range(a.batches + 5):
        if i == 5: t0 = time.perf_counter()
        idxs = perm[(i * a.bs) % (len(X) - a.bs):][:a.bs]; x, y = X[idxs], Y[idxs]
        s = student(x)
        with torch.no_grad(): t = teacher(x)
        loss = loss_of(s, t, y)
        opt.zero_grad(); loss.backward(); opt.step()
        if i % 20 == 0: loss.item()
    dt = time.perf_counter() - t0
    print(json.dumps({'mode': 'ref-method', 'method': a.method,
                      'images_per_s': a.batches * a.bs / dt, 'seconds': dt}))


if __name__ == '__main__':
    main()
