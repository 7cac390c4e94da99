#!/usr/bin/env python3
"""Cuts the committed MNIST test fixture (fixtures/mnist) out of the full data set.

usage: tools/scripts/make-mnist-fixture.py MNIST_DIR OUT_DIR [TRAIN_COUNT] [TEST_COUNT]
Takes the first TRAIN_COUNT (default 512) training and the first TEST_COUNT (default 256) test digits,
keeps the IDX format, gzip-compressed with a fixed mtime so the output is byte-for-byte reproducible.
"""
import gzip
import struct
import sys
from pathlib import Path


def cut(src: Path, dst: Path, n: int) -> None:
    data = gzip.decompress(src.read_bytes())
    magic = struct.unpack(">I", data[:4])[0]
    ndim = magic & 0xFF
    dims = list(struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim]))
    per_item = 1
    for d in dims[1:]:
        per_item *= d
    head = 4 + 4 * ndim
    dims[0] = n
    out = struct.pack(">I", magic) + struct.pack(">" + "I" * ndim, *dims) + data[head:head + n * per_item]
    dst.write_bytes(gzip.compress(out, mtime=0))


def main() -> None:
    src, dst = Path(sys.argv[1]), Path(sys.argv[2])
    n_train = int(sys.argv[3]) if len(sys.argv) > 3 else 512
    n_test = int(sys.argv[4]) if len(sys.argv) > 4 else 256
    dst.mkdir(parents=True, exist_ok=True)
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        cut(src / f"{prefix}-images-idx3-ubyte.gz", dst / f"{prefix}-images-idx3-ubyte.gz", n)
        cut(src / f"{prefix}-labels-idx1-ubyte.gz", dst / f"{prefix}-labels-idx1-ubyte.gz", n)


if __name__ == "__main__":
    main()
