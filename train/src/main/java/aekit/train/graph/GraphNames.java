package aekit.train.graph;

import aekit.infer.model.ModelManifest;

/**
 * Stable names of the variables every aekit graph has; export splits the graph at {@link #LATENT}. The names the
 * exported ONNX files carry (image, latent, reconstruction) are the model manifest's, {@link ModelManifest}: one
 * source for training, export and inference; the rest exist only in the training graph.
 */
public final class GraphNames {
    /** Placeholder: the (possibly corrupted) input batch, (N, C, H, W) in [0,1]. */
    public static final String IMAGE = ModelManifest.IMAGE;
    /** Placeholder: the clean target batch, (N, C, H, W) in [0,1]. */
    public static final String TARGET = "target";
    /** The code the encoder produces: (N, latentDim) or (N, C', H', W'). */
    public static final String LATENT = ModelManifest.LATENT;
    /**
     * Placeholder of power-normalised models: noise added to the code on its way to the decoder, shaped like the
     * latent; the trainer feeds N(0, variance) during training and zeros (or test noise) when evaluating. Export
     * leaves it out: the exported decoder takes the (possibly noisy) code directly.
     */
    public static final String CHANNEL_NOISE = "channel_noise";
    /** Decoder output before the sigmoid, (N, C, H, W). */
    public static final String LOGITS = "logits";
    /** Decoder output in [0,1], (N, C, H, W). */
    public static final String RECONSTRUCTION = ModelManifest.RECONSTRUCTION;
    /** The scalar training loss. */
    public static final String LOSS = "loss";

    private GraphNames() {
    }
}
