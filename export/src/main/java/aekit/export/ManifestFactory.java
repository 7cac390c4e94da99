package aekit.export;

import aekit.infer.model.DenoiserInfo;
import aekit.train.graph.DenoiserConfig;
import aekit.export.onnx.OnnxExporter;
import aekit.infer.data.ImageTensors;
import aekit.infer.model.BuildInfo;
import aekit.infer.model.LatentStats;
import aekit.infer.model.InputSpec;
import aekit.infer.model.ModelManifest;
import aekit.infer.model.TrainingSummary;
import aekit.train.TrainBuild;
import aekit.train.checkpoint.Checkpoint;
import aekit.train.checkpoint.RunSpec;
import aekit.train.report.LatentCodes;
import aekit.train.trainer.EpochMetrics;
import aekit.train.trainer.TrainConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a bundle's {@link ModelManifest} from a checkpoint: its run spec, final metrics and versions. */
public final class ManifestFactory {
    private ManifestFactory() {
    }

    /** The manifest for exporting {@code cp}. */
    public static ModelManifest of(Checkpoint cp) throws ExportException {
        RunSpec spec = cp.state().spec();
        InputSpec input = InputSpec.of(spec.preprocessing());
        long[] latent = OnnxExporter.latentShape(cp.graph(), input);
        TrainConfig t = spec.train();
        List<EpochMetrics> h = cp.state().history();
        TrainingSummary training = new TrainingSummary(spec.loss().name(), h.size(), t.batchSize(), t.learningRate(),
                t.beta1(), t.beta2(), t.l2(), t.seed(), t.inputNoise().describe(), t.describeChannel(),
                spec.initialisedFrom());
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (!h.isEmpty()) {
            EpochMetrics last = h.get(h.size() - 1);
            metrics.put("train_loss", last.trainLoss());
            metrics.put("test_loss", last.testLoss());
            metrics.put("test_mse", last.testMse());
            metrics.put("test_psnr", last.testPsnr());
            last.detail().forEach((k, v) -> metrics.put("val_" + k, v));
            double secs = h.stream().mapToDouble(EpochMetrics::seconds).sum();
            metrics.put("train_seconds", secs);
            metrics.put("train_samples_per_s", h.stream().mapToDouble(m -> m.seconds() * m.samplesPerSec()).sum()
                    / Math.max(1e-9, secs));
        }
        DenoiserInfo denoiser = spec.model() instanceof DenoiserConfig d
                ? new DenoiserInfo(ModelManifest.DENOISER_FILE, d.multiple(), d.receptiveRadius(),
                        t.inputNoise().factor() * 255) : null;
        BuildInfo trained = spec.trainedWith() != null ? spec.trainedWith()
                : new BuildInfo("unknown", "unknown", "unknown", "unknown");
        return new ModelManifest(ModelManifest.FORMAT, spec.kind(), input,
                java.util.Arrays.stream(latent).boxed().toList(), spec.model().powerNormalised(), training, spec.data(), metrics, trained,
                TrainBuild.current(), null, denoiser);
    }

    /** The manifest with statistics of the latent codes of {@code data} computed by the checkpoint's graph. */
    public static ModelManifest withLatentStats(ModelManifest manifest, Checkpoint cp, ImageTensors data,
                                                String source) {
        float[] codes = LatentCodes.encode(cp.graph(), data);
        int d = (int) manifest.latentSize();
        return manifest.withLatentStats(LatentStats.of(source, codes, data.size(), d));
    }
}
