package aekit.tools.mnist;

import aekit.infer.data.GreyImages;
import aekit.infer.latent.LatentGrid;
import aekit.infer.metrics.MetricsAccumulator;
import aekit.infer.model.LatentStats;
import aekit.infer.Autoencoder;
import aekit.infer.AekitException;
import java.util.Arrays;

/**
 * What one 2-d autoencoder does with the MNIST test set: its codes, reconstruction losses, the uniform latent grid
 * over the 1st-99th percentile of the codes per axis, and two measures of how much of that grid the data fill:
 * the share of grid cells that hold at least one test code, and how close each decoded grid image is to the nearest
 * reconstruction of a test image (mean squared difference per pixel).
 *
 * @param codes        test codes, (N, 2)
 * @param stats        per-axis statistics of the codes
 * @param range        grid range {z1 lo, z1 hi, z2 lo, z2 hi}
 * @param gridSize     cells per axis
 * @param gridImages   decoded grid, (size*size, 1, 28, 28), row-major as {@link LatentGrid#codes}
 * @param bce          mean binary cross-entropy per pixel of the reconstructions (probabilities clamped to
 *                     [1e-7, 1 - 1e-7])
 * @param metrics      MSE and PSNR of the reconstructions
 * @param occupied     grid cells holding at least one test code
 * @param nearestMse   per grid cell, the smallest per-pixel MSE to any test reconstruction
 */
public record LatentStudy(float[] codes, LatentStats stats, double[] range, int gridSize, float[] gridImages,
                          double bce, MetricsAccumulator metrics, int occupied, double[] nearestMse) {
    private static final int BATCH = 500;

    /** Runs the study of {@code model} on {@code test}. */
    public static LatentStudy of(Autoencoder model, GreyImages test, int gridSize) throws AekitException {
        if (model.manifest().latentSize() != 2) {
            throw new IllegalArgumentException(model.manifest().kind() + ": the latent study needs a 2-d latent, got "
                    + model.manifest().latentShape());
        }
        int n = test.count();
        int per = test.pixelsPerImage();
        aekit.infer.metrics.Evaluator.Result r;
        try { // the one evaluation loop, keeping the codes (N, 2) and reconstructions (N, 1, 28, 28)
            r = new aekit.infer.metrics.Evaluator(aekit.infer.data.InputNoise.NONE, 0, BATCH).keepCodes().keepOutputs()
                    .run(aekit.infer.metrics.Evaluator.images(test), model, 0);
        } catch (java.io.IOException e) {
            throw AekitException.wrap(e);
        }
        float[] codes = r.codes();
        float[] recon = r.outputs();
        MetricsAccumulator acc = r.output();
        double bceSum = 0;
        for (int start = 0; start < n; start += BATCH) { // summed batch by batch, as before
            int b = Math.min(BATCH, n - start);
            bceSum += bceSum(test.batch(start, b), java.util.Arrays.copyOfRange(recon, start * per, (start + b) * per));
        }
        LatentStats stats = LatentStats.of("mnist test (" + n + " images)", codes, n, 2);
        double[] range = {stats.p01().get(0), stats.p99().get(0), stats.p01().get(1), stats.p99().get(1)};
        float[] grid = model.decode(LatentGrid.codes(range, gridSize), gridSize * gridSize);
        return new LatentStudy(codes, stats, range, gridSize, grid, bceSum / ((double) n * per), acc,
                occupiedCells(codes, range, gridSize), nearestMse(grid, gridSize * gridSize, recon, n, per));
    }

    static double bceSum(float[] target, float[] p) {
        double s = 0;
        for (int i = 0; i < target.length; i++) {
            double q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]));
            s -= target[i] * Math.log(q) + (1 - target[i]) * Math.log(1 - q);
        }
        return s;
    }

    /** Grid cells (centred on the grid's codes, one step wide) that hold at least one code. */
    static int occupiedCells(float[] codes, double[] r, int size) {
        double step1 = (r[1] - r[0]) / (size - 1);
        double step2 = (r[3] - r[2]) / (size - 1);
        boolean[] hit = new boolean[size * size];
        for (int i = 0; i < codes.length / 2; i++) {
            long col = Math.round((codes[2 * i] - r[0]) / step1);
            long row = Math.round((r[3] - codes[2 * i + 1]) / step2);
            if (col >= 0 && col < size && row >= 0 && row < size) {
                hit[(int) (row * size + col)] = true;
            }
        }
        int count = 0;
        for (boolean h : hit) {
            count += h ? 1 : 0;
        }
        return count;
    }

    /** For each of the m images in {@code a}, the smallest per-pixel MSE to any of the n images in {@code b}. */
    static double[] nearestMse(float[] a, int m, float[] b, int n, int per) {
        double[] best = new double[m];
        for (int i = 0; i < m; i++) {
            double min = Double.MAX_VALUE;
            int ai = i * per;
            for (int j = 0; j < n; j++) {
                int bj = j * per;
                double s = 0;
                for (int p = 0; p < per && s < min; p++) { // stops early once it cannot win
                    double d = a[ai + p] - b[bj + p];
                    s += d * d;
                }
                min = Math.min(min, s);
            }
            best[i] = min / per;
        }
        return best;
    }

    /** Share of grid cells whose nearest-reconstruction MSE is at most {@code threshold}. */
    public double shareWithin(double threshold) {
        return Arrays.stream(nearestMse).filter(v -> v <= threshold).count() / (double) nearestMse.length;
    }

    /** Median of the nearest-reconstruction MSE over the grid cells. */
    public double medianNearestMse() {
        double[] s = nearestMse.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
