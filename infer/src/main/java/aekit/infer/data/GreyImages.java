package aekit.infer.data;

/**
 * A block of grey 8-bit images as read from an IDX file, row-major, one image after another.
 *
 * @param count  number of images
 * @param rows   image height
 * @param cols   image width
 * @param pixels count * rows * cols unsigned bytes
 */
public record GreyImages(int count, int rows, int cols, byte[] pixels) implements ImageTensors {
    public GreyImages {
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("bad image block dimensions " + count + "x" + rows + "x" + cols);
        }
        if (pixels.length != (long) count * rows * cols) {
            throw new IllegalArgumentException("pixels: expected " + (long) count * rows * cols + " bytes, got " + pixels.length);
        }
    }

    /** Pixels of one image. */
    public int pixelsPerImage() {
        return rows * cols;
    }

    /** The first n images. */
    public GreyImages head(int n) {
        int k = Math.min(n, count);
        byte[] copy = java.util.Arrays.copyOf(pixels, k * pixelsPerImage());
        return new GreyImages(k, rows, cols, copy);
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int height() {
        return rows;
    }

    @Override
    public int width() {
        return cols;
    }

    @Override
    public void copyTo(int index, float[] dst, int offset) {
        int per = pixelsPerImage();
        int base = index * per;
        for (int i = 0; i < per; i++) {
            dst[offset + i] = (pixels[base + i] & 0xff) / 255f;
        }
    }

    /** Pixel value of image i at (r, c) scaled to [0, 1]. */
    public float value(int i, int r, int c) {
        return (pixels[i * pixelsPerImage() + r * cols + c] & 0xff) / 255f;
    }
}
