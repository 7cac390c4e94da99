package aekit.infer.model;

import java.util.Arrays;
import java.util.List;

/**
 * Per-dimension statistics of a model's latent codes over a data set, stored in the manifest: they give
 * {@code grid --range auto} its range and tell a user where the codes live.
 *
 * @param source data the codes were computed on, e.g. "mnist test (10000 images)"
 * @param count  codes used
 * @param mean   per-dimension mean
 * @param std    per-dimension standard deviation
 * @param p01    per-dimension 1st percentile
 * @param p99    per-dimension 99th percentile
 * @param min    per-dimension minimum
 * @param max    per-dimension maximum
 */
public record LatentStats(String source, int count, List<Double> mean, List<Double> std, List<Double> p01,
                          List<Double> p99, List<Double> min, List<Double> max) {
    /** Statistics of n codes of d values each, row-major. */
    public static LatentStats of(String source, float[] codes, int n, int d) {
        Double[][] cols = new Double[6][d];
        double[] col = new double[n];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                col[i] = codes[i * d + j];
                sum += col[i];
            }
            double mean = sum / n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                ss += (col[i] - mean) * (col[i] - mean);
            }
            Arrays.sort(col);
            cols[0][j] = mean;
            cols[1][j] = Math.sqrt(ss / Math.max(1, n - 1));
            cols[2][j] = percentile(col, 0.01);
            cols[3][j] = percentile(col, 0.99);
            cols[4][j] = col[0];
            cols[5][j] = col[n - 1];
        }
        return new LatentStats(source, n, List.of(cols[0]), List.of(cols[1]), List.of(cols[2]), List.of(cols[3]),
                List.of(cols[4]), List.of(cols[5]));
    }

    /** Linear-interpolated percentile of sorted values (q in [0,1]). */
    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
