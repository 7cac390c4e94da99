package aekit.train.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassifierTest {
    /** n points of d values: class k is a Gaussian blob around its own centre. */
    private static float[] blobs(byte[] labels, int d, long seed) {
        Random r = new Random(seed);
        float[] x = new float[labels.length * d];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 3);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) ((j % 3 == labels[i] ? 3 : 0) + r.nextGaussian() * 0.7 + 100);
            }
        }
        return x;
    }

    @Test
    void learnsSeparableClassesAndIsReproducible() {
        byte[] yTrain = new byte[600];
        byte[] yTest = new byte[300];
        float[] xTrain = blobs(yTrain, 6, 1);
        float[] xTest = blobs(yTest, 6, 2);
        Classifier a = Classifier.train(xTrain, yTrain, 6, 3, 16, 5, 32, 1e-2, 7, (loss, e) -> { });
        double acc = a.accuracy(xTest, yTest);
        assertTrue(acc > 0.97, "test accuracy " + acc + " (features offset by 100: standardisation matters)");
        Classifier b = Classifier.train(xTrain, yTrain, 6, 3, 16, 5, 32, 1e-2, 7, (loss, e) -> { });
        assertEquals(acc, b.accuracy(xTest, yTest), 0.0, "same seed, same classifier");
    }
}
