package aekit.infer.cli;

import aekit.infer.model.BundleSource;
import aekit.infer.model.OnnxAutoencoder;
import aekit.infer.model.SessionSettings;
import aekit.infer.model.ShippedModels;
import java.io.IOException;
import picocli.CommandLine.Option;

/** The options every model-using command shares: which model, on which device, with how many threads. */
public final class ModelOptions {
    @Option(names = {"-m", "--model"}, paramLabel = "NAME|PATH",
            description = "A shipped model by name (see 'aekit info') or a bundle folder (default: mnist-dae for "
                    + "denoise, mnist-ae otherwise).")
    String model;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|cuda[:N]",
            description = "Execution provider (cuda needs the -Pcuda build of the jar).")
    String device;

    @Option(names = "--threads", defaultValue = "0", description = "ONNX Runtime intra-op threads (0 = its default).")
    int threads;

    /** The bundle named by --model, or {@code fallback} when none was given. */
    public BundleSource source(String fallback) throws IOException {
        return ShippedModels.resolve(model != null ? model : fallback);
    }

    /** Opens the model. */
    public OnnxAutoencoder open(String fallback) throws IOException {
        return OnnxAutoencoder.open(source(fallback), new SessionSettings(device, threads));
    }
}
