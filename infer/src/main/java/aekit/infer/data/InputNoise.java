package aekit.infer.data;

import java.util.Locale;
import java.util.Random;

/**
 * Input corruption for denoising: x + factor * N(0, 1) per value; with {@code clip} the result is clipped to
 * [0,1] and rounded to 1/255, as a noisy image saved as an 8-bit file would be. Training, evaluation and the
 * sample maker all corrupt through this one class.
 *
 * <p>A blind denoiser trains on a range of noise levels: with {@code blind} each image draws its own standard
 * deviation uniformly from [0, factor].
 *
 * @param factor noise factor (standard deviation of the added noise, or its upper bound if blind); 0 = none
 * @param clip   clip to [0,1] and quantise to 8 bits
 * @param blind  each image's standard deviation is drawn uniformly from [0, factor]
 */
public record InputNoise(double factor, boolean clip, boolean blind) {
    /** No corruption. */
    public static final InputNoise NONE = new InputNoise(0, false);

    /** Noise of one fixed level. */
    public InputNoise(double factor, boolean clip) {
        this(factor, clip, false);
    }

    /** Gaussian noise of standard deviation sigma on the 0-255 scale, not clipped: the standard protocol. */
    public static InputNoise sigma255(double sigma) {
        return new InputNoise(sigma / 255.0, false);
    }

    public InputNoise {
        if (!(factor >= 0 && factor <= 10)) {
            throw new IllegalArgumentException("noise factor must be in [0, 10], got " + factor);
        }
    }

    /** Whether this changes anything. */
    public boolean active() {
        return factor > 0 || clip;
    }

    /** A corrupted copy of {@code x} (one image, or a batch of fixed-level noise). */
    public float[] apply(float[] x, Random rng) {
        return apply(x, x.length, rng);
    }

    /**
     * A corrupted copy of a batch {@code x} of images of {@code perImage} values each; a blind noise draws each
     * image's level first, then its values, from {@code rng}.
     */
    public float[] apply(float[] x, int perImage, Random rng) {
        float[] y = new float[x.length];
        double level = factor;
        for (int i = 0; i < x.length; i++) {
            if (blind && i % perImage == 0) {
                level = factor * rng.nextDouble();
            }
            float v = level > 0 ? (float) (x[i] + level * rng.nextGaussian()) : x[i];
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
        if (blind) {
            return String.format(Locale.ROOT, "x + s * N(0,1), s ~ U(0, %.4f) per image (sigma 0-%.4g on the 0-255 "
                    + "scale, blind)%s", factor, factor * 255, clip ? ", clipped to [0,1], rounded to 1/255" : "");
        }
        return String.format(Locale.ROOT, "x + %s * N(0,1)%s", factor, clip ? ", clipped to [0,1], rounded to 1/255" : "");
    }
}
