package aekit.infer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One split of MNIST (or any data set in its layout): images with their labels, read from the canonical
 * file names ({@code train-images-idx3-ubyte[.gz]} etc.) in a folder.
 *
 * @param images the digits
 * @param labels one label per image
 */
public record Mnist(GreyImages images, byte[] labels) {
    /** Which half of the data set. */
    public enum Split {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    public Mnist {
        if (images.count() != labels.length) {
            throw new IllegalArgumentException(images.count() + " images but " + labels.length + " labels");
        }
    }

    /** Number of examples. */
    public int size() {
        return labels.length;
    }

    /** The first n examples. */
    public Mnist head(int n) {
        GreyImages h = images.head(n);
        return new Mnist(h, java.util.Arrays.copyOf(labels, h.count()));
    }

    /** Loads one split from a folder holding the IDX files, gzipped or not; checks that the counts agree. */
    public static Mnist load(Path dir, Split split) throws IOException {
        Path imageFile = find(dir, split.prefix + "-images-idx3-ubyte");
        Path labelFile = find(dir, split.prefix + "-labels-idx1-ubyte");
        GreyImages images = IdxReader.readImages(imageFile);
        byte[] labels = IdxReader.readLabels(labelFile);
        if (images.count() != labels.length) {
            throw new IdxFormatException(labelFile, "has " + labels.length + " labels, expected "
                    + images.count() + " to match " + imageFile.getFileName());
        }
        return new Mnist(images, labels);
    }

    private static Path find(Path dir, String base) throws IOException {
        for (String name : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IdxFormatException(dir.resolve(base + ".gz"),
                "not found (expected " + base + ".gz or " + base + " in " + dir + ")");
    }
}
