package aekit.train.graph;

import java.util.List;

/**
 * Architecture of the fully convolutional photo denoiser ({@link Denoiser}): an optional 2x2 space-to-depth at the
 * input (FFDNet's trick: the network works at half resolution on 4C channels, a quarter of the compute), a U-Net of
 * {@code widths.size()} levels (stride-2 3x3 convolutions down, nearest x2 upsampling + 3x3 convolutions up,
 * additive skip connections between matching levels, {@code convsPerLevel} 3x3 ReLU convolutions at each level),
 * a linear 3x3 convolution back to the input's channels (through depth-to-space) that predicts the noise, and the
 * residual output {@code input - noise}. No dense layer: any image whose sides are multiples of {@link #multiple()}
 * goes through, and inference pads other sizes.
 *
 * @param channels      1 (grey) or 3 (RGB)
 * @param patch         side of the square training patches (a multiple of {@link #multiple()})
 * @param widths        feature maps per level, e.g. [32, 64, 128]
 * @param convsPerLevel 3x3 ReLU convolutions at each level on the way down (and again on the way up)
 * @param spaceToDepth  whether the input is rearranged 2x2 -> 4C channels first
 */
public record DenoiserConfig(int channels, int patch, List<Integer> widths, int convsPerLevel, boolean spaceToDepth)
        implements AutoencoderConfig {
    public DenoiserConfig {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (widths == null || widths.isEmpty() || widths.size() > 5) {
            throw new IllegalArgumentException("widths must list 1 to 5 levels, got " + widths);
        }
        for (int w : widths) {
            if (w < 1 || w > 1024) {
                throw new IllegalArgumentException("widths entries must be in 1..1024, got " + w);
            }
        }
        widths = List.copyOf(widths);
        if (convsPerLevel < 1 || convsPerLevel > 8) {
            throw new IllegalArgumentException("convs per level must be in 1..8, got " + convsPerLevel);
        }
        int m = (spaceToDepth ? 2 : 1) << (widths.size() - 1);
        if (patch < m || patch % m != 0 || patch > 1024) {
            throw new IllegalArgumentException("patch must be a multiple of " + m + " (the model's multiple) up to 1024, "
                    + "got " + patch);
        }
    }

    /** Image sides must be multiples of this: 2 per stride-2 level below the first, 2 more for space-to-depth. */
    public int multiple() {
        return (spaceToDepth ? 2 : 1) << (widths.size() - 1);
    }

    /**
     * Pixels of context on each side that change an output pixel (the receptive field's radius), in input pixels:
     * each 3x3 convolution at a level whose pixels are {@code s} input pixels wide adds {@code s}.
     */
    public int receptiveRadius() {
        int s0 = spaceToDepth ? 2 : 1;
        int r = 0;
        for (int l = 0; l < widths.size(); l++) {
            int s = s0 << l;
            // down: (stride-2 conv or head conv) + convsPerLevel; up (not the last level): conv after upsampling + convs
            r += s * (1 + convsPerLevel);
            if (l < widths.size() - 1) {
                r += s * (1 + convsPerLevel);
            }
        }
        return r + s0; // the output convolution
    }

    /**
     * Multiply-adds per input pixel of one forward pass (3x3 convolutions only; the additions of skips and the
     * residual are negligible): the compute that {@link Denoiser} spends on each pixel of an image, at any size.
     */
    public double macsPerPixel() {
        int s0 = spaceToDepth ? 2 : 1;
        int in = channels * s0 * s0;
        double macs = 0;
        int prev = in;
        for (int l = 0; l < widths.size(); l++) {
            double px = 1.0 / ((double) s0 * s0 * Math.pow(4, l)); // level-l pixels per input pixel
            int w = widths.get(l);
            macs += 9.0 * prev * w * px; // the first convolution (stride 2 below the top level)
            macs += 9.0 * w * w * convsPerLevel * px;
            prev = w;
        }
        for (int l = widths.size() - 2; l >= 0; l--) {
            double px = 1.0 / ((double) s0 * s0 * Math.pow(4, l));
            int w = widths.get(l);
            macs += 9.0 * widths.get(l + 1) * w * px; // the convolution after upsampling
            macs += 9.0 * w * w * convsPerLevel * px;
        }
        return macs + 9.0 * widths.get(0) * in / (s0 * s0); // the output convolution, to C * s0^2 maps
    }

    @Override
    public int height() {
        return patch;
    }

    @Override
    public int width() {
        return patch;
    }

    /** The bottleneck's shape for one training patch, (C, H, W). */
    @Override
    public List<Integer> latentShape() {
        int side = patch / multiple();
        return List.of(widths.get(widths.size() - 1), side, side);
    }

    @Override
    public boolean powerNormalised() {
        return false;
    }
}
