package aekit.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.export.onnx.OnnxExporter;
import aekit.infer.data.DatasetInfo;
import aekit.infer.data.InputNoise;
import aekit.infer.image.Preprocessing;
import aekit.infer.image.RasterImage;
import aekit.infer.image.ReflectWindow;
import aekit.infer.model.BundleSource;
import aekit.infer.model.ModelManifest;
import aekit.infer.Denoiser;
import aekit.infer.SessionSettings;
import aekit.train.TrainBuild;
import aekit.train.checkpoint.Checkpoint;
import aekit.train.checkpoint.RunSpec;
import aekit.train.checkpoint.TrainingState;
import aekit.train.graph.DenoiserConfig;
import aekit.train.graph.GraphNames;
import aekit.train.graph.LossKind;
import aekit.train.trainer.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The photo denoiser across the JVM/ONNX line: one denoiser.onnx with symbolic batch, height and width, equal to
 * SameDiff within 1e-5 at several sizes (odd ones through mirrored padding), and the tiled result equal to the
 * untiled one within 1e-4 with the grey and the colour model.
 */
class DenoiserExportTest {
    @TempDir
    Path tmp;

    /** A small random-weight denoiser exported through the same path as 'aekit export'. */
    private Path export(DenoiserConfig cfg, SameDiff sd) throws Exception {
        TrainConfig t = new TrainConfig(1, 4, 1e-3, 0.9, 0.999, 0, 7, 0, new InputNoise(50 / 255.0, false, true), 0, 0);
        RunSpec spec = new RunSpec("photo-denoiser", cfg, LossKind.MSE, t, new DatasetInfo("test", "none", 1, 0, "x"),
                TrainBuild.current(), Preprocessing.NATIVE);
        Checkpoint cp = new Checkpoint(sd, TrainingState.start(spec));
        ModelManifest m = ManifestFactory.of(cp);
        assertTrue(m.photoDenoiser());
        assertEquals(cfg.multiple(), m.denoiser().multiple());
        Path dir = tmp.resolve("bundle-" + cfg.channels());
        BundleWriter.write(dir, Map.of(m.denoiser().file(), OnnxExporter.exportDenoiser(sd, m).toByteArray()), m, false);
        assertTrue(Files.isRegularFile(dir.resolve(ModelManifest.DENOISER_FILE)));
        return dir;
    }

    private static float[] random(int n, Random r) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.5 + 0.3 * r.nextGaussian());
        }
        return x;
    }

    private static float[] sameDiff(SameDiff sd, float[] x, int c, int h, int w) {
        return sd.output(Map.of(GraphNames.IMAGE, Nd4j.create(x, new long[] {1, c, h, w}, 'c')),
                GraphNames.RECONSTRUCTION).get(GraphNames.RECONSTRUCTION).dup('c').data().asFloat();
    }

    private static double maxDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    @Test
    void parityAtSeveralSizesAndTiledEqualsUntiled() throws Exception {
        for (int c : new int[] {1, 3}) {
            DenoiserConfig cfg = new DenoiserConfig(c, 32, List.of(8, 16, 16), 2, true);
            SameDiff sd = cfg.build(LossKind.MSE, 11);
            Path dir = export(cfg, sd);
            Random r = new Random(c);
            try (Denoiser big = Denoiser.open(BundleSource.directory(dir), SessionSettings.cpu(), 4096);
                 Denoiser small = Denoiser.open(BundleSource.directory(dir), SessionSettings.cpu(), 64)) {
                // raw parity: sides that are multiples of the model's, odd images mirrored out to them
                for (int[] hw : new int[][] {{8, 8}, {48, 80}, {321, 481}, {37, 53}}) {
                    int h = hw[0];
                    int w = hw[1];
                    int ph = ReflectWindow.roundUp(h, cfg.multiple());
                    int pw = ReflectWindow.roundUp(w, cfg.multiple());
                    float[] x = ReflectWindow.cut(random(c * h * w, r), c, h, w, 0, 0, ph, pw);
                    double d = maxDiff(sameDiff(sd, x, c, ph, pw), big.run(x, 1, ph, pw));
                    System.out.printf("denoiser parity c=%d %dx%d (padded %dx%d): max abs diff %.2e%n", c, h, w, ph, pw,
                            d);
                    assertTrue(d <= 1e-5, c + " channels, " + h + "x" + w + ": " + d);
                }
                // tiled (64 px cores, several tiles) against untiled (one window), odd sizes
                for (int[] hw : new int[][] {{321, 481}, {37, 53}, {130, 67}}) {
                    int h = hw[0];
                    int w = hw[1];
                    float[] x = random(c * h * w, r);
                    float[] whole = big.denoise(x, h, w);
                    float[] tiled = small.denoise(x, h, w);
                    double d = maxDiff(whole, tiled);
                    System.out.printf("denoiser tiled vs untiled c=%d %dx%d: max abs diff %.2e%n", c, h, w, d);
                    assertTrue(d <= 1e-4, c + " channels, " + h + "x" + w + ": " + d);
                    // the untiled result is SameDiff's on the image mirrored out by the margin
                    int m = big.tiling().margin();
                    int ph = ReflectWindow.roundUp(h, cfg.multiple()) + 2 * m;
                    int pw = ReflectWindow.roundUp(w, cfg.multiple()) + 2 * m;
                    float[] ref = sameDiff(sd, ReflectWindow.cut(x, c, h, w, -m, -m, ph, pw), c, ph, pw);
                    float[] crop = new float[c * h * w];
                    ReflectWindow.paste(ref, c, ph, pw, m, m, crop, h, w, 0, 0, h, w);
                    assertTrue(maxDiff(crop, whole) <= 1e-5);
                }
                // a decoded image: output keeps its size and the model's channels
                byte[] px = new byte[53 * 37 * c];
                r.nextBytes(px);
                RasterImage out = small.denoise(new RasterImage(53, 37, c, px));
                assertEquals(53, out.width());
                assertEquals(37, out.height());
                assertEquals(c, out.channels());
            }
        }
    }
}
