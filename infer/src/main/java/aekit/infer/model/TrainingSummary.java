package aekit.infer.model;

/**
 * How a shipped model was trained (the training config as the bundle records it).
 *
 * @param loss         "BCE" or "MSE"
 * @param epochs       epochs trained
 * @param batchSize    batch size
 * @param learningRate Adam learning rate
 * @param beta1        Adam beta1
 * @param beta2        Adam beta2
 * @param l2           L2 coefficient (0 = none)
 * @param seed         seed of weights, shuffling and noise
 * @param inputNoise   description of input corruption during training ("none" for a plain autoencoder)
 * @param channelNoise description of latent channel noise during training ("none" if absent)
 * @param initialisedFrom the run whose trained weights this one started from (fine-tuning), or null if it started
 *                     from fresh weights
 */
public record TrainingSummary(String loss, int epochs, int batchSize, double learningRate, double beta1, double beta2,
                              double l2, long seed, String inputNoise, String channelNoise, String initialisedFrom) {
    /** A model trained from fresh weights. */
    public TrainingSummary(String loss, int epochs, int batchSize, double learningRate, double beta1, double beta2,
                           double l2, long seed, String inputNoise, String channelNoise) {
        this(loss, epochs, batchSize, learningRate, beta1, beta2, l2, seed, inputNoise, channelNoise, null);
    }
}
