#!/usr/bin/env python3
"""OpenCV's non-local means on a folder of noisy 8-bit images, as the photo-denoising report's classic baseline.

The filter strength h is tuned per noise level on the first --tune images (the best PSNR against their clean
originals over a grid of multiples of sigma), then every image is denoised with it and written as PNG under --out
with the same relative path. Prints one JSON line: the chosen h, the grid's scores, seconds and megapixels of the
final pass. Scoring of the outputs is left to aekit (`eval --reference`), so both denoisers are scored by one code.
Needs python3-opencv (Debian) and numpy.
"""
import argparse
import json
import pathlib
import sys
import time

import cv2
import numpy as np


def denoise(img, h, colour):
    if colour:
        return cv2.fastNlMeansDenoisingColored(img, None, h, h, 7, 21)
    return cv2.fastNlMeansDenoising(img, None, h, 7, 21)


def psnr(a, b):
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2) / 255.0 ** 2
    return 10 * np.log10(1.0 / mse)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--noisy", required=True, type=pathlib.Path)
    p.add_argument("--clean", required=True, type=pathlib.Path)
    p.add_argument("--out", required=True, type=pathlib.Path)
    p.add_argument("--sigma", required=True, type=float)
    p.add_argument("--tune", type=int, default=4)
    p.add_argument("--grid", default="0.3,0.4,0.5,0.6,0.8,1.0,1.2")
    a = p.parse_args()
    files = sorted(f for f in a.noisy.rglob("*") if f.is_file() and not f.name.startswith("."))
    if not files:
        sys.exit(f"{a.noisy}: no images")
    cleans = {f.relative_to(a.clean).with_suffix(""): f for f in a.clean.rglob("*") if f.is_file()}
    flags = cv2.IMREAD_UNCHANGED

    def load(f):
        img = cv2.imread(str(f), flags)
        if img is None:
            sys.exit(f"{f}: cannot be read")
        return img

    colour = load(files[0]).ndim == 3
    scores = {}
    for m in [float(x) for x in a.grid.split(",")]:
        h = m * a.sigma
        vals = []
        for f in files[: a.tune]:
            ref = load(cleans[f.relative_to(a.noisy).with_suffix("")])
            if ref.ndim == 2 and colour:
                ref = cv2.cvtColor(ref, cv2.COLOR_GRAY2BGR)
            vals.append(psnr(denoise(load(f), h, colour), ref))
        scores[round(h, 3)] = float(np.mean(vals))
    best = max(scores, key=scores.get)
    t0 = time.perf_counter()
    mpx = 0.0
    for f in files:
        img = load(f)
        out = denoise(img, best, colour)
        mpx += img.shape[0] * img.shape[1] / 1e6
        dst = a.out / f.relative_to(a.noisy).with_suffix(".png")
        dst.parent.mkdir(parents=True, exist_ok=True)
        cv2.imwrite(str(dst), out)
    secs = time.perf_counter() - t0
    print(json.dumps({"h": best, "grid": scores, "seconds": secs, "megapixels": mpx, "images": len(files),
                      "opencv": cv2.__version__}))


if __name__ == "__main__":
    main()
