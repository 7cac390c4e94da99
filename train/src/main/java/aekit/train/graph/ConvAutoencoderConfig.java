package aekit.train.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Architecture of the convolutional autoencoder: stride-2 convolutions down, a bottleneck, stride-2 transposed
 * convolutions back to the input size. The bottleneck is either dense (a dense layer, the latent vector, a mirrored
 * dense layer; {@code latentChannels == 0}) or spatial (a stride-1 linear convolution to {@code latentChannels}
 * feature maps at the last level's size, the latent (C', H', W'), and a stride-1 ReLU convolution back;
 * {@code denseUnits == latentDim == 0}). A level whose input side is even halves it ("same" padding); an odd side
 * shrinks to (side - kernel) / 2 + 1 ("valid" padding), so 28 -> 14 -> 7 -> 3 and the decoder mirrors it exactly.
 *
 * @param channels        input channels (1 grey, 3 RGB)
 * @param height          input height
 * @param width           input width
 * @param encoderChannels output channels of each encoder convolution, e.g. [8, 16, 32]
 * @param kernel          odd kernel size of every (transposed) convolution
 * @param denseUnits      width of the dense layer on each side of the latent (0 with a spatial latent)
 * @param latentDim       size of the latent vector (0 with a spatial latent)
 * @param latentChannels  feature maps of a spatial latent (0 for the dense bottleneck)
 * @param powerNormalised the encoder ends with power normalisation, code / sqrt(mean(code^2)) over each code's
 *                        values, and the decoder's input may carry channel noise during training (a noisy channel)
 * @param upsampling      decoder levels that double their input side are a nearest x2 upsampling followed by a
 *                        stride-1 "same" k x k convolution instead of a stride-2 transposed convolution (levels with
 *                        an odd output side stay "valid" transposed convolutions); 3x faster to train in SameDiff,
 *                        and free of the transposed convolution's checkerboard pattern. False in checkpoints made
 *                        before it existed.
 */
