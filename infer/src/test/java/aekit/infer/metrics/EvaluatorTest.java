package aekit.infer.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import aekit.infer.Autoencoder;
import aekit.infer.data.InputNoise;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one evaluation loop: its noise stream, batching, limits and what it keeps. */
class EvaluatorTest {
    private static float[] ramp(int n, int per) {
        float[] x = new float[n * per];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 17) / 16f;
        }
        return x;
    }

    @Test
    void theNoiseIsTheSeedsStreamWhateverTheBatch() throws Exception {
        float[] x = ramp(10, 6);
        InputNoise noise = new InputNoise(0.2, false);
        // the input noise is drawn in order from EvaluationNoise.input(seed): batch size does not change it
        float[] expected = noise.apply(x, 6, EvaluationNoise.input(7));
        for (int batch : new int[] {1, 3, 10}) {
            float[] seen = new float[x.length];
            Evaluator.Result r = new Evaluator(noise, 7, batch).keepOutputs().run(Evaluator.images(x, 10),
                    (noisy, start, b) -> {
                        System.arraycopy(noisy, 0, seen, start * 6, b * 6);
                        return noisy;
                    });
            assertArrayEquals(expected, seen, "batch " + batch);
            assertArrayEquals(expected, r.outputs());
            assertEquals(r.noisy().meanMse(), r.output().meanMse(), 0);
            assertEquals(10, r.images());
        }
    }

    @Test
    void aPerfectModelScoresZeroErrorAndLimitsCount() throws Exception {
        float[] x = ramp(9, 4);
        Evaluator.Result r = new Evaluator(new InputNoise(0.3, true), 1, 4).limit(5).run(Evaluator.images(x, 9),
                (noisy, start, b) -> java.util.Arrays.copyOfRange(x, start * 4, (start + b) * 4));
        assertEquals(5, r.images());
        assertEquals(0, r.output().meanMse(), 0);
        assertNotEquals(0, r.noisy().meanMse());
        assertThrows(IllegalStateException.class, () -> new Evaluator(InputNoise.NONE, 1, 4)
                .run(Evaluator.images(x, 9), (noisy, start, b) -> new float[1]));
    }

    @Test
    void anAutoencodersCodesAndChannelNoiseFollowTheSeed() throws Exception {
        try (Autoencoder ae = Autoencoder.open("mnist-ae")) {
            float[] x = ramp(6, 784);
            Evaluator.Result clean = new Evaluator(InputNoise.NONE, 3, 4).keepCodes().run(Evaluator.images(x, 6), ae, 0);
            assertArrayEquals(ae.encode(x, 6), clean.codes(), 1e-6f);
            assertArrayEquals(ae.decode(ae.encode(x, 6), 6), new Evaluator(InputNoise.NONE, 3, 4).keepOutputs()
                    .run(Evaluator.images(x, 6), ae, 0).outputs(), 1e-6f);
            Evaluator.Result a = new Evaluator(InputNoise.NONE, 3, 4).run(Evaluator.images(x, 6), ae, 0.5);
            Evaluator.Result b = new Evaluator(InputNoise.NONE, 3, 4).run(Evaluator.images(x, 6), ae, 0.5,
                    EvaluationNoise.channel(3));
            Evaluator.Result c = new Evaluator(InputNoise.NONE, 3, 4).run(Evaluator.images(x, 6), ae, 0.5,
                    new Random(99));
            assertEquals(a.output().meanMse(), b.output().meanMse(), 0);
            assertNotEquals(a.output().meanMse(), c.output().meanMse());
        }
    }
}
