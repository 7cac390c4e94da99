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
        try {
            return new TrainConfig(epochs, batch, lr, beta1, beta2, l2, seed, trainEval, noise, channelVariance);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(withFlags(e.getMessage()), e);
        }
    }

    /**
     * The library's config field names that lead a validation message ("learningRate must be ...") and the options
     * that set them: the training library does not know its command line, so the commands translate.
     */
    private static final java.util.Map<String, String> FLAGS = java.util.Map.ofEntries(
            java.util.Map.entry("epochs", "--epochs"), java.util.Map.entry("batchSize", "--batch"),
            java.util.Map.entry("learningRate", "--lr"), java.util.Map.entry("beta1/beta2", "--beta1/--beta2"),
            java.util.Map.entry("l2", "--l2"), java.util.Map.entry("trainEvalSamples", "--train-eval"),
            java.util.Map.entry("lrHalveEvery", "--lr-halve-every"),
            java.util.Map.entry("channelVariance", "--channel-variance"), java.util.Map.entry("hidden", "--mlp"),
            java.util.Map.entry("latentDim", "--latent"), java.util.Map.entry("activation", "--activation"),
            java.util.Map.entry("validationPercent", "--validation"), java.util.Map.entry("noise factor", "--noise"));

    /** A library message with its leading config field name replaced by the option that sets it, if any. */
    public static String withFlags(String message) {
        for (var e : FLAGS.entrySet()) {
            String k = e.getKey();
            if (message.startsWith(k + " ") || message.startsWith(k + ":")) {
                return e.getValue() + message.substring(k.length());
            }
        }
        return message;
    }
}
