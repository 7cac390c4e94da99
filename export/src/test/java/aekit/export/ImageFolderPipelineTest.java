package aekit.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.export.cli.AekitMain;
import aekit.infer.image.Preprocessing;
import aekit.infer.cli.CliSupport;
import aekit.infer.model.ModelManifest;
import aekit.infer.Autoencoder;
import aekit.train.checkpoint.Checkpoint;
import aekit.train.data.ImageFolder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The dogs pipeline on the committed photos: {@code aekit train images} with the dog architecture (64x64 RGB,
 * three stride-2 levels, spatial 16x8x8 latent; narrow channels to stay fast), {@code aekit export} with latent
 * statistics of the validation split, and ONNX Runtime parity with SameDiff on real photos.
 */
class ImageFolderPipelineTest {
    @TempDir
    Path tmp;

    private static final Path DOGS = Path.of(System.getProperty("aekit.fixtures", "../fixtures")).resolve("dogs/Images");
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = CliSupport.commandLine(new AekitMain());
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void aDenoisingRunWithALimitExportsAndIsADenoiser() throws Exception {
        Path runDir = tmp.resolve("dae");
        assertEquals(0, run("train", "images", "--data", DOGS.toString(), "--out", runDir.toString(), "--epochs", "1",
                "--batch", "4", "--channels", "8,8,8", "--latent-channels", "4", "--size", "32", "--noise", "0.2",
                "--clip", "--limit", "6"), err.toString());
        Path bundle = tmp.resolve("dae-bundle");
        // export rebuilds the validation split without the limit: it must be the run's own
        assertEquals(0, run("export", "--checkpoint", runDir.toString(), "--out", bundle.toString()), err.toString());
        ModelManifest m = ModelManifest.fromJson(Files.readString(bundle.resolve(ModelManifest.MANIFEST_FILE)));
        assertEquals("image-conv-dae", m.kind());
        assertEquals(6, m.dataset().trainCount());
        assertTrue(m.training().inputNoise().contains("0.2"), m.training().inputNoise());
        assertTrue(m.training().inputNoise().contains("clipped"), m.training().inputNoise());
    }

    @Test
    void trainExportAndParityOnDogPhotos() throws Exception {
        Path runDir = tmp.resolve("run");
        assertEquals(0, run("train", "images", "--data", DOGS.toString(), "--out", runDir.toString(), "--epochs", "2",
                "--batch", "8", "--channels", "8,16,16", "--latent-channels", "16"), err.toString());
        for (String f : List.of("checkpoint.zip", "metrics.csv", "report.md", "reconstructions.png", "loss.png")) {
            assertTrue(Files.isRegularFile(runDir.resolve(f)), f);
        }
        Path bundle = tmp.resolve("bundle");
        assertEquals(0, run("export", "--checkpoint", runDir.toString(), "--out", bundle.toString()), err.toString());

        ModelManifest m = ModelManifest.fromJson(Files.readString(bundle.resolve(ModelManifest.MANIFEST_FILE)));
        assertEquals(List.of(16L, 8L, 8L), m.latentShape());
        assertEquals(new Preprocessing(3, 64, 64, Preprocessing.CENTER_CROP), m.input().preprocessing());
        assertEquals(10, m.dataset().validationPercent());
        assertEquals(32, m.dataset().trainCount() + m.dataset().testCount());
        assertEquals("MSE", m.training().loss());
        assertTrue(m.latentStats().source().startsWith("validation split of " + DOGS), m.latentStats().source());
        assertEquals(m.dataset().testCount(), m.latentStats().count());
        assertEquals(1024, m.latentStats().mean().size());

        ImageFolder.Split split = ImageFolder.load(DOGS, m.input().preprocessing(), 10, 0, 2,
                new PrintStream(new ByteArrayOutputStream()));
        Checkpoint cp = Checkpoint.load(runDir);
        try (Autoencoder onnx = Autoencoder.open(bundle)) {
            for (int batch : new int[] {1, 8}) {
                double[] d = ExportParityTest.maxDiffs(cp.graph(), onnx, split.train(), 16, batch);
                for (double v : d) {
                    assertTrue(v <= ExportParityTest.TOLERANCE, "batch " + batch + ": max abs diff " + v);
                }
            }
        }
    }

