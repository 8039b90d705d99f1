#!/usr/bin/env python3
"""Linear CKA (Kornblith et al., ICML 2019, eq. 3: ||Y_c^T X_c||_F^2 / (||X_c^T X_c||_F
||Y_c^T Y_c||_F) on features centred over the examples) and same-class retrieval (each example
queries all others by cosine similarity; recall@k and the average precision of the ranking,
from their definitions, one query at a time) in NumPy, for tst_representation. Prints JSON:
seeded random representations of several widths with their CKA, and embeddings with labels
with their retrieval figures."""
import json
import numpy as np

rng = np.random.default_rng(2026)


def cka(x, y):
    x = x.reshape(len(x), -1); y = y.reshape(len(y), -1)
    x = x - x.mean(0); y = y - y.mean(0)
    return np.linalg.norm(y.T @ x) ** 2 / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y))


def retrieval(e, labels):
    u = e / np.linalg.norm(e, axis=1, keepdims=True)
    r1 = r5 = ap_sum = 0.0
    queries = 0
    for q in range(len(e)):
        others = [i for i in range(len(e)) if i != q]
        order = sorted(others, key=lambda i: -float(u[q] @ u[i]))
        rel = [labels[i] == labels[q] for i in order]
        if not any(rel):
            continue
        queries += 1
        r1 += rel[0]
        r5 += any(rel[:5])
        hits, precisions = 0, []
        for rank, r in enumerate(rel, 1):
            if r:
                hits += 1
                precisions.append(hits / rank)
        ap_sum += sum(precisions) / len(precisions)
    return {'recall1': r1 / queries, 'recall5': r5 / queries, 'map': ap_sum / queries,
            'queries': queries}


ckas = []
for n, p, q in [(50, 8, 5), (40, 3 * 4 * 4, 20), (64, 30, 30)]:
    x = rng.standard_normal((n, p))
    y = np.tanh(x[:, :min(p, q)] @ rng.standard_normal((min(p, q), q))) + 0.5 * rng.standard_normal((n, q))
    ckas.append({'x': x.ravel().tolist(), 'y': y.ravel().tolist(), 'n': n, 'p': p, 'q': q,
                 'cka': cka(x, y)})
retrievals = []
for n, d, classes in [(60, 8, 4), (33, 5, 3)]:
    labels = rng.integers(0, classes, n)
    labels[-1] = classes  # a class of one image: it asks nothing
    e = rng.standard_normal((n, d)) + 1.5 * np.eye(classes + 1, d)[labels]
    retrievals.append({'e': e.ravel().tolist(), 'labels': labels.tolist(), 'n': n, 'd': d,
                       **retrieval(e, labels)})
print(json.dumps({'cka': ckas, 'retrieval': retrievals}))
