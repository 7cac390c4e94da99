package aekit.infer.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatentGaussianTest {
    @TempDir
    Path tmp;

    /** n correlated codes of d values: a 3-factor model plus a mean, so the covariance is far from diagonal. */
    static float[] codes(int n, int d, long seed) {
        Random r = new Random(seed);
        float[][] load = new float[3][d];
        for (float[] row : load) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        float[] c = new float[n * d];
        for (int i = 0; i < n; i++) {
            double[] f = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            for (int j = 0; j < d; j++) {
                c[i * d + j] = (float) (j * 0.1 + f[0] * load[0][j] + f[1] * load[1][j] + f[2] * load[2][j]);
            }
        }
        return c;
    }

    @Test
    void fitsMeanAndCovarianceExactly() {
        float[] c = {1, 2, 3, 6, 5, 1}; // three 2-d codes
        LatentGaussian g = LatentGaussian.fit("t", c, 3, 2);
        assertArrayEquals(new float[] {3, 3}, g.mean(), 1e-6f);
        // var(z0) = ((1-3)^2 + (3-3)^2 + (5-3)^2) / 2 = 4; cov(z0,z1) = ((-2)(-1) + 0*3 + 2*(-2)) / 2 = -1
        assertEquals(4, g.covariance(0, 0), 1e-6);
        assertEquals(-1, g.covariance(0, 1), 1e-6);
        assertEquals(7, g.covariance(1, 1), 1e-6);
    }

    @Test
    void samplesReproduceTheFittedCovarianceEvenWhenSingular() {
        int n = 20;
        int d = 50; // fewer codes than dimensions: rank <= 19
        LatentGaussian g = LatentGaussian.fit("t", codes(n, d, 3), n, d);
        int k = 40_000;
        float[] s = g.sample(new Random(5), k, false);
        double worst = 0;
        double scale = 0;
        for (int a = 0; a < d; a += 7) {
            for (int b = 0; b < d; b += 5) {
                double ma = 0;
                double mb = 0;
                for (int i = 0; i < k; i++) {
                    ma += s[i * d + a];
                    mb += s[i * d + b];
                }
                ma /= k;
                mb /= k;
                double cov = 0;
                for (int i = 0; i < k; i++) {
                    cov += (s[i * d + a] - ma) * (s[i * d + b] - mb);
                }
                cov /= k - 1;
                worst = Math.max(worst, Math.abs(cov - g.covariance(a, b)));
                scale = Math.max(scale, Math.abs(g.covariance(a, b)));
                assertEquals(g.mean()[a], ma, 0.05 * Math.sqrt(g.covariance(a, a)) + 1e-3, "mean " + a);
            }
        }
        assertTrue(worst < 0.05 * scale, "worst covariance error " + worst + " of scale " + scale);
    }

    @Test
    void diagonalSamplesHaveTheVariancesButNoCorrelation() {
        LatentGaussian g = LatentGaussian.fit("t", codes(30, 4, 1), 30, 4);
        int k = 40_000;
        float[] s = g.sample(new Random(2), k, true);
        double c01 = 0;
        double v0 = 0;
        for (int i = 0; i < k; i++) {
            double a = s[i * 4] - g.mean()[0];
            double b = s[i * 4 + 1] - g.mean()[1];
            c01 += a * b;
            v0 += a * a;
        }
        assertEquals(g.covariance(0, 0), v0 / k, 0.05 * g.covariance(0, 0));
        assertEquals(0, c01 / k, 0.05 * Math.sqrt(g.covariance(0, 0) * g.covariance(1, 1)));
    }

    @Test
    void saveLoadRoundTripAndBadFiles() throws IOException {
        LatentGaussian g = LatentGaussian.fit("src", codes(5, 3, 1), 5, 3);
        Path f = tmp.resolve("g.bin");
        g.save(f);
        LatentGaussian back = LatentGaussian.load(f);
        assertEquals("src", back.source());
        assertArrayEquals(g.mean(), back.mean());
        assertArrayEquals(g.factor(), back.factor());
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 4));
        IOException e = assertThrows(IOException.class, () -> LatentGaussian.load(f));
        assertEquals(f + ": truncated latent Gaussian", e.getMessage());
        Files.writeString(f, "hello there");
        e = assertThrows(IOException.class, () -> LatentGaussian.load(f));
        assertTrue(e.getMessage().contains("not a latent Gaussian"), e.getMessage());
    }
}
