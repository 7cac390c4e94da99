package aekit.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.export.onnx.OnnxExporter;
import aekit.infer.data.DatasetInfo;
import aekit.infer.data.GreyImages;
import aekit.infer.data.ImageTensors;
import aekit.infer.data.Mnist;
import aekit.infer.model.ModelManifest;
import aekit.infer.Autoencoder;
import aekit.train.TrainBuild;
import aekit.train.checkpoint.Checkpoint;
import aekit.train.checkpoint.RunSpec;
import aekit.train.checkpoint.TrainingState;
import aekit.train.graph.ConvAutoencoder;
import aekit.train.graph.ConvAutoencoderConfig;
import aekit.train.graph.GraphNames;
import aekit.train.graph.LossKind;
import aekit.train.trainer.StopSignal;
import aekit.train.trainer.TrainConfig;
import aekit.train.trainer.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ONNX Runtime on the exported files against SameDiff on the same inputs, fresh and trained, batch 1 and 64. */
class ExportParityTest {
    static final double TOLERANCE = 1e-5;
    private static final Path FIXTURES = Path.of(System.getProperty("aekit.fixtures", "../fixtures"));

    @TempDir
    Path tmp;

    static GreyImages digits(Mnist.Split split, int n) throws Exception {
        return Mnist.load(FIXTURES.resolve("mnist"), split).images().head(n);
    }

    static RunSpec spec(aekit.train.graph.AutoencoderConfig model, LossKind loss, int epochs) {
        return new RunSpec("test-" + model.channels() + "x" + model.height(), model, loss,
                new TrainConfig(epochs, 64, 2e-3, 0.9, 0.999, 0, 11, 0, null),
                new DatasetInfo("fixture", "fixtures", 512, 64, "sha"), TrainBuild.current());
    }

    /** Max |ORT - SameDiff| for encoder, decoder and end to end, for the first n images of data. */
    static double[] maxDiffs(SameDiff sd, Autoencoder onnx, ImageTensors data, int n, int batch) throws Exception {
        double[] worst = new double[3];
        for (int start = 0; start < n; start += batch) {
            int b = Math.min(batch, n - start);
            int[] idx = new int[b];
            for (int i = 0; i < b; i++) {
                idx[i] = start + i;
            }
            float[] x = data.batch(idx);
            INDArray in = Nd4j.create(x, new long[] {b, data.channels(), data.height(), data.width()}, 'c');
            Map<String, INDArray> ref = sd.output(aekit.train.graph.ChannelNoiseFeed.cleanInputs(sd, in), GraphNames.LATENT,
                    GraphNames.RECONSTRUCTION);
            float[] refLatent = ref.get(GraphNames.LATENT).dup('c').data().asFloat();
            float[] refRec = ref.get(GraphNames.RECONSTRUCTION).dup('c').data().asFloat();
            worst[0] = Math.max(worst[0], maxAbs(refLatent, onnx.encode(x, b)));
            worst[1] = Math.max(worst[1], maxAbs(refRec, onnx.decode(refLatent, b)));
            worst[2] = Math.max(worst[2], maxAbs(refRec, onnx.reconstruct(x, b)));
        }
        return worst;
    }

