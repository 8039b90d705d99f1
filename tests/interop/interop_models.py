#!/usr/bin/env python3
"""Python side of the interop tests (Debian's python3-torch).

    interop_models.py make DIR          writes teachers, bad files, inputs and expected logits
    interop_models.py hostile DIR       writes only the hostile files (the fuzzer's seed corpus,
                                        tests/fuzz/corpus/, is this output)
    interop_models.py check-export DIR  loads DIR/student.pt with kd_arch.py and compares its
                                        logits on DIR/probe.pt's input with the workbench's
"""
import io, json, os, sys, zipfile
import torch, torch.nn as nn, torch.nn.functional as F

torch.manual_seed(0)


class TeacherNetwork(nn.Module):
    """The seed's teacher: conv 64-128, fc 512, 3x32x32 input (shared/bench/reference_kd.py)."""
    def __init__(s, c1=64, c2=128, fc=512, inch=3, side=32, classes=10):
        super().__init__()
        s.conv1 = nn.Conv2d(inch, c1, 3, padding=1); s.conv2 = nn.Conv2d(c1, c2, 3, padding=1)
        s.fc1 = nn.Linear(c2 * (side // 4) ** 2, fc); s.fc2 = nn.Linear(fc, classes)

    def forward(s, x):
        x = F.max_pool2d(F.relu(s.conv1(x)), 2); x = F.max_pool2d(F.relu(s.conv2(x)), 2)
        return s.fc2(F.relu(s.fc1(x.flatten(1))))


class SmallBn(nn.Module):
    """The workbench's cnn-small preset, written by hand: conv + batchnorm, names match."""
    def __init__(s):
        super().__init__()
        s.conv1 = nn.Conv2d(1, 32, 3, padding=1, bias=False); s.bn1 = nn.BatchNorm2d(32)
        s.conv2 = nn.Conv2d(32, 64, 3, padding=1, bias=False); s.bn2 = nn.BatchNorm2d(64)
        s.fc1 = nn.Linear(64 * 7 * 7, 128); s.fc2 = nn.Linear(128, 10)

    def forward(s, x):
        x = F.max_pool2d(F.relu(s.bn1(s.conv1(x))), 2); x = F.max_pool2d(F.relu(s.bn2(s.conv2(x))), 2)
        return s.fc2(F.relu(s.fc1(x.flatten(1))))


def renamed_seed():
    """A user's own layout of the seed teacher for 1x28x28: other names, same order and shapes."""
    return nn.Sequential(nn.Conv2d(1, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(128 * 7 * 7, 512), nn.ReLU(), nn.Linear(512, 10))


class AnyArch(nn.Module):
    """An architecture the workbench cannot describe (avg pool, GELU, a skip): TorchScript only."""
    def __init__(s, classes=10):
        super().__init__()
        s.a = nn.Conv2d(1, 8, 5, padding=2); s.b = nn.Conv2d(8, 8, 3, padding=1)
        s.head = nn.Linear(8, classes)

    def forward(s, x):
        h = F.gelu(s.a(x)); h = h + F.gelu(s.b(h))
        return s.head(F.adaptive_avg_pool2d(h, 1).flatten(1))


class Constant(nn.Module):
    """Answers class 0 for every image: a teacher no better than chance on a balanced test set."""
    def forward(s, x):
        return torch.arange(10.0).flip(0).expand(x.shape[0], 10)


def randomize_bn(model):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5); m.running_var.uniform_(0.5, 2.0)
            m.weight.data.uniform_(0.5, 1.5); m.bias.data.uniform_(-0.2, 0.2)
            m.num_batches_tracked.fill_(7)


def save_case(d, name, model, x):
    model.eval()
    with torch.no_grad():
        torch.save({'x': x, 'logits': model(x)}, os.path.join(d, name + '_expected.pt'))


def zip_with(path, records):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_STORED) as z:
        for name, data in records.items():
            z.writestr('archive/' + name, data)


def pickle_zip(path, program, records=None):
    """A torch.save-like archive around a hand-written data.pkl."""
    zip_with(path, {'data.pkl': program, 'version': b'3\n', **(records or {})})


def hostile(d):
    """Files built to exhaust the reader: deep nesting, many values, huge views, short records."""
    n = 300000
    pickle_zip(f'{d}/deep_tuples.pt', b'\x80\x02K\x00' + b'\x85' * n + b'.')
    pickle_zip(f'{d}/deep_lists.pt', b'\x80\x02' + b']' * (n // 2) + b'a' * (n // 2 - 1) + b'.')
    pickle_zip(f'{d}/deep_dicts.pt', b'\x80\x02' + b'}K\x00' * (n // 3) + b'}' + b's' * (n // 3) + b'.')
    pickle_zip(f'{d}/many_values.pt', b'\x80\x02' + b'N' * n + b'.')
    # A stride-0 view of a one-element storage that declares 10^10 elements.
    torch.save({'w': torch.ones(1).expand(100000, 100000)}, f'{d}/huge_view.pt')
    # The seed teacher for 1x28x28 whose fc1.weight is a stride-0 view of 4e8 elements.
    seed = TeacherNetwork(inch=1, side=28).state_dict()
    seed['fc1.weight'] = torch.zeros(1).expand(20000, 20000)
    torch.save(seed, f'{d}/wide_view.pt')
    # A short data/0 record followed by another record that would fill the gap.
    one = io.BytesIO(); torch.save({'w': torch.ones(1000), 'v': torch.ones(2000)}, one)
    with zipfile.ZipFile(io.BytesIO(one.getvalue())) as z:
        pkl = z.read([n for n in z.namelist() if n.endswith('data.pkl')][0])
    pickle_zip(f'{d}/short_then_more.pt', pkl, {'data/0': b'\0' * 400, 'data/1': b'\0' * 8000})
    with zipfile.ZipFile(f'{d}/compressed.pt', 'w', zipfile.ZIP_STORED) as z:
        z.writestr('archive/data.pkl', pkl)
        z.writestr('archive/data/0', b'\0' * 4000, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr('archive/data/1', b'\0' * 8000)


def huge_pickle(d):
    """A data.pkl over the reader's 16 MiB cap (kept out of the committed corpus)."""
    pickle_zip(f'{d}/huge_pickle.pt', b'\x80\x02N' + b'\x00' * (17 << 20) + b'.')


def make(d):
    hostile(d); huge_pickle(d)
    x28, x32 = torch.randn(4, 1, 28, 28), torch.randn(4, 3, 32, 32)
    seed = TeacherNetwork(); torch.save(seed.state_dict(), f'{d}/seed_teacher.pt'); save_case(d, 'seed_teacher', seed, x32)
    bn = SmallBn(); randomize_bn(bn); torch.save(bn.state_dict(), f'{d}/small_bn.pt'); save_case(d, 'small_bn', bn, x28)
    ren = renamed_seed(); torch.save(ren.state_dict(), f'{d}/renamed.pt'); save_case(d, 'renamed', ren, x28)
    half = TeacherNetwork(inch=1, side=28).half(); torch.save(half.state_dict(), f'{d}/half.pt')
    save_case(d, 'half', half.float(), x28)
    anyarch = AnyArch().eval()
    torch.jit.save(torch.jit.script(anyarch), f'{d}/any_scripted.pt'); save_case(d, 'any_scripted', anyarch, x28)
    torch.jit.save(torch.jit.trace(anyarch, x28), f'{d}/any_traced.pt')
    torch.jit.save(torch.jit.script(AnyArch(classes=7).eval()), f'{d}/seven_classes.pt')
    torch.jit.save(torch.jit.script(Constant()), f'{d}/constant.pt')
    # Views: an offset, a transposed stride, a slice of a shared storage.
    base = torch.arange(100.0)
    torch.save({'offset': base[10:20], 'transposed': base[:12].view(3, 4).t(), 'step': base[::5],
                'double': torch.linspace(0, 1, 5, dtype=torch.float64),
                'bf16': torch.tensor([1.5, -2.0], dtype=torch.bfloat16),
                'long': torch.tensor([3, -4], dtype=torch.long)}, f'{d}/views.pt')
    # Bad files.
    open(f'{d}/empty.pt', 'wb').close()
    with open(f'{d}/not_zip.pt', 'wb') as f: f.write(b'this is not a zip archive at all' * 10)
    data = open(f'{d}/seed_teacher.pt', 'rb').read()
    with open(f'{d}/truncated.pt', 'wb') as f: f.write(data[:len(data) // 2])
    zip_with(f'{d}/bad_opcode.pt', {'data.pkl': b'\x80\x02}q\x00X\x01\x00\x00\x00a\x8f.', 'version': b'3\n'})
    short = io.BytesIO(); torch.save({'w': torch.ones(1000)}, short)
    with zipfile.ZipFile(io.BytesIO(short.getvalue())) as z:
        pkl = z.read([n for n in z.namelist() if n.endswith('data.pkl')][0])
    zip_with(f'{d}/short_storage.pt', {'data.pkl': pkl, 'data/0': b'\0' * 400, 'version': b'3\n'})
    wide = TeacherNetwork(fc=256, inch=1, side=28); torch.save(wide.state_dict(), f'{d}/wrong_shape.pt')


def check_export(d):
    sys.path.insert(0, d)
    import kd_arch
    description = json.load(open(f'{d}/student_arch.json'))
    model = kd_arch.build(description)
    state = torch.load(f'{d}/student.pt')
    assert type(state) is dict, f'student.pt holds a {type(state).__name__}, not a dict'
    model.load_state_dict(state)
    model.eval()
    probe = torch.load(f'{d}/probe.pt')
    with torch.no_grad():
        out = model(probe['x'])
    diff = (out - probe['logits']).abs().max().item()
    print(f'max |python - workbench| = {diff:.3g}')
    sys.exit(0 if diff < 1e-5 else 1)


if __name__ == '__main__':
    {'make': make, 'hostile': hostile, 'check-export': check_export}[sys.argv[1]](sys.argv[2])
