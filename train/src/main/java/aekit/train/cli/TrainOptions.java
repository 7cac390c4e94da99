package aekit.train.cli;

import aekit.infer.data.InputNoise;
import aekit.train.trainer.TrainConfig;
import picocli.CommandLine.Option;

/** The optimiser, schedule and run-control options every {@code aekit train} subcommand shares (a picocli mixin). */
public final class TrainOptions {
    @Option(names = "--epochs", defaultValue = "20", description = "Epochs to train (with --resume: the new total).")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size.")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate.")
    double lr;

    @Option(names = "--beta1", defaultValue = "0.9", description = "Adam beta1.")
    double beta1;

    @Option(names = "--beta2", defaultValue = "0.999", description = "Adam beta2.")
    double beta2;

    @Option(names = "--l2", defaultValue = "0", description = "L2 regularisation coefficient on the weights.")
    double l2;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of weights, shuffling and noise.")
    long seed;

    @Option(names = "--train-eval", defaultValue = "10000",
            description = "Training images the per-epoch train loss is measured on (0 = all).")
    int trainEval;

    @Option(names = "--limit", defaultValue = "0", description = "Use only N training images (0 = all).")
    int limit;

    @Option(names = "--resume", description = "Continue the run in --out from its checkpoint.")
    boolean resume;

    @Option(names = "--force", description = "Start over even if --out already holds a checkpoint.")
    boolean force;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    /** The training settings these options give, with the command's input noise. */
    TrainConfig config(InputNoise noise) {
        return config(noise, 0);
    }

    /** The training settings these options give, with the command's input and channel noise. */
    TrainConfig config(InputNoise noise, double channelVariance) {
        return new TrainConfig(epochs, batch, lr, beta1, beta2, l2, seed, trainEval, noise, channelVariance);
    }
}
