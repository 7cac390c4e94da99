package aekit.infer.data;

import java.util.Locale;
import java.util.Random;

/**
 * Input corruption for denoising: x + factor * N(0, 1) per value; with {@code clip} the result is clipped to
 * [0,1] and rounded to 1/255, as a noisy image saved as an 8-bit file would be. Training, evaluation and the
 * sample maker all corrupt through this one class.
 *
 * @param factor noise factor (standard deviation of the added noise); 0 = none
 * @param clip   clip to [0,1] and quantise to 8 bits
 */
public record InputNoise(double factor, boolean clip) {
    /** No corruption. */
    public static final InputNoise NONE = new InputNoise(0, false);

    public InputNoise {
        if (!(factor >= 0 && factor <= 10)) {
            throw new IllegalArgumentException("--noise must be in [0, 10], got " + factor);
        }
    }

    /** Whether this changes anything. */
    public boolean active() {
        return factor > 0 || clip;
    }

    /** A corrupted copy of {@code x}. */
    public float[] apply(float[] x, Random rng) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            float v = factor > 0 ? (float) (x[i] + factor * rng.nextGaussian()) : x[i];
            if (clip) {
                v = Math.round(Math.min(1f, Math.max(0f, v)) * 255f) / 255f;
            }
            y[i] = v;
        }
        return y;
    }

    /** How the manifest and reports describe it. */
    public String describe() {
        if (!active()) {
            return "none";
        }
        return String.format(Locale.ROOT, "x + %s * N(0,1)%s", factor, clip ? ", clipped to [0,1], rounded to 1/255" : "");
    }
}
