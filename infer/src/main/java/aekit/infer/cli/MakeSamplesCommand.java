package aekit.infer.cli;

import aekit.infer.batch.InputFiles;
import aekit.infer.data.GreyImages;
import aekit.infer.data.IdxReader;
import aekit.infer.data.InputNoise;
import aekit.infer.image.ImageFileWriter;
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
 * the benchmarks. {@code aekit make-samples FOLDER --sigma S -o DIR}: every image of a folder tree at its own size
 * and channels with Gaussian noise of sigma S on the 0-255 scale (clipped, 8-bit), as PNGs with the same relative
 * paths: noisy photos for the photo denoisers.
 */
@Command(name = "make-samples", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        showDefaultValues = true, description = "Write IDX images (or a folder of photos) as PNG files, optionally "
        + "with Gaussian noise.")
public final class MakeSamplesCommand implements Callable<Integer> {
    @Mixin
    OverwriteOption overwrite;

    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "IDX|FOLDER",
            description = "An IDX images file (.gz or raw), or a folder tree of photos.")
    Path idx;

    @Option(names = "--sigma", defaultValue = "0",
            description = "Photos: noise of standard deviation SIGMA on the 0-255 scale (clipped, 8-bit).")
    double sigma;

    @Option(names = "--grey", description = "Photos: convert to grey (BT.601 luma) first.")
    boolean grey;

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
        if (java.nio.file.Files.isDirectory(idx)) {
            return photos();
        }
        GreyImages g = IdxReader.readImages(idx);
        Random rng = new Random(seed);
        float[] t = new float[g.pixelsPerImage()];
        int digits = Math.max(5, Integer.toString(count - 1).length());
        int skipped = 0;
        for (int i = 0; i < count; i++) {
            g.copyTo(i % g.count(), t, 0);
            float[] x = noise > 0 ? new InputNoise(noise, true).apply(t, rng) : t; // drawn also for a kept file
            Path f = out.resolve(String.format(Locale.ROOT, "%0" + digits + "d.png", i));
            if (overwrite.shouldWrite(f)) {
                ImageFileWriter.write(x, 0, 1, g.rows(), g.cols(), f, "png");
            } else {
                skipped++;
            }
        }
        System.err.printf(Locale.ROOT, "%d images from %s%s -> %s%s%n", count - skipped, idx,
                noise > 0 ? String.format(Locale.ROOT, " with noise %.2f * N(0,1), clipped, 8-bit", noise) : "", out,
                skipped > 0 ? "; " + skipped + " existing kept (--overwrite replaces them)" : "");
        return 0;
    }

    /** Every photo below the folder, at its own size and channels, with noise; one bad file is reported, not fatal. */
    private int photos() throws java.io.IOException {
        if (!(sigma >= 0 && sigma <= 255)) {
            throw new IllegalArgumentException("--sigma must be in [0, 255], got " + sigma);
        }
        aekit.infer.image.ImageFileReader decoder = new aekit.infer.image.ImageFileReader();
        InputNoise n = new InputNoise(sigma / 255.0, true);
        int done = 0;
        int failed = 0;
        int skipped = 0;
        int index = 0;
        for (java.util.Iterator<InputFiles.InputFile> it = InputFiles.walk(java.util.List.of(idx), out); it.hasNext();
             index++) {
            InputFiles.InputFile f = it.next();
            Path target = out.resolve(InputFiles.withExtension(f.relative(), "png"));
            if (!overwrite.shouldWrite(target)) {
                skipped++;
                continue;
            }
            try {
                aekit.infer.image.RasterImage img = decoder.read(f.path());
                int c = grey ? 1 : img.channels();
                float[] x = new aekit.infer.image.Preprocessing(c, 1, 1, aekit.infer.image.Preprocessing.NATIVE)
                        .tensor(img);
                Random rng = new Random(seed * 31 + index); // the file's own stream, whatever was kept before it
                ImageFileWriter.write(sigma > 0 ? n.apply(x, rng) : x, 0, c, img.height(), img.width(), target, "png");
                done++;
            } catch (java.io.IOException | RuntimeException e) {
                System.err.println(CliSupport.oneLine(e));
                failed++;
            }
        }
        System.err.printf(Locale.ROOT, "%d photos from %s%s with noise sigma %s (0-255), clipped, 8-bit -> %s%s%s%n", done,
                idx, grey ? " in grey" : "", sigma, out, failed > 0 ? ", " + failed + " failed" : "",
                skipped > 0 ? "; " + skipped + " existing kept (--overwrite replaces them)" : "");
        return failed > 0 ? CliSupport.FAILURE : 0;
    }
}
