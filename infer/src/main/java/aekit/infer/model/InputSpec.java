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
 * @param colourMode "grey" or "rgb": how a file's pixels are converted (grey = BT.601 luma)
 * @param crop       "stretch" (whole image resized, aspect ratio ignored) or "center-crop" (largest centred region
 *                   with the target aspect ratio, then resized)
 * @param resample   how pixels are resampled: "area-average down / bilinear up"
 */
public record InputSpec(int channels, int height, int width, String layout, double valueMin, double valueMax,
                        String colourMode, String crop, String resample) {
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

    /** The preprocessing that turns an image file into this input (the same code training uses). */
    public aekit.infer.image.Preprocessing preprocessing() {
        return new aekit.infer.image.Preprocessing(channels, height, width, crop);
    }

    /** The input of a model trained on images preprocessed by {@code p}. */
    public static InputSpec of(aekit.infer.image.Preprocessing p) {
        return new InputSpec(p.channels(), p.height(), p.width(), "NCHW", 0, 1, p.channels() == 1 ? "grey" : "rgb",
                p.crop(), p.isNative() ? "none" : "area-average down / bilinear up");
    }

    /** Values in one image. */
    public int valuesPerImage() {
        return channels * height * width;
    }

    /** The shape of one batch of n images. */
    public long[] shape(long n) {
        return new long[] {n, channels, height, width};
    }
}
