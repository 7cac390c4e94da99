package aekit.train.graph;

import java.util.List;

/**
 * A fully connected autoencoder: the image flattened, dense layers of the given widths, the latent vector, the
 * mirrored layers and a dense layer back to C*H*W values with a sigmoid output. Every hidden layer and the latent
 * use one activation, as in the textbook's 784-256-128-100 sigmoid model and the blog's 784-128 ReLU one.
 *
 * @param channels   input channels (1 grey, 3 RGB)
 * @param height     input height
 * @param width      input width
 * @param hidden     widths of the hidden layers between the input and the latent (may be empty)
 * @param latentDim  size of the latent vector
 * @param activation "sigmoid" or "relu"
 */
public record MlpAutoencoderConfig(int channels, int height, int width, List<Integer> hidden, int latentDim,
                                   String activation) implements AutoencoderConfig {
    public MlpAutoencoderConfig {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("height/width must be positive, got " + height + "x" + width);
        }
        if (hidden == null || hidden.size() > 6 || hidden.stream().anyMatch(u -> u < 1 || u > 8192)) {
            throw new IllegalArgumentException("hidden: up to 6 hidden layer widths in 1..8192, got " + hidden);
        }
        hidden = List.copyOf(hidden);
        if (latentDim < 1) {
            throw new IllegalArgumentException("latentDim must be positive, got " + latentDim);
        }
        if (!"sigmoid".equals(activation) && !"relu".equals(activation)) {
            throw new IllegalArgumentException("activation must be sigmoid or relu, got " + activation);
        }
    }

    @Override
    public List<Integer> latentShape() {
        return List.of(latentDim);
    }

    @Override
    public boolean powerNormalised() {
        return false;
    }
}
