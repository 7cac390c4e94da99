package aekit.infer.cli;

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
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        showDefaultValues = true, description = "Decode codes sampled from the Gaussian made by fit-latent.")
public final class GenerateCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Mixin
    VerboseOption verbose;

    @Mixin
    OverwriteOption overwrite;

    @Option(names = "-n", defaultValue = "9", description = "Images to generate.")
    int n;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the samples.")
    long seed;

    @Option(names = "--gaussian", description = "The Gaussian file (default: latent-gaussian.bin in the bundle folder; "
            + "without one, independent dimensions from the bundle's own latent statistics).")
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
        overwrite.checkFile(out);
        if (n < 1) {
            throw new IllegalArgumentException("-n must be >= 1, got " + n);
        }
        BundleSource source = modelOptions.source("mnist-ae");
        try (Autoencoder model = Autoencoder.open(source, modelOptions.settings())) {
            Path file = gaussian != null ? gaussian
                    : source.directory() != null ? source.directory().resolve(FitLatentCommand.FILE) : null;
            LatentGaussian g;
            String what;
            if (file != null && (gaussian != null || java.nio.file.Files.exists(file))) {
                g = LatentGaussian.load(file);
                what = "N(mean, " + (diagonal ? "diag(cov)" : "cov") + ") fitted to " + g.n() + " codes (" + file + ")";
            } else if (model.manifest().latentStats() != null) {
                var st = model.manifest().latentStats();
                g = LatentGaussian.independent(st.source(), floats(st.mean()), floats(st.std()));
                what = "independent N(mean, std^2) per dimension from the bundle's statistics of " + st.count()
                        + " codes (" + st.source() + "; fit-latent fits the full covariance)";
            } else {
                throw new IllegalArgumentException(source.location() + " has neither " + FitLatentCommand.FILE
                        + " nor latent statistics; run fit-latent first or give --gaussian FILE");
            }
            if (g.d() != model.manifest().latentSize()) {
                throw new IllegalArgumentException((gaussian != null || (file != null && java.nio.file.Files.exists(file))
                        ? file : source.location() + "'s latent statistics") + ": Gaussian over " + g.d()
                        + " values, the model's latent has " + model.manifest().latentSize());
            }
            float[] images = model.decode(g.sample(new Random(seed), n, diagonal), n);
            InputSpec in = model.manifest().input();
            int cols = (int) Math.ceil(Math.sqrt(n));
            ImageFileWriter.write(Montage.grid(images, n, cols, in.channels(), in.height(), in.width(), scale), out, "png");
            if (each != null) {
                for (int i = 0; i < n; i++) {
                    Path f = each.resolve(String.format(Locale.ROOT, "%03d.png", i));
                    if (overwrite.shouldWrite(f)) {
                        ImageFileWriter.write(images, i * in.valuesPerImage(), in.channels(), in.height(), in.width(), f,
                                "png");
                    }
                }
            }
            System.err.printf(Locale.ROOT, "%d samples from %s -> %s%n", n, what, out);
            return 0;
        }
    }

    private static float[] floats(java.util.List<Double> v) {
        float[] f = new float[v.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = v.get(i).floatValue();
        }
        return f;
    }
}
