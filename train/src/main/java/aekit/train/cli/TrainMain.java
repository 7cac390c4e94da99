package aekit.train.cli;

import aekit.infer.AekitVersion;
import aekit.infer.cli.CliSupport;
import picocli.CommandLine.Command;

/** Entry point of the training side of aekit: {@code aekit train mnist ...}. */
@Command(name = "aekit", mixinStandardHelpOptions = true, versionProvider = AekitVersion.class,
        description = "Train autoencoders with SameDiff.", subcommands = {TrainCommand.class})
public final class TrainMain {
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int code = CliSupport.commandLine(new TrainMain()).execute(args);
        System.exit(code);
    }
}
