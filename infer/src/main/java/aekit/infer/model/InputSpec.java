package aekit.infer.model;

/**
 * What the encoder takes and the decoder gives back, and how an image file becomes that tensor.
 *
 * @param channels   1 (grey) or 3 (RGB)
 * @param height     tensor height
 * @param width      tensor width
 * @param layout     always "NCHW"
 * @param valueMin   smallest pixel value (0)
 * @param valueMax   largest pixel value (1)
 * @param colourMode "grey" or "rgb": how a file's pixels are converted
 * @param resize     how a file of another size is brought to height x width, e.g. "stretch-bilinear"
 */
public record InputSpec(int channels, int height, int width, String layout, double valueMin, double valueMax,
                        String colourMode, String resize) {
    public InputSpec {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("input.channels must be 1 or 3, got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("input.height/width must be positive, got " + height + "x" + width);
        }
        if (!"NCHW".equals(layout)) {
            throw new IllegalArgumentException("input.layout must be NCHW, got " + layout);
        }
    }

    /** The shape of one batch of n images. */
    public long[] shape(long n) {
        return new long[] {n, channels, height, width};
    }
}