public record ConvAutoencoderConfig(int channels, int height, int width, List<Integer> encoderChannels, int kernel,
                                    int denseUnits, int latentDim, int latentChannels, boolean powerNormalised,
                                    boolean upsampling)
        implements AutoencoderConfig {
    /** A model without power normalisation. */
    public ConvAutoencoderConfig(int channels, int height, int width, List<Integer> encoderChannels, int kernel,
                                 int denseUnits, int latentDim, int latentChannels) {
        this(channels, height, width, encoderChannels, kernel, denseUnits, latentDim, latentChannels, false, false);
    }

    /** A model with transposed convolutions in the decoder. */
    public ConvAutoencoderConfig(int channels, int height, int width, List<Integer> encoderChannels, int kernel,
                                 int denseUnits, int latentDim, int latentChannels, boolean powerNormalised) {
        this(channels, height, width, encoderChannels, kernel, denseUnits, latentDim, latentChannels, powerNormalised,
                false);
    }

    public ConvAutoencoderConfig {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (height < 8 || width < 8) {
            throw new IllegalArgumentException("height/width must be >= 8, got " + height + "x" + width);
        }
        if (encoderChannels == null || encoderChannels.isEmpty() || encoderChannels.size() > 6) {
            throw new IllegalArgumentException("encoderChannels must list 1 to 6 levels, got " + encoderChannels);
        }
        for (int c : encoderChannels) {
            if (c < 1 || c > 1024) {
                throw new IllegalArgumentException("encoderChannels entries must be in 1..1024, got " + c);
            }
        }
        encoderChannels = List.copyOf(encoderChannels);
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel must be odd and positive, got " + kernel);
        }
        if (latentChannels < 0 || latentChannels > 1024) {
            throw new IllegalArgumentException("latentChannels must be in 0..1024, got " + latentChannels);
        }
        if (latentChannels > 0 && (denseUnits != 0 || latentDim != 0)) {
            throw new IllegalArgumentException("latentChannels " + latentChannels + " (a spatial latent) takes no dense "
                    + "layers: denseUnits and latentDim must be 0, got " + denseUnits + " and " + latentDim);
        }
        if (latentChannels == 0 && denseUnits < 1) {
            throw new IllegalArgumentException("denseUnits must be positive, got " + denseUnits);
        }
        if (latentChannels == 0 && latentDim < 1) {
            throw new IllegalArgumentException("latentDim must be positive, got " + latentDim);
        }
        int h = height;
        int w = width;
        for (int level = 0; level < encoderChannels.size(); level++) {
            if (h < kernel || w < kernel) {
                throw new IllegalArgumentException("encoderChannels: " + encoderChannels.size()
                        + " levels shrink " + height + "x" + width + " below the kernel " + kernel + " at level " + level);
            }
            h = next(h, kernel);
            w = next(w, kernel);
        }
    }

    /** The reference MNIST model: 1x28x28, convs 8-16-32, dense 64, a 2-d latent. */
    public static ConvAutoencoderConfig mnist(int latentDim) {
        return dense(1, 28, 28, List.of(8, 16, 32), 3, 64, latentDim);
    }

    /** A model with the dense bottleneck. */
    public static ConvAutoencoderConfig dense(int channels, int height, int width, List<Integer> encoderChannels,
                                              int kernel, int denseUnits, int latentDim) {
        return new ConvAutoencoderConfig(channels, height, width, encoderChannels, kernel, denseUnits, latentDim, 0);
    }

    /** A model with a spatial latent of {@code latentChannels} feature maps at the last level's size. */
    public static ConvAutoencoderConfig spatial(int channels, int height, int width, List<Integer> encoderChannels,
                                                int kernel, int latentChannels) {
        return new ConvAutoencoderConfig(channels, height, width, encoderChannels, kernel, 0, 0, latentChannels);
    }

    /** The same model with power normalisation of the code (for a noisy channel). */
    public ConvAutoencoderConfig withPowerNormalisation() {
        return new ConvAutoencoderConfig(channels, height, width, encoderChannels, kernel, denseUnits, latentDim,
                latentChannels, true, upsampling);
    }

    /** The same model with the given decoder: upsampling + convolution (true) or transposed convolutions. */
    public ConvAutoencoderConfig withUpsampling(boolean up) {
        return new ConvAutoencoderConfig(channels, height, width, encoderChannels, kernel, denseUnits, latentDim,
                latentChannels, powerNormalised, up);
    }

    /** Whether the bottleneck is spatial (feature maps) rather than a dense vector. */
    public boolean spatialLatent() {
        return latentChannels > 0;
    }

    /** Shape of one code without the batch dimension: [latentDim] or [C', H', W']. */
    public List<Integer> latentShape() {
        int levels = encoderChannels.size();
        return spatialLatent() ? List.of(latentChannels, heights().get(levels), widths().get(levels)) : List.of(latentDim);
    }

    /** Side after one stride-2 level: halved if even ("same"), (side - kernel) / 2 + 1 if odd ("valid"). */
    static int next(int side, int kernel) {
        return side % 2 == 0 ? side / 2 : (side - kernel) / 2 + 1;
    }

    /** Spatial sides before each encoder level and after the last one: heights.get(i) is the input of level i. */
    public List<Integer> heights() {
        return sides(height);
    }

    /** As {@link #heights()} for the width. */
    public List<Integer> widths() {
        return sides(width);
    }

    private List<Integer> sides(int side) {
        List<Integer> out = new ArrayList<>();
        out.add(side);
        for (int i = 0; i < encoderChannels.size(); i++) {
            side = next(side, kernel);
            out.add(side);
        }
        return out;
    }

    /** Number of values the last encoder convolution produces per image (the flattened size). */
    public int flatSize() {
        return encoderChannels.get(encoderChannels.size() - 1) * heights().get(encoderChannels.size())
                * widths().get(encoderChannels.size());
    }
}
