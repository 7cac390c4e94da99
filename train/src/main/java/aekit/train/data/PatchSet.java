package aekit.train.data;

import aekit.infer.data.DatasetInfo;
import aekit.infer.data.ImageTensors;
import aekit.infer.image.ImageFileReader;
import aekit.infer.image.Preprocessing;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Random square patches of a folder tree of images of any sizes, for training a fully convolutional denoiser.
 * Every file is decoded once through the one preprocessing path at its own size ({@link Preprocessing#NATIVE}) and
 * kept as 8-bit levels. An epoch has {@link #size()} patches; patch {@code i} of epoch {@code e} comes from image
 * {@code i mod images} at a position and with one of the 8 flips/90-degree rotations drawn from (seed, epoch, i)
 * alone, so a resumed run sees exactly the patches of an uninterrupted one. {@link #copyTo} outside an epoch (the
 * trainer's train loss) uses the draws of a fixed evaluation epoch.
 */
public final class PatchSet implements ImageTensors {
    private static final int EVAL_EPOCH = -1;
    private final Preprocessing prep;
    private final List<String> names;
    private final List<byte[]> images; // each (C, H, W) as 8-bit levels
    private final int[] heights;
    private final int[] widths;
    private final int patch;
    private final int perEpoch;
    private final long seed;
    private final int epoch;

    private PatchSet(Preprocessing prep, List<String> names, List<byte[]> images, int[] heights, int[] widths, int patch,
                     int perEpoch, long seed, int epoch) {
        this.prep = prep;
        this.names = names;
        this.images = images;
        this.heights = heights;
        this.widths = widths;
        this.patch = patch;
        this.perEpoch = perEpoch;
        this.seed = seed;
        this.epoch = epoch;
    }

    /**
     * Reads every image file below {@code root} (hidden files skipped) in sorted path order; files smaller than the
     * patch or unreadable are skipped and listed on {@code log}.
     *
     * @param channels 1 (grey) or 3 (RGB)
     * @param patch    patch side
     * @param perImage patches per image and epoch
     * @param limit    use about this many files spread evenly over the sorted list (0 = all)
     * @param seed     seed of the patch positions and augmentations
     */
    public static PatchSet load(Path root, int channels, int patch, int perImage, int limit, long seed, PrintStream log)
            throws IOException {
        if (perImage < 1) {
            throw new IllegalArgumentException("patches per image must be >= 1, got " + perImage);
        }
        List<Path> files = ImageFolder.files(root, limit);
        Preprocessing prep = new Preprocessing(channels, 1, 1, Preprocessing.NATIVE);
        ImageFileReader decoder = new ImageFileReader();
        List<String> names = new ArrayList<>();
        List<byte[]> images = new ArrayList<>();
        List<int[]> dims = new ArrayList<>();
        int skipped = 0;
        for (Path f : files) {
            String rel = ImageFolder.relative(root, f);
            try {
                var img = decoder.read(f);
                if (img.width() < patch || img.height() < patch) {
                    log.printf("  %s: skipped, %dx%d is smaller than the %d px patch%n", rel, img.width(), img.height(),
                            patch);
                    skipped++;
                    continue;
                }
                images.add(ImageFolder.quantise(prep.tensor(img)));
                dims.add(new int[] {img.height(), img.width()});
                names.add(rel);
            } catch (IOException | RuntimeException e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                log.printf("  %s: skipped, %s%n", rel, reason.replace(f + ": ", ""));
                skipped++;
            }
        }
        if (images.isEmpty()) {
            throw new IOException(root + ": no readable images of at least " + patch + "x" + patch + " pixels ("
                    + files.size() + " files, " + skipped + " skipped)");
        }
        int[] hs = dims.stream().mapToInt(d -> d[0]).toArray();
        int[] ws = dims.stream().mapToInt(d -> d[1]).toArray();
        return new PatchSet(prep, List.copyOf(names), List.copyOf(images), hs, ws, patch,
                Math.multiplyExact(images.size(), perImage), seed, EVAL_EPOCH);
    }

    @Override
    public ImageTensors forEpoch(int e) {
        return new PatchSet(prep, names, images, heights, widths, patch, perEpoch, seed, e);
    }

    /** Number of source images. */
    public int images() {
        return images.size();
    }

    /** Root-relative paths of the source images. */
    public List<String> names() {
        return names;
    }

    /** Total pixels of the source images. */
    public long pixels() {
        long n = 0;
        for (int i = 0; i < heights.length; i++) {
            n += (long) heights[i] * widths[i];
        }
        return n;
    }

    /** SHA-256 over every image's size and 8-bit levels, in order, as recorded in a run's data set info. */
    public String sha256() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < images.size(); i++) {
                md.update(ByteBuffer.allocate(8).putInt(heights[i]).putInt(widths[i]).array());
                md.update(images.get(i));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** What the run's manifest records as its data set. */
    public DatasetInfo info(String name, Path root) {
        return new DatasetInfo(name, root.toString(), images.size(), 0, sha256(), 0);
    }

    @Override
    public int size() {
        return perEpoch;
    }

    @Override
    public int channels() {
        return prep.channels();
    }

    @Override
    public int height() {
        return patch;
    }

    @Override
    public int width() {
        return patch;
    }

    @Override
    public void copyTo(int index, float[] dst, int offset) {
        int img = index % images.size();
        Random r = new Random((seed * 0x9E3779B97F4A7C15L) ^ ((epoch + 2L) * 0xBF58476D1CE4E5B9L + index));
        int h = heights[img];
        int w = widths[img];
        int y0 = r.nextInt(h - patch + 1);
        int x0 = r.nextInt(w - patch + 1);
        int aug = r.nextInt(8); // bit 0: transpose, bit 1: flip rows, bit 2: flip columns
        byte[] src = images.get(img);
        int c = prep.channels();
        int p = patch;
        for (int ch = 0; ch < c; ch++) {
            int plane = ch * h * w;
            int out = offset + ch * p * p;
            for (int y = 0; y < p; y++) {
                for (int x = 0; x < p; x++) {
                    int sy = (aug & 1) != 0 ? x : y;
                    int sx = (aug & 1) != 0 ? y : x;
                    if ((aug & 2) != 0) {
                        sy = p - 1 - sy;
                    }
                    if ((aug & 4) != 0) {
                        sx = p - 1 - sx;
                    }
                    dst[out + y * p + x] = (src[plane + (y0 + sy) * w + x0 + sx] & 0xff) / 255f;
                }
            }
        }
    }
}
