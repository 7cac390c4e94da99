package aekit.infer.metrics;

import aekit.infer.data.InputNoise;
import java.util.Random;

/**
 * The standard protocol of Gaussian-denoising benchmarks, used by training's validation and by evaluation alike:
 * the clean image x in [0,1] from the 8-bit file, the noisy input y = x + (sigma / 255) N(0, 1) in floating point
 * (not clipped, not rounded), the output clipped to [0,1], PSNR with peak 1 per image, averaged over images. The
 * noise of image {@code index} at {@code sigma} is a function of (seed, sigma, index) alone.
 */
public final class DenoiseProtocol {
    private DenoiseProtocol() {
    }

    /** The noisy input of image {@code index} of a set at noise level {@code sigma} (0-255 scale). */
    public static float[] noisy(float[] clean, double sigma, long seed, int index) {
        Random rng = new Random(seed * 0x9E3779B97F4A7C15L ^ (Double.doubleToLongBits(sigma) * 31 + index)
                * 0xC2B2AE3D27D4EB4FL);
        return InputNoise.sigma255(sigma).apply(clean, rng);
    }

    /** PSNR (peak 1) of {@code output} clipped to [0,1] against {@code clean}. */
    public static double psnr(float[] clean, float[] output) {
        double sum = 0;
        for (int i = 0; i < clean.length; i++) {
            double d = Math.min(1f, Math.max(0f, output[i])) - clean[i];
            sum += d * d;
        }
        return ImageMetrics.psnr(sum / clean.length, 1.0);
    }
}
