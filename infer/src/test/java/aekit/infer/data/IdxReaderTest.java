package aekit.infer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path tmp;

    private static final Path FIXTURE = Path.of(System.getProperty("aekit.fixtures", "../fixtures"), "mnist");

    private static GreyImages tiny() {
        byte[] px = new byte[3 * 2 * 4];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 10);
        }
        return new GreyImages(3, 2, 4, px);
    }

    @Test
    void readsTheCommittedFixture() throws IOException {
        Mnist train = Mnist.load(FIXTURE, Mnist.Split.TRAIN);
        Mnist test = Mnist.load(FIXTURE, Mnist.Split.TEST);
        assertEquals(512, train.size());
        assertEquals(256, test.size());
        assertEquals(28, train.images().rows());
        assertEquals(28, train.images().cols());
        // The first MNIST training digit is a 5, the first test digit a 7.
        assertEquals(5, train.labels()[0]);
        assertEquals(7, test.labels()[0]);
        // A digit is dark background with some ink: ~19% of MNIST pixels are non-zero.
        long ink = 0;
        for (byte b : train.images().pixels()) {
            ink += b != 0 ? 1 : 0;
        }
        double share = ink / (double) train.images().pixels().length;
        assertTrue(share > 0.15 && share < 0.23, "share of non-zero pixels " + share);
    }

    @Test
    void roundTripsPlainAndGzip() throws IOException {
        for (String name : new String[] {"x-images-idx3-ubyte", "x-images-idx3-ubyte.gz"}) {
            Path f = tmp.resolve(name);
            IdxWriter.writeImages(f, tiny());
            GreyImages back = IdxReader.readImages(f);
            assertEquals(3, back.count());
            assertEquals(2, back.rows());
            assertEquals(4, back.cols());
            assertArrayEquals(tiny().pixels(), back.pixels());
            assertEquals(30 / 255f, back.value(0, 0, 3), 0f);
        }
        Path labels = tmp.resolve("l.gz");
        IdxWriter.writeLabels(labels, new byte[] {1, 2, 9});
        assertArrayEquals(new byte[] {1, 2, 9}, IdxReader.readLabels(labels));
    }

    @Test
    void truncatedBodyIsNamed() throws IOException {
        Path f = tmp.resolve("train-images-idx3-ubyte");
        IdxWriter.writeImages(f, tiny());
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 5));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(f));
        assertEquals(f + ": truncated: expected 3 images of 2x4 (24 bytes after the header), found 19", e.getMessage());
    }

    @Test
    void truncatedGzipIsNamed() throws IOException {
        Path f = tmp.resolve("t.gz");
        IdxWriter.writeImages(f, tiny());
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 12));
        IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void truncatedHeaderIsNamed() throws IOException {
        Path f = tmp.resolve("h");
        Files.write(f, new byte[] {0, 0, 8, 3, 0, 0});
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(f));
        assertEquals(f + ": truncated header: file ends before the image count", e.getMessage());
    }

    @Test
    void wrongMagicIsNamed() throws IOException {
        Path f = tmp.resolve("labels-as-images");
        IdxWriter.writeLabels(f, new byte[] {1, 2, 3});
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(f));
        assertEquals(f + ": not an IDX images file: magic 2049 (0x00000801), expected 2051 (unsigned byte, 3 dimensions)",
                e.getMessage());
        Path g = tmp.resolve("images-as-labels");
        IdxWriter.writeImages(g, tiny());
        assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(g));
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        Path f = tmp.resolve("long");
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        IdxWriter.writeLabels(f, new byte[] {1, 2});
        bos.write(Files.readAllBytes(f));
        bos.write(7);
        Files.write(f, bos.toByteArray());
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(f));
        assertTrue(e.getMessage().endsWith("trailing bytes after 2 labels"), e.getMessage());
    }

    @Test
    void countMismatchBetweenImagesAndLabels() throws IOException {
        IdxWriter.writeImages(tmp.resolve("train-images-idx3-ubyte.gz"), tiny());
        IdxWriter.writeLabels(tmp.resolve("train-labels-idx1-ubyte.gz"), new byte[] {1, 2});
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.load(tmp, Mnist.Split.TRAIN));
        assertEquals(tmp.resolve("train-labels-idx1-ubyte.gz")
                + ": has 2 labels, expected 3 to match train-images-idx3-ubyte.gz", e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.load(tmp, Mnist.Split.TEST));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte.gz or t10k-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void gzipIsRecognisedByContentNotName() throws IOException {
        Path f = tmp.resolve("raw.gz");
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 4});
        }
        Files.write(f, bos.toByteArray());
        assertArrayEquals(new byte[] {4}, IdxReader.readLabels(f));
    }

    @Test
    void corruptGzipNamesTheFile() throws IOException {
        Path f = tmp.resolve("garbage-idx3-ubyte.gz");
        Files.write(f, new byte[] {0x1f, (byte) 0x8b, 'g', 'a', 'r', 'b', 'a', 'g', 'e', 0, 0, 0, 0, 0, 0});
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(f));
        assertEquals(f + ": corrupt gzip data (Unsupported compression method)", e.getMessage());
        // a valid gzip header followed by damaged deflate data
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4});
        }
        byte[] b = bos.toByteArray();
        for (int k = 10; k < b.length - 8; k++) {
            b[k] = (byte) 0xff;
        }
        Path g = Files.write(tmp.resolve("damaged-idx1-ubyte.gz"), b);
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(g));
        assertTrue(e.getMessage().startsWith(g + ": corrupt gzip data ("), e.getMessage());
    }
}