    @Test
    void noisyChannelModelTrainsExportsAndEvaluatesWithTheChannel() throws Exception {
        Path runDir = tmp.resolve("channel");
        assertEquals(0, run("train", "images", "--data", DOGS.toString(), "--out", runDir.toString(), "--epochs", "1",
                "--batch", "8", "--channels", "4,8,8", "--latent-channels", "16", "--channel-variance", "0.1"),
                err.toString());
        Path bundle = tmp.resolve("channel-bundle");
        assertEquals(0, run("export", "--checkpoint", runDir.toString(), "--out", bundle.toString()), err.toString());
        ModelManifest m = ModelManifest.fromJson(Files.readString(bundle.resolve(ModelManifest.MANIFEST_FILE)));
        assertTrue(m.powerNormalised());
        assertEquals("image-conv-channel-ae", m.kind());
        assertEquals("power-normalised code + N(0, 0.1)", m.training().channelNoise());
        double p = 0; // mean over dimensions of E[z^2] = (n-1)/n std^2 + mean^2 (std has the n-1 denominator)
        int n = m.latentStats().count();
        for (int j = 0; j < 1024; j++) {
            double std = m.latentStats().std().get(j);
            double mean = m.latentStats().mean().get(j);
            p += (n - 1.0) / n * std * std + mean * mean;
        }
        assertEquals(1.0, p / 1024, 0.02, "exported encoder's codes have unit mean power (validation codes)");

        String clean = eval(bundle, "0");
        String noisy = eval(bundle, "0.1");
        assertTrue(noisy.contains("channel: N(0, 0.1 x code power) added to each code (SNR 10.0 dB)"), noisy);
        assertTrue(mse(noisy) != mse(clean), "the channel noise reaches the decoder: " + clean + " vs " + noisy);
    }

    private static String eval(Path bundle, String variance) {
        StringWriter o = new StringWriter();
        CommandLine cl = CliSupport.commandLine(new aekit.infer.cli.InferMain());
        cl.setOut(new PrintWriter(o, true));
        assertEquals(0, cl.execute("eval", "-m", bundle.toString(), DOGS.toString(), "--channel-variance", variance));
        return o.toString();
    }

    private static double mse(String evalOutput) {
        String line = evalOutput.lines().filter(l -> l.startsWith("model output")).findFirst().orElseThrow();
        return Double.parseDouble(line.substring("model output".length()).trim().split("\\s+")[0]);
    }

    @Test
    void exportRefusesAnotherFolderThanTheRunsOwn() throws Exception {
        Path runDir = tmp.resolve("run");
        assertEquals(0, run("train", "images", "--data", DOGS.toString(), "--out", runDir.toString(), "--epochs", "1",
                "--batch", "16", "--channels", "4,4,4", "--latent-channels", "16", "--train-eval", "8"), err.toString());
        Path other = tmp.resolve("other");
        Files.createDirectories(other.resolve("b"));
        Files.copy(DOGS.resolve("n02085620-Chihuahua/n02085620_10621.jpg"), other.resolve("b/x.jpg"));
        err.getBuffer().setLength(0);
        assertEquals(1, run("export", "--checkpoint", runDir.toString(), "--out", tmp.resolve("b").toString(),
                "--data", other.toString()));
        assertTrue(err.toString().contains("give --data the folder the model was trained on"), err.toString());
        assertTrue(!Files.exists(tmp.resolve("b")), "nothing written");
    }

    @Test
    void initFromAnotherDecoderSaysWhichOneToPass() throws Exception {
        Path first = tmp.resolve("deconv-run");
        List<String> common = List.of("--data", DOGS.toString(), "--epochs", "1", "--batch", "16", "--channels", "8,8,8",
                "--latent-channels", "4", "--train-eval", "8");
        List<String> a = new java.util.ArrayList<>(List.of("train", "images", "--out", first.toString(), "--decoder",
                "deconv"));
        a.addAll(common);
        assertEquals(0, run(a.toArray(String[]::new)), err.toString());
        err.getBuffer().setLength(0);
        List<String> b = new java.util.ArrayList<>(List.of("train", "images", "--out", tmp.resolve("ft").toString(),
                "--init-from", first.toString()));
        b.addAll(common);
        assertEquals(2, run(b.toArray(String[]::new)));
        // equal channel counts: the weight shapes of both decoders match, so only the recorded decoder tells them apart
        assertTrue(err.toString().contains("it was trained with --decoder deconv, pass that too"), err.toString());
        b.addAll(List.of("--decoder", "deconv"));
        assertEquals(0, run(b.toArray(String[]::new)), err.toString());
    }
}
