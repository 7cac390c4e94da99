package aekit.infer.data;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a model was trained on: name, where it was read from, how many images per split and a SHA-256 over the
 * training images' pixel bytes (and labels when there are any), so two runs can tell whether they saw the same data.
 *
 * @param name       data set name, e.g. "mnist"
 * @param source     the folder it was read from, as given
 * @param trainCount training images
 * @param testCount  test / validation images
 * @param sha256     hex SHA-256 of the training content
 * @param validationPercent share of an image folder's files held out for validation by a hash of their path
 *                   (0: the data set has its own test split, as MNIST)
 */
public record DatasetInfo(String name, String source, int trainCount, int testCount, String sha256,
                          int validationPercent) {
    /** A data set with its own test split. */
    public DatasetInfo(String name, String source, int trainCount, int testCount, String sha256) {
        this(name, source, trainCount, testCount, sha256, 0);
    }

    public DatasetInfo {
        if (validationPercent < 0 || validationPercent > 50) {
            throw new IllegalArgumentException("validationPercent must be in 0..50, got " + validationPercent);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dataset name must not be empty");
        }
        if (trainCount < 0 || testCount < 0) {
            throw new IllegalArgumentException("dataset counts must be >= 0");
        }
    }

    /** SHA-256 of the given byte blocks in order, hex. */
    public static String sha256(byte[]... blocks) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] b : blocks) {
                md.update(b);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
