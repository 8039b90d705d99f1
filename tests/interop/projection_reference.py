#!/usr/bin/env python3
"""Principal components in NumPy from the singular value decomposition of the centred data (not
the covariance's eigenvectors the engine uses), each axis pointed so that its largest loading is
positive, for tst_projection. Prints JSON: seeded random data of several shapes, with their first
components."""
import json
import numpy as np

rng = np.random.default_rng(2027)


def pca(x, k):
    c = x - x.mean(0)
    _, _, vt = np.linalg.svd(c, full_matrices=False)
    axes = vt[:k].T
    axes = axes * np.sign(axes[np.abs(axes).argmax(0), np.arange(axes.shape[1])])
    return c @ axes


cases = []
for n, d, k in [(60, 5, 2), (40, 12, 3), (30, 50, 2)]:
    scales = np.linspace(3.0, 0.5, d)  # distinct variances: the axes are defined
    x = rng.normal(size=(n, d)) * scales + rng.normal(size=d)
    cases.append({'n': n, 'd': d, 'k': k, 'x': x.ravel().tolist(), 'pca': pca(x, k).ravel().tolist()})
print(json.dumps({'pca': cases}))
