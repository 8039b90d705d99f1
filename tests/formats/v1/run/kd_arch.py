"""Rebuilds a KD Workbench architecture as a torch.nn.Module.

    import json, torch, kd_arch
    model = kd_arch.build(json.load(open('student_arch.json')))
    model.load_state_dict(torch.load('student.pt'))
    model.eval()

Parameter names match the workbench's (conv1, bn1, block3.conv2, fc1, ...). Inputs are
images scaled to [0, 1], then normalised with the file's "mean" and "std" per channel
(kd_arch.normalize does it).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class ResidualBlock(nn.Module):
    def __init__(self, in_channels, spec):
        super().__init__()
        c, k, s = spec['channels'], spec['kernel'], spec['stride']
        self.conv1 = nn.Conv2d(in_channels, c, k, s, k // 2, bias=False)
        self.bn1 = nn.BatchNorm2d(c)
        self.conv2 = nn.Conv2d(c, c, k, 1, k // 2, bias=False)
        self.bn2 = nn.BatchNorm2d(c)
        self.projection = s != 1 or in_channels != c
        if self.projection:
            self.shortcut_conv = nn.Conv2d(in_channels, c, 1, s, 0, bias=False)
            self.shortcut_bn = nn.BatchNorm2d(c)

    def forward(self, x):
        out = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return out + (self.shortcut_bn(self.shortcut_conv(x)) if self.projection else x)


class KdNet(nn.Module):
    def __init__(self, arch, input_shape, classes):
        super().__init__()
        channels, height, width = input_shape
        self.arch = arch
        self.stages = []
        for i, spec in enumerate(arch.get('convs', []), start=1):
            spec = {'kernel': 3, 'stride': 1, 'batchnorm': False, 'pool': 'none',
                    'residual': False, **spec}
            k, s = spec['kernel'], spec['stride']
            if spec['residual']:
                setattr(self, f'block{i}', ResidualBlock(channels, spec))
                self.stages.append((f'block{i}', None, spec['pool']))
            else:
                setattr(self, f'conv{i}', nn.Conv2d(channels, spec['channels'], k, s, k // 2,
                                                    bias=not spec['batchnorm']))
                if spec['batchnorm']:
                    setattr(self, f'bn{i}', nn.BatchNorm2d(spec['channels']))
                self.stages.append((f'conv{i}', f'bn{i}' if spec['batchnorm'] else None,
                                    spec['pool']))
            channels = spec['channels']
            height, width = (height - 1) // s + 1, (width - 1) // s + 1
            if spec['pool'] != 'none':
                height, width = height // 2, width // 2
        features = channels if arch.get('global_avg_pool') and self.stages else channels * height * width
        widths = list(arch.get('hidden', [])) + [classes]
        for j, w in enumerate(widths, start=1):
            setattr(self, f'fc{j}', nn.Linear(features, w))
            features = w
        self.linears = len(widths)

    def forward(self, x):
        for layer, bn, pool in self.stages:
            x = getattr(self, layer)(x)
            if bn:
                x = getattr(self, bn)(x)
            if pool == 'avg':
                x = F.avg_pool2d(F.relu(x), 2)
            else:
                x = F.relu(x)
                if pool == 'max':
                    x = F.max_pool2d(x, 2)
        x = x.mean((2, 3)) if self.arch.get('global_avg_pool') and self.stages else x.flatten(1)
        for j in range(1, self.linears):
            x = F.relu(getattr(self, f'fc{j}')(x))
            x = F.dropout(x, self.arch.get('dropout', 0.0), self.training)
        return getattr(self, f'fc{self.linears}')(x)


def build(description):
    """description: the dict in student_arch.json ({"arch", "input", "classes", ...})."""
    return KdNet(description['arch'], description['input'], len(description['classes']))


def normalize(images_uint8, description):
    """uint8 [N, C, H, W] images -> the normalised float input the model expects."""
    mean = torch.tensor(description['mean']).view(1, -1, 1, 1)
    std = torch.tensor(description['std']).view(1, -1, 1, 1)
    return (images_uint8.float() / 255.0 - mean) / std
