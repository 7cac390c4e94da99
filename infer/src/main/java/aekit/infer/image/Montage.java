package aekit.infer.image;

import java.awt.image.BufferedImage;

/**
 * Tiles images given as NCHW floats in [0,1] into one picture: rows of equally sized cells with a gap,
 * each pixel scaled up by an integer factor (nearest neighbour, so no smoothing hides what the model made).
 */
public final class Montage {
    private Montage() {
    }

    /**
     * Lays out {@code rows.length} rows; row r holds {@code rows[r].length / (c*h*w)} images.
     *
     * @param rows  one float array per row, (N, C, H, W) each
     * @param c     channels (1 or 3)
     * @param h     image height
     * @param w     image width
     * @param scale integer zoom
     */
    public static BufferedImage rows(float[][] rows, int c, int h, int w, int scale) {
        int per = c * h * w;
        int cols = 0;
        for (float[] row : rows) {
            cols = Math.max(cols, row.length / per);
        }
        int gap = Math.max(1, scale);
        int cellW = w * scale + gap;
        int cellH = h * scale + gap;
        BufferedImage img = new BufferedImage(cols * cellW + gap, rows.length * cellH + gap, BufferedImage.TYPE_INT_RGB);
        int background = 0x808080;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, background);
            }
        }
        for (int r = 0; r < rows.length; r++) {
            int n = rows[r].length / per;
            for (int i = 0; i < n; i++) {
                int x0 = gap + i * cellW;
                int y0 = gap + r * cellH;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int rgb = rgb(rows[r], i * per, c, h * w, y * w + x);
                        for (int dy = 0; dy < scale; dy++) {
                            for (int dx = 0; dx < scale; dx++) {
                                img.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                            }
                        }
                    }
                }
            }
        }
        return img;
    }

    /** n images (N, C, H, W) laid out in rows of {@code cols}. */
    public static BufferedImage grid(float[] images, int n, int cols, int c, int h, int w, int scale) {
        int per = c * h * w;
        int rows = (n + cols - 1) / cols;
        float[][] r = new float[rows][];
        for (int i = 0; i < rows; i++) {
            int k = Math.min(cols, n - i * cols);
            r[i] = java.util.Arrays.copyOfRange(images, i * cols * per, (i * cols + k) * per);
        }
        return rows(r, c, h, w, scale);
    }

    private static int rgb(float[] data, int base, int c, int plane, int p) {
        int r = ImageFileWriter.level(data[base + p]);
        if (c == 1) {
            return r << 16 | r << 8 | r;
        }
        int g = ImageFileWriter.level(data[base + plane + p]);
        int b = ImageFileWriter.level(data[base + 2 * plane + p]);
        return r << 16 | g << 8 | b;
    }
}
