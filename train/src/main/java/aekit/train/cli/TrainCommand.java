package aekit.train.cli;

import picocli.CommandLine.Command;

/** {@code aekit train}: groups the per-data-set training commands. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        description = "Train an autoencoder; writes a run folder with checkpoint, metrics.csv and report.md.",
        subcommands = {TrainMnistCommand.class, TrainImagesCommand.class, TrainDenoiserCommand.class,
            TrainClassifierCommand.class})
public final class TrainCommand {
}
