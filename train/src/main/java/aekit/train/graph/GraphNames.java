package aekit.train.graph;

/** Stable names of the variables every aekit graph has; export splits the graph at {@link #LATENT}. */
public final class GraphNames {
    /** Placeholder: the (possibly corrupted) input batch, (N, C, H, W) in [0,1]. */
    public static final String IMAGE = "image";
    /** Placeholder: the clean target batch, (N, C, H, W) in [0,1]. */
    public static final String TARGET = "target";
    /** The code the encoder produces: (N, latentDim) or (N, C', H', W'). */
    public static final String LATENT = "latent";
    /**
     * Placeholder of power-normalised models: noise added to the code on its way to the decoder, shaped like the
     * latent; the trainer feeds N(0, variance) during training and zeros (or test noise) when evaluating. Export
     * leaves it out: the exported decoder takes the (possibly noisy) code directly.
     */
    public static final String CHANNEL_NOISE = "channel_noise";
    /** Decoder output before the sigmoid, (N, C, H, W). */
    public static final String LOGITS = "logits";
    /** Decoder output in [0,1], (N, C, H, W). */
    public static final String RECONSTRUCTION = "reconstruction";
    /** The scalar training loss. */
    public static final String LOSS = "loss";

    private GraphNames() {
    }
}
