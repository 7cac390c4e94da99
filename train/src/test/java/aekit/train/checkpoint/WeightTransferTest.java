package aekit.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.train.graph.ConvAutoencoder;
import aekit.train.graph.ConvAutoencoderConfig;
import aekit.train.graph.LossKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;

class WeightTransferTest {
    private static final ConvAutoencoderConfig PLAIN = ConvAutoencoderConfig.spatial(3, 32, 32, List.of(4, 8), 3, 4);

    @Test
    void aNoisyChannelModelStartsFromThePlainModelsWeights() {
        SameDiff plain = ConvAutoencoder.build(PLAIN, LossKind.MSE, 1);
        SameDiff channel = ConvAutoencoder.build(PLAIN.withPowerNormalisation(), LossKind.MSE, 2);
        assertNotEquals(plain.getVariable("enc0_W").getArr(), channel.getVariable("enc0_W").getArr());
        int n = WeightTransfer.copy(plain, channel, "plain");
        assertEquals(12, n, "weights and biases of 2 convs, the latent conv, its mirror and 2 deconvs");
        for (String v : List.of("enc0_W", "enc_latent_W", "dec_latent_b", "dec0_W")) {
            assertEquals(plain.getVariable(v).getArr(), channel.getVariable(v).getArr(), v);
        }
    }

    @Test
    void anotherArchitectureIsRefusedByName() {
        SameDiff other = ConvAutoencoder.build(ConvAutoencoderConfig.spatial(3, 32, 32, List.of(4, 16), 3, 4),
                LossKind.MSE, 1);
        SameDiff target = ConvAutoencoder.build(PLAIN, LossKind.MSE, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightTransfer.copy(other, target, "runs/x"));
        assertTrue(e.getMessage().startsWith("runs/x: its weights do not fit this model ("), e.getMessage());
        assertTrue(e.getMessage().contains("dec_latent_b is [16], expected [8]"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; 3 more)"), e.getMessage());
    }
}
