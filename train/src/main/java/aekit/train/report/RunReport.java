package aekit.train.report;

import aekit.infer.data.ImageTensors;
import aekit.infer.image.Montage;
import aekit.infer.io.AtomicFiles;
import aekit.train.checkpoint.Checkpoint;
import aekit.train.checkpoint.RunSpec;
import aekit.train.graph.GraphNames;
import aekit.train.trainer.EpochMetrics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A run folder's human-readable output: {@code metrics.csv}, {@code report.md} and its PNG figures (test images
 * beside their reconstructions, the latent scatter of the whole test set when the latent is 2-d, loss curves).
 */
public final class RunReport {
    /** Test images shown in the reconstruction figure. */
    static final int SHOWN = 12;

    private final Path runDir;

    public RunReport(Path runDir) {
        this.runDir = runDir;
    }

    /** Rewrites metrics.csv from the history. */
    public void writeMetrics(List<EpochMetrics> history) {
        StringBuilder sb = new StringBuilder(history.isEmpty() ? EpochMetrics.CSV_HEADER
                : history.get(history.size() - 1).csvHeader()).append('\n');
        history.forEach(m -> sb.append(m.csv()).append('\n'));
        try {
            AtomicFiles.writeString(runDir.resolve("metrics.csv"), sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes metrics.csv, the figures and report.md for a checkpoint.
     *
     * @param labels test labels for colouring the latent scatter, or null
     */
    public void write(Checkpoint cp, ImageTensors test, byte[] labels) throws IOException {
        RunSpec spec = cp.state().spec();
        List<EpochMetrics> history = cp.state().history();
        writeMetrics(history);
        SameDiff sd = cp.graph();

        int shown = Math.min(SHOWN, test.size());
        float[] originals = test.batch(0, shown);
        INDArray x = Nd4j.create(originals, test.shape(shown), 'c');
        float[] recon = sd.output(aekit.train.graph.ChannelNoiseFeed.cleanInputs(sd, x), GraphNames.RECONSTRUCTION)
                .get(GraphNames.RECONSTRUCTION).dup('c').data().asFloat();
        writePng(Montage.rows(new float[][] {originals, recon}, test.channels(), test.height(), test.width(), 3),
                "reconstructions.png");

        boolean scatter = spec.model().latentShape().equals(List.of(2)) && labels != null;
        if (scatter) {
            float[] codes = LatentCodes.encode(sd, test);
            Charts.savePng(Charts.scatterByLabel("Latent codes of the " + test.size() + " test images", codes, labels,
                    "z1", "z2"), runDir.resolve("latent.png"));
        }
        if (!history.isEmpty()) {
            List<Double> epochs = history.stream().map(m -> (double) m.epoch()).toList();
            Charts.savePng(Charts.lossCurves(spec.loss() + " loss", epochs,
                    history.stream().map(EpochMetrics::trainLoss).toList(),
                    history.stream().map(EpochMetrics::testLoss).toList()), runDir.resolve("loss.png"));
        }
        AtomicFiles.writeString(runDir.resolve("report.md"), markdown(spec, history, scatter));
    }

    private void writePng(BufferedImage img, String name) throws IOException {
        AtomicFiles.write(runDir.resolve(name), out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer");
            }
        });
    }

    /**
     * A config record in words: "convolutional autoencoder: channels 1, height 28, ..." (a nested record such as the
     * input noise by its own description), not Java's {@code Record[field=value]} form.
     */
    static String describe(Object config) {
        if (config instanceof aekit.infer.data.InputNoise n) {
            return n.describe();
        }
        if (!(config instanceof Record r)) {
            return String.valueOf(config);
        }
        String name = switch (r.getClass().getSimpleName()) {
            case "ConvAutoencoderConfig" -> "convolutional autoencoder";
            case "MlpAutoencoderConfig" -> "fully connected autoencoder";
            case "DenoiserConfig" -> "U-Net denoiser";
            case "TrainConfig" -> "Adam";
            default -> r.getClass().getSimpleName();
        };
        StringBuilder b = new StringBuilder(name).append(':');
        String sep = " ";
        for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String words = c.getName().replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
            b.append(sep).append(words).append(' ').append(v instanceof Record nested ? "(" + describe(nested) + ")" : v);
            sep = ", ";
        }
        return b.toString();
    }

    static String markdown(RunSpec spec, List<EpochMetrics> history, boolean scatter) {
        StringBuilder md = new StringBuilder();
        md.append("# Run report: ").append(spec.kind()).append("\n\n");
        md.append(String.format(Locale.ROOT, "- data: %s (%d train / %d test images, sha256 %s)%n",
                spec.data().name(), spec.data().trainCount(), spec.data().testCount(), spec.data().sha256()));
        md.append("- model: ").append(describe(spec.model())).append('\n');
        md.append("- loss: ").append(spec.loss()).append('\n');
        md.append("- training: ").append(describe(spec.train())).append("\n\n");
        if (!history.isEmpty()) {
            EpochMetrics last = history.get(history.size() - 1);
            md.append(String.format(Locale.ROOT, "Final (epoch %d): test %s %.5f per pixel, test MSE %.5f, "
                            + "test PSNR %.2f dB (peak 1.0), %.0f samples/s.%n%n", last.epoch(), spec.loss(),
                    last.testLoss(), last.testMse(), last.testPsnr(), last.samplesPerSec()));
            md.append("| epoch | train loss | test loss | test MSE | test PSNR (dB) | seconds | samples/s |\n");
            md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
            for (EpochMetrics m : history) {
                md.append(String.format(Locale.ROOT, "| %d | %.5f | %.5f | %.5f | %.2f | %.1f | %.0f |%n", m.epoch(),
                        m.trainLoss(), m.testLoss(), m.testMse(), m.testPsnr(), m.seconds(), m.samplesPerSec()));
            }
            md.append("\nTrain loss is measured after each epoch on the first ")
                    .append(spec.train().trainEvalSamples() == 0 ? "all" : spec.train().trainEvalSamples())
                    .append(" training images, in evaluation mode.\n\n");
            md.append("![loss curves](loss.png)\n\n");
        }
        md.append("## Reconstructions\n\nTop: the first ").append(SHOWN)
                .append(" test images; bottom: their reconstructions.\n\n![reconstructions](reconstructions.png)\n\n");
        if (scatter) {
            md.append("## Latent space\n\nThe 2-d codes of every test image, coloured by digit.\n\n")
                    .append("![latent codes](latent.png)\n");
        }
        return md.toString();
    }
}
