#!/usr/bin/env python3
"""shared/bench/reference_kd.py's loop (--mode kd: the teacher runs on every batch) with the
loss of another logit distillation method, as a PyTorch user writes it after the reference
implementations: dkd (mdistiller's DKD: CE + warmup ramp * (alpha TCKD + beta NCKD), T 4),
dist (the DIST authors' loss: CE + beta inter + gamma intra, tau 1) and ls (Sun et al.'s KD on
z-scored logits: 0.1 CE + 9 T^2 KL, T 2), and the feature and relation methods as
RepDistiller writes them: fitnets (CE + 100 MSE(1x1 conv regressor of the student's first
stage, the teacher's)), at (CE + 1000 sum over the paired stages of mean((Q_s - Q_t)^2)) and rkd
(CE + 25 distance + 50 angle on the penultimate features, its RKDLoss with pdist and the bmm of
normalised differences), and crd (CE + 0.8 CRDLoss: Embed heads to 128 values, ContrastMemory
with its index_select of the contrast rows and bmm, ContrastLoss, "exact" sampling of K images
of other classes per image; K 16384 or the memory's size when smaller, the memory a row per
image the loop visits, as the engine's bench sizes it). Same data, models, batch, optimiser and threads as the shared script
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


class CRD(torch.nn.Module):  # RepDistiller's CRDLoss: Embed x2, ContrastMemory, ContrastLoss x2
    def __init__(s, s_dim, t_dim, n, labels, dim=128, k=16384, T=0.07, momentum=0.5):
        super().__init__()
        s.embed_s, s.embed_t = torch.nn.Linear(s_dim, dim), torch.nn.Linear(t_dim, dim)
        s.n, s.k, s.T, s.momentum = n, min(k, n), T, momentum
        stdv = 1. / (dim / 3) ** 0.5
        s.register_buffer('memory_s', torch.rand(n, dim).mul_(2 * stdv).add_(-stdv))
        s.register_buffer('memory_t', torch.rand(n, dim).mul_(2 * stdv).add_(-stdv))
        s.z_s = s.z_t = -1.0
        s.negatives = [torch.nonzero(labels != c).flatten() for c in range(10)]

    def contrast_idx(s, rows, y):  # the dataset's "exact" sampling, per image
        others = [n[torch.randint(len(n), (s.k,))] for n in (s.negatives[c] for c in y.tolist())]
        return torch.cat([rows.view(-1, 1), torch.stack(others)], 1)

    def nce(s, x):
        m, pn, eps = x.size(1) - 1, 1. / s.n, 1e-7
        p_pos, p_neg = x.select(1, 0), x.narrow(1, 1, m)
        log_d1 = torch.div(p_pos, p_pos.add(m * pn + eps)).log_()
        log_d0 = torch.div(p_neg.clone().fill_(m * pn), p_neg.add(m * pn + eps)).log_()
        return -(log_d1.sum(0) + log_d0.view(-1, 1).sum(0)) / x.shape[0]

    def forward(s, fs, ft, rows, y):
        v1, v2 = F.normalize(s.embed_s(fs)), F.normalize(s.embed_t(ft))
        idx = s.contrast_idx(rows, y); b, d = idx.shape[0], v1.shape[1]
        w1 = torch.index_select(s.memory_s, 0, idx.view(-1)).detach().view(b, s.k + 1, d)
        out_t = torch.exp(torch.bmm(w1, v2.view(b, d, 1)) / s.T)
        w2 = torch.index_select(s.memory_t, 0, idx.view(-1)).detach().view(b, s.k + 1, d)
        out_s = torch.exp(torch.bmm(w2, v1.view(b, d, 1)) / s.T)
        if s.z_s < 0: s.z_s = (out_s.mean() * s.n).item()
        if s.z_t < 0: s.z_t = (out_t.mean() * s.n).item()
        out_s, out_t = out_s / s.z_s, out_t / s.z_t
        with torch.no_grad():
            for memory, v in ((s.memory_s, v1), (s.memory_t, v2)):
                pos = torch.index_select(memory, 0, rows).mul_(s.momentum).add_(v * (1 - s.momentum))
                memory.index_copy_(0, rows, F.normalize(pos))
        return s.nce(out_s.squeeze(2)) + s.nce(out_t.squeeze(2))


def crd(s, t, y, sf, tf, reg, rows):
    return F.cross_entropy(s, y) + 0.8 * reg(sf[1], tf[1], rows, y)


FEATURES = {'fitnets': fitnets, 'at': at, 'rkd': rkd, 'crd': crd}


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
    perm = torch.randperm(len(X)); t0 = None
    visited = perm[:(a.batches + 5) * a.bs]  # crd's memory: a row for each image visited
    reg = (CRD(128, 512, len(visited), Y[visited]) if a.method == 'crd'
           else torch.nn.Conv2d(16, 64, 1))  # fitnets' regressor or crd's heads, trained too
    params = list(student.parameters()) + (list(reg.parameters()) if a.method in ('fitnets', 'crd') else [])
    opt = torch.optim.SGD(params, lr=0.05, momentum=0.9)
    for i in range(a.batches + 5):
        if i == 5: t0 = time.perf_counter()
        idxs = perm[(i * a.bs) % (len(X) - a.bs):][:a.bs]; x, y = X[idxs], Y[idxs]
        if feat:
            s, *sf = student(x, True)
            with torch.no_grad(): t, *tf = teacher(x, True)
            rows = torch.arange(i * a.bs, (i + 1) * a.bs)
            loss = loss_of(s, t, y, sf, tf, reg, *([rows] if a.method == 'crd' else []))
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
