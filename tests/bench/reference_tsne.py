#!/usr/bin/env python3
"""The Embeddings tab's t-SNE as a Python user runs it: scikit-learn's TSNE (Barnes-Hut, its
default; perplexity 30, init "pca", learning rate "auto", 1,000 iterations) after PCA to 50
dimensions, as FiftyOne does, on the data bench_embeddings maps (the same torch seed and
recipe: ten clusters of 512 values). Prints JSON with the median seconds of REPEATS runs.
Usage: reference_tsne.py [--points N] [--threads N] [--repeats N]; needs python3-sklearn."""
import argparse
import json
import os
import time

parser = argparse.ArgumentParser()
parser.add_argument("--points", type=int, default=2000)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--repeats", type=int, default=3)
args = parser.parse_args()
os.environ["OMP_NUM_THREADS"] = str(args.threads)

import torch  # noqa: E402  (after the thread count)
from sklearn.decomposition import PCA  # noqa: E402
from sklearn.manifold import TSNE  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(1)
centres = torch.randn(10, 512) * 0.6
x = (centres[torch.arange(args.points) % 10] + torch.randn(args.points, 512)).relu().numpy()
seconds = []
for _ in range(args.repeats):
    start = time.perf_counter()
    reduced = PCA(n_components=50, random_state=0).fit_transform(x)
    TSNE(n_components=2, perplexity=30, init="pca", learning_rate="auto", n_iter=1000,
         random_state=0, n_jobs=args.threads).fit_transform(reduced)
    seconds.append(time.perf_counter() - start)
seconds.sort()
print(json.dumps({"threads": args.threads, "tsne_points": args.points,
                  "tsne_seconds": round(seconds[len(seconds) // 2], 3),
                  "repeats": args.repeats}))
