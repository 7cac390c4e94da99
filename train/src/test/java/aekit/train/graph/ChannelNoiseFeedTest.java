package aekit.train.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The noisy channel: power normalisation of the code and the channel-noise input of the decoder. */
class ChannelNoiseFeedTest {
    private static final ConvAutoencoderConfig CFG =
            ConvAutoencoderConfig.spatial(3, 32, 32, List.of(8, 8), 3, 4).withPowerNormalisation();

    @Test
    void codesHaveUnitMeanPower() {
        SameDiff sd = ConvAutoencoder.build(CFG, LossKind.MSE, 3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 3, 32, 32).muli(3); // any scale in
        float[] z = sd.output(ChannelNoiseFeed.cleanInputs(sd, x), GraphNames.LATENT).get(GraphNames.LATENT)
                .dup('c').data().asFloat();
        int d = 4 * 8 * 8;
        assertEquals(6 * d, z.length);
        for (int i = 0; i < 6; i++) {
            double p = 0;
            for (int j = 0; j < d; j++) {
                p += (double) z[i * d + j] * z[i * d + j];
            }
            assertEquals(1.0, p / d, 1e-5, "mean power of code " + i);
        }
    }

    @Test
    void noiseHasTheRequestedVarianceAndZeroMean() {
        SameDiff sd = ConvAutoencoder.build(CFG, LossKind.MSE, 3);
        assertTrue(ChannelNoiseFeed.present(sd));
        for (double v : new double[] {0.05, 0.1, 0.15}) {
            float[] n = ChannelNoiseFeed.batch(sd, 500, v, new Random(1)).data().asFloat(); // 500 x 256 values
            double sum = 0;
            double sq = 0;
            for (float f : n) {
                sum += f;
                sq += (double) f * f;
            }
            double mean = sum / n.length;
            assertEquals(0, mean, 0.005, "mean at variance " + v);
            assertEquals(v, sq / n.length - mean * mean, v * 0.02, "variance " + v);
        }
        assertArrayEquals(new float[500 * 256], ChannelNoiseFeed.batch(sd, 500, 0, null).data().asFloat());
        assertArrayEquals(ChannelNoiseFeed.batch(sd, 3, 0.1, new Random(5)).data().asFloat(),
                ChannelNoiseFeed.batch(sd, 3, 0.1, new Random(5)).data().asFloat(), "a function of the RNG's seed");
    }

    @Test
    void theDecoderSeesTheNoiseAndPlainModelsHaveNoChannel() {
        SameDiff sd = ConvAutoencoder.build(CFG, LossKind.MSE, 3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32);
        Map<String, INDArray> clean = ChannelNoiseFeed.cleanInputs(sd, x);
        Map<String, INDArray> noisy = Map.of(GraphNames.IMAGE, x,
                GraphNames.CHANNEL_NOISE, ChannelNoiseFeed.batch(sd, 2, 0.1, new Random(2)));
        INDArray a = sd.output(clean, GraphNames.RECONSTRUCTION).get(GraphNames.RECONSTRUCTION);
        INDArray b = sd.output(noisy, GraphNames.RECONSTRUCTION).get(GraphNames.RECONSTRUCTION);
        assertFalse(a.equalsWithEps(b, 1e-6), "channel noise changes the reconstruction");
        assertFalse(ChannelNoiseFeed.present(ConvAutoencoder.build(ConvAutoencoderConfig.mnist(2), LossKind.BCE, 1)));
    }
}
