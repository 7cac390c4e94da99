package aekit.tools.mnist;

import aekit.infer.data.Mnist;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.image.Montage;
import aekit.infer.io.AtomicFiles;
import aekit.infer.latent.LatentGrid;
import aekit.infer.metrics.MetricsAccumulator;
import aekit.infer.model.ModelManifest;
import aekit.infer.Autoencoder;
import aekit.infer.model.TrainingSummary;
import aekit.train.report.Charts;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes {@code REPORT.md} and its figures for the MNIST experiments (course tasks 2-5) from exported bundles and
 * the MNIST test set, with ONNX Runtime: every number and picture in the report is computed here. Hand-written
 * observations are spliced in from {@code OUT/notes/<section>.md} when present, marked as such.
 */
@Command(name = "mnist-report", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        showDefaultValues = true, description = "Write the MNIST experiments report from exported bundles.")
public final class MnistReport implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Folder with the MNIST IDX files.")
    Path data;

    @Option(names = {"-o", "--out"}, defaultValue = "reports/mnist", description = "Report folder.")
    Path out;

    @Option(names = "--ae", required = true, description = "Bundle of the 2-d autoencoder (task 2).")
    Path ae;

    @Option(names = "--l2", required = true, arity = "1..*", description = "Bundles of the 2-d autoencoder trained "
            + "with L2 regularisation (task 5), one per strength.")
    List<Path> l2;

    @Option(names = "--show-l2", required = true, description = "The L2 bundle shown side by side with --ae.")
    Path showL2;

    @Option(names = "--dae2d", required = true, description = "2-d autoencoder trained as a denoiser (noise not clipped).")
    Path dae2d;

    @Option(names = "--dae2d-clip", required = true, description = "2-d denoiser trained on clipped 8-bit noise.")
    Path dae2dClip;

    @Option(names = "--dae", required = true, description = "The shipped denoiser.")
    Path dae;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the evaluation noise.")
    long seed;

    @Option(names = "--grid", defaultValue = "20", description = "Grid cells per axis.")
    int grid;

    private final StringBuilder md = new StringBuilder();

    @Override
    public Integer call() throws Exception {
        Mnist test = Mnist.load(data, Mnist.Split.TEST);
        Files.createDirectories(out);
        md.append("# MNIST experiments: 2-d autoencoder, denoising, latent grid, L2 regularisation\n\n")
                .append("Written by `tools/mnist-experiments` (its last step, `aekit.tools.mnist.MnistReport`) from the ")
                .append("exported bundles below and the ").append(test.size()).append(" MNIST test images, with ONNX ")
                .append("Runtime. Every number and figure comes from that command; the paragraphs headed ")
                .append("*Observations* are the developers' reading of the figures (`reports/mnist/notes/`).\n\n");
        List<Path> all = new ArrayList<>(List.of(ae, dae2d, dae2dClip, dae));
        all.addAll(l2);
        modelsTable(all);
        try (Autoencoder aeModel = Autoencoder.open(ae)) {
            LatentStudy base = LatentStudy.of(aeModel, test.images(), grid);
            task2(aeModel, test, base);
            task3(test, aeModel);
            task4(base, test.labels());
            task5(base, test);
        }
        AtomicFiles.writeString(out.resolve("REPORT.md"), md.toString());
        System.err.println("report: " + out.resolve("REPORT.md"));
        return 0;
    }

    private void modelsTable(List<Path> bundles) throws IOException {
        md.append("## Models\n\n| bundle | kind | latent | epochs | L2 | input noise during training | test images |\n")
                .append("|---|---|---|---:|---:|---|---:|\n");
        for (Path b : bundles) {
            ModelManifest m = ModelManifest.fromJson(Files.readString(b.resolve(ModelManifest.MANIFEST_FILE)));
            TrainingSummary t = m.training();
            md.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %d | %s | %s | %d |%n", b, m.kind(),
                    m.latentShape(), t.epochs(), t.l2() == 0 ? "0" : String.format(Locale.ROOT, "%.0e", t.l2()),
                    t.inputNoise(), m.dataset().testCount()));
        }
        md.append('\n');
    }

    private void task2(Autoencoder model, Mnist test, LatentStudy s) throws Exception {
        md.append("## Task 2: the 2-d autoencoder (BCE)\n\n");
        md.append(String.format(Locale.ROOT, "On the %d test images: BCE %.4f per pixel, MSE %.4f, mean PSNR %.2f dB "
                + "(peak 1.0).%n%n", s.metrics().images(), s.bce(), s.metrics().meanMse(), s.metrics().meanPsnr()));
        float[] x = test.images().batch(DenoiseStudy.oneOfEachDigit(test.labels()));
        float[] r = model.reconstruct(x, 10);
        float[] err = aekit.infer.image.ErrorMap.values(x, r, 10, 1, 28, 28, 1.0);
        figure("reconstructions.png", new String[] {"original", "2-d reconstruction", "error |x - x_hat|"},
                new float[][] {x, r, err}, "The first test image of each digit, its reconstruction and the absolute "
                        + "error per pixel (black 0, white 1)");
        new aekit.tools.ReportNotes(out).appendTo(md, "task2");
    }

    private void task3(Mnist test, Autoencoder aeModel) throws Exception {
        md.append("## Task 3: denoising autoencoder\n\n");
        try (Autoencoder d2 = Autoencoder.open(dae2d); Autoencoder d2c = Autoencoder.open(dae2dClip);
             Autoencoder shipped = Autoencoder.open(dae)) {
            int[] idx = DenoiseStudy.oneOfEachDigit(test.labels());
            float[] x = test.images().batch(idx);
            for (DenoiseStudy.Variant v : List.of(DenoiseStudy.Variant.NOISE, DenoiseStudy.Variant.NOISE_CLIPPED)) {
                float[] noisy = v.noise.apply(x, new java.util.Random(seed));
                String name = v == DenoiseStudy.Variant.NOISE ? "denoise.png" : "denoise-clipped.png";
                figure(name, new String[] {"original", "noisy input",
                    "2-d DAE", "2-d DAE (clipped)", "mnist-dae (shipped)"},
                        new float[][] {x, noisy, d2.reconstruct(noisy, 10), d2c.reconstruct(noisy, 10),
                            shipped.reconstruct(noisy, 10)}, "Noise " + v.noise.describe());
            }
            md.append(String.format(Locale.ROOT, "Mean PSNR (dB, peak 1.0) and MSE over all %d test images; the noise "
                    + "is drawn with seed %d, the same draws for every model.%n%n", test.size(), seed));
            md.append("| output of | clean input | x + 0.4 N(0,1) | x + 0.4 N(0,1), clipped, 8-bit |\n|---|---:|---:|---:|\n");
            double worstGap = 0;
            List<String> names = List.of("noisy input itself", "`" + ae + "` (2-d, plain)",
                    "`" + dae2d + "` (2-d DAE)", "`" + dae2dClip + "` (2-d DAE, clipped noise)",
                    "`" + dae + "` (shipped denoiser)");
            List<Autoencoder> models = java.util.Arrays.asList(null, aeModel, d2, d2c, shipped);
            double shippedClipped = 0;
            for (int r = 0; r < names.size(); r++) {
                StringBuilder row = new StringBuilder("| " + names.get(r));
                for (DenoiseStudy.Variant v : DenoiseStudy.Variant.values()) {
                    if (r == 0 && v == DenoiseStudy.Variant.CLEAN) {
                        row.append(" | -");
                        continue;
                    }
                    MetricsAccumulator a = r == 0 ? DenoiseStudy.noisyInput(test.images(), v, seed)
                            : DenoiseStudy.model(models.get(r), test.images(), v, seed);
                    worstGap = Math.max(worstGap, Math.abs(a.meanPsnr() - a.meanPsnrImageMax()));
                    row.append(String.format(Locale.ROOT, " | %.2f (%.4f)", a.meanPsnr(), a.meanMse()));
                    if (r == 4 && v == DenoiseStudy.Variant.NOISE_CLIPPED) {
                        shippedClipped = a.meanPsnr();
                    }
                }
                md.append(row).append(" |\n");
            }
            md.append(String.format(Locale.ROOT, "%nWith the assignment's formula (peak = each clean image's own max(x)) "
                    + "every cell differs from the peak-1.0 value by at most %.3f dB (MNIST digits nearly all reach "
                    + "1.0).%n%nThe issue's target for the shipped denoiser is a mean test PSNR of at least 22 dB at noise "
                    + "0.4, clipped: it reaches %.2f dB (%s).%n%n", worstGap, shippedClipped,
                    shippedClipped >= 22 ? "met" : "not met"));
        }
        new aekit.tools.ReportNotes(out).appendTo(md, "task3");
    }

    private void task4(LatentStudy s, byte[] labels) throws Exception {
        md.append("## Task 4: uniform sampling of the 2-d latent space\n\n");
        double[] r = s.range();
        md.append(String.format(Locale.ROOT, "A uniform %dx%d grid over z1 in [%.2f, %.2f] and z2 in [%.2f, %.2f]: the "
                + "1st to 99th percentile of the %d test codes on each axis (the same range `aekit grid --range auto` "
                + "uses), decoded by `%s`.%n%n", grid, grid, r[0], r[1], r[2], r[3], s.codes().length / 2, ae));
        writeStudyFigures("ae", s, labels, "unregularised");
        md.append("| decoded grid | grid over the test codes |\n|---|---|\n| ![grid](grid-ae.png) | ")
                .append("![scatter](scatter-ae.png) |\n\n");
        md.append(String.format(Locale.ROOT, "%d of the %d grid cells (%.0f%%) hold at least one of the test codes; the "
                + "median grid image is %.4f (mean squared difference per pixel) from its nearest test reconstruction.%n%n",
                s.occupied(), grid * grid, 100.0 * s.occupied() / (grid * grid), s.medianNearestMse()));
        new aekit.tools.ReportNotes(out).appendTo(md, "task4");
    }

    private void task5(LatentStudy base, Mnist test) throws Exception {
        md.append("## Task 5: L2 regularisation\n\n");
        md.append("The same 2-d autoencoder trained with L2 weight decay (Adam; the coefficient is added to the loss as "
                + "coefficient/2 * sum of squared weights, DL4J's L2). Per model: test reconstruction loss, the spread of "
                + "the test codes, and how much of its own 1st-99th percentile grid the data fill (cells holding a test "
                + "code; grid images within 0.01 and 0.02 mean squared difference of some test reconstruction).\n\n");
        md.append("| model | L2 | test BCE | test MSE | PSNR (dB) | std z1 | std z2 | z1 p01..p99 | z2 p01..p99 | "
                + "occupied cells | grid within 0.01 | within 0.02 | median nearest |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|\n");
        studyRow(ae, 0, base);
        LatentStudy shown = null;
        for (Path b : l2) {
            try (Autoencoder m = Autoencoder.open(b)) {
                LatentStudy s = LatentStudy.of(m, test.images(), grid);
                String tag = "l2-" + String.format(Locale.ROOT, "%.0e", m.manifest().training().l2());
                studyRow(b, m.manifest().training().l2(), s);
                writeStudyFigures(tag, s, test.labels(), "L2 " + tag.substring(3));
                if (b.equals(showL2)) {
                    shown = s;
                }
            }
        }
        md.append('\n');
        if (shown == null) {
            throw new IllegalArgumentException("--show-l2 " + showL2 + " is not one of --l2");
        }
        String showTag;
        try (Autoencoder m = Autoencoder.open(showL2)) {
            showTag = "l2-" + String.format(Locale.ROOT, "%.0e", m.manifest().training().l2());
        }
        md.append("Side by side, unregularised (left) and `").append(showL2).append("` (right):\n\n")
                .append("| unregularised | L2 ").append(showTag.substring(3)).append(" |\n|---|---|\n")
                .append("| ![](scatter-ae.png) | ![](scatter-").append(showTag).append(".png) |\n")
                .append("| ![](grid-ae.png) | ![](grid-").append(showTag).append(".png) |\n\n");
        md.append("The grids of every strength:\n\n| ").append(String.join(" | ", l2.stream().map(Path::toString).toList()))
                .append(" |\n|").append("---|".repeat(l2.size())).append("\n|");
        for (Path b : l2) {
            try (Autoencoder m = Autoencoder.open(b)) {
                md.append(" ![](grid-l2-").append(String.format(Locale.ROOT, "%.0e", m.manifest().training().l2()))
                        .append(".png) |");
            }
        }
        md.append("\n\n");
        new aekit.tools.ReportNotes(out).appendTo(md, "task5");
    }

    private void studyRow(Path bundle, double l2Value, LatentStudy s) {
        var st = s.stats();
        int cells = grid * grid;
        md.append(String.format(Locale.ROOT, "| `%s` | %s | %.4f | %.4f | %.2f | %.2f | %.2f | %.2f..%.2f | %.2f..%.2f | "
                + "%.0f%% | %.0f%% | %.0f%% | %.4f |%n", bundle, l2Value == 0 ? "0" : String.format(Locale.ROOT, "%.0e", l2Value),
                s.bce(), s.metrics().meanMse(), s.metrics().meanPsnr(), st.std().get(0), st.std().get(1), st.p01().get(0),
                st.p99().get(0), st.p01().get(1), st.p99().get(1), 100.0 * s.occupied() / cells,
                100 * s.shareWithin(0.01), 100 * s.shareWithin(0.02), s.medianNearestMse()));
    }

    private void writeStudyFigures(String tag, LatentStudy s, byte[] labels, String title) throws IOException {
        ImageFileWriter.write(LatentGrid.withAxes(Montage.grid(s.gridImages(), grid * grid, grid, 1, 28, 28, 1), s.range(),
                grid, 29), out.resolve("grid-" + tag + ".png"), "png");
        XYChart chart = Charts.scatterByLabel("test codes (" + title + ") and the " + grid + "x" + grid + " grid",
                s.codes(), labels, "z1", "z2");
        float[] g = LatentGrid.codes(s.range(), grid);
        double[] gx = new double[grid * grid];
        double[] gy = new double[grid * grid];
        for (int i = 0; i < gx.length; i++) {
            gx[i] = g[2 * i];
            gy[i] = g[2 * i + 1];
        }
        XYSeries series = chart.addSeries("grid", gx, gy);
        series.setMarker(SeriesMarkers.CROSS);
        series.setMarkerColor(Color.BLACK);
        Charts.savePng(chart, out.resolve("scatter-" + tag + ".png"));
    }

    private void figure(String name, String[] labels, float[][] rows, String caption) throws IOException {
        aekit.tools.FigureGrid fig = new aekit.tools.FigureGrid();
        for (int r = 0; r < rows.length; r++) {
            fig.row(labels[r], rows[r], rows[r].length / (28 * 28), 1, 28, 28, 3);
        }
        ImageFileWriter.write(fig.render(), out.resolve(name), "png");
        md.append("![").append(caption).append("](").append(name).append(")\n\n*").append(caption).append("*\n\n");
    }

    /** Runs the report; exit code 0 ok, 1 failure, 2 bad usage. */
    public static void main(String[] args) {
        System.exit(aekit.infer.cli.LargeStack.run(() -> new CommandLine(new MnistReport()).execute(args)));
    }
}
