package aekit.infer.cli;

import aekit.infer.model.InputSpec;
import aekit.infer.Autoencoder;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code aekit bench}: ONNX Runtime's compute-only throughput of a model (encode + decode of random batches, no
 * file I/O), the reference the end-to-end pipeline is compared with.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        showDefaultValues = true, description = "Compute-only images/s of a model (no decoding or writing of files).")
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--batch", defaultValue = "64", description = "Images per model call.")
    int batch;

    @Option(names = "--seconds", defaultValue = "5", description = "How long to measure (after 1 s of warm-up).")
    double seconds;

    @Option(names = "--tile", defaultValue = "" + aekit.infer.Denoiser.DEFAULT_TILE,
            description = "Photo denoisers: the tile side; each call runs one tile's window (tile + 2 margins).")
    int tile;

    @Override
    public Integer call() throws Exception {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("--seconds must be positive, got " + seconds);
        }
        if (modelOptions.model != null && aekit.infer.model.ModelManifest.read(modelOptions.source("mnist-ae"))
                .photoDenoiser()) {
            return photo();
        }
        try (Autoencoder model = modelOptions.open("mnist-ae")) {
            InputSpec in = model.manifest().input();
            float[] x = new float[batch * in.valuesPerImage()];
            Random r = new Random(1);
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextFloat();
            }
            long warm = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < warm) {
                model.reconstruct(x, batch);
            }
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long images = 0;
            while (System.nanoTime() < end) {
                model.reconstruct(x, batch);
                images += batch;
            }
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "compute-only: %.0f images/s (batch %d, %d images in %.2f s, %s)%n",
                    images / s, batch, images, s, modelOptions.device);
            return 0;
        }
    }

    /** A photo denoiser's compute-only speed: full tile windows, counted by the core pixels they produce. */
    private int photo() throws Exception {
        try (aekit.infer.Denoiser model = modelOptions.openDenoiser(modelOptions.source(
                "mnist-ae"), tile)) {
            aekit.infer.image.Tiling t = model.tiling();
            int side = t.tile() + 2 * t.margin();
            float[] x = new float[model.channels() * side * side];
            Random r = new Random(1);
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextFloat();
            }
            long warm = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < warm) {
                model.run(x, 1, side, side);
            }
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long calls = 0;
            while (System.nanoTime() < end) {
                model.run(x, 1, side, side);
                calls++;
            }
            double s = (System.nanoTime() - start) / 1e9;
            double core = (double) t.tile() * t.tile() * calls / 1e6;
            System.out.printf(Locale.ROOT, "compute-only: %.2f Mpx/s of output (%d windows of %dx%d for %dx%d cores in "
                    + "%.2f s; %.2f Mpx/s of windows, %s)%n", core / s, calls, side, side, t.tile(), t.tile(), s,
                    (double) side * side * calls / 1e6 / s, modelOptions.device);
            return 0;
        }
    }
}
