package aekit.infer.metrics;

/**
 * Structural similarity (Wang et al. 2004) as the reference MATLAB code computes it: an 11x11 Gaussian window of
 * sigma 1.5, K1 = 0.01, K2 = 0.03, dynamic range 1, the mean of the SSIM map over the positions where the window fits
 * ("valid"); for a colour image, the mean over its channels.
 */
public final class Ssim {
    private static final int RADIUS = 5;
    private static final double[] WINDOW = gaussian();

    private Ssim() {
    }

    private static double[] gaussian() {
        double[] g = new double[2 * RADIUS + 1];
        double sum = 0;
        for (int i = -RADIUS; i <= RADIUS; i++) {
            g[i + RADIUS] = Math.exp(-(i * i) / (2 * 1.5 * 1.5));
            sum += g[i + RADIUS];
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= sum;
        }
        return g;
    }

    /** SSIM of two (C, H, W) images in [0,1] (the second one is clipped to [0,1] first). */
    public static double of(float[] reference, float[] estimate, int c, int h, int w) {
        if (h < 2 * RADIUS + 1 || w < 2 * RADIUS + 1) {
            throw new IllegalArgumentException("SSIM needs images of at least 11x11 pixels, got " + w + "x" + h);
        }
        double total = 0;
        for (int ch = 0; ch < c; ch++) {
            total += plane(reference, estimate, ch * h * w, h, w);
        }
        return total / c;
    }

    private static double plane(float[] a, float[] b, int off, int h, int w) {
        int n = h * w;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a[off + i];
            y[i] = Math.min(1f, Math.max(0f, b[off + i]));
        }
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        int vh = h - 2 * RADIUS;
        int vw = w - 2 * RADIUS;
        double[] mx = blur(x, h, w);
        double[] my = blur(y, h, w);
        double[] sxx = blur(xx, h, w);
        double[] syy = blur(yy, h, w);
        double[] sxy = blur(xy, h, w);
        double c1 = 0.01 * 0.01;
        double c2 = 0.03 * 0.03;
        double sum = 0;
        for (int i = 0; i < vh * vw; i++) {
            double mux = mx[i];
            double muy = my[i];
            double vx = sxx[i] - mux * mux;
            double vy = syy[i] - muy * muy;
            double cov = sxy[i] - mux * muy;
            sum += ((2 * mux * muy + c1) * (2 * cov + c2)) / ((mux * mux + muy * muy + c1) * (vx + vy + c2));
        }
        return sum / (vh * vw);
    }

    /** The "valid" Gaussian filtering of an h x w plane: (h - 10) x (w - 10) values. */
    private static double[] blur(double[] p, int h, int w) {
        int vw = w - 2 * RADIUS;
        int vh = h - 2 * RADIUS;
        double[] rows = new double[h * vw];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < vw; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW.length; k++) {
                    s += WINDOW[k] * p[y * w + x + k];
                }
                rows[y * vw + x] = s;
            }
        }
        double[] out = new double[vh * vw];
        for (int y = 0; y < vh; y++) {
            for (int x = 0; x < vw; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW.length; k++) {
                    s += WINDOW[k] * rows[(y + k) * vw + x];
                }
                out[y * vw + x] = s;
            }
        }
        return out;
    }
}
