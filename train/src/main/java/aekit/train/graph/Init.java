package aekit.train.graph;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded weight initialisation that does not depend on ND4J's global random state: the same seed always
 * gives the same weights, whatever ran before in the process.
 */
final class Init {
    private final Random random;

    Init(long seed) {
        this.random = new Random(seed);
    }

    /** Normal(0, sqrt(gain / fanIn)) weights of the given shape: gain 2 for ReLU layers (He), 1 otherwise. */
    INDArray normal(double gain, long fanIn, long... shape) {
        double std = Math.sqrt(gain / fanIn);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] values = new float[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return Nd4j.create(values, shape, 'c');
    }

    /** Zero biases. */
    static INDArray zeros(long... shape) {
        return Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
    }
}
