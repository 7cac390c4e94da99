package aekit.infer.cli;

import aekit.infer.AekitVersion;
import aekit.infer.Autoencoder;
import aekit.infer.SessionSettings;
import aekit.infer.model.ShippedModels;
import ai.onnxruntime.OrtEnvironment;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aekit info [BUNDLE|NAME]}: a model's shapes and provenance, the shipped models and the execution providers. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = AekitVersion.class,
        description = "Show a model's shapes and provenance, the shipped models and ONNX Runtime's execution providers.")
public final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Parameters(arity = "0..1", paramLabel = "BUNDLE|NAME", description = "A bundle folder or shipped model name.")
    String model;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println("aekit " + AekitVersion.get() + " (" + AekitVersion.gitCommit() + "), Java "
                + System.getProperty("java.version"));
        out.println("shipped models: " + (ShippedModels.names().isEmpty() ? "none" : String.join(", ", ShippedModels.names())));
        aekit.infer.model.OrtNativeCache.install(); // before ONNX Runtime loads: its native library from the cache
        out.println("execution providers: " + OrtEnvironment.getAvailableProviders());
        if (model != null && aekit.infer.model.ModelManifest.read(ShippedModels.resolve(model)).photoDenoiser()) {
            try (aekit.infer.Denoiser m = aekit.infer.Denoiser.open(ShippedModels.resolve(model),
                    SessionSettings.cpu())) {
                var mf = m.manifest();
                var d = mf.denoiser();
                out.println();
                out.printf(java.util.Locale.ROOT, "model %s: photo denoiser (%s), %s, any size (sides padded to multiples "
                                + "of %d, tiles of %d px with %d px margins), blind up to sigma %.0f (0-255 scale); "
                                + "trained %d epochs on %s (%d images)%n", model, d.file(),
                        mf.input().channels() == 1 ? "grey" : "colour", d.multiple(), m.tiling().tile(),
                        m.tiling().margin(), d.sigmaMax(), mf.training().epochs(), mf.dataset().name(),
                        mf.dataset().trainCount());
                out.println(mf.toJson());
            }
        } else if (model != null) {
            try (Autoencoder m = Autoencoder.open(ShippedModels.resolve(model), SessionSettings.cpu())) {
                out.println();
                out.println("model " + model + ":");
                out.println(m.manifest().toJson());
            }
        }
        out.flush();
        return 0;
    }
}
