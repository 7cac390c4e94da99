package aekit.infer.metrics;

/**
 * Per-image reconstruction metrics for images in [0,1]. PSNR is reported in two conventions: with peak 1.0
 * (the usual one for [0,1] images) and with the image's own maximum, PSNR = 10 log10(max(x)^2 / MSE), as the
 * course assignment defines it. An exact reconstruction (MSE 0) is capped at {@link #MAX_PSNR} dB.
 */
public final class ImageMetrics {
    /** The PSNR given to an exact reconstruction. */
    public static final double MAX_PSNR = 100.0;

    private ImageMetrics() {
    }

    /** Mean squared error between {@code a} and {@code b} over {@code n} values starting at {@code offset}. */
    public static double mse(float[] a, float[] b, int offset, int n) {
        double sum = 0;
        for (int i = offset; i < offset + n; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum / n;
    }

    /** PSNR in dB of an image with the given MSE, for a peak value. */
    public static double psnr(double mse, double peak) {
        if (mse <= 0) {
            return MAX_PSNR;
        }
        return Math.min(MAX_PSNR, 10 * Math.log10(peak * peak / mse));
    }

    /** Largest of {@code n} values starting at {@code offset}. */
    public static double max(float[] a, int offset, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + n; i++) {
            m = Math.max(m, a[i]);
        }
        return m;
    }
}
