package aekit.infer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model bundle's manifest as a short human-readable summary (a dozen lines: what it is, its tensors, how it was
 * trained, on what, its metrics and which software made it), for {@code aekit info} and logs; the whole manifest
 * is {@link ModelManifest#toJson()}.
 */
public final class ModelSummary {
    private ModelSummary() {
    }

    /** The summary of {@code m}, the bundle named {@code name}, one line per entry. */
    public static List<String> lines(String name, ModelManifest m) {
        List<String> out = new ArrayList<>();
        InputSpec in = m.input();
        String colour = in.channels() == 1 ? "grey" : "colour";
        if (m.photoDenoiser()) {
            DenoiserInfo d = m.denoiser();
            out.add(String.format(Locale.ROOT, "model %s: %s, a %s denoiser for any image size (sides padded to "
                    + "multiples of %d, receptive radius %d px), trained on noise up to sigma %.0f (0-255 scale)",
                    name, m.kind(), colour, d.multiple(), d.receptiveRadius(), d.sigmaMax()));
            out.add("  tensors: " + d.file() + " " + ModelManifest.IMAGE + " (N, " + in.channels() + ", H, W) -> "
                    + ModelManifest.RECONSTRUCTION + " (N, " + in.channels() + ", H, W), values in [" + fmt(in.valueMin())
                    + ", " + fmt(in.valueMax()) + "]");
        } else {
            out.add(String.format(Locale.ROOT, "model %s: %s, %s %dx%d input (%s), latent %s%s", name, m.kind(), colour,
                    in.width(), in.height(), in.crop(), m.latentShape(),
                    m.powerNormalised() ? " (power-normalised)" : ""));
            out.add("  tensors: " + ModelManifest.ENCODER_FILE + " " + ModelManifest.IMAGE + " (N, " + in.channels()
                    + ", " + in.height() + ", " + in.width() + ") -> " + ModelManifest.LATENT + " (N, "
                    + join(m.latentShape()) + "); " + ModelManifest.DECODER_FILE + " " + ModelManifest.LATENT + " -> "
                    + ModelManifest.RECONSTRUCTION);
        }
        TrainingSummary t = m.training();
        if (t != null) {
            out.add(String.format(Locale.ROOT, "  training: %d epochs, %s loss, batch %d, Adam lr %s, seed %d, input "
                    + "noise %s%s%s", t.epochs(), t.loss(), t.batchSize(), fmt(t.learningRate()), t.seed(),
                    t.inputNoise() == null ? "none" : t.inputNoise(),
                    t.channelNoise() == null || t.channelNoise().equals("none") ? "" : ", channel " + t.channelNoise(),
                    t.initialisedFrom() == null ? "" : ", started from " + t.initialisedFrom()));
        }
        if (m.dataset() != null) {
            var ds = m.dataset();
            out.add(String.format(Locale.ROOT, "  data: %s (%d training, %d test images), sha256 %s", ds.name(),
                    ds.trainCount(), ds.testCount(), ds.sha256() == null ? "-"
                            : ds.sha256().substring(0, Math.min(12, ds.sha256().length()))));
        }
        if (!m.metrics().isEmpty()) {
            StringBuilder b = new StringBuilder("  metrics:");
            for (Map.Entry<String, Double> e : new java.util.TreeMap<>(m.metrics()).entrySet()) {
                b.append(' ').append(e.getKey()).append(' ').append(fmt(e.getValue())).append(',');
            }
            out.add(b.substring(0, b.length() - 1));
        }
        if (m.latentStats() != null) {
            out.add("  latent statistics: " + m.latentStats().count() + " codes of " + m.latentStats().source());
        }
        if (m.trainedWith() != null) {
            out.add("  trained with: " + build(m.trainedWith()) + "; exported with: "
                    + (m.exportedWith() == null ? "-" : build(m.exportedWith())));
        }
        return out;
    }

    private static String build(BuildInfo b) {
        String commit = b.gitCommit() == null ? "-" : b.gitCommit().substring(0, Math.min(7, b.gitCommit().length()));
        return "aekit " + b.aekit() + " (" + commit + "), DL4J " + b.dl4j() + ", Java " + b.java();
    }

    private static String join(List<Long> shape) {
        StringBuilder b = new StringBuilder();
        for (long d : shape) {
            b.append(b.length() == 0 ? "" : ", ").append(d);
        }
        return b.toString();
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-4 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }
}
