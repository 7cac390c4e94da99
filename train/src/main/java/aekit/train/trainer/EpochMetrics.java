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
 */
public record EpochMetrics(int epoch, double trainLoss, double testLoss, double testMse, double testPsnr,
                           double seconds, double samplesPerSec) {
    /** The CSV header. */
    public static final String CSV_HEADER = "epoch,train_loss,test_loss,test_mse,test_psnr,seconds,samples_per_s";

    /** This row as CSV. */
    public String csv() {
        return String.format(java.util.Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.4f,%.2f,%.1f",
                epoch, trainLoss, testLoss, testMse, testPsnr, seconds, samplesPerSec);
    }
}
