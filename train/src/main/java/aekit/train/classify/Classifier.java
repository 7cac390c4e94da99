package aekit.train.classify;

import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A small MLP classifier (d -> hidden ReLU -> classes, softmax cross-entropy, Adam) trained with SameDiff on feature
 * vectors, e.g. a frozen encoder's codes or raw pixels. Features are standardised with the training set's per-feature
 * mean and standard deviation. Weights and shuffling come from the seed.
 */
public final class Classifier {
    private final SameDiff sd;
    private final int d;
    private final int classes;
    private final float[] mean;
    private final float[] scale;

    private Classifier(SameDiff sd, int d, int classes, float[] mean, float[] scale) {
        this.sd = sd;
        this.d = d;
        this.classes = classes;
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * Trains on n feature vectors of d values (row-major) with labels 0..classes-1.
     *
     * @param progress called after each epoch with (epoch, training loss of the last batch)
     */
    public static Classifier train(float[] x, byte[] labels, int d, int classes, int hidden, int epochs, int batch,
                                   double lr, long seed, java.util.function.ObjIntConsumer<Double> progress) {
        int n = labels.length;
        float[] mean = new float[d];
        float[] scale = new float[d];
        for (int j = 0; j < d; j++) {
            double s = 0;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                s += x[i * d + j];
                ss += (double) x[i * d + j] * x[i * d + j];
            }
            double m = s / n;
            double sdv = Math.sqrt(Math.max(0, ss / n - m * m));
            mean[j] = (float) m;
            scale[j] = (float) (sdv > 1e-6 ? 1 / sdv : 1); // constant features (e.g. border pixels) stay 0
        }
        Random rng = new Random(seed);
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.FLOAT, -1, d);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, classes);
        SDVariable h = sd.nn.relu(in.mmul(sd.var("w1", normal(rng, Math.sqrt(2.0 / d), d, hidden)))
                .add(sd.var("b1", Nd4j.zeros(DataType.FLOAT, hidden))), 0); // (N, hidden)
        SDVariable z = h.mmul(sd.var("w2", normal(rng, Math.sqrt(1.0 / hidden), hidden, classes)))
                .add(sd.var("b2", Nd4j.zeros(DataType.FLOAT, classes))); // (N, classes) logits
        sd.identity("logits", z);
        // softmax cross-entropy from basic ops: mean over the batch of logsumexp(z) - sum(y * z)
        SDVariable m = sd.max(z, true, 1);
        SDVariable lse = m.add(sd.math.log(sd.sum(sd.math.exp(z.sub(m)), true, 1)));
        SDVariable loss = sd.mean("loss", lse.sub(sd.sum(y.mul(z), true, 1)));
        sd.setLossVariables(loss);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(lr)).dataSetFeatureMapping("x")
                .dataSetLabelMapping("y").build());
        Classifier c = new Classifier(sd, d, classes, mean, scale);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double last = Double.NaN;
            for (int start = 0; start < n; start += batch) {
                int b = Math.min(batch, n - start);
                int[] idx = java.util.Arrays.copyOfRange(order, start, start + b);
                INDArray fx = c.features(x, idx);
                INDArray fy = oneHot(labels, idx, classes);
                sd.fit(new DataSet(fx, fy));
                if (start + b >= n) {
                    last = sd.output(java.util.Map.of("x", fx, "y", fy), "loss").get("loss").getDouble(0);
                }
            }
            progress.accept(last, epoch + 1);
        }
        return c;
    }

    /** Share of the n examples whose arg-max class equals the label. */
    public double accuracy(float[] x, byte[] labels) {
        int n = labels.length;
        int right = 0;
        for (int start = 0; start < n; start += 1000) {
            int b = Math.min(1000, n - start);
            int[] idx = new int[b];
            for (int i = 0; i < b; i++) {
                idx[i] = start + i;
            }
            INDArray z = sd.output(java.util.Map.of("x", features(x, idx)), "logits").get("logits");
            INDArray pred = z.argMax(1);
            for (int i = 0; i < b; i++) {
                right += pred.getInt(i) == labels[start + i] ? 1 : 0;
            }
        }
        return right / (double) n;
    }

    private INDArray features(float[] x, int[] idx) {
        float[] f = new float[idx.length * d];
        for (int i = 0; i < idx.length; i++) {
            for (int j = 0; j < d; j++) {
                f[i * d + j] = (x[idx[i] * d + j] - mean[j]) * scale[j];
            }
        }
        return Nd4j.create(f, new long[] {idx.length, d}, 'c');
    }

    private static INDArray oneHot(byte[] labels, int[] idx, int classes) {
        float[] y = new float[idx.length * classes];
        for (int i = 0; i < idx.length; i++) {
            y[i * classes + labels[idx[i]]] = 1;
        }
        return Nd4j.create(y, new long[] {idx.length, classes}, 'c');
    }

    private static INDArray normal(Random rng, double std, int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rng.nextGaussian() * std);
        }
        return Nd4j.create(v, new long[] {rows, cols}, 'c');
    }
}
