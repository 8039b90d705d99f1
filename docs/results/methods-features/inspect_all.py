import json, re, subprocess, statistics, sys
root = '/tmp/tune/out-fresh/runs'
points = {'kd': '01_method=kd', 'fitnets': '02_method=fitnets_hint_weight=10',
          'at': '03_method=at_at_weight=10', 'rkd': '04_method=rkd_distance_weight=5_angle_weight=10'}
rows = {}
for seed in range(6, 11):
    folders = {m: f'{root}/{p}/seed-{seed}' for m, p in points.items()}
    folders['baseline'] = f'{root}/01_method=kd/seed-{seed}/baseline'
    for m, f in folders.items():
        out = subprocess.run(['/work/main/build/app/kdtrain', '--inspect', f], capture_output=True, text=True).stdout
        r = {}
        for who, r1, r5, ap in re.findall(r'  (teacher|student) +recall@1 +([0-9.]+)%, recall@5 +([0-9.]+)%, mAP +([0-9.]+)%', out):
            r[who] = [float(r1), float(r5), float(ap)]
        r['cka'] = [[float(x) for x in line.split(':')[1].split()] for line in re.findall(r'  teacher \d:.*', out)]
        rows[f'{m}/{seed}'] = r
        print(m, seed, r, flush=True)
json.dump(rows, open('/tmp/tune/representation.json', 'w'), indent=1)
