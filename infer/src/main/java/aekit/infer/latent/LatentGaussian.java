package aekit.infer.latent;

import aekit.infer.io.AtomicFiles;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A Gaussian fitted to n latent codes of d values: the mean and the full covariance, kept in factored form
 * A = (codes - mean) / sqrt(n - 1) (n x d), so that cov = A^T A. Sampling mu + A^T eps with eps ~ N(0, I_n) draws
 * exactly from N(mu, cov) even when n <= d and the covariance is singular (no Cholesky needed). The diagonal variant
 * samples each dimension independently with its own variance.
 *
 * @param source what the codes were computed from
 * @param n      number of codes
 * @param d      values per code
 * @param mean   d means
 * @param factor n x d rows of A, row-major
 */
public record LatentGaussian(String source, int n, int d, float[] mean, float[] factor) {
    private static final int MAGIC = 0x41454B47; // "AEKG"

    public LatentGaussian {
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 codes to fit a Gaussian, got " + n);
        }
        if (mean.length != d || factor.length != (long) n * d) {
            throw new IllegalArgumentException("mean/factor sizes do not match n=" + n + ", d=" + d);
        }
    }

    /** Fits mean and covariance to n codes of d values (row-major). */
    public static LatentGaussian fit(String source, float[] codes, int n, int d) {
        double[] mu = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mu[j] += codes[i * d + j];
            }
        }
        float[] mean = new float[d];
        for (int j = 0; j < d; j++) {
            mean[j] = (float) (mu[j] / n);
        }
        float[] a = new float[n * d];
        double s = 1 / Math.sqrt(n - 1.0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a[i * d + j] = (float) ((codes[i * d + j] - mu[j] / n) * s);
            }
        }
        return new LatentGaussian(source, n, d, mean, a);
    }

    /**
     * A Gaussian with independent dimensions of the given means and standard deviations (the per-dimension
     * statistics a bundle carries), in this class's factored form: A = diag(std), padded to two rows for d = 1.
     */
    public static LatentGaussian independent(String source, float[] mean, float[] std) {
        int d = mean.length;
        if (std.length != d) {
            throw new IllegalArgumentException("mean has " + d + " values, std " + std.length);
        }
        int n = Math.max(d, 2);
        float[] a = new float[n * d];
        for (int j = 0; j < d; j++) {
            a[j * d + j] = std[j];
        }
        return new LatentGaussian(source, n, d, mean.clone(), a);
    }

    /** Covariance entry (j, k) = sum_i A[i,j] A[i,k]. */
    public double covariance(int j, int k) {
        double c = 0;
        for (int i = 0; i < n; i++) {
            c += (double) factor[i * d + j] * factor[i * d + k];
        }
        return c;
    }

    /** k samples (row-major, k x d): full covariance, or only its diagonal. */
    public float[] sample(Random rng, int k, boolean diagonal) {
        float[] out = new float[k * d];
        double[] sd = diagonal ? diagonalStd() : null;
        for (int s = 0; s < k; s++) {
            for (int j = 0; j < d; j++) {
                out[s * d + j] = mean[j];
            }
            if (diagonal) {
                for (int j = 0; j < d; j++) {
                    out[s * d + j] += (float) (sd[j] * rng.nextGaussian());
                }
            } else {
                for (int i = 0; i < n; i++) {
                    float e = (float) rng.nextGaussian();
                    for (int j = 0; j < d; j++) {
                        out[s * d + j] += factor[i * d + j] * e;
                    }
                }
            }
        }
        return out;
    }

    /** Per-dimension standard deviation, sqrt(cov(j, j)). */
    public double[] diagonalStd() {
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(covariance(j, j));
        }
        return sd;
    }

    /** Mean over dimensions of the per-dimension standard deviation (the codes' typical spread). */
    public double meanStd() {
        double[] sd = diagonalStd();
        double s = 0;
        for (double v : sd) {
            s += v;
        }
        return s / d;
    }

    /** Writes the Gaussian (binary: magic, source, n, d, mean, factor), atomically. */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeInt(MAGIC);
            byte[] src = source.getBytes(StandardCharsets.UTF_8);
            out.writeInt(src.length);
            out.write(src);
            out.writeInt(n);
            out.writeInt(d);
            for (float v : mean) {
                out.writeFloat(v);
            }
            for (float v : factor) {
                out.writeFloat(v);
            }
            out.flush();
        });
    }

    /** Reads a file written by {@link #save}. */
    public static LatentGaussian load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no latent Gaussian here (make one with 'aekit fit-latent')");
        }
        try (InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file));
             DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + ": not a latent Gaussian written by 'aekit fit-latent'");
            }
            byte[] src = new byte[in.readInt()];
            in.readFully(src);
            int n = in.readInt();
            int d = in.readInt();
            if (n < 2 || d < 1 || (long) n * d > 100_000_000L) {
                throw new IOException(file + ": implausible sizes n=" + n + ", d=" + d);
            }
            float[] mean = new float[d];
            for (int j = 0; j < d; j++) {
                mean[j] = in.readFloat();
            }
            float[] factor = new float[n * d];
            for (int i = 0; i < factor.length; i++) {
                factor[i] = in.readFloat();
            }
            return new LatentGaussian(new String(src, StandardCharsets.UTF_8), n, d, mean, factor);
        } catch (java.io.EOFException e) {
            throw new IOException(file + ": truncated latent Gaussian", e);
        }
    }
}
