package aekit.infer.cli;

import aekit.infer.AekitVersion;
import picocli.CommandLine.Command;

/** Entry point of the inference jar ({@code java -jar aekit-infer.jar COMMAND ...}). */
@Command(name = "aekit", mixinStandardHelpOptions = true, versionProvider = AekitVersion.class,
        description = "Run aekit autoencoder bundles with ONNX Runtime.",
        subcommands = {DenoiseCommand.class, ReconstructCommand.class, EncodeCommand.class, DecodeCommand.class,
            GridCommand.class, FitLatentCommand.class, GenerateCommand.class, PerturbCommand.class, EvalCommand.class,
            InfoCommand.class, MakeSamplesCommand.class, BenchCommand.class})
public final class InferMain {
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        aekit.infer.io.AtomicFiles.cleanUpOnExit();
        System.exit(CliSupport.commandLine(new InferMain()).execute(args));
    }
}
