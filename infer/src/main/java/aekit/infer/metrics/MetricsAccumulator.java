package aekit.infer.metrics;

/**
 * Running means of per-image MSE and PSNR (both conventions) over batches of reference/estimate pairs.
 */
public final class MetricsAccumulator {
    private long images;
    private double mseSum;
    private double psnrPeak1Sum;
    private double psnrMaxSum;
    private long blank;

    /** Adds a batch of {@code n} images of {@code per} values each; {@code reference} is the clean image. */
    public void add(float[] reference, float[] estimate, int n, int per) {
        for (int i = 0; i < n; i++) {
            double mse = ImageMetrics.mse(reference, estimate, i * per, per);
            double peak = ImageMetrics.max(reference, i * per, per);
            mseSum += mse;
            psnrPeak1Sum += ImageMetrics.psnr(mse, 1.0);
            if (peak > 0) {
                psnrMaxSum += ImageMetrics.psnr(mse, peak);
            } else {
                blank++; // an all-black reference has no max(x) PSNR
            }
        }
        images += n;
    }

    /** Images seen so far. */
    public long images() {
        return images;
    }

    /** Mean per-image MSE. */
    public double meanMse() {
        return mseSum / images;
    }

    /** Mean per-image PSNR with peak 1.0, in dB. */
    public double meanPsnr() {
        return psnrPeak1Sum / images;
    }

    /** Mean per-image PSNR with the reference image's own maximum as the peak, in dB (all-black images left out). */
    public double meanPsnrImageMax() {
        return psnrMaxSum / (images - blank);
    }

    /** Reference images that were all black (left out of {@link #meanPsnrImageMax()}). */
    public long blankImages() {
        return blank;
    }
}
