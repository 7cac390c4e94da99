package aekit.train.trainer;

import aekit.infer.data.InputNoise;

/**
 * How to train: Adam settings, batch size, epochs, seed, L2 and how much of the training set the per-epoch
 * train loss is measured on. Option names in the messages are the CLI's.
 *
 * @param epochs            total epochs to train
 * @param batchSize         examples per step
 * @param learningRate      Adam step size
 * @param beta1             Adam first-moment decay
 * @param beta2             Adam second-moment decay
 * @param l2                L2 regularisation coefficient on the weights (0 = none)
 * @param seed              seed of the weights, the shuffling and any training noise
 * @param trainEvalSamples  training examples the end-of-epoch train loss is measured on (0 = all)
 * @param inputNoise        corruption of the inputs (the target stays clean): a denoising autoencoder
 * @param channelVariance   variance of the zero-mean Gaussian noise added to a power-normalised code during
 *                          training (a noisy channel; 0 = none)
 * @param lrHalveEvery      the learning rate halves every this many epochs (0 = constant)
 */
public record TrainConfig(int epochs, int batchSize, double learningRate, double beta1, double beta2, double l2,
                          long seed, int trainEvalSamples, InputNoise inputNoise, double channelVariance,
                          int lrHalveEvery) {
    /** Training with a constant learning rate. */
    public TrainConfig(int epochs, int batchSize, double learningRate, double beta1, double beta2, double l2,
                       long seed, int trainEvalSamples, InputNoise inputNoise, double channelVariance) {
        this(epochs, batchSize, learningRate, beta1, beta2, l2, seed, trainEvalSamples, inputNoise, channelVariance, 0);
    }

    /** Training without channel noise. */
    public TrainConfig(int epochs, int batchSize, double learningRate, double beta1, double beta2, double l2,
                       long seed, int trainEvalSamples, InputNoise inputNoise) {
        this(epochs, batchSize, learningRate, beta1, beta2, l2, seed, trainEvalSamples, inputNoise, 0);
    }

    public TrainConfig {
        if (lrHalveEvery < 0) {
            throw new IllegalArgumentException("lrHalveEvery must be >= 0 epochs, got " + lrHalveEvery);
        }
        if (!(channelVariance >= 0 && channelVariance <= 10)) {
            throw new IllegalArgumentException("channelVariance must be in [0, 10], got " + channelVariance);
        }
        if (inputNoise == null) {
            inputNoise = InputNoise.NONE;
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1 || batchSize > 65536) {
            throw new IllegalArgumentException("batchSize must be in 1..65536, got " + batchSize);
        }
        if (!(learningRate > 0 && learningRate < 10)) {
            throw new IllegalArgumentException("learningRate must be in (0, 10), got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta1/beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(l2 >= 0 && l2 < 1)) {
            throw new IllegalArgumentException("l2 must be in [0, 1), got " + l2);
        }
        if (trainEvalSamples < 0) {
            throw new IllegalArgumentException("trainEvalSamples must be >= 0, got " + trainEvalSamples);
        }
    }

    /** Defaults: Adam(1e-3, 0.9, 0.999), batch 128, 20 epochs, seed 42, no L2, train loss on 10,000 examples. */
    public static TrainConfig defaults() {
        return new TrainConfig(20, 128, 1e-3, 0.9, 0.999, 0.0, 42, 10_000, InputNoise.NONE);
    }

    /** How the manifest and reports describe the channel noise. */
    public String describeChannel() {
        return channelVariance > 0 ? String.format(java.util.Locale.ROOT, "power-normalised code + N(0, %s)",
                channelVariance) : "none";
    }

    /** A copy with another epoch count. */
    public TrainConfig withEpochs(int newEpochs) {
        return new TrainConfig(newEpochs, batchSize, learningRate, beta1, beta2, l2, seed, trainEvalSamples, inputNoise,
                channelVariance, lrHalveEvery);
    }
}
