package aekit.train.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import aekit.train.checkpoint.Checkpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MlpAutoencoderTest {
    @Test
    void textbookModelHasTheNamedShapesAndSigmoidCodes() {
        MlpAutoencoderConfig cfg = new MlpAutoencoderConfig(1, 28, 28, List.of(256, 128), 100, "sigmoid");
        SameDiff sd = cfg.build(LossKind.BCE, 1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28);
        Map<String, INDArray> out = sd.output(Map.of(GraphNames.IMAGE, x, GraphNames.TARGET, x), GraphNames.LATENT,
                GraphNames.RECONSTRUCTION, GraphNames.LOSS);
        assertArrayEquals(new long[] {3, 100}, out.get(GraphNames.LATENT).shape());
        assertArrayEquals(new long[] {3, 1, 28, 28}, out.get(GraphNames.RECONSTRUCTION).shape());
        double min = out.get(GraphNames.LATENT).minNumber().doubleValue();
        double max = out.get(GraphNames.LATENT).maxNumber().doubleValue();
        assertEquals(0.5, (min + max) / 2, 0.5, "sigmoid codes in (0, 1): " + min + ".." + max);
        long encoder = 784 * 256 + 256 + 256 * 128 + 128 + 128 * 100 + 100;
        long decoder = 100 * 128 + 128 + 128 * 256 + 256 + 256 * 784 + 784;
        assertEquals(encoder + decoder, weights(sd), "encoder and mirrored decoder");
    }

    private static long weights(SameDiff sd) {
        return sd.variables().stream().filter(v -> v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE)
                .mapToLong(v -> v.getArr().length()).sum();
    }

    @Test
    void blogModelHasNoHiddenLayerAndChecksItsOptions() {
        MlpAutoencoderConfig cfg = new MlpAutoencoderConfig(1, 28, 28, List.of(), 128, "relu");
        assertEquals(784 * 128 + 128 + 128 * 784 + 784, weights(cfg.build(LossKind.BCE, 2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MlpAutoencoderConfig(1, 28, 28, List.of(), 128, "tanh"));
        assertEquals("activation must be sigmoid or relu, got tanh", e.getMessage());
        assertEquals("--activation must be sigmoid or relu, got tanh", aekit.train.cli.TrainOptions.withFlags(e.getMessage()));
    }

    @Test
    void checkpointsRememberWhichKindOfModelTheyHold() throws Exception {
        var spec = new aekit.train.checkpoint.RunSpec("mnist-mlp-ae",
                new MlpAutoencoderConfig(1, 28, 28, List.of(16), 8, "relu"), LossKind.BCE,
                aekit.train.trainer.TrainConfig.defaults(), new aekit.infer.data.DatasetInfo("m", "d", 1, 1, "s"),
                aekit.train.TrainBuild.current());
        String json = Checkpoint.JSON.writeValueAsString(spec);
        assertEquals(spec, Checkpoint.JSON.readValue(json, aekit.train.checkpoint.RunSpec.class));
        String conv = Checkpoint.JSON.writeValueAsString(ConvAutoencoderConfig.mnist(2)).replace("\"type\":\"conv\",", "");
        assertEquals(ConvAutoencoderConfig.mnist(2), Checkpoint.JSON.readValue(conv, AutoencoderConfig.class),
                "a config without a type (older checkpoints) is convolutional");
    }
}
