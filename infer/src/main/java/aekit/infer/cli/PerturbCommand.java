package aekit.infer.cli;

import aekit.infer.batch.InputFiles;
import aekit.infer.image.ImageFileReader;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.image.Montage;
import aekit.infer.image.Preprocessing;
import aekit.infer.model.InputSpec;
import aekit.infer.Autoencoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aekit perturb}: encode images, add N(0, sigma^2) noise to their codes, decode. The montage has a row of
 * originals, a row of clean decodes, and one row per sigma.
 */
@Command(name = "perturb", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        showDefaultValues = true, description = "Add Gaussian noise to latent codes and decode.")
public final class PerturbCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Mixin
    VerboseOption verbose;

    @Mixin
    OverwriteOption overwrite;

    @Parameters(arity = "1..*", paramLabel = "IMAGES", description = "Image files or folders (the first --count are used).")
    List<Path> inputs;

    @Option(names = "--sigma", required = true, split = ",", description = "Noise standard deviation(s), e.g. 0.1,0.3,1.")
    List<Double> sigmas;

    @Option(names = "--count", defaultValue = "9", description = "Images to use.")
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the noise.")
    long seed;

    @Option(names = {"-o", "--out"}, required = true, description = "Montage PNG.")
    Path out;

    @Option(names = "--scale", defaultValue = "3", description = "Pixel zoom in the montage.")
    int scale;

    @Override
    public Integer call() throws Exception {
        overwrite.checkFile(out);
        if (count < 1) {
            throw new IllegalArgumentException("--count must be >= 1, got " + count);
        }
        for (double s : sigmas) {
            if (!(s >= 0 && s <= 1000)) {
                throw new IllegalArgumentException("--sigma must be in [0, 1000], got " + s);
            }
        }
        List<InputFiles.InputFile> files = InputFiles.nonEmpty(InputFiles.expand(inputs), inputs);
        int n = Math.min(count, files.size());
        try (Autoencoder model = modelOptions.open("mnist-ae")) {
            InputSpec in = model.manifest().input();
            Preprocessing prep = in.preprocessing();
            ImageFileReader decoder = new ImageFileReader();
            int per = in.valuesPerImage();
            float[] x = new float[n * per];
            for (int i = 0; i < n; i++) {
                System.arraycopy(prep.tensor(files.get(i).path(), decoder), 0, x, i * per, per);
            }
            float[] codes = model.encode(x, n);
            float[][] rows = new float[2 + sigmas.size()][];
            rows[0] = x;
            rows[1] = model.decode(codes, n);
            Random rng = new Random(seed);
            for (int s = 0; s < sigmas.size(); s++) {
                float[] noisy = codes.clone();
                for (int k = 0; k < noisy.length; k++) {
                    noisy[k] += (float) (sigmas.get(s) * rng.nextGaussian());
                }
                rows[2 + s] = model.decode(noisy, n);
            }
            ImageFileWriter.write(Montage.rows(rows, in.channels(), in.height(), in.width(), scale), out, "png");
            System.err.printf(Locale.ROOT, "rows: %d originals, clean decodes, then sigma %s -> %s%n", n, sigmas, out);
            return 0;
        }
    }
}
