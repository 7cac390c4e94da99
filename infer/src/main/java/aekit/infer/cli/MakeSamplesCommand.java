package aekit.infer.cli;

import aekit.infer.AekitVersion;
import aekit.infer.data.GreyImages;
import aekit.infer.data.IdxReader;
import aekit.infer.data.InputNoise;
import aekit.infer.image.ImageEncoder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aekit make-samples IDX -o DIR}: writes images of an IDX file as PNGs, optionally with the noise the
 * denoiser is trained for (x + s N(0,1), clipped to [0,1] and saved as 8-bit). Used for the sample images and
 * the benchmarks.
 */
@Command(name = "make-samples", mixinStandardHelpOptions = true, versionProvider = AekitVersion.class,
        showDefaultValues = true, description = "Write IDX images as PNG files, optionally with Gaussian noise.")
public final class MakeSamplesCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "IDX", description = "An IDX images file (.gz or raw).")
    Path idx;

    @Option(names = {"-o", "--out"}, required = true, description = "Output folder.")
    Path out;

    @Option(names = "--count", defaultValue = "10", description = "Images to write (the first N; repeats if N > file).")
    int count;

    @Option(names = "--noise", defaultValue = "0", description = "Noise factor s in x + s N(0,1) (clipped, 8-bit).")
    double noise;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the noise.")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be >= 1, got " + count);
        }
        GreyImages g = IdxReader.readImages(idx);
        Random rng = new Random(seed);
        float[] t = new float[g.pixelsPerImage()];
        int digits = Math.max(5, Integer.toString(count - 1).length());
        for (int i = 0; i < count; i++) {
            g.copyTo(i % g.count(), t, 0);
            float[] x = noise > 0 ? new InputNoise(noise, true).apply(t, rng) : t;
            ImageEncoder.write(x, 0, 1, g.rows(), g.cols(),
                    out.resolve(String.format(Locale.ROOT, "%0" + digits + "d.png", i)), "png");
        }
        System.err.printf(Locale.ROOT, "%d images from %s%s -> %s%n", count, idx,
                noise > 0 ? String.format(Locale.ROOT, " with noise %.2f * N(0,1), clipped, 8-bit", noise) : "", out);
        return 0;
    }
}
