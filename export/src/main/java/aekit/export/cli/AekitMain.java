package aekit.export.cli;

import aekit.infer.cli.CliSupport;
import aekit.train.cli.TrainCommand;
import picocli.CommandLine.Command;

/** Entry point of aekit's JVM training side: {@code aekit train ...} and {@code aekit export ...}. */
@Command(name = "aekit", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        description = "Train autoencoders with SameDiff and export them to ONNX.",
        subcommands = {TrainCommand.class, ExportCommand.class, picocli.CommandLine.HelpCommand.class},
        footer = {"%nEvery other command (denoise, reconstruct, encode, decode, eval, info, ...) runs on the light "
                + "inference jar: './aekit help' lists them all."})
public final class AekitMain {
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(CliSupport.commandLine(new AekitMain()).execute(args));
    }
}
