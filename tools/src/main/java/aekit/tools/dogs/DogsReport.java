package aekit.tools.dogs;

import aekit.infer.data.ImageTensors;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.io.AtomicFiles;
import aekit.infer.latent.LatentGaussian;
import aekit.infer.metrics.MetricsAccumulator;
import aekit.infer.model.ModelManifest;
import aekit.infer.Autoencoder;
import aekit.tools.FigureGrid;
import aekit.train.data.ImageFolder;
import aekit.infer.AekitException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes {@code REPORT.md} and its figures for the dogs experiments (course part 2, tasks 1-4) from an exported
 * bundle and the image folder it was trained on, with ONNX Runtime: validation PSNR, nine validation images with
 * their reconstructions and latent codes, samples from Gaussians fitted to the codes, and perturbed samples.
 * Hand-written observations are spliced in from {@code OUT/notes/<section>.md} when present, marked as such.
 */
@Command(name = "dogs-report", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        showDefaultValues = true, description = "Write the dogs experiments report from an exported bundle.")
public final class DogsReport implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "The image folder the model was trained on.")
    Path data;

    @Option(names = {"-m", "--model"}, required = true, description = "Bundle folder.")
    Path model;

    @Option(names = {"-o", "--out"}, defaultValue = "reports/dogs", description = "Report folder.")
    Path out;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the image choice and the sampling.")
    long seed;

    @Option(names = "--fit-count", defaultValue = "256", description = "Images whose codes the Gaussian is fitted to.")
    int fitCount;

    @Option(names = "--threads", defaultValue = "2", description = "Threads decoding the images.")
    int threads;

    private static final int BATCH = 64;
    private final StringBuilder md = new StringBuilder();

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        try (Autoencoder ae = Autoencoder.open(model)) {
            ModelManifest m = ae.manifest();
            int validation = m.dataset().validationPercent();
            if (validation == 0) {
                throw new IllegalArgumentException(model + ": not trained on an image folder with a validation split");
            }
            ImageFolder.Split split = ImageFolder.load(data, m.input().preprocessing(), validation, 0, threads, System.err);
            if (split.validation().size() != m.dataset().testCount() || split.train().size() != m.dataset().trainCount()) {
                throw new IllegalArgumentException(data + " gives " + split.train().size() + " training and "
                        + split.validation().size() + " validation images at " + validation + "% validation"
                        + "; the model was trained on " + m.dataset().trainCount() + " and " + m.dataset().testCount()
                        + " (give --data the folder it was trained on)");
            }
            int c = m.input().channels();
            int h = m.input().height();
            int w = m.input().width();
            int d = (int) m.latentSize();
            md.append("# Dogs experiments: conv autoencoder with an 8x8x16 latent, Gaussian sampling, perturbation\n\n")
                    .append("Written by `tools/dogs-experiments` (its last step, `aekit.tools.dogs.DogsReport`) from the ")
                    .append("bundle `").append(model).append("` and the photos in `").append(data).append("`, with ONNX ")
                    .append("Runtime. Every number and figure comes from that command; paragraphs headed *Observations* ")
                    .append("are the developers' reading of the figures (`reports/dogs/notes/`).\n\n");
            md.append(String.format(Locale.ROOT, "Model: %s, input %s, latent %s (%d values), trained %d epochs "
                    + "(batch %d, Adam lr %.0e, seed %d)%s on %d images; validation: %d images held out by a hash of "
                    + "their path (%d%%).%n%n", m.kind(), m.input().preprocessing().describe(), m.latentShape(), d,
                    m.training().epochs(), m.training().batchSize(), m.training().learningRate(), m.training().seed(),
                    m.training().initialisedFrom() == null ? "" : " starting from " + m.training().initialisedFrom(),
                    m.dataset().trainCount(), m.dataset().testCount(), validation));

            Encoded val = encodeAll(ae, split.validation(), d);
            Encoded train = encodeAll(ae, split.train(), d);
            md.append("## Task 1: reconstruction quality\n\n| images | count | mean MSE | mean PSNR, peak 1.0 (dB) | "
                    + "mean PSNR, peak max(x) (dB) |\n|---|---:|---:|---:|---:|\n");
            row("validation", val.metrics);
            row("training", train.metrics);
            md.append(String.format(Locale.ROOT, "%nThe issue's target is a validation mean PSNR (peak 1.0) of at least "
                    + "25 dB: %.2f dB (%s).%n%n", val.metrics.meanPsnr(), val.metrics.meanPsnr() >= 25 ? "met" : "not met"));
            new aekit.tools.ReportNotes(out).appendTo(md, "task1");

            Random rng = new Random(seed);
            int k = Math.min(9, split.validation().size());
            int[] nine = pick(rng, split.validation().size(), k);
            float[] x = split.validation().batch(nine);
            float[] z = ae.encode(x, k);
            float[] r = ae.decode(z, k);
            double[] range = percentiles(z, 0.01, 0.99);
            List<BufferedImage> codes = new ArrayList<>();
            List<Integer> latent = m.latentShape().stream().map(Long::intValue).toList();
            for (int i = 0; i < k; i++) {
                codes.add(HeatMaps.tiles(z, i, latent.get(0), latent.get(1), latent.get(2), range[0], range[1], 4));
            }
            codes.add(HeatMaps.colourBar(range[0], range[1], codes.get(0).getHeight()));
            md.append("## Task 2: nine random validation images\n\n");
            List<BufferedImage> errors = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                errors.add(FigureGrid.zoom(aekit.infer.image.ErrorMap.of(x, r, i * c * h * w, c, h, w,
                        aekit.infer.image.ErrorMap.DEFAULT_MAX), 2));
            }
            save("nine.png", new FigureGrid().row("original", x, k, c, h, w, 2).row("reconstruction", r, k, c, h, w, 2)
                    .row("error |x - x_hat|", errors).row("latent code (16 maps 8x8)", codes).render());
            md.append(String.format(Locale.ROOT, "![nine validation images](nine.png)%n%nRows: the image, its "
                    + "reconstruction, the absolute error per pixel (mean over RGB; black 0, red, yellow, white at 0.5 or more), "
                    + "and its code: the %d feature maps of %dx%d as heat maps tiled 4x4, on one colour "
                    + "scale for all nine (the 1st to 99th percentile of their values, [%.2f, %.2f]).%n%n", latent.get(0),
                    latent.get(1), latent.get(2), range[0], range[1]));
            new aekit.tools.ReportNotes(out).appendTo(md, "task2");

            md.append("## Task 3: sampling the latent space from a fitted Gaussian\n\n");
            int[] fitIdx = pick(rng, split.train().size(), fitCount);
            float[] fitCodes = rows(train.codes, fitIdx, d);
            LatentGaussian g = LatentGaussian.fit(fitCount + " random training images", fitCodes, fitCount, d);
            LatentGaussian all = LatentGaussian.fit("all " + train.n + " training images", train.codes, train.n, d);
            float[] sFull = g.sample(new Random(seed + 1), 9, false);
            float[] sDiag = g.sample(new Random(seed + 2), 9, true);
            float[] sAll = all.sample(new Random(seed + 3), 9, false);
            save("samples.png", new FigureGrid()
                    .row(fitCount + " codes, full covariance", ae.decode(sFull, 9), 9, c, h, w, 2)
                    .row(fitCount + " codes, diagonal only", ae.decode(sDiag, 9), 9, c, h, w, 2)
                    .row("all training codes, full", ae.decode(sAll, 9), 9, c, h, w, 2)
                    .row("nearest training image", nearest(sFull, train.codes, train.n, d, split.train()), 9, c, h, w, 2)
                    .render());
            md.append(String.format(Locale.ROOT, "The codes of %d random training images give the mean (%d values) and "
                    + "the full %dx%d covariance (rank at most %d); 9 codes are drawn exactly as mean + A^T e with A the "
                    + "centred codes / sqrt(n-1) and e ~ N(0, I_%d), and decoded (first row). The second row keeps only the "
                    + "covariance's diagonal; the third fits all %d training codes. The last row shows, for each "
                    + "first-row sample, the training image whose code is nearest to it (Euclidean), to show how far the "
                    + "samples are from memorised images. `aekit fit-latent` and `aekit generate` do the same with the "
                    + "infer jar alone.%n%n![samples](samples.png)%n%n", fitCount, d, d, d, fitCount - 1, fitCount,
                    train.n));
            md.append(String.format(Locale.ROOT, "Per-dimension standard deviation of the codes: mean %.3f (256-image fit), "
                    + "%.3f (all training images).%n%n", g.meanStd(), all.meanStd()));
            new aekit.tools.ReportNotes(out).appendTo(md, "task3");

            md.append("## Task 4: perturbing the sampled codes\n\n");
            double[] sd = g.diagonalStd();
            FigureGrid pert = new FigureGrid().row("sampled code", ae.decode(sFull, 9), 9, c, h, w, 2);
            Random noise = new Random(seed + 4);
            for (double f : new double[] {0.1, 0.3, 1.0}) {
                float[] p = sFull.clone();
                for (int i = 0; i < 9; i++) {
                    for (int j = 0; j < d; j++) {
                        p[i * d + j] += (float) (f * sd[j] * noise.nextGaussian());
                    }
                }
                pert.row(String.format(Locale.ROOT, "+ N(0, (%.1f sd)^2)", f), ae.decode(p, 9), 9, c, h, w, 2);
            }
            save("perturbed.png", pert.render());
            md.append("The nine full-covariance samples of task 3 with zero-mean Gaussian noise added to every value, its "
                    + "standard deviation a fraction (0.1, 0.3, 1.0) of that dimension's standard deviation over the fitted "
                    + "codes, then decoded:\n\n![perturbed](perturbed.png)\n\n");
            new aekit.tools.ReportNotes(out).appendTo(md, "task4");
        }
        AtomicFiles.writeString(out.resolve("REPORT.md"), md.toString());
        System.err.println("report: " + out.resolve("REPORT.md"));
        return 0;
    }

    /** Codes and reconstruction scores of a whole set. */
    record Encoded(int n, float[] codes, MetricsAccumulator metrics) {
    }

    /** Codes and scores of every image of {@code set} through the one evaluation loop (no input noise). */
    static Encoded encodeAll(Autoencoder ae, ImageTensors set, int d) throws AekitException {
        try {
            aekit.infer.metrics.Evaluator.Result r = new aekit.infer.metrics.Evaluator(
                    aekit.infer.data.InputNoise.NONE, 0, BATCH).keepCodes()
                    .run(aekit.infer.metrics.Evaluator.images(set), ae, 0);
            return new Encoded(r.images(), r.codes(), r.output());
        } catch (java.io.IOException e) {
            throw AekitException.wrap(e);
        }
    }

    private void row(String label, MetricsAccumulator a) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %.5f | %.2f | %.2f |%n", label, a.images(), a.meanMse(),
                a.meanPsnr(), a.meanPsnrImageMax()));
    }

    /** k distinct indices in [0, n), in the order drawn. */
    static int[] pick(Random rng, int n, int k) {
        if (k > n) {
            throw new IllegalArgumentException("asked for " + k + " of " + n + " images");
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) { // partial Fisher-Yates
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, k);
    }

    static float[] rows(float[] codes, int[] idx, int d) {
        float[] out = new float[idx.length * d];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(codes, idx[i] * d, out, i * d, d);
        }
        return out;
    }

    /** For each of the k query codes, the training image whose code is nearest. */
    private static float[] nearest(float[] queries, float[] codes, int n, int d, ImageTensors images) {
        int k = queries.length / d;
        int[] best = new int[k];
        for (int q = 0; q < k; q++) {
            double min = Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d && s < min; j++) {
                    double t = queries[q * d + j] - codes[i * d + j];
                    s += t * t;
                }
                if (s < min) {
                    min = s;
                    best[q] = i;
                }
            }
        }
        return images.batch(best);
    }

    static double[] percentiles(float[] v, double lo, double hi) {
        float[] s = v.clone();
        Arrays.sort(s);
        return new double[] {s[(int) Math.floor(lo * (s.length - 1))], s[(int) Math.ceil(hi * (s.length - 1))]};
    }

    private void save(String name, BufferedImage img) throws java.io.IOException {
        ImageFileWriter.write(img, out.resolve(name), "png");
    }

    /** Runs the report; exit code 0 ok, 1 failure, 2 bad usage. */
    public static void main(String[] args) {
        System.exit(aekit.infer.cli.LargeStack.run(() -> new CommandLine(new DogsReport()).execute(args)));
    }
}
