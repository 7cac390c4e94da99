package aekit.infer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ImageMetricsTest {
    @Test
    void psnrOfKnownMse() {
        assertEquals(20.0, ImageMetrics.psnr(0.01, 1.0), 1e-12);
        assertEquals(10 * Math.log10(0.25 / 0.01), ImageMetrics.psnr(0.01, 0.5), 1e-12);
        assertEquals(ImageMetrics.MAX_PSNR, ImageMetrics.psnr(0, 1.0));
    }

    @Test
    void accumulatorAveragesPerImage() {
        // image 0: all errors 0.1 -> MSE 0.01, PSNR 20 dB; image 1: exact -> 100 dB (cap)
        float[] ref = {0.5f, 0.5f, 0.2f, 0.4f};
        float[] est = {0.6f, 0.4f, 0.2f, 0.4f};
        MetricsAccumulator acc = new MetricsAccumulator();
        acc.add(ref, est, 2, 2);
        assertEquals(2, acc.images());
        assertEquals(0.005, acc.meanMse(), 1e-7);
        assertEquals((20 + 100) / 2.0, acc.meanPsnr(), 1e-4);
        // per-image max: image 0 peak 0.5 -> 10 log10(0.25 / 0.01) = 13.98 dB
        assertEquals((10 * Math.log10(0.25 / 0.01) + 100) / 2, acc.meanPsnrImageMax(), 1e-4);
    }
}
