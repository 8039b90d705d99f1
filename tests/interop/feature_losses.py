#!/usr/bin/env python3
"""The feature and relation methods' terms written from their papers, independently of the
engine's code, for tst_method_losses: FitNets' hint (Romero et al., ICLR 2015, eq. 3: the mean
squared error between the teacher's hint and a regressor of the student's guided layer),
attention transfer (Zagoruyko & Komodakis, ICLR 2017, eq. 2 with RepDistiller's mean of squares
and p = 2: Q = mean over channels of |A|^p, flattened and divided by its norm) and relational KD
(Park et al., CVPR 2019, eq. 3-7: distances normalised by their mean over distinct pairs, the
cosines of every triplet's angle, Huber loss with delta 1). Stages pair from the deepest down;
FitNets' regressor is a 1x1 convolution (then the student's map average-pooled or bilinearly
resized to the teacher's), or a linear layer where a stage is a vector (a map averaged over its
positions). Prints JSON: cases of seeded random features (float64), each term's value, its
gradient with respect to every student feature, and each method's whole loss as a run weighs it."""
import json
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def paired(s_stages, t_stages):
    n = min(len(s_stages), len(t_stages))
    return list(zip(s_stages[len(s_stages) - n:], t_stages[len(t_stages) - n:]))


def attention(s_stages, t_stages, p):
    total = 0
    for s, t in paired(s_stages, t_stages):
        if s.shape[2] > t.shape[2]:
            s = F.adaptive_avg_pool2d(s, t.shape[2:])
        if t.shape[2] > s.shape[2]:
            t = F.adaptive_avg_pool2d(t, s.shape[2:])
        qs = (s.abs() ** p).mean(1).flatten(1)
        qt = (t.abs() ** p).mean(1).flatten(1)
        qs = qs / qs.norm(dim=1, keepdim=True)
        qt = qt / qt.norm(dim=1, keepdim=True)
        total = total + ((qs - qt) ** 2).mean()
    return total


def huber(a, b):
    d = (a - b).abs()
    return torch.where(d < 1, 0.5 * d * d, d - 0.5).mean()


def relational(s, t):
    def distances(e):
        d = torch.cdist(e, e)
        off = ~torch.eye(e.shape[0], dtype=torch.bool)
        return d / d[off].mean()

    def cosines(e):  # [j, i, k]: the angle at e_j between e_i and e_k
        v = e.unsqueeze(0) - e.unsqueeze(1)
        v = v / v.norm(dim=2, keepdim=True).clamp_min(1e-12)
        return torch.einsum('jid,jkd->jik', v, v).flatten()

    return {'distance': huber(distances(s), distances(t)), 'angle': huber(cosines(s), cosines(t))}


def hint(s, t, weight, bias):
    if s.dim() == 4 and t.dim() == 4:
        r = torch.einsum('oc,nchw->nohw', weight, s) + bias.view(1, -1, 1, 1)
        if r.shape[2] > t.shape[2]:
            r = F.adaptive_avg_pool2d(r, t.shape[2:])
        elif r.shape[2] < t.shape[2]:
            r = F.interpolate(r, size=t.shape[2:], mode='bilinear', align_corners=False)
        return ((r - t) ** 2).mean()
    sv = s.mean((2, 3)) if s.dim() == 4 else s
    tv = t.mean((2, 3)) if t.dim() == 4 else t
    return ((sv @ weight.t() + bias - tv) ** 2).mean()


def kl(p, q):
    return (p * (p.log() - q.log())).sum(1)


def whole(method, w, terms, s_logits, t_logits, y, T):
    ce = -(s_logits.log_softmax(1)[torch.arange(len(y)), y]).mean()
    soft = T * T * kl((t_logits / T).softmax(1), (s_logits / T).softmax(1)).mean()
    own = {'fitnets': w.get('hint_weight', 0) * terms.get('hint', 0),
           'at': w.get('at_weight', 0) * terms.get('attention', 0),
           'rkd': w.get('distance_weight', 0) * terms.get('distance', 0) +
           w.get('angle_weight', 0) * terms.get('angle', 0)}[method]
    return w['ce_weight'] * ce + w['kd_weight'] * soft + own


