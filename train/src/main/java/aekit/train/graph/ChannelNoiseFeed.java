package aekit.train.graph;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The noisy channel's input to a power-normalised graph ({@link GraphNames#CHANNEL_NOISE}): zero-mean Gaussian
 * noise of a given variance, drawn in Java from a seeded {@link Random} so a run's noise is a function of its seed.
 */
public final class ChannelNoiseFeed {
    private ChannelNoiseFeed() {
    }

    /** Whether the graph has a channel-noise input. */
    public static boolean present(SameDiff sd) {
        return sd.hasVariable(GraphNames.CHANNEL_NOISE);
    }

    /** n codes' worth of N(0, variance) noise shaped like the latent, (N, ...); zeros when variance is 0. */
    public static INDArray batch(SameDiff sd, int n, double variance, Random rng) {
        long[] shape = sd.getVariable(GraphNames.CHANNEL_NOISE).getShape().clone();
        shape[0] = n;
        long size = 1;
        for (long s : shape) {
            size *= s;
        }
        float[] v = new float[Math.toIntExact(size)];
        if (variance > 0) {
            double sd1 = Math.sqrt(variance);
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (sd1 * rng.nextGaussian());
            }
        }
        return Nd4j.create(v, shape, 'c');
    }

    /** A forward pass's inputs for these images: the image, and a noiseless channel if the graph has one. */
    public static Map<String, INDArray> cleanInputs(SameDiff sd, INDArray images) {
        return inputs(sd, images, null, null);
    }

    /**
     * A forward pass's placeholders: the image, the target when not null, and in a graph with a channel the given
     * noise (zeros when it is null).
     */
    public static Map<String, INDArray> inputs(SameDiff sd, INDArray images, INDArray target, INDArray noise) {
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(GraphNames.IMAGE, images);
        if (target != null) {
            feed.put(GraphNames.TARGET, target);
        }
        if (present(sd)) {
            feed.put(GraphNames.CHANNEL_NOISE, noise != null ? noise : batch(sd, (int) images.size(0), 0, null));
        }
        return feed;
    }
}
