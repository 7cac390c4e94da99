package aekit.tools.dogs;

import aekit.infer.image.ImageFileWriter;
import aekit.infer.io.AtomicFiles;
import aekit.infer.latent.LatentGaussian;
import aekit.infer.data.InputNoise;
import aekit.infer.metrics.Evaluator;
import aekit.infer.model.ModelManifest;
import aekit.infer.Autoencoder;
import aekit.tools.FigureGrid;
import aekit.train.data.ImageFolder;
import aekit.infer.AekitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes {@code CHANNEL.md} for the noisy-channel experiment (course part 2, task 5): the PSNR of each
 * noisy-channel model at its own channel variance and without noise, a cross table of every model at every
 * variance, and samples from a Gaussian fitted to each model's codes beside the noiseless reference model's.
 * The channel adds N(0, v P) to each code, P its mean power (1 for the power-normalised models), so the plain
 * reference model meets the same signal-to-noise ratio 1/v.
 */
@Command(name = "channel-report", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        showDefaultValues = true, description = "Write the noisy-channel report from exported bundles.")
public final class ChannelReport implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "The image folder the models were trained on.")
    Path data;

    @Option(names = "--reference", required = true, description = "The noiseless dogs model (bundle folder).")
    Path reference;

    @Option(names = "--models", required = true, arity = "1..*", description = "Noisy-channel bundles.")
    List<Path> models;

    @Option(names = {"-o", "--out"}, defaultValue = "reports/dogs", description = "Report folder.")
    Path out;

    @Option(names = "--draws", defaultValue = "3", description = "Channel-noise draws averaged per evaluation.")
    int draws;

    @Option(names = "--seed", defaultValue = "11", description = "Seed of the channel noise and the sampling.")
    long seed;

    @Option(names = "--threads", defaultValue = "2", description = "Threads decoding the images.")
    int threads;

    static final double[] VARIANCES = {0, 0.05, 0.1, 0.15, 0.2, 0.3};
    private final StringBuilder md = new StringBuilder();

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        List<Path> all = new ArrayList<>();
        all.add(reference);
        all.addAll(models);
        List<ModelManifest> manifests = new ArrayList<>();
        for (Path b : all) {
            manifests.add(ModelManifest.fromJson(Files.readString(b.resolve(ModelManifest.MANIFEST_FILE))));
        }
        ModelManifest ref = manifests.get(0);
        ImageFolder.Split split = ImageFolder.load(data, ref.input().preprocessing(), ref.dataset().validationPercent(), 0, threads,
                System.err);
        for (int i = 0; i < all.size(); i++) {
            ModelManifest m = manifests.get(i);
            if (!m.dataset().sha256().equals(ref.dataset().sha256()) || !m.input().equals(ref.input())) {
                throw new IllegalArgumentException(all.get(i) + ": trained on other data or input than " + reference);
            }
        }
        int n = split.validation().size();
        md.append("# Dogs: noisy-channel autoencoders\n\nWritten by `tools/channel-experiments` (its last step, ")
                .append("`aekit.tools.dogs.ChannelReport`) from the bundles below and the ").append(n)
                .append(" validation photos of `").append(data).append("` (the split the models were trained with), ")
                .append("with ONNX Runtime; paragraphs headed *Observations* are the developers' (`reports/dogs/notes/`).")
                .append("\n\nThe channel: each code (16x8x8 = 1,024 values) gets zero-mean Gaussian noise of variance ")
                .append("v * P before decoding, P the code's mean power. The noisy-channel models power-normalise their ")
                .append("codes (P = 1), so this is N(0, v), as in training; for the noiseless reference it is the same ")
                .append(String.format(Locale.ROOT, "signal-to-noise ratio 1/v. Every noisy score is the mean over %d "
                        + "noise draws (seeded).%n%n", draws));
        md.append("| bundle | trained with | epochs | started from |\n|---|---|---:|---|\n");
        for (int i = 0; i < all.size(); i++) {
            var t = manifests.get(i).training();
            md.append(String.format(Locale.ROOT, "| `%s` | %s | %d | %s |%n", all.get(i), t.channelNoise(), t.epochs(),
                    t.initialisedFrom() == null ? "fresh weights" : t.initialisedFrom()));
        }
        double[][] cross = new double[all.size()][VARIANCES.length];
        double[][] crossMax = new double[all.size()][VARIANCES.length];
        List<float[]> fitted = new ArrayList<>();
        Random pickRng = new Random(seed);
        int[] fitIdx = DogsReport.pick(pickRng, split.train().size(), Math.min(256, split.train().size()));
        float[] fitImages = split.train().batch(fitIdx);
        for (int i = 0; i < all.size(); i++) {
            try (Autoencoder m = Autoencoder.open(all.get(i))) {
                int d = (int) m.manifest().latentSize();
                for (int v = 0; v < VARIANCES.length; v++) {
                    int k = VARIANCES[v] == 0 ? 1 : draws;
                    for (int draw = 0; draw < k; draw++) { // every draw scores the same images: mean of the means
                        Evaluator.Result r = new Evaluator(InputNoise.NONE, seed, BATCH).run(
                                Evaluator.images(split.validation()), m, VARIANCES[v],
                                new Random(seed * 1000 + v * 10 + draw));
                        cross[i][v] += r.output().meanPsnr() / k;
                        crossMax[i][v] += r.output().meanPsnrImageMax() / k;
                    }
                }
                float[] codes = new Evaluator(InputNoise.NONE, seed, BATCH).keepCodes()
                        .run(Evaluator.images(fitImages, fitIdx.length), m, 0).codes();
                LatentGaussian g = LatentGaussian.fit("256 training images", codes, fitIdx.length, d);
                fitted.add(m.decode(g.sample(new Random(seed + 99), 9, false), 9));
            }
        }
        ownVarianceTable(all, manifests, cross, crossMax);
        md.append("## Every model at every channel variance\n\nMean PSNR (dB, peak 1.0) over the validation photos:\n\n")
                .append("| model \\ channel variance |");
        for (double v : VARIANCES) {
            md.append(String.format(Locale.ROOT, " %s |", v));
        }
        md.append("\n|---|").append("---:|".repeat(VARIANCES.length)).append('\n');
        for (int i = 0; i < all.size(); i++) {
            md.append("| `").append(all.get(i)).append("` |");
            for (int v = 0; v < VARIANCES.length; v++) {
                md.append(String.format(Locale.ROOT, " %.2f |", cross[i][v]));
            }
            md.append('\n');
        }
        md.append('\n');
        new aekit.tools.ReportNotes(out).appendTo(md, "channel-cross");

        int c = ref.input().channels();
        int h = ref.input().height();
        int w = ref.input().width();
        FigureGrid fig = new FigureGrid();
        for (int i = 0; i < all.size(); i++) {
            fig.row(i == 0 ? "noiseless reference" : "channel " + variance(manifests.get(i)), fitted.get(i), 9, c, h, w, 2);
        }
        ImageFileWriter.write(fig.render(), out.resolve("channel-samples.png"), "png");
        md.append("## Does sampling the latent space generate dogs?\n\nFor each model: the codes of the same 256 random "
                + "training photos, a Gaussian with their mean and full covariance, 9 codes drawn exactly from it (the "
                + "same standard-normal draws for every model) and decoded:\n\n![samples](channel-samples.png)\n\n");
        new aekit.tools.ReportNotes(out).appendTo(md, "channel-samples");
        AtomicFiles.writeString(out.resolve("CHANNEL.md"), md.toString());
        System.err.println("report: " + out.resolve("CHANNEL.md"));
        return 0;
    }

    private void ownVarianceTable(List<Path> all, List<ModelManifest> manifests, double[][] cross, double[][] crossMax)
            throws java.io.IOException {
        md.append("\n## Each model at its own training variance\n\n| model | channel variance | PSNR with channel "
                + "noise, peak 1.0 | peak max(x) | PSNR without noise, peak 1.0 | peak max(x) |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < all.size(); i++) {
            double v = variance(manifests.get(i));
            int col = column(v);
            md.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %s | %.2f | %.2f |%n", all.get(i), v,
                    col < 0 ? "-" : String.format(Locale.ROOT, "%.2f", cross[i][col]),
                    col < 0 ? "-" : String.format(Locale.ROOT, "%.2f", crossMax[i][col]), cross[i][0], crossMax[i][0]));
        }
        md.append("\nThe issue's target: at variance 0.1, a mean PSNR (peak 1.0) of at least 24 dB.\n\n");
        new aekit.tools.ReportNotes(out).appendTo(md, "channel-own");
    }

    /** Images per model call (the batch the report's figures were made with). */
    private static final int BATCH = 64;

    /** The channel variance a model was trained with, from its manifest (0 for the reference). */
    static double variance(ModelManifest m) {
        String s = m.training().channelNoise();
        int k = s.indexOf("N(0, ");
        return k < 0 ? 0 : Double.parseDouble(s.substring(k + 5, s.indexOf(')', k)));
    }

    private static int column(double v) {
        for (int i = 0; i < VARIANCES.length; i++) {
            if (Math.abs(VARIANCES[i] - v) < 1e-9) {
                return i;
            }
        }
        return -1;
    }


    /** Runs the report; exit code 0 ok, 1 failure, 2 bad usage. */
    public static void main(String[] args) {
        System.exit(aekit.infer.cli.LargeStack.run(() -> new CommandLine(new ChannelReport()).execute(args)));
    }
}
