package aekit.infer.latent;

import java.util.Random;

/**
 * A noisy channel applied to latent codes at inference: each code gets zero-mean Gaussian noise of variance
 * v * P, with P the code's own mean power mean(z^2). For a power-normalised model P = 1, so this is exactly the
 * training channel N(0, v); for any other model it is the same signal-to-noise ratio, 1/v.
 */
public final class CodePowerNoise {
    private CodePowerNoise() {
    }

    /** The n codes of d values (row-major) with channel noise of relative variance v added, in place; returns them. */
    public static float[] add(float[] codes, int n, int d, double v, Random rng) {
        for (int i = 0; i < n; i++) {
            double p = 0;
            for (int j = 0; j < d; j++) {
                p += (double) codes[i * d + j] * codes[i * d + j];
            }
            double sd = Math.sqrt(v * p / d);
            for (int j = 0; j < d; j++) {
                codes[i * d + j] += (float) (sd * rng.nextGaussian());
            }
        }
        return codes;
    }
}
