#!/usr/bin/env python3
"""Distillation terms of DKD, DIST and logit standardisation written from their papers'
formulas, independently of the engine's code, for tst_method_losses. Prints one JSON object:
cases of seeded random logits (float64) with each term's value and its gradient with respect to
the student's logits. Zhao et al. CVPR 2022 (DKD, eq. 1-2: binary target distribution and the
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


def case(seed, n, c, T, scale):
    g = torch.Generator().manual_seed(seed)
    s = (torch.randn(n, c, generator=g) * scale).requires_grad_()
    t = torch.randn(n, c, generator=g) * scale * 1.5
    y = torch.randint(0, c, (n,), generator=g)
    terms = {**dkd(s, t, y, T), **dist(s, t, T), **ls_kd(s, t, T)}
    grads = {k: torch.autograd.grad(v, s, retain_graph=True)[0].flatten().tolist()
             for k, v in terms.items()}
    return {'n': n, 'c': c, 'T': T, 's': s.detach().flatten().tolist(), 't': t.flatten().tolist(),
            'labels': y.tolist(), 'values': {k: v.item() for k, v in terms.items()}, 'grads': grads}


cases = [case(1, 4, 3, 1.0, 1.0), case(2, 16, 10, 4.0, 3.0), case(3, 7, 100, 2.0, 2.0),
         case(4, 32, 10, 8.0, 5.0), case(5, 9, 5, 0.5, 1.0)]
print(json.dumps({'cases': cases}))
