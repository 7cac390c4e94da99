package aekit.infer.image;

/**
 * A decoded image as 8-bit samples, interleaved (grey: one byte per pixel; RGB: three), row-major, as displayed
 * (EXIF orientation applied). Without an alpha plane (the usual case, and what every reader gives unless asked to
 * keep alpha) any transparency has been composited on black; with one, {@code samples} are the straight
 * (not premultiplied) colours and {@code alpha} their opacity, as a denoiser that passes alpha through needs them.
 *
 * @param width    width in pixels
 * @param height   height in pixels
 * @param channels 1 (grey) or 3 (RGB), colour channels only
 * @param samples  width * height * channels bytes
 * @param alpha    width * height opacity bytes (255 opaque), or null for an opaque image
 */
public record RasterImage(int width, int height, int channels, byte[] samples, byte[] alpha) {
    public RasterImage {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if ((long) width * height * channels != samples.length) {
            throw new IllegalArgumentException("samples: expected " + (long) width * height * channels + " bytes, got "
                    + samples.length);
        }
        if (alpha != null && (long) width * height != alpha.length) {
            throw new IllegalArgumentException("alpha: expected " + (long) width * height + " bytes, got "
                    + alpha.length);
        }
    }

    /** An opaque image (or one whose transparency is already composited on black). */
    public RasterImage(int width, int height, int channels, byte[] samples) {
        this(width, height, channels, samples, null);
    }

    /** Sample of channel c at (x, y), 0..255. */
    public int sample(int x, int y, int c) {
        return samples[(y * width + x) * channels + c] & 0xff;
    }

    /**
     * This image in grey: itself when it is grey, else the one preprocessing path's BT.601 luma of its samples,
     * rounded to 8 bits.
     */
    public RasterImage grey() {
        if (channels == 1) {
            return this;
        }
        float[] luma = new Preprocessing(1, 1, 1, Preprocessing.NATIVE).tensor(this);
        return ImageFileWriter.toRaster(luma, 0, 1, height, width).withAlpha(alpha);
    }

    /** Whether the image carries an alpha plane. */
    public boolean hasAlpha() {
        return alpha != null;
    }

    /** This image's colours with {@code alpha} as their opacity (null: opaque). */
    public RasterImage withAlpha(byte[] alpha) {
        return new RasterImage(width, height, channels, samples, alpha);
    }

    /**
     * The opaque image a reader gives when it does not keep alpha: each colour composited on black,
     * round(c * a / 255); this image itself when it has no alpha.
     */
    public RasterImage composited() {
        if (alpha == null) {
            return this;
        }
        byte[] out = new byte[samples.length];
        for (int p = 0, n = width * height; p < n; p++) {
            int a = alpha[p] & 0xff;
            for (int c = 0; c < channels; c++) {
                out[p * channels + c] = (byte) ((((samples[p * channels + c] & 0xff) * a) + 127) / 255);
            }
        }
        return new RasterImage(width, height, channels, out);
    }
}
