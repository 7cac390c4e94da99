package aekit.train.data;

import aekit.infer.data.ImageTensors;
import aekit.infer.image.ImageFileReader;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.image.Preprocessing;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The images of a folder tree (any nesting, e.g. Stanford Dogs' {@code Images/<breed>/<file>.jpg}), each turned into
 * the model's input by the one preprocessing path ({@link Preprocessing#tensor}) and cached in memory as 8-bit
 * values: the cached tensor is the inference tensor rounded to 1/255. Files split deterministically into training
 * and validation by a hash of their path below the root, so a validation image is never trained on, whatever else
 * is in the folder.
 */
public final class ImageFolder implements ImageTensors {
    private final Preprocessing prep;
    private final List<String> names;
    private final byte[] pixels; // (N, C, H, W) as round(255 x)

    private ImageFolder(Preprocessing prep, List<String> names, byte[] pixels) {
        this.prep = prep;
        this.names = List.copyOf(names);
        this.pixels = pixels;
    }

    /**
     * The loaded split.
     *
     * @param train      training images
     * @param validation validation images
     * @param skipped    files that could not be read, each "relative/path: reason"
     */
    public record Split(ImageFolder train, ImageFolder validation, List<String> skipped) {
    }

    /**
     * Reads every file below {@code root} (hidden files skipped), in sorted path order.
     *
     * @param validationPercent share of files (0..50) whose path hash puts them into validation
     * @param limit             use about this many training files spread evenly over their sorted list (0 = all);
     *                          the validation files are the same with or without a limit
     * @param threads           decoding threads
     * @param log               where skipped files are reported
     */
    public static Split load(Path root, Preprocessing prep, int validationPercent, int limit, int threads,
                             PrintStream log) throws IOException {
        if (validationPercent < 0 || validationPercent > 50) {
            throw new IllegalArgumentException("validationPercent must be in 0..50, got " + validationPercent);
        }
        // the split first, by each file's path, so that a limit thins the training images only: the validation
        // images of a limited run are those of the full run (and export, which rebuilds them, finds the same)
        List<Path> trainFiles = new ArrayList<>();
        List<Path> valFiles = new ArrayList<>();
        for (Path f : files(root, 0)) {
            (isValidation(relative(root, f), validationPercent) ? valFiles : trainFiles).add(f);
        }
        List<Path> files = new ArrayList<>(spread(trainFiles, limit));
        files.addAll(valFiles);
        Decoded[] decoded = decodeAll(files, prep, Math.max(1, threads));
        List<String> trainNames = new ArrayList<>();
        List<String> valNames = new ArrayList<>();
        List<byte[]> trainPix = new ArrayList<>();
        List<byte[]> valPix = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String rel = relative(root, files.get(i));
            if (decoded[i].error() != null) {
                skipped.add(rel + ": " + decoded[i].error());
                continue;
            }
            boolean val = isValidation(rel, validationPercent);
            (val ? valNames : trainNames).add(rel);
            (val ? valPix : trainPix).add(decoded[i].values());
        }
        if (!skipped.isEmpty()) {
            log.printf("%s: skipped %d unreadable file(s):%n", root, skipped.size());
            skipped.forEach(s -> log.println("  " + s));
        }
        if (trainNames.isEmpty()) {
            throw new IOException(root + ": no readable images for training (" + files.size() + " files, "
                    + skipped.size() + " unreadable)");
        }
        return new Split(new ImageFolder(prep, trainNames, concat(trainPix)),
                new ImageFolder(prep, valNames, concat(valPix)), skipped);
    }

    /**
     * The files below {@code root} (hidden files skipped) in sorted path order; with {@code limit > 0}, about that
     * many spread evenly over the sorted list.
     */
    public static List<Path> files(Path root, int limit) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": not a folder (expected a folder tree of images)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        return spread(files, limit);
    }

    /** With {@code limit > 0}, that many of {@code files} spread evenly over the list; otherwise all of them. */
    static List<Path> spread(List<Path> files, int limit) {
        if (limit <= 0 || limit >= files.size()) {
            return files;
        }
        double stride = files.size() / (double) limit;
        List<Path> some = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            some.add(files.get((int) (i * stride)));
        }
        return some;
    }

    /** Whether a file with this root-relative path (with '/' separators) belongs to the validation split. */
    public static boolean isValidation(String relative, int percent) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(relative.getBytes(StandardCharsets.UTF_8));
            int v = ((h[0] & 0xff) << 8 | (h[1] & 0xff)) % 100;
            return v < percent;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    /** One file's quantised tensor, or why it could not be read. */
    private record Decoded(byte[] values, String error) {
    }

    private static Decoded[] decodeAll(List<Path> files, Preprocessing prep, int threads) throws IOException {
        Decoded[] out = new Decoded[files.size()];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            int chunk = Math.max(1, files.size() / (threads * 8));
            for (int start = 0; start < files.size(); start += chunk) {
                int from = start;
                int to = Math.min(files.size(), start + chunk);
                jobs.add(pool.submit(() -> {
                    ImageFileReader decoder = new ImageFileReader();
                    for (int i = from; i < to; i++) {
                        out[i] = readOne(files.get(i), prep, decoder);
                    }
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading images", e);
        } catch (ExecutionException e) {
            throw new IOException("reading images failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private static Decoded readOne(Path file, Preprocessing prep, ImageFileReader decoder) {
        try {
            return new Decoded(quantise(prep.tensor(file, decoder)), null);
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Decoded(null, reason.replace(file.toString() + ": ", ""));
        }
    }

    /** The 8-bit level of each value (the rule image files are written with, {@link ImageFileWriter#level}). */
    static byte[] quantise(float[] t) {
        byte[] b = new byte[t.length];
        for (int i = 0; i < t.length; i++) {
            b[i] = (byte) ImageFileWriter.level(t[i]);
        }
        return b;
    }

    private static byte[] concat(List<byte[]> parts) {
        int per = parts.isEmpty() ? 0 : parts.get(0).length;
        byte[] all = new byte[parts.size() * per];
        for (int i = 0; i < parts.size(); i++) {
            System.arraycopy(parts.get(i), 0, all, i * per, per);
        }
        return all;
    }

    /** Root-relative paths of the images, in tensor order. */
    public List<String> names() {
        return names;
    }

    /** A copy of the cached 8-bit values, (N, C, H, W). */
    public byte[] pixels() {
        return pixels.clone();
    }

    /** SHA-256 of the cached values, as recorded in a run's data set info. */
    public String sha256() {
        return aekit.infer.data.DatasetInfo.sha256(pixels);
    }

    /** The preprocessing the images went through. */
    public Preprocessing preprocessing() {
        return prep;
    }

    @Override
    public int size() {
        return names.size();
    }

    @Override
    public int channels() {
        return prep.channels();
    }

    @Override
    public int height() {
        return prep.height();
    }

    @Override
    public int width() {
        return prep.width();
    }

    @Override
    public void copyTo(int index, float[] dst, int offset) {
        int per = valuesPerImage();
        int base = index * per;
        for (int i = 0; i < per; i++) {
            dst[offset + i] = (pixels[base + i] & 0xff) / 255f;
        }
    }
}
