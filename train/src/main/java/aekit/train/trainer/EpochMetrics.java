package aekit.train.trainer;

/**
 * One row of a run's metrics.csv.
 *
 * @param epoch         1-based epoch number
 * @param trainLoss     loss on (a fixed sample of) the training set after the epoch
 * @param testLoss      loss on the test set
 * @param testMse       mean per-image MSE of the reconstruction on the test set
 * @param testPsnr      mean per-image PSNR (peak 1.0) on the test set, dB
 * @param seconds       wall time of the epoch's training steps
 * @param samplesPerSec training throughput of the epoch
 * @param detail        further named test figures (a denoiser's PSNR per validation noise level), in order
 */
public record EpochMetrics(int epoch, double trainLoss, double testLoss, double testMse, double testPsnr,
                           double seconds, double samplesPerSec, java.util.Map<String, Double> detail) {
    /** The CSV header of rows without further figures. */
    public static final String CSV_HEADER = "epoch,train_loss,test_loss,test_mse,test_psnr,seconds,samples_per_s";

    public EpochMetrics {
        detail = detail == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(detail));
    }

    /** A row without further figures. */
    public EpochMetrics(int epoch, double trainLoss, double testLoss, double testMse, double testPsnr, double seconds,
                        double samplesPerSec) {
        this(epoch, trainLoss, testLoss, testMse, testPsnr, seconds, samplesPerSec, null);
    }

    /** The CSV header for this row: the fixed columns, then one per further figure. */
    public String csvHeader() {
        StringBuilder sb = new StringBuilder(CSV_HEADER);
        detail.keySet().forEach(k -> sb.append(',').append(k));
        return sb.toString();
    }

    /** This row as CSV. */
    public String csv() {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.4f,%.2f,%.1f",
                epoch, trainLoss, testLoss, testMse, testPsnr, seconds, samplesPerSec));
        detail.values().forEach(v -> sb.append(String.format(java.util.Locale.ROOT, ",%.4f", v)));
        return sb.toString();
    }
}