    static double maxAbs(float[] a, float[] b) {
        assertEquals(a.length, b.length, "output sizes");
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private Path export(Checkpoint cp, String name) throws Exception {
        ModelManifest manifest = ManifestFactory.of(cp);
        Path dir = tmp.resolve(name);
        BundleWriter.write(dir, OnnxExporter.export(cp.graph(), manifest), manifest, false);
        return dir;
    }

    private void assertParity(Checkpoint cp, ImageTensors data, String name) throws Exception {
        Path dir = export(cp, name);
        try (Autoencoder onnx = Autoencoder.open(dir)) {
            for (int batch : new int[] {1, 64}) {
                double[] d = maxDiffs(cp.graph(), onnx, data, 64, batch);
                System.out.printf("parity %s batch %d: encoder %.2e decoder %.2e end-to-end %.2e%n", name, batch,
                        d[0], d[1], d[2]);
                for (double v : d) {
                    assertTrue(v <= TOLERANCE, name + " batch " + batch + ": max abs diff " + v);
                }
            }
        }
    }

    @Test
    void mnistFreshWeights() throws Exception {
        RunSpec spec = spec(ConvAutoencoderConfig.mnist(2), LossKind.BCE, 1);
        SameDiff sd = spec.model().build(spec.loss(), 3);
        assertParity(new Checkpoint(sd, TrainingState.start(spec)), digits(Mnist.Split.TEST, 64), "mnist-fresh");
    }

    @Test
    void mnistTrainedWeightsThroughACheckpoint() throws Exception {
        RunSpec spec = spec(ConvAutoencoderConfig.mnist(2), LossKind.BCE, 2);
        SameDiff sd = spec.model().build(spec.loss(), 3);
        Trainer.configure(sd, spec);
        Path cpFile = tmp.resolve("run/checkpoint.zip");
        new Trainer(digits(Mnist.Split.TRAIN, 512), digits(Mnist.Split.TEST, 64), cpFile, new StopSignal(),
                new PrintStream(new ByteArrayOutputStream()), false).run(new Checkpoint(sd, TrainingState.start(spec)));
        Checkpoint loaded = Checkpoint.load(cpFile);
        assertEquals(2, loaded.state().history().size());
        assertParity(loaded, digits(Mnist.Split.TEST, 64), "mnist-trained");
    }

    @Test
    void upsamplingDecodersFreshWeights() throws Exception {
        RunSpec mnist = spec(ConvAutoencoderConfig.mnist(2).withUpsampling(true), LossKind.BCE, 1);
        assertParity(new Checkpoint(mnist.model().build(mnist.loss(), 3), TrainingState.start(mnist)),
                digits(Mnist.Split.TEST, 64), "mnist-upsample-fresh");
        RunSpec rgb = spec(ConvAutoencoderConfig.spatial(3, 32, 32, List.of(8, 8), 3, 4).withUpsampling(true)
                .withPowerNormalisation(), LossKind.MSE, 1);
        assertParity(new Checkpoint(rgb.model().build(rgb.loss(), 9), TrainingState.start(rgb)),
                randomImages(3, 32, 32, 64), "rgb32-upsample-channel-fresh");
    }

    @Test
    void rgbWithWiderLatentFreshWeights() throws Exception {
        RunSpec spec = spec(ConvAutoencoderConfig.dense(3, 32, 32, List.of(8, 16, 16), 3, 32, 10), LossKind.MSE, 1);
        SameDiff sd = spec.model().build(spec.loss(), 5);
        assertParity(new Checkpoint(sd, TrainingState.start(spec)), randomImages(3, 32, 32, 64), "rgb32-fresh");
    }

    @Test
    void spatialLatentFreshWeights() throws Exception {
        RunSpec spec = spec(ConvAutoencoderConfig.spatial(1, 28, 28, List.of(8, 16), 3, 4), LossKind.BCE, 1);
        SameDiff sd = spec.model().build(spec.loss(), 6);
        assertParity(new Checkpoint(sd, TrainingState.start(spec)), digits(Mnist.Split.TEST, 64), "mnist-spatial-fresh");
    }

    @Test
    void powerNormalisedRgbWithChannelNoiseInputFreshWeights() throws Exception {
        RunSpec spec = spec(ConvAutoencoderConfig.spatial(3, 32, 32, List.of(8, 8), 3, 4).withPowerNormalisation(),
                LossKind.MSE, 1);
        SameDiff sd = spec.model().build(spec.loss(), 8);
        assertParity(new Checkpoint(sd, TrainingState.start(spec)), randomImages(3, 32, 32, 64), "rgb32-channel-fresh");
        ModelManifest m = ModelManifest.fromJson(Files.readString(export(new Checkpoint(sd, TrainingState.start(spec)),
                "channel-manifest").resolve(ModelManifest.MANIFEST_FILE)));
        assertTrue(m.powerNormalised(), "manifest says the codes are power-normalised");
    }

    @Test
    void mlpAutoencodersFreshWeights() throws Exception {
        RunSpec textbook = spec(new aekit.train.graph.MlpAutoencoderConfig(1, 28, 28, List.of(256, 128), 100, "sigmoid"),
                LossKind.BCE, 1);
        assertParity(new Checkpoint(textbook.model().build(textbook.loss(), 4), TrainingState.start(textbook)),
                digits(Mnist.Split.TEST, 64), "mlp-784-256-128-100-sigmoid");
        RunSpec blog = spec(new aekit.train.graph.MlpAutoencoderConfig(1, 28, 28, List.of(), 128, "relu"), LossKind.BCE, 1);
        assertParity(new Checkpoint(blog.model().build(blog.loss(), 4), TrainingState.start(blog)),
                digits(Mnist.Split.TEST, 64), "mlp-784-128-relu");
    }

    @Test
    void provenanceReadsBackFromOnnxMetadataAndModelJson() throws Exception {
        RunSpec spec = spec(ConvAutoencoderConfig.mnist(2), LossKind.BCE, 1);
        Checkpoint cp = new Checkpoint(spec.model().build(spec.loss(), 3), TrainingState.start(spec));
        ModelManifest written = ManifestFactory.of(cp);
        Path dir = export(cp, "prov");
        try (Autoencoder onnx = Autoencoder.open(dir)) {
            assertEquals(written, onnx.manifest());
            assertEquals(written, ModelManifest.fromMetadata(onnx.encoderMetadata()));
            assertEquals(written, ModelManifest.fromMetadata(onnx.decoderMetadata()));
        }
        assertEquals(List.of(2L), written.latentShape());
        assertEquals("grey", written.input().colourMode());
        assertEquals("BCE", written.training().loss());
        assertEquals(TrainBuild.dl4jVersion(), written.exportedWith().dl4j());
        assertEquals("1.0.0-M2.1", written.exportedWith().dl4j());
        assertTrue(written.exportedWith().gitCommit().matches("[0-9a-f]{40}|unknown"), written.exportedWith().gitCommit());
    }

    static ImageTensors randomImages(int c, int h, int w, int n) {
        Random r = new Random(1);
        float[] all = new float[n * c * h * w];
        for (int i = 0; i < all.length; i++) {
            all[i] = r.nextFloat();
        }
        return new ImageTensors() {
            @Override public int size() { return n; }
            @Override public int channels() { return c; }
            @Override public int height() { return h; }
            @Override public int width() { return w; }
            @Override public void copyTo(int index, float[] dst, int offset) {
                System.arraycopy(all, index * c * h * w, dst, offset, c * h * w);
            }
        };
    }

    @Test
    void onnxShapesHaveDynamicBatch() throws Exception {
        RunSpec spec = spec(ConvAutoencoderConfig.mnist(2), LossKind.BCE, 1);
        Checkpoint cp = new Checkpoint(spec.model().build(spec.loss(), 3), TrainingState.start(spec));
        OnnxExporter.Models m = OnnxExporter.export(cp.graph(), ManifestFactory.of(cp));
        var in = m.encoder().getGraph().getInput(0);
        assertEquals("image", in.getName());
        assertEquals("N", in.getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals("latent", m.encoder().getGraph().getOutput(0).getName());
        assertEquals("latent", m.decoder().getGraph().getInput(0).getName());
        assertEquals("reconstruction", m.decoder().getGraph().getOutput(0).getName());
        assertEquals(17, m.encoder().getOpsetImport(0).getVersion());
        m.encoder().getGraph().getNodeList().forEach(n -> assertTrue(!n.getName().isEmpty(), "node names"));
        assertArrayEquals(new String[] {"Conv", "Relu"},
                m.encoder().getGraph().getNodeList().subList(0, 2).stream().map(n -> n.getOpType()).toArray());
    }
}
