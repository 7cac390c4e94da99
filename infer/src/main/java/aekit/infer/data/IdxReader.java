package aekit.infer.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files MNIST ships in (images: magic 2051, labels: magic 2049), plain or gzip-compressed.
 * Magic, dimensions and length are validated; a wrong or truncated file gives an {@link IdxFormatException}
 * whose one-line message names the file and what was expected.
 */
public final class IdxReader {
    /** Magic number of an unsigned-byte, 3-dimensional IDX file (N x rows x cols). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte, 1-dimensional IDX file (N). */
    public static final int LABELS_MAGIC = 0x00000801;
    private static final int MAX_SIDE = 4096;

    private IdxReader() {
    }

    /** Reads an images file: N grey images of rows x cols unsigned bytes. */
    public static GreyImages readImages(Path file) throws IOException {
        try {
            return images(file);
        } catch (java.util.zip.ZipException e) {
            throw corruptGzip(file, e);
        }
    }

    /** Reads a labels file: N unsigned bytes. */
    public static byte[] readLabels(Path file) throws IOException {
        try {
            return labels(file);
        } catch (java.util.zip.ZipException e) {
            throw corruptGzip(file, e);
        }
    }

    private static IdxFormatException corruptGzip(Path file, java.util.zip.ZipException e) {
        return new IdxFormatException(file, "corrupt gzip data (" + e.getMessage() + ")");
    }

    private static GreyImages images(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = readHeaderInt(in, file, "magic number");
            if (magic != IMAGES_MAGIC) {
                throw new IdxFormatException(file, String.format(
                        "not an IDX images file: magic %d (0x%08x), expected %d (unsigned byte, 3 dimensions)",
                        magic, magic, IMAGES_MAGIC));
            }
            int count = readHeaderInt(in, file, "image count");
            int rows = readHeaderInt(in, file, "row count");
            int cols = readHeaderInt(in, file, "column count");
            if (count < 0 || rows <= 0 || cols <= 0 || rows > MAX_SIDE || cols > MAX_SIDE) {
                throw new IdxFormatException(file, "implausible dimensions " + count + " x " + rows + " x " + cols);
            }
            long size = (long) count * rows * cols;
            if (size > Integer.MAX_VALUE - 16) {
                throw new IdxFormatException(file, "too large: " + size + " pixels");
            }
            byte[] pixels = new byte[(int) size];
            readBody(in, pixels, file, count + " images of " + rows + "x" + cols);
            return new GreyImages(count, rows, cols, pixels);
        }
    }

    private static byte[] labels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = readHeaderInt(in, file, "magic number");
            if (magic != LABELS_MAGIC) {
                throw new IdxFormatException(file, String.format(
                        "not an IDX labels file: magic %d (0x%08x), expected %d (unsigned byte, 1 dimension)",
                        magic, magic, LABELS_MAGIC));
            }
            int count = readHeaderInt(in, file, "label count");
            if (count < 0) {
                throw new IdxFormatException(file, "negative label count " + count);
            }
            byte[] labels = new byte[count];
            readBody(in, labels, file, count + " labels");
            return labels;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IdxFormatException(file, "no such file");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                raw = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
            } catch (IOException e) {
                raw.close();
                throw e instanceof java.util.zip.ZipException z ? corruptGzip(file, z)
                        : new IdxFormatException(file, "truncated gzip header");
            }
        }
        return new DataInputStream(raw);
    }

    private static int readHeaderInt(DataInputStream in, Path file, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IdxFormatException(file, "truncated header: file ends before the " + what);
        }
    }

    private static void readBody(DataInputStream in, byte[] into, Path file, String expected) throws IOException {
        int off = 0;
        try {
            while (off < into.length) {
                int n = in.read(into, off, into.length - off);
                if (n < 0) {
                    break;
                }
                off += n;
            }
        } catch (EOFException e) {
            // gzip streams cut short end here; reported below with the byte count
        }
        if (off < into.length) {
            throw new IdxFormatException(file, "truncated: expected " + expected + " (" + into.length
                    + " bytes after the header), found " + off);
        }
        if (in.read() >= 0) {
            throw new IdxFormatException(file, "trailing bytes after " + expected);
        }
    }
}
