"""Golden vectors for io.github.fbtools.storyexec.TensorHash (TensorHashTest).

Computes each digest twice, independently of the Java code:
  1. with the three-line numpy recipe documented in TensorHash's Javadoc, and
  2. by hand: the header bytes plus struct.pack('<f') of each value normalised in plain Python,
and checks that they agree before printing. Run: python3 tensor_hash_vectors.py
(numpy 2.4.6, CPython 3.11 here). The tensors are defined by formulas that Java computes
bit-for-bit identically (exact float32 values or correctly rounded float32 divisions).
"""
import hashlib
import math
import struct

import numpy as np


def recipe(t):
    a = np.nan_to_num(np.asarray(t, dtype=np.float32), nan=0.0)
    a = np.clip(a, 0.0, 1.0) + 0.0
    return hashlib.sha256(b"f32le:" + "x".join(map(str, a.shape)).encode() + b"\n" + a.astype("<f4").tobytes()).hexdigest()


def by_hand(t):
    a = np.asarray(t, dtype=np.float32)
    out = bytearray(b"f32le:" + "x".join(str(d) for d in a.shape).encode("ascii") + b"\n")
    for v in a.reshape(-1).tolist():  # C order; float32 -> Python float is exact
        if math.isnan(v) or v <= 0.0:
            v = 0.0  # also turns -0.0 and negatives into +0.0
        elif v > 1.0:
            v = 1.0
        out += struct.pack("<f", v)
    return hashlib.sha256(bytes(out)).hexdigest()


def bits(*words):
    return np.array(words, dtype=np.uint32).view(np.float32)


def lcg(n):
    # Java: ((i * 0x9E3779B1) >>> 8) * 0x1p-24f   (int arithmetic mod 2^32)
    i = np.arange(n, dtype=np.uint64)
    x = ((i * np.uint64(2654435761)) % np.uint64(2**32)) >> np.uint64(8)
    return x.astype(np.float32) * np.float32(2.0**-24)


def ramp1024(n):
    # Java: (i % 1024) / 1024f   (exact)
    return (np.arange(n) % 1024).astype(np.float32) / np.float32(1024)


def ramp255(n):
    # Java: (i % 256) / 255f   (float32 division, correctly rounded in both)
    return (np.arange(n) % 256).astype(np.float32) / np.float32(255)


def special():
    # NaN (3 payloads), -0.0, +0.0, +Inf, -Inf, 1.5, -0.5, 0.25, 1.0, smallest subnormal, its
    # negative, the largest float below 1, the smallest above 1, max float, -max float
    nan = bits(0x7FC00000, 0x7FC00001, 0xFFC00000)
    rest = np.array([-0.0, 0.0, np.inf, -np.inf, 1.5, -0.5, 0.25, 1.0], dtype=np.float32)
    more = bits(0x00000001, 0x80000001, 0x3F7FFFFF, 0x3F800001, 0x7F7FFFFF, 0xFF7FFFFF)
    return np.concatenate([nan, rest, more])  # 17 values


def big_dirty():
    a = lcg(1 * 1024 * 1024 * 3)
    a[5000] = np.nan
    a[100000] = -0.0
    a[4096 * 7] = 2.0
    a[4096 * 7 - 1] = -1.0
    a[-1] = np.inf
    return a.reshape(1, 1024, 1024, 3)


VECTORS = [
    ("zeros [1,1,1,3]", np.zeros((1, 1, 1, 3), dtype=np.float32)),
    ("ones [1,1,1,3]", np.ones((1, 1, 1, 3), dtype=np.float32)),
    ("ramp1024 [1,64,64,3]", ramp1024(64 * 64 * 3).reshape(1, 64, 64, 3)),
    ("ramp255 [1,64,64,3]", ramp255(64 * 64 * 3).reshape(1, 64, 64, 3)),
    ("lcg [2,3]", lcg(6).reshape(2, 3)),
    ("lcg [3,2]", lcg(6).reshape(3, 2)),
    ("lcg [6]", lcg(6).reshape(6)),
    ("lcg [1,6]", lcg(6).reshape(1, 6)),
    ("empty [1,1,1,0]", np.zeros((1, 1, 1, 0), dtype=np.float32)),
    ("empty [0]", np.zeros((0,), dtype=np.float32)),
    ("special [17]", special()),
    ("special normalised [17]", np.clip(np.nan_to_num(special(), nan=0.0), 0, 1) + 0.0),
    ("lcg [1,1024,1024,3]", lcg(1024 * 1024 * 3).reshape(1, 1024, 1024, 3)),
    ("lcg [2,512,512,3]", lcg(2 * 512 * 512 * 3).reshape(2, 512, 512, 3)),
    ("big dirty [1,1024,1024,3]", big_dirty()),
]

# The recipe's steps do what the Javadoc says: nan_to_num maps +-Inf to +-max float32, which clip
# then maps to 1 and 0; clip keeps -0.0 (bits 0x80000000), and "+ 0.0" turns it into +0.0; the
# dtype stays float32 throughout.
_a = np.nan_to_num(np.array([-0.0, np.inf, -np.inf, np.nan], dtype=np.float32), nan=0.0)
_c = np.clip(_a, 0.0, 1.0)
assert _c.dtype == np.float32 and _c.view(np.uint32).tolist() == [0x80000000, 0x3F800000, 0, 0]
assert (_c + 0.0).dtype == np.float32 and (_c + 0.0).view(np.uint32).tolist() == [0, 0x3F800000, 0, 0]

for name, t in VECTORS:
    r = recipe(t)
    h = by_hand(t)  # a few seconds for the 3-million-value tensors
    assert r == h, (name, r, h)
    print(f"{name:28s} {r}")
