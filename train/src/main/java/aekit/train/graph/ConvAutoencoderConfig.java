package aekit.train.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Architecture of the convolutional autoencoder with a dense bottleneck: stride-2 convolutions, a dense layer,
 * the latent vector, a mirrored dense layer and stride-2 transposed convolutions back to the input size.
 * A level whose input side is even halves it ("same" padding); an odd side shrinks to (side - kernel) / 2 + 1
 * ("valid" padding), so 28 -> 14 -> 7 -> 3 and the decoder mirrors it exactly.
 *
 * @param channels        input channels (1 grey, 3 RGB)
 * @param height          input height
 * @param width           input width
 * @param encoderChannels output channels of each encoder convolution, e.g. [8, 16, 32]
 * @param kernel          odd kernel size of every (transposed) convolution
 * @param denseUnits      width of the dense layer on each side of the latent
 * @param latentDim       size of the latent vector (the bottleneck)
 */
public record ConvAutoencoderConfig(int channels, int height, int width, List<Integer> encoderChannels, int kernel,
                                    int denseUnits, int latentDim) {
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
        if (denseUnits < 1) {
            throw new IllegalArgumentException("denseUnits must be positive, got " + denseUnits);
        }
        if (latentDim < 1) {
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
        return new ConvAutoencoderConfig(1, 28, 28, List.of(8, 16, 32), 3, 64, latentDim);
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
