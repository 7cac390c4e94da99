package aekit.infer.metrics;

import java.util.Random;

/**
 * The channel-noise stream of an evaluation run, one definition for the trainer's evaluation and {@code aekit eval}
 * (it was a constant copied between them): the noise added to the codes comes from a stream derived from the run's
 * seed, apart from the input noise's stream.
 */
public final class EvaluationNoise {
    /** Mixed into the seed for the channel stream (the golden ratio's bits), so it never repeats the input's. */
    private static final long CHANNEL_SALT = 0x3C6EF372FE94F82BL;

    private EvaluationNoise() {
    }

    /** The stream of the input noise added to the clean images, drawn in order image by image. */
    public static Random input(long seed) {
        return new Random(seed);
    }

    /** The stream of the channel noise added to each code before decoding. */
    public static Random channel(long seed) {
        return new Random(seed ^ CHANNEL_SALT);
    }
}
