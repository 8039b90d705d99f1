#!/usr/bin/env python3
"""Contrastive representation distillation written from its paper (Tian et al., ICLR 2020,
eq. 10-18, with the memory bank and NCE of its code release: noise probability 1 / N per
contrast image, Z set from the first batch's mean score times N, momentum updates of the bank
rows of the batch's images), independently of the engine's code, for tst_method_losses.
Each model's embedding goes through a linear head and is scaled to unit length; the student's
vector is scored against the teacher's bank rows of the contrast images, exp(v.m / T) / Z, and
the teacher's against the student's; the loss adds both directions' NCE. Prints JSON: seeded
random cases (float64), two steps each (the second with Z and the bank as the first left them),
the loss, its gradient with respect to the student's embedding and to both heads' weights, the
banks and Z after each step."""
import json
import math
import torch

torch.set_default_dtype(torch.float64)


def unit(x):
    return x / x.norm(dim=1, keepdim=True).clamp_min(1e-12)


def nce(p, n):
    m = p.shape[1] - 1
    noise = m / n
    pos = p[:, 0]
    neg = p[:, 1:]
    eps = 1e-7
    return -(torch.log(pos / (pos + noise + eps)).sum() +
             torch.log(noise / (neg + noise + eps)).sum()) / p.shape[0]


def step(state, s_emb, t_emb, contrast, T, momentum):
    n = state['student_memory'].shape[0]
    vs = unit(s_emb @ state['ws'].t() + state['bs'])
    vt = unit(t_emb @ state['wt'].t() + state['bt'])
    # student's vector against the teacher's bank, and the teacher's against the student's
    ps = torch.stack([torch.exp(state['teacher_memory'][c] @ v / T) for v, c in zip(vs, contrast)])
    pt = torch.stack([torch.exp(state['student_memory'][c] @ v / T) for v, c in zip(vt, contrast)])
    if state['z'][0] < 0:
        state['z'][0] = ps.mean().item() * n
    if state['z'][1] < 0:
        state['z'][1] = pt.mean().item() * n
    loss = nce(ps / state['z'][0], n) + nce(pt / state['z'][1], n)
    with torch.no_grad():
        own = contrast[:, 0]
        for bank, v in (('student_memory', vs), ('teacher_memory', vt)):
            moved = state[bank][own] * momentum + v * (1 - momentum)
            state[bank][own] = unit(moved)
    return loss


def case(seed, n, batch, k, s_dim, t_dim, dim, T, momentum):
    g = torch.Generator().manual_seed(seed)
    bound = 1 / math.sqrt(dim / 3)
    state = {'ws': (torch.randn(dim, s_dim, generator=g) * 0.3).requires_grad_(),
             'bs': torch.randn(dim, generator=g) * 0.1,
             'wt': (torch.randn(dim, t_dim, generator=g) * 0.3).requires_grad_(),
             'bt': torch.randn(dim, generator=g) * 0.1,
             'student_memory': torch.rand(n, dim, generator=g) * 2 * bound - bound,
             'teacher_memory': torch.rand(n, dim, generator=g) * 2 * bound - bound,
             'z': [-1.0, -1.0]}
    start = {key: (v.detach().flatten().tolist() if torch.is_tensor(v) else list(v))
             for key, v in state.items()}
    steps = []
    for _ in range(2):
        own = torch.randperm(n, generator=g)[:batch]
        contrast = torch.cat([own.view(-1, 1), torch.randint(0, n, (batch, k), generator=g)], 1)
        s_emb = torch.randn(batch, s_dim, generator=g).relu().requires_grad_()
        t_emb = torch.randn(batch, t_dim, generator=g).relu() * 2
        loss = step(state, s_emb, t_emb, contrast, T, momentum)
        gs, gws, gwt = torch.autograd.grad(loss, [s_emb, state['ws'], state['wt']])
        steps.append({'contrast': contrast.flatten().tolist(),
                      'student_embedding': s_emb.detach().flatten().tolist(),
                      'teacher_embedding': t_emb.flatten().tolist(),
                      'loss': loss.item(),
                      'grad_embedding': gs.flatten().tolist(),
                      'grad_student_head': gws.flatten().tolist(),
                      'grad_teacher_head': gwt.flatten().tolist(),
                      'student_memory': state['student_memory'].flatten().tolist(),
                      'teacher_memory': state['teacher_memory'].flatten().tolist(),
                      'z': list(state['z'])})
    return {'n': n, 'batch': batch, 'k': k, 'student_width': s_dim, 'teacher_width': t_dim,
            'dimension': dim, 'T': T, 'momentum': momentum, 'start': start, 'steps': steps}


print(json.dumps({'cases': [case(21, 40, 6, 9, 5, 7, 4, 0.07, 0.5),
                            case(22, 25, 8, 24, 12, 3, 6, 0.2, 0.9),
                            case(23, 12, 3, 1, 4, 4, 8, 0.5, 0.0)]}))
