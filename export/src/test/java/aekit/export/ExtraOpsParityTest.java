package aekit.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.export.onnx.OnnxExporter;
import aekit.infer.data.DatasetInfo;
import aekit.infer.image.Preprocessing;
import aekit.infer.model.BuildInfo;
import aekit.infer.model.InputSpec;
import aekit.infer.model.ModelManifest;
import aekit.infer.Autoencoder;
import aekit.infer.model.TrainingSummary;
import aekit.train.graph.GraphNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parity for the ops the later architectures use: max pooling, nearest upsampling, the power normalisation
 * x / sqrt(mean(x^2)) over each code, and scalar arithmetic; ONNX Runtime against SameDiff within 1e-5.
 */
class ExtraOpsParityTest {
    @TempDir
    Path tmp;

    private static SDVariable conv(SameDiff sd, String name, SDVariable x, int in, int out, Random r) {
        float[] w = new float[9 * in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * Math.sqrt(2.0 / (9 * in)));
        }
        float[] b = new float[out];
        for (int i = 0; i < out; i++) {
            b[i] = (float) (0.1 * r.nextGaussian());
        }
        return sd.cnn.conv2d(name, x, sd.var(name + "_W", Nd4j.create(w, new long[] {3, 3, in, out}, 'c')),
                sd.var(name + "_b", Nd4j.create(b, new long[] {out}, 'c')),
                Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).paddingMode(PaddingMode.SAME).dataFormat("NCHW").build());
    }

    @Test
    void poolingUpsamplingPowerNormalisationAndScalars() throws Exception {
        Random r = new Random(4);
        SameDiff sd = SameDiff.create();
        SDVariable image = sd.placeHolder(GraphNames.IMAGE, DataType.FLOAT, -1, 1, 28, 28);
        SDVariable x = sd.nn.relu(conv(sd, "c1", image, 1, 4, r), 0); // (N, 4, 28, 28)
        x = sd.cnn.maxPooling2d(x, Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2)
                .paddingMode(PaddingMode.VALID).isNHWC(false).build()); // (N, 4, 14, 14)
        x = sd.cnn.upsampling2d(x, 2, 2, true); // (N, 4, 28, 28)
        x = conv(sd, "c2", x, 4, 2, r).mul(2.0).add(0.25); // (N, 2, 28, 28)
        SDVariable power = sd.mean(x.mul(x), true, 1, 2, 3); // (N, 1, 1, 1)
        SDVariable latent = sd.identity(GraphNames.LATENT, x.div(sd.math.sqrt(power)));
        SDVariable y = conv(sd, "c3", latent, 2, 1, r).rsub(0.5).div(2.0);
        sd.nn.sigmoid(GraphNames.RECONSTRUCTION, y);

        InputSpec in = InputSpec.of(new Preprocessing(1, 28, 28, Preprocessing.STRETCH));
        BuildInfo b = new BuildInfo("t", "t", "t", "t");
        ModelManifest m = new ModelManifest(ModelManifest.FORMAT, "extra-ops-test", in, List.of(2L, 28L, 28L), true,
                new TrainingSummary("MSE", 0, 1, 1e-3, 0.9, 0.999, 0, 1, "none", "none"),
                new DatasetInfo("none", "none", 0, 0, "none"), Map.of(), b, b, null);
        Path dir = tmp.resolve("bundle");
        BundleWriter.write(dir, OnnxExporter.export(sd, m), m, false);
        try (Autoencoder onnx = Autoencoder.open(dir)) {
            for (int batch : new int[] {1, 64}) {
                double[] d = ExportParityTest.maxDiffs(sd, onnx, ExportParityTest.randomImages(1, 28, 28, 64), 64, batch);
                System.out.printf("parity extra-ops batch %d: encoder %.2e decoder %.2e end-to-end %.2e%n", batch,
                        d[0], d[1], d[2]);
                for (double v : d) {
                    assertTrue(v <= ExportParityTest.TOLERANCE, "batch " + batch + ": max abs diff " + v);
                }
            }
            // the exported encoder power-normalises: every code has mean square 1
            float[] codes = onnx.encode(new float[28 * 28], 1);
            double ms = 0;
            for (float c : codes) {
                ms += c * c;
            }
            assertTrue(Math.abs(ms / codes.length - 1) < 1e-4, "mean power " + ms / codes.length);
        }
    }

    @Test
    void spaceToDepthAndDepthToSpace() throws Exception {
        Random r = new Random(5);
        SameDiff sd = SameDiff.create();
        SDVariable image = sd.placeHolder(GraphNames.IMAGE, DataType.FLOAT, -1, 3, 16, 16);
        SDVariable x = sd.cnn.spaceToDepth(image, 2, org.nd4j.enums.DataFormat.NCHW); // (N, 12, 8, 8)
        SDVariable latent = sd.identity(GraphNames.LATENT, conv(sd, "c1", x, 12, 12, r)); // (N, 12, 8, 8)
        SDVariable y = sd.cnn.depthToSpace(latent, 2, org.nd4j.enums.DataFormat.NCHW); // (N, 3, 16, 16)
        sd.nn.sigmoid(GraphNames.RECONSTRUCTION, y);

        InputSpec in = InputSpec.of(new Preprocessing(3, 16, 16, Preprocessing.STRETCH));
        BuildInfo b = new BuildInfo("t", "t", "t", "t");
        ModelManifest m = new ModelManifest(ModelManifest.FORMAT, "s2d-test", in, List.of(12L, 8L, 8L), false,
                new TrainingSummary("MSE", 0, 1, 1e-3, 0.9, 0.999, 0, 1, "none", "none"),
                new DatasetInfo("none", "none", 0, 0, "none"), Map.of(), b, b, null);
        Path dir = tmp.resolve("s2d");
        BundleWriter.write(dir, OnnxExporter.export(sd, m), m, false);
        try (Autoencoder onnx = Autoencoder.open(dir)) {
            double[] d = ExportParityTest.maxDiffs(sd, onnx, ExportParityTest.randomImages(3, 16, 16, 16), 16, 4);
            for (double v : d) {
                assertTrue(v <= ExportParityTest.TOLERANCE, "max abs diff " + v);
            }
        }
    }
}
