package aekit.infer.cli;

import aekit.infer.batch.InputFiles;
import aekit.infer.latent.LatentGaussian;
import aekit.infer.model.BundleSource;
import aekit.infer.Autoencoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aekit fit-latent}: encode a random sample of images and fit a Gaussian (mean + full covariance) to their
 * codes, stored as {@code latent-gaussian.bin} in the bundle folder (or where -o says) for {@code generate}.
 */
@Command(name = "fit-latent", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        showDefaultValues = true, description = "Fit a Gaussian to the latent codes of a random sample of images.")
public final class FitLatentCommand implements Callable<Integer> {
    /** The Gaussian's file name inside a bundle folder. */
    public static final String FILE = "latent-gaussian.bin";

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    VerboseOption verbose;

    @Mixin
    OverwriteOption overwrite;

    @Parameters(arity = "1..*", paramLabel = "IMAGES", description = "Image files or folders to sample from.")
    List<Path> inputs;

    @Option(names = "--count", defaultValue = "256", description = "Images to sample.")
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the sample.")
    long seed;

    @Option(names = {"-o", "--out"}, description = "Output file (default: latent-gaussian.bin in the bundle folder).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (count < 2) {
            throw new IllegalArgumentException("--count must be >= 2, got " + count);
        }
        BundleSource source = modelOptions.source("mnist-ae");
        Path target = ModelOptions.sideFile(source, out, FILE, "-o");
        overwrite.checkFile(target);
        List<InputFiles.InputFile> files = new ArrayList<>(InputFiles.nonEmpty(InputFiles.expand(inputs), inputs));
        Collections.shuffle(files, new Random(seed));
        List<InputFiles.InputFile> sample = files.subList(0, Math.min(count, files.size()));
        try (Autoencoder model = Autoencoder.open(source, modelOptions.settings())) {
            EncodeCommand.Encoded e = EncodeCommand.encode(model, sample, 64, false);
            int d = e.d();
            float[] codes = e.successful();
            int n = codes.length / d;
            LatentGaussian g = LatentGaussian.fit(String.format(Locale.ROOT, "%d images sampled with seed %d from %s",
                    n, seed, inputs), codes, n, d);
            g.save(target);
            System.err.printf(Locale.ROOT, "fitted N(mean, cov) to %d codes of %d values (covariance rank <= %d), "
                    + "mean per-dimension std %.4f -> %s%n", n, d, Math.min(n - 1, d), g.meanStd(), target);
            return e.failed() > 0 ? CliSupport.FAILURE : 0;
        }
    }
}
