package aekit.infer.image;

import java.awt.image.BufferedImage;

/**
 * A picture of where a reconstruction is wrong: per pixel the absolute error |x - x_hat| averaged over the
 * channels, on a fixed "hot" colour scale from black (0) through red and yellow to white (at {@code max} and
 * above), so maps of different images and models compare directly.
 */
public final class ErrorMap {
    /** The scale's top used by the CLI and the reports: an error of 0.5 (half the value range) or more is white. */
    public static final double DEFAULT_MAX = 0.5;

    private ErrorMap() {
    }

    /** The map of image {@code offset / (c*h*w)} of two (N, C, H, W) tensors. */
    public static BufferedImage of(float[] x, float[] y, int offset, int c, int h, int w, double max) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int plane = h * w;
        for (int p = 0; p < plane; p++) {
            double e = 0;
            for (int ch = 0; ch < c; ch++) {
                e += Math.abs(x[offset + ch * plane + p] - y[offset + ch * plane + p]);
            }
            img.setRGB(p % w, p / w, hot(e / c / max));
        }
        return img;
    }

    /** The mean absolute errors of n images as (N, 1, H, W) values in [0, 1] on the map's scale. */
    public static float[] values(float[] x, float[] y, int n, int c, int h, int w, double max) {
        float[] out = new float[n * h * w];
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < plane; p++) {
                double e = 0;
                for (int ch = 0; ch < c; ch++) {
                    int k = i * c * plane + ch * plane + p;
                    e += Math.abs(x[k] - y[k]);
                }
                out[i * plane + p] = (float) Math.min(1, e / c / max);
            }
        }
        return out;
    }

    /** Black -> red -> yellow -> white for t in [0, 1] (clamped). */
    static int hot(double t) {
        double v = Math.max(0, Math.min(1, t)) * 3;
        int r = (int) Math.round(255 * Math.min(1, v));
        int g = (int) Math.round(255 * Math.max(0, Math.min(1, v - 1)));
        int b = (int) Math.round(255 * Math.max(0, Math.min(1, v - 2)));
        return r << 16 | g << 8 | b;
    }
}
