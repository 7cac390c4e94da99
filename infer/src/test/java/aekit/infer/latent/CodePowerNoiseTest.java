package aekit.infer.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CodePowerNoiseTest {
    @Test
    void noiseVarianceIsVTimesTheCodesPower() {
        int d = 4096;
        for (double power : new double[] {1, 9}) {
            float[] z = new float[d];
            java.util.Arrays.fill(z, (float) Math.sqrt(power)); // mean power = power
            float[] noisy = CodePowerNoise.add(z.clone(), 1, d, 0.1, new Random(4));
            double sum = 0;
            double sq = 0;
            for (int j = 0; j < d; j++) {
                double e = noisy[j] - z[j];
                sum += e;
                sq += e * e;
            }
            assertEquals(0, sum / d, 0.03 * Math.sqrt(power), "zero mean");
            assertEquals(0.1 * power, sq / d, 0.1 * power * 0.06, "variance at power " + power);
        }
    }
}
