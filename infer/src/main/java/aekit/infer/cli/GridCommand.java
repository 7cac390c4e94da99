package aekit.infer.cli;

import aekit.infer.image.ImageFileWriter;
import aekit.infer.latent.LatentGrid;
import aekit.infer.model.LatentStats;
import aekit.infer.Autoencoder;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code aekit grid}: decode a uniform size x size grid over a 2-d latent space into one montage with axis ticks.
 * Columns run along z1 (left to right, increasing), rows along z2 (top to bottom, decreasing, like a plot).
 */
@Command(name = "grid", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        showDefaultValues = true, description = "Decode a uniform grid over a 2-d latent space into one picture.")
public final class GridCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Mixin
    VerboseOption verbose;

    @Mixin
    OverwriteOption overwrite;

    @Option(names = {"-o", "--out"}, required = true, description = "Output PNG.")
    Path out;

    @Option(names = "--size", defaultValue = "20", description = "Cells per axis.")
    int size;

    @Option(names = "--range", defaultValue = "auto", paramLabel = "auto|a,b|a,b,c,d",
            description = "Latent range: auto (1st-99th percentile per axis from the bundle's latent statistics), "
                    + "a,b for both axes, or a,b,c,d for z1 in [a,b] and z2 in [c,d].")
    String range;

    @Option(names = "--scale", defaultValue = "2", description = "Pixel zoom of each cell.")
    int scale;

    @Override
    public Integer call() throws Exception {
        overwrite.checkFile(out);
        if (size < 2 || size > 100) {
            throw new IllegalArgumentException("--size must be in 2..100, got " + size);
        }
        try (Autoencoder model = modelOptions.open("mnist-ae")) {
            if (model.manifest().latentSize() != 2) {
                throw new IllegalArgumentException("grid needs a 2-d latent; this model's latent is "
                        + model.manifest().latentShape());
            }
            double[] r = parseRange(model.manifest().latentStats());
            BufferedImage img = LatentGrid.render(model, r, size, scale);
            ImageFileWriter.write(img, out, "png");
            System.err.printf(Locale.ROOT, "grid %dx%d over z1 in [%.3f, %.3f], z2 in [%.3f, %.3f] -> %s%n", size, size,
                    r[0], r[1], r[2], r[3], out);
            return 0;
        }
    }

    private double[] parseRange(LatentStats stats) {
        if (range.equals("auto")) {
            if (stats == null) {
                throw new IllegalArgumentException("--range auto: this bundle has no latent statistics; give --range a,b");
            }
            return new double[] {stats.p01().get(0), stats.p99().get(0), stats.p01().get(1), stats.p99().get(1)};
        }
        String[] p = range.split(",");
        try {
            if (p.length == 2) {
                double a = Double.parseDouble(p[0]);
                double b = Double.parseDouble(p[1]);
                return check(new double[] {a, b, a, b});
            }
            if (p.length == 4) {
                return check(new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                    Double.parseDouble(p[3])});
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--range must be auto, a,b or a,b,c,d, got " + range);
    }

    private double[] check(double[] r) {
        if (!(r[0] < r[1]) || !(r[2] < r[3])) {
            throw new IllegalArgumentException("--range: each lower bound must be below its upper bound, got " + range);
        }
        return r;
    }

}
