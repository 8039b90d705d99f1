#!/usr/bin/env python3
"""shared/bench/reference_kd.py's loop (--mode kd: the teacher runs on every batch) with the
loss of another logit distillation method, as a PyTorch user writes it after the reference
implementations: dkd (mdistiller's DKD: CE + warmup ramp * (alpha TCKD + beta NCKD), T 4),
dist (the DIST authors' loss: CE + beta inter + gamma intra, tau 1) and ls (Sun et al.'s KD on
z-scored logits: 0.1 CE + 9 T^2 KL, T 2), and the feature and relation methods as
RepDistiller writes them: fitnets (CE + 100 MSE(1x1 conv regressor of the student's first
stage, the teacher's)), at (CE + 1000 sum over the paired stages of mean((Q_s - Q_t)^2)) and rkd
(CE + 25 distance + 50 angle on the penultimate features, its RKDLoss with pdist and the bmm of
normalised differences). Same data, models, batch, optimiser and threads as the shared script
(imported from it: put shared/bench on PYTHONPATH), for scripts/bench.sh."""
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


class FeatureNet(Net):
    """The shared script's Net, handing out its stages and embedding as RepDistiller's
    models do (forward(x, is_feat=True))."""
    def forward(s, x, is_feat=False):
        f1 = F.max_pool2d(F.relu(s.conv1(x)), 2); f2 = F.max_pool2d(F.relu(s.conv2(f1)), 2)
        e = F.relu(s.fc1(f2.flatten(1)))
        out = s.fc2(e)
        return (out, [f1, f2], e) if is_feat else out


def fitnets(s, t, y, sf, tf, reg):  # RepDistiller's HintLoss on hint layer 1, weight 100
    return F.cross_entropy(s, y) + 100 * F.mse_loss(reg(sf[0][0]), tf[0][0])


def at_map(f, p=2):
    return F.normalize(f.pow(p).mean(1).view(f.size(0), -1))


def at(s, t, y, sf, tf, reg):  # RepDistiller's Attention, beta 1000
    return F.cross_entropy(s, y) + 1000 * sum((at_map(a) - at_map(b)).pow(2).mean()
                                              for a, b in zip(sf[0], tf[0]))


def pdist(e, eps=1e-12):  # RepDistiller's RKDLoss.pdist
    e_square = e.pow(2).sum(dim=1)
    prod = e @ e.t()
    res = (e_square.unsqueeze(1) + e_square.unsqueeze(0) - 2 * prod).clamp(min=eps).sqrt().clone()
    res[range(len(e)), range(len(e))] = 0
    return res


def rkd(s, t, y, sf, tf, reg, w_d=25, w_a=50):  # RepDistiller's RKDLoss
    student, teacher = sf[1], tf[1]
    t_d = pdist(teacher); t_d = t_d / t_d[t_d > 0].mean()
    d = pdist(student); d = d / d[d > 0].mean()
    loss_d = F.smooth_l1_loss(d, t_d)
    td = teacher.unsqueeze(0) - teacher.unsqueeze(1)
    norm_td = F.normalize(td, p=2, dim=2)
    t_angle = torch.bmm(norm_td, norm_td.transpose(1, 2)).view(-1)
    sd = student.unsqueeze(0) - student.unsqueeze(1)
    norm_sd = F.normalize(sd, p=2, dim=2)
    s_angle = torch.bmm(norm_sd, norm_sd.transpose(1, 2)).view(-1)
    loss_a = F.smooth_l1_loss(s_angle, t_angle)
    return F.cross_entropy(s, y) + w_d * loss_d + w_a * loss_a


FEATURES = {'fitnets': fitnets, 'at': at, 'rkd': rkd}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default='/usr/share/datasets/fashion-mnist')
    ap.add_argument('--batches', type=int, default=60); ap.add_argument('--bs', type=int, default=128)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--method', default='kd', choices=['kd', 'dkd', 'dist', 'ls', *FEATURES])
    a = ap.parse_args(); torch.set_num_threads(a.threads); torch.manual_seed(0)
    loss_of = {'kd': kd, 'dkd': dkd, 'dist': dist, 'ls': ls, **FEATURES}[a.method]
    feat = a.method in FEATURES
    X = torch.from_numpy(idx(a.data + '/train-images-idx3-ubyte.gz').copy()).float().div_(255).sub_(0.2860).div_(0.3530)
    Y = torch.from_numpy(idx(a.data + '/train-labels-idx1-ubyte.gz').copy()).long()
    teacher = FeatureNet(64, 128, 512).eval(); student = FeatureNet(16, 32, 128)
    reg = torch.nn.Conv2d(16, 64, 1)  # fitnets' regressor, trained with the student
    params = list(student.parameters()) + (list(reg.parameters()) if a.method == 'fitnets' else [])
    opt = torch.optim.SGD(params, lr=0.05, momentum=0.9)
    perm = torch.randperm(len(X)); t0 = None
    for i in range(a.batches + 5):
        if i == 5: t0 = time.perf_counter()
        idxs = perm[(i * a.bs) % (len(X) - a.bs):][:a.bs]; x, y = X[idxs], Y[idxs]
        if feat:
            s, *sf = student(x, True)
            with torch.no_grad(): t, *tf = teacher(x, True)
            loss = loss_of(s, t, y, sf, tf, reg)
        else:
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
