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
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        description = "Show a model's shapes and provenance, the shipped models and ONNX Runtime's execution providers.")
public final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Parameters(arity = "0..1", paramLabel = "BUNDLE|NAME", description = "A bundle folder or shipped model name.")
    String model;

    @picocli.CommandLine.Option(names = "--json", description = "Print the bundle's whole manifest (model.json).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println("aekit " + AekitVersion.get() + " (" + AekitVersion.gitCommit() + "), Java "
                + System.getProperty("java.version"));
        out.println("shipped models: " + (ShippedModels.names().isEmpty() ? "none" : String.join(", ", ShippedModels.names())));
        aekit.infer.model.OrtNativeCache.install(); // before ONNX Runtime loads: its native library from the cache
        out.println("execution providers: " + OrtEnvironment.getAvailableProviders());
        if (model != null) {
            aekit.infer.model.BundleSource source = ShippedModels.resolve(model);
            aekit.infer.model.ModelManifest mf;
            if (source == null) {
                throw new IllegalArgumentException(model + ": no such bundle");
            }
            if (aekit.infer.model.ModelManifest.read(source).photoDenoiser()) { // opened: checked as a run would
                try (aekit.infer.Denoiser m = aekit.infer.Denoiser.open(source,
                        SessionSettings.cpu())) {
                    mf = m.manifest();
                }
            } else {
                try (Autoencoder m = Autoencoder.open(source, SessionSettings.cpu())) {
                    mf = m.manifest();
                }
            }
            out.println();
            if (json) {
                out.println(mf.toJson());
            } else {
                aekit.infer.model.ModelSummary.lines(model, mf).forEach(out::println);
                out.println("  (--json prints the whole manifest: per-epoch metrics and latent statistics)");
            }
        }
        out.flush();
        return 0;
    }
}
