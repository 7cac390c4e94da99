package aekit.train.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ConvAutoencoderTest {
    @Test
    void mnistShapeChainMirrors() {
        ConvAutoencoderConfig c = ConvAutoencoderConfig.mnist(2);
        assertEquals(List.of(28, 14, 7, 3), c.heights());
        assertEquals(32 * 3 * 3, c.flatSize());
        ConvAutoencoderConfig dogs = ConvAutoencoderConfig.dense(3, 64, 64, List.of(32, 64, 16), 3, 128, 10);
        assertEquals(List.of(64, 32, 16, 8), dogs.heights());
    }

    @Test
    void graphHasNamedShapes() {
        ConvAutoencoderConfig c = ConvAutoencoderConfig.mnist(2);
        SameDiff sd = ConvAutoencoder.build(c, LossKind.BCE, 1);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 1, 28, 28);
        Map<String, INDArray> out = sd.output(Map.of(GraphNames.IMAGE, x, GraphNames.TARGET, x),
                GraphNames.LATENT, GraphNames.RECONSTRUCTION, GraphNames.LOSS);
        assertArrayEquals(new long[] {5, 2}, out.get(GraphNames.LATENT).shape());
        assertArrayEquals(new long[] {5, 1, 28, 28}, out.get(GraphNames.RECONSTRUCTION).shape());
        INDArray rec = out.get(GraphNames.RECONSTRUCTION);
        assertTrue(rec.minNumber().doubleValue() > 0 && rec.maxNumber().doubleValue() < 1, "sigmoid output in (0,1)");
        assertEquals(0, out.get(GraphNames.LOSS).rank());
    }

    @Test
    void upsamplingDecoderMirrorsTheShapesWithConvolutionsWhereSidesDouble() {
        ConvAutoencoderConfig c = ConvAutoencoderConfig.mnist(2).withUpsampling(true);
        SameDiff sd = ConvAutoencoder.build(c, LossKind.BCE, 1);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 1, 28, 28);
        INDArray rec = sd.output(Map.of(GraphNames.IMAGE, x), GraphNames.RECONSTRUCTION).get(GraphNames.RECONSTRUCTION);
        assertArrayEquals(new long[] {3, 1, 28, 28}, rec.shape());
        // 3 -> 7 (odd) stays a valid transposed convolution; 7 -> 14 and 14 -> 28 are upsampling + convolution
        assertTrue(sd.hasVariable("dec2_W") && sd.getVariable("dec2_W").getShape()[2] == 16, "deconv [kH,kW,oC,iC]");
        assertArrayEquals(new long[] {3, 3, 16, 8}, sd.getVariable("dec1_W").getShape(), "conv [kH,kW,iC,oC]");
        assertArrayEquals(new long[] {3, 3, 8, 1}, sd.getVariable("dec0_W").getShape());
        long upsamplings = sd.getOps().values().stream().filter(o -> o.getOp().opName().equals("upsampling2d")).count();
        assertEquals(2, upsamplings);
        ConvAutoencoderConfig dogs = ConvAutoencoderConfig.spatial(3, 64, 64, List.of(8, 8, 8), 3, 4).withUpsampling(true);
        INDArray rgb = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 64, 64);
        assertArrayEquals(new long[] {2, 3, 64, 64}, ConvAutoencoder.build(dogs, LossKind.MSE, 1)
                .output(Map.of(GraphNames.IMAGE, rgb), GraphNames.RECONSTRUCTION).get(GraphNames.RECONSTRUCTION).shape());
    }

    @Test
    void configsWrittenBeforeTheDecoderOptionReadAsTransposedConvolutions() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String old = "{\"type\":\"conv\",\"channels\":1,\"height\":28,\"width\":28,\"encoderChannels\":[8,16,32],"
                + "\"kernel\":3,\"denseUnits\":64,\"latentDim\":2,\"latentChannels\":0,\"powerNormalised\":false}";
        AutoencoderConfig read = json.readValue(old, AutoencoderConfig.class);
        assertEquals(ConvAutoencoderConfig.mnist(2), read);
        assertFalse(((ConvAutoencoderConfig) read).upsampling());
        ConvAutoencoderConfig up = ConvAutoencoderConfig.mnist(2).withUpsampling(true);
        assertEquals(up, json.readValue(json.writerFor(AutoencoderConfig.class).writeValueAsString(up),
                AutoencoderConfig.class));
    }

    @Test
    void rgbGraphWithEvenSides() {
        ConvAutoencoderConfig c = ConvAutoencoderConfig.dense(3, 32, 32, List.of(8, 8), 3, 16, 4);
        SameDiff sd = ConvAutoencoder.build(c, LossKind.MSE, 1);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 32, 32);
        INDArray rec = sd.output(Map.of(GraphNames.IMAGE, x), GraphNames.RECONSTRUCTION).get(GraphNames.RECONSTRUCTION);
        assertArrayEquals(new long[] {2, 3, 32, 32}, rec.shape());
    }

    @Test
    void spatialLatentKeepsTheLastLevelsFeatureMaps() {
        ConvAutoencoderConfig c = ConvAutoencoderConfig.spatial(3, 64, 64, List.of(8, 8, 8), 3, 16);
        assertEquals(List.of(16, 8, 8), c.latentShape());
        SameDiff sd = ConvAutoencoder.build(c, LossKind.MSE, 1);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 64, 64);
        Map<String, INDArray> out = sd.output(Map.of(GraphNames.IMAGE, x), GraphNames.LATENT, GraphNames.RECONSTRUCTION);
        assertArrayEquals(new long[] {2, 16, 8, 8}, out.get(GraphNames.LATENT).shape());
        assertArrayEquals(new long[] {2, 3, 64, 64}, out.get(GraphNames.RECONSTRUCTION).shape());
        assertEquals(List.of(2), ConvAutoencoderConfig.mnist(2).latentShape());
        ConvAutoencoderConfig odd = ConvAutoencoderConfig.spatial(1, 28, 28, List.of(16, 32), 3, 8);
        assertEquals(List.of(8, 7, 7), odd.latentShape());
    }

    @Test
    void sameSeedSameInitialWeights() {
        SameDiff a = ConvAutoencoder.build(ConvAutoencoderConfig.mnist(2), LossKind.BCE, 9);
        SameDiff b = ConvAutoencoder.build(ConvAutoencoderConfig.mnist(2), LossKind.BCE, 9);
        assertEquals(a.getVariable("enc0_W").getArr(), b.getVariable("enc0_W").getArr());
        assertEquals(a.getVariable("dec0_W").getArr(), b.getVariable("dec0_W").getArr());
    }

    @Test
    void configValidationNamesTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvAutoencoderConfig.dense(2, 28, 28, List.of(8), 3, 64, 2));
        assertEquals("channels must be 1 or 3, got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConvAutoencoderConfig.dense(1, 28, 28, List.of(8, 8, 8, 8, 8), 3, 64, 2));
        assertTrue(e.getMessage().startsWith("encoderChannels: 5 levels shrink 28x28 below the kernel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConvAutoencoderConfig.dense(1, 28, 28, List.of(8), 4, 64, 2));
        assertEquals("kernel must be odd and positive, got 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConvAutoencoderConfig.dense(1, 28, 28, List.of(8), 3, 64, 0));
        assertEquals("latentDim must be positive, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ConvAutoencoderConfig(1, 28, 28, List.of(8), 3, 64, 0, 8));
        assertEquals("latentChannels 8 (a spatial latent) takes no dense layers: denseUnits and latentDim must be 0, "
                + "got 64 and 0", e.getMessage());
    }
}
