#!/usr/bin/env python3
"""Distillation terms of DKD, DIST and logit standardisation written from their papers'
formulas, independently of the engine's code, for tst_method_losses, and each method's whole
loss as a run weighs it. Prints one JSON object: the methods' settings, and cases of seeded
random logits (float64) with each term's and loss's value and gradient with respect to the
student's logits. Zhao et al. CVPR 2022 (DKD, eq. 1-2: binary target distribution and the
distribution among the non-target classes), Huang et al. NeurIPS 2022 (DIST, eq. 3-6), Sun et
al. CVPR 2024 (logit standardisation, their Algorithm 1: torch's unbiased std, eps 1e-7)."""
import json
import torch

torch.set_default_dtype(torch.float64)


def kl(p, q):  # KL(p || q) per row, from probabilities
    return (p * (p.log() - q.log())).sum(1)


def dkd(s, t, y, T):
    n, c = s.shape
    ps, pt = (s / T).softmax(1), (t / T).softmax(1)
    rows = torch.arange(n)
    bs = torch.stack([ps[rows, y], 1 - ps[rows, y]], 1)
    bt = torch.stack([pt[rows, y], 1 - pt[rows, y]], 1)
    keep = torch.ones(n, c, dtype=torch.bool)
    keep[rows, y] = False  # the non-target classes, renormalised among themselves
    qs = (s[keep].view(n, c - 1) / T).softmax(1)
    qt = (t[keep].view(n, c - 1) / T).softmax(1)
    return {'tckd': T * T * kl(bt, bs).mean(), 'nckd': T * T * kl(qt, qs).mean()}


def pearson(a, b):
    return torch.corrcoef(torch.stack([a, b]))[0, 1]


def dist(s, t, tau):
    ys, yt = (s / tau).softmax(1), (t / tau).softmax(1)
    inter = 1 - torch.stack([pearson(ys[i], yt[i]) for i in range(ys.shape[0])]).mean()
    intra = 1 - torch.stack([pearson(ys[:, j], yt[:, j]) for j in range(ys.shape[1])]).mean()
    return {'inter': tau * tau * inter, 'intra': tau * tau * intra}


def standardise(z):
    k = z.shape[1]
    mean = z.sum(1, keepdim=True) / k
    std = (((z - mean) ** 2).sum(1, keepdim=True) / (k - 1)).sqrt()
    return (z - mean) / (1e-7 + std)


def ls_kd(s, t, T):  # Hinton's T^2 KL on standardised logits
    return {'ls_kd': T * T * kl((standardise(t) / T).softmax(1), (standardise(s) / T).softmax(1)).mean()}


def ce(s, y):  # the labels' cross-entropy, a mean over the images
    return -(s.log_softmax(1)[torch.arange(s.shape[0]), y]).mean()


# Whole methods as a run weighs them (the papers' losses with the references' weights), each with
# settings away from the defaults, so that a weight applied to the wrong term shows.
METHODS = [
    {'name': 'kd_loss', 'method': 'kd', 'alpha': 0.3, 'settings': {}, 'epoch': 1},
    {'name': 'dkd_loss', 'method': 'dkd', 'alpha': 0.5, 'epoch': 2,
     'settings': {'ce_weight': 0.7, 'tckd_weight': 1.5, 'nckd_weight': 6, 'warmup': 4,
                  'standardise': 0}},
    {'name': 'dkd_ls_loss', 'method': 'dkd', 'alpha': 0.5, 'epoch': 9,
     'settings': {'ce_weight': 1, 'tckd_weight': 1, 'nckd_weight': 8, 'warmup': 5,
                  'standardise': 1}},
    {'name': 'dist_loss', 'method': 'dist', 'alpha': 0.5, 'epoch': 1,
     'settings': {'ce_weight': 1, 'inter_weight': 2, 'intra_weight': 0.5}},
    {'name': 'ls_loss', 'method': 'ls', 'alpha': 0.5, 'epoch': 1,
     'settings': {'ce_weight': 0.1, 'kd_weight': 9}},
]


def method_loss(m, s, t, y, T):
    w = m['settings']
    if m['method'] == 'kd':  # Hinton et al.: alpha CE + (1 - alpha) T^2 KL
        soft = T * T * kl((t / T).softmax(1), (s / T).softmax(1)).mean()
        return m['alpha'] * ce(s, y) + (1 - m['alpha']) * soft
    if m['method'] == 'dkd':  # Zhao et al. eq. 7, mdistiller's linear warmup
        zs, zt = (standardise(s), standardise(t)) if w['standardise'] else (s, t)
        d = dkd(zs, zt, y, T)
        ramp = min(1.0, m['epoch'] / w['warmup'])
        return w['ce_weight'] * ce(s, y) + ramp * (w['tckd_weight'] * d['tckd'] +
                                                   w['nckd_weight'] * d['nckd'])
    if m['method'] == 'dist':  # Huang et al. eq. 7
        d = dist(s, t, T)
        return w['ce_weight'] * ce(s, y) + w['inter_weight'] * d['inter'] + \
            w['intra_weight'] * d['intra']
    return w['ce_weight'] * ce(s, y) + w['kd_weight'] * ls_kd(s, t, T)['ls_kd']  # Sun et al.


def case(seed, n, c, T, scale):
    g = torch.Generator().manual_seed(seed)
    s = (torch.randn(n, c, generator=g) * scale).requires_grad_()
    t = torch.randn(n, c, generator=g) * scale * 1.5
    y = torch.randint(0, c, (n,), generator=g)
    terms = {**dkd(s, t, y, T), **dist(s, t, T), **ls_kd(s, t, T)}
    terms.update({m['name']: method_loss(m, s, t, y, T) for m in METHODS})
    grads = {k: torch.autograd.grad(v, s, retain_graph=True)[0].flatten().tolist()
             for k, v in terms.items()}
    return {'n': n, 'c': c, 'T': T, 's': s.detach().flatten().tolist(), 't': t.flatten().tolist(),
            'labels': y.tolist(), 'values': {k: v.item() for k, v in terms.items()}, 'grads': grads}


cases = [case(1, 4, 3, 1.0, 1.0), case(2, 16, 10, 4.0, 3.0), case(3, 7, 100, 2.0, 2.0),
         case(4, 32, 10, 8.0, 5.0), case(5, 9, 5, 0.5, 1.0)]
print(json.dumps({'cases': cases, 'methods': METHODS}))
