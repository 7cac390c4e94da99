package aekit.train.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LossesTest {
    private static final double[] LOGITS = {-3.0, -0.5, 0.0, 0.7, 2.5, 40.0};
    private static final double[] TARGETS = {0.0, 0.2, 0.5, 1.0, 0.9, 0.0};

    private static double bceByHand() {
        double sum = 0;
        for (int i = 0; i < LOGITS.length; i++) {
            double p = 1 / (1 + Math.exp(-LOGITS[i]));
            double t = TARGETS[i];
            // the last element (z = 40, t = 0) saturates p to 1.0 in double: -log(1 - p) is then infinite, so use
            // the exact limit log(1 + e^z) - z*t for it
            sum += i == 5 ? Math.log1p(Math.exp(-40)) + 40 : -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
        }
        return sum / LOGITS.length;
    }

    private static SameDiff graph(BiFunction<SameDiff, SDVariable[], SDVariable> loss) {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.var("z", Nd4j.create(LOGITS, new long[] {2, 3}, DataType.DOUBLE));
        SDVariable t = sd.constant("t", Nd4j.create(TARGETS, new long[] {2, 3}, DataType.DOUBLE));
        sd.setLossVariables(loss.apply(sd, new SDVariable[] {z, t}));
        return sd;
    }

    @Test
    void bceMatchesHandComputedValue() {
        SameDiff sd = graph((s, v) -> Losses.binaryCrossEntropyWithLogits(s, "loss", v[0], v[1]));
        double got = sd.output(Map.of(), "loss").get("loss").getDouble(0);
        assertEquals(bceByHand(), got, 1e-12);
        // and a value worked out on paper: z = 0 gives log 2 whatever the target
        SameDiff zero = SameDiff.create();
        SDVariable z = zero.var("z", Nd4j.zeros(DataType.DOUBLE, 1, 4));
        SDVariable t = zero.constant("t", Nd4j.create(new double[] {0, 0.3, 0.6, 1}, new long[] {1, 4}));
        Losses.binaryCrossEntropyWithLogits(zero, "loss", z, t);
        assertEquals(Math.log(2), zero.output(Map.of(), "loss").get("loss").getDouble(0), 1e-12);
    }

    @Test
    void mseMatchesHandComputedValue() {
        SameDiff sd = graph((s, v) -> Losses.meanSquaredError(s, "loss", v[0], v[1]));
        double sum = 0;
        for (int i = 0; i < LOGITS.length; i++) {
            sum += (LOGITS[i] - TARGETS[i]) * (LOGITS[i] - TARGETS[i]);
        }
        assertEquals(sum / 6, sd.output(Map.of(), "loss").get("loss").getDouble(0), 1e-12);
    }

    @Test
    void bceGradientMatchesCentralDifferences() {
        checkGradient(graph((s, v) -> Losses.binaryCrossEntropyWithLogits(s, "loss", v[0], v[1])));
    }

    @Test
    void mseGradientMatchesCentralDifferences() {
        checkGradient(graph((s, v) -> Losses.meanSquaredError(s, "loss", v[0], v[1])));
    }

    /** Analytical d loss / d z against (f(z + h) - f(z - h)) / 2h, in double precision. */
    private static void checkGradient(SameDiff sd) {
        INDArray analytic = sd.calculateGradients(Map.of(), "z").get("z").dup();
        INDArray z = sd.getVariable("z").getArr();
        double h = 1e-6;
        for (int i = 0; i < z.length(); i++) {
            double orig = z.getDouble(i);
            z.putScalar(i, orig + h);
            double up = sd.output(Map.of(), "loss").get("loss").getDouble(0);
            z.putScalar(i, orig - h);
            double down = sd.output(Map.of(), "loss").get("loss").getDouble(0);
            z.putScalar(i, orig);
            double numeric = (up - down) / (2 * h);
            assertEquals(numeric, analytic.getDouble(i), 1e-7, "gradient element " + i);
        }
    }

    @Test
    void bceGradientIsSigmoidMinusTargetEverywhereIncludingZero() {
        SameDiff sd = graph((s, v) -> Losses.binaryCrossEntropyWithLogits(s, "loss", v[0], v[1]));
        INDArray g = sd.calculateGradients(Map.of(), "z").get("z");
        for (int i = 0; i < LOGITS.length; i++) {
            double expected = (1 / (1 + Math.exp(-LOGITS[i])) - TARGETS[i]) / LOGITS.length;
            assertEquals(expected, g.getDouble(i), 1e-12, "z = " + LOGITS[i]);
        }
    }

    @Test
    void bceStaysFiniteForHugeLogitsInFloat() {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.var("z", Nd4j.create(new float[] {-500f, 500f}, new long[] {1, 2}));
        SDVariable t = sd.constant("t", Nd4j.create(new float[] {1f, 0f}, new long[] {1, 2}));
        Losses.binaryCrossEntropyWithLogits(sd, "loss", z, t);
        assertEquals(500.0, sd.output(Map.of(), "loss").get("loss").getDouble(0), 1e-3);
    }
}
