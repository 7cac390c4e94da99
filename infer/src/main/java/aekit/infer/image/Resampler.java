package aekit.infer.image;

/**
 * Separable resampling of float planes: area averaging (exact box filter with fractional coverage) when an axis
 * shrinks, bilinear interpolation with half-pixel centres when it grows, a plain copy when it keeps its size.
 */
final class Resampler {
    private Resampler() {
    }

    /** Taps of one output index: source indices and weights (summing to 1). */
    private record Taps(int[][] index, float[][] weight) {
    }

    private static Taps taps(int src, int dst) {
        int[][] idx = new int[dst][];
        float[][] wt = new float[dst][];
        double scale = (double) src / dst;
        for (int i = 0; i < dst; i++) {
            if (src > dst) {
                double lo = i * scale;
                double hi = (i + 1) * scale;
                int first = (int) Math.floor(lo);
                int last = Math.min(src - 1, (int) Math.ceil(hi) - 1);
                idx[i] = new int[last - first + 1];
                wt[i] = new float[last - first + 1];
                for (int s = first; s <= last; s++) {
                    double cover = Math.min(hi, s + 1) - Math.max(lo, s);
                    idx[i][s - first] = s;
                    wt[i][s - first] = (float) (cover / scale);
                }
            } else if (src < dst) {
                double centre = Math.max(0, (i + 0.5) * scale - 0.5);
                int s0 = Math.min(src - 1, (int) Math.floor(centre));
                int s1 = Math.min(src - 1, s0 + 1);
                float f = (float) (centre - s0);
                idx[i] = new int[] {s0, s1};
                wt[i] = new float[] {1 - f, f};
            } else {
                idx[i] = new int[] {i};
                wt[i] = new float[] {1f};
            }
        }
        return new Taps(idx, wt);
    }

    /** Resizes one (h, w) plane to (dh, dw). */
    static float[] resize(float[] plane, int h, int w, int dh, int dw) {
        if (h == dh && w == dw) {
            return plane.clone();
        }
        Taps tx = taps(w, dw);
        Taps ty = taps(h, dh);
        float[] rows = new float[h * dw]; // (h, dw) after the horizontal pass
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < dw; x++) {
                float acc = 0;
                int[] ix = tx.index()[x];
                float[] wx = tx.weight()[x];
                for (int k = 0; k < ix.length; k++) {
                    acc += plane[y * w + ix[k]] * wx[k];
                }
                rows[y * dw + x] = acc;
            }
        }
        float[] out = new float[dh * dw];
        for (int y = 0; y < dh; y++) {
            int[] iy = ty.index()[y];
            float[] wy = ty.weight()[y];
            int o = y * dw;
            // tap by tap over the whole row: contiguous reads, and each sum adds its taps in the same order as before
            for (int k = 0; k < iy.length; k++) {
                int r = iy[k] * dw;
                float wk = wy[k];
                for (int x = 0; x < dw; x++) {
                    out[o + x] += rows[r + x] * wk;
                }
            }
        }
        return out;
    }
}
