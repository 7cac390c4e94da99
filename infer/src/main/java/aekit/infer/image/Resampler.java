package aekit.infer.image;

/**
 * Separable resampling of float planes: area averaging (exact box filter with fractional coverage) when an axis
 * shrinks, bilinear interpolation with half-pixel centres when it grows, a plain copy when it keeps its size.
 *
 * <p>Each output value is the sum of its taps in source order, starting from zero: the horizontal pass first, then
 * the vertical one over its rows. {@link Preprocessing} runs the horizontal pass row by row straight from decoded
 * samples, with the same sums, so a file's tensor is the same whichever way it is built.
 */
final class Resampler {
    private Resampler() {
    }

    /**
     * The taps of one axis, flat: output {@code i} is the sum of {@code src[index[k]] * weight[k]} for {@code k} from
     * {@code start[i]} to {@code start[i + 1] - 1} (weights of one output sum to 1).
     */
    record Taps(int[] start, int[] index, float[] weight) {
        /** Number of output values. */
        int size() {
            return start.length - 1;
        }
    }

    /** The taps that take an axis of {@code src} values to {@code dst}. */
    static Taps taps(int src, int dst) {
        int[] start = new int[dst + 1];
        double scale = (double) src / dst;
        int total = 0;
        for (int i = 0; i < dst; i++) {
            start[i] = total;
            if (src > dst) {
                int first = (int) Math.floor(i * scale);
                int last = Math.min(src - 1, (int) Math.ceil((i + 1) * scale) - 1);
                total += last - first + 1;
            } else {
                total += src < dst ? 2 : 1;
            }
        }
        start[dst] = total;
        int[] index = new int[total];
        float[] weight = new float[total];
        for (int i = 0; i < dst; i++) {
            int k = start[i];
            if (src > dst) {
                double lo = i * scale;
                double hi = (i + 1) * scale;
                int first = (int) Math.floor(lo);
                int last = Math.min(src - 1, (int) Math.ceil(hi) - 1);
                for (int s = first; s <= last; s++, k++) {
                    double cover = Math.min(hi, s + 1) - Math.max(lo, s);
                    index[k] = s;
                    weight[k] = (float) (cover / scale);
                }
            } else if (src < dst) {
                double centre = Math.max(0, (i + 0.5) * scale - 0.5);
                int s0 = Math.min(src - 1, (int) Math.floor(centre));
                int s1 = Math.min(src - 1, s0 + 1);
                float f = (float) (centre - s0);
                index[k] = s0;
                weight[k] = 1 - f;
                index[k + 1] = s1;
                weight[k + 1] = f;
            } else {
                index[k] = i;
                weight[k] = 1f;
            }
        }
        return new Taps(start, index, weight);
    }

    /** One row through the horizontal taps: {@code dst[dOff + i]} from {@code src[off + index[k]]}. */
    static void horizontal(float[] src, int off, Taps t, float[] dst, int dOff) {
        int[] start = t.start();
        int[] index = t.index();
        float[] weight = t.weight();
        for (int i = 0, n = t.size(); i < n; i++) {
            float acc = 0;
            for (int k = start[i], end = start[i + 1]; k < end; k++) {
                acc += src[off + index[k]] * weight[k];
            }
            dst[dOff + i] = acc;
        }
    }

    /**
     * The vertical pass: rows of width {@code w} (as the horizontal pass left them) through {@code ty}, written to
     * {@code out} from {@code outOff} as ({@code ty.size()}, w).
     */
    static void vertical(float[] rows, int w, Taps ty, float[] out, int outOff) {
        int[] start = ty.start();
        int[] index = ty.index();
        float[] weight = ty.weight();
        for (int y = 0, n = ty.size(); y < n; y++) {
            int o = outOff + y * w;
            // tap by tap over the whole row: contiguous reads, and each sum adds its taps in source order
            for (int k = start[y], end = start[y + 1]; k < end; k++) {
                int r = index[k] * w;
                float wk = weight[k];
                for (int x = 0; x < w; x++) {
                    out[o + x] += rows[r + x] * wk;
                }
            }
        }
    }

    /** Resizes one (h, w) plane to (dh, dw). */
    static float[] resize(float[] plane, int h, int w, int dh, int dw) {
        if (h == dh && w == dw) {
            return plane.clone();
        }
        Taps tx = taps(w, dw);
        float[] rows = new float[h * dw]; // (h, dw) after the horizontal pass
        for (int y = 0; y < h; y++) {
            horizontal(plane, y * w, tx, rows, y * dw);
        }
        float[] out = new float[dh * dw];
        vertical(rows, dw, taps(h, dh), out, 0);
        return out;
    }
}
