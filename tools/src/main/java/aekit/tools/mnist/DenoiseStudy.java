package aekit.tools.mnist;

import aekit.infer.data.GreyImages;
import aekit.infer.data.InputNoise;
import aekit.infer.metrics.Evaluator;
import aekit.infer.metrics.MetricsAccumulator;
import aekit.infer.Autoencoder;
import aekit.infer.AekitException;
import java.util.Random;

/**
 * Denoising scores on the MNIST test set: every model sees the same corrupted inputs, because the noise of a
 * variant is drawn from the evaluation's seed in the same batch order for each model ({@link Evaluator}).
 */
public final class DenoiseStudy {
    private static final int BATCH = 500;

    private DenoiseStudy() {
    }

    /** Input corruptions the report compares: none, 0.4 N(0,1), and the same clipped and 8-bit quantised. */
    public enum Variant {
        CLEAN(InputNoise.NONE, "clean input"),
        NOISE(new InputNoise(0.4, false), "x + 0.4 N(0,1)"),
        NOISE_CLIPPED(new InputNoise(0.4, true), "x + 0.4 N(0,1), clipped, 8-bit");

        final InputNoise noise;
        final String label;

        Variant(InputNoise noise, String label) {
            this.noise = noise;
            this.label = label;
        }
    }

    /** Scores of the corrupted input itself against the clean test images. */
    public static MetricsAccumulator noisyInput(GreyImages test, Variant v, long seed) throws AekitException {
        return score(test, v, seed, (in, start, b) -> in).noisy();
    }

    /** Scores of {@code model}'s output on the corrupted test images against the clean ones. */
    public static MetricsAccumulator model(Autoencoder model, GreyImages test, Variant v, long seed)
            throws AekitException {
        return score(test, v, seed, (in, start, b) -> model.reconstruct(in, b)).output();
    }

    /** The one evaluation loop (aekit.infer.metrics.Evaluator) over the whole test set. */
    private static Evaluator.Result score(GreyImages test, Variant v, long seed, Evaluator.Model output)
            throws AekitException {
        try {
            return new Evaluator(v.noise, seed, BATCH).run(Evaluator.images(test), output);
        } catch (AekitException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw AekitException.wrap(e);
        }
    }

    /** The first test image of each digit 0..9, as indices. */
    public static int[] oneOfEachDigit(byte[] labels) {
        int[] idx = new int[10];
        java.util.Arrays.fill(idx, -1);
        for (int i = 0; i < labels.length; i++) {
            if (idx[labels[i]] < 0) {
                idx[labels[i]] = i;
            }
        }
        for (int d = 0; d < 10; d++) {
            if (idx[d] < 0) {
                throw new IllegalArgumentException("the test set has no digit " + d);
            }
        }
        return idx;
    }
}
