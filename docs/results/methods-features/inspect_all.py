"""Runs kdtrain --inspect on every run of the methods-features sweep (seeds 6-10 and their
baselines) and prints the retrieval figures and CKA matrices as JSON.
Usage: inspect_all.py SWEEP_FOLDER/runs > representation.json (from the repository root)."""
import json, re, subprocess, sys
root = sys.argv[1]
points = {'kd': '01_method=kd', 'fitnets': '02_method=fitnets_hint_weight=10',
          'at': '03_method=at_at_weight=10', 'rkd': '04_method=rkd_distance_weight=5_angle_weight=10'}
rows = {}
for seed in range(6, 11):
    folders = {m: f'{root}/{p}/seed-{seed}' for m, p in points.items()}
    folders['baseline'] = f'{root}/01_method=kd/seed-{seed}/baseline'
    for m, f in folders.items():
        out = subprocess.run(['build/app/kdtrain', '--inspect', f], capture_output=True, text=True).stdout
        r = {}
        for who, r1, r5, ap in re.findall(r'  (teacher|student) +recall@1 +([0-9.]+)%, recall@5 +([0-9.]+)%, mAP +([0-9.]+)%', out):
            r[who] = [float(r1), float(r5), float(ap)]
        r['cka'] = [[float(x) for x in line.split(':')[1].split()] for line in re.findall(r'  teacher \d:.*', out)]
        rows[f'{m}/{seed}'] = r
json.dump(rows, sys.stdout, indent=1)
