package aekit.infer.image;

/**
 * A decoded image as 8-bit samples, interleaved (grey: one byte per pixel; RGB: three), row-major, as displayed
 * (EXIF orientation applied, alpha composited on black).
 *
 * @param width    width in pixels
 * @param height   height in pixels
 * @param channels 1 (grey) or 3 (RGB)
 * @param samples  width * height * channels bytes
 */
public record RasterImage(int width, int height, int channels, byte[] samples) {
    public RasterImage {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if ((long) width * height * channels != samples.length) {
            throw new IllegalArgumentException("samples: expected " + (long) width * height * channels + " bytes, got "
                    + samples.length);
        }
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
        return ImageFileWriter.toRaster(luma, 0, 1, height, width);
    }
}