SETTINGS = {'fitnets': {'ce_weight': 0.5, 'kd_weight': 0.7, 'hint_weight': 3},
            'at': {'ce_weight': 0.8, 'kd_weight': 0.4, 'at_weight': 50, 'p': 2},
            'rkd': {'ce_weight': 1.2, 'kd_weight': 0.3, 'distance_weight': 2, 'angle_weight': 5}}


def case(seed, n, s_shapes, t_shapes, s_dim, t_dim, stage, classes=7, T=4.0):
    g = torch.Generator().manual_seed(seed)
    # ReLU'd maps as a network's stages are; some exact zeros, as after a ReLU
    s_stages = [torch.randn(n, *sh, generator=g).relu().requires_grad_() for sh in s_shapes]
    t_stages = [torch.randn(n, *sh, generator=g).relu() * 2 for sh in t_shapes]
    s_emb = torch.randn(n, s_dim, generator=g).requires_grad_()
    t_emb = torch.randn(n, t_dim, generator=g) * 3
    s_logits = (torch.randn(n, classes, generator=g) * 2).requires_grad_()
    t_logits = torch.randn(n, classes, generator=g) * 3
    y = torch.randint(0, classes, (n,), generator=g)
    k = stage - 1
    tk = max(1, len(t_shapes) - (len(s_shapes) - stage)) - 1
    s_hint, t_hint = s_stages[k], t_stages[tk]
    cin = s_hint.shape[1]
    cout = t_hint.shape[1]
    weight = torch.randn(cout, cin, generator=g) * 0.3
    bias = torch.randn(cout, generator=g) * 0.1
    conv = s_hint.dim() == 4 and t_hint.dim() == 4
    terms = {'hint': hint(s_hint, t_hint, weight, bias), **relational(s_emb, t_emb)}
    if all(len(sh) == 3 for sh in s_shapes + t_shapes):
        terms['attention'] = attention(s_stages, t_stages, 2.0)
    losses = {m + '_loss': whole(m, w, terms, s_logits, t_logits, y, T)
              for m, w in SETTINGS.items() if m != 'at' or 'attention' in terms}
    inputs = s_stages + [s_emb, s_logits]
    grads = {}
    for name, v in {**terms, **losses}.items():
        gs = torch.autograd.grad(v, inputs, retain_graph=True, allow_unused=True)
        grads[name] = torch.cat([(gi if gi is not None else torch.zeros_like(x)).flatten()
                                 for gi, x in zip(gs, inputs)]).tolist()
    flat = lambda ts: [x.detach().flatten().tolist() for x in ts]
    return {'n': n, 'classes': classes, 'T': T, 'stage': stage,
            'student_shapes': s_shapes, 'teacher_shapes': t_shapes,
            'student_stages': flat(s_stages), 'teacher_stages': flat(t_stages),
            'student_embedding': flat([s_emb])[0], 'teacher_embedding': t_emb.flatten().tolist(),
            'student_logits': flat([s_logits])[0], 'teacher_logits': t_logits.flatten().tolist(),
            'labels': y.tolist(),
            'regressor': {('conv.weight' if conv else 'linear.weight'):
                          weight.flatten().tolist(),
                          ('conv.bias' if conv else 'linear.bias'): bias.tolist()},
            'values': {k: v.item() for k, v in {**terms, **losses}.items()}, 'grads': grads}


cases = [
    case(11, 5, [[4, 8, 8], [6, 4, 4]], [[3, 16, 16], [5, 8, 8], [7, 4, 4]], 6, 9, 1),
    case(12, 6, [[4, 16, 16], [6, 8, 8]], [[5, 8, 8], [7, 4, 4]], 8, 5, 1),  # pooled hint
    case(13, 4, [[4, 4, 4], [6, 2, 2]], [[5, 8, 8], [7, 4, 4]], 3, 3, 1),  # bilinear hint
    case(14, 16, [[10], [12]], [[5, 8, 8], [7, 4, 4]], 12, 7, 2),  # an MLP student
    case(15, 9, [[3, 6, 6]], [[4, 6, 6]], 5, 16, 1),
]
print(json.dumps({'cases': cases, 'settings': SETTINGS}))
