#!/usr/bin/python3
"""Few labels, measured: the table and plot of docs/results.md from a sweep over labelled.

Usage: scripts/plot-few-labels.py [RESULTS.json [OUT.png]]
       (defaults: docs/results/few-labels/results.json, docs/results/few-labels.png)
Prints the Markdown table (mean and 95% interval over the seeds, distilled and baseline, and
their paired difference) and draws accuracy against the number of labels. Needs Debian's
python3-matplotlib (apt-get install python3-matplotlib), for this script only.
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def percent(estimate):
    low, high = estimate["ci95"]
    return f"{100 * estimate['mean']:.2f} [{100 * low:.2f}, {100 * high:.2f}]"


def labels_of(point, transfer):
    value = point["settings"]["data.labelled"]
    return transfer if value == "all" else int(value)


def main():
    results = sys.argv[1] if len(sys.argv) > 1 else "docs/results/few-labels/results.json"
    out = sys.argv[2] if len(sys.argv) > 2 else "docs/results/few-labels.png"
    points = json.load(open(results))["points"]
    transfer = 5000
    rows = sorted(points, key=lambda p: labels_of(p, transfer))
    print("| labels | distilled student | baseline (labels alone) | KD - baseline (points) "
          "| KD won | steps, each |")
    print("| ---: | --- | --- | --- | --- | ---: |")
    for p in rows:
        n = labels_of(p, transfer)
        seeds = len(p["runs"])
        base = percent(p["baseline_accuracy"]) if "baseline_accuracy" in p else "none (no label)"
        if "kd_minus_baseline" in p:
            d = p["kd_minus_baseline"]
            diff = f"{100 * d['mean']:+.2f} [{100 * d['ci95'][0]:+.2f}, {100 * d['ci95'][1]:+.2f}]"
            won = f"{p['kd_wins']} of {seeds}"
        else:
            diff, won = "", ""
        steps = p["runs"][0].get("steps", "")
        print(f"| {n:,} | {percent(p['student_accuracy'])} | {base} | {diff} | {won} | {steps} |")

    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=120)
    xs = [max(labels_of(p, transfer), 3) for p in rows]  # 0 labels drawn at the left edge
    for key, name, colour in (("student_accuracy", "distilled student", "#0072B2"),
                              ("baseline_accuracy", "baseline (labels alone)", "#D55E00")):
        shown = [(x, p[key]) for x, p in zip(xs, rows) if key in p]
        ax.errorbar([x for x, _ in shown], [100 * e["mean"] for _, e in shown],
                    yerr=[[100 * (e["mean"] - e["ci95"][0]) for _, e in shown],
                          [100 * (e["ci95"][1] - e["mean"]) for _, e in shown]],
                    marker="o", capsize=4, color=colour, label=name)
    teacher = 100 * rows[0]["teacher_accuracy"]["mean"]
    ax.axhline(teacher, color="#999999", linestyle="--", label=f"teacher ({teacher:.2f}%)")
    ax.set_xscale("log")
    ax.set_xticks(xs)
    ax.set_xticklabels(["0" if labels_of(p, transfer) == 0 else f"{labels_of(p, transfer):,}"
                        for p in rows])
    ax.set_xlabel("labelled images of the 5,000 (log scale; 0: distillation alone)")
    ax.set_ylabel("test accuracy (%), mean and 95% interval")
    ax.set_title("Fashion-MNIST, seed-student, 5 seeds a point")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(out)
    print(f"\n(plot: {out})", file=sys.stderr)


if __name__ == "__main__":
    main()
