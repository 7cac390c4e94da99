package aekit.infer.cli;

import picocli.CommandLine.Command;

/** Entry point of the inference jar ({@code java -jar aekit-infer.jar COMMAND ...}). */
@Command(name = "aekit", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        description = "Run aekit autoencoder bundles with ONNX Runtime.",
        subcommands = {DenoiseCommand.class, ReconstructCommand.class, EncodeCommand.class, DecodeCommand.class,
            GridCommand.class, FitLatentCommand.class, GenerateCommand.class, PerturbCommand.class, EvalCommand.class,
            InfoCommand.class, MakeSamplesCommand.class, BenchCommand.class, picocli.CommandLine.HelpCommand.class},
        footerHeading = "%nTraining (the ./aekit launcher runs these on the training jar, DL4J SameDiff):%n",
        footer = {"  train    Train an autoencoder or a photo denoiser (train mnist | images | denoiser | classifier).",
            "  export   Export a training run as an ONNX bundle (encoder.onnx + decoder.onnx or denoiser.onnx).",
            "%nRun 'aekit help COMMAND' or 'aekit COMMAND --help' for a command's options."})
public final class InferMain {
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        aekit.infer.io.AtomicFiles.cleanUpOnExit();
        if (args.length > 0 && MODEL_COMMANDS.contains(args[0])
                && !java.util.Arrays.asList(args).contains("--help") && !java.util.Arrays.asList(args).contains("-h")) {
            warmUpInBackground();
        }
        System.exit(LargeStack.run(() -> run(args)));
    }

    /** Commands that open a model: only they warm up ONNX Runtime and the JSON reader. */
    private static final java.util.Set<String> MODEL_COMMANDS = java.util.Set.of("denoise", "reconstruct", "encode",
            "decode", "grid", "fit-latent", "generate", "perturb", "eval", "info", "bench");

    /** Subcommands by name, built only when used: building all of them costs a few hundred ms at start-up. */
    private static final java.util.Map<String, java.util.function.Supplier<Object>> COMMANDS = java.util.Map.ofEntries(
            java.util.Map.entry("denoise", DenoiseCommand::new), java.util.Map.entry("reconstruct", ReconstructCommand::new),
            java.util.Map.entry("encode", EncodeCommand::new), java.util.Map.entry("decode", DecodeCommand::new),
            java.util.Map.entry("grid", GridCommand::new), java.util.Map.entry("fit-latent", FitLatentCommand::new),
            java.util.Map.entry("generate", GenerateCommand::new), java.util.Map.entry("perturb", PerturbCommand::new),
            java.util.Map.entry("eval", EvalCommand::new), java.util.Map.entry("info", InfoCommand::new),
            java.util.Map.entry("make-samples", MakeSamplesCommand::new), java.util.Map.entry("bench", BenchCommand::new));

    /** Runs one command line; returns the exit code. */
    static int run(String... args) {
        if (args.length > 0 && COMMANDS.containsKey(args[0])) {
            picocli.CommandLine cl = CliSupport.commandLine(COMMANDS.get(args[0]).get());
            cl.setCommandName("aekit " + args[0]);
            return cl.execute(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        return CliSupport.commandLine(new InferMain()).execute(args);
    }

    /**
     * Loads ONNX Runtime's native library and warms up the JSON reader on other threads while the main thread
     * parses the command line: a one-image run is dominated by these one-time costs (JSON data binding alone takes
     * a fifth of a second the first time). PNGs need no ImageIO; other formats load it on first use.
     */
    static void warmUpInBackground() {
        Thread ort = new Thread(() -> {
            aekit.infer.model.OrtNativeCache.install();
            aekit.infer.model.OrtEnv.get();
        }, "aekit-warmup-ort");
        Thread json = new Thread(() -> {
            try {
                aekit.infer.model.ModelManifest.fromJson(new String(aekit.infer.model.ShippedModels.resolve(
                        DenoiseCommand.DEFAULT_MODEL).read(aekit.infer.model.ModelManifest.MANIFEST_FILE),
                        java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.IOException | RuntimeException e) {
                // a warm-up only: the command reads its own model and reports its own errors
            }
        }, "aekit-warmup-json");
        for (Thread t : new Thread[] {ort, json}) {
            t.setDaemon(true);
            t.start();
        }
    }
}
