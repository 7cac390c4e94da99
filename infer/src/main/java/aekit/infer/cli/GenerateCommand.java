package aekit.infer.cli;

import aekit.infer.AekitVersion;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.image.Montage;
import aekit.infer.latent.LatentGaussian;
import aekit.infer.model.BundleSource;
import aekit.infer.model.InputSpec;
import aekit.infer.Autoencoder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aekit generate}: sample codes from the fitted latent Gaussian and decode them. */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = AekitVersion.class,
        showDefaultValues = true, description = "Decode codes sampled from the Gaussian made by fit-latent.")
public final class GenerateCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Mixin
    VerboseOption verbose;

    @Option(names = "-n", defaultValue = "9", description = "Images to generate.")
    int n;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the samples.")
    long seed;

    @Option(names = "--gaussian", description = "The Gaussian file (default: latent-gaussian.bin in the bundle folder).")
    Path gaussian;

    @Option(names = "--diagonal", description = "Use only the covariance's diagonal (independent dimensions).")
    boolean diagonal;

    @Option(names = {"-o", "--out"}, required = true, description = "Montage PNG.")
    Path out;

    @Option(names = "--each", description = "Also write every image as its own PNG into this folder.")
    Path each;

    @Option(names = "--scale", defaultValue = "3", description = "Pixel zoom in the montage.")
    int scale;

    @Override
    public Integer call() throws Exception {
        if (n < 1) {
            throw new IllegalArgumentException("-n must be >= 1, got " + n);
        }
        BundleSource source = modelOptions.source("mnist-ae");
        Path file = ModelOptions.sideFile(source, gaussian, FitLatentCommand.FILE, "--gaussian");
        LatentGaussian g = LatentGaussian.load(file);
        try (Autoencoder model = Autoencoder.open(source, modelOptions.settings())) {
            if (g.d() != model.manifest().latentSize()) {
                throw new IllegalArgumentException(file + ": Gaussian over " + g.d() + " values, the model's latent has "
                        + model.manifest().latentSize());
            }
            float[] images = model.decode(g.sample(new Random(seed), n, diagonal), n);
            InputSpec in = model.manifest().input();
            int cols = (int) Math.ceil(Math.sqrt(n));
            ImageFileWriter.write(Montage.grid(images, n, cols, in.channels(), in.height(), in.width(), scale), out, "png");
            if (each != null) {
                for (int i = 0; i < n; i++) {
                    ImageFileWriter.write(images, i * in.valuesPerImage(), in.channels(), in.height(),
                            in.width(), each.resolve(String.format(Locale.ROOT, "%03d.png", i)), "png");
                }
            }
            System.err.printf(Locale.ROOT, "%d samples from N(mean, %s) fitted to %d codes -> %s%n", n,
                    diagonal ? "diag(cov)" : "cov", g.n(), out);
            return 0;
        }
    }
}
