package aekit.infer.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes 8-bit grey or RGB images as PNG (colour type 0 or 2, not interlaced, no ancillary chunks), choosing each
 * row's filter by the usual minimum-sum-of-absolute-differences rule. It is the writer for every PNG aekit makes:
 * ImageIO's PNG writer costs more than the model itself for a 28x28 image (stream, writer lookup and metadata
 * objects per file), which made writing the bottleneck of batch denoising.
 */
public final class PngWriter {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** One deflater per thread, reset between images: creating one allocates native memory. */
    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(() -> new Deflater(6));

    private PngWriter() {
    }

    /** The PNG file for {@code img}. */
    public static byte[] encode(RasterImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + img.samples().length / 2);
        try {
            write(img, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e); // ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }

    /** Writes {@code img} as a PNG file to {@code out}. */
    public static void write(RasterImage img, OutputStream out) throws IOException {
        int w = img.width();
        int h = img.height();
        int c = img.channels() + (img.hasAlpha() ? 1 : 0);
        out.write(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, w);
        putInt(ihdr, 4, h);
        ihdr[8] = 8; // bit depth
        ihdr[9] = (byte) switch (c) { // colour type
            case 1 -> 0; // grey
            case 2 -> 4; // grey + alpha
            case 3 -> 2; // truecolour
            default -> 6; // truecolour + alpha
        };
        // compression 0, filter method 0, interlace 0
        chunk(out, "IHDR", ihdr, ihdr.length);
        byte[] filtered = filter(img.hasAlpha() ? interleaveAlpha(img) : img.samples(), w, h, c);
        byte[] idat = deflate(filtered);
        chunk(out, "IDAT", idat, idat.length);
        chunk(out, "IEND", new byte[0], 0);
    }

    /** The colours and the alpha plane of {@code img} interleaved, (H, W, C + 1). */
    static byte[] interleaveAlpha(RasterImage img) {
        int c = img.channels();
        byte[] s = img.samples();
        byte[] a = img.alpha();
        byte[] px = new byte[a.length * (c + 1)];
        for (int p = 0; p < a.length; p++) {
            System.arraycopy(s, p * c, px, p * (c + 1), c);
            px[p * (c + 1) + c] = a[p];
        }
        return px;
    }

    /**
     * zlib-compresses {@code data}, streaming it through this thread's small direct buffers: the array methods of
     * Deflater pin the arrays in a JNI critical section, which stalls the garbage collector, and G1 answers a
     * stalled allocation by growing the heap (a batch run's memory grew past 1 GB that way).
     */
    static byte[] deflate(byte[] data) {
        Deflater deflater = DEFLATER.get();
        deflater.reset();
        ByteBuffer in = DirectBuffers.in();
        ByteBuffer out = DirectBuffers.out();
        byte[] result = new byte[data.length / 2 + 64];
        int n = 0;
        int fed = 0;
        if (data.length == 0) {
            deflater.finish();
        }
        while (!deflater.finished()) {
            if (deflater.needsInput() && fed < data.length) {
                int k = Math.min(in.capacity(), data.length - fed);
                in.clear();
                in.put(data, fed, k).flip();
                deflater.setInput(in);
                fed += k;
                if (fed == data.length) {
                    deflater.finish();
                }
            }
            out.clear();
            deflater.deflate(out);
            out.flip();
            if (n + out.remaining() > result.length) {
                result = java.util.Arrays.copyOf(result, Math.max(n + out.remaining(), 2 * result.length));
            }
            int k = out.remaining();
            out.get(result, n, k);
            n += k;
        }
        return java.util.Arrays.copyOf(result, n);
    }

    /**
     * Rows prefixed with their filter type, each row filtered with the type that minimises its sum of |bytes| (bytes
     * taken as signed). The first {@code c} bytes of a row have no left neighbour and the first row none above: they
     * count as zeros.
     */
    static byte[] filter(byte[] px, int w, int h, int c) {
        int stride = w * c;
        byte[] out = new byte[h * (stride + 1)];
        byte[] zeros = new byte[stride]; // the row above the first
        for (int y = 0; y < h; y++) {
            int row = y * stride;
            byte[] up = y == 0 ? zeros : px; // the row above starts at up[prev]
            int prev = y == 0 ? 0 : row - stride;
            long s0 = 0;
            long s1 = 0;
            long s2 = 0;
            long s3 = 0;
            long s4 = 0;
            for (int i = 0; i < stride; i++) { // one pass scores all five filters
                int x = px[row + i] & 0xff;
                int b = up[prev + i] & 0xff;
                int a = 0;
                int d = 0;
                if (i >= c) {
                    a = px[row + i - c] & 0xff;
                    d = up[prev + i - c] & 0xff;
                }
                s0 += abs((byte) x);
                s1 += abs((byte) (x - a));
                s2 += abs((byte) (x - b));
                s3 += abs((byte) (x - ((a + b) >>> 1)));
                int pa = abs(b - d); // paeth(a, b, d), written out: the first JIT tier would not inline it
                int pb = abs(a - d);
                int pc = abs(a + b - 2 * d);
                s4 += abs((byte) (x - (pa <= pb && pa <= pc ? a : pb <= pc ? b : d)));
            }
            int best = 0;
            long min = s0;
            if (s1 < min) {
                min = s1;
                best = 1;
            }
            if (s2 < min) {
                min = s2;
                best = 2;
            }
            if (s3 < min) {
                min = s3;
                best = 3;
            }
            if (s4 < min) {
                best = 4;
            }
            int o = y * (stride + 1);
            out[o++] = (byte) best;
            switch (best) {
                case 0 -> System.arraycopy(px, row, out, o, stride);
                case 1 -> {
                    System.arraycopy(px, row, out, o, Math.min(c, stride));
                    for (int i = c; i < stride; i++) {
                        out[o + i] = (byte) (px[row + i] - px[row + i - c]);
                    }
                }
                case 2 -> {
                    for (int i = 0; i < stride; i++) {
                        out[o + i] = (byte) (px[row + i] - up[prev + i]);
                    }
                }
                case 3 -> {
                    for (int i = 0; i < stride; i++) {
                        int a = i >= c ? px[row + i - c] & 0xff : 0;
                        out[o + i] = (byte) (px[row + i] - ((a + (up[prev + i] & 0xff)) >>> 1));
                    }
                }
                default -> {
                    for (int i = 0; i < c && i < stride; i++) { // no left neighbours: Paeth predicts the byte above
                        out[o + i] = (byte) (px[row + i] - up[prev + i]);
                    }
                    for (int i = c; i < stride; i++) {
                        out[o + i] = (byte) (px[row + i] - paeth(px[row + i - c] & 0xff, up[prev + i] & 0xff,
                                up[prev + i - c] & 0xff));
                    }
                }
            }
        }
        return out;
    }

    /** |v| without a branch (small enough for the first JIT tier to inline). */
    private static int abs(int v) {
        int m = v >> 31;
        return (v ^ m) - m;
    }

    /** The PNG Paeth predictor of a (left), b (above) and c (upper left). */
    static int paeth(int a, int b, int c) {
        int pa = abs(b - c); // |p - a| with p = a + b - c
        int pb = abs(a - c);
        int pc = abs(a + b - 2 * c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void chunk(OutputStream out, String type, byte[] data, int length) throws IOException {
        byte[] head = new byte[8];
        putInt(head, 0, length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, head, 4, 4);
        out.write(head);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, 0, length);
        byte[] tail = new byte[4];
        putInt(tail, 0, (int) crc.getValue());
        out.write(tail);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
