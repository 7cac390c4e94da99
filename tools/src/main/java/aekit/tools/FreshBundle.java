package aekit.tools;

import aekit.export.BundleWriter;
import aekit.export.ManifestFactory;
import aekit.export.onnx.OnnxExporter;
import aekit.infer.data.DatasetInfo;
import aekit.infer.model.ModelManifest;
import aekit.train.TrainBuild;
import aekit.train.checkpoint.Checkpoint;
import aekit.train.checkpoint.RunSpec;
import aekit.train.checkpoint.TrainingState;
import aekit.train.graph.ConvAutoencoder;
import aekit.train.graph.ConvAutoencoderConfig;
import aekit.train.graph.LossKind;
import aekit.train.trainer.TrainConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes an untrained bundle of a conv autoencoder architecture, for benchmarking the inference pipeline on a
 * model shape before a trained model of that shape exists (the speed does not depend on the weights). Its
 * manifest says kind "untrained-benchmark" so it is never mistaken for a real model.
 *
 * <p>usage: FreshBundle OUT CHANNELS SIZE ENC_CHANNELS(comma-separated) DENSE LATENT
 */
public final class FreshBundle {
    private FreshBundle() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: FreshBundle OUT CHANNELS SIZE ENC_CHANNELS DENSE LATENT (DENSE 0: LATENT feature maps)");
            System.exit(2);
        }
        int size = Integer.parseInt(args[2]);
        List<Integer> enc = Arrays.stream(args[3].split(",")).map(Integer::parseInt).toList();
        int channels = Integer.parseInt(args[1]);
        int dense = Integer.parseInt(args[4]);
        int latent = Integer.parseInt(args[5]);
        ConvAutoencoderConfig cfg = dense == 0 // DENSE 0: a spatial latent of LATENT feature maps
                ? ConvAutoencoderConfig.spatial(channels, size, size, enc, 3, latent)
                : ConvAutoencoderConfig.dense(channels, size, size, enc, 3, dense, latent);
        RunSpec spec = new RunSpec("untrained-benchmark", cfg, LossKind.MSE, TrainConfig.defaults(),
                new DatasetInfo("none", "none", 0, 0, "none"), TrainBuild.current());
        Checkpoint cp = new Checkpoint(ConvAutoencoder.build(cfg, LossKind.MSE, 1), TrainingState.start(spec));
        ModelManifest m = ManifestFactory.of(cp);
        BundleWriter.write(Path.of(args[0]), OnnxExporter.export(cp.graph(), m), m, true);
        System.err.println("untrained " + cfg + " -> " + args[0]);
    }
}
